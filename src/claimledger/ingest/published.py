"""Parse publication dates, keeping the outlet's local date.

Relative times in the article ("on Saturday") are resolved against the publication date as the
outlet saw it: "2024-12-16T23:30:00-05:00" is a Monday evening in New York even though it is
already Tuesday in UTC, so the date is taken as written and the offset kept beside it, never
converted.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Optional

from ..errors import BAD_DATE, InputError

#: Publication dates outside [EARLIEST, today + FUTURE_DAYS] are not real: year 1 or 9999 are CMS
#: placeholders or typing errors, and resolving "on Saturday" against them overflows.
EARLIEST = date(1800, 1, 1)
FUTURE_DAYS = 2          # a page in UTC+14 is already tomorrow
#: Dates CMSs write when they have none (Unix epoch, "zero" dates): in page metadata or JSONL
#: they mean "undated".
PLACEHOLDERS = frozenset({"0001-01-01", "1900-01-01", "1970-01-01"})


def date_problem(day: date, *, today: Optional[date] = None) -> Optional[str]:
    """Why ``day`` cannot be a publication date, or None when it can."""
    today = today or date.today()
    if day < EARLIEST:
        return f"is before {EARLIEST.year}"
    if day > today + timedelta(days=FUTURE_DAYS):
        return "is in the future"
    return None

_LEADING_ISO = re.compile(
    r"\s*(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?"
)


def format_offset(offset: Optional[timedelta]) -> Optional[str]:
    if offset is None:
        return None
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _from_datetime(value: datetime) -> tuple[str, Optional[str]]:
    return value.date().isoformat(), format_offset(value.utcoffset())


def parse_published(value, *, input: Optional[str] = None) -> tuple[Optional[str], Optional[str]]:
    """(ISO date, UTC offset or None) from a date, a datetime or an ISO 8601 string.

    None gives (None, None). Anything else raises InputError naming the value.
    """
    if value is None:
        return None, None
    parsed: Optional[tuple[str, Optional[str]]] = None
    if isinstance(value, datetime):
        parsed = _from_datetime(value)
    elif isinstance(value, date):
        parsed = value.isoformat(), None
    elif isinstance(value, str):
        s = value.strip()
        try:
            if len(s) == 10:
                parsed = date.fromisoformat(s).isoformat(), None
            else:
                parsed = _from_datetime(datetime.fromisoformat(s))
        except (ValueError, OverflowError):
            pass
    if parsed is not None:
        problem = date_problem(date.fromisoformat(parsed[0]))
        if problem:
            raise InputError(f"published date {value!r} {problem}: not a publication date",
                             code=BAD_DATE, input=input)
        return parsed
    raise InputError(
        f"published date {value!r} is not an ISO date or datetime "
        "(expected e.g. 2024-12-17 or 2024-12-17T08:00:00+02:00)",
        input=input,
    )


def parse_page_date(value: str) -> tuple[Optional[str], Optional[str]]:
    """Like parse_published, but lenient for page metadata: (None, None) when it is not ISO-like.

    Pages write dates as "2024-12-16T23:30:00.000-0500" or "2024-12-16 23:30:00 +0000"; only the
    leading ISO part is read, and a date that does not exist, a placeholder (PLACEHOLDERS) or one
    outside the plausible range (date_problem) is ignored.
    """
    m = _LEADING_ISO.match(value or "")
    if not m:
        return None, None
    year, month, day = (int(g) for g in m.group(1, 2, 3))
    try:
        day_iso = date(year, month, day).isoformat()
    except ValueError:
        return None, None
    if day_iso in PLACEHOLDERS or date_problem(date.fromisoformat(day_iso)):
        return None, None      # "0001-01-01T00:00:00Z": the page is undated, never year 1
    tz = m.group(7)
    if tz is None or m.group(4) is None:
        return day_iso, None
    if tz == "Z":
        return day_iso, "+00:00"
    digits = tz[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return day_iso, f"{tz[0]}{hours:02d}:{minutes:02d}"
