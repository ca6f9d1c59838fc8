"""Temporal expressions: finding them in text and resolving them against a reference date.

Anchor dates used below: Tue 2024-12-17 (the seed article), Mon 2024-12-16, Sun 2024-12-15,
Sat 2024-12-14, Fri 2025-01-03, Mon 2025-01-06.
"""
from datetime import date

import pytest

from claimledger.errors import UsageError
from claimledger.extract.times import find_times, resolve_time, tense_of, times_in
from claimledger.models import TimeExpr

TUE = "2024-12-17"
MON = "2024-12-16"
SUN = "2024-12-15"
SAT = "2024-12-14"

# Excerpt of the seed article (shared fixtures, published Tuesday 2024-12-17).
SEED = (
    "Since it was revealed in October that North Korea had committed some 10,000 men to support Russia’s war "
    "effort, these would be the first losses to be recorded. According to the GUR, Ukraine’s military intelligence "
    "service, fighting over the weekend claimed the lives of at least 30 North Korean soldiers.\n\n"
    "Ukrainian President Volodymyr Zelensky said Saturday that Russia had started using a “significant number” in "
    "its attacks on Kursk, which Ukraine has controlled since an unexpected invasion in August.\n\n"
    "according to Pentagon press secretary Major General Pat Ryder, who spoke to reporters on Monday. However, he "
    "stated that the troops had been engaged in action since “a little over a week ago” without providing precise "
    "numbers.\n\nAccording to the GUR, the North Korean deaths took place in the Kursk settlements of Plekhovo, "
    "Vorobzha, and Martynovka on Saturday and Sunday."
)

