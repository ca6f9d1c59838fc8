"""Every route of the site, found by crawling it and by reading the app's own route table: no
response (page, API, error) and no export ever shows a stored e-mail; every form carries a valid
CSRF token and every POST route refuses a missing or forged one; every page has accessible markup;
SQL-injection strings in every parameter of every route change nothing and leak nothing.

The route tables below are checked against ``app.routes``: a new route fails these tests until it
is covered."""
from __future__ import annotations

import re
from dataclasses import fields
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest
from fastapi.testclient import TestClient

from claimledger.ledger import open_ledger
from claimledger.serve import create_app
from claimledger.serve.filters import ClaimFilters, EventFilters

from serve_helpers import build_events_ledger, comment_form, csrf_of, login

SECRET_EMAILS = ["Hidden.Person@example.org", "second-reader@example.net", "pending.only@example.com"]

SQLI = ["' OR '1'='1", "'; DROP TABLE claims; --", "\" OR 1=1 --", "1; SELECT * FROM comments",
        "x' UNION SELECT email, email, email FROM comments --", "%' AND 1=0 UNION SELECT sqlite_version() --",
        "Kursk\") OR (\"a\"=\"a", "NEAR(a b)", "* OR *", "claims_fts MATCH 'a'", "1 OR 1=1", "-1",
        "e_x' OR merged_into IS NOT NULL --", "\\'; SELECT 1; --"]


# -- the site under test ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A reconciled ledger with approved and pending comments (from secret e-mails) on an event,
    a claim and a document, one client per kind of visitor, and the ids to fill routes with."""
    path = tmp_path_factory.mktemp("crawl") / "site.db"
    names, eid = build_events_ledger(path)
    with open_ledger(path) as led:
        claim = led.claims(limit=1)[0]
        doc_id = claim["document_id"]
        source = next(s for s in led.sources() if s["party"])
    app = create_app(str(path))
    with TestClient(app) as reader, TestClient(app) as admin:
        login(admin, path)
        for i, (kind, target, email) in enumerate((("event", eid, SECRET_EMAILS[0]),
                                                   ("claim", claim["id"], SECRET_EMAILS[1]),
                                                   ("document", doc_id, SECRET_EMAILS[2]))):
            url = f"/{kind}s/{target}"
            poster = TestClient(app, client=(f"192.0.2.{i + 1}", 40000))
            token = csrf_of(poster.get(url).text)
            r = poster.post(url + "/comments", data=comment_form(token, email=email, comment=f"note-on-the-{kind}"),
                            follow_redirects=False)
            assert r.status_code == 303, r.text[-2000:]
        with open_ledger(path) as led:           # the first two approved: their authors are trusted now
            for c in led.comments(status="pending")[:2]:
                led.moderate_comment(c["id"], "approve")
        ids = {"event_id": eid, "claim_id": claim["id"], "document_id": doc_id, "source_id": str(source["id"]),
               "party": source["party"], "comment_id": "1"}
        yield {"app": app, "path": path, "reader": reader, "admin": admin, "ids": ids}


# -- crawling ---------------------------------------------------------------------------------------

class _Page(HTMLParser):
    """Links, forms (with their fields) and the markup facts the accessibility check needs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms, self.tags = [], [], []
        self.labels_for, self.ids, self.text_in = set(), [], {}
        self._form = None
        self._open: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "label" and a.get("for"):
            self.labels_for.add(a["for"])
        if tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(), "action": a.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        if self._form is not None and tag in ("input", "textarea", "select", "button") and a.get("name"):
            self._form["fields"].setdefault(a["name"], a.get("value") or "")
        if tag not in ("input", "img", "br", "meta", "link", "hr", "path", "circle", "line", "rect", "image",
                       "source", "polyline", "use", "ellipse"):
            self._open.append((tag, a))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self._open and self._open[-1][0] == tag:
            self._open.pop()

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        for tag, a in self._open:
            if tag == "a":
                key = id(a)
                self.text_in[key] = self.text_in.get(key, "") + data


def parse(html: str) -> _Page:
    p = _Page()
    p.feed(html)
    return p


def crawl(client, starts, most: int = 600) -> dict[str, "object"]:
    """url -> response for every same-site page reachable from ``starts`` by links and GET forms."""
    seen, queue, out = set(), list(starts), {}
    while queue and len(out) < most:
        url = queue.pop(0)
        if url in seen or url.startswith("/static/"):
            continue
        seen.add(url)
        r = client.get(url, follow_redirects=True)
        out[url] = r
        if "text/html" not in r.headers.get("content-type", ""):
            continue
        page = parse(r.text)
        found = list(page.links)
        found += [f["action"] for f in page.forms if f["method"] == "get"]
        for link in found:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                queue.append(target)
    return out


