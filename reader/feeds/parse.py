"""Feed bytes to a `ParsedFeed`: RSS 0.9x/1.0/2.0 and Atom by feedparser, JSON Feed by hand.

feedparser is only ever given the bytes, wrapped in a stream: given a
string or bytes it would fetch URLs or open local files named by them.
Documents that declare XML entities are refused first (see
`reader.feeds.xmlsafe`). A malformed document that feedparser can still read
in part gives its entries with a warning; one it cannot read at all gives a
FeedError naming the XML problem and its line.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

import feedparser

from reader.feeds.entry_html import html_to_text
from reader.feeds.errors import FeedError
from reader.feeds.jsonfeed import looks_like_json_feed, parse_json_feed
from reader.feeds.model import FeedEntry, ParsedFeed
from reader.feeds.xmlsafe import refuse_entities
from reader.formats.dates import stored_date

# Bozo exceptions that say nothing is wrong with the feed's content.
_BENIGN_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def parse_feed(data: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse a feed document fetched from `url`; raise FeedError when it is not a readable feed.

    `content_type` is the HTTP Content-Type header, which can name the
    character set. Relative links resolve against `url`.
    """
    if not data.strip():
        raise FeedError("the feed is empty")
    if looks_like_json_feed(data, content_type):
        return parse_json_feed(data, url=url)
    refuse_entities(data)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    result = feedparser.parse(
        io.BytesIO(data), response_headers=headers, sanitize_html=True, resolve_relative_uris=True
    )
    return _from_feedparser(result, url)


def _bozo_reason(result: Mapping[str, Any]) -> str | None:
    """The plain-words XML problem feedparser met, or None when there was none worth telling."""
    if not result.get("bozo"):
        return None
    error = result.get("bozo_exception")
    if error is None or isinstance(error, _BENIGN_BOZO):
        return None
    message = getattr(error, "getMessage", lambda: str(error))()
    line = getattr(error, "getLineNumber", lambda: None)()
    where = f" at line {line}" if isinstance(line, int) else ""
    return f"malformed XML ({message}{where})"


def _from_feedparser(result: Mapping[str, Any], url: str) -> ParsedFeed:
    """Turn feedparser's result into a ParsedFeed, or raise FeedError."""
    feed = result.get("feed") or {}
    raw_entries = result.get("entries") or []
    problem = _bozo_reason(result)
    version = str(result.get("version") or "")
    if not raw_entries and not version:
        raise FeedError("not a feed (no RSS, Atom or JSON Feed found)")
    if not raw_entries and problem is not None:
        raise FeedError(f"not a readable feed: {problem}")
    title = _plain(feed.get("title"), feed.get("title_detail")) or _host(url)
    entries = tuple(_entry(raw) for raw in raw_entries)
    warnings = (f"the feed has {problem}; what could be read was kept",) if problem else ()
    kind = "atom" if version.startswith("atom") else "rss"
    return ParsedFeed(
        title=title, link=_text(feed.get("link")), kind=kind, entries=entries, warnings=warnings
    )


def _host(url: str) -> str:
    """The host name of a URL, the title of last resort."""
    return urlsplit(url).hostname or url


def _text(value: object) -> str | None:
    """A non-empty string value, else None."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _plain(value: object, detail: object) -> str | None:
    """A title-like value as plain text (tags removed when feedparser says it is HTML)."""
    text = _text(value)
    if text is None:
        return None
    kind = detail.get("type", "") if isinstance(detail, Mapping) else ""
    if "html" in str(kind):
        return html_to_text(text) or None
    return text


def _iso_time(parsed: object) -> str | None:
    """feedparser's UTC struct_time as ISO 8601 ("2026-03-02T09:15:00Z")."""
    if isinstance(parsed, time.struct_time):
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return None


def _content(raw: Mapping[str, Any]) -> str | None:
    """The entry's full content: the first HTML content part, else the first part of any kind."""
    parts = [p for p in raw.get("content") or [] if isinstance(p, Mapping)]
    html = [p for p in parts if "html" in str(p.get("type", ""))]
    for part in html or parts:
        value = _text(part.get("value"))
        if value is not None:
            return value
    return None


def _author(raw: Mapping[str, Any]) -> str | None:
    """The entry's author name (an RSS author is often "mail@host (Name)": the name is kept)."""
    detail = raw.get("author_detail")
    if isinstance(detail, Mapping):
        name = _text(detail.get("name"))
        if name is not None:
            return name
    return _text(raw.get("author"))


def _image_urls(raw: Mapping[str, Any]) -> tuple[str, ...]:
    """Lead-photo candidates: media:content images, media:thumbnail, then image enclosures."""
    found: list[str] = []
    for item in raw.get("media_content") or []:
        medium = str(item.get("medium", "")) + str(item.get("type", ""))
        if not medium or "image" in medium:
            found.append(item.get("url", ""))
    found.extend(item.get("url", "") for item in raw.get("media_thumbnail") or [])
    for item in raw.get("enclosures") or []:
        if str(item.get("type", "")).startswith("image/"):
            found.append(item.get("href", ""))
    return tuple(_unique(u for u in found if isinstance(u, str) and u.strip()))


def _unique(items: Iterable[str]) -> list[str]:
    """Items in order, each once."""
    return list(dict.fromkeys(item.strip() for item in items))


def _entry(raw: Mapping[str, Any]) -> FeedEntry:
    """One feedparser entry as a FeedEntry."""
    tags = [t.get("term") for t in raw.get("tags") or [] if isinstance(t, Mapping)]
    published = raw.get("published_parsed") or raw.get("updated_parsed")
    return FeedEntry(
        title=_plain(raw.get("title"), raw.get("title_detail")) or "",
        link=_text(raw.get("link")),
        id=_text(raw.get("id")),
        author=_author(raw),
        published=_iso_time(published) or stored_date(_text(raw.get("published"))),
        categories=tuple(_unique(t for t in tags if isinstance(t, str) and t.strip())),
        content_html=_content(raw),
        summary_html=_text(raw.get("summary")),
        image_urls=_image_urls(raw),
    )
