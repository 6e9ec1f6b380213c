"""Turn the classified lines of a capture into an Article.

The classifiers say which lines are body, headline and captions; this module
applies the conventions around them: standfirst bullets under the headline,
the kicker (a short label before the headline, often repeated after the
standfirst), byline and date lines, photo credits, subheadings, pull quotes,
and related-article links set between paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.formats.capture import body as cb
from reader.formats.capture import gaps as gaps
from reader.formats.capture import meta as meta
from reader.formats.capture import patterns as pat
from reader.formats.capture.captions import append_caption, marked_by_convention
from reader.formats.capture.lines import Line
from reader.model import Article, Block, BlockKind, count_words

BODY_THRESHOLD = 0.5
CAPTION_THRESHOLD = 0.5
RELATED_MAX = 4
"""An article with this many link-like lines in its body has a list of its own instead."""
TAIL_PROSE_LINES = 3
"""A comment or teaser heading ends the article unless this many confident lines follow."""
GROW_THRESHOLD = 0.3
"""Lines this likely to be body join it when they stand next to a body line."""
GROW_MIN_CHARS = 60
GROW_LONG_THRESHOLD = 0.15
GROW_LONG_CHARS = 150
"""A long sentence-ending line joins the body at this lower probability: the
classifier's doubt about a lead paragraph right under a caption or promo."""
LEAD_CAPTION_REACH = 12
"""How many lines above the headline a lead photo caption may stand."""


@dataclass(slots=True)
class Analysis:
    """What the classifiers found in a capture, line by line."""

    lines: list[Line]
    body: list[float]
    """Probability that each line is article body."""
    region: tuple[int, int]
    """First and last line of the densest run of body lines."""
    headline: int
    """Index of the headline line, or -1 when the capture has no lines."""
    caption: dict[int, float]
    """Probability of being a photo caption, for the lines near the body."""


def assemble(a: Analysis) -> Article:
    """Build the Article from an analysed capture."""
    lines = a.lines
    if not lines or a.headline < 0:
        return Article(headline="", format="capture")
    h = a.headline
    n = len(lines)
    texts = [line.text for line in lines]
    captions = {
        i
        for i, p in a.caption.items()
        if i != h and (p >= CAPTION_THRESHOLD or marked_by_convention(a.lines, i))
    }
    body = {
        i
        for i, p in enumerate(a.body)
        if p >= BODY_THRESHOLD and i != h and i not in captions and not cb.is_ad_label(texts[i])
    }
    _grow_body(a, body, h, captions)
    if not any(i > h and pat.ends_sentence(texts[i]) for i in body):
        # Nothing under the headline reads as prose (at most a footer line): a brief.
        body |= _lone_paragraph(a, h, captions)
    body |= gaps.resumed_prose(body, h, lines, a.body, captions)
    after = gaps.article_run([i for i in sorted(body) if i > h], lines, a.body, a.region)
    body -= {i for i in body if i > h and (not after or i > after[-1])}
    first_body = after[0] if after else n
    last_body = after[-1] if after else h
    body -= cb.promo_runs(lines, first_body, last_body)
    body -= cb.teaser_boxes(lines, first_body, last_body)
    tail = next(
        (
            i
            for i in range(first_body + 2, last_body + 1)
            if cb.is_tail_marker(texts[i]) and not _prose_after(a, body, i)
        ),
        None,
    )
    if tail is not None:
        # Comments or teasers open here: the article ended before.
        body -= {i for i in body if i >= tail}
        last_body = max([first_body, *(i for i in body if h < i < tail)])
    items = cb.list_items(lines, a.body, body, first_body, last_body) - captions - {h}
    body |= items
    last_body = max([last_body, *items])

    bullets, bullet_lines = meta.bullets(texts, h, first_body)
    section, kicker_lines = meta.kicker(texts, h, first_body, captions)
    byline, published, meta_lines = meta.meta(texts, h, body)
    skip = {h, *bullet_lines, *kicker_lines, *meta_lines}
    if not bullets and first_body < n:
        # A standfirst without bullet markers is kept as the single standfirst item.
        lone = meta.standfirst(texts, h, first_body, skip | captions)
        if lone is not None:
            bullets = [texts[lone]]
            skip.add(lone)

    link_like = {i for i in body if i > h and _looks_related(a.lines, i, body)}
    if len(link_like) >= RELATED_MAX:
        link_like = set()  # so many "links" are the article's own short lines (a deal list)
    blocks: list[Block] = []
    lead = max(0, h - LEAD_CAPTION_REACH)
    # Normally the body follows the headline; when the densest body run begins
    # above the chosen headline, that run is the article all the same.
    start = a.region[0] if a.region[0] <= a.region[1] and a.region[0] < h else h + 1
    hi = min(n - 1, max(last_body, a.region[1] if start <= h else last_body) + 3)
    for i in range(min(lead, start), hi + 1):
        if i == h or (i < start and not (i >= lead and i in captions)):
            continue
        if i in skip:
            continue
        text = texts[i]
        if (section and text == section) or cb.is_ad_label(text):
            continue
        if i in captions:
            append_caption(blocks, texts, i, skip, captions)
        elif i in body:
            if not any(ch.isalpha() for ch in text[:200]):
                continue  # a lone count, price or rule: page furniture, not prose
            if i in items:
                blocks.append(Block("paragraph", text))  # a list item, whatever its shape
                continue
            kind = _body_kind(texts, i)
            if kind == "paragraph" and cb.is_pull_quote(texts, i, body):
                kind = "quote"
            elif kind == "paragraph" and cb.is_question_heading(lines, i, body):
                kind = "subheading"
            if kind == "subheading" and _ends_link_run(lines, i, body, captions):
                continue
            if kind == "quote" and i + 1 < n and _is_attribution(texts[i + 1]):
                # The pull quote's attribution line ("— Name") goes with it.
                blocks.append(Block(kind, f"{text} {texts[i + 1]}"))
                skip.add(i + 1)
                continue
            if kind == "paragraph" and i in link_like:
                # A line without closing punctuation set between two paragraphs
                # is a link to another article (or a subheading), not prose.
                kind = _between_kind(text) or "paragraph"
            blocks.append(_block(kind, text))
        elif first_body < i < last_body and (i - 1) in body and (i + 1) in body:
            between = _between_kind(text)
            if between is not None:
                blocks.append(_block(between, text))
    return Article(
        headline=texts[h],
        section=section,
        bullets=tuple(bullets),
        byline=byline,
        published=published,
        blocks=tuple(blocks),
        format="capture",
    )


