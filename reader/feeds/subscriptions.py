"""The user's subscriptions: a hand-editable TOML file in the config directory.

The file is `<user config dir>/broadsheet/feeds.toml` (`READER_CONFIG_DIR`
names another folder; tests use it). It holds one `[[feed]]` table per
feed::

    [[feed]]
    url = "https://example.org/news/feed.xml"
    title = "The Example Gazette"
    folder = "the-example-gazette"
    full_text = "auto"

`folder` is the library folder the feed's articles are written to (feeds may
share one); `full_text` says when the linked page is fetched for the whole
article: "auto" (when the entry is only a summary), "always" or "never".
Only `url` is required. The reader rewrites the file when feeds are added
or removed; comments other than its own header are then not kept. Fetch
state (etags, what was seen) lives elsewhere (`reader.feeds.state`), so
this file only changes when the user's choices do.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast, get_args
from urllib.parse import urlsplit

from platformdirs import user_config_dir

from reader import atomic
from reader.feeds.errors import FeedError
from reader.formats.text import sanitize_field

CONFIG_DIR_ENV = "READER_CONFIG_DIR"
"""Environment variable naming the config folder, overriding the platform default."""

SUBSCRIPTIONS_FILE = "feeds.toml"

FullText = Literal["auto", "always", "never"]
FULL_TEXT_CHOICES: tuple[str, ...] = get_args(FullText)

_HEADER = """\
# Broadsheet feed subscriptions: one [[feed]] table per feed.
# url (required), title, folder (library folder for its articles),
# full_text = "auto" (fetch the page when an entry is only a summary) | "always" | "never".
# `reader feed add/remove/import` rewrite this file; comments below this header are not kept.
"""


@dataclass(frozen=True, slots=True)
class Subscription:
    """One feed the user follows."""

    url: str
    title: str
    folder: str
    full_text: FullText = "auto"


def config_dir() -> Path:
    """The config folder: $READER_CONFIG_DIR, else the platform's user config folder."""
    override = os.environ.get(CONFIG_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(user_config_dir("broadsheet", appauthor=False))


def subscriptions_path() -> Path:
    """The subscriptions file, `feeds.toml` in `config_dir()`."""
    return config_dir() / SUBSCRIPTIONS_FILE


_UNSAFE_FOLDER = re.compile(r"[^\w.-]+")


def folder_name(name: str) -> str:
    """A safe library folder name from a title or the user's choice ("Daily Lamp" -> "daily-lamp").

    Letters (any script), digits, dots and hyphens are kept; anything else,
    path separators included, becomes a hyphen; leading dots are dropped.
    """
    slug = _UNSAFE_FOLDER.sub("-", sanitize_field(name).lower()).strip("-._")
    return slug[:60].rstrip("-._") or "feed"


def check_full_text(value: object) -> FullText:
    """A valid full_text setting, or FeedError naming the choices."""
    if value not in FULL_TEXT_CHOICES:
        raise FeedError(f"full_text must be one of {', '.join(FULL_TEXT_CHOICES)}, not {value!r}")
    return cast(FullText, value)


def make_subscription(
    url: str, title: str | None = None, folder: str | None = None, full_text: object = "auto"
) -> Subscription:
    """A Subscription with its defaults filled in: title from the host, folder from the title."""
    url = url.strip()
    title = sanitize_field(title or "") or urlsplit(url).hostname or url
    return Subscription(
        url=url,
        title=title,
        folder=folder_name(folder or title),
        full_text=check_full_text(full_text),
    )


def _entry(number: int, table: object) -> Subscription:
    """One `[[feed]]` table as a Subscription, or FeedError naming the table."""
    if not isinstance(table, dict):
        raise FeedError(f"feed {number} is not a table")
    values = {key: table.get(key) for key in ("url", "title", "folder")}
    for key, value in values.items():
        if value is not None and not isinstance(value, str):
            raise FeedError(f"feed {number}: {key} must be a string")
    url = values["url"]
    if not url or not url.strip():
        raise FeedError(f"feed {number} has no url")
    try:
        return make_subscription(
            url, values["title"], values["folder"], table.get("full_text", "auto")
        )
    except FeedError as error:
        raise FeedError(f"feed {number}: {error}") from None


def load_subscriptions(path: Path | None = None) -> list[Subscription]:
    """The subscriptions in the file (none if it does not exist); FeedError if unreadable."""
    path = path or subscriptions_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        raise FeedError(f"{path}: cannot be read ({error})") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FeedError(f"{path}: not valid TOML ({error})") from None
    tables = document.get("feed", [])
    if not isinstance(tables, list):
        raise FeedError(f"{path}: `feed` must be a list of [[feed]] tables")
    try:
        return [_entry(number, table) for number, table in enumerate(tables, start=1)]
    except FeedError as error:
        raise FeedError(f"{path}: {error}") from None


def toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = ['"']
    for char in value:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif char < " " or char == "\x7f":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def format_subscriptions(feeds: list[Subscription]) -> str:
    """The text of a subscriptions file holding `feeds`."""
    tables = []
    for feed in feeds:
        lines = [
            "[[feed]]",
            f"url = {toml_string(feed.url)}",
            f"title = {toml_string(feed.title)}",
            f"folder = {toml_string(feed.folder)}",
            f"full_text = {toml_string(feed.full_text)}",
        ]
        tables.append("\n".join(lines) + "\n")
    return _HEADER + "".join("\n" + table for table in tables)


def save_subscriptions(feeds: list[Subscription], path: Path | None = None) -> None:
    """Write the subscriptions file atomically (a crash leaves the old file or the new one)."""
    path = path or subscriptions_path()
    write_atomically(path, format_subscriptions(feeds))


def write_atomically(path: Path, text: str) -> None:
    """Write UTF-8 text to `path` through a temporary file renamed over it; FeedError on failure."""
    try:
        atomic.write_atomically(path, text.encode("utf-8"), make_folder=True)
    except OSError as error:
        raise FeedError(f"{path}: cannot be written ({error.strerror or error})") from None


def find_subscription(feeds: list[Subscription], url_or_number: str) -> int:
    """The index of the feed named by its URL or its 1-based number in `reader feed list`.

    Raises FeedError when there is no such feed.
    """
    wanted = url_or_number.strip()
    if wanted.isdigit():
        number = int(wanted)
        if 1 <= number <= len(feeds):
            return number - 1
        raise FeedError(f"there is no feed number {number} (there are {len(feeds)})")
    for index, feed in enumerate(feeds):
        if feed.url == wanted or feed.url.rstrip("/") == wanted.rstrip("/"):
            return index
    raise FeedError(f"not subscribed to {wanted}")
