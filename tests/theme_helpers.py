"""An article with every piece a theme colours, and how to read the colours drawn."""

from __future__ import annotations

import os
from pathlib import Path

from rich.color import Color as RichColor
from rich.style import Style
from rich.terminal_theme import TerminalTheme
from textual.color import Color
from textual.pilot import Pilot
from textual.strip import Strip
from ui_helpers import settle, wait_until

from reader.ui.app import BroadsheetApp
from reader.ui.article_body import ArticleBody
from reader.ui.article_roles import ROLE_META

FILE_TIME = 1_780_000_000  # 2026-05-28: a fixed file time, so any date shown is stable

ARTICLE = """\
---
title: Harbour choir sings the night ferry home
section: Culture
byline: Odile Marrow
published: 2026-09-20
source: The Saltmere Courier
bullets:
  - Forty singers met the last crossing of the summer on the quay
  - The ferry company will pay for a winter concert
---

The last ferry of the summer came in at eleven to a quay full of lanterns,
and the Saltmere harbour choir sang it along the breakwater.

## A song for every crossing

> "We sang the ferry out in May, so we sang it home," said the conductor.

![Singers on the quay as the ferry comes in](quay.jpg "Photo: Ines Varro")

Related: [Ferry timetable changes for winter](https://example.com/ferry)
"""
"""A short Markdown article with a kicker, bullets, a subheading, a quote, a caption
with a credit (its photo file is missing: a one-line placeholder) and a related link."""

OTHERS = {
    "tide.md": "---\ntitle: Spring tide floods the lower car park\nsection: Coast\n---\n\nWet.\n",
    "bees.md": "---\ntitle: Orchard bees return early\nsection: Farming\n---\n\nBusy.\n",
}
"""Two more articles, so the list shows unread, read and starred rows."""

HEADLINE = "Harbour choir sings the night ferry home"
SUBHEADING = "A song for every crossing"


def write_themed_library(folder: Path) -> Path:
    """The article (first in the list, the newest) and two others, with fixed file times."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "choir.md").write_text(ARTICLE, encoding="utf-8")
    for name, text in OTHERS.items():
        (folder / name).write_text(text, encoding="utf-8")
    for path in folder.iterdir():
        os.utime(path, (FILE_TIME, FILE_TIME))
    return folder


async def open_choir(pilot: Pilot[None]) -> ArticleBody:
    """Open the choir article from the list; its first run of lines, laid out."""
    await settle(pilot, 0.2)
    app = pilot.app
    assert isinstance(app, BroadsheetApp)
    rows = [row.headline for row in app.main_screen.article_list.rows]
    app.main_screen.article_list.cursor = rows.index(HEADLINE)
    await pilot.press("enter")
    await settle(pilot, 0.2)
    view = app.main_screen.article_view
    await wait_until(pilot, lambda: HEADLINE in view.plain_text)
    return view.body


def drawn_lines(body: ArticleBody) -> list[Strip]:
    """Every line of `body` as the widget draws it."""
    return [body.render_line(y) for y in range(body.line_count)]


def drawn_pieces(body: ArticleBody, *, filtered: bool = False) -> list[tuple[str, str, Style]]:
    """(role, text, style drawn) of every piece of text in `body`, top to bottom; with
    `filtered`, as the app's line filters (NO_COLOR's) leave them."""
    pieces: list[tuple[str, str, Style]] = []
    filters = body.get_line_filters() if filtered else ()
    for typeset, drawn in zip(body._lines, drawn_lines(body), strict=True):
        segments = list(drawn)
        for line_filter in filters:
            segments = line_filter.apply(segments, Color(0, 0, 0))
        for before, after in zip(typeset, segments, strict=True):
            role = before.style.meta.get(ROLE_META) if before.style is not None else None
            if isinstance(role, str) and after.text.strip():
                pieces.append((role, after.text, after.style or Style()))
    return pieces


def line_with(body: ArticleBody, text: str) -> Strip:
    """The drawn line holding `text`."""
    return next(strip for strip in drawn_lines(body) if text in strip.text)


def style_of(strip: Strip, text: str) -> Style:
    """The style of the segment of `strip` that holds (the start of) `text`."""
    for segment in strip:
        shown = segment.text.strip()
        if shown and (text in shown or shown in text):
            return segment.style or Style()
    raise AssertionError(f"{text!r} is not drawn in {strip.text!r}")


def rgb(color: RichColor | None, terminal: TerminalTheme, *, foreground: bool) -> Color:
    """`color` as the terminal shows it (ANSI and default colours through `terminal`)."""
    if color is None:
        color = RichColor.default()
    triplet = color.get_truecolor(terminal, foreground=foreground)
    return Color(triplet.red, triplet.green, triplet.blue)
