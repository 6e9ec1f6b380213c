"""The article list: a virtual list drawn with Textual's Line API.

One widget draws every row on demand (`render_line`), so 100,000 articles
cost no more to show than ten: only the visible lines are rendered, and a
small cache keeps the rows just drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.library.search import highlight_spans
from reader.library.summary import Summary
from reader.ui.row_text import meta_line

ROW_HEIGHT = 2
"""Lines per row: the headline, then the meta line."""

GUTTER = 3
"""Cells left of the text: the cursor marker, the unread/starred mark and a space."""

CURSOR_MARK = "▌"
UNREAD_MARK = "●"
STARRED_MARK = "★"

Marks = Callable[[Summary], tuple[bool, bool]]
"""An article's (read, starred) marks."""


class ArticleList(ScrollView, can_focus=True, inherit_bindings=False):
    """A keyboard-first list of article summaries, two lines per row.

    Rows are drawn on demand, so the list holds any number of articles.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("pageup,b", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("home,g", "first", "First", show=False, id="list.first"),
        Binding("end,G", "last", "Last", show=False, id="list.last"),
        Binding("enter,right,l", "select", "Read", id="list.select"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | up, k | Move the cursor up one article. |
    | down, j | Move the cursor down one article. |
    | pageup, b | Move the cursor up a page. |
    | pagedown, space | Move the cursor down a page. |
    | home, g | Move the cursor to the first article. |
    | end, G | Move the cursor to the last article. |
    | enter, right, l | Read the article under the cursor. |
    """

    BINDING_GROUP_TITLE = "Article list"

    DEFAULT_CSS = """
    ArticleList {
        overflow-x: hidden;
        overflow-y: auto;
        background: $reader-list-background;
        & > .article-list--headline { text-style: bold; }
        & > .article-list--meta { color: $reader-secondary; }
        & > .article-list--cursor {
            background: $reader-cursor-blurred;
            color: $reader-cursor-blurred-text;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .article-list--marker { color: $reader-accent; }
        & > .article-list--read { text-style: none; }
        & > .article-list--unread { color: $reader-accent; }
        & > .article-list--starred { color: $reader-star; }
        & > .article-list--match { text-style: reverse; }
        &:focus {
            & > .article-list--cursor {
                background: $reader-cursor;
                color: $reader-cursor-text;
                text-style: $block-cursor-text-style;
            }
            & > .article-list--marker { color: $reader-cursor-text; }
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--headline",
        "article-list--meta",
        "article-list--cursor",
        "article-list--marker",
        "article-list--read",
        "article-list--unread",
        "article-list--starred",
        "article-list--match",
    }
    """
    | Class | Description |
    | :- | :- |
    | `article-list--headline` | The headline line of a row. |
    | `article-list--meta` | The dim meta line of a row (section, source, date, minutes). |
    | `article-list--cursor` | The row under the cursor (both lines). |
    | `article-list--marker` | The bar marking the row under the cursor. |
    | `article-list--read` | The headline of a read article (unread ones are bold). |
    | `article-list--unread` | The dot marking an unread article. |
    | `article-list--starred` | The star marking a starred article. |
    | `article-list--match` | Words of a headline that the search matched. |
    """

    cursor: reactive[int] = reactive(0, init=False)
    """Index of the highlighted row (0 when the list is empty)."""

    class RowMessage(Message):
        """A message about one row of the list."""

        def __init__(self, article_list: ArticleList, index: int, summary: Summary) -> None:
            """A message about row `index`, whose summary is `summary`."""
            super().__init__()
            self.article_list = article_list
            """The list that sent the message."""
            self.index = index
            """The row's index."""
            self.summary = summary
            """The row's article summary."""

        @property
        def control(self) -> ArticleList:
            """The list that sent the message (for `@on`)."""
            return self.article_list

    class Highlighted(RowMessage):
        """The cursor moved to a row."""

    class Selected(RowMessage):
        """The user chose a row to read (Enter, →, l or a click)."""

    def __init__(
        self,
        rows: Iterable[Summary] = (),
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """A list showing `rows`."""
        super().__init__(name=name, id=id, classes=classes)
        self._rows: Sequence[Summary] = list(rows)
        self._cache: LRUCache[tuple[int, bool, int], tuple[Strip, Strip]] = LRUCache(512)
        self.marks: Marks | None = None
        """Where rows get their read and starred marks (None: no marks shown)."""
        self.highlight = ""
        """The search whose matched words are highlighted in the headlines."""

    # Public API

    @property
    def rows(self) -> Sequence[Summary]:
        """The summaries shown, in order (do not modify; use the methods below)."""
        return self._rows

    @property
    def row_count(self) -> int:
        """How many rows the list holds."""
        return len(self._rows)

    @property
    def highlighted_summary(self) -> Summary | None:
        """The summary under the cursor, or None when the list is empty."""
        return self._rows[self.cursor] if self._rows else None

    @property
    def page_rows(self) -> int:
        """How many whole rows fit in the visible height (at least one)."""
        return max(1, self.scrollable_content_region.height // ROW_HEIGHT)

    def set_rows(self, rows: Iterable[Summary]) -> None:
        """Replace every row; the cursor keeps its index where it still exists.

        A sequence is kept as it is, not copied: the index's lazy rows build
        a summary only when it is drawn.
        """
        before = self.highlighted_summary
        self._rows = rows if isinstance(rows, Sequence) else list(rows)
        self._rows_changed()
        cursor = self.validate_cursor(self.cursor)
        if cursor != self.cursor:
            self.cursor = cursor
        else:
            after = self.highlighted_summary
            changed = after is not None and (before is None or before.path != after.path)
            self._after_cursor_change(announce=changed)

    def append_rows(self, rows: Iterable[Summary]) -> None:
        """Add rows at the end; the cursor does not move."""
        was_empty = not self._rows
        if not isinstance(self._rows, list):
            self._rows = list(self._rows)
        self._rows.extend(rows)
        self._rows_changed()
        if was_empty and self._rows:
            self._after_cursor_change(announce=True)

    def update_row(self, index: int, summary: Summary) -> None:
        """Replace the summary of row `index` in place, without moving the cursor."""
        rows = self._rows if isinstance(self._rows, list) else list(self._rows)
        rows[index] = summary
        self._rows = rows
        self._forget_row(index)
        self.refresh_lines(index * ROW_HEIGHT, ROW_HEIGHT)

    def refresh_rows(self) -> None:
        """Draw every row again (their marks changed)."""
        self._cache.clear()
        self.refresh()

    def index_of(self, path: object) -> int | None:
        """The row showing the article at `path`, if any."""
        index_of = getattr(self._rows, "index_of", None)
        if index_of is not None:  # the index's rows look it up instead of reading every row
            found: int | None = index_of(path)
            return found
        for index, row in enumerate(self._rows):
            if row.path == path:
                return index
        return None

    def select_cursor(self) -> None:
        """Announce the row under the cursor as chosen (posts `Selected`)."""
        if self._rows:
            self.post_message(self.Selected(self, self.cursor, self._rows[self.cursor]))

    def scroll_to_cursor(self) -> None:
        """Scroll just enough to show the row under the cursor."""
        if not self._rows or not self.is_mounted:
            return
        region = Region(0, self.cursor * ROW_HEIGHT, self.virtual_size.width, ROW_HEIGHT)
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    # Actions

    def action_cursor_up(self) -> None:
        """Move the cursor up one row."""
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        """Move the cursor down one row."""
        self.cursor += 1

    def action_page_up(self) -> None:
        """Move the cursor up a page."""
        self.cursor -= self.page_rows

    def action_page_down(self) -> None:
        """Move the cursor down a page."""
        self.cursor += self.page_rows

    def action_first(self) -> None:
        """Move the cursor to the first row."""
        self.cursor = 0

    def action_last(self) -> None:
        """Move the cursor to the last row."""
        self.cursor = len(self._rows) - 1

    def action_select(self) -> None:
        """Choose the row under the cursor."""
        self.select_cursor()

    # Reactives

    def validate_cursor(self, cursor: int) -> int:
        """Keep the cursor on an existing row."""
        return max(0, min(cursor, len(self._rows) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        """Redraw the two rows that changed and tell the app."""
        for index in (old, new):
            self._forget_row(index)
            self.refresh_lines(index * ROW_HEIGHT, ROW_HEIGHT)
        self._after_cursor_change(announce=True)

    # Line API

    def render_line(self, y: int) -> Strip:
        """Draw line `y` of the visible region."""
        line = self.scroll_offset.y + y
        index, offset = divmod(line, ROW_HEIGHT)
        width = self.scrollable_content_region.width
        if index >= len(self._rows) or width <= 0:
            return Strip.blank(width, self.rich_style)
        selected = index == self.cursor
        key = (index, selected, width)
        strips = self._cache.get(key)
        if strips is None:
            strips = self._render_row(index, selected, width)
            self._cache[key] = strips
        return strips[offset]

    def notify_style_update(self) -> None:
        """Styles changed (theme, focus): drop the drawn rows."""
        self._cache.clear()
        super().notify_style_update()
        self.refresh()

    # Events

    def on_resize(self, event: events.Resize) -> None:
        """Rows are drawn for a width: draw them again."""
        self._cache.clear()
        self._update_virtual_size()

    def on_mount(self) -> None:
        """Size the scrollable area for the rows given at construction."""
        self._update_virtual_size()

    def on_focus(self, event: events.Focus) -> None:
        """Bring the cursor back into view (a resize or the wheel may have moved it away)."""
        self.scroll_to_cursor()

    def on_click(self, event: events.Click) -> None:
        """A click on a row moves the cursor there and chooses it."""
        index = event.style.meta.get("row")
        if isinstance(index, int) and 0 <= index < len(self._rows):
            self.cursor = index
            self.select_cursor()

    # Private helpers

    def _rows_changed(self) -> None:
        self._cache.clear()
        self._update_virtual_size()
        self.refresh()

    def _update_virtual_size(self) -> None:
        width = self.scrollable_content_region.width
        size = Size(width, len(self._rows) * ROW_HEIGHT)
        if size != self.virtual_size:
            self.virtual_size = size

    def _after_cursor_change(self, *, announce: bool) -> None:
        self.scroll_to_cursor()
        if announce and self._rows:
            self.post_message(self.Highlighted(self, self.cursor, self._rows[self.cursor]))

    def _forget_row(self, index: int) -> None:
        for key in [key for key in self._cache.keys() if key[0] == index]:  # noqa: SIM118
            self._cache.discard(key)

    def _render_row(self, index: int, selected: bool, width: int) -> tuple[Strip, Strip]:
        summary = self._rows[index]
        # Full (not partial) component styles: colours like `$text-muted` carry an
        # alpha that only resolves against the widget's background.
        if selected:
            row_style = self.get_component_rich_style("article-list--cursor")
            meta_style = row_style
            marker_color = self.get_component_rich_style("article-list--marker").color
            marker = Text(CURSOR_MARK, style=row_style + Style(color=marker_color))
        else:
            row_style = self.rich_style
            meta_style = self.get_component_rich_style("article-list--meta")
            marker = Text(" ", style=row_style)
        read, starred = self.marks(summary) if self.marks is not None else (False, False)
        headline_style = row_style + self.get_component_rich_style(
            "article-list--read" if read else "article-list--headline", partial=True
        )
        flags = (
            Text(" " if read or self.marks is None else UNREAD_MARK, style=row_style),
            Text(STARRED_MARK if starred else " ", style=row_style),
        )
        if not read and self.marks is not None:
            flags[0].stylize(self.get_component_rich_style("article-list--unread", partial=True))
        flags[1].stylize(self.get_component_rich_style("article-list--starred", partial=True))
        text_width = max(1, width - GUTTER)
        headline = " ".join(summary.headline.split()) or "(untitled)"
        headline_text = Text(headline, style=headline_style, end="")
        if self.highlight:
            match = self.get_component_rich_style("article-list--match", partial=True)
            for start, end in highlight_spans(headline, self.highlight):
                headline_text.stylize(match, start, end)
        headline_text.truncate(text_width, overflow="ellipsis")
        meta_text = meta_line(summary, text_width)
        meta_text.stylize(meta_style)
        meta = {"row": index}
        strips = []
        for flag, text in zip(flags, (headline_text, meta_text), strict=True):
            row = Text.assemble(marker, flag, Text(" ", style=row_style), text, end="")
            segments = list(row.render(self.app.console))
            strip = Strip(segments).adjust_cell_length(width, row_style).apply_meta(meta)
            strips.append(strip)
        return strips[0], strips[1]
