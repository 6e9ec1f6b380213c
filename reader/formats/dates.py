"""Dates from pages and feeds in one stored form, and how the reader shows them.

Pages and feeds write their dates many ways ("2019-01-03T07:00:02.000Z",
"Thu, 03 Jan 2019 07:00:02 GMT", "2019-01-03"). Articles store them as ISO
8601 to the second, UTC written as `Z` ("2019-01-03T07:00:02Z"), or as a
bare day ("2019-01-03"); and the reader shows such a date as it shows a
capture's: "Thursday 3 January 2019". A date in no form we know is kept
and shown as written.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

__all__ = ["shown_date", "stored_date"]

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _parsed(text: str) -> datetime | date | None:
    if _DAY.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    if _STAMP.fullmatch(text):
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def stored_date(text: str | None) -> str | None:
    """`text` in the stored form (see the module), or as given when it is no known form."""
    if text is None or not text.strip():
        return None
    text = text.strip()
    found = _parsed(text)
    if isinstance(found, datetime):
        stamp = found.replace(microsecond=0)
        if stamp.utcoffset() is not None and not stamp.utcoffset():
            return stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return stamp.isoformat()
    if isinstance(found, date):
        return found.isoformat()
    return text


def shown_date(text: str) -> str:
    """A stored date as the reader shows it ("Thursday 3 January 2019"); other text as is."""
    stripped = text.strip()
    if not (_DAY.fullmatch(stripped) or _STAMP.fullmatch(stripped)):
        return text
    found = _parsed(stripped)
    if found is None:
        return text
    day = found.date() if isinstance(found, datetime) else found
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"
