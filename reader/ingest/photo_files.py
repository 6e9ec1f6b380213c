"""Photo files: the photo cache, what counts as a photo, and opening one to show.

No network here (see `reader.ingest.photos` for downloading) and no Textual:
the article view, the importers and the tests all use these functions.

- The cache is `$READER_CACHE_DIR/photos`, else `photos` in the platform's
  user cache folder for "broadsheet". A photo is stored under the SHA-256 of
  its URL plus the extension of its type (`<hash>.jpg`), written atomically.
- A photo is a PNG, JPEG, GIF or WebP image, decided by its bytes (magic
  number, then Pillow reads and decodes it), never by its name or the
  server's Content-Type: an HTML page served as `image/jpeg` is refused, and
  so is an image of more than `MAX_PHOTO_PIXELS` pixels (a decompression bomb).
- An article's photo reference (a caption's `Block.image`) is a path relative
  to the article's folder, an absolute path, or an http(s) URL, which is
  shown from the cache when it was downloaded before and never fetched here.

Failures raise `PhotoError`, whose text is the reason in plain words.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal
from urllib.parse import unquote, urlsplit

from PIL import Image, UnidentifiedImageError
from platformdirs import user_cache_dir

from reader.atomic import write_atomically

__all__ = [
    "MAX_PHOTO_FILE_BYTES",
    "MAX_PHOTO_PIXELS",
    "PhotoError",
    "PhotoInfo",
    "PhotoKind",
    "cached_photo",
    "check_photo",
    "load_photo",
    "photo_cache_dir",
    "photo_cache_key",
    "probe_photo",
    "resolve_photo",
    "sniff_photo",
    "store_photo",
]

PhotoKind = Literal["png", "jpeg", "gif", "webp"]

CACHE_ENV = "READER_CACHE_DIR"
"""The environment variable naming the cache folder (photos go in its `photos` folder)."""

MAX_PHOTO_PIXELS = 40_000_000
"""Larger images (width x height) are refused: decoding them could take gigabytes."""

MAX_PHOTO_FILE_BYTES = 20 * 1024 * 1024
"""A photo file the article view opens is at most this big (downloads have their own cap)."""

_EXTENSIONS: dict[PhotoKind, str] = {"png": ".png", "jpeg": ".jpg", "gif": ".gif", "webp": ".webp"}
_PIL_FORMATS: dict[PhotoKind, str] = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP"}

# Pillow warns about images over its own (higher) pixel limit before we can refuse
# them; the refusal is ours, so the warning would only repeat it on stderr.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


class PhotoError(Exception):
    """A photo that cannot be fetched, stored or shown; `str(error)` says why in plain words."""


@dataclass(frozen=True, slots=True)
class PhotoInfo:
    """What a photo file holds, read from its header: its type and size in pixels."""

    kind: PhotoKind
    width: int
    height: int


def photo_cache_dir() -> Path:
    """The folder downloaded photos live in (not created here)."""
    override = os.environ.get(CACHE_ENV, "").strip()
    if override:
        return Path(override).expanduser() / "photos"
    return Path(user_cache_dir("broadsheet", appauthor=False)) / "photos"


def photo_cache_key(url: str) -> str:
    """The cache file name of `url`, without its extension: the SHA-256 of the URL."""
    return hashlib.sha256(url.strip().encode("utf-8", "surrogatepass")).hexdigest()


def cached_photo(url: str, cache_dir: Path | None = None) -> Path | None:
    """The cached file of the photo at `url`, or None when it was never downloaded."""
    folder = cache_dir if cache_dir is not None else photo_cache_dir()
    key = photo_cache_key(url)
    for extension in _EXTENSIONS.values():
        path = folder / f"{key}{extension}"
        if path.is_file():
            return path
    return None


def sniff_photo(data: bytes) -> PhotoKind | None:
    """The photo type the first bytes of `data` announce, or None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if len(data) >= 12 and data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "webp"
    return None


def _open(source: str | Path | IO[bytes], kind: PhotoKind | None = None) -> Image.Image:
    """Open an image lazily (header only), as one of the photo types, or raise PhotoError."""
    formats = [_PIL_FORMATS[kind]] if kind is not None else list(_PIL_FORMATS.values())
    try:
        image = Image.open(source, formats=formats)
    except FileNotFoundError:
        raise PhotoError("photo file not found") from None
    except PermissionError:
        raise PhotoError("photo file not readable (permission denied)") from None
    except UnidentifiedImageError:
        raise PhotoError("not a photo (PNG, JPEG, GIF or WebP)") from None
    except Image.DecompressionBombError:
        raise PhotoError("image too large (too many pixels)") from None
    # Pillow raises many kinds of error on damaged headers (OSError, SyntaxError,
    # ValueError, struct.error...); any of them means the same to the reader.
    except Exception:
        raise PhotoError("damaged image") from None
    width, height = image.size
    if width <= 0 or height <= 0:
        image.close()
        raise PhotoError("damaged image (no pixels)")
    if width * height > MAX_PHOTO_PIXELS:
        image.close()
        raise PhotoError(f"image too large ({width} x {height} pixels)")
    return image


