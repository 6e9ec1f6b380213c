"""Search as you type: `/` opens a field over the list, and its matches replace the rows.

`SearchBar` owns the wait for a pause in typing and the search worker. It
is given the search itself (a function from a query to the matching
summaries, run in a thread), posts `Results` up for the query shown in the
field, and `Closed` when Escape clears the search.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import on, work
from textual.events import Key
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import Worker, get_current_worker

from reader.library.summary import Summary
from reader.ui.controller import report_failed_worker

SEARCH_DELAY = 0.1
"""Seconds of rest in typing before a search runs."""

SEARCH_LIMIT = 500
"""At most this many matches are listed."""

Search = Callable[[str], Sequence[Summary] | None]
"""The matches of a query, best first (None while the library index is not open)."""


class SearchBar(Input):
    """The search field; hidden until `/`."""

    DEFAULT_CSS = """
    SearchBar { display: none; }
    """

    class Results(Message):
        """The matches of the query the field shows, best first."""

        def __init__(self, query: str, rows: Sequence[Summary]) -> None:
            """`rows` matched `query`."""
            super().__init__()
            self.query = query
            """The text searched for."""
            self.rows = list(rows)
            """The matching articles the list's filters let through, best first."""

    class Closed(Message):
        """Escape closed the field: the list shows the library again."""

    def __init__(self, search: Search, *, placeholder: str = "", id: str | None = None) -> None:
        """A search field that runs `search` in a thread worker."""
        super().__init__(placeholder=placeholder, id=id)
        self._search_for = search
        self._timer: Timer | None = None
        self.shown_query = ""
        """The query whose matches the list shows ("" when not searching)."""

    @property
    def searching(self) -> bool:
        """True while the list shows matches instead of the library."""
        return bool(self.shown_query.strip())

    def open(self) -> bool:
        """Show the field and focus it; True when it was closed before."""
        opened = not self.display
        self.display = True
        # At once, not deferred like focus(): keys typed right after `/` belong to the field.
        self.screen.set_focus(self)
        return opened

    def close(self) -> None:
        """Hide and empty the field, stop any search, and post `Closed`."""
        self._stop()
        self.display = False
        self.value = ""
        self.shown_query = ""
        self.post_message(self.Closed())

    def search_again(self) -> None:
        """Run the search shown once more (the sort or filters changed)."""
        if self.searching:
            self._search(self.shown_query)

    def search_typed(self) -> None:
        """Run the query typed so far, if any (it was typed before the index opened)."""
        if self.display and self.value.strip():
            self._search(self.value)

    def stop(self) -> None:
        """Stop the search waiting or running (on exit)."""
        self._stop()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        query = event.value
        self._timer = self.set_timer(SEARCH_DELAY, lambda: self._search(query))

    def on_key(self, event: Key) -> None:
        """Escape clears the search."""
        if event.key == "escape":
            event.stop()
            self.close()

    def on_search_bar_results(self, message: Results) -> None:
        """Keep only the matches of what the field shows now; they go on up to the screen."""
        if message.query != self.value or not self.display:
            message.stop()
            return
        self.shown_query = message.query

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Tell the user if a search failed."""
        report_failed_worker(self, event)

    @work(thread=True, exclusive=True, exit_on_error=False, group="search", name="search")
    def _search(self, query: str) -> None:
        worker = get_current_worker()
        rows = self._search_for(query) if query.strip() else []
        if rows is not None and not worker.is_cancelled:
            self.post_message(self.Results(query, rows))

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.workers.cancel_node(self)
