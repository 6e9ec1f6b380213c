"""Context features of a capture's lines: what a classifier said about the lines around.

The body classifiers run in rounds: each round after the first also reads,
for every line, the previous round's body probabilities of its neighbours,
its run of lines, its list-like run, and where the densest body region lies.
The third round also reads where the line stands relative to the headline.
Like the local features, these are built a column at a time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import accumulate

from reader.formats.capture.features import (
    Columns,
    Layout,
    _window_means,
    densest_region,
    rows_of,
)
from reader.formats.capture.lines import Line

CONTEXT_NAMES: tuple[str, ...] = (
    "p",
    "p_prev",
    "p_next",
    "p_win2",
    "p_win5",
    "p_win15",
    "in_region",
    "dist_region",
    "before_region",
    "after_region",
    "p_prev2",
    "p_next2",
    "max_before10",
    "max_after10",
    "run_mean",
    "run_prev_p",
    "run_after_colon",
    "mean_before30",
    "mean_after30",
    "gap_prev",
    "gap_next",
    "shape_run_p",
    "shape_prev_p",
    "shape_next_p",
    "shape_after_colon",
    "prose_both_sides",
    "label_above",
)

IN_REGION = CONTEXT_NAMES.index("in_region")
DIST_REGION = CONTEXT_NAMES.index("dist_region")


class _Fixed:
    """The context columns that depend on the lines alone (one per capture)."""

    def __init__(self, lines: Sequence[Line], layout: Layout) -> None:
        self.weight = [min(3.0, 0.5 + c / 100) for c in layout.chars]
        self.long = [c >= 80 for c in layout.chars]
        runs = layout.shape_runs
        colon = layout.colon
        self.shape_after_colon = [1.0 if s0 > 0 and colon[s0 - 1] else 0.0 for s0, _ in runs]
        label = [_is_box_label(text) for text in layout.texts]
        self.label_above = [
            1.0 if (s0 > 0 and label[s0 - 1]) or (s0 < i and label[s0]) else 0.0
            for i, (s0, _) in enumerate(runs)
        ]
        # The run context's "after a colon" flag does not depend on p either.
        self.run_colon = [0.0] * len(lines)
        for start, end in layout.blank_runs:
            seen = start > 0 and colon[start - 1]
            for k in range(start, end):
                self.run_colon[k] = 1.0 if seen else 0.0
                seen = seen or colon[k]


def _is_box_label(text: str) -> bool:
    """A short heading without punctuation ("Most read", "More stories") that
    often tops a box of links; a list in the article is introduced by a colon."""
    return len(text) <= 30 and len(text.split()) <= 3 and text[-1:].isalnum()


def context_columns(
    lines: Sequence[Line], p: Sequence[float], layout: Layout, fixed: _Fixed | None = None
) -> Columns:
    """Features from a round's body probabilities `p` of the lines around each line,
    as columns in the order of CONTEXT_NAMES (`fixed` from `fixed_context`, if kept)."""
    n = len(lines)
    if not n:
        return [[] for _ in CONTEXT_NAMES]
    fixed = fixed or _Fixed(lines, layout)
    p = list(p)
    lo, hi = densest_region([(q - 0.5) * w for q, w in zip(p, fixed.weight, strict=True)])
    prefix = list(accumulate(p, initial=0.0))
    run_mean = [0.0] * n
    run_prev = [0.0] * n
    for start, end in layout.blank_runs:
        run_mean[start:end] = [sum(p[start:end]) / (end - start)] * (end - start)
        run_prev[start:end] = [p[start - 1] if start > 0 else 0.0] * (end - start)
    gap_prev, gap_next = _gaps([q >= 0.5 for q in p])
    prose_prev, prose_next = _gaps([q >= 0.5 and w for q, w in zip(p, fixed.long, strict=True)])
    runs = layout.shape_runs
    return [
        p,
        [0.0, *p[:-1]],
        [*p[1:], 0.0],
        _window_means(p, 2),
        _window_means(p, 5),
        _window_means(p, 15),
        [1.0 if lo <= i <= hi else 0.0 for i in range(n)],
        [float(min(100, lo - i if i < lo else i - hi if i > hi else 0)) for i in range(n)],
        [1.0 if i < lo else 0.0 for i in range(n)],
        [1.0 if i > hi else 0.0 for i in range(n)],
        [0.0, 0.0, *p[:-2]][:n],
        [*p[2:], 0.0, 0.0][:n],
        [max(p[max(0, i - 10) : i], default=0.0) for i in range(n)],
        [max(p[i + 1 : i + 11], default=0.0) for i in range(n)],
        run_mean,
        run_prev,
        fixed.run_colon,
        [(prefix[i] - prefix[max(0, i - 30)]) / max(1, min(30, i)) for i in range(n)],
        [(prefix[min(n, i + 31)] - prefix[i + 1]) / max(1, min(30, n - i - 1)) for i in range(n)],
        gap_prev,
        gap_next,
        [(prefix[s1] - prefix[s0]) / (s1 - s0) for s0, s1 in runs],
        [p[s0 - 1] if s0 > 0 else 0.0 for s0, _ in runs],
        [p[s1] if s1 < n else 0.0 for _, s1 in runs],
        fixed.shape_after_colon,
        [float(min(30, max(a, b))) for a, b in zip(prose_prev, prose_next, strict=True)],
        fixed.label_above,
    ]


def fixed_context(lines: Sequence[Line], layout: Layout) -> _Fixed:
    """The part of the context features that is the same in every round (compute once)."""
    return _Fixed(lines, layout)


def context_features(lines: Sequence[Line], p: Sequence[float]) -> list[list[float]]:
    """Features from the first-stage body probabilities of the lines around each line."""
    return rows_of(context_columns(lines, p, Layout(lines)), len(lines))


def _gaps(flags: Sequence[bool]) -> tuple[list[float], list[float]]:
    """Per line: lines back to the previous flagged line, and on to the next (capped at 30)."""
    n = len(flags)
    back = [30.0] * n
    last = -(10**9)
    for i in range(n):
        back[i] = float(min(30, i - last))
        if flags[i]:
            last = i
    ahead = [30.0] * n
    last = 10**9
    for i in range(n - 1, -1, -1):
        ahead[i] = float(min(30, last - i))
        if flags[i]:
            last = i
    return back, ahead


HEAD_CONTEXT_NAMES: tuple[str, ...] = (
    "after_head",
    "head_dist",
    "low_run_between",
    "body_between",
    "low_chars_between",
    "low_frac_between",
)


def headline_context(lines: Sequence[Line], p: Sequence[float], head: int) -> list[list[float]]:
    """Features of each line's position relative to the headline: how far, and how
    much non-body text stands between (the article ends where junk begins)."""
    n = len(lines)
    rows = [[0.0] * len(HEAD_CONTEXT_NAMES) for _ in range(n)]
    if not 0 <= head < n:
        return rows
    for step in (1, -1):
        run = longest = body = low = 0
        low_chars = 0
        i = head + step
        while 0 <= i < n:
            dist = abs(i - head)
            rows[i] = [
                1.0 if step > 0 else 0.0,
                step * math.log1p(dist),
                float(min(100, longest)),
                math.log1p(body),
                math.log1p(low_chars),
                low / max(1, dist - 1),
            ]
            if p[i] >= 0.5:
                body += 1
                run = 0
            else:
                low += 1
                low_chars += len(lines[i].text)
                run += 1
                longest = max(longest, run)
            i += step
    rows[head] = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    return rows
