"""Finding article files (reader.library.files) and list summaries (reader.library.summary)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from reader.library import files
from reader.library.files import Problem, default_library_dir, discover
from reader.library.summary import Summary, parse_date, summarize
from reader.model import Article, Block


def _touch(path: Path, text: str = "Headline\n\nBody.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folders_are_walked_recursively_for_supported_suffixes(tmp_path: Path) -> None:
    a = _touch(tmp_path / "b.txt")
    b = _touch(tmp_path / "a.md")
    c = _touch(tmp_path / "deep" / "er" / "c.markdown")
    d = _touch(tmp_path / "UPPER.TXT")
    _touch(tmp_path / "notes.log")
    _touch(tmp_path / "image.png")
    found = discover([tmp_path])
    assert found.files == sorted([a, b, c, d])
    assert found.problems == []


def test_a_file_named_directly_is_taken_whatever_its_suffix(tmp_path: Path) -> None:
    log = _touch(tmp_path / "capture.log")
    assert discover([log]).files == [log]


def test_hidden_files_and_folders_are_skipped_unless_named(tmp_path: Path) -> None:
    _touch(tmp_path / ".hidden.txt")
    hidden = _touch(tmp_path / ".cache" / "inside.txt")
    visible = _touch(tmp_path / "visible.txt")
    assert discover([tmp_path]).files == [visible]
    assert discover([tmp_path / ".cache"]).files == [hidden]


def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    article = _touch(tmp_path / "lib" / "sub" / "article.txt")
    (tmp_path / "lib" / "sub" / "back-to-top").symlink_to(
        tmp_path / "lib", target_is_directory=True
    )
    (tmp_path / "lib" / "self").symlink_to(".", target_is_directory=True)
    found = discover([tmp_path / "lib"])
    assert found.files == [article]
    assert found.problems == []


def test_links_and_repeats_give_each_file_once(tmp_path: Path) -> None:
    real = _touch(tmp_path / "lib" / "a.txt")
    (tmp_path / "lib" / "z-link.txt").symlink_to(real)
    (tmp_path / "mirror").symlink_to(tmp_path / "lib", target_is_directory=True)
    found = discover([tmp_path / "mirror", tmp_path / "lib", real, tmp_path / "lib"])
    assert found.files == [real]


def test_a_directory_named_like_a_file_is_a_folder(tmp_path: Path) -> None:
    inside = _touch(tmp_path / "x.txt" / "inside.md")
    found = discover([tmp_path])
    assert found.files == [inside]
    assert discover([tmp_path / "x.txt"]).files == [inside]


def test_missing_paths_and_broken_links_are_problems(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    found = discover([tmp_path / "lib", tmp_path / "missing"])
    assert found.files == []
    assert found.problems == [
        Problem(tmp_path / "lib" / "gone.txt", "broken link"),
        Problem(tmp_path / "missing", "not found"),
    ]


def test_an_unreadable_folder_is_a_problem_the_rest_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = _touch(tmp_path / "good" / "a.txt")
    locked = tmp_path / "locked"
    _touch(locked / "secret.txt")
    real_scandir = os.scandir

    # chmod 000 does not stop root, so the refusal is simulated.
    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)  # the module files.py calls it through
    found = discover([tmp_path])
    assert found.files == [good]
    assert found.problems == [Problem(locked, "permission denied")]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any folder")
def test_a_chmod_000_folder_is_a_problem(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    _touch(locked / "secret.txt")
    locked.chmod(0)
    try:
        assert discover([tmp_path]).problems == [Problem(locked, "permission denied")]
    finally:
        locked.chmod(0o755)


def test_pipes_are_not_articles(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert discover([tmp_path]).files == []
    assert discover([fifo]).problems == [Problem(fifo, "not a regular file")]


def test_order_is_sorted_by_path(tmp_path: Path) -> None:
    names = ["b/z.txt", "a.txt", "b/a.md", "c.md", "a/b/c.txt"]
    for name in names:
        _touch(tmp_path / name)
    assert discover([tmp_path]).files == sorted(tmp_path / name for name in names)


def test_library_dir_from_the_environment_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wanted = tmp_path / "my" / "library"
    monkeypatch.setenv("READER_LIBRARY", str(wanted))
    assert default_library_dir() == wanted
    assert wanted.is_dir()


def test_default_library_dir_is_under_the_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("READER_LIBRARY", raising=False)
    monkeypatch.setattr(
        files, "user_data_dir", lambda *a, **k: str(tmp_path / "data" / "broadsheet")
    )
    folder = default_library_dir()
    assert folder == tmp_path / "data" / "broadsheet" / "articles"
    assert folder.is_dir()


# --- summaries ----------------------------------------------------------------------------


def _summary(published: str | None, file_time: float = 0.0) -> Summary:
    return Summary(Path("a.txt"), "H", None, None, published, file_time, 1, 1)


@pytest.mark.parametrize(
    "published",
    [
        "2026-03-02",
        "2026-03-02T09:30:00Z",
        "2026-03-02T09:30:00+01:00",
        "Mon, 02 Mar 2026 09:30:00 +0000",
        "2 March 2026",
        "Updated 2nd Mar. 2026, 14:05 GMT",
        "March 2, 2026",
        "Published 2026/03/02 at noon",
        "Publié le 2 mars 2026 à 18h12, mis à jour à 19h05",
        "2. März 2026",
        "2 de marzo de 2026",
        "Pubblicato il 2 marzo 2026",
        "2026年3月2日 08:30",
    ],
)
def test_published_dates_show_as_iso(published: str) -> None:
    assert _summary(published).date_label == "2026-03-02"


def test_free_text_published_is_shown_cut_to_fit() -> None:
    assert _summary("Yesterday afternoon").date_label == "Yesterday…"
    assert _summary("Spring").date_label == "Spring"
    assert parse_date("no date here") is None
    assert parse_date("Sold out 2026") is None  # a month-like word needs a day beside it


def test_without_a_published_date_the_file_date_shows_in_local_time() -> None:
    stamp = time.mktime((2025, 12, 31, 23, 30, 0, 0, 0, -1))
    assert _summary(None, stamp).date_label == "2025-12-31"
    assert _summary("   ", stamp).date_label == "2025-12-31"


def test_summarize_takes_the_article_fields() -> None:
    article = Article(
        headline="Night bus returns",
        section="Transport",
        source="Chengwan Evening",
        published="2026-11-18",
        blocks=(Block("paragraph", "word " * 460),),
    )
    summary = summarize(Path("x.md"), article, 123.0)
    assert summary == Summary(
        Path("x.md"),
        "Night bus returns",
        "Transport",
        "Chengwan Evening",
        "2026-11-18",
        123.0,
        article.words,
        2,
    )
    assert summary.words == 463


def test_links_out_of_the_library_are_not_followed(tmp_path: Path) -> None:
    outside = _touch(tmp_path / "elsewhere" / "passwd.txt", "root:x:0:0\n")
    library = tmp_path / "lib"
    article = _touch(library / "a.txt")
    shared = _touch(tmp_path / "shared" / "b.md")
    (library / "etc").symlink_to(outside.parent, target_is_directory=True)
    (library / "passwd.txt").symlink_to(outside)
    (library / "inside").symlink_to(library / "sub", target_is_directory=True)
    inner = _touch(library / "sub" / "c.txt")
    (library / "alias.md").symlink_to(inner)
    (library / "to-shared").symlink_to(shared.parent, target_is_directory=True)
    found = discover([library])
    assert found.files == [article, library / "alias.md"]
    assert found.problems == [
        Problem(library / "etc", files.OUTSIDE_LINK),
        Problem(library / "passwd.txt", files.OUTSIDE_LINK),
        Problem(library / "to-shared", files.OUTSIDE_LINK),
    ]
    # A folder the user names is a library folder too, so links into it are followed.
    both = discover([library, shared.parent])
    assert shared in both.files or library / "to-shared" / "b.md" in both.files
    assert Problem(library / "to-shared", files.OUTSIDE_LINK) not in both.problems
    assert not any(path.name == "passwd.txt" for path in both.files)
