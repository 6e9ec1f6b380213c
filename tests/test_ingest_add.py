"""`reader add` end to end against the local HTTP server: what is written, and what is not."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from http_server import HttpServer
from PIL import Image

from reader.formats import read_article
from reader.ingest.add import add_one
from reader.ingest.http import FetchLimits

PAGES = Path(__file__).parent / "fixtures" / "pages"
ARTICLE = (PAGES / "article.html").read_bytes()
SHORT = FetchLimits(timeout=0.5)


def png_bytes() -> bytes:
    """A small real PNG."""
    out = io.BytesIO()
    Image.new("RGB", (8, 6), (30, 90, 160)).save(out, format="PNG")
    return out.getvalue()


def files(library: Path) -> list[Path]:
    """The visible files in the library (a temporary file would show up here too)."""
    return sorted(p for p in library.rglob("*") if p.is_file()) if library.exists() else []


def serve_article(server: HttpServer, path: str = "/local/night-ferry") -> str:
    server.route(path, ARTICLE)
    server.route("/images/ferry-lead.jpg", png_bytes(), content_type="image/png")
    return server.url(path)


def test_article_url_is_added_with_its_photo(http_server: HttpServer, tmp_path: Path) -> None:
    url = serve_article(http_server)
    outcome = add_one(url, tmp_path)
    assert outcome.ok
    assert outcome.path is not None
    assert outcome.line == f"added {outcome.path}"
    assert (
        outcome.path.name == "2026-03-02-night-ferry-returns-to-tarnwick-after-a-winter-ashore.md"
    )
    article = read_article(outcome.path)
    assert article.headline == "Night ferry returns to Tarnwick after a winter ashore"
    assert article.byline == "Odile Marchbank"
    assert article.section == "Local"
    assert [b.kind for b in article.blocks].count("subheading") == 1
    captions = [b for b in article.blocks if b.kind == "caption"]
    # The lead photo (og:image) is downloaded into the cache and shown first.
    assert captions[0].text == "" and captions[0].image is not None
    photo = Path(captions[0].image)
    assert photo.is_file() and photo.read_bytes() == png_bytes()
    assert captions[1].text == "The Marram Star leaves Tarnwick quay at dusk."
    assert captions[1].credit == "Ines Halloran"
    assert files(tmp_path) == [outcome.path]


def test_photo_is_skipped_when_asked(http_server: HttpServer, tmp_path: Path) -> None:
    outcome = add_one(serve_article(http_server), tmp_path, fetch_photo=None)
    assert outcome.ok and outcome.path is not None
    assert http_server.requests_for("/images/ferry-lead.jpg") == []
    assert "ferry-lead" not in outcome.path.read_text(encoding="utf-8")


def test_broken_photo_does_not_stop_the_article(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.route("/local/night-ferry", ARTICLE)
    http_server.route(
        "/images/ferry-lead.jpg", b"<html>not a picture</html>", content_type="image/jpeg"
    )
    outcome = add_one(http_server.url("/local/night-ferry"), tmp_path)
    assert outcome.ok and outcome.path is not None


def test_same_url_twice_is_one_article(http_server: HttpServer, tmp_path: Path) -> None:
    url = serve_article(http_server)
    first = add_one(url, tmp_path)
    second = add_one(url, tmp_path)
    third = add_one(url + "/?utm_source=newsletter#comments", tmp_path)
    assert first.ok and second.ok and third.ok
    assert second.line == f"already in the library: {first.path}"
    assert third.line == second.line
    # Known URLs are not even fetched again.
    assert len(http_server.requests_for("/local/night-ferry")) == 1
    assert files(tmp_path) == [first.path]


def test_same_content_at_two_urls_is_one_article(http_server: HttpServer, tmp_path: Path) -> None:
    # A page without a canonical URL, served at two addresses.
    page = ARTICLE.replace(
        b'<link rel="canonical" href="https://lantern.example/local/night-ferry">', b""
    )
    http_server.route("/a", page)
    http_server.route("/mirror/b", page)
    first = add_one(http_server.url("/a"), tmp_path, fetch_photo=None)
    second = add_one(http_server.url("/mirror/b"), tmp_path, fetch_photo=None)
    assert first.ok and second.ok
    assert second.line == f"already in the library: {first.path}"
    assert len(files(tmp_path)) == 1


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        ("index.html", "looks like an index page"),
        ("not_found.html", "looks like an error page"),
        ("login.html", "behind a login or subscription wall"),
    ],
)
def test_pages_that_are_not_articles_write_nothing(
    http_server: HttpServer, tmp_path: Path, page: str, reason: str
) -> None:
    http_server.route("/p", (PAGES / page).read_bytes())
    outcome = add_one(http_server.url("/p"), tmp_path)
    assert not outcome.ok
    assert outcome.line.startswith(f"{http_server.url('/p')}: {reason}")
    assert files(tmp_path) == []


def test_http_errors_write_nothing(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.route("/gone", (PAGES / "not_found.html").read_bytes(), status=404)
    http_server.route("/broken", b"oops", status=500)
    gone = add_one(http_server.url("/gone"), tmp_path)
    broken = add_one(http_server.url("/broken"), tmp_path)
    assert gone.line == f"{http_server.url('/gone')}: HTTP 404 Not Found"
    assert broken.line == f"{http_server.url('/broken')}: HTTP 500 Internal Server Error"
    assert files(tmp_path) == []


def test_non_utf8_page(http_server: HttpServer, tmp_path: Path) -> None:
    html = (
        ARTICLE.decode("utf-8")
        .replace("Tarnwick", "Tårnwick Café")
        .replace('<meta charset="utf-8">', "")
    )
    http_server.route("/cp", html.encode("cp1252"), content_type="text/html; charset=windows-1252")
    outcome = add_one(http_server.url("/cp"), tmp_path, fetch_photo=None)
    assert outcome.ok and outcome.path is not None
    assert (
        read_article(outcome.path).headline
        == "Night ferry returns to Tårnwick Café after a winter ashore"
    )


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "data:text/html,<h1>hi</h1>", "ftp://example.com/a.html"]
)
def test_other_schemes_are_refused(tmp_path: Path, url: str) -> None:
    outcome = add_one(url, tmp_path)
    assert not outcome.ok
    assert outcome.line == f"{url}: refused: only http and https URLs are fetched"
    assert files(tmp_path) == []


def test_oversize_page_stops_at_the_cap(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.route("/big", ARTICLE + b"<!--" + b"x" * 200_000 + b"-->")
    outcome = add_one(http_server.url("/big"), tmp_path, limits=FetchLimits(max_bytes=100_000))
    assert outcome.line.endswith(": response larger than 97.7 KB")
    assert files(tmp_path) == []


def test_gzip_bomb_stops_at_the_cap(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.gzip("/bomb", ARTICLE + bytes(32 * 1024 * 1024))
    outcome = add_one(http_server.url("/bomb"), tmp_path, limits=FetchLimits(max_bytes=1024 * 1024))
    assert outcome.line.endswith(": response larger than 1 MB")
    assert files(tmp_path) == []


def test_redirect_loop(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.redirect("/loop", "/loop2")
    http_server.redirect("/loop2", "/loop")
    outcome = add_one(http_server.url("/loop"), tmp_path)
    assert outcome.line.endswith(": too many redirects (a redirect loop)")


def test_redirect_to_the_article_is_followed(http_server: HttpServer, tmp_path: Path) -> None:
    serve_article(http_server)
    http_server.redirect("/short", "/local/night-ferry", status=301)
    assert add_one(http_server.url("/short"), tmp_path, fetch_photo=None).ok


def test_timeout(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.slow("/slow", delay=30, body=ARTICLE)
    outcome = add_one(http_server.url("/slow"), tmp_path, limits=SHORT)
    assert outcome.line == f"{http_server.url('/slow')}: timed out after 0.5 s"
    assert files(tmp_path) == []


def test_feed_and_picture_urls_are_not_pages(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.route(
        "/feed", b'<?xml version="1.0"?><rss version="2.0"></rss>', content_type="application/xml"
    )
    http_server.route("/pic", png_bytes(), content_type="image/png")
    feed = add_one(http_server.url("/feed"), tmp_path)
    pic = add_one(http_server.url("/pic"), tmp_path)
    assert feed.line.endswith(": this is a feed, not a page: use `reader feed add URL`")
    assert pic.line.endswith(": not a web page (image/png)")


def test_hostile_text_is_sanitised_in_the_written_file(
    http_server: HttpServer, tmp_path: Path
) -> None:
    words = "The harbour board met again on Tuesday and talked about the new marina for hours. " * 4
    html = (
        "<html><head><meta charset='utf-8'><title>x</title></head><body><article>"
        "<h1>[bold]Marina[/bold] vote \x1b]0;owned\x07delayed</h1>"
        f"<p>First \x1b[31mred\x1b[0m [link](http://evil.example) {words}</p>"
        f"<p>---</p><p># not a heading</p><p>{words}</p>"
        "</article></body></html>"
    )
    http_server.route("/hostile", html.encode("utf-8"))
    outcome = add_one(http_server.url("/hostile"), tmp_path)
    assert outcome.ok and outcome.path is not None
    raw = outcome.path.read_text(encoding="utf-8")
    assert "\x1b" not in raw and "\x07" not in raw and "owned" not in raw
    article = read_article(outcome.path)
    assert article.headline == "[bold]Marina[/bold] vote delayed"
    texts = [b.text for b in article.blocks]
    assert texts[0].startswith("First red [link](http://evil.example) The harbour")
    assert texts[1:3] == ["---", "# not a heading"]


def test_saved_html_file(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    outcome = add_one(str(PAGES / "article.html"), library, fetch_photo=None)
    assert outcome.ok and outcome.path is not None and outcome.path.parent == library.resolve()
    again = add_one(str(PAGES / "article.html"), library, fetch_photo=None)
    assert again.line == f"already in the library: {outcome.path}"


def test_saved_page_that_is_not_an_article(tmp_path: Path) -> None:
    outcome = add_one(str(PAGES / "index.html"), tmp_path / "lib")
    assert not outcome.ok and "index page" in outcome.line
    assert files(tmp_path / "lib") == []


@pytest.mark.parametrize("name", ["note.txt", "story.md", "STORY.MARKDOWN"])
def test_text_and_markdown_files_are_copied_as_they_are(tmp_path: Path, name: str) -> None:
    source = tmp_path / name
    source.write_bytes(b"---\ntitle: Gull count\n---\n\nFewer gulls on the roofs this year.\n")
    library = tmp_path / "lib"
    first = add_one(str(source), library)
    assert first.ok and first.path is not None
    assert first.path.name == name and first.path.read_bytes() == source.read_bytes()
    second = add_one(str(source), library)
    assert second.line == f"already in the library: {first.path}"
    assert len(files(library)) == 1


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("missing.html", None, "not found"),
        ("", None, "is a folder; name the files to add"),
        ("x.pdf", b"%PDF-1.4", "cannot add this kind of file (.pdf)"),
        ("bin.txt", bytes(range(256)) * 4, "binary file"),
        ("empty.md", b"", "empty file"),
    ],
)
def test_bad_files_give_a_reason(
    tmp_path: Path, name: str, data: bytes | None, reason: str
) -> None:
    target = tmp_path / name if name else tmp_path
    if data is not None:
        target.write_bytes(data)
    outcome = add_one(str(target), tmp_path / "lib")
    assert not outcome.ok
    assert outcome.line.startswith(f"{target}: {reason}")
    assert files(tmp_path / "lib") == []
