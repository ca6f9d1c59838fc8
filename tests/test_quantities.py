"""Counts with qualifiers, bounds, vague words, categories and units."""
import pytest

from claimledger.extract.quantities import count_unspecified, find_quantities, parse_number
from claimledger.models import Quantity

FIELDS = ("text", "value", "low", "high", "approximate", "category", "unit", "conservative")


def one(text: str) -> Quantity:
    qs = find_quantities(text)
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


# (clause, text, value, low, high, approximate, category, unit, conservative)
SINGLE = [
    # the seed article
    ("fighting over the weekend claimed the lives of at least 30 North Korean soldiers",
     "at least 30", 30, 30, None, False, "killed", "North Korean soldiers", 30),
    ("North Korea had committed some 10,000 men to support Russia’s war effort",
     "some 10,000", 10000, None, None, True, "troops", "men", 10000),
    ("Russia had started using a “significant number” in its attacks on Kursk",
     "a “significant number”", None, None, None, True, None, None, None),
    # lower bounds: exact floors
    ("more than 1,380 Ukrainian POWs were captured", "more than 1,380", 1380, 1380, None, False, "captured",
     "Ukrainian POWs", 1380),
    ("over 200 people were killed", "over 200", 200, 200, None, False, "killed", "people", 200),
    ("no fewer than 12 soldiers died", "no fewer than 12", 12, 12, None, False, "killed", "soldiers", 12),
    ("just over 40 drones were shot down", "just over 40", 40, 40, None, True, "intercepted", "drones", 40),
    # upper bounds
    ("up to 50 civilians were killed", "up to 50", 50, None, 50, False, "killed", "civilians", 50),
    ("fewer than 10 people were hurt", "fewer than 10", 10, None, 10, False, "wounded", "people", 10),
    ("less than a dozen soldiers", "less than a dozen", 12, None, 12, False, "troops", "soldiers", 12),
    ("as many as 600,000 Russian troops", "as many as 600,000", 600000, None, 600000, False, "troops",
     "Russian troops", 600000),
    ("nearly 500 missing", "nearly 500", 500, None, 500, True, "missing", None, 500),
    ("almost 3,000 residents fled", "almost 3,000", 3000, None, 3000, True, "displaced", "residents", 3000),
    # approximations
    ("about 100 people", "about 100", 100, None, None, True, None, "people", 100),
    ("around 1.5 million refugees", "around 1.5 million", 1500000, None, None, True, "displaced", "refugees",
     1500000),
    ("roughly 2,000 troops", "roughly 2,000", 2000, None, None, True, "troops", "troops", 2000),
    ("approximately 70 missiles were launched", "approximately 70", 70, None, None, True, "missiles", "missiles",
     70),
    ("an estimated 4,000 casualties", "an estimated 4,000", 4000, None, None, True, "casualties", "casualties",
     4000),
    ("30 or so soldiers", "30 or so", 30, None, None, True, "troops", "soldiers", 30),
    # ranges: value is the low end (conservative), approximate
    ("between 20 and 30 soldiers died", "between 20 and 30", 20, 20, 30, True, "killed", "soldiers", 20),
    ("20 to 30 soldiers were wounded", "20 to 30", 20, 20, 30, True, "wounded", "soldiers", 20),
    ("20-30 wounded", "20-30", 20, 20, 30, True, "wounded", None, 20),
    ("from 30 to 40 drones were shot down", "from 30 to 40", 30, 30, 40, True, "intercepted", "drones", 30),
    ("two or three soldiers were killed", "two or three", 2, 2, 3, True, "killed", "soldiers", 2),
    ("between 1 and 2 million people fled", "between 1 and 2 million", 1000000, 1000000, 2000000, True,
     "displaced", "people", 1000000),
    # numerals and words
    ("2bn", "2bn", 2000000000, None, None, False, None, None, 2000000000),
    ("thirty-two soldiers were killed", "thirty-two", 32, None, None, False, "killed", "soldiers", 32),
    ("two dozen drones", "two dozen", 24, None, None, False, "drones", "drones", 24),
    ("a dozen missiles", "a dozen", 12, None, None, False, "missiles", "missiles", 12),
    ("three hundred troops", "three hundred", 300, None, None, False, "troops", "troops", 300),
    ("three hundred and fifty troops", "three hundred and fifty", 350, None, None, False, "troops", "troops", 350),
    ("1.5 million were displaced", "1.5 million", 1500000, None, None, False, "displaced", None, 1500000),
    ("30 soldiers were wounded", "30", 30, None, None, False, "wounded", "soldiers", 30),
    ("12 wounded soldiers", "12", 12, None, None, False, "wounded", "wounded soldiers", 12),
    ("Russia fired 12 Kh-101 missiles", "12", 12, None, None, False, "missiles", "Kh-101 missiles", 12),
    ("a 10,000-strong force", "10,000", 10000, None, None, False, "troops", "force", 10000),
    ("12,000 North Korean troops were sent to Kursk", "12,000", 12000, None, None, False, "troops",
     "North Korean troops", 12000),
    ("Russia launched 45 drones at Kyiv", "45", 45, None, None, False, "drones", "drones", 45),
    ("the army lost 3 T-72 tanks", "3", 3, None, None, False, "losses", "T-72 tanks", 3),
    ("one soldier died", "one", 1, None, None, False, "killed", "soldier", 1),
    ("12 people were detained", "12", 12, None, None, False, "arrested", "people", 12),
    ("40 hostages were taken", "40", 40, None, None, False, "abducted", "hostages", 40),
    # vague counts: value None, ACLED's conservative figure
    ("dozens of civilians", "dozens", None, None, None, True, "civilians", "civilians", 12),
    ("hundreds of soldiers were killed", "hundreds", None, None, None, True, "killed", "soldiers", 100),
    ("thousands were killed", "thousands", None, None, None, True, "killed", None, 1000),
    ("tens of thousands of refugees", "tens of thousands", None, None, None, True, "displaced", "refugees", 10000),
    ("hundreds of thousands of people", "hundreds of thousands", None, None, None, True, None, "people", 100000),
    ("tens of soldiers were injured", "tens of", None, None, None, True, "wounded", "soldiers", 10),
    ("scores of bodies", "scores of", None, None, None, True, "killed", "bodies", 20),
    ("several guys hiding behind trees", "several", None, None, None, True, None, "guys", 3),
    ("several hundred troops", "several hundred", None, None, None, True, "troops", "troops", 300),
    ("a few thousand people", "a few thousand", None, None, None, True, None, "people", 2000),
    ("a handful of soldiers survived", "a handful", None, None, None, True, "troops", "soldiers", 3),
    ("Many civilians were killed", "Many", None, None, None, True, "killed", "civilians", None),
    ("a number of drones were downed", "a number of", None, None, None, True, "intercepted", "drones", None),
    ("an unknown number of soldiers are missing", "an unknown number", None, None, None, True, "missing",
     "soldiers", None),
    ("a large number of troops", "a large number", None, None, None, True, "troops", "troops", None),
    # money and percentages: kept, no category
    ("Russia spent $2bn", "$2bn", 2000000000, None, None, False, None, "$", 2000000000),
    ("€30m in aid", "€30m", 30000000, None, None, False, None, "€", 30000000),
    ("US$ 3 billion", "US$ 3 billion", 3000000000, None, None, False, None, "$", 3000000000),
    ("the army lost 20% of its tanks", "20%", 20, None, None, False, None, "%", 20),
    ("prices rose 15 per cent", "15 per cent", 15, None, None, False, None, "%", 15),
    ("Ukraine advanced 5 km", "5", 5, None, None, False, None, "km", 5),
]


