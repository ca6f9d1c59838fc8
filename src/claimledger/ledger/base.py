"""What every ledger backend shares: the public contract, error codes, migration
files, and turning dataclasses into column values. No SQL and no driver here.

A backend (``sqlite.Ledger`` today, a PostgreSQL one later) implements
``LedgerAPI`` with its own SQL and its own ``migrations/`` files.
"""
from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from importlib import resources
from typing import Any, Iterable, Optional, Protocol, Sequence, Union

from ..errors import LedgerError, UsageError
from ..models import Claim, Document, Failure, Place, Source

# Ledger error codes (CL3xx). Candidates to move into errors.py beside the ingest codes.
OPEN = "CL301"          # the database cannot be opened (path, permissions, not a database)
TOO_NEW = "CL302"       # the database was migrated by a newer claimledger
MIGRATION = "CL303"     # a migration failed (rolled back) or the migration files are inconsistent
WRITE = "CL304"         # a write failed and was rolled back
NOT_FOUND = "CL305"     # a write refers to a document or claim the ledger does not hold
BACKEND = "CL306"       # unsupported database URL

DateLike = Union[str, date, None]


class LedgerAPI(Protocol):
    """The public methods every backend offers (see ``sqlite.Ledger`` for the details)."""

    def add_document(self, doc: Document) -> tuple[str, bool]: ...
    def add_claims(self, document_id: str, claims: Sequence[Claim], pipeline_version: str) -> int: ...
    def record_failure(self, failure: Failure) -> int: ...
    def add_annotation(self, claim_id: str, author: Optional[str], body: str) -> int: ...
    def annotations(self, claim_id: str) -> list[dict[str, Any]]: ...
    def claims(self, source: Optional[str] = None, type: Union[str, Iterable[str], None] = None,
               place: Optional[str] = None, since: DateLike = None, until: DateLike = None,
               search: Optional[str] = None, document_id: Optional[str] = None,
               limit: Optional[int] = None, *, kind: Union[str, Iterable[str], None] = None
               ) -> list[dict[str, Any]]: ...
    def document(self, document_id: str) -> Optional[dict[str, Any]]: ...
    def documents(self) -> list[dict[str, Any]]: ...
    def has_extraction(self, document_id: str, pipeline_version: Optional[str] = None) -> bool: ...
    def extractions(self, document_id: Optional[str] = None) -> list[dict[str, Any]]: ...
    def failures(self) -> list[dict[str, Any]]: ...
    def migrations(self) -> list[dict[str, Any]]: ...
    def stats(self) -> dict[str, int]: ...
    def close(self) -> None: ...


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


# -- migrations -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Migration:
    number: int
    name: str           # "0001_initial"
    sql: str


_MIGRATION_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


def load_migrations(directory: str = "migrations") -> list[Migration]:
    """The migration files in ``claimledger/ledger/<directory>/``, ordered by number."""
    found: dict[int, Migration] = {}
    for entry in resources.files(__package__).joinpath(directory).iterdir():
        m = _MIGRATION_FILE.match(entry.name)
        if not m:
            continue
        number = int(m.group(1))
        if number in found:
            raise LedgerError(f"two migration files are numbered {number:04d}", code=MIGRATION)
        found[number] = Migration(number, entry.name[: -len(".sql")], entry.read_text(encoding="utf-8"))
    return [found[n] for n in sorted(found)]


def pending_migrations(known: Sequence[Migration], applied: dict[int, str], where: str) -> list[Migration]:
    """The known migrations not yet applied, after checking the database is not ahead of the code.

    ``applied`` maps number -> name as recorded in the database; ``where`` names the
    database in error messages. Raises before anything is changed.
    """
    newest_known = known[-1].number if known else 0
    ahead = sorted(n for n in applied if n > newest_known)
    if ahead:
        n = ahead[-1]
        raise LedgerError(
            f"the ledger was migrated to {applied[n]} by a newer claimledger; this version knows "
            f"migrations up to {newest_known:04d}. Upgrade claimledger to use it (the database was not changed)",
            code=TOO_NEW, input=where)
    for m in known:
        if m.number in applied and applied[m.number] != m.name:
            raise LedgerError(
                f"migration {m.number:04d} is recorded as {applied[m.number]!r} but this claimledger "
                f"calls it {m.name!r}; the database comes from a different schema history",
                code=MIGRATION, input=where)
    return [m for m in known if m.number not in applied]


