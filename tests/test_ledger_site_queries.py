"""Ledger queries the site relies on: claims newest first (also over full text), events merged
into an event and their comments, the change marker, and the indexes migration 0006 adds."""
from __future__ import annotations

import pytest

from claimledger.ledger import Ledger

from serve_helpers import build_events_ledger, build_ledger


@pytest.fixture
def led(tmp_path):
    path = tmp_path / "l.db"
    build_ledger(path)
    with Ledger(path) as ledger:
        yield ledger


def _seq_order(led, claims):
    seq = {r[0]: r[1] for r in led.conn.execute("SELECT id, seq FROM claims")}
    return sorted((c["id"] for c in claims), key=lambda i: -seq[i])


@pytest.mark.parametrize("filters", [{}, {"search": "killed"}, {"search": "Kursk", "type": "casualties"},
                                     {"source": "ryder"}, {"since": "2024-11"}, {"search": "nothing-like-this"}])
def test_newest_first_gives_the_same_claims_most_recently_stored_first(led, filters):
    plain = led.claims(**filters)
    newest = led.claims(**filters, newest_first=True)
    assert sorted(c["id"] for c in newest) == sorted(c["id"] for c in plain)
    assert [c["id"] for c in newest] == _seq_order(led, plain)
    if len(newest) > 1:
        assert [c["id"] for c in led.claims(**filters, newest_first=True, limit=1, offset=1)] == [newest[1]["id"]]


def test_full_text_search_newest_first_walks_the_index_without_sorting(led):
    plan = " ".join(r[3] for r in led.conn.execute(
        "EXPLAIN QUERY PLAN SELECT c.data FROM claims_fts f CROSS JOIN claims c ON c.seq = f.rowid"
        " WHERE claims_fts MATCH 'killed' ORDER BY f.rowid DESC LIMIT 5"))
    assert "TEMP B-TREE" not in plan


