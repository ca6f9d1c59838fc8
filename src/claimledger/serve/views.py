"""Documents and claims made ready for a page: the text with its regions marked (or only
excerpts of it), claims numbered in reading order."""
from __future__ import annotations

from typing import Optional

from markupsafe import Markup, escape

from .highlight import Region, claim_window, render


def _excluded_regions(doc: dict) -> list[Region]:
    reasons = doc.get("excluded_reasons") or []
    out = []
    for i, (s, e) in enumerate(doc.get("excluded") or []):
        reason = reasons[i] if i < len(reasons) and reasons[i] else "not article text"
        out.append(Region(s, e, "span", "excluded", (("title", f"excluded: {reason}"),), order=0))
    return out


def _headline(doc: dict) -> list[Region]:
    span = (doc.get("meta") or {}).get("headline")
    if isinstance(span, (list, tuple)) and len(span) == 2:
        return [Region(int(span[0]), int(span[1]), "span", "headline", order=1)]
    return []


def number_claims(claims: list[dict]) -> list[dict]:
    """Claims in reading order, each given ``n`` (1, 2, ...) for the marks in the text."""
    ordered = sorted(claims, key=lambda c: tuple(c.get("span") or (0, 0)))
    for n, c in enumerate(ordered, 1):
        c["n"] = n
    return ordered


def document_text(doc: dict, claims: list[dict], *, excerpts: bool, context: int = 0) -> Markup:
    """The document with every claim's content marked (and numbered, linking to the claim),
    sources and cues marked, excluded boilerplate greyed, the cut-off end flagged."""
    text = doc["text"]
    regions = _excluded_regions(doc) + _headline(doc)
    for c in claims:
        pieces = c.get("spans") or [c.get("span")]
        last = max(pieces, key=lambda p: p[1])
        for k, (s, e) in enumerate(pieces):
            note = None
            if (s, e) == tuple(last):
                note = (f'<sup class="claim-note"><a href="/claims/{escape(c["id"])}" '
                        f'aria-label="claim {c["n"]}">{c["n"]}</a></sup>')
            regions.append(Region(s, e, "mark", f"claim type-{c.get('type', 'other')}",
                                  (("data-claim", c["id"]),),
                                  anchor=f"claim-{c['n']}" if k == 0 else None, after=note, order=2))
        src, cue = c.get("source") or {}, c.get("cue") or {}
        if src.get("span"):
            regions.append(Region(*src["span"], "span", "source", (("title", "source"),), order=3))
        if cue.get("span"):
            regions.append(Region(*cue["span"], "span", "cue", (("title", "cue"),), order=3))
    windows = None
    if excerpts:
        windows = [claim_window(c, text, context) for c in claims]
    html = render(text, regions, windows).html
    if doc.get("truncated"):
        html += Markup('<span class="truncated">[the stored text ends here: the article was cut off]</span>')
    return html


def claim_text(doc: dict, claim: dict, *, excerpts: bool, context: int = 0) -> Markup:
    """The document with this claim's sentence highlighted and its source, cue and content
    marked inside it; only the sentence (with context) when showing excerpts."""
    text = doc["text"]
    regions = _excluded_regions(doc) + _headline(doc)
    sentence = claim.get("sentence_span") or claim.get("span")
    regions.append(Region(sentence[0], sentence[1], "mark", "sentence", anchor="sentence", order=2))
    for s, e in claim.get("spans") or [claim["span"]]:
        regions.append(Region(s, e, "span", "content", (("title", "content"),), order=3))
    src, cue = claim.get("source") or {}, claim.get("cue") or {}
    if src.get("span"):
        regions.append(Region(*src["span"], "span", "source", (("title", "source"),), order=4))
    if cue.get("span"):
        regions.append(Region(*cue["span"], "span", "cue", (("title", "cue"),), order=4))
    for p in claim.get("places") or []:
        if p.get("span"):
            regions.append(Region(*p["span"], "span", "place", (("title", "place"),), order=5))
    for q in claim.get("quantities") or []:
        if q.get("span"):
            regions.append(Region(*q["span"], "span", "quantity", (("title", "figure"),), order=5))
    for t in (claim.get("event_time"), claim.get("stated_at")):
        if t and t.get("span"):
            regions.append(Region(*t["span"], "span", "time", (("title", "time"),), order=5))
    windows = [claim_window(claim, text, context)] if excerpts else None
    html = render(text, regions, windows).html
    if doc.get("truncated") and not excerpts:
        html += Markup('<span class="truncated">[the stored text ends here: the article was cut off]</span>')
    return html


def excerpts_of(doc: dict, claims: list[dict], context: int = 0) -> list[dict]:
    """The plain-text excerpts the API gives instead of the text when excerpts are on."""
    from .highlight import merge_windows
    text = doc["text"]
    return [{"start": s, "end": e, "text": text[s:e]}
            for s, e in merge_windows([claim_window(c, text, context) for c in claims], len(text))]


def public_document(doc: dict, claims: Optional[list[dict]] = None, *, excerpts: bool,
                    context: int = 0) -> dict:
    """A document as the API shows it: the text, or only excerpts around its claims."""
    out = {k: v for k, v in doc.items() if k not in ("path",)}
    if excerpts and "text" in out:
        out.pop("text")
        out["excerpts"] = excerpts_of(doc, claims or [], context)
    return out


# -- events ---------------------------------------------------------------------------------------

def fold_copies(claims: list[dict]) -> list[dict]:
    """Claims with each derivative claim folded under the claim it was copied from when that
    claim is in the list: [{"claim": c, "copies": [claims]}]; a derivative whose original is
    elsewhere stays at top level (its ``derived_from`` says where it came from)."""
    ids = {c["id"] for c in claims}
    rows: dict[str, dict] = {}
    order: list[str] = []
    pending: list[tuple[str, dict]] = []
    for c in claims:
        origin = next((o for o in c.get("derived_from") or [] if o in ids and o != c["id"]), None)
        if c.get("derivative") and origin:
            pending.append((origin, c))
        else:
            rows[c["id"]] = {"claim": c, "copies": []}
            order.append(c["id"])
    for origin, c in pending:
        if origin in rows:
            rows[origin]["copies"].append(c)
        else:                                   # a copy of a copy: under the first row it reaches
            rows[c["id"]] = {"claim": c, "copies": []}
            order.append(c["id"])
    return [rows[i] for i in order]


def document_tree(documents: list[dict], derivations: list[dict]) -> list[dict]:
    """The event's reports with derivative ones (copies, rewrites) folded under their original:
    [{"doc": d, "copies": [{"doc": d, "kind", "score"}]}]."""
    by_id = {d["id"]: d for d in documents}
    parent: dict[str, dict] = {}
    for link in derivations:
        if link.get("document_id") in by_id and link.get("derived_from") in by_id:
            parent.setdefault(link["document_id"], link)
    out, index = [], {}
    for d in documents:
        if d["id"] not in parent:
            index[d["id"]] = {"doc": d, "copies": []}
            out.append(index[d["id"]])
    for d in documents:
        link = parent.get(d["id"])
        if link is None:
            continue
        root, seen = link["derived_from"], {d["id"]}
        while root in parent and root not in seen:           # copies of copies go under the first original
            seen.add(root)
            root = parent[root]["derived_from"]
        entry = {"doc": d, "kind": link.get("kind"), "score": link.get("score")}
        if root in index:
            index[root]["copies"].append(entry)
        else:
            out.append({"doc": d, "copies": [], "kind": link.get("kind")})
    return out
