"""Temporal expressions in news text: find them, then resolve them against the publication date.

Pure Python, no spaCy and no date library: libraries miss the news-relative forms ("over the
weekend", "a little over a week ago", "Saturday and Sunday"), so every family is a rule here.

    find_times(text, offset=0)   -> [(start, end, text)]   spans in document offsets
    resolve_time(expr, anchor, tense="past", locale=None, spoken_at=None) -> TimeExpr
    times_in(text, anchor, ...)  -> [TimeExpr]              both at once, spans filled in
    tense_of(sentence)           -> "past" | "present" | "future"

Conventions (the reasons are in the comments where each rule is applied):

* The reference date is ``spoken_at`` when given (the speaker's "now"), else ``anchor`` (the
  publication date). ``TimeExpr.anchor`` records which date was used.
* No reference date: every relative expression stays unresolved (start/end None, precision
  "unresolved"). Only expressions carrying their own year resolve ("in 2023", "1 Feb 2025").
  A date is never invented.
* ``precision`` says how exactly the dates are known: "day" for single days and for day ranges
  ("Saturday and Sunday", "over the weekend", "3-5 March", "yesterday"), "week" for calendar
  weeks ("last week"), "month" for months and their parts ("late November" = 21st to month end),
  "year" for years, "approximate" for fuzzy counts back ("a little over a week ago").
* ``time_precision`` is ACLED's code derived from the width of the range: 1 a single day,
  2 a range of at most seven days, 3 anything wider (ACLED's coarsest code). None if unresolved.
* ``since X`` is an open range: start = start of X, end = the reference date (None without one).
* Weekdays: past tense = the latest such day not after the reference day (so "on Tuesday" in an
  article of Tuesday is that day, "on Sunday" published Monday is the day before); "last Tuesday"
  is strictly before; future = the first not before; present = the nearest (ties to the past).
  "Saturday and Sunday" in the past ends on the latest Sunday not after the reference day.
* Weekends (Sat-Sun): "over/at the weekend" in the past is the latest one, cut at the reference
  day (published on a Saturday: that Saturday only); "last weekend" ends on the latest Sunday
  strictly before the reference day.
* "overnight" = the night before: reference-1 .. reference; "last night" = reference-1.
* Counts back ("ago") give the window of plausible days, start = earliest, end = latest:
  "two days ago" is exact; "a week ago" 6-8 days back; "a little over a week ago" 8-10; "more
  than a week ago" 8-14; "nearly a week ago" 5-6; "less than a week ago" 0-6; "about two weeks
  ago" 11-17; "a few days ago" 2-4.
* Numeric dates (01/02/2025): "en_US" month first, any other locale day first, dotted dates day
  first; with no locale only unambiguous ones (a part above 12, or both parts equal) resolve.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable, Optional, Union

from ..errors import UsageError
from ..models import TimeExpr

DateLike = Union[date, str, None]

WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "a couple of": 2,
}
# Locales writing numeric dates month first. Any other given locale reads 01/02/2025 as 1 February.
MDY_LOCALES = {"en_us", "us", "en_ph", "en_fm", "en_mh", "en_pw"}

# ----------------------------------------------------------------------------- regex pieces
# Month names must be capitalised ("may", "march" are verbs); weekdays may be in any case.
_MONTH_FULL = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_MONTH = r"(?:" + _MONTH_FULL + r"|(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))"
_DAYN = r"\b(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b(?![,.]?\d|:)"
_YEAR = r"\b(?:19|20)\d{2}\b"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# "Good Friday", "Bloody Sunday", "Super Tuesday" are names, not dates.
_WD_NOT = r"(?<!good )(?<!black )(?<!bloody )(?<!holy )(?<!super )(?<!cyber )(?<!ash )(?<!palm )(?<!easter )"
_PART = r"(?:morning|afternoon|evening|night)"
_PREP = r"(?:\b(?P<prep>on|in|since|during|throughout|over|at)\s+)?"
_DMY = rf"{_DAYN}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"
_MDY = rf"{_MONTH}\s+{_DAYN}(?:,?\s+{_YEAR})?"
_DATE = rf"(?:the\s+)?(?:{_DMY}|{_MDY})"
_TO = r"\s*(?:-|–|—|to|and|until|till|through)\s*"
_MOD = r"(?P<mod>earlier|later|early|mid|late|the\s+(?:start|beginning|middle|end)\s+of)"
_AGO_QUAL = (r"a\s+little\s+over|a\s+little\s+more\s+than|a\s+bit\s+over|a\s+bit\s+more\s+than|just\s+over|"
             r"just\s+under|slightly\s+more\s+than|slightly\s+over|slightly\s+less\s+than|more\s+than|over|"
             r"less\s+than|under|about|around|roughly|approximately|some|nearly|almost|at\s+least|just|only")
_NUM = (r"a\s+couple\s+of|a\s+few|few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
        r"twelve|fifteen|twenty|thirty|\d{1,3}")


@dataclass(frozen=True)
class _Family:
    kind: str
    pattern: re.Pattern
    valid: Optional[Callable[[re.Match], bool]] = None
    needs: str = ""  # what every match contains (see _open_gates): a text without it is not scanned


def _g(m: re.Match, name: str) -> Optional[str]:
    try:
        v = m.group(name)
    except IndexError:
        return None
    return v.lower() if v else None


def _c(p: str) -> re.Pattern:
    return re.compile(p, re.IGNORECASE)


_REL = r"this\s+past|this\s+coming|last|this|next|past|coming"
_CONNECT_WD = r"\s*(?:and|or|to|through|into|until|till|-|–|—)\s*(?:on\s+)?"
_ISO = r"\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"
_NUMERIC = r"\b\d{1,2}(?P<sep>[/.])\d{1,2}(?P=sep)(?:\d{4}|\d{2})\b(?![/.]\d)"
_DAY_RANGE = rf"(?:{_DAYN}{_TO}{_DAYN}\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+{_DAYN}{_TO}{_DAYN})(?:,?\s+{_YEAR})?"
_DEICTIC = (r"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|last\s+night"
            r"|(?:(?:earlier|later|early|late)\s+)?(?<!russia )(?<!usa )(?:yesterday|today|tomorrow|tonight)"
            rf"(?:\s+{_PART})?"
            r"|(?:(?:earlier|later|early|late)\s+)?this\s+(?:morning|afternoon|evening)")
_UNITS_ONE = r"hours?|days?|weeks?|fortnights?|months?|years?"
_UNITS_MANY = r"hours|days|weeks|months|years"

# Order matters only for ties in length (the earlier family wins).
_FAMILIES: list[_Family] = [
    _Family("iso", _c(rf"{_PREP}{_ISO}"), needs="iso"),
    _Family("numeric", _c(rf"{_PREP}{_NUMERIC}"), needs="numeric"),
    _Family("daterange", _c(rf"\b(?P<prep>between|from)\s+(?P<a>{_DATE})\s+(?:and|to|until|till|through)\s+"
                            rf"(?P<b>{_DATE})"), needs="month"),
    _Family("dayrange", _c(rf"(?:\b(?P<prep>between|from|on|in)\s+)?(?:the\s+)?{_DAY_RANGE}"), needs="month"),
    _Family("explicit", _c(rf"{_PREP}(?:{_WD},?\s+)?{_DATE}"), needs="month"),
    _Family("since_start", _c(r"\b(?:since\s+the\s+(?:start|beginning|outset)\s+of\s+(?:the|this)|so\s+far\s+this)"
                              r"\s+(?P<unit>year|month|week)\b"), needs="unit"),
    _Family("period", _c(rf"{_PREP}(?:{_MOD}[\s-]+)?(?P<rel>this|last|next|the\s+previous|previous|the\s+past|past)"
                         r"\s+(?P<unit>week|month|year)\b"), needs="unit"),
    _Family("month", _c(rf"{_PREP}(?:{_MOD}[\s-]+)?(?:(?P<rel>{_REL})\s+)?"
                        rf"(?P<month>{_MONTH_FULL})(?:,?\s+(?P<year>{_YEAR}))?"),
            lambda m: bool(m.group("prep") or m.group("mod") or m.group("rel") or m.group("year")), needs="month"),
    _Family("year", _c(rf"{_PREP}(?:(?P<mod>early|mid|late|the\s+(?:start|beginning|middle|end)\s+of)[\s-]+)?"
                       rf"(?P<year>{_YEAR})(?![.,]\d|\s*%|\s*per\s*cent|-\d)"),
            lambda m: bool(m.group("prep") or m.group("mod")), needs="year"),
    _Family("ago", _c(rf"{_PREP}(?:(?P<qual>{_AGO_QUAL})\s+)?(?P<num>{_NUM})\s+(?P<unit>{_UNITS_ONE})\s+ago\b"),
            needs="ago"),
    _Family("recent", _c(r"(?:\b(?:in|over|during|within|for)\s+)?"
                         rf"(?:(?:the\s+)?(?P<rel>past|last|previous|coming|next)\s+(?:(?P<num>{_NUM})\s+)?"
                         rf"|(?P<recent>recent)\s+)(?P<unit>{_UNITS_MANY})\b"), needs="units"),
    _Family("weekend", _c(rf"{_PREP}(?P<det>the|{_REL})\s+weekend\b"),
            lambda m: _g(m, "det") != "the" or bool(m.group("prep")), needs="weekend"),
    _Family("overnight", _c(rf"(?:{_PREP}overnight|\b(?:during|through|throughout|in)\s+the\s+night)"
                            rf"(?:\s+(?:(?P<into>into|to)\s+|on\s+)?{_WD_NOT}(?P<wd>{_WD})\b)?"), needs="night"),
    _Family("deictic", _c(rf"{_PREP}(?P<word>{_DEICTIC})\b"), needs="deictic"),
    _Family("weekday", _c(rf"{_PREP}(?:(?P<mod>earlier|later|early|late)\s+(?:on\s+)?)?(?:(?P<rel>{_REL})\s+)?"
                          rf"{_WD_NOT}(?P<wd1>{_WD})\b(?:\s+{_PART}\b)?"
                          rf"(?:{_CONNECT_WD}(?P<wd2>{_WD})\b(?:\s+{_PART}\b)?)?"), needs="weekday"),
]


# Gates: each family's ``needs`` names a cheap test for something every one of its matches contains
# (the weekday family needs a weekday name, "ago" needs "ago"), so a text that fails the test cannot
# hold a match and the family's regex is not run over it. Only a speed-up: most sentences open one or
# two gates, and running all fifteen case-insensitive regexes over every sentence was the cost.
# Month names are case-sensitive in the regexes, so their gate is too; every full or short month name
# starts with one of these twelve.
_GATE_MONTH = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_GATE_ISO = re.compile(r"\d-[01]\d-")
_GATE_NUMERIC = re.compile(r"\d[/.]\d")
_GATE_YEAR = re.compile(r"(?:19|20)\d\d")
_GATE_WEEKDAY = re.compile(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday")
# The word gates test ``text.lower()``; under re.IGNORECASE these four characters also match ASCII
# letters (İ and ı match "i", ſ matches "s", the Kelvin sign "k"), which lower() does not give, so a
# text holding one is scanned by every family.
_GATE_UNSAFE = re.compile("[\u0130\u0131\u017f\u212a]")
_ALL_GATES = frozenset(f.needs for f in _FAMILIES)


def _open_gates(text: str) -> frozenset:
    """The ``needs`` of the families that may match somewhere in ``text``."""
    if _GATE_UNSAFE.search(text):
        return _ALL_GATES
    low = text.lower()
    out = set()
    if _GATE_MONTH.search(text):
        out.add("month")
    if _GATE_ISO.search(text):
        out.add("iso")
    if _GATE_NUMERIC.search(text):
        out.add("numeric")
    if _GATE_YEAR.search(text):
        out.add("year")
    if _GATE_WEEKDAY.search(low):
        out.add("weekday")
    if "week" in low or "month" in low or "year" in low:
        out.add("unit")
    if "hours" in low or "days" in low or "weeks" in low or "months" in low or "years" in low:
        out.add("units")
    if "ago" in low:
        out.add("ago")
    if "weekend" in low:
        out.add("weekend")
    if "night" in low:
        out.add("night")
    if "yesterday" in low or "today" in low or "tomorrow" in low or "night" in low or "morning" in low \
            or "afternoon" in low or "evening" in low:
        out.add("deictic")
    return out


def _scan(text: str) -> list[tuple[int, int, _Family, re.Match]]:
    cands = []
    gates = _open_gates(text)
    for order, fam in enumerate(_FAMILIES):
        if fam.needs not in gates:
            continue
        for m in fam.pattern.finditer(text):
            if m.end() > m.start() and (fam.valid is None or fam.valid(m)):
                cands.append((m.start(), m.end(), order, fam, m))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    chosen: list[tuple[int, int, _Family, re.Match]] = []
    for s, e, _, fam, m in cands:
        if all(e <= cs or s >= ce for cs, ce, _, _ in chosen):
            chosen.append((s, e, fam, m))
    chosen.sort(key=lambda c: c[0])
    return chosen


def find_times(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """Temporal expressions in ``text`` as (start, end, text), spans shifted by ``offset``.

    Overlapping candidates are settled longest first, so "on Saturday and Sunday" is one span and
    "Saturday, 14 December" is an explicit date, not a weekday.
    """
    return [(s + offset, e + offset, text[s:e]) for s, e, _, _ in _scan(text)]


# ----------------------------------------------------------------------------- date arithmetic
def _as_date(x: DateLike) -> Optional[date]:
    if x is None or x == "":
        return None
    if isinstance(x, datetime):
        return x.date()
    if isinstance(x, date):
        return x
    try:
        return date.fromisoformat(str(x).strip()[:10])
    except ValueError as exc:
        raise UsageError(f"a reference date must be an ISO date (YYYY-MM-DD), got {x!r}") from exc


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _latest_weekday(ref: date, wd: int, strict: bool = False) -> date:
    delta = (ref.weekday() - wd) % 7
    if strict and delta == 0:
        delta = 7
    return ref - timedelta(days=delta)


def _next_weekday(ref: date, wd: int, strict: bool = False) -> date:
    delta = (wd - ref.weekday()) % 7
    if strict and delta == 0:
        delta = 7
    return ref + timedelta(days=delta)


def _by_tense_weekday(ref: date, wd: int, tense: str) -> date:
    back, fwd = _latest_weekday(ref, wd), _next_weekday(ref, wd)
    if tense == "future":
        return fwd
    if tense == "present":  # nearest occurrence; ties go to the past
        return fwd if (fwd - ref) < (ref - back) else back
    return back


def _safe_date(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _date_no_year(ref: date, m: int, d: int, tense: str) -> Optional[date]:
    """Past: the latest such date not after ref; future: the first not before; present: nearest."""
    cands = [c for c in (_safe_date(ref.year + k, m, d) for k in range(-4, 5)) if c is not None]
    if not cands:
        return None
    back = max((c for c in cands if c <= ref), default=None)
    fwd = min((c for c in cands if c >= ref), default=None)
    if tense == "future":
        return fwd
    if tense == "present" and back is not None and fwd is not None:
        return fwd if (fwd - ref) < (ref - back) else back
    return back if back is not None else fwd


def _month_year(ref: date, m: int, tense: str, rel: Optional[str]) -> int:
    if rel in ("last", "past", "this past"):
        return ref.year if m < ref.month else ref.year - 1
    if rel in ("next", "coming", "this coming"):
        return ref.year if m > ref.month else ref.year + 1
    if rel == "this":
        return ref.year
    if tense == "future":
        return ref.year if m >= ref.month else ref.year + 1
    if tense == "present":
        back = (ref.month - m) % 12
        fwd = (m - ref.month) % 12
        if fwd < back:
            return ref.year if m >= ref.month else ref.year + 1
    return ref.year if m <= ref.month else ref.year - 1


def _part(start: date, end: date, mod: Optional[str], unit: str) -> tuple[date, date]:
    """early / mid / late part of a month (1-10, 11-20, 21-end), year (Jan-Apr, May-Aug, Sep-Dec)
    or week (Mon-Wed, Tue-Thu, Thu-Sun)."""
    if not mod or mod in ("earlier", "later"):
        return start, end
    mod = {"the start of": "early", "the beginning of": "early", "the middle of": "mid", "the end of": "late"}.get(
        re.sub(r"\s+", " ", mod), mod)
    if unit == "month":
        cuts = {"early": (1, 10), "mid": (11, 20), "late": (21, end.day)}[mod]
        return start.replace(day=cuts[0]), start.replace(day=cuts[1])
    if unit == "year":
        cuts = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[mod]
        return date(start.year, cuts[0], 1), _month_end(start.year, cuts[1])
    cuts = {"early": (0, 2), "mid": (1, 3), "late": (3, 6)}[mod]
    return start + timedelta(days=cuts[0]), start + timedelta(days=cuts[1])


def _period(ref: date, unit: str, shift: int) -> tuple[date, date]:
    """The calendar week (Mon-Sun), month or year containing ref, shifted by ``shift`` periods."""
    if unit == "week":
        mon = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
        return mon, mon + timedelta(days=6)
    if unit == "month":
        first = _add_months(ref.replace(day=1), shift)
        return first, _month_end(first.year, first.month)
    return date(ref.year + shift, 1, 1), date(ref.year + shift, 12, 31)


def _parse_dm(s: str) -> tuple[Optional[int], Optional[int], Optional[int]]:
    """(day, month, year) of an explicit date written with a month name."""
    mm = re.search(r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December"
                   r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)", s)
    ym = re.search(_YEAR, s)
    rest = s[:ym.start()] + " " * (ym.end() - ym.start()) + s[ym.end():] if ym else s
    dm = re.search(r"\b(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b", rest, re.I)
    return (int(dm.group(1)) if dm else None, MONTHS[mm.group(0).lower()] if mm else None,
            int(ym.group(0)) if ym else None)


# ----------------------------------------------------------------------------- resolvers
# Each returns (start, end, precision) or None when it cannot resolve (no reference date, an
# impossible date, an ambiguous numeric date).
Result = Optional[tuple[Optional[date], Optional[date], str]]


def _r_iso(m, ref, tense, locale) -> Result:
    d = date.fromisoformat(re.search(r"\d{4}-\d{2}-\d{2}", m.group(0)).group(0))
    return d, d, "day"


def _r_numeric(m, ref, tense, locale) -> Result:
    a, b, y = re.search(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})", m.group(0)).groups()
    a, b, y = int(a), int(b), int(y)
    if y < 100:
        y += 2000 if y < 70 else 1900
    if m.group("sep") == ".":
        dmy = True  # dotted dates are day first everywhere they are used
    elif locale:
        dmy = locale.replace("-", "_").lower() not in MDY_LOCALES
    elif a > 12 >= b:
        dmy = True
    elif b > 12 >= a:
        dmy = False
    elif a == b:
        dmy = True
    else:
        return None  # 01/02/2025 with no locale: 1 February or January 2? Do not guess.
    d = _safe_date(y, b, a) if dmy else _safe_date(y, a, b)
    return (d, d, "day") if d else None


def _r_explicit(m, ref, tense, locale) -> Result:
    body = m.group(0)
    day, month, year = _parse_dm(body)
    if day is None or month is None:
        return None
    if year is not None:
        d = _safe_date(year, month, day)
    elif ref is not None:
        d = _date_no_year(ref, month, day, tense)
    else:
        return None
    return (d, d, "day") if d else None


def _r_dayrange(m, ref, tense, locale) -> Result:
    body = m.group(0)
    _, month, year = _parse_dm(body)
    ym = re.search(_YEAR, body)
    rest = body[:ym.start()] if ym else body
    days = [int(x) for x in re.findall(r"\b(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b", rest, re.I)]
    if month is None or len(days) < 2 or days[1] < days[0]:
        return None
    if year is None:
        if ref is None:
            return None
        first = _date_no_year(ref, month, days[0], tense)
        if first is None:
            return None
        year = first.year
    s, e = _safe_date(year, month, days[0]), _safe_date(year, month, days[1])
    return (s, e, "day") if s and e else None


def _r_daterange(m, ref, tense, locale) -> Result:
    (d1, m1, y1), (d2, m2, y2) = _parse_dm(m.group("a")), _parse_dm(m.group("b"))
    if None in (d1, m1, d2, m2):
        return None
    if y2 is None and y1 is not None:
        y2 = y1 if (m2, d2) >= (m1, d1) else y1 + 1
    if y1 is None and y2 is not None:
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    if y1 is None:
        if ref is None:
            return None
        s = _date_no_year(ref, m1, d1, tense)
        if s is None:
            return None
        e = next((c for c in (_safe_date(s.year + k, m2, d2) for k in range(0, 2)) if c and c >= s), None)
    else:
        s, e = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
    return (s, e, "day") if s and e and s <= e else None


def _r_month(m, ref, tense, locale) -> Result:
    month = MONTHS[m.group("month").lower()]
    if m.group("year"):
        year = int(m.group("year"))
    elif ref is not None:
        rel = re.sub(r"\s+", " ", _g(m, "rel") or "") or None
        # Past tense: the latest such month not after the reference ("in October" published in
        # December is this year's October; "in December" published 3 January is last December).
        year = _month_year(ref, month, tense, rel)
    else:
        return None
    s, e = _part(date(year, month, 1), _month_end(year, month), _g(m, "mod"), "month")
    return s, e, "month"


def _r_year(m, ref, tense, locale) -> Result:
    y = int(m.group("year"))
    s, e = _part(date(y, 1, 1), date(y, 12, 31), _g(m, "mod"), "year")
    return s, e, "year"


def _r_period(m, ref, tense, locale) -> Result:
    if ref is None:
        return None
    unit, rel = _g(m, "unit"), re.sub(r"\s+", " ", _g(m, "rel"))
    mod = _g(m, "mod")
    if rel in ("the past", "past"):
        # A rolling window ending on the reference day ("over the past week").
        days = {"week": 7, "month": 30, "year": 365}[unit]
        return ref - timedelta(days=days), ref, unit
    shift = {"this": 0, "last": -1, "previous": -1, "the previous": -1, "next": 1}[rel]
    s, e = _period(ref, unit, shift)
    if shift == 0 and mod == "earlier":
        e = max(s, ref - timedelta(days=1))
    elif shift == 0 and mod == "later":
        s = min(e, ref + timedelta(days=1))
    elif mod:
        s, e = _part(s, e, mod, unit)
    elif shift == 0 and tense == "past":
        e = ref  # "this week" said of the past: Monday up to the reference day
    elif shift == 0 and tense == "future":
        s = ref
    return s, e, unit


def _r_since_start(m, ref, tense, locale) -> Result:
    if ref is None:
        return None
    s, _ = _period(ref, _g(m, "unit"), 0)
    return s, ref, "day"


def _count(num: Optional[str]) -> tuple[float, float]:
    """(low, high) of a small count word: "a few" is 2-4, "several" 3-7."""
    num = re.sub(r"\s+", " ", (num or "").lower())
    if num in ("a few", "few"):
        return 2, 4
    if num == "several":
        return 3, 7
    n = int(num) if num.isdigit() else SMALL_NUMBERS.get(num, 1)
    return n, n


_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "fortnight": 14, "month": 30.44, "year": 365.25}


def _r_ago(m, ref, tense, locale) -> Result:
    if ref is None:
        return None
    unit = _g(m, "unit").rstrip("s")
    lo_n, hi_n = _count(m.group("num"))
    qual = re.sub(r"\s+", " ", _g(m, "qual") or "")
    per = _UNIT_DAYS[unit]
    lo, hi = lo_n * per, hi_n * per  # days ago
    base = lo
    if qual in ("a little over", "a little more than", "a bit over", "a bit more than", "just over",
                "slightly more than", "slightly over"):
        # A little over a week: 8 to 10 days back (up to 40% past the stated span).
        lo, hi = base + 1, base + max(1, round(base * 0.4))
    elif qual in ("more than", "over", "at least"):
        lo, hi = (base if qual == "at least" else base + 1), max(base + 1, hi * 2)
    elif qual in ("less than", "under", "slightly less than"):
        lo, hi = 0, max(0, base - 1)
    elif qual in ("nearly", "almost", "just under"):
        lo, hi = base - max(1, round(base * 0.3)), max(0, base - 1)
    elif qual in ("about", "around", "roughly", "approximately", "some"):
        tol = max(1, round(base * 0.2))
        lo, hi = base - tol, hi + tol
    elif unit in ("week", "fortnight", "month", "year"):
        # "a week ago", "two months ago": spoken loosely; allow 15% either side.
        tol = max(1, round(base * 0.15))
        lo, hi = lo - tol, hi + tol
    if unit == "hour":  # "48 hours ago": whole days back; "two hours ago": the reference day
        lo, hi = int(lo // 1), int(hi // 1)
    else:
        lo, hi = max(0, int(lo // 1)), max(0, int(-(-hi // 1)))
    start, end = ref - timedelta(days=hi), ref - timedelta(days=lo)
    return start, end, "day" if start == end else "approximate"


def _r_recent(m, ref, tense, locale) -> Result:
    if ref is None:
        return None
    unit = _g(m, "unit").rstrip("s")
    rel = _g(m, "rel")
    if m.group("recent"):
        span = {"hour": 1, "day": 7, "week": 28, "month": 182, "year": 730}[unit]
        return ref - timedelta(days=span), ref, "approximate"
    lo_n, hi_n = _count(m.group("num") or "several" if not m.group("num") else m.group("num"))
    days = int(-(-hi_n * _UNIT_DAYS[unit] // 1))
    fuzzy = not m.group("num") or lo_n != hi_n
    precision = "approximate" if fuzzy else ("day" if unit in ("hour", "day") else unit)
    if rel in ("coming", "next"):
        return ref, ref + timedelta(days=days), precision
    return ref - timedelta(days=days), ref, precision


def _r_weekend(m, ref, tense, locale) -> Result:
    if ref is None:
        return None
    det = re.sub(r"\s+", " ", _g(m, "det"))
    sat_this = _latest_weekday(ref, 5)  # latest Saturday not after ref
    if det == "last":
        sun = _latest_weekday(ref, 6, strict=True)
        return sun - timedelta(days=1), sun, "day"
    if det in ("next", "coming", "this coming"):
        sat = _next_weekday(ref, 5, strict=True) if det == "next" else _next_weekday(ref, 5)
        if det != "next" and ref.weekday() == 6:
            sat = ref - timedelta(days=1)
        return sat, sat + timedelta(days=1), "day"
    if det in ("past", "this past"):
        tense = "past"
    if tense == "future":
        sat = ref - timedelta(days=1) if ref.weekday() == 6 else _next_weekday(ref, 5)
        return sat, sat + timedelta(days=1), "day"
    if tense == "present" and ref.weekday() < 5:
        nxt = _next_weekday(ref, 5)
        if (nxt - ref) < (ref - (sat_this + timedelta(days=1))):
            return nxt, nxt + timedelta(days=1), "day"
    # Past: the latest weekend, never running past the reference day.
    return sat_this, min(sat_this + timedelta(days=1), ref), "day"


def _r_overnight(m, ref, tense, locale) -> Result:
    if ref is None:
        return None
    if m.group("wd"):
        d = _by_tense_weekday(ref, WEEKDAYS[_g(m, "wd")], tense)
        # "overnight into Sunday": Saturday night to Sunday morning.
        return (d - timedelta(days=1), d, "day") if m.group("into") else (d, d, "day")
    # The night before the reference day spans two calendar dates.
    return ref - timedelta(days=1), ref, "day"


def _r_deictic(m, ref, tense, locale) -> Result:
    if ref is None:
        return None
    w = re.sub(r"\s+", " ", _g(m, "word"))
    if "day before yesterday" in w:
        k = -2
    elif "day after tomorrow" in w:
        k = 2
    elif "yesterday" in w or w == "last night":
        k = -1  # "last night": the evening before the reference day
    elif "tomorrow" in w:
        k = 1
    else:
        k = 0
    d = ref + timedelta(days=k)
    return d, d, "day"


def _r_weekday(m, ref, tense, locale) -> Result:
    if ref is None:
        return None
    rel = re.sub(r"\s+", " ", _g(m, "rel") or "") or None
    wd1, wd2 = WEEKDAYS[_g(m, "wd1")], (WEEKDAYS[_g(m, "wd2")] if m.group("wd2") else None)
    if rel in ("last", "past", "this past"):
        mode, strict = "past", rel == "last"  # "last Saturday": strictly before the reference day
    elif rel in ("next", "coming", "this coming"):
        mode, strict = "future", rel == "next"
    elif rel == "this":
        mode, strict = ("past" if tense == "past" else "future"), False
    else:
        mode, strict = tense, False
    if wd2 is None:
        if mode == "past":
            d = _latest_weekday(ref, wd1, strict)
        elif mode == "future":
            d = _next_weekday(ref, wd1, strict)
        else:
            d = _by_tense_weekday(ref, wd1, "present")
        return d, d, "day"
    # Two days ("Saturday and Sunday"): in the past the range ends on the latest second day not
    # after the reference day; in the future it starts on the first day not before it.
    if mode == "past":
        e = _latest_weekday(ref, wd2, strict)
        s = _latest_weekday(e - timedelta(days=1), wd1)
    else:
        s = _next_weekday(ref, wd1, strict) if mode == "future" else _by_tense_weekday(ref, wd1, "present")
        e = _next_weekday(s + timedelta(days=1), wd2)
    return s, e, "day"


_RESOLVERS = {
    "iso": _r_iso, "numeric": _r_numeric, "explicit": _r_explicit, "dayrange": _r_dayrange,
    "daterange": _r_daterange, "month": _r_month, "year": _r_year, "period": _r_period,
    "since_start": _r_since_start, "ago": _r_ago, "recent": _r_recent, "weekend": _r_weekend,
    "overnight": _r_overnight, "deictic": _r_deictic, "weekday": _r_weekday,
}


def _time_precision(start: Optional[date], end: Optional[date]) -> Optional[int]:
    if start is None or end is None:
        return None
    days = (end - start).days
    return 1 if days == 0 else 2 if days <= 6 else 3


def resolve_time(expr: str, anchor: DateLike, *, tense: str = "past", locale: Optional[str] = None,
                 spoken_at: DateLike = None) -> TimeExpr:
    """Resolve one temporal expression (as found by ``find_times``) to a TimeExpr.

    ``anchor`` is the publication date; ``spoken_at``, when known, is the date the source spoke
    and becomes the reference for relative expressions ("a little over a week ago" said on Monday
    counts back from Monday). ``tense`` ("past", "present", "future") picks the occurrence of a
    weekday, month or undated day: past = the latest not after the reference day (the reference
    day's own weekday is the reference day itself), future = the first not before it, present =
    the nearest. ``locale`` settles numeric dates such as 01/02/2025 ("en_US" month first, any
    other locale day first; without one only unambiguous numeric dates resolve).
    """
    if tense not in ("past", "present", "future"):
        raise UsageError(f"tense must be past, present or future, got {tense!r}")
    ref = _as_date(spoken_at) or _as_date(anchor)
    text = expr.strip()
    found = _scan(text)
    out = TimeExpr(text=text, start=None, end=None, precision="unresolved", time_precision=None, span=None,
                   anchor=ref.isoformat() if ref else None)
    if not found:
        return out
    s, e, fam, m = max(found, key=lambda f: f[1] - f[0])
    try:
        res = _RESOLVERS[fam.kind](m, ref, tense, locale)
    except (OverflowError, ValueError):
        # Counting from a reference at the calendar's edge (0001-01-01, 9999-12-31) leaves the
        # dates Python can hold: such an expression has no date we could give, so it stays unresolved.
        res = None
    if res is None:
        return out
    start, end, precision = res
    if _g(m, "prep") == "since":
        end = ref  # open range: from the start of X up to the reference day (None without one)
    if start is None and end is None:
        return out
    out.start = start.isoformat() if start else None
    out.end = end.isoformat() if end else None
    out.precision = precision
    if start is not None and end is not None:
        out.time_precision = _time_precision(start, end)
    elif start is not None:  # open range without a reference day: how well the start is known
        out.time_precision = {"day": 1, "week": 2}.get(precision, 3)
    return out


def times_in(text: str, anchor: DateLike, *, offset: int = 0, tense: Optional[str] = None,
             locale: Optional[str] = None, spoken_at: DateLike = None) -> list[TimeExpr]:
    """``find_times`` then ``resolve_time`` on each, with spans filled in (tense guessed from
    ``text`` when not given)."""
    tense = tense or tense_of(text)
    out = []
    for s, e, expr in find_times(text, offset):
        t = resolve_time(expr, anchor, tense=tense, locale=locale, spoken_at=spoken_at)
        t.span = (s, e)
        out.append(t)
    return out


_FUTURE = re.compile(r"\b(?:will|won't|shall|going\s+to|gonna|is\s+(?:due|set|scheduled|expected|planned)\s+to|"
                     r"are\s+(?:due|set|scheduled|expected|planned)\s+to|plans?\s+to|intends?\s+to)\b|\w'll\b", re.I)
_PAST = re.compile(r"\b(?:was|were|had|did|said|told|took|made|went|came|saw|gave|began|fought|fell|left|"
                   r"lost|won|held|led|shot|hit|struck|sent|met|spoke|wrote|\w{3,}ed)\b", re.I)


# _FUTURE split in two, each searched only when the text holds what it needs (the same answer,
# cheaper: most sentences have none of these words and no ASCII apostrophe).
_FUTURE_WORDS = re.compile(_FUTURE.pattern.rsplit(r"|\w'll\b", 1)[0], re.I)
_FUTURE_LL = re.compile(r"\w'll\b", re.I)
_FUTURE_HINTS = ("will", "won't", "shall", "going", "gonna", "due", "set", "scheduled", "expected", "plan", "intend")


def _is_future(sentence: str) -> bool:
    if _GATE_UNSAFE.search(sentence):
        return _FUTURE.search(sentence) is not None
    low = sentence.lower()
    if any(h in low for h in _FUTURE_HINTS) and _FUTURE_WORDS.search(sentence):
        return True
    return "'" in sentence and _FUTURE_LL.search(sentence) is not None


def tense_of(sentence: str) -> str:
    """Cheap tense guess for a clause: "future" with will / going to / is set to, "past" with a
    past-tense verb form, else "present"."""
    if _is_future(sentence):
        return "future"
    if _PAST.search(sentence):
        return "past"
    return "present"
