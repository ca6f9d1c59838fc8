"""Reading events back: the functions the CLI, the exports and the web pages call.

    from claimledger.ledger import open_ledger
    from claimledger.reconcile import list_events, event_detail
    with open_ledger("claims.db") as ledger:
        for ev in list_events(ledger, party="UA", status="disputed", since="2024-12"):
            print(ev["id"], ev["status"], ev["title"])
        detail = event_detail(ledger, "e_...")
"""
from __future__ import annotations

from typing import Any, Iterable, Optional, Union

STATUSES = ("single-source", "corroborated", "disputed", "confirmed")


def _title(ev: dict[str, Any]) -> str:
    """A one-line label: type, place and dates ("casualties, Kursk Oblast (RU), 2024-12-14..2024-12-15")."""
    where = ", ".join(x for x in (ev.get("place"), f"({ev['country']})" if ev.get("country") else None) if x)
    when = ev.get("time_start") or ""
    if ev.get("time_end") and ev.get("time_end") != when:
        when += ".." + ev["time_end"]
    return ", ".join(x for x in (ev.get("type"), where, when) if x)


def event_summary(ev: dict[str, Any]) -> dict[str, Any]:
    """The list form of an event row: id, title, type, time_start, time_end, country, place,
    status, claims (member count), parties, independent_origins, estimates (event level),
    documents (count), updated_at."""
    data = ev.get("data") or {}
    return {
        "id": ev["id"], "title": _title(ev), "type": ev["type"], "time_start": ev["time_start"],
        "time_end": ev["time_end"], "country": ev["country"], "place": ev["place"], "status": ev["status"],
        "claims": ev["claims"], "parties": sorted(data.get("parties") or {}),
        "independent_origins": data.get("independent_origins") or [],
        "estimates": (data.get("estimates") or {}).get("event") or {},
        "documents": len(data.get("documents") or []), "updated_at": ev.get("updated_at"),
    }


def list_events(ledger, *, party: Optional[str] = None, type: Union[str, Iterable[str], None] = None,
                place: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
                status: Union[str, Iterable[str], None] = None, limit: Optional[int] = None,
                offset: int = 0) -> list[dict[str, Any]]:
    """Current events matching every filter given, oldest first, in their list form
    (``event_summary``).

    party: a claimant's party ("UA", "US", "RU", "press", "unknown"; any case);
    type: the event type (its most specific member claim type: casualties, attack,
    territorial_control, deployment, denial), one or several;
    place: substring of a member claim's place name or region, or a country code;
    since / until: ISO dates (YYYY-MM-DD, YYYY-MM, YYYY) compared with the event's time range;
    status: single-source | corroborated | disputed | confirmed (one or several).
    Empty strings count as not given. Bad dates raise ``UsageError``.
    """
    rows = ledger.events(party=party or None, type=type or None, place=place or None, since=since or None,
                         until=until or None, status=status or None, limit=limit, offset=offset)
    return [event_summary(r) for r in rows]


