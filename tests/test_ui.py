"""The reader driven like a user: keys in, what the screen shows out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.pilot import Pilot
from ui_helpers import (
    NARROW,
    WIDE,
    RecordingApp,
    cursor_headline,
    focused,
    header_status,
    help_entries,
    make_app,
    settle,
    wait_until,
)

from reader.ui.app import BroadsheetApp
from reader.ui.article_list import ArticleList
from reader.ui.article_view import SELECT_PROMPT, ArticleView
from reader.ui.help_screen import HelpScreen
from reader.ui.reader_screen import ReaderScreen

LONGEST = "2026-05-02-tidewater-lighthouse.md"


async def open_file(pilot: Pilot[None], name: str) -> None:
    """Move the list cursor to the file called `name` and read it with Enter."""
    app = pilot.app
    assert isinstance(app, BroadsheetApp)
    names = [row.path.name for row in app.main_screen.article_list.rows]
    app.main_screen.article_list.cursor = names.index(name)
    await pilot.press("enter")
    await settle(pilot)


def words(text: str) -> str:
    """Text with its line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())


def shown(widget: ArticleList | ArticleView) -> bool:
    """True when the widget is on screen with some size."""
    return widget.display and widget.region.width > 0 and widget.region.height > 0


def list_lines(app: BroadsheetApp) -> list[str]:
    """The list's visible lines as plain text."""
    article_list = app.main_screen.article_list
    return [article_list.render_line(y).text for y in range(article_list.size.height)]


