"""An `Article` as a Markdown file with front matter, the form `reader.formats.markdown` reads.

Any text round-trips: every front-matter value is one double-quoted line,
and body text that the Markdown reader would take as markup (a leading `#`,
`>` or `- `, `[links]`, `*emphasis*`, `` `code` ``, `<tags>`, a `Related:`
label, a `---` rule) is backslash-escaped, so "[bold]" or "# 1 hit" is read
back exactly as written. Text with nothing to escape is written as is.
"""

from __future__ import annotations

import re

from reader.formats.markdown import reduce_inline
from reader.formats.text import sanitize_field
from reader.model import Article, Block

__all__ = ["article_to_markdown"]

# Characters reduce_inline acts on; escaping them all makes any text literal.
# Backticks cannot be escaped (code spans are read before escapes), so a run
# of them is set in a code span with a longer fence: "``" -> "``` `` ```".
_INLINE_SPECIAL = re.compile(r"([\\*_~\[\]<>!])")
_BACKTICKS = re.compile(r"`+")
_EMPTY_TAG = "<wbr>"
"""An empty HTML tag, which the reader drops: it guards the start or end of a line."""
# First characters the block reader may take as structure: a heading, quote,
# list item, rule, fence, HTML comment or reference definition.
_LINE_OPENERS = frozenset("#>-+*_=~<[")
_NUMBERED = re.compile(r"(\d{1,9})[.)](?:\s|$)")
_RELATED_LABEL = re.compile(r"(related[ \t]*):", re.IGNORECASE)
_ATX_CLOSER = re.compile(r"(\s)(#+)$")
_BARE_SOURCE = re.compile(r"[^\s()<>\\]+")


def _escape_inline(text: str, *, always: str = "") -> str:
    """Text that reduce_inline reads back unchanged: escaped only where it needs to be.

    Characters in `always` force escaping (a `]` inside link text, say).
    """
    plain = not any(char in text for char in always) and not text.endswith("\\")
    if plain and reduce_inline(text) == text:
        return text
    escaped = _escape_specials(text)
    if text.endswith("\\"):
        # The reader strips trailing backslashes from a line; an empty tag keeps them.
        escaped += _EMPTY_TAG
    return escaped


def _escape_specials(text: str) -> str:
    """Every character reduce_inline acts on made literal."""
    escaped = _INLINE_SPECIAL.sub(r"\\\1", text)
    return _BACKTICKS.sub(
        lambda m: f"{'`' * (len(m[0]) + 1)} {m[0]} {'`' * (len(m[0]) + 1)}", escaped
    )


def _escape_line(text: str) -> str:
    """One body line (paragraph, quote or heading text) that reads back as this text."""
    escaped = _escape_inline(" ".join(text.split()))
    number = _NUMBERED.match(escaped)
    if number is not None:
        # "1. Item" would be a list item: escape the dot, not the number.
        escaped = number[1] + "\\" + escaped[len(number[1]) :]
    elif escaped.startswith("`"):
        escaped = _EMPTY_TAG + escaped  # a backslash here would be read as text
    elif escaped[:1] in _LINE_OPENERS:
        escaped = "\\" + escaped
    related = _RELATED_LABEL.match(escaped)
    if related is not None:
        escaped = related[1] + "\\:" + escaped[related.end() :]
    return escaped


def _quoted(value: str) -> str:
    """A front-matter value as one double-quoted scalar."""
    value = sanitize_field(value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _image_source(source: str | None) -> str:
    """An image source as written inside `(...)`: bare when it can be, else in `<...>`.

    `<>` stands for no source (without it a credit would be read as the
    source); `<` and `>` are percent-encoded and backslashes escaped.
    """
    if not source:
        return "<>"
    if _BARE_SOURCE.fullmatch(source):
        return source
    inner = source.replace("\\", "\\\\").replace("<", "%3C").replace(">", "%3E")
    return f"<{' '.join(inner.split())}>"


def _credit_title(credit: str) -> str:
    """An image title holding the credit, in quotes the credit does not contain."""
    credit = sanitize_field(credit)
    if '"' not in credit:
        return f'"{credit}"'
    if "'" not in credit:
        return f"'{credit}'"
    if ")" not in credit:
        return f"({credit})"
    return '"' + credit.replace('"', "'") + '"'


def _caption(block: Block, photo: str | None) -> str:
    """A caption block as an image line: `![caption](photo "credit")`."""
    alt = _escape_inline(" ".join(block.text.split()), always="]\\")
    title = f" {_credit_title(block.credit)}" if block.credit else ""
    return f"![{alt}]({_image_source(photo)}{title})"


def _block(block: Block, photo: str | None) -> str:
    """One body block as Markdown."""
    if block.kind == "subheading":
        line = _ATX_CLOSER.sub(lambda m: m[1] + "\\#" * len(m[2]), _escape_line(block.text))
        return f"## {line}"
    if block.kind == "quote":
        return f"> {_escape_line(block.text)}"
    if block.kind == "caption":
        return _caption(block, photo)
    if block.kind == "related":
        return f"Related: {_escape_line(block.text)}"
    return _escape_line(block.text)


def _front_matter(article: Article) -> list[str]:
    """The front-matter lines, `---` to `---`, with only the fields the article has."""
    lines = ["---", f"title: {_quoted(article.headline or 'Untitled')}"]
    if article.section:
        lines.append(f"section: {_quoted(article.section)}")
    bullets = [b for b in (sanitize_field(b) for b in article.bullets) if b]
    if bullets:
        lines.append("bullets:")
        lines.extend(f"  - {_quoted(_escape_inline(b))}" for b in bullets)
    for key in ("byline", "published", "source", "url"):
        value = getattr(article, key)
        if value and sanitize_field(value):
            lines.append(f"{key}: {_quoted(value)}")
    lines.append("---")
    return lines


def article_to_markdown(article: Article, *, photo: str | None = None) -> str:
    """The article as Markdown with front matter, which `parse_markdown` reads back.

    `photo` (a path relative to the article's folder, an absolute path or a
    URL) becomes the image of the first caption that has none of its own;
    when every caption has one, or there is no caption, the photo is set
    before the body with an empty caption. A caption's own `image` is kept.
    """
    parts = ["\n".join(_front_matter(article))]
    for block in article.blocks:
        image = block.image if block.kind == "caption" else None
        if not block.text.strip() and image is None:
            continue
        if block.kind == "caption" and image is None and photo:
            image, photo = photo, None
        parts.append(_block(block, image))
    if photo:
        parts.insert(1, f"![]({_image_source(photo)})")
    return "\n\n".join(parts) + "\n"
