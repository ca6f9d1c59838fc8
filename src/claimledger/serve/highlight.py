"""Stored text as HTML with regions marked: claims, their sentence, source, cue and content,
excluded boilerplate. Offsets are the ledger's (Python string indices, end exclusive).

Regions may overlap or nest in any way: the text is cut at every region boundary and each
piece is wrapped in one element per region covering it, in a fixed order, so the output is
always well-formed. All text is escaped here; nothing from the document reaches the page raw.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Region:
    start: int
    end: int
    tag: str = "span"                  # mark | span | a
    classes: str = ""
    attrs: tuple[tuple[str, str], ...] = ()
    anchor: Optional[str] = None       # id given to the first piece only
    after: Optional[str] = None        # trusted HTML placed right after the region ends (a note link)
    order: int = 0                     # outer regions first (lower order wraps higher)


@dataclass
class Rendered:
    html: Markup
    windows: list[tuple[int, int]] = field(default_factory=list)   # the ranges shown (excerpts)


def _open(r: Region, first: bool) -> str:
    parts = [r.tag]
    if r.classes:
        parts.append(f'class="{escape(r.classes)}"')
    if first and r.anchor:
        parts.append(f'id="{escape(r.anchor)}"')
    for k, v in r.attrs:
        parts.append(f'{k}="{escape(v)}"')
    return "<" + " ".join(parts) + ">"


def render(text: str, regions: Iterable[Region], windows: Optional[Sequence[tuple[int, int]]] = None,
           gap: str = '<span class="gap" aria-label="text left out">[…]</span>') -> Rendered:
    """HTML for ``text`` (or only the ``windows`` of it, joined by ``gap``) with ``regions``
    marked. Regions outside the text are clipped; empty ones are dropped."""
    n = len(text)
    regs = sorted({r for r in regions if 0 <= r.start < r.end and r.start < n},
                  key=lambda r: (r.order, r.start, -r.end))
    regs = [r if r.end <= n else Region(r.start, n, r.tag, r.classes, r.attrs, r.anchor, r.after, r.order)
            for r in regs]
    spans = merge_windows(windows, n) if windows is not None else [(0, n)]
    out: list[str] = []
    for i, (ws, we) in enumerate(spans):
        if i or ws > 0:
            if windows is not None:
                out.append(gap)
        cuts = {ws, we}
        for r in regs:
            for x in (r.start, r.end):
                if ws < x < we:
                    cuts.add(x)
        points = sorted(cuts)
        started: set[int] = set()
        for a, b in zip(points, points[1:]):
            active = [(k, r) for k, r in enumerate(regs) if r.start <= a and b <= r.end]
            out.extend(_open(r, k not in started) for k, r in active)
            started.update(k for k, _ in active)
            out.append(str(escape(text[a:b])))
            out.extend(f"</{r.tag}>" for _, r in reversed(active))
            for _, r in active:
                if r.end == b and r.after:
                    out.append(r.after)
    if windows is not None and spans and spans[-1][1] < n:
        out.append(gap)
    return Rendered(Markup("".join(out)), spans)


def merge_windows(windows: Optional[Sequence[tuple[int, int]]], n: int) -> list[tuple[int, int]]:
    """Sorted, clipped, overlapping-or-touching windows merged."""
    out: list[list[int]] = []
    for s, e in sorted((max(0, int(s)), min(n, int(e))) for s, e in (windows or [])):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def claim_window(claim: dict, text: str, context: int = 0) -> tuple[int, int]:
    """The claim's sentence (else its span), widened by ``context`` characters to word ends."""
    s, e = claim.get("sentence_span") or claim.get("span") or (0, 0)
    s, e = max(0, s - context), min(len(text), e + context)
    if context:
        while s > 0 and not text[s - 1].isspace():
            s -= 1
        while e < len(text) and not text[e].isspace():
            e += 1
    return s, e
