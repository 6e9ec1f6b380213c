"""The parts of the reader's screen, each on its own: sort and filters, marks, problems, feeds."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from part_host import PartHost, made_up_summary, wait_for

from reader.library.files import Problem
from reader.library.index import LibraryIndex, SortOrder
from reader.library.listing import SortAndFilters
from reader.library.state import open_state
from reader.library.summary import Summary
from reader.ui.dialogs import ConfirmScreen, PickScreen
from reader.ui.feed_fetch import FeedFetch, feeds_library
from reader.ui.list_marks import ListMarks
from reader.ui.list_order import VIEW_SETTING, ListOrder
from reader.ui.problem_notices import MAX_PROBLEM_NOTICES, ProblemNotices
from reader.ui.state_actions import StateKeeper


def keeper() -> StateKeeper:
    """The user's state store (a fresh one per test), failing the test on any problem."""

    def problem(message: str) -> None:
        raise AssertionError(message)

    return StateKeeper(problem)


def row(name: str) -> Summary:
    """A list row for an article file `name` that need not exist."""
    path = Path("/library") / name
    return made_up_summary(path, content_hash=hashlib.sha256(name.encode()).hexdigest())


# Problems


def test_each_unreadable_file_is_told_once_and_a_flood_is_summed_up() -> None:
    told: list[tuple[str, str]] = []
    notices = ProblemNotices(lambda message, title: told.append((title, message)))
    notices.report(Problem(Path("/library/a.txt"), "not text"))
    notices.report(Problem(Path("/library/a.txt"), "not text"))
    assert told == [("Could not read a file", "a.txt: not text")]
    for number in range(MAX_PROBLEM_NOTICES + 3):
        notices.report(Problem(Path(f"/library/{number}.txt"), "empty"))
    assert len(told) == MAX_PROBLEM_NOTICES
    notices.sum_up()
    assert told[-1][0] == "Files skipped"
    assert told[-1][1].startswith("4 more files could not be read")
    notices.sum_up()  # nothing more to sum up
    assert len(told) == MAX_PROBLEM_NOTICES + 1


# Sort and filters


async def test_a_new_sort_is_posted_and_remembered_and_the_same_one_is_not() -> None:
    order = ListOrder(keeper())
    app = PartHost(order)
    async with app.run_test() as pilot:
        assert order.view == SortAndFilters()
        order.cycle_sort()
        order.set_sort(order.view.sort)  # no change: nothing posted
        order.toggle_unread_only()
        await wait_for(pilot, lambda: len(app.of_type(ListOrder.Changed)) == 2)
        await pilot.pause()
        views = [message.view for message in app.of_type(ListOrder.Changed)]
        assert [view.sort for view in views] == [SortOrder.OLDEST, SortOrder.OLDEST]
        assert [view.unread_only for view in views] == [False, True]
    store = open_state()
    try:
        assert SortAndFilters.from_json(store.setting(VIEW_SETTING)) == views[-1]
    finally:
        store.close()
    assert ListOrder(keeper()).view == views[-1]  # the next start lists the same way


async def test_the_filter_dialog_offers_the_library_s_sections_and_sources(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: Ferry times\nsection: Transport\nsource: Harbour Post\n---\n\nText.\n",
        encoding="utf-8",
    )
    index = LibraryIndex.open()
    try:
        index.refresh([tmp_path])
        order = ListOrder(keeper())
        app = PartHost(order)
        async with app.run_test() as pilot:
            order.pick_filter(index, [tmp_path])
            await pilot.pause()
            assert isinstance(app.screen, PickScreen)
            labels = [label for _, label in app.screen.choices]
            assert labels == [
                "All sections and sources",
                "Section: Transport (1)",
                "Source: Harbour Post (1)",
            ]
            await pilot.press("down", "enter")
            await wait_for(pilot, lambda: app.of_type(ListOrder.Changed))
            assert order.view.section == "Transport"
    finally:
        index.close()


# Marks


async def test_marks_post_how_the_unread_count_moved() -> None:
    marks_keeper = keeper()
    marks = ListMarks(marks_keeper)
    app = PartHost(marks)
    first, second = row("first.md"), row("second.md")
    async with app.run_test() as pilot:
        marks.mark_read(first)
        marks.mark_read(first)  # already read: nothing moves
        marks.toggle_read(first)
        marks.toggle_starred(second)
        await wait_for(pilot, lambda: len(app.of_type(ListMarks.Changed)) == 3)
        await pilot.pause()
        assert [m.unread_delta for m in app.of_type(ListMarks.Changed)] == [-1, 1, 0]
        assert marks_keeper.is_starred(second) and not marks_keeper.is_read(first)


async def test_marking_a_whole_list_read_asks_first() -> None:
    marks_keeper = keeper()
    marks = ListMarks(marks_keeper)
    app = PartHost(marks)
    rows = [row("a.md"), row("b.md"), row("c.md")]
    async with app.run_test() as pilot:
        marks.mark_read(rows[0])
        marks.mark_all_read(rows)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Mark 3 articles read?"
        await pilot.press("n")
        await pilot.pause()
        assert not marks_keeper.is_read(rows[1])
        marks.mark_all_read(rows)
        await pilot.pause()
        await pilot.press("y")
        await wait_for(pilot, lambda: len(app.of_type(ListMarks.Changed)) == 2)
        assert app.of_type(ListMarks.Changed)[-1].unread_delta == -2
        assert all(marks_keeper.is_read(each) for each in rows)


# Feeds


def test_fetched_articles_go_to_the_library_the_app_was_opened_on(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    other = tmp_path / "other"
    other.mkdir()
    given = tmp_path / "given"
    assert feeds_library([folder], None) == folder
    assert feeds_library([folder], given) == given
    assert feeds_library([folder, other], None) not in (folder, other)  # the user's folder
    assert feeds_library([folder / "missing.md"], None) != folder


async def test_fetching_with_no_feeds_says_how_to_add_one(tmp_path: Path) -> None:
    fetch = FeedFetch(lambda: tmp_path)
    app = PartHost(fetch)
    async with app.run_test() as pilot:
        fetch.fetch()
        await wait_for(pilot, lambda: app.notices)
        await wait_for(pilot, lambda: len(app.of_type(FeedFetch.Status)) == 2)
        assert [m.text for m in app.of_type(FeedFetch.Status)] == ["fetching feeds…", ""]
        assert app.notices == [
            ("Feeds", "No feeds yet. Add one with: reader feed add URL", "information")
        ]
        assert not app.of_type(FeedFetch.Arrived)


async def test_a_second_fetch_while_one_runs_is_refused_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fetch = FeedFetch(lambda: tmp_path)
    monkeypatch.setattr(FeedFetch, "_fetch", lambda self, cancel: None)  # never finishes
    app = PartHost(fetch)
    async with app.run_test() as pilot:
        fetch.fetch()
        fetch.fetch()
        await wait_for(pilot, lambda: app.notices)
        assert app.notices == [("Feeds", "The feeds are being fetched already.", "information")]
        fetch.stop()
