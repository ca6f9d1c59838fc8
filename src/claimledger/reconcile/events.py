"""Claims about the same happening, linked pairwise and grouped into events.

A link between two claims is a function of the two claims' features alone (``link``), so the
events, the connected components of the links, are the same whatever order the documents came
in. Claims are compared only within a block (area | family | week, see ``features.blocks``),
never all pairs. An event's id is derived from its smallest member claim id, so it is stable
too; when new claims join two events into one, the other event is recorded as merged into it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from ..models import sha256
from .features import ClaimFeatures, block_area, compatible, standing
from .settings import ReconcileSettings


@dataclass
class Link:
    a: str                   # claim ids, a < b
    b: str
    rule: str
    score: float
    evidence: dict


def _overlap_days(f: ClaimFeatures, g: ClaimFeatures) -> Optional[int]:
    """Days of overlap of the two time ranges (1 for touching days), negative for a gap, None when
    either is unknown."""
    fs, fe = f.days()
    gs, ge = g.days()
    if fs is None or gs is None:
        return None
    return min(fe, ge) - max(fs, gs) + 1


def time_score(f: ClaimFeatures, g: ClaimFeatures, days: Optional[int] = None) -> float:
    days = _overlap_days(f, g) if days is None else days
    if days is None:
        return 0.3
    if days < 0:
        return 0.0
    if f.timed and g.timed:
        return 1.0
    return 0.7 if (f.timed or g.timed) else 0.5


def place_score(f: ClaimFeatures, g: ClaimFeatures) -> tuple[float, str]:
    """1.0 the same place; 0.8 one nests in the other (a village in the region the other names)
    or both lie in one region; 0.6 in two regions next to each other; 0.4 the same country only; 0.2 unknown; 0.0 different countries."""
    fg, fn, fa, fc, _, _ = f.sets()
    gg, gn, ga, gc, _, _ = g.sets()
    if fg & gg or fn & gn - fa - ga:
        return 1.0, "same place"
    if fa & ga or fa & gn or fn & ga:
        return 0.8, "nested or same region"
    if _within_wide(f, ga | gn) or _within_wide(g, fa | fn):
        return 0.8, "within a wider region"
    if fa & g.near_set() or ga & f.near_set():
        return 0.6, "neighbouring regions"
    if fc & gc:
        if f.place_fallback or g.place_fallback:
            return 0.5, "same country (document's places)"
        return 0.4, "same country"
    if not fc or not gc:
        return 0.2, "unknown place"
    return 0.0, "different countries"


def _within_wide(f: ClaimFeatures, names: frozenset) -> bool:
    """Whether a place of ``names`` carries the name of a wider region ``f`` names ("North
    Darfur" within "Darfur", "Donetsk Oblast" within "Donetsk"). Our gazetteer knows no
    containment for regions that are no administrative division, so their names stand in."""
    for w in f.wide:
        words = w.split()
        for n in names:
            nw = n.split()
            if len(nw) > len(words) and any(nw[i:i + len(words)] == words for i in range(len(nw) - len(words) + 1)):
                return True
    return False


def _type_of(f: ClaimFeatures) -> str:
    return f.denies if f.family == "denial" and f.denies else f.type


def subject_score(f: ClaimFeatures, g: ClaimFeatures) -> float:
    """Dice overlap of content words, names counted twice (shared actors and subjects)."""
    _, _, _, _, a, ea = f.sets()
    _, _, _, _, b, eb = g.sets()
    if not a or not b:
        return 0.0
    shared = len(a & b) + len(ea & eb)
    return min(1.0, 2 * shared / (len(a) + len(b) + len(ea) + len(eb)))


def figure_score(f: ClaimFeatures, g: ClaimFeatures, tolerance: float) -> Optional[float]:
    """1.0 a shared category with consistent figures (within tolerance, or overlapping ranges);
    0.0 a shared category with different figures; None when nothing is comparable. A different
    figure does not keep claims apart (that is what a dispute looks like); it only adds nothing."""
    if not f.figures or not g.figures:
        return None
    best = None
    for cat, lo, val, hi in f.figures:
        for cat2, lo2, val2, hi2 in g.figures:
            if cat != cat2:
                continue
            top, top2 = hi if hi is not None else float("inf"), hi2 if hi2 is not None else float("inf")
            if abs(val - val2) <= tolerance * max(val, val2, 1) or (lo <= top2 and lo2 <= top):
                return 1.0
            best = 0.0
    return best


def link(f: ClaimFeatures, g: ClaimFeatures, s: ReconcileSettings) -> Optional[Link]:
    """The link between two event-forming claims, or None. Symmetric and order-free."""
    if f.claim_id > g.claim_id:
        f, g = g, f
    if f.role != "event" or g.role != "event" or not compatible(f, g):
        return None
    if (f.family == "denial") != (g.family == "denial") and f.origin and f.origin == g.origin:
        return None   # no one denies what they assert: beside its denial, a party's claim is another happening
    days = _overlap_days(f, g)
    if days is not None and days < 0:
        return None
    same_doc = f.document_id == g.document_id
    subj = subject_score(f, g)
    if not same_doc and subj < s.subject_min:
        return None   # across reports: some shared subject at least
    p, why_place = place_score(f, g)
    if not same_doc and p == 0.0:
        return None   # ... and not in two different countries
    t = time_score(f, g, days)
    if days is None and same_doc:
        t = 0.7   # an undated report: its claims share whatever date it has
    fig = figure_score(f, g, s.figure_tolerance)
    # claims of two types (an attack and its casualties) pay a fifth; a denial counts as the type
    # it denies ("denied shelling the market" meets "shelling struck the market" as an attack)
    same_type = 1.0 if _type_of(f) == _type_of(g) else 0.8
    score = 0.2 * t + 0.3 * p + 0.35 * subj + 0.15 * (0.5 if fig is None else fig)
    score = round(score * same_type, 3)
    if same_doc:
        if score < s.same_document_min or p == 0.0:
            return None
        rule = "same-document"
    elif score >= s.event_link_min:
        rule = "cross-document"
    else:
        return None
    evidence = {"time": t, "place": p, "place_reason": why_place, "subject": round(subj, 3),
                "figures": fig, "same_type": same_type == 1.0}
    return Link(f.claim_id, g.claim_id, rule, score, evidence)


# Who meets whom inside a block, by each claim's standing there (``features.standing``): by a
# shared subject word, and by a shared document. Places that coincide or nest meet; two places
# side by side in one region (two villages) do not: they meet only in a place block of a name
# they share. So the pairs a claim is given grow with the reports of its own place and of the
# wider areas around it, not with everything else that happened in its region that week.
MEETS_BY_WORD = {
    "place": {"all": ("all",)},
    "region": {"coarse": ("coarse", "fine", "guest"), "fine": ("coarse", "guest"), "guest": ("coarse", "fine")},
    "country": {"top": ("top", "sub"), "sub": ("top",)},
}
MEETS_BY_DOCUMENT = {   # one report's claims of one region meet whatever places they name
    "place": {"all": ("all",)},
    "region": {"coarse": ("coarse", "fine"), "fine": ("coarse", "fine"), "guest": ()},
    "country": {"top": ("top", "sub"), "sub": ("top",)},
}


SMALL_BLOCK = 12   # blocks up to this size test every pair (the same pairs as the index finds, cheaper)


def candidate_pairs(feats: list[ClaimFeatures], new_ids: Optional[set[str]] = None, *,
                    block: str = "") -> list[tuple[ClaimFeatures, ClaimFeatures]]:
    """Pairs of one block (``block``, its key, tells its kind) that can link, each once, holding
    at least one claim of ``new_ids`` (all when None); who meets whom is ``MEETS_BY_WORD`` (pairs
    sharing a subject word) and ``MEETS_BY_DOCUMENT``. In a place block every claim meets every
    other; in a region block a claim naming the region but no place in it ("coarse") meets all,
    and two claims each naming a place in it ("fine") meet only when one report holds both (or in
    the block of a place they share); a claim of a neighbouring region ("guest", filed when it
    names only its region) meets the region's own claims. In a country block a claim naming no
    region meets all, and two claims naming regions do not meet there. Across documents a link
    needs a shared subject word (``subject_min`` > 0), so nothing linkable is lost by asking for
    one; the pairs depend only on the two claims, so neither does the order of ingestion."""
    kind, area = block_area(block)
    by_word, by_doc = MEETS_BY_WORD[kind], MEETS_BY_DOCUMENT[kind]
    standing_of = [standing(f, kind, area) for f in feats]
    if len(feats) <= SMALL_BLOCK:   # most blocks hold a few claims: test their pairs directly
        out = []
        for i, f in enumerate(feats):
            fw, st = f.sets()[4], standing_of[i]
            for j in range(i + 1, len(feats)):
                g = feats[j]
                if new_ids is not None and f.claim_id not in new_ids and g.claim_id not in new_ids:
                    continue
                if ((standing_of[j] in by_word[st] and not fw.isdisjoint(g.sets()[4]))
                        or (f.document_id == g.document_id and standing_of[j] in by_doc[st])):
                    out.append((f, g))
        return out
    index: dict[tuple, list[int]] = {}
    for i, f in enumerate(feats):
        st = standing_of[i]
        for w in f.sets()[4]:
            index.setdefault((st, w), []).append(i)
        index.setdefault((st, None, f.document_id), []).append(i)
    out = []
    done: set[tuple[int, int]] = set()
    for i, f in enumerate(feats):
        if new_ids is not None and f.claim_id not in new_ids:
            continue
        st = standing_of[i]
        near: set[int] = set()
        words = f.sets()[4]
        for other in by_word[st]:
            for w in words:
                near.update(index.get((other, w), ()))
        for other in by_doc[st]:
            near.update(index.get((other, None, f.document_id), ()))
        near.discard(i)
        for j in near:
            key = (i, j) if i < j else (j, i)
            if key not in done:
                done.add(key)
                out.append((f, feats[j]))
    return out


def links_within(features: list[ClaimFeatures], new_ids: set[str], s: ReconcileSettings, *,
                 block: str = "", seen: Optional[set] = None) -> list[Link]:
    """Links of one block (``block``: its key): candidate pairs (``candidate_pairs``) with at
    least one new claim (old pairs were done before). ``seen`` collects the pairs compared, so a
    pair sharing several blocks is compared once."""
    seen = set() if seen is None else seen
    out = []
    if s.subject_min <= 0:   # without the subject requirement every pair is a candidate
        feats = sorted(features, key=lambda f: f.claim_id)
        pairs = [(f, g) for i, f in enumerate(feats) for g in feats[i + 1:]
                 if f.claim_id in new_ids or g.claim_id in new_ids]
    else:
        pairs = candidate_pairs(features, new_ids, block=block)
    for f, g in pairs:
        key = (f.claim_id, g.claim_id) if f.claim_id < g.claim_id else (g.claim_id, f.claim_id)
        if key in seen:
            continue
        seen.add(key)
        lk = link(f, g, s)
        if lk:
            out.append(lk)
    return out


def event_id(member_ids: Iterable[str]) -> str:
    return "e_" + sha256(min(member_ids))[:16]


def components(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected components (union-find), each sorted, in order of their smallest member."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for n in nodes:
        find(n)
    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            if ra < rb:
                parent[rb] = ra
            else:
                parent[ra] = rb
    groups: dict[str, list[str]] = {}
    for n in parent:
        groups.setdefault(find(n), []).append(n)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def attach_context(context: list[ClaimFeatures], members_of_doc: dict[str, list[ClaimFeatures]],
                   event_of: dict[str, str]) -> dict[str, tuple[str, str, dict]]:
    """Context claims (evaluations, intentions, statements) join the event of the nearest
    event-forming claim of their own document: claim id -> (event id, claim it is near, evidence)."""
    out = {}
    for c in context:
        near = [m for m in members_of_doc.get(c.document_id, []) if m.claim_id in event_of]
        if not near:
            continue
        m = min(near, key=lambda m: (abs(m.span_start - c.span_start), m.claim_id))
        out[c.claim_id] = (event_of[m.claim_id], m.claim_id, {"near_claim": m.claim_id,
                                                               "distance": abs(m.span_start - c.span_start)})
    return out