# (expression, anchor, tense, start, end, precision)
RESOLVE = [
    # weekdays: past = latest not after the anchor, the anchor's own weekday is the anchor itself
    ("on Saturday", TUE, "past", "2024-12-14", "2024-12-14", "day"),
    ("Saturday", TUE, "past", "2024-12-14", "2024-12-14", "day"),
    ("on Tuesday", TUE, "past", "2024-12-17", "2024-12-17", "day"),
    ("on Wednesday", TUE, "past", "2024-12-11", "2024-12-11", "day"),
    ("on Sunday", MON, "past", "2024-12-15", "2024-12-15", "day"),
    ("on Monday", MON, "past", "2024-12-16", "2024-12-16", "day"),
    ("on Monday night", TUE, "past", "2024-12-16", "2024-12-16", "day"),
    ("earlier on Tuesday", TUE, "past", "2024-12-17", "2024-12-17", "day"),
    ("late on Friday", TUE, "past", "2024-12-13", "2024-12-13", "day"),
    ("last Tuesday", TUE, "past", "2024-12-10", "2024-12-10", "day"),
    ("last Saturday", SAT, "past", "2024-12-07", "2024-12-07", "day"),
    ("last Saturday", TUE, "past", "2024-12-14", "2024-12-14", "day"),
    ("next Tuesday", TUE, "future", "2024-12-24", "2024-12-24", "day"),
    ("on Wednesday", TUE, "future", "2024-12-18", "2024-12-18", "day"),
    ("on Tuesday", TUE, "future", "2024-12-17", "2024-12-17", "day"),
    ("on Friday", TUE, "future", "2024-12-20", "2024-12-20", "day"),
    ("on Thursday", TUE, "present", "2024-12-19", "2024-12-19", "day"),  # nearest: 2 days on, 5 back
    ("on Monday", TUE, "present", "2024-12-16", "2024-12-16", "day"),
    ("on Saturday and Sunday", TUE, "past", "2024-12-14", "2024-12-15", "day"),
    ("Saturday and Sunday", TUE, "past", "2024-12-14", "2024-12-15", "day"),
    ("on Sunday and Monday", MON, "past", "2024-12-15", "2024-12-16", "day"),
    ("Saturday and Sunday", TUE, "future", "2024-12-21", "2024-12-22", "day"),
    ("since Saturday", TUE, "past", "2024-12-14", "2024-12-17", "day"),
    # weekends
    ("over the weekend", TUE, "past", "2024-12-14", "2024-12-15", "day"),
    ("over the weekend", SUN, "past", "2024-12-14", "2024-12-15", "day"),
    ("over the weekend", SAT, "past", "2024-12-14", "2024-12-14", "day"),  # never past the anchor
    ("at the weekend", TUE, "past", "2024-12-14", "2024-12-15", "day"),
    ("last weekend", TUE, "past", "2024-12-14", "2024-12-15", "day"),
    ("last weekend", SUN, "past", "2024-12-07", "2024-12-08", "day"),
    ("this weekend", TUE, "future", "2024-12-21", "2024-12-22", "day"),
    ("next weekend", TUE, "future", "2024-12-21", "2024-12-22", "day"),
    # overnight, yesterday, today
    ("overnight", TUE, "past", "2024-12-16", "2024-12-17", "day"),
    ("overnight into Sunday", TUE, "past", "2024-12-14", "2024-12-15", "day"),
    ("yesterday", TUE, "past", "2024-12-16", "2024-12-16", "day"),
    ("yesterday morning", TUE, "past", "2024-12-16", "2024-12-16", "day"),
    ("today", TUE, "past", "2024-12-17", "2024-12-17", "day"),
    ("earlier today", TUE, "past", "2024-12-17", "2024-12-17", "day"),
    ("last night", TUE, "past", "2024-12-16", "2024-12-16", "day"),
    ("this morning", TUE, "past", "2024-12-17", "2024-12-17", "day"),
    ("tomorrow", TUE, "future", "2024-12-18", "2024-12-18", "day"),
    ("the day before yesterday", TUE, "past", "2024-12-15", "2024-12-15", "day"),
    ("yesterday", "2025-01-01", "past", "2024-12-31", "2024-12-31", "day"),
    # weeks
    ("last week", TUE, "past", "2024-12-09", "2024-12-15", "week"),
    ("last week", "2025-01-06", "past", "2024-12-30", "2025-01-05", "week"),
    ("the previous week", TUE, "past", "2024-12-09", "2024-12-15", "week"),
    ("this week", TUE, "past", "2024-12-16", "2024-12-17", "week"),
    ("this week", TUE, "future", "2024-12-17", "2024-12-22", "week"),
    ("earlier this week", TUE, "past", "2024-12-16", "2024-12-16", "week"),
    ("next week", TUE, "future", "2024-12-23", "2024-12-29", "week"),
    ("over the past week", TUE, "past", "2024-12-10", "2024-12-17", "week"),
    # months
    ("earlier this month", TUE, "past", "2024-12-01", "2024-12-16", "month"),
    ("this month", TUE, "past", "2024-12-01", "2024-12-17", "month"),
    ("last month", TUE, "past", "2024-11-01", "2024-11-30", "month"),
    ("last month", "2025-01-03", "past", "2024-12-01", "2024-12-31", "month"),
    ("late last month", TUE, "past", "2024-11-21", "2024-11-30", "month"),
    ("late November", TUE, "past", "2024-11-21", "2024-11-30", "month"),
    ("early November", TUE, "past", "2024-11-01", "2024-11-10", "month"),
    ("mid-November", TUE, "past", "2024-11-11", "2024-11-20", "month"),
    ("in mid-November", TUE, "past", "2024-11-11", "2024-11-20", "month"),
    ("at the end of November", TUE, "past", "2024-11-21", "2024-11-30", "month"),
    ("late February", "2024-03-10", "past", "2024-02-21", "2024-02-29", "month"),
    ("in October", TUE, "past", "2024-10-01", "2024-10-31", "month"),
    ("in December", TUE, "past", "2024-12-01", "2024-12-31", "month"),
    ("in December", "2025-01-03", "past", "2024-12-01", "2024-12-31", "month"),
    ("in January", TUE, "past", "2024-01-01", "2024-01-31", "month"),
    ("in March", TUE, "future", "2025-03-01", "2025-03-31", "month"),
    ("in December", TUE, "future", "2024-12-01", "2024-12-31", "month"),
    ("last October", TUE, "past", "2024-10-01", "2024-10-31", "month"),
    ("since August", TUE, "past", "2024-08-01", "2024-12-17", "month"),
    ("since August", "2024-08-20", "past", "2024-08-01", "2024-08-20", "month"),
    # years
    ("since the start of the year", TUE, "past", "2024-01-01", "2024-12-17", "day"),
    ("so far this year", TUE, "past", "2024-01-01", "2024-12-17", "day"),
    ("last year", TUE, "past", "2023-01-01", "2023-12-31", "year"),
    ("last year", "2025-01-03", "past", "2024-01-01", "2024-12-31", "year"),
    ("this year", TUE, "past", "2024-01-01", "2024-12-17", "year"),
    ("earlier this year", TUE, "past", "2024-01-01", "2024-12-16", "year"),
    ("late last year", TUE, "past", "2023-09-01", "2023-12-31", "year"),
    # counts back ("ago"): windows of plausible dates, earliest first
    ("two days ago", TUE, "past", "2024-12-15", "2024-12-15", "day"),
    ("48 hours ago", TUE, "past", "2024-12-15", "2024-12-15", "day"),
    ("a little over a week ago", TUE, "past", "2024-12-07", "2024-12-09", "approximate"),  # 8-10 days back
    ("more than a week ago", TUE, "past", "2024-12-03", "2024-12-09", "approximate"),  # 8-14 days back
    ("a week ago", TUE, "past", "2024-12-09", "2024-12-11", "approximate"),  # 6-8 days back
    ("about two weeks ago", TUE, "past", "2024-11-30", "2024-12-06", "approximate"),  # 11-17 days back
    ("nearly a week ago", TUE, "past", "2024-12-11", "2024-12-12", "approximate"),  # 5-6 days back
    ("less than a week ago", TUE, "past", "2024-12-11", "2024-12-17", "approximate"),  # 0-6 days back
    ("a few days ago", TUE, "past", "2024-12-13", "2024-12-15", "approximate"),  # 2-4 days back
    # rolling windows
    ("in the past 24 hours", TUE, "past", "2024-12-16", "2024-12-17", "day"),
    ("over the last three days", TUE, "past", "2024-12-14", "2024-12-17", "day"),
    ("in recent days", TUE, "past", "2024-12-10", "2024-12-17", "approximate"),
    ("over the past few days", TUE, "past", "2024-12-13", "2024-12-17", "approximate"),
    ("in the coming days", TUE, "future", "2024-12-17", "2024-12-24", "approximate"),
    # explicit dates
    ("1 February", TUE, "past", "2024-02-01", "2024-02-01", "day"),
    ("February 1", TUE, "past", "2024-02-01", "2024-02-01", "day"),
    ("1 February", TUE, "future", "2025-02-01", "2025-02-01", "day"),
    ("on 20 December", "2025-01-03", "past", "2024-12-20", "2024-12-20", "day"),
    ("Feb. 1, 2025", None, "past", "2025-02-01", "2025-02-01", "day"),
    ("1 Feb 2025", None, "past", "2025-02-01", "2025-02-01", "day"),
    ("the 1st of February 2025", None, "past", "2025-02-01", "2025-02-01", "day"),
    ("2025-02-01", None, "past", "2025-02-01", "2025-02-01", "day"),
    ("Saturday, 14 December", TUE, "past", "2024-12-14", "2024-12-14", "day"),
    ("on Saturday, December 14, 2024", None, "past", "2024-12-14", "2024-12-14", "day"),
    ("since 1 December", TUE, "past", "2024-12-01", "2024-12-17", "day"),
    ("13/02/2025", None, "past", "2025-02-13", "2025-02-13", "day"),
    ("02/13/2025", None, "past", "2025-02-13", "2025-02-13", "day"),
    ("1.2.2025", None, "past", "2025-02-01", "2025-02-01", "day"),
    # day ranges
    ("between 3 and 5 March", TUE, "past", "2024-03-03", "2024-03-05", "day"),
    ("from 3 to 5 March", TUE, "future", "2025-03-03", "2025-03-05", "day"),
    ("3-5 March", TUE, "past", "2024-03-03", "2024-03-05", "day"),
    ("from 3 to 5 March 2025", None, "past", "2025-03-03", "2025-03-05", "day"),
    ("March 3-5, 2025", None, "past", "2025-03-03", "2025-03-05", "day"),
    ("between 28 February and 3 March 2025", None, "past", "2025-02-28", "2025-03-03", "day"),
    ("from 28 December to 3 January", "2025-01-10", "past", "2024-12-28", "2025-01-03", "day"),
    # months and years carrying their own year resolve with or without an anchor
    ("in October 2024", None, "past", "2024-10-01", "2024-10-31", "month"),
    ("late November 2024", None, "past", "2024-11-21", "2024-11-30", "month"),
    ("in 2023", None, "past", "2023-01-01", "2023-12-31", "year"),
    ("in 2023", TUE, "past", "2023-01-01", "2023-12-31", "year"),
    ("late 2023", None, "past", "2023-09-01", "2023-12-31", "year"),
    ("in early 2022", None, "past", "2022-01-01", "2022-04-30", "year"),
    ("mid-2023", None, "past", "2023-05-01", "2023-08-31", "year"),
    ("since 2022", TUE, "past", "2022-01-01", "2024-12-17", "year"),
]


