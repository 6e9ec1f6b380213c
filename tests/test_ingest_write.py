"""Writing articles into the library: Markdown that reads back exactly, names, no duplicates."""

from __future__ import annotations

import dataclasses
import os
import random
from datetime import date
from pathlib import Path

import pytest

from reader.formats import read_article
from reader.formats.markdown import parse_markdown
from reader.ingest.ledger import normalize_url
from reader.ingest.write import (
    article_file_name,
    article_to_markdown,
    copy_file,
    safe_folder,
    slugify,
    write_article,
)
from reader.model import Article, Block, BlockKind

FERRY = Article(
    headline="Tarnwick ferry sails again after a winter ashore",
    section="Local",
    bullets=("The ferry carried 212 passengers on its first day", "Fares are unchanged"),
    byline="Odile Marchbank",
    published="2026-03-02T08:00:00+00:00",
    source="The Tarnwick Lantern",
    url="https://example.com/lantern/ferry",
    blocks=(
        Block("paragraph", "The first crossing left the quay at dawn."),
        Block("caption", "The ferry leaving the quay", "Ana Ruiz"),
        Block("subheading", "What passengers said"),
        Block("quote", "It felt like spring had come back with it."),
        Block("paragraph", "The harbour master said the timetable would grow in April."),
        Block("related", "Quay repairs finish ahead of schedule"),
    ),
    format="markdown",
)

HOSTILE = [
    "[bold red]Not markup[/bold red]",
    "---",
    "...",
    "# Not a heading",
    "## 1 hit #",
    "\"Quoted\" and 'single' and a: colon",
    "key: value: more",
    "> not a quote",
    "- not a list item",
    "* star",
    "+ plus",
    "1. Not a numbered item",
    "3) Also not",
    "*emphasis* and **strong** and __under__ and ~~struck~~",
    "`code` and ``double``",
    "[link](https://example.com) and ![image](x.png)",
    "[ref]: https://example.com",
    "<b>tag</b> <https://example.com> <!-- comment -->",
    "Related: not a related link",
    "```",
    "`` starts with two",
    "ends with `",
    "tick then backslash `\\",
    "~~~",
    "___",
    "***",
    "===",
    "Back\\slash \\* and trailing \\",
    "Tab\tand  double  spaces",
    "Ünïcödé — 東京の夜行バス, Αθήνα, مرحبا",
    "null",
    "~",
    "#hashtag",
    "C:\\path\\",
    "a ] b [ c",
    "Photo",
]


def _round_trip(article: Article) -> Article:
    return parse_markdown(article_to_markdown(article))


def test_article_round_trips_through_parse_markdown() -> None:
    back = _round_trip(FERRY)
    assert back.headline == FERRY.headline
    assert back.section == "Local"
    assert back.bullets == FERRY.bullets
    assert back.byline == "Odile Marchbank"
    assert back.published == "2026-03-02T08:00:00+00:00"
    assert back.source == "The Tarnwick Lantern"
    assert back.url == "https://example.com/lantern/ferry"
    assert [(b.kind, b.text, b.credit) for b in back.blocks] == [
        (b.kind, b.text, b.credit) for b in FERRY.blocks
    ]


def test_markdown_has_the_library_layout() -> None:
    text = article_to_markdown(FERRY, photo="ferry photo (1).jpg")
    assert text.startswith('---\ntitle: "Tarnwick ferry sails again after a winter ashore"\n')
    assert '\nbullets:\n  - "The ferry carried 212 passengers on its first day"\n' in text
    assert "\n## What passengers said\n" in text
    assert "\n> It felt like spring had come back with it.\n" in text
    assert '\n![The ferry leaving the quay](<ferry photo (1).jpg> "Ana Ruiz")\n' in text
    assert "\nRelated: Quay repairs finish ahead of schedule\n" in text


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_round_trips_in_every_field(text: str) -> None:
    article = Article(
        headline=text,
        section=text,
        bullets=(text,),
        byline=text,
        published=text,
        source=text,
        url=text,
        blocks=(
            Block("paragraph", text),
            Block("subheading", text),
            Block("quote", text),
            Block("caption", text, text),
            Block("related", text),
            Block("paragraph", "An ordinary closing line."),
        ),
    )
    expected = " ".join(text.split())
    back = _round_trip(article)
    assert back.headline == expected
    assert (back.section, back.byline, back.published, back.source, back.url) == (expected,) * 5
    assert back.bullets == (expected,)
    kinds = [b.kind for b in back.blocks]
    assert kinds == ["paragraph", "subheading", "quote", "caption", "related", "paragraph"]
    assert [b.text for b in back.blocks[:5]] == [expected] * 5


