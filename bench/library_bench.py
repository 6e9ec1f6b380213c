#!/usr/bin/env python3
"""Benchmark Broadsheet on a large library; each figure printed beside its reference.

    python bench/library_bench.py                      # the issue's 100,000 articles
    python bench/library_bench.py --files 1000 --runs 3
    python bench/library_bench.py --library /tmp/lib100k --cache-dir /tmp/lib100k.cache --skip-build

1. Launch to the first screen of the list (an indexed library, a real
   terminal: tmux 120x40, screen polled) vs a bare Textual app showing one
   label, started the same way by the same Python. Target: at most 1.5x.
2. End to the last row on screen, Enter to the article shown (tmux 80x24,
   the narrow layout) vs the same keys on a 10-row library and on the bare
   app (the floor of the measurement). Target: under 50 ms each.
3. Search: median and p95 of 30 queries of one and two words through the
   index as the TUI runs them vs a plain FTS5 `MATCH ... LIMIT` and a
   headline `LIKE` scan on the same file. Target: p95 under 30 ms.
4. Cold index build (`reader index`, files/s) vs reading every file's bytes
   (the I/O floor). Target: at least 2,000 files/s.
5. Peak memory (VmHWM) of the reader with the library listed vs the bare app.
   Target: under 200 MB.

The library is made by bench/make_library.py (kept when --library names a
folder). The index and the reader's state live in temporary folders
(READER_CACHE_DIR, READER_STATE_DIR), so the user's own are never touched;
the tmux server is private and killed at the end, temp folders removed.
Both file-reading figures run with the files in the OS cache (just written
or read): "cold" means an empty index, not a cold disk.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_report import BuildFigures, LaunchFigures, ms, print_summary, say
from bench_search import SearchFigures, make_queries, measure_search, print_queries
from bench_terminal import AppRun, KeyFigures, key_latencies, launch, wait_ms
from make_library import write_library
from tmux_driver import Tmux

BENCH = Path(__file__).resolve().parent

SUFFIXES = (".txt", ".md")
SEARCH_LIMIT = 500
"""As many results as the TUI asks for (reader/ui/search_bar.py SEARCH_LIMIT)."""


@dataclass
class Setup:
    """Where everything lives for one benchmark run."""

    source: Path
    """The folder `reader` is imported from (the work tree, or a commit's snapshot)."""
    work: Path
    library: Path
    cache: Path
    python: str = sys.executable
    files: list[Path] = field(default_factory=list)

    def env(self, cache: Path | None = None) -> dict[str, str]:
        """The reader's environment: temp index and state, no user config."""
        return {
            "PYTHONPATH": str(self.source),
            "READER_CACHE_DIR": str(cache or self.cache),
            "READER_STATE_DIR": str(self.work / "state"),
            "READER_CONFIG": str(self.work / "no-config.toml"),
        }

    def fresh_state(self) -> Path:
        """An empty state folder (each start begins with nothing read, nothing selected)."""
        return Path(tempfile.mkdtemp(prefix="state-", dir=self.work))


def load_average() -> str:
    """The machine's load (other work on it makes every figure noisier)."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min)"


def article_files(library: Path) -> list[Path]:
    """Every article file under `library`, sorted."""
    found = []
    for folder, _dirs, names in os.walk(library):
        found.extend(Path(folder) / name for name in names if name.endswith(SUFFIXES))
    return sorted(found)


def prefix(text: str, limit: int = 24) -> str:
    """The start of `text`, cut at a word boundary (a marker that survives wrapping)."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut if len(cut) >= 8 else text[:limit]


@contextmanager
def source_tree(commit: str | None, work: Path) -> Iterator[Path]:
    """The repository's work tree, or a snapshot of `commit` in `work`."""
    root = BENCH.parent
    if commit is None:
        yield root
        return
    snapshot = work / "source"
    snapshot.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", commit], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(snapshot)], input=archive, check=True)
    yield snapshot


def describe_source(setup: Setup, commit: str | None) -> str:
    """Which code is measured: the commit, and whether the work tree had changes."""
    root = BENCH.parent
    head = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--short", commit or "HEAD"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if commit is not None:
        return f"commit {head} (snapshot, work tree changes left out)"
    dirty = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain", "--", "reader"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"work tree at {head}" + (" with uncommitted changes under reader/" if dirty else "")


# 4. Index build


def run_reader(
    setup: Setup, args: list[str], cache: Path, timeout: float | None
) -> tuple[float, str]:
    """Run `python -m reader ARGS`; the seconds it took and its last line on stderr."""
    started = time.perf_counter()
    done = subprocess.run(
        [setup.python, "-m", "reader", *args],
        env={**os.environ, **setup.env(cache)},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    seconds = time.perf_counter() - started
    lines = done.stderr.strip().splitlines()
    if "Traceback (most recent call last):" in done.stderr:
        tail = "\n".join(lines[-25:])
        raise RuntimeError(f"reader {' '.join(args)} crashed after {seconds:.1f} s:\n{tail}")
    return seconds, lines[-1] if lines else f"exit status {done.returncode}"


def measure_build(setup: Setup, skip: bool, timeout: float | None) -> BuildFigures:
    """Read every file (the floor), then build the index from nothing with `reader index`."""
    started = time.perf_counter()
    size = 0
    for path in setup.files:
        with open(path, "rb") as file:
            size += len(file.read())
    read_rate = len(setup.files) / (time.perf_counter() - started)
    say(f"  read every file's bytes: {read_rate:,.0f} files/s ({size / 1e6:,.0f} MB)")
    index_file = setup.cache / "index.sqlite3"
    build_seconds: float | None = None
    if skip and index_file.exists():
        report = "skipped (--skip-build, index reused)"
    else:
        for leftover in setup.cache.glob("index.sqlite3*"):
            leftover.unlink()
        build_seconds, report = run_reader(
            setup, ["index", str(setup.library)], setup.cache, timeout
        )
        if skip:
            build_seconds = None
            report = f"not timed (--skip-build without an index): {report}"
    say(f"  reader index (cold): {report}")
    refresh_seconds, refresh_report = run_reader(
        setup, ["index", str(setup.library)], setup.cache, timeout
    )
    say(f"  reader index again (nothing changed): {refresh_seconds:.2f} s, {refresh_report}")
    return BuildFigures(read_rate, build_seconds, report, refresh_seconds)


# The apps


@dataclass
class Libraries:
    """The big library's and the 10-row library's runs of the reader, and the bare app."""

    big: AppRun
    small: AppRun
    bare: AppRun
    count: int


def reader_run(setup: Setup, label: str, library: Path, cache: Path) -> tuple[AppRun, int]:
    """The reader on `library` with its first and last rows (newest first) as markers."""
    from reader.formats import read_article
    from reader.library.index import LibraryIndex

    with LibraryIndex.open(cache / "index.sqlite3") as index:
        rows = index.summaries()
        count = len(rows)
        if count == 0:
            raise RuntimeError(f"the index of {library} holds no article (see the build above)")
        first, last = rows[0], rows[count - 1]
        if count > 2 and (
            rows[1].published == first.published or last.published == rows[count - 2].published
        ):
            say(f"  note: {label}: the first or last row shares its date (ambiguous markers)")

    def opening(path: Path) -> str:
        article = read_article(path)
        for block in article.blocks:
            if block.kind == "paragraph":
                return prefix(block.text, 20)
        return prefix(article.headline)

    run = AppRun(
        label=label,
        argv=[setup.python, "-m", "reader", str(library)],
        env={k: v for k, v in setup.env(cache).items() if k != "READER_STATE_DIR"},
        ready_marker=prefix(first.headline),
        cwd=str(setup.work),
        fresh_state=setup.fresh_state,
        first_row=prefix(first.headline),
        last_row=prefix(last.headline),
        first_text=opening(first.path),
        last_text=opening(last.path),
    )
    return run, count


def prepare_apps(setup: Setup, timeout: float | None) -> Libraries:
    """The 10-row library (made and indexed here), and the three apps to run."""
    small_library = setup.work / "small-library"
    small_cache = setup.work / "small-cache"
    write_library(small_library, 10, seed=11)
    run_reader(setup, ["index", str(small_library)], small_cache, timeout)
    big, count = reader_run(
        setup, f"reader, {len(setup.files):,} files", setup.library, setup.cache
    )
    small, _ = reader_run(setup, "reader, 10-row library", small_library, small_cache)
    bare = AppRun(
        label="bare app",
        argv=[setup.python, str(BENCH / "bare_app.py")],
        env={"PYTHONPATH": str(setup.source)},
        ready_marker="Bare app ready",
        cwd=str(setup.work),
    )
    return Libraries(big, small, bare, count)


# 1. Launch


def measure_launch(tmux: Tmux, apps: Libraries, runs: int, timeout: float) -> LaunchFigures:
    """Alternate bare app and reader starts at 120x40; a reader timeout ends its runs."""
    figures = LaunchFigures([], [], timeout)
    reader_done = False
    for number in range(runs):
        bare = launch(tmux, apps.bare, f"bare{number}", (120, 40), timeout)
        figures.bare.append(bare)
        wait_ms(0.3)
        if reader_done:
            continue
        run = launch(tmux, apps.big, f"reader{number}", (120, 40), timeout)
        figures.reader.append(run)
        shown = "timed out" if run.seconds is None else f"{run.seconds:.3f} s"
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
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--files", type=int, default=100_000, help="library size (default 100,000)")
    parser.add_argument("--runs", type=int, default=5, help="launches and key rounds per app")
    parser.add_argument("--library", type=Path, help="reuse (or make and keep) the library here")
    parser.add_argument("--cache-dir", type=Path, help="keep the index here (default: temp)")
    parser.add_argument("--skip-build", action="store_true", help="reuse --cache-dir's index")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for a screen")
    parser.add_argument("--build-timeout", type=float, help="seconds to wait for reader index")
    parser.add_argument(
        "--commit", help="measure this commit (a snapshot) instead of the work tree"
    )
    parser.add_argument("--poll-ms", type=float, default=1.0, help="pause between captures")
    parser.add_argument("--only", default="build,launch,keys,search", help="parts to run")
    parser.add_argument("--queries", action="store_true", help="print every query's times")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    return parser.parse_args()


def main() -> None:
    """Make or reuse the library, then measure and print every part."""
    args = parse_args()
    parts = set(args.only.split(","))
    work = Path(tempfile.mkdtemp(prefix="broadsheet-bench-"))
    try:
        with source_tree(args.commit, work) as source:
            sys.path.insert(0, str(source))
            library = (args.library or work / "library").resolve()
            cache = (args.cache_dir or work / "cache").resolve()
            cache.mkdir(parents=True, exist_ok=True)
            setup = Setup(source, work, library, cache)
            run(setup, args, parts)
    finally:
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def run(setup: Setup, args: argparse.Namespace, parts: set[str]) -> None:
    """Every part of the benchmark, in order."""
    import textual

    setup.files = article_files(setup.library) if setup.library.exists() else []
    if len(setup.files) < args.files:
        started = time.perf_counter()
        write_library(setup.library, args.files, seed=7, jobs=os.cpu_count() or 1)
        setup.files = article_files(setup.library)
        say(f"made {len(setup.files):,} articles in {time.perf_counter() - started:.1f} s")
    elif len(setup.files) > args.files:
        say(f"note: the library holds {len(setup.files):,} files, more than --files; all are used")
    say(
        f"Broadsheet library benchmark: {len(setup.files):,} files in {setup.library}"
        f"\n  {describe_source(setup, args.commit)}; Python {platform.python_version()},"
        f" Textual {textual.__version__}, {os.cpu_count()} CPUs, {load_average()}"
    )
    if len(setup.files) < 100_000:
        say("  note: the issue's targets are for 100,000 files; this run has fewer")
    say("\n4. Index build")
    build = measure_build(setup, args.skip_build or "build" not in parts, args.build_timeout)
    apps = prepare_apps(setup, args.build_timeout)
    newest, oldest = apps.big.first_row, apps.big.last_row
    say(f"  index holds {apps.count:,} articles; newest “{newest}…”, oldest “{oldest}…”")
    started: LaunchFigures | None = None
    keys: list[KeyFigures] = []
    if parts & {"launch", "keys"}:
        with Tmux(poll_interval=args.poll_ms / 1000) as tmux:
            if "launch" in parts:
                say("\n1. Launch to first screen (tmux 120x40)")
                started = measure_launch(tmux, apps, args.runs, args.timeout)
            if "keys" in parts:
                say("\n2. Keys (tmux 80x24, narrow layout)")
                for app in (apps.big, apps.small, apps.bare):
                    figures = key_latencies(tmux, app, f"keys-{len(keys)}", args.runs, args.timeout)
                    keys.append(figures)
                    times = ", ".join(f"{key} {ms(figures.median(key))}" for key in figures.times)
                    failed = (
                        f"; timed out waiting for {figures.timed_out}" if figures.timed_out else ""
                    )
                    say(f"  {app.label}: {times}{failed}")
                    if figures.screen:
                        say("\n".join("    | " + row for row in figures.screen.splitlines()))
    search: SearchFigures | None = None
    if "search" in parts:
        say("\n3. Search (in-process, the TUI's call)")
        queries = make_queries(setup.files)
        search = measure_search(setup.cache / "index.sqlite3", queries, SEARCH_LIMIT)
        say(f"  {search.first.describe()} over {len(queries)} queries, limit {SEARCH_LIMIT}")
        if args.queries:
            print_queries(search)
    print_summary(apps.count, build, started, keys, search)
    say(f"finished with {load_average()}")


if __name__ == "__main__":
    main()
