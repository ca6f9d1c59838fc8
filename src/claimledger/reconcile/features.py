"""What reconcile compares about a claim, computed once from the claim alone and its document's
metadata, and the blocking keys that decide which claims are ever compared.

A claim's features depend only on the claim and its own document, never on what else is in the
ledger, so the links between two claims (and hence the events) do not depend on the order in
which documents arrived.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Optional

from ..ledger.base import date_range
from .parties import claimant

# Claim types grouped into families of happenings that can be the same event.
FAMILY = {
    "casualties": "violence", "attack": "violence",
    "deployment": "deployment",
    "territorial_control": "control",
    "denial": "denial",
}
# What each family's claims may join. A denial denies some happening: when the extractor read what
# it denies (``denies``), only that family's; otherwise any.
COMPATIBLE = {
    "violence": {"violence", "denial"},
    "deployment": {"deployment", "denial"},
    "control": {"control", "denial"},
    "denial": {"violence", "deployment", "control", "denial"},
}


def denied_family(f: "ClaimFeatures") -> Optional[str]:
    """The family a denial denies, when known (a denial of a shelling: violence)."""
    return FAMILY.get(f.denies or "") if f.family == "denial" else None


def compatible(f: "ClaimFeatures", g: "ClaimFeatures") -> bool:
    """Whether two claims' families can be one happening; a denial whose denied family is known
    meets only that family (and other denials)."""
    if g.family not in COMPATIBLE[f.family]:
        return False
    for a, b in ((f, g), (g, f)):
        fam = denied_family(a)
        if fam and b.family not in (fam, "denial"):
            return False
    return True


def families_blocked(f: "ClaimFeatures") -> list[str]:
    """The families whose blocks a claim is filed in: its own; a denial, the family it denies
    (every family it can deny when that is unknown)."""
    if f.family != "denial":
        return [f.family]
    fam = denied_family(f)
    return sorted({fam, "denial"}) if fam else sorted(COMPATIBLE["denial"])
FORMING_ATTRIBUTION = {"assertion", "denial"}   # attribution_kind values that form events
FIGURE_CATEGORIES = ("killed", "wounded", "captured", "displaced")
_CATEGORY_ALIASES = {"arrested": "captured", "abducted": "captured"}

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*", re.U)
_STOP = frozenset("""
a about above after again against all also am an and any are as at be been before being between both
but by can could did do does during each few for from further had has have having he her here hers him
his how i if in into is it its itself just me more most my no nor not now of off on once only or other
our out over own same she should so some such than that the their them then there these they this those
through to too under until up very was we were what when where which while who whom why will with would
you your said says say saying told tell according reported reports report claimed claims claim stated
statement added without since near this that week weekend monday tuesday wednesday thursday friday
saturday sunday january february march april may june july august september october november december
least about around some several many first last new
""".split())


@dataclass
class ClaimFeatures:
    claim_id: str
    document_id: str
    role: str                       # event | context | none
    family: str
    type: str
    kind: str                       # attribution kind: assertion | denial | evaluation | intention
    start: Optional[str]
    end: Optional[str]
    timed: bool                     # the range is the claim's own event time (not the publication window)
    denies: Optional[str] = None    # a denial: the claim type it denies, when the extractor read it
    geonames: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)       # folded place names
    admin1: list[str] = field(default_factory=list)      # folded admin1 names (incl. regions named)
    wide: list[str] = field(default_factory=list)        # folded wider regions named: "darfur", "donbas"
    near: list[str] = field(default_factory=list)        # folded admin1 names of the regions next to its own
    countries: list[str] = field(default_factory=list)
    place_fallback: bool = False    # places come from the document, not the claim
    subjects: list[str] = field(default_factory=list)    # content words, stemmed, places removed
    entities: list[str] = field(default_factory=list)    # capitalised words and demonyms, stemmed
    figures: list[list] = field(default_factory=list)    # [category, low, best, high]
    origin: str = ""
    party: Optional[str] = None
    span_start: int = 0
    published: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        # flat lists of plain values (asdict's deep copy is slow); "_" attributes are caches
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def days(self) -> tuple[Optional[int], Optional[int]]:
        """(first, last) day of the time range as ordinals, computed once."""
        d = self.__dict__.get("_days")
        if d is None:
            d = self.__dict__["_days"] = (
                (date.fromisoformat(self.start).toordinal(), date.fromisoformat(self.end).toordinal())
                if self.start and self.end else (None, None))
        return d

    def sets(self) -> tuple[frozenset, ...]:
        """(geonames, names, admin1, countries, subjects, entities) as sets, computed once."""
        s = self.__dict__.get("_sets")
        if s is None:
            s = self.__dict__["_sets"] = tuple(frozenset(x) for x in (
                self.geonames, self.names, self.admin1, self.countries, self.subjects, self.entities))
        return s

    def near_set(self) -> frozenset:
        s = self.__dict__.get("_near")
        if s is None:
            s = self.__dict__["_near"] = frozenset(self.near)
        return s

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ClaimFeatures":
        return cls(**d)


def attribution_kind(claim: dict) -> str:
    """A denial-typed claim is a denial; any other claim has the extractor's attribution_kind
    (assertion, evaluation, intention, directive, perception), an assertion when it has none."""
    if claim.get("type") == "denial":
        return "denial"
    return claim.get("attribution_kind") or "assertion"


@lru_cache(maxsize=200000)
def _stem(w: str) -> str:
    w = w.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


@lru_cache(maxsize=None)
def generic_terms() -> frozenset[str]:
    """data/generic_terms.txt: conflict vocabulary too common to tie two claims together."""
    from importlib import resources
    text = resources.files("claimledger").joinpath("data", "generic_terms.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=None)
def _unwanted() -> frozenset[str]:
    return _STOP | generic_terms()


def _words(text: str, place_words: set[str]) -> tuple[list[str], list[str]]:
    subjects, entities = set(), set()
    unwanted = _unwanted()
    for i, raw in enumerate(_WORD.findall(text or "")):
        if raw[0].isdigit():
            continue
        s = _stem(raw)
        if len(s) < 3 or s in unwanted or s in place_words:
            continue
        subjects.add(s)
        if i > 0 and raw[0].isupper():
            entities.add(s)
    return sorted(subjects), sorted(entities)


def _figures(claim: dict) -> list[list]:
    out = []
    for q in claim.get("quantities") or []:
        cat = _CATEGORY_ALIASES.get(q.get("category"), q.get("category"))
        if not cat:   # every counted category helps to match claims; estimates keep FIGURE_CATEGORIES
            continue
        value = q.get("value")
        best = q.get("conservative") if q.get("conservative") is not None else value
        if best is None:
            continue
        low = q.get("low") if q.get("low") is not None else best
        high = q.get("high") if q.get("high") is not None else (None if q.get("low") is not None else best)
        out.append([cat, float(low), float(best), None if high is None else float(high)])
    return out


def _range(claim: dict, published: Optional[str], window_days: int) -> tuple[Optional[str], Optional[str], bool]:
    t = claim.get("event_time") or {}
    first = date_range(t.get("start")) or date_range(t.get("end"))
    last = date_range(t.get("end")) or date_range(t.get("start"))
    if first and last:
        return first[0], last[1], True
    pub = date_range(published)
    st = claim.get("stated_at") or {}
    said = date_range(st.get("end")) or date_range(st.get("start"))
    anchor = said or pub
    if anchor:
        end = date.fromisoformat(anchor[1])
        return (end - timedelta(days=window_days)).isoformat(), end.isoformat(), False
    return None, None, False


def claim_features(claim: dict, document: dict, doc_places: list[dict], *, window_days: int = 14) -> ClaimFeatures:
    """Features of one claim dict (claim.schema.json) given its document (published, outlet) and
    the places named anywhere in that document (a fallback for claims that name none)."""
    kind = attribution_kind(claim)
    family = FAMILY.get(claim.get("type"), "other")
    if kind in FORMING_ATTRIBUTION and family != "other":
        role = "event"
    else:
        role = "context"
    start, end, timed = _range(claim, document.get("published"), window_days)
    places = claim.get("places") or []
    fallback = False
    if not places:
        places, fallback = doc_places, True
    geonames = sorted({int(p["geonames_id"]) for p in places if p.get("geonames_id") is not None
                       and p.get("feature") not in ("country",)})
    names = sorted({p["name"].casefold() for p in places if p.get("name") and p.get("feature") != "country"})
    # a region that is itself a first-level division carries its own name as admin1; one that is
    # not ("Darfur", "Donbas", "eastern Ukraine") spans several, so it is no region block of its own:
    # the claim is filed like one naming only the country and meets the claims of every region
    admin1 = sorted({a.casefold() for p in places for a in (p.get("admin1"),
                     p.get("name") if p.get("feature") in ("admin1", "ADM1") else None) if a})
    wide = sorted({p["name"].casefold() for p in places
                   if p.get("feature") == "region" and p.get("name") and not p.get("admin1")})
    near = neighbour_regions(places, admin1)
    countries = sorted({p["country"] for p in places if p.get("country")})
    if not countries:   # places without a country (an unresolved region) take the document's
        countries = sorted({p["country"] for p in doc_places if p.get("country")})
    place_words = {_stem(w) for p in (claim.get("places") or []) + doc_places
                   for w in re.findall(r"\w+", (p.get("text") or "") + " " + (p.get("name") or ""))}
    subjects, entities = _words(claim.get("content") or "", place_words)
    who = claimant(claim, document)
    return ClaimFeatures(
        claim_id=claim["id"], document_id=claim["document_id"], role=role, family=family,
        type=claim.get("type") or "other", kind=kind,
        denies=claim.get("denies") if family == "denial" and claim.get("denies") in FAMILY else None, start=start, end=end, timed=timed,
        geonames=geonames, names=names, admin1=admin1, wide=wide, near=near, countries=countries, place_fallback=fallback,
        subjects=subjects, entities=entities, figures=_figures(claim), origin=who.origin,
        party=who.party, span_start=int((claim.get("span") or [0])[0]), published=document.get("published"))


def neighbour_regions(places: list[dict], own: list[str]) -> list[str]:
    """Folded names of the first-level regions next to the regions of ``places`` (the region
    table's neighbours, read from the regions' points), without the claim's own regions."""
    from ..places.regions import default_region_table
    table = default_region_table()
    out = set()
    for p in places:
        country = p.get("country")
        if not country or not (p.get("admin1") or p.get("admin1_code")):
            continue
        code = p.get("admin1_code")
        if not code or table.admin1_by_code(country, code) is None:
            a = table.admin1_for(p.get("admin1"), country)
            code = a.code if a else None
        out.update(n.name.casefold() for n in table.neighbours(country, code))
    return sorted(out - set(own))


