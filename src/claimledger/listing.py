"""``claimledger documents`` and ``claimledger failures``: what the ledger holds and what failed.

Both are read-only (a ledger that does not exist is an error, not a new empty one), filter in the
ledger, and print a table for people (control characters neutralised), or JSONL / CSV for
machines.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys

DOCUMENT_FIELDS = ("id", "published", "outlet", "title", "claims", "extracted", "version", "url", "path",
                   "ingested_at")
FAILURE_FIELDS = ("id", "at", "input", "code", "reason", "stage", "document_id")


def add_listing_parser(sub) -> None:
    from .cli import count_arg

    p = sub.add_parser("documents", help="list stored documents",
                       description="List the documents in the ledger (current versions), oldest "
                                   "ingest first, with their claim counts.")
    p.add_argument("--outlet", help="the outlet contains this")
    p.add_argument("--since", metavar="DATE", help="published on or after (YYYY-MM-DD, YYYY-MM or YYYY)")
    p.add_argument("--until", metavar="DATE", help="published on or before")
    p.add_argument("--search", metavar="TEXT", help="title, URL or input path contains this")
    p.add_argument("--unextracted", action="store_true",
                   help="only documents whose extraction failed or never ran")
    p.add_argument("--all-versions", action="store_true", help="include superseded versions")
    p.add_argument("--limit", type=count_arg)
    p.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    p.set_defaults(func=cmd_documents)

    p = sub.add_parser("failures", help="list inputs that failed, with the reason",
                       description="List recorded failures (inputs refused at reading, documents "
                                   "whose extraction failed or ran out of time), oldest first.")
    p.add_argument("--code", help="only this code (e.g. CL103, CL210)")
    p.add_argument("--input", metavar="TEXT", help="the input's name contains this")
    p.add_argument("--since", metavar="DATE", help="failed on or after (YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="failed on or before")
    p.add_argument("--limit", type=count_arg)
    p.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    p.set_defaults(func=cmd_failures)


def _ledger(settings):
    from .ledger import open_ledger
    return open_ledger(settings.db, create=False)


def cmd_documents(args: argparse.Namespace, settings) -> int:
    with _ledger(settings) as ledger:
        rows = ledger.documents(include_superseded=args.all_versions, outlet=args.outlet, since=args.since,
                                until=args.until, search=args.search, unextracted=args.unextracted,
                                limit=args.limit)
    _print(rows, DOCUMENT_FIELDS, args.format)
    return 0


def cmd_failures(args: argparse.Namespace, settings) -> int:
    with _ledger(settings) as ledger:
        rows = ledger.failures(code=args.code, input=args.input, since=args.since, until=args.until,
                               limit=args.limit)
    _print(rows, FAILURE_FIELDS, args.format)
    return 0


def _print(rows: list[dict], fields: tuple[str, ...], fmt: str, out=None) -> None:
    from .terminal import clean, json_safe, text
    out = out or sys.stdout
    if fmt == "jsonl":
        for r in rows:
            print(json_safe(json.dumps(r, ensure_ascii=False)), file=out)
        return
    if fmt == "csv":
        w = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        tty = out.isatty()
        for r in rows:
            w.writerow({k: clean(v) if tty and isinstance(v, str) else v for k, v in r.items()})
        return
    from rich.console import Console
    from rich.table import Table
    table = Table(show_lines=False, expand=False)
    shown = [f for f in fields if f not in ("ingested_at", "document_id")]
    for f in shown:
        table.add_column(f, overflow="fold")
    for r in rows:
        table.add_row(*(text("" if r.get(f) is None else r.get(f)) for f in shown))
    Console(file=out, width=None if out.isatty() else 200).print(table)
    print(f"{len(rows)} listed", file=sys.stderr)
