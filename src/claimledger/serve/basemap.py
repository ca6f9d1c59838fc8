"""Country outlines under the drawn map, from Natural Earth's 1:50m countries as the npm package
``world-atlas`` ships them (TopoJSON). ``./run`` installs that package at set-up into
``.venv/share/claimledger`` with npm; nothing is fetched at run time and no third-party code is in
the repository. Without it (no npm) the map is drawn on a plain graticule.
"""
from __future__ import annotations

import json
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Optional

PACKAGE = "world-atlas"
FILE = "countries-50m.json"


def outlines_file() -> Optional[Path]:
    """The installed TopoJSON file: $CLAIMLEDGER_MAP_OUTLINES, else the set-up's install in this
    environment (``<sys.prefix>/share/claimledger/node_modules/world-atlas/``), else None."""
    candidates = [os.environ.get("CLAIMLEDGER_MAP_OUTLINES") or "",
                  str(Path(sys.prefix) / "share" / "claimledger" / "node_modules" / PACKAGE / FILE)]
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    return None


Ring = list[tuple[float, float]]


Country = tuple[str, tuple[float, float, float, float], tuple[Ring, ...]]


def countries() -> tuple[Country, ...]:
    """(name, (west, south, east, north), rings of (lon, lat)) for every country; () when the file
    is missing or unreadable."""
    p = outlines_file()
    return _load(str(p)) if p else ()


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[Country, ...]:
    try:
        topo = json.loads(Path(path).read_text(encoding="utf-8"))
        return tuple(_decode(topo, "countries"))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return ()


def _decode(topo: dict, name: str):
    """TopoJSON (quantized, delta-encoded arcs) to rings of (lon, lat)."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indices) -> Ring:
        out: Ring = []
        for i in indices:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        if out and max(p[0] for p in out) - min(p[0] for p in out) > 180:   # crosses the antimeridian
            out = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in out]
        return out

    for g in topo["objects"][name]["geometries"]:
        if g.get("type") == "Polygon":
            polys = [g["arcs"]]
        elif g.get("type") == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        rings = tuple(ring(r) for poly in polys for r in poly)
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        if lons:
            yield ((g.get("properties") or {}).get("name") or "", (min(lons), min(lats), max(lons), max(lats)), rings)


def outline_paths(project, west: float, south: float, east: float, north: float, min_px: float = 0.8) -> list[tuple[str, str]]:
    """(country name, SVG path data) for each country touching the box, projected with ``project(lat, lon)``;
    points closer than ``min_px`` to the last kept one are dropped."""
    out = []
    for name, (w, s, e, n), rings in countries():
        if e < west or w > east or n < south or s > north:
            continue
        parts = []
        for r in rings:
            last = None
            seg = []
            for lon, lat in r:
                x, y = project(lat, lon)
                if last is None or abs(x - last[0]) + abs(y - last[1]) >= min_px:
                    seg.append(f"{x:.1f},{y:.1f}")
                    last = (x, y)
            if len(seg) > 2:
                parts.append("M" + "L".join(seg) + "Z")
        if parts:
            out.append((name, "".join(parts)))
    return out
