"""The site's pages and JSON API, in process (FastAPI's TestClient), over a hand-built ledger."""
from __future__ import annotations

import html
from html.parser import HTMLParser
import re
import socket
import subprocess
import sys
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from claimledger.cli import main
from claimledger.ledger import open_ledger
from claimledger.serve import SiteOptions, create_app

from serve_helpers import TEXT, build_ledger


@pytest.fixture
def built(tmp_path):
    path = tmp_path / "site.db"
    data = build_ledger(path)
    return path, data


@pytest.fixture
def client(built):
    with TestClient(create_app(str(built[0]))) as c:
        yield c


class _Marks(HTMLParser):
    """Text inside elements carrying ``attr``, per value of it."""

    def __init__(self, attr):
        super().__init__(convert_charrefs=True)
        self.attr, self.stack, self.text = attr, [], {}

    def handle_starttag(self, tag, attrs):
        self.stack.append(dict(attrs).get(self.attr))

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        for value in set(v for v in self.stack if v):
            self.text[value] = self.text.get(value, "") + data


def marked_text(page: str, attr: str) -> dict:
    body = page[page.index('<div class="doc-text"'):]
    body = body[:body.index("</div>") + 6]
    parser = _Marks(attr)
    parser.feed(body)
    return parser.text


def by_content(claims, start):
    return next(c for c in claims if c["content"].startswith(start))


# -- pages --------------------------------------------------------------------------------------

def test_home_lists_documents_and_sources(client, built):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Kursk" in r.text and f'/documents/{built[1]["doc"].id}' in r.text
    assert "Red &lt;b&gt;Sea&lt;/b&gt;" in r.text           # a title is text, never markup
    assert "Pat Ryder" in r.text or "Ryder" in r.text


def test_document_page_marks_every_claim_and_greys_boilerplate(client, built):
    doc, claims = built[1]["doc"], built[1]["claims"]
    r = client.get(f"/documents/{doc.id}")
    assert r.status_code == 200
    for c in claims:
        assert f'data-claim="{c["id"]}"' in r.text
        assert f'href="/claims/{c["id"]}"' in r.text
    marked = marked_text(r.text, "data-claim")
    for c in claims:                                  # the marks cover exactly each claim's content
        assert marked[c["id"]] == c["content"]
    assert re.search(r'<span class="excluded" title="excluded: [^"]+">Subscribe to our newsletter</span>', r.text)
    assert "Example News" in r.text and "2024-11-05" in r.text        # metadata
    assert "4 claims" in r.text


def test_truncated_document_says_so(tmp_path):
    from claimledger.ledger import Ledger
    from claimledger.models import Document
    path = tmp_path / "t.db"
    with Ledger(path) as led:
        doc = Document(text="The army said it had retaken the town and that", truncated=True)
        led.add_document(doc)
    with TestClient(create_app(str(path))) as c:
        r = c.get(f"/documents/{doc.id}")
    assert "the article was cut off" in r.text and "cut off" in r.text


def test_claim_page_highlights_its_sentence_with_source_cue_and_content(client, built):
    claims = built[1]["claims"]
    c = by_content(claims, "30 Ukrainian")
    r = client.get(f"/claims/{c['id']}")
    assert r.status_code == 200
    sentence = re.search(r'<mark class="sentence" id="sentence">(.*?)</mark>', r.text, re.S)
    assert sentence, "the sentence is highlighted with an anchor"
    body = r.text[sentence.start():]
    assert '<span class="source" title="source">' in body and '<span class="content" title="content">' in body
    assert "30 killed (Ukrainian soldiers)" in r.text                  # the figure, normalised
    ryder = client.get(f"/claims/{by_content(claims, 'North Korean')['id']}").text
    sentence = ryder[ryder.index('id="sentence"'):]
    assert '<span class="cue" title="cue">said</span>' in sentence
    assert '<span class="source" title="source">Pentagon press secretary Pat Ryder</span>' in sentence
    # normalised fields
    assert "killed" in r.text and "Sudzha" in r.text and "according_to" in r.text
    assert "Leave a Reply" in r.text
    assert "Your email address will not be published." in r.text and "Required fields are marked" in r.text


def test_missing_things_are_404_pages_and_json_errors(client):
    for url in ("/claims/c_nope", "/documents/d_nope", "/sources/999", "/sources/abc", "/parties/NOPE", "/nowhere"):
        r = client.get(url)
        assert r.status_code == 404 and "text/html" in r.headers["content-type"], url
    for url in ("/api/claims/c_nope", "/api/documents/d_nope", "/api/sources/999", "/api/nowhere"):
        r = client.get(url)
        assert r.status_code == 404 and r.json()["error"]["code"] == "CL501", url
        assert r.json()["error"]["message"]


