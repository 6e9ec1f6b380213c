"""`reader feed ...` and `reader fetch` as a user runs them, against a local server."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run
from feed_helpers import FEEDS, billion_laughs, feed_bytes, rss
from http_server import HttpServer

from reader.feeds.subscriptions import load_subscriptions, subscriptions_path

RSS = "application/rss+xml"


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty library folder named by READER_LIBRARY."""
    folder = tmp_path / "library"
    monkeypatch.setenv("READER_LIBRARY", str(folder))
    return folder


def _serve_gazette(server: HttpServer) -> str:
    server.route("/feed.xml", feed_bytes("rss20.xml", server.base_url), content_type=RSS)
    return server.url("/feed.xml")


def test_add_list_fetch_remove(http_server: HttpServer, library: Path) -> None:
    url = _serve_gazette(http_server)
    added = run("feed", "add", url, "--full-text", "never")
    assert added.exit_code == 0, added.output
    assert 'Added "The Marrowby Gazette" (2 entries)' in added.stdout
    assert "reader fetch" in added.stdout

    listed = run("feed", "list")
    assert listed.exit_code == 0
    assert "The Marrowby Gazette" in listed.stdout
    assert "never fetched" in listed.stdout

    fetched = run("fetch")
    assert fetched.exit_code == 0, fetched.output
    assert "The Marrowby Gazette: 2 new" in fetched.stdout
    assert "2 new articles from 1 feed." in fetched.stdout
    assert len(list(library.rglob("*.md"))) == 2
    assert "2 new" in run("feed", "list").stdout

    again = run("fetch")
    assert "The Marrowby Gazette: unchanged" in again.stdout

    removed = run("feed", "remove", "1")
    assert removed.exit_code == 0
    assert "its articles stay in the library" in removed.stdout
    assert load_subscriptions() == []
    assert len(list(library.rglob("*.md"))) == 2


def test_add_follows_a_page_to_its_feed(http_server: HttpServer, library: Path) -> None:
    _serve_gazette(http_server)
    http_server.route("/news/harbour-wall", (FEEDS / "harbour-wall.html").read_bytes())
    result = run("feed", "add", http_server.url("/news/harbour-wall"))
    assert result.exit_code == 0, result.output
    assert f"The page advertises the feed {http_server.url('/feed.xml')}" in result.stdout
    (feed,) = load_subscriptions()
    assert feed.url == http_server.url("/feed.xml")
    assert feed.full_text == "auto"
    assert feed.folder == "the-marrowby-gazette"


def test_add_refusals(http_server: HttpServer, library: Path) -> None:
    for url in ("file:///etc/passwd", "data:application/rss+xml,<rss/>", "ftp://a.test/feed"):
        result = run("feed", "add", url)
        assert result.exit_code == 1
        assert "only http and https feeds can be followed" in result.stderr
    http_server.route("/plain.html", "<html><body><p>No feed here.</p></body></html>")
    result = run("feed", "add", http_server.url("/plain.html"))
    assert result.exit_code == 1
    assert "a web page that advertises no feed" in result.stderr
    http_server.route("/lol.xml", billion_laughs(), content_type=RSS)
    result = run("feed", "add", http_server.url("/lol.xml"))
    assert "declares its own XML entities" in result.stderr
    result = run("feed", "add", http_server.url("/missing.xml"))
    assert result.stderr.strip().endswith("HTTP 404 Not Found")
    assert not subscriptions_path().exists()


def test_add_twice_is_refused(http_server: HttpServer, library: Path) -> None:
    url = _serve_gazette(http_server)
    assert run("feed", "add", url).exit_code == 0
    again = run("feed", "add", url)
    assert again.exit_code == 1
    assert "already subscribed" in again.stderr


def test_fetch_exit_status(http_server: HttpServer, library: Path) -> None:
    http_server.route("/good.xml", rss("<item><title>Fine</title><guid>1</guid></item>"))
    subscriptions_path().parent.mkdir(parents=True, exist_ok=True)
    subscriptions_path().write_text(
        f'[[feed]]\nurl = "{http_server.url("/gone.xml")}"\ntitle = "Gone"\n'
        f'[[feed]]\nurl = "{http_server.url("/good.xml")}"\ntitle = "Good"\n'
    )
    some = run("fetch")
    assert some.exit_code == 0
    assert "Gone: HTTP 404 Not Found" in some.stdout
    assert "Good: 1 new" in some.stdout
    assert "1 new article from 2 feeds; 1 failed." in some.stdout
    only_bad = run("fetch", "1")
    assert only_bad.exit_code == 1
    assert "Good" not in only_bad.stdout


def test_fetch_without_feeds(library: Path) -> None:
    result = run("fetch")
    assert result.exit_code == 0
    assert "no feeds yet" in result.stderr
    assert "No feeds yet" in run("feed", "list").stdout


def test_broken_subscriptions_file(library: Path) -> None:
    subscriptions_path().parent.mkdir(parents=True, exist_ok=True)
    subscriptions_path().write_text("[[feed]\n")
    for args in (("fetch",), ("feed", "list"), ("feed", "export")):
        result = run(*args)
        assert result.exit_code == 1
        assert "not valid TOML" in result.stderr


def test_opml_import_export_round_trip(tmp_path: Path, library: Path) -> None:
    opml = tmp_path / "mine.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head/><body><outline text="News">'
        '<outline text="Gazette" type="rss" xmlUrl="https://gazette.example.test/feed.xml"/>'
        '<outline text="Ledger" type="rss" xmlUrl="https://ledger.example.test/atom"/>'
        '<outline text="Local" type="rss" xmlUrl="file:///tmp/feed.xml"/>'
        "</outline></body></opml>"
    )
    imported = run("feed", "import", str(opml))
    assert imported.exit_code == 0
    assert "Imported 2 feeds." in imported.stdout
    assert "skipped file:///tmp/feed.xml" in imported.stderr
    before = load_subscriptions()

    exported = run("feed", "export")
    assert exported.exit_code == 0
    assert exported.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    subscriptions_path().unlink()
    again = run("feed", "import", "-", input=exported.stdout_bytes)
    assert "Imported 2 feeds." in again.stdout
    assert load_subscriptions() == before
    assert "(2 already followed)" in run("feed", "import", str(opml)).stdout


def test_import_bad_files(tmp_path: Path, library: Path) -> None:
    missing = run("feed", "import", str(tmp_path / "none.opml"))
    assert missing.exit_code == 1
    assert "No such file" in missing.stderr
    bomb = tmp_path / "bomb.opml"
    bomb.write_bytes(billion_laughs().replace(b"rss", b"opml"))
    refused = run("feed", "import", str(bomb))
    assert refused.exit_code == 1
    assert "declares its own XML entities" in refused.stderr


def test_remove_unknown(library: Path) -> None:
    result = run("feed", "remove", "3")
    assert result.exit_code == 1
    assert "no feed number 3" in result.stderr


def test_add_with_a_bad_port_is_plain_words(library: Path) -> None:
    result = run("feed", "add", "http://127.0.0.1:99999/x")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "ExceptionGroup" not in result.output
    assert result.stderr.strip().endswith(
        "not a valid URL: the port must be a number from 0 to 65535"
    )
