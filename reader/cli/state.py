"""`reader state export` and `reader state import`: the user's marks as JSON.

    reader state export [FILE]          all read/starred marks, positions and settings
    reader state import FILE [--replace] merge an export in (or replace the state with it)

The state file lives in the user's data directory; `READER_STATE_DIR` names
another folder. Messages go to stderr, so `reader state export > backup.json`
holds only the JSON. Any failure is one line, `reader: ...`, and status 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from reader.atomic import write_atomically
from reader.cli.output import complain, fail, print_json, say
from reader.library.state import StateError, StateStore, open_state

_FILE = click.Path(dir_okay=False, path_type=Path, allow_dash=True)


def _open() -> StateStore:
    """Open the user's state, saying so on stderr if a damaged file was moved aside."""
    try:
        store = open_state()
    except StateError as error:
        fail("state", error)
    if store.problem:
        complain(store.problem)
    return store


@click.group("state")
def state_group() -> None:
    """Export or import read and starred marks, reading positions and settings.

    The state lives in the user's data directory ($READER_STATE_DIR overrides
    the folder).
    """


@state_group.command("export")
@click.argument("file", required=False, type=_FILE)
def export_command(file: Path | None) -> None:
    """Write the state as JSON to FILE, or to standard output."""
    store = _open()
    try:
        data = store.export_json()
    except StateError as error:
        fail("state", error)
    finally:
        store.close()
    if file is None or str(file) == "-":
        print_json(data, indent=2)
        return
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        _write_atomically(file, text)
    except OSError as error:
        fail(file, error.strerror or error)
    count = len(data["articles"])
    noun = "article" if count == 1 else "articles"
    say(f"reader: exported the state of {count} {noun} to {file}", err=True)


@state_group.command("import")
@click.argument("file", type=_FILE)
@click.option(
    "--replace",
    is_flag=True,
    help="Replace the state with the file's, instead of merging (newest mark wins).",
)
def import_command(file: Path, replace: bool) -> None:
    """Bring in a state export from FILE ("-" for standard input).

    By default the import is merged: for each article, whichever of the two
    marks was made later wins, and settings are only added. With --replace
    the state becomes exactly the file's.
    """
    data = _read_json(file)
    store = _open()
    try:
        counts = store.import_json(data, merge=not replace)
    except StateError as error:  # includes StateFormatError: not a state export
        fail(file, error)
    finally:
        store.close()
    mode = "replaced the state" if replace else "merged"
    say(
        f"reader: {mode}: {counts.added} added, {counts.updated} updated, "
        f"{counts.unchanged} unchanged",
        err=True,
    )


def _read_json(file: Path) -> Any:
    """The JSON in FILE (or stdin for "-"), or exit with a one-line reason."""
    try:
        raw = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
    except FileNotFoundError:
        fail(file, "not found")
    except OSError as error:
        fail(file, error.strerror or error)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(file, "not UTF-8 text, so not a state export")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        fail(file, f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})")
    except RecursionError:
        fail(file, "not valid JSON (nested too deeply)")


def _write_atomically(file: Path, text: str) -> None:
    """Write `text` to `file` so a crash leaves the old file or the new one, never half."""
    write_atomically(file, text.encode("utf-8"))
