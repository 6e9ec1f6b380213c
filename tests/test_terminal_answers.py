"""Reading the terminal's answers about graphics: real terminals' replies, partial, garbled."""

from __future__ import annotations

import pytest

from reader.ui.terminal_answers import (
    NO_GRAPHICS,
    Graphics,
    answered,
    read_answers,
)

KITTY_OK = b"\x1b_Gi=31;OK\x1b\\"

TERMINALS = {
    # xterm -ti vt340: the cell size, no Kitty graphics (the APC is ignored), Sixel in DA1.
    "xterm as a VT340": (
        b"\x1b[6;17;9t\x1b[?63;1;2;4;6;9;15;16;22;28c",
        Graphics(sixel=True, kitty=False, cell=(9, 17)),
    ),
    # xterm's default VT420: no 4 among the attributes.
    "xterm": (
        b"\x1b[6;17;9t\x1b[?64;1;2;6;9;15;16;17;18;21;22;28c",
        Graphics(sixel=False, kitty=False, cell=(9, 17)),
    ),
    "kitty": (
        b"\x1b[6;21;10t" + KITTY_OK + b"\x1b[?62;c",
        Graphics(sixel=False, kitty=True, cell=(10, 21)),
    ),
    # tmux 3.3 answers DA1 itself, and neither the cell size nor the Kitty query.
    "tmux": (b"\x1b[?1;2c", NO_GRAPHICS),
    "tmux built with Sixel": (b"\x1b[?1;2;4c", Graphics(sixel=True, kitty=False, cell=None)),
    "foot": (
        b"\x1b[6;22;11t\x1b[?62;4;22c",
        Graphics(sixel=True, kitty=False, cell=(11, 22)),
    ),
    "WezTerm": (
        b"\x1b[6;16;8t" + KITTY_OK + b"\x1b[?65;4;6;18;22c",
        Graphics(sixel=True, kitty=True, cell=(8, 16)),
    ),
    # A terminal that knows the Kitty query but cannot draw it says why, not OK.
    "Kitty graphics refused": (
        b"\x1b_Gi=31;ENOTSUPPORTED:no graphics here\x1b\\\x1b[?62;c",
        NO_GRAPHICS,
    ),
    # A terminal that does not know its pixels answers zeros.
    "cell size unknown": (b"\x1b[6;0;0t\x1b[?62;4c", Graphics(sixel=True, kitty=False, cell=None)),
}


@pytest.mark.parametrize("terminal", list(TERMINALS))
def test_each_terminals_answers_read_as_what_it_draws(terminal: str) -> None:
    data, expected = TERMINALS[terminal]
    assert read_answers(data) == expected
    assert answered(data)


def test_answers_in_any_order_with_keystrokes_and_garbage_around_them() -> None:
    data = b"j\x1b[?62;4;22cq\x00\xff" + KITTY_OK + b"\x1b[Azz\x1b[6;20;10t\r\n"
    assert read_answers(data) == Graphics(sixel=True, kitty=True, cell=(10, 20))


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x1b[?62;4",  # DA1 cut off
        b"\x1b_Gi=31;OK",  # the Kitty answer without its ST
        b"\x1b[6;20;",  # the cell size cut off
        b"\x1b[?62",
    ],
)
def test_a_truncated_answer_counts_as_no(data: bytes) -> None:
    assert read_answers(data) == NO_GRAPHICS
    assert not answered(data)


@pytest.mark.parametrize(
    "data",
    [
        b"\x1b[?62;14;24c",  # 14 and 24 are not 4
        b"\x1b[>1;10;0c",  # a secondary DA answer is not DA1
        b"\x1b_Gi=7;OK\x1b\\\x1b[?62c",  # another image's answer
        b"\x1b_Gi=310;OK\x1b\\\x1b[?62c",
        b"\x1b_Gi=31;OKAY\x1b\\\x1b[?62c",
        b"\x1b[6;x;10t\x1b[?62c",
        b"[?62;4c _Gi=31;OK \x1b\\ [6;20;10t",  # the answers without their escapes
        bytes(range(256)),
    ],
)
def test_what_only_looks_like_an_answer_counts_as_no(data: bytes) -> None:
    assert read_answers(data) == NO_GRAPHICS


def test_the_kitty_answer_may_carry_more_keys() -> None:
    assert read_answers(b"\x1b_Gi=31,p=0;OK\x1b\\").kitty


def test_answered_is_only_the_da1_answer() -> None:
    assert not answered(b"\x1b[6;20;10t" + KITTY_OK)
    assert answered(b"\x1b[?6c")
