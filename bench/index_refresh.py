"""Time refreshing the library index over real files: a cold build and a refresh with no change.

    python bench/index_refresh.py [FOLDER] [--files 2000]

With FOLDER, indexes the article files in it (a library made by
bench/make_library.py, say); without, writes `--files` small Markdown
articles into a temp folder first. Prints files per second for the cold
build (parsing included) and the time of a second refresh that finds
nothing changed (a start-up's background check).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from reader.library.index import LibraryIndex


def write_library(folder: Path, count: int) -> None:
    """`count` small Markdown articles, 200 to a folder."""
    for number in range(count):
        path = folder / f"{number // 200:03d}" / f"{number:06d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "\n\n".join(
            f"Paragraph {line} of dispatch {number}: ferries, trams and the harbour wall."
            for line in range(8)
        )
        path.write_text(
            f"---\ntitle: Dispatch {number} from the quay\nsection: World\n---\n\n{body}\n",
            encoding="utf-8",
        )


def main() -> None:
    """Build, refresh, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--files", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="broadsheet-bench-") as temp:
        run(Path(temp), args.folder, args.files)


def run(work: Path, named: Path | None, files: int) -> None:
    """Index `named` (or `files` written into `work`) twice and print the figures."""
    folder = named or work / "library"
    if named is None:
        write_library(folder, files)
    with LibraryIndex(work / "index.sqlite3") as index:
        start = time.perf_counter()
        cold = index.refresh([folder])
        cold_s = time.perf_counter() - start
        start = time.perf_counter()
        warm = index.refresh([folder])
        warm_s = time.perf_counter() - start
    print(
        f"cold build: {cold.added:,} files in {cold_s:.2f} s = {cold.added / cold_s:,.0f} files/s"
    )
    print(f"  ({len(cold.failed):,} failed)")
    print(f"refresh, nothing changed: {warm.unchanged:,} files in {warm_s * 1000:,.0f} ms")


if __name__ == "__main__":
    main()
