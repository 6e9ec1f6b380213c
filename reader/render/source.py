"""A stored article's lines as the file holds them, each marked with what the parser made of it.

This is the page behind `v` in the reader: for a page capture every
non-blank line of the file, its role (headline, body, caption, dropped, ...)
in a narrow left column and the line wrapped after it, both in the role's
style; a blank line where the file has one. A Markdown file's lines carry no
role worth showing, so they are set as written, without the column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text

from reader.formats.line_role import LineRole
from reader.formats.text import shown_text
from reader.render.hanging import Hanging

ROLE_WIDTH = len("subheading")
"""The role column's width: the longest role name."""

ROLE_GAP = "  "

RoleStyles = Mapping[str, Style]
"""Role name -> the Rich Style its lines are drawn in (a missing role is drawn plain)."""


def render_source(records: Sequence[LineRole], styles: RoleStyles | None = None) -> RenderableType:
    """The lines of a stored article, each after its role, in the role's style.

    Every line goes through `shown_text`, so whatever the file holds shows
    as text and never acts on the terminal.
    """
    styles = styles or {}
    marked = any(record.role != "markdown" for record in records)
    rest = Text(" " * (ROLE_WIDTH + len(ROLE_GAP))) if marked else Text()
    parts: list[RenderableType] = []
    for record in records:
        if record.blank_before and parts:
            parts.append(Text())
        style = styles.get(record.role, Style())
        line = Text(shown_text(record.text), style=style, overflow="fold")
        first = Text(f"{record.role:<{ROLE_WIDTH}}{ROLE_GAP}", style=style) if marked else Text()
        parts.append(Hanging([line], first, rest))
    return Group(*parts)
