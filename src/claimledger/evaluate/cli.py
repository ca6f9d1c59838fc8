"""``claimledger eval``: the evaluation commands, added to the main parser by ``add_eval_parser``.

    claimledger eval attribution DIR [--annotator ID] [--finder rules|model|encoder|both|all|A,B,...] [--part all|train|dev|tune-slice|fit]
                                    [--split-seed S] [--bootstrap N] [--seed S] [--format table|json] [--errors]
    claimledger eval claims GOLD... [--format table|json] [--errors]
    claimledger eval articles DIR [--bootstrap N] [--seed S] [--format table|json] [--errors]

(plus ``eval timex`` and ``eval toponyms`` when those modules are installed). Each subcommand sets
``func(args, settings) -> exit status``: 0 scored, 1 scored but some inputs failed to extract (they
count as nothing extracted and are named on stderr); unusable input raises ``InputError`` (the
main CLI prints it and exits 2).

Standalone: ``python -m claimledger.evaluate attribution DIR ...``.
"""
from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from ..errors import ClaimLedgerError


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("table", "json"), default="table",
                   help="table for people (default), json for machines (one object)")
    p.add_argument("--errors", action="store_true",
                   help="also list misses and false alarms with their text in context")


def _bootstrap(p: argparse.ArgumentParser) -> None:
    p.add_argument("--bootstrap", type=int, default=1000, metavar="N",
                   help="bootstrap resamples for confidence intervals (default 1000; 0 for none)")
    p.add_argument("--seed", type=int, default=0, help="random seed of the bootstrap (default 0)")


def add_eval_parser(subparsers) -> argparse.ArgumentParser:
    """Add ``eval`` with its subcommands to an ``add_subparsers()`` object; returns the ``eval`` parser."""
    ev = subparsers.add_parser(
        "eval", help="score the extractor against annotated corpora",
        description="Score extraction against annotated data: brat attribution corpora, our claims "
                    "gold files, saved HTML pages with their article text.")
    sub = ev.add_subparsers(dest="eval_command", required=True, metavar="EVALUATION")

    p = sub.add_parser(
        "attribution", help="attributions (content, source, cue) against a brat corpus",
        description="Read NAME.txt with NAME.ann or NAME_ANNOTATOR.ann (PolNeAR, PARC-derived sets), run "
                    "the extractor on every text and score content, content+source and "
                    "content+source+cue, exact and lenient, with breakdowns by quote type, source "
                    "(source-less included) and content form (quotation, clause, phrase; with the recall "
                    "on clause-or-quotation contents), misses by cause (source-less, source wrong, content "
                    "boundary, cue missed), nesting scored both ways (as predicted, and flattened as "
                    "the univocal annotation is) and bootstrap confidence intervals over documents. "
                    "--finder all scores rules, model, both and (when its weights ship) encoder, "
                    "encoder+rules, rules+encoder and encoder:rules side by side on one parse of each text, as does a "
                    "comma-separated list; "
                    "--part dev scores only the development part of the split by article (held out: "
                    "score it once, at the end of a piece of work); --part tune-slice the 100 train "
                    "articles held out of the encoder's fitting, on which its decoding and linking are tuned.")
    p.add_argument("directory", metavar="DIR")
    p.add_argument("--annotator", help="score against this annotator (default: the first by id for each text)")
    p.add_argument("--finder", default="rules", metavar="FINDER",
                   help="attribution finder: rules (default), model (the CRFs), encoder (the MiniLM tagger), "
                        "both (model+rules: the model's attributions plus the rules' where the model found "
                        "none), a spec such as encoder+rules, rules+encoder or encoder:rules (the encoder's attributions, "
                        "each read by the rules where they found the same content, then the rules' others), all (every shipped finder and combination side "
                        "by side), or a comma-separated list of them side by side")
    p.add_argument("--part", choices=("all", "train", "dev", "tune-slice", "fit"), default="all",
                   help="score one part of the corpus split by article (sorted ids shuffled with "
                        "--split-seed, 80%% train / 20%% dev); tune-slice: the 100 train articles held "
                        "out of the encoder's fitting (the first of a shuffle of the train ids with seed 1), "
                        "where its decoding and linking are tuned; fit: the rest of train, what it was "
                        "fitted on; default all")
    p.add_argument("--split-seed", type=int, default=None, metavar="S",
                   help="seed of the article split (default 13, the shipped model's); refused with "
                        "--part tune-slice or fit, which exist only under the encoder's own split "
                        "(under another seed they would hold articles it was fitted on)")
    p.add_argument("--source-span", choices=("phrase", "extent", "auto"), default="phrase",
                   help="which source span is compared: phrase (default: the source phrase alone, as "
                        "our gold sets mark it), extent (with its relative and participle clauses and "
                        "appositives where the finder gives them, as PolNeAR marks sources: 'the "
                        "official, who spoke on condition of anonymity,'), or auto: extent for a corpus "
                        "in PolNeAR's own layout (DIR/attributions), else phrase")
    _bootstrap(p)
    _common(p)
    p.set_defaults(func=cmd_attribution)

    p = sub.add_parser(
        "claims", help="claims against our gold files (gold.json)",
        description="Score the extractor against claims gold files (format: eval/GOLD_FORMAT.md; "
                    "examples: examples/seed_kursk/gold.json), "
                    "with the rules of the shared scorer (src/claimledger/evaluate/claims_gold.py), over all "
                    "files at once: micro P/R/F1 and "
                    "accuracy per field. A directory stands for every gold.json under it.")
    p.add_argument("gold", nargs="+", metavar="GOLD")
    _common(p)
    p.set_defaults(func=cmd_claims)

    p = sub.add_parser(
        "articles", help="main-text extraction on saved HTML pages",
        description="Score main-text extraction on NAME.html / NAME.html.gz with NAME.json (articleBody, "
                    "optional datePublished) as the public article-extraction benchmark does, and check "
                    "publication dates read from the pages.")
    p.add_argument("directory", metavar="DIR")
    _bootstrap(p)
    _common(p)
    p.set_defaults(func=cmd_articles)

    for module in ("timex", "toponyms", "events"):
        try:
            mod = __import__(f"claimledger.evaluate.{module}", fromlist=["add_parser"])
        except ImportError:
            continue
        add = getattr(mod, "add_parser", None)
        if add is not None:
            add(sub)
    return ev


