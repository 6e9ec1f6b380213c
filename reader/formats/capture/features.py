"""Per-line features of a capture, shared by the parser and its training script.

Every feature is a number computed in one pass (or with prefix sums), so a
capture of many thousand lines costs linear time. Nothing here names a site
or a phrase: the features describe shape (length, punctuation, case, blank
lines), the neighbourhood (how prose-like the lines around are), and the
page's own vocabulary (its most frequent words stand in for stop words in
any language).

Features are built a column at a time (one list per feature, one value per
line): most columns then come from list operations that run in C, and the
classifiers read the columns they need without any row being built. The
row form (`local_features`) is the same numbers transposed, for training.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate, chain, filterfalse
from operator import itemgetter, sub, truediv

from reader.formats.capture import patterns as pat
from reader.formats.capture.lines import Line

_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\W_]+")
_ASCII_TOKEN = re.compile(r"[a-z0-9]+")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"[.!?。！？](?:['\"’”»)\]]*)(?:\s|$)")
_LINKY = re.compile(r"https?://|www\.|\S@\S|#\w|\.com\b")
_SEPARATORS = re.compile(r" [|»›>/·•] | [-–—] ")
_TITLE_SPLIT = re.compile(r"\s+(?:\||-|–|—|::|»|·)\s+")
_STOP_COUNT = 40

# What a match of _TITLE_SPLIT must contain: a line without it (most lines)
# is spared the split.
_TITLE_MARK = re.compile(r"[|\-–—:»·]")

# Character classes of ASCII text, counted by bytes.translate (C speed);
# other text takes the regular expressions above.
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ASCII_UPPER = _ASCII_LETTERS[:26]
_ASCII_DIGITS = b"0123456789"
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_FIRST_CHAR = itemgetter(slice(0, 1))
_QUOTES = '"“”«»„'

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
    "end_note",
    "numbered",
)

Columns = list[list[float]]
"""Feature values a column at a time: columns[feature][line]."""


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; each CJK character is a token of its own."""
    folded = text.casefold()
    # On ASCII text the pattern's word runs are runs of letters and digits.
    return _ASCII_TOKEN.findall(folded) if folded.isascii() else _TOKEN.findall(folded)


def _window_means(values: Sequence[float], radius: int) -> list[float]:
    """Mean of `values` over a window of `radius` lines either side (prefix sums)."""
    prefix = list(accumulate(values, initial=0.0))
    n = len(values)
    his = [min(n, i + radius + 1) for i in range(n)]
    los = [max(0, i - radius) for i in range(n)]
    spans = list(map(sub, his, los))
    sums = map(sub, map(prefix.__getitem__, his), map(prefix.__getitem__, los))
    return list(map(truediv, sums, spans))


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


_SHAPE_MARK = re.compile(r" [-–—|@/] | -- |: ")


def _shape(text: str, ends: bool) -> tuple[str, bool, bool, bool]:
    """A coarse shape of a line, shared by the items of one list (tour dates,
    numbered picks, "Q:"/"A:" pairs): how it opens, whether a separator or
    label colon sits in its first 40 characters, whether it ends a sentence
    (`ends`, as `ends_sentence` says)."""
    first = text[:1]
    opens = (
        "d" if first.isdigit() else "u" if first.isupper() else "l" if first.islower() else first
    )
    head = text[:40]
    return opens, bool(_SHAPE_MARK.search(head)), len(text) >= 60, ends


def _same_runs(keys: Sequence[object]) -> list[tuple[int, int]]:
    """For each position, the [start, end) of its run of equal consecutive keys."""
    out: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            out.extend([(start, i)] * (i - start))
            start = i
    return out


def _blank_runs(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """The [start, end) of each run of lines without a blank line between, in order."""
    out: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(lines) + 1):
        if i == len(lines) or lines[i].blank_before:
            out.append((start, i))
            start = i
    return out if lines else []


class Layout:
    """Facts of the lines that do not depend on any classifier: computed once per
    capture and shared by the local features and every round of context features."""

    def __init__(self, lines: Sequence[Line]) -> None:
        texts = [line.text for line in lines]
        self.texts = texts
        self.chars = list(map(len, texts))
        self.ends = list(map(pat.ends_sentence, texts))
        self.colon = [text.endswith(":") for text in texts]
        self.shape_runs = _same_runs(list(map(_shape, texts, self.ends)))
        self.blank_runs = _blank_runs(lines)