def _routes(routes):
    """Routes, with included routers opened (FastAPI >= 0.16x keeps them as included routers)."""
    for r in routes:
        if hasattr(r, "effective_candidates"):
            yield from _routes(list(r.effective_candidates()) + list(r.effective_low_priority_routes()))
        else:
            yield r


def route_table(app):
    """(method, path template, regex) of every route the app serves, static files aside."""
    out = set()
    for r in _routes(app.routes):
        methods = getattr(r, "methods", None)
        if not methods or r.path.startswith("/static"):
            continue
        for m in sorted(set(methods) - {"HEAD"}):
            out.add((m, r.path, r.path_regex))
    assert len(out) > 20, "the route table could not be read"
    return sorted(out, key=lambda x: (x[0], x[1]))


def fill(template: str, ids: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: quote(ids[m.group(1)], safe=""), template)


def everything_served(world) -> dict[str, str]:
    """url -> body: the crawl of the site as a reader and as the admin, every API route with real
    ids, the comments of every target, and error pages."""
    ids, bodies = world["ids"], {}
    api_starts = [fill(p, ids) for m, p, _ in route_table(world["app"]) if m == "GET" and p.startswith("/api/")]
    api_starts += [f"/api/comments?target_kind={k}&target_id={ids[k + '_id']}" for k in ("event", "claim", "document")]
    api_starts += ["/openapi.json", "/robots.txt", "/api/claims?limit=500", "/api/nowhere", "/claims/c_nope"]
    starts = ["/"] + [fill(p, ids) for m, p, _ in route_table(world["app"]) if m == "GET"] + api_starts
    for who in ("reader", "admin"):
        for url, r in crawl(world[who], starts).items():
            bodies[f"{who} {url}"] = r.text
    return bodies


# -- e-mails ------------------------------------------------------------------------------------------

def test_no_page_api_response_or_export_ever_contains_a_stored_email(world):
    bodies = everything_served(world)
    served = {k.split(" ", 1)[1].split("?")[0] for k in bodies}
    for method, template, regex in route_table(world["app"]):   # every GET route was reached
        if method == "GET":
            assert any(regex.match(u) for u in served), f"the crawl never reached {template}"
    from claimledger.export import FORMATS, WHAT, export
    with open_ledger(world["path"]) as led:
        for what in WHAT:
            for fmt in FORMATS:
                bodies[f"export {what} {fmt}"] = export(led, what, fmt)
    everything = "\n".join(bodies.values()).casefold()
    public = "\n".join(v for k, v in bodies.items() if not k.startswith("admin ")).casefold()
    assert "note-on-the-event" in public and "note-on-the-claim" in public      # the approved ones are shown
    assert "note-on-the-document" not in public and "note-on-the-document" in everything   # pending: admin only
    for e in SECRET_EMAILS:
        assert e.casefold() not in everything, e
        assert e.casefold().replace("@", "%40") not in everything, e
        assert e.split("@")[0].casefold() not in everything, e


# -- CSRF ---------------------------------------------------------------------------------------------

def _post_routes(world) -> dict[str, tuple[str, dict]]:
    """POST route template -> (a real URL of it, the fields of the form that posts there)."""
    ids = world["ids"]
    forms = {}
    for who in ("reader", "admin"):
        pages = crawl(world[who], ["/", f"/events/{ids['event_id']}", f"/claims/{ids['claim_id']}",
                                   f"/documents/{ids['document_id']}", "/admin", "/admin/login"], most=60)
        for url, r in pages.items():
            if "text/html" not in r.headers.get("content-type", ""):
                continue
            for f in parse(r.text).forms:
                if f["method"] == "post":
                    forms.setdefault(f["action"].split("#")[0], f["fields"])
    out = {}
    for method, template, regex in route_table(world["app"]):
        if method != "POST":
            continue
        action = next((a for a in forms if regex.match(a)), None)
        assert action, f"no page has a form posting to {template}"
        out[template] = (action, forms[action])
    return out


def test_every_form_carries_a_valid_csrf_token(world):
    app = world["app"]
    signer = app.state.site.signer
    for who in ("reader", "admin"):
        client = world[who]
        session = client.cookies.get("cl_session")
        for url, r in crawl(client, ["/", "/admin", "/admin/login"], most=200).items():
            if "text/html" not in r.headers.get("content-type", ""):
                continue
            for f in parse(r.text).forms:
                if f["method"] == "post":
                    assert signer.csrf_ok(session, f["fields"].get("csrf_token")), (url, f["action"])


