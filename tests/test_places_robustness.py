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
