"""Features that tell an article's headline from the page furniture near it.

On pages nobody here has seen, the headline ranker most often loses to a
call to action ("Sign up to comment", "You will now receive the newsletter"),
a site's chrome ("Skip to content", "Share on Facebook") or the article's
own standfirst, a sentence right under the real headline. These columns
name those signs; the ranker weighs them against everything else.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.formats.capture.features import Columns

HEADLINE_CUE_NAMES: tuple[str, ...] = (
    "furniture",
    "standfirst_after",
    "title_above",
)
"""The columns `headline_cue_columns` gives, in order."""

_FURNITURE_MAX_WORDS = 12
"""Furniture is short: a longer line with such words is a headline about them."""
_FURNITURE_MAX_CHARS = 120

# Calls to action and site chrome, in the languages the reader meets most.
# Each line is tested word by word (a set lookup, then the phrase itself),
# far cheaper than one pattern of alternatives over every headline candidate.
_FURNITURE_PHRASES = (
    "sign up", "sign in", "log in", "log out", "my account", "an account", "learn more",
    "read more", "see more", "show more", "load more", "listen to", "listen now",
    "watch now", "watch live", "play video", "skip to", "jump to", "back to top",
    "share on", "share this", "share via", "follow us", "make a post", "print this",
    "email this", "e-mail this", "you will now receive", "get short url",
    "privacy policy", "terms of use", "terms of service", "all rights reserved",
    "veröffentlicht von", "mehr lesen", "iniciar sesión", "leia mais",
)  # fmt: skip
_PHRASES_BY_FIRST_WORD: dict[str, tuple[str, ...]] = {
    first: tuple(phrase for phrase in _FURNITURE_PHRASES if phrase.split()[0] == first)
    for first in {phrase.split()[0] for phrase in _FURNITURE_PHRASES}
}
# Words that open with these are furniture wherever they stand.
_FURNITURE_STEMS = (
    "signup", "login", "subscri", "newsletter", "register", "inbox", "comment", "cookie",
    "advertisement", "sponsored", "partager", "suivez-nous", "teilen", "anmelden",
    "registrieren", "weiterlesen", "compartir", "assine", "iscriviti", "condividi",
    "abonn", "inscri", "suscri", "подпис", "войти",
)  # fmt: skip
_FURNITURE_CJK = ("订阅", "訂閱", "購読", "구독", "뉴스레터", "ログイン", "シェア")
_FURNITURE_LINES = frozenset(
    {"menu", "search", "home", "close", "share", "print", "comments", "more", "next", "previous"}
)


def is_furniture(text: str, folded: str | None = None) -> bool:
    """True for a short line of site chrome or a call to action (`folded`: the
    line case-folded, when the caller has it)."""
    if len(text) > _FURNITURE_MAX_CHARS:
        return False
    words = (text.casefold() if folded is None else folded).split()
    if len(words) > _FURNITURE_MAX_WORDS:
        return False
    line = " ".join(words)
    if line in _FURNITURE_LINES:
        return True
    for word in words:
        if word.startswith(_FURNITURE_STEMS):
            return True
        phrases = _PHRASES_BY_FIRST_WORD.get(word)
        if phrases is not None and any(phrase in line for phrase in phrases):
            return True
    return not line.isascii() and any(mark in line for mark in _FURNITURE_CJK)


def headline_cue_columns(
    texts: Sequence[str],
    folded: Sequence[str],
    ends: Sequence[float],
    candidates: Sequence[int],
) -> Columns:
    """The headline cues of each candidate line, as columns in HEADLINE_CUE_NAMES
    order (`folded`: the lines case-folded; `ends`: their ends_sentence feature;
    every line is non-blank)."""
    count = len(texts)
    furniture_of: dict[int, bool] = {}

    def furniture(index: int) -> bool:
        if index not in furniture_of:
            furniture_of[index] = is_furniture(texts[index], folded[index])
        return furniture_of[index]

    furniture_column: list[float] = []
    standfirst_after: list[float] = []
    title_above: list[float] = []
    for index in candidates:
        furniture_column.append(1.0 if furniture(index) else 0.0)
        below = index + 1
        # A standfirst's shape: one or two sentences, 60 to 400 characters.
        lead_below = below < count and ends[below] > 0 and 60 <= len(texts[below]) <= 400
        standfirst_after.append(1.0 if lead_below and not ends[index] else 0.0)
        above = index - 1
        # A headline's shape: 3 to 25 words, not a sentence, not furniture.
        title = (
            above >= 0
            and not ends[above]
            and len(texts[above]) <= 250
            and 3 <= texts[above].count(" ") + 1 <= 25
            and not furniture(above)
        )
        title_above.append(1.0 if title else 0.0)
    return [furniture_column, standfirst_after, title_above]
