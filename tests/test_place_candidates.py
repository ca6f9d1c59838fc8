"""The candidate rules of extract/place_candidates.py, each on its own: what one rule reads in a
parsed sentence (the runs and the hints it gives them), and what the order of the rules decides."""
from __future__ import annotations

import pytest

from claimledger.extract import place_candidates as pc

pytestmark = pytest.mark.model


def _readings(text: str, rules, tagged=()):
    from claimledger.extract import nlp as nlp_mod
    from claimledger.extract.places_extract import PlaceFinder

    doc = nlp_mod.load()(text)
    finder = PlaceFinder(tagger=None, keep_actors=False)
    finder.begin_document(doc)
    finder.tagged = list(tagged)
    found = pc.find_candidates(finder, list(doc), text, doc, rules=rules)
    return found, [(text[run[0].idx:run[-1].idx + len(run[-1].text)], hints) for run, hints in found.runs]


@pytest.mark.parametrize("rule, text, surface, hint", [
    (pc.names_listed, "Troops entered the villages of Tal Aswad and Jubb al-Kalb on Monday.",
     "Jubb al-Kalb", {"feature": "settlement", "strong": True, "rule": "list"}),
    (pc.settlements_of, "Russia retook the Kursk settlements of Plodovoye and Lyubimovka.",
     "Lyubimovka", {"admin1": "Kursk", "rule": "list"}),
    (pc.region_phrase, "Fighting went on in the Kursk border region of Russia.",
     "Kursk", {"region": True, "country_text": "Russia", "rule": "region phrase"}),
    (pc.parse_places, "Shelling hit northern Gaza overnight.",
     "northern Gaza", {"strong": True, "rule": "GPE"}),
    (pc.organisation_opening, "The Texas Forest Service warned of fires.",
     "Texas", {"weak": True, "known_only": True, "rule": "organisation opening"}),
    (pc.institution_of, "The Concord Police Department arrested two men.",
     "Concord", {"weak": True, "known_only": True, "rule": "institution"}),
    (pc.institution_word, "Springfield residents were told to stay indoors.",
     "Springfield", {"weak": True, "rule": "institution word"}),
    (pc.datelines, "WOODBURY — The council met on Tuesday.",
     "WOODBURY", {"weak": True, "rule": "dateline"}),
    (pc.party_towns, "The bill was filed by Sen. John Smith, R-Westfield, on Monday.",
     "Westfield", {"weak": True, "rule": "party town"}),
    (pc.after_preposition, "The convoy was stopped in Plekhovo on Monday.",
     "Plekhovo", {"weak": True, "rule": "after preposition"}),
])
def test_each_rule_reads_its_own_evidence(rule, text, surface, hint):
    _, readings = _readings(text, (rule,))
    hints = dict(next((h for s, h in readings if s == surface), {}))
    assert hints, f"{rule.__name__} read no {surface!r} in {text!r}: {readings}"
    assert {k: hints.get(k) for k in hint} == hint


def test_a_rule_reads_nothing_without_its_evidence():
    text = "The convoy was stopped in Plekhovo on Monday."
    for rule in (pc.names_listed, pc.settlements_of, pc.region_phrase, pc.datelines, pc.party_towns,
                 pc.institution_of, pc.list_members):
        assert _readings(text, (rule,))[1] == [], rule.__name__


def test_a_names_first_reading_wins_and_later_ones_wait():
    """The parse's GPE reading of "Texas" comes before the tagger's: the later reading of the same
    first word is set aside in ``later`` (tried when the first reads no place), not kept twice; a
    rule that looks at what is kept (the preposition rule) does not read it again."""
    text = "Two people were killed in Texas on Monday."
    s = text.index("Texas")
    found, readings = _readings(text, (pc.parse_places, pc.tagger_spans, pc.after_preposition), tagged=[(s, s + 5)])
    assert [(s, h["rule"]) for s, h in readings] == [("Texas", "GPE")]
    assert [h["rule"] for runs in found.later.values() for _, h in runs] == ["tagger"]
    found, readings = _readings(text, (pc.after_preposition, pc.parse_places))
    assert [(s, h["rule"]) for s, h in readings] == [("Texas", "after preposition")]
    assert [h["rule"] for runs in found.later.values() for _, h in runs] == ["GPE"]


