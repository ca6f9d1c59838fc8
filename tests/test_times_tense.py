"""The tense a time expression is read in (extract/times.py tense_of / tense_at, through Timeline):
"expect ... to" looks ahead only inside what is expected, clauses are cut only where their comment
says, and the tense rules' words come from data/time_words.tsv.

Reference date WED = 2024-05-08, a Wednesday: a past Tuesday is 05-07, a coming one 05-14.
"""
from __future__ import annotations

import pytest

from claimledger.extract.timeline import Timeline
from claimledger.extract.times import _clause_bounds, tense_at, tense_of, time_words

WED = "2024-05-08"


def _values(sentence: str, anchor: str = WED) -> list[str]:
    return [t.value for t in Timeline(anchor, narrative=False).times_in(sentence)]


@pytest.mark.parametrize("sentence,anchor,values", [
    # a past clause beside what is expected stays past
    ("The company, which expects revenue to grow, reported a loss on Tuesday.", WED, ["2024-05-07"]),
    ("Economists expect inflation to ease, the agency said in a report released on Monday.", WED, ["2024-05-06"]),
    ("Analysts expect the bank to cut rates again after it raised them in March.", WED, ["2024-03"]),
    # what is expected looks ahead
    ("Temperatures reached 44C on Sunday, and forecasters expect the heatwave to last until Thursday.",
     "2025-07-14", ["2025-07-13", "2025-07-17"]),
    ("Forecasters expect the heatwave to last until Thursday.", WED, ["2024-05-09"]),
    ("Analysts expect the bank to cut rates on Thursday, before the end of June.", WED, ["2024-05-09", "2024-06"]),
    ("Economists expect inflation to ease in March, April and May.", "2024-01-08", ["2024-03", "2024-04"]),
    # a clause with a future of its own beside it looks ahead too
    ("The company, which expects revenue to grow, will report results on Tuesday.", WED, ["2024-05-14"]),
    # "had expected" looks back; "is widely expected to" ahead
    ("Economists had expected the bank to cut rates in June.", "2025-07-14", ["2025-06"]),
    ("The bank is widely expected to hold rates at its next meeting on Oct. 30.", "2025-10-02", ["2025-10-30"]),
])
def test_expect_to_looks_ahead_only_in_what_is_expected(sentence, anchor, values):
    assert _values(sentence, anchor) == values


@pytest.mark.parametrize("text,expr,clause", [
    # "a.m." or "p.m." before a lower-case word end no sentence, so no clause
    ("The hearing began at 10 a.m. as prosecutors requested on Monday.", "Monday",
     "The hearing began at 10 a.m. as prosecutors requested on Monday."),
    ("It ends at 5 p.m. on Friday.", "Friday", "It ends at 5 p.m. on Friday."),
    ("The convoy left at 6 a.m. on Monday.", "Monday", "The convoy left at 6 a.m. on Monday."),
    # a sentence's end (a capital after the stop) and "and" still cut
    ("The plant will reopen in June. It closed on Monday.", "Monday", " It closed on Monday."),
    ("They were flown home Tuesday night and will return this weekend.", "Tuesday",
     "They were flown home Tuesday night "),
])
def test_clauses_are_cut_at_a_sentence_end_only_before_a_capital(text, expr, clause):
    a, b = _clause_bounds(text, text.index(expr))
    assert text[a:b] == clause


@pytest.mark.parametrize("sentence,values", [
    # the whole clause looks ahead: "as planned" is no past clause cut off after "a.m."
    ("The vote will be held at 10 a.m. as planned on Thursday.", ["2024-05-08T10:00", "2024-05-09"]),
    ("The plant will reopen in June. It closed on Monday.", ["2024-06", "2024-05-06"]),
])
def test_a_future_sentence_s_clause_is_read_whole(sentence, values):
    assert _values(sentence) == values


# each word of a set of the data file in a sentence, the expression the rule reads, the sentence's
# tense, the tense the expression is read in
_RULES = [
    # a commitment made in the past looks ahead from then
    ("commitment_verbs", "The council {w} to close the plant in March.", "in March", "past", "future_in_past"),
    # an order with a deadline too
    ("directive_verbs", "The court {w} the company to replace its pumps by June 1.", "by June", "past",
     "future_in_past"),
    # a date right after a verb of saying is past
    ("saying_verbs", "The union {w} Saturday it will strike.", "Saturday", "future", "past"),
    # a timetable's present: the coming day
    ("timetable_verbs", "The talks {w} Thursday, aides said.", "Thursday", "past", "future"),
    # a modal keeps its clause ahead
    ("clause_modals", "Lawmakers will debate the bill, and the minister said it {w} pass by the end of March.",
     "by the end", "future", "future"),
]


@pytest.mark.parametrize("name,template,expr,sentence_tense,tense", _RULES)
def test_each_word_of_a_data_file_set_works_its_rule(name, template, expr, sentence_tense, tense):
    for w in time_words(name):
        text = template.format(w=w)
        assert tense_at(text, text.index(expr), sentence_tense) == tense, w


@pytest.mark.parametrize("verb", time_words("past_verbs"))
def test_each_past_verb_of_the_data_file_tells_a_clause_in_the_past(verb):
    assert tense_of(f"The army {verb} the town in March.") == "past"


@pytest.mark.parametrize("modal", time_words("clause_modals"))
def test_each_clause_modal_of_the_data_file_keeps_its_clause_ahead(modal):
    text = f"Lawmakers will debate the bill, and the minister said it {modal} pass by the end of March."
    assert tense_at(text, text.index("by the end"), "future") == "future"


@pytest.mark.parametrize("name", ["future_words", "schedule_participles", "intention_verbs", "expectation_verbs",
                                  "possibility_modals"])
def test_each_future_word_of_the_data_file_makes_a_sentence_look_ahead(name):
    forms = {"future_words": "{w} close", "schedule_participles": "is {w} to close",
             "intention_verbs": "{w}s to close", "expectation_verbs": "{w}s the plant to close",
             "possibility_modals": "{w} close"}
    for w in time_words(name):
        assert tense_of(f"The company {forms[name].format(w=w)} the plant in March.") == "future", w


def test_schedule_adverbs_of_the_data_file_may_stand_inside_the_future():
    for adverb in time_words("schedule_adverbs"):
        assert tense_of(f"The talks are {adverb} scheduled for March.") == "future", adverb
    assert tense_of("The talks are widely expected to end in March.") == "future"


def test_an_unknown_word_set_is_an_error():
    with pytest.raises(KeyError, match="time_words.tsv has no set"):
        time_words("no_such_set")
