"""The text of a list row's meta line: section · source · date · minutes."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from reader.library.summary import Summary

__all__ = ["meta_line"]


def meta_line(summary: Summary, width: int | None = None) -> Text:
    """The second line of a row: section · source · date · N min.

    When `width` is too narrow, the section and source give way first: the
    date and the reading time always show.
    """
    tail = " · ".join(part for part in (summary.date_label, f"{summary.minutes} min") if part)
    head = " · ".join(part for part in (summary.section, summary.source) if part)
    if not head:
        text = Text(tail)
    else:
        text = Text(f"{head} · {tail}")
        if width is not None and text.cell_len > width:
            room = width - cell_len(tail) - len(" · ")
            if room >= 6:
                head_text = Text(head)
                head_text.truncate(room, overflow="ellipsis")
                text = Text.assemble(head_text, " · ", tail)
            else:
                text = Text(tail)
    if width is not None:
        text.truncate(width, overflow="ellipsis")
    return text