@pytest.mark.parametrize("expr,anchor,tense,start,end,precision", RESOLVE)
def test_resolve(expr, anchor, tense, start, end, precision):
    t = resolve_time(expr, anchor, tense=tense)
    assert (t.start, t.end, t.precision) == (start, end, precision)
    assert t.text == expr
    assert t.anchor == anchor


# Never invent a date: with no anchor every relative expression stays unresolved.
UNDATED = [
    "on Saturday", "Saturday", "Saturday and Sunday", "on Saturday and Sunday", "over the weekend", "this weekend",
    "last weekend", "overnight", "yesterday", "today", "last night", "this morning", "on Monday night",
    "earlier on Tuesday", "last week", "this week", "earlier this month", "last month", "late November",
    "in October", "since August", "since the start of the year", "a little over a week ago", "two days ago",
    "more than a week ago", "between 3 and 5 March", "from 3 to 5 March", "1 February", "February 1", "last year",
    "in the past 24 hours", "in recent days", "01/02/2025",
]


@pytest.mark.parametrize("expr", UNDATED)
def test_undated_relative_expressions_stay_unresolved(expr):
    t = resolve_time(expr, None)
    assert (t.start, t.end, t.precision, t.time_precision, t.anchor) == (None, None, "unresolved", None, None)


