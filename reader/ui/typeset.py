"""Typesetting an article (or its file, line by line) into strips of terminal lines,
off the UI thread."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console, RenderableType
from textual.strip import Strip

from reader.formats.line_role import LineRole
from reader.model import Article
from reader.render.article import render_article
from reader.render.source import RoleStyles, render_source
from reader.ui.article_roles import ROLE_STYLES

LEFT_OUT_HINT = "v shows the page as captured"
"""How the reader's left-out note says to see what the parser left out."""


def typeset(article: Article, width: int) -> list[Strip]:
    """The article rendered for a column of `width` cells, one strip per line.

    Uses a private Rich console, so it is safe to call from a worker thread;
    a long article is wrapped once here rather than on every repaint. Each
    piece carries its role, not a colour: `ArticleBody` colours it from the
    theme when it draws the line (`reader.ui.article_roles`).
    """
    width = max(1, width)
    page = render_article(article, width, ROLE_STYLES, left_out_hint=LEFT_OUT_HINT)
    return strips(page, width)


def typeset_source(records: Sequence[LineRole], width: int, styles: RoleStyles) -> list[Strip]:
    """A file's lines marked with their roles (`v`), `width` cells wide, one strip per line."""
    width = max(1, width)
    return strips(render_source(records, styles), width)


def strips(renderable: RenderableType, width: int) -> list[Strip]:
    """`renderable` drawn `width` cells wide by a private console, one strip per line."""
    console = Console(
        file=io.StringIO(),
        width=width,
        color_system="truecolor",
        force_terminal=True,
        no_color=False,
        legacy_windows=False,
    )
    options = console.options.update_width(width)
    lines = console.render_lines(renderable, options, pad=True)
    return [Strip(line, width) for line in lines]
