"""File names are text from outside: any name the file system allows is indexed, listed and
opened, and none of its bytes reaches the terminal as a control sequence."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from ui_helpers import NARROW, RecordingApp, make_app, settle, wait_until

from reader.formats.text import shown_json, shown_text
from reader.library.path_text import file_path, stored_path

ROOT = Path(__file__).resolve().parent.parent

HOSTILE_NAMES = [
    b"bad\xffname.md",  # not UTF-8
    b"raw\x9bc1.md",  # a lone C1 byte, not UTF-8 either
    b"e\x1b]0;OWNED\x07.md",  # OSC: sets the window title
    b"x\x1b[2J.md",  # CSI: clears the screen
    "c1\u009bcsi.md".encode(),  # C1 CSI spelled in UTF-8
    b"new\nline.md",
    b"tab\there.md",
    "bidi\u202egnp.md".encode(),  # a right-to-left override
    b"[bold]x[red].md",  # Rich markup
    b"l" * 240 + b".md",  # near the longest name a file system allows
]
BINARY_NAME = b"\x1b[31mbin\xff.md"

# What must never reach stdout or stderr: C0 controls other than newline, DEL, C1.
_FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def article_text(number: int) -> bytes:
    """A small Markdown article whose headline and body say which one it is."""
    return (
        f"---\ntitle: Harbour story {number}\n---\n\n"
        f"The harbour story number {number} is told here plainly.\n"
    ).encode()


def hostile_library(folder: Path) -> list[bytes]:
    """A folder of articles with hostile names, plus one binary file; their paths as bytes."""
    folder.mkdir()
    paths = []
    for number, name in enumerate(HOSTILE_NAMES):
        path = os.fsencode(folder) + b"/" + name
        with open(path, "wb") as file:
            file.write(article_text(number))
        paths.append(path)
    with open(os.fsencode(folder) + b"/" + BINARY_NAME, "wb") as file:
        file.write(b"\x00\x01\x02\xff\xfe" * 100)
    return paths


def reader(*args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m reader` with its output as raw bytes, as a terminal would get them."""
    environment = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        cwd=ROOT,
        env=environment,
        check=False,
    )


def assert_harmless(output: bytes) -> str:
    """`output` is UTF-8 and holds no control character a terminal would act on."""
    text = output.decode("utf-8")  # raises on any raw byte that is not UTF-8
    assert not _FORBIDDEN.findall(text), text
    assert "\u202e" not in text
    return text


def shown_notices(app: RecordingApp) -> list[str]:
    """The text of every notification shown, its title and its message."""
    return [f"{notice.title}\n{notice.message}" for notice in app.notices]


@pytest.fixture
def library(tmp_path: Path) -> list[bytes]:
    return hostile_library(tmp_path / "L")


def test_index_and_search_list_every_hostile_name(tmp_path: Path, library: list[bytes]) -> None:
    indexed = reader("index", str(tmp_path / "L"))
    out = assert_harmless(indexed.stdout)
    err = assert_harmless(indexed.stderr)
    assert f"{len(HOSTILE_NAMES)} added" in out + err
    assert "\\e[31mbin\\xff.md: binary file, not text" in err
    assert "Traceback" not in err

    found = reader("search", "harbour", str(tmp_path / "L"))
    out = assert_harmless(found.stdout)
    assert_harmless(found.stderr)
    assert found.returncode == 0
    assert out.count("Harbour story") == len(HOSTILE_NAMES)
    for shown in ["bad\\xffname.md", "e\\e]0;OWNED\\x07.md", "x\\e[2J.md", "bidi\\u202egnp.md"]:
        assert shown in out


def test_search_json_gives_back_the_real_paths(tmp_path: Path, library: list[bytes]) -> None:
    found = reader("search", "--json", "harbour", str(tmp_path / "L"))
    rows = json.loads(assert_harmless(found.stdout))
    assert sorted(os.fsencode(row["path"]) for row in rows) == sorted(library)


def test_list_shows_every_name_readably(tmp_path: Path, library: list[bytes]) -> None:
    listed = reader("list", str(tmp_path / "L"))
    out = assert_harmless(listed.stdout)
    err = assert_harmless(listed.stderr)
    assert out.count("Harbour story") == len(HOSTILE_NAMES)
    for shown in ["raw\\x9bc1.md", "c1\\x9bcsi.md", "new\\nline.md", "tab\\there.md"]:
        assert shown in out
    assert "[bold]x[red].md" in out  # markup in a name is printed as written
    assert "binary file, not text" in err


