"""Import `textual-image` with the terminal's answers already given, so it asks nothing.

Imported as it comes, `textual-image` asks the terminal itself, a question
at a time, each waiting for its answer: `textual_image.renderable` picks its
`Image` by calling `sixel.query_terminal_support()` (DA1) and
`tgp.query_terminal_support()` (a Kitty graphics query), and
`textual_image.widget` calls `_terminal.get_cell_size()`, which asks for the
cell size unless its cache, the function's `_result` attribute, is set.
Asked once Textual runs, the answers would reach Textual's keyboard reader
as keys. `load_textual_image()` gives it `terminal_probe.result()` instead:
it sets the cache, and replaces both query functions before the package's
`__init__` calls them (their modules are imported under the package made
but not yet run), so the package picks what the terminal said.

These are private APIs of the pinned textual-image;
tests/test_private_apis.py checks each by name.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import threading
from collections.abc import Callable
from types import ModuleType

from reader.ui import terminal_probe
from reader.ui.terminal_answers import Graphics

RENDERABLE = "textual_image.renderable"
WIDGET = "textual_image.widget"

QUERY = "query_terminal_support"
"""The function `textual_image.renderable` calls, on import, in its submodules `sixel`
(which asks DA1) and `tgp` (which asks about Kitty graphics)."""

DEFAULT_CELL = (10, 20)
"""The cell size textual-image assumes when nothing tells it (a VT340's)."""

_lock = threading.Lock()
_handed_over = False


def load_textual_image() -> ModuleType:
    """`textual_image.widget`, imported (once) with the terminal's answers handed to it.

    Safe from any thread; waits for the terminal's answers if they are still
    coming (see `terminal_probe.result`).
    """
    global _handed_over
    with _lock:
        if not _handed_over:
            _hand_over(terminal_probe.result())
            _handed_over = True
        return importlib.import_module(WIDGET)


def cell_or_default(cell: tuple[int, int] | None) -> tuple[int, int]:
    """`cell`, else what textual-image falls back to: the cell size textual-serve puts
    in TEXTUAL_CELL_WIDTH and TEXTUAL_CELL_HEIGHT, else DEFAULT_CELL."""
    if cell is not None:
        return cell
    width = os.environ.get("TEXTUAL_CELL_WIDTH", "")
    height = os.environ.get("TEXTUAL_CELL_HEIGHT", "")
    if width.isdigit() and height.isdigit() and int(width) and int(height):
        return int(width), int(height)
    return DEFAULT_CELL


def _hand_over(graphics: Graphics) -> None:
    from textual_image import _terminal

    cell = _terminal.CellSize(*cell_or_default(graphics.cell))
    setattr(_terminal.get_cell_size, "_result", cell)  # noqa: B010 (a function's attribute)
    if RENDERABLE in sys.modules:
        # Imported already, by something else: its pick is made, but later calls get ours.
        _answer_queries(graphics)
        return
    spec = importlib.util.find_spec(RENDERABLE)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot find {RENDERABLE}", name=RENDERABLE)
    package = importlib.util.module_from_spec(spec)
    sys.modules[RENDERABLE] = package
    try:
        _answer_queries(graphics)
        spec.loader.exec_module(package)
    except BaseException:
        # No half-made package left behind for a later import to find.
        for name in [name for name in sys.modules if f"{name}.".startswith(f"{RENDERABLE}.")]:
            del sys.modules[name]
        raise
    import textual_image

    # What the import system does for a submodule it imports itself.
    setattr(textual_image, "renderable", package)  # noqa: B010


def _answer_queries(graphics: Graphics) -> None:
    for submodule, answer in (("sixel", graphics.sixel), ("tgp", graphics.kitty)):
        module = importlib.import_module(f"{RENDERABLE}.{submodule}")
        # Loud rather than silent: a name no longer there would let it ask the terminal.
        if not callable(getattr(module, QUERY, None)):
            raise AttributeError(
                f"{module.__name__} has no {QUERY} to replace "
                "(reader/ui/textual_image_loader.py; see tests/test_private_apis.py)"
            )
        setattr(module, QUERY, _answering(answer))


def _answering(answer: bool) -> Callable[[], bool]:
    def query_terminal_support() -> bool:
        """The terminal's answer, as `terminal_probe` received it (asks nothing)."""
        return answer

    return query_terminal_support
