"""Server-rendered pages: they work without JavaScript, every form carries a CSRF token."""
from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..errors import ClaimLedgerError
from .comments import HONEYPOT, NOTICE, CommentForm, rate_limited
from . import charts
from .filters import CLAIM_TYPES, EVENT_TYPES, KINDS, ClaimFilters, EventFilters, page_number
from .security import ADMIN_COOKIE, ADMIN_SESSION_SECONDS, SESSION_COOKIE, verify_password
from .site import Site
from .views import claim_text, document_text, document_tree, fold_copies, number_claims

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

PAGE_SIZE = 50
SEARCH_PAGE = 20          # search results a page (each is a full claim card)


def site_of(request: Request) -> Site:
    return request.app.state.site


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a page; gives the browser a session (for form tokens) if it has none."""
    site = site_of(request)
    session = request.cookies.get(SESSION_COOKIE)
    fresh = not session or len(session) > 100
    if fresh:
        session = site.signer.new_session()
    context.update(request=request, csrf_token=site.signer.csrf_token(session), notice=NOTICE,
                   honeypot=HONEYPOT, admin=is_admin(request), claim_types=CLAIM_TYPES)
    response = HTMLResponse(site.render(template, **context), status_code=status)
    if fresh:
        response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="lax", path="/",
                            secure=request.url.scheme == "https")
    return response


def is_admin(request: Request) -> bool:
    cookie = request.cookies.get(ADMIN_COOKIE)
    if not cookie:                   # most requests: no ledger read
        return False
    site = site_of(request)
    return site.signer.admin_ok(cookie, site.admin_password_hash())


async def checked_form(request: Request) -> tuple[dict[str, str], bool]:
    """The posted form and whether its CSRF token matches this browser's session."""
    form = await request.form()
    data = {k: v for k, v in form.items() if isinstance(v, str)}
    ok = site_of(request).signer.csrf_ok(request.cookies.get(SESSION_COOKIE), data.get("csrf_token"))
    return data, ok


def not_found(what: str, ident: str) -> HTTPException:
    return HTTPException(404, f"There is no {what} {ident!r} in this ledger.")


# -- home, search, sources ----------------------------------------------------------------------

@router.get("/")
def home(request: Request):
    site = site_of(request)
    return page(request, "home.html", documents=site.derived("latest documents", lambda led: led.documents(
                    newest_first=True, limit=20)),
                sources=ranked_sources(site)[:20], events=site.derived("latest events", _latest_events))


def ranked_sources(site: Site, party: Optional[str] = None) -> list[dict]:
    """Every canonical source with its claim count, most claims first (kept until the ledger
    changes), or those of one party."""
    rows = site.derived("sources", lambda led: led.sources())
    return [r for r in rows if r["party"] == party] if party else rows


def _latest_events(led, most: int = 12) -> list[dict]:
    """Events of the most recently ingested reports, newest first."""
    from ..reconcile import event_summary
    out: dict[str, dict] = {}
    for doc in led.documents(newest_first=True, limit=most):
        ids = [c["id"] for c in led.claims(document_id=doc["id"])]
        for eid in dict.fromkeys(led.claim_events(ids).values()):
            if eid not in out and len(out) < most:
                ev = led.event(eid)
                if ev is not None and ev["id"] not in out:
                    out[ev["id"]] = event_summary(ev)
        if len(out) >= most:
            break
    return list(out.values())


@router.get("/search")
def search(request: Request):
    filters = ClaimFilters.from_query(request.query_params)
    pg = page_number(request.query_params.get("page"))
    claims, more = [], False
    if filters.any():
        rows = site_of(request).ledger.claims(**filters.ledger_args(), limit=SEARCH_PAGE + 1,
                                              offset=(pg - 1) * SEARCH_PAGE, newest_first=True)
        claims, more = rows[:SEARCH_PAGE], len(rows) > SEARCH_PAGE
    return page(request, "search.html", filters=filters, claims=claims, page_no=pg, more=more,
                searched=filters.any(), page_size=SEARCH_PAGE, attribution_kinds=KINDS)


@router.get("/sources")
def sources(request: Request):
    pg = page_number(request.query_params.get("page"))
    rows = ranked_sources(site_of(request))[(pg - 1) * PAGE_SIZE:pg * PAGE_SIZE + 1]
    return page(request, "sources.html", sources=rows[:PAGE_SIZE], page_no=pg, more=len(rows) > PAGE_SIZE)


@router.get("/sources/{source_id}")
def source(request: Request, source_id: str):
    led = site_of(request).ledger
    src = led.source(int(source_id)) if source_id.isdigit() and len(source_id) < 12 else None
    if src is None:
        raise not_found("source", source_id)
    pg = page_number(request.query_params.get("page"))
    rows = led.claims(source_id=src["id"], limit=PAGE_SIZE + 1, offset=(pg - 1) * PAGE_SIZE, newest_first=True)
    return page(request, "source.html", source=src, claims=rows[:PAGE_SIZE], page_no=pg,
                more=len(rows) > PAGE_SIZE)


