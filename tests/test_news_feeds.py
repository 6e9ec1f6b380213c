"""Summary-only feeds of news-style pages, and `reader add`, against a local server (127.0.0.1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from feed_helpers import rss
from http_server import HttpServer
from news_pages import HEADLINE, PARAGRAPHS, article_page

from reader.cli import main
from reader.feeds.fetch import fetch_all
from reader.feeds.subscriptions import make_subscription
from reader.formats import read_article


def _entry(number: int, link: str) -> str:
    return (
        f"<item><title>Story {number}: a summary-only entry</title><link>{link}</link>"
        f"<guid>story-{number}</guid><description>One line about story {number}.</description>"
        "</item>"
    )


def _story(number: int) -> str:
    """A news-style page whose paragraphs are told apart by `number`."""
    paragraphs = tuple(f"{text} (Story {number}.)" for text in PARAGRAPHS)
    return article_page(paragraphs=paragraphs)


def _articles(library: Path) -> list[Path]:
    return sorted(library.rglob("*.md"))


def test_summary_only_entries_of_news_pages_come_in_whole(
    http_server: HttpServer, tmp_path: Path
) -> None:
    for number in range(4):
        http_server.route(f"/story/{number}", _story(number))
    items = "".join(_entry(n, http_server.url(f"/story/{n}")) for n in range(4))
    http_server.route("/feed.xml", rss(items), content_type="application/rss+xml")
    feed = make_subscription(http_server.url("/feed.xml"), "Courier", None, "auto")
    report = fetch_all([feed], library_dir=tmp_path, photos=False)
    (result,) = report.results
    assert result.message == "4 new"
    assert result.warnings == ()
    for path in _articles(tmp_path):
        article = read_article(path)
        assert article.words > 200, f"{path.name} kept only its summary"


def test_failed_pages_are_each_named(http_server: HttpServer, tmp_path: Path) -> None:
    links = [http_server.url(f"/gone/{n}") for n in range(3)]
    items = "".join(_entry(n, link) for n, link in enumerate(links))
    http_server.route("/feed.xml", rss(items), content_type="application/rss+xml")
    feed = make_subscription(http_server.url("/feed.xml"), "Courier", None, "always")
    (result,) = fetch_all([feed], library_dir=tmp_path, photos=False).results
    (warning,) = result.warnings
    assert warning.startswith("3 pages could not be read in full")
    for link in links:
        assert link in warning


def test_the_same_story_by_add_and_by_feed_is_stored_once(
    http_server: HttpServer, tmp_path: Path
) -> None:
    # The page names its canonical address; the feed links to a redirect to it.
    page = _story(7).replace(
        "<head>", f'<head><link rel="canonical" href="{http_server.url("/story/7")}">'
    )
    http_server.route("/story/7", page)
    http_server.redirect("/go/7", "/story/7")
    library = tmp_path / "lib"
    added = CliRunner().invoke(
        main, ["add", "--no-photos", "--library", str(library), http_server.url("/story/7?utm_x=1")]
    )
    assert added.exit_code == 0, added.output
    items = _entry(7, http_server.url("/go/7"))
    http_server.route("/feed.xml", rss(items), content_type="application/rss+xml")
    feed = make_subscription(http_server.url("/feed.xml"), "Courier", None, "always")
    report = fetch_all([feed], library_dir=library, photos=False)
    assert report.new_paths == ()
    (only,) = _articles(library)
    assert read_article(only).headline == HEADLINE


def test_add_shows_each_step_on_a_terminal(
    http_server: HttpServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.cli.add import _StatusLine

    shown: list[str] = []
    status = _StatusLine(terminal=True)
    status_show = status.show

    def show(text: str) -> None:
        shown.append(text)
        status_show(text)

    monkeypatch.setattr(status, "show", show)
    http_server.route("/story/1", _story(1))
    from reader.ingest.add import add_one

    url = http_server.url("/story/1")
    outcome = add_one(url, tmp_path, fetch_photo=None, progress=status.for_input(url))
    assert outcome.ok
    assert shown == [f"{url}: fetching the page…", f"{url}: finding the article…"]


def test_add_piped_prints_one_line_per_input(http_server: HttpServer, tmp_path: Path) -> None:
    for number in range(2):
        http_server.route(f"/story/{number}", _story(number))
    urls = [http_server.url(f"/story/{n}") for n in range(2)]
    result = CliRunner().invoke(main, ["add", "--no-photos", "--library", str(tmp_path), *urls])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["added", "added"]


def test_fetch_names_a_hostile_entry_url_harmlessly(
    http_server: HttpServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "library"))
    hostile = http_server.url("/gone/\x1b]0;OWNED\x07")
    items = _entry(1, hostile.replace("&", "&amp;"))
    http_server.route("/feed.xml", rss(items), content_type="application/rss+xml")
    runner = CliRunner()
    assert runner.invoke(main, ["feed", "add", http_server.url("/feed.xml")]).exit_code == 0
    fetched = runner.invoke(main, ["fetch"])
    output = fetched.stdout + fetched.stderr
    assert "could not be read in full" in output
    assert "/gone/\\e]0;OWNED\\x07" in output
    assert "\x1b" not in output and "\x07" not in output
