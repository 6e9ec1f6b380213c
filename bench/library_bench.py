#!/usr/bin/env python3
"""Benchmark Broadsheet on a large library; each figure printed beside its reference.

    python bench/library_bench.py                      # the issue's 100,000 articles
    python bench/library_bench.py --files 1000 --runs 3
    python bench/library_bench.py --library /tmp/lib100k --cache-dir /tmp/lib100k.cache --skip-build
    python bench/library_bench.py --sizes 10000,100000 --library /work/lib10k,/work/lib100k \\
        --index-from ,/work/lib100k.cache --skip-build      # the growth line

1. Launch to the first screen of the list (an indexed library, a real
   terminal: tmux 120x40, screen polled) vs a bare Textual app showing one
   label, started the same way by the same Python. Target: at most 1.5x.
2. Keys in the narrow layout (tmux 80x24): End, Enter, Escape (and h), Home,
   while the start-up re-check runs and after it, and n (the next article)
   vs the same keys on a 10-row library and on the bare app (the floor of
   the measurement). Target: under 50 ms each.
3. Search: median and p95 of 30 queries of one and two words through the
   index as the TUI runs them vs a plain FTS5 `MATCH ... LIMIT` and a
   headline `LIKE` scan on the same file. Target: p95 under 30 ms.
4. Cold index build (`reader index`, files/s) vs reading every file's bytes
   (the I/O floor). Target: at least 2,000 files/s.
5. Peak memory (VmHWM) of the reader once the start-up re-check is over vs
   the bare app. Target: under 150 MB.
6. The start-up re-check: when it ends after the first screen, and its CPU
   seconds in the app and in its worker process vs walking and stat-ing the
   same files. Target: at most 1 CPU-second.
7. The command line: `reader index` with nothing changed (target: at most
   1 CPU-second, vs walk + stat), `reader list` (under 2 s) and `reader
   search harbour` (under 0.5 s, vs the query in-process and `reader
   --version`).

The load average is printed at the start and end of each size's run, and a
figure taken at a load above 2 is labelled in the summary. With --sizes,
everything runs at each size and a growth table puts the figures side by
side. The library is made by bench/make_library.py (kept when --library
names a folder). The index and the reader's state live in temporary folders
(READER_CACHE_DIR, READER_STATE_DIR), so the user's own are never touched;
--index-from copies an index in first, never writing to the original. The
tmux server is private and killed at the end, temp folders removed. Both
file-reading figures run with the files in the OS cache (just written or
read): "cold" means an empty index, not a cold disk.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_cli import CliFigures, describe, measure_cli
from bench_keys import KeyFigures, key_latencies
from bench_report import Figures, LaunchFigures, Loads, print_growth, print_summary, say
from bench_search import SearchFigures, make_queries, measure_search, print_queries
from bench_setup import (
    Libraries,
    Setup,
    article_files,
    describe_source,
    measure_build,
    prepare_apps,
    source_tree,
)
from bench_terminal import launch, wait_ms
from make_library import write_library
from tmux_driver import Tmux

SEARCH_LIMIT = 500
"""As many results as the TUI asks for (reader/ui/search_bar.py SEARCH_LIMIT)."""


def load_average() -> str:
    """The machine's load (other work on it makes every figure noisier)."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min)"


# 1. Launch


