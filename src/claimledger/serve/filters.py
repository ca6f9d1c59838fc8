"""The claim filters of ``claimledger claims``, read from a query string for pages and the API."""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Mapping, Optional

from ..cli import CLAIM_TYPES
from ..models import ATTRIBUTION_KINDS, UNKNOWN_KIND
from ..errors import UsageError
from ..ledger.base import date_range

MAX_TEXT = 500          # longest filter value accepted
MAX_OFFSET = 1_000_000
KINDS = ATTRIBUTION_KINDS + (UNKNOWN_KIND,)


@dataclass
class ClaimFilters:
    search: str = ""
    source: str = ""
    type: str = ""
    place: str = ""
    since: str = ""
    until: str = ""
    document: str = ""
    party: str = ""
    kind: str = ""

    @classmethod
    def from_query(cls, params: Mapping[str, str], *, strict: bool = False) -> "ClaimFilters":
        """Values from a query string (``q`` is the search box's name). With ``strict`` a bad
        type or date raises UsageError; otherwise it is kept for the form and reported there."""
        values = {}
        for f in fields(cls):
            v = params.get(f.name)
            if f.name == "search" and not v:
                v = params.get("q")
            v = (v or "").strip()
            if len(v) > MAX_TEXT:
                raise UsageError(f"{f.name} is longer than {MAX_TEXT} characters")
            values[f.name] = v
        out = cls(**values)
        if strict:
            problem = out.problem()
            if problem:
                raise UsageError(problem)
        return out

    def problem(self) -> Optional[str]:
        if self.type and self.type not in CLAIM_TYPES:
            return f"type={self.type!r} is not a claim type; one of {', '.join(CLAIM_TYPES)}"
        if self.kind and self.kind not in KINDS:
            return f"kind={self.kind!r} is not an attribution kind; one of {', '.join(KINDS)}"
        for name in ("since", "until"):
            v = getattr(self, name)
            if v and date_range(v) is None:
                return f"{name}={v!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)"
        return None

    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def ledger_args(self) -> dict[str, Any]:
        """Arguments for ``Ledger.claims``; a bad type or date counts as not given (the page
        shows the problem instead)."""
        bad_type = self.type and self.type not in CLAIM_TYPES
        return {"search": self.search or None, "source": self.source or None,
                "type": None if bad_type else self.type or None, "place": self.place or None,
                "since": self.since if self.since and date_range(self.since) else None,
                "until": self.until if self.until and date_range(self.until) else None,
                "document_id": self.document or None, "party": self.party or None,
                "kind": self.kind if self.kind in KINDS else None}

    def as_params(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def page_number(value: Optional[str]) -> int:
    """A 1-based page number from a query string; anything else is page 1."""
    if value and value.isdigit() and len(value) < 7:
        return max(1, int(value))
    return 1


def bounded(value: Optional[str], name: str, default: int, low: int, high: int) -> int:
    """An integer query parameter within [low, high], else UsageError naming it."""
    if value in (None, ""):
        return default
    v = value.strip()
    if not (v.isdigit() and len(v) <= 8) or not (low <= int(v) <= high):
        raise UsageError(f"{name} must be a whole number from {low} to {high}, got {value!r}")
    return int(v)


EVENT_TYPES = ("casualties", "attack", "territorial_control", "deployment", "denial")


@dataclass
class EventFilters:
    """The filters of ``claimledger events``."""
    party: str = ""
    type: str = ""
    place: str = ""
    since: str = ""
    until: str = ""
    status: str = ""

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> "EventFilters":
        values = {}
        for f in fields(cls):
            v = (params.get(f.name) or "").strip()
            if len(v) > MAX_TEXT:
                raise UsageError(f"{f.name} is longer than {MAX_TEXT} characters")
            values[f.name] = v
        return cls(**values)

    def problem(self) -> Optional[str]:
        from ..reconcile import STATUSES
        if self.status and self.status not in STATUSES:
            return f"status={self.status!r} is not one of {', '.join(STATUSES)}"
        for name in ("since", "until"):
            v = getattr(self, name)
            if v and date_range(v) is None:
                return f"{name}={v!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)"
        return None

    def ledger_args(self) -> dict[str, Any]:
        from ..reconcile import STATUSES
        return {"party": self.party or None, "type": self.type or None, "place": self.place or None,
                "since": self.since if self.since and date_range(self.since) else None,
                "until": self.until if self.until and date_range(self.until) else None,
                "status": self.status if self.status in STATUSES else None}

    def as_params(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}