def event_detail(ledger, event_id: str) -> Optional[dict[str, Any]]:
    """Everything about one event, or None when the ledger has no such event. An id of an event
    that was later merged into another gives that other event (``merged_from`` says so).

    Keys: the ``event_summary`` keys, plus
      merged_from: the id asked for, when it was merged into this event;
      reasons: [{status, reason, sentences: [{claim_id, document_id, sentence, origin, party}]}]
          why the event has its status (each applicable status with the sentences behind it);
      parties: {party: {origins: [...], claims: [claim ids], denials: n}};
      origins: {origin: {party, claims, independent}};
      claims_by_party: {party: [claim dict + "membership" {role, rule, score, evidence},
          "origin", "derivative", "derived_from", "document" {id, outlet, published, url, title}]};
      context: [claim dicts] attached as context (evaluations, intentions, statements);
      estimates: {"event": {category: {low, best, high, open_ended, origins, claims}},
                  "parties": {party: {category: {...}}}};
      timeline: {party: {category: [{date, origin, low, best, high, claim_id, document_id, text}]}};
      derivations: [{document_id, derived_from, kind, score, direction, pairs}];
      documents: [{id, outlet, published, url, title}].
    """
    ev = ledger.event(event_id)
    if ev is None:
        return None
    data = ev["data"]
    out = event_summary(ev)
    if ev.get("merged_from"):
        out["merged_from"] = ev["merged_from"]
    rows = ledger.event_claim_rows(ev["id"])
    claims = ledger.claims_by_id(r["claim_id"] for r in rows)
    feats = ledger.claim_features(r["claim_id"] for r in rows)
    docs = ledger.document_metadata({c["document_id"] for c in claims.values()})
    derivative = {d["claim_id"]: d["derived_from"] for d in data.get("derivative_claims") or []}
    by_party: dict[str, list[dict[str, Any]]] = {}
    context = []
    for r in rows:
        c = claims.get(r["claim_id"])
        if c is None:
            continue
        f = feats.get(r["claim_id"], {})
        item = dict(c)
        item["membership"] = {k: r[k] for k in ("role", "rule", "score", "evidence")}
        item["origin"] = f.get("origin")
        item["party"] = f.get("party") or "unknown"
        item["attribution_kind"] = f.get("kind")
        item["derivative"] = r["claim_id"] in derivative
        item["derived_from"] = derivative.get(r["claim_id"], [])
        item["document"] = docs.get(c["document_id"], {})
        if r["role"] == "member":
            by_party.setdefault(item["party"], []).append(item)
        else:
            context.append(item)
    for items in by_party.values():
        items.sort(key=lambda c: ((c["document"].get("published") or ""), c["document_id"], tuple(c["span"])))
    out.update(
        reasons=data.get("reasons") or [], parties=data.get("parties") or {}, origins=data.get("origins") or {},
        claims_by_party=dict(sorted(by_party.items())), context=context,
        estimates=data.get("estimates") or {}, timeline=data.get("timeline") or {},
        derivations=data.get("derivations") or [],
        documents=[docs.get(d, {"id": d}) for d in data.get("documents") or []],
    )
    return out


def document_derivations(ledger, document_id: Optional[str] = None) -> list[dict[str, Any]]:
    """Derivation links (copy -> original) with score and evidence (aligned sentence pairs), for
    one document (either side) or all."""
    return ledger.derivations(None if document_id is None else [document_id])


def annotate_claims(ledger, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claim dicts with what reconcile knows of each added: ``event_id`` and ``event_status`` (None
    when the claim is in no event), ``origin``, ``party``, ``attribution_kind`` (as reconcile read
    it), and ``derived_from`` (ids of the claims, or failing those the document, it was copied from;
    [] for an independent claim). The input dicts are not changed."""
    from .run import _derivative
    ids = [c["id"] for c in claims]
    feats = ledger.claim_features(ids)
    events = ledger.claim_events(ids)
    rows = {}
    for eid in sorted(set(events.values())):
        ev = ledger.event(eid)
        if ev is not None:
            rows[eid] = ev
    derivs = ledger.derivations({c["document_id"] for c in claims})
    originals: dict[str, list[dict[str, Any]]] = {}
    for d in derivs:
        if d["derived_from"] not in originals:
            originals[d["derived_from"]] = ledger.claims(document_id=d["derived_from"])
    out = []
    for c in claims:
        item = dict(c)
        eid = events.get(c["id"])
        ev = rows.get(eid) if eid else None
        f = feats.get(c["id"], {})
        item["event_id"] = ev["id"] if ev else None
        item["event_status"] = ev["status"] if ev else None
        item["origin"] = f.get("origin")
        item["party"] = f.get("party")
        item["attribution_kind"] = c.get("attribution_kind") or f.get("kind")
        from_event = {d["claim_id"]: d["derived_from"] for d in ((ev or {}).get("data") or {}).get("derivative_claims", [])}
        if c["id"] in from_event:
            item["derived_from"] = from_event[c["id"]]
        else:
            item["derived_from"] = _derivative(c, derivs, originals)[1]
        out.append(item)
    return out
