"""`reader add` as a user runs it: one line per input, exit status 1 when any failed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from http_server import HttpServer

from reader.cli import main

PAGES = Path(__file__).parent / "fixtures" / "pages"
ARTICLE = (PAGES / "article.html").read_bytes()
NAME = "2026-03-02-night-ferry-returns-to-tarnwick-after-a-winter-ashore.md"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


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
