"""The SQLite file behind the library index: where it lives, its schema, opening it safely.

The index is a cache (deleting it loses nothing), so every way of failing to
open it ends in a usable index, never an exception:

- a file that is not a database, is corrupt, or has another schema version
  is deleted and created afresh (an `IndexEvent` of kind "rebuilt" says so);
- a file that stays locked by another process beyond `BUSY_TIMEOUT_MS`, or
  a folder that cannot be written, gives a temporary index in a private
  temp folder for this session only (kind "temporary"). The user's list
  still works; it is just built again next time.

Two `reader` processes share one index: WAL mode lets readers run while the
other process writes, and `busy_timeout` makes a writer wait for the other's
short write transactions (a refresh commits in small batches).

Where: `<user cache dir>/broadsheet/index.sqlite3` (from `platformdirs`);
the environment variable `READER_CACHE_DIR` names another folder.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from platformdirs import user_cache_dir

CACHE_ENV = "READER_CACHE_DIR"
"""Environment variable naming the folder of the index file (tests use a temp folder)."""

INDEX_NAME = "index.sqlite3"

SCHEMA_VERSION = 4
"""Stored in PRAGMA user_version; an index with another number is rebuilt.

4: the `url` column (an index of version 3 is rebuilt, so every row gets one).
"""

BUSY_TIMEOUT_MS = 2000
"""How long a statement waits for another process's lock before giving up."""

TOKENIZER = "unicode61 remove_diacritics 2"
"""Case- and accent-insensitive words; CJK text is split into characters before indexing."""

FOLDERS_TABLE = """
-- Each folder as the last full check saw it, so a later check can skip it
-- (see `reader.library.survey`): its mtime (-1: never skipped), how many
-- entries it listed, how many article files it held, and its subfolders.
CREATE TABLE IF NOT EXISTS folders (
    path TEXT PRIMARY KEY,
    mtime_ns INTEGER NOT NULL,
    entries INTEGER NOT NULL,
    files INTEGER NOT NULL,
    subfolders TEXT NOT NULL        -- a JSON list of names
);
"""
"""Added after schema version 4 without a new version: an index without it gets it in
place (it only makes checks cheaper), so no one rebuilds 100,000 articles for it."""

SCHEMA = f"""
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,      -- resolved path: the key, with size and mtime_ns
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    headline TEXT NOT NULL,
    section TEXT,
    source TEXT,
    byline TEXT,
    published TEXT,
    file_time REAL NOT NULL,
    sort_time REAL NOT NULL,        -- the published date (UTC midnight) or else file_time
    words INTEGER NOT NULL,
    minutes INTEGER NOT NULL,
    lead TEXT NOT NULL,             -- the first sentences
    url TEXT,                       -- the article's web address, as its file gives it
    content_hash TEXT NOT NULL      -- of the file's bytes, for matching moved files
);
CREATE INDEX articles_by_time ON articles (sort_time, id);
CREATE INDEX articles_by_headline ON articles (headline COLLATE NOCASE, id);
CREATE INDEX articles_by_section
    ON articles (section IS NULL, section COLLATE NOCASE, sort_time DESC);
CREATE INDEX articles_in_section ON articles (section, sort_time);
CREATE INDEX articles_in_source ON articles (source, sort_time);
CREATE INDEX articles_by_hash ON articles (content_hash);

-- The text given to the full-text tables, zlib-compressed: contentless FTS5
-- tables need the original text to delete a row (SQLite < 3.43).
CREATE TABLE article_text (id INTEGER PRIMARY KEY, data BLOB NOT NULL);

-- Files that could not be read, so an unchanged bad file is not parsed again.
CREATE TABLE failures (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    reason TEXT NOT NULL
);

-- Headline-only table: searched first, so headline matches rank first and
-- the query can stop early.
CREATE VIRTUAL TABLE head_fts USING fts5 (headline, content='', tokenize='{TOKENIZER}');
CREATE VIRTUAL TABLE text_fts USING fts5 (
    headline, bullets, body, content='', tokenize='{TOKENIZER}'
);
{FOLDERS_TABLE}"""

_TABLES = {"articles", "article_text", "failures", "head_fts", "text_fts"}

EventKind = Literal["rebuilt", "temporary"]


@dataclass(frozen=True, slots=True)
class IndexEvent:
    """Something the user may want to know about the index (the UI shows it as a notification)."""

    kind: EventKind
    message: str


class IndexLocked(Exception):
    """The index stayed locked by another process for longer than the busy timeout."""


def default_index_path() -> Path:
    """`$READER_CACHE_DIR/index.sqlite3`, else the file in the platform's user cache folder."""
    override = os.environ.get(CACHE_ENV, "").strip()
    if override:
        folder = Path(override).expanduser()
    else:
        folder = Path(user_cache_dir("broadsheet", appauthor=False))
    return folder / INDEX_NAME


