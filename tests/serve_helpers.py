"""A small file ledger for the site's tests, built from hand-made documents and claims (no spaCy),
and a client that keeps cookies and reads the form token from pages."""
from __future__ import annotations

import re
from pathlib import Path

from claimledger.ledger import Ledger
from claimledger.models import Document

from test_ledger import TEXT, claims_for, make_doc

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SECOND_TEXT = (
    "Houthi spokesman Yahya Saree said the group fired missiles at a tanker in the Red Sea. "
    "<script>alert('doc')</script> The claim could not be independently verified."
)


def build_ledger(path: Path) -> dict:
    """Two documents (the Kursk one with excluded boilerplate) and their claims."""
    with Ledger(path) as led:
        doc = make_doc()
        led.add_document(doc)
        led.add_claims(doc.id, claims_for(doc), "1.0")
        other = Document(text=SECOND_TEXT, url="https://example.org/red-sea", title="Red <b>Sea</b>",
                         published="2024-12-01", language="en", path="/secret/server/path.html")
        led.add_document(other)
        return {"doc": doc, "other": other, "claims": led.claims(document_id=doc.id)}


def csrf_of(html: str) -> str:
    m = CSRF.search(html)
    assert m, "page has no form token"
    return m.group(1)


def comment_form(token: str, **fields) -> dict:
    data = {"csrf_token": token, "comment": "A fair point about the figures.", "author": "Reader One",
            "email": "reader.one@example.org", "url": ""}
    data.update(fields)
    return data


def login(client, ledger_path: Path, password: str = "correct horse battery") -> None:
    from claimledger.ledger import open_ledger
    from claimledger.serve.security import PASSWORD_KEY, hash_password
    with open_ledger(ledger_path) as led:
        led.set_site_value(PASSWORD_KEY, hash_password(password))
    page = client.get("/admin/login")
    r = client.post("/admin/login", data={"csrf_token": csrf_of(page.text), "password": password},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/admin"


POINTS = {"Plekhovo": (51.47, 35.43), "Kursk Oblast": (51.73, 36.19), "Lgov": (51.66, 35.26), "Sumy": (50.91, 34.80)}


def located(claims):
    """The claims with coordinates on their places (the reconcile world has none)."""
    import dataclasses
    for c in claims:
        c.places = [dataclasses.replace(p, lat=POINTS[p.name][0], lon=POINTS[p.name][1]) if p.name in POINTS else p
                    for p in c.places]
    return claims


def build_events_ledger(path: Path) -> tuple[dict, str]:
    """The reconcile tests' world of reports, reconciled: (document id -> short name, the id of the
    North Korean losses event)."""
    from claimledger.reconcile import event_detail, list_events, reconcile
    from reconcile_helpers import world
    with Ledger(path) as led:
        for d, claims in world():
            led.add_document(d)
            led.add_claims(d.id, located(claims), "test")
        reconcile(led)
        names = {d["id"]: d["url"].rsplit("/", 1)[1] for d in led.documents()}
        nk = next(e for e in list_events(led)
                  if any(names[c["document_id"]] == "wire"
                         for cs in event_detail(led, e["id"])["claims_by_party"].values() for c in cs))
    return names, nk["id"]


__all__ = ["TEXT", "build_ledger", "build_events_ledger", "csrf_of", "comment_form", "login"]
