"""The learned attribution finder behind the extractor's finder protocol (``extract/finders.py``).

``ModelFinder()`` loads the CRF weights shipped in ``attribution_model/weights`` (or a directory
given), offline; missing or unreadable weights are a ModelError that says how to rebuild them.
"""
from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path
from typing import Optional, Sequence

from .crf import AttributionCRF, Found

Span = tuple[int, int]


def default_weights_dir() -> Path:
    """The weights shipped in the package."""
    return Path(str(resources.files("claimledger.attribution_model").joinpath("weights")))


def _inside_quotes(mask, pieces) -> bool:
    chars = [i for s, e in pieces for i in range(s, e) if i < len(mask)]
    return bool(chars) and sum(mask[i] for i in chars) >= 0.9 * len(chars)


def to_record(f: Found, text: str, mask, finder: str = "model"):
    """One ``AttributionSpan`` from a model attribution: the source piece nearest the cue; kind
    from quotation marks (direct_quote) or a missing source (passive_unattributed)."""
    from ..extract.finders import AttributionSpan
    cue = f.cue[0]
    source = None
    if f.source:
        source = min(f.source, key=lambda sp: min(abs(sp[0] - cue[1]), abs(cue[0] - sp[1])))
    if source is None:
        kind = "passive_unattributed"
    elif _inside_quotes(mask, f.content):
        kind = "direct_quote"
    else:
        kind = "indirect"
    content = [p for p in (_trim(text, a, b) for a, b in f.content) if p[1] > p[0]] or list(f.content)
    return AttributionSpan(content=content, cue=cue, source=source, kind=kind, finder=finder,
                           confidence=f.confidence)


def _trim(text: str, a: int, b: int) -> Span:
    """A content piece without the whitespace and the clause-ending punctuation at its edges."""
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".,;:"):
        b -= 1
    while a < b and (text[a].isspace() or text[a] in ",;:"):
        a += 1
    return (a, b)


class ModelFinder:
    """Cue, source and content tagged by the CRFs (see ``crf``). One set of taggers per thread."""

    name = "model"

    def __init__(self, directory: Optional[str] = None):
        self.directory = str(directory or default_weights_dir())
        self._local = threading.local()
        self._local.crf = AttributionCRF(self.directory)   # fail now, with a clear error, if missing

    def _crf(self) -> AttributionCRF:
        crf = getattr(self._local, "crf", None)
        if crf is None:
            crf = self._local.crf = AttributionCRF(self.directory)
        return crf

    def find(self, doc, text: str, blocks: Sequence[Span]) -> list:
        from ..evaluate.attribution import quote_mask
        mask = quote_mask(text)
        return [to_record(f, text, mask) for f in self._crf().find(doc)]
