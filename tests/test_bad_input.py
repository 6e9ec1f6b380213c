"""Bad input: every kind of file a library may hold is read safely or refused in plain words.

Capture (.txt) tests either use a simple stand-in parser (to check what this
layer hands the parser and does with its result) or the real parser with
assertions any reasonable parser meets (no crash, text kept, nothing unsafe).
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import reader.formats.capture as capture
from reader.formats import MAX_BYTES, ArticleError, parse_bytes, read_article, truncation_note
from reader.library.files import discover
from reader.model import Article, Block

# Anything a terminal could act on: C0 (but newline), DEL, C1, bidi overrides and isolates.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

CAPTURE = """\
World

Harbour ferry returns to Gullhaven after a long winter ashore

The Saltmarsh Belle left the quay at seven on Monday, its horn loud over the water.

Regular passengers said they had missed the crossing more than they expected.

The operator said crossings would run hourly until dusk for the rest of the season.
"""


def _strings(article: Article) -> Iterator[str]:
    """Every piece of text an article carries."""
    yield article.headline
    yield from article.bullets
    yield from article.notes
    for value in (article.section, article.byline, article.published, article.source, article.url):
        if value is not None:
            yield value
    for block in article.blocks:
        yield block.text
        if block.credit is not None:
            yield block.credit


def _as_json(article: Article) -> str:
    return json.dumps(article.to_json(), ensure_ascii=False)


def _assert_safe(article: Article) -> None:
    assert article.headline.strip()
    for text in _strings(article):
        assert not UNSAFE.search(text), repr(text)
        assert "\x1b" not in text


def _stand_in(text: str) -> Article:
    """A trivial capture parser: the first line is the headline, the rest paragraphs."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return Article(headline=lines[0], blocks=tuple(Block("paragraph", line) for line in lines[1:]))


