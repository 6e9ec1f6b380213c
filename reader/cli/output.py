"""What `reader show` and `reader list` print: Rich output to stdout, reasons to stderr."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn, TypeVar

import click
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from reader.errors import DEBUG_ENV, unexpected
from reader.formats import ArticleError, read_article, read_lines
from reader.formats.budget import within_budget
from reader.formats.line_roles import LineRole
from reader.formats.text import shown_json, shown_lines, shown_text
from reader.library.files import default_library_dir, discover
from reader.library.summary import Summary, summarize
from reader.model import Article
from reader.render.article import READING_WIDTH, render_article

T = TypeVar("T")

SECTION_WIDTH = 14
"""The widest the Section column of `reader list` grows."""

PIPED_LIST_WIDTH = 200
"""`reader list` into a pipe (no $COLUMNS): wide enough that rows are rarely cut."""

MIN_HEADLINE_WIDTH = 20
MIN_FILE_WIDTH = 12
_GUTTERS = 8
"""Two cells between each pair of the five columns."""


def say(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print a line (or lines) of ours holding text from outside: a file name, a URL, a feed's
    title, a library's error. Every line goes through `shown_text`, so nothing in it reaches
    the terminal that the terminal would act on."""
    click.echo(shown_lines(text), err=err, nl=nl)


def print_json(data: object, indent: int | None = None) -> None:
    """Print `data` as JSON on stdout, in UTF-8 whatever the locale says (so a pipe always
    gets the same bytes), with control and format characters written as `\\uXXXX`."""
    document = shown_json(json.dumps(data, ensure_ascii=False, indent=indent)) + "\n"
    sys.stdout.buffer.write(document.encode("utf-8", errors="replace"))
    sys.stdout.buffer.flush()


def complain(*where_and_reason: object) -> None:
    """Print `reader: <where>: <reason>` on stderr, the parts (a path, a URL, an error, the
    reason) joined by ": " and shown through `say`, so hostile text cannot act on the terminal."""
    say(": ".join(["reader", *(str(part) for part in where_and_reason)]), err=True)


def fail(*where_and_reason: object) -> NoReturn:
    """`complain`, then exit with status 1: how every command gives up, never with a traceback."""
    complain(*where_and_reason)
    sys.exit(1)


def load(path: Path) -> Article:
    """Read one article, raising ArticleError with a plain reason for any failure.

    A parser bug is reported as a reason too, not a traceback, unless
    READER_DEBUG is set.
    """
    return _reported(read_article, path)


def load_lines(path: Path) -> list[LineRole]:
    """Read one article file line by line with what the parser made of each line;
    failures as `load`'s."""
    return _reported(read_lines, path)


def _reported(read: Callable[[Path], T], path: Path) -> T:
    """`read(path)` within the parse budget, any unexpected error an ArticleError (unless
    READER_DEBUG is set)."""
    try:
        return within_budget(read, path)
    except ArticleError:
        raise
    except Exception as error:
        if os.environ.get(DEBUG_ENV):
            raise
        raise ArticleError(unexpected(error)) from error