@router.get("/parties/{party}")
def party(request: Request, party: str):
    led = site_of(request).ledger
    members = ranked_sources(site_of(request), party)[:200]
    if not members:
        raise not_found("party", party)
    pg = page_number(request.query_params.get("page"))
    rows = led.claims(party=party, limit=PAGE_SIZE + 1, offset=(pg - 1) * PAGE_SIZE, newest_first=True)
    return page(request, "party.html", party=party, members=members, claims=rows[:PAGE_SIZE],
                page_no=pg, more=len(rows) > PAGE_SIZE)


# -- events -------------------------------------------------------------------------------------

@router.get("/events")
def events(request: Request):
    from ..reconcile import STATUSES, list_events
    filters = EventFilters.from_query(request.query_params)
    pg = page_number(request.query_params.get("page"))
    rows = list_events(site_of(request).ledger, **filters.ledger_args(), limit=PAGE_SIZE + 1,
                       offset=(pg - 1) * PAGE_SIZE)
    return page(request, "events.html", events=rows[:PAGE_SIZE], filters=filters, statuses=STATUSES,
                page_no=pg, more=len(rows) > PAGE_SIZE, event_types=EVENT_TYPES)


def _event_page(request: Request, event_id: str, form: Optional[CommentForm] = None, status: int = 200,
                message: Optional[str] = None):
    from ..reconcile import event_detail
    site = site_of(request)
    ev = event_detail(site.ledger, event_id)
    if ev is None:
        raise not_found("event", event_id)
    if ev.get("merged_from") and request.method == "GET":
        return RedirectResponse(f"/events/{ev['id']}", status_code=308)
    parties = ev["claims_by_party"]
    colours = charts.party_colours(parties)
    places = charts.map_places(parties)
    return page(request, "event.html", status, ev=ev,
                groups=[{"party": p, "colour": colours[p], "rows": fold_copies(cs),
                         "estimates": (ev["estimates"].get("parties") or {}).get(p) or {},
                         "info": ev["parties"].get(p) or {}} for p, cs in parties.items()],
                timeline=charts.timeline_svg(parties),
                map=charts.map_svg(places, tiles=site.options.map_tiles, attribution=site.options.map_attribution),
                places=places, documents=document_tree(ev["documents"], ev["derivations"]),
                **_comments_context(request, "event", ev["id"], form, message))


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: str):
    return _event_page(request, event_id)


@router.post("/events/{event_id}/comments")
async def post_event_comment(request: Request, event_id: str):
    return await _post_comment(request, "event", event_id)


# -- claim and document pages (with comments) ---------------------------------------------------

def _claim_page(request: Request, claim_id: str, form: Optional[CommentForm] = None, status: int = 200,
                message: Optional[str] = None):
    site = site_of(request)
    led = site.ledger
    claim = led.claim(claim_id)
    if claim is None:
        raise not_found("claim", claim_id)
    doc = led.document(claim["document_id"])
    text = claim_text(doc, claim, excerpts=site.options.excerpts, context=site.options.excerpt_context)
    others = [c for c in led.claims(document_id=doc["id"]) if c["id"] != claim_id]
    src_id = claim.get("source_id")
    return page(request, "claim.html", status, claim=claim, doc=doc, text=text, others=others,
                event_id=led.claim_events([claim_id]).get(claim_id),
                source_row=led.source(src_id) if src_id else None,
                **_comments_context(request, "claim", claim_id, form, message))


def _document_page(request: Request, document_id: str, form: Optional[CommentForm] = None,
                   status: int = 200, message: Optional[str] = None):
    site = site_of(request)
    led = site.ledger
    doc = led.document(document_id)
    if doc is None:
        raise not_found("document", document_id)
    claims = number_claims(led.claims(document_id=document_id))
    text = document_text(doc, claims, excerpts=site.options.excerpts, context=site.options.excerpt_context)
    newer = led.document(doc["superseded_by"]) if doc.get("superseded_by") else None
    return page(request, "document.html", status, doc=doc, claims=claims, text=text, newer=newer,
                claim_events=led.claim_events([c["id"] for c in claims]),
                **_comments_context(request, "document", document_id, form, message))


def _comments_context(request: Request, kind: str, target_id: str, form: Optional[CommentForm],
                      message: Optional[str]) -> dict:
    posted = request.query_params.get("posted")
    return {"comments": site_of(request).ledger.comments(kind, comment_targets(request, kind, target_id)),
            "comment_action": f"/{kind}s/{target_id}/comments",
            "form": form or CommentForm(), "form_message": message,
            "posted": posted if posted in ("pending", "approved") else None}


def comment_targets(request: Request, kind: str, target_id: str) -> list[str]:
    """The ids whose comments a page shows: an event's own and those of the events a later
    reconcile merged into it (comments hang on the id they were posted under)."""
    if kind != "event":
        return [target_id]
    return [target_id] + site_of(request).ledger.merged_event_ids(target_id)


