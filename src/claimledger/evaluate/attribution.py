"""Attribution scoring against brat corpora: our claims versus annotated (content, source, cue).

Every annotated attribution is compared with every attributed claim we extract (claims of the
outlet's own narration, attribution ``author``, are not attributions and are left out) on:

- content: the claim's pieces (``spans``, else ``span``) against the annotated Content;
- source: the source *as written* (``source.span``: the pronoun itself when we resolved "he" to a
  name), ``None`` when there is none (passive, "it is believed", the author);
- cue: ``cue.span``.

Each span is trimmed of whitespace, quotation marks and punctuation at the edges of every piece
(a span that is nothing but punctuation, like a colon cue, keeps its characters), and compared as
the set of its non-space character offsets. Three levels (content; content+source;
content+source+cue), each *exact* (equal sets) or *lenient* (Jaccard of the sets >= 0.5; cue by
any overlap). Missing source or cue matches only missing. Per level and mode the matching is one
to one, of maximum size (content Jaccard decides between equally good pairs).

Breakdowns: by quote type of the content (direct: entirely inside quotation marks; mixed: partly;
indirect: none), by source (pronoun, named = any other source written out, none) and by the form
of the content, read off the extractor's parse (quotation: all inside quotation marks; clause:
holds a finite verb; phrase: a noun phrase or infinitive, "called for an inquiry"). Gold items
are classified by the gold text, predictions by theirs: recall of a category counts its matched
gold items, precision its matched predictions. Confidence intervals: percentile bootstrap over
documents (fixed seed).
"""
from __future__ import annotations

import dataclasses
import math
import random
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional, Sequence

from ..errors import ClaimLedgerError
from .brat import BratDocument, read_corpus

Span = tuple[int, int]

MEASURES = ("content_exact", "content_lenient", "content_source_exact", "content_source_lenient",
            "full_exact", "full_lenient")
#: The figure reported as plain precision/recall/f1 (what human agreement, about 0.85, is quoted on).
HEADLINE = "content_source_lenient"
JACCARD = 0.5
QUOTE_TYPES = ("direct", "mixed", "indirect")
SOURCE_TYPES = ("pronoun", "named", "none")
#: Content forms; "unknown" when no parse was available to tell.
FORMS = ("quotation", "clause", "phrase")
#: Fine-grained tags of finite verbs (spaCy's English tag set), for parses without morphology.
_FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})

PRONOUNS = frozenset("""i me my mine we us our ours you your yours he him his she her hers it its
they them their theirs who whom whose which that this these those himself herself themselves
itself ourselves myself""".split())

_QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a\u300c\u300d"


# ----------------------------------------------------------------------------------- span helpers
def _edge(ch: str) -> bool:
    return ch.isspace() or ch in _QUOTE_CHARS or unicodedata.category(ch).startswith("P")


def trim_spans(text: str, spans: Iterable[Span]) -> list[Span]:
    """Each piece without whitespace, quotation marks and punctuation at its edges; empty pieces
    dropped. A span made only of punctuation (a colon cue) keeps its non-space characters."""
    out = []
    for s, e in spans:
        s, e = max(0, s), min(len(text), e)
        a, b = s, e
        while a < b and _edge(text[a]):
            a += 1
        while b > a and _edge(text[b - 1]):
            b -= 1
        if a == b:  # punctuation only: trim whitespace alone
            a, b = s, e
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
        if a < b:
            out.append((a, b))
    return out


def char_set(text: str, spans: Optional[Iterable[Span]]) -> Optional[frozenset[int]]:
    """Offsets of the non-space characters of the trimmed spans; None for no span (or nothing left)."""
    if not spans:
        return None
    chars = frozenset(i for s, e in trim_spans(text, spans) for i in range(s, e) if not text[i].isspace())
    return chars or None


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def quote_mask(text: str) -> bytearray:
    """1 for every character inside quotation marks. Quotes pair within a paragraph (a line);
    an unclosed double quote runs to the end of its paragraph (multi-paragraph quotations leave
    it open); single quotes pair only when they cannot be apostrophes."""
    mask = bytearray(len(text))
    pos = 0
    n = len(text)
    while pos < n:
        end = text.find("\n", pos)
        end = n if end < 0 else end
        _mark_paragraph(text, pos, end, mask)
        pos = end + 1
    return mask


