"""Shared test set-up: colour on, animations off, and the UI test helpers."""

from __future__ import annotations

import os

# Tests see colour and never wait on animations. (pytest-textual-snapshot imports Textual
# before this file runs, so the UI tests also set `app.animation_level = "none"`.)
os.environ.pop("NO_COLOR", None)
os.environ["TEXTUAL_ANIMATIONS"] = "none"
# Photos draw as half-blocks whatever terminal runs the tests.
os.environ["READER_IMAGE_PROTOCOL"] = "halfcell"

from collections.abc import Iterator
from pathlib import Path

import pytest
from http_server import http_server  # noqa: F401 (a fixture for the ingest tests)

UI_FIXTURES = Path(__file__).parent / "fixtures" / "ui"


@pytest.fixture
def ui_articles() -> Path:
    """A folder of three small articles written for the UI tests."""
    return UI_FIXTURES


@pytest.fixture(autouse=True)
def _no_stray_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Keep the user's environment out of the tests, and their state file untouched."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("READER_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    yield
