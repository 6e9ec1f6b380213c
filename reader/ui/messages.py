"""Messages the library and article workers post to the app.

Workers run in threads; they never touch widgets, they post these messages
and the app updates the screen on its own thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.strip import Strip

from reader.library.index import LibraryIndex, SummaryRows
from reader.library.listing import SortAndFilters
from reader.model import Article
from reader.render.source import RoleStyles

if TYPE_CHECKING:
    from reader.library.scan import RefreshResult


class IndexReady(Message):
    """The library index is open (perhaps rebuilt or temporary: see its `events`)."""

    def __init__(self, index: LibraryIndex) -> None:
        """`index` was opened by the library worker."""
        super().__init__()
        self.index = index
        """The open index; the app closes it on exit."""


class LibraryListed(Message):
    """The index's rows for the list, as a view sorts and filters them."""

    def __init__(self, rows: SummaryRows, view: SortAndFilters, unread: int | None) -> None:
        """`rows` are what `view` shows; `unread` articles in the library are unread."""
        super().__init__()
        self.rows = rows
        """The rows, in list order (built lazily as the list draws them)."""
        self.view = view
        """The sort and filters the rows were listed with."""
        self.unread = unread
        """How many articles of the library are unread, whatever the filters (None: not
        counted yet, a second listing follows with the count)."""


class ScanProgress(Message):
    """A library scan has checked `done` of `total` files."""

    def __init__(self, done: int, total: int) -> None:
        """`done` of `total` article files checked."""
        super().__init__()
        self.done = done
        """Files checked so far."""
        self.total = total
        """Article files found."""


class ScanFinished(Message):
    """A library scan is over: what it added, updated, removed, and what failed."""

    def __init__(self, result: RefreshResult) -> None:
        """The scan's `result`."""
        super().__init__()
        self.result = result
        """Counts and the files that could not be read."""


class ArticleLoaded(Message):
    """An article has been parsed and typeset for a column width."""

    def __init__(self, path: Path, article: Article, lines: Sequence[Strip], width: int) -> None:
        """The article read from `path`, typeset into `lines` of `width` cells."""
        super().__init__()
        self.path = path
        """The file the article was read from."""
        self.article = article
        """The parsed article."""
        self.lines = list(lines)
        """The typeset article, one strip per terminal line."""
        self.width = width
        """The column width the lines were typeset for."""


class ArticleFailed(Message):
    """An article chosen to read could not be read."""

    def __init__(self, path: Path, reason: str) -> None:
        """`path` could not be read, for `reason` (plain words)."""
        super().__init__()
        self.path = path
        """The file that could not be read."""
        self.reason = reason
        """Why, in plain words."""


class SourceRequested(Message):
    """The reader wants the article's file as stored (v), typeset for `width` cells."""

    def __init__(self, path: Path, width: int, styles: RoleStyles) -> None:
        """Read `path` line by line and typeset it `width` cells wide in `styles`."""
        super().__init__()
        self.path = path
        """The file of the article shown."""
        self.width = width
        """The column width."""
        self.styles = styles
        """Each role's style, from the theme."""


class SourceLoaded(Message):
    """An article's file has been read line by line with its roles and typeset (`v`)."""

    def __init__(self, path: Path, lines: Sequence[Strip], width: int) -> None:
        """The lines of `path`, typeset into `lines` of `width` cells."""
        super().__init__()
        self.path = path
        """The article file shown."""
        self.lines = list(lines)
        """The file's lines with their roles, one strip per terminal line."""
        self.width = width
        """The column width the lines were typeset for."""


class SourceFailed(Message):
    """An article's file could not be read again to show it as stored."""

    def __init__(self, path: Path, reason: str) -> None:
        """`path` could not be read, for `reason` (plain words)."""
        super().__init__()
        self.path = path
        """The article file."""
        self.reason = reason
        """Why, in plain words."""
