"""Search: ranking, prefixes, non-ASCII, safe with any typed text, highlights; the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import run
from index_helpers import headlines, write_article

from reader.library.index import LibraryIndex
from reader.library.index_schema import CACHE_ENV
from reader.library.search import fts_query, highlight_spans, matched_terms, parse_query

BODY_ONLY = "Harbour report"
HEADLINE = "Ferry crews strike at dawn"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """Articles in English, French and Chinese."""
    folder = tmp_path / "library"
    write_article(
        folder,
        "body.md",
        BODY_ONLY,
        body=["The ferry ferry ferry was late again; the ferry office said so."],
        published="2026-05-01",
    )
    write_article(
        folder, "head.md", HEADLINE, body=["Crews left the quay."], published="2026-01-01"
    )
    write_article(
        folder,
        "bullet.md",
        "Weekend roundup",
        bullets=["Tidal turbines reach the grid"],
        body=["Nothing about boats here."],
    )
    write_article(
        folder,
        "fr.md",
        "Le marché couvert rouvre ses portes à Sainte-Aube",
        body=["Les commerçants étaient là dès l'aube, un matin d'été."],
        section="Société",
    )
    write_article(
        folder, "zh.md", "澄湾开通六条夜间公交线路", body=["市民可以在凌晨乘坐夜间公交回家。"]
    )
    return folder


@pytest.fixture
def index(tmp_path: Path, library: Path) -> Iterator[LibraryIndex]:
    """An index of the library."""
    with LibraryIndex(tmp_path / "index.sqlite3") as opened:
        opened.refresh([library])
        yield opened


def test_a_headline_match_ranks_above_a_body_only_match(index: LibraryIndex) -> None:
    assert headlines(index.search("ferry")) == [HEADLINE, BODY_ONLY]


def test_bullets_are_searched(index: LibraryIndex) -> None:
    assert headlines(index.search("turbines")) == ["Weekend roundup"]


def test_every_word_must_match(index: LibraryIndex) -> None:
    assert headlines(index.search("ferry office")) == [BODY_ONLY]
    assert list(index.search("ferry turbines")) == []


def test_the_last_word_is_a_prefix_while_typing(index: LibraryIndex) -> None:
    assert headlines(index.search("fer")) == [HEADLINE, BODY_ONLY]
    assert headlines(index.search("crews da")) == [HEADLINE]
    # A space after the word: the user has finished it.
    assert list(index.search("fer ")) == []
    # Only the last word is a prefix.
    assert list(index.search("fer crews")) == []


def test_a_single_letter_is_a_word_not_a_prefix(index: LibraryIndex) -> None:
    assert [term.prefix for term in parse_query("f")] == [False]
    assert [term.prefix for term in parse_query("fe")] == [True]
    assert list(index.search("f")) == []


@pytest.mark.parametrize("query", ["marche", "MARCHÉ", "marché", "ete", "été", "commercants"])
def test_accents_and_case_are_ignored(index: LibraryIndex, query: str) -> None:
    assert headlines(index.search(query)) == ["Le marché couvert rouvre ses portes à Sainte-Aube"]


@pytest.mark.parametrize("query", ["夜间公交", "公交", "凌晨", "六条"])
def test_chinese_words_match_inside_a_run_of_characters(index: LibraryIndex, query: str) -> None:
    assert headlines(index.search(query)) == ["澄湾开通六条夜间公交线路"]


def test_chinese_characters_must_be_adjacent(index: LibraryIndex) -> None:
    assert list(index.search("公夜")) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("νέα", 1),
        ("ΝΈΑ", 1),
        ("γέφ", 1),
        ("Ναύπλιο", 1),
        ("हिंदी", 1),
        ("समाचार", 1),
        ("day-trip", 1),
        ("trip-day", 0),
        ("東京", 1),
        ("서울", 1),
    ],
)
def test_other_scripts_and_phrases(tmp_path: Path, query: str, expected: int) -> None:
    folder = tmp_path / "scripts"
    write_article(folder, "el.md", "Νέα γέφυρα στο Ναύπλιο", body=["Άνοιξε σήμερα."])
    write_article(folder, "hi.md", "हिंदी समाचार पत्र", body=["आज की खबर।"])
    write_article(folder, "en.md", "A day-trip to the islands", body=["Boats leave at nine."])
    write_article(folder, "ja.md", "東京の天気は晴れ", body=["서울 뉴스도 있습니다."])
    with LibraryIndex(tmp_path / "index.sqlite3") as index:
        index.refresh([folder])
        assert len(index.search(query)) == expected


NASTY = [
    '"',
    '""',
    '"ferry',
    "ferry*",
    "*",
    "**",
    "-ferry",
    "ferry -crews",
    "-",
    "AND",
    "ferry AND",
    "OR ferry",
    "NOT",
    "ferry NOT crews",
    "NEAR(",
    "NEAR(ferry crews",
    "NEAR(ferry crews, 2)",
    "(",
    ")",
    "ferry)",
    ":",
    "headline:ferry",
    "body : ferry",
    "{headline body}: ferry",
    "^ferry",
    "ferry + crews",
    "'",
    "l'aube",
    "\\",
    "\x00",
    "\u200b",
    "e\u0301te\u0301",
    "🚢 ferry",
    "",
    "   ",
    "ferry " * 100,
    "a" * 5000,
]


@pytest.mark.parametrize("query", NASTY)
def test_any_typed_text_is_a_safe_query(index: LibraryIndex, query: str) -> None:
    index.search(query)
    fts_query(query)
    highlight_spans(HEADLINE, query)


def test_syntax_characters_are_ignored_and_words_kept(index: LibraryIndex) -> None:
    assert headlines(index.search('"ferry')) == [HEADLINE, BODY_ONLY]
    assert headlines(index.search("headline:crews")) == []
    assert headlines(index.search("NEAR(crews")) == []
    assert headlines(index.search("-crews dawn")) == [HEADLINE]
    assert fts_query('NEAR("x" AND yo*') == '"NEAR(""x""" "AND" "yo*"*'
    assert fts_query("*-:()") is None


