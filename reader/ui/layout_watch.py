"""Knowing when an article in the pane is fully laid out.

An article with photos is mounted in parts: its first lines at once, the
photos and the lines after them a few frames later (later still on a busy
machine). A scroll position, such as the saved reading place, holds only
once every part is mounted and laid out; `LayoutWatch` says when that is
and runs what waited for it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.widget import Widget


class LayoutWatch:
    """The layout rounds of one pane: each article shown (or re-flowed) is a round."""

    def __init__(self, pane: Widget) -> None:
        """Watch the layout of `pane`'s parts."""
        self._pane = pane
        self.done_path: Path | None = None
        """The article whose parts are all mounted and laid out, or None while one is
        being laid out (or a message shows)."""
        self._round = 0
        self._pending: list[asyncio.Future[object]] = []
        self._waiting: list[Callable[[], None]] = []

    def track(self, change: Awaitable[object]) -> None:
        """Make the current round wait for `change` (a mount or a removal of parts)."""
        self._pending.append(asyncio.ensure_future(change))

    def forget(self) -> None:
        """Another article (or a message) comes: what waited for the last one is moot."""
        self.done_path = None
        self._waiting.clear()
        self._round += 1

    def finish(self, path: Path) -> None:
        """Start a round for `path`: it is done once its changes are made and laid out."""
        self._round += 1
        this_round = self._round
        # Not awaited: the pane goes on handling keys while its photos mount.
        changes = asyncio.gather(*self._pending, return_exceptions=True)
        changes.add_done_callback(
            lambda _: self._pane.call_after_refresh(self._laid_out, this_round, path)
        )

    def after(self, path: Path, callback: Callable[[], None]) -> None:
        """Call `callback` once `path` is laid out (at once when it is)."""
        if self.done_path == path:
            callback()
        else:
            self._waiting.append(callback)

    def _laid_out(self, this_round: int, path: Path) -> None:
        if this_round != self._round:
            return  # another article or re-flow came since: its own round finishes it
        self._pending.clear()
        callbacks, self._waiting = self._waiting, []
        for callback in callbacks:
            callback()
        self.done_path = path
