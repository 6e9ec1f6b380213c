"""The library index: article summaries and full-text search from one SQLite file.

    with LibraryIndex.open() as index:          # $READER_CACHE_DIR or the user cache dir
        for event in index.events:              # "rebuilt" / "temporary": tell the user
            ...
        result = index.refresh([folder], progress=..., cancelled=...)
        rows = index.summaries(sort=SortOrder.NEWEST, section="World")
        hits = index.search("harbour fer")      # the last word is a prefix

The index is a cache of what the files say (see `index_schema` for where it
lives and how a corrupt, outdated or locked file is handled, and `scan` for
how a refresh decides what to parse). Reading returns `SummaryRows`, a
sequence that builds each `Summary` only when it is asked for, so listing
100,000 articles is one query and no per-row objects until rows are drawn.

Each thread gets its own connection (a refresh in a worker thread while the
UI thread lists rows); WAL mode lets them, and other processes, read while
one writes.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from reader.library.files import Problem
from reader.library.index_schema import (
    IndexEvent,
    connect,
    default_index_path,
    is_locked,
    open_index_file,
    remove_files,
)
from reader.library.path_text import file_path
from reader.library.root_filter import filters as _filters
from reader.library.roots import key_path, root_prefixes, span_under_one_root, under_roots
from reader.library.rows import ROW_COLUMNS, Row, SummaryRows, summary_from_row
from reader.library.search import ranked_ids
from reader.library.summary import SUMMARY_COLUMNS, Summary
from reader.library.survey import Check

if TYPE_CHECKING:
    from reader.library.scan import Cancelled, Progress, RefreshResult

__all__ = ["Check", "IndexEvent", "LibraryIndex", "SortOrder", "SummaryRows"]

FILTERED_FETCH = 4
"""A filtered search ranks this many times `limit` matches, then filters them."""


class SortOrder(StrEnum):
    """The orders the list can be sorted in."""

    NEWEST = "newest"
    """Newest first by published date, else file time (the default)."""
    OLDEST = "oldest"
    HEADLINE = "headline"
    """Headline A-Z, ignoring case."""
    SECTION = "section"
    """Section A-Z (articles without one last), newest first within a section."""


_ORDER_BY = {
    SortOrder.NEWEST: "sort_time DESC, id DESC",
    SortOrder.OLDEST: "sort_time ASC, id ASC",
    SortOrder.HEADLINE: "headline COLLATE NOCASE ASC, id ASC",
    SortOrder.SECTION: "section IS NULL, section COLLATE NOCASE ASC, sort_time DESC",
}


def is_damage(error: sqlite3.DatabaseError) -> bool:
    """True for errors that mean the file is damaged or not our index (not a lock, not a bug)."""
    if is_locked(error):
        return False
    return not isinstance(error, sqlite3.ProgrammingError | sqlite3.InterfaceError)


class LibraryIndex:
    """The index file, open: refresh it from folders, list and search its summaries."""

    def __init__(self, path: Path | None = None) -> None:
        """Open (or create, or rebuild) the index at `path`, default `default_index_path()`.

        Never raises for a corrupt, outdated or locked file: see `events`.
        """
        self.requested_path = path or default_index_path()
        self.path, conn, events, self._temp_dir = open_index_file(self.requested_path)
        self.events: list[IndexEvent] = events
        """What went wrong on opening (and was repaired), for the UI to notify."""
        self._lock = threading.Lock()
        self._local = threading.local()
        self._local.conn = conn
        self._all: list[sqlite3.Connection] = [conn]

    @classmethod
    def open(cls, path: Path | None = None) -> LibraryIndex:
        """Open the index at `path` (default: the user's cache folder)."""
        return cls(path)

    @property
    def temporary(self) -> bool:
        """True when the real index could not be used and this one is thrown away on close."""
        return self._temp_dir is not None

    def __enter__(self) -> LibraryIndex:
        """Use as a context manager; closes on exit."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close every connection."""
        self.close()

    def close(self) -> None:
        """Close every thread's connection (and delete a temporary index)."""
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)

    def _conn(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path)
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def _recover(self, error: sqlite3.DatabaseError) -> None:
        """The file turned out corrupt while in use: start it again, empty, and say so."""
        self.close()
        remove_files(self.path)
        self.path, conn, events, self._temp_dir = open_index_file(self.requested_path)
        self._local.conn = conn
        self._all = [conn]
        self.events.append(IndexEvent("rebuilt", f"The library index was damaged ({error})."))
        self.events.extend(events)

    def _query(self, sql: str, params: Sequence[Any]) -> list[Any]:
        """Rows of a read query; a damaged index is rebuilt (empty) instead of raising."""
        try:
            return self._conn().execute(sql, params).fetchall()
        except sqlite3.DatabaseError as error:
            if is_locked(error):  # rare in WAL mode (another process recovering the file)
                return []
            if not is_damage(error):
                raise
            self._recover(error)
            return []

    # Writing

    def refresh(
        self,
        roots: Sequence[Path],
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        *,
        rebuild: bool = False,
        check: Check = Check.FULL,
        elsewhere: bool = False,
    ) -> RefreshResult:
        """Parse new and changed files under `roots`, drop vanished ones (see `scan`).

        `rebuild` empties the index first, so every file is parsed again.
        `check` is how deep to look for changes (`Check.QUICK`: folders'
        times only, see `survey`); `elsewhere` surveys the folders in a
        worker process, so this interpreter only writes the differences.
        Call from one thread at a time (a worker thread in the UI).
        """
        # Imported here: the refresh brings every parser, which reading rows never needs.
        from reader.library.scan import RefreshResult, refresh_index

        if rebuild:
            self.clear()
        for attempt in range(2):
            try:
                where = self.path if elsewhere else None
                conn = self._conn()
                return refresh_index(conn, roots, progress, cancelled, check=check, elsewhere=where)
            except sqlite3.ProgrammingError:  # closed meanwhile by close() in another thread
                break
            except sqlite3.DatabaseError as error:
                if not is_damage(error) or attempt:
                    break
                self._recover(error)  # then read everything into the new, empty index
        return RefreshResult(read_only=True)

    def clear(self) -> bool:
        """Empty the index (for `--rebuild`); False when another process holds it locked."""
        from reader.library import index_write

        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if is_locked(error):
                return False
            raise
        try:
            index_write.clear(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return True

    # Reading

    def changes(self) -> int:
        """A number that grows whenever this thread writes to the index (to skip re-reading)."""
        return self._conn().total_changes

    def count(self) -> int:
        """How many articles the index holds."""
        rows = self._query("SELECT count(*) FROM articles", ())
        return int(rows[0][0]) if rows else 0

    def _fetch(self, ids: Sequence[int]) -> dict[int, Row]:
        """The summary columns of some article ids."""
        sql = f"SELECT id, {ROW_COLUMNS} FROM articles WHERE id IN (SELECT value FROM json_each(?))"
        return {row[0]: row[1:] for row in self._query(sql, (json.dumps(list(ids)),))}

    def _look_up(self, path: str) -> int | None:
        """The id of the article stored for `path`."""
        rows = self._query("SELECT id FROM articles WHERE path = ?", (path,))
        return int(rows[0][0]) if rows else None

    def rows_for(self, ids: list[int], rows: dict[int, Row] | None = None) -> SummaryRows:
        """SummaryRows over article `ids` (in that order), reading through this index."""
        return SummaryRows(ids, self._fetch, self._look_up, rows)

    def keys(self, roots: Sequence[Path] | None = None) -> list[tuple[int, str, str]]:
        """Every indexed article under `roots` as (id, path, content hash), in no set order."""
        if roots is not None and self._holds_only(roots):
            roots = None
        where, params, leftover = _filters(roots, None, None)
        rows = self._query(f"SELECT id, path, content_hash FROM articles{where}", params)
        if leftover is not None:
            rows = [row for row in rows if under_roots(row[1], leftover)]
        return rows

    def path_of_hash(self, digest: str) -> str | None:
        """The path of an indexed article whose file bytes have hash `digest`, if any."""
        rows = self._query("SELECT path FROM articles WHERE content_hash = ? LIMIT 1", (digest,))
        return str(rows[0][0]) if rows else None

    def failures(self, roots: Sequence[Path] | None = None) -> list[Problem]:
        """The files under `roots` that could not be read at their last check, with reasons."""
        where, params, leftover = _filters(roots, None, None)
        rows = self._query(f"SELECT path, reason FROM failures{where} ORDER BY path", params)
        if leftover is not None:
            rows = [row for row in rows if under_roots(row[0], leftover)]
        return [Problem(Path(file_path(row[0])), str(row[1])) for row in rows]

    def summaries(
        self,
        roots: Sequence[Path] | None = None,
        sort: SortOrder = SortOrder.NEWEST,
        *,
        section: str | None = None,
        source: str | None = None,
    ) -> SummaryRows:
        """Every indexed article under `roots` (default: all), sorted, with optional filters.

        One query for the ids in order; summaries are built as rows are read.
        """
        if roots is not None and self._holds_only(roots):
            roots = None  # every row is under the roots: no filter, so no sort by path range
        where, params, leftover = _filters(roots, section, source)
        order = _ORDER_BY[SortOrder(sort)]
        if leftover is None:
            # One JSON text instead of a row object per article: half the time at 100k.
            # SQLite keeps the subquery's order in json_group_array (tested).
            ordered = f"SELECT id FROM articles{where} ORDER BY {order}"
            sql = f"SELECT json_group_array(id) FROM ({ordered})"
            found = self._query(sql, params)
            return self.rows_for(json.loads(found[0][0]) if found else [])
        sql = f"SELECT id, path FROM articles{where} ORDER BY {order}"
        rows = self._query(sql, params)
        return self.rows_for([row[0] for row in rows if under_roots(row[1], leftover)])

    def table_columns(
        self, roots: Sequence[Path] | None = None
    ) -> list[tuple[str, str | None, str | None, float, int, str]]:
        """(headline, section, published, file_time, words, stored path) of every article
        under `roots`, by path: what `reader list` prints, with no object per row."""
        if roots is not None and self._holds_only(roots):
            roots = None
        where, params, leftover = _filters(roots, None, None)
        columns = "headline, section, published, file_time, words, path"
        rows = self._query(f"SELECT {columns} FROM articles{where} ORDER BY path", params)
        if leftover is not None:
            rows = [row for row in rows if under_roots(row[5], leftover)]
        return rows

    def _holds_only(self, roots: Sequence[Path]) -> bool:
        """True when every indexed article lies under `roots`.

        Paths under one folder sort together, so when the lowest and the highest
        stored path are both inside one root, every path is (two index lookups).
        """
        lowest = self._query("SELECT min(path) FROM articles", ())
        highest = self._query("SELECT max(path) FROM articles", ())
        if not lowest or not highest or lowest[0][0] is None:
            return True  # an empty index holds nothing outside the roots
        if span_under_one_root(str(lowest[0][0]), str(highest[0][0]), root_prefixes(roots)):
            return True
        if len(roots) == 1:
            return False
        where, params, leftover = _filters(roots, None, None)
        if leftover is not None:
            return False
        count = self._query(f"SELECT count(*) FROM articles{where}", params)
        return bool(count) and count[0][0] == self.count()

    def search(
        self,
        query: str,
        limit: int = 500,
        roots: Sequence[Path] | None = None,
        *,
        section: str | None = None,
        source: str | None = None,
    ) -> SummaryRows:
        """Articles matching `query`, best first (headline matches before body-only ones).

        Any text is a valid query (see `reader.library.search`); text with
        no word in it matches nothing. Filters apply to the best
        `FILTERED_FETCH` times `limit` matches, so a narrow filter may
        return fewer than `limit` rows.
        """
        filtered = roots is not None or section is not None or source is not None
        try:
            ids = ranked_ids(self._conn(), query, limit * FILTERED_FETCH if filtered else limit)
        except sqlite3.DatabaseError as error:
            if is_damage(error):
                self._recover(error)
            elif not is_locked(error):
                raise
            ids = []
        if not ids:
            return self.rows_for([])
        where, params, leftover = _filters(roots, section, source)
        extra = where.replace(" WHERE ", " AND ", 1)
        sql = (
            f"SELECT id, {ROW_COLUMNS} FROM articles"
            f" WHERE id IN (SELECT value FROM json_each(?)){extra}"
        )
        found: dict[int, Row] = {
            row[0]: row[1:] for row in self._query(sql, [json.dumps(ids), *params])
        }
        if leftover is not None:
            found = {key: row for key, row in found.items() if under_roots(row[0], leftover)}
        return self.rows_for([i for i in ids if i in found][:limit], found)

    def get(self, path: Path | str) -> Summary | None:
        """The summary of one indexed file (by its resolved path), with its lead sentences."""
        key = key_path(Path(path))
        sql = f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM articles WHERE path = ?"
        rows = self._query(sql, (key,))
        return summary_from_row(rows[0]) if rows else None

    def sections(self, roots: Sequence[Path] | None = None) -> list[tuple[str, int]]:
        """Each section and how many articles it has, A-Z."""
        return self._facet("section", roots)

    def sources(self, roots: Sequence[Path] | None = None) -> list[tuple[str, int]]:
        """Each source and how many articles it has, A-Z."""
        return self._facet("source", roots)

    def _facet(self, column: str, roots: Sequence[Path] | None) -> list[tuple[str, int]]:
        """The values of a column with their counts (roots filtered in SQL when few)."""
        where, params, leftover = _filters(roots, None, None)
        if leftover is not None:
            counts: dict[str, int] = {}
            for row in self.summaries(roots):
                value = getattr(row, column)
                if value is not None:
                    counts[value] = counts.get(value, 0) + 1
            return sorted(counts.items(), key=lambda item: item[0].casefold())
        where = (where + " AND" if where else " WHERE") + f" {column} IS NOT NULL"
        sql = (
            f"SELECT {column}, count(*) FROM articles{where}"
            f" GROUP BY {column} ORDER BY {column} COLLATE NOCASE"
        )
        return [(str(row[0]), int(row[1])) for row in self._query(sql, params)]
