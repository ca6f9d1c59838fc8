"""No text may raise inside place finding: the crash class of issue 11 item 1 (a region word whose
proper-noun modifier spaCy tags ``amod``, which once gave an empty token run and an IndexError),
and a small fixed sample of development-corpus texts run through the whole extractor (every text
of the corpora is run by ``benchmarks/corpus_robustness.py``, not here: it takes many minutes)."""
from __future__ import annotations

import pytest

from extract_helpers import claims_of, only

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def finder_parse():
    from claimledger.extract import nlp as nlp_mod
    from claimledger.extract.places_extract import PlaceFinder

    nlp = nlp_mod.load()
    finder = PlaceFinder()

    def places(text):
        spdoc = nlp(text)
        finder.begin_document(spdoc)
        return finder.places_for(list(spdoc), text, spdoc)
    return places


# spaCy's small model makes the name before the region word an ``amod`` here, not a ``compound``
@pytest.mark.parametrize("text, name", [
    ("Fighting spread across the Punjab region.", "Punjab"),
    ("Fighting spread across the Punjab territory.", "Punjab"),
    ("He lives in the northern Crimean province.", None),
    ("Fighting spread across the Baltic region.", "Baltic"),
])
def test_region_word_with_an_amod_name_does_not_crash(finder_parse, text, name):
    places = finder_parse(text)
    assert [p.name for p in places if p.name == name] == ([name] if name else [])
    for p in places:
        assert p.span is not None and text[p.span[0]:p.span[1]]


def test_amod_region_name_in_a_claim(extractor):
    c = only(claims_of(extractor, "Police said fighting spread across the Punjab region overnight."))
    assert [(p.name, p.feature) for p in c.places] == [("Punjab", "region")]


# ---- a fixed sample of the development corpora through the whole extractor ------------------------
def _sample():
    import sys
    from pathlib import Path

    from conftest import SHARED

    corpora = SHARED / "corpora"
    if not corpora.is_dir():
        return None
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        from corpus_robustness import corpus_texts
    finally:
        sys.path.pop(0)
    out = []
    for which, n in (("lgl", 3), ("geovirus", 3), ("polnear", 1), ("wikiwars", 1)):
        for i, (art, text) in enumerate(corpus_texts(corpora, which)):
            if i >= n:
                break
            out.append((f"{which}:{art}", text[:4000]))
    return out


def test_corpus_sample_extracts_without_raising(extractor):
    sample = _sample()
    if sample is None:
        pytest.skip("../shared/corpora is absent: the corpus sample cannot run")
    from claimledger.ingest import document_from_text

    for name, text in sample:
        doc = document_from_text(text)
        claims = extractor.extract_one(doc)          # must not raise
        for c in claims:
            for p in c.places:
                assert p.span is not None and 0 <= p.span[0] < p.span[1] <= len(doc.text), (name, p)
                if p.feature in ("country", "region") and p.geonames_id is not None:
                    assert p.lat is not None and p.lon is not None, (name, p)


# ---- recognition families --------------------------------------------------------------------------
@pytest.mark.parametrize("text, found", [
    ("Detective John Thomas of the Concord Police Department said.", ["Concord"]),        # institution of a place
    ("The City Council met on Monday.", []),                                                # no place before it
    ("COLUMBUS, Ohio (AP) — The mayor said the plan would pass.", ["COLUMBUS", "Ohio"]),   # dateline
    ("Rep. Donald Humason, R-Westfield, said he would support it.", ["Westfield"]),        # party and home town
    ("U.S. troops fired on the crowd.", ["U.S."]),                                          # a country name as modifier
    ("Ukrainian officials said the dam was hit.", []),                                      # a demonym stays out
    ("Fighting was heavy in northern Gaza.", ["northern Gaza"]),                            # part of a place
    ("Fighting spread across the Kursk region.", ["Kursk"]),                                # region phrase
    ("CEO Bob Sommers told Springfield residents on Monday.", ["Springfield"]),             # a place's people
    ("Lt. Mike Murphy of the Kansas Highway Patrol said.", ["Kansas"]),
    ("She attended law school at Texas Southern University last year.", ["Texas"]),  # an area opening a name
    ("A spokesman for Northwest Airlines said the flight was late.", []),                # a direction, not a region
])
def test_recognition_families(finder_parse, text, found):
    places = finder_parse(text)
    assert [text[p.span[0]:p.span[1]] for p in places] == found
    for p in places:
        assert p.lat is not None, p                      # each of these resolves with a point


def test_part_of_a_place_keeps_its_point_at_lower_precision(finder_parse):
    [p] = finder_parse("Strikes hit southern Lebanon overnight.")
    assert (p.name, p.feature, p.country, p.geo_precision) == ("southern Lebanon", "region", "LB", 3)
    assert p.reason.startswith("part of Lebanon")


