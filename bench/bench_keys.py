"""Key latencies for bench/library_bench.py, while the start-up re-check runs and after it.

One pane at a time, in the narrow layout (80x24). Each key is timed from
sending it to the first capture that differs from the one before and shows
what the key must bring up:

- a round: End until the last article's headline shows; Enter until the
  first words of its text show; Escape back to the list; Home and Enter
  likewise for the first article, then h back (bound to the same action as
  Escape, without the terminal's escape-key wait);
- during the re-check: rounds from the moment the first screen shows, for
  as long as the re-check runs (at least one, at most --runs). A key counts
  as "during" when it was sent before the re-check's worker had gone
  (`recheck_watch`); keys of those rounds sent later are left out, and
  counted;
- after it: once the re-check is over (and a short settle), one first open
  of an article not opened yet (End, Up, Enter: "Enter (first)") and --runs
  rounds (their Enters find the article read and typeset: "Enter (again)");
- n: from the first article (Enter on the first row, where the last round
  left the cursor), n to each next one, each read for the first time, up to
  --runs times.

The bare app rewrites its label on End, Enter and n instead: the floor of
what tmux, the terminal and Textual cost a key.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bench_terminal import AppRun, Recheck, plain, wait_recheck
from proc_info import cpu_seconds, peak_memory_kb
from recheck_watch import RecheckWatch
from tmux_driver import Seen, Tmux, TmuxError

SETTLE_SECONDS = 0.3
"""Pause after the re-check's end, before the keys "after" it (the list re-read, if any)."""

Matcher = Callable[[str], bool]


@dataclass
class KeyFigures:
    """Key-press latencies of one app, in milliseconds."""

    label: str
    floor: bool = False
    """The bare app's (no re-check: its keys are the floor for those during one too)."""
    times: dict[str, list[float]] = field(default_factory=dict)
    """After the re-check (the bare app has none: all of its keys)."""
    during: dict[str, list[float]] = field(default_factory=dict)
    """Sent while the re-check ran."""
    late: int = 0
    """Keys of the rounds "during" that were sent after the re-check ended (left out)."""
    recheck: Recheck | None = None
    resolutions: list[float] = field(default_factory=list)
    peak_kb: int | None = None
    """At the end, after every key (and after the re-check)."""
    timed_out: str | None = None
    """What the app was waiting for when a wait timed out."""
    screen: str = ""
    """The screen when a wait timed out."""

    def median(self, key: str, during: bool = False) -> float | None:
        """The median latency of a key, None when not measured."""
        values = (self.during if during else self.times).get(key)
        return statistics.median(values) if values else None

    @property
    def resolution_ms(self) -> float:
        """The mean polling interval over every wait."""
        return statistics.mean(self.resolutions) if self.resolutions else 0.0

    def describe(self) -> str:
        """One line: each key's median after the re-check, then during it."""
        after = ", ".join(f"{key} {_ms(self.median(key))}" for key in self.times)
        during = ", ".join(f"{key} {_ms(self.median(key, True))}" for key in self.during)
        text = after if not during else f"after the re-check: {after}; during it: {during}"
        if self.late:
            noun = "key" if self.late == 1 else "keys"
            text += f" ({self.late} {noun} sent after its end left out)"
        return text + (f"; timed out waiting for {self.timed_out}" if self.timed_out else "")


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} ms"


def press_until(tmux: Tmux, name: str, key: str, matches: Matcher, timeout: float) -> Seen:
    """Press a key; wait for a capture that differs from the one before and matches."""
    # Captures keep their escape sequences: on a short list a cursor move is only a style.
    before = tmux.capture(name, styles=True)
    sent = tmux.press(name, key)

    def changed(screen: str) -> bool:
        return screen != before and matches(plain(screen))

    return tmux.wait_for(name, changed, sent, timeout, styles=True)


@dataclass
class _Press:
    label: str
    sent: float
    ms: float