class PageFacts:
    """Facts of the whole page the line features need: stop words, repeats, titles."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.layout = Layout(lines)
        texts = self.layout.texts
        self.toks = list(map(tokens, texts))
        # One count over every token in page order: ties in most_common fall
        # to the word seen first, as they did when counting line by line.
        counts = Counter(filterfalse(str.isdigit, chain.from_iterable(self.toks)))
        # most_common's order, ties to the first seen (a stable sort), without its heap.
        ranked = sorted(counts.items(), key=itemgetter(1), reverse=True)
        self.stop = {t for t, _ in ranked[:_STOP_COUNT]}
        self.folded = list(map(str.casefold, texts))
        self.line_counts: Counter[str] = Counter(self.folded)
        # "Headline | Site" and "Headline - Site" lines name a likely headline.
        self.title_prefixes: set[str] = set()
        for text in texts:
            if len(text) < 400 and _TITLE_MARK.search(text):
                parts = _TITLE_SPLIT.split(text)
                if len(parts) > 1:
                    for k in range(1, len(parts)):
                        self.title_prefixes.add(" - ".join(parts[:k]).casefold())
                        self.title_prefixes.add(" | ".join(parts[:k]).casefold())
                    self.title_prefixes.add(parts[0].casefold())


def _char_counts(head: str) -> tuple[int, int, int, int]:
    """Letters, upper-case letters (as `str.lower` changes them), digits and CJK
    characters in `head`, as the regular expressions above count them."""
    if head.isascii():
        data = head.encode("ascii")
        size = len(data)
        return (
            size - len(data.translate(None, _ASCII_LETTERS)),
            size - len(data.translate(None, _ASCII_UPPER)),
            size - len(data.translate(None, _ASCII_DIGITS)),
            0,
        )
    if "\u0130" in head:  # lowers to two characters: compare position by position
        upper = sum(map(str.__ne__, head, head.lower()))
        return len(_LETTER.findall(head)), upper, len(_DIGIT.findall(head)), len(_CJK.findall(head))
    # Each count adds up over characters: the ASCII ones by bytes, the rest by pattern.
    data = head.encode("ascii", "ignore")
    rest = "".join(_NON_ASCII.findall(head))
    return (
        len(data) - len(data.translate(None, _ASCII_LETTERS)) + len(_LETTER.findall(rest)),
        len(data)
        - len(data.translate(None, _ASCII_UPPER))
        + sum(map(str.__ne__, rest, rest.lower())),
        len(data) - len(data.translate(None, _ASCII_DIGITS)) + len(_DIGIT.findall(rest)),
        len(_CJK.findall(rest)),
    )


def _case_counts(text: str) -> tuple[int, int, int, int, int]:
    """Letters, upper-case letters, digits and CJK characters in the first 400
    characters (as `_char_counts`), and words (split at spaces) in the first
    2,000 that start with an upper-case letter."""
    spaced = text[:2000]
    if spaced.isascii():
        # One pass classes every byte: U upper, l lower, d digit, space kept.
        classes = spaced.encode("ascii").translate(_ASCII_CLASSES)
        head = classes[:400]
        upper = head.count(b"U")
        words = (b" " + classes).count(b" U")
        return upper + head.count(b"l"), upper, head.count(b"d"), 0, words
    letters, upper, digits, cjk = _char_counts(text[:400])
    firsts = "".join(map(_FIRST_CHAR, spaced.split(" ")))
    return letters, upper, digits, cjk, sum(map(str.isupper, firsts))


_ASCII_CLASSES = bytes(
    b"U"[0]
    if 65 <= byte <= 90
    else b"l"[0]
    if 97 <= byte <= 122
    else b"d"[0]
    if 48 <= byte <= 57
    else byte
    if byte == 32
    else b"."[0]
    for byte in range(256)
)


def _may_link(text: str) -> bool:
    """What every match of _LINKY contains ("http", "www.", "@", "#", ".com"): a
    line without any (most lines) is spared the pattern's scan."""
    return "@" in text or "#" in text or "http" in text or "www." in text or ".com" in text


