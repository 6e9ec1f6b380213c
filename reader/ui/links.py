"""Which article links the reader opens or copies, and whether a browser may open.

Kept apart from the keys that use them (`o`, `y`), so the rules can be
tested alone and the keys can move to the screen that will own them.
"""

from __future__ import annotations

import os
import sys

from reader.library.summary import Summary

WEB_SCHEMES = ("http://", "https://")
"""Only links with these schemes are opened or copied: an article's URL is data."""


def web_address(summary: Summary | None) -> str | None:
    """The article's web address from its list row, when it is one we may open."""
    url = (summary.url or "") if summary is not None else ""
    return url if url.lower().startswith(WEB_SCHEMES) else None


def has_graphical_browser() -> bool:
    """True when a browser can open without taking over this terminal.

    On Linux without a display, Python's `webbrowser` falls back to text
    browsers (lynx, w3m) that would draw over the reader. $BROWSER is the
    user's explicit choice and is trusted.
    """
    if os.environ.get("BROWSER") or sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
