"""One-line summaries of articles, for lists and tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from reader.model import Article, minutes_to_read

DATE_WIDTH = 10
"""Width of a date label: "YYYY-MM-DD", or free text cut to fit."""

# Month names (and their usual abbreviations) in the languages of the captures
# users keep: English, French, German, Spanish, Portuguese and Italian.
_MONTH_NAMES = (
    "jan january janvier janv januar jänner enero janeiro gennaio gen",
    "feb february février févr fevrier februar febrero fevereiro fev febbraio",
    "mar march mars märz maerz marzo março marco",
    "apr april avril avr abril aprile",
    "may mai mayo maio maggio mag",
    "jun june juin juni junio junho giugno giu",
    "jul july juillet juil juli julio julho luglio lug",
    "aug august août aout agosto ago",
    "sep sept september septembre septiembre setiembre setembro settembre set",
    "oct october octobre oktober okt octubre outubro out ottobre ott",
    "nov november novembre noviembre novembro",
    "dec december décembre déc decembre dezember dez diciembre dic dezembro dicembre",
)
_MONTHS = {
    name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names.split()
}
_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_OF = r"(?:\s+de)?"  # "7 de octubre de 2026" (Spanish, Portuguese)
_ISO_DATE = re.compile(r"(?<!\d)(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)")
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|\.)?{_OF}\s+{_MONTH},?{_OF}\s+(?P<year>\d{{4}})"
)
_CJK_DATE = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")
_MONTH_DAY_YEAR = re.compile(
    rf"(?<![^\W\d_]){_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
)


def _make_date(year: str, month: str, day: str) -> date | None:
    """A date from matched parts (month as digits or a known name), if it exists."""
    number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
    if number is None:
        return None
    try:
        return date(int(year), number, int(day))
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """The calendar date in a published string: ISO 8601, RFC 2822, "2 March 2024"-like
    (English, French, German, Spanish, Portuguese or Italian month names) or "2024年3月2日"."""
    text = text.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for pattern in (_ISO_DATE, _CJK_DATE, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(text):
            found = _make_date(match["year"], match["month"], match["day"])
            if found is not None:
                return found
    return None


def _fit(text: str, width: int = DATE_WIDTH) -> str:
    """Text cut to `width` characters, with an ellipsis when it was longer."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True, slots=True)
class Summary:
    """A row of the article list: what the list, `reader list` and search show of an article.

    The one shape of a row, wherever it comes from: `summarize` builds it from a
    parsed article, the index stores each field in a column of the same name
    (`SUMMARY_COLUMNS`) and `reader.library.rows` reads it back.
    """

    path: Path
    headline: str
    section: str | None
    source: str | None
    published: str | None
    """The article's own date where it gives one, else None."""
    file_time: float
    """When an undated article is listed: see `listed_time` (seconds since the epoch)."""
    words: int
    minutes: int
    byline: str | None = None
    content_hash: str = ""
    """Hex SHA-256 of the file's bytes when the summary comes from the index, else ""."""
    url: str | None = None
    """The article's web address as its file gives it (any scheme: check before opening)."""
    lead: str = ""
    """The first sentences of the article, where known (the index's `get` fills it).

    Last, so the list's rows can leave its column out (see `reader.library.rows`)."""

    @property
    def date_label(self) -> str:
        """The article's date, else the file's local date, as YYYY-MM-DD.

        A published string that holds no recognisable date is shown as
        written, cut to ten characters.
        """
        return date_label(self.published, self.file_time)


def date_label(published: str | None, file_time: float) -> str:
    """`Summary.date_label` from the two columns it is made of (for rows read raw)."""
    if published and published.strip():
        parsed = parse_date(published)
        return parsed.isoformat() if parsed is not None else _fit(published)
    try:
        return datetime.fromtimestamp(file_time).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return ""


SUMMARY_COLUMNS = tuple(field.name for field in fields(Summary))
"""The index's `articles` columns that hold a Summary: one per field, same name and order."""


_NAME_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?!\d)")


def listed_time(path: Path | str, file_time: float) -> float:
    """The time an article without a date of its own is listed and sorted under.

    A file named like `2026-03-14-harbour-ferry-strike.txt` carries its day
    in its name (as `reader add` names files), which outlives copies and
    checkouts that reset the modification time: local noon of that day. Else
    the file's modification time.
    """
    match = _NAME_DATE.match(Path(path).name)
    if match is not None:
        try:
            year, month, day = (int(part) for part in match.groups())
            return datetime(year, month, day, 12).timestamp()
        except (ValueError, OverflowError, OSError):
            pass
    return file_time


def summarize(
    path: Path, article: Article, file_time: float, *, lead: str = "", content_hash: str = ""
) -> Summary:
    """The list summary of an article read from `path` (the one place a row is made from one)."""
    words = article.words  # counting words is the costly part: once, not twice
    return Summary(
        path=path,
        headline=article.headline,
        section=article.section,
        source=article.source,
        published=article.published,
        file_time=listed_time(path, file_time),
        words=words,
        minutes=minutes_to_read(words),
        byline=article.byline,
        content_hash=content_hash,
        url=article.url,
        lead=lead,
    )
