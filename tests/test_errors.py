"""The one wording for an error nobody planned for, and the one way a command complains."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli.output import complain, fail
from reader.errors import unexpected
from reader.formats import ArticleError


def test_an_unexpected_error_names_its_type_and_text() -> None:
    assert unexpected(RuntimeError("parser bug")) == "unexpected error (RuntimeError: parser bug)"


def test_an_unexpected_error_without_text_names_its_type_alone() -> None:
    assert unexpected(ValueError()) == "unexpected error (ValueError)"


def test_the_text_is_the_error_as_str_not_its_repr() -> None:
    assert unexpected(KeyError("headline")) == "unexpected error (KeyError: 'headline')"
    assert unexpected(OSError(5, "Input/output error")) == (
        "unexpected error (OSError: [Errno 5] Input/output error)"
    )


def test_fail_says_where_and_why_on_stderr_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        fail(Path("notes/a.md"), ArticleError("empty file"))
    assert exited.value.code == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", "reader: notes/a.md: empty file\n")


def test_complain_without_a_place_is_the_reason_alone(capsys: pytest.CaptureFixture[str]) -> None:
    complain("no feeds yet")
    assert capsys.readouterr().err == "reader: no feeds yet\n"


def test_hostile_text_in_a_complaint_is_written_out_not_sent(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        fail("\x1b]0;x\x07.md", "bad\u202etext")
    assert capsys.readouterr().err == "reader: \\e]0;x\\x07.md: bad\\u202etext\n"
