"""Photos brought in: downloaded once into the cache, and only when the bytes are an image.

Every image is made by Pillow in the test; the server is the local 127.0.0.1
fixture, which records the requests it receives.
"""

from __future__ import annotations

import asyncio
import io
import struct
import zlib
from pathlib import Path

import pytest
from http_server import LOCAL, HttpServer
from PIL import Image

from reader.ingest.http import FetchLimits, make_client
from reader.ingest.photo_files import (
    PhotoError,
    cached_photo,
    check_photo,
    load_photo,
    photo_cache_dir,
    probe_photo,
    resolve_photo,
)
from reader.ingest.photos import fetch_photo, fetch_photo_async, get_photo

HTML_PAGE = b"<!doctype html><html><body><h1>Sign in to continue</h1></body></html>"


def image_bytes(kind: str, size: tuple[int, int] = (64, 48)) -> bytes:
    """A small real image of `kind` (PNG, JPEG, GIF, WEBP): a gradient, so it has detail."""
    image = Image.new("RGB", size)
    image.putdata([(x * 4 % 256, y * 5 % 256, 128) for y in range(size[1]) for x in range(size[0])])
    out = io.BytesIO()
    image.save(out, format=kind)
    return out.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data and CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    """An empty photo cache folder for one test."""
    return tmp_path / "photos"


# Downloading


@pytest.mark.parametrize(("kind", "suffix"), [("PNG", ".png"), ("JPEG", ".jpg")])
def test_a_real_photo_is_downloaded_into_the_cache(
    http_server: HttpServer, cache: Path, kind: str, suffix: str
) -> None:
    data = image_bytes(kind)
    # The name and the Content-Type say nothing true: the bytes decide.
    http_server.route("/photo", data, content_type="application/octet-stream")
    path = fetch_photo(http_server.url("/photo"), cache_dir=cache, trusted_hosts=LOCAL)
    assert path is not None
    assert path.parent == cache and path.suffix == suffix
    assert path.read_bytes() == data
    assert probe_photo(path).width == 64


def test_gif_and_webp_are_photos_too(http_server: HttpServer, cache: Path) -> None:
    for kind in ("GIF", "WEBP"):
        http_server.route(f"/{kind}", image_bytes(kind), content_type="image/png")
        assert (
            fetch_photo(http_server.url(f"/{kind}"), cache_dir=cache, trusted_hosts=LOCAL)
            is not None
        )


def test_a_second_fetch_comes_from_the_cache_without_a_request(
    http_server: HttpServer, cache: Path
) -> None:
    http_server.route("/lead.png", image_bytes("PNG"), content_type="image/png")
    url = http_server.url("/lead.png")
    first = fetch_photo(url, cache_dir=cache, trusted_hosts=LOCAL)
    second = fetch_photo(url, cache_dir=cache, trusted_hosts=LOCAL)
    assert first is not None and first == second
    assert len(http_server.requests_for("/lead.png")) == 1
    assert cached_photo(url, cache) == first


def test_an_html_page_served_as_jpeg_is_refused(http_server: HttpServer, cache: Path) -> None:
    http_server.route("/photo.jpg", HTML_PAGE, content_type="image/jpeg")
    with pytest.raises(PhotoError, match="not a photo"):
        get_photo(http_server.url("/photo.jpg"), cache_dir=cache, trusted_hosts=LOCAL)
    assert fetch_photo(http_server.url("/photo.jpg"), cache_dir=cache, trusted_hosts=LOCAL) is None
    assert not cache.exists() or not any(cache.iterdir())


def test_a_truncated_image_is_refused(http_server: HttpServer, cache: Path) -> None:
    for kind in ("PNG", "JPEG"):
        data = image_bytes(kind, (120, 90))
        http_server.route(f"/cut-{kind}", data[: len(data) // 2], content_type="image/jpeg")
        with pytest.raises(PhotoError, match="damaged"):
            get_photo(http_server.url(f"/cut-{kind}"), cache_dir=cache, trusted_hosts=LOCAL)
    assert not cache.exists() or not any(cache.iterdir())


def test_an_oversize_photo_is_refused(http_server: HttpServer, cache: Path) -> None:
    data = image_bytes("PNG", (200, 200))
    http_server.route("/big.png", data, content_type="image/png")
    limits = FetchLimits(max_bytes=len(data) - 1)
    with pytest.raises(PhotoError, match="larger than"):
        get_photo(http_server.url("/big.png"), cache_dir=cache, limits=limits, trusted_hosts=LOCAL)
    assert (
        fetch_photo(
            http_server.url("/big.png"), cache_dir=cache, limits=limits, trusted_hosts=LOCAL
        )
        is None
    )


def test_a_missing_photo_says_why(http_server: HttpServer, cache: Path) -> None:
    with pytest.raises(PhotoError, match="404"):
        get_photo(http_server.url("/nowhere.jpg"), cache_dir=cache, trusted_hosts=LOCAL)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/hostname",
        "data:image/png;base64,iVBORw0KGgo=",
        "ftp://example.com/photo.jpg",
        "javascript:alert(1)",
        "photo.jpg",
    ],
)
def test_only_http_and_https_are_fetched(cache: Path, url: str) -> None:
    with pytest.raises(PhotoError, match=r"refused|not a valid URL"):
        get_photo(url, cache_dir=cache, trusted_hosts=LOCAL)
    assert fetch_photo(url, cache_dir=cache, trusted_hosts=LOCAL) is None