@pytest.mark.parametrize("clause,text,value,low,high,approximate,category,unit,conservative", SINGLE)
def test_single_quantity(clause, text, value, low, high, approximate, category, unit, conservative):
    q = one(clause)
    assert (q.text, q.value, q.low, q.high, q.approximate, q.category, q.unit, q.conservative) == \
        (text, value, low, high, approximate, category, unit, conservative)
    assert clause[q.span[0]:q.span[1]] == q.text


def test_values_are_ints_when_whole():
    q = one("at least 30 soldiers")
    assert isinstance(q.value, int) and isinstance(q.low, int)
    assert one("1.5 km").value == 1.5


# Not counts: years, dates, times, ordinals, unit names, ages, durations, designations, pronouns.
@pytest.mark.parametrize("clause", [
    "In 2023 the war escalated.",
    "The 2024 elections were held on March 5.",
    "He was born on 5 March 1990.",
    "The attack began at 5 pm, or 17:00 local time.",
    "between 3 and 5 March",
    "The 3rd Assault Brigade and the 47th Mechanised Brigade fought near Avdiivka.",
    "A 25-year-old man, aged 25, was there.",
    "The ceasefire lasted 30 days after a 48-hour truce and two weeks of talks.",
    "trained for a few weeks before being deployed to Russia",
    "Article 5 of the NATO treaty and UN Resolution 2231 were cited by No. 10.",
    "Russia used T-72 and Su-34 against F-16",
    "155mm shells and 155 mm rounds",
    "suffered casualties, both killed and wounded",
    "one of the soldiers said so",
    "some of the soldiers were killed, many believe",
    "on 12/05/2024 at 10:30",
    "A Boeing 737 and a G7 summit during COVID-19",
    "the war in 2022-2023",
])
def test_not_quantities(clause):
    assert find_quantities(clause) == []


