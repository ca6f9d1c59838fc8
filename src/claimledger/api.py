"""The library API the CLI is a thin layer over: ingest into a ledger, extract without one,
query and show. Everything the CLI does is one call here.
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional

from . import PIPELINE_VERSION
from .errors import ClaimLedgerError, UsageError
from .models import Claim, Document, Failure
from .settings import Settings

Progress = Callable[[str], None]


@dataclass
class IngestReport:
    documents: int = 0          # documents read successfully
    new_documents: int = 0      # of which new to the ledger (or new versions)
    claims: int = 0             # claims extracted from new documents
    failures: list[Failure] = field(default_factory=list)
    document_ids: list[str] = field(default_factory=list)   # the documents read, in input order
    busy: int = 0               # left to another ingest extracting them at the same time

    @property
    def ok(self) -> bool:
        return not self.failures


def read_documents(paths: Iterable[str], *, published=None, outlet=None, url=None, title=None,
                   settings: Optional[Settings] = None) -> Iterator[Document | Failure]:
    from .ingest import read_inputs
    settings = settings or Settings()
    yield from read_inputs(list(paths), published=published, outlet=outlet, url=url, title=title,
                           max_bytes=settings.max_bytes)


def _batches(items: Iterable, n: int):
    batch = []
    for it in items:
        batch.append(it)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def _default_extractor(settings: Settings):
    from .extract.pipeline import Extractor
    finder = getattr(settings, "attribution_finder", "rules") or "rules"
    try:
        return Extractor(batch_size=settings.batch_size, finder=finder,
                         place_tagger=getattr(settings, "place_tagger", True))
    except ValueError as exc:  # an unknown finder name
        raise UsageError(f"attribution_finder: {exc}", code="CL402") from exc


def _bounded(extractor, settings: Settings):
    from .extract.bounded import BoundedExtractor
    return BoundedExtractor(extractor, settings.time_budget)


def _failure_of(doc: Document, outcome, stage: str = "extract", document_id: Optional[str] = None) -> Failure:
    return Failure(doc.path or doc.id, outcome.reason, outcome.code, document_id=document_id, stage=stage)


def extract(paths: Iterable[str], *, published=None, outlet=None, url=None, title=None,
            settings: Optional[Settings] = None, extractor=None,
            on_failure: Optional[Callable[[Failure], None]] = None) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims of each readable input, in input order; failures go to ``on_failure``. One model
    load for all inputs; each document gets at most ``settings.time_budget`` seconds."""
    settings = settings or Settings()
    extractor = extractor if extractor is not None else _default_extractor(settings)
    stream = read_documents(paths, published=published, outlet=outlet, url=url, title=title, settings=settings)
    with _bounded(extractor, settings) as bounded:
        for item in stream:
            if isinstance(item, Failure):
                if on_failure:
                    on_failure(item)
                continue
            outcome = bounded.run(item)
            if not outcome.ok:
                if on_failure:
                    on_failure(_failure_of(item, outcome))
                continue
            yield item, outcome.claims


def _owner() -> str:
    import os
    import socket
    import uuid
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def ingest(paths: Iterable[str], ledger, *, published=None, outlet=None, url=None, title=None,
           settings: Optional[Settings] = None, extractor=None,
           progress: Optional[Progress] = None,
           on_failure: Optional[Callable[[Failure], None]] = None,
           on_start: Optional[Progress] = None,
           report: Optional[IngestReport] = None) -> IngestReport:
    """Read, extract and store. A document already in the ledger (same URL or text, same text)
    adds nothing; the same URL with new text is stored as a new version.

    Each document is stored before it is extracted, then extracted within ``settings.time_budget``
    seconds (a document over it is recorded as failed and the batch goes on). A document stored
    earlier without an extraction (it failed then) is retried, once per run; an input named twice
    is reported once. Another ingest extracting the same document at the same time is left to it
    (``report.busy``). ``report``, if given, is filled in as the run goes, so a caller interrupted
    (Ctrl-C) still has the counts so far. ``progress(name)`` is called when an input is done,
    ``on_start(name)`` when its extraction starts.
    """
    report = report if report is not None else IngestReport()
    reported: set[str] = set()

    def fail(f: Failure):
        key = f"{f.input}\0{f.document_id}"
        if key in reported:                 # the same input twice in one run: one line, one record
            return
        reported.add(key)
        report.failures.append(f)
        try:
            ledger.record_failure(f)
        except Exception:  # recording a failure must not itself stop the batch
            pass
        if on_failure:
            on_failure(f)

    def done(name: str):
        if progress:
            progress(name)

    settings = settings or Settings()
    extractor = extractor if extractor is not None else _default_extractor(settings)
    owner = _owner()
    version = getattr(extractor, "version", PIPELINE_VERSION)   # hashes the attribution finder too
    seen: set[str] = set()        # documents handled in this run (tried once per run)
    stream = read_documents(paths, published=published, outlet=outlet, url=url, title=title, settings=settings)
    with _bounded(extractor, settings) as bounded:
        for item in stream:
            if isinstance(item, Failure):
                item.stage = item.stage or "read"
                fail(item)
                done(item.input)
                continue
            doc = item
            name = doc.path or doc.id
            report.documents += 1
            try:
                doc_id, is_new = ledger.add_document(doc)
                report.document_ids.append(doc_id)
                if is_new:  # stored now, even if its extraction fails below (it is retried next time)
                    report.new_documents += 1
                if doc_id in seen:
                    done(name)
                    continue
                seen.add(doc_id)
                from .extract.bounded import budget_for     # extract is imported only when extracting
                busy = ledger.lease_extraction(doc_id, version, owner,
                                               seconds=2 * budget_for(settings.time_budget, len(doc.text)) + 60)
                if busy == "extracted":
                    done(name)
                    continue
                if busy:
                    report.busy += 1
                    done(name)
                    continue
                if not is_new:
                    # re-extract the stored text, not the re-read one: offsets point into what is stored
                    from .ledger import document_from_dict
                    doc = document_from_dict(ledger.document(doc_id))
            except ClaimLedgerError as exc:
                fail(Failure(name, exc.message, exc.code, stage="store"))
                done(name)
                continue
            if getattr(settings, "outlet_home", True):
                doc = with_outlet_home(ledger, doc, doc_id)
            if on_start:
                on_start(name)
            try:
                outcome = bounded.run(doc)
                if not outcome.ok:
                    fail(_failure_of(doc, outcome, document_id=doc_id))
                else:
                    try:
                        report.claims += ledger.add_claims(doc_id, outcome.claims, version)
                    except ClaimLedgerError as exc:
                        fail(Failure(name, exc.message, exc.code, document_id=doc_id, stage="store"))
                    except Exception as exc:
                        fail(Failure(name, f"{type(exc).__name__}: {exc}", "CL299", document_id=doc_id,
                                     stage="store"))
            finally:
                try:
                    ledger.finish_extraction(doc_id, version, owner)
                except Exception:
                    pass
            done(name)
    return report


