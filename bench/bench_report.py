"""The summary of bench/library_bench.py: each figure beside its reference and its target.

One row per figure: what was measured, the reference measured in the same
run (bare app, 10-row library, plain FTS5 query, reading or stat-ing the
files) and the issue's target with "met" or "MISSED". A figure taken while
the machine's load average was above `BUSY_LOAD` says so. With several
library sizes, the growth table puts each figure at every size side by side.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bench_cli import CliFigures, Timed
from bench_keys import KeyFigures
from bench_search import SearchFigures
from bench_terminal import Launch

TARGET_LAUNCH_RATIO = 1.5
TARGET_KEY_MS = 50.0
TARGET_SEARCH_P95_MS = 30.0
TARGET_BUILD_RATE = 2000.0
TARGET_PEAK_MB = 150.0
"""After the start-up re-check."""
TARGET_RECHECK_CPU = 1.0
TARGET_LIST_SECONDS = 2.0
TARGET_SEARCH_SECONDS = 0.5
BUSY_LOAD = 2.0
"""A figure taken at a 1-minute load average above this is labelled (a 2-CPU machine)."""


def say(text: str = "") -> None:
    """Print at once (the run is long; show progress as it goes)."""
    print(text, flush=True)


def verdict(met: bool | None) -> str:
    """The word for a target."""
    return "" if met is None else "met" if met else "MISSED"


class Loads:
    """The load average over each part of a run: the highest seen at its start and end."""

    def __init__(self) -> None:
        """No part measured yet."""
        self.parts: dict[str, float] = {}

    @contextmanager
    def part(self, name: str) -> Iterator[None]:
        """Note the load before and after the part run inside."""
        before = os.getloadavg()[0]
        try:
            yield
        finally:
            self.parts[name] = max(before, os.getloadavg()[0], self.parts.get(name, 0.0))


@dataclass
class Row:
    """One figure of the summary."""

    label: str
    measured: str
    reference: str = ""
    target: str = ""
    met: bool | None = None
    part: str = ""
    """Which part of the run took it (for its load)."""


@dataclass
class BuildFigures:
    """The cold build and its I/O floor."""

    read_rate: float
    build_seconds: float | None
    build_report: str


@dataclass
class LaunchFigures:
    """Launch times (seconds) of the reader and the bare app."""

    reader: list[Launch]
    bare: list[Launch]
    timeout: float

    @staticmethod
    def median(launches: list[Launch]) -> float | None:
        """The median of the runs that finished."""
        done = [run.seconds for run in launches if run.seconds is not None]
        return statistics.median(done) if done else None


@dataclass
class Figures:
    """Everything one run at one library size measured (None: that part did not run)."""

    count: int
    build: BuildFigures
    cli: CliFigures | None
    started: LaunchFigures | None
    keys: list[KeyFigures]
    """The big library's, the 10-row library's and the bare app's."""
    search: SearchFigures | None


def mb(kb: int | None) -> str:
    """kB as MB text."""
    return "n/a" if kb is None else f"{kb / 1024:.0f} MB"


def ms(value: float | None) -> str:
    """Milliseconds as text."""
    return "n/a" if value is None else f"{value:.1f} ms"


def seconds(value: float | None, digits: int = 2) -> str:
    """Seconds as text."""
    return "n/a" if value is None else f"{value:.{digits}f} s"


def launch_rows(started: LaunchFigures) -> list[Row]:
    """1: the reader's median launch against the bare app's; 6: the re-check after it."""
    reader, bare = LaunchFigures.median(started.reader), LaunchFigures.median(started.bare)
    target = f"<= {TARGET_LAUNCH_RATIO}x"
    runs = len(started.reader)
    label = f"1 launch to list ({runs} run{'' if runs == 1 else 's'})"
    if reader is None:
        timed_out = f"timed out after {started.timeout:.0f} s"
        rows = [Row(label, timed_out, f"bare app {bare or 0:.3f} s", target, False, "launch")]
    else:
        ratio = reader / bare if bare else float("inf")
        reference = f"bare app {seconds(bare, 3)}, ratio {ratio:.2f}x"
        met = ratio <= TARGET_LAUNCH_RATIO
        rows = [Row(label, seconds(reader, 3), reference, target, met, "launch")]
    checks = [run.recheck for run in started.reader if run.recheck is not None]
    ends = [check.seconds for check in checks if check.seconds is not None]
    if checks:
        end = statistics.median(ends) if ends else None
        measured = "not seen" if end is None else f"{end:.2f} s"
        reference = "after the first screen, no key pressed (median)"
        rows.append(Row("6 start-up re-check ends", measured, reference, part="launch"))
    return rows


