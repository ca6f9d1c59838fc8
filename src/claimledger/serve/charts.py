"""Charts drawn as SVG on the server: an event's timeline and a map of its places. No script,
no tile server, no CDN: the page carries the drawing. With the ``map_tiles`` setting the map
also lays tiles from that server under the points (Web Mercator, one zoom level that fits).

Every label is escaped; every chart has a <title> and <desc>, and the page lists the same
facts as text beside it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from markupsafe import Markup, escape

from ..ledger.base import date_range

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f")


def party_colours(parties) -> dict[str, str]:
    return {p: PALETTE[i % len(PALETTE)] for i, p in enumerate(sorted(parties))}


# -- timeline ---------------------------------------------------------------------------------------

@dataclass
class Mark:
    party: str
    start: date
    end: date
    label: str            # the figure, if any ("42 killed"), else the claim type
    claim_id: str
    known: str            # what the dates are: "event", "statement" or "publication"
    count: int = 1        # claims saying the same thing over the same dates (copies, repeats)


def claim_dates(c: dict) -> Optional[tuple[date, date, str]]:
    """When a claim says it happened (else when it was said, else when its report was published)."""
    for key, known in (("event_time", "event"), ("stated_at", "statement")):
        t = c.get(key) or {}
        r = date_range(t.get("start")) or date_range(t.get("end"))
        r2 = date_range(t.get("end")) or r
        if r:
            return date.fromisoformat(r[0]), date.fromisoformat(r2[1]), known
    r = date_range((c.get("document") or {}).get("published"))
    if r:
        return date.fromisoformat(r[0]), date.fromisoformat(r[1]), "publication"
    return None


def timeline_marks(claims_by_party: dict[str, list[dict]]) -> tuple[list[Mark], int]:
    """Marks for every member claim that has a date; and how many had none."""
    from .formatting import quantity_label
    marks, undated = [], 0
    for party, claims in claims_by_party.items():
        for c in claims:
            when = claim_dates(c)
            if when is None:
                undated += 1
                continue
            qs = c.get("quantities") or []
            label = "; ".join(quantity_label(q) for q in qs[:2]) if qs else (c.get("type") or "").replace("_", " ")
            same = next((m for m in marks if (m.party, m.start, m.end, m.label, m.known)
                         == (party, when[0], when[1], label, when[2])), None)
            if same:
                same.count += 1
            else:
                marks.append(Mark(party, when[0], when[1], label, c["id"], when[2]))
    return marks, undated


def timeline_svg(claims_by_party: dict[str, list[dict]], *, width: int = 960) -> Optional[Markup]:
    """One row per party; each claim a dot (one day) or bar (a period) at its dates, labelled with
    its figure and linking to the claim. None when no claim has a date."""
    marks, undated = timeline_marks(claims_by_party)
    if not marks:
        return None
    parties = list(claims_by_party)
    colours = party_colours(parties)
    lo = min(m.start for m in marks)
    hi = max(m.end for m in marks) + timedelta(days=1)      # the last day drawn to its end
    if (hi - lo).days < 3:
        lo, hi = lo - timedelta(days=1), hi + timedelta(days=1)
    left, right, top, row = 110, 20, 44, 56
    height = top + row * len(parties) + 40
    span = (hi - lo).days or 1

    def x(d: date) -> float:
        return left + (width - left - right) * (d - lo).days / span

    out = [f'<svg class="chart timeline" viewBox="0 0 {width} {height}" role="img" '
           f'aria-labelledby="tl-title tl-desc" xmlns="http://www.w3.org/2000/svg">',
           '<title id="tl-title">Timeline of the claims, by party</title>',
           f'<desc id="tl-desc">{len(marks)} dated claims from {lo.isoformat()} to {hi.isoformat()}'
           f'{f"; {undated} without a date are not drawn" if undated else ""}.</desc>']
    for tick in _date_ticks(lo, hi - timedelta(days=1)):
        tx = x(tick)
        out.append(f'<line x1="{tx:.1f}" y1="{top - 8}" x2="{tx:.1f}" y2="{height - 30}" stroke="#e3e6e8"/>')
        out.append(f'<text x="{tx:.1f}" y="{height - 12}" text-anchor="middle">{tick.isoformat()}</text>')
    for i, party in enumerate(parties):
        y = top + row * i + row / 2
        out.append(f'<text x="8" y="{y + 4:.1f}" font-weight="600">{escape(party)}</text>')
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ccd1d5" '
                   'stroke-dasharray="2 3"/>')
        placed: list[float] = []
        for m in sorted((m for m in marks if m.party == party), key=lambda m: (m.start, m.end)):
            x1, x2 = x(m.start), x(m.end + timedelta(days=1))
            if m.end == m.start:                # one day: a dot in its middle
                x1 = x2 = (x1 + x2) / 2
            colour = colours[party]
            dash = ' stroke-dasharray="3 2"' if m.known != "event" else ""
            tip = f"{m.label} ({m.known} date {m.start.isoformat()}" + (
                f" to {m.end.isoformat()})" if m.end > m.start else ")") + (
                f", said in {m.count} claims" if m.count > 1 else "")
            out.append(f'<a href="/claims/{escape(m.claim_id)}#sentence"><title>{escape(tip)}</title>')
            if x2 - x1 > 4:
                out.append(f'<rect x="{x1:.1f}" y="{y - 6:.1f}" width="{x2 - x1:.1f}" height="12" rx="3" '
                           f'fill="{colour}" fill-opacity="0.35" stroke="{colour}"{dash}/>')
            else:
                out.append(f'<circle cx="{x1:.1f}" cy="{y:.1f}" r="6" fill="{colour}" '
                           f'fill-opacity="{0.9 if m.known == "event" else 0.35}" stroke="{colour}"{dash}/>')
            level = sum(1 for p in placed if abs(p - x1) < 90) % 3
            placed.append(x1)
            anchor = "end" if x1 > left + 0.7 * (width - left - right) else "start"
            tx = x2 if anchor == "end" else x1
            out.append(f'<text x="{tx:.1f}" y="{y - 10 - 12 * level:.1f}" text-anchor="{anchor}">'
                       f'{escape(m.label[:40])}{f" ×{m.count}" if m.count > 1 else ""}</text></a>')
    out.append("</svg>")
    return Markup("".join(out))


def _date_ticks(lo: date, hi: date, most: int = 6) -> list[date]:
    days = (hi - lo).days
    step = max(1, math.ceil(days / most))
    return [lo + timedelta(days=k) for k in range(0, days + 1, step)]


# -- map ----------------------------------------------------------------------------------------------

# The radius drawn around a point, in km, for what its precision says it stands for.
PRECISION_KM = {1: 2.0, 2: 25.0, 3: 150.0}


def map_places(claims_by_party: dict[str, list[dict]]) -> list[dict]:
    """The distinct places of the claims, each with the parties and claims naming it."""
    seen: dict[tuple, dict] = {}
    for party, claims in claims_by_party.items():
        for c in claims:
            for p in c.get("places") or []:
                key = (p.get("geonames_id") or p.get("name"), p.get("country"))
                entry = seen.setdefault(key, {**p, "parties": [], "claims": []})
                if party not in entry["parties"]:
                    entry["parties"].append(party)
                entry["claims"].append(c["id"])
    return list(seen.values())


def map_svg(places: list[dict], *, tiles: str = "", attribution: str = "", width: int = 960,
            height: int = 480) -> Optional[Markup]:
    """The places with coordinates as points, each with a ring showing how precisely it is
    known (exact place / district / region or country only). None when none has coordinates."""
    pts = [p for p in places if p.get("lat") is not None and p.get("lon") is not None]
    if not pts:
        return None
    lats = [p["lat"] for p in pts]
    lons = [p["lon"] for p in pts]
    pad = 1.0 + 0.15 * max(max(lats) - min(lats), max(lons) - min(lons))
    south, north = max(-85.0, min(lats) - pad), min(85.0, max(lats) + pad)
    west, east = max(-180.0, min(lons) - pad), min(180.0, max(lons) + pad)
    proj = _Mercator(west, south, east, north, width, height)
    out = [f'<svg class="map" viewBox="0 0 {width} {height}" role="img" aria-labelledby="map-title map-desc" '
           'xmlns="http://www.w3.org/2000/svg">',
           '<title id="map-title">Map of the places the claims name</title>',
           f'<desc id="map-desc">{len(pts)} places between latitudes {south:.1f} and {north:.1f}, '
           f'longitudes {west:.1f} and {east:.1f}. Rings show precision: small, the place itself; '
           'larger, only its district; largest, only its region or country.</desc>',
           f'<rect x="0" y="0" width="{width}" height="{height}" fill="#dfeaf2"/>']
    if tiles:
        out.extend(proj.tiles(tiles))
    else:
        from .basemap import outline_paths
        for name, d in outline_paths(round(proj.x0, 9), round(proj.y0, 9), round(proj.scale, 3), width, height):
            out.append(f'<path d="{d}" fill="#f3efe6" stroke="#a39e93" stroke-width="0.8">'
                       f'<title>{escape(name)}</title></path>')
    out.extend(proj.graticule())
    colours = party_colours({party for p in pts for party in p["parties"]})
    labels: list[tuple[float, float]] = []
    for p in sorted(pts, key=lambda p: -(p.get("geo_precision") or 0)):
        cx, cy = proj.xy(p["lat"], p["lon"])
        gp = p.get("geo_precision")
        radius = max(4.0, proj.km_to_px(PRECISION_KM.get(gp, 25.0), p["lat"]))
        colour = colours[p["parties"][0]] if p["parties"] else PALETTE[0]
        from .formatting import precision_label
        tip = f'{p.get("name")}: {precision_label(p)}; named by {", ".join(p["parties"])}'
        out.append(f'<g class="place"><title>{escape(tip)}</title>')
        if gp and gp > 1 or gp is None:
            out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{min(radius, width / 3):.1f}" fill="{colour}" '
                       f'fill-opacity="0.12" stroke="{colour}" stroke-dasharray="4 3"/>')
        out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" fill="{colour}" stroke="#fff" stroke-width="1.5"/>')
        lx, ly = cx + 7, cy - 6
        while any(abs(ly - y) < 13 and abs(lx - x) < 90 for x, y in labels):   # keep labels apart
            ly += 14
        labels.append((lx, ly))
        out.append(f'<text x="{lx:.1f}" y="{ly:.1f}" paint-order="stroke" stroke="#fff" stroke-width="3">'
                   f'{escape(p.get("name") or "")}</text></g>')
    scale_km = _nice_km(proj.px_to_km(width / 5, (south + north) / 2))
    bar = proj.km_to_px(scale_km, (south + north) / 2)
    x0 = width - 16 - bar
    out.append(f'<line x1="{x0:.1f}" y1="{height - 22}" x2="{width - 16}" y2="{height - 22}" stroke="#333" stroke-width="2"/>'
               f'<text x="{x0:.1f}" y="{height - 28}">{scale_km:g} km</text>')
    if tiles and attribution:
        out.append(f'<text x="{width - 6}" y="{height - 6}" text-anchor="end" font-size="10">{escape(attribution)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _nice_km(km: float) -> float:
    for v in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000):
        if v >= km * 0.6:
            return float(v)
    return 5000.0


class _Mercator:
    """Web Mercator fitted to a box, keeping the aspect (the box is widened as needed)."""

    def __init__(self, west: float, south: float, east: float, north: float, width: int, height: int):
        self.width, self.height = width, height
        x0, y0 = self._merc(west, north)
        x1, y1 = self._merc(east, south)
        scale = min(width / max(x1 - x0, 1e-9), height / max(y1 - y0, 1e-9))
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        self.scale = scale
        self.x0 = cx - width / 2 / scale
        self.y0 = cy - height / 2 / scale

    @staticmethod
    def _merc(lon: float, lat: float) -> tuple[float, float]:
        """World coordinates in [0, 1)."""
        lat = max(-85.05, min(85.05, lat))
        s = math.sin(math.radians(lat))
        return (lon + 180.0) / 360.0, 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        x, y = self._merc(lon, lat)
        return (x - self.x0) * self.scale, (y - self.y0) * self.scale

    def km_to_px(self, km: float, lat: float) -> float:
        world_km = 40075.0 * math.cos(math.radians(lat))
        return km / world_km * self.scale

    def px_to_km(self, px: float, lat: float) -> float:
        return px / self.scale * 40075.0 * math.cos(math.radians(lat))

    def lonlat(self, px: float, py: float) -> tuple[float, float]:
        x, y = px / self.scale + self.x0, py / self.scale + self.y0
        lon = x * 360.0 - 180.0
        lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y))))
        return lon, lat

    def graticule(self) -> list[str]:
        west, north = self.lonlat(0, 0)
        east, south = self.lonlat(self.width, self.height)
        west, east = max(west, -180.0), min(east, 180.0)        # a view wider than the world
        south, north = max(south, -85.0), min(north, 85.0)
        step = next((s for s in (0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 45) if (east - west) / s <= 8), 60)
        out = []
        lon = math.ceil(west / step) * step
        while lon <= east:
            x, _ = self.xy(0, lon)
            out.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{self.height}" stroke="#c9d3dc" stroke-width="0.7"/>'
                       f'<text x="{x + 2:.1f}" y="12" font-size="10" fill="#6b7782">{_deg(lon, "E", "W")}</text>')
            lon += step
        lat = math.ceil(south / step) * step
        while lat <= north:
            _, y = self.xy(lat, 0)
            out.append(f'<line x1="0" y1="{y:.1f}" x2="{self.width}" y2="{y:.1f}" stroke="#c9d3dc" stroke-width="0.7"/>'
                       f'<text x="2" y="{y - 2:.1f}" font-size="10" fill="#6b7782">{_deg(lat, "N", "S")}</text>')
            lat += step
        return out

    def tiles(self, template: str) -> list[str]:
        """<image> tiles from the template at the zoom whose tiles are about 256 px here."""
        z = max(0, min(18, round(math.log2(self.scale / 256))))
        n = 2 ** z
        size = self.scale / n
        tx0, ty0 = int(self.x0 * n), int(self.y0 * n)
        tx1 = int((self.x0 + self.width / self.scale) * n)
        ty1 = int((self.y0 + self.height / self.scale) * n)
        out = []
        for tx in range(tx0, tx1 + 1):
            for ty in range(max(0, ty0), min(n - 1, ty1) + 1):
                url = template.replace("{z}", str(z)).replace("{x}", str(tx % n)).replace("{y}", str(ty)) \
                    .replace("{s}", "abc"[(tx + ty) % 3])
                px, py = (tx / n - self.x0) * self.scale, (ty / n - self.y0) * self.scale
                out.append(f'<image href="{escape(url)}" x="{px:.1f}" y="{py:.1f}" width="{size:.1f}" '
                           f'height="{size:.1f}" preserveAspectRatio="none"/>')
        return out


def _deg(v: float, pos: str, neg: str) -> str:
    return f"{abs(v):g}°{pos if v >= 0 else neg}"
