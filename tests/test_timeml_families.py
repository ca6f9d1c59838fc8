"""TimeML families of extract/times.py: one table row per expression family (type, value, range),
narrative and news anchoring (Timeline), and what each family must not take.

Reference dates: TUE = 2024-12-17 (a Tuesday, ISO week 51, fourth quarter); MAR = 2024-03-12
(a Tuesday in March, for "will be held in June").
"""
from __future__ import annotations

import re

import pytest

from claimledger.extract.timeline import Timeline, is_narrative
from claimledger.extract.times import Point, find_times, resolve_time, tense_of, timeml_parts, times_in

TUE = "2024-12-17"
MAR = "2024-03-12"

# expr, anchor, tense, type, value, start, end, precision
FAMILIES = [
    # bare years
    ("in 2009", TUE, "past", "DATE", "2009", "2009-01-01", "2009-12-31", "year"),
    ("2009", TUE, "past", "DATE", "2009", "2009-01-01", "2009-12-31", "year"),
    ("in February of 1940", TUE, "past", "DATE", "1940-02", "1940-02-01", "1940-02-29", "month"),
    ("July 1775", TUE, "past", "DATE", "1775-07", "1775-07-01", "1775-07-31", "month"),
    # some days (months ...) on, how many untold: that granularity, no date
    ("Days later", TUE, "past", "DATE", "XXXX-XX-XX", None, None, "unresolved"),
    ("months before", TUE, "past", "DATE", "XXXX-XX", None, None, "unresolved"),
    ("weeks afterwards", TUE, "past", "DATE", "XXXX-WXX", None, None, "unresolved"),
    # abbreviated months
    ("Feb. 28", MAR, "past", "DATE", "2024-02-28", "2024-02-28", "2024-02-28", "day"),
    # seasons
    ("last summer", TUE, "past", "DATE", "2024-SU", "2024-06-01", "2024-08-31", "month"),
    ("in the spring of 1943", TUE, "past", "DATE", "1943-SP", "1943-03-01", "1943-05-31", "month"),
    ("next spring", TUE, "future", "DATE", "2025-SP", "2025-03-01", "2025-05-31", "month"),
    ("this winter", TUE, "present", "DATE", "2024-WI", "2024-12-01", "2025-02-28", "month"),
    # the end of the year, quarters, halves, fiscal years
    ("by the end of the year", TUE, "future", "DATE", "2024", "2024-09-01", "2024-12-31", "year"),
    ("in the latter part of 1944", TUE, "past", "DATE", "1944", "1944-09-01", "1944-12-31", "year"),
    ("the early part of the year", TUE, "past", "DATE", "2024", "2024-01-01", "2024-04-30", "year"),
    ("by year's end", TUE, "future", "DATE", "2024", "2024-09-01", "2024-12-31", "year"),
    ("at month's end", TUE, "past", "DATE", "2024-12", "2024-12-21", "2024-12-31", "month"),
    ("the third quarter", TUE, "past", "DATE", "2024-Q3", "2024-07-01", "2024-09-30", "month"),
    ("the first quarter", TUE, "future", "DATE", "2025-Q1", "2025-01-01", "2025-03-31", "month"),
    ("Q2 2023", TUE, "past", "DATE", "2023-Q2", "2023-04-01", "2023-06-30", "month"),
    ("the second half of 2008", TUE, "past", "DATE", "2008-H2", "2008-07-01", "2008-12-31", "month"),
    ("this fiscal year", TUE, "present", "DATE", "FY2024", None, None, "unresolved"),
    ("fiscal 2023", TUE, "past", "DATE", "FY2023", None, None, "unresolved"),
    # decades, centuries, years BC, short years, holidays
    ("the 1990s", TUE, "past", "DATE", "199", "1990-01-01", "1999-12-31", "year"),
    ("the late 1960s", TUE, "past", "DATE", "196", "1960-01-01", "1969-12-31", "year"),
    ("the 1800s", TUE, "past", "DATE", "18", "1800-01-01", "1899-12-31", "year"),
    ("the 19th century", TUE, "past", "DATE", "18", "1800-01-01", "1899-12-31", "year"),
    ("the fifth century BC", TUE, "past", "DATE", "BC04", None, None, "unresolved"),
    ("264 BC", TUE, "past", "DATE", "BC0264", None, None, "unresolved"),
    ("AD 79", TUE, "past", "DATE", "0079", "0079-01-01", "0079-12-31", "year"),
    ("in '99", TUE, "past", "DATE", "1999", "1999-01-01", "1999-12-31", "year"),
    ("before Christmas", TUE, "future", "DATE", "2024-12-25", "2024-12-25", "2024-12-25", "day"),
    ("on New Year's Eve", TUE, "past", "DATE", "2023-12-31", "2023-12-31", "2023-12-31", "day"),
    # month ranges and ranges of years BC (the era written once)
    ("from October to March", TUE, "past", "DATE", "2023-10", "2023-10-01", "2024-03-31", "month"),
    ("between March and April 1918", TUE, "past", "DATE", "1918-03", "1918-03-01", "1918-04-30", "month"),
    ("August-September 1950", TUE, "past", "DATE", "1950-08", "1950-08-01", "1950-09-30", "month"),
    ("264 to 241 BC", TUE, "past", "DATE", "BC0264", None, None, "unresolved"),
    ("summer and autumn 1918", TUE, "past", "DATE", "1918-SU", "1918-06-01", "1918-11-30", "month"),
    ("26 June - 4 August 1952", TUE, "past", "DATE", "1952-06-26", "1952-06-26", "1952-08-04", "day"),
    ("their 1982 summer offensives", TUE, "past", "DATE", "1982-SU", "1982-06-01", "1982-08-31", "month"),
    ("by 05:30hrs", TUE, "past", "TIME", "2024-12-17T05:30", "2024-12-17", "2024-12-17", "day"),
    ("149 B.C", TUE, "past", "DATE", "BC0149", None, None, "unresolved"),
    ("On June 20 of 1792", TUE, "past", "DATE", "1792-06-20", "1792-06-20", "1792-06-20", "day"),
    # reference words
    ("now", TUE, "present", "DATE", "PRESENT_REF", None, None, "unresolved"),
    ("the past", TUE, "past", "DATE", "PAST_REF", None, None, "unresolved"),
    ("in the future", TUE, "future", "DATE", "FUTURE_REF", None, None, "unresolved"),
    # times of day
    ("at 3 p.m.", TUE, "past", "TIME", "2024-12-17T15:00", "2024-12-17", "2024-12-17", "day"),
    ("at 3 p.m. Sunday", TUE, "past", "TIME", "2024-12-15T15:00", "2024-12-15", "2024-12-15", "day"),
    ("Monday at 10:30 a.m.", TUE, "past", "TIME", "2024-12-16T10:30", "2024-12-16", "2024-12-16", "day"),
    ("at 19:45 GMT", TUE, "past", "TIME", "2024-12-17T19:45", "2024-12-17", "2024-12-17", "day"),
    ("at noon", TUE, "future", "TIME", "2024-12-17T12:00", "2024-12-17", "2024-12-17", "day"),
    ("At 11 a.m. on 11 November 1918", TUE, "past", "TIME", "1918-11-11T11:00", "1918-11-11", "1918-11-11", "day"),
    ("Sunday morning", TUE, "past", "TIME", "2024-12-15TMO", "2024-12-15", "2024-12-15", "day"),
    ("attacked at night", TUE, "past", "TIME", "XXXX-XX-XXTNI", None, None, "unresolved"),
    ("using night attacks", TUE, "past", "TIME", "XXXX-XX-XXTNI", None, None, "unresolved"),
    ("units hid in daytime", TUE, "past", "TIME", "XXXX-XX-XXTDT", None, None, "unresolved"),
    ("On the night of April 18, 1775", TUE, "past", "TIME", "1775-04-18TNI", "1775-04-18", "1775-04-18", "day"),
    # durations: a length, no calendar range
    ("90 days", TUE, "past", "DURATION", "P90D", None, None, "unresolved"),
    ("for five years", TUE, "past", "DURATION", "P5Y", None, None, "unresolved"),
    ("for three days", TUE, "past", "DURATION", "P3D", None, None, "unresolved"),
    ("within 48 hours", TUE, "future", "DURATION", "PT48H", None, None, "unresolved"),
    ("a few days", TUE, "past", "DURATION", "PXD", None, None, "unresolved"),
    ("for weeks", TUE, "past", "DURATION", "PXW", None, None, "unresolved"),
    ("two and a half years", TUE, "past", "DURATION", "P2.5Y", None, None, "unresolved"),
    ("half an hour", TUE, "past", "DURATION", "PT30M", None, None, "unresolved"),
    ("a decade", TUE, "past", "DURATION", "P1DE", None, None, "unresolved"),
    ("a three-day visit", TUE, "past", "DURATION", "P3D", None, None, "unresolved"),
    ("a month-long siege", TUE, "past", "DURATION", "P1M", None, None, "unresolved"),
    ("for over two and half years", TUE, "past", "DURATION", "P2.5Y", None, None, "unresolved"),
    ("after ten brutal months", TUE, "past", "DURATION", "P10M", None, None, "unresolved"),
    ("for a single year", TUE, "past", "DURATION", "P1Y", None, None, "unresolved"),
    # a window counted back from the reference day: a duration placed on the calendar
    ("over the past two weeks", TUE, "past", "DURATION", "P2W", "2024-12-03", "2024-12-17", "week"),
    ("in the past 24 hours", TUE, "past", "DURATION", "PT24H", "2024-12-16", "2024-12-17", "day"),
    ("over the following days", TUE, "past", "DURATION", "PXD", "2024-12-17", "2024-12-24", "approximate"),
    # sets
    ("every week", TUE, "present", "SET", "P1W", None, None, "unresolved"),
    ("daily", TUE, "present", "SET", "P1D", None, None, "unresolved"),
    ("every Monday", TUE, "present", "SET", "XXXX-WXX-1", None, None, "unresolved"),
    ("on Mondays", TUE, "present", "SET", "XXXX-WXX-1", None, None, "unresolved"),
    ("twice a week", TUE, "present", "SET", "P1W", None, None, "unresolved"),
    ("every two months", TUE, "present", "SET", "P2M", None, None, "unresolved"),
    ("every weekend", TUE, "present", "SET", "XXXX-WXX-WE", None, None, "unresolved"),
    ("hourly", TUE, "present", "SET", "PT1H", None, None, "unresolved"),
    ("every summer", TUE, "present", "SET", "XXXX-SU", None, None, "unresolved"),
]


