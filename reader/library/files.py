"""Finding article files in the folders and files the user names."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


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
    """The user's library folder under the platform data directory, created on first use."""
    raise NotImplementedError


def discover(paths: Iterable[Path]) -> Discovery:
    """Find article files (by suffix) under files and folders, folders recursively.

    Survives symlink loops, unreadable folders and directories named like files;
    each file appears once, in a stable order (sorted by path).
    """
    raise NotImplementedError
