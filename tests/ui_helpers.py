"""Helpers shared by the TUI tests."""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar, overload

import pytest
from textual.notifications import Notification, Notify
from textual.pilot import Pilot
from textual.widget import Widget

from reader.library.index import LibraryIndex
from reader.library.scan import RefreshResult
from reader.ui.app import BroadsheetApp
from reader.ui.help_screen import HelpScreen

LOAD_POLLS = 2_000
"""How many short pauses to allow for the library to load (a bound, not a time limit)."""

WIDE = (120, 40)
"""A terminal wide enough for the list and the article side by side."""

NARROW = (80, 24)
"""A terminal that shows the list or the article, one at a time."""

UI_FIXTURES = Path(__file__).parent / "fixtures" / "ui"
"""The articles the TUI tests read (the `ui_articles` fixture copies them)."""

LIBRARY_ARTICLES = {
    "ferry.md": ("Ferry timetable changes for winter", "Transport", "Harbour Post", "2026-01-10"),
    "apples.md": ("Apple harvest beats last year", "Farming", "Valley Courier", "2026-03-02"),
    "bridge.md": (
        "Bridge repairs close the east road",
        "Transport",
        "Valley Courier",
        "2026-02-15",
    ),
    "choir.md": ("Choir wins the regional contest", "Culture", "Harbour Post", "2025-12-01"),
}
"""What `write_library` writes: file name to (headline, section, source, date)."""

AppT = TypeVar("AppT", bound=BroadsheetApp)

RunBefore = Callable[[Pilot[None]], Awaitable[None]]
"""What a snapshot test does to the app before the picture is taken."""

SnapshotMatches = Callable[[Path, tuple[int, int], RunBefore], bool]
"""The conftest fixture `snapshot_matches(folder, size, run_before)`."""


class RecordingApp(BroadsheetApp):
    """The app, keeping every notification it shows, as shown (its text made plain).

    Made with `make_app(path, app_class=RecordingApp)` by the tests that read `notices`;
    each has the `message`, `title` and `severity` the user sees.
    """

    def __init__(self, paths: list[Path], *, library_dir: Path | None = None) -> None:
        super().__init__(paths, library_dir=library_dir)
        self.notices: list[Notification] = []

    def on_notify(self, event: Notify) -> None:
        """Keep a copy of the notification being shown."""
        self.notices.append(event.notification)


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
        if not isinstance(app, BroadsheetApp) or app.main_screen.loaded:
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


def write_library(folder: Path, paragraphs: int = 3) -> Path:
    """Four small Markdown articles with known sections, sources and dates (`LIBRARY_ARTICLES`)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (title, section, source, published) in LIBRARY_ARTICLES.items():
        body = "\n\n".join(
            f"Paragraph {n} of the story about {title.lower()}, told plainly."
            for n in range(paragraphs)
        )
        (folder / name).write_text(
            f"---\ntitle: {title}\nsection: {section}\nsource: {source}\n"
            f"published: {published}\n---\n\n{body}\n",
            encoding="utf-8",
        )
    return folder


def listed_headlines(app: BroadsheetApp) -> list[str]:
    """The headlines the list shows, top to bottom."""
    return [row.headline for row in app.main_screen.article_list.rows]


def cursor_headline(app: BroadsheetApp) -> str:
    """The headline of the row under the list cursor."""
    summary = app.main_screen.article_list.highlighted_summary
    assert summary is not None
    return summary.headline


def focused(app: BroadsheetApp) -> Widget | None:
    """The widget with focus, read afresh: a type checker would otherwise carry an
    earlier `app.focused is ...` check past the key press that moves the focus."""
    return app.focused


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
        **options: Any,
    ) -> RefreshResult:
        if progress is not None:
            progress(done, total)
        gate.wait(30)  # held until the test has looked at the screen
        return real_refresh(self, roots, progress, cancelled, **options)

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
