"""The questions the reader asks the terminal about graphics, and reading its answers.

One write asks everything (see `terminal_probe`): the cell size in pixels
(only when the window size ioctl does not give it), whether Kitty graphics
(TGP) work, and the Primary Device Attributes (DA1) last. Every terminal
answers DA1, and answers in the order asked, so DA1's answer marks the end
of the others; its parameter 4 says the terminal draws Sixel.

`read_answers` is pure: it takes whatever bytes came back, in any order,
partial, with keystrokes or garbage around them, and reads only complete
answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CELL_SIZE_QUERY = b"\x1b[16t"
"""XTWINOPS 16: the cell's size in pixels, answered `CSI 6 ; height ; width t`."""

KITTY_ID = 31
"""The image id of the Kitty query, so its answer is told from any other graphics reply."""

KITTY_QUERY = b"\x1b_Gi=%d,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\" % KITTY_ID
"""A 1x1 RGB image sent with `a=q` (query only: nothing is stored or drawn).

A terminal with Kitty graphics answers `APC G i=31 ; OK ST`, or an error
instead of OK; the others ignore it."""

DA1_QUERY = b"\x1b[c"
"""Primary Device Attributes, answered `CSI ? Ps ; ... c`."""

SIXEL_ATTRIBUTE = b"4"
"""The DA1 parameter saying the terminal draws Sixel graphics."""

_DA1_ANSWER = re.compile(rb"\x1b\[\?([0-9;]*)c")
_CELL_ANSWER = re.compile(rb"\x1b\[6;([0-9]+);([0-9]+)t")
# Kitty's answer: control keys, a `;`, the message (OK or an error), then ST.
_KITTY_ANSWER = re.compile(rb"\x1b_G([^;\x1b]*);([^\x1b]*)\x1b\\")


@dataclass(frozen=True)
class Graphics:
    """What the terminal said it draws."""

    sixel: bool
    """The terminal draws Sixel graphics (DA1 lists 4)."""
    kitty: bool
    """The terminal draws Kitty graphics (it answered OK to the query)."""
    cell: tuple[int, int] | None
    """A cell's size in pixels, (width, height), or None when it is not known."""


NO_GRAPHICS = Graphics(sixel=False, kitty=False, cell=None)
"""What is assumed when the terminal was not asked, or did not answer."""


def answered(data: bytes) -> bool:
    """True once `data` holds the DA1 answer, the last one the terminal sends."""
    return _DA1_ANSWER.search(data) is not None


def read_answers(data: bytes) -> Graphics:
    """The graphics the terminal's answers in `data` describe (never raises).

    A missing or cut-off answer counts as "no": no Sixel, no Kitty graphics,
    no cell size.
    """
    da1 = _DA1_ANSWER.search(data)
    sixel = da1 is not None and SIXEL_ATTRIBUTE in da1.group(1).split(b";")
    kitty = any(
        b"i=%d" % KITTY_ID in keys.split(b",") and message == b"OK"
        for keys, message in _KITTY_ANSWER.findall(data)
    )
    return Graphics(sixel=sixel, kitty=kitty, cell=_cell(data))


def _cell(data: bytes) -> tuple[int, int] | None:
    answer = _CELL_ANSWER.search(data)
    if answer is None:
        return None
    height, width = int(answer.group(1)), int(answer.group(2))
    # Some terminals answer 0;0 when they do not know their pixels.
    if width <= 0 or height <= 0:
        return None
    return width, height
