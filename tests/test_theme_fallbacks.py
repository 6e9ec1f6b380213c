"""Our themes without full colour: NO_COLOR (Textual draws in greys) and 16-colour terminals.

With NO_COLOR set, Textual turns every colour of a theme like ours into its
grey: the article must still read at WCAG AA, and the headline still stand
apart from the subheadings. A 16-colour terminal gets each colour as the
nearest of the 16 (Rich's downgrade, as the app's console does with
TEXTUAL_COLOR_SYSTEM=standard); measured in the palettes Textual maps ANSI
colours with, body text must stay at AA and every other piece of text at
3:1 (WCAG's level for large text: grey is bright black there, whatever the
theme asks), and no text may fall into its background's colour. The rule
and the caption bar are decoration and may fade.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import ColorSystem
from rich.style import Style
from rich.terminal_theme import TerminalTheme
from theme_helpers import drawn_pieces, open_choir, rgb, write_themed_library
from ui_helpers import NARROW, make_app

from reader.ui.theme_colors import AA, contrast

BODY = ("article.paragraph", "article.bullet", "article.quote", "article.headline")
DECORATION = ("article.rule", "article.caption.bar")
LARGE = 3.0


def ratio(style: Style, terminal: TerminalTheme) -> float:
    """The contrast of a drawn style's text against its background."""
    fg = rgb(style.color, terminal, foreground=True)
    return contrast(fg, rgb(style.bgcolor, terminal, foreground=False))


def in_16_colours(style: Style) -> Style:
    """`style` with its colours as a 16-colour terminal gets them."""
    color, bgcolor = style.color, style.bgcolor
    return style + Style(
        color=color.downgrade(ColorSystem.STANDARD) if color else None,
        bgcolor=bgcolor.downgrade(ColorSystem.STANDARD) if bgcolor else None,
    )


@pytest.mark.parametrize("theme", ["newsprint", "nightdesk"])
async def test_no_color_draws_the_article_in_readable_greys(
    tmp_path: Path, theme: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")  # read when the app is made
    app = make_app(write_themed_library(tmp_path / "lib"))
    assert app.no_color
    async with app.run_test(size=NARROW) as pilot:
        app.theme = theme
        body = await open_choir(pilot)
        pieces = drawn_pieces(body, filtered=True)
        for role, text, style in pieces:
            assert style.color is not None and style.color.triplet is not None
            r, g, b = style.color.triplet
            assert r == g == b, (role, style)  # grey: no colour is left
            if role not in DECORATION:
                assert ratio(style, app.ansi_theme) >= AA, (role, text)
        styles = {role: style for role, _, style in pieces}
        assert styles["article.headline"] != styles["article.subheading"]


@pytest.mark.parametrize("theme", ["newsprint", "nightdesk"])
async def test_sixteen_colours_keep_the_article_readable(tmp_path: Path, theme: str) -> None:
    app = make_app(write_themed_library(tmp_path / "lib"))
    async with app.run_test(size=NARROW) as pilot:
        app.theme = theme
        body = await open_choir(pilot)
        pieces = [(role, text, in_16_colours(style)) for role, text, style in drawn_pieces(body)]
        for role, text, style in pieces:
            if role in DECORATION:
                continue
            assert style.color != style.bgcolor, (role, text)
            least = AA if role in BODY else LARGE
            assert ratio(style, app.ansi_theme) >= least, (role, text)
        styles = {role: style for role, _, style in pieces}
        assert styles["article.headline"] != styles["article.subheading"]
