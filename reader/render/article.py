"""Typesetting an Article as Rich renderables.

The page, top to bottom: notes about how the file was read (quiet), the
kicker (section, uppercase, accent), the headline (bold), a dim meta line
(byline · date · source · words · minutes), a thin rule, the standfirst
bullets with hanging indents, then the body blocks in reading order with a
blank line between them: paragraphs, bold subheadings, quotes behind an
accent bar, captions set apart as figures (a bar, italic text, the credit
on its own dim line) and related links ("Related: ..." in the accent); last,
when the parser left out much of the file's prose, a quiet note saying so.

A caption that belongs to a photo (`Block.image`) carries, on the style of
its first line's bar, the meta key `PHOTO_META` with the block's index in
`article.blocks`: the TUI finds there the line to set the photo above. The
printed page shows the caption alone.

Every piece of article text goes into a `rich.text.Text`, never into a
markup string, so "[bold red]" in a headline shows as written. Styles come
from a named table (`reader.render.styles`) that the caller may override.
"""

from __future__ import annotations

import re

from rich.console import Group, RenderableType
from rich.constrain import Constrain
from rich.style import Style
from rich.text import Text

from reader.formats.dates import shown_date
from reader.model import Article, Block
from reader.render.hanging import Hanging
from reader.render.styles import StyleTable, resolve

READING_WIDTH = 80
"""The widest reading column, in cells."""

BULLET = "• "
FIGURE_BAR = "▏ "
QUOTE_BAR = "┃ "
QUOTE_INDENT = "  "
RELATED_LABEL = "Related: "
META_SEPARATOR = " · "
LEFT_OUT_HINT = "reader parse --lines shows the page as captured"
"""How the printed page says to see what was left out (the TUI says `v`)."""
PHOTO_META = "broadsheet.photo"
"""Style meta key on the first line of a photo's caption; its value is the block's index."""

# Control characters other than newline, and C1 controls: formats already strip
# them, but an Article can be built by any code, and nothing may reach the terminal.
_CONTROL = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)])
_CONTROL[0x09] = " "

# A credit that already says what it is ("AP Photo/...", "Image: ...") gets no label.
_SELF_LABELLED = re.compile(r"photo|image|picture|credit|illustration|graphic", re.IGNORECASE)


def _clean(text: str) -> str:
    """`text` without control characters (a tab becomes a space)."""
    return text.translate(_CONTROL)


def _line(text: str) -> str:
    """A one-line field: control characters gone, runs of white space as one space."""
    return " ".join(_clean(text).split())


def credit_label(credit: str) -> str:
    """How a caption's credit is shown: "Photo: Xinhua", or the credit as given when it
    already names itself ("AP Photo/Jane Doe", "Image: City Archive")."""
    credit = _line(credit)
    return credit if _SELF_LABELLED.search(credit) else f"Photo: {credit}"


def meta_line(article: Article) -> str:
    """Byline · date · source · N words · M min read (the parts the article has)."""
    published = shown_date(article.published) if article.published else None
    parts = [_line(p) for p in (article.byline, published, article.source) if p]
    words = article.words
    parts.append(f"{words:,} word" + ("" if words == 1 else "s"))
    parts.append(f"{article.reading_minutes} min read")
    return META_SEPARATOR.join(p for p in parts if p)


