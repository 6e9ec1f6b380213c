"""The user's state (reader.library.state): marks, positions, settings, moves, export and
import, damage and crashes, and the `reader state` commands."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.cli import main
from reader.library.state import (
    STATE_DIR_ENV,
    STATE_FILE_NAME,
    StateError,
    StateFormatError,
    StateStore,
    content_hash,
    open_state,
    path_key,
    state_dir,
)

ROOT = Path(__file__).resolve().parent.parent


def _article(folder: Path, name: str, text: str) -> tuple[Path, str]:
    """Write an article file; return its path and content hash."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path, content_hash(path)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[StateStore]:
    with StateStore(tmp_path / "state" / STATE_FILE_NAME) as opened:
        yield opened


@pytest.fixture
def library(tmp_path: Path) -> list[tuple[Path, str]]:
    folder = tmp_path / "library"
    return [
        _article(folder, "ferry.md", "---\ntitle: Night ferry to Selka\n---\n\nIt sails.\n"),
        _article(folder, "hail.txt", "Weather\nHail strips the orchards\n\nGrowers count.\n"),
        _article(folder, "tides.txt", "Coast\nTide tables reprinted\n\nThe tables are back.\n"),
    ]


# Hashes and where the file lives.


def test_content_hash_is_the_sha256_of_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert content_hash(path) == expected
    assert content_hash(b"abc") == expected
    assert content_hash(str(path)) == expected


def test_the_state_folder_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(STATE_DIR_ENV, str(tmp_path / "mine"))
    assert state_dir() == tmp_path / "mine"
    with open_state() as opened:
        assert opened.path == tmp_path / "mine" / STATE_FILE_NAME
    assert (tmp_path / "mine" / STATE_FILE_NAME).is_file()


def test_the_default_state_folder_is_the_user_data_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(STATE_DIR_ENV, raising=False)
    assert state_dir().name == "broadsheet"


# Marks, positions and settings.


def test_an_unknown_article_is_unread_unstarred_with_no_position(
    store: StateStore, library: list[tuple[Path, str]]
) -> None:
    path, digest = library[0]
    assert not store.is_read(path, digest)
    assert not store.is_starred(path, digest)
    assert store.position(path, digest) is None


def test_read_and_starred_toggle_independently(
    store: StateStore, library: list[tuple[Path, str]]
) -> None:
    path, digest = library[0]
    assert store.toggle_read(path, digest) is True
    assert store.is_read(path, digest)
    assert store.toggle_starred(path, digest) is True
    assert store.toggle_read(path, digest) is False
    assert not store.is_read(path, digest)
    assert store.is_starred(path, digest)
    store.set_starred(path, digest, False)
    store.set_read(path, digest)
    assert store.is_read(path, digest) and not store.is_starred(path, digest)
    other_path, other_digest = library[1]
    assert not store.is_read(other_path, other_digest)


def test_state_persists_across_reopening(tmp_path: Path, library: list[tuple[Path, str]]) -> None:
    file = tmp_path / STATE_FILE_NAME
    path, digest = library[1]
    with StateStore(file) as first:
        first.set_read(path, digest)
        first.toggle_starred(path, digest)
        first.set_position(path, digest, 0.4)
        first.set_selected(path, digest)
        first.set_setting("sort", {"by": "headline", "reverse": False})
    with StateStore(file) as again:
        assert again.is_read(path, digest)
        assert again.is_starred(path, digest)
        assert again.position(path, digest) == pytest.approx(0.4)
        assert again.selected() == (str(path), digest)
        assert again.setting("sort") == {"by": "headline", "reverse": False}
        assert again.setting("missing", "default") == "default"
        assert again.recovered_to is None and again.problem is None


