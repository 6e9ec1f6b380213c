"""The one error the formats raise, in its own module so every format can import it."""

from __future__ import annotations


class ArticleError(Exception):
    """A file that cannot be read as an article; `str(error)` is the reason in plain words."""
