"""Every private API of another library that the reader uses, checked by name.

Each is used in one place only, where nothing public does the job (the comment there
says why). When an upgrade renames or changes one, the test here fails with a message
that names it and that place, rather than a photo quietly coming out the wrong size.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
from collections.abc import Iterator
from importlib.metadata import version

import pytest

from reader.ui import photo
from reader.ui.image_protocol import PROTOCOL_ENV
from reader.ui.textual_image_loader import load_textual_image

LOADER = "reader/ui/textual_image_loader.py"


def _private(module: str, name: str, used_in: str) -> object:
    """`module.name`, or a failure saying the library no longer has it."""
    package = module.split(".")[0].replace("_", "-")
    where = f"{module}.{name} (used by {used_in})"
    try:
        found = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as error:
        pytest.fail(f"{package} {version(package)} no longer has {where}: {error}")
    return found


@pytest.fixture(autouse=True, scope="module")
def _loaded_as_the_reader_loads_it() -> Iterator[None]:
    """textual-image imported the reader's way first, so that importing it here never asks
    a terminal (`pytest -s` on one); a renamed API then fails below, by name."""
    with contextlib.suppress(Exception):
        load_textual_image()
    yield


def test_textual_image_cell_size_is_the_one_its_photos_are_sized_by(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    used_in = "reader/ui/photo.py cell_size()"
    get_cell_size = _private("textual_image._terminal", "get_cell_size", used_in)
    assert callable(get_cell_size) and not inspect.signature(get_cell_size).parameters, (
        f"textual_image._terminal.get_cell_size changed its signature; fix {used_in}"
    )
    for renderable in ("tgp", "sixel"):
        sized_by = _private(f"textual_image.renderable.{renderable}", "get_cell_size", used_in)
        assert sized_by is get_cell_size, (
            f"textual-image no longer sizes {renderable} photos by _terminal.get_cell_size; "
            f"{used_in} must follow what it uses now"
        )
    cell = get_cell_size()
    width, height = getattr(cell, "width", None), getattr(cell, "height", None)
    assert isinstance(width, int) and isinstance(height, int), (
        f"textual_image._terminal.get_cell_size() returned {cell!r}, not a width and height "
        f"in pixels; fix {used_in}"
    )
    monkeypatch.setenv(PROTOCOL_ENV, "kitty")  # the pixel protocols use the real cell
    assert photo.cell_size() == (max(1, width), max(1, height))


def test_textual_image_caches_the_cell_size_where_the_loader_sets_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    used_in = f"{LOADER} _hand_over()"
    get_cell_size = _private("textual_image._terminal", "get_cell_size", used_in)
    cell_size = _private("textual_image._terminal", "CellSize", used_in)
    assert getattr(cell_size, "_fields", None) == ("width", "height"), (
        f"textual_image._terminal.CellSize is no longer (width, height); fix {used_in}"
    )
    assert callable(cell_size)
    monkeypatch.setattr(get_cell_size, "_result", cell_size(7, 13), raising=False)
    assert callable(get_cell_size)
    assert get_cell_size() == (7, 13), (
        "textual_image._terminal.get_cell_size no longer answers from its _result attribute, "
        f"so it would ask the terminal itself, under Textual; fix {used_in}"
    )


@pytest.mark.parametrize("submodule", ["sixel", "tgp"])
def test_textual_image_asks_the_terminal_only_through_the_functions_the_loader_replaces(
    submodule: str,
) -> None:
    used_in = f"{LOADER} _answer_queries()"
    module = f"textual_image.renderable.{submodule}"
    query = _private(module, "query_terminal_support", used_in)
    assert callable(query) and not inspect.signature(query).parameters, (
        f"{module}.query_terminal_support changed its signature; fix {used_in}"
    )
    package = inspect.getsource(importlib.import_module("textual_image.renderable"))
    assert f"{submodule}.query_terminal_support()" in package, (
        f"textual_image.renderable no longer picks its Image by calling "
        f"{submodule}.query_terminal_support(), so it may ask the terminal itself; fix {used_in}"
    )
