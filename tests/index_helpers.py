"""Small articles written into temp folders for the index and search tests."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path


def write_article(
    folder: Path,
    name: str,
    headline: str,
    body: Sequence[str] = ("A short paragraph about nothing in particular.",),
    *,
    section: str | None = None,
    source: str | None = None,
    published: str | None = None,
    bullets: Sequence[str] = (),
    mtime: float | None = None,
) -> Path:
    """Write a Markdown article with front matter; returns its path."""
    lines = ["---", f"title: {headline}"]
    if section:
        lines.append(f"section: {section}")
    if source:
        lines.append(f"source: {source}")
    if published:
        lines.append(f"published: {published}")
    if bullets:
        lines.append("bullets:")
        lines.extend(f"  - {bullet}" for bullet in bullets)
    lines += ["---", ""]
    for paragraph in body:
        lines += [paragraph, ""]
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def headlines(rows: Sequence[object]) -> list[str]:
    """The headlines of some summaries, in order."""
    return [row.headline for row in rows]  # type: ignore[attr-defined]


def settle(folder: Path, seconds: float = 60.0) -> None:
    """Set the times of `folder` and every folder in it back, so a check may skip them."""
    then = time.time() - seconds
    for inside, _, _ in os.walk(folder):
        os.utime(inside, (then, then))


def rewrite_in_place(path: Path, headline: str) -> None:
    """Rewrite a file's bytes in the same inode: its folder's time does not move."""
    before = path.stat().st_mtime
    with path.open("r+", encoding="utf-8") as handle:
        handle.write(f"---\ntitle: {headline}\n---\n\nRewritten where it lay, longer now.\n")
        handle.truncate()
    os.utime(path, (before + 5, before + 5))
