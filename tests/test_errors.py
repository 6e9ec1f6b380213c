"""The one wording for an error nobody planned for, whichever layer meets it."""

from __future__ import annotations

from reader.errors import unexpected


def test_an_unexpected_error_names_its_type_and_text() -> None:
    assert unexpected(RuntimeError("parser bug")) == "unexpected error (RuntimeError: parser bug)"


def test_an_unexpected_error_without_text_names_its_type_alone() -> None:
    assert unexpected(ValueError()) == "unexpected error (ValueError)"


def test_the_text_is_the_error_as_str_not_its_repr() -> None:
    assert unexpected(KeyError("headline")) == "unexpected error (KeyError: 'headline')"
    assert unexpected(OSError(5, "Input/output error")) == (
        "unexpected error (OSError: [Errno 5] Input/output error)"
    )
