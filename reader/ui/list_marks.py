"""Read and starred marks, as the keys change them: `u`, `s`, `M`, and opening an article.

`ListMarks` writes each change through the state keeper and posts
`Changed` up, with how the library's unread count moved, so the screen
redraws the rows and the header's count.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message

from reader.library.summary import Summary
from reader.ui.controller import Controller
from reader.ui.dialogs import ConfirmScreen
from reader.ui.state_actions import StateKeeper


class ListMarks(Controller):
    """Marks articles read, unread, starred; asks before marking a whole list."""

    class Changed(Message):
        """Marks changed; the library's unread count moved by `unread_delta`."""

        def __init__(self, unread_delta: int) -> None:
            """`unread_delta` articles more (or, negative, fewer) are unread now."""
            super().__init__()
            self.unread_delta = unread_delta

    def __init__(self, keeper: StateKeeper) -> None:
        """Marks are kept by `keeper`."""
        super().__init__()
        self._keeper = keeper

    def toggle_read(self, summary: Summary) -> None:
        """Mark the article read or unread."""
        self._changed(-1 if self._keeper.toggle_read(summary) else 1)

    def toggle_starred(self, summary: Summary) -> None:
        """Star or unstar the article."""
        self._keeper.toggle_starred(summary)
        self._changed(0)

    def mark_read(self, summary: Summary) -> None:
        """Mark the article read (opening it does), if it is not already."""
        if not self._keeper.is_read(summary):
            self._keeper.set_read(summary)
            self._changed(-1)

    def mark_all_read(self, rows: Sequence[Summary]) -> None:
        """Mark every one of `rows` read, after asking."""
        rows = list(rows)
        if not rows:
            return
        noun = "article" if len(rows) == 1 else "articles"

        def answered(yes: bool | None) -> None:
            if yes:
                self._changed(-self._keeper.mark_all_read(rows))

        self.app.push_screen(ConfirmScreen(f"Mark {len(rows):,} {noun} read?"), answered)

    def _changed(self, unread_delta: int) -> None:
        self.post_message(self.Changed(unread_delta))
