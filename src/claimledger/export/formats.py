"""Claims and events as files: JSONL, an ACLED-like CSV, GeoJSON (RFC 7946) and schema.org
ClaimReview JSON-LD. Each writer takes rows from ``claimledger.export.collect`` and returns text.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any, Iterable, Optional

# ACLED-like columns, one row per event (README: *Export*). ACLED's own names where the meaning is
# the same (event_id_cnty, event_date, time_precision, event_type, actor1, country, admin1, location,
# latitude, longitude, geo_precision, source, notes, fatalities); ours after them.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "event_date_end", "time_precision", "event_type", "actor1", "actor2",
    "country", "iso", "admin1", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "fatalities_low", "fatalities_high", "wounded", "captured", "displaced",
    "status", "parties", "independent_origins", "claims", "documents",
)


def time_precision(start: Optional[str], end: Optional[str]) -> Optional[int]:
    """ACLED's time precision: 1 a day, 2 within a week, 3 anything longer (a month or more)."""
    if not start or not end:
        return None
    days = (date.fromisoformat(end) - date.fromisoformat(start)).days + 1
    return 1 if days <= 1 else 2 if days <= 7 else 3


def _point(claims: Iterable[dict[str, Any]], country: Optional[str]) -> tuple[Optional[dict], Optional[int]]:
    """The most precise place with coordinates among the claims (in the event's country)."""
    best, prec = None, None
    for c in claims:
        for p in c.get("places") or []:
            if p.get("lat") is None or p.get("lon") is None:
                continue
            if country and p.get("country") and p.get("country") != country:
                continue
            gp = p.get("geo_precision") or 3
            if prec is None or gp < prec:
                best, prec = p, gp
    return best, prec


def _member_claims(ev: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for items in ev["claims_by_party"].values() for c in items]


def _fig(ev: dict[str, Any], cat: str, key: str) -> Optional[float]:
    e = (ev.get("estimates") or {}).get("event", {}).get(cat)
    return None if e is None else e.get(key)


def acled_row(ev: dict[str, Any]) -> dict[str, Any]:
    claims = _member_claims(ev)
    place, prec = _point(claims, ev.get("country"))
    admin1 = next((p.get("admin1") for c in claims for p in c.get("places") or []
                   if p.get("admin1") and p.get("country") == ev.get("country")), None)
    parties = sorted(ev["claims_by_party"])
    actors = sorted({c["origin"] for c in claims if c.get("origin") and c.get("party") not in ("press", None)})
    outlets = sorted({(d.get("outlet") or d.get("url") or d.get("id")) for d in ev.get("documents") or []
                      if d.get("outlet") or d.get("url") or d.get("id")})
    notes = " | ".join(f"{r['status']}: {r['reason']}" for r in ev.get("reasons") or [])
    first = next((c for c in claims if not c.get("derivative")), claims[0] if claims else None)
    if first is not None:
        notes = f"{first.get('origin')}: {first.get('content')}" + (" | " + notes if notes else "")
    return {
        "event_id_cnty": ev["id"], "event_date": ev.get("time_start"), "event_date_end": ev.get("time_end"),
        "time_precision": time_precision(ev.get("time_start"), ev.get("time_end")), "event_type": ev["type"],
        "actor1": actors[0] if actors else None, "actor2": actors[1] if len(actors) > 1 else None,
        "country": ev.get("country"), "iso": ev.get("country"), "admin1": admin1,
        "location": (place or {}).get("name") or ev.get("place"),
        "latitude": (place or {}).get("lat"), "longitude": (place or {}).get("lon"),
        "geo_precision": prec if place else None, "source": "; ".join(outlets),
        "source_scale": None, "notes": notes,
        "fatalities": _fig(ev, "killed", "best"), "fatalities_low": _fig(ev, "killed", "low"),
        "fatalities_high": _fig(ev, "killed", "high"), "wounded": _fig(ev, "wounded", "best"),
        "captured": _fig(ev, "captured", "best"), "displaced": _fig(ev, "displaced", "best"),
        "status": ev["status"], "parties": " ".join(parties),
        "independent_origins": "; ".join(ev.get("independent_origins") or []),
        "claims": len(claims), "documents": len(ev.get("documents") or []),
    }