@pytest.mark.parametrize("expr,anchor,tense,ttype,value,start,end,precision", FAMILIES)
def test_timeml_family(expr, anchor, tense, ttype, value, start, end, precision):
    t = resolve_time(expr, anchor, tense=tense)
    assert (t.type, t.value, t.start, t.end, t.precision) == (ttype, value, start, end, precision)
    if ttype == "DURATION":
        assert t.duration == value


def test_durations_carry_their_length_and_no_invented_range():
    t = resolve_time("for three days", TUE)
    assert (t.duration, t.start, t.end, t.time_precision) == ("P3D", None, None, None)
    # the window ends at the reference day and starts 14 days before it
    w = resolve_time("over the past two weeks", TUE, spoken_at="2024-12-10")
    assert (w.start, w.end, w.duration, w.anchor) == ("2024-11-26", "2024-12-10", "P2W", "2024-12-10")


# Forward-looking sentences take the coming month; past ones the last (published in March)
@pytest.mark.parametrize("sentence,value", [
    ("The summit will be held in June.", "2024-06"),
    ("The summit was held in June.", "2023-06"),
    ("Talks are scheduled for June 10.", "2024-06-10"),
    ("Elections are due in the spring.", "2024-SP"),
    ("Officials warned that the summer could bring layoffs.", "2024-SU"),   # a possibility ahead
    ("Officials said the flood could have peaked in February.", "2024-02"),  # "could have" looks back
])
def test_underspecified_dates_follow_the_tense(sentence, value):
    (t,) = times_in(sentence, MAR)
    assert t.value == value


# ---- anaphoric and deictic --------------------------------------------------------------------
NARRATIVE = ("Germany invaded Poland on September 1, 1939. Two days later Britain declared war. "
             "In April, Germany invaded Denmark. The following year the war spread. That spring the "
             "Allies landed. On the 13th a truce was signed. Fighting went on throughout 1915-17.")


def test_a_narrative_counts_from_the_last_mentioned_date():
    tl = Timeline("2009-12-19", narrative=True)
    out = [(t.text, t.value) for s in NARRATIVE.split(". ") for t in tl.times_in(s)]
    assert out == [("on September 1, 1939", "1939-09-01"), ("Two days later", "1939-09-03"),
                   ("In April", "1939-04"),              # the nearest April to 3 September 1939
                   ("The following year", "1940"), ("That spring", "1940-SP"),
                   ("On the 13th", None),                 # the last mention has no month: not invented
                   ("1915", "1915"), ("17", "1917")]


def test_news_deictics_count_from_the_publication_date_anaphora_from_the_story():
    text = ("Rebels seized the town on January 3. The next day troops counter-attacked. "
            "Officials said yesterday that the town was retaken last week.")
    tl = Timeline("2024-02-15", text=text)
    assert not tl.narrative
    values = [t.value for s in text.split(". ") for t in tl.times_in(s)]
    assert values == ["2024-01-03", "2024-01-04", "2024-02-14", "2024-W06"]


def test_a_news_report_naming_an_old_year_is_not_a_history():
    assert not is_narrative("The 2019 accord was signed in Doha. Talks resume on Monday.", "2024-03-12")
    assert is_narrative("In 1939 ... in 1940 ... by 1941 ... 1944.", "2009-12-19")
    assert not is_narrative("Nothing dated here.", None)


@pytest.mark.parametrize("expr,value", [
    ("the following day", "1943-05-11"), ("the next day", "1943-05-11"), ("the day before", "1943-05-09"),
    ("that same day", "1943-05-10"), ("that night", "1943-05-10TNI"), ("the following week", "1943-W20"),
    ("the previous year", "1942"), ("that year", "1943"), ("later that month", "1943-05"),
    ("two days later", "1943-05-12"), ("three weeks earlier", "1943-04-19"), ("a year later", "1944"),
    ("Fifteen months later", "1944-08"), ("a few days later", "FUTURE_REF"), ("August of that year", "1943-08"),
    ("the following spring", "1944-SP"), ("the previous April", "1943-04"), ("the following March", "1944-03"),
    ("on the 20th", "1943-05-20"), ("on that date", "1943-05-10"), ("in the afternoon", "1943-05-10TAF"),
])
def test_anaphoric_expressions_use_the_context(expr, value):
    t = resolve_time(expr, "2009-12-19", context=Point(1943, 5, 10))
    assert t.value == value
    if t.start:
        assert t.anchor == "1943-05-10"


@pytest.mark.parametrize("expr,context,value", [
    # counted in days from a month: a day of that year, which one unknown (no range is invented)
    ("four days later", Point(1915, 10), "1915-XX-XX"), ("less than a week later", Point(1913, 2), "1913-WXX"),
    ("three days later", Point(1915, 12), None),            # from December the year may change
    ("three days earlier", Point(1915, 1), None),
    ("a month later", Point(1915, 10), "1915-11"),
    ("the following week", Point(1915, 10), None),          # which week is not known (this raised once)
    ("that day", Point(1915, 10), "1915-XX-XX"),
])
def test_days_counted_from_a_month(expr, context, value):
    t = resolve_time(expr, "2009-12-19", context=context)
    assert t.value == value
    if value and "X" in value:
        assert (t.start, t.end, t.precision) == (None, None, "unresolved")


def test_anaphora_in_years_bc_count_down():
    assert resolve_time("two years later", "2009-12-19", context=Point(-220)).value == "BC0218"


def test_anaphora_without_any_date_stay_unresolved():
    for expr in ("the following day", "two days later", "that spring", "on the 13th"):
        t = resolve_time(expr, None)
        assert t.start is None and t.end is None and t.precision == "unresolved"


# ---- what the families must not take --------------------------------------------------------
@pytest.mark.parametrize("text", [
    "2,000 troops and 1,500 tanks",              # counts
    "1500 soldiers were killed",
    "a second wave of strikes",                   # "a second" is no duration
    "the 3rd Assault Brigade",                    # an ordinal that is no day of a month
    "He will fall back to the river",             # "fall" the verb
    "the now-defunct party",
    "77 minutemen formed up",                     # no minutes
    "until the fall of Budapest",                 # a city's fall, not autumn
    "The army endured a bloody day",              # what the day was like, not how long
    "the May elections and the March to the sea",  # "May" is a name and a verb; "March" a march
    "by midafternoon the guns were quiet",        # no "noon" inside another word
    "in the days after the war",                  # a stretch after an event: no vague date
])
def test_timeml_families_ignore_non_times(text):
    assert find_times(text) == []


def test_would_is_a_future_seen_from_the_past():
    # news: "would resume in January" published in December is the coming January
    (t,) = times_in("The company said production would resume in January.", "2022-12-02")
    assert t.value == "2023-01"
    # a report that last named an old year: the January after it
    tl = Timeline("2009-12-19", narrative=False)
    tl.times_in("In November 2004 the government announced a vote.")
    (t,) = tl.times_in("Elections would be held in January.")
    assert t.value == "2005-01"


def test_a_day_right_after_a_verb_of_saying_is_past():
    (a, b) = times_in("Workers will strike from Tuesday, the union said on Saturday.", "2025-03-09")
    assert (a.value, b.value) == ("2025-03-11", "2025-03-08")


def test_adjectives_inside_a_duration():
    assert resolve_time("six consecutive months", TUE).value == "P6M"
    assert resolve_time("for three straight days", TUE).value == "P3D"


def test_timeml_gates_give_the_same_answers(monkeypatch):
    import claimledger.extract.times as T
    texts = [row[0] for row in FAMILIES] + NARRATIVE.split(". ") + [
        "two and a half years", "a month-long siege", "dozens of years later", "many more months",
        "Fifteen months later", "for weeks", "within 48 hours", "24-hour curfew", "three straight days earlier"]
    fast = [find_times(t, 2) for t in texts]
    monkeypatch.setattr(T, "_open_gates", lambda text: T._ALL_GATES)
    assert [find_times(t, 2) for t in texts] == fast


def test_anaphora_need_a_mention_outside_a_timeline():
    # one expression alone (as a claim reads it): nothing says which day "that day" was
    assert resolve_time("that day", TUE).precision == "unresolved"
    assert resolve_time("later the same day", TUE).precision == "unresolved"
    # the statement date given as the mention resolves it
    assert resolve_time("later that day", TUE, context="2024-12-14").start == "2024-12-14"
    # "the previous week" with nothing mentioned is said of now: last week
    assert resolve_time("the previous week", TUE).value == "2024-W50"


def test_a_clock_time_takes_its_day_into_the_span():
    (t,) = times_in("gunfire starting at about 4am on Tuesday", "2023-08-24")
    assert (t.text, t.value) == ("about 4am on Tuesday", "2023-08-22T04:00")
    assert resolve_time("over the past day", "2024-08-20").value == "P1D"


def test_ranges_are_two_expressions_in_timeml():
    from claimledger.extract.times import timeml_parts
    for expr, parts in [("22-25 April 1951", [("22", "1951-04-22"), ("25 April 1951", "1951-04-25")]),
                        ("March 5-9, 1918", [("March 5", "1918-03-05"), ("9, 1918", "1918-03-09")]),
                        ("from 24 July until 26 November 1938", [("24 July", "1938-07-24"),
                                                                  ("26 November 1938", "1938-11-26")]),
                        ("from October to March 1945", [("October", "1944-10"), ("March 1945", "1945-03")]),
                        ("264 to 241 BC", [("264", "BC0264"), ("241 BC", "BC0241")]),
                        # ordinals, each with its article: the month and year come from the second
                        ("from the 13th to the 19th of October 1950", [("the 13th", "1950-10-13"),
                                                                        ("the 19th of October 1950", "1950-10-19")]),
                        ("the autumn and winter of 1943", [("the autumn", "1943-FA"), ("winter of 1943", "1943-WI")])]:
        t = resolve_time(expr, TUE)
        assert [(expr[s:e], v) for s, e, v in timeml_parts(expr, t)] == parts
    assert timeml_parts("on 3 March 2024", resolve_time("on 3 March 2024", TUE)) is None
    # a clock time and its day: two when joined by "on" or "at", one when written together
    expr = "at 10 a.m. on Thursday"
    t = resolve_time(expr, MAR, tense="future")
    assert [(expr[s:e], v) for s, e, v in timeml_parts(expr, t)] == [("10 a.m.", "2024-03-14T10:00"),
                                                                     ("Thursday", "2024-03-14")]
    assert timeml_parts("3 a.m. Sunday", resolve_time("3 a.m. Sunday", TUE)) is None


def test_a_span_of_years_takes_its_century_from_the_first():
    tl = Timeline("2009-12-19", narrative=True)
    assert [t.value for t in tl.times_in("the battle for Baghdad in 2006-07 was won")] == ["2006", "2007"]


