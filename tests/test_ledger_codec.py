"""claim_from_dict inverts Claim.to_dict; search_terms never produces an FTS syntax error."""
from __future__ import annotations

import json

import pytest

from claimledger.errors import InputError
from claimledger.ledger import claim_from_dict
from claimledger.ledger.base import claim_time_range, date_range, search_terms
from claimledger.models import (Claim, Cue, Evidence, Place, Quantity, Source, TimeExpr, Verification)


def full_claim() -> Claim:
    return Claim(
        document_id="d_0123456789abcdef", content="Our units hold the line", span=(10, 40),
        spans=[(10, 20), (30, 40)], sentence_span=(0, 50), sentence='"Our units," he said, "hold the line."',
        attribution="direct_quote",
        source=Source("he", "Volodymyr Zelensky", "person", role="President", affiliation="Ukraine",
                      party="UA", span=(21, 23), resolved_from="he"),
        type="territorial_control", cue=Cue("said", "say", (24, 28)),
        quantities=[Quantity("some 10,000", 10000.0, 9000.0, 11000.0, approximate=True, category="troops",
                             unit="soldiers", conservative=9000.0, span=(1, 5))],
        places=[Place("Kursk", "Kursk", 538560, 51.73, 36.19, "Kursk Oblast", "RU", "settlement", 1, (6, 9))],
        event_time=TimeExpr("last week", "2024-10-21", "2024-10-27", "week", 2, (41, 50), "2024-10-30"),
        stated_at=None, hedges=["reportedly"],
        evidence=[Evidence("video", "Telegram", "a video on Telegram", (0, 3))],
        verification=Verification("unconfirmed", "could not be independently confirmed", (0, 9)),
        confidence=0.8, pipeline_version="0.1.0", document_path="a.txt",
        via=Source("the Kyiv Independent", "Kyiv Independent", "media", span=(45, 66)), count_unspecified=True,
    )


def minimal_claim() -> Claim:
    return Claim(document_id="d_x", content="it rained", span=(0, 9), sentence="It rained.",
                 attribution="author", source=Source("Example News", None, "author"))


@pytest.mark.parametrize("make", [full_claim, minimal_claim])
def test_claim_from_dict_inverts_to_dict(make):
    claim = make()
    d = json.loads(json.dumps(claim.to_dict()))        # through real JSON: tuples become lists
    rebuilt = claim_from_dict(d)
    assert rebuilt == claim
    assert rebuilt.to_dict() == claim.to_dict()


def test_claim_from_dict_ignores_unknown_keys_and_fills_defaults():
    d = minimal_claim().to_dict()
    d["retracted_by_extraction"] = 3
    d["extra"] = {"anything": True}
    for key in ("spans", "quantities", "places", "hedges", "evidence", "verification", "cue"):
        d.pop(key)
    rebuilt = claim_from_dict(d)
    assert rebuilt == minimal_claim()


def test_claim_from_dict_reports_what_is_missing():
    d = minimal_claim().to_dict()
    del d["content"]
    with pytest.raises(InputError, match="content"):
        claim_from_dict(d)
    d = minimal_claim().to_dict()
    del d["source"]["kind"]
    with pytest.raises(InputError, match="source"):
        claim_from_dict(d)
    with pytest.raises(InputError, match="object"):
        claim_from_dict(["not", "a", "claim"])


@pytest.mark.parametrize("query, terms", [
    ("troops Kursk", [("troops", False), ("Kursk", False)]),
    ("al-Assad's", [("al Assad s", False)]),
    ('"power plant" kill*', [("power plant", False), ("kill", True)]),
    ('say "unbalanced" quote', [("say", False), ("unbalanced", False), ("quote", False)]),
    ("https://example.org/a", [("https example org a", False)]),
    ("Шойгу", [("Шойгу", False)]),
])
def test_search_terms(query, terms):
    assert search_terms(query) == terms


@pytest.mark.parametrize("value, expected", [
    ("2024-08-10", ("2024-08-10", "2024-08-10")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2024", ("2024-01-01", "2024-12-31")),
    ("2024-08-10T23:59:00+03:00", ("2024-08-10", "2024-08-10")),
    ("Saturday", None),
    ("2024-02-30", None),
    (None, None),
])
def test_date_range(value, expected):
    assert date_range(value) == expected


def test_claim_time_range_falls_back_from_event_to_statement_to_publication():
    c = minimal_claim()
    assert claim_time_range(c, "2024-11-05") == ("2024-11-05", "2024-11-05")
    c.stated_at = TimeExpr("in October", "2024-10", None, "month")
    assert claim_time_range(c, "2024-11-05") == ("2024-10-01", "2024-10-31")
    c.event_time = TimeExpr("unclear", None, None, "unresolved")
    assert claim_time_range(c, "2024-11-05") == ("2024-10-01", "2024-10-31")
    c.event_time = TimeExpr("last week", "2024-10-21", "2024-10-27", "week")
    assert claim_time_range(c, None) == ("2024-10-21", "2024-10-27")
    assert claim_time_range(minimal_claim(), None) == (None, None)