def test_undated_since_year_keeps_the_start_and_leaves_the_end_open():
    t = resolve_time("since 2022", None)
    assert (t.start, t.end, t.precision, t.time_precision) == ("2022-01-01", None, "year", 3)


def test_undated_since_month_with_year():
    t = resolve_time("since August 2024", None)
    assert (t.start, t.end, t.precision) == ("2024-08-01", None, "month")


@pytest.mark.parametrize("locale,start", [("en_US", "2025-01-02"), ("en-US", "2025-01-02"), ("en_GB", "2025-02-01"),
                                          ("de_DE", "2025-02-01"), (None, None)])
def test_numeric_dates_follow_the_locale(locale, start):
    t = resolve_time("01/02/2025", TUE, locale=locale)
    assert t.start == start and t.end == start
    assert t.precision == ("day" if start else "unresolved")


def test_numeric_date_with_equal_day_and_month_needs_no_locale():
    assert resolve_time("05/05/2025", None).start == "2025-05-05"


@pytest.mark.parametrize("expr,tp", [
    ("on Saturday", 1), ("yesterday", 1), ("over the weekend", 2), ("on Saturday and Sunday", 2),
    ("last week", 2), ("a little over a week ago", 2), ("in October", 3), ("late November", 3),
    ("earlier this month", 3), ("last year", 3), ("since August", 3), ("between 3 and 5 March", 2),
])
def test_time_precision_follows_acled_codes(expr, tp):
    assert resolve_time(expr, TUE).time_precision == tp


