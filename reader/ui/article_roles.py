"""The article's pieces as component classes: typeset once, coloured by the theme when drawn.

The TUI typesets an article (in a worker, `reader.ui.typeset`) with
`ROLE_STYLES`: each piece's style carries only its name, as the style meta
key `ROLE_META`, no colour. `RoleStyler` draws a typeset line with the
component class of each piece's role (`article-body--headline`, ...),
whose colours are `$reader-*` theme variables (`ARTICLE_CSS`). So a theme
change restyles an article at once, without typesetting it again, and a
theme (or CSS) can restyle any piece.

A find in the article can mark a match by styling its text with
`ROLE_STYLES["article.match"]` on top: the later meta wins, and the match
is drawn in `article-body--match`.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from reader.render.styles import DEFAULT_STYLES

ROLE_META = "broadsheet.role"
"""Style meta key naming a typeset piece's role ("article.headline", ...)."""

MATCH_ROLE = "article.match"
"""The role of a search match inside the article."""

ROLES: tuple[str, ...] = (*DEFAULT_STYLES, MATCH_ROLE)
"""Every role a piece of the article can have."""

ROLE_STYLES: dict[str, Style] = {role: Style(meta={ROLE_META: role}) for role in ROLES}
"""The style table the TUI typesets with: names only, colours come when drawn."""


def role_class(role: str) -> str:
    """The component class a role is drawn in: "article.bullet.marker" ->
    "article-body--bullet-marker"."""
    return "article-body--" + role.removeprefix("article.").replace(".", "-")


COMPONENT_CLASSES: set[str] = {role_class(role) for role in ROLES}
"""The article body's component classes, one per role."""

ARTICLE_CSS = """
ArticleBody {
    .article-body--notice { color: $reader-secondary; text-style: italic; }
    .article-body--kicker { color: $reader-kicker; text-style: bold; }
    .article-body--headline { color: $reader-headline; text-style: bold; }
    .article-body--meta { color: $reader-secondary; }
    .article-body--rule { color: $reader-rule; }
    .article-body--bullet { color: $foreground; }
    .article-body--bullet-marker { color: $reader-accent; text-style: bold; }
    .article-body--paragraph { color: $foreground; }
    .article-body--subheading { color: $reader-subheading; text-style: bold; }
    .article-body--quote { color: $foreground; text-style: italic; }
    .article-body--quote-bar { color: $reader-accent; }
    .article-body--caption { color: $reader-secondary; text-style: italic; }
    .article-body--caption-bar { color: $reader-rule; }
    .article-body--credit { color: $reader-secondary; }
    .article-body--related-label { color: $reader-accent; text-style: bold; }
    .article-body--related { color: $reader-link; text-style: underline; }
    .article-body--match { color: $reader-match-text; background: $reader-match; }
}
"""
"""Each role's look, from the theme's variables."""


class RoleStyler:
    """Draws a widget's typeset lines in the component styles of their pieces' roles."""

    def __init__(self, widget: Widget) -> None:
        """Styles come from `widget`'s component classes (`COMPONENT_CLASSES`)."""
        self._widget = widget
        self._styles: dict[Style | None, Style] = {}
        self._drawn: dict[int, Strip] = {}

    def forget(self) -> None:
        """The theme or the lines changed: draw every line afresh."""
        self._styles.clear()
        self._drawn.clear()

    def draw(self, y: int, line: Strip) -> Strip:
        """Line `y` (typeset as `line`) in the theme's colours."""
        drawn = self._drawn.get(y)
        if drawn is None:
            style = self._style
            segments = [Segment(segment.text, style(segment.style)) for segment in line]
            drawn = self._drawn[y] = Strip(segments, line.cell_length)
        return drawn

    def _style(self, typeset: Style | None) -> Style:
        # Few distinct styles per article: each is looked up once.
        style = self._styles.get(typeset)
        if style is None:
            role = typeset.meta.get(ROLE_META) if typeset is not None else None
            widget = self._widget
            if isinstance(role, str) and role in ROLE_STYLES:
                style = widget.get_component_rich_style(role_class(role))
            else:
                style = widget.rich_style
            self._styles[typeset] = style
        return style
