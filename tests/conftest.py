"""Shared test set-up: colour on, animations off, snapshot folders and the UI fixtures."""

from __future__ import annotations

import os

# Tests see colour and never wait on animations. (pytest-textual-snapshot imports Textual
# before this file runs, so `ui_helpers.make_app` also sets `app.animation_level`.)
os.environ.pop("NO_COLOR", None)
os.environ["TEXTUAL_ANIMATIONS"] = "none"
# Photos draw as half-blocks whatever terminal runs the tests.
os.environ["READER_IMAGE_PROTOCOL"] = "halfcell"

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import pytest_textual_snapshot
from http_server import http_server  # noqa: F401 (a fixture for the ingest tests)
from syrupy.location import PyTestLocation
from ui_helpers import UI_FIXTURES, RunBefore, SnapshotMatches, make_app

if TYPE_CHECKING:
    # pytest-textual-snapshot ships no types; its SVG extension adds only SVG clean-up
    # to this typed syrupy base, so the checker sees the base.
    from syrupy.extensions.single_file import SingleFileSnapshotExtension as SVGImageExtension
else:
    from pytest_textual_snapshot import SVGImageExtension

SNAPSHOT_LIBRARY_DIR = Path("/home/reader/.local/share/broadsheet")
"""The library folder the snapshots name: the same on every machine."""


class SnapshotsFolder(SVGImageExtension):
    """Keep the snapshot SVGs in tests/snapshots/<module>/ rather than __snapshots__."""

    @classmethod
    def dirname(cls, *, test_location: PyTestLocation) -> str:
        return str(Path(test_location.filepath).parent / "snapshots" / test_location.basename)


# `snap_compare` looks the extension up on the module each time it runs.
pytest_textual_snapshot.SVGImageExtension = SnapshotsFolder


@pytest.fixture
def snapshot_matches(snap_compare: Callable[..., bool]) -> SnapshotMatches:
    """`snapshot_matches(folder, size, run_before)`: whether the reader on `folder`, in a
    terminal of `size`, looks as the test's saved SVG does once `run_before` has run."""

    def matches(folder: Path, size: tuple[int, int], run_before: RunBefore) -> bool:
        app = make_app(folder, library_dir=SNAPSHOT_LIBRARY_DIR)
        return snap_compare(app, terminal_size=size, run_before=run_before)

    return matches


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
