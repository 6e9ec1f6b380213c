"""The named styles of a typeset article, in one table a theme can replace.

Every piece of the page is drawn with a style looked up by name here, never
with a colour written at the call site, so a theme (or the TUI's accent
colour) changes the whole page by passing a different table.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style

StyleTable = Mapping[str, Style]
"""Style name -> Rich Style."""

DEFAULT_ACCENT = "red"
"""The accent of a page printed outside the TUI: the terminal's own red, as newspapers use."""

_ACCENTED = (
    "article.kicker",
    "article.bullet.marker",
    "article.quote.bar",
    "article.related.label",
    "article.related",
)
"""Styles that take their colour from the accent."""


def article_styles(accent: str = DEFAULT_ACCENT) -> dict[str, Style]:
    """The article's style table with `accent` (a colour name or "#rrggbb") as accent colour."""
    color = Style(color=accent)
    base: dict[str, Style] = {
        "article.notice": Style(dim=True, italic=True),
        "article.kicker": Style(bold=True),
        "article.headline": Style(bold=True),
        "article.meta": Style(dim=True),
        "article.rule": Style(dim=True),
        "article.bullet": Style(),
        "article.bullet.marker": Style(bold=True),
        "article.paragraph": Style(),
        "article.subheading": Style(bold=True),
        "article.quote": Style(italic=True),
        "article.quote.bar": Style(),
        "article.caption": Style(italic=True),
        "article.caption.bar": Style(dim=True),
        "article.credit": Style(dim=True),
        "article.related.label": Style(bold=True),
        "article.related": Style(underline=True),
    }
    for name in _ACCENTED:
        base[name] = base[name] + color
    return base


DEFAULT_STYLES: dict[str, Style] = article_styles()
"""The table `render_article` uses when given none."""


def resolve(styles: StyleTable | None) -> dict[str, Style]:
    """The default table with `styles` laid over it (a partial table changes only its names)."""
    table = dict(DEFAULT_STYLES)
    if styles:
        table.update(styles)
    return table