@pytest.mark.parametrize("expr,value", [
    ("Five days after the fall of Girona", "1943-05-15"), ("Two days after relieving the siege", "1943-05-12"),
    ("three weeks before the election", "1943-04-19"),
])
def test_a_count_from_an_event_reads_from_the_last_mention(expr, value):
    assert resolve_time(expr, "2009-12-19", context=Point(1943, 5, 10)).value == value


def test_a_look_back_leaves_the_story_where_it_was():
    tl = Timeline("2009-12-19", narrative=True)
    out = [t.value for s in ("Rommel attacked in early January 1942.", "Losses were lower than the previous year.",
                             "In February, the British fell back.") for t in tl.times_in(s)]
    assert out == ["1942-01", "1941", "1942-02"]


def test_a_month_naming_a_thing():
    from claimledger.extract.times import names_a_thing
    text = "the Czar fell in the February Revolution; a March operation followed"
    found = find_times(text)
    assert [f[2] for f in found] == ["February", "March"]
    assert all(names_a_thing(text, s, e) for s, e, _ in found)
    assert resolve_time("February", "1917-12-01").value == "1917-02"


def test_a_year_naming_a_thing_is_a_time_expression_claims_take_last():
    from claimledger.extract.times import names_a_thing
    text = "The 2024 budget and the 1917 Battle of Arras; fighting in 2023"
    found = find_times(text)
    assert [f[2] for f in found] == ["2024", "1917", "in 2023"]
    assert [names_a_thing(text, s, e) for s, e, _ in found] == [True, True, False]


def test_a_season_naming_an_offensive():
    tl = Timeline("2009-12-19", narrative=True)
    out = [(t.text, t.value) for s in ("In May 1942 the Germans struck.",
                                       "They then launched their main summer offensive against Russia.")
           for t in tl.times_in(s)]
    assert out == [("In May 1942", "1942-05"), ("summer", "1942-SU")]
    assert find_times("the Arab Spring protests") == []


def test_the_story_goes_on_from_the_end_of_a_range():
    tl = Timeline("2009-12-19", narrative=True)
    out = [t.value for s in ("Allied forces were attacked in September 1944.",
                             "They fought the Japanese in Burma from October to March.",
                             "Rangoon fell by May 3.") for t in tl.times_in(s)]
    assert out == ["1944-09", "1944-10", "1945-05-03"]


def test_after_a_jump_of_years_a_date_may_return_to_the_story():
    tl = Timeline("2011-07-01", narrative=True)
    out = [t.value for s in ("Baghdad fell on April 9, 2003.", "In November 2008, protesters burned an effigy.",
                             "On April 15 the coalition declared the invasion over.") for t in tl.times_in(s)]
    assert out == ["2003-04-09", "2008-11", "2003-04-15"]
    # a jump that the story follows stays
    tl = Timeline("2011-07-01", narrative=True)
    out = [t.value for s in ("Baghdad fell on April 9, 2003.", "In November 2008, a pact was signed.",
                             "In December the parliament approved it.") for t in tl.times_in(s)]
    assert out == ["2003-04-09", "2008-11", "2008-12"]


def test_this_day_is_the_story_s_day_in_a_narrative_and_today_in_news():
    assert resolve_time("this day", "2009-12-19", context=Point(1918, 8, 8), narrative=True).value == "1918-08-08"
    assert resolve_time("this day", "2009-12-19", context=Point(1918, 8, 8)).value == "2009-12-19"


def test_a_timetable_present_takes_the_nearest_day():
    (t,) = times_in("The talks resume Thursday, aides said.", TUE)
    assert t.value == "2024-12-19"
    (t,) = times_in("Leaders failed to agree before the fiscal year ends on Sept. 30.", MAR)
    assert t.value == "2024-09-30"


def test_a_clock_time_alone_in_a_history_keeps_its_day_unknown():
    tl = Timeline("2009-12-19", narrative=True)
    out = [t.value for s in ("On 8 October 1950 the army crossed the river.", "The columns marched at 19:00.")
           for t in tl.times_in(s)]
    assert out == ["1950-10-08", "XXXX-XX-XXT19:00"]


@pytest.mark.parametrize("sentence,values", [
    # a date told by an event, set beside a date, is that date (the event's own date is elsewhere)
    ("On 27 June 1950, two days after the KPA invaded and three months before the Chinese intervention, "
     "Truman sent the fleet.", ["1950-06-27", "1950-06-27", "1950-06-27"]),
    ("The Politburo agreed on 2 October 1950 - the day after the army crossed the border.",
     ["1950-10-02", "1950-10-02"]),
    # not in apposition: counted from the story's date as before
    ("On 27 June 1950 the fleet sailed; two days after the landing it turned back.", ["1950-06-27", "1950-06-29"]),
])
def test_an_event_set_beside_a_date_names_that_date(sentence, values):
    tl = Timeline("2009-12-19", narrative=True)
    assert [t.value for t in tl.times_in(sentence)] == values


def test_an_apposition_given_as_a_span_reads_the_sentence_before_it():
    tl = Timeline("2009-12-19", narrative=True)
    tl.resolve("21 July", before="On ")
    tl.last = Point(1936, 7, 21)
    t = tl.resolve("the fifth day of the rebellion", before="On 21 July, ")
    assert (t.value, t.start, t.precision) == ("1936-07-21", "1936-07-21", "day")
    assert tl.resolve("the sixth anniversary of the capture", before="It rained, ").value is None
    tl.resolve("May 2005", before="In ")
    t = tl.resolve("Iraq's bloodiest month since the invasion", before="Hopes were dashed in May 2005, ")
    assert (t.value, t.precision) == ("2005-05", "month")


def test_document_times_keep_an_apposition_for_claims():
    from claimledger.extract.timeline import DocumentTimes
    text = "The war began in 1950. On 27 June 1950, two days after the KPA invaded, Truman sent the fleet."
    dt = DocumentTimes(text, "2009-12-19", [(0, 22), (23, len(text))])
    s = text.index("two days after")
    t = dt.apposed(s, s + len("two days after"))
    assert (t.value, t.start, t.span) == ("1950-06-27", "1950-06-27", (s, s + len("two days after")))
    assert dt.apposed(text.index("On 27"), text.index(", two")) is None


def _story(anchor, *sentences):
    tl = Timeline(anchor, narrative=True)
    return [t.value for s in sentences for t in tl.times_in(s)]


@pytest.mark.parametrize("sentences,values", [
    # a season takes the year its sentence names next, when it lies nearer that date
    (("The British counter-attacked in April 1943.",
      "The Axis launched their summer offensive against southern Russia in June 1942."), ["1943-04", "1942-SU", "1942-06"]),
    # an anaphor keeps the story's year, and a year far on in the sentence is another matter
    (("In 1918 the front held.", "The army was beaten in October of that year, as it had been in 1917."),
     ["1918", "1918-10", "1917"]),
    # after an aside ("(1790)", three years back) a date as near either way returns to the story
    (("Peasants revolted in 1793.", "They resented the Civil Constitution (1790).",
      "On 17 August, the Convention voted for conscription."), ["1793", "1790", "1793-08-17"]),
    # "for the next year" is a length, as "for the next two years" is; "the next year" alone a date
    (("Kolchak was executed on 7 February 1920.", "Fighting in Siberia continued for the next year.",
      "The next year the last armies left."), ["1920-02-07", "P1Y", "1921"]),
    # "the latter part of the year" in a history: the story's year
    (("Paris was liberated on August 25, 1944.", "The Allies pushed on during the latter part of the year."),
     ["1944-08-25", "1944"]),
    # the end a thing lasted until is no new date of the story
    (("Belgrade fell on 20 October 1944.", "An assault followed that lasted until the fall of Budapest in February 1945.",
      "By the start of July, the sieges in Assam had been repelled."), ["1944-10-20", "1945-02", "1944-07"]),
    # a winter read again stays that winter (1950-WI stood for a week before: each mention went a year back);
    # a history names it by the year of its January (seventh round: WikiWars' convention)
    (("In January 1951, the PVA launched the Chinese Winter Offensive.",
      "The Chinese Winter Offensive overwhelmed the UN forces.", "The winter was hard."),
     ["1951-01", "1951-WI", "1951-WI", "1951-WI"]),
    # a flashback named in full: a date that would lie before it goes on from the story's date
    (("Americans joined the armies on 28 March 1918.", "A war council had been created on 5 November 1917.",
      "Operation Marne was launched on 15 July."), ["1918-03-28", "1917-11-05", "1918-07-15"]),
    # ... and the story may follow the flashback: a date after it stays in its year
    (("Fighting resumed on 2 March 1918.", "The front had broken in October 1917.", "In November the line held."),
     ["1918-03-02", "1917-10", "1917-11"]),
    # a jump to a year alone: its months lie no nearer it than the story's ("(1790)", then "17 August")
    (("The constitution was adopted on 24 June 1793.", "It recalled the Civil Constitution (1790).",
      "On 17 August, the Convention voted for conscription."), ["1793-06-24", "1790", "1793-08-17"]),
    # after a jump, "October of that year" is the jump's year (not the story's before it)
    (("Boys born in 1899 were called up.", "Then came 1918.", "The army held the Piave in October of that year."),
     ["1899", "1918", "1918-10"]),
    # a season in the year its sentence names alone lies in that year ("Spring Offensive of 1918") ...
    (("In 1917 the emperor sought a separate peace.", "The German Spring Offensive of 1918 followed."),
     ["1917", "1918-SP", "1918"]),
    # ... but a year naming a thing names no year for it ("since the 2003 invasion")
    (("On June 29, 2009, U.S. forces withdrew from Baghdad.",
      "Deaths fell to their lowest level in November since the 2003 invasion."), ["2009-06-29", "2009-11", "2003"]),
    # a date in the past perfect is before the story's time: the story stays where it was
    (("In May 1944, British forces drove the Japanese back.",
      "Chinese forces that had invaded Northern Burma in late 1943 besieged Myitkyina.",
      "The second invasion began in June."), ["1944-05", "1943", "1944-06"]),
    # a deadline in a plan or a forecast is a look ahead: the story stays in its year
    (("On December 4, 2008, the council approved the pact.",
      "Gates has predicted that after 2011 he would expect a residual force.",
      "Protesters recalled the statue toppled five years previously."), ["2008-12-04", "2011", "2003"]),
    # a plan's "next summer" (no article) is a look ahead: the story stays in its year
    (("On September 10, 2007, Petraeus envisioned a withdrawal by next summer.",
      "On September 14, Bush backed a limited withdrawal."), ["2007-09-10", "2008-SU", "2007-09-14"]),
])
def test_a_story_s_year_read_from_its_sentences(sentences, values):
    assert _story("2009-12-19", *sentences) == values


