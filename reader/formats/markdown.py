"""Markdown articles with YAML front matter.

The form this reader understands (and later importers write)::

    ---
    title: Harbour ferry returns after a winter ashore
    section: Local
    bullets:
      - The ferry carried 212 passengers on its first day
      - Fares stay at last year's prices
    byline: Mira Castell
    published: 2024-03-02
    source: The Gullhaven Courier
    url: https://example.com/ferry
    ---

    The first paragraph. Consecutive lines are joined into one paragraph.

    ## A subheading

    > A quote, set apart.

    ![The ferry leaving the quay at dawn](ferry.jpg "Photo: Ana Ruiz")

    Related: [Quay repairs finish ahead of schedule](https://example.com/quay)

Front matter keys (all optional): `title`, `section`, `bullets` (a list, or
one string), `byline` (or `author`), `published` (or `date`), `source`, `url`.
Unknown keys are ignored; front matter that cannot be read is skipped, never
fatal (see `reader.formats.front_matter`).

Body:

- paragraphs: runs of non-blank lines, joined with spaces; each list item
  (`-`, `*`, `+`, `1.`) is a paragraph of its own; a fenced code block is a
  paragraph that keeps its lines;
- `#` to `######` headings (and `===`/`---` underlined ones) are subheadings,
  except that without a `title` key the first `# Heading` is the headline
  (else a heading that opens the body); a heading that repeats the title is
  dropped;
- `>` lines are a quote;
- a paragraph of images `![caption](src "credit")` gives one caption block
  per image with the title as its credit and `src` as its `image` (kept as
  written: a path relative to the article's folder, an absolute path or a
  URL); without a title, a trailing "Photo: X" / "Photograph: X" /
  "Credit: X" / "Image: X" in the caption is split off as the credit; an
  image with no alt text is a photo with an empty caption (`![](src)`), and
  one with neither text nor source (`![]()`, `![](<>)`) gives nothing;
- **related links**: a paragraph whose every line is `Related: [Headline](url)`
  or `Related: Headline` gives one "related" block per line, its text the
  headline;
- inline markup (`*em*`, `**strong**`, `` `code` ``, `~~struck~~`, links,
  inline images, autolinks, HTML tags, backslash escapes) is reduced to its
  text. Square brackets that are not a link stay as written, so Rich markup
  such as `[bold red]` in an article is shown, never interpreted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.formats.front_matter import (
    FrontValue,
    parse_front_matter,
    split_front_matter,
)
from reader.formats.markdown_inline import reduce_inline
from reader.formats.text import sanitize_field
from reader.model import Article, Block, BlockKind

__all__ = ["parse_markdown", "reduce_inline"]

# The closing `#`s are cut off by _heading_text: a lazy `(.*?)` before an
# optional closer made this pattern quadratic in the length of the line.
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r" {0,3}>[ \t]?(.*)$")
# Every `>` marker of a nested quote in one match: stripping them one at a
# time copied the line once per level, quadratic in the depth.
_NESTED_QUOTES = re.compile(r"(?: {0,3}>[ \t]?)++(.*)")
_LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_REFERENCE = re.compile(r" {0,3}\[([^\]]+)\]:[ \t]*(\S+)")
_RELATED = re.compile(r"related[ \t]*:[ \t]*(.+)$", re.IGNORECASE)
# ![alt](src "title"): the source bare, or in <> where it may hold spaces.
_IMAGE = re.compile(
    r"!\[((?:[^\]\\]|\\.)*)\]\(\s*(?:<([^<>\n]*)>|([^\s)<>]*))"
    r"(?:\s+(?:\"([^\"]*)\"|'([^']*)'|\(([^)]*)\)))?\s*\)"
)
_IMAGES_ONLY = re.compile(rf"(?:\s*(?:{_IMAGE.pattern}))+\s*")
# A "Photo: X" label in a caption; the text before it is trimmed by hand, as
# `(.*?)[\s.,;]*` before the label took minutes on a caption of ". , ;" runs.
_CREDIT = re.compile(r"\b(?:Photograph|Photo|Credit|Image):(?=.)", re.DOTALL)
_CREDIT_LABEL = re.compile(r"(?:Photo|Photograph|Credit|Image)\s*:\s*", re.IGNORECASE)

_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")

_SCALAR_ALIASES = {
    "title": "title",
    "section": "section",
    "byline": "byline",
    "author": "byline",
    "published": "published",
    "date": "published",
    "source": "source",
    "url": "url",
}


@dataclass(slots=True)
class _Heading:
    """A heading found in the body, before it is known whether it is the headline."""

    level: int
    text: str


_Item = Block | _Heading


class _BodyReader:
    """Turns body lines into blocks and headings, in reading order."""

    def __init__(self, references: frozenset[str]) -> None:
        self.references = references
        self.items: list[_Item] = []
        self.lines: list[str] = []

    def inline(self, text: str) -> str:
        """Inline markup reduced, with this document's references."""
        return reduce_inline(text, self.references)

    def add(
        self, kind: BlockKind, text: str, credit: str | None = None, image: str | None = None
    ) -> None:
        """Add a block unless it is empty (a photo with no caption is not empty)."""
        if text or image:
            self.items.append(Block(kind, text, credit or None, image or None))

    def flush(self) -> None:
        """End the current paragraph: a run of images, related links, or text."""
        lines, self.lines = self.lines, []
        if not lines:
            return
        joined = " ".join(lines)
        if _IMAGES_ONLY.fullmatch(joined):
            for image in _IMAGE.finditer(joined):
                source = image[2] if image[2] is not None else image[3]
                self.add_caption(image[1], image[4] or image[5] or image[6], source)
            return
        related = [_RELATED.match(line) for line in lines]
        if all(related):
            for match in related:
                if match is not None:
                    self.add("related", self.inline(match[1]))
            return
        self.add("paragraph", self.inline(joined))

    def add_caption(self, alt: str, title: str | None, source: str = "") -> None:
        """A caption block from an image's alt text, title (its credit) and source.

        The source is kept as written (`ferry.jpg`, `/abs/path.png`, a URL):
        the reader resolves it against the article's folder when it shows it.
        """
        caption = self.inline(alt)
        credit = _CREDIT_LABEL.sub("", sanitize_field(title), count=1) if title else None
        if credit is None:
            label = _CREDIT.search(caption)
            before = _trim_trailing_punctuation(caption[: label.start()]) if label else ""
            if label is not None and before.strip():
                caption, credit = before.strip(), caption[label.end() :].strip()
        self.add("caption", caption, credit, _image_source(source))

    def heading(self, level: int, raw: str) -> None:
        """A heading line."""
        self.flush()
        text = self.inline(raw)
        if text:
            self.items.append(_Heading(level, text))

    def read(self, lines: list[str]) -> list[_Item]:
        """Read all body lines; returns the blocks and headings in order."""
        index = 0
        while index < len(lines):
            index = self.read_line(lines, index)
        self.flush()
        return self.items

    def read_line(self, lines: list[str], index: int) -> int:
        """Read the line at `index` (and any it continues onto); returns the next index."""
        line = lines[index]
        if not line.strip():
            self.flush()
            return index + 1
        fence = _FENCE.match(line)
        if fence is not None:
            return self.read_fence(lines, index, fence[1])
        if line.lstrip().startswith("<!--"):
            return self.skip_comment(lines, index)
        setext = _SETEXT.match(line)
        if setext is not None and self.lines:
            raw = " ".join(self.lines)
            self.lines = []
            self.heading(1 if setext[1][0] == "=" else 2, raw)
            return index + 1
        atx = _ATX.match(line)
        if atx is not None:
            self.heading(len(atx[1]), _heading_text(atx[2] or ""))
            return index + 1
        if _RULE.match(line) or _REFERENCE.match(line):
            self.flush()
            return index + 1
        if _QUOTE.match(line):
            return self.read_quote(lines, index)
        item = _LIST_ITEM.match(line)
        if item is not None:
            self.flush()
            self.lines.append(item[1] or "")
            return index + 1
        self.lines.append(line.strip().rstrip("\\").strip())
        return index + 1

    def read_fence(self, lines: list[str], index: int, marker: str) -> int:
        """A fenced code block: one paragraph that keeps its lines."""
        self.flush()
        end = index + 1
        while end < len(lines) and not lines[end].lstrip().startswith(marker):
            end += 1
        code = "\n".join(line.rstrip() for line in lines[index + 1 : end]).strip("\n")
        self.add("paragraph", code)
        return end + 1

    def skip_comment(self, lines: list[str], index: int) -> int:
        """Skip an HTML comment, which may run over several lines."""
        self.flush()
        end = index
        while end < len(lines) and "-->" not in lines[end]:
            end += 1
        return end + 1

    def read_quote(self, lines: list[str], index: int) -> int:
        """A run of `>` lines; a blank `>` line splits it into several quotes."""
        self.flush()
        parts: list[str] = []
        while index < len(lines):
            match = _QUOTE.match(lines[index])
            if match is None:
                break
            inner = _NESTED_QUOTES.match(lines[index])[1]  # type: ignore[index]
            if inner.strip():
                parts.append(inner.strip())
            elif parts:
                self.add("quote", self.inline(" ".join(parts)))
                parts = []
            index += 1
        self.add("quote", self.inline(" ".join(parts)))
        return index


