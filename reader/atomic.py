"""Writing a file so that a crash leaves the old file or the new one, never half of either."""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes, *, make_folder: bool = False) -> None:
    """Write `data` to `path` through a temporary file beside it, synced, then renamed over it.

    `make_folder` creates missing folders (for the app's own files; a path
    the user typed should fail instead). Raises OSError; the temporary file
    never outlives a failure.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if make_folder:
        folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
_SQLITE_FULL = 13


def is_disk_full(error: BaseException) -> bool:
    """True for the errors a full disk (or an exhausted quota) gives, from the OS or SQLite."""
    if isinstance(error, OSError):
        return error.errno in _DISK_FULL_ERRNOS
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        return code == _SQLITE_FULL or "disk is full" in str(error).lower()
    return False
