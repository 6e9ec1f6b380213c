"""The terminal parts of bench/library_bench.py: launch time, key latency, peak memory.

Each app runs in a real terminal (a tmux pane, see `tmux_driver`), started
with `exec env VAR=... python ...` so the pane's process is the app itself
and its peak memory (VmHWM in /proc/PID/status) can be read while it runs.

- Launch: from asking tmux for the session to the first capture showing
  the app's ready marker (for the reader: the newest article's headline,
  which only the sorted, populated list shows at its top).
- Keys (narrow layout, 80x24, one pane at a time): End until the last
  article's headline shows and the screen has changed; Enter until the
  first words of that article's text show; Escape back to the list; Home
  and Enter likewise for the first article, then h back (no escape-key
  wait). The first round's Enters are reported apart ("Enter (first)"): they
  read and typeset the article, later ones may find it typeset already. The
  bare app rewrites its label on End and Enter instead.
"""

from __future__ import annotations

import re
import shlex
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tmux_driver import Seen, Tmux, TmuxError

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


@dataclass
class Launch:
    """One start of an app."""

    seconds: float | None
    """None when it timed out."""
    resolution_ms: float
    peak_kb: int | None
    screen: str


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def peak_memory_kb(pid: int) -> int | None:
    """The largest VmHWM (peak resident memory) in the process tree of `pid`, in kB."""
    peaks = []
    for member in process_tree(pid):
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]))
    return max(peaks) if peaks else None


def launch(tmux: Tmux, app: AppRun, name: str, size: tuple[int, int], timeout: float) -> Launch:
    """Start the app, time it to its ready marker, read its peak memory, kill it."""
    started = tmux.start(name, app.command(), *size, cwd=app.cwd)
    try:
        seen = tmux.wait_for(name, app.is_ready, started, timeout)
        peak = peak_memory_kb(tmux.pid(name))
    finally:
        tmux.kill(name)
    return Launch(seen.seconds, seen.resolution_ms, peak, plain(seen.screen))


@dataclass
class KeyFigures:
    """Key-press latencies of one app, in milliseconds."""

    label: str
    times: dict[str, list[float]] = field(default_factory=dict)
    resolutions: list[float] = field(default_factory=list)
    peak_kb: int | None = None
    timed_out: str | None = None
    """What the app was waiting for when a wait timed out."""
    screen: str = ""
    """The screen when a wait timed out."""

    def add(self, key: str, seen: Seen) -> None:
        """Record one press."""
        if seen.seconds is None:
            raise TimeoutError(key)
        self.times.setdefault(key, []).append(seen.seconds * 1000)
        self.resolutions.append(seen.resolution_ms)

    def median(self, key: str) -> float | None:
        """The median latency of a key, None when not measured."""
        values = self.times.get(key)
        return statistics.median(values) if values else None

    @property
    def resolution_ms(self) -> float:
        """The mean polling interval over every wait."""
        return statistics.mean(self.resolutions) if self.resolutions else 0.0


def press_until(
    tmux: Tmux, name: str, key: str, matches: Callable[[str], bool], timeout: float
) -> Seen:
    """Press a key; wait for a capture that differs from the one before and matches."""
    # Captures keep their escape sequences: on a short list a cursor move is only a style.
    before = tmux.capture(name, styles=True)
    sent = tmux.press(name, key)

    def changed(screen: str) -> bool:
        return screen != before and matches(plain(screen))

    return tmux.wait_for(name, changed, sent, timeout, styles=True)


def key_latencies(tmux: Tmux, app: AppRun, name: str, runs: int, timeout: float) -> KeyFigures:
    """Time End, Home, Enter and Escape in the narrow layout (see the module docstring)."""
    figures = KeyFigures(app.label)
    started = tmux.start(name, app.command(), 80, 24, cwd=app.cwd)
    step = "start"
    try:
        seen = tmux.wait_for(name, app.is_ready, started, timeout)
        if seen.seconds is None:
            figures.timed_out = step
            figures.screen = plain(seen.screen)
            return figures
        for run in range(runs):
            if app.bare:
                step = "End"
                figures.add(
                    step,
                    press_until(tmux, name, "End", _has(f"End pressed {run * 2 + 1}"), timeout),
                )
                step = "Enter"
                figures.add(
                    step,
                    press_until(tmux, name, "Enter", _has(f"Enter pressed {run * 2 + 2}"), timeout),
                )
                continue
            # Back with Escape after End, with h after Home: Escape alone also waits for
            # the terminal's escape-key timeout, which h (bound to the same action) does not.
            for key, row, text, back in (
                ("End", app.last_row, app.last_text, "Escape"),
                ("Home", app.first_row, app.first_text, "h"),
            ):
                step = key
                figures.add(key, press_until(tmux, name, key, _has(row), timeout))
                # The first open of an article reads and typesets it; later ones may not.
                step = "Enter (first)" if run == 0 else "Enter (again)"
                figures.add(step, press_until(tmux, name, "Enter", _has(text), timeout))
                step = "Back (h)" if back == "h" else "Escape"
                figures.add(step, press_until(tmux, name, back, _back(row, text), timeout))
        figures.peak_kb = peak_memory_kb(tmux.pid(name))
    except TimeoutError:
        figures.timed_out = step
        figures.screen = plain(tmux.capture(name))
    except TmuxError as error:
        figures.timed_out = f"{step} ({error})"
    finally:
        tmux.kill(name)
    return figures


def _back(row: str, text: str) -> Callable[[str], bool]:
    """A screen matcher: the list is back (the row shows, the article's text does not)."""
    return lambda screen: row in screen and text not in screen


def _has(text: str) -> Callable[[str], bool]:
    """A screen matcher: True when `text` is on the screen."""
    return lambda screen: text in screen


def wait_ms(seconds: float) -> None:
    """Sleep (between runs, so one app's exit does not overlap the next start)."""
    time.sleep(seconds)