def _trim_trailing_punctuation(text: str) -> str:
    """`text` without trailing spaces, full stops, commas and semicolons."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in ".,;"):
        end -= 1
    return text[:end]


def _heading_text(text: str) -> str:
    """An ATX heading's text without its optional closing run of `#` (`## Tides ##`)."""
    text = text.rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and bare[-1:] in (" ", "\t"):
        return bare.rstrip(" \t")
    return text


def _image_source(source: str) -> str | None:
    """An image's source as the caption keeps it: escapes undone, one line, or None."""
    return sanitize_field(_ESCAPED.sub(r"\1", source)) or None


def _references(lines: list[str]) -> frozenset[str]:
    """The labels of link reference definitions (`[label]: url`), case-folded."""
    return frozenset(m[1].casefold() for line in lines if (m := _REFERENCE.match(line)))


def _scalar(value: FrontValue | None) -> str | None:
    """A front-matter value as one sanitised line, or None when it is empty."""
    if value is None:
        return None
    text = ", ".join(value) if isinstance(value, list) else value
    return sanitize_field(text) or None


def _bullets(value: FrontValue | None) -> tuple[str, ...]:
    """Front-matter bullets: a list, or one string as a single bullet."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    cleaned = (sanitize_field(reduce_inline(item)) for item in items)
    return tuple(item for item in cleaned if item)


def _choose_headline(title: str | None, items: list[_Item]) -> tuple[str, list[_Item]]:
    """The headline and the remaining items, taking a heading as headline if need be."""
    headings = [item for item in items if isinstance(item, _Heading)]
    if title is not None:
        leading = items[0] if items else None
        if isinstance(leading, _Heading) and leading.text.casefold() == title.casefold():
            return title, items[1:]
        return title, items
    chosen = next((h for h in headings if h.level == 1), None)
    if chosen is None and items and isinstance(items[0], _Heading):
        chosen = items[0]
    if chosen is None:
        return "", items
    return chosen.text, [item for item in items if item is not chosen]


def parse_markdown(text: str) -> Article:
    """Parse a Markdown article (sanitised text) with optional YAML front matter.

    The headline is the `title` key, else the first `# Heading`, else a
    heading that opens the body, else "" (the caller falls back to the file
    name). Never raises on malformed input.
    """
    front_lines, body = split_front_matter(text)
    front = parse_front_matter(front_lines or [], list_keys=("bullets",))
    fields: dict[str, str | None] = {}
    for key, name in _SCALAR_ALIASES.items():
        if fields.get(name) is None:
            fields[name] = _scalar(front.get(key))
    title = fields["title"]
    body_lines = body.split("\n")
    items = _BodyReader(_references(body_lines)).read(body_lines)
    headline, items = _choose_headline(title, items)
    blocks = tuple(
        item if isinstance(item, Block) else Block("subheading", item.text) for item in items
    )
    return Article(
        headline=sanitize_field(headline),
        section=fields["section"],
        bullets=_bullets(front.get("bullets")),
        byline=fields["byline"],
        published=fields["published"],
        source=fields["source"],
        url=fields["url"],
        blocks=blocks,
        format="markdown",
    )
