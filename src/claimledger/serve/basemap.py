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


@lru_cache(maxsize=4)
def _world(path: str):
    """Every ring in Web Mercator world coordinates ([0, 1) both ways), with its box, per country:
    [(name, [(x0, y0, x1, y1, points array)])]. Made once per process."""
    import numpy as np
    out = []
    for name, _, rings in _load(path):
        items = []
        for r in rings:
            a = np.asarray(r, dtype=float)
            lat = np.clip(a[:, 1], -85.05, 85.05)
            s = np.sin(np.radians(lat))
            pts = np.column_stack(((a[:, 0] + 180.0) / 360.0, 0.5 - np.log((1 + s) / (1 - s)) / (4 * np.pi)))
            items.append((pts[:, 0].min(), pts[:, 1].min(), pts[:, 0].max(), pts[:, 1].max(), pts))
        out.append((name, items))
    return out


def warm() -> None:
    """Load and project the outlines now (about a second, once per process)."""
    p = outlines_file()
    if p is not None:
        _world(str(p))


def outline_paths(x0: float, y0: float, scale: float, width: int, height: int) -> tuple[tuple[str, str], ...]:
    """(country name, SVG path data) for each country with a ring in the view: world coordinates
    (Web Mercator in [0, 1)) ``x0, y0`` at the top left, ``scale`` pixels per world unit. Points
    are rounded to whole pixels and repeats dropped, so a path has no more points than it can show."""
    p = outlines_file()
    return _paths(str(p), x0, y0, scale, width, height) if p else ()


@lru_cache(maxsize=256)
def _paths(path: str, x0: float, y0: float, scale: float, width: int, height: int) -> tuple[tuple[str, str], ...]:
    import numpy as np
    x1, y1 = x0 + width / scale, y0 + height / scale
    margin = 20 / scale
    out = []
    for name, items in _world(path):
        parts = []
        for rx0, ry0, rx1, ry1, pts in items:
            if rx1 < x0 - margin or rx0 > x1 + margin or ry1 < y0 - margin or ry0 > y1 + margin:
                continue
            q = np.rint((pts - (x0, y0)) * scale).astype(np.int64)
            keep = np.ones(len(q), dtype=bool)
            keep[1:] = np.any(q[1:] != q[:-1], axis=1)
            q = q[keep]
            if len(q) > 2:
                parts.append("M" + " ".join(map(str, q.ravel().tolist())) + "Z")
        if parts:
            out.append((name, "".join(parts)))
    return tuple(out)
