"""``claimledger train places``: rebuild the toponym tagger (``toponym_model.py``) from LGL / GeoVirus.

    claimledger train places --corpus ../shared/corpora/lgl/lgl.xml --corpus ../shared/corpora/geovirus/GeoVirus.xml
                             --out src/claimledger/extract/toponym_weights [--seed 13] [--epochs 30]

Each corpus is split as ``eval toponyms`` splits it (by article, by page for GeoVirus, seed 13):
only the tune part is read. The tune part is split again (:func:`~claimledger.evaluate.toponyms.
split_articles`, ``tune-fit`` / ``tune-check``): the tagger is fitted on ``tune-fit``, and the epoch
kept is the one scoring best on ``tune-check``, which also chose how the tagger is combined with
the rules. The report parts are never read. Gold toponyms that are demonyms or nationality
adjectives ("Palestinians", "Ohioans", which LGL marks) are not taught: places, not peoples.

Training needs nothing beyond the runtime dependencies (spaCy); the shared parse model's token
vectors are read, never changed.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import re
import sys
import time
from typing import Any, Optional

from .toponym_model import (COMPONENT, LABEL, WEIGHTS_DIR, WINDOW_FILE, WindowTagger, component_config,
                             new_pipeline, parse_model_id, ner_encoder, sourced_config)

DEFAULTS = {"arch": "window-mlp", "epochs": 40, "patience": 6, "batch": 8, "dropout": 0.1, "hidden_width": 64, "seed": 13,
            "learn_rate": 0.001}
WINDOW = {"window": 1, "batch_tokens": 256}     # window-mlp: neighbours each side; tokens per update
FEATURES = ("pos", "ent", "gaz")                 # window-mlp: toponym_features groups beside the vectors
_DEMONYM_END = re.compile(r"(?:ans?|ers?|ites?|ese|ish|ians?|i)$", re.I)


def demonym_like(phrase: str, gold_name: Optional[str]) -> bool:
    """A gold toponym that names a people or is an adjective ("Palestinians", "Ohioans", "Texan",
    "Londoner", "European"): the demonym table knows it, or it ends as demonyms do and is not the
    place's own name though it starts like it."""
    from .lexicon import demonym_country

    if demonym_country(phrase) is not None:
        from .toponym_model import _country_named
        return not _country_named(phrase)
    if not gold_name:
        return False
    p, g = phrase.strip().lower(), gold_name.strip().lower()
    return (p != g and not g.startswith(p) and not p.startswith(g + " ") and bool(_DEMONYM_END.search(p))
            and p[:3] == g[:3] and len(p) > 3)


def corpus_digest(paths: list[str]) -> str:
    h = hashlib.sha256()
    for p in paths:
        with open(p, "rb") as f:
            h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()


def _examples(articles, shared, tagger_nlp, say, arch: str) -> list:
    """spaCy Examples: the copy of each parsed article (words, spaces, the vectors the tagger
    reads) with its gold toponyms (demonyms left out) as TOPONYM entities, aligned to tokens."""
    from spacy.tokens import Doc
    from spacy.training import Example

    out = []
    texts = [a.text for a in articles]
    for art, spdoc in zip(articles, shared.pipe(texts, batch_size=8)):
        doc = Doc(tagger_nlp.vocab, words=[t.text for t in spdoc], spaces=[bool(t.whitespace_) for t in spdoc])
        if arch == "ner-vectors":
            doc.tensor = ner_encoder(shared).predict([spdoc])
        elif arch == "parse-vectors":
            doc.tensor = spdoc.tensor
        ents = [(sp.start_char, sp.end_char, LABEL) for sp in _taught_spans(art, spdoc)]
        out.append(Example.from_dict(doc, {"entities": ents}))
    say(f"{len(out)} articles, {sum(len(e.reference.ents) for e in out)} toponyms taught")
    return out


