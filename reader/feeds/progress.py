"""What a fetch reports: a `FeedProgress` for each step, a `FeedResult` per feed, one `FetchReport`.

A display (the CLI's Rich progress, the TUI) is given a FeedProgress when a
feed starts, each time one of its new articles is written (so a list can
show it at once), and when it finishes with its FeedResult.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

ProgressKind = Literal["started", "planned", "article", "finished"]


@dataclass(frozen=True, slots=True)
class FeedResult:
    """How one feed's fetch ended."""

    url: str
    title: str
    new: tuple[Path, ...] = ()
    """The article files written, in the order they were written."""
    unchanged: bool = False
    """True when the server said the feed had not changed (304), or sent the same bytes."""
    error: str | None = None
    """Why the feed could not be fetched or read, in plain words; None when it was."""
    warnings: tuple[str, ...] = ()
    """Problems that did not stop the feed: a malformed feed read in part, pages not extracted."""
    cancelled: bool = False

    @property
    def failed(self) -> bool:
        """True when the feed could not be fetched or read."""
        return self.error is not None

    @property
    def message(self) -> str:
        """The outcome in plain words: "3 new", "unchanged", "no new articles", or the error."""
        if self.error is not None:
            return self.error
        if self.cancelled:
            return "cancelled"
        if self.unchanged:
            return "unchanged"
        if not self.new:
            return "no new articles"
        return f"{len(self.new)} new"


@dataclass(frozen=True, slots=True)
class FeedProgress:
    """One step of a fetch, for a progress display.

    `kind` is "started" when the feed's fetch begins, "planned" once its
    unseen entries are counted (`planned` of them will be read), "article" when one of
    its new articles has been written (`path`), and "finished" when it is
    done (`result`). `done` of `total` feeds have finished, this one
    included once it is "finished".
    """

    kind: ProgressKind
    url: str
    title: str
    index: int
    """The feed's position in the fetch (0-based), for a display with one line per feed."""
    done: int
    total: int
    path: Path | None = None
    result: FeedResult | None = None
    planned: int | None = None
    """With "planned": how many new entries this fetch reads from the feed (after the cap)."""


@dataclass(frozen=True, slots=True)
class FetchReport:
    """The outcome of fetching a set of feeds: one FeedResult per feed, in subscription order."""

    results: tuple[FeedResult, ...] = field(default=())

    @property
    def new_paths(self) -> tuple[Path, ...]:
        """Every article file written, feed by feed."""
        return tuple(path for result in self.results for path in result.new)

    @property
    def failed(self) -> tuple[FeedResult, ...]:
        """The feeds that could not be fetched or read."""
        return tuple(result for result in self.results if result.failed)

    @property
    def all_failed(self) -> bool:
        """True when there was at least one feed and every one failed."""
        return bool(self.results) and len(self.failed) == len(self.results)