def _kind_of(image: Image.Image) -> PhotoKind:
    """The photo type of an image opened by `_open`."""
    for kind, name in _PIL_FORMATS.items():
        if image.format == name:
            return kind
    raise PhotoError("not a photo (PNG, JPEG, GIF or WebP)")


def check_photo(data: bytes) -> PhotoKind:
    """The type of the photo in `data`, after checking that it decodes; else PhotoError.

    The bytes decide: the magic number must be PNG, JPEG, GIF or WebP, Pillow
    must verify the file and decode every pixel, and the image must be at
    most MAX_PHOTO_PIXELS. A truncated or damaged image is refused.
    """
    kind = sniff_photo(data)
    if kind is None:
        raise PhotoError("not a photo (PNG, JPEG, GIF or WebP)")
    try:
        with _open(io.BytesIO(data), kind) as image:
            image.verify()
        # verify() leaves the image unusable and skips pixel data for some types:
        # decode it all once more, so a truncated JPEG is caught too.
        with _open(io.BytesIO(data), kind) as image:
            image.load()
    except PhotoError:
        raise
    except Exception:  # Pillow's many error types for damaged data (see `_open`)
        raise PhotoError(f"damaged {kind.upper()} image") from None
    return kind


def store_photo(url: str, data: bytes, cache_dir: Path | None = None) -> Path:
    """Check `data` (see `check_photo`) and store it as the cached photo of `url`.

    The file appears whole or not at all (written beside, then renamed).
    Raises PhotoError for data that is not a photo or a folder that cannot
    be written.
    """
    kind = check_photo(data)
    folder = cache_dir if cache_dir is not None else photo_cache_dir()
    target = folder / f"{photo_cache_key(url)}{_EXTENSIONS[kind]}"
    try:
        write_atomically(target, data, make_folder=True)
    except OSError as error:
        raise PhotoError(f"cannot save the photo ({error.strerror or error})") from None
    return target


def resolve_photo(reference: str, article_path: Path, cache_dir: Path | None = None) -> Path | None:
    """The local file to show for a caption's photo reference, or None when there is none.

    A relative path is taken from the article's folder (and tried once more
    with %-escapes undone, as Markdown writers escape spaces); an absolute
    path is used as it is; an http(s) URL gives its cached file, if it was
    downloaded. Other schemes (`file:`, `data:`...) give None. The file
    returned may not exist: `probe_photo` says so.
    """
    text = reference.strip()
    if not text:
        return None
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return None
    if scheme in ("http", "https"):
        return cached_photo(text, cache_dir)
    if len(scheme) > 1:  # one letter is a Windows drive ("C:\\photos\\a.jpg")
        return None
    path = Path(text)
    if not path.is_absolute():
        path = article_path.parent / path
    if "%" in text and not path.exists():
        unescaped = Path(unquote(text))
        path = unescaped if unescaped.is_absolute() else article_path.parent / unescaped
    return path


def _check_file(path: Path) -> None:
    """Refuse what is not a regular file of a sensible size (a pipe could block forever)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise PhotoError("photo file not found") from None
    except OSError as error:
        raise PhotoError(f"photo file not readable ({error.strerror or error})") from None
    if not stat.S_ISREG(info.st_mode):
        raise PhotoError("not a photo file")
    if info.st_size > MAX_PHOTO_FILE_BYTES:
        raise PhotoError(f"photo file too large ({info.st_size / 1024 / 1024:.1f} MB)")


def probe_photo(path: Path) -> PhotoInfo:
    """The type and pixel size of the photo at `path`, from its header alone (fast).

    Raises PhotoError when the file is missing, not a regular file, too big,
    not a photo by its content, or too many pixels.
    """
    _check_file(path)
    with _open(path) as image:
        return PhotoInfo(_kind_of(image), image.width, image.height)


def load_photo(path: Path, box: tuple[int, int]) -> Image.Image:
    """The photo at `path` decoded and shrunk to fit within `box` pixels, ready to show.

    The result is RGB, or RGBA when the photo has transparency; animated
    images give their first frame. Raises PhotoError for a missing, damaged
    or truncated file, or one that is not a photo.
    """
    _check_file(path)
    try:
        with _open(path) as image:
            _kind_of(image)
            # JPEG can decode at a fraction of its size directly: much faster for big photos.
            image.draft("RGB", box)
            image.load()
            alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            shown = image.convert("RGBA" if alpha else "RGB")
    except PhotoError:
        raise
    except Exception:  # Pillow's many error types for damaged data (see `_open`)
        raise PhotoError("damaged image") from None
    shown.thumbnail((max(1, box[0]), max(1, box[1])))
    return shown
