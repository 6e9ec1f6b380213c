"""Which way photos are drawn: `READER_IMAGE_PROTOCOL`, or what the terminal draws.

`auto` (the default, and what an unknown name means) leaves the choice to
`textual-image`, which takes what the terminal said it draws (Sixel, then
Kitty graphics, then half-blocks; Unicode blocks when not on a terminal).
`kitty` (or `tgp`), `sixel`, `halfcell` and `unicode` force one; the tests
use `halfcell`, which needs no terminal support.
"""

from __future__ import annotations

import os

PROTOCOL_ENV = "READER_IMAGE_PROTOCOL"
"""Environment variable forcing how photos are drawn (see the module docstring)."""

PROTOCOLS = ("auto", "kitty", "tgp", "sixel", "halfcell", "unicode")
"""The names `READER_IMAGE_PROTOCOL` takes."""

CELL_FREE = frozenset({"halfcell", "unicode"})
"""Protocols drawn in characters, which need nothing from the terminal, not even its
cell size in pixels (see `reader.ui.photo.cell_size`)."""


def image_protocol() -> str:
    """The protocol `READER_IMAGE_PROTOCOL` names, lower-cased; `auto` if unset or unknown."""
    name = os.environ.get(PROTOCOL_ENV, "").strip().lower()
    return name if name in PROTOCOLS else "auto"


def needs_terminal_answers() -> bool:
    """Whether drawing photos needs the terminal's answers (not for half-blocks or Unicode)."""
    return image_protocol() not in CELL_FREE
