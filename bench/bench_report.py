"""The summary of bench/library_bench.py: each figure beside its reference and its target.

One row per figure: what was measured, the reference measured in the same
run (bare app, 10-row library, plain FTS5 query, reading the files) and
the issue's target with "met" or "MISSED".
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from bench_search import SearchFigures
from bench_terminal import KeyFigures, Launch

TARGET_LAUNCH_RATIO = 1.5
TARGET_KEY_MS = 50.0
TARGET_SEARCH_P95_MS = 30.0
TARGET_BUILD_RATE = 2000.0
TARGET_PEAK_MB = 200.0


def say(text: str = "") -> None:
    """Print at once (the run is long; show progress as it goes)."""
    print(text, flush=True)


def verdict(met: bool) -> str:
    """The word for a target."""
    return "met" if met else "MISSED"


@dataclass
class BuildFigures:
    """The cold build and its I/O floor."""

    read_rate: float
    build_seconds: float | None
    build_report: str
    refresh_seconds: float


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


def mb(kb: int | None) -> str:
    """kB as MB text."""
    return "n/a" if kb is None else f"{kb / 1024:.0f} MB"


def ms(value: float | None) -> str:
    """Milliseconds as text."""
    return "n/a" if value is None else f"{value:.1f} ms"


def line(
    label: str, measured: str, reference: str, target: str = "", met: bool | None = None
) -> None:
    """One row of the summary: figure, reference, target and whether it is met."""
    result = "" if met is None else verdict(met)
    say(f"{label:<30} {measured:>18}   {reference:<56} {target:<10} {result}")


def summarize_launch(started: LaunchFigures) -> None:
    """1: the reader's median launch against the bare app's."""
    reader, bare = LaunchFigures.median(started.reader), LaunchFigures.median(started.bare)
    target = f"<= {TARGET_LAUNCH_RATIO}x"
    label = f"1 launch to list ({len(started.reader)} runs)"
    if reader is None:
        timed_out = f"timed out after {started.timeout:.0f} s"
        line(label, timed_out, f"bare app {bare or 0:.3f} s", target, False)
    elif bare:
        ratio = reader / bare
        reference = f"bare app {bare:.3f} s, ratio {ratio:.2f}x"
        line(label, f"{reader:.3f} s", reference, target, ratio <= TARGET_LAUNCH_RATIO)


def summarize_keys(keys: list[KeyFigures]) -> None:
    """2: each key's median against the 10-row library's and the bare app's."""
    big, *refs = keys
    for key in ("End", "Enter (first)", "Enter (again)", "Back (h)", "Home", "Escape"):
        value = big.median(key)
        # The bare app has one Enter: it is the reference for both of the reader's.
        plain_key = "Enter" if key.startswith("Enter") else key
        medians = [(ref.label, ref.median(key) or ref.median(plain_key)) for ref in refs]
        references = ", ".join(f"{label} {ms(m)}" for label, m in medians if m is not None)
        measured = f"timed out ({big.timed_out})" if value is None else ms(value)
        if key in ("End", "Enter (first)", "Enter (again)", "Back (h)"):
            met = value is not None and value < TARGET_KEY_MS
            line(f"2 {key} (median)", measured, references, f"< {TARGET_KEY_MS:.0f} ms", met)
        else:
            line(f"  {key} (median)", measured, references)


def summarize_search(search: SearchFigures) -> None:
    """3: the TUI's search against a plain FTS5 query and a LIKE scan."""
    first, again = search.first, search.again
    met = first.p95 < TARGET_SEARCH_P95_MS
    target = f"p95 < {TARGET_SEARCH_P95_MS:.0f} ms"
    floor = search.fts_floor
    reference = f"plain FTS5 MATCH LIMIT {floor.median:.1f} / {floor.p95:.1f} ms"
    measured = f"{first.median:.1f} / {first.p95:.1f} ms"
    line("3 search median / p95", measured, reference, target, met)
    like = search.like_scan
    reference = f"headline LIKE scan {like.median:.1f} / {like.p95:.1f} ms"
    line("  same queries again", f"{again.median:.1f} / {again.p95:.1f} ms", reference)


def summarize_build(build: BuildFigures, count: int) -> None:
    """4: the cold build rate against reading the bytes."""
    reference = f"reading every file {build.read_rate:,.0f} files/s"
    target = f">= {TARGET_BUILD_RATE:,.0f}/s"
    if build.build_seconds is None:
        line("4 cold index build", "not measured", reference, target)
        return
    rate = count / build.build_seconds
    line("4 cold index build", f"{rate:,.0f} files/s", reference, target, rate >= TARGET_BUILD_RATE)
    reference = "(the start-up's background check)"
    line("  refresh, nothing changed", f"{build.refresh_seconds:.2f} s", reference)


def summarize_memory(started: LaunchFigures | None, keys: list[KeyFigures]) -> None:
    """5: the reader's peak memory against the bare app's."""
    peaks = [run.peak_kb for run in (started.reader if started else []) if run.peak_kb]
    if keys and keys[0].peak_kb:
        peaks.append(keys[0].peak_kb)
    bare = [run.peak_kb for run in (started.bare if started else []) if run.peak_kb]
    if peaks:
        peak = max(peaks)
        met = peak / 1024 < TARGET_PEAK_MB
        reference = f"bare app {mb(max(bare) if bare else None)}"
        line("5 peak memory (VmHWM)", mb(peak), reference, f"< {TARGET_PEAK_MB:.0f} MB", met)


def print_summary(
    count: int,
    build: BuildFigures,
    started: LaunchFigures | None,
    keys: list[KeyFigures],
    search: SearchFigures | None,
) -> None:
    """Every figure beside its reference and target."""
    say()
    line(f"Summary: {count:,} articles", "measured", "reference", "target")
    if started is not None:
        summarize_launch(started)
    if keys:
        summarize_keys(keys)
    if search is not None:
        summarize_search(search)
    summarize_build(build, count)
    summarize_memory(started, keys)
    resolutions = [run.resolution_ms for run in (started.reader + started.bare if started else [])]
    resolutions += [figures.resolution_ms for figures in keys if figures.resolution_ms]
    if resolutions:
        say(f"(tmux screen polled every {statistics.mean(resolutions):.1f} ms on average)")
