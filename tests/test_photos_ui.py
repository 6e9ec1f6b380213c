"""Photos in the reader: above their captions, `i` hides and shows them, a quiet placeholder
when the file is missing or broken. Drawn with Unicode half-blocks, which every terminal has."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterable
from pathlib import Path

import pytest
from PIL import Image
from textual.pilot import Pilot
from textual.widget import Widget
from ui_helpers import (
    NARROW,
    RecordingApp,
    help_entries,
    make_app,
    settle,
    wait_for_layout,
    wait_until,
)

from reader.ingest.photo_files import PhotoInfo
from reader.ui.app import BroadsheetApp
from reader.ui.article_view import ArticleView
from reader.ui.help_screen import HelpScreen
from reader.ui.photo import PLACEHOLDER, photo_cells

SIZE = (100, 40)

ARTICLE = """\
---
title: Night ferry trial begins on the Sorrel estuary
section: Transport
byline: Tamsin Orr
published: 2026-09-03
source: The Estuary Ledger
---

The first night crossing left Halbeck pier at eleven, with forty passengers
and a brass band that had not been asked to play.

![The night ferry waiting at Halbeck pier](pier.png "Photo: Joss Farrant")

The trial runs until the end of October. The operator will decide in
November whether the crossings stay.

![A deckhand coils the stern line before departure](deck.jpg "Joss Farrant")

Passengers were asked to fill in a short card on the way off.
"""

PLAIN = """\
---
title: Library keeps late hours through the winter
---

The reading room will stay open until nine on weekdays.
"""


def write_image(path: Path, kind: str, size: tuple[int, int] = (120, 80)) -> bytes:
    """Save a small gradient image of `kind` at `path`; returns its bytes."""
    image = Image.new("RGB", size)
    image.putdata([(x * 2 % 256, y * 3 % 256, 90) for y in range(size[1]) for x in range(size[0])])
    out = io.BytesIO()
    image.save(out, format=kind)
    path.write_bytes(out.getvalue())
    return out.getvalue()


@pytest.fixture(autouse=True)
def _halfcell(monkeypatch: pytest.MonkeyPatch) -> None:
    """Draw photos with half-blocks, whatever terminal runs the tests."""
    monkeypatch.setenv("READER_IMAGE_PROTOCOL", "halfcell")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A folder with one article and its two photos (a PNG and a JPEG)."""
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "ferry.md").write_text(ARTICLE, encoding="utf-8")
    write_image(folder / "pier.png", "PNG")
    write_image(folder / "deck.jpg", "JPEG", (80, 120))
    return folder


