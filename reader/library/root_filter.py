"""Which indexed rows lie under some roots: a WHERE clause on the stored path.

A folder's rows are one range of the path index ("folder/" up to "folder0"),
so a few roots filter in SQL; many roots (files named one by one) are
filtered in Python instead.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader.library.roots import root_prefixes

MAX_ROOT_TERMS = 64
"""With more roots than this (files named one by one), rows are filtered in Python."""


def filters(
    roots: Sequence[Path] | None, section: str | None, source: str | None
) -> tuple[str, list[Any], list[str] | None]:
    """A WHERE clause (a section, a source, some roots) and its parameters; the root
    prefixes left to filter in Python (else None)."""
    terms: list[str] = []
    params: list[Any] = []
    if section is not None:
        terms.append("section = ?")
        params.append(section)
    if source is not None:
        terms.append("source = ?")
        params.append(source)
    leftover: list[str] | None = None
    if roots is not None:
        prefixes = root_prefixes(roots)
        if len(prefixes) > MAX_ROOT_TERMS:
            leftover = prefixes
        else:
            ranges = []
            for prefix in prefixes:
                folder = prefix.rstrip(os.sep)
                # Everything under "folder/" sorts between "folder/" and "folder0".
                ranges.append("(path = ? OR (path >= ? AND path < ?))")
                params.extend([prefix, folder + os.sep, folder + chr(ord(os.sep) + 1)])
            terms.append("(" + " OR ".join(ranges) + ")" if ranges else "0")
    where = " WHERE " + " AND ".join(terms) if terms else ""
    return where, params, leftover
