"""The `?` help screen: every key binding, read from the live bindings.

Nothing here is a hand-written table: the keys come from the screen's active
bindings (so a remapped key shows as remapped) and, for the pane that is not
focused, from that pane's own bindings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

_TEXTUAL_SCREEN_KEYS = {(key, binding.action) for key, binding in BindingsMap(Screen.BINDINGS)}
"""The keys every Textual screen has."""


@dataclass(frozen=True, slots=True)
class KeyHelp:
    """One line of help: the keys that run an action, and what it does."""

    keys: tuple[str, ...]
    description: str


@dataclass(frozen=True, slots=True)
class KeyGroup:
    """The bindings of one part of the app ("Article list", "Article", ...)."""

    title: str
    keys: tuple[KeyHelp, ...]


def _title(node: DOMNode, binding: Binding) -> str:
    # Textual's own screen keys (focus, copy) keep a group of their own, as on a plain screen.
    if isinstance(node, Screen) and (binding.key, binding.action) in _TEXTUAL_SCREEN_KEYS:
        return "Screen"
    title = node.BINDING_GROUP_TITLE
    return title if title else type(node).__name__


def _describe(binding: Binding) -> str:
    text = binding.description or binding.tooltip or binding.action.replace("_", " ")
    return text[:1].upper() + text[1:]


def _group(app: App[object], title: str, bindings: Iterable[Binding]) -> KeyGroup:
    """Merge bindings that share an action (`down` and `j`) into one line each."""
    merged: dict[tuple[str, str], list[str]] = {}
    for binding in bindings:
        if binding.system:
            continue
        # One line per action: `q` and Textual's own `ctrl+q` both quit.
        key = (binding.action, _describe(binding))
        display = app.get_key_display(binding)
        if display not in merged.setdefault(key, []):
            merged[key].append(display)
    lines = tuple(KeyHelp(tuple(keys), description) for (_, description), keys in merged.items())
    return KeyGroup(title, lines)


def binding_groups(screen: Screen[Any], extra: Iterable[DOMNode] = ()) -> list[KeyGroup]:
    """The live key bindings of `screen`, grouped by the part of the app that owns them.

    `extra` names widgets listed first, in order (the panes): their live bindings
    when focused, else the bindings they declare. Nodes with the same group
    title (the reader's screen and the app) share one group.
    """
    live: dict[DOMNode, list[Binding]] = {}
    for active in screen.active_bindings.values():
        live.setdefault(active.node, []).append(active.binding)
    # The panes first, in a fixed order, so the help reads the same from either pane.
    by_node = {node: live.pop(node, []) or list(_bindings_of(node)) for node in extra}
    by_node.update(live)
    by_title: dict[str, list[Binding]] = {}
    for node, bindings in by_node.items():
        for binding in bindings:
            by_title.setdefault(_title(node, binding), []).append(binding)
    groups = [_group(screen.app, title, bindings) for title, bindings in by_title.items()]
    return [group for group in groups if group.keys]


def _bindings_of(node: DOMNode) -> Iterable[Binding]:
    """The bindings a widget declares (each key on its own)."""
    for _key, binding in BindingsMap(type(node).BINDINGS):
        yield binding


def _table(groups: Iterable[KeyGroup]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    for number, group in enumerate(groups):
        if number:
            table.add_row("", "")
        table.add_row(Text(""), Text(group.title, style="bold underline"))
        for line in group.keys:
            table.add_row(Text(" ".join(line.keys)), Text(line.description))
    return table


class HelpScreen(ModalScreen[None]):
    """A dialog listing the keys, closed with Escape, q or ?."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close"),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | escape, q, ? | Close the help. |
    """

    BINDING_GROUP_TITLE = "Help"

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        #help {
            width: 76;
            max-width: 95%;
            height: auto;
            max-height: 90%;
            border: round $accent;
            border-title-color: $accent;
            border-subtitle-color: $text-muted;
            background: $panel;
            padding: 1 2;
        }
        #help-keys { width: 100%; height: auto; }
    }
    """

    def __init__(self, groups: Iterable[KeyGroup]) -> None:
        """A help screen listing `groups` of keys."""
        super().__init__()
        self.groups = list(groups)
        """The key groups shown."""

    def compose(self) -> ComposeResult:
        """The key table in a scrolling box."""
        with VerticalScroll(id="help") as box:
            box.border_title = "Keys"
            box.border_subtitle = "escape / q / ? to close"
            yield Static(_table(self.groups), id="help-keys")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
