"""The library in the app: the list from the index at once, then a scan of the folders.

`LibraryApp` (a base of `BroadsheetApp`, above the list state) runs the
library worker (`reader.ui.loading.load_library`): it opens the index, lists
what the index already holds, then checks the folders for new, changed and
vanished files while the user reads, updating the list in place with the
cursor kept on its article. `r` scans again; the header shows the progress.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.worker import get_current_worker

from reader.library.files import Problem
from reader.library.state_sql import StateMap
from reader.ui import loading
from reader.ui.list_state import ListStateApp
from reader.ui.messages import IndexReady, LibraryListed, ScanFinished, ScanProgress

MAX_PROBLEM_NOTICES = 5
"""Files reported one notification each; beyond this, one notification sums up the rest."""


class LibraryApp(ListStateApp):
    """Lists the library from its index and keeps it current (the app's base class)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "rescan", "Re-scan", show=False, id="library.rescan"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | r | Scan the library folders again for new, changed and removed files. |
    """

    def __init__(self) -> None:
        """Nothing listed or scanned yet."""
        super().__init__()
        self.loaded = False
        """True once the first scan of the folders has finished."""
        self.scanning = False
        """True while a scan runs."""
        self.problems_reported: set[object] = set()
        """Paths already reported, so each bad file is reported once."""
        self._notices = 0
        self._unnoticed = 0
        self._selection_pending = True

    # Hooks the app provides

    def listing_paused(self) -> bool:
        """True while the list shows something else than the library (search results)."""
        return False

    def index_opened(self) -> None:
        """Called when the index has opened (search runs a query typed before that)."""

    def library_scanned(self) -> None:
        """Called when the first scan has finished (the app shows an empty library's help)."""

    # The worker

    def start_library(self) -> None:
        """List the library from the index, then scan its folders (in a worker)."""
        self.scanning = True
        self._load_library()

    @work(thread=True, exclusive=True, exit_on_error=False, group="library", name="library")
    def _load_library(self) -> None:
        worker = get_current_worker()
        marks = self.keeper.marks if self.keeper is not None else StateMap([])
        loading.load_library(
            self.index,
            self.paths,
            lambda: self.view,
            marks,
            self.post_message,
            lambda: worker.is_cancelled,
        )

    def action_rescan(self) -> None:
        """Scan the library folders again."""
        if self.scanning:
            self.notify("The library is being scanned already.", title="Re-scan", markup=False)
            return
        self.status_header.scan = "scanning…"
        self.start_library()

    def close_index(self) -> None:
        """Stop the workers that use the index, then close it (on exit)."""
        self.workers.cancel_group(self, "library")
        self.workers.cancel_group(self, "search")
        if self.index is not None:
            self.index.close()
            self.index = None

    # What the worker posts

    def on_index_ready(self, message: IndexReady) -> None:
        """Keep the open index; say so if it had to be rebuilt or is temporary."""
        self.index = message.index
        for event in message.index.events:
            self.notify(event.message, title="Library index", severity="warning", markup=False)
        self.index_opened()

    def on_library_listed(self, message: LibraryListed) -> None:
        """Show the rows (cursor kept on its article) and the unread count."""
        if message.unread is not None:
            self.status_header.unread = message.unread
        if message.view != self.view or self.listing_paused():
            return  # a newer view or a search is listed already
        if message.rows is self.article_list.rows:  # the same rows, now with their count
            return
        self.show_rows(message.rows)
        if self._selection_pending and message.rows and self.restore_selected():
            self._selection_pending = False

    def on_scan_progress(self, message: ScanProgress) -> None:
        """Show how far the scan has got."""
        self.status_header.scan = f"indexing {message.done:,} / {message.total:,}"

    def on_scan_finished(self, message: ScanFinished) -> None:
        """Report the files that could not be read; the first scan ends the loading."""
        result = message.result
        self.scanning = False
        self.status_header.scan = ""
        self._selection_pending = False
        for problem in result.failed:
            self.report_problem(problem)
        if self._unnoticed:
            self.notify(
                f"{self._unnoticed} more files could not be read; `reader index` lists why.",
                title="Files skipped",
                severity="warning",
                markup=False,
            )
            self._unnoticed = 0
        if result.read_only:
            self.notify(
                "Another reader is updating the library index; some changes show next time.",
                title="Library index",
                markup=False,
            )
        if not self.loaded:
            self.loaded = True
            self.library_scanned()

    def forget_selection(self) -> None:
        """Stop waiting to put the cursor on the article selected last time.

        Called when the reader chooses an article before the scan has listed
        that one: the cursor must not be taken from under them.
        """
        self._selection_pending = False

    def report_problem(self, problem: Problem) -> None:
        """Tell the user, once per path, that a file could not be read, and why."""
        if problem.path in self.problems_reported:
            return
        self.problems_reported.add(problem.path)
        if self._notices >= MAX_PROBLEM_NOTICES:
            self._unnoticed += 1
            return
        self._notices += 1
        self.notify(
            f"{problem.path.name}: {problem.reason}",
            title="Could not read a file",
            severity="warning",
            markup=False,
        )
