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

from ..errors import InputError

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
    if isinstance(value, datetime):
        return _from_datetime(value)
    if isinstance(value, date):
        return value.isoformat(), None
    if isinstance(value, str):
        s = value.strip()
        try:
            if len(s) == 10:
                return date.fromisoformat(s).isoformat(), None
            return _from_datetime(datetime.fromisoformat(s))
        except ValueError:
            pass
    raise InputError(
        f"published date {value!r} is not an ISO date or datetime "
        "(expected e.g. 2024-12-17 or 2024-12-17T08:00:00+02:00)",
        input=input,
    )


def parse_page_date(value: str) -> tuple[Optional[str], Optional[str]]:
    """Like parse_published, but lenient for page metadata: (None, None) when it is not ISO-like.

    Pages write dates as "2024-12-16T23:30:00.000-0500" or "2024-12-16 23:30:00 +0000"; only the
    leading ISO part is read, and a date that does not exist is rejected.
    """
    m = _LEADING_ISO.match(value or "")
    if not m:
        return None, None
    year, month, day = (int(g) for g in m.group(1, 2, 3))
    try:
        day_iso = date(year, month, day).isoformat()
    except ValueError:
        return None, None
    tz = m.group(7)
    if tz is None or m.group(4) is None:
        return day_iso, None
    if tz == "Z":
        return day_iso, "+00:00"
    digits = tz[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return day_iso, f"{tz[0]}{hours:02d}:{minutes:02d}"
