"""Opening an article while the library scan changes the list under it.

On a busy machine the scan and the parse of the article just chosen finish
in any order. These tests force the orderings that went wrong: the parse is
held until the test lets it go, and so is the scan, so the list changes
while the article is still being opened.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from textual.screen import Screen
from ui_helpers import NARROW, UI_FIXTURES, WIDE, settle, wait_until

from reader import formats
from reader.library.index import LibraryIndex
from reader.library.state import content_hash, open_state
from reader.model import Article
from reader.ui import loading
from reader.ui.app import BroadsheetApp
from reader.ui.article_opener import OPENING_NOTICE_DELAY

BEES = "2026-04-18-orchard-bees.md"
LIGHTHOUSE = "2026-05-02-tidewater-lighthouse.md"

NEWER = """\
---
title: Ferry timetable adds a late boat on Fridays
section: Transport
published: 2026-11-30
---

From next month a last crossing leaves the quay at half past eleven on Fridays.
"""
"""An article newer than every fixture: the scan lists it first, moving the others down."""


class Gate:
    """Holds a function's calls in the thread that makes them until the test opens the gate.

    The first held call waits for `release_first`, any later one for `release_all`
    (so a restarted job stays held, as a slow parse on a busy machine would).
    """

    def __init__(self) -> None:
        self.calls = 0
        self._first = threading.Event()
        self._all = threading.Event()

    def wait(self) -> None:
        """Called in the worker thread: block until this call's gate opens."""
        self.calls += 1
        (self._first if self.calls == 1 else self._all).wait()

    def release_first(self) -> None:
        """Let the first held call go on."""
        self._first.set()

    def release_all(self) -> None:
        """Let every call go on (the test's end, pass or fail)."""
        self._first.set()
        self._all.set()


class OpenRecordingApp(BroadsheetApp):
    """The app, noting each time a row was asked to open (by Enter or by the preview)."""

    def __init__(self, paths: Sequence[Path]) -> None:
        super().__init__(paths)
        self.animation_level = "none"
        self.asked: list[Path] = []

    def get_default_screen(self) -> Screen[None]:
        screen = super().get_default_screen()
        panes = self.main_screen.panes
        open_row = panes.open_row

        def recording_open_row(index: int) -> None:
            rows = panes.article_list.rows
            if 0 <= index < len(rows):
                self.asked.append(rows[index].path)
            open_row(index)

        panes.open_row = recording_open_row  # type: ignore[method-assign]
        return screen


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """The UI fixtures, already in the index, plus a newer article the index has not seen."""
    folder = tmp_path / "library"
    shutil.copytree(UI_FIXTURES, folder)
    index = LibraryIndex.open()
    try:
        index.refresh([folder])
    finally:
        index.close()
    (folder / "2026-11-30-late-ferry.md").write_text(NEWER, encoding="utf-8")
    return folder


@pytest.fixture
def held_scan(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    """The library scan (the index refresh) waits for the test's `release_first`."""
    gate = Gate()
    refresh = LibraryIndex.refresh

    def held(self: LibraryIndex, *args: object, **kwargs: object) -> object:
        gate.wait()
        return refresh(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(LibraryIndex, "refresh", held)
    yield gate
    gate.release_all()


@pytest.fixture
def held_parse(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], Gate]]:
    """`held_parse(path)`: reading that one article waits for the test's gate."""
    gates: dict[Path, Gate] = {}
    read_article = formats.read_article

    def held(path: Path) -> Article:
        gate = gates.get(path)
        if gate is not None:
            gate.wait()
        return read_article(path)

    def hold(path: Path) -> Gate:
        gates[path] = Gate()
        return gates[path]

    monkeypatch.setattr(loading, "read_article", held)
    yield hold
    for gate in gates.values():
        gate.release_all()


def remember_selected(path: Path) -> None:
    """Store `path` as the article selected when the reader last closed."""
    store = open_state()
    try:
        store.set_selected(path, content_hash(path))
    finally:
        store.close()


