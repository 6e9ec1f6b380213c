"""The table `reader list` and `reader search` print: one line per article, written directly.

A Rich `Table` measures and renders every cell as styled segments: 47 s
for 100,000 rows. The layout here is the same (headline, section, date,
words, file; two spaces between columns), computed once for the column
widths, then each line is cut and padded with `rich.cells` and written as
text, with ANSI bold and dim only when stdout is a styled terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from rich.cells import cell_len, set_cell_size

from reader.formats.text import shown_text
from reader.library.path_text import file_path
from reader.library.summary import Summary, date_label

TableRow = tuple[str, str, str, str, str]
"""Headline, section, date, words and file, as shown (`shown_text` already applied)."""

SECTION_WIDTH = 14
"""The widest the Section column of `reader list` grows."""
MIN_HEADLINE_WIDTH = 20
MIN_FILE_WIDTH = 12
_GUTTERS = 8
"""Two cells between each pair of the five columns."""
_HEADINGS: TableRow = ("Headline", "Section", "Date", "Words", "File")
_BOLD, _DIM, _PLAIN = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def display_path(path: str, folders: Sequence[str]) -> str:
    """The file's path relative to the folder it was found in, when there is one."""
    for folder in folders:
        top = folder.rstrip(os.sep) + os.sep
        if path.startswith(top) and len(path) > len(top):
            return path[len(top) :]
    return path


def table_row(
    headline: str, section: str | None, date: str, words: int, path: str, folders: Sequence[str]
) -> TableRow:
    """One article's cells, made safe to show."""
    return (
        shown_text(headline),
        shown_text(section or ""),
        shown_text(date),
        f"{words:,}",
        shown_text(display_path(path, folders)),
    )


def summary_rows(summaries: Sequence[Summary], folders: Sequence[Path]) -> list[TableRow]:
    """The table's rows for some summaries (a search's results)."""
    tops = [str(folder) for folder in folders]
    return [
        table_row(s.headline, s.section, s.date_label, s.words, str(s.path), tops)
        for s in summaries
    ]


def index_rows(
    raw: Sequence[tuple[str, str | None, str | None, float, int, str]], folders: Sequence[str]
) -> list[TableRow]:
    """The table's rows from the index's columns (headline, section, published,
    file_time, words, stored path), with no `Summary` or `Path` per row."""
    labels: dict[str | None, str] = {}  # many articles share a published string
    rows: list[TableRow] = []
    for headline, section, published, file_time, words, path in raw:
        label = labels.get(published) if published else None
        if label is None:
            label = date_label(published, file_time)
            if published:
                labels[published] = label
        rows.append(table_row(headline, section, label, words, file_path(path), folders))
    return rows


def _cells(text: str) -> int:
    """The cells `text` takes: its length when it is ASCII (shown text is printable)."""
    return len(text) if text.isascii() else cell_len(text)


def middle_cut(text: str, width: int) -> str:
    """`text` cut to `width` cells with "…" in the middle, so a file name keeps its end."""
    if _cells(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    head, tail = "", ""
    budget = width - 1
    left, right = 0, len(text) - 1
    # Take characters from either end in turn until the budget is spent.
    while left <= right:
        if cell_len(head) <= cell_len(tail):
            if cell_len(head + tail) + cell_len(text[left]) > budget:
                break
            head += text[left]
            left += 1
        else:
            if cell_len(head + tail) + cell_len(text[right]) > budget:
                break
            tail = text[right] + tail
            right -= 1
    return f"{head}…{tail}"


def _widest(rows: Sequence[TableRow], column: int) -> int:
    """The cells a column needs: its widest cell or its heading."""
    return max(len(_HEADINGS[column]), max((_cells(row[column]) for row in rows), default=0))


def column_widths(rows: Sequence[TableRow], width: int) -> tuple[int, int, int, int, int]:
    """How wide each column is: date and words in full, the section capped, the headline
    and file sharing what is left (headline first)."""
    date, words, files = _widest(rows, 2), _widest(rows, 3), _widest(rows, 4)
    numbers = date + words + _GUTTERS
    least = MIN_HEADLINE_WIDTH + MIN_FILE_WIDTH
    # On a narrow terminal the section gives way first, down to its heading's width.
    section = min(SECTION_WIDTH, _widest(rows, 1))
    section = max(min(section, width - numbers - least), len("Section"))
    room = max(least, width - numbers - section)
    file = min(files, max(MIN_FILE_WIDTH, room * 9 // 20))
    headline = min(_widest(rows, 0), room - file)
    file = min(files, room - headline)
    return headline, section, date, words, file


def _end_cut(text: str, width: int) -> str:
    """`text` in exactly `width` cells: padded, or cut with a final "…"."""
    size = _cells(text)
    if size <= width:
        return text + " " * (width - size)
    return set_cell_size(text, width - 1) + "…" if width > 0 else ""


def table_lines(rows: Sequence[TableRow], width: int, styled: bool) -> Iterator[str]:
    """The table's lines: the headings, then a line per row (trailing spaces stripped)."""
    widths = column_widths(rows, width)
    headline, section, date, words, file = widths
    dim, plain = (_DIM, _PLAIN) if styled else ("", "")
    cells = [_end_cut(name, size) for name, size in zip(_HEADINGS, widths, strict=True)]
    heading = "  ".join([*cells[:3], _HEADINGS[3].rjust(words), cells[4]]).rstrip()
    yield f"{_BOLD}{heading}{_PLAIN}" if styled else heading
    for row in rows:
        line = "  ".join(
            (
                _end_cut(row[0], headline),
                _end_cut(row[1], section),
                _end_cut(row[2], date),
                row[3].rjust(words),
                "",
            )
        )
        yield f"{line}{dim}{middle_cut(row[4], file)}{plain}"


def write_table(rows: Sequence[TableRow], width: int, styled: bool) -> None:
    """Write the table to stdout in UTF-8 (a pipe always gets the same bytes)."""
    out = sys.stdout.buffer
    batch: list[str] = []
    for line in table_lines(rows, width, styled):
        batch.append(line)
        if len(batch) >= 1000:
            out.write(("\n".join(batch) + "\n").encode("utf-8", errors="replace"))
            batch = []
    if batch:
        out.write(("\n".join(batch) + "\n").encode("utf-8", errors="replace"))
    out.flush()
