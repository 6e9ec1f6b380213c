"""Messages the loading workers post to the app.

Workers run in threads; they never touch widgets, they post these messages
and the app updates the screen on its own thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.message import Message
from textual.strip import Strip

from reader.library.files import Problem
from reader.library.summary import Summary
from reader.model import Article


class LibraryBatch(Message):
    """Some more articles have been read, and some files could not be."""

    def __init__(self, summaries: Sequence[Summary], problems: Sequence[Problem]) -> None:
        """A batch of `summaries` read and `problems` met since the last batch."""
        super().__init__()
        self.summaries = list(summaries)
        """Summaries of the articles read, in discovery order."""
        self.problems = list(problems)
        """Files (or paths) that could not be read, each with its reason."""


class LibraryLoaded(Message):
    """Every file has been tried."""

    def __init__(self, articles: int, failed: int) -> None:
        """`articles` were read, `failed` paths could not be."""
        super().__init__()
        self.articles = articles
        """How many articles were read."""
        self.failed = failed
        """How many paths could not be read."""


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
