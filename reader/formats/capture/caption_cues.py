"""Features that tell a photo caption from the text around it, beyond its credit.

The credit patterns (capture.patterns) find captions that carry a credit in a
known form; many pages' captions carry none, or one in a looser form. These
columns give the caption classifier the other signs: a lone placeholder line
above ("Image", "Foto", "Image caption": what a page shows for the missing
photo), a short line without a full stop between two body paragraphs, the
words captions use ("pictured", "(left)", "file photo"), and credits in forms
the patterns leave alone because they are too loose to cut a credit off
safely ("...weather.CreditJane Doe", "| photo by x", "... Getty Images",
" - Jane Doe/Reuters", "DR", "©"). A feature only says "looks like"; the
classifier weighs it against everything else.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate

from reader.formats.capture.features import Columns

CAPTION_CUE_NAMES: tuple[str, ...] = (
    "placeholder_above",
    "short_between_prose",
    "photo_words",
    "loose_credit",
    "next_loose_credit",
)
"""The columns `caption_cue_columns` gives, in order."""

# What a page prints where its photo would be, in the languages we meet most.
_PLACEHOLDERS = frozenset(
    {
        "image",
        "image caption",
        "media caption",
        "caption",
        "photo",
        "photograph",
        "picture",
        "illustration",
        "foto",
        "bild",
        "bildunterschrift",
        "fotografía",
        "imagen",
        "légende",
        "photo d'illustration",
        "写真",
        "画像",
    }
)
_PHOTO_WORDS = re.compile(
    r"(?:pictured|photographed|seen here|file (?:photo|picture|image)|"
    r"from left|from right|l-r|left to right|abgebildet|im bild|von links|"
    r"en la imagen|de gauche à droite|ci-dessus)\b|"
    r"\((?:left|right|center|centre|top|bottom|above|links|rechts|mitte|"
    r"à gauche|à droite|izquierda|derecha)\)"
)
_AGENCY = (
    r"(?:Getty Images|AFP|Reuters|AP Photo|AP|EPA|Shutterstock|Alamy|iStock|dpa|"
    r"picture alliance|picture-alliance|Bloomberg|Imago|IMAGO|Keystone|ANP|Xinhua|"
    r"PA Wire|PA Images|Corbis|Sipa|Zuma|Unsplash|Pexels|Wikimedia Commons)"
)
_NAME_PART = r"[A-ZÀ-Ý][\w.'’-]*"
# Every branch starts with a literal, so the scan skips ahead between matches;
# a glued "Credit" is checked for the letter before it in `_credit_at`.
_LOOSE_CREDIT = re.compile(
    # Glued on without a colon ("...the weather.CreditJane Doe"), or a line
    # "Credit Jane Doe".
    rf"Credits? ?{_NAME_PART}|"
    # A line "Photo Jane Doe" (no colon).
    rf"(?:Photo|Foto|Bild|Image) +{_NAME_PART}(?: +{_NAME_PART}){{0,3}}$|"
    # Lower case "| photo by x", "photo courtesy of x".
    r"(?:[Pp]hotos?|photograph|image|picture|foto) +(?:by|courtesy|von|par|por)\b|"
    # French "DR" (droits réservés) and a copyright sign.
    r"DR\)?\.?$|©",
    re.MULTILINE,
)
# An agency after a bare space at the end ("... at the port Getty Images"), or
# " - Jane Doe/Reuters" at the end. Tried only on lines whose end may hold one
# (`_may_end_in_agency`): a pattern that starts at any space is slow to scan.
_TAIL_CREDIT = re.compile(
    rf" (?:{_AGENCY}(?: ?/ ?[\w.'’ -]{{2,40}})?\.?|"
    rf"[-–—] {_NAME_PART}(?: {_NAME_PART}){{0,3}} ?/ ?[\w.'’ -]{{2,40}})$"
)
_AGENCY_LAST_WORDS = frozenset(
    [
        "images",
        "afp",
        "reuters",
        "photo",
        "ap",
        "epa",
        "shutterstock",
        "alamy",
        "istock",
        "dpa",
        "alliance",
        "picture-alliance",
        "bloomberg",
        "imago",
        "keystone",
        "anp",
        "xinhua",
        "wire",
        "corbis",
        "sipa",
        "zuma",
        "unsplash",
        "pexels",
        "commons",
    ]
)
_TAIL_CHARS = 80
_BEFORE_GLUED = frozenset('abcdefghijklmnopqrstuvwxyz.,;)”"’\n')
"""What may stand right before a "Credit" run on without a space (or a line start)."""
_BEFORE_DR = frozenset(" /(\n")
_LONGEST_CUE_LINE = 400
"""Lines longer than this are prose, not captions: spared the patterns."""


def is_placeholder(text: str) -> bool:
    """A lone placeholder word where a photo would be ("Image", "Foto:")."""
    return len(text) <= 30 and text.strip(" :.").casefold() in _PLACEHOLDERS


def _credit_at(joined: str, match: re.Match[str]) -> bool:
    """Whether a match of _LOOSE_CREDIT in `joined` is a credit in its context:
    "Credit" glued on after a word or at a line start, "DR" after a space."""
    before = joined[match.start() - 1] if match.start() else "\n"
    text = match.group()
    if text.startswith("Credit"):
        return before in _BEFORE_GLUED
    if text.startswith("DR"):
        return before in _BEFORE_DR
    return True


def _lines_where(
    pattern: re.Pattern[str],
    texts: Sequence[str],
    span: range,
    check: Callable[[str, re.Match[str]], bool] | None = None,
    fold: bool = False,
) -> list[bool]:
    """Which lines of `span` (of at most _LONGEST_CUE_LINE characters) `pattern`
    finds something in: one scan of the joined lines, not one call per line (the
    patterns never match across a line end). `fold` scans the lower-cased text."""
    flags = [False] * len(texts)
    chosen = [
        texts[line_no] if len(texts[line_no]) <= _LONGEST_CUE_LINE else "" for line_no in span
    ]
    if not chosen:
        return flags
    starts = list(accumulate((len(text) + 1 for text in chosen[:-1]), initial=0))
    joined = "\n".join(chosen)
    for match in pattern.finditer(joined.lower() if fold else joined):
        if check is None or check(joined, match):
            flags[span.start + bisect_right(starts, match.start()) - 1] = True
    return flags


def _may_end_in_agency(text: str) -> bool:
    """Necessary for _TAIL_CREDIT: a slash near the end, or an agency's last word."""
    tail = text[-_TAIL_CHARS:]
    return "/" in tail or tail.rstrip(".").rpartition(" ")[2].casefold() in _AGENCY_LAST_WORDS


