"""A large refresh parses in worker processes: same index, progress, cancel, no leftovers.

The threshold for worker processes is lowered here so a small library takes
that path; the files are the same kind the in-process tests use.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from index_helpers import write_article

from reader.library import index_write, scan_parse
from reader.library.index import LibraryIndex
from reader.library.index_rows import FileKey, Record, pack_text
from reader.library.scan_workers import WorkerPool
from reader.library.summary import Summary

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """A folder of 60 articles in three sub-folders, with two unreadable files."""
    folder = tmp_path / "library"
    for number in range(60):
        write_article(
            folder,
            f"{number % 3}/{number:03d}.md",
            f"Dispatch {number} from the harbour wall",
            (f"Paragraph about ferry {number} and the tide tables.", "Crews waited."),
            section=("World", "Local", "Transport")[number % 3],
            published=f"2026-01-{number % 28 + 1:02d}",
            mtime=1_700_000_000 + number,
        )
    (folder / "1" / "empty.txt").write_bytes(b"")
    (folder / "2" / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    return folder


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes for any refresh of 10 files or more, a few files per task."""
    monkeypatch.setattr(scan_parse, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(scan_parse, "CHUNK_FILES", 4)


def dump(path: Path) -> list[Any]:
    """Everything the index file holds, table by table, in a fixed order."""
    conn = sqlite3.connect(path)
    try:
        out: list[Any] = []
        for table, order in (("articles", "id"), ("article_text", "id"), ("failures", "path")):
            out.append(conn.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall())
        for table in ("head_fts", "text_fts"):
            conn.execute(
                f"CREATE VIRTUAL TABLE temp.v_{table} USING fts5vocab(main, {table}, 'instance')"
            )
            out.append(conn.execute(f"SELECT * FROM temp.v_{table} ORDER BY 1, 2, 3, 4").fetchall())
        return out
    finally:
        conn.close()


def build(index_path: Path, folder: Path) -> tuple[int, list[tuple[str, str]]]:
    """Build an index of `folder`; (articles added, failures as (name, reason))."""
    with LibraryIndex(index_path) as index:
        result = index.refresh([folder])
    return result.added, [(p.path.name, p.reason) for p in result.failed]


def children() -> set[int]:
    """The ids of this process's child processes, as the kernel lists them."""
    found: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        found.update(int(pid) for pid in (task / "children").read_text().split())
    return found


def no_workers_left() -> bool:
    """True when this process has no child processes left (running or unreaped)."""
    return children() == set()


def test_workers_build_the_same_index_as_one_process(
    tmp_path: Path, many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = build(tmp_path / "alone.sqlite3", many)
    monkeypatch.setattr(scan_parse, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(scan_parse, "CHUNK_FILES", 4)
    with_workers = build(tmp_path / "workers.sqlite3", many)
    assert alone == with_workers
    assert alone[0] == 60
    assert sorted(alone[1]) == [
        ("binary.txt", "binary file, not text"),
        ("empty.txt", "empty file"),
    ]
    assert dump(tmp_path / "alone.sqlite3") == dump(tmp_path / "workers.sqlite3")
    assert no_workers_left()


@pytest.mark.usefixtures("pooled")
def test_a_refresh_in_a_thread_reports_progress_and_leaves_no_process(
    tmp_path: Path, many: Path
) -> None:
    seen: list[tuple[int, int, str]] = []
    outcome: list[Any] = []

    def work() -> None:
        with LibraryIndex(tmp_path / "index.sqlite3") as index:
            result = index.refresh(
                [many],
                progress=lambda done, total: seen.append(
                    (done, total, threading.current_thread().name)
                ),
            )
            outcome.append((result.added, index.count(), len(index.search("ferry"))))

    thread = threading.Thread(target=work, name="scanner")
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert outcome == [(60, 60, 60)]
    assert seen[0][:2] == (0, 62) and seen[-1][:2] == (62, 62)
    assert {name for *_, name in seen} == {"scanner"}
    assert no_workers_left()


@pytest.mark.usefixtures("pooled")
def test_a_cancelled_parallel_refresh_stops_keeps_its_rows_and_its_workers_end(
    tmp_path: Path, many: Path
) -> None:
    checks = 0

    def cancelled() -> bool:
        nonlocal checks
        checks += 1
        return checks > 62 + 20  # the plan checks each file once, then 20 files are stored

    with LibraryIndex(tmp_path / "index.sqlite3") as index:
        result = index.refresh([many], cancelled=cancelled)
        assert result.cancelled
        assert 0 < index.count() < 60
        assert no_workers_left()
        rest = index.refresh([many])
        assert index.count() == 60 and rest.added == 60 - (result.added)
    assert no_workers_left()


@pytest.mark.usefixtures("pooled")
def test_when_no_worker_can_start_this_process_parses(
    tmp_path: Path, many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cannot_start(*args: object) -> None:
        raise OSError("no processes left")

    monkeypatch.setattr(scan_parse, "WorkerPool", cannot_start)
    assert build(tmp_path / "index.sqlite3", many)[0] == 60


@pytest.mark.usefixtures("pooled")
def test_when_a_worker_dies_this_process_parses_the_rest(
    tmp_path: Path, many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The workers are sent os._exit as their task: each ends with nothing returned.
    monkeypatch.setattr(scan_parse, "_parse_chunk", os._exit)
    assert build(tmp_path / "index.sqlite3", many) == build(tmp_path / "alone.sqlite3", many)
    assert no_workers_left()


def test_a_worker_pool_gives_results_in_order_and_ends_its_processes() -> None:
    pool = WorkerPool(2, ahead=1)
    try:
        assert list(pool.results(abs, list(range(0, -40, -1)))) == list(range(40))
        assert len(children()) == 2
    finally:
        pool.close()
    assert no_workers_left()


def test_a_worker_pool_stops_when_a_worker_dies() -> None:
    pool = WorkerPool(2, ahead=0)
    try:
        assert list(pool.results(os._exit, [3, 3, 3, 3])) == []
        assert pool.broken
    finally:
        pool.close()
    assert no_workers_left()


def test_closing_a_pool_early_ends_workers_that_still_hold_tasks() -> None:
    pool = WorkerPool(2, ahead=3)
    processes = [worker.process for worker in pool._workers]
    results = pool.results(time.sleep, [0.0, 30.0, 30.0, 30.0, 30.0])
    assert next(results) is None
    results.close()
    pool.close()
    # Killed, not waited for: each held half a minute of work.
    assert [process.returncode for process in processes] == [-signal.SIGKILL] * 2
    assert no_workers_left()


def test_reader_index_parses_a_large_library_in_workers(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    count = scan_parse.PARALLEL_MIN_FILES + 20
    for number in range(count):
        write_article(folder, f"{number:04d}.md", f"Note {number} on the quay", ("Tide.",))
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "reader", "index", str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert f"{count:,} added" in done.stderr
    assert "Traceback" not in done.stderr


def record(path: str, headline: str) -> tuple[Record, bytes]:
    """A record for a made-up file, with its packed text."""
    text = (headline, "", f"Body of {headline}.")
    row = Summary(Path(path), headline, None, None, None, 1.0, 3, 1, content_hash="h")
    made = Record(FileKey(path, 10, 20), row, 1.0, text)
    return made, pack_text(text)


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """A connection to a new, empty index file."""
    with LibraryIndex(tmp_path / "index.sqlite3"):
        pass
    connection = sqlite3.connect(tmp_path / "index.sqlite3", isolation_level=None)
    yield connection
    connection.close()


def test_storing_many_gives_the_rows_storing_one_by_one_gives(
    conn: sqlite3.Connection, tmp_path: Path
) -> None:
    first = [record("/a", "Alpha"), record("/b", "Beta"), record("/c", "Gamma")]
    second = [record("/d", "Delta"), record("/b", "Beta again"), record("/d", "Delta again")]
    conn.execute("BEGIN")
    assert index_write.store_many(conn, first) == 3
    index_write.delete_path(conn, "/c")  # the largest id goes: the next new row takes it again
    assert index_write.store_many(conn, second) == 1
    conn.execute("COMMIT")
    with LibraryIndex(tmp_path / "one.sqlite3"):
        pass
    one = sqlite3.connect(tmp_path / "one.sqlite3", isolation_level=None)
    one.execute("BEGIN")
    for item in first:
        index_write.store(one, *item)
    index_write.delete_path(one, "/c")
    for item in second:
        index_write.store(one, *item)
    one.execute("COMMIT")
    one.close()
    assert dump(tmp_path / "index.sqlite3") == dump(tmp_path / "one.sqlite3")
    rows = conn.execute("SELECT id, path, headline FROM articles ORDER BY id").fetchall()
    assert rows == [(1, "/a", "Alpha"), (2, "/b", "Beta again"), (3, "/d", "Delta again")]
