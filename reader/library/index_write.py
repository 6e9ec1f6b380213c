"""Writing rows of the index: store, move and delete one article, inside the caller's transaction.

Every function looks the row up again inside the transaction, so a row that
another `reader` process added or removed since the refresh began is
handled rather than duplicated (the FTS tables are contentless and would be
corrupted by deleting text they do not hold).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from reader.library.index_rows import RECORD_COLUMNS, Record, pack_text, sort_time, unpack_text

_COLUMNS = ", ".join(RECORD_COLUMNS)
_MARKS = ", ".join("?" * len(RECORD_COLUMNS))
_INSERT = f"INSERT INTO articles ({_COLUMNS}) VALUES ({_MARKS})"
_INSERT_ID = f"INSERT INTO articles (id, {_COLUMNS}) VALUES (?, {_MARKS})"
_UPDATE = f"UPDATE articles SET ({_COLUMNS}) = ({_MARKS}) WHERE id = ?"


def _row_id(conn: sqlite3.Connection, path: str) -> int | None:
    """The id of the article stored for `path`, if any."""
    row = conn.execute("SELECT id FROM articles WHERE path = ?", (path,)).fetchone()
    return None if row is None else int(row[0])


def _drop_text(conn: sqlite3.Connection, row_id: int) -> None:
    """Take a row's words out of the full-text tables (using its stored text)."""
    row = conn.execute("SELECT data FROM article_text WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        return
    headline, bullets, body = unpack_text(row[0])
    conn.execute(
        "INSERT INTO head_fts (head_fts, rowid, headline) VALUES ('delete', ?, ?)",
        (row_id, headline),
    )
    conn.execute(
        "INSERT INTO text_fts (text_fts, rowid, headline, bullets, body)"
        " VALUES ('delete', ?, ?, ?, ?)",
        (row_id, headline, bullets, body),
    )
    conn.execute("DELETE FROM article_text WHERE id = ?", (row_id,))


def _add_text(
    conn: sqlite3.Connection, row_id: int, record: Record, packed: bytes | None = None
) -> None:
    """Put a row's words into the full-text tables and keep the text for a later delete."""
    headline, bullets, body = record.text
    data = pack_text(record.text) if packed is None else packed
    conn.execute("INSERT INTO article_text (id, data) VALUES (?, ?)", (row_id, data))
    conn.execute("INSERT INTO head_fts (rowid, headline) VALUES (?, ?)", (row_id, headline))
    conn.execute(
        "INSERT INTO text_fts (rowid, headline, bullets, body) VALUES (?, ?, ?, ?)",
        (row_id, headline, bullets, body),
    )


def store(conn: sqlite3.Connection, record: Record, packed: bytes | None = None) -> bool:
    """Insert or replace the article of `record.key.path`; True when it was new.

    `packed` is `pack_text(record.text)` when the caller has it already.
    """
    conn.execute("DELETE FROM failures WHERE path = ?", (record.key.path,))
    row_id = _row_id(conn, record.key.path)
    if row_id is None:
        cursor = conn.execute(_INSERT, record.summary_values())
        assert cursor.lastrowid is not None
        _add_text(conn, cursor.lastrowid, record, packed)
        return True
    _drop_text(conn, row_id)
    conn.execute(_UPDATE, (*record.summary_values(), row_id))
    _add_text(conn, row_id, record, packed)
    return False


Stored = tuple[Record, bytes]
"""A record and its packed full text (`pack_text(record.text)`)."""


def store_many(conn: sqlite3.Connection, items: Sequence[Stored]) -> int:
    """Store many records as `store` would one after another; returns how many were new.

    New articles (most of a cold build) go in with one statement per table
    for the whole batch. Each gets the id SQLite would give it, one above the
    largest so far, in order, so the rows are the same as `store` makes.
    An article already stored (another process may have added it since the
    refresh began) is replaced one row at a time, in its turn.
    """
    if not items:
        return 0
    paths = [record.key.path for record, _ in items]
    conn.executemany("DELETE FROM failures WHERE path = ?", [(path,) for path in paths])
    existing = {
        str(row[0])
        for row in conn.execute(
            "SELECT path FROM articles WHERE path IN (SELECT value FROM json_each(?))",
            (json.dumps(paths),),
        )
    }
    last = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    next_id = 1 if last is None else int(last) + 1
    new: list[tuple[int, Record, bytes]] = []
    added = 0
    for record, packed in items:
        if record.key.path in existing:
            _insert_new(conn, new)  # a path stored twice in a batch goes in before its update
            new = []
            added += store(conn, record, packed)
        else:
            new.append((next_id, record, packed))
            existing.add(record.key.path)
            next_id += 1
            added += 1
    _insert_new(conn, new)
    return added


def _insert_new(conn: sqlite3.Connection, rows: Sequence[tuple[int, Record, bytes]]) -> None:
    """Insert new articles with the ids given, and their words."""
    if not rows:
        return
    conn.executemany(_INSERT_ID, [(row_id, *record.summary_values()) for row_id, record, _ in rows])
    conn.executemany(
        "INSERT INTO article_text (id, data) VALUES (?, ?)",
        [(row_id, packed) for row_id, _, packed in rows],
    )
    conn.executemany(
        "INSERT INTO head_fts (rowid, headline) VALUES (?, ?)",
        [(row_id, record.text[0]) for row_id, record, _ in rows],
    )
    conn.executemany(
        "INSERT INTO text_fts (rowid, headline, bullets, body) VALUES (?, ?, ?, ?)",
        [(row_id, *record.text) for row_id, record, _ in rows],
    )


def move(conn: sqlite3.Connection, row_id: int, path: str, mtime_ns: int, file_time: float) -> bool:
    """Give a stored article a new path (a renamed or moved file); False when it is gone."""
    row = conn.execute("SELECT published FROM articles WHERE id = ?", (row_id,)).fetchone()
    if row is None or _row_id(conn, path) is not None:
        return False
    conn.execute(
        "UPDATE articles SET path = ?, mtime_ns = ?, file_time = ?, sort_time = ? WHERE id = ?",
        (path, mtime_ns, file_time, sort_time(row[0], file_time), row_id),
    )
    conn.execute("DELETE FROM failures WHERE path = ?", (path,))
    return True


def delete(conn: sqlite3.Connection, row_id: int) -> None:
    """Remove one article and its words."""
    _drop_text(conn, row_id)
    conn.execute("DELETE FROM articles WHERE id = ?", (row_id,))


def delete_path(conn: sqlite3.Connection, path: str) -> bool:
    """Remove the article stored for `path`, if any; True when there was one."""
    row_id = _row_id(conn, path)
    if row_id is None:
        return False
    delete(conn, row_id)
    return True


def record_failure(
    conn: sqlite3.Connection, path: str, size: int, mtime_ns: int, reason: str
) -> None:
    """Remember that this version of a file could not be read, and why."""
    conn.execute(
        "INSERT OR REPLACE INTO failures (path, size, mtime_ns, reason) VALUES (?, ?, ?, ?)",
        (path, size, mtime_ns, reason),
    )


def forget_failure(conn: sqlite3.Connection, path: str) -> None:
    """Forget a failure (the file is gone)."""
    conn.execute("DELETE FROM failures WHERE path = ?", (path,))


def clear(conn: sqlite3.Connection) -> None:
    """Empty every table (a rebuild that keeps the file, so other processes keep working)."""
    for table in ("articles", "article_text", "failures", "folders"):
        conn.execute(f"DELETE FROM {table}")
    for table in ("head_fts", "text_fts"):
        conn.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")


def store_folders(conn: sqlite3.Connection, rows: Sequence[tuple[str, int, int, int, str]]) -> None:
    """Store folder records (path, mtime_ns, entries, files, subfolders as JSON)."""
    conn.executemany(
        "INSERT OR REPLACE INTO folders (path, mtime_ns, entries, files, subfolders)"
        " VALUES (?, ?, ?, ?, ?)",
        rows,
    )


def forget_folders(conn: sqlite3.Connection, paths: Sequence[str]) -> None:
    """Forget the records of folders that are gone."""
    conn.executemany("DELETE FROM folders WHERE path = ?", [(path,) for path in paths])