def test_spoken_at_is_the_reference_for_ago():
    # Ryder spoke on Monday 2024-12-16; the gold accepts a start between 12-05 and 12-10.
    t = resolve_time("a little over a week ago", TUE, spoken_at=MON)
    assert (t.start, t.end, t.precision, t.anchor) == ("2024-12-06", "2024-12-08", "approximate", MON)
    assert "2024-12-05" <= t.start <= "2024-12-10"


def test_spoken_at_resolves_even_without_a_publication_date():
    t = resolve_time("two days ago", None, spoken_at=date(2024, 12, 16))
    assert (t.start, t.end) == ("2024-12-14", "2024-12-14")


def test_anchor_accepts_dates_datetimes_and_iso_timestamps():
    assert resolve_time("yesterday", date(2024, 12, 17)).start == "2024-12-16"
    assert resolve_time("yesterday", "2024-12-17T09:30:00+03:00").start == "2024-12-16"


def test_bad_anchor_and_tense_are_usage_errors():
    with pytest.raises(UsageError):
        resolve_time("yesterday", "17 December")
    with pytest.raises(UsageError):
        resolve_time("yesterday", TUE, tense="past perfect")


def test_unrecognised_expression_is_unresolved_not_an_error():
    t = resolve_time("at some point", TUE)
    assert isinstance(t, TimeExpr) and t.precision == "unresolved" and t.start is None
    assert t.anchor == TUE


def test_impossible_dates_are_unresolved():
    assert resolve_time("30 February 2025", None).precision == "unresolved"
    assert resolve_time("31/04/2025", None, locale="en_GB").precision == "unresolved"


# ----------------------------------------------------------------------------- finding
FIND = [
    ("Zelensky said Saturday that Russia had started", ["Saturday"]),
    ("fighting over the weekend claimed the lives of at least 30 soldiers", ["over the weekend"]),
    ("the deaths took place in Plekhovo and Martynovka on Saturday and Sunday.", ["on Saturday and Sunday"]),
    ("Since it was revealed in October that North Korea", ["in October"]),
    ("who spoke to reporters on Monday. However", ["on Monday"]),
    ("engaged in action since “a little over a week ago” without", ["a little over a week ago"]),
    ("Russia launched 45 drones overnight, the air force said", ["overnight"]),
    ("Strikes on Monday night and earlier on Tuesday hit Kharkiv", ["on Monday night", "earlier on Tuesday"]),
    ("It happened last week, not this week or earlier this month", ["last week", "this week", "earlier this month"]),
    ("in late November and since August, and since the start of the year", ["in late November", "since August",
                                                                           "since the start of the year"]),
    ("two days ago and more than a week ago", ["two days ago", "more than a week ago"]),
    ("between 3 and 5 March and from 3 to 5 March", ["between 3 and 5 March", "from 3 to 5 March"]),
    ("on 1 February, February 1, Feb. 1, 2025, 1 Feb 2025, 2025-02-01 and 01/02/2025",
     ["on 1 February", "February 1", "Feb. 1, 2025", "1 Feb 2025", "2025-02-01", "01/02/2025"]),
    ("in 2023, last year, last night and this morning", ["in 2023", "last year", "last night", "this morning"]),
    ("yesterday, today and this weekend", ["yesterday", "today", "this weekend"]),
    ("The attack on Saturday, 14 December killed 3", ["on Saturday, 14 December"]),
]


