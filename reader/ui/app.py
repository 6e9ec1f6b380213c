"""The Broadsheet Textual app."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.app import App


class BroadsheetApp(App[None]):
    """The reader: the article list and the article, keyboard first."""

    def __init__(self, paths: Sequence[Path], *, library_dir: Path | None = None) -> None:
        """Open the reader on `paths` (files and folders); `library_dir` is shown as the
        place to add articles when no article is found."""
        super().__init__()
        self.paths = list(paths)
        self.library_dir = library_dir
