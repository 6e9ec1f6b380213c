"""Ask the terminal what graphics it draws while the rest of the app is imported.

`textual-image` asks the terminal, when it is first imported, for its cell
size and whether it draws Sixel or Kitty graphics, and waits for each
answer (a tenth of a second or more in tmux). That must happen before
Textual starts reading the keyboard, but it need not happen before the app
is imported: `start()` runs the questions in a thread while the main thread
imports Textual and the reader, and `finish()` waits for them before the
app starts.

The thread imports only `textual-image`'s own modules: Pillow and Rich,
which the app's modules import too, are imported here first, on the main
thread, so the two threads never wait on each other's half-done imports.
"""

from __future__ import annotations

import threading

_probe: threading.Thread | None = None


def _ask_terminal() -> None:
    # Any failure here shows up, with its message, when the app imports the same module.
    try:
        from textual_image._terminal import get_cell_size

        get_cell_size()
        import textual_image.renderable  # noqa: F401 (detects Sixel and Kitty support)
    except Exception:
        return


def start() -> None:
    """Start asking the terminal, in a thread (once)."""
    global _probe
    if _probe is not None:
        return
    import PIL.Image  # noqa: F401
    import rich.color
    import rich.console
    import rich.control
    import rich.segment  # noqa: F401

    _probe = threading.Thread(target=_ask_terminal, name="terminal-probe", daemon=True)
    _probe.start()


def finish() -> None:
    """Wait until the terminal has answered (before Textual starts)."""
    if _probe is not None:
        _probe.join()
