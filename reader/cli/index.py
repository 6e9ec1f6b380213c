"""`reader index`, `reader search` and `reader list`: the library index from the shell.

    reader index [PATH ...] [--rebuild]   refresh the index (default: the library folder)
    reader search QUERY [PATH ...] [--json] [--limit N]
    reader list [PATH ...]

`reader index` checks every file (a stat each; new and changed ones are
parsed). `search` and `list` answer from the index after a quick check
(`Check.QUICK`): folders whose time and entries are unchanged are not
looked into, so a new, removed or renamed file is noticed at once, and a
file rewritten in place waits for the next `reader index` (or the app's
start-up check). The index file lives in the user's cache folder;
`READER_CACHE_DIR` names another folder. Counts and reasons go to stderr,
results to stdout.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from reader.cli.article_table import index_rows, summary_rows, write_table
from reader.cli.output import PIPED_LIST_WIDTH, complain, is_styled, print_json, say, terminal_width
from reader.library.files import Problem, default_library_dir
from reader.library.index import Check, LibraryIndex
from reader.library.scan import RefreshResult
from reader.library.summary import Summary

_PATHS = click.Path(path_type=Path)


def _roots(paths: Sequence[Path]) -> list[Path]:
    """The paths named, or the library folder when none is."""
    return list(paths) or [default_library_dir()]


def _notify(index: LibraryIndex) -> None:
    """Tell the user on stderr when the index had to be rebuilt or replaced."""
    for event in index.events:
        complain(event.message)


def _refresh_with_bar(index: LibraryIndex, roots: Sequence[Path], rebuild: bool) -> RefreshResult:
    """Refresh the index with a progress bar on stderr (hidden when stderr is not a terminal)."""
    console = Console(stderr=True, highlight=False, markup=False)
    columns = (
        TextColumn("indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(
        *columns, console=console, transient=True, disable=not console.is_terminal
    ) as bar:
        task = bar.add_task("indexing", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return index.refresh(roots, progress, rebuild=rebuild)


def _report(result: RefreshResult) -> None:
    """Each failure with its reason, then the counts, on stderr."""
    for problem in result.failed:
        complain(problem.path, problem.reason)
    parts = [
        f"{result.added:,} added",
        f"{result.updated:,} updated",
        f"{result.removed:,} removed",
        f"{len(result.failed):,} failed",
    ]
    if result.moved:
        parts.insert(3, f"{result.moved:,} moved")
    line = f"{', '.join(parts)} ({result.unchanged:,} unchanged, {result.total:,} files)"
    say(line, err=True)
    if result.read_only:
        complain("the index is locked by another reader; not all changes were saved")


@click.command("index")
@click.argument("paths", nargs=-1, type=_PATHS)
@click.option("--rebuild", is_flag=True, help="Empty the index first and read every file again.")
def index_command(paths: Sequence[Path], rebuild: bool) -> None:
    """Build or refresh the library index of files and folders (default: the library folder).

    Only new and changed files are read; vanished ones are dropped. Prints
    the counts (added, updated, removed, failed) and each failure's reason
    on stderr; the exit status is 1 when some file could not be read.
    The index lives in the user's cache folder ($READER_CACHE_DIR overrides it).
    """
    with LibraryIndex.open() as index:
        _notify(index)
        result = _refresh_with_bar(index, _roots(paths), rebuild)
    _report(result)
    if result.failed:
        sys.exit(1)


def _json_row(summary: Summary) -> dict[str, Any]:
    """One search result as `reader search --json` prints it."""
    return {
        "headline": summary.headline,
        "section": summary.section,
        "source": summary.source,
        "published": summary.published,
        "words": summary.words,
        "path": str(summary.path),
    }


@click.command("search")
@click.argument("query")
@click.argument("paths", nargs=-1, type=_PATHS)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
@click.option(
    "--limit", type=click.IntRange(min=1), default=100, show_default=True, help="At most N results."
)
def search_command(query: str, paths: Sequence[Path], as_json: bool, limit: int) -> None:
    """Print the articles matching QUERY, best first (default: in the library folder).

    The folders are checked quickly first (their times), so new files are
    found; `reader index` checks every file. Any text is a valid query;
    the last word matches as a prefix. With --json, prints a list of
    {headline, section, source, published, words, path}. The exit status
    is 1 when nothing matches.
    """
    roots = _roots(paths)
    with LibraryIndex.open() as index:
        _notify(index)
        index.refresh(roots, check=Check.QUICK)
        found = list(index.search(query, limit, roots))
    if as_json:
        print_json([_json_row(summary) for summary in found])
    elif found:
        width = terminal_width(fallback=PIPED_LIST_WIDTH)
        folders = [root.resolve() for root in roots if root.is_dir()]
        write_table(summary_rows(found, folders), width, is_styled())
    if not found:
        say(f"No articles match {query!r}.", err=True)
        sys.exit(1)


def _unique(problems: list[Problem]) -> list[Problem]:
    """Each file's problem once (a check's spelling of a path first, then the index's)."""
    seen: set[str] = set()
    kept: list[Problem] = []
    for problem in problems:
        where = os.path.realpath(problem.path)
        if where not in seen:
            seen.add(where)
            kept.append(problem)
    return kept


def print_indexed_table(paths: Sequence[Path]) -> bool:
    """Print the table of indexed articles under `paths` (default: the library folder),
    after a quick check; False when some file or folder could not be read (each one,
    with its reason, on stderr: those the check met and those the index remembers)."""
    roots = _roots(paths)
    with LibraryIndex.open() as index:
        _notify(index)
        result = index.refresh(roots, check=Check.QUICK)
        problems = _unique([*result.failed, *index.failures(roots)])
        folders = [os.path.realpath(root) for root in roots if os.path.isdir(root)]
        rows = index_rows(index.table_columns(roots), folders)
    for problem in sorted(problems, key=lambda problem: problem.path):
        complain(problem.path, problem.reason)
    if rows:
        write_table(rows, terminal_width(fallback=PIPED_LIST_WIDTH), is_styled())
    else:
        where = ", ".join(str(root) for root in roots)
        say(f"No articles found in {where}.", err=True)
    return not problems