_CLOSERS = {"\u201c": "\u201d\"", "\"": "\"\u201d", "\u201e": "\u201c\u201d", "\u00ab": "\u00bb",
            "\u2039": "\u203a", "\u300c": "\u300d"}


def _mark_paragraph(text: str, start: int, end: int, mask: bytearray) -> None:
    i = start
    while i < end:
        ch = text[i]
        j = None
        if ch in _CLOSERS:
            j = next((k for k in range(i + 1, end) if text[k] in _CLOSERS[ch]), end)
        elif ch in "\u2018'" and (i == start or not text[i - 1].isalnum()) and i + 1 < end and not text[i + 1].isspace():
            closer = "\u2019" if ch == "\u2018" else "'"
            j = next((k for k in range(i + 2, end) if text[k] in (closer, "\u2019", "'")
                      and not text[k - 1].isspace() and (k + 1 >= end or not text[k + 1].isalnum())), None)
        if j is None:
            i += 1
            continue
        for k in range(i + 1, j):
            mask[k] = 1
        i = j + 1


def quote_type(text: str, spans: Optional[Iterable[Span]], mask: Optional[bytearray] = None) -> str:
    """direct (all of the content inside quotation marks), mixed (part of it), indirect (none)."""
    chars = char_set(text, spans)
    if not chars:
        return "indirect"
    mask = mask if mask is not None else quote_mask(text)
    inside = sum(mask[i] for i in chars)
    if inside == len(chars):
        return "direct"
    return "mixed" if inside else "indirect"


def source_type(text: str, spans: Optional[Iterable[Span]]) -> str:
    if not spans:
        return "none"
    written = " ".join(text[s:e] for s, e in trim_spans(text, spans)).lower()
    if not written:
        return "none"
    return "pronoun" if written.replace("\u2019", "'") in PRONOUNS else "named"


# ----------------------------------------------------------------------------------- items
@dataclass
class Item:
    """One attribution prepared for scoring (gold or predicted)."""

    ref: str                                  # E<n> for gold; "claim <i>" for predictions
    content: list[Span]
    source: Optional[list[Span]]
    cue: Optional[list[Span]]
    quote: str = "indirect"
    source_kind: str = "none"
    c: frozenset = frozenset()
    s: Optional[frozenset] = None
    q: Optional[frozenset] = None
    claim: Any = None                         # the predicted Claim, for error listings
    form: str = "unknown"                     # quotation | clause | phrase (content_form), from the parse
    nested: bool = False                      # flattened: another prediction's characters were removed

    @classmethod
    def build(cls, text: str, ref: str, content, source, cue, mask, claim=None) -> "Item":
        content = sorted(content)
        return cls(ref=ref, content=content, source=source, cue=cue,
                   quote=quote_type(text, content, mask), source_kind=source_type(text, source),
                   c=char_set(text, content) or frozenset(), s=char_set(text, source),
                   q=char_set(text, cue), claim=claim)


def content_form(spdoc, item: Item, shift: int = 0) -> str:
    """quotation (content entirely inside quotation marks), clause (its tokens in ``spdoc`` hold a
    finite verb), else phrase. ``shift``: what to add to a parse offset to get an item offset."""
    if item.quote == "direct":
        return "quotation"
    if not item.c:
        return "phrase"
    for s, e in item.content:
        span = spdoc.char_span(max(0, s - shift), min(len(spdoc.text), e - shift), alignment_mode="expand")
        for t in span if span is not None else ():
            if t.pos_ in ("VERB", "AUX") and ("Fin" in t.morph.get("VerbForm") or t.tag_ in _FINITE_TAGS):
                return "clause"
    return "phrase"


def gold_items(doc: BratDocument, mask: Optional[bytearray] = None) -> list[Item]:
    mask = mask if mask is not None else quote_mask(doc.text)
    return [Item.build(doc.text, a.id, a.content, a.source, a.cue, mask) for a in doc.attributions]


