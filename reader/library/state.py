"""The state the user owns: read and starred marks, reading positions, app settings.

Kept in `state.sqlite3` in the user's data directory (from `platformdirs`),
apart from the index: the index is a cache that may be deleted, this file
must not be lost. The environment variable `READER_STATE_DIR` names another
folder for it (tests use it).

An article is known by its path and by its content hash (sha256 of the
file's bytes), so its state follows it when the file is moved or renamed:
a lookup matches the path first, else the hash, and a write re-keys a row
whose old path no longer exists to the new path.

Durability: WAL journal and `synchronous=FULL`, every write in its own
`BEGIN IMMEDIATE` transaction. FULL syncs the WAL at each commit, so a mark
survives a power cut as well as a crash; state writes come from key presses,
so the cost of one fsync each is never felt. A damaged file is never
deleted: it is moved aside as `state.sqlite3.corrupt-<time>` and a fresh
one started, and `StateStore.recovered_to` tells the UI to say so. Two
processes may write the same file: each waits up to `busy_timeout` seconds
for the other's lock.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from platformdirs import user_data_dir

from reader.library.state_sql import (
    ArticleState,
    Connection,
    DamagedStateFile,
    Item,
    StateMap,
    apply_record,
    connect,
    find_row,
    locate_for_write,
    mark_read_batch,
    move_aside,
    path_key,
    read_records,
    setting_value,
    store_setting,
)
from reader.library.state_transfer import (
    StateError,
    StateFormatError,
    build_export,
    check_position,
    is_hash,
    parse_export,
)

__all__ = [
    "STATE_DIR_ENV",
    "STATE_FILE_NAME",
    "ArticleState",
    "ImportCounts",
    "StateError",
    "StateFormatError",
    "StateMap",
    "StateStore",
    "content_hash",
    "open_state",
    "path_key",
    "state_dir",
]

STATE_DIR_ENV = "READER_STATE_DIR"
"""Environment variable naming the folder of the state file, overriding the platform default."""

STATE_FILE_NAME = "state.sqlite3"

SELECTED_KEY = "selected"
"""The setting that remembers the article selected in the list: {"path": ..., "hash": ...}."""

_CHUNK = 1 << 20


def state_dir() -> Path:
    """The folder of the state file: $READER_STATE_DIR, else the user's data directory."""
    override = os.environ.get(STATE_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(user_data_dir("broadsheet", appauthor=False))


def open_state() -> StateStore:
    """Open (creating it if need be) the user's state file in `state_dir()`."""
    return StateStore(state_dir() / STATE_FILE_NAME)


def content_hash(source: bytes | str | os.PathLike[str]) -> str:
    """The sha256 of a file's bytes (given the bytes, or the file's path), in hex.

    Raises OSError when a path cannot be read.
    """
    digest = hashlib.sha256()
    if isinstance(source, bytes):
        digest.update(source)
    else:
        with open(source, "rb") as file:
            while chunk := file.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class ImportCounts:
    """What an import did: articles added, updated (the import was newer) and left as they were."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


class StateStore:
    """The user's state in one SQLite file; safe to share between threads and processes.

    Every method that writes runs one transaction. Errors from SQLite
    (a lock held too long, a full disk) are raised as StateError.
    """

    def __init__(self, path: Path | str, *, busy_timeout: float = 10.0) -> None:
        """Open or create the state file at `path`, moving a damaged one aside first."""
        self.path = Path(path)
        self.recovered_to: Path | None = None
        """Where a damaged state file was moved when this store started fresh, else None."""
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StateError(f"cannot create {self.path.parent}: {error.strerror}") from error
        try:
            self._conn: Connection = connect(self.path, busy_timeout)
        except DamagedStateFile:
            self.recovered_to = move_aside(self.path)
            self._conn = connect(self.path, busy_timeout)

    @property
    def problem(self) -> str | None:
        """A message for the user when the state file was damaged and started afresh."""
        if self.recovered_to is None:
            return None
        return (
            f"The state file was damaged and has been moved to {self.recovered_to}; "
            "read and starred marks start afresh."
        )

    def close(self) -> None:
        """Close the file; the store cannot be used afterwards."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> StateStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # Reading.

    def state(self, path: os.PathLike[str] | str, digest: str) -> ArticleState:
        """The article's marks and position (unread, not starred, no position if unknown)."""
        with self._reading() as conn:
            row = find_row(conn, path_key(path), digest)
        return ArticleState() if row is None else row.state

    def is_read(self, path: os.PathLike[str] | str, digest: str) -> bool:
        """True when the article has been read."""
        return self.state(path, digest).read

    def is_starred(self, path: os.PathLike[str] | str, digest: str) -> bool:
        """True when the article is starred."""
        return self.state(path, digest).starred

    def position(self, path: os.PathLike[str] | str, digest: str) -> float | None:
        """The reading position as a fraction 0..1 of the article, or None if never saved."""
        return self.state(path, digest).position

    def read_map(self) -> StateMap:
        """Every article's read and starred marks, in one query, for drawing a long list."""
        with self._reading() as conn:
            rows = conn.execute("SELECT path, hash, read, starred FROM articles").fetchall()
        return StateMap(rows)

    def setting(self, key: str, default: Any = None) -> Any:
        """An app setting's JSON value, or `default` when it is not set."""
        with self._reading() as conn:
            return setting_value(conn, key, default)

    def selected(self) -> tuple[str, str] | None:
        """The (path, hash) of the article last selected in the list, or None."""
        value = self.setting(SELECTED_KEY)
        if isinstance(value, dict):
            path, digest = value.get("path"), value.get("hash")
            if isinstance(path, str) and isinstance(digest, str):
                return path, digest
        return None

    # Writing: one transaction each.

    def set_read(self, path: os.PathLike[str] | str, digest: str, read: bool = True) -> None:
        """Mark the article read (or unread)."""
        self._set_flag(path, digest, "read", lambda _old: read)

    def toggle_read(self, path: os.PathLike[str] | str, digest: str) -> bool:
        """Flip the article's read mark; returns the new value."""
        return self._set_flag(path, digest, "read", lambda old: not old)

    def set_starred(self, path: os.PathLike[str] | str, digest: str, starred: bool = True) -> None:
        """Star (or unstar) the article."""
        self._set_flag(path, digest, "starred", lambda _old: starred)

    def toggle_starred(self, path: os.PathLike[str] | str, digest: str) -> bool:
        """Flip the article's star; returns the new value."""
        return self._set_flag(path, digest, "starred", lambda old: not old)

    def set_position(self, path: os.PathLike[str] | str, digest: str, position: float) -> None:
        """Remember how far into the article the reader is: a fraction from 0 (top) to 1 (end).

        A fraction, not a line, so the place holds when the text is re-flowed
        at another width.
        """
        fraction = check_position(position)
        with self._writing() as conn:
            row_id = locate_for_write(conn, path_key(path), _checked(digest))
            conn.execute(
                "UPDATE articles SET position = ?, updated = ? WHERE id = ?",
                (fraction, time.time(), row_id),
            )

    def mark_all_read(self, items: Iterable[Item]) -> int:
        """Mark every (path, hash) read in one transaction; returns how many were unread."""
        with self._writing() as conn:
            return mark_read_batch(conn, [(path_key(path), digest) for path, digest in items])

    def relink(self, items: Iterable[Item]) -> int:
        """Re-key moved articles after a scan of the library; returns how many moved.

        `items` is the library's current (path, hash) list. A stored article
        whose file is gone, but whose hash is at a listed path with no state
        of its own, takes that path.
        """
        listing = {path_key(path): digest for path, digest in items}
        with self._writing() as conn:
            rows = conn.execute("SELECT id, path, hash FROM articles").fetchall()
            stored = {path for _id, path, _hash in rows}
            unlisted = {
                digest: (row_id, path) for row_id, path, digest in rows if path not in listing
            }
            moves = [
                (path, unlisted.pop(digest)[0])
                for path, digest in listing.items()
                if path not in stored
                and digest in unlisted
                and not os.path.lexists(unlisted[digest][1])  # a copy elsewhere is not a move
            ]
            conn.executemany("UPDATE articles SET path = ? WHERE id = ?", moves)
            return len(moves)

    def set_setting(self, key: str, value: Any) -> None:
        """Set an app setting to a JSON-serialisable value."""
        with self._writing() as conn:
            store_setting(conn, key, value)

    def set_selected(self, path: os.PathLike[str] | str, digest: str) -> None:
        """Remember the article selected in the list."""
        self.set_setting(SELECTED_KEY, {"path": path_key(path), "hash": _checked(digest)})

    # Export and import.

    def export_json(self) -> dict[str, Any]:
        """All the state as a JSON-ready dict (see `reader.library.state_transfer`)."""
        with self._reading() as conn:
            conn.execute("BEGIN")  # one snapshot for both tables
            try:
                records = read_records(conn)
                settings = {
                    key: setting_value(conn, key, None)
                    for (key,) in conn.execute("SELECT key FROM settings ORDER BY key")
                }
            finally:
                conn.execute("COMMIT")
        return build_export(records, settings, time.time())

    def import_json(self, data: object, merge: bool = True) -> ImportCounts:
        """Bring in an export; raises StateFormatError, writing nothing, if it is not one.

        Merging keeps what is here and takes each imported article whose
        `updated` time is newer than the one stored (matched by path, else
        by hash); settings are only added. With `merge=False` the state is
        replaced by the import's.
        """
        records, settings = parse_export(data)
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        with self._writing() as conn:
            if not merge:
                conn.execute("DELETE FROM articles")
                conn.execute("DELETE FROM settings")
            for record in records:
                counts[apply_record(conn, record)] += 1
            for key, value in settings.items():
                if not merge or setting_value(conn, key, None) is None:
                    store_setting(conn, str(key), value)
        return ImportCounts(**counts)

    # Helpers.

    def _set_flag(
        self,
        path: os.PathLike[str] | str,
        digest: str,
        column: str,
        change: Callable[[bool], bool],
    ) -> bool:
        """Set the `read` or `starred` column to change(old value); returns the new value."""
        assert column in ("read", "starred")
        with self._writing() as conn:
            row_id = locate_for_write(conn, path_key(path), _checked(digest))
            (old,) = conn.execute(
                f"SELECT {column} FROM articles WHERE id = ?", (row_id,)
            ).fetchone()
            new = bool(change(bool(old)))
            conn.execute(
                f"UPDATE articles SET {column} = ?, updated = ? WHERE id = ?",
                (int(new), time.time(), row_id),
            )
        return new

    @contextlib.contextmanager
    def _reading(self) -> Iterator[Connection]:
        """The connection for reading, with SQLite errors raised as StateError."""
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as error:
                raise StateError(f"{self.path}: {error}") from error

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One write transaction: committed when the block ends, rolled back if it raises."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            except sqlite3.Error as error:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise StateError(f"{self.path}: {error}") from error


def _checked(digest: str) -> str:
    """A content hash as given, or ValueError when it is not 64 lowercase hex digits."""
    if not is_hash(digest):
        raise ValueError(f"not a content hash (64 lowercase hex digits): {digest!r}")
    return digest
