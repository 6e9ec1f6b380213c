"""A small, safe reader for the YAML front matter of Markdown articles.

Only the subset articles need is understood: `key: value` lines at the start
of a line, plain, "double" and 'single' quoted scalars, `|`/`>` block scalars,
block lists (`- item` lines under a key) and inline lists (`[a, "b, c"]`).
Nothing is ever executed or constructed, and nothing raises: a line that is
not understood is skipped, so bad front matter only loses the bad keys.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

FrontValue = str | list[str]

_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$")
_ITEM = re.compile(r"-(?:[ \t]+(.*))?$")
_BLOCK_SCALAR = re.compile(r"[|>][+-]?\d?$")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/", "0": ""}


def split_front_matter(text: str) -> tuple[list[str] | None, str]:
    """Split text into its front-matter lines (None when it has none) and the body.

    Front matter opens with a `---` line at the very start (blank lines
    before it allowed) and closes with a `---` or `...` line; without a
    closing line there is no front matter and the text is all body.
    """
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start == len(lines) or lines[start].rstrip() != "---":
        return None, text
    for end in range(start + 1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            return lines[start + 1 : end], "\n".join(lines[end + 1 :])
    return None, text


def _double_quoted(raw: str) -> str:
    """The value of a "double quoted" scalar (raw starts with the quote)."""
    out: list[str] = []
    i = 1
    while i < len(raw):
        char = raw[i]
        if char == "\\" and i + 1 < len(raw):
            out.append(_ESCAPES.get(raw[i + 1], raw[i + 1]))
            i += 2
            continue
        if char == '"':
            break
        out.append(char)
        i += 1
    return "".join(out)


def _single_quoted(raw: str) -> str:
    """The value of a 'single quoted' scalar, where '' stands for one quote."""
    out: list[str] = []
    i = 1
    while i < len(raw):
        if raw[i] == "'":
            if raw.startswith("''", i):
                out.append("'")
                i += 2
                continue
            break
        out.append(raw[i])
        i += 1
    return "".join(out)


def parse_scalar(raw: str) -> str | None:
    """A scalar's text: quotes removed, a trailing ` # comment` dropped; None for null."""
    raw = raw.strip()
    if raw.startswith('"'):
        return _double_quoted(raw)
    if raw.startswith("'"):
        return _single_quoted(raw)
    comment = re.search(r"\s#", raw)
    if comment is not None:
        raw = raw[: comment.start()].rstrip()
    return None if raw in _NULLS else raw


def _split_flow(inner: str) -> list[str]:
    """Split the inside of an inline list on commas that are not inside quotes."""
    items: list[str] = []
    current: list[str] = []
    quote = ""
    for char in inner:
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == ",":
            items.append("".join(current))
            current = []
            continue
        current.append(char)
    items.append("".join(current))
    return items


def parse_inline_list(raw: str) -> list[str] | None:
    """The items of an inline list `[a, "b, c"]`, or None when raw is not one."""
    raw = raw.strip()
    if not (raw.startswith("[") and raw.endswith("]")):
        return None
    values = (parse_scalar(item) for item in _split_flow(raw[1:-1]))
    return [value for value in values if value]


@dataclass(slots=True)
class _Pending:
    """A key whose value continues on the following lines."""

    key: str
    items: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    block: bool = False


def _finish(pending: _Pending | None, result: dict[str, FrontValue]) -> None:
    """Store the value gathered for a pending key, if it gathered one."""
    if pending is None:
        return
    if pending.items:
        result[pending.key] = pending.items
    elif pending.lines:
        result[pending.key] = " ".join(pending.lines)


def parse_front_matter(
    lines: list[str], *, list_keys: Collection[str] | None = None
) -> dict[str, FrontValue]:
    """Parse front-matter lines into lower-cased keys and string or list values.

    When `list_keys` is given, only those keys read `[a, b]` as an inline
    list; for the others it is text, so a title "[bold red]" stays as
    written. Never raises; lines that are not understood are skipped.
    """
    result: dict[str, FrontValue] = {}
    pending: _Pending | None = None
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indented = line[:1] in (" ", "\t")
        if pending is not None:
            item = _ITEM.match(stripped)
            if item is not None and not pending.block and not pending.lines:
                value = parse_scalar(item[1] or "")
                if value:
                    pending.items.append(value)
                continue
            if indented and not pending.items:
                pending.lines.append(stripped if pending.block else parse_scalar(stripped) or "")
                continue
        _finish(pending, result)
        pending = None
        match = _KEY.match(line)
        if match is None:
            continue
        key, raw = match[1].lower(), (match[2] or "").strip()
        if raw in _NULLS or _BLOCK_SCALAR.match(raw):
            pending = _Pending(key, block=bool(raw))
            continue
        flow = list_keys is None or key in list_keys
        listed = parse_inline_list(raw) if flow and raw.startswith("[") else None
        if listed is not None:
            result[key] = listed
            continue
        value = parse_scalar(raw)
        if value is not None:
            result[key] = value
    _finish(pending, result)
    return result
