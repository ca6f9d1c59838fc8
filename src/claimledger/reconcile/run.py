"""One reconcile pass over a ledger: compare new documents, place new claims, update the events
they touch. Incremental: documents and claims already reconciled are not compared again, and
only events that gain claims, merge or see a new derivation are rewritten.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Optional

from . import copies
from .corroborate import summarise
from .events import Link, attach_context, components, event_id, links_within
from .features import ClaimFeatures, blocks, claim_features, compatible, document_places
from .settings import ReconcileSettings

Progress = Callable[[str], None]


@dataclass
class _Cache:
    """What this run already read or computed, so later stages do not decode it again."""
    features: dict[str, dict] = field(default_factory=dict)     # claim id -> features dict
    docs: set[str] = field(default_factory=set)                 # documents whose claims are all here

    def claim_features(self, ledger, claim_ids=None, document_ids=None) -> dict[str, dict]:
        out: dict[str, dict] = {}
        if claim_ids is not None:
            missing = [c for c in claim_ids if c not in self.features]
            out.update({c: self.features[c] for c in claim_ids if c in self.features})
            if missing:
                out.update(ledger.claim_features(missing))
        if document_ids is not None:
            uncached = [d for d in document_ids if d not in self.docs]
            wanted = set(document_ids) - set(uncached)
            out.update({c: f for c, f in self.features.items() if f["document_id"] in wanted})
            if uncached:
                out.update(ledger.claim_features(document_ids=uncached))
        return out


@dataclass
class ReconcileReport:
    run_id: int = 0
    documents: int = 0          # documents newly compared
    derivations: int = 0        # derivation links found this run
    claims: int = 0             # claims newly placed
    links: int = 0              # claim links found this run
    compared: int = 0           # candidate pairs of claims compared this run (blocking's work)
    events: int = 0             # events written (new or changed)
    merged: int = 0             # events absorbed into others
    event_ids: list[str] = field(default_factory=list)


@contextmanager
def _fewer_collections(young: int = 50_000, middle: int = 20, old: int = 100) -> Iterator[None]:
    """Python's cyclic garbage collector at longer intervals for the while of a run, then as it
    was. A run keeps many small objects until it ends (claim features, blocks, links) and makes
    few cycles; at the default thresholds (700, 10, 10) the collector traverses them again and
    again: an eighth of the CPU time at 25,000 synthetic claims (27.5 s against 23.8 s, same
    peak memory, measured in one session with ``benchmarks/reconcile_scale.py``'s ledger)."""
    was = gc.get_threshold()
    if was[0] == 0:  # the caller turned the collector off (threshold 0): it stays off
        yield
        return
    gc.set_threshold(max(was[0], young), max(was[1], middle), max(was[2], old))
    try:
        yield
    finally:
        gc.set_threshold(*was)


def reconcile(ledger, settings: Optional[ReconcileSettings] = None, *,
              progress: Optional[Progress] = None) -> ReconcileReport:
    """Reconcile what is new in ``ledger`` (a ``claimledger.ledger.Ledger``); returns counts."""
    with _fewer_collections():
        return _reconcile(ledger, settings, progress)


def _reconcile(ledger, settings: Optional[ReconcileSettings], progress: Optional[Progress]) -> ReconcileReport:
    s = settings or ReconcileSettings()
    report = ReconcileReport()
    report.run_id = run = ledger.start_reconcile_run(s.to_dict())
    say = progress or (lambda msg: None)

    # each stage is one transaction: all of it is stored or none (and one commit, not thousands)
    with ledger.transaction():
        new_derivations = _compare_documents(ledger, s, run, report, say)
    cache = _Cache()
    with ledger.transaction():
        new_ids, touched_docs = _place_claims(ledger, s, run, report, say, cache)
    touched_docs |= {d for r in new_derivations for d in (r.document_id, r.derived_from)}
    with ledger.transaction():
        _update_events(ledger, s, run, new_ids, touched_docs, report, say, cache)
    ledger.finish_reconcile_run(run, documents=report.documents, claims=report.claims, events=report.events,
                                derivations=report.derivations)
    return report


# -- documents ----------------------------------------------------------------------------------

def _compare_documents(ledger, s: ReconcileSettings, run: int, report: ReconcileReport, say) -> list:
    todo = ledger.documents_to_compare()
    if not todo:
        return []
    say(f"comparing {len(todo)} new documents")
    texts = ledger.document_texts(todo)
    sigs = []
    for doc_id in todo:
        blob, data = copies.signature(texts[doc_id], s)
        sigs.append((doc_id, blob, data))
    ledger.add_document_signatures(sigs, run)
    report.documents = len(todo)
    new = set(todo)

    pairs: set[tuple[str, str]] = set()
    # LSH: documents sharing a band of their MinHash signature (stored as "lsh:" features, so the
    # index lives in the ledger and grows with it instead of being rebuilt each run)
    band_keys = {f for _, _, data in sigs for f in data["bands"]}
    by_band = ledger.documents_with_features(band_keys, shared=True)
    for doc_id, _, data in sigs:
        for f in data["bands"]:
            for other in by_band.get(f, []):
                if other != doc_id:
                    pairs.add(tuple(sorted((doc_id, other))))
    # rare shared features: figures, names and quotes found in few documents
    new_features = {f for _, _, data in sigs for f in data["features"]}
    df = ledger.feature_frequencies(new_features)
    rare = {f for f, n in df.items() if n <= s.rare_df}
    holders = ledger.documents_with_features(rare)
    for doc_id, _, data in sigs:
        shared: dict[str, int] = {}
        for f in data["features"]:
            for other in holders.get(f, []):
                if other != doc_id:
                    shared[other] = shared.get(other, 0) + 1
        for other, n in shared.items():
            if n >= s.rare_min_shared:
                pairs.add(tuple(sorted((doc_id, other))))
    if not pairs:
        return []
    involved = {d for p in pairs for d in p}
    texts.update(ledger.document_texts(involved - set(texts)))
    data_of, hashes = {}, {}
    for d, blob, data in ledger.document_signatures(involved, with_data=True):
        data_of[d], hashes[d] = data, copies.hashvalues(blob)
    found = []
    prepared = {d: dict(texts[d], sig=data_of[d]) for d in involved}
    for a, b in sorted(pairs):
        if a not in new and b not in new:
            continue
        da, db = prepared[a], prepared[b]
        jac = copies.jaccard(hashes[a], hashes[b]) if a in hashes and b in hashes else 0.0
        d = copies.compare(da, db, s, jaccard=jac)
        if d is not None:
            ledger.add_derivation(d.document_id, d.derived_from, d.kind, d.score, d.evidence, run)
            found.append(d)
    report.derivations = len(found)
    say(f"{len(found)} derivations")
    return found


# -- claims -------------------------------------------------------------------------------------

def _place_claims(ledger, s: ReconcileSettings, run: int, report: ReconcileReport, say,
                  cache: _Cache) -> tuple[set[str], set[str]]:
    docs = ledger.documents_with_unplaced_claims()
    if not docs:
        return set(), set()
    say(f"placing claims of {len(docs)} documents")
    meta = ledger.document_metadata(docs)
    known = ledger.claim_features(document_ids=docs)
    cache.features.update(known)
    rows, new_feats = [], []
    for start in range(0, len(docs), CLAIM_BATCH_DOCS):   # claims read a batch of documents at a time
        batch = docs[start:start + CLAIM_BATCH_DOCS]
        claims_of = ledger.claims_of_documents(batch)
        for doc_id in batch:
            claims = claims_of[doc_id]
            places = document_places(claims)
            for c in claims:
                if c["id"] in known:
                    continue
                f = claim_features(c, meta[doc_id], places, window_days=s.window_days)
                d = f.to_dict()
                cache.features[f.claim_id] = d
                rows.append((f.claim_id, f.role, d, blocks(f, max_weeks=s.max_weeks)))
                new_feats.append(f)
            cache.docs.add(doc_id)
    ledger.add_claim_features(rows, run)
    report.claims = len(rows)
    new_ids = {f.claim_id for f in new_feats if f.role == "event"}
    touched = set(docs)
    wanted_blocks = {b for _, _, _, bl in rows for b in bl}
    by_block = ledger.claim_features_in_blocks(wanted_blocks, known=cache.features)
    links: dict[tuple[str, str], Link] = {}
    objects: dict[str, ClaimFeatures] = {}
    seen: set[tuple[str, str]] = set()
    for block in sorted(by_block):
        feats = [objects.get(d["claim_id"]) or objects.setdefault(d["claim_id"], ClaimFeatures.from_dict(d))
                 for d in by_block[block]]
        for lk in links_within(feats, new_ids, s, block=block, seen=seen):
            links.setdefault((lk.a, lk.b), lk)
    for lk in aligned_links(ledger, touched, new_ids, cache):
        links.setdefault((lk.a, lk.b), lk)
    ledger.add_claim_links(list(links.values()), run)
    report.links = len(links)
    report.compared = len(seen)
    say(f"{len(rows)} claims placed, {len(links)} links")
    return new_ids, touched


def aligned_links(ledger, docs: set[str], new_ids: set[str], cache: _Cache) -> list[Link]:
    """Links between the event-forming claims of a copy or rewrite and of the report it derives
    from whose sentences were aligned (rule "aligned", the pair's similarity as score): one claim
    reworded is one claim, whatever type each wording was given ("using a significant number of
    them in its assaults" / "... in its attacks"). Only pairs holding a new claim; derivations are
    found before claims are placed, and a derivation is a function of its two documents, so these
    links do not depend on the order of ingestion either."""
    derivs = [d for d in ledger.derivations(docs) if d["kind"] != "duplicate"]
    if not derivs:
        return []
    ends = {x for d in derivs for x in (d["document_id"], d["derived_from"])}
    feats = cache.claim_features(ledger, document_ids=ends)
    spans: dict[str, list[tuple[int, int, int, str]]] = {}
    for cid, c in ledger.claims_by_id([c for c, f in feats.items() if f["role"] == "event"]).items():
        s = c.get("sentence_span") or c.get("span")
        if s and not c.get("retracted_by_extraction"):
            own = (c.get("span") or s)[0]
            spans.setdefault(c["document_id"], []).append((s[0], s[1], own, cid))
    out = []
    for d in derivs:
        for pair in d["evidence"].get("pairs", []):
            (os_, oe), (ds, de) = pair["original"], pair["derived"]
            mine = sorted((o, a) for a0, a1, o, a in spans.get(d["derived_from"], []) if a0 < oe and os_ < a1)
            theirs = sorted((o, b) for b0, b1, o, b in spans.get(d["document_id"], []) if b0 < de and ds < b1)
            for a, b in _aligned_claims([a for _, a in mine], [b for _, b in theirs], feats):
                if a in new_ids or b in new_ids:
                    x, y = sorted((a, b))
                    out.append(Link(x, y, "aligned", round(pair["similarity"] / 100, 3),
                                    {"derivation": [d["document_id"], d["derived_from"]],
                                     "similarity": pair["similarity"]}))
    return out


def _aligned_claims(mine: list[str], theirs: list[str], feats: dict[str, dict]) -> list[tuple[str, str]]:
    """Which claims of two aligned sentences are one claim reworded: as many on each side are
    paired in order of their place in the sentence, whatever type each wording was given;
    otherwise only pairs of compatible families. Never a party's denial with its own assertion."""
    if len(mine) == len(theirs):
        pairs = list(zip(mine, theirs))
    else:
        pairs = [(a, b) for a in mine for b in theirs
                 if compatible(ClaimFeatures.from_dict(feats[a]), ClaimFeatures.from_dict(feats[b]))]
    out = []
    for a, b in pairs:
        fa, fb = ClaimFeatures.from_dict(feats[a]), ClaimFeatures.from_dict(feats[b])
        if (fa.family == "denial") != (fb.family == "denial") and fa.origin and fa.origin == fb.origin:
            continue
        out.append((a, b))
    return out


# -- events -------------------------------------------------------------------------------------

def _closure(ledger, seeds: set[str], exclude: frozenset | set = frozenset()) -> tuple[set[str], list[dict]]:
    """All claims connected to the seeds by stored links (not through ``exclude``), and those links."""
    nodes, frontier, edges = set(seeds), set(seeds), {}
    while frontier:
        found = ledger.claim_links(frontier, evidence=False)   # evidence is read for the best links only
        frontier = set()
        for lk in found:
            if lk["claim_a"] in exclude or lk["claim_b"] in exclude:
                continue
            edges[(lk["claim_a"], lk["claim_b"])] = lk
            for c in (lk["claim_a"], lk["claim_b"]):
                if c not in nodes:
                    nodes.add(c)
                    frontier.add(c)
    return nodes, list(edges.values())


def _update_events(ledger, s: ReconcileSettings, run: int, new_ids: set[str], touched_docs: set[str],
                   report: ReconcileReport, say, cache: Optional[_Cache] = None) -> None:
    cache = cache or _Cache()
    # every event-forming claim of a touched document is re-grouped (context may move with it)
    feats_of_docs = cache.claim_features(ledger, document_ids=touched_docs) if touched_docs else {}
    seeds = set(new_ids) | {cid for cid, f in feats_of_docs.items() if f["role"] == "event"}
    # claims retracted by a re-extraction, or of a superseded document version, leave their events
    # (memberships closed, never deleted); the claims they were linked to are re-grouped without them
    stale = ledger.stale_event_claims()
    if stale:
        ledger.close_memberships(stale, run)
        seeds |= {lk[k] for lk in ledger.claim_links(stale, evidence=False) for k in ("claim_a", "claim_b")}
        seeds -= set(stale)
    if not seeds:
        return
    nodes, edges = _closure(ledger, seeds, exclude=set(stale))
    groups = components(nodes, [(e["claim_a"], e["claim_b"]) for e in edges])
    feats = cache.claim_features(ledger, claim_ids=nodes)
    docs_involved = {feats[c]["document_id"] for c in nodes}
    feats.update(cache.claim_features(ledger, document_ids=docs_involved))
    previous = ledger.claim_events(feats)
    event_of = {c: event_id(g) for g in groups for c in g}
    # documents' other event-forming claims keep their current events for context attachment
    for cid, f in feats.items():
        if f["role"] == "event" and cid not in event_of and cid in previous:
            event_of[cid] = previous[cid]
    members_of_doc: dict[str, list[ClaimFeatures]] = {}
    context = []
    for cid in sorted(feats):
        f = ClaimFeatures.from_dict(feats[cid])
        if f.role == "event":
            members_of_doc.setdefault(f.document_id, []).append(f)
        elif f.role == "context":
            context.append(f)
    attached = attach_context(context, members_of_doc, event_of)
    best_link: dict[str, dict] = {}
    for e in sorted(edges, key=lambda e: (-e["score"], e["claim_a"], e["claim_b"])):
        for c in (e["claim_a"], e["claim_b"]):
            if c not in best_link:
                best_link[c] = e
    evidence = ledger.claim_link_evidence({(e["claim_a"], e["claim_b"]) for e in best_link.values()})
    for e in best_link.values():
        e["evidence"] = evidence.get((e["claim_a"], e["claim_b"]), {})
    meta = ledger.document_metadata(docs_involved)
    derivs = ledger.derivations(docs_involved)
    derivs_of: dict[str, list[dict]] = {}
    for d in derivs:
        derivs_of.setdefault(d["document_id"], []).append(d)
    ctx_of: dict[str, list[str]] = {}
    for cid, (ev, _, _) in sorted(attached.items()):
        ctx_of.setdefault(ev, []).append(cid)
    merged: dict[str, str] = {}
    written = 0
    # events are summarised a few thousand claims at a time, so memory holds one batch of claim
    # dicts, not the ledger's
    for chunk in _chunks_of_groups(groups, ctx_of, SUMMARY_BATCH):
        ids = {c for g in chunk for c in g} | {c for g in chunk for c in ctx_of.get(event_id(g), [])}
        claims = ledger.claims_by_id(ids)
        claims_by_doc: dict[str, list[dict]] = {}
        for c in claims.values():
            claims_by_doc.setdefault(c["document_id"], []).append(c)
        originals = {d["derived_from"] for c in claims.values() for d in derivs_of.get(c["document_id"], [])}
        for o in sorted(originals):
            claims_by_doc[o] = ledger.claims(document_id=o)
        for g in chunk:
            eid = event_id(g)
            for c in g:
                old = previous.get(c)
                if old and old != eid:
                    merged[old] = eid
            ctx = ctx_of.get(eid, [])
            rows = []
            for c in g:
                lk = best_link.get(c)
                rows.append({"claim_id": c, "role": "member", "rule": lk["rule"] if lk else "seed",
                             "score": lk["score"] if lk else 1.0,
                             "evidence": ({"linked_to": lk["claim_b"] if lk["claim_a"] == c else lk["claim_a"],
                                           **lk["evidence"]} if lk else {"alone": True})})
            for c in ctx:
                _, near, ev = attached[c]
                rows.append({"claim_id": c, "role": "context", "rule": "context-nearest", "score": 1.0,
                             "evidence": ev})
            summary = build_summary(g, ctx, feats, claims, meta, derivs_of, claims_by_doc, s)
            event = event_row(eid, g, feats, claims, summary)
            parties = sorted(summary["parties"])
            if ledger.write_event(event, parties, rows, run):
                written += 1
                report.event_ids.append(eid)
    ledger.merge_events(merged, run)
    report.events = written
    report.merged = len([o for o, n in merged.items() if o != n])
    say(f"{written} events written")


SUMMARY_BATCH = 4000
CLAIM_BATCH_DOCS = 500


def _chunks_of_groups(groups: list[list[str]], ctx_of: dict[str, list[str]], size: int):
    batch, n = [], 0
    for g in groups:
        batch.append(g)
        n += len(g) + len(ctx_of.get(event_id(g), []))
        if n >= size:
            yield batch
            batch, n = [], 0
    if batch:
        yield batch


def _derivative(claim: dict, derivs: list[dict], claims_by_doc: dict[str, list[dict]]) -> tuple[bool, list[str]]:
    """Whether a claim repeats another report (its document copies or rewrites one and its
    sentence is among the aligned ones, or the whole document is a duplicate or copy), and the
    claims (or, failing those, the document) it was taken from."""
    span = claim.get("sentence_span") or claim.get("span")
    out, derived = [], False
    for d in derivs:
        if d["document_id"] != claim["document_id"]:
            continue
        pairs = [p for p in d["evidence"].get("pairs", [])
                 if span and p["derived"][0] < span[1] and span[0] < p["derived"][1]]
        if not pairs and d["kind"] not in ("duplicate", "copy"):
            continue
        derived = True
        matched = False
        for o in claims_by_doc.get(d["derived_from"], []):
            ospan = o.get("sentence_span") or o.get("span")
            for p in pairs:
                if ospan and p["original"][0] < ospan[1] and ospan[0] < p["original"][1]:
                    out.append(o["id"])
                    matched = True
        if not matched:
            out.append(d["derived_from"])
    return derived, sorted(set(out))


def build_summary(group: list[str], ctx: list[str], feats: dict, claims: dict, meta: dict,
                  derivs_of: dict[str, list[dict]], claims_by_doc: dict[str, list[dict]],
                  s: ReconcileSettings) -> dict[str, Any]:
    """The stored summary of one event. ``derivs_of``: document id -> its derivation rows (as the
    copy); ``claims_by_doc``: document id -> claim dicts (at least of the originals)."""
    docs = {feats[c]["document_id"] for c in group + ctx}
    relevant = [d for doc in sorted(docs) for d in derivs_of.get(doc, [])]

    def item(cid: str) -> dict:
        c = claims[cid]
        derived, sources = _derivative(c, relevant, claims_by_doc)
        return {"claim": c, "features": feats[cid], "document": meta.get(c["document_id"], {}),
                "derivative": derived, "derived_from": sources}

    members = [item(c) for c in group if c in claims]
    context = [item(c) for c in ctx if c in claims]
    # a claim of a copied or rewritten document whose origin also speaks in the original's claims
    # of this event came from there, even when the rewrite reworded its sentence beyond alignment
    originals = {(d["document_id"], d["derived_from"]) for d in relevant}
    for m in members:
        if m["derivative"]:
            continue
        f = m["features"]
        same = sorted(o["claim"]["id"] for o in members
                      if (f["document_id"], o["features"]["document_id"]) in originals
                      and o["features"]["origin"] == f["origin"])
        if same:
            m["derivative"], m["derived_from"] = True, same
    derivations = [{"document_id": d["document_id"], "derived_from": d["derived_from"], "kind": d["kind"],
                    "score": d["score"], "direction": d["evidence"].get("direction"),
                    "pairs": len(d["evidence"].get("pairs", []))} for d in relevant]
    out = summarise(members, context, derivations, figure_tolerance=s.figure_tolerance)
    out["documents"] = sorted(docs)
    out["context"] = ctx
    return out


_TYPE_RANK = ("casualties", "attack", "territorial_control", "deployment", "denial")


def event_row(eid: str, group: list[str], feats: dict, claims: dict, summary: dict) -> dict[str, Any]:
    """The events-table columns: the most specific member type, the time range the timed members
    share (else all members' range), the most common country and most specific place."""
    fs = [feats[c] for c in group]
    types = sorted({f["type"] for f in fs}, key=lambda t: _TYPE_RANK.index(t) if t in _TYPE_RANK else 99)
    timed = [f for f in fs if f["timed"] and f["start"]] or [f for f in fs if f["start"]]
    start = min((f["start"] for f in timed), default=None)
    end = max((f["end"] for f in timed), default=None)
    if timed:   # the narrowest range all timed members agree on, when there is one
        lo, hi = max(f["start"] for f in timed), min(f["end"] for f in timed)
        if lo <= hi:
            start, end = lo, hi
    countries: dict[str, int] = {}
    for f in fs:
        for c in f["countries"]:
            countries[c] = countries.get(c, 0) + 1
    country = sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if countries else None
    place_votes: dict[str, int] = {}
    for c in group:
        for p in claims.get(c, {}).get("places") or []:
            if p.get("country") == country and p.get("feature") != "country":
                name = p.get("admin1") if p.get("feature") not in ("region",) and p.get("admin1") else p.get("name")
                place_votes[name] = place_votes.get(name, 0) + 1
    place = sorted(place_votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if place_votes else None
    return {"id": eid, "type": types[0] if types else "other", "time_start": start, "time_end": end,
            "country": country, "place": place, "status": summary["status"], "data": summary}
