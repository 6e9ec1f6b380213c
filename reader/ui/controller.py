"""The base of the screen's invisible parts: each runs its own workers and posts messages up.

A controller is a widget with no looks (never displayed) so that it can own
thread workers and a message queue: the screen calls its methods, and it
answers with typed messages that bubble up to the screen. Every controller
reports its own failed workers, since Textual tells only a worker's owner.
"""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, WorkerState


def report_failed_worker(node: Widget, event: Worker.StateChanged) -> None:
    """Tell the user about a worker of `node` that failed (its error, in plain words)."""
    if event.state == WorkerState.ERROR:
        node.notify(
            f"{event.worker.name} failed: {event.worker.error!r}",
            title="Something went wrong",
            severity="error",
            markup=False,
        )


class StatusText(Message):
    """A controller's progress for the header, in words ("" when it has none to show)."""

    def __init__(self, text: str) -> None:
        """The header shows `text`."""
        super().__init__()
        self.text = text


class Controller(Widget):
    """A part of the screen that does work and draws nothing."""

    DEFAULT_CSS = """
    Controller { display: none; }
    """

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Tell the user about a worker that failed (its error, in plain words)."""
        report_failed_worker(self, event)
