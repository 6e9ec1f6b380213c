"""Time listing and searching the library index on synthetic rows (no article files).

    python bench/index_query.py [--rows 10000] [--words 400]

Builds an index of N synthetic articles straight through the index's own
row writer (no files, no parser), then prints: build rate, time to list
every row in each sort order (the query alone, and with every Summary
built), and the median / 95th percentile of search-as-you-type queries of
one and two words, common and rare, with prefixes.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from reader.library import index_write
from reader.library.index import LibraryIndex, SortOrder
from reader.library.index_rows import FileKey, make_record
from reader.model import Article, Block

COMMON = ["the", "and", "of", "to", "in", "a", "for", "on", "with", "said", "was", "by"]
SECTIONS = ["World", "Business", "Culture", "Sport", "Science", "Société", "城市", "Health"]
SOURCES = ["The Aldane Herald", "Northwind News", "The Brightwater Post", "Lindenvale Gazette"]


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    """Made-up words, with some accented and some CJK ones."""
    letters = "abcdefghijklmnoprstuvwy"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(size)]
    words += ["été", "marché", "café", "réunion", "夜间公交", "城市", "港口"]
    return words


def sentence(rng: random.Random, words: list[str], length: int) -> str:
    """A sentence mixing common words (Zipf-like) with vocabulary."""
    out = []
    for _ in range(length):
        if rng.random() < 0.4:
            out.append(rng.choice(COMMON))
        else:
            out.append(words[min(int(rng.paretovariate(0.8)) - 1, len(words) - 1)])
    return " ".join(out).capitalize() + "."


def article(rng: random.Random, words: list[str], body_words: int) -> Article:
    """One synthetic article of about `body_words` words."""
    paragraphs = []
    count = 0
    while count < body_words:
        text = " ".join(sentence(rng, words, rng.randint(8, 25)) for _ in range(3))
        paragraphs.append(Block("paragraph", text))
        count += len(text.split())
    return Article(
        headline=sentence(rng, words, rng.randint(6, 12)).rstrip("."),
        section=rng.choice(SECTIONS),
        source=rng.choice(SOURCES),
        bullets=(sentence(rng, words, 12),),
        published=f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        blocks=tuple(paragraphs),
    )


def timed(func: object, repeat: int = 3) -> float:
    """The best of `repeat` runs of a no-argument callable, in milliseconds."""
    assert callable(func)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    """Build the synthetic index and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=400, help="body words per article")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="broadsheet-bench-") as temp:
        measure(LibraryIndex(Path(temp) / "index.sqlite3"), args.rows, args.words)


def measure(index: LibraryIndex, rows: int, body_words: int) -> None:
    """Fill the index with `rows` synthetic articles, then time lists and searches."""
    rng = random.Random(7)
    words = vocabulary(rng)
    conn = index._conn()
    start = time.perf_counter()
    conn.execute("BEGIN")
    for number in range(rows):
        key = FileKey(f"/library/{number // 1000:03d}/{number:06d}.txt", 1000, number)
        record = make_record(key, article(rng, words, body_words), 1.7e9 + number, f"{number:064x}")
        index_write.store(conn, record)
    conn.execute("COMMIT")
    build = time.perf_counter() - start
    print(f"rows {rows:,}, ~{body_words} body words each")
    print(f"build (generate + store, no parse): {rows / build:,.0f} rows/s")
    for order in SortOrder:
        query_ms = timed(lambda order=order: index.summaries(sort=order))
        built_ms = timed(lambda order=order: list(index.summaries(sort=order)))
        print(f"list {order.value:9}: ids {query_ms:7.1f} ms, every Summary {built_ms:7.1f} ms")
    root_ms = timed(lambda: index.summaries([Path("/library")]))
    print(f"list under the library root (every row): {root_ms:.1f} ms")
    part_ms = timed(lambda: index.summaries([Path("/library/001")]))
    print(f"list under a subfolder (1,000 rows): {part_ms:.1f} ms")
    section_ms = timed(lambda: index.summaries(section="World"))
    print(f"list one section: {section_ms:.1f} ms")
    page_ms = timed(lambda: index.summaries()[len(index.summaries()) - 1])
    print(f"list, then read the last row: {page_ms:.1f} ms")
    queries = [*COMMON[:6], "th", "s", "ma", "the a", "said th", "caf", "été", "城市", "港"]
    queries += [rng.choice(words[:300]) for _ in range(8)]
    queries += [f"{rng.choice(words[:50])} {rng.choice(words[:2000])[:3]}" for _ in range(8)]
    latencies = []
    for query in queries:
        latencies.append(timed(lambda query=query: index.search(query, 200)))
    latencies.sort()
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    print(
        f"search ({len(queries)} queries, limit 200): median {statistics.median(latencies):.1f} ms,"
        f" p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms"
    )
    index.close()


if __name__ == "__main__":
    main()
