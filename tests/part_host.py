"""A bare Textual app holding one part of the reader's screen, recording what it posts up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from textual import on
from textual.app import App, ComposeResult
from textual.message import Message
from textual.notifications import Notify, SeverityLevel
from textual.pilot import Pilot
from textual.widget import Widget

from reader.library.summary import Summary
from reader.ui.article_opener import ArticleOpener
from reader.ui.feed_fetch import FeedFetch
from reader.ui.library_scan import LibraryScan
from reader.ui.list_marks import ListMarks
from reader.ui.list_order import ListOrder
from reader.ui.messages import ArticleFailed, ArticleLoaded, LibraryListed
from reader.ui.search_bar import SearchBar

M = TypeVar("M", bound=Message)

POLLS = 2_000
"""How many short pauses to allow for a worker's message (a bound, not a time limit)."""


class PartHost(App[None]):
    """The parts alone on a screen; every message they post up is kept in `posted`."""

    def __init__(self, *parts: Widget) -> None:
        """Host `parts`."""
        super().__init__()
        self.parts = parts
        self.posted: list[Message] = []
        """What the parts posted up, oldest first."""
        self.notices: list[tuple[str, str, SeverityLevel]] = []
        """Every notification: (title, message, severity)."""

    def compose(self) -> ComposeResult:
        """The parts."""
        yield from self.parts

    def on_notify(self, event: Notify) -> None:
        """Keep a copy of the notification being shown."""
        shown = event.notification
        self.notices.append((shown.title, shown.message, shown.severity))

    @on(ListOrder.Changed)
    @on(ListMarks.Changed)
    @on(LibraryScan.Status)
    @on(LibraryScan.Opened)
    @on(LibraryScan.Scanned)
    @on(LibraryScan.Stopped)
    @on(LibraryListed)
    @on(FeedFetch.Status)
    @on(FeedFetch.Arrived)
    @on(SearchBar.Results)
    @on(SearchBar.Closed)
    @on(ArticleLoaded)
    @on(ArticleFailed)
    @on(ArticleOpener.Slow)
    def _keep(self, message: Message) -> None:
        self.posted.append(message)

    def of_type(self, kind: type[M]) -> list[M]:
        """The messages of one kind posted so far."""
        return [message for message in self.posted if isinstance(message, kind)]


async def wait_for(pilot: Pilot[None], condition: Callable[[], object]) -> None:
    """Pause until `condition()` holds; the test's assertion reports it if it never does."""
    for _ in range(POLLS):
        if condition():
            return
        await pilot.pause(0.01)


def made_up_summary(path: Path, **changes: object) -> Summary:
    """A list row for an article file at `path` (which need not exist), headline its stem."""
    row = Summary(
        path=path,
        headline=path.stem,
        section=None,
        source=None,
        published=None,
        file_time=0.0,
        words=1,
        minutes=1,
    )
    return replace(row, **changes)  # type: ignore[arg-type]
