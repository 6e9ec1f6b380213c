"""What the index holds, as a check of the folders sees it: folder records and file keys.

A check compares each folder and file it meets with what the last one
stored. `Known` reads that from the index, folder by folder: all at once
for a full check (one query per table: 100,000 rows in a tenth of a second,
in the worker process that runs the check), or only the folders that
changed for a quick one (a range query on the path index each).

Paths here are spelled as the index stores them (`path_text.stored_path`).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

Key = tuple[int, int]
"""A file version: (size, mtime_ns)."""


@dataclass(frozen=True, slots=True)
class FolderRecord:
    """A folder as the last check left it."""

    mtime_ns: int
    """Its modification time then; -1 when it must be read again whatever it says."""
    entries: int
    """How many names it listed."""
    files: int
    """How many article files it held."""
    subfolders: tuple[str, ...]
    """The names of its subfolders."""

    def row(self, path: str) -> tuple[str, int, int, int, str]:
        """The `folders` table's row for this record of the folder `path`."""
        names = json.dumps(list(self.subfolders), ensure_ascii=False)
        return path, self.mtime_ns, self.entries, self.files, names


def split_key(path: str) -> tuple[str, str]:
    """A stored path's folder and name."""
    folder, _, name = path.rpartition(os.sep)
    return folder or os.sep, name


def below(folder: str) -> tuple[str, str]:
    """The bounds of the paths inside `folder`: every one sorts between them."""
    top = folder.rstrip(os.sep)
    return top + os.sep, top + chr(ord(os.sep) + 1)


def _group(rows: Iterable[tuple[str, int, int]]) -> dict[str, dict[str, Key]]:
    """Rows of (path, size, mtime_ns) as {folder: {name: (size, mtime_ns)}}."""
    grouped: dict[str, dict[str, Key]] = {}
    sep = os.sep
    for path, size, mtime_ns in rows:
        folder, _, name = path.rpartition(sep)  # inline: 100,000 rows in a full check
        held = grouped.get(folder or sep)
        if held is None:
            held = grouped[folder or sep] = {}
        held[name] = (size, mtime_ns)
    return grouped


class Known:
    """The index's folder records and file keys, read on demand (or all at once)."""

    def __init__(self, conn: sqlite3.Connection, *, everything: bool) -> None:
        """Read the folder records; with `everything`, every article's and failure's key too."""
        self._conn = conn
        self.folders: dict[str, FolderRecord] = {}
        for path, mtime_ns, entries, files, names in conn.execute(
            "SELECT path, mtime_ns, entries, files, subfolders FROM folders"
        ):
            subfolders = tuple(str(name) for name in json.loads(names))
            self.folders[path] = FolderRecord(mtime_ns, entries, files, subfolders)
        self._files: dict[str, dict[str, Key]] = {}
        self._failures: dict[str, dict[str, Key]] = {}
        self._reasons: dict[str, str] = {}
        self.everything = False
        """True when every key was read: folders not listed hold no files."""
        if everything:
            self.read_everything()

    def read_everything(self) -> None:
        """Read every article's and failure's key now (one query each, for a full check)."""
        conn = self._conn
        if not self.everything:
            self.everything = True
            self._files = _group(conn.execute("SELECT path, size, mtime_ns FROM articles"))
            failures = conn.execute("SELECT path, size, mtime_ns, reason FROM failures").fetchall()
            self._failures = _group((path, size, mtime) for path, size, mtime, _ in failures)
            self._reasons = {row[0]: row[3] for row in failures}

    def files(self, folder: str) -> dict[str, Key]:
        """The indexed articles directly in `folder`: {name: (size, mtime_ns)}."""
        return self._in(folder, "articles", self._files)

    def failures(self, folder: str) -> dict[str, Key]:
        """The files directly in `folder` that failed with that key: {name: key}."""
        return self._in(folder, "failures", self._failures)

    def article(self, folder: str, name: str) -> Key | None:
        """The key of the indexed article `name` in `folder`, if any."""
        return self._one(folder, name, "articles", self._files)

    def failure(self, folder: str, name: str) -> Key | None:
        """The key with which the file `name` in `folder` failed, if it did."""
        return self._one(folder, name, "failures", self._failures)

    def _one(
        self, folder: str, name: str, table: str, cache: dict[str, dict[str, Key]]
    ) -> Key | None:
        """One file's key, from its folder when that was read, else by a query of its own."""
        held = cache.get(folder)
        if held is not None or self.everything:
            return (held or {}).get(name)
        path = folder.rstrip(os.sep) + os.sep + name
        extra = ", reason" if table == "failures" else ""
        sql = f"SELECT size, mtime_ns{extra} FROM {table} WHERE path = ?"
        row = self._conn.execute(sql, (path,)).fetchone()
        if row is None:
            return None
        if table == "failures":
            self._reasons[path] = row[2]
        return int(row[0]), int(row[1])

    def reason(self, path: str) -> str:
        """Why the file at stored `path` failed (one of `failures`)."""
        return self._reasons.get(path, "")

    def folders_with_files(self) -> set[str]:
        """Every folder holding indexed files or failures (only with `everything`)."""
        return set(self._files) | set(self._failures)

    def _in(self, folder: str, table: str, cache: dict[str, dict[str, Key]]) -> dict[str, Key]:
        """The keys of a table's rows directly in `folder`, read once."""
        held = cache.get(folder)
        if held is not None or self.everything:
            return held or {}
        low, high = below(folder)
        # Only the folder's own files: no separator after its name.
        extra = ", reason" if table == "failures" else ""
        sql = (
            f"SELECT path, size, mtime_ns{extra} FROM {table}"
            " WHERE path >= ? AND path < ? AND instr(substr(path, ?), ?) = 0"
        )
        rows = self._conn.execute(sql, (low, high, len(low) + 1, os.sep)).fetchall()
        if table == "failures":
            self._reasons.update((row[0], row[3]) for row in rows)
        grouped = _group((row[0], row[1], row[2]) for row in rows)
        held = cache[folder] = grouped.get(folder, {})
        return held
