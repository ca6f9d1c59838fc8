"""Two CRFs in Citron's design: a cue tagger over sentences, then, for each cue, a source and
content tagger over the cue's sentence and its neighbours.

Labels: cue tagger ``B-CUE``/``I-CUE``/``O``; role tagger ``B-SRC``/``I-SRC``/``B-CON``/``I-CON``/``O``.
Offsets here are offsets into the parsed text (the extractor's document text); training adds the
annotation's shift (a dropped byte-order mark).
"""
from __future__ import annotations

import os
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from ..errors import ModelError
from .features import DocFeatures, cue_features, quote_mask, role_features

Span = tuple[int, int]

CUE_MODEL = "cue.crfsuite"
ROLE_MODEL = "role.crfsuite"
#: Sentences before and after the cue's own that the role tagger looks at.
WINDOW_BEFORE = 1
WINDOW_AFTER = 1


@dataclass
class Found:
    """One attribution the model found: character spans into the parsed text."""

    content: list[Span]
    source: Optional[list[Span]]
    cue: list[Span]
    cue_tokens: tuple[int, int]               # token range of the cue in the parsed Doc
    source_tokens: list[tuple[int, int]] = field(default_factory=list)
    content_tokens: list[tuple[int, int]] = field(default_factory=list)
    confidence: float = 0.5


# ---------------------------------------------------------------- sequences
def sentences(df: DocFeatures) -> list[list[int]]:
    """Token indices of each sentence, whitespace tokens left out; empty sentences dropped."""
    return [s for s in df.sents if s]


def window(sents: list[list[int]], k: int) -> list[int]:
    lo, hi = max(0, k - WINDOW_BEFORE), min(len(sents), k + WINDOW_AFTER + 1)
    return [i for s in sents[lo:hi] for i in s]


def chunks(labels: Sequence[str], idx: Sequence[int], kind: str) -> list[tuple[int, int]]:
    """Token ranges [start, end) of doc indices labelled B-/I-``kind`` (an I after O opens one)."""
    out = []
    cur = None
    prev_i = None
    for lab, i in zip(labels, idx):
        if lab == "B-" + kind or (lab == "I-" + kind and (cur is None or prev_i is None or i != prev_i + 1)):
            if cur:
                out.append(tuple(cur))
            cur = [i, i + 1]
        elif lab == "I-" + kind and cur is not None:
            cur[1] = i + 1
        else:
            if cur:
                out.append(tuple(cur))
            cur = None
        prev_i = i
    if cur:
        out.append(tuple(cur))
    return out


def char_spans(doc, ranges: Iterable[tuple[int, int]], shift: int = 0) -> list[Span]:
    return [(doc[a].idx + shift, doc[b - 1].idx + len(doc[b - 1]) + shift) for a, b in ranges]


# ---------------------------------------------------------------- gold labels
class _Tokens:
    """Tokens overlapping character spans of the annotated text, by bisection."""

    def __init__(self, doc, shift: int):
        self.doc = doc
        self.starts = [t.idx + shift for t in doc]
        self.ends = [t.idx + len(t) + shift for t in doc]

    def overlapping(self, spans) -> list[int]:
        out = []
        for a, b in spans or ():
            k = max(0, bisect_right(self.starts, a) - 1)
            while k < len(self.starts) and self.starts[k] < b:
                if self.ends[k] > a and not self.doc[k].is_space:
                    out.append(k)
                k += 1
        return sorted(set(out))


def cue_labels(idx: Sequence[int], owner: dict[int, int]) -> list[str]:
    """BIO labels of a sentence's tokens; ``owner`` maps a cue token to its attribution's number."""
    labels, prev = [], None
    for i in idx:
        o = owner.get(i)
        labels.append("O" if o is None else "I-CUE" if prev == o else "B-CUE")
        prev = o
    return labels


def role_labels(idx: Sequence[int], src: set, con: set, cue: tuple[int, int]) -> list[str]:
    labels, prev = [], "O"
    for i in idx:
        if cue[0] <= i < cue[1]:
            lab = "O"
        elif i in con:
            lab = "CON"
        elif i in src:
            lab = "SRC"
        else:
            lab = "O"
        labels.append("O" if lab == "O" else ("I-" if prev == lab else "B-") + lab)
        prev = lab
    return labels


def training_sequences(parsed: Sequence) -> tuple[list, list]:
    """(cue sequences, role sequences): each a list of (features, labels) from
    [(BratDocument, Doc, shift)]."""
    cue_seqs, role_seqs = [], []
    for bdoc, doc, shift in parsed:
        if doc is None:
            continue
        df = DocFeatures(doc, quote_mask(doc.text))
        sents = sentences(df)
        toks = _Tokens(doc, shift)
        owner: dict[int, int] = {}
        roles = []
        for n, a in enumerate(bdoc.attributions):
            cue_toks = toks.overlapping(a.cue)
            for i in cue_toks:
                owner.setdefault(i, n)
            if cue_toks:
                roles.append((a, (cue_toks[0], cue_toks[-1] + 1)))
        for s in sents:
            cue_seqs.append((cue_features(df, s), cue_labels(s, owner)))
        for a, cue in roles:
            idx = window(sents, _sentence_number(sents, df, cue[0]))
            if not idx:
                continue
            role_seqs.append((role_features(df, idx, cue),
                              role_labels(idx, set(toks.overlapping(a.source)), set(toks.overlapping(a.content)), cue)))
    return cue_seqs, role_seqs


