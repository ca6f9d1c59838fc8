"""The quality gate: our own gold sets scored in-process (one extractor for the session) against
the floors pinned in eval/baseline.json. A score under its floor, a count over its ceiling, or gold
sets changed without the baseline being updated fails here; the message says what to run.

When scores improve, raise the floors: one line each in eval/baseline.json, or all at once with
`python -m claimledger.evaluate.gate --update` (current scores rounded down to 2 decimals).
"""
from __future__ import annotations

import json

import pytest

from claimledger.evaluate import gate
from conftest import REPO

BASELINE = json.loads((REPO / gate.BASELINE).read_text(encoding="utf-8")) if (REPO / gate.BASELINE).is_file() else {}
GATED = sorted(BASELINE.get("floors", {})) + sorted(BASELINE.get("ceilings", {}))


def test_baseline_exists_and_is_sane():
    assert BASELINE, f"no {gate.BASELINE}: run `{gate.UPDATE_COMMAND}`"
    for key, floor in BASELINE["floors"].items():
        assert 0.0 <= floor <= 1.0 and floor == round(floor, 2), key
    assert "claims.f1" in BASELINE["floors"]


def test_gold_sets_unchanged_since_baseline():
    changed = gate.check_hash(REPO, BASELINE)
    assert changed is None, changed


@pytest.fixture(scope="session")
def gate_scores(extractor):
    return gate.current_scores(REPO, extractor)


@pytest.mark.model
@pytest.mark.parametrize("key", GATED)
def test_score_holds_its_floor(gate_scores, key):
    problems = gate.check_scores(gate_scores, {
        "floors": {k: v for k, v in BASELINE.get("floors", {}).items() if k == key},
        "ceilings": {k: v for k, v in BASELINE.get("ceilings", {}).items() if k == key}})
    assert not problems, "; ".join(problems) + (
        " (if the drop is intended, lower the floor in eval/baseline.json and say why in the commit)")


# ------------------------------------------------------------------------------- the gate's own logic
def test_floors_round_down():
    assert gate.floor2(0.8349) == 0.83 and gate.floor2(0.83) == 0.83 and gate.floor2(1.0) == 1.0
    assert gate.floor2(0.29) == 0.29  # 0.29 * 100 is 28.999999999999996


def test_check_scores_messages():
    base = {"floors": {"a.f1": 0.8, "b.f1": 0.5, "gone.f1": 0.4}, "ceilings": {"c.n": 0}}
    problems = gate.check_scores({"a.f1": 0.79, "b.f1": 0.5, "c.n": 2}, base)
    assert problems == ["a.f1 fell to 0.7900, under its floor 0.8",
                        "gone.f1: no score (its gold set is gone?); floor 0.4",
                        "c.n rose to 2, over its ceiling 0"]


def test_hash_change_is_reported_with_the_update_command(tmp_path):
    (tmp_path / "examples" / "one").mkdir(parents=True)
    (tmp_path / "examples" / "one" / "gold.json").write_text('{"document": "article.txt", "claims": []}')
    (tmp_path / "examples" / "one" / "article.txt").write_text("Text.")
    (tmp_path / "eval" / "attribution").mkdir(parents=True)
    (tmp_path / "eval" / "attribution" / "x.txt").write_text("Text.")
    (tmp_path / "eval" / "attribution" / "x.ann").write_text("")
    files = [p.relative_to(tmp_path).as_posix() for p in gate.gold_set_files(tmp_path)]
    assert files == ["eval/attribution/x.ann", "eval/attribution/x.txt",
                     "examples/one/article.txt", "examples/one/gold.json"]
    base = gate.new_baseline(tmp_path, {"claims.f1": 0.876, "claims.must_not_claim_violations": 1})
    assert base["floors"] == {"claims.f1": 0.87} and base["ceilings"] == {"claims.must_not_claim_violations": 1}
    assert gate.check_hash(tmp_path, base) is None
    (tmp_path / "examples" / "one" / "article.txt").write_text("Text, edited.")
    msg = gate.check_hash(tmp_path, base)
    assert "file contents changed" in msg and gate.UPDATE_COMMAND in msg
    (tmp_path / "examples" / "two").mkdir()
    (tmp_path / "examples" / "two" / "gold.json").write_text('{"document": "a.txt", "claims": []}')
    assert "added examples/two/gold.json" in gate.check_hash(tmp_path, base)
    assert "no baseline" in gate.check_hash(tmp_path, {})


# ------------------------------------------------------------------------------- PolNeAR dev part
@pytest.mark.model
def test_polnear_dev_part_holds_its_floor(extractor):
    """A fixed subset of the PolNeAR development part (held out from training and tuning; see
    eval/polnear_dev.json) scored with the configured finder."""
    from claimledger.evaluate import dev_gate
    conf = dev_gate.settings(REPO)
    corpus = dev_gate.corpus_dir(REPO, conf)
    if not corpus.is_dir():
        pytest.skip(f"PolNeAR development corpus not found at {corpus} (../shared/corpora is absent): "
                    f"the dev-part floor is not checked")
    scores = dev_gate.current_scores(REPO, extractor.nlp, conf)
    problems = dev_gate.check(scores, conf["floors"])
    assert not problems, "; ".join(problems) + (
        f" (if intended, lower the floor in {dev_gate.FLOORS_FILE} and say why in the commit)")
