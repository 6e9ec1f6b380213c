"""What a line of a stored article became: the record `v` (the file as stored) draws.

Kept apart from `line_roles`, which works the roles out with the capture
parser: the reader's drawing code needs only this record, and importing the
parser to get it cost the app's start-up a twentieth of a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal[
    "headline",
    "kicker",
    "bullet",
    "byline",
    "date",
    "body",
    "subheading",
    "quote",
    "caption",
    "credit",
    "related",
    "dropped",
    "markdown",
]

DROPPED: Role = "dropped"


@dataclass(frozen=True, slots=True)
class LineRole:
    """One line of a stored article and what the parser made of it."""

    text: str
    """The line as the parser read it (whitespace runs as one space)."""
    role: Role
    """What the line became in the article, or "dropped"."""
    body: float | None = None
    """The body classifier's probability for the line, when it scored it."""
    caption: float | None = None
    """The caption model's probability, for the lines it looked at."""
    blank_before: bool = False
    """A blank line stood before this one in the file."""
