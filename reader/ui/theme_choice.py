"""Which theme is in force: the one chosen in the palette, remembered, or the config's.

A theme picked in the command palette (ctrl+p, "Change theme") is kept in
the state store as `{"name": ..., "over": ...}`: the theme chosen and the
config's theme it was chosen over. At the next start the remembered theme
is used while the config still names that same theme (or none); once the
config names another one, the user has changed the file since, and the
config's theme wins. The config file is never written.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.theme import Theme

from reader.ui.reading_themes import READING_THEMES
from reader.ui.state_actions import StateKeeper

THEME_SETTING = "theme"
"""The state store setting that remembers the theme chosen in the app."""


def register_reading_themes(app: App[Any]) -> None:
    """Offer our own themes (`READING_THEMES`) beside Textual's."""
    for theme in READING_THEMES:
        app.register_theme(theme)


def unknown_theme_message(app: App[Any], name: str) -> str:
    """What the reader says about a theme name it does not know."""
    known = ", ".join(sorted(app.available_themes))
    return f"No theme is called {name!r}; keeping {app.theme!r}. The themes are: {known}."


class ThemeMemory:
    """Puts the config's theme or the remembered one in force, and remembers each choice."""

    def __init__(self, app: App[Any]) -> None:
        """Themes for `app`; nothing is remembered until `restore` gives a state keeper."""
        self._app = app
        self._keeper: StateKeeper | None = None
        self.configured: str | None = None
        """The theme the config names (a known one), or None."""

    def configure(self, name: str) -> bool:
        """Put the config's theme `name` in force (unless a choice made over it is
        remembered). An unknown name leaves the theme as it is, with a notice; False."""
        app = self._app
        if name not in app.available_themes:
            app.notify(unknown_theme_message(app, name), title="Theme", severity="warning")
            return False
        self.configured = name
        app.theme = self._remembered() or name
        return True

    def restore(self, keeper: StateKeeper) -> None:
        """Put the theme remembered in `keeper` in force (if it still holds), and remember
        every theme chosen from now on."""
        self._keeper = keeper
        remembered = self._remembered()
        if remembered is not None:
            self._app.theme = remembered
        self._app.theme_changed_signal.subscribe(self._app, self._chosen)

    def _remembered(self) -> str | None:
        """The theme chosen in the app, while the config names what it was chosen over."""
        if self._keeper is None:
            return None
        value = self._keeper.setting(THEME_SETTING)
        if not isinstance(value, dict) or value.get("over") != self.configured:
            return None
        name = value.get("name")
        return name if isinstance(name, str) and name in self._app.available_themes else None

    def _chosen(self, theme: Theme) -> None:
        if self._keeper is None:
            return
        value = {"name": theme.name, "over": self.configured}
        if self._keeper.setting(THEME_SETTING) != value:
            self._keeper.set_setting(THEME_SETTING, value)


def apply_theme(app: App[Any], name: str) -> bool:
    """Put the theme called `name` in force, as the config's `theme` (see `ThemeMemory`).

    For the reader's app (it has a `theme_memory`) a choice made in the
    palette over the same config theme is kept; for any app the theme is
    simply set. An unknown name keeps the theme in force and shows a notice
    naming the themes there are; returns False then.
    """
    memory = getattr(app, "theme_memory", None)
    if isinstance(memory, ThemeMemory):
        return memory.configure(name)
    if name not in app.available_themes:
        app.notify(unknown_theme_message(app, name), title="Theme", severity="warning")
        return False
    app.theme = name
    return True
