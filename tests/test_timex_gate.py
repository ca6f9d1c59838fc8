"""Quality gate for time normalisation: the scores of ``claimledger eval timex`` must not fall
under the floors pinned in ``eval/timex_floors.json`` (WikiWars' held-out report part, our own news
TimeML files). The WikiWars part is skipped, with the reason, when ../shared/corpora is absent."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.evaluate.timex import evaluate_timex

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((ROOT / "eval" / "timex_floors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", [k for k in FLOORS if k != "about"])
def test_timex_scores_hold_their_floors(name):
    spec = FLOORS[name]
    path = (ROOT / spec["path"]).resolve()
    if not path.is_dir():
        pytest.skip(f"{spec['path']} is absent (the development corpora sit beside the project as ../shared/corpora)")
    r = evaluate_timex(path, part=spec.get("part"), seed=spec.get("seed", 13))
    assert r["failed"] == 0 and r["timexes"] > 0
    for key in ("value_accuracy", "span_value_f1"):
        assert r[key] >= spec[key], f"{name} {key} {r[key]} fell under its floor {spec[key]}"
