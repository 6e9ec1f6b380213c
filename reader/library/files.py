"""Finding article files in the folders and files the user names.

The library folder is `<user data dir>/broadsheet/articles` (from
`platformdirs`), created on first use. The environment variable
`READER_LIBRARY`, when set, names another folder to use instead.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_data_dir

from reader.formats import SUPPORTED_SUFFIXES

LIBRARY_ENV = "READER_LIBRARY"
"""Environment variable naming the library folder, overriding the platform default."""

_Identity = tuple[int, int]
"""A file's (device, inode): the same file reached by two paths has one identity."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A path that could not be used, and why, in plain words."""

    path: Path
    reason: str


@dataclass(slots=True)
class Discovery:
    """The article files found under some paths, and the paths that failed."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def default_library_dir() -> Path:
    """The user's library folder under the platform data directory, created on first use.

    `READER_LIBRARY` in the environment overrides it. A folder that cannot
    be created is still returned; reading it then reports why.
    """
    override = os.environ.get(LIBRARY_ENV, "").strip()
    if override:
        folder = Path(override).expanduser()
    else:
        folder = Path(user_data_dir("broadsheet", appauthor=False)) / "articles"
    # A folder that cannot be made is reported by discover(), with its reason.
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def reason(error: OSError) -> str:
    """A plain-words reason for an error met while looking at a path."""
    if isinstance(error, FileNotFoundError):
        return "not found"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, NotADirectoryError):
        return "not a folder"
    return error.strerror or str(error)


def stat_reason(error: OSError) -> str:
    """A plain-words reason for a file met in a folder that could not be looked at."""
    if isinstance(error, FileNotFoundError):
        return "file not found"  # it was listed a moment ago: gone while the walk ran
    return reason(error)


def is_article_name(name: str) -> bool:
    """True for a file name a folder walk takes: a supported suffix, not hidden."""
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES


OUTSIDE_LINK = "a link that leads outside the library folders; not followed"
"""The problem reported for a symlink found in a folder walk whose target lies elsewhere."""


def _inside(path: str, folders: Iterable[str]) -> bool:
    """True when the resolved `path` is one of `folders` (resolved) or lies inside one."""
    return any(path == top or path.startswith(top.rstrip(os.sep) + os.sep) for top in folders)


@dataclass(slots=True)
class Listing:
    """What one folder held when it was read: for deciding whether a later check may skip it."""

    entries: int
    """How many names the folder listed (hidden ones included)."""
    files: int = 0
    """How many article files were taken from it."""
    subfolders: list[str] = field(default_factory=list)
    """The names of the visible folders in it that are walked next."""
    plain: bool = True
    """No link in it and nothing in it failed: what it holds is its names alone."""


class Walker:
    """Collects files and problems; remembers folders seen so a symlink loop ends.

    Paths are strings (a `Path` per file is a fifth of a large walk's time).
    Links met while walking are followed only when they resolve inside one of
    the folders the user named (`tops`), so `ln -s /etc L/etc` does not list
    the system's files as articles; paths the user names are taken as named.
    A subclass may change how one folder is visited (`visit`).
    """

    def __init__(self, tops: list[str]) -> None:
        """Walk with `tops` the resolved folders the user named."""
        self.found: list[tuple[str, _Identity]] = []
        self.problems: list[Problem] = []
        self.seen_dirs: set[_Identity] = set()
        self.tops = tops

    def named(self, path: str) -> None:
        """A path the user named: a file of any suffix, or a folder to walk."""
        try:
            info = os.stat(path)
        except OSError as error:
            broken = isinstance(error, FileNotFoundError) and os.path.islink(path)
            self.problem(path, "broken link" if broken else reason(error))
            return
        if stat.S_ISDIR(info.st_mode):
            self.walk(path, (info.st_dev, info.st_ino))
        elif stat.S_ISREG(info.st_mode):
            self.found.append((path, (info.st_dev, info.st_ino)))
        else:
            self.problem(path, "not a regular file")

    def problem(self, path: str, reason: str) -> None:
        """Note a path that could not be used."""
        self.problems.append(Problem(Path(path), reason))

    def walk(self, top: str, identity: _Identity) -> None:
        """Walk a folder and its subfolders without recursion (deep trees are fine)."""
        stack = [(top, identity)]
        while stack:
            folder, identity = stack.pop()
            if identity in self.seen_dirs:
                continue
            self.seen_dirs.add(identity)
            self.visit(folder, identity, stack)

    def visit(self, folder: str, identity: _Identity, stack: list[tuple[str, _Identity]]) -> None:
        """Take what one folder holds (here: read it; a subclass may skip it)."""
        self.scan(folder, identity[0], stack)

    def scan(self, folder: str, device: int, stack: list[tuple[str, _Identity]]) -> Listing | None:
        """Read one folder: take its article files, queue its visible subfolders.

        Returns what it held, or None when it could not be read (a problem).
        """
        try:
            with os.scandir(folder) as entries:
                listing = list(entries)
        except OSError as error:
            self.problem(folder, reason(error))
            return None
        held = Listing(len(listing))
        for entry in listing:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_symlink():
                    held.plain = False
                    if not self.link_inside(entry):
                        continue
                if entry.is_dir():
                    info = entry.stat()
                    stack.append((entry.path, (info.st_dev, info.st_ino)))
                    held.subfolders.append(entry.name)
                elif is_article_name(entry.name):
                    held.files += self.file_entry(entry, device)
            except OSError as error:
                held.plain = False
                self.problem(entry.path, reason(error))
        return held

    def link_inside(self, entry: os.DirEntry[str]) -> bool:
        """True when a link found in a walk resolves inside a named folder; else a problem.

        A broken link counts as inside, so it is reported as broken, not as outside.
        """
        target = os.path.realpath(entry.path)
        if _inside(target, self.tops) or not os.path.exists(target):
            return True
        self.problem(entry.path, OUTSIDE_LINK)
        return False

    def file_entry(self, entry: os.DirEntry[str], device: int) -> int:
        """Take a file found in a folder (1 when taken); report a broken link, skip pipes."""
        if not entry.is_symlink():
            if entry.is_file(follow_symlinks=False):
                self.found.append((entry.path, (device, entry.inode())))
                return 1
            return 0
        try:
            info = entry.stat()
        except FileNotFoundError:
            self.problem(entry.path, "broken link")
            return 0
        if stat.S_ISREG(info.st_mode):
            self.found.append((entry.path, (info.st_dev, info.st_ino)))
            return 1
        return 0


def first_of_each(found: Iterable[tuple[str, _Identity]]) -> dict[_Identity, str]:
    """Each file once, by identity, in no set order: the first path in sorted order wins
    when links (or hard links) lead to the same file."""
    by_identity: dict[_Identity, str] = {}
    for path, identity in found:
        held = by_identity.setdefault(identity, path)
        if held is not path and Path(path) < Path(held):  # Paths only for linked files
            by_identity[identity] = path
    return by_identity


def discover(paths: Iterable[Path]) -> Discovery:
    """Find article files (by suffix) under files and folders, folders recursively.

    A file named directly is taken whatever its suffix. Folders are walked
    for `SUPPORTED_SUFFIXES`, skipping hidden files and folders. Survives
    symlink loops, unreadable folders and directories named like files. A
    link found inside a folder is followed only when it resolves inside one of
    the named folders; one leading elsewhere is a problem (`OUTSIDE_LINK`).
    each file appears once (the first path in sorted order wins when links
    lead to the same file), in a stable order (sorted by path).
    """
    named = [os.fspath(path) for path in paths]
    walker = Walker([os.path.realpath(path) for path in named if os.path.isdir(path)])
    for path in named:
        walker.named(path)
    discovery = Discovery(sorted(Path(path) for path in first_of_each(walker.found).values()))
    discovery.problems = sorted(set(walker.problems), key=lambda problem: problem.path)
    return discovery
