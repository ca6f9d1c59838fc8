"""Temporal expressions in news text: find them, then resolve them against the publication date.

Pure Python, no spaCy and no date library: libraries miss the news-relative forms ("over the
weekend", "a little over a week ago", "Saturday and Sunday"), so every family is a rule here.

    find_times(text, offset=0)   -> [(start, end, text)]   spans in document offsets
    resolve_time(expr, anchor, tense="past", locale=None, spoken_at=None) -> TimeExpr
    times_in(text, anchor, ...)  -> [TimeExpr]              both at once, spans filled in
    tense_of(sentence)           -> "past" | "present" | "future" | "future_in_past"
    tense_at(text, start, tense) -> the tense one expression is read in
    timeml_parts(expr, t)        a range as TimeML's two expressions ("22" and "25 April 1951")
    names_a_thing(text, s, e)    a year or month used as a modifier ("the 2003 invasion")
    clock_day(expr, before, after) the day phrase a clock time alone is on in its sentence

A document read in order (``Timeline``, ``DocumentTimes``, ``is_narrative``) is
``claimledger.extract.timeline``'s.

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

TimeML (``type`` and ``value`` on every TimeExpr; ``claimledger eval timex`` scores them):

* DATE: the calendar forms above, plus bare years ("in 2009", "the 2003 invasion": a year or month
  naming a thing is found, and claims take it last), ranges of months, seasons, dates and years BC
  ("from October to March", "summer and autumn 1918", "26 June - 4 August 1952", "264 to 241 BC";
  TimeML marks each end apart, see ``timeml_parts``), seasons ("last summer" 2023-SU, Mar-May / Jun-Aug / Sep-Nov / Dec-Feb), quarters ("the third
  quarter" 2024-Q3), decades ("the 1990s" 199), centuries ("the 19th century" 18), years BC
  ("264 BC" BC0264, no calendar range), fiscal years ("this fiscal year" FY2024: the value only,
  since a fiscal year's first month depends on who keeps it), reference words ("now" PRESENT_REF,
  "the past" PAST_REF, "the future" FUTURE_REF; no range). Seasons and quarters have precision
  "month", decades and centuries "year" (the range says exactly which months or years).
* TIME: clock times ("at 3 p.m. Tuesday" 2024-12-10T15:00, "noon", "05:30hrs"), parts of days
  ("Tuesday morning" ...TMO, "overnight" ...TNI, "the night of April 18, 1775"; "night attacks",
  "in daytime" XXXX-XX-XXTNI / TDT). The range is the day.
* DURATION: lengths ("90 days" P90D, "five years" P5Y, "a few days" PXD, "for weeks" PXW,
  "half an hour" PT30M, "ten brutal months" P10M): ``duration`` holds the length and there is no
  start or end. A window counted back or on from the reference day ("over the past two weeks") is
  a DURATION whose range is placed: end = the reference day (the statement date in claims), start
  14 days earlier.
* SET: recurrences ("every week" P1W, "daily" P1D, "every Monday"/"on Mondays" XXXX-WXX-1,
  "twice a week" P1W); no range.

Anaphoric and deictic (see ``timeline.Timeline``): "yesterday", "last week", "two days ago" count from the
statement or publication date; "the following year", "that spring", "two days later", "the day
after", "later that month", "August of that year" from the last date the text mentioned (the
publication date when none was). In a narrative (``is_narrative``: most years named lie far from
the publication year) everything without a year of its own ("in April", "on 5 June", "Monday")
is also read from the last mention, taking the nearest occurrence. A look back ("the previous
year") leaves the story's date, a range's end is where the story goes on, and after a jump of
more than two years the next date without a year may return to the story ("... In November 2008,
protesters ... On April 15 ..."). "N days after <an event>" counts from the last mention too.
Tense: a verb of saying right before a date reads it as past, a timetable's present ("talks
resume Thursday", "ends on Sept. 30") as the coming one, "could"/"might" with a verb as ahead; in a
sentence looking ahead, a clause told in the past without a modal is past ("were flown home Tuesday
night and will rest this weekend"); a commitment made in the past ("agreed on Thursday to raise
output from July") and an order with a deadline look ahead from then. A clock time with no day of
its own takes the day its sentence names beside it (``clock_day``).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Callable, Optional, Union

from ..errors import UsageError
from ..models import TimeExpr


@lru_cache(maxsize=1)
def _time_word_sets() -> dict[str, tuple[str, ...]]:
    """The word sets of ``data/time_words.tsv`` (set name, a tab, words or phrases by commas)."""
    text = resources.files("claimledger").joinpath("data", "time_words.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, words = line.partition("\t")
            out[name.strip()] = tuple(w.strip().lower() for w in words.split(",") if w.strip())
    return out


def time_words(name: str) -> tuple[str, ...]:
    """One named set of ``data/time_words.tsv``; an unknown name is an error."""
    sets = _time_word_sets()
    if name not in sets:
        raise KeyError(f"time_words.tsv has no set {name!r}; it has {', '.join(sorted(sets))}")
    return sets[name]


def _alternation(name: str) -> str:
    """A set of time_words.tsv as a regex alternation, longest first, a phrase's spaces as \\s+."""
    words = sorted(time_words(name), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in words)

DateLike = Union[date, str, None]
TENSES = ("past", "present", "future", "future_in_past")

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
_YEAR = r"\b(?:1[0-9]|20)\d{2}\b"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# "Good Friday", "Bloody Sunday", "Super Tuesday" are names, not dates.
_WD_NOT = r"(?<!good )(?<!black )(?<!bloody )(?<!holy )(?<!super )(?<!cyber )(?<!ash )(?<!palm )(?<!easter )"
_PART = r"(?:morning|afternoon|evening|night)"
_PREP = r"(?:\b(?P<prep>on|in|since|during|throughout|over|at|until|till|by|before|after|from|through)\s+)?"
_DMY = rf"{_DAYN}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"
_MDY = rf"{_MONTH}\s+{_DAYN}(?:,?\s+(?:of\s+)?{_YEAR})?"   # "June 20 of 1792"
_DATE = rf"(?:the\s+)?(?:{_DMY}|{_MDY})"
_TO = r"\s*(?:-|–|—|to|and|until|till|through)\s*"
_MOD = (r"(?P<mod>earlier|later|early|mid|late|the\s+(?:start|beginning|middle|end)\s+of"
        r"|the\s+(?:first|last|final|closing|opening)\s+(?:few\s+)?(?:days|weeks)\s+of)")   # "the last days of December"
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
    # (trigger, chars before, chars after): every match contains a trigger and lies within that
    # reach of it, so only those windows are scanned (a speed-up for the costliest patterns)
    near: Optional[tuple[re.Pattern, int, int]] = None


# "the February Revolution", "a March operation", "the costly August battles": a month naming when
# a thing happened (not "May", a name and a verb too)
# (an adjective only after an article: "her daughter June" is a name)
_DET_ADJ_BEFORE = re.compile(r"(?:\b(?i:the|a|an)\s+(?:[a-z]+\s+)?|\b(?i:its|their|his|her)\s+)$")
# (a noun, not a verb: "Her daughter June was killed" is a name)
_NOUN_AFTER = re.compile(r"\s+(?!(?:was|were|is|are|had|has|have|and|who|said|told|says|\w+ed)\b)"
                         r"(?:[A-Z][a-z]+|[a-z]{3,})\b(?<!\bof)")


def _month_naming(m: re.Match) -> bool:
    if m.group("month") == "May":
        return False
    return (_DET_ADJ_BEFORE.search(m.string, max(0, m.start() - 30), m.start()) is not None
            and _NOUN_AFTER.match(m.string, m.end()) is not None)


# "September saw the Germans retreat", "April proved decisive": a month as the subject of a verb of
# what a time brought ("was" too, but not after "March" and "May", a march and a name). Months are
# names too ("Prime Minister May began her speech", "Her daughter June was killed"), so only a month
# opening its clause (nothing before it but a sentence's start or "and", "but"), never "May", not
# "was" with a participle ("June was arrested") and no person's pronoun after the verb ("April
# brought her sister home").
_MONTH_SUBJECT = re.compile(r"\s+(?:saw|brought|began|ended|witnessed|marked|proved|opened|closed)\b"
                            r"(?!\s+(?:her|his|him|them|their|herself|himself|themselves|me|my|us|our)\b)")
_MONTH_WAS = re.compile(r"\s+was\b(?!\s+(?:\w+ed|born|shot|hit|held|taken|seen|found|caught|killed|beaten)\b)")
_CLAUSE_OPENS = re.compile(r"(?:^|[.!?;:\n][\"'\u201d\u2019)\]]*\s*|\b(?:and|but|while|then)\s+)$")


def _month_subject(m: re.Match) -> bool:
    month = m.group("month")
    if month == "May" or m.group(0) != month or not _CLAUSE_OPENS.search(m.string, max(0, m.start() - 12), m.start()):
        return False
    return _MONTH_SUBJECT.match(m.string, m.end()) is not None or (
        month != "March" and _MONTH_WAS.match(m.string, m.end()) is not None)


# "planned for October", "pushing the vote into April": a month after "for" or "into" (not "May":
# "voted for May" is a name)
_FOR_INTO_BEFORE = re.compile(r"\b(?:for|into)\s+$", re.I)


def _month_after_for(m: re.Match) -> bool:
    return m.group("month") != "May" and _FOR_INTO_BEFORE.search(m.string, max(0, m.start() - 6), m.start()) is not None


# "winds of 150 km an hour": "an hour" after a distance is a unit of speed, not a length of time
# (only speeds: "3,000 barrels a day" is a rate TimeML marks)
_DISTANCE_BEFORE = re.compile(r"\d[\d,.]*\s*(?:km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|feet|knots|nautical\s+miles)\s+$",
                              re.I)


def _a_rate(m: re.Match) -> bool:
    return (_g(m, "num") in ("a", "an") and not m.group("prep") and not m.group("qual")
            and _g(m, "unit") in ("hour", "minute", "second")
            and _DISTANCE_BEFORE.search(m.string, max(0, m.start() - 30), m.start()) is not None)


_OF_BEFORE = re.compile(r"\bof\s+$", re.I)
# "the coldest of the century", "since the turn of the century": the century in question (time_words.tsv
# century_of_words; a noun before "of the century" makes an idiom: "the trial of the century")
_SUPERLATIVE_OF = re.compile(rf"\b(?:[a-z]{{3,}}est|most\s+[a-z]+|{_alternation('century_of_words')})\s+of\s+$", re.I)


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
# a and b (a2 and b2) are the range's two ends, which TimeML marks as two expressions (see timeml_parts)
_DAY_RANGE = (rf"(?:(?P<a>(?:the\s+)?{_DAYN}){_TO}(?P<b>(?:the\s+)?{_DAYN}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?)"
              rf"|(?P<a2>{_MONTH}\s+{_DAYN}){_TO}(?P<b2>{_DAYN}(?:,?\s+{_YEAR})?))")
# "the latter part of the year", "the early part of 1943": a part of a year like "late" or "early"
# "the latter part of", "the last months of", "the first few weeks of" (a year or "the year")
_PART_OF = (r"the\s+(?:(?:early|earlier|first|latter|later|last)\s+part"
            rf"|(?:{_alternation('part_of_edges')})\s+(?:few\s+)?(?:days|weeks|months))\s+of")
_DEICTIC = (r"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|last\s+night"
            r"|(?:(?:earlier|later|early|late)\s+)?(?<!russia )(?<!usa )(?:yesterday|today|tomorrow|tonight)"
            rf"(?:\s+{_PART})?"
            r"|(?:(?:earlier|later|early|late)\s+)?this\s+(?:morning|afternoon|evening)")
_UNITS_ONE = r"hours?|days?|weeks?|fortnights?|months?|years?"
_UNITS_MANY = r"hours|days|weeks|months|years"

# Triggers of the windowed families (see _Family.near and _matches).
_NEAR_MONTH = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_NEAR_WEEKDAY = re.compile(_WD, re.I)

# Order matters only for ties in length (the earlier family wins).
_FAMILIES: list[_Family] = [
    _Family("iso", _c(rf"{_PREP}{_ISO}"), needs="iso"),
    _Family("numeric", _c(rf"{_PREP}{_NUMERIC}"), needs="numeric"),
    _Family("daterange", _c(rf"\b(?P<prep>between|from)\s+(?P<a>{_DATE})\s+(?:and|to|until|till|through)\s+"
                            rf"(?P<b>{_DATE})|(?P<a2>{_DATE})\s*[-\u2013\u2014]\s*(?P<b2>{_DATE})"), needs="month"),
    _Family("dayrange", _c(rf"(?:\b(?P<prep>between|from|on|in)\s+)?{_DAY_RANGE}"), needs="month"),
    _Family("explicit", _c(rf"{_PREP}(?:{_WD},?\s+)?{_DATE}"), needs="month", near=(_NEAR_MONTH, 60, 30)),
    # "from October to March", "August-September 1950", "between March and April 1918"
    _Family("monthrange", _c(rf"(?:\b(?P<prep>from|between|in|during|throughout|through|over)\s+)?"
                             rf"(?P<a>{_MONTH_FULL})\s*(?:-|–|—|to\b|and\b|until\b|till\b|through\b)\s*"
                             rf"(?P<b>{_MONTH_FULL}(?:,?\s+(?P<year>{_YEAR}))?)"), needs="month",
            near=(_NEAR_MONTH, 60, 40)),
    _Family("since_start", _c(r"\b(?:since\s+the\s+(?:start|beginning|outset)\s+of\s+(?:the|this)|so\s+far\s+this)"
                              r"\s+(?P<unit>year|month|week)\b"), needs="since_start"),
    _Family("period", _c(rf"{_PREP}(?:{_MOD}[\s-]+)?(?P<rel>this|last|next|previous|the\s+past|past)"
                         r"\s+(?P<unit>week|month|year|(?<=past\s)day|(?<=past\s)decade)\b(?!\s+of\b)"), needs="unit"),
    _Family("month", _c(rf"{_PREP}(?:{_MOD}[\s-]+)?(?:(?P<rel>{_REL}|the\s+previous|the\s+following|the\s+next|that)\s+)?"
                        rf"(?P<month>{_MONTH_FULL})(?:,?\s+(?:of\s+)?(?P<year>{_YEAR}))?"),
            lambda m: bool(m.group("prep") or m.group("mod") or m.group("rel") or m.group("year")) or _month_naming(m)
            or _month_subject(m) or _month_after_for(m),
            needs="month", near=(_NEAR_MONTH, 60, 20)),
    _Family("year", _c(rf"{_PREP}(?:(?P<mod>early|mid|late|the\s+(?:start|beginning|middle|end)\s+of|{_PART_OF})[\s-]+)?"
                       rf"(?P<year>{_YEAR})(?![.,]\d|\s*%|\s*per\s*cent|-\d)"),
            lambda m: bool(m.group("prep") or m.group("mod")), needs="year"),
    _Family("ago", _c(rf"{_PREP}(?:(?P<qual>{_AGO_QUAL})\s+)?(?P<num>{_NUM})\s+(?P<unit>{_UNITS_ONE})\s+ago\b"),
            needs="ago"),
    _Family("recent", _c(r"(?:\b(?:in|over|during|within|for)\s+)?"
                         rf"(?:(?:the\s+)?(?P<rel>past|last|previous|coming|next|following)\s+(?:(?P<num>{_NUM})\s+)?"
                         rf"|(?P<recent>recent)\s+)(?P<unit>{_UNITS_MANY})\b"), needs="units"),
    _Family("weekend", _c(rf"{_PREP}(?P<det>the|{_REL})\s+weekend\b"),
            lambda m: _g(m, "det") != "the" or bool(m.group("prep")), needs="weekend"),
    _Family("overnight", _c(rf"(?:{_PREP}overnight|\b(?:during|through|throughout|in)\s+the\s+night)"
                            rf"(?:\s+(?:(?P<into>into|to)\s+|on\s+)?{_WD_NOT}(?P<wd>{_WD})\b)?"), needs="night"),
    _Family("deictic", _c(rf"{_PREP}(?P<word>{_DEICTIC})\b"), needs="deictic"),
    _Family("weekday", _c(rf"\b{_PREP}(?:(?P<mod>earlier|later|early|late)\s+(?:on\s+)?)?(?:(?P<rel>{_REL})\s+)?"
                          rf"{_WD_NOT}(?P<wd1>{_WD})\b(?:\s+{_PART}\b)?"
                          rf"(?:{_CONNECT_WD}(?P<wd2>{_WD})\b(?:\s+{_PART}\b)?)?"), needs="weekday",
            near=(_NEAR_WEEKDAY, 60, 70)),
]


