"""Refreshing the index from the folders: parse what is new or changed, drop what vanished.

A file is keyed by its resolved folder plus its name, its size and its
modification time in nanoseconds. A file whose key is unchanged is never
read again (nor one that failed with that key: its reason is stored). A
new file whose bytes equal those of a file that vanished in the same scan
is a rename or a move: its row gets the new path without a parse.

A refresh first checks every file against the index (a `stat` each, no
reading) and makes a plan: one step per file, in order. The files to parse
are then parsed, in worker processes when there are many (`scan_parse`),
while this thread carries out the plan in order, so the index gets the same
rows whatever parsed them.

Parsing happens outside any transaction; results are written in short
batches (`BATCH_FILES` files or `BATCH_SECONDS`), so another `reader`
process is never locked out for long. If the index stays locked beyond
the busy timeout, the refresh stops writing and says so (`read_only`): the
list still shows what the index held, and the next refresh catches up.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.formats import read_article
from reader.library import index_write, scan_parse
from reader.library.files import Problem
from reader.library.index_rows import FileKey, hash_file
from reader.library.index_schema import is_locked
from reader.library.recheck import survey_elsewhere, survey_index
from reader.library.scan_parse import Outcome, ParseJob, parse_all
from reader.library.scan_parse import reason as _reason
from reader.library.survey import Candidate, Check, Survey

Progress = Callable[[int, int], object]
"""Called with (files checked, files found) while a refresh runs."""
Cancelled = Callable[[], bool]
"""Returns True when the refresh should stop (it then commits what it has and returns)."""

BATCH_FILES = 1000
BATCH_SECONDS = 0.5
PROGRESS_SECONDS = 0.1
"""Progress is reported at most this often (and once at the start and the end)."""

_Write = Callable[[sqlite3.Connection], object]
_Pending = _Write | index_write.Stored
"""A write to make: a function of the connection, or an article to store."""
_Step = Callable[[], None] | ParseJob
"""What the plan does for one file: an action, or a parse whose outcome is then stored."""


@dataclass(slots=True)
class RefreshResult:
    """What a refresh did: counts, and the files that could not be read, with reasons."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    moved: int = 0
    """Renamed or moved files, matched by content hash and not parsed again."""
    unchanged: int = 0
    failed: list[Problem] = field(default_factory=list)
    """Files and folders that could not be read (also unchanged ones that failed before)."""
    total: int = 0
    """Article files found."""
    cancelled: bool = False
    read_only: bool = False
    """The index stayed locked by another process: some changes were not written."""

    @property
    def changed(self) -> bool:
        """True when the list of articles may differ from before the refresh."""
        return bool(self.added or self.updated or self.removed or self.moved)


@dataclass(frozen=True, slots=True)
class _Stored:
    """An indexed article as the refresh sees it."""

    id: int
    size: int
    mtime_ns: int
    content_hash: str


