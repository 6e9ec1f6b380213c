"""A block of text set after a prefix, wrapped lines aligned after it (a hanging indent)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text


class Hanging:
    """Paragraphs wrapped in the width left after a prefix.

    The first line of the block starts with `first`; every other line, of
    every paragraph, starts with `rest`. With `rest` as spaces this is a
    bullet's hanging indent; with a bar it is a figure or quote margin.
    Rich wraps by cell width, so wide (CJK) characters fit as well.
    """

    def __init__(self, paragraphs: Sequence[Text], first: Text, rest: Text) -> None:
        """Set `paragraphs` after `first` (the first line) and `rest` (every later line)."""
        self.paragraphs = list(paragraphs)
        self.first = first
        self.rest = rest

    def _indent(self) -> int:
        return max(self.first.cell_len, self.rest.cell_len)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """One Text per line: the prefix, then the wrapped line."""
        inner = max(1, options.max_width - self._indent())
        first = True
        for paragraph in self.paragraphs:
            for line in paragraph.wrap(console, inner, overflow="fold"):
                prefix = self.first if first else self.rest
                first = False
                line.rstrip()
                yield Text.assemble(prefix, line, no_wrap=True, overflow="crop")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """As wide as the prefix and the widest paragraph, within the space given."""
        widest = max((p.cell_len for p in self.paragraphs), default=0)
        indent = self._indent()
        return Measurement(indent + 1, indent + widest).clamp(max_width=options.max_width)
