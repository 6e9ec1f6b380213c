"""Page captures: the visible text of a news page, turned into one Article.

The parser works in stages, each over the list of non-blank lines:

1. `lines` splits the text and keeps the blank-line layout.
2. `features` describes each line by shape and neighbourhood (`context`
   adds the body classifier's view of its neighbours; `registry` names every
   feature each model reads).
3. Learned classifiers (`model`) say which lines are article body: the
   first from the line's own features, the next ones also from the first
   one's verdict on the lines around it.
4. A learned ranker picks the headline among the lines, knowing where the
   body is, and a classifier finds photo captions (`roles`, with the cues
   of `headline_cues` and `caption_cues`).
5. `assemble` applies the trade's conventions in named passes: captions and
   their credits (`captions`), where the body runs (`extent`, `gaps`), the
   front matter around the headline (`meta`), hard-wrapped paragraphs
   (`wrapped`), and the blocks in reading order.
"""

from __future__ import annotations

import dataclasses
import math

from reader.formats.capture import context as cx
from reader.formats.capture import features as cf
from reader.formats.capture import patterns as pat
from reader.formats.capture import roles as roles
from reader.formats.capture.assemble import Analysis, assemble
from reader.formats.capture.lines import Line, split_lines
from reader.formats.capture.model import Models, default_models
from reader.model import Article, Block


def analyse(text: str, models: Models | None = None) -> Analysis:
    """Classify the lines of a capture (body, headline, captions)."""
    models = models or default_models()
    lines = _article_window(split_lines(text))
    if not lines:
        return Analysis(lines, [], (0, -1), -1, {})
    n = len(lines)
    facts = cf.PageFacts(lines)
    layout = facts.layout
    fixed = cx.fixed_context(lines, layout)
    local = cf.local_columns(lines, facts)
    p1 = models.body1.probs_columns(local, n)
    context1 = cx.context_columns(lines, p1, layout, fixed)
    p2 = models.body2.probs_columns([*local, *context1], n)
    context2 = cx.context_columns(lines, p2, layout, fixed)
    region2 = _region(context2)
    headline = _pick_headline(models, lines, facts, local, p2, region2)
    head_ctx = cf.columns_of(cx.headline_context(lines, p2, headline), len(cx.HEAD_CONTEXT_NAMES))
    p3 = models.body3.probs_columns([*local, *context2, *head_ctx], n)
    context3 = cx.context_columns(lines, p3, layout, fixed)
    region = _region(context3)
    cap_cands, cap_columns = roles.caption_columns(lines, local, context3, headline)
    cap_probs = models.caption.probs_columns(cap_columns, len(cap_cands))
    caption = dict(zip(cap_cands, cap_probs, strict=True))
    return Analysis(lines, p3, region, headline, caption)


MAX_LINES = 1500
"""Captures with more lines are cut to this many around their densest prose first."""


