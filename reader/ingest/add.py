"""What `reader add` does with each input: a web page or URL extracted, a file copied.

- an `http(s)` URL is fetched (`reader.ingest.http`) and extracted;
- a saved `.html` / `.htm` page is extracted;
- a `.txt` capture or `.md` article is copied in as it is;
- anything else, and any other URL scheme, is refused with a reason.

Each input gives one `Outcome` whose `line` is what the user sees:
"added PATH", "already in the library: PATH", or "INPUT: reason" for a
failure (the CLI puts "reader: " in front). Nothing here raises for a bad
input, and a page that is not an article writes nothing.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sqlite3
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from reader.atomic import is_disk_full
from reader.errors import DEBUG_ENV, unexpected
from reader.formats import MARKDOWN_SUFFIXES, ArticleError, read_article
from reader.formats.text import sanitize_field
from reader.ingest.extract import ExtractedPage, NotAnArticle, extract_page
from reader.ingest.http import (
    FetchError,
    FetchLimits,
    Response,
    check_url,
    fetch_sync,
    host_key,
)
from reader.ingest.ledger import normalize_url
from reader.ingest.photos import fetch_photo as fetch_cached_photo
from reader.ingest.write import WriteResult, copy_file, find_added, write_article
from reader.model import Article

__all__ = [
    "COPY_SUFFIXES",
    "HTML_SUFFIXES",
    "Outcome",
    "add_inputs",
    "add_one",
    "download_photo",
]

HTML_SUFFIXES = (".html", ".htm")
COPY_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES)

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
_FEED_TAGS = (b"<rss", b"<feed", b"<rdf:rdf")
DEFAULT_LIMITS = FetchLimits()
MAX_PAGE_BYTES = DEFAULT_LIMITS.max_bytes

PhotoFetcher = Callable[[str], Path | None]
"""Downloads a photo URL into the photo cache; returns its path, or None."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result for one input: whether it succeeded, the line to show, the file involved."""

    input: str
    ok: bool
    line: str
    path: Path | None = None


class _Refused(Exception):
    """An input that cannot be added; the text is the reason."""


def _is_url(target: str) -> bool:
    """True when `target` names a URL (any scheme) rather than a local path."""
    if os.path.lexists(target):
        return False
    # "C:\\x" is a Windows path, not a URL with scheme "c".
    return bool(_SCHEME.match(target)) and not re.match(r"^[A-Za-z]:[\\/]", target)


Progress = Callable[[str], None]
"""Told the step being taken, in plain words."""


def download_photo(url: str, trusted_hosts: Collection[str] = ()) -> Path | None:
    """Download a photo into the photo cache (`reader.ingest.photos`); None on any failure.

    `trusted_hosts` may be on private addresses (the host of the page the user added).
    """
    return fetch_cached_photo(url, trusted_hosts=trusted_hosts)


def _with_photo(page: ExtractedPage, fetcher: PhotoFetcher | None) -> tuple[Article, str | None]:
    """The article with its lead photo downloaded: the caption showing that picture now
    refers to the cached file; if none does, the file is returned for `write_article`."""
    article = page.article
    if page.lead_photo is None or fetcher is None:
        return article, None
    path = fetcher(page.lead_photo)
    if path is None:
        return article, None
    local = str(path)
    blocks = tuple(
        dataclasses.replace(block, image=local) if block.image == page.lead_photo else block
        for block in article.blocks
    )
    if blocks == article.blocks:
        return article, local
    return dataclasses.replace(article, blocks=blocks), None


def _check_page(response: Response) -> None:
    """Refuse a response that is not an HTML page (a feed, a picture, a PDF)."""
    kind = response.content_type
    head = response.body.lstrip()[:512].lower()
    if kind in _FEED_TYPES or (kind.endswith("xml") and any(tag in head for tag in _FEED_TAGS)):
        raise _Refused("this is a feed, not a page: use `reader feed add URL`")
    if "html" not in kind and kind != "" and not head.startswith(b"<"):
        raise _Refused(f"not a web page ({kind})")


def _result(target: str, result: WriteResult) -> Outcome:
    """An outcome from what the writer did."""
    return Outcome(target, True, result.message, result.path)


