"""The default command, `open`: the TUI on files and folders, or on the library."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

DEFAULT_COMMAND = "open"
"""The subcommand a bare `reader [PATH ...]` runs."""


@click.command(DEFAULT_COMMAND)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def open_command(paths: Sequence[Path]) -> None:
    """Open the reader on files and folders (the default command).

    With no PATH, opens the library folder ($READER_LIBRARY or a folder in
    the user's data directory).
    """
    from reader.library.files import default_library_dir

    missing = [path for path in paths if not os.path.lexists(path)]
    if missing:
        # Imported only here: the message helpers bring the parsers and Rich.
        from reader.cli.output import complain

        for path in missing:
            complain(path, "not found")
        sys.exit(1)
    library_dir = None if paths else default_library_dir()
    targets = list(paths) if library_dir is None else [library_dir]
    # Imported here: Textual is heavy, and the other commands never need it. The
    # terminal is asked about graphics meanwhile, which needs no Textual.
    from reader.ui import terminal_probe

    terminal_probe.start()
    from reader.ui.app import BroadsheetApp

    app = BroadsheetApp(targets, library_dir=library_dir)
    terminal_probe.finish()
    app.run()
