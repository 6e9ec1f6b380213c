"""How many requests a feed fetch has in flight: `CONCURRENCY` in all, `PER_HOST` per host."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from reader.feeds.urls import host_of

__all__ = ["CONCURRENCY", "PER_HOST", "Limiter"]

CONCURRENCY = 8
"""Requests in flight at once, over all hosts."""
PER_HOST = 2
"""Requests in flight at once to any one host."""


class Limiter:
    """Bounds requests: `total` at once, and `per_host` at once to any one host."""

    def __init__(self, total: int = CONCURRENCY, per_host: int = PER_HOST) -> None:
        self._total = asyncio.Semaphore(max(1, total))
        self._per_host = max(1, per_host)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    @contextlib.asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        """Hold a request slot for `url`: the host's first, so a busy host blocks no other."""
        host = self._hosts.setdefault(host_of(url), asyncio.Semaphore(self._per_host))
        async with host, self._total:
            yield
