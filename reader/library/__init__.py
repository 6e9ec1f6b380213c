"""The library: finding article files and summarising them. Never imports Textual."""
