"""Photo captions in a capture: the lines the trade's conventions make captions
whatever the caption classifier says, and the credit each caption takes from its
own line ("... Photo: Jane Doe") or from the line next to it.
"""

from __future__ import annotations

from reader.formats.capture import patterns as pat
from reader.formats.capture.caption_cues import is_placeholder
from reader.formats.capture.lines import Line
from reader.model import Block, count_words

MAX_CHARS = 500
"""Longer lines are never captions by rule: they are prose that quotes a credit."""
CAPTION_WORDS = range(3, 41)
"""How many words a caption has, when a placeholder or photo words mark it."""
PROSE_CHARS = 80
"""A line this long on either side of a short one is the prose it is set in."""
UNDER_CREDIT_CHARS = 120
"""Longest caption taken for one under its credit line."""
UNDER_CREDIT_WORDS = range(2, 13)
"""How many words a caption under its credit line has (a label, not a sentence)."""
"""A line this long on either side of a short one is the prose it is set in."""


def under_placeholder(lines: list[Line], line_no: int) -> bool:
    """True for a caption-shaped line right under a placeholder line ("Image",
    "Foto"): what a page prints where the photo it could not show stood."""
    if line_no == 0 or lines[line_no - 1].blank_after:
        return False
    text = lines[line_no].text
    return (
        is_placeholder(lines[line_no - 1].text)
        and not is_placeholder(text)
        and count_words(text) in CAPTION_WORDS
        and len(text) <= MAX_CHARS
    )


def under_credit(lines: list[Line], line_no: int) -> bool:
    """True for a short label right under a line that is only a credit ("Reuters",
    "Photo: Jane Doe"), with a blank line or prose after it: pages that print the
    credit on the photo put the caption under it. A sentence there is rather the
    article's standfirst or first paragraph, and a placeholder word is no credit."""
    if line_no == 0 or line_no + 1 >= len(lines):
        return False
    above, line = lines[line_no - 1].text, lines[line_no]
    if pat.credit_only(above) is None or is_placeholder(above):
        return False
    if len(line.text) > UNDER_CREDIT_CHARS or pat.credit_only(line.text) is not None:
        return False
    if pat.ends_sentence(line.text) or any(char.isdigit() for char in line.text):
        return False  # a standfirst or a gallery's "Image 1 of 9", not a caption
    following = lines[line_no + 1].text
    return count_words(line.text) in UNDER_CREDIT_WORDS and (
        line.blank_after or len(following) >= PROSE_CHARS
    )


def _photo_words_between_prose(lines: list[Line], line_no: int) -> bool:
    """A short line with photo words ("seen here", "file photo", "(left)") and no
    closing full stop, set between two lines of prose."""
    if not 0 < line_no < len(lines) - 1:
        return False
    text = lines[line_no].text
    return (
        len(lines[line_no - 1].text) >= PROSE_CHARS
        and len(lines[line_no + 1].text) >= PROSE_CHARS
        and len(text) <= MAX_CHARS
        and not pat.ends_sentence(text)
        and pat.has_caption_cue(text)
        and count_words(text) in CAPTION_WORDS
    )


def marked_by_convention(lines: list[Line], line_no: int) -> bool:
    """Captions the trade's conventions make certain: a caption prefix, a run-on
    credit, a credit line right under the text, or a credit standing alone."""
    text = lines[line_no].text
    if len(text) > MAX_CHARS:
        return False
    if pat.has_caption_prefix(text) or pat.credit_only(text) is not None:
        return True
    if (
        under_placeholder(lines, line_no)
        or under_credit(lines, line_no)
        or _photo_words_between_prose(lines, line_no)
    ):
        return True
    # The word count is costly and most lines fail the cheap tests it goes with.
    words: int | None = None
    if pat.has_trailing_credit(text):
        words = count_words(text)
        if words >= 2:
            return True
    if line_no + 1 < len(lines) and not lines[line_no].blank_after and not text.endswith(":"):
        next_line = lines[line_no + 1]
        # A placeholder under a line stands above the next caption, not as a credit.
        placeholder = line_no + 2 < len(lines) and under_placeholder(lines, line_no + 2)
        if (pat.credit_only(next_line.text) is not None and not placeholder) or (
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
    if is_placeholder(text) and line_no + 1 in captions:
        return  # "Image" over the caption: where the photo stood, no credit
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
    if (
        credit is None
        and line_no > 0
        and pat.credit_only(texts[line_no - 1]) is not None
        and not is_placeholder(texts[line_no - 1])
    ):
        credit = pat.credit_only(texts[line_no - 1])
    blocks.append(Block("caption", caption, credit))