@pytest.mark.parametrize("sentence,value,type_", [
    # "for the next year" governed by a verb of lasting: a length
    ("They agreed to stay for the next year.", "P1Y", "DURATION"),
    ("The road was closed for the next month.", "P1M", "DURATION"),
    ("Fighting continued for the next year.", "P1Y", "DURATION"),
    # by a noun or another verb: the year or month it is for
    ("The council approved the budget for the next year.", "2025", "DATE"),
    ("The ministry set out its priorities for the next month.", "2024-04", "DATE"),
])
def test_for_the_next_year_is_a_length_only_after_a_verb_of_lasting(sentence, value, type_):
    (t,) = Timeline(MAR, text=sentence).times_in(sentence)
    assert (t.value, t.type) == (value, type_)


def test_a_report_opening_on_its_own_day_is_news_whatever_years_it_names():
    text = ("A court sentenced a former mayor on Friday for fraud committed between 2015 and 2018. "
            "The scheme came to light in 2019.")
    assert not is_narrative(text, "2026-02-14")
    assert is_narrative(text.replace("on Friday ", ""), "2026-02-14")
    # a weekday with its date, or "today" as "nowadays", opens histories too
    assert is_narrative("The attack on Pearl Harbor on Sunday, December 7, 1941, drew the United States into "
                        "the war. In 1942 it landed in Africa, in 1943 in Italy.", "2009-12-19")
    assert is_narrative("What is today Vietnam was ruled by France from 1887; in 1940 Japan came, in 1945 it left.",
                        "2009-12-19")


@pytest.mark.parametrize("text", [
    # a weekday opening counts from the date whatever follows it: a count, a date without a year,
    # or a date of the publication's own year
    "On Monday, 15 people were killed in Gaza, officials said. The war began in 2016 after clashes in 2014 and 2015.",
    "On Monday, March 11, the UN said the talks of 2016, 2017 and 2018 had failed.",
    "On Monday, 11 March 2024, the UN said the talks of 2016, 2017 and 2018 had failed.",
    # "today", "this week", "yesterday" telling the report's own day
    "The UN tribunal today sentenced a former commander for the massacre at Srebrenica in July 1995. "
    "He fled in 1996 and was arrested in 2011.",
    "A court said today that the scheme ran from 2015 to 2018 and came to light in 2019.",
    "Rebels this week retook the town they lost in 2014, 2015 and 2016.",
    "Rebels yesterday retook the town they lost in 2014, 2015 and 2016.",
])
def test_a_weekday_or_today_opening_makes_a_report_news(text):
    assert not is_narrative(text, MAR)


def test_a_report_opening_today_reads_a_month_from_its_date():
    text = ("The UN tribunal today sentenced a former commander for the massacre at Srebrenica in July 1995. "
            "He fled in 1996 and was arrested in 2011.\nIn March, prosecutors had asked for a life term.")
    tl = Timeline(MAR, text=text)
    out = [(x.text, x.value) for x in tl.times_in(text)]
    assert out[-1] == ("In March", "2024-03")


def test_news_returns_to_its_date_in_a_new_paragraph():
    from claimledger.extract.timeline import DocumentTimes
    text = ("A fire was put out on Monday, the company said. In 2012 a blaze killed four workers, and the "
            "following year the owners were fined. In March inspectors returned.\n"
            "Inspectors visited the site in March and ordered the company to replace its pumps by June 1.")
    spans = [(0, 47), (48, 126), (127, 152), (153, len(text))]
    tl = Timeline("2025-05-20", text=text)
    values = []
    for s, e in spans:
        for fs, fe, expr in find_times(text[s:e], s):
            values.append(tl.resolve(expr, "past", before=text[s:fs], at=fs).value)
    # same paragraph: the story's 2013; a new paragraph: the publication year again
    assert values == ["2025-05-19", "2012", "2013", "2013-03", "2025-03", "2024-06-01"]
    dt = DocumentTimes(text, "2025-05-20", spans)
    second = text.rindex("March")
    assert dt.mention_far(second - 3, second + 5) and not dt.mention_far(text.index("In March"), 140)


@pytest.mark.parametrize("sentence,value", [
    ("Prices have risen since Sunday and will rise again.", "2025-05-18"),          # since: past
    ("The regulator ordered the company to replace its pumps by June 1.", "2025-06-01"),   # an order: ahead
    ("The regulator gave the firm until Friday to comply.", "2025-05-23"),
    ("By June 1 the pumps had been replaced.", "2024-06-01"),                        # no order: the past
])
def test_tense_of_since_and_of_orders(sentence, value):
    (t,) = times_in(sentence, "2025-05-20")
    assert t.value == value


@pytest.mark.parametrize("sentence,value", [
    # reported speech with a past verb of its own: the past, not an order looking ahead
    ("Residents told AFP they fled to the hills on Sunday.", "2024-03-10"),
    ("The witness told police she went to the market on Monday.", "2024-03-11"),
    ("Officials asked that residents who returned to their homes by Friday stay indoors.", "2024-03-08"),
    # an infinitive directive with a deadline: ahead of the telling
    ("The judge told the company to pay the fine by Friday.", "2024-03-15"),
    ("The army ordered civilians to leave the town before Sunday.", "2024-03-17"),
    ("The court ordered the ministry to be restructured by June 1.", "2024-06-01"),
    ("Police gave protesters until Friday to leave.", "2024-03-15"),
    # "ordered X to pay ... on Friday": news tells the day of the order; no deadline
    ("A judge ordered the former mayor to pay a fine on Friday.", "2024-03-08"),
])
def test_only_a_directive_with_a_deadline_looks_ahead(sentence, value):
    (t,) = times_in(sentence, MAR)
    assert t.value == value


def test_reported_speech_invents_no_future_date_for_what_follows():
    text = "Residents told AFP they fled to the hills on Sunday. Soldiers entered the village the next day."
    tl = Timeline(MAR, text=text)
    out = [t.value for t in tl.times_in(text[:52])] + [t.value for t in tl.times_in(text[53:], 53)]
    assert out == ["2024-03-10", "2024-03-11"]


def test_document_times_give_a_claim_the_expressions_they_read():
    from claimledger.extract.timeline import DocumentTimes
    text = "Rebels seized the town on 3 March 2023. Troops retook it two days later, officials said."
    dt = DocumentTimes(text, "2024-12-17", [(0, 39), (40, len(text))])
    s = text.index("two days later")
    # an expression overlapping the piece, found once in its sentence
    assert dt.found(40, s + 3) == [(s, s + 14, "two days later")]
    assert dt.found(0, 10) == []
    t = dt.reading(s, s + 14, tense_of(text[40:]))
    assert (t.value, t.span) == ("2023-03-05", (s, s + 14))
    assert dt.reading(s, s + 14, "future") is None     # read in another tense: the claim reads it again


def test_a_clock_time_in_a_history_is_on_the_day_just_named_in_its_paragraph():
    text = ("A ceasefire came into effect on 11 November 1918. Armies began to withdraw. "
            "Private Price was shot at 10:57 and died at 10:58.\n"
            "The columns marched from 19:00 and halted by 05:30.")
    tl = Timeline("2009-12-19", text=text, narrative=True)
    out = []
    for fs, fe, expr in find_times(text):
        out.append(tl.resolve(expr, "past", at=fs).value)
    assert out == ["1918-11-11", "1918-11-11T10:57", "1918-11-11T10:58", "XXXX-XX-XXT19:00", "XXXX-XX-XXT05:30"]


def test_a_clock_time_with_a_city_s_time_keeps_its_day():
    expr = "At 5:34 AM Baghdad time on March 20, 2003"
    (t,) = times_in(expr, "2009-12-19")
    assert t.value == "2003-03-20T05:34"
    from claimledger.extract.times import timeml_parts
    assert [(expr[s:e], v) for s, e, v in timeml_parts(expr, t)] == [("5:34 AM", "2003-03-20T05:34"),
                                                                     ("March 20, 2003", "2003-03-20")]


def test_a_month_as_the_subject_of_what_it_brought():
    assert [e for _, _, e in find_times("September saw the Germans retreat; April proved decisive.")] == [
        "September", "April"]
    assert [e for _, _, e in find_times("November was cold.")] == ["November"]
    assert find_times("March was long. May was tired.") == []      # a march, a name


@pytest.mark.parametrize("text", [
    "Prime Minister May began her speech in parliament.",     # a title before it: a name
    "May brought the deal back to parliament.",               # "May": a name too often
    "Her daughter June was killed.",                          # a possessive and a noun before it
    "Her daughter June Smith was killed.",
    "Theresa May saw the deal fail.",
    "June was arrested at the border.",                       # was + a participle: a person
    "After the vote, April brought her sister home.",         # a person's pronoun after the verb
])
def test_a_name_that_is_a_month_is_no_month_subject(text):
    assert find_times(text) == []


@pytest.mark.parametrize("before,expr,after,value", [
    ("He then entered ", "winter", " quarters at Morristown.", "XXXX-WI"),
    ("Sullivan destroyed the Iroquois ", "winter", " food supplies.", "XXXX-WI"),
    ("The troops lacked proper ", "summer", "-uniforms.", "XXXX-SU"),
    # with an article, or before another noun, it is the story's season (a history's winter named by the
    # year of its January: December 1776 to February 1777 is 1777-WI)
    ("The militia raided the British throughout ", "the winter", " quarters of the enemy.", "1777-WI"),
    ("The Soviets began their ", "winter", " counter-offensive.", "1777-WI"),
])
def test_a_season_naming_a_kind_of_thing_is_no_particular_season(before, expr, after, value):
    tl = Timeline("2009-12-19", narrative=True)
    tl.times_in("Washington attacked Princeton on January 3, 1777.")
    t = tl.resolve(expr, "past", before=before, after=after)
    assert t.value == value
    if value.startswith("XXXX"):
        assert t.start is None and tl.last == Point(1777, 1, 3)   # no date invented, the story stays


