"""A parse that runs too long is given up: the file is reported, the rest goes on."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from index_helpers import write_article
from ui_helpers import NARROW, make_app, settle, wait_until

from reader.cli import output as cli_output
from reader.formats import budget, read_article
from reader.formats.budget import OverBudget, within_budget
from reader.library import scan
from reader.library.index import LibraryIndex
from reader.model import Article
from reader.ui import loading
from reader.ui.messages import ArticleFailed

BUDGET = 0.3


def endless(path: Path) -> Article:
    """A parser stuck in a loop of Python code, as a quadratic parser would be."""
    count = 0
    while True:
        count += 1


def stuck_on(name: str):  # type: ignore[no-untyped-def]
    """A reader that never returns for the file called `name`, and reads the rest."""

    def read(path: Path) -> Article:
        if path.name == name:
            return endless(path)
        return read_article(path)

    return read


@pytest.fixture
def short_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "PARSE_BUDGET_SECONDS", BUDGET)


def test_a_parse_within_budget_returns_its_result() -> None:
    assert within_budget(len, "four", 5) == 4


def test_an_endless_parse_is_given_up_with_a_reason() -> None:
    with pytest.raises(OverBudget, match=r"took longer than 0.3 s to read"):
        within_budget(endless, Path("x.md"), BUDGET)
    # Nothing is left pending: the thread goes on running Python code.
    assert sum(range(100_000)) == 4_999_950_000


def test_a_parser_error_passes_through_unchanged() -> None:
    def broken(path: Path) -> Article:
        raise ValueError("bad table")

    with pytest.raises(ValueError, match="bad table"):
        within_budget(broken, Path("x.md"), 5)


def test_budgets_in_many_threads_stop_only_their_own_parse() -> None:
    outcomes: list[str] = []

    def run(stuck: bool) -> None:
        for _ in range(5):
            try:
                within_budget(endless if stuck else len, "abc", 0.05 if stuck else 5)  # type: ignore[arg-type]
                outcomes.append("done")
            except OverBudget:
                outcomes.append("over")

    threads = [threading.Thread(target=run, args=(stuck,)) for stuck in (True, False, True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["done"] * 5 + ["over"] * 10


def test_the_index_lists_a_runaway_file_and_indexes_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, short_budget: None
) -> None:
    folder = tmp_path / "library"
    write_article(folder, "a.md", "Tram line reopens")
    write_article(folder, "stuck.md", "Never read")
    write_article(folder, "c.md", "Ferry crews walk out")
    monkeypatch.setattr(scan, "read_article", stuck_on("stuck.md"))
    index = LibraryIndex(tmp_path / "index.db")
    try:
        result = index.refresh([folder])
        assert result.added == 2
        (problem,) = result.failed
        assert problem.path.name == "stuck.md"
        assert problem.reason == "took longer than 0.3 s to read, so it was left out"
        assert len(index.search("ferry")) == 1
    finally:
        index.close()


def test_the_cli_reports_a_runaway_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, short_budget: None
) -> None:
    path = write_article(tmp_path, "stuck.md", "Never read")
    monkeypatch.setattr(cli_output, "read_article", stuck_on("stuck.md"))
    with pytest.raises(OverBudget):
        cli_output.load(path)


def test_opening_a_runaway_file_is_a_failure_with_a_reason(
    ui_articles: Path, monkeypatch: pytest.MonkeyPatch, short_budget: None
) -> None:
    monkeypatch.setattr(loading, "read_article", endless)
    posted: list[object] = []
    loading.open_article(
        ui_articles / "2026-04-18-orchard-bees.md", 60, posted.append, lambda: False
    )
    (failed,) = posted
    assert isinstance(failed, ArticleFailed)
    assert "took longer than 0.3 s" in failed.reason


async def test_the_tui_says_a_runaway_file_cannot_be_read_and_opens_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, short_budget: None
) -> None:
    folder = tmp_path / "L"
    write_article(folder, "a.md", "Apple harvest beats last year", published="2026-03-02")
    write_article(folder, "b.md", "Bridge repairs close the east road", published="2026-02-15")
    monkeypatch.setattr(loading, "read_article", stuck_on("a.md"))
    app = make_app(folder)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert app.main_screen.article_list.rows[0].path.name == "a.md"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Cannot read" in app.main_screen.article_view.message)
        assert "took longer than 0.3 s to read" in app.main_screen.article_view.message
        await pilot.press("escape", "down", "enter")
        await wait_until(pilot, lambda: app.main_screen.article_view.article is not None)
        article = app.main_screen.article_view.article
        assert article is not None and article.headline == "Bridge repairs close the east road"
