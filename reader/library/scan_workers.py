"""Worker processes that parse files for a large refresh, and the loop they run.

Each worker is a fresh Python (`python -c ...`, not a fork: the caller may be
a thread of a running Textual app, and a fork copies whatever locks the other
threads hold) that reads tasks from its stdin and writes results to its
stdout, each a pickled frame behind an 8-byte length. Nothing of the
`multiprocessing` machinery is involved: no helper process outlives the
pool, no re-import of the caller's main script, and the terminal is never
touched (a worker's stderr goes to /dev/null, and it ignores Ctrl+C: the
caller stops the pool). A worker ends when its stdin closes; the pool closes
them all, waits for them and reaps them before `WorkerPool.results` returns.

Frames between this process and its own children are pickles, as between
`multiprocessing` workers.
"""

from __future__ import annotations

import contextlib
import pickle
import signal
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import IO, Any

import reader

_HEADER = 8
"""Bytes of the length before each frame."""
STOP_SECONDS = 10.0
"""How long closing the pool waits for a worker to end before killing it."""
WAIT_SECONDS = 1.0
"""A wait for a result wakes at least this often (to notice a worker that vanished)."""

_BOOT = "from reader.library.scan_workers import serve; serve()"


def _write_frame(stream: IO[bytes], value: object) -> None:
    """Send one pickled value."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(_HEADER, "big") + data)
    stream.flush()


def _read_frame(stream: IO[bytes]) -> Any:
    """Receive one pickled value; raises EOFError when the other side has gone."""
    header = stream.read(_HEADER)
    if len(header) < _HEADER:
        raise EOFError
    size = int.from_bytes(header, "big")
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def serve() -> None:
    """A worker's loop: read a task (a function and its argument), write its result."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    tasks, results = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not break a frame
    while True:
        try:
            function, argument = _read_frame(tasks)
        except EOFError:
            return
        _write_frame(results, function(argument))


class _Worker:
    """One worker process, the tasks it holds, and the thread reading its results."""

    def __init__(self, on_result: Callable[[_Worker, object], None]) -> None:
        # The worker imports this very package, wherever it lies, ahead of its cwd.
        folder = str(Path(reader.__file__).resolve().parent.parent)
        boot = f"import sys; sys.path.insert(0, {folder!r}); {_BOOT}"
        self.process = subprocess.Popen(
            [sys.executable, "-c", boot],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            close_fds=True,
        )
        self.held: deque[int] = deque()
        """Numbers of the tasks sent and not yet answered, in order."""
        self.alive = True
        self._on_result = on_result
        self._thread = threading.Thread(target=self._read, name="parse-results", daemon=True)
        self._thread.start()

    def send(self, task: object) -> bool:
        """Write a task to the worker; False when it has gone."""
        assert self.process.stdin is not None
        try:
            _write_frame(self.process.stdin, task)
        except OSError:
            return False
        return True

    def _read(self) -> None:
        """Read results until the worker ends (a thread: the worker never waits to write)."""
        assert self.process.stdout is not None
        try:
            while True:
                self._on_result(self, _read_frame(self.process.stdout))
        except (EOFError, OSError, pickle.UnpicklingError):
            self._on_result(self, _GONE)

    def stop(self, now: bool) -> None:
        """End the worker (at once when `now`, else after the tasks it holds) and reap it."""
        if now:
            self.process.kill()
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        try:
            self.process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._thread.join()
        if self.process.stdout is not None:
            self.process.stdout.close()


_GONE = object()
"""Passed as a result when a worker's output ended."""


class WorkerPool:
    """Worker processes running numbered tasks; results are taken in task order."""

    def __init__(self, workers: int, ahead: int) -> None:
        """Start `workers` processes; each is sent up to `ahead` tasks beyond the one it runs.

        Raises OSError (or subprocess.SubprocessError) when a process cannot start.
        """
        self._cond = threading.Condition()
        self._done: dict[int, object] = {}
        self._ahead = ahead
        self._sent = 0
        self._closing = False
        self.broken = False
        """A worker died holding tasks, or could not be given one."""
        self._workers: list[_Worker] = []
        try:
            for _ in range(workers):
                self._workers.append(_Worker(self._arrived))
        except BaseException:
            self.close()
            raise

    def _arrived(self, worker: _Worker, result: object) -> None:
        """A reader thread got a result (or the end of a worker's output)."""
        with self._cond:
            if result is _GONE:
                worker.alive = False
                if not self._closing:
                    self.broken = True  # it died (or closed its output) while in use
            else:
                self._done[worker.held.popleft()] = result
            self._cond.notify_all()

    def results(
        self, function: Callable[[Any], object], arguments: Sequence[object]
    ) -> Generator[object, None, None]:
        """`function(argument)` for each argument, in order, computed by the workers.

        Stops early when the pool breaks (the caller computes the rest itself).
        `function` must be importable by name (it is pickled by reference).
        """
        for number in range(len(arguments)):
            while True:
                with self._cond:
                    if number in self._done:
                        result = self._done.pop(number)
                        break
                    if self.broken:
                        return
                    sends = self._plan_sends(len(arguments), number)
                    if not sends:
                        self._cond.wait(WAIT_SECONDS)
                        continue
                # Pipe writes happen outside the lock the reader threads need.
                for worker, task in sends:
                    if not worker.send((function, arguments[task])):
                        with self._cond:
                            worker.alive = False
                            self.broken = True
            yield result

    def _plan_sends(self, count: int, taking: int) -> list[tuple[_Worker, int]]:
        """Tasks to send now (the lock held): workers are kept 1 + ahead tasks deep,
        and no more results than that per worker wait here to be taken."""
        limit = min(count, taking + len(self._workers) * (1 + self._ahead))
        sends: list[tuple[_Worker, int]] = []
        for worker in self._workers:
            while worker.alive and len(worker.held) <= self._ahead and self._sent < limit:
                worker.held.append(self._sent)
                sends.append((worker, self._sent))
                self._sent += 1
        return sends

    def close(self) -> None:
        """End every worker and reap it; tasks not yet answered are dropped."""
        with self._cond:
            self._closing = True
            now = any(worker.held for worker in self._workers)
        for worker in self._workers:
            worker.stop(now)
        self._workers.clear()