def with_outlet_home(ledger, doc: Document, doc_id: str) -> Document:
    """``doc`` with its outlet's home region (the region most of the outlet's other current stories
    in ``ledger`` are placed in, :mod:`claimledger.places.outlet_profile`) in its meta, for the
    extraction to weigh; ``doc`` itself when the ledger knows none. Only the extraction sees it:
    the document is stored as read."""
    from .places.outlet import HOME_META, Outlet
    outlet = Outlet.from_url(doc.url)
    if outlet is None:
        return doc
    home = ledger.outlet_home(outlet.host, exclude=doc_id)
    if home is None:
        return doc
    return dataclasses.replace(doc, meta={**(doc.meta or {}), HOME_META: home.to_dict()})


def claims_jsonl(claims: Iterable[Claim | dict]) -> Iterator[str]:
    for c in claims:
        d = c.to_dict() if isinstance(c, Claim) else c
        yield json.dumps(d, ensure_ascii=False)


def marked_text(document: dict, claims: list[dict]) -> str:
    """The stored text with each claim's content bracketed and numbered, excluded regions shown
    as such, and a key below: what an analyst reads to check the extraction in place."""
    text = document["text"]
    inserts: list[tuple[int, int, str]] = []  # (offset, order, marker)
    ordered = sorted(claims, key=lambda c: tuple(c.get("span") or (0, 0)))
    for n, c in enumerate(ordered, 1):
        pieces = c.get("spans") or [c.get("span")]
        for s, e in pieces:
            inserts.append((s, 1, f"⟦{n} "))
            inserts.append((e, 0, "⟧"))
    for s, e in document.get("excluded") or []:
        inserts.append((s, 2, "⟪excluded: "))
        inserts.append((e, -1, "⟫"))
    inserts.sort(key=lambda x: (x[0], x[1]))
    out, pos = [], 0
    for off, _, mark in inserts:
        out.append(text[pos:off])
        out.append(mark)
        pos = off
    out.append(text[pos:])
    lines = ["".join(out), "", "Claims:"]
    for n, c in enumerate(ordered, 1):
        src = c.get("source") or {}
        who = src.get("name") or src.get("text") or src.get("kind")
        cue = (c.get("cue") or {}).get("text") or ""
        ver = (c.get("verification") or {}).get("status", "unknown")
        kind = f"; {c['attribution_kind']}" if c.get("attribution_kind") else ""
        lines.append(f"  {n:>2}. [{c['attribution']}/{c['type']}] {who}"
                     f"{' (' + cue + ')' if cue else ''}{kind}; verification {ver}; id {c['id']}")
    return "\n".join(lines)


# -- reconcile: events across documents (see claimledger.reconcile) -----------------------------

def reconcile(ledger, settings: Optional[Settings] = None, progress: Optional[Progress] = None):
    """Group the ledger's new claims into events, find copies, rate corroboration (incremental)."""
    from .reconcile import ReconcileSettings, reconcile as run
    return run(ledger, ReconcileSettings.from_settings(settings), progress=progress)


def events(ledger, **filters):
    """Events in list form; filters: party, type, place, since, until, status, limit, offset
    (see ``claimledger.reconcile.list_events``)."""
    from .reconcile import list_events
    return list_events(ledger, **filters)


def event(ledger, event_id: str):
    """One event with claims by party, status and reasons, estimates, derivatives and timeline,
    or None (see ``claimledger.reconcile.event_detail``)."""
    from .reconcile import event_detail
    return event_detail(ledger, event_id)