# -- dataclasses -> column values -------------------------------------------------------------

def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def document_row(doc: Document) -> dict[str, Any]:
    """Columns of ``documents`` from a Document (without version, ingested_at, superseded_by)."""
    reasons = list(doc.excluded_reasons)
    excluded = [
        {"start": int(s), "end": int(e), "reason": reasons[i] if i < len(reasons) else None}
        for i, (s, e) in enumerate(doc.excluded)
    ]
    return {
        "id": doc.id,
        "identity_key": doc.identity_key,
        "url": doc.url,
        "text": doc.text,
        "text_hash": doc.text_hash,
        "title": doc.title,
        "author": doc.author,
        "published": doc.published,
        "published_tz": doc.published_tz,
        "outlet": doc.outlet,
        "language": doc.language,
        "content_type": doc.content_type,
        "path": doc.path,
        "excluded": dumps(excluded),
        "truncated": int(bool(doc.truncated)),
        "body_start": int(doc.body_start or 0),
        "meta": dumps(doc.meta or {}),
    }


def claim_row(claim: Claim, pipeline_version: str) -> dict[str, Any]:
    """Columns of ``claims`` that come from the claim alone (not source_id, times, extraction).

    The stored JSON records the extraction's pipeline version.
    """
    data = claim.to_dict()
    data["pipeline_version"] = pipeline_version
    ev, st = claim.event_time, claim.stated_at
    return {
        "id": claim.id,
        "document_id": claim.document_id,
        "span_start": int(claim.span[0]),
        "span_end": int(claim.span[1]),
        "content": claim.content,
        "attribution": claim.attribution,
        "attribution_kind": claim.attribution_kind,
        "type": claim.type,
        "source_text": claim.source.text,
        "source_role": claim.source.role,
        "source_affiliation": claim.source.affiliation,
        "cue": claim.cue.text if claim.cue else None,
        "cue_lemma": claim.cue.lemma if claim.cue else None,
        "sentence": claim.sentence,
        "event_start": ev.start if ev else None,
        "event_end": ev.end if ev else None,
        "event_precision": ev.precision if ev else None,
        "stated_start": st.start if st else None,
        "stated_end": st.end if st else None,
        "stated_precision": st.precision if st else None,
        "verification": claim.verification.status if claim.verification else "unknown",
        "confidence": claim.confidence,
        "pipeline_version": pipeline_version,
        "data": dumps(data),
    }


def source_row(source: Source) -> Optional[dict[str, Any]]:
    """The canonical source, or None when it has no canonical name (unnamed sources)."""
    if not source.name:
        return None
    return {"name": source.name, "kind": source.kind, "party": source.party,
            "affiliation": source.affiliation}


def place_row(place: Place) -> dict[str, Any]:
    if place.geonames_id is not None:
        key = f"geonames:{int(place.geonames_id)}"
    else:
        key = "name:" + "|".join(fold(v) or "" for v in (place.name, place.admin1, place.country))
    return {"key": key, "name": place.name, "geonames_id": place.geonames_id,
            "admin1": place.admin1, "country": place.country, "lat": place.lat,
            "lon": place.lon, "feature": place.feature}


def fold(value: Optional[str]) -> Optional[str]:
    """Case-insensitive comparison key (Unicode-aware, unlike SQLite's lower())."""
    return value.casefold() if isinstance(value, str) else None