@router.get("/claims/{claim_id}")
def claim_page(request: Request, claim_id: str):
    return _claim_page(request, claim_id)


@router.get("/documents/{document_id}")
def document_page(request: Request, document_id: str):
    return _document_page(request, document_id)


PAGES = {"claim": _claim_page, "document": _document_page, "event": _event_page}


async def _post_comment(request: Request, kind: str, target_id: str):
    """Check token, honeypot, fields, links and rate limits; store; redirect to the page (or
    show it again with the message and what was typed)."""
    site = site_of(request)
    render = PAGES[kind]
    data, token_ok = await checked_form(request)
    form = CommentForm.from_form(data)
    exists = {"claim": site.ledger.claim, "document": site.ledger.document, "event": site.ledger.event}[kind]
    found = exists(target_id)
    if found is None:
        raise not_found(kind, target_id)
    if kind == "event":                  # an event merged into another: comment on the one it became
        target_id = found["id"]
    if not token_ok:
        return render(request, target_id, form, 403,
                      "Your comment was not posted: the form had expired or did not come from this "
                      "site. Please send it again.")
    if form.is_bot:   # looks like success to the bot; nothing is stored
        return RedirectResponse(f"/{kind}s/{target_id}?posted=pending#respond", status_code=303)
    if not form.validate(site.options.comment_max_links):
        return render(request, target_id, form, 400, "Your comment was not posted yet: please see below.")
    client = site.signer.client_key(request.client.host if request.client else None)
    limited = rate_limited(site.ledger, client, form.email.strip())
    if limited:
        return render(request, target_id, form, 429, limited)
    stored = site.ledger.add_comment(kind, target_id, client_key=client, **form.cleaned())
    where = f"comment-{stored['id']}" if stored["status"] == "approved" else "respond"
    return RedirectResponse(f"/{kind}s/{target_id}?posted={stored['status']}#{where}", status_code=303)


@router.post("/claims/{claim_id}/comments")
async def post_claim_comment(request: Request, claim_id: str):
    return await _post_comment(request, "claim", claim_id)


@router.post("/documents/{document_id}/comments")
async def post_document_comment(request: Request, document_id: str):
    return await _post_comment(request, "document", document_id)


# -- admin --------------------------------------------------------------------------------------

@router.get("/admin/login")
def admin_login_form(request: Request):
    return page(request, "admin_login.html", error=None, configured=bool(site_of(request).admin_password_hash()))


@router.post("/admin/login")
async def admin_login(request: Request):
    site = site_of(request)
    data, token_ok = await checked_form(request)
    stored = site.admin_password_hash()
    if not token_ok:
        return page(request, "admin_login.html", 403, error="The form had expired; please log in again.",
                    configured=bool(stored))
    if not verify_password(stored, data.get("password", "")):
        return page(request, "admin_login.html", 401, error="Wrong password." if stored else
                    "No admin password is set: run `claimledger admin set-password` first.",
                    configured=bool(stored))
    response = RedirectResponse("/admin", status_code=303)
    response.set_cookie(ADMIN_COOKIE, site.signer.admin_cookie(stored), httponly=True, samesite="strict",
                        path="/", max_age=ADMIN_SESSION_SECONDS, secure=request.url.scheme == "https")
    return response


@router.post("/admin/logout")
async def admin_logout(request: Request):
    _, token_ok = await checked_form(request)
    if not token_ok:
        raise HTTPException(403, "The form had expired; reload the page and try again.")
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(ADMIN_COOKIE, path="/")
    return response


@router.get("/admin")
def admin(request: Request):
    if not is_admin(request):
        return RedirectResponse("/admin/login", status_code=303)
    led = site_of(request).ledger
    status = request.query_params.get("status") or "pending"
    if status not in ("pending", "approved", "rejected", "all"):
        status = "pending"
    rows = led.comments(status=None if status == "all" else status, limit=500)
    return page(request, "admin.html", comments=rows, tab=status, counts=led.comment_counts())


@router.post("/admin/comments/{comment_id}")
async def moderate(request: Request, comment_id: str):
    if not is_admin(request):
        raise HTTPException(401, "Log in as admin first.")
    data, token_ok = await checked_form(request)
    if not token_ok:
        raise HTTPException(403, "The form had expired; reload the page and try again.")
    action = data.get("action")
    if action not in ("approve", "reject", "delete") or not comment_id.isdigit() or len(comment_id) > 12:
        raise HTTPException(400, "Unknown moderation action or comment.")
    try:
        found = site_of(request).ledger.moderate_comment(int(comment_id), action)
    except ClaimLedgerError as exc:
        raise HTTPException(400, exc.message)
    if not found:
        raise not_found("comment", comment_id)
    back = data.get("status") if data.get("status") in ("pending", "approved", "rejected", "all") else "pending"
    return RedirectResponse(f"/admin?status={back}", status_code=303)


def robots(_: Request) -> Response:
    return Response("User-agent: *\nDisallow: /admin\n", media_type="text/plain")
