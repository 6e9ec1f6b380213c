"""Turn the classified lines of a capture into an Article.

The classifiers say which lines are body, headline and captions; this module
applies the conventions around them: standfirst bullets under the headline,
the kicker (a short label before the headline, often repeated after the
standfirst), byline and date lines, photo credits, subheadings, pull quotes,
and related-article links set between paragraphs.

`assemble` runs these as passes over line indices: first which lines are
captions (`captions`) and body, and where the body runs (`extent`), then
the lines around the headline, and last the blocks in reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.formats.capture import body as cb
from reader.formats.capture import gaps as gaps
from reader.formats.capture import meta as meta
from reader.formats.capture import patterns as pat
from reader.formats.capture.analysis import Analysis
from reader.formats.capture.captions import append_caption, marked_by_convention
from reader.formats.capture.extent import (
    Extent,
    article_extent,
    brief_paragraph,
    confident_body,
    cut_at_tail,
    drop_inset_boxes,
    grow_body,
    take_list_items,
)
from reader.formats.capture.lines import Line
from reader.formats.capture.seams import close_seams
from reader.formats.capture.wrapped import wrapped_runs
from reader.model import Article, Block, BlockKind, count_words

__all__ = ["Analysis", "assemble"]

CAPTION_THRESHOLD = 0.5
RELATED_MAX = 4
"""An article with this many link-like lines in its body has a list of its own instead."""
LEAD_CAPTION_REACH = 12
"""How many lines above the headline a lead photo caption may stand."""


@dataclass(slots=True)
class _FrontMatter:
    """What stands around the headline: section label, standfirst and byline."""

    section: str | None
    bullets: list[str]
    byline: str | None
    published: str | None
    used: set[int]
    """Lines the headline and these take up, which are no body block."""


def assemble(analysis: Analysis) -> Article:
    """Build the Article from an analysed capture."""
    if not analysis.lines or analysis.headline < 0:
        return Article(headline="", format="capture")
    captions = _caption_lines(analysis)
    body = confident_body(analysis, captions)
    grow_body(analysis, body, captions)
    body |= brief_paragraph(analysis, body, captions)
    body |= gaps.resumed_prose(body, analysis.headline, analysis.lines, analysis.body, captions)
    extent = article_extent(analysis, body)
    drop_inset_boxes(analysis.lines, extent)
    cut_at_tail(analysis, extent)
    take_list_items(analysis, extent, captions)
    close_seams(analysis, extent, captions)
    front = _front_matter(analysis, extent, captions)
    related = _related_links(analysis.lines, extent.body, analysis.headline)
    blocks = _blocks(analysis, extent, front, captions, related)
    return Article(
        headline=analysis.lines[analysis.headline].text,
        section=front.section,
        bullets=tuple(front.bullets),
        byline=front.byline,
        published=front.published,
        blocks=tuple(blocks),
        format="capture",
    )


def _caption_lines(analysis: Analysis) -> set[int]:
    """Photo captions: the lines the caption classifier is fairly sure of, and the
    ones the trade's conventions make captions whatever it says. The headline is
    never a caption, even when it carries a credit."""
    return {
        line_no
        for line_no, probability in analysis.caption.items()
        if line_no != analysis.headline
        and (probability >= CAPTION_THRESHOLD or marked_by_convention(analysis.lines, line_no))
    }


def _front_matter(analysis: Analysis, extent: Extent, captions: set[int]) -> _FrontMatter:
    """The standfirst bullets between headline and body, the section label (kicker)
    and the byline and date near the headline. Without bullet markers, a one-line
    standfirst right under the headline is kept as the single bullet."""
    texts = [line.text for line in analysis.lines]
    headline = analysis.headline
    bullets, bullet_lines = meta.bullets(texts, headline, extent.first)
    section, kicker_lines = meta.kicker(texts, headline, extent.first, captions)
    byline, published, meta_lines = meta.meta(texts, headline, extent.body)
    used = {headline, *bullet_lines, *kicker_lines, *meta_lines}
    if not bullets and extent.first < len(texts):
        standfirst = meta.standfirst(texts, headline, extent.first, used | captions)
        if standfirst is not None:
            bullets = [texts[standfirst]]
            used.add(standfirst)
    return _FrontMatter(section, bullets, byline, published, used)


def _related_links(lines: list[Line], body: set[int], headline: int) -> set[int]:
    """Body lines under the headline shaped like links to other articles: short
    lines standing alone between two paragraphs. So many of them are rather the
    article's own short lines (a deal list), and none is taken."""
    link_like = {
        line_no for line_no in body if line_no > headline and _looks_related(lines, line_no, body)
    }
    return link_like if len(link_like) < RELATED_MAX else set()


