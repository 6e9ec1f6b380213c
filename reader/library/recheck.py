"""Running a survey of the folders here or in a worker process, against an index file.

The app's start-up check surveys 100,000 files: a stat each, and reading
every stored key, about half a CPU-second that would otherwise compete with
key presses in the app's interpreter. So the app runs it in a fresh worker
process (`scan_workers.WorkerPool`, one worker): the worker opens the index
file itself, walks, and sends back only the differences (`survey.Survey`).
When no worker can start, or it fails, the survey runs here instead.
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.library.index_schema import connect
from reader.library.known import Known
from reader.library.scan_workers import WorkerPool
from reader.library.survey import Check, Survey, needs_full, survey


def survey_index(conn: sqlite3.Connection, roots: Sequence[str], check: Check) -> Survey:
    """Survey `roots` against the index open on `conn` (a quick check of a root never
    checked before is made full)."""
    known = Known(conn, everything=False)
    if check == Check.QUICK and needs_full(roots, known):
        check = Check.FULL
    if check == Check.FULL:
        known.read_everything()
    return survey(roots, known, check)


@dataclass(frozen=True, slots=True)
class SurveyTask:
    """What a worker needs to survey: the index file, the roots, the depth."""

    index: str
    roots: tuple[str, ...]
    check: Check


def run_task(task: SurveyTask) -> Survey | str:
    """A worker's task: open the index, survey, close (an index error comes back as text)."""
    try:
        conn = connect(Path(task.index))
        try:
            return survey_index(conn, task.roots, task.check)
        finally:
            conn.close()
    except sqlite3.Error as error:  # locked or damaged: the caller surveys (and repairs) itself
        return str(error)


def survey_elsewhere(index: Path, roots: Sequence[str], check: Check) -> Survey | None:
    """The survey, made in a worker process; None when that could not be done."""
    try:
        pool = WorkerPool(1, 0)
    except (OSError, subprocess.SubprocessError):
        return None
    try:
        for result in pool.results(run_task, [SurveyTask(str(index), tuple(roots), check)]):
            return result if isinstance(result, Survey) else None
        return None  # the worker died
    finally:
        pool.close()
