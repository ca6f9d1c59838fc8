"""``claimledger eval events DIR``: score reconcile against multi-document gold sets.

A gold set is a directory with the documents' texts and ``gold.json`` (format in
``eval/events/README.md``): the documents with their outlet and publication date, the
derivation links (copy -> original), and the events, each with the claims it holds (a claim is
named by its document and a piece of its text), optionally its status and its low/best/high
figures for the event and per party. DIR is one set or a directory of sets.

Scored, over all sets: derivation links (precision, recall, F1 over directed pairs), event
membership (B-cubed precision, recall, F1 over the gold claims found among the extracted ones;
a gold claim the extractor did not produce counts as a miss), status accuracy, and the share of
low/best/high figures reproduced exactly. Every set is reconciled document by document in
``orders`` ingestion orders (as given, reversed, then shuffled with ``seed``); the result must be
the same in each (``order_independent``).
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError

FIGURE_KEYS = ("low", "best", "high")


@dataclass
class EventsReport:
    kind: str = "events"
    sets: list[str] = field(default_factory=list)
    derivations: dict[str, float] = field(default_factory=dict)
    membership: dict[str, float] = field(default_factory=dict)
    status: dict[str, Any] = field(default_factory=dict)
    estimates: dict[str, Any] = field(default_factory=dict)
    claims_found: int = 0
    claims_gold: int = 0
    order_independent: bool = True
    orders: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    failures: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.membership.get("precision", 0.0)

    @property
    def recall(self) -> float:
        return self.membership.get("recall", 0.0)

    @property
    def f1(self) -> float:
        return self.membership.get("f1", 0.0)

    def to_dict(self, errors: bool = False) -> dict[str, Any]:
        d = {"precision": self.precision, "recall": self.recall, "f1": self.f1, "sets": self.sets,
             "derivations": self.derivations, "membership_bcubed": self.membership, "status": self.status,
             "estimates": self.estimates, "claims_found": self.claims_found, "claims_gold": self.claims_gold,
             "order_independent": self.order_independent, "orders": self.orders}
        if errors:
            d["errors"] = self.errors
        return d

    def table(self, errors: bool = False) -> str:
        dv, m = self.derivations, self.membership
        lines = [
            f"event sets: {', '.join(self.sets)} (each reconciled in {self.orders} ingestion orders)",
            "measure                      P      R      F1",
            f"derivation links         {dv.get('precision', 0):6.3f} {dv.get('recall', 0):6.3f} {dv.get('f1', 0):6.3f}"
            f"   ({dv.get('tp', 0)} right, {dv.get('fp', 0)} spurious, {dv.get('fn', 0)} missed)",
            f"event membership B3      {m.get('precision', 0):6.3f} {m.get('recall', 0):6.3f} {m.get('f1', 0):6.3f}"
            f"   ({self.claims_found} of {self.claims_gold} gold claims extracted)",
            f"status accuracy          {self.status.get('accuracy', 0):6.3f}   ({self.status.get('correct', 0)} of "
            f"{self.status.get('total', 0)} events)",
            f"estimates exact          {self.estimates.get('accuracy', 0):6.3f}   ({self.estimates.get('correct', 0)} of "
            f"{self.estimates.get('total', 0)} figures)",
            f"same events in every order: {'yes' if self.order_independent else 'NO'}",
        ]
        if errors:
            for e in self.errors:
                lines.append(f"  {e['set']}: {e['what']}: {e['detail']}")
        return "\n".join(lines)


def _norm(s: str) -> str:
    s = s.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", s).strip().casefold()


def gold_sets(directory: str) -> list[Path]:
    root = Path(directory)
    if (root / "gold.json").is_file():
        return [root]
    sets = sorted(p.parent for p in root.glob("*/gold.json"))
    if not sets:
        raise InputError("no gold.json here or in its subdirectories", input=str(directory))
    return sets


def _load(set_dir: Path) -> dict[str, Any]:
    try:
        gold = json.loads((set_dir / "gold.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read gold.json: {exc}", input=str(set_dir)) from exc
    for key in ("documents", "events"):
        if not isinstance(gold.get(key), list):
            raise InputError(f"gold.json lacks a {key!r} list", input=str(set_dir))
    return gold


def _orders(n: int, count: int, seed: int) -> list[list[int]]:
    base = list(range(n))
    out = [base, list(reversed(base))][:max(1, count)]
    rng = random.Random(seed)
    while len(out) < count:
        perm = base[:]
        rng.shuffle(perm)
        out.append(perm)
    return out


def _snapshot(ledger) -> dict[str, Any]:
    """Events as member claim sets with status and estimates (ids do not depend on order)."""
    from ..reconcile import event_detail, list_events
    events = {}
    for ev in list_events(ledger):
        det = event_detail(ledger, ev["id"])
        members = sorted(c["id"] for items in det["claims_by_party"].values() for c in items)
        events[ev["id"]] = {"members": members, "status": det["status"], "estimates": det["estimates"]}
    derivs = sorted((d["document_id"], d["derived_from"]) for d in ledger.derivations())
    return {"events": events, "derivations": derivs}


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def evaluate_events(directory: str, *, orders: int = 3, seed: int = 0, settings=None,
                    extractor=None) -> EventsReport:
    from ..ingest import read_inputs
    from ..ledger import Ledger
    from ..reconcile import ReconcileSettings, reconcile
    from ..models import Failure
    if extractor is None:
        from ..extract.pipeline import Extractor
        extractor = Extractor()
    rs = ReconcileSettings.from_settings(settings)
    report = EventsReport(orders=max(1, orders))
    dtp = dfp = dfn = 0
    b3_p, b3_r, n_items = 0.0, 0.0, 0
    st_ok = st_n = est_ok = est_n = 0
    for set_dir in gold_sets(directory):
        gold = _load(set_dir)
        name = set_dir.name
        report.sets.append(name)
        docs = []   # (name, Document, claims)
        for g in gold["documents"]:
            path = set_dir / g["file"]
            items = list(read_inputs([str(path)], published=g.get("published"), outlet=g.get("outlet"),
                                     url=g.get("url") or f"https://eval.claimledger.invalid/{name}/{g['name']}",
                                     title=None, max_bytes=10 * 1024 * 1024))
            if not items or isinstance(items[0], Failure):
                report.failures.extend(i for i in items if isinstance(i, Failure))
                continue
            doc = items[0]
            docs.append((g["name"], doc, extractor.extract_one(doc)))
        doc_name = {d.id: n for n, d, _ in docs}
        snaps = []
        for order in _orders(len(docs), report.orders, seed):
            with Ledger(":memory:") as led:
                for i in order:
                    _, d, claims = docs[i]
                    did, _ = led.add_document(d)
                    led.add_claims(did, claims, "eval")
                    reconcile(led, rs)
                snaps.append(_snapshot(led))
                if len(snaps) == 1:
                    all_claims = {c["id"]: c for c in led.claims()}
        if any(s != snaps[0] for s in snaps[1:]):
            report.order_independent = False
            report.errors.append({"set": name, "what": "order", "detail": "events differ between ingestion orders"})
        snap = snaps[0]

        # derivations
        got = {(doc_name[a], doc_name[b]) for a, b in snap["derivations"]}
        want = {(g["document"], g["derived_from"]) for g in gold.get("derivations", [])}
        dtp += len(got & want)
        dfp += len(got - want)
        dfn += len(want - got)
        for a, b in sorted(got - want):
            report.errors.append({"set": name, "what": "spurious derivation", "detail": f"{a} <- {b}"})
        for a, b in sorted(want - got):
            report.errors.append({"set": name, "what": "missed derivation", "detail": f"{a} <- {b}"})

        # gold claims -> extracted claims
        by_doc: dict[str, list[dict]] = {}
        for c in all_claims.values():
            by_doc.setdefault(doc_name[c["document_id"]], []).append(c)
        event_of = {cid: eid for eid, ev in snap["events"].items() for cid in ev["members"]}
        items = []   # (gold event id, system cluster id)
        for gev in gold["events"]:
            for gc in gev["claims"]:
                report.claims_gold += 1
                text = _norm(gc["text"])
                cands = [c for c in by_doc.get(gc["document"], []) if text in _norm(c.get("content") or "")]
                cands = cands or [c for c in by_doc.get(gc["document"], []) if text in _norm(c.get("sentence") or "")]
                if not cands:
                    report.errors.append({"set": name, "what": "gold claim not extracted",
                                          "detail": f"{gc['document']}: {gc['text']}"})
                    items.append((gev["id"], f"missing:{gc['document']}:{gc['text']}"))
                    continue
                report.claims_found += 1
                c = min(cands, key=lambda c: (len(c.get("content") or ""), c["id"]))
                items.append((gev["id"], event_of.get(c["id"], f"none:{c['id']}")))
        for i, (g, s) in enumerate(items):
            same_sys = [j for j, (g2, s2) in enumerate(items) if s2 == s]
            same_gold = [j for j, (g2, s2) in enumerate(items) if g2 == g]
            both = len(set(same_sys) & set(same_gold))
            b3_p += both / len(same_sys)
            b3_r += both / len(same_gold)
            n_items += 1
        for gev in gold["events"]:
            spread = sorted({s for g, s in items if g == gev["id"]})
            if len(spread) > 1:
                report.errors.append({"set": name, "what": "split", "detail":
                                      f"{gev['id']} over {len(spread)} events"})
        gold_of = {}
        for g, s in items:
            gold_of.setdefault(s, set()).add(g)
        for s, gs in sorted(gold_of.items()):
            if len(gs) > 1:
                report.errors.append({"set": name, "what": "merged", "detail": " + ".join(sorted(gs))})
        # status and estimates of the system event holding most of each gold event's claims
        for gev in gold["events"]:
            mine = [s for g, s in items if g == gev["id"] and s in snap["events"]]
            sys_ev = snap["events"].get(max(sorted(set(mine)), key=mine.count)) if mine else None
            if gev.get("status"):
                st_n += 1
                got_status = sys_ev["status"] if sys_ev else None
                if got_status == gev["status"]:
                    st_ok += 1
                else:
                    report.errors.append({"set": name, "what": "status", "detail":
                                          f"{gev['id']}: {got_status} instead of {gev['status']}"})
            est = (sys_ev or {}).get("estimates") or {}
            checks = [("event", cat, k, v, (est.get("event") or {}).get(cat, {}).get(k))
                      for cat, fig in (gev.get("estimates") or {}).items() for k, v in fig.items()]
            checks += [(party, cat, k, v, ((est.get("parties") or {}).get(party) or {}).get(cat, {}).get(k))
                       for party, cats in (gev.get("party_estimates") or {}).items()
                       for cat, fig in cats.items() for k, v in fig.items()]
            for who, cat, k, want_v, got_v in checks:
                est_n += 1
                if got_v is not None and abs(float(got_v) - float(want_v)) <= 0.5:
                    est_ok += 1
                else:
                    report.errors.append({"set": name, "what": "estimate", "detail":
                                          f"{gev['id']} {who} {cat} {k}: {got_v} instead of {want_v}"})
    report.derivations = _prf(dtp, dfp, dfn)
    p = b3_p / n_items if n_items else 0.0
    r = b3_r / n_items if n_items else 0.0
    report.membership = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
    report.status = {"accuracy": st_ok / st_n if st_n else 0.0, "correct": st_ok, "total": st_n}
    report.estimates = {"accuracy": est_ok / est_n if est_n else 0.0, "correct": est_ok, "total": est_n}
    return report


def add_parser(eval_subparsers):
    """Add ``events`` to the ``claimledger eval`` subcommands."""
    p = eval_subparsers.add_parser(
        "events", help="reconcile against multi-document gold sets (eval/events)",
        description="Extract every document of each gold set, reconcile them one at a time in several "
                    "ingestion orders, and score derivation links (P/R/F1), event membership (B-cubed), "
                    "status accuracy and low/best/high figures; report whether every order gave the same "
                    "events. Gold format: eval/events/README.md.")
    p.add_argument("directory", metavar="DIR", help="a gold set (with gold.json) or a directory of them")
    p.add_argument("--orders", type=int, default=3, help="ingestion orders to try (default 3)")
    p.add_argument("--seed", type=int, default=0, help="seed of the shuffled orders (default 0)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--errors", action="store_true", help="also list every miss and spurious result")
    p.set_defaults(func=run)
    return p


def run(args, settings=None) -> int:
    from .report import render
    import sys
    report = evaluate_events(args.directory, orders=args.orders, seed=args.seed, settings=settings)
    sys.stdout.write(render(report, args.format, args.errors) + "\n")
    for f in report.failures:
        print(f"failed {f}", file=sys.stderr)
    return 1 if report.failures else 0
