"""Opening articles: reading and typesetting them in workers, one wanted article at a time.

`ArticleOpener` runs the article workers of `reader.ui.loading`. Only the
article last asked for is shown: what its workers post (`ArticleLoaded`,
`ArticleFailed`) goes on up to the screen, and anything older is dropped
here. A slow open (a very long file) posts `Slow`, so the pane can say so;
a quick one would only flicker.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from textual import work
from textual.message import Message
from textual.timer import Timer
from textual.worker import Worker, get_current_worker

from reader.library.summary import Summary
from reader.model import Article
from reader.render.source import RoleStyles
from reader.ui import loading
from reader.ui.controller import Controller
from reader.ui.messages import ArticleFailed, ArticleLoaded

OPENING_NOTICE_DELAY = 0.3
"""Seconds an article may take to open before the pane says it is opening."""

TYPESET_MEMORY = 16
"""Articles whose typeset lines are kept, so going back to one (`p`, Escape and Enter)
shows it at once instead of reading and typesetting it again."""

TypesetKey = tuple[Path, str, int]
"""An article's file, its content hash and the column width it was typeset for."""


class ArticleOpener(Controller):
    """Reads and typesets the article wanted, and re-flows or shows as stored the one shown."""

    class Slow(Message):
        """The wanted article is taking a while to open."""

        def __init__(self, summary: Summary) -> None:
            """`summary`'s article is still being read."""
            super().__init__()
            self.summary = summary

    def __init__(self) -> None:
        """Nothing asked for yet."""
        super().__init__()
        self.wanted: Summary | None = None
        """The article last asked for: only its typeset lines are passed on."""
        self._opening: Worker[None] | None = None
        self._notice: Timer | None = None
        self._typeset: OrderedDict[TypesetKey, ArticleLoaded] = OrderedDict()

    @property
    def opening(self) -> bool:
        """True from asking for an article until it shows or is reported unreadable."""
        return self._notice is not None

    def is_current(self, summary: Summary, shown: Path | None) -> bool:
        """True when `summary`'s article, unchanged, is `shown` or still being opened.

        Asking for it again must not restart the work: while a scan moves its
        row, the preview asks again and again, and each restart cancelled a
        parse that a busy machine had not finished, leaving "Opening…" up.
        A file changed since (another content hash) is opened again.
        """
        wanted = self.wanted
        if wanted is None or (wanted.path, wanted.content_hash) != (
            summary.path,
            summary.content_hash,
        ):
            return False
        opening = self._opening is not None and not self._opening.is_finished
        return opening or shown == summary.path

    def open(self, summary: Summary, width: int) -> None:
        """Read `summary`'s article and typeset it `width` cells wide (in a worker).

        An article typeset for this width not long ago, and unchanged since
        (the same content hash), is passed on again at once.
        """
        self.wanted = summary
        kept = self._typeset.get((summary.path, summary.content_hash, width))
        if kept is not None and summary.content_hash:
            self._typeset.move_to_end((summary.path, summary.content_hash, width))
            self._opening = None
            self._stop_notice()
            self.post_message(ArticleLoaded(kept.path, kept.article, kept.lines, kept.width))
            return
        self._opening = self._open_article(summary.path, width)
        if self._notice is not None:
            self._notice.stop()
        self._notice = self.set_timer(OPENING_NOTICE_DELAY, lambda: self._say_slow(summary))

    def retypeset(self, path: Path, article: Article, width: int) -> None:
        """Typeset the article shown again for a new width (in a worker)."""
        self._retypeset(path, article, width)

    def open_source(self, path: Path, width: int, styles: RoleStyles) -> None:
        """Read the article's file line by line for `v` (in a worker)."""
        self._open_source(path, width, styles)

    def stop(self) -> None:
        """Stop the slow-open notice (on exit)."""
        self._stop_notice()

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        """Pass on the article just typeset only if it is still the one wanted.

        The wanted article is the one last asked for, not the row under the
        cursor: a scan may move the cursor (to the article remembered from
        last time) while the article chosen is still being typeset.
        """
        wanted = self.wanted
        if wanted is None or wanted.path != message.path:
            message.stop()
            return
        self._stop_notice()
        if wanted.content_hash:
            self._typeset[(wanted.path, wanted.content_hash, message.width)] = message
            while len(self._typeset) > TYPESET_MEMORY:
                self._typeset.popitem(last=False)

    def on_article_failed(self, message: ArticleFailed) -> None:
        """The article cannot be read: the slow-open notice is over."""
        self._stop_notice()

    @work(thread=True, exclusive=True, exit_on_error=False, group="article", name="article")
    def _open_article(self, path: Path, width: int) -> None:
        worker = get_current_worker()
        loading.open_article(path, width, self.post_message, lambda: worker.is_cancelled)

    # A group of its own: a re-flow must not cancel the opening of the next article.
    @work(thread=True, exclusive=True, exit_on_error=False, group="typeset", name="typeset")
    def _retypeset(self, path: Path, article: Article, width: int) -> None:
        worker = get_current_worker()
        loading.retypeset(path, article, width, self.post_message, lambda: worker.is_cancelled)

    @work(thread=True, exclusive=True, exit_on_error=False, group="source", name="source")
    def _open_source(self, path: Path, width: int, styles: RoleStyles) -> None:
        worker = get_current_worker()
        loading.open_source(path, width, styles, self.post_message, lambda: worker.is_cancelled)

    def _say_slow(self, summary: Summary) -> None:
        # A timer stopped just after it fired still runs: by then the article may be here.
        if self.opening and self.wanted is summary:
            self.post_message(self.Slow(summary))

    def _stop_notice(self) -> None:
        if self._notice is not None:
            self._notice.stop()
            self._notice = None
