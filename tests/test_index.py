"""The library index: refresh (added, changed, removed, renamed files), damage, locks, lists."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from index_helpers import headlines, write_article

from reader.formats import read_article
from reader.library import index_schema, scan
from reader.library.index import LibraryIndex, SortOrder
from reader.library.index_rows import unpack_text
from reader.library.index_schema import CACHE_ENV, default_index_path
from reader.library.roots import span_under_one_root
from reader.library.rows import GONE_HEADLINE
from reader.model import Article


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A folder of three dated articles."""
    folder = tmp_path / "library"
    write_article(folder, "a.md", "Tram line reopens", section="Transport", published="2026-01-20")
    write_article(
        folder, "b.md", "Council keeps libraries", section="Local", published="2026-02-03"
    )
    write_article(
        folder,
        "sub/c.md",
        "Ferry crews walk out",
        section="Transport",
        published="2026-03-14",
        source="Harbour Herald",
    )
    return folder


@pytest.fixture
def index(tmp_path: Path) -> Iterator[LibraryIndex]:
    """An index file in a temp folder."""
    with LibraryIndex(tmp_path / "cache" / "index.sqlite3") as opened:
        yield opened


@pytest.fixture
def parse_calls(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the index parses, in order (the real parser still runs)."""
    calls: list[Path] = []
    real = read_article

    def counting(path: Path) -> Article:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(scan, "read_article", counting)
    return calls


def bump(path: Path, text: str) -> None:
    """Rewrite a file and move its modification time on, as an editor would."""
    before = path.stat().st_mtime
    path.write_text(text, encoding="utf-8")
    os.utime(path, (before + 10, before + 10))


def test_first_refresh_adds_every_file_newest_first(index: LibraryIndex, library: Path) -> None:
    result = index.refresh([library])
    assert (result.added, result.updated, result.removed, result.failed) == (3, 0, 0, [])
    assert result.total == 3 and result.changed
    rows = index.summaries([library])
    assert headlines(rows) == [
        "Ferry crews walk out",
        "Council keeps libraries",
        "Tram line reopens",
    ]
    assert rows[0].section == "Transport" and rows[0].source == "Harbour Herald"
    assert rows[0].date_label == "2026-03-14"
    assert len(rows[0].content_hash) == 64
    assert index.count() == 3


def test_unchanged_files_are_never_parsed_again(
    index: LibraryIndex, library: Path, parse_calls: list[Path]
) -> None:
    index.refresh([library])
    assert len(parse_calls) == 3
    result = index.refresh([library])
    assert len(parse_calls) == 3
    assert (result.unchanged, result.added, result.updated, result.changed) == (3, 0, 0, False)


def test_an_unchanged_file_is_not_parsed_by_a_second_process(
    tmp_path: Path, library: Path, parse_calls: list[Path]
) -> None:
    path = tmp_path / "shared.sqlite3"
    with LibraryIndex(path) as first:
        first.refresh([library])
    with LibraryIndex(path) as second:
        assert second.refresh([library]).unchanged == 3
    assert len(parse_calls) == 3


def test_a_changed_file_is_parsed_again_and_its_old_words_forgotten(
    index: LibraryIndex, library: Path, parse_calls: list[Path]
) -> None:
    index.refresh([library])
    bump(library / "a.md", "---\ntitle: Tram line delayed by snowdrifts\n---\n\nPloughs out.\n")
    result = index.refresh([library])
    assert (result.updated, result.added, result.unchanged) == (1, 0, 2)
    assert parse_calls[-1].name == "a.md" and len(parse_calls) == 4
    assert "Tram line delayed by snowdrifts" in headlines(index.summaries())
    assert headlines(index.search("snowdrifts")) == ["Tram line delayed by snowdrifts"]
    assert list(index.search("reopens")) == []


def test_a_removed_file_leaves_the_list_and_the_search(index: LibraryIndex, library: Path) -> None:
    index.refresh([library])
    (library / "b.md").unlink()
    result = index.refresh([library])
    assert result.removed == 1
    assert "Council keeps libraries" not in headlines(index.summaries())
    assert list(index.search("libraries")) == []


def test_a_renamed_file_keeps_its_row_without_a_parse(
    index: LibraryIndex, library: Path, parse_calls: list[Path]
) -> None:
    index.refresh([library])
    (library / "sub" / "c.md").rename(library / "ferry.md")
    result = index.refresh([library])
    assert (result.moved, result.added, result.removed) == (1, 0, 0)
    assert len(parse_calls) == 3
    paths = {row.path.name for row in index.summaries()}
    assert paths == {"a.md", "b.md", "ferry.md"}
    assert [row.path.name for row in index.search("ferry")] == ["ferry.md"]


def test_a_copy_of_a_kept_file_is_a_new_article(index: LibraryIndex, library: Path) -> None:
    index.refresh([library])
    (library / "copy.md").write_bytes((library / "a.md").read_bytes())
    result = index.refresh([library])
    assert (result.added, result.moved) == (1, 0)
    assert index.count() == 4


def test_a_bad_file_is_reported_with_its_reason_and_not_parsed_again(
    index: LibraryIndex, library: Path, parse_calls: list[Path]
) -> None:
    (library / "empty.txt").write_bytes(b"")
    first = index.refresh([library])
    assert [(p.path.name, p.reason) for p in first.failed] == [("empty.txt", "empty file")]
    second = index.refresh([library])
    assert [(p.path.name, p.reason) for p in second.failed] == [("empty.txt", "empty file")]
    assert len(parse_calls) == 4
    bump(
        library / "empty.txt",
        "Now a headline\n\nAnd a paragraph of body text that says something.\n",
    )
    third = index.refresh([library])
    assert third.added == 1 and third.failed == []


def test_a_parser_crash_costs_one_file(
    index: LibraryIndex, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = read_article

    def fragile(path: Path) -> Article:
        if path.name == "b.md":
            raise RuntimeError("parser bug")
        return real(path)

    monkeypatch.setattr(scan, "read_article", fragile)
    result = index.refresh([library])
    assert result.added == 2
    assert [p.reason for p in result.failed] == ["unexpected error (RuntimeError: parser bug)"]


def test_rebuild_parses_everything_again(
    index: LibraryIndex, library: Path, parse_calls: list[Path]
) -> None:
    index.refresh([library])
    result = index.refresh([library], rebuild=True)
    assert result.added == 3 and len(parse_calls) == 6
    assert len(index.search("ferry")) == 1


def test_progress_runs_to_the_total(index: LibraryIndex, library: Path) -> None:
    seen: list[tuple[int, int]] = []
    index.refresh([library], progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)


def test_a_cancelled_refresh_stops_and_keeps_what_it_wrote(
    index: LibraryIndex, library: Path, parse_calls: list[Path]
) -> None:
    result = index.refresh([library], cancelled=lambda: len(parse_calls) >= 1)
    assert result.cancelled and result.added == 1
    assert index.count() == 1
    assert index.refresh([library]).added == 2


def test_one_index_serves_several_folders(index: LibraryIndex, tmp_path: Path) -> None:
    one = tmp_path / "one"
    two = tmp_path / "two"
    write_article(one, "x.md", "Orchard frost")
    write_article(two, "y.md", "Lantern festival")
    write_article(tmp_path / "one-more", "z.md", "Sibling folder with a shared prefix")
    index.refresh([one])
    index.refresh([two])
    index.refresh([tmp_path / "one-more"])
    assert index.refresh([one]).removed == 0
    assert headlines(index.summaries([one])) == ["Orchard frost"]
    assert headlines(index.summaries([two])) == ["Lantern festival"]
    assert len(index.summaries()) == 3
    assert headlines(index.search("festival", roots=[one])) == []


def test_sort_orders_and_filters(index: LibraryIndex, library: Path) -> None:
    write_article(library, "d.md", "an undated note", mtime=1_700_000_000)
    index.refresh([library])
    assert headlines(index.summaries(sort=SortOrder.OLDEST))[0] == "an undated note"
    assert headlines(index.summaries(sort=SortOrder.HEADLINE)) == [
        "an undated note",
        "Council keeps libraries",
        "Ferry crews walk out",
        "Tram line reopens",
    ]
    by_section = index.summaries(sort=SortOrder.SECTION)
    assert [row.section for row in by_section] == ["Local", "Transport", "Transport", None]
    assert headlines(index.summaries(section="Transport")) == [
        "Ferry crews walk out",
        "Tram line reopens",
    ]
    assert headlines(index.summaries(source="Harbour Herald")) == ["Ferry crews walk out"]
    assert index.sections() == [("Local", 1), ("Transport", 2)]
    assert index.sources([library]) == [("Harbour Herald", 1)]


def test_every_sort_order_holds_across_hundreds_of_articles(
    index: LibraryIndex, tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    sections = ["World", "Local", None, "Arts"]
    for number in range(300):
        day = (number * 7919) % 300  # scattered, so file order is not date order
        write_article(
            folder,
            f"part{number % 3}/n{number:03}.md",
            f"{'ABCDEFGHIJ'[number % 10]}{'xyz'[number % 3]} headline {number:03}",
            section=sections[number % 4],
            published=f"2025-{1 + day // 28:02}-{1 + day % 28:02}",
        )
    index.refresh([folder])
    for roots in (None, [folder], [folder / "part1"]):
        newest = index.summaries(roots, SortOrder.NEWEST)
        assert len(newest) == (100 if roots == [folder / "part1"] else 300)
        dates = [row.published or "" for row in newest]
        assert dates == sorted(dates, reverse=True)
        oldest = [row.published or "" for row in index.summaries(roots, SortOrder.OLDEST)]
        assert oldest == sorted(oldest)
        by_name = [row.headline.casefold() for row in index.summaries(roots, SortOrder.HEADLINE)]
        assert by_name == sorted(by_name)
        by_section = [
            (row.section is None, (row.section or "").casefold(), row.published)
            for row in index.summaries(roots, SortOrder.SECTION)
        ]
        assert by_section == sorted(by_section, key=lambda key: (key[0], key[1], _negated(key[2])))


def _negated(date: str | None) -> list[int]:
    """A key that sorts ISO dates newest first."""
    return [-ord(char) for char in date or ""]


def test_a_root_holds_the_whole_span_only_when_both_ends_are_inside_it() -> None:
    assert span_under_one_root("/lib/a.md", "/lib/z/y.md", ["/lib"])
    assert not span_under_one_root("/lib/a.md", "/library/b.md", ["/lib"])
    assert span_under_one_root("/lib/note.md", "/lib/note.md", ["/lib/note.md"])
    # "/lib/note.md-2" sorts between the file root and a path inside "/lib/note.md/".
    assert not span_under_one_root("/lib/note.md", "/lib/note.md/x", ["/lib/note.md"])
    assert span_under_one_root("/b/1", "/b/2", ["/a", "/b"])


def test_summary_rows_read_like_a_list(index: LibraryIndex, library: Path) -> None:
    index.refresh([library])
    rows = index.summaries()
    assert rows[-1].headline == "Tram line reopens"
    assert headlines(rows[0:2]) == ["Ferry crews walk out", "Council keeps libraries"]
    assert rows.index_of(rows[1].path) == 1
    assert rows.index_of(library / "nothing.md") is None
    with pytest.raises(IndexError):
        rows[3]


def test_rows_removed_after_listing_read_as_gone(index: LibraryIndex, library: Path) -> None:
    index.refresh([library])
    rows = index.summaries()
    (library / "a.md").unlink()
    index.refresh([library])
    assert rows[2].headline == GONE_HEADLINE
    assert len(index.summaries()) == 2


def test_get_gives_the_lead_sentences(index: LibraryIndex, tmp_path: Path) -> None:
    body = ["First sentence here. Second one follows.", "Another paragraph."]
    path = write_article(tmp_path / "f", "lead.md", "Lead test", body=body)
    index.refresh([path.parent])
    summary = index.get(path)
    assert summary is not None
    assert summary.lead == "First sentence here. Second one follows. Another paragraph."
    assert index.get(tmp_path / "missing.md") is None


def test_a_refresh_in_a_worker_thread_while_another_thread_lists(
    index: LibraryIndex, library: Path
) -> None:
    for number in range(30):
        write_article(library, f"many/{number:02d}.md", f"Story number {number}")
    errors: list[BaseException] = []

    def work() -> None:
        try:
            index.refresh([library])
        except BaseException as error:
            errors.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    while worker.is_alive():
        list(index.summaries())
    worker.join()
    assert errors == []
    assert len(index.summaries()) == 33


def garbage(path: Path) -> None:
    """Fill a file with bytes that are not a database."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database" * 500)


