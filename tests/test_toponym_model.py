"""The learned toponym tagger (extract/toponym_model.py) and `claimledger train places`.

The shipped weights are read as data; a tiny corpus written here checks that training writes a
tagger that loads. Behaviour on the corpora is measured by `eval toponyms` (README, Places).
"""
from __future__ import annotations

import argparse
import json
import os

import numpy
import pytest

from claimledger.extract import nlp as nlp_mod
from claimledger.extract import toponym_model as TM
from claimledger.extract.places_extract import PlaceFinder
from claimledger.extract.toponym_features import width
from claimledger.extract.toponym_train import demonym_like

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def shared():
    return nlp_mod.load()


@pytest.fixture(scope="module")
def tagger(shared):
    t = TM.load_tagger()
    assert t is not None, "the shipped toponym tagger did not load"
    return t


def test_the_shipped_weights_are_small_data_with_a_card():
    meta = TM.read_meta()
    assert meta["arch"] == "window-mlp" and meta["label"] == "TOPONYM"
    assert os.path.exists(os.path.join(TM.WEIGHTS_DIR, TM.WINDOW_FILE))
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(TM.WEIGHTS_DIR) for f in fs)
    assert size < 2_000_000
    card = open(os.path.join(TM.WEIGHTS_DIR, "MODEL_CARD.md"), encoding="utf-8").read()
    assert "tune parts" in card and "claimledger train places" in card


def test_it_finds_toponyms_and_leaves_the_parse_untouched(shared, tagger):
    text = "Volunteers cleaned the banks of the Neches River near Lufkin."
    doc = shared(text)
    before = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    assert [text[s:e] for s, e in tagger.spans(doc)] == ["Neches River", "Lufkin"]
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == before


def test_demonyms_stay_out(shared, tagger):
    text = "Palestinians and Israelis met in Cairo on Sunday."
    assert [text[s:e] for s, e in tagger.spans(shared(text))] == ["Cairo"]


def test_the_tap_keeps_what_the_ner_encoder_computed(shared, tagger):
    doc = shared("Flooding closed roads in Harwinton and Torrington on Monday.")
    kept = tagger.tap.store.get(doc)
    assert kept is not None and kept.shape == (len(doc), tagger.width)
    again = TM.ner_encoder(shared).predict([doc])
    assert numpy.allclose(kept, again, atol=1e-5)
    # a document parsed before (here: made without the pipeline) is encoded on demand
    bare = shared.make_doc("Roads closed in Harwinton.")
    assert tagger.tap.vectors(bare).shape == (len(bare), tagger.width)


def test_the_shipped_tagger_reads_the_token_features(tagger):
    meta = TM.read_meta()
    assert tagger.feature_groups == meta["features"] == ["pos", "ent", "gaz"]
    assert tagger.window.width == meta["tensor_width"] + width(meta["features"])


def test_an_unknown_feature_group_is_refused(tmp_path, capsys):
    from claimledger.extract.toponym_train import cmd_train_places

    args = argparse.Namespace(corpus=["missing.xml"], out=str(tmp_path), seed=13, epochs=1, hidden_width=8,
                              arch="window-mlp", learn_rate=0.001, features="pos,shape")
    assert cmd_train_places(args) == 2
    assert "shape" in capsys.readouterr().err


