"""What `reader show` and `reader list` print: Rich output to stdout, reasons to stderr."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypeVar

import click
from rich.console import Console

from reader.errors import DEBUG_ENV, unexpected
from reader.formats import ArticleError, read_article, read_lines
from reader.formats.budget import within_budget
from reader.formats.line_role import LineRole
from reader.formats.text import shown_json, shown_lines
from reader.model import Article
from reader.render.article import READING_WIDTH, render_article

T = TypeVar("T")

PIPED_LIST_WIDTH = 200
"""`reader list` into a pipe (no $COLUMNS): wide enough that rows are rarely cut."""


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


def is_styled() -> bool:
    """True when stdout is a terminal and NO_COLOR is not set: print with styles."""
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def stdout_console(width: int) -> Console:
    """A console for stdout: styled on a terminal, plain text otherwise.

    Plain output never holds an escape sequence, so piping to a file or
    another program gives just the words.
    """
    styled = is_styled()
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