def test_decomposed_accents_match_composed_ones(index: LibraryIndex) -> None:
    assert len(index.search("marche\u0301")) == 1


def test_search_respects_limit_and_filters(index: LibraryIndex, library: Path) -> None:
    assert headlines(index.search("ferry", limit=1)) == [HEADLINE]
    assert headlines(index.search("marché", section="Société")) == [
        "Le marché couvert rouvre ses portes à Sainte-Aube"
    ]
    assert list(index.search("marché", section="Sport")) == []
    assert len(index.search("ferry", roots=[library])) == 2


def test_highlight_spans_follow_the_index_matching() -> None:
    text = "Ferry crews strike; ferrymen join"
    assert highlight_spans(text, "ferry ") == [(0, 5)]
    assert highlight_spans(text, "ferry") == [(0, 5), (20, 28)]
    assert highlight_spans(text, "fer") == [(0, 5), (20, 28)]
    assert highlight_spans(text, "strike fer") == [(0, 5), (12, 18), (20, 28)]
    assert highlight_spans(text, "") == []


def test_highlights_ignore_case_and_accents_and_find_chinese() -> None:
    french = "Le MARCHÉ couvert, un été"
    assert matched_terms(french, "marche ete ") == ["MARCHÉ", "été"]
    assert matched_terms("澄湾开通六条夜间公交线路", "公交") == ["公交"]
    assert matched_terms("公交公交", "公交") == ["公交公交"]
    assert matched_terms("Νέα γέφυρα", "ΝΈΑ ") == ["Νέα"]
    assert matched_terms("A day-trip out", "day-trip") == ["day", "trip"]


