"""Files that could not be read, told to the user once each and never in a flood."""

from __future__ import annotations

from collections.abc import Callable

from reader.library.files import Problem

MAX_PROBLEM_NOTICES = 5
"""Files reported one notification each; beyond this, one notification sums up the rest."""

Notify = Callable[[str, str], object]
"""Shows a warning: `notify(message, title)`."""


class ProblemNotices:
    """Reports unreadable files: one notification per path, at most a few in all."""

    def __init__(self, notify: Notify) -> None:
        """Warnings go to `notify(message, title)`."""
        self._notify = notify
        self._reported: set[object] = set()
        self._notices = 0
        self._unnoticed = 0

    def report(self, problem: Problem) -> None:
        """Tell the user, once per path, that a file could not be read, and why."""
        if problem.path in self._reported:
            return
        self._reported.add(problem.path)
        if self._notices >= MAX_PROBLEM_NOTICES:
            self._unnoticed += 1
            return
        self._notices += 1
        self._notify(f"{problem.path.name}: {problem.reason}", "Could not read a file")

    def sum_up(self) -> None:
        """One notification for the files reported beyond the first few, if any."""
        if self._unnoticed:
            self._notify(
                f"{self._unnoticed} more files could not be read; `reader index` lists why.",
                "Files skipped",
            )
            self._unnoticed = 0
