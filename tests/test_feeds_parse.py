"""Reading feeds: RSS 2.0 and 1.0, Atom, JSON Feed, odd encodings, and what is not a feed."""

from __future__ import annotations

from pathlib import Path

import pytest
from feed_helpers import TEST_BASE, billion_laughs, feed_bytes, rss

from reader.feeds.errors import FeedError
from reader.feeds.parse import parse_feed
from reader.feeds.xmlsafe import ENTITY_REFUSAL

URL = f"{TEST_BASE}/feed"


def test_rss20_feed_and_entries() -> None:
    feed = parse_feed(feed_bytes("rss20.xml"), url=URL)
    assert feed.title == "The Marrowby Gazette"
    assert feed.kind == "rss"
    assert feed.warnings == ()
    first, second = feed.entries
    assert first.title == "Ferry timetable changes for the winter months"
    assert first.link == f"{TEST_BASE}/news/ferry-timetable"
    assert first.id == "marrowby-2026-0001"
    assert first.author == "Odile Penhallow"
    assert first.published == "2026-11-02T08:30:00Z"
    assert first.categories == ("Transport",)
    assert first.content_html is not None and "winter timetable" in first.content_html
    assert first.image_urls == (f"{TEST_BASE}/photos/ferry.jpg",)
    assert second.content_html is None
    assert second.summary_html == "<p>Work on the storm-damaged harbour wall starts on Tuesday.</p>"
    assert second.image_urls == (f"{TEST_BASE}/photos/wall.png",)
    assert second.key == f"{TEST_BASE}/news/harbour-wall"


def test_rss10_rdf_feed() -> None:
    feed = parse_feed(feed_bytes("rss10.rdf"), url=URL)
    assert feed.title == "Quillfield Weekly"
    (entry,) = feed.entries
    assert entry.title == "Orchard fair returns to the green"
    assert entry.author == "Bram Eddowes"
    assert entry.published == "2026-10-10T09:00:00Z"
    assert entry.categories == ("Events",)
    assert entry.summary_html is not None and "pie contest" in entry.summary_html


def test_atom_feed_html_title_and_zoned_date() -> None:
    feed = parse_feed(feed_bytes("atom.xml"), url=URL)
    assert feed.kind == "atom"
    assert feed.title == "The Harrowdene & District Ledger"
    (entry,) = feed.entries
    assert entry.id == "urn:uuid:ledger-entry-0042"
    assert entry.author == "Wren Alderney"
    assert entry.published == "2026-09-14T08:15:00Z"
    assert entry.content_html is not None and "until eight" in entry.content_html
    assert entry.summary_html == "Late opening on Thursdays from October."


def test_json_feed() -> None:
    feed = parse_feed(feed_bytes("feed.json"), url=f"{TEST_BASE}/dispatch/feed.json")
    assert feed.kind == "json"
    assert feed.title == "Pellbridge Dispatch"
    assert len(feed.entries) == 2  # the item that is a string is skipped
    first, second = feed.entries
    assert first.author == "Ines Marlowe, Corin Vell"
    assert first.categories == ("Infrastructure", "Pellbridge")
    assert first.published == "2026-08-03T07:45:00Z"
    assert first.image_urls == (f"{TEST_BASE}/dispatch/bridge.jpg",)
    assert second.id == "7782"
    assert second.link == f"{TEST_BASE}/dispatch/market-day"
    assert second.content_html == (
        "<p>The weekly market moves to Wednesday from next month.</p>"
        "<p>Stallholders asked for the change.</p>"
    )


def test_json_feed_by_content_type_and_bad_json() -> None:
    with pytest.raises(FeedError, match="malformed JSON"):
        parse_feed(b'{"version": ', url=URL, content_type="application/feed+json")
    with pytest.raises(FeedError, match="not a JSON Feed"):
        parse_feed(b'{"items": []}', url=URL)
    with pytest.raises(FeedError, match="nested too deeply"):
        parse_feed(b'{"a":' + b"[" * 100_000, url=URL)