def _read_parts(corpora: list[str], seed: int, say, examples) -> tuple[list, list, dict]:
    """(fit examples, check examples, article counts per corpus): each corpus's tune-fit and
    tune-check parts made into examples by ``examples`` (a list of articles -> a list)."""
    from ..evaluate.toponyms import read_toponym_xml, split_articles

    fit, check, counts = [], [], {}
    for path in corpora:
        articles, _failures = read_toponym_xml(path)
        f_arts = split_articles(articles, "tune-fit", seed)
        c_arts = split_articles(articles, "tune-check", seed)
        say(f"{os.path.basename(path)}: {len(f_arts)} tune-fit, {len(c_arts)} tune-check articles (seed {seed})")
        counts[os.path.basename(path)] = {"tune_fit": len(f_arts), "tune_check": len(c_arts)}
        fit += examples(f_arts)
        check += examples(c_arts)
    return fit, check, counts


def _taught_spans(art, spdoc) -> list:
    """The token spans of ``spdoc`` the tagger is taught: the article's gold toponyms aligned to
    tokens, demonyms left out, and of overlapping ones the first (longest)."""
    out, taken = [], set()
    for t in sorted(art.toponyms, key=lambda t: (t.start, -t.end)):
        if demonym_like(t.phrase, t.name):
            continue
        sp = spdoc.char_span(t.start, t.end, alignment_mode="expand")
        if sp is None or not len(sp) or any(i in taken for i in range(sp.start, sp.end)):
            continue
        taken.update(range(sp.start, sp.end))
        out.append(sp)
    return out


def _copy_params(src, dst) -> None:
    """The parameters of ``src`` into ``dst`` (layers of the same shape)."""
    for name in src.param_names:
        if dst.has_param(name) and dst.get_param(name).shape == src.get_param(name).shape:
            dst.set_param(name, src.get_param(name).copy())


def _score(pipe, examples) -> dict[str, Any]:
    """Overlap P/R/F1 of the tagger's spans against the taught ones (as ``eval toponyms`` matches)."""
    from ..evaluate.toponyms import match_overlapping, prf

    tp = n_pred = n_gold = 0
    docs = [e.predicted.copy() for e in examples]
    for d, e in zip(docs, examples):
        d.tensor = e.predicted.tensor
    pipe.set_annotations(docs, pipe.predict(docs))
    for d, e in zip(docs, examples):
        pred = [(x.start_char, x.end_char) for x in d.ents]
        gold = [(x.start_char, x.end_char) for x in e.reference.ents]
        tp += len(match_overlapping(gold, pred))
        n_pred += len(pred)
        n_gold += len(gold)
    return prf(tp, n_pred, n_gold)


