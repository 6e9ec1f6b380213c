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

import click

from reader import __version__
from reader.cli.add import add_command
from reader.cli.articles import (
    DEFAULT_COMMAND,
    list_command,
    open_command,
    parse_command,
    show_command,
)
from reader.cli.feed import feed_group, fetch_command
from reader.cli.index import index_command, search_command
from reader.cli.state import state_group


class ReaderGroup(click.Group):
    """A group whose default command is `open`: any other first argument is a path."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Put the default command in front unless a subcommand or a group option leads."""
        if not args or not self._leads_itself(args[0]):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)

    def _leads_itself(self, first: str) -> bool:
        """True when `first` is a subcommand name or one of the group's own options."""
        if first in self.commands:
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


main.add_command(open_command)
main.add_command(parse_command)
main.add_command(show_command)
main.add_command(list_command)
main.add_command(state_group)
main.add_command(index_command)
main.add_command(search_command)
main.add_command(add_command)
main.add_command(feed_group)
main.add_command(fetch_command)
