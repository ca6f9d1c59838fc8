"""Attribution scoring with a stub extractor (no model): exact figures worked out by hand on the
two-document corpus in tests/fixtures/eval/brat/corpus."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from claimledger.evaluate.attribution import (
    Item, bootstrap_ci, char_set, evaluate_attribution, match, quote_type, source_type, trim_spans)
from claimledger.models import Claim, Cue, Source

CORPUS = Path(__file__).parent / "fixtures" / "eval" / "brat" / "corpus"
DOC1 = (CORPUS / "doc1.txt").read_text(encoding="utf-8")
DOC2 = (CORPUS / "doc2.txt").read_text(encoding="utf-8")


def _at(text: str, s: str, k: int = 0) -> tuple[int, int]:
    """The k-th whole-word occurrence of s ("he" is not the one in "the")."""
    m = [m for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text)][k]
    return m.start(), m.end()


def claim(text, pieces, source=None, cue=None, attribution="indirect", kind="person", resolved_from=None):
    """A Claim over ``text``: pieces/source/cue given as strings or (string, occurrence)."""
    spans = [_at(text, *p) if isinstance(p, tuple) else _at(text, p) for p in pieces]
    src_span = (_at(text, *source) if isinstance(source, tuple) else _at(text, source)) if source else None
    cue_span = (_at(text, *cue) if isinstance(cue, tuple) else _at(text, cue)) if cue else None
    src = Source(text=text[src_span[0]:src_span[1]] if src_span else "", name=None,
                 kind=kind if src_span else ("author" if attribution == "author" else "unnamed"),
                 span=src_span, resolved_from=resolved_from)
    return Claim(document_id="d", content=" ".join(text[s:e] for s, e in spans), span=(spans[0][0], spans[-1][1]),
                 sentence="", attribution=attribution, source=src,
                 cue=Cue(text=text[cue_span[0]:cue_span[1]], lemma="", span=cue_span) if cue_span else None,
                 spans=spans if len(spans) > 1 else [])


PREDICTIONS = {
    "doc1.txt": [
        # P1: E1 exactly (quote marks and edge commas are trimmed away)
        claim(DOC1, ['"Our units hold the line,"', '"and will not retreat."'], "he", ("said", 0),
              attribution="direct_quote", resolved_from="he"),
        # P2: E2 with a shorter source ("ministry" for "The ministry": Jaccard 8/11)
        claim(DOC1, ["40 soldiers were killed."], "ministry", ("said", 1)),
        # narration: not an attribution, never counted
        claim(DOC1, ["It is believed that the bridge was destroyed"], attribution="author"),
        # P4: E3 (no source on either side)
        claim(DOC1, ["the bridge was destroyed"], None, "believed", attribution="passive_unattributed"),
        # P5: overlaps E1's content (Jaccard 19/36) but E1 is taken by P1: a false alarm
        claim(DOC1, ["Our units hold the line"], "The ministry"),
    ],
    "doc2.txt": [
        # P6: E1 with the cue "told reporters" for "told" (exact cue wrong, overlapping)
        claim(DOC2, ['the talks were "very productive" and would continue'], "Mr. Smith", "told reporters"),
        # E2 ("2,000 people fled", according to the UN) is missed
    ],
}


class StubExtractor:
    def __init__(self, predictions, fail=()):
        self.predictions = predictions
        self.fail = set(fail)
        self.seen = []

    def extract_one(self, document):
        name = os.path.basename(document.path)
        self.seen.append(name)
        if name in self.fail:
            raise RuntimeError("boom")
        return list(self.predictions.get(name, []))


@pytest.fixture(scope="module")
def report():
    return evaluate_attribution(CORPUS, StubExtractor(PREDICTIONS), n_bootstrap=200, seed=7)


# ------------------------------------------------------------------------------- helpers
def test_trim_and_char_sets():
    text = '"Our units," he said: "hold."'
    assert trim_spans(text, [(0, 12)]) == [(1, 10)]            # quote and comma off both edges
    assert trim_spans(text, [(19, 20)]) == [(19, 20)]          # a colon cue keeps its colon
    assert trim_spans(text, [(12, 12)]) == []
    assert char_set(text, [(0, 12)]) == frozenset(i for i in range(1, 10) if text[i] != " ")
    assert char_set(text, None) is None


def test_quote_types():
    text = ('"All of it," he said. He said some of it was "fine" today. None of it, he said.\n'
            "\u201cCurly quotes\u201d count, and \u2018single ones\u2019 too; America\u2019s apostrophe does not.\n"
            '"An unclosed quote runs to the end of its paragraph.\nNext paragraph is outside.')

    def qt(s):
        return quote_type(text, [_at(text, s)])
    assert qt('"All of it,"') == "direct"
    assert qt("some of it was \"fine\" today") == "mixed"
    assert qt("None of it") == "indirect"
    assert qt("Curly quotes") == "direct"
    assert qt("single ones") == "direct"
    assert qt("America\u2019s apostrophe does not") == "indirect"
    assert qt("runs to the end of its paragraph") == "direct"
    assert qt("Next paragraph") == "indirect"


def test_source_types():
    text = "He said. The ministry said. who said. They said."
    assert source_type(text, [(0, 2)]) == "pronoun"
    assert source_type(text, [_at(text, "who")]) == "pronoun"
    assert source_type(text, [_at(text, "They")]) == "pronoun"
    assert source_type(text, [_at(text, "The ministry")]) == "named"
    assert source_type(text, None) == "none"


def test_matching_is_one_to_one_and_maximal():
    text = "aaaa bbbb cccc dddd"
    g1 = Item.build(text, "E1", [(0, 9)], None, None, bytearray(len(text)))      # aaaa bbbb
    g2 = Item.build(text, "E2", [(0, 4)], None, None, bytearray(len(text)))      # aaaa
    p1 = Item.build(text, "p1", [(0, 4)], None, None, bytearray(len(text)))      # aaaa: fits both
    p2 = Item.build(text, "p2", [(0, 14)], None, None, bytearray(len(text)))     # aaaa bbbb cccc: fits g1 only
    # greedy by best Jaccard would give g1 (J=.67 with p2, .5 with p1) ... the maximum matching pairs all
    m = match([g1, g2], [p1, p2], "content_lenient")
    assert m == {0: 1, 1: 0}
    assert match([g1, g2], [p1], "content_lenient") in ({0: 0}, {1: 0})
    assert match([g2], [p1, p1], "content_exact") == {0: 0}


# ------------------------------------------------------------------------------- figures
EXPECTED = {  # (matched, P, R) with 5 gold and 5 predictions (see PREDICTIONS)
    "content_exact": 4, "content_lenient": 4,
    "content_source_exact": 3,   # P2's source is not exact
    "content_source_lenient": 4,
    "full_exact": 2,             # ... and P6's cue is not exact
    "full_lenient": 4,
}


@pytest.mark.parametrize("measure,tp", sorted(EXPECTED.items()))
def test_measures(report, measure, tp):
    s = report.scores(measure)
    assert (s["gold"], s["predicted"], s["tp"]) == (5, 5, tp)
    assert s["precision"] == pytest.approx(tp / 5) and s["recall"] == pytest.approx(tp / 5)
    assert s["f1"] == pytest.approx(tp / 5)


def test_author_claims_are_left_out(report):
    assert [len(d.pred) for d in report.documents] == [4, 1]
    assert [len(d.gold) for d in report.documents] == [3, 2]


def test_summary_keys(report):
    s = report.summary()
    assert s["content_source_lenient_f1"] == pytest.approx(0.8)
    assert s["full_lenient_f1"] == pytest.approx(0.8)
    assert s["full_exact_f1"] == pytest.approx(0.4)
    assert s["f1"] == s["content_source_lenient_f1"] and s["precision"] == pytest.approx(0.8)


def test_breakdown_by_quote_type(report):
    d = report.to_dict()["by_quote"]
    direct, mixed, indirect = (d[k]["content_source_lenient"] for k in ("direct", "mixed", "indirect"))
    # gold: E1 direct; doc2 E1 mixed; E2, E3, doc2 E2 indirect. Predictions: P1, P5 direct; P6 mixed; P2, P4 indirect
    assert (direct["gold"], direct["tp"], direct["predicted"], direct["matched_predicted"]) == (1, 1, 2, 1)
    assert direct["recall"] == 1.0 and direct["precision"] == 0.5
    assert (mixed["gold"], mixed["tp"], mixed["predicted"]) == (1, 1, 1) and mixed["f1"] == 1.0
    assert (indirect["gold"], indirect["tp"], indirect["predicted"]) == (3, 2, 2)
    assert indirect["recall"] == pytest.approx(2 / 3) and indirect["precision"] == 1.0
    assert d["indirect"]["full_exact"]["tp"] == 1  # E3 only (E2's source is not exact)


def test_breakdown_by_source(report):
    d = report.to_dict()["by_source"]
    pron, named, none = (d[k]["content_source_lenient"] for k in ("pronoun", "named", "none"))
    assert (pron["gold"], pron["tp"], pron["predicted"]) == (1, 1, 1)
    # named gold: E2, doc2 E1, doc2 E2 (missed); named predictions: P2, P5 (false alarm), P6
    assert (named["gold"], named["tp"], named["predicted"], named["matched_predicted"]) == (3, 2, 3, 2)
    assert named["precision"] == pytest.approx(2 / 3) and named["recall"] == pytest.approx(2 / 3)
    assert (none["gold"], none["tp"], none["predicted"]) == (1, 1, 1)


def test_bootstrap_intervals(report):
    d = report.to_dict()
    ci = d["measures"]["content_source_lenient"]["ci"]
    for key in ("precision", "recall", "f1"):
        lo, hi = ci[key]
        assert 0.0 <= lo <= d["measures"]["content_source_lenient"][key] <= hi <= 1.0
    # documents: doc1 (3 of 3 gold, 3 of 4 predictions), doc2 (1 of 2, 1 of 1); resampling two
    # documents gives recall 1, 0.8 or 0.5 only
    assert ci["recall"][0] in (0.5, 0.8) and ci["recall"][1] == 1.0
    again = bootstrap_ci([doc.counts("content_source_lenient") for doc in report.documents], 200, 7)
    assert again == ci  # fixed seed: the same intervals every run
    assert d["bootstrap"] == {"resamples": 200, "seed": 7, "level": 0.95, "unit": "document"}


def test_error_listing(report):
    errs = report.to_dict(errors=True)["errors"]
    misses = [e for e in errs if e["error"] == "miss"]
    alarms = [e for e in errs if e["error"] == "false_alarm"]
    assert [(e["document"], e["ref"], e["content"]) for e in misses] == [("doc2", "E2", "2,000 people fled")]
    assert misses[0]["source"] == "the UN" and misses[0]["cue"] == "According to"
    assert "\u27e6" + "2,000 people fled" + "\u27e7" in misses[0]["context"]
    assert "\u27ea" + "According to" + "\u27eb" in misses[0]["context"]
    assert "nearest" not in misses[0]
    assert [(e["document"], e["content"], e["source"]) for e in alarms] == [
        ("doc1", "Our units hold the line", "The ministry")]


def test_warnings_are_carried(report):
    assert len(report.warnings) == 1 and "doc2.ann:3" in report.warnings[0]


def test_extraction_failure_scores_as_nothing_found():
    stub = StubExtractor(PREDICTIONS, fail={"doc2.txt"})
    rep = evaluate_attribution(CORPUS, stub, n_bootstrap=0)
    assert stub.seen == ["doc1.txt", "doc2.txt"]
    s = rep.scores("content_exact")
    assert (s["tp"], s["gold"], s["predicted"]) == (3, 5, 4)
    assert len(rep.failures) == 1 and "doc2.txt" in rep.failures[0] and "boom" in rep.failures[0]
    assert rep.to_dict()["measures"]["content_exact"]["ci"] == {}


def test_nearest_prediction_explains_a_wrong_source():
    preds = {"doc1.txt": [claim(DOC1, ["40 soldiers were killed"], "he", ("said", 1))]}
    rep = evaluate_attribution(CORPUS, StubExtractor(preds), n_bootstrap=0)
    errs = rep.to_dict(errors=True)["errors"]
    e2 = next(e for e in errs if e["error"] == "miss" and e["ref"] == "E2")
    assert e2["nearest"] == {"content_jaccard": 1.0, "source": "he", "cue": "said",
                             "content": "40 soldiers were killed"}
    assert rep.scores("content_exact")["tp"] == 1 and rep.scores("content_source_lenient")["tp"] == 0


def test_annotator_choice_changes_the_gold():
    rep = evaluate_attribution(CORPUS, StubExtractor(PREDICTIONS), annotator="b2", n_bootstrap=0)
    s = rep.scores("content_source_lenient")
    assert (s["gold"], s["predicted"], s["tp"]) == (1, 4, 1)
    assert rep.to_dict()["annotators"] == {"doc1": "b2"}


def test_byte_order_mark_offsets(tmp_path):
    """Annotation offsets count a leading BOM; ingest drops it, so predictions are shifted back."""
    text = "\ufeffThe mayor said the road is closed.\n"
    s = text.index("the road")
    (tmp_path / "bom.txt").write_text(text, encoding="utf-8")
    (tmp_path / "bom.ann").write_text(f"T1\tContent {s} {s + 19}\tthe road is closed.\n"
                                      f"T2\tAttribution {s - 5} {s - 1}\tsaid\nE1\tAttribution:T2 Content:T1\n",
                                      encoding="utf-8")

    class Stub:
        def extract_one(self, document):
            assert not document.text.startswith("\ufeff")
            return [claim(document.text, ["the road is closed."])]

    rep = evaluate_attribution(tmp_path, Stub(), n_bootstrap=0)
    assert rep.scores("content_exact")["tp"] == 1


# ------------------------------------------------------------------------------- causes, nesting
def test_misses_by_cause(report):
    # doc2's E2 ("2,000 people fled", according to the UN) has nothing near it: cue missed
    assert report.to_dict()["miss_causes"] == {"source-less": 0, "source wrong": 0, "content boundary": 0,
                                               "cue missed": 1, "false alarms": 1}


def test_miss_cause_rules():
    from claimledger.evaluate.attribution import DocumentScore, MEASURES, miss_cause
    text = "The ministry said 40 soldiers were killed. It is believed the bridge fell."
    mask = bytearray(len(text))

    def it(content, source, cue):
        return Item.build(text, "x", [_at(text, content)], [_at(text, source)] if source else None,
                          [_at(text, cue)] if cue else None, mask)
    gold = [it("40 soldiers were killed", "The ministry", "said"), it("the bridge fell", None, "believed")]

    def cause(pred, gi=0):
        d = DocumentScore("d", "d.txt", text, None, gold, pred, {m: match(gold, pred, m) for m in MEASURES})
        return miss_cause(d, gi)
    assert cause([it("40 soldiers were killed", "It", "said")]) == "source wrong"
    assert cause([it("soldiers", "The ministry", "said")]) == "content boundary"
    assert cause([it("the bridge fell", None, "believed")]) == "cue missed"
    assert cause([], gi=1) == "source-less"


def test_nested_predictions_are_flattened_for_the_univocal_score():
    from claimledger.evaluate.attribution import flatten
    text = "A survey found that residents said the water was unsafe."
    mask = bytearray(len(text))
    outer = Item.build(text, "o", [(text.index("residents"), len(text) - 1)], [_at(text, "A survey")],
                       [_at(text, "found")], mask)
    inner = Item.build(text, "i", [_at(text, "the water was unsafe")], [_at(text, "residents")],
                       [_at(text, "said")], mask)
    flat = flatten([outer, inner])
    assert len(flat) == 1 and flat[0].ref == "i"       # the outer one had nothing else left
    outer2 = Item.build(text, "o", [(text.index("that"), len(text) - 1)], [_at(text, "A survey")],
                        [_at(text, "found")], mask)
    flat = flatten([outer2, inner])
    assert [f.ref for f in flat] == ["o", "i"] and flat[0].nested and not flat[1].nested
    assert "".join(text[i] for i in sorted(flat[0].c)) == "that"


def test_report_has_both_nesting_ways(report):
    d = report.to_dict()
    assert set(d["nesting"]) == {"nested", "flat", "flattened_predictions"}
    assert d["nesting"]["nested"]["content_source_lenient"]["f1"] == pytest.approx(d["content_source_lenient_f1"])


def _parsed(words, pos, tags, morphs):
    """A hand-built parse (no model): words with their part of speech, tag and morphology."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab
    return Doc(Vocab(), words=words, spaces=[True] * (len(words) - 1) + [False], pos=pos, tags=tags, morphs=morphs)


