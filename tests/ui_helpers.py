"""Helpers shared by the TUI tests."""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar, overload

import pytest
from textual.pilot import Pilot

from reader.library.index import LibraryIndex, RefreshResult
from reader.ui.app import BroadsheetApp
from reader.ui.help_screen import HelpScreen

LOAD_POLLS = 2_000
"""How many short pauses to allow for the library to load (a bound, not a time limit)."""

AppT = TypeVar("AppT", bound=BroadsheetApp)

RunBefore = Callable[[Pilot[None]], Awaitable[None]]
"""What a snapshot test does to the app before the picture is taken."""

SnapshotMatches = Callable[[Path, tuple[int, int], RunBefore], bool]
"""The conftest fixture `snapshot_matches(folder, size, run_before)`."""


@overload
def make_app(*paths: Path, library_dir: Path | None = None) -> BroadsheetApp: ...
@overload
def make_app(*paths: Path, library_dir: Path | None = None, app_class: type[AppT]) -> AppT: ...
def make_app(
    *paths: Path,
    library_dir: Path | None = None,
    app_class: type[BroadsheetApp] = BroadsheetApp,
) -> BroadsheetApp:
    """The reader (or `app_class`, a subclass of it) on `paths`, with animations off.

    Setting the level here as well as in TEXTUAL_ANIMATIONS matters: pytest-textual-snapshot
    imports Textual before conftest.py can set the variable.
    """
    app = app_class(list(paths), library_dir=library_dir)
    app.animation_level = "none"
    return app


async def settle(pilot: Pilot[None], delay: float = 0.0) -> None:
    """Wait until the library has loaded, the workers are done and their messages handled.

    On a busy machine the loading worker may not have started when the test
    first waits, so this waits for the app's own "loaded" flag before it waits
    for the workers, and then for the article shown to be laid out; `delay`
    lets timers such as the wide-layout preview fire.
    """
    app = pilot.app
    for _ in range(LOAD_POLLS):
        if not isinstance(app, BroadsheetApp) or app.main_screen.library.loaded:
            break
        await pilot.pause(0.01)
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause(delay)
    if isinstance(app, BroadsheetApp):
        # Under load the article asked for may still be on its way from its worker.
        await wait_until(pilot, lambda: not app.main_screen.panes.opening)
        if app.main_screen.article_view.path is not None:
            await wait_for_layout(pilot)


def header_status(app: BroadsheetApp) -> str:
    """The header's text after the app's title: the counts, the search, the progress."""
    return app.main_screen.status_header.status


def hold_scans(monkeypatch: pytest.MonkeyPatch, done: int, total: int) -> threading.Event:
    """Make every library scan report `done` / `total`, then wait for the returned gate.

    The gate starts closed; a test sets it to let the scans finish (each waits 30
    seconds at most, so a failing test still ends).
    """
    real_refresh = LibraryIndex.refresh
    gate = threading.Event()

    def held_refresh(
        self: LibraryIndex,
        roots: list[Path],
        progress: Callable[[int, int], object] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> RefreshResult:
        if progress is not None:
            progress(done, total)
        gate.wait(30)  # held until the test has looked at the screen
        return real_refresh(self, roots, progress, cancelled)

    monkeypatch.setattr(LibraryIndex, "refresh", held_refresh)
    return gate


def help_entries(screen: HelpScreen) -> set[tuple[str, str]]:
    """Every (key, description) pair the help screen lists."""
    return {
        (key, line.description)
        for group in screen.groups
        for line in group.keys
        for key in line.keys
    }


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Pause until `condition()` holds (a layout pass may lag the message that caused it).

    Bounded by a number of short pauses, not a time limit; the test's own
    assertion reports the failure if the condition never holds.
    """
    for _ in range(LOAD_POLLS):
        if condition():
            return
        await pilot.pause(0.01)


async def wait_for_layout(pilot: Pilot[None]) -> None:
    """Pause until the article pane shows an article with all its parts laid out.

    Its photos and the lines after them may be mounted a few frames after
    the first lines; scroll positions hold only once they are.
    """
    app = pilot.app
    assert isinstance(app, BroadsheetApp)
    view = app.main_screen.article_view
    await wait_until(pilot, lambda: view.path is not None and view.shown_path == view.path)
