"""The `reader` command as a user runs it: parse, show, list, help, and bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import ARTICLES, BUNDLED, CAPTURE, ROOT, run, run_process
from click.testing import CliRunner
from rich.cells import cell_len

from reader.cli import main
from reader.cli.article_table import middle_cut

MARKDOWN = """\
---
title: "Night ferry to Selka resumes after [winter] break"
section: Travel
bullets:
  - The crossing takes six hours and runs three nights a week
byline: Petra Lund
published: 2026-06-09
source: The Selka Post
url: https://selka-post.invalid/ferry
---

The night ferry to Selka sailed again on Tuesday after its winter break, with
a full deck of cars and a handful of cyclists.

## A longer season

The operator says the season will run until late October this year.
"""


@pytest.fixture
def capture(tmp_path: Path) -> Path:
    """A small page capture written for these tests."""
    path = tmp_path / "hail.txt"
    path.write_text(CAPTURE, encoding="utf-8")
    return path


@pytest.fixture
def markdown(tmp_path: Path) -> Path:
    """A Markdown article with front matter written for these tests."""
    path = tmp_path / "ferry.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    return path


# reader parse --json: the public contract

CONTRACT_KEYS = [
    "headline",
    "section",
    "bullets",
    "byline",
    "published",
    "source",
    "url",
    "words",
    "format",
    "blocks",
]


def check_contract(data: dict[str, object]) -> None:
    """Assert the exact keys and types of the `reader parse --json` contract."""
    assert list(data) == CONTRACT_KEYS
    assert isinstance(data["headline"], str) and data["headline"]
    for key in ("section", "byline", "published", "source", "url"):
        assert data[key] is None or isinstance(data[key], str), key
    assert isinstance(data["bullets"], list)
    assert all(isinstance(bullet, str) for bullet in data["bullets"])
    assert isinstance(data["words"], int) and not isinstance(data["words"], bool)
    assert isinstance(data["format"], str)
    assert isinstance(data["blocks"], list)
    for block in data["blocks"]:
        assert isinstance(block, dict)
        # "image" is there only on a caption with a photo (Markdown articles; never captures).
        keys = ["kind", "text", "credit"] + (["image"] if block.get("kind") == "caption" else [])
        assert list(block) in (["kind", "text", "credit"], keys)
        assert block["kind"] in ("paragraph", "caption", "related", "subheading", "quote")
        assert isinstance(block["text"], str)
        assert block["credit"] is None or isinstance(block["credit"], str)
        assert isinstance(block.get("image", ""), str)


def test_parse_json_prints_one_object_with_the_contract(capture: Path) -> None:
    result = run("parse", "--json", str(capture))
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 1
    data = json.loads(result.stdout)
    check_contract(data)
    assert data["headline"] == "Hailstorm strips the blossom from Vennick's cherry orchards"
    assert data["section"] == "Weather"
    assert len(data["bullets"]) == 2
    kinds = [block["kind"] for block in data["blocks"]]
    assert kinds[0] == "caption" and data["blocks"][0]["credit"] == "Orla Teague"
    # Element-by-element parsing is tested with the parser; here, that the body comes through.
    assert kinds.count("paragraph") >= 3
    assert data["blocks"][1]["text"].startswith("Growers in the hills above Vennick")
    assert data["words"] > 50


def test_parse_json_markdown_keeps_text_as_written(markdown: Path) -> None:
    data = json.loads(run("parse", "--json", str(markdown)).stdout)
    check_contract(data)
    assert data["headline"] == "Night ferry to Selka resumes after [winter] break"
    assert data["format"] == "markdown"
    assert data["byline"] == "Petra Lund"
    assert data["url"] == "https://selka-post.invalid/ferry"
    assert {"kind": "subheading", "text": "A longer season", "credit": None} in data["blocks"]


def test_parse_json_writes_utf8_not_escapes(tmp_path: Path) -> None:
    path = tmp_path / "marche.md"
    path.write_text("---\ntitle: Le marché couvert rouvre à Sainte-Aube\n---\n\nÉté.\n", "utf-8")
    completed = run_process("parse", "--json", str(path))
    assert completed.returncode == 0
    assert "marché couvert rouvre à" in completed.stdout
    assert "\\u00e9" not in completed.stdout


@pytest.mark.parametrize("article", BUNDLED, ids=lambda path: path.name)
def test_parse_json_on_every_bundled_article(article: Path) -> None:
    result = run("parse", "--json", str(article))
    assert result.exit_code == 0, result.stderr
    check_contract(json.loads(result.stdout))


# reader show


def test_show_prints_plain_text_when_piped(capture: Path) -> None:
    completed = run_process("show", str(capture))
    assert completed.returncode == 0
    assert "\x1b" not in completed.stdout
    lines = completed.stdout.splitlines()
    assert lines[0] == "WEATHER"
    assert lines[1] == "Hailstorm strips the blossom from Vennick's cherry orchards"
    assert "▏ Photo: Orla Teague" in lines
    assert any(line.startswith("• Growers say half") for line in lines)
    assert max(len(line) for line in lines) <= 80


def test_show_width_sets_the_column(capture: Path) -> None:
    completed = run_process("show", "--width", "40", str(capture))
    assert completed.returncode == 0
    lines = completed.stdout.splitlines()
    assert max(len(line) for line in lines) <= 40
    assert max(len(line) for line in lines) > 30
    assert "Hailstorm strips the blossom from" in lines


def test_show_width_too_small_is_a_usage_error(capture: Path) -> None:
    result = run("show", "--width", "3", str(capture))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_show_with_no_color_has_no_escapes_even_on_a_terminal(capture: Path) -> None:
    # A pseudo-terminal on stdout: styled by default, plain with NO_COLOR.
    pty = pytest.importorskip("pty")
    code = (
        "import sys; from reader.cli import main; "
        f"sys.argv = ['reader', 'show', {str(capture)!r}]; main()"
    )

    def through_pty(extra: dict[str, str]) -> str:
        master, slave = pty.openpty()
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        env.update({"TERM": "xterm-256color", "COLUMNS": "100", **extra})
        process = subprocess.Popen(
            [sys.executable, "-c", code], stdout=slave, stderr=slave, cwd=ROOT, env=env
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait()
        os.close(master)
        return b"".join(chunks).decode("utf-8", "replace")

    assert "\x1b[" in through_pty({})
    plain = through_pty({"NO_COLOR": "1"})
    assert "\x1b" not in plain and "WEATHER" in plain


def test_show_markup_in_a_headline_is_printed_as_written(markdown: Path) -> None:
    completed = run_process("show", str(markdown))
    assert "Night ferry to Selka resumes after [winter] break" in completed.stdout


# reader list


def test_list_shows_a_table_and_reports_bad_files(tmp_path: Path, capture: Path) -> None:
    (tmp_path / "ferry.md").write_text(MARKDOWN, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    completed = run_process("list", str(tmp_path), env={"COLUMNS": "160"})
    out, err = completed.stdout, completed.stderr
    for heading in ("Headline", "Section", "Date", "Words", "File"):
        assert heading in out
    assert "Hailstorm strips the blossom" in out and "hail.txt" in out
    assert "Night ferry to Selka" in out and "2026-06-09" in out and "Travel" in out
    assert "empty.txt" not in out and "blob.txt" not in out
    err_lines = err.splitlines()
    assert len(err_lines) == 2
    assert any(line.startswith(f"reader: {tmp_path / 'empty.txt'}: ") for line in err_lines)
    assert any(line.startswith(f"reader: {tmp_path / 'blob.txt'}: ") for line in err_lines)
    assert "Traceback" not in err
    assert completed.returncode == 1


def test_list_all_good_exits_zero_one_line_per_article() -> None:
    completed = run_process("list", str(ARTICLES), env={"COLUMNS": "80"})
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    rows = [line.rstrip() for line in completed.stdout.splitlines() if line.strip()]
    assert len(rows) == 1 + len(BUNDLED)
    assert all(cell_len(row) <= 80 for row in rows)
    # Dates and word counts are never cut; long headlines end in an ellipsis.
    # (the long read has about 4,000 words; the exact count follows the parser)
    long_read = next(row for row in rows if "  2026-03-28  " in row)
    assert re.search(r"  2026-03-28  +[34],\d{3}  ", long_read)
    # A file name too long for its column keeps its start and its suffix.
    assert re.search(r"2026-03.*….*\.txt$", long_read)
    assert any(row.split("  ")[0].endswith("…") for row in rows[1:])


def test_list_defaults_to_the_library_folder(tmp_path: Path, capture: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / "hail.txt").write_text(CAPTURE, encoding="utf-8")
    completed = run_process("list", env={"READER_LIBRARY": str(library), "COLUMNS": "160"})
    assert completed.returncode == 0
    assert "Hailstorm strips the blossom" in completed.stdout


def test_list_empty_library_says_so(tmp_path: Path) -> None:
    completed = run_process("list", str(tmp_path))
    assert completed.returncode == 0
    assert completed.stdout == ""
    assert "No articles found" in completed.stderr


# Bad input: one clear line on stderr, exit status 1, never a traceback


def test_middle_cut_keeps_both_ends() -> None:
    assert middle_cut("2026-03-28-last-lighthouse-keepers.txt", 15) == "2026-03…ers.txt"
    assert middle_cut("short.md", 15) == "short.md"
    assert cell_len(middle_cut("澄湾开通六条夜间公交线路.txt", 12)) <= 12


@pytest.mark.parametrize("command", ["parse --json", "show"])
@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.txt", None, "not found"),
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 16, ""),
        ("folder.txt", "dir", "folder"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(
    tmp_path: Path, command: str, name: str, content: bytes | str | None, reason: str
) -> None:
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    completed = run_process(*command.split(), str(path))
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert "Traceback" not in completed.stderr
    lines = completed.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"reader: {path}: ")
    assert reason in lines[0]


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    path = tmp_path / "locked.txt"
    path.write_text(CAPTURE)
    path.chmod(0)
    completed = run_process("parse", "--json", str(path))
    assert completed.returncode == 1
    assert completed.stderr.strip() == f"reader: {path}: permission denied"


@pytest.mark.parametrize("command", [["parse", "--json"], ["show"]])
@pytest.mark.parametrize("kind", ["unreadable", "folder", "missing"])
def test_a_file_that_cannot_be_read_is_reason_and_exit_1_not_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], kind: str
) -> None:
    path = tmp_path / "locked.txt"
    if kind == "folder":
        path.mkdir()
    elif kind == "unreadable":
        path.write_text(CAPTURE, encoding="utf-8")
        real_open = Path.open

        def refuse(self: Path, *args: object, **kwargs: object) -> object:
            # What chmod 000 gives a user who is not root (the tests may run as root).
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(Path, "open", refuse)
    result = CliRunner().invoke(main, [*command, str(path)], catch_exceptions=False)
    reason = {"unreadable": "permission denied", "folder": "is a folder, not a file"}
    assert result.exit_code == 1
    assert result.stderr == f"reader: {path}: {reason.get(kind, 'file not found')}\n"


def test_tui_on_a_missing_path_exits_before_starting(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    completed = run_process(str(missing))
    assert completed.returncode == 1
    assert completed.stderr.strip() == f"reader: {missing}: not found"


# Help and version


def test_help_lists_the_commands_and_the_default() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Usage: reader [PATH]..." in result.stdout
    for command in ("show", "parse", "list"):
        assert command in result.stdout


def test_subcommand_help() -> None:
    result = run("show", "--help")
    assert result.exit_code == 0
    assert "--width" in result.stdout


def test_version() -> None:
    from reader import __version__

    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_a_path_first_goes_to_the_reader(monkeypatch: pytest.MonkeyPatch, capture: Path) -> None:
    opened: list[tuple[list[Path], Path | None]] = []

    class FakeApp:
        def __init__(self, paths: list[Path], *, library_dir: Path | None = None) -> None:
            opened.append((list(paths), library_dir))

        def run(self) -> None:
            pass

    import reader.ui.app

    monkeypatch.setattr(reader.ui.app, "BroadsheetApp", FakeApp)
    assert run(str(capture)).exit_code == 0
    assert run("--", str(capture)).exit_code == 0
    monkeypatch.setenv("READER_LIBRARY", str(capture.parent))
    assert run().exit_code == 0
    assert opened == [([capture], None), ([capture], None), ([capture.parent], capture.parent)]


def test_python_dash_m_reader_runs() -> None:
    completed = run_process("--help")
    assert completed.returncode == 0
    assert "Usage: reader" in completed.stdout
