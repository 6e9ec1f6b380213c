"""The list's sort and filters (`O`, `f`, `U`, `S`), remembered across restarts.

`ListOrder` holds the `SortAndFilters` in force, saves each new one in the
state store and posts `Changed` up, so the screen lists the library (or
the search) through it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from textual.message import Message

from reader.library.index import LibraryIndex, SortOrder
from reader.library.listing import SortAndFilters
from reader.ui.controller import Controller
from reader.ui.dialogs import PickScreen
from reader.ui.state_actions import StateKeeper

VIEW_SETTING = "list_view"
"""The state store setting that remembers the sort and filters."""


class ListOrder(Controller):
    """The sort and filters in force, and the keys and dialog that change them."""

    class Changed(Message):
        """The list is to be shown through a new `view`."""

        def __init__(self, view: SortAndFilters) -> None:
            """The sort and filters now in force."""
            super().__init__()
            self.view = view

    def __init__(self, keeper: StateKeeper) -> None:
        """The sort and filters remembered by `keeper` (the defaults when none are)."""
        super().__init__()
        self._keeper = keeper
        self.view = SortAndFilters.from_json(keeper.setting(VIEW_SETTING))
        """The sort and filters in force."""

    def apply(self, view: SortAndFilters) -> None:
        """Put `view` in force and remember it (nothing happens when it is the same)."""
        if view == self.view:
            return
        self.view = view
        self._keeper.set_setting(VIEW_SETTING, view.to_json())
        self.post_message(self.Changed(view))

    def cycle_sort(self) -> None:
        """Next sort order."""
        self.apply(self.view.next_sort())

    def set_sort(self, sort: SortOrder) -> None:
        """Sort the list by `sort`."""
        self.apply(replace(self.view, sort=sort))

    def toggle_unread_only(self) -> None:
        """Unread articles only, or all."""
        self.apply(replace(self.view, unread_only=not self.view.unread_only))

    def toggle_starred_only(self) -> None:
        """Starred articles only, or all."""
        self.apply(replace(self.view, starred_only=not self.view.starred_only))

    def pick_filter(self, index: LibraryIndex, paths: Sequence[Path]) -> None:
        """Choose a section or source of the library at `paths` to filter by (or clear)."""
        choices = [("clear", "All sections and sources")]
        for value, count in index.sections(paths):
            choices.append((f"section:{value}", f"Section: {value} ({count:,})"))
        for value, count in index.sources(paths):
            choices.append((f"source:{value}", f"Source: {value} ({count:,})"))
        self.app.push_screen(PickScreen("Filter the list", choices), self._filter_picked)

    def _filter_picked(self, choice: str | None) -> None:
        if choice is None:
            return
        kind, _, value = choice.partition(":")
        if kind == "section":
            self.apply(replace(self.view, section=value))
        elif kind == "source":
            self.apply(replace(self.view, source=value))
        else:
            self.apply(replace(self.view, section=None, source=None))
