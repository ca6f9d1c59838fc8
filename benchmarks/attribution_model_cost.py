"""Cost of extraction with the learned attribution finder, as a ratio of the bare spaCy parse of
the same articles, measured in one run (goal: throughput >= 0.8 of the parse; peak memory < 1.5 GB).

Articles: the first ``--articles`` of the PolNeAR dev part (``../shared/corpora/polnear-train``,
split seed 13) when present, else the bundled examples. For each article, interleaved and repeated
(``--reps``, medians reported), one run times:

  parse            the extractor's own parse (``Extractor.parse``: excluded regions blanked,
                   block starts, long texts in pieces), nothing else
  finder:model     ``ModelFinder.find`` on that parse (the CRFs and their features)
  finder:encoder   ``EncoderFinder.find`` (the ONNX MiniLM tagger, one thread), when its weights ship
  extract:<finder> everything the extractor does after the parse (finder, sources, types,
                   quantities, places, times, evidence, verification) with finder rules, model,
                   model+rules, encoder, encoder+rules, rules+encoder, encoder:rules

  e2e:<finder>     ``Extractor.extract_one`` on the document: the parse and everything after
                   it, with a finder's text-only work (the encoder's tagging) on another thread
                   while spaCy parses (``extract/read_ahead.py``), as ``claimledger`` extracts

Throughput ratio of a configuration = parse / (parse + its time after the parse): 1.0 is "as fast
as parsing alone"; that is the serial cost, the work done. End-to-end ratio = parse / extract_one's
wall time: what one document stream sees on this machine (a second core lets the encoder's
tagging overlap the parse; with one core, or every core busy with another document, expect the
serial ratio). One untimed pass on the first article comes first, so what loads once per
process is charged to no configuration. Peak memory: the process's maximum resident set (all three extractors and the
parse loaded at once), from ``resource.getrusage``. ``--finders`` limits the configurations.

    .venv/bin/python benchmarks/attribution_model_cost.py [--articles 30] [--reps 3] [--json]
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "polnear-train"
GOAL_RATIO = 0.8
GOAL_MEMORY_MB = 1536


def articles(n: int) -> tuple[str, list]:
    from claimledger.ingest import document_from_text
    if CORPUS.is_dir():
        from claimledger.attribution_model.data import load_part
        docs = load_part(CORPUS, "dev")[:n]
        return f"PolNeAR dev part (seed 13), first {len(docs)} articles", [
            document_from_text(d.text, path=d.text_path) for d in docs]
    out = []
    for p in sorted((ROOT / "examples").glob("*/article.txt"))[:n]:
        out.append(document_from_text(p.read_text(encoding="utf-8"), path=str(p)))
    return f"bundled examples ({len(out)})", out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=30)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--finders", default=None,
                    help="comma-separated finder specs to time (default: rules, model, model+rules, and "
                         "encoder, encoder+rules, rules+encoder, encoder:rules when the encoder ships)")
    ap.add_argument("--encoder", metavar="DIR", default=None,
                    help="time the encoder in DIR (one `train attribution --arch encoder --out DIR` wrote) "
                         "as encoder, encoder+rules, rules+encoder and encoder:rules")
    args = ap.parse_args(argv)

    from claimledger.attribution_model.encoder import EncoderFinder, weights_present
    from claimledger.extract.finders import CombinedFinder, ReadingFinder, load_finder
    from claimledger.extract.pipeline import Extractor
    where, docs = articles(args.articles)
    specs = args.finders.split(",") if args.finders else (
        ["rules", "model", "model+rules"] + (["encoder", "encoder+rules", "rules+encoder", "encoder:rules"]
                                             if weights_present() or args.encoder else []))
    base = Extractor(finder="rules")
    nlp = base.nlp
    encoder = EncoderFinder(args.encoder) if args.encoder else None

    def finder_of(spec: str):
        if encoder is None:
            return spec

        def one(part: str):
            made = [encoder if n == "encoder" else load_finder(n) for n in part.split(":")]
            return made[0] if len(made) == 1 else ReadingFinder(*made)
        parts = [one(p) for p in spec.split("+")]
        return parts[0] if len(parts) == 1 else CombinedFinder(parts)

    def names_in(spec: str) -> set:
        return {n for p in spec.split("+") for n in p.split(":")}
    extractors = {spec: base if spec == "rules" else Extractor(nlp=nlp, finder=finder_of(spec)) for spec in specs}
    learned = {name: encoder if name == "encoder" and encoder is not None else load_finder(name)
               for name in ("model", "encoder") if any(name in names_in(s) for s in specs)}
    times: dict[str, list[float]] = {k: [] for k in ["parse"] + [f"finder:{n}" for n in learned]
                                     + [f"extract:{k}" for k in extractors] + [f"e2e:{k}" for k in extractors]}
    # one untimed pass on the first article: what loads once per process (the places' region
    # tables, the toponym tagger, the CRFs) is not charged to whichever extractor runs first
    if docs:
        parsed, blks = base.parse(docs[0])
        for finder in learned.values():
            finder.find(parsed, docs[0].text, [(b.start, b.end) for b in blks])
        for ex in extractors.values():
            ex.claims_from_parse(docs[0], parsed, blks)
    words = 0
    for doc in docs:
        words += len(doc.text.split())
        per: dict[str, list[float]] = {k: [] for k in times}
        for _ in range(args.reps):
            t = time.perf_counter()
            parsed, blks = base.parse(doc)
            per["parse"].append(time.perf_counter() - t)
            for name, finder in learned.items():
                t = time.perf_counter()
                finder.find(parsed, doc.text, [(b.start, b.end) for b in blks])
                per[f"finder:{name}"].append(time.perf_counter() - t)
            for name, ex in extractors.items():
                t = time.perf_counter()
                ex.claims_from_parse(doc, parsed, blks)
                per[f"extract:{name}"].append(time.perf_counter() - t)
            for name, ex in extractors.items():
                t = time.perf_counter()
                ex.extract_one(doc)
                per[f"e2e:{name}"].append(time.perf_counter() - t)
        for k, v in per.items():
            times[k].append(statistics.median(v))
    tot = {k: sum(v) for k, v in times.items()}
    parse = tot["parse"]
    result = {
        "articles": where, "words": words, "reps": args.reps, "python": platform.python_version(),
        "seconds": {k: round(v, 3) for k, v in tot.items()},
        "throughput_ratio_vs_parse": {k.split(":", 1)[1]: round(parse / (parse + v), 3)
                                      for k, v in tot.items() if k.startswith("extract:")},
        "end_to_end_ratio_vs_parse": {k.split(":", 1)[1]: round(parse / v, 3)
                                      for k, v in tot.items() if k.startswith("e2e:")},
        "finder_alone_ratio": {n: round(parse / (parse + tot[f"finder:{n}"]), 3) for n in learned},
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "goals": {"throughput_ratio": GOAL_RATIO, "peak_memory_mb": GOAL_MEMORY_MB},
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{where}: {words} words, medians of {args.reps} runs, one process")
    print(f"  bare parse                 {parse:7.2f} s  ({words / parse:,.0f} words/s)")
    for n, r in result["finder_alone_ratio"].items():
        print(f"  {n + ' finder alone':26s} {tot['finder:' + n]:7.2f} s  ratio {r:.3f}")
    for k, r in result["throughput_ratio_vs_parse"].items():
        print(f"  parse + extraction ({k:13s}) ratio {r:.3f} (after-parse {tot['extract:' + k]:.2f} s)"
              f"{'  meets' if r >= GOAL_RATIO else '  below'} the {GOAL_RATIO} goal")
    for k, r in result["end_to_end_ratio_vs_parse"].items():
        print(f"  end to end ({k:13s}, read-ahead) ratio {r:.3f} (wall {tot['e2e:' + k]:.2f} s)"
              f"{'  meets' if r >= GOAL_RATIO else '  below'} the {GOAL_RATIO} goal")
    print(f"  peak memory {result['peak_memory_mb']:.0f} MB (goal < {GOAL_MEMORY_MB} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