def _tail_credit(text: str) -> bool:
    """True for a line ending in an agency or " - Name/Org" after a bare space."""
    return (
        len(text) <= _LONGEST_CUE_LINE
        and _may_end_in_agency(text)
        and _TAIL_CREDIT.search(text[-_TAIL_CHARS:]) is not None
    )


def _loose_credit_lines(texts: Sequence[str], span: range) -> list[bool]:
    """Which lines of `span` carry a credit in one of the loose forms."""
    flags = _lines_where(_LOOSE_CREDIT, texts, span, _credit_at)
    for line_no in span:
        if not flags[line_no] and _tail_credit(texts[line_no]):
            flags[line_no] = True
    return flags


def loose_credit(text: str) -> bool:
    """True for a line that carries a photo credit in one of the loose forms."""
    return _loose_credit_lines([text], range(1))[0]


def caption_cue_columns(texts: Sequence[str], ends: Sequence[float], span: range) -> Columns:
    """The caption cues of every line, as columns in CAPTION_CUE_NAMES order
    (`ends`: the lines' ends_sentence feature). Only the lines of `span` (the
    article, headline down) are read; the others get 0."""
    count = len(texts)
    chars = list(map(len, texts))
    placeholder = [
        length <= 30 and is_placeholder(text) for length, text in zip(chars, texts, strict=True)
    ]
    prose = [
        length >= 80 and sentence_end > 0 for length, sentence_end in zip(chars, ends, strict=True)
    ]
    credit = _loose_credit_lines(texts, span)
    photo = _lines_where(_PHOTO_WORDS, texts, span, fold=True)

    def short_between_prose(line_no: int) -> bool:
        return (
            0 < line_no < count - 1
            and chars[line_no] < 200
            and not ends[line_no]
            and prose[line_no - 1]
            and prose[line_no + 1]
        )

    return [
        [0.0, *(1.0 if flag else 0.0 for flag in placeholder[:-1])][:count],
        [1.0 if short_between_prose(line_no) else 0.0 for line_no in range(count)],
        [1.0 if flag else 0.0 for flag in photo],
        [1.0 if flag else 0.0 for flag in credit],
        [
            1.0 if credit[line_no + 1] and chars[line_no + 1] < 80 else 0.0
            for line_no in range(count - 1)
        ]
        + ([0.0] if count else []),
    ]


def has_cue(columns: Sequence[Sequence[float]], line_no: int) -> bool:
    """Whether line `line_no` shows any caption cue (such lines are caption
    candidates wherever they stand in the article)."""
    return any(column[line_no] for column in columns)
