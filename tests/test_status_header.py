"""The header line: its text follows the app's state, whatever changes in which order."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Static
from ui_helpers import (
    NARROW,
    header_status,
    hold_scans,
    make_app,
    settle,
    wait_until,
    write_library,
)

from reader.library.index import SortOrder
from reader.library.listing import SortAndFilters
from reader.ui.app import BroadsheetApp
from reader.ui.status_header import StatusHeader, status_line


class HeaderApp(App[None]):
    """The header alone."""

    TITLE = "Broadsheet"

    def compose(self) -> ComposeResult:
        """Only the header."""
        yield StatusHeader()


def shown(app: App[None]) -> str:
    """The header's title line as drawn."""
    return app.query_one("HeaderTitle", Static).render_line(0).text.strip()


Change = dict[str, object]
"""Reactives to set on the header, by name."""


async def shows(pilot: Pilot[None], line: str) -> None:
    """Wait for the header to draw `line` (drawing lags the change), and check it does."""
    await wait_until(pilot, lambda: shown(pilot.app) == line)
    assert shown(pilot.app) == line


async def header_shows(steps: list[tuple[Change, str]]) -> None:
    """Set each step's reactives on a header alone, then check the line it draws."""
    app = HeaderApp()
    async with app.run_test(size=(120, 3)) as pilot:
        header = app.query_one(StatusHeader)
        for change, expected in steps:
            for name, value in change.items():
                setattr(header, name, value)
            await shows(pilot, f"Broadsheet — {expected}")


async def test_the_header_shows_loading_then_the_counts_and_the_view() -> None:
    oldest_unread = SortAndFilters(sort=SortOrder.OLDEST, unread_only=True)
    await header_shows(
        [
            ({}, "Loading…"),
            ({"listed": 3, "unread": 2}, "3 articles · 2 unread · newest first"),
            (
                {"listed": 1, "view": oldest_unread},
                "1 article · 2 unread · oldest first · unread only",
            ),
        ]
    )


async def test_progress_is_added_to_the_line_and_goes_when_done() -> None:
    counts = "4 articles · 4 unread · newest first"
    await header_shows(
        [
            (
                {
                    "listed": 4,
                    "unread": 4,
                    "scan": "indexing 1 / 4",
                    "fetch": "fetching feeds 1 / 2",
                },
                f"{counts} · indexing 1 / 4 · fetching feeds 1 / 2",
            ),
            ({"scan": ""}, f"{counts} · fetching feeds 1 / 2"),
            ({"fetch": ""}, counts),
        ]
    )


async def test_scan_progress_during_a_search_keeps_the_search() -> None:
    search = "1 match for “bri” · newest first"
    await header_shows(
        [
            ({"listed": 4, "unread": 4, "hits": 1, "search": "bri"}, search),
            # A scan step, and a mark changed while searching: the search stays.
            ({"scan": "indexing 2 / 4", "unread": 3}, f"{search} · indexing 2 / 4"),
            ({"scan": ""}, search),
            ({"search": ""}, "4 articles · 3 unread · newest first"),  # cleared: the counts
        ]
    )


def test_a_search_without_matches_and_a_hostile_query() -> None:
    view = SortAndFilters()
    assert status_line(4, 4, view, "brizzq", 0) == "No articles match “brizzq”"
    assert status_line(4, 4, view, "a\x1b[2Jb", 2).startswith("2 matches for “a")
    assert "\x1b" not in status_line(4, 4, view, "a\x1b[2Jb", 2)
    assert status_line(None, 0, view, progress=("scan stopped",)) == "Loading… · scan stopped"


async def test_a_scan_during_a_search_keeps_the_search_in_the_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = hold_scans(monkeypatch, 1, 4)
    gate.set()  # the first scan runs through
    app = make_app(write_library(tmp_path / "lib"))
    try:
        await search_then_rescan(app, gate)
    finally:
        gate.set()


async def search_then_rescan(app: BroadsheetApp, gate: threading.Event) -> None:
    """Search, then scan again while the search is shown."""
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"bri")
        await wait_until(pilot, lambda: header_status(app).startswith("1 match"))
        await pilot.press("enter")  # back to the list, the search still shown
        gate.clear()
        await pilot.press("r")
        await wait_until(pilot, lambda: "indexing 1 / 4" in header_status(app))
        assert header_status(app) == "1 match for “bri” · newest first · indexing 1 / 4"
        gate.set()
        await settle(pilot)
        assert header_status(app) == "1 match for “bri” · newest first"


async def test_the_header_follows_the_screen_s_state(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        screen = app.main_screen
        screen.fetch = "fetching feeds 1 / 3"
        screen.unread = 2
        await wait_until(pilot, lambda: "feeds" in header_status(app))
        assert header_status(app) == "4 articles · 2 unread · newest first · fetching feeds 1 / 3"
        assert screen.status_header.fetch == "fetching feeds 1 / 3"  # bound, not copied by hand
