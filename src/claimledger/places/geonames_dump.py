"""GeoNames country dumps (``RU.zip``, ``UA.zip``, ``allCountries.zip``) -> a place index.

The dumps are the full GeoNames table for a country, villages included. This
module reads one that the user already has (it never downloads) and writes the
same SQLite index format as the default gazetteer (see ``index.py``), so it
can be layered in front of it::

    path = install_dump("RU.zip")            # -> <cache dir>/geonames-dump-RU.sqlite
    g = ChainGazetteer([LocalDumpGazetteer(path), default_gazetteer()])

(:func:`claimledger.places.default_gazetteer` puts every installed dump in
front by itself.) File format, per GeoNames' readme: UTF-8, tab-separated, no
header, one place a line, 19 columns:

    geonameid, name, asciiname, alternatenames (comma-separated), latitude,
    longitude, feature class, feature code, country code, cc2, admin1 code,
    admin2 code, admin3 code, admin4 code, population, elevation, dem,
    timezone, modification date
"""
from __future__ import annotations

import io
import os
import time
import zipfile
from dataclasses import dataclass
from typing import IO, Iterable, Iterator, Optional

from .index import IndexWriter, PlaceRow, keys_for

COLUMNS = ("geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class",
           "feature_code", "country_code", "cc2", "admin1_code", "admin2_code", "admin3_code", "admin4_code",
           "population", "elevation", "dem", "timezone", "modification_date")

DEFAULT_FEATURE_CLASSES = frozenset("PA")   # populated places and administrative divisions


@dataclass
class DumpRecord:
    geonameid: int
    name: str
    asciiname: str
    alternatenames: list[str]
    latitude: Optional[float]
    longitude: Optional[float]
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str
    admin2_code: str
    population: Optional[int]

    def to_row(self) -> PlaceRow:
        return PlaceRow(self.geonameid, self.name, self.latitude, self.longitude, self.feature_class or None,
                        self.feature_code or None, self.country_code or None, self.admin1_code or None,
                        self.admin2_code or None, self.population)


class DumpFormatError(ValueError):
    pass


def _float(v: str) -> Optional[float]:
    return float(v) if v.strip() else None


def _int(v: str) -> Optional[int]:
    v = v.strip()
    return int(v) if v else None


def parse_lines(lines: Iterable[str], *, feature_classes: Optional[Iterable[str]] = DEFAULT_FEATURE_CLASSES,
                source: str = "<dump>") -> Iterator[DumpRecord]:
    """Records from GeoNames dump lines; ``feature_classes=None`` keeps every class."""
    keep = frozenset(feature_classes) if feature_classes is not None else None
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if not line or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) != len(COLUMNS):
            raise DumpFormatError(f"{source}:{n}: expected {len(COLUMNS)} tab-separated columns, got {len(f)}")
        if keep is not None and f[6] not in keep:
            continue
        try:
            yield DumpRecord(
                geonameid=int(f[0]), name=f[1], asciiname=f[2],
                alternatenames=[a for a in f[3].split(",") if a],
                latitude=_float(f[4]), longitude=_float(f[5]), feature_class=f[6], feature_code=f[7],
                country_code=f[8], admin1_code=f[10], admin2_code=f[11], population=_int(f[14]),
            )
        except ValueError as e:
            raise DumpFormatError(f"{source}:{n}: {e}") from None


def open_dump(path: str) -> tuple[IO[str], str]:
    """A text stream over a dump file or a GeoNames zip (the one data member, not readme.txt)."""
    if zipfile.is_zipfile(path):
        z = zipfile.ZipFile(path)
        members = [m for m in z.namelist() if m.endswith(".txt") and not m.lower().startswith("readme")]
        if len(members) != 1:
            raise DumpFormatError(f"{path}: expected one data file in the zip, found {members}")
        return io.TextIOWrapper(z.open(members[0]), encoding="utf-8", newline=""), members[0]
    return open(path, encoding="utf-8", newline=""), os.path.basename(path)


def build_dump_index(src: str, out: str, *, feature_classes: Optional[Iterable[str]] = DEFAULT_FEATURE_CLASSES,
                     countries: Optional[Iterable[str]] = None) -> dict:
    """Index the dump at ``src`` (file or zip) into ``out``; ``countries`` filters allCountries."""
    t0 = time.perf_counter()
    keep_cc = {c.upper() for c in countries} if countries else None
    stream, member = open_dump(src)
    ccs: set[str] = set()
    with stream:
        writer = IndexWriter(out, {"source": "geonames-dump", "source_file": member,
                                   "source_version": str(int(os.path.getmtime(src))),
                                   "feature_classes": "".join(sorted(feature_classes)) if feature_classes else "*"})
        for rec in parse_lines(stream, feature_classes=feature_classes, source=member):
            if keep_cc is not None and rec.country_code not in keep_cc:
                continue
            ccs.add(rec.country_code)
            writer.add(rec.to_row(), keys_for(rec.name, rec.alternatenames, rec.asciiname))
        writer.meta["countries"] = ",".join(sorted(ccs))
        n = len(writer)
        writer.write()
    return {"path": out, "places": n, "countries": sorted(ccs), "seconds": round(time.perf_counter() - t0, 2)}


def install_dump(src: str, *, name: Optional[str] = None, directory: Optional[str] = None,
                 feature_classes: Optional[Iterable[str]] = DEFAULT_FEATURE_CLASSES) -> str:
    """Index a local dump into the cache directory, where :func:`default_gazetteer` finds it.

    ``name`` defaults to the file's stem ("RU" for RU.zip). This is what
    ``claimledger gazetteer install CC`` is meant to call once it has the file.
    """
    from .gazetteer import cache_dir, set_default_gazetteer

    stem = name or os.path.splitext(os.path.basename(src))[0]
    out = os.path.join(directory or cache_dir(), f"geonames-dump-{stem}.sqlite")
    build_dump_index(src, out, feature_classes=feature_classes)
    if directory is None:
        set_default_gazetteer(None)     # the next default_gazetteer() includes it
    return out
