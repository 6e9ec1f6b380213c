"""A feed entry's HTML to sanitised text blocks, with the standard library's tolerant HTML parser.

Entry content is a fragment, not a page, so a page extractor is the wrong
tool for it. Paragraph-like elements become paragraphs, `h1`-`h6`
subheadings, `blockquote` quotes and `figcaption` captions; each list item
is a paragraph. Scripts, styles, embedded frames and other non-text
elements are skipped with their content; images are left to the photo
code. Nothing is fetched and nothing runs: the parser only reads text.
Every block is sanitised with `reader.formats.text.sanitize_field`.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from reader.formats.text import sanitize_field
from reader.model import Block, BlockKind

_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math"}
    | {"head", "title", "select", "button", "form", "canvas", "audio", "video"}
)
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "col"})
_BREAKS = frozenset(
    {"p", "div", "section", "article", "aside", "header", "footer", "main", "li", "ul", "ol"}
    | {"dl", "dt", "dd", "table", "tr", "td", "th", "pre", "br", "hr", "figure", "center"}
)
_KINDS: dict[str, BlockKind] = {
    **{f"h{n}": "subheading" for n in range(1, 7)},
    "blockquote": "quote",
    "figcaption": "caption",
}
_BLANK_LINES = re.compile(r"\n\s*\n")


class _BlockParser(HTMLParser):
    """Collects blocks: text runs split at block elements, kinds from the enclosing element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._kinds: list[tuple[str, BlockKind]] = []
        self._skipping: list[str] = []

    def _kind(self) -> BlockKind:
        """The kind of the innermost enclosing subheading, quote or caption, else paragraph."""
        return self._kinds[-1][1] if self._kinds else "paragraph"

    def flush(self) -> None:
        """End the current block, keeping it when it holds any text."""
        text = sanitize_field("".join(self._parts))
        self._parts.clear()
        if text:
            self.blocks.append(Block(self._kind(), text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Start skipping, or end the block before a block element."""
        if self._skipping:
            if tag == self._skipping[-1] and tag not in _VOID:
                self._skipping.append(tag)
            return
        if tag in _SKIPPED:
            self._skipping.append(tag)
        elif tag in _KINDS:
            self.flush()
            self._kinds.append((tag, _KINDS[tag]))
        elif tag in _BREAKS:
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A self-closed element (`<br/>`) never opens anything."""
        if not self._skipping and tag in _BREAKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        """Stop skipping, or end the block at the end of a block element."""
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
            return
        if tag in _KINDS:
            self.flush()
            # Close the innermost matching element; a stray end tag closes nothing.
            for index in range(len(self._kinds) - 1, -1, -1):
                if self._kinds[index][0] == tag:
                    del self._kinds[index:]
                    break
        elif tag in _BREAKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        """Text outside skipped elements joins the current block."""
        if not self._skipping:
            self._parts.append(data)


def html_to_blocks(html: str) -> tuple[Block, ...]:
    """The blocks of an HTML fragment, sanitised; empty when it holds no text."""
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    parser.flush()
    return tuple(parser.blocks)


def html_to_text(html: str) -> str:
    """The text of an HTML fragment on one line, sanitised."""
    return " ".join(block.text for block in html_to_blocks(html))


def text_to_blocks(text: str) -> tuple[Block, ...]:
    """Plain text to paragraphs split at blank lines, sanitised."""
    paragraphs = (sanitize_field(part) for part in _BLANK_LINES.split(text))
    return tuple(Block("paragraph", p) for p in paragraphs if p)


def looks_like_html(text: str) -> bool:
    """True when text holds an HTML tag or entity, so it should be read as HTML."""
    return re.search(r"<[a-zA-Z/!]|&[#a-zA-Z0-9]+;", text) is not None