#: How a corpus marks a source (``--source-span``): ``phrase``, the source phrase alone ("the
#: official", as our gold sets do); ``extent``, with its relative and participle clauses and
#: appositives ("the official, who spoke on condition of anonymity,", as PolNeAR does), which a
#: claim carries as ``source.extent`` where its finder knows it.
SOURCE_SPANS = ("phrase", "extent")


def source_convention(root) -> str:
    """How the corpus under ``root`` marks sources: ``extent`` in PolNeAR's own layout
    (``DIR/attributions`` beside ``DIR/text``), else ``phrase``."""
    from pathlib import Path
    return "extent" if (Path(root) / "attributions").is_dir() else "phrase"


def _source_span(source_span: Optional[str], root) -> str:
    """The convention to compare sources by: as given, or the corpus's when "auto"."""
    if source_span == "auto":
        return source_convention(root)
    if source_span not in SOURCE_SPANS:
        raise ValueError(f"source_span must be one of {', '.join(SOURCE_SPANS)} or auto, not {source_span!r}")
    return source_span


def predicted_items(text: str, claims: Sequence, shift: int = 0, mask: Optional[bytearray] = None,
                    source_span: str = "phrase") -> list[Item]:
    """Our claims as attributions: author claims left out; ``shift`` is added to every offset
    (1 when ingest dropped a byte-order mark the annotation offsets count); ``source_span``: which
    of a claim's source spans the corpus's convention compares (``SOURCE_SPANS``)."""
    mask = mask if mask is not None else quote_mask(text)

    def mv(spans):
        return [(s + shift, e + shift) for s, e in spans] if spans else None

    out = []
    # '"A," he said. "B."' is two claims and one attribution: a claim continuing another's
    # quotation adds its content to that attribution
    continued: dict[str, list] = {}
    for c in claims:
        target = getattr(c, "continues", None)
        if target and c.attribution != "author":
            continued.setdefault(target, []).extend(list(c.spans) if c.spans else [c.span])
    ids = {c.id for c in claims}
    for i, c in enumerate(claims):
        if c.attribution == "author" or getattr(c, "continues", None) in ids:
            continue
        content = (list(c.spans) if c.spans else [c.span]) + continued.get(c.id, [])
        src = c.source
        src_span = None if src is None else (
            (getattr(src, "extent", None) or src.span) if source_span == "extent" else src.span)
        source = [src_span] if src_span and src.kind != "author" else None
        cue = [c.cue.span] if c.cue is not None and c.cue.span else None
        out.append(Item.build(text, f"claim {i}", mv(content), mv(source), mv(cue), mask, claim=c))
    return out


# ----------------------------------------------------------------------------------- matching
def _part_ok(g: Optional[frozenset], p: Optional[frozenset], lenient: bool, overlap: bool = False) -> bool:
    if g is None or p is None:
        return g is None and p is None
    if not lenient:
        return g == p
    if overlap:
        return bool(g & p)
    return jaccard(g, p) >= JACCARD


def compatible(g: Item, p: Item, measure: str) -> bool:
    lenient = measure.endswith("lenient")
    if not _part_ok(g.c or None, p.c or None, lenient):
        return False
    if measure.startswith("content_exact") or measure.startswith("content_lenient"):
        return True
    if not _part_ok(g.s, p.s, lenient):
        return False
    if measure.startswith("content_source"):
        return True
    return _part_ok(g.q, p.q, lenient, overlap=True)


