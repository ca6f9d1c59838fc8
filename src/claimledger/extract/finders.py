"""The seam between *finding* attributions and *building claims* from them.

An attribution finder reads one parsed document and returns ``AttributionSpan`` records: who
(source) says (cue) what (content), as character spans of the document text, plus what kind of
attribution it is and which finder (or which rule) produced it. Everything after the finder
(sources, claim types, quantities, places, times, evidence, verification) works from these spans
and the parse; no finder-private token objects cross the seam.

Finders in the package:

- ``rules``: the hand-written rules (``extract/attribution.py``), one named rule per construction;
- ``model``: the learned CRFs (``claimledger.attribution_model``), when installed;
- ``encoder``: the learned MiniLM tagger (``claimledger.attribution_model.encoder``, ONNX);
- ``rules+model`` (any ``+`` list): ``CombinedFinder``, the first finder's records plus every later
  finder's record whose content the earlier ones do not already cover;
- ``encoder:rules``: ``ReadingFinder``, the first finder decides *what* is attributed and the
  second *how it reads*: each of the first's records is replaced by the second's record of the same
  content (content Jaccard >= ``TWIN_JACCARD``), then the second's records whose content the first
  does not cover are added, as with ``+``.

``Extractor(finder=...)`` takes any object with the ``AttributionFinder`` protocol, or a name
given to ``load_finder``.
"""
from __future__ import annotations

import dataclasses
import importlib
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional, Protocol, Sequence, runtime_checkable

Span = tuple[int, int]

#: How a claim's source relates to its content (the claim JSON's ``attribution``; ``author`` is
#: the outlet's own narration and is made by the pipeline, never by a finder).
KINDS = ("direct_quote", "indirect", "according_to", "passive_unattributed")


@dataclass
class AttributionSpan:
    """One attribution found in a document. Offsets are characters of ``Document.text``.

    Only ``content`` is required. A finder that knows less leaves the rest to defaults the pipeline
    fills: no ``source`` is a source-less attribution ("it is believed that ..."); no ``cue_lemma``
    is the cue's lemma from the parse; no ``sentence`` is the sentences the content touches; no
    ``tense`` is the cue's tense; no ``source_head`` is the syntactic head of the source span.
    """
    content: list[Span]                       # content pieces in text order (discontinuous content: several)
    cue: Optional[Span] = None                # "said", "according to", the colon of "X: '...'"
    source: Optional[Span] = None             # the source phrase as written ("he", "the ministry")
    kind: str = "indirect"                    # one of KINDS
    finder: str = ""                          # who produced it: "rules.quote_next_to_cue", "model", ...
    confidence: float = 0.5
    cue_lemma: str = ""
    attribution_kind: str = ""                # assertion | evaluation | intention | directive | perception
    source_head: Optional[int] = None         # offset of the source's head word, when the finder knows it
    via: Optional[Span] = None                # "according to X" inside the content: X, the conduit
    via_head: Optional[int] = None
    sentence: Optional[Span] = None           # the sentence(s) the attribution stands in
    tense: Optional[str] = None               # past | present | future, of the cue
    stated: list[Span] = field(default_factory=list)   # phrases dating the statement ("said on Monday")
    asides: list[Span] = field(default_factory=list)   # the outlet's asides cut out of the content
    continues: Optional[Span] = None          # the content span of the quotation this one continues
    #: the source as annotation schemes mark it, with its relative and participle clauses and
    #: appositives ("the official, who spoke on condition of anonymity"), when it is longer than
    #: ``source`` (the descriptive phrase the claim's source is read from); evaluation compares this
    source_extent: Optional[Span] = None

    @property
    def span(self) -> Span:
        return (self.content[0][0], self.content[-1][1])

    @property
    def anchor(self) -> int:
        """Where the attribution is said: its cue, else the start of its content."""
        return self.cue[0] if self.cue else self.content[0][0]


