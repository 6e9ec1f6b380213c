"""What the article list shows: the index's rows through a sort and filters, and the marks.

The sort and the section and source filters run in SQL (`LibraryIndex.summaries`),
so listing 100,000 articles builds no per-row objects. The unread-only and
starred-only filters and the unread count need the user's marks, which live
in the state store, not the index: they read every row's (path, hash) key
once and look it up in the in-memory `StateMap`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reader.library.index import LibraryIndex, SortOrder, SummaryRows
from reader.library.state_sql import StateMap
from reader.library.summary import Summary

SORT_LABELS = {
    SortOrder.NEWEST: "newest first",
    SortOrder.OLDEST: "oldest first",
    SortOrder.HEADLINE: "headline A-Z",
    SortOrder.SECTION: "by section",
}
"""Each sort order as the header names it, in the order `next_sort` cycles through them."""


@dataclass(frozen=True, slots=True)
class SortAndFilters:
    """The article list's sort order and the filters in force (the user's "view" of it)."""

    sort: SortOrder = SortOrder.NEWEST
    section: str | None = None
    source: str | None = None
    unread_only: bool = False
    starred_only: bool = False

    @property
    def filtered(self) -> bool:
        """True when any filter is on."""
        return bool(self.section or self.source or self.unread_only or self.starred_only)

    @property
    def by_marks(self) -> bool:
        """True when a filter needs the user's marks (unread only, starred only)."""
        return self.unread_only or self.starred_only

    def next_sort(self) -> SortAndFilters:
        """The same view with the next sort order."""
        orders = list(SORT_LABELS)
        return replace(self, sort=orders[(orders.index(self.sort) + 1) % len(orders)])

    def describe(self) -> str:
        """The sort and the filters, as a short line for the header."""
        parts = [SORT_LABELS[self.sort]]
        if self.section:
            parts.append(f"section: {self.section}")
        if self.source:
            parts.append(f"source: {self.source}")
        if self.unread_only:
            parts.append("unread only")
        if self.starred_only:
            parts.append("starred only")
        return " · ".join(parts)

    def to_json(self) -> dict[str, Any]:
        """The view as a JSON object, to remember it across restarts."""
        return {
            "sort": str(self.sort),
            "section": self.section,
            "source": self.source,
            "unread_only": self.unread_only,
            "starred_only": self.starred_only,
        }

    @classmethod
    def from_json(cls, data: object) -> SortAndFilters:
        """A view from `to_json` output; anything unexpected falls back to the default."""
        if not isinstance(data, dict):
            return cls()
        sort = data.get("sort")
        section, source = data.get("section"), data.get("source")
        return cls(
            sort=SortOrder(sort) if sort in set(SortOrder) else SortOrder.NEWEST,
            section=section if isinstance(section, str) else None,
            source=source if isinstance(source, str) else None,
            unread_only=data.get("unread_only") is True,
            starred_only=data.get("starred_only") is True,
        )


Keys = list[tuple[int, str, str]]
"""Every article's (id, path, content hash), as `LibraryIndex.keys` reads them."""


def list_articles(
    index: LibraryIndex,
    roots: Sequence[Path],
    view: SortAndFilters,
    marks: StateMap,
    keys: Keys | None = None,
) -> SummaryRows:
    """The articles under `roots` that `view` lets through, in its order.

    `keys` are the index's keys under `roots` when the caller has read them already.
    """
    rows = index.summaries(roots, view.sort, section=view.section, source=view.source)
    if not view.by_marks:
        return rows
    if keys is None:
        keys = index.keys(roots)
    wanted = {row_id for row_id, path, digest in keys if _accepts(view, marks, path, digest)}
    return index.rows_for([row_id for row_id in rows.ids if row_id in wanted])


def search_articles(
    index: LibraryIndex,
    roots: Sequence[Path],
    query: str,
    view: SortAndFilters,
    marks: StateMap,
    limit: int,
) -> list[Summary]:
    """The articles matching `query` that `view`'s filters let through, best first."""
    found = index.search(query, limit, roots, section=view.section, source=view.source)
    return [row for row in found if _accepts(view, marks, row.path, row.content_hash)]


def unread_count(
    index: LibraryIndex, roots: Sequence[Path], marks: StateMap, keys: Keys | None = None
) -> int:
    """How many articles under `roots` are unread (whatever the view shows)."""
    if keys is None:
        keys = index.keys(roots)
    return marks.unread_count((path, digest) for _, path, digest in keys)


def _accepts(view: SortAndFilters, marks: StateMap, path: Path | str, digest: str) -> bool:
    if view.unread_only and marks.is_read(path, digest):
        return False
    return not (view.starred_only and not marks.is_starred(path, digest))
