"""The article pane: the typeset article in a centred reading column, with its photos.

The article arrives typeset as lines (`reader.ui.typeset`). An article with
photos is cut at the first line of each photo's caption: the pane holds the
lines before it, the `Photo`, the lines from the caption on, and so on, all
in one scrolling column, so the keys, scrolling and the saved reading
position work as for an article without photos. `i` hides and shows photos;
captions stay either way. `v` shows the article's file as stored instead,
each line marked with what the parser made of it (`reader.ui.source_view`),
and `v` again brings the article back at the place the reader left it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widgets import Static

from reader.model import Article
from reader.render.article import READING_WIDTH
from reader.ui.article_body import ArticleBody
from reader.ui.layout_watch import LayoutWatch
from reader.ui.messages import SourceRequested
from reader.ui.photo import Photo, max_photo_rows
from reader.ui.photo_runs import PART_CLASS, PhotoRuns
from reader.ui.source_view import SourceBody

SELECT_PROMPT = "Select an article"


class ArticleView(VerticalScroll, can_focus=True, inherit_bindings=False):
    """The article being read, scrolled by keys without animation."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "line_up", "Scroll up", show=False, id="article.up"),
        Binding("down,j", "line_down", "Scroll down", show=False, id="article.down"),
        Binding("pageup,b", "page_up", "Page up", show=False, id="article.page_up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="article.page_down"),
        Binding("home,g", "top", "Top", show=False, id="article.top"),
        Binding("end,G", "bottom", "Bottom", show=False, id="article.bottom"),
        Binding("n", "step(1)", "Next", id="article.next"),
        Binding("p", "step(-1)", "Previous", id="article.previous"),
        Binding("escape,left,h", "back", "Back", id="article.back"),
        Binding("i", "toggle_photos", "Show or hide photos", show=False, id="article.photos"),
        Binding("v", "view_source", "As captured", id="article.view_source"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | up, k | Scroll up a line. |
    | down, j | Scroll down a line. |
    | pageup, b | Scroll up a page. |
    | pagedown, space | Scroll down a page. |
    | home, g | Go to the top of the article. |
    | end, G | Go to the end of the article. |
    | n | Read the next article in the list. |
    | p | Read the previous article in the list. |
    | escape, left, h | Back to the list. |
    | i | Show or hide photos (captions stay). |
    | v | The file as stored, each line marked with its role; again: back to the article. |
    """

    BINDING_GROUP_TITLE = "Article"

    DEFAULT_CSS = """
    ArticleView {
        align-horizontal: center;
        padding: 0 2;
        /* Room for the scrollbar always, so a long article is typeset for the width it gets. */
        scrollbar-gutter: stable;
        #article-empty {
            width: 100%;
            height: 100%;
            content-align: center middle;
            color: $reader-secondary;
        }
        #article-body { margin: 1 0; }
        #article-source { margin: 1 0; display: none; }
        /* Whole margins: a partial one (margin-bottom) resets the other sides here. */
        #article-body.-split { margin: 1 0 0 0; }
        .-last-part { margin: 0 0 1 0; }
    }
    """

    photos_shown: reactive[bool] = reactive(True, init=False)
    """True while photos show above their captions (`i` toggles)."""

    class BackRequested(Message):
        """The reader wants the list back (Escape, ←, h)."""

    class StepRequested(Message):
        """The reader wants the next or previous article (n, p)."""

        def __init__(self, step: int) -> None:
            """`step` is +1 for the next article, -1 for the previous."""
            super().__init__()
            self.step = step
            """+1 for the next article, -1 for the previous."""

    class ReflowNeeded(Message):
        """The reading column changed width: the article needs typesetting again."""

        def __init__(self, path: Path, article: Article, width: int) -> None:
            """Typeset `article` (from `path`) again for `width` cells."""
            super().__init__()
            self.path = path
            """The file of the article shown."""
            self.article = article
            """The article shown."""
            self.width = width
            """The new column width."""

    def __init__(self, *, id: str | None = None) -> None:
        """An empty article pane showing "Select an article"."""
        super().__init__(id=id)
        self.path: Path | None = None
        """The file of the article shown, or None."""
        self.article: Article | None = None
        """The article shown, or None."""
        self._typeset_width = 0
        self._layout = LayoutWatch(self)
        self._runs = PhotoRuns(self, self._layout)
        self._article_place: float | None = None
        """While the file shows as stored: how far into the article the reader was (0-1)."""

    def compose(self) -> ComposeResult:
        """The empty-state message and the article body."""
        yield Static(SELECT_PROMPT, id="article-empty", markup=False)
        yield ArticleBody(id="article-body")
        yield SourceBody(id="article-source")

    # Public API

    @property
    def body(self) -> ArticleBody:
        """The widget holding the typeset lines (up to the first photo, if any)."""
        return self.query_one("#article-body", ArticleBody)

    @property
    def bodies(self) -> list[ArticleBody]:
        """Every run of typeset lines, in reading order (one when there are no photos)."""
        return list(self.query_children(ArticleBody))

    @property
    def source(self) -> SourceBody:
        """The widget holding the file's lines as stored, shown by `v`."""
        return self.query_one("#article-source", SourceBody)

    @property
    def source_shown(self) -> bool:
        """True while the article's file shows as stored instead of the article."""
        return self._article_place is not None

    @property
    def reading_fraction(self) -> float:
        """How far into the article the reader is, 0 (top) to 1 (end), even while the file
        shows as stored."""
        if self._article_place is not None:
            return self._article_place
        height = self.max_scroll_y
        return self.scroll_y / height if height > 0 else 0.0

    @property
    def shown_path(self) -> Path | None:
        """The article whose lines and photos are all mounted and laid out, or None while
        one is being laid out (or a message shows): its scroll positions now hold."""
        return self._layout.done_path

    @property
    def photos(self) -> list[Photo]:
        """The photos in the pane, in reading order."""
        return list(self.query_children(Photo))

    @property
    def plain_text(self) -> str:
        """The whole article as plain text, one line per typeset line (photos left out)."""
        return "\n".join(body.plain_text for body in self.bodies if body.line_count)

    @property
    def message(self) -> str:
        """The empty-state message shown, or "" while an article is shown."""
        empty = self.query_one("#article-empty", Static)
        return str(empty.content) if empty.display else ""

    @property
    def reading_width(self) -> int:
        """The column width to typeset for: the pane's width, at most READING_WIDTH."""
        available = self.scrollable_content_region.width
        if available <= 0:  # hidden (narrow layout): guess from the screen
            available = self.app.size.width - 6
        return max(20, min(READING_WIDTH, available))

    def show_article(
        self, path: Path, article: Article, lines: Sequence[Strip], width: int
    ) -> None:
        """Show a typeset article from the top (or keep the place when it is a re-flow)."""
        if not self.app.is_running:
            return  # closing: an article typeset late finds the pane's parts gone
        same = path == self.path
        if not same:
            self._leave_source()
        self.path, self.article, self._typeset_width = path, article, width
        self.query_one("#article-empty").display = False
        if not same:
            self._runs.memo.clear()
            self._layout.forget()
        self.body.display = not self.source_shown
        self._runs.lay_out(
            self.body,
            path,
            article,
            lines,
            width,
            rows=self._max_photo_rows(),
            shown=self.photos_shown and not self.source_shown,
        )
        if not same:
            self.scroll_home(animate=False, immediate=True)
            self.refresh_bindings()  # v now has an article to show
        self._layout.finish(path)
        # The pane may have changed width while this article was being typeset.
        self._reflow_if_needed()

    def after_layout(self, callback: Callable[[], None]) -> None:
        """Call `callback` once the article shown is laid out (at once when it is).

        A scroll position (the saved reading place) means something only
        then: before, the photos and the lines after them may not be there.
        """
        if self.path is not None:
            self._layout.after(self.path, callback)

    def show_message(self, message: str | Text) -> None:
        """Show a message instead of an article (empty library, unreadable file)."""
        if not self.app.is_running:
            return  # closing, as in show_article
        self._leave_source()
        self.path = self.article = None
        self._layout.forget()
        self._runs.clear()
        self._runs.memo.clear()
        self.body.display = False
        self.body.set_lines([], 0)
        empty = self.query_one("#article-empty", Static)
        empty.update(message)
        empty.display = True
        self.scroll_home(animate=False, immediate=True)
        self.refresh_bindings()

    def show_source(self, path: Path, lines: Sequence[Strip], width: int) -> None:
        """Show the article's file as stored (typeset `lines`) in place of the article, from
        the top; a re-flow of the file already shown keeps its place."""
        if path != self.path:
            return  # another article was opened meanwhile
        source = self.source
        if not self.source_shown:
            self._article_place = self.reading_fraction
            self._show_article_parts(False)
            source.set_lines(lines, width)
            source.display = True
            self.scroll_home(animate=False, immediate=True)
        else:
            source.set_lines(lines, width)

    def hide_source(self) -> None:
        """Bring the article back in place of its file, at the place the reader left it."""
        place = self._article_place
        if place is None:
            return
        self._leave_source()
        self.call_after_refresh(self.scroll_to_fraction, place)

    def scroll_to_fraction(self, fraction: float) -> None:
        """Scroll to `fraction` of the way through (0 top, 1 end), as `reading_fraction` says."""
        self.scroll_to(y=round(fraction * self.max_scroll_y), animate=False, immediate=True)

    # Actions: keys never animate, so key-repeat reading stays crisp.

    def action_line_up(self) -> None:
        """Scroll up one line."""
        self.scroll_up(animate=False)

    def action_line_down(self) -> None:
        """Scroll down one line."""
        self.scroll_down(animate=False)

    def action_page_up(self) -> None:
        """Scroll up one page."""
        self.scroll_page_up(animate=False)

    def action_page_down(self) -> None:
        """Scroll down one page."""
        self.scroll_page_down(animate=False)

    def action_top(self) -> None:
        """Go to the top."""
        self.scroll_home(animate=False)

    def action_bottom(self) -> None:
        """Go to the end."""
        self.scroll_end(animate=False)

    def action_step(self, step: int) -> None:
        """Ask for the next (+1) or previous (-1) article."""
        self.post_message(self.StepRequested(step))

    def action_back(self) -> None:
        """Ask for the list."""
        self.post_message(self.BackRequested())

    def action_toggle_photos(self) -> None:
        """Hide or show the photos (captions stay)."""
        self.photos_shown = not self.photos_shown
        self.notify(
            "Photos shown" if self.photos_shown else "Photos hidden (i shows them)",
            timeout=2,
            markup=False,
        )

    def action_view_source(self) -> None:
        """Show the article's file as stored, or bring the article back."""
        if self.source_shown:
            self.hide_source()
        elif self.path is not None:
            self.post_message(
                SourceRequested(self.path, self.reading_width, self.source.role_styles())
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`v` needs an article (and leaves the footer otherwise)."""
        if action == "view_source":
            return self.article is not None
        return True

    # Events

    def on_resize(self, event: events.Resize) -> None:
        """Ask for a re-flow when the reading column changes width; refit photos."""
        self._reflow_if_needed()
        if self.source_shown and self.path is not None:
            width = self.reading_width
            if width != self.source.line_width and self.scrollable_content_region.width > 0:
                self.post_message(SourceRequested(self.path, width, self.source.role_styles()))
        rows = self._max_photo_rows()
        for photo in self.photos:
            photo.fit(self._typeset_width, rows)

    def watch_photos_shown(self, shown: bool) -> None:
        """Show or hide every photo, keeping the line at the top of the pane in place."""
        restore = self._runs.place_keeper()
        for photo in self.photos:
            photo.display = shown and not self.source_shown
        self.call_after_refresh(restore)

    # Photos: the article cut into runs of lines with a photo between them

    def _max_photo_rows(self) -> int:
        return max_photo_rows(self.size.height or self.app.size.height)

    def _leave_source(self) -> None:
        """Hide the file as stored and show the article's parts again (no scrolling)."""
        if self._article_place is None:
            return
        self._article_place = None
        source = self.source
        source.display = False
        source.set_lines([], 0)
        self._show_article_parts(True)

    def _show_article_parts(self, shown: bool) -> None:
        """Show or hide the article's runs of lines and its photos (as `i` left them)."""
        self.body.display = shown
        for part in self.query_children(f".{PART_CLASS}"):
            part.display = shown and (self.photos_shown or not isinstance(part, Photo))

    def _reflow_if_needed(self) -> None:
        if self.article is None or self.path is None:
            return
        width = self.reading_width
        if width != self._typeset_width and self.scrollable_content_region.width > 0:
            self.post_message(self.ReflowNeeded(self.path, self.article, width))
