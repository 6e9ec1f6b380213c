"""SVG snapshots of an article with a photo, drawn in Unicode half-blocks, at 80x24 and 120x40.

Regenerate with `pytest tests/test_photos_snapshots.py --snapshot-update` after a
deliberate change to the look, and look at the pictures before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from textual.pilot import Pilot
from ui_helpers import SnapshotMatches, settle, wait_until

from reader.ui.app import BroadsheetApp

FILE_TIME = 1_780_000_000  # a fixed file time, so any date shown is stable

ARTICLE = """\
---
title: Kite festival fills the Marrow Downs for a windy weekend
section: Outdoors
byline: Pell Annick
published: 2026-06-14
source: The Downland Post
---

More than three hundred kites went up over the Marrow Downs on Saturday,
the most the festival has seen in its eleven years.

![Box kites over the chalk ridge on Saturday afternoon](kites.png "Photo: Rhea Tolland")

The organisers had feared a calm day. Instead the wind held from the west
until dusk, and the night flight with lit kites went ahead for the first time.
"""


def draw_kites(path: Path) -> None:
    """A simple picture with flat colours: sky, a green ridge and two kites."""
    image = Image.new("RGB", (240, 160), (120, 170, 230))
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 120), (80, 95), (170, 110), (240, 90), (240, 160), (0, 160)], (70, 140, 60))
    draw.polygon([(60, 30), (80, 50), (60, 70), (40, 50)], (220, 60, 50))
    draw.polygon([(160, 20), (185, 40), (160, 60), (135, 40)], (245, 200, 40))
    draw.line([(60, 70), (90, 120)], (40, 40, 40), 2)
    draw.line([(160, 60), (150, 110)], (40, 40, 40), 2)
    image.save(path, format="PNG")


@pytest.fixture(autouse=True)
def _halfcell(monkeypatch: pytest.MonkeyPatch) -> None:
    """Half-blocks: the same picture whatever terminal runs the tests."""
    monkeypatch.setenv("READER_IMAGE_PROTOCOL", "halfcell")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """One article with one photo, with fixed file times."""
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "kites.md").write_text(ARTICLE, encoding="utf-8")
    draw_kites(folder / "kites.png")
    for path in folder.iterdir():
        os.utime(path, (FILE_TIME, FILE_TIME))
    return folder


async def _open_article(pilot: Pilot[None]) -> None:
    await settle(pilot, 0.2)
    await pilot.press("enter")
    await settle(pilot, 0.2)
    app = pilot.app
    assert isinstance(app, BroadsheetApp)
    await wait_until(
        pilot, lambda: all(photo.image for photo in app.main_screen.article_view.photos)
    )
    await pilot.pause()


async def _open_and_hide(pilot: Pilot[None]) -> None:
    await _open_article(pilot)
    await pilot.press("i")
    await pilot.pause()
    app = pilot.app
    app.clear_notifications()
    await pilot.pause()


def test_photo_narrow(snapshot_matches: SnapshotMatches, library: Path) -> None:
    assert snapshot_matches(library, (80, 24), _open_article)


def test_photo_wide(snapshot_matches: SnapshotMatches, library: Path) -> None:
    assert snapshot_matches(library, (120, 40), _open_article)


def test_photo_hidden_narrow(snapshot_matches: SnapshotMatches, library: Path) -> None:
    assert snapshot_matches(library, (80, 24), _open_and_hide)