def to_csv(events: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    w.writeheader()
    for ev in events:
        w.writerow({k: ("" if v is None else v) for k, v in acled_row(ev).items()})
    return buf.getvalue()


CLAIM_CSV_COLUMNS = ("id", "document_id", "event_id", "event_status", "origin", "party", "attribution",
                     "attribution_kind", "type", "content", "quantities", "places", "latitude", "longitude",
                     "geo_precision", "event_start", "event_end", "time_precision", "verification", "derived_from")


def claims_csv(claims: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CLAIM_CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for c in claims:
        place, prec = _point([c], None)
        t = c.get("event_time") or {}
        w.writerow({
            "id": c["id"], "document_id": c["document_id"], "event_id": c.get("event_id") or "",
            "event_status": c.get("event_status") or "", "origin": c.get("origin") or "", "party": c.get("party") or "",
            "attribution": c.get("attribution"), "attribution_kind": c.get("attribution_kind") or "",
            "type": c.get("type"), "content": c.get("content"),
            "quantities": "; ".join(q.get("text", "") for q in c.get("quantities") or []),
            "places": "; ".join(p.get("name", "") for p in c.get("places") or []),
            "latitude": (place or {}).get("lat", ""), "longitude": (place or {}).get("lon", ""),
            "geo_precision": prec if place else "", "event_start": t.get("start") or "", "event_end": t.get("end") or "",
            "time_precision": t.get("time_precision") or "",
            "verification": (c.get("verification") or {}).get("status", "unknown"),
            "derived_from": " ".join(c.get("derived_from") or []),
        })
    return buf.getvalue()


def to_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def event_jsonl_row(ev: dict[str, Any]) -> dict[str, Any]:
    """An event with its member claims (each with document_id and derived_from) and context."""
    out = {k: v for k, v in ev.items() if k not in ("claims_by_party", "context")}
    out["claim_count"] = ev["claims"]
    out["claims"] = [_plain(c) for c in _member_claims(ev)]
    out["context"] = [_plain(c) for c in ev["context"]]
    return out


def _plain(c: dict[str, Any]) -> dict[str, Any]:
    d = {k: v for k, v in c.items() if k not in ("document",)}
    d["document"] = {k: c["document"].get(k) for k in ("id", "outlet", "published", "url", "title")} \
        if c.get("document") else None
    return d


# -- GeoJSON (RFC 7946) -------------------------------------------------------------------------

def _feature(geometry: Optional[dict], properties: dict[str, Any], fid: str) -> dict[str, Any]:
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": properties}


def _geometry(place: Optional[dict]) -> Optional[dict]:
    if not place:
        return None   # RFC 7946 3.2: an unlocated feature has a null geometry
    return {"type": "Point", "coordinates": [round(float(place["lon"]), 6), round(float(place["lat"]), 6)]}


def events_geojson(events: list[dict[str, Any]]) -> dict[str, Any]:
    feats = []
    for ev in events:
        place, prec = _point(_member_claims(ev), ev.get("country"))
        props = {k: ev.get(k) for k in ("title", "type", "time_start", "time_end", "country", "place", "status",
                                        "parties", "independent_origins")}
        props.update(kind="event", claims=ev["claims"], geo_precision=prec if place else None,
                     location=(place or {}).get("name"),
                     time_precision=time_precision(ev.get("time_start"), ev.get("time_end")),
                     fatalities=_fig(ev, "killed", "best"), fatalities_low=_fig(ev, "killed", "low"),
                     fatalities_high=_fig(ev, "killed", "high"))
        feats.append(_feature(_geometry(place), props, ev["id"]))
    return {"type": "FeatureCollection", "features": feats}


def claims_geojson(claims: list[dict[str, Any]]) -> dict[str, Any]:
    feats = []
    for c in claims:
        place, prec = _point([c], None)
        t = c.get("event_time") or {}
        props = {"kind": "claim", "document_id": c["document_id"], "content": c.get("content"), "type": c.get("type"),
                 "attribution": c.get("attribution"), "origin": c.get("origin"), "party": c.get("party"),
                 "event_id": c.get("event_id"), "event_status": c.get("event_status"),
                 "location": (place or {}).get("name"), "geo_precision": prec if place else None,
                 "event_start": t.get("start"), "event_end": t.get("end"), "time_precision": t.get("time_precision"),
                 "derived_from": c.get("derived_from") or []}
        feats.append(_feature(_geometry(place), props, c["id"]))
    return {"type": "FeatureCollection", "features": feats}


# -- schema.org ClaimReview ---------------------------------------------------------------------

RATING_EXPLANATION = {
    "single-source": "Only one independent origin reports this.",
    "corroborated": "Two or more independent origins, not all of one party, report this.",
    "disputed": "Another party denies it, or the parties' figures disagree.",
    "confirmed": "A report states independent verification.",
    "unreconciled": "Not yet compared with other reports.",
}


def _author(origin: Optional[str], kind: Optional[str]) -> dict[str, Any]:
    return {"@type": "Person" if kind == "person" else "Organization", "name": origin or "unknown"}


def _appearance(doc: dict[str, Any]) -> dict[str, Any]:
    a = {"@type": "CreativeWork", "url": doc.get("url") or f"urn:claimledger:document:{doc.get('id')}"}
    if doc.get("title"):
        a["headline"] = doc["title"]
    if doc.get("published"):
        a["datePublished"] = doc["published"]
    if doc.get("outlet"):
        a["publisher"] = {"@type": "Organization", "name": doc["outlet"]}
    return a


def claim_review(*, claim: dict[str, Any], status: str, docs: list[dict[str, Any]], url: str,
                 reviewed_on: str, explanation: Optional[str] = None) -> dict[str, Any]:
    src = claim.get("source") or {}
    first = min((d.get("published") for d in docs if d.get("published")), default=None)
    item = {"@type": "Claim", "author": _author(claim.get("origin") or src.get("name") or src.get("text"),
                                                src.get("kind")),
            "appearance": [_appearance(d) for d in docs]}
    if first:
        item["datePublished"] = first
    return {
        "@context": "https://schema.org", "@type": "ClaimReview", "url": url,
        "claimReviewed": claim.get("content") or "", "itemReviewed": item,
        "author": {"@type": "Organization", "name": "claimledger"}, "datePublished": reviewed_on,
        "reviewRating": {"@type": "Rating", "alternateName": status,
                         "ratingExplanation": explanation or RATING_EXPLANATION.get(status, status)},
    }


def events_claimreview(events: list[dict[str, Any]], base_url: str, today: str) -> list[dict[str, Any]]:
    """One ClaimReview per event, reviewing its first independent member claim (the origin that
    reported it first); every report of the event is an appearance."""
    out = []
    for ev in events:
        claims = _member_claims(ev)
        if not claims:
            continue
        ranked = sorted(claims, key=lambda c: (c.get("derivative", False), c.get("attribution_kind") == "denial",
                                               c["document"].get("published") or "9999", c["id"]))
        lead = ranked[0]
        reasons = "; ".join(r["reason"] for r in ev.get("reasons") or [] if r["status"] == ev["status"])
        out.append(claim_review(claim=lead, status=ev["status"], docs=ev.get("documents") or [],
                                url=f"{base_url}events/{ev['id']}", reviewed_on=today,
                                explanation=f"{RATING_EXPLANATION[ev['status']]} {reasons}".strip()))
    return out


def claims_claimreview(claims: list[dict[str, Any]], docs: dict[str, dict[str, Any]], base_url: str,
                       today: str) -> list[dict[str, Any]]:
    return [claim_review(claim=c, status=c.get("event_status") or "unreconciled",
                         docs=[docs.get(c["document_id"], {"id": c["document_id"]})],
                         url=f"{base_url}claims/{c['id']}", reviewed_on=today) for c in claims]
