"""The README's demo: the bundled examples, ingested and reconciled as `./run demo` does, give a
site whose home page lists events and whose busiest event page is populated: claims grouped by
party with figures and status, a timeline, a map of its places, and the comment form."""
from __future__ import annotations

import re

from fastapi.testclient import TestClient

from claimledger import api
from claimledger.ledger import Ledger
from claimledger.reconcile import event_detail, list_events, reconcile
from claimledger.serve import create_app

from conftest import EXAMPLES


def test_bundled_examples_show_a_populated_event_page(tmp_path, extractor):
    path = tmp_path / "demo.db"
    with Ledger(path) as led:
        report = api.ingest([str(EXAMPLES)], led, extractor=extractor)
        assert report.ok and report.documents >= 10
        reconcile(led)
        events = list_events(led)
        busiest = max(events, key=lambda e: (len(e["parties"]), e["claims"]))
        detail = event_detail(led, busiest["id"])
    assert busiest["claims"] >= 3 and len(busiest["parties"]) >= 2
    with TestClient(create_app(str(path))) as client:
        home = client.get("/").text
        assert re.findall(r'<li><a href="/events/(e_[0-9a-f]+)">', home), "the home page lists events"
        page = client.get(f"/events/{busiest['id']}")
    assert page.status_code == 200
    html = page.text
    groups = re.findall(r'<div class="party-group">', html)
    assert len(groups) == len(detail["claims_by_party"]) >= 2
    assert html.count('class="content-link"') >= busiest["claims"]
    assert f'status-{detail["status"]}' in html
    assert '<svg class="chart timeline"' in html or "No claim of this event has a date." in html
    assert '<svg class="map"' in html and "Precision" in html
    assert "Leave a Reply" in html
    if detail["estimates"].get("event"):
        assert "<h2 id=\"est-title\">Figures</h2>" in html
