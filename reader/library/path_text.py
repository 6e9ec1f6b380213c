"""File paths as text SQLite can store, and back, for names that are not valid UTF-8.

Python spells the bytes of a non-UTF-8 file name as lone surrogates
(U+DC80-U+DCFF, the "surrogateescape" error handler), which SQLite's text
columns refuse. The index and the state store paths in this form instead:
each such surrogate becomes a private-use character of plane 16
(U+10FF80-U+10FFFF), which `file_path` turns back. Every other path is
stored exactly as it is.
"""

from __future__ import annotations

import re

__all__ = ["file_path", "stored_path"]

_SURROGATE_BASE = 0xDC00
_PRIVATE_BASE = 0x10FF00
_ESCAPED = re.compile("[\udc80-\udcff]")
_STORED = re.compile("[\U0010ff80-\U0010ffff]")


def stored_path(path: str) -> str:
    """`path` as the index and state store it: valid UTF-8 whatever the file's name."""
    if path.isascii():
        return path
    return _ESCAPED.sub(lambda m: chr(ord(m[0]) - _SURROGATE_BASE + _PRIVATE_BASE), path)


def file_path(stored: str) -> str:
    """The file-system path a `stored_path` came from."""
    if stored.isascii():
        return stored
    return _STORED.sub(lambda m: chr(ord(m[0]) - _PRIVATE_BASE + _SURROGATE_BASE), stored)
