"""Typesetting an Article as Rich renderables."""

from __future__ import annotations

from rich.console import RenderableType

from reader.model import Article

READING_WIDTH = 80


def render_article(article: Article, width: int = READING_WIDTH) -> RenderableType:
    """The typeset article for a column of `width` cells (at most READING_WIDTH used)."""
    raise NotImplementedError
