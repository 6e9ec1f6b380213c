"""The record of what was added to a library, so the same article is stored once.

A small SQLite file, `added.sqlite3`, beside the user's state (the folder of
`reader.library.state.state_dir()`; `READER_STATE_DIR` in tests). Each row
ties a key to the file it produced: the normalised URL, the feed entry id,
a hash of the headline and body text, or a hash of a copied file's bytes.
Keys are kept per library folder.

A row whose file no longer exists does not count (the user deleted the
article, so it may be added again) and is dropped when met. A damaged
ledger is moved aside and a new one started: it only prevents duplicates,
so losing it costs nothing the user owns.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from reader.library.state import state_dir
from reader.model import Article, count_words

__all__ = [
    "LEDGER_FILE_NAME",
    "Key",
    "Ledger",
    "body_key",
    "content_key",
    "normalize_url",
    "open_ledger",
]

LEDGER_FILE_NAME = "added.sqlite3"

Key = tuple[str, str]
"""(kind, value): ("url", normalised URL), ("key", entry id), ("content", hash),
("body", hash of the body alone), ("bytes", hash)."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS added (
    library TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    path TEXT NOT NULL,
    added REAL NOT NULL,
    PRIMARY KEY (library, kind, value)
) WITHOUT ROWID
"""
_DEFAULT_PORTS = {"http": 80, "https": 443}
_TRACKING = ("utm_",)
_TRACKING_NAMES = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid"})


def normalize_url(url: str) -> str:
    """A URL in the form used to spot duplicates.

    Scheme and host are lower-cased, a default port, the fragment, `utm_*`
    and other click-tracking parameters and a trailing slash are dropped.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith(_TRACKING) and name.lower() not in _TRACKING_NAMES
    ]
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, urlencode(query), ""))


_BODY_KINDS = ("paragraph", "subheading", "quote")
BODY_KEY_WORDS = 40
"""A body this long is the same article whatever headline it comes under."""


def _hash(parts: Iterable[str]) -> str:
    text = "\n".join(" ".join(part.split()).casefold() for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_key(article: Article) -> str:
    """A hash of the headline and body text, blind to case and spacing."""
    body = (b.text for b in article.blocks if b.kind in _BODY_KINDS)
    return _hash((article.headline, *body))


def body_key(article: Article) -> str | None:
    """A hash of the body text alone, blind to case and spacing; None for a short body.

    A feed and the page it links to often title one article differently; the
    body the extractor reads from the page is the same.
    """
    body = [b.text for b in article.blocks if b.kind in _BODY_KINDS]
    if sum(count_words(text) for text in body) < BODY_KEY_WORDS:
        return None
    return _hash(body)


class Ledger:
    """An open ledger file; use `transaction()` around a check and the write it guards."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = self._open()

    def _open(self) -> sqlite3.Connection:
        """Connect, moving a damaged file aside and starting afresh.

        A file this call created is removed again when it cannot be set up
        (a full disk), so a failure leaves no empty database behind.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        created = not self.path.exists()
        try:
            try:
                return self._connect()
            except sqlite3.DatabaseError as error:
                if not _is_damage(error):
                    raise
                aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
                with contextlib.suppress(OSError):
                    os.replace(self.path, aside)
                return self._connect()
        except BaseException:
            if created:
                _remove_database(self.path)
            raise

    def _connect(self) -> sqlite3.Connection:
        """A connection with the schema in place (raises DatabaseError for a damaged file)."""
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            conn.execute(_SCHEMA)
        except BaseException:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        """Close the file."""
        self.conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the write lock: another process adding at once waits, so a check stays true."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def find(self, library: Path, keys: Iterable[Key]) -> Path | None:
        """The existing file recorded under any of `keys`, or None.

        Rows whose file is gone are dropped on the way.
        """
        root = _library_id(library)
        for kind, value in keys:
            row = self.conn.execute(
                "SELECT path FROM added WHERE library = ? AND kind = ? AND value = ?",
                (root, kind, value),
            ).fetchone()
            if row is None:
                continue
            path = Path(row[0])
            if path.is_file():
                return path
            self.conn.execute("DELETE FROM added WHERE library = ? AND path = ?", (root, row[0]))
        return None

    def record(self, library: Path, keys: Iterable[Key], path: Path) -> None:
        """Record that `keys` produced the file at `path`."""
        root = _library_id(library)
        now = time.time()
        self.conn.executemany(
            "INSERT OR REPLACE INTO added (library, kind, value, path, added)"
            " VALUES (?, ?, ?, ?, ?)",
            [(root, kind, value, str(path), now) for kind, value in keys],
        )


# SQLITE_CORRUPT and SQLITE_NOTADB: the file is damaged or not a database at all.
_DAMAGE_CODES = (11, 26)


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    """True when the file itself is bad (not when the disk is full or the file locked)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _DAMAGE_CODES
    return not isinstance(error, sqlite3.OperationalError)


def _remove_database(path: Path) -> None:
    """Delete a database file this process created, with its journal, WAL and shared memory."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink()


def _library_id(library: Path) -> str:
    """The library folder as the ledger keys it: its resolved path."""
    return str(library.resolve())


@contextlib.contextmanager
def open_ledger(path: Path | None = None) -> Iterator[Ledger]:
    """Open the ledger (default: `added.sqlite3` in the state folder) for one use."""
    ledger = Ledger(path or state_dir() / LEDGER_FILE_NAME)
    try:
        yield ledger
    finally:
        ledger.close()
