"""The SQLite side of the user's state: schema, opening, and the queries `StateStore` runs.

Schema (version 1, kept in `PRAGMA user_version`):

    articles(id INTEGER PRIMARY KEY, path TEXT UNIQUE, hash TEXT (indexed),
             read 0/1, starred 0/1, position REAL 0..1 or NULL, updated REAL)
    settings(key TEXT PRIMARY KEY, value TEXT holding JSON)

A row exists only for an article the user has touched; every other article
is unread, not starred, with no saved position.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from reader.library.path_text import stored_path
from reader.library.state_transfer import Record, StateError

SCHEMA_VERSION = 1

Connection = sqlite3.Connection
Item = tuple["os.PathLike[str] | str", str]
"""An article as the store knows it: (path, content hash)."""

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS articles (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        hash TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
        starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
        position REAL CHECK (position IS NULL OR position BETWEEN 0 AND 1),
        updated REAL NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS articles_hash ON articles (hash)",
    "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    f"PRAGMA user_version = {SCHEMA_VERSION}",
)

_COLUMNS = "id, path, hash, read, starred, position, updated"

# SQLITE_CORRUPT and SQLITE_NOTADB: the file is damaged or not a database at all.
_DAMAGE_CODES = (11, 26)

_READ, _STARRED = 1, 2


class DamagedStateFile(Exception):
    """The state file is not a database, or fails SQLite's check; it must be moved aside."""


def path_key(path: os.PathLike[str] | str) -> str:
    """The form of a path the store keys articles by: absolute and normalised.

    No disk access, so it works for a file that has vanished.
    """
    return stored_path(os.path.abspath(os.fspath(path)))


@dataclass(frozen=True, slots=True)
class ArticleState:
    """One article's state: its marks and how far into it the reader got."""

    read: bool = False
    starred: bool = False
    position: float | None = None
    """A fraction of the article, 0 (top) to 1 (end), or None when never saved."""


@dataclass(frozen=True, slots=True)
class Row:
    """A row of the articles table."""

    id: int
    path: str
    hash: str
    read: int
    starred: int
    position: float | None
    updated: float

    @property
    def state(self) -> ArticleState:
        """The row's state, for callers that do not care about keys."""
        return ArticleState(bool(self.read), bool(self.starred), self.position)


class StateMap:
    """A snapshot of every article's read and starred marks, for drawing a long list.

    Built from one query; each lookup is a dictionary lookup (by path, else
    by content hash), so 100,000 rows cost no more queries than one.
    """

    __slots__ = ("_by_hash", "_by_path")

    def __init__(self, rows: Iterable[tuple[str, str, int, int]]) -> None:
        """Index (path, hash, read, starred) rows by path and by hash."""
        self._by_path: dict[str, int] = {}
        self._by_hash: dict[str, int] = {}
        for path, digest, read, starred in rows:
            flags = (_READ if read else 0) | (_STARRED if starred else 0)
            self._by_path[path] = flags
            self._by_hash[digest] = flags

    def __len__(self) -> int:
        return len(self._by_path)

    def is_read(self, path: os.PathLike[str] | str, digest: str) -> bool:
        """True when the article has been read."""
        return bool(self._flags(path, digest) & _READ)

    def is_starred(self, path: os.PathLike[str] | str, digest: str) -> bool:
        """True when the article is starred."""
        return bool(self._flags(path, digest) & _STARRED)

    def unread_count(self, items: Iterable[tuple[os.PathLike[str] | str, str]]) -> int:
        """How many of the (path, hash) articles are unread."""
        return sum(1 for path, digest in items if not self._flags(path, digest) & _READ)

    def remember(
        self,
        path: os.PathLike[str] | str,
        digest: str,
        *,
        read: bool | None = None,
        starred: bool | None = None,
    ) -> None:
        """Note a change just written to the store, so the list shows it without a reload."""
        flags = self._flags(path, digest)
        if read is not None:
            flags = flags | _READ if read else flags & ~_READ
        if starred is not None:
            flags = flags | _STARRED if starred else flags & ~_STARRED
        self._by_path[path_key(path)] = flags
        self._by_hash[digest] = flags

    def _flags(self, path: os.PathLike[str] | str, digest: str) -> int:
        """The article's flags: by its path as given, its normalised path, else its hash."""
        raw = os.fspath(path)
        flags = self._by_path.get(raw)
        if flags is None:
            key = path_key(raw)
            flags = self._by_path.get(key) if key != raw else None
        if flags is None:
            flags = self._by_hash.get(digest, 0)
        return flags


