"""`SummaryRows`: the index's answer to "what is in the list", loaded a page at a time.

Listing 100,000 articles fetches their ids in list order only (one query
over a covering index, a few milliseconds); a row's summary columns are
fetched with its page of neighbours when the list first draws or reads
it. A list widget that draws 40 rows so never builds the other 99,960.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from reader.library.path_text import file_path
from reader.library.summary import SUMMARY_COLUMNS, Summary

LIST_COLUMNS = SUMMARY_COLUMNS[: SUMMARY_COLUMNS.index("lead")]
"""The `articles` columns a list row is built from: every Summary field but the lead."""
ROW_COLUMNS = ", ".join(LIST_COLUMNS)
"""`LIST_COLUMNS` as SQL."""

Row = tuple[Any, ...]
"""Values of `LIST_COLUMNS` (or of every `SUMMARY_COLUMNS`), in that order."""
Fetch = Callable[[Sequence[int]], dict[int, Row]]
"""Fetches the rows of some article ids (ids no longer indexed are left out)."""
LookUp = Callable[[str], int | None]
"""The article id of a path, as the index spells paths."""

PAGE_ROWS = 256
"""Rows fetched together."""
CACHED_PAGES = 64
"""Pages of built summaries kept; the oldest is dropped beyond this."""

GONE_HEADLINE = "(no longer in the library)"
"""The headline of a row whose article left the index after the list was made."""


def summary_from_row(row: Row) -> Summary:
    """A Summary from a row of `LIST_COLUMNS`, or of every `SUMMARY_COLUMNS` (with the lead)."""
    return Summary(Path(file_path(row[0])), *row[1:])


def _gone() -> Summary:
    """The stand-in for a row removed from the index since the list was made."""
    return Summary(Path(), GONE_HEADLINE, None, None, None, 0.0, 0, 0)


class SummaryRows(Sequence[Summary]):
    """Summaries in list order; each page of rows is fetched the first time it is read.

    Keep it as a sequence: `list(rows)` builds every Summary (some 10 to 20
    µs each, most of it making the Path), which for 100,000 rows is the
    second or so the lazy pages avoid. Read it from the thread that made it
    (each thread has its own index connection). Re-list after a refresh:
    rows removed in between read as GONE_HEADLINE stand-ins, never raise.
    """

    __slots__ = ("_fetch", "_ids", "_look_up", "_pages", "_positions")

    def __init__(
        self,
        ids: list[int],
        fetch: Fetch,
        look_up: LookUp | None = None,
        rows: dict[int, Row] | None = None,
    ) -> None:
        """Article `ids` in order; `fetch` loads rows, `rows` may hold some already."""
        self._ids = ids
        self._fetch = fetch
        self._look_up = look_up
        self._pages: dict[int, list[Summary]] = {}
        self._positions: dict[int, int] | None = None
        if rows is not None and len(ids) <= PAGE_ROWS * CACHED_PAGES:
            for page in range(0, len(ids), PAGE_ROWS):
                self._pages[page // PAGE_ROWS] = self._build(ids[page : page + PAGE_ROWS], rows)

    @property
    def ids(self) -> Sequence[int]:
        """The article ids, in list order."""
        return self._ids

    def __len__(self) -> int:
        """How many articles."""
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> Summary: ...

    @overload
    def __getitem__(self, index: slice) -> list[Summary]: ...

    def __getitem__(self, index: int | slice) -> Summary | list[Summary]:
        """The summary at `index` (or a list of them for a slice)."""
        if isinstance(index, slice):
            return [self[number] for number in range(*index.indices(len(self._ids)))]
        if index < 0:
            index += len(self._ids)
        if not 0 <= index < len(self._ids):
            raise IndexError("row index out of range")
        page, offset = divmod(index, PAGE_ROWS)
        return self._page(page)[offset]

    def __iter__(self) -> Iterator[Summary]:
        """Every summary, in order (fetching a page at a time)."""
        for page in range((len(self._ids) + PAGE_ROWS - 1) // PAGE_ROWS):
            yield from self._page(page)

    def index_of(self, path: Path | str) -> int | None:
        """The position of the article at `path` (the resolved path), or None."""
        if self._look_up is None:
            for number, summary in enumerate(self):
                if str(summary.path) == str(path):
                    return number
            return None
        row_id = self._look_up(str(path))
        if row_id is None:
            return None
        if self._positions is None:
            self._positions = {value: number for number, value in enumerate(self._ids)}
        return self._positions.get(row_id)

    def _page(self, page: int) -> list[Summary]:
        """The built summaries of one page, fetched when not cached."""
        built = self._pages.get(page)
        if built is None:
            ids = self._ids[page * PAGE_ROWS : (page + 1) * PAGE_ROWS]
            built = self._build(ids, self._fetch(ids))
            if len(self._pages) >= CACHED_PAGES:
                del self._pages[next(iter(self._pages))]
            self._pages[page] = built
        return built

    @staticmethod
    def _build(ids: Sequence[int], rows: dict[int, Row]) -> list[Summary]:
        """Summaries for `ids` from fetched rows, stand-ins where a row is gone."""
        return [summary_from_row(rows[i]) if i in rows else _gone() for i in ids]
