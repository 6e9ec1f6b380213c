"""The re-check of the folders: in a worker process, folder records, full and quick depths."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from index_helpers import headlines, rewrite_in_place, settle, write_article

from reader.library.files import Problem
from reader.library.index import Check, LibraryIndex
from reader.library.recheck import survey_elsewhere
from reader.library.scan import RefreshResult


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """Two folders of articles (one a subfolder), their times set back so checks skip them."""
    folder = tmp_path / "library"
    write_article(folder, "a.md", "Tram line reopens", published="2026-01-20")
    write_article(folder, "b.md", "Council keeps libraries", published="2026-02-03")
    write_article(folder, "sub/c.md", "Ferry crews walk out", published="2026-03-14")
    settle(folder)
    return folder


@pytest.fixture
def index(tmp_path: Path) -> Iterator[LibraryIndex]:
    """An index file in a temp folder."""
    with LibraryIndex(tmp_path / "cache" / "index.sqlite3") as opened:
        yield opened


def folder_rows(index: LibraryIndex) -> dict[str, int]:
    """The folder records: {path: mtime_ns}."""
    with sqlite3.connect(index.path) as conn:
        return dict(conn.execute("SELECT path, mtime_ns FROM folders").fetchall())


def counts(result: RefreshResult) -> tuple[int, int, int, int]:
    """(added, updated, removed, unchanged) of a refresh."""
    return result.added, result.updated, result.removed, result.unchanged


def test_a_recheck_in_a_worker_finds_added_changed_and_removed_files(
    index: LibraryIndex, library: Path
) -> None:
    index.refresh([library])
    nothing = survey_elsewhere(index.path, [str(library)], Check.FULL)
    assert nothing is not None  # it came back from the worker process
    assert (nothing.candidates, nothing.vanished, nothing.unchanged) == ([], [], 3)
    write_article(library, "sub/d.md", "Snow closes the pass", published="2026-04-01")
    rewrite_in_place(library / "a.md", "Tram line closes again")
    (library / "b.md").unlink()
    found = survey_elsewhere(index.path, [str(library)], Check.FULL)
    assert found is not None
    assert sorted(Path(c.path).name for c in found.candidates) == ["a.md", "d.md"]
    assert [Path(path).name for path in found.vanished] == ["b.md"]
    result = index.refresh([library], elsewhere=True)
    assert counts(result) == (1, 1, 1, 1)
    assert sorted(headlines(index.summaries([library]))) == [
        "Ferry crews walk out",
        "Snow closes the pass",
        "Tram line closes again",
    ]


def test_an_unchanged_folder_is_not_listed_again(
    index: LibraryIndex, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index.refresh([library])
    assert all(mtime > 0 for mtime in folder_rows(index).values())  # settled: both skippable
    listed: list[str] = []
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        listed.append(os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert counts(index.refresh([library])) == (0, 0, 0, 3)
    assert counts(index.refresh([library], check=Check.QUICK)) == (0, 0, 0, 3)
    assert listed == []
    write_article(library, "sub/d.md", "Snow closes the pass")
    assert index.refresh([library], check=Check.QUICK).added == 1
    assert listed == [str(library / "sub")]  # only the folder that changed


def test_a_rewrite_in_place_waits_for_a_full_check(index: LibraryIndex, library: Path) -> None:
    index.refresh([library])
    rewrite_in_place(library / "sub" / "c.md", "Ferry crews return")
    # The folder's time did not move: a quick check cannot see it, a full one stats the file.
    assert counts(index.refresh([library], check=Check.QUICK)) == (0, 0, 0, 3)
    assert counts(index.refresh([library])) == (0, 1, 0, 2)
    assert "Ferry crews return" in headlines(index.summaries([library]))


def test_a_quick_check_finds_new_and_removed_files_and_folders(
    index: LibraryIndex, library: Path
) -> None:
    index.refresh([library])
    write_article(library, "new/deep/e.md", "Harbour wall repaired")
    (library / "sub" / "c.md").unlink()
    (library / "sub").rmdir()
    result = index.refresh([library], check=Check.QUICK)
    assert (result.added, result.removed) == (1, 1)
    assert headlines(index.summaries([library])) == [
        "Harbour wall repaired",
        "Council keeps libraries",
        "Tram line reopens",
    ]
    assert str(library.resolve() / "sub") not in folder_rows(index)


def test_a_folder_whose_time_was_set_back_is_read_when_its_entries_differ(
    index: LibraryIndex, library: Path
) -> None:
    index.refresh([library])
    recorded = (library / "sub").stat().st_mtime_ns
    write_article(library, "sub/d.md", "Snow closes the pass")
    os.utime(library / "sub", ns=(recorded, recorded))  # as `tar` or `rsync -a` would
    assert index.refresh([library], check=Check.QUICK).added == 1


def test_a_folder_changed_just_now_is_read_again_next_time(
    index: LibraryIndex, library: Path
) -> None:
    write_article(library, "sub/d.md", "Snow closes the pass")  # sub's time is now
    index.refresh([library])
    records = folder_rows(index)
    assert records[str(library.resolve() / "sub")] == -1
    assert records[str(library.resolve())] > 0


def test_a_quick_check_of_a_folder_never_checked_is_full(
    index: LibraryIndex, library: Path
) -> None:
    assert index.refresh([library], check=Check.QUICK).added == 3
    assert index.refresh([library], check=Check.QUICK).unchanged == 3


def test_a_rebuild_forgets_the_folder_records(index: LibraryIndex, library: Path) -> None:
    index.refresh([library])
    assert index.refresh([library], rebuild=True).added == 3
    assert index.count() == 3


def test_a_folder_that_cannot_be_read_is_reported_and_its_files_leave(
    index: LibraryIndex, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index.refresh([library])
    sub = library / "sub"
    write_article(library, "sub/d.md", "Snow closes the pass")  # so sub is read, not skipped
    real_scandir = os.scandir

    # chmod 000 does not stop root, so the refusal is simulated.
    def scandir(path: str) -> object:
        if Path(path) == sub:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)  # in this process: no worker
    result = index.refresh([library], check=Check.QUICK)
    assert result.failed == [Problem(sub, "permission denied")]
    assert result.removed == 1
    monkeypatch.undo()
    assert index.refresh([library], check=Check.QUICK).added == 2  # readable again: both back


def test_a_file_gone_during_the_walk_is_reported_not_a_crash(
    index: LibraryIndex, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index.refresh([library])
    doomed = library / "b.md"
    real_stat = os.stat

    def stat(path: str, *args: object, **kwargs: object) -> os.stat_result:
        if os.fspath(path) == str(doomed):
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    result = index.refresh([library])
    assert result.failed == [Problem(doomed, "file not found")]
    assert "Council keeps libraries" not in headlines(index.summaries([library]))


def test_hostile_names_are_skipped_when_unchanged(index: LibraryIndex, tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    names = [b"caf\xe9.md", b"line\nbreak.md", "\u202eevil.md".encode()]
    for raw in names:
        path = os.path.join(os.fsencode(folder), raw)
        with open(path, "wb") as handle:
            handle.write(b"---\ntitle: Odd name\n---\n\nBody.\n")
    settle(folder)
    assert index.refresh([folder]).added == 3
    assert counts(index.refresh([folder], elsewhere=True)) == (0, 0, 0, 3)
    os.unlink(os.path.join(os.fsencode(folder), names[0]))
    assert index.refresh([folder], check=Check.QUICK).removed == 1


def test_a_hard_link_in_two_folders_is_indexed_once(index: LibraryIndex, tmp_path: Path) -> None:
    top = tmp_path / "lib"
    write_article(top, "a/one.md", "Only once")
    (top / "b").mkdir()
    os.link(top / "a" / "one.md", top / "b" / "two.md")
    settle(top)
    assert index.refresh([top]).added == 1
    assert counts(index.refresh([top])) == (0, 0, 0, 1)
    assert [row.path.name for row in index.summaries([top])] == ["one.md"]
