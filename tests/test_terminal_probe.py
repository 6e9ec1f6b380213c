"""The round trip to the terminal: one write, quiet answers, the terminal's mode put back,
and no question at all off a terminal or when photos need no answer.

The terminal is a fake on a pseudo-terminal: a thread reads what the reader
writes to it and answers as a real one would.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import termios
import threading
from collections.abc import Iterator

import pytest

from reader.ui import terminal_probe
from reader.ui.image_protocol import PROTOCOL_ENV
from reader.ui.terminal_answers import (
    CELL_SIZE_QUERY,
    DA1_QUERY,
    KITTY_QUERY,
    NO_GRAPHICS,
    Graphics,
)

pty = pytest.importorskip("pty")

FOOT = b"\x1b[6;22;11t\x1b[?62;4;22c"
"""What foot answers: its cell size and DA1 with Sixel (it ignores the Kitty query)."""


@pytest.fixture
def terminal() -> Iterator[tuple[int, int]]:
    """A pseudo-terminal: (the terminal's side, the reader's side), no pixels in its size."""
    master, slave = pty.openpty()
    yield master, slave
    os.close(slave)
    os.close(master)


class FakeTerminal(threading.Thread):
    """Reads what the reader asks on `master` until DA1, then writes `answer`."""

    def __init__(self, master: int, answer: bytes) -> None:
        super().__init__(daemon=True)
        self.master = master
        self.answer = answer
        self.heard = b""
        """Everything the reader wrote, up to DA1."""

    def run(self) -> None:
        while not self.heard.endswith(DA1_QUERY):
            if not select.select([self.master], [], [], 5)[0]:
                return
            self.heard += os.read(self.master, 1024)
        os.write(self.master, self.answer)


def shown(master: int) -> bytes:
    """What reached the terminal's screen since it last read (echoed answers would be here)."""
    shown = b""
    while select.select([master], [], [], 0.05)[0]:
        shown += os.read(master, 1024)
    return shown


def test_one_write_asks_cell_size_kitty_then_da1_and_reads_the_answers(
    terminal: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    master, slave = terminal
    before = termios.tcgetattr(slave)
    writes: list[bytes] = []
    write = os.write

    def counted(fd: int, data: bytes) -> int:
        if fd == slave:
            writes.append(bytes(data))
        return write(fd, data)

    monkeypatch.setattr(os, "write", counted)
    fake = FakeTerminal(master, b"typed" + FOOT)
    fake.start()
    graphics = terminal_probe.ask(slave, slave, timeout=5)
    fake.join()
    assert writes == [CELL_SIZE_QUERY + KITTY_QUERY + DA1_QUERY]
    assert fake.heard == writes[0]
    assert graphics == Graphics(sixel=True, kitty=False, cell=(11, 22))
    assert shown(master) == b""
    assert termios.tcgetattr(slave) == before


def test_a_window_size_in_pixels_means_no_cell_size_question(terminal: tuple[int, int]) -> None:
    master, slave = terminal
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 1200, 800))
    fake = FakeTerminal(master, b"\x1b_Gi=31;OK\x1b\\\x1b[?62;c")
    fake.start()
    graphics = terminal_probe.ask(slave, slave, timeout=5)
    fake.join()
    assert fake.heard == KITTY_QUERY + DA1_QUERY
    assert graphics == Graphics(sixel=False, kitty=True, cell=(10, 20))


def test_a_silent_terminal_is_waited_for_only_until_the_timeout(
    terminal: tuple[int, int],
) -> None:
    master, slave = terminal
    before = termios.tcgetattr(slave)
    assert terminal_probe.ask(slave, slave, timeout=0.05) == NO_GRAPHICS
    assert termios.tcgetattr(slave) == before
    assert shown(master) == CELL_SIZE_QUERY + KITTY_QUERY + DA1_QUERY


def test_the_terminals_mode_is_put_back_when_the_write_fails(
    terminal: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, slave = terminal
    before = termios.tcgetattr(slave)

    write = os.write

    def broken(fd: int, data: bytes) -> int:
        if fd == slave:
            raise OSError("terminal gone")
        return write(fd, data)

    monkeypatch.setattr(os, "write", broken)
    assert terminal_probe.ask(slave, slave, timeout=1) == NO_GRAPHICS
    assert termios.tcgetattr(slave) == before


def test_not_a_terminal_is_asked_nothing() -> None:
    read_end, write_end = os.pipe()
    try:
        assert terminal_probe.ask(read_end, write_end, timeout=1) == NO_GRAPHICS
        os.close(write_end)
        assert os.read(read_end, 1024) == b""
    finally:
        os.close(read_end)


def test_stdout_off_the_terminal_is_asked_nothing(terminal: tuple[int, int]) -> None:
    master, slave = terminal
    read_end, write_end = os.pipe()
    try:
        assert terminal_probe.ask(slave, write_end, timeout=1) == NO_GRAPHICS
        assert terminal_probe.ask(read_end, slave, timeout=1) == NO_GRAPHICS
        assert shown(master) == b""
    finally:
        os.close(read_end)
        os.close(write_end)


def test_photos_in_characters_need_no_question(
    terminal: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    master, slave = terminal
    monkeypatch.setattr(terminal_probe, "_probe", None)
    monkeypatch.setattr(terminal_probe, "_own_terminal", lambda: (slave, slave))
    for forced in ("halfcell", "unicode", " HalfCell "):
        monkeypatch.setenv(PROTOCOL_ENV, forced)
        terminal_probe.start()
        assert terminal_probe.result() == NO_GRAPHICS
    assert shown(master) == b""


def test_start_asks_in_a_thread_and_result_waits_for_it(
    terminal: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    master, slave = terminal
    monkeypatch.setattr(terminal_probe, "_probe", None)
    monkeypatch.setattr(terminal_probe, "_answer", NO_GRAPHICS)
    monkeypatch.setattr(terminal_probe, "_own_terminal", lambda: (slave, slave))
    monkeypatch.setenv(PROTOCOL_ENV, "auto")
    fake = FakeTerminal(master, FOOT)
    fake.start()
    terminal_probe.start()
    terminal_probe.finish()
    assert terminal_probe.result() == Graphics(sixel=True, kitty=False, cell=(11, 22))
    fake.join()
