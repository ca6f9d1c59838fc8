"""claimledger export: every format checked against the required parts of its specification, on
hand-built reconciled reports (no spaCy)."""
from __future__ import annotations

import csv
import io
import json
from importlib import resources

import jsonschema
import pytest

from claimledger import cli
from claimledger.errors import UsageError
from claimledger.export import export
from claimledger.export.formats import ACLED_COLUMNS, time_precision
from claimledger.export.validate import acled_csv_problems, claimreview_problems, geojson_problems
from claimledger.ledger import Ledger
from claimledger.reconcile import reconcile

from reconcile_helpers import world


@pytest.fixture(scope="module")
def ledger():
    led = Ledger(":memory:")
    for d, claims in world():
        led.add_claims(led.add_document(d)[0], claims, "t")
    reconcile(led)
    yield led
    led.close()


def _schema():
    return json.loads(resources.files("claimledger").joinpath("data", "claim.schema.json").read_text())


def test_claims_jsonl_follows_the_claim_schema_with_derivations(ledger):
    rows = [json.loads(line) for line in export(ledger, "claims", "jsonl").splitlines()]
    assert len(rows) == 12
    validator = jsonschema.Draft202012Validator(_schema())
    for r in rows:
        errors = sorted(validator.iter_errors(r), key=str)
        assert not errors, errors[0].message
        assert r["document_id"].startswith("d_") and isinstance(r["derived_from"], list)
    copied = [r for r in rows if r["derived_from"]]
    assert len(copied) == 3 and all(x.startswith("c_") for r in copied for x in r["derived_from"])
    assert {r["event_status"] for r in rows} >= {"disputed", "single-source"}


def test_events_jsonl_carries_member_claims(ledger):
    rows = [json.loads(line) for line in export(ledger, "events", "jsonl").splitlines()]
    nk = [r for r in rows if r["status"] == "disputed"][0]
    assert nk["claim_count"] == len(nk["claims"]) == 9
    validator = jsonschema.Draft202012Validator(_schema())
    for r in rows:
        assert r["id"].startswith("e_") and r["status"] and isinstance(r["claims"], list)
        for c in r["claims"]:     # every member claim is a claim of the claim schema
            errors = sorted(validator.iter_errors(c), key=str)
            assert not errors, errors[0].message
    for c in nk["claims"]:
        assert c["document_id"] and "derived_from" in c and c["document"]["outlet"]
    assert nk["estimates"]["event"]["killed"]["best"] == 100


def test_acled_csv(ledger):
    text = export(ledger, "events", "csv")
    assert acled_csv_problems(text) == []
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    nk = [r for r in rows if r["status"] == "disputed"][0]
    assert (nk["fatalities"], nk["fatalities_low"], nk["fatalities_high"]) == ("100.0", "100.0", "200.0")
    assert nk["location"] == "Plekhovo" and nk["geo_precision"] == "1" and nk["latitude"] == "51.2195"
    assert nk["country"] == "RU" and nk["admin1"] == "Kursk Oblast"
    assert "Reuters" in nk["source"] and "TASS" in nk["source"]
    sumy = [r for r in rows if r["country"] == "UA"][0]
    assert sumy["time_precision"] == "1" and sumy["event_date"] == "2024-12-15"


def test_acled_csv_validator_catches_problems():
    bad = ",".join(ACLED_COLUMNS) + "\n" + ",".join(["e1", "2024-01-01", "", "7"] + [""] * (len(ACLED_COLUMNS) - 4))
    assert any("time_precision" in p for p in acled_csv_problems(bad))
    assert acled_csv_problems("a,b\n1,2\n")[0].startswith("columns")


def test_geojson_rfc7946(ledger):
    for what in ("events", "claims"):
        obj = json.loads(export(ledger, what, "geojson"))
        assert geojson_problems(obj) == []
        located = [f for f in obj["features"] if f["geometry"]]
        assert located and all(f["properties"]["geo_precision"] in (1, 2, 3) for f in located)
    lgov = [f for f in json.loads(export(ledger, "events", "geojson"))["features"]
            if f["properties"]["location"] == "Lgov"][0]
    assert lgov["geometry"]["coordinates"] == [35.2612, 51.6597]          # longitude first


def test_geojson_validator_catches_problems():
    assert geojson_problems({"type": "Feature"}) == ["top level is not a FeatureCollection"]
    bad = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [51.2, 135.1]}, "properties": {}}]}
    assert geojson_problems(bad) == ["features[0].geometry.coordinates out of range (longitude first)"]


def test_claimreview(ledger):
    for what in ("events", "claims"):
        items = json.loads(export(ledger, what, "claimreview", base_url="https://ledger.example/", today="2025-01-02"))
        assert items and claimreview_problems(items) == []
    reviews = json.loads(export(ledger, "events", "claimreview", base_url="https://ledger.example",
                                today="2025-01-02", status="disputed"))
    [r] = reviews
    assert r["reviewRating"]["alternateName"] == "disputed"
    assert r["url"].startswith("https://ledger.example/events/e_")
    assert r["itemReviewed"]["author"]["name"] == "GUR"              # the first report's claimant
    assert len(r["itemReviewed"]["appearance"]) == 7
    assert claimreview_problems([{"@type": "ClaimReview"}])


def test_filters_and_bad_usage(ledger):
    ua = [json.loads(line) for line in export(ledger, "claims", "jsonl", party="UA").splitlines()]
    assert ua and all(r["party"] == "UA" for r in ua)
    assert export(ledger, "events", "jsonl", since="2030") == ""
    with pytest.raises(UsageError):
        export(ledger, "things", "jsonl")


def test_time_precision():
    assert [time_precision("2024-12-15", "2024-12-15"), time_precision("2024-12-14", "2024-12-20"),
            time_precision("2024-12-01", "2024-12-31"), time_precision(None, None)] == [1, 2, 3, None]


def test_cli_export_to_file(tmp_path, capsys):
    db = tmp_path / "l.db"
    with Ledger(db) as led:
        for d, claims in world():
            led.add_claims(led.add_document(d)[0], claims, "t")
    assert cli.main(["--db", str(db), "reconcile", "--quiet"]) == 0
    out = tmp_path / "events.geojson"
    assert cli.main(["--db", str(db), "export", "--what", "events", "--format", "geojson", "--party", "KR",
                     "-o", str(out)]) == 0
    obj = json.loads(out.read_text())
    assert geojson_problems(obj) == [] and len(obj["features"]) == 1
    capsys.readouterr()
    assert cli.main(["--db", str(db), "export", "--what", "claims", "--format", "csv", "--type", "denial"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["origin"] for r in rows] == ["Dmitry Peskov"]
