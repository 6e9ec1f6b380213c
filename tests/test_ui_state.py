"""Read and starred marks, remembered places, sorting and filters, driven like a user."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from ui_helpers import (
    NARROW,
    WIDE,
    RecordingApp,
    cursor_headline,
    header_status,
    help_entries,
    listed_headlines,
    make_app,
    settle,
    wait_for_layout,
    wait_until,
    write_library,
)

from reader.library.state import open_state
from reader.ui.app import BroadsheetApp
from reader.ui.dialogs import ConfirmScreen, PickScreen
from reader.ui.help_screen import HelpScreen
from reader.ui.reader_screen import ReaderScreen


def first_line(app: BroadsheetApp, row: int = 0) -> str:
    """The drawn headline line of list row `row` (when it is on screen)."""
    article_list = app.main_screen.article_list
    return article_list.render_line(row * 2 - article_list.scroll_offset.y).text


# Marks


async def test_every_row_starts_unread_and_the_header_counts_them(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert header_status(app).startswith("4 articles · 4 unread")
        assert first_line(app).startswith("▌● ")


async def test_opening_an_article_marks_it_read(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "3 unread" in header_status(app)
        await pilot.press("escape")
        assert not first_line(app).startswith("▌●")
        assert first_line(app, 1).startswith(" ● ")


async def test_u_and_s_toggle_marks_and_they_persist(tmp_path: Path) -> None:
    library = write_library(tmp_path / "lib")
    app = make_app(library)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("down", "u", "s")
        assert "3 unread" in header_status(app)
        second = app.main_screen.article_list.rows[1]
        assert (
            app.main_screen.article_list.render_line(
                3 - app.main_screen.article_list.scroll_offset.y
            ).text[1]
            == "★"
        )
        await pilot.press("u")
        assert "4 unread" in header_status(app)
        await pilot.press("u")
    with open_state() as store:
        assert store.is_read(second.path, second.content_hash)
        assert store.is_starred(second.path, second.content_hash)
    again = make_app(library)
    async with again.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert "3 unread" in header_status(again)
        assert again.main_screen.keeper is not None
        assert again.main_screen.keeper.is_starred(second)


async def test_s_while_reading_stars_the_open_article(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("s")
        summary = app.main_screen.article_list.highlighted_summary
        assert summary is not None and app.main_screen.keeper is not None
        assert app.main_screen.keeper.is_starred(summary)


async def test_mark_all_read_asks_first(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("M")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Mark 4 articles read?"
        await pilot.press("n")
        assert not isinstance(app.screen, ConfirmScreen)
        assert "4 unread" in header_status(app)
        await pilot.press("M")
        await pilot.press("y")
        await pilot.pause()
        assert "0 unread" in header_status(app)
        assert not any("●" in first_line(app, row)[:2] for row in range(4))


async def test_a_damaged_state_file_is_moved_aside_with_one_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state_dir = tmp_path / "state"
    state_dir.mkdir()
    (state_dir / "state.sqlite3").write_bytes(b"not a database at all" * 100)
    monkeypatch.setenv("READER_STATE_DIR", str(state_dir))
    app = make_app(write_library(tmp_path / "lib"), app_class=RecordingApp)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert sum("damaged" in notice.message for notice in app.notices) == 1
        assert any(path.name.startswith("state.sqlite3.corrupt") for path in state_dir.iterdir())
        await pilot.press("u")
        assert "3 unread" in header_status(app)


# Remembered places


async def test_selected_article_and_reading_position_survive_a_restart(tmp_path: Path) -> None:
    library = write_library(tmp_path / "lib", paragraphs=80)
    app = make_app(library)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        chosen = cursor_headline(app)
        view = app.main_screen.article_view
        await wait_for_layout(pilot)
        assert view.max_scroll_y > 20
        await pilot.press("pagedown", "pagedown")
        place = view.scroll_y / view.max_scroll_y
        assert place > 0
        await pilot.press("escape", "q")
    again = make_app(library)
    async with again.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert cursor_headline(again) == chosen
        await pilot.press("enter")
        await settle(pilot)
        view = again.main_screen.article_view
        await wait_for_layout(pilot)
        await wait_until(
            pilot, lambda: abs(view.scroll_y / max(1, view.max_scroll_y) - place) < 0.05
        )
        assert abs(view.scroll_y / view.max_scroll_y - place) < 0.05


# Sorting and filters

NEWEST = [
    "Apple harvest beats last year",
    "Bridge repairs close the east road",
    "Ferry timetable changes for winter",
    "Choir wins the regional contest",
]


async def test_each_sort_order(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert listed_headlines(app) == NEWEST
        await pilot.press("O")
        assert listed_headlines(app) == NEWEST[::-1]
        assert "oldest first" in header_status(app)
        await pilot.press("O")
        assert listed_headlines(app) == sorted(NEWEST)
        assert "headline A-Z" in header_status(app)
        await pilot.press("O")
        assert listed_headlines(app)[0] == "Choir wins the regional contest"  # Culture
        assert [row.section for row in app.main_screen.article_list.rows][-2:] == ["Transport"] * 2
        await pilot.press("O")
        assert listed_headlines(app) == NEWEST


async def test_the_cursor_keeps_its_article_across_sort_and_filter(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")
        assert cursor_headline(app) == "Ferry timetable changes for winter"
        await pilot.press("O")
        assert cursor_headline(app) == "Ferry timetable changes for winter"
        await pilot.press("U")
        assert cursor_headline(app) == "Ferry timetable changes for winter"


async def test_unread_and_starred_only(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("u", "down", "s")
        await pilot.press("U")
        assert "unread only" in header_status(app)
        assert listed_headlines(app) == NEWEST[1:]
        await pilot.press("U", "S")
        assert "starred only" in header_status(app)
        assert listed_headlines(app) == [NEWEST[1]]
        await pilot.press("S")
        assert listed_headlines(app) == NEWEST


async def test_filter_by_section_and_by_source(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("f")
        assert isinstance(app.screen, PickScreen)
        labels = [label for _, label in app.screen.choices]
        assert "Section: Transport (2)" in labels and "Source: Valley Courier (2)" in labels
        app.screen.dismiss("section:Transport")
        await pilot.pause()
        assert listed_headlines(app) == [NEWEST[1], NEWEST[2]]
        assert "section: Transport" in header_status(app)
        await pilot.press("f")
        assert isinstance(app.screen, PickScreen)
        app.screen.dismiss("source:Valley Courier")
        await pilot.pause()
        assert listed_headlines(app) == [NEWEST[1]]
        await pilot.press("f")
        await pilot.press("enter")  # the first choice: clear both
        await pilot.pause()
        assert listed_headlines(app) == NEWEST


async def test_the_help_screen_shows_the_new_keys(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = help_entries(app.screen)
        for binding in ReaderScreen.BINDINGS:
            assert isinstance(binding, Binding) and binding.id
            display = app.get_key_display(binding)
            assert (display, binding.description) in listed, binding.key


async def test_sorts_and_filters_are_in_the_command_palette(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in (
            "Sort: oldest first",
            "Sort: headline A-Z",
            "Unread only",
            "Mark all read",
            "Search",
        ):
            assert title in titles


# Search


async def test_search_as_you_type_highlights_and_escape_returns(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")
        assert cursor_headline(app) == "Ferry timetable changes for winter"
        await pilot.press("slash", *"bri")
        await pilot.pause(0.3)
        await settle(pilot)
        assert listed_headlines(app) == ["Bridge repairs close the east road"]
        assert header_status(app).startswith("1 match for “bri”")
        match_style = app.main_screen.article_list.get_component_rich_style(
            "article-list--match", partial=True
        )
        assert match_style.reverse
        await pilot.press(*"zzq")
        await pilot.pause(0.3)
        await settle(pilot)
        assert app.main_screen.article_list.row_count == 0
        assert header_status(app) == "No articles match “brizzq”"
        await pilot.press("escape")
        assert listed_headlines(app) == NEWEST
        assert cursor_headline(app) == "Ferry timetable changes for winter"
        assert app.focused is app.main_screen.article_list


async def test_search_ranks_and_finds_body_words(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"told plainly")
        await pilot.pause(0.3)
        await settle(pilot)
        assert sorted(listed_headlines(app)) == sorted(NEWEST)
        await pilot.press("enter")
        assert app.focused is app.main_screen.article_list


async def test_tab_into_the_previewed_article_marks_it_read(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)  # the preview opens once the cursor rests
        await settle(pilot)
        assert "4 unread" in header_status(app)  # a preview alone does not mark it read
        await pilot.press("tab")
        assert "3 unread" in header_status(app)


async def test_a_fresh_start_puts_the_cursor_on_the_newest_article(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    # Found in file order (older first), listed newest first once loaded.
    for name, title, published in (
        ("a-old.md", "Older story about the quay", "2025-06-01"),
        ("b-new.md", "Newer story about the quay", "2026-06-01"),
    ):
        (library / name).write_text(
            f"---\ntitle: {title}\npublished: {published}\n---\n\nA paragraph of the story.\n",
            encoding="utf-8",
        )
    app = make_app(library)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert listed_headlines(app) == ["Newer story about the quay", "Older story about the quay"]
        assert app.main_screen.article_list.cursor == 0
        assert cursor_headline(app) == "Newer story about the quay"