def test_content_forms_quotation_clause_phrase():
    from claimledger.evaluate.attribution import content_form, quote_mask
    words = ["He", "said", "troops", "left", "and", "called", "for", "an", "inquiry"]
    pos = ["PRON", "VERB", "NOUN", "VERB", "CCONJ", "VERB", "ADP", "DET", "NOUN"]
    tags = ["PRP", "VBD", "NNS", "VBD", "CC", "VBD", "IN", "DT", "NN"]
    morphs = ["", "VerbForm=Fin", "", "VerbForm=Fin", "", "VerbForm=Fin", "", "", ""]
    doc = _parsed(words, pos, tags, morphs)
    text = doc.text
    mask = quote_mask(text)

    def item(*pieces):
        spans = [_at(text, p) for p in pieces]
        return Item.build(text, "x", spans, None, None, mask)
    assert content_form(doc, item("troops left")) == "clause"
    assert content_form(doc, item("an inquiry")) == "phrase"
    # the same check through an offset shift (a dropped byte-order mark)
    shifted = Item.build(" " + text, "x", [(a + 1, b + 1) for a, b in [_at(text, "troops left")]], None, None,
                         quote_mask(" " + text))
    assert content_form(doc, shifted, shift=1) == "clause"
    quoted = _parsed(['"', "We", "hold", '"'], ["PUNCT", "PRON", "VERB", "PUNCT"], ["``", "PRP", "VBP", "''"],
                     ["", "", "VerbForm=Fin", ""])
    qtext = quoted.text
    q = Item.build(qtext, "q", [(0, len(qtext))], None, None, quote_mask(qtext))
    assert q.quote == "direct" and content_form(quoted, q) == "quotation"


