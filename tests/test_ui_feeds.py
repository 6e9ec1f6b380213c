"""Feeds and links in the TUI: R fetches and lists new articles, o opens a link, y copies it."""

from __future__ import annotations

from pathlib import Path

import pytest
from http_server import HttpServer
from ui_helpers import (
    NARROW,
    RecordingApp,
    cursor_headline,
    header_status,
    listed_headlines,
    make_app,
    settle,
    wait_until,
    write_library,
)

import reader.formats
from reader.feeds.subscriptions import make_subscription, save_subscriptions
from reader.formats import ArticleError
from reader.model import Article

PARAGRAPH = (
    "The council met on Tuesday evening and agreed, after a long debate that ran "
    "past midnight, to keep the old market hall open for at least another year. "
)

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Millbrook Gazette</title><link>{base}/</link><description>News</description>
<item><title>Market hall stays open for another year</title>
<link>{base}/market-hall</link><guid>{base}/market-hall</guid>
<pubDate>Tue, 03 Nov 2026 09:00:00 GMT</pubDate>
<description>{body}</description></item>
<item><title>New footbridge opens over the Mill Race</title>
<link>{base}/footbridge</link><guid>{base}/footbridge</guid>
<pubDate>Wed, 04 Nov 2026 09:00:00 GMT</pubDate>
<description>{body}</description></item>
</channel></rss>
"""


def notices(app: RecordingApp) -> list[str]:
    """The text of every notification shown."""
    return [notice.message for notice in app.notices]


@pytest.mark.parametrize("given_library", [True, False])
async def test_r_fetches_the_feeds_and_lists_the_new_articles_unread(
    http_server: HttpServer, tmp_path: Path, given_library: bool
) -> None:
    body = "&lt;p&gt;" + PARAGRAPH * 3 + "&lt;/p&gt;"
    http_server.route(
        "/feed.xml",
        FEED.format(base=http_server.url(""), body=body),
        content_type="application/rss+xml",
    )
    save_subscriptions([make_subscription(http_server.url("/feed.xml"), full_text="never")])
    library = write_library(tmp_path / "lib")
    # Opened on one folder, the new articles go there, as into the library folder.
    app = make_app(library, library_dir=library if given_library else None, app_class=RecordingApp)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("down")
        before = cursor_headline(app)
        await pilot.press("R")
        await wait_until(pilot, lambda: app.main_screen.article_list.row_count == 6)
        await wait_until(pilot, lambda: "fetching" not in header_status(app))
        assert "New footbridge opens over the Mill Race" in listed_headlines(app)
        assert "Market hall stays open for another year" in listed_headlines(app)
        assert header_status(app).startswith("6 articles · 6 unread")
        assert cursor_headline(app) == before
        assert any("2 new articles" in text for text in notices(app))
    assert len(list((library).rglob("*.md"))) == 6


async def test_r_without_feeds_says_how_to_add_one(tmp_path: Path) -> None:
    library = write_library(tmp_path / "lib")
    app = make_app(library, library_dir=library, app_class=RecordingApp)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await wait_until(pilot, lambda: bool(notices(app)))
        assert any("reader feed add URL" in text for text in notices(app))


def linked_library(folder: Path, url: str) -> Path:
    """One article whose front matter names `url`."""
    folder.mkdir()
    (folder / "linked.md").write_text(
        f"---\ntitle: A linked story\nurl: {url}\n---\n\nBody text.\n", encoding="utf-8"
    )
    return folder


async def test_o_opens_the_article_link_in_the_browser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER", "firefox")
    library = linked_library(tmp_path / "lib", "https://example.com/story")
    app = make_app(library, library_dir=library)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("o")
        assert opened == ["https://example.com/story"]


async def test_o_without_a_graphical_browser_copies_instead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    library = linked_library(tmp_path / "lib", "https://example.com/story")
    app = make_app(library, library_dir=library, app_class=RecordingApp)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("o")
        assert app.clipboard == "https://example.com/story"
        assert any("No graphical browser" in text for text in notices(app))


async def test_y_copies_the_link_and_says_so(tmp_path: Path) -> None:
    library = linked_library(tmp_path / "lib", "https://example.com/story")
    app = make_app(library, library_dir=library, app_class=RecordingApp)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("y")
        assert app.clipboard == "https://example.com/story"
        assert any("OSC 52" in text for text in notices(app))


def forbid_parsing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on parsing an article file fails; returns the record of each attempt."""
    attempts: list[str] = []

    def fail(data: bytes, **_: object) -> Article:
        attempts.append("parsed")
        raise ArticleError("the article file was parsed")

    monkeypatch.setattr(reader.formats, "parse_bytes", fail)
    return attempts


async def test_y_and_o_take_the_link_from_the_row_not_from_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(linked_library(tmp_path / "lib", "https://example.com/story"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)  # the index has parsed the file: the keys must not parse it again
        attempts = forbid_parsing(monkeypatch)
        await pilot.press("y")
        assert app.clipboard == "https://example.com/story"
        opened: list[str] = []
        monkeypatch.setenv("BROWSER", "firefox")
        monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
        await pilot.press("o")
        assert opened == ["https://example.com/story"]
        assert attempts == []


async def test_a_link_that_is_not_a_web_address_is_neither_opened_nor_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BROWSER", "firefox")
    library = linked_library(tmp_path / "lib", "javascript:alert(1)")
    app = make_app(library, library_dir=library, app_class=RecordingApp)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("o", "y")
        assert opened == [] and app.clipboard == ""
        assert sum("no web address" in text for text in notices(app)) == 2