def measure_launch(tmux: Tmux, apps: Libraries, runs: int, timeout: float) -> LaunchFigures:
    """Alternate bare app and reader starts at 120x40, each reader start waiting for its
    re-check; a reader timeout ends its runs."""
    figures = LaunchFigures([], [], timeout)
    reader_done = False
    for number in range(runs):
        bare = launch(tmux, apps.bare, f"bare{number}", (120, 40), timeout)
        figures.bare.append(bare)
        wait_ms(0.3)
        if reader_done:
            continue
        run = launch(tmux, apps.big, f"reader{number}", (120, 40), timeout, recheck=True)
        figures.reader.append(run)
        shown = "timed out" if run.seconds is None else f"{run.seconds:.3f} s"
        check = run.recheck
        if check is not None and check.seconds is not None:
            shown += (
                f", re-check over {check.seconds:.2f} s later"
                f" (CPU {check.app_cpu or 0:.2f} s in the app, {check.worker_cpu:.2f} s in"
                " its worker)"
            )
        elif run.seconds is not None:
            shown += ", re-check end not seen"
        say(f"  run {number + 1}: bare app {bare.seconds or 0:.3f} s, reader {shown}")
        if run.seconds is None:
            say(f"  reader timed out after {timeout:.0f} s; its screen then:")
            say("\n".join("    | " + line for line in run.screen.splitlines()[:12]))
            reader_done = True
        wait_ms(0.3)
    return figures


# Main