def document_places(claims: list[dict]) -> list[dict]:
    """The regions and countries a document's claims name: the fallback for a claim that names no
    place. Only the document's dominant country is kept, so a passing mention of another country
    does not pull every unplaced claim there; a document naming only towns gives that country
    alone (a claim naming nothing is not put in one of its towns)."""
    counts: dict[str, int] = {}
    for c in claims:
        for p in c.get("places") or []:
            if p.get("country"):
                counts[p["country"]] = counts.get(p["country"], 0) + 1
    if not counts:
        return []
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    seen, out = set(), []
    for c in claims:
        for p in c.get("places") or []:
            if p.get("country") == top and p.get("feature") in ("region", "country", "admin1", "ADM1"):
                key = (p.get("name"), p.get("admin1"))
                if key not in seen:
                    seen.add(key)
                    out.append(p)
    # a report naming only towns ("El Fasher") still tells the country of a claim naming nothing
    return out or [{"country": top, "feature": "country"}]


def _weeks(start: str, end: str, limit: int) -> list[int]:
    a, b = date.fromisoformat(start).toordinal() // 7, date.fromisoformat(end).toordinal() // 7
    if b - a + 1 > limit:
        a = b - limit + 1
    return list(range(a, b + 1))


def leaf_places(f: ClaimFeatures) -> list[str]:
    """The places a claim names below its regions: towns, villages, sites (not a region, a wider
    region or the country)."""
    return [n for n in f.names if n not in f.admin1 and n not in f.wide]


