""""Leave a Reply": moderation, anti-spam, CSRF, escaping, injection, and e-mails never shown."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from claimledger.ledger import open_ledger
from claimledger.serve import create_app
from claimledger.serve.comments import RATE_LIMITS

from serve_helpers import build_ledger, comment_form, csrf_of, login

EMAIL = "reader.one@example.org"


@pytest.fixture
def site(tmp_path):
    path = tmp_path / "site.db"
    data = build_ledger(path)
    with TestClient(create_app(str(path))) as c:
        yield c, path, data


def claim_url(data, i=0):
    return f"/claims/{data['claims'][i]['id']}"


def post(client, page_url, **fields):
    token = csrf_of(client.get(page_url).text)
    return client.post(page_url + "/comments", data=comment_form(token, **fields), follow_redirects=False)


def stored(path, status=None):
    with open_ledger(path) as led:
        return led.comments(status=status)


# -- moderation ---------------------------------------------------------------------------------

def test_first_comment_waits_then_admin_approves_and_later_ones_appear_at_once(site):
    client, path, data = site
    url = claim_url(data)
    r = post(client, url, comment="Ryder gave no figure at all.")
    assert r.status_code == 303 and "posted=pending" in r.headers["location"]
    page = client.get(r.headers["location"]).text
    assert "awaiting moderation" in page and "Ryder gave no figure at all." not in page
    [pending] = stored(path, "pending")
    assert pending["target_kind"] == "claim" and pending["target_id"] == data["claims"][0]["id"]

    admin = TestClient(client.app)
    login(admin, path)
    queue = admin.get("/admin").text
    assert "Ryder gave no figure at all." in queue and "first from this address" in queue
    r = admin.post(f"/admin/comments/{pending['id']}", data={"csrf_token": csrf_of(queue), "action": "approve"},
                   follow_redirects=False)
    assert r.status_code == 303
    assert "Ryder gave no figure at all." in client.get(url).text

    # the same address (any case, any page) is trusted from now on
    r = post(client, f"/documents/{data['doc'].id}", comment="Second thought.", email="  Reader.ONE@example.org ")
    assert r.status_code == 303, r.text[-3000:]
    assert "posted=approved" in r.headers["location"]
    assert "Second thought." in client.get(f"/documents/{data['doc'].id}").text
    # another address still waits
    other = TestClient(client.app, client=("192.0.2.7", 40000))
    r = post(other, url, comment="New voice.", email="someone.else@example.net", author="Other")
    assert "posted=pending" in r.headers["location"] and "New voice." not in client.get(url).text


def test_admin_rejects_and_deletes(site):
    client, path, data = site
    url = claim_url(data, 1)
    post(client, url, comment="Spam spam.")
    post(client, url, comment="Delete me.", email="x@example.org", author="X")
    admin = TestClient(client.app)
    login(admin, path)
    token = csrf_of(admin.get("/admin").text)
    spam, gone = sorted(stored(path, "pending"), key=lambda c: c["id"])
    admin.post(f"/admin/comments/{spam['id']}", data={"csrf_token": token, "action": "reject"})
    admin.post(f"/admin/comments/{gone['id']}", data={"csrf_token": token, "action": "delete"})
    assert [c["status"] for c in stored(path)] == ["rejected"]
    assert "Spam spam." not in client.get(url).text
    assert "Spam spam." in admin.get("/admin?status=rejected").text
    # rejecting does not trust the address
    r = post(client, url, comment="Again.")
    assert "posted=pending" in r.headers["location"]


def test_moderation_needs_a_logged_in_admin_and_a_token(site):
    client, path, data = site
    post(client, claim_url(data), comment="Hold me.")
    [c] = stored(path, "pending")
    token = csrf_of(client.get("/admin/login").text)
    assert client.get("/admin", follow_redirects=False).headers["location"] == "/admin/login"
    r = client.post(f"/admin/comments/{c['id']}", data={"csrf_token": token, "action": "approve"})
    assert r.status_code == 401
    admin = TestClient(client.app)
    login(admin, path)
    r = admin.post(f"/admin/comments/{c['id']}", data={"action": "approve"})
    assert r.status_code == 403
    r = admin.post(f"/admin/comments/{c['id']}", data={"csrf_token": "forged", "action": "approve"})
    assert r.status_code == 403
    assert stored(path, "pending")                                    # still waiting
    bad = TestClient(client.app)
    page = bad.get("/admin/login").text
    r = bad.post("/admin/login", data={"csrf_token": csrf_of(page), "password": "wrong password"})
    assert r.status_code == 401 and "Wrong password" in r.text
    assert bad.get("/admin", follow_redirects=False).status_code == 303
    bad.cookies.set("cl_admin", "99999999999.deadbeef")
    assert bad.get("/admin", follow_redirects=False).status_code == 303


# -- the form -------------------------------------------------------------------------------------

@pytest.mark.parametrize("missing, message", [("comment", "Please type your comment."),
                                              ("author", "Please give your name."),
                                              ("email", "Please give your email address")])
def test_missing_required_field_says_so_and_keeps_what_was_typed(site, missing, message):
    client, path, data = site
    fields = {"comment": "My <b>typed</b> text", "url": "https://example.org/me", missing: "  "}
    r = post(client, claim_url(data), **fields)
    assert r.status_code == 400, r.status_code
    assert message in r.text and 'aria-invalid="true"' in r.text
    if missing != "comment":
        assert "My &lt;b&gt;typed&lt;/b&gt; text</textarea>" in r.text
    if missing != "author":
        assert 'value="Reader One"' in r.text
    assert 'value="https://example.org/me"' in r.text
    assert not stored(path)


def test_bad_email_and_website_are_refused(site):
    client, path, data = site
    r = post(client, claim_url(data), email="not-an-address")
    assert r.status_code == 400 and "valid email" in r.text
    r = post(client, claim_url(data), url="javascript:alert(1)")
    assert r.status_code == 400 and "http://" in r.text
    assert 'href="javascript:' not in r.text
    assert not stored(path)


def test_honeypot_stores_nothing(site):
    client, path, data = site
    r = post(client, claim_url(data), fax="http://spam.example")
    assert r.status_code == 303 and not stored(path)


def test_too_many_links_are_refused(site):
    client, path, data = site
    body = "see http://a.example/1 and https://b.example/2 and www.c.example"
    r = post(client, claim_url(data), comment=body)
    assert r.status_code == 400 and "3 links" in r.text and not stored(path)
    r = post(client, claim_url(data), comment="one link is fine: https://a.example/x")
    assert r.status_code == 303


def test_rate_limit_per_address(site):
    client, path, data = site
    _, most = RATE_LIMITS[0]
    for i in range(most):
        assert post(client, claim_url(data), comment=f"c{i}", email=f"u{i}@example.org").status_code == 303
    r = post(client, claim_url(data), comment="one too many", email="fresh@example.org")
    assert r.status_code == 429 and "wait" in r.text and "one too many" in r.text
    assert len(stored(path)) == most


def test_comment_on_missing_target_is_404(site):
    client, path, data = site
    token = csrf_of(client.get("/admin/login").text)
    r = client.post("/claims/c_nope/comments", data=comment_form(token))
    assert r.status_code == 404 and not stored(path)


# -- CSRF -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("token", [None, "", "forged", "0" * 64])
def test_missing_or_forged_csrf_token_stores_nothing(site, token):
    client, path, data = site
    url = claim_url(data)
    client.get(url)
    form = comment_form(token or "")
    if token is None:
        form.pop("csrf_token")
    r = client.post(url + "/comments", data=form, follow_redirects=False)
    assert r.status_code == 403 and "did not come from this site" in r.text
    assert "A fair point about the figures." in r.text            # what was typed is kept
    assert not stored(path)


def test_token_of_another_browser_is_refused(site):
    client, path, data = site
    url = claim_url(data)
    other = TestClient(client.app)
    token = csrf_of(other.get(url).text)                             # valid, but for another session
    client.get(url)
    r = client.post(url + "/comments", data=comment_form(token), follow_redirects=False)
    assert r.status_code == 403 and not stored(path)
    fresh = TestClient(client.app)                                   # no session cookie at all
    r = fresh.post(url + "/comments", data=comment_form(token), follow_redirects=False)
    assert r.status_code == 403 and not stored(path)


# -- escaping -------------------------------------------------------------------------------------

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "'><iframe src=javascript:alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "</textarea><script>alert(1)</script>",
    "<body onload=alert(1)>",
    "{{7*7}}{% raw %}{% endraw %}",
    "<style>*{display:none}</style>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "javascript:/*--></title></style></textarea></script><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
]


@pytest.mark.parametrize("payload", XSS)
def test_xss_payloads_are_shown_as_text_everywhere(site, payload):
    client, path, data = site
    url = claim_url(data)
    # first as a refused form (re-shown), then stored and approved
    markup = any(ch in payload for ch in "<>\"'")
    r = post(client, url, comment=payload, author=payload, email="bad")
    assert r.status_code == 400 and (payload not in r.text or not markup)
    post(client, url, comment=payload, author=payload[:100])
    admin = TestClient(client.app)
    login(admin, path)
    queue = admin.get("/admin")
    assert (payload not in queue.text or not markup) and "<script>alert" not in queue.text
    for c in stored(path, "pending"):
        admin.post(f"/admin/comments/{c['id']}", data={"csrf_token": csrf_of(queue.text), "action": "approve"})
    page = client.get(url).text
    assert (payload not in page or not markup) and "<script>alert" not in page and "<img src=x" not in page
    if payload.startswith("{{"):
        assert '<div class="comment-body">{{7*7}}{% raw %}{% endraw %}</div>' in page   # not evaluated
    api = client.get("/api/comments", params={"target_kind": "claim", "target_id": data["claims"][0]["id"]})
    assert api.json()["items"][0]["body"] == payload                   # JSON keeps the text as it was
    for q in ("/search?q=", "/search?source=", "/search?place=", "/search?since=", "/parties/"):
        r = client.get(q + payload)
        assert (payload not in r.text or not markup) and "<script>alert" not in r.text


def test_document_text_and_titles_are_escaped(site):
    client, path, data = site
    page = client.get(f"/documents/{data['other'].id}").text
    assert "<script>alert('doc')</script>" not in page
    assert "&lt;script&gt;alert(&#39;doc&#39;)&lt;/script&gt;" in page
    assert "Red &lt;b&gt;Sea&lt;/b&gt;" in page


# SQL-injection strings in every parameter of every route: test_serve_crawl.py.


# -- e-mails are never shown ----------------------------------------------------------------------

def test_no_response_ever_contains_a_stored_email(site):
    client, path, data = site
    secret_emails = ["Hidden.Person@example.org", "second-reader@example.net"]
    url = claim_url(data)
    post(client, url, comment="first", email=secret_emails[0])
    admin = TestClient(client.app)
    login(admin, path)
    queue = admin.get("/admin").text
    [c] = stored(path, "pending")
    admin.post(f"/admin/comments/{c['id']}", data={"csrf_token": csrf_of(queue), "action": "approve"})
    post(client, url, comment="second", email=secret_emails[0].upper())
    post(client, f"/documents/{data['doc'].id}", comment="third", email=secret_emails[1])
    bodies = []
    for who in (client, admin):
        for u in ["/", url, f"/documents/{data['doc'].id}", "/search?q=Kursk", "/sources", "/admin",
                  "/admin?status=all", "/admin?status=approved", "/openapi.json", "/api/claims",
                  f"/api/claims/{data['claims'][0]['id']}", f"/api/documents/{data['doc'].id}",
                  "/api/documents", "/api/sources",
                  f"/api/comments?target_kind=claim&target_id={data['claims'][0]['id']}",
                  f"/api/comments?target_kind=document&target_id={data['doc'].id}"]:
            r = who.get(u)
            assert r.status_code == 200, u
            bodies.append(r.text)
    everything = "\n".join(bodies).casefold()
    assert "first" in everything and "second" in everything
    for e in secret_emails:
        assert e.casefold() not in everything
        assert json.dumps(e).casefold() not in everything
    with open_ledger(path) as led:         # and no ledger method hands it out
        for row in led.comments(status=None):
            assert not any(isinstance(v, str) and "@" in v for v in row.values())


def test_rate_limit_per_email_across_addresses(site):
    client, path, data = site
    _, most = RATE_LIMITS[0]
    for i in range(most):
        other = TestClient(client.app, client=(f"198.51.100.{i + 1}", 40000))
        assert post(other, claim_url(data), comment=f"c{i}", email="same@example.org").status_code == 303
    fresh = TestClient(client.app, client=("198.51.100.200", 40000))
    r = post(fresh, claim_url(data), comment="again", email="SAME@example.org")
    assert r.status_code == 429 and len(stored(path)) == most


def test_comments_survive_reextraction(site):
    client, path, data = site
    claim_id = data["claims"][0]["id"]
    post(client, claim_url(data), comment="Still here after re-extraction?")
    with open_ledger(path) as led:
        [c] = led.comments(status="pending")
        led.moderate_comment(c["id"], "approve")
        from test_ledger import claims_for
        led.add_claims(data["doc"].id, claims_for(data["doc"]), "2.0")      # a newer pipeline, same claims
        assert led.claim(claim_id)["pipeline_version"] == "2.0"
    assert "Still here after re-extraction?" in client.get(claim_url(data)).text