# ---- the outlet's country is evidence ------------------------------------------------------------
@pytest.mark.parametrize("url, meta, cc", [
    ("https://www.bbc.co.uk/news/x", {}, "GB"), ("https://www.abc.net.au/news/x", {}, "AU"),
    ("https://example.com/x", {"locale": "en_NG"}, "NG"), ("https://example.com/x", {}, None),
    ("https://news.example.io/x", {}, None), (None, {}, None),
])
def test_outlet_country(url, meta, cc):
    from claimledger.extract.places_extract import outlet_country
    from claimledger.models import Document

    assert outlet_country(Document(text="x", url=url, meta=meta)) == cc


def test_outlet_country_settles_a_namesake(extractor):
    text = "Police said flooding had closed roads in Richmond on Tuesday."
    gb = only(claims_of(extractor, text, url="https://www.example.co.uk/news/floods"))
    us = only(claims_of(extractor, text, url="https://www.example.com/news/floods"))
    assert [p.country for p in gb.places] == ["GB"]
    assert [p.country for p in us.places] == ["US"]


def test_dateline_after_a_headline_places_the_town_in_its_area(finder_parse):
    text = "Police: Gunman's wife worked at home. CARTHAGE, N.C. (AP) - Investigators are looking."
    places = finder_parse(text)
    assert [(p.name, p.country, p.admin1_code) for p in places] == [
        ("Carthage", "US", "NC"), ("North Carolina", "US", "NC")]


def test_a_name_tagged_a_place_once_is_a_place_in_every_mention():
    # spaCy tags the later "Alexandria"s PERSON; one sense per discourse makes them places, and
    # "Alexandria, Virginia" puts the town in the state named right after it (not in Egypt)
    from claimledger.extract import nlp as nlp_mod
    from claimledger.extract.places_extract import PlaceFinder

    text = ("Two men were arrested in Alexandria, Virginia, on Sunday. Alexandria police said the men "
            "were charged. The Alexandria grand jury met on Monday.")
    spdoc = nlp_mod.load()(text)
    finder = PlaceFinder()
    finder.begin_document(spdoc)
    places = [p for sent in spdoc.sents for p in finder.places_for(list(sent), text, spdoc)]
    assert [text[p.span[0]:p.span[1]] for p in places] == ["Alexandria", "Virginia", "Alexandria", "Alexandria"]
    assert {(p.country, p.admin1) for p in places} == {("US", "Virginia")}


def test_every_mention_for_toponym_scoring():
    from claimledger.extract import nlp as nlp_mod
    from claimledger.extract.places_extract import PlaceFinder

    text = "Shells fell on Donetsk overnight, and later again on Donetsk."
    spdoc = nlp_mod.load()(text)
    spans = {}
    for every in (False, True):
        finder = PlaceFinder(every_mention=every)
        finder.begin_document(spdoc)
        spans[every] = [p.span for p in finder.places_for(list(spdoc), text, spdoc)]
    assert len(spans[False]) == 1 and len(spans[True]) == 2


def test_outlet_named_after_a_town_places_the_documents_other_names_around_it(extractor):
    # palestineherald.com is the paper of Palestine, Texas: with its address, the story's other
    # town is the Elkhart near it, not a namesake elsewhere; without it, no Elkhart in Texas
    text = "Police said a fire destroyed two barns in Palestine and Elkhart on Tuesday."
    local = only(claims_of(extractor, text, url="https://www.palestineherald.com/news/fire"))
    bare = only(claims_of(extractor, text))
    elkhart = [p for p in local.places if p.name == "Elkhart"]
    assert [(p.country, p.admin1) for p in elkhart] == [("US", "Texas")]
    assert ("Elkhart", "Texas") not in [(p.name, p.admin1) for p in bare.places]


def test_outlet_with_no_home_among_the_documents_names_adds_nothing(extractor):
    from claimledger.extract.places_extract import _outlet_with_home
    from claimledger.extract.nlp import load
    from claimledger.models import Document

    spdoc = load()("Police said a fire destroyed two barns in Elkhart on Tuesday.")
    # a .com outlet named after none of the document's names: nothing (an international .com site
    # must not pull conflict towns to American namesakes); a country's domain: its country is
    # already the document's prior
    for url in ("https://www.palestineherald.com/x", "https://www.aljazeera.com/x", "https://www.bbc.co.uk/x"):
        assert _outlet_with_home(Document(text=spdoc.text, url=url), spdoc) is None
    assert _outlet_with_home(None, spdoc) is None
    spdoc = load()("Police said a fire destroyed two barns in Palestine on Tuesday.")
    outlet = _outlet_with_home(Document(text=spdoc.text, url="https://www.palestineherald.com/x"), spdoc)
    assert outlet is not None and "Palestine" in outlet.also


def test_an_international_com_site_does_not_move_a_conflict_town_to_america(extractor):
    from claimledger.ingest import document_from_text
    for text, country in (("Rockets landed near Jericho, the army said.", "PS"),
                          ("Soldiers raided homes in Hebron, the army said.", "PS")):
        for url in (None, "https://www.aljazeera.com/news/x", "https://www.example.com/x"):
            doc = document_from_text(text, path="t.txt", url=url) if url else document_from_text(text, path="t.txt")
            places = [p for c in extractor.extract_one(doc) for p in c.places]
            assert places and places[0].country == country, (text, url, places[:1])
