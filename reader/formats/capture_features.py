"""Per-line features of a capture, shared by the parser and its training script.

Every feature is a number computed in one pass (or with prefix sums), so a
capture of many thousand lines costs linear time. Nothing here names a site
or a phrase: the features describe shape (length, punctuation, case, blank
lines), the neighbourhood (how prose-like the lines around are), and the
page's own vocabulary (its most frequent words stand in for stop words in
any language).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from reader.formats import capture_patterns as pat
from reader.formats.capture_lines import Line

_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\W_]+")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"[.!?。！？](?:['\"’”»)\]]*)(?:\s|$)")
_LINKY = re.compile(r"https?://|www\.|\S@\S|#\w|\.com\b")
_SEPARATORS = re.compile(r" [|»›>/·•] | [-–—] ")
_TITLE_SPLIT = re.compile(r"\s+(?:\||-|–|—|::|»|·)\s+")
_STOP_COUNT = 40

LOCAL_NAMES: tuple[str, ...] = (
    "log_chars",
    "words",
    "mean_word_len",
    "ends_sentence",
    "ends_colon",
    "sentences",
    "commas_per_word",
    "title_case",
    "upper_ratio",
    "digit_ratio",
    "cjk_ratio",
    "bullet",
    "blank_before",
    "blank_after",
    "indent",
    "rel_pos",
    "stop_ratio",
    "linky",
    "separators",
    "trailing_credit",
    "credit_only",
    "caption_prefix",
    "byline",
    "date",
    "repeats",
    "title_prefix",
    "starts_lower",
    "quote_marks",
    "run_len",
    "prev_chars",
    "next_chars",
    "prev_ends",
    "next_ends",
    "win3_long",
    "win10_long",
    "win30_long",
    "win10_chars",
    "dist_prose",
    "copyright",
    "shape_run",
)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; each CJK character is a token of its own."""
    return _TOKEN.findall(text.casefold())


def _window_means(values: Sequence[float], radius: int) -> list[float]:
    """Mean of `values` over a window of `radius` lines either side (prefix sums)."""
    prefix = [0.0]
    for v in values:
        prefix.append(prefix[-1] + v)
    n = len(values)
    out = []
    for i in range(n):
        lo, hi = max(0, i - radius), min(n, i + radius + 1)
        out.append((prefix[hi] - prefix[lo]) / (hi - lo))
    return out


def _distance_to(flags: Sequence[bool]) -> list[float]:
    """Lines to the nearest flagged line (capped at 50)."""
    n = len(flags)
    out = [50.0] * n
    last = -(10**9)
    for i in range(n):
        if flags[i]:
            last = i
        out[i] = float(min(50, i - last))
    last = 10**9
    for i in range(n - 1, -1, -1):
        if flags[i]:
            last = i
        out[i] = min(out[i], float(min(50, last - i)))
    return out


