"""The `reader` command: the TUI by default, and `show`, `parse` and `list` subcommands.

    reader [PATH ...]            open the reader on files and folders (default: the library)
    reader show PATH [--width N] print the typeset article
    reader parse --json PATH     print the parsed article as one JSON object
    reader parse --lines PATH    print each line of the file with its role and score
    reader list [PATH ...]       a table of the articles; unreadable files on stderr
    reader index [PATH ...]      build or refresh the library index (--rebuild)
    reader search QUERY [PATH ...] [--json]  print the matching articles

Any first argument that is not a subcommand is a path for the TUI, so
`reader articles/` opens the reader; `reader -- show` opens a file named
"show". Textual is imported only when the TUI starts, so the other commands
start fast and work where Textual cannot.
"""

from __future__ import annotations

import importlib

import click

from reader import __version__
from reader.cli.open_reader import DEFAULT_COMMAND

COMMANDS = {
    DEFAULT_COMMAND: "reader.cli.open_reader:open_command",
    "parse": "reader.cli.articles:parse_command",
    "show": "reader.cli.articles:show_command",
    "list": "reader.cli.articles:list_command",
    "state": "reader.cli.state:state_group",
    "index": "reader.cli.index:index_command",
    "search": "reader.cli.index:search_command",
    "add": "reader.cli.add:add_command",
    "feed": "reader.cli.feed:feed_group",
    "fetch": "reader.cli.feed:fetch_command",
}
"""Each subcommand's name and where it lives: a module is imported only when its
command runs (or `--help` lists them), so `reader show` never pays for the feeds."""


class ReaderGroup(click.Group):
    """A group whose default command is `open`: any other first argument is a path."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every subcommand name, sorted as click lists them."""
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import the named subcommand's module, or None for an unknown name."""
        where = COMMANDS.get(cmd_name)
        if where is None:
            return None
        module_name, attribute = where.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Put the default command in front unless a subcommand or a group option leads."""
        if not args or not self._leads_itself(args[0]):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)

    def _leads_itself(self, first: str) -> bool:
        """True when `first` is a subcommand name or one of the group's own options."""
        if first in COMMANDS:
            return True
        return first in ("--help", "--version")

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        """Usage shows both forms: paths for the reader, or a subcommand."""
        return ["[PATH]...", "|", "COMMAND [ARGS]..."]


@click.group(
    "reader",
    cls=ReaderGroup,
    context_settings={"help_option_names": ["--help"]},
    epilog="Run `reader COMMAND --help` for a command's options.",
)
@click.version_option(__version__, "--version", prog_name="reader")
def main() -> None:
    """Broadsheet, a terminal news reader.

    `reader [PATH]...` opens the reader on the given files and folders
    (folders are read recursively), or on the library folder when no path
    is given. The commands below print articles instead.
    """
