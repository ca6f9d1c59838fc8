"""Plain dataclasses that cross stages (ingest -> extract -> ledger -> export).

They carry character offsets (Python string indices, end exclusive) back into
``Document.text`` so any claim can always be shown in place. Nothing here
imports spaCy or a database: every stage can depend on this module.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any, Optional

Span = tuple[int, int]


def normalise_text(text: str) -> str:
    """Text used to decide whether two inputs are the same document.

    Whitespace runs and typographic quotes do not make a new document, so a
    re-scrape that only re-wraps lines is recognised as the same one.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_QUOTE_MAP)
    return re.sub(r"\s+", " ", text).strip()


_QUOTE_MAP = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " "})


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Document:
    """One article as ingested: the text exactly as stored plus what the page said about itself.

    ``excluded`` lists regions of ``text`` that are not article content (comment
    forms, newsletter boxes, navigation, a truncated last sentence). Cleaning
    only ever adds regions here; it never edits ``text``, so offsets stay valid.
    """

    text: str
    path: Optional[str] = None          # the input it came from (file path, or path:line for JSONL)
    url: Optional[str] = None
    title: Optional[str] = None
    author: Optional[str] = None
    published: Optional[str] = None     # ISO date (YYYY-MM-DD) in the outlet's local time, or None
    published_tz: Optional[str] = None  # UTC offset as given by the page, e.g. "+03:00"
    outlet: Optional[str] = None
    language: Optional[str] = None
    content_type: str = "text"          # text | html | jsonl
    excluded: list[Span] = field(default_factory=list)
    excluded_reasons: list[str] = field(default_factory=list)
    truncated: bool = False
    body_start: int = 0                 # offset where the article body starts (after a headline)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def text_hash(self) -> str:
        """SHA-256 of the normalised text, computed once per text (the id is read per claim, and
        hashing a long text each time made extraction grow faster than the text)."""
        cached = self.__dict__.get("_text_hash")
        if cached is None or cached[0] is not self.text:
            cached = (self.text, sha256(normalise_text(self.text)))
            self.__dict__["_text_hash"] = cached
        return cached[1]

    @property
    def identity_key(self) -> str:
        """What makes two ingests 'the same document': the URL, else the normalised text."""
        return self.url if self.url else "text:" + self.text_hash

    @property
    def id(self) -> str:
        """Stable id of this version: the same URL and text always give the same id (cached
        until the text or the URL changes)."""
        key = (self.url, self.text_hash)
        cached = self.__dict__.get("_id")
        if cached is None or cached[0] != key:
            cached = (key, "d_" + sha256(self.identity_key + "\n" + self.text_hash)[:16])
            self.__dict__["_id"] = cached
        return cached[1]

    def exclude(self, start: int, end: int, reason: str) -> None:
        if end > start:
            self.excluded.append((start, end))
            self.excluded_reasons.append(reason)

    def is_excluded(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps any excluded region."""
        return any(s < end and start < e for s, e in self.excluded)


@dataclass
class Source:
    text: str
    name: Optional[str]
    kind: str                           # person | organization | government | media | unnamed | author
    role: Optional[str] = None
    affiliation: Optional[str] = None
    party: Optional[str] = None
    span: Optional[Span] = None
    resolved_from: Optional[str] = None  # the pronoun or description that was resolved ("he")
    # the source as annotation schemes mark it, with its relative and participle clauses and
    # appositives ("the official, who spoke on condition of anonymity"), where that reaches beyond
    # ``span`` (the phrase ``text`` is); None where the two are the same
    extent: Optional[Span] = None


@dataclass
class Cue:
    text: str
    lemma: str
    span: Optional[Span] = None


@dataclass
class Quantity:
    text: str
    value: Optional[float]
    low: Optional[float] = None
    high: Optional[float] = None
    approximate: bool = False
    category: Optional[str] = None
    unit: Optional[str] = None
    conservative: Optional[float] = None
    span: Optional[Span] = None


@dataclass
class Place:
    text: str
    name: str
    geonames_id: Optional[int] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    admin1: Optional[str] = None
    country: Optional[str] = None
    feature: Optional[str] = None
    geo_precision: Optional[int] = None
    span: Optional[Span] = None
    score: Optional[float] = None          # the gazetteer's ranking score of the chosen candidate
    reason: Optional[str] = None           # the evidence behind it, and what the point stands for
    admin1_code: Optional[str] = None      # GeoNames admin1 code: containment for clustering


@dataclass
class TimeExpr:
    text: str
    start: Optional[str]
    end: Optional[str]
    precision: str                      # day | week | month | year | approximate | unresolved
    time_precision: Optional[int] = None  # ACLED: 1 day, 2 within a week, 3 month
    span: Optional[Span] = None
    anchor: Optional[str] = None        # the date it was resolved against
    type: Optional[str] = None          # TimeML type: DATE | TIME | DURATION | SET
    value: Optional[str] = None         # TimeML value: 2024-12-14, 2024-W50, 1943-SU, P3D, XXXX-WXX-1, PAST_REF
    duration: Optional[str] = None      # the length it states, ISO 8601 (P14D for "the past two weeks")


@dataclass
class Evidence:
    kind: str
    platform: Optional[str] = None
    text: str = ""
    span: Optional[Span] = None


@dataclass
class Verification:
    status: str = "unknown"             # unconfirmed | confirmed | disputed | unknown
    text: Optional[str] = None
    span: Optional[Span] = None


#: What a claim attributes (``Claim.attribution_kind``); ``unknown`` selects claims stored before
#: kinds were extracted (their kind is None).
ATTRIBUTION_KINDS = ("assertion", "evaluation", "intention", "directive", "perception")
UNKNOWN_KIND = "unknown"


@dataclass
class Claim:
    document_id: str
    content: str
    span: Span
    sentence: str
    attribution: str
    source: Source
    type: str = "statement"
    cue: Optional[Cue] = None
    spans: list[Span] = field(default_factory=list)
    sentence_span: Optional[Span] = None
    quantities: list[Quantity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    event_time: Optional[TimeExpr] = None
    stated_at: Optional[TimeExpr] = None
    hedges: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    verification: Verification = field(default_factory=Verification)
    confidence: Optional[float] = None
    pipeline_version: Optional[str] = None
    document_path: Optional[str] = None
    via: Optional[Source] = None          # "X believes Y, according to Z": Z passed the claim on
    count_unspecified: bool = False       # "without providing precise numbers"
    # what it attributes: assertion | evaluation | intention | directive | perception (None: not known,
    # as on claims stored before it was extracted)
    attribution_kind: Optional[str] = None
    # '"A," he said. "B."': the id of the claim whose quotation this one continues (one
    # attribution in annotation schemes that join a speaker's quotations; two claims here)
    continues: Optional[str] = None
    # a denial: the type of what it denies ("attack" for "denied that its fighters had shelled the
    # market"), so that reconcile matches it with reports of that happening; None otherwise
    denies: Optional[str] = None

    @property
    def id(self) -> str:
        """Derived from the document id and the content span, never the pipeline version,
        so notes attached to a claim survive re-extraction with a newer extractor."""
        return claim_id(self.document_id, self.span)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d = {"id": self.id, **d}
        return _jsonable(d)


def claim_id(document_id: str, span: Span) -> str:
    return "c_" + sha256(f"{document_id}:{span[0]}:{span[1]}")[:16]


def _jsonable(obj: Any) -> Any:
    """Tuples to lists, and spans the text does not have are left out rather than null (the
    schema types a span as an array)."""
    if isinstance(obj, dict):
        return {k: _jsonable(v) for k, v in obj.items() if not (k in ("span", "extent") and v is None)}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    return obj


@dataclass
class Failure:
    """One input that could not be used, and why. Recorded, never swallowed."""

    input: str
    reason: str
    code: str = "CL000"
    document_id: Optional[str] = None   # the stored document it concerns (extraction failures)
    stage: Optional[str] = None         # read | extract | store

    def __str__(self) -> str:
        return f"{self.input}: {self.reason} [{self.code}]"
