"""The header: the app's title and one status line computed from reactives.

The app sets what it knows (how many articles are listed, how many are
unread, the sort and filters, the search shown, the scan's and the fetch's
progress) and the line is computed from all of it at once, so no change
can overwrite another's part: a scan step during a search keeps the search.
"""

from __future__ import annotations

from contextlib import suppress

from textual.content import Content
from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.reactive import reactive
from textual.widgets import Header, Static

from reader.formats.text import shown_text
from reader.library.listing import SortAndFilters

LOADING = "Loading…"
"""The status line until the library is first listed."""


def status_line(
    listed: int | None,
    unread: int,
    view: SortAndFilters,
    search: str = "",
    hits: int = 0,
    progress: tuple[str, ...] = (),
) -> str:
    """The header's status: the search shown, else the counts; then each progress."""
    if search:
        query = shown_text(search)  # pasted text may hold anything
        if hits:
            noun = "match" if hits == 1 else "matches"
            head = f"{hits:,} {noun} for “{query}” · {view.describe()}"
        else:
            head = f"No articles match “{query}”"
    elif listed is None:
        head = LOADING
    else:
        noun = "article" if listed == 1 else "articles"
        head = f"{listed:,} {noun} · {unread:,} unread · {view.describe()}"
    return " · ".join([head, *(part for part in progress if part)])


class StatusFields:
    """What the status line is made of, as reactives.

    The reader's screen holds them and binds them to its header's, which
    are declared by the same class, so both always have the same fields.
    """

    FIELDS = ("listed", "unread", "view", "search", "hits", "scan", "fetch")
    """The names of the fields, for binding one holder's to another's."""

    listed: reactive[int | None] = reactive(None)
    """How many articles the list shows (None until first listed)."""
    unread: reactive[int] = reactive(0)
    """How many articles of the library are unread (whatever the filters show)."""
    view: reactive[SortAndFilters] = reactive(SortAndFilters())
    """The sort and filters in force."""
    search: reactive[str] = reactive("")
    """The query whose matches the list shows ("" when it shows the library)."""
    hits: reactive[int] = reactive(0)
    """How many articles matched `search`."""
    scan: reactive[str] = reactive("")
    """The scan's progress ("" when no scan runs)."""
    fetch: reactive[str] = reactive("")
    """The feeds fetch's progress ("" when no fetch runs)."""


class StatusHeader(StatusFields, Header):
    """Textual's header, its sub-title computed from the reader's state."""

    status: reactive[str] = reactive(LOADING)
    """The status line shown after the title, computed from the reactives above."""

    def compute_status(self) -> str:
        """The status line from the current state."""
        return status_line(
            self.listed, self.unread, self.view, self.search, self.hits, (self.scan, self.fetch)
        )

    def watch_status(self, status: str) -> None:
        """Show the new line (from the argument: reading `status` here would compute it again)."""
        with suppress(NoMatches, NoScreen):  # not mounted yet: mounting shows it
            # By its CSS type name: Textual does not export the header's title widget.
            self.query_one("HeaderTitle", Static).update(self._title_with(status))

    def format_title(self) -> Content:
        """The title, then the status line (as Textual's header shows a sub-title)."""
        return self._title_with(self.status)

    def _title_with(self, status: str) -> Content:
        return self.app.format_title(self.screen_title, status)