@runtime_checkable
class AttributionFinder(Protocol):
    """What the pipeline asks of a finder.

    ``find(doc, text, blocks)`` gets the spaCy ``Doc`` of one whole document (parsed over the text
    with excluded regions blanked to spaces, so token offsets are ``Document.text`` offsets and
    ``len(doc.text) == len(text)``; sentence starts are forced at every block start), the document
    text itself, and the blocks (paragraphs and headlines) as ``(start, end)`` character spans in
    text order. It returns ``AttributionSpan`` records in any order; the pipeline sorts them.

    To plug in a learned finder: tag cue/source/content on ``doc`` (or on ``text``, re-tokenising as
    the model wants), convert the tags to character spans, and return one ``AttributionSpan`` per
    attribution with ``finder="model"`` (and ``kind``/``confidence`` when known). Keep per-document
    state local to ``find`` (finders are shared across documents and threads). Register it under a
    name in ``FINDERS`` so ``load_finder("model")`` and ``"rules+model"`` work.

    A finder with work that needs only the text (a tagger with its own tokeniser) may also say
    ``reads_early = True`` and define ``early(text)``, returning that work's result, and take it
    back as ``find(doc, text, blocks, early=result)``: the pipeline then runs ``early`` on another
    thread while spaCy parses (``read_ahead``). ``early`` must keep no state on the finder.
    """
    name: str

    def find(self, doc, text: str, blocks: Sequence[Span]) -> list[AttributionSpan]: ...


#: ``find``'s ``early`` when the finder's text-only work was not done beforehand (the finder does it).
NOT_READ = object()


def reads_early(finder) -> bool:
    """Has ``finder`` text-only work (``early``) that can run while the document is parsed?"""
    return bool(getattr(finder, "reads_early", False))


def early_of(finder, text: str):
    """``finder``'s text-only work on ``text``, or NOT_READ for a finder without any."""
    return finder.early(text) if reads_early(finder) else NOT_READ


def find_with(finder, doc, text: str, blocks: Sequence[Span], early=NOT_READ) -> list[AttributionSpan]:
    """``finder.find``, handing it ``early`` (what ``early_of`` returned) when it reads early."""
    if early is NOT_READ or not reads_early(finder):
        return finder.find(doc, text, blocks)
    return finder.find(doc, text, blocks, early=early)


class CombinedFinder:
    """Several finders as one: the first finder's records, then each later finder's records whose
    content overlaps nothing already kept (so ``rules+model`` keeps the rules' analysis where both
    found the same attribution and adds what only the model found)."""

    def __init__(self, finders: Sequence[AttributionFinder]):
        if not finders:
            raise ValueError("CombinedFinder needs at least one finder")
        self.finders = list(finders)
        self.name = "+".join(f.name for f in self.finders)
        self.reads_early = any(reads_early(f) for f in self.finders)

    def early(self, text: str) -> list:
        return [early_of(f, text) for f in self.finders]

    def find(self, doc, text: str, blocks: Sequence[Span], early=NOT_READ) -> list[AttributionSpan]:
        kept: list[AttributionSpan] = []
        for k, finder in enumerate(self.finders):
            new = with_content(find_with(finder, doc, text, blocks, NOT_READ if early is NOT_READ else early[k]))
            if not kept:
                kept = list(new)
                continue
            covered = Coverage([p for a in kept for p in a.content])
            kept.extend(a for a in new if not any(covered.overlaps(s, e) for s, e in a.content))
        kept.sort(key=lambda a: (a.content[0][0], a.anchor))
        return continuing_kept(kept)


def with_content(records: Sequence[AttributionSpan]) -> list[AttributionSpan]:
    """The records whose content covers at least one character: one with no content, or only
    empty pieces, says nothing another finder's could be weighed against (and has no span)."""
    return [a for a in records if any(e > s for s, e in a.content)]


def continuing_kept(kept: list[AttributionSpan]) -> list[AttributionSpan]:
    """A record continuing a quotation ("'A,' he said. 'B.'") whose first part a combination did
    not keep continues nothing: its ``continues`` would name a claim that does not exist."""
    spans = {a.span for a in kept}
    return [a if a.continues is None or a.continues in spans else dataclasses.replace(a, continues=None)
            for a in kept]


#: Two finders' records are of the same attribution when their contents' character sets have a
#: Jaccard index of at least this (the evaluation's lenient match).
TWIN_JACCARD = 0.5


def _chars(a: AttributionSpan) -> set[int]:
    return {i for s, e in a.content for i in range(s, e)}


