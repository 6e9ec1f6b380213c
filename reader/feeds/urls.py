"""URL checks shared by the feed code: only http and https are ever fetched."""

from __future__ import annotations

from urllib.parse import urlsplit

FETCHABLE_SCHEMES = ("http", "https")


def is_fetchable(url: str | None) -> bool:
    """True for an absolute http(s) URL with a host; `file:`, `data:` and the rest are refused."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in FETCHABLE_SCHEMES and bool(parts.hostname)


def host_of(url: str) -> str:
    """The lower-case host (with a non-default port) a URL's requests go to, for per-host limits."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    return f"{host}:{port}" if port else host
