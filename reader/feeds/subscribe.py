"""Adding, removing and importing subscriptions: what `reader feed add/remove/import` do.

`find_feed` fetches a URL and reads it as a feed; a web page is followed to
the first feed it advertises that can be read (`reader.feeds.discover`).
Only http(s) URLs are fetched, through `reader.ingest.http` with its size
cap, timeout and redirect checks. Every function raises FeedError with the
reason in plain words.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from dataclasses import dataclass, field

import httpx

from reader.feeds.discover import feed_links, looks_like_html
from reader.feeds.errors import FeedError
from reader.feeds.model import ParsedFeed
from reader.feeds.opml import parse_opml
from reader.feeds.pages import PageProblem, page_text
from reader.feeds.parse import parse_feed
from reader.feeds.state import load_fetch_state
from reader.feeds.subscriptions import (
    Subscription,
    find_subscription,
    load_subscriptions,
    make_subscription,
    save_subscriptions,
)
from reader.feeds.urls import is_fetchable
from reader.ingest.http import FetchError, FetchLimits, Response, fetch, host_key, make_client

MAX_ADVERTISED = 3
"""How many of a page's advertised feeds are tried before giving up."""

REFUSED_SCHEME = "refused: only http and https feeds can be followed"


@dataclass(frozen=True, slots=True)
class FoundFeed:
    """A feed found at a URL: its own URL, what it holds, and the page that led to it."""

    url: str
    feed: ParsedFeed
    page: str | None = None
    """The web page the user named, when the feed was found through it."""


async def _get(
    client: httpx.AsyncClient, url: str, limits: FetchLimits, trusted: Collection[str]
) -> Response:
    """Fetch `url`, turning a FetchError into a FeedError; `trusted` hosts may be private."""
    try:
        return await fetch(client, url, limits=limits, trusted_hosts=trusted)
    except FetchError as error:
        raise FeedError(str(error)) from None


def _parse(response: Response) -> ParsedFeed:
    """Read a response as a feed."""
    content_type = response.headers.get("content-type")
    return parse_feed(response.body, url=response.url, content_type=content_type)


async def _from_page(
    client: httpx.AsyncClient,
    url: str,
    response: Response,
    limits: FetchLimits,
    trusted: Collection[str],
) -> FoundFeed:
    """The first readable feed a web page advertises."""
    try:
        html = page_text(response.body, response.headers.get("content-type"))
    except PageProblem as error:
        raise FeedError(str(error)) from None
    links = feed_links(html, response.url)
    if not links:
        try:
            # Some servers send feeds as text/html.
            return FoundFeed(url, _parse(response))
        except FeedError:
            raise FeedError("a web page that advertises no feed") from None
    problems = []
    for link in links[:MAX_ADVERTISED]:
        try:
            return FoundFeed(link, _parse(await _get(client, link, limits, trusted)), page=url)
        except FeedError as error:
            problems.append(f"{link}: {error}")
    raise FeedError(f"the page's feed could not be read ({problems[0]})")


async def find_feed_async(url: str, *, limits: FetchLimits | None = None) -> FoundFeed:
    """Fetch `url` and read it as a feed, following a web page to the feed it advertises."""
    url = url.strip()
    if not is_fetchable(url):
        raise FeedError(REFUSED_SCHEME)
    limits = limits or FetchLimits()
    # The user typed this URL: its host may be their own server on a private address.
    trusted = frozenset({host_key(url)})
    async with make_client(limits) as client:
        response = await _get(client, url, limits, trusted)
        if looks_like_html(response.body, response.headers.get("content-type")):
            return await _from_page(client, url, response, limits, trusted)
        return FoundFeed(url, await asyncio.to_thread(_parse, response))


def find_feed(url: str, *, limits: FetchLimits | None = None) -> FoundFeed:
    """`find_feed_async` for synchronous code (runs its own event loop)."""
    return asyncio.run(find_feed_async(url, limits=limits))


def _already(feeds: list[Subscription], url: str) -> bool:
    """True when `url` is among the subscriptions (a trailing slash aside)."""
    try:
        find_subscription(feeds, url)
    except FeedError:
        return False
    return True


def add_feed(
    url: str,
    *,
    full_text: str = "auto",
    title: str | None = None,
    folder: str | None = None,
    limits: FetchLimits | None = None,
) -> tuple[Subscription, FoundFeed]:
    """Subscribe to the feed at `url` (or the one its page advertises) and save the file.

    The title defaults to the feed's own, the folder to the title's slug.
    Raises FeedError when the feed cannot be read or is already subscribed.
    """
    feeds = load_subscriptions()
    make_subscription(url, title, folder, full_text)  # settings checked before any fetch
    if _already(feeds, url.strip()):
        raise FeedError(f"already subscribed to {url.strip()}")
    found = find_feed(url, limits=limits)
    if _already(feeds, found.url):
        raise FeedError(f"already subscribed to {found.url}")
    feed = make_subscription(found.url, title or found.feed.title, folder, full_text)
    save_subscriptions([*feeds, feed])
    return feed, found


def remove_feed(url_or_number: str) -> Subscription:
    """Unsubscribe from a feed named by URL or list number; its articles stay in the library."""
    feeds = load_subscriptions()
    removed = feeds.pop(find_subscription(feeds, url_or_number))
    save_subscriptions(feeds)
    state = load_fetch_state()
    state.forget(removed.url)
    state.save()
    return removed


@dataclass(slots=True)
class ImportResult:
    """What an OPML import did: feeds added, already there, and outlines skipped with reasons."""

    added: list[Subscription] = field(default_factory=list)
    existing: list[Subscription] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def import_opml(data: bytes) -> ImportResult:
    """Add the feeds of an OPML document (nothing is fetched) and save the file."""
    imported = parse_opml(data)
    feeds = load_subscriptions()
    result = ImportResult(skipped=list(imported.skipped))
    for feed in imported.feeds:
        if _already(feeds, feed.url):
            result.existing.append(feed)
        else:
            feeds.append(feed)
            result.added.append(feed)
    if result.added:
        save_subscriptions(feeds)
    return result