def _emit(report, args) -> int:
    from .report import render
    out = render(report, args.format, args.errors)
    sys.stdout.write(out + "\n")
    sys.stdout.flush()
    for f in report.failures:
        print(f"failed {f}", file=sys.stderr)
    return 1 if report.failures else 0


def cmd_attribution(args, settings=None) -> int:
    from .attribution import FINDER_CHOICES, all_finders, compare_finders, evaluate_attribution, seen_in_training
    common = dict(annotator=args.annotator, n_bootstrap=args.bootstrap, seed=args.seed, settings=settings,
                  part=getattr(args, "part", "all"), split_seed=getattr(args, "split_seed", None),
                  source_span=getattr(args, "source_span", "phrase"))
    finder = getattr(args, "finder", "rules")
    specs = all_finders() if finder == "all" else [f.strip() for f in finder.split(",") if f.strip()]
    # what is scored: --finder rules (the default) scores the attribution_finder setting
    scored = [getattr(settings, "attribution_finder", None) or "rules" if f == "rules" and len(specs) == 1
              else FINDER_CHOICES.get(f, f) for f in specs]
    for w in seen_in_training(scored, common["part"], common["split_seed"], args.directory):
        print(f"warning: {w}", file=sys.stderr)
    if finder == "all" or "," in finder:
        report = compare_finders(args.directory, specs, **common)
        if args.format == "json":
            for w in next(iter(report.reports.values())).warnings:
                print(f"warning: {w}", file=sys.stderr)
        return _emit(report, args)
    report = evaluate_attribution(args.directory, finder=None if finder == "rules" else finder, **common)
    if args.format == "json":
        for w in report.warnings:
            print(f"warning: {w}", file=sys.stderr)
    return _emit(report, args)


def cmd_claims(args, settings=None) -> int:
    from .claims_gold import evaluate_claims
    return _emit(evaluate_claims(args.gold, settings=settings), args)


def cmd_articles(args, settings=None) -> int:
    from .articles import evaluate_articles
    return _emit(evaluate_articles(args.directory, n_bootstrap=args.bootstrap, seed=args.seed,
                                   settings=settings), args)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m claimledger.evaluate",
                                 description="claimledger evaluations (the same as `claimledger eval`).")
    sub = ap.add_subparsers(dest="command", required=True)
    add_eval_parser(sub)
    return ap


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Standalone entry: ``main(["attribution", DIR])`` runs ``claimledger eval attribution DIR``."""
    from ..settings import Settings
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] != "eval":
        argv = ["eval"] + argv
    args = build_parser().parse_args(argv)
    try:
        return args.func(args, Settings.load())
    except ClaimLedgerError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