async def test_lists_every_article_with_headline_and_meta(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.main_screen.loaded
        assert app.main_screen.article_list.row_count == 3
        assert header_status(app) == "3 articles · 3 unread · newest first"
        lines = list_lines(app)
        assert lines[0].startswith("▌● " + cursor_headline(app)[:20])
        for row, summary in enumerate(app.main_screen.article_list.rows):
            headline, meta = lines[2 * row], lines[2 * row + 1]
            assert summary.headline[:20] in headline
            assert f"{summary.date_label} · {summary.minutes} min" in meta


async def test_enter_opens_the_article(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        view = app.main_screen.article_view
        assert app.focused is view
        assert view.path == app.main_screen.article_list.rows[1].path
        assert words(cursor_headline(app)) in words(view.body.plain_text)
        assert view.message == ""


async def test_space_and_pagedown_scroll_the_article(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=(120, 12)) as pilot:
        await settle(pilot)
        await open_file(pilot, LONGEST)
        view = app.main_screen.article_view
        assert view.max_scroll_y > 0, "the article should be longer than the pane"
        assert view.scroll_y == 0
        await pilot.press("space")
        after_space = view.scroll_y
        assert after_space > 0
        await pilot.press("pagedown")
        assert view.scroll_y > after_space or view.scroll_y == view.max_scroll_y
        await pilot.press("home")
        assert view.scroll_y == 0
        await pilot.press("j", "j")
        assert view.scroll_y == 2
        await pilot.press("k")
        assert view.scroll_y == 1
        await pilot.press("g")
        assert view.scroll_y == 0
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("b")
        assert view.scroll_y < view.max_scroll_y


async def test_j_and_k_move_the_list_cursor(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        article_list = app.main_screen.article_list
        await pilot.press("j")
        assert article_list.cursor == 1
        await pilot.press("j", "j", "j")
        assert article_list.cursor == 2
        await pilot.press("k")
        assert article_list.cursor == 1
        await pilot.press("g")
        assert article_list.cursor == 0
        await pilot.press("G")
        assert article_list.cursor == 2


async def test_n_and_p_read_the_next_and_previous_article(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        rows = app.main_screen.article_list.rows
        await pilot.press("enter")
        await settle(pilot)
        view = app.main_screen.article_view
        assert view.path == rows[0].path
        await pilot.press("n")
        await settle(pilot)
        assert view.path == rows[1].path
        assert words(rows[1].headline) in words(view.body.plain_text)
        await pilot.press("n", "n")  # the last article stays put at the end
        await settle(pilot)
        assert view.path == rows[2].path
        await pilot.press("p")
        await settle(pilot)
        assert view.path == rows[1].path
        assert app.focused is view


async def test_narrow_shows_one_pane_and_escape_returns(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert shown(app.main_screen.article_list)
        assert not shown(app.main_screen.article_view)
        await pilot.press("l")
        await settle(pilot)
        assert shown(app.main_screen.article_view)
        assert not shown(app.main_screen.article_list)
        assert app.main_screen.article_view.region.width == NARROW[0]
        await pilot.press("escape")
        await pilot.pause()
        assert shown(app.main_screen.article_list)
        assert not shown(app.main_screen.article_view)
        assert app.focused is app.main_screen.article_list


async def test_wide_shows_both_panes_side_by_side(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        article_list, view = app.main_screen.article_list, app.main_screen.article_view
        assert shown(article_list) and shown(view)
        assert article_list.region.x < view.region.x
        assert 36 <= article_list.region.width <= WIDE[0] // 2
        # The cursor's article is previewed on the right without leaving the list.
        await pilot.press("down")
        await pilot.pause(0.3)
        await settle(pilot)
        assert view.path == article_list.rows[1].path
        assert app.focused is article_list
        # The reading column is centred and at most about 80 cells wide.
        body = view.body
        assert body.region.width <= 80
        left = body.region.x - view.region.x
        right = view.region.right - body.region.right
        assert abs(left - right) <= 3


async def test_resize_switches_layout(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.resize_terminal(*NARROW)
        await settle(pilot)
        assert shown(app.main_screen.article_view) and not shown(app.main_screen.article_list)
        await pilot.resize_terminal(*WIDE)
        await settle(pilot)
        assert shown(app.main_screen.article_view) and shown(app.main_screen.article_list)


async def test_tab_switches_focus_between_panes(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert focused(app) is app.main_screen.article_list
        await pilot.press("tab")
        assert focused(app) is app.main_screen.article_view
        await pilot.press("tab")
        assert focused(app) is app.main_screen.article_list


async def test_tab_in_narrow_layout_flips_panes(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        await settle(pilot)
        assert focused(app) is app.main_screen.article_view and shown(app.main_screen.article_view)
        await pilot.press("tab")
        await pilot.pause()
        assert focused(app) is app.main_screen.article_list and shown(app.main_screen.article_list)


async def test_help_lists_every_binding_and_closes(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = help_entries(app.screen)
        for widget in (app.main_screen, app.main_screen.article_list, app.main_screen.article_view):
            for binding in widget.BINDINGS:
                assert not isinstance(binding, tuple)
                for key in binding.key.split(","):
                    display = app.get_key_display(binding.with_key(key))
                    assert (display, binding.description) in listed, (key, binding.description)
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.is_running
        for key in ("question_mark", "escape"):
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)


async def test_every_binding_has_an_id() -> None:
    from textual.binding import Binding

    for cls in (ReaderScreen, ArticleList, ArticleView, HelpScreen):
        for binding in cls.BINDINGS:
            assert isinstance(binding, Binding) and binding.id, (cls.__name__, binding)


async def test_q_quits(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_a_bad_file_is_reported_once_and_the_rest_load(
    tmp_path: Path, ui_articles: Path
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    good = tmp_path / "good.md"
    good.write_bytes((ui_articles / "2026-04-18-orchard-bees.md").read_bytes())
    app = make_app(tmp_path, app_class=RecordingApp)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.main_screen.article_list.row_count == 1
        assert len(app.notices) == 1
        notice = app.notices[0]
        assert notice.severity == "warning"
        assert notice.message.startswith("empty.txt: ")
        assert "empty" in notice.message.removeprefix("empty.txt: ")


async def test_a_file_vanishing_before_it_is_opened_is_reported(
    ui_articles: Path, tmp_path: Path
) -> None:
    doomed = tmp_path / "doomed.md"
    doomed.write_bytes((ui_articles / "2026-04-18-orchard-bees.md").read_bytes())
    app = make_app(tmp_path, app_class=RecordingApp)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        doomed.unlink()
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        assert "doomed.md" in app.main_screen.article_view.message
        assert len(app.notices) == 1 and "doomed.md" in app.notices[0].message
        await pilot.press("escape", "enter")  # opening it again does not repeat the notice
        await settle(pilot)
        assert len(app.notices) == 1


@pytest.mark.parametrize("size", [WIDE, NARROW])
async def test_empty_library_says_how_to_add_articles(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    library = tmp_path / "library"
    library.mkdir()
    app = make_app(library, library_dir=library)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert shown(app.main_screen.article_view)
        message = app.main_screen.article_view.message
        assert "No articles yet" in message
        assert str(library) in message
        assert "reader PATH" in message
        assert header_status(app).startswith("0 articles")


async def test_a_missing_path_is_reported_and_the_pane_says_so(tmp_path: Path) -> None:
    app = make_app(tmp_path / "missing", app_class=RecordingApp)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert len(app.notices) == 1 and "missing" in app.notices[0].message
        assert "No articles yet" in app.main_screen.article_view.message


async def test_before_choosing_the_pane_invites_a_choice(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert app.main_screen.article_view.message == SELECT_PROMPT


async def test_ctrl_p_opens_the_command_palette_with_reader_commands(ui_articles: Path) -> None:
    from textual.command import CommandPalette

    app = make_app(ui_articles)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        titles = [command.title for command in app.get_system_commands(app.screen_stack[0])]
        assert {"Keys", "Read", "Last article"} <= set(titles)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert app.screen is app.screen_stack[0]


async def test_a_long_article_after_a_short_one_fits_beside_the_scrollbar(tmp_path: Path) -> None:
    (tmp_path / "a-short.md").write_text("---\ntitle: A short note\n---\n\nOne line.\n")
    body = "\n\n".join(f"Paragraph {n} of a long report on the harbour works." for n in range(60))
    (tmp_path / "b-long.md").write_text(f"---\ntitle: A long report\n---\n\n{body}\n")
    os.utime(tmp_path / "b-long.md", (1_700_000_000, 1_700_000_000))  # older: listed second
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.main_screen.article_view
        assert view.max_scroll_y == 0
        await pilot.press("n")
        await settle(pilot)
        assert view.max_scroll_y > 0
        # Typeset for the room beside the scrollbar: no line runs under it.
        assert view.body.line_width <= view.scrollable_content_region.width


async def test_arrow_keys_open_and_go_back_in_narrow_layout(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("right")
        await settle(pilot)
        assert shown(app.main_screen.article_view) and app.main_screen.article_view.path is not None
        await pilot.press("left")
        await pilot.pause()
        assert shown(app.main_screen.article_list) and app.focused is app.main_screen.article_list
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()
        assert shown(app.main_screen.article_list)


async def test_resizing_while_reading_retypesets_for_the_new_width(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_file(pilot, LONGEST)
        view = app.main_screen.article_view
        before = view.body.line_width
        await pilot.resize_terminal(*NARROW)
        await settle(pilot)
        # The re-flow follows the pane's own resize, which may come a few frames late.
        await wait_until(pilot, lambda: view.body.line_width not in (before, 0))
        assert view.body.line_width == view.reading_width
        assert view.body.line_width != before
        assert view.body.line_width <= view.scrollable_content_region.width
        assert view.path is not None and view.path.name == LONGEST
