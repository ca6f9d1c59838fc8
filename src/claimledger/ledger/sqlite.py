"""The SQLite ledger: every SQL statement the SQLite backend runs is in this module
(data changes and queries) or in ``migrations/*.sql`` (the schema).
"""
from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, Union

from ..errors import LedgerError
from ..models import Claim, Document, Failure
from .base import (
    MIGRATION, NOT_FOUND, OPEN, WRITE, DateLike, Migration, claim_row, claim_time_range,
    check_count, document_row, fold, load_migrations, now, pending_migrations, place_row, query_date,
    search_terms, source_row,
)

MEMORY = ":memory:"


class Ledger:
    """A claim ledger in one SQLite file (WAL mode, foreign keys on).

    ``Ledger(":memory:")`` for tests. The schema is migrated on open; a database
    written by a newer claimledger is refused untouched. Every write runs in one
    transaction: if any part fails, nothing of it is stored. ``tracer``, if given,
    is called with each SQL statement (as sqlite3's trace callback).
    """

    def __init__(self, path: Union[str, os.PathLike] = MEMORY, *,
                 tracer: Optional[Callable[[str], None]] = None, create: bool = True):
        self.path = os.fspath(path)
        where = self.path
        if not create and self.path != MEMORY and not self.path.startswith("file:") \
                and not Path(self.path).expanduser().is_file():
            # a mistyped --db for a read-only command must not silently create an empty ledger
            raise LedgerError("no ledger here: ingest something into it first, or give the right --db",
                              code=OPEN, input=where)
        try:
            if self.path != MEMORY and not self.path.startswith("file:"):
                Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
                self.path = str(Path(self.path).expanduser())
            self.conn = sqlite3.connect(self.path, isolation_level=None,
                                        uri=self.path.startswith("file:"))
        except (OSError, sqlite3.Error) as exc:
            raise LedgerError(f"cannot open the ledger: {exc}", code=OPEN, input=where) from exc
        self.conn.row_factory = sqlite3.Row
        if tracer:
            self.conn.set_trace_callback(tracer)
        self.conn.create_function("cl_fold", 1, fold, deterministic=True)
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 5000")
            self._migrate(load_migrations())     # first: a refused database is left as it was
            self.conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as exc:
            self.conn.close()
            raise LedgerError(f"cannot open the ledger: {exc}", code=OPEN, input=where) from exc
        except LedgerError:
            self.conn.close()
            raise

    # -- lifecycle --------------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Ledger {self.path}>"

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested uses join the outer one.

        Rolls back on any exception; SQLite errors come out as LedgerError.
        """
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise LedgerError(f"write failed and was rolled back: {exc}", code=WRITE,
                                  input=self.path) from exc
            raise

    # -- migrations -------------------------------------------------------------------------

    def _migrate(self, known: Sequence[Migration]) -> None:
        tables = {r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
        if tables and "migrations" not in tables:
            raise LedgerError("this SQLite database is not a claimledger ledger (it has tables but no "
                              "migrations record); give a new or existing ledger file", code=OPEN,
                              input=self.path)
        # Refuses a database migrated by a newer claimledger before changing anything.
        pending = pending_migrations(known, self._applied() if tables else {}, self.path)
        if pending:
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations ("
                " number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        for migration in pending:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                # Re-read under the write lock: another process may have just applied it.
                if migration in pending_migrations(known, self._applied(), self.path):
                    for statement in _statements(migration.sql):
                        self.conn.execute(statement)
                    self.conn.execute(
                        "INSERT INTO migrations (number, name, applied_at) VALUES (?, ?, ?)",
                        (migration.number, migration.name, now()))
                self.conn.execute("COMMIT")
            except BaseException as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise LedgerError(f"migration {migration.name} failed and was rolled back: {exc}",
                                      code=MIGRATION, input=self.path) from exc
                raise

    def _applied(self) -> dict[int, str]:
        return {r["number"]: r["name"] for r in self.conn.execute("SELECT number, name FROM migrations")}

    def migrations(self) -> list[dict[str, Any]]:
        """The applied migrations, oldest first: number, name, applied_at."""
        return _dicts(self.conn.execute("SELECT number, name, applied_at FROM migrations ORDER BY number"))

    # -- documents --------------------------------------------------------------------------

    def add_document(self, doc: Document) -> tuple[str, bool]:
        """Store a document; returns (document id, is_new).

        The same identity (URL, else text) with the same normalised text is stored once:
        ingesting it again returns its id with is_new False (even if that version has since
        been superseded). The same URL with changed text is stored as the next version and
        the previous version is marked superseded_by the new one; nothing is deleted.
        """
        row = document_row(doc)
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM documents WHERE id = ?", (row["id"],)).fetchone():
                return row["id"], False
            latest = conn.execute(
                "SELECT MAX(version) FROM documents WHERE identity_key = ?", (row["identity_key"],)
            ).fetchone()[0]
            row.update(version=(latest or 0) + 1, ingested_at=now(), superseded_by=None)
            _insert(conn, "documents", row)
            conn.execute(
                "UPDATE documents SET superseded_by = ? "
                "WHERE identity_key = ? AND id != ? AND superseded_by IS NULL",
                (row["id"], row["identity_key"], row["id"]))
        return row["id"], True

    def document(self, document_id: str) -> Optional[dict[str, Any]]:
        """One stored document, or None: the Document fields (text, excluded as [start, end]
        pairs, excluded_reasons, meta, ...) plus id, identity_key, text_hash, version,
        ingested_at and superseded_by."""
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
        return _document_dict(row) if row else None

    def documents(self, *, include_superseded: bool = False, outlet: Optional[str] = None,
                  since: DateLike = None, until: DateLike = None, search: Optional[str] = None,
                  unextracted: bool = False, limit: Optional[int] = None) -> list[dict[str, Any]]:
        """Stored documents in ingest order, without text, each with its active claim count and
        whether it has any extraction (``extracted``).

        Only current versions unless ``include_superseded``. ``outlet``: the outlet contains it;
        ``since``/``until``: the publication date; ``search``: title, URL or input path contains
        it (case-insensitive); ``unextracted``: only documents no extraction has been stored for
        (their extraction failed or ran out of time).
        """
        where, params = [], {}
        if not include_superseded:
            where.append("d.superseded_by IS NULL")
        if outlet:
            where.append("instr(cl_fold(d.outlet), :outlet) > 0")
            params["outlet"] = fold(outlet)
        if since not in (None, ""):
            where.append("d.published >= :since")
            params["since"] = query_date(since, "since", last=False)
        if until not in (None, ""):
            where.append("d.published <= :until")
            params["until"] = query_date(until, "until", last=True)
        if search:
            where.append("(instr(cl_fold(d.title), :search) > 0 OR instr(cl_fold(d.url), :search) > 0"
                         " OR instr(cl_fold(d.path), :search) > 0)")
            params["search"] = fold(search)
        if unextracted:
            where.append("NOT EXISTS (SELECT 1 FROM extractions e WHERE e.document_id = d.id)")
        sql = ("SELECT d.id, d.identity_key, d.url, d.version, d.text_hash, d.title, d.author,"
               " d.published, d.published_tz, d.outlet, d.language, d.content_type, d.path,"
               " d.truncated, d.body_start, d.meta, d.ingested_at, d.superseded_by,"
               " (SELECT COUNT(*) FROM claims c WHERE c.document_id = d.id"
               "   AND c.retracted_by_extraction IS NULL) AS claims,"
               " EXISTS (SELECT 1 FROM extractions e WHERE e.document_id = d.id) AS extracted"
               " FROM documents d")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.ingested_at, d.rowid"
        if limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = check_count(limit, "limit")
        out = []
        for r in self.conn.execute(sql, params):
            d = _document_dict(r)
            d["extracted"] = bool(d["extracted"])
            out.append(d)
        return out

    # -- claims -----------------------------------------------------------------------------

    def add_claims(self, document_id: str, claims: Sequence[Claim], pipeline_version: str) -> int:
        """Record one extraction of a document; returns the number of claims it produced.

        Claims are upserted by their stable id, so annotations on them survive. Claims
        of the document that this extraction no longer produces are kept but marked
        ``retracted_by_extraction`` and left out of default queries; a claim produced
        again is un-retracted.
        """
        claims = list(claims)
        for c in claims:
            if c.document_id != document_id:
                raise LedgerError(f"claim {c.id} belongs to document {c.document_id}, not {document_id}",
                                  code=WRITE, input=document_id)
        rows = [(c, claim_row(c, pipeline_version)) for c in claims]
        with self.transaction() as conn:
            doc = conn.execute("SELECT published FROM documents WHERE id = ?", (document_id,)).fetchone()
            if doc is None:
                raise LedgerError("no such document in the ledger; add_document() first",
                                  code=NOT_FOUND, input=document_id)
            at = now()
            extraction_id = conn.execute(
                "INSERT INTO extractions (document_id, pipeline_version, created_at) VALUES (?, ?, ?)",
                (document_id, pipeline_version, at)).lastrowid
            ids = set()
            for claim, row in rows:
                time_start, time_end = claim_time_range(claim, doc["published"])
                row.update(source_id=self._source_id(claim), time_start=time_start, time_end=time_end,
                           extraction_id=extraction_id, retracted_by_extraction=None,
                           created_at=at, updated_at=at)
                _upsert_claim(conn, row)
                conn.execute("DELETE FROM claim_places WHERE claim_id = ?", (row["id"],))
                for place in claim.places:
                    conn.execute("INSERT OR IGNORE INTO claim_places (claim_id, place_id) VALUES (?, ?)",
                                 (row["id"], self._place_id(place)))
                ids.add(row["id"])
            retracted = conn.execute(
                "UPDATE claims SET retracted_by_extraction = ? WHERE document_id = ?"
                " AND extraction_id != ? AND retracted_by_extraction IS NULL",
                (extraction_id, document_id, extraction_id)).rowcount
            conn.execute("UPDATE extractions SET claim_count = ?, retracted_count = ? WHERE id = ?",
                         (len(ids), retracted, extraction_id))
        return len(ids)

    def _source_id(self, claim: Claim) -> Optional[int]:
        row = source_row(claim.source)
        if row is None:
            return None
        self.conn.execute(
            "INSERT INTO sources (name, kind, party, affiliation) VALUES (:name, :kind, :party, :affiliation)"
            " ON CONFLICT (name, kind) DO UPDATE SET"
            " party = COALESCE(sources.party, excluded.party),"
            " affiliation = COALESCE(sources.affiliation, excluded.affiliation)", row)
        return self.conn.execute("SELECT id FROM sources WHERE name = ? AND kind = ?",
                                 (row["name"], row["kind"])).fetchone()[0]

    def _place_id(self, place) -> int:
        row = place_row(place)
        self.conn.execute(
            "INSERT INTO places (key, name, geonames_id, admin1, country, lat, lon, feature)"
            " VALUES (:key, :name, :geonames_id, :admin1, :country, :lat, :lon, :feature)"
            " ON CONFLICT (key) DO UPDATE SET"
            " admin1 = COALESCE(places.admin1, excluded.admin1),"
            " country = COALESCE(places.country, excluded.country),"
            " lat = COALESCE(places.lat, excluded.lat), lon = COALESCE(places.lon, excluded.lon),"
            " feature = COALESCE(places.feature, excluded.feature)", row)
        return self.conn.execute("SELECT id FROM places WHERE key = ?", (row["key"],)).fetchone()[0]

    def claims(self, source: Optional[str] = None, type: Union[str, Iterable[str], None] = None,
               place: Optional[str] = None, since: DateLike = None, until: DateLike = None,
               search: Optional[str] = None, document_id: Optional[str] = None,
               limit: Optional[int] = None, *, offset: int = 0,
               include_retracted: bool = False, include_superseded: bool = False) -> list[dict[str, Any]]:
        """Stored claims (claim.schema.json dicts) matching every filter given, by document then span.

        source: substring of the canonical name, source text, role or affiliation, any case.
        type: one claim type or several.
        place: substring of a linked place's name or admin1 region, or its country code.
        since/until: ISO dates (YYYY-MM-DD, YYYY-MM or YYYY); keeps claims whose event_time
            (else stated_at, else the document's publication date) overlaps the range.
        search: words AND-ed over content, sentence and source (see base.search_terms);
            text with no words at all ("!!!") matches nothing.
        Empty strings count as not given (as from an empty form field).
        document_id: one document; its claims are shown even if it has been superseded.
        Retracted claims, and claims of superseded document versions, are left out unless
        asked for; a retracted claim's dict carries ``retracted_by_extraction``.
        """
        where: list[str] = []
        params: dict[str, Any] = {}
        if not include_retracted:
            where.append("c.retracted_by_extraction IS NULL")
        if document_id is not None:
            where.append("c.document_id = :document_id")
            params["document_id"] = document_id
        elif not include_superseded:
            where.append("d.superseded_by IS NULL")
        if source:
            where.append(
                "(instr(cl_fold(s.name), :source) > 0 OR instr(cl_fold(c.source_text), :source) > 0"
                " OR instr(cl_fold(c.source_role), :source) > 0"
                " OR instr(cl_fold(COALESCE(c.source_affiliation, s.affiliation)), :source) > 0)")
            params["source"] = fold(source)
        if type:
            types = [type] if isinstance(type, str) else list(type)
            names = [f":type{i}" for i in range(len(types))]
            where.append(f"c.type IN ({', '.join(names)})")
            params.update({n[1:]: t for n, t in zip(names, types)})
        if place:
            where.append(
                "EXISTS (SELECT 1 FROM claim_places cp JOIN places p ON p.id = cp.place_id"
                " WHERE cp.claim_id = c.id AND (instr(cl_fold(p.name), :place) > 0"
                " OR instr(cl_fold(p.admin1), :place) > 0 OR cl_fold(p.country) = :place))")
            params["place"] = fold(place)
        if since not in (None, ""):
            where.append("c.time_end >= :since")
            params["since"] = query_date(since, "since", last=False)
        if until not in (None, ""):
            where.append("c.time_start <= :until")
            params["until"] = query_date(until, "until", last=True)
        if search and search.strip():
            terms = search_terms(search)
            if not terms:
                return []
            where.append("c.seq IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH :search)")
            params["search"] = " ".join(f'"{phrase}"' + ("*" if prefix else "") for phrase, prefix in terms)
        sql = ("SELECT c.data, c.document_id, c.retracted_by_extraction FROM claims c"
               " JOIN documents d ON d.id = c.document_id LEFT JOIN sources s ON s.id = c.source_id")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.published IS NULL, d.published, d.id, c.span_start, c.span_end"
        if limit is not None or offset:
            sql += " LIMIT :limit OFFSET :offset"
            params.update(limit=-1 if limit is None else check_count(limit, "limit"),
                          offset=check_count(offset, "offset"))
        out = []
        for row in self.conn.execute(sql, params):
            d = json.loads(row["data"])
            d["document_id"] = row["document_id"]
            if row["retracted_by_extraction"] is not None:
                d["retracted_by_extraction"] = row["retracted_by_extraction"]
            out.append(d)
        return out

    def has_extraction(self, document_id: str, pipeline_version: Optional[str] = None) -> bool:
        """Whether the document has been extracted (by this pipeline version, if given)."""
        sql = "SELECT 1 FROM extractions WHERE document_id = ?"
        params: tuple = (document_id,)
        if pipeline_version is not None:
            sql += " AND pipeline_version = ?"
            params += (pipeline_version,)
        return self.conn.execute(sql + " LIMIT 1", params).fetchone() is not None

    def extractions(self, document_id: Optional[str] = None) -> list[dict[str, Any]]:
        """Extraction runs, oldest first (all, or one document's)."""
        sql = "SELECT * FROM extractions"
        params: tuple = ()
        if document_id is not None:
            sql += " WHERE document_id = ?"
            params = (document_id,)
        return _dicts(self.conn.execute(sql + " ORDER BY id", params))

    # -- annotations and failures -----------------------------------------------------------

    def add_annotation(self, claim_id: str, author: Optional[str], body: str) -> int:
        """Attach a note to a claim; returns the annotation id."""
        with self.transaction() as conn:
            if not conn.execute("SELECT 1 FROM claims WHERE id = ?", (claim_id,)).fetchone():
                raise LedgerError("no such claim in the ledger", code=NOT_FOUND, input=claim_id)
            return conn.execute(
                "INSERT INTO annotations (claim_id, author, body, created_at) VALUES (?, ?, ?, ?)",
                (claim_id, author, body, now())).lastrowid

    def annotations(self, claim_id: str) -> list[dict[str, Any]]:
        return _dicts(self.conn.execute(
            "SELECT id, claim_id, author, body, created_at FROM annotations WHERE claim_id = ? ORDER BY id",
            (claim_id,)))

    def record_failure(self, failure: Failure) -> int:
        """Record an input that could not be used; returns the failure id."""
        with self.transaction() as conn:
            return conn.execute(
                "INSERT INTO failures (input, reason, code, at, document_id, stage) VALUES (?, ?, ?, ?, ?, ?)",
                (failure.input, failure.reason, failure.code, now(), failure.document_id,
                 failure.stage)).lastrowid

    def failures(self, *, code: Optional[str] = None, input: Optional[str] = None,
                 since: DateLike = None, until: DateLike = None, document_id: Optional[str] = None,
                 limit: Optional[int] = None) -> list[dict[str, Any]]:
        """Recorded failures, oldest first: id, input, reason, code, at, document_id, stage.
        ``input`` matches inputs containing it; ``since``/``until`` compare the day it happened."""
        where, params = [], {}
        if code:
            where.append("code = :code")
            params["code"] = code.strip().upper()
        if input:
            where.append("instr(input, :input) > 0")
            params["input"] = input
        if document_id:
            where.append("document_id = :document_id")
            params["document_id"] = document_id
        if since not in (None, ""):
            where.append("substr(at, 1, 10) >= :since")
            params["since"] = query_date(since, "since", last=False)
        if until not in (None, ""):
            where.append("substr(at, 1, 10) <= :until")
            params["until"] = query_date(until, "until", last=True)
        sql = "SELECT id, input, reason, code, at, document_id, stage FROM failures"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id"
        if limit is not None:
            sql += " LIMIT :limit"
            params["limit"] = check_count(limit, "limit")
        return _dicts(self.conn.execute(sql, params))

    # -- extraction leases ------------------------------------------------------------------

    def lease_extraction(self, document_id: str, pipeline_version: str, owner: str,
                         seconds: float) -> Optional[str]:
        """Take the lease to extract a document; None when taken, else why not ("extracted": this
        version already has an extraction; "busy until T by OWNER": another ingest holds an
        unexpired lease). An expired or finished lease is taken over (updated, not deleted)."""
        from datetime import datetime, timedelta, timezone
        t = datetime.now(timezone.utc)
        at = t.isoformat(timespec="milliseconds")
        until = (t + timedelta(seconds=seconds)).isoformat(timespec="milliseconds")
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM extractions WHERE document_id = ? AND pipeline_version = ?",
                            (document_id, pipeline_version)).fetchone():
                return "extracted"
            row = conn.execute("SELECT owner, expires_at, finished_at FROM extraction_locks"
                               " WHERE document_id = ? AND pipeline_version = ?",
                               (document_id, pipeline_version)).fetchone()
            if row and row["owner"] != owner and row["finished_at"] is None and row["expires_at"] > at:
                return f"busy until {row['expires_at']} by {row['owner']}"
            conn.execute(
                "INSERT INTO extraction_locks (document_id, pipeline_version, owner, claimed_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (document_id, pipeline_version) DO UPDATE SET"
                " owner = excluded.owner, claimed_at = excluded.claimed_at,"
                " expires_at = excluded.expires_at, finished_at = NULL",
                (document_id, pipeline_version, owner, at, until))
        return None

    def finish_extraction(self, document_id: str, pipeline_version: str, owner: str) -> None:
        """Mark the lease finished (after the extraction was stored, or failed)."""
        with self.transaction() as conn:
            conn.execute("UPDATE extraction_locks SET finished_at = ? WHERE document_id = ?"
                         " AND pipeline_version = ? AND owner = ?",
                         (now(), document_id, pipeline_version, owner))

    # -- summary ----------------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        """Counts. documents: distinct documents (URLs or texts); versions: stored document rows;
        claims: claims shown by default (current versions, not retracted); claims_retracted."""
        row = self.conn.execute(
            "SELECT"
            " (SELECT COUNT(DISTINCT identity_key) FROM documents) AS documents,"
            " (SELECT COUNT(*) FROM documents) AS versions,"
            " (SELECT COUNT(*) FROM claims c JOIN documents d ON d.id = c.document_id"
            "   WHERE c.retracted_by_extraction IS NULL AND d.superseded_by IS NULL) AS claims,"
            " (SELECT COUNT(*) FROM claims WHERE retracted_by_extraction IS NOT NULL) AS claims_retracted,"
            " (SELECT COUNT(*) FROM sources) AS sources,"
            " (SELECT COUNT(*) FROM places) AS places,"
            " (SELECT COUNT(*) FROM extractions) AS extractions,"
            " (SELECT COUNT(*) FROM annotations) AS annotations,"
            " (SELECT COUNT(*) FROM failures) AS failures").fetchone()
        return dict(row)


# -- helpers ----------------------------------------------------------------------------------

_CLAIM_UPDATE = [
    "span_start", "span_end", "content", "attribution", "type", "source_id", "source_text",
    "source_role", "source_affiliation", "cue", "cue_lemma", "sentence", "event_start", "event_end",
    "event_precision", "stated_start", "stated_end", "stated_precision", "time_start", "time_end",
    "verification", "confidence", "pipeline_version", "extraction_id", "retracted_by_extraction",
    "data", "updated_at",
]


def _upsert_claim(conn: sqlite3.Connection, row: dict[str, Any]) -> None:
    """Insert a claim, or update it in place (same rowid, created_at kept) when its id exists."""
    cols = list(row)
    conn.execute(
        f"INSERT INTO claims ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})"
        " ON CONFLICT (id) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in _CLAIM_UPDATE),
        row)


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> None:
    cols = list(row)
    conn.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})", row)


def _dicts(rows: Iterable[sqlite3.Row]) -> list[dict[str, Any]]:
    return [dict(r) for r in rows]


def _document_dict(row: sqlite3.Row) -> dict[str, Any]:
    d = dict(row)
    if "excluded" in d:  # stored as [{"start", "end", "reason"}]; shown as the Document fields
        regions = json.loads(d["excluded"])
        d["excluded"] = [[r["start"], r["end"]] for r in regions]
        d["excluded_reasons"] = [r["reason"] for r in regions]
    d["meta"] = json.loads(d["meta"])
    d["truncated"] = bool(d["truncated"])
    return d


def _statements(script: str) -> Iterator[str]:
    """Split an SQL script into statements (trigger bodies stay whole)."""
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            yield buf.strip()
            buf = ""
    rest = "\n".join(l for l in buf.splitlines() if not l.strip().startswith("--")).strip()
    if rest:
        raise LedgerError(f"unterminated SQL statement in migration: {rest[:80]!r}", code=MIGRATION)