class _Page:
    """Builds the list of renderables for one article with one style table."""

    def __init__(self, styles: dict[str, Style], width: int) -> None:
        self.styles = styles
        self.width = width
        self.parts: list[RenderableType] = []
        self.spaced = True
        """False after a photo slot: the slot is the blank line before the next block."""

    def wrapped(self, text: str, style: str) -> Hanging:
        """A paragraph wrapped to the column with no trailing spaces on its lines."""
        return Hanging([self.text(text, style)], Text(), Text())

    def text(self, text: str, style: str) -> Text:
        """Article text as a Text in the named style, control characters removed."""
        return Text(_clean(text), style=self.styles[style], overflow="fold")

    def add(self, renderable: RenderableType, *, space: bool = True) -> None:
        """Append a renderable, after a blank line unless it is the first or `space` is False."""
        if space and self.parts and self.spaced:
            self.parts.append(Text())
        self.spaced = True
        self.parts.append(renderable)

    def head(self, article: Article) -> None:
        """Notes, kicker, headline, meta line and the rule under them."""
        for note in article.notes:
            self.add(self.wrapped(_line(note), "article.notice"), space=False)
        if article.notes:
            self.parts.append(Text())
        section = _line(article.section or "")
        if section:
            self.add(self.text(section.upper(), "article.kicker"), space=False)
        self.add(self.wrapped(_line(article.headline), "article.headline"), space=False)
        self.add(self.wrapped(meta_line(article), "article.meta"), space=False)
        rule = Text("─" * self.width, style=self.styles["article.rule"], no_wrap=True)
        self.add(rule, space=False)

    def bullets(self, bullets: tuple[str, ...]) -> None:
        """Standfirst bullets, one after another, wrapped lines under the text."""
        for index, bullet in enumerate(bullets):
            marker = Text(BULLET, style=self.styles["article.bullet.marker"])
            body = self.text(_line(bullet), "article.bullet")
            self.add(Hanging([body], marker, Text(" " * marker.cell_len)), space=index == 0)

    def block(self, block: Block, index: int) -> None:
        """One body block (`index` in the article's blocks), after a blank line."""
        if block.kind == "caption" and not (block.text.strip() or block.credit):
            if block.image:
                self.photo_slot(index)
        elif block.kind == "caption":
            self.add(self.caption(block, index))
        elif block.kind == "quote":
            bar = Text.assemble(QUOTE_INDENT, (QUOTE_BAR, self.styles["article.quote.bar"]))
            self.add(Hanging([self.text(block.text, "article.quote")], bar, bar))
        elif block.kind == "related":
            label = Text(RELATED_LABEL, style=self.styles["article.related.label"])
            link = self.text(_line(block.text), "article.related")
            self.add(Hanging([link], label, Text(" " * label.cell_len)))
        elif block.kind == "subheading":
            self.add(self.wrapped(_line(block.text), "article.subheading"))
        else:
            self.add(self.wrapped(block.text, "article.paragraph"))

    def photo_slot(self, index: int) -> None:
        """The line a photo with no caption goes above: blank, and the space before the
        next block (so the printed page shows one more blank line, nothing else)."""
        self.add(Text(" ", style=Style(meta={PHOTO_META: index})))
        self.spaced = False

    def caption(self, block: Block, index: int) -> Hanging:
        """A figure: a bar down the side, the caption in italics, the credit on its own line."""
        paragraphs = [self.text(block.text, "article.caption")] if block.text.strip() else []
        if block.credit and _line(block.credit):
            paragraphs.append(self.text(credit_label(block.credit), "article.credit"))
        style = self.styles["article.caption.bar"]
        bar = Text(FIGURE_BAR, style=style)
        first = bar
        if block.image:
            first = Text(FIGURE_BAR, style=style + Style(meta={PHOTO_META: index}))
        return Hanging(paragraphs, first, bar)


def left_out_note(count: int, hint: str = LEFT_OUT_HINT) -> str:
    """The note under an article that leaves out `count` long passages of its file."""
    passages = "1 long passage was" if count == 1 else f"{count:,} long passages were"
    return f"{passages} left out: {hint}"


def render_article(
    article: Article,
    width: int = READING_WIDTH,
    styles: StyleTable | None = None,
    *,
    left_out_hint: str = LEFT_OUT_HINT,
) -> RenderableType:
    """The typeset article for a column of `width` cells (at most READING_WIDTH used).

    `styles` overrides entries of the default style table
    (`reader.render.styles.DEFAULT_STYLES`), for example to take the accent
    colour from a TUI theme. When the parser left out much of the file's
    prose (`Article.left_out`), a quiet note at the end says so, and how to
    see the file as stored (`left_out_hint`).
    """
    column = max(1, min(width, READING_WIDTH))
    page = _Page(resolve(styles), column)
    page.head(article)
    if article.bullets:
        page.bullets(article.bullets)
    for index, block in enumerate(article.blocks):
        page.block(block, index)
    if article.left_out:
        page.add(page.wrapped(left_out_note(article.left_out, left_out_hint), "article.notice"))
    return Constrain(Group(*page.parts), column)
