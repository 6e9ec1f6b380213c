"""Checking the folders against the index: which files are new, changed, gone or failing.

A survey walks the roots (strings and `os.scandir`, no `Path` per file)
and compares what it meets with what the index holds (`known.Known`). It
returns only the differences (`Survey`), so it can run in a worker process
and send back a few rows instead of 100,000; `scan` then parses and writes
them.

What a folder's modification time tells, and what it does not (POSIX):

- it changes whenever a name in the folder is created, removed or renamed,
  so a folder whose mtime and number of entries are those recorded holds the
  same names: added, removed and renamed files, and files saved the way
  editors and `reader add` save them (a new file renamed over the old), are
  all seen through it;
- it does not change when a file in it is rewritten in place (only the
  file's own size and mtime change), nor when anything changes inside a
  subfolder (the subfolder's own mtime does);
- tools that restore times (`tar`, `rsync -a`, `cp -p`) can set it back; the
  number of entries catches most of those (not one name added and one removed);
- a change within the same clock tick as the recording would go unseen, so a
  folder whose mtime is within `SETTLE_NS` of the check's start is recorded
  unsettled (-1) and read again next time, as is a folder holding a link (it
  can lead anywhere) or anything that failed (reported every time).

Hence two depths of check:

- `Check.FULL` (the app's start-up check, `reader index`): an unchanged
  folder is not listed; its names come from the index and each file is
  stat-ed (a string `os.stat`), so a file rewritten in place is found too;
- `Check.QUICK` (`reader list`, `reader search`): an unchanged folder is not
  looked into at all; new, removed and renamed files are found, a file
  rewritten in place waits for the next full check. A quick check of a root
  never fully checked before is a full one.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from reader.library.files import Problem, Walker, first_of_each, reason, stat_reason
from reader.library.known import FolderRecord, Known
from reader.library.path_text import file_path, stored_path

SETTLE_NS = 2_000_000_000
"""A folder changed less than this long before a check may change again unseen in the
same tick of its clock (2 s: FAT's resolution; others are finer)."""

_Identity = tuple[int, int]


class Check(StrEnum):
    """How deep a check looks (see the module's notes)."""

    FULL = "full"
    QUICK = "quick"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file to look at closer: new, changed, or one whose stat failed (`error`)."""

    path: str
    """Its path as walked (what to read)."""
    key: str
    """Its path as the index stores it (resolved folder joined with its name)."""
    size: int = 0
    mtime_ns: int = 0
    mtime: float = 0.0
    error: str | None = None


@dataclass(slots=True)
class Survey:
    """The differences between the folders and the index, and what to record of them."""

    total: int = 0
    """Article files found (in a quick check: also those in folders not looked into)."""
    unchanged: int = 0
    candidates: list[Candidate] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)
    """Stored paths of indexed files no longer found."""
    failed_before: list[Problem] = field(default_factory=list)
    """Unchanged files that failed before, with their stored reasons."""
    stale_failures: list[str] = field(default_factory=list)
    """Stored paths of failed files no longer found."""
    problems: list[Problem] = field(default_factory=list)
    """Paths the walk could not use (unreadable folders, broken links, …)."""
    folders: list[tuple[str, int, int, int, str]] = field(default_factory=list)
    """Folder records to store (`FolderRecord.row`), once the differences are written."""
    gone_folders: list[str] = field(default_factory=list)
    """Folder records to forget."""


class _Surveyor(Walker):
    """The walk of one survey: visits folders by their records, gathers files."""

    def __init__(self, tops: list[str], known: Known, check: Check) -> None:
        super().__init__(tops)
        self.known, self.check = known, check
        self.started_ns = time.time_ns()
        self.survey = Survey()
        self.places: dict[str, tuple[str, str]] = {}
        """Each file found: its folder's stored path and its stored name."""
        self.stats: dict[str, os.stat_result] = {}
        self.visited: set[str] = set()
        self.skipped: set[str] = set()
        """Folders a quick check did not look into (their files are neither found nor gone)."""
        self.records: dict[str, FolderRecord] = {}
        self.taken: defaultdict[str, set[str]] = defaultdict(set)
        """The stored names found in each folder."""
        self.named_keys: list[tuple[str, str]] = []
        self.unchanged_ids: dict[_Identity, tuple[str, str, str]] = {}
        """Files counted unchanged as met: their path, folder and name, by identity."""

    def visit(self, folder: str, identity: _Identity, stack: list[tuple[str, _Identity]]) -> None:
        """Skip a folder whose record still holds, else read it and record it."""
        key = stored_path(os.path.realpath(folder))
        self.visited.add(key)
        try:
            info = os.stat(folder)  # before listing: a change after it shows next time
        except OSError as error:
            self.problem(folder, reason(error))
            return
        record = self.known.folders.get(key)
        if record is not None and self._holds(folder, key, record, info):
            self._skip(folder, key, record, stack)
            return
        before = len(self.found)
        listing = self.scan(folder, identity[0], stack)
        if listing is None:
            return  # its files count as gone, its record is forgotten
        for path, _ in self.found[before:]:
            self.places[path] = (key, stored_path(os.path.basename(path)))
        age = self.started_ns - info.st_mtime_ns
        settled = listing.plain and age >= SETTLE_NS  # a time ahead of the clock: unsettled
        mtime = info.st_mtime_ns if settled else -1
        names = tuple(listing.subfolders)
        self.records[key] = FolderRecord(mtime, listing.entries, listing.files, names)

    def _holds(self, folder: str, key: str, record: FolderRecord, info: os.stat_result) -> bool:
        """True when the folder's mtime and entries are as recorded (and, in a full check,
        the index holds every file taken from it: a file once passed over as a second
        link to another is then read)."""
        if record.mtime_ns < 0 or record.mtime_ns != info.st_mtime_ns:
            return False
        try:
            if len(os.listdir(folder)) != record.entries:
                return False
        except OSError:
            return False  # read it, to report why
        if self.check == Check.QUICK:
            return True
        return len(self.known.files(key)) + len(self.known.failures(key)) == record.files

    def _skip(
        self, folder: str, key: str, record: FolderRecord, stack: list[tuple[str, _Identity]]
    ) -> None:
        """Take an unchanged folder's files from the index (full) or count them (quick)."""
        self.records[key] = record
        for name in record.subfolders:
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError as error:
                self.problem(path, reason(error))
                continue
            stack.append((path, (info.st_dev, info.st_ino)))
        if self.check == Check.QUICK:
            self.skipped.add(key)
            self.survey.total += record.files
            self.survey.unchanged += record.files
            return
        self._stat_all(folder, key)

    def _stat_all(self, folder: str, key: str) -> None:
        """Stat each file the index holds in an unchanged folder: the one cost left, as a
        file rewritten in place shows only in its own size and mtime. The common case,
        an unchanged file, is counted here at once (no `Path`, no entry in `found`)."""
        files, failures = self.known.files(key), self.known.failures(key)
        taken, unchanged, base = self.taken[key], self.unchanged_ids, folder.rstrip(os.sep)
        count = 0
        for name in [*files, *(name for name in failures if name not in files)]:
            path = base + os.sep + file_path(name)
            try:
                info = os.stat(path)
            except OSError as error:
                self._failed(path, key, name, stat_reason(error))
                continue
            identity = (info.st_dev, info.st_ino)
            if files.get(name) == (info.st_size, info.st_mtime_ns) and identity not in unchanged:
                count += 1
                taken.add(name)
                unchanged[identity] = (path, key, name)
                continue
            self.places[path] = (key, name)
            self.stats[path] = info
            self.found.append((path, identity))
        self.survey.total += count
        self.survey.unchanged += count

    def named_file(self, path: str) -> None:
        """A file named as a root: found (or not) like any, looked up by its own key."""
        folder, name = os.path.split(os.path.abspath(path))
        key = stored_path(os.path.realpath(folder))
        self.places[path] = (key, stored_path(name))
        self.named_keys.append(self.places[path])
        self.named(path)  # missing or not a file: a problem, and its row goes (`finish`)

    def _failed(self, path: str, folder: str, name: str, why: str) -> None:
        """A file met whose stat failed: a candidate with the reason."""
        self.survey.candidates.append(Candidate(path, _join(folder, name), error=why))
        self.survey.total += 1
        self.taken[folder].add(name)

    def compare(self) -> None:
        """Compare each file found (each once) with the index."""
        survey, known = self.survey, self.known
        for identity, path in first_of_each(self.found).items():
            if not self._first(identity, path):
                continue
            folder, name = self.places[path]
            info = self.stats.get(path)
            if info is None:
                try:
                    info = os.stat(path)
                except OSError as error:  # vanished or locked since the listing
                    self._failed(path, folder, name, stat_reason(error))
                    continue
            survey.total += 1
            self.taken[folder].add(name)
            version = (info.st_size, info.st_mtime_ns)
            stored = known.article(folder, name)
            if stored == version:
                survey.unchanged += 1
                continue
            key = _join(folder, name)
            if stored is None and known.failure(folder, name) == version:
                survey.failed_before.append(Problem(Path(path), known.reason(key)))
                continue
            candidate = Candidate(path, key, info.st_size, info.st_mtime_ns, info.st_mtime)
            survey.candidates.append(candidate)

    def _first(self, identity: _Identity, path: str) -> bool:
        """False when a file counted unchanged is this one and comes first in sorted order
        (links, or hard links, to one file: the first path wins, as in `files.discover`)."""
        other = self.unchanged_ids.get(identity)
        if other is None:
            return True
        if Path(other[0]) < Path(path):
            return False
        self.taken[other[1]].discard(other[2])  # it gives way: its row goes
        self.survey.total -= 1
        self.survey.unchanged -= 1
        return True

    def _gone(self, folder: str, names: Sequence[str] | None = None) -> None:
        """Files of `folder` not found (`names`, else every one the index holds there)."""
        taken = self.taken[folder]
        files, failures = self.known.files(folder), self.known.failures(folder)
        for name in files if names is None else [n for n in names if n in files]:
            if name not in taken:
                self.survey.vanished.append(_join(folder, name))
        for name in failures if names is None else [n for n in names if n in failures]:
            if name not in taken:
                self.survey.stale_failures.append(_join(folder, name))

    def finish(self, folder_roots: Sequence[str]) -> Survey:
        """After the walk: what vanished, which folder records to store or forget."""
        survey, known = self.survey, self.known
        survey.problems = sorted(set(self.problems), key=lambda problem: problem.path)
        survey.candidates.sort(key=lambda candidate: candidate.key)
        looked = self.visited - self.skipped
        held = set(known.folders) | (known.folders_with_files() if known.everything else set())
        gone = {
            folder
            for folder in held - self.visited
            if any(_inside(folder, root) for root in folder_roots)
        }
        for folder in sorted(looked | gone):
            self._gone(folder)
        for folder, name in self.named_keys:
            self._gone(folder, [name])
        for folder, record in self.records.items():
            if known.folders.get(folder) != record:
                survey.folders.append(record.row(folder))
        unread = looked - set(self.records)  # could not be listed: its record no longer holds
        survey.gone_folders = sorted(set(known.folders) & (gone | unread))
        return survey


def _join(folder: str, name: str) -> str:
    """A stored path from a stored folder and name."""
    return folder.rstrip(os.sep) + os.sep + name


def _inside(folder: str, root: str) -> bool:
    """True when stored `folder` is `root` or lies inside it."""
    return folder == root or folder.startswith(root.rstrip(os.sep) + os.sep)


def survey(roots: Sequence[str], known: Known, check: Check) -> Survey:
    """Walk `roots` (folders and files) and compare them with `known` (see the module)."""
    folders = [root for root in roots if os.path.isdir(root)]
    walker = _Surveyor([os.path.realpath(root) for root in folders], known, check)
    for root in roots:
        if root in folders:
            walker.named(root)
        else:
            walker.named_file(root)
    walker.compare()
    return walker.finish([stored_path(os.path.realpath(root)) for root in folders])


def needs_full(roots: Sequence[str], known: Known) -> bool:
    """True when a root folder was never fully checked (a quick check must then be full)."""
    return any(
        stored_path(os.path.realpath(root)) not in known.folders
        for root in roots
        if os.path.isdir(root)
    )
