"""`reader list` and `reader search` answer from the index after a quick check of the folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from index_helpers import rewrite_in_place, settle, write_article

from reader.cli import main
from reader.cli.article_table import table_lines


def run(*args: str) -> Result:
    """Run the CLI in-process (stdout is not a terminal: plain text)."""
    return CliRunner().invoke(main, list(args), env={"COLUMNS": "120"}, catch_exceptions=False)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A library of two articles, indexed once by `reader index`, its folders settled."""
    folder = tmp_path / "library"
    write_article(folder, "a.md", "Harbour ferry resumes", published="2026-01-20")
    write_article(folder, "news/b.md", "Harbour wall repaired", published="2026-02-03")
    settle(folder)
    assert run("index", str(folder)).exit_code == 0
    return folder


@pytest.mark.parametrize("command", [("list",), ("search", "harbour")])
def test_list_and_search_read_the_index_and_notice_a_new_file(
    library: Path, command: tuple[str, ...]
) -> None:
    rewrite_in_place(library / "a.md", "Harbour ferry cancelled")
    write_article(library, "news/c.md", "Harbour lights return", published="2026-03-01")
    result = run(*command, str(library))
    assert result.exit_code == 0, result.output
    # The new file is found through its folder's time; the file rewritten in place is
    # shown as the index holds it, until a full check reads it again.
    assert "Harbour lights return" in result.stdout
    assert "Harbour ferry resumes" in result.stdout
    assert "Harbour ferry cancelled" not in result.stdout
    assert run("index", str(library)).exit_code == 0
    assert "Harbour ferry cancelled" in run(*command, str(library)).stdout


@pytest.mark.parametrize("command", [("list",), ("search", "harbour")])
def test_list_and_search_drop_a_removed_file(library: Path, command: tuple[str, ...]) -> None:
    (library / "news" / "b.md").unlink()
    result = run(*command, str(library))
    assert "Harbour wall repaired" not in result.stdout
    assert "Harbour ferry resumes" in result.stdout


def test_list_reports_the_bad_files_the_index_remembers(library: Path) -> None:
    (library / "empty.md").write_bytes(b"")
    first = run("list", str(library))
    second = run("list", str(library))  # the folder is unchanged now: the index says why
    for result in (first, second):
        assert result.exit_code == 1
        assert result.stderr.count("empty.md") == 1
        assert "Harbour ferry resumes" in result.stdout


def test_the_table_cuts_long_cells_and_keeps_dates_and_words_whole() -> None:
    rows = [("A" * 90, "Section-name-too-long", "2026-03-28", "4,000", "x" * 40 + ".txt")]
    lines = list(table_lines(rows, 80, styled=False))
    assert lines[0].startswith("Headline") and lines[0].endswith("File")
    row = lines[1]
    assert len(row) <= 80 and "  2026-03-28  4,000  " in row
    assert row.split("  ")[0].endswith("…") and row.endswith(".txt") and "…" in row[-20:]
    styled = list(table_lines(rows, 80, styled=True))
    assert styled[0].startswith("\x1b[1m") and "\x1b[2m" in styled[1]