def test_latest_documents_use_the_ingest_index(led):
    plan = " ".join(r[3] for r in led.conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM documents ORDER BY ingested_at DESC, rowid DESC LIMIT 5"))
    assert "documents_ingested" in plan and "TEMP B-TREE" not in plan


def test_change_marker_moves_with_new_documents_and_claims_not_with_comments(tmp_path):
    from claimledger.models import Document
    from test_ledger import claims_for
    path = tmp_path / "m.db"
    data = build_ledger(path)
    with Ledger(path) as led:
        first = led.change_marker()
        led.add_comment("claim", data["claims"][0]["id"], name="A", email="a@example.org", body="x")
        assert led.change_marker() == first
        led.add_claims(data["doc"].id, claims_for(data["doc"]), "2.0")
        second = led.change_marker()
        assert second != first
        led.add_document(Document(text="Another report entirely.", url="https://example.org/new"))
        assert led.change_marker() != second


def test_merged_events_and_their_comments(tmp_path):
    path = tmp_path / "e.db"
    _, eid = build_events_ledger(path)
    with Ledger(path) as led:
        others = [e["id"] for e in led.events() if e["id"] != eid][:2]
        assert len(others) == 2
        for target in (eid, *others):
            c = led.add_comment("event", target, name="N", email="n@example.org", body=f"on {target}")
            led.moderate_comment(c["id"], "approve")
        run = led.start_reconcile_run({})
        for old in others:                          # as a later reconcile would: empty, then merge
            led.close_memberships([r["claim_id"] for r in led.event_claim_rows(old)], run)
        led.merge_events({others[0]: eid}, run)
        led.merge_events({others[1]: others[0]}, run)   # merged into one that was merged itself
        assert sorted(led.merged_event_ids(eid)) == sorted(others)
        assert led.merged_event_ids(others[1]) == []
        assert led.event(others[1])["id"] == eid
        bodies = [c["body"] for c in led.comments("event", [eid, *led.merged_event_ids(eid)])]
        assert sorted(bodies) == sorted(f"on {t}" for t in (eid, *others))
        assert [c["body"] for c in led.comments("event", eid)] == [f"on {eid}"]
        many = [f"e_none_{i}" for i in range(1200)] + [others[1]]   # no cap on the ids asked for
        assert [c["body"] for c in led.comments("event", many)] == [f"on {others[1]}"]


def test_before_pages_by_key_newest_first(led):
    every = [c["id"] for c in led.claims(newest_first=True)]
    pages, last = [], None
    while True:
        page = [c["id"] for c in led.claims(newest_first=True, limit=1, before=last)]
        if not page:
            break
        pages += page
        last = page[-1]
    assert pages == every


def test_before_refuses_an_unknown_key_and_publication_order(led):
    """An unknown page key is an error, not an empty page a client would read as the end."""
    from claimledger.errors import UsageError
    with pytest.raises(UsageError, match="c_unknown"):
        led.claims(newest_first=True, before="c_unknown")
    some = led.claims(newest_first=True, limit=1)[0]["id"]
    with pytest.raises(UsageError, match="newest first"):
        led.claims(before=some)


@pytest.mark.parametrize("sparse", [0, 10_000])
def test_a_claim_naming_two_matching_places_is_listed_once(led, sparse):
    """A claim naming a village and the region it lies in matches a place filter twice."""
    led.SPARSE = sparse
    [claim_id] = [c["id"] for c in led.claims(place="Kursk", newest_first=True, limit=1)]
    with led.conn:
        cur = led.conn.execute("INSERT INTO places (key, name, admin1, country) VALUES"
                               " ('name:Test village|Kursk Oblast|RU', 'Test village', 'Kursk Oblast', 'RU')")
        led.conn.execute("INSERT OR IGNORE INTO claim_places (claim_id, place_id) VALUES (?, ?)",
                         (claim_id, cur.lastrowid))
    newest = [c["id"] for c in led.claims(place="Kursk", newest_first=True)]
    assert len(newest) == len(set(newest)) and claim_id in newest
    assert newest == _seq_order(led, led.claims(place="Kursk"))


def _counted(led):
    """Each source's live claims, counted the plain way."""
    out = {}
    for c in led.claims():                       # current versions, not retracted
        sid = led.conn.execute("SELECT source_id FROM claims WHERE id = ?", (c["id"],)).fetchone()[0]
        if sid is not None:
            out[sid] = out.get(sid, 0) + 1
    return out


def test_source_counts_leave_out_retracted_claims_and_superseded_versions(tmp_path):
    import dataclasses
    from claimledger.models import Document
    from test_ledger import claims_for
    path = tmp_path / "s.db"
    data = build_ledger(path)
    with Ledger(path) as led:
        assert {s["id"]: s["claims"] for s in led.sources() if s["claims"]} == _counted(led)
        doc = data["doc"]
        led.add_claims(doc.id, claims_for(doc)[:2], "2.0")              # the others are retracted
        assert {s["id"]: s["claims"] for s in led.sources() if s["claims"]} == _counted(led)
        newer = dataclasses.replace(doc, text=doc.text + " Updated.")  # a new version supersedes it
        led.add_document(newer)
        assert led.document(doc.id)["superseded_by"]
        counts = {s["id"]: s["claims"] for s in led.sources()}
        assert not any(counts.values()) and _counted(led) == {}
        plan = " ".join(r[3] for r in led.conn.execute(
            "EXPLAIN QUERY PLAN SELECT source_id, COUNT(*) FROM claims WHERE source_id IS NOT NULL"
            " AND retracted_by_extraction IS NULL GROUP BY source_id"))
        assert "COVERING INDEX claims_source_live" in plan
    seen = []
    with Ledger(path, tracer=seen.append) as led:      # the ranking itself reads no claim row
        led.sources()
        [sql] = [q for q in seen if "WITH live" in q]
        plan = " ".join(r[3] for r in led.conn.execute("EXPLAIN QUERY PLAN " + sql))
    assert "documents_superseded" in plan and "SCAN c" not in plan and "SCAN claims" not in plan


@pytest.mark.parametrize("sparse", [0, 10_000])
@pytest.mark.parametrize("filters", [{"party": "UA"}, {"party": "US"}, {"party": "ZZ"}, {"place": "Kursk"},
                                     {"place": "UA"}, {"place": "nowhere"}, {"place": "Sudzha", "type": "casualties"},
                                     {"since": "2024-11"}, {"until": "2024-10-31"}, {"since": "2099"},
                                     {"since": "2024-01", "until": "2024-11-04", "party": "UA"}])
def test_party_place_and_date_pages_give_the_same_claims_read_either_way(led, sparse, filters):
    """A rare party, place or time range is read from its index, a common one by walking the
    claims newest first: the same claims either way."""
    led.SPARSE = sparse
    newest = [c["id"] for c in led.claims(**filters, newest_first=True)]
    assert newest == _seq_order(led, led.claims(**filters))
    assert [c["id"] for c in led.claims(**filters, newest_first=True, limit=1, offset=1)] == newest[1:2]
