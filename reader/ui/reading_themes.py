"""Broadsheet's own themes, tuned for long reading: "newsprint" (light) and "nightdesk" (dark).

Both keep body text well above WCAG AA on their backgrounds without the
glare of pure black on pure white (or the reverse): warm paper and ink by
day, a dim desk lamp by night. Each sets every `$reader-*` variable
(`reader.ui.theme_colors.READER_VARIABLES`) itself, so the headline, the
kicker and the subheadings each have a colour of their own.
"""

from __future__ import annotations

from textual.theme import Theme

NEWSPRINT = Theme(
    name="newsprint",
    dark=False,
    primary="#1F4E79",
    secondary="#2E4A66",
    accent="#A32018",
    warning="#8A5A00",
    error="#A32018",
    success="#2F6B3A",
    foreground="#24211C",
    background="#F3EEE3",
    surface="#EAE4D6",
    panel="#DED6C4",
    variables={
        "reader-kicker": "#A32018",
        "reader-headline": "#14120F",
        "reader-subheading": "#2E4A66",
        "reader-secondary": "#5F584C",
        "reader-accent": "#A32018",
        "reader-link": "#1F4E79",
        "reader-rule": "#C9BFA9",
        "reader-star": "#8A5A00",
        "reader-match": "#F1D77A",
        "reader-match-text": "#14120F",
        "reader-list-background": "#EAE4D6",
        "reader-cursor": "#D6CAB0",
        "reader-cursor-text": "#14120F",
        "reader-cursor-blurred": "#E0D7C3",
        "reader-cursor-blurred-text": "#24211C",
        "block-cursor-background": "#D6CAB0",
        "block-cursor-foreground": "#14120F",
        "block-cursor-blurred-background": "#E0D7C3",
        "block-cursor-blurred-foreground": "#24211C",
        "footer-key-foreground": "#A32018",
        "border": "#A32018",
        "border-blurred": "#C9BFA9",
        "scrollbar": "#C9BFA9",
        "scrollbar-hover": "#B3A88F",
        "scrollbar-active": "#A32018",
        "scrollbar-background": "#EAE4D6",
        "scrollbar-background-hover": "#EAE4D6",
        "scrollbar-background-active": "#EAE4D6",
        "scrollbar-corner-color": "#EAE4D6",
    },
)
"""Ink on warm paper."""

NIGHTDESK = Theme(
    name="nightdesk",
    dark=True,
    primary="#8DB4D9",
    secondary="#C9B48A",
    accent="#E07A5F",
    warning="#E0B25A",
    error="#E5786D",
    success="#8FBF7F",
    foreground="#D8D2C4",
    background="#1C1B19",
    surface="#23221F",
    panel="#2C2A26",
    variables={
        "reader-kicker": "#E07A5F",
        "reader-headline": "#F0EADC",
        "reader-subheading": "#C9B48A",
        "reader-secondary": "#A39C8E",
        "reader-accent": "#E07A5F",
        "reader-link": "#8DB4D9",
        "reader-rule": "#4A463F",
        "reader-star": "#E0B25A",
        "reader-match": "#6B5A1E",
        "reader-match-text": "#F5EFD9",
        "reader-list-background": "#23221F",
        "reader-cursor": "#3A3731",
        "reader-cursor-text": "#F0EADC",
        "reader-cursor-blurred": "#2F2D29",
        "reader-cursor-blurred-text": "#D8D2C4",
        "block-cursor-background": "#3A3731",
        "block-cursor-foreground": "#F0EADC",
        "block-cursor-blurred-background": "#2F2D29",
        "block-cursor-blurred-foreground": "#D8D2C4",
        "footer-key-foreground": "#E07A5F",
        "border": "#E07A5F",
        "border-blurred": "#3A3731",
        "scrollbar": "#44403A",
        "scrollbar-hover": "#57524A",
        "scrollbar-active": "#E07A5F",
        "scrollbar-background": "#23221F",
        "scrollbar-background-hover": "#23221F",
        "scrollbar-background-active": "#23221F",
        "scrollbar-corner-color": "#23221F",
    },
)
"""Warm light text on a dark desk, low glare for reading late."""

READING_THEMES: tuple[Theme, ...] = (NEWSPRINT, NIGHTDESK)
"""Our own themes, registered with the app and offered in the palette."""
