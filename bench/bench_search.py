"""The search part of bench/library_bench.py: 30 queries, timed the way the TUI runs them.

The queries come from the library's own text (a sample of its files), so
they fit any library: the most frequent words ("the", "of", "and" in the
synthetic English), two- to four-letter prefixes as typed, words of middle
and rare frequency, accented and CJK words, and two-word queries mixing
them. A query without a trailing space is still being typed, so its last
word is a prefix (as in the TUI); one with a trailing space is not.

Each query runs through `LibraryIndex.search(query, limit)` and the content
hash of every result is read, as the TUI's search worker does. References
on the same index file: a plain FTS5 `MATCH ... LIMIT` with no ranking, and
a `LIKE '%word%'` scan of the headlines with the same `LIMIT`.
"""

from __future__ import annotations

import math
import re
import sqlite3
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

WORD = re.compile(r"[^\W\d_]+")
CJK = re.compile("[\u4e00-\u9fff]{2,}")
SAMPLE_FILES = 400


@dataclass(frozen=True)
class Latencies:
    """Milliseconds of a set of queries."""

    values: list[float]

    @property
    def median(self) -> float:
        """The median."""
        return statistics.median(self.values)

    @property
    def p95(self) -> float:
        """The 95th percentile (nearest rank: the 29th of 30)."""
        ordered = sorted(self.values)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    def describe(self) -> str:
        """ "median X ms, p95 Y ms, max Z ms"."""
        return f"median {self.median:.1f} ms, p95 {self.p95:.1f} ms, max {max(self.values):.1f} ms"


def sample_words(files: Sequence[Path]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Word frequencies, document frequencies and CJK runs of a sample of the files."""
    step = max(1, len(files) // SAMPLE_FILES)
    frequency: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    cjk: Counter[str] = Counter()
    for path in files[::step]:
        text = path.read_text(encoding="utf-8", errors="replace")
        words = [word.lower() for word in WORD.findall(text) if not CJK.match(word)]
        frequency.update(words)
        documents.update(set(words))
        cjk.update(run[:2] for run in CJK.findall(text))
    return frequency, documents, cjk


def make_queries(files: Sequence[Path]) -> list[str]:
    """30 queries of one and two words for this library (see the module docstring)."""
    frequency, documents, cjk = sample_words(files)
    sampled = max(1, min(len(files), SAMPLE_FILES))
    ranked = [word for word, _ in frequency.most_common() if len(word) > 1 or word == "a"]
    top = ranked[:6]
    content = [word for word in ranked if len(word) >= 5]

    def share(word: str) -> float:
        return documents[word] / sampled

    middle = [word for word in content if 0.05 <= share(word) <= 0.3] or content[:20]
    rare = [word for word in content if share(word) <= 0.01] or content[-20:]
    accented = [word for word in ranked if not word.isascii()]
    queries = list(top)  # the commonest words, as typed (the last is a prefix from 2 letters)
    queries += [word[:2] for word in content[:3]]  # two letters typed: a prefix of thousands
    queries += [middle[0][:3], middle[1][:4], rare[0][:4]]
    queries += [f"{word} " for word in middle[2:6]]  # whole words, space typed after them
    queries += [f"{word} " for word in rare[1:4]]
    queries += accented[:2] + [run for run, _ in cjk.most_common(1)]
    queries += [
        f"{top[1]} {top[0]} ",
        f"{top[0]} {middle[0]} ",
        f"{top[0]} {content[0][:2]}",
        f"{middle[1]} {middle[2][:3]}",
        f"{rare[4]} {top[0]} ",
        f"{middle[3]} {rare[5][:3]}",
        f"{content[1]} {content[2]}",
        f"{top[2]} {middle[4][:4]}",
    ]
    while len(queries) < 30:  # a tiny library may lack some kinds of word
        queries.append(ranked[len(queries) % len(ranked)])
    return queries[:30]


def timed(func: Callable[[], object]) -> float:
    """Milliseconds one call takes."""
    start = time.perf_counter()
    func()
    return (time.perf_counter() - start) * 1000


@dataclass
class SearchFigures:
    """What the search part measured."""

    queries: list[str]
    first: Latencies
    """Each query the first time it runs (as the user types it once)."""
    again: Latencies
    """Each query the third time (SQLite's and the OS's caches warm)."""
    fts_floor: Latencies
    like_scan: Latencies
    matches: list[int]


def measure_search(index_path: Path, queries: list[str], limit: int) -> SearchFigures:
    """Run each query through the index as the TUI does, and the references."""
    from reader.library.index import LibraryIndex
    from reader.library.search import fts_query

    with LibraryIndex.open(index_path) as index:
        index.count()  # opening costs are not search costs

        def tui_search(query: str) -> list[str]:
            return [row.content_hash for row in index.search(query, limit)]

        first = [timed(lambda query=query: tui_search(query)) for query in queries]
        matches = [len(tui_search(query)) for query in queries]
        again = [timed(lambda query=query: tui_search(query)) for query in queries]
    conn = sqlite3.connect(index_path)
    try:
        conn.execute("SELECT count(*) FROM articles").fetchone()
        plain = "SELECT rowid FROM text_fts WHERE text_fts MATCH ? LIMIT ?"
        like = "SELECT id FROM articles WHERE headline LIKE ? LIMIT ?"
        fts_floor = []
        like_scan = []
        for query in queries:
            match = fts_query(query)
            fts_floor.append(
                timed(lambda m=match: conn.execute(plain, (m, limit)).fetchall() if m else None)
            )
            pattern = f"%{query.strip()}%"
            like_scan.append(timed(lambda p=pattern: conn.execute(like, (p, limit)).fetchall()))
    finally:
        conn.close()
    return SearchFigures(
        queries,
        Latencies(first),
        Latencies(again),
        Latencies(fts_floor),
        Latencies(like_scan),
        matches,
    )


def print_queries(figures: SearchFigures) -> None:
    """One line per query: its text, matches and times."""
    print("    query                      matches   first ms   again ms   FTS LIMIT ms   LIKE ms")
    rows = zip(
        figures.queries,
        figures.matches,
        figures.first.values,
        figures.again.values,
        figures.fts_floor.values,
        figures.like_scan.values,
        strict=True,
    )
    for query, count, first, again, floor, like in rows:
        shown = repr(query)
        print(f"    {shown:26} {count:7,} {first:10.1f} {again:10.1f} {floor:14.1f} {like:9.1f}")
