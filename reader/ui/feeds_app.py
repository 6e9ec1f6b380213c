"""Feeds and links in the app: `R` fetches every feed, `o` opens the article's link, `y` copies it
(which links, and whether a browser may open, is `links`).

The fetch runs in a thread worker (`reader.feeds.fetch.fetch_all`), which
posts each step; when a feed has finished, its new article files are
indexed at once, so they appear in the list (unread) while other feeds are
still being fetched. The header shows how many feeds are done.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.worker import get_current_worker

from reader.feeds.errors import FeedError
from reader.feeds.progress import FeedProgress, FetchReport
from reader.feeds.subscriptions import load_subscriptions
from reader.library.files import default_library_dir
from reader.ui import loading
from reader.ui.links import has_graphical_browser, web_address
from reader.ui.search_app import SearchApp


class FeedStep(Message):
    """One step of a fetch (a feed started, an article written, a feed finished)."""

    def __init__(self, progress: FeedProgress) -> None:
        """The fetch reported `progress`."""
        super().__init__()
        self.progress = progress


class FetchDone(Message):
    """A fetch of every feed is over (`report`), or could not start (`error`)."""

    def __init__(self, report: FetchReport | None, error: str | None = None) -> None:
        """The fetch's `report`, or why it could not run."""
        super().__init__()
        self.report = report
        self.error = error


class FeedsApp(SearchApp):
    """Fetching feeds and using articles' links (the app's base class, above search)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("R", "fetch_feeds", "Fetch feeds", show=False, id="feeds.fetch"),
        Binding("o", "open_link", "Open in browser", show=False, id="article.open_link"),
        Binding("y", "copy_link", "Copy link", show=False, id="article.copy_link"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | R | Fetch every subscribed feed; new articles appear in the list. |
    | o | Open the article's web page in the browser. |
    | y | Copy the article's web address (OSC 52 clipboard). |
    """

    library_dir: Path | None

    def __init__(self) -> None:
        """No fetch running."""
        super().__init__()
        self._fetch_cancel: threading.Event | None = None

    # Fetching feeds

    def action_fetch_feeds(self) -> None:
        """Fetch every subscribed feed in a worker."""
        if self._fetch_cancel is not None:
            self.notify("The feeds are being fetched already.", title="Feeds", markup=False)
            return
        self._fetch_cancel = threading.Event()
        self.status_header.fetch = "fetching feeds…"
        self._fetch(self._fetch_cancel)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fetch", name="fetch")
    def _fetch(self, cancel: threading.Event) -> None:
        # Imported here: httpx, feedparser and the page extractor cost a tenth of a
        # second at start-up, for a key most sessions never press.
        from reader.feeds.fetch import fetch_all

        try:
            feeds = load_subscriptions()
            if not feeds:
                self.post_message(FetchDone(None, "no feeds"))
                return
            report = fetch_all(
                feeds,
                library_dir=self.feeds_library(),
                on_progress=self._post_step,
                cancel=cancel,
            )
        except FeedError as error:
            self.post_message(FetchDone(None, str(error)))
            return
        self.post_message(FetchDone(report))

    def _post_step(self, step: FeedProgress) -> None:
        self.post_message(FeedStep(step))

    def feeds_library(self) -> Path:
        """The folder new articles are written to: the library the app was opened on.

        Opened on one folder, that folder (so new articles show in the list);
        on files or several folders, the user's library folder.
        """
        if self.library_dir is not None:
            return self.library_dir
        folders = [path for path in self.paths if path.is_dir()]
        return folders[0] if len(folders) == 1 else default_library_dir()

    def on_feed_step(self, message: FeedStep) -> None:
        """Show progress; index a finished feed's new articles so they are listed."""
        step = message.progress
        self.status_header.fetch = f"fetching feeds {step.done:,} / {step.total:,}"
        if step.kind == "finished" and step.result is not None and step.result.new:
            self._index_files(list(step.result.new))

    @work(thread=True, exclusive=False, exit_on_error=False, group="arrivals", name="arrivals")
    def _index_files(self, paths: list[Path]) -> None:
        index, keeper = self.index, self.keeper
        worker = get_current_worker()
        if index is not None and keeper is not None:
            loading.index_files(
                index,
                paths,
                self.paths,
                lambda: self.view,
                keeper.marks,
                self.post_message,
                lambda: worker.is_cancelled,
            )

    def on_fetch_done(self, message: FetchDone) -> None:
        """Say what the fetch brought, and which feeds failed."""
        self._fetch_cancel = None
        self.status_header.fetch = ""
        if message.error == "no feeds":
            self.notify(
                "No feeds yet. Add one with: reader feed add URL",
                title="Feeds",
                markup=False,
            )
            return
        if message.report is None:
            self.notify(message.error or "", title="Feeds", severity="error", markup=False)
            return
        report = message.report
        new = len(report.new_paths)
        lines = [f"{len(report.results):,} feeds fetched, {new:,} new articles."]
        if new:
            lines.append(f"Written to {self.feeds_library()}")
        lines += [f"{result.title}: {result.message}" for result in report.failed[:5]]
        self.notify(
            "\n".join(lines),
            title="Feeds",
            severity="warning" if report.failed else "information",
            markup=False,
        )

    def stop_fetch(self) -> None:
        """Ask a running fetch to stop (on exit): requests in flight finish, nothing new starts."""
        if self._fetch_cancel is not None:
            self._fetch_cancel.set()

    # Links

    def article_link(self) -> str | None:
        """The web address of the article the keys act on, if it has one we may open.

        Read from the list's row (the index stores it), so the article is not parsed.
        """
        return web_address(self.current_summary())

    def action_open_link(self) -> None:
        """Open the article's web page in the browser (or copy it, with no browser here)."""
        url = self.article_link()
        if url is None:
            self.notify("This article has no web address.", title="Open", markup=False)
        elif has_graphical_browser():
            self.open_url(url)
            self.notify(f"Opening {url}", title="Open", markup=False)
        else:
            self.copy_to_clipboard(url)
            self.notify(
                f"No graphical browser here; copied the address instead:\n{url}",
                title="Open",
                markup=False,
            )

    def action_copy_link(self) -> None:
        """Copy the article's web address to the clipboard (OSC 52)."""
        url = self.article_link()
        if url is None:
            self.notify("This article has no web address.", title="Copy", markup=False)
            return
        self.copy_to_clipboard(url)
        self.notify(
            f"Copied (where the terminal allows OSC 52):\n{url}", title="Copy", markup=False
        )