def train_places(corpora: list[str], out: str = WEIGHTS_DIR, *, seed: int = DEFAULTS["seed"],
                 epochs: int = DEFAULTS["epochs"], patience: int = DEFAULTS["patience"],
                 hidden_width: int = DEFAULTS["hidden_width"], arch: str = DEFAULTS["arch"],
                 learn_rate: float = DEFAULTS["learn_rate"], features=FEATURES, gazetteer=None,
                 log=None) -> dict[str, Any]:
    """Fit the tagger on the ``tune-fit`` parts of ``corpora``, keep the epoch best on their
    ``tune-check`` parts, write it to ``out`` with ``meta.json`` and ``MODEL_CARD.md``; returns the
    meta. ``features`` (window-mlp only): the :mod:`.toponym_features` groups read beside the
    vectors, the ``gaz`` group from ``gazetteer`` (default: the package's)."""
    import spacy
    from spacy.util import minibatch

    from . import nlp as nlp_mod

    say = log or (lambda m: None)
    t0 = time.time()
    spacy.util.fix_random_seed(seed)
    shared = nlp_mod.load()
    if arch == "window-mlp":
        return _train_window(corpora, out, seed=seed, epochs=epochs, patience=patience, hidden_width=hidden_width,
                             learn_rate=learn_rate, say=say, t0=t0, features=features, gazetteer=gazetteer)
    if arch == "own":
        config = sourced_config(shared)
        tnlp = new_pipeline(config, source=shared)
    else:
        source = ner_encoder(shared) if arch == "ner-vectors" else shared.get_pipe("tok2vec").model
        config = component_config(hidden_width=hidden_width, width=source.get_dim("nO"))
        tnlp = new_pipeline(config)
    pipe = tnlp.get_pipe(COMPONENT)
    fit, check, counts = _read_parts(corpora, seed, say, lambda arts: _examples(arts, shared, tnlp, say, arch))
    say(f"parsed in {time.time() - t0:.0f}s")
    if arch == "own":
        pipe.add_label(LABEL)
        sgd = tnlp.resume_training()
    else:
        sgd = tnlp.initialize(get_examples=lambda: fit)
        sgd.learn_rate = learn_rate
        if arch == "ner-vectors":
            # start the hidden layer from the parse model's own NER, which reads the same vectors
            _copy_params(shared.get_pipe("ner").model.get_ref("lower"), pipe.model.get_ref("lower"))
    rng = random.Random(seed)
    best, best_f, best_epoch, history = None, -1.0, 0, []
    for epoch in range(1, epochs + 1):
        order = list(fit)
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for batch in minibatch(order, size=DEFAULTS["batch"]):
            pipe.update(batch, sgd=sgd, drop=DEFAULTS["dropout"], losses=losses)
        s = _score(pipe, check)
        history.append({"epoch": epoch, "loss": round(float(losses.get(COMPONENT, 0.0)), 1), **{k: s[k] for k in ("precision", "recall", "f1")}})
        say(f"epoch {epoch}: loss {losses.get(COMPONENT, 0.0):.1f}, tune-check P {s['precision']:.3f} "
            f"R {s['recall']:.3f} F1 {s['f1']:.3f}")
        if s["f1"] > best_f:
            best, best_f, best_epoch = pipe.to_bytes(), s["f1"], epoch
        elif epoch - best_epoch >= patience:
            break
    pipe.from_bytes(best)
    final = _score(pipe, check)
    os.makedirs(out, exist_ok=True)
    pipe.to_disk(os.path.join(out, COMPONENT), exclude=["vocab"])   # labels live in its moves; no corpus words
    meta = {"label": LABEL, "arch": arch, "component_config": config, "parse_model": parse_model_id(shared),
            "tensor_width": config["model"]["tok2vec"]["width"], "spacy": spacy.__version__,
            "corpora": [os.path.basename(p) for p in corpora], "corpus_sha256": corpus_digest(corpora),
            "seed": seed, "articles": counts, "taught_fit": sum(len(e.reference.ents) for e in fit),
            "taught_check": sum(len(e.reference.ents) for e in check), "epochs_run": len(history),
            "best_epoch": best_epoch, "tune_check": final, "history": history,
            "hyper": {**DEFAULTS, "arch": arch, "epochs": epochs, "patience": patience, "hidden_width": hidden_width,
                      "learn_rate": learn_rate},
            "seconds": round(time.time() - t0)}
    with open(os.path.join(out, "meta.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1)
    write_card(out, meta)
    return meta


def _window_examples(articles, shared, say, features=None) -> list:
    """(NER encoder vectors, B/I/O labels, taught token spans) of each parsed article; demonyms are
    not taught, and of overlapping gold toponyms the first (longest) is. With ``features`` (a
    :class:`~.toponym_features.TokenFeatures`), its columns follow each token's vectors."""
    import numpy

    encoder = ner_encoder(shared)
    out = []
    for art, spdoc in zip(articles, shared.pipe([a.text for a in articles], batch_size=8)):
        labels = numpy.zeros(len(spdoc), dtype="int64")
        spans = []
        for sp in _taught_spans(art, spdoc):
            labels[sp.start] = 1
            labels[sp.start + 1:sp.end] = 2
            spans.append((sp.start, sp.end))
        vectors = numpy.asarray(encoder.predict([spdoc]), dtype="float32") if len(spdoc) else \
            numpy.zeros((0, encoder.get_dim("nO")), dtype="float32")
        if features is not None:
            vectors = numpy.hstack([vectors, features.matrix(spdoc)])
        out.append((vectors, labels, spans))
    say(f"{len(out)} articles, {sum(len(e[2]) for e in out)} toponyms taught")
    return out


def _window_score(tagger: WindowTagger, examples) -> dict[str, Any]:
    """Overlap P/R/F1 of the tagger's token spans against the taught ones."""
    from ..evaluate.toponyms import match_overlapping, prf

    tp = n_pred = n_gold = 0
    for vectors, _labels, gold in examples:
        pred = tagger.token_spans(vectors)
        tp += len(match_overlapping(gold, pred))
        n_pred += len(pred)
        n_gold += len(gold)
    return prf(tp, n_pred, n_gold)


class _Adam:
    """Adam over a dict of numpy arrays (updated in place)."""

    def __init__(self, params: dict, lr: float, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8):
        import numpy

        self.params, self.lr, self.b1, self.b2, self.eps, self.t = params, lr, b1, b2, eps, 0
        self.m = {k: numpy.zeros_like(v) for k, v in params.items()}
        self.v = {k: numpy.zeros_like(v) for k, v in params.items()}

    def step(self, grads: dict) -> None:
        import numpy

        self.t += 1
        for k, g in grads.items():
            self.m[k] = self.b1 * self.m[k] + (1 - self.b1) * g
            self.v[k] = self.b2 * self.v[k] + (1 - self.b2) * g * g
            mh = self.m[k] / (1 - self.b1 ** self.t)
            vh = self.v[k] / (1 - self.b2 ** self.t)
            self.params[k] -= (self.lr * mh / (numpy.sqrt(vh) + self.eps)).astype(self.params[k].dtype)


def _window_update(tagger: WindowTagger, adam: _Adam, X, y, dropout: float, rng) -> float:
    """One step of softmax cross-entropy on the rows ``X`` (features) with labels ``y``."""
    import numpy

    h = X @ tagger.W1 + tagger.b1
    a = numpy.maximum(h, 0)
    mask = (rng.random_sample(a.shape) >= dropout) / (1 - dropout) if dropout else 1.0
    a = a * mask
    o = a @ tagger.W2 + tagger.b2
    o -= o.max(axis=1, keepdims=True)
    p = numpy.exp(o)
    p /= p.sum(axis=1, keepdims=True)
    rows = numpy.arange(len(y))
    loss = float(-numpy.log(p[rows, y] + 1e-9).sum())
    g = p
    g[rows, y] -= 1
    g /= len(y)
    ga = (g @ tagger.W2.T) * mask
    ga[h <= 0] = 0
    adam.step({"W2": a.T @ g, "b2": g.sum(axis=0), "W1": X.T @ ga, "b1": ga.sum(axis=0)})
    return loss


def _train_window(corpora: list[str], out: str, *, seed: int, epochs: int, patience: int, hidden_width: int,
                  learn_rate: float, say, t0: float, features=FEATURES, gazetteer=None) -> dict[str, Any]:
    """``train_places`` for the "window-mlp" arch: a numpy two-layer network per token (see
    :class:`~.toponym_model.WindowTagger`), Adam, dropout, the epoch best on tune-check kept."""
    import numpy
    import spacy

    from . import nlp as nlp_mod

    from .toponym_features import TokenFeatures

    shared = nlp_mod.load()
    extra = TokenFeatures(list(features or ()), gazetteer)
    fit, check, counts = _read_parts(corpora, seed, say,
                                     lambda arts: _window_examples(arts, shared, say, extra if extra.groups else None))
    say(f"parsed in {time.time() - t0:.0f}s")
    width = ner_encoder(shared).get_dim("nO")
    w = WINDOW["window"]
    rng = numpy.random.RandomState(seed)
    n_in = (width + extra.width) * (2 * w + 1)
    tagger = WindowTagger((rng.randn(n_in, hidden_width) * numpy.sqrt(2 / n_in)),
                          numpy.zeros(hidden_width), rng.randn(hidden_width, 3) * numpy.sqrt(1 / hidden_width),
                          numpy.zeros(3), window=w)
    X = numpy.vstack([tagger.features(v) for v, _, _ in fit if len(v)])
    y = numpy.concatenate([lab for v, lab, _ in fit if len(v)])
    params = {"W1": tagger.W1, "b1": tagger.b1, "W2": tagger.W2, "b2": tagger.b2}
    adam = _Adam(params, learn_rate)
    best, best_f, best_epoch, history = None, -1.0, 0, []
    step = WINDOW["batch_tokens"]
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(y))
        loss = sum(_window_update(tagger, adam, X[order[i:i + step]], y[order[i:i + step]], DEFAULTS["dropout"], rng)
                   for i in range(0, len(y), step))
        s = _window_score(tagger, check)
        history.append({"epoch": epoch, "loss": round(loss, 1), **{k: s[k] for k in ("precision", "recall", "f1")}})
        say(f"epoch {epoch}: loss {loss:.1f}, tune-check P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}")
        if s["f1"] > best_f:
            best, best_f, best_epoch = {k: v.copy() for k, v in params.items()}, s["f1"], epoch
        elif epoch - best_epoch >= patience:
            break
    for k, v in best.items():
        params[k][...] = v
    final = _window_score(tagger, check)
    os.makedirs(out, exist_ok=True)
    tagger.save(os.path.join(out, WINDOW_FILE))
    meta = {"label": LABEL, "arch": "window-mlp", "window": w, "parse_model": parse_model_id(shared),
            "tensor_width": width, "features": extra.groups, "feature_width": extra.width, "spacy": spacy.__version__,
            "corpora": [os.path.basename(p) for p in corpora], "corpus_sha256": corpus_digest(corpora),
            "seed": seed, "articles": counts, "taught_fit": sum(len(e[2]) for e in fit),
            "taught_check": sum(len(e[2]) for e in check), "epochs_run": len(history),
            "best_epoch": best_epoch, "tune_check": final, "history": history,
            "hyper": {**DEFAULTS, **WINDOW, "arch": "window-mlp", "epochs": epochs, "patience": patience,
                      "hidden_width": hidden_width, "learn_rate": learn_rate},
            "seconds": round(time.time() - t0)}
    with open(os.path.join(out, "meta.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1)
    write_card(out, meta)
    return meta


def write_card(out: str, meta: dict) -> None:
    """MODEL_CARD.md for the weights in ``out`` from their ``meta.json``; a section of measured
    figures (``figures.md`` beside it, written by hand after ``eval toponyms``) is appended."""
    c = meta["tune_check"]
    arts = "; ".join(f"{k}: {v['tune_fit']} fit, {v['tune_check']} check" for k, v in meta["articles"].items())
    window = meta.get("arch") == "window-mlp"
    size = os.path.getsize(os.path.join(out, WINDOW_FILE)) if window else \
        sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(os.path.join(out, COMPONENT)) for f in fs)
    reads = {"window-mlp": f"reads the token vectors the shared parse model's own NER encoder computes anyway ({meta['parse_model']}, "
                           f"width {meta['tensor_width']}, kept as the parse runs) and has no encoder of its own",
             "ner-vectors": f"reads the token vectors the shared parse model's own NER encoder computes anyway ({meta['parse_model']}, "
                            f"width {meta['tensor_width']}, kept as the parse runs) and has no encoder of its own",
             "parse-vectors": f"reads the shared parse model's token vectors ({meta['parse_model']}, its `tok2vec` output in "
                              f"`doc.tensor`, width {meta['tensor_width']}) and has no encoder of its own",
             "own": f"is a fine-tuned copy of the parse model's ({meta['parse_model']}) NER, encoder and all"}[meta.get("arch", "ner-vectors")]
    if window:
        groups = meta.get("features") or []
        beside = (f", with {meta.get('feature_width')} columns of cheap token features beside them "
                  f"(groups {', '.join(groups)}: the parse's part of speech and entity label, what the "
                  f"gazetteer knows a capitalised word or a run of two or three as; `toponym_features.py`)"
                  if groups else "")
        what = (f"a token classifier (B / I / O: begins, continues, is outside a toponym), a two-layer network "
                f"(hidden width {meta['hyper']['hidden_width']}, ReLU) over the vectors of each token and "
                f"{meta['window']} neighbour(s) each side{beside}, that {reads}: {size / 1e6:.2f} MB of numpy arrays "
                f"(`{WINDOW_FILE}`), loaded as data")
        how = (f"numpy, seed {meta['seed']}, Adam at {meta['hyper']['learn_rate']}, batches of "
               f"{meta['hyper']['batch_tokens']} tokens, dropout {meta['hyper']['dropout']}")
    else:
        what = (f"a spaCy transition-based NER component (`TransitionBasedParser.v2`, hidden width "
                f"{meta['hyper']['hidden_width']}) with one label, `{meta['label']}`, that {reads}: {size / 1e6:.2f} MB, "
                f"loaded as data (`from_disk` of the component)")
        how = (f"spaCy {meta['spacy']}, seed {meta['seed']}, Adam at {meta['hyper']['learn_rate']} (the hidden layer "
               f"starting from the parse model's NER's), batches of {meta['hyper']['batch']} articles, dropout "
               f"{meta['hyper']['dropout']}")
    text = f"""# Toponym tagger model card

**What:** {what}. `PlaceFinder` takes its spans as one more source of candidate places beside the parse,
gazetteer and pattern rules (see README, Places).

**Data:** {', '.join(meta['corpora'])} (../shared/corpora; sha256 of the files `{meta['corpus_sha256'][:16]}…`),
the **tune parts** only of the split `eval toponyms --part tune --seed {meta['seed']}` uses (by article, by
page for GeoVirus; the report parts are never read). The tune part is split again by page
(`--part tune-fit` / `tune-check`, 20% check): {arts}. Gold toponyms that are demonyms or adjectives ("Palestinians", "Ohioans") are not taught
(fit: {meta['taught_fit']} toponyms taught; check: {meta['taught_check']}).

**Training:** {how}, up to {meta['hyper']['epochs']} epochs with patience {meta['hyper']['patience']}; {meta['epochs_run']} run, epoch {meta['best_epoch']} kept
(best tune-check F1); {meta['seconds']} s on CPU. Rebuild: `claimledger train places --corpus
../shared/corpora/lgl/lgl.xml --corpus ../shared/corpora/geovirus/GeoVirus.xml --out
src/claimledger/extract/toponym_weights`.

**Tune-check scores** (the slice of the tune parts used to pick the epoch and the combination
with the rules, so tuned on; spans overlapping, against the taught toponyms): P {c['precision']:.3f},
R {c['recall']:.3f}, F1 {c['f1']:.3f}.

**Licence:** LGL and GeoVirus are published under GPL-3.0 (milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation);
the weights derive from them. spaCy and en_core_web_sm: MIT.

**Limits:** US local news (LGL, 2010 and before) and WikiNews epidemics reports (GeoVirus);
conflict reporting names more villages and regions abroad. Tied to the parse model above: with
another one the tagger is not used.
"""
    extra = os.path.join(out, "figures.md")
    if os.path.exists(extra):
        with open(extra, encoding="utf-8") as f:
            text += "\n" + f.read()
    with open(os.path.join(out, "MODEL_CARD.md"), "w", encoding="utf-8") as f:
        f.write(text)


def add_train_places_parser(train_subparsers):
    """Add ``places`` to the ``claimledger train`` subcommands."""
    p = train_subparsers.add_parser(
        "places", help="the toponym tagger (a per-token network or a spaCy NER component) from LGL / GeoVirus XML",
        description="Fit the toponym tagger on the tune parts of LGL / GeoVirus style XML (split as `eval toponyms "
                    "--part tune` splits, then again into tune-fit and tune-check), keep the epoch best on "
                    "tune-check, and write the weights, meta.json and MODEL_CARD.md to --out. Shipped: "
                    "--corpus ../shared/corpora/lgl/lgl.xml --corpus ../shared/corpora/geovirus/GeoVirus.xml "
                    "--out src/claimledger/extract/toponym_weights --seed 13.")
    p.add_argument("--corpus", action="append", required=True, metavar="FILE", help="an LGL / GeoVirus XML file (repeatable)")
    p.add_argument("--out", default=WEIGHTS_DIR, metavar="DIR", help="where to write the tagger (default: the shipped weights)")
    p.add_argument("--seed", type=int, default=DEFAULTS["seed"], help=f"seed of the split and the training (default {DEFAULTS['seed']})")
    p.add_argument("--epochs", type=int, default=DEFAULTS["epochs"], help="passes over the tune-fit part at most")
    p.add_argument("--arch", choices=("window-mlp", "ner-vectors", "parse-vectors", "own"), default=DEFAULTS["arch"],
                   help="window-mlp (default): a per-token B/I/O network over the vectors the parse model's own NER "
                        "encoder computes anyway (read as the parse runs) for each token and its neighbours; "
                        "ner-vectors: transition layers over the same vectors (about ten times window-mlp's cost); parse-vectors: over the parse's "
                        "doc.tensor (free, weaker); own: a fine-tuned copy of the parse model's ner, encoder and "
                        "all (costs about 40%% of the parse)")
    p.add_argument("--learn-rate", type=float, default=DEFAULTS["learn_rate"], help="Adam's learning rate")
    p.add_argument("--hidden-width", type=int, default=DEFAULTS["hidden_width"], help="width of the hidden layer")
    p.add_argument("--features", default=",".join(FEATURES), metavar="GROUPS",
                   help="window-mlp: token features read beside the vectors, comma-separated groups of pos "
                        "(part of speech), ent (the parse's entity label), gaz (what the gazetteer knows a "
                        "capitalised word or a run of two or three as); 'none' for the vectors alone "
                        f"(default {','.join(FEATURES)})")
    p.set_defaults(func=cmd_train_places)
    return p


def _feature_groups(text: str) -> list[str]:
    """"pos,ent,gaz" -> the groups; "none" or "" -> none."""
    groups = [g.strip() for g in (text or "").split(",") if g.strip()]
    return [] if groups == ["none"] else groups


def cmd_train_places(args, settings=None) -> int:
    from ..errors import ClaimLedgerError

    from .toponym_features import GROUPS

    groups = _feature_groups(getattr(args, "features", ",".join(FEATURES)))
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        print(f"unknown --features group(s): {', '.join(unknown)} (known: {', '.join(GROUPS)}, or none)", file=sys.stderr)
        return 2
    try:
        meta = train_places(args.corpus, args.out, seed=args.seed, epochs=args.epochs,
                            hidden_width=args.hidden_width, arch=args.arch, learn_rate=args.learn_rate,
                            features=groups, log=lambda m: print(m, file=sys.stderr, flush=True))
    except ClaimLedgerError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    c = meta["tune_check"]
    print(f"wrote {args.out}: epoch {meta['best_epoch']}, tune-check P {c['precision']:.3f} R {c['recall']:.3f} F1 {c['f1']:.3f}")
    return 0