def test_weights_that_do_not_fit_their_features_are_not_loaded(tmp_path):
    import shutil

    shutil.copytree(TM.WEIGHTS_DIR, tmp_path / "w")
    meta = json.loads((tmp_path / "w" / "meta.json").read_text(encoding="utf-8"))
    meta["features"] = ["pos"]
    (tmp_path / "w" / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    assert TM.load_tagger(str(tmp_path / "w")) is None


def test_another_parse_model_disables_it():
    assert TM.load_tagger(parse_model="core_web_md 3.8.0") is None


def test_the_finder_takes_its_spans_as_candidates(shared, tagger):
    text = "Edwardsville will host the fair."
    doc = shared(text)
    rules = PlaceFinder(tagger=None, keep_actors=True)
    rules.begin_document(doc)
    assert rules.places_for(list(doc), text, doc) == []
    both = PlaceFinder(tagger=tagger, keep_actors=True)
    both.begin_document(doc)
    got = both.places_for(list(doc), text, doc)
    assert [(p.text, p.country, p.feature) for p in got] == [("Edwardsville", "US", "settlement")]
    # in a claim, a place doing the deed is an actor, not where it happened
    claim = PlaceFinder(tagger=tagger)
    claim.begin_document(doc)
    assert claim.places_for(list(doc), text, doc) == []


@pytest.mark.parametrize("phrase, gold, want", [
    ("Palestinians", "Palestinian Territory", True), ("Ohioans", "Ohio", True), ("Texan", "Texas", True),
    ("Londoner", "London", True), ("Richmondites", "Richmond", True),
    ("Jordan", "Jordan", False), ("Ohio", "Ohio", False), ("Mt. Pleasant", "Mount Pleasant", False),
    ("Gaza", "Gaza Strip", False), ("Minneapolis", "Minneapolis", False),
])
def test_demonyms_are_not_taught(phrase, gold, want):
    assert demonym_like(phrase, gold) is want


def test_train_places_writes_a_tagger_that_loads(tmp_path):
    from claimledger.extract.toponym_train import cmd_train_places

    towns = ["Lufkin", "Shakopee", "Harwinton", "Lanexa", "Winfield", "Torrington"]
    arts = []
    for i in range(12):
        town = towns[i % len(towns)]
        text = f"Police in {town} said the road reopened on Monday."
        s = text.index(town)
        arts.append(f"<article docid='d{i}'><text>{text}</text><toponyms><toponym><start>{s}</start>"
                    f"<end>{s + len(town)}</end><phrase>{town}</phrase></toponym></toponyms></article>")
    xml = tmp_path / "tiny.xml"
    xml.write_text("<articles>" + "".join(arts) + "</articles>", encoding="utf-8")
    for arch in ("window-mlp", "ner-vectors"):
        out = tmp_path / arch
        args = argparse.Namespace(corpus=[str(xml)], out=str(out), seed=13, epochs=2, hidden_width=64,
                                  arch=arch, learn_rate=0.001, features="pos,ent,gaz")
        assert cmd_train_places(args) == 0
        meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
        assert meta["arch"] == arch
        if arch == "window-mlp":
            assert meta["features"] == ["pos", "ent", "gaz"] and meta["feature_width"] == width(meta["features"])
        assert meta["articles"]["tiny.xml"]["tune_check"] >= 1 and meta["epochs_run"] >= 1
        assert (out / "MODEL_CARD.md").exists()
        loaded = TM.load_tagger(str(out))
        assert loaded is not None and loaded.arch == arch


@pytest.mark.parametrize("labels, spans", [
    ([], []),
    ([0, 0, 0], []),
    ([1, 2, 0, 1], [(0, 2), (3, 4)]),          # B I O B
    ([1, 1, 2], [(0, 1), (1, 3)]),             # a B opens a new span
    ([0, 2, 2, 0], [(1, 3)]),                  # an I with none open opens one
    ([2, 1, 2, 2], [(0, 1), (1, 4)]),
])
def test_bio_labels_make_spans(labels, spans):
    assert TM.bio_spans(labels) == spans


def test_the_window_tagger_scores_each_token_from_its_neighbours():
    # one hidden unit copies the middle token's first value: B when it is high, else O
    W1 = numpy.zeros((6, 1), dtype="float32")
    W1[2, 0] = 1.0                             # window 1, width 2: [prev(2), self(2), next(2)]
    W2 = numpy.array([[0.0, 1.0, 0.0]], dtype="float32")
    b2 = numpy.array([0.5, 0.0, 0.0], dtype="float32")
    wt = TM.WindowTagger(W1, numpy.zeros(1), W2, b2, window=1)
    vectors = numpy.array([[0, 0], [2, 0], [0, 0]] + [[1, 0]] * 20, dtype="float32")   # more rows than one product takes
    assert wt.token_spans(vectors) == [(1, 2)] + [(i, i + 1) for i in range(3, 23)]
    assert wt.token_spans(numpy.zeros((0, 2), dtype="float32")) == []
    with pytest.raises(ValueError, match="do not fit"):
        TM.WindowTagger(numpy.zeros((5, 1)), numpy.zeros(1), W2, b2, window=1)


def test_a_text_parsed_in_pieces_keeps_its_vectors_when_joined(shared, tagger):
    from claimledger.extract.parse_text import join

    parts = [shared("Roads closed in Harwinton on Monday. "), shared("Torrington schools stayed open.")]
    joined = join(parts)
    kept = tagger.tap.store.get(joined)
    assert kept is not None and kept.shape == (len(joined), tagger.width)
    assert numpy.allclose(kept, numpy.concatenate([tagger.tap.store[p] for p in parts]))


def test_the_place_tagger_setting_turns_it_off(shared):
    from claimledger.api import _default_extractor
    from claimledger.settings import Settings

    assert Settings.load({"place_tagger": "off"}, env={}).place_tagger is False
    on = _default_extractor(Settings.load({}, env={}))
    off = _default_extractor(Settings.load({"place_tagger": "off"}, env={}))
    assert on.places.tagger is not None and off.places.tagger is None
    assert on.version != off.version          # switching re-extracts stored documents


class MarkedSpans:
    """A stand-in tagger marking the given phrases wherever they occur."""

    def __init__(self, *phrases):
        self.phrases = phrases

    def spans(self, spdoc, gazetteer=None):
        import re

        return [(m.start(), m.end()) for p in self.phrases for m in re.finditer(re.escape(p), spdoc.text)]


@pytest.mark.parametrize("text, marked, want", [
    # a list's area is a hint for its members, not a place of its own, whoever marks it
    ("Troops retook the Kursk settlements of Plodovoye, Kremyanoye and Lyubimovka.", ("Kursk",),
     ["Plodovoye", "Kremyanoye", "Lyubimovka"]),
    ("Troops retook the Kursk villages of Plodovoye and Lyubimovka.", ("Kursk",), ["Plodovoye", "Lyubimovka"]),
    # elsewhere the tagger's span is a candidate like any other
    ("Troops moved from Kursk to the villages of Plodovoye and Lyubimovka.", ("Kursk",),
     ["Kursk", "Plodovoye", "Lyubimovka"]),
])
def test_a_lists_area_is_not_a_place_of_its_own(shared, text, marked, want):
    doc = shared(text)
    finder = PlaceFinder(tagger=MarkedSpans(*marked), keep_actors=True)
    finder.begin_document(doc)
    got = finder.places_for(list(doc), text, doc)
    assert [text[p.span[0]:p.span[1]] for p in got] == want


@pytest.mark.parametrize("text, marked, want", [
    # a name the parse calls a place, the gazetteer does not know and the tagger does not mark: out
    ("The mayor of Bexhilltonia spoke.", (), []),
    ("He lives in Zorblaxia.", (), []),
    # marked by the tagger too: kept with what the text says
    ("The mayor of Bexhilltonia spoke.", ("Bexhilltonia",), ["Bexhilltonia"]),
    ("He lives in Zorblaxia.", ("Zorblaxia",), ["Zorblaxia"]),
    # known to the gazetteer: kept whatever the tagger says
    ("Officials in Ohio closed the schools.", (), ["Ohio"]),
    # a LOC entity the gazetteer does not know needs the tagger too ("United Way officials said",
    # "the Pacific Decadal Oscillation" are no places) ...
    ("Hikers were lost in the Varnok Mountains.", (), []),
    ("Hikers were lost in the Varnok Mountains.", ("Varnok Mountains",), ["the Varnok Mountains"]),
    # ... unless its name makes it a body of water
    ("Fighting continued along the Dnipro River on Tuesday.", (), ["the Dnipro River"]),
])
def test_an_unknown_name_the_parse_calls_a_gpe_or_loc_needs_the_tagger(shared, text, marked, want):
    doc = shared(text)
    ents = [e for e in doc.ents if e.label_ in ("GPE", "LOC")]
    assert ents, "the parse no longer tags the name: pick another"
    finder = PlaceFinder(tagger=MarkedSpans(*marked), keep_actors=True)
    finder.begin_document(doc)
    assert [text[p.span[0]:p.span[1]] for p in finder.places_for(list(doc), text, doc)] == want
    rules = PlaceFinder(tagger=None, keep_actors=True)      # the rules alone keep what the parse says
    rules.begin_document(doc)
    assert [text[p.span[0]:p.span[1]] for p in rules.places_for(list(doc), text, doc)] == [text[e.start_char:e.end_char] for e in ents]


class MarkedAt:
    """A stand-in tagger marking the ``nth`` occurrence of each given phrase."""

    def __init__(self, *marks):
        self.marks = marks

    def spans(self, spdoc, gazetteer=None):
        import re

        return [[(m.start(), m.end()) for m in re.finditer(re.escape(p), spdoc.text)][nth] for p, nth in self.marks]


GAINESVILLE = "Gainesville says no to discrimination, Day said. Gainesville marched on Sunday. People love Gainesville."
LINCOLN = "Lincoln visited the fort. Lincoln wore a hat. The Lincoln Dinner was held in Lincoln."


@pytest.mark.parametrize("text, marks, want", [
    # the parse tags every "Gainesville" a person; the tagger marks two of the three: all three are
    # the town (one sense per discourse, as for the parse's own places)
    (GAINESVILLE, (("Gainesville", 0), ("Gainesville", 1)), [0, 49, 92]),
    # marked in fewer than half of its mentions: only where it is marked
    (GAINESVILLE, (("Gainesville", 0),), [0]),
    (LINCOLN, (("Lincoln", 3),), [77]),
    # marked once in two mentions, a town the gazetteer knows by that name: both mentions
    ("Dayton voters said no. Dayton voted again.", (("Dayton", 0),), [0, 23]),
    ("Union voters said no. Union voted again.", (("Union", 0),), [0, 22]),
    # a name the gazetteer knows only as another name of a town ("Ten Mile", of a Holbrook) is no
    # place in the mentions the tagger leaves (where it marks it, the gazetteer's reading stands) ...
    ("Ten Mile voters said no. Ten Mile voted again.", (("Ten Mile", 0),), [0]),
    # ... unless it is one plain word, no spelling of the town's name ("Stokes", of an Irrigon):
    # then it is no place even there
    ("Stokes voters said no. Stokes voted again.", (("Stokes", 0),), []),
])
def test_a_name_the_tagger_marks_in_half_its_mentions_is_a_place_in_all(shared, text, marks, want):
    doc = shared(text)
    assert not any(e.label_ in ("GPE", "LOC") for e in doc.ents), "the parse now tags a place: pick another"
    finder = PlaceFinder(tagger=MarkedAt(*marks), keep_actors=True, every_mention=True)
    finder.begin_document(doc)
    assert [p.span[0] for s in doc.sents for p in finder.places_for(list(s), text, doc)] == want


@pytest.mark.parametrize("text, marked, want", [
    # a FAC name (a hall, a road, a school) the gazetteer does not know needs the tagger ...
    ("The council met at the Durant Center last night.", (), []),
    ("The council met at the Durant Center last night.", ("Durant Center",), ["the Durant Center"]),
    # ... unless the text places it in a town right after it: a landmark, kept on the parse alone
    ("The council met at the Durant Center in Alexandria last night.", (), ["the Durant Center", "Alexandria"]),
    ("The blast happened near the Grand Mosque in Kano.", (), ["the Grand Mosque", "Kano"]),
])
def test_an_unknown_facility_needs_the_tagger_unless_the_text_places_it(shared, text, marked, want):
    doc = shared(text)
    assert any(e.label_ == "FAC" for e in doc.ents), "the parse no longer tags the facility: pick another"
    finder = PlaceFinder(tagger=MarkedSpans(*marked), keep_actors=True)
    finder.begin_document(doc)
    assert [text[p.span[0]:p.span[1]] for p in finder.places_for(list(doc), text, doc)] == want


@pytest.mark.parametrize("marked, want", [
    # the one-sense rule reads the headline's "Kanawha River" (an organisation to the parse) first,
    # and keeps only a town, region or country: the river is lost ...
    ((), ["the Kanawha River", "Charleston"]),
    # ... unless the tagger marks it: its reading is tried next, and a river is a place
    (("Kanawha River",), ["Kanawha River", "the Kanawha River", "Charleston"]),
])
def test_the_taggers_reading_is_tried_when_an_earlier_rules_reads_no_place(shared, marked, want):
    text = "Kanawha River cleanup planned Saturday. Volunteers will clean the Kanawha River near Charleston."
    doc = shared(text)
    finder = PlaceFinder(tagger=MarkedSpans(*marked), keep_actors=True, every_mention=True)
    finder.begin_document(doc)
    assert [p.text for s in doc.sents for p in finder.places_for(list(s), text, doc)] == want


@pytest.mark.parametrize("text, marked, want", [
    # a street's name the tagger marks is a place the gazetteer lacks: kept as the text places it
    ("Talmadge Drive between Pine Needle Drive and Sylvan Road is closed.", ("Pine Needle Drive", "Sylvan Road"),
     ["Pine Needle Drive", "Sylvan Road"]),
    # unmarked, the parse's organisation and person are no places
    ("Talmadge Drive between Pine Needle Drive and Sylvan Road is closed.", (), []),
    # another name the gazetteer does not know, marked, still needs the gazetteer
    ("The fire spread to Zorblax Farms on Monday.", ("Zorblax Farms",), []),
])
def test_a_street_the_tagger_marks_is_kept_unknown(shared, text, marked, want):
    doc = shared(text)
    finder = PlaceFinder(tagger=MarkedSpans(*marked), keep_actors=True)
    finder.begin_document(doc)
    got = finder.places_for(list(doc), text, doc)
    assert [p.text for p in got] == want and all(p.geonames_id is None for p in got)


@pytest.mark.parametrize("words, street", [
    (["Pine", "Needle", "Drive"], True), (["Augusta", "St."], True), (["Main", "Street"], True),
    (["Drive"], False), (["Zorblax", "Farms"], False), (["the", "Road"], False),
])
def test_a_street_name_ends_in_a_street_word(shared, words, street):
    from claimledger.extract.place_candidates import _street_name

    doc = shared(" ".join(words))
    assert _street_name(doc[:]) is street


@pytest.mark.parametrize("text, marked, want", [
    # the tagger marks the first name of a person the parse names in full: a person, not a place,
    # whether the person is the doer or not, and in the one-sense votes too
    ("Georgia Smith said the vote was fair.", ("Georgia",), []),
    ("Then, Sarnia native Brandon Biggers beat the goalie.", ("Brandon", "Sarnia"), ["Sarnia"]),
    ("Georgia Smith said the vote was fair. Georgia Smith voted.", ("Georgia",), []),
    # a place's name opening an institution's or a club's name the parse calls a person is still one
    ("Alexandria Police Spokeswoman Ashley Hildebrandt said it was over.", ("Alexandria",), ["Alexandria"]),
    ("Flemington Elks plan comedy show April 8.", ("Flemington",), ["Flemington"]),
    ("Jordan Elementary School Principal Stacy DeCorsey shows her students a check.", ("Jordan",), ["Jordan"]),
    # the place named alone stays a place beside a person of that first name
    ("Austin Butler spoke to reporters in Georgia.", ("Georgia",), ["Georgia"]),
])
def test_a_persons_first_name_the_tagger_marks_is_not_a_place(shared, text, marked, want):
    doc = shared(text)
    first = doc.char_span(text.index(marked[0]), text.index(marked[0]) + len(marked[0]))
    if not want:
        assert first[0].ent_type_ == "PERSON" and first[0].ent_iob_ == "B", "the parse no longer names the person"
    finder = PlaceFinder(tagger=MarkedSpans(*marked), keep_actors=True, every_mention=True)
    finder.begin_document(doc)
    assert [p.text for s in doc.sents for p in finder.places_for(list(s), text, doc)] == want


@pytest.mark.parametrize("text, want", [
    ("Georgia Smith said the vote was fair.", True),
    ("Alexandria Police said the vote was fair.", False),       # an institution word
    ("Flemington Elks plan comedy show April 8.", False),      # the name modifies a noun after it
    ("Calif. Olson said the vote was fair.", False),           # an abbreviation: no first name
])
def test_a_given_name_of_a_person(shared, text, want):
    from claimledger.extract.place_candidates import _given_name_of_person

    doc = shared(text)
    assert _given_name_of_person(doc[0:1], doc) is want


@pytest.mark.parametrize("marked, claim, want", [
    # the tagger's mark inside a name the parse calls an organisation: in a claim, who acts
    (("US",), True, []),
    (("US",), False, ["US"]),            # toponym annotators mark it: eval toponyms counts it
    ((), False, []),
])
def test_a_taggers_mark_inside_an_organisation_is_left_out_of_a_claim(shared, marked, claim, want):
    text = "Officials at the US Africa Command said the strike killed two."
    doc = shared(text)
    assert doc[3].ent_type_ == "ORG", "the parse no longer tags the organisation"
    finder = PlaceFinder(tagger=MarkedSpans(*marked), keep_actors=not claim)
    finder.begin_document(doc)
    assert [p.text for p in finder.places_for(list(doc), text, doc)] == want
