"""The library API the CLI is a thin layer over: ingest into a ledger, extract without one,
query and show. Everything the CLI does is one call here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional

from . import PIPELINE_VERSION
from .errors import ClaimLedgerError
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


def _extract_batch(extractor, docs: list[Document]):
    """(document, claims, failure) for each document, parsed together with ``nlp.pipe``; when the
    batch fails, each document is retried alone so one bad document costs only itself."""
    if not docs:
        return []
    try:
        return [(d, claims, None) for d, claims in extractor.extract(docs)]
    except Exception:
        pass
    out = []
    for doc in docs:
        try:
            out.append((doc, extractor.extract_one(doc), None))
        except ClaimLedgerError as exc:
            out.append((doc, None, Failure(doc.path or doc.id, exc.message, exc.code)))
        except Exception as exc:
            out.append((doc, None, Failure(doc.path or doc.id,
                                           f"extraction failed: {type(exc).__name__}: {exc}", "CL299")))
    return out


def extract(paths: Iterable[str], *, published=None, outlet=None, url=None, title=None,
            settings: Optional[Settings] = None, extractor=None,
            on_failure: Optional[Callable[[Failure], None]] = None) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims of each readable input, in input order; failures go to ``on_failure``. One model
    load for all inputs; parses are batched."""
    settings = settings or Settings()
    if extractor is None:
        from .extract.pipeline import Extractor
        extractor = Extractor(batch_size=settings.batch_size)
    stream = read_documents(paths, published=published, outlet=outlet, url=url, title=title, settings=settings)
    for batch in _batches(stream, settings.batch_size):
        docs = []
        for item in batch:
            if isinstance(item, Failure):
                if on_failure:
                    on_failure(item)
            else:
                docs.append(item)
        for doc, claims, failure in _extract_batch(extractor, docs):
            if failure is not None:
                if on_failure:
                    on_failure(failure)
                continue
            yield doc, claims


def ingest(paths: Iterable[str], ledger, *, published=None, outlet=None, url=None, title=None,
           settings: Optional[Settings] = None, extractor=None,
           progress: Optional[Progress] = None,
           on_failure: Optional[Callable[[Failure], None]] = None) -> IngestReport:
    """Read, extract and store. A document already in the ledger (same URL or text, same text)
    adds nothing; the same URL with new text is stored as a new version."""
    report = IngestReport()

    def fail(f: Failure):
        report.failures.append(f)
        try:
            ledger.record_failure(f)
        except Exception:  # recording a failure must not itself stop the batch
            pass
        if on_failure:
            on_failure(f)

    settings = settings or Settings()
    if extractor is None:
        from .extract.pipeline import Extractor
        extractor = Extractor(batch_size=settings.batch_size)
    stream = read_documents(paths, published=published, outlet=outlet, url=url, title=title, settings=settings)
    for batch in _batches(stream, settings.batch_size):
        todo: list[tuple[str, Document]] = []
        for item in batch:
            if isinstance(item, Failure):
                fail(item)
                if progress:
                    progress(item.input)
                continue
            doc = item
            report.documents += 1
            try:
                doc_id, is_new = ledger.add_document(doc)
                report.document_ids.append(doc_id)
                if is_new:  # stored now, even if its extraction fails below (it is retried next time)
                    report.new_documents += 1
                if not ledger.has_extraction(doc_id, PIPELINE_VERSION):
                    if not is_new:
                        # re-extract the stored text, not the re-read one: offsets point into what is stored
                        from .ledger import document_from_dict
                        doc = document_from_dict(ledger.document(doc_id))
                    todo.append((doc_id, doc))
                elif progress:
                    progress(doc.path or doc.id)
            except ClaimLedgerError as exc:
                fail(Failure(doc.path or doc.id, exc.message, exc.code))
                if progress:
                    progress(doc.path or doc.id)
        results = _extract_batch(extractor, [d for _, d in todo])
        for (doc_id, doc), (_, claims, failure) in zip(todo, results):
            if failure is not None:
                fail(failure)
            else:
                try:
                    report.claims += ledger.add_claims(doc_id, claims, PIPELINE_VERSION)
                except ClaimLedgerError as exc:
                    fail(Failure(doc.path or doc.id, exc.message, exc.code))
                except Exception as exc:
                    fail(Failure(doc.path or doc.id, f"{type(exc).__name__}: {exc}", "CL299"))
            if progress:
                progress(doc.path or doc.id)
    return report


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
        lines.append(f"  {n:>2}. [{c['attribution']}/{c['type']}] {who}"
                     f"{' (' + cue + ')' if cue else ''}; verification {ver}; id {c['id']}")
    return "\n".join(lines)
