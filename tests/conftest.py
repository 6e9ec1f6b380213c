"""Shared test set-up: colour on, animations off, and the UI test helpers."""

from __future__ import annotations

import os

# Before Textual is imported anywhere: tests see colour and never wait on animations.
os.environ.pop("NO_COLOR", None)
os.environ["TEXTUAL_ANIMATIONS"] = "none"

from collections.abc import Iterator
from pathlib import Path

import pytest

UI_FIXTURES = Path(__file__).parent / "fixtures" / "ui"


@pytest.fixture
def ui_articles() -> Path:
    """A folder of three small articles written for the UI tests."""
    return UI_FIXTURES


@pytest.fixture(autouse=True)
def _no_stray_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep the user's environment out of the tests."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield


# --- Temporary stand-ins while formats/library/render are being written. ---------
# Removed once those layers land; the UI tests then run on the real code.

USE_FAKES = True


def _fake_read_article(path: Path):  # type: ignore[no-untyped-def]
    from reader.formats import ArticleError
    from reader.model import Article, Block

    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(error.strerror or str(error)) from error
    if not data.strip():
        raise ArticleError("the file is empty")
    if b"\0" in data:
        raise ArticleError("binary file, not text")
    lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line and line != "---" and ":" not in line[:12]]
    return Article(headline=lines[0], blocks=tuple(Block("paragraph", t) for t in lines[1:]))


def _fake_discover(paths):  # type: ignore[no-untyped-def]
    from reader.library.files import Discovery, Problem

    found = Discovery()
    for path in paths:
        if path.is_dir():
            found.files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".txt", ".md")))
        elif path.exists():
            found.files.append(path)
        else:
            found.problems.append(Problem(path, "no such file or folder"))
    return found


def _fake_summarize(path, article, file_time):  # type: ignore[no-untyped-def]
    from reader.library.summary import Summary

    return Summary(path, article.headline, article.section, article.source, None, file_time, 100, 1)


def _fake_render(article, width=80):  # type: ignore[no-untyped-def]
    from rich.console import Group
    from rich.text import Text

    return Group(
        Text(article.headline, style="bold"), *(Text(b.text + "\n") for b in article.blocks)
    )


@pytest.fixture(autouse=True)
def _fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    if not USE_FAKES:
        return
    from reader.library.summary import Summary
    from reader.ui import loading, typeset

    monkeypatch.setattr(loading, "read_article", _fake_read_article)
    monkeypatch.setattr(loading, "discover", _fake_discover)
    monkeypatch.setattr(loading, "summarize", _fake_summarize)
    monkeypatch.setattr(typeset, "render_article", _fake_render)
    monkeypatch.setattr(Summary, "date_label", property(lambda self: "2026-05-02"))
