"""Where one run of bench/library_bench.py lives, and the apps it measures.

`Setup` holds the run's folders (library, index, state, the source tree
measured); `prepare_apps` makes the 10-row library and says how to start
each app and what its screen shows when ready, after each key; the cold
index build and its floor (reading every file) are measured here too.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench_cli import run_command
from bench_report import BuildFigures, say
from bench_terminal import AppRun
from make_library import write_library

BENCH = Path(__file__).resolve().parent
SUFFIXES = (".txt", ".md")


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


def run_reader(setup: Setup, args: list[str], cache: Path, timeout: float | None) -> float:
    """Run `python -m reader ARGS` to its end; the seconds it took (raises on a timeout)."""
    env = {**os.environ, **setup.env(cache)}
    done = run_command([setup.python, "-m", "reader", *args], env, timeout)
    if done.seconds is None:
        raise RuntimeError(f"reader {' '.join(args)}: {done.report}")
    say(f"  reader {args[0]}: {done.seconds:.2f} s, {done.cpu:.1f} CPU-s; {done.report}")
    return done.seconds


def measure_build(setup: Setup, reuse: bool, timed: bool, timeout: float | None) -> BuildFigures:
    """Read every file (the floor), then build the index from nothing with `reader index`.

    With `reuse`, an index already there (kept or copied in) is used as it is;
    without `timed` (the build part not asked for), a missing index is built
    but its time is not reported.
    """
    started = time.perf_counter()
    size = 0
    for path in setup.files:
        with open(path, "rb") as file:
            size += len(file.read())
    read_rate = len(setup.files) / (time.perf_counter() - started)
    say(f"  read every file's bytes: {read_rate:,.0f} files/s ({size / 1e6:,.0f} MB)")
    index_file = setup.cache / "index.sqlite3"
    if (reuse or not timed) and index_file.exists():
        say("  cold build skipped (index reused)")
        return BuildFigures(read_rate, None, "skipped")
    for leftover in setup.cache.glob("index.sqlite3*"):
        leftover.unlink()
    seconds = run_reader(setup, ["index", str(setup.library)], setup.cache, timeout)
    if not timed:
        return BuildFigures(read_rate, None, "not timed (the build part was not asked for)")
    return BuildFigures(read_rate, seconds, "built")


# The apps


@dataclass
class Libraries:
    """The big library's and the 10-row library's runs of the reader, and the bare app."""

    big: AppRun
    small: AppRun
    bare: AppRun
    count: int


def reader_run(
    setup: Setup, label: str, library: Path, cache: Path, runs: int
) -> tuple[AppRun, int]:
    """The reader on `library` with its rows' headlines and texts (newest first) as markers:
    the first and last rows, the last but one, and the `runs` after the first (for n)."""
    from reader.formats import read_article
    from reader.library.index import LibraryIndex

    with LibraryIndex.open(cache / "index.sqlite3") as index:
        rows = index.summaries()
        count = len(rows)
        if count == 0:
            raise RuntimeError(f"the index of {library} holds no article (see the build above)")
        first, last, next_to_last = rows[0], rows[count - 1], rows[max(0, count - 2)]
        # n steps through new articles, short of the last two (End, Up, Enter opens one).
        following = [rows[number] for number in range(1, min(runs + 1, count - 2))]
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
        next_to_last_text=opening(next_to_last.path),
        next_texts=[opening(row.path) for row in following],
    )
    return run, count


def prepare_apps(setup: Setup, runs: int, timeout: float | None) -> Libraries:
    """The 10-row library (made and indexed here), and the three apps to run."""
    small_library = setup.work / "small-library"
    small_cache = setup.work / "small-cache"
    write_library(small_library, 10, seed=11)
    run_reader(setup, ["index", str(small_library)], small_cache, timeout)
    label = f"reader, {len(setup.files):,} files"
    big, count = reader_run(setup, label, setup.library, setup.cache, runs)
    small, _ = reader_run(setup, "reader, 10-row library", small_library, small_cache, runs)
    bare = AppRun(
        label="bare app",
        argv=[setup.python, str(BENCH / "bare_app.py")],
        env={"PYTHONPATH": str(setup.source)},
        ready_marker="Bare app ready",
        cwd=str(setup.work),
    )
    return Libraries(big, small, bare, count)