# ----------------------------------------------------------------------------- TimeML families
# The families below bring TimeML's other types and the narrative forms: seasons, quarters, fiscal
# years, decades, centuries, years BC, clock times, durations, sets, reference words ("now", "the
# past"), and anaphoric expressions ("the following year", "two days later", "that spring") that
# count from the last date the text mentioned (see ``Timeline``).
_SEASON_W = r"spring|summer|autumn|fall|winter"
_NUMW = (_NUM + r"|a\s+dozen|dozens\s+of|hundreds\s+of|thousands\s+of|many|a\s+number\s+of|thirteen|fourteen|"
         r"sixteen|seventeen|eighteen|nineteen|(?:two|three|four|five|six|seven|eight|nine)\s+hundred|"
         r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)|"
         r"forty|fifty|sixty|seventy|eighty|ninety|hundred|a\s+hundred|\d{1,3}(?:,\d{3})*")
_DUR_UNITS = r"seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centuries|century"
_DUR_QUAL = (r"about|around|roughly|approximately|nearly|almost|some|more\s+than|over|less\s+than|under|"
             r"at\s+least|up\s+to|just|only|barely|the\s+first|the\s+last|the\s+next|another|a\s+further|"
             r"an\s+additional|a\s+mere|a\s+full|a\s+whole|a\s+little\s+over|just\s+over|just\s+under")
_ORD = (r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
        r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|final|last|"
        # ("the fortieth anniversary of Waterloo"; no century has these)
        rf"{_alternation('tens_ordinals')}|"
        r"\d{1,3}(?:st|nd|rd|th)")
# "149 B.C to 146 B.C": the last full stop may be missing (or taken by the sentence)
_ERA = r"(?-i:BC|B\.C\.E\.|B\.C\.?|BCE|AD|A\.D\.?|CE|C\.E\.)"
# what every era marker contains (the era families scan only near one: their patterns, tried at every
# position, cost more than the rest of a sentence's families)
_ERA_NEAR = re.compile(r"BC|B\.C|AD|A\.D|CE|C\.E")
_CLOCK = (r"(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b|(?-i:AM|PM)\b)"
          r"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?:\s?(?:hrs|hours|h)\b|\b)(?!:\d)"
          r"|\b(?P<noon>noon|midday|midnight)\b"
          r"|(?P<hw>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+o'clock\b)")
_TZ = r"(?:\s+(?:local\s+time|(?-i:GMT|UTC|EST|EDT|ET|BST|CET|CEST|PST|PDT|MSK)\b))?"
_DAYWORD = rf"(?:{_WD}|yesterday|today|tomorrow|tonight|(?:{_MONTH}\s+{_DAYN}|{_DAYN}\s+{_MONTH})(?:,?\s+{_YEAR})?)"
_ANA_UNIT = rf"day|night|morning|afternoon|evening|week|weekend|month|year|decade|{_SEASON_W}"
_REF_WORDS = {
    "PRESENT_REF": ("now", "right now", "currently", "at present", "presently", "nowadays", "these days",
                    "at the moment", "the present", "the present day", "today's"),
    "PAST_REF": ("the past", "in the past", "recently", "lately", "formerly", "former", "the recent past",
                 "in recent times", "long ago", "once"),
    "FUTURE_REF": ("the future", "in the future", "the near future", "in the near future", "soon",
                   "in the coming days", "future"),
}
_REF_OF = {w: v for v, ws in _REF_WORDS.items() for w in ws}
_REF_RE = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in _REF_OF
                           if w not in ("once", "former", "future", "today's", "soon")), key=len, reverse=True))

# Holidays on a fixed day of the Gregorian calendar (month, day). Movable feasts (Easter, Eid,
# Thanksgiving) are left out rather than guessed.
HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
    "new year's day": (1, 1), "new year's eve": (12, 31), "new year's": (1, 1), "valentine's day": (2, 14),
    "halloween": (10, 31), "independence day": (7, 4), "bastille day": (7, 14), "armistice day": (11, 11),
    "remembrance day": (11, 11), "veterans day": (11, 11), "international women's day": (3, 8), "may day": (5, 1),
    # saints' days a history or a report names a day by ("on 25 October, St Crispin's Day")
    "st crispin's day": (10, 25), "st patrick's day": (3, 17), "st george's day": (4, 23),
    "st andrew's day": (11, 30), "st david's day": (3, 1), "st stephen's day": (12, 26),
    "st. crispin's day": (10, 25), "st. patrick's day": (3, 17), "st. george's day": (4, 23),
    "st. andrew's day": (11, 30), "st. david's day": (3, 1), "st. stephen's day": (12, 26),
}
_HOLIDAY_RE = "(?-i:" + "|".join(
    re.escape(" ".join(w[:1].upper() + w[1:] for w in h.split())).replace("'", "['\u2019]").replace(r"\ ", r"\s+")
    for h in sorted(HOLIDAYS, key=len, reverse=True)) + r")\b"

_NEAR_UNIT = re.compile(r"seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|"
                        r"centur(?:y|ies)", re.I)
_NEAR_LATER = re.compile(r"later|earlier|after(?:wards?)?|thereafter|previously|before", re.I)
# whole words only: the family's unit is one ("Monday", "today", "years" hold none)
_NEAR_ANA = re.compile(r"\b(?:day|date|night|morning|afternoon|evening|week|weekend|month|year|decade|century)\b", re.I)

# "the fall of Budapest": a city's fall, not autumn ("the fall of 1943" takes its year first)
_FALL_OF = re.compile(r"\s+of\b", re.I)
# "night attacks", "daytime traffic": a part of the day naming when
_PART_NOUN = re.compile(r"[\s-]+(?:attacks?|raids?|operations?|assaults?|marche[sd]|march|sorties|fighting|traffic|"
                        r"movements?|bombing|crossings?|patrols?|curfews?)\b", re.I)
# "the summer offensive", "a winter campaign": a season naming when
_CAPITAL_WORD_AFTER = re.compile(r"[\s-]+(?-i:[A-Z][a-z])")


def _season_names(m: re.Match) -> bool:
    """A capitalised season before a capitalised word is part of a name ("The Winter War", "the
    Winter King", "the Winter Palace", "the Summer Olympics"), unless the word says a campaign
    ("the Spring Offensive", which TimeML marks) or the season has a year of its own."""
    season = m.group("season")
    if not season[:1].isupper() or m.group("year") or m.group("pyear") or m.group("eyear") or m.group("oyear"):
        return False
    if _g(m, "rel") not in (None, "the"):   # "Heating Bills To Soar This Winter": a season told by this/last/next
        return False
    return bool(_CAPITAL_WORD_AFTER.match(m.string, m.end())) and not _SEASON_NOUN.match(m.string, m.end())


_SEASON_NOUN = re.compile(r"\s+(?:counter-?)?(?:offensives?|campaigns?|counter-offensives?)\b", re.I)
# "its driest summer since records began", "the worst winter in decades": a season told by a
# superlative is one season, the one in question
_SUPERLATIVE_BEFORE = re.compile(r"\b(?:its|the|their|this|a)\s+(?:[a-z]+est|worst|best|most\s+[a-z]+)\s+$")
# "most recently in November": the last time, told by the date after it, not the recent past
_MOST_BEFORE = re.compile(r"\b(?:most|more)\s+$", re.I)
_AMOUNT_BEFORE = re.compile(rf"\b(?:{_alternation('amount_verbs')})\s+$", re.I)
_RATIO_BEFORE = re.compile(rf"\b(?:\d+|{_alternation('ratio_words')})\s+$", re.I)
# what may follow a year before 1000 written alone: punctuation or a clause going on (time_words.tsv
# year_clause_words), "In 425 an Athenian force", "the autumn of 429, when"; not "the summer of 150 wildfires"
_YEAR_CLAUSE_AFTER = rf"\s*[,;:)]|\.(?!\d)|\s+(?:{_alternation('year_clause_words')})\b|\s*$"
# a count of years in a name ("the Thirty Years' War", "the Seven Years' War", "the Hundred Years' War")
_NAME_AFTER = re.compile(r"['\u2019]\s+(?-i:[A-Z])")


def _years_name(m: re.Match) -> bool:
    """A capitalised count of years before an apostrophe and a capitalised word is a name ("the
    Thirty Years' War"); a title's "13 Hours'" stays a length."""
    return bool(m.group("num") and m.group("num")[:1].isupper() and (m.group("unit") or "").lower() == "years"
                and _NAME_AFTER.match(m.string, m.end()))


# "three weeks and a day after the caucuses": "a day after" is counted from an event of its own
_COUNTED_FROM = re.compile(r"\s+(?:after|before|later|earlier)\b", re.I)
_PAIR_RANK = {"minute": 0, "hour": 1, "day": 2, "week": 3, "month": 4, "year": 5}
_RANK_AND = re.compile(r"\s+(?:and|or)\b", re.I)
_DET_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|that|every)\s+$", re.I)