def test_a_position_is_a_fraction_of_the_article(
    store: StateStore, library: list[tuple[Path, str]]
) -> None:
    path, digest = library[0]
    store.set_position(path, digest, 1)
    assert store.position(path, digest) == 1.0
    for bad in (-0.1, 1.5, float("nan"), float("inf")):
        with pytest.raises(ValueError):
            store.set_position(path, digest, bad)
    assert store.position(path, digest) == 1.0
    assert not store.is_read(path, digest)  # a position alone does not mark it read


def test_a_wrong_hash_is_refused_before_anything_is_written(
    store: StateStore, library: list[tuple[Path, str]]
) -> None:
    path, _digest = library[0]
    with pytest.raises(ValueError):
        store.set_read(path, str(path))
    assert len(store.read_map()) == 0


def test_relative_and_absolute_paths_name_the_same_article(
    store: StateStore, library: list[tuple[Path, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, digest = library[0]
    monkeypatch.chdir(path.parent)
    store.set_read(Path(path.name), digest)
    assert store.is_read(path, digest)
    assert store.read_map().is_read(path.name, "0" * 64)


def test_mark_all_read_marks_every_listed_article_and_counts_the_unread(
    store: StateStore, library: list[tuple[Path, str]]
) -> None:
    store.set_read(*library[0])
    store.toggle_starred(*library[1])
    assert store.mark_all_read(library) == 2
    assert all(store.is_read(path, digest) for path, digest in library)
    assert store.is_starred(*library[1])
    assert store.mark_all_read(library) == 0


def test_mark_all_read_is_one_transaction(
    store: StateStore, library: list[tuple[Path, str]]
) -> None:
    broken = [*library, (library[0][0].parent / "x.txt", None)]
    with pytest.raises((StateError, TypeError, ValueError, sqlite3.Error)):
        store.mark_all_read(broken)  # type: ignore[arg-type]
    assert not any(store.is_read(path, digest) for path, digest in library)


def test_read_map_answers_for_the_whole_list_from_one_snapshot(
    store: StateStore, library: list[tuple[Path, str]]
) -> None:
    store.set_read(*library[0])
    store.set_starred(*library[2])
    marks = store.read_map()
    assert [marks.is_read(p, d) for p, d in library] == [True, False, False]
    assert [marks.is_starred(p, d) for p, d in library] == [False, False, True]
    assert marks.unread_count(library) == 2
    marks.remember(*library[1], read=True)
    assert marks.is_read(*library[1]) and marks.unread_count(library) == 1


def test_read_map_scales_to_a_large_library(store: StateStore) -> None:
    items = [(f"/news/{i:06d}.txt", content_hash(str(i).encode())) for i in range(20_000)]
    assert store.mark_all_read(items[::2]) == 10_000
    marks = store.read_map()
    assert marks.unread_count(items) == 10_000
    assert marks.is_read(*items[0]) and not marks.is_read(*items[1])


# Moved and renamed files.


def test_a_renamed_file_keeps_its_state(store: StateStore, library: list[tuple[Path, str]]) -> None:
    path, digest = library[0]
    store.set_read(path, digest)
    store.set_starred(path, digest)
    store.set_position(path, digest, 0.5)
    moved = path.parent / "archive" / "2026" / "renamed-ferry.md"
    moved.parent.mkdir(parents=True)
    path.rename(moved)
    assert content_hash(moved) == digest
    assert store.is_read(moved, digest)
    assert store.read_map().is_starred(moved, digest)
    assert store.toggle_read(moved, digest) is False  # the write re-keys the row
    exported = store.export_json()["articles"]
    assert [(a["path"], a["starred"], a["position"]) for a in exported] == [(str(moved), True, 0.5)]


def test_a_copy_starts_with_the_original_state_and_then_goes_its_own_way(
    store: StateStore, library: list[tuple[Path, str]]
) -> None:
    path, digest = library[0]
    store.set_starred(path, digest)
    copy = path.with_name("copy.md")
    copy.write_bytes(path.read_bytes())
    assert store.is_starred(copy, digest)
    store.set_starred(copy, digest, False)
    assert store.is_starred(path, digest)
    assert not store.is_starred(copy, digest)


def test_an_edited_file_keeps_its_state_by_path(
    store: StateStore, library: list[tuple[Path, str]]
) -> None:
    path, digest = library[1]
    store.set_read(path, digest)
    path.write_text("Weather\nHail strips the orchards (corrected)\n", encoding="utf-8")
    assert store.is_read(path, content_hash(path))


def test_relink_moves_state_to_the_new_paths_after_a_scan(
    store: StateStore, library: list[tuple[Path, str]]
) -> None:
    store.mark_all_read(library[:2])
    (old, digest), rest = library[0], library[1:]
    new = old.with_name("ferry-renamed.md")
    old.rename(new)
    copy = library[1][0].with_name("hail-copy.txt")
    copy.write_bytes(library[1][0].read_bytes())
    listing = [(new, digest), (copy, library[1][1]), library[2]]
    assert store.relink(listing) == 1  # the copy is not a move: hail.txt is still there
    assert store.relink(listing) == 0
    assert store.relink([(new, digest), *rest]) == 0
    assert [a["path"] for a in store.export_json()["articles"]] == sorted(
        [str(new), str(library[1][0])]
    )


# Export and import.


def test_export_import_round_trip(tmp_path: Path, library: list[tuple[Path, str]]) -> None:
    with StateStore(tmp_path / "a.sqlite3") as source:
        source.set_read(*library[0])
        source.set_starred(*library[1])
        source.set_position(*library[1], 0.75)
        source.set_selected(*library[1])
        exported = source.export_json()
    text = json.dumps(exported)
    with StateStore(tmp_path / "b.sqlite3") as target:
        counts = target.import_json(json.loads(text))
        assert (counts.added, counts.updated, counts.unchanged) == (2, 0, 0)
        assert target.is_read(*library[0]) and not target.is_starred(*library[0])
        assert target.is_starred(*library[1]) and not target.is_read(*library[1])
        assert target.position(*library[1]) == 0.75
        assert target.selected() == (str(library[1][0]), library[1][1])
        assert target.export_json()["articles"] == exported["articles"]


def test_import_finds_articles_by_hash_on_another_machine(
    store: StateStore, library: list[tuple[Path, str]]
) -> None:
    path, digest = library[2]
    elsewhere = {
        "broadsheet_state": 1,
        "articles": [{"path": "/home/other/news/tides.txt", "hash": digest, "starred": True}],
    }
    store.import_json(elsewhere)
    assert store.is_starred(path, digest)


def test_merge_keeps_the_newer_mark_and_local_settings(
    store: StateStore, library: list[tuple[Path, str]]
) -> None:
    (first, first_hash), (second, second_hash) = library[0], library[1]
    store.set_read(first, first_hash)
    store.set_setting("theme", "local")
    incoming = {
        "broadsheet_state": 1,
        "articles": [
            {"path": str(first), "hash": first_hash, "read": False, "updated": 1.0},
            {"path": str(second), "hash": second_hash, "read": True, "updated": 4e9},
        ],
        "settings": {"theme": "imported", "sort": "newest"},
    }
    counts = store.import_json(incoming)
    assert (counts.added, counts.updated, counts.unchanged) == (1, 0, 1)
    assert store.is_read(first, first_hash)  # the local mark is newer
    assert store.is_read(second, second_hash)
    assert store.setting("theme") == "local" and store.setting("sort") == "newest"
    newer = {
        "broadsheet_state": 1,
        "articles": [{"path": str(first), "hash": first_hash, "read": False, "updated": 4e9}],
    }
    assert store.import_json(newer).updated == 1
    assert not store.is_read(first, first_hash)


def test_replace_drops_what_the_import_does_not_hold(
    store: StateStore, library: list[tuple[Path, str]]
) -> None:
    store.mark_all_read(library)
    store.set_setting("theme", "local")
    path, digest = library[0]
    only = {
        "broadsheet_state": 1,
        "articles": [{"path": str(path), "hash": digest, "starred": True, "updated": 1.0}],
    }
    assert store.import_json(only, merge=False).added == 1
    assert [store.is_read(p, d) for p, d in library] == [False, False, False]
    assert store.is_starred(path, digest)
    assert store.setting("theme") is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected a JSON object"),
        ({"headline": "x"}, 'no "broadsheet_state" key'),
        ({"broadsheet_state": 9}, "newer Broadsheet"),
        ({"broadsheet_state": 1, "articles": {}}, "articles: expected a list"),
        ({"broadsheet_state": 1, "articles": [3]}, "articles[0]: expected an object"),
        ({"broadsheet_state": 1, "articles": [{"hash": "a" * 64}]}, "articles[0].path"),
        ({"broadsheet_state": 1, "articles": [{"path": "rel.txt", "hash": "a" * 64}]}, ".path"),
        ({"broadsheet_state": 1, "articles": [{"path": "/a", "hash": "xyz"}]}, ".hash"),
        (
            {"broadsheet_state": 1, "articles": [{"path": "/a", "hash": "a" * 64, "read": 1}]},
            ".read: expected true or false",
        ),
        (
            {"broadsheet_state": 1, "articles": [{"path": "/a", "hash": "a" * 64, "position": 2}]},
            ".position",
        ),
        ({"broadsheet_state": 1, "settings": []}, "settings: expected an object"),
        ({"broadsheet_state": 1, "settings": {"zoom": float("nan")}}, "settings: "),
    ],
)
def test_a_bad_import_is_refused_with_a_reason_and_writes_nothing(
    store: StateStore, library: list[tuple[Path, str]], data: object, message: str
) -> None:
    store.set_read(*library[0])
    before = store.export_json()["articles"]
    valid = {"path": "/b", "hash": "b" * 64, "read": True}
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data["articles"].insert(0, valid)
        message = message.replace("articles[0]", "articles[1]")
    with pytest.raises(StateFormatError) as raised:
        store.import_json(data)
    assert message in str(raised.value)
    assert store.export_json()["articles"] == before


# Damage, concurrency and crashes.


def test_a_damaged_state_file_is_moved_aside_never_deleted(tmp_path: Path) -> None:
    file = tmp_path / STATE_FILE_NAME
    garbage = b"this is not a database at all, but the user's bytes " * 200
    file.write_bytes(garbage)
    with StateStore(file) as fresh:
        assert fresh.recovered_to is not None
        assert fresh.recovered_to.name.startswith(f"{STATE_FILE_NAME}.corrupt-")
        assert fresh.recovered_to.read_bytes() == garbage
        assert fresh.problem is not None and str(fresh.recovered_to) in fresh.problem
        fresh.set_read("/news/a.txt", "a" * 64)
        assert fresh.is_read("/news/a.txt", "a" * 64)
    with StateStore(file) as again:
        assert again.recovered_to is None


def test_damaged_pages_are_found_and_moved_aside(tmp_path: Path) -> None:
    file = tmp_path / STATE_FILE_NAME
    with StateStore(file) as store:
        store.mark_all_read([(f"/n/{i}.txt", content_hash(str(i).encode())) for i in range(3000)])
    with sqlite3.connect(file) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(file.read_bytes())
    page = 4096
    data[page * 3 : page * 6] = b"\xa5" * (page * 3)  # scribble over some b-tree pages
    file.write_bytes(bytes(data))
    with StateStore(file) as fresh:
        assert fresh.recovered_to is not None
        assert fresh.recovered_to.read_bytes() == bytes(data)
        assert len(fresh.read_map()) == 0


@pytest.mark.parametrize(
    "table",
    [
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, path TEXT, seen INTEGER)",
        "CREATE TABLE settings (name TEXT, data BLOB)",
    ],
)
@pytest.mark.parametrize("version", [0, 1])
def test_a_state_file_of_another_layout_is_moved_aside(
    tmp_path: Path, table: str, version: int
) -> None:
    file = tmp_path / STATE_FILE_NAME
    with sqlite3.connect(file) as conn:
        conn.execute(table)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    before = file.read_bytes()
    with StateStore(file) as fresh:
        assert fresh.recovered_to is not None
        assert fresh.recovered_to.read_bytes() == before
        assert fresh.problem is not None and "moved to" in fresh.problem
        fresh.set_read("/news/a.txt", "a" * 64)
        assert fresh.is_read("/news/a.txt", "a" * 64)


