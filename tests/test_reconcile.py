"""Reconcile on hand-built reports (no spaCy): copies, events, corroboration, estimates, the read
API and the CLI."""
from __future__ import annotations

import itertools
import json

import pytest

from claimledger import cli
from claimledger.ledger import Ledger
from claimledger.reconcile import ReconcileSettings, event_detail, list_events, reconcile
from claimledger.reconcile import copies
from claimledger.reconcile.events import components, link
from claimledger.reconcile.features import blocks, claim_features

from claimledger.models import Place
from reconcile_helpers import KURSK, LGOV, PLEKHOVO, SUMY, claim, doc, world


def build(order=None, *, reconcile_each=True) -> tuple[Ledger, dict[str, str]]:
    items = world()
    names = {d.id: d.url.rsplit("/", 1)[1] for d, _ in items}
    if order is not None:
        items = [items[i] for i in order]
    led = Ledger(":memory:")
    for d, claims in items:
        did, _ = led.add_document(d)
        led.add_claims(did, claims, "test")
        if reconcile_each:
            reconcile(led)
    if not reconcile_each:
        reconcile(led)
    return led, names


def event_sets(led: Ledger, names: dict[str, str]) -> dict[str, tuple]:
    out = {}
    for ev in list_events(led):
        det = event_detail(led, ev["id"])
        members = sorted(names[c["document_id"]] for items in det["claims_by_party"].values() for c in items)
        out[ev["id"]] = (tuple(members), ev["status"], json.dumps(det["estimates"], sort_keys=True))
    return out


@pytest.fixture(scope="module")
def ledger():
    led, names = build(reconcile_each=False)
    yield led, names
    led.close()


def _event_of(led, names, doc_name):
    for ev in list_events(led):
        det = event_detail(led, ev["id"])
        if any(names[c["document_id"]] == doc_name for items in det["claims_by_party"].values() for c in items):
            return det
    raise AssertionError(f"no event holds a claim of {doc_name}")


# -- copies -------------------------------------------------------------------------------------

def test_derivations_found_with_direction_and_evidence(ledger):
    led, names = ledger
    found = {(names[d["document_id"]], names[d["derived_from"]]): d for d in led.derivations()}
    assert set(found) == {("wire_copy", "wire"), ("rewrite", "original")}
    copy, rewrite = found[("wire_copy", "wire")], found[("rewrite", "original")]
    assert copy["kind"] == "copy" and copy["score"] > 0.9 and copy["evidence"]["mean_similarity"] == 100
    assert rewrite["kind"] == "rewrite"
    # the rewrite names the original's outlet as the one that could not confirm: that sets the direction
    assert rewrite["evidence"]["direction"] == "hint" and rewrite["evidence"]["hints"] == ["Daily Courier"]
    pairs = rewrite["evidence"]["pairs"]
    assert len(pairs) >= 2
    texts = [(p["original_text"], p["derived_text"]) for p in pairs]
    assert any("Pentagon" in a and "Pentagon" in b for a, b in texts)
    d_orig = led.document(rewrite["derived_from"])["text"]
    for p in pairs:   # offsets point at the aligned sentences
        assert d_orig[p["original"][0]:p["original"][1]] == p["original_text"]


def test_independent_reports_of_one_happening_are_not_derivatives():
    s = ReconcileSettings()
    a = doc("a", "Ukraine's military intelligence agency said on Monday that at least 30 North Korean soldiers "
                 "had been killed near Plekhovo in Kursk.\n\nThe agency gave no further detail of the fighting.",
            "Reuters", "2024-12-16")
    b = doc("b", "South Korea's spy agency told lawmakers on Thursday that at least 100 North Korean soldiers "
                 "had died in Kursk this month.\n\nIt said drones caused most of the casualties in open fields.",
            "Yonhap", "2024-12-19")
    da, db = ({"id": d.id, "text": d.text, "outlet": d.outlet, "published": d.published,
               "sig": copies.signature({"text": d.text, "excluded": []}, s)[1]} for d in (a, b))
    assert copies.compare(da, db, s, jaccard=0.0) is None


def test_verification_hints_name_the_outlet():
    assert copies.verification_hints("The claims have not been independently confirmed by the BBC.") == ["BBC"]
    assert copies.verification_hints("Reuters could not independently verify the report.") == ["Reuters"]
    assert copies.verification_hints("KYIV, Dec 16 (Reuters) - Ukraine said") == ["Reuters"]
    assert copies.verification_hints("Nothing here is in doubt.") == []


def test_sentences_skip_excluded_regions():
    text = "First sentence here. Second one follows.\n\nLeave a Reply\nYour email address will not be published."
    cut = text.index("Leave")
    spans = copies.sentences({"text": text, "excluded": [[cut, len(text)]]})
    assert [text[s:e] for s, e in spans] == ["First sentence here.", "Second one follows."]


