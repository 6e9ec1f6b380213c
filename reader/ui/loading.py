"""What the app's thread workers do: list and scan the library, open articles.

These functions run in worker threads. They touch no widget: they post
messages (see `reader.ui.messages`) through the `post` callback and stop
early when `cancelled()` turns true.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from textual.message import Message

from reader.errors import unexpected
from reader.formats import ArticleError, read_article, read_lines
from reader.formats.budget import within_budget
from reader.library.index import LibraryIndex
from reader.library.listing import SortAndFilters, list_articles, unread_count
from reader.library.state_sql import StateMap
from reader.model import Article
from reader.render.source import RoleStyles
from reader.ui.messages import (
    ArticleFailed,
    ArticleLoaded,
    IndexReady,
    LibraryListed,
    ScanFinished,
    ScanProgress,
    SourceFailed,
    SourceLoaded,
)
from reader.ui.typeset import typeset, typeset_source

Post = Callable[[Message], object]
Cancelled = Callable[[], bool]
CurrentView = Callable[[], SortAndFilters]

RELIST_SECONDS = 1.0
"""While a scan writes to the index, the list is re-read at most this often."""
FIRST_SCREEN_WAIT = 1.0
"""The worker waits at most this long for the first rows to be drawn before counting."""


class _Lister:
    """Posts the list's rows from the index, when they may have changed since last time."""

    def __init__(
        self, index: LibraryIndex, paths: Sequence[Path], view: CurrentView, marks: StateMap
    ) -> None:
        self.index, self.paths, self.view, self.marks = index, paths, view, marks
        self.seen_changes = -1
        self.last_listed = 0.0

    def listing(self, *, force: bool = False, count: bool = True) -> LibraryListed | None:
        """The rows and unread count, or None when the index has not changed since last time.

        Counting reads every row's key (a tenth of a second at 100,000 rows):
        `count=False` leaves it out, to show the first screen sooner.
        """
        changes = self.index.changes()
        if changes == self.seen_changes and not force:
            return None
        self.seen_changes = changes
        self.last_listed = time.monotonic()
        view = self.view()
        if not count:
            return LibraryListed(
                list_articles(self.index, self.paths, view, self.marks), view, None
            )
        # Both the unread count and a filter by marks read every row's key: read them once.
        keys = self.index.keys(self.paths)
        rows = list_articles(self.index, self.paths, view, self.marks, keys)
        unread = unread_count(self.index, self.paths, self.marks, keys)
        return LibraryListed(rows, view, unread)


def load_library(
    index: LibraryIndex | None,
    paths: Sequence[Path],
    view: CurrentView,
    marks: StateMap,
    post: Post,
    cancelled: Cancelled,
    shown: threading.Event | None = None,
) -> None:
    """List the library from the index at once, then scan the folders and keep the list current.

    Opens the index first when `index` is None (posting IndexReady). After
    the first rows it waits for `shown` (set once they are drawn), so that
    counting the unread and the scan do not hold the interpreter while the
    first screen is drawn. While the scan runs it posts ScanProgress, and
    LibraryListed whenever the scan has written changes (at most every
    RELIST_SECONDS); ScanFinished at the end.
    """
    if index is None:
        index = LibraryIndex.open()
        post(IndexReady(index))
    lister = _Lister(index, paths, view, marks)
    first = lister.listing(force=True, count=False)
    if first is not None and not cancelled():
        post(first)
        if shown is not None:
            shown.wait(FIRST_SCREEN_WAIT)
        unread = unread_count(index, paths, marks)
        if not cancelled():
            post(LibraryListed(first.rows, first.view, unread))

    def progress(done: int, total: int) -> None:
        post(ScanProgress(done, total))
        if time.monotonic() - lister.last_listed >= RELIST_SECONDS:
            listed = lister.listing()
            if listed is not None:
                post(listed)

    warm_up_parser()
    # The folders are surveyed in a worker process: this interpreter (the app's) only
    # writes the differences it sends back, and nothing when the library is unchanged.
    result = index.refresh(paths, progress, cancelled, elsewhere=True)
    if cancelled():
        return
    # Only a change to the articles lists again (the folder records written are no change).
    listed = lister.listing() if result.changed else None
    if listed is not None:
        post(listed)
    post(ScanFinished(result))


def warm_up_parser() -> None:
    """Import the page-capture parser now, while the user looks at the list.

    Its import compiles the models' patterns (a tenth of a second); done here
    the first article opened does not pay for it.
    """
    import reader.formats.capture  # noqa: F401


def index_files(
    index: LibraryIndex,
    files: Sequence[Path],
    roots: Sequence[Path],
    view: CurrentView,
    marks: StateMap,
    post: Post,
    cancelled: Cancelled,
) -> None:
    """Index some new files (articles just fetched), then post the list again."""
    index.refresh(files, None, cancelled)
    if cancelled():
        return
    listed = _Lister(index, roots, view, marks).listing(force=True)
    if listed is not None:
        post(listed)


def open_article(path: Path, width: int, post: Post, cancelled: Cancelled) -> None:
    """Read and typeset the article at `path`; post ArticleLoaded or ArticleFailed."""
    try:
        article = within_budget(read_article, path)
    except ArticleError as error:
        reason = str(error)
    except Exception as error:  # a parser bug: report it against this file, like a bad file
        reason = unexpected(error)
    else:
        if not cancelled():
            retypeset(path, article, width, post, cancelled)
        return
    if not cancelled():
        post(ArticleFailed(path, reason))


def retypeset(path: Path, article: Article, width: int, post: Post, cancelled: Cancelled) -> None:
    """Typeset an article already read for a new width; post ArticleLoaded."""
    lines = typeset(article, width)
    if not cancelled():
        post(ArticleLoaded(path, article, lines, width))


def open_source(
    path: Path, width: int, styles: RoleStyles, post: Post, cancelled: Cancelled
) -> None:
    """Read the file at `path` line by line with the roles the parser gave its lines and
    typeset them (`v`); post SourceLoaded or SourceFailed."""
    try:
        records = within_budget(read_lines, path)
    except ArticleError as error:
        reason = str(error)
    except Exception as error:  # a parser bug: say so, as for opening the article
        reason = unexpected(error)
    else:
        lines = typeset_source(records, width, styles)
        if not cancelled():
            post(SourceLoaded(path, lines, width))
        return
    if not cancelled():
        post(SourceFailed(path, reason))