def match(gold: Sequence[Item], pred: Sequence[Item], measure: str) -> dict[int, int]:
    """A maximum one-to-one matching {gold index: prediction index} of compatible pairs; among
    equally large matchings, pairs of higher content Jaccard are tried first."""
    edges: list[list[int]] = []
    for g in gold:
        cands = [(jaccard(g.c, p.c), pi) for pi, p in enumerate(pred) if compatible(g, p, measure)]
        cands.sort(key=lambda x: (-x[0], x[1]))
        edges.append([pi for _, pi in cands])
    owner: dict[int, int] = {}

    def augment(gi: int, seen: set[int]) -> bool:
        for pi in edges[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in range(len(gold)):
        augment(gi, set())
    return {gi: pi for pi, gi in owner.items()}


# ----------------------------------------------------------------------------------- results
@dataclass
class DocumentScore:
    name: str
    path: str
    text: str
    annotator: Optional[str]
    gold: list[Item]
    pred: list[Item]
    matches: dict[str, dict[int, int]]
    failure: Optional[str] = None
    flat: dict[str, dict[int, int]] = field(default_factory=dict)   # matches of the flattened predictions
    flat_pred: list[Item] = field(default_factory=list)

    def flat_counts(self, measure: str) -> tuple[int, int, int, int]:
        m = self.flat.get(measure, {})
        return len(m), len(self.gold), len(m), len(self.flat_pred)

    def counts(self, measure: str, category: Optional[tuple[str, str]] = None) -> tuple[int, int, int, int]:
        """(matched gold, gold, matched predictions, predictions), within a category
        ("quote"/"source_kind", value) when given."""
        m = self.matches[measure]
        if category is None:
            keep = lambda it: True  # noqa: E731
        else:
            attr, value = category
            keep = lambda it: getattr(it, attr) == value  # noqa: E731
        tp_g = sum(1 for gi in m if keep(self.gold[gi]))
        tp_p = sum(1 for pi in m.values() if keep(self.pred[pi]))
        return tp_g, sum(1 for g in self.gold if keep(g)), tp_p, sum(1 for p in self.pred if keep(p))


def prf(tp_g: int, n_g: int, tp_p: int, n_p: int) -> dict[str, float]:
    """Precision, recall, F1 with the conventions of the claims scorer: no predictions is precision
    1 when there is nothing to find, else 0; nothing to find is recall 1."""
    precision = tp_p / n_p if n_p else (1.0 if not n_g else 0.0)
    recall = tp_g / n_g if n_g else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def bootstrap_ci(per_doc: Sequence[tuple[int, int, int, int]], n: int = 1000, seed: int = 0,
                 level: float = 0.95) -> dict[str, list[float]]:
    """Percentile bootstrap over documents: resample documents with replacement ``n`` times and
    take the (1-level)/2 and (1+level)/2 quantiles of micro P/R/F1."""
    if n <= 0 or not per_doc:
        return {}
    rng = random.Random(seed)
    k = len(per_doc)
    vals: dict[str, list[float]] = {"precision": [], "recall": [], "f1": []}
    cols = list(zip(*per_doc))
    for _ in range(n):
        idx = [rng.randrange(k) for _ in range(k)]
        tot = [sum(col[i] for i in idx) for col in cols]
        for key, v in prf(*tot).items():
            vals[key].append(v)
    lo_i = max(0, int(math.floor((1 - level) / 2 * n)))
    hi_i = min(n - 1, int(math.ceil((1 + level) / 2 * n)) - 1)
    out = {}
    for key, v in vals.items():
        v.sort()
        out[key] = [v[lo_i], v[hi_i]]
    return out


@dataclass
class AttributionReport:
    documents: list[DocumentScore]
    warnings: list[str] = field(default_factory=list)
    n_bootstrap: int = 1000
    seed: int = 0
    finder: Optional[str] = None
    part: Optional[dict] = None              # {"part": "dev", "seed": 13, "articles": n} when split

    kind = "attribution"

    @property
    def failures(self) -> list[str]:
        return [f"{d.path}: {d.failure}" for d in self.documents if d.failure]

    def scores(self, measure: str, category: Optional[tuple[str, str]] = None) -> dict[str, Any]:
        per_doc = [d.counts(measure, category) for d in self.documents]
        tot = [sum(c[j] for c in per_doc) for j in range(4)]
        out: dict[str, Any] = prf(*tot)
        out.update(tp=tot[0], gold=tot[1], matched_predicted=tot[2], predicted=tot[3])
        return out

    def summary(self) -> dict[str, Any]:
        """Headline figures, flat (what the quality gate pins)."""
        out: dict[str, Any] = {}
        for m in MEASURES:
            for k, v in prf(*[sum(c[j] for c in (d.counts(m) for d in self.documents)) for j in range(4)]).items():
                out[f"{m}_{k}"] = v
        for k in ("precision", "recall", "f1"):
            out[k] = out[f"{HEADLINE}_{k}"]
        return out

    def to_dict(self, errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": "attribution",
            "documents": len(self.documents),
            "gold": sum(len(d.gold) for d in self.documents),
            "predicted": sum(len(d.pred) for d in self.documents),
            "headline": HEADLINE,
        }
        out.update(self.summary())
        measures = {}
        for m in MEASURES:
            s = self.scores(m)
            s["ci"] = bootstrap_ci([d.counts(m) for d in self.documents], self.n_bootstrap, self.seed)
            measures[m] = s
        out["measures"] = measures
        out["by_quote"] = {q: {m: self.scores(m, ("quote", q)) for m in MEASURES} for q in QUOTE_TYPES}
        out["by_source"] = {s: {m: self.scores(m, ("source_kind", s)) for m in MEASURES} for s in SOURCE_TYPES}
        out["by_form"] = {f: {m: self.scores(m, ("form", f)) for m in MEASURES} for f in FORMS + ("unknown",)}
        cq = [d.counts(HEADLINE, ("form", f)) for d in self.documents for f in ("quotation", "clause")]
        tp, n = sum(c[0] for c in cq), sum(c[1] for c in cq)
        #: recall (headline measure) on attributions whose content is a clause or a quotation
        out["clause_or_quotation_recall"] = (tp / n if n else None)
        out["miss_causes"] = miss_causes(self)
        out["nesting"] = {
            "nested": {m: self.scores(m) for m in NESTING_MEASURES},
            "flat": {m: prf(*[sum(c[j] for c in (d.flat_counts(m) for d in self.documents)) for j in range(4)])
                     for m in NESTING_MEASURES},
            "flattened_predictions": sum(len(d.pred) for d in self.documents)
            - sum(len(d.flat_pred) for d in self.documents)
            + sum(sum(1 for it in d.flat_pred if it.nested) for d in self.documents),
        }
        if self.finder:
            out["finder"] = self.finder
        if self.part:
            out["part"] = self.part
        out["bootstrap"] = {"resamples": self.n_bootstrap, "seed": self.seed, "level": 0.95,
                            "unit": "document"}
        out["annotators"] = {d.name: d.annotator for d in self.documents}
        out["warnings"] = list(self.warnings)
        out["failures"] = self.failures
        if errors:
            out["errors"] = error_list(self)
        return out


def _marked(text: str, content, source, cue, width: int = 60) -> str:
    spans = [x for group in (content, source, cue) for x in (group or [])]
    if not spans:
        return ""
    lo = max(0, min(s for s, _ in spans) - width)
    hi = min(len(text), max(e for _, e in spans) + width)
    inserts = []
    for group, (o, c) in ((content, ("\u27e6", "\u27e7")), (source, ("\u27e8", "\u27e9")), (cue, ("\u27ea", "\u27eb"))):
        for s, e in group or []:
            inserts += [(s, 1, o), (e, 0, c)]
    inserts.sort(key=lambda x: (x[0], x[1]))
    out, pos = [], lo
    for off, _, mark in inserts:
        off = min(max(off, lo), hi)
        out.append(text[pos:off])
        out.append(mark)
        pos = off
    out.append(text[pos:hi])
    snippet = " ".join("".join(out).split())
    return ("\u2026" if lo > 0 else "") + snippet + ("\u2026" if hi < len(text) else "")


def _describe(text: str, it: Item) -> dict[str, Any]:
    def t(spans):
        return " \u2026 ".join(text[s:e] for s, e in spans) if spans else None
    return {"ref": it.ref, "quote": it.quote, "source_kind": it.source_kind, "content": t(it.content),
            "source": t(it.source), "cue": t(it.cue), "context": _marked(text, it.content, it.source, it.cue)}


def error_list(report: AttributionReport, measure: str = HEADLINE) -> list[dict[str, Any]]:
    """Misses (gold not matched) and false alarms (predictions not matched) under ``measure``,
    with their text in context (content in \u27e6\u27e7, source in \u27e8\u27e9, cue in \u27ea\u27eb). A miss names the
    prediction whose content overlaps it most, when there is one (the usual reason: wrong source)."""
    out = []
    for d in report.documents:
        m = d.matches[measure]
        used = set(m.values())
        for gi, g in enumerate(d.gold):
            if gi in m:
                continue
            row = {"document": d.name, "error": "miss", **_describe(d.text, g)}
            best = max(((jaccard(g.c, p.c), pi) for pi, p in enumerate(d.pred)), default=(0.0, None))
            if best[1] is not None and best[0] > 0:
                p = d.pred[best[1]]
                near = _describe(d.text, p)
                row["nearest"] = {"content_jaccard": round(best[0], 3), "source": near["source"],
                                  "cue": near["cue"], "content": near["content"]}
            out.append(row)
        for pi, p in enumerate(d.pred):
            if pi not in used:
                row = {"document": d.name, "error": "false_alarm", **_describe(d.text, p)}
                if p.claim is not None:
                    row["attribution"] = p.claim.attribution
                out.append(row)
    return out


# ----------------------------------------------------------------------------------- nesting, causes
#: Measures reported both with nesting (as predicted) and flattened (each character to one attribution).
NESTING_MEASURES = ("content_source_lenient", "full_lenient")
#: Why a gold attribution was missed (under the headline measure), in the order they are tested.
MISS_CAUSES = ("source-less", "source wrong", "content boundary", "cue missed")


def flatten(pred: Sequence[Item]) -> list[Item]:
    """Predictions made univocal as the annotation is: a prediction whose cue lies inside another's
    content is cut out of that content (its content, source and cue characters)."""
    out = []
    for p in pred:
        inner = [q for q in pred if q is not p and q.q and p.c and q.q <= p.c and not q.c >= p.c]
        if not inner:
            out.append(p)
            continue
        cut = frozenset().union(*[(q.c | (q.s or frozenset()) | q.q) for q in inner])
        c = p.c - cut
        if c:
            out.append(dataclasses.replace(p, c=c, nested=True))
    return out


def miss_cause(d: "DocumentScore", gi: int) -> str:
    """source-less (the annotation has no source), source wrong (the content was found, with
    another source), content boundary (a prediction's cue or content touches it, content off),
    cue missed (nothing near it)."""
    g = d.gold[gi]
    if g.s is None:
        return "source-less"
    if gi in d.matches["content_lenient"]:
        return "source wrong"
    if any((g.q and p.q and g.q & p.q) or (g.c & p.c) for p in d.pred):
        return "content boundary"
    return "cue missed"


def miss_causes(report: "AttributionReport", measure: str = HEADLINE) -> dict[str, int]:
    counts = {c: 0 for c in MISS_CAUSES}
    for d in report.documents:
        m = d.matches[measure]
        for gi in range(len(d.gold)):
            if gi not in m:
                counts[miss_cause(d, gi)] += 1
    counts["false alarms"] = sum(len(d.pred) - len(d.matches[measure]) for d in report.documents)
    return counts


# ----------------------------------------------------------------------------------- running
def score_document(doc: BratDocument, claims: Sequence, shift: int = 0, failure: Optional[str] = None,
                   spdoc=None, source_span: str = "phrase") -> DocumentScore:
    """Score one text; ``spdoc``, the extractor's parse of it, tells the content forms;
    ``source_span``, the corpus's convention for sources (``SOURCE_SPANS``)."""
    mask = quote_mask(doc.text)
    gold = gold_items(doc, mask)
    pred = predicted_items(doc.text, claims, shift, mask, source_span=source_span)
    if spdoc is not None:
        for it in gold + pred:
            it.form = content_form(spdoc, it, shift)
    matches = {m: match(gold, pred, m) for m in MEASURES}
    flat = flatten(pred)
    return DocumentScore(name=doc.name, path=doc.text_path, text=doc.text, annotator=doc.annotator,
                         gold=gold, pred=pred, matches=matches, failure=failure, flat_pred=flat,
                         flat={m: match(gold, flat, m) for m in NESTING_MEASURES})


def make_extractor(settings=None, finder: Optional[str] = None):
    """The extractor with its attribution finder: a name for ``load_finder`` ("rules", "model",
    "model+rules"), else the ``attribution_finder`` setting (``--attribution-finder``), else the
    package default."""
    from ..extract.pipeline import Extractor
    finder = finder or getattr(settings, "attribution_finder", None)
    if finder is None:
        return Extractor(batch_size=getattr(settings, "batch_size", 16))
    return Extractor(batch_size=getattr(settings, "batch_size", 16), finder=finder)


def extract_claims(extractor, text: str, path: str) -> tuple[list, int, Optional[str], Any]:
    """(claims, offset shift, failure reason, the parse or None) for one annotated text."""
    from ..ingest import document_from_text
    try:
        document = document_from_text(text, path=path)
        shift = len(text) - len(document.text) if text.endswith(document.text) else 0
        if hasattr(extractor, "parse") and hasattr(extractor, "claims_from_parse"):
            spdoc, blks = extractor.parse(document)
            return extractor.claims_from_parse(document, spdoc, blks), shift, None, spdoc
        return extractor.extract_one(document), shift, None, None
    except ClaimLedgerError as exc:
        return [], 0, f"{exc.message} [{exc.code}]", None
    except Exception as exc:  # one bad text never stops the evaluation; it scores as all missed
        return [], 0, f"extraction failed: {type(exc).__name__}: {exc}", None


def evaluate_documents(docs: Sequence[BratDocument], extractor, *, n_bootstrap: int = 1000, seed: int = 0,
                       progress: Optional[Callable[[str], None]] = None, finder: Optional[str] = None,
                       part: Optional[dict] = None, source_span: str = "phrase") -> AttributionReport:
    scored = []
    warnings = [w for d in docs for w in d.warnings]
    for d in docs:
        claims, shift, failure, spdoc = extract_claims(extractor, d.text, d.text_path)
        scored.append(score_document(d, claims, shift, failure, spdoc, source_span=source_span))
        if progress:
            progress(d.text_path)
    return AttributionReport(scored, warnings=warnings, n_bootstrap=n_bootstrap, seed=seed, finder=finder,
                             part=part)


#: What ``--finder`` names stand for; ``all`` scores them side by side (``all_finders``).
FINDER_CHOICES = {"rules": "rules", "model": "model", "both": "model+rules"}


def all_finders() -> list[str]:
    """What ``--finder all`` compares: rules, model, both, and encoder, encoder+rules,
    rules+encoder and encoder:rules when the encoder's weights ship."""
    from ..attribution_model.encoder import weights_present
    return list(FINDER_CHOICES) + (["encoder", "encoder+rules", "rules+encoder", "encoder:rules"]
                                   if weights_present() else [])


#: The parts of PolNeAR's split (seed 13) each shipped learned finder was fitted on: its figures on
#: them are training-set figures. The CRFs (``model``) were trained on the whole train part, the
#: tuning slice included; the encoder on the train part less the tuning slice ("fit"). ``all``
#: holds the train part too.
FITTED_ON = {"model": ("all", "train", "tune-slice", "fit"), "encoder": ("all", "train", "fit")}


def seen_in_training(specs: Sequence[str], part: str, split_seed: Optional[int] = None,
                     root=None) -> list[str]:
    """Warnings for finders scored on articles they were fitted on: a part of the shipped split
    that holds some (``FITTED_ON``), or any part of another split (``split_seed`` not the shipped
    one's), of a corpus in PolNeAR's layout (``root``; none for our own gold sets, which no
    learned finder was fitted on)."""
    from ..attribution_model.data import SPLIT_SEED
    if root is not None and source_convention(root) != "extent":
        return []
    other_split = split_seed not in (None, SPLIT_SEED)
    where = f"--part {part}" + (f" under --split-seed {split_seed}" if other_split and part != "all" else "")
    out = []
    for spec in specs:
        names = {n.strip() for piece in str(spec).split("+") for n in piece.split(":")}
        for name in sorted(names & set(FITTED_ON)):
            if part in FITTED_ON[name] or other_split:
                out.append(f"{spec}: the shipped {name} finder was fitted on articles of {where}; "
                           f"its figures there are training-set figures, not a measure of accuracy")
    return out


def read_part(root, *, annotator: Optional[str] = None, part: str = "all",
              split_seed: Optional[int] = None) -> tuple[list[BratDocument], Optional[dict]]:
    """The corpus under ``root``, or one part of its split by article (``attribution_model.data``)."""
    from ..attribution_model.data import SPLIT_SEED, select_part
    docs = read_corpus(root, annotator=annotator)
    if part == "all":
        return docs, None
    split_seed = SPLIT_SEED if split_seed is None else split_seed
    kept = select_part(docs, part, split_seed)
    return kept, {"part": part, "seed": split_seed, "articles": len(kept), "of": len(docs)}


def evaluate_attribution(root, extractor=None, *, annotator: Optional[str] = None, n_bootstrap: int = 1000,
                         seed: int = 0, settings=None, progress=None, part: str = "all",
                         split_seed: Optional[int] = None, finder: Optional[str] = None,
                         source_span: str = "phrase") -> AttributionReport:
    """Read the brat corpus under ``root`` (``part`` of its split by article when not "all"), run
    the extractor (with ``finder``, a name from FINDER_CHOICES or a finder spec) on every text and
    score it, sources by ``source_span`` (``SOURCE_SPANS``, or "auto": the corpus's
    ``source_convention``)."""
    docs, part_info = read_part(root, annotator=annotator, part=part, split_seed=split_seed)
    spec = FINDER_CHOICES.get(finder, finder) if finder else None
    if extractor is None:
        extractor = make_extractor(settings) if spec is None else make_extractor(settings, spec)
    return evaluate_documents(docs, extractor, n_bootstrap=n_bootstrap, seed=seed, progress=progress,
                              finder=spec, part=part_info, source_span=_source_span(source_span, root))


@dataclass
class ComparisonReport:
    """Several finders scored on the same documents."""

    reports: dict[str, AttributionReport]

    kind = "attribution_comparison"

    @property
    def failures(self) -> list[str]:
        return [f"[{name}] {f}" for name, r in self.reports.items() for f in r.failures]

    def to_dict(self, errors: bool = False) -> dict[str, Any]:
        return {"kind": self.kind, "finders": {name: r.to_dict(errors=errors) for name, r in self.reports.items()}}


def compare_finders(root, finders: Sequence[str] = ("rules", "model", "both"), *, annotator: Optional[str] = None,
                    n_bootstrap: int = 1000, seed: int = 0, settings=None, progress=None, part: str = "all",
                    split_seed: Optional[int] = None, source_span: str = "phrase") -> ComparisonReport:
    """Each finder on the same documents; each text is parsed once and every finder's extractor
    builds its claims from that parse. ``finders``: names (FINDER_CHOICES or specs), or a dict
    {label: name or finder object}. Sources by ``source_span`` (as for ``evaluate_attribution``)."""
    from ..ingest import document_from_text
    docs, part_info = read_part(root, annotator=annotator, part=part, split_seed=split_seed)
    source_span = _source_span(source_span, root)
    if isinstance(finders, dict):
        specs = {label: FINDER_CHOICES.get(f, f) if isinstance(f, str) else f for label, f in finders.items()}
    else:
        specs = {name: FINDER_CHOICES.get(name, name) for name in finders}
    first = None
    extractors = {}
    for name, spec in specs.items():
        extractors[name] = make_extractor(settings, spec) if first is None else \
            type(first)(nlp=first.nlp, batch_size=first.batch_size, finder=spec)
        first = first or extractors[name]
    scored: dict[str, list[DocumentScore]] = {name: [] for name in specs}
    for d in docs:
        try:
            document = document_from_text(d.text, path=d.text_path)
            shift = len(d.text) - len(document.text) if d.text.endswith(document.text) else 0
            parsed, blks = first.parse(document)
        except ClaimLedgerError as exc:
            for name in specs:
                scored[name].append(score_document(d, [], 0, f"{exc.message} [{exc.code}]"))
            continue
        for name, ex in extractors.items():
            try:
                claims, failure = ex.claims_from_parse(document, parsed, blks), None
            except Exception as exc:  # one bad text never stops the evaluation
                claims, failure = [], f"extraction failed: {type(exc).__name__}: {exc}"
            scored[name].append(score_document(d, claims, shift, failure, parsed, source_span=source_span))
        if progress:
            progress(d.text_path)
    warnings = [w for d in docs for w in d.warnings]
    return ComparisonReport({name: AttributionReport(scored[name], warnings=warnings, n_bootstrap=n_bootstrap,
                                                     seed=seed, finder=specs[name] if isinstance(specs[name], str)
                                                     else getattr(specs[name], "name", name), part=part_info)
                             for name in specs})
