"""Parsing the files a refresh needs, in this process or in a pool of worker processes.

Parsing is pure Python and takes a few milliseconds per page capture, so a
large refresh (a cold build of a big library) parses in worker processes,
one per core, while the calling thread writes the index. A small refresh
parses in-process: starting workers costs more than it saves.

Workers are fresh Python processes fed through pipes (`scan_workers`), not
forks: the caller may be a thread of a running Textual app. They are ended
and reaped before `parse_all` finishes, also when the caller stops early;
if one dies, what it had not returned is parsed here. Outcomes come back in
the order of the jobs, so the index gets the same rows, with the same ids,
either way.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from reader.errors import unexpected
from reader.formats import ArticleError, read_article
from reader.formats.budget import within_budget
from reader.library.index_rows import FileKey, hash_file, make_record, pack_text
from reader.library.index_write import Stored
from reader.library.scan_workers import WorkerPool
from reader.model import Article

PARALLEL_MIN_FILES = 200
"""Refreshes that parse at least this many files use worker processes."""
CHUNK_FILES = 24
"""Files per task sent to a worker (a few tens of milliseconds of parsing)."""
CHUNKS_AHEAD = 2
"""Tasks queued per worker beyond the one it runs: bounds the parsed text held in memory."""


@dataclass(frozen=True, slots=True)
class ParseJob:
    """One file to read and parse, with what the refresh knows of it already."""

    path: Path
    key: FileKey
    mtime: float
    """The file's modification time in seconds (the summary's file time)."""
    is_new: bool
    """The index holds no article for this path yet."""
    content_hash: str | None = None
    """The hash of its bytes when the refresh computed it already (to look for a move)."""


Outcome = Stored | str
"""The record and its packed full text, or the reason the file could not be read."""

Reader = Callable[[Path], Article]


def reason(error: OSError) -> str:
    """A plain-words reason for an error met while reading a file."""
    if isinstance(error, FileNotFoundError):
        return "file not found"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a folder, not a file"
    return error.strerror or str(error)


def parse_job(job: ParseJob, read: Reader = read_article) -> Outcome:
    """Hash, read and parse one file into its row values (or the reason it failed).

    A parser bug costs one file ("unexpected error (Type: text)"), never the refresh,
    and so does a parse that runs past its time budget.
    """
    try:
        content_hash = job.content_hash or hash_file(job.path)
    except OSError as error:
        return reason(error)
    try:
        article = within_budget(read, job.path)
    except ArticleError as error:
        return str(error)
    except Exception as error:  # a parser bug must cost one file, not the refresh
        return unexpected(error)
    record = make_record(job.key, article, job.mtime, content_hash)
    return record, pack_text(record.text)


def _parse_chunk(jobs: Sequence[ParseJob]) -> list[Outcome]:
    """A worker's task: parse some files in order."""
    return [parse_job(job) for job in jobs]


def worker_count() -> int:
    """How many worker processes a large refresh starts: one per core it may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def parse_all(
    jobs: Sequence[ParseJob], read: Reader, workers: int | None = None
) -> Generator[Outcome, None, None]:
    """The outcome of each job, in order, parsed lazily as the caller iterates.

    With fewer than PARALLEL_MIN_FILES jobs (or one worker) each file is
    parsed here with `read`, only when its outcome is asked for. Otherwise
    worker processes parse ahead of the caller. Closing the iterator early
    (a cancelled refresh) stops the workers: queued tasks are dropped, running
    ones finish, and every process is joined. If the pool breaks (a worker
    killed), the files it had not returned are parsed here instead.
    """
    count = worker_count() if workers is None else workers
    if len(jobs) < PARALLEL_MIN_FILES or count < 2:
        for job in jobs:
            yield parse_job(job, read)
        return
    yield from _pooled(jobs, count, read)


def _pooled(jobs: Sequence[ParseJob], workers: int, read: Reader) -> Generator[Outcome, None, None]:
    """Parse `jobs` in worker processes, yielding outcomes in job order."""
    chunks = [jobs[k : k + CHUNK_FILES] for k in range(0, len(jobs), CHUNK_FILES)]
    given = 0  # chunks whose outcomes were handed out
    try:
        pool = WorkerPool(min(workers, len(chunks)), CHUNKS_AHEAD)
    except (OSError, subprocess.SubprocessError):
        pool = None  # no process could start: everything is parsed here
    if pool is not None:
        try:
            for outcomes in pool.results(_parse_chunk, chunks):
                given += 1
                yield from cast(list[Outcome], outcomes)
        finally:
            pool.close()
    for chunk in chunks[given:]:  # a worker died, or none started
        for job in chunk:
            yield parse_job(job, read)
