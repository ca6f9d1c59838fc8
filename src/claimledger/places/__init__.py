"""Places: a gazetteer that turns place names into :class:`claimledger.models.Place`.

Importing this package reads no data. The small country and admin1 tables load
on first use; the GeoNames cities index is built (once per machine, under the
cache directory) or opened on the first look-up that needs it.

    from claimledger.places import resolve, parse_region_phrase
    resolve("Sudzha")                                  # town, Kursk Oblast, RU, precision 1
    resolve("Plekhovo", admin1="Kursk", country="RU")  # not in cities500: no coordinates, precision 2
    parse_region_phrase("the Kursk border region of Russia")  # ("Kursk", "Kursk Oblast", "RU")
"""
from .gazetteer import (
    ChainGazetteer,
    Gazetteer,
    GeonamesCacheSource,
    LocalDumpGazetteer,
    PlaceCandidate,
    SQLiteSource,
    cache_dir,
    default_gazetteer,
    ensure_default_index,
    lookup,
    place_from_context,
    resolve,
    set_default_gazetteer,
)
from .regions import RegionPhrase, RegionTable, find_region_phrases, parse_region_phrase

__all__ = [
    "ChainGazetteer", "Gazetteer", "GeonamesCacheSource", "LocalDumpGazetteer", "PlaceCandidate",
    "RegionPhrase", "RegionTable", "SQLiteSource", "cache_dir", "default_gazetteer", "ensure_default_index",
    "find_region_phrases", "lookup", "parse_region_phrase", "place_from_context", "resolve",
    "set_default_gazetteer",
]
