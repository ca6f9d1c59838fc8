"""The SQLite ledger: every SQL statement the SQLite backend runs is in this module
(data changes and queries) or in ``migrations/*.sql`` (the schema).
"""
from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Optional, Sequence, Union

from ..errors import LedgerError, UsageError
from ..models import UNKNOWN_KIND, Claim, Document, Failure
from .base import (
    MIGRATION, NOT_FOUND, OPEN, WRITE, DateLike, Migration, claim_row, claim_time_range,
    check_count, document_row, fold, load_migrations, now, pending_migrations, place_row, query_date,
    search_terms, source_row,
)

if TYPE_CHECKING:
    from ..places.outlet_profile import HomeRegion

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
                  unextracted: bool = False, limit: Optional[int] = None, offset: int = 0,
                  newest_first: bool = False) -> list[dict[str, Any]]:
        """Stored documents in ingest order (``newest_first``: the reverse), without text, each
        with its active claim count and whether it has any extraction (``extracted``).

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
        sql += " ORDER BY d.ingested_at DESC, d.rowid DESC" if newest_first else " ORDER BY d.ingested_at, d.rowid"
        if limit is not None or offset:
            sql += " LIMIT :limit OFFSET :offset"
            params["limit"] = -1 if limit is None else check_count(limit, "limit")
            params["offset"] = check_count(offset, "offset")
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
            doc = conn.execute("SELECT published, url FROM documents WHERE id = ?", (document_id,)).fetchone()
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
            self._write_outlet_regions(conn, document_id, doc["url"], [p for c in claims for p in c.places])
            retracted = conn.execute(
                "UPDATE claims SET retracted_by_extraction = ? WHERE document_id = ?"
                " AND extraction_id != ? AND retracted_by_extraction IS NULL",
                (extraction_id, document_id, extraction_id)).rowcount
            conn.execute("UPDATE extractions SET claim_count = ?, retracted_count = ? WHERE id = ?",
                         (len(ids), retracted, extraction_id))
        return len(ids)

    @staticmethod
    def _write_outlet_regions(conn, document_id: str, url: Optional[str], places: Sequence[Any]) -> None:
        """The first-level regions this extraction places the document in, under its outlet's host
        (places resolved with the outlet's home region as evidence left out)."""
        from ..places.outlet import Outlet
        from ..places.outlet_profile import learned_from
        conn.execute("DELETE FROM outlet_regions WHERE document_id = ?", (document_id,))
        outlet = Outlet.from_url(url)
        if outlet is None:
            return
        conn.executemany(
            "INSERT OR IGNORE INTO outlet_regions (host, document_id, country, admin1_code, admin1)"
            " VALUES (?, ?, ?, ?, ?)",
            [(outlet.host, document_id, country, code, name) for country, code, name in learned_from(places)])

    def outlet_home(self, host: Optional[str], exclude: Optional[str] = None) -> Optional[HomeRegion]:
        """The home region of the outlet ``host``: where most of its current documents but
        ``exclude`` are placed (:func:`claimledger.places.outlet_profile.choose_home`), counted in
        SQL, so a large outlet costs one grouped read, not a row per document and region."""
        from ..places.outlet_profile import choose_home
        if not host:
            return None
        current = ("FROM outlet_regions r JOIN documents d ON d.id = r.document_id"
                   " WHERE r.host = ? AND d.superseded_by IS NULL AND r.document_id != ?")
        args = (host, exclude or "")
        placed = self.conn.execute("SELECT COUNT(DISTINCT r.document_id) " + current, args).fetchone()[0]
        if not placed:
            return None
        rows = self.conn.execute(
            "SELECT r.country, r.admin1_code, MAX(r.admin1), COUNT(DISTINCT r.document_id) " + current +
            " GROUP BY r.country, r.admin1_code", args).fetchall()
        votes = {(r[0], r[1]): r[3] for r in rows}
        names = {(r[0], r[1]): r[2] for r in rows if r[2]}
        return choose_home(votes, placed, names)

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
               include_retracted: bool = False, include_superseded: bool = False,
               source_id: Optional[int] = None, party: Optional[str] = None,
               kind: Union[str, Iterable[str], None] = None,
               newest_first: bool = False, before: Optional[str] = None) -> list[dict[str, Any]]:
        """Stored claims (claim.schema.json dicts) matching every filter given, by publication
        date, document and span; with ``newest_first`` the most recently stored first (what the
        site lists: a page of it costs the same in a ledger of any size, where the publication
        order has to sort every match first). ``before``: a claim id; only claims stored before
        it (with ``newest_first``, the page that follows the one it ended: keyset pagination,
        which costs the same however deep, where ``offset`` steps over every skipped claim).

        source: substring of the canonical name, source text, role or affiliation, any case.
        type: one claim type or several.
        place: substring of a linked place's name or admin1 region, or its country code.
        since/until: ISO dates (YYYY-MM-DD, YYYY-MM or YYYY); keeps claims whose event_time
            (else stated_at, else the document's publication date) overlaps the range.
        search: words AND-ed over content, sentence and source (see base.search_terms);
            text with no words at all ("!!!") matches nothing.
        Empty strings count as not given (as from an empty form field).
        document_id: one document; its claims are shown even if it has been superseded.
        source_id: one canonical source (``sources()`` ids); party: its party code, exactly.
        kind: one attribution kind or several (assertion, evaluation, intention, directive,
            perception; ``unknown`` for claims stored before kinds were extracted).
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
        if before is not None:     # a keyset page: the claims stored before this one, newest first
            if not newest_first:
                raise UsageError("before= pages claims newest first; ask for newest_first=True with it")
            row = self.conn.execute("SELECT seq FROM claims WHERE id = ?", (before,)).fetchone()
            if row is None:
                raise UsageError(f"no stored claim has the id {before!r} to page from")
            where.append("c.seq < :before_seq")
            params["before_seq"] = row[0]
        if source_id is not None:
            where.append("c.source_id = :source_id")
            params["source_id"] = int(source_id)
        if party:
            where.append("s.party = :party")
            params["party"] = party
        if type:
            types = [type] if isinstance(type, str) else list(type)
            names = [f":type{i}" for i in range(len(types))]
            where.append(f"c.type IN ({', '.join(names)})")
            params.update({n[1:]: t for n, t in zip(names, types)})
        if kind:
            kinds = [kind] if isinstance(kind, str) else list(kind)
            names = [f":kind{i}" for i in range(len(kinds))]
            known = [n for n, k in zip(names, kinds) if k != UNKNOWN_KIND]
            terms = [f"c.attribution_kind IN ({', '.join(known)})"] if known else []
            if UNKNOWN_KIND in kinds:
                terms.append("c.attribution_kind IS NULL")
            where.append("(" + " OR ".join(terms) + ")")
            params.update({n[1:]: k for n, k in zip(names, kinds) if k != UNKNOWN_KIND})
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
        sql = ("SELECT c.data, c.document_id, c.retracted_by_extraction FROM claims c"
               " JOIN documents d ON d.id = c.document_id LEFT JOIN sources s ON s.id = c.source_id")
        order = (" ORDER BY c.seq DESC" if newest_first else
                 " ORDER BY d.published IS NULL, d.published, d.id, c.span_start, c.span_end")
        if search and search.strip():
            terms = search_terms(search)
            if not terms:
                return []
            params["search"] = " ".join(f'"{phrase}"' + ("*" if prefix else "") for phrase, prefix in terms)
            if newest_first:     # walk the full-text matches newest first; stop at the limit
                sql = ("SELECT c.data, c.document_id, c.retracted_by_extraction FROM claims_fts f"
                       " CROSS JOIN claims c ON c.seq = f.rowid JOIN documents d ON d.id = c.document_id"
                       " LEFT JOIN sources s ON s.id = c.source_id")
                where.append("claims_fts MATCH :search")
                order = " ORDER BY f.rowid DESC"
            else:
                where.append("c.seq IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH :search)")
        elif newest_first and (party or place or "since" in params or "until" in params):
            driver = self._sparse_driver(params)
            if driver:      # few claims of this party or place: start from them, not from every claim
                sql = ("SELECT c.data, c.document_id, c.retracted_by_extraction FROM (" + driver + ") m"
                       " CROSS JOIN claims c ON c.seq = m.seq JOIN documents d ON d.id = c.document_id"
                       " LEFT JOIN sources s ON s.id = c.source_id")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += order
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

    SPARSE = 20_000     # a party or place with at most this many claims is read from its index

    def _sparse_driver(self, params: dict[str, Any]) -> Optional[str]:
        """SQL giving the seqs of the claims of the party, place or time range in ``params`` (the
        first of them with at most SPARSE claims), else None. Walking every claim newest first
        stops early for a common value, but reads the whole ledger for a rare one; sorting a rare
        one's few claims is cheap. Each is counted through an index, at most SPARSE + 1 entries."""
        drivers = []
        if "party" in params:
            drivers.append("SELECT seq FROM claims WHERE source_id IN (SELECT id FROM sources WHERE party = :party)")
        if "place" in params:
            drivers.append("SELECT DISTINCT c2.seq FROM places p CROSS JOIN claim_places cp ON cp.place_id = p.id"
                           " CROSS JOIN claims c2 ON c2.id = cp.claim_id WHERE instr(cl_fold(p.name), :place) > 0"
                           " OR instr(cl_fold(p.admin1), :place) > 0 OR cl_fold(p.country) = :place")
        if "since" in params:
            drivers.append("SELECT seq FROM claims WHERE time_end >= :since")
        if "until" in params:
            drivers.append("SELECT seq FROM claims WHERE time_start <= :until")
        for driver in drivers:
            found = self.conn.execute(f"SELECT COUNT(*) FROM ({driver} LIMIT {self.SPARSE + 1})", params).fetchone()[0]
            if found <= self.SPARSE:
                return driver
        return None

    def claim(self, claim_id: str) -> Optional[dict[str, Any]]:
        """One stored claim by its stable id (retracted or superseded ones too), or None; the
        dict carries ``document_id``, ``source_id`` and, if retracted, ``retracted_by_extraction``."""
        row = self.conn.execute(
            "SELECT data, document_id, source_id, retracted_by_extraction FROM claims WHERE id = ?",
            (claim_id,)).fetchone()
        if row is None:
            return None
        d = json.loads(row["data"])
        d["document_id"] = row["document_id"]
        d["source_id"] = row["source_id"]
        if row["retracted_by_extraction"] is not None:
            d["retracted_by_extraction"] = row["retracted_by_extraction"]
        return d

    def sources(self, *, party: Optional[str] = None, limit: Optional[int] = None,
                offset: int = 0) -> list[dict[str, Any]]:
        """Canonical sources with their count of claims shown by default, most claims first:
        id, name, kind, party, affiliation, claims."""
        # Live claims per source from one index (source_id, retracted_by_extraction), less those of
        # superseded document versions (found through their own small index; CROSS JOIN keeps that
        # order, or SQLite would read every claim row to find them).
        sql = ("WITH live AS (SELECT source_id, COUNT(*) AS n FROM claims"
               "   WHERE source_id IS NOT NULL AND retracted_by_extraction IS NULL GROUP BY source_id),"
               " old AS (SELECT c.source_id, COUNT(*) AS n FROM documents d CROSS JOIN claims c ON c.document_id = d.id"
               "   WHERE d.superseded_by IS NOT NULL AND c.source_id IS NOT NULL"
               "   AND c.retracted_by_extraction IS NULL GROUP BY c.source_id)"
               " SELECT s.id, s.name, s.kind, s.party, s.affiliation,"
               " COALESCE(live.n, 0) - COALESCE(old.n, 0) AS claims FROM sources s"
               " LEFT JOIN live ON live.source_id = s.id LEFT JOIN old ON old.source_id = s.id")
        params: dict[str, Any] = {"limit": -1 if limit is None else int(limit), "offset": int(offset)}
        if party:
            sql += " WHERE s.party = :party"
            params["party"] = party
        sql += " ORDER BY claims DESC, s.name, s.id LIMIT :limit OFFSET :offset"
        return _dicts(self.conn.execute(sql, params))

    def source(self, source_id: int) -> Optional[dict[str, Any]]:
        """One canonical source (id, name, kind, party, affiliation), or None."""
        row = self.conn.execute("SELECT id, name, kind, party, affiliation FROM sources WHERE id = ?",
                                (int(source_id),)).fetchone()
        return dict(row) if row else None

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

    # -- comments and site values -----------------------------------------------------------
    # The e-mail of a comment is written here and read only to decide approval and limits:
    # no method returns it.

    def add_comment(self, target_kind: str, target_id: str, *, name: str, email: str, body: str,
                    website: Optional[str] = None, client_key: Optional[str] = None) -> dict[str, Any]:
        """Store a reader's comment; returns it (as ``comments()`` shows it). It is approved at
        once when an admin has approved an earlier comment from the same e-mail, else pending."""
        key = email_key(email)
        with self.transaction() as conn:
            known = conn.execute("SELECT 1 FROM approved_commenters WHERE email_key = ?", (key,)).fetchone()
            status = "approved" if known else "pending"
            comment_id = conn.execute(
                "INSERT INTO comments (target_kind, target_id, author_name, email, email_key, website,"
                " body, status, client_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (target_kind, target_id, name, email.strip(), key, website or None, body, status,
                 client_key, now())).lastrowid
        return self.comment(comment_id)

    def comment(self, comment_id: int) -> Optional[dict[str, Any]]:
        """One comment without its e-mail, or None."""
        row = self.conn.execute(f"SELECT {_COMMENT_COLUMNS} FROM comments c WHERE c.id = ?",
                                (int(comment_id),)).fetchone()
        return dict(row) if row else None

    def comments(self, target_kind: Optional[str] = None, target_id: Union[str, Sequence[str], None] = None, *,
                 status: Optional[str] = "approved", limit: Optional[int] = None,
                 offset: int = 0) -> list[dict[str, Any]]:
        """Comments, oldest first, without e-mails: id, target_kind, target_id, author_name,
        website, body, status, created_at, moderated_at, and first_from_address (no earlier
        comment from the same e-mail was approved). ``target_id``: one id or several (an event
        and the events merged into it). ``status=None`` gives every status."""
        where, params = [], {"limit": -1 if limit is None else int(limit), "offset": int(offset)}
        for col, value in (("target_kind", target_kind), ("status", status)):
            if value is not None:
                where.append(f"c.{col} = :{col}")
                params[col] = value
        if target_id is not None:
            ids = [target_id] if isinstance(target_id, str) else list(target_id)
            where.append("c.target_id IN (SELECT value FROM json_each(:targets))")   # any number of ids
            params["targets"] = json.dumps(ids)
        sql = f"SELECT {_COMMENT_COLUMNS} FROM comments c"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return _dicts(self.conn.execute(sql + " ORDER BY c.id LIMIT :limit OFFSET :offset", params))

    def comment_counts(self) -> dict[str, int]:
        """Number of comments by status."""
        return {r["status"]: r["n"] for r in self.conn.execute(
            "SELECT status, COUNT(*) AS n FROM comments GROUP BY status")}

    def moderate_comment(self, comment_id: int, action: str) -> bool:
        """approve (and trust its e-mail from now on), reject, or delete (the row and its e-mail
        are removed). Returns False when there is no such comment."""
        if action not in ("approve", "reject", "delete"):
            raise LedgerError(f"unknown moderation action {action!r}; approve, reject or delete",
                              code=WRITE, input=str(comment_id))
        with self.transaction() as conn:
            row = conn.execute("SELECT email_key FROM comments WHERE id = ?", (int(comment_id),)).fetchone()
            if row is None:
                return False
            if action == "delete":
                conn.execute("DELETE FROM comments WHERE id = ?", (int(comment_id),))
                return True
            at = now()
            conn.execute("UPDATE comments SET status = ?, moderated_at = ? WHERE id = ?",
                         ("approved" if action == "approve" else "rejected", at, int(comment_id)))
            if action == "approve":
                conn.execute("INSERT OR IGNORE INTO approved_commenters (email_key, approved_at) VALUES (?, ?)",
                             (row["email_key"], at))
        return True

    def recent_comments(self, since: str, *, client_key: Optional[str] = None,
                        email: Optional[str] = None) -> int:
        """How many comments came from this client key, or this e-mail, at or after ``since``
        (an ISO UTC time as ``now()`` writes it)."""
        if client_key is not None:
            sql, value = "client_key = ?", client_key
        elif email is not None:
            sql, value = "email_key = ?", email_key(email)
        else:
            raise LedgerError("recent_comments needs a client_key or an e-mail", code=WRITE)
        return self.conn.execute(f"SELECT COUNT(*) FROM comments WHERE {sql} AND created_at >= ?",
                                 (value, since)).fetchone()[0]

    def site_value(self, name: str) -> Optional[str]:
        """A value the site keeps in the ledger (``admin_password``, ``secret``), or None."""
        row = self.conn.execute("SELECT value FROM site_values WHERE name = ?", (name,)).fetchone()
        return row["value"] if row else None

    def set_site_value(self, name: str, value: str, *, only_if_missing: bool = False) -> str:
        """Store a site value; with ``only_if_missing`` an existing one is kept. Returns the
        value now stored (so concurrent first uses agree on one)."""
        with self.transaction() as conn:
            verb = "INSERT OR IGNORE" if only_if_missing else "INSERT OR REPLACE"
            conn.execute(f"{verb} INTO site_values (name, value, updated_at) VALUES (?, ?, ?)",
                         (name, value, now()))
            return conn.execute("SELECT value FROM site_values WHERE name = ?", (name,)).fetchone()[0]

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

    # -- reconcile (migration 0002) -------------------------------------------------------------

    def start_reconcile_run(self, settings: dict[str, Any]) -> int:
        """Record the start of a reconcile run; returns its id."""
        with self.transaction() as conn:
            return conn.execute("INSERT INTO reconcile_runs (started_at, settings) VALUES (?, ?)",
                                (now(), json.dumps(settings))).lastrowid

    def finish_reconcile_run(self, run_id: int, *, documents: int = 0, claims: int = 0, events: int = 0,
                             derivations: int = 0) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE reconcile_runs SET finished_at = ?, documents = ?, claims = ?, events = ?,"
                         " derivations = ? WHERE id = ?", (now(), documents, claims, events, derivations, run_id))

    def reconcile_runs(self) -> list[dict[str, Any]]:
        return _dicts(self.conn.execute("SELECT * FROM reconcile_runs ORDER BY id"))

    def documents_to_compare(self) -> list[str]:
        """Current document versions that reconcile has not compared yet, by id."""
        return [r[0] for r in self.conn.execute(
            "SELECT d.id FROM documents d LEFT JOIN document_signatures s ON s.document_id = d.id"
            " WHERE d.superseded_by IS NULL AND s.document_id IS NULL ORDER BY d.id")]

    def document_texts(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id -> {id, text, excluded, outlet, published, url, title} for the documents given."""
        out = {}
        for chunk in _chunks(list(ids), 500):
            marks = ", ".join("?" * len(chunk))
            for row in self.conn.execute(
                    "SELECT id, text, excluded, outlet, published, url, title, body_start FROM documents"
                    f" WHERE id IN ({marks})", chunk):
                d = dict(row)
                d["excluded"] = [[r["start"], r["end"]] for r in json.loads(d["excluded"])]
                out[d["id"]] = d
        return out

    def document_metadata(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id -> {id, outlet, published, url, title, path} (no text)."""
        return {row["id"]: dict(row) for row in self.conn.execute(
            "SELECT id, outlet, published, url, title, path FROM documents WHERE id IN (SELECT value FROM json_each(?))",
            (_compact(sorted(set(ids))),))}

    def add_document_signatures(self, rows: Sequence[tuple[str, bytes, dict[str, Any]]], run_id: int) -> None:
        """Store (document id, MinHash bytes, data with "features") and index the features."""
        with self.transaction() as conn:
            # rows in key order: the B-tree pages are filled in one sweep instead of at random
            conn.executemany(
                "INSERT OR REPLACE INTO document_signatures (document_id, minhash, data, run_id) VALUES (?, ?, ?, ?)",
                sorted((d, blob, _compact(data), run_id) for d, blob, data in rows))
            conn.executemany("INSERT OR IGNORE INTO document_features (feature, document_id) VALUES (?, ?)",
                             sorted({(f, d) for d, _, data in rows
                                     for f in data.get("features", []) + data.get("bands", [])}))

    def document_signatures(self, ids: Optional[Iterable[str]] = None,
                            with_data: bool = False) -> Iterator[tuple[str, bytes, Optional[dict]]]:
        """(document id, MinHash bytes, data or None) of current compared documents."""
        cols = "s.document_id, s.minhash" + (", s.data" if with_data else "")
        base = (f"SELECT {cols} FROM document_signatures s JOIN documents d ON d.id = s.document_id"
                " WHERE d.superseded_by IS NULL")
        if ids is None:
            for row in self.conn.execute(base + " ORDER BY s.document_id"):
                yield row[0], row[1], json.loads(row[2]) if with_data else None
            return
        for chunk in _chunks(list(ids), 500):
            marks = ", ".join("?" * len(chunk))
            for row in self.conn.execute(base + f" AND s.document_id IN ({marks})", chunk):
                yield row[0], row[1], json.loads(row[2]) if with_data else None

    def feature_frequencies(self, features: Iterable[str]) -> dict[str, int]:
        """feature -> number of current documents having it."""
        # the keys go in as one JSON array (json_each): one statement however many there are
        return {row[0]: row[1] for row in self.conn.execute(
            "SELECT f.feature, COUNT(*) FROM document_features f JOIN documents d ON d.id = f.document_id"
            " WHERE d.superseded_by IS NULL AND f.feature IN (SELECT value FROM json_each(?)) GROUP BY f.feature",
            (_compact(sorted(set(features))),))}

    def documents_with_features(self, features: Iterable[str], *, shared: bool = False) -> dict[str, list[str]]:
        """feature -> current document ids having it (with ``shared``, only features that more than
        one document has: most LSH bands are a document's own, and need not be read back)."""
        out: dict[str, list[str]] = {}
        only_shared = (" AND EXISTS (SELECT 1 FROM document_features g WHERE g.feature = f.feature"
                       " AND g.document_id <> f.document_id)") if shared else ""
        for row in self.conn.execute(
                "SELECT f.feature, f.document_id FROM document_features f JOIN documents d ON d.id = f.document_id"
                " WHERE d.superseded_by IS NULL AND f.feature IN (SELECT value FROM json_each(?))" + only_shared +
                " ORDER BY f.document_id", (_compact(sorted(set(features))),)):
            out.setdefault(row[0], []).append(row[1])
        return out

    def add_derivation(self, document_id: str, derived_from: str, kind: str, score: float,
                       evidence: dict[str, Any], run_id: int) -> None:
        """Store a derivation link (the copy, the report it derives from); again updates it."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO derivations (document_id, derived_from, kind, score, evidence, run_id)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (document_id, derived_from) DO UPDATE SET"
                " kind = excluded.kind, score = excluded.score, evidence = excluded.evidence,"
                " run_id = excluded.run_id, retracted_by_run = NULL",
                (document_id, derived_from, kind, score, json.dumps(evidence, ensure_ascii=False), run_id))

    def derivations(self, document_ids: Optional[Iterable[str]] = None) -> list[dict[str, Any]]:
        """Derivation links (not retracted) touching the documents given (either side), or all."""
        sql = ("SELECT id, document_id, derived_from, kind, score, evidence, run_id FROM derivations"
               " WHERE retracted_by_run IS NULL")
        rows: list[dict[str, Any]] = []
        if document_ids is None:
            rows = _dicts(self.conn.execute(sql + " ORDER BY document_id, derived_from"))
        else:
            seen = set()
            for chunk in _chunks(sorted(set(document_ids)), 400):
                marks = ", ".join("?" * len(chunk))
                for r in self.conn.execute(sql + f" AND (document_id IN ({marks}) OR derived_from IN ({marks}))",
                                           chunk + chunk):
                    if r["id"] not in seen:
                        seen.add(r["id"])
                        rows.append(dict(r))
            rows.sort(key=lambda r: (r["document_id"], r["derived_from"]))
        for r in rows:
            r["evidence"] = json.loads(r["evidence"])
        return rows

    def documents_with_unplaced_claims(self) -> list[str]:
        """Current documents having current claims that reconcile has not placed yet."""
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT c.document_id FROM claims c JOIN documents d ON d.id = c.document_id"
            " LEFT JOIN claim_features f ON f.claim_id = c.id"
            " WHERE d.superseded_by IS NULL AND c.retracted_by_extraction IS NULL AND f.claim_id IS NULL"
            " ORDER BY c.document_id")]

    def add_claim_features(self, rows: Sequence[tuple[str, str, dict[str, Any], Sequence[str]]], run_id: int) -> None:
        """Store (claim id, role, features, blocking keys) for claims reconcile has placed."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO claim_features (claim_id, role, data, run_id) VALUES (?, ?, ?, ?)",
                sorted((cid, role, _compact(data), run_id) for cid, role, data, _ in rows))
            conn.executemany("INSERT OR IGNORE INTO claim_blocks (block, claim_id) VALUES (?, ?)",
                             sorted({(b, cid) for cid, _, _, blocks in rows for b in blocks}))

    def claim_features(self, claim_ids: Optional[Iterable[str]] = None, *,
                       document_ids: Optional[Iterable[str]] = None) -> dict[str, dict[str, Any]]:
        """claim id -> stored features, for the claims (or the documents' claims) given."""
        out: dict[str, dict[str, Any]] = {}
        if claim_ids is not None:
            for row in self.conn.execute(
                    "SELECT claim_id, data FROM claim_features WHERE claim_id IN (SELECT value FROM json_each(?))",
                    (_compact(sorted(set(claim_ids))),)):
                out[row[0]] = json.loads(row[1])
        if document_ids is not None:
            for row in self.conn.execute(
                    "SELECT f.claim_id, f.data FROM claim_features f JOIN claims c ON c.id = f.claim_id"
                    " WHERE c.document_id IN (SELECT value FROM json_each(?)) AND c.retracted_by_extraction IS NULL",
                    (_compact(sorted(set(document_ids))),)):
                out[row[0]] = json.loads(row[1])
        return out

    def claim_features_in_blocks(self, blocks: Iterable[str], *,
                                 known: Optional[dict[str, dict[str, Any]]] = None) -> dict[str, list[dict[str, Any]]]:
        """block -> the stored features of the (current, unretracted) claims filed under it;
        ``known`` (claim id -> features) spares decoding what the caller already has."""
        known = known or {}
        # claims no longer current are few: leave them out here rather than join every row
        stale = {r[0] for r in self.conn.execute(
            "SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id"
            " WHERE c.retracted_by_extraction IS NOT NULL OR d.superseded_by IS NOT NULL")}
        members: dict[str, list[str]] = {}
        for row in self.conn.execute(
                "SELECT block, claim_id FROM claim_blocks WHERE block IN (SELECT value FROM json_each(?))",
                (_compact(sorted(set(blocks))),)):
            if row[1] not in stale:
                members.setdefault(row[0], []).append(row[1])
        # features are read (and decoded) only for the claims the caller does not have
        decoded = dict(known)
        missing = {c for ids in members.values() for c in ids if c not in known}
        if missing:
            decoded.update(self.claim_features(missing))
        return {b: [decoded[c] for c in ids if c in decoded] for b, ids in members.items()}

    def add_claim_links(self, links: Sequence[Any], run_id: int) -> None:
        """Store links (objects with a, b, rule, score, evidence); a pair stored before is kept."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO claim_links (claim_a, claim_b, rule, score, evidence, run_id)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                sorted((lk.a, lk.b, lk.rule, lk.score, _compact(lk.evidence), run_id) for lk in links))

    def claim_links(self, claim_ids: Iterable[str], *, decode: bool = True,
                    evidence: bool = True) -> list[dict[str, Any]]:
        """Links touching any of the claims given (claim_a, claim_b, rule, score, evidence; the
        evidence left as its JSON text unless ``decode``, and not read at all without ``evidence``)."""
        cols = "claim_a, claim_b, rule, score" + (", evidence" if evidence else "")
        ids = _compact(sorted(set(claim_ids)))
        out = []
        # the two halves are disjoint (UNION ALL with claim_a NOT IN the set on the second side),
        # each answered from its own index
        for row in self.conn.execute(
                f"SELECT {cols} FROM claim_links WHERE claim_a IN (SELECT value FROM json_each(:ids))"
                f" UNION ALL SELECT {cols} FROM claim_links WHERE claim_b IN (SELECT value FROM json_each(:ids))"
                " AND claim_a NOT IN (SELECT value FROM json_each(:ids))", {"ids": ids}):
            d = dict(row)
            if evidence and decode:
                d["evidence"] = json.loads(d["evidence"])
            out.append(d)
        return out

    def claim_link_evidence(self, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
        """(claim_a, claim_b) -> the stored evidence of those links."""
        out = {}
        for row in self.conn.execute(
                "SELECT l.claim_a, l.claim_b, l.evidence FROM json_each(?) j JOIN claim_links l"
                " ON l.claim_a = json_extract(j.value, '$[0]') AND l.claim_b = json_extract(j.value, '$[1]')",
                (_compact(sorted(set(pairs))),)):
            out[(row[0], row[1])] = json.loads(row[2])
        return out

    def claim_events(self, claim_ids: Iterable[str]) -> dict[str, str]:
        """claim id -> the event it currently belongs to (as member or context)."""
        return {row[0]: row[1] for row in self.conn.execute(
            "SELECT claim_id, event_id FROM event_claims WHERE until_run IS NULL"
            " AND claim_id IN (SELECT value FROM json_each(?))", (_compact(sorted(set(claim_ids))),))}

    def write_event(self, event: dict[str, Any], parties: Iterable[str], members: Sequence[dict[str, Any]],
                    run_id: int) -> bool:
        """Insert or update one event with its parties and memberships; returns whether anything
        changed. ``members``: dicts with claim_id, role, rule, score, evidence. Memberships that
        end are closed (until_run), never deleted; an unchanged event is left as it was."""
        data = json.dumps(event["data"], ensure_ascii=False, sort_keys=True)
        with self.transaction() as conn:
            old = conn.execute("SELECT data, merged_into FROM events WHERE id = ?", (event["id"],)).fetchone()
            current = {r[0]: (r[1], r[2], r[3]) for r in conn.execute(
                "SELECT claim_id, role, rule, score FROM event_claims WHERE event_id = ? AND until_run IS NULL",
                (event["id"],))}
            wanted = {m["claim_id"]: (m["role"], m["rule"], m["score"]) for m in members}
            if old is not None and old["data"] == data and old["merged_into"] is None and current == wanted:
                return False
            at = now()
            row = {k: event.get(k) for k in ("id", "type", "time_start", "time_end", "country", "place", "status")}
            row.update(claims=sum(1 for m in members if m["role"] == "member"), data=data, created_at=at,
                       parties="|" + "".join(f"{p}|" for p in sorted(set(parties))),
                       updated_at=at, run_id=run_id, merged_into=None)
            conn.execute(
                "INSERT INTO events (id, type, time_start, time_end, country, place, status, claims, parties, data,"
                " created_at, updated_at, run_id, merged_into) VALUES (:id, :type, :time_start, :time_end,"
                " :country, :place, :status, :claims, :parties, :data, :created_at, :updated_at, :run_id,"
                " :merged_into)"
                " ON CONFLICT (id) DO UPDATE SET type = excluded.type, time_start = excluded.time_start,"
                " time_end = excluded.time_end, country = excluded.country, place = excluded.place,"
                " status = excluded.status, claims = excluded.claims, parties = excluded.parties, data = excluded.data,"
                " updated_at = excluded.updated_at, run_id = excluded.run_id, merged_into = NULL", row)
            moved = [cid for cid in wanted if current.get(cid) != wanted[cid]]
            for chunk in _chunks(moved, 500):   # close the claims' memberships elsewhere (or changed here)
                marks = ", ".join("?" * len(chunk))
                conn.execute(f"UPDATE event_claims SET until_run = ? WHERE until_run IS NULL AND claim_id IN ({marks})",
                             [run_id, *chunk])
            gone = [cid for cid in current if cid not in wanted]
            for chunk in _chunks(gone, 500):
                marks = ", ".join("?" * len(chunk))
                conn.execute(f"UPDATE event_claims SET until_run = ? WHERE until_run IS NULL AND event_id = ?"
                             f" AND claim_id IN ({marks})", [run_id, event["id"], *chunk])
            conn.executemany(
                "INSERT INTO event_claims (event_id, claim_id, role, rule, score, evidence, run_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(event["id"], m["claim_id"], m["role"], m["rule"], m["score"], json.dumps(m["evidence"]), run_id)
                 for m in members if m["claim_id"] in moved])
        return True

    def stale_event_claims(self) -> dict[str, str]:
        """claim id -> event id for open memberships of claims that are no longer current (retracted
        by a later extraction, or of a document version since superseded)."""
        return {r[0]: r[1] for r in self.conn.execute(
            "SELECT ec.claim_id, ec.event_id FROM event_claims ec JOIN claims c ON c.id = ec.claim_id"
            " JOIN documents d ON d.id = c.document_id WHERE ec.until_run IS NULL"
            " AND (c.retracted_by_extraction IS NOT NULL OR d.superseded_by IS NOT NULL)")}

    def close_memberships(self, claim_ids: Iterable[str], run_id: int) -> None:
        """End the open memberships of these claims (kept, with until_run), and recount the member
        claims of the events they leave."""
        ids = sorted(set(claim_ids))
        with self.transaction() as conn:
            events = set()
            for chunk in _chunks(ids, 500):
                marks = ", ".join("?" * len(chunk))
                events |= {r[0] for r in conn.execute(
                    f"SELECT event_id FROM event_claims WHERE until_run IS NULL AND claim_id IN ({marks})", chunk)}
                conn.execute(f"UPDATE event_claims SET until_run = ? WHERE until_run IS NULL AND claim_id IN ({marks})",
                             [run_id, *chunk])
            for eid in sorted(events):
                conn.execute("UPDATE events SET claims = (SELECT COUNT(*) FROM event_claims WHERE event_id = ?"
                             " AND until_run IS NULL AND role = 'member'), updated_at = ?, run_id = ? WHERE id = ?",
                             (eid, now(), run_id, eid))

    def merge_events(self, merged: dict[str, str], run_id: int) -> None:
        """Record events absorbed into others (old id -> new id) once none of their claims remain."""
        with self.transaction() as conn:
            for old, new in sorted(merged.items()):
                left = conn.execute("SELECT 1 FROM event_claims WHERE event_id = ? AND until_run IS NULL LIMIT 1",
                                    (old,)).fetchone()
                if left is None and old != new:
                    conn.execute("UPDATE events SET merged_into = ?, updated_at = ?, run_id = ? WHERE id = ?",
                                 (new, now(), run_id, old))

    def event_claim_rows(self, event_id: str) -> list[dict[str, Any]]:
        """Current memberships of an event: claim_id, role, rule, score, evidence."""
        rows = _dicts(self.conn.execute(
            "SELECT claim_id, role, rule, score, evidence FROM event_claims WHERE event_id = ? AND until_run IS NULL"
            " ORDER BY role DESC, claim_id", (event_id,)))
        for r in rows:
            r["evidence"] = json.loads(r["evidence"])
        return rows

    def events(self, party: Optional[str] = None, type: Union[str, Iterable[str], None] = None,
               place: Optional[str] = None, since: DateLike = None, until: DateLike = None,
               status: Union[str, Iterable[str], None] = None, limit: Optional[int] = None, *,
               offset: int = 0) -> list[dict[str, Any]]:
        """Current events (not merged into another) matching every filter, oldest first.

        party: a party code or side ("UA", "press", "unknown"), any case; type: an event type or
        several; place: substring of the event's place or any member claim's place name or region,
        or a country code; since/until: ISO dates compared with the event's time range; status:
        one or several of single-source, corroborated, disputed, confirmed."""
        where = ["e.merged_into IS NULL", "e.claims > 0"]
        params: dict[str, Any] = {}
        if party:
            where.append("instr(cl_fold(e.parties), :party) > 0")
            params["party"] = "|" + fold(party) + "|"
        for name, value, col in (("type", type, "e.type"), ("status", status, "e.status")):
            if value:
                values = [value] if isinstance(value, str) else list(value)
                marks = [f":{name}{i}" for i in range(len(values))]
                where.append(f"{col} IN ({', '.join(marks)})")
                params.update({m[1:]: v for m, v in zip(marks, values)})
        if place:
            where.append(
                "(instr(cl_fold(COALESCE(e.place, '')), :place) > 0 OR cl_fold(e.country) = :place OR EXISTS ("
                "SELECT 1 FROM event_claims ec JOIN claim_places cp ON cp.claim_id = ec.claim_id"
                " JOIN places p ON p.id = cp.place_id WHERE ec.event_id = e.id AND ec.until_run IS NULL"
                " AND (instr(cl_fold(p.name), :place) > 0 OR instr(cl_fold(p.admin1), :place) > 0"
                " OR cl_fold(p.country) = :place)))")
            params["place"] = fold(place)
        if since not in (None, ""):
            where.append("e.time_end >= :since")
            params["since"] = query_date(since, "since", last=False)
        if until not in (None, ""):
            where.append("e.time_start <= :until")
            params["until"] = query_date(until, "until", last=True)
        sql = ("SELECT e.id, e.type, e.time_start, e.time_end, e.country, e.place, e.status, e.claims, e.parties, e.data,"
               " e.created_at, e.updated_at FROM events e WHERE " + " AND ".join(where)
               + " ORDER BY e.time_start IS NULL, e.time_start, e.id")
        if limit is not None or offset:
            sql += " LIMIT :limit OFFSET :offset"
            params.update(limit=-1 if limit is None else int(limit), offset=int(offset))
        out = []
        for row in self.conn.execute(sql, params):
            d = dict(row)
            d["data"] = json.loads(d["data"])
            out.append(d)
        return out

    def event(self, event_id: str) -> Optional[dict[str, Any]]:
        """One event row (data decoded), following merged_into to the event that absorbed it;
        ``merged_from`` names the id asked for when it was followed. None when unknown."""
        asked, seen = event_id, set()
        while event_id not in seen:
            seen.add(event_id)
            row = self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
            if row is None:
                return None
            if row["merged_into"] is None:
                d = dict(row)
                d["data"] = json.loads(d["data"])
                if event_id != asked:
                    d["merged_from"] = asked
                return d
            event_id = row["merged_into"]
        return None

    def merged_event_ids(self, event_id: str) -> list[str]:
        """Ids of the events merged into this one, directly or through others (comments and
        links made under those ids belong to this event now), oldest merge first."""
        return [r[0] for r in self.conn.execute(
            "WITH RECURSIVE m(id, depth) AS (SELECT id, 1 FROM events WHERE merged_into = :id"
            " UNION SELECT e.id, m.depth + 1 FROM events e JOIN m ON e.merged_into = m.id WHERE m.depth < 100)"
            " SELECT m.id FROM m JOIN events e ON e.id = m.id GROUP BY m.id ORDER BY MIN(e.updated_at), m.id",
            {"id": event_id})]

    def claims_of_documents(self, document_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """document id -> its current (unretracted) claims in span order, as ``claims(document_id=...)``
        gives them, for many documents in one statement."""
        out: dict[str, list[dict[str, Any]]] = {d: [] for d in document_ids}
        for row in self.conn.execute(
                "SELECT data, document_id FROM claims WHERE document_id IN (SELECT value FROM json_each(?))"
                " AND retracted_by_extraction IS NULL ORDER BY document_id, span_start, span_end",
                (_compact(sorted(out)),)):
            d = json.loads(row[0])
            d["document_id"] = row[1]
            out[row[1]].append(d)
        return out

    def claims_by_id(self, claim_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """claim id -> claim dict (with document_id), retracted ones included and marked."""
        out = {}
        for row in self.conn.execute(
                "SELECT data, document_id, retracted_by_extraction FROM claims WHERE id IN (SELECT value FROM json_each(?))",
                (_compact(sorted(set(claim_ids))),)):
            d = json.loads(row[0])
            d["document_id"] = row[1]
            if row[2] is not None:
                d["retracted_by_extraction"] = row[2]
            out[d["id"]] = d
        return out

    # -- summary ----------------------------------------------------------------------------

    def change_marker(self) -> tuple:
        """A value that changes whenever documents, extractions (claims, retractions) or reconcile
        runs (events) are added: readers may keep what they derived from those until it changes.
        Comments are not covered. Three index look-ups."""
        return tuple(self.conn.execute(
            "SELECT (SELECT MAX(rowid) FROM documents), (SELECT MAX(id) FROM extractions),"
            " (SELECT MAX(id) FROM reconcile_runs), (SELECT MAX(finished_at) FROM reconcile_runs"
            "  WHERE id = (SELECT MAX(id) FROM reconcile_runs))").fetchone())

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
            " (SELECT COUNT(*) FROM failures) AS failures,"
            " (SELECT COUNT(*) FROM comments WHERE status = 'approved') AS comments").fetchone()
        return dict(row)


# -- helpers ----------------------------------------------------------------------------------

_CLAIM_UPDATE = [
    "span_start", "span_end", "content", "attribution", "attribution_kind", "type", "source_id", "source_text",
    "source_role", "source_affiliation", "cue", "cue_lemma", "sentence", "event_start", "event_end",
    "event_precision", "stated_start", "stated_end", "stated_precision", "time_start", "time_end",
    "verification", "confidence", "pipeline_version", "extraction_id", "retracted_by_extraction",
    "data", "updated_at",
]


_COMMENT_COLUMNS = (
    "c.id, c.target_kind, c.target_id, c.author_name, c.website, c.body, c.status, c.created_at,"
    " c.moderated_at, NOT EXISTS (SELECT 1 FROM approved_commenters a WHERE a.email_key = c.email_key)"
    " AS first_from_address")


def email_key(email: str) -> str:
    return (email or "").strip().casefold()


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


def _chunks(items: list, n: int) -> Iterator[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


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


# one encoder for the compact JSON of reconcile's rows: json.dumps with options builds a new
# encoder on every call, which cost more than the encoding of these small objects
_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
