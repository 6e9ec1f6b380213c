"""Hard-wrapped paragraphs: one paragraph cut into lines of a fixed width.

A browser's capture gives one line per paragraph, but text saved from a
plain-text page, an e-mail or a terminal comes wrapped at 70 to 80 columns:
every paragraph is a run of lines with no blank line between them, all of
nearly the same width but the last. Read line by line, such a paragraph
becomes a string of fragments, and its short last line is often dropped as
furniture. This pass finds those runs so the blocks join them again.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.formats.capture import patterns as pat
from reader.formats.capture.lines import Line

WRAP_MAX_WIDTH = 100
"""Wider lines are whole paragraphs, not the lines of a wrapped one."""
WRAP_SLACK = 30
"""A wrapped line falls short of the wrap width by at most this many characters
(a long word that did not fit went to the next line)."""
WRAPPED_SHARE = 0.5
"""At least this share of the body's lines must run on into the next line
(no blank line between, no sentence end) for the page to count as wrapped."""
MIN_WRAPPED_LINES = 4
FULL_SHARE = 0.7
"""Of the lines that run on, at least this share fill the wrap width (less the slack)."""
MID_SENTENCE_SHARE = 0.4
"""Of the lines that run on, at least this share are followed by a lower-case start."""


def wrapped_runs(lines: Sequence[Line], body: set[int]) -> dict[int, list[int]]:
    """The wrapped paragraphs of the body: first line -> the lines that continue it.

    Empty unless the body as a whole reads as hard-wrapped: most of its lines
    are at most WRAP_MAX_WIDTH wide and run on into the next line mid-sentence.
    A run goes on while its line is near the wrap width and the next line
    stands right under it; the next line may be short (a paragraph's last),
    and it joins even when the classifier left it out.
    """
    if len(body) < MIN_WRAPPED_LINES:
        return {}
    widths = [len(lines[line_no].text) for line_no in body]
    if max(widths) > WRAP_MAX_WIDTH:
        return {}
    running_on = [line_no for line_no in body if _runs_on(lines, line_no)]
    if len(running_on) < max(MIN_WRAPPED_LINES, WRAPPED_SHARE * len(body)):
        return {}
    wrap_width = max(widths)
    # Verse and lists also run on without sentence ends; wrapped prose differs in
    # two ways: its lines fill the width, and the next one goes on mid-sentence.
    full = sum(1 for line_no in running_on if len(lines[line_no].text) >= wrap_width - WRAP_SLACK)
    mid_sentence = sum(1 for line_no in running_on if lines[line_no + 1].text[:1].islower())
    if full < FULL_SHARE * len(running_on) or mid_sentence < MID_SENTENCE_SHARE * len(running_on):
        return {}
    runs: dict[int, list[int]] = {}
    continued: set[int] = set()
    for line_no in sorted(body):
        if line_no in continued:
            continue
        followers = []
        current = line_no
        while _wraps_into_next(lines, current, wrap_width):
            current += 1
            followers.append(current)
        if followers:
            runs[line_no] = followers
            continued.update(followers)
    return runs


def _runs_on(lines: Sequence[Line], line_no: int) -> bool:
    """A line followed right under it by another, without ending its sentence."""
    line = lines[line_no]
    return line_no + 1 < len(lines) and not line.blank_after and not pat.ends_sentence(line.text)


def _wraps_into_next(lines: Sequence[Line], line_no: int, wrap_width: int) -> bool:
    """Whether the line after `line_no` continues its paragraph: the line is near
    the wrap width, no blank line parts them, and neither is a list item or a
    lead-in ending in a colon."""
    line = lines[line_no]
    if line_no + 1 >= len(lines) or line.blank_after:
        return False
    if len(line.text) < wrap_width - WRAP_SLACK or line.text.endswith(":"):
        return False
    following = lines[line_no + 1].text
    return pat.bullet_text(following) is None and not pat.is_numbered(following)