@pytest.mark.parametrize("token", [None, "", "forged", "0" * 64])
def test_every_post_route_refuses_a_missing_or_forged_token(world, token):
    routes = _post_routes(world)
    assert {"/claims/{claim_id}/comments", "/documents/{document_id}/comments", "/events/{event_id}/comments",
            "/admin/login", "/admin/logout", "/admin/comments/{comment_id}"} <= set(routes)
    with open_ledger(world["path"]) as led:
        before = (led.comments(status=None), led.site_value("admin_password"))
    for template, (action, form) in routes.items():
        data = dict(form, comment="a comment", author="A", email="a@example.org", password="correct horse battery",
                    action="approve")
        data.pop("csrf_token", None)
        if token is not None:
            data["csrf_token"] = token
        r = world["admin"].post(action, data=data, follow_redirects=False)
        assert r.status_code == 403, (template, r.status_code)
        assert "set-cookie" not in r.headers or "cl_admin" not in r.headers["set-cookie"]
    with open_ledger(world["path"]) as led:
        assert (led.comments(status=None), led.site_value("admin_password")) == before
    assert world["admin"].get("/admin", follow_redirects=False).status_code == 200    # still logged in


# -- accessibility --------------------------------------------------------------------------------------

def accessibility_problems(html: str) -> list[str]:
    page = parse(html)
    problems = []
    if not re.search(r'<html lang="[a-z]{2}', html):
        problems.append("no lang on <html>")
    h1 = [t for t, _ in page.tags if t == "h1"]
    if len(h1) != 1:
        problems.append(f"{len(h1)} <h1> elements")
    if not any(t == "main" for t, _ in page.tags):
        problems.append("no <main>")
    dupes = {i for i in page.ids if page.ids.count(i) > 1}
    if dupes:
        problems.append(f"duplicate ids {sorted(dupes)}")
    for tag, a in page.tags:
        if tag in ("input", "textarea", "select") and a.get("type") not in ("hidden", "submit"):
            labelled = a.get("id") in page.labels_for or a.get("aria-label") or a.get("aria-labelledby")
            if not labelled:
                problems.append(f"<{tag} name={a.get('name')}> has no label")
        if tag == "img" and "alt" not in a:
            problems.append("<img> without alt")
        if tag == "svg" and a.get("aria-hidden") != "true" and not (a.get("role") == "img" and
                                                                  (a.get("aria-label") or a.get("aria-labelledby"))):
            problems.append(f"<svg class={a.get('class')}> has no role=img with a label")
        if tag == "th" and "scope" not in a:
            problems.append("<th> without scope")
        if tag == "a" and not (page.text_in.get(id(a), "").strip() or a.get("aria-label")):
            problems.append(f"<a href={a.get('href')}> has no text")
        if tag == "button" and a.get("type") not in (None, "submit", "button", "reset"):
            problems.append("<button> with a bad type")
    return problems


def test_the_accessibility_check_finds_what_it_looks_for():
    bad = ('<html><body><h1>a</h1><h1>b</h1><input name="x"><svg></svg><a href="/"></a><img src="/a.png">'
           '<table><tr><th>x</th></tr></table><p id="d"></p><p id="d"></p></body></html>')
    assert accessibility_problems(bad) == [
        "no lang on <html>", "2 <h1> elements", "no <main>", "duplicate ids ['d']", "<input name=x> has no label",
        "<svg class=None> has no role=img with a label", "<a href=/> has no text", "<img> without alt",
        "<th> without scope"]


def test_every_page_has_accessible_markup(world):
    for who in ("reader", "admin"):
        for url, r in crawl(world[who], ["/", "/admin", "/search?q=killed", "/claims/c_nope"], most=300).items():
            if "text/html" in r.headers.get("content-type", ""):
                assert accessibility_problems(r.text) == [], url


def test_pages_work_without_javascript(world):
    """Every link and form works as plain HTML: no javascript: URLs, no inline handlers, forms
    with real actions, and the comment form posts and redirects without any script."""
    for url, r in crawl(world["reader"], ["/"], most=200).items():
        if "text/html" not in r.headers.get("content-type", ""):
            continue
        assert "javascript:" not in r.text and not re.search(r"\son[a-z]+=", r.text), url
        for f in parse(r.text).forms:
            assert f["action"].startswith("/"), (url, f)


# -- SQL injection --------------------------------------------------------------------------------------

def _page_parameters(app) -> dict[str, list[str]]:
    """GET page route -> the query parameters it reads (the API's come from its OpenAPI)."""
    claim_filters = [f.name for f in fields(ClaimFilters)] + ["q", "page"]
    event_filters = [f.name for f in fields(EventFilters)] + ["page"]
    comment_pages = ["posted"]
    return {"/": [], "/search": claim_filters, "/sources": ["page"], "/sources/{source_id}": ["page"],
            "/parties/{party}": ["page"], "/events": event_filters, "/events/{event_id}": comment_pages,
            "/claims/{claim_id}": comment_pages, "/documents/{document_id}": comment_pages,
            "/admin/login": [], "/admin": ["status"], "/robots.txt": [], "/openapi.json": []}


