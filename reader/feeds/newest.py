"""The cap on new entries per feed per fetch: the newest few hundred, the rest left for later.

A feed may list 100,000 entries; writing them all would keep one fetch busy
for most of an hour. Each fetch takes at most `MAX_NEW_ENTRIES` unseen
entries of a feed, the newest by their published date (entries without one
count as newest in the order the feed lists them, which is newest first in
practice). The others stay unseen, so the next fetch takes the next batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from reader.feeds.model import FeedEntry

__all__ = ["MAX_NEW_ENTRIES", "left_for_later", "newest"]

MAX_NEW_ENTRIES = 200
"""New entries written per feed in one fetch, unless `reader fetch --max-entries` says otherwise."""

Item = TypeVar("Item")


def newest(items: Sequence[tuple[FeedEntry, Item]], limit: int) -> list[tuple[FeedEntry, Item]]:
    """At most `limit` of `items` (in feed order), the newest ones, still in feed order.

    Dates compare as the ISO 8601 text the parser stores; entries without a
    date are kept first (a feed lists its newest entries first).
    """
    if len(items) <= limit:
        return list(items)
    undated = [at for at, (entry, _) in enumerate(items) if entry.published is None]
    dated = sorted(
        (at for at, (entry, _) in enumerate(items) if entry.published is not None),
        key=lambda at: (items[at][0].published or "", -at),
        reverse=True,
    )
    kept = sorted((undated + dated)[:limit])
    return [items[at] for at in kept]


def left_for_later(count: int, limit: int) -> str:
    """The warning for entries over the cap."""
    entries = "entry" if count == 1 else "entries"
    return (
        f"{count} older {entries} left for the next fetch "
        f"(at most {limit} new per feed each time; reader fetch --max-entries N)"
    )
