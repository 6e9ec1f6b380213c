"""The parts of the reader's screen that run workers, each on its own: scan, search, opening."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from part_host import PartHost, made_up_summary, wait_for

from reader.library.listing import SortAndFilters
from reader.library.state_sql import StateMap
from reader.library.summary import Summary
from reader.ui import loading
from reader.ui.article_opener import ArticleOpener
from reader.ui.library_scan import LibraryScan
from reader.ui.messages import ArticleFailed, ArticleLoaded, LibraryListed
from reader.ui.problem_notices import ProblemNotices
from reader.ui.search_bar import SearchBar

UI_FIXTURES = Path(__file__).parent / "fixtures" / "ui"


def library(tmp_path: Path) -> Path:
    """A copy of the three UI articles, plus one file that cannot be read."""
    folder = tmp_path / "library"
    shutil.copytree(UI_FIXTURES, folder)
    (folder / "empty.txt").write_bytes(b"")
    return folder


def scan_of(folder: Path, app_notices: list[tuple[str, str]]) -> LibraryScan:
    """A library scan of `folder` whose problem notices go to `app_notices`."""
    problems = ProblemNotices(lambda message, title: app_notices.append((title, message)))
    return LibraryScan([folder], SortAndFilters, problems)


# The library scan


async def test_the_scan_lists_the_library_reports_bad_files_and_says_when_it_is_done(
    tmp_path: Path,
) -> None:
    told: list[tuple[str, str]] = []
    scan = scan_of(library(tmp_path), told)
    app = PartHost(scan)
    async with app.run_test() as pilot:
        scan.start(StateMap([]))
        assert scan.scanning
        await wait_for(pilot, lambda: app.of_type(LibraryScan.Scanned))
        assert scan.loaded and not scan.scanning and scan.index is not None
        assert app.of_type(LibraryScan.Opened)
        listed = app.of_type(LibraryListed)[-1]
        assert len(listed.rows) == 3 and listed.unread == 3
        assert [m.first for m in app.of_type(LibraryScan.Scanned)] == [True]
        assert app.of_type(LibraryScan.Status)[-1].text == ""
        assert told == [("Could not read a file", "empty.txt: empty file")]

        scan.rescan()
        await wait_for(pilot, lambda: len(app.of_type(LibraryScan.Scanned)) == 2)
        assert [m.first for m in app.of_type(LibraryScan.Scanned)] == [True, False]
        assert "scanning…" in [m.text for m in app.of_type(LibraryScan.Status)]
        assert len(told) == 1  # the bad file is told once, not at every scan
        scan.close()
        assert scan.index is None


async def test_a_rescan_while_scanning_is_refused_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = scan_of(library(tmp_path), [])
    monkeypatch.setattr(LibraryScan, "_load_library", lambda self: None)  # never finishes
    app = PartHost(scan)
    async with app.run_test() as pilot:
        scan.start(StateMap([]))
        scan.rescan()
        await wait_for(pilot, lambda: app.notices)
        assert app.notices == [("Re-scan", "The library is being scanned already.", "information")]


async def test_a_scan_that_fails_says_so_and_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(loading, "load_library", broken)
    scan = scan_of(library(tmp_path), [])
    app = PartHost(scan)
    async with app.run_test() as pilot:
        scan.start(StateMap([]))
        await wait_for(pilot, lambda: app.of_type(LibraryScan.Stopped))
        assert not scan.scanning and not scan.loaded
        title, message, severity = app.notices[-1]
        assert (title, severity) == ("Something went wrong", "error")
        assert message.startswith("library failed:") and "disk on fire" in message


# The search bar


def rows_named(*names: str) -> list[Summary]:
    """List rows for made-up files."""
    return [made_up_summary(Path("/library") / name, headline=name) for name in names]


async def test_the_search_bar_posts_the_matches_of_what_is_typed_and_escape_closes_it() -> None:
    asked: list[str] = []

    def search(query: str) -> list[Summary]:
        asked.append(query)
        return rows_named(f"{query}.md")

    bar = SearchBar(search)
    app = PartHost(bar)
    async with app.run_test() as pilot:
        assert not bar.display
        assert bar.open()
        assert not bar.open()  # already open
        await pilot.press("f", "e", "r", "r", "y")
        # A pause in typing may let a search for the first letters run too.
        await wait_for(
            pilot, lambda: any(m.query == "ferry" for m in app.of_type(SearchBar.Results))
        )
        await pilot.pause()
        results = app.of_type(SearchBar.Results)
        assert results[-1].query == "ferry"
        assert [row.headline for row in results[-1].rows] == ["ferry.md"]
        assert bar.searching and bar.shown_query == "ferry"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.of_type(SearchBar.Closed))
        assert not bar.display and bar.value == "" and not bar.searching


async def test_a_query_typed_before_the_index_opens_runs_when_it_does() -> None:
    ready = False
    asked: list[str] = []

    def search(query: str) -> list[Summary] | None:
        asked.append(query)
        return rows_named("late.md") if ready else None

    bar = SearchBar(search)
    app = PartHost(bar)
    async with app.run_test() as pilot:
        bar.open()
        await pilot.press("l", "a")
        await wait_for(pilot, lambda: "la" in asked)  # it ran, and found no index
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.of_type(SearchBar.Results)
        ready = True
        bar.search_typed()
        await wait_for(pilot, lambda: app.of_type(SearchBar.Results))
        assert app.of_type(SearchBar.Results)[-1].query == "la"


async def test_matches_of_an_older_query_are_dropped() -> None:
    bar = SearchBar(lambda query: rows_named("x.md"))
    app = PartHost(bar)
    async with app.run_test() as pilot:
        bar.open()
        bar.value = "new"  # at once: typing it could let a search for "n" run first
        await wait_for(pilot, lambda: app.of_type(SearchBar.Results))
        bar.post_message(SearchBar.Results("ne", rows_named("old.md")))
        await pilot.pause()
        await pilot.pause()
        assert [m.query for m in app.of_type(SearchBar.Results)] == ["new"]


# Opening articles


def summary_of(path: Path) -> Summary:
    """A list row for the article file at `path`."""
    return made_up_summary(path, content_hash=path.name)


async def test_the_opener_passes_on_only_the_article_wanted(tmp_path: Path) -> None:
    folder = library(tmp_path)
    first, second = sorted(folder.glob("2026-*"))[:2]
    opener = ArticleOpener()
    app = PartHost(opener)
    async with app.run_test() as pilot:
        wanted = summary_of(first)
        opener.open(wanted, 60)
        assert opener.opening
        await wait_for(pilot, lambda: app.of_type(ArticleLoaded))
        loaded = app.of_type(ArticleLoaded)[-1]
        assert loaded.path == first and loaded.width == 60 and loaded.lines
        assert not opener.opening
        assert opener.is_current(wanted, first)  # shown: asking again does nothing
        assert not opener.is_current(summary_of(second), first)

        opener.open(summary_of(second), 60)
        await wait_for(pilot, lambda: len(app.of_type(ArticleLoaded)) == 2)
        # A late answer for the article asked for before is not passed on.
        opener.post_message(ArticleLoaded(first, loaded.article, loaded.lines, 60))
        await pilot.pause()
        await pilot.pause()
        assert [m.path for m in app.of_type(ArticleLoaded)] == [first, second]


async def test_an_unreadable_article_is_passed_on_as_failed(tmp_path: Path) -> None:
    folder = library(tmp_path)
    opener = ArticleOpener()
    app = PartHost(opener)
    async with app.run_test() as pilot:
        opener.open(summary_of(folder / "empty.txt"), 60)
        await wait_for(pilot, lambda: app.of_type(ArticleFailed))
        assert app.of_type(ArticleFailed)[0].reason == "empty file"
        assert not opener.opening


async def test_an_article_opened_again_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = library(tmp_path)
    first, second = sorted(folder.glob("2026-*"))[:2]
    read: list[Path] = []
    open_article = loading.open_article

    def counted(path: Path, *args: object) -> None:
        read.append(path)
        open_article(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(loading, "open_article", counted)
    opener = ArticleOpener()
    app = PartHost(opener)
    async with app.run_test() as pilot:

        async def open_and_wait(path: Path, content_hash: str) -> None:
            before = len(app.of_type(ArticleLoaded))
            opener.open(made_up_summary(path, content_hash=content_hash), 60)
            await wait_for(pilot, lambda: len(app.of_type(ArticleLoaded)) > before)

        for path in (first, second, first):
            await open_and_wait(path, f"hash-of-{path.name}")
        assert [m.path for m in app.of_type(ArticleLoaded)] == [first, second, first]
        assert read == [first, second]  # the third came from memory
        assert app.of_type(ArticleLoaded)[2].lines == app.of_type(ArticleLoaded)[0].lines
        # A changed file (another content hash) is read and typeset again.
        await open_and_wait(first, "changed")
        assert read == [first, second, first]