@pytest.mark.parametrize("text,expected", FIND)
def test_find_times(text, expected):
    assert [t for _, _, t in find_times(text)] == expected


@pytest.mark.parametrize("text", [
    "Talks may resume, he said, as troops march on Kyiv.",
    "Good Friday services and Bloody Sunday memorials",
    "the 3rd Assault Brigade and 1,380 soldiers",
    "He told Russia Today and USA Today",
    "30% of 2,000 troops and 1500 soldiers",
])
def test_find_times_ignores_non_times(text):
    assert find_times(text) == []


def test_find_times_offsets_are_document_offsets():
    sentence = "He spoke on Monday."
    found = find_times(sentence, offset=100)
    assert found == [(109, 118, "on Monday")]
    assert sentence[109 - 100:118 - 100] == "on Monday"


def test_seed_article_times_resolve_as_gold():
    text = SEED
    assert [t for _, _, t in find_times(text)] == ["in October", "over the weekend", "Saturday", "in August",
                                                   "on Monday", "a little over a week ago", "on Saturday and Sunday"]
    got = {t: resolve_time(t, TUE) for _, _, t in find_times(text)}
    assert (got["in October"].start, got["in October"].end) == ("2024-10-01", "2024-10-31")
    assert (got["over the weekend"].start, got["over the weekend"].end) == ("2024-12-14", "2024-12-15")
    assert (got["Saturday"].start, got["Saturday"].end) == ("2024-12-14", "2024-12-14")
    assert (got["on Monday"].start, got["on Monday"].end) == ("2024-12-16", "2024-12-16")
    assert (got["on Saturday and Sunday"].start, got["on Saturday and Sunday"].end) == ("2024-12-14", "2024-12-15")
    assert "2024-12-05" <= got["a little over a week ago"].start <= "2024-12-10"
    for s, e, t in find_times(text):
        assert text[s:e] == t


def test_times_in_fills_spans_and_guesses_tense():
    out = times_in("He will visit on Thursday.", TUE, offset=10)
    assert len(out) == 1
    assert (out[0].start, out[0].span) == ("2024-12-19", (24, 35))
    out = times_in("He visited on Thursday.", TUE)
    assert out[0].start == "2024-12-12"


@pytest.mark.parametrize("sentence,tense", [
    ("Zelensky will visit Kursk on Saturday", "future"),
    ("Russia is going to attack", "future"),
    ("The talks are set to resume", "future"),
    ("Zelensky said the men were North Korean", "past"),
    ("Fighting claimed the lives of 30 soldiers", "past"),
    ("Ukraine controls the town", "present"),
])
def test_tense_of(sentence, tense):
    assert tense_of(sentence) == tense


def test_during_the_night_is_overnight():
    found = find_times("air defences destroyed 44 drones during the night")
    assert [f[2] for f in found] == ["during the night"]
    t = resolve_time("during the night", "2024-11-14")
    assert (t.start, t.end, t.precision) == ("2024-11-13", "2024-11-14", "day")


# A preposition must be a word of its own: the "in" of "again", the "on" of "Lebanon" or "region",
# the "in" of "Berlin" are not prepositions.
@pytest.mark.parametrize("text,expected", [
    ("He was seen again last week.", ["last week"]),
    ("Israel struck southern Lebanon Sunday.", ["Sunday"]),
    ("talks in Berlin 2023 failed", ["2023"]),     # a bare year, without the "in" of Berlin
    ("talks in Berlin in 2023 failed", ["in 2023"]),
    ("a depot in Russia's Bryansk region overnight", ["overnight"]),
    ("clashes in Lebanon 3-5 March", ["3-5 March"]),
    ("drones over Kharkiv overnight", ["overnight"]),
    ("fighting within the past three days", ["within the past three days"]),
    ("the therefrom 3 March to 5 March", ["3 March", "5 March"]),
    ("Ramadan since the start of the year", ["since the start of the year"]),
])
def test_prepositions_start_at_a_word_boundary(text, expected):
    assert [t for _, _, t in find_times(text)] == expected