# -- events -------------------------------------------------------------------------------------

def _features(d, c, places=None):
    return claim_features(c.to_dict(), {"published": d.published, "outlet": d.outlet}, places or [])


def test_link_needs_overlapping_time_and_compatible_place():
    s = ReconcileSettings()
    a = doc("x", "GUR said 30 North Korean soldiers were killed near Plekhovo.", "A", "2024-12-16")
    b = doc("y", "Kyiv said 30 North Korean soldiers died near Plekhovo in Kursk.", "B", "2024-12-17")
    fa = _features(a, claim(a, "30 North Korean soldiers were killed near Plekhovo", "GUR", "UA", "casualties",
                            places=[PLEKHOVO], quantities=[("killed", 30, 30, None)], when=("2024-12-14", "2024-12-15")))
    fb = _features(b, claim(b, "30 North Korean soldiers died near Plekhovo in Kursk", "Ukraine", "UA", "casualties",
                            places=[KURSK], quantities=[("killed", 30, 30, None)], when=("2024-12-15", "2024-12-15")))
    lk = link(fa, fb, s)
    assert lk is not None and lk.rule == "cross-document"
    assert lk.evidence["place_reason"] == "nested or same region" and lk.evidence["figures"] == 1.0
    assert link(fb, fa, s).score == lk.score             # symmetric
    later = _features(b, claim(b, "30 North Korean soldiers died near Plekhovo in Kursk", "Ukraine", "UA",
                               "casualties", places=[KURSK], when=("2024-12-20", "2024-12-21")))
    assert link(fa, later, s) is None                    # no time overlap
    elsewhere = _features(b, claim(b, "30 North Korean soldiers died near Plekhovo in Kursk", "Ukraine", "UA",
                                   "casualties", places=[SUMY], when=("2024-12-15", "2024-12-15")))
    assert link(fa, elsewhere, s) is None                # different countries
    assert set(blocks(fa)) & set(blocks(fb))             # they share a block; Sumy does not
    assert not set(blocks(fa)) & set(blocks(elsewhere))


def test_same_region_same_day_different_happening_stays_apart(ledger):
    led, names = ledger
    nk = _event_of(led, names, "wire")
    lgov = _event_of(led, names, "lgov")
    sumy = _event_of(led, names, "sumy")
    assert len({nk["id"], lgov["id"], sumy["id"]}) == 3


def test_one_event_gathers_every_report_of_the_happening(ledger):
    led, names = ledger
    nk = _event_of(led, names, "wire")
    docs = sorted({names[c["document_id"]] for items in nk["claims_by_party"].values() for c in items})
    assert docs == ["denial", "original", "revised", "rewrite", "seoul", "wire", "wire_copy"]
    context = [names[c["document_id"]] for c in nk["context"]]
    assert context == ["original"]                       # the "thought to" statement attaches as context
    for items in nk["claims_by_party"].values():
        for c in items:
            assert c["membership"]["rule"] in ("cross-document", "same-document")
            assert c["membership"]["evidence"]["linked_to"].startswith("c_")


def test_same_inputs_same_events_in_any_order():
    reference = None
    n = len(world())
    orders = [list(range(n)), list(reversed(range(n))), [3, 0, 8, 5, 1, 7, 2, 6, 4]]
    for order in orders:
        led, names = build(order, reconcile_each=True)
        got = event_sets(led, names)
        if reference is None:
            reference = got
        assert got == reference
    led, names = build(reconcile_each=False)            # one batch gives the same as one at a time
    assert event_sets(led, names) == reference


def test_incremental_merge_keeps_the_absorbed_event_reachable():
    items = world()
    led = Ledger(":memory:")
    seen, merged = set(), 0
    for i in [8, 4, 3, 6, 2, 1, 0, 5, 7]:     # an order in which later reports join earlier events
        d, claims = items[i]
        led.add_claims(led.add_document(d)[0], claims, "t")
        merged += reconcile(led).merged
        seen |= {ev["id"] for ev in list_events(led)}
    current = {ev["id"] for ev in list_events(led)}
    assert merged >= 1 and seen - current
    for old in seen - current:
        ev = event_detail(led, old)
        assert ev is not None and ev["merged_from"] == old and ev["id"] in current


def test_components_are_order_free():
    edges = [("c", "d"), ("a", "b"), ("b", "c"), ("x", "y")]
    for perm in itertools.permutations(edges):
        assert components(["z", "a", "x"], list(perm)) == [["a", "b", "c", "d"], ["x", "y"], ["z"]]


# -- corroboration and estimates ------------------------------------------------------------------

