"""Which lines are the article's body, and where it runs.

The body classifier's confident lines are the seed. Passes then widen it with
the prose lines it doubted next to them (a brief's one paragraph, the article
going on past an interruption), cut it to the article's run under the headline,
and drop or add the lines that the classifier reads wrongly inside it: promo
and teaser boxes, the comments after a tail heading, the items of a list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.formats.capture import body as cb
from reader.formats.capture import gaps as gaps
from reader.formats.capture import patterns as pat
from reader.formats.capture.analysis import Analysis
from reader.formats.capture.lines import Line

BODY_THRESHOLD = 0.5
TAIL_PROSE_LINES = 3
"""A comment or teaser heading ends the article unless this many confident lines follow."""
GROW_THRESHOLD = 0.3
"""Lines this likely to be body join it when they stand next to a body line."""
GROW_MIN_CHARS = 60
GROW_LONG_THRESHOLD = 0.15
GROW_LONG_CHARS = 150
"""A long sentence-ending line joins the body at this lower probability: the
classifier's doubt about a lead paragraph right under a caption or promo."""
LONE_REACH = 12
LONE_MIN_CHARS = 100
LONE_MIN_P = 0.05
"""A brief's one paragraph is looked for this many lines under the headline, at
least this long and this likely to be body."""


@dataclass(slots=True)
class Extent:
    """The article's body lines and where they run, as the passes narrow them."""

    body: set[int]
    first: int
    """First body line under the headline (the line count when there is none)."""
    last: int
    """Last body line of the article (the headline when there is none)."""
    list_items: set[int] = field(default_factory=set)
    """Body lines that are items of a list set in the article."""
    removed: set[int] = field(default_factory=set)
    """Lines the passes took out of the body (promos, teaser boxes): never put back."""
    tail: int | None = None
    """The comment or teaser heading the article ends at, when it has one."""


def confident_body(analysis: Analysis, captions: set[int]) -> set[int]:
    """The lines the body classifier is fairly sure of, less the headline, the
    captions and ad-slot labels: the seed that the later passes widen and cut."""
    return {
        line_no
        for line_no, probability in enumerate(analysis.body)
        if probability >= BODY_THRESHOLD
        and line_no != analysis.headline
        and line_no not in captions
        and not cb.is_ad_label(analysis.lines[line_no].text)
    }


def grow_body(analysis: Analysis, body: set[int], captions: set[int]) -> None:
    """Hysteresis: a prose line the classifier was unsure of joins the body when it
    stands right next to a body line (the last paragraph of a short capture, say).
    Captions in between do not count as separating them; repeats until nothing joins."""
    changed = True
    while changed:
        changed = False
        for line_no, probability in enumerate(analysis.body):
            if line_no in body or line_no == analysis.headline or line_no in captions:
                continue
            line = analysis.lines[line_no]
            if probability < min(GROW_THRESHOLD, GROW_LONG_THRESHOLD) and not line.drop_cap:
                continue  # too unlikely by every test below (the cheap test first)
            text = line.text
            width = _width(text)
            long_line = width >= GROW_LONG_CHARS and probability >= GROW_LONG_THRESHOLD
            if probability < GROW_THRESHOLD and not long_line and not line.drop_cap:
                continue
            if width >= GROW_MIN_CHARS and pat.ends_sentence(text):
                before, after = line_no - 1, line_no + 1
                while before in captions:
                    before -= 1
                while after in captions:
                    after += 1
                if before in body or after in body:
                    body.add(line_no)
                    changed = True


def brief_paragraph(analysis: Analysis, body: set[int], captions: set[int]) -> set[int]:
    """When nothing under the headline reads as prose (at most a footer line), the
    capture is a one-paragraph news brief the classifier missed: the first long
    sentence-ending line just under the headline that might be body."""
    headline = analysis.headline
    texts_below = (analysis.lines[line_no].text for line_no in body if line_no > headline)
    if any(pat.ends_sentence(text) for text in texts_below):
        return set()
    for line_no in range(headline + 1, min(len(analysis.lines), headline + 1 + LONE_REACH)):
        text = analysis.lines[line_no].text
        if line_no in captions or analysis.body[line_no] < LONE_MIN_P:
            continue
        if _width(text) < LONE_MIN_CHARS:
            continue
        if pat.ends_sentence(text) and pat.byline_name(text) is None:
            return {line_no}
    return set()


def article_extent(analysis: Analysis, body: set[int]) -> Extent:
    """The body cut to the article: under the headline it ends at the first long
    gap the article does not go on past (see `gaps`), as comments, teasers and
    footers follow. Body lines above the headline stay: the densest run may begin
    there when the headline chosen stands inside it."""
    headline = analysis.headline
    below = [line_no for line_no in sorted(body) if line_no > headline]
    run = gaps.article_run(below, analysis.lines, analysis.body, analysis.region)
    if not run:
        kept = {line_no for line_no in body if line_no <= headline}
        return Extent(kept, first=len(analysis.lines), last=headline)
    kept = {line_no for line_no in body if line_no <= run[-1]}
    return Extent(kept, first=run[0], last=run[-1])


def drop_inset_boxes(lines: list[Line], extent: Extent) -> None:
    """Drop newsletter promos and teaser boxes ("Most read" and its links) set into
    the article: the classifier reads their lines as body, the reader does not."""
    boxes = cb.promo_runs(lines, extent.first, extent.last)
    boxes |= cb.teaser_boxes(lines, extent.first, extent.last)
    extent.removed |= boxes
    extent.body -= boxes


def cut_at_tail(analysis: Analysis, extent: Extent) -> None:
    """End the article at the first comment or teaser heading inside it ("Leave a
    reply", "Read next"), unless confident prose still follows (a box set into the
    text). A heading among the body's first two lines is not taken for one."""
    tail = next(
        (
            line_no
            for line_no in range(extent.first + 2, extent.last + 1)
            if cb.is_tail_marker(analysis.lines[line_no].text)
            and not _prose_after(analysis, extent.body, line_no)
        ),
        None,
    )
    if tail is None:
        return
    extent.tail = tail
    extent.body -= {line_no for line_no in extent.body if line_no >= tail}
    below = (line_no for line_no in extent.body if analysis.headline < line_no < tail)
    extent.last = max([extent.first, *below])


def _prose_after(analysis: Analysis, body: set[int], line_no: int) -> bool:
    """True when confident article prose still follows `line_no` (a teaser box set
    into the text, not the end of the article)."""
    confident = sum(
        1 for later in body if later > line_no and analysis.body[later] >= gaps.RESUME_P
    )
    return confident >= TAIL_PROSE_LINES


def take_list_items(analysis: Analysis, extent: Extent, captions: set[int]) -> None:
    """Add the items of lists set in the article (tour dates, steps) to the body:
    their short lines read as page furniture to the classifier."""
    items = cb.list_items(analysis.lines, analysis.body, extent.body, extent.first, extent.last)
    items -= captions | {analysis.headline}
    extent.body |= items
    extent.list_items = items
    extent.last = max([extent.last, *items])


def _width(text: str) -> int:
    """Length with wide (CJK) characters counted twice, as they carry more text."""
    head = text[:200]
    return len(text) + (0 if head.isascii() else sum(1 for char in head if ord(char) >= 0x2E80))
