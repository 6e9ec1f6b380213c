"""A time budget for reading one article, so no file can stall the library.

The parsers are meant to be linear in their input, but one pathological file
must never stop an index build or leave the reader on "Opening ..." if one is
not: parsing a file for the index or the TUI runs under `within_budget`.

The parse runs in the calling thread (a worker thread in the TUI, the main
thread of `reader index`, a worker process of a large build), and one
watchdog thread per process raises `_OverBudget` in it once its deadline has
passed, through CPython's `PyThreadState_SetAsyncExc`. That interrupts any
Python code at its next bytecode; a single long call into C (one regular
expression over one line) finishes first. `_OverBudget` derives from
BaseException so that no `except Exception` in a parser can swallow it.
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from reader.formats.errors import ArticleError

PARSE_BUDGET_SECONDS = 15.0
"""How long reading one article may take (a 5 MB capture takes well under a second)."""

T = TypeVar("T")
A = TypeVar("A")


class OverBudget(ArticleError):
    """Reading the file took longer than the budget; it was given up."""


class _OverBudget(BaseException):
    """Raised inside the parsing thread by the watchdog."""


class _Watchdog:
    """One thread that interrupts the parses whose deadline has passed."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._deadlines: list[tuple[float, int]] = []  # a heap of (deadline, ticket)
        self._running: dict[int, int] = {}  # ticket -> thread id, while that parse runs
        self._tickets = itertools.count()
        self._thread: threading.Thread | None = None

    def start(self, seconds: float) -> int:
        """Watch the calling thread for `seconds`; returns the ticket that ends the watch."""
        ticket = next(self._tickets)
        with self._cond:
            self._running[ticket] = threading.get_ident()
            heapq.heappush(self._deadlines, (_now() + seconds, ticket))
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="parse-budget", daemon=True)
                self._thread.start()
            self._cond.notify()
        return ticket

    def stop(self, ticket: int) -> None:
        """End the watch; an interruption raised but not yet delivered is withdrawn."""
        with self._cond:
            thread_id = self._running.pop(ticket, None)
            if thread_id is None:  # the watchdog fired: take back what may still be pending
                _raise_in(threading.get_ident(), None)

    def _watch(self) -> None:
        with self._cond:
            while True:
                while self._deadlines and self._deadlines[0][1] not in self._running:
                    heapq.heappop(self._deadlines)  # that parse ended in time
                if not self._deadlines:
                    self._cond.wait()
                    continue
                deadline, ticket = self._deadlines[0]
                wait = deadline - _now()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                heapq.heappop(self._deadlines)
                _raise_in(self._running.pop(ticket), _OverBudget)


def _now() -> float:
    return time.monotonic()


def _raise_in(thread_id: int, error: type[BaseException] | None) -> None:
    """Raise `error` in the thread `thread_id` at its next bytecode (None withdraws it)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(error) if error else None
    )


_WATCHDOG = _Watchdog()


def within_budget(
    function: Callable[[A], T], argument: A, seconds: float | None = None
) -> T:
    """`function(argument)`, given up with OverBudget when it runs past `seconds`.

    `seconds` defaults to PARSE_BUDGET_SECONDS (read when called, so a test
    may lower it).
    """
    budget = PARSE_BUDGET_SECONDS if seconds is None else seconds
    try:
        ticket = _WATCHDOG.start(budget)
        try:
            return function(argument)
        finally:
            _WATCHDOG.stop(ticket)
    except _OverBudget:
        raise OverBudget(f"took longer than {budget:g} s to read, so it was skipped") from None