def _article_window(lines: list[Line]) -> list[Line]:
    """The lines around the densest run of long prose, for very large captures.

    Keeps the classifiers' work bounded: a 5 MB capture is mostly not one
    article, and the article is where long sentence-ending lines cluster.
    """
    if len(lines) <= MAX_LINES:
        return lines
    scores = [
        min(len(t), 400) / 100 if len(t) >= 80 and pat.ends_sentence(t) else -0.3
        for t in (line.text for line in lines)
    ]
    lo, _ = cf.densest_region(scores)
    start = max(0, min(lo - MAX_LINES // 4, len(lines) - MAX_LINES))
    return lines[start : start + MAX_LINES]


CAPTION_PENALTY = 20.0
"""Log-odds taken off a headline candidate that carries a photo credit."""


BULLET_PENALTY = 10.0
"""Log-odds taken off a bullet-marked candidate: a standfirst item, never the headline."""


PERIOD_PENALTY = 0.5
"""Log-odds taken off a candidate ending in a full stop: headlines seldom do, standfirsts often."""


PROSE_PENALTY = 1.0
"""Log-odds taken off a candidate that reads as a body sentence (the ranker's
margin is thin on very short captures, where its position features say little)."""


def _is_photo_caption(text: str) -> bool:
    """True for a line that a credit or caption prefix marks as a photo caption."""
    return (
        pat.has_trailing_credit(text)
        or pat.credit_only(text) is not None
        or pat.has_caption_prefix(text)
    )


def _pick_headline(
    models: Models,
    lines: list[Line],
    facts: cf.PageFacts,
    local: cf.Columns,
    p: list[float],
    region: tuple[int, int],
) -> int:
    """The line the headline ranker scores highest (the first line if none qualifies)."""
    cands, columns = roles.headline_columns(lines, facts, local, p, region)
    best, best_score = 0, -math.inf
    scores = models.headline.scores_columns(columns, len(cands))
    for i, score in zip(cands, scores, strict=True):
        if _is_photo_caption(lines[i].text):
            score -= CAPTION_PENALTY
        elif pat.bullet_text(lines[i].text) is not None:
            score -= BULLET_PENALTY
        elif p[i] >= 0.5 and pat.ends_sentence(lines[i].text):
            score -= PROSE_PENALTY
        elif lines[i].text.endswith(".") and not lines[i].text.endswith(".."):
            score -= PERIOD_PENALTY
        if score > best_score:
            best, best_score = i, score
    return _best_copy(lines, p, _unglued(lines, best))


COPY_REACH = 8
COPY_MARGIN = 2.0
"""A repeated headline moves to the copy whose next COPY_REACH lines carry at least
COPY_MARGIN more body probability than the chosen copy's."""


def _best_copy(lines: list[Line], p: list[float], best: int) -> int:
    """The copy of a repeated headline that the article follows.

    Whole-page captures often print the headline twice: over the article and
    again in a sticky bar or "trending" box further down. The copy with the
    article's prose right under it is the one to keep, or the body is looked
    for under the wrong copy.
    """
    text = lines[best].text

    def mass(i: int) -> float:
        return sum(p[i + 1 : i + 1 + COPY_REACH])

    copies = [i for i, line in enumerate(lines) if line.text == text]
    top = max(copies, key=mass)
    return top if mass(top) >= mass(best) + COPY_MARGIN else best


GLUE_REACH = 8
"""How far from the chosen line the clean copy of a breadcrumb-glued headline is looked for."""


def _unglued(lines: list[Line], best: int) -> int:
    """The clean headline when the chosen line is a breadcrumb glued to it.

    Pages often print the trail ("Home » News » Title", or with the separators
    lost, "HomeLatest NewsTitle") right next to the headline itself; when a
    nearby line is the end of the chosen one after such a short trail, that
    line is the headline.
    """
    text = lines[best].text
    lo, hi = max(0, best - GLUE_REACH), min(len(lines), best + GLUE_REACH + 1)
    for j in sorted(range(lo, hi), key=lambda k: abs(k - best)):
        other = lines[j].text
        if j == best or len(other) < 8 or not text.endswith(other) or len(other) >= len(text):
            continue
        trail = text[: -len(other)].rstrip()
        # No ":" here: "Title: Subtitle" is a headline, not a trail glued to one.
        if len(trail.split()) <= 6 and (trail[-1:] in "»›>|/-–—" or trail[-1:].isalpha()):
            return j
    return best


def _region(context: cf.Columns) -> tuple[int, int]:
    """The (first, last) line flagged as inside the densest body run."""
    inside = [i for i, flag in enumerate(context[cx.IN_REGION]) if flag]
    return (inside[0], inside[-1]) if inside else (0, -1)


def parse_capture(text: str) -> Article:
    """Parse the decoded, sanitised text of a page capture into an Article.

    Works for a capture of the article region alone and for a select-all of
    a whole page, where menus, link lists and footers surround the article.
    """
    article = assemble(analyse(text))
    if any(pat.bullet_text(block.text) is None for block in article.blocks):
        return article
    return _with_every_line(article, text)


def _with_every_line(article: Article, text: str) -> Article:
    """The article with each line not used for headline or bullets as a paragraph.

    When the model finds no body at all, or only a few of a list's items
    (50,000 bullet lines, a page of short lines), showing every line is better
    than an article whose text vanished.
    """
    used = {article.headline, *article.bullets}
    paragraphs = []
    # The whole text again, not the analysis's lines: those are a window of at most
    # MAX_LINES, and the point here is that no line is lost.
    for line in split_lines(text):
        line_text = pat.bullet_text(line.text) or line.text
        if line_text.strip() and line.text not in used and line_text not in used:
            paragraphs.append(Block("paragraph", line_text))
    return dataclasses.replace(article, blocks=tuple(paragraphs))
