"""The library in the app: the list from the index at once, then a scan of the folders.

`LibraryScan` runs the library worker (`reader.ui.loading.load_library`): it
opens the index, lists what the index already holds, then checks the
folders for new, changed and vanished files while the user reads. It keeps
the open index, reports unreadable files, and posts up what the screen
shows: the rows (`LibraryListed`, as the worker sends them), the scan's
progress (`Status`) and the end of each scan (`Scanned`, or `Stopped`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from textual import work
from textual.message import Message
from textual.worker import Worker, WorkerState, get_current_worker

from reader.library.index import LibraryIndex
from reader.library.listing import SortAndFilters
from reader.library.state_sql import StateMap
from reader.ui import loading
from reader.ui.controller import Controller, StatusText
from reader.ui.messages import IndexReady, ScanFinished, ScanProgress
from reader.ui.problem_notices import ProblemNotices


class LibraryScan(Controller):
    """Opens the library index, lists it, and keeps it current with the folders."""

    class Status(StatusText):
        """How far the scan has got, for the header ("" when no scan runs)."""

    class Opened(Message):
        """The index is open: what waited for it (a search typed early) can run."""

    class Stopped(Message):
        """A scan failed half-way (the failure is reported): the list stays as it is."""

    class Scanned(Message):
        """A scan of the folders is over (`first`: the one started with the app)."""

        def __init__(self, first: bool) -> None:
            """The scan that ended was the app's first when `first`."""
            super().__init__()
            self.first = first

    def __init__(
        self,
        paths: Sequence[Path],
        view: Callable[[], SortAndFilters],
        problems: ProblemNotices,
    ) -> None:
        """Scan `paths`, listing rows through the current `view()`; report to `problems`."""
        super().__init__()
        self.paths = list(paths)
        """The files and folders the library is read from."""
        self._view = view
        self._problems = problems
        self._marks = StateMap([])
        self.index: LibraryIndex | None = None
        """The open library index; None until the worker has opened it."""
        self.loaded = False
        """True once the first scan of the folders has finished."""
        self.scanning = False
        """True while a scan runs."""
        self._rows_shown = threading.Event()

    def start(self, marks: StateMap) -> None:
        """List the library from the index, then scan its folders (in a worker)."""
        self._marks = marks
        self.scanning = True
        self._rows_shown = threading.Event()
        self._load_library()

    def rows_shown(self) -> None:
        """The rows the worker listed are on screen: it may go on counting and scanning."""
        self._rows_shown.set()

    def rescan(self) -> None:
        """Scan the library folders again (unless a scan runs already)."""
        if self.scanning:
            self.notify("The library is being scanned already.", title="Re-scan", markup=False)
            return
        self.post_message(self.Status("scanning…"))
        self.start(self._marks)

    def index_files(self, paths: list[Path]) -> None:
        """Index new files (articles just fetched) and list the library again."""
        self._index_files(paths)

    def close(self) -> None:
        """Stop the workers that use the index, then close it (on exit)."""
        self.workers.cancel_node(self)
        self._rows_shown.set()  # a worker waiting for the first screen stops waiting
        if self.index is not None:
            self.index.close()
            self.index = None

    @work(thread=True, exclusive=True, exit_on_error=False, group="library", name="library")
    def _load_library(self) -> None:
        worker = get_current_worker()
        loading.load_library(
            self.index,
            self.paths,
            self._view,
            self._marks,
            self.post_message,
            lambda: worker.is_cancelled,
            self._rows_shown,
        )

    @work(thread=True, exclusive=False, exit_on_error=False, group="arrivals", name="arrivals")
    def _index_files(self, paths: list[Path]) -> None:
        index, worker = self.index, get_current_worker()
        if index is not None:
            loading.index_files(
                index,
                paths,
                self.paths,
                self._view,
                self._marks,
                self.post_message,
                lambda: worker.is_cancelled,
            )

    # What the worker posts (its `LibraryListed` goes on up to the screen as it is)

    def on_index_ready(self, message: IndexReady) -> None:
        """Keep the open index; say so if it had to be rebuilt or is temporary."""
        message.stop()
        self.index = message.index
        for event in message.index.events:
            self.notify(event.message, title="Library index", severity="warning", markup=False)
        self.post_message(self.Opened())

    def on_scan_progress(self, message: ScanProgress) -> None:
        """Say how far the scan has got."""
        message.stop()
        self.post_message(self.Status(f"indexing {message.done:,} / {message.total:,}"))

    def on_scan_finished(self, message: ScanFinished) -> None:
        """Report the files that could not be read, and that the scan is over."""
        message.stop()
        result = message.result
        self.scanning = False
        for problem in result.failed:
            self._problems.report(problem)
        self._problems.sum_up()
        if result.read_only:
            self.notify(
                "Another reader is updating the library index; some changes show next time.",
                title="Library index",
                markup=False,
            )
        first = not self.loaded
        self.loaded = True
        self.post_message(self.Status(""))
        self.post_message(self.Scanned(first))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed scan is over: say it stopped (and what failed)."""
        super().on_worker_state_changed(event)
        if event.state == WorkerState.ERROR and event.worker.name == "library":
            self.scanning = False
            self.post_message(self.Stopped())