# Issue 8's fifth round (news families, written for eval/timeml-news-fresh g01-g08): one row each.
# news read in order by a Timeline: (sentences, publication date, the values in order)
NEWS_FAMILIES = [
    # a past clause of a sentence that looks ahead elsewhere is past ("and will return")
    (["The two were flown to the capital Tuesday night and will return home this weekend."], "2026-04-22",
     ["2026-04-21TNI", "2026-W17-WE"]),
    (["A drive that started on Aug. 18 has reached 140,000 people, and a second round is planned for October."],
     "2025-08-29", ["2025-08-18", "2025-10"]),
    # ... unless the clause has a modal of its own ("must pass by")
    (["Lawmakers will debate the bill this week, and the minister has said it must pass by the end of March."],
     "2026-02-10", ["2026-W07", "2026-03"]),
    # "is widely expected to": an adverb inside the future
    (["The bank is widely expected to hold rates at its next meeting on Oct. 30."], "2025-10-02", ["2025-10-30"]),
    # a date in a "since" clause is background: the report's date stays where it was
    (["The camps have taken in 300,000 refugees since the war there began in April 2023.",
      "A vaccination drive that started on Aug. 18 has reached 140,000 people."], "2025-08-29",
     ["2023-04", "2025-08-18"]),
    # a clock time alone is on the day its sentence names before it
    (["After Thursday's decision the governor will hold a news conference at 12:30 p.m."], "2025-12-15",
     ["2025-12-18", "2025-12-18T12:30"]),
    # "in the first half" alone: the half of the reference year (told in the past: one gone)
    (["Exports fell in the first half, and will recover in the second half."], "2025-10-02",
     ["2025-H1", "2025-H2"]),
    (["Exports fell in the second half."], "2025-03-02", ["2024-H2"]),
    # "the past decade": a window of ten years ending on the reference day
    (["Permits issued in the past decade will be reviewed."], "2026-01-27", ["P1DE"]),
    # a month after "for" or "into"
    (["A second round is planned for October."], "2025-08-29", ["2025-10"]),
    (["The crisis could push the vote into April."], "2026-02-10", ["2026-04"]),
    # "of the year": the year in question
    (["It is the bank's last decision of the year."], "2025-12-15", ["2025"]),
    # a season told by a superlative
    (["The region has had its driest summer since records began in 1950."], "2023-09-04", ["2023-SU", "1950"]),
    # written for g09-g14: "expect ... to" looks ahead (not "had expected")
    (["Temperatures reached 44C on Sunday, and forecasters expect the heatwave to last until Thursday."],
     "2025-07-14", ["2025-07-13", "2025-07-17"]),
    (["Economists had expected the bank to cut rates in June."], "2025-07-14", ["2025-06"]),
    # a commitment made in the past: what was agreed comes after it
    (["OPEC+ agreed on Thursday to raise output by 3% from July."], "2026-05-29", ["2026-05-28", "2026-07"]),
    (["The council agreed to a truce in March."], "2026-05-29", ["2026-03"]),
    # "three days a week": a recurrence of weeks; "another week": one more
    (["The trial will sit three days a week."], "2025-09-23", ["P1W"]),
    (["Schools will stay closed for another week."], "2026-01-02", ["P1W"]),
]


@pytest.mark.parametrize("sentences,anchor,values", NEWS_FAMILIES)
def test_news_families_of_the_fifth_round(sentences, anchor, values):
    tl = Timeline(anchor, narrative=False)
    got = [t.value for s in sentences for t in tl.times_in(s)]
    assert got == values


@pytest.mark.parametrize("text", [
    "winds of 150 km an hour",            # a speed, not a length
    "a top speed of 30 knots an hour",
    "The first half of the match was goalless.",   # a match's half
    "He scored his first half-dozen goals.",
    "The bank cut rates most recently in",          # "most recently": no time of its own
    "Prime Minister May began her speech.",
    "They voted for May.",
    "The storm was the 19th to hit the country.",   # an ordinal of a series
])
def test_fifth_round_families_leave_non_times_alone(text):
    assert find_times(text) == []


# "the first half" with no year of its own: a half of a year only in a sentence about a year's
# figures (data/time_words.tsv half_year_context, or a year written out), never in a match's
# (game_words)
@pytest.mark.parametrize("text,found", [
    ("The team scored twice in the first half.", []),
    ("The first half ended goalless, and the home side scored in the second half.", []),
    ("Rebels advanced in the first half.", []),                              # nothing about a year
    ("Profits doubled in the first half.", ["in the first half"]),
    ("Growth in the first half had been driven by exports.", ["in the first half"]),
    ("Output fell in 2024, most of it in the second half.", ["in 2024", "in the second half"]),
    # with a year of its own it needs no context
    ("The team scored twice in the first half of 2024.", ["in the first half of 2024"]),
])
def test_the_first_half_alone_is_a_year_s_only_in_a_sentence_about_a_year(text, found):
    assert [e for _, _, e in find_times(text)] == found


def test_a_clock_time_given_alone_takes_the_day_after_it():
    # TimeML marks "about 2 a.m." and "Thursday" apart; given the first alone, its day follows it
    tl = Timeline("2026-01-27", narrative=False)
    t = tl.resolve("about 2 a.m.", "past", before="The landslide struck at ", after=" on Thursday after rain.")
    assert t.value == "2026-01-22T02:00"
    # no day in its sentence: the publication day
    t = Timeline("2025-06-18", narrative=False).resolve("4 p.m.", "past", before="At ", after=" the storm was near.")
    assert t.value == "2025-06-18T16:00"


# ----------------------------------------------------------------------------- sixth round (narratives)
# Issue 8's sixth round: forms found on our own war narratives (eval/timeml-narratives), each
# checked against the WikiWars tune part and our news files.

@pytest.mark.parametrize("text,anchor,narrative", [
    # a weekday with a day and month but no year is a report's own day only when it fits: that
    # weekday, within a quarter of the publication date
    ("The war was fought in 1982. Argentina had claimed the islands since 1833. Early on Friday 2 April "
     "its forces landed near Stanley. Relations were restored in 1990.", "2026-11-27", True),
    ("Talks of 1982, 1833 and 1990 failed. Early on Friday 2 April its forces landed.", "2027-03-30", False),
    ("On Monday, March 11, the UN said the talks of 2016, 2017 and 2018 had failed.", MAR, False),
    # not a date after the weekday ("On Monday, Reuters said"): the weekday counts
    ("On Monday, Reuters said the talks of 2016, 2017 and 2018 had failed.", MAR, False),
])
def test_a_weekday_with_a_day_counts_from_the_publication_only_when_it_fits(text, anchor, narrative):
    assert is_narrative(text, anchor) is narrative


def _read(text, anchor="2009-12-19"):
    tl = Timeline(anchor, text=text, narrative=True)
    return [(t.text, t.value) for t in tl.times_in(text)]


@pytest.mark.parametrize("text,expr,value", [
    # after a jump forward that is the story's next step, a date without a year does not go back
    # before where the story had been ("9 October" is 1899's, not 1895's)
    ("The raid was launched on 29 December 1895. Talks broke down in June 1899. On 9 October Kruger sent "
     "an ultimatum.", "On 9 October", "1899-10-09"),
    # a return to the story after an aside still reads from the story ("... in November 2008. On April 15
    # the coalition ..." is back in 2003)
    ("The invasion began on 20 March 2003. Protests against it grew until November 2008. On April 15 the "
     "coalition declared the end of major combat.", "On April 15", "2003-04-15"),
])
def test_a_story_returning_from_a_jump_or_flashback_goes_on_from_where_it_was(text, expr, value):
    assert dict(_read(text))[expr] == value


def test_after_a_flashback_a_date_a_few_weeks_before_the_story_is_the_story_s():
    # "Meanwhile, on 24 June", told after 13 July 1793 and a look back to August 1792: 1793's
    tl = Timeline("2009-12-19", text="x", narrative=True)
    for expr in ("On 2 June 1793", "on 10 June", "On 13 July", "August 1792"):
        tl.resolve(expr, "past")
    assert tl.resolve("24 June", "past", before="Meanwhile, on ").value == "1793-06-24"


def test_what_lasted_since_a_date_is_not_read_after_the_story():
    tl = Timeline("2009-12-19", text="x", narrative=True)
    tl.resolve("September 13, 2007", "past")
    tl.resolve("May 2007", "past", before="Deaths fell after ")   # a flashback named in full
    # "since February": not February 2008, after the story's September 2007
    assert tl.resolve("February", "past", before='Attacks remained "about the same" since ').value == "2007-02"


def test_peek_leaves_the_whole_timeline_as_it_was():
    tl = Timeline("2009-12-19", text="x", narrative=True)
    tl.resolve("13 July 1793", "past")
    tl.resolve("August 1792", "past")
    state = (tl.last, tl.aside_from, tl.back_aside, tl.read_from)
    tl.peek("on 24 June", "past")
    assert (tl.last, tl.aside_from, tl.back_aside, tl.read_from) == state


@pytest.mark.parametrize("text,expr,value", [
    # a jump counted on more than two years ("fourteen years later") may be an aside, as one named in
    # full is; naming its year again ("in 1870") keeps it one
    ("The treaty was signed on 30 March 1856. Russia repudiated it fourteen years later, in 1870. In April "
     "the last regiments left.", "In April", "1856-04"),
    ("The treaty was signed on 30 March 1856. Russia repudiated it fourteen years later. In April the last "
     "regiments left.", "In April", "1856-04"),
    # a count of two years or less is the story's next step
    ("The treaty was signed on 30 March 1856. Two years later the fleet returned. In April it sailed.",
     "In April", "1858-04"),
])
def test_a_jump_counted_on_years_may_be_an_aside(text, expr, value):
    assert dict(_read(text))[expr] == value


@pytest.mark.parametrize("text,found,value", [
    # the first or last months (weeks, days) of a year: that year's early or late part, not a length
    ("Its counter-offensive in the last months of 1933 encircled two divisions.", "in the last months of 1933", "1933"),
    ("In the first months of 1935 troops reached the Andes.", "In the first months of 1935", "1935"),
    ("The army was rebuilt in the final weeks of 1944.", "in the final weeks of 1944", "1944"),
])
def test_the_first_or_last_months_of_a_year_are_a_part_of_it(text, found, value):
    (got,) = [e for _, _, e in find_times(text)]
    assert got == found and resolve_time(got, TUE).value == value


@pytest.mark.parametrize("text,expr,value", [
    # a part of a year named with its year moves the story there: "By mid-1934 ... in November" is 1934's
    ("Fighting resumed in January 1934. By mid-1934 the front had moved west, and in November they took "
     "El Carmen.", "in November", "1934-11"),
    ("Fighting resumed in January 1934. In late 1934 the front moved west. In February it held.",
     "In February", "1935-02"),
])
def test_a_part_of_a_year_named_with_its_year_moves_the_story(text, expr, value):
    assert dict(_read(text))[expr] == value


