"""The event pages and API over reconciled hand-built reports (reconcile_helpers.world(): a wire story,
its copy and a rewrite, a denial, a revised figure; no spaCy)."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from claimledger.ledger import open_ledger
from claimledger.reconcile import event_detail, list_events
from claimledger.serve import SiteOptions, create_app
from claimledger.serve.charts import map_svg, timeline_svg
from claimledger.serve.views import document_tree, fold_copies

from serve_helpers import build_events_ledger, comment_form, csrf_of


@pytest.fixture(scope="module")
def reconciled(tmp_path_factory):
    path = tmp_path_factory.mktemp("events") / "events.db"
    names, eid = build_events_ledger(path)
    return path, names, eid


@pytest.fixture
def client(reconciled):
    with TestClient(create_app(str(reconciled[0]))) as c:
        yield c


def test_events_page_lists_and_filters_like_the_cli(client, reconciled):
    with open_ledger(reconciled[0]) as led:
        for params in ({}, {"status": "disputed"}, {"party": "RU"}, {"place": "Sumy"}, {"since": "2025-01"},
                       {"type": "attack"}):
            expected = [e["id"] for e in list_events(led, **params)]
            page = client.get("/events", params=params)
            assert page.status_code == 200
            assert re.findall(r'<td><a href="/events/(e_[0-9a-f]+)">', page.text) == expected, params
            api = client.get("/api/events", params=params).json()
            assert [e["id"] for e in api["items"]] == expected
    assert "is not one of" in client.get("/events", params={"status": "bogus"}).text
    assert client.get("/api/events", params={"status": "bogus"}).json()["error"]["code"] == "CL502"
    assert client.get("/api/events", params={"since": "soon"}).status_code == 400
    assert "North Korean" in client.get("/").text or "casualties" in client.get("/").text


def test_event_page_groups_claims_by_party_with_figures_and_status(client, reconciled):
    path, names, eid = reconciled
    with open_ledger(path) as led:
        ev = event_detail(led, eid)
    page = client.get(f"/events/{eid}").text
    assert f'<span class="tag status-{ev["status"]}">{ev["status"]}</span>' in page
    for party, claims in ev["claims_by_party"].items():
        assert re.search(rf"<h3>.*?{re.escape(party)}", page)
        for c in claims:
            assert f'/claims/{c["id"]}#sentence' in page              # every member claim, folded or not
    assert "Dmitry Peskov" in page and "denied" in page                 # the reason for "disputed"
    est = ev["estimates"]["event"]["killed"]
    assert re.search(rf"<th scope=\"row\">killed</th><td>{int(est['low'])}</td><td>{int(est['best'])}</td>", page)


def test_derivative_reports_fold_under_their_original(client, reconciled):
    path, names, eid = reconciled
    page = client.get(f"/events/{eid}").text
    folded = re.findall(r'<details class="derivatives">(.*?)</details>', page, re.S)
    assert folded, "copies are folded"
    by_title = {d: t for d, t in ((m.group(1), m.group(2)) for m in
                                  re.finditer(r'<a href="/documents/(d_[0-9a-f]+)">([^<]+)</a>', page))}
    copy_ids = {d for block in folded for d in re.findall(r'/documents/(d_[0-9a-f]+)', block)}
    assert {names[d] for d in copy_ids} >= {"wire_copy", "rewrite"}
    assert by_title
    # the wire copy's claim sits under the wire claim, not beside it
    with open_ledger(path) as led:
        ev = event_detail(led, eid)
    rows = fold_copies(ev["claims_by_party"]["UA"])
    tops = [names[r["claim"]["document_id"]] for r in rows]
    under = {names[r["claim"]["document_id"]]: sorted(names[c["document_id"]] for c in r["copies"]) for r in rows}
    assert "wire_copy" not in tops and "wire_copy" in under.get("wire", [])


def test_timeline_and_map_are_drawn_offline_with_precision(client, reconciled):
    path, names, eid = reconciled
    page = client.get(f"/events/{eid}").text
    svg = re.search(r'<svg class="chart timeline".*?</svg>', page, re.S).group(0)
    assert "<title" in svg and svg.count("<a href=\"/claims/") >= 4
    assert "2024-12-1" in svg                                            # dated axis
    m = re.search(r'<svg class="map".*?</svg>', page, re.S).group(0)
    assert "Plekhovo" in m and "Kursk Oblast" in m
    assert "stroke-dasharray" in m                                       # the region-only ring
    assert "http" not in m.replace("http://www.w3.org/2000/svg", "")    # nothing fetched
    assert "exact place" in page and "region or country only" in page   # precision in words too
    assert "<script" not in svg + m


def test_map_tiles_setting_lays_tiles_and_allows_their_host(reconciled):
    path, names, eid = reconciled
    opts = SiteOptions(map_tiles="https://tiles.example.org/{z}/{x}/{y}.png", map_attribution="© Tiles Example")
    with TestClient(create_app(str(path), opts)) as c:
        r = c.get(f"/events/{eid}")
    assert re.search(r'<image href="https://tiles\.example\.org/\d+/\d+/\d+\.png"', r.text)
    assert "© Tiles Example" in r.text
    assert "https://tiles.example.org" in r.headers["content-security-policy"]


def test_charts_handle_no_dates_and_no_coordinates():
    assert timeline_svg({"UA": [{"id": "c_1", "document": {}}]}) is None
    assert map_svg([{"name": "Nowhere", "lat": None, "lon": None, "parties": ["UA"]}]) is None
    one = timeline_svg({"UA": [{"id": "c_1", "event_time": {"start": "2024-12-14", "end": "2024-12-14"},
                                "quantities": [{"value": 3, "category": "killed"}]}]})
    assert "3 killed" in one and "<circle" in one
    evil = map_svg([{"name": "<script>x</script>", "lat": 1.0, "lon": 2.0, "geo_precision": 1, "parties": ["<b>"]}])
    assert "<script>" not in evil and "&lt;script&gt;" in evil


def test_document_tree_folds_copies_of_copies_under_the_first_original():
    docs = [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}]
    links = [{"document_id": "b", "derived_from": "a", "kind": "copy", "score": 0.9},
             {"document_id": "c", "derived_from": "b", "kind": "rewrite", "score": 0.6}]
    tree = document_tree(docs, links)
    assert [r["doc"]["id"] for r in tree] == ["a", "d"]
    assert [c["doc"]["id"] for c in tree[0]["copies"]] == ["b", "c"]


def test_event_api_and_comments(client, reconciled):
    path, names, eid = reconciled
    body = client.get(f"/api/events/{eid}").json()
    assert body["id"] == eid and body["claims_by_party"] and "path" not in str(body)
    assert client.get("/api/events/e_nope").json()["error"]["code"] == "CL501"
    assert client.get("/events/e_nope").status_code == 404
    url = f"/events/{eid}"
    token = csrf_of(client.get(url).text)
    r = client.post(url + "/comments", data=comment_form(token, comment="Which figure is right?"),
                    follow_redirects=False)
    assert r.status_code == 303 and "posted=pending" in r.headers["location"]
    with open_ledger(path) as led:
        [c] = led.comments("event", eid, status="pending")
        assert c["body"] == "Which figure is right?"
        led.moderate_comment(c["id"], "delete")


TOPO = {"type": "Topology", "transform": {"scale": [0.01, 0.01], "translate": [30.0, 45.0]},
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Squareland <b>"}},
            {"type": "Polygon", "arcs": [[1]], "properties": {"name": "Faraway"}}]}},
        "arcs": [[[0, 0], [1000, 0], [0, 1000], [-1000, 0], [0, -1000]],
                 [[-15000, -4000], [100, 0], [0, 100], [-100, 0], [0, -100]]]}


def test_map_draws_country_outlines_from_the_installed_topojson(tmp_path, monkeypatch):
    import json
    from claimledger.serve import basemap
    path = tmp_path / "countries.json"
    path.write_text(json.dumps(TOPO))
    monkeypatch.setenv("CLAIMLEDGER_MAP_OUTLINES", str(path))
    [(name, bbox, rings), _] = basemap.countries()
    assert name == "Squareland <b>" and bbox == (30.0, 45.0, 40.0, 55.0)
    assert rings[0][0] == rings[0][-1] == (30.0, 45.0) and (40.0, 55.0) in rings[0]
    svg = map_svg([{"name": "Inside", "lat": 50.0, "lon": 35.0, "geo_precision": 1, "parties": ["UA"]}])
    assert svg.count("<path ") == 1                      # the far country is left out of the view
    assert "<title>Squareland &lt;b&gt;</title>" in svg
    monkeypatch.setenv("CLAIMLEDGER_MAP_OUTLINES", str(tmp_path / "missing.json"))
    monkeypatch.setattr(basemap, "outlines_file", lambda: None)
    assert "<path " not in map_svg([{"name": "Inside", "lat": 50.0, "lon": 35.0, "parties": ["UA"]}])


def test_home_shows_the_events_of_the_latest_reports_first(client, reconciled):
    path, names, eid = reconciled
    page = client.get("/").text
    shown = re.findall(r'<li><a href="/events/(e_[0-9a-f]+)">', page)
    with open_ledger(path) as led:
        newest = led.documents(newest_first=True, limit=1)[0]
        ids = [c["id"] for c in led.claims(document_id=newest["id"])]
        first = next(iter(led.claim_events(ids).values()))
    assert shown and shown[0] == first and eid in shown


def test_comments_follow_an_event_merged_into_another(tmp_path):
    """A comment posted on an event stays on the page (and in the API) of the event a later
    reconcile merged it into; the old address redirects there."""
    path = tmp_path / "merged.db"
    _, eid = build_events_ledger(path)
    with open_ledger(path) as led:
        old = next(e["id"] for e in led.events() if e["id"] != eid)
    with TestClient(create_app(str(path))) as c:
        token = csrf_of(c.get(f"/events/{old}").text)
        assert c.post(f"/events/{old}/comments", data=comment_form(token, comment="Posted before the merge."),
                      follow_redirects=False).status_code == 303
        with open_ledger(path) as led:
            [pending] = led.comments("event", old, status="pending")
            led.moderate_comment(pending["id"], "approve")
            run = led.start_reconcile_run({})
            led.close_memberships([r["claim_id"] for r in led.event_claim_rows(old)], run)
            led.merge_events({old: eid}, run)
        r = c.get(f"/events/{old}", follow_redirects=False)
        assert r.status_code == 308 and r.headers["location"] == f"/events/{eid}"
        assert "Posted before the merge." in c.get(f"/events/{eid}").text
        for target in (eid, old):
            api = c.get("/api/comments", params={"target_kind": "event", "target_id": target}).json()
            assert [x["body"] for x in api["items"]] == ["Posted before the merge."]


@pytest.mark.parametrize("spread", [[(-60.0, -170.0), (70.0, 170.0)], [(0.0, -20.0), (55.0, 100.0), (-30.0, 60.0)],
                                    [(89.9, 0.0), (-89.9, 179.9)], [(10.0, 10.0)]])
def test_map_of_places_far_apart_draws_a_graticule_within_the_world(spread):
    places = [{"name": f"P{i}", "lat": lat, "lon": lon, "geo_precision": 1, "parties": ["UA"]}
              for i, (lat, lon) in enumerate(spread)]
    svg = map_svg(places)
    assert svg.count('class="place"') == len(places)
    degrees = [float(d) for d in re.findall(r">(\d+(?:\.\d+)?)°[EW]<", svg)]
    assert degrees and all(d <= 180 for d in degrees)
