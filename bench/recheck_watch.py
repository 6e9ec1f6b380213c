"""Watch the reader's start-up re-check from outside: its worker process, seen in /proc.

The reader lists the library from its index, then re-checks the folders in
a worker process (reader/library/recheck.py): a `python -c ... serve()`
child of the app's process that exits when the survey is done. The app then
writes the differences (none for an unchanged library) and clears the
header's "indexing N / N". So the re-check's end is observable without
touching the app: the worker child has been seen and is gone. A thread polls
/proc every few milliseconds for it (this kernel has no /proc/PID/children,
so each poll reads every process's parent), and keeps the worker's last CPU
time and peak memory, which can no longer be read once it has exited.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from proc_info import cpu_seconds, process_tree, vm_hwm_kb

POLL_SECONDS = 0.01
"""Between two looks at /proc (a look costs about 1 ms of this process's CPU)."""


@dataclass
class WorkerSeen:
    """What was seen of one worker process."""

    pid: int
    first: float
    """perf_counter when it was first seen."""
    last: float
    """perf_counter when it was last seen alive."""
    cpu: float = 0.0
    """Its CPU seconds at the last look (a poll interval's worth may be missing)."""
    peak_kb: int = 0


class RecheckWatch:
    """A thread that notes the app's worker processes: when each started and ended."""

    def __init__(self, app_pid: int) -> None:
        """Start watching the children of `app_pid`."""
        self.app_pid = app_pid
        self.workers: dict[int, WorkerSeen] = {}
        self.ended: float | None = None
        """perf_counter when the first worker was first seen gone (the survey's end)."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="recheck-watch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            now = time.perf_counter()
            alive = set(process_tree(self.app_pid)[1:])
            for pid in alive:
                seen = self.workers.setdefault(pid, WorkerSeen(pid, now, now))
                seen.last = now
                seen.cpu = cpu_seconds(pid) or seen.cpu
                seen.peak_kb = vm_hwm_kb(pid) or seen.peak_kb
            if self.ended is None and self.workers and not alive:
                self.ended = now
            if self.ended is not None:
                return
            self._stop.wait(POLL_SECONDS)

    @property
    def over(self) -> bool:
        """True once a worker was seen and none is left."""
        return self.ended is not None

    def wait(self, timeout: float) -> bool:
        """Wait for the re-check's end; False when it did not end within `timeout` s."""
        self._thread.join(timeout)
        return self.over

    def stop(self) -> None:
        """Stop watching (the app is about to be killed)."""
        self._stop.set()
        self._thread.join()

    @property
    def worker_cpu(self) -> float:
        """The CPU seconds of every worker seen (at their last look)."""
        return sum(seen.cpu for seen in self.workers.values())

    @property
    def worker_peak_kb(self) -> int:
        """The largest peak memory of the workers seen."""
        return max((seen.peak_kb for seen in self.workers.values()), default=0)