def test_a_number_after_a_part_of_a_year_ends_a_span_of_years():
    # "2007-08" after "by late 2007": "08" is 2008, not 8 October (a part of a year has no day of its own)
    tl = Timeline("2009-12-19", text="x", narrative=True)
    tl.resolve("By late 2007", "past")
    assert tl.resolve("08", "past", before="Life improved in 2007-").value == "2008"


@pytest.mark.parametrize("text,found", [
    # a year before 1000 after a preposition, followed by a clause or punctuation
    ("In 425 an Athenian force fortified Pylos.", ["In 425"]),
    ("Plataea, besieged from 429, fell two years later.", ["from 429", "two years later"]),
    ("Athens won at Cyzicus in 410 and at Arginusae in 406.", ["in 410", "in 406"]),
    ("The history breaks off in 411.", ["in 411"]),
    # a count, not a year
    ("Floods struck in 300 villages.", []),
    ("Prices rose from 150 to 200.", []),
    ("The index rose by 125.5 points.", []),
    # a season of a BC year, or of a year before 1000 after "of"
    ("In the spring of 431 BC a Theban force entered Plataea.", ["In the spring of 431 BC"]),
    ("Pericles died in the autumn of 429.", ["in the autumn of 429"]),
])
def test_early_years_and_their_seasons_are_found(text, found):
    assert [e for _, _, e in find_times(text)] == found


@pytest.mark.parametrize("sequence,value", [
    # in a BC story a year before 1000 written alone is BC, and so are its seasons and anaphora
    (["431 BC", "in 425"], "BC0425"),
    (["431 BC", "That summer"], "BC0431-SU"),
    (["431 BC", "in 422", "the next spring"], "BC0421-SP"),
    (["431 BC", "the autumn of 429"], "BC0429-FA"),
    (["431 BC", "in 415", "later that year"], "BC0415"),
    (["431 BC", "from 429", "two years later"], "BC0427"),
    # in an AD story before 1000 the same year is AD
    (["AD 793", "in 866"], "0866"),
])
def test_a_bc_story_reads_its_years_and_seasons_as_bc(sequence, value):
    tl = Timeline("2026-11-27", text="x", narrative=True)
    for expr in sequence[:-1]:
        tl.resolve(expr, "past")
    assert tl.resolve(sequence[-1], "past").value == value


@pytest.mark.parametrize("text", [
    "He sent a letter signed by 200 House Republicans.",
    "The remaining 90 counties declined by 281.",
    "Only 186 cases were reported, down from 336 the previous year.",
])
def test_amounts_are_no_early_years(text):
    assert all(not e[0].isdigit() and not re.match(r"(?i)(?:by|from)\s+\d", e) for _, _, e in find_times(text))


@pytest.mark.parametrize("text,found,value,type_", [
    ("The war had lasted two years and eight months.", "two years and eight months", "P2Y8M", "DURATION"),
    ("Talks ended after three days and six hours.", "after three days and six hours", "P3DT6H", "DURATION"),
    ("The islanders celebrate Liberation Day every 14 June.", "every 14 June", "XXXX-06-14", "SET"),
    ("Parades are held each July 4.", "each July 4", "XXXX-07-04", "SET"),
    ("The rains come every June.", "every June", "XXXX-06", "SET"),
])
def test_sixth_round_lengths_and_sets(text, found, value, type_):
    (got,) = [e for _, _, e in find_times(text)]
    t = resolve_time(got, TUE)
    assert (got, t.value, t.type) == (found, value, type_)


@pytest.mark.parametrize("text", [
    "The Thirty Years' War was fought in Central Europe.",
    "The Seven Years\u2019 War ended in a treaty.",
    "Sparta held that the Thirty Years' Peace had been broken.",
    "They fought for ten years, two months ago.",   # two lengths, not one
])
def test_a_count_of_years_in_a_name_is_no_length(text):
    assert all(e not in ("Thirty Years", "Seven Years", "ten years, two months") for _, _, e in find_times(text))


@pytest.mark.parametrize("expr,context,value,type_", [
    ("the previous century", Point(1856, 2), "17", "DATE"),
    ("the following century", Point(1856, 2), "19", "DATE"),
    ("two nights later", Point(1982, 6, 11), "1982-06-13TNI", "TIME"),
    ("two days later", Point(1982, 6, 11), "1982-06-13", "DATE"),
])
def test_sixth_round_anaphora(expr, context, value, type_):
    t = resolve_time(expr, "2026-11-27", context=context, narrative=True, in_document=True)
    assert (t.value, t.type) == (value, type_)


@pytest.mark.parametrize("tense,value", [("present", "PRESENT_REF"), ("past", "1648-10-24")])
def test_today_in_a_history_s_present_is_the_present(tense, value):
    # "Historians today still debate ..." (a history's own present); told in the past it is the story's day
    t = resolve_time("today", "2026-11-27", tense=tense, context=Point(1648, 10, 24), narrative=True,
                     in_document=True)
    assert t.value == value


def test_after_a_jump_to_a_year_alone_a_date_needing_a_month_is_the_story_s():
    tl = Timeline("2026-11-27", text="x", narrative=True)
    for expr in ("on January 12, 1970", "twelve years later", "in 1982"):
        tl.resolve(expr, "past")
    assert tl.resolve("by the end of the month", "past").value == "1970-01"


def test_a_day_told_by_a_tens_anniversary_beside_its_date_is_that_date():
    tl = Timeline("2026-11-27", text="x", narrative=True)
    tl.resolve("on 18 June 1855", "past", before="The allies attacked ")
    t = tl.resolve("the fortieth anniversary of Waterloo", "past", before="The allies attacked on 18 June 1855, ")
    assert t.value == "1855-06-18"


def test_this_century_in_news_is_the_publication_s():
    t = Timeline("2026-11-27", narrative=False).resolve("by the middle of this century", "future")
    assert t.value == "20"


@pytest.mark.parametrize("text,found", [
    ("In 57 he marched north against the Belgae.", ["In 57"]),
    ("The Veneti rose in 56 and were crushed.", ["in 56"]),
    ("The last stronghold fell in 51.", ["in 51"]),
    # ratios and counts are no years
    ("Nearly eight in 10 Democratic voters said so.", []),
    ("The odds come out to 1 in 64, or 1.56 percent.", []),
    ("Cases were reported in 30 US states.", []),
])
def test_two_digit_early_years_are_found_only_before_a_clause(text, found):
    assert [e for _, _, e in find_times(text)] == found


@pytest.mark.parametrize("sequence,value", [
    (["58 BC", "57"], "BC0057"),                       # a number alone after a BC date: a BC year
    (["58 BC", "in 56"], "BC0056"),
    (["52 BC", "In September"], "BC0052-09"),          # a month in a BC story: that year's
    (["the 120s BC"], "BC012"),                        # a BC decade
    (["the 470s BC"], "BC047"),
])
def test_bc_years_months_and_decades(sequence, value):
    tl = Timeline("2026-11-27", text="x", narrative=True)
    for expr in sequence[:-1]:
        tl.resolve(expr, "past")
    assert tl.resolve(sequence[-1], "past").value == value


def test_what_is_today_is_the_present_and_leaves_the_story():
    tl = Timeline("2026-11-27", text="x", narrative=True)
    tl.resolve("In the spring of 58 BC", "past")
    t = tl.resolve("today", "past", before="the Helvetii left their homes in what is ")
    assert t.value == "PRESENT_REF"
    assert tl.resolve("that summer", "past").value == "BC0058-SU"


@pytest.mark.parametrize("text,expr,value", [
    # a year a noun names further on in the sentence ("the ceasefire line of 1967") is not the year of
    # a date without one; "the Spring Offensive of 1918" (its own phrase) still is
    ("The war began on 6 October 1973. By 10 October the Syrians had been pushed back to the ceasefire line "
     "of 1967.", "By 10 October", "1973-10-10"),
    ("The war went on through 1941. Their summer offensive of 1942 began in the south.", "summer", "1942-SU"),
    # after a jump forward, a date told as lying before the story ("Meanwhile", the past perfect) is
    # the story's, even months before its date
    ("The treaty was signed on 10 May 1871. German troops stayed until September 1873. Meanwhile, in March, "
     "the people of Paris had risen.", "in March", "1871-03"),
])
def test_sixth_round_second_batch_anchors(text, expr, value):
    assert dict(_read(text))[expr] == value


def test_a_clock_time_in_a_history_takes_the_day_after_it_without_moving_the_story():
    text = ("The treaty was signed on the evening of 12 March 1940, and the fighting stopped at 11 a.m. Leningrad "
            "time the next day.")
    got = _read(text)
    assert got[-2:] == [("at 11 a.m. Leningrad time", "1940-03-13T11:00"), ("the next day", "1940-03-13")]


@pytest.mark.parametrize("text,found", [
    # a capitalised season before a capitalised word is part of a name
    ("The Winter War was fought in Finland.", []),
    ("He was mocked as the Winter King.", []),
    ("Crowds stormed the Winter Palace.", []),
    # not a campaign's name, nor a season with its year
    ("The Germans launched the Spring Offensive.", ["the Spring"]),
    ("The town fell in Spring 1943.", ["in Spring 1943"]),
    # "the winter of 1939-40" is one season; "of the century" the story's
    ("The winter of 1939-40 was cold.", ["The winter of 1939-40"]),
    ("It was one of the coldest of the century.", ["the century"]),
])
def test_season_names_and_spans(text, found):
    assert [e for _, _, e in find_times(text)] == found


def test_the_winter_of_two_years_is_named_by_the_year_it_begins():
    assert resolve_time("The winter of 1939-40", TUE).value == "1939-WI"


@pytest.mark.parametrize("text,expr,value", [
    # a date that does not move the story (the past perfect, a look back) leaves a jump it may
    # return from as it was: "Christmas Eve" is 1814's, not 1931's
    ("The British attacked Baltimore on 13 September 1814; Key wrote the poem that became the anthem in 1931. "
     "Peace talks had opened at Ghent in August, and the treaty was signed on Christmas Eve.",
     "on Christmas Eve", "1814-12-24"),
    # the dates after a flashback told in the past perfect, in its clause, are its own
    ("The Balkan Wars were fought in 1912 and 1913. The League had been formed in the spring of 1912 through "
     "treaties, the first of them on 13 March.", "on 13 March", "1912-03-13"),
    # but not after a verb of the main clause ("..., was relieved on 17 May")
    ("Bloemfontein fell on 13 March 1900. Mafeking, which he had held since 13 October 1899, was relieved on "
     "17 May.", "on 17 May", "1900-05-17"),
])
def test_third_batch_anchors(text, expr, value):
    assert dict(_read(text))[expr] == value


