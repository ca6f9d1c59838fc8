"""``claimledger reconcile``, ``claimledger events`` and ``claimledger event ID``, added to the main
parser by ``add_reconcile_parser``. Thin: everything is a call into ``claimledger.reconcile``."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

EVENT_TYPES = ("casualties", "attack", "territorial_control", "deployment", "denial")
STATUSES = ("single-source", "corroborated", "disputed", "confirmed")


def add_event_filters(p: argparse.ArgumentParser) -> None:
    """The event filters shared by ``events`` and ``export``."""
    p.add_argument("--party", help="a claimant's party: ISO country code (UA, RU, US), a side, press or unknown")
    p.add_argument("--type", choices=EVENT_TYPES, help="event type (its most specific member claim type)")
    p.add_argument("--place", help="a place name, region or country code")
    p.add_argument("--since", metavar="DATE", help="events whose time range ends on or after DATE")
    p.add_argument("--until", metavar="DATE", help="events whose time range starts on or before DATE")
    p.add_argument("--status", choices=STATUSES)


def add_reconcile_parser(sub) -> None:
    p = sub.add_parser(
        "reconcile", help="group the ledger's claims into events, find copies, rate corroboration",
        description="Find copies and rewrites among the documents, group claims about the same happening "
                    "into events, and give each event its parties, independent origins, status "
                    "(single-source, corroborated, disputed, confirmed) and low/best/high figures. "
                    "Incremental: only documents and claims not reconciled before are compared. "
                    "`ingest` runs it after storing unless --no-reconcile.")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.set_defaults(func=cmd_reconcile)

    p = sub.add_parser("events", help="list events (after reconcile)",
                       description="List the ledger's events, oldest first, filtered.")
    add_event_filters(p)
    p.add_argument("--limit", type=int)
    p.add_argument("--format", choices=("table", "jsonl"), default="table")
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("event", help="show one event: claims by party, figures, status, derivatives, timeline")
    p.add_argument("event_id", metavar="EVENT_ID")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_event)


def _ledger(settings, create: bool = True):
    """The ledger; ``create=False`` for read-only commands: a mistyped --db is refused, not created."""
    from ..ledger import open_ledger
    return open_ledger(settings.db, create=create)


def run_reconcile(ledger, settings, *, quiet: bool = False):
    """Reconcile with the thresholds from settings, reporting progress on stderr unless quiet."""
    from . import ReconcileSettings, reconcile
    say = None if quiet else (lambda msg: print(f"reconcile: {msg}", file=sys.stderr))
    return reconcile(ledger, ReconcileSettings.from_settings(settings), progress=say)


def cmd_reconcile(args, settings) -> int:
    with _ledger(settings) as ledger:
        r = run_reconcile(ledger, settings, quiet=args.quiet)
        print(f"reconciled: documents {r.documents} compared, derivations {r.derivations}, claims {r.claims} "
              f"placed, links {r.links}, events {r.events} written ({r.merged} merged); ledger {settings.db}",
              file=sys.stderr)
    return 0


def _fig(est: dict[str, Any]) -> str:
    parts = []
    for cat, e in est.items():
        hi = f"{e['high']:g}" + ("+" if e.get("open_ended") else "")
        parts.append(f"{cat} {e['low']:g}/{e['best']:g}/{hi}")
    return "; ".join(parts)


def cmd_events(args, settings) -> int:
    from . import list_events
    from ..terminal import json_safe, text as safe_text
    with _ledger(settings, create=False) as ledger:
        rows = list_events(ledger, party=args.party, type=args.type, place=args.place, since=args.since,
                           until=args.until, status=args.status, limit=args.limit)
    if args.format == "jsonl":
        for r in rows:
            print(json_safe(json.dumps(r, ensure_ascii=False)))
        return 0
    from rich.console import Console
    from rich.table import Table
    table = Table()
    for col in ("id", "type", "place", "when", "status", "parties", "origins", "claims", "low/best/high"):
        table.add_column(col, overflow="fold")
    for r in rows:
        where = ", ".join(x for x in (r["place"], r["country"]) if x)
        when = (r["time_start"] or "") + ("" if r["time_end"] in (None, r["time_start"]) else ".." + r["time_end"])
        table.add_row(*(safe_text(v) for v in (r["id"], r["type"], where, when, r["status"], " ".join(r["parties"]),
                      str(len(r["independent_origins"])), str(r["claims"]), _fig(r["estimates"]))))
    Console(file=sys.stdout, width=None if sys.stdout.isatty() else 200).print(table)
    return 0


def cmd_event(args, settings) -> int:
    from . import event_detail
    from ..terminal import clean, json_safe
    with _ledger(settings, create=False) as ledger:
        ev = event_detail(ledger, args.event_id)
    if ev is None:
        print(f"{args.event_id}: no such event in {settings.db}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json_safe(json.dumps(ev, ensure_ascii=False, indent=2)))
        return 0
    print(clean(render_event(ev)))
    return 0


def render_event(ev: dict[str, Any]) -> str:
    """The event as text: header, status with its reasons, claims by party, figures, timeline,
    derivations."""
    out = [f"{ev['id']}  {ev['title']}"]
    if ev.get("merged_from"):
        out.append(f"  ({ev['merged_from']} was merged into this event)")
    out.append(f"status: {ev['status']}; independent origins: {', '.join(ev['independent_origins']) or 'none'}")
    for r in ev["reasons"]:
        out.append(f"  {r['status']}: {r['reason']}")
        for s in r["sentences"][:4]:
            if s.get("sentence"):
                out.append(f"    - [{s.get('origin')}] {s['sentence']}")
    out.append("")
    out.append("claims by party:")
    for party, items in ev["claims_by_party"].items():
        out.append(f"  {party}:")
        for c in items:
            doc = c["document"]
            tag = " (copy of " + ", ".join(c["derived_from"]) + ")" if c["derivative"] else ""
            out.append(f"    {c['origin']} [{c['attribution_kind']}, {c['type']}] {c['content']}"
                       f"  -- {doc.get('outlet') or doc.get('id')}, {doc.get('published') or 'undated'}{tag}"
                       f"  ({c['membership']['rule']} {c['membership']['score']:.2f})")
    if ev["context"]:
        out.append("  context:")
        for c in ev["context"]:
            out.append(f"    {c['origin']}: {c['content']}")
    est = ev["estimates"]
    if est.get("event"):
        out.append("")
        out.append("figures (low/best/high): event " + _fig(est["event"]))
        for party, e in est.get("parties", {}).items():
            out.append(f"  {party}: {_fig(e)}")
    if ev["timeline"]:
        out.append("timeline:")
        for party, cats in ev["timeline"].items():
            for cat, entries in cats.items():
                steps = " -> ".join(f"{e['best']:g} ({e['origin']}, {e['date'] or 'undated'})" for e in entries)
                out.append(f"  {party} {cat}: {steps}")
    if ev["derivations"]:
        out.append("derivations:")
        for d in ev["derivations"]:
            out.append(f"  {d['document_id']} <- {d['derived_from']} ({d['kind']}, score {d['score']:.2f}, "
                       f"{d['pairs']} aligned sentences, direction by {d['direction']})")
    return "\n".join(out)
