"""The command-line figures of bench/library_bench.py: `reader index`, `list`, `search`.

Each command runs as a child process with the benchmark's index and state
(the caller's environment), timed from start to exit; its CPU seconds are
the growth of this process's RUSAGE_CHILDREN over the run, which counts the
command and every worker process it waited for. References from the same
run:

- `reader --version`: the interpreter and the command line's imports, the
  floor any command pays;
- walking the library and stat-ing every article file (`os.walk`,
  `os.stat`), in this process: the least a re-check of every file costs;
- the search command's query run in this process through `LibraryIndex`.
"""

from __future__ import annotations

import os
import resource
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

SEARCH_WORD = "harbour"
"""The CLI search's query: a word of bench/library_words.py's English list."""
SUFFIXES = (".txt", ".md")


@dataclass
class Timed:
    """One command's run."""

    seconds: float | None
    """Wall-clock seconds; None when it did not finish within the timeout."""
    cpu: float
    """CPU seconds of the command and the workers it waited for."""
    report: str
    """Its last line on stderr, or how many lines it printed."""


def children_cpu() -> float:
    """CPU seconds of this process's finished (waited-for) child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_command(argv: list[str], env: dict[str, str], timeout: float | None) -> Timed:
    """Run `argv` to its end; its time, CPU and report. Raises when it crashed."""
    cpu = children_cpu()
    started = time.perf_counter()
    try:
        done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        # subprocess.run killed and reaped it: its CPU is counted, its time is not.
        return Timed(None, children_cpu() - cpu, f"did not finish in {timeout:.0f} s")
    seconds = time.perf_counter() - started
    if "Traceback (most recent call last):" in done.stderr:
        tail = "\n".join(done.stderr.strip().splitlines()[-25:])
        raise RuntimeError(f"{' '.join(argv[2:])} crashed after {seconds:.1f} s:\n{tail}")
    lines = done.stderr.strip().splitlines()
    printed = len(done.stdout.splitlines())
    noun = "line" if printed == 1 else "lines"
    report = lines[-1] if lines else f"exit status {done.returncode}, {printed:,} {noun} on stdout"
    return Timed(seconds, children_cpu() - cpu, report)


@dataclass
class Walk:
    """Walking the library and stat-ing every article file."""

    seconds: float
    cpu: float
    files: int


def walk_and_stat(library: Path) -> Walk:
    """os.walk the library and os.stat each article file (what a full re-check must do)."""
    started, cpu = time.perf_counter(), time.process_time()
    count = 0
    for folder, _dirs, names in os.walk(library):
        for name in names:
            if name.endswith(SUFFIXES):
                os.stat(os.path.join(folder, name))
                count += 1
    return Walk(time.perf_counter() - started, time.process_time() - cpu, count)


@dataclass
class CliFigures:
    """The command line's figures and their references."""

    walk: Walk
    version: Timed
    index: Timed
    listing: Timed
    search: Timed
    query_ms: float
    """The same query in this process (`LibraryIndex.search`)."""


def query_in_process(index_file: Path, library: Path, query: str) -> float:
    """Milliseconds of the search command's query run here, on an open index."""
    from reader.library.index import LibraryIndex

    with LibraryIndex.open(index_file) as index:
        started = time.perf_counter()
        list(index.search(query, 100, [library]))  # as reader/cli/index.py asks, limit 100
        return (time.perf_counter() - started) * 1000


def measure_cli(
    python: str, env: dict[str, str], library: Path, index_file: Path, timeout: float | None
) -> CliFigures:
    """Time `reader --version`, `index` (nothing changed), `list` and `search` on `library`."""
    walk = walk_and_stat(library)

    def reader(*args: str) -> Timed:
        return run_command([python, "-m", "reader", *args], env, timeout)

    version = reader("--version")
    index = reader("index", str(library))
    listing = reader("list", str(library))
    search = reader("search", SEARCH_WORD, str(library))
    query_ms = query_in_process(index_file, library, SEARCH_WORD)
    return CliFigures(walk, version, index, listing, search, query_ms)


def describe(name: str, timed: Timed) -> str:
    """One progress line for a command."""
    seconds = "did not finish" if timed.seconds is None else f"{timed.seconds:.2f} s"
    return f"  {name}: {seconds}, {timed.cpu:.2f} CPU-s; {timed.report}"