def test_the_async_variant_shares_one_client(http_server: HttpServer, cache: Path) -> None:
    http_server.route("/a.png", image_bytes("PNG"), content_type="image/png")
    http_server.route("/b.jpg", image_bytes("JPEG"), content_type="image/jpeg")
    http_server.route("/c.jpg", HTML_PAGE, content_type="image/jpeg")

    async def run() -> list[Path | None]:
        async with make_client() as client:
            urls = [http_server.url(p) for p in ("/a.png", "/b.jpg", "/c.jpg")]
            return list(
                await asyncio.gather(
                    *(
                        fetch_photo_async(client, u, cache_dir=cache, trusted_hosts=LOCAL)
                        for u in urls
                    )
                )
            )

    a, b, c = asyncio.run(run())
    assert a is not None and a.suffix == ".png"
    assert b is not None and b.suffix == ".jpg"
    assert c is None


def test_the_cache_lives_under_reader_cache_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, http_server: HttpServer
) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    assert photo_cache_dir() == tmp_path / "cache" / "photos"
    http_server.route("/p.png", image_bytes("PNG"), content_type="image/png")
    path = fetch_photo(http_server.url("/p.png"), trusted_hosts=LOCAL)
    assert path is not None and path.parent == tmp_path / "cache" / "photos"


# Checking and opening photo files


def test_check_photo_names_the_type_from_the_bytes() -> None:
    assert check_photo(image_bytes("PNG")) == "png"
    assert check_photo(image_bytes("JPEG")) == "jpeg"
    assert check_photo(image_bytes("GIF")) == "gif"
    assert check_photo(image_bytes("WEBP")) == "webp"
    for junk in (b"", b"GIF89a", HTML_PAGE, b"\x89PNG\r\n\x1a\n" + b"\0" * 40):
        with pytest.raises(PhotoError):
            check_photo(junk)


def test_an_image_with_too_many_pixels_is_refused(tmp_path: Path) -> None:
    # 48 million pixels in a few kilobytes: a decompression bomb.
    path = tmp_path / "bomb.png"
    Image.new("1", (8_000, 6_000)).save(path, format="PNG")
    with pytest.raises(PhotoError, match="too large"):
        probe_photo(path)
    with pytest.raises(PhotoError, match="too large"):
        check_photo(path.read_bytes())
    # A bare header claiming 30,000 x 30,000 (past Pillow's own limit) is refused too.
    header = b"\x89PNG\r\n\x1a\n" + png_chunk(
        b"IHDR", struct.pack(">IIBBBBB", 30_000, 30_000, 8, 2, 0, 0, 0)
    )
    with pytest.raises(PhotoError, match="too large"):
        check_photo(header + png_chunk(b"IDAT", zlib.compress(b"")) + png_chunk(b"IEND", b""))


def test_load_photo_shrinks_to_the_box(tmp_path: Path) -> None:
    path = tmp_path / "wide.jpg"
    path.write_bytes(image_bytes("JPEG", (400, 100)))
    image = load_photo(path, (100, 100))
    assert image.size == (100, 25)
    assert image.mode == "RGB"


def test_opening_a_missing_broken_or_strange_file_says_why(tmp_path: Path) -> None:
    with pytest.raises(PhotoError, match="not found"):
        probe_photo(tmp_path / "missing.jpg")
    with pytest.raises(PhotoError, match="not a photo file"):
        probe_photo(tmp_path)
    page = tmp_path / "page.jpg"
    page.write_bytes(HTML_PAGE)
    with pytest.raises(PhotoError, match="not a photo"):
        probe_photo(page)
    cut = tmp_path / "cut.jpg"
    data = image_bytes("JPEG", (120, 90))
    cut.write_bytes(data[: len(data) // 2])
    assert probe_photo(cut).width == 120  # the header is whole...
    with pytest.raises(PhotoError, match="damaged"):
        load_photo(cut, (100, 100))  # ...the pixels are not


def test_resolve_photo_reads_references_as_markdown_writes_them(tmp_path: Path) -> None:
    article = tmp_path / "news" / "ferry.md"
    assert resolve_photo("ferry.jpg", article) == tmp_path / "news" / "ferry.jpg"
    assert resolve_photo("img/a b.png", article) == tmp_path / "news" / "img" / "a b.png"
    assert resolve_photo("/srv/photos/x.png", article) == Path("/srv/photos/x.png")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a b.png").write_bytes(b"x")
    assert resolve_photo("a%20b.png", article) == tmp_path / "news" / "a b.png"
    for unusable in ("", "  ", "file:///etc/passwd", "data:image/png;base64,AAAA"):
        assert resolve_photo(unusable, article) is None


def test_resolve_photo_finds_a_downloaded_url_in_the_cache(
    http_server: HttpServer, cache: Path
) -> None:
    article = cache.parent / "a.md"
    url = http_server.url("/pic.png")
    assert resolve_photo(url, article, cache) is None  # never fetched here
    assert http_server.requests_for("/pic.png") == []
    http_server.route("/pic.png", image_bytes("PNG"), content_type="image/png")
    fetched = fetch_photo(url, cache_dir=cache, trusted_hosts=LOCAL)
    assert fetched is not None
    assert resolve_photo(url, article, cache) == fetched