def test_source_and_party_pages_list_their_claims(client, built):
    led = open_ledger(built[0])
    ryder = next(s for s in led.sources() if s["name"] == "Pat Ryder")
    r = client.get(f"/sources/{ryder['id']}")
    assert r.status_code == 200 and "North Korean troops were deployed to Kursk" in r.text
    assert "Our units hold the line" not in r.text
    party = next(s for s in led.sources() if s["party"])["party"]
    r = client.get(f"/parties/{party}")
    assert r.status_code == 200
    expected = led.claims(party=party)
    assert expected and all(html.escape(c["content"], quote=False) in r.text for c in expected)
    assert client.get("/sources").status_code == 200


# -- search: the CLI's filters ------------------------------------------------------------------

FILTER_CASES = [
    {"q": "Kursk"}, {"source": "ryder"}, {"type": "casualties"}, {"place": "UA"},
    {"since": "2024-11-01"}, {"until": "2024-10-31"}, {"since": "2024-11", "type": "attack"},
    {"q": "killed", "place": "Kursk Oblast"}, {"q": "nothing-like-this"}, {"kind": "assertion"},
    {"kind": "unknown", "type": "casualties"},
]


@pytest.mark.parametrize("params", FILTER_CASES)
def test_search_page_and_api_apply_the_cli_filters(client, built, params):
    led = open_ledger(built[0])
    args = {("search" if k == "q" else k): v for k, v in params.items()}
    expected = [c["id"] for c in led.claims(**args, newest_first=True)]
    page = client.get("/search", params=params)
    assert page.status_code == 200
    shown = re.findall(r'<li class="claim-item" id="li-(c_[0-9a-f]+)"', page.text)
    assert shown == expected
    api = client.get("/api/claims", params={("search" if k == "q" else k): v for k, v in params.items()})
    assert api.status_code == 200
    assert [c["id"] for c in api.json()["items"]] == expected


def test_search_page_reports_a_bad_filter_instead_of_failing(client):
    r = client.get("/search", params={"q": "Kursk", "since": "last week", "type": "bogus"})
    assert r.status_code == 200 and "is not" in r.text
    r = client.get("/search", params={"q": "Kursk", "kind": "bogus"})
    assert r.status_code == 200 and "is not an attribution kind" in r.text


def test_api_pagination_walks_every_claim_once(client, built):
    led = open_ledger(built[0])
    expected = [c["id"] for c in led.claims(newest_first=True)]
    seen, url = [], "/api/claims?limit=1"
    while url:
        body = client.get(url).json()
        assert body["limit"] == 1
        seen += [c["id"] for c in body["items"]]
        url = body["next"]
    assert seen == expected
    body = client.get("/api/claims", params={"limit": 2, "offset": 2}).json()
    assert [c["id"] for c in body["items"]] == expected[2:4]


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "offset=-1", "limit=abc", "type=bogus",
                                   "since=yesterday", "until=2024-13-45", "source_id=x"])
def test_api_bad_parameters_are_json_errors_with_a_code(client, query):
    r = client.get(f"/api/claims?{query}")
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["code"] == "CL502" and err["message"]


def test_api_claim_document_and_sources(client, built):
    doc, claims = built[1]["doc"], built[1]["claims"]
    c = client.get(f"/api/claims/{claims[0]['id']}").json()
    assert c["id"] == claims[0]["id"] and c["document_id"] == doc.id and "document_path" not in c
    d = client.get(f"/api/documents/{doc.id}").json()
    assert d["text"] == TEXT and d["claims"] == [c["id"] for c in claims] and "path" not in d
    docs = client.get("/api/documents").json()["items"]
    assert {x["id"] for x in docs} == {doc.id, built[1]["other"].id}
    assert all("path" not in x and "text" not in x for x in docs)
    sources = client.get("/api/sources").json()["items"]
    assert {"Pat Ryder", "Volodymyr Zelensky"} <= {s["name"] for s in sources}
    one = client.get(f"/api/sources/{sources[0]['id']}").json()
    assert one["name"] == sources[0]["name"]


def test_openapi_describes_the_api_with_its_filters(client):
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    params = {p["name"] for p in spec["paths"]["/api/claims"]["get"]["parameters"]}
    assert {"search", "source", "type", "place", "since", "until", "document", "limit", "offset"} <= params
    assert {"/api/claims/{claim_id}", "/api/documents", "/api/documents/{document_id}", "/api/sources",
            "/api/comments"} <= set(spec["paths"])
    assert not any(p.startswith("/admin") for p in spec["paths"])


def test_pages_send_security_headers(client):
    r = client.get("/")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


# -- excerpts setting -----------------------------------------------------------------------------

