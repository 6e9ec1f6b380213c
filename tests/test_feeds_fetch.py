"""`fetch_all` against a local server: articles written once, conditional GET, full text, photos."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from feed_helpers import FEEDS, feed_bytes, rss, tiny_png
from http_server import HttpServer, Recorded

from reader.feeds.fetch import fetch_all
from reader.feeds.progress import FeedProgress
from reader.feeds.subscriptions import Subscription, make_subscription
from reader.formats import read_article

RSS = "application/rss+xml"


def _library_files(library: Path) -> list[Path]:
    """The Markdown articles in the library, sorted."""
    return sorted(library.rglob("*.md"))


def _serve(server: HttpServer, path: str, name: str, content_type: str = RSS) -> str:
    """Serve a fixture feed (links pointing at the server) and return its URL."""
    server.route(path, feed_bytes(name, server.base_url), content_type=content_type)
    return server.url(path)


def _feed(url: str, title: str = "The Marrowby Gazette", full_text: str = "never") -> Subscription:
    return make_subscription(url, title, None, full_text)


def test_rss_entries_become_articles_in_the_feed_folder(
    http_server: HttpServer, tmp_path: Path
) -> None:
    url = _serve(http_server, "/feed.xml", "rss20.xml")
    steps: list[FeedProgress] = []
    report = fetch_all([_feed(url)], library_dir=tmp_path, on_progress=steps.append, photos=False)
    (result,) = report.results
    assert result.message == "2 new"
    assert not result.failed
    files = _library_files(tmp_path)
    assert [f.parent.name for f in files] == ["the-marrowby-gazette"] * 2
    assert set(report.new_paths) == {f.resolve() for f in files}
    ferry = read_article(next(f for f in files if "ferry" in f.name))
    assert ferry.headline == "Ferry timetable changes for the winter months"
    assert ferry.byline == "Odile Penhallow"
    assert ferry.section == "Transport"
    assert ferry.source == "The Marrowby Gazette"
    assert ferry.url == http_server.url("/news/ferry-timetable")
    assert [b.kind for b in ferry.blocks][:3] == ["paragraph", "subheading", "paragraph"]
    assert not any("never run" in b.text for b in ferry.blocks)
    assert [s.kind for s in steps] == ["started", "planned", "article", "article", "finished"]
    assert steps[1].planned == 2
    assert steps[-1].done == steps[-1].total == 1
    assert {s.path for s in steps if s.kind == "article"} == set(report.new_paths)


def test_each_format_is_fetched(http_server: HttpServer, tmp_path: Path) -> None:
    feeds = [
        _feed(_serve(http_server, "/q.rdf", "rss10.rdf", "application/rdf+xml"), "Quillfield"),
        _feed(_serve(http_server, "/l.xml", "atom.xml", "application/atom+xml"), "Ledger"),
        _feed(_serve(http_server, "/d.json", "feed.json", "application/feed+json"), "Dispatch"),
    ]
    report = fetch_all(feeds, library_dir=tmp_path, photos=False)
    assert [r.message for r in report.results] == ["1 new", "1 new", "2 new"]
    headlines = {read_article(f).headline for f in _library_files(tmp_path)}
    assert headlines == {
        "Orchard fair returns to the green",
        "Library extends its opening hours",
        "Footbridge survey finds rust in three girders",
        "Market day moves to Wednesday",
    }


def test_conditional_get_then_304_writes_nothing(http_server: HttpServer, tmp_path: Path) -> None:
    body = feed_bytes("rss20.xml", http_server.base_url)

    def answer(request: Recorded) -> tuple[int, dict[str, str], bytes]:
        if request.headers.get("if-none-match") == '"gazette-1"':
            return 304, {"ETag": '"gazette-1"'}, b""
        headers = {"ETag": '"gazette-1"', "Last-Modified": "Mon, 02 Nov 2026 09:00:00 GMT"}
        return 200, {"Content-Type": RSS, **headers}, body

    http_server.handler("/feed.xml", answer)
    feed = _feed(http_server.url("/feed.xml"))
    assert fetch_all([feed], library_dir=tmp_path, photos=False).results[0].message == "2 new"
    before = _library_files(tmp_path)
    second = fetch_all([feed], library_dir=tmp_path, photos=False)
    assert second.results[0].message == "unchanged"
    assert second.new_paths == ()
    assert _library_files(tmp_path) == before
    first_request, second_request = http_server.requests_for("/feed.xml")
    assert "if-none-match" not in first_request.headers
    assert second_request.headers["if-none-match"] == '"gazette-1"'
    assert second_request.headers["if-modified-since"] == "Mon, 02 Nov 2026 09:00:00 GMT"


def test_same_bytes_without_validators_are_unchanged(
    http_server: HttpServer, tmp_path: Path
) -> None:
    feed = _feed(_serve(http_server, "/feed.xml", "rss20.xml"))
    fetch_all([feed], library_dir=tmp_path, photos=False)
    assert fetch_all([feed], library_dir=tmp_path, photos=False).results[0].unchanged


def test_only_new_entries_are_written_on_the_next_fetch(
    http_server: HttpServer, tmp_path: Path
) -> None:
    one = "<item><title>First light at the quay</title><guid>e1</guid></item>"
    two = "<item><title>Second tide of the day</title><guid>e2</guid></item>"
    http_server.route("/feed.xml", rss(one), content_type=RSS)
    feed = _feed(http_server.url("/feed.xml"))
    assert fetch_all([feed], library_dir=tmp_path).results[0].message == "1 new"
    http_server.route("/feed.xml", rss(two + one), content_type=RSS)
    again = fetch_all([feed], library_dir=tmp_path)
    assert again.results[0].message == "1 new"
    assert read_article(again.new_paths[0]).headline == "Second tide of the day"
    assert len(_library_files(tmp_path)) == 2


def test_duplicate_entry_in_two_feeds_is_stored_once(
    http_server: HttpServer, tmp_path: Path
) -> None:
    item = (
        "<item><title>Shared story about the lifeboat</title>"
        "<link>{base}/lifeboat</link><guid isPermaLink='false'>{guid}</guid>"
        "<description>The lifeboat was launched twice.</description></item>"
    )
    base = http_server.base_url
    http_server.route("/a.xml", rss(item.format(base=base, guid="a-1")), content_type=RSS)
    http_server.route("/b.xml", rss(item.format(base=base, guid="b-9")), content_type=RSS)
    feeds = [_feed(http_server.url("/a.xml"), "Alpha"), _feed(http_server.url("/b.xml"), "Beta")]
    report = fetch_all(feeds, library_dir=tmp_path)
    assert sorted(r.message for r in report.results) == ["1 new", "no new articles"]
    assert len(_library_files(tmp_path)) == 1
    # A later fetch of both stores nothing more, and fetches no page for it.
    http_server.route("/a.xml", rss(item.format(base=base, guid="a-1") + " "), content_type=RSS)
    assert fetch_all(feeds, library_dir=tmp_path).new_paths == ()
    assert len(_library_files(tmp_path)) == 1


def test_short_ids_of_different_feeds_do_not_collide(
    http_server: HttpServer, tmp_path: Path
) -> None:
    http_server.route(
        "/a.xml",
        rss("<item><title>Alpha one</title><guid isPermaLink='false'>1</guid></item>"),
        content_type=RSS,
    )
    http_server.route(
        "/b.xml",
        rss("<item><title>Beta one</title><guid isPermaLink='false'>1</guid></item>"),
        content_type=RSS,
    )
    feeds = [_feed(http_server.url("/a.xml"), "Alpha"), _feed(http_server.url("/b.xml"), "Beta")]
    report = fetch_all(feeds, library_dir=tmp_path)
    assert [r.message for r in report.results] == ["1 new", "1 new"]


def test_summary_only_entry_gets_its_page(http_server: HttpServer, tmp_path: Path) -> None:
    url = _serve(http_server, "/feed.xml", "rss20.xml")
    page = (FEEDS / "harbour-wall.html").read_bytes()
    http_server.route("/news/harbour-wall", page)
    report = fetch_all([_feed(url, full_text="auto")], library_dir=tmp_path, photos=False)
    (result,) = report.results
    assert result.message == "2 new"
    # The ferry entry has its full text in the feed: its page (a 404 here) is never asked for.
    assert http_server.requests_for("/news/ferry-timetable") == []
    wall = read_article(next(p for p in report.new_paths if "harbour-wall" in p.name))
    assert wall.headline == "Harbour wall repairs begin next week"
    assert wall.byline == "Perran Holloway"
    assert wall.section == "Local"
    assert wall.words > 200
    assert any(b.kind == "subheading" and "quarry" in b.text for b in wall.blocks)


def test_failed_extraction_keeps_the_entry_text(http_server: HttpServer, tmp_path: Path) -> None:
    url = _serve(http_server, "/feed.xml", "rss20.xml")
    http_server.route("/news/harbour-wall", b"<html><body><p>Sign in to read.</p></body></html>")
    report = fetch_all([_feed(url, full_text="always")], library_dir=tmp_path, photos=False)
    (result,) = report.results
    assert result.message == "2 new"
    assert any("could not be read in full" in w for w in result.warnings)
    wall = read_article(next(p for p in report.new_paths if "harbour-wall" in p.name))
    assert [b.text for b in wall.blocks] == [
        "Work on the storm-damaged harbour wall starts on Tuesday."
    ]


def test_lead_photo_from_the_feed(http_server: HttpServer, tmp_path: Path) -> None:
    url = _serve(http_server, "/feed.xml", "rss20.xml")
    http_server.route("/photos/ferry.jpg", tiny_png(), content_type="image/jpeg")
    http_server.route("/photos/wall.png", b"<html>not a photo</html>", content_type="image/png")
    report = fetch_all([_feed(url)], library_dir=tmp_path)
    ferry = next(p for p in report.new_paths if "ferry" in p.name)
    wall = next(p for p in report.new_paths if "harbour-wall" in p.name)
    text = ferry.read_text(encoding="utf-8")
    image = text.split("](", 1)[1].split(")", 1)[0]
    assert (ferry.parent / image).resolve().read_bytes() == tiny_png()
    assert "](" not in wall.read_text(encoding="utf-8")


def test_other_schemes_are_never_fetched(http_server: HttpServer, tmp_path: Path) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("<p>the-secret-marker</p>")
    items = (
        f"<item><title>Local link</title><link>{secret.as_uri()}</link><guid>s1</guid>"
        f"<description>Short.</description>"
        f'<enclosure url="{secret.as_uri()}" type="image/png" length="1"/></item>'
        "<item><title>Data link</title><link>data:text/html,the-secret-marker</link>"
        "<guid>s2</guid><description>Short too.</description></item>"
    )
    http_server.route("/feed.xml", rss(items), content_type=RSS)
    library = tmp_path / "library"
    report = fetch_all(
        [_feed(http_server.url("/feed.xml"), full_text="always")], library_dir=library
    )
    assert report.results[0].message == "2 new"
    for path in report.new_paths:
        text = path.read_text(encoding="utf-8")
        assert "the-secret-marker" not in text
        assert "file:" not in text
        assert read_article(path).url is None


def test_hostile_text_is_sanitised_in_written_files(
    http_server: HttpServer, tmp_path: Path
) -> None:
    feed = (
        '{"version": "https://jsonfeed.org/version/1.1", "title": "[bold]Loud\\u001b]0;x\\u0007",'
        ' "items": [{"id": "h1", "title": "[red]Alarm\\u001b[2J\\u009b31m",'
        ' "authors": [{"name": "Eve\\u001b[5m"}], "tags": ["\\u202eNews"],'
        ' "content_html": "<p>Body [link=http://x.test]x[/link] \\u001b[31mred</p>"}]}'
    )
    http_server.route("/feed.json", feed, content_type="application/feed+json")
    title = "[bold]Loud\x1b]0;x\x07"
    subscription = make_subscription(http_server.url("/feed.json"), title, None, "never")
    report = fetch_all([subscription], library_dir=tmp_path)
    (path,) = report.new_paths
    raw = path.read_bytes()
    assert b"\x1b" not in raw and b"\x07" not in raw and "\u202e".encode() not in raw
    article = read_article(path)
    assert article.headline == "[red]Alarm"
    assert article.byline == "Eve"
    assert article.source == "[bold]Loud"
    assert article.section == "News"
    assert article.blocks[0].text == "Body [link=http://x.test]x[/link] red"


def test_windows_1252_feed(http_server: HttpServer, tmp_path: Path) -> None:
    url = _serve(http_server, "/cafe.xml", "cp1252.xml", "text/xml")
    report = fetch_all([_feed(url, "Café Society")], library_dir=tmp_path)
    article = read_article(report.new_paths[0])
    assert article.headline == "“Best crêpes” contest won by a baker from Saint-Aubé"
    assert article.blocks[0].text == "The judges tasted forty crêpes – and chose the plainest."


def test_requests_are_bounded_per_host_and_in_all(http_server: HttpServer, tmp_path: Path) -> None:
    lock = threading.Lock()
    in_flight: dict[str, int] = {}
    most: dict[str, int] = {}
    most_total = 0

    def answer(request: Recorded) -> tuple[int, dict[str, str], bytes]:
        nonlocal most_total
        host = request.headers.get("host", "").split(":")[0]
        with lock:
            in_flight[host] = in_flight.get(host, 0) + 1
            most[host] = max(most.get(host, 0), in_flight[host])
            most_total = max(most_total, sum(in_flight.values()))
        time.sleep(0.05)  # long enough for the fetches to overlap
        with lock:
            in_flight[host] -= 1
        item = f"<item><title>{request.path}</title><guid>{request.path}</guid></item>"
        return 200, {"Content-Type": RSS}, rss(item)

    feeds = []
    for number in range(6):
        http_server.handler(f"/f{number}.xml", answer)
        for host in ("127.0.0.1", "localhost"):
            url = f"http://{host}:{http_server.port}/f{number}.xml"
            feeds.append(_feed(url, f"{host} {number}"))
    report = fetch_all(feeds, library_dir=tmp_path, concurrency=3, per_host=2)
    assert not report.failed
    assert set(most) == {"127.0.0.1", "localhost"}
    assert max(most.values()) <= 2
    assert 2 <= most_total <= 3


def test_lost_fetch_state_fetches_no_page_again(http_server: HttpServer, tmp_path: Path) -> None:
    from reader.feeds.state import fetch_state_path

    url = _serve(http_server, "/feed.xml", "rss20.xml")
    http_server.route("/news/harbour-wall", (FEEDS / "harbour-wall.html").read_bytes())
    feed = _feed(url, full_text="auto")
    assert fetch_all([feed], library_dir=tmp_path, photos=False).results[0].message == "2 new"
    fetch_state_path().unlink()
    again = fetch_all([feed], library_dir=tmp_path, photos=False)
    assert again.results[0].message == "no new articles"
    assert len(http_server.requests_for("/news/harbour-wall")) == 1
