"""A feed entry to an `Article`: metadata from the entry, body from its content or its page.

Every text field is sanitised (`reader.formats.text`): control characters
and escape sequences go, Rich markup stays as written. The article's URL is
kept only when it is http(s), so nothing else is ever opened or fetched
from it. When the entry is only a summary (per the feed's `full_text`
setting) the fetch code extracts the linked page and `with_page_body`
puts that body under the entry's metadata.
"""

from __future__ import annotations

import dataclasses

from reader.feeds.entry_html import html_to_blocks, looks_like_html, text_to_blocks
from reader.feeds.model import FeedEntry
from reader.feeds.subscriptions import FullText
from reader.feeds.urls import is_fetchable
from reader.formats.text import sanitize_field
from reader.model import Article, Block, count_words

SUMMARY_WORDS = 150
"""With full_text = "auto", an entry shorter than this is a summary: its page is fetched."""

FEED_FORMAT = "feed"
UNTITLED = "Untitled"


def _field(text: str | None) -> str | None:
    """A sanitised one-line field, None when empty."""
    return sanitize_field(text) or None if text else None


def entry_blocks(entry: FeedEntry) -> tuple[Block, ...]:
    """The body blocks of the entry's own content (else its summary)."""
    body = entry.content_html or entry.summary_html or ""
    if looks_like_html(body):
        return html_to_blocks(body)
    return text_to_blocks(body)


def entry_words(entry: FeedEntry) -> int:
    """Words in the entry's own body."""
    return sum(count_words(block.text) for block in entry_blocks(entry))


def needs_full_text(entry: FeedEntry, mode: FullText) -> bool:
    """True when the entry's linked page should be fetched for the whole article."""
    if mode == "never" or not is_fetchable(entry.link):
        return False
    return mode == "always" or entry_words(entry) < SUMMARY_WORDS


def entry_article(entry: FeedEntry, feed_title: str) -> Article:
    """The entry as an article from its own content, every field sanitised."""
    blocks = entry_blocks(entry)
    headline = _field(entry.title)
    if headline is None:
        first = next((b.text for b in blocks), "")
        headline = " ".join(first.split()[:12]) or UNTITLED
    section = next((s for s in map(_field, entry.categories) if s), None)
    return Article(
        headline=headline,
        section=section,
        byline=_field(entry.author),
        published=_field(entry.published),
        source=_field(feed_title),
        url=entry.link if is_fetchable(entry.link) else None,
        blocks=blocks,
        format=FEED_FORMAT,
    )


def with_page_body(article: Article, page: Article) -> Article:
    """The entry's article with the body (and standfirst) of its extracted page.

    The entry's own headline, byline, date and section win; the page fills
    in the ones the feed left out.
    """
    return dataclasses.replace(
        article,
        headline=article.headline if article.headline != UNTITLED else page.headline,
        section=article.section or page.section,
        byline=article.byline or page.byline,
        published=article.published or page.published,
        bullets=page.bullets,
        blocks=page.blocks,
    )
