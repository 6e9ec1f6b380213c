"""What a feed entry brings from the web: its page's full text, and its lead photo.

Both are given a fetch function by the caller (`reader.feeds.fetch`), which
holds the shared client and the request limits; nothing here fetches a URL
that is not http(s). A page that cannot be fetched or is not an article
leaves the entry's own text in place, with the reason for the caller's
report. A photo that cannot be had is simply left out.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from reader.feeds.entry_article import entry_words, with_page_body
from reader.feeds.model import FeedEntry
from reader.feeds.urls import is_fetchable
from reader.formats import ArticleError
from reader.formats.text import decode
from reader.ingest.http import FetchError
from reader.model import Article

PageFetcher = Callable[[str], Awaitable[tuple[str, bytes, str | None]]]
"""Fetch a page: URL in, (final URL, body, Content-Type header) out; raises FetchError."""
PhotoFetcher = Callable[[str], Awaitable[Path | None]]
"""Fetch a photo into the cache: URL in, the cached file (or None) out."""

PAGE_TYPES = ("text/html", "application/xhtml+xml")
MAX_PHOTO_TRIES = 3
"""How many photo candidates of one entry are tried before going without."""


class PageProblem(Exception):
    """A page that gave no article; `str(error)` is the reason in plain words."""


def _charset(content_type: str | None) -> str | None:
    """The charset a Content-Type header names, if any."""
    for param in (content_type or "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def page_text(body: bytes, content_type: str | None) -> str:
    """A page's HTML as text: the header's charset when Python knows it, else sniffed.

    Raises PageProblem for a response that is not a web page.
    """
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind and kind not in PAGE_TYPES:
        raise PageProblem(f"not a web page ({kind})")
    charset = _charset(content_type)
    if charset:
        try:
            return body.decode(charset, errors="replace")
        except LookupError:
            pass
    try:
        return decode(body).text
    except ArticleError as error:
        raise PageProblem(str(error)) from None


@dataclass(frozen=True, slots=True)
class FullText:
    """The outcome of reading an entry's page: the article, the page's photo, or why not."""

    article: Article
    photo: str | None = None
    """The page's lead photo URL (og:image or its first figure)."""
    failure: str | None = None
    """Why the entry's own text was kept, in plain words; None when the page was used."""
    urls: tuple[str, ...] = ()
    """The page's other addresses when it was used: where the link led, its canonical URL."""


def extract_page(body: bytes, url: str, content_type: str | None) -> tuple[Article, str | None]:
    """The article on a fetched page and its lead photo URL; PageProblem when there is none."""
    from reader.ingest.extract import NotAnArticle
    from reader.ingest.extract import extract_page as extract

    kind = (content_type or "").split(";")[0].strip().lower()
    if kind and kind not in PAGE_TYPES:
        raise PageProblem(f"not a web page ({kind})")
    try:
        page = extract(body, url, charset=_charset(content_type))
    except (NotAnArticle, ArticleError) as error:
        raise PageProblem(str(error) or "not an article") from None
    return page.article, page.lead_photo


async def full_text_article(
    fetch_page: PageFetcher, article: Article, entry: FeedEntry
) -> FullText:
    """The entry's article with its page's body, or unchanged with the reason it could not be.

    The page is used only when it holds at least as many words as the
    entry's own text (an extractor that found only a fragment loses).
    """
    link = entry.link
    if link is None or not is_fetchable(link):
        return FullText(article, failure=f"{link}: only http and https pages are fetched")
    try:
        url, body, content_type = await fetch_page(link)
        page, photo = await asyncio.to_thread(extract_page, body, url, content_type)
    except (FetchError, PageProblem) as error:
        return FullText(article, failure=f"{link}: {error}")
    if page.words < entry_words(entry) or not page.blocks:
        return FullText(article, failure=f"{link}: the page held less text than the feed")
    urls = tuple(u for u in (url, page.url) if u)
    return FullText(with_page_body(article, page), photo=photo, urls=urls)


def _photo_candidates(entry: FeedEntry, article: Article, page_photo: str | None) -> list[str]:
    """The feed's photo URLs, then the page's lead photo and first captioned one, http(s) only."""
    found = [*entry.image_urls, page_photo or ""]
    captions = (b for b in article.blocks if b.kind == "caption")
    found.extend(image for b in captions if (image := getattr(b, "image", None)))
    return [url for url in dict.fromkeys(found) if is_fetchable(url)]


def _relative(path: Path, folder: Path) -> str:
    """`path` relative to `folder` (how an article refers to its photo), else absolute."""
    try:
        return os.path.relpath(path, folder)
    except ValueError:  # another drive on Windows
        return str(path)


async def lead_photo(
    fetch_photo: PhotoFetcher,
    entry: FeedEntry,
    article: Article,
    page_photo: str | None,
    destination: Path,
) -> str | None:
    """The cached lead photo, as a path relative to the article's folder `destination`, or None."""
    for url in _photo_candidates(entry, article, page_photo)[:MAX_PHOTO_TRIES]:
        path = await fetch_photo(url)
        if path is not None:
            return _relative(path, destination)
    return None
