"""What a web page says about itself: is it one article, or a page listing many?

News article pages carry big menus, "most read" boxes and related-story
cards, so counting headline-like links cannot tell an article from a section
front. These signals come from the page's own metadata (`og:type`, JSON-LD
`NewsArticle`/`Article`/`BlogPosting` with a headline), from where its long
text sits (one `<article>` holding most of it), and from the shape of the
text the extractor kept (several paragraphs of prose).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from reader.ingest.page_meta import meta_content
from reader.model import count_words

__all__ = ["declares_article", "declares_listing", "main_article_holds_text", "reads_as_prose"]

_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "askpublicnewsarticle",
        "liveblogposting",
        "socialmediaposting",
        "report",
        "techarticle",
        "scholarlyarticle",
    }
)
_LISTING_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage", "profilepage"})
_LD_LIMIT = 200_000
"""JSON-LD blocks longer than this (characters) are not read: no page needs more."""
_SENTENCE_END = re.compile(r"[.!?…。！？»”\"')\]]\s*$")
_PROSE_WORDS = 25
"""A paragraph of at least this many words ending a sentence is prose."""
_PROSE_PARAGRAPHS = 3
_LONG_TEXT_WORDS = 20
"""Paragraphs of at least this many words are the page's long text."""
_MAIN_SHARE = 0.6


def _ld_items(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, `@graph` members and list items included."""
    for script in tree.xpath(
        "//script[translate(@type,'LDJSONAPIC','ldjsonapic')='application/ld+json']"
    ):
        text = script.text or ""
        if len(text) > _LD_LIMIT:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                stack.extend(v for k, v in item.items() if k in ("@graph", "mainEntity"))


def _types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.casefold() for k in kinds if isinstance(k, str)}


def declares_article(tree: Any) -> bool:
    """The page calls itself an article: `og:type` article, or JSON-LD of an article type
    that has a headline."""
    if (meta_content(tree, "og:type") or "").casefold() == "article":
        return True
    return any(
        _types(item) & _ARTICLE_TYPES and isinstance(item.get("headline"), str)
        for item in _ld_items(tree)
    )


def declares_listing(tree: Any) -> bool:
    """The page calls itself a collection: JSON-LD CollectionPage, ItemList or search results."""
    return any(_types(item) & _LISTING_TYPES for item in _ld_items(tree))


def _words(element: Any) -> int:
    return count_words(" ".join(element.text_content().split()))


def main_article_holds_text(tree: Any) -> bool:
    """One `<article>` element holds most of the page's long paragraphs."""
    long_words = [w for w in (_words(p) for p in tree.iter("p")) if w >= _LONG_TEXT_WORDS]
    total = sum(long_words)
    if not total:
        return False
    for article in tree.iter("article"):
        inside = sum(w for w in (_words(p) for p in article.iter("p")) if w >= _LONG_TEXT_WORDS)
        if inside >= _MAIN_SHARE * total and inside >= _PROSE_PARAGRAPHS * _PROSE_WORDS:
            return True
    return False


def reads_as_prose(paragraphs: tuple[str, ...]) -> bool:
    """The extracted text has several paragraphs of prose: long ones that end a sentence."""
    prose = sum(
        1 for text in paragraphs if count_words(text) >= _PROSE_WORDS and _SENTENCE_END.search(text)
    )
    return prose >= _PROSE_PARAGRAPHS
