"""Search as you type: `/` opens a field over the list, results replace the rows.

The full-text index (`reader.library.index`) is opened and refreshed from the
app's paths in the first search's thread worker; each search runs in an
exclusive thread worker after a short pause in typing, and posts the
content hashes it found. Escape clears the search and puts the cursor back.
"""

from __future__ import annotations

import threading
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

from reader.library.index import LibraryIndex
from reader.ui.list_state import ListStateApp

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
    """A search finished: the content hashes of the matches, best first."""

    def __init__(self, query: str, hashes: Sequence[str]) -> None:
        """`hashes` matched `query`."""
        super().__init__()
        self.query = query
        """The text searched for."""
        self.hashes = list(hashes)
        """Content hashes of the matching articles, best first."""


class SearchApp(ListStateApp):
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

    paths: list[Path]

    def __init__(self) -> None:
        """No search yet."""
        super().__init__()
        self._index: LibraryIndex | None = None
        self._index_lock = threading.Lock()
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
        article_list = self.article_list
        article_list.highlight = ""
        self.apply_view()
        if self._before_search is not None:
            index = article_list.index_of(self._before_search)
            if index is not None:
                article_list.cursor = index
        article_list.focus()

    @work(thread=True, exclusive=True, exit_on_error=False, group="search", name="search")
    def _search(self, query: str) -> None:
        worker = get_current_worker()
        with self._index_lock:
            if self._index is None:
                index = LibraryIndex.open()
                index.refresh(self.paths, cancelled=lambda: worker.is_cancelled)
                if worker.is_cancelled:
                    index.close()
                    return
                self._index = index
        if query.strip():
            hashes = [row.content_hash for row in self._index.search(query, SEARCH_LIMIT)]
        else:
            hashes = []
        if not worker.is_cancelled:
            self.post_message(SearchResults(query, hashes))

    def on_search_results(self, message: SearchResults) -> None:
        """List the matches, best first, with the words highlighted."""
        if message.query != self.search_input.value or not self.search_input.display:
            return
        article_list = self.article_list
        self.search_query = message.query
        if not message.query.strip():
            article_list.highlight = ""
            self.apply_view()
            return
        by_hash = {row.content_hash: row for row in self.all_rows}
        rows = [by_hash[digest] for digest in message.hashes if digest in by_hash]
        article_list.highlight = message.query
        article_list.set_rows(rows)
        article_list.cursor = 0
        if rows:
            noun = "match" if len(rows) == 1 else "matches"
            self.sub_title = f"{len(rows):,} {noun} for “{message.query}”"
        else:
            self.sub_title = f"No articles match “{message.query}”"

    def close_index(self) -> None:
        """Close the index (on exit)."""
        with self._index_lock:
            if self._index is not None:
                self._index.close()
                self._index = None
