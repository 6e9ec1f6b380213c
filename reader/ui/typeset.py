"""Typesetting an article into strips of terminal lines, off the UI thread."""

from __future__ import annotations

import io

from rich.console import Console
from textual.strip import Strip

from reader.model import Article
from reader.render.article import render_article


def typeset(article: Article, width: int) -> list[Strip]:
    """The article rendered for a column of `width` cells, one strip per line.

    Uses a private Rich console, so it is safe to call from a worker thread;
    a long article is wrapped once here rather than on every repaint.
    """
    width = max(1, width)
    console = Console(
        file=io.StringIO(),
        width=width,
        color_system="truecolor",
        force_terminal=True,
        no_color=False,
        legacy_windows=False,
    )
    options = console.options.update_width(width)
    lines = console.render_lines(render_article(article, width), options, pad=True)
    return [Strip(line, width) for line in lines]
