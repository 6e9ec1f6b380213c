"""The footer: the keys in force, one line, redrawn only when what it shows changes.

Textual's `Footer` rebuilds a widget per key each time the bindings may have
changed (every focus change, every article shown), and restyling those
widgets was a fixed cost of every key press. This bar is one widget that
draws one line of text: it reads the screen's active bindings when they
change, and repaints only if the keys to show differ. Entries that do not
fit the width are left out whole, from the end, so no word is ever cut; the
command palette's key stays at the right edge while there is room for it.
A click on an entry presses its key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True, slots=True)
class KeyEntry:
    """One entry of the bar: the key as shown, what it does, and the key to press."""

    display: str
    description: str
    key: str
    enabled: bool = True

    @property
    def key_text(self) -> str:
        """The key as drawn, a space each side (as Textual's footer draws it)."""
        return f" {self.display} "

    @property
    def description_text(self) -> str:
        """The description as drawn, a space after it."""
        return f"{self.description} "

    @property
    def width(self) -> int:
        """Cells the entry takes."""
        return cell_len(self.key_text) + cell_len(self.description_text)


def fit_entries(
    entries: list[KeyEntry], palette: KeyEntry | None, width: int
) -> tuple[list[KeyEntry], KeyEntry | None]:
    """The entries that fit `width` cells whole, in order, and the palette entry if it fits.

    The palette entry keeps its place at the right edge while the other
    entries leave room for it.
    """
    room = width
    if palette is not None and palette.width <= room:
        room -= palette.width
    else:
        palette = None
    shown: list[KeyEntry] = []
    for entry in entries:
        if entry.width > room:
            break
        shown.append(entry)
        room -= entry.width
    return shown, palette


class KeyBar(Widget):
    """The keys the focused part of the screen answers to, on one line."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}

    def __init__(self, *, id: str | None = None) -> None:
        """An empty bar until the screen's bindings are known."""
        super().__init__(id=id)
        self._entries: list[KeyEntry] = []
        self._palette: KeyEntry | None = None
        self._spans: list[tuple[int, int, str]] = []

    @property
    def entries(self) -> list[KeyEntry]:
        """Every entry the bindings ask to show (some may not fit the width)."""
        return list(self._entries)

    @property
    def shown(self) -> list[KeyEntry]:
        """The entries drawn at the bar's width, the palette's last if it is drawn."""
        shown, palette = fit_entries(self._entries, self._palette, self.size.width)
        return [*shown, palette] if palette is not None else shown

    def on_mount(self) -> None:
        """Follow the screen's bindings."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        """Stop following them."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        entries, palette = self._read_bindings(screen)
        if (entries, palette) != (self._entries, self._palette):
            self._entries, self._palette = entries, palette
            self.refresh()

    def _read_bindings(self, screen: Screen[object]) -> tuple[list[KeyEntry], KeyEntry | None]:
        app = self.app
        entries: list[KeyEntry] = []
        actions: set[str] = set()
        palette: KeyEntry | None = None
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = KeyEntry(app.get_key_display(binding), "palette", key)
                continue
            if not binding.show or binding.action in actions:
                continue  # one entry per action: the first key bound to it
            actions.add(binding.action)
            display = app.get_key_display(binding)
            entries.append(KeyEntry(display, binding.description, key, active.enabled))
        return entries, palette

    def render(self) -> RenderResult:
        """The entries that fit, and the palette's key at the right edge."""
        key_style = self.get_component_rich_style("key-bar--key")
        text_style = self.get_component_rich_style("key-bar--description")
        shown, palette = fit_entries(self._entries, self._palette, self.size.width)
        line = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for entry in shown:
            self._spans.append((line.cell_len, line.cell_len + entry.width, entry.key))
            dim = Style(dim=not entry.enabled)  # a key that does nothing just now
            line.append(entry.key_text, key_style + dim)
            line.append(entry.description_text, text_style + dim)
        if palette is not None:
            start = self.size.width - palette.width
            line.append(" " * max(0, start - line.cell_len))
            self._spans.append((start, start + palette.width, palette.key))
            line.append(palette.key_text, key_style)
            line.append(palette.description_text, text_style)
        return line

    def on_click(self, event: events.Click) -> None:
        """Press the key of the entry clicked."""
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
