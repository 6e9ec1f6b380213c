"""What the list shows: the index's rows through the sort, the filters and the user's marks."""

from __future__ import annotations

import os
from pathlib import Path

from reader.library.index import LibraryIndex, SortOrder
from reader.library.listing import SortAndFilters, list_articles, search_articles, unread_count
from reader.library.state_sql import StateMap


def write(folder: Path, name: str, title: str, published: str | None, section: str) -> Path:
    """One small Markdown article."""
    date = f"published: {published}\n" if published else ""
    path = folder / name
    path.write_text(
        f"---\ntitle: {title}\nsection: {section}\n{date}---\n\nHarbour news in brief.\n",
        encoding="utf-8",
    )
    return path


def indexed(folder: Path) -> LibraryIndex:
    """An index refreshed from `folder` (in the test's cache dir)."""
    index = LibraryIndex.open()
    index.refresh([folder])
    return index


def test_an_undated_article_is_listed_under_the_date_in_its_file_name(tmp_path: Path) -> None:
    old = write(tmp_path, "2024-05-06-old-undated.md", "Undated but old", None, "News")
    write(tmp_path, "recent.md", "Dated last year", "2025-01-01", "News")
    os.utime(old)  # a fresh copy: the file time says today
    with indexed(tmp_path) as index:
        rows = list_articles(index, [tmp_path], SortAndFilters(), StateMap([]))
        assert [row.headline for row in rows] == ["Dated last year", "Undated but old"]
        assert rows[1].date_label == "2024-05-06"


def test_unread_and_starred_filters_use_the_marks_and_keep_the_sort(tmp_path: Path) -> None:
    paths = [write(tmp_path, f"{n}.md", f"Story {n}", f"2026-01-0{n}", "News") for n in range(1, 5)]
    with indexed(tmp_path) as index:
        digests = {row.path: row.content_hash for row in index.summaries()}
        marks = StateMap(
            [
                (str(paths[0].resolve()), digests[paths[0].resolve()], 1, 0),
                (str(paths[2].resolve()), digests[paths[2].resolve()], 1, 1),
            ]
        )
        unread = list_articles(index, [tmp_path], SortAndFilters(unread_only=True), marks)
        assert [row.headline for row in unread] == ["Story 4", "Story 2"]
        starred = SortAndFilters(sort=SortOrder.OLDEST, starred_only=True)
        assert [row.headline for row in list_articles(index, [tmp_path], starred, marks)] == [
            "Story 3"
        ]
        assert unread_count(index, [tmp_path], marks) == 2


def test_search_keeps_the_views_filters(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "Harbour wall repaired", "2026-01-01", "Coast")
    write(tmp_path, "b.md", "Harbour fees rise", "2026-01-02", "Business")
    with indexed(tmp_path) as index:
        found = search_articles(
            index, [tmp_path], "harbour", SortAndFilters(section="Coast"), StateMap([]), 10
        )
        assert [row.headline for row in found] == ["Harbour wall repaired"]


def test_a_remembered_view_survives_a_round_trip_and_bad_values_fall_back() -> None:
    view = SortAndFilters(sort=SortOrder.SECTION, source="Valley Courier", starred_only=True)
    assert SortAndFilters.from_json(view.to_json()) == view
    assert SortAndFilters.from_json({"sort": "sideways", "section": 7}) == SortAndFilters()
    assert SortAndFilters.from_json("nonsense") == SortAndFilters()
