"""Search as you type: `/` opens a field over the list, results replace the rows.

Each search runs over the app's library index in an exclusive thread worker
after a short pause in typing, and posts the matching summaries (through
the list's filters). Escape clears the search and puts the cursor back.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.events import Key
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import get_current_worker

from reader.library.listing import search_articles
from reader.library.summary import Summary
from reader.ui.library_app import LibraryApp

SEARCH_DELAY = 0.1
"""Seconds of rest in typing before a search runs."""

SEARCH_LIMIT = 500
"""At most this many matches are listed."""


class SearchInput(Input):
    """The search field; hidden until `/`."""

    DEFAULT_CSS = """
    SearchInput { display: none; }
    """


class SearchResults(Message):
    """A search finished: the matching articles, best first."""

    def __init__(self, query: str, rows: Sequence[Summary]) -> None:
        """`rows` matched `query`."""
        super().__init__()
        self.query = query
        """The text searched for."""
        self.rows = list(rows)
        """The matching articles the list's filters let through, best first."""


class SearchApp(LibraryApp):
    """Search over the list (the app's base class, above the list state)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "search",
            "Search",
            key_display="/",
            show=False,
            priority=True,
            id="search.open",
        ),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | / | Search the library as you type (Escape clears it). |
    """

    def __init__(self) -> None:
        """No search yet."""
        super().__init__()
        self._search_timer: Timer | None = None
        self._before_search: Path | None = None
        self.search_query = ""
        """The query whose results the list shows ("" when not searching)."""

    @property
    def search_input(self) -> SearchInput:
        """The search field."""
        return self.query_one(SearchInput)

    def action_search(self) -> None:
        """Open the search field."""
        field = self.search_input
        if not field.display:
            summary = self.article_list.highlighted_summary
            self._before_search = summary.path if summary is not None else None
            field.display = True
        # At once, not deferred like focus(): keys typed right after `/` belong to the field.
        self.screen.set_focus(field)

    @on(Input.Changed, "SearchInput")
    def _typed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        query = event.value
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self._search(query))

    @on(Input.Submitted, "SearchInput")
    def _submitted(self) -> None:
        self.article_list.focus()

    def on_key(self, event: Key) -> None:
        """Escape in the search field clears the search."""
        if event.key == "escape" and self.focused is self.query_one(SearchInput):
            event.stop()
            self.clear_search()

    def clear_search(self) -> None:
        """Close the field, list every article again and put the cursor back."""
        if self._search_timer is not None:
            self._search_timer.stop()
        self.workers.cancel_group(self, "search")
        field = self.search_input
        field.display = False
        field.value = ""
        self.search_query = ""
        self.status_header.search = ""
        article_list = self.article_list
        article_list.highlight = ""
        self.relist()
        if self._before_search is not None:
            index = article_list.index_of(self._before_search)
            if index is not None:
                article_list.cursor = index
        article_list.focus()

    def listing_paused(self) -> bool:
        """The list shows search results: a re-scan must not replace them."""
        return bool(self.search_query.strip())

    def index_opened(self) -> None:
        """Run a search typed before the index had opened."""
        query = self.search_input.value
        if self.search_input.display and query.strip():
            self._search(query)

    def relist(self) -> None:
        """Search again when searching (the sort or filters changed), else list the library."""
        if self.listing_paused():
            self._search(self.search_query)
        else:
            super().relist()

    @work(thread=True, exclusive=True, exit_on_error=False, group="search", name="search")
    def _search(self, query: str) -> None:
        worker = get_current_worker()
        index, keeper = self.index, self.keeper
        if index is None or keeper is None:  # not open yet: `index_opened` searches then
            return
        rows: list[Summary] = []
        if query.strip():
            rows = search_articles(index, self.paths, query, self.view, keeper.marks, SEARCH_LIMIT)
        if not worker.is_cancelled:
            self.post_message(SearchResults(query, rows))

    def on_search_results(self, message: SearchResults) -> None:
        """List the matches, best first, with the words highlighted."""
        if message.query != self.search_input.value or not self.search_input.display:
            return
        article_list = self.article_list
        self.search_query = message.query
        header = self.status_header
        if not message.query.strip():
            header.search = ""
            article_list.highlight = ""
            self.relist()
            return
        article_list.highlight = message.query
        article_list.set_rows(message.rows)
        article_list.cursor = 0
        header.hits = len(message.rows)
        header.search = message.query