def test_credit_with_both_kinds_of_quote_keeps_its_words() -> None:
    article = Article("A", blocks=(Block("caption", "Boats", 'The "Gull" crew\'s photo'),))
    (caption,) = _round_trip(article).blocks
    assert caption.credit == 'The "Gull" crew\'s photo'


def test_photo_without_caption_is_a_photo_with_an_empty_caption() -> None:
    text = article_to_markdown(Article("A", blocks=(Block("paragraph", "Body."),)), photo="a.jpg")
    assert "![](a.jpg)" in text
    blocks = parse_markdown(text).blocks
    assert [(b.kind, b.text, b.image) for b in blocks] == [
        ("caption", "", "a.jpg"),
        ("paragraph", "Body.", None),
    ]


def test_photo_goes_to_the_first_caption_without_an_image() -> None:
    article = Article(
        "A",
        blocks=(
            Block("caption", "Has its own", None, "https://example.com/own.jpg"),
            Block("caption", "Needs one", "Lee Wu"),
            Block("caption", "", None, "other.png"),
        ),
    )
    back = parse_markdown(article_to_markdown(article, photo="/cache/photos/lead.jpg"))
    assert [(b.text, b.credit, b.image) for b in back.blocks] == [
        ("Has its own", None, "https://example.com/own.jpg"),
        ("Needs one", "Lee Wu", "/cache/photos/lead.jpg"),
        ("", None, "other.png"),
    ]


@pytest.mark.parametrize(
    "source",
    [
        "ferry.jpg",
        "/home/me/My Photos/ferry (1).jpg",
        "https://x.example/a(b).jpg?w=1&h=2",
        "a\\b.jpg",
    ],
)
def test_image_sources_round_trip(source: str) -> None:
    article = Article("A", blocks=(Block("caption", "Boats", "Lee Wu", source),))
    (caption,) = parse_markdown(article_to_markdown(article)).blocks
    assert caption.image == source


def test_file_name_from_date_and_headline() -> None:
    assert article_file_name(FERRY) == "2026-03-02-tarnwick-ferry-sails-again-after-a-winter-ashore"
    undated = Article("Café prices rise at Ørsted Square", published="sometime")
    assert article_file_name(undated, today=date(2026, 11, 26)) == (
        "2026-11-26-cafe-prices-rise-at-rsted-square"
    )
    assert article_file_name(Article("X", published="Tue, 10 Jun 2026 09:00:00 GMT")).startswith(
        "2026-06-10-x"
    )


def test_non_latin_headline_still_gets_a_usable_name() -> None:
    name = article_file_name(Article("城湾夜行巴士开通", published="2026-11-18"))
    assert name.startswith("2026-11-18-article-")
    assert name.isascii() and len(name) == len("2026-11-18-article-") + 8
    other = article_file_name(Article("城湾夜行巴士停运", published="2026-11-18"))
    assert other != name


def test_slug_is_cut_at_a_word() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= 60 and not slug.endswith("-") and slug.startswith("word-word")


def test_write_article_writes_a_readable_file(tmp_path: Path) -> None:
    result = write_article(tmp_path, FERRY)
    assert result.created
    assert result.path.parent == tmp_path.resolve()
    assert result.path.name == "2026-03-02-tarnwick-ferry-sails-again-after-a-winter-ashore.md"
    assert result.message == f"added {result.path}"
    read = read_article(result.path)
    assert read.headline == FERRY.headline
    assert read.byline == "Odile Marchbank"
    assert [p.name for p in tmp_path.iterdir()] == [result.path.name]  # no temporary left


def test_same_url_twice_is_stored_once(tmp_path: Path) -> None:
    first = write_article(tmp_path, FERRY)
    variant = Article(
        "A different headline for the same page",
        url="HTTPS://Example.com/lantern/ferry/?utm_source=feed&utm_medium=rss#top",
        blocks=(Block("paragraph", "Other words."),),
    )
    second = write_article(tmp_path, variant)
    assert not second.created
    assert second.path == first.path
    assert second.message == f"already in the library: {first.path}"
    assert len(list(tmp_path.iterdir())) == 1


