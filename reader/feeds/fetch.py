"""Update every subscribed feed at once and write each new entry into the library as an article.

    report = fetch_all(on_progress=show)          # from a CLI, or a TUI worker thread
    report = await fetch_all_async(...)           # inside an event loop

Requests go through `reader.ingest.http` (http/https only, checked
redirects, size cap, timeout) on one shared client, at most `concurrency`
at once and `per_host` to any one host; a feed's request carries the etag
and last-modified of its last fetch, and a 304 (or the same bytes again)
writes nothing. New entries become articles (`reader.feeds.entry_article`); a
summary-only entry's page is fetched and extracted as its feed's
`full_text` setting says, keeping the entry's own content when that fails.
Entries already seen (by any feed: `reader.feeds.state`) are skipped before
any page is fetched, and `write_article`'s ledger stores each article once
(same key, URL or content). An entry the user deleted from the library is
not brought back while the feed still lists it.

One feed failing, even with an unexpected error, never stops the others:
its FeedResult carries the reason. Progress callbacks run on the thread
running the event loop (a TUI posts them on with `call_from_thread`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import httpx

from reader.errors import unexpected
from reader.feeds.entry_article import entry_article, needs_full_text
from reader.feeds.errors import FeedError
from reader.feeds.limiter import CONCURRENCY, PER_HOST, Limiter
from reader.feeds.model import FeedEntry, ParsedFeed
from reader.feeds.newest import MAX_NEW_ENTRIES, left_for_later, newest
from reader.feeds.pages import full_text_article, lead_photo
from reader.feeds.parse import parse_feed
from reader.feeds.progress import FeedProgress, FeedResult, FetchReport, ProgressKind
from reader.feeds.state import FetchState, load_fetch_state, normalise_link
from reader.feeds.subscriptions import Subscription, load_subscriptions
from reader.ingest.http import FetchError, FetchLimits, fetch, host_key, make_client
from reader.ingest.write import find_added, safe_folder, write_article
from reader.library.files import default_library_dir

__all__ = ["FeedProgress", "FeedResult", "FetchReport", "fetch_all", "fetch_all_async"]

ProgressCallback = Callable[[FeedProgress], None]


def entry_key(feed_url: str, entry: FeedEntry) -> str | None:
    """The key an entry is stored under: its id, scoped to the feed unless it is a URI.

    RSS guids such as "42" are unique only within their feed; Atom ids and
    URL-like guids are global, so the same entry in two feeds shares its key.
    """
    if entry.id:
        return entry.id if ":" in entry.id else f"{feed_url} {entry.id}"
    return entry.link


@dataclass
class _Run:
    """One fetch of a set of feeds: the shared client, limits, state and progress."""

    client: httpx.AsyncClient
    limits: FetchLimits
    limiter: Limiter
    state: FetchState
    library_dir: Path
    total: int
    on_progress: ProgressCallback | None = None
    cancel: threading.Event | None = None
    photos: bool = True
    max_entries: int = MAX_NEW_ENTRIES
    done: int = 0
    claimed: set[str] = field(default_factory=set)
    write_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def cancelled(self) -> bool:
        """True once the caller asked the fetch to stop."""
        return self.cancel is not None and self.cancel.is_set()

    def emit(
        self,
        kind: ProgressKind,
        index: int,
        feed: Subscription,
        *,
        path: Path | None = None,
        result: FeedResult | None = None,
        planned: int | None = None,
    ) -> None:
        """Tell the caller about one step."""
        if self.on_progress is not None:
            step = FeedProgress(
                kind,
                feed.url,
                feed.title,
                index,
                self.done,
                self.total,
                path=path,
                result=result,
                planned=planned,
            )
            self.on_progress(step)

    async def feed(self, index: int, feed: Subscription) -> FeedResult:
        """Fetch one feed and write its new entries; never raises."""
        self.emit("started", index, feed)
        try:
            result = await self._feed(index, feed)
        except Exception as error:  # one feed's surprise must not stop the others
            result = FeedResult(feed.url, feed.title, error=unexpected(error))
        saved = self.state.of(feed.url)
        saved.checked = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        saved.result = result.message
        saved.failed = result.failed
        self.done += 1
        self.emit("finished", index, feed, result=result)
        return result

    async def _feed(self, index: int, feed: Subscription) -> FeedResult:
        """Fetch, parse and store one feed."""
        if self.cancelled():
            return FeedResult(feed.url, feed.title, cancelled=True)
        saved = self.state.of(feed.url)
        try:
            async with self.limiter.slot(feed.url):
                response = await fetch(
                    self.client,
                    feed.url,
                    limits=self.limits,
                    etag=saved.etag,
                    last_modified=saved.last_modified,
                    trusted_hosts=_trusted(feed),
                )
        except FetchError as error:
            return FeedResult(feed.url, feed.title, error=str(error))
        if response.not_modified:
            return FeedResult(feed.url, feed.title, unchanged=True)
        digest = hashlib.sha256(response.body).hexdigest()
        if digest == saved.body_hash:
            saved.etag, saved.last_modified = response.etag, response.last_modified
            return FeedResult(feed.url, feed.title, unchanged=True)
        try:
            parsed = await asyncio.to_thread(
                parse_feed,
                response.body,
                url=response.url,
                content_type=response.headers.get("content-type"),
            )
        except FeedError as error:
            return FeedResult(feed.url, feed.title, error=str(error))
        new, warnings, complete = await self._entries(index, feed, parsed)
        if complete:
            # Only a fully stored feed is skipped next time it is unchanged.
            saved.etag, saved.last_modified = response.etag, response.last_modified
            saved.body_hash = digest
        return FeedResult(
            feed.url,
            feed.title,
            new=tuple(new),
            warnings=(*parsed.warnings, *warnings),
            cancelled=self.cancelled(),
        )

    async def _entries(
        self, index: int, feed: Subscription, parsed: ParsedFeed
    ) -> tuple[list[Path], list[str], bool]:
        """Store the unseen entries: (new paths, warnings, whether every entry was handled)."""
        unseen: list[tuple[FeedEntry, tuple[str, ...]]] = []
        taken: set[str] = set()
        for entry in parsed.entries:
            keys = tuple(k for k in (entry_key(feed.url, entry), _link_key(entry)) if k)
            if self.state.is_seen(*keys) or any(k in self.claimed or k in taken for k in keys):
                continue
            taken.update(keys)
            unseen.append((entry, keys))
        # Oldest first, so files are written (and listed) in the order they were published.
        todo = list(reversed(newest(unseen, self.max_entries)))
        for _entry, keys in todo:
            self.claimed.update(keys)
        self.emit("planned", index, feed, planned=len(todo))
        new: list[Path] = []
        problems: list[str] = []
        full_text_failures: list[str] = []
        await asyncio.gather(
            *(
                self._entry(index, feed, entry, keys, new, problems, full_text_failures)
                for entry, keys in todo
            )
        )
        warnings = list(problems)
        if len(unseen) > len(todo):
            warnings.append(left_for_later(len(unseen) - len(todo), self.max_entries))
        if full_text_failures:
            count = len(full_text_failures)
            pages = "page" if count == 1 else "pages"
            warnings.append(
                f"{count} {pages} could not be read in full, the feed's text was kept: "
                + "; ".join(full_text_failures)
            )
        complete = not problems and len(unseen) == len(todo) and not self.cancelled()
        return new, warnings, complete

    async def _entry(
        self,
        index: int,
        feed: Subscription,
        entry: FeedEntry,
        keys: tuple[str, ...],
        new: list[Path],
        problems: list[str],
        full_text_failures: list[str],
    ) -> None:
        """Make one entry's article (its page's text if wanted) and write it once; never raises."""
        try:
            await self._store(index, feed, entry, keys, new, problems, full_text_failures)
        except Exception as error:  # one entry's surprise must not lose the feed's others
            name = entry.title or entry.link or "an entry"
            problems.append(f"{name}: {unexpected(error)}")

    async def _store(
        self,
        index: int,
        feed: Subscription,
        entry: FeedEntry,
        keys: tuple[str, ...],
        new: list[Path],
        problems: list[str],
        full_text_failures: list[str],
    ) -> None:
        """Make one entry's article and write it (see `_entry`)."""
        if self.cancelled():
            return
        key = keys[0] if keys else None
        # The ledger knows the entry even when the fetch state was lost: no page fetch then.
        if await asyncio.to_thread(find_added, self.library_dir, url=entry.link, key=key):
            self.state.remember(feed.url, *keys)
            return
        article = entry_article(entry, feed.title)
        page_photo = None
        page_urls: tuple[str, ...] = ()
        if needs_full_text(entry, feed.full_text):
            fetch_page = partial(self._fetch_page, trusted=_trusted(feed))
            page = await full_text_article(fetch_page, article, entry)
            article, page_photo, page_urls = page.article, page.photo, page.urls
            if page.failure is not None:
                full_text_failures.append(page.failure)
        folder = feed.folder
        destination = safe_folder(self.library_dir, folder)
        fetch_photo = partial(self._fetch_photo, trusted=_trusted(feed))
        photo = await lead_photo(fetch_photo, entry, article, page_photo, destination)
        if self.cancelled():
            return
        try:
            async with self.write_lock:
                written = await asyncio.to_thread(
                    write_article,
                    self.library_dir,
                    article,
                    folder=folder,
                    photo=photo,
                    key=key,
                    also_urls=page_urls,
                    page_text=bool(page_urls),
                )
        except OSError as error:
            problems.append(f"could not write {article.headline!r}: {error.strerror or error}")
            return
        self.state.remember(feed.url, *keys)
        if written.created:
            new.append(written.path)
            self.emit("article", index, feed, path=written.path)

    async def _fetch_page(
        self, url: str, *, trusted: frozenset[str]
    ) -> tuple[str, bytes, str | None]:
        """Fetch an article page within the limits: (final URL, body, content type)."""
        async with self.limiter.slot(url):
            response = await fetch(self.client, url, limits=self.limits, trusted_hosts=trusted)
        return response.url, response.body, response.headers.get("content-type")

    async def _fetch_photo(self, url: str, *, trusted: frozenset[str]) -> Path | None:
        """The cached photo at `url`, downloaded within the limits, or None."""
        if not self.photos:
            return None
        from reader.ingest.photos import fetch_photo_async

        async with self.limiter.slot(url):
            return await fetch_photo_async(self.client, url, trusted_hosts=trusted)