def test_excerpts_setting_never_shows_whole_texts(built):
    doc, claims = built[1]["doc"], built[1]["claims"]
    with TestClient(create_app(str(built[0]), SiteOptions(excerpts=True))) as c:
        page = c.get(f"/documents/{doc.id}").text
        assert "Subscribe to our newsletter" not in page          # outside every claim's sentence
        assert "[…]" in page or "text left out" in page
        for claim in claims:
            assert f'data-claim="{claim["id"]}"' in page
        api = c.get(f"/api/documents/{doc.id}").json()
        assert "text" not in api and api["excerpts"]
        assert all(TEXT[e["start"]:e["end"]] == e["text"] for e in api["excerpts"])
        assert sum(len(e["text"]) for e in api["excerpts"]) < len(TEXT)
        claim_page = c.get(f"/claims/{claims[0]['id']}").text
        assert "Subscribe to our newsletter" not in claim_page and 'id="sentence"' in claim_page
        other = c.get(f"/api/documents/{built[1]['other'].id}").json()   # no claims: nothing of its text
        assert other["excerpts"] == [] and "Houthi" not in str(other)


def test_excerpts_setting_from_config_and_environment():
    from claimledger.settings import Settings
    assert Settings.load(env={"CLAIMLEDGER_EXCERPTS": "true"}).excerpts is True
    assert Settings.load(env={"CLAIMLEDGER_EXCERPTS": "0"}).excerpts is False
    from claimledger.errors import UsageError
    with pytest.raises(UsageError):
        Settings.load(env={"CLAIMLEDGER_EXCERPTS": "maybe"})


# -- the command line -----------------------------------------------------------------------------

def test_admin_set_password_stores_an_argon2_hash(built, monkeypatch, capsys):
    import io
    monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret-enough\n"))
    assert main(["--db", str(built[0]), "admin", "set-password", "--stdin"]) == 0
    with open_ledger(built[0]) as led:
        stored = led.site_value("admin_password")
    assert stored.startswith("$argon2id$") and "s3cret" not in stored
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["--db", str(built[0]), "admin", "set-password", "--stdin"]) == 2
    assert "at least 8" in capsys.readouterr().err


def test_serve_refuses_a_missing_ledger(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "none.db"), "serve", "--port", "1"]) == 2
    assert "ingest" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_command_serves_the_site_on_127_0_0_1(built):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "claimledger", "--db", str(built[0]), "serve",
                             "--host", "127.0.0.1", "--port", str(port)],
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline, r = time.time() + 30, None
        while time.time() < deadline:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/claims?limit=1", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert r is not None and r.status_code == 200 and len(r.json()["items"]) == 1
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=15)
    assert f"http://127.0.0.1:{port}/" in err


def test_figures_are_labelled_with_vague_counts_in_words():
    from claimledger.serve.formatting import quantity_label
    assert quantity_label({"text": "dozens", "value": None, "approximate": True, "category": "killed",
                           "unit": "soldiers", "conservative": 12}) == "“dozens” (≥12) killed (soldiers)"
    assert quantity_label({"text": "about 40", "value": 40, "approximate": True, "category": "killed"}) == "about 40 killed"
    assert quantity_label({"text": "12-15", "value": 12, "low": 12, "high": 15, "category": "wounded"}) == "12–15 wounded"


def test_event_headings_and_meta_lines_have_no_stray_separators(client, built):
    from claimledger.serve.formatting import event_heading, joined
    assert event_heading({"type": "territorial_control", "place": "Rostov Oblast", "country": "RU"}) == \
        "Territorial control, Rostov Oblast (RU)"
    assert event_heading({"type": "casualties", "place": None, "country": "GB"}) == "Casualties (GB)"
    assert joined([None, "", "2024-11-05", "4 claims"]) == "2024-11-05 · 4 claims"
    home = client.get("/").text
    assert not re.search(r'<span class="meta">\s*·', home)


def test_api_claims_next_links_page_by_key_after_the_last_id(client, built):
    led = open_ledger(built[0])
    expected = [c["id"] for c in led.claims(newest_first=True)]
    first = client.get("/api/claims", params={"limit": 2}).json()
    assert "after=" + first["items"][-1]["id"] in first["next"] and "offset" not in first["next"]
    second = client.get(first["next"]).json()
    assert [c["id"] for c in first["items"] + second["items"]] == expected[:4]
    bad = client.get("/api/claims", params={"after": "c_not_a_claim"})
    assert bad.status_code == 400 and "c_not_a_claim" in bad.json()["error"]["message"]
    filtered = client.get("/api/claims", params={"since": "2024", "limit": 1}).json()
    assert filtered["next"] and "since=2024" in filtered["next"]        # the filters carry over
