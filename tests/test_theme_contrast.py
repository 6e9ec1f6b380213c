"""Contrast, computed for every theme the palette offers, as the article and the list draw it.

WCAG AA asks 4.5:1 of body-size text against its background: the body,
the headline, kicker, subheading and related link, and the secondary text
(meta line, captions, credits, notes) in the article; the headline and meta
line in the list. Marks that are not text (bullet markers, the quote bar,
the unread dot, the star) are held to the 3:1 WCAG asks of graphics. The
rule and the caption bar are decoration and are held to nothing.

The two ANSI themes (`ansi-dark`, `ansi-light`) draw in the terminal's own
palette, which only the terminal knows: they are still offered (they suit a
terminal whose palette the user has tuned, and 16-colour terminals), and are
checked here through the palettes Textual itself maps ANSI colours with.
Every theme passes today, so none is withheld from the palette; a theme
that fails is named in the assertion.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rich.style import Style
from rich.terminal_theme import TerminalTheme
from textual.color import Color
from theme_helpers import open_choir, rgb, write_themed_library
from ui_helpers import NARROW, make_app

from reader.ui.article_body import ArticleBody
from reader.ui.article_list import ArticleList
from reader.ui.article_roles import role_class
from reader.ui.reading_themes import READING_THEMES
from reader.ui.theme_colors import AA, contrast

TEXT_ROLES = (
    "article.paragraph",
    "article.bullet",
    "article.quote",
    "article.kicker",
    "article.headline",
    "article.subheading",
    "article.related.label",
    "article.related",
    "article.match",
)
SECONDARY_ROLES = ("article.meta", "article.caption", "article.credit", "article.notice")
MARK_ROLES = ("article.bullet.marker", "article.quote.bar")
LIST_TEXT = ("article-list--headline", "article-list--meta", "article-list--cursor")
LIST_MARKS = ("article-list--unread", "article-list--starred")
GRAPHICS = 3.0
"""WCAG's least contrast for marks that are not text."""


def test_contrast_is_wcag_aa_exactly_as_specified() -> None:
    white, black = Color(255, 255, 255), Color(0, 0, 0)
    assert round(contrast(white, black), 2) == 21.0
    assert round(contrast(Color(0x76, 0x76, 0x76), white), 2) == 4.54  # the AA grey


def ratio(style: Style, terminal: TerminalTheme) -> float:
    """The contrast of a drawn style's text against its background."""
    fg = rgb(style.color, terminal, foreground=True)
    return contrast(fg, rgb(style.bgcolor, terminal, foreground=False))


def article_checks(body: ArticleBody) -> Iterator[tuple[str, float, Style]]:
    """(piece, least contrast, drawn style) for every piece of the article."""
    for roles, least in ((TEXT_ROLES, AA), (SECONDARY_ROLES, AA), (MARK_ROLES, GRAPHICS)):
        for role in roles:
            yield role, least, body.get_component_rich_style(role_class(role))


def list_checks(article_list: ArticleList) -> Iterator[tuple[str, float, Style]]:
    """(piece, least contrast, drawn style) for every piece of the list."""
    for classes, least in ((LIST_TEXT, AA), (LIST_MARKS, GRAPHICS)):
        for name in classes:
            yield name, least, article_list.get_component_rich_style(name)


async def test_every_offered_theme_meets_aa_for_the_text_it_draws(tmp_path: Path) -> None:
    app = make_app(write_themed_library(tmp_path / "lib"))
    failures: list[str] = []
    async with app.run_test(size=NARROW) as pilot:
        body = await open_choir(pilot)
        article_list = app.main_screen.article_list
        themes = sorted(app.available_themes)
        assert {theme.name for theme in READING_THEMES} <= set(themes)
        for name in themes:
            app.theme = name
            await pilot.pause()
            # The article has the keys: the list's cursor row is drawn blurred.
            checks = [*article_checks(body), *list_checks(article_list)]
            await pilot.press("escape")  # the list has the keys: its cursor drawn focused
            checks += [
                (f"{cls} (focused)", least, style)
                for cls, least, style in list_checks(article_list)
            ]
            await pilot.press("enter")
            for what, least, style in checks:
                found = ratio(style, app.ansi_theme)
                if found < least:
                    failures.append(f"{name}: {what} {found:.2f} < {least}")
    assert failures == [], "\n".join(failures)
