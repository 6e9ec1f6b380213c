"""Find the feeds a web page advertises with `<link rel="alternate" type="...">`.

Read with the standard library's HTML parser: nothing on the page is
fetched or run. Links are resolved against the page's URL (or its
`<base href>`), and only http(s) links are returned.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin

from reader.feeds.urls import is_fetchable

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/rdf+xml",
        "application/json",
    }
)
"""Link types taken as feeds (always with rel="alternate")."""

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


class _LinkFinder(HTMLParser):
    """Collects feed links and the page's base URL."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base = url
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note `<base href>` and `<link rel="alternate" type=feed href>`."""
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "base" and values.get("href"):
            self.base = urljoin(self.base, values["href"].strip())
        elif tag == "link":
            rel = values.get("rel", "").lower().split()
            kind = values.get("type", "").split(";")[0].strip().lower()
            href = values.get("href", "").strip()
            if "alternate" in rel and kind in FEED_TYPES and href:
                self.links.append(urljoin(self.base, href))


def feed_links(html: str, url: str) -> list[str]:
    """The http(s) feed URLs a page advertises, in page order, each once."""
    finder = _LinkFinder(url)
    finder.feed(html)
    finder.close()
    return [link for link in dict.fromkeys(finder.links) if is_fetchable(link)]


def looks_like_html(data: bytes, content_type: str | None) -> bool:
    """True when a response is a web page: an HTML content type, or markup that opens like one."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        return True
    return _HTML_START.match(data[:4096]) is not None
