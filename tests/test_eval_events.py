"""`claimledger eval events` on our multi-document set: copies found, events formed, statuses and
figures, and the same result in every ingestion order (the spaCy model is needed)."""
from __future__ import annotations

import json

import pytest

from claimledger.evaluate.events import evaluate_events, gold_sets
from claimledger.errors import InputError
from conftest import REPO

pytestmark = pytest.mark.model
EVENTS = REPO / "eval" / "events"


@pytest.fixture(scope="module")
def report(extractor):
    return evaluate_events(str(EVENTS / "kursk_dec2024"), orders=3, seed=0, extractor=extractor)


@pytest.fixture(scope="module")
def both(extractor):
    return evaluate_events(str(EVENTS), orders=2, seed=1, extractor=extractor)


def test_every_order_gives_the_same_events(report, both):
    assert report.orders == 3 and report.order_independent
    assert both.order_independent and both.sets == ["elfasher_market_2024", "kursk_dec2024"]


def test_copies_and_rewrites_found(report, both):
    d = report.derivations
    assert (d["tp"], d["fp"], d["fn"]) == (2, 0, 0)
    assert (both.derivations["tp"], both.derivations["fp"], both.derivations["fn"]) == (3, 0, 0)


def test_membership_status_and_figures(report, both):
    # floors a little under the current figures (tuned on these sets: they guard against regressions)
    assert report.claims_found == report.claims_gold
    assert report.membership["precision"] >= 0.95 and report.membership["f1"] >= 0.9
    assert report.status["accuracy"] == 1.0 and report.status["total"] >= 3
    # 14 of 18 since "killed or wounded" counts as casualties: the revised 3,000 no longer hides that
    # the wire story's dateline ("KYIV, Dec 16 (Reuters)") is taken as its source, a second UA origin
    assert report.estimates["accuracy"] >= 0.75
    assert both.membership["f1"] >= 0.95 and both.status["correct"] >= 5   # 0.979 on 2026-12-05
    out = json.loads(json.dumps(report.to_dict(errors=True)))
    assert {"precision", "recall", "f1", "derivations", "membership_bcubed", "order_independent"} <= set(out)
    assert "same events in every order: yes" in report.table()


def test_gold_sets_refuses_a_directory_without_gold(tmp_path):
    with pytest.raises(InputError):
        gold_sets(str(tmp_path))
    assert gold_sets(str(EVENTS / "kursk_dec2024")) == [EVENTS / "kursk_dec2024"]


def test_ingest_reconciles_unless_told_not_to(tmp_path, capsys):
    from claimledger.cli import main
    from claimledger.ledger import Ledger
    src = EVENTS / "kursk_dec2024"
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    args = ["ingest", "--quiet", str(src / "bbc_original.txt"), "--published", "2024-12-17", "--outlet", "BBC"]
    assert main(["--db", str(a)] + args) == 0
    assert main(["--db", str(b)] + args + ["--no-reconcile"]) == 0
    with Ledger(a) as led:
        assert led.events() and led.reconcile_runs()
    with Ledger(b) as led:
        assert led.events() == [] and led.reconcile_runs() == []
    assert main(["--db", str(b), "reconcile", "--quiet"]) == 0
    with Ledger(b) as led, Ledger(a) as led_a:
        assert [e["id"] for e in led.events()] == [e["id"] for e in led_a.events()]
    capsys.readouterr()


def test_held_out_set_is_order_free_and_finds_its_copies(extractor):
    # scored only, never tuned on (eval/events_heldout/README.md). Its membership fell unnoticed from
    # 0.75 to 0.67 over two days (README, Events): a floor at what it is now catches the next fall
    # (a guard, not a target: what it shows is not fixed on it)
    held = evaluate_events(str(REPO / "eval" / "events_heldout"), orders=2, seed=3, extractor=extractor)
    assert held.sets == ["goma_camps_2024"] and held.order_independent
    assert (held.derivations["tp"], held.derivations["fp"], held.derivations["fn"]) == (2, 0, 0)
    assert held.membership["f1"] >= 0.66
