"""The quality gate's floor on the PolNeAR development part (held out from training and tuning).

``eval/polnear_dev.json`` pins: the corpus (``../shared/corpora/polnear-train`` from the
repository), the split seed, how many dev articles (the first N by id, so the suite stays quick),
the finder, and a floor per score. ``tests/test_quality_gate.py`` scores that subset and fails when
a score falls under its floor; it skips with a message when the corpus is absent.

    python -m claimledger.evaluate.dev_gate            check and print the scores
    python -m claimledger.evaluate.dev_gate --update   write the current scores, rounded down, less
                                                       MARGIN, as floors

The margin: 24 articles are few, and changes elsewhere (rules, ingest, the parse) move these
scores by a point or so without being regressions of the model.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Optional

FLOORS_FILE = "eval/polnear_dev.json"
MARGIN = 0.02
KEYS = ("content_source_lenient_f1", "content_source_lenient_recall", "content_source_lenient_precision",
        "full_lenient_f1", "content_lenient_f1")


def settings(root: Path) -> dict:
    return json.loads((root / FLOORS_FILE).read_text(encoding="utf-8"))


def corpus_dir(root: Path, conf: dict) -> Path:
    return (root / conf["corpus"]).resolve()


def dev_subset(corpus: Path, seed: int, articles: int) -> list:
    """The first ``articles`` dev articles by id (only those files are read)."""
    from ..attribution_model.data import split_ids
    from .brat import find_pairs, read_document
    pairs = find_pairs(corpus)
    by_id = {txt.stem: (txt, anns) for txt, anns in pairs}
    chosen = split_ids(by_id, seed)["dev"][:articles]
    out = []
    for name in chosen:
        txt, anns = by_id[name]
        who, ann = anns[0]
        out.append(read_document(txt, ann, annotator=who, annotators=[a for a, _ in anns]))
    return out


def current_scores(root: Path, nlp=None, conf: Optional[dict] = None) -> dict[str, float]:
    from ..extract.pipeline import Extractor
    from .attribution import QUOTE_TYPES, evaluate_documents
    conf = conf or settings(root)
    docs = dev_subset(corpus_dir(root, conf), conf["split_seed"], conf["articles"])
    extractor = Extractor(nlp=nlp, finder=conf["finder"])
    report = evaluate_documents(docs, extractor, n_bootstrap=0, finder=conf["finder"])
    summary = report.summary()
    out = {k: summary[k] for k in KEYS}
    for q in QUOTE_TYPES:
        out[f"{q}_recall"] = report.scores("content_source_lenient", ("quote", q))["recall"]
    return out


def check(scores: dict[str, float], floors: dict[str, float]) -> list[str]:
    return [f"PolNeAR dev {k} fell to {scores.get(k, float('nan')):.4f}, under its floor {v}"
            for k, v in floors.items() if not scores.get(k, -1.0) >= v]


def main(argv=None) -> int:
    from .gate import default_root, floor2
    ap = argparse.ArgumentParser(description="The PolNeAR dev-part floor of the quality gate.")
    ap.add_argument("--update", action="store_true", help=f"write the current scores as floors in {FLOORS_FILE}")
    args = ap.parse_args(argv)
    root = default_root()
    conf = settings(root)
    if not corpus_dir(root, conf).is_dir():
        print(f"{corpus_dir(root, conf)} not found: nothing to check", file=sys.stderr)
        return 2
    scores = current_scores(root, conf=conf)
    for k, v in scores.items():
        print(f"{k:36s} {v:.4f}  floor {conf['floors'].get(k, '-')}")
    if args.update:
        conf["floors"] = {k: round(max(0.0, floor2(v) - MARGIN), 2) for k, v in scores.items()}
        (root / FLOORS_FILE).write_text(json.dumps(conf, indent=2) + "\n", encoding="utf-8")
        return 0
    problems = check(scores, conf["floors"])
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
