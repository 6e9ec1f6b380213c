"""Ask the terminal what graphics it draws, in one round trip, while the app is imported.

The questions (see `terminal_answers`) go out in one write and the answers
are read until DA1's, the last, arrives or ANSWER_TIMEOUT passes: one wait
on the terminal rather than one per question. It must happen before
Textual starts reading the keyboard, but need not happen before the app
is imported: `start()` runs it in a thread while the main thread imports
Textual and the reader, and `finish()` waits for it before the app
starts. `reader.ui.textual_image_loader` then hands `result()` to
`textual-image`, so it never asks the terminal itself.

Nothing is asked when photos are forced to half-blocks or Unicode (they
need no answer), nor when stdin or stdout is not a terminal. Keys typed in
the milliseconds the terminal takes to answer are read with its answers,
and dropped; an answer later than ANSWER_TIMEOUT reaches Textual as input.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import sys
import termios
import threading
import time
from dataclasses import replace

from reader.ui.image_protocol import needs_terminal_answers
from reader.ui.terminal_answers import (
    CELL_SIZE_QUERY,
    DA1_QUERY,
    KITTY_QUERY,
    NO_GRAPHICS,
    Graphics,
    answered,
    read_answers,
)

ANSWER_TIMEOUT = 0.5
"""Seconds to wait for the terminal's last answer (a terminal that answers takes
milliseconds; this bounds the wait on one that never does)."""

_probe: threading.Thread | None = None
_answer: Graphics = NO_GRAPHICS


def window_cell(fd: int) -> tuple[int, int] | None:
    """A cell's size in pixels, (width, height), from the window size of the terminal
    `fd`, or None when the terminal does not report its pixels there."""
    try:
        packed = fcntl.ioctl(fd, termios.TIOCGWINSZ, b"\0" * 8)
    except OSError:
        return None
    rows, columns, width, height = struct.unpack("HHHH", packed)
    if not (rows and columns and width // columns and height // rows):
        return None
    return width // columns, height // rows


def ask(stdin: int, stdout: int, timeout: float = ANSWER_TIMEOUT) -> Graphics:
    """Ask the terminal on `stdin` and `stdout` what graphics it draws.

    Asks nothing unless both are the same terminal (its answers come back
    on its own input); any failure of the terminal, NO_GRAPHICS.
    """
    try:
        if not (os.isatty(stdin) and os.isatty(stdout)):
            return NO_GRAPHICS
        if not os.path.samestat(os.fstat(stdin), os.fstat(stdout)):
            return NO_GRAPHICS
        cell = window_cell(stdout)
        question = (b"" if cell else CELL_SIZE_QUERY) + KITTY_QUERY + DA1_QUERY
        graphics = read_answers(_round_trip(stdin, stdout, question, timeout))
    except (OSError, termios.error):
        return NO_GRAPHICS
    return replace(graphics, cell=cell) if cell else graphics


def _round_trip(stdin: int, stdout: int, question: bytes, timeout: float) -> bytes:
    """Write `question` and read the answers, with the terminal neither echoing them
    nor holding them back until Enter; its own settings are put back whatever happens."""
    saved = termios.tcgetattr(stdin)
    quiet = termios.tcgetattr(stdin)
    quiet[3] &= ~(termios.ECHO | termios.ICANON)
    quiet[6][termios.VMIN], quiet[6][termios.VTIME] = 1, 0
    termios.tcsetattr(stdin, termios.TCSANOW, quiet)
    try:
        _write_all(stdout, question)
        return _read_until_answered(stdin, time.monotonic() + timeout)
    finally:
        termios.tcsetattr(stdin, termios.TCSANOW, saved)


def _write_all(fd: int, data: bytes) -> None:
    while data:
        data = data[os.write(fd, data) :]


def _read_until_answered(fd: int, deadline: float) -> bytes:
    data = b""
    while not answered(data):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            break
        chunk = os.read(fd, 1024)
        if not chunk:
            break
        data += chunk
    return data


def _own_terminal() -> tuple[int, int] | None:
    """The file descriptors of the process's own stdin and stdout, if both are open."""
    try:
        if sys.__stdin__ is None or sys.__stdout__ is None:
            return None
        return sys.__stdin__.fileno(), sys.__stdout__.fileno()
    except (OSError, ValueError):
        return None


def _ask_own_terminal() -> None:
    global _answer
    fds = _own_terminal()
    _answer = NO_GRAPHICS if fds is None else ask(*fds)


def start() -> None:
    """Start asking the terminal, in a thread (once; not at all if photos need no answer)."""
    global _probe
    if _probe is not None or not needs_terminal_answers():
        return
    # Not a daemon: on Ctrl-C during the imports, the interpreter waits the half
    # second for it, so the terminal gets its echo back rather than staying silent.
    _probe = threading.Thread(target=_ask_own_terminal, name="terminal-probe")
    _probe.start()


def finish() -> None:
    """Wait until the terminal has answered (before Textual starts)."""
    if _probe is not None:
        _probe.join()


def result() -> Graphics:
    """What the terminal said it draws (waiting for it); NO_GRAPHICS if it was not asked."""
    finish()
    return _answer
