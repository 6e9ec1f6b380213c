"""The library in the TUI: listed from the index at start, kept current by scans."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from ui_helpers import (
    NARROW,
    RecordingApp,
    cursor_headline,
    header_status,
    help_entries,
    hold_scans,
    listed_headlines,
    make_app,
    settle,
    wait_until,
    write_library,
)

from reader.library.index import LibraryIndex
from reader.ui.help_screen import HelpScreen


def add_article(folder: Path, name: str, title: str, published: str) -> None:
    """Write one more small Markdown article."""
    (folder / name).write_text(
        f"---\ntitle: {title}\nsection: Weather\npublished: {published}\n---\n\nA short story.\n",
        encoding="utf-8",
    )


async def test_a_second_start_lists_from_the_index_while_the_scan_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = write_library(tmp_path / "lib")
    with LibraryIndex.open() as index:
        index.refresh([library])
    gate = hold_scans(monkeypatch, 0, 4)  # the scan is held until the test has looked
    app = make_app(library)
    async with app.run_test(size=NARROW) as pilot:
        await wait_until(pilot, lambda: "indexing 0 / 4" in header_status(app))
        await wait_until(pilot, lambda: app.main_screen.article_list.row_count == 4)
        assert app.main_screen.library.scanning and not app.main_screen.loaded
        assert listed_headlines(app)[0] == "Apple harvest beats last year"
        gate.set()
        await settle(pilot)
        assert app.main_screen.loaded and not app.main_screen.library.scanning
        assert "indexing" not in header_status(app)
        assert header_status(app).startswith("4 articles · 4 unread")


async def test_a_rescan_adds_and_removes_files_and_the_cursor_keeps_its_article(
    tmp_path: Path,
) -> None:
    library = write_library(tmp_path / "lib")
    app = make_app(library)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")
        assert cursor_headline(app) == "Ferry timetable changes for winter"
        add_article(library, "storm.md", "Storm warning for the coast", "2026-04-01")
        (library / "apples.md").unlink()
        await pilot.press("r")
        await settle(pilot)
        assert listed_headlines(app) == [
            "Storm warning for the coast",
            "Bridge repairs close the east road",
            "Ferry timetable changes for winter",
            "Choir wins the regional contest",
        ]
        assert cursor_headline(app) == "Ferry timetable changes for winter"
        assert header_status(app).startswith("4 articles · 4 unread")


async def test_a_changed_file_is_read_again_by_a_rescan(tmp_path: Path) -> None:
    library = write_library(tmp_path / "lib")
    app = make_app(library)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        path = library / "choir.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Choir wins", "Town choir wins"), encoding="utf-8")
        later = path.stat().st_mtime + 5
        os.utime(path, (later, later))
        await pilot.press("r")
        await settle(pilot)
        assert "Town choir wins the regional contest" in listed_headlines(app)


async def test_the_start_up_check_lists_files_added_changed_and_removed_since(
    tmp_path: Path,
) -> None:
    library = write_library(tmp_path / "lib")
    with LibraryIndex.open() as index:
        index.refresh([library])
    then = time.time() - 60  # folders settled: the check may skip them unless they change
    os.utime(library, (then, then))
    with LibraryIndex.open() as index:
        index.refresh([library])
    add_article(library, "storm.md", "Storm warning for the coast", "2026-04-01")
    (library / "apples.md").unlink()
    choir = library / "choir.md"
    with choir.open("r+", encoding="utf-8") as handle:  # rewritten in place
        text = handle.read().replace("Choir wins", "Town choir wins")
        handle.seek(0)
        handle.write(text)
    os.utime(choir, (then + 30, then + 30))
    app = make_app(library)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert sorted(listed_headlines(app)) == [
            "Bridge repairs close the east road",
            "Ferry timetable changes for winter",
            "Storm warning for the coast",
            "Town choir wins the regional contest",
        ]


async def test_sort_and_filters_are_remembered_across_restarts(tmp_path: Path) -> None:
    library = write_library(tmp_path / "lib")
    app = make_app(library)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("O", "g", "down", "u", "U")
        assert "oldest first · unread only" in header_status(app)
    again = make_app(library)
    async with again.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert "oldest first · unread only" in header_status(again)
        assert listed_headlines(again) == [
            "Choir wins the regional contest",
            "Bridge repairs close the east road",
            "Apple harvest beats last year",
        ]


async def test_a_damaged_index_is_rebuilt_with_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = write_library(tmp_path / "lib")
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("READER_CACHE_DIR", str(cache))
    (cache / "index.sqlite3").write_bytes(b"this is not a database" * 100)
    app = make_app(library, app_class=RecordingApp)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert app.main_screen.article_list.row_count == 4
        titles = [notice.title for notice in app.notices]
        assert "Library index" in titles


async def test_help_lists_the_rescan_and_sort_keys(tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "lib"))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        entries = help_entries(app.screen)
        assert ("r", "Re-scan") in entries
        assert ("O", "Sort") in entries