class ReadingFinder:
    """``first:second``: where both finders found the same content (Jaccard of the content
    characters >= ``TWIN_JACCARD``), the second finder's record of it replaces the first's, each of
    the second's records replacing at most one (the first's record it overlaps most); the first's
    other records stay; the second's records overlapping nothing kept are added.

    Why: on PolNeAR's tuning slice the learned encoder finds more attributions than the rules, but
    where both found one the rules' reading (source extent, cue, content edges) matched the
    annotation more often (1,016 against 985 of the 1,206 both found)."""

    def __init__(self, first: AttributionFinder, second: AttributionFinder):
        self.first, self.second = first, second
        self.name = f"{first.name}:{second.name}"
        self.reads_early = reads_early(first) or reads_early(second)

    def early(self, text: str) -> tuple:
        return early_of(self.first, text), early_of(self.second, text)

    def find(self, doc, text: str, blocks: Sequence[Span], early=NOT_READ) -> list[AttributionSpan]:
        e1, e2 = (NOT_READ, NOT_READ) if early is NOT_READ else early
        firsts = with_content(find_with(self.first, doc, text, blocks, e1))
        seconds = with_content(find_with(self.second, doc, text, blocks, e2))
        f_chars = [_chars(a) for a in firsts]
        s_chars = [_chars(a) for a in seconds]
        s_range = [a.span for a in seconds]
        pairs = []                                   # (Jaccard, first index, second index)
        for i, (fc, (f0, f1)) in enumerate(zip(f_chars, (a.span for a in firsts))):
            for j, sc in enumerate(s_chars):
                if s_range[j][0] >= f1 or s_range[j][1] <= f0:
                    continue                         # apart: no characters in common
                inter = len(fc & sc)
                if inter and fc and sc:
                    jac = inter / len(fc | sc)
                    if jac >= TWIN_JACCARD:
                        pairs.append((jac, i, j))
        twin: dict[int, int] = {}
        used: set[int] = set()
        for _, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
            if i not in twin and j not in used:
                twin[i] = j
                used.add(j)
        kept = [seconds[twin[i]] if i in twin else a for i, a in enumerate(firsts)]
        covered = Coverage([p for a in kept for p in a.content])
        kept.extend(a for j, a in enumerate(seconds)
                    if j not in used and not any(covered.overlaps(s, e) for s, e in a.content))
        kept.sort(key=lambda a: (a.content[0][0], a.anchor))
        return continuing_kept(kept)


class Coverage:
    """Union of character spans, queried by bisection (no scan per query); empty spans cover nothing."""

    def __init__(self, spans: Sequence[Span]):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if e <= s:
                continue
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def overlaps(self, s: int, e: int) -> bool:
        """Does [s, e) overlap some span?"""
        k = bisect_right(self.starts, e - 1) - 1
        return k >= 0 and self.ends[k] > s

    def covers(self, pos: int) -> bool:
        """Is ``pos`` inside some span?"""
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]


#: Finder names -> "module:factory". A new finder is one line here.
FINDERS = {
    "rules": "claimledger.extract.attribution:RulesFinder",
    "model": "claimledger.attribution_model:ModelFinder",
    "encoder": "claimledger.attribution_model.encoder:EncoderFinder",
}


#: What each finder is, for help texts (every name in FINDERS has a line).
FINDER_HELP = {
    "rules": "the hand-written rules",
    "model": "CRFs learned from PolNeAR",
    "encoder": "a MiniLM tagger learned from PolNeAR",
}


def finders_help() -> str:
    """Every finder by name, and how to combine them: what ``--attribution-finder`` says."""
    names = ", ".join(f"{n} ({FINDER_HELP.get(n, 'a finder')}{'; default' if n == 'rules' else ''})" for n in FINDERS)
    return (f"{names}, or several joined by + (model+rules, encoder+rules: the first finder's attributions, then "
            f"the others' where it found none), or two by : (encoder:rules: the first finder's attributions, each "
            f"read by the second where it found the same content, then the second's others)")


def load_finder(spec: str = "rules") -> AttributionFinder:
    """A finder by name: ``rules``, ``model``, several joined by ``+`` (``rules+model``), and two
    joined by ``:`` within a ``+`` part (``encoder:rules``, ``ReadingFinder``)."""
    parts = [n.strip() for n in spec.split("+") if n.strip()]
    if not parts:
        raise ValueError(f"no attribution finder named in {spec!r}; known: {', '.join(FINDERS)}")
    finders = []
    for part in parts:
        names = [n.strip() for n in part.split(":")]
        if len(names) > 2 or not all(names):
            raise ValueError(f"{part!r} in {spec!r}: ':' joins exactly two finder names (encoder:rules)")
        made = [_named_finder(n) for n in names]
        finders.append(made[0] if len(made) == 1 else ReadingFinder(*made))
    return finders[0] if len(finders) == 1 else CombinedFinder(finders)


def _named_finder(n: str) -> AttributionFinder:
    target = FINDERS.get(n)
    if target is None:
        raise ValueError(f"unknown attribution finder {n!r}; known: {', '.join(FINDERS)}")
    module, _, factory = target.partition(":")
    try:
        make = getattr(importlib.import_module(module), factory)
    except (ImportError, AttributeError) as exc:
        from ..errors import ModelError
        raise ModelError(f"attribution finder {n!r} is not available ({target}): {exc}", code="CL203") from exc
    return make()