def test_same_content_at_two_urls_is_stored_once(tmp_path: Path) -> None:
    first = write_article(tmp_path, FERRY)
    moved = dataclasses.replace(FERRY, url="https://mirror.example.org/ferry-story")
    second = write_article(tmp_path, moved)
    assert not second.created and second.path == first.path


def test_same_key_is_stored_once_across_folders(tmp_path: Path) -> None:
    one = Article("Entry one", blocks=(Block("paragraph", "One."),))
    two = Article("Entry one, edited", blocks=(Block("paragraph", "One, edited."),))
    first = write_article(tmp_path, one, folder="Feed A", key="urn:entry:1")
    second = write_article(tmp_path, two, folder="Feed B", key="urn:entry:1")
    assert first.created and not second.created
    assert first.path.parent.name == "Feed A"


def test_deleted_article_may_be_added_again(tmp_path: Path) -> None:
    first = write_article(tmp_path, FERRY)
    first.path.unlink()
    again = write_article(tmp_path, FERRY)
    assert again.created and again.path == first.path


def test_never_overwrites_a_file_with_the_same_name(tmp_path: Path) -> None:
    taken = tmp_path / "2026-03-02-tarnwick-ferry-sails-again-after-a-winter-ashore.md"
    taken.write_text("mine", encoding="utf-8")
    result = write_article(tmp_path, FERRY)
    assert result.path.name.endswith("-ashore-2.md")
    assert taken.read_text(encoding="utf-8") == "mine"
    other = Article(FERRY.headline, published=FERRY.published, blocks=(Block("paragraph", "B"),))
    assert write_article(tmp_path, other).path.name.endswith("-ashore-3.md")


def test_libraries_keep_separate_ledgers(tmp_path: Path) -> None:
    assert write_article(tmp_path / "one", FERRY).created
    assert write_article(tmp_path / "two", FERRY).created


def test_damaged_ledger_is_set_aside(tmp_path: Path) -> None:
    ledger = Path(os.environ["READER_STATE_DIR"]) / "added.sqlite3"
    ledger.parent.mkdir(parents=True, exist_ok=True)
    ledger.write_bytes(b"this is not a database" * 100)
    assert write_article(tmp_path, FERRY).created
    assert not write_article(tmp_path, FERRY).created
    assert list(ledger.parent.glob("added.sqlite3.corrupt-*"))


def test_folder_stays_inside_the_library(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    assert safe_folder(library, "../../etc") == library / "etc"
    assert safe_folder(library, "/abs/.hidden") == library / "abs" / "hidden"
    assert safe_folder(library, "The Courier: News\x1b[31m") == library / "The Courier- News"
    assert safe_folder(library, None) == library


def test_normalize_url() -> None:
    assert normalize_url("HTTPS://Example.COM:443/a/b/?utm_campaign=x&id=3#frag") == (
        "https://example.com/a/b?id=3"
    )
    assert normalize_url("http://example.com:8080/") == "http://example.com:8080"


def test_copy_file_keeps_bytes_and_refuses_duplicates(tmp_path: Path) -> None:
    source = tmp_path / "src" / "2026-01-01-note.txt"
    source.parent.mkdir()
    source.write_bytes("A capture\n\nBody text é\n".encode())
    library = tmp_path / "lib"
    first = copy_file(library, source)
    assert first.created and first.path.read_bytes() == source.read_bytes()
    assert first.path.name == "2026-01-01-note.txt"
    again = copy_file(library, source)
    assert not again.created and again.path == first.path
    # Different bytes under a taken name: a new name, the old file untouched.
    source.write_bytes(b"Another capture\n")
    third = copy_file(library, source)
    assert third.created and third.path.name == "2026-01-01-note-2.txt"
    assert first.path.read_bytes() != third.path.read_bytes()


def test_random_markup_soup_round_trips() -> None:
    rng = random.Random(4)  # fixed: the same 2,000 strings every run
    alphabet = [*"#>-+*_=`~<[]()!\\:\"' .1aZé東", "Related:", "<!--", "-->", "http://x"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14))).strip()
        if not text:
            continue
        kinds: tuple[BlockKind, ...] = ("paragraph", "caption", "subheading", "quote", "related")
        article = Article(text, bullets=(text,), blocks=tuple(Block(k, text) for k in kinds))
        back = _round_trip(article)
        expected = " ".join(text.split())
        assert back.headline == expected, text
        assert back.bullets == (expected,), text
        assert [(b.kind, b.text) for b in back.blocks] == [(k, expected) for k in kinds], text