_TIMEML_FAMILIES: list[_Family] = [
    _Family("season", _c(rf"{_PREP}(?:(?P<mod>early|mid|late|the\s+(?:start|beginning|middle|end|{_alternation('season_peaks')})\s+of)[\s-]+)?"
                         rf"(?:(?P<rel>this\s+past|this\s+coming|this|last|next|that|the\s+following|the\s+next|"
                         rf"the\s+previous|the\s+preceding|the\s+same|the)\s+)?"
                         rf"(?:(?P<pyear>{_YEAR})\s+)?(?P<season>{_SEASON_W})\b(?:\s+(?:of\s+)?(?P<year>{_YEAR}|that\s+year|the\s+same\s+year|"
                         # "the winter of 1939-40": one season, named by the year it begins in
                         rf"the\s+following\s+year|the\s+next\s+year|the\s+previous\s+year)(?:[-\u2013/]\d\d\b(?![-\u2013/.,:]\d))?"
                         # "the spring of 431 BC"; "the autumn of 429" (a year before 1000: BC in a BC story)
                         rf"|\s+(?:of\s+)?(?P<eyear>\d{{1,4}})\s*(?P<era>{_ERA})(?!\w)|\s+of\s+(?P<oyear>[1-9]\d{{2}})\b(?![.,]?\d)(?={_YEAR_CLAUSE_AFTER}))?"),
            lambda m: bool((m.group("prep") and _g(m, "season") != "fall") or m.group("mod") or m.group("rel")
                           or m.group("year") or m.group("pyear") or m.group("eyear") or m.group("oyear"))
            and not _FALL_OF.match(m.string, m.end()) if _g(m, "season") == "fall"
            else bool(m.group("prep") or m.group("mod") or m.group("rel") or m.group("year") or m.group("pyear")
                      or m.group("eyear") or m.group("oyear")
                      or _SEASON_NOUN.match(m.string, m.end()) or _SUPERLATIVE_BEFORE.search(
                          m.string, max(0, m.start() - 40), m.start())) and not _season_names(m), needs="season"),
    # "the spring and summer", "summer and autumn 1918", "the spring and early summer of 1943"
    _Family("seasonrange", _c(rf"{_PREP}(?P<a>(?:the\s+)?(?P<s1>{_SEASON_W}))\s*(?:and|to|into|-|\u2013)\s*"
                              rf"(?:(?P<mod>early|mid|late)\s+)?(?P<b>(?P<s2>{_SEASON_W})\b(?:\s+(?:of\s+)?"
                              rf"(?P<year>{_YEAR}))?)"),
            lambda m: _g(m, "s1") != _g(m, "s2"), needs="season"),
    _Family("quarter", _c(rf"(?:\b(?P<prep>in|during|for|over)\s+)?(?:the\s+)?(?:(?P<rel>this|last|next|previous|"
                          rf"current|same|following)\s+|(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
                          rf"(?:[\s-]+fiscal)?\s+)quarter\b(?:\s+of\s+(?:(?P<year>{_YEAR})|(?P<yrel>this|last|next|the)"
                          rf"\s+year))?|\b(?P<q>Q[1-4])\s*(?P<qyear>{_YEAR})?\b"), needs="quarter"),
    _Family("fiscal", _c(rf"(?:(?P<rel>this|last|next|the\s+current|the\s+previous|the\s+coming|the\s+next)\s+"
                         rf"fiscal\s+year|fiscal\s+(?:year\s+)?(?P<year>{_YEAR})|\bFY\s?'?(?P<yy>\d{{2}}|{_YEAR})\b)"),
            needs="fiscal"),
    _Family("decade", _c(rf"(?:\b(?P<prep>in|during|since|by|throughout|through|until)\s+)?(?:the\s+)?"
                         rf"(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<dec>1\d\d0|20[0-9]0)'?s|'(?P<short>\d0)s"
                         # "the 120s BC", "the 470s BC" (TimeML BC012, BC047)
                         rf"|(?P<bcdec>[1-9]\d{{0,2}}0)s\s*(?-i:BC|B\.C\.?|BCE)(?!\w))\b"),
            needs="decade"),
    _Family("century", _c(rf"(?:\b(?P<prep>in|during|since|by|throughout|until)\s+)?(?:the\s+)?"
                          rf"(?:(?P<mod>early|mid|late|the\s+(?:start|beginning|middle|end)\s+of\s+the)[\s-]+)?"
                          rf"(?P<ord>{_ORD})[\s-]+century\b(?:\s+(?P<era>{_ERA}))?"), needs="century"),
    # "the 19th and 20th centuries", "the fifth and fourth centuries BC": two centuries, each its own
    # TimeML expression ("the 19th" 18, "20th centuries" 19; see timeml_parts)
    _Family("centuryrange", _c(rf"(?:\b(?P<prep>in|during|since|by|throughout|until|of)\s+)?(?P<a>(?:the\s+)?(?P<o1>{_ORD}))"
                               rf"\s*(?:and|to|-|\u2013)\s*(?P<b>(?P<o2>{_ORD})[\s-]+centuries\b(?:\s+(?P<era>{_ERA}))?)"),
            needs="century"),
    _Family("era_year", _c(rf"(?:\b(?P<prep>in|by|from|until|of|since|around|about|c\.)\s+)?"
                           rf"(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<month>{_MONTH_FULL})\s+)?"
                           rf"(?:(?P<y>\d{{1,4}})\s*(?P<era>{_ERA})(?!\w)|(?-i:AD|A\.D\.)\s+(?P<y2>\d{{1,4}})\b)"),
            needs="era", near=(_ERA_NEAR, 60, 12)),
    # "264 to 241 BC", "240-238 BC": the era written once, after the second year
    _Family("era_range", _c(rf"(?:\b(?P<prep>from|between|in)\s+)?(?<![\d.,])(?P<a>\d{{1,4}})\s*(?:-|\u2013|to\b)\s*"
                            rf"(?P<b>(?P<y>\d{{1,4}})\s*(?P<era>{_ERA}))(?!\w)"), needs="era"),
    _Family("clock", _c(rf"(?:\b(?P<prep>at|around|about|by|before|after|until|from|shortly\s+before|"
                        rf"shortly\s+after|just\s+before|just\s+after)\s+)?"
                        rf"(?:(?P<dayA>{_DAYWORD}(?:\s+{_PART})?),?\s+(?:at\s+|around\s+|about\s+)?)?"
                        rf"(?P<clk>{_CLOCK}{_TZ})(?:\s+(?-i:[A-Z][a-z]+)\s+time)?(?:,?\s+(?:on\s+)?(?P<dayB>{_DAYWORD}))?"),
            needs="clock"),
    _Family("set", _c(rf"\b(?P<every>every|each)\s+(?:(?P<n>other|{_NUM})\s+)?(?P<unit>{_WD}|{_ANA_UNIT}|hour|"
                      rf"quarter)s?\b|\b(?P<adv>daily|nightly|weekly|monthly|yearly|annually|hourly|quarterly|"
                      rf"biweekly|fortnightly)\b|\b(?P<freq>once|twice|thrice|(?:{_NUM})\s+(?:times|days|nights|evenings|mornings|"
                      rf"hours))\s+(?:a|per|an|"
                      rf"each|every)\s+(?P<unit2>hour|day|week|month|year)\b|\bper\s+(?P<unit3>day|week|month|year|"
                      rf"hour)\b|\bon\s+(?P<wds>{_WD})s\b"
                      # "every 14 June", "each July 4", "every March": a day or month of every year
                      rf"|\b(?:every|each)\s+(?:(?P<sday>{_DAYN})\s+(?:of\s+)?(?P<smon>{_MONTH_FULL})"
                      rf"|(?P<smon2>{_MONTH_FULL})(?:\s+(?P<sday2>{_DAYN}))?)(?![\s-]+(?-i:Day|Eve)\b)"), needs="set"),
    _Family("later", _c(rf"\b(?:(?P<qual>{_DUR_QUAL})\s+)?(?P<num>{_NUMW})\s+(?P<unit>{_DUR_UNITS})\s+"
                        rf"(?P<dir>later|earlier|afterwards?|thereafter|previously|before(?=\s*[,.;])"
                        # "five days after the fall of Girona", "two days after relieving the siege": counted
                        # from the event, which is the last date the text mentioned
                        rf"|(?:after|before)(?=\s+(?:the|a|an|his|her|its|their)\s+(?!end\b|start\b|beginning\b|"
                        rf"middle\b)|\s+\w+ing\b|\Z))"),
            needs="later", near=(_NEAR_LATER, 80, 24)),
    # "the first day of the war", "the opening day of the offensive", "the first day of the Battle of the
    # Somme": a day named by its place in the story's event, the story's day (see _r_event_day)
    _Family("event_day", _c(r"\bthe\s+(?P<ord>first|opening|second|third|last|final|closing)\s+day\s+of\s+the\s+"
                            r"(?P<event>(?:(?-i:[A-Z])\w+\s+)*(?:war|invasion|offensive|battle|campaign|siege|attack|"
                            r"assault|uprising|revolution|revolt|rising|bombing|air\s+war|ground\s+war|fighting)\b"
                            r"(?:\s+of\s+(?:the\s+)?(?-i:[A-Z])\w+(?:\s+(?-i:[A-Z])\w+)*)?)"),
            needs="event_day"),
    # a day named by a letter, set beside the story's day: "On June 6, 1944 (known as D-Day)", "on 24
    # February, a day the planners called G-Day" (_r_named_day; saints' days are HOLIDAYS)
    _Family("named_day", _c(r"(?<![\w-])(?-i:[A-Z])-(?-i:Day)\b"),
            needs="named_day"),
    # "in the days that followed", "over the weeks which followed": a length, how long untold (PXD, PXW)
    _Family("that_followed", _c(r"(?:\b(?P<prep>in|over|during|within|for)\s+)?the\s+(?:(?:first|next|few)\s+)?"
                                r"(?P<unit>hours|days|weeks|months|years)\s+(?:that|which)\s+followed\b"),
            needs="units"),
    # "days later", "months before": some days or months on, how many untold; no date of the story
    _Family("vague_later", _c(r"(?<![\w-])(?P<unit>days|weeks|months|years)\s+"
                              r"(?P<dir>later|earlier|afterwards?|before(?=\s*[,.;]|\s*\Z))"),
            needs="vague_later"),
    _Family("anaphoric", _c(rf"\b{_PREP}(?:(?P<mod>early|mid|late|the\s+(?:start|beginning|middle|end)\s+of|{_PART_OF})[\s-]+)?"
                            rf"(?:(?P<det>the\s+following|the\s+next|the\s+previous|the\s+preceding|the\s+prior|"
                            rf"that\s+same|the\s+same|this|that|the)\s+)(?P<unit>day|date|night|morning|afternoon|evening|"
                            rf"week|weekend|month|year|decade|century)\b(?:\s+(?P<ba>before|after)\b)?"
                            rf"|(?P<later>later|earlier)\s+(?:that|the\s+same|in\s+the|this)\s+(?P<unit2>day|night|"
                            rf"morning|afternoon|evening|week|month|year)\b"),
            lambda m: (_g(m, "det") not in ("the", "this") or bool(m.group("mod") or m.group("ba")) or (
                _g(m, "unit") in ("year", "month", "century") and bool(m.group("prep")
                                                            # "its last decision of the year" (not a
                                                            # calendar's "the Year I"; "one of the coldest
                                                            # of the century", not "the trial of the
                                                            # century", an idiom)
                                                            or (_g(m, "unit") == "century" and _SUPERLATIVE_OF.search(
                                                                m.string, max(0, m.start() - 30), m.start()))
                                                            or (m.group("unit").islower() and _g(m, "unit") != "century"
                                                                and _OF_BEFORE.search(
                                                                m.string, max(0, m.start() - 4), m.start()))))
                # "this day", "this date" in a story: the day last mentioned ("this week" is the period family's)
                or (_g(m, "det") == "this" and _g(m, "unit") in ("day", "date"))
                # "in the afternoon": of the day last mentioned
                or (_g(m, "det") == "the" and _g(m, "unit") in ("morning", "afternoon", "evening")
                    and _g(m, "prep") in ("in", "during"))) and not (
                _g(m, "unit") == "date" and _g(m, "det") == "the"),
            needs="anaphoric", near=(_NEAR_ANA, 60, 10)),
    # "at month's end", "by year's end": the end of the month (year, week) in question
    _Family("unit_end", _c(r"\b(?:(?P<prep>at|by|before|until|till|after|from)\s+)?(?P<unit>week|month|year)['\u2019]s\s+end\b"),
            needs="unit_end"),
    _Family("month_of", _c(rf"{_PREP}(?:(?P<mod>early|mid|late|the\s+(?:start|beginning|middle|end)\s+of)[\s-]+)?"
                           rf"(?:(?P<day>{_DAYN})\s+(?:of\s+)?)?(?P<month>{_MONTH_FULL})(?:\s+(?P<day2>{_DAYN}))?,?\s+of\s+"
                           rf"(?P<which>that\s+year|the\s+same\s+year|the\s+following\s+year|the\s+next\s+year|"
                           rf"the\s+previous\s+year|this\s+year|last\s+year|next\s+year)"), needs="month"),
    _Family("duration", _c(rf"\b(?:(?P<prep>for|over|during|within|in|after|throughout|lasting|of)\s+)?"
                           rf"(?:(?P<qual>{_DUR_QUAL})\s+)?(?:(?P<num>{_NUMW}|another|a\s+further|an\s+additional)"
                           rf"[\s-]+(?:(?P<half>and\s+(?:a\s+)?half)\s+)?"
                           # "six consecutive months", "ten brutal months", "the four previous weeks"
                           rf"(?:(?P<adj>consecutive|straight|successive|more|further|additional|full|whole|long|"
                           rf"short|single|[a-z]+(?:al|ful|ous|ive|ic|y|ent|ant|less|ble|ing))\s+)?"
                           rf"(?P<unit>{_DUR_UNITS})\b(?:[\s-]+long\b)?|(?P<lunit>day|week|month|year|decade)-long\b|(?P<ahalf>half\s+an?)\s+(?P<hunit>hour|day|"
                           rf"year|century|decade)|(?P<vunit>hours|days|weeks|months|years|decades|centuries)\b)"),
            lambda m: bool((m.group("num") and not (_g(m, "unit") == "second" and _g(m, "num") in ("a", "an"))
                            # "a bloody day" says what the day was like, "a single day" how long
                            and not (_g(m, "num") in ("a", "an") and _g(m, "adj") not in (None, "full", "whole",
                                                                                           "single", "long", "short")))
                           or m.group("ahalf") or m.group("lunit") or (m.group("vunit") and m.group("prep")
                                                   in ("for", "within", "over", "after", "in")))
            # ("the Six-Day War" stays: WikiWars marks "Six-Day")
            and not _a_rate(m) and not _years_name(m),
            needs="duration", near=(_NEAR_UNIT, 60, 8)),
    # "two years and eight months", "three days and six hours": one length in two units (TimeML P2Y8M)
    _Family("duration_pair", _c(rf"\b(?:(?P<prep>for|over|during|within|in|after|throughout|lasting|of)\s+)?"
                                rf"(?:(?P<qual>{_DUR_QUAL})\s+)?(?P<n1>{_NUMW})\s+(?P<u1>years?|months?|weeks?|days?|hours?)"
                                rf"\s+and\s+(?P<n2>{_NUMW})\s+(?P<u2>months?|weeks?|days?|hours?|minutes?)\b"),
            lambda m: _PAIR_RANK[_g(m, "u1").rstrip("s")] > _PAIR_RANK[_g(m, "u2").rstrip("s")]
            and _number(m.group("n1")) is not None and _number(m.group("n2")) is not None
            # "three weeks and a day after the Iowa caucuses": "a day after" is anchored on its own
            and not (_g(m, "n2") in ("a", "an") and _COUNTED_FROM.match(m.string, m.end())),
            needs="duration", near=(_NEAR_UNIT, 60, 8)),
    _Family("ref", _c(rf"\b(?P<ref>{_REF_RE})\b(?![-\u2010])"
                      r"(?!\s+(?:[\w-]+\s+)?(?:hours?|days?|weeks?|months?|years?|decades?|centur))"),
            # "most recently in November": the last time, told by the date after it (no time of its own)
            lambda m: not (_g(m, "ref") == "recently" and _MOST_BEFORE.search(m.string, max(0, m.start() - 6),
                                                                                m.start())),
            needs="ref"),
    # "attacked at night", "by day": a part of no particular day (TimeML XXXX-XX-XXTNI)
    # "the night of April 18, 1775", "the morning of 19 April": that day's part (TimeML TIME ...TNI)
    _Family("part_of_date", _c(rf"{_PREP}the\s+(?P<part>{_PART})\s+of\s+(?P<date>(?:{_WD},?\s+)?{_DATE})"),
            needs="month", near=(_NEAR_MONTH, 40, 30)),
    # "night attacks", "in daytime", "working hours": a part of no particular day (TNI, TDT)
    _Family("day_part", _c(r"\b(?:(?P<prep>at|by|in)\s+)?(?P<part>night(?:time|s)?|day-?time|working\s+hours)\b"
                           r"(?!\s+(?:of|before|after|in)\b)"),
            lambda m: bool(m.group("prep")) or _PART_NOUN.match(m.string, m.end()) is not None, needs="day_part"),
    _Family("holiday", _c(rf"{_PREP}(?P<name>{_HOLIDAY_RE})(?:,?\s+(?P<year>{_YEAR}))?"), needs="holiday"),
    _Family("short_year", _c(r"(?:\b(?P<prep>in|of|since|by|until)\s+)?(?<![\w'\u2019])['\u2019](?P<yy>\d\d)\b(?!['\u2019\d]|\s+(?:[\w-]+\s+){0,3}[\w-]+['\u2019](?!\w))"),
            needs="short_year"),
    _Family("day_of_month", _c(r"(?:\b(?P<prep>on|by|until|from|since)\s+)?\bthe\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)\b"
                               r"(?![\w-]|\s+(?:(?-i:[A-Z])|(?:and|or)\s+(?:the\s+)?\d|(?:century|centuries|anniversary|birthday|day|week|"
                               r"month|year|time|of|floor|place|round|term|edition|session|minute|hour|percent|per|largest|biggest|"
                               r"most)\b|to\s+(?!the\b)[a-z]+))"),
            # "the 5th and final stage", "the 2nd and last time": a rank, no day, unless a preposition
            # says a date ("on the 5th and final day"); "the 5th and the 6th of May" is a day range
            lambda m: bool(m.group("prep")) or not _RANK_AND.match(m.string, m.end()),
            needs="ordinal"),
    _Family("half", _c(rf"(?:\b(?P<prep>in|during|over|by)\s+)?(?:the\s+)?(?P<which>first|second|latter|last|"
                       rf"earlier|later)\s+half(?:\s+of\s+(?:(?P<year>{_YEAR})|(?P<rel>this|last|next|the)\s+year)\b"
                       # "in the first half" alone: the half of the year in question, only in a sentence about
                       # a year's figures (_half_of_a_year: not "the team scored twice in the first half", nor
                       # "the first half of the match"); a count must not lead into it ("the first half-dozen")
                       rf"|(?![\s-]+(?:of|an?|dozen|century|decade|hour|day|time)\b|[\w-]))"),
            lambda m: bool(m.group("year") or m.group("rel") or (re.search(r"\bthe\s", m.group(0), re.I)
                                                                 and _half_of_a_year(m.string, m.start(), m.end()))),
            needs="half"),
    # "1915-17": the second year of a span, its century from the first (TimeML marks both)
    _Family("year_tail", _c(r"(?<=\b(?:1[0-9]|20)\d\d[-\u2013])(?P<yy>\d\d)\b(?![-\u2013/.,:]\d)"), needs="year"),
    # "In 425 an Athenian force", "besieged from 429, fell two years later", "In 57 he marched north":
    # a year before 1000 after a preposition, followed by a clause or punctuation (not "in 300
    # villages", "from 150 to"; a year of two digits not before a capitalised word either, "in 30 US
    # states"); not "by" ("signed by 200 House Republicans"), nor an amount's "down from 336", nor a
    # ratio ("eight in 10 voters", "1 in 64")
    _Family("early_year", _c(r"\b(?P<prep>in|from|until|till|since)\s+(?P<y>[1-9]\d{1,2})\b(?![.,]?\d|\s*%)"
                             rf"(?={_YEAR_CLAUSE_AFTER}|(?<=\d\d\d)\s+(?-i:[A-Z][a-z]))"),
            lambda m: not (_AMOUNT_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
                           and _g(m, "prep") == "from")
            and not _RATIO_BEFORE.search(m.string, max(0, m.start() - 8), m.start()), needs="early_year"),
    # a year before 1500 written alone after "to", "and", "of", "until" and before a clause or
    # punctuation ("from 1337 to 1453, 116 years", "the succession of 1328, when", "from 1444 to 1449 the
    # French"); not an amount ("rose from 1200 to 1450 units") nor a clock ("to 1400 GMT")
    _Family("old_year", _c(r"(?:(?<=\bto\s)|(?<=\band\s)|(?<=\bof\s)|(?<=\buntil\s)|(?<=\btill\s))(?P<year>1[0-4]\d\d)\b(?![.,]?\d|\s*%)"
                           rf"(?={_YEAR_CLAUSE_AFTER}|\s+(?:{_alternation('old_year_clause_words')})\b)"),
            lambda m: not _AMOUNT_BEFORE.search(m.string, max(0, m.start() - 40), m.start() - 3)
            and not re.search(r"\bfrom\s+\d{1,3}(?:,\d{3})*\s+to\s+$", m.string[max(0, m.start() - 20):m.start()]),
            needs="old_year"),
    _Family("bare_year", _c(rf"(?<![\d$£€.,/])(?<!\D-)(?P<year>1[5-9]\d\d|20\d\d)(?!\s*%|\s*per\s*cent|[.,/]\d|"
                            rf"[-\u2013](?!\d\d\b|\d{{4}}\b)\d|\s+"
                            rf"(?:people|troops|soldiers|men|women|civilians|dead|killed|casualties|votes|km|miles|"
                            rf"tons|tonnes|metres|meters|feet|dollars|euros|hours|points|cases|units|members|"
                            rf"fighters|rockets|missiles|shells)\b)"),
            needs="year"),
]


_FAMILIES += _TIMEML_FAMILIES


