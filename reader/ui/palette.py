"""The reader's own entries in the command palette (ctrl+p), beside Textual's.

Each entry names the key that does the same, so the palette also teaches
the keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

if TYPE_CHECKING:
    from reader.ui.app import BroadsheetApp


def reader_commands(app: BroadsheetApp, screen: Screen[object]) -> Iterator[SystemCommand]:
    """The palette entries for the library, the feeds, the list and the article."""
    yield SystemCommand("Keys", "Show every key and what it does", app.action_help)
    yield SystemCommand("Search", "Search the library as you type (/)", app.action_search)
    yield SystemCommand("Re-scan", "Look for new, changed and removed files (r)", app.action_rescan)
    yield SystemCommand("Fetch feeds", "Fetch every subscribed feed (R)", app.action_fetch_feeds)
    articles = app.article_list
    if articles.row_count:
        yield SystemCommand("Open in browser", "The article's web page (o)", app.action_open_link)
        yield SystemCommand("Copy link", "The article's web address (y)", app.action_copy_link)
    yield from app.list_commands(screen)
    if articles.row_count:

        def go_first() -> None:
            app.show_list_pane()
            articles.action_first()

        def go_last() -> None:
            app.show_list_pane()
            articles.action_last()

        yield SystemCommand("Read", "Read the article under the cursor", articles.select_cursor)
        yield SystemCommand("First article", "Go to the top of the list", go_first)
        yield SystemCommand("Last article", "Go to the end of the list", go_last)