def test_cli_moves_a_state_file_of_another_layout_aside(state_env: dict[str, str]) -> None:
    folder = Path(state_env[STATE_DIR_ENV])
    folder.mkdir(parents=True)
    with sqlite3.connect(folder / STATE_FILE_NAME) as conn:
        conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, path TEXT)")
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    result = CliRunner().invoke(main, ["state", "export"], env=state_env)
    assert result.exit_code == 0, result.output
    assert "no such column" not in result.stderr
    assert "damaged" in result.stderr and ".corrupt-" in result.stderr
    assert json.loads(result.stdout)["articles"] == []


def test_a_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    file = tmp_path / STATE_FILE_NAME
    with sqlite3.connect(file) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = file.read_bytes()
    with pytest.raises(StateError, match="newer Broadsheet"):
        StateStore(file)
    assert file.read_bytes() == before
    assert list(tmp_path.glob("*.corrupt-*")) == []


def test_two_connections_see_each_others_writes(
    tmp_path: Path, library: list[tuple[Path, str]]
) -> None:
    file = tmp_path / STATE_FILE_NAME
    with StateStore(file) as one, StateStore(file) as two:
        one.set_read(*library[0])
        assert two.is_read(*library[0])
        two.toggle_starred(*library[0])
        assert one.is_starred(*library[0])
        assert one.toggle_read(*library[0]) is False
        assert not two.read_map().is_read(*library[0])


