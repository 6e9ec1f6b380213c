"""The subscriptions file, OPML import and export, and the saved fetch state."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from feed_helpers import billion_laughs

from reader.feeds.errors import FeedError
from reader.feeds.opml import format_opml, parse_opml
from reader.feeds.state import load_fetch_state
from reader.feeds.subscriptions import (
    Subscription,
    config_dir,
    find_subscription,
    folder_name,
    load_subscriptions,
    make_subscription,
    save_subscriptions,
    subscriptions_path,
)

FEEDS = [
    make_subscription("https://gazette.example.test/feed.xml", "The Marrowby Gazette"),
    make_subscription(
        "https://ledger.example.test/atom", 'Quote " and \\ back\tslash', "Shared", "always"
    ),
    make_subscription(
        "https://dispatch.example.test/feed.json", "Pellbridge Dispatch", None, "never"
    ),
]


def test_config_dir_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path))
    assert config_dir() == tmp_path
    assert subscriptions_path() == tmp_path / "feeds.toml"


def test_defaults_from_title_and_host() -> None:
    feed = make_subscription(" https://x.example.test/rss ")
    assert feed == Subscription("https://x.example.test/rss", "x.example.test", "x.example.test")
    assert make_subscription("https://a.test/", "The Daily Lamp!").folder == "the-daily-lamp"
    assert folder_name("../../etc/passwd") == "etc-passwd"
    assert folder_name("Økonomi Nyheter") == "økonomi-nyheter"
    assert folder_name("...") == "feed"
    with pytest.raises(FeedError, match="full_text must be one of auto, always, never"):
        make_subscription("https://a.test/", full_text="sometimes")


def test_save_and_load_round_trip() -> None:
    save_subscriptions(FEEDS)
    assert load_subscriptions() == FEEDS
    text = subscriptions_path().read_text(encoding="utf-8")
    assert text.startswith("# Broadsheet feed subscriptions")
    assert tomllib.loads(text)["feed"][1]["folder"] == "shared"


def test_missing_file_is_no_subscriptions() -> None:
    assert load_subscriptions() == []


def test_hand_edited_file(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(
        '# mine\n[[feed]]\nurl = "https://a.example.test/rss"\n\n'
        '[[feed]]\nurl = "https://b.example.test/rss"\ntitle = "Bee News"\nfull_text = "never"\n'
    )
    first, second = load_subscriptions(path)
    assert first.title == "a.example.test"
    assert second == Subscription("https://b.example.test/rss", "Bee News", "bee-news", "never")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[[feed]\n", "not valid TOML"),
        ('[[feed]]\ntitle = "x"\n', "feed 1 has no url"),
        ("[[feed]]\nurl = 3\n", "feed 1: url must be a string"),
        ('[[feed]]\nurl = "https://a.test/"\nfull_text = "yes"\n', "feed 1: full_text must be"),
        ('feed = "x"\n', "must be a list"),
    ],
)
def test_bad_file_says_why(tmp_path: Path, text: str, reason: str) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(text)
    with pytest.raises(FeedError, match=reason):
        load_subscriptions(path)


def test_find_by_url_or_number() -> None:
    assert find_subscription(FEEDS, "2") == 1
    assert find_subscription(FEEDS, "https://gazette.example.test/feed.xml/") == 0
    with pytest.raises(FeedError, match="no feed number 4"):
        find_subscription(FEEDS, "4")
    with pytest.raises(FeedError, match="not subscribed"):
        find_subscription(FEEDS, "https://other.test/")


def test_opml_round_trip() -> None:
    text = format_opml(FEEDS)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    imported = parse_opml(text.encode("utf-8"))
    assert imported.feeds == FEEDS
    assert imported.skipped == []


def test_opml_from_another_reader() -> None:
    data = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<opml version="1.0"><head><title>Mine</title></head><body>
  <outline text="News">
    <outline text="Caf\xe9 Gazette" type="rss" xmlurl="https://cafe.example.test/rss"/>
    <outline title="Fen Post" text="ignored" type="rss" xmlUrl="https://fen.example.test/atom"/>
  </outline>
  <outline text="Local file" type="rss" xmlUrl="file:///home/me/feed.xml"/>
  <outline text="Twice" type="rss" xmlUrl="https://fen.example.test/atom"/>
  <outline text="Just a link" htmlUrl="https://example.test/"/>
</body></opml>"""
    imported = parse_opml(data)
    assert [(f.title, f.url, f.folder) for f in imported.feeds] == [
        ("Café Gazette", "https://cafe.example.test/rss", "café-gazette"),
        ("Fen Post", "https://fen.example.test/atom", "fen-post"),
    ]
    assert imported.skipped == [
        "file:///home/me/feed.xml: only http and https feeds can be followed"
    ]


def test_opml_that_is_not_opml() -> None:
    with pytest.raises(FeedError, match="malformed XML"):
        parse_opml(b"<opml><body>")
    with pytest.raises(FeedError, match="not an OPML file"):
        parse_opml(b"<rss/>")
    with pytest.raises(FeedError, match="declares its own XML entities"):
        parse_opml(billion_laughs().replace(b"<rss", b"<opml").replace(b"</rss>", b"</opml>"))


def test_fetch_state_round_trip_and_damage() -> None:
    state = load_fetch_state()
    state.of("https://a.test/feed").etag = '"v1"'
    state.remember("https://a.test/feed", "entry-1", "https://a.test/1")
    state.save()
    again = load_fetch_state()
    assert again.of("https://a.test/feed").etag == '"v1"'
    assert again.is_seen("https://a.test/1")
    assert not again.is_seen("entry-2", None)
    again.forget("https://a.test/feed")
    assert not again.is_seen("entry-1")
    again.path.write_text("{ not json")
    assert load_fetch_state().feeds == {}
