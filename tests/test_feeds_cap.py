"""The cap on new entries per feed per fetch: the newest first, the rest on later fetches."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from feed_helpers import rss
from http_server import HttpServer

from reader.cli import feed as cli_feed
from reader.cli import main
from reader.feeds.fetch import fetch_all
from reader.feeds.newest import MAX_NEW_ENTRIES
from reader.feeds.subscriptions import make_subscription
from reader.formats import read_article

RSS = "application/rss+xml"
# Published out of order, so "newest" cannot mean "first in the file".
DAYS = [3, 11, 1, 7, 12, 5, 9, 2, 10, 4, 8, 6]


def _serve_many(server: HttpServer) -> str:
    items = "".join(
        f"<item><title>Tide table for day {day}</title><guid>tide-{day}</guid>"
        f"<link>{server.base_url}/tide/{day}</link>"
        f"<pubDate>{['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][day % 7]}, "
        f"{day:02d} Nov 2026 06:00:00 GMT</pubDate>"
        f"<description>High water on day {day} of the month.</description></item>"
        for day in DAYS
    )
    server.route("/feed.xml", rss(items, title="Tide Tables"), content_type=RSS)
    return server.url("/feed.xml")


def _days(paths: tuple[Path, ...]) -> list[int]:
    return sorted(int(read_article(p).headline.rsplit(" ", 1)[1]) for p in paths)


def test_a_fetch_writes_the_newest_entries_up_to_the_cap(
    http_server: HttpServer, tmp_path: Path
) -> None:
    feed = make_subscription(_serve_many(http_server), "Tide Tables", None, "never")
    first = fetch_all([feed], library_dir=tmp_path, photos=False, max_entries=5)
    (result,) = first.results
    assert result.message == "5 new"
    assert _days(first.new_paths) == [8, 9, 10, 11, 12]
    assert result.warnings == (
        "7 older entries left for the next fetch "
        "(at most 5 new per feed each time; reader fetch --max-entries N)",
    )
    second = fetch_all([feed], library_dir=tmp_path, photos=False, max_entries=5)
    assert _days(second.new_paths) == [3, 4, 5, 6, 7]
    third = fetch_all([feed], library_dir=tmp_path, photos=False, max_entries=5)
    assert _days(third.new_paths) == [1, 2]
    assert third.results[0].warnings == ()
    assert fetch_all([feed], library_dir=tmp_path, photos=False).results[0].unchanged


def test_the_default_cap_is_a_few_hundred() -> None:
    assert MAX_NEW_ENTRIES == 200
    result = CliRunner().invoke(main, ["fetch", "--help"])
    assert "--max-entries" in result.stdout
    assert "200" in result.stdout


def test_reader_fetch_shows_progress_per_feed_while_it_runs(
    http_server: HttpServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "library"))
    url = _serve_many(http_server)
    assert CliRunner().invoke(main, ["feed", "add", url, "--full-text", "never"]).exit_code == 0
    monkeypatch.setattr(cli_feed, "PIPED_EVERY", 2)
    result = CliRunner().invoke(main, ["fetch", "--max-entries", "5"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "Tide Tables: 5 new entries to read",
        "Tide Tables: 2 of 5 new so far",
        "Tide Tables: 4 of 5 new so far",
        "Tide Tables: 5 new",
    ]
    assert "7 older entries left for the next fetch" in lines[4]
    assert lines[-1] == "5 new articles from 1 feed."


def test_max_entries_must_be_positive() -> None:
    result = CliRunner().invoke(main, ["fetch", "--max-entries", "0"])
    assert result.exit_code == 2
