"""A web page's standfirst: the line under the headline that says what the story is.

It comes from a dek element right after the `<h1>` (class `dek`,
`standfirst`, `subtitle`, ...), else `og:description`, else
`<meta name="description">`. It is kept only when the article's first
paragraphs do not already say it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reader.formats.text import sanitize_field
from reader.ingest.page_meta import meta_content
from reader.model import Block, count_words

__all__ = ["page_standfirst", "standfirst_bullets"]

_DEK_CLASS = re.compile(
    r"dek|standfirst|sub-?title|subhead|summary|description|lede|lead|intro|strap", re.I
)
_MIN_WORDS = 6
_LOOK_AHEAD = 3
"""A standfirst found in one of the first paragraphs is already there."""
_PREFIX = 60
"""Descriptions are often cut short: this many characters of one show it is a paragraph's."""


def _dek(tree: Any) -> str:
    for h1 in tree.xpath("//h1")[:1]:
        for sibling in h1.itersiblings():
            if not isinstance(sibling.tag, str):
                continue
            if _DEK_CLASS.search(sibling.get("class") or ""):
                return sanitize_field(" ".join(sibling.itertext()))
            break
    return ""


def page_standfirst(tree: Any) -> str:
    """The page's standfirst (dek element, og:description, description), or ""."""
    descriptions = (meta_content(tree, name) or "" for name in ("og:description", "description"))
    for found in (_dek(tree), *(sanitize_field(text) for text in descriptions)):
        if count_words(found) >= _MIN_WORDS:
            return found
    return ""


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def standfirst_bullets(standfirst: str, headline: str, blocks: Sequence[Block]) -> tuple[str, ...]:
    """The standfirst as the article's bullets, unless the headline or one of the first
    paragraphs already says it."""
    folded = _folded(standfirst.rstrip("…. "))
    if not folded or folded == _folded(headline):
        return ()
    prefix = folded[:_PREFIX]
    paragraphs = [b.text for b in blocks if b.kind == "paragraph"][:_LOOK_AHEAD]
    if any(_folded(text).startswith(prefix) or folded in _folded(text) for text in paragraphs):
        return ()
    return (standfirst,)