# Gates: each family's ``needs`` names a cheap test for something every one of its matches contains
# (the weekday family needs a weekday name, "ago" needs "ago"), so a text that fails the test cannot
# hold a match and the family's regex is not run over it. Only a speed-up: most sentences open one or
# two gates, and running all fifteen case-insensitive regexes over every sentence was the cost.
# Month names are case-sensitive in the regexes, so their gate is too; every full or short month name
# starts with one of these twelve.
_GATE_MONTH = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_GATE_ISO = re.compile(r"\d-[01]\d-")
_GATE_NUMERIC = re.compile(r"\d[/.]\d")
_GATE_YEAR = re.compile(r"(?:1[0-9]|20)\d\d")
_GATE_WEEKDAY = re.compile(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday")
# The word gates test ``text.lower()``; under re.IGNORECASE these four characters also match ASCII
# letters (İ and ı match "i", ſ matches "s", the Kelvin sign "k"), which lower() does not give, so a
# text holding one is scanned by every family.
_GATE_UNSAFE = re.compile("[\u0130\u0131\u017f\u212a]")
_ALL_GATES = frozenset(f.needs for f in _FAMILIES)
# The TimeML families' gates: a word any match contains (tested on text.lower()), or a pattern.
_WORD_GATES = (
    ("season", ("spring", "summer", "autumn", "fall", "winter")),
    ("quarter", ("quarter",)),
    ("since_start", ("since", "so far")),
    ("day_part", ("night", "daytime", "day-time", "working hours")),
    ("fiscal", ("fiscal", "fy")),
    ("century", ("century", "centuries")),
    ("half", ("half",)),
    ("holiday", ("christmas", "new year", "boxing day", "valentine", "halloween", "independence day", "bastille",
                 "armistice", "remembrance", "veterans", "women's day", "women\u2019s day", "may day", "crispin",
                 "patrick", "george's day", "george\u2019s day", "andrew's day", "andrew\u2019s day", "david's day",
                 "david\u2019s day", "stephen's day", "stephen\u2019s day")),
    ("set", ("every", "each", "daily", "nightly", "weekly", "monthly", "yearly", "annually", "hourly", "quarterly",
             "biweekly", "fortnightly", "per ", "days", "times", "once", "twice", "thrice")),
    ("anaphoric", ("day", "date", "night", "morning", "afternoon", "evening", "week", "month", "year", "decade",
                   "century")),
    ("ref", ("now", "current", "present", "these days", "moment", "past", "recent", "lately", "former", "long ago",
             "future", "soon")),
)
# every gate word in one pattern (on lower case; a word inside another, "day" in "today", is found
# through the longer one's gates plus its own: see _GATES_OF_WORD)
_GATES_OF_WORD: dict[str, set] = {}
for _gate, _words in _WORD_GATES:
    for _w in _words:
        _GATES_OF_WORD.setdefault(_w, set()).add(_gate)
for _w in list(_GATES_OF_WORD):   # a word also opens the gates of the words inside it
    for _v, _gs in list(_GATES_OF_WORD.items()):
        if _v != _w and _v in _w:
            _GATES_OF_WORD[_w] |= _gs
_WORD_GATE_RE = re.compile("|".join(re.escape(w) for w in sorted(_GATES_OF_WORD, key=len, reverse=True)))
# A count right before a unit of time (at most two words between): every duration holds one.
# Found from the unit backwards, since units are rare and counts are not.
_GATE_UNIT = re.compile(r"second|minute|hour|day|night|week|fortnight|month|year|decade|centur")   # on lower case
_GATE_COUNT_BEFORE = re.compile(
    r"(?:\d|\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|"
    r"thousands?|few|several|many|dozens?|half|couple|number))[\s-]+(?:[a-z]+[\s-]+){0,2}$"
    r"|(?:for|within|over|after|in)\s+$", re.I)


_COUNT_WORDS = frozenset(("a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                          "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
                          "hundred", "hundreds", "thousand", "thousands", "few", "several", "many", "dozen", "dozens",
                          "half", "couple", "number", "another", "further", "additional"))
_LEAD_WORDS = frozenset(("for", "within", "over", "after", "in"))
_WORDS_BEFORE = re.compile(r"[a-z0-9]+")


def _counted_unit(text: str) -> bool:
    """A unit of time with a count at most two words before it ("three days", "six consecutive
    months", "a month-long"), or right after "for" ... ("for weeks"). ``text`` in lower case."""
    for u in _GATE_UNIT.finditer(text):
        i = u.start()
        if text[u.end():u.end() + 6].startswith("-long"):
            return True
        if i == 0 or not (text[i - 1].isspace() or text[i - 1] == "-"):
            continue   # inside a word ("Monday", "today"): no count is right before it
        words = _WORDS_BEFORE.findall(text, max(0, i - 40), i)
        if words and words[-1] in _LEAD_WORDS:
            return True
        for w in words[-3:]:
            if w in _COUNT_WORDS or any(ch.isdigit() for ch in w) or w.endswith(("ty", "teen")):
                return True
    return False
_GATE_CLOCK = re.compile(r"\d:\d\d|\d\s*(?:[aApP]\.?[mM]\b)|[nN]oon|[mM]id(?:day|night)|o'clock")
_PAST_DAY = re.compile(r"past\s(?:day|decade)")
_GATE_OLD_YEAR = re.compile(r"1[0-4]\d\d")
_GATE_EVENT_DAY = re.compile(r"day\s+of\s+the\s")        # on lower case
_RE_GATES = (
    ("quarter", re.compile(r"Q[1-4]")),
    ("fiscal", re.compile(r"FY")),
    ("decade", re.compile(r"\d0'?s|'\d0s")),
    ("short_year", re.compile("['\u2019]\\d\\d")),
    ("ordinal", re.compile(r"\d(?:st|nd|rd|th)\b")),
    ("era", re.compile(r"BC|B\.C|AD|A\.D|CE|C\.E")),
    ("year", re.compile(r"1[5-9]\d\d")),
    ("early_year", re.compile(r"(?<!\d)[1-9]\d\d?(?!\d)")),
    ("unit_end", re.compile(r"['\u2019]s\s+end", re.I)),
)


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
    if "week" in low or "month" in low or "year" in low or ("past" in low and _PAST_DAY.search(low)):
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
    for w in set(_WORD_GATE_RE.findall(low)):
        out.update(_GATES_OF_WORD[w])
    for gate, pattern in _RE_GATES:
        if pattern.search(text):
            out.add(gate)
    # gates within gates (each family's matches all hold both): a year before 1500 beside a later
    # one; "the first day of the war"; "D-Day"
    if "year" in out and _GATE_OLD_YEAR.search(text):
        out.add("old_year")
    if "anaphoric" in out:
        if _GATE_EVENT_DAY.search(low):
            out.add("event_day")
        if "-Day" in text:
            out.add("named_day")
    if (":" in text or ".m" in low or "am" in low or "pm" in low or "noon" in low or "mid" in low
            or "o'clock" in low) and _GATE_CLOCK.search(text):
        out.add("clock")
    # a count next to a unit of time: every duration holds one, and so does every "two days later"
    if _counted_unit(low):
        out.add("duration")
        if "later" in low or "earlier" in low or "after" in low or "previously" in low or "before" in low:
            out.add("later")
    if _VAGUE_GATE.search(low):
        out.add("vague_later")
    return out


def _matches(fam: _Family, text: str):
    if fam.near is None:
        yield from fam.pattern.finditer(text)
        return
    trigger, before, after = fam.near
    seen = set()
    for u in trigger.finditer(text):
        for m in fam.pattern.finditer(text, max(0, u.start() - before), min(len(text), u.end() + after)):
            if m.start() <= u.start() and m.end() >= u.end() and m.span() not in seen:
                seen.add(m.span())
                yield m


def _scan(text: str, whole: bool = False) -> list[tuple[int, int, _Family, re.Match]]:
    """Candidates settled longest first. ``whole``: ``text`` is known to be one time expression (as
    found in its sentence, or a gold span), so a match of all of it needs no guard ("summer" of
    "the summer offensive", "February" of "the February Revolution")."""
    cands = []
    gates = _open_gates(text)
    n = len(text)
    for order, fam in enumerate(_FAMILIES):
        if fam.needs not in gates:
            continue
        for m in _matches(fam, text):
            if m.end() > m.start() and (fam.valid is None or fam.valid(m) or (whole and m.span() == (0, n))):
                cands.append((m.start(), m.end(), order, fam, m))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    chosen: list[tuple[int, int, _Family, re.Match]] = []
    for s, e, _, fam, m in cands:
        if all(e <= cs or s >= ce for cs, ce, _, _ in chosen):
            chosen.append((s, e, fam, m))
    chosen.sort(key=lambda c: c[0])
    return chosen


def names_a_thing(text: str, start: int, end: int) -> bool:
    """A year or month used as a modifier ("the 2024 budget", "a 1908 interview", "the February
    Revolution"): TimeML marks it as a date, but it says which thing is meant rather than when an
    event happened, so a claim takes any other time first."""
    expr = text[start:end]
    if re.fullmatch(r"\d{4}", expr):
        return _DET_BEFORE.search(text, max(0, start - 8), start) is not None
    return bool(re.fullmatch(_MONTH_FULL, expr)) and _DET_ADJ_BEFORE.search(text, max(0, start - 30), start) is not None


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
    if tense in ("present", "story"):   # "story": a history's month, ties ahead
        back = (ref.month - m) % 12
        fwd = (m - ref.month) % 12
        if fwd < back or (tense == "story" and fwd == back):
            return ref.year if m >= ref.month else ref.year + 1
    return ref.year if m <= ref.month else ref.year - 1


def _part(start: date, end: date, mod: Optional[str], unit: str) -> tuple[date, date]:
    """early / mid / late part of a month (1-10, 11-20, 21-end), year (Jan-Apr, May-Aug, Sep-Dec)
    or week (Mon-Wed, Tue-Thu, Thu-Sun)."""
    if not mod or mod in ("earlier", "later"):
        return start, end
    mod = re.sub(r"\s+", " ", mod)
    if mod.startswith("the ") and mod.endswith(("part of", "days of", "weeks of", "months of")):
        # "the latter part of", "the early part of", "the last months of", "the first few weeks of"
        mod = "early" if mod.split()[1] in ("early", "earlier", "first", "opening") else "late"
    mod = {"the start of": "early", "the beginning of": "early", "the middle of": "mid", "the end of": "late"}.get(
        mod, mod)
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
    a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("a2"), m.group("b2"))
    (d1, m1, y1), (d2, m2, y2) = _parse_dm(a), _parse_dm(b)
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


def _r_monthrange(m, ref, tense, locale) -> Result:
    """"from October to March": with a year, the year is the second month's; without one, the first
    month is placed like a month alone (by the tense; the nearest in a narrative) and the second is
    the first such month after it, a range said in the past ending by the reference month."""
    m1, m2 = MONTHS[m.group("a").lower()], MONTHS[m.group("b").split()[0].rstrip(",").lower()]
    if m.group("year"):
        y2 = int(m.group("year"))
        y1 = y2 if m1 <= m2 else y2 - 1
    elif ref is not None:
        y1 = _month_year(ref, m1, tense, None)
        y2 = y1 if m2 >= m1 else y1 + 1
        if tense == "past" and date(y2, m2, 1) > ref:
            y1, y2 = y1 - 1, y2 - 1
    else:
        return None
    return date(y1, m1, 1), _month_end(y2, m2), "month"


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
        days = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3652}[unit]
        return ref - timedelta(days=days), ref, unit
    shift = {"this": 0, "last": -1, "previous": -1, "next": 1}[rel]
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
    if rel in ("coming", "next", "following"):
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
    "daterange": _r_daterange, "month": _r_month, "monthrange": _r_monthrange, "year": _r_year, "period": _r_period,
    "since_start": _r_since_start, "ago": _r_ago, "recent": _r_recent, "weekend": _r_weekend,
    "overnight": _r_overnight, "deictic": _r_deictic, "weekday": _r_weekday,
}


# ----------------------------------------------------------------------------- TimeML resolvers
@dataclass(frozen=True)
class Point:
    """A date the text mentioned, as exactly as it was given: year (negative = BC), month, day."""
    year: int
    month: Optional[int] = None
    day: Optional[int] = None
    approx: bool = False   # the month stands for a season, quarter or half: no day of it is known

    def as_date(self) -> Optional[date]:
        """A day standing for it: the day itself, the 15th of a month, 1 July of a year."""
        if self.year < 1 or self.year > 9999:
            return None
        return _safe_date(self.year, self.month or 7, self.day or (15 if self.month else 1))

    @classmethod
    def of_value(cls, value: Optional[str]) -> Optional["Point"]:
        m = re.fullmatch(r"(BC)?(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T.*)?|(BC)?(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12]|W\d\d).*",
                         value or "")
        if not m:
            return None
        if m.group(2):
            y = int(m.group(2)) * (-1 if m.group(1) else 1)
            return cls(y, int(m.group(3)) if m.group(3) else None, int(m.group(4)) if m.group(4) else None)
        y = int(m.group(6)) * (-1 if m.group(5) else 1)
        code = m.group(7)
        if code.startswith("W") and code != "WI" and y > 0:   # a week: its Monday (its Saturday for a weekend)
            try:
                d = date.fromisocalendar(y, int(code[1:]), 6 if (value or "").endswith("-WE") else 1)
            except ValueError:
                return cls(y)
            return cls(d.year, d.month, d.day)
        # a winter is named by the year of its December (1950-WI: December 1950 to February 1951)
        month = {"SP": 4, "SU": 7, "FA": 10, "WI": 12, "H1": 4, "H2": 10}.get(code)
        if code.startswith("Q"):
            month = 3 * int(code[1]) - 1
        return cls(y, month, approx=True)


@dataclass
class _Ctx:
    ref: Optional[date]          # the deictic reference: statement or publication date
    prev: Optional[Point]        # the last date the text mentioned (anaphoric reference)
    narrative: bool
    tense: str
    locale: Optional[str]
    used: Optional[date] = None  # the reference day a calendar family counted from
    future_in_past: bool = False  # "would": later than a past moment of the story
    in_document: bool = False     # read in order by a Timeline (no context = nothing mentioned yet)
    mention_far: bool = False     # news: the last mention lies in an earlier paragraph (see Timeline)
    mention_gap: Optional[int] = None   # characters from the last mention to the expression, when known


@dataclass
class _Out:
    start: Optional[date]
    end: Optional[date]
    precision: str
    value: Optional[str] = None
    type: str = "DATE"
    duration: Optional[str] = None


def _yv(y: int) -> str:
    return f"{y:04d}" if y > 0 else f"BC{-y:04d}"


_SEASON_CODE = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_ORD_N = {w: i + 1 for i, w in enumerate(
    ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
     "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
     "twentieth", "twenty-first"))}
_MORE_NUMBERS = {"thirteen": 13, "fourteen": 14, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
                 "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
                 "a hundred": 100, "a dozen": 12}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_VAGUE = ("a few", "few", "several", "many", "dozens of", "hundreds of", "thousands of", "a number of")


def _number(num: Optional[str]) -> Optional[float]:
    """A count word or figure as a number; None when vague ("a few", "several")."""
    w = re.sub(r"\s+", " ", (num or "").lower()).strip()
    if not w or w in _VAGUE:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})*", w):
        return float(w.replace(",", ""))
    if "-" in w:
        a, _, b = w.partition("-")
        if a in _TENS and b in SMALL_NUMBERS:
            return float(_TENS[a] + SMALL_NUMBERS[b])
    if w in SMALL_NUMBERS:
        return float(SMALL_NUMBERS[w])
    if w.endswith(" hundred") and w.split()[0] in SMALL_NUMBERS:   # "five hundred years"
        return float(SMALL_NUMBERS[w.split()[0]] * 100)
    if w in ("another", "a further", "an additional"):   # "for another week": one more
        return 1.0
    return float(_MORE_NUMBERS[w]) if w in _MORE_NUMBERS else None


def _from_prev(c: _Ctx) -> bool:
    """Whether an expression without a year of its own reads from the last mentioned date: always
    in a narrative; in news when the sentence is in the past tense and the text last named a date
    more than a year from the reference ("In 2019 the group ... In June it ...")."""
    if c.prev is None or c.prev.year < 1:
        return False
    return c.narrative or (not c.mention_far and (c.tense == "past" or c.future_in_past) and c.ref is not None
                           and abs(c.prev.year - c.ref.year) > 1)


def _base(c: _Ctx, anaphoric: bool) -> Optional[date]:
    """The reference day of an expression: the last mentioned date for anaphoric forms (and for
    everything underspecified in a narrative), else the statement/publication date."""
    if (anaphoric or _from_prev(c)) and c.prev is not None:
        d = c.prev.as_date()
        if d is not None:
            c.used = d
            return d
    if anaphoric and c.prev is None and not c.in_document:
        return None   # "that spring" with nothing mentioned before it
    return c.ref


