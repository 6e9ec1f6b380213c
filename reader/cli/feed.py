"""`reader feed ...` and `reader fetch`: follow feeds and bring their new articles in.

    reader feed add URL [--full-text auto|always|never] [--title T] [--folder F]
    reader feed list
    reader feed remove URL_OR_NUMBER
    reader feed import FILE.opml
    reader feed export > feeds.opml
    reader fetch [URL_OR_NUMBER ...]

Subscriptions live in `feeds.toml` in the config folder (`READER_CONFIG_DIR`
overrides it); articles are written to the library (`READER_LIBRARY`).
`reader fetch` shows one line per feed, live on a terminal, and ends each
with "N new", "unchanged" or the error in plain words; it exits with status
1 only when every feed failed (a feed that is down should not fail a
cron job that also fetched ten others). Failures of the other commands are
one line on stderr, `reader: ...`, and status 1. The feed modules (httpx,
feedparser) are imported only when a command needs them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console, RenderableType
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TaskID, TextColumn
from rich.spinner import Spinner
from rich.table import Column, Table
from rich.text import Text

from reader.cli.output import (
    PIPED_LIST_WIDTH,
    complain,
    fail,
    say,
    stdout_console,
    terminal_width,
)
from reader.feeds.errors import FeedError
from reader.feeds.newest import MAX_NEW_ENTRIES
from reader.feeds.subscriptions import FULL_TEXT_CHOICES, Subscription, load_subscriptions
from reader.formats.text import shown_text

if TYPE_CHECKING:
    from reader.feeds.progress import FeedProgress, FeedResult, FetchReport

MAX_OPML_BYTES = 10 * 1024 * 1024
"""An OPML file larger than this is refused."""

NO_FEEDS = "no feeds yet: add one with `reader feed add URL`"


def _load() -> list[Subscription]:
    """The subscriptions, or exit with the reason the file cannot be read."""
    try:
        return load_subscriptions()
    except FeedError as error:
        fail(error)


@click.group("feed")
def feed_group() -> None:
    """Follow feeds: add, list, remove, import and export subscriptions.

    Subscriptions are kept in feeds.toml in the config folder
    ($READER_CONFIG_DIR overrides it), one [[feed]] table per feed, which
    may be edited by hand. `reader fetch` brings new articles in.
    """


@feed_group.command("add")
@click.argument("url")
@click.option(
    "--full-text",
    type=click.Choice(FULL_TEXT_CHOICES),
    default="auto",
    show_default=True,
    help="Fetch each entry's page for the whole article: when the entry is only a summary "
    "(auto), always, or never.",
)
@click.option("--title", help="The feed's name (default: the feed's own title).")
@click.option("--folder", help="Library folder for its articles (default: from the title).")
def add_command(url: str, full_text: str, title: str | None, folder: str | None) -> None:
    """Subscribe to the feed at URL (RSS, Atom or JSON Feed).

    A web page's URL is followed to the feed it advertises. Only http and
    https URLs are fetched.
    """
    from reader.feeds.subscribe import add_feed

    try:
        feed, found = add_feed(url, full_text=full_text, title=title, folder=folder)
    except FeedError as error:
        fail(url, error)
    if found.page is not None:
        say(f"The page advertises the feed {feed.url}")
    count = len(found.feed.entries)
    entries = "entry" if count == 1 else "entries"
    say(f'Added "{feed.title}" ({count} {entries}), articles to the folder {feed.folder}/')
    say("Run `reader fetch` to bring its articles in.")


@feed_group.command("list")
def list_command() -> None:
    """List the subscriptions, numbered, with the last fetch's result."""
    from reader.feeds.state import load_fetch_state

    feeds = _load()
    if not feeds:
        say(NO_FEEDS[0].upper() + NO_FEEDS[1:] + ".")
        return
    state = load_fetch_state()
    console = stdout_console(terminal_width(PIPED_LIST_WIDTH))
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Title", overflow="ellipsis", no_wrap=True, ratio=2)
    table.add_column("Full text", no_wrap=True)
    table.add_column("Last fetch", overflow="ellipsis", no_wrap=True, ratio=1)
    table.add_column("URL", overflow="fold", style="dim", ratio=2)
    for number, feed in enumerate(feeds, start=1):
        saved = state.feeds.get(feed.url)
        last = saved.result if saved is not None and saved.result else "never fetched"
        style = "red" if saved is not None and saved.failed else ""
        table.add_row(
            Text(str(number)),
            Text(shown_text(feed.title)),
            Text(feed.full_text),
            Text(last, style=style),
            Text(shown_text(feed.url)),
        )
    console.print(table)


