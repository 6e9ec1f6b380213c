"""The two panes: the article list and the article, and how the reader moves between them.

`ReadingPanes` owns the list's cursor and the article shown: it previews the
row the cursor rests on (wide layout), opens the chosen one through its
`ArticleOpener`, keeps each article's reading position and puts the cursor
back on the article selected last time. It posts `Read` up when the reader
opens an article, so the screen can mark it read.

Layout: on a terminal 100 columns or wider the list sits left of the
article; narrower, one pane shows at a time (Enter opens, Escape returns).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer

from reader.formats.text import shown_lines, shown_text
from reader.library.files import Problem
from reader.library.summary import Summary
from reader.ui.article_list import ArticleList
from reader.ui.article_opener import ArticleOpener
from reader.ui.article_view import ArticleView
from reader.ui.messages import (
    ArticleFailed,
    ArticleLoaded,
    SourceFailed,
    SourceLoaded,
    SourceRequested,
)
from reader.ui.problem_notices import ProblemNotices
from reader.ui.state_actions import StateKeeper

WIDE_MIN_COLUMNS = 100
"""From this width up, the list and the article show side by side."""

PREVIEW_DELAY = 0.12
"""Seconds the cursor must rest on a row before the wide layout previews it."""

PathOfHash = Callable[[str], str | None]
"""Where the library now keeps the article with this content hash, if anywhere."""


class ReadingPanes(Horizontal):
    """The article list beside (or, narrow, instead of) the article being read."""

    class Read(Message):
        """The reader opened `summary`'s article to read it."""

        def __init__(self, summary: Summary) -> None:
            """`summary`'s article is being read."""
            super().__init__()
            self.summary = summary

    reading: reactive[bool] = reactive(False, init=False)
    """In the narrow layout: True while the article pane is shown instead of the list."""

    def __init__(self, keeper: StateKeeper, problems: ProblemNotices, *, id: str) -> None:
        """Panes keeping positions in `keeper`, reporting unreadable articles to `problems`."""
        super().__init__(id=id)
        self._keeper = keeper
        self._problems = problems
        self.article_list = ArticleList(id="list")
        self.article_view = ArticleView(id="article")
        self.opener = ArticleOpener()
        self._preview_timer: Timer | None = None
        self._shown: Summary | None = None
        """The article in the article pane, whose reading position is saved on leaving it."""
        self._selection_pending = True

    def compose(self) -> ComposeResult:
        """The list, the article, and the part that opens articles."""
        yield self.article_list
        yield self.article_view
        yield self.opener

    @property
    def narrow(self) -> bool:
        """True when one pane shows at a time."""
        return self.screen.size.width < WIDE_MIN_COLUMNS

    @property
    def opening(self) -> bool:
        """True from asking for an article until it shows or is reported unreadable."""
        return self.opener.opening

    def stop(self) -> None:
        """Stop the timers (on exit)."""
        self._cancel_preview()
        self.opener.stop()

    # The list

    def show_rows(self, rows: Sequence[Summary]) -> None:
        """List `rows`, keeping the cursor on the article it was on when it is still listed."""
        article_list = self.article_list
        before = article_list.highlighted_summary
        article_list.set_rows(rows)
        if before is not None:
            index = article_list.index_of(before.path)
            if index is not None and index != article_list.cursor:
                article_list.cursor = index

    def restore_selected(self, path_of_hash: PathOfHash) -> None:
        """Put the cursor on the article selected when the app last closed, once it is listed.

        Found by its path, else by its content (moved or renamed). Tried at
        each listing until it is found or `stop_restoring` is called.
        """
        if not self._selection_pending or not self.article_list.row_count:
            return
        selected = self._keeper.selected()
        if selected is None:
            self._selection_pending = False
            return
        path, digest = selected
        article_list = self.article_list
        index = article_list.index_of(Path(path))
        if index is None:
            moved_to = path_of_hash(digest)
            index = article_list.index_of(Path(moved_to)) if moved_to is not None else None
        if index is not None:
            article_list.cursor = index
            self._selection_pending = False

    def stop_restoring(self) -> None:
        """Stop waiting to put the cursor on last time's article (the scan is over)."""
        self._selection_pending = False

    def remember_places(self, selected: bool) -> None:
        """Remember the place in the article and, when `selected`, the article selected."""
        self.save_position()
        summary = self.article_list.highlighted_summary
        if summary is not None and selected:
            self._keeper.set_selected(summary)

    # Opening articles

    def show_message(self, message: Text) -> None:
        """Show `message` in the article pane (narrow: bring that pane forward)."""
        self.article_view.show_message(message)
        self.show_article_pane()

    def open_row(self, index: int) -> None:
        """Read the article in row `index` into the article pane (in a worker)."""
        rows = self.article_list.rows
        if not 0 <= index < len(rows):
            return
        self._cancel_preview()
        summary = rows[index]
        if self.opener.is_current(summary, self.article_view.path):
            return
        if self._shown is not None and self._shown.path != summary.path:
            self.save_position()
        self.opener.open(summary, self.article_view.reading_width)

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        """Show the article just typeset (the opener passes on only the wanted one)."""
        message.stop()
        view = self.article_view
        new = view.path != message.path
        view.show_article(message.path, message.article, message.lines, message.width)
        wanted = self.opener.wanted
        if new and wanted is not None:
            self._shown = wanted
            self._restore_position(wanted)

    def on_article_failed(self, message: ArticleFailed) -> None:
        """Say in the pane why the article cannot be read, and notify once."""
        message.stop()
        name, reason = shown_text(message.path.name), shown_lines(message.reason)
        self.article_view.show_message(Text(f"Cannot read {name}:\n{reason}"))
        self._problems.report(Problem(message.path, message.reason))

    @on(ArticleOpener.Slow)
    def _slow_open(self, message: ArticleOpener.Slow) -> None:
        headline = shown_text(message.summary.headline)
        self.article_view.show_message(Text(f"Opening “{headline}”…"))

    @on(ArticleList.Highlighted)
    def _preview(self) -> None:
        # In the wide layout the article follows the cursor, once it rests there.
        if not self.narrow:
            self._cancel_preview()
            self._preview_timer = self.set_timer(PREVIEW_DELAY, self._preview_now)

    def _preview_now(self) -> None:
        if self.is_attached:  # the timer may fire while the app shuts down
            self.open_row(self.article_list.cursor)

    @on(ArticleList.Selected)
    def _selected(self, message: ArticleList.Selected) -> None:
        self._selection_pending = False  # the reader's choice: last time's place is moot
        self.open_row(message.index)
        self.show_article_pane()
        self.post_message(self.Read(message.summary))

    @on(ArticleView.StepRequested)
    def _step(self, message: ArticleView.StepRequested) -> None:
        article_list = self.article_list
        index = article_list.validate_cursor(article_list.cursor + message.step)
        if index != article_list.cursor:
            self._selection_pending = False
            article_list.cursor = index
            self.open_row(index)
            self.post_message(self.Read(article_list.rows[index]))

    @on(ArticleView.BackRequested)
    def _back(self) -> None:
        self.save_position()
        self.show_list_pane()

    @on(ArticleView.ReflowNeeded)
    def _reflow(self, message: ArticleView.ReflowNeeded) -> None:
        self.opener.retypeset(message.path, message.article, message.width)

    def on_source_requested(self, message: SourceRequested) -> None:
        """Read the article's file line by line for `v`."""
        message.stop()
        self.opener.open_source(message.path, message.width, message.styles)

    def on_source_loaded(self, message: SourceLoaded) -> None:
        """Show the article's file as stored, if that article is still the one shown."""
        message.stop()
        self.article_view.show_source(message.path, message.lines, message.width)

    def on_source_failed(self, message: SourceFailed) -> None:
        """Say why the file cannot be shown as stored; the article stays."""
        message.stop()
        name, reason = shown_text(message.path.name), shown_lines(message.reason)
        self.notify(f"Cannot show {name} as captured: {reason}", severity="warning")

    def _cancel_preview(self) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None

    # Moving between the panes

    def show_article_pane(self) -> None:
        """Bring the article forward (narrow: full width) and focus it."""
        self.reading = True
        self.article_view.focus()

    def show_list_pane(self) -> None:
        """Bring the list back (narrow: full width) and focus it."""
        self.reading = False
        self.article_list.focus()

    def switch_pane(self) -> None:
        """Move to the other pane (narrow: from the list, open the article under the cursor)."""
        if self.screen.focused is self.article_view:
            self.show_list_pane()
        elif self.narrow:
            self.article_list.select_cursor()
        else:
            self.show_article_pane()
            # Moving into the previewed article to read it marks it read, as Enter does.
            if self._shown is not None and self.article_view.path == self._shown.path:
                self.post_message(self.Read(self._shown))

    def watch_reading(self, reading: bool) -> None:
        """Narrow layout: show one pane or the other."""
        self._show_panes()

    def on_resize(self, event: events.Resize) -> None:
        """Keep the narrow layout showing the pane that has focus."""
        if event.size.width < WIDE_MIN_COLUMNS:
            # The main screen's focus: a dialog on top (help) has a focus of its own.
            self.reading = self.screen.focused is self.article_view
        self._show_panes()

    def _show_panes(self) -> None:
        # Set on the two panes, not as a class on this container: a class change
        # restyles every widget inside (the list, the article and all its parts), a
        # cost every Enter and Escape paid.
        narrow = self.narrow
        self.article_list.display = not (narrow and self.reading)
        self.article_view.display = not narrow or self.reading

    # Reading positions

    def save_position(self) -> None:
        """Remember how far into the shown article the reader got."""
        view, shown = self.article_view, self._shown
        if shown is not None and view.path == shown.path:
            self._keeper.set_position(shown, view.reading_fraction)

    def _restore_position(self, summary: Summary) -> None:
        fraction = self._keeper.position(summary)
        if not fraction:
            return
        view = self.article_view

        def scroll() -> None:
            if view.path == summary.path:
                view.scroll_to_fraction(fraction)

        view.after_layout(scroll)  # with photos, the height is known only once they are mounted
