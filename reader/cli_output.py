"""What `reader show` and `reader list` print: Rich output to stdout, reasons to stderr."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from reader.formats import ArticleError, read_article
from reader.library.files import default_library_dir, discover
from reader.library.summary import Summary, summarize
from reader.model import Article
from reader.render.article import READING_WIDTH, render_article

DEBUG_ENV = "READER_DEBUG"
"""When set, an unexpected error while reading a file raises with its traceback."""


def complain(path: Path | str, reason: str) -> None:
    """Print `reader: <path>: <reason>` on stderr."""
    click.echo(f"reader: {path}: {reason}", err=True)


def load(path: Path) -> Article:
    """Read one article, raising ArticleError with a plain reason for any failure.

    A parser bug is reported as a reason too, not a traceback, unless
    READER_DEBUG is set.
    """
    try:
        return read_article(path)
    except ArticleError:
        raise
    except Exception as error:
        if os.environ.get(DEBUG_ENV):
            raise
        raise ArticleError(f"unexpected error ({type(error).__name__}: {error})") from error


def _styled() -> bool:
    """True when stdout is a terminal and NO_COLOR is not set: print with styles."""
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _console(width: int) -> Console:
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


def terminal_width() -> int:
    """The terminal's width in columns, or 80 when stdout is not a terminal."""
    return shutil.get_terminal_size((READING_WIDTH, 24)).columns


def print_article(article: Article, width: int | None) -> None:
    """Print the typeset article; `width` defaults to the terminal's, capped to READING_WIDTH."""
    if width is None:
        width = min(terminal_width(), READING_WIDTH)
    console = _console(width)
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
            complain(path, str(error))
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


def summary_table(summaries: Sequence[Summary], roots: Sequence[Path]) -> Table:
    """A table of the articles: headline, section, date, words and file."""
    table = Table(box=None, header_style="bold", pad_edge=False, expand=False)
    table.add_column("Headline", ratio=4, overflow="fold")
    table.add_column("Section", ratio=1, overflow="ellipsis", no_wrap=True)
    table.add_column("Date", no_wrap=True, min_width=10)
    table.add_column("Words", justify="right", no_wrap=True)
    table.add_column("File", ratio=2, overflow="fold", style="dim")
    for summary in summaries:
        table.add_row(
            Text(summary.headline),
            Text(summary.section or ""),
            Text(summary.date_label),
            Text(f"{summary.words:,}"),
            Text(_display_path(summary.path, roots)),
        )
    return table


def list_articles(paths: Sequence[Path]) -> bool:
    """Print the table of articles under `paths` (default the library folder).

    Returns False when some file or folder could not be read (each one is
    reported on stderr with its reason).
    """
    roots = list(paths) or [default_library_dir()]
    summaries, ok = _summaries(roots)
    console = _console(terminal_width())
    if summaries:
        console.print(summary_table(summaries, [r for r in roots if r.is_dir()]))
    else:
        where = ", ".join(str(root) for root in roots)
        print(f"No articles found in {where}.", file=sys.stderr)
    return ok