@feed_group.command("remove")
@click.argument("url_or_number")
def remove_command(url_or_number: str) -> None:
    """Unsubscribe from a feed, named by its URL or its number in `reader feed list`.

    Its articles stay in the library.
    """
    from reader.feeds.subscribe import remove_feed

    try:
        removed = remove_feed(url_or_number)
    except FeedError as error:
        fail(error)
    say(f'Removed "{removed.title}" ({removed.url}); its articles stay in the library.')


@feed_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
def import_command(file: Path) -> None:
    """Subscribe to the feeds listed in an OPML file (`-` reads standard input)."""
    from reader.feeds.subscribe import import_opml

    try:
        if str(file) == "-":
            data = sys.stdin.buffer.read(MAX_OPML_BYTES + 1)
        else:
            with file.open("rb") as handle:
                data = handle.read(MAX_OPML_BYTES + 1)
    except OSError as error:
        fail(file, error.strerror or error)
    if len(data) > MAX_OPML_BYTES:
        fail(file, f"larger than {MAX_OPML_BYTES // (1024 * 1024)} MB")
    try:
        result = import_opml(data)
    except FeedError as error:
        fail(file, error)
    for reason in result.skipped:
        complain(f"skipped {reason}")
    added = len(result.added)
    message = f"Imported {added} feed{'' if added == 1 else 's'}"
    if result.existing:
        message += f" ({len(result.existing)} already followed)"
    say(message + ".")


@feed_group.command("export")
def export_command() -> None:
    """Print the subscriptions as OPML 2.0 (for another reader, or `reader feed import`)."""
    from reader.feeds.opml import format_opml

    data = format_opml(_load()).encode("utf-8")
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _chosen(feeds: list[Subscription], names: tuple[str, ...]) -> list[Subscription]:
    """The feeds named by URL or number, in subscription order (all of them when none is)."""
    if not names:
        return feeds
    from reader.feeds.subscriptions import find_subscription

    try:
        wanted = {find_subscription(feeds, name) for name in names}
    except FeedError as error:
        fail(error)
    return [feed for index, feed in enumerate(feeds) if index in wanted]


class _StatusColumn(ProgressColumn):
    """A feed's state: waiting, a spinner while it runs, then its outcome in plain words."""

    def __init__(self) -> None:
        super().__init__(table_column=Column(no_wrap=True, overflow="ellipsis", ratio=1))
        self._spinner = Spinner("dots", style="cyan")

    def render(self, task: Task) -> RenderableType:
        """The status cell of one row."""
        if task.fields.get("overall"):
            return Text(f"{int(task.completed)}/{int(task.total or 0)} feeds")
        status = shown_text(str(task.fields.get("status", "")))
        if task.finished:
            failed = bool(task.fields.get("failed"))
            return Text("✗ " if failed else "✓ ", style="red" if failed else "green") + Text(
                status, style="red" if failed else ("dim" if "new" not in status else "")
            )
        if not task.started:
            return Text("waiting", style="dim")
        spinner = self._spinner.render(task.get_time())
        assert isinstance(spinner, Text)
        return spinner + Text(" " + status)


class _OverallBarColumn(ProgressColumn):
    """A bar on the overall row only."""

    def __init__(self) -> None:
        super().__init__()
        self._bar = BarColumn(bar_width=20)

    def render(self, task: Task) -> RenderableType:
        """The bar, or nothing on a feed's row."""
        return self._bar.render(task) if task.fields.get("overall") else Text("")


PIPED_EVERY = 50
"""Piped, a feed's count of new articles is printed each time it grows by this many."""