async def test_a_scan_that_moves_the_row_does_not_restart_the_opening(
    library: Path, held_scan: Gate, held_parse: Callable[[Path], Gate]
) -> None:
    # Enter right after start, wide layout: the scan then lists a newer article above the
    # one being opened, the cursor follows its article down and the preview asks for it
    # again. Restarting the parse there (cancelling the one under way) left the pane on
    # "Opening…" for as long as the scan kept moving rows.
    bees = library / BEES
    parse = held_parse(bees)
    app = OpenRecordingApp([library])
    async with app.run_test(size=WIDE) as pilot:
        try:
            await wait_until(
                pilot, lambda: app.main_screen.article_list.row_count == 3
            )  # from the index
            names = [row.path.name for row in app.main_screen.article_list.rows]
            app.main_screen.article_list.cursor = names.index(BEES)
            await pilot.press("enter")
            await wait_until(pilot, lambda: parse.calls == 1)  # its parse is under way, held
            asked_before_scan = len(app.asked)
            held_scan.release_first()
            await wait_until(pilot, lambda: bees in app.asked[asked_before_scan:])
            assert app.main_screen.article_list.row_count == 4
            assert app.main_screen.article_list.highlighted_summary is not None
            assert app.main_screen.article_list.highlighted_summary.path == bees
            parse.release_first()
            view = app.main_screen.article_view
            await wait_until(pilot, lambda: view.path == bees)
            assert view.path == bees
            assert "Orchard growers rent beehives" in " ".join(view.plain_text.split())
            assert view.message == ""
        finally:  # a failing test must not leave worker threads held
            held_scan.release_all()
            parse.release_all()


async def test_the_remembered_selection_does_not_take_the_cursor_from_a_chosen_article(
    library: Path, held_scan: Gate, held_parse: Callable[[Path], Gate]
) -> None:
    # The article selected last time is not in the index yet (a fresh or rebuilt index),
    # so the cursor goes there only when the scan lists it. If the reader has chosen an
    # article meanwhile, the cursor stays on it, and the article opens: the pane stayed
    # on "Opening…" when its parse ended with the cursor moved elsewhere.
    remember_selected(library / "2026-11-30-late-ferry.md")
    lighthouse = library / LIGHTHOUSE
    parse = held_parse(lighthouse)
    app = OpenRecordingApp([library])
    async with app.run_test(size=NARROW) as pilot:
        try:
            await wait_until(pilot, lambda: app.main_screen.article_list.row_count == 3)
            assert app.main_screen.article_list.rows[0].path == lighthouse
            await pilot.press("enter")
            await wait_until(pilot, lambda: parse.calls == 1)
            held_scan.release_first()
            await wait_until(pilot, lambda: app.main_screen.loaded)
            assert app.main_screen.article_list.row_count == 4
            parse.release_first()
            view = app.main_screen.article_view
            await wait_until(pilot, lambda: view.path == lighthouse)
            assert view.path == lighthouse
            assert view.message == ""
            summary = app.main_screen.article_list.highlighted_summary
            assert summary is not None and summary.path == lighthouse
        finally:  # a failing test must not leave worker threads held
            held_scan.release_all()
            parse.release_all()


async def test_an_opening_notice_that_fires_late_leaves_the_article_shown(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The notice's timer fired just as the article arrived: stopping it then does not
    # stop its callback, which replaced the article with "Opening…" for good.
    app = OpenRecordingApp([library])
    notices: list[Callable[[], object]] = []

    def hold_notice(delay: float, callback: Callable[[], object] | None = None, **kw: object):  # type: ignore[no-untyped-def]
        if delay == OPENING_NOTICE_DELAY and callback is not None:
            notices.append(callback)  # fired later, by the test
            return set_timer(3600, lambda: None)
        return set_timer(delay, callback, **kw)  # type: ignore[arg-type]

    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        opener = app.main_screen.panes.opener  # the part that sets the notice's timer
        set_timer = opener.set_timer
        monkeypatch.setattr(opener, "set_timer", hold_notice)
        summary = app.main_screen.article_list.highlighted_summary
        assert summary is not None
        first = summary.path
        await pilot.press("enter")
        view = app.main_screen.article_view
        await wait_until(pilot, lambda: view.path == first)
        assert notices
        notices[-1]()
        await pilot.pause()
        assert view.path == first
        assert view.message == ""