def test_status_disputed_with_reasons_and_independent_origins(ledger):
    led, names = ledger
    nk = _event_of(led, names, "wire")
    assert nk["status"] == "disputed"
    statuses = {r["status"]: r for r in nk["reasons"]}
    assert set(statuses) == {"disputed", "corroborated"}
    assert "Dmitry Peskov" in statuses["disputed"]["reason"]
    assert any("denied" in s["sentence"] for s in statuses["disputed"]["sentences"])
    # South Korea's NIS is a known actor filed under South Korea (data/actors.tsv)
    assert nk["independent_origins"] == ["Dmitry Peskov", "GUR", "Pentagon", "South Korea"]
    assert sorted(nk["parties"]) == ["KR", "RU", "UA", "US"]


def test_copies_add_no_origin_and_name_their_source(ledger):
    led, names = ledger
    nk = _event_of(led, names, "wire")
    copied = [c for items in nk["claims_by_party"].values() for c in items if c["derivative"]]
    assert sorted(names[c["document_id"]] for c in copied) == ["rewrite", "rewrite", "wire_copy"]
    for c in copied:
        assert c["derived_from"] and all(x.startswith("c_") for x in c["derived_from"])
    assert nk["origins"]["GUR"]["independent"] is True


def test_estimates_follow_revisions_and_take_the_most_conservative(ledger):
    led, names = ledger
    est = _event_of(led, names, "wire")["estimates"]
    ua = est["parties"]["UA"]["killed"]
    assert (ua["low"], ua["best"], ua["high"]) == (200, 200, 200)      # the revised figure replaced 30
    kr = est["parties"]["KR"]["killed"]
    assert (kr["low"], kr["best"], kr["high"]) == (100, 100, 100) and kr["open_ended"]
    ev = est["event"]["killed"]
    assert (ev["low"], ev["best"], ev["high"]) == (100, 100, 200)
    timeline = _event_of(led, names, "wire")["timeline"]["UA"]["killed"]
    assert [(e["best"], e["date"]) for e in timeline if e["origin"] == "GUR"] == [
        (30.0, "2024-12-16"), (30.0, "2024-12-17"), (200.0, "2024-12-23")]


def test_single_source_and_confirmed():
    led = Ledger(":memory:")
    d = doc("solo", "Rebels said they captured the town hall of Lgov on Sunday after heavy fighting.", "Wire",
            "2024-12-16")
    led.add_claims(led.add_document(d)[0], [claim(d, "they captured the town hall of Lgov", "rebels", None,
                                                  "territorial_control", places=[LGOV], when=("2024-12-15", "2024-12-15"))], "t")
    d2 = doc("seen", "Footage verified by the Daily Courier shows rebels holding the town hall of Lgov on Sunday.",
             "Daily Courier", "2024-12-16")
    reconcile(led)
    assert [e["status"] for e in list_events(led)] == ["single-source"]
    led.add_claims(led.add_document(d2)[0], [claim(d2, "rebels holding the town hall of Lgov", None, None,
                                                   "territorial_control", attribution="author", places=[LGOV],
                                                   when=("2024-12-15", "2024-12-15"), verification="confirmed")], "t")
    reconcile(led)
    evs = list_events(led)
    assert [e["status"] for e in evs] == ["confirmed"]
    assert evs[0]["independent_origins"] == ["Daily Courier", "rebels"]


# -- read API and CLI ---------------------------------------------------------------------------

def test_list_events_filters(ledger):
    led, names = ledger
    assert {e["status"] for e in list_events(led, status="disputed")} == {"disputed"}
    ru = list_events(led, party="ru")
    assert ru and all("RU" in e["parties"] for e in ru)
    assert all(e["country"] == "UA" for e in list_events(led, place="Sumy"))
    assert list_events(led, since="2025-01-01") == []
    assert {e["type"] for e in list_events(led, type="attack")} == {"attack"}
    first = list_events(led, limit=1)
    assert len(first) == 1 and set(first[0]) >= {"id", "title", "status", "parties", "estimates", "claims"}


def test_reconcile_again_changes_nothing(ledger):
    led, _ = ledger
    before = {e["id"]: e for e in list_events(led)}
    r = reconcile(led)
    assert (r.documents, r.claims, r.events) == (0, 0, 0)
    assert {e["id"]: e for e in list_events(led)} == before


