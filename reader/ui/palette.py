"""The reader's own entries in the command palette (ctrl+p), beside Textual's.

Each entry names the key that does the same, so the palette also teaches
the keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from reader.library.listing import SORT_LABELS

if TYPE_CHECKING:
    from reader.ui.reader_screen import ReaderScreen


def reader_commands(screen: ReaderScreen) -> Iterator[SystemCommand]:
    """The palette entries for the library, the feeds, the list and the article."""
    yield SystemCommand("Keys", "Show every key and what it does", screen.action_help)
    yield SystemCommand("Search", "Search the library as you type (/)", screen.action_search)
    yield SystemCommand(
        "Re-scan", "Look for new, changed and removed files (r)", screen.action_rescan
    )
    yield SystemCommand("Fetch feeds", "Fetch every subscribed feed (R)", screen.action_fetch_feeds)
    articles = screen.article_list
    if articles.row_count:
        yield SystemCommand(
            "Open in browser", "The article's web page (o)", screen.action_open_link
        )
        yield SystemCommand("Copy link", "The article's web address (y)", screen.action_copy_link)
    yield from _list_commands(screen)
    if articles.row_count:

        def go_first() -> None:
            screen.panes.show_list_pane()
            articles.action_first()

        def go_last() -> None:
            screen.panes.show_list_pane()
            articles.action_last()

        yield SystemCommand("Read", "Read the article under the cursor", articles.select_cursor)
        yield SystemCommand("First article", "Go to the top of the list", go_first)
        yield SystemCommand("Last article", "Go to the end of the list", go_last)


def _list_commands(screen: ReaderScreen) -> Iterator[SystemCommand]:
    """The palette's commands for marks, sorting and filters."""
    yield SystemCommand(
        "Mark all read", "Mark every listed article read", screen.action_mark_all_read
    )
    yield SystemCommand("Toggle read", "Mark the article read or unread", screen.action_toggle_read)
    yield SystemCommand("Toggle star", "Star or unstar the article", screen.action_toggle_starred)
    for sort, label in SORT_LABELS.items():
        yield SystemCommand(
            f"Sort: {label}", "Change the list's order", lambda s=sort: screen.order.set_sort(s)
        )
    yield SystemCommand("Filter by section or source", "Pick a value", screen.action_pick_filter)
    yield SystemCommand(
        "Unread only", "Toggle: unread articles only", screen.action_toggle_unread_only
    )
    yield SystemCommand("Starred only", "Toggle: starred only", screen.action_toggle_starred_only)