@pytest.fixture
def seen_by_parser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace the capture parser with the stand-in; collects the texts it was given."""
    texts: list[str] = []

    def parse(text: str) -> Article:
        texts.append(text)
        return _stand_in(text)

    monkeypatch.setattr(capture, "parse_capture", parse)
    return texts


# --- empty and binary ---------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@pytest.mark.parametrize("data", [b"", b"   \n\n\t\r\n  ", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_empty_files_are_refused(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(data)
    with pytest.raises(ArticleError, match=r"^empty file$"):
        read_article(path)


def test_a_file_of_only_escape_sequences_has_no_readable_text() -> None:
    with pytest.raises(ArticleError, match="no readable text"):
        parse_bytes(b"\x1b[2J\x1b]0;title\x07\n\x1b[0m\n", suffix=".txt")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"\x1f\x8b\x08\x00" + bytes(range(256)) * 40,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n\x00\x01\x02",
        bytes([1, 2, 3, 4, 5, 6, 65, 66]) * 500,
    ],
    ids=["png", "gzip", "pdf", "controls"],
)
def test_binary_files_are_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleError, match=r"^binary file, not text$"):
        read_article(path)


# --- encodings ------------------------------------------------------------------------------


def test_windows_1252_markdown_is_decoded_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "cafe.md"
    path.write_bytes("# Le café “Au Port” rouvre\n\nPrix: 5 €.\n".encode("cp1252"))
    article = read_article(path)
    assert article.headline == "Le café “Au Port” rouvre"
    assert article.blocks == (Block("paragraph", "Prix: 5 €."),)
    assert any("Windows-1252" in note for note in article.notes)


def test_windows_1252_capture_is_decoded_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "cafe.txt"
    path.write_bytes(CAPTURE.replace("Gullhaven", "Gullhäven café").encode("cp1252"))
    article = read_article(path)
    _assert_safe(article)
    assert "Gullhäven café" in _as_json(article)
    assert any("Windows-1252" in note for note in article.notes)


def test_invalid_utf8_bytes_are_kept_as_characters(seen_by_parser: list[str]) -> None:
    data = "Naïve headline ".encode() + b"with a stray \x93quote\x94 and \xff\n\nBody.\n"
    article = parse_bytes(data, suffix=".txt")
    assert article.headline == "Naïve headline with a stray “quote” and ÿ"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_a_byte_order_mark(tmp_path: Path, codec: str) -> None:
    text = "---\ntitle: Night bus returns to Chengwan 夜间巴士\n---\nRoutes resume.\n"
    data = codecs.BOM_UTF16_BE + text.encode(codec) if codec == "utf-16-be" else text.encode(codec)
    path = tmp_path / "bus.md"
    path.write_bytes(data)
    article = read_article(path)
    assert article.headline == "Night bus returns to Chengwan 夜间巴士"
    assert article.notes == ()


def test_utf16_capture_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_bytes(CAPTURE.encode("utf-16"))
    article = read_article(path)
    _assert_safe(article)
    assert "Harbour ferry returns to Gullhaven" in _as_json(article)


# --- size -----------------------------------------------------------------------------------


def _write_big_capture(path: Path, size: int) -> None:
    paragraph = (
        "The council met again on Tuesday to discuss the harbour budget, and the "
        "debate ran long into the evening as members argued over every line. "
    ) * 3 + "\n\n"
    chunk = (paragraph * (1024 * 1024 // len(paragraph) + 1)).encode()
    with path.open("wb") as handle:
        handle.write(b"Local\n\nValdmoor council argues over the harbour budget\n\n")
        while handle.tell() < size:
            handle.write(chunk[: size - handle.tell()])


def test_a_50_mb_capture_is_capped_with_a_note(tmp_path: Path, seen_by_parser: list[str]) -> None:
    path = tmp_path / "huge.txt"
    _write_big_capture(path, 50 * 1024 * 1024)
    article = read_article(path)
    assert article.notes == ("This file is 50.0 MB; only the first 5 MB are shown.",)
    (text,) = seen_by_parser
    assert len(text.encode()) <= MAX_BYTES
    assert text.endswith("\n")  # cut at a line end, not mid-line
    assert article.headline == "Local"
    headline, *body = article.blocks
    assert headline.text == "Valdmoor council argues over the harbour budget"
    assert all(block.text.endswith("argued over every line.") for block in body)


def test_a_50_mb_capture_with_the_real_parser(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    _write_big_capture(path, 50 * 1024 * 1024)
    article = read_article(path)
    _assert_safe(article)
    assert truncation_note(50 * 1024 * 1024) in article.notes


def test_a_cut_never_splits_a_character(seen_by_parser: list[str]) -> None:
    line = ("é" * 1000 + "\n").encode()
    data = line * (MAX_BYTES // len(line) + 5)
    parse_bytes(data, suffix=".txt")
    (text,) = seen_by_parser
    assert text.endswith("é\n")
    assert "\ufffd" not in text and "Ã" not in text


def test_one_100000_character_line(tmp_path: Path) -> None:
    words = ("harbour " * 12_500).strip()
    assert len(words) == 99_999
    md = tmp_path / "line.md"
    md.write_text(words + "x", encoding="utf-8")
    article = read_article(md)
    assert len(article.blocks[0].text) == 100_000
    txt = tmp_path / "line.txt"
    txt.write_text(words + "x", encoding="utf-8")
    _assert_safe(read_article(txt))


def test_one_huge_line_over_the_cap_is_cut_not_refused(seen_by_parser: list[str]) -> None:
    data = b"word " * (MAX_BYTES // 5 + 1000)
    article = parse_bytes(data, suffix=".txt")
    assert article.headline.startswith("word word")
    assert len(seen_by_parser[0]) == MAX_BYTES


# --- line ends --------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_crlf_and_lone_cr_captures(newline: str, seen_by_parser: list[str]) -> None:
    parse_bytes(CAPTURE.replace("\n", newline).encode(), suffix=".txt")
    assert seen_by_parser == [CAPTURE]


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_crlf_and_lone_cr_with_the_real_parser(newline: str) -> None:
    article = parse_bytes(CAPTURE.replace("\n", newline).encode(), suffix=".txt")
    _assert_safe(article)
    assert "Harbour ferry returns to Gullhaven after a long winter ashore" in _as_json(article)


# --- escape sequences and control characters ---------------------------------------------------

DIRTY_CAPTURE = (
    "\x1b[1;31mWorld\x1b[0m\r\n\r\n"
    "\x1b]0;pwned title\x1b\\Harbour "
    "\x1b]8;;http://evil.example\x07ferry\x1b]8;;\x07 returns\x07\r\n\r\n"
    "The \x9b2Jferry\x00 left the quay\x08 at seven \u202egnirts\u202c on Monday morning.\r\n\r\n"
    "Passengers said \x1bPdevice control\x1b\\they had missed the crossing \x1b]52;c;Y2xpcA==\n"
    "The operator said crossings\x7f would run hourly until dusk this season.\n"
)


def test_escape_sequences_never_reach_the_parser(seen_by_parser: list[str]) -> None:
    article = parse_bytes(DIRTY_CAPTURE.encode(), suffix=".txt")
    (text,) = seen_by_parser
    assert "\x1b" not in text and not UNSAFE.search(text)
    assert article.headline == "World"
    assert article.blocks[0] == Block("paragraph", "Harbour ferry returns")
    assert article.blocks[1].text == "The ferry left the quay at seven gnirts on Monday morning."
    assert article.blocks[2].text == "Passengers said they had missed the crossing"


def test_escape_sequences_in_a_capture_with_the_real_parser() -> None:
    article = parse_bytes(DIRTY_CAPTURE.encode(), suffix=".txt")
    _assert_safe(article)
    assert "pwned" not in _as_json(article) and "evil.example" not in _as_json(article)


def test_escape_sequences_in_markdown_fields_and_body() -> None:
    text = (
        "---\n"
        "title: \x1b[5mBlinking\x1b[0m \x1b]0;owned\x07headline\n"
        "section: \x1b]8;;http://x\x1b\\News\x1b]8;;\x1b\\\n"
        "bullets:\n  - \x07Bell\x00 point\n  - \u202eevil\u202c point\n"
        'byline: "Mira\\x1b[2J Castell"\n'
        "published: 2026-03-02\x1b[K\n"
        "source: Courier\x9b31m\n"
        "url: https://example.com/\x1b]0;t\x07a\n"
        "---\n"
        "Body \x1b[31mred\x1b[0m text.\n\n"
        '![Cap\x1b[1mtion](x.jpg "Photo: \x1b]0;t\x07Ana")\n\n'
        "> Quo\x1b[4mted\n"
    )
    article = parse_bytes(text.encode(), suffix=".md")
    _assert_safe(article)
    assert article.headline == "Blinking headline"
    assert article.section == "News"
    assert article.bullets == ("Bell point", "evil point")
    assert article.published == "2026-03-02"
    assert article.source == "Courier"
    assert article.url == "https://example.com/a"
    assert article.blocks == (
        Block("paragraph", "Body red text."),
        Block("caption", "Caption", "Ana", "x.jpg"),
        Block("quote", "Quoted"),
    )


def test_the_file_name_fallback_is_sanitised_too() -> None:
    article = parse_bytes(b"Just a paragraph.\n", suffix=".md", stem="bad\x1b[2Jname\x07")
    assert article.headline == "badname"


# --- Rich markup is data -------------------------------------------------------------------------

MARKUP = "[bold red]Breaking[/bold red] ferry news [link=http://x]here[/link]"


def test_rich_markup_in_a_markdown_headline_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "markup.md"
    path.write_text(f"# {MARKUP}\n\nBody.\n", encoding="utf-8")
    assert read_article(path).headline == MARKUP


def test_rich_markup_in_a_capture_reaches_the_parser_as_written(seen_by_parser: list[str]) -> None:
    article = parse_bytes(f"{MARKUP}\n\nBody text.\n".encode(), suffix=".txt")
    assert article.headline == MARKUP


def test_rich_markup_in_a_capture_with_the_real_parser() -> None:
    article = parse_bytes(CAPTURE.replace("Harbour ferry", MARKUP).encode(), suffix=".txt")
    assert MARKUP in _as_json(article)


# --- files that cannot be read -------------------------------------------------------------------


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match=r"^file not found$"):
        read_article(tmp_path / "nope.txt")


def test_a_file_that_vanishes_between_listing_and_reading(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text(CAPTURE, encoding="utf-8")
    (found,) = discover([tmp_path]).files
    found.unlink()
    with pytest.raises(ArticleError, match=r"^file not found$"):
        read_article(found)


def test_a_folder_named_x_txt(tmp_path: Path) -> None:
    folder = tmp_path / "x.txt"
    folder.mkdir()
    assert discover([tmp_path]).files == []
    with pytest.raises(ArticleError, match=r"^is a folder, not a file$"):
        read_article(folder)


def test_a_pipe_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ArticleError, match=r"^not a regular file$"):
        read_article(fifo)  # opening a pipe would block forever


def _failing_open(monkeypatch: pytest.MonkeyPatch, target: Path, error: OSError) -> None:
    """Make opening `target` fail with `error`, as an unreadable file or a bad disk would."""
    real_open = Path.open

    def fake_open(self: Path, *args: object, **kwargs: object) -> object:
        if self == target:
            raise error
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", fake_open)


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(CAPTURE, encoding="utf-8")
    path.chmod(0)
    # Root reads any file whatever its mode, so the refusal is also simulated.
    _failing_open(monkeypatch, path, PermissionError(errno.EACCES, "Permission denied"))
    try:
        with pytest.raises(ArticleError, match=r"^permission denied$"):
            read_article(path)
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_a_chmod_000_file_really_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(CAPTURE, encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(ArticleError, match=r"^permission denied$"):
            read_article(path)
    finally:
        path.chmod(0o644)


def test_other_read_errors_give_their_own_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "disk.txt"
    path.write_text(CAPTURE, encoding="utf-8")
    _failing_open(monkeypatch, path, OSError(errno.EIO, "Input/output error"))
    with pytest.raises(ArticleError, match=r"^Input/output error$"):
        read_article(path)


def test_a_folder_with_a_loop_an_unreadable_file_and_a_dir_named_x_txt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = tmp_path / "lib"
    (lib / "x.txt").mkdir(parents=True)
    (lib / "loop").symlink_to(lib, target_is_directory=True)
    good = lib / "good.txt"
    good.write_text(CAPTURE, encoding="utf-8")
    locked = lib / "locked.txt"
    locked.write_text(CAPTURE, encoding="utf-8")
    _failing_open(monkeypatch, locked, PermissionError(errno.EACCES, "Permission denied"))
    found = discover([lib])
    assert found.files == [good, locked]
    assert found.problems == []
    assert "Gullhaven" in _as_json(read_article(good))
    with pytest.raises(ArticleError, match="permission denied"):
        read_article(locked)


# --- routing and headlines ---------------------------------------------------------------


def test_suffixes_route_to_the_right_parser(seen_by_parser: list[str]) -> None:
    assert parse_bytes(b"# Title\n\nBody.\n", suffix=".MD").format == "markdown"
    assert parse_bytes(b"# Title\n\nBody.\n", suffix=".markdown").format == "markdown"
    assert len(seen_by_parser) == 0
    for suffix in (".txt", ".log", ""):
        parse_bytes(b"Headline\n\nBody.\n", suffix=suffix)
    assert len(seen_by_parser) == 3


def test_a_headline_is_never_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(capture, "parse_capture", lambda text: Article(headline=" \n "))
    assert parse_bytes(b"text\n", suffix=".txt", stem="2026-05-09-lantern").headline == (
        "2026-05-09-lantern"
    )
    assert parse_bytes(b"text\n", suffix=".txt").headline == "Untitled"


def test_parser_output_is_sanitised_whatever_the_parser_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sloppy = Article(
        headline="Two\nlines\x1b[0m",
        section="  ",
        bullets=("ok", "\x07"),
        blocks=(Block("paragraph", "\x1b[2J"), Block("caption", "Cap", "\tAna  Ruiz")),
    )
    monkeypatch.setattr(capture, "parse_capture", lambda text: sloppy)
    article = parse_bytes(b"anything\n", suffix=".txt")
    assert article.headline == "Two lines"
    assert article.section is None
    assert article.bullets == ("ok",)
    assert article.blocks == (Block("caption", "Cap", "Ana Ruiz"),)


# --- nothing is modified -----------------------------------------------------------------


def test_no_file_is_ever_modified(tmp_path: Path, seen_by_parser: list[str]) -> None:
    samples = {
        "plain.txt": CAPTURE.encode(),
        "crlf.txt": CAPTURE.replace("\n", "\r\n").encode(),
        "cr.md": b"# Title\r\rBody\r",
        "cp1252.txt": CAPTURE.replace("ferry", "café").encode("cp1252"),
        "utf16.md": "# Title\n\nBody\n".encode("utf-16"),
        "bom.md": codecs.BOM_UTF8 + b"# Title\n",
        "dirty.txt": DIRTY_CAPTURE.encode(),
        "empty.txt": b"",
        "binary.txt": b"\x00\x01\x02" * 100,
        "x.txt/inner.md": b"# Inner\n",
    }
    for name, data in samples.items():
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)

    def snapshot() -> dict[str, tuple[bytes, int, int]]:
        return {
            name: (
                (tmp_path / name).read_bytes(),
                (tmp_path / name).stat().st_mtime_ns,
                (tmp_path / name).stat().st_mode,
            )
            for name in samples
        }

    before = snapshot()
    for path in discover([tmp_path]).files:
        with contextlib.suppress(ArticleError):
            read_article(path)
    assert snapshot() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["loop", "x.txt", *(name for name in samples if "/" not in name)]
    )
