"""The Broadsheet Textual app: the article list and the article, keyboard first.

Layout: on a terminal 100 columns or wider the list sits left of the
article; narrower, one pane shows at a time (Enter opens, Escape returns).
Disk work happens in thread workers (`reader.ui.loading`), which post
messages back; this module wires the article messages to the widgets (the
library's are handled in `library_app`, search in `search_app`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer
from textual.worker import Worker, WorkerState, get_current_worker

from reader.formats.text import shown_lines, shown_text
from reader.library.files import Problem
from reader.library.summary import Summary
from reader.model import Article
from reader.render.source import RoleStyles
from reader.ui import loading
from reader.ui.article_list import ArticleList
from reader.ui.article_view import ArticleView
from reader.ui.feeds_app import FeedsApp
from reader.ui.help_screen import HelpScreen, binding_groups
from reader.ui.messages import (
    ArticleFailed,
    ArticleLoaded,
    SourceFailed,
    SourceLoaded,
    SourceRequested,
)
from reader.ui.palette import reader_commands
from reader.ui.search_app import SearchInput
from reader.ui.status_header import StatusHeader

WIDE_MIN_COLUMNS = 100
"""From this width up, the list and the article show side by side."""

PREVIEW_DELAY = 0.12
"""Seconds the cursor must rest on a row before the wide layout previews it."""

OPENING_NOTICE_DELAY = 0.3
"""Seconds an article may take to open before the pane says it is opening."""


class BroadsheetApp(FeedsApp):
    """The reader: the article list and the article, keyboard first."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "Broadsheet"
    # Unannotated: Textual types this as `ClassVar[...] | None`, which mypy will not let a
    # subclass re-annotate.
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-narrow"),
        (WIDE_MIN_COLUMNS, "-wide"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("tab", "switch_pane", "Switch pane", priority=True, id="app.switch_pane"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | q | Quit. |
    | ? | Show every key. |
    | tab | Move between the list and the article. |
    | ctrl+p | The command palette (Textual's own). |
    """

    BINDING_GROUP_TITLE = "Broadsheet"

    reading: reactive[bool] = reactive(False, init=False)
    """In the narrow layout: True while the article pane is shown instead of the list."""

    def __init__(self, paths: Sequence[Path], *, library_dir: Path | None = None) -> None:
        """Open the reader on `paths` (files and folders); `library_dir` is shown as the
        place to add articles when no article is found."""
        super().__init__()
        self.paths = list(paths)
        self.library_dir = library_dir
        self._preview_timer: Timer | None = None
        self._opening_timer: Timer | None = None
        self._shown: Summary | None = None
        """The article in the article pane, whose reading position is saved on leaving it."""
        self._wanted: Summary | None = None
        """The article last asked for: only its typeset lines are shown when they arrive."""
        self._opening: Worker[None] | None = None
        """The worker reading and typesetting the wanted article."""

    def compose(self) -> ComposeResult:
        """Header, the two panes, footer."""
        yield StatusHeader()
        yield SearchInput(placeholder="Search headlines, bullets and text", id="search")
        with Horizontal(id="panes"):
            yield ArticleList(id="list")
            yield ArticleView(id="article")
        yield Footer()

    @property
    def article_view(self) -> ArticleView:
        """The article pane."""
        return self.query_one(ArticleView)

    @property
    def opening(self) -> bool:
        """True from asking for an article until it shows or is reported unreadable."""
        return self._opening_timer is not None

    @property
    def narrow(self) -> bool:
        """True when one pane shows at a time."""
        return self.size.width < WIDE_MIN_COLUMNS

    def on_mount(self) -> None:
        """Focus the list and start listing the library."""
        self.article_list.focus()
        self.open_keeper()
        self.start_library()

    # Workers: they run in threads and only post messages.

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

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Report any worker that failed: the one place worker errors surface."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if event.worker.name == "library":
            self.scanning = False
            header = self.status_header
            header.scan = "scan stopped"
            header.listed = self.article_list.row_count  # counts, not "Loading…", from now on
        self.notify(
            f"{event.worker.name} failed: {error!r}",
            title="Something went wrong",
            severity="error",
            markup=False,
        )

    # The library

    def library_scanned(self) -> None:
        """After the first scan: an empty library says how to add articles."""
        if self.article_list.row_count == 0 and not self.view.filtered:
            self.article_view.show_message(self.empty_library_message())
            self.show_article_pane()  # narrow: the message lives in the article pane

    def empty_library_message(self) -> Text:
        """What the article pane says when no article was found."""
        if self.library_dir is not None:
            where = str(self.library_dir)
        else:
            where = ", ".join(str(path) for path in self.paths) or "the library folder"
        return Text(f"No articles yet.\n\nAdd .txt or .md files to {where},\nor run: reader PATH")

    # Opening articles

    def open_row(self, index: int) -> None:
        """Read the article in row `index` into the article pane (in a worker)."""
        rows = self.article_list.rows
        if 0 <= index < len(rows):
            self._cancel_preview()
            summary = rows[index]
            if self._open_or_opening(summary):
                return
            if self._shown is not None and self._shown.path != summary.path:
                self.save_position()
            self._wanted = summary
            self._opening = self._open_article(summary.path, self.article_view.reading_width)
            # Only a slow open (a very long file) says so; a quick one would just flicker.
            if self._opening_timer is not None:
                self._opening_timer.stop()
            self._opening_timer = self.set_timer(
                OPENING_NOTICE_DELAY, lambda: self._say_opening(summary)
            )

    def _say_opening(self, summary: Summary) -> None:
        # A timer stopped just after it fired still runs: by then the article may be here.
        if self.opening and self._wanted is summary:
            self.article_view.show_message(Text(f"Opening “{shown_text(summary.headline)}”…"))

    def _open_or_opening(self, summary: Summary) -> bool:
        """True when `summary`'s article, unchanged, is the one shown or still being opened.

        Asking for it again must not restart the work: while a scan moves its
        row, the preview asks again and again, and each restart cancelled a
        parse that a busy machine had not finished, leaving "Opening…" up.
        A file changed since (another content hash) is opened again.
        """
        wanted = self._wanted
        if wanted is None or (wanted.path, wanted.content_hash) != (
            summary.path,
            summary.content_hash,
        ):
            return False
        opening = self._opening is not None and not self._opening.is_finished
        return opening or self.article_view.path == summary.path

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        """Show the article just typeset, if it is still the one wanted.

        The wanted article is the one last asked for, not the row under the
        cursor: a scan may move the cursor (to the article remembered from
        last time) while the article chosen is still being typeset.
        """
        wanted = self._wanted
        if wanted is None or wanted.path != message.path:
            return
        self._stop_opening_notice()
        view = self.article_view
        new = view.path != message.path
        view.show_article(message.path, message.article, message.lines, message.width)
        if new:
            self._shown = wanted
            self._restore_position(wanted)

    def on_article_failed(self, message: ArticleFailed) -> None:
        """Say in the pane why the article cannot be read, and notify once."""
        self._stop_opening_notice()
        name, reason = shown_text(message.path.name), shown_lines(message.reason)
        self.article_view.show_message(Text(f"Cannot read {name}:\n{reason}"))
        self.report_problem(Problem(message.path, message.reason))

    @on(ArticleList.Highlighted)
    def _preview(self, message: ArticleList.Highlighted) -> None:
        # In the wide layout the article follows the cursor, once it rests there.
        if not self.narrow:
            self._cancel_preview()
            self._preview_timer = self.set_timer(PREVIEW_DELAY, self._preview_now)

    def _preview_now(self) -> None:
        # The timer may fire while the app shuts down, after the list is gone.
        for article_list in self.query(ArticleList):
            self.open_row(article_list.cursor)

    @on(ArticleList.Selected)
    def _read(self, message: ArticleList.Selected) -> None:
        self.forget_selection()  # the reader's choice: the place kept from last time is moot
        self.open_row(message.index)
        self.show_article_pane()
        self.mark_read(message.summary)

    @on(ArticleView.StepRequested)
    def _step(self, message: ArticleView.StepRequested) -> None:
        article_list = self.article_list
        index = article_list.validate_cursor(article_list.cursor + message.step)
        if index != article_list.cursor:
            self.forget_selection()
            article_list.cursor = index
            self.open_row(index)
            self.mark_read(article_list.rows[index])

    @on(ArticleView.BackRequested)
    def _back(self) -> None:
        self.save_position()
        self.show_list_pane()

    def on_source_requested(self, message: SourceRequested) -> None:
        """Read the article's file line by line for `v`."""
        self._open_source(message.path, message.width, message.styles)

    def on_source_loaded(self, message: SourceLoaded) -> None:
        """Show the article's file as stored, if that article is still the one shown."""
        self.article_view.show_source(message.path, message.lines, message.width)

    def on_source_failed(self, message: SourceFailed) -> None:
        """Say why the file cannot be shown as stored; the article stays."""
        name, reason = shown_text(message.path.name), shown_lines(message.reason)
        self.notify(f"Cannot show {name} as captured: {reason}", severity="warning")

    @on(ArticleView.ReflowNeeded)
    def _reflow(self, message: ArticleView.ReflowNeeded) -> None:
        self._retypeset(message.path, message.article, message.width)

    def _stop_opening_notice(self) -> None:
        if self._opening_timer is not None:
            self._opening_timer.stop()
            self._opening_timer = None

    def _cancel_preview(self) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None

    # Panes

    def show_article_pane(self) -> None:
        """Bring the article forward (narrow: full width) and focus it."""
        self.reading = True
        self.article_view.focus()

    def show_list_pane(self) -> None:
        """Bring the list back (narrow: full width) and focus it."""
        self.reading = False
        self.article_list.focus()

    def watch_reading(self, reading: bool) -> None:
        """Narrow layout: show one pane or the other."""
        self.query_one("#panes").set_class(reading, "-reading")

    def on_resize(self, event: events.Resize) -> None:
        """Keep the narrow layout showing the pane that has focus."""
        if event.size.width < WIDE_MIN_COLUMNS:
            # The main screen's focus: a dialog on top (help) has a focus of its own.
            self.reading = self.screen_stack[0].focused is self.article_view

    def action_switch_pane(self) -> None:
        """Tab: move to the other pane."""
        if self.focused is self.article_view:
            self.show_list_pane()
        elif self.narrow:
            self.article_list.select_cursor()
        else:
            self.show_article_pane()
            # Moving into the previewed article to read it marks it read, as Enter does.
            if self._shown is not None and self.article_view.path == self._shown.path:
                self.mark_read(self._shown)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette: Textual's commands and the reader's own."""
        yield from super().get_system_commands(screen)
        yield from reader_commands(self, screen)

    # Remembered places: the reading position and the selected article

    def save_position(self) -> None:
        """Remember how far into the shown article the reader got."""
        view, shown = self.article_view, self._shown
        if shown is None or self.keeper is None or view.path != shown.path:
            return
        self.keeper.set_position(shown, view.reading_fraction)

    def _restore_position(self, summary: Summary) -> None:
        fraction = self.keeper.position(summary) if self.keeper is not None else None
        if not fraction:
            return
        view = self.article_view

        def scroll() -> None:
            if view.path == summary.path:
                view.scroll_to_fraction(fraction)

        view.after_layout(scroll)  # with photos, the height is known only once they are mounted

    async def action_quit(self) -> None:
        """Remember the place in the article and the selected article, then quit."""
        self.save_position()
        summary = self.article_list.highlighted_summary
        if summary is not None and self.keeper is not None and self.loaded:
            self.keeper.set_selected(summary)
        await super().action_quit()

    def on_unmount(self) -> None:
        """Stop the timers and the fetch, close the state store and the index."""
        self.stop_fetch()
        self.close_index()
        self._cancel_preview()
        self._stop_opening_notice()
        if self.keeper is not None:
            self.keeper.close()

    def action_help(self) -> None:
        """Show every key, from the live bindings."""
        panes = (self.article_list, self.article_view)
        self.push_screen(HelpScreen(binding_groups(self.screen, extra=panes)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Tab is a priority key: let dialogs (help, palette) keep it."""
        if action == "switch_pane":
            return self.screen is self.screen_stack[0]
        if action == "search":  # a priority key, so keys typed just after it reach the field
            return self.screen is self.screen_stack[0] and self.focused is not self.search_input
        return True