def test_report_gives_recall_by_content_form(report):
    d = report.to_dict()
    # the stub extractor has no parse: every item's form is unknown and the measure is absent
    assert d["by_form"]["unknown"]["content_source_lenient"]["gold"] == d["gold"]
    assert d["clause_or_quotation_recall"] is None


def test_a_claim_continuing_a_quotation_joins_its_attribution():
    from claimledger.evaluate.attribution import predicted_items
    text = '"The convoy was hit," he said. "Nobody could reach the wounded."'
    first = claim(text, ["The convoy was hit"], "he", "said", attribution="direct_quote")
    second = claim(text, ["Nobody could reach the wounded"], "he", attribution="direct_quote")
    second.continues = first.id
    items = predicted_items(text, [first, second])
    assert len(items) == 1
    assert [text[s:e] for s, e in items[0].content] == ["The convoy was hit", "Nobody could reach the wounded"]
    second.continues = "c_not_among_these"          # what it continues was not kept: it stands alone
    assert len(predicted_items(text, [first, second])) == 2


def test_sources_are_compared_by_the_corpus_convention(tmp_path):
    """A claim's source phrase ("The official") and its extent as PolNeAR marks sources ("The
    official, who spoke on condition of anonymity,"): ``phrase`` compares the one, ``extent`` the
    other; ``auto`` reads the convention off the corpus layout."""
    from claimledger.evaluate.attribution import predicted_items, source_convention
    text = "The official, who spoke on condition of anonymity, said troops left."
    c = claim(text, ["troops left"], "The official", "said")
    c.source.extent = (0, text.index(", said"))
    (phrase,) = predicted_items(text, [c])
    (extent,) = predicted_items(text, [c], source_span="extent")
    assert [text[s:e] for s, e in phrase.source] == ["The official"]
    assert [text[s:e] for s, e in extent.source] == ["The official, who spoke on condition of anonymity"]
    c.source.extent = None                       # no extent known: the phrase either way
    assert predicted_items(text, [c], source_span="extent")[0].source == phrase.source
    assert c.to_dict()["source"].keys() >= {"span"} and "extent" not in c.to_dict()["source"]
    assert source_convention(tmp_path) == "phrase"
    (tmp_path / "attributions").mkdir()
    assert source_convention(tmp_path) == "extent"