def _season_range(y: int, code: str) -> tuple[Optional[date], Optional[date]]:
    if y < 1 or y > 9998:
        return None, None
    sm = _SEASON_START[code]
    start = date(y, sm, 1)
    end = _month_end(*((y + 1, 2) if code == "WI" else (y, sm + 2)))
    return start, end


def _pick_season(base: date, code: str, mode: str) -> int:
    """The year of the season nearest base in the direction ``mode`` (past / future / nearest,
    strict_past / strict_future: not the one containing base)."""
    cands = []
    for y in (base.year - 2, base.year - 1, base.year, base.year + 1):
        s, e = _season_range(y, code)
        if s is not None:
            cands.append((y, s, e))
    if mode == "strict_past":
        return max(y for y, s, e in cands if e < base) if any(e < base for _, _, e in cands) else base.year - 1
    if mode == "strict_future":
        return min(y for y, s, e in cands if s > base) if any(s > base for _, s, _ in cands) else base.year + 1
    inside = [y for y, s, e in cands if s <= base <= e]
    if inside:
        return inside[0]
    if mode == "same_year":
        return base.year
    past = max((y for y, s, e in cands if e < base), default=base.year - 1)
    fut = min((y for y, s, e in cands if s > base), default=base.year + 1)
    if mode == "past":
        return past
    if mode == "future":
        return fut
    dp = (base - _season_range(past, code)[1]).days if _season_range(past, code)[1] else 9999
    df = (_season_range(fut, code)[0] - base).days if _season_range(fut, code)[0] else 9999
    return fut if df < dp else past


def _rel_year(which: str, c: _Ctx) -> Optional[int]:
    """The year of "that year", "the following year", "this year", "last year" ..."""
    w = re.sub(r"\s+", " ", which.lower())
    anaphoric = w in ("that year", "the same year", "the following year", "the next year", "the previous year")
    if anaphoric and c.prev is not None:
        y = c.prev.year
        c.used = c.prev.as_date()
    elif anaphoric and not c.in_document:
        return None
    elif c.ref is not None:
        y = c.ref.year
    else:
        return None
    return y + (1 if ("following" in w or "next" in w) else -1 if ("previous" in w or "last" in w) else 0)


def _old_year(year: Optional[str], era: Optional[str], old: Optional[str], c: _Ctx) -> Optional[int]:
    """A year written with its era ("431 BC": -431) or a year before 1000 written alone ("in 425",
    "the autumn of 429"): BC when the story's last date is BC, else AD. None when neither is given."""
    if year:
        era = (era or "").upper().replace(".", "")
        return -int(year) if era in ("BC", "BCE") else int(year)
    if old:
        return -int(old) if c.prev is not None and c.prev.year < 1 else int(old)
    return None


def _in_an_old_story(c: _Ctx) -> bool:
    """A year before 1000 written alone is one only in a story already told before 1000: its last
    date lies before 1000, and it is a history (or that date is BC). Elsewhere "in 150 US cities",
    "until 16, or 20", "from 220 when the storm passed" are counts, ages, times; and they must not
    become the story's date ("By 1916 ... in 100 and more attacks. On 1 July": 1916-07-01)."""
    return c.prev is not None and c.prev.year < 1000 and (c.narrative or c.prev.year < 1)


def _r_early_year(m, c: _Ctx):
    """A year before 1000 written alone after a preposition ("In 425 an Athenian force", "from
    429", "in 410 and at Arginusae in 406"): BC in a story whose last date is BC, else AD; only in
    a story already before 1000 (_in_an_old_story), else no date."""
    if not _in_an_old_story(c):
        return None
    y = _old_year(None, None, m.group("y"), c)
    if y is None or y == 0:
        return None
    if y < 0:
        return _Out(None, None, "unresolved", _yv(y))
    return _Out(date(y, 1, 1), date(y, 12, 31), "year", f"{y:04d}")


def _r_season(m, c: _Ctx):
    code = _SEASON_CODE[_g(m, "season")]
    rel = re.sub(r"\s+", " ", _g(m, "rel") or "")
    year = _g(m, "year") or _g(m, "pyear")   # "the summer of 1943", "their 1982 summer offensives"
    if m.group("oyear") and not _in_an_old_story(c):
        return None   # "the summer of 150 wildfires": a count, outside a story before 1000
    old = _old_year(m.group("eyear"), m.group("era"), m.group("oyear"), c)
    if old is not None:
        y = old
    elif year and year[:1].isdigit():
        y = int(year)
    elif year:
        y = _rel_year(year, c)
    else:
        anaphoric = rel in ("that", "the same", "the following", "the next", "the previous", "the preceding")
        if c.prev is not None and c.prev.year < 1 and (anaphoric or c.narrative):
            # a BC story ("That summer", "the next spring" after 422 BC): its year, no calendar range
            y = c.prev.year + (1 if rel in ("the following", "the next", "next")
                               else -1 if rel in ("the previous", "the preceding", "last") else 0)
            return _Out(None, None, "unresolved", f"{_yv(y)}-{code}")
        base = _base(c, anaphoric)
        if base is None:
            if c.prev is not None and c.prev.year < 1:
                y = c.prev.year + (1 if rel in ("the following", "the next") else 0)
                return _Out(None, None, "unresolved", f"{_yv(y)}-{code}")
            return None
        if rel in ("last", "this past", "the previous", "the preceding"):
            mode = "strict_past"
        elif rel in ("next", "this coming", "the following", "the next"):
            mode = "strict_future"
        elif c.narrative and rel in ("", "the") and (_g(m, "prep") or "").lower() == "by" and not _g(m, "mod"):
            # a history's "By the autumn India was spending ...": a season the story reaches, not one
            # behind it (the nearest autumn from 26 March 1971 would be 1970's)
            mode = "future"
        elif rel in ("that", "the same") and c.narrative:
            # a history's "that summer": the season of the story's year (not the nearest one, which from 14
            # January 1980 is 1979's), or the winter the story's day lies in
            mode = "same_year"
        elif rel in ("this", "that", "the same") or (_from_prev(c) and rel in ("", "the")) or anaphoric:
            mode = "nearest"
        else:
            mode = {"past": "past", "future": "future"}.get(c.tense, "nearest")
        y = _pick_season(base, code, mode)
    if y is None:
        return None
    s, e = _season_range(y, code)
    return _Out(s, e, "month" if s else "unresolved", f"{_yv(y)}-{code}")


def _r_seasonrange(m, c: _Ctx):
    """Two seasons in a row: the first placed like a season alone (the second's year when it has
    one), the second the next such season from it."""
    c1, c2 = _SEASON_CODE[_g(m, "s1")], _SEASON_CODE[_g(m, "s2")]
    if m.group("year"):
        y2 = int(m.group("year"))
        y1 = y2 if _SEASON_START[c1] <= _SEASON_START[c2] else y2 - 1
    else:
        base = _base(c, False)
        if base is None:
            return None
        y1 = _pick_season(base, c1, "nearest" if _from_prev(c) else {"future": "future"}.get(c.tense, "past"))
        y2 = y1 if _SEASON_START[c1] <= _SEASON_START[c2] else y1 + 1
    s, _ = _season_range(y1, c1)
    _, e = _season_range(y2, c2)
    return _Out(s, e, "month" if s and e else "unresolved", f"{_yv(y1)}-{c1}")


def _r_quarter(m, c: _Ctx):
    ordw = _g(m, "ord")
    q = None
    if m.group("q"):
        q = int(m.group("q")[1])
    elif ordw:
        q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "final": 4, "last": 4}[ordw]
    year = m.group("year") or m.group("qyear")
    rel = _g(m, "rel")
    base = _base(c, rel in ("same", "following"))
    if year:
        y = int(year)
    elif m.group("yrel"):
        if c.ref is None:
            return None
        y = c.ref.year + {"last": -1, "next": 1}.get(_g(m, "yrel"), 0)
    elif base is None:
        return None
    else:
        y = base.year
    if q is None:
        if base is None:
            return None
        cur = (base.month - 1) // 3 + 1
        q = cur + {"last": -1, "previous": -1, "next": 1, "following": 1}.get(rel, 0)
        y += (q - 1) // 3 if q > 4 else (-1 if q < 1 else 0)
        q = (q - 1) % 4 + 1
    elif not year and not m.group("yrel") and base is not None and not c.narrative:
        cur = (base.month - 1) // 3 + 1
        if c.tense == "past" and q > cur:
            y -= 1
        elif c.tense == "future" and q < cur:
            y += 1
    if y < 1 or y > 9999:
        return None
    s = date(y, 3 * q - 2, 1)
    return _Out(s, _month_end(y, 3 * q), "month", f"{y:04d}-Q{q}")


def _r_fiscal(m, c: _Ctx):
    if m.group("year"):
        y = int(m.group("year"))
    elif m.group("yy"):
        yy = m.group("yy")
        y = int(yy) if len(yy) == 4 else (2000 + int(yy) if int(yy) < 70 else 1900 + int(yy))
    else:
        if c.ref is None:
            return None
        rel = re.sub(r"\s+", " ", _g(m, "rel"))
        y = c.ref.year + {"last": -1, "the previous": -1, "next": 1, "the next": 1, "the coming": 1}.get(rel, 0)
    # A fiscal year's first month differs by body (October, April, July ...): the value names it,
    # the calendar range is not invented.
    return _Out(None, None, "unresolved", f"FY{y:04d}")


def _r_decade(m, c: _Ctx):
    if m.group("bcdec"):
        bc = int(m.group("bcdec"))
        if bc % 100 == 0:   # "the mid-500s BC": a century (BC05), as "the 1900s" is (19)
            return _Out(None, None, "unresolved", f"BC{bc // 100:02d}")
        return _Out(None, None, "unresolved", f"BC{bc // 10:03d}")
    if m.group("dec"):
        dec = int(m.group("dec"))
    else:
        short = int(m.group("short"))
        if c.ref is None:
            return None
        dec = 2000 + short if 2000 + short <= c.ref.year else 1900 + short
    if dec % 100 == 0 and m.group("dec"):   # "the 1800s": a century
        cent = dec // 100
        return _Out(date(max(1, dec), 1, 1), date(dec + 99, 12, 31), "year", f"{cent:02d}")
    return _Out(date(dec, 1, 1), date(dec + 9, 12, 31), "year", f"{dec // 10:03d}")


def _r_century(m, c: _Ctx):
    w = _g(m, "ord")
    n = int(re.match(r"\d+", w).group(0)) if w[:1].isdigit() else _ORD_N.get(w)
    if not n:
        return None
    era = (m.group("era") or "").upper().replace(".", "")
    if era in ("BC", "BCE"):
        return _Out(None, None, "unresolved", f"BC{n - 1:02d}")
    s = date(max(1, (n - 1) * 100), 1, 1)
    return _Out(s, date((n - 1) * 100 + 99, 12, 31), "year", f"{n - 1:02d}")


def _century_number(w: str) -> Optional[int]:
    return int(re.match(r"\d+", w).group(0)) if w[:1].isdigit() else _ORD_N.get(w.lower())


def _r_centuryrange(m, c: _Ctx):
    """Two centuries: from the first's start to the second's end, the value the first's (BC: no range)."""
    a, b = _century_number(_g(m, "o1")), _century_number(_g(m, "o2"))
    if not a or not b:
        return None
    if (m.group("era") or "").upper().replace(".", "") in ("BC", "BCE"):
        return _Out(None, None, "unresolved", f"BC{a - 1:02d}")
    lo, hi = min(a, b), max(a, b)
    return _Out(date(max(1, (lo - 1) * 100), 1, 1), date((hi - 1) * 100 + 99, 12, 31), "year", f"{a - 1:02d}")


def _r_era_year(m, c: _Ctx):
    y = int(m.group("y") or m.group("y2"))
    era = (m.group("era") or "AD").upper().replace(".", "")
    month = MONTHS[m.group("month").lower()] if m.group("month") else None
    mm = f"-{month:02d}" if month else ""
    if era in ("BC", "BCE"):
        return _Out(None, None, "unresolved", f"BC{y:04d}{mm}")
    if y < 1:
        return None
    if month:
        return _Out(date(y, month, 1), _month_end(y, month), "month", f"{y:04d}{mm}")
    return _Out(date(y, 1, 1), date(y, 12, 31), "year", f"{y:04d}")


def _r_era_range(m, c: _Ctx):
    """"264 to 241 BC": years counted down (no calendar range before AD 1, the value is the first
    year); "AD 79-81" counted up."""
    a, b = int(m.group("a")), int(m.group("y"))
    era = m.group("era").upper().replace(".", "")
    if era in ("BC", "BCE"):
        return _Out(None, None, "unresolved", f"BC{a:04d}") if a >= b else None
    if not 1 <= a <= b <= 9999:
        return None
    return _Out(date(a, 1, 1), date(b, 12, 31), "year", f"{a:04d}")


_CLOCK_REACH = 500   # characters back, in its paragraph, to the day a clock time alone in a history is on


def _day_of(text: Optional[str], c: _Ctx) -> Optional[date]:
    """The day a clock time is on ("Tuesday", "yesterday", "5 March"): the day phrase resolved by
    its own family; no phrase: the reference day in news, none in a narrative (XXXX-XX-XXT19:00:
    the text does not say which day)."""
    if text:
        found = _scan(text)
        if found:
            _, _, fam, mm = max(found, key=lambda f: f[1] - f[0])
            r = _call(fam, mm, c)
            if r is not None and r.start is not None and r.start == r.end:
                return r.start
        return None
    if c.narrative:
        # a history has no "today": a clock time alone is on the day the story is at when that
        # day was named just before it ("... on 11 November 1918. [He] was shot at 10:57"), else
        # it does not say which day (another paragraph: "the columns marched from 19:00 to 03:00hrs")
        p = c.prev
        if p is not None and p.day is not None and not p.approx and p.year >= 1 and c.mention_gap is not None \
                and c.mention_gap <= _CLOCK_REACH:
            c.used = p.as_date()
            return c.used
        return None
    return c.ref


# A clock time alone in news is on the day its sentence names beside it: right after it ("at about
# 2 a.m. on Thursday", given "about 2 a.m." as a span) or before it in the sentence ("After
# Thursday's decision the governor will speak at 12:30 p.m."); else on the reference day.
_CLOCK_ALONE = re.compile(rf"(?:(?:about|around|at|by|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?{_CLOCK}{_TZ}",
                          re.I)
_DAY_AFTER_CLOCK = re.compile(rf"\s*,?\s*(?:on\s+)?(?P<day>{_WD_NOT}{_WD}|yesterday|today|tomorrow|"
                              rf"{_MONTH}\s+{_DAYN}|{_DAYN}\s+{_MONTH})\b", re.I)
_DAY_IN_SENTENCE = re.compile(rf"\b{_WD_NOT}(?P<day>{_WD}|yesterday|today|tomorrow|{_MONTH}\s+{_DAYN}(?:,?\s+{_YEAR})?|"
                              rf"{_DAYN}\s+{_MONTH}(?:\s+{_YEAR})?)(?!\s+(?:morning|afternoon|evening|night)\b)", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[A-Z\"\u201c])")
_LOWER_WORD = re.compile(r"[a-z][a-z'-]*")
_WRITTEN_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_HALF_YEAR_CONTEXT = frozenset(time_words("half_year_context"))
_GAME_WORDS = frozenset(time_words("game_words"))


def _half_of_a_year(text: str, start: int, end: int) -> bool:
    """"the first half" with no year of its own is a half of a year only in a sentence about a year's
    figures ("Exports fell in the first half": a word of time_words.tsv half_year_context, or a year
    written out), and never in one telling a match ("The team scored twice in the first half": a
    word of game_words)."""
    lo, hi = max(0, start - 300), min(len(text), end + 300)
    ends = list(_SENTENCE_END.finditer(text, lo, start))
    nxt = _SENTENCE_END.search(text, end, hi)
    sentence = text[ends[-1].end() if ends else lo:nxt.start() if nxt else hi]
    words = set(_LOWER_WORD.findall(sentence.lower()))
    if words & _GAME_WORDS:
        return False
    return bool(words & _HALF_YEAR_CONTEXT) or _WRITTEN_YEAR.search(sentence) is not None


def clock_day(expr: str, before: str, after: str) -> Optional[str]:
    """The day phrase a clock time without a day of its own is on (see _CLOCK_ALONE): the one
    right after it, else the last one before it in its sentence; None when ``expr`` names its day
    or is no clock time, or the sentence names no day."""
    if not _CLOCK_ALONE.fullmatch(expr.strip()):
        return None
    m = _DAY_AFTER_CLOCK.match(after or "")
    if m:
        return m.group("day")
    before = (before or "")[-200:]
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end():]
    days = list(_DAY_IN_SENTENCE.finditer(before))
    return days[-1].group("day") if days else None