class _Session:
    """One app in one pane: presses keys, notes what it waits for (for a timeout's report)."""

    def __init__(self, tmux: Tmux, name: str, app: AppRun, figures: KeyFigures, timeout: float):
        self.tmux, self.name, self.app, self.figures = tmux, name, app, figures
        self.timeout = timeout
        self.step = "start"

    def press(self, key: str, label: str, matches: Matcher) -> _Press:
        """Press `key` (reported as `label`) until the screen `matches`; raises on timeout."""
        self.step = label
        before = time.perf_counter()
        seen = press_until(self.tmux, self.name, key, matches, self.timeout)
        if seen.seconds is None:
            raise TimeoutError(label)
        self.figures.resolutions.append(seen.resolution_ms)
        # press_until's time starts when the key was sent, just after `before`.
        return _Press(label, before, seen.seconds * 1000)

    def round(self, first: bool) -> list[_Press]:
        """End, Enter, Escape, Home, Enter, h (see the module docstring)."""
        app, presses = self.app, []
        enter = "Enter (first)" if first else "Enter (again)"
        for key, row, text, back in (
            ("End", app.last_row, app.last_text, "Escape"),
            ("Home", app.first_row, app.first_text, "h"),
        ):
            presses.append(self.press(key, key, _has(row)))
            presses.append(self.press("Enter", enter, _has(text)))
            label = "Back (h)" if back == "h" else "Escape"
            presses.append(self.press(back, label, _back(row, text)))
        return presses

    def first_open(self) -> list[_Press]:
        """End, Up, Enter on the last row but one (an article not opened yet), Escape."""
        app = self.app
        presses = [self.press("End", "End", _has(app.last_row))]
        self.press("Up", "Up", lambda screen: True)  # only the cursor's style moves
        text = app.next_to_last_text
        presses.append(self.press("Enter", "Enter (first)", _has(text)))
        presses.append(self.press("Escape", "Escape", _back(app.last_row, text)))
        return presses

    def next_articles(self) -> list[_Press]:
        """Enter on the first row (where the last round left the cursor), then n to each of
        the next articles in turn."""
        app = self.app
        self.press("Enter", "Enter", _has(app.first_text))
        presses, shown = [], app.first_text
        for text in app.next_texts:
            presses.append(self.press("n", "n", _replaced(shown, text)))
            shown = text
        return presses


def _record(into: dict[str, list[float]], presses: list[_Press]) -> None:
    for press in presses:
        into.setdefault(press.label, []).append(press.ms)


def key_latencies(tmux: Tmux, app: AppRun, name: str, runs: int, timeout: float) -> KeyFigures:
    """Time the keys during and after the re-check, and n (see the module docstring)."""
    figures = KeyFigures(app.label, floor=app.bare)
    started = tmux.start(name, app.command(), 80, 24, cwd=app.cwd)
    session = _Session(tmux, name, app, figures, timeout)
    watch = None if app.bare else RecheckWatch(tmux.pid(name))
    try:
        seen = tmux.wait_for(name, app.is_ready, started, timeout)
        if seen.seconds is None:
            figures.timed_out = "start"
            figures.screen = plain(seen.screen)
            return figures
        pid = tmux.pid(name)
        shown, cpu = started + seen.seconds, cpu_seconds(pid)
        if watch is None:
            _bare_keys(session, runs)
        else:
            _reader_keys(session, watch, shown, cpu, runs)
        figures.peak_kb = peak_memory_kb(pid)
    except TimeoutError:
        figures.timed_out = session.step
        figures.screen = plain(tmux.capture(name))
    except TmuxError as error:
        figures.timed_out = f"{session.step} ({error})"
    finally:
        if watch is not None:
            watch.stop()
        tmux.kill(name)
    return figures


def _reader_keys(
    session: _Session, watch: RecheckWatch, shown: float, cpu: float | None, runs: int
) -> None:
    figures = session.figures
    for number in range(max(1, runs)):
        if number and watch.over:
            break
        presses = session.round(first=number == 0)
        # Read after the round: a key sent before an end not seen yet was sent during it.
        ended = watch.ended
        during = [press for press in presses if ended is None or press.sent < ended]
        figures.late += len(presses) - len(during)
        _record(figures.during, during)
    session.step = "the re-check's end"
    figures.recheck = wait_recheck(session.tmux, session.name, watch, shown, cpu, session.timeout)
    time.sleep(SETTLE_SECONDS)
    _record(figures.times, session.first_open())
    for _ in range(runs):
        _record(figures.times, session.round(first=False))
    _record(figures.times, session.next_articles())


def _bare_keys(session: _Session, runs: int) -> None:
    figures, count = session.figures, 0
    for _ in range(runs):
        for key in ("End", "Enter", "n"):
            count += 1
            presses = [session.press(key, key, _has(f"{key} pressed {count}"))]
            _record(figures.times, presses)


def _back(row: str, text: str) -> Matcher:
    """A screen matcher: the list is back (the row shows, the article's text does not)."""
    return lambda screen: row in screen and text not in screen


def _has(text: str) -> Matcher:
    """A screen matcher: True when `text` is on the screen."""
    return lambda screen: text in screen


def _replaced(old: str, new: str) -> Matcher:
    """A screen matcher: the next article shows (its text, not the one before's)."""
    return lambda screen: new in screen and old not in screen
