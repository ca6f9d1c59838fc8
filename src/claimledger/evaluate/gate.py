"""The quality gate: floors for our own gold sets, pinned in ``eval/baseline.json``.

Gold sets (found by glob, so new articles join by being added):

- claims: ``examples/*/gold.json`` and ``eval/claims/*/gold.json`` with the documents they name;
- attribution: the brat files under ``eval/attribution/`` (``.txt`` and ``.ann``).

``baseline.json`` holds a sha256 of those files (sorted relative paths and contents), the files
themselves, a floor per score (a figure between 0 and 1 that must not fall) and a ceiling per count
that must not rise (must-not-claim violations, invented dates). ``tests/test_quality_gate.py`` fails
when a score is under its floor, a count over its ceiling, or the gold sets changed without the
baseline being updated.

    python -m claimledger.evaluate.gate            check, print the scores, exit 1 on a failure
    python -m claimledger.evaluate.gate --update   write the current scores as floors (rounded down
                                                   to 2 decimals) and the current hash

Raising one floor by hand is a one-line change in ``baseline.json``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any, Optional, Sequence

CLAIMS_GLOBS = ("examples/*/gold.json", "eval/claims/*/gold.json")
ATTRIBUTION_DIR = "eval/attribution"
BASELINE = "eval/baseline.json"
UPDATE_COMMAND = "python -m claimledger.evaluate.gate --update"

#: Scores pinned (claims: micro P/R/F1, field accuracy overall and per field; attribution: P/R/F1
#: of every measure). Counts that must not rise are pinned as ceilings.
ATTRIBUTION_KEYS = tuple(f"{m}_{k}" for m in ("content_exact", "content_lenient", "content_source_exact",
                                              "content_source_lenient", "full_exact", "full_lenient")
                         for k in ("precision", "recall", "f1"))
CEILING_KEYS = ("claims.must_not_claim_violations", "claims.invented_dates")


def default_root() -> Path:
    """The repository: where this package was installed from (editable), else the working directory."""
    here = Path(__file__).resolve().parents[3]
    if (here / "examples").is_dir() or (here / "eval").is_dir():
        return here
    return Path.cwd()


def claims_gold_files(root: Path) -> list[Path]:
    out = []
    for pattern in CLAIMS_GLOBS:
        out.extend(sorted(root.glob(pattern)))
    return out


def attribution_files(root: Path) -> list[Path]:
    d = root / ATTRIBUTION_DIR
    if not d.is_dir():
        return []
    return sorted(p for p in d.rglob("*") if p.is_file() and p.suffix in (".txt", ".ann"))


def gold_set_files(root: Path) -> list[Path]:
    """Every file whose change can change a gated score: gold files, the documents they name, and
    the brat corpus."""
    files = set()
    for g in claims_gold_files(root):
        files.add(g)
        try:
            doc = json.loads(g.read_text(encoding="utf-8")).get("document")
        except (OSError, ValueError, AttributeError):
            doc = None
        if isinstance(doc, str) and (g.parent / doc).is_file():
            files.add(g.parent / doc)
    files.update(attribution_files(root))
    return sorted(files)


def gold_hash(root: Path, files: Optional[list[Path]] = None) -> str:
    h = hashlib.sha256()
    for p in files if files is not None else gold_set_files(root):
        h.update(p.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(p.read_bytes() + b"\0")
    return h.hexdigest()


def current_scores(root: Path, extractor=None) -> dict[str, float]:
    """Every gated figure on the current gold sets (one extractor for all; no bootstrap)."""
    from .attribution import evaluate_attribution, make_extractor
    from .claims_gold import evaluate_claims
    extractor = extractor if extractor is not None else make_extractor()
    scores: dict[str, float] = {}
    gold = claims_gold_files(root)
    if gold:
        report = evaluate_claims([str(p) for p in gold], extractor)
        for k, v in report.summary().items():
            scores[f"claims.{k}"] = v
        d = report.to_dict()
        scores["claims.must_not_claim_violations"] = d["must_not_claim_violations"]
        scores["claims.invented_dates"] = d["invented_dates"]
    if any(p.suffix == ".ann" for p in attribution_files(root)):
        report = evaluate_attribution(root / ATTRIBUTION_DIR, extractor, n_bootstrap=0)
        summary = report.summary()
        for k in ATTRIBUTION_KEYS:
            scores[f"attribution.{k}"] = summary[k]
    return scores


def floor2(x: float) -> float:
    """Rounded down to 2 decimals (0.8349 -> 0.83; 0.83 stays 0.83 despite float error)."""
    return math.floor(x * 100 + 1e-9) / 100


def load_baseline(root: Path) -> dict[str, Any]:
    path = root / BASELINE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def check_hash(root: Path, baseline: dict[str, Any]) -> Optional[str]:
    """None when the gold sets are the ones the baseline was made on, else what changed."""
    files = gold_set_files(root)
    now = gold_hash(root, files)
    if baseline.get("gold_hash") == now:
        return None
    if not baseline:
        return f"no baseline at {BASELINE}: run `{UPDATE_COMMAND}` to create it"
    listed = set(baseline.get("gold_files") or [])
    current = {p.relative_to(root).as_posix() for p in files}
    added, removed = sorted(current - listed), sorted(listed - current)
    what = []
    if added:
        what.append("added " + ", ".join(added[:8]) + (" ..." if len(added) > 8 else ""))
    if removed:
        what.append("removed " + ", ".join(removed[:8]) + (" ..." if len(removed) > 8 else ""))
    if not what:
        what.append("file contents changed")
    return (f"the gold sets changed since {BASELINE} was written ({'; '.join(what)}): check the scores, "
            f"then run `{UPDATE_COMMAND}` to pin them and the new hash")


def check_scores(scores: dict[str, float], baseline: dict[str, Any]) -> list[str]:
    """One message per figure under its floor, count over its ceiling, or gated figure missing."""
    out = []
    for key, floor in sorted((baseline.get("floors") or {}).items()):
        if key not in scores:
            out.append(f"{key}: no score (its gold set is gone?); floor {floor}")
        elif scores[key] < floor:
            out.append(f"{key} fell to {scores[key]:.4f}, under its floor {floor}")
    for key, ceiling in sorted((baseline.get("ceilings") or {}).items()):
        if key not in scores:
            out.append(f"{key}: no count (its gold set is gone?); ceiling {ceiling}")
        elif scores[key] > ceiling:
            out.append(f"{key} rose to {scores[key]}, over its ceiling {ceiling}")
    return out


def new_baseline(root: Path, scores: dict[str, float]) -> dict[str, Any]:
    files = gold_set_files(root)
    return {
        "about": "Quality gate floors for our own gold sets, checked by tests/test_quality_gate.py. A score "
                 "under its floor (or a count over its ceiling) fails the tests. When scores improve, raise "
                 f"a floor by hand or run `{UPDATE_COMMAND}` (floors = current scores rounded down to 2 "
                 "decimals); it must also be run when the gold sets change (gold_hash).",
        "gold_hash": gold_hash(root, files),
        "gold_files": [p.relative_to(root).as_posix() for p in files],
        "floors": {k: floor2(v) for k, v in sorted(scores.items()) if k not in CEILING_KEYS},
        "ceilings": {k: int(scores[k]) for k in CEILING_KEYS if k in scores},
    }


def write_baseline(root: Path, baseline: dict[str, Any]) -> Path:
    path = root / BASELINE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m claimledger.evaluate.gate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--update", action="store_true", help="write the current scores as floors")
    ap.add_argument("--root", type=Path, default=None, help="repository root (default: autodetected)")
    args = ap.parse_args(argv)
    root = (args.root or default_root()).resolve()
    scores = current_scores(root)
    old = load_baseline(root)
    if args.update:
        new = new_baseline(root, scores)
        for key, v in new["floors"].items():
            before = (old.get("floors") or {}).get(key)
            note = "" if before is None or before == v else f" (was {before}{', LOWERED' if v < before else ''})"
            print(f"{key:48} {v:.2f}{note}")
        for key, v in new["ceilings"].items():
            print(f"{key:48} <= {v}")
        print(f"wrote {write_baseline(root, new)}")
        return 0
    problems = check_scores(scores, old)
    changed = check_hash(root, old)
    if changed:
        problems.append(changed)
    floors = old.get("floors") or {}
    for key, v in sorted(scores.items()):
        print(f"{key:48} {v:.4f}" + (f"  (floor {floors[key]})" if key in floors else ""))
    for p in problems:
        print(f"FAIL {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
