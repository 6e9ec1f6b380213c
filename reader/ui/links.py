"""The article's link: which ones the reader opens or copies, and how (`o`, `y`).

Kept apart from the screen whose keys use them, so the rules can be tested
alone.
"""

from __future__ import annotations

import os
import sys

from textual.app import App

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


def open_link(app: App[object], summary: Summary | None) -> None:
    """Open the article's web page in the browser (or copy it, with no browser here)."""
    url = web_address(summary)
    if url is None:
        app.notify("This article has no web address.", title="Open", markup=False)
    elif has_graphical_browser():
        app.open_url(url)
        app.notify(f"Opening {url}", title="Open", markup=False)
    else:
        app.copy_to_clipboard(url)
        app.notify(
            f"No graphical browser here; copied the address instead:\n{url}",
            title="Open",
            markup=False,
        )


def copy_link(app: App[object], summary: Summary | None) -> None:
    """Copy the article's web address to the clipboard (OSC 52)."""
    url = web_address(summary)
    if url is None:
        app.notify("This article has no web address.", title="Copy", markup=False)
        return
    app.copy_to_clipboard(url)
    app.notify(f"Copied (where the terminal allows OSC 52):\n{url}", title="Copy", markup=False)
