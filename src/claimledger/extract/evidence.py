"""Evidence a source offers for a claim: video, drone footage, photos, satellite imagery,
documents, audio, and the platform it was shared on.

Evidence is looked for in the claim's own sentence and, when the claim's source was named with
evidence in the sentence just before ("Drone footage ... was shared by President Zelensky on
Telegram. He claimed the men were ..."), in that sentence too.
"""
from __future__ import annotations

import re
from typing import Optional

from ..models import Evidence
from .lexicon import evidence_patterns, platform_patterns
from .tree import doc_text


def evidence_in(text: str, start: int, end: int) -> list[Evidence]:
    seg = text[start:end]
    taken: list[tuple[int, int]] = []
    out: list[Evidence] = []
    for kind, rx in evidence_patterns():
        for m in rx.finditer(seg):
            s, e = start + m.start(), start + m.end()
            if any(a < e and s < b for a, b in taken):
                continue
            taken.append((s, e))
            out.append(Evidence(kind=kind, platform=_platform(seg), text=m.group(0), span=(s, e)))
    out.sort(key=lambda ev: ev.span)
    return out


def _platform(seg: str) -> Optional[str]:
    for name, rx in platform_patterns():
        for m in rx.finditer(seg):
            before = seg[max(0, m.start() - 12):m.start()].lower()
            # "on Telegram", "via X", "posted to YouTube": a platform, not a word that happens to match
            if name in ("X",) and not re.search(r"\b(?:on|via|to|at)\s+$", before):
                continue
            return name
    return None


def find_evidence(text: str, sentence: Optional[tuple[int, int]], spdoc, source_name: Optional[str] = None,
                  attributed: bool = False, previous=None, lookup=None) -> list[Evidence]:
    """Evidence in a claim's sentence; for an attributed claim whose sentence has none, in the
    sentence before when that one names the source. ``previous(start)`` gives the (start, end) of
    the non-blank sentence before ``start`` (default: a walk over the parse's sentences);
    ``lookup(text, start, end)`` stands in for ``evidence_in`` (a per-document cache)."""
    if sentence is None:
        return []
    lookup = lookup or evidence_in
    found = lookup(text, *sentence)
    if found or not attributed or not source_name:
        return found
    # the sentence before, when it names this source alongside evidence
    prev = (previous or (lambda start: _previous_sentence(spdoc, start)))(sentence[0])
    if prev is not None:
        surname = source_name.split()[-1]
        if re.search(r"\b" + re.escape(surname) + r"\b", doc_text(spdoc)[prev[0]:prev[1]]):
            return lookup(text, *prev)
    return []


def _previous_sentence(spdoc, start: int):
    prev = None
    for s in spdoc.sents:
        if s.start_char >= start:
            break
        if s.text.strip():
            prev = (s.start_char, s.end_char)
    return prev