def test_windows_1252_declared_in_the_prolog() -> None:
    feed = parse_feed(feed_bytes("cp1252.xml"), url=URL)
    assert feed.title == "Café Society of Léondale"
    (entry,) = feed.entries
    assert entry.title == "“Best crêpes” contest won by a baker from Saint-Aubé"
    assert entry.summary_html == "The judges tasted forty crêpes – and chose the plainest."


def test_charset_from_the_content_type_header() -> None:
    data = rss("<item><title>Fjord caf\xe9 opens</title><guid>x</guid></item>".replace("\xe9", "é"))
    latin = data.decode("utf-8").replace('encoding="UTF-8"', "").encode("latin-1")
    feed = parse_feed(latin, url=URL, content_type="application/rss+xml; charset=iso-8859-1")
    assert feed.entries[0].title == "Fjord café opens"


def test_malformed_xml_is_a_clear_error() -> None:
    with pytest.raises(FeedError, match=r"not a readable feed: malformed XML \(.* at line \d+\)"):
        parse_feed(b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Bro', url=URL)


def test_malformed_but_readable_feed_keeps_entries_with_a_warning() -> None:
    data = rss(
        "<item><title>Kept despite the damage</title><link>http://a.test/1</link></item>"
        "<item><title>Unclosed & stray</title></channel>"
    )
    feed = parse_feed(data, url=URL)
    assert feed.entries[0].title == "Kept despite the damage"
    assert feed.warnings and "malformed XML" in feed.warnings[0]


def test_not_a_feed() -> None:
    page = b"<!doctype html><html><head><title>Hi</title></head><body><p>Hello</p></body></html>"
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed(page, url=URL)
    with pytest.raises(FeedError, match="empty"):
        parse_feed(b"  \n", url=URL)


def test_billion_laughs_is_refused() -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(billion_laughs(), url=URL)
    assert str(caught.value) == ENTITY_REFUSAL


def test_billion_laughs_in_utf16_is_refused() -> None:
    data = billion_laughs().decode().replace('<?xml version="1.0"?>', "")
    with pytest.raises(FeedError, match="declares its own XML entities"):
        parse_feed(data.encode("utf-16"), url=URL)


def test_quadratic_blowup_is_refused() -> None:
    # One long entity used many times: feedparser alone would keep it as "safe".
    big = "x" * 10_000
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "{big}">]>'
        f"<rss version='2.0'><channel><title>{'&big;' * 10_000}</title></channel></rss>"
    ).encode()
    with pytest.raises(FeedError, match="declares its own XML entities"):
        parse_feed(data, url=URL)


def test_external_entity_is_refused_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the-secret-marker")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        "<rss version='2.0'><channel><title>t</title>"
        "<item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>"
    ).encode()
    with pytest.raises(FeedError, match="declares its own XML entities"):
        parse_feed(data, url=URL)


def test_external_dtd_is_not_fetched(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY marker "the-secret-marker">')
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{dtd.as_uri()}">'
        "<rss version='2.0'><channel><title>Plain</title>"
        "<item><title>One &marker;</title><guid>1</guid></item></channel></rss>"
    ).encode()
    feed = parse_feed(data, url=URL)
    assert "the-secret-marker" not in feed.entries[0].title


def test_a_netscape_doctype_without_entities_is_fine() -> None:
    data = (
        b'<?xml version="1.0"?>\n'
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
        b' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        b'<rss version="0.91"><channel><title>Old Style</title><link>http://a.test/</link>'
        b"<item><title>Still works</title><link>http://a.test/1</link></item></channel></rss>"
    )
    feed = parse_feed(data, url=URL)
    assert feed.entries[0].title == "Still works"


def test_feed_bytes_naming_a_file_are_never_opened(tmp_path: Path) -> None:
    # feedparser opens a local file when handed its name: the parser must never let it.
    local = tmp_path / "local.xml"
    local.write_bytes(rss("<item><title>From the local file</title><guid>1</guid></item>"))
    with pytest.raises(FeedError):
        parse_feed(str(local).encode(), url=URL)