class FetchDisplay:
    """`reader fetch` output: a live table of feeds on a terminal, else a line per finished feed."""

    def __init__(self, feeds: list[Subscription], console: Console | None = None) -> None:
        self.console = console or Console(highlight=False, markup=False, emoji=False)
        self.live = self.console.is_terminal
        self.progress = Progress(
            TextColumn("{task.description}", markup=False, table_column=Column(ratio=2)),
            _OverallBarColumn(),
            _StatusColumn(),
            console=self.console,
            disable=not self.live,
            expand=True,
        )
        self.progress.add_task("All feeds", total=len(feeds), overall=True)
        self.rows: list[TaskID] = [
            self.progress.add_task(shown_text(feed.title), total=1, start=False, status="")
            for feed in feeds
        ]
        self.new_so_far = [0] * len(feeds)
        self.planned = [0] * len(feeds)

    def __enter__(self) -> FetchDisplay:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def update(self, step: FeedProgress) -> None:
        """Show one step of the fetch."""
        row = self.rows[step.index]
        if step.kind == "started":
            self.progress.start_task(row)
            self.progress.update(row, status="fetching")
        elif step.kind == "planned":
            self.planned[step.index] = step.planned or 0
            if not self.live and step.planned:
                entries = "entry" if step.planned == 1 else "entries"
                line = f"{step.title}: {step.planned} new {entries} to read"
                self.console.print(Text(shown_text(line)))
        elif step.kind == "article":
            self._article(step)
        elif step.result is not None:
            result = step.result
            self.progress.update(row, completed=1, status=result.message, failed=result.failed)
            self.progress.update(self.progress.task_ids[0], completed=step.done)
            if not self.live:
                self._line(result)

    def _article(self, step: FeedProgress) -> None:
        """One more article written: the count so far, on the live row or every PIPED_EVERY."""
        count = self.new_so_far[step.index] = self.new_so_far[step.index] + 1
        planned = self.planned[step.index]
        so_far = f"{count} of {planned} new so far" if planned else f"{count} new so far"
        self.progress.update(self.rows[step.index], status=so_far)
        if not self.live and count % PIPED_EVERY == 0:
            self.console.print(Text(shown_text(f"{step.title}: {so_far}")))

    def _line(self, result: FeedResult) -> None:
        """One finished feed as a plain line, with its warnings indented below."""
        self.console.print(Text(shown_text(f"{result.title}: {result.message}")))
        for warning in result.warnings:
            self.console.print(Text(shown_text(f"  {warning}")))

    def summary(self, report: FetchReport) -> None:
        """After the fetch: warnings (when the display was live) and the totals."""
        if self.live:
            for result in report.results:
                for warning in result.warnings:
                    self.console.print(
                        Text(shown_text(f"{result.title}: {warning}"), style="yellow")
                    )
        new = len(report.new_paths)
        feeds = len(report.results)
        line = f"{new} new article{'' if new == 1 else 's'}"
        line += f" from {feeds} feed{'' if feeds == 1 else 's'}"
        if report.failed:
            line += f"; {len(report.failed)} failed"
        self.console.print(Text(shown_text(line + ".")))


@click.command("fetch")
@click.argument("feeds", nargs=-1, metavar="[URL_OR_NUMBER]...")
@click.option(
    "--max-entries",
    type=click.IntRange(min=1),
    default=MAX_NEW_ENTRIES,
    show_default=True,
    help="New entries written per feed this time, the newest; the rest wait for the next fetch.",
)
def fetch_command(feeds: tuple[str, ...], max_entries: int) -> None:
    """Fetch every subscribed feed (or those named) and write new articles to the library.

    Exits with status 1 only when every feed failed.
    """
    from reader.feeds.fetch import fetch_all

    chosen = _chosen(_load(), feeds)
    if not chosen:
        complain(NO_FEEDS)
        return
    display = FetchDisplay(chosen)
    with display:
        report = fetch_all(chosen, on_progress=display.update, max_entries=max_entries)
    display.summary(report)
    if report.all_failed:
        sys.exit(1)
