"""Small dialogs: a yes/no question and a pick-one list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True for yes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: auto; max-width: 60; height: auto;
        border: thick $primary; background: $panel; padding: 1 2;
    }
    ConfirmScreen Horizontal { height: auto; width: auto; margin-top: 1; }
    ConfirmScreen Button { margin-right: 2; }
    """

    def __init__(self, question: str) -> None:
        """A dialog asking `question` (plain text, never markup)."""
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        """The question, then Yes and No."""
        with Vertical():
            yield Label(self.question, markup=False, id="question")
            with Horizontal():
                yield Button("Yes (y)", id="yes", variant="primary")
                yield Button("No (n)", id="no")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Close with `answer`."""
        self.dismiss(answer)


class PickScreen(ModalScreen[str | None]):
    """Pick one of a list of choices; dismisses with its id, or None on Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="pick.cancel"),
    ]

    DEFAULT_CSS = """
    PickScreen { align: center middle; }
    PickScreen > Vertical {
        width: 60; max-width: 90%; height: auto; max-height: 80%;
        border: thick $primary; background: $panel; padding: 0 1;
    }
    PickScreen OptionList { height: auto; max-height: 20; }
    """

    def __init__(self, title: str, choices: Sequence[tuple[str, str]]) -> None:
        """A list titled `title` of (id, label) `choices`."""
        super().__init__()
        self.title_text = title
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        """The title and the choices."""
        with Vertical():
            yield Label(self.title_text, markup=False)
            yield OptionList(*(Option(Text(label), id=key) for key, label in self.choices))

    def on_mount(self) -> None:
        """Focus the choices."""
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without a choice."""
        self.dismiss(None)
