"""Every private API of another library that the reader uses, checked by name.

Each is used in one place only, where nothing public does the job (the comment there
says why). When an upgrade renames or changes one, the test here fails with a message
that names it and that place, rather than a photo quietly coming out the wrong size.
"""

from __future__ import annotations

import importlib
import inspect
from importlib.metadata import version

import pytest

from reader.ui import photo


def _private(module: str, name: str, used_in: str) -> object:
    """`module.name`, or a failure saying the library no longer has it."""
    package = module.split(".")[0].replace("_", "-")
    where = f"{module}.{name} (used by {used_in})"
    try:
        found = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as error:
        pytest.fail(f"{package} {version(package)} no longer has {where}: {error}")
    return found


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
