"""The `reader` command: `main` is the click group the console script runs."""

from reader.cli.group import main

__all__ = ["main"]
