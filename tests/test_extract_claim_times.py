"""Times carried into claims: a window counted back ends at the statement date, a length alone has
no invented range, and a dated expression is preferred to a length in the same claim."""
from __future__ import annotations

import pytest

from extract_helpers import attributed, claims_of


def _event(claims, word):
    (c,) = [c for c in attributed(claims) if word in c.content]
    return c.event_time


def test_a_window_ends_when_the_source_spoke(extractor):
    claims = claims_of(extractor, "Officials said on Monday that the army had shelled the town over the past two "
                                  "weeks, killing 40 people.", published="2024-12-17")
    t = _event(claims, "shelled")
    assert (t.type, t.value, t.duration) == ("DURATION", "P2W", "P2W")
    assert (t.start, t.end, t.anchor) == ("2024-12-02", "2024-12-16", "2024-12-16")   # Monday, 14 days back


@pytest.mark.parametrize("text,word,value,start,end", [
    ("Officials said on Monday that 1,200 families had returned home in the last 10 days.", "returned",
     "P10D", "2024-12-06", "2024-12-16"),
    ("The ministry said on Monday that 40 mining permits were issued in the past decade.", "permits",
     "P1DE", "2014-12-17", "2024-12-16"),
])
def test_windows_counted_back_end_when_the_source_spoke(extractor, text, word, value, start, end):
    t = _event(claims_of(extractor, text, published="2024-12-17"), word)
    assert (t.type, t.value, t.duration, t.start, t.end) == ("DURATION", value, value, start, end)


def test_a_length_alone_has_no_dates(extractor):
    claims = claims_of(extractor, "Fighting lasted for three days in the north, the governor said on Tuesday.",
                       published="2024-12-17")
    t = _event(claims, "Fighting")
    assert (t.duration, t.start, t.end, t.precision) == ("P3D", None, None, "unresolved")


def test_a_date_is_preferred_to_a_length(extractor):
    claims = claims_of(extractor, "The governor said fighting lasted for three days after rebels attacked on "
                                  "Saturday.", published="2024-12-17")
    t = _event(claims, "fighting")
    assert (t.text, t.start, t.type) == ("on Saturday", "2024-12-14", "DATE")


# ---- the document's timeline: anaphora count from the last date the text mentioned ------------
def _time_of(claims, word):
    (c,) = [c for c in claims if word in c.content]
    return c.event_time


def test_an_anaphor_counts_from_the_last_date_mentioned(extractor):
    text = ("Rebels seized the town on 3 March 2023, officials said. "
            "Officials said troops retook it two days later.")
    t = _time_of(claims_of(extractor, text, published="2024-12-17"), "retook")
    assert (t.text, t.start, t.end, t.anchor) == ("two days later", "2023-03-05", "2023-03-05", "2023-03-03")


def test_a_month_after_an_old_year_is_in_that_year(extractor):
    text = ("The group attacked the base in 2019, the report said. "
            "The report said the group struck the base again in June.")
    t = _time_of(claims_of(extractor, text, published="2024-12-17"), "again")
    assert (t.value, t.start) == ("2019-06", "2019-06-01")


def test_an_undated_document_invents_nothing(extractor):
    text = ("Rebels seized the town on 3 March 2023, officials said. "
            "Officials said troops retook it two days later.")
    t = _time_of(claims_of(extractor, text, published=None), "retook")
    assert (t.start, t.end, t.precision) == (None, None, "unresolved")


def test_a_year_naming_a_thing_comes_after_a_date(extractor):
    t = _time_of(claims_of(extractor, "The ministry said the 2024 budget was cut on Tuesday.",
                           published="2024-12-19"), "budget")
    assert (t.text, t.start) == ("on Tuesday", "2024-12-17")


def test_a_history_reads_dates_without_a_year_from_the_story(extractor):
    text = ("The army crossed the river in 1943, the historian wrote. In 1944 the front moved west. "
            "Officers said the offensive stalled in 1945. The historian wrote that the siege began in April.")
    t = _time_of(claims_of(extractor, text, published="2009-12-19"), "siege")
    assert (t.value, t.start) == ("1945-04", "1945-04-01")


def test_news_returns_to_its_date_after_a_background_paragraph(extractor):
    text = ("A fire at the refinery was put out on Monday, the company said. The plant was built in 1968 and "
            "expanded in 1985 and 1999, the company said. In 2012 a blaze killed four workers, officials said.\n\n"
            "Officials said inspectors visited the site in March.")
    t = _time_of(claims_of(extractor, text, published="2025-05-20"), "inspectors")
    assert (t.value, t.start) == ("2025-03", "2025-03-01")
