"""Ingest and extraction time grow linearly with text (issue #11): prose at two sizes, and the
repeated-cue and pathological inputs of the issue, each finishing in seconds.

Prose is the bundled example and gold articles (``examples/``, ``eval/``: news texts in the
repository, nothing copied from corpora) joined by blank lines and repeated to the size asked for
(100 KB and 400 KB by default). For each size the script times, in this process and in CPU
seconds (wall time beside it), the three stages a document goes through:

- ingest: ``document_from_text`` (checks, boilerplate, headline, language, truncation);
- parse: spaCy over the text in pieces (``Extractor.parse``);
- claims: everything after the parse (``Extractor.claims_from_parse``: attribution, sources,
  types, quantities, places, times, evidence, verification);

and prints the 400 KB / 100 KB ratio of each and of their total (linear: about 4). Each size is
run ``--repeat`` times (3) and the fastest time of each stage counts, since a shared machine
slows single runs at random.

Pathological inputs (``He said "`` x 20,000, ``said `` x 50,000, 100,000 commas, ``He said it. ``
x 80,000, a 1 MB HTML table, 20,000 nested parentheses) are each read as ingest reads them
(``document_from_text``/``document_from_html``: accepted, or refused with its one line), then
extracted the way ``ingest`` extracts, in a worker process under a time budget (``--budget``,
default 300 s, so a regression shows as "over budget" rather than a hang), and timed in the
worker's CPU seconds and wall seconds. Their text is extracted even when ingest refuses it, to
show the extractor itself is bounded.

    .venv/bin/python benchmarks/linear_growth.py [--sizes 100,400] [--repeat 3] [--budget 300]
        [--only prose|hostile] [--hostile NAME] [--json]

Figures are ratios measured in one run on one machine; no timing is asserted in the test suite.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def prose(kb: int) -> str:
    """About ``kb`` thousand characters of news prose from the repository's own articles: of each,
    the part ingest keeps (a comment form or a cut-off last sentence would exclude everything
    after it in the joined text)."""
    from claimledger.ingest import document_from_text
    from claimledger.ingest.regions import included_text
    parts = []
    for p in sorted(ROOT.glob("examples/*/article.txt")) + sorted(ROOT.glob("eval/**/*.txt")):
        parts.append(included_text(document_from_text(p.read_text(encoding="utf-8"), path=str(p))).strip())
    body = "\n\n".join(parts)
    reps = kb * 1000 // len(body) + 1
    text = "\n\n".join([body] * reps)
    cut = text.rfind("\n\n", 0, kb * 1000)
    return text[:cut if cut > 0 else kb * 1000]


def html_table(size: int) -> str:
    """An HTML page whose body is one table of about ``size`` bytes."""
    row = ("<tr><td>{n}</td><td>Officials said {n} people were killed near Kursk on Monday, "
           "the ministry said.</td><td>{n},{n}</td></tr>\n")
    rows, total, n = [], 0, 0
    while total < size:
        r = row.format(n=n)
        rows.append(r)
        total += len(r)
        n += 1
    return ("<!doctype html><html lang='en'><head><title>Table</title></head><body><table>\n"
            + "".join(rows) + "</table></body></html>")


HOSTILE = (
    ('He said " x 20,000', lambda: 'He said "' * 20_000 + ".", "text"),
    ("said x 50,000", lambda: "said " * 50_000 + ".", "text"),
    ("100,000 commas", lambda: "," * 100_000, "text"),
    ("He said it. x 80,000", lambda: "He said it. " * 80_000, "text"),
    ("1 MB HTML table", lambda: html_table(1_000_000), "html"),
    ("20,000 nested parentheses", lambda: "(" * 20_000 + "He said it." + ")" * 20_000, "text"),
)


def _clock() -> tuple[float, float]:
    return time.process_time(), time.perf_counter()


def _since(t0: tuple[float, float]) -> tuple[float, float]:
    c, w = _clock()
    return c - t0[0], w - t0[1]


def run_prose(extractor, kb: int, repeat: int = 1) -> dict:
    """Each stage timed ``repeat`` times; the fastest run of each counts (the least disturbed by
    other work on the machine)."""
    from claimledger.ingest import document_from_text
    text = prose(kb)
    ingest = parse = extract = (float("inf"), float("inf"))
    for _ in range(repeat):
        t = _clock()
        doc = document_from_text(text, path=f"prose-{kb}KB")
        ingest = min(ingest, _since(t))
        t = _clock()
        spdoc, blks = extractor.parse(doc)
        parse = min(parse, _since(t))
        t = _clock()
        claims = extractor.claims_from_parse(doc, spdoc, blks)
        extract = min(extract, _since(t))
    row = {"input": f"prose {kb} KB", "chars": len(text), "tokens": len(spdoc), "claims": len(claims),
           "ingest_cpu": round(ingest[0], 2), "parse_cpu": round(parse[0], 2),
           "claims_cpu": round(extract[0], 2),
           "total_cpu": round(ingest[0] + parse[0] + extract[0], 2),
           "total_wall": round(ingest[1] + parse[1] + extract[1], 2)}
    print(f"{row['input']:<14} {len(text):>9,} chars {len(spdoc):>8,} tokens {len(claims):>6} claims  "
          f"CPU s: ingest {ingest[0]:6.2f} parse {parse[0]:7.2f} claims {extract[0]:7.2f} "
          f"total {row['total_cpu']:7.2f} (wall {row['total_wall']:.2f})", flush=True)
    return row


def run_hostile(extractor, name: str, make, kind: str, budget: float) -> dict:
    from claimledger.errors import InputError
    from claimledger.extract.bounded import BoundedExtractor
    from claimledger.ingest import document_from_html, document_from_text
    from claimledger.models import Document
    raw = make()
    t = _clock()
    try:
        doc = (document_from_html if kind == "html" else document_from_text)(raw, path=name)
        ingest_said = "accepted"
    except InputError as exc:
        doc, ingest_said = None, f"refused: {exc.message}"
    ingest = _since(t)
    if doc is None:
        doc = Document(text=raw, path=name)     # the extractor must be bounded on it all the same
    t = _clock()
    before = _children_cpu()
    with BoundedExtractor(extractor, budget) as bounded:
        outcome = bounded.run(doc)
    extract = _since(t)
    worker_cpu = _children_cpu() - before          # the worker has been reaped: its CPU time
    result = f"{len(outcome.claims)} claims" if outcome.ok else f"{outcome.code} {outcome.reason}"
    row = {"input": name, "bytes": len(raw.encode("utf-8")), "ingest_s": round(ingest[1], 2),
           "ingest": ingest_said, "extract_cpu": round(worker_cpu, 2), "extract_wall": round(extract[1], 2),
           "extract": result}
    print(f"{name:<26} {row['bytes']:>9,} bytes  ingest {ingest[1]:5.2f} s ({ingest_said[:50]})  "
          f"extract CPU {worker_cpu:6.2f} s, wall {extract[1]:6.2f} s ({result[:60]})", flush=True)
    return row


def _children_cpu() -> float:
    import resource
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,400", help="prose sizes in KB, comma-separated")
    ap.add_argument("--budget", type=float, default=300, help="seconds per pathological input")
    ap.add_argument("--repeat", type=int, default=3, help="runs per prose size (the fastest counts)")
    ap.add_argument("--only", choices=("prose", "hostile"))
    ap.add_argument("--hostile", metavar="TEXT", help="only the pathological inputs whose name contains this")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    from claimledger.extract import nlp as nlp_mod
    from claimledger.extract.pipeline import Extractor
    nlp = nlp_mod.load()
    ex = Extractor(nlp=nlp)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    run_prose(ex, 5)                                  # warm-up: lazy tables, gazetteer, langid
    rows = []
    if args.only != "hostile":
        sizes = [int(s) for s in args.sizes.split(",") if s]
        prose_rows = [run_prose(ex, kb, args.repeat) for kb in sizes]
        rows += prose_rows
        if len(prose_rows) >= 2:
            a, b = prose_rows[0], prose_rows[-1]
            ratios = {k: b[k] / a[k] for k in ("ingest_cpu", "parse_cpu", "claims_cpu", "total_cpu", "total_wall")
                      if a[k]}
            print(f"ratio {sizes[-1]} KB / {sizes[0]} KB (text x{b['chars'] / a['chars']:.2f}): "
                  + ", ".join(f"{k} x{v:.2f}" for k, v in ratios.items()), flush=True)
    if args.only != "prose":
        for name, make, kind in HOSTILE:
            if args.hostile is None or args.hostile in name:
                rows.append(run_hostile(ex, name, make, kind, args.budget))
    print(f"load average {os.getloadavg()[0]:.1f}", flush=True)
    if args.json:
        print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
