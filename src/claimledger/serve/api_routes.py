"""The JSON API under /api: the CLI's filters, offset pagination with a ``next`` link (claims most
recently stored first, so a page costs the same in a ledger of any size), stable ids, errors as ``{"error": {"code", "message"}}``. OpenAPI at /openapi.json (no docs page: it would need a CDN).

No response carries a commenter's e-mail (the ledger never returns it) or a server file path.
"""
from __future__ import annotations

from typing import Any, Literal, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request

from ..errors import UsageError
from ..ledger.base import date_range
from ..models import ATTRIBUTION_KINDS, UNKNOWN_KIND
from .filters import ClaimFilters
from .pages import comment_targets, ranked_sources, site_of
from .views import public_document

router = APIRouter(prefix="/api", tags=["ledger"])

ClaimType = Literal["casualties", "deployment", "attack", "territorial_control", "denial", "statement", "other"]
AttributionKind = Literal[ATTRIBUTION_KINDS + (UNKNOWN_KIND,)]
Limit = Query(50, ge=1, le=500, description="items per page (1-500)")
Offset = Query(0, ge=0, le=1_000_000, description="items to skip")


def _page(request: Request, items: list, limit: int, offset: int, *, keyset: bool = False) -> dict[str, Any]:
    """One page of ``items`` (fetched with limit + 1 to know whether more follow). With
    ``keyset`` the ``next`` link continues after the page's last id (``after=``) instead of
    counting an offset."""
    more = len(items) > limit
    nxt = None
    if more:
        params = dict(request.query_params)
        if keyset:
            params.pop("offset", None)
            params.update(after=items[limit - 1]["id"], limit=str(limit))
        else:
            params.update(offset=str(offset + limit), limit=str(limit))
        nxt = request.url.path + "?" + urlencode(params)
    return {"items": items[:limit], "limit": limit, "offset": offset, "next": nxt}


def _public_claim(c: dict) -> dict:
    c = dict(c)
    c.pop("document_path", None)       # a path on the server, not the reader's business
    c.pop("n", None)
    return c


@router.get("/claims", summary="Claims matching every filter given (as `claimledger claims`), most recently stored first")
def api_claims(request: Request,
               search: Optional[str] = Query(None, max_length=500, description="full text over content, sentence, source"),
               source: Optional[str] = Query(None, max_length=500, description="source name, text, role or affiliation contains"),
               type: Optional[ClaimType] = Query(None, description="claim type"),
               place: Optional[str] = Query(None, max_length=500, description="place name, region or country code"),
               since: Optional[str] = Query(None, max_length=32, description="ISO date: YYYY-MM-DD, YYYY-MM or YYYY"),
               until: Optional[str] = Query(None, max_length=32, description="ISO date: YYYY-MM-DD, YYYY-MM or YYYY"),
               document: Optional[str] = Query(None, max_length=100, description="one document id"),
               party: Optional[str] = Query(None, max_length=100, description="the source's party code, exactly"),
               source_id: Optional[int] = Query(None, ge=1, le=2**62, description="one canonical source id"),
               kind: Optional[AttributionKind] = Query(None, description="what the claim attributes "
                                                       "(unknown: stored before kinds were extracted)"),
               after: Optional[str] = Query(None, max_length=100, description="the last claim id of the previous "
                                            "page: the page after it (what `next` links use; fast at any depth)"),
               limit: int = Limit, offset: int = Offset):
    filters = ClaimFilters.from_query(
        {k: v for k, v in dict(search=search, source=source, type=type, place=place, since=since,
                                until=until, document=document, party=party, kind=kind).items() if v}, strict=True)
    rows = site_of(request).ledger.claims(**filters.ledger_args(), source_id=source_id,
                                          limit=limit + 1, offset=offset, newest_first=True, before=after)
    return _page(request, [_public_claim(c) for c in rows], limit, offset, keyset=True)


@router.get("/claims/{claim_id}", summary="One claim by its stable id")
def api_claim(request: Request, claim_id: str):
    claim = site_of(request).ledger.claim(claim_id)
    if claim is None:
        raise HTTPException(404, f"no claim {claim_id!r}")
    return _public_claim(claim)