def test_a_corrupt_index_is_rebuilt_with_an_event(tmp_path: Path, library: Path) -> None:
    path = tmp_path / "index.sqlite3"
    garbage(path)
    with LibraryIndex(path) as index:
        assert [event.kind for event in index.events] == ["rebuilt"]
        assert not index.temporary
        assert index.refresh([library]).added == 3
    with LibraryIndex(path) as index:
        assert index.events == []
        assert index.count() == 3


def test_an_index_damaged_while_open_is_rebuilt_not_raised(tmp_path: Path, library: Path) -> None:
    path = tmp_path / "index.sqlite3"
    with LibraryIndex(path) as index:
        index.refresh([library])
        index.close()
        index_schema.remove_files(path)
        garbage(path)
        assert list(index.summaries()) == []
        assert "rebuilt" in [event.kind for event in index.events]
        assert index.refresh([library]).added == 3


@pytest.mark.parametrize(
    "damage",
    [
        "PRAGMA user_version = 99",
        "PRAGMA user_version = 0",
        "DROP TABLE head_fts",
    ],
)
def test_an_index_of_another_schema_is_rebuilt(tmp_path: Path, library: Path, damage: str) -> None:
    path = tmp_path / "index.sqlite3"
    with LibraryIndex(path) as index:
        index.refresh([library])
    conn = sqlite3.connect(path)
    conn.execute(damage)
    conn.commit()
    conn.close()
    with LibraryIndex(path) as index:
        assert [event.kind for event in index.events] == ["rebuilt"]
        assert index.count() == 0
        assert index.refresh([library]).added == 3