def injection_requests(world) -> list[tuple[str, str, str]]:
    """(route, parameter, URL template with {p}) for every parameter of every GET route."""
    app, ids = world["app"], world["ids"]
    spec = world["reader"].get("/openapi.json").json()
    pages = _page_parameters(app)
    out = []
    for method, template, _ in route_table(app):
        if method != "GET":
            continue
        path_params = re.findall(r"\{(\w+)\}", template)
        if template.startswith("/api/"):
            ops = spec["paths"][template]["get"].get("parameters", [])
            query = [p["name"] for p in ops if p["in"] == "query"]
            required = {p["name"]: "event" if p["name"] == "target_kind" else "x"
                        for p in ops if p["in"] == "query" and p.get("required")}
        else:
            assert template in pages, f"{template}: list the query parameters it reads in _page_parameters"
            query, required = pages[template], {}
        for name in path_params:
            out.append((template, name, fill(template, dict(ids, **{name: "{p}"})).replace("%7Bp%7D", "{p}")))
        base = fill(template, ids)
        for name in query:
            extra = "".join(f"&{k}={v}" for k, v in required.items() if k != name)
            out.append((template, name, f"{base}?{name}={{p}}{extra}"))
    return out


def test_sql_injection_strings_in_every_parameter_of_every_route(world):
    reader, admin, path = world["reader"], world["admin"], world["path"]
    with open_ledger(path) as led:
        before = led.stats()
        claim_ids = {c["id"] for c in led.claims(include_retracted=True, include_superseded=True)}
        comments = led.comments(status=None)
    requests = injection_requests(world)
    covered = {(t, n) for t, n, _ in requests}
    assert ("/api/claims", "search") in covered and ("/search", "place") in covered
    assert ("/events/{event_id}", "event_id") in covered and ("/api/comments", "target_kind") in covered
    for template, name, url in requests:
        for p in SQLI:
            for client in (reader, admin):
                r = client.get(url.replace("{p}", quote(p, safe="")))
                assert r.status_code < 500, (template, name, p, r.status_code)
                assert not any(e.casefold() in r.text.casefold() for e in SECRET_EMAILS), (template, name, p)
                if template == "/api/claims" and r.status_code == 200:
                    assert {c["id"] for c in r.json()["items"]} <= claim_ids
    # and in every field of every form, with a valid token, each post from its own address and
    # e-mail so that rate limits do not stop it before it reaches the ledger
    routes = _post_routes(world)
    with open_ledger(path) as led:                 # a comment of its own for the moderation form
        spare = led.add_comment("claim", world["ids"]["claim_id"], name="Spare", email="spare@example.org", body="x")
    n = 0
    for template, (action, form) in routes.items():
        if template == "/admin/logout":
            continue
        if template == "/admin/comments/{comment_id}":
            action = f"/admin/comments/{spare['id']}"
        for field_name in [f for f in form if f != "csrf_token"]:
            for p in SQLI:
                n += 1
                if template.startswith("/admin/comments"):
                    client = admin
                else:
                    client = TestClient(world["app"], client=(f"203.0.{n // 250}.{n % 250 + 1}", 40000))
                data = dict(form, csrf_token=csrf_of(client.get("/admin/login").text), email=f"u{n}@example.org")
                if template.startswith("/admin/comments"):
                    data["action"] = "reject"
                data[field_name] = p
                r = client.post(action, data=data, follow_redirects=False)
                assert r.status_code < 500, (template, field_name, p, r.status_code)
        for p in SQLI:                                            # and the path parameter
            bad = re.sub(r"\{\w+\}", quote(p, safe=""), template)
            if bad == template:
                continue
            r = admin.post(bad, data={"csrf_token": csrf_of(admin.get("/admin").text), "action": "reject"},
                           follow_redirects=False)
            assert r.status_code in (400, 403, 404, 405), (template, p, r.status_code)
    with open_ledger(path) as led:
        after = led.stats()
        assert {c["id"] for c in led.claims(include_retracted=True, include_superseded=True)} == claim_ids
        assert {k: v for k, v in after.items() if k != "comments"} == {k: v for k, v in before.items() if k != "comments"}
        kept = {c["id"]: c["body"] for c in led.comments(status=None)}
        assert all(kept.get(c["id"]) == c["body"] for c in comments)     # nothing stored was changed
