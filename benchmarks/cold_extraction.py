"""Extraction after the parse on articles the process has never seen, relative to their parse.

``normalise_cost.py`` and ``attribution_model_cost.py`` time repeated passes over the same articles,
so the gazetteer's answers for their names are kept after the first; a user ingesting a stream of
new articles meets new names all the time. This script parses N articles of a corpus the process
has not read (``../shared/corpora/polnear-train/text``, from an offset), then extracts each once,
cold, and reports both times and their ratio. Run main and a branch alternately in separate
processes to compare them (the machine is shared and noisy).

    .venv/bin/python benchmarks/cold_extraction.py [--start 200] [--articles 60] [--finder rules] [--corpus DIR]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "polnear-train" / "text"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="a directory of .txt articles")
    ap.add_argument("--start", type=int, default=200, help="first article (sorted by name)")
    ap.add_argument("--articles", type=int, default=60, help="how many articles")
    ap.add_argument("--finder", default="rules", help="attribution finder (default rules)")
    args = ap.parse_args(argv)
    files = sorted(args.corpus.glob("*.txt"))[args.start:args.start + args.articles]
    if not files:
        print(f"no .txt articles under {args.corpus} from {args.start}", file=sys.stderr)
        return 2
    from claimledger.extract.pipeline import Extractor
    from claimledger.models import Document

    ex = Extractor(finder=args.finder)
    docs = [Document(text=f.read_text(encoding="utf-8"), published="2016-06-01") for f in files]
    t0 = time.perf_counter()
    parsed = [ex.parse(d) for d in docs]
    t1 = time.perf_counter()
    claims = sum(len(ex.claims_from_parse(d, sp, blocks)) for d, (sp, blocks) in zip(docs, parsed))
    t2 = time.perf_counter()
    print(f"{len(docs)} articles ({sum(len(d.text) for d in docs):,} characters), {claims} claims, finder {args.finder}")
    print(f"parse {t1 - t0:.2f} s; extraction after the parse, cold {t2 - t1:.2f} s: "
          f"{(t2 - t1) / (t1 - t0):.1%} of the parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
