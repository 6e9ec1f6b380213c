"""Themes as the user meets them: chosen in the palette, remembered, set by name, restyling
every piece of the article."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.color import Color
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from theme_helpers import HEADLINE, SUBHEADING, line_with, open_choir, style_of
from theme_helpers import write_themed_library as write_library
from ui_helpers import NARROW, RecordingApp, make_app, settle, wait_until

from reader.library.state import open_state
from reader.ui.reading_themes import NEWSPRINT
from reader.ui.theme_choice import THEME_SETTING, apply_theme


async def choose_in_palette(pilot: Pilot[None], *words: str) -> None:
    """Open the command palette and pick, one after another, the first hit for each word."""
    app = pilot.app
    await pilot.press("ctrl+p")
    for word in words:
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        palette = app.screen
        await pilot.press(*word)
        commands = palette.query_one(CommandList)

        def found(commands: CommandList = commands) -> bool:
            return commands.option_count > 0 and commands.highlighted == 0

        await wait_until(pilot, found)
        await pilot.press("enter")
        await pilot.pause()
    await wait_until(pilot, lambda: not isinstance(app.screen, CommandPalette))


def remembered_theme() -> object:
    """What the state store keeps of the theme chosen."""
    with open_state() as store:
        return store.setting(THEME_SETTING)


async def test_a_theme_chosen_in_the_palette_is_kept_across_a_restart(tmp_path: Path) -> None:
    library = write_library(tmp_path / "lib")
    app = make_app(library)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await choose_in_palette(pilot, "theme", "nightdesk")
        assert app.theme == "nightdesk"
        await pilot.press("q")
    again = make_app(library)
    async with again.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert again.theme == "nightdesk"
        await pilot.pause()
        background = again.main_screen.article_list.rich_style.bgcolor
        assert background is not None and background.triplet is not None
        assert Color(*background.triplet).hex == "#23221F"  # nightdesk's list pane


async def test_our_two_themes_are_offered_in_the_palette(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await choose_in_palette(pilot, "theme", "newsprint")
        assert app.theme == "newsprint"
        assert remembered_theme() == {"name": "newsprint", "over": None}


async def test_a_theme_named_at_start_is_used(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    assert apply_theme(app, "newsprint")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert app.theme == "newsprint"


async def test_an_unknown_theme_name_keeps_the_theme_and_says_which_exist(
    tmp_path: Path,
) -> None:
    app = make_app(write_library(tmp_path / "lib"), app_class=RecordingApp)
    before = app.theme
    assert not apply_theme(app, "[bold]paper\x1b]0;x\x07")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert app.theme == before
        notice = next(n for n in app.notices if n.title == "Theme")
        assert notice.severity == "warning"
        assert "[bold]paper" in notice.message and "\x1b" not in notice.message
        assert "newsprint" in notice.message and "nightdesk" in notice.message


async def test_the_choice_holds_until_the_config_names_another_theme(tmp_path: Path) -> None:
    library = write_library(tmp_path / "lib")
    app = make_app(library)
    apply_theme(app, "newsprint")  # as the config would
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await choose_in_palette(pilot, "theme", "nightdesk")
    assert remembered_theme() == {"name": "nightdesk", "over": "newsprint"}
    same_config = make_app(library)
    apply_theme(same_config, "newsprint")
    async with same_config.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert same_config.theme == "nightdesk"  # the choice made over this config holds
    new_config = make_app(library)
    apply_theme(new_config, "textual-light")
    async with new_config.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert new_config.theme == "textual-light"  # the file changed since: it wins


async def test_a_theme_variable_recolours_the_drawn_headline(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    variables = {**NEWSPRINT.variables, "reader-headline": "#7A1F5C"}
    app.register_theme(replace(NEWSPRINT, name="plum-headlines", variables=variables))
    async with app.run_test(size=NARROW) as pilot:
        app.theme = "newsprint"
        body = await open_choir(pilot)
        headline = style_of(line_with(body, HEADLINE), HEADLINE)
        subheading = style_of(line_with(body, SUBHEADING), SUBHEADING)
        assert headline.bold and subheading.bold
        assert headline.color != subheading.color  # set apart from the subheadings
        app.theme = "plum-headlines"
        await pilot.pause()
        headline = style_of(line_with(body, HEADLINE), HEADLINE)
        assert headline.color is not None and headline.color.triplet is not None
        assert Color(*headline.color.triplet).hex == "#7A1F5C"
        paragraph = style_of(line_with(body, "The last ferry"), "The last ferry")
        assert paragraph.color != headline.color  # only the headline changed colour


async def test_a_theme_change_restyles_the_article_without_typesetting_it_again(
    tmp_path: Path,
) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    async with app.run_test(size=NARROW) as pilot:
        body = await open_choir(pilot)
        typeset = list(body._lines)
        before = style_of(line_with(body, "CULTURE"), "CULTURE").color
        app.theme = "nightdesk"
        await pilot.pause()
        assert body._lines == typeset
        assert style_of(line_with(body, "CULTURE"), "CULTURE").color != before
