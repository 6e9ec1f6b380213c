"""The article pane: the typeset article in a centred reading column, with its photos.

The article arrives typeset as lines (`reader.ui.typeset`). An article with
photos is cut at the first line of each photo's caption: the pane holds the
lines before it, the `Photo`, the lines from the caption on, and so on, all
in one scrolling column, so the keys, scrolling and the saved reading
position work as for an article without photos. `i` hides and shows photos;
captions stay either way.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from PIL import Image as PILImage
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from reader.ingest.photo_files import resolve_photo
from reader.model import Article
from reader.render.article import READING_WIDTH
from reader.ui.article_body import ArticleBody
from reader.ui.photo import Photo, max_photo_rows, photo_anchors

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
            color: $text-muted;
        }
        #article-body { margin: 1 0; }
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
        self._photo_layout: tuple[Path, list[tuple[int, str]]] | None = None
        """The article file and (block index, photo reference) of each photo in the pane."""
        self._photo_memo: dict[Path, PILImage.Image] = {}
        """Photos of this article already decoded, kept for re-flows."""
        self.shown_path: Path | None = None
        """The article whose lines and photos are all mounted and laid out, or None while
        one is being laid out (or a message shows): its scroll positions now hold."""
        self._layout_round = 0
        self._layout_pending: list[asyncio.Future[object]] = []
        """Mounts and removals of the article's parts that its layout waits for."""
        self._after_layout: list[Callable[[], None]] = []

    def compose(self) -> ComposeResult:
        """The empty-state message and the article body."""
        yield Static(SELECT_PROMPT, id="article-empty", markup=False)
        yield ArticleBody(id="article-body")

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
        self.path, self.article, self._typeset_width = path, article, width
        self.query_one("#article-empty").display = False
        if not same:
            self._photo_memo.clear()
            self._new_layout()
        self.body.display = True
        self._lay_out(path, article, lines, width)
        if not same:
            self.scroll_home(animate=False, immediate=True)
        self._layout_round += 1
        self._finish_layout(self._layout_round)
        # The pane may have changed width while this article was being typeset.
        self._reflow_if_needed()

    def after_layout(self, callback: Callable[[], None]) -> None:
        """Call `callback` once the article shown is laid out (at once when it is).

        A scroll position (the saved reading place) means something only
        then: before, the photos and the lines after them may not be there.
        """
        if self.path is not None and self.shown_path == self.path:
            callback()
        else:
            self._after_layout.append(callback)

    def show_message(self, message: str | Text) -> None:
        """Show a message instead of an article (empty library, unreadable file)."""
        if not self.app.is_running:
            return  # closing, as in show_article
        self.path = self.article = None
        self._new_layout()
        self._layout_round += 1
        self._clear_parts()
        self._photo_memo.clear()
        self.body.display = False
        self.body.set_lines([], 0)
        empty = self.query_one("#article-empty", Static)
        empty.update(message)
        empty.display = True
        self.scroll_home(animate=False, immediate=True)

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

    # Events

    def on_resize(self, event: events.Resize) -> None:
        """Ask for a re-flow when the reading column changes width; refit photos."""
        self._reflow_if_needed()
        rows = self._max_photo_rows()
        for photo in self.photos:
            photo.fit(self._typeset_width, rows)

    def watch_photos_shown(self, shown: bool) -> None:
        """Show or hide every photo, keeping the line at the top of the pane in place."""
        restore = self._keep_place()
        for photo in self.photos:
            photo.display = shown
        self.call_after_refresh(restore)

    # Photos: the article cut into runs of lines with a photo between them

    def _max_photo_rows(self) -> int:
        return max_photo_rows(self.size.height or self.app.size.height)

    def _lay_out(self, path: Path, article: Article, lines: Sequence[Strip], width: int) -> None:
        """Show `lines`, with each photo above its caption."""
        anchors = photo_anchors(article, lines)
        cuts = [y for y, _ in anchors] + [len(lines)]
        blocks = [index for _, index in anchors]
        layout = (path, [(index, article.blocks[index].image or "") for index in blocks])
        body = self.body
        body.set_lines(lines[: cuts[0]], width)
        body.set_class(bool(anchors), "-split")
        rows = self._max_photo_rows()
        if not blocks and self._photo_layout is None:
            return  # no photos before or now: the common case, nothing more to do
        if layout == self._photo_layout:
            # A re-flow of the same article: the same photos, new widths.
            for number, photo in enumerate(self.photos):
                photo.fit(width, rows)
                self.bodies[number + 1].set_lines(lines[cuts[number] : cuts[number + 1]], width)
            return
        self._clear_parts()
        self._photo_layout = layout if blocks else None
        parts: list[Widget] = []
        for number, (_, reference) in enumerate(layout[1]):
            photo = Photo(
                resolve_photo(reference, path),
                column=width,
                max_rows=rows,
                memo=self._photo_memo,
                classes="-photo-part",
            )
            photo.display = self.photos_shown
            last = " -last-part" if number == len(blocks) - 1 else ""
            chunk = lines[cuts[number] : cuts[number + 1]]
            parts += [photo, ArticleBody(chunk, width, classes=f"-photo-part{last}")]
        if parts:
            # A task, so each layout round can wait for it (a re-flow may start another).
            self._layout_pending.append(asyncio.ensure_future(self.mount_all(parts)))

    def _clear_parts(self) -> None:
        """Remove the photos and the runs of lines after the first."""
        self._photo_layout = None
        parts = self.query_children(".-photo-part")
        if parts:
            self._layout_pending.append(asyncio.ensure_future(parts.remove()))

    def _new_layout(self) -> None:
        """Another article (or a message): what waited for the last one's layout is moot."""
        self.shown_path = None
        self._after_layout.clear()

    def _finish_layout(self, layout_round: int) -> None:
        """Once the parts are mounted (and old ones removed) and laid out: `shown_path`."""
        # Not awaited here: the pane goes on handling keys while its photos mount.
        parts = asyncio.gather(*self._layout_pending, return_exceptions=True)
        parts.add_done_callback(lambda _: self.call_after_refresh(self._laid_out, layout_round))

    def _laid_out(self, layout_round: int) -> None:
        if layout_round != self._layout_round or self.path is None:
            return  # another article or re-flow came since: its own round finishes it
        self._layout_pending.clear()
        callbacks, self._after_layout = self._after_layout, []
        for callback in callbacks:
            callback()
        self.shown_path = self.path

    def _keep_place(self) -> Callable[[], None]:
        """A function that scrolls back to the line now at the top, once the layout changed."""
        top = round(self.scroll_y)
        for body in self.bodies:
            region = body.virtual_region
            if region.bottom > top:
                offset = max(0, top - region.y)

                def restore(body: ArticleBody = body, offset: int = offset) -> None:
                    y = body.virtual_region.y + offset
                    self.scroll_to(y=y, animate=False, immediate=True)

                return restore
        return lambda: None

    def _reflow_if_needed(self) -> None:
        if self.article is None or self.path is None:
            return
        width = self.reading_width
        if width != self._typeset_width and self.scrollable_content_region.width > 0:
            self.post_message(self.ReflowNeeded(self.path, self.article, width))
