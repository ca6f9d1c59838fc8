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


__all__ = ["TEXT", "build_ledger", "csrf_of", "comment_form", "login"]
