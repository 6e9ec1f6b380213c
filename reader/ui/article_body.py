"""A run of an article's typeset lines, drawn with the Line API.

The article pane (`reader.ui.article_view`) holds one, or one per run of
lines between photos.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget


class TypesetLines(Widget):
    """Lines typeset beforehand, drawn with the Line API.

    Only the visible lines are drawn, so a very long article scrolls as
    lightly as a short one.
    """

    DEFAULT_CSS = """
    TypesetLines {
        width: auto;
        height: auto;
    }
    """

    def __init__(
        self,
        lines: Sequence[Strip] = (),
        width: int = 0,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """A body showing `lines`, each `width` cells wide (none by default)."""
        super().__init__(id=id, classes=classes)
        self._lines: list[Strip] = list(lines)
        self._width = width

    @property
    def line_count(self) -> int:
        """How many lines the body holds."""
        return len(self._lines)

    @property
    def line_width(self) -> int:
        """The width the lines were typeset for."""
        return self._width

    @property
    def plain_text(self) -> str:
        """The body as plain text, one line per typeset line (for tests and copying)."""
        return "\n".join(strip.text.rstrip() for strip in self._lines)

    def set_lines(self, lines: Sequence[Strip], width: int) -> None:
        """Show `lines`, each `width` cells wide."""
        self._lines = list(lines)
        self._width = width
        self.refresh(layout=True)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """The typeset width."""
        return self._width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One row per typeset line."""
        return len(self._lines)

    def render_line(self, y: int) -> Strip:
        """Line `y` of the article."""
        # The typeset lines carry no background: give them this widget's.
        if 0 <= y < len(self._lines):
            return self._lines[y].apply_style(self.rich_style)
        return Strip.blank(self._width, self.rich_style)


class ArticleBody(TypesetLines):
    """A run of the article's typeset lines (the file as stored is another kind: `v`)."""
