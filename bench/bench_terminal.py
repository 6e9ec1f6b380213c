"""The terminal parts of bench/library_bench.py: starting an app, its launch, its re-check.

Each app runs in a real terminal (a tmux pane, see `tmux_driver`), started
with `exec env VAR=... python ...` so the pane's process is the app itself
and its peak memory (VmHWM in /proc/PID/status) and CPU time can be read
while it runs.

- Launch: from asking tmux for the session to the first capture showing
  the app's ready marker (for the reader: the newest article's headline,
  which only the sorted, populated list shows at its top).
- The start-up re-check (the reader only): after the first screen, until
  its worker process has come and gone (`recheck_watch`) and the header no
  longer says "indexing"; the reader's CPU seconds over that time, the
  worker's, and the reader's peak memory once it is over.

The keys are timed in `bench_keys`.
"""

from __future__ import annotations

import re
import shlex
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from proc_info import cpu_seconds, peak_memory_kb
from recheck_watch import RecheckWatch
from tmux_driver import Tmux

_STYLE = re.compile(r"\x1b\[[0-9;:?]*[A-Za-z]")


def plain(screen: str) -> str:
    """A capture with its escape sequences (colours, bold) removed."""
    return _STYLE.sub("", screen)


@dataclass
class AppRun:
    """How to start one app and what its screen shows when ready."""

    label: str
    argv: list[str]
    env: dict[str, str]
    ready_marker: str
    """Text on the screen once the app is ready (the list populated)."""
    cwd: str = "/"
    fresh_state: Callable[[], Path] | None = None
    """Gives an empty state folder for each start (READER_STATE_DIR)."""
    first_row: str = ""
    last_row: str = ""
    first_text: str = ""
    """The first words of the first row's article, as its pane shows them."""
    last_text: str = ""
    next_to_last_text: str = ""
    """The first words of the last row but one's article (opened with End, Up, Enter)."""
    next_texts: list[str] = field(default_factory=list)
    """The first words of the second, third... rows' articles (n from the first)."""

    @property
    def bare(self) -> bool:
        """True for the bare reference app (no list, no articles)."""
        return not self.first_row

    def command(self) -> str:
        """The shell command tmux runs: exec, so the pane's pid is the app's."""
        env = dict(self.env)
        if self.fresh_state is not None:
            env["READER_STATE_DIR"] = str(self.fresh_state())
        assignments = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        return f"exec env {assignments} {shlex.join(self.argv)}"

    def is_ready(self, screen: str) -> bool:
        """True when the ready marker is on the screen."""
        return self.ready_marker in plain(screen)


INDEXING = "indexing "
"""The header's part while the re-check writes (reader/ui/library_scan.py on_scan_progress)."""


@dataclass
class Recheck:
    """One start-up re-check, seen from outside the app."""

    seconds: float | None
    """From the first screen to its end; None when its end was not seen."""
    app_cpu: float | None
    """The app's CPU seconds over that time (its interpreter, all threads)."""
    worker_cpu: float
    """The worker processes' CPU seconds (at their last look, see `recheck_watch`)."""
    peak_kb: int | None
    """The app's peak memory once the re-check is over."""
    worker_peak_kb: int


def wait_recheck(
    tmux: Tmux, name: str, watch: RecheckWatch, shown: float, cpu: float | None, timeout: float
) -> Recheck:
    """Wait for the start-up re-check to end; its figures.

    `shown` is the perf_counter of the first screen and `cpu` the app's CPU
    seconds then. The end is when the worker was seen gone; the app then
    writes the differences and clears the header's "indexing" (waited for
    too, where the header is wide enough to show it), well within a poll.
    """
    pid = tmux.pid(name)
    if not watch.wait(max(0.0, shown + timeout - time.perf_counter())) or watch.ended is None:
        return Recheck(None, None, watch.worker_cpu, None, watch.worker_peak_kb)
    tmux.wait_for(name, lambda screen: INDEXING not in plain(screen), shown, timeout)
    cpu_after = cpu_seconds(pid)
    app_cpu = None if cpu is None or cpu_after is None else cpu_after - cpu
    return Recheck(
        watch.ended - shown, app_cpu, watch.worker_cpu, peak_memory_kb(pid), watch.worker_peak_kb
    )


@dataclass
class Launch:
    """One start of an app."""

    seconds: float | None
    """None when it timed out."""
    resolution_ms: float
    peak_kb: int | None
    """At the first screen."""
    screen: str
    recheck: Recheck | None = None
    """The reader's start-up re-check (None for the bare app, or when it timed out)."""


def launch(
    tmux: Tmux,
    app: AppRun,
    name: str,
    size: tuple[int, int],
    timeout: float,
    recheck: bool = False,
) -> Launch:
    """Start the app, time it to its ready marker, read its peak memory; with `recheck`,
    wait for the start-up re-check too (no key pressed meanwhile); kill it."""
    started = tmux.start(name, app.command(), *size, cwd=app.cwd)
    watch = RecheckWatch(tmux.pid(name)) if recheck else None
    try:
        seen = tmux.wait_for(name, app.is_ready, started, timeout)
        pid = tmux.pid(name)
        shown, cpu = started + (seen.seconds or 0.0), cpu_seconds(pid)
        peak = peak_memory_kb(pid)
        done = None
        if watch is not None and seen.seconds is not None:
            done = wait_recheck(tmux, name, watch, shown, cpu, timeout)
    finally:
        if watch is not None:
            watch.stop()
        tmux.kill(name)
    return Launch(seen.seconds, seen.resolution_ms, peak, plain(seen.screen), done)


def wait_ms(seconds: float) -> None:
    """Sleep (between runs, so one app's exit does not overlap the next start)."""
    time.sleep(seconds)
