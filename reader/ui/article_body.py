"""A run of an article's typeset lines, drawn with the Line API.

The article pane (`reader.ui.article_view`) holds one, or one per run of
lines between photos.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import ClassVar

from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from reader.ui.article_roles import ARTICLE_CSS, COMPONENT_CLASSES, RoleStyler


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
    """A run of the article's typeset lines (the file as stored is another kind: `v`).

    Each piece is drawn in its role's component class (`reader.ui.article_roles`),
    so the theme colours the article.
    """

    DEFAULT_CSS = ARTICLE_CSS

    COMPONENT_CLASSES: ClassVar[set[str]] = COMPONENT_CLASSES
    """
    | Class | Description |
    | :- | :- |
    | `article-body--kicker`, `article-body--headline`, `article-body--meta` | The head. |
    | `article-body--rule` | The rule under the meta line. |
    | `article-body--bullet`, `article-body--bullet-marker` | Standfirst bullets. |
    | `article-body--paragraph`, `article-body--subheading` | The body's text. |
    | `article-body--quote`, `article-body--quote-bar` | Quotes and the bar beside them. |
    | `article-body--caption`, `article-body--caption-bar`, `article-body--credit` | Figures. |
    | `article-body--related-label`, `article-body--related` | "Related:" and the link. |
    | `article-body--notice` | Notes on how the file was read. |
    | `article-body--match` | A search match in the article. |
    """

    @cached_property
    def _styler(self) -> RoleStyler:
        return RoleStyler(self)

    def set_lines(self, lines: Sequence[Strip], width: int) -> None:
        """Show `lines`, each `width` cells wide."""
        self._styler.forget()
        super().set_lines(lines, width)

    def render_line(self, y: int) -> Strip:
        """Line `y` of the article, in the theme's colours."""
        if 0 <= y < len(self._lines):
            return self._styler.draw(y, self._lines[y])
        return Strip.blank(self._width, self.rich_style)

    def notify_style_update(self) -> None:
        """Styles changed (the theme): draw the lines again in the new colours."""
        self._styler.forget()
        super().notify_style_update()
        self.refresh()
