"""Checks of exported files against the required parts of their specifications, used by the tests
and available to users: each returns a list of problems (empty when the file is valid)."""
from __future__ import annotations

import csv
import io
from typing import Any

from .formats import ACLED_COLUMNS


def geojson_problems(obj: Any) -> list[str]:
    """RFC 7946: a FeatureCollection has "features", an array of Features; a Feature has "geometry"
    (a Geometry object or null) and "properties" (an object or null); a Point's "coordinates" are
    one position: [longitude, latitude] numbers in range; no "crs" member (removed in 7946)."""
    out = []
    if not isinstance(obj, dict) or obj.get("type") != "FeatureCollection":
        return ["top level is not a FeatureCollection"]
    if "crs" in obj:
        out.append("crs member (not in RFC 7946)")
    feats = obj.get("features")
    if not isinstance(feats, list):
        return out + ["features is not an array"]
    for i, f in enumerate(feats):
        where = f"features[{i}]"
        if not isinstance(f, dict) or f.get("type") != "Feature":
            out.append(f"{where} is not a Feature")
            continue
        if "geometry" not in f or "properties" not in f:
            out.append(f"{where} lacks geometry or properties")
        if f.get("properties") is not None and not isinstance(f["properties"], dict):
            out.append(f"{where}.properties is not an object")
        if "id" in f and not isinstance(f["id"], (str, int, float)):
            out.append(f"{where}.id is not a string or number")
        g = f.get("geometry")
        if g is None:
            continue
        if not isinstance(g, dict) or g.get("type") != "Point":
            out.append(f"{where}.geometry is not a Point or null")
            continue
        c = g.get("coordinates")
        if not (isinstance(c, list) and len(c) in (2, 3) and all(isinstance(x, (int, float)) for x in c)):
            out.append(f"{where}.geometry.coordinates is not a position")
        elif not (-180 <= c[0] <= 180 and -90 <= c[1] <= 90):
            out.append(f"{where}.geometry.coordinates out of range (longitude first)")
    return out


def claimreview_problems(items: Any) -> list[str]:
    """schema.org ClaimReview as fact-check markup requires: @context schema.org, @type ClaimReview,
    url, claimReviewed, author (with name), reviewRating (a Rating with alternateName), and
    itemReviewed as a Claim with an author and appearance(s) (CreativeWork with url)."""
    out = []
    if not isinstance(items, list):
        return ["not a JSON array of ClaimReview objects"]
    for i, r in enumerate(items):
        w = f"[{i}]"
        if not isinstance(r, dict):
            out.append(f"{w} is not an object")
            continue
        if r.get("@context") not in ("https://schema.org", "http://schema.org", "https://schema.org/"):
            out.append(f"{w} @context is not schema.org")
        if r.get("@type") != "ClaimReview":
            out.append(f"{w} @type is not ClaimReview")
        for key in ("url", "claimReviewed", "datePublished"):
            if not r.get(key):
                out.append(f"{w} lacks {key}")
        if not (r.get("author") or {}).get("name"):
            out.append(f"{w} lacks author.name")
        rating = r.get("reviewRating") or {}
        if rating.get("@type") != "Rating" or not rating.get("alternateName"):
            out.append(f"{w} reviewRating is not a Rating with alternateName")
        item = r.get("itemReviewed") or {}
        if item.get("@type") != "Claim":
            out.append(f"{w} itemReviewed is not a Claim")
        if not (item.get("author") or {}).get("name"):
            out.append(f"{w} itemReviewed lacks author.name")
        apps = item.get("appearance")
        if not isinstance(apps, list) or not apps or not all(isinstance(a, dict) and a.get("url") for a in apps):
            out.append(f"{w} itemReviewed lacks appearances with urls")
    return out


def acled_csv_problems(text: str) -> list[str]:
    """Our ACLED-like CSV: the documented columns in order; each row with an id, an event type, a
    time precision 1-3 when dated, a geo precision 1-3 with coordinates, fatalities as numbers."""
    rows = list(csv.DictReader(io.StringIO(text)))
    header = next(csv.reader(io.StringIO(text)), [])
    if tuple(header) != ACLED_COLUMNS:
        return ["columns differ from ACLED_COLUMNS"]
    out = []
    for i, r in enumerate(rows):
        w = f"row {i + 1}"
        if not r["event_id_cnty"] or not r["event_type"]:
            out.append(f"{w} lacks event_id_cnty or event_type")
        if r["event_date"] and r["time_precision"] not in ("1", "2", "3"):
            out.append(f"{w} time_precision is not 1-3")
        if r["latitude"] and (r["geo_precision"] not in ("1", "2", "3") or not r["longitude"]):
            out.append(f"{w} coordinates without geo_precision 1-3")
        for k in ("fatalities", "fatalities_low", "fatalities_high"):
            if r[k]:
                try:
                    float(r[k])
                except ValueError:
                    out.append(f"{w} {k} is not a number")
    return out
