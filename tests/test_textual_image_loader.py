"""textual-image draws what the terminal said, and never asks the terminal itself.

Each case runs a fresh interpreter on a pseudo-terminal (textual-image makes
its pick once, on import, and only on a terminal): either with the probe's
result replaced by a fake answer, or with the real probe answered by a fake
terminal here. Whatever the interpreter writes to the terminal is read back:
textual-image must write nothing, the probe one question.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.ui.image_protocol import PROTOCOL_ENV
from reader.ui.terminal_answers import CELL_SIZE_QUERY, DA1_QUERY, KITTY_QUERY, Graphics
from reader.ui.textual_image_loader import DEFAULT_CELL, cell_or_default

pty = pytest.importorskip("pty")

ROOT = Path(__file__).resolve().parent.parent

REPORT = """
import json, sys
from reader.ui import photo
widget = photo.image_widget_class()
json.dump({
    "widget": widget.__module__ + "." + widget.__qualname__,
    "renderable": sys.modules["textual_image.renderable"].Image.__module__,
    "cell": photo.cell_size(),
}, sys.stderr)
"""
"""What the interpreter reports once `photo` picked its widget: on stderr, as JSON."""

FAKE_ANSWER = """
from reader.ui import terminal_probe
from reader.ui.terminal_answers import Graphics
terminal_probe.result = lambda: {graphics!r}
"""

REAL_PROBE = """
from reader.ui import terminal_probe
terminal_probe.start()
terminal_probe.finish()
"""

SIXEL = "textual_image.widget.sixel.Image"
AUTO = "textual_image.widget.AutoImage"
TGP = "textual_image.widget.TGPImage"


def on_terminal(code: str, answer: bytes = b"", protocol: str = "auto") -> tuple[Any, bytes]:
    """Run `code` with stdin and stdout on a pseudo-terminal that writes `answer` once it
    hears DA1: (what the code reported, everything written to the terminal)."""
    master, slave = pty.openpty()
    env = {**os.environ, PROTOCOL_ENV: protocol}
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )
    os.close(slave)
    heard = b""
    try:
        while select.select([master], [], [], 60)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the interpreter has exited: the terminal is gone
                break
            if answer and DA1_QUERY in heard + chunk and DA1_QUERY not in heard:
                os.write(master, answer)
            heard += chunk
        _, errors = process.communicate(timeout=60)
    finally:
        process.kill()
        os.close(master)
    assert process.returncode == 0, errors.decode()
    return json.loads(errors.decode().splitlines()[-1]), heard


@pytest.mark.parametrize(
    ("graphics", "widget", "renderable"),
    [
        (Graphics(sixel=True, kitty=False, cell=(9, 18)), SIXEL, "sixel"),
        (Graphics(sixel=False, kitty=True, cell=(9, 18)), AUTO, "tgp"),
        # textual-image's own order: Sixel first (Kitty itself draws no Sixel).
        (Graphics(sixel=True, kitty=True, cell=(9, 18)), SIXEL, "sixel"),
        (Graphics(sixel=False, kitty=False, cell=None), AUTO, "halfcell"),
    ],
)
def test_photos_draw_with_what_the_terminal_said(
    graphics: Graphics, widget: str, renderable: str
) -> None:
    report, heard = on_terminal(FAKE_ANSWER.format(graphics=graphics) + REPORT)
    assert heard == b""  # textual-image asked nothing
    assert report["widget"] == widget
    assert report["renderable"] == f"textual_image.renderable.{renderable}"
    assert tuple(report["cell"]) == (graphics.cell or DEFAULT_CELL)


def test_a_forced_protocol_overrides_what_the_terminal_said() -> None:
    graphics = Graphics(sixel=True, kitty=False, cell=(9, 18))
    report, heard = on_terminal(FAKE_ANSWER.format(graphics=graphics) + REPORT, protocol="kitty")
    assert heard == b""
    assert report["widget"] == TGP
    assert tuple(report["cell"]) == (9, 18)


def test_the_real_probe_asks_once_and_textual_image_never() -> None:
    foot = b"\x1b[6;22;11t\x1b[?62;4;22c"
    report, heard = on_terminal(REAL_PROBE + REPORT, answer=foot)
    assert heard == CELL_SIZE_QUERY + KITTY_QUERY + DA1_QUERY
    assert report == {
        "widget": SIXEL,
        "renderable": "textual_image.renderable.sixel",
        "cell": [11, 22],
    }


def test_half_blocks_forced_ask_the_terminal_nothing() -> None:
    report, heard = on_terminal(REAL_PROBE + REPORT, protocol="halfcell")
    assert heard == b""
    assert report["widget"] == "textual_image.widget.HalfcellImage"


def test_a_cell_size_unknown_is_textual_serves_or_a_vt340s(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTUAL_CELL_WIDTH", raising=False)
    monkeypatch.delenv("TEXTUAL_CELL_HEIGHT", raising=False)
    assert cell_or_default((7, 15)) == (7, 15)
    assert cell_or_default(None) == DEFAULT_CELL == (10, 20)
    monkeypatch.setenv("TEXTUAL_CELL_WIDTH", "8")
    monkeypatch.setenv("TEXTUAL_CELL_HEIGHT", "16")
    assert cell_or_default(None) == (8, 16)
    assert cell_or_default((7, 15)) == (7, 15)
    monkeypatch.setenv("TEXTUAL_CELL_HEIGHT", "0")
    assert cell_or_default(None) == DEFAULT_CELL