# The command line


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The index goes to a temp folder."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


@pytest.mark.usefixtures("cache")
def test_reader_index_prints_the_counts(library: Path) -> None:
    result = run("index", str(library))
    assert result.exit_code == 0, result.stderr
    assert "5 added, 0 updated, 0 removed, 0 failed" in result.stderr
    again = run("index", str(library))
    assert "0 added, 0 updated, 0 removed, 0 failed (5 unchanged, 5 files)" in again.stderr
    (library / "body.md").unlink()
    assert "1 removed" in run("index", str(library)).stderr
    rebuilt = run("index", "--rebuild", str(library))
    assert "4 added" in rebuilt.stderr


def test_reader_index_puts_the_index_in_the_cache_folder(cache: Path, library: Path) -> None:
    run("index", str(library))
    assert (cache / "index.sqlite3").is_file()


@pytest.mark.usefixtures("cache")
def test_reader_index_reports_failures_with_reasons(library: Path) -> None:
    (library / "empty.txt").write_bytes(b"")
    result = run("index", str(library), str(library / "missing.md"))
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.stderr
    assert "missing.md: not found" in result.stderr
    assert "2 failed" in result.stderr


@pytest.mark.usefixtures("cache")
def test_reader_index_rebuilds_a_corrupt_index_and_says_so(cache: Path, library: Path) -> None:
    cache.mkdir()
    (cache / "index.sqlite3").write_bytes(b"\x00garbage" * 100)
    result = run("index", str(library))
    assert result.exit_code == 0
    assert "rebuilt" in result.stderr
    assert "5 added" in result.stderr


@pytest.mark.usefixtures("cache")
def test_reader_search_prints_a_table_best_first(library: Path) -> None:
    result = run("search", "ferry", str(library))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[0] == "Headline"
    assert HEADLINE in lines[1] and BODY_ONLY in lines[2]
    assert "head.md" in lines[1]


@pytest.mark.usefixtures("cache")
def test_reader_search_json(library: Path) -> None:
    result = run("search", "marché", str(library), "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows == [
        {
            "headline": "Le marché couvert rouvre ses portes à Sainte-Aube",
            "section": "Société",
            "source": None,
            "published": None,
            "words": rows[0]["words"],
            "path": str((library / "fr.md").resolve()),
        }
    ]
    assert rows[0]["words"] > 10


@pytest.mark.usefixtures("cache")
@pytest.mark.parametrize("query", ['"', "NEAR(", "AND", "-", "*", ":"])
def test_reader_search_with_syntax_characters_never_fails(library: Path, query: str) -> None:
    result = run("search", query, str(library), "--json")
    assert result.exit_code in (0, 1)
    assert isinstance(json.loads(result.stdout), list)


@pytest.mark.usefixtures("cache")
def test_reader_search_without_a_match_says_so(library: Path) -> None:
    result = run("search", "zeppelin", str(library))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "No articles match 'zeppelin'." in result.stderr


@pytest.mark.usefixtures("cache")
def test_reader_search_finds_new_files_without_a_separate_index_run(library: Path) -> None:
    run("index", str(library))
    write_article(library, "late.md", "Zeppelin sighted over the bay")
    result = run("search", "zeppelin", str(library), "--json")
    assert [row["headline"] for row in json.loads(result.stdout)] == [
        "Zeppelin sighted over the bay"
    ]


def test_a_filtered_search_still_fills_its_limit(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for number in range(6):
        write_article(folder, f"w{number}.md", f"Harbour news {number}", section="World")
    write_article(folder, "s.md", "Harbour sport", section="Sport")
    with LibraryIndex(tmp_path / "index.sqlite3") as index:
        index.refresh([folder])
        assert len(index.search("harbour", limit=3)) == 3
        assert headlines(index.search("harbour", limit=2, section="Sport")) == ["Harbour sport"]
        assert len(index.search("harbour", limit=3, section="World")) == 3
