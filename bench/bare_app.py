"""The reference app for bench/library_bench.py: a bare Textual app showing one label.

    python bench/bare_app.py

Shows "Bare app ready". End, Enter and n rewrite the label ("End pressed 3"),
so the benchmark can time a key press to the screen update on an app that
does nothing else: the floor of what tmux, the terminal and Textual cost.
q quits.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Label

READY = "Bare app ready"


class BareApp(App[None]):
    """One label; End, Enter and n change it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("end", "pressed('End')"),
        Binding("enter", "pressed('Enter')"),
        Binding("n", "pressed('n')"),
        Binding("q", "quit"),
    ]

    def __init__(self) -> None:
        """No key pressed yet."""
        super().__init__()
        self.presses = 0

    def compose(self) -> ComposeResult:
        """The one label."""
        yield Label(READY, id="label")

    def action_pressed(self, key: str) -> None:
        """Show which key was pressed, and how many presses so far."""
        self.presses += 1
        self.query_one("#label", Label).update(f"{key} pressed {self.presses}")


if __name__ == "__main__":
    BareApp().run()
