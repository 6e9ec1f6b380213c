"""SVG snapshots of an article in our own themes, newsprint and nightdesk, at 80x24 and 120x40.

The article has every piece a theme colours (see `theme_helpers.ARTICLE`);
in the wide layout the list beside it shows an unread, a read and a starred
row. Regenerate with `pytest tests/test_theme_snapshots.py --snapshot-update`
after a deliberate change to the look, and look at the pictures first.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from theme_helpers import open_choir, write_themed_library
from ui_helpers import NARROW, WIDE, RunBefore, SnapshotMatches, settle


def in_theme(name: str) -> RunBefore:
    """Star another article, then read the choir article in theme `name`."""

    async def run_before(pilot: Pilot[None]) -> None:
        pilot.app.theme = name
        await settle(pilot, 0.2)
        await pilot.press("end", "s", "home")
        await open_choir(pilot)
        await pilot.pause()

    return run_before


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """The themed article and two others, with fixed file times."""
    return write_themed_library(tmp_path / "library")


def test_newsprint_narrow(snapshot_matches: SnapshotMatches, library: Path) -> None:
    assert snapshot_matches(library, NARROW, in_theme("newsprint"))


def test_newsprint_wide(snapshot_matches: SnapshotMatches, library: Path) -> None:
    assert snapshot_matches(library, WIDE, in_theme("newsprint"))


def test_nightdesk_narrow(snapshot_matches: SnapshotMatches, library: Path) -> None:
    assert snapshot_matches(library, NARROW, in_theme("nightdesk"))


def test_nightdesk_wide(snapshot_matches: SnapshotMatches, library: Path) -> None:
    assert snapshot_matches(library, WIDE, in_theme("nightdesk"))
