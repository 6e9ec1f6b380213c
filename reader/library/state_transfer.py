"""The JSON form of the user's state, for `reader state export` and `import`.

Pure data: this module builds and checks the JSON; `reader.library.state`
reads and writes the SQLite file. The format, version 1:

    {
      "broadsheet_state": 1,
      "exported_at": 1764150000.0,
      "articles": [
        {"path": "/home/ana/news/ferry.md", "hash": "<64 hex digits: sha256 of the file>",
         "read": true, "starred": false, "position": 0.25, "updated": 1764149000.0}
      ],
      "settings": {"selected": {"path": "/home/ana/news/ferry.md", "hash": "..."}}
    }

`position` is how far into the article the reader had scrolled, as a
fraction from 0 (top) to 1 (end), or null; `updated` and `exported_at` are
seconds since the epoch. An article's `read`, `starred`, `position` and
`updated` may be left out (unread, not starred, no position, 0).
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from typing import Any

FORMAT_KEY = "broadsheet_state"
"""The top-level key that marks a Broadsheet state export; its value is the format version."""

FORMAT_VERSION = 1

_HASH = re.compile(r"[0-9a-f]{64}")


class StateError(Exception):
    """The state file cannot be used (unwritable folder, locked too long, newer schema)."""


class StateFormatError(StateError, ValueError):
    """JSON given to import is not a Broadsheet state export; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Record:
    """One article's state as it is exported and imported."""

    path: str
    hash: str
    read: bool = False
    starred: bool = False
    position: float | None = None
    updated: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """The record as one entry of the export's "articles" list."""
        return {
            "path": self.path,
            "hash": self.hash,
            "read": self.read,
            "starred": self.starred,
            "position": self.position,
            "updated": self.updated,
        }


def is_hash(text: str) -> bool:
    """True for a content hash as the store keeps it: 64 lowercase hexadecimal digits."""
    return _HASH.fullmatch(text) is not None


def check_position(position: float) -> float:
    """A reading position, checked: a finite fraction from 0 to 1 (ValueError otherwise)."""
    if isinstance(position, bool) or not isinstance(position, int | float):
        raise ValueError(f"position must be a number from 0 to 1, not {position!r}")
    if not math.isfinite(position) or not 0.0 <= position <= 1.0:
        raise ValueError(f"position must be a fraction from 0 to 1, not {position!r}")
    return float(position)


def build_export(records: list[Record], settings: dict[str, Any], now: float) -> dict[str, Any]:
    """The whole export as a JSON-ready dict."""
    return {
        FORMAT_KEY: FORMAT_VERSION,
        "exported_at": now,
        "articles": [record.to_json() for record in records],
        "settings": dict(settings),
    }


def parse_export(data: object) -> tuple[list[Record], dict[str, Any]]:
    """The records and settings of an export, checked in full before anything is written.

    Raises StateFormatError naming the first problem, such as
    `articles[3].hash: expected 64 hexadecimal digits`.
    """
    if not isinstance(data, dict):
        raise StateFormatError(
            f"not a Broadsheet state export (expected a JSON object, found {_kind(data)})"
        )
    version = data.get(FORMAT_KEY)
    if version is None:
        raise StateFormatError(f'not a Broadsheet state export (no "{FORMAT_KEY}" key)')
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise StateFormatError(f"{FORMAT_KEY}: expected a format number, found {version!r}")
    if version > FORMAT_VERSION:
        raise StateFormatError(
            f"written by a newer Broadsheet (format {version}; this one reads {FORMAT_VERSION})"
        )
    articles = data.get("articles", [])
    if not isinstance(articles, list):
        raise StateFormatError(f"articles: expected a list, found {_kind(articles)}")
    records = [_record(entry, f"articles[{index}]") for index, entry in enumerate(articles)]
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise StateFormatError(f"settings: expected an object, found {_kind(settings)}")
    try:  # stored as JSON text: NaN and Infinity would not read back
        json.dumps(settings, allow_nan=False)
    except ValueError as error:
        raise StateFormatError(f"settings: {error}") from None
    return records, settings


def _record(entry: object, where: str) -> Record:
    """One checked article entry; `where` names it in error messages."""
    if not isinstance(entry, dict):
        raise StateFormatError(f"{where}: expected an object, found {_kind(entry)}")
    path = entry.get("path")
    if not isinstance(path, str) or not path or "\0" in path or not os.path.isabs(path):
        raise StateFormatError(f"{where}.path: expected an absolute path, found {path!r}")
    digest = entry.get("hash")
    if not isinstance(digest, str) or not is_hash(digest.lower()):
        raise StateFormatError(f"{where}.hash: expected 64 hexadecimal digits, found {digest!r}")
    flags = {name: entry.get(name, False) for name in ("read", "starred")}
    for name, value in flags.items():
        if not isinstance(value, bool):
            raise StateFormatError(f"{where}.{name}: expected true or false, found {value!r}")
    position = entry.get("position")
    if position is not None:
        try:
            position = check_position(position)
        except ValueError as error:
            raise StateFormatError(f"{where}.position: {error}") from None
    updated = entry.get("updated", 0.0)
    if (
        isinstance(updated, bool)
        or not isinstance(updated, int | float)
        or not math.isfinite(updated)
    ):
        raise StateFormatError(f"{where}.updated: expected seconds since 1970, found {updated!r}")
    return Record(
        path=path,
        hash=digest.lower(),
        read=flags["read"],
        starred=flags["starred"],
        position=position,
        updated=float(updated),
    )


def _kind(value: object) -> str:
    """A JSON value's kind in plain words, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"
