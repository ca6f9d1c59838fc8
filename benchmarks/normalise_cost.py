"""Normalisation cost per article relative to the spaCy parse of the same article (goal: < 10%).

For every bundled example (``examples/*/article.txt``, and ``article.html`` read through
``claimledger.ingest`` as the extractor would), one run times, interleaved article by article and
repeated (medians reported):

  parse          ``nlp(text)`` with the shared pipeline (claimledger.extract.nlp.load())
  normalisation  as extraction does: a dated document's timeline (``DocumentTimes``: every
                 expression found and read once in order), then over each sentence of that parse:
                 times (each expression the timeline found there as a claim takes it: the
                 timeline's reading when it used the same tense, else ``resolve_time`` with its
                 context; an undated document: ``find_times`` on the sentence and ``resolve_time``),
                 tense from ``tense_of``; quantities (``find_quantities``) and places
                 (``PlaceFinder.places_for`` on the sentence's tokens), with the gazetteer warm

The ratio is normalisation / parse, per article and overall (sum of the medians). The parse used by
PlaceFinder is made once beforehand and is not part of the normalisation time.

    .venv/bin/python benchmarks/normalise_cost.py [--reps 15] [--warmup 2] [--json] [--examples DIR]
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parents[1]
GOAL = 0.10


def load_articles(examples: Path) -> list[dict[str, Any]]:
    from claimledger.ingest import read_inputs
    from claimledger.models import Failure

    out = []
    for d in sorted(p for p in examples.iterdir() if p.is_dir()):
        files = [f for f in (d / "article.txt", d / "article.html") if f.exists()]
        if not files:
            continue
        published = None
        gold = d / "gold.json"
        if gold.exists():
            try:
                published = json.loads(gold.read_text(encoding="utf-8")).get("published")
            except (ValueError, OSError):
                published = None
        for f in files:
            for doc in read_inputs(f):
                if isinstance(doc, Failure):
                    print(f"skipped {doc}", file=sys.stderr)
                    continue
                pub = published or doc.published
                anchor = date.fromisoformat(pub[:10]) if pub else None
                out.append({"name": d.name, "kind": f.suffix.lstrip("."), "text": doc.text, "anchor": anchor})
    return out


def normalise(text: str, spdoc, anchor: Optional[date], finder, clock=time.perf_counter) -> dict[str, float]:
    """The normalisation work for one parsed article; seconds per component."""
    from claimledger.extract.quantities import find_quantities
    from claimledger.extract.timeline import DocumentTimes
    from claimledger.extract.times import find_times, resolve_time, tense_of

    t_times = t_qty = t_places = 0.0
    c = clock()
    finder.begin_document(spdoc)  # as the pipeline does: per-document state starts empty
    t_places += clock() - c
    doc_times = None
    if anchor is not None:        # as the pipeline does: a dated document read once in order
        c = clock()
        doc_times = DocumentTimes(text, anchor, [(s.start_char, s.end_char) for s in spdoc.sents])
        t_times += clock() - c
    for sent in spdoc.sents:
        s, e = sent.start_char, sent.end_char
        st = text[s:e]
        c0 = clock()
        tense = tense_of(st)
        for fs, fe, expr in (doc_times.found(s, e) if doc_times is not None else find_times(st, s)):
            # as a claim reads it (pipeline._first_time): the timeline's reading when it used the
            # same tense, else read again from the timeline's context
            if doc_times is None or doc_times.reading(fs, fe, tense) is None:
                resolve_time(expr, anchor, tense=tense, context=doc_times.context(fs, fe) if doc_times else None,
                             narrative=doc_times.narrative if doc_times else False)
        c1 = clock()
        find_quantities(st, s)
        tokens = list(sent)
        c2 = clock()
        finder.places_for(tokens, text, spdoc)
        c3 = clock()
        t_times += c1 - c0
        t_qty += c2 - c1
        t_places += c3 - c2
    return {"times": t_times, "quantities": t_qty, "places": t_places}


def run(examples: Path, reps: int, warmup: int) -> dict[str, Any]:
    from claimledger.extract import nlp as nlp_mod
    from claimledger.extract.places_extract import PlaceFinder

    articles = load_articles(examples)
    if not articles:
        raise SystemExit(f"no example articles under {examples}")
    nlp = nlp_mod.load()
    finder = PlaceFinder()
    for a in articles:                      # parse once for the normaliser; warm the gazetteer
        a["doc"] = nlp(a["text"])
        a["sentences"] = sum(1 for _ in a["doc"].sents)
        normalise(a["text"], a["doc"], a["anchor"], finder)
        a["parse"], a["norm"], a["parts"] = [], [], {"times": [], "quantities": [], "places": []}
    clock = time.perf_counter
    for rep in range(warmup + reps):
        gc.collect()
        # rotate the order so no article always follows the same one
        k = rep % len(articles)
        for a in articles[k:] + articles[:k]:
            t0 = clock()
            nlp(a["text"])
            t1 = clock()
            parts = normalise(a["text"], a["doc"], a["anchor"], finder)
            t2 = clock()
            if rep >= warmup:
                a["parse"].append(t1 - t0)
                a["norm"].append(t2 - t1)
                for p, v in parts.items():
                    a["parts"][p].append(v)
    rows = []
    for a in articles:
        parse, norm = statistics.median(a["parse"]), statistics.median(a["norm"])
        rows.append({
            "article": a["name"], "kind": a["kind"], "chars": len(a["text"]), "sentences": a["sentences"],
            "parse_ms": round(parse * 1000, 3), "normalise_ms": round(norm * 1000, 3),
            "ratio": round(norm / parse, 4),
            "parts_ms": {p: round(statistics.median(v) * 1000, 3) for p, v in a["parts"].items()},
        })
    parse_total = sum(r["parse_ms"] for r in rows)
    norm_total = sum(r["normalise_ms"] for r in rows)
    parts_total = {p: round(sum(r["parts_ms"][p] for r in rows), 3) for p in ("times", "quantities", "places")}
    return {
        "articles": rows,
        "overall": {
            "parse_ms": round(parse_total, 3), "normalise_ms": round(norm_total, 3),
            "ratio": round(norm_total / parse_total, 4),
            "median_article_ratio": round(statistics.median(r["ratio"] for r in rows), 4),
            "max_article_ratio": max(r["ratio"] for r in rows),
            "parts_ms": parts_total,
            "parts_ratio": {p: round(v / parse_total, 4) for p, v in parts_total.items()},
            "goal": GOAL, "meets_goal": norm_total / parse_total < GOAL,
        },
        "setup": {"reps": reps, "warmup": warmup, "model": nlp_mod.loaded_model(),
                  "python": platform.python_version(), "machine": platform.machine(),
                  "cpus": os.cpu_count()},
    }


def print_table(r: dict[str, Any]) -> None:
    print(f"{'article':<46} {'chars':>6} {'sents':>5} {'parse ms':>9} {'norm ms':>8} {'ratio':>7}   "
          f"{'times':>6} {'qty':>6} {'places':>6}")
    for a in r["articles"]:
        p = a["parts_ms"]
        print(f"{a['article'] + ' (' + a['kind'] + ')':<46} {a['chars']:>6} {a['sentences']:>5} {a['parse_ms']:>9.2f} "
              f"{a['normalise_ms']:>8.2f} {a['ratio']:>7.1%}   {p['times']:>6.2f} {p['quantities']:>6.2f} "
              f"{p['places']:>6.2f}")
    o = r["overall"]
    p = o["parts_ms"]
    print(f"{'overall (sum of medians)':<46} {'':>6} {'':>5} {o['parse_ms']:>9.2f} {o['normalise_ms']:>8.2f} "
          f"{o['ratio']:>7.1%}   {p['times']:>6.2f} {p['quantities']:>6.2f} {p['places']:>6.2f}")
    pr = o["parts_ratio"]
    print(f"\nnormalisation / parse: {o['ratio']:.1%} overall (times {pr['times']:.1%}, quantities "
          f"{pr['quantities']:.1%}, places {pr['places']:.1%}); median article {o['median_article_ratio']:.1%}, "
          f"worst {o['max_article_ratio']:.1%}; goal < {o['goal']:.0%}: "
          f"{'met' if o['meets_goal'] else 'NOT met'}")
    s = r["setup"]
    print(f"({s['reps']} repetitions after {s['warmup']} warm-up, medians; {s['model']}, Python {s['python']}, "
          f"{s['cpus']} CPUs)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=Path, default=ROOT / "examples", help="directory of example folders")
    ap.add_argument("--reps", type=int, default=15, help="timed repetitions (median reported)")
    ap.add_argument("--warmup", type=int, default=2, help="untimed repetitions first")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = ap.parse_args(argv)
    r = run(args.examples, args.reps, args.warmup)
    if args.json:
        print(json.dumps(r, indent=2))
    else:
        print_table(r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
