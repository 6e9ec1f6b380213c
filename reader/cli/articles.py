"""The commands on article files: parse, show and list."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from reader.cli.lines import lines_report
from reader.cli.output import (
    fail,
    load,
    load_lines,
    print_article,
    print_json,
)
from reader.formats import ArticleError
from reader.formats.line_role import LineRole
from reader.model import Article

_PATHS = click.Path(path_type=Path)


def load_or_fail(path: Path) -> Article:
    """Read one article, or exit with `reader: <path>: <reason>`."""
    try:
        return load(path)
    except ArticleError as error:
        fail(path, error)


def load_lines_or_fail(path: Path) -> list[LineRole]:
    """Read one article file line by line with its roles, or exit with the reason."""
    try:
        return load_lines(path)
    except ArticleError as error:
        fail(path, error)


@click.command("parse")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (the default).")
@click.option(
    "--lines",
    "as_lines",
    is_flag=True,
    help="Print each line of the file with what the parser made of it and its scores.",
)
@click.argument("path", type=_PATHS)
def parse_command(path: Path, as_json: bool, as_lines: bool) -> None:
    """Print the parsed article as one JSON object, or its file line by line.

    The keys are headline, section, bullets, byline, published, source,
    url, words, format and blocks (each with kind, text and credit, and a
    caption with a photo also with image).

    With --lines, each non-blank line of the file as stored: its role in
    the article (headline, kicker, bullet, byline, date, body, subheading,
    quote, caption, credit, related, or dropped), the body classifier's
    probability, the caption model's, and the line.
    """
    if as_json and as_lines:
        raise click.UsageError("--json and --lines cannot go together")
    if as_lines:
        for line in lines_report(load_lines_or_fail(path)):
            click.echo(line)
        return
    print_json(load_or_fail(path).to_json())


@click.command("show")
@click.argument("path", type=_PATHS)
@click.option(
    "--width",
    type=click.IntRange(min=20),
    default=None,
    help="Column width in cells, at most 80 (default: the terminal's width).",
)
def show_command(path: Path, width: int | None) -> None:
    """Print the typeset article (plain text when piped or with NO_COLOR)."""
    print_article(load_or_fail(path), width)


@click.command("list")
@click.argument("paths", nargs=-1, type=_PATHS)
def list_command(paths: Sequence[Path]) -> None:
    """A table of the articles in files and folders (default: the library folder).

    Read from the library index after a quick check of the folders (see
    `reader index`). Files that cannot be read are listed on stderr with the
    reason, and the exit status is then 1.
    """
    from reader.cli.index import print_indexed_table

    if not print_indexed_table(list(paths)):
        sys.exit(1)
