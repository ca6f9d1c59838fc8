"""Every text of the development corpora through the whole extractor: no article may raise.

Reads ``../shared/corpora`` (LGL and GeoVirus XML, PolNeAR ``text/*.txt``, WikiWars ``.tml`` with
the tags stripped), makes a Document of each text as ``claimledger ingest`` would for plain text and
runs ``Extractor.extract_one`` on it. Prints one line per failure (corpus, article, exception and
the innermost frame) and a summary; exit 1 when any article raised. Too slow for the test suite
(many minutes); ``tests/test_places_robustness.py`` runs a small fixed sample of the same texts and
a regression test for each crash this script found.

    python benchmarks/corpus_robustness.py [--corpora DIR] [--only lgl,geovirus,polnear,wikiwars]
                                           [--limit N] [--json]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import traceback
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ("lgl", "geovirus", "polnear", "wikiwars")


def corpus_texts(corpora: Path, which: str) -> Iterator[tuple[str, str]]:
    """(article id, text) of one development corpus, in a fixed order."""
    if which in ("lgl", "geovirus"):
        from claimledger.evaluate.toponyms import read_toponym_xml

        path = corpora / ("lgl/lgl.xml" if which == "lgl" else "geovirus/GeoVirus.xml")
        articles, _ = read_toponym_xml(path)
        for a in articles:
            yield a.docid, a.text
    elif which == "polnear":
        for p in sorted((corpora / "polnear-train" / "text").glob("*.txt")):
            yield p.stem, p.read_text(encoding="utf-8")
    elif which == "wikiwars":
        for p in sorted((corpora / "wikiwars-train").glob("*.tml")):
            raw = p.read_text(encoding="utf-8")
            body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
            yield p.stem, re.sub(r"<[^>]+>", "", body.group(1) if body else raw)
    else:
        raise ValueError(f"unknown corpus {which!r}; one of {', '.join(CORPORA)}")


def run(corpora: Path, only: list[str], limit: int | None) -> dict:
    from claimledger.extract.pipeline import Extractor
    from claimledger.ingest import document_from_text

    ex = Extractor()
    failures, counts = [], {}
    t0 = time.perf_counter()
    for which in only:
        n = 0
        for art, text in corpus_texts(corpora, which):
            if limit is not None and n >= limit:
                break
            n += 1
            if not text.strip():
                continue
            try:
                ex.extract_one(document_from_text(text))
            except Exception as exc:  # the point of the script: list every one
                tb = traceback.extract_tb(exc.__traceback__)[-1]
                failures.append({"corpus": which, "article": art, "error": f"{type(exc).__name__}: {exc}",
                                 "where": f"{Path(tb.filename).name}:{tb.lineno} {tb.name}"})
                print(f"FAILED {which} {art}: {failures[-1]['error']} at {failures[-1]['where']}", flush=True)
        counts[which] = n
    return {"articles": counts, "failures": failures, "seconds": round(time.perf_counter() - t0, 1)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--only", default=",".join(CORPORA), help="comma-separated: " + ", ".join(CORPORA))
    ap.add_argument("--limit", type=int, default=None, help="at most N articles per corpus")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not args.corpora.is_dir():
        print(f"{args.corpora}: no development corpora here; nothing to run", file=sys.stderr)
        return 2
    report = run(args.corpora, [c.strip() for c in args.only.split(",") if c.strip()], args.limit)
    if args.json:
        print(json.dumps(report))
    else:
        total = sum(report["articles"].values())
        print(f"{total} article(s) {report['articles']} in {report['seconds']} s: "
              f"{len(report['failures'])} raised")
    return 1 if report["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
