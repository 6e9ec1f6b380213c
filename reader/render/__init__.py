"""Article to Rich renderables, shared by the TUI and `reader show`. Never imports Textual."""