def connect(path: Path, busy_timeout: float) -> Connection:
    """Open the state file: WAL, synchronous=FULL, a quick check, the schema in place.

    Raises DamagedStateFile when the file is damaged, StateError when it
    cannot be used for another reason (permissions, a newer schema, locked).
    """
    try:
        conn = sqlite3.connect(
            path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as error:
        raise StateError(f"{path}: {error}") from error
    try:
        _refuse_newer(conn, path)  # before WAL is switched on, which would change the file
        _check_tables(conn)  # likewise: a file moved aside keeps its bytes
        _enable_wal(conn, busy_timeout)
        conn.execute("PRAGMA synchronous = FULL")
        (verdict,) = conn.execute("PRAGMA quick_check(1)").fetchone()
        if verdict != "ok":
            raise DamagedStateFile(str(verdict))
        _ensure_schema(conn, path)
    except sqlite3.DatabaseError as error:
        conn.close()
        if getattr(error, "sqlite_errorcode", 0) & 0xFF in _DAMAGE_CODES:
            raise DamagedStateFile(str(error)) from error
        raise StateError(f"{path}: {error}") from error
    except BaseException:
        conn.close()
        raise
    return conn


def _enable_wal(conn: Connection, busy_timeout: float) -> None:
    """Switch the file to WAL, waiting while another process holds it.

    SQLite does not call the busy handler while it converts a new file to WAL,
    so a second process opening the file at that moment gets "database is
    locked" at once; it retries here until `busy_timeout` has passed.
    """
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def _refuse_newer(conn: Connection, path: Path) -> int:
    """The file's schema version; StateError if a newer Broadsheet wrote it."""
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    if version > SCHEMA_VERSION:
        raise StateError(
            f"{path} was written by a newer Broadsheet (schema {version}; "
            f"this one knows {SCHEMA_VERSION}); it has been left as it is"
        )
    return int(version)


_EXPECTED_COLUMNS = {
    "articles": {"id", "path", "hash", "read", "starred", "position", "updated"},
    "settings": {"key", "value"},
}


def _check_tables(conn: Connection) -> None:
    """Raise DamagedStateFile when a table of ours exists with other columns.

    A file with the right name but another layout (another program's file,
    or one edited by hand) cannot be used; it is moved aside like a damaged one.
    """
    for table, expected in _EXPECTED_COLUMNS.items():
        columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if columns and columns != expected:
            raise DamagedStateFile(f"its {table} table has another layout")


def _ensure_schema(conn: Connection, path: Path) -> None:
    """Create the tables on first use; refuse a file written by a newer schema."""
    conn.execute("BEGIN IMMEDIATE")  # two processes starting at once create it once
    try:
        if _refuse_newer(conn, path) < SCHEMA_VERSION:
            for statement in _SCHEMA:
                conn.execute(statement)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def find_row(conn: Connection, key: str, digest: str) -> Row | None:
    """The article's row: the one at its path, else the newest with its content hash."""
    found = conn.execute(f"SELECT {_COLUMNS} FROM articles WHERE path = ?", (key,)).fetchone()
    if found is None:
        found = conn.execute(
            f"SELECT {_COLUMNS} FROM articles WHERE hash = ? ORDER BY updated DESC LIMIT 1",
            (digest,),
        ).fetchone()
    return None if found is None else Row(*found)


def locate_for_write(conn: Connection, key: str, digest: str) -> int:
    """The id of the article's row, re-keyed or created as needed, inside a write transaction.

    At its path: that row (its hash updated if the file was edited). Else a
    row with the same hash whose file is gone was moved here: it takes the
    new path. Else, if the same bytes still exist elsewhere (a copy), a new
    row starts with the copy's state; otherwise a new blank row.
    """
    found = conn.execute("SELECT id, hash FROM articles WHERE path = ?", (key,)).fetchone()
    if found is not None:
        row_id, stored_hash = found
        if stored_hash != digest:
            conn.execute("UPDATE articles SET hash = ? WHERE id = ?", (digest, row_id))
        return int(row_id)
    twins = conn.execute(
        "SELECT id, path, read, starred, position FROM articles WHERE hash = ? "
        "ORDER BY updated DESC",
        (digest,),
    ).fetchall()
    for row_id, old_path, *_ in twins:
        if not os.path.lexists(old_path):
            conn.execute("UPDATE articles SET path = ? WHERE id = ?", (key, row_id))
            return int(row_id)
    read, starred, position = twins[0][2:] if twins else (0, 0, None)
    cursor = conn.execute(
        "INSERT INTO articles (path, hash, read, starred, position, updated) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (key, digest, read, starred, position, time.time()),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def mark_read_batch(conn: Connection, items: list[tuple[str, str]]) -> int:
    """Mark (path key, hash) articles read inside a write transaction; returns how many changed.

    One query loads the known paths; the common cases (known path, or an
    article never seen) are written with `executemany`.
    """
    now = time.time()
    wanted = dict(items)  # one entry per path
    known = {
        path: (row_id, read)
        for row_id, path, read in conn.execute("SELECT id, path, read FROM articles")
    }
    updates = [
        (digest, now, known[key][0])
        for key, digest in wanted.items()
        if key in known and not known[key][1]
    ]
    conn.executemany("UPDATE articles SET read = 1, hash = ?, updated = ? WHERE id = ?", updates)
    changed = len(updates)
    unknown = [(key, digest) for key, digest in wanted.items() if key not in known]
    if not unknown:
        return changed
    hashes = {digest for (digest,) in conn.execute("SELECT DISTINCT hash FROM articles")}
    inserts = []
    for key, digest in unknown:
        if digest in hashes:  # moved or copied: keep its other marks
            row_id = locate_for_write(conn, key, digest)
            cursor = conn.execute(
                "UPDATE articles SET read = 1, updated = ? WHERE id = ? AND read = 0",
                (now, row_id),
            )
            changed += cursor.rowcount
        else:
            inserts.append((key, digest, now))
    conn.executemany(
        "INSERT INTO articles (path, hash, read, updated) VALUES (?, ?, 1, ?)", inserts
    )
    return changed + len(inserts)


def apply_record(conn: Connection, record: Record) -> Literal["added", "updated", "unchanged"]:
    """Merge one imported record inside a write transaction: the newer `updated` wins."""
    key = path_key(record.path)
    row = find_row(conn, key, record.hash)
    if row is None:
        conn.execute(
            "INSERT INTO articles (path, hash, read, starred, position, updated) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (key, record.hash, record.read, record.starred, record.position, record.updated),
        )
        return "added"
    if record.updated <= row.updated:
        return "unchanged"
    # Found by hash only: the file lives at another path here; keep the local path.
    digest = record.hash if row.path == key else row.hash
    conn.execute(
        "UPDATE articles SET hash = ?, read = ?, starred = ?, position = ?, updated = ? "
        "WHERE id = ?",
        (digest, record.read, record.starred, record.position, record.updated, row.id),
    )
    return "updated"


def read_records(conn: Connection) -> list[Record]:
    """Every article row as an export record, in path order."""
    return [
        Record(path, digest, bool(read), bool(starred), position, updated)
        for path, digest, read, starred, position, updated in conn.execute(
            "SELECT path, hash, read, starred, position, updated FROM articles ORDER BY path"
        )
    ]


def setting_value(conn: Connection, key: str, default: Any) -> Any:
    """A setting's JSON value, or `default` when unset (or, somehow, not JSON)."""
    found = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    if found is None:
        return default
    try:
        return json.loads(found[0])
    except ValueError:
        return default


def store_setting(conn: Connection, key: str, value: Any) -> None:
    """Set a setting inside a write transaction; TypeError if the value is not JSON-able."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, text),
    )


def move_aside(path: Path) -> Path:
    """Rename a damaged state file (and its WAL and shared-memory files) out of the way.

    Never deletes: the user may want to recover marks from it. Returns the new name.
    """
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
        number += 1
    try:
        path.rename(target)
        for suffix in ("-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                companion.rename(target.with_name(target.name + suffix))
    except OSError as error:
        raise StateError(f"{path} is damaged and could not be moved aside: {error}") from error
    return target
