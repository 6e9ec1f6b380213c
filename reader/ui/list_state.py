"""The list's state: read and starred marks, the sort and the filters, remembered places.

`ListStateApp` is the base of `BroadsheetApp`: it lists the library index's
rows through the current `SortAndFilters` (sort and filters, remembered across
restarts), keeps the unread count, and carries the keys and commands that
change marks, sort and filters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from reader.library.index import LibraryIndex, SortOrder
from reader.library.listing import SORT_LABELS, SortAndFilters, list_articles
from reader.library.summary import Summary
from reader.ui.article_list import ArticleList
from reader.ui.dialogs import ConfirmScreen, PickScreen
from reader.ui.plain_app import PlainApp
from reader.ui.state_actions import StateKeeper
from reader.ui.status_header import StatusHeader

VIEW_SETTING = "list_view"
"""The state store setting that remembers the sort and filters."""


class ListStateApp(PlainApp):
    """Marks, sorting and filtering of the article list (the app's base class)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "toggle_read", "Read/unread", id="state.toggle_read"),
        Binding("s", "toggle_starred", "Star", id="state.toggle_starred"),
        Binding("M", "mark_all_read", "Mark all read", show=False, id="state.mark_all_read"),
        Binding("O", "cycle_sort", "Sort", show=False, id="list.cycle_sort"),
        Binding("f", "pick_filter", "Filter", show=False, id="list.pick_filter"),
        Binding("U", "toggle_unread_only", "Unread only", show=False, id="list.unread_only"),
        Binding("S", "toggle_starred_only", "Starred only", show=False, id="list.starred_only"),
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
    """

    paths: list[Path]
    """The files and folders the library is read from."""

    def __init__(self) -> None:
        """No rows yet; the state store opens on mount, the index in a worker."""
        super().__init__()
        self.index: LibraryIndex | None = None
        """The library index; None until the library worker has opened it."""
        self.view = SortAndFilters()
        """The sort and filters in force."""
        self.keeper: StateKeeper | None = None
        """The user's marks; None until mounted."""

    # Hooks the app provides

    @property
    def article_list(self) -> ArticleList:
        """The list of articles."""
        return self.query_one(ArticleList)

    @property
    def status_header(self) -> StatusHeader:
        """The header, whose status line shows the counts, the sort and filters."""
        return self.query_one(StatusHeader)

    def current_summary(self) -> Summary | None:
        """The article the keys act on: the one open, else the one under the cursor."""
        return self.article_list.highlighted_summary

    # Set-up

    def open_keeper(self) -> StateKeeper:
        """Open the state store and let the list draw marks from it."""
        keeper = StateKeeper(self._state_problem)
        self.keeper = keeper
        self.article_list.marks = lambda row: (keeper.is_read(row), keeper.is_starred(row))
        self.view = SortAndFilters.from_json(keeper.setting(VIEW_SETTING))
        self.status_header.view = self.view
        return keeper

    def _state_problem(self, message: str) -> None:
        self.notify(message, title="State", severity="warning", markup=False)

    # Rows

    def show_rows(self, rows: Sequence[Summary]) -> None:
        """List `rows`, keeping the cursor on the article it was on when it is still listed."""
        article_list = self.article_list
        before = article_list.highlighted_summary
        article_list.set_rows(rows)
        if before is not None:
            index = article_list.index_of(before.path)
            if index is not None and index != article_list.cursor:
                article_list.cursor = index
        self.status_header.listed = article_list.row_count

    def apply_view(self, view: SortAndFilters | None = None) -> None:
        """List the library through `view` (default: the current one), cursor kept.

        A new view is remembered for the next start.
        """
        if view is not None and view != self.view:
            self.view = view
            self.status_header.view = view
            if self.keeper is not None:
                self.keeper.set_setting(VIEW_SETTING, view.to_json())
        self.relist()

    def relist(self) -> None:
        """Read the list's rows from the index again (the search app lists matches instead)."""
        if self.index is None or self.keeper is None:
            self.status_header.listed = self.article_list.row_count
            return
        self.show_rows(list_articles(self.index, self.paths, self.view, self.keeper.marks))

    def restore_selected(self) -> bool:
        """Put the cursor on the article selected when the app last closed (by path, else hash)."""
        selected = self.keeper.selected() if self.keeper is not None else None
        if selected is None:
            return True
        path, digest = selected
        article_list = self.article_list
        index = article_list.index_of(Path(path))
        if index is None and self.index is not None:  # moved or renamed: find it by its content
            moved_to = self.index.path_of_hash(digest)
            index = article_list.index_of(Path(moved_to)) if moved_to is not None else None
        if index is None:
            return False
        article_list.cursor = index
        return True

    # Marks

    def action_toggle_read(self) -> None:
        """Mark the current article read or unread."""
        summary = self.current_summary()
        if summary is not None and self.keeper is not None:
            self.status_header.unread += -1 if self.keeper.toggle_read(summary) else 1
            self._marks_changed()

    def action_toggle_starred(self) -> None:
        """Star or unstar the current article."""
        summary = self.current_summary()
        if summary is not None and self.keeper is not None:
            self.keeper.toggle_starred(summary)
            self._marks_changed()

    def mark_read(self, summary: Summary) -> None:
        """Opening an article marks it read."""
        if self.keeper is not None and not self.keeper.is_read(summary):
            self.keeper.set_read(summary)
            self.status_header.unread -= 1
            self._marks_changed()

    def action_mark_all_read(self) -> None:
        """Mark every listed article read, after asking."""
        rows = list(self.article_list.rows)
        if not rows or self.keeper is None:
            return
        noun = "article" if len(rows) == 1 else "articles"

        def answered(yes: bool | None) -> None:
            if yes and self.keeper is not None:
                self.status_header.unread -= self.keeper.mark_all_read(rows)
                self._marks_changed()

        self.push_screen(ConfirmScreen(f"Mark {len(rows):,} {noun} read?"), answered)

    def _marks_changed(self) -> None:
        self.article_list.refresh_rows()

    # Sort and filters

    def action_cycle_sort(self) -> None:
        """Next sort order."""
        self.apply_view(self.view.next_sort())

    def action_toggle_unread_only(self) -> None:
        """Unread articles only, or all."""
        self.apply_view(replace(self.view, unread_only=not self.view.unread_only))

    def action_toggle_starred_only(self) -> None:
        """Starred articles only, or all."""
        self.apply_view(replace(self.view, starred_only=not self.view.starred_only))

    def action_pick_filter(self) -> None:
        """Choose a section or source to filter by (or clear them)."""
        if self.index is None:
            return
        choices = [("clear", "All sections and sources")]
        for value, count in self.index.sections(self.paths):
            choices.append((f"section:{value}", f"Section: {value} ({count:,})"))
        for value, count in self.index.sources(self.paths):
            choices.append((f"source:{value}", f"Source: {value} ({count:,})"))
        self.push_screen(PickScreen("Filter the list", choices), self._filter_picked)

    def _filter_picked(self, choice: str | None) -> None:
        if choice is None:
            return
        kind, _, value = choice.partition(":")
        if kind == "section":
            self.apply_view(replace(self.view, section=value))
        elif kind == "source":
            self.apply_view(replace(self.view, source=value))
        else:
            self.apply_view(replace(self.view, section=None, source=None))

    def set_sort(self, sort: SortOrder) -> None:
        """Sort the list by `sort`."""
        self.apply_view(replace(self.view, sort=sort))

    def list_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette's commands for marks, sorting and filters."""
        yield SystemCommand(
            "Mark all read", "Mark every listed article read", self.action_mark_all_read
        )
        yield SystemCommand(
            "Toggle read", "Mark the article read or unread", self.action_toggle_read
        )
        yield SystemCommand("Toggle star", "Star or unstar the article", self.action_toggle_starred)
        for sort, label in SORT_LABELS.items():
            yield SystemCommand(
                f"Sort: {label}", "Change the list's order", lambda s=sort: self.set_sort(s)
            )
        yield SystemCommand("Filter by section or source", "Pick a value", self.action_pick_filter)
        yield SystemCommand(
            "Unread only", "Toggle: unread articles only", self.action_toggle_unread_only
        )
        yield SystemCommand("Starred only", "Toggle: starred only", self.action_toggle_starred_only)
