"""The article's file as stored, each line marked with what the parser made of it (`v`).

Whatever the parser drops, the reader can see it here: `SourceBody` holds
the file's lines typeset beforehand (`reader.ui.typeset.typeset_source`),
each role drawn in a component class of its own, so the colours come from
the theme and a theme's CSS can restyle any role.
"""

from __future__ import annotations

from typing import ClassVar, get_args

from rich.style import Style

from reader.formats.line_role import Role
from reader.ui.article_body import TypesetLines

ROLES: tuple[str, ...] = get_args(Role)
"""Every role a line can have."""


def role_class(role: str) -> str:
    """The component class a role's lines are drawn in."""
    return f"source--{role}"


class SourceBody(TypesetLines):
    """The lines of the article's file, each after its role, in the role's colours."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {role_class(role) for role in ROLES}
    """
    | Class | Description |
    | :- | :- |
    | `source--headline`, `source--kicker` | What the parser took for the headline and section. |
    | `source--bullet`, `source--byline`, `source--date` | Standfirst and meta lines. |
    | `source--body`, `source--subheading`, `source--quote` | The article's text. |
    | `source--caption`, `source--credit` | Photo captions and their credits. |
    | `source--related` | Links to other articles set in the text. |
    | `source--dropped` | Lines the article leaves out. |
    | `source--markdown` | A Markdown file's lines. |
    """

    DEFAULT_CSS = """
    SourceBody {
        .source--headline { color: $accent; text-style: bold; }
        .source--kicker { color: $accent; }
        .source--bullet { color: $foreground; }
        .source--byline { color: $secondary; }
        .source--date { color: $secondary; }
        .source--body { color: $foreground; }
        .source--subheading { color: $foreground; text-style: bold; }
        .source--quote { color: $foreground; text-style: italic; }
        .source--caption { color: $success; text-style: italic; }
        .source--credit { color: $success; }
        .source--related { color: $warning; }
        .source--dropped { color: $text-disabled; }
        .source--markdown { color: $foreground; }
    }
    """

    def role_styles(self) -> dict[str, Style]:
        """The Rich style of each role, from the theme (read on the UI thread, used by the
        worker that typesets the lines)."""
        return {
            role: self.get_component_rich_style(role_class(role), partial=True) for role in ROLES
        }
