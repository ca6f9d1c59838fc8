"""The export stage: claims and events from the ledger as files.

    from claimledger.export import export
    text = export(ledger, what="events", fmt="geojson", party="UA", since="2024-12")

Formats: ``jsonl`` (claims in the claim schema, each with document_id, derived_from, event_id and
event_status; events with their member claims), ``csv`` (events: one ACLED-like row each, columns
in ``formats.ACLED_COLUMNS``; claims: one row each), ``geojson`` (RFC 7946 FeatureCollection of
points, null geometry where nothing is located, with geo_precision), ``claimreview`` (a JSON-LD
array of schema.org ClaimReview objects whose reviewRating carries our status).
"""
from __future__ import annotations

import json
from datetime import date
from typing import Any, Optional

from ..errors import UsageError
from . import formats

WHAT = ("claims", "events")
FORMATS = ("jsonl", "csv", "geojson", "claimreview")


def collect_events(ledger, **filters) -> list[dict[str, Any]]:
    """Full event details for the events the filters select (see reconcile.list_events)."""
    from ..reconcile import event_detail, list_events
    return [event_detail(ledger, e["id"]) for e in list_events(ledger, **filters)]


def collect_claims(ledger, *, party: Optional[str] = None, type: Optional[str] = None, place: Optional[str] = None,
                   since: Optional[str] = None, until: Optional[str] = None, status: Optional[str] = None,
                   source: Optional[str] = None, limit: Optional[int] = None) -> list[dict[str, Any]]:
    """Current claims matching the filters, annotated by reconcile (event, status, origin, party,
    derived_from). party and status filter on the claim's own party and its event's status."""
    from ..reconcile.read import annotate_claims
    claims = annotate_claims(ledger, ledger.claims(source=source, type=type, place=place, since=since, until=until))
    if party:
        claims = [c for c in claims if (c.get("party") or "unknown").casefold() == party.casefold()]
    if status:
        claims = [c for c in claims if c.get("event_status") == status]
    return claims[:limit] if limit is not None else claims


def export(ledger, what: str = "events", fmt: str = "jsonl", *, base_url: str = "urn:claimledger:",
           today: Optional[str] = None, **filters: Any) -> str:
    """The selected claims or events in one format, as text."""
    if what not in WHAT:
        raise UsageError(f"--what must be one of {', '.join(WHAT)}, not {what!r}")
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    today = today or date.today().isoformat()
    if base_url and not base_url.endswith(("/", ":")):
        base_url += "/"
    if what == "events":
        events = collect_events(ledger, **{k: v for k, v in filters.items() if k != "source"})
        if fmt == "jsonl":
            return formats.to_jsonl(formats.event_jsonl_row(ev) for ev in events)
        if fmt == "csv":
            return formats.to_csv(events)
        if fmt == "geojson":
            return json.dumps(formats.events_geojson(events), ensure_ascii=False, indent=1) + "\n"
        return json.dumps(formats.events_claimreview(events, base_url, today), ensure_ascii=False, indent=1) + "\n"
    claims = collect_claims(ledger, **filters)
    if fmt == "jsonl":
        return formats.to_jsonl(claims)
    if fmt == "csv":
        return formats.claims_csv(claims)
    if fmt == "geojson":
        return json.dumps(formats.claims_geojson(claims), ensure_ascii=False, indent=1) + "\n"
    docs = ledger.document_metadata({c["document_id"] for c in claims})
    return json.dumps(formats.claims_claimreview(claims, docs, base_url, today), ensure_ascii=False, indent=1) + "\n"