def test_preposition_inside_a_word_is_not_the_times_preposition():
    # "again last week" is last week, not "in last week"
    (_, _, t), = find_times("He was seen again last week.")
    assert (resolve_time(t, TUE).start, resolve_time(t, TUE).end) == ("2024-12-09", "2024-12-15")
    # "Lebanon Sunday" is Sunday without a preposition: still resolved as a weekday
    (s, e, t), = find_times("Israel struck southern Lebanon Sunday.")
    assert (s, e, t) == (31, 37, "Sunday")
    assert resolve_time(t, MON).start == "2024-12-15"
    # "Berlin 2023": the year alone (TimeML marks bare years), not "in 2023"
    assert find_times("Berlin 2023") == [(7, 11, "2023")]
    assert resolve_time("Berlin 2023", TUE).value == "2023"


# Families whose trigger word is missing are not scanned, and the future test is split: the answers
# must be those of running every regex over the whole text.
GATED = [t for t, _ in FIND] + [e for e, *_ in RESOLVE] + [
    "He was seen again last week.", "talks in Berlin in 2023 failed", "SİNCE the ſtart of the year",
    "on ſaturday and ſunday", "ſince 2022", "it wıll resume on Monday", "they'll return on 1 February",
    "the plan is due to take effect in mid-March 2025", "Kelvin: 5 days ago, 2025-02-01, 13/02/2025",
]


def test_gates_give_the_same_answers(monkeypatch):
    import claimledger.extract.times as T
    fast = [find_times(t, 3) for t in GATED]
    fast_tense = [tense_of(t) for t in GATED]
    monkeypatch.setattr(T, "_open_gates", lambda text: T._ALL_GATES)
    monkeypatch.setattr(T, "_is_future", lambda s: T._FUTURE.search(s) is not None)
    assert [find_times(t, 3) for t in GATED] == fast
    assert [tense_of(t) for t in GATED] == fast_tense
    assert {f.needs for f in T._FAMILIES} == T._ALL_GATES
    assert T._open_gates(" ".join(t for t in GATED if t.isascii())) == T._ALL_GATES


# Anchors at the calendar's edge (a CMS placeholder 0001-01-01, a typed --published 9999-12-31):
# counting back or on from them leaves the dates Python holds; extraction must not raise, and what
# cannot be dated stays unresolved.
EDGE_EXPRS = [t for _, ts in FIND for t in ts] + [e for e, *_ in RESOLVE] + [
    "overnight", "overnight into Sunday", "last weekend", "next weekend", "on Sunday", "a week ago",
    "in the past two weeks", "on 31 December", "between 30 December and 2 January", "3-5 January",
    "the day after tomorrow", "on Saturday and Sunday", "next Monday", "two years ago", "early next month"]


@pytest.mark.parametrize("anchor", ["0001-01-01", "0001-01-03", "9999-12-31", "9999-12-26"])
@pytest.mark.parametrize("tense", ["past", "present", "future"])
def test_out_of_range_anchors_never_raise(anchor, tense):
    for expr in EDGE_EXPRS:
        t = resolve_time(expr, anchor, tense=tense)
        for d in (t.start, t.end):
            assert d is None or "0001-01-01" <= d <= "9999-12-31"
        assert (t.start is None and t.end is None) == (t.precision == "unresolved")
    # the text-level entry point too
    times_in("It happened yesterday, overnight, on Sunday and a week ago.", anchor, tense=tense)


def test_edge_anchor_leaves_what_cannot_be_counted_unresolved():
    assert resolve_time("a week ago", "0001-01-03").precision == "unresolved"
    assert resolve_time("tomorrow", "9999-12-31").precision == "unresolved"
    assert resolve_time("yesterday", "9999-12-31").start == "9999-12-30"