class _Refresh:
    """One refresh run: the index's view, pending writes, the result so far."""

    def __init__(self, conn: sqlite3.Connection, progress: Progress, cancelled: Cancelled) -> None:
        self.conn = conn
        self.progress = progress
        self.cancelled = cancelled
        self.result = RefreshResult()
        self.pending: list[_Pending] = []
        self.last_flush = self.last_progress = time.monotonic()
        self.stored: dict[str, _Stored] = {}
        self.failures: dict[str, tuple[int, int, str]] = {}
        self.vanished_by_hash: dict[tuple[str, int], list[str]] = {}
        self.vanished_sizes: set[int] = set()
        self.plan: list[_Step] = []
        self.jobs: list[ParseJob] = []
        self.survey = Survey()

    def load(self, paths: Sequence[str]) -> None:
        """Read what the index holds of `paths` (the few the survey found different)."""
        if not paths:
            return
        chosen = "SELECT value FROM json_each(?)"
        listed = json.dumps(list(paths))
        columns = "path, id, size, mtime_ns, content_hash"
        sql = f"SELECT {columns} FROM articles WHERE path IN ({chosen})"
        for row in self.conn.execute(sql, (listed,)):
            self.stored[row[0]] = _Stored(row[1], row[2], row[3], row[4])
        sql = f"SELECT path, size, mtime_ns, reason FROM failures WHERE path IN ({chosen})"
        for row in self.conn.execute(sql, (listed,)):
            self.failures[row[0]] = (row[1], row[2], row[3])

    def run(self, survey: Survey) -> RefreshResult:
        """Write the differences a survey of the folders found."""
        self.survey = survey
        self.result.failed.extend([*survey.problems, *survey.failed_before])
        self.result.total = survey.total
        self.result.unchanged = survey.unchanged
        self.progress(survey.unchanged, survey.total)
        self.load([*(c.key for c in survey.candidates), *survey.vanished])
        vanished = [path for path in survey.vanished if path in self.stored]
        for gone in vanished:
            item = self.stored[gone]
            self.vanished_by_hash.setdefault((item.content_hash, item.size), []).append(gone)
            self.vanished_sizes.add(item.size)
        for candidate in survey.candidates:
            if self.cancelled():
                break
            step = self.check(candidate)
            self.plan.append(step)
            if isinstance(step, ParseJob):
                self.jobs.append(step)
        self.carry_out()
        if not self.result.read_only:
            self.finish(vanished)
        if not self.result.cancelled and not self.result.read_only:
            self.progress(survey.total, survey.total)
        return self.result

    def carry_out(self) -> None:
        """Take the plan's steps in order, parsing as needed (in workers when many)."""
        big = len(self.jobs) >= scan_parse.PARALLEL_MIN_FILES
        if big:
            # A cache rebuilt when damaged: no waiting on the disk during a large build.
            self.conn.execute("PRAGMA synchronous = OFF")
        outcomes = parse_all(self.jobs, lambda path: read_article(path))
        try:
            for done, step in enumerate(self.plan, start=1):
                if self.cancelled():
                    self.result.cancelled = True
                    break
                if isinstance(step, ParseJob):
                    self.parsed(step, next(outcomes))
                else:
                    step()
                if self.result.read_only:
                    break
                self.tick(done)
            else:
                if len(self.plan) < len(self.survey.candidates):  # cancelled while planning
                    self.result.cancelled = True
        finally:
            outcomes.close()  # stops any workers still parsing
            if big:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("PRAGMA synchronous = NORMAL")

    def tick(self, done: int) -> None:
        """Report progress and write a batch when it is due."""
        now = time.monotonic()
        if now - self.last_progress >= PROGRESS_SECONDS:
            self.last_progress = now
            self.progress(self.result.unchanged + done, self.result.total)
        if len(self.pending) >= BATCH_FILES or now - self.last_flush >= BATCH_SECONDS:
            self.flush()

    def check(self, candidate: Candidate) -> _Step:
        """Compare one file the survey found different with the index; the step for it."""
        path, key_path = Path(candidate.path), candidate.key
        if candidate.error is not None:
            return self.failing(path, key_path, None, candidate.error)
        key = FileKey(key_path, candidate.size, candidate.mtime_ns)
        stored = self.stored.get(key_path)
        if stored is not None and (stored.size, stored.mtime_ns) == (key.size, key.mtime_ns):
            return self.unchanged  # another process indexed it since the survey
        failure = self.failures.get(key_path)
        if stored is None and failure is not None and failure[:2] == (key.size, key.mtime_ns):
            problem = Problem(path, failure[2])
            return lambda: self.result.failed.append(problem)
        content_hash: str | None = None
        if stored is None and key.size in self.vanished_sizes:
            # A vanished file of this size: this one may be it, moved (same bytes).
            try:
                content_hash = hash_file(path)
            except OSError as error:
                return self.failing(path, key_path, key, _reason(error))
            moved = self.try_move(key, content_hash, candidate.mtime)
            if moved is not None:
                return moved
        return ParseJob(path, key, candidate.mtime, stored is None, content_hash)

    def unchanged(self) -> None:
        """The step for a file whose key is unchanged: count it."""
        self.result.unchanged += 1

    def failing(self, path: Path, key_path: str, key: FileKey | None, why: str) -> _Step:
        """The step for a file that could not be read."""
        return lambda: self.fail(path, key_path, key, why)

    def try_move(self, key: FileKey, content_hash: str, file_time: float) -> _Step | None:
        """The step that renames a vanished file's row when it had these bytes, else None."""
        candidates = self.vanished_by_hash.get((content_hash, key.size))
        if not candidates:
            return None
        old = candidates.pop()
        row_id = self.stored.pop(old).id

        def write(conn: sqlite3.Connection) -> None:
            index_write.move(conn, row_id, key.path, key.mtime_ns, file_time)

        def step() -> None:
            self.pending.append(write)
            self.result.moved += 1

        return step

    def parsed(self, job: ParseJob, outcome: Outcome) -> None:
        """Queue the row of a parsed file, or its failure."""
        if isinstance(outcome, str):
            self.fail(job.path, job.key.path, job.key, outcome)
            return
        self.pending.append(outcome)
        if job.is_new:
            self.result.added += 1
        else:
            self.result.updated += 1

    def fail(self, path: Path, key_path: str, key: FileKey | None, reason: str) -> None:
        """Report a file that could not be read; remember it so it is not parsed again."""
        self.result.failed.append(Problem(path, reason))
        was_stored = self.stored.pop(key_path, None) is not None

        def write(conn: sqlite3.Connection) -> None:
            index_write.delete_path(conn, key_path)
            if key is not None:
                index_write.record_failure(conn, key_path, key.size, key.mtime_ns, reason)

        if was_stored or key is not None:
            self.pending.append(write)

    def finish(self, vanished: list[str]) -> None:
        """Drop vanished files (those not matched as moves), write what is pending, and
        (unless cancelled) the folder records that let the next check skip folders."""
        gone = [path for path in vanished if path in self.stored]
        survey = self.survey
        recorded = not self.result.cancelled  # a record says: the index holds this folder

        def write(conn: sqlite3.Connection) -> None:
            for path in gone:
                index_write.delete_path(conn, path)
            for path in survey.stale_failures:
                index_write.forget_failure(conn, path)
            if recorded:
                index_write.store_folders(conn, survey.folders)
                index_write.forget_folders(conn, survey.gone_folders)

        self.result.removed += len(gone)
        self.pending.append(write)
        self.flush()

    def flush(self) -> None:
        """Write the pending changes in one short transaction; on a lasting lock, stop writing."""
        self.last_flush = time.monotonic()
        if not self.pending or self.result.read_only:
            return
        writes, self.pending = self.pending, []
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if not is_locked(error):
                raise
            self.result.read_only = True
            return
        try:
            _write_all(self.conn, writes)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise


def _write_all(conn: sqlite3.Connection, writes: Sequence[_Pending]) -> None:
    """Make the writes in order; a run of articles to store goes in as one batch."""
    batch: list[index_write.Stored] = []
    for write in writes:
        if isinstance(write, tuple):
            batch.append(write)
            continue
        index_write.store_many(conn, batch)
        batch = []
        write(conn)
    index_write.store_many(conn, batch)


def refresh_index(
    conn: sqlite3.Connection,
    roots: Sequence[Path],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    *,
    check: Check = Check.FULL,
    elsewhere: Path | None = None,
) -> RefreshResult:
    """Bring the index up to date with the article files under `roots`.

    `check` says how deep to look (`survey.Check`); with `elsewhere` (the
    index file's path) the folders are surveyed in a worker process.
    `progress(done, total)` is called now and then from this thread;
    `cancelled()` is checked before each file. Rows of files outside
    `roots` are left alone, so one index serves several folders.
    """
    names = [os.fspath(root) for root in roots]
    found = None if elsewhere is None else survey_elsewhere(elsewhere, names, check)
    if found is None:
        found = survey_index(conn, names, check)
    run = _Refresh(conn, progress or (lambda done, total: None), cancelled or (lambda: False))
    return run.run(found)
