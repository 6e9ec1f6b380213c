"""How every layer words an error it did not plan for: a bug, not a bad file or a dead feed.

The reason keeps the error's type and text on one line, so a user can report it; the
command line and the reader show it where they would show any other reason.
"""

from __future__ import annotations

DEBUG_ENV = "READER_DEBUG"
"""When set, an unexpected error raises with its traceback instead of becoming a reason."""


def unexpected(error: BaseException) -> str:
    """`unexpected error (ValueError: the text)`, or `unexpected error (ValueError)` when the
    error has no text."""
    text = str(error)
    name = type(error).__name__
    return f"unexpected error ({name}: {text})" if text else f"unexpected error ({name})"
