"""The footer's key bar: whole entries that fit, the palette key kept, a click presses."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import make_app, settle, wait_until

from reader.ui.key_bar import KeyBar, KeyEntry, fit_entries

READ = KeyEntry("⏎", "Read", "enter")
SWITCH = KeyEntry("tab", "Switch pane", "tab")
STAR = KeyEntry("s", "Star", "s")
PALETTE = KeyEntry("^p", "palette", "ctrl+p")


def test_entries_that_do_not_fit_are_left_out_whole() -> None:
    entries = [READ, SWITCH, STAR]
    assert fit_entries(entries, PALETTE, 80) == (entries, PALETTE)
    # " ⏎ Read " and " tab Switch pane " take 25 cells; " ^p palette " takes 12.
    assert fit_entries(entries, PALETTE, 40) == ([READ, SWITCH], PALETTE)
    assert fit_entries(entries, PALETTE, 12) == ([], PALETTE)
    assert fit_entries(entries, PALETTE, 11) == ([READ], None)  # no room for the palette


def bar_text(bar: KeyBar) -> str:
    """The bar's line as drawn."""
    return bar.render_line(0).text


async def test_the_bar_never_cuts_a_word_at_80_columns(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = app.main_screen.query_one(KeyBar)
        await pilot.press("enter")
        await settle(pilot)
        await wait_until(pilot, lambda: "Next" in bar_text(bar))
        line = bar_text(bar)
        assert len(line) <= 80 and line.rstrip().endswith("^p palette")
        described = {entry.description for entry in bar.entries}
        shown = {entry.description for entry in bar.shown} - {"palette"}
        assert shown < described  # some entries left out at this width...
        for description in shown:
            assert description in line  # ...and those shown are whole
        for description in described - shown:
            assert description not in line


async def test_clicking_an_entry_presses_its_key(ui_articles: Path) -> None:
    app = make_app(ui_articles)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar = app.main_screen.query_one(KeyBar)
        line = bar_text(bar)
        await pilot.click(KeyBar, offset=(line.index("Star"), 0))
        await pilot.pause()
        summary = app.main_screen.article_list.highlighted_summary
        assert summary is not None and app.main_screen.keeper.is_starred(summary)
