"""Corroboration of an event: claimants grouped by party, the origin of each claim, independent
origins counted after removing derivatives, and a status with the sentences behind it.

Status, strongest first:
- ``confirmed``: a member's own text reports independent verification ("verified by", geolocated
  footage, a named independent investigator; the extractor's verification ``confirmed``), in a
  report that is not itself a copy.
- ``disputed``: a denial by a party other than the asserting one, a claim the text marks as
  disputed, or figures of one category from different parties that do not agree.
- ``corroborated``: two or more independent origins, not all of one party.
- ``single-source`` otherwise.

Origins: a claim attributed to someone has that claimant as origin, whichever outlet printed it,
so twenty outlets repeating GUR's figure are one origin. An outlet's own narration is an origin
(party ``press``) only when it carries evidence of its own (footage, documents, imagery) or
reports its own verification; otherwise it relays and counts for nothing. Claims in a document
that copies or rewrites another are derivative and add no origin.
"""
from __future__ import annotations

from typing import Any

from .estimates import estimates, figure_entries, timeline
from .parties import PRESS

STATUS_ORDER = ("confirmed", "disputed", "corroborated", "single-source")


def _independent(m: dict) -> bool:
    f, c = m["features"], m["claim"]
    if m["derivative"]:
        return False
    if f["party"] == PRESS:
        return bool(c.get("evidence")) or (c.get("verification") or {}).get("status") == "confirmed"
    return True


def _conflicting_figures(entries: list[dict], tolerance: float) -> list[tuple[dict, dict]]:
    out = []
    for i, a in enumerate(entries):
        for b in entries[i + 1:]:
            if a["category"] != b["category"] or a["party"] == b["party"]:
                continue
            if PRESS in (a["party"], b["party"]):
                continue
            ahi = a["high"] if a["high"] is not None else float("inf")
            bhi = b["high"] if b["high"] is not None else float("inf")
            overlap = a["low"] <= bhi and b["low"] <= ahi
            close = abs(a["best"] - b["best"]) <= tolerance * max(a["best"], b["best"], 1)
            if not (overlap or close):
                out.append((a, b))
    return out


def _sentence(m: dict) -> dict:
    c = m["claim"]
    return {"claim_id": c["id"], "document_id": c["document_id"], "sentence": c.get("sentence"),
            "origin": m["features"]["origin"], "party": m["features"]["party"]}


def summarise(members: list[dict], context: list[dict], derivations: list[dict], *,
              figure_tolerance: float = 0.25) -> dict[str, Any]:
    """The event summary stored with the event (and shown by ``claimledger event``).

    ``members`` and ``context``: dicts with ``claim`` (claim dict), ``features`` (feature dict),
    ``document`` (document metadata) and ``derivative`` / ``derived_from``. ``derivations``: the
    derivation rows among the event's documents."""
    parties: dict[str, dict[str, Any]] = {}
    origins: dict[str, dict[str, Any]] = {}
    for m in members:
        m["independent"] = _independent(m)
    for m in members:
        f = m["features"]
        party = f["party"] or "unknown"
        p = parties.setdefault(party, {"origins": set(), "claims": [], "denials": 0})
        p["claims"].append(f["claim_id"])
        p["origins"].add(f["origin"])
        if f["kind"] == "denial":
            p["denials"] += 1
        o = origins.setdefault(f["origin"], {"party": party, "claims": [], "independent": False})
        o["claims"].append(f["claim_id"])
        if _independent(m):
            o["independent"] = True
    independent = sorted(o for o, v in origins.items() if v["independent"])
    independent_parties = sorted({origins[o]["party"] for o in independent})

    reasons: list[dict[str, Any]] = []
    confirmed = [m for m in members + context if not m["derivative"]
                 and (m["claim"].get("verification") or {}).get("status") == "confirmed"]
    if confirmed:
        reasons.append({"status": "confirmed", "reason": "the report states independent verification",
                        "sentences": [_sentence(m) for m in confirmed]
                        + [{"verification": (m["claim"].get("verification") or {}).get("text")} for m in confirmed]})
    asserting = {m["features"]["party"] or "unknown" for m in members if m["features"]["kind"] != "denial"}
    denials = [m for m in members if m["features"]["kind"] == "denial"
               and asserting - {m["features"]["party"] or "unknown"}]
    entries = figure_entries(members)
    conflicts = _conflicting_figures(entries, figure_tolerance)
    marked = [m for m in members if not m["derivative"]
              and (m["claim"].get("verification") or {}).get("status") == "disputed"]
    if denials or conflicts or marked:
        sentences = [_sentence(m) for m in denials + marked]
        for a, b in conflicts[:5]:
            sentences += [{"claim_id": e["claim_id"], "document_id": e["document_id"], "sentence": e["text"],
                           "origin": e["origin"], "party": e["party"]} for e in (a, b)]
        why = []
        if denials:
            why.append("a denial by " + ", ".join(sorted({m["features"]["origin"] for m in denials})))
        if conflicts:
            why.append("figures that disagree between parties")
        if marked:
            why.append("the report says another side gave a different account")
        reasons.append({"status": "disputed", "reason": "; ".join(why), "sentences": sentences})
    if len(independent) >= 2 and len(independent_parties) >= 2:
        reasons.append({"status": "corroborated",
                        "reason": f"{len(independent)} independent origins from {len(independent_parties)} parties",
                        "sentences": [_sentence(m) for m in members if m["features"]["origin"] in independent
                                      and _independent(m)][:12]})
    if not reasons or all(r["status"] not in ("confirmed", "corroborated", "disputed") for r in reasons):
        reasons.append({"status": "single-source",
                        "reason": f"{len(independent)} independent origin(s)" + (
                            f" all of one party ({independent_parties[0]})" if len(independent_parties) == 1
                            and len(independent) > 1 else ""),
                        "sentences": [_sentence(m) for m in members if _independent(m)][:6]})
    status = min((r["status"] for r in reasons), key=STATUS_ORDER.index)
    derivative_claims = [{"claim_id": m["claim"]["id"], "document_id": m["claim"]["document_id"],
                          "derived_from": m.get("derived_from") or []} for m in members + context if m["derivative"]]
    return {
        "status": status,
        "reasons": reasons,
        "parties": {p: {"origins": sorted(v["origins"]), "claims": v["claims"], "denials": v["denials"]}
                    for p, v in sorted(parties.items())},
        "origins": {o: {"party": v["party"], "claims": v["claims"], "independent": v["independent"]}
                    for o, v in sorted(origins.items())},
        "independent_origins": independent,
        "estimates": estimates(entries),
        "timeline": timeline(entries),
        "derivations": derivations,
        "derivative_claims": derivative_claims,
    }