@router.get("/documents", summary="Current documents, newest first (without text)")
def api_documents(request: Request, limit: int = Limit, offset: int = Offset):
    rows = site_of(request).ledger.documents(newest_first=True, limit=limit + 1, offset=offset)
    return _page(request, [{k: v for k, v in d.items() if k != "path"} for d in rows], limit, offset)


@router.get("/documents/{document_id}",
            summary="One document: its text (or, with the excerpts setting, excerpts around its claims) and claim ids")
def api_document(request: Request, document_id: str):
    site = site_of(request)
    doc = site.ledger.document(document_id)
    if doc is None:
        raise HTTPException(404, f"no document {document_id!r}")
    claims = site.ledger.claims(document_id=document_id)
    out = public_document(doc, claims, excerpts=site.options.excerpts, context=site.options.excerpt_context)
    out["claims"] = [c["id"] for c in claims]
    return out


@router.get("/sources", summary="Canonical sources with claim counts, most claims first")
def api_sources(request: Request, party: Optional[str] = Query(None, max_length=100),
                limit: int = Limit, offset: int = Offset):
    rows = ranked_sources(site_of(request), party or None)[offset:offset + limit + 1]
    return _page(request, rows, limit, offset)


@router.get("/sources/{source_id}", summary="One canonical source")
def api_source(request: Request, source_id: int):
    src = site_of(request).ledger.source(source_id) if 0 < source_id < 2**62 else None
    if src is None:
        raise HTTPException(404, f"no source {source_id}")
    return src


@router.get("/comments", summary="Published comments on an event, claim or document (never e-mails)")
def api_comments(request: Request, target_kind: Literal["event", "claim", "document"],
                 target_id: str = Query(..., max_length=100), limit: int = Limit, offset: int = Offset):
    led = site_of(request).ledger
    targets = [target_id]
    if target_kind == "event":               # an event's comments include those of events merged into it
        ev = led.event(target_id)
        targets = comment_targets(request, "event", ev["id"]) if ev else targets
    rows = led.comments(target_kind, targets, limit=limit + 1, offset=offset)
    return _page(request, [_public_comment(c) for c in rows], limit, offset)


def _public_comment(c: dict) -> dict:
    return {k: c[k] for k in ("id", "target_kind", "target_id", "author_name", "website", "body", "created_at")}


EventType = Literal["casualties", "attack", "territorial_control", "deployment", "denial"]
EventStatus = Literal["single-source", "corroborated", "disputed", "confirmed"]


@router.get("/events", summary="Events matching every filter given (as `claimledger events`), earliest first")
def api_events(request: Request,
               party: Optional[str] = Query(None, max_length=100, description="a claimant's party (UA, RU, press, unknown)"),
               type: Optional[EventType] = Query(None, description="event type"),
               place: Optional[str] = Query(None, max_length=500, description="place name, region or country code"),
               since: Optional[str] = Query(None, max_length=32, description="ISO date"),
               until: Optional[str] = Query(None, max_length=32, description="ISO date"),
               status: Optional[EventStatus] = Query(None, description="corroboration status"),
               limit: int = Limit, offset: int = Offset):
    from ..reconcile import list_events
    for name, value in (("since", since), ("until", until)):
        if value and date_range(value) is None:
            raise UsageError(f"{name}={value!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
    rows = list_events(site_of(request).ledger, party=party, type=type, place=place, since=since, until=until,
                       status=status, limit=limit + 1, offset=offset)
    return _page(request, rows, limit, offset)


@router.get("/events/{event_id}", summary="One event: claims by party, figures, status and its reasons, "
                                          "estimates, timeline, derivative reports")
def api_event(request: Request, event_id: str):
    from ..reconcile import event_detail
    ev = event_detail(site_of(request).ledger, event_id)
    if ev is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return _strip_paths(ev)


def _strip_paths(value: Any) -> Any:
    """Server file paths out of nested event data (``path``, ``document_path``)."""
    if isinstance(value, dict):
        return {k: _strip_paths(v) for k, v in value.items() if k not in ("path", "document_path")}
    if isinstance(value, list):
        return [_strip_paths(v) for v in value]
    return value