class PageFacts:
    """Facts of the whole page the line features need: stop words, repeats, titles."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.toks = [tokens(line.text) for line in lines]
        counts: Counter[str] = Counter()
        for toks in self.toks:
            counts.update(t for t in toks if not t.isdigit())
        self.stop = {t for t, _ in counts.most_common(_STOP_COUNT)}
        self.line_counts: Counter[str] = Counter(line.text.casefold() for line in lines)
        # "Headline | Site" and "Headline - Site" lines name a likely headline.
        self.title_prefixes: set[str] = set()
        for line in lines:
            if len(line.text) < 400:
                parts = _TITLE_SPLIT.split(line.text)
                if len(parts) > 1:
                    for k in range(1, len(parts)):
                        self.title_prefixes.add(" - ".join(parts[:k]).casefold())
                        self.title_prefixes.add(" | ".join(parts[:k]).casefold())
                    self.title_prefixes.add(parts[0].casefold())


def local_features(lines: Sequence[Line], facts: PageFacts) -> list[list[float]]:
    """One feature row per line, in the order of LOCAL_NAMES."""
    n = len(lines)
    chars = [len(line.text) for line in lines]
    ends = [pat.ends_sentence(line.text) for line in lines]
    long_prose = [c >= 80 and e for c, e in zip(chars, ends, strict=True)]
    longf = [1.0 if lp else 0.0 for lp in long_prose]
    win3 = _window_means(longf, 3)
    win10 = _window_means(longf, 10)
    win30 = _window_means(longf, 30)
    win10c = _window_means([math.log1p(c) for c in chars], 10)
    dist = _distance_to(long_prose)
    runs = _run_lengths(lines)
    shape_runs = _same_runs([_shape(line.text) for line in lines])
    rows: list[list[float]] = []
    for i, line in enumerate(lines):
        text = line.text
        toks = facts.toks[i]
        nt = max(1, len(toks))
        head = text[:400]
        nl = max(1, len(_LETTER.findall(head)))
        words = text.split(" ") if len(text) < 2000 else text[:2000].split(" ")
        cap_words = sum(1 for w in words if w[:1].isupper())
        folded = text.casefold()
        rows.append(
            [
                math.log1p(chars[i]),
                float(min(len(toks), 400)),
                sum(len(t) for t in toks[:200]) / max(1, min(len(toks), 200)),
                1.0 if ends[i] else 0.0,
                1.0 if text.endswith(":") else 0.0,
                float(min(20, len(_SENTENCE_END.findall(text[:3000])))),
                text.count(",") / nt,
                cap_words / max(1, len(words)),
                sum(map(str.__ne__, head, head.lower())) / nl,
                len(_DIGIT.findall(head)) / max(1, min(chars[i], 400)),
                len(_CJK.findall(head)) / max(1, min(chars[i], 400)),
                1.0 if pat.bullet_text(text) is not None else 0.0,
                1.0 if line.blank_before else 0.0,
                1.0 if line.blank_after else 0.0,
                float(min(line.indent, 8)),
                i / max(1, n - 1),
                sum(1 for t in toks if t in facts.stop) / nt,
                float(len(_LINKY.findall(text[:1000]))),
                float(len(_SEPARATORS.findall(text[:1000]))),
                1.0 if chars[i] < 600 and pat.has_trailing_credit(text) else 0.0,
                1.0 if pat.credit_only(text) is not None else 0.0,
                1.0 if pat.has_caption_prefix(text) else 0.0,
                1.0 if pat.byline_name(text) is not None else 0.0,
                1.0 if chars[i] < 100 and pat.has_date(text) else 0.0,
                float(min(10, facts.line_counts[folded] - 1)),
                1.0 if folded in facts.title_prefixes else 0.0,
                1.0 if text[:1].islower() else 0.0,
                float(min(10, sum(text.count(q) for q in '"“”«»„'))),
                float(min(50, runs[i])),
                math.log1p(chars[i - 1]) if i > 0 else 0.0,
                math.log1p(chars[i + 1]) if i + 1 < n else 0.0,
                1.0 if i > 0 and ends[i - 1] else 0.0,
                1.0 if i + 1 < n and ends[i + 1] else 0.0,
                win3[i],
                win10[i],
                win30[i],
                win10c[i],
                dist[i],
                1.0 if "©" in text[:300] or "(c)" in folded[:300] else 0.0,
                float(min(50, shape_runs[i][1] - shape_runs[i][0])),
            ]
        )
    return rows


_SHAPE_MARK = re.compile(r" [-–—|@/] | -- |: ")


def _shape(text: str) -> tuple[str, bool, bool, bool]:
    """A coarse shape of a line, shared by the items of one list (tour dates,
    numbered picks, "Q:"/"A:" pairs): how it opens, whether a separator or
    label colon sits in its first 40 characters, whether it ends a sentence."""
    first = text[:1]
    opens = (
        "d" if first.isdigit() else "u" if first.isupper() else "l" if first.islower() else first
    )
    head = text[:40]
    return opens, bool(_SHAPE_MARK.search(head)), len(text) >= 60, pat.ends_sentence(text)


def _same_runs(keys: Sequence[object]) -> list[tuple[int, int]]:
    """For each position, the [start, end) of its run of equal consecutive keys."""
    out: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            out.extend([(start, i)] * (i - start))
            start = i
    return out


def _run_lengths(lines: Sequence[Line]) -> list[int]:
    """For each line, the number of lines in its run of lines without a blank between."""
    out = [0] * len(lines)
    start = 0
    for i in range(len(lines) + 1):
        if i == len(lines) or (i > start and lines[i].blank_before):
            for k in range(start, i):
                out[k] = i - start
            start = i
    return out


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


def densest_region(scores: Sequence[float]) -> tuple[int, int]:
    """The run of lines with the largest sum of scores (Kadane); (start, end) inclusive."""
    best, best_lo, best_hi = -math.inf, 0, -1
    total, lo = 0.0, 0
    for i, s in enumerate(scores):
        if total <= 0:
            total, lo = s, i
        else:
            total += s
        if total > best:
            best, best_lo, best_hi = total, lo, i
    return best_lo, best_hi


def context_features(lines: Sequence[Line], p: Sequence[float]) -> list[list[float]]:
    """Features from the first-stage body probabilities of the lines around each line."""
    n = len(lines)
    w2 = _window_means(p, 2)
    w5 = _window_means(p, 5)
    w15 = _window_means(p, 15)
    weights = [
        (q - 0.5) * min(3.0, 0.5 + len(line.text) / 100) for q, line in zip(p, lines, strict=True)
    ]
    lo, hi = densest_region(weights)
    run_mean, run_prev, run_colon = _run_context(lines, p)
    prefix = [0.0]
    for q in p:
        prefix.append(prefix[-1] + q)
    sure = [q >= 0.5 for q in p]
    gap_prev, gap_next = _gaps(sure)
    prose = [q >= 0.5 and len(line.text) >= 80 for q, line in zip(p, lines, strict=True)]
    prose_prev, prose_next = _gaps(prose)
    shape_runs = _same_runs([_shape(line.text) for line in lines])
    rows = []
    for i in range(n):
        s0, s1 = shape_runs[i]
        inside = lo <= i <= hi
        dist = 0 if inside else (lo - i if i < lo else i - hi)
        rows.append(
            [
                p[i],
                p[i - 1] if i > 0 else 0.0,
                p[i + 1] if i + 1 < n else 0.0,
                w2[i],
                w5[i],
                w15[i],
                1.0 if inside else 0.0,
                float(min(100, dist)),
                1.0 if i < lo else 0.0,
                1.0 if i > hi else 0.0,
                p[i - 2] if i > 1 else 0.0,
                p[i + 2] if i + 2 < n else 0.0,
                max(p[max(0, i - 10) : i], default=0.0),
                max(p[i + 1 : i + 11], default=0.0),
                run_mean[i],
                run_prev[i],
                run_colon[i],
                (prefix[i] - prefix[max(0, i - 30)]) / max(1, min(30, i)),
                (prefix[min(n, i + 31)] - prefix[i + 1]) / max(1, min(30, n - i - 1)),
                gap_prev[i],
                gap_next[i],
                (prefix[s1] - prefix[s0]) / (s1 - s0),
                p[s0 - 1] if s0 > 0 else 0.0,
                p[s1] if s1 < n else 0.0,
                1.0 if s0 > 0 and lines[s0 - 1].text.endswith(":") else 0.0,
                float(min(30, max(prose_prev[i], prose_next[i]))),
                1.0
                if _is_box_label(lines, s0 - 1) or (s0 < i and _is_box_label(lines, s0))
                else 0.0,
            ]
        )
    return rows


def _is_box_label(lines: Sequence[Line], i: int) -> bool:
    """A short heading without punctuation ("Most read", "More stories") that
    often tops a box of links; a list in the article is introduced by a colon."""
    if i < 0:
        return False
    text = lines[i].text
    return len(text) <= 30 and len(text.split()) <= 3 and text[-1:].isalnum()


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


def _run_context(
    lines: Sequence[Line], p: Sequence[float]
) -> tuple[list[float], list[float], list[float]]:
    """Per line: mean p of its run (lines without a blank between), p of the line
    before the run, and whether that line ends with a colon (a list follows)."""
    n = len(lines)
    mean = [0.0] * n
    prev = [0.0] * n
    colon = [0.0] * n
    start = 0
    for i in range(n + 1):
        if i == n or (i > start and lines[i].blank_before):
            m = sum(p[start:i]) / (i - start)
            before = p[start - 1] if start > 0 else 0.0
            seen = start > 0 and lines[start - 1].text.endswith(":")
            for k in range(start, i):
                mean[k], prev[k], colon[k] = m, before, 1.0 if seen else 0.0
                seen = seen or lines[k].text.endswith(":")
            start = i
    return mean, prev, colon


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