def _blocks(
    analysis: Analysis,
    extent: Extent,
    front: _FrontMatter,
    captions: set[int],
    related: set[int],
) -> list[Block]:
    """The article's blocks in reading order: photo captions with their credits,
    body lines by their shape, and short lines set between two paragraphs, which
    are links or subheadings the classifier left out. Lines the front matter
    took, the section label and ad labels are no blocks."""
    texts = [line.text for line in analysis.lines]
    used = set(front.used)
    # A hard-wrapped paragraph reads as one line: its first, with the rest joined on.
    for first, followers in wrapped_runs(analysis.lines, extent.body).items():
        if first not in used and not (used | captions).intersection(followers):
            texts[first] = " ".join(texts[line_no] for line_no in (first, *followers))
            used.update(followers)
    blocks: list[Block] = []
    for line_no in _block_lines(analysis, extent, captions):
        if line_no in used:
            continue
        text = texts[line_no]
        if (front.section and text == front.section) or cb.is_ad_label(text):
            continue
        if line_no in captions:
            append_caption(blocks, texts, line_no, used, captions)
        elif line_no in extent.body:
            block = _body_block(analysis, texts, line_no, extent, captions, related, used)
            if block is not None:
                blocks.append(block)
        elif _between_paragraphs(extent, line_no):
            kind = _between_kind(text)
            if kind is not None:
                blocks.append(_block(kind, text))
    return blocks


def _block_lines(analysis: Analysis, extent: Extent, captions: set[int]) -> list[int]:
    """The lines blocks are made from, in order: from the article's start to a few
    lines past its last body line, and the lead photo's caption, which may stand
    up to LEAD_CAPTION_REACH lines above the headline."""
    headline = analysis.headline
    region_first, region_last = analysis.region
    lead = max(0, headline - LEAD_CAPTION_REACH)
    # Normally the body follows the headline; when the densest body run begins
    # above the chosen headline, that run is the article all the same.
    above = region_first <= region_last and region_first < headline
    start = region_first if above else headline + 1
    end = max(extent.last, region_last if start <= headline else extent.last)
    stop = min(len(analysis.lines) - 1, end + 3)
    return [
        line_no
        for line_no in range(min(lead, start), stop + 1)
        if line_no != headline and (line_no >= start or (line_no >= lead and line_no in captions))
    ]


def _body_block(
    analysis: Analysis,
    texts: list[str],
    line_no: int,
    extent: Extent,
    captions: set[int],
    related: set[int],
    used: set[int],
) -> Block | None:
    """The block a body line makes: paragraph, subheading, pull quote or related
    link, from its shape and its neighbours; None for page furniture. A pull
    quote takes its attribution line with it, which is added to `used`."""
    text = texts[line_no]
    if not any(char.isalpha() for char in text[:200]):
        return None  # a lone count, price or rule: page furniture, not prose
    if line_no in extent.list_items:
        return Block("paragraph", text)  # a list item, whatever its shape
    body = extent.body
    kind = _body_kind(texts, line_no)
    if kind == "paragraph" and cb.is_pull_quote(texts, line_no, body):
        kind = "quote"
    elif kind == "paragraph" and cb.is_question_heading(analysis.lines, line_no, body):
        kind = "subheading"
    if kind == "subheading" and _ends_link_run(analysis.lines, line_no, body, captions):
        return None
    next_line = line_no + 1
    if kind == "quote" and next_line < len(texts) and _is_attribution(texts[next_line]):
        used.add(next_line)
        return Block(kind, f"{text} {texts[next_line]}")
    if kind == "paragraph" and line_no in related:
        # A line without closing punctuation set between two paragraphs
        # is a link to another article (or a subheading), not prose.
        kind = _between_kind(text) or "paragraph"
    return _block(kind, text)


def _between_paragraphs(extent: Extent, line_no: int) -> bool:
    """True for a non-body line inside the article with body lines on both sides."""
    inside = extent.first < line_no < extent.last
    return inside and (line_no - 1) in extent.body and (line_no + 1) in extent.body


def _block(kind: BlockKind, text: str) -> Block:
    """A body block; a related link loses its label ("Read more: X" -> "X")."""
    if kind == "related":
        text = cb.strip_related_label(text)
    return Block(kind, text)


def _ends_link_run(lines: list[Line], line_no: int, body: set[int], captions: set[int]) -> bool:
    """A short line closing a run of link lines ("Most read" teasers) set right
    against it: the run's last item, not a subheading of the article."""
    if lines[line_no].blank_before or line_no < 3:
        return False
    run = range(line_no - 3, line_no)
    return all(
        other not in body and other not in captions and not lines[other].blank_after
        for other in run
    )


def _body_kind(texts: list[str], line_no: int) -> BlockKind:
    """Paragraph, subheading or pull quote, from the shape of a body line."""
    text = texts[line_no]
    if len(text) < 40 and not pat.ends_sentence(text) and count_words(text) <= 8:
        return "subheading"
    next_text = texts[line_no + 1] if line_no + 1 < len(texts) else ""
    if text[:1] in '“"«' and text.rstrip(".")[-1:] in '”"»' and _is_attribution(next_text):
        return "quote"
    return "paragraph"


def _looks_related(lines: list[Line], line_no: int, body: set[int]) -> bool:
    """A short headline-like line standing alone between two prose paragraphs."""
    line = lines[line_no]
    text = line.text
    if not (line.blank_before and line.blank_after) or len(text) > 120:
        return False
    if (line_no - 1) not in body or (line_no + 1) not in body or not text[-1:].isalnum():
        return False
    return pat.ends_sentence(lines[line_no - 1].text) and pat.ends_sentence(lines[line_no + 1].text)


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