def test_several_clauses_and_categories_by_nearest_cue():
    qs = find_quantities("The strike killed 5 soldiers and wounded 12 civilians on March 5 at 5 pm.")
    assert [(q.value, q.category, q.unit) for q in qs] == [(5, "killed", "soldiers"), (12, "wounded", "civilians")]


def test_coordinated_counts_share_the_verb():
    qs = find_quantities("At least 30 soldiers and 12 civilians were killed in 2023.")
    assert [(q.value, q.low, q.category) for q in qs] == [(30, 30, "killed"), (12, None, "killed")]


# Combined figures are casualties, not killed; running totals ("the death toll ... rose to 40") take
# what the total counts from its head, however far to the left it stands in the sentence.
@pytest.mark.parametrize("text,category", [
    ("more than 3,000 North Korean soldiers had been killed or wounded", "casualties"),
    ("200 soldiers were killed and wounded in the assault", "casualties"),
    ("3,000 were killed or injured", "casualties"),
    ("losses exceed 3,000 dead and wounded", "casualties"),
    ("30 people were killed and 50 wounded", "killed"),
    ("the death toll rose to 40", "killed"),
    ("the death toll from Sunday's shelling of a livestock market in the city has risen to 50", "killed"),
    ("the toll had climbed to 12", "killed"),
    ("the strike left a toll of 40 dead", "killed"),
    ("40 people have died", "killed"),
    ("the number of dead stood at 17", "killed"),
    ("the death toll was 25", "killed"),
    ("the number of civilians killed in the market attack had risen to 45", "killed"),
    ("the number of people injured in the blast has risen to 80", "wounded"),
    ("the number of people displaced by the fighting reached 2,000", "displaced"),
    ("the casualty toll from the attack rose to 60", "casualties"),
    ("the number of troops in the region rose to 5,000", "troops"),
    ("the number of applications rose to 5,000", None),
])
def test_combined_figures_and_running_totals(text, category):
    q = [q for q in find_quantities(text) if q.value is not None and q.value > 1][0]
    assert q.category == category


# Only a count of people (or a count with no noun: "2,000 displaced") takes a category that counts
# people; a count of camps, houses or tanks keeps its noun's category, if any.
@pytest.mark.parametrize("text,expected", [
    ("a shell hit two camps for displaced people near the lake", [(2, None, "camps")]),
    ("mortars struck three shelters for displaced families, killing 12 people",
     [(3, None, "shelters"), (12, "killed", "people")]),
    ("two hospitals for wounded soldiers were damaged", [(2, None, "hospitals")]),
    ("gunmen burned 40 houses and 3,000 people fled", [(40, None, "houses"), (3000, "displaced", "people")]),
    ("fighting spread to three villages where 40 people were killed",
     [(3, "settlements", "villages"), (40, "killed", "people")]),
    ("the rebels captured three tanks and 20 soldiers", [(3, "vehicles", "tanks"), (20, "captured", "soldiers")]),
    ("the drones destroyed four tanks and two trucks", [(4, "destroyed", "tanks"), (2, "destroyed", "trucks")]),
    ("two displacement camps were hit", [(2, None, None)]),
    ("2,000 displaced had reached the town", [(2000, "displaced", None)]),
    ("about 2,000 displaced people reached the town", [(2000, "displaced", "displaced people")]),
    ("the fighting had displaced 5,000 residents", [(5000, "displaced", "residents")]),
])
def test_counts_of_things_are_never_counts_of_people(text, expected):
    assert [(q.value, q.category, q.unit) for q in find_quantities(text)] == expected