def test_an_index_from_before_the_url_column_is_rebuilt_with_urls(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    story = folder / "story.md"
    story.write_text(
        "---\ntitle: Pier reopens\nurl: https://example.com/pier\n---\n\nBody.\n",
        encoding="utf-8",
    )
    path = tmp_path / "index.sqlite3"
    with LibraryIndex(path) as index:
        index.refresh([folder])
    conn = sqlite3.connect(path)  # made into a version 3 index: no url column
    conn.execute("ALTER TABLE articles DROP COLUMN url")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    with LibraryIndex(path) as index:
        assert [event.kind for event in index.events] == ["rebuilt"]
        assert "another version" in index.events[0].message
        assert index.count() == 0
        assert index.refresh([folder]).added == 1
        found = index.get(story)
        assert found is not None and found.url == "https://example.com/pier"
        assert [row.url for row in index.summaries()] == ["https://example.com/pier"]
        assert [row.url for row in index.search("pier")] == ["https://example.com/pier"]
    with LibraryIndex(path) as index:
        assert index.events == []


def test_a_foreign_database_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE something_else (x)")
    conn.commit()
    conn.close()
    with LibraryIndex(path) as index:
        assert [event.kind for event in index.events] == ["rebuilt"]


@pytest.fixture
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Locks give up after 50 ms, so the locked-index tests do not wait two seconds."""
    monkeypatch.setattr(index_schema, "BUSY_TIMEOUT_MS", 50)


def hold_write_lock(path: Path) -> Callable[[], None]:
    """Another connection takes the write lock on `path`; returns the release."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")

    def release() -> None:
        other.execute("ROLLBACK")
        other.close()

    return release


