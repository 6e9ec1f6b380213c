"""The user's read and starred marks, reading positions and selection, as the app sees them.

`StateKeeper` wraps the state store for the UI: it loads every mark once
(`StateMap`) so drawing 100,000 rows costs dictionary lookups, writes each
change to the store and notes it in that map, and turns store errors into
a message for the user instead of an exception in the middle of a key press.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from reader.library.state import StateError, StateMap, StateStore, open_state
from reader.library.summary import Summary

T = TypeVar("T")

Report = Callable[[str], object]
"""Shows a problem to the user (the app's notify)."""


class StateKeeper:
    """Read/starred marks, positions and the selected article, kept in the state store.

    Works without a store (one that could not be opened): marks then live
    for this session only.
    """

    def __init__(self, report: Report, store: StateStore | None = None) -> None:
        """Open the user's state store (or use `store`); problems go to `report`."""
        self._report = report
        self.store: StateStore | None = store
        if self.store is None:
            try:
                self.store = open_state()
            except StateError as error:
                report(f"Read and starred marks cannot be saved: {error}")
        self.marks = StateMap([])
        """Every article's marks, loaded once; changes are noted here as they are written."""
        if self.store is not None:
            if self.store.problem:
                report(self.store.problem)
            self.marks = self._guard(self.store.read_map) or self.marks

    def close(self) -> None:
        """Close the store."""
        if self.store is not None:
            self.store.close()
            self.store = None

    # Lookups (in memory)

    def is_read(self, summary: Summary) -> bool:
        """True when the article has been read."""
        return self.marks.is_read(summary.path, summary.content_hash)

    def is_starred(self, summary: Summary) -> bool:
        """True when the article is starred."""
        return self.marks.is_starred(summary.path, summary.content_hash)

    # Changes (written through)

    def set_read(self, summary: Summary, read: bool = True) -> None:
        """Mark one article read (or unread)."""
        if self.is_read(summary) == read:
            return
        self.marks.remember(summary.path, summary.content_hash, read=read)
        self._write(lambda store: store.set_read(summary.path, summary.content_hash, read))

    def toggle_read(self, summary: Summary) -> bool:
        """Flip one article's read mark; returns the new value."""
        read = not self.is_read(summary)
        self.set_read(summary, read)
        return read

    def toggle_starred(self, summary: Summary) -> bool:
        """Flip one article's star; returns the new value."""
        starred = not self.is_starred(summary)
        self.marks.remember(summary.path, summary.content_hash, starred=starred)
        self._write(lambda store: store.set_starred(summary.path, summary.content_hash, starred))
        return starred

    def mark_all_read(self, rows: Sequence[Summary]) -> int:
        """Mark every one of `rows` read, in one transaction; returns how many were unread."""
        unread = [row for row in rows if not self.is_read(row)]
        for row in unread:
            self.marks.remember(row.path, row.content_hash, read=True)
        self._write(
            lambda store: store.mark_all_read((row.path, row.content_hash) for row in unread)
        )
        return len(unread)

    def position(self, summary: Summary) -> float | None:
        """The saved reading position (a fraction 0..1) of the article, if any."""
        store = self.store
        if store is None:
            return None
        return self._guard(lambda: store.position(summary.path, summary.content_hash))

    def set_position(self, summary: Summary, fraction: float) -> None:
        """Remember how far into the article the reader is (0 top .. 1 end)."""
        fraction = max(0.0, min(1.0, fraction))
        self._write(lambda store: store.set_position(summary.path, summary.content_hash, fraction))

    def setting(self, key: str) -> object:
        """A remembered setting (None when unset or the store is unavailable)."""
        store = self.store
        return None if store is None else self._guard(lambda: store.setting(key))

    def set_setting(self, key: str, value: object) -> None:
        """Remember a setting (any JSON value)."""
        self._write(lambda store: store.set_setting(key, value))

    def selected(self) -> tuple[str, str] | None:
        """The (path, hash) of the article selected when the app last closed."""
        store = self.store
        return None if store is None else self._guard(store.selected)

    def set_selected(self, summary: Summary) -> None:
        """Remember the article selected in the list."""
        self._write(lambda store: store.set_selected(summary.path, summary.content_hash))

    # Private helpers

    def _write(self, change: Callable[[StateStore], object]) -> None:
        store = self.store
        if store is not None:
            self._guard(lambda: change(store))

    def _guard(self, call: Callable[[], T]) -> T | None:
        try:
            return call()
        except (StateError, ValueError) as error:
            self._report(f"Could not save or read state: {error}")
            return None
