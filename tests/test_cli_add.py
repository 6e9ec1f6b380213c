"""`reader add` as a user runs it: one line per input, exit status 1 when any failed."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import run
from click.testing import CliRunner
from http_server import HttpServer

from reader.cli import main

PAGES = Path(__file__).parent / "fixtures" / "pages"
ARTICLE = (PAGES / "article.html").read_bytes()
NAME = "2026-03-02-night-ferry-returns-to-tarnwick-after-a-winter-ashore.md"


def test_add_url_then_again(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.route("/ferry", ARTICLE)
    library = tmp_path / "lib"
    first = run("add", "--no-photos", "--library", str(library), http_server.url("/ferry"))
    written = library.resolve() / NAME
    assert first.exit_code == 0
    assert first.stdout == f"added {written}\n"
    assert first.stderr == ""
    second = run("add", "--no-photos", "--library", str(library), http_server.url("/ferry"))
    assert second.exit_code == 0
    assert second.stdout == f"already in the library: {written}\n"


def test_one_line_per_input_and_status_1_when_any_failed(
    http_server: HttpServer, tmp_path: Path
) -> None:
    http_server.route("/ferry", ARTICLE)
    http_server.route("/index", (PAGES / "index.html").read_bytes())
    library = tmp_path / "lib"
    note = tmp_path / "note.txt"
    note.write_text("A short note about the gulls.\n", encoding="utf-8")
    result = run(
        "add",
        "--no-photos",
        "--library",
        str(library),
        http_server.url("/index"),
        "data:text/html,hi",
        http_server.url("/ferry"),
        str(note),
        str(tmp_path / "nope.md"),
    )
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"added {library.resolve() / NAME}",
        f"added {library.resolve() / 'note.txt'}",
    ]
    assert result.stderr.splitlines() == [
        f"reader: {http_server.url('/index')}: looks like an index page listing other articles "
        "(8 headlines), not an article",
        "reader: data:text/html,hi: refused: only http and https URLs are fetched",
        f"reader: {tmp_path / 'nope.md'}: not found",
    ]


def test_library_defaults_to_reader_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = tmp_path / "default-lib"
    monkeypatch.setenv("READER_LIBRARY", str(library))
    result = run("add", str(PAGES / "article.html"))
    assert result.exit_code == 0, result.stderr
    assert (library / NAME).is_file()


def test_add_needs_an_input() -> None:
    result = CliRunner().invoke(main, ["add"])
    assert result.exit_code == 2
    assert "PATH_OR_URL" in result.stderr


def test_add_is_listed_in_help() -> None:
    assert "add" in run("--help").stdout


def test_subprocess_never_shows_a_traceback(tmp_path: Path) -> None:
    weird = tmp_path / "weird.html"
    weird.write_bytes(b"\x00\x01\x02" * 1000)
    env = {**os.environ, "READER_LIBRARY": str(tmp_path / "lib")}
    done = subprocess.run(
        [sys.executable, "-m", "reader", "add", str(weird), "http://127.0.0.1:9/none"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert lines[0].startswith(f"reader: {weird}: not a web page")
    assert lines[1] == "reader: http://127.0.0.1:9/none: connection refused"


def test_a_bad_port_is_plain_words(tmp_path: Path) -> None:
    result = run("add", "--library", str(tmp_path / "lib"), "http://127.0.0.1:99999/x")
    assert result.exit_code == 1
    assert result.stderr == (
        "reader: http://127.0.0.1:99999/x: not a valid URL: "
        "the port must be a number from 0 to 65535\n"
    )


class _FullDiskConnection:
    """A ledger connection on a full disk: the first write fails as SQLite fails it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(
        self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] = ()
    ) -> sqlite3.Cursor:
        if not sql.lstrip().upper().startswith(("SELECT", "ROLLBACK")):
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, parameters)

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


def _leftovers(*folders: Path) -> list[Path]:
    """Every file under the folders (hidden ones too)."""
    return sorted(p for folder in folders if folder.exists() for p in folder.rglob("*"))


@pytest.mark.parametrize("source", ["article.html", "note.md"])
def test_a_full_disk_says_so_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    state = Path(os.environ["READER_STATE_DIR"])
    library = tmp_path / "lib"
    note = tmp_path / "note.md"
    note.write_text("# Gulls return\n\nThe gulls came back to the pier.\n", encoding="utf-8")
    target = str(PAGES / source) if source.endswith(".html") else str(note)
    real_connect = sqlite3.connect

    def full_disk(database: str | os.PathLike[str], **options: Any) -> _FullDiskConnection:
        return _FullDiskConnection(real_connect(database, **options))

    monkeypatch.setattr("reader.ingest.ledger.sqlite3.connect", full_disk)
    result = run("add", "--library", str(library), "--no-photos", target)
    assert result.exit_code == 1
    assert result.stderr == f"reader: {target}: disk full\n"
    assert [p for p in _leftovers(library, state) if p.is_file()] == []


def test_a_full_disk_while_writing_the_article_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = Path(os.environ["READER_STATE_DIR"])
    library = tmp_path / "lib"

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("reader.ingest.write.os.fsync", no_space)
    result = run("add", "--library", str(library), "--no-photos", str(PAGES / "article.html"))
    assert result.exit_code == 1
    assert result.stderr == f"reader: {PAGES / 'article.html'}: disk full\n"
    assert [p for p in _leftovers(library) if p.is_file()] == []
    with sqlite3.connect(state / "added.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM added").fetchone() == (0,)
    conn.close()
