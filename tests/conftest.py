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


# --- Temporary stand-in while render is being written. ---------------------------
# Used only while render_article raises NotImplementedError; removed once it lands.


def _render_missing() -> bool:
    from reader.model import Article
    from reader.render.article import render_article

    try:
        render_article(Article(headline="probe"), 40)
    except NotImplementedError:
        return True
    return False


def _fake_render(article, width=80):  # type: ignore[no-untyped-def]
    from rich.console import Group
    from rich.text import Text

    return Group(
        Text(article.headline, style="bold"), *(Text(b.text + "\n") for b in article.blocks)
    )


@pytest.fixture(autouse=True)
def _fakes(monkeypatch: pytest.MonkeyPatch) -> None:
    if _render_missing():
        from reader.ui import typeset

        monkeypatch.setattr(typeset, "render_article", _fake_render)
