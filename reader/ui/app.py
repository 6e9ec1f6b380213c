"""The Broadsheet Textual app: it only sets up the reader's screen.

Everything the reader does lives on `ReaderScreen` and the parts it
composes; the app holds the stylesheet, the breakpoints and the themes
(`reader.ui.theme_choice`), shows every notification as plain text, adds
the reader's entries to the command palette, and remembers the reader's
places when it quits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen

from reader.formats.text import shown_lines
from reader.ui.palette import reader_commands
from reader.ui.reader_screen import ReaderScreen
from reader.ui.reading_panes import WIDE_MIN_COLUMNS
from reader.ui.theme_choice import ThemeMemory, register_reading_themes
from reader.ui.theme_colors import reader_variables


class BroadsheetApp(App[None]):
    """The reader: the article list and the article, keyboard first."""

    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "Broadsheet"
    # Unannotated: Textual types this as `ClassVar[...] | None`, which mypy will not let a
    # subclass re-annotate.
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-narrow"),
        (WIDE_MIN_COLUMNS, "-wide"),
    ]
    BINDING_GROUP_TITLE = "Broadsheet"

    def __init__(self, paths: Sequence[Path], *, library_dir: Path | None = None) -> None:
        """Open the reader on `paths` (files and folders); `library_dir` is shown as the
        place to add articles when no article is found."""
        super().__init__()
        self._paths = list(paths)
        self._library_dir = library_dir
        self._main: ReaderScreen | None = None
        register_reading_themes(self)
        self.theme_memory = ThemeMemory(self)
        """The theme in force: the config's, or the one last chosen in the palette."""

    @property
    def main_screen(self) -> ReaderScreen:
        """The reader's screen (under any dialog open on top of it)."""
        if self._main is None:
            raise RuntimeError("the reader's screen exists once the app runs")
        return self._main

    def get_default_screen(self) -> Screen[None]:
        """The reader's screen, on the paths the app was opened on."""
        self._main = ReaderScreen(self._paths, library_dir=self._library_dir)
        return self._main

    def on_mount(self) -> None:
        """Put the theme last chosen in force (the state store opens with the screen)."""
        self.theme_memory.restore(self.main_screen.keeper)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """The reader's `$reader-*` colours for a theme that does not set them."""
        return reader_variables(self.current_theme)

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
        library errors in it go through `shown_lines`, and nothing is read as markup."""
        super().notify(
            shown_lines(message),
            title=shown_lines(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette: Textual's commands and the reader's own."""
        yield from super().get_system_commands(screen)
        if self._main is not None:
            yield from reader_commands(self._main)

    async def action_quit(self) -> None:
        """Remember the place in the article and the selected article, then quit."""
        if self._main is not None:
            self._main.remember_places()
        await super().action_quit()
