"""What the index stores of one article: its list row (a `Summary`) and its full text.

Pure functions from an `Article` (and its file's facts) to row values; no
database access here, so the parsing side of a refresh can be tested alone.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path

from reader.library.path_text import file_path
from reader.library.search import split_cjk
from reader.library.summary import SUMMARY_COLUMNS, Summary, parse_date, summarize
from reader.model import Article

LEAD_CHARS = 280
"""The first sentences of an article are cut to about this many characters."""

HASH_NAME = "sha256"
"""The content hash: hex SHA-256 of the whole file's bytes."""

_BODY_KINDS = ("paragraph", "subheading", "quote", "caption")
"""Blocks searched as body text; related links are other articles' headlines, left out."""

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])[\"'”’)\]]*\s+|(?<=[。！？])")


@dataclass(frozen=True, slots=True)
class FileKey:
    """What identifies a version of a file: an unchanged key means no re-parse."""

    path: str
    """The resolved path, as a string."""
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class Record:
    """One article as the index stores it: its file version, its list row and its full text."""

    key: FileKey
    summary: Summary
    """The list row; its `path` is `key.path` as a file path."""
    sort_time: float
    text: tuple[str, str, str]
    """Headline, bullets and body as given to the full-text tables (CJK split)."""

    def summary_values(self) -> tuple[object, ...]:
        """The `articles` columns after `id`, in `RECORD_COLUMNS` order."""
        key, summary = self.key, self.summary
        return (
            key.path,
            key.size,
            key.mtime_ns,
            self.sort_time,
            *(getattr(summary, name) for name in SUMMARY_COLUMNS[1:]),
        )


RECORD_COLUMNS = ("path", "size", "mtime_ns", "sort_time", *SUMMARY_COLUMNS[1:])
"""The `articles` columns a Record fills (every one but `id`), in `summary_values` order."""


def hash_file(path: Path) -> str:
    """The content hash of a file's bytes (hex SHA-256); raises OSError."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, HASH_NAME).hexdigest()


def hash_bytes(data: bytes) -> str:
    """The content hash of some bytes, spelled as `hash_file` spells it."""
    return hashlib.new(HASH_NAME, data).hexdigest()


def sort_time(published: str | None, file_time: float) -> float:
    """Epoch seconds to sort by: the published date (UTC midnight), else the file time."""
    if published:
        day = parse_date(published)
        if day is not None:
            try:
                return datetime.combine(day, time(), tzinfo=UTC).timestamp()
            except (OverflowError, ValueError):
                pass
    return file_time


def lead_text(article: Article, limit: int = LEAD_CHARS) -> str:
    """The first sentences of the body (else the bullets), cut at a sentence end near `limit`."""
    paragraphs = [b.text for b in article.blocks if b.kind == "paragraph"] or list(article.bullets)
    text = " ".join(" ".join(paragraphs[:3]).split())
    if len(text) <= limit:
        return text
    cut = 0
    for match in _SENTENCE_END.finditer(text, 0, limit + 1):
        cut = match.start()
    if cut >= limit // 3:
        return text[:cut].rstrip()
    space = text.rfind(" ", 0, limit)
    return text[: space if space > limit // 2 else limit].rstrip() + "…"


def search_text(article: Article) -> tuple[str, str, str]:
    """Headline, bullets and body as the full-text tables index them."""
    body = "\n".join(b.text for b in article.blocks if b.kind in _BODY_KINDS)
    return (
        split_cjk(article.headline),
        split_cjk("\n".join(article.bullets)),
        split_cjk(body),
    )


def pack_text(text: tuple[str, str, str]) -> bytes:
    """The full-text columns compressed, to delete the row from the FTS tables later."""
    return zlib.compress(json.dumps(text, ensure_ascii=False).encode("utf-8"), 1)


def unpack_text(data: bytes) -> tuple[str, str, str]:
    """The full-text columns stored by `pack_text`."""
    headline, bullets, body = json.loads(zlib.decompress(data).decode("utf-8"))
    return str(headline), str(bullets), str(body)


def make_record(key: FileKey, article: Article, file_time: float, content_hash: str) -> Record:
    """The row values for `article`, read from the file version `key`."""
    summary = summarize(
        Path(file_path(key.path)),
        article,
        file_time,
        lead=lead_text(article),
        content_hash=content_hash,
    )
    return Record(
        key=key,
        summary=summary,
        sort_time=sort_time(article.published, summary.file_time),
        text=search_text(article),
    )
