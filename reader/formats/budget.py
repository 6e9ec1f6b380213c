"""A time budget for reading one article, so no file can stall the library.

The parsers are meant to be linear in their input, but one pathological file
must never stop an index build or leave the reader on "Opening ...": parsing
a file for the index or the TUI runs under `within_budget`.

The parse runs in the calling thread (a worker thread in the TUI, the main
thread of `reader index`, a worker process of a large build). One watchdog
thread per process wakes a few times a second and raises `_OverBudget` in
every parse whose deadline has passed, through CPython's
`PyThreadState_SetAsyncExc`. That interrupts Python code at its next check;
a single long call into C (one regular expression over one line) finishes
first. `_OverBudget` derives from BaseException so that no `except
Exception` in a parser can swallow it.

An asynchronous exception can arrive at almost any point of the parsing
thread, so that thread only ever takes a plain `threading.Lock` (whose `with`
is one C call, released by the `with` statement itself), never a Condition
or Event: an exception landing inside their Python-level `__enter__` would
leave a lock held for good.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from reader.formats.errors import ArticleError

PARSE_BUDGET_SECONDS = 15.0
"""How long reading one article may take (a 5 MB capture takes a few seconds)."""
TICK_SECONDS = 0.1
"""How often the watchdog looks at the deadlines while a parse runs."""

T = TypeVar("T")
A = TypeVar("A")


class OverBudget(ArticleError):
    """Reading the file took longer than the budget; it was given up."""


class _OverBudget(BaseException):
    """Raised inside the parsing thread by the watchdog."""


@dataclass(slots=True)
class _Watch:
    thread_id: int
    deadline: float
    fired: bool = False


class _Watchdog:
    """One thread that interrupts the parses whose deadline has passed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watches: dict[int, _Watch] = {}  # by id() of the watch, while its parse runs
        self._thread: threading.Thread | None = None

    def start(self, seconds: float) -> _Watch:
        """Watch the calling thread for `seconds`; `stop` ends the watch."""
        watch = _Watch(threading.get_ident(), time.monotonic() + seconds)
        with self._lock:
            self._watches[id(watch)] = watch
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="parse-budget", daemon=True)
                self._thread.start()
        return watch

    def stop(self, watch: _Watch) -> None:
        """End the watch; an interruption raised but not yet delivered is withdrawn."""
        with self._lock:
            self._watches.pop(id(watch), None)
            fired = watch.fired
        if fired:
            # The watchdog raised under the lock, so by now the exception is
            # either delivered or pending; withdrawing a delivered one is a no-op.
            _raise_in(watch.thread_id, None)

    def _run(self) -> None:
        while True:
            time.sleep(TICK_SECONDS)
            with self._lock:
                if not self._watches:
                    self._thread = None  # the next start() starts a new one
                    return
                now = time.monotonic()
                for key, watch in list(self._watches.items()):
                    if watch.deadline <= now:
                        watch.fired = True
                        del self._watches[key]
                        _raise_in(watch.thread_id, _OverBudget)


def _raise_in(thread_id: int, error: type[BaseException] | None) -> None:
    """Raise `error` in the thread `thread_id` at its next check (None withdraws it)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(error) if error else None
    )


_WATCHDOG = _Watchdog()


def within_budget(function: Callable[[A], T], argument: A, seconds: float | None = None) -> T:
    """`function(argument)`, given up with OverBudget when it runs past `seconds`.

    `seconds` defaults to PARSE_BUDGET_SECONDS (read when called, so a test
    may lower it).
    """
    budget = PARSE_BUDGET_SECONDS if seconds is None else seconds
    watch = _WATCHDOG.start(budget)
    try:
        try:
            return function(argument)
        finally:
            _WATCHDOG.stop(watch)
    except _OverBudget:
        raise OverBudget(f"took longer than {budget:g} s to read, so it was left out") from None