@pytest.mark.parametrize("text,found", [
    ("The army retreated in the depth of winter.", ["in the depth of winter"]),
    ("They routed the Americans on the 24th and burned the Capitol.", ["on the 24th"]),
    # two centuries (seventh round): found, each its own expression (test_two_centuries_are_two_expressions)
    ("It shaped the 19th and 20th centuries.", ["the 19th and 20th centuries"]),
])
def test_third_batch_finds(text, found):
    assert [e for _, _, e in find_times(text)] == found


# --- seventh round: the fourth narrative batch (n16-n23) -------------------------------------------

@pytest.mark.parametrize("text,expr,value", [
    # a year alone less than two years on from the story is its next step, not a jump that may be an
    # aside: the days named after it in its sentence are its own
    ("The treaty was sealed on 21 May 1420. Both kings died within two months of each other in 1422, Henry "
     "on 31 August and Charles on 21 October.", "on 31 August", "1422-08-31"),
    # a jump counted on in years whose year is then named, near the count ("nearly eighty years later, in
    # 1976"): still the jump, and the story returns from it
    ("The ship blew up on 15 February 1898. A study published nearly eighty years later, in 1976, blamed a "
     "fire. Spain declared war on 23 April.", "on 23 April", "1898-04-23"),
    # "By the autumn" in a history: a season the story reaches, not the nearest one behind it
    ("The crackdown began on the night of 25 March 1971. By the autumn India was spending more on the camps.",
     "By the autumn", "1971-FA"),
    ("The crackdown began on the night of 25 March 1971. By the autumn India was spending more on the camps. "
     "It prepared for war through the summer.", "through the summer", "1971-SU"),
    # "by" before a season with its own year, or another preposition, is read as before
    ("The crackdown began on 25 March 1971. In the autumn of 1970 a cyclone had struck.", "In the autumn of 1970",
     "1970-FA"),
])
def test_fourth_batch_anchors(text, expr, value):
    assert dict(_read(text))[expr] == value


def test_by_a_season_given_without_its_preposition_is_read_as_by_it():
    tl = Timeline("2026-11-27", text="x", narrative=True)
    tl.resolve("the night of 25 March 1971", before="On ")
    assert tl.resolve("the autumn", before="By ").value == "1971-FA"


@pytest.mark.parametrize("text,expr,value", [
    # a history's winter with no year written is named by the year of its January (WikiWars' way)
    ("The siege began in October 1854. The winter was harsh.", "The winter", "1855-WI"),
    ("The armies met on the Shaho in October 1904 and spent the winter in trenches.", "the winter", "1905-WI"),
    ("The offensive began in January 1951. The winter was hard.", "The winter", "1951-WI"),
    # a winter named with its year keeps the year written
    ("The war began in 1939. The winter of 1939-40 was cold.", "The winter of 1939-40", "1939-WI"),
    ("The assembly met in 1791. In the winter of 1791 prices rose.", "In the winter of 1791", "1791-WI"),
    # the year written after a winter and another season is the other's: the winter is named by its January
    ("They were gone by April 1920. Most were evacuated during the winter-spring of 1920.",
     "during the winter-spring of 1920", "1920-WI"),
])
def test_a_history_s_winter_is_named_by_its_january(text, expr, value):
    assert dict(_read(text))[expr] == value


def test_the_story_moves_by_the_year_a_winter_begins_in():
    # "the winter" after October 1854 is 1855-WI, but the story stands in December 1854: "in March" is 1855's
    got = dict(_read("The siege began in October 1854. The winter was harsh. In March the tsar died."))
    assert got["The winter"] == "1855-WI" and got["In March"] == "1855-03"


def test_news_winters_keep_the_year_they_begin_in():
    assert resolve_time("this winter", TUE, tense="present").value == "2024-WI"


@pytest.mark.parametrize("text,found", [
    # a year before 1500 written alone after "to", "and", "of", "until" and before a clause or punctuation
    ("It was fought from 1337 to 1453, 116 years in which truces separated the campaigns.",
     ["from 1337", "1453", "116 years"]),
    ("Its roots lay in the disputed succession of 1328, when the last king died.", ["1328"]),
    ("After a truce from 1444 to 1449 the French reformed their army.", ["from 1444", "1449"]),
    # not a count or a clock
    ("The count went from 900 to 1300.", []),
    ("Turnout fell to 1200.", []),
    ("The shift ends to 1400 hours.", []),
])
def test_years_before_1500_written_alone_are_found(text, found):
    assert [e for _, _, e in find_times(text)] == found


@pytest.mark.parametrize("text,expr,value", [
    # a count of years whose year the sentence names right after it is that year
    ("The ship blew up on 15 February 1898. A study published nearly eighty years later, in 1976, blamed a "
     "fire.", "nearly eighty years later", "1976"),
    ("Rome fought Carthage in 220 BC. Hannibal took the Romans by surprise a mere two years later (218 BC).",
     "a mere two years later", "BC0218"),
    # not a year far from the count's (another thing's year)
    ("The ship blew up on 15 February 1898. Ten years later, in 1950, nothing was left.", "Ten years later", "1908"),
    # "today" right before a present verb is the writer's present, whatever the sentence's other verbs
    ("Calais was lost in January 1558. Historians today see the war as the period in which the kingdoms "
     "became nations, and in which infantry ended the dominance that had lasted for centuries.", "today",
     "PRESENT_REF"),
    # a year alone after a noun and "of", more than two years before the story, names an older thing:
    # the story stays ("the following decade" is counted from 1763, not 1756)
    ("Peace was made on 15 February 1763 on the terms of 1756. It led to the revolution of the following "
     "decade.", "the following decade", "177"),
    # a clock time before "the following morning" is on that morning's day
    ("Kuwait City was liberated on 27 February 1991, and the suspension took effect at 8 a.m. Kuwait time the "
     "following morning.", "at 8 a.m. Kuwait time", "1991-02-28T08:00"),
])
def test_fourth_batch_values(text, expr, value):
    assert dict(_read(text))[expr] == value


def test_a_year_of_an_older_thing_in_the_story_s_range_still_moves_it():
    # within two years of the story, or a year with more than a noun before "of", it is the story's step
    got = dict(_read("The siege began on 1 May 1761. The treaty of 1762 ended it. In March the troops left."))
    assert got["In March"] == "1762-03"


@pytest.mark.parametrize("expr,value", [
    ("five hundred years", "P500Y"),
    ("three hundred years", "P300Y"),
    ("sixty-two years", "P62Y"),
    ("ninety-nine days", "P99D"),
    ("the last days of December 1877", "1877-12"),
    ("the first weeks of May 1940", "1940-05"),
])
def test_fourth_batch_lengths_and_parts_of_months(expr, value):
    assert resolve_time(expr, TUE).value == value


@pytest.mark.parametrize("text,expr,value", [
    # "the first day of the war" told after the story moved on: the first day the history named in a
    # sentence telling a war's start (word list war_start_words)
    ("Iraq abrogated the accord on 17 September 1980. Iraq launched a full-scale invasion of Iran on 22 September "
     "1980. By March 1981 it stalled. The strike executed on the first day of the war destroyed few aircraft.",
     "the first day of the war", "1980-09-22"),
    # an event's first (second) day otherwise: the story's day (the day after it)
    ("The offensive opened on 24 February 1991. On the second day of the offensive the marines reached the city.",
     "the second day of the offensive", "1991-02-25"),
    ("The battle opened on 1 July 1916. The first day of the Battle of the Somme cost 57,000 casualties.",
     "The first day of the Battle of the Somme", "1916-07-01"),
    # a day named by a letter beside the story's day, and saints' days
    ("On June 6, 1944 (known as D-Day), the Allies invaded France.", "D-Day", "1944-06-06"),
    ("The ground offensive opened on 24 February 1991, a day the planners called G-Day.", "G-Day", "1991-02-24"),
    ("He took Harfleur in September 1415, and on 25 October, St Crispin's Day, he won at Agincourt.",
     "St Crispin's Day", "1415-10-25"),
])
def test_days_named_by_an_event_a_letter_or_a_saint(text, expr, value):
    assert dict(_read(text))[expr] == value


def test_a_letter_day_has_no_value_in_news_or_without_a_story_day():
    assert resolve_time("D-Day", TUE).value is None
    tl = Timeline("2026-11-27", narrative=True)
    assert [t.value for t in tl.times_in("In 1944 the Allies planned D-Day.")] == ["1944", None]
    assert resolve_time("St. Patrick's Day", MAR, tense="future").value == "2024-03-17"


@pytest.mark.parametrize("expr,parts", [
    ("the 19th and 20th centuries", [("the 19th", "18"), ("20th centuries", "19")]),
    ("in the fifth and fourth centuries BC", [("the fifth", "BC04"), ("fourth centuries BC", "BC03")]),
])
def test_two_centuries_are_two_expressions(expr, parts):
    t = resolve_time(expr, TUE)
    assert [(expr[a:b], v) for a, b, v in timeml_parts(expr, t)] == parts


# --- seventh round: the fifth narrative batch (n24-n27) --------------------------------------------

@pytest.mark.parametrize("text,expr,value", [
    # a date without a year after the story's date in its sentence, joined by "and", goes on from it
    ("Congress voted to annex it on 1 March 1845, and Texas was admitted as a state on 29 December.",
     "on 29 December", "1845-12-29"),
    ("The powers advised Japan on 23 April 1895 to give up Liaodong, and in November it did so.", "in November",
     "1895-11"),
    # not when the clause between is told in the past perfect, nor after an anaphoric mention
    ("The army landed on 1 March 1845, and it had reached Texas on 29 December.", "on 29 December", "1844-12-29"),
    # a month six months from a story's month, either way, is the one ahead; from a year alone, as before
    ("In March 1979 an uprising in Herat killed advisers. Taraki was overthrown in September.", "in September",
     "1979-09"),
    ("The offensive began in 1938. In January the Republicans attacked Teruel.", "In January", "1938-01"),
    # a history's "that summer" is the summer of the story's year, not the nearest one
    ("The Assembly called for withdrawal on 14 January 1980, and the United States led a boycott of the "
     "Olympics that summer.", "that summer", "1980-SU"),
    ("The city fell on 14 January 1980. That winter was the coldest in memory.", "That winter", "1980-WI"),
])
def test_fifth_batch_anchors(text, expr, value):
    assert dict(_read(text))[expr] == value


