"""Command line: a thin layer over ``claimledger.api``.

    claimledger ingest PATH... [--db PATH] [--published DATE --outlet NAME --url URL --title T]
    claimledger extract FILE... [--published DATE] [--format jsonl]
    claimledger claims [--source S --type T --kind K --place P --since D --until D --search TEXT] [--format table|jsonl|csv]
    claimledger show DOCUMENT_ID
    claimledger reconcile | events [--party --type --place --since --until --status] | event EVENT_ID
    claimledger export --what claims|events --format jsonl|csv|geojson|claimreview [filters] [-o FILE]
    claimledger eval attribution DIR | claims GOLD... | articles DIR | timex DIR | toponyms FILE [--format json] [--errors]
    claimledger serve [--host 127.0.0.1 --port 8000] | admin set-password
    claimledger gazetteer install CC... [--force] [--base-url URL] [--sha256 CC=HEX] | list | remove CC...

Exit status: 0 all inputs used; 1 some inputs failed (each named on stderr with its reason);
2 bad usage or an unusable ledger; 130 interrupted (Ctrl-C; ``ingest`` prints its summary so
far first); 141 the reader of the output went away (``| head``).
"""
from __future__ import annotations

import argparse
import csv
import sys
from typing import Optional, Sequence

from . import __version__, api
from .errors import ClaimLedgerError
from .extract.finders import finders_help
from .models import ATTRIBUTION_KINDS, UNKNOWN_KIND, Failure
from .settings import SETTINGS, Settings
from .terminal import clean, json_safe, text as safe_text

CLAIM_TYPES = ("casualties", "deployment", "attack", "territorial_control", "denial", "statement", "other")


def _doc_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("document metadata (single files given directly)")
    g.add_argument("--published", help="publication date (YYYY-MM-DD, or ISO date-time with offset); "
                   "relative dates resolve against it, and stay unresolved without it")
    g.add_argument("--outlet", help="the outlet that published it")
    g.add_argument("--url", help="the article's URL (identifies the document across versions)")
    g.add_argument("--title", help="the headline")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="claimledger",
        description="Turn news reports into a ledger of attributed claims: who claims what happened, "
                    "where, when and how many, on what evidence, and whether anyone confirmed it.",
        epilog="Settings: defaults < claimledger.toml (or the file named by CLAIMLEDGER_CONFIG) < "
               + " / ".join("CLAIMLEDGER_" + s.name.upper() for s in SETTINGS) + " < flags.")
    ap.add_argument("--version", action="version", version=f"claimledger {__version__}")
    _global_options(ap, default=None)
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="read articles (text, HTML, JSONL, directories) into the ledger",
                       description="Read articles and store them with their claims. Text (.txt), HTML "
                                   "(.html), JSONL (one article a line: text or html, url, title, "
                                   "published, outlet) and directories (recursively). The same document "
                                   "ingested again adds nothing; the same URL with new text is a new version.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    _doc_options(p)
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--verbose", "-v", action="store_true",
                   help="after the summary's counts, list the claims of the documents read (as a table)")
    p.add_argument("--format", choices=("table", "jsonl", "csv"),
                   help="list the claims of the documents read in this format (implies --verbose)")
    p.add_argument("--no-reconcile", action="store_true", help="do not run `reconcile` after storing")

    p = sub.add_parser("extract", help="print the claims of files as JSONL, without touching a ledger",
                       description="Extract claims from files and print them (one model load for all "
                                   "files). Each claim carries document_path, the input it came from.")
    p.add_argument("paths", nargs="+", metavar="FILE")
    _doc_options(p)
    p.add_argument("--format", choices=("jsonl", "table"), default="jsonl")

    p = sub.add_parser("claims", help="list claims in the ledger",
                       description="List stored claims, filtered. --since/--until compare with the event "
                                   "time (else the statement time, else the publication date).")
    p.add_argument("--source", help="source name, text, role or affiliation contains this")
    p.add_argument("--type", choices=CLAIM_TYPES)
    p.add_argument("--kind", choices=ATTRIBUTION_KINDS + (UNKNOWN_KIND,),
                   help="what the claim attributes: assertion (a fact or event), evaluation, intention "
                        "(plans, wants, refusals), directive (calls, urges, demands), perception (what "
                        f"evidence shows, what someone saw); {UNKNOWN_KIND}: claims stored before kinds were extracted")
    p.add_argument("--place", help="a place name, region or country code")
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    p.add_argument("--search", metavar="TEXT", help="full-text search over content, sentence and source")
    p.add_argument("--document", metavar="DOCUMENT_ID")
    p.add_argument("--limit", type=count_arg, help="at most this many claims")
    p.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")

    p = sub.add_parser("show", help="show a stored document with its claims marked in place")
    p.add_argument("document_id", metavar="DOCUMENT_ID")

    from .evaluate.cli import add_eval_parser
    from .places.install import add_gazetteer_parser
    from .reconcile.cli import add_reconcile_parser
    add_eval_parser(sub)
    from .attribution_model.train import add_train_parser
    add_train_parser(sub)
    add_gazetteer_parser(sub)
    from .serve.cli import add_serve_parser
    add_serve_parser(sub)
    from .listing import add_listing_parser
    add_listing_parser(sub)
    add_reconcile_parser(sub)
    from .export.cli import add_export_parser
    add_export_parser(sub)
    _global_options_everywhere(ap)
    return ap