_WRITER = textwrap.dedent(
    """
    import sys
    from reader.library.state import StateStore, content_hash
    store = StateStore(sys.argv[1])
    prefix, count = sys.argv[2], int(sys.argv[3])
    for number in range(count):
        path = f"/news/{prefix}/{number}.txt"
        digest = content_hash(f"{prefix}{number}".encode())
        store.set_read(path, digest)
        if number % 3 == 0:
            store.toggle_starred(path, digest)
        print(number, flush=True)
    """
)


def _writer(file: Path, prefix: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(file), prefix, str(count)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_two_processes_write_the_same_state(tmp_path: Path) -> None:
    file = tmp_path / STATE_FILE_NAME
    writers = [_writer(file, prefix, 150) for prefix in ("left", "right")]
    for writer in writers:
        out, _ = writer.communicate()
        assert writer.returncode == 0
        assert len(out.split()) == 150
    with StateStore(file) as store:
        marks = store.read_map()
        for prefix in ("left", "right"):
            items = [
                (f"/news/{prefix}/{n}.txt", content_hash(f"{prefix}{n}".encode()))
                for n in range(150)
            ]
            assert marks.unread_count(items) == 0
            assert sum(marks.is_starred(p, d) for p, d in items) == 50


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_writer_killed_mid_way_loses_nothing_it_committed(tmp_path: Path) -> None:
    file = tmp_path / STATE_FILE_NAME
    writer = _writer(file, "kill", 1_000_000)
    assert writer.stdout is not None
    committed = [int(writer.stdout.readline()) for _ in range(300)]
    os.kill(writer.pid, signal.SIGKILL)
    rest, _ = writer.communicate()
    committed += [int(line) for line in rest.split()]
    assert writer.returncode == -signal.SIGKILL
    assert committed == list(range(len(committed)))
    with sqlite3.connect(file) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    with StateStore(file) as store:
        assert store.recovered_to is None
        marks = store.read_map()
        for number in committed:
            path, digest = f"/news/kill/{number}.txt", content_hash(f"kill{number}".encode())
            assert marks.is_read(path, digest), number
            assert marks.is_starred(path, digest) == (number % 3 == 0), number


_BATCH_WRITER = textwrap.dedent(
    """
    import sys
    from reader.library.state import StateStore, content_hash
    store = StateStore(sys.argv[1])
    for batch in range(1_000_000):
        store.mark_all_read(
            (f"/news/{batch}/{n}.txt", content_hash(f"{batch}-{n}".encode())) for n in range(500)
        )
        print(batch, flush=True)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_batch_killed_mid_way_is_all_or_nothing(tmp_path: Path) -> None:
    file = tmp_path / STATE_FILE_NAME
    writer = subprocess.Popen(
        [sys.executable, "-c", _BATCH_WRITER, str(file)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    committed = [int(writer.stdout.readline()) for _ in range(20)]
    os.kill(writer.pid, signal.SIGKILL)
    rest, _ = writer.communicate()
    committed += [int(line) for line in rest.split()]
    with StateStore(file) as store:
        articles = store.export_json()["articles"]
        assert store.is_read("/news/0/499.txt", content_hash(b"0-499"))
    batches: dict[int, int] = {}
    for article in articles:
        batch = int(article["path"].split("/")[2])
        batches[batch] = batches.get(batch, 0) + 1
    assert all(batches.get(batch) == 500 for batch in committed)
    assert set(batches.values()) == {500}  # a batch cut off by the kill left nothing behind


# The `reader state` commands.


@pytest.fixture
def state_env(tmp_path: Path) -> dict[str, str]:
    return {STATE_DIR_ENV: str(tmp_path / "cli-state")}


def test_cli_export_to_stdout_and_to_a_file(
    tmp_path: Path, state_env: dict[str, str], library: list[tuple[Path, str]]
) -> None:
    with StateStore(Path(state_env[STATE_DIR_ENV]) / STATE_FILE_NAME) as store:
        store.set_read(*library[0])
    runner = CliRunner()
    printed = runner.invoke(main, ["state", "export"], env=state_env)
    assert printed.exit_code == 0, printed.output
    data = json.loads(printed.stdout)
    assert data["broadsheet_state"] == 1
    assert [a["path"] for a in data["articles"]] == [path_key(library[0][0])]
    target = tmp_path / "backup.json"
    saved = runner.invoke(main, ["state", "export", str(target)], env=state_env)
    assert saved.exit_code == 0
    assert f"exported the state of 1 article to {target}" in saved.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["articles"] == data["articles"]


def test_cli_import_merges_and_replaces(
    tmp_path: Path, state_env: dict[str, str], library: list[tuple[Path, str]]
) -> None:
    backup = tmp_path / "backup.json"
    with StateStore(tmp_path / "other.sqlite3") as other:
        other.set_starred(*library[1])
        backup.write_text(json.dumps(other.export_json()), encoding="utf-8")
    with StateStore(Path(state_env[STATE_DIR_ENV]) / STATE_FILE_NAME) as store:
        store.set_read(*library[0])
    runner = CliRunner()
    merged = runner.invoke(main, ["state", "import", str(backup)], env=state_env)
    assert merged.exit_code == 0
    assert "merged: 1 added, 0 updated, 0 unchanged" in merged.stderr
    with open_state_at(state_env) as store:
        assert store.is_read(*library[0]) and store.is_starred(*library[1])
    replaced = runner.invoke(main, ["state", "import", "--replace", str(backup)], env=state_env)
    assert replaced.exit_code == 0
    assert "replaced the state" in replaced.stderr
    with open_state_at(state_env) as store:
        assert not store.is_read(*library[0]) and store.is_starred(*library[1])


def test_cli_import_reads_standard_input(
    state_env: dict[str, str], library: list[tuple[Path, str]]
) -> None:
    path, digest = library[0]
    data = {"broadsheet_state": 1, "articles": [{"path": str(path), "hash": digest, "read": True}]}
    result = CliRunner().invoke(
        main, ["state", "import", "-"], input=json.dumps(data), env=state_env
    )
    assert result.exit_code == 0
    with open_state_at(state_env) as store:
        assert store.is_read(path, digest)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            b'{"broadsheet_state": 1, "articles": [',
            "not valid JSON (line 1, column 38: Expecting value)",
        ),
        (b"", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8 text"),
        (b'{"headline": "Ferry"}', 'not a Broadsheet state export (no "broadsheet_state" key)'),
        (b'{"broadsheet_state": 1, "articles": [{"path": "/a"}]}', "articles[0].hash"),
        (b"[" * 100_000, "not valid JSON"),
    ],
)
def test_cli_import_of_bad_input_says_why_and_exits_1(
    tmp_path: Path, state_env: dict[str, str], content: bytes, reason: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    result = CliRunner().invoke(main, ["state", "import", str(bad)], env=state_env)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"reader: {bad}: ")
    assert reason in result.stderr
    assert "Traceback" not in result.output


def test_cli_import_of_a_missing_file(tmp_path: Path, state_env: dict[str, str]) -> None:
    result = CliRunner().invoke(
        main, ["state", "import", str(tmp_path / "nope.json")], env=state_env
    )
    assert result.exit_code == 1
    assert result.stderr == f"reader: {tmp_path / 'nope.json'}: not found\n"


def test_cli_says_when_a_damaged_state_file_was_moved_aside(
    state_env: dict[str, str],
) -> None:
    folder = Path(state_env[STATE_DIR_ENV])
    folder.mkdir(parents=True)
    (folder / STATE_FILE_NAME).write_bytes(b"not a database, really not " * 100)
    result = CliRunner().invoke(main, ["state", "export"], env=state_env)
    assert result.exit_code == 0
    assert "damaged" in result.stderr and ".corrupt-" in result.stderr
    assert json.loads(result.stdout)["articles"] == []
    assert len(list(folder.glob(f"{STATE_FILE_NAME}.corrupt-*"))) == 1


def test_cli_state_help_names_the_environment_variable() -> None:
    result = CliRunner().invoke(main, ["state", "--help"])
    assert result.exit_code == 0
    assert "READER_STATE_DIR" in result.output
    assert "export" in result.output and "import" in result.output


def open_state_at(env: dict[str, str]) -> StateStore:
    """The store the CLI used, opened directly."""
    return StateStore(Path(env[STATE_DIR_ENV]) / STATE_FILE_NAME)


def test_threads_share_one_store(store: StateStore) -> None:
    items = [(f"/news/t/{i}.txt", content_hash(f"t{i}".encode())) for i in range(200)]

    def star(part: list[tuple[str, str]]) -> None:
        for path, digest in part:
            store.toggle_starred(path, digest)

    threads = [threading.Thread(target=star, args=(items[i::4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    marks = store.read_map()
    assert all(marks.is_starred(path, digest) for path, digest in items)


def test_a_state_folder_that_cannot_be_made_is_a_state_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(StateError, match="cannot create"):
        StateStore(blocker / STATE_FILE_NAME)


def test_cli_with_an_unusable_state_folder_says_why(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(main, ["state", "export"], env={STATE_DIR_ENV: str(blocker)})
    assert result.exit_code == 1
    assert result.stderr.startswith("reader: state: cannot create")


def test_cli_export_into_a_missing_folder_says_why(
    tmp_path: Path, state_env: dict[str, str]
) -> None:
    target = tmp_path / "no-such-folder" / "backup.json"
    result = CliRunner().invoke(main, ["state", "export", str(target)], env=state_env)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"reader: {target}: ")
    assert "Traceback" not in result.output


def test_reader_help_lists_the_state_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert "state" in result.output
