"""What the loading workers post, checked without running the app."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from textual.message import Message

from reader.library.index import SortOrder
from reader.library.listing import SortAndFilters
from reader.library.state_sql import StateMap
from reader.ui import loading
from reader.ui.messages import (
    ArticleFailed,
    ArticleLoaded,
    IndexReady,
    LibraryListed,
    ScanFinished,
    ScanProgress,
)


def copy_articles(ui_articles: Path, folder: Path, copies: int) -> None:
    """`copies` of each UI fixture under `folder`."""
    folder.mkdir(exist_ok=True)
    for number in range(copies):
        for path in ui_articles.iterdir():
            shutil.copy(path, folder / f"{number:03}-{path.name}")


def run_load(
    paths: list[Path], view: SortAndFilters | None = None, cancelled: bool = False
) -> list[Message]:
    """Run the library worker's job in this thread; the messages it posted."""
    posted: list[Message] = []
    shown = view or SortAndFilters()
    loading.load_library(None, paths, lambda: shown, StateMap([]), posted.append, lambda: cancelled)
    for message in posted:
        if isinstance(message, IndexReady):
            message.index.close()
    return posted


def test_a_first_start_lists_the_empty_index_then_the_scanned_library(
    ui_articles: Path, tmp_path: Path
) -> None:
    copy_articles(ui_articles, tmp_path, 5)
    (tmp_path / "empty.txt").write_bytes(b"")
    posted = run_load([tmp_path, tmp_path / "missing"])
    assert isinstance(posted[0], IndexReady)
    listings = [m for m in posted if isinstance(m, LibraryListed)]
    assert len(listings[0].rows) == 0  # the index was empty: the list shows at once, empty
    assert len(listings[-1].rows) == 15 and listings[-1].unread == 15
    assert any(isinstance(m, ScanProgress) and m.done == m.total == 16 for m in posted)
    finished = posted[-1]
    assert isinstance(finished, ScanFinished)
    assert finished.result.added == 15
    reasons = {problem.path.name: problem.reason for problem in finished.result.failed}
    assert set(reasons) == {"empty.txt", "missing"}
    assert "empty" in reasons["empty.txt"]


def test_the_count_and_the_scan_wait_until_the_first_rows_are_drawn(
    ui_articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loading, "FIRST_SCREEN_WAIT", 60.0)  # as long as the test takes
    copy_articles(ui_articles, tmp_path, 2)
    run_load([tmp_path])
    posted: list[Message] = []
    first_listed, shown = threading.Event(), threading.Event()

    def post(message: Message) -> None:
        posted.append(message)
        if isinstance(message, LibraryListed):
            first_listed.set()

    worker = threading.Thread(
        target=loading.load_library,
        args=(None, [tmp_path], SortAndFilters, StateMap([]), post, lambda: False, shown),
    )
    worker.start()
    assert first_listed.wait(10)
    # Until the screen says the rows are drawn, the worker sends nothing more.
    assert not any(isinstance(m, (ScanProgress, ScanFinished)) for m in posted)
    assert [m.unread for m in posted if isinstance(m, LibraryListed)] == [None]
    shown.set()
    worker.join(10)
    assert [m.unread for m in posted if isinstance(m, LibraryListed)] == [None, 6]
    assert isinstance(posted[-1], ScanFinished)
    for message in posted:
        if isinstance(message, IndexReady):
            message.index.close()


def test_a_second_start_lists_from_the_index_before_any_file_is_read(
    ui_articles: Path, tmp_path: Path
) -> None:
    copy_articles(ui_articles, tmp_path, 2)
    run_load([tmp_path])
    posted = run_load([tmp_path], SortAndFilters(sort=SortOrder.HEADLINE))
    first = next(m for m in posted if isinstance(m, LibraryListed))
    assert posted.index(first) < min(posted.index(m) for m in posted if isinstance(m, ScanProgress))
    headlines = [row.headline for row in first.rows]
    assert len(headlines) == 6 and headlines == sorted(headlines, key=str.casefold)
    # The rows come first, then the same rows with the unread count; nothing changed
    # on disk, so the list is not sent again.
    listings = [m for m in posted if isinstance(m, LibraryListed)]
    assert [m.unread for m in listings] == [None, 6]
    assert listings[1].rows is first.rows
    finished = posted[-1]
    assert isinstance(finished, ScanFinished) and finished.result.unchanged == 6


def test_a_cancelled_load_stops_and_posts_no_end(ui_articles: Path, tmp_path: Path) -> None:
    copy_articles(ui_articles, tmp_path, 3)
    posted = run_load([tmp_path], cancelled=True)
    assert not any(isinstance(m, ScanFinished) for m in posted)


def test_opening_posts_the_typeset_article_or_the_reason(ui_articles: Path, tmp_path: Path) -> None:
    posted: list[Message] = []
    path = ui_articles / "2026-05-02-tidewater-lighthouse.md"
    loading.open_article(path, 60, posted.append, lambda: False)
    (loaded,) = posted
    assert isinstance(loaded, ArticleLoaded)
    assert loaded.path == path and loaded.width == 60
    assert loaded.article.headline.startswith("Tidewater keeps its lighthouse")
    assert all(line.cell_length == 60 for line in loaded.lines)
    text = " ".join(" ".join(line.text.split()) for line in loaded.lines)
    assert "Tidewater keeps its lighthouse lit" in text

    posted.clear()
    loading.open_article(tmp_path / "gone.md", 60, posted.append, lambda: False)
    (failed,) = posted
    assert isinstance(failed, ArticleFailed) and failed.reason


def test_a_parser_crash_on_opening_is_a_failure_with_a_reason(
    ui_articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: Path):  # type: ignore[no-untyped-def]
        raise ValueError("bad table")

    monkeypatch.setattr(loading, "read_article", broken)
    posted: list[Message] = []
    loading.open_article(
        ui_articles / "2026-04-18-orchard-bees.md", 60, posted.append, lambda: False
    )
    (failed,) = posted
    assert isinstance(failed, ArticleFailed)
    assert failed.reason == "unexpected error (ValueError: bad table)"
