"""An outlet's home region, learned from the places of its other stories.

A local paper names its own towns without their state ("Alexandria woman charged", "the Maryville
council"), because its readers know where they live; the gazetteer alone then picks the biggest
Alexandria (Egypt's) or a namesake in another state. A reader of the outlet's other stories knows
better: most of them are placed in one region. :class:`OutletProfiles` keeps, per outlet (its host,
:class:`~claimledger.places.outlet.Outlet`), which first-level regions each of its documents'
resolved places lie in, and :meth:`OutletProfiles.home_region` names the region most of its other
documents are placed in, when enough of them are (the ledger counts the same in SQL,
``Ledger.outlet_home``, with :func:`choose_home`). The gazetteer weighs a candidate inside that
region (``gazetteer.W_HOME_REGION``) below one inside a region the document itself names.

The profile is read from places resolved without it (the first reading of each document), so it
never feeds on itself, and a document never counts towards its own outlet's home. Only the
outlet's own documents count; nothing is learned across outlets.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional

MARK = "other stories are placed"   # in the reason of a place the home region helped to resolve
NAMED_MARK = "is named after it"     # in the reason of the town an outlet is named after
MIN_DOCS = 2        # other documents of the outlet placed in the region (chosen on the LGL tune part)
MIN_SHARE = 0.4     # ... at least this share of its other documents placed anywhere (LGL tune: 0.4 over 0.5)


@dataclass(frozen=True)
class HomeRegion:
    """The region an outlet's other stories are mostly placed in: GeoNames country and admin1 code,
    the region's name, and how many of how many other documents say so."""
    country: str
    code: str
    name: str
    documents: int
    of: int

    def to_dict(self) -> dict:
        return {"country": self.country, "code": self.code, "name": self.name,
                "documents": self.documents, "of": self.of}

    @classmethod
    def from_dict(cls, d: dict) -> Optional["HomeRegion"]:
        """The region a :meth:`to_dict` dict describes; None for anything else."""
        try:
            region = cls(str(d["country"]), str(d["code"]), str(d.get("name") or d["code"]),
                         int(d["documents"]), int(d["of"]))
        except (KeyError, TypeError, ValueError):
            return None
        return region if 0 < region.documents <= region.of else None

    def describe(self) -> str:
        return f"{self.name}, where {self.documents} of the outlet's {self.of} {MARK}"


def learned_from(places: Iterable) -> list[tuple[str, str, Optional[str]]]:
    """(country, admin1 code, admin1 name) of each first-level region ``places`` lie in (anything
    with ``country``, ``admin1_code``, ``admin1``, ``feature`` and ``reason``, as
    :class:`~claimledger.models.Place`), once each; countries alone place nothing, and a place the
    home region helped to resolve, or the town the outlet is named after (their reasons say so), is
    left out, so the home never feeds on itself (that town is read without its region, as the
    biggest of its name when nothing else says: norfolkdailynews.com's Norfolk as Virginia's)."""
    out: dict[tuple[str, str], Optional[str]] = {}
    for p in places:
        country, code = getattr(p, "country", None), getattr(p, "admin1_code", None)
        reason = getattr(p, "reason", None) or ""
        if not country or not code or getattr(p, "feature", None) == "country" or MARK in reason or NAMED_MARK in reason:
            continue
        if out.get((country, code)) is None:
            out[(country, code)] = getattr(p, "admin1", None)
    return [(c, k, n) for (c, k), n in out.items()]


@dataclass
class OutletProfiles:
    """Per outlet host, per document, the first-level regions its resolved places lie in."""
    min_docs: int = MIN_DOCS
    min_share: float = MIN_SHARE
    _regions: dict[str, dict[str, frozenset[tuple[str, str]]]] = field(default_factory=dict)
    _names: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, host: Optional[str], document: str, places: Iterable) -> None:
        """Record the regions ``places`` lie in (:func:`learned_from`) for ``document`` of outlet
        ``host``. Adding a document again replaces it."""
        if not host:
            return
        keys = set()
        for country, code, name in learned_from(places):
            keys.add((country, code))
            if name:
                self._names.setdefault((country, code), name)
        self._regions.setdefault(host, {})[document] = frozenset(keys)

    def home_region(self, host: Optional[str], exclude: Optional[str] = None) -> Optional[HomeRegion]:
        """The region at least ``min_docs`` of the outlet's other documents (all but ``exclude``)
        are placed in, being at least ``min_share`` of those placed anywhere (:func:`choose_home`).
        None when no region is so clear."""
        docs = self._regions.get(host or "")
        if not docs:
            return None
        votes: Counter = Counter()
        placed = 0
        for doc, regions in docs.items():
            if doc == exclude or not regions:
                continue
            placed += 1
            votes.update(regions)
        return choose_home(votes, placed, self._names, self.min_docs, self.min_share)


def choose_home(votes: dict[tuple[str, str], int], placed: int, names: dict[tuple[str, str], str],
                min_docs: int = MIN_DOCS, min_share: float = MIN_SHARE) -> Optional[HomeRegion]:
    """Of ``votes`` (documents placed in each (country, admin1 code)), out of ``placed`` documents
    placed anywhere, the region at least ``min_docs`` of them are placed in, being at least
    ``min_share`` of ``placed``; the most named one, ties broken by code. None when none is so clear."""
    if not votes:
        return None
    (country, code), n = min(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    if n < min_docs or n < min_share * placed:
        return None
    return HomeRegion(country, code, names.get((country, code)) or code, n, placed)
