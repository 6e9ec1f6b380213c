"""SVG snapshots of the reader at 80x24 and 120x40.

Regenerate with `pytest tests/test_snapshots.py --snapshot-update` after a
deliberate change to the look, and look at the pictures before committing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from ui_helpers import SnapshotMatches, settle

from reader.ui.app import BroadsheetApp

FILE_TIME = 1_780_000_000  # 2026-05-28: a fixed file time, so any date shown is stable
LIGHTHOUSE = "2026-05-02-tidewater-lighthouse.md"


@pytest.fixture
def library(tmp_path: Path, ui_articles: Path) -> Path:
    """A copy of the UI fixtures with fixed file times."""
    folder = tmp_path / "library"
    shutil.copytree(ui_articles, folder)
    for path in folder.iterdir():
        os.utime(path, (FILE_TIME, FILE_TIME))
    return folder


async def settle_with_preview(pilot: Pilot[None]) -> None:
    """Settle with pauses long enough for the wide-layout preview to fire."""
    await settle(pilot, 0.2)


async def _open_lighthouse(pilot: Pilot[None]) -> None:
    await settle_with_preview(pilot)
    app = pilot.app
    assert isinstance(app, BroadsheetApp)
    names = [row.path.name for row in app.main_screen.article_list.rows]
    app.main_screen.article_list.cursor = names.index(LIGHTHOUSE)
    await pilot.press("enter")
    await settle_with_preview(pilot)


async def _open_help(pilot: Pilot[None]) -> None:
    await settle_with_preview(pilot)
    await pilot.press("question_mark")
    await pilot.pause(0.2)


def test_list_narrow(snapshot_matches: SnapshotMatches, library: Path) -> None:
    assert snapshot_matches(library, (80, 24), settle_with_preview)


def test_article_narrow(snapshot_matches: SnapshotMatches, library: Path) -> None:
    assert snapshot_matches(library, (80, 24), _open_lighthouse)


def test_article_wide(snapshot_matches: SnapshotMatches, library: Path) -> None:
    assert snapshot_matches(library, (120, 40), _open_lighthouse)


def test_help_wide(snapshot_matches: SnapshotMatches, library: Path) -> None:
    assert snapshot_matches(library, (120, 40), _open_help)


def test_empty_library_wide(snapshot_matches: SnapshotMatches, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert snapshot_matches(empty, (120, 40), settle_with_preview)


def test_empty_library_narrow(snapshot_matches: SnapshotMatches, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert snapshot_matches(empty, (80, 24), settle_with_preview)