# "up to" after a revised total is the total's new level, not an upper bound
@pytest.mark.parametrize("text,expected", [
    ("the ministry revised the death toll up to 35 from 18", ("35", 35, None, None, "killed")),
    ("the toll went up to 35 on Sunday", ("35", 35, None, None, "killed")),
    ("up to 35 people were killed", ("up to 35", 35, None, 35, "killed")),
    ("the militia has up to 3,000 fighters", ("up to 3,000", 3000, None, 3000, "troops")),
    ("the death toll has risen up to 35", ("35", 35, None, None, "killed")),
    ("officials raised their estimate up to 40", ("40", 40, None, None, None)),
    # a revising or rising word without its total: an upper bound
    ("officials estimate up to 40 people were killed", ("up to 40", 40, None, 40, "killed")),
    ("the militia brought up to 200 fighters into the town", ("up to 200", 200, None, 200, "troops")),
    ("prices rose up to 40 percent", ("up to 40 percent", 40, None, 40, None)),
    ("the figures show up to 12 people were wounded", ("up to 12", 12, None, 12, "wounded")),
])
def test_up_to_after_a_revised_total(text, expected):
    q = find_quantities(text)[0]
    assert (q.text, q.value, q.low, q.high, q.category) == expected


def test_noun_category_when_no_event():
    qs = find_quantities("Russia launched 45 drones and 12 missiles overnight, of which 30 were intercepted")
    assert [(q.value, q.category) for q in qs] == [(45, "drones"), (12, "missiles"), (30, "intercepted")]


def test_spans_are_document_offsets():
    doc = "Intro sentence. According to the GUR, at least 30 soldiers died."
    s = doc.index("According")
    q = find_quantities(doc[s:], s)[0]
    assert doc[q.span[0]:q.span[1]] == "at least 30" == q.text


def test_seed_sentence_without_numbers_has_no_quantity():
    sentence = ("However, he stated that the troops had been engaged in action since “a little over a week ago” "
                "without providing precise numbers.")
    assert find_quantities(sentence) == []
    assert count_unspecified(sentence)


@pytest.mark.parametrize("text,expected", [
    ("without providing precise numbers", True),
    ("he did not give a figure", True),
    ("officials declined to give numbers", True),
    ("the ministry didn't provide casualty figures", True),
    ("he would not say how many soldiers died", True),
    ("declined to say how many", True),
    ("an unspecified number of troops", True),
    ("no figures were given", True),
    ("he gave a figure of 30", False),
    ("30 soldiers died, he said", False),
    ("without providing evidence", False),
])
def test_count_unspecified(text, expected):
    assert count_unspecified(text) is expected


