"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read with the standard `json` module.

Only the fields an article needs are read: the feed's `title` and
`home_page_url`; each item's `id`, `url` (else `external_url`), `title`,
`content_html` / `content_text`, `summary`, `date_published` (else
`date_modified`), `authors` (1.1) or `author` (1.0), `tags`, `image` and
`banner_image`. Values of the wrong type are ignored, never fatal.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any
from urllib.parse import urljoin, urlsplit

from reader.feeds.errors import FeedError
from reader.feeds.model import FeedEntry, ParsedFeed
from reader.formats.dates import stored_date

JSON_FEED_PREFIX = "https://jsonfeed.org/version/"


def looks_like_json_feed(data: bytes, content_type: str | None) -> bool:
    """True when the bytes should be read as JSON: a JSON content type, or a leading `{`."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in ("application/feed+json", "application/json") or kind.endswith("+json"):
        return True
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _str(value: object) -> str | None:
    """A non-empty stripped string, else None."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _url(value: object, base: str) -> str | None:
    """A URL resolved against the feed's URL, else None."""
    text = _str(value)
    return urljoin(base, text) if text is not None else None


def _date(value: object) -> str | None:
    """An RFC 3339 date in the stored form (`reader.formats.dates`); other text as written."""
    return stored_date(_str(value))


def _authors(item: dict[str, Any]) -> str | None:
    """The item's author names joined with commas (1.1 `authors`, 1.0 `author`)."""
    people = item.get("authors")
    if not isinstance(people, list):
        people = [item.get("author")]
    names = [_str(p.get("name")) for p in people if isinstance(p, dict)]
    found = [name for name in names if name]
    return ", ".join(found) if found else None


def _tags(value: object) -> tuple[str, ...]:
    """The item's tags, non-empty strings only."""
    if not isinstance(value, list):
        return ()
    return tuple(tag.strip() for tag in value if isinstance(tag, str) and tag.strip())


def _item(item: dict[str, Any], base: str) -> FeedEntry:
    """One JSON Feed item as a FeedEntry."""
    content = _str(item.get("content_html"))
    if content is None:
        text = _str(item.get("content_text"))
        # Plain text is escaped so the HTML reader keeps it as written.
        content = _text_as_html(text) if text is not None else None
    images = (_url(item.get(key), base) for key in ("image", "banner_image"))
    item_id = item.get("id")
    identity = str(item_id).strip() if isinstance(item_id, str | int) else ""
    return FeedEntry(
        title=_str(item.get("title")) or "",
        link=_url(item.get("url"), base) or _url(item.get("external_url"), base),
        id=identity or None,
        author=_authors(item),
        published=_date(item.get("date_published")) or _date(item.get("date_modified")),
        categories=_tags(item.get("tags")),
        content_html=content,
        summary_html=_text_as_html(summary) if (summary := _str(item.get("summary"))) else None,
        image_urls=tuple(url for url in images if url is not None),
    )


def _text_as_html(text: str) -> str:
    """Plain text as HTML paragraphs, escaped."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def parse_json_feed(data: bytes, *, url: str) -> ParsedFeed:
    """Parse JSON Feed bytes fetched from `url`; raise FeedError when they are not a JSON Feed."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FeedError("not a readable feed: JSON that is not UTF-8") from None
    except RecursionError:
        raise FeedError("not a readable feed: JSON nested too deeply") from None
    except ValueError as error:
        raise FeedError(f"not a readable feed: malformed JSON ({error})") from None
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith(
        JSON_FEED_PREFIX
    ):
        raise FeedError("not a feed (JSON, but not a JSON Feed)")
    items = document.get("items")
    entries = (
        tuple(_item(i, url) for i in items if isinstance(i, dict))
        if isinstance(items, list)
        else ()
    )
    title = _str(document.get("title")) or urlsplit(url).hostname or url
    return ParsedFeed(
        title=title, link=_url(document.get("home_page_url"), url), kind="json", entries=entries
    )