def recheck_rows(started: LaunchFigures | None, cli: CliFigures | None) -> list[Row]:
    """6: the start-up re-check's CPU in the app and its worker against walk + stat."""
    checks = [run.recheck for run in (started.reader if started else []) if run.recheck]
    done = [check for check in checks if check.app_cpu is not None]
    if not done:
        return []
    app = statistics.median(check.app_cpu or 0.0 for check in done)
    worker = statistics.median(check.worker_cpu for check in done)
    reference = f"walk + stat of the same files {cli.walk.cpu:.2f} CPU-s" if cli else ""
    met = app + worker <= TARGET_RECHECK_CPU
    measured = f"{app:.2f} + {worker:.2f} CPU-s"
    target = f"<= {TARGET_RECHECK_CPU:.0f} CPU-s"
    return [Row("6 re-check CPU, app + worker", measured, reference, target, met, "launch")]


KEYS = ("End", "Enter (first)", "Enter (again)", "Back (h)", "Home", "Escape")
TARGETED = ("End", "Enter (first)", "Enter (again)", "Back (h)")
"""The keys with the target (Back (h) is Escape's action without the escape-key wait)."""


def key_rows(keys: list[KeyFigures]) -> list[Row]:
    """2: each key's median, after and during the re-check, and n, against the references."""
    big, *refs = keys
    rows = []
    for during in (False, True):
        for key in KEYS:
            value = big.median(key, during)
            if value is None and during:
                continue
            # The bare app has one Enter and no re-check: its keys are the floor for each.
            plain_key = "Enter" if key.startswith("Enter") else key
            medians = [
                (ref.label, ref.median(plain_key) if ref.floor else ref.median(key, during))
                for ref in refs
            ]
            references = ", ".join(f"{label} {ms(m)}" for label, m in medians if m is not None)
            measured = f"timed out ({big.timed_out})" if value is None else ms(value)
            name = f"{key}, during re-check" if during else f"{key} (median)"
            if key in TARGETED:
                met = value is not None and value < TARGET_KEY_MS
                rows.append(Row(f"2 {name}", measured, references, _key_target(), met, "keys"))
            else:
                rows.append(Row(f"  {name}", measured, references, part="keys"))
    if not big.during:
        note = f"{big.late} keys, all sent after its end" if big.late else "no key measured"
        rows.append(Row("2 keys during re-check", note, part="keys"))
    value = big.median("n")
    references = ", ".join(f"{ref.label} {ms(ref.median('n'))}" for ref in refs)
    met = value is not None and value < TARGET_KEY_MS
    rows.append(Row("2 n, next article", ms(value), references, _key_target(), met, "keys"))
    return rows


def _key_target() -> str:
    return f"< {TARGET_KEY_MS:.0f} ms"


def search_rows(search: SearchFigures) -> list[Row]:
    """3: the TUI's search against a plain FTS5 query and a LIKE scan."""
    first, again = search.first, search.again
    met = first.p95 < TARGET_SEARCH_P95_MS
    target = f"p95 < {TARGET_SEARCH_P95_MS:.0f} ms"
    floor, like = search.fts_floor, search.like_scan
    return [
        Row(
            "3 search median / p95",
            f"{first.median:.1f} / {first.p95:.1f} ms",
            f"plain FTS5 MATCH LIMIT {floor.median:.1f} / {floor.p95:.1f} ms",
            target,
            met,
            "search",
        ),
        Row(
            "  same queries again",
            f"{again.median:.1f} / {again.p95:.1f} ms",
            f"headline LIKE scan {like.median:.1f} / {like.p95:.1f} ms",
            part="search",
        ),
    ]


def build_rows(build: BuildFigures, count: int) -> list[Row]:
    """4: the cold build rate against reading the bytes."""
    reference = f"reading every file {build.read_rate:,.0f} files/s"
    target = f">= {TARGET_BUILD_RATE:,.0f}/s"
    if build.build_seconds is None:
        return [Row("4 cold index build", "not measured", reference, target, part="build")]
    rate = count / build.build_seconds
    met = rate >= TARGET_BUILD_RATE
    return [Row("4 cold index build", f"{rate:,.0f} files/s", reference, target, met, "build")]


def memory_rows(started: LaunchFigures | None, keys: list[KeyFigures]) -> list[Row]:
    """5: the reader's peak memory after the re-check, and at its first screen."""
    launches = started.reader if started else []
    after = [run.recheck.peak_kb for run in launches if run.recheck and run.recheck.peak_kb]
    if keys and keys[0].peak_kb and keys[0].recheck is not None:
        after.append(keys[0].peak_kb)
    before = [run.peak_kb for run in launches if run.peak_kb]
    bare = [run.peak_kb for run in (started.bare if started else []) if run.peak_kb]
    bare += [figures.peak_kb for figures in keys[2:] if figures.peak_kb]
    reference = f"bare app {mb(max(bare) if bare else None)}"
    rows = []
    if after:
        peak = max(after)
        met = peak / 1024 < TARGET_PEAK_MB
        label = "5 peak memory after re-check"
        rows.append(Row(label, mb(peak), reference, f"< {TARGET_PEAK_MB:.0f} MB", met, "keys"))
    if before:
        rows.append(Row("  at the first screen", mb(max(before)), reference, part="launch"))
    workers = [run.recheck.worker_peak_kb for run in launches if run.recheck]
    if any(workers):
        rows.append(Row("  the re-check's worker", mb(max(workers)), part="launch"))
    return rows


