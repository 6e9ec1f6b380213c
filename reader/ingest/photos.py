"""Downloading an article's photo, once, into the photo cache.

    path = fetch_photo("https://example.com/ferry.jpg")          # Path, or None
    path = await fetch_photo_async(client, url)                  # same, in an event loop
    path = get_photo(url)               # Path, or PhotoError saying why not

The importers (web pages, feeds) call these with the lead photo's URL and
write the returned path into the Markdown article. A photo already in the
cache is returned without any request. Only http and https URLs are fetched;
the body stops at `PHOTO_LIMITS.max_bytes` (5 MB); what arrives must be a
PNG, JPEG, GIF or WebP image by its bytes (see `reader.ingest.photo_files`),
whatever its name or Content-Type says.

Errors: `fetch_photo` and `fetch_photo_async` return None on any failure,
for callers for whom a missing photo is no reason to stop; `get_photo` and
`get_photo_async` raise `PhotoError` whose text is the reason in plain words
("HTTP 404 Not Found", "not a photo (PNG, JPEG, GIF or WebP)").
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from pathlib import Path

import httpx

from reader.ingest.http import FetchError, FetchLimits, check_url, fetch, make_client
from reader.ingest.photo_files import PhotoError, cached_photo, store_photo

__all__ = [
    "PHOTO_LIMITS",
    "PhotoError",
    "fetch_photo",
    "fetch_photo_async",
    "get_photo",
    "get_photo_async",
]

PHOTO_LIMITS = FetchLimits(max_bytes=5 * 1024 * 1024)
"""The default bounds of a photo download: 5 MB, the usual timeout and redirects."""


def _checked_url(url: str) -> str:
    """`url` stripped when it may be fetched (http or https with a host), else PhotoError."""
    try:
        return check_url(url)
    except FetchError as error:
        raise PhotoError(str(error)) from None


async def get_photo_async(
    client: httpx.AsyncClient,
    url: str,
    *,
    cache_dir: Path | None = None,
    limits: FetchLimits = PHOTO_LIMITS,
    trusted_hosts: Collection[str] = (),
) -> Path:
    """The cached file of the photo at `url`, downloading it with `client` if need be.

    `client` comes from `reader.ingest.http.make_client`; `trusted_hosts`
    may be on private addresses (see `reader.ingest.http.fetch`). Raises PhotoError
    with a plain reason for a refused URL, a failed or oversize download, or
    a body that is not a photo.
    """
    url = _checked_url(url)
    cached = cached_photo(url, cache_dir)
    if cached is not None:
        return cached
    try:
        response = await fetch(client, url, limits=limits, trusted_hosts=trusted_hosts)
    except FetchError as error:
        raise PhotoError(str(error)) from None
    # Decoding a large photo to check it takes a while: keep the event loop free.
    return await asyncio.to_thread(store_photo, url, response.body, cache_dir)


def get_photo(
    url: str,
    *,
    cache_dir: Path | None = None,
    limits: FetchLimits = PHOTO_LIMITS,
    trusted_hosts: Collection[str] = (),
) -> Path:
    """`get_photo_async` for synchronous code (runs its own event loop); raises PhotoError.

    A cached photo is returned at once, without starting a loop or a client.
    Not for use inside a running event loop: call `get_photo_async` there.
    """
    url = _checked_url(url)
    cached = cached_photo(url, cache_dir)
    if cached is not None:
        return cached

    async def run() -> Path:
        async with make_client(limits) as client:
            return await get_photo_async(
                client, url, cache_dir=cache_dir, limits=limits, trusted_hosts=trusted_hosts
            )

    return asyncio.run(run())


async def fetch_photo_async(
    client: httpx.AsyncClient,
    url: str,
    *,
    cache_dir: Path | None = None,
    limits: FetchLimits = PHOTO_LIMITS,
    trusted_hosts: Collection[str] = (),
) -> Path | None:
    """The cached file of the photo at `url` (downloaded with `client` if need be), or None.

    None means the photo could not be had, for any reason; `get_photo_async`
    says which.
    """
    try:
        return await get_photo_async(
            client, url, cache_dir=cache_dir, limits=limits, trusted_hosts=trusted_hosts
        )
    except PhotoError:
        return None


def fetch_photo(
    url: str,
    *,
    cache_dir: Path | None = None,
    limits: FetchLimits = PHOTO_LIMITS,
    trusted_hosts: Collection[str] = (),
) -> Path | None:
    """The cached file of the photo at `url`, downloading it if need be, or None on failure.

    Synchronous (see `get_photo`); `get_photo` gives the reason for a None.
    """
    try:
        return get_photo(url, cache_dir=cache_dir, limits=limits, trusted_hosts=trusted_hosts)
    except PhotoError:
        return None
