"""``claimledger export``: added to the main parser by ``add_export_parser``."""
from __future__ import annotations

import sys
from pathlib import Path


def add_export_parser(sub) -> None:
    from ..reconcile.cli import add_event_filters
    from . import FORMATS, WHAT
    p = sub.add_parser(
        "export", help="write claims or events as JSONL, ACLED-like CSV, GeoJSON or ClaimReview",
        description="Write the ledger's claims or events (after reconcile) to a file or stdout: jsonl (the "
                    "claim schema; events with their member claims, each with document_id and derived_from), "
                    "csv (events: one ACLED-like row each; claims: one row each), geojson (RFC 7946 points "
                    "with geo_precision; null geometry when unlocated), claimreview (schema.org ClaimReview "
                    "JSON-LD; reviewRating's alternateName is our status).")
    p.add_argument("--what", choices=WHAT, default="events")
    p.add_argument("--format", choices=FORMATS, default="jsonl")
    add_event_filters(p)
    p.add_argument("--source", help="claims only: source name, text, role or affiliation contains this")
    p.add_argument("--limit", type=int)
    p.add_argument("--base-url", default="urn:claimledger:",
                   help="where the reviews are published, for ClaimReview url (default urn:claimledger:)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.set_defaults(func=cmd_export)


def cmd_export(args, settings) -> int:
    from ..ledger import open_ledger
    from . import export
    filters = dict(party=args.party, type=args.type, place=args.place, since=args.since, until=args.until,
                   status=args.status, limit=args.limit)
    if args.what == "claims":
        filters["source"] = args.source
    with open_ledger(settings.db, create=False) as ledger:      # read-only: a mistyped --db is refused
        text = export(ledger, args.what, args.format, base_url=args.base_url, **filters)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"{args.output}: cannot write: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
