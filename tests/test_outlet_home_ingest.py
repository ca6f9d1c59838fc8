"""Ingest weighs a local outlet's home region, learned from the places of its other stories in the
ledger (api.with_outlet_home, Ledger.outlet_home, places/outlet_profile.py)."""
from __future__ import annotations

import pytest

from claimledger import api
from claimledger.ledger import Ledger
from claimledger.settings import Settings

from articles import clean_env  # noqa: F401  (fixture)

pytestmark = [pytest.mark.model, pytest.mark.usefixtures("clean_env")]

STORIES = {   # a paper whose name says nothing of where it is
    "a": "Police said a man was killed in a shooting in Springfield, Illinois, on Friday.",
    "b": "Officials said a fire destroyed a warehouse in Springfield, Illinois, on Sunday.",
    "c": "Police said two men were wounded in a shooting in Springfield on Monday.",
}


def _ingest(tmp_path, ledger, extractor, names, **settings):
    for name in names:
        path = tmp_path / f"{name}.txt"
        path.write_text(STORIES[name], encoding="utf-8")
        report = api.ingest([str(path)], ledger, extractor=extractor, url=f"https://www.dailyrecordnews.com/{name}",
                            published="2024-03-04", settings=Settings(db=":memory:", **settings))
        assert report.ok


def _springfield(ledger, name):
    doc = next(d for d in ledger.documents() if d["url"].endswith("/" + name))
    places = [p for c in ledger.claims(document_id=doc["id"]) for p in c["places"] if p["name"] == "Springfield"]
    assert places, ledger.claims(document_id=doc["id"])
    return places[0]


def test_a_town_alone_is_read_in_the_region_the_outlets_other_stories_are_placed_in(tmp_path, extractor):
    with Ledger(":memory:") as ledger:
        _ingest(tmp_path, ledger, extractor, "abc")
        place = _springfield(ledger, "c")
        assert (place["country"], place["admin1"]) == ("US", "Illinois")
        assert "where 2 of the outlet's 2 other stories are placed" in place["reason"]
        # stored as read: the home region is the extraction's evidence, not the document's
        doc = next(d for d in ledger.documents() if d["url"].endswith("/c"))
        assert "outlet_home" not in (doc.get("meta") or {})
        # the profile is the ledger's: two stories placed in Illinois, the third counted out
        # (its Springfield was read with the home's help)
        home = ledger.outlet_home("dailyrecordnews.com")
        assert (home.code, home.name, home.documents, home.of) == ("IL", "Illinois", 2, 2)
        c = next(d["id"] for d in ledger.documents() if d["url"].endswith("/a"))
        assert ledger.outlet_home("dailyrecordnews.com", exclude=c) is None     # one other story left
        assert ledger.outlet_home("elsewhere.com") is None and ledger.outlet_home(None) is None


def test_without_the_setting_or_the_other_stories_each_document_stands_alone(tmp_path, extractor):
    with Ledger(":memory:") as first, Ledger(":memory:") as off:
        _ingest(tmp_path, first, extractor, "c")
        _ingest(tmp_path, off, extractor, "abc", outlet_home=False)
        alone, unweighed = _springfield(first, "c"), _springfield(off, "c")
        assert alone["admin1"] != "Illinois" and unweighed["admin1"] == alone["admin1"]
        assert "other stories" not in (alone.get("reason") or "")