def _timed(value: Timed) -> str:
    if value.seconds is None:
        return value.report
    return f"{value.seconds:.2f} s, {value.cpu:.2f} CPU-s"


def cli_rows(cli: CliFigures) -> list[Row]:
    """7: the command line's figures against `reader --version`, walk + stat and the query."""
    floor = f"reader --version {seconds(cli.version.seconds)}"
    walk = f"walk + stat {cli.walk.seconds:.2f} s, {cli.walk.cpu:.2f} CPU-s"
    index_cpu = cli.index.seconds is not None and cli.index.cpu <= TARGET_RECHECK_CPU
    list_s, search_s = cli.listing.seconds, cli.search.seconds
    return [
        Row(
            "7 reader index, no change",
            _timed(cli.index),
            walk,
            f"<= {TARGET_RECHECK_CPU:.0f} CPU-s",
            index_cpu,
            "cli",
        ),
        Row(
            "7 reader list",
            _timed(cli.listing),
            floor,
            f"< {TARGET_LIST_SECONDS:.0f} s",
            list_s is not None and list_s < TARGET_LIST_SECONDS,
            "cli",
        ),
        Row(
            "7 reader search harbour",
            _timed(cli.search),
            f"the query in-process {cli.query_ms:.1f} ms; {floor}",
            f"< {TARGET_SEARCH_SECONDS} s",
            search_s is not None and search_s < TARGET_SEARCH_SECONDS,
            "cli",
        ),
    ]


def summary_rows(figures: Figures) -> list[Row]:
    """Every figure of one run, in the issue's order."""
    rows: list[Row] = []
    if figures.started is not None:
        rows += launch_rows(figures.started)[:1]
    if figures.keys:
        rows += key_rows(figures.keys)
    if figures.search is not None:
        rows += search_rows(figures.search)
    rows += build_rows(figures.build, figures.count)
    rows += memory_rows(figures.started, figures.keys)
    if figures.started is not None:
        rows += launch_rows(figures.started)[1:]
    rows += recheck_rows(figures.started, figures.cli)
    if figures.cli is not None:
        rows += cli_rows(figures.cli)
    return rows


def _busy(row: Row, loads: Loads) -> str:
    load = loads.parts.get(row.part, 0.0)
    return f"  (at load {load:.1f})" if load > BUSY_LOAD else ""


def print_summary(figures: Figures, loads: Loads) -> None:
    """Every figure beside its reference and target."""
    say()
    title = f"Summary: {figures.count:,} articles"
    say(f"{title:<34} {'measured':>20}   {'reference':<60} target")
    for row in summary_rows(figures):
        result = f"{row.target:<12} {verdict(row.met)}".rstrip()
        say(f"{row.label:<34} {row.measured:>20}   {row.reference:<60} {result}{_busy(row, loads)}")
    resolutions = [run.resolution_ms for run in _launches(figures.started)]
    resolutions += [keys.resolution_ms for keys in figures.keys if keys.resolution_ms]
    if resolutions:
        say(f"(tmux screen polled every {statistics.mean(resolutions):.1f} ms on average)")


def _launches(started: LaunchFigures | None) -> list[Launch]:
    return started.reader + started.bare if started else []


def print_growth(runs: list[tuple[Figures, Loads]]) -> None:
    """Each figure at every size side by side; the reference and verdict of the largest."""
    tables = [
        (figures, loads, {row.label: row for row in summary_rows(figures)})
        for figures, loads in runs
    ]
    labels: list[str] = []
    for _figures, _loads, rows in tables:
        # A figure one size lacks (a key only seen during a longer re-check) keeps its place.
        place = 0
        for label in rows:
            if label in labels:
                place = labels.index(label) + 1
            else:
                labels.insert(place, label)
                place += 1
    say()
    sizes = "".join(f"{f'{figures.count:,}':>22}" for figures, _loads, _rows in tables)
    say(f"{'Growth':<34}{sizes}   {'reference (largest size)':<60} target, met at each size")
    for label in labels:
        cells, verdicts, last = "", [], None
        for _figures, loads, rows in tables:
            row = rows.get(label)
            cell = "-" if row is None else row.measured + ("*" if _busy(row, loads) else "")
            cells += f"{cell:>22}"
            if row is not None:
                last = row
                verdicts.append(verdict(row.met) or "-")
        assert last is not None
        result = f"{last.target:<12} {' / '.join(verdicts)}" if last.target else ""
        say(f"{label:<34}{cells}   {last.reference:<60} {result}".rstrip())
    say(f"(* taken at a load average above {BUSY_LOAD:.0f})")