async def read_first(pilot: Pilot[None]) -> None:
    """Open the first article and wait for its photos to be decoded."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    app = pilot.app
    assert isinstance(app, BroadsheetApp)
    await wait_for_layout(pilot)  # before that, the photos may not be mounted yet
    await wait_until(
        pilot, lambda: all(p.image or p.problem for p in app.main_screen.article_view.photos)
    )


def line_of(app: BroadsheetApp, text: str) -> int:
    """The screen row showing `text`."""
    for body in app.main_screen.article_view.bodies:
        for number, line in enumerate(body.plain_text.splitlines()):
            if text in line:
                return body.region.y + number
    raise AssertionError(f"{text!r} is not shown")


async def test_each_photo_shows_above_its_caption(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await read_first(pilot)
        view = app.main_screen.article_view
        photos = view.photos
        assert [p.path.name if p.path else None for p in photos] == ["pier.png", "deck.jpg"]
        first, second = photos
        assert first.image is not None and second.image is not None
        assert not first.showing_placeholder
        # The photo's rows sit directly above the caption's first line.
        widget = first.image_widget
        assert widget is not None and widget.region.height > 1
        assert widget.region.bottom == line_of(app, "The night ferry waiting at Halbeck pier")
        # The photo fits the reading column, under the text above it.
        assert widget.region.width <= view.body.line_width
        assert widget.region.x == view.body.region.x
        assert first.region.y >= view.body.region.bottom
        # The column keeps its margins: a blank row above the article and below its end.
        assert view.body.region.y == view.region.y + 1
        last = view.bodies[-1]
        assert view.virtual_size.height == last.virtual_region.bottom + 1
        # The whole article is still there, captions and credits included.
        text = " ".join(view.plain_text.split())
        assert "Photo: Joss Farrant" in text
        assert "A deckhand coils the stern line before departure" in text
        assert "Passengers were asked" in text


async def test_i_hides_and_shows_photos_and_keeps_captions(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await read_first(pilot)
        view = app.main_screen.article_view
        height = view.virtual_size.height
        await pilot.press("i")
        await pilot.pause()
        assert not view.photos_shown
        assert all(not photo.display for photo in view.photos)
        await wait_until(pilot, lambda: view.virtual_size.height < height)
        assert "The night ferry waiting at Halbeck pier" in view.plain_text
        caption_row = line_of(app, "The night ferry waiting at Halbeck pier")
        assert caption_row == line_of(app, "play.") + 2  # a blank line, then the caption
        await pilot.press("i")
        await pilot.pause()
        assert view.photos_shown
        assert all(photo.display for photo in view.photos)
        await wait_until(pilot, lambda: view.virtual_size.height == height)


async def test_hidden_photos_stay_hidden_for_the_next_article(library: Path) -> None:
    (library / "plain.md").write_text(PLAIN, encoding="utf-8")
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        names = [row.path.name for row in app.main_screen.article_list.rows]
        app.main_screen.article_list.cursor = names.index("plain.md")
        await pilot.press("enter")
        await settle(pilot)
        assert app.main_screen.article_view.photos == []
        await pilot.press("i")  # nothing to hide here: no error, the choice is kept
        await pilot.press("escape")
        app.main_screen.article_list.cursor = names.index("ferry.md")
        await pilot.press("enter")
        await settle(pilot)
        photos = app.main_screen.article_view.photos
        assert len(photos) == 2 and all(not photo.display for photo in photos)


async def test_keys_still_scroll_an_article_with_photos(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=NARROW) as pilot:
        await read_first(pilot)
        view = app.main_screen.article_view
        assert app.focused is view
        assert view.max_scroll_y > 0
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("g")
        assert view.scroll_y == 0
        await pilot.press("space")
        assert view.scroll_y > 0


@pytest.mark.parametrize("problem", ["missing", "broken", "html"])
async def test_a_missing_or_broken_photo_shows_a_quiet_placeholder(
    library: Path, problem: str
) -> None:
    pier = library / "pier.png"
    if problem == "missing":
        pier.unlink()
    elif problem == "broken":
        pier.write_bytes(pier.read_bytes()[:200])  # the header is whole, the pixels are not
    else:
        pier.write_bytes(b"<!doctype html><title>Not found</title>")
    app = make_app(library, app_class=RecordingApp)
    async with app.run_test(size=SIZE) as pilot:
        await read_first(pilot)
        first, second = app.main_screen.article_view.photos
        assert first.showing_placeholder and first.image_widget is None
        assert not second.showing_placeholder  # the other photo is unaffected
        placeholder = first.query_one(".photo-placeholder")
        assert placeholder.region.height == 1
        assert placeholder.region.bottom == line_of(app, "The night ferry waiting at Halbeck pier")
        assert str(placeholder.render()) == PLACEHOLDER
        reason = {"missing": "not found", "broken": "damaged", "html": "not a photo"}[problem]
        assert first.problem is not None and reason in first.problem
        assert reason in str(placeholder.tooltip)  # the reason, for whoever hovers
        # Quiet: no dialog, no error notification.
        assert not isinstance(app.screen, HelpScreen) and app.screen is app.screen_stack[0]
        assert not [n for n in app.notices if n.severity == "error"]


async def test_the_help_lists_the_photo_key(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await read_first(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert ("i", "Show or hide photos") in help_entries(app.screen)


def test_photo_cells_keep_the_aspect_within_the_column_and_height() -> None:
    wide = PhotoInfo("jpeg", 4000, 1000)
    tall = PhotoInfo("jpeg", 1000, 4000)
    tiny = PhotoInfo("png", 8, 8)
    cols, rows = photo_cells(wide, 60, 20)
    assert cols == 60 and rows < 20
    cols, rows = photo_cells(tall, 60, 20)
    assert rows == 20 and cols < 60
    cols, rows = photo_cells(tiny, 60, 20)
    assert cols <= 2 and rows >= 1  # never blown up past twice its size


async def test_a_photo_with_no_caption_sits_between_the_blocks(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    write_image(folder / "lead.png", "PNG")
    (folder / "lead.md").write_text(
        "---\ntitle: Lead photo only\n---\n\n![](lead.png)\n\nThe only paragraph.\n",
        encoding="utf-8",
    )
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await read_first(pilot)
        (photo,) = app.main_screen.article_view.photos
        widget = photo.image_widget
        assert widget is not None and photo.image is not None
        assert widget.region.y > line_of(app, "Lead photo only")
        # The photo, its (blank) slot line, then the paragraph.
        assert widget.region.bottom + 1 == line_of(app, "The only paragraph.")


async def test_a_narrower_pane_refits_the_photos_without_decoding_again(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(140, 50)) as pilot:
        await read_first(pilot)
        view = app.main_screen.article_view
        before = view.photos
        image = before[0].image
        width = view.body.line_width
        await pilot.resize_terminal(104, 50)
        await settle(pilot)
        await wait_until(pilot, lambda: view.body.line_width == view.reading_width)
        assert view.body.line_width < width
        assert view.photos == before and before[0].image is image
        widget = before[0].image_widget
        assert widget is not None
        await wait_until(pilot, lambda: widget.region.width <= view.body.line_width)
        assert widget.region.bottom == line_of(app, "The night ferry waiting at Halbeck pier")


async def test_the_next_article_shows_its_own_photos(library: Path) -> None:
    # A second article with a photo at the same place in its blocks as the first.
    write_image(library / "other.png", "PNG", (60, 60))
    other = ARTICLE.replace("Night ferry trial", "Day ferry trial").replace("pier.png", "other.png")
    (library / "other.md").write_text(other, encoding="utf-8")
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await read_first(pilot)
        first = [p.path.name if p.path else None for p in app.main_screen.article_view.photos]
        await pilot.press("n")
        await settle(pilot)
        await wait_until(pilot, lambda: len(app.main_screen.article_view.photos) == 2)
        second = [p.path.name if p.path else None for p in app.main_screen.article_view.photos]
        assert {first[0], second[0]} == {"pier.png", "other.png"}
        assert first[1] == second[1] == "deck.jpg"


def top_line(app: BroadsheetApp) -> str:
    """The article line at the top of the pane (a photo's row gives "")."""
    view = app.main_screen.article_view
    top = round(view.scroll_y)
    for body in view.bodies:
        region = body.virtual_region
        if region.y <= top < region.bottom:
            return body.plain_text.split("\n")[top - region.y]
    return ""


async def test_i_keeps_the_line_being_read_at_the_top(library: Path) -> None:
    more = "\n".join(f"Paragraph {n} of what the passengers said." for n in range(1, 30))
    (library / "ferry.md").write_text(ARTICLE + "\n" + more.replace("\n", "\n\n"), "utf-8")
    app = make_app(library)
    async with app.run_test(size=NARROW) as pilot:
        await read_first(pilot)
        view = app.main_screen.article_view
        # Read on to the text between the two photos.
        for _ in range(view.max_scroll_y):
            if "The trial runs" in top_line(app):
                break
            await pilot.press("down")
        await pilot.press("i")
        await wait_until(pilot, lambda: not any(photo.display for photo in view.photos))
        await pilot.pause()
        assert "The trial runs" in top_line(app)
        await pilot.press("i")
        await wait_until(pilot, lambda: all(photo.display for photo in view.photos))
        await pilot.pause()
        assert "The trial runs" in top_line(app)


def write_ferry_and_plain(library: Path) -> None:
    """A long article with photos (ferry.md) and one without (plain.md)."""
    more = "\n\n".join(f"Paragraph {n} of what the passengers said." for n in range(1, 30))
    (library / "ferry.md").write_text(ARTICLE + "\n" + more, "utf-8")
    (library / "plain.md").write_text(PLAIN, encoding="utf-8")


async def read_past_the_photos_then_open(pilot: Pilot[None], other: str) -> str:
    """Read ferry.md on to the paragraphs after its photos, then open `other`.

    Returns the line that was at the top of the pane.
    """
    app = pilot.app
    assert isinstance(app, BroadsheetApp)
    names = [row.path.name for row in app.main_screen.article_list.rows]
    app.main_screen.article_list.cursor = names.index("ferry.md")
    await read_first(pilot)
    for _ in range(app.main_screen.article_view.max_scroll_y):
        if "Paragraph 3 " in top_line(app):
            break
        await pilot.press("down")
    line = top_line(app)
    assert "Paragraph 3 " in line
    await pilot.press("escape")
    app.main_screen.article_list.cursor = names.index(other)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("escape")
    app.main_screen.article_list.cursor = names.index("ferry.md")
    return line


async def test_the_reading_position_is_restored_with_photos(library: Path) -> None:
    write_ferry_and_plain(library)
    app = make_app(library)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        line = await read_past_the_photos_then_open(pilot, "plain.md")
        await pilot.press("enter")
        await settle(pilot)
        await wait_until(pilot, lambda: top_line(app) == line)
        assert top_line(app) == line


async def test_the_reading_position_waits_for_the_photos_to_be_mounted(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a busy machine the photos and the text after them may be mounted a few frames
    # after the article's first lines: restoring the place before that scrolled by the
    # first lines' height only, and the reader came back to the top or to a photo.
    write_ferry_and_plain(library)
    app = make_app(library)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        line = await read_past_the_photos_then_open(pilot, "plain.md")
        view = app.main_screen.article_view
        # Hold the photos back, as a busy machine may, until the first lines are shown.
        mount_all = ArticleView.mount_all
        held: list[Widget] = []
        gate: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def mount_later(self: ArticleView, widgets: Iterable[Widget]) -> asyncio.Future[None]:
            held.extend(widgets)
            return gate

        monkeypatch.setattr(ArticleView, "mount_all", mount_later)
        await pilot.press("enter")
        await wait_until(pilot, lambda: view.path == library / "ferry.md" and bool(held))
        await pilot.pause()
        assert view.shown_path is None
        await mount_all(view, held)
        gate.set_result(None)
        await wait_until(pilot, lambda: view.shown_path == library / "ferry.md")
        assert len(view.photos) == 2
        assert top_line(app) == line
