"""Feeds that fail: each gives its reason in plain words and never stops the others."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from feed_helpers import billion_laughs, feed_bytes, rss
from http_server import HttpServer

import reader.feeds.fetch as fetch_module
from reader.feeds.entry_article import entry_article
from reader.feeds.fetch import fetch_all
from reader.feeds.model import FeedEntry
from reader.feeds.progress import FeedProgress
from reader.feeds.subscriptions import Subscription, make_subscription
from reader.ingest.http import FetchLimits
from reader.model import Article

RSS = "application/rss+xml"
GOOD = "<item><title>A good entry</title><guid>g1</guid><description>Fine.</description></item>"


def _feed(url: str, title: str = "Feed") -> Subscription:
    return make_subscription(url, title, None, "never")


def _fetch_one(
    server: HttpServer, library: Path, path: str, limits: FetchLimits | None = None
) -> str:
    """Fetch one failing feed next to a good one; the failing feed's message."""
    server.route("/good.xml", rss(GOOD), content_type=RSS)
    feeds = [_feed(server.url(path), "Bad"), _feed(server.url("/good.xml"), "Good")]
    report = fetch_all(feeds, library_dir=library, limits=limits)
    bad, good = report.results
    assert good.message == "1 new"
    assert bad.failed and bad.new == ()
    assert not report.all_failed
    return bad.message


def test_404(http_server: HttpServer, tmp_path: Path) -> None:
    assert _fetch_one(http_server, tmp_path, "/missing.xml") == "HTTP 404 Not Found"


def test_500(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.route("/broken.xml", "oops", status=500)
    assert _fetch_one(http_server, tmp_path, "/broken.xml") == "HTTP 500 Internal Server Error"


def test_timeout(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.slow("/slow.xml", delay=30, body=rss(GOOD))
    message = _fetch_one(http_server, tmp_path, "/slow.xml", FetchLimits(timeout=0.5))
    assert message == "timed out after 0.5 s"


def test_redirect_loop(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.redirect("/loop-a.xml", "/loop-b.xml")
    http_server.redirect("/loop-b.xml", "/loop-a.xml")
    assert "redirect loop" in _fetch_one(http_server, tmp_path, "/loop-a.xml")


def test_too_many_redirects(http_server: HttpServer, tmp_path: Path) -> None:
    for hop in range(7):
        http_server.redirect(f"/hop{hop}.xml", f"/hop{hop + 1}.xml")
    http_server.route("/hop7.xml", rss(GOOD), content_type=RSS)
    assert "too many redirects" in _fetch_one(http_server, tmp_path, "/hop0.xml")


def test_redirect_to_a_file_url_is_refused(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.redirect("/sneaky.xml", "file:///etc/passwd")
    assert "only http and https" in _fetch_one(http_server, tmp_path, "/sneaky.xml")


def test_malformed_xml(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.route("/bad.xml", b'<?xml version="1.0"?>\n<rss><channel><ti', content_type=RSS)
    message = _fetch_one(http_server, tmp_path, "/bad.xml")
    assert message.startswith("not a readable feed: malformed XML")


def test_billion_laughs(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.route("/lol.xml", billion_laughs(), content_type=RSS)
    message = _fetch_one(http_server, tmp_path, "/lol.xml")
    assert message.startswith("refused: the document declares its own XML entities")


def test_oversize(http_server: HttpServer, tmp_path: Path) -> None:
    items = GOOD * 200
    http_server.route("/big.xml", rss(items), content_type=RSS)
    message = _fetch_one(http_server, tmp_path, "/big.xml", FetchLimits(max_bytes=4096))
    assert message == "response larger than 4 KB"


def test_gzip_bomb_stops_at_the_cap(http_server: HttpServer, tmp_path: Path) -> None:
    bomb = rss("<item><title>" + "A" * (8 * 1024 * 1024) + "</title></item>")
    http_server.gzip("/bomb.xml", bomb, content_type=RSS)
    message = _fetch_one(http_server, tmp_path, "/bomb.xml", FetchLimits(max_bytes=64 * 1024))
    assert message == "response larger than 64 KB"


def test_not_a_feed(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.route("/page.html", "<html><body><p>Just a page.</p></body></html>")
    assert _fetch_one(http_server, tmp_path, "/page.html").startswith("not a feed")


def test_connection_refused(tmp_path: Path, http_server: HttpServer) -> None:
    import socket

    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        port = spare.getsockname()[1]
    http_server.route("/good.xml", rss(GOOD), content_type=RSS)
    report = fetch_all(
        [_feed(f"http://127.0.0.1:{port}/feed.xml"), _feed(http_server.url("/good.xml"))],
        library_dir=tmp_path,
    )
    assert [r.message for r in report.results] == ["connection refused", "1 new"]


def test_every_feed_failing(http_server: HttpServer, tmp_path: Path) -> None:
    feeds = [_feed(http_server.url("/a.xml")), _feed(http_server.url("/b.xml"))]
    report = fetch_all(feeds, library_dir=tmp_path)
    assert report.all_failed
    assert len(report.failed) == 2


def test_unexpected_error_stays_with_its_entry(
    http_server: HttpServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = entry_article

    def explode(entry: FeedEntry, title: str) -> Article:
        if entry.title.startswith("Ferry"):
            raise RuntimeError("a bug")
        return real(entry, title)

    monkeypatch.setattr(fetch_module, "entry_article", explode)
    url = http_server.url("/feed.xml")
    http_server.route("/feed.xml", feed_bytes("rss20.xml", http_server.base_url), content_type=RSS)
    (result,) = fetch_all([_feed(url)], library_dir=tmp_path).results
    assert result.message == "1 new"
    assert result.warnings == (
        "Ferry timetable changes for the winter months: unexpected error (RuntimeError: a bug)",
    )
    # The entry that failed is tried again next time (the feed is not marked as stored).
    monkeypatch.setattr(fetch_module, "entry_article", real)
    assert fetch_all([_feed(url)], library_dir=tmp_path).results[0].message == "1 new"


def test_failed_feed_is_fetched_in_full_next_time(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.route("/f.xml", "oops", status=500, headers={"ETag": '"x"'})
    feed = _feed(http_server.url("/f.xml"))
    assert fetch_all([feed], library_dir=tmp_path).all_failed
    http_server.route("/f.xml", rss(GOOD), content_type=RSS, headers={"ETag": '"y"'})
    assert fetch_all([feed], library_dir=tmp_path).results[0].message == "1 new"
    assert "if-none-match" not in http_server.requests_for("/f.xml")[-1].headers


def test_cancel_stops_the_remaining_feeds(http_server: HttpServer, tmp_path: Path) -> None:
    http_server.route("/good.xml", rss(GOOD), content_type=RSS)
    feeds = [_feed(http_server.url("/good.xml"), f"Feed {n}") for n in range(3)]
    cancel = threading.Event()
    cancel.set()
    steps: list[FeedProgress] = []
    report = fetch_all(feeds, library_dir=tmp_path, cancel=cancel, on_progress=steps.append)
    assert [r.message for r in report.results] == ["cancelled"] * 3
    assert [s.kind for s in steps].count("finished") == 3
    assert http_server.requests_for("/good.xml") == []