def _styled() -> bool:
    """True when stdout is a terminal and NO_COLOR is not set: print with styles."""
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def stdout_console(width: int) -> Console:
    """A console for stdout: styled on a terminal, plain text otherwise.

    Plain output never holds an escape sequence, so piping to a file or
    another program gives just the words.
    """
    styled = _styled()
    return Console(
        width=width,
        force_terminal=styled,
        no_color=not styled,
        color_system="auto" if styled else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def terminal_width(fallback: int = READING_WIDTH) -> int:
    """The terminal's width in columns ($COLUMNS first), `fallback` when stdout is not one."""
    return shutil.get_terminal_size((fallback, 24)).columns


def print_article(article: Article, width: int | None) -> None:
    """Print the typeset article; `width` defaults to the terminal's, capped to READING_WIDTH."""
    if width is None:
        width = min(terminal_width(), READING_WIDTH)
    console = stdout_console(width)
    console.print(render_article(article, width))


def _file_time(path: Path) -> float:
    """The file's modification time, 0 when it cannot be read."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _summaries(paths: Sequence[Path]) -> tuple[list[Summary], bool]:
    """The summary of every readable article under `paths`, and whether all were read.

    Each file or folder that cannot be read is reported on stderr as it is met.
    """
    discovery = discover(paths)
    ok = True
    for problem in discovery.problems:
        complain(problem.path, problem.reason)
        ok = False
    summaries: list[Summary] = []
    for path in discovery.files:
        try:
            article = load(path)
        except ArticleError as error:
            complain(path, error)
            ok = False
            continue
        summaries.append(summarize(path, article, _file_time(path)))
    return summaries, ok


def _display_path(path: Path, roots: Sequence[Path]) -> str:
    """The file's path, relative to the folder it was found in when there is one."""
    for root in roots:
        try:
            relative = path.relative_to(root)
        except ValueError:
            continue
        if relative.parts:
            return str(relative)
    return str(path)


def _widest(texts: Sequence[str], heading: str) -> int:
    """The cells needed for a column: its widest cell or its heading."""
    return max([cell_len(heading), *(cell_len(text) for text in texts)])


def middle_cut(text: str, width: int) -> str:
    """`text` cut to `width` cells with "…" in the middle, so a file name keeps its end."""
    if cell_len(text) <= width:
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


def summary_table(summaries: Sequence[Summary], roots: Sequence[Path], width: int) -> Table:
    """A table of the articles, one line each: headline, section, date, words and file.

    Date and words always show in full; the section is capped; the headline
    and file name share what is left (headline first), cut with an ellipsis
    when they do not fit `width`.
    """
    headlines = [summary.headline for summary in summaries]
    sections = [summary.section or "" for summary in summaries]
    dates = [summary.date_label for summary in summaries]
    words = [f"{summary.words:,}" for summary in summaries]
    files = [_display_path(summary.path, roots) for summary in summaries]

    numbers = _widest(dates, "Date") + _widest(words, "Words") + _GUTTERS
    least = MIN_HEADLINE_WIDTH + MIN_FILE_WIDTH
    # On a narrow terminal the section gives way first, down to its heading's width.
    section_width = min(SECTION_WIDTH, _widest(sections, "Section"))
    section_width = max(min(section_width, width - numbers - least), len("Section"))
    room = max(least, width - numbers - section_width)
    file_width = min(_widest(files, "File"), max(MIN_FILE_WIDTH, room * 9 // 20))
    headline_width = min(_widest(headlines, "Headline"), room - file_width)
    file_width = min(_widest(files, "File"), room - headline_width)

    table = Table(box=None, header_style="bold", pad_edge=False, expand=False)
    table.add_column("Headline", width=headline_width, overflow="ellipsis", no_wrap=True)
    table.add_column("Section", width=section_width, overflow="ellipsis", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Words", justify="right", no_wrap=True)
    table.add_column("File", width=file_width, overflow="ellipsis", no_wrap=True, style="dim")
    files = [middle_cut(name, file_width) for name in files]
    for row in zip(headlines, sections, dates, words, files, strict=True):
        table.add_row(*(Text(shown_text(cell)) for cell in row))
    return table


def print_article_table(paths: Sequence[Path]) -> bool:
    """Print the table of articles under `paths` (default the library folder).

    Returns False when some file or folder could not be read (each one is
    reported on stderr with its reason).
    """
    roots = list(paths) or [default_library_dir()]
    summaries, ok = _summaries(roots)
    width = terminal_width(fallback=PIPED_LIST_WIDTH)
    if summaries:
        folders = [root for root in roots if root.is_dir()]
        stdout_console(width).print(summary_table(summaries, folders, width))
    else:
        where = ", ".join(str(root) for root in roots)
        say(f"No articles found in {where}.", err=True)
    return ok
