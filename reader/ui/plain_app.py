"""The root of the reader's app: every notification shown as plain, harmless text.

Notifications carry text from outside (file names, URLs, feed titles,
library errors); here, below every part of the app, each goes through
`shown_lines` and is never read as markup, whichever part sends it.
"""

from __future__ import annotations

from textual.app import App
from textual.notifications import SeverityLevel

from reader.formats.text import shown_lines


class PlainApp(App[None]):
    """A Textual app whose notifications are always plain text."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification, shown as plain text: file names, URLs, feed titles and
        library errors in it go through `shown_text`, and nothing is read as markup."""
        super().notify(
            shown_lines(message),
            title=shown_lines(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )
