"""A caption's photo in the article column, drawn by `textual-image`.

`textual-image` draws with Kitty graphics (TGP), Sixel or Unicode
half-blocks, whichever the terminal said it draws (`terminal_probe` asked
before Textual started); it is imported through `load_textual_image`, which
hands it those answers, when the first photo is shown, not with the app.
`READER_IMAGE_PROTOCOL` overrides the choice (see `reader.ui.image_protocol`).

A `Photo` knows its size as soon as it is made (from the file's header), so
the article's layout and the saved reading position hold while the pixels
are decoded in a thread worker. A missing, damaged or non-photo file shows
a quiet one-line placeholder instead; the caption below is shown either way.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from PIL import Image as PILImage
from rich.text import Text
from textual.app import ComposeResult
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from reader.ingest.photo_files import PhotoError, PhotoInfo, load_photo, probe_photo
from reader.model import Article
from reader.render.article import PHOTO_META, READING_WIDTH
from reader.ui.image_protocol import CELL_FREE, image_protocol
from reader.ui.textual_image_loader import load_textual_image

if TYPE_CHECKING:
    from textual_image.widget import AutoImage, HalfcellImage, SixelImage, TGPImage, UnicodeImage

    ImageWidget: TypeAlias = AutoImage | HalfcellImage | SixelImage | TGPImage | UnicodeImage

WIDGET_CLASSES = {
    "auto": "Image",
    "kitty": "TGPImage",
    "tgp": "TGPImage",
    "sixel": "SixelImage",
    "halfcell": "HalfcellImage",
    "unicode": "UnicodeImage",
}
"""The `textual_image.widget` class each protocol name draws with (`Image`: its own pick)."""

PLACEHOLDER = "[photo unavailable]"
"""What shows in place of a photo that cannot be shown (the reason is its tooltip)."""

PLACEHOLDER_CLASS = "photo-placeholder"

MAX_PHOTO_ROWS = 24
"""A photo is at most this many rows tall (and at most about 60% of the pane)."""

MIN_PHOTO_ROWS = 6
"""...but a short pane still allows this many."""

UPSCALE = 2
"""A small photo is drawn at most this many times its size in pixels."""

FIXED_CELL = (10, 20)
"""The cell size (in pixels) half-block drawing is sized by: a terminal cell is about 1:2."""

PhotoMemo = MutableMapping[Path, PILImage.Image]
"""Photos already decoded, by file, so a re-flow does not decode them again."""


def image_widget_class() -> type[ImageWidget]:
    """The `textual-image` widget class that `READER_IMAGE_PROTOCOL` asks for (default auto)."""
    chosen: type[ImageWidget] = getattr(load_textual_image(), WIDGET_CLASSES[image_protocol()])
    return chosen


def cell_size() -> tuple[int, int]:
    """The pixel size of a terminal cell that photos are sized by, (width, height).

    Kitty graphics and Sixel draw real pixels, so they need the terminal's
    own cell size; half-blocks and Unicode blocks draw a cell per pixel pair
    whatever the cell's pixels, so they use a fixed 1:2 cell, which also
    keeps the tests the same on every terminal.
    """
    if image_protocol() in CELL_FREE:
        return FIXED_CELL
    load_textual_image()  # sets the cell size textual-image draws by
    # A private API, used here only: textual-image sizes Kitty and Sixel photos by the pixel
    # size of a terminal cell, which it exports nowhere public (`load_textual_image` has set
    # it from the terminal's answer). Textual knows the window's pixels only on terminals that
    # report in-band resizes, and a number of our own might differ from the one textual-image
    # draws by. tests/test_private_apis.py fails, naming it, if this changes.
    from textual_image._terminal import get_cell_size

    cell = get_cell_size()
    return max(1, cell.width), max(1, cell.height)


def photo_anchors(article: Article, lines: Sequence[Strip]) -> list[tuple[int, int]]:
    """Where photos go in the typeset lines: (line of the caption, block index) pairs.

    The renderer marks the first line of a photo's caption with the style
    meta key PHOTO_META (see `reader.render.article`). Articles without photos
    (every page capture) are not scanned at all.
    """
    if not any(block.image for block in article.blocks):
        return []
    anchors: list[tuple[int, int]] = []
    seen: set[int] = set()
    for y, line in enumerate(lines):
        for segment in line:
            style = segment.style
            if style is None or not style.meta:
                continue
            index = style.meta.get(PHOTO_META)
            if isinstance(index, int) and index not in seen:
                seen.add(index)
                anchors.append((y, index))
            break
    return anchors


def photo_cells(info: PhotoInfo, column: int, max_rows: int) -> tuple[int, int]:
    """The size in cells (columns, rows) to draw a photo: the column's width, its
    aspect kept, no taller than `max_rows` and never more than UPSCALE times its size."""
    cell_width, cell_height = cell_size()
    aspect = info.height / info.width
    columns = max(1, min(column, round(UPSCALE * info.width / cell_width)))
    rows = max(1, round(columns * cell_width * aspect / cell_height))
    if rows > max_rows:
        rows = max(1, max_rows)
        columns = max(1, min(column, round(rows * cell_height / aspect / cell_width)))
    return columns, rows


def max_photo_rows(pane_height: int) -> int:
    """How tall a photo may be in a pane `pane_height` rows high."""
    return max(MIN_PHOTO_ROWS, min(MAX_PHOTO_ROWS, pane_height * 3 // 5))


def _decode_box() -> tuple[int, int]:
    """The pixel box photos are decoded into: the widest column at the tallest size."""
    cell_width, cell_height = cell_size()
    return READING_WIDTH * cell_width, MAX_PHOTO_ROWS * cell_height


class Photo(Widget):
    """One photo above its caption: the image, or a one-line placeholder.

    Not focusable: the article pane keeps the keys.
    """

    DEFAULT_CSS = """
    Photo {
        height: auto;
        .photo-placeholder {
            width: auto;
            height: 1;
            color: $reader-secondary;
            text-style: italic;
        }
    }
    """

    class Decoded(Message):
        """A thread worker finished decoding the photo (or found it broken)."""

        def __init__(self, image: PILImage.Image | None, problem: str | None) -> None:
            """The decoded `image`, or None and the `problem` in plain words."""
            super().__init__()
            self.image = image
            """The photo ready to draw, or None."""
            self.problem = problem
            """Why the photo cannot be shown, or None."""

    def __init__(
        self,
        path: Path | None,
        *,
        column: int,
        max_rows: int,
        memo: PhotoMemo | None = None,
        classes: str | None = None,
    ) -> None:
        """The photo at `path` (None: there is none to show) for a `column` cells wide.

        Reads the file's header at once (fast) to know its size; `memo`
        keeps decoded photos between re-flows of one article.
        """
        super().__init__(classes=classes)
        self.path = path
        """The photo file, or None when the reference names none that can be shown."""
        self.problem: str | None = None
        """Why the photo is not shown, in plain words, or None while it is (or will be)."""
        self.info: PhotoInfo | None = None
        """The file's type and pixel size, when it looked like a photo."""
        self._memo: PhotoMemo = memo if memo is not None else {}
        self._widget: ImageWidget | None = None
        self._column = column
        self._max_rows = max_rows
        self.styles.width = column
        if path is None:
            self.problem = "no photo file"
        else:
            try:
                self.info = probe_photo(path)
            except PhotoError as error:
                self.problem = str(error)

    @property
    def image_widget(self) -> ImageWidget | None:
        """The widget drawing the photo, or None when the placeholder shows."""
        return self._widget

    @property
    def image(self) -> PILImage.Image | None:
        """The decoded photo being drawn, or None (not decoded yet, or unavailable)."""
        widget = self.image_widget
        shown = widget.image if widget is not None else None
        return shown if isinstance(shown, PILImage.Image) else None

    @property
    def showing_placeholder(self) -> bool:
        """True when the photo cannot be shown and the placeholder is there instead."""
        return self.problem is not None

    def compose(self) -> ComposeResult:
        """The image widget sized for the column, or the placeholder."""
        if self.info is None:
            yield self._placeholder()
            return
        self._widget = image_widget_class()()
        self._apply_size(self._widget)
        yield self._widget

    def on_mount(self) -> None:
        """Draw the photo: from the memo at once, else decoded in a thread worker."""
        if self.info is None or self.path is None:
            return
        known = self._memo.get(self.path)
        if known is not None:
            self._show(known)
        else:
            self.run_worker(self._decode, thread=True, exit_on_error=False, group="photos")

    def fit(self, column: int, max_rows: int) -> None:
        """Size the photo for a column `column` cells wide and at most `max_rows` tall."""
        self._column, self._max_rows = column, max_rows
        self.styles.width = column
        widget = self.image_widget
        if widget is not None:
            self._apply_size(widget)

    def _apply_size(self, widget: Widget) -> None:
        if self.info is not None:
            columns, rows = photo_cells(self.info, self._column, self._max_rows)
            widget.styles.width = columns
            widget.styles.height = rows

    def _placeholder(self) -> Static:
        placeholder = Static(Text(PLACEHOLDER), classes=PLACEHOLDER_CLASS, markup=False)
        placeholder.tooltip = Text(self.problem or "")
        return placeholder

    def _decode(self) -> None:
        """In a thread: decode the photo and post the result (never raises)."""
        assert self.path is not None
        try:
            image: PILImage.Image | None = load_photo(self.path, _decode_box())
            problem = None
        except PhotoError as error:
            image, problem = None, str(error)
        # A photo must never cost the article: any other failure is a placeholder too.
        except Exception as error:
            image, problem = None, f"cannot show the photo ({error!r})"
        self.post_message(self.Decoded(image, problem))

    def on_photo_decoded(self, message: Photo.Decoded) -> None:
        """Draw the decoded photo, or swap in the placeholder."""
        message.stop()
        if message.image is not None and self.path is not None:
            self._memo[self.path] = message.image
            self._show(message.image)
        else:
            self.show_problem(message.problem or "cannot show the photo")

    def _show(self, image: PILImage.Image) -> None:
        widget = self.image_widget
        if widget is not None:
            widget.image = image

    def show_problem(self, problem: str) -> None:
        """Replace the photo with the placeholder, because of `problem`."""
        self.problem = problem
        if self._widget is not None:
            self._widget.remove()
            self._widget = None
        if not self.query(f".{PLACEHOLDER_CLASS}"):
            self.mount(self._placeholder())
