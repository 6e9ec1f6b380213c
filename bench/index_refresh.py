"""Time refreshing the library index over real files: a cold build and a refresh with no change.

    python bench/index_refresh.py [FOLDER] [--files 10000] [--seed 7] [--single]

With FOLDER, indexes the article files in it; without, first writes
`--files` articles with bench/make_library.py (its realistic mix of page
captures and Markdown, 100 to 5,000 words) into a temp folder, removed at
the end. Prints, in one run:

- the reference: reading every file's bytes (the I/O floor, files in the OS
  cache, as they are after being written or read once);
- the cold build (an empty index; worker processes parse when there are many
  files), files per second, with the CPU seconds of this process and of the
  workers;
- with --single, the same cold build parsed in this process only (the path
  small refreshes take, and the only one before worker processes);
- a second refresh that finds nothing changed (a start-up's background check).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from reader.library import scan_parse  # noqa: E402
from reader.library.files import discover  # noqa: E402
from reader.library.index import LibraryIndex  # noqa: E402


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds used so far by this process and by its finished child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def read_everything(files: list[Path]) -> tuple[float, int]:
    """Seconds to read every file's bytes, and how many bytes."""
    start = time.perf_counter()
    size = 0
    for path in files:
        with open(path, "rb") as handle:
            size += len(handle.read())
    return time.perf_counter() - start, size


def cold_build(folder: Path, index_path: Path, single: bool) -> str:
    """Build the index at `index_path` from nothing; a line of figures."""
    for leftover in index_path.parent.glob(index_path.name + "*"):
        leftover.unlink()
    threshold = scan_parse.PARALLEL_MIN_FILES
    if single:
        scan_parse.PARALLEL_MIN_FILES = sys.maxsize
    try:
        own0, children0 = cpu_seconds()
        with LibraryIndex(index_path) as index:
            start = time.perf_counter()
            result = index.refresh([folder])
            seconds = time.perf_counter() - start
        own1, children1 = cpu_seconds()
    finally:
        scan_parse.PARALLEL_MIN_FILES = threshold
    rate = result.added / seconds
    cpu = f"CPU {own1 - own0:.1f} s here, {children1 - children0:.1f} s in workers"
    failed = f", {len(result.failed):,} failed" if result.failed else ""
    return f"{result.added:,} files in {seconds:.2f} s = {rate:,.0f} files/s ({cpu}{failed})"


def run(work: Path, folder: Path, single: bool) -> None:
    """Print the figures for the library in `folder`, the index living in `work`."""
    files = discover([folder]).files
    captures = sum(1 for path in files if path.suffix == ".txt")
    read_seconds, size = read_everything(files)
    print(
        f"library: {len(files):,} files ({captures:,} page captures, "
        f"{len(files) - captures:,} Markdown), {size / 1e6:,.0f} MB, {os.cpu_count()} CPUs"
    )
    print(f"reference, read every file's bytes: {len(files) / read_seconds:,.0f} files/s")
    index_path = work / "index.sqlite3"
    print(f"cold build: {cold_build(folder, index_path, single=False)}")
    with LibraryIndex(index_path) as index:
        start = time.perf_counter()
        warm = index.refresh([folder])
        warm_seconds = time.perf_counter() - start
    print(f"refresh, nothing changed: {warm.unchanged:,} files in {warm_seconds * 1000:,.0f} ms")
    if single:
        print(f"cold build, parsed in one process: {cold_build(folder, index_path, single=True)}")


def main() -> None:
    """Write or find the library, then build and refresh its index."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--single", action="store_true", help="also time a one-process build")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="broadsheet-bench-") as temp:
        work = Path(temp)
        folder = args.folder
        if folder is None:
            from make_library import write_library

            folder = work / "library"
            start = time.perf_counter()
            write_library(folder, args.files, args.seed, jobs=os.cpu_count() or 1)
            print(f"wrote {args.files:,} articles in {time.perf_counter() - start:.1f} s")
        run(work, folder, args.single)


if __name__ == "__main__":
    main()
