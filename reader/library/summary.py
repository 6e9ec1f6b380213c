"""One-line summaries of articles, for lists and tables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.model import Article


@dataclass(frozen=True, slots=True)
class Summary:
    """What a list row shows of an article."""

    path: Path
    headline: str
    section: str | None
    source: str | None
    published: str | None
    """The article's own date where it gives one, else None."""
    file_time: float
    """The file's modification time (seconds since the epoch)."""
    words: int
    minutes: int

    @property
    def date_label(self) -> str:
        """The article's date, else the file's date, as YYYY-MM-DD."""
        raise NotImplementedError


def summarize(path: Path, article: Article, file_time: float) -> Summary:
    """The list summary of an article read from `path`."""
    raise NotImplementedError
