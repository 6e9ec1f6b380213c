"""The reader's own theme variables, and the contrast they are held to.

Every colour the article and the list draw comes from a `$reader-*` CSS
variable (see `READER_VARIABLES`). Our own themes (`reader.ui.reading_themes`)
set each one; for any other theme `reader_variables` derives them from the
theme's colours, moving each towards the body text just far enough to
reach WCAG AA contrast (`AA`) against the backgrounds it is drawn on. A
theme whose body text itself falls short (none of Textual's, today) keeps
its colours: the contrast test says which.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.color import Color
from textual.theme import Theme

AA = 4.5
"""WCAG AA: the least contrast for body-size text."""

READER_VARIABLES: dict[str, str] = {
    "reader-kicker": "The section above the headline.",
    "reader-headline": "The headline.",
    "reader-subheading": "Subheadings in the body (set apart from the headline).",
    "reader-secondary": "The meta line, captions, credits and notes; the list's meta line.",
    "reader-accent": "Bullet markers, the quote bar, the related label, the unread dot.",
    "reader-link": "A related link.",
    "reader-rule": "The rule under the meta line and the bar beside captions.",
    "reader-star": "The star of a starred article.",
    "reader-match": "The background of a search match.",
    "reader-match-text": "The text of a search match.",
    "reader-list-background": "The list pane's background.",
    "reader-cursor": "The background of the list's row under the cursor (the list focused).",
    "reader-cursor-text": "Its text.",
    "reader-cursor-blurred": "The cursor row's background while the article has the keys.",
    "reader-cursor-blurred-text": "Its text.",
}
"""Every variable the reader's CSS uses beyond Textual's, and what it colours."""


def luminance(color: Color) -> float:
    """The WCAG relative luminance of an opaque colour, 0 (black) to 1 (white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(one: Color, other: Color) -> float:
    """The WCAG contrast ratio of two opaque colours, 1 to 21."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(color: Color, text: Color, backgrounds: Iterable[Color]) -> Color:
    """`color`, moved towards `text` (the body text) until it reaches AA on every one of
    `backgrounds`; `text` itself when nothing nearer does."""
    grounds = list(backgrounds)
    for step in range(11):
        candidate = color.blend(text, step / 10)
        if all(contrast(candidate, ground) >= AA for ground in grounds):
            return candidate
    return text


def readable_on(color: Color, ground: Color) -> Color:
    """`color`, moved towards black or white (whichever `ground` contrasts with more)
    until it reaches AA on `ground`."""
    extreme = max((Color(0, 0, 0), Color(255, 255, 255)), key=lambda c: contrast(c, ground))
    return readable(color, extreme, [ground])


def reader_variables(theme: Theme) -> dict[str, str]:
    """The `$reader-*` variables for a theme that does not set them itself."""
    if theme.ansi:
        return _ansi_variables(theme)
    generated = theme.to_color_system().generate()
    colors = _opaque(generated)
    text, ground, surface = colors["foreground"], colors["background"], colors["surface"]
    # The list is drawn on the surface colour, unless body text would fall short there.
    list_ground = surface if contrast(text, surface) >= AA else ground
    grounds = (ground, list_ground)
    muted = ground.blend(text, 0.6)
    match = ground.blend(colors["warning"], 0.45)
    cursor = _on(generated["block-cursor-background"], list_ground)
    blurred = _on(generated["block-cursor-blurred-background"], list_ground)
    derived = {
        "reader-kicker": readable(colors["accent"], text, grounds),
        "reader-headline": text,
        "reader-subheading": readable(colors["secondary"], text, grounds),
        "reader-secondary": readable(muted, text, grounds),
        "reader-accent": readable(colors["accent"], text, grounds),
        "reader-link": readable(colors["primary"], text, grounds),
        "reader-rule": ground.blend(text, 0.3),
        "reader-star": readable(colors["warning"], text, grounds),
        "reader-match": match,
        "reader-match-text": readable_on(text, match),
        "reader-list-background": list_ground,
        # Textual's cursor colours, with the text moved to AA where they fall short.
        "reader-cursor": cursor,
        "reader-cursor-text": readable_on(
            _on(generated["block-cursor-foreground"], cursor), cursor
        ),
        "reader-cursor-blurred": blurred,
        "reader-cursor-blurred-text": readable_on(
            _on(generated["block-cursor-blurred-foreground"], blurred), blurred
        ),
    }
    return {name: color.hex for name, color in derived.items()}


def _on(value: str, ground: Color) -> Color:
    """A generated colour ("#rrggbbaa", or "auto 87%": text contrasting with the ground)
    as it shows laid on `ground`."""
    if value.startswith("auto"):
        alpha = float(value.split()[1].rstrip("%")) / 100 if " " in value else 1.0
        return ground + ground.get_contrast_text(alpha)
    return ground + Color.parse(value)


def _opaque(generated: dict[str, str]) -> dict[str, Color]:
    """The theme's base colours as generated by Textual, each laid on the background."""
    names = ("foreground", "background", "surface", "accent", "secondary", "primary", "warning")
    ground = Color.parse(generated["background"])
    return {name: _on(generated[name], ground) for name in names}


def _ansi_variables(theme: Theme) -> dict[str, str]:
    """For a theme of the terminal's own colours: its default text wherever text is read
    (only the terminal knows its palette), its own colours for marks and the cursor."""
    generated = theme.to_color_system().generate()
    accent = generated["accent"]
    return {
        "reader-kicker": accent,
        "reader-headline": "ansi_default",
        "reader-subheading": "ansi_default",
        "reader-secondary": "ansi_default",
        "reader-accent": accent,
        "reader-link": "ansi_default",
        "reader-rule": "ansi_default",
        "reader-star": generated["warning"],
        "reader-match": "ansi_yellow",
        "reader-match-text": "ansi_black",
        "reader-list-background": "ansi_default",
        "reader-cursor": generated["block-cursor-background"],
        "reader-cursor-text": generated["block-cursor-foreground"],
        "reader-cursor-blurred": generated["block-cursor-blurred-background"],
        "reader-cursor-blurred-text": generated["block-cursor-blurred-foreground"],
    }
