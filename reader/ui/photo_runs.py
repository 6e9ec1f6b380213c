"""An article with photos, cut into runs of lines with each photo above its caption.

The article pane holds its first run of lines (`ArticleBody`) from the
start; `PhotoRuns` mounts after it a `Photo` and the run of lines from that
photo's caption on, for each photo, and re-fits them when the article is
typeset again for another width.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image as PILImage
from textual.strip import Strip
from textual.widget import Widget

from reader.ingest.photo_files import resolve_photo
from reader.model import Article
from reader.ui.article_body import ArticleBody
from reader.ui.layout_watch import LayoutWatch
from reader.ui.photo import Photo, photo_anchors

PART_CLASS = "-photo-part"
"""The class of every widget mounted after the first run of lines."""


class PhotoRuns:
    """The photos of the article in one pane and the runs of lines between them."""

    def __init__(self, pane: Widget, watch: LayoutWatch) -> None:
        """Mount the parts in `pane`; `watch` waits for each mount and removal."""
        self._pane = pane
        self._watch = watch
        self._layout: tuple[Path, list[tuple[int, str]]] | None = None
        """The article file and (block index, photo reference) of each photo mounted."""
        self.memo: dict[Path, PILImage.Image] = {}
        """Photos of this article already decoded, kept for re-flows."""

    def lay_out(
        self,
        first: ArticleBody,
        path: Path,
        article: Article,
        lines: Sequence[Strip],
        width: int,
        *,
        rows: int,
        shown: bool,
    ) -> None:
        """Show `lines` in `first` up to the first photo, then each photo and its run.

        `rows` is the most a photo may take; `shown` False mounts the photos hidden.
        """
        anchors = photo_anchors(article, lines)
        cuts = [y for y, _ in anchors] + [len(lines)]
        blocks = [index for _, index in anchors]
        layout = (path, [(index, article.blocks[index].image or "") for index in blocks])
        first.set_lines(lines[: cuts[0]], width)
        first.set_class(bool(anchors), "-split")
        if not blocks and self._layout is None:
            return  # no photos before or now: the common case, nothing more to do
        if layout == self._layout:
            # A re-flow of the same article: the same photos, new widths.
            runs = list(self._pane.query_children(ArticleBody))
            for number, photo in enumerate(self._pane.query_children(Photo)):
                photo.fit(width, rows)
                runs[number + 1].set_lines(lines[cuts[number] : cuts[number + 1]], width)
            return
        self.clear()
        self._layout = layout if blocks else None
        parts: list[Widget] = []
        for number, (_, reference) in enumerate(layout[1]):
            photo = Photo(
                resolve_photo(reference, path),
                column=width,
                max_rows=rows,
                memo=self.memo,
                classes=PART_CLASS,
            )
            photo.display = shown
            last = " -last-part" if number == len(blocks) - 1 else ""
            chunk = lines[cuts[number] : cuts[number + 1]]
            parts += [photo, ArticleBody(chunk, width, classes=f"{PART_CLASS}{last}")]
        if parts:
            self._watch.track(self._pane.mount_all(parts))

    def clear(self) -> None:
        """Remove the photos and the runs of lines after the first."""
        self._layout = None
        parts = self._pane.query_children(f".{PART_CLASS}")
        if parts:
            self._watch.track(parts.remove())

    def place_keeper(self) -> Callable[[], None]:
        """A function that scrolls back to the line now at the top, once the layout changed."""
        top = round(self._pane.scroll_y)
        for body in self._pane.query_children(ArticleBody):
            region = body.virtual_region
            if region.bottom > top:
                offset = max(0, top - region.y)

                def restore(body: ArticleBody = body, offset: int = offset) -> None:
                    y = body.virtual_region.y + offset
                    self._pane.scroll_to(y=y, animate=False, immediate=True)

                return restore
        return lambda: None
