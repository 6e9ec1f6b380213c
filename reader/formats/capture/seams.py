"""The article's seams and edges: short lines the body classifier doubts.

A one-sentence paragraph ("It rained."), a lead-in ending in a colon above a
list, the prose right after a list's numbered headings and an end note
("X contributed reporting") all score low as lines alone: they are short,
or stand next to list lines that join the body only late (`take_list_items`).
A reader misses each of them. This pass, run after the list items joined,
takes them in when the body stands on both sides (or, for an end note,
right above), and never past the article's tail or back into a promo box.
"""

from __future__ import annotations

from reader.formats.capture import patterns as pat
from reader.formats.capture.analysis import Analysis
from reader.formats.capture.extent import GROW_MIN_CHARS, GROW_THRESHOLD, Extent
from reader.model import count_words

SHORT_THRESHOLD = 0.15
"""A short sentence between two body lines joins at this probability."""
END_NOTE_THRESHOLD = 0.1
"""An end note right under the last body line joins at this probability."""
SHORT_MIN_WORDS = 2


def close_seams(analysis: Analysis, extent: Extent, captions: set[int]) -> None:
    """Add the doubted prose lines next to list items, the short sentences and
    lead-ins set between body lines, and an end note under the body; repeats
    until nothing joins, then moves the article's last line."""
    stop = extent.tail if extent.tail is not None else len(analysis.lines)
    barred = extent.removed | captions | {analysis.headline}
    changed = True
    while changed:
        changed = False
        for line_no in range(max(extent.first, 0), stop):
            if line_no in extent.body or line_no in barred:
                continue
            if _joins(analysis, extent, line_no):
                extent.body.add(line_no)
                extent.last = max(extent.last, line_no)
                changed = True


def _joins(analysis: Analysis, extent: Extent, line_no: int) -> bool:
    """Whether the doubted line `line_no` belongs to the body around it."""
    text = analysis.lines[line_no].text
    probability = analysis.body[line_no]
    body = extent.body
    before, after = line_no - 1 in body, line_no + 1 in body
    if not pat.ends_sentence(text):
        return False
    if len(text) >= GROW_MIN_CHARS:
        # Prose next to a list item, or one short sentence away from the body.
        return probability >= GROW_THRESHOLD and (
            ((line_no - 1) in extent.list_items or (line_no + 1) in extent.list_items)
            or _across_short_line(analysis, body, line_no)
        )
    if pat.is_end_note(text):
        return probability >= END_NOTE_THRESHOLD and before and line_no > max(body)
    if count_words(text) < SHORT_MIN_WORDS:
        return False
    # A short last sentence may stand between the body and its end note.
    lines = analysis.lines
    note_after = line_no + 1 < len(lines) and pat.is_end_note(lines[line_no + 1].text)
    return probability >= SHORT_THRESHOLD and before and (after or note_after)


def _across_short_line(analysis: Analysis, body: set[int], line_no: int) -> bool:
    """Body two lines away, with one short sentence between: "... It rained. ..."."""
    lines = analysis.lines
    for between, beyond in ((line_no - 1, line_no - 2), (line_no + 1, line_no + 2)):
        if beyond in body and 0 <= between < len(lines):
            short = lines[between].text
            if len(short) < GROW_MIN_CHARS and pat.ends_sentence(short):
                return True
    return False
