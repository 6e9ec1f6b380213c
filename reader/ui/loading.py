"""What the app's thread workers do: read the library and open articles.

These functions run in worker threads. They touch no widget: they post
messages (see `reader.ui.messages`) through the `post` callback and stop
early when `cancelled()` turns true.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from textual.message import Message

from reader.formats import ArticleError, read_article
from reader.library.files import Problem, discover
from reader.library.state import content_hash
from reader.library.summary import Summary, summarize
from reader.model import Article
from reader.ui.messages import ArticleFailed, ArticleLoaded, LibraryBatch, LibraryLoaded
from reader.ui.typeset import typeset

Post = Callable[[Message], object]
Cancelled = Callable[[], bool]

BATCH_SIZE = 250
"""Post at most this many summaries at once..."""
BATCH_SECONDS = 0.1
"""...and at least this often, so the list fills while reading continues."""


def read_summary(path: Path) -> Summary:
    """Read, parse and summarise one file, with its content hash (the state's key).

    Raises ArticleError with a plain reason.
    """
    article = read_article(path)
    try:
        file_time = path.stat().st_mtime
        digest = content_hash(path)
    except OSError as error:
        raise ArticleError(f"cannot read its file ({error.strerror or error})") from error
    return dataclasses.replace(summarize(path, article, file_time), content_hash=digest)


def load_library(paths: Iterable[Path], post: Post, cancelled: Cancelled) -> None:
    """Find the article files under `paths` and post their summaries in batches.

    A file that cannot be read becomes a Problem in the batch, never an
    exception: one bad file must not stop the rest of the library.
    """
    discovery = discover(paths)
    summaries: list[Summary] = []
    problems: list[Problem] = list(discovery.problems)
    read = failed = 0
    failed += len(problems)
    last_post = time.monotonic()
    for path in discovery.files:
        if cancelled():
            return
        try:
            summaries.append(read_summary(path))
            read += 1
        except ArticleError as error:
            problems.append(Problem(path, str(error)))
            failed += 1
        except Exception as error:  # a parser bug must cost one file, not the library
            problems.append(Problem(path, f"unexpected error: {error!r}"))
            failed += 1
        now = time.monotonic()
        if len(summaries) >= BATCH_SIZE or now - last_post >= BATCH_SECONDS:
            post(LibraryBatch(summaries, problems))
            summaries, problems, last_post = [], [], now
    if cancelled():
        return
    if summaries or problems:
        post(LibraryBatch(summaries, problems))
    post(LibraryLoaded(read, failed))


def open_article(path: Path, width: int, post: Post, cancelled: Cancelled) -> None:
    """Read and typeset the article at `path`; post ArticleLoaded or ArticleFailed."""
    try:
        article = read_article(path)
    except ArticleError as error:
        reason = str(error)
    except Exception as error:  # a parser bug: report it against this file, like a bad file
        reason = f"unexpected error: {error!r}"
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
