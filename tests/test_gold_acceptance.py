"""Acceptance: the CLI's claims JSONL scored by the shared gold scorer.

The seed must score F1 1.00 with every field right, dated and undated (no invented date); every
bundled example article must pass its own gold with the floor pinned here. The floors are what a
regression must not go under; raise them when scores improve.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.cli import main
from conftest import EXAMPLES, score_tool

pytestmark = pytest.mark.model


def _extract(capsys, path: Path, published: str | None) -> str:
    argv = ["extract", str(path), "--format", "jsonl"]
    if published:
        argv += ["--published", published]
    assert main(argv) == 0
    return capsys.readouterr().out


def _score(tmp_path: Path, gold: Path, jsonl: str, undated: bool) -> dict:
    """The report of ``score_claims.py --json`` (the shared tool when it is beside the checkout,
    else the package's copy of its rules)."""
    tool = score_tool()
    if tool is None:
        from claimledger.evaluate.claims_gold import score_file
        preds = [json.loads(line) for line in jsonl.splitlines() if line.strip()]
        s = score_file(json.loads(gold.read_text(encoding="utf-8")), preds, undated)
        return {"claims": {"f1": round(s.f1, 3)}, "fields": {f: {"correct": c, "of": n} for f, (c, n) in s.fields.items() if n},
                "must_not_claim_violations": s.violations, "invented_dates": s.invented,
                "summary": f"claims F1={s.f1:.2f}; violations {len(s.violations)}; invented dates {s.invented}"}
    pred = tmp_path / "pred.jsonl"
    pred.write_text(jsonl, encoding="utf-8")
    cmd = [sys.executable, str(tool), "--gold", str(gold), "--pred", str(pred), "--json"]
    if undated:
        cmd.append("--undated")
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def _fields(report: dict) -> tuple[int, int]:
    return (sum(f["correct"] for f in report["fields"].values()), sum(f["of"] for f in report["fields"].values()))


@pytest.mark.parametrize("undated", [False, True], ids=["dated", "undated"])
def test_seed_scores_perfectly(capsys, tmp_path, undated):
    gold = EXAMPLES / "seed_kursk" / "gold.json"
    out = _extract(capsys, EXAMPLES / "seed_kursk" / "article.txt", None if undated else "2024-12-17")
    report = _score(tmp_path, gold, out, undated)
    assert report["claims"]["f1"] == 1.0, report["summary"]
    correct, of = _fields(report)
    assert correct == of and of >= 50, report["summary"]
    assert report["must_not_claim_violations"] == []
    assert report["invented_dates"] == 0
    for line in out.splitlines():
        claim = json.loads(line)
        assert claim["document_path"].endswith("article.txt")
        if undated:
            for key in ("event_time", "stated_at"):
                t = claim.get(key)
                assert not t or (t["start"] is None and t["end"] is None), claim


# (claims F1, share of fields right) floors per example; pinned at the scores reached, rounded down.
FLOORS = {
    "burkina_djibo_ranges": (0.94, 0.88),
    "drc_m23_html_wpcomments": (0.95, 0.95),
    "ethiopia_amhara_undated": (1.0, 0.97),
    "lebanon_hezbollah_html_customcomments": (1.0, 0.94),
    "myanmar_sagaing_pronouns": (0.95, 0.89),
    "red_sea_houthi_quotes": (1.0, 0.91),
    "seed_kursk": (1.0, 1.0),
    "sudan_el_fasher_denial": (0.92, 0.91),
    "syria_tishrin_truncated": (1.0, 0.97),
    "ukraine_morozovsk_cues": (1.0, 0.94),
}


@pytest.mark.parametrize("name", sorted(p.parent.name for p in EXAMPLES.glob("*/gold.json")))
def test_example_articles_pass_their_gold(capsys, tmp_path, name):
    gold_path = EXAMPLES / name / "gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    article = gold_path.parent / gold["document"]
    out = _extract(capsys, article, gold["published"])
    report = _score(tmp_path, gold_path, out, gold["published"] is None)
    f1_floor, field_floor = FLOORS[name]
    correct, of = _fields(report)
    assert report["claims"]["f1"] >= f1_floor, report["summary"]
    assert correct / of >= field_floor, report["summary"]
    assert report["must_not_claim_violations"] == [], report["summary"]
    assert report["invented_dates"] == 0
