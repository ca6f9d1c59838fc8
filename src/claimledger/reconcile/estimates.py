"""Low / best / high figures per event and per party, and how each party's figure moved.

Rules (documented in the README, *Estimates*):
- Each origin's latest figure for a category counts (a revised figure replaces the earlier one;
  the earlier stays in the timeline). Dates: when the claim was made (stated_at), else the
  publication date; within one report on one date, the figure later in the text (a headline's
  "dozens, army says" yields to the body's "at least 30 ..., the army said").
- A figure's low is its stated lower bound ("at least 30" -> 30), its best the value (ACLED's
  conservative number for vague counts: "dozens" -> 12), its high its upper bound ("up to 40")
  or, for a figure with only a lower bound, unknown.
- Per party: low = the lowest low, best = the lowest best (ACLED: when reports conflict, the
  most conservative), high = the highest high or best (UCDP's high: the highest credible figure).
- Per event: the same over all parties' origins, so the best estimate is the most conservative
  figure any claimant gave. Denials contribute no figure. Claims copied from another report add
  nothing (their origin is the original's), nor does an outlet's headline relaying a figure.
"""
from __future__ import annotations

from typing import Any, Optional

from .features import FIGURE_CATEGORIES


def _date(claim: dict, published: Optional[str]) -> Optional[str]:
    st = claim.get("stated_at") or {}
    return st.get("end") or st.get("start") or published


def timeline(entries: list[dict]) -> dict[str, dict[str, list[dict]]]:
    """party -> category -> figures in date order (each with origin, claim and document)."""
    out: dict[str, dict[str, list[dict]]] = {}
    for e in sorted(entries, key=lambda e: (e["date"] or "", e["origin"], e["claim_id"])):
        out.setdefault(e["party"], {}).setdefault(e["category"], []).append(e)
    return out


def figure_entries(members: list[dict]) -> list[dict]:
    """One entry per figure of each member: members are dicts with ``claim``, ``features``,
    ``document``, ``derivative`` (bool) and ``independent`` (bool: not a copy, and not an outlet
    relaying someone else's figure in its own voice)."""
    out = []
    for m in members:
        f = m["features"]
        if m["derivative"] or not m.get("independent", True) or f["kind"] == "denial":
            continue
        for cat, low, best, high in f["figures"]:
            if cat not in FIGURE_CATEGORIES:
                continue
            out.append({"party": f["party"] or "unknown", "origin": f["origin"], "category": cat,
                        "low": low, "best": best, "high": high,
                        "date": _date(m["claim"], m["document"].get("published")),
                        "claim_id": f["claim_id"], "document_id": f["document_id"],
                        "position": int((m["claim"].get("span") or [0])[0]),
                        "text": m["claim"].get("sentence")})
    return out


def _combine(latest: list[dict]) -> dict[str, Any]:
    lows = [e["low"] for e in latest]
    bests = [e["best"] for e in latest]
    highs = [e["high"] if e["high"] is not None else e["best"] for e in latest]
    return {"low": min(lows), "best": min(bests), "high": max(highs),
            "open_ended": any(e["high"] is None for e in latest),
            "origins": sorted({e["origin"] for e in latest}),
            "claims": [e["claim_id"] for e in latest]}


def estimates(entries: list[dict]) -> dict[str, Any]:
    """{"event": {category: {low, best, high, ...}}, "parties": {party: {category: {...}}}}."""
    latest: dict[tuple[str, str, str], dict] = {}
    # later dates replace earlier; on one date in one report, the later figure in the text (the
    # body's "at least 30" after the headline's "dozens", which summarises it)
    for e in sorted(entries, key=lambda e: (e["date"] or "", e["document_id"], e.get("position", 0), e["claim_id"])):
        latest[(e["party"], e["origin"], e["category"])] = e
    out: dict[str, Any] = {"event": {}, "parties": {}}
    for cat in FIGURE_CATEGORIES:
        rows = [e for (p, o, c), e in latest.items() if c == cat]
        if not rows:
            continue
        out["event"][cat] = _combine(rows)
        for party in sorted({e["party"] for e in rows}):
            out["parties"].setdefault(party, {})[cat] = _combine([e for e in rows if e["party"] == party])
    return out