def _r_clock(m, c: _Ctx):
    if m.group("noon"):
        hh, mi = (0, 0) if _g(m, "noon") == "midnight" else (12, 0)
    elif m.group("hw"):
        hw = _g(m, "hw")
        hh, mi = (int(hw) if hw.isdigit() else SMALL_NUMBERS[hw]), 0
        if hh > 12:
            return None
    elif m.group("h24"):
        hh, mi = int(m.group("h24")), int(m.group("mi24"))
    else:
        hh, mi = int(m.group("h")), int(m.group("mi") or 0)
        pm = _g(m, "ampm").startswith("p")
        hh = (hh % 12) + (12 if pm else 0)
    d = _day_of(m.group("dayA") or m.group("dayB"), c)
    clock = f"T{hh:02d}:{mi:02d}"
    if d is None:
        return _Out(None, None, "unresolved", "XXXX-XX-XX" + clock, "TIME")
    return _Out(d, d, "day", d.isoformat() + clock, "TIME")


_SET_UNIT = {"day": "P1D", "night": "P1D", "morning": "P1D", "afternoon": "P1D", "evening": "P1D",
             "week": "P1W", "weekend": "P1W", "month": "P1M", "year": "P1Y", "decade": "P10Y", "hour": "PT1H",
             "quarter": "P3M"}
_SET_ADV = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
            "annually": "P1Y", "hourly": "PT1H", "quarterly": "P3M", "biweekly": "P2W", "fortnightly": "P2W"}


def _r_set(m, c: _Ctx):
    """Recurrences (TimeML SET): "every week" P1W, "daily" P1D, "every Monday" XXXX-WXX-1,
    "twice a week" P1W, "every summer" XXXX-SU. No calendar range."""
    if m.group("adv"):
        return _Out(None, None, "unresolved", _SET_ADV[_g(m, "adv")], "SET")
    if m.group("wds"):
        return _Out(None, None, "unresolved", f"XXXX-WXX-{WEEKDAYS[_g(m, 'wds')] + 1}", "SET")
    month = _g(m, "smon") or _g(m, "smon2")
    if month:
        day = re.match(r"\d+", _g(m, "sday") or _g(m, "sday2") or "")
        value = f"XXXX-{MONTHS[month]:02d}" + (f"-{int(day.group(0)):02d}" if day else "")
        return _Out(None, None, "unresolved", value, "SET")
    unit = _g(m, "unit") or _g(m, "unit2") or _g(m, "unit3")
    if unit in WEEKDAYS:
        return _Out(None, None, "unresolved", f"XXXX-WXX-{WEEKDAYS[unit] + 1}", "SET")
    if unit in _SEASON_CODE:
        return _Out(None, None, "unresolved", f"XXXX-{_SEASON_CODE[unit]}", "SET")
    if unit == "weekend" and not _g(m, "n"):
        return _Out(None, None, "unresolved", "XXXX-WXX-WE", "SET")
    value = _SET_UNIT[unit]
    n = _g(m, "n")
    if n:
        k = 2 if n == "other" else _number(n)
        if k:
            value = re.sub(r"1", str(int(k)), value, count=1)
    return _Out(None, None, "unresolved", value, "SET")


_DUR_LETTER = {"second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "fortnight": "W",
               "month": "M", "year": "Y", "decade": "DE", "century": "CE", "centurie": "CE"}


def _dur_value(n: Optional[float], unit: str) -> str:
    unit = unit.lower()
    unit = "century" if unit.startswith("centur") else unit.rstrip("s")
    letter = _DUR_LETTER[unit]
    if unit == "fortnight" and n is not None:
        n *= 2
    t = "T" if unit in ("second", "minute", "hour") else ""
    if n is None:
        return f"P{t}X{letter}"
    num = str(int(n)) if float(n).is_integer() else f"{n:g}"
    return f"P{t}{num}{letter}"


def _r_duration(m, c: _Ctx):
    """A length of time (TimeML DURATION): "90 days" P90D, "five years" P5Y, "a few days" PXD,
    "weeks" PXW. It is not placed on the calendar: no start or end (a window counted back from the
    reference day, "the past two weeks", is the ``recent`` family)."""
    if m.group("ahalf"):
        value = _dur_value(0.5, _g(m, "hunit"))
        if value == "PT0.5H":
            value = "PT30M"
    elif m.group("vunit"):
        value = _dur_value(None, _g(m, "vunit"))
    elif m.group("lunit"):   # "a month-long siege"
        value = _dur_value(1, _g(m, "lunit"))
    else:
        n = _number(m.group("num"))
        if n is not None and m.group("half"):
            n += 0.5
        value = _dur_value(n, _g(m, "unit"))
    return _Out(None, None, "unresolved", value, "DURATION", duration=value)


def _r_duration_pair(m, c: _Ctx):
    """"two years and eight months" P2Y8M, "three days and six hours" P3DT6H: one length."""
    parts = [(_number(m.group("n1")), _g(m, "u1").rstrip("s")), (_number(m.group("n2")), _g(m, "u2").rstrip("s"))]
    if parts[0][1] == "week":   # ISO 8601 has weeks only alone: "two weeks and three days" P17D, "... six hours" P14DT6H
        parts = [(parts[0][0] * 7 + (parts[1][0] if parts[1][1] == "day" else 0), "day")] + \
            ([] if parts[1][1] == "day" else [parts[1]])
    elif parts[1][1] == "week":   # "three months and two weeks": P3M14D
        parts = [parts[0], (parts[1][0] * 7, "day")]
    date_part = "".join(f"{int(n)}{_DUR_LETTER[u]}" for n, u in parts if u in ("year", "month", "week", "day"))
    time_part = "".join(f"{int(n)}{_DUR_LETTER[u]}" for n, u in parts if u in ("hour", "minute"))
    value = "P" + date_part + (f"T{time_part}" if time_part else "")
    return _Out(None, None, "unresolved", value, "DURATION", duration=value)


def _shift(p: Point, n: int, unit: str) -> Optional[_Out]:
    """p moved by n units, at the unit's granularity (days need a known day, months a month)."""
    unit = unit.rstrip("s")
    if unit in ("year", "decade", "century"):
        k = n * {"year": 1, "decade": 10, "century": 100}[unit]
        y = p.year + k
        if p.year < 0 < y or (p.year > 0 and y <= 0):
            y += 1 if k > 0 else -1   # there is no year 0
        if y < 1 or y > 9999:
            return _Out(None, None, "unresolved", _yv(y)) if -9999 <= y <= 9999 else None
        return _Out(date(y, 1, 1), date(y, 12, 31), "year", _yv(y))
    if p.year < 1 or p.month is None:
        return None
    if unit == "month":
        first = _add_months(date(p.year, p.month, 1), n)
        return _Out(first, _month_end(first.year, first.month), "month", f"{first.year:04d}-{first.month:02d}")
    if p.day is None:
        # "four days later" than a month: a day of that year, not which one (TimeML's 1915-XX-XX)
        days = abs(n) * (1 if unit in ("day", "night") else 7 * (2 if unit == "fortnight" else 1))
        # within 14 days, and never from December on or from January back (the year may change)
        if unit in ("day", "night", "week", "fortnight") and not p.approx and days <= 14 and not (
                (n > 0 and p.month == 12) or (n < 0 and p.month == 1)):
            return _Out(None, None, "unresolved", f"{_yv(p.year)}-" + ("WXX" if unit in ("week", "fortnight")
                                                                        else "XX-XX"))
        return None
    d0 = date(p.year, p.month, p.day)
    if unit in ("week", "fortnight"):
        d = d0 + timedelta(days=7 * n * (2 if unit == "fortnight" else 1))
        return _Out(d, d, "day", d.isoformat())
    if unit in ("day", "night"):
        d = d0 + timedelta(days=n)
        return _Out(d, d, "day", d.isoformat())
    if unit in ("hour", "minute", "second"):
        return _Out(d0, d0, "day", d0.isoformat())
    return None


def _prev_or_ref(c: _Ctx) -> Optional[Point]:
    """The last mentioned date; without one (nothing dated came before), the reference date only
    in a document read by a Timeline, which has seen there was nothing before."""
    if c.prev is not None:
        c.used = c.prev.as_date()
        return c.prev
    if not c.in_document:
        return None
    return Point(c.ref.year, c.ref.month, c.ref.day) if c.ref is not None else None


def _r_event_day(m, c: _Ctx):
    """"the first day of the war": the story's day when the story stands on a day (a history names
    the day it began just before: "On 22 September 1980 Iraq invaded ... the first day of the war");
    "the second day" the day after it. No value when the story has no day."""
    p = c.prev
    if p is None or p.day is None or p.month is None or p.approx:
        return None
    step = {"second": 1, "third": 2}.get(_g(m, "ord"), 0)
    if p.year < 1:
        return None
    d = _safe_date(p.year, p.month, p.day)
    if d is None:
        return None
    d = d + timedelta(days=step)
    c.used = d
    return _Out(d, d, "day")


def _r_that_followed(m, c: _Ctx):
    """"the days that followed": a vague length in its unit (PXD; PTXH for hours)."""
    unit = _g(m, "unit").lower().rstrip("s")
    value = "PTXH" if unit == "hour" else "PX" + {"day": "D", "week": "W", "month": "M", "year": "Y"}[unit]
    return _Out(None, None, "unresolved", value, "DURATION", duration=value)


def _r_named_day(m, c: _Ctx):
    """A history's "D-Day", "G-Day", "St Crispin's Day": the story's day, the one the text has just
    named beside it. No value in news or when the story stands on no day."""
    p = c.prev
    if not c.narrative or p is None or p.day is None or p.month is None or p.approx or p.year < 1:
        return None
    d = _safe_date(p.year, p.month, p.day)
    if d is None:
        return None
    c.used = d
    return _Out(d, d, "day")


def _r_later(m, c: _Ctx):
    """"two days later", "a year earlier": counted from the last mentioned date."""
    forward = _g(m, "dir") not in ("earlier", "previously", "before")
    n = _number(m.group("num"))
    if n is None or not float(n).is_integer():
        return _Out(None, None, "unresolved", "FUTURE_REF" if forward else "PAST_REF")
    p = _prev_or_ref(c)
    if p is None:
        return None
    out = _shift(p, int(n) * (1 if forward else -1), _g(m, "unit"))
    if out is not None and out.precision == "day" and _g(m, "unit").startswith("night"):
        # "two nights later": that night (TimeML 1982-06-13TNI)
        out.value, out.type = f"{out.start.isoformat()}TNI", "TIME"
    return out


_VAGUE_GATE = re.compile(r"(?:days|weeks|months|years)\s+(?:later|earlier|afterward|before)")
_VAGUE_UNIT = {"days": "XXXX-XX-XX", "weeks": "XXXX-WXX", "months": "XXXX-XX", "years": "XXXX"}


def _r_vague_later(m, c: _Ctx):
    """"days later", "months before": a day (week, month, year) of unknown date, at that
    granularity (TimeML XXXX-XX-XX); never a date counted from the story, which the text does not give."""
    return _Out(None, None, "unresolved", _VAGUE_UNIT[_g(m, "unit").lower()])


_PART_CODE = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def _r_anaphoric(m, c: _Ctx):
    """"the following year", "that day", "the previous month", "later that month", "the day after",
    "the end of the year": from the last mentioned date (news: "the end of the year" is the
    publication year when no date was mentioned)."""
    det = re.sub(r"\s+", " ", _g(m, "det") or "")
    unit = _g(m, "unit") or _g(m, "unit2")
    if det == "this" and not c.narrative:
        p = Point(c.ref.year, c.ref.month, c.ref.day) if c.ref else None   # "this day" said of now: today
    elif det == "the" and unit in ("year", "month") and not c.narrative:
        p = Point(c.ref.year, c.ref.month, c.ref.day) if c.ref else None   # "by the end of the year": this year
    else:
        p = _prev_or_ref(c)
        if p is None and c.ref is not None and unit in ("week", "month", "year") and det in (
                "the previous", "the preceding", "the prior", "the following", "the next"):
            # nothing mentioned: "the previous week" said of now is last week
            p = Point(c.ref.year, c.ref.month, c.ref.day)
    if p is None:
        return None
    if m.group("ba"):
        step = 1 if _g(m, "ba") == "after" else -1
    elif det in ("the following", "the next"):
        step = 1
    elif det in ("the previous", "the preceding", "the prior"):
        step = -1
    else:
        step = 0
    if unit in _PART_CODE or unit in ("day", "date"):
        out = _shift(p, step, "day")
        if out is not None and unit in _PART_CODE:
            out.value += "T" + _PART_CODE[unit]
            out.type = "TIME"
        return out
    if unit in ("week", "weekend"):
        out = _shift(p, 7 * step, "day")
        if out is None or out.start is None:
            return None   # counted from a month: which week is not known
        y, w, _ = out.start.isocalendar()
        mon = out.start - timedelta(days=out.start.weekday())
        if unit == "weekend":
            sat = mon + timedelta(days=5)
            return _Out(sat, sat + timedelta(days=1), "day", f"{y}-W{w:02d}-WE")
        return _Out(mon, mon + timedelta(days=6), "week", f"{y}-W{w:02d}")
    if unit in ("month", "year") and m.group("mod"):
        out = _shift(p, step, unit)
        if out is not None and out.start is not None:
            out.start, out.end = _part(out.start, out.end, _g(m, "mod"), unit)
        return out
    if unit == "month":
        return _shift(p, step, "month")
    if unit == "century":
        # "the previous century" of 1856: the 1700s (TimeML 17); none counted from a BC year ("this
        # century" in news is the reference date's, as "this day" is)
        if p.year < 1:
            return None
        cent = p.year // 100 + step
        if cent < 0:
            return None
        return _Out(date(max(1, cent * 100), 1, 1), date(cent * 100 + 99, 12, 31), "year", f"{cent:02d}")
    if unit == "decade":
        y = p.year + 10 * step
        return _Out(None, None, "unresolved", f"{_yv(y)[:-1]}") if y < 1 else _Out(
            date(y - y % 10, 1, 1), date(y - y % 10 + 9, 12, 31), "year", f"{(y // 10):03d}")
    return _shift(p, step, "year")


def _r_unit_end(m, c: _Ctx):
    """"at month's end": the late part of the month (year, week) in question: in news the
    reference date's, in a narrative the last mentioned one."""
    unit = _g(m, "unit")
    if c.narrative:
        p = _prev_or_ref(c)
    else:
        p = Point(c.ref.year, c.ref.month, c.ref.day) if c.ref else None
    if p is None or p.year < 1 or (unit != "year" and p.month is None) or (unit == "week" and p.day is None):
        return None
    if unit == "year":
        return _Out(date(p.year, 9, 1), date(p.year, 12, 31), "year", f"{p.year:04d}")
    if unit == "month":
        s, e = _part(date(p.year, p.month, 1), _month_end(p.year, p.month), "late", "month")
        return _Out(s, e, "month", f"{p.year:04d}-{p.month:02d}")
    d = date(p.year, p.month, p.day)
    mon = d - timedelta(days=d.weekday())
    return _Out(mon + timedelta(days=3), mon + timedelta(days=6), "week", _iso_week(d))


def _r_month_of(m, c: _Ctx):
    y = _rel_year(m.group("which"), c)
    month = MONTHS[m.group("month").lower()]
    if y is None:
        return None
    day = m.group("day") or m.group("day2")
    if y < 1:
        return _Out(None, None, "unresolved", f"{_yv(y)}-{month:02d}")
    if day:
        d = _safe_date(y, month, int(re.match(r"\d+", day).group(0)))
        return _Out(d, d, "day", d.isoformat()) if d else None
    return _Out(date(y, month, 1), _month_end(y, month), "month", f"{y:04d}-{month:02d}")


