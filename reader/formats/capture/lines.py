"""Split a page capture into non-blank lines with their layout facts.

A capture is the browser's `innerText` of a page: one line per block, and a
blank line around paragraph-like blocks. The blank lines carry layout, so each
kept line remembers whether one stood before or after it.
"""

from __future__ import annotations

from dataclasses import dataclass

# Invisible characters that pages scatter through text (zero-width space,
# soft hyphen, byte-order mark); they only confuse matching.
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u00ad\ufeff"
_INVISIBLE = str.maketrans("", "", _INVISIBLE_CHARS)


@dataclass(slots=True)
class Line:
    """One non-blank line of a capture."""

    text: str
    """The line with runs of whitespace collapsed and the ends stripped."""
    indent: int
    """Leading spaces in the capture (standfirst bullets are often indented)."""
    blank_before: bool
    blank_after: bool
    drop_cap: bool = False
    """The line began with a drop cap on a line of its own: a paragraph's start."""


def split_lines(text: str) -> list[Line]:
    """Cut `text` into non-blank `Line`s, joining drop caps to their paragraph.

    A drop cap shows up as one letter on a line of its own, followed by the
    rest of the word in lower case ("H" then "ong Kong is ..."); the two are
    joined without a space.
    """
    lines: list[Line] = []
    blank = True
    if any(char in text for char in _INVISIBLE_CHARS):
        text = text.translate(_INVISIBLE)  # none of them is a line end: same lines
    for cleaned in text.split("\n"):
        stripped = cleaned.strip()
        if not stripped:
            if lines:
                lines[-1].blank_after = True
            blank = True
            continue
        # str.split() cuts at the same whitespace runs as the pattern \s+, and
        # `stripped` has none at its ends: each inner run becomes one space.
        body = " ".join(stripped.split())
        indent = len(cleaned) - len(cleaned.lstrip())
        prev = lines[-1] if lines else None
        if prev is not None and _is_drop_cap(prev.text) and body[:1].islower():
            prev.text = prev.text + body
            prev.blank_after = False
            prev.drop_cap = True
            blank = False
            continue
        lines.append(Line(body, indent, blank, False))
        blank = False
    return lines


def _is_drop_cap(text: str) -> bool:
    """True for a lone capital letter, possibly after an opening quote."""
    core = text.lstrip("\"'“‘«")
    return len(core) == 1 and core.isalpha() and core.isupper() and len(text) <= 2