def _trusted(feed: Subscription) -> frozenset[str]:
    """The hosts a feed's fetches may find on a private address: the feed's own.

    The user subscribed to that host, so it may be their own server; a host
    the feed's documents name (a redirect, an entry's page or photo) is not.
    """
    return frozenset({host_key(feed.url)})


def _link_key(entry: FeedEntry) -> str | None:
    """The entry's normalised link, which finds the same article in another feed."""
    return normalise_link(entry.link) if entry.link else None


async def fetch_all_async(
    feeds: Sequence[Subscription] | None = None,
    *,
    library_dir: Path | None = None,
    limits: FetchLimits | None = None,
    concurrency: int = CONCURRENCY,
    per_host: int = PER_HOST,
    state: FetchState | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    photos: bool = True,
    max_entries: int = MAX_NEW_ENTRIES,
) -> FetchReport:
    """Fetch `feeds` (default: the user's subscriptions) and write their new entries.

    `library_dir` defaults to the user's library; `limits` to 10 MB, 20 s
    and 5 redirects per request. At most `max_entries` new entries of each
    feed are written, the newest (`reader.feeds.newest`). `on_progress` is called for each step (see
    FeedProgress). Setting `cancel` stops the fetch soon: requests in flight
    finish, nothing more starts. The fetch state is saved at the end.
    Raises FeedError only when the subscriptions file cannot be read.
    """
    chosen = list(feeds) if feeds is not None else load_subscriptions()
    limits = limits or FetchLimits()
    state = state or load_fetch_state()
    async with make_client(limits) as client:
        run = _Run(
            client=client,
            limits=limits,
            limiter=Limiter(concurrency, per_host),
            state=state,
            library_dir=library_dir or default_library_dir(),
            total=len(chosen),
            on_progress=on_progress,
            cancel=cancel,
            photos=photos,
            max_entries=max(1, max_entries),
        )
        try:
            results = await asyncio.gather(*(run.feed(i, f) for i, f in enumerate(chosen)))
        finally:
            with contextlib.suppress(FeedError):
                state.save()
    return FetchReport(tuple(results))


def fetch_all(
    feeds: Sequence[Subscription] | None = None,
    *,
    library_dir: Path | None = None,
    limits: FetchLimits | None = None,
    concurrency: int = CONCURRENCY,
    per_host: int = PER_HOST,
    state: FetchState | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    photos: bool = True,
    max_entries: int = MAX_NEW_ENTRIES,
) -> FetchReport:
    """`fetch_all_async` for synchronous code: runs its own event loop (call it off the UI thread).

    Not for use inside a running event loop.
    """
    return asyncio.run(
        fetch_all_async(
            feeds,
            library_dir=library_dir,
            limits=limits,
            concurrency=concurrency,
            per_host=per_host,
            state=state,
            on_progress=on_progress,
            cancel=cancel,
            photos=photos,
            max_entries=max_entries,
        )
    )
