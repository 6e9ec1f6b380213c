"""`v` while reading: the article's file as stored, each line marked with its role; and the
note under an article that left out much of its file's prose."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from rich.color import Color
from textual.pilot import Pilot
from ui_helpers import NARROW, WIDE, make_app, settle, wait_until

from reader.ui import loading
from reader.ui.app import BroadsheetApp
from reader.ui.article_view import ArticleView
from reader.ui.key_bar import KeyBar

CAPTURES = Path(__file__).parent / "fixtures" / "captures"

LONG_CAPTURE = "\n\n".join(
    [
        "Harbour\nA night at the fish market on the quay at Pellan\nBy Morwen Trask",
        *(
            f"Paragraph {n} of the night at the market: the boats come in, the crates are "
            "stacked on the cobbles and the buyers walk the rows with torches until dawn."
            for n in range(40)
        ),
        "Share\nMore from Harbour",
    ]
)


async def read_first(pilot: Pilot[None]) -> ArticleView:
    """Open the first article of the list and wait until it is typeset in the pane."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    view = pilot.app.query_one(ArticleView)
    await wait_until(pilot, lambda: view.article is not None and view.body.line_count > 0)
    await wait_until(pilot, lambda: pilot.app.focused is view)  # keys go to the article now
    return view


async def press_v(pilot: Pilot[None], view: ArticleView, *, shown: bool) -> None:
    """Press v and wait until the pane shows the file (`shown`) or the article again."""
    await pilot.press("v")
    await settle(pilot)
    await wait_until(pilot, lambda: view.source_shown is shown)


def source_rows(view: ArticleView) -> list[tuple[str, str]]:
    """(role, text) of each row of the file view that starts a line of the file."""
    rows = []
    for line in view.source.plain_text.splitlines():
        role, _, text = line.partition("  ")
        if role.strip() and text.strip():
            rows.append((role.strip(), text.strip()))
    return rows


async def test_v_shows_each_line_of_the_capture_with_its_role() -> None:
    app = make_app(CAPTURES / "next_article.txt")
    async with app.run_test(size=NARROW) as pilot:
        view = await read_first(pilot)
        await press_v(pilot, view, shown=True)
        assert view.source.display and not view.body.display
        rows = source_rows(view)
        assert rows[0] == ("dropped", "Skip to content")
        assert ("kicker", "Coast") in rows
        assert ("byline", "By Aled Penhallow") in rows
        roles = {role for role, _ in rows}
        assert {"headline", "body", "dropped"} <= roles
        # The article the parser missed is there to read, marked as left out.
        assert ("dropped", "Volunteers plant three thousand oaks along the Dunmere valley") in rows


