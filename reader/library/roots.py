"""How the index spells a file's path, and which stored paths lie under the folders asked for.

A file is keyed by its resolved folder joined with its name, so a library
reached through a symlink, or a file named directly, finds the same rows.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from reader.library.path_text import stored_path


class Folders:
    """Resolves folders once each: 100,000 files live in far fewer folders."""

    def __init__(self) -> None:
        self._resolved: dict[str, str] = {}

    def key_path(self, path: Path) -> str:
        """The index key of a file: its resolved folder joined with its name."""
        folder, name = os.path.split(os.path.abspath(path))
        resolved = self._resolved.get(folder)
        if resolved is None:
            resolved = self._resolved[folder] = os.path.realpath(folder)
        return stored_path(os.path.join(resolved, name))


def key_path(path: Path) -> str:
    """The index key of one file: its resolved folder joined with its name."""
    return Folders().key_path(path)


def root_prefixes(roots: Iterable[Path]) -> list[str]:
    """The roots as the index spells paths, for deciding which indexed rows lie under them.

    A folder is resolved whole; a file named directly is keyed like any file
    (its folder resolved), so a named symlink is found under its own name.
    """
    folders = Folders()
    return [
        stored_path(os.path.realpath(root)) if os.path.isdir(root) else folders.key_path(Path(root))
        for root in roots
    ]


def under_roots(path: str, prefixes: Sequence[str]) -> bool:
    """True when the resolved `path` is one of the roots or inside one."""
    for prefix in prefixes:
        if path == prefix or path.startswith(prefix.rstrip(os.sep) + os.sep):
            return True
    return False


def span_under_one_root(first: str, last: str, prefixes: Sequence[str]) -> bool:
    """True when every path sorting from `first` to `last` lies under one of the roots.

    Paths inside "folder/" sort together, so both ends inside it is enough; a
    file root holds only itself ("folder-2" sorts between "folder" and "folder/a").
    """
    for prefix in prefixes:
        inside = prefix.rstrip(os.sep) + os.sep
        if first.startswith(inside) and last.startswith(inside):
            return True
        if first == last == prefix:
            return True
    return False
