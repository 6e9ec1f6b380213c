"""The head of a captured article: standfirst, kicker, byline and date.

These lines stand between the headline and the first body paragraph (or
just above the headline) and follow the trade's conventions: standfirst
bullets under the headline, or one standfirst sentence; a short section
label before the headline, often repeated after the standfirst; a byline
("By Jane Doe", or the bare name next to the date) and a date line.
"""

from __future__ import annotations

import re

from reader.formats.capture import patterns as pat
from reader.model import count_words

META_REACH = 8
"""How many lines around the headline bylines, dates and kickers are looked for."""

# A personal name: two to four capitalised words, allowing particles
# ("van", "de", "al-") and hyphenated or apostrophised parts.
_NAME_WORD = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.-]*"
_PARTICLE = r"(?:(?:van|von|de|der|den|da|di|du|la|le|el|al|bin|ibn) )"
_BARE_NAME = re.compile(rf"^{_NAME_WORD}(?: {_PARTICLE}?{_NAME_WORD}){{1,3}}$")


# "Filed under:", "Share on:", "Above:": a label, so not a standfirst sentence.
_LABEL_PREFIX = re.compile(r"^[^\s:：]+(?:\s[^\s:：]+){0,2}\s?[:：]")


def bullets(texts: list[str], h: int, first_body: int) -> tuple[list[str], set[int]]:
    """Standfirst bullets: bullet-marked lines between the headline and the body."""
    found: list[str] = []
    used: set[int] = set()
    for i in range(h + 1, min(len(texts), first_body + 1, h + 1 + 2 * META_REACH)):
        item = pat.bullet_text(texts[i])
        if item is not None and count_words(item) >= 3 and not _date_line(item):
            found.append(item)
            used.add(i)
        elif found:
            break
    return found, used


def standfirst(texts: list[str], h: int, first_body: int, taken: set[int]) -> int | None:
    """The line of a one-sentence standfirst right under the headline, if any.

    Only kickers, bylines and dates may stand between it and the headline; it
    reads as prose (several words, not a label, credit, byline or date) and
    comes before the first body paragraph.
    """
    for i in range(h + 1, min(len(texts), first_body, h + 4)):
        if i in taken:
            continue
        text = texts[i]
        if pat.byline_name(text) or pat.has_date(text) or is_label(text):
            continue
        if (
            count_words(text) >= 6
            and len(text) <= 400
            and pat.credit_only(text) is None
            and not pat.has_trailing_credit(text)
            and not pat.has_caption_prefix(text)
            and pat.bullet_text(text) is None
            and text[:1].isalnum()
            and not _LABEL_PREFIX.match(text)
            and _capitalised_share(text) < 0.7
        ):
            return i
        return None
    return None


def _date_line(text: str) -> bool:
    """A short line that is mostly a date or time ("Nov. 18th 2019 8:54 am")."""
    return len(text) < 40 and pat.has_date(text)


def _capitalised_share(text: str) -> float:
    """Share of words that start with a capital: high for names, menus and share bars."""
    words = [w for w in text.split() if w[:1].isalpha()]
    if not words:
        return 1.0
    return sum(1 for w in words if w[:1].isupper()) / len(words)


def is_label(text: str) -> bool:
    """A short label line: one to four words, no closing punctuation, not a date or credit."""
    return (
        0 < count_words(text) <= 4
        and len(text) <= 40
        and not pat.ends_sentence(text)
        and not pat.has_date(text)
        and pat.credit_only(text) is None
        and text[:1].isalpha()
    )


def kicker(
    texts: list[str], h: int, first_body: int, captions: set[int]
) -> tuple[str | None, set[int]]:
    """The section label: a short line near the headline, preferring one that repeats."""
    before = [i for i in range(max(0, h - META_REACH), h) if is_label(texts[i])]
    after = [i for i in range(h + 1, min(first_body, h + 2 * META_REACH)) if is_label(texts[i])]
    for i in reversed(before):
        twins = [k for k in after if texts[k] == texts[i]]
        if twins:
            return texts[i], {i, *twins}
    k = h - 1
    while k >= 0 and k in captions:
        k -= 1
    if k >= 0 and is_label(texts[k]) and count_words(texts[k]) <= 3:
        return texts[k], {k}
    return None, set()


def meta(texts: list[str], h: int, body: set[int]) -> tuple[str | None, str | None, set[int]]:
    """Byline and date lines within a few lines of the headline.

    A byline is "By Jane Doe" (in several languages) or, next to a date line,
    a bare name ("Jane Doe" above "12 May 2026").
    """
    byline: str | None = None
    published: str | None = None
    used: set[int] = set()
    lo, hi = max(0, h - 3), min(len(texts), h + META_REACH + 1)
    for i in range(lo, hi):
        if i == h or i in body:
            continue
        text = texts[i]
        name = pat.byline_name(text) if byline is None else None
        if name is not None:
            byline = name
            used.add(i)
            if published is None and pat.has_date(text):
                published = text
        elif published is None and len(text) < 80 and pat.has_date(text):
            published = text
            used.add(i)
    if byline is None:
        for i in range(max(lo, h + 1), hi):
            if i in body or not _bare_name(texts[i]):
                continue
            beside = [k for k in (i - 1, i + 1) if 0 <= k < len(texts) and k != h]
            if any(len(texts[k]) < 80 and pat.has_date(texts[k]) for k in beside):
                byline = texts[i]
                used.add(i)
                break
    return byline, published, used


def _bare_name(text: str) -> bool:
    """A line that is only a personal name: "Jane Doe", "Anna van der Berg"."""
    return len(text) <= 60 and _BARE_NAME.match(text) is not None and not pat.has_date(text)