def _text_features(text: str, toks: list[str], stop: set[str]) -> tuple[float, ...]:
    """The features of one line that read its text, in LOCAL_NAMES order (a subset)."""
    chars = len(text)
    nt = max(1, len(toks))
    letters, upper, digits, cjk, cap_words = _case_counts(text)
    word_count = text.count(" ", 0, 2000) + 1
    link_head = text[:1000]
    return (
        float(min(len(toks), 400)),
        sum(map(len, toks[:200])) / max(1, min(len(toks), 200)),
        1.0 if text.endswith(":") else 0.0,
        float(min(20, len(_SENTENCE_END.findall(text[:3000])))),
        text.count(",") / nt,
        cap_words / max(1, word_count),
        upper / max(1, letters),
        digits / max(1, min(chars, 400)),
        cjk / max(1, min(chars, 400)),
        1.0 if pat.bullet_text(text) is not None else 0.0,
        sum(map(stop.__contains__, toks)) / nt,
        float(len(_LINKY.findall(link_head))) if _may_link(link_head) else 0.0,
        float(len(_SEPARATORS.findall(link_head))),
        1.0 if chars < 600 and pat.has_trailing_credit(text) else 0.0,
        1.0 if pat.credit_only(text) is not None else 0.0,
        1.0 if pat.has_caption_prefix(text) else 0.0,
        1.0 if pat.byline_name(text) is not None else 0.0,
        1.0 if chars < 100 and pat.has_date(text) else 0.0,
        1.0 if text[:1].islower() else 0.0,
        float(min(10, text.count('"') if text.isascii() else sum(map(text.count, _QUOTES)))),
    )


def local_columns(lines: Sequence[Line], facts: PageFacts) -> Columns:
    """The local features as columns, in the order of LOCAL_NAMES."""
    n = len(lines)
    if not n:
        return [[] for _ in LOCAL_NAMES]
    layout = facts.layout
    texts, chars, ends = layout.texts, layout.chars, layout.ends
    long_prose = [c >= 80 and e for c, e in zip(chars, ends, strict=True)]
    longf = [1.0 if lp else 0.0 for lp in long_prose]
    log_chars = list(map(math.log1p, chars))
    ends_f = [1.0 if e else 0.0 for e in ends]
    (
        words,
        mean_word_len,
        ends_colon,
        sentences,
        commas,
        title_case,
        upper_ratio,
        digit_ratio,
        cjk_ratio,
        bullet,
        stop_ratio,
        linky,
        separators,
        trailing_credit,
        credit_only,
        caption_prefix,
        byline,
        date,
        starts_lower,
        quote_marks,
    ) = map(list, zip(*map(_text_features, texts, facts.toks, [facts.stop] * n), strict=True))
    for index in pat.source_note_lines(texts, ends):
        trailing_credit[index] = 0.0
    run_len = [0.0] * n
    for start, end in layout.blank_runs:
        run_len[start:end] = [float(min(50, end - start))] * (end - start)
    counts = facts.line_counts
    titles = facts.title_prefixes
    return [
        log_chars,
        words,
        mean_word_len,
        ends_f,
        ends_colon,
        sentences,
        commas,
        title_case,
        upper_ratio,
        digit_ratio,
        cjk_ratio,
        bullet,
        [1.0 if line.blank_before else 0.0 for line in lines],
        [1.0 if line.blank_after else 0.0 for line in lines],
        [float(min(line.indent, 8)) for line in lines],
        [i / max(1, n - 1) for i in range(n)],
        stop_ratio,
        linky,
        separators,
        trailing_credit,
        credit_only,
        caption_prefix,
        byline,
        date,
        [float(min(10, counts[f] - 1)) for f in facts.folded],
        [1.0 if f in titles else 0.0 for f in facts.folded],
        starts_lower,
        quote_marks,
        run_len,
        [0.0, *log_chars[:-1]],
        [*log_chars[1:], 0.0],
        [0.0, *ends_f[:-1]],
        [*ends_f[1:], 0.0],
        _window_means(longf, 3),
        _window_means(longf, 10),
        _window_means(longf, 30),
        _window_means(log_chars, 10),
        _distance_to(long_prose),
        [
            1.0 if "©" in text[:300] or "(c)" in folded[:300] else 0.0
            for text, folded in zip(texts, facts.folded, strict=True)
        ],
        [float(min(50, s1 - s0)) for s0, s1 in layout.shape_runs],
        [
            1.0 if word_count >= 3 and pat.is_end_note(text) else 0.0
            for text, word_count in zip(texts, words, strict=True)
        ],
        [1.0 if text[:1].isdigit() and pat.is_numbered(text) else 0.0 for text in texts],
    ]


def rows_of(columns: Columns, n: int) -> list[list[float]]:
    """Columns transposed into one row per line (`n` lines)."""
    return [list(row) for row in zip(*columns, strict=True)] if columns else [[] for _ in range(n)]


def columns_of(rows: Sequence[Sequence[float]], width: int) -> Columns:
    """Rows transposed into `width` columns."""
    return [list(col) for col in zip(*rows, strict=True)] if rows else [[] for _ in range(width)]


def local_features(lines: Sequence[Line], facts: PageFacts) -> list[list[float]]:
    """One feature row per line, in the order of LOCAL_NAMES."""
    return rows_of(local_columns(lines, facts), len(lines))
