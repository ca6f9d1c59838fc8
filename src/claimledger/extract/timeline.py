"""A document's temporal expressions read in order: the story's date, anaphora and narratives.

    is_narrative(text, anchor)                 a history rather than a news report
    Timeline(anchor, text=...)                 one document read in order (anaphora, narratives)
    DocumentTimes(text, anchor, sentences)     that reading kept for a whole document (claims)

Each expression is resolved by ``claimledger.extract.times.resolve_time`` with the last date the
text mentioned as its context; what only the reading in order knows is here: which mention an
expression reads from (a look back, an aside, the end a thing lasted until and a range's end
do not move the story the same way), its sentence around it (a date told by an event set beside
a date names that date; a season takes the year its sentence names next; "stayed for the next
year" is a length) and where it lies (a clock time alone takes the day named just before it in its
paragraph; in news an old year named in an earlier paragraph no longer dates a month).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Optional

from ..models import TimeExpr
from .times import (_CLOCK_ALONE, _alternation, _DAYN, MONTHS, WEEKDAYS, _DUR_UNITS, _NUMW, _ORD, _SEASON_CODE, DateLike, Point, _as_date, _dur_value, _month_end, _safe_date, _time_precision, _yv,
                    _HOLIDAY_RE, _PAST, clock_day, find_times, names_a_thing, resolve_time, tense_at, tense_of, timeml_parts)


# A report's opening counts from its date ("said on Monday", "yesterday", "this week", "the tribunal
# today sentenced"); a history's does not (none of WikiWars' sixteen narratives does in its first 600
# characters).
_LEDE = 600
_LEDE_DEICTIC = re.compile(r"\b(?:yesterday|tomorrow|tonight|(?:this|last|next)\s+week)\b", re.I)
# a weekday counts whatever follows it ("On Monday, 15 people were killed", "On Monday, March 11,"),
# except a date whose year lies far from the publication's ("Sunday, December 7, 1941": a history)
_LEDE_WEEKDAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(?!s)", re.I)
_WEEKDAY_YEAR = re.compile(r",?\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+"
                           r"\d{1,2}(?:st|nd|rd|th)?),?\s+(?P<year>\d{4})\b")
# "today" telling the report's own day: after a verb told in the past ("said today", "was killed
# today") or before one ("the UN tribunal today sentenced"); not "what is today Vietnam" (nowadays)
_LEDE_TODAY = re.compile(r"\b(?:said|told|announced|\w{3,}ed)\s+today\b"
                         r"|\btoday\s+(?:said|told|announced|\w{3,}ed)\b", re.I)


# a weekday with a day and month but no year ("Early on Friday 2 April", "Monday, March 11")
_WEEKDAY_DAY = re.compile(r",?\s+(?:the\s+)?(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>[A-Z][a-z]+)\.?"
                          r"|(?P<m2>[A-Z][a-z]+)\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)\b")


_LEDE_DAYS = 92   # how far from the publication date a report's opening day may lie


def _weekday_fits(weekday: str, dated: re.Match, ref: date) -> bool:
    """A weekday written with a day and month but no year ("Friday 2 April") counts from the
    publication date only when that day, in the year nearest the publication, is that weekday and
    lies within a quarter of it: a history of 1982 telling "Friday 2 April" published on 27
    November 2026 does not (2 April 2027 is a Friday, but four months ahead)."""
    month = MONTHS.get((dated.group("m1") or dated.group("m2")).lower())
    day = int(dated.group("d1") or dated.group("d2"))
    if month is None:
        return True   # not a date after all ("On Monday, Reuters said"): the weekday counts
    days = [d for d in (_safe_date(y, month, day) for y in (ref.year - 1, ref.year, ref.year + 1)) if d is not None]
    if not days:
        return True
    nearest = min(days, key=lambda d: abs((d - ref).days))
    return nearest.weekday() == WEEKDAYS[weekday.lower()] and abs((nearest - ref).days) <= _LEDE_DAYS


def _opens_on_its_day(text: str, ref: date) -> bool:
    """The opening of a report names a day counted from its date ("on Monday", "yesterday", "this
    week", "today sentenced")."""
    lede = text[:_LEDE]
    if _LEDE_DEICTIC.search(lede) or _LEDE_TODAY.search(lede):
        return True
    for m in _LEDE_WEEKDAY.finditer(lede):
        dated = _WEEKDAY_YEAR.match(text, m.end())
        if dated is not None:
            if abs(int(dated.group("year")) - ref.year) <= 2:
                return True
            continue
        day = _WEEKDAY_DAY.match(text, m.end())
        if day is None or _weekday_fits(m.group(0), day, ref):
            return True
    return False


_NARRATIVE_YEAR = re.compile(r"\b(1[0-9]\d\d|20\d\d)\b|\b\d{1,4}\s*(?-i:BC|B\.C\.|BCE)\b")


def is_narrative(text: str, anchor: DateLike) -> bool:
    """A history rather than a news report: no reference date, or most years it names lie more
    than two years from the publication year (the median one, or each of the first three named; a
    war narrative of 1939 published in 2009). Its
    relative expressions then count from the last date it mentioned, as HeidelTime's narrative
    domain does; a news report's deictic ones ("yesterday", "last week") from its date. Fewer
    than three years named, or an opening that names a day from the publication date ("said on
    Monday", "yesterday": a report with background years): a news report."""
    ref = _as_date(anchor)
    years = [m.group(1) for m in _NARRATIVE_YEAR.finditer(text)]
    if ref is None:
        return len(years) >= 3
    if _opens_on_its_day(text, ref):
        return False   # its opening names a day from its date ("on Monday", "yesterday"): a report
    if len(years) < 3:   # one or two years named: too little to call a report a history
        return False
    gaps = [abs(int(y) - ref.year) if y else 9999 for y in years]
    # most years far away, or a text that opens in a past the report is not about (a history that
    # runs up to its publication: the Iraq war told in 2009 starts in 2003)
    return sorted(gaps)[len(gaps) // 2] > 2 or min(gaps[:3]) > 2


_OWN_YEAR = re.compile(r"\b\d{3,4}\b")
_CALENDAR_WORD = re.compile(r"(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|spring|summer|autumn|fall|winter"
                            rf"|{_HOLIDAY_RE}", re.I)


# the year a count of years names right after it: "nearly eighty years later, in 1976", "a mere two years
# later (218 BC)"
_YEAR_NAMED_AFTER = re.compile(r"\s*(?:,\s*in\s+|\(\s*(?:in\s+)?)(?P<y>\d{1,4})(?:\s*(?P<era>BCE?|B\.C\.(?:E\.)?|AD|A\.D\.))?"
                               r"(?=\s*[,;:.)]|\s*$)")
_COUNT_OF_YEARS = re.compile(r"\b(?:years|decades)\s+(?:later|afterwards?|earlier|before)$", re.I)


def _count_named_after(t: TimeExpr, expr: str, after: str) -> TimeExpr:
    """A count of years from the story ("nearly eighty years later", "a mere two years later") whose
    year the sentence names right after it is that year, when it lies within five years of the count's:
    the count was round ("nearly eighty years later, in 1976": 1976, not 1978)."""
    m = _YEAR_NAMED_AFTER.match(after)
    p = Point.of_value(t.value)
    if m is None or p is None or p.month is not None or not _COUNT_OF_YEARS.search(expr.strip()):
        return t
    y = int(m.group("y"))
    era = (m.group("era") or "").upper().replace(".", "")
    if era.startswith("BC") or (not era and p.year < 0):
        y = -y
    if y == p.year or abs(y - p.year) > 5:
        return t
    if y > 0:
        return replace(t, value=f"{y:04d}", start=date(y, 1, 1).isoformat(), end=date(y, 12, 31).isoformat())
    return replace(t, value=_yv(y))


# "the winter-spring of 1920": the year written is the spring's; the winter is named by its January too
_WINTER_THEN_SEASON = re.compile(r"\bwinter\s*(?:-|\u2013|and|to|into)\s*(?:the\s+)?(?:spring|summer)\b", re.I)
_WINTER_VALUE = re.compile(r"(BC)?(\d{4})-WI")


def _winter_by_its_january(t: TimeExpr, expr: str) -> TimeExpr:
    """A history's winter that names no year of its own ("the winter", "winter", "the depth of
    winter") is named by the year of its January, as WikiWars writes it: the winter after October 1918
    is 1919-WI, December 1854 to February 1855 is 1855-WI. Its range is unchanged, and the story was
    moved by the year it begins in (Point.of_value). A winter named with a year ("the winter of 1791",
    "the winter of 1939-40") keeps the year written."""
    m = _WINTER_VALUE.fullmatch(t.value or "")
    if m is None or (re.search(r"\d", expr) and not _WINTER_THEN_SEASON.search(expr)) or not t.start:
        return t   # (a BC story's winter has no range: it is named by the story's year as it stands)
    y = int(m.group(2)) * (-1 if m.group(1) else 1) + 1
    return replace(t, value=f"{_yv(y)}-WI")


def _jump_gap(p: Point, last: Point) -> float:
    """Days from the story's date to a newly named point, a year alone counted from its nearest day
    (1 January going forward, 31 December going back): "on 21 May 1420 ... in 1422" is no jump of more
    than two years."""
    if p.month is None and p.year != last.year and 1 <= p.year <= 9999:
        return _gap(date(p.year, 1, 1) if p.year > last.year else date(p.year, 12, 31), last)
    return _gap(p.as_date(), last)


def _gap(day, p: Optional[Point], year_alone: Optional[float] = None) -> float:
    """Days between a date (ISO text or date) and a mentioned point; infinite when either is unknown.
    ``year_alone``: the gap to a point that is a year alone (none of its months lies nearer it than
    another: 1 July stands for it only as a day must)."""
    if year_alone is not None and p is not None and p.month is None:
        return year_alone
    d = date.fromisoformat(day) if isinstance(day, str) else day
    ref = p.as_date() if p is not None else None
    return abs((d - ref).days) if d is not None and ref is not None else float("inf")


# a date told in the past perfect ("Chinese forces that had invaded Northern Burma in late 1943") is
# before the story's time: in a history it leaves the story's date where it was
_PLUPERFECT = re.compile(r"\bhad\s+(?:already\s+|been\s+)?[a-z]+(?:ed|en|un|ought|ung|ept|ade|ent|ost|eld)\b[^,.;:]*$",
                         re.I)
# a deadline in a plan or a forecast ("would end its presence by 2011", "expected to leave by
# June"): a look ahead, not the story's new date
_PLANNED_BY = re.compile(r"\b(?:would|will|shall|expect(?:s|ed)?|plan(?:s|ned)?|scheduled|due|promised|pledged|agreed|predict(?:s|ed)?|forecast)\b"
                         r"[^.;:]*\b(?:by|until|before|after)\s+$", re.I)
_DEADLINE_PREP = re.compile(r"(?:by|until|before|after)\s+", re.I)


def _planned_by(before: str, expr: str) -> bool:
    """``expr`` is a deadline in a plan or forecast (its preposition in it or just before it)."""
    lead = _DEADLINE_PREP.match(expr.strip())
    return bool(_PLANNED_BY.search((before + (" " + lead.group(0) if lead else ""))[-80:]))


# news: a date inside a "since" clause ("the camps have taken in 300,000 refugees since the war
# there began in April 2023") tells when a thing that lasts until now began: background, not the
# report's new date
_SINCE_CLAUSE = re.compile(r"\bsince\b[^.;:,]{0,60}$", re.I)

_LOOKS_BACK = re.compile(r"\b(?:earlier|previous|preceding|prior|previously|before)\b", re.I)
# in a history, "next summer", "by next year" (no article: a speaker's or a plan's look ahead, not
# the narration's "the next year") leaves the story where it was too
_LOOKS_AHEAD = re.compile(r"(?:by\s+|in\s+|until\s+)?next\b", re.I)

# A date told by an event ("two days after the KPA invaded", "the day after the crossing", "the
# fifth day of the rebellion", "the sixth anniversary of the city's fall"): set beside a date in
# apposition ("On 27 June 1950, two days after ..."; "on 2 October 1950 - the day after ...") it
# names that same date, whatever the event's own date was.
_BY_EVENT = re.compile(
    rf"(?:(?:{_NUMW}|the|a|an)\s+)?(?:{_DUR_UNITS}|weekend)\s+(?:after|before|since)\b(?!\s+(?:that|this|it)\b)"
    rf"|the\s+(?:(?:{_ORD})\s+)?(?:day|night|morning|anniversary|week|month|year)\s+of\b(?!\s+(?:that|this|the\s+same)\b)"
    rf"|(?:the\s+)?(?:{_ORD})[\s-]+(?:year\s+)?anniversary\b"
    # "in May, Iraq's bloodiest month since the invasion": a period told by what it was
    rf"|(?:the|its|their|his|her|(?-i:[A-Z])[\w-]*['\u2019]s)\s+(?!(?:following|next|previous|preceding|prior|same|"
    rf"coming|past|last|first)\b)(?:[a-z-]+\s+){{0,2}}(?:day|night|week|month|year)\b(?!s)", re.I)
# what joins an apposition to its date: a comma, a dash, an opening bracket; "and" only between two
# appositions ("two days after X and three months before Y")
_APPOSED = re.compile(r"\s*(?:,|\(|-|\u2013|\u2014)\s*$")
_APPOSED_AND = re.compile(r"\s*(?:,\s*)?(?:and|or)\s+$", re.I)


@lru_cache(maxsize=1)
def _season_kind_nouns() -> frozenset[str]:
    text = resources.files("claimledger").joinpath("data", "season_generic_nouns.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#"))


_BARE_SEASON = re.compile(r"(?:in\s+|for\s+)?(?P<season>spring|summer|autumn|fall|winter)", re.I)
_NEXT_WORD = re.compile(r"[\s-]+(?P<word>[A-Za-z]+)")


def _season_of_a_kind(expr: str, after: str) -> Optional[TimeExpr]:
    """A season with no article or year before a noun naming a kind of thing ("winter quarters",
    "winter food supplies"): no particular season (XXXX-WI), and no new date for the story."""
    m = _BARE_SEASON.fullmatch(expr.strip())
    nxt = _NEXT_WORD.match(after) if m and after else None
    if nxt is None or nxt.group("word").lower() not in _season_kind_nouns():
        return None
    value = f"XXXX-{_SEASON_CODE[m.group('season').lower()]}"
    return TimeExpr(text=expr.strip(), start=None, end=None, precision="unresolved", time_precision=None, span=None,
                    anchor=None, value=value, type="DATE")


_FOR_BEFORE = re.compile(r"\b(?:for|over|within)\s+$", re.I)
# "for the next year" is a length after a verb of lasting ("stayed for the next year", "the road was
# closed for the next month"); after a noun or another verb it is the year it is for ("approved the
# budget for the next year": 2025)
_LASTS_FOR = re.compile(r"\b(?:last(?:s|ed|ing)?|continu(?:e|es|ed|ing)|stay(?:s|ed|ing)?|remain(?:s|ed|ing)?|"
                        r"serv(?:e|es|ed|ing)|liv(?:e|es|ed|ing)|went\s+on|go(?:es)?\s+on|going\s+on|r[au]n(?:s|ning)?|"
                        r"rul(?:e|es|ed|ing)|reign(?:s|ed)?|held|hold(?:s|ing)?|kept|keep(?:s|ing)?|wait(?:s|ed|ing)?|"
                        r"ban(?:s|ned)?|suspend(?:s|ed)?|clos(?:e|es|ed)|shut|extend(?:s|ed)?|jailed|imprisoned|"
                        r"detained|sentenced|besieged|occupied|fought|fight(?:s|ing)?)\b[^.;:,]{0,30}?\bfor\s+$", re.I)
_WINDOW_ON = re.compile(r"the\s+(?:next|following|coming)\s+(?P<unit>day|week|month|year|decade)", re.I)
_UNTIL = re.compile(r"\b(?:lasted|lasting|continued|went\s+on|dragged\s+on)\s+(?:[\w'-]+\s+){0,3}?(?:until|till|into)\s+"
                    r"(?:[\w'-]+\s+){0,5}?(?:(?:in|on)\s+)?$", re.I)
_AHEAD = 80   # how far on in its sentence a date may name the year of an expression without one
_OWN_PHRASE = 25   # characters on from an expression within which "of <year>" is still its own ("Spring Offensive of 1918")
_OF_YEAR = re.compile(r"\bof\s+\d{3,4}$", re.I)
_ANAPHORIC_WORD = re.compile(r"\b(?:that|same|following|next|previous|preceding|this)\b", re.I)


def _named_ahead(after: str) -> Optional[Point]:
    """The first date with a year of its own in ``after`` (the rest of a sentence)."""
    for s, e, expr in find_times(after[:_AHEAD]):
        # not a year naming a thing ("lowest in November since the 2003 invasion", "pushed back to
        # the ceasefire line of 1967": a noun's "of" beyond the expression's own phrase, which "the
        # Spring Offensive of 1918" is)
        if _OWN_YEAR.search(expr) and not names_a_thing(after, s, e) and not (
                s > _OWN_PHRASE and _OF_YEAR.search(after[:s] + expr)):
            return Point.of_value(resolve_time(expr, None).value)
    return None


# how far before the story's date a date may lie and still be the story's ("Meanwhile, on 24 June",
# told after 13 July): a month
_MEANWHILE = 31


def _before_the_story(t: TimeExpr, story: Point) -> bool:
    """``t`` ends before the story's date: after a jump forward ("... on 29 December 1895. Talks
    broke down in June 1899. On 9 October ..."), a story that returns from the jump goes on from
    where it was; it does not go back further than it had been ("9 October" is 1899's, not 1895's)."""
    d = story.as_date()
    return d is not None and bool(t.end or t.start) and (d - date.fromisoformat(t.end or t.start)).days > _MEANWHILE


# a count of years on from the story ("fourteen years later", "two decades afterwards")
_YEARS_ON = re.compile(rf"\b(?:years|decades)\s+(?:{_alternation('years_on_words')})\b", re.I)
# a sentence that says it lies before the story's date: "Meanwhile, in March, the people of Paris had
# risen" (after a jump forward, a date that far back is then still the story's)
_TOLD_BEFORE = re.compile(rf"\b(?:{_alternation('meanwhile_words')})\b|^[^.;:]*?\bhad\s+(?:already\s+)?(?:been\s+)?"
                          r"[a-z]+(?:ed|en|un|ought|ung|ept|ade|ent|ost|eld|isen)\b", re.I)
# the day right after a clock time in a history: "11 a.m. Leningrad time the next day", "noon on 8 September"
_DAY_AFTER_CLOCK_NARRATIVE = re.compile(
    rf"(?:\s+(?-i:[A-Z][a-z]+)\s+time)?\s*,?\s+(?:on\s+)?(?P<day>(?:the\s+)?(?:next|following|same|previous)\s+(?:day|morning|afternoon|evening)"
    rf"|that\s+day|the\s+day\s+after|{_DAYN}\s+(?-i:[A-Z][a-z]+)(?:\s+\d{{4}})?|(?-i:[A-Z][a-z]+)\s+{_DAYN}(?:,?\s+\d{{4}})?)\b")
_LOCAL_TIME = re.compile(r"\s+(?-i:[A-Z][a-z]+)\s+time$")
_BY_BEFORE = re.compile(r"\bby\s+$", re.I)
_SEASON_ALONE = re.compile(r"(?:the\s+)?(?:spring|summer|autumn|fall|winter)", re.I)
_MONTH_WORD = re.compile(r"(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
# "would" governing what follows it up to the expression (no comma, colon or semicolon between)
# a comparison leading to the expression, within its clause ("as against 3,500 in January 2007")
_COMPARED = re.compile(rf"\b(?:{_alternation('comparison_words')})\b[^.;:]{{0,50}}$", re.I)
_WOULD_BEFORE = re.compile(r"\bwould\s+[^,;:]*$", re.I)
_AND_ON = re.compile(r"(?:,\s*|\s)(?:and|and\s+then|then)\s", re.I)


def _a_year_on(t: TimeExpr) -> TimeExpr:
    """``t`` a year later (value, range and anchor)."""
    def on(iso: Optional[str]) -> Optional[str]:
        if not iso or not re.match(r"\d{4}", iso):
            return iso
        d = date.fromisoformat(iso[:10])
        return _safe_date(d.year + 1, d.month, min(d.day, 28) if (d.month, d.day) == (2, 29) else d.day).isoformat() + iso[10:]
    value = t.value
    if value and re.match(r"\d{4}", value):
        value = f"{int(value[:4]) + 1:04d}" + value[4:]
    return replace(t, value=value, start=on(t.start), end=on(t.end), anchor=on(t.anchor))


_WAR_STARTS = re.compile(rf"\b(?:{_alternation('war_start_words')})\b", re.I)


def _sentence_around(before: str, after: str) -> str:
    """The sentence an expression stands in, from the text before and after it (cut at a sentence's end
    when they run on beyond it)."""
    head = re.split(r"[.!?]\s+(?=[A-Z\"'(])", before)[-1]
    tail = re.split(r"[.!?](?:\s|$)", after, maxsplit=1)[0]
    return head + " " + tail


_WAR_S_FIRST_DAY = re.compile(r"(?:on\s+)?the\s+(?:first|opening)\s+day\s+of\s+the\s+war", re.I)
_BARE_YEAR = re.compile(r"\d{4}")
_NOUN_OF = re.compile(r"\b(?-i:[a-z]{3,})\s+of\s+$")
_PRESENT_AFTER_TODAY = re.compile(rf"\s+(?:{_alternation('present_after_today')})\b", re.I)
_IS_TODAY = re.compile(r"\b(?:is|are)\s+today$", re.I)
_SINCE = re.compile(r"\bsince\s+$", re.I)


def _since_after(expr: str, before: str, t: TimeExpr, story: Point) -> bool:
    """``t`` is what a thing has lasted since ("remained about the same since February") and lies
    after the story's date: no reading of it (a thing cannot have lasted since a later date)."""
    d = story.as_date()
    if d is None or not t.start or not (_SINCE.search(before[-10:]) or expr.strip().lower().startswith("since ")):
        return False
    return date.fromisoformat(t.start) > d


def _part_of_year(p: Optional[Point], t: TimeExpr, last: Optional[Point]) -> Optional[Point]:
    """A part of a year named with its year ("mid-1934", "late 1933", "the last months of 1933")
    as the story's new date: the middle month of that part (approximate), when it lies after the
    story's date or in another year; "1934" alone stays a year. "By mid-1934 ... in November" is
    1934's November, not 1933's. (Not "at the end of the year", which in a history sums a year up
    more often than it moves the story: WikiWars' tune part lost one that way.)"""
    if p is None or p.month is not None or t.precision != "year" or not (t.start and t.end):
        return p
    s, e = date.fromisoformat(t.start), date.fromisoformat(t.end)
    if s.year != e.year or s.year != p.year or (s.month, e.month) == (1, 12):
        return p
    part = Point(p.year, (s.month + e.month) // 2, approx=True)
    ref = last.as_date() if last is not None else None
    if last is not None and last.year == p.year and ref is not None and e <= ref:
        return p   # a part already past ("late 1941" after "December 8"): the story stays
    return part


class Timeline:
    """One document's temporal expressions resolved in reading order.

    Deictic expressions ("yesterday", "last week", "two days ago") count from the statement or
    publication date; anaphoric ones ("the following year", "that spring", "two days later",
    "later that month") from the last date the text mentioned; in a narrative
    (:func:`is_narrative`) so does everything underspecified ("in April", "on 5 June"). Each
    dated expression becomes the new last mention, except a look back from it ("the previous
    year", "two days earlier"), which leaves the story where it was; the end of a range is where
    the story goes on. After a jump of more than two years to a date named in full, the next date
    without a year is read from the date before the jump or from the jump's, whichever it lies
    nearer (the jump may have been an aside; a jump to a year alone lies no nearer any of its
    months). After a flashback named in full (more than a month back), a date without a year that
    would lie before the flashback is read from the story's date when it falls within the year
    after it. One Timeline per document (it holds that
    document's state); ``narrative`` None decides from ``text``.
    """

    def __init__(self, anchor: DateLike, *, text: str = "", narrative: Optional[bool] = None,
                 locale: Optional[str] = None):
        self.anchor = _as_date(anchor)
        self.text = text
        self.narrative = is_narrative(text, self.anchor) if narrative is None else narrative
        self.locale = locale
        self.last: Optional[Point] = None
        # the story's date before the text jumped more than two years to a date it named in full
        # ("In November 2008 protesters ...", "since 1995"): such a date may be an aside; so may a
        # flashback of more than a month named with its year ("since December 2005": back_aside)
        self.aside_from: Optional[Point] = None
        self.back_aside = False
        self.read_from: Optional[Point] = None
        # the text of the last dated expression read and whether it stood in apposition (see _BY_EVENT)
        self.last_text: Optional[str] = None
        self.last_apposed = False
        self.last_at: Optional[int] = None   # where in ``text`` the last mention was read (when told)
        # a date told in the past perfect, with its text: it does not move the story, but the dates
        # after it in its sentence are read from it
        self.flashback: Optional[tuple[Optional[Point], str]] = None
        self.at: Optional[int] = None        # where the expression being read is
        # the first day the text named (a war history's "the first day of the war" when told later)
        self.first_day: Optional[Point] = None

    def _apposed(self, expr: str, before: str) -> Optional[TimeExpr]:
        """``expr`` ("two days after the KPA invaded") set beside the date read just before it
        ("On 27 June 1950, "): that date, as given. None when it is no such apposition."""
        last, said = self.last, self.last_text
        if last is None or not said or not _BY_EVENT.match(expr.strip()):
            return None
        head = before.rstrip()
        joined = _APPOSED.search(head)
        if joined is not None:
            if not head[:joined.start()].rstrip().endswith(said.strip()):
                return None
        else:
            # the second of two ("two days after the KPA invaded and three months before ..."): the
            # first one's event may lie between them
            joined = _APPOSED_AND.search(before) if self.last_apposed else None
            at = before.rfind(said.strip())
            if joined is None or at < 0 or re.search(r"[;:.]", before[at:joined.start()]) \
                    or joined.start() - at > 120:
                return None
        value = _yv(last.year) + (f"-{last.month:02d}" if last.month and not last.approx else "") + (
            f"-{last.day:02d}" if last.day and last.month and not last.approx else "")
        d = last.as_date()
        out = TimeExpr(text=expr.strip(), start=None, end=None, precision="unresolved", time_precision=None, span=None,
                       anchor=d.isoformat() if d else None, value=value, type="DATE")
        if d is not None and last.year >= 1:
            if last.day and last.month and not last.approx:
                s = e = d
                out.precision = "day"
            elif last.month and not last.approx:
                s, e = date(last.year, last.month, 1), _month_end(last.year, last.month)
                out.precision = "month"
            else:
                s, e = date(last.year, 1, 1), date(last.year, 12, 31)
                out.precision = "year"
            out.start, out.end, out.time_precision = s.isoformat(), e.isoformat(), _time_precision(s, e)
        return out

    def _returns_after_flashback(self, t: TimeExpr, t2: TimeExpr, story: Point) -> bool:
        """After a flashback (a date named in full more than a month before the story's: "On May
        20, 2006 ... since December 2005"), a date without a year that would lie before the
        flashback itself ("On November 23": 2005-11-23) is read from the story's date instead when
        it falls within the year after it (2006-11-23): a text goes on, it does not go further back
        unless it names the year."""
        back, start, d = self.last, story.as_date(), date.fromisoformat(t2.start)
        if back is None or start is None or back.year < 1 or not back.month:
            return False
        return -_MEANWHILE <= (d - start).days < 365 and date.fromisoformat(t.end or t.start) < date(back.year, back.month, 1)

    def _clock_on_its_day(self, t: TimeExpr, expr: str, tense: str, spoken_at: DateLike, before: str,
                          after: str) -> TimeExpr:
        """News: a clock time without a day of its own on the day its sentence names beside it
        (``times.clock_day``): "about 2 a.m." of "at about 2 a.m. on Thursday", "12:30 p.m." after
        "Thursday's decision" in its sentence."""
        day = clock_day(expr, before, after)
        if day is None or not t.value or "T" not in t.value:
            return t
        d = self._resolve(day, tense, spoken_at, self.last)
        if not d.start or d.start != d.end:
            return t
        return replace(t, start=d.start, end=d.end, anchor=d.anchor,
                       value=d.start + t.value[t.value.index("T"):])

    def _clock_before_its_day(self, t: TimeExpr, expr: str, tense: str, spoken_at: DateLike,
                              after: str) -> TimeExpr:
        """A history: a clock time alone followed in its sentence by its day ("the fighting stopped
        at 11 a.m. Leningrad time the next day", "at noon on 8 September") is on that day, read from
        the story's date without moving it."""
        if not t.value or "T" not in t.value or not _CLOCK_ALONE.fullmatch(_LOCAL_TIME.sub("", expr.strip())):
            return t
        m = _DAY_AFTER_CLOCK_NARRATIVE.match(after)
        if m is None:
            return t
        d = self._resolve(m.group("day"), tense, spoken_at, self.last)
        if not d.start or d.start != d.end:
            return t
        return replace(t, start=d.start, end=d.end, anchor=d.anchor, value=d.start + t.value[t.value.index("T"):])

    def _goes_back_in_its_sentence(self, t: TimeExpr, expr: str, before: str) -> bool:
        """A date without a year read before the story's date, when that date was named earlier in the
        same sentence and the clause between goes on with "and" (not told in the past perfect, not a
        look back): the reading a year on is meant."""
        last, said = self.last, self.last_text
        if last is None or not said or last.month is None or last.approx or _OWN_YEAR.search(expr) \
                or not _MONTH_WORD.search(expr) or _ANAPHORIC_WORD.search(expr) or _LOOKS_BACK.search(expr) \
                or _ANAPHORIC_WORD.search(said):
            return False
        head = re.split(r"[.!?;]\s+", before)[-1]
        at = head.rfind(said.strip())
        if at < 0:
            return False
        between = head[at + len(said.strip()):]
        if not _AND_ON.search(between) or _TOLD_BEFORE.search(between) or _PLUPERFECT.search(between):
            return False
        d, ref = date.fromisoformat(t.start), last.as_date()
        return d is not None and ref is not None and (ref - d).days > (0 if last.day else 31)

    def _told_ahead(self, t: TimeExpr, expr: str, before: str) -> bool:
        """A history: a date without a year in a clause told with "would" before it (a future seen from
        the story's date) read more than a month before the story's date: the reading a year on is
        meant. Not a date before the "would" ("On 21 June, Khomeini indicated that Iran would invade"),
        nor one its sentence tells as lying before ("Meanwhile", the past perfect)."""
        last = self.last
        if last is None or last.approx or last.month is None or _OWN_YEAR.search(expr) \
                or not _CALENDAR_WORD.search(expr) or _ANAPHORIC_WORD.search(expr) or _LOOKS_BACK.search(expr):
            return False
        clause = re.split(r"[.!?;]\s+", before)[-1]
        would = _WOULD_BEFORE.search(clause)
        if would is None or _TOLD_BEFORE.search(clause) or _PLUPERFECT.search(clause):
            return False
        d, ref = date.fromisoformat(t.end or t.start), last.as_date()
        return d is not None and ref is not None and (ref - d).days > _MEANWHILE

    def _names_an_older_thing(self, expr: str, before: str) -> bool:
        """A history: a year alone after a noun and "of", more than two years before the story's date
        ("made peace on the terms of 1756" told in 1763, "the frontiers of 1967"), names a thing of that
        year, not the story's next step: the story stays where it was."""
        last = self.last
        if last is None or not _BARE_YEAR.fullmatch(expr.strip()) or not _NOUN_OF.search(before[-30:]):
            return False
        return int(expr.strip()) < last.year - 2

    def _mention_far(self) -> bool:
        """News: the last mention lies in an earlier paragraph than the expression being read."""
        if self.narrative or self.at is None or self.last_at is None or self.last_at > self.at:
            return False
        return "\n" in self.text[self.last_at:self.at]

    def _resolve(self, expr: str, tense: str, spoken_at: DateLike, context: Optional[Point]) -> TimeExpr:
        # how far back the last mention is, within the paragraph (None: in another one, or unknown)
        gap = self.at - self.last_at if self.at is not None and self.last_at is not None and \
            self.last_at <= self.at and "\n" not in self.text[self.last_at:self.at] else None
        return resolve_time(expr, self.anchor, tense=tense, locale=self.locale, spoken_at=spoken_at,
                            context=context, narrative=self.narrative, in_document=True,
                            mention_far=self._mention_far(), mention_gap=gap)

    def peek(self, expr: str, tense: str = "past", spoken_at: DateLike = None, *, before: str = "",
             after: str = "", at: Optional[int] = None) -> TimeExpr:
        """``resolve`` without moving the story: the timeline is left as it was."""
        state = (self.last, self.aside_from, self.back_aside, self.read_from, self.last_text, self.last_apposed,
                 self.last_at, self.flashback, self.first_day)
        try:
            return self.resolve(expr, tense, spoken_at, before=before, after=after, at=at)
        finally:
            (self.last, self.aside_from, self.back_aside, self.read_from, self.last_text, self.last_apposed,
             self.last_at, self.flashback, self.first_day) = state

    def resolve(self, expr: str, tense: str = "past", spoken_at: DateLike = None, *, before: str = "",
                after: str = "", at: Optional[int] = None) -> TimeExpr:
        """Read ``expr``, the next expression of the document; ``before`` and ``after`` are the
        text of its sentence before and after it (an apposition to the date just read names that
        date; in a narrative, a date without a year may take the year the sentence names later);
        ``at`` is its offset in the Timeline's ``text`` (in news, a mention of another year made
        in an earlier paragraph no longer dates it).

        The reading goes in steps, each a method below, in this order: a reading of its own that ends
        there (``_reading_of_its_own``: an apposition, a season of a kind, the war's first day, a
        window counted on), the date it is read from (``_context_of``: the story's, or a flashback's
        still told), the reading itself (``_first_reading``), its time of day placed, the corrections
        the story makes (``_after_a_jump``, ``_on_from_its_sentence``, ``_year_named_ahead``), and the story
        moved on (``_move_story``)."""
        self.at = at
        self.read_from = self.last   # the mention this expression was read from
        own = self._reading_of_its_own(expr, tense, spoken_at, before, after, at)
        if own is not None:
            return own
        if self.narrative and (_IS_TODAY.search(before[-12:] + expr.strip())
                               or expr.strip().lower() == "today" and _PRESENT_AFTER_TODAY.match(after)):
            tense = "present"   # "in what is today Switzerland": nowadays, whatever the sentence's tense
        context = self._context_of(expr, before)
        t = self._first_reading(expr, tense, spoken_at, before, after, context)
        if self.narrative and after:
            t = _count_named_after(t, expr, after)
        if t.type == "TIME" and not self.narrative:
            t = self._clock_on_its_day(t, expr, tense, spoken_at, before, after)
        elif t.type == "TIME" and after:
            dayless = t
            t = self._clock_before_its_day(t, expr, tense, spoken_at, after)
            if t is not dayless:
                return t   # its day, read next, moves the story
        t = self._after_a_jump(t, expr, tense, spoken_at, before, after)
        t = self._on_from_its_sentence(t, expr, before)
        t = self._year_named_ahead(t, expr, tense, spoken_at, after)
        self._move_story(t, expr, before, after, at)
        return _winter_by_its_january(t, expr) if self.narrative else t

    def _reading_of_its_own(self, expr: str, tense: str, spoken_at: DateLike, before: str, after: str,
                            at: Optional[int]) -> Optional[TimeExpr]:
        """A reading that ends the expression's reading (None otherwise): an apposition naming the
        date just read, a season of a kind ("a summer of fighting"), the war's first day told later,
        a window counted on from the story's date ("for the next year")."""
        apposed = self._apposed(expr, before) if before else None
        if apposed is not None:
            self.last_text, self.last_apposed, self.last_at = expr, True, at
            return apposed
        kind = _season_of_a_kind(expr, after)
        if kind is not None:
            return kind
        if self.narrative and self.first_day is not None and _WAR_S_FIRST_DAY.fullmatch(expr.strip()):
            # "the first day of the war" told after the story has moved on ("around March 1981 it stalled.
            # The strike executed on the first day of the war ..."): the first day the history named
            t = self._resolve(self.first_day.as_date().isoformat(), tense, spoken_at, None)
            return replace(t, text=expr.strip())
        joined = _FOR_BEFORE.search(before[-12:]) if before else None
        window = _WINDOW_ON.fullmatch(expr.strip()) if joined and (
            not joined.group(0).lower().startswith("for") or _LASTS_FOR.search(before[-60:])) else None
        if window is not None:
            # "continued for the next year", "over the next month": a length counted on from the
            # story's date, as "for the next two years" is (P1Y), not the calendar year after it
            value = _dur_value(1, window.group("unit"))
            return TimeExpr(text=expr.strip(), start=None, end=None, precision="unresolved", time_precision=None,
                            span=None, anchor=None, value=value, type="DURATION", duration=value)
        return None

    def _context_of(self, expr: str, before: str) -> Optional[Point]:
        """The date the expression is read from: the story's, or a flashback's while its clause goes
        on (the flashback is forgotten otherwise)."""
        context = self.last
        if self.flashback is not None and self.flashback[0] is not None and self.flashback[1] in before \
                and not _OWN_YEAR.search(expr) and _CALENDAR_WORD.search(expr) \
                and not _PAST.search(before[before.rfind(self.flashback[1]) + len(self.flashback[1]):]):
            # still in the clause of a flashback told in the past perfect (no verb of its own since:
            # not "Mafeking, which he had held since 13 October 1899, was relieved on 17 May")
            context = self.flashback[0]
        else:
            self.flashback = None
        return context

    def _first_reading(self, expr: str, tense: str, spoken_at: DateLike, before: str, after: str,
                       context: Optional[Point]) -> TimeExpr:
        """The expression read from ``context``: "By | the autumn" as the story's "by the autumn", an
        early year with an era marker in its sentence as of that era."""
        if self.narrative and _BY_BEFORE.search(before[-6:]) and _SEASON_ALONE.fullmatch(expr.strip()):
            # the span without its preposition ("By | the autumn"): read as the story's "by the autumn"
            t = self._resolve("by " + expr.strip(), tense, spoken_at, context)
            t = replace(t, text=expr.strip())
        else:
            t = self._resolve(expr, tense, spoken_at, context)
            era = _era_near(before, after) if t.value is None and _EARLY_YEAR_ALONE.fullmatch(expr.strip()) else None
            if era is not None:
                # "In 55, two years after his campaign of 57 BC": a year before 1000 with an era marker
                # near it in its sentence is of that era, whatever the story before it
                t = replace(self._resolve(f"{expr.strip()} {era}", tense, spoken_at, context), text=expr.strip())
        return t

    def _after_a_jump(self, t: TimeExpr, expr: str, tense: str, spoken_at: DateLike, before: str,
                      after: str) -> TimeExpr:
        """After a jump of the story (``aside_from``): a date that needs a month the jump's year
        lacks, or a date without a year lying nearer the story's date before the jump, is read from
        there (``read_from`` says which)."""
        aside = self.aside_from
        if aside is not None and self.narrative and t.value is None and not t.start:
            # after a jump to a year alone ("pardoned twelve years later, in 1982"), a date that needs a
            # month ("by the end of the month") has none there: it is the story's, read from before the jump
            t2 = self._resolve(expr, tense, spoken_at, aside)
            if t2.value is not None:
                t, self.read_from = t2, aside
        if aside is not None and self.narrative and t.start and not _OWN_YEAR.search(expr) and _CALENDAR_WORD.search(expr) \
                and not _ANAPHORIC_WORD.search(expr):
            # after a jump, a date without a year is read from the story's date before it or from
            # the jump's, whichever it then lies nearer ("... in November 2008. On April 15 the
            # coalition declared ..." is back in 2003); one that points at the last mention
            # ("October of that year", "that spring") is the jump's
            t2 = self._resolve(expr, tense, spoken_at, aside)
            if t2.start and t2.value != t.value and not _since_after(expr, before, t2, aside) and (
                    self._returns_after_flashback(t, t2, aside) if self.back_aside
                    else _gap(t.start, self.last, 183) >= _gap(t2.start, aside)
                    and (not _before_the_story(t2, aside) or _TOLD_BEFORE.search(before) or _TOLD_BEFORE.match(after))):
                t, self.read_from = t2, aside
        return t

    def _on_from_its_sentence(self, t: TimeExpr, expr: str, before: str) -> TimeExpr:
        """A date without a year that would go back before the story's date named earlier in its
        sentence, or a future told from the story's date, lies a year on."""
        if self.narrative and t.start and self.read_from is self.last and self._goes_back_in_its_sentence(t, expr, before):
            # "Congress voted to annex it on 1 March 1845, and Texas was admitted on 29 December": a date
            # without a year after the story's date in its sentence goes on from it, not back before it
            t = _a_year_on(t)
        elif self.narrative and t.start and self.read_from is self.last and self._told_ahead(t, expr, before):
            # "Marie Antoinette would follow him to the guillotine on 16 October" (after 21 January 1793):
            # a future told from the story's date lies after it, not back before it
            t = _a_year_on(t)
        return t

    def _year_named_ahead(self, t: TimeExpr, expr: str, tense: str, spoken_at: DateLike, after: str) -> TimeExpr:
        """A date without a year whose sentence names its year later ("in June 1942") is read from
        that date when it lies nearer it than the story's."""
        if after and self.narrative and t.start and not _OWN_YEAR.search(expr) and _CALENDAR_WORD.search(expr) \
                and not _ANAPHORIC_WORD.search(expr):
            # the sentence names its year later ("their summer offensive against southern Russia in
            # June 1942"): read from that date when the expression lies nearer it than the story's
            ahead = _named_ahead(after)
            if ahead is not None and (self.last is None or ahead.year != self.last.year):
                t3 = self._resolve(expr, tense, spoken_at, ahead)
                # a season or month in the year named alone ("Spring Offensive of 1918") lies in it
                inside = 0 if t3.start and t3.start[:4] == f"{ahead.year:04d}" else None
                if t3.start and t3.value != t.value and _gap(t3.start, ahead, inside) < _gap(t.start, self.read_from):
                    t, self.read_from = t3, ahead
        return t

    def _move_story(self, t: TimeExpr, expr: str, before: str, after: str, at: Optional[int]) -> None:
        """The story's date moved to the reading (or left, for a look back, a plan's deadline, the
        past perfect, an end a thing lasted until), with the jumps and flashbacks it may return from."""
        held = (self.aside_from, self.back_aside)
        if t.start or t.end:
            self.aside_from = None
            self.back_aside = False
        # a look back from the story ("the previous year", "two years earlier") is an aside: the
        # story's date stays where it was ("In 1942 ... the previous year ... In January" is 1942's)
        # so is the end a thing lasted until ("an assault that lasted until the fall of Budapest in
        # February 1945"): the story goes on from where it was
        if t.type in ("DATE", "TIME") and not _LOOKS_BACK.search(expr) and not (
                self.narrative and (_UNTIL.search(before[-80:]) or _LOOKS_AHEAD.match(expr.strip())
                                    or _COMPARED.search(before[-80:])
                                    or _PLUPERFECT.search(before[-60:]) or _planned_by(before, expr)
                                    or self._names_an_older_thing(expr, before))) and not (
                not self.narrative and _SINCE_CLAUSE.search(before[-70:])):
            value = t.value
            if t.start and t.end and t.start != t.end and t.precision in ("day", "month"):
                # a range ("from October to March"): the story goes on from its end
                parts = timeml_parts(expr, t)
                if parts and parts[-1][2]:
                    value = parts[-1][2]
            p = Point.of_value(value)
            if _OWN_YEAR.search(expr):
                p = _part_of_year(p, t, self.last)
            last = self.last
            # "1941" named after "December 8" of 1941 does not take the story back to mid-year
            if p is not None and not (last is not None and p.year == last.year and (
                    (p.month is None and last.month is not None)
                    or (p.month == last.month and p.day is None and last.day is not None))):
                if last is not None and (_OWN_YEAR.search(expr) and _jump_gap(p, last) > 730
                                         or _YEARS_ON.search(expr) and abs(p.year - last.year) > 2):
                    # a jump of more than two years, named in full or counted on ("a clause Russia
                    # repudiated fourteen years later"): it may be an aside
                    self.aside_from, self.back_aside = last, False
                elif held[0] is not None and not held[1] and last is not None and _YEARS_ON.search(self.last_text or "") \
                        and (p == last or p.month is None and last.month is None and abs(p.year - last.year) <= 2):
                    # the jump's date named again ("fourteen years later, in 1870"; "nearly eighty years
                    # later, in 1976"): still the jump
                    self.aside_from = held[0]
                elif last is not None and _OWN_YEAR.search(expr) and p.month and p.as_date() and last.as_date() \
                        and (last.as_date() - p.as_date()).days > 31:
                    # a flashback named in full: the story may go on from where it was
                    self.aside_from, self.back_aside = last, True
                self.last = p
            if p is not None:
                self.last_text, self.last_apposed, self.last_at = expr, False, at
                if self.first_day is None and p.day is not None and p.month is not None and not p.approx \
                        and p.year >= 1 and _WAR_STARTS.search(_sentence_around(before, after)):
                    self.first_day = p
        elif t.start or t.end or t.value:
            # a date that does not move the story (a look back, the past perfect, a plan's deadline)
            # leaves it, and any jump it may return from, as they were
            self.aside_from, self.back_aside = held
            if self.narrative and _OWN_YEAR.search(expr) and _PLUPERFECT.search(before[-60:]):
                # a flashback told in the past perfect ("The League had been formed in the spring of
                # 1912"): the dates after it in its sentence are its own ("... the first of them on 13 March")
                self.flashback = (Point.of_value(t.value), expr)

    def times_in(self, text: str, offset: int = 0, tense: Optional[str] = None) -> list[TimeExpr]:
        tense = tense or tense_of(text)
        out = []
        for s, e, expr in find_times(text, offset):
            t = self.resolve(expr, tense_at(text, s - offset, tense), before=text[:s - offset], after=text[e - offset:],
                             at=s if self.text else None)
            if _no_early_year(expr, t):
                continue
            t.span = (s, e)
            out.append(t)
        return out


# a year before 1000 written alone ("in 425", "from 429"): a year only in a story already before 1000
_EARLY_YEAR_ALONE = re.compile(r"(?:in|from|until|till|since)\s+[1-9]\d{1,2}", re.I)


# an era marker: "BC", "B.C.", "BCE", "AD", "A.D.", "CE"
_ERA_MARK = re.compile(r"(?<![\w.])(?-i:BCE?|B\.C\.(?:E\.)?|AD|A\.D\.|CE|C\.E\.)(?!\w)")


def _era_near(before: str, after: str) -> Optional[str]:
    """The era marker nearest an expression within 40 characters of it in its sentence, or None."""
    near = [(len(before[-40:]) - m.end(), m.group(0)) for m in _ERA_MARK.finditer(before[-40:])]
    near += [(m.start(), m.group(0)) for m in _ERA_MARK.finditer(after[:40])]
    return min(near)[1] if near else None


def _no_early_year(expr: str, t: TimeExpr) -> bool:
    """A number read as no year ("in 150 US cities", "until 16, or 20" outside a story before 1000,
    see times._in_an_old_story): no time expression at all."""
    return t.value is None and _EARLY_YEAR_ALONE.fullmatch(expr.strip()) is not None


class DocumentTimes:
    """A document read once, in order, by a :class:`Timeline`: for any expression in it, the last
    date the text mentioned before it, which is what its anaphora ("the following day", "two days
    later", "that spring") and, in a narrative, its dates without a year count from.

    ``sentences`` are (start, end) offsets into ``text`` in reading order. Built once per document
    (it holds that document's state); ``context(start, end)`` answers by bisection, ``found(start,
    end)`` gives the expressions it read there."""

    def __init__(self, text: str, anchor: DateLike, sentences, *, locale: Optional[str] = None):
        tl = Timeline(anchor, text=text, locale=locale)
        self.narrative = tl.narrative
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._before: list[Optional[Point]] = []
        self._after: list[Optional[Point]] = []
        self._apposed: dict[tuple[int, int], TimeExpr] = {}
        self._read: dict[tuple[int, int], tuple[str, TimeExpr]] = {}   # span -> (tense, reading)
        self._exprs: list[str] = []
        self._before_at: list[Optional[int]] = []   # where those mentions were made
        self._after_at: list[Optional[int]] = []
        for s, e in sentences:
            sent = text[s:e]
            tense = tense_of(sent)
            for fs, fe, expr in find_times(sent, s):
                before_at = tl.last_at
                here = tense_at(sent, fs - s, tense)
                t = tl.resolve(expr, here, before=sent[:fs - s], after=sent[fe - s:], at=fs)
                if _no_early_year(expr, t):
                    continue
                t.span = (fs, fe)
                self._read[(fs, fe)] = (here, t)
                if tl.last_apposed and tl.last_text == expr:
                    self._apposed[(fs, fe)] = t
                before = tl.read_from
                self._starts.append(fs)
                self._ends.append(fe)
                self._before.append(before)
                self._after.append(tl.last)
                self._before_at.append(before_at)
                self._after_at.append(tl.last_at)
                self._exprs.append(expr)
        self._text = text

    def found(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The expressions read here that overlap [start, end), as ``find_times`` gives them (found
        in their whole sentence once, so a claim need not scan its text again)."""
        k = max(0, bisect_right(self._starts, start) - 1)
        out = []
        while k < len(self._starts) and self._starts[k] < end:
            if self._ends[k] > start:
                out.append((self._starts[k], self._ends[k], self._exprs[k]))
            k += 1
        return out

    def reading(self, start: int, end: int, tense: str) -> Optional[TimeExpr]:
        """The document's own reading of the expression at [start, end) when it was read in
        ``tense`` (a copy); None otherwise (read it again with ``context``)."""
        got = self._read.get((start, end))
        return replace(got[1]) if got is not None and got[0] == tense else None

    def apposed(self, start: int, end: int) -> Optional[TimeExpr]:
        """The expression at [start, end) when it names the date it stands beside ("On 27 June
        1950, two days after the invasion"): that date, as the document's reading gave it."""
        t = self._apposed.get((start, end))
        return replace(t) if t is not None else None

    def context(self, start: int, end: int) -> Optional[Point]:
        """The last date mentioned before the expression at [start, end) (None: nothing before);
        an expression read here starting inside it is that expression itself."""
        k = bisect_right(self._starts, start) - 1
        if k < 0:
            return None
        return self._before[k] if self._ends[k] > start else self._after[k]

    def mention_far(self, start: int, end: int) -> bool:
        """News: the last date mentioned before [start, end) lies in an earlier paragraph (a date
        without a year there is read from the publication date again; see ``resolve_time``)."""
        k = bisect_right(self._starts, start) - 1
        if self.narrative or k < 0:
            return False
        at = self._before_at[k] if self._ends[k] > start else self._after_at[k]
        return at is not None and at <= start and "\n" in self._text[at:start]