@pytest.mark.usefixtures("short_timeout")
def test_a_locked_index_still_lists_and_refresh_says_read_only(
    tmp_path: Path, library: Path
) -> None:
    path = tmp_path / "index.sqlite3"
    with LibraryIndex(path) as index:
        index.refresh([library])
        write_article(library, "new.md", "Arrives while locked")
        release = hold_write_lock(path)
        try:
            result = index.refresh([library])
            assert result.read_only
            assert len(index.summaries()) == 3
            assert len(index.search("ferry")) == 1
        finally:
            release()
        assert index.refresh([library]).added == 1


@pytest.mark.usefixtures("short_timeout")
def test_an_index_locked_before_it_is_made_gives_a_temporary_one(
    tmp_path: Path, library: Path
) -> None:
    path = tmp_path / "index.sqlite3"
    sqlite3.connect(path).close()  # an empty file, not yet in WAL mode
    release = hold_write_lock(path)
    try:
        with LibraryIndex(path) as index:
            assert [event.kind for event in index.events] == ["temporary"]
            assert index.temporary and index.path != path
            assert index.refresh([library]).added == 3
            temp_folder = index.path.parent
        assert not temp_folder.exists()
    finally:
        release()


def test_a_lock_met_while_another_reader_creates_the_index_is_waited_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # While another process turns a new file to WAL, SQLite reports "locked" at
    # once, without waiting: three readers starting together met it under load.
    open_checked, refusals = index_schema._open_checked, [2]

    def locked_twice(path: Path) -> tuple[sqlite3.Connection, list[index_schema.IndexEvent]]:
        if refusals[0]:
            refusals[0] -= 1
            raise index_schema.IndexLocked("database is locked")
        return open_checked(path)

    monkeypatch.setattr(index_schema, "_open_checked", locked_twice)
    path = tmp_path / "index.sqlite3"
    with LibraryIndex(path) as index:
        assert index.path == path and not index.temporary
        assert [event.kind for event in index.events] == []