@pytest.mark.parametrize("specs, part, seed, flagged", [
    (["rules"], "tune-slice", None, []),
    (["model+rules"], "tune-slice", None, ["model+rules: the shipped model finder"]),   # trained on all train
    (["encoder:rules"], "tune-slice", None, []),                  # the encoder never saw the tuning slice
    (["encoder:rules"], "fit", None, ["encoder:rules: the shipped encoder finder"]),
    (["encoder+model"], "train", None, ["encoder+model: the shipped encoder finder",
                                        "encoder+model: the shipped model finder"]),
    (["model", "encoder"], "dev", None, []),                      # the dev part is held out of both
    (["model", "encoder:rules"], "all", None, ["model: the shipped model finder",   # all holds the train part
                                               "encoder:rules: the shipped encoder finder"]),
    (["model"], "dev", 7, ["model: the shipped model finder"]),   # another split's dev part mixes train articles
])
def test_a_finder_scored_on_articles_it_was_fitted_on_is_flagged(specs, part, seed, flagged):
    from claimledger.evaluate.attribution import seen_in_training
    got = seen_in_training(specs, part, seed)
    assert [g.split(" was fitted")[0] for g in got] == flagged
    assert all("training-set figures" in g for g in got)


def test_no_finder_was_fitted_on_our_own_gold_sets(tmp_path):
    from claimledger.evaluate.attribution import seen_in_training
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")              # our layout: NAME.txt + NAME.ann
    assert seen_in_training(["model", "encoder"], "all", None, tmp_path) == []
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()                                  # PolNeAR's layout
    assert len(seen_in_training(["model", "encoder"], "all", None, tmp_path)) == 2


def test_eval_attribution_warns_for_the_finder_the_setting_chose(monkeypatch, capsys, tmp_path):
    from claimledger.evaluate import cli
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    seen = {}

    def fake_evaluate(directory, finder=None, **kw):
        seen["finder"] = finder
        raise SystemExit(0)
    monkeypatch.setattr("claimledger.evaluate.attribution.evaluate_attribution", fake_evaluate)

    class Args:
        directory, annotator, bootstrap, seed, part, split_seed = str(tmp_path), None, 0, 0, "tune-slice", None
        source_span, finder, format, errors = "auto", "rules", "table", False

    class Settings:
        attribution_finder = "model+rules"
    with pytest.raises(SystemExit):
        cli.cmd_attribution(Args(), Settings())
    assert "model+rules: the shipped model finder was fitted on" in capsys.readouterr().err
    assert seen["finder"] is None                     # the setting's finder is what gets scored