def _no_progress(step: str) -> None:
    """Progress nobody watches."""


def _add_url(
    target: str,
    library_dir: Path,
    limits: FetchLimits,
    fetch_photo: PhotoFetcher | None,
    progress: Progress,
) -> Outcome:
    """Fetch, extract and write one URL."""
    url = check_url(target)
    key = normalize_url(url)
    existing = find_added(library_dir, url=url, key=key)
    if existing is not None:
        return Outcome(target, True, f"already in the library: {existing}", existing)
    # The user typed this URL: its host may be their own server on a private address.
    trusted = frozenset({host_key(url)})
    if fetch_photo is download_photo:
        fetch_photo = partial(download_photo, trusted_hosts=trusted)
    progress("fetching the page")
    response = fetch_sync(url, limits=limits, trusted_hosts=trusted)
    _check_page(response)
    progress("finding the article")
    page = extract_page(response.body, response.url, charset=response.charset)
    if page.lead_photo is not None and fetch_photo is not None:
        progress("downloading the photo")
    article, photo = _with_photo(page, fetch_photo)
    written = write_article(
        library_dir, article, photo=photo, key=key, also_urls=(response.url,), page_text=True
    )
    return _result(target, written)


def _add_file(target: str, library_dir: Path, fetch_photo: PhotoFetcher | None) -> Outcome:
    """Extract a saved page, or copy a capture or Markdown file."""
    path = Path(target)
    if path.is_dir():
        raise _Refused("is a folder; name the files to add")
    if not path.exists():
        raise _Refused("not found")
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        if path.stat().st_size > MAX_PAGE_BYTES:
            raise _Refused("page larger than 10 MB")
        page = extract_page(path.read_bytes())
        article, photo = _with_photo(page, fetch_photo)
        return _result(target, write_article(library_dir, article, photo=photo, page_text=True))
    if suffix in COPY_SUFFIXES:
        read_article(path)  # refuses binary or empty files with a reason
        return _result(target, copy_file(library_dir, path))
    shown = suffix or "no suffix"
    raise _Refused(
        f"cannot add this kind of file ({shown}): reader add takes .html, .htm, .txt and .md "
        "files and http(s) URLs"
    )


def add_one(
    target: str,
    library_dir: Path,
    *,
    limits: FetchLimits = DEFAULT_LIMITS,
    fetch_photo: PhotoFetcher | None = download_photo,
    progress: Progress = _no_progress,
) -> Outcome:
    """Add one path or URL to the library; never raises for a bad input.

    `fetch_photo` downloads the lead photo (None: no photos); `progress` is
    told each slow step of a URL ("fetching the page", ...) as it starts.
    """
    try:
        if _is_url(target):
            return _add_url(target, library_dir, limits, fetch_photo, progress)
        return _add_file(target, library_dir, fetch_photo)
    except (_Refused, FetchError, NotAnArticle, ArticleError, ValueError) as error:
        reason = str(error)
    except (OSError, sqlite3.Error) as error:
        reason = _os_reason(error)
    except Exception as error:
        if os.environ.get(DEBUG_ENV):
            raise
        reason = unexpected(error)
    return Outcome(target, False, f"{target}: {sanitize_field(reason)}")


def _os_reason(error: OSError | sqlite3.Error) -> str:
    """A plain reason for a file-system error (or one SQLite met writing the ledger)."""
    if is_disk_full(error):
        return "disk full"
    if isinstance(error, sqlite3.Error):
        return f"could not record the article ({error})"
    if isinstance(error, FileNotFoundError):
        return "not found"
    if isinstance(error, PermissionError):
        return f"permission denied{f' ({error.filename})' if error.filename else ''}"
    return error.strerror or str(error)


def add_inputs(
    targets: Iterable[str],
    library_dir: Path,
    *,
    limits: FetchLimits = DEFAULT_LIMITS,
    fetch_photo: PhotoFetcher | None = download_photo,
) -> list[Outcome]:
    """Add each path or URL in turn; one failure never stops the others."""
    return [
        add_one(target, library_dir, limits=limits, fetch_photo=fetch_photo) for target in targets
    ]
