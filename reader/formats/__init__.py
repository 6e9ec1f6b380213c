"""Input formats: bytes in, one clean `Article` out.

Decoding and sanitising happen once, here, so nothing a file holds reaches
the terminal as a control character or an escape sequence; Rich markup in a
file is kept as written, since renderers only build `rich.text.Text`.

Size cap: at most `MAX_BYTES` (5 MB) of a file are read. A longer file is
cut at the last line end before the cap and the article carries a note such
as "This file is 52.4 MB; only the first 5 MB are shown."

Suffixes: ".md" and ".markdown" are Markdown with front matter; ".txt" and
any other suffix (a file named directly on the command line) is a page
capture. Files are opened read-only and never modified.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from reader.formats.errors import ArticleError
from reader.formats.text import decode, sanitize_field, sanitize_text
from reader.model import Article

if TYPE_CHECKING:
    from reader.formats.line_role import LineRole

__all__ = [
    "MARKDOWN_SUFFIXES",
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "ArticleError",
    "parse_bytes",
    "parse_text",
    "read_article",
    "read_lines",
]

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown")
MARKDOWN_SUFFIXES: tuple[str, ...] = (".md", ".markdown")
MAX_BYTES = 5 * 1024 * 1024
"""Files are read up to this size; the rest is left out, with a note in the article."""

_MB = 1024 * 1024
UNTITLED = "Untitled"


def _size_label(size: int) -> str:
    """A file size in megabytes as the truncation note spells it ("52.4 MB")."""
    return f"{size / _MB:.1f} MB"


def truncation_note(size: int) -> str:
    """The note an article carries when its file was longer than the size cap."""
    return f"This file is {_size_label(size)}; only the first {MAX_BYTES / _MB:g} MB are shown."


def _cut_at_line_end(text: str) -> str:
    """Drop the partial last line of a cut-off text, unless that would lose most of it."""
    end = text.rfind("\n")
    if end >= len(text) // 2:
        return text[: end + 1]
    return text


def parse_text(text: str, *, suffix: str) -> Article:
    """Parse already decoded and sanitised text by suffix (Markdown or page capture)."""
    if suffix.lower() in MARKDOWN_SUFFIXES:
        from reader.formats.markdown import parse_markdown

        return parse_markdown(text)
    from reader.formats.capture import parse_capture

    return parse_capture(text)


def _decoded_text(data: bytes, size: int | None) -> tuple[str, list[str]]:
    """The decoded, sanitised text of a file's bytes and the notes on how it was read.

    Data longer than MAX_BYTES is cut to fit, with a note; raises
    ArticleError for empty or binary data.
    """
    total = max(size or 0, len(data))
    truncated = len(data) > MAX_BYTES
    if truncated:
        data = data[:MAX_BYTES]
    decoded = decode(data, final=not truncated)
    text = sanitize_text(decoded.text)
    if truncated:
        text = _cut_at_line_end(text)
    if not text.strip():
        raise ArticleError("empty file" if not decoded.text.strip() else "no readable text")
    notes = list(decoded.notes)
    if truncated:
        notes.append(truncation_note(total))
    return text, notes


def parse_bytes(data: bytes, *, suffix: str, stem: str = "", size: int | None = None) -> Article:
    """Parse the bytes of a file with the given suffix (".txt", ".md") into an Article.

    `stem` (the file name without suffix) is the headline when the article
    has none; `size` is the whole file's size when `data` is only its start.
    Data longer than MAX_BYTES is cut to fit, with a note in the article.
    A capture whose long prose the parser mostly left out says how much
    (`Article.left_out`). Raises ArticleError for empty or binary data.
    """
    text, notes = _decoded_text(data, size)
    article = _tidy(parse_text(text, suffix=suffix))
    headline = article.headline or sanitize_field(stem) or UNTITLED
    left_out = 0
    if suffix.lower() not in MARKDOWN_SUFFIXES:
        from reader.formats.line_roles import left_out_passages

        left_out = left_out_passages(text, article)
    return dataclasses.replace(
        article, headline=headline, notes=(*article.notes, *notes), left_out=left_out
    )


def _optional(value: str | None) -> str | None:
    """A one-line field sanitised, None when nothing is left of it."""
    return (sanitize_field(value) or None) if value is not None else None


def _tidy(article: Article) -> Article:
    """Every field of a parsed article sanitised once more, whatever the parser did.

    Parsers work on sanitised text, so this normally changes nothing; it
    guarantees that no field reaches the terminal with a control character,
    and that one-line fields are one line.
    """
    bullets = tuple(b for b in (sanitize_field(b) for b in article.bullets) if b)
    # A block with no text goes, unless it is a photo (a caption may be empty).
    blocks = tuple(
        dataclasses.replace(
            block, text=text, credit=_optional(block.credit), image=_optional(block.image)
        )
        for block in article.blocks
        if (text := sanitize_text(block.text).strip()) or block.image
    )
    return dataclasses.replace(
        article,
        headline=sanitize_field(article.headline),
        section=_optional(article.section),
        bullets=bullets,
        byline=_optional(article.byline),
        published=_optional(article.published),
        source=_optional(article.source),
        url=_optional(article.url),
        blocks=blocks,
        notes=tuple(sanitize_field(note) for note in article.notes),
    )


def _open_error(error: OSError) -> ArticleError:
    """A plain-words ArticleError for an error raised while opening or reading a file."""
    if isinstance(error, FileNotFoundError):
        return ArticleError("file not found")
    if isinstance(error, IsADirectoryError):
        return ArticleError("is a folder, not a file")
    if isinstance(error, PermissionError):
        return ArticleError("permission denied")
    return ArticleError(error.strerror or str(error))


def _read_data(path: Path) -> tuple[bytes, int]:
    """The first MAX_BYTES + 1 bytes of a regular file and its size, never modifying it."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ArticleError("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            # Opening a pipe or a device could block or never end.
            raise ArticleError("not a regular file")
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            return handle.read(MAX_BYTES + 1), size
    except OSError as error:
        raise _open_error(error) from None


def read_article(path: Path) -> Article:
    """Read and parse one article file, never modifying it.

    Raises ArticleError with a plain reason for a file that is missing, a
    directory, unreadable, empty or binary.
    """
    data, size = _read_data(path)
    return parse_bytes(data, suffix=path.suffix, stem=path.stem, size=size)


def read_lines(path: Path) -> list[LineRole]:
    """Every non-blank line of an article file as stored, with what the parser made of it.

    For a page capture each line carries its role in the article (or
    "dropped") and the classifiers' scores; a Markdown file's lines carry
    the role "markdown". Raises ArticleError as `read_article` does.
    """
    from reader.formats.line_roles import capture_line_roles, markdown_lines

    data, size = _read_data(path)
    text, _ = _decoded_text(data, size)
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        return markdown_lines(text)
    return capture_line_roles(text, _tidy(parse_text(text, suffix=path.suffix)))