def test_show_and_parse_open_every_hostile_name(library: list[bytes]) -> None:
    for number, path in enumerate(library):
        shown = reader("show", path)
        assert shown.returncode == 0, shown.stderr
        assert f"Harbour story {number}" in assert_harmless(shown.stdout)
        parsed = reader("parse", path)
        assert json.loads(assert_harmless(parsed.stdout))["headline"] == f"Harbour story {number}"


def test_show_on_an_unreadable_hostile_name_says_so_harmlessly(tmp_path: Path) -> None:
    hostile_library(tmp_path / "L")
    shown = reader("show", os.fsencode(tmp_path / "L") + b"/" + BINARY_NAME)
    assert shown.returncode == 1
    err = assert_harmless(shown.stderr)
    assert err.startswith("reader: ") and err.endswith(
        "\\e[31mbin\\xff.md: binary file, not text\n"
    )


async def test_the_tui_lists_and_opens_every_hostile_name(
    tmp_path: Path, library: list[bytes]
) -> None:
    app = make_app(tmp_path / "L", app_class=RecordingApp)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert app.main_screen.article_list.row_count == len(HOSTILE_NAMES)
        notices = shown_notices(app)
        assert len(notices) == 1 and "\\e[31mbin\\xff.md" in notices[0]
        for row in range(len(HOSTILE_NAMES)):
            app.main_screen.article_list.cursor = row
            expected = app.main_screen.article_list.rows[row]
            await pilot.press("enter")
            await wait_until(pilot, lambda: app.main_screen.article_view.path == expected.path)  # noqa: B023
            article = app.main_screen.article_view.article
            assert article is not None and article.headline == expected.headline
            await pilot.press("escape")
        assert not _FORBIDDEN.findall(app.export_screenshot())


async def test_the_tui_says_a_hostile_name_cannot_be_read_harmlessly(tmp_path: Path) -> None:
    folder = tmp_path / "L"
    folder.mkdir()
    path = os.fsencode(folder) + b"/e\x1b]0;OWNED\x07.md"
    with open(path, "wb") as file:
        file.write(article_text(1))
    app = make_app(folder, app_class=RecordingApp)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        os.unlink(path)  # gone after it was listed
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Cannot read" in app.main_screen.article_view.message)
        assert "e\\e]0;OWNED\\x07.md" in app.main_screen.article_view.message
        assert not _FORBIDDEN.findall(app.main_screen.article_view.message.replace("\n", ""))
        notices = shown_notices(app)
        assert notices and "e\\e]0;OWNED\\x07.md" in notices[-1]
        assert not _FORBIDDEN.findall("".join(notices).replace("\n", ""))


def test_shown_text_writes_out_everything_a_terminal_acts_on() -> None:
    assert shown_text("plain name.md") == "plain name.md"
    assert shown_text("e\x1b]0;x\x07") == "e\\e]0;x\\x07"
    assert shown_text("a\u009bb\x7f") == "a\\x9bb\\x7f"
    assert shown_text(os.fsdecode(b"bad\xff")) == "bad\\xff"
    assert shown_text("r\u202eL\u200b") == "r\\u202eL\\u200b"
    assert shown_text("Zoë, 東京") == "Zoë, 東京"


def test_shown_json_means_the_same_to_a_json_reader() -> None:
    data = {"path": os.fsdecode(b"e\x1b]\xff\x07") + "\u202e\U000e0041 é"}
    document = shown_json(json.dumps(data, ensure_ascii=False))
    assert not _FORBIDDEN.findall(document) and "\u202e" not in document
    assert json.loads(document) == data
    assert json.loads(shown_json(json.dumps(data, ensure_ascii=False, indent=2))) == data


def test_stored_paths_are_valid_utf8_and_come_back() -> None:
    path = os.fsdecode(b"/lib/bad\xff\x80name.md")
    stored = stored_path(path)
    stored.encode("utf-8")  # what SQLite needs
    assert file_path(stored) == path
    assert stored_path("/lib/Zoë.md") == "/lib/Zoë.md"
