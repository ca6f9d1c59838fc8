"""The attribution-finder seam (extract/finders.py): the pipeline builds claims from span records
whatever finder made them; the rules are one finder; finders combine."""
from __future__ import annotations

import dataclasses

import pytest

from claimledger.extract.attribution import RulesFinder
from claimledger.extract.finders import (AttributionFinder, AttributionSpan, CombinedFinder,
                                         ReadingFinder, load_finder)
from claimledger.extract.pipeline import Extractor
from claimledger.ingest import document_from_text

TEXT = ("The ministry said 12 soldiers were killed in Donetsk on Monday.\n\n"
        "Residents reported heavy shelling overnight.\n")


def _span(text, phrase, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.index(phrase, i + 1)
    return (i, i + len(phrase))


class FixedFinder:
    """A finder that returns what it was given (stands in for a model)."""

    def __init__(self, name, records):
        self.name = name
        self.records = records
        self.calls = 0

    def find(self, doc, text, blocks):
        self.calls += 1
        assert len(doc.text) == len(text) and blocks and blocks[0][0] <= blocks[-1][0]
        return list(self.records)


def test_rules_finder_follows_the_protocol_and_returns_spans(extractor):
    doc = document_from_text(TEXT, path="t.txt")
    rules = RulesFinder()
    assert isinstance(rules, AttributionFinder)
    spdoc = extractor.nlp(doc.text)
    found = rules.find(spdoc, doc.text, [(0, len(doc.text))])
    a = next(a for a in found if a.cue and doc.text[a.cue[0]:a.cue[1]] == "said")
    assert doc.text[a.source[0]:a.source[1]] == "The ministry"
    assert doc.text[a.content[0][0]:a.content[-1][1]].startswith("12 soldiers were killed")
    assert a.kind == "indirect" and a.finder.startswith("rules.") and a.cue_lemma == "say"
    assert all(isinstance(x, int) for sp in [a.cue, a.source, *a.content, *a.stated] for x in sp)


def test_a_model_like_finder_plugs_into_the_extractor(extractor):
    doc = document_from_text(TEXT, path="t.txt")
    text = doc.text
    rec = AttributionSpan(content=[_span(text, "heavy shelling overnight")], cue=_span(text, "reported"),
                          source=_span(text, "Residents"), finder="model", confidence=0.66)
    sourceless = AttributionSpan(content=[_span(text, "12 soldiers were killed in Donetsk")], finder="model")
    finder = FixedFinder("model", [rec, sourceless])
    ex = Extractor(nlp=extractor.nlp, finder=finder)
    claims = ex.extract_one(doc)
    assert finder.calls == 1
    by_content = {c.content: c for c in claims}
    c = by_content["heavy shelling overnight"]
    assert c.source.text == "Residents" and c.cue.text == "reported" and c.cue.lemma == "report"
    assert c.attribution == "indirect" and c.confidence == 0.66 and c.sentence.startswith("Residents reported")
    s = by_content["12 soldiers were killed in Donetsk"]
    assert s.source.kind == "unnamed" and s.cue is None and s.quantities and s.places
    # sentences no finder attributed are the outlet's own narration
    assert not any(c.attribution == "author" and "reported" in c.content for c in claims)


def test_combined_finder_keeps_the_first_and_adds_what_only_later_ones_found(extractor):
    doc = document_from_text(TEXT + "\nThe town is not thought to be under rebel control.\n", path="t.txt")
    text = doc.text
    same = AttributionSpan(content=[_span(text, "12 soldiers were killed")], finder="model")
    new = AttributionSpan(content=[_span(text, "Monday")], finder="model")  # the rules take it as content
    other = AttributionSpan(content=[_span(text, "The town")], cue=_span(text, "is not thought"), finder="model")
    combo = CombinedFinder([RulesFinder(), FixedFinder("model", [same, new, other])])
    assert combo.name == "rules+model"
    spdoc = extractor.nlp(text)
    found = combo.find(spdoc, text, [(0, len(text))])
    finders = [a.finder for a in found]
    assert "model" in finders and finders.count("model") == 1
    assert any(a.finder.startswith("rules.") and a.cue and text[a.cue[0]:a.cue[1]] == "said" for a in found)
    assert [a.content[0][0] for a in found] == sorted(a.content[0][0] for a in found)


class _Doc:
    def __init__(self, text):
        self.text = text


def _rec(finder, content, source=None):
    return AttributionSpan(content=[content] if isinstance(content, tuple) else content,
                           source=source, finder=finder)


# (first finder's records, second finder's records, what ReadingFinder keeps, by finder and content)
READING_CASES = [
    # the same content (Jaccard >= 0.5): the second's reading replaces the first's
    ([_rec("enc", (0, 40), (50, 55))], [_rec("rules", (0, 36), (50, 70))], [("rules", (0, 36))]),
    # overlapping too little to be the same attribution: the first's stays, the second's is not added
    ([_rec("enc", (0, 40))], [_rec("rules", (30, 90))], [("enc", (0, 40))]),
    # the first found nothing there: the second's is added, as with '+'
    ([_rec("enc", (0, 40))], [_rec("rules", (100, 140))], [("enc", (0, 40)), ("rules", (100, 140))]),
    # only the first found it: kept as it is
    ([_rec("enc", (0, 40)), _rec("enc", (60, 80))], [], [("enc", (0, 40)), ("enc", (60, 80))]),
    # one of the second's records replaces at most one of the first's: the one it overlaps most
    ([_rec("enc", (0, 40)), _rec("enc", (2, 44))], [_rec("rules", (2, 44))],
     [("enc", (0, 40)), ("rules", (2, 44))]),
    # a discontinuous content is compared by its characters, not its outer edges
    ([_rec("enc", [(0, 20), (60, 80)])], [_rec("rules", [(0, 20), (60, 76)])], [("rules", (0, 20))]),
]


@pytest.mark.parametrize("firsts, seconds, kept", READING_CASES)
def test_reading_finder_takes_the_second_finders_reading_of_what_both_found(firsts, seconds, kept):
    text = "x" * 200
    combo = ReadingFinder(FixedFinder("enc", firsts), FixedFinder("rules", seconds))
    assert combo.name == "enc:rules"
    found = combo.find(_Doc(text), text, [(0, len(text))])
    assert [(a.finder, a.content[0]) for a in found] == kept
    if kept and kept[0][0] == "rules" and firsts[0].source:
        assert found[0].source == seconds[0].source      # the whole reading, source included


@pytest.mark.parametrize("combine", [lambda f, s: ReadingFinder(f, s), lambda f, s: CombinedFinder([f, s])])
def test_combinations_leave_out_records_with_no_content_and_keep_the_rest(combine):
    text = "x" * 200
    first = FixedFinder("enc", [AttributionSpan(content=[], finder="enc"),        # no content at all
                                AttributionSpan(content=[(5, 5)], finder="enc"),  # only an empty piece
                                _rec("enc", (100, 140))])
    second = FixedFinder("rules", [_rec("rules", (0, 10)), AttributionSpan(content=[(150, 150)], finder="rules")])
    found = combine(first, second).find(_Doc(text), text, [(0, len(text))])
    assert [(a.finder, a.content) for a in found] == [("rules", [(0, 10)]), ("enc", [(100, 140)])]


def test_a_continued_quotation_whose_first_part_was_not_kept_continues_nothing():
    text = "x" * 200
    a = _rec("rules", (0, 20))
    b = dataclasses.replace(_rec("rules", (40, 60)), continues=(0, 20))
    # '+': the first finder covers A (so A is left out) but not B (added): B continues nothing
    found = CombinedFinder([FixedFinder("enc", [_rec("enc", (0, 25))]), FixedFinder("rules", [a, b])]).find(
        _Doc(text), text, [(0, len(text))])
    assert [(x.finder, x.content[0], x.continues) for x in found] == [("enc", (0, 25), None),
                                                                        ("rules", (40, 60), None)]
    # where the first part is kept, the link stays
    kept = ReadingFinder(FixedFinder("enc", []), FixedFinder("rules", [a, b])).find(_Doc(text), text, [(0, 200)])
    assert [x.continues for x in kept] == [None, (0, 20)]


def test_a_reading_keeps_the_link_of_a_continued_quotation_it_took_whole():
    text = "x" * 200
    a = _rec("rules", (0, 20))
    b = dataclasses.replace(_rec("rules", (40, 60)), continues=(0, 20))
    first = FixedFinder("enc", [_rec("enc", (0, 45)), _rec("enc", (42, 60))])
    found = ReadingFinder(first, FixedFinder("rules", [a, b])).find(_Doc(text), text, [(0, len(text))])
    # the encoder's (0, 45) stays (A is no twin of it: Jaccard 20/45); B replaces (42, 60) but A,
    # which it continues, is not kept: B continues nothing
    assert [(x.finder, x.content[0], x.continues) for x in found] == [("enc", (0, 45), None),
                                                                        ("rules", (40, 60), None)]


def test_load_finder_by_name():
    assert load_finder("rules").name == "rules"
    with pytest.raises(ValueError, match="unknown attribution finder 'nope'"):
        load_finder("nope")
    with pytest.raises(ValueError):
        load_finder("")
    combo = load_finder("rules:rules+rules")
    assert combo.name == "rules:rules+rules" and isinstance(combo.finders[0], ReadingFinder)
    for bad in ("rules:", "rules:rules:rules", ":rules"):
        with pytest.raises(ValueError, match="joins exactly two finder names"):
            load_finder(bad)


def test_the_finder_option_help_names_every_finder():
    from claimledger.cli import build_parser
    from claimledger.extract.finders import FINDERS
    from claimledger.settings import SETTINGS
    helps = [a.help for a in build_parser()._actions if "--attribution-finder" in a.option_strings]
    setting = next(s for s in SETTINGS if s.name == "attribution_finder")
    for text in helps + [setting.help]:
        for name in FINDERS:
            assert f"{name} (" in text, (name, text)
        assert "encoder+rules" in text and "encoder:rules" in text


def test_evaluations_follow_the_attribution_finder_setting(monkeypatch):
    """`eval claims --attribution-finder X` extracts with X (it had used the rules whatever was set)."""
    import claimledger.extract.pipeline as pipeline
    from claimledger.evaluate.attribution import make_extractor
    from claimledger.settings import Settings
    seen = {}

    class Stub:
        def __init__(self, **kw):
            seen.clear()
            seen.update(kw)
    monkeypatch.setattr(pipeline, "Extractor", Stub)
    make_extractor(Settings(attribution_finder="rules+encoder"))
    assert seen["finder"] == "rules+encoder"
    make_extractor(Settings(attribution_finder="rules+encoder"), "model")
    assert seen["finder"] == "model"
