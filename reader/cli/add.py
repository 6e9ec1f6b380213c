"""`reader add PATH_OR_URL ...`: bring web pages and article files into the library.

One line per input: "added PATH" or "already in the library: PATH" on
stdout, "reader: INPUT: reason" on stderr; the exit status is 1 when any
input failed. See `reader.ingest.add` for what each kind of input becomes.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import click

from reader.cli.output import complain, say
from reader.formats.text import shown_text


class _StatusLine:
    """One line of progress on a terminal's stderr, rewritten in place; nothing when piped,
    where each input's outcome line is the progress."""

    def __init__(self, terminal: bool) -> None:
        self.terminal = terminal
        self.shown = False

    def show(self, text: str) -> None:
        """Replace the status line with `text` (cut to the terminal's width)."""
        if not self.terminal:
            return
        width = shutil.get_terminal_size().columns - 1
        line = shown_text(text)
        if len(line) > width:
            line = line[: max(width - 1, 0)] + "…"
        click.echo(f"\r\x1b[K{line}", err=True, nl=False)
        self.shown = True

    def for_input(self, target: str) -> Callable[[str], None]:
        """A progress callback that shows `target` and the step it is at."""

        def step(text: str) -> None:
            self.show(f"{target}: {text}…")

        return step

    def clear(self) -> None:
        """Remove the status line, so the outcome line takes its place."""
        if self.shown:
            click.echo("\r\x1b[K", err=True, nl=False)
            self.shown = False


@click.command("add")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option(
    "--library",
    "library",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The library folder to add to (default: $READER_LIBRARY or the user's library).",
)
@click.option("--no-photos", is_flag=True, help="Do not download the lead photos.")
def add_command(inputs: Sequence[str], library: Path | None, no_photos: bool) -> None:
    """Add web pages (http/https URLs, saved .html files) and .txt/.md articles to the library.

    A page is turned into a Markdown article named from its date and
    headline; captures and Markdown files are copied as they are. Nothing
    is ever overwritten, and the same page or file added twice is stored
    once. A page that is not an article (an index, an error page, a login
    wall) is refused with the reason.
    """
    # Imported here so `reader --help` does not load the extractor.
    from reader.ingest.add import add_one, download_photo
    from reader.library.files import default_library_dir

    library_dir = library if library is not None else default_library_dir()
    failed = False
    status = _StatusLine(sys.stderr.isatty())
    for target in inputs:
        outcome = add_one(
            target,
            library_dir,
            fetch_photo=None if no_photos else download_photo,
            progress=status.for_input(target),
        )
        status.clear()
        if outcome.ok:
            say(outcome.line)
        else:
            failed = True
            complain(outcome.line)
    if failed:
        sys.exit(1)
