"""Writing articles into the library as plain files, once each, never overwriting.

`write_article` stores an `Article` as Markdown with front matter (see
`reader.ingest.markdown_out`) named `YYYY-MM-DD-headline-slug.md`, the date
from `published`, else today. `copy_file` copies a capture or Markdown file
in as it is. Both write atomically (a hidden temporary file, then a hard
link to a name not yet taken, so a reader never sees half a file and an
existing file is never replaced) and both consult the ledger
(`reader.ingest.ledger`): the same URL, feed entry or content added a
second time writes nothing and names the file that holds it.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from reader.formats.text import sanitize_field
from reader.ingest.ledger import Key, body_key, content_key, normalize_url, open_ledger
from reader.ingest.markdown_out import article_to_markdown
from reader.library.summary import parse_date
from reader.model import Article

__all__ = [
    "MAX_COPY_BYTES",
    "WriteResult",
    "article_file_name",
    "article_to_markdown",
    "copy_file",
    "find_added",
    "safe_folder",
    "slugify",
    "write_article",
]

SLUG_CHARS = 60
"""The longest a headline slug grows, cut at a word boundary."""

MAX_COPY_BYTES = 50 * 1024 * 1024
"""A file larger than this is not copied into the library."""

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_FOLDER_UNSAFE = re.compile(r'[<>:"|?*\x00-\x1f]')


@dataclass(frozen=True)
class WriteResult:
    """What happened: the file written (or the one already holding it), and a message."""

    path: Path
    created: bool
    message: str


def slugify(text: str, limit: int = SLUG_CHARS) -> str:
    """Lower-case ASCII words joined by hyphens ("Café at 5" -> "cafe-at-5"); may be ""."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", folded.lower()).strip("-")
    if len(slug) > limit:
        cut = slug[: limit + 1].rfind("-")
        slug = slug[: cut if cut > limit // 2 else limit].strip("-")
    return slug


def article_file_name(article: Article, *, today: date | None = None) -> str:
    """The file stem for an article: `YYYY-MM-DD-headline-slug`.

    A headline with no Latin letters or digits (Chinese, Greek, Arabic...)
    gives `YYYY-MM-DD-article-<hash>` instead, still unique per article.
    """
    when = parse_date(article.published or "") or today or date.today()
    slug = slugify(article.headline) or f"article-{content_key(article)[:8]}"
    return f"{when.isoformat()}-{slug}"


def safe_folder(library_dir: Path, folder: str | None) -> Path:
    """The folder inside the library for `folder` (a name or a relative path), made safe.

    Each part is sanitised; empty, `.` and `..` parts are dropped and
    leading dots removed, so the result is always inside the library and
    never hidden.
    """
    target = library_dir
    for raw in re.split(r"[\\/]+", folder or ""):
        part = _FOLDER_UNSAFE.sub("-", sanitize_field(raw)).strip().lstrip(".").strip()
        if part:
            target = target / part
    return target


def _write_new(directory: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write `data` to `stem + suffix` in `directory`, or to `stem-2`, `stem-3`... if taken."""
    directory.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".adding-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        for number in itertools.count(1):
            candidate = directory / f"{stem}{'' if number == 1 else f'-{number}'}{suffix}"
            try:
                os.link(temporary, candidate)
            except FileExistsError:
                continue
            except OSError:
                # No hard links on this file system: rename, checking first.
                if os.path.lexists(candidate):
                    continue
                os.replace(temporary, candidate)
            return candidate
        raise AssertionError("unreachable")  # pragma: no cover
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _keys(
    article: Article, key: str | None, also_urls: Sequence[str] = (), page_text: bool = False
) -> list[Key]:
    """The ledger keys of an article: its URLs, the caller's key, its content (and its body
    alone when the body is a page's text)."""
    urls = dict.fromkeys(normalize_url(u) for u in (article.url, *also_urls) if u)
    keys: list[Key] = [("url", url) for url in urls]
    if key:
        keys.append(("key", key))
    keys.append(("content", content_key(article)))
    body = body_key(article) if page_text else None
    if body is not None:
        keys.append(("body", body))
    return keys


def _stored(library_dir: Path, keys: list[Key], write: Callable[[], Path]) -> WriteResult:
    """Look the keys up; write and record the file only when none is known.

    When recording fails (a full disk), the file just written is removed
    again: unrecorded, it would be added a second time later.
    """
    written: Path | None = None
    try:
        with open_ledger() as ledger, ledger.transaction():
            existing = ledger.find(library_dir, keys)
            if existing is not None:
                return WriteResult(existing, False, f"already in the library: {existing}")
            written = write().resolve()
            ledger.record(library_dir, keys, written)
    except BaseException:
        if written is not None:
            with contextlib.suppress(OSError):
                written.unlink()
        raise
    return WriteResult(written, True, f"added {written}")


def find_added(library_dir: Path, *, url: str | None = None, key: str | None = None) -> Path | None:
    """The library file already added from this URL (normalised) or key, if it still exists.

    Lets a caller skip fetching a page that is in the library already.
    """
    keys: list[Key] = []
    if url:
        keys.append(("url", normalize_url(url)))
    if key:
        keys.append(("key", key))
    if not keys:
        return None
    with open_ledger() as ledger:
        return ledger.find(library_dir, keys)


def write_article(
    library_dir: Path,
    article: Article,
    *,
    folder: str | None = None,
    photo: str | None = None,
    key: str | None = None,
    also_urls: Sequence[str] = (),
    page_text: bool = False,
) -> WriteResult:
    """Write `article` into the library as Markdown, unless it is there already.

    `folder` is a sub-folder of the library (a feed's, say); `photo` the lead
    photo's path relative to that folder, or its URL; `key` an id that marks
    the same item however it arrives (a feed entry id). The same URL
    (normalised), key or headline-and-body already added gives
    `created=False` and a message naming the existing file; nothing is
    written. `also_urls` are other addresses of the same page (where a link
    redirected to, the page's canonical URL). `page_text` says the body was
    extracted from a web page: then the same body under another headline is
    the same article too (a feed's entries may share one summary; pages do
    not share a body). Raises OSError when the folder cannot be written.
    """
    directory = safe_folder(library_dir, folder)
    data = article_to_markdown(article, photo=photo).encode("utf-8")
    writer = partial(_write_new, directory, article_file_name(article), ".md", data)
    return _stored(library_dir, _keys(article, key, also_urls, page_text), writer)


def copy_file(library_dir: Path, source: Path, *, folder: str | None = None) -> WriteResult:
    """Copy a file (a capture or Markdown article) into the library as it is.

    It keeps its name, with `-2`, `-3`... when the name is taken. A file
    whose bytes were added before, or are already in the library under the
    same name, is not copied again. Raises OSError when the source cannot be
    read or is larger than MAX_COPY_BYTES (as ValueError), or the folder
    cannot be written.
    """
    if source.stat().st_size > MAX_COPY_BYTES:
        raise ValueError(f"larger than {MAX_COPY_BYTES // (1024 * 1024)} MB, not copied")
    data = source.read_bytes()
    directory = safe_folder(library_dir, folder)
    same_name = directory / source.name
    with contextlib.suppress(OSError):
        if same_name.is_file() and same_name.read_bytes() == data:
            return WriteResult(same_name, False, f"already in the library: {same_name}")
    keys: list[Key] = [("bytes", hashlib.sha256(data).hexdigest())]
    writer = partial(_write_new, directory, source.stem, source.suffix, data)
    return _stored(library_dir, keys, writer)
