"""The one error the feed modules raise for bad input, with a reason in plain words."""

from __future__ import annotations


class FeedError(Exception):
    """A feed, OPML file or subscription that cannot be used; `str(error)` says why."""
