"""Extraction time grows linearly with text: prose at two sizes and the repeated-cue inputs of
issue #11, each parsed once and then run through the extraction logic (finder + claims) alone.

Prose is the bundled example and gold articles (``examples/``, ``eval/``) joined by blank lines
and repeated to the size asked for (100 KB and 400 KB by default). For each input the script
reports the spaCy parse time and the extraction time on that parse (``Extractor._claims``: the
attribution finder, sources, types, quantities, places, times, evidence, verification), and the
400 KB / 100 KB ratio of extraction time (linear: about 4). Pathological inputs: ``He said "``
repeated, ``said `` repeated (one 50,000-level sentence: spaCy's recursive ``Token.subtree``
used to crash the process on it) and ``He said it. `` repeated; each must finish in seconds.

    .venv/bin/python benchmarks/attribution_linear.py [--sizes 100,400] [--quotes 20000]
        [--said 50000] [--said-it 20000] [--json]

Figures are ratios measured in one run on one machine; no timing is asserted in the test suite.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def prose(kb: int) -> str:
    parts = [p.read_text(encoding="utf-8").strip() for p in
             sorted(ROOT.glob("examples/*/article.txt")) + sorted(ROOT.glob("eval/**/*.txt"))]
    body = "\n\n".join(parts)
    reps = kb * 1000 // len(body) + 1
    text = "\n\n".join([body] * reps)
    cut = text.rfind("\n\n", 0, kb * 1000)
    return text[:cut if cut > 0 else kb * 1000]


def run(extractor, name: str, text: str) -> dict:
    from claimledger.models import Document
    doc = Document(text=text, path=name)
    t0 = time.perf_counter()
    masked, blks = extractor._prepare(doc)
    spdoc = extractor.nlp(masked)
    t1 = time.perf_counter()
    claims = extractor._claims(doc, spdoc, blks)
    t2 = time.perf_counter()
    row = {"input": name, "chars": len(text), "tokens": len(spdoc), "parse_s": round(t1 - t0, 2),
           "extract_s": round(t2 - t1, 2), "claims": len(claims)}
    print(f"{name:<26} {len(text):>9,} chars {len(spdoc):>8,} tokens  parse {t1 - t0:7.2f} s  "
          f"extract {t2 - t1:7.2f} s  {len(claims):>6} claims", flush=True)
    return row


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,400", help="prose sizes in KB, comma-separated")
    ap.add_argument("--quotes", type=int, default=20000, help='repetitions of \'He said "\'')
    ap.add_argument("--said", type=int, default=50000, help="repetitions of 'said '")
    ap.add_argument("--said-it", type=int, default=20000, help="repetitions of 'He said it. '")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    sys.setrecursionlimit(10000)
    from claimledger.extract import nlp as nlp_mod
    from claimledger.extract.pipeline import Extractor
    nlp = nlp_mod.load()
    nlp.max_length = max(nlp.max_length, 2_000_000)
    ex = Extractor(nlp=nlp)
    run(ex, "warm-up", prose(5))
    rows = []
    sizes = [int(s) for s in args.sizes.split(",") if s]
    for kb in sizes:
        rows.append(run(ex, f"prose {kb} KB", prose(kb)))
    if len(rows) >= 2 and rows[0]["extract_s"] > 0:
        ratio = rows[-1]["extract_s"] / rows[0]["extract_s"]
        pratio = rows[-1]["parse_s"] / rows[0]["parse_s"] if rows[0]["parse_s"] else float("nan")
        print(f"extraction time ratio {sizes[-1]} KB / {sizes[0]} KB: {ratio:.2f} "
              f"(text ratio {sizes[-1] / sizes[0]:.1f}; parse ratio {pratio:.2f})")
    if args.quotes:
        rows.append(run(ex, f'He said " x {args.quotes}', 'He said "' * args.quotes + "."))
    if args.said:
        rows.append(run(ex, f"said x {args.said}", "said " * args.said + "."))
    if args.said_it:
        rows.append(run(ex, f"He said it. x {args.said_it}", "He said it. " * args.said_it))
    if args.json:
        print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