async def test_v_again_returns_to_the_article_at_the_same_place(tmp_path: Path) -> None:
    (tmp_path / "market.txt").write_text(LONG_CAPTURE, encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        view = await read_first(pilot)
        article_text = view.plain_text
        await wait_until(pilot, lambda: view.max_scroll_y > 40)
        await pilot.press("pagedown", "pagedown")
        place = view.scroll_y
        assert place > 0
        await press_v(pilot, view, shown=True)
        assert view.scroll_y == 0
        await pilot.press("pagedown")
        await press_v(pilot, view, shown=False)
        await wait_until(pilot, lambda: view.scroll_y == place)
        assert view.scroll_y == place
        assert view.body.display and not view.source.display
        assert view.plain_text == article_text


async def test_the_reading_place_saved_while_the_file_shows_is_the_articles(
    tmp_path: Path,
) -> None:
    (tmp_path / "market.txt").write_text(LONG_CAPTURE, encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        view = await read_first(pilot)
        await wait_until(pilot, lambda: view.max_scroll_y > 40)
        await pilot.press("pagedown")
        fraction = view.reading_fraction
        assert fraction > 0
        await press_v(pilot, view, shown=True)
        await pilot.press("end")
        assert view.reading_fraction == fraction


async def test_the_article_ends_with_a_note_when_much_prose_was_left_out() -> None:
    app = make_app(CAPTURES / "next_article.txt")
    async with app.run_test(size=WIDE) as pilot:
        view = await read_first(pilot)
        last = view.plain_text.rstrip().splitlines()[-1].strip()
        assert last == "5 long passages were left out: v shows the page as captured"


async def test_an_article_read_whole_has_no_note(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=WIDE) as pilot:
        view = await read_first(pilot)
        assert "left out" not in view.plain_text


async def test_a_markdown_file_shows_as_written(tmp_path: Path) -> None:
    (tmp_path / "ferry.md").write_text(
        "---\ntitle: The night ferry\n---\n\nThe *night* ferry sailed at ten.\n",
        encoding="utf-8",
    )
    app = make_app(tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        view = await read_first(pilot)
        await press_v(pilot, view, shown=True)
        lines = [line.strip() for line in view.source.plain_text.splitlines() if line.strip()]
        assert lines == ["---", "title: The night ferry", "---", "The *night* ferry sailed at ten."]


async def test_roles_are_drawn_in_the_themes_colours() -> None:
    app = make_app(CAPTURES / "next_article.txt")
    async with app.run_test(size=NARROW) as pilot:
        view = await read_first(pilot)
        await press_v(pilot, view, shown=True)
        styles = view.source.role_styles()
        accent = app.current_theme.accent
        assert accent is not None
        drawn, wanted = styles["headline"].color, Color.parse(accent)
        assert drawn is not None and drawn.triplet and wanted.triplet
        assert all(abs(a - b) <= 2 for a, b in zip(drawn.triplet, wanted.triplet, strict=True))
        assert styles["dropped"].color != styles["body"].color
        headline_row = next(
            strip for strip in view.source._lines if strip.text.startswith("headline")
        )
        assert any(segment.style and segment.style.bold for segment in headline_row)


async def test_n_while_the_file_shows_reads_the_next_article_typeset(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=NARROW) as pilot:
        view = await read_first(pilot)
        first = view.path
        await press_v(pilot, view, shown=True)
        await pilot.press("n")
        await settle(pilot)
        await wait_until(pilot, lambda: view.path != first and not view.source_shown)
        assert view.body.display and not view.source.display
        assert view.plain_text


def v_binding(app: BroadsheetApp) -> tuple[bool, bool] | None:
    """Whether `v` shows in the footer and is enabled, or None when it is not bound."""
    active = app.screen.active_bindings.get("v")
    return None if active is None else (active.binding.show, active.enabled)


def footer_keys(app: BroadsheetApp) -> list[str]:
    """What the footer shows for each key, as drawn: the key, then what it does."""
    return [
        f"{entry.display} {entry.description}" for entry in app.main_screen.query_one(KeyBar).shown
    ]


async def test_v_is_in_the_footer_while_an_article_shows(
    ui_articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pane takes focus before the article arrives (v is not offered then):
    # the footer must offer v once the article shows.
    arrived, release = threading.Event(), threading.Event()
    open_article = loading.open_article

    def held(path: Path, width: int, post: loading.Post, cancelled: loading.Cancelled) -> None:
        release.wait()
        open_article(path, width, post, cancelled)
        arrived.set()

    monkeypatch.setattr(loading, "open_article", held)
    app = make_app(ui_articles)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        view = app.main_screen.article_view
        await pilot.press("enter")
        try:
            await wait_until(pilot, lambda: app.focused is view)
            assert "v As captured" not in footer_keys(app)
        finally:
            release.set()
        await wait_until(pilot, arrived.is_set)
        await settle(pilot)
        await wait_until(pilot, lambda: "v As captured" in footer_keys(app))
        assert "v As captured" in footer_keys(app)
        assert v_binding(app) == (True, True)


async def test_v_does_nothing_without_an_article(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        view.focus()
        await wait_until(pilot, lambda: app.focused is view)
        assert v_binding(app) is None  # not in the footer
        await pilot.press("v")
        await settle(pilot)
        assert not view.source_shown
        assert "No articles yet" in view.message


async def test_hostile_lines_reach_the_screen_as_text(tmp_path: Path) -> None:
    (tmp_path / "evil.txt").write_text(
        "A headline for a page that tries to take over the terminal\n\n"
        "A paragraph that clears the screen \x1b[2J and sets a title \x1b]0;owned\x07 "
        "before it ends in the usual way, as every paragraph does.\n",
        encoding="utf-8",
    )
    app = make_app(tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        view = await read_first(pilot)
        await press_v(pilot, view, shown=True)
        text = view.source.plain_text
        assert "\x1b" not in text and "\x07" not in text
        assert "clears the screen" in text