def _block(kind: BlockKind, text: str) -> Block:
    """A body block; a related link loses its label ("Read more: X" -> "X")."""
    if kind == "related":
        text = cb.strip_related_label(text)
    return Block(kind, text)


def _prose_after(a: Analysis, body: set[int], i: int) -> bool:
    """True when confident article prose still follows line i (a teaser box set
    into the text, not the end of the article)."""
    return sum(1 for k in body if k > i and a.body[k] >= gaps.RESUME_P) >= TAIL_PROSE_LINES


def _ends_link_run(lines: list[Line], i: int, body: set[int], captions: set[int]) -> bool:
    """A short line closing a run of link lines ("Most read" teasers) set right
    against it: the run's last item, not a subheading of the article."""
    if lines[i].blank_before or i < 3:
        return False
    run = range(i - 3, i)
    return all(k not in body and k not in captions and not lines[k].blank_after for k in run)


def _grow_body(a: Analysis, body: set[int], h: int, captions: set[int]) -> None:
    """Hysteresis: a prose line the classifier was unsure of joins the body when it
    stands right next to a body line (the last paragraph of a short capture, say)."""
    changed = True
    while changed:
        changed = False
        for i, p in enumerate(a.body):
            if i in body or i == h or i in captions:
                continue
            if p < min(GROW_THRESHOLD, GROW_LONG_THRESHOLD) and not a.lines[i].drop_cap:
                continue  # too unlikely by every test below (the cheap test first)
            text = a.lines[i].text
            width = _width(text)
            long = width >= GROW_LONG_CHARS and p >= GROW_LONG_THRESHOLD
            if p < GROW_THRESHOLD and not long and not a.lines[i].drop_cap:
                continue
            if width >= GROW_MIN_CHARS and pat.ends_sentence(text):
                before, after = i - 1, i + 1
                while before in captions:
                    before -= 1
                while after in captions:
                    after += 1
                if before in body or after in body:
                    body.add(i)
                    changed = True


LONE_REACH = 12
LONE_MIN_CHARS = 100
LONE_MIN_P = 0.05


def _lone_paragraph(a: Analysis, h: int, captions: set[int]) -> set[int]:
    """When nothing under the headline reads as body (a one-paragraph news brief),
    the first long sentence-ending line just under it that might be body."""
    for i in range(h + 1, min(len(a.lines), h + 1 + LONE_REACH)):
        text = a.lines[i].text
        if i in captions or a.body[i] < LONE_MIN_P or _width(text) < LONE_MIN_CHARS:
            continue
        if pat.ends_sentence(text) and pat.byline_name(text) is None:
            return {i}
    return set()


def _width(text: str) -> int:
    """Length with wide (CJK) characters counted twice, as they carry more text."""
    head = text[:200]
    return len(text) + (0 if head.isascii() else sum(1 for ch in head if ord(ch) >= 0x2E80))


def _body_kind(texts: list[str], i: int) -> BlockKind:
    """Paragraph, subheading or pull quote, from the shape of a body line."""
    text = texts[i]
    if len(text) < 40 and not pat.ends_sentence(text) and count_words(text) <= 8:
        return "subheading"
    nxt = texts[i + 1] if i + 1 < len(texts) else ""
    if text[:1] in '“"«' and text.rstrip(".")[-1:] in '”"»' and _is_attribution(nxt):
        return "quote"
    return "paragraph"


def _looks_related(lines: list[Line], i: int, body: set[int]) -> bool:
    """A short headline-like line standing alone between two prose paragraphs."""
    line = lines[i]
    text = line.text
    if not (line.blank_before and line.blank_after) or len(text) > 120:
        return False
    if (i - 1) not in body or (i + 1) not in body or not text[-1:].isalnum():
        return False
    return pat.ends_sentence(lines[i - 1].text) and pat.ends_sentence(lines[i + 1].text)


def _is_attribution(text: str) -> bool:
    """A pull quote's attribution: a short line opening with a dash ("— Jane Doe")."""
    return text[:1] in "—–-" and 0 < count_words(text) <= 10 and len(text) <= 100


_SPEAKER = re.compile(r"^[A-ZА-Я]{1,2}\s?[:：]\s")


def _between_kind(text: str) -> BlockKind | None:
    """What a non-body line set between two paragraphs is: related link, subheading or junk."""
    words = count_words(text)
    if words < 3 or pat.ends_sentence(text) or len(text) > 200:
        return None
    if pat.credit_only(text) or pat.byline_name(text) or pat.has_date(text):
        return None
    if _SPEAKER.match(text):
        return "paragraph"  # an interview's "Q:" / "A:" line
    return "related" if words >= 6 else "subheading"
