"""OPML import and export of subscriptions.

Import reads every `<outline>` with an `xmlUrl`, at any depth (category
outlines are only containers). `title` (else `text`) is the feed's title.
Export writes OPML 2.0 with one outline per feed; the Broadsheet-only
settings travel in the extra attributes `broadsheetFolder` and
`broadsheetFullText`, which other readers ignore, so an export imports back
to the same subscriptions. The file is parsed only after documents that
declare XML entities are refused (`reader.feeds.xmlsafe`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime

from reader.feeds.errors import FeedError
from reader.feeds.subscriptions import Subscription, make_subscription
from reader.feeds.urls import is_fetchable
from reader.feeds.xmlsafe import refuse_entities

FOLDER_ATTRIBUTE = "broadsheetFolder"
FULL_TEXT_ATTRIBUTE = "broadsheetFullText"


@dataclass(slots=True)
class OpmlImport:
    """The subscriptions read from an OPML file, and the outlines that were skipped and why."""

    feeds: list[Subscription] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _local(tag: str) -> str:
    """An element or attribute name without its namespace."""
    return tag.rsplit("}", 1)[-1]


def _attributes(element: ElementTree.Element) -> dict[str, str]:
    """An element's attributes by lower-case local name (OPML files vary in case)."""
    return {_local(name).lower(): value for name, value in element.attrib.items()}


def parse_opml(data: bytes) -> OpmlImport:
    """The feeds in an OPML document; FeedError when it is not readable OPML."""
    refuse_entities(data)
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise FeedError(f"not a readable OPML file: malformed XML ({error})") from None
    if _local(root.tag).lower() != "opml":
        raise FeedError("not an OPML file (its root element is not <opml>)")
    result = OpmlImport()
    seen: set[str] = set()
    for element in root.iter():
        if _local(element.tag).lower() != "outline":
            continue
        attributes = _attributes(element)
        url = attributes.get("xmlurl", "").strip()
        if not url:
            continue
        title = attributes.get("title") or attributes.get("text") or None
        if not is_fetchable(url):
            result.skipped.append(f"{url}: only http and https feeds can be followed")
            continue
        if url in seen:
            continue
        seen.add(url)
        full_text = attributes.get(FULL_TEXT_ATTRIBUTE.lower(), "auto")
        try:
            feed = make_subscription(
                url, title, attributes.get(FOLDER_ATTRIBUTE.lower()), full_text
            )
        except FeedError as error:
            result.skipped.append(f"{url}: {error}")
            continue
        result.feeds.append(feed)
    return result


def format_opml(feeds: list[Subscription], *, title: str = "Broadsheet subscriptions") -> str:
    """An OPML 2.0 document listing `feeds`, as text."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    ElementTree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    body = ElementTree.SubElement(root, "body")
    for feed in feeds:
        ElementTree.SubElement(
            body,
            "outline",
            {
                "type": "rss",
                "text": feed.title,
                "title": feed.title,
                "xmlUrl": feed.url,
                FOLDER_ATTRIBUTE: feed.folder,
                FULL_TEXT_ATTRIBUTE: feed.full_text,
            },
        )
    ElementTree.indent(root)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + ElementTree.tostring(root, encoding="unicode")
        + "\n"
    )