def test_the_list_area_is_a_hint_not_a_place():
    """"Kursk" of "the Kursk settlements of ..." is the list's area: the tagger's span there is no
    candidate of its own."""
    text = "Russia retook the Kursk settlements of Plodovoye and Lyubimovka."
    s = text.index("Kursk")
    found, readings = _readings(text, (pc.settlements_of, pc.tagger_spans), tagged=[(s, s + 5)])
    assert found.list_areas == [(s, s + 5)]
    assert "Kursk" not in [r for r, _ in readings]


def test_readings_outside_the_claims_tokens_are_not_kept():
    from claimledger.extract import nlp as nlp_mod
    from claimledger.extract.places_extract import PlaceFinder

    text = "Shelling hit Kharkiv. Officials in Kyiv said so."
    doc = nlp_mod.load()(text)
    finder = PlaceFinder(tagger=None)
    finder.begin_document(doc)
    second = list(doc.sents)[1]
    found = pc.find_candidates(finder, list(second), text, doc)
    assert [" ".join(t.text for t in run) for run, _ in found.runs] == ["Kyiv"]


def test_the_rules_are_one_table_in_order_of_trust():
    assert pc.CANDIDATE_RULES[0] is pc.names_listed and pc.CANDIDATE_RULES[-1] is pc.list_members
    assert pc.CANDIDATE_RULES.index(pc.parse_places) < pc.CANDIDATE_RULES.index(pc.after_preposition)
    assert len(set(pc.CANDIDATE_RULES)) == len(pc.CANDIDATE_RULES)


def test_the_token_index_holds_every_token_its_rules_start_from():
    """The per-document index the token rules read is a superset of the tokens each rule's own test
    accepts, read token by token (so a rule scanning only the index loses nothing)."""
    from claimledger.extract import nlp as nlp_mod
    from claimledger.extract.place_words import REGION_WORDS, SETTLEMENT_WORDS

    text = ("Russia retook the Kursk settlements of Plodovoye and Lyubimovka in the Kursk border region. "
            "Springfield residents fled to Dayton, where the Red Cross set up a shelter near the Sake road. "
            "WOODBURY — Officials in Concord said the Outskirts were quiet.")
    doc = nlp_mod.load()(text)
    idx = pc.token_index(doc)
    assert idx is pc.token_index(doc)                      # built once per document
    settlement = {t.i for t in doc if t.lemma_.lower() in SETTLEMENT_WORDS and t.tag_ in ("NN", "NNS")}
    region = {t.i for t in doc if t.lemma_.lower() in REGION_WORDS and t.ent_type_ not in ("GPE", "LOC")}
    compound = {t.i for t in doc if t.pos_ == "PROPN" and t.dep_ == "compound"}
    names = {t.i for t in doc if t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "PERSON") or t.pos_ == "NOUN" and t.is_title}
    assert settlement and region and compound and names
    assert idx.settlement == settlement and idx.region == region
    assert idx.compound_name == compound and idx.name_like == names


@pytest.mark.parametrize("rx, gate, text", [
    ("LIST_RX", "LIST_GATE_RX", "the Kursk border villages of Plodovoye and Jubb al-Kalb"),
    ("DATELINE_RX", "DATELINE_GATE_RX", "COLUMBUS, Ohio (AP) — The state"),
    ("DATELINE_RX", "DATELINE_GATE_RX", "BEIRUT, Lebanon -- Shelling"),
    ("PARTY_TOWN_RX", "PARTY_TOWN_GATE_RX", "said Sen. Smith, R-Westfield, on Monday"),
])
def test_every_match_of_a_text_rule_holds_its_gate(rx, gate, text):
    from claimledger.extract import place_words as pw

    m = getattr(pw, rx).search(text)
    assert m is not None
    assert getattr(pw, gate).search(text, m.start(), m.end()) is not None


def test_a_text_rule_is_not_scanned_where_its_gate_is_closed():
    found, readings = _readings("Troops entered Tal Aswad on Monday.", (pc.names_listed, pc.datelines, pc.party_towns))
    assert readings == []