def test_an_unwritable_cache_folder_gives_a_temporary_index(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with LibraryIndex(blocker / "index.sqlite3") as index:
        assert [event.kind for event in index.events] == ["temporary"]
        assert index.count() == 0


def test_the_cache_folder_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    assert default_index_path() == tmp_path / "cache" / "index.sqlite3"
    monkeypatch.delenv(CACHE_ENV)
    assert default_index_path().name == "index.sqlite3"
    assert "broadsheet" in str(default_index_path())


def fts_intact(path: Path) -> None:
    """The full-text tables hold exactly the words of the stored articles, nothing stale.

    FTS5's integrity-check cannot see a wrong delete in a contentless table, so
    the words of every stored article are indexed afresh in a temp table and
    the two vocabularies (term, documents, occurrences) compared.
    """
    conn = sqlite3.connect(path)
    try:
        tokenizer = index_schema.TOKENIZER
        conn.execute(
            "CREATE VIRTUAL TABLE temp.fresh USING fts5"
            f" (headline, bullets, body, content='', tokenize='{tokenizer}')"
        )
        for row_id, data in conn.execute("SELECT id, data FROM article_text").fetchall():
            conn.execute("INSERT INTO fresh (rowid, headline, bullets, body) VALUES (?, ?, ?, ?)",
                         (row_id, *unpack_text(data)))  # fmt: skip
        conn.execute("CREATE VIRTUAL TABLE temp.v1 USING fts5vocab(main, text_fts, 'row')")
        conn.execute("CREATE VIRTUAL TABLE temp.v2 USING fts5vocab(temp, fresh, 'row')")
        stored = conn.execute("SELECT term, doc, cnt FROM v1 ORDER BY term").fetchall()
        fresh = conn.execute("SELECT term, doc, cnt FROM v2 ORDER BY term").fetchall()
        assert stored == fresh
        ids = {row[0] for row in conn.execute("SELECT id FROM articles")}
        assert ids == {row[0] for row in conn.execute("SELECT id FROM article_text")}
    finally:
        conn.close()


def test_two_indexes_refreshing_one_file_at_once_agree(tmp_path: Path, library: Path) -> None:
    for number in range(40):
        write_article(library, f"many/{number:02d}.md", f"Dispatch number {number} from the quay")
    path = tmp_path / "shared.sqlite3"
    first, second = LibraryIndex(path), LibraryIndex(path)
    errors: list[BaseException] = []

    def work(index: LibraryIndex) -> None:
        try:
            index.refresh([library])
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(index,)) for index in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert first.count() == second.count() == 43
    assert len(second.search("dispatch")) == 40
    assert len({row.path for row in first.search("quay", limit=100)}) == 40
    first.close()
    second.close()
    fts_intact(path)


def test_the_full_text_tables_stay_intact_through_changes(
    index: LibraryIndex, library: Path
) -> None:
    index.refresh([library])
    bump(library / "a.md", "---\ntitle: Tram line delayed\n---\n\nSnow.\n")
    (library / "b.md").unlink()
    (library / "sub" / "c.md").rename(library / "c2.md")
    (library / "empty.txt").write_bytes(b"")
    index.refresh([library])
    index.refresh([library], rebuild=True)
    fts_intact(index.path)


def test_a_symlinked_file_named_directly_is_listed_under_its_name(
    index: LibraryIndex, library: Path, tmp_path: Path
) -> None:
    link = tmp_path / "elsewhere" / "link.md"
    link.parent.mkdir()
    link.symlink_to(library / "a.md")
    assert index.refresh([link]).added == 1
    assert [row.path.name for row in index.summaries([link])] == ["link.md"]
    assert index.get(link) is not None
    link.unlink()
    gone = index.refresh([link])
    assert gone.failed[0].reason == "not found" and gone.removed == 1


def test_a_refresh_on_an_index_damaged_while_open_rebuilds_it(
    tmp_path: Path, library: Path
) -> None:
    path = tmp_path / "index.sqlite3"
    with LibraryIndex(path) as index:
        index.refresh([library])
        index.close()
        index_schema.remove_files(path)
        garbage(path)
        assert index.refresh([library]).added == 3
        assert "rebuilt" in [event.kind for event in index.events]
        assert len(index.search("ferry")) == 1
