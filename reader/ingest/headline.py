"""The headline of a web page, without the site or author name its title carries.

Page titles read "Headline | Site", "Headline - Author Name",
"Site: Headline" or "Headline | Section | Site". The page's `<h1>`, its
`og:site_name`, its host name and its byline tell which part is the
headline.
"""

from __future__ import annotations

import re

__all__ = ["strip_title_parts"]

_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|·|•|»|::|/)\s+|\s*\|\s*")
_SEPARATOR_KEPT = re.compile(r"(\s+(?:\||-|–|—|·|•|»|::|/)\s+|\s*\|\s*)")
_COLON = re.compile(r":\s+")
_SECTION_WORDS = 2
"""A leftover part of at most this many words beside a dropped site name is a section label."""
_HEADLINE_WORDS = 5


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _names(site: str | None, byline: str | None, host: str | None) -> set[str]:
    """The normalised names a title part may be, other than the headline."""
    found = {_norm(site or ""), _norm(byline or "")}
    if host:
        host = host.casefold().removeprefix("www.")
        found |= {_norm(host), _norm(host.split(".")[0])}
    return {name for name in found if name}


def _is_name(part: str, names: set[str]) -> bool:
    text = _norm(part)
    if not text:
        return True
    if text in names:
        return True
    # "Harrowgate Courier news", "The Courier": a short part holding the site's name.
    return len(text.split()) <= 6 and any(
        name in text or (len(name.split()) > 1 and text in name) for name in names
    )


def _drop_names(parts: list[str], names: set[str]) -> tuple[list[str], bool]:
    dropped = False
    while len(parts) > 1 and _is_name(parts[-1], names):
        parts.pop()
        dropped = True
    while len(parts) > 1 and _is_name(parts[0], names):
        parts.pop(0)
        dropped = True
    return parts, dropped


def strip_title_parts(
    title: str,
    *,
    h1: str | None = None,
    site: str | None = None,
    byline: str | None = None,
    host: str | None = None,
) -> str:
    """`title` without the site, author or section parts around the headline.

    When the page's `<h1>` is one part of the title, it is the headline.
    Otherwise parts naming the site, its host or the author are dropped from
    either end, and then a short section label left beside them.
    """
    title = " ".join(title.split())
    heading = " ".join((h1 or "").split())
    folded_heading = _norm(heading)
    h1_is_a_part = any(_norm(part) == folded_heading for part in _SEPARATOR.split(title))
    if len(heading.split()) >= 3 and folded_heading != _norm(title) and h1_is_a_part:
        return heading
    names = _names(site, byline, host)
    # re.split with a group keeps the separators: parts at even places, separators between.
    pieces = _SEPARATOR_KEPT.split(title)
    parts = pieces[::2]
    kept, dropped = _drop_names(list(parts), names)
    # Headlines seldom hold a "|": a short last part after one is a label too.
    label_after_pipe = "|" in title and len(kept[0].split()) >= _HEADLINE_WORDS
    short_last = len(kept) > 1 and len(kept[-1].split()) <= _SECTION_WORDS
    if (dropped or label_after_pipe) and short_last:
        kept.pop()
    first = parts.index(kept[0])
    text = "".join(pieces[2 * first : 2 * (first + len(kept)) - 1])
    colon_parts, _ = _drop_names(_COLON.split(text), names)
    return colon_parts[0] if len(colon_parts) == 1 else text
