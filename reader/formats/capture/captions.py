"""Photo captions in a capture: the lines the trade's conventions make captions
whatever the caption classifier says, and the credit each caption takes from its
own line ("... Photo: Jane Doe") or from the line next to it.
"""

from __future__ import annotations

from reader.formats.capture import patterns as pat
from reader.formats.capture.lines import Line
from reader.model import Block, count_words

MAX_CHARS = 500
"""Longer lines are never captions by rule: they are prose that quotes a credit."""


def marked_by_convention(lines: list[Line], line_no: int) -> bool:
    """Captions the trade's conventions make certain: a caption prefix, a run-on
    credit, a credit line right under the text, or a credit standing alone."""
    text = lines[line_no].text
    if len(text) > MAX_CHARS:
        return False
    if pat.has_caption_prefix(text) or pat.credit_only(text) is not None:
        return True
    # The word count is costly and most lines fail the cheap tests it goes with.
    words: int | None = None
    if pat.has_trailing_credit(text):
        words = count_words(text)
        if words >= 2:
            return True
    if line_no + 1 < len(lines) and not lines[line_no].blank_after and not text.endswith(":"):
        next_line = lines[line_no + 1]
        if pat.credit_only(next_line.text) is not None or (
            next_line.blank_after and next_line.text.isupper() and count_words(next_line.text) <= 4
        ):
            words = count_words(text) if words is None else words
            if words >= 4:
                return True
    neighbours = [other for other in (line_no - 1, line_no + 1) if 0 <= other < len(lines)]
    if any(pat.credit_only(lines[other].text) is not None for other in neighbours):
        # "... (left) ...", "pictured ...": photo words, next to a credit line.
        words = count_words(text) if words is None else words
        return 4 <= words <= 60 and pat.has_caption_cue(text)
    return False


def append_caption(
    blocks: list[Block], texts: list[str], line_no: int, used: set[int], captions: set[int]
) -> None:
    """Append the caption on line `line_no` to `blocks`, with its credit.

    The credit comes from the caption's own line, else from the line after it
    (which is then added to `used`), else from a credit line before it. A line
    that is only a credit goes to the caption block just before it, or is left
    for the uncredited caption right after it.
    """
    text = texts[line_no]
    only = pat.credit_only(text)
    if only is not None:
        # A credit on the line after its caption belongs to that caption.
        if blocks and blocks[-1].kind == "caption" and blocks[-1].credit is None:
            blocks[-1] = Block("caption", blocks[-1].text, only)
        elif line_no + 1 in captions and pat.split_credit(texts[line_no + 1])[1] is None:
            pass  # a credit above an uncredited caption: that caption takes it
        else:
            blocks.append(Block("caption", text))
        return
    caption, credit = pat.split_credit(text)
    if credit is None and line_no + 1 < len(texts) and line_no + 1 not in used:
        next_text = texts[line_no + 1]
        credit = pat.credit_only(next_text)
        if credit is None and next_text.isupper() and count_words(next_text) <= 4:
            credit = next_text
        if credit is not None:
            used.add(line_no + 1)
    if credit is None and line_no > 0 and (pat.credit_only(texts[line_no - 1]) is not None):
        credit = pat.credit_only(texts[line_no - 1])
    blocks.append(Block("caption", caption, credit))