def is_locked(error: sqlite3.Error) -> bool:
    """True for the errors SQLite raises when another connection holds a lock."""
    text = str(error).lower()
    return isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the settings every index connection uses (no schema checks).

    Autocommit mode (isolation_level None): transactions are explicit, so a
    write lock is never held longer than one batch.
    """
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA synchronous = NORMAL")  # a cache: WAL + NORMAL is safe enough
    return conn


def _schema_ok(conn: sqlite3.Connection) -> bool:
    """True when the file holds this version's tables; raises DatabaseError when corrupt."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return bool(version == SCHEMA_VERSION and names >= _TABLES)


def _add_missing_tables(conn: sqlite3.Connection) -> None:
    """Create the tables added since this file was made (only when missing: no write else)."""
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "folders" not in names:
        conn.execute(FOLDERS_TABLE)


def _is_empty(conn: sqlite3.Connection) -> bool:
    """True for a database with no tables at all (a new file)."""
    count: int = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    return count == 0


def _statements(script: str) -> list[str]:
    """The SQL statements of `script`, one string each (split where SQLite says one ends)."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the tables in an empty database and stamp the schema version.

    Safe when several processes do it at once: the emptiness check and the
    creation run in one write transaction, so the first creates the tables
    and the others, waiting for its lock, find them made and change nothing.
    """
    conn.execute("PRAGMA journal_mode = WAL")
    # Statement by statement: executescript() would commit the transaction first.
    conn.execute("BEGIN IMMEDIATE")
    try:
        if _is_empty(conn):
            for statement in _statements(SCHEMA):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise


def remove_files(path: Path) -> None:
    """Delete an index file and its WAL and shared-memory files, where they exist."""
    for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            name.unlink()


def _existing(path: Path) -> tuple[sqlite3.Connection | None, str | None]:
    """A connection to a usable index at `path`, or None and why it must be rebuilt.

    (None, None) means an empty or new file. Raises IndexLocked when the
    file is locked, so it cannot be checked.
    """
    conn: sqlite3.Connection | None = None
    try:
        conn = connect(path)
        if _schema_ok(conn):
            conn.execute("PRAGMA journal_mode = WAL")
            _add_missing_tables(conn)
            return conn, None
        empty = _is_empty(conn)
        conn.close()
        return None, None if empty else "it was from another version"
    except sqlite3.DatabaseError as error:
        if conn is not None:
            conn.close()
        if is_locked(error):
            raise IndexLocked(str(error)) from error
        return None, f"it was unreadable: {error}"


def _open_checked(path: Path) -> tuple[sqlite3.Connection, list[IndexEvent]]:
    """Open `path`, rebuilding it when corrupt or from another schema.

    Raises IndexLocked or OSError/sqlite3.Error when the file cannot be used
    at all (the caller then falls back to a temporary index).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    conn, problem = _existing(path)
    if conn is not None:
        return conn, []
    events: list[IndexEvent] = []
    if problem is not None:
        remove_files(path)
        events.append(IndexEvent("rebuilt", f"The library index was rebuilt: {problem}."))
    conn = connect(path)
    try:
        if _is_empty(conn):
            create_schema(conn)
        if not _schema_ok(conn):  # another process made it meanwhile with another schema
            raise IndexLocked("another reader holds an index of another version")
    except sqlite3.Error as error:
        conn.close()
        if is_locked(error):
            raise IndexLocked(str(error)) from error
        raise
    except IndexLocked:
        conn.close()
        raise
    return conn, events


def open_index_file(path: Path) -> tuple[Path, sqlite3.Connection, list[IndexEvent], Path | None]:
    """Open or create the index at `path`; never raises for a bad or locked file.

    Returns the path actually used, a connection to it, the events to show
    the user, and the temporary folder to delete on close (None when the
    real file is used).
    """
    # SQLite skips its busy handler while another process turns a new file to
    # WAL, so "locked" may come at once: try again until the busy timeout ends.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn, events = _open_checked(path)
            return path, conn, events, None
        except IndexLocked:
            if time.monotonic() < deadline:
                time.sleep(0.02)
                continue
            reason = "it is locked by another reader"
        except (OSError, sqlite3.Error) as error:
            reason = str(error)
        break
    folder = Path(tempfile.mkdtemp(prefix="broadsheet-index-"))
    temporary = folder / INDEX_NAME
    conn, _ = _open_checked(temporary)
    message = f"The library index at {path} cannot be used ({reason}); using a temporary one."
    return temporary, conn, [IndexEvent("temporary", message)], folder
