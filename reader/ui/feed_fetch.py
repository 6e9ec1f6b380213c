"""Fetching feeds from the app: `R` fetches every subscribed feed in a worker.

`FeedFetch` runs `reader.feeds.fetch.fetch_all` in a thread worker, posts
its progress up for the header (`Status`) and each finished feed's new
article files (`Arrived`) so they can be indexed and listed while other
feeds are still being fetched, and says at the end what the fetch brought.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from textual import work
from textual.message import Message

from reader.feeds.errors import FeedError
from reader.feeds.progress import FeedProgress, FetchReport
from reader.feeds.subscriptions import load_subscriptions
from reader.library.files import default_library_dir
from reader.ui.controller import Controller, StatusText

NO_FEEDS = "no feeds"
"""The reason a fetch did not start when nothing is subscribed."""


def feeds_library(paths: Sequence[Path], library_dir: Path | None) -> Path:
    """The folder new articles are written to: the library the app was opened on.

    `library_dir` when the app has one; opened on one folder, that folder (so
    new articles show in the list); on files or several folders, the user's
    library folder.
    """
    if library_dir is not None:
        return library_dir
    folders = [path for path in paths if path.is_dir()]
    return folders[0] if len(folders) == 1 else default_library_dir()


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


class FeedFetch(Controller):
    """Fetches every feed into the library folder, one fetch at a time."""

    class Status(StatusText):
        """How far the fetch has got, for the header ("" when none runs)."""

    class Arrived(Message):
        """A feed has finished and wrote these new article files."""

        def __init__(self, paths: Sequence[Path]) -> None:
            """`paths` were just written."""
            super().__init__()
            self.paths = list(paths)

    def __init__(self, library: Callable[[], Path]) -> None:
        """New articles are written to the folder `library()` names."""
        super().__init__()
        self._library = library
        self._cancel: threading.Event | None = None

    def fetch(self) -> None:
        """Fetch every subscribed feed in a worker (unless a fetch runs already)."""
        if self._cancel is not None:
            self.notify("The feeds are being fetched already.", title="Feeds", markup=False)
            return
        self._cancel = threading.Event()
        self.post_message(self.Status("fetching feeds…"))
        self._fetch(self._cancel)

    def stop(self) -> None:
        """Ask a running fetch to stop (on exit): requests in flight finish, nothing new starts."""
        if self._cancel is not None:
            self._cancel.set()

    @work(thread=True, exclusive=True, exit_on_error=False, group="fetch", name="fetch")
    def _fetch(self, cancel: threading.Event) -> None:
        # Imported here: httpx, feedparser and the page extractor cost a tenth of a
        # second at start-up, for a key most sessions never press.
        from reader.feeds.fetch import fetch_all

        try:
            feeds = load_subscriptions()
            if not feeds:
                self.post_message(FetchDone(None, NO_FEEDS))
                return
            report = fetch_all(
                feeds, library_dir=self._library(), on_progress=self._post_step, cancel=cancel
            )
        except FeedError as error:
            self.post_message(FetchDone(None, str(error)))
            return
        self.post_message(FetchDone(report))

    def _post_step(self, step: FeedProgress) -> None:
        self.post_message(FeedStep(step))

    def on_feed_step(self, message: FeedStep) -> None:
        """Say how far the fetch has got; pass a finished feed's new articles up."""
        message.stop()
        step = message.progress
        self.post_message(self.Status(f"fetching feeds {step.done:,} / {step.total:,}"))
        if step.kind == "finished" and step.result is not None and step.result.new:
            self.post_message(self.Arrived(step.result.new))

    def on_fetch_done(self, message: FetchDone) -> None:
        """Say what the fetch brought, and which feeds failed."""
        message.stop()
        self._cancel = None
        self.post_message(self.Status(""))
        if message.error == NO_FEEDS:
            self.notify(
                "No feeds yet. Add one with: reader feed add URL", title="Feeds", markup=False
            )
            return
        if message.report is None:
            self.notify(message.error or "", title="Feeds", severity="error", markup=False)
            return
        report = message.report
        new = len(report.new_paths)
        lines = [f"{len(report.results):,} feeds fetched, {new:,} new articles."]
        if new:
            lines.append(f"Written to {self._library()}")
        lines += [f"{result.title}: {result.message}" for result in report.failed[:5]]
        self.notify(
            "\n".join(lines),
            title="Feeds",
            severity="warning" if report.failed else "information",
            markup=False,
        )