@pytest.mark.parametrize("text,found,value", [
    ("In the days that followed its soldiers killed thousands.", "In the days that followed", "PXD"),
    ("In the weeks that followed, uprisings were put down.", "In the weeks that followed", "PXW"),
    ("Over the hours that followed the fleet sank.", "Over the hours that followed", "PTXH"),
])
def test_the_days_that_followed_are_a_vague_length(text, found, value):
    assert [e for _, _, e in find_times(text)] == [found]
    t = resolve_time(found, TUE)
    assert (t.type, t.value) == ("DURATION", value)


# Ordinary news, published 2026-12-03: what the narrative rounds' rules must not take there.
NEWS_DAY = "2026-12-03"


def _news(text, anchor=NEWS_DAY, narrative=None):
    """(expression, value) for each expression a Timeline reads in ``text``, one sentence at a time."""
    tl = Timeline(anchor, text=text, narrative=narrative)
    out = []
    for m in re.finditer(r"[^.;]+[.;]?", text):
        out += [(t.text, t.value) for t in tl.times_in(m.group(0), m.start())]
    return out


@pytest.mark.parametrize("text,reads", [
    # a number after in/from/until/since is no year outside a story already before 1000
    ("Protests were held in 150 US cities on Saturday.", [("on Saturday", "2026-11-28")]),
    ("Child benefit is paid until 16, or 20 if the child stays in education.", []),
    ("He had worked on the farm since 14, when his father died.", []),
    ("She competed in 100 and 200 metres at the Olympics.", []),
    ("Flights resumed from 220 when the storm passed.", []),
    ("He scored in 89 and the side held on.", []),
    ("Candidates aged from 18 to 25 may apply; those over 25, from 26, pay a fee.", []),
    # nor does it become the story's date
    ("The war began in 1914. By 1916 both sides were exhausted. The division lost men in 100 and more "
     "attacks. On 1 July the Somme offensive began.",
     [("in 1914", "1914"), ("By 1916", "1916"), ("On 1 July", "1916-07-01")]),
    # "the <season> of NNN" only before a clause or punctuation
    ("It was the summer of 150 wildfires.", [("the summer", "2026-SU")]),
    ("It was the winter of 500 deaths, officials said.", [("the winter", "2026-WI")]),
    # a rank ordinal before "and" names no day of the month
    ("He won the 5th and final stage on Sunday.", [("on Sunday", "2026-11-29")]),
    ("It was the 2nd and last time the bill failed.", []),
    ("The 3rd and deciding game is on Friday.", [("on Friday", "2026-12-04")]),
    # a month before "Day" is a holiday, not a month of every year
    ("Every May Day, workers march through the capital.", [("May Day", "2027-05-01")]),
    # a quoted title with a number is no short year; "13 Hours" stays a length
    ("Benghazi Movie \u201913 Hours\u2019 Is About To Come Out", [("13 Hours", "PT13H")]),
    # "of the century" after a noun is an idiom
    ("It was billed as the trial of the century.", []),
    ("The deal of the century was signed this week.", [("this week", "2026-W49")]),
    ("It was the crime of the century.", []),
    # a season told by this/last/next is no name, even in a title-case headline
    ("Heating Bills To Soar This Winter As Prices Rise", [("This Winter", "2026-WI")]),
    ("Prices Fell Last Summer", [("Last Summer", "2026-SU")]),
    # "a day after" is anchored on its own; weeks are days beside another unit (ISO 8601)
    ("He won three weeks and a day after the Iowa caucuses.", [("three weeks", "P3W"), ("a day after", "2026-12-04")]),
    ("The siege lasted three months and two weeks.", [("three months and two weeks", "P3M14D")]),
    ("It took two weeks and three days.", [("two weeks and three days", "P17D")]),
    ("The strike lasted two weeks and six hours.", [("two weeks and six hours", "P14DT6H")]),
])
def test_news_is_not_read_as_a_history(text, reads):
    assert _news(text) == reads


@pytest.mark.parametrize("text,expr,value", [
    # what the narrative rules are for still works
    ("The Peloponnesian War began in 431 BC. In 425 an Athenian force landed at Pylos.", "In 425", "BC0425"),
    ("The war began in 431 BC. Plataea, besieged from 429, fell in 427.", "from 429", "BC0429"),
    ("The war began in 431 BC. Pericles died in the autumn of 429.", "in the autumn of 429", "BC0429-FA"),
    ("Vikings raided Lindisfarne in AD 793. In 866 a great army landed in East Anglia.", "In 866", "0866"),
    ("The siege lasted until the 5th and the 6th of May 1916.", "the 5th and the 6th of May 1916", "1916-05-05"),
    ("The offensive opened on 1 July 1916 and ended on the 5th and final day of the month.", "on the 5th",
     "1916-07-05"),
    ("The talks ran from the 3rd of March 1921 and ended on the 9th.", "on the 9th", "1921-03-09"),
    ("Every May the regiment paraded in the square in 1910.", "Every May", "XXXX-05"),
    ("Elections were held in \u201913 and the party won.", "in \u201913", "2013"),
    ("The Thirty Years' War ended in 1648.", "in 1648", "1648"),
    ("The winter of 1939-40 was one of the coldest of the century, and the Finns fought on.", "the century",
     "19"),
    ("The empire fell in 1899. Since the turn of the century the republic had grown.", "the century", "18"),
    ("The empire fell in 1899. By the end of the century the republic had risen.", "By the end of the century",
     "18"),
    ("The siege lasted two years and eight months.", "two years and eight months", "P2Y8M"),
])
def test_narrative_cases_the_news_fixes_keep(text, expr, value):
    assert dict(_read(text, "2009-12-19"))[expr] == value


@pytest.mark.parametrize("text", ["Finland fought the Winter War against the Soviet Union.",
                                  "The Summer Olympics open in Los Angeles."])
def test_a_season_before_a_capitalised_word_is_still_a_name(text):
    assert [e for _, _, e in find_times(text)] == []


@pytest.mark.parametrize("text,expr,value", [
    # a BC number ending in 00 before "s" is a century, as "the 1900s" is (19)
    ("The city was founded in the mid-500s BC by settlers from Phocaea.", "in the mid-500s BC", "BC05"),
    ("Greek colonies spread in the 600s BC and after.", "in the 600s BC", "BC06"),
    ("Carthage grew in the 470s BC, the annals say.", "in the 470s BC", "BC047"),
])
def test_bc_hundreds_are_centuries(text, expr, value):
    assert [e for _, _, e in find_times(text)] == [expr]
    assert resolve_time(expr, TUE).value == value


def test_early_year_alone_outside_an_old_story_has_no_value():
    # found by the context-free finder, but no year: a Timeline drops it
    assert resolve_time("in 150", NEWS_DAY).value is None
    tl = Timeline("2026-11-27", text="x", narrative=True)
    tl.resolve("in 1066", "past")
    assert tl.resolve("in 476", "past").value is None


@pytest.mark.parametrize("text,reads", [
    # an era marker near a year before 1000 in its sentence makes it a year of that era, first in its story
    ("In 55, two years after his campaign of 57 BC, Caesar crossed the Rhine.", ("In 55", "BC0055")),
    ("The temple was built in 450 and rebuilt in AD 700.", ("in 450", "0450")),
])
def test_an_era_marker_near_an_early_year_gives_its_era(text, reads):
    assert _news(text)[0] == reads


@pytest.mark.parametrize("text", [
    "Protests were held in 150 US cities, the AD said.",   # "US": no capitalised word of a clause
    "Room rates rose from 180, the hotel said.",
])
def test_numbers_in_news_are_no_early_years_even_near_a_capital(text):
    assert [v for _, v in _news(text)] == []


@pytest.mark.parametrize("name,word", [
    ("amount_verbs", "rose"), ("ratio_words", "eight"), ("year_clause_words", "when"),
    ("old_year_clause_words", "had"), ("part_of_edges", "closing"), ("season_peaks", "depths"),
    ("tens_ordinals", "fortieth"), ("century_of_words", "turn"), ("years_on_words", "afterwards"), ("meanwhile_words", "in the meantime"),
])
def test_the_narrative_rules_word_lists_live_in_time_words(name, word):
    from claimledger.extract.times import time_words
    assert word in time_words(name)


# ----------------------------------------------------------------------------- eighth round (issue 8)
@pytest.mark.parametrize("text,expr,value", [
    # a future told from the story's date ("would" before the date in its clause) lies after it: not the
    # nearest 16 October (1792's, three months back) but 1793's
    ("The king was executed on 21 January 1793. The queen would follow him to the guillotine on 16 October.",
     "on 16 October", "1793-10-16"),
    # the date before the "would" is the story's next step, read as before (not a year on)
    ("The withdrawal was completed by 30 June 1982. On 21 June, Khomeini said that Iran would invade Iraq.",
     "On 21 June", "1982-06-21"),
    # within a month of the story's date: the nearest reading stands
    ("September 1918 saw the Germans retreat. Further advances would follow the victory on 12 September.",
     "on 12 September", "1918-09-12"),
    # "would" then a comma: what follows is not what would happen
    ("The king was executed on 21 January 1793. Had he fled, he would be alive, the deputies said on 16 October.",
     "on 16 October", "1792-10-16"),
])
def test_a_future_told_from_the_story_lies_after_it(text, expr, value):
    assert dict(_read(text))[expr] == value


def test_would_in_news_keeps_the_news_reading():
    # news: the month is read from the report's date and tense, as before the rule
    assert _news("The company said on Monday the plant would reopen in March.") == [
        ("on Monday", "2026-11-30"), ("in March", "2027-03")]


@pytest.mark.parametrize("text,expr,value", [
    # a date set against another in a comparison is an aside: the story stays in 2008
    ("Throughout 2008 violence fell. Deaths numbered 490 in July 2008 as against 3,500 in January 2007. "
     "In March the army launched an offensive.", "In March", "2008-03"),
    ("The casualty figure for 2008 was 314 against a figure of 904 in 2007. In May the army attacked Mosul.",
     "In May", "2008-05"),
    ("Attacks fell below 300 a week in the second half of 2008, from a high of 1,600 in summer 2007. "
     "In October the city was calm.", "In October", "2008-10"),
    # without the comparison the story moves to the date named
    ("Throughout 2008 violence fell. Deaths numbered 490 in July 2008. Deaths were 3,500 in January 2007. "
     "In March the army launched an offensive.", "In March", "2007-03"),
])
def test_a_date_compared_with_is_an_aside(text, expr, value):
    assert dict(_read(text))[expr] == value


def test_a_comparison_in_news_changes_nothing():
    assert _news("Exports rose 5% in March, up from 3% in February, the ministry said on Monday.") == [
        ("in March", "2026-03"), ("in February", "2026-02"), ("on Monday", "2026-11-30")]
