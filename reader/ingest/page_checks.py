"""Telling an article from the pages that are not one: error pages, login walls, index pages.

Each check looks at what the extractor kept (the headline and body words)
and at the page itself (its title, links, forms), and returns a reason in
plain words, or None. Thresholds are deliberately modest: a short news
brief is still an article.

A page is an index page only when nothing says it is an article: not its
metadata, not one `<article>` holding most of its long text, not several
paragraphs of prose in what the extractor kept (see
`reader.ingest.page_signals`). Then many headline-like links against little
text, or several `<article>` teasers, make it one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reader.ingest.page_signals import (
    declares_article,
    declares_listing,
    main_article_holds_text,
    reads_as_prose,
)
from reader.model import count_words

__all__ = ["MIN_WORDS", "PageFacts", "not_an_article_reason"]

MIN_WORDS = 40
"""Fewer body words than this is not an article."""

_ERROR_TITLE = re.compile(
    r"\b(?:40[0-9]|410|50[0-9])\b|not found|can(?:no|')t (?:be )?f(?:ou|i)nd|"
    r"(?:doesn't|does not|no longer) exists?|no longer available|access denied|forbidden|"
    r"server error|something went wrong|page unavailable|an error (?:has )?occurred",
    re.IGNORECASE,
)
_WALL_TEXT = re.compile(
    r"(?:subscribe|sign in|log ?in|register|sign up)(?: now| today)? to (?:continue|keep) reading|"
    r"(?:sign in|log ?in|subscribe|register) to (?:read|view|access) (?:this|the full)|"
    r"(?:this|the rest of this) (?:article|story|content) is (?:only )?(?:for|available to) "
    r"(?:subscribers|members)|subscribers only|already a subscriber|"
    r"create a free account to (?:continue|read)",
    re.IGNORECASE,
)
_ERROR_BODY_WORDS = 200
"""An error-like title only rejects a page with fewer body words than this."""
_ERROR_TITLE_WORDS = 10
"""Error pages have short titles; a longer one is a headline that happens to match."""
_WALL_BODY_WORDS = 150
_LISTING_BODY_WORDS = 250


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What the checks need to know about a page and its extracted text."""

    titles: tuple[str, ...]
    """The page's <title>, og:title and first <h1>."""
    body: tuple[str, ...]
    """The extracted body texts (paragraphs, quotes, subheadings)."""
    headline_links: int
    """Links whose text looks like a headline (4 to 25 words)."""
    headline_link_words: int
    articles: int
    """<article> elements on the page."""
    password_field: bool
    declared_article: bool = False
    """The page's metadata calls it an article (og:type, JSON-LD)."""
    declared_listing: bool = False
    """The page's metadata calls it a collection (JSON-LD CollectionPage, ItemList, ...)."""
    main_article: bool = False
    """One <article> element holds most of the page's long paragraphs."""


def page_facts(tree: Any, titles: tuple[str, ...], body: tuple[str, ...]) -> PageFacts:
    """Gather the facts from an lxml HTML tree and the extracted body."""
    links = 0
    link_words = 0
    for anchor in tree.iter("a"):
        words = count_words(" ".join(anchor.text_content().split()))
        if 4 <= words <= 25:
            links += 1
            link_words += words
    return PageFacts(
        titles=titles,
        body=body,
        headline_links=links,
        headline_link_words=link_words,
        articles=len(tree.xpath("//article")),
        password_field=bool(tree.xpath("//input[translate(@type,'PASWORD','pasword')='password']")),
        declared_article=declares_article(tree),
        declared_listing=declares_listing(tree),
        main_article=main_article_holds_text(tree),
    )


def _body_words(facts: PageFacts) -> int:
    return sum(count_words(text) for text in facts.body)


def _error_reason(facts: PageFacts, words: int) -> str | None:
    if words >= _ERROR_BODY_WORDS:
        return None
    for title in facts.titles:
        if count_words(title) <= _ERROR_TITLE_WORDS and _ERROR_TITLE.search(title):
            return f"looks like an error page (“{title}”), not an article"
    return None


def _wall_reason(facts: PageFacts, words: int) -> str | None:
    if words >= _WALL_BODY_WORDS:
        return None
    walled = any(_WALL_TEXT.search(text) for text in facts.body)
    if walled or facts.password_field:
        return "behind a login or subscription wall: only the first lines can be read"
    return None


def _says_article(facts: PageFacts) -> bool:
    """Something other than link counts says the page is one article."""
    if facts.declared_article:
        return True
    return not facts.declared_listing and (facts.main_article or reads_as_prose(facts.body))


def _listing_reason(facts: PageFacts, words: int) -> str | None:
    if _says_article(facts):
        return None
    many_links = facts.headline_links >= 5 and facts.headline_link_words >= 0.5 * words
    many_articles = facts.articles >= 3 and words < _LISTING_BODY_WORDS
    if many_links or many_articles:
        count = max(facts.headline_links, facts.articles)
        return (
            f"looks like an index page listing other articles ({count} headlines), not an article"
        )
    return None


def not_an_article_reason(facts: PageFacts) -> str | None:
    """Why the page is not an article (error page, login wall, index, too short), or None."""
    words = _body_words(facts)
    for check in (_error_reason, _wall_reason, _listing_reason):
        reason = check(facts, words)
        if reason is not None:
            return reason
    if words < MIN_WORDS:
        return f"too little text for an article ({words} words)"
    return None