@pytest.mark.parametrize("text,value", [
    ("30", 30), ("1,380", 1380), ("10,000", 10000), ("1.5 million", 1500000), ("2bn", 2e9), ("10k", 10000),
    ("thirty-two", 32), ("two dozen", 24), ("a dozen", 12), ("three hundred", 300), ("a hundred", 100),
    ("two thousand five hundred", 2500), ("half a million", 500000), ("ten thousand", 10000),
    ("one hundred and fifty", 150), ("1,2,3", None), ("dozens", None), ("a", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_partitive_counts_take_the_whole_unit():
    qs = find_quantities("the air force said it shot down 62 of 84 drones launched by Russia overnight")
    assert [(q.value, q.category, q.unit) for q in qs] == [(62, "intercepted", "drones"), (84, "drones", "drones")]
    qs = find_quantities("about 3,000 of the 11,000 North Korean troops sent to Russia had been killed or wounded")
    assert [(q.value, q.approximate, q.category, q.unit) for q in qs] == [
        (3000, True, "casualties", "North Korean troops"), (11000, False, "troops", "North Korean troops")]


def test_aside_between_count_and_verb():
    qs = find_quantities("On Tuesday, 14 people, including three children, were killed in a missile strike, "
                         "the governor said.")
    assert [(q.value, q.category, q.unit) for q in qs] == [(14, "killed", "people"), (3, "killed", "children")]


@pytest.mark.parametrize("text,category", [
    ("at least 35 people, most of them women and children, were killed", "killed"),
    ("40 civilians, among them a local official, were wounded", "wounded"),
    ("about 200 fighters, the ministry said, had been killed", "killed"),
    ("30 people, he said, and many more", None),   # no verb after the aside
])
def test_aside_without_a_count_between_count_and_verb(text, category):
    assert find_quantities(text)[0].category == category


# The look-ups are indexed by first word and tokens that cannot start a quantity are skipped: the
# answers must be those of trying every phrase at every token.
def _try_everything(monkeypatch):
    import claimledger.extract.quantities as Q
    monkeypatch.setattr(Q, "_start_words", lambda: None)
    monkeypatch.setattr(Q, "_QUALIFIER_INDEX", {})
    monkeypatch.setattr(Q, "_QUALIFIER_NONE", tuple(Q._QUALIFIER_WORDS))
    monkeypatch.setattr(Q, "_vague_index", lambda: ({}, Q._vague_phrases()))
    monkeypatch.setattr(Q, "_table_index", lambda table: ({}, tuple(table.items())))
    monkeypatch.setattr(Q, "_suffix_index", lambda: ({}, Q._suffix_phrases()))


INDEXED = [row[0] for row in SINGLE] + [
    "The strike killed 5 soldiers and wounded 12 civilians on March 5 at 5 pm.",
    "between 20 and 30 people, a further 40 troops and another 3 were reportedly killed",
    "some 2,000 US$ 3 billion, 45 per cent of the 11,000 troops and 3,000 of them died",
    "a couple of dozen “significant number” of drones, tens of thousands of refugees fled",
    "several hundred wounded, many civilians, a handful of hostages and thirty-two POWs",
    "no more than a little over 10 km and 5 percentage points, up to 7 tonnes, 30-odd tanks",
]


def test_indexed_lookups_give_the_same_answers(monkeypatch):
    fast = [[vars(q) for q in find_quantities(t, 5)] for t in INDEXED]
    _try_everything(monkeypatch)
    slow = [[vars(q) for q in find_quantities(t, 5)] for t in INDEXED]
    assert fast == slow
    assert any(fast)


def test_the_quantity_readers_word_lists_are_the_data_files_own():
    """Every word set of data/quantity_words.tsv is read as written (entries may hold spaces), and
    the code adds or removes none; each set changes what is read."""
    from importlib import resources
    from claimledger.extract import quantities as q

    text = resources.files("claimledger").joinpath("data", "quantity_words.tsv").read_text(encoding="utf-8")
    sets = {ln.split("\t")[0]: frozenset(w.strip() for w in ln.split("\t")[1].split(",") if w.strip())
            for ln in text.splitlines() if ln.strip() and not ln.startswith("#")}
    assert q.MEASURES == sets["measures"] and "square kilometres" in q.MEASURES
    assert q.MONTH_NAMES == sets["month_names"] and "May" in q.MONTH_NAMES and "may" not in q.MONTH_NAMES
    assert (q.TIME_UNITS, q.CLOCK, q.LABEL_WORDS, q.YEAR_PREPS) == (
        sets["time_units"], sets["clock_words"], sets["label_words"], sets["year_preps"])
    assert (q.GENERIC_COUNT_NOUNS, q.EVENT_NOUNS, q.UNIT_STOP, q.ADJ_BEFORE_NOUN) == (
        sets["generic_count_nouns"], sets["event_nouns"], sets["unit_stop"], sets["adjectives_before_noun"])
    assert len(sets) == 12
    # the sets at work: a measure, a duration, a label and a count read apart
    assert [x.unit for x in q.find_quantities("The convoy drove 40 km.")] == ["km"]
    assert q.find_quantities("Article 5 was invoked.") == []
    assert [x.value for x in q.find_quantities("12 people were killed.")] == [12]
