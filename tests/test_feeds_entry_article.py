"""Entries to articles: HTML content to blocks, sanitised fields, when the full page is wanted."""

from __future__ import annotations

from reader.feeds.discover import feed_links, looks_like_html
from reader.feeds.entry_article import (
    SUMMARY_WORDS,
    entry_article,
    needs_full_text,
    with_page_body,
)
from reader.feeds.entry_html import html_to_blocks, html_to_text, text_to_blocks
from reader.feeds.model import FeedEntry
from reader.model import Article, Block

LONG = "<p>" + " ".join(["word"] * (SUMMARY_WORDS + 10)) + "</p>"


def test_html_fragment_to_blocks() -> None:
    html = (
        "<div>Opening line<br>second line</div><h3>A <em>sub</em>heading</h3>"
        "<p>Body &amp; soul.</p><blockquote><p>Quoted words.</p></blockquote>"
        "<figure><img src='x.jpg'><figcaption>The quay at dawn</figcaption></figure>"
        "<ul><li>One</li><li>Two</li></ul><script>var a = '<p>no</p>';</script>"
        "<style>p { color: red }</style><iframe src='http://a.test'>frame text</iframe>"
    )
    assert html_to_blocks(html) == (
        Block("paragraph", "Opening line"),
        Block("paragraph", "second line"),
        Block("subheading", "A subheading"),
        Block("paragraph", "Body & soul."),
        Block("quote", "Quoted words."),
        Block("caption", "The quay at dawn"),
        Block("paragraph", "One"),
        Block("paragraph", "Two"),
    )


def test_hostile_text_is_sanitised_and_markup_kept() -> None:
    html = "<p>[bold red]Loud[/] \x1b[31mred\x1b[0m \x1b]8;;http://x.test\x07link\x1b]8;;\x07\u202e</p>"
    assert html_to_text(html) == "[bold red]Loud[/] red link"
    entry = FeedEntry(
        title="[blink]Title\x1b[2J\x07",
        author="Ann\x9b31m Other",
        categories=("\x1b[1mNews",),
        content_html=html,
    )
    article = entry_article(entry, "Feed \x1b]0;pwned\x07Title")
    assert article.headline == "[blink]Title"
    assert article.byline == "Ann Other"
    assert article.section == "News"
    assert article.source == "Feed Title"
    assert article.blocks == (Block("paragraph", "[bold red]Loud[/] red link"),)


def test_plain_text_paragraphs() -> None:
    assert text_to_blocks("One\nline.\n\n\nTwo.") == (
        Block("paragraph", "One line."),
        Block("paragraph", "Two."),
    )


def test_entry_article_fields() -> None:
    entry = FeedEntry(
        title="Tide tables",
        link="https://news.example.test/tides",
        id="t-1",
        author="Mara Lisk",
        published="2026-01-02T03:04:05Z",
        categories=("Coast", "Weather"),
        summary_html="<p>High tide at noon.</p>",
    )
    article = entry_article(entry, "Coast Post")
    assert article.headline == "Tide tables"
    assert article.section == "Coast"
    assert article.url == "https://news.example.test/tides"
    assert article.source == "Coast Post"
    assert article.published == "2026-01-02T03:04:05Z"
    assert article.format == "feed"
    assert article.blocks == (Block("paragraph", "High tide at noon."),)


def test_untitled_entry_takes_its_first_words() -> None:
    article = entry_article(FeedEntry(title="", content_html="<p>A short note only.</p>"), "F")
    assert article.headline == "A short note only."
    assert entry_article(FeedEntry(title=""), "F").headline == "Untitled"


def test_only_http_links_are_kept() -> None:
    for link in ("file:///etc/passwd", "data:text/html,hi", "javascript:alert(1)"):
        entry = FeedEntry(title="x", link=link)
        assert entry_article(entry, "F").url is None
        assert not needs_full_text(entry, "always")


def test_needs_full_text_by_mode() -> None:
    short = FeedEntry(title="x", link="https://a.test/1", summary_html="<p>Short.</p>")
    long = FeedEntry(title="x", link="https://a.test/2", content_html=LONG)
    assert needs_full_text(short, "auto")
    assert not needs_full_text(long, "auto")
    assert needs_full_text(long, "always")
    assert not needs_full_text(short, "never")
    assert not needs_full_text(FeedEntry(title="no link"), "auto")


def test_page_body_keeps_entry_metadata() -> None:
    entry = entry_article(
        FeedEntry(title="Entry headline", link="https://a.test/1", summary_html="Short."), "Feed"
    )
    page = Article(
        headline="Page headline",
        byline="Page Byline",
        section="Page section",
        bullets=("A standfirst",),
        blocks=(Block("paragraph", "The whole story."),),
    )
    merged = with_page_body(entry, page)
    assert merged.headline == "Entry headline"
    assert merged.byline == "Page Byline"
    assert merged.section == "Page section"
    assert merged.bullets == ("A standfirst",)
    assert merged.blocks == (Block("paragraph", "The whole story."),)
    assert merged.source == "Feed"


def test_feed_links_advertised_by_a_page() -> None:
    html = """<html><head><base href="https://news.example.test/sub/">
    <link rel="stylesheet" href="/s.css">
    <link rel="alternate" type="application/rss+xml" href="feed.xml" title="RSS">
    <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="/atom.xml">
    <link rel="alternate" type="application/feed+json" href="file:///etc/feed.json">
    <link rel="alternate" type="application/rss+xml" href="feed.xml">
    </head><body></body></html>"""
    assert feed_links(html, "https://news.example.test/page") == [
        "https://news.example.test/sub/feed.xml",
        "https://news.example.test/atom.xml",
    ]


def test_looks_like_html() -> None:
    assert looks_like_html(b"", "text/html; charset=utf-8")
    assert looks_like_html(b"  <!-- hi -->\n<!DOCTYPE html><html>", None)
    assert not looks_like_html(b'<?xml version="1.0"?><rss>', "application/xml")
