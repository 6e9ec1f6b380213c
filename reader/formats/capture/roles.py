"""Feature rows for the headline ranker and the caption classifier.

Both run after the body classifier, so they can ask where the article body
is: a headline stands a few lines before the body and shares words with it;
a caption stands inside or next to the body but reads unlike it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reader.formats.capture import caption_cues as cues
from reader.formats.capture import context as cx
from reader.formats.capture import features as cf
from reader.formats.capture import headline_cues as head_cues
from reader.formats.capture import patterns as pat
from reader.formats.capture.lines import Line

_L = {name: i for i, name in enumerate(cf.LOCAL_NAMES)}
_HEAD_LOCAL = (
    "log_chars",
    "words",
    "ends_sentence",
    "ends_colon",
    "title_case",
    "upper_ratio",
    "digit_ratio",
    "cjk_ratio",
    "linky",
    "separators",
    "repeats",
    "title_prefix",
    "blank_before",
    "blank_after",
    "byline",
    "date",
    "trailing_credit",
    "credit_only",
    "stop_ratio",
    "rel_pos",
    "bullet",
    "sentences",
    "commas_per_word",
)
HEADLINE_NAMES: tuple[str, ...] = (
    *_HEAD_LOCAL,
    "p",
    "to_region",
    "to_region_log",
    "in_region",
    "overlap",
    "overlap_first",
    "next_byline",
    "next_date",
    "prev_short",
    "next_p",
    "max_p_after5",
    "first_occurrence",
    "title_like_before",
    "near_top",
    *head_cues.HEADLINE_CUE_NAMES,
)
_CAP_LOCAL = (
    "log_chars",
    "words",
    "ends_sentence",
    "title_case",
    "upper_ratio",
    "digit_ratio",
    "blank_before",
    "blank_after",
    "trailing_credit",
    "credit_only",
    "caption_prefix",
    "byline",
    "date",
    "repeats",
    "stop_ratio",
    "linky",
    "quote_marks",
    "sentences",
    "run_len",
    "copyright",
)
CAPTION_NAMES: tuple[str, ...] = (
    *_CAP_LOCAL,
    *cx.CONTEXT_NAMES,
    "prev_credit_only",
    "next_credit_only",
    "prev_copyright",
    "after_headline",
    "near_headline_before",
    *cues.CAPTION_CUE_NAMES,
)


def _significant(toks: Sequence[str]) -> list[str]:
    """Tokens that carry meaning: words of 4+ letters and CJK characters."""
    return [t for t in toks if len(t) >= 4 or (len(t) == 1 and ord(t) > 0x3000)]


def headline_columns(
    lines: Sequence[Line],
    facts: cf.PageFacts,
    local: cf.Columns,
    p: Sequence[float],
    region: tuple[int, int],
) -> tuple[list[int], cf.Columns]:
    """Candidate headline lines and their features as columns (HEADLINE_NAMES order)."""
    lo, hi = region
    body_tokens: set[str] = set()
    first_tokens: set[str] = set()
    seen_body = 0
    for i in range(max(0, lo), hi + 1):
        if p[i] > 0.5:
            toks = facts.toks[i]
            body_tokens.update(toks)
            if seen_body < 3:
                first_tokens.update(toks)
                seen_body += 1
    words_col = local[_L["words"]]
    ends_col = local[_L["ends_sentence"]]
    title_like = 0
    title_like_before = [0] * len(lines)
    for i, (words, ends) in enumerate(zip(words_col, ends_col, strict=True)):
        title_like_before[i] = title_like
        if 3 <= words <= 30 and not ends:
            title_like += 1
    n = len(lines)
    cands = [
        i
        for i, (words, text) in enumerate(zip(words_col, facts.layout.texts, strict=True))
        if 1 <= words <= 60 and len(text) <= 400
    ]
    seen: set[str] = set()
    first: list[float] = []
    overlap: list[float] = []
    overlap1: list[float] = []
    for i in cands:
        folded = facts.folded[i]
        first.append(1.0 if folded not in seen else 0.0)
        seen.add(folded)
        sig = _significant(facts.toks[i])
        if sig:
            overlap.append(sum(map(body_tokens.__contains__, sig)) / len(sig))
            overlap1.append(sum(map(first_tokens.__contains__, sig)) / len(sig))
        else:
            overlap.append(0.0)
            overlap1.append(0.0)
    to_region = [float(max(-200, min(200, lo - i))) for i in cands]
    byline, date = local[_L["byline"]], local[_L["date"]]
    at_region = title_like_before[max(0, min(lo, n - 1))]
    return cands, [
        *([col[i] for i in cands] for col in (local[_L[name]] for name in _HEAD_LOCAL)),
        [p[i] for i in cands],
        to_region,
        [math.copysign(math.log1p(abs(t)), t) for t in to_region],
        [1.0 if lo <= i <= hi else 0.0 for i in cands],
        overlap,
        overlap1,
        [byline[i + 1] if i + 1 < n else 0.0 for i in cands],
        [date[i + 1] if i + 1 < n else 0.0 for i in cands],
        [1.0 if i > 0 and words_col[i - 1] <= 3 else 0.0 for i in cands],
        [p[i + 1] if i + 1 < n else 0.0 for i in cands],
        [max(p[i + 1 : i + 6], default=0.0) for i in cands],
        first,
        [float(min(50, abs(at_region - title_like_before[i]))) for i in cands],
        [1.0 if i < 0.5 * n else 0.0 for i in cands],
        *head_cues.headline_cue_columns(facts.layout.texts, facts.folded, ends_col, cands),
    ]


def headline_rows(
    lines: Sequence[Line],
    facts: cf.PageFacts,
    local: Sequence[Sequence[float]],
    p: Sequence[float],
    region: tuple[int, int],
) -> tuple[list[int], list[list[float]]]:
    """Candidate headline lines and their feature rows (the training script's form)."""
    columns = cf.columns_of(local, len(cf.LOCAL_NAMES))
    cands, head = headline_columns(lines, facts, columns, p, region)
    return cands, cf.rows_of(head, len(cands))


def caption_columns(
    lines: Sequence[Line], local: cf.Columns, context: cf.Columns, headline: int
) -> tuple[list[int], cf.Columns]:
    """Candidate caption lines (near the body or the headline, or showing a caption
    cue anywhere below the headline) and their features as columns (CAPTION_NAMES
    order)."""
    n = len(lines)
    dist = context[cx.DIST_REGION]
    texts = [line.text for line in lines]
    cue = cues.caption_cue_columns(texts, local[_L["ends_sentence"]], range(max(0, headline), n))
    # Paragraphs closed by a bracketed source note are no photo captions.
    notes = pat.source_note_lines(texts, local[_L["ends_sentence"]])
    cands = [
        i
        for i in range(n)
        if (dist[i] <= 15 or 0 <= headline - i <= 12 or (i > headline and cues.has_cue(cue, i)))
        and i not in notes
    ]
    credit = local[_L["credit_only"]]
    copyright_, prefix = local[_L["copyright"]], local[_L["caption_prefix"]]
    return cands, [
        *([col[i] for i in cands] for col in (local[_L[name]] for name in _CAP_LOCAL)),
        *([col[i] for i in cands] for col in context),
        [credit[i - 1] if i > 0 else 0.0 for i in cands],
        [credit[i + 1] if i + 1 < n else 0.0 for i in cands],
        [max(copyright_[i - 1], prefix[i - 1]) if i > 0 else 0.0 for i in cands],
        [1.0 if i > headline else 0.0 for i in cands],
        [1.0 if 0 <= headline - i <= 12 else 0.0 for i in cands],
        *([col[i] for i in cands] for col in cue),
    ]


def caption_rows(
    lines: Sequence[Line],
    local: Sequence[Sequence[float]],
    context: Sequence[Sequence[float]],
    headline: int,
) -> tuple[list[int], list[list[float]]]:
    """Candidate caption lines (near the body or the headline) and their feature rows
    (the training script's form)."""
    cands, columns = caption_columns(
        lines,
        cf.columns_of(local, len(cf.LOCAL_NAMES)),
        cf.columns_of(context, len(cx.CONTEXT_NAMES)),
        headline,
    )
    return cands, cf.rows_of(columns, len(cands))