def _r_ref(m, c: _Ctx):
    """"now" PRESENT_REF, "the past" PAST_REF, "the future" FUTURE_REF: TimeML's reference values,
    no calendar range."""
    w = re.sub(r"\s+", " ", _g(m, "ref"))
    return _Out(None, None, "unresolved", _REF_OF[w])


def _r_holiday(m, c: _Ctx):
    """A fixed-date holiday ("Christmas", "New Year's Eve"): its year like a date without one."""
    month, day = HOLIDAYS[re.sub(r"\s+", " ", _g(m, "name")).replace("\u2019", "'")]
    if m.group("year"):
        d = _safe_date(int(m.group("year")), month, day)
    else:
        base = _base(c, False)
        if base is None:
            return None
        d = _date_no_year(base, month, day, "present" if base != c.ref else c.tense)
    return _Out(d, d, "day", d.isoformat()) if d else None


def _r_short_year(m, c: _Ctx):
    """"'99", "in '89": the year of that ending nearest the last mentioned (or reference) year."""
    p = c.prev if c.prev is not None else (Point(c.ref.year) if c.ref else None)
    if p is None or p.year < 1:
        return None
    yy = int(m.group("yy"))
    y = min((100 * k + yy for k in range(p.year // 100 - 1, p.year // 100 + 2)), key=lambda y: (abs(y - p.year), -y))
    if y < 1 or y > 9999:
        return None
    return _Out(date(y, 1, 1), date(y, 12, 31), "year", f"{y:04d}")


def _r_day_of_month(m, c: _Ctx):
    """"on the 13th": that day of the last mentioned month (the reference month in news)."""
    p = _prev_or_ref(c)
    if p is None or p.year < 1 or p.month is None or p.approx:
        return None
    d = _safe_date(p.year, p.month, int(m.group("d")))
    return _Out(d, d, "day", d.isoformat()) if d else None


def _r_half(m, c: _Ctx):
    """"the second half of 2008" 2008-H2; "in the first half" alone: of the story's year (news: the
    reference year, the one before when told in the past of a half still to come, the next when
    told in the future of one gone)."""
    h = 1 if _g(m, "which") in ("first", "earlier") else 2
    if m.group("year"):
        y = int(m.group("year"))
    elif not m.group("rel"):
        base = _base(c, False)
        if base is None:
            return None
        y = base.year
        if not c.narrative:
            cur = 1 if base.month <= 6 else 2
            y += -1 if c.tense == "past" and h > cur else 1 if c.tense == "future" and h < cur else 0
    else:
        rel = _g(m, "rel")
        base = _prev_or_ref(c) if rel == "the" else (Point(c.ref.year) if c.ref else None)
        if base is None:
            return None
        y = base.year + {"last": -1, "next": 1}.get(rel, 0)
    if y < 1 or y > 9999:
        return None
    return _Out(date(y, 1 if h == 1 else 7, 1), date(y, 6, 30) if h == 1 else date(y, 12, 31), "month", f"{y:04d}-H{h}")


def _r_year_tail(m, c: _Ctx):
    first = int(m.string[m.start() - 5:m.start() - 1])
    y = first // 100 * 100 + int(m.group("yy"))
    if y <= first:
        y += 100
    return _Out(date(y, 1, 1), date(y, 12, 31), "year", f"{y:04d}")


def _r_part_of_date(m, c: _Ctx):
    d = _day_of(m.group("date"), c)
    if d is None:
        return None
    return _Out(d, d, "day", f"{d.isoformat()}T{_PART_CODE[_g(m, 'part')]}", "TIME")


def _r_day_part(m, c: _Ctx):
    code = "NI" if _g(m, "part").startswith("night") else "DT"
    return _Out(None, None, "unresolved", "XXXX-XX-XXT" + code, "TIME")


def _r_bare_year(m, c: _Ctx):
    y = int(m.group("year"))
    return _Out(date(y, 1, 1), date(y, 12, 31), "year", f"{y:04d}")


_CTX_RESOLVERS = {
    "season": _r_season, "quarter": _r_quarter, "fiscal": _r_fiscal, "decade": _r_decade,
    "century": _r_century, "era_year": _r_era_year, "era_range": _r_era_range, "clock": _r_clock, "set": _r_set, "later": _r_later,
    "vague_later": _r_vague_later,
    "anaphoric": _r_anaphoric, "seasonrange": _r_seasonrange, "unit_end": _r_unit_end, "month_of": _r_month_of, "duration": _r_duration, "ref": _r_ref,
    "bare_year": _r_bare_year, "old_year": _r_bare_year, "that_followed": _r_that_followed, "centuryrange": _r_centuryrange, "event_day": _r_event_day, "named_day": _r_named_day, "holiday": _r_holiday, "part_of_date": _r_part_of_date, "day_part": _r_day_part, "short_year": _r_short_year,
    "day_of_month": _r_day_of_month, "half": _r_half, "year_tail": _r_year_tail, "early_year": _r_early_year,
    "duration_pair": _r_duration_pair,
}
# Families whose expressions carry no year of their own: in a narrative they are read from the
# last mentioned date (the nearest occurrence), in news from the reference date and the tense.
_UNDERSPECIFIED = {"month", "monthrange", "explicit", "dayrange", "daterange", "weekday", "weekend", "overnight"}
# Deictic families: from the statement or publication date in news; a narrative has no "now" of
# its own, so they count from the last mentioned date there too (HeidelTime's narrative domain).
_DEICTIC = {"period", "ago", "recent", "since_start", "deictic"}
# A weekday in a news report is always the week of its date, whatever year it last named.
_WEEKLY = {"weekday", "weekend", "overnight"}


def _call(fam: _Family, m: re.Match, c: _Ctx) -> Optional[_Out]:
    """Run a family's resolver: the TimeML ones take the context; the calendar ones take a
    reference day and a tense, which a narrative replaces by the last mentioned date."""
    if fam.kind in _CTX_RESOLVERS:
        return _CTX_RESOLVERS[fam.kind](m, c)
    ref, tense = c.ref, c.tense
    rel = _g(m, "rel") if fam.kind == "month" else None
    if rel and rel.split()[0] in ("the", "that"):
        # "the previous April", "the following March", "that April": from the last mention
        rel = re.sub(r"\s+", " ", rel)
        p = _prev_or_ref(c)
        if p is None or p.year < 1:
            return None
        month = MONTHS[m.group("month").lower()]
        pm = p.month or 7
        y = p.year + (-1 if rel == "the previous" and month >= pm else 1 if rel in ("the following", "the next")
                      and month <= pm else 0)
        s, e = _part(date(y, month, 1), _month_end(y, month), _g(m, "mod"), "month")
        return _Out(s, e, "month")
    if fam.kind == "month" and c.narrative and c.prev is not None and c.prev.year < 0 and not m.group("year") \
            and not (_g(m, "rel") or "").strip():
        # a month in a BC story ("In September he besieged Alesia", 52 BC): that year's, no calendar range
        return _Out(None, None, "unresolved", f"{_yv(c.prev.year)}-{MONTHS[m.group('month').lower()]:02d}")
    if fam.kind in _UNDERSPECIFIED and _from_prev(c) and not re.search(_YEAR, m.group(0)) and (
            c.narrative or fam.kind not in _WEEKLY):
        d = c.prev.as_date()
        if d is not None:
            # the nearest occurrence (a forward-leaning choice measured worse on WikiWars' tune part); a
            # month six months either way from a story's month is the one ahead ("in March 1979 ... in
            # September": 1979's; not from a year alone, whose 1 July stands for it)
            ref, tense = d, "story" if fam.kind == "month" and c.prev.month is not None and not c.prev.approx \
                else "present"
    elif fam.kind == "deictic" and c.narrative and c.tense == "present" and _g(m, "word") == "today":
        # a history's own present ("Historians today regard the war as ..."): no day of the story
        return _Out(None, None, "unresolved", "PRESENT_REF")
    elif fam.kind in _DEICTIC and c.narrative and c.prev is not None and c.prev.as_date() is not None:
        ref = c.prev.as_date()
    c.used = ref
    res = _RESOLVERS[fam.kind](m, ref, tense, c.locale)
    if res is None:
        return None
    start, end, precision = res
    return _Out(start, end, precision)


def _time_precision(start: Optional[date], end: Optional[date]) -> Optional[int]:
    if start is None or end is None:
        return None
    days = (end - start).days
    return 1 if days == 0 else 2 if days <= 6 else 3


_PART_OF_DAY = (("morning", "MO"), ("afternoon", "AF"), ("evening", "EV"), ("overnight", "NI"),
                ("tonight", "NI"), ("night", "NI"))
# A window counted back (or on) from the reference day rather than a calendar period.
_WINDOW = re.compile(r"\b(?:past|recent|previous|last|coming|next|following)\s+(?:[\w-]+\s+){0,2}?"
                     r"(?P<unit>hours|days|weeks|fortnights|months|years)\b"
                     r"|\bpast\s+(?P<unit1>day|week|fortnight|month|year|decade)\b", re.I)


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _window_duration(days: int, unit: str, vague: bool) -> str:
    unit = unit.lower().rstrip("s")
    letter = {"hour": "H", "day": "D", "week": "W", "fortnight": "W", "month": "M", "year": "Y", "decade": "DE"}[unit]
    if vague:
        return f"PTX{letter}" if letter == "H" else f"PX{letter}"
    if unit == "hour":
        return f"PT{max(1, days) * 24}H"
    n = {"D": days, "W": days / 7, "M": days / 30.44, "Y": days / 365.25, "DE": days / 3652.5}[letter]
    return f"P{max(1, round(n))}{letter}"


def range_value(text: str, start: Optional[date], end: Optional[date], precision: str,
                ref: Optional[date]) -> tuple[Optional[str], str]:
    """(TimeML value, type) of a calendar range found by the calendar families; the wording only
    picks the format:

        one day                        YYYY-MM-DD  (+ TMO/TAF/TEV/TNI when it says morning ... night)
        Saturday-Sunday of one week    YYYY-Www-WE
        other day ranges               the first day ("since Saturday", "3-5 March")
        a calendar week / month / year YYYY-Www / YYYY-MM / YYYY ("late 2023" is 2023)
        a rolling window ("the past three days", "recent days")
                                       a duration: P3D, PXD when the count is vague
        other approximate ranges       the middle day ("a week ago": six to eight days back -> seven)
    """
    if start is None and end is None:
        return None, "DATE"
    s = start or end
    e = end or s
    low = text.lower()
    window = _WINDOW.search(text)
    if window is not None and ref is not None and (e == ref or s == ref):
        unit = window.group("unit") or window.group("unit1")
        return _window_duration((e - s).days, unit, vague=precision == "approximate"), "DURATION"
    if precision == "day":
        if s == e:
            for word, code in _PART_OF_DAY:
                if word in low:
                    return f"{s.isoformat()}T{code}", "TIME"
            return s.isoformat(), "DATE"
        if s.weekday() == 5 and e == s + timedelta(days=1):
            return _iso_week(s) + "-WE", "DATE"
        if "overnight" in low or "night" in low:
            return f"{s.isoformat()}TNI", "TIME"
        return s.isoformat(), "DATE"
    if precision == "week":
        return _iso_week(s), "DATE"
    if precision == "month":
        return f"{s.year:04d}-{s.month:02d}", "DATE"
    if precision == "year":
        return f"{s.year:04d}", "DATE"
    if precision == "approximate":
        ago = re.search(r"\b(months?|years?)\s+ago\b", low)
        if ago is not None:   # "two months ago": the month (year) it falls in, as TimeML gives it
            mid = s + timedelta(days=(e - s).days // 2)
            return (f"{mid.year:04d}-{mid.month:02d}" if ago.group(1).startswith("month") else f"{mid.year:04d}"), "DATE"
        if ref is not None and e >= ref:   # a vague window up to the reference day ("recent days")
            return ("PAST_REF" if s < ref else "FUTURE_REF"), "DATE"
        return (s + timedelta(days=(e - s).days // 2)).isoformat(), "DATE"
    return None, "DATE"


# The groups holding a range's two ends, by family.
_RANGE_ENDS = {"dayrange": (("a", "b"), ("a2", "b2")), "daterange": (("a", "b"), ("a2", "b2")),
               "seasonrange": (("a", "b"),), "monthrange": (("a", "b"),),
               "era_range": (("a", "b"),), "centuryrange": (("a", "b"),)}


def timeml_parts(expr: str, t: TimeExpr) -> Optional[list[tuple[int, int, Optional[str]]]]:
    """A range as TimeML marks it: each end its own expression ("22-25 April 1951" is "22",
    1951-04-22, and "25 April 1951", 1951-04-25; "from October to March" two months), as
    (start, end, value) within ``expr``, from ``t`` (``expr`` resolved); so is a clock time and its
    day ("10 a.m. on Thursday"). None for anything that is not two; a part's value is None when
    ``t`` is unresolved."""
    found = _scan(expr)
    if not found:
        return None
    _, _, fam, m = max(found, key=lambda f: f[1] - f[0])
    if fam.kind == "clock":
        return _clock_parts(expr, m, t)
    pair = next((g for g in _RANGE_ENDS.get(fam.kind, ()) if m.group(g[0]) and m.group(g[1])), None)
    if pair is None:
        return None
    (a0, a1), (b0, b1) = m.span(pair[0]), m.span(pair[1])
    va = vb = None
    if t.value and t.value.startswith("BC") and fam.kind == "era_range":
        va, vb = t.value, f"BC{int(m.group('y')):04d}"
    elif fam.kind == "centuryrange":
        a, b = _century_number(_g(m, "o1")), _century_number(_g(m, "o2"))
        bc = "BC" if (m.group("era") or "").upper().replace(".", "") in ("BC", "BCE") else ""
        if a and b:
            va, vb = f"{bc}{a - 1:02d}", f"{bc}{b - 1:02d}"
    elif fam.kind == "seasonrange":
        code = _SEASON_CODE[_g(m, "s2")]
        if t.value and t.end:   # a winter ends in the February after its year
            va, vb = t.value, f"{int(t.end[:4]) - (1 if code == 'WI' else 0):04d}-{code}"
    elif t.start and t.end:
        width = {"day": 10, "month": 7, "year": 4}.get(t.precision)
        if width:
            va, vb = t.start[:width], t.end[:width]
    return [(a0, a1, va), (b0, b1, vb)]


def _clock_parts(expr: str, m: re.Match, t: TimeExpr) -> Optional[list[tuple[int, int, Optional[str]]]]:
    """A clock time and its day joined by "on", "at" or a comma are two TimeML expressions ("4:17
    a.m. on February 6", "Thursday at 10 a.m."); written together they are one ("3 a.m. Sunday")."""
    day = "dayA" if m.group("dayA") else "dayB" if m.group("dayB") else None
    if day is None:
        return None
    (cs, ce), (ds, de) = m.span("clk"), m.span(day)
    if not re.search(r"\b(?:on|at)\b|,", expr[min(ce, de):max(cs, ds)], re.I):
        return None
    parts = [(cs, ce, t.value), (ds, de, t.start if t.start and t.start == t.end else None)]
    return sorted(parts)


def _bare_number(out: TimeExpr, n: int, p: Optional[Point]) -> TimeExpr:
    """A number alone as a whole expression, read against the last mention: after a year it ends
    a span of years ("1915-17"), after a month it is a day of it ("June 25-28"). Only a span
    already taken for a time gets here (the finder never takes a bare number); no last mention,
    or an impossible day, and it stays unresolved."""
    if p is not None and p.year < 0 and n > 0:
        # after a BC date a number alone is a BC year ("In 57 he marched north", "in 51")
        out.value, out.type, out.precision = f"BC{n:04d}", "DATE", "unresolved"
        return out
    if p is None or p.year < 1:
        return out
    if p.month is None or p.approx:   # a season or part of a year has no day of its own
        y = p.year // 100 * 100 + n
        if y <= p.year:
            y += 100
        if y > 9999:
            return out
        start, end, value, precision = date(y, 1, 1), date(y, 12, 31), f"{y:04d}", "year"
    else:
        d = _safe_date(p.year, p.month, n)
        if d is None:
            return out
        start, end, value, precision = d, d, d.isoformat(), "day"
    out.start, out.end, out.precision, out.value, out.type = start.isoformat(), end.isoformat(), precision, value, "DATE"
    out.time_precision = _time_precision(start, end)
    out.anchor = p.as_date().isoformat() if p.as_date() else out.anchor
    return out


def _context_point(context) -> Optional[Point]:
    if context is None or isinstance(context, Point):
        return context
    if isinstance(context, TimeExpr):
        return Point.of_value(context.value) if context.type in ("DATE", "TIME", None) else None
    d = _as_date(context)
    return Point(d.year, d.month, d.day) if d else None


def resolve_time(expr: str, anchor: DateLike, *, tense: str = "past", locale: Optional[str] = None,
                 spoken_at: DateLike = None, context=None, narrative: bool = False,
                 in_document: bool = False, mention_far: bool = False, mention_gap: Optional[int] = None) -> TimeExpr:
    """Resolve one temporal expression (as found by ``find_times``) to a TimeExpr.

    ``anchor`` is the publication date; ``spoken_at``, when known, is the date the source spoke
    and becomes the reference for relative expressions ("a little over a week ago" said on Monday
    counts back from Monday). ``tense`` ("past", "present", "future") picks the occurrence of a
    weekday, month or undated day: past = the latest not after the reference day (the reference
    day's own weekday is the reference day itself), future = the first not before it, present =
    the nearest. ``locale`` settles numeric dates such as 01/02/2025 ("en_US" month first, any
    other locale day first; without one only unambiguous numeric dates resolve).

    ``context`` is the last date the text mentioned (a :class:`Point`, TimeExpr or date): the
    reference of anaphoric expressions ("the following year", "two days later", "that spring");
    without one they stay unresolved, unless ``in_document`` (a :class:`Timeline` that read the
    document from its start and saw nothing dated before: then the reference date, as HeidelTime).
    ``narrative`` (a war history rather than a news report) reads everything underspecified
    ("in April", "on 5 June", "that spring") from it too, picking the nearest occurrence. In a
    news report a date without a year is read from a mention of another year only in the past
    tense and when the mention is near: ``mention_far`` (it lies in an earlier paragraph) reads it
    from the reference date again ("In 2012 a blaze ... [new paragraph] Inspectors visited the
    site in March"). :class:`Timeline` keeps all of this for a whole document.

    The result carries the TimeML ``type`` and ``value`` (DATE 2024-12-14, TIME
    2024-12-14T15:00, DURATION P3D, SET P1W, PAST_REF) and, for lengths, ``duration``. Durations,
    sets, reference words, years BC and fiscal years have a value but no calendar range.
    """
    if tense not in TENSES:
        raise UsageError(f"tense must be past, present, future or future_in_past, got {tense!r}")
    fip = tense == "future_in_past"
    tense = "future" if fip else tense
    ref = _as_date(spoken_at) or _as_date(anchor)
    text = expr.strip()
    found = _scan(text, whole=True)
    out = TimeExpr(text=text, start=None, end=None, precision="unresolved", time_precision=None, span=None,
                   anchor=ref.isoformat() if ref else None)
    bare = re.fullmatch(r"\d{1,2}", text)
    if bare and context is not None:
        return _bare_number(out, int(text), _context_point(context))
    if not found:
        return out
    s, e, fam, m = max(found, key=lambda f: f[1] - f[0])
    c = _Ctx(ref=ref, prev=_context_point(context), narrative=narrative, tense=tense, locale=locale,
             mention_far=mention_far, mention_gap=mention_gap,
             future_in_past=fip, in_document=in_document)
    try:
        res = _call(fam, m, c)
    except (OverflowError, ValueError):
        # Counting from a reference at the calendar's edge (0001-01-01, 9999-12-31) leaves the
        # dates Python can hold: such an expression has no date we could give, so it stays unresolved.
        res = None
    if res is None:
        return out
    start, end, precision = res.start, res.end, res.precision
    used = c.used or ref
    if used is not None:
        out.anchor = used.isoformat()
    if _g(m, "prep") == "since" and start is not None:
        end = used  # open range: from the start of X up to the reference day (None without one)
    value, vtype = res.value, res.type
    if value is None:
        value, vtype = range_value(text, start, end, precision, used)
    out.value, out.type = value, (vtype if value else None)
    out.duration = res.duration or (value if vtype == "DURATION" else None)
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
    ``text`` when not given, past right after a verb of saying). Each expression on its own: a
    document read in order, with anaphora, is :class:`Timeline`'s."""
    guessed = tense is None
    tense = tense or tense_of(text)
    out = []
    for s, e, expr in find_times(text, offset):
        here = tense_at(text, s - offset, tense) if guessed else tense
        t = resolve_time(expr, anchor, tense=here, locale=locale, spoken_at=spoken_at)
        t.span = (s, e)
        out.append(t)
    return out


# The words of each set are in data/time_words.tsv. "is widely expected to", "are now scheduled
# for": an adverb may stand between.
_FUTURE_PLAIN = (rf"{_alternation('future_words')}|(?:is|are)\s+(?:[a-z]+ly\s+|(?:{_alternation('schedule_adverbs')})\s+)?"
                 rf"(?:{_alternation('schedule_participles')})\s+(?:to|for)|(?:{_alternation('intention_verbs')})s?\s+to|"
                 # "the summer could bring layoffs": a possibility ahead ("could have" looks back)
                 rf"(?:{_alternation('possibility_modals')})\s+(?!have\b|not\b|n't\b)[a-z]+")
# "forecasters expect the heatwave to last until Thursday" (present only: "had expected"); only what
# is expected looks ahead (see _expected_spans)
_EXPECT_TO = rf"(?<!had\s)(?:{_alternation('expectation_verbs')})s?\s+(?:[\w'-]+\s+){{0,4}}?to\s+[a-z]+"
_FUTURE = re.compile(rf"\b(?:{_FUTURE_PLAIN}|{_EXPECT_TO})\b|\w'll\b", re.I)
_EXPECT = re.compile(rf"\b{_EXPECT_TO}\b", re.I)
_PAST = re.compile(rf"\b(?:{_alternation('past_verbs')}|\w{{3,}}ed)\b", re.I)


# _FUTURE split in two, each searched only when the text holds what it needs (the same answer,
# cheaper: most sentences have none of these words and no ASCII apostrophe).
_FUTURE_WORDS = re.compile(_FUTURE.pattern.rsplit(r"|\w'll\b", 1)[0], re.I)
_FUTURE_LL = re.compile(r"\w'll\b", re.I)
_FUTURE_HINTS = tuple(dict.fromkeys(w.split()[0] for name in ("future_words", "schedule_participles", "intention_verbs",
                                                              "expectation_verbs", "possibility_modals")
                                    for w in time_words(name)))


def _is_future(sentence: str) -> bool:
    if _GATE_UNSAFE.search(sentence):
        return _FUTURE.search(sentence) is not None
    low = sentence.lower()
    if any(h in low for h in _FUTURE_HINTS) and _FUTURE_WORDS.search(sentence):
        return True
    return "'" in sentence and _FUTURE_LL.search(sentence) is not None


_SAID_BEFORE = re.compile(rf"\b(?:{_alternation('saying_verbs')})\s+"
                          r"(?:on\s+|late\s+on\s+|early\s+on\s+)?$", re.I)


# A timetable's present tense right before the expression ("the fiscal year ends on Sept. 30",
# "talks resume Thursday"): the coming such day, whatever the tense of the sentence around it.
_SCHEDULED_BEFORE = re.compile(rf"\b(?:{_alternation('timetable_verbs')})\s+"
                               r"(?:on\s+|at\s+|in\s+|by\s+)?$", re.I)


_LEAD_PREP = re.compile(r"(?:since|by|before|until|on|in|from|starting)\s+", re.I)
# "since Sunday", "since March": what a thing has lasted since is past, whatever the sentence's tense
_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.I)
# An order with a deadline set in the past ("ordered the company to replace its pumps by June 1",
# "gave them until Friday to leave"): the date lies after the telling, a future seen from the past.
# Only an infinitive directive ("told X to <verb>") with a deadline ("by", "before", "until"): "told
# AFP they fled to the hills on Sunday" is reported speech, and "ordered X to pay a fine on Friday"
# tells the day of the order.
_DIRECTIVE = re.compile(rf"\b(?:{_alternation('directive_verbs')})\b", re.I)
_DIRECTED_INF = re.compile(r"(?P<obj>[^.;:]{0,80}?)\bto\s+(?!(?:the|a|an|his|her|its|their|our|my|your|this|that|these|"
                           r"those|them|him|me|us|it|you|who|which|what|where|whom)\b)(?P<verb>[a-z]+)\b"
                           r"(?P<rest>[^.;:]{0,60}?)\b(?:by|before|until)\s+$", re.I)
_DIRECTED_UNTIL = re.compile(r"(?P<obj>[^.;:]{0,40}?)\buntil\s+$", re.I)
_BE_PARTICIPLE = re.compile(r"\b(?:be|been|being|have)\s+\w+ed\b", re.I)


def _directed(text: str, start: int, end: int) -> bool:
    """The expression ending its preposition at ``end`` is a deadline of a directive given in the
    past: a directive verb, an object with no past verb of its own, "to <verb>" (or "until" right
    after the object), and nothing in the clause after it told in the past."""
    for d in reversed(list(_DIRECTIVE.finditer(text, max(0, start - 160), start))):
        m = _DIRECTED_INF.fullmatch(text, d.end(), end) or _DIRECTED_UNTIL.fullmatch(text, d.end(), end)
        if m is None:
            continue
        # a past verb between the directive and the date ("told police she went ..."): the past wins
        told = [m.group("obj")]
        if "rest" in m.groupdict():   # "to be restructured by": a participle, no past
            verb, after = m.group("verb"), _BE_PARTICIPLE.sub(" ", m.group("verb") + m.group("rest"))
            told.append(after[len(verb):] if after.startswith(verb) else after)   # the infinitive is no past
        return not any(_PAST.search(part) for part in told)
    return False


# A commitment made in the past ("OPEC+ agreed on Thursday to raise output by 3% from July", "the
# council voted to close the plant in March"): the date of what was agreed lies after the agreeing,
# a future seen from then. Only "to <verb>" right after the commitment (a day of its own between,
# "agreed on Thursday to"), and no past verb after the infinitive.
_COMMITTED = re.compile(rf"\b(?:{_alternation('commitment_verbs')})\s+"
                        r"(?:(?:on|late\s+on|early\s+on)\s+[A-Z][a-z]+\s+)?to\s+(?!(?:the|a|an|his|her|its|their|"
                        r"our|this|that|them|him|it|us)\b)[a-z]+\b(?P<rest>[^.;:]{0,60}?)\b"
                        r"(?:by|before|until|from|in|on|starting|beginning)\s+$")


def _committed(text: str, start: int, end: int) -> bool:
    m = _COMMITTED.search(text, max(0, start - 140), end)
    return m is not None and m.end() == end and not _PAST.search(_BE_PARTICIPLE.sub(" ", m.group("rest")))


def tense_at(text: str, start: int, sentence_tense: str) -> str:
    """The tense an expression at ``start`` is read in: the sentence's, except right after a verb
    of saying ("the union said on Saturday it will strike": Saturday is past), after "since"
    ("prices have risen since Sunday"), in a timetable's present ("talks resume Thursday, aides
    said": the coming Thursday) and in an order given in the past ("ordered the company to replace
    its pumps by June 1": a future seen from then)."""
    # the expression's own preposition ("since Sunday" as found) counts as said before it
    lead = _LEAD_PREP.match(text, start, start + 10)
    end = lead.end() if lead else start
    if sentence_tense != "past" and (_SAID_BEFORE.search(text, max(0, start - 30), start)
                                     or _SINCE_BEFORE.search(text, max(0, start - 8), end)):
        return "past"
    if sentence_tense != "future" and _SCHEDULED_BEFORE.search(text, max(0, start - 30), start):
        return "future"
    if sentence_tense == "past" and (_directed(text, start, end) or _committed(text, start, end)):
        return "future_in_past"
    if sentence_tense == "future":
        return _tense_in_future_sentence(text, start)
    return sentence_tense


def _tense_in_future_sentence(text: str, start: int) -> str:
    """In a sentence looking ahead, the tense of the clause the expression at ``start`` stands in:
    past when the clause is told in the past with no future word or modal of its own ("were flown
    home Tuesday night and will return"); "expect ... to" looks ahead only inside what is expected
    (see _expected_spans), elsewhere the clause is read without it."""
    a, b = _clause_bounds(text, start)
    expected = _expected_spans(text, a, b)
    if any(s <= start < e for s, e in expected):
        return "future"
    clause = text[a:b]
    if not expected:
        if not _is_future(clause) and not _MODAL.search(clause) and _PAST.search(clause):
            return "past"
        return "future"
    rest = "".join(" " if any(s <= a + i < e for s, e in expected) else ch for i, ch in enumerate(clause))
    if _MODAL.search(rest):
        return "future"
    return tense_of(rest)


# What is expected: from "expect(s)" through its infinitive's complement ("expect the heatwave to
# last until Thursday"), which ends at the clause's end or at a comma or a word opening a clause of
# its own (time_words.tsv past_boundaries) when what follows it, to the next comma, is told in the
# past ("expect the bank to cut rates again | after it raised them in March", "expect inflation to
# ease|, the agency said on Monday"); "in March, April and May" stays one complement.
_EXPECT_BOUNDARY = re.compile(rf",|\b(?:{_alternation('past_boundaries')})\b", re.I)
_COMMA = re.compile(",")
_SCHEDULE_PARTICIPLE = re.compile(rf"\b(?:{_alternation('schedule_participles')})\b", re.I)


def _expected_spans(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out = []
    for m in _EXPECT.finditer(text, a, b):
        end = b
        for bound in _EXPECT_BOUNDARY.finditer(text, m.end(), b):
            comma = _COMMA.search(text, bound.end(), b)
            told = text[bound.end():comma.start() if comma else b]
            if _PAST.search(_SCHEDULE_PARTICIPLE.sub(" ", _BE_PARTICIPLE.sub(" ", told))):
                end = bound.start()
                break
        out.append((m.start(), end))
    return out


# A sentence's clauses: "The two were flown to the capital Tuesday night and will return home this
# weekend" is a past clause and a future one; "A drive that started on Aug. 18 has reached 140,000
# people, and a second round is planned for October" too. Clauses are cut at ";", at "and", "but",
# "while", "whereas" and at a sentence's end ("." then a space and a capital, so "Oct. 30" is none,
# nor "10 a.m. as"; the capital is matched case-sensitively).
_CLAUSE_CUT = re.compile(r";|\b(?:and|but|while|whereas)\b|[.!?](?=[\"'\u201d\u2019)]*\s+(?:(?-i:[A-Z])|[\"\u201c]))|\n",
                         re.I)
_CLAUSE_REACH = 240
# a clause with a modal looks ahead whatever else it tells ("has said it must pass by the end of March");
# case-sensitive, so the month "May" is none
_MODAL = re.compile(rf"\b(?:{_alternation('clause_modals')})\b")


def _clause_bounds(text: str, start: int) -> tuple[int, int]:
    """Where the clause of ``text`` the expression at ``start`` stands in begins and ends (see _CLAUSE_CUT)."""
    lo = max(0, start - _CLAUSE_REACH)
    cuts = [m.end() for m in _CLAUSE_CUT.finditer(text, lo, start)]
    a = cuts[-1] if cuts else lo
    m = _CLAUSE_CUT.search(text, start, start + _CLAUSE_REACH)
    b = m.start() if m else min(len(text), start + _CLAUSE_REACH)
    return a, b


_WOULD = re.compile(r"\bwould\b", re.I)


def tense_of(sentence: str) -> str:
    """Cheap tense guess for a clause: "future" with will / going to / is set to,
    "future_in_past" with would (reported or narrated future: "production would resume in
    January"), "past" with a past-tense verb form, else "present"."""
    if _is_future(sentence):
        return "future"
    if "would" in sentence.lower() and _WOULD.search(sentence):
        return "future_in_past"
    if _PAST.search(sentence):
        return "past"
    return "present"
