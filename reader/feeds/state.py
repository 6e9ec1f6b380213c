"""Per-feed fetch state: validators for conditional GET, the last result, and the entries seen.

Kept in `feeds-state.json` in the state folder (`reader.library.state.state_dir`,
`READER_STATE_DIR` in tests), apart from the hand-edited subscriptions file.
Losing it is harmless: the next fetch downloads every feed in full, and
`write_article` still stores each entry once. The `seen` keys (entry ids
and normalised links) let a fetch skip entries it has already stored
without fetching their pages again; each feed keeps its most recent
`SEEN_LIMIT`. A damaged file is read as empty and replaced on the next save.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from reader.feeds.subscriptions import write_atomically
from reader.library.state import state_dir

STATE_FILE = "feeds-state.json"
SEEN_LIMIT = 5000
"""How many entry keys a feed remembers; feeds list far fewer entries than this at once."""


@dataclass(slots=True)
class FeedState:
    """What the last fetch of one feed left behind."""

    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    """sha256 of the last body read, so a server without validators still costs no parse."""
    checked: str | None = None
    """When the feed was last fetched (ISO 8601, UTC)."""
    result: str | None = None
    """The last fetch's outcome in plain words ("3 new", "unchanged", or the error)."""
    failed: bool = False
    seen: list[str] = field(default_factory=list)


def normalise_link(url: str) -> str:
    """A link as used to recognise the same page: lower-case scheme and host, no fragment."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def _feed_state(raw: object) -> FeedState:
    """A FeedState from its JSON form, ignoring values of the wrong type."""
    if not isinstance(raw, dict):
        return FeedState()
    state = FeedState()
    for name in ("etag", "last_modified", "body_hash", "checked", "result"):
        value = raw.get(name)
        if isinstance(value, str):
            setattr(state, name, value)
    state.failed = raw.get("failed") is True
    seen = raw.get("seen")
    if isinstance(seen, list):
        state.seen = [key for key in seen if isinstance(key, str)]
    return state


class FetchState:
    """The fetch state of every feed, loaded from and saved to one JSON file."""

    def __init__(self, path: Path, feeds: dict[str, FeedState] | None = None) -> None:
        self.path = path
        self.feeds: dict[str, FeedState] = feeds or {}
        self._seen: set[str] = {key for state in self.feeds.values() for key in state.seen}

    def of(self, url: str) -> FeedState:
        """The state of the feed at `url`, created empty on first use."""
        return self.feeds.setdefault(url, FeedState())

    def is_seen(self, *keys: str | None) -> bool:
        """True when any of the keys was recorded by any feed."""
        return any(key in self._seen for key in keys if key)

    def remember(self, url: str, *keys: str | None) -> None:
        """Record entry keys as seen by the feed at `url` (most recent last, capped)."""
        state = self.of(url)
        for key in keys:
            if key and key not in self._seen:
                self._seen.add(key)
                state.seen.append(key)
        if len(state.seen) > SEEN_LIMIT:
            del state.seen[: len(state.seen) - SEEN_LIMIT]

    def forget(self, url: str) -> None:
        """Drop a feed's state (after it is unsubscribed)."""
        self.feeds.pop(url, None)
        self._seen = {key for state in self.feeds.values() for key in state.seen}

    def save(self) -> None:
        """Write the state file atomically; FeedError when it cannot be written."""
        data: dict[str, Any] = {
            "version": 1,
            "feeds": {url: asdict(state) for url, state in self.feeds.items()},
        }
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def fetch_state_path() -> Path:
    """The fetch state file in the state folder."""
    return state_dir() / STATE_FILE


def load_fetch_state(path: Path | None = None) -> FetchState:
    """The saved fetch state; empty when the file is missing or damaged."""
    path = path or fetch_state_path()
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return FetchState(path)
    feeds = document.get("feeds") if isinstance(document, dict) else None
    if not isinstance(feeds, dict):
        return FetchState(path)
    return FetchState(path, {url: _feed_state(raw) for url, raw in feeds.items()})