def count_arg(value: str) -> int:
    """A --limit: a whole number from 0 up to what SQLite can count."""
    from .ledger.base import MAX_COUNT
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if not 0 <= n <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"{value} is out of range (0 to {MAX_COUNT})")
    return n


#: Options every command takes, before or after its name (``ingest x --db l.db``).
GLOBAL_OPTIONS = (
    (("--db",), dict(metavar="PATH", help="ledger file (SQLite; default ./claimledger.db)")),
    (("--max-bytes",), dict(type=int, metavar="N", help="largest input file accepted (default 10485760)")),
    (("--batch-size",), dict(type=int, metavar="N", help="documents parsed together (default 16)")),
    (("--time-budget",), dict(type=int, metavar="SECONDS",
                              help="extraction time per document before it is recorded as failed (default 60)")),
    (("--attribution-finder",), dict(metavar="FINDER",
                                     help="who finds attributions: " + finders_help())),
    (("--place-tagger",), dict(metavar="on|off",
                               help="places: the learned toponym tagger joins the rules (default on)")),
    (("--outlet-home",), dict(metavar="on|off",
                              help="places: ingest weighs an outlet's home region, learned from its other "
                                   "stories in the ledger (default on)")),
    (("--derivative-min",), dict(type=float, metavar="X", help="reconcile: copy/rewrite score threshold (default 0.45)")),
    (("--duplicate-jaccard",), dict(type=float, metavar="X", help="reconcile: MinHash Jaccard of a duplicate (default 0.9)")),
    (("--event-link-min",), dict(type=float, metavar="X",
                                 help="reconcile: link score joining two reports' claims (default 0.55)")),
    (("--excerpts",), dict(action="store_true",
                           help="site: show only excerpts around claims, never whole article texts")),
    (("--map-tiles",), dict(metavar="URL", help="site: map tile URL template ({z}/{x}/{y})")),
    (("--map-attribution",), dict(metavar="TEXT", help="site: credit line for the map tiles")),
)


def _global_options(parser: argparse.ArgumentParser, default) -> None:
    group = parser.add_argument_group("global options (before or after the command)") \
        if default is argparse.SUPPRESS else parser
    for flags, kw in GLOBAL_OPTIONS:
        if not any(f in parser._option_string_actions for f in flags):
            group.add_argument(*flags, default=default, **kw)


