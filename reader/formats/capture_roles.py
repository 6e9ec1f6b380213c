"""Feature rows for the headline ranker and the caption classifier.

Both run after the body classifier, so they can ask where the article body
is: a headline stands a few lines before the body and shares words with it;
a caption stands inside or next to the body but reads unlike it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reader.formats import capture_features as cf
from reader.formats.capture_lines import Line

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
    *cf.CONTEXT_NAMES,
    "prev_credit_only",
    "next_credit_only",
    "prev_copyright",
    "after_headline",
    "near_headline_before",
)


def _significant(toks: Sequence[str]) -> list[str]:
    """Tokens that carry meaning: words of 4+ letters and CJK characters."""
    return [t for t in toks if len(t) >= 4 or (len(t) == 1 and ord(t) > 0x3000)]


def headline_rows(
    lines: Sequence[Line],
    facts: cf.PageFacts,
    local: Sequence[Sequence[float]],
    p: Sequence[float],
    region: tuple[int, int],
) -> tuple[list[int], list[list[float]]]:
    """Candidate headline lines and their feature rows."""
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
    seen: set[str] = set()
    title_like = 0
    title_like_before = [0] * len(lines)
    for i, row in enumerate(local):
        title_like_before[i] = title_like
        if 3 <= row[_L["words"]] <= 30 and not row[_L["ends_sentence"]]:
            title_like += 1
    cands: list[int] = []
    rows: list[list[float]] = []
    n = len(lines)
    for i, line in enumerate(lines):
        row = local[i]
        words = row[_L["words"]]
        if not (1 <= words <= 60) or len(line.text) > 400:
            continue
        folded = line.text.casefold()
        first = folded not in seen
        seen.add(folded)
        sig = _significant(facts.toks[i])
        overlap = sum(1 for t in sig if t in body_tokens) / len(sig) if sig else 0.0
        overlap1 = sum(1 for t in sig if t in first_tokens) / len(sig) if sig else 0.0
        to_region = float(max(-200, min(200, lo - i)))
        nxt = local[i + 1] if i + 1 < n else None
        before = title_like_before[i]
        prv = local[i - 1] if i > 0 else None
        cands.append(i)
        rows.append(
            [
                *(row[_L[name]] for name in _HEAD_LOCAL),
                p[i],
                to_region,
                math.copysign(math.log1p(abs(to_region)), to_region),
                1.0 if lo <= i <= hi else 0.0,
                overlap,
                overlap1,
                nxt[_L["byline"]] if nxt else 0.0,
                nxt[_L["date"]] if nxt else 0.0,
                1.0 if prv is not None and prv[_L["words"]] <= 3 else 0.0,
                p[i + 1] if i + 1 < n else 0.0,
                max(p[i + 1 : i + 6], default=0.0),
                1.0 if first else 0.0,
                float(min(50, abs(title_like_before[max(0, min(lo, n - 1))] - before))),
                1.0 if i < 0.5 * n else 0.0,
            ]
        )
    return cands, rows


def caption_rows(
    lines: Sequence[Line],
    local: Sequence[Sequence[float]],
    context: Sequence[Sequence[float]],
    headline: int,
) -> tuple[list[int], list[list[float]]]:
    """Candidate caption lines (near the body or the headline) and their feature rows."""
    cands: list[int] = []
    rows: list[list[float]] = []
    n = len(lines)
    ci, cc, cp = _L["credit_only"], _L["copyright"], _L["caption_prefix"]
    for i in range(n):
        ctx = context[i]
        near_head = 0 <= headline - i <= 12
        if ctx[cf.CONTEXT_NAMES.index("dist_region")] > 15 and not near_head:
            continue
        row = local[i]
        cands.append(i)
        rows.append(
            [
                *(row[_L[name]] for name in _CAP_LOCAL),
                *ctx,
                local[i - 1][ci] if i > 0 else 0.0,
                local[i + 1][ci] if i + 1 < n else 0.0,
                max(local[i - 1][cc], local[i - 1][cp]) if i > 0 else 0.0,
                1.0 if i > headline else 0.0,
                1.0 if near_head else 0.0,
            ]
        )
    return cands, rows
