"""Claims gold scoring over several gold files, with a stub extractor: figures by hand, and
agreement with the shared scorer (score_claims.py) on the same predictions."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.errors import InputError
from claimledger.evaluate.claims_gold import evaluate_claims, load_gold
from claimledger.models import Claim, Cue, Quantity, Source, TimeExpr
from conftest import score_tool

GOLD = Path(__file__).parent / "fixtures" / "eval" / "claims"
ALPHA = (GOLD / "alpha" / "article.txt").read_text(encoding="utf-8")
BETA = (GOLD / "beta" / "article.txt").read_text(encoding="utf-8")


def claim(text, content, *, source=None, kind="organization", attribution="indirect", cue=None, type="statement",
          event_time=None, quantities=()):
    s = text.index(content)
    src = Source(text=source or "", name=source, kind=kind if source else "unnamed")
    return Claim(document_id="d", content=content, span=(s, s + len(content)), sentence="", attribution=attribution,
                 source=src, type=type, cue=Cue(text=cue[0], lemma=cue[1]) if cue else None,
                 event_time=event_time, quantities=list(quantities))


PREDICTIONS = {
    "alpha": [
        # g1, every field right (source, attribution, cue, type, event_time: 5 of 5)
        claim(ALPHA, "they captured the town of Sake on Monday", source="Rebels", cue=("said", "say"),
              type="territorial_control",
              event_time=TimeExpr(text="on Monday", start="2024-02-12", end="2024-02-12", precision="day")),
        # g2 with the wrong type (source, attribution right; type wrong: 2 of 3)
        claim(ALPHA, "The army denied losing any ground", source="John Doe", kind="person"),
        # g3 is optional; narration never counts against
        claim(ALPHA, "Residents fled", attribution="author", kind="author"),
        # a false alarm from the comment form, which is also a must-not-claim violation
        claim(ALPHA, "Your email address will not be published"),
    ],
    "beta": [
        # g1 undated: 'on Saturday' resolved is wrong (and an invented date); 4 of 5 fields
        claim(BETA, "12 people were killed in the attack on Saturday", type="casualties",
              quantities=[Quantity(text="12", value=12, category="killed")],
              event_time=TimeExpr(text="on Saturday", start="2024-03-09", end="2024-03-09", precision="day")),
        # g2 ('30 were wounded', police) is missed
    ],
}


class StubExtractor:
    def __init__(self):
        self.published = {}

    def extract_one(self, document):
        name = Path(document.path).parent.name
        self.published[name] = document.published
        return PREDICTIONS[name]


@pytest.fixture(scope="module")
def stub():
    return StubExtractor()


@pytest.fixture(scope="module")
def report(stub):
    return evaluate_claims([GOLD / "alpha" / "gold.json", GOLD / "beta" / "gold.json"], stub)


def test_totals(report):
    d = report.to_dict()
    assert (d["files"], d["tp"], d["fp"], d["gold"]) == (2, 3, 1, 4)
    assert d["precision"] == 0.75 and d["recall"] == 0.75 and d["f1"] == pytest.approx(0.75)
    assert d["must_not_claim_violations"] == 1
    assert d["invented_dates"] == 1


def test_field_accuracy(report):
    fields = report.to_dict()["fields"]
    got = {k: (v["correct"], v["of"]) for k, v in fields.items()}
    assert got == {"source": (3, 3), "attribution": (3, 3), "cue": (1, 1), "type": (2, 3),
                   "event_time": (1, 2), "quantities": (1, 1)}
    s = report.summary()
    assert s["field_accuracy"] == pytest.approx(11 / 13)
    assert s["type_accuracy"] == pytest.approx(2 / 3) and s["event_time_accuracy"] == 0.5


def test_per_file(report):
    alpha, beta = report.to_dict()["per_file"]
    assert (alpha["tp"], alpha["fp"], alpha["gold_claims"], alpha["undated"]) == (2, 1, 2, False)
    assert alpha["precision"] == pytest.approx(2 / 3) and alpha["recall"] == 1.0
    assert alpha["per_claim"]["g2"] == {"status": "matched", "source": True, "attribution": True, "type": False}
    assert (beta["tp"], beta["fp"], beta["gold_claims"], beta["undated"]) == (1, 0, 2, True)
    assert beta["per_claim"]["g2"] == {"status": "MISSED"}
    assert beta["invented_dates"] == 1


def test_documents_relative_to_gold_and_dated_by_it(report, stub):
    assert [os.path.basename(f.document_path) for f in report.files] == ["article.txt", "article.txt"]
    assert stub.published == {"alpha": "2024-02-13", "beta": None}


def test_error_listing(report):
    errs = report.to_dict(errors=True)["errors"]
    kinds = [(Path(e["gold"]).parent.name, e["error"], e.get("id")) for e in errs]
    assert kinds == [("alpha", "wrong_fields", "g2"), ("alpha", "false_alarm", None),
                     ("alpha", "must_not_claim", None), ("beta", "wrong_fields", "g1"), ("beta", "miss", "g2")]
    wrong = errs[0]
    assert wrong["fields"] == ["type"] and wrong["expected"] == {"type": "denial"} and wrong["got"] == {"type": "statement"}
    miss = errs[-1]
    assert miss["context"] == "…were killed in the attack on Saturday. Police reported that ⟦30 were wounded⟧."
    alarm = errs[1]
    assert "⟦Your email address will not be published⟧" in alarm["context"]


def test_directory_stands_for_its_gold_files(stub):
    rep = evaluate_claims([GOLD], stub)
    assert [Path(f.gold_path).parent.name for f in rep.files] == ["alpha", "beta"]
    assert rep.tp == 3


def test_agrees_with_the_shared_scorer(report, tmp_path):
    """Same predictions, same gold: the figures of score_claims.py --json."""
    if score_tool() is None:
        pytest.skip("../shared/tools/score_claims.py is not beside this checkout")
    for f in report.files:
        pred = tmp_path / "pred.jsonl"
        pred.write_text("".join(json.dumps(p) + "\n" for p in f.preds), encoding="utf-8")
        cmd = [sys.executable, str(score_tool()), "--gold", f.gold_path, "--pred", str(pred), "--json"]
        if f.undated:
            cmd.append("--undated")
        ref = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
        assert (ref["claims"]["tp"], ref["claims"]["fp"], ref["claims"]["gold"]) == (f.tp, f.fp, f.gold)
        assert ref["fields"] == {k: {"correct": c, "of": n} for k, (c, n) in f.fields.items() if n}
        assert ref["must_not_claim_violations"] == f.violations
        assert ref["invented_dates"] == f.invented


# ------------------------------------------------------------------------------- bad input
def test_missing_gold_file(tmp_path):
    with pytest.raises(InputError, match="no such gold file") as err:
        evaluate_claims([tmp_path / "gold.json"], StubExtractor())
    assert err.value.input == str(tmp_path / "gold.json")


def test_missing_document(tmp_path):
    (tmp_path / "gold.json").write_text('{"document": "article.txt", "published": null, "claims": []}')
    with pytest.raises(InputError, match="does not exist") as err:
        evaluate_claims([tmp_path / "gold.json"], StubExtractor())
    assert err.value.input == str(tmp_path / "article.txt")


def test_bad_json_names_the_line(tmp_path):
    (tmp_path / "gold.json").write_text('{\n  "document": "a.txt",\n  "claims": [,]\n}\n')
    with pytest.raises(InputError, match="not JSON") as err:
        load_gold(tmp_path / "gold.json")
    assert err.value.input == f"{tmp_path / 'gold.json'}:3"


def test_claim_without_content_names_the_line(tmp_path):
    (tmp_path / "gold.json").write_text('{\n "document": "a.txt",\n "claims": [\n  {"id": "g7", "source": null}\n ]\n}\n')
    with pytest.raises(InputError, match="no 'content'") as err:
        load_gold(tmp_path / "gold.json")
    assert err.value.input == f"{tmp_path / 'gold.json'}:4"


@pytest.mark.parametrize("body,reason", [
    ('[]', "JSON object"),
    ('{"claims": []}', "no 'document'"),
    ('{"document": "a.txt"}', "no 'claims'"),
    ('{"document": "a.txt", "claims": [], "published": 2024}', "ISO date"),
])
def test_unusable_gold(tmp_path, body, reason):
    (tmp_path / "gold.json").write_text(body)
    with pytest.raises(InputError, match=reason):
        load_gold(tmp_path / "gold.json")


def test_directory_without_gold(tmp_path):
    with pytest.raises(InputError, match="no gold.json"):
        evaluate_claims([tmp_path], StubExtractor())