def _global_options_everywhere(parser: argparse.ArgumentParser) -> None:
    """Add the global options to every command and sub-command, defaulting to SUPPRESS so a value
    given before the command is kept unless the command's own is given."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                _global_options(sub, default=argparse.SUPPRESS)
                _global_options_everywhere(sub)


def _err(msg: object) -> None:
    print(clean(msg), file=sys.stderr)


def _open_ledger(settings: Settings, create: bool = True):
    from .ledger import open_ledger
    return open_ledger(settings.db, create=create)


def _with_ledger(command=None, *, create: bool = True):
    """Run ``command(args, settings, ledger)`` with the ledger open, closing it afterwards.
    ``create=False``: a read-only command, refused when the ledger file does not exist."""
    def wrap(command):
        def run(args, settings: Settings) -> int:
            with _open_ledger(settings, create=create) as ledger:
                return command(args, settings, ledger)
        run.__name__ = command.__name__
        return run
    return wrap(command) if command is not None else wrap


def read_only(command):
    return _with_ledger(command, create=False)


@_with_ledger
def cmd_ingest(args, settings: Settings, ledger) -> int:
    import time
    from rich.console import Console

    console = Console(stderr=True)
    show_progress = not args.quiet and (len(args.paths) > 1 or any(_is_dir(p) for p in args.paths))

    def on_failure(f: Failure):
        console.print(safe_text("failed ", style="red") + safe_text(f), highlight=False, soft_wrap=True)

    meta = dict(published=args.published, outlet=args.outlet, url=args.url, title=args.title)
    report = api.IngestReport()
    started = time.monotonic()
    interrupted = False
    try:
        if show_progress:
            from .ingest.batch import count_documents
            with _progress_bar(console) as bar:
                task = bar.add_task("", total=count_documents(args.paths), current="")
                api.ingest(args.paths, ledger, settings=settings, on_failure=on_failure, report=report,
                           progress=lambda name: bar.advance(task),
                           on_start=lambda name: bar.update(task, current=_short(name)), **meta)
        else:
            api.ingest(args.paths, ledger, settings=settings, on_failure=on_failure, report=report, **meta)
    except KeyboardInterrupt:
        interrupted = True   # what was stored stays stored; say how far it got
    if args.verbose or args.format:
        rows = [c for doc_id in dict.fromkeys(report.document_ids) for c in ledger.claims(document_id=doc_id)]
        _print_claims(rows, args.format or "table")
    elapsed = time.monotonic() - started
    _err(f"{'interrupted: ' if interrupted else ''}documents {report.documents} ({report.new_documents} new), "
         f"claims {report.claims}, failures {len(report.failures)} in {elapsed:.1f} s; ledger {settings.db}")
    if interrupted:
        return 130
    if not args.no_reconcile:
        from .reconcile.cli import run_reconcile
        run_reconcile(ledger, settings, quiet=args.quiet)
    return 0 if report.ok else 1


def _short(name: str, width: int = 48) -> str:
    name = clean(name)
    return name if len(name) <= width else "..." + name[-(width - 3):]


def _progress_bar(console):
    """Total, done, rate, elapsed and time left, and the input being read."""
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task):
            speed = task.finished_speed or task.speed
            if speed is None:
                return Text("- docs/s")
            return Text(f"{speed:.2f} docs/s" if speed < 10 else f"{speed:.0f} docs/s")

    return Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), Rate(), TimeElapsedColumn(),
                    TextColumn("left"), TimeRemainingColumn(), TextColumn("{task.fields[current]}", markup=False),
                    console=console, transient=True)


def _print_claims(rows, fmt: str, out=None) -> None:
    out = out or sys.stdout
    if fmt == "jsonl":
        for line in api.claims_jsonl(rows):
            print(json_safe(line), file=out)
    elif fmt == "csv":
        _write_csv(rows, out)
    else:
        _print_table(rows, out)


def _is_dir(p: str) -> bool:
    import os
    return os.path.isdir(p)


def cmd_extract(args, settings: Settings) -> int:
    failures: list[Failure] = []

    def on_failure(f: Failure):
        failures.append(f)
        _err(f"failed {f}")

    out = sys.stdout
    rows = []
    for doc, claims in api.extract(args.paths, settings=settings, on_failure=on_failure,
                                   published=args.published, outlet=args.outlet, url=args.url, title=args.title):
        for c in claims:
            c.document_path = doc.path
            if args.format == "jsonl":
                out.write(json_safe(next(api.claims_jsonl([c]))) + "\n")
            else:
                rows.append(c.to_dict())
    if args.format == "table":
        _print_table(rows, out)
    out.flush()
    return 1 if failures else 0


@read_only
def cmd_claims(args, settings: Settings, ledger) -> int:
    rows = ledger.claims(source=args.source, type=args.type, place=args.place, since=args.since,
                         until=args.until, search=args.search, document_id=args.document, limit=args.limit,
                         kind=args.kind)
    _print_claims(rows, args.format)
    return 0


@read_only
def cmd_show(args, settings: Settings, ledger) -> int:
    doc = ledger.document(args.document_id)
    if doc is None:
        _err(f"{args.document_id}: no such document in {settings.db}")
        return 1
    print(clean(api.marked_text(doc, ledger.claims(document_id=args.document_id))))
    return 0


CSV_FIELDS = ("id", "document_id", "attribution", "attribution_kind", "type", "source", "cue", "content", "quantities",
              "places", "event_time", "stated_at", "verification", "confidence")


def _flat(c: dict) -> dict:
    src = c.get("source") or {}
    qs = "; ".join(q.get("text", "") for q in c.get("quantities") or [])
    ps = "; ".join(p.get("name", "") for p in c.get("places") or [])

    def t(x):
        if not x:
            return ""
        if x.get("start") is None:
            return f"{x.get('text')} (unresolved)"
        return x["start"] if x.get("start") == x.get("end") else f"{x.get('start')}..{x.get('end')}"
    return {
        "id": c.get("id"), "document_id": c.get("document_id"), "attribution": c.get("attribution"),
        "attribution_kind": c.get("attribution_kind") or "",
        "type": c.get("type"), "source": src.get("name") or src.get("text") or src.get("kind"),
        "cue": (c.get("cue") or {}).get("text", ""), "content": c.get("content"), "quantities": qs,
        "places": ps, "event_time": t(c.get("event_time")), "stated_at": t(c.get("stated_at")),
        "verification": (c.get("verification") or {}).get("status", "unknown"), "confidence": c.get("confidence"),
    }


def _write_csv(rows, out) -> None:
    w = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    w.writeheader()
    tty = out.isatty()
    for c in rows:
        row = _flat(c)
        w.writerow({k: clean(v) if tty and isinstance(v, str) else v for k, v in row.items()})


def _print_table(rows, out) -> None:
    from rich.console import Console
    from rich.table import Table
    table = Table(show_lines=False, expand=False)
    for col in ("source", "attribution", "kind", "type", "content", "quantities", "places", "event_time", "verification"):
        table.add_column(col, overflow="fold")
    for c in rows:
        f = _flat(c)
        content = f["content"] if len(f["content"] or "") < 140 else f["content"][:137] + "..."
        table.add_row(*(safe_text(v if v is not None else "") for v in (
            f["source"], f["attribution"], f["attribution_kind"], f["type"], content, f["quantities"], f["places"],
            f["event_time"], f["verification"])))
    width = None if out.isatty() else 200
    Console(file=out, width=width).print(table)


COMMANDS = {"ingest": cmd_ingest, "extract": cmd_extract, "claims": cmd_claims, "show": cmd_show}


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.load({s.name: getattr(args, s.name, None) for s in SETTINGS})
        if getattr(args, "published", None) is not None:  # a bad flag is bad usage, not a bad input
            from .ingest import parse_published
            parse_published(args.published, input="--published")
        func = getattr(args, "func", None) or COMMANDS[args.command]
        return func(args, settings)
    except ClaimLedgerError as exc:
        _err(str(exc))
        return 2
    except BrokenPipeError:
        # The reader went away (`claimledger claims | head`): stop quietly, and keep the
        # interpreter's final flush of stdout from raising again.
        try:
            import os
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 141
    except KeyboardInterrupt:
        _err("interrupted")
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