def blocks(f: ClaimFeatures, *, max_weeks: int = 8) -> list[str]:
    """Blocking keys "area|family|week": two claims are compared only when they share a key, and
    then only as ``events.candidate_pairs`` lets them meet there (by the claims' ``standing``).

    The area is each region (admin1) and each place the claim names, as "country/region" and
    "country/@place"; every claim is also filed under its countries (or "--" for none). Places
    that coincide meet in their place block (a town whose region one report gets wrong still
    meets the reports that name the same town); a place and the region it lies in meet in the
    region block, as do two claims naming only the region; a claim naming only its region is also
    filed in the blocks of the regions next to it (``near``), where it meets their claims (so
    "shelling in Donetsk Oblast" meets a report of the same shelling placed in Kharkiv Oblast); a
    claim naming no region (only the country, or a wider region such as "Darfur") meets every
    claim in the country block. Two different places of one region, or of two regions, meet only
    within one report. A claim is filed under each week
    its time range touches (its last ``max_weeks`` weeks for a long range) and, for a denial,
    every family it can deny. Only event-forming claims are blocked."""
    if f.role != "event":
        return []
    fams = families_blocked(f)
    countries = f.countries or ["--"]
    leaves = leaf_places(f)
    areas = list(countries) + [f"{c}/{a}" for c in countries for a in f.admin1] + \
        [f"{c}/@{n}" for c in countries for n in leaves]
    if f.admin1 and not leaves:   # naming only its region: a guest in the regions next to it
        areas += [f"{c}/{n}" for c in countries for n in f.near]
    weeks = _weeks(f.start, f.end, max_weeks) if f.start and f.end else ["undated"]
    return [f"{a}|{fam}|{w}" for a in areas for fam in fams for w in weeks]


def block_area(block: str) -> tuple[str, str]:
    """(kind, area) of a block key: ("place", "UA/@sudzha"), ("region", "kursk oblast") or
    ("country", "UA"); an empty key is a place block (every claim meets every other)."""
    area = block.split("|", 1)[0]
    if not area or "/@" in area:
        return "place", area
    if "/" in area:
        return "region", area.split("/", 1)[1]
    return "country", area


def standing(f: ClaimFeatures, kind: str, area: str) -> str:
    """How a claim stands in a block of ``kind`` and ``area`` (see ``events.MEETS_BY_WORD``):
    in a place block "all"; in a region block "coarse" (it names the region and no place in
    it), "fine" (a place in it) or "guest" (naming only a region next to it); in a country
    block "top" (it names no region) or "sub"."""
    if kind == "place":
        return "all"
    if kind == "region":
        if area not in f.admin1:
            return "guest"
        return "fine" if leaf_places(f) else "coarse"
    return "sub" if f.admin1 else "top"


def is_region_block(block: str) -> bool:
    return block_area(block)[0] != "country"
