"""Full-text search: from whatever the user typed to a safe FTS5 query, and back to highlights.

The user's text is never given to FTS5 as syntax. It is cut at spaces;
each piece that holds a word is quoted (a phrase to FTS5, which folds case
and accents with the same tokenizer as the index), and the pieces are
joined with implicit AND. So quotes, `*`, `-`, `:`, parentheses,
`AND`/`OR`/`NOT`/`NEAR` are searched as the words they hold, or ignored
when they hold none, and never raise. The last word is a prefix while the
user is still typing it (no space after it, two letters or more).

CJK scripts do not put spaces between words; their characters are indexed
one by one (`split_cjk`) and a run of them in a query is a phrase, so a
Chinese word matches inside a longer run of text.

Ranking: headline matches first (from the headline-only table), then
matches elsewhere, each group by BM25 with headline words weighted above
bullets and bullets above body. When a query matches more rows than
`RANK_WINDOW`, ranking every match would be too slow for search as you
type; the group's `RANK_WINDOW` most recently indexed matches are ranked
instead (see `ranked_ids`).
"""

from __future__ import annotations

import functools
import re
import sqlite3
import unicodedata
from dataclasses import dataclass

MAX_TERMS = 16
"""Pieces of a query beyond this many are ignored (keeps a pasted paragraph cheap)."""

MIN_PREFIX = 2
"""The last word is a prefix once it has this many characters (a single letter is a word)."""

RANK_WINDOW = 2000
"""At most this many matches of each group are ranked by BM25 (see the module docstring)."""

TEXT_WEIGHTS = (8.0, 3.0, 1.0)
"""BM25 weights of the headline, bullets and body columns of text_fts."""

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"


# Compiled on first use, not at import: the two take ~6 ms and the list's first
# screen needs neither.
@functools.cache
def _cjk_char() -> re.Pattern[str]:
    return re.compile(f"[{_CJK}]")


@functools.cache
def _token() -> re.Pattern[str]:
    """A run of CJK characters, or a word: letters and digits (unicode61's token characters)."""
    return re.compile(f"[{_CJK}]+|[^\\W_{_CJK}]+")


_CONTROL = re.compile("[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Term:
    """One piece of a query between spaces, as typed; FTS5 reads it as a phrase.

    "ferry-strike" and "l'aube" are phrases of two words, as they are in the
    text; a CJK run is a phrase of its characters.
    """

    text: str
    prefix: bool = False
    """True for the piece still being typed: its last word matches as a prefix."""

    @property
    def words(self) -> list[str]:
        """The folded words of the piece (a CJK run is one), for highlighting."""
        return [fold(word) for word in _token().findall(self.text)]


def fold(text: str) -> str:
    """Lower case without accents, to compare words for highlighting ("Été" -> "ete")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def split_cjk(text: str) -> str:
    """`text` with spaces around each CJK character, so each is indexed as a word."""
    return _cjk_char().sub(lambda match: f" {match.group()} ", text)


def parse_query(query: str) -> list[Term]:
    """The pieces of a user's query that hold a word; the last is a prefix while being typed."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", query))
    pieces = [piece for piece in text.split() if _token().search(piece)][:MAX_TERMS]
    if not pieces:
        return []
    last = _token().findall(pieces[-1])[-1]
    # One letter as a prefix matches most of the index and is slow: it is a word until
    # the user types a second letter. A CJK character is a word of its own anyway.
    typing = not text[-1:].isspace() and len(last) >= MIN_PREFIX and not _cjk_char().match(last)
    terms = [Term(piece) for piece in pieces[:-1]]
    terms.append(Term(pieces[-1], prefix=typing))
    return terms


def _fts_term(term: Term) -> str:
    """One term in FTS5 syntax: a quoted string (never an operator), `*` when a prefix.

    Inside a quoted string FTS5 gives no character a meaning but `"` (written
    twice); its own tokenizer then folds case and accents as it did when indexing.
    """
    text = split_cjk(term.text).replace('"', '""')
    return f'"{text}"' + ("*" if term.prefix else "")


def fts_query(query: str) -> str | None:
    """A safe FTS5 MATCH expression for any user text; None when it holds no word."""
    terms = parse_query(query)
    if not terms:
        return None
    return " ".join(_fts_term(term) for term in terms)


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) character spans of `text` that the query matched, sorted, not overlapping.

    For highlighting the matched words in a headline: a word matches a word
    of the query with case and accents ignored (the very last word as a
    prefix while it is being typed); a CJK run matches where it occurs.
    """
    terms = parse_query(query)
    if not terms:
        return []
    exact: set[str] = set()
    cjk: set[str] = set()
    for term in terms:
        for word in term.words:
            (cjk if _cjk_char().match(word) else exact).add(word)
    last = terms[-1].words[-1]
    prefix = last if terms[-1].prefix else None
    spans: list[tuple[int, int]] = []
    for match in _token().finditer(text):
        token = match.group()
        if _cjk_char().match(token):
            continue
        folded = fold(token)
        if folded in exact or (prefix is not None and folded.startswith(prefix)):
            spans.append(match.span())
    for run in cjk:
        spans.extend(_cjk_spans(text, run))
    return _merge(spans)


def _cjk_spans(text: str, run: str) -> list[tuple[int, int]]:
    """Where a run of CJK characters occurs in `text`."""
    found: list[tuple[int, int]] = []
    start = text.find(run)
    while start >= 0:
        found.append((start, start + len(run)))
        start = text.find(run, start + len(run))
    return found


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted, with overlapping or touching ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def matched_terms(text: str, query: str) -> list[str]:
    """The distinct pieces of `text` the query matched, in order (see `highlight_spans`)."""
    seen: dict[str, None] = {}
    for start, end in highlight_spans(text, query):
        seen.setdefault(text[start:end], None)
    return list(seen)


def _ranked(conn: sqlite3.Connection, table: str, order: str, match: str, limit: int) -> list[int]:
    """Row ids of `table` matching, best first; only the first RANK_WINDOW matches are ranked."""
    # FTS5 walks its doclists in rowid order, so the inner LIMIT stops early;
    # ranking then sorts a bounded set.
    sql = (
        f"SELECT id FROM (SELECT rowid AS id, {order} AS score FROM {table}"
        f" WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT ?) ORDER BY score LIMIT ?"
    )
    return [row[0] for row in conn.execute(sql, (match, RANK_WINDOW, limit))]


def ranked_ids(conn: sqlite3.Connection, query: str, limit: int) -> list[int]:
    """Article ids matching `query`, best first: headline matches, then the rest.

    Raises nothing for odd input: the query is built by `fts_query`.
    """
    match = fts_query(query)
    if match is None or limit <= 0:
        return []
    head = _ranked(conn, "head_fts", "rank", match, limit)
    if len(head) >= limit:
        return head
    weights = ", ".join(str(weight) for weight in TEXT_WEIGHTS)
    seen = set(head)
    rest = _ranked(conn, "text_fts", f"bm25(text_fts, {weights})", match, limit + len(head))
    return head + [row for row in rest if row not in seen][: limit - len(head)]