def _sentence_number(sents: list[list[int]], df: DocFeatures, i: int) -> int:
    """Index in ``sents`` (non-empty sentences) of the sentence holding token ``i``."""
    firsts = [s[0] for s in sents]
    return max(0, bisect_right(firsts, i) - 1)


# ---------------------------------------------------------------- training
def train_crf(seqs: Sequence, path: str, *, c1: float = 0.05, c2: float = 0.01, max_iterations: int = 100,
              minfreq: float = 2.0) -> None:
    import pycrfsuite
    trainer = pycrfsuite.Trainer(verbose=False)
    for xs, ys in seqs:
        trainer.append(pycrfsuite.ItemSequence(xs), ys)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations,
                        "feature.minfreq": minfreq, "feature.possible_transitions": True})
    trainer.train(path)


# ---------------------------------------------------------------- the model
class AttributionCRF:
    """The cue and role taggers loaded from ``directory`` (``cue.crfsuite``, ``role.crfsuite``).
    Taggers are per instance (crfsuite taggers are not thread-safe: one model per thread)."""

    def __init__(self, directory: str, cue_threshold: Optional[float] = None):
        self.cue_threshold = cue_threshold if cue_threshold is not None else _meta(directory).get("cue_threshold")
        try:
            import pycrfsuite
        except ImportError as exc:
            raise ModelError("the attribution model needs python-crfsuite; install claimledger's runtime "
                             "dependencies (pip install python-crfsuite)", code="CL211") from exc
        self.directory = str(directory)
        self._taggers = {}
        for name in (CUE_MODEL, ROLE_MODEL):
            path = os.path.join(self.directory, name)
            if not os.path.isfile(path):
                raise ModelError(f"attribution model weights missing: {path} not found; reinstall claimledger "
                                 f"or rebuild them with `claimledger train attribution --corpus DIR --out "
                                 f"{self.directory}`", code="CL210", input=path)
            tagger = pycrfsuite.Tagger()
            try:
                tagger.open(path)
            except Exception as exc:
                raise ModelError(f"attribution model weights unreadable: {exc}", code="CL212", input=path) from exc
            self._taggers[name] = tagger

    def find(self, doc, start: int = 0, end: Optional[int] = None) -> list[Found]:
        """Attributions whose cue lies in doc[start:end] (token indices; default the whole Doc)."""
        end = len(doc) if end is None else end
        df = DocFeatures(doc, quote_mask(doc.text))
        sents = sentences(df)
        cue_tagger = self._taggers[CUE_MODEL]
        role_tagger = self._taggers[ROLE_MODEL]
        found = []
        for k, s in enumerate(sents):
            if s[-1] < start or s[0] >= end:
                continue
            labels = cue_tagger.tag(cue_features(df, s))
            probs = None
            if self.cue_threshold is not None:
                labels, probs = _threshold_labels(cue_tagger, labels, self.cue_threshold)
            for cue in chunks(labels, s, "CUE"):
                if not start <= cue[0] < end:
                    continue
                k0 = s.index(cue[0])
                p_cue = probs[k0] if probs is not None else cue_tagger.marginal(labels[k0], k0)
                idx = window(sents, k)
                rl = role_tagger.tag(role_features(df, idx, cue))
                con = chunks(rl, idx, "CON")
                if not con:
                    continue
                src = chunks(rl, idx, "SRC")
                found.append(Found(content=char_spans(doc, con), source=char_spans(doc, src) or None,
                                   cue=char_spans(doc, [cue]), cue_tokens=cue, source_tokens=src,
                                   content_tokens=con, confidence=round(p_cue, 3)))
        return found


def _meta(directory: str) -> dict:
    import json
    path = os.path.join(str(directory), "meta.json")
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return {}


def _threshold_labels(tagger, labels: list[str], threshold: float) -> tuple[list[str], list[float]]:
    """Cue labels from marginals instead of the best path: a token is part of a cue when
    P(B-CUE) + P(I-CUE) >= ``threshold``; it opens a new cue when B-CUE is the likelier of the two
    or the token before is not a cue. Lower thresholds trade precision for recall."""
    out, probs = [], []
    known = set(tagger.labels())
    prev_cue = False
    for k in range(len(labels)):
        pb = tagger.marginal("B-CUE", k) if "B-CUE" in known else 0.0
        pi = tagger.marginal("I-CUE", k) if "I-CUE" in known else 0.0
        if pb + pi >= threshold:
            out.append("I-CUE" if prev_cue and pi > pb else "B-CUE")
            prev_cue = True
        else:
            out.append("O")
            prev_cue = False
        probs.append(pb + pi)
    return out, probs