# -- dates ------------------------------------------------------------------------------------

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_QUERY_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?")


def date_range(value: DateLike) -> Optional[tuple[str, str]]:
    """First and last day (YYYY-MM-DD) of an ISO date, month ("2024-08"), year or datetime.

    None when ``value`` is empty or not an ISO date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat(), value.isoformat()
    m = _PARTIAL_DATE.match(str(value).strip())
    if not m:
        return None
    try:
        year = int(m.group(1))
        if m.group(3):
            d = date(year, int(m.group(2)), int(m.group(3)))
            return d.isoformat(), d.isoformat()
        if m.group(2):
            month = int(m.group(2))
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1).isoformat(), date(year, month, last).isoformat()
        return date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()
    except ValueError:
        return None


def query_date(value: DateLike, option: str, *, last: bool) -> Optional[str]:
    """A since/until argument as YYYY-MM-DD: the first day of the period, or the last for until."""
    if value is None:
        return None
    r = date_range(value)
    if isinstance(value, str) and not _QUERY_DATE.fullmatch(value.strip()):
        r = None                       # "2016-01-01xyz" is a typing error, not 2016-01-01
    if r is None:
        raise UsageError(f"{option}={value!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return r[1] if last else r[0]


def claim_time_range(claim: Claim, published: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """When a claim is about, for since/until: event_time, else stated_at, else the publication date."""
    for t in (claim.event_time, claim.stated_at):
        if t is None:
            continue
        first = date_range(t.start) or date_range(t.end)
        last = date_range(t.end) or date_range(t.start)
        if first and last:
            return first[0], last[1]
    r = date_range(published)
    return (r[0], r[1]) if r else (None, None)


MAX_COUNT = 2**62


def check_count(value, option: str) -> int:
    """A limit or offset as an int SQLite can take; UsageError otherwise."""
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise UsageError(f"{option}={value!r} is not a whole number") from None
    if not 0 <= n <= MAX_COUNT:
        raise UsageError(f"{option}={value!r} is out of range (0 to {MAX_COUNT})")
    return n


# -- search -----------------------------------------------------------------------------------

_CHUNK = re.compile(r'"([^"]*)"|([^\s"()\[\]{}<>;,!?]+)')
_WORD = re.compile(r"\w+")
_FTS_OPERATOR = re.compile(r"\bNEAR\b(?:/\d+)?|(?<!\S)(?:OR|NOT)(?!\S)|\b\w+:(?!//)|(?<!\S)\^\w")


def search_terms(query: str) -> list[tuple[str, bool]]:
    """User search text as (phrase, is_prefix) terms, to be AND-ed.

    Words are split on whitespace and brackets, ; , ! ? ; other punctuation inside a word ("al-Assad", "Russia's")
    makes a phrase of its parts; "double quotes" group a phrase; a trailing * asks
    for a prefix match; other punctuation is dropped. Raises UsageError for what this syntax
    cannot mean: an unbalanced double quote, FTS5 operators (NEAR, OR, NOT, column:, ^), or a
    query with no words at all, rather than silently finding nothing.
    """
    query = query or ""
    if query.count('"') % 2:
        raise UsageError(f"search {query!r}: unbalanced double quote; quote a phrase as \"two words\"")
    bare = re.sub(r'"[^"]*"', " ", query)
    op = _FTS_OPERATOR.search(bare)
    if op:
        raise UsageError(f"search {query!r}: {op.group().strip()!r} is query syntax this search does not "
                         "support; give words (all must match), \"a phrase\" or a prefix*")
    terms = []
    for m in _CHUNK.finditer(query or ""):
        quoted = m.group(1) is not None
        chunk = m.group(1) if quoted else m.group(2)
        words = _WORD.findall(chunk)
        if words:
            terms.append((" ".join(words), not quoted and chunk.endswith("*")))
    if not terms:
        raise UsageError(f"search {query!r} has no words to search for")
    return terms