def test_cli_reconcile_events_event(tmp_path, capsys):
    db = tmp_path / "l.db"
    with Ledger(db) as led:
        for d, claims in world():
            led.add_claims(led.add_document(d)[0], claims, "t")
    assert cli.main(["--db", str(db), "reconcile", "--quiet"]) == 0
    assert "events" in capsys.readouterr().err
    assert cli.main(["--db", str(db), "events", "--status", "disputed", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 1 and rows[0]["status"] == "disputed"
    assert cli.main(["--db", str(db), "event", rows[0]["id"]]) == 0
    out = capsys.readouterr().out
    assert "status: disputed" in out and "claims by party:" in out and "UA killed: 30" in out
    assert "derivations:" in out and "timeline:" in out and "figures (low/best/high)" in out
    # every filter of `events`, together and one by one
    for args, n in ((["--party", "UA", "--type", "casualties", "--place", "Kursk", "--since", "2024-12-01",
                      "--until", "2024-12-31", "--status", "disputed"], 1),
                    (["--party", "KR"], 1), (["--place", "Sumy"], 1), (["--until", "2024-11-30"], 0),
                    (["--type", "attack", "--place", "Lgov"], 1)):
        assert cli.main(["--db", str(db), "events", "--format", "jsonl", *args]) == 0
        got = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert len(got) == n, (args, got)
    assert cli.main(["--db", str(db), "event", "e_nope"]) == 1
    assert cli.main(["--db", str(db), "events", "--since", "yesterday"]) == 2


def test_a_claim_naming_only_the_country_meets_regional_claims():
    from claimledger.models import Place
    from claimledger.reconcile.events import links_within
    from claimledger.reconcile.features import is_region_block
    russia = Place(text="Russia", name="Russia", country="RU", feature="country", geo_precision=3)
    a = doc("p", "GUR said 30 North Korean soldiers were killed near Plekhovo.", "A", "2024-12-16")
    b = doc("q", "Seoul said 30 North Korean soldiers were killed in Russia.", "B", "2024-12-17")
    fa = _features(a, claim(a, "30 North Korean soldiers were killed near Plekhovo", "GUR", "UA", "casualties",
                            places=[PLEKHOVO], quantities=[("killed", 30, 30, None)], when=("2024-12-14", "2024-12-15")))
    fb = _features(b, claim(b, "30 North Korean soldiers were killed in Russia", "South Korea", "KR", "casualties",
                            places=[russia], quantities=[("killed", 30, 30, None)], when=("2024-12-14", "2024-12-15")))
    shared = sorted(set(blocks(fa)) & set(blocks(fb)))
    assert shared and not any(is_region_block(x) for x in shared)      # they meet in the country block
    s = ReconcileSettings()
    got = links_within([fa, fb], {fa.claim_id, fb.claim_id}, s, block=shared[0])
    assert len(got) == 1 and got[0].evidence["place_reason"] == "same country"
    # two claims that both name regions are left to their regions' blocks
    fc = _features(b, claim(b, "30 North Korean soldiers were killed in Russia", "South Korea", "KR", "casualties",
                            places=[KURSK], quantities=[("killed", 30, 30, None)], when=("2024-12-14", "2024-12-15")))
    country = next(x for x in sorted(set(blocks(fa)) & set(blocks(fc))) if not is_region_block(x))
    region = next(x for x in sorted(set(blocks(fa)) & set(blocks(fc))) if x.startswith("RU/kursk oblast|"))
    assert links_within([fa, fc], {fa.claim_id, fc.claim_id}, s, block=country) == []
    assert len(links_within([fa, fc], {fa.claim_id, fc.claim_id}, s, block=region)) == 1


DARFUR = Place(text="Darfur", name="Darfur", country="SD", feature="region", geo_precision=3)
NORTH_DARFUR = Place(text="North Darfur", name="North Darfur", admin1="North Darfur", country="SD", feature="region",
                     geo_precision=3)
EL_FASHER = Place(text="El Fasher", name="El Fasher", admin1="North Darfur", country="SD", feature="city",
                  geo_precision=1)
NYALA = Place(text="Nyala", name="Nyala", admin1="South Darfur", country="SD", feature="city", geo_precision=1)


def test_a_claim_naming_a_wider_region_meets_the_claims_of_every_region_in_it():
    from claimledger.reconcile.events import links_within, place_score
    from claimledger.reconcile.features import is_region_block
    a = doc("d1", "The army said shelling killed 30 traders at the livestock market in Darfur.", "A", "2024-12-08")
    b = doc("d2", "Medics said shelling killed 30 traders at the livestock market in El Fasher.", "B", "2024-12-08")
    fa = _features(a, claim(a, "shelling killed 30 traders at the livestock market in Darfur", "army", "SD",
                            "casualties", places=[DARFUR], quantities=[("killed", 30, 30, None)],
                            when=("2024-12-08", "2024-12-08")))
    fb = _features(b, claim(b, "shelling killed 30 traders at the livestock market in El Fasher", "medics", None,
                            "casualties", places=[EL_FASHER, NORTH_DARFUR], quantities=[("killed", 30, 30, None)],
                            when=("2024-12-08", "2024-12-08")))
    assert fa.admin1 == [] and fa.wide == ["darfur"]          # no division of its own: no region block
    shared = sorted(set(blocks(fa)) & set(blocks(fb)))
    assert shared and not any(is_region_block(x) for x in shared)
    assert place_score(fa, fb) == (0.8, "within a wider region")
    got = links_within([fa, fb], {fa.claim_id, fb.claim_id}, ReconcileSettings(), block=shared[0])
    assert len(got) == 1 and got[0].rule == "cross-document"
    c = doc("d3", "Residents said shelling killed 30 traders at the livestock market in Nyala.", "C", "2024-12-08")
    fc = _features(c, claim(c, "shelling killed 30 traders at the livestock market in Nyala", "residents", None,
                            "casualties", places=[NYALA], quantities=[("killed", 30, 30, None)],
                            when=("2024-12-08", "2024-12-08")))
    assert place_score(fb, fc) == (0.6, "neighbouring regions")   # North and South Darfur: no nesting
    port_sudan = Place(text="Port Sudan", name="Port Sudan", admin1="Red Sea", country="SD", feature="city",
                       geo_precision=1)
    fd = _features(c, claim(c, "shelling killed 30 traders at the livestock market in Nyala", "residents", None,
                            "casualties", places=[port_sudan], when=("2024-12-08", "2024-12-08")))
    assert place_score(fb, fd) == (0.4, "same country")       # two regions apart


def test_a_denial_counts_as_the_type_it_denies():
    s = ReconcileSettings()
    a = doc("n1", "Shelling struck the livestock market in El Fasher on Sunday, the army said.", "AP", "2024-12-08")
    b = doc("n2", "The RSF denied that its fighters had shelled the livestock market in El Fasher.", "ST", "2024-12-09")
    fa = _features(a, claim(a, "Shelling struck the livestock market in El Fasher on Sunday", "army", "SD", "attack",
                            places=[EL_FASHER], when=("2024-12-08", "2024-12-08")))
    denial = claim(b, "its fighters had shelled the livestock market in El Fasher", "RSF", "RSF", "denial",
                   places=[EL_FASHER])
    unknown = _features(b, denial)
    denial.denies = "attack"
    fb = _features(b, denial)
    assert fb.denies == "attack" and unknown.denies is None
    known, plain = link(fa, fb, s), link(fa, unknown, s)
    assert known is not None and known.evidence["same_type"] and known.score > plain.score  # no type penalty
    deploy = _features(a, claim(a, "Shelling struck the livestock market in El Fasher on Sunday", "army", "SD",
                                "deployment", places=[EL_FASHER], when=("2024-12-08", "2024-12-08")))
    assert link(deploy, fb, s) is None and link(deploy, unknown, s) is not None   # denies an attack, not a deployment
    assert blocks(fb) and all("|violence|" in x or "|denial|" in x for x in blocks(fb))
    # beside its denial, the denier's own assertion is another happening (a counter-accusation)
    c = doc("n3", "The RSF denied shelling the market in El Fasher and said the army shelled the market.", "ST",
            "2024-12-09")
    d1 = claim(c, "shelling the market in El Fasher", "RSF", "RSF", "denial", places=[EL_FASHER])
    d1.denies = "attack"
    counter = claim(c, "the army shelled the market", "RSF", "RSF", "attack", places=[EL_FASHER])
    assert link(_features(c, d1), _features(c, counter), s) is None


def test_a_rewritten_claim_joins_the_claim_it_rewords_whatever_its_type():
    from claimledger.models import Place as P
    kursk = P(text="Kursk", name="Kursk Oblast", admin1="Kursk Oblast", country="RU", feature="region", geo_precision=3)
    orig_text = ("North Korean troops in Kursk\n\nThe GUR said Russia had begun using a significant number of the "
                 "North Korean soldiers in its infantry assaults in Kursk over the past week. The GUR said the North "
                 "Korean troops had little training before they were sent to the front line near Plekhovo. The "
                 "claims have not been independently verified by the Daily Courier.")
    copy_text = ("Pyongyang's men thrown into Kursk battles\n\nThe GUR said Russia had started using a significant "
                 "number of the North Korean soldiers in its attacks on Kursk over the past week. The GUR said the "
                 "North Korean troops had little training before being sent to the front line near Plekhovo. The "
                 "accusations have not been independently confirmed by the Daily Courier.")
    a = doc("al1", orig_text, "Daily Courier", "2024-12-16")
    b = doc("al2", copy_text, "Content Farm", "2024-12-17")
    ca = claim(a, "Russia had begun using a significant number of the North Korean soldiers in its infantry assaults "
                  "in Kursk over the past week", "GUR", "UA", "attack", places=[kursk])
    cb = claim(b, "Russia had started using a significant number of the North Korean soldiers in its attacks on "
                  "Kursk over the past week", "GUR", "UA", "deployment", places=[kursk])
    assert link(_features(a, ca), _features(b, cb), ReconcileSettings()) is None   # attack and deployment
    led = Ledger(":memory:")
    for d, cs in ((a, [ca]), (b, [cb])):
        led.add_claims(led.add_document(d)[0], cs, "t")
    reconcile(led)
    assert [(d["document_id"], d["derived_from"]) for d in led.derivations()] == [(b.id, a.id)]
    ev = led.claim_events([ca.id, cb.id])
    assert ev[ca.id] == ev[cb.id]
    rows = {r["claim_id"]: r for r in led.event_claim_rows(ev[ca.id])}
    assert rows[cb.id]["rule"] == "aligned" and rows[cb.id]["evidence"]["derivation"] == [b.id, a.id]


def test_a_new_version_of_a_report_replaces_the_old_in_its_event():
    items = world()
    led = Ledger(":memory:")
    for d, claims in items[:3]:
        led.add_claims(led.add_document(d)[0], claims, "t")
    reconcile(led)
    old_doc, _ = items[2]                      # the original report, updated at the same URL
    before = _claims_of(led, old_doc.id)
    assert before
    new_text = old_doc.text.replace("At least 30", "At least 31")
    new = doc("original", new_text, "Daily Courier", "2024-12-18")
    new_claims = [claim(new, "At least 31 North Korean soldiers were killed over the weekend near Plekhovo", "GUR",
                        "UA", "casualties", places=[PLEKHOVO], quantities=[("killed", 31, 31, None)],
                        when=("2024-12-14", "2024-12-15"))]
    led.add_claims(led.add_document(new)[0], new_claims, "t")
    assert led.document(old_doc.id)["superseded_by"] == new.id
    reconcile(led)
    assert _claims_of(led, old_doc.id) == []                   # the old version's claims left
    assert _claims_of(led, new.id)                             # the new version's joined
    rows = led.conn.execute("SELECT COUNT(*) FROM event_claims WHERE until_run IS NOT NULL").fetchone()[0]
    assert rows >= len(before)                                 # closed, not deleted


def _claims_of(led, document_id):
    return [c["id"] for ev in list_events(led) for items in event_detail(led, ev["id"])["claims_by_party"].values()
            for c in items if c["document_id"] == document_id]


@pytest.mark.parametrize("kind, role", [("assertion", "event"), (None, "event"), ("evaluation", "context"),
                                        ("intention", "context"), ("directive", "context"),
                                        ("perception", "context")])
def test_only_assertions_and_denials_form_events(kind, role):
    a = doc("k1", "Kyiv said 30 North Korean soldiers were killed near Plekhovo.", "A", "2024-12-16")
    c = claim(a, "30 North Korean soldiers were killed near Plekhovo", "Kyiv", "UA", "casualties", places=[PLEKHOVO])
    c.attribution_kind = kind
    f = _features(a, c)
    assert f.role == role and (blocks(f) != []) == (role == "event")
    d = claim(a, "30 North Korean soldiers were killed near Plekhovo", "Kyiv", "UA", "denial", places=[PLEKHOVO])
    assert _features(a, d).role == "event"                     # a denial forms events too


def test_aligned_sentences_pair_their_claims_one_to_one_or_by_family():
    """A reworded sentence's claims join the original's: in order when both hold as many, else only
    claims of compatible families (an attack is not joined to a deployment for sharing a sentence)."""
    from dataclasses import asdict
    from claimledger.reconcile.run import _aligned_claims
    text = "GUR said 30 soldiers were killed and the army said troops were deployed to Kursk."
    a, b = doc("x", text, "A", "2024-12-16"), doc("y", "Kyiv said 30 soldiers died in Kursk.", "B", "2024-12-16")
    killed = _features(a, claim(a, "30 soldiers were killed", "GUR", "UA", "casualties"))
    deployed = _features(a, claim(a, "troops were deployed to Kursk", "army", "UA", "deployment"))
    died = _features(b, claim(b, "30 soldiers died in Kursk", "Kyiv", "UA", "casualties"))
    feats = {f.claim_id: asdict(f) for f in (killed, deployed, died)}
    ids = [f.claim_id for f in (killed, deployed)]
    assert _aligned_claims(ids, [died.claim_id], feats) == [(killed.claim_id, died.claim_id)]
    assert _aligned_claims([deployed.claim_id], [died.claim_id], feats) == [(deployed.claim_id, died.claim_id)]
    assert _aligned_claims(ids, [died.claim_id, deployed.claim_id], feats) == \
        [(killed.claim_id, died.claim_id), (deployed.claim_id, deployed.claim_id)]


KORENEVO = Place(text="Korenevo", name="Korenevo", geonames_id=900000002, admin1="Kursk Oblast", country="RU",
                 feature="village", geo_precision=1)
RUSSIA = Place(text="Russia", name="Russia", country="RU", feature="country", geo_precision=3)
PLEKHOVO_ELSEWHERE = Place(text="Plekhovo", name="Plekhovo", admin1="Belgorod Oblast", country="RU",
                           feature="village", geo_precision=1)   # the same village, its region read wrong
BELGOROD = Place(text="Belgorod region", name="Belgorod Oblast", admin1="Belgorod Oblast", country="RU",
                 feature="region", geo_precision=3)             # next to Kursk Oblast
SHEBEKINO = Place(text="Shebekino", name="Shebekino", admin1="Belgorod Oblast", country="RU", feature="town",
                  geo_precision=1)
MOSCOW_REGION = Place(text="Moscow region", name="Moscow Oblast", admin1="Moscow Oblast", country="RU",
                      feature="region", geo_precision=3)        # not next to Kursk Oblast


def _compared(feats) -> set[frozenset]:
    """The pairs reconcile compares: candidate pairs over every block the claims share."""
    from claimledger.reconcile.events import candidate_pairs
    by_block: dict[str, list] = {}
    for f in feats:
        for b in blocks(f):
            by_block.setdefault(b, []).append(f)
    return {frozenset((f.claim_id, g.claim_id)) for b, fs in by_block.items()
            for f, g in candidate_pairs(fs, None, block=b)}


@pytest.mark.parametrize("place_a, place_b, same_report, meet", [
    ([PLEKHOVO], [PLEKHOVO], False, True),            # one place
    ([PLEKHOVO], [KURSK], False, True),               # a village and the region it lies in
    ([KURSK], [KURSK], False, True),                  # both name only the region
    ([PLEKHOVO], [RUSSIA], False, True),              # a village and the country
    ([KURSK], [RUSSIA], False, True),                 # a region and the country
    ([PLEKHOVO], [PLEKHOVO_ELSEWHERE], False, True),  # one village, its region read wrong: by name
    ([PLEKHOVO], [KORENEVO], False, False),           # two villages of one region, two reports: side by side
    ([PLEKHOVO], [KORENEVO], True, True),             # ... in one report they may be one fight
    ([PLEKHOVO], [BELGOROD], False, True),            # a village and the region next to its own
    ([KURSK], [BELGOROD], False, True),               # two regions next to each other
    ([PLEKHOVO], [SHEBEKINO], False, False),          # two places of two regions next to each other
    ([KURSK], [MOSCOW_REGION], False, False),         # two regions apart
    ([PLEKHOVO], [MOSCOW_REGION], False, False),      # a village and a region apart
])
def test_places_that_coincide_or_nest_are_compared_places_side_by_side_are_not(place_a, place_b, same_report, meet):
    text = ("GUR said 30 North Korean soldiers were killed near the village. "
            "Kyiv said 30 North Korean soldiers died in the fighting there.")
    a = doc("m1", text, "A", "2024-12-16")
    b = a if same_report else doc("m2", text, "B", "2024-12-17")
    fa = _features(a, claim(a, "30 North Korean soldiers were killed near the village", "GUR", "UA", "casualties",
                            places=place_a, when=("2024-12-14", "2024-12-15")))
    fb = _features(b, claim(b, "30 North Korean soldiers died in the fighting there", "Ukraine", "UA", "casualties",
                            places=place_b, when=("2024-12-14", "2024-12-15")))
    assert (frozenset((fa.claim_id, fb.claim_id)) in _compared([fa, fb])) == meet


def test_small_and_large_blocks_give_the_same_candidate_pairs(monkeypatch):
    from claimledger.reconcile import events
    places = [[PLEKHOVO], [KORENEVO], [KURSK], [RUSSIA], [PLEKHOVO_ELSEWHERE], [BELGOROD], [PLEKHOVO, KURSK]]
    text = " ".join(f"Source {i} said {i} soldiers were killed near the village." for i in range(14))
    d1, d2 = doc("s1", text, "A", "2024-12-16"), doc("s2", text, "B", "2024-12-17")
    feats = [_features(d, claim(d, f"{i} soldiers were killed near the village", f"Source {i}", "UA", "casualties",
                                places=places[i % len(places)], when=("2024-12-14", "2024-12-15")))
             for i in range(14) for d in ((d1, d2)[i % 2],)]
    by_block: dict[str, list] = {}
    for f in feats:
        for b in blocks(f):
            by_block.setdefault(b, []).append(f)
    assert max(len(v) for v in by_block.values()) > events.SMALL_BLOCK
    def pairs():
        return {b: {frozenset((f.claim_id, g.claim_id)) for f, g in events.candidate_pairs(fs, None, block=b)}
                for b, fs in by_block.items()}
    small = pairs()
    monkeypatch.setattr(events, "SMALL_BLOCK", 0)
    indexed = pairs()
    assert small == indexed and any(small.values())


def test_claims_of_two_regions_next_to_each_other_link_as_neighbours():
    from claimledger.reconcile.events import place_score
    a = doc("n1", "GUR said 30 North Korean soldiers were killed in the Kursk region.", "A", "2024-12-16")
    b = doc("n2", "Kyiv said 30 North Korean soldiers were killed in the Belgorod region.", "B", "2024-12-17")
    fa = _features(a, claim(a, "30 North Korean soldiers were killed in the Kursk region", "GUR", "UA", "casualties",
                            places=[KURSK], quantities=[("killed", 30, 30, None)], when=("2024-12-14", "2024-12-15")))
    fb = _features(b, claim(b, "30 North Korean soldiers were killed in the Belgorod region", "Ukraine", "UA",
                            "casualties", places=[BELGOROD], quantities=[("killed", 30, 30, None)],
                            when=("2024-12-14", "2024-12-15")))
    assert "belgorod oblast" in fa.near and "kursk oblast" in fb.near
    assert place_score(fa, fb) == place_score(fb, fa) == (0.6, "neighbouring regions")
    lk = link(fa, fb, ReconcileSettings())
    assert lk is not None and lk.evidence["place_reason"] == "neighbouring regions"
    fm = _features(b, claim(b, "30 North Korean soldiers were killed in the Belgorod region", "Ukraine", "UA",
                            "casualties", places=[MOSCOW_REGION], when=("2024-12-14", "2024-12-15")))
    assert place_score(fa, fm) == (0.4, "same country")


def test_within_one_report_the_body_figure_replaces_the_headline_figure_of_the_same_origin():
    from claimledger.reconcile.estimates import estimates

    def entry(cid, pos, best, low, date="2024-12-08", doc_id="ap"):
        return {"party": "SD", "origin": "SAF", "category": "killed", "low": low, "best": best, "high": None,
                "date": date, "claim_id": cid, "document_id": doc_id, "position": pos, "text": ""}
    # the headline's "dozens" (12) and the body's "at least 30", whatever order their ids sort in
    for ids in (("a", "b"), ("b", "a")):
        got = estimates([entry(ids[0], 60, 30.0, 30.0), entry(ids[1], 0, 12.0, 12.0)])
        assert got["parties"]["SD"]["killed"]["best"] == 30.0
    # a later report's revision still replaces both
    got = estimates([entry("a", 60, 30.0, 30.0), entry("b", 0, 12.0, 12.0),
                     entry("c", 10, 45.0, 45.0, date="2024-12-11", doc_id="rev")])
    assert got["event"]["killed"]["best"] == 45.0


def test_a_claim_naming_no_place_in_a_report_naming_only_towns_takes_the_reports_country():
    from claimledger.reconcile.features import document_places
    d = doc("t1", "Shelling killed 30 people at the market in El Fasher. The toll of the market attack rose to 45.",
            "A", "2024-12-11")
    placed = claim(d, "Shelling killed 30 people at the market in El Fasher", "army", "SD", "casualties",
                   places=[EL_FASHER], when=("2024-12-08", "2024-12-08"))
    unplaced = claim(d, "The toll of the market attack rose to 45", "army", "SD", "casualties")
    places = document_places([placed.to_dict(), unplaced.to_dict()])
    assert places == [{"country": "SD", "feature": "country"}]      # the country, not one of its towns
    fu = _features(d, unplaced, places)
    fp = _features(d, placed, places)
    assert fu.countries == ["SD"] and fu.place_fallback and fu.names == [] and fu.admin1 == []
    assert frozenset((fu.claim_id, fp.claim_id)) in _compared([fu, fp])   # they meet in Sudan's block
    assert document_places([unplaced.to_dict()]) == []                     # nothing named: no country


def test_a_run_collects_garbage_less_often_and_restores_the_collector_after():
    import gc
    from claimledger.reconcile import run
    before = gc.get_threshold()
    seen = []
    real = run._reconcile
    try:
        run._reconcile = lambda *a: seen.append(gc.get_threshold()) or (_ for _ in ()).throw(RuntimeError("x"))
        with pytest.raises(RuntimeError):
            reconcile(Ledger(":memory:"))
    finally:
        run._reconcile = real
    assert seen[0][0] >= 50_000 and gc.get_threshold() == before    # restored even after an error
