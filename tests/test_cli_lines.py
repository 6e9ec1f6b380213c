"""`reader parse --lines` as a user runs it: each line of the file with its role and scores."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_helpers import BUNDLED, CAPTURE, run_process

CAPTURES = Path(__file__).parent / "fixtures" / "captures"
ROW = re.compile(r"^(?P<role>[a-z]+) +(?P<body>-|\d\.\d\d) +(?P<caption>-|\d\.\d\d)  (?P<text>.*)$")


def rows(stdout: str) -> list[re.Match[str]]:
    """The report's rows after its header, each one parsed (failing on any misaligned row)."""
    header, *lines = stdout.splitlines()
    assert header.split() == ["role", "body", "caption", "line"]
    matches = [ROW.match(line) for line in lines]
    assert all(matches), lines
    return [m for m in matches if m]


def test_each_line_of_a_capture_with_its_role_and_scores(tmp_path: Path) -> None:
    path = tmp_path / "hail.txt"
    path.write_text(CAPTURE, encoding="utf-8")
    result = run_process("parse", "--lines", str(path))
    assert result.returncode == 0, result.stderr
    found = rows(result.stdout)
    assert [m["text"] for m in found] == [t.strip() for t in CAPTURE.splitlines() if t.strip()]
    assert [m["role"] for m in found[:4]] == ["kicker", "headline", "bullet", "bullet"]
    assert found[4]["role"] == "caption"
    assert {m["role"] for m in found[5:]} == {"body"}
    assert all(m["body"] != "-" for m in found)


def test_columns_line_up() -> None:
    result = run_process("parse", "--lines", str(CAPTURES / "credit_above.txt"))
    lines = result.stdout.splitlines()[1:]
    columns = {line.index(m["text"]) for line, m in zip(lines, rows(result.stdout), strict=True)}
    assert len(columns) == 1


def test_lines_the_parser_left_out_are_listed_as_dropped() -> None:
    result = run_process("parse", "--lines", str(CAPTURES / "next_article.txt"))
    found = rows(result.stdout)
    dropped = [m["text"] for m in found if m["role"] == "dropped"]
    assert "Volunteers plant three thousand oaks along the Dunmere valley" in dropped
    assert any(text.startswith("Hundreds of volunteers spent the weekend") for text in dropped)


def test_markdown_lines_are_shown_as_written(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("---\ntitle: Ferry\n---\n\nThe *night* ferry sailed.\n", encoding="utf-8")
    found = rows(run_process("parse", "--lines", str(path)).stdout)
    assert [(m["role"], m["text"]) for m in found][-1] == ("markdown", "The *night* ferry sailed.")


def test_hostile_text_and_names_never_reach_the_terminal_raw(tmp_path: Path) -> None:
    path = tmp_path / "evil\x1b[2Jname.txt"
    path.write_text(
        "Headline of a hostile page with an escape\n\n"
        "A paragraph that tries to clear the screen \x1b[2J and ring the bell \x07 "
        "and set a title \x1b]0;owned\x07 before it ends in the usual way.\n",
        encoding="utf-8",
    )
    result = run_process("parse", "--lines", str(path))
    assert result.returncode == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    missing = run_process("parse", "--lines", str(tmp_path / "gone\x1b[31m.txt"))
    assert missing.returncode == 1
    assert "\x1b" not in missing.stderr
    assert missing.stderr.startswith("reader: ") and missing.stderr.endswith(": file not found\n")


def bad_inputs(folder: Path) -> dict[Path, str | None]:
    """Files the report cannot be made of, each with the reason given (None: any reason)."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    return {
        folder: "is a folder, not a file",
        folder / "none.txt": "file not found",
        folder / "empty.txt": "empty file",
        folder / "binary.txt": None,
    }


def test_bad_input_is_one_line_and_exit_1(tmp_path: Path) -> None:
    for path, reason in bad_inputs(tmp_path).items():
        result = run_process("parse", "--lines", str(path))
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"reader: {path}: ")
        if reason:
            assert result.stderr.endswith(f": {reason}\n")


def test_json_and_lines_together_are_refused(tmp_path: Path) -> None:
    result = run_process("parse", "--json", "--lines", str(CAPTURES / "brief.txt"))
    assert result.returncode == 2
    assert "cannot go together" in result.stderr


@pytest.mark.parametrize("article", BUNDLED, ids=lambda p: p.name)
def test_every_bundled_article_lists_its_lines(article: Path) -> None:
    result = run_process("parse", "--lines", str(article))
    assert result.returncode == 0, result.stderr
    assert rows(result.stdout)


def test_show_prints_the_left_out_note_at_the_end() -> None:
    result = run_process("show", "--width", "80", str(CAPTURES / "next_article.txt"))
    assert result.returncode == 0
    last = result.stdout.rstrip().splitlines()[-1]
    assert last == "5 long passages were left out: reader parse --lines shows the page as captured"
