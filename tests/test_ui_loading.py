"""What the loading workers post, checked without running the app."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.message import Message

from reader.ui import loading
from reader.ui.messages import ArticleFailed, ArticleLoaded, LibraryBatch, LibraryLoaded


def copy_articles(ui_articles: Path, folder: Path, copies: int) -> None:
    """`copies` of each UI fixture under `folder`."""
    folder.mkdir(exist_ok=True)
    for number in range(copies):
        for path in ui_articles.iterdir():
            shutil.copy(path, folder / f"{number:03}-{path.name}")


def test_the_library_arrives_in_batches_then_a_total(
    ui_articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loading, "BATCH_SIZE", 4)
    copy_articles(ui_articles, tmp_path, 5)
    (tmp_path / "empty.txt").write_bytes(b"")
    posted: list[Message] = []
    loading.load_library([tmp_path, tmp_path / "missing"], posted.append, lambda: False)
    batches = [m for m in posted if isinstance(m, LibraryBatch)]
    assert len(batches) >= 4
    assert isinstance(posted[-1], LibraryLoaded)
    assert posted[-1].articles == 15 and posted[-1].failed == 2
    summaries = [s for batch in batches for s in batch.summaries]
    assert len(summaries) == 15
    assert summaries == sorted(summaries, key=lambda s: s.path)
    problems = {p.path.name: p.reason for batch in batches for p in batch.problems}
    assert set(problems) == {"empty.txt", "missing"}
    assert "empty" in problems["empty.txt"]


def test_a_cancelled_load_stops_and_posts_no_total(ui_articles: Path, tmp_path: Path) -> None:
    copy_articles(ui_articles, tmp_path, 3)
    posted: list[Message] = []
    loading.load_library([tmp_path], posted.append, lambda: True)
    assert not any(isinstance(m, LibraryLoaded) for m in posted)
    assert sum(len(m.summaries) for m in posted if isinstance(m, LibraryBatch)) == 0


def test_a_parser_crash_costs_one_file_not_the_library(
    ui_articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_articles(ui_articles, tmp_path, 1)
    real = loading.read_article

    def fragile(path: Path):  # type: ignore[no-untyped-def]
        if "orchard" in path.name:
            raise RuntimeError("parser bug")
        return real(path)

    monkeypatch.setattr(loading, "read_article", fragile)
    posted: list[Message] = []
    loading.load_library([tmp_path], posted.append, lambda: False)
    total = posted[-1]
    assert isinstance(total, LibraryLoaded)
    assert total.articles == 2 and total.failed == 1
    reasons = [p.reason for m in posted if isinstance(m, LibraryBatch) for p in m.problems]
    assert reasons == ["unexpected error: RuntimeError('parser bug')"]


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
    assert failed.reason == "unexpected error: ValueError('bad table')"
