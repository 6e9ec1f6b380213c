"""Which articles the list shows, and in what order: the sort and the filters.

The app keeps every summary read; `ListView.apply` turns them into the rows
shown. Sorting builds one light key per row and sorts once, so 100,000 rows
re-sort without a widget per row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from reader.library.summary import Summary

SORTS = ("newest", "oldest", "headline", "section")
"""The sort orders, in the order `o` cycles through them."""

SORT_LABELS = {
    "newest": "newest first",
    "oldest": "oldest first",
    "headline": "headline A-Z",
    "section": "by section",
}

Flag = Callable[[Summary], bool]


_DATE_LABELS: dict[str | None, str] = {}
"""Published string -> its date label: parsing dates is the costly part of a sort."""


def _date_key(summary: Summary) -> tuple[str, float]:
    if summary.published:
        label = _DATE_LABELS.get(summary.published)
        if label is None:
            if len(_DATE_LABELS) > 200_000:  # a bound, for a library that keeps changing
                _DATE_LABELS.clear()
            label = _DATE_LABELS[summary.published] = summary.date_label
        return (label, summary.file_time)
    return (summary.date_label, summary.file_time)


def _headline_key(summary: Summary) -> str:
    return " ".join(summary.headline.split()).casefold()


def _section_key(summary: Summary) -> tuple[int, str, str]:
    section = (summary.section or "").casefold()
    # Articles without a section go last, then newest first within each section is
    # too costly to mix with A-Z in one key: headline order inside a section instead.
    return (0 if section else 1, section, _headline_key(summary))


@dataclass(frozen=True, slots=True)
class ListView:
    """A sort order and the filters in force."""

    sort: str = "newest"
    section: str | None = None
    source: str | None = None
    unread_only: bool = False
    starred_only: bool = False

    @property
    def filtered(self) -> bool:
        """True when any filter is on."""
        return bool(self.section or self.source or self.unread_only or self.starred_only)

    def next_sort(self) -> ListView:
        """The same view with the next sort order."""
        index = SORTS.index(self.sort) if self.sort in SORTS else -1
        return replace(self, sort=SORTS[(index + 1) % len(SORTS)])

    def describe(self) -> str:
        """The sort and the filters, as a short line for the header."""
        parts = [SORT_LABELS.get(self.sort, self.sort)]
        if self.section:
            parts.append(f"section: {self.section}")
        if self.source:
            parts.append(f"source: {self.source}")
        if self.unread_only:
            parts.append("unread only")
        if self.starred_only:
            parts.append("starred only")
        return " · ".join(parts)

    def apply(self, rows: Sequence[Summary], is_read: Flag, is_starred: Flag) -> list[Summary]:
        """The rows to show: `rows` filtered, then sorted."""
        shown = [row for row in rows if self.accepts(row, is_read, is_starred)]
        if self.sort == "newest":
            shown.sort(key=_date_key, reverse=True)
        elif self.sort == "oldest":
            shown.sort(key=_date_key)
        elif self.sort == "headline":
            shown.sort(key=_headline_key)
        elif self.sort == "section":
            shown.sort(key=_section_key)
        return shown

    def accepts(self, row: Summary, is_read: Flag, is_starred: Flag) -> bool:
        """True when `row` passes every filter."""
        if self.section is not None and row.section != self.section:
            return False
        if self.source is not None and row.source != self.source:
            return False
        if self.unread_only and is_read(row):
            return False
        return not (self.starred_only and not is_starred(row))


def values_present(rows: Sequence[Summary], field: str) -> list[str]:
    """The distinct non-empty values of `field` ("section" or "source") in `rows`, A-Z."""
    found = {getattr(row, field) for row in rows}
    return sorted((value for value in found if value), key=str.casefold)
