"""Input formats: bytes in, one clean `Article` out.

Decoding and sanitising happen once, here, so nothing a file holds reaches
the terminal as a control character, an escape sequence or Rich markup.
"""

from __future__ import annotations

from pathlib import Path

from reader.model import Article

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown")
MAX_BYTES = 5 * 1024 * 1024
"""Files are read up to this size; the rest is left out, with a note in the article."""


class ArticleError(Exception):
    """A file that cannot be read as an article; `str(error)` is the reason in plain words."""


def parse_bytes(data: bytes, *, suffix: str) -> Article:
    """Parse the bytes of a file with the given suffix (".txt", ".md") into an Article.

    Raises ArticleError for empty or binary data.
    """
    raise NotImplementedError


def read_article(path: Path) -> Article:
    """Read and parse one article file, never modifying it.

    Raises ArticleError with a plain reason for a file that is missing, a
    directory, unreadable, empty or binary.
    """
    raise NotImplementedError
