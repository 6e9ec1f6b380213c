"""The virtual article list on its own: many rows, cursor, messages, mouse."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult

from reader.library.summary import Summary
from reader.ui.article_list import ROW_HEIGHT, ArticleList
from reader.ui.row_text import meta_line
from reader.ui.theme_colors import reader_variables


def summary(number: int, **changes: object) -> Summary:
    """A made-up summary for row `number`."""
    row = Summary(
        path=Path(f"/library/{number:06}.txt"),
        headline=f"Headline {number} on the harbour works and the people who run them",
        section="Coast",
        source="The Tidewater Gazette",
        published="2026-05-02",
        file_time=0.0,
        words=920,
        minutes=4,
    )
    return replace(row, **changes)  # type: ignore[arg-type]


class ListApp(App[None]):
    """Just the list, recording the messages it sends."""

    def __init__(self, rows: list[Summary]) -> None:
        super().__init__()
        self.rows = rows
        self.messages: list[ArticleList.Highlighted | ArticleList.Selected] = []

    def compose(self) -> ComposeResult:
        yield ArticleList(self.rows)

    def on_mount(self) -> None:
        self.query_one(ArticleList).focus()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # The list's colours are the reader's theme variables.
        return reader_variables(self.current_theme)

    def on_article_list_highlighted(self, message: ArticleList.Highlighted) -> None:
        self.messages.append(message)

    def on_article_list_selected(self, message: ArticleList.Selected) -> None:
        self.messages.append(message)


def visible(article_list: ArticleList) -> list[str]:
    return [article_list.render_line(y).text for y in range(article_list.size.height)]


async def test_a_row_is_a_headline_and_a_meta_line() -> None:
    app = ListApp([summary(1)])
    async with app.run_test(size=(60, 10)):
        lines = visible(app.query_one(ArticleList))
        assert lines[0].startswith("▌  Headline 1 on the harbour")
        assert lines[0].rstrip().endswith("…")
        assert len(lines[0]) == 60
        assert lines[1].strip("▌ ").startswith("Coast · The Tidewater Gazette · 2026-05-02 · 4 min")
        assert lines[2].strip() == ""


def test_meta_line_leaves_out_what_is_missing() -> None:
    assert meta_line(summary(1, section=None, source=None)).plain == "2026-05-02 · 4 min"


def test_meta_line_keeps_date_and_minutes_when_narrow() -> None:
    row = summary(1)
    assert meta_line(row).plain == "Coast · The Tidewater Gazette · 2026-05-02 · 4 min"
    narrow = meta_line(row, 34).plain
    assert narrow.endswith(" · 2026-05-02 · 4 min") and "…" in narrow
    assert len(narrow) == 34
    assert meta_line(row, 20).plain == "2026-05-02 · 4 min"
    assert meta_line(row, 10).plain == "2026-05-0…"


async def test_a_hundred_thousand_rows_move_like_ten() -> None:
    rows = [summary(number) for number in range(100_000)]
    app = ListApp(rows)
    async with app.run_test(size=(80, 24)) as pilot:
        article_list = app.query_one(ArticleList)
        assert article_list.virtual_size.height == 100_000 * ROW_HEIGHT
        await pilot.press("end")
        assert article_list.cursor == 99_999
        assert any("Headline 99999 " in line for line in visible(article_list))
        await pilot.press("pageup")
        assert article_list.cursor == 99_999 - article_list.page_rows
        await pilot.press("home")
        assert article_list.cursor == 0
        assert "Headline 0 " in visible(article_list)[0]
        assert isinstance(app.messages[-1], ArticleList.Highlighted)
        assert app.messages[-1].index == 0 and app.messages[-1].summary is rows[0]


async def test_enter_and_click_select_a_row() -> None:
    app = ListApp([summary(number) for number in range(5)])
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.messages[-1], ArticleList.Selected)
        assert app.messages[-1].index == 0
        await pilot.click(ArticleList, offset=(10, 2 * ROW_HEIGHT + 1))
        article_list = app.query_one(ArticleList)
        assert article_list.cursor == 2
        assert isinstance(app.messages[-1], ArticleList.Selected)
        assert app.messages[-1].index == 2


async def test_the_wheel_scrolls_the_list() -> None:
    app = ListApp([summary(number) for number in range(200)])
    async with app.run_test(size=(60, 12)) as pilot:
        article_list = app.query_one(ArticleList)
        for _ in range(3):
            article_list.post_message(
                events.MouseScrollDown(article_list, 5, 5, 0, 1, 0, False, False, False)
            )
        await pilot.pause()
        assert article_list.scroll_y > 0
        assert article_list.cursor == 0, "the wheel scrolls; it does not move the cursor"


async def test_rows_update_in_place_without_moving_the_cursor() -> None:
    rows = [summary(number) for number in range(50)]
    app = ListApp(rows)
    async with app.run_test(size=(60, 12)) as pilot:
        article_list = app.query_one(ArticleList)
        await pilot.press("j", "j", "j")
        assert article_list.cursor == 3
        article_list.update_row(3, summary(3, headline="A corrected headline"))
        await pilot.pause()
        assert article_list.cursor == 3
        assert any("A corrected headline" in line for line in visible(article_list))
        article_list.append_rows([summary(number) for number in range(50, 60)])
        article_list.set_rows(rows[:40])
        await pilot.pause()
        assert article_list.cursor == 3 and article_list.row_count == 40
        article_list.set_rows(rows[:2])
        await pilot.pause()
        assert article_list.cursor == 1


async def test_the_list_starts_empty_and_announces_its_first_row() -> None:
    app = ListApp([])
    async with app.run_test(size=(60, 12)) as pilot:
        article_list = app.query_one(ArticleList)
        assert article_list.highlighted_summary is None
        await pilot.press("down", "enter")
        assert app.messages == []
        article_list.append_rows([summary(1), summary(2)])
        await pilot.pause()
        assert [type(m) for m in app.messages] == [ArticleList.Highlighted]
        assert app.messages[0].index == 0


async def test_the_cursor_row_is_styled_apart_in_every_theme() -> None:
    app = ListApp([summary(number) for number in range(3)])
    async with app.run_test(size=(60, 12)) as pilot:
        article_list = app.query_one(ArticleList)
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            cursor = article_list.render_line(0)
            other = article_list.render_line(2)
            cursor_style = next(iter(cursor)).style
            other_style = next(iter(other)).style
            assert cursor.text.startswith("▌"), theme
            assert cursor_style != other_style, theme
            assert cursor_style is not None and cursor_style.bgcolor != (
                other_style.bgcolor if other_style else None
            ), theme
