"""What a parsed feed holds: the feed's own details and its entries, before any article is made.

Text here is as the feed gave it (HTML in `content_html` and `summary_html`,
other fields plain but not yet sanitised); `reader.feeds.entry_article` turns an
entry into a sanitised `Article`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry (item) of a feed."""

    title: str
    link: str | None = None
    """The entry's web page, an absolute URL (any scheme: check before fetching)."""
    id: str | None = None
    """The feed's own identifier for the entry (RSS guid, Atom id, JSON Feed id)."""
    author: str | None = None
    published: str | None = None
    """ISO 8601 date and time (UTC when the feed gave a zone), else the feed's own text."""
    categories: tuple[str, ...] = ()
    content_html: str | None = None
    """The full content, HTML (or plain text for JSON Feed's content_text)."""
    summary_html: str | None = None
    """The summary or description, HTML."""
    image_urls: tuple[str, ...] = ()
    """Lead-photo candidates in order: media:content, media:thumbnail, image enclosures."""

    @property
    def key(self) -> str | None:
        """The identity used to store the entry once: its id, else its link."""
        return self.id or self.link


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's title, home page, kind and entries."""

    title: str
    link: str | None = None
    kind: str = "rss"
    """"rss", "atom" or "json" (feedparser's version string for XML feeds, e.g. "rss20")."""
    entries: tuple[FeedEntry, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    """Problems that did not stop the feed being read (a malformed but readable document)."""