def parse_args() -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[1])
    parser.add_argument("--files", type=int, default=100_000, help="library size (default 100,000)")
    parser.add_argument(
        "--sizes", help="library sizes to run in turn, comma-separated (default: --files)"
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="launches and key rounds per app (at least 1)"
    )
    parser.add_argument(
        "--library", help="reuse (or make and keep) the library here; one per size, commas"
    )
    parser.add_argument("--cache-dir", help="keep the index here (default: temp); one per size")
    parser.add_argument(
        "--index-from", help="copy this folder's index into the run's first; one per size"
    )
    parser.add_argument(
        "--skip-build",
        action="store_true",
        help="reuse an index already there (else build and time it)",
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for a screen")
    parser.add_argument("--build-timeout", type=float, help="seconds to wait for reader index")
    parser.add_argument(
        "--cli-timeout", type=float, default=600.0, help="seconds to wait for a CLI command"
    )
    parser.add_argument(
        "--commit", help="measure this commit (a snapshot) instead of the work tree"
    )
    parser.add_argument("--poll-ms", type=float, default=1.0, help="pause between captures")
    parser.add_argument(
        "--only", default="build,cli,launch,keys,search", help="parts to run, comma-separated"
    )
    parser.add_argument("--queries", action="store_true", help="print every query's times")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs: at least 1")
    return args


def per_size(value: str | None, count: int, option: str) -> list[Path | None]:
    """A comma-separated option as one path (or None) per size."""
    if value is None:
        return [None] * count
    parts = value.split(",")
    if len(parts) != count:
        raise SystemExit(f"{option}: give {count} comma-separated values (one per size)")
    return [Path(part).resolve() if part else None for part in parts]


def main() -> None:
    """Make or reuse each library, measure and print every part; then the growth table."""
    args = parse_args()
    parts = set(args.only.split(","))
    sizes = [int(size) for size in (args.sizes or str(args.files)).split(",")]
    libraries = per_size(args.library, len(sizes), "--library")
    caches = per_size(args.cache_dir, len(sizes), "--cache-dir")
    sources = per_size(args.index_from, len(sizes), "--index-from")
    work = Path(tempfile.mkdtemp(prefix="broadsheet-bench-"))
    runs: list[tuple[Figures, Loads]] = []
    try:
        with source_tree(args.commit, work) as source:
            sys.path.insert(0, str(source))
            for size, library, cache, copied in zip(sizes, libraries, caches, sources, strict=True):
                folder = work / f"size-{size}"
                folder.mkdir()
                cache = cache or folder / "cache"
                cache.mkdir(parents=True, exist_ok=True)
                if copied is not None:
                    # A copy: the reader writes to its index (folder records, repairs).
                    shutil.copy2(copied / "index.sqlite3", cache / "index.sqlite3")
                setup = Setup(source, folder, library or folder / "library", cache)
                runs.append(run(setup, args, size, parts))
                if not args.keep:
                    shutil.rmtree(folder, ignore_errors=True)
        if len(runs) > 1:
            print_growth(runs)
    finally:
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def run(
    setup: Setup, args: argparse.Namespace, size: int, parts: set[str]
) -> tuple[Figures, Loads]:
    """Every part of the benchmark at one library size, in order; the figures."""
    import textual

    loads = Loads()
    setup.files = article_files(setup.library) if setup.library.exists() else []
    if len(setup.files) < size:
        started = time.perf_counter()
        write_library(setup.library, size, seed=7, jobs=os.cpu_count() or 1)
        setup.files = article_files(setup.library)
        say(f"made {len(setup.files):,} articles in {time.perf_counter() - started:.1f} s")
    elif len(setup.files) > size:
        say(f"note: the library holds {len(setup.files):,} files, more than asked; all are used")
    say(
        f"\nBroadsheet library benchmark: {len(setup.files):,} files in {setup.library}"
        f"\n  {describe_source(setup, args.commit)}; Python {platform.python_version()},"
        f" Textual {textual.__version__}, {os.cpu_count()} CPUs, {load_average()}"
    )
    if len(setup.files) < 100_000:
        say("  note: the issue's targets are for 100,000 files; this run has fewer")
    say("\n4. Index build")
    with loads.part("build"):
        build = measure_build(setup, args.skip_build, "build" in parts, args.build_timeout)
    apps = prepare_apps(setup, args.runs, args.build_timeout)
    newest, oldest = apps.big.first_row, apps.big.last_row
    say(f"  index holds {apps.count:,} articles; newest “{newest}…”, oldest “{oldest}…”")
    cli: CliFigures | None = None
    if "cli" in parts:
        say("\n7. The command line (nothing changed since the index was built)")
        with loads.part("cli"):
            env = {**os.environ, **setup.env()}
            index_file = setup.cache / "index.sqlite3"
            cli = measure_cli(setup.python, env, setup.library, index_file, args.cli_timeout)
        walk = cli.walk
        say(f"  walk + stat of {walk.files:,} files: {walk.seconds:.2f} s, {walk.cpu:.2f} CPU-s")
        say(describe("reader --version", cli.version))
        say(describe("reader index (nothing changed)", cli.index))
        say(describe("reader list", cli.listing))
        say(describe("reader search harbour", cli.search))
        say(f"  the same query in-process: {cli.query_ms:.1f} ms")
    started: LaunchFigures | None = None
    keys: list[KeyFigures] = []
    if parts & {"launch", "keys"}:
        with Tmux(poll_interval=args.poll_ms / 1000) as tmux:
            if "launch" in parts:
                say("\n1. Launch to first screen (tmux 120x40), then the start-up re-check")
                with loads.part("launch"):
                    started = measure_launch(tmux, apps, args.runs, args.timeout)
            if "keys" in parts:
                say("\n2. Keys (tmux 80x24, narrow layout), during and after the re-check")
                with loads.part("keys"):
                    keys = measure_keys(tmux, apps, args.runs, args.timeout)
    search: SearchFigures | None = None
    if "search" in parts:
        say("\n3. Search (in-process, the TUI's call)")
        with loads.part("search"):
            queries = make_queries(setup.files)
            search = measure_search(setup.cache / "index.sqlite3", queries, SEARCH_LIMIT)
        say(f"  {search.first.describe()} over {len(queries)} queries, limit {SEARCH_LIMIT}")
        if args.queries:
            print_queries(search)
    figures = Figures(apps.count, build, cli, started, keys, search)
    print_summary(figures, loads)
    say(f"finished with {load_average()}")
    return figures, loads


def measure_keys(tmux: Tmux, apps: Libraries, runs: int, timeout: float) -> list[KeyFigures]:
    """The keys on the big library, the 10-row library and the bare app, in turn."""
    keys: list[KeyFigures] = []
    for app in (apps.big, apps.small, apps.bare):
        figures = key_latencies(tmux, app, f"keys-{len(keys)}", runs, timeout)
        keys.append(figures)
        say(f"  {app.label}: {figures.describe()}")
        if figures.screen:
            say("\n".join("    | " + row for row in figures.screen.splitlines()))
    return keys


if __name__ == "__main__":
    main()
