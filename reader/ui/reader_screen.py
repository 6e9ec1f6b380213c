"""The reader's main screen: the article list and the article, keyboard first.

It composes the status header, the search bar, the two panes and the
footer, and the parts that do the work (`LibraryScan`, `FeedFetch`,
`ListOrder`, `ListMarks`; the panes open articles themselves). It calls
their methods on the way down and handles the typed messages they post up;
the header's state is a set of reactives here, bound to the header, so no
part can overwrite another's.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

from reader.library.listing import list_articles, search_articles
from reader.library.summary import Summary
from reader.ui.article_list import ArticleList
from reader.ui.article_view import ArticleView
from reader.ui.feed_fetch import FeedFetch, feeds_library
from reader.ui.help_screen import HelpScreen, binding_groups
from reader.ui.key_bar import KeyBar
from reader.ui.library_scan import LibraryScan
from reader.ui.links import copy_link, open_link
from reader.ui.list_marks import ListMarks
from reader.ui.list_order import ListOrder
from reader.ui.messages import LibraryListed
from reader.ui.problem_notices import ProblemNotices
from reader.ui.reading_panes import ReadingPanes
from reader.ui.search_bar import SEARCH_LIMIT, SearchBar
from reader.ui.state_actions import StateKeeper
from reader.ui.status_header import StatusFields, StatusHeader


class ReaderScreen(StatusFields, Screen[None]):
    """The list of articles beside (or, narrow, instead of) the article being read."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "toggle_read", "Read/unread", id="state.toggle_read"),
        Binding("s", "toggle_starred", "Star", id="state.toggle_starred"),
        Binding("M", "mark_all_read", "Mark all read", show=False, id="state.mark_all_read"),
        Binding("O", "cycle_sort", "Sort", show=False, id="list.cycle_sort"),
        Binding("f", "pick_filter", "Filter", show=False, id="list.pick_filter"),
        Binding("U", "toggle_unread_only", "Unread only", show=False, id="list.unread_only"),
        Binding("S", "toggle_starred_only", "Starred only", show=False, id="list.starred_only"),
        Binding("r", "rescan", "Re-scan", show=False, id="library.rescan"),
        Binding(
            "slash",
            "search",
            "Search",
            key_display="/",
            show=False,
            priority=True,
            id="search.open",
        ),
        Binding("R", "fetch_feeds", "Fetch feeds", show=False, id="feeds.fetch"),
        Binding("o", "open_link", "Open in browser", show=False, id="article.open_link"),
        Binding("y", "copy_link", "Copy link", show=False, id="article.copy_link"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("tab", "switch_pane", "Switch pane", priority=True, id="app.switch_pane"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | u | Mark the article read or unread. |
    | s | Star or unstar the article. |
    | M | Mark every listed article read (asks first). |
    | O | Next sort order: newest, oldest, headline A-Z, section. |
    | f | Filter by section or source. |
    | U | Show unread articles only (again: all). |
    | S | Show starred articles only (again: all). |
    | r | Scan the library folders again for new, changed and removed files. |
    | / | Search the library as you type (Escape clears it). |
    | R | Fetch every subscribed feed; new articles appear in the list. |
    | o | Open the article's web page in the browser. |
    | y | Copy the article's web address (OSC 52 clipboard). |
    | q | Quit. |
    | ? | Show every key. |
    | tab | Move between the list and the article. |
    """

    BINDING_GROUP_TITLE = "Broadsheet"

    def __init__(self, paths: Sequence[Path], *, library_dir: Path | None = None) -> None:
        """The reader on `paths` (files and folders); `library_dir` is shown as the place
        to add articles when no article is found, and receives fetched articles."""
        super().__init__()
        self.paths = list(paths)
        """The files and folders the library is read from."""
        self.library_dir = library_dir
        self.keeper = StateKeeper(self._state_problem)
        """The user's marks, reading positions and remembered settings."""
        self.problems = ProblemNotices(self._warn)
        self.order = ListOrder(self.keeper)
        self.marks = ListMarks(self.keeper)
        self.library = LibraryScan(self.paths, lambda: self.order.view, self.problems)
        self.feeds = FeedFetch(lambda: feeds_library(self.paths, library_dir))
        self.status_header = StatusHeader()
        self.search_bar = SearchBar(
            self._find, placeholder="Search headlines, bullets and text", id="search"
        )
        self.panes = ReadingPanes(self.keeper, self.problems, id="panes")
        self._before_search: Path | None = None
        self.loaded = False
        """True once the first scan has finished and the rows it found are listed."""

    def compose(self) -> ComposeResult:
        """Header, search bar, the two panes, footer, and the parts that do the work."""
        # The header's fields follow the screen's (StatusFields) of the same names.
        fields = {name: getattr(ReaderScreen, name) for name in StatusFields.FIELDS}
        yield self.status_header.data_bind(**fields)
        yield self.search_bar
        yield self.panes
        yield KeyBar()
        yield from (self.library, self.feeds, self.order, self.marks)

    def on_mount(self) -> None:
        """Focus the list and start listing the library."""
        keeper = self.keeper
        self.article_list.marks = lambda row: (keeper.is_read(row), keeper.is_starred(row))
        self.view = self.order.view
        self.article_list.focus()
        self.library.start(keeper.marks)

    def on_unmount(self) -> None:
        """Stop the timers, the fetch and the searches; close the index and the state store."""
        self.feeds.stop()
        self.search_bar.stop()
        self.library.close()
        self.panes.stop()
        self.keeper.close()

    @property
    def article_list(self) -> ArticleList:
        """The list of articles."""
        return self.panes.article_list

    @property
    def article_view(self) -> ArticleView:
        """The article pane."""
        return self.panes.article_view

    def current_summary(self) -> Summary | None:
        """The article the keys act on: the one under the list's cursor."""
        return self.article_list.highlighted_summary

    # The list

    def relist(self) -> None:
        """List the library again through the view (or, searching, search again)."""
        if self.search_bar.searching:
            self.search_bar.search_again()
            return
        index = self.library.index
        if index is None:
            self.listed = self.article_list.row_count
            return
        self._show_rows(list_articles(index, self.paths, self.order.view, self.keeper.marks))

    def _show_rows(self, rows: Sequence[Summary]) -> None:
        self.panes.show_rows(rows)
        self.listed = self.article_list.row_count

    def _find(self, query: str) -> list[Summary] | None:
        # Runs in the search bar's worker thread.
        index = self.library.index
        if index is None:  # not open yet: the search runs when it opens
            return None
        marks = self.keeper.marks
        return search_articles(index, self.paths, query, self.order.view, marks, SEARCH_LIMIT)

    # What the parts post

    def on_library_listed(self, message: LibraryListed) -> None:
        """Show the rows (cursor kept on its article) and the unread count."""
        # Once drawn, the library worker goes on to count and scan (see load_library).
        self.call_after_refresh(self.library.rows_shown)
        if message.unread is not None:
            self.unread = message.unread
        if message.view != self.order.view or self.search_bar.searching:
            return  # a newer view or a search is listed already
        if message.rows is self.article_list.rows:  # the same rows, now with their count
            return
        self._show_rows(message.rows)
        self.panes.restore_selected(self._path_of_hash)

    def _path_of_hash(self, digest: str) -> str | None:
        index = self.library.index
        return index.path_of_hash(digest) if index is not None else None

    @on(LibraryScan.Status)
    def _scan_status(self, message: LibraryScan.Status) -> None:
        self.scan = message.text

    @on(LibraryScan.Stopped)
    def _scan_stopped(self) -> None:
        self.scan = "scan stopped"
        self.listed = self.article_list.row_count  # counts, not "Loading…", from now on

    @on(LibraryScan.Opened)
    def _index_opened(self) -> None:
        self.search_bar.search_typed()

    @on(LibraryScan.Scanned)
    def _scanned(self, message: LibraryScan.Scanned) -> None:
        self.panes.stop_restoring()
        # The scan's last rows were posted before it ended, so they are listed by now.
        self.loaded = True
        # After the first scan, an empty library says how to add articles.
        if message.first and self.article_list.row_count == 0 and not self.order.view.filtered:
            self.panes.show_message(self.empty_library_message())

    @on(FeedFetch.Status)
    def _fetch_status(self, message: FeedFetch.Status) -> None:
        self.fetch = message.text

    @on(FeedFetch.Arrived)
    def _feed_arrived(self, message: FeedFetch.Arrived) -> None:
        self.library.index_files(message.paths)

    @on(ListMarks.Changed)
    def _marks_changed(self, message: ListMarks.Changed) -> None:
        self.unread += message.unread_delta
        self.article_list.refresh_rows()

    @on(ListOrder.Changed)
    def _order_changed(self, message: ListOrder.Changed) -> None:
        self.view = message.view
        self.relist()

    @on(SearchBar.Results)
    def _search_results(self, message: SearchBar.Results) -> None:
        article_list = self.article_list
        if not message.query.strip():
            self.search = ""
            article_list.highlight = ""
            self.relist()
            return
        article_list.highlight = message.query
        article_list.set_rows(message.rows)
        article_list.cursor = 0
        self.hits = len(message.rows)
        self.search = message.query

    @on(SearchBar.Closed)
    def _search_closed(self) -> None:
        self.search = ""
        article_list = self.article_list
        article_list.highlight = ""
        self.relist()
        if self._before_search is not None:
            index = article_list.index_of(self._before_search)
            if index is not None:
                article_list.cursor = index
        article_list.focus()

    @on(Input.Submitted, "SearchBar")
    def _search_submitted(self) -> None:
        self.article_list.focus()

    # Articles

    def empty_library_message(self) -> Text:
        """What the article pane says when no article was found."""
        if self.library_dir is not None:
            where = str(self.library_dir)
        else:
            where = ", ".join(str(path) for path in self.paths) or "the library folder"
        return Text(f"No articles yet.\n\nAdd .txt or .md files to {where},\nor run: reader PATH")

    @on(ReadingPanes.Read)
    def _article_read(self, message: ReadingPanes.Read) -> None:
        self.marks.mark_read(message.summary)

    # Keys

    def action_toggle_read(self) -> None:
        """Mark the current article read or unread."""
        if (summary := self.current_summary()) is not None:
            self.marks.toggle_read(summary)

    def action_toggle_starred(self) -> None:
        """Star or unstar the current article."""
        if (summary := self.current_summary()) is not None:
            self.marks.toggle_starred(summary)

    def action_mark_all_read(self) -> None:
        """Mark every listed article read, after asking."""
        self.marks.mark_all_read(self.article_list.rows)

    def action_cycle_sort(self) -> None:
        """Next sort order."""
        self.order.cycle_sort()

    def action_pick_filter(self) -> None:
        """Choose a section or source to filter by (or clear them)."""
        if self.library.index is not None:
            self.order.pick_filter(self.library.index, self.paths)

    def action_toggle_unread_only(self) -> None:
        """Unread articles only, or all."""
        self.order.toggle_unread_only()

    def action_toggle_starred_only(self) -> None:
        """Starred articles only, or all."""
        self.order.toggle_starred_only()

    def action_rescan(self) -> None:
        """Scan the library folders again."""
        self.library.rescan()

    def action_search(self) -> None:
        """Open the search field."""
        summary = self.article_list.highlighted_summary
        before = summary.path if summary is not None else None
        if self.search_bar.open():
            self._before_search = before

    def action_fetch_feeds(self) -> None:
        """Fetch every subscribed feed in a worker."""
        self.feeds.fetch()

    def action_open_link(self) -> None:
        """Open the article's web page in the browser (or copy it, with no browser here)."""
        open_link(self.app, self.current_summary())

    def action_copy_link(self) -> None:
        """Copy the article's web address to the clipboard (OSC 52)."""
        copy_link(self.app, self.current_summary())

    async def action_quit(self) -> None:
        """Quit (the app remembers the places first)."""
        await self.app.action_quit()

    def action_help(self) -> None:
        """Show every key, from the live bindings."""
        panes = (self.article_list, self.article_view)
        self.app.push_screen(HelpScreen(binding_groups(self, extra=panes)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`/` is a priority key (so keys typed just after it reach the field): not in it."""
        if action == "search":
            return self.focused is not self.search_bar
        return True

    def action_switch_pane(self) -> None:
        """Tab: move to the other pane."""
        self.panes.switch_pane()

    def remember_places(self) -> None:
        """Remember the place in the article and the selected article (on quitting)."""
        self.panes.remember_places(selected=self.loaded)

    # Problems

    def _state_problem(self, message: str) -> None:
        # Reported after mounting: the store opens before the screen can show a notice.
        self.call_later(self.notify, message, title="State", severity="warning", markup=False)

    def _warn(self, message: str, title: str) -> None:
        self.notify(message, title=title, severity="warning", markup=False)
