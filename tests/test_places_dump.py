"""GeoNames country dumps as a second gazetteer layer, on a small hand-written RU file.

The rows below follow the GeoNames dump format (19 tab-separated columns). The
villages' ids (9000000xx), coordinates and populations are invented for the
test; Sudzha (486816) reuses its real cities500 id to test layering.
"""
from __future__ import annotations

import os
import zipfile

import pytest

from claimledger.places import (ChainGazetteer, Gazetteer, GeonamesCacheSource, LocalDumpGazetteer,
                                ensure_default_index)
from claimledger.places.gazetteer import installed_dump_paths
from claimledger.places.geonames_dump import (COLUMNS, DumpFormatError, build_dump_index, install_dump,
                                              parse_lines)

ROWS = [
    # geonameid, name, asciiname, alternatenames, lat, lon, fclass, fcode, cc, cc2, admin1, admin2, admin3, admin4,
    # population, elevation, dem, timezone, modification date
    ["514801", "Kursk Oblast", "Kursk Oblast", "Kurskaya Oblast',Kursk Region,Курская область", "51.5", "36.25",
     "A", "ADM1", "RU", "", "41", "", "", "", "1082458", "", "190", "Europe/Moscow", "2024-01-10"],
    ["900000010", "Sudzhanskiy Rayon", "Sudzhanskiy Rayon", "Sudzhansky District,Суджанский район", "51.2", "35.25",
     "A", "ADM2", "RU", "", "41", "900000010", "", "", "21000", "", "180", "Europe/Moscow", "2024-01-10"],
    ["486816", "Sudzha", "Sudzha", "Soudja,Sudscha,Sudsha,Sudza,Sudzja,Суджа", "51.19055", "35.27195",
     "P", "PPLA2", "RU", "", "41", "900000010", "", "", "5456", "", "180", "Europe/Moscow", "2024-01-10"],
    ["900000001", "Plekhovo", "Plekhovo", "Plehovo,Плехово", "51.2195", "35.1283",
     "P", "PPL", "RU", "", "41", "900000010", "", "", "120", "", "175", "Europe/Moscow", "2024-01-10"],
    ["900000002", "Vorobzha", "Vorobzha", "Vorobža,Воробжа", "51.2281", "35.1941",
     "P", "PPL", "RU", "", "41", "900000010", "", "", "600", "", "170", "Europe/Moscow", "2024-01-10"],
    ["900000003", "Martynovka", "Martynovka", "Мартыновка", "51.2543", "35.2421",
     "P", "PPL", "RU", "", "41", "900000010", "", "", "300", "", "185", "Europe/Moscow", "2024-01-10"],
    ["900000004", "Martynovka", "Martynovka", "Мартыновка", "51.3012", "39.5120",
     "P", "PPL", "RU", "", "86", "", "", "", "150", "", "160", "Europe/Moscow", "2024-01-10"],
    ["900000005", "Psyol", "Psyol", "Psel,Псёл", "51.15", "35.3",
     "H", "STM", "RU", "", "41", "", "", "", "0", "", "150", "Europe/Moscow", "2024-01-10"],
]
TEXT = "".join("\t".join(r) + "\n" for r in ROWS)


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory):
    env = os.environ.get("CLAIMLEDGER_TEST_CACHE")
    if env:
        d = env
    else:
        base = tmp_path_factory.getbasetemp()
        if os.environ.get("PYTEST_XDIST_WORKER"):
            base = base.parent
        d = str(base / "claimledger-gazetteer")
    ensure_default_index(d)
    return d


@pytest.fixture()
def dump_file(tmp_path):
    p = tmp_path / "RU.txt"
    p.write_text(TEXT, encoding="utf-8")
    return str(p)


@pytest.fixture()
def dump_zip(tmp_path):
    p = tmp_path / "RU.zip"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("readme.txt", "GeoNames readme\n")
        z.writestr("RU.txt", TEXT)
    return str(p)


@pytest.fixture()
def dump_gaz(dump_file, tmp_path):
    out = str(tmp_path / "geonames-dump-RU.sqlite")
    info = build_dump_index(dump_file, out)
    assert info["places"] == 7 and info["countries"] == ["RU"]      # the stream (class H) is left out
    return LocalDumpGazetteer(out)


def test_parse_lines_reads_the_geonames_columns():
    assert len(COLUMNS) == 19
    recs = list(parse_lines(TEXT.splitlines(), feature_classes=None))
    assert len(recs) == len(ROWS)
    p = recs[3]
    assert (p.geonameid, p.name, p.feature_class, p.feature_code, p.country_code, p.admin1_code) == \
        (900000001, "Plekhovo", "P", "PPL", "RU", "41")
    assert p.alternatenames == ["Plehovo", "Плехово"]
    assert p.latitude == pytest.approx(51.2195) and p.population == 120
    assert [r.name for r in parse_lines(TEXT.splitlines())][-1] == "Martynovka"   # default: classes P and A


def test_parse_lines_rejects_a_wrong_column_count():
    with pytest.raises(DumpFormatError, match="19 tab-separated columns"):
        list(parse_lines(["1\tOnly\tthree"]))


def test_villages_resolve_with_coordinates_from_the_dump(dump_gaz):
    p = dump_gaz.resolve("Plekhovo", admin1="Kursk", country="RU")
    assert (p.name, p.admin1, p.country, p.feature, p.geo_precision) == ("Plekhovo", "Kursk Oblast", "RU", "settlement", 1)
    assert (p.geonames_id, p.lat, p.lon) == (900000001, pytest.approx(51.2195), pytest.approx(35.1283))
    assert dump_gaz.resolve("Воробжа").geonames_id == 900000002


def test_admin1_hint_picks_the_right_namesake(dump_gaz):
    assert dump_gaz.resolve("Martynovka", admin1="Kursk").geonames_id == 900000003
    assert dump_gaz.resolve("Martynovka", admin1="Voronezh Oblast").geonames_id == 900000004
    # a transliteration variant is found inside the hinted region
    p = dump_gaz.resolve("Martynivka", admin1="Kursk")
    assert (p.geonames_id, p.name) == (900000003, "Martynovka")
    assert dump_gaz.lookup("Martynivka", admin1="Kursk")[0].match == "fuzzy"


def test_zip_input(dump_zip, tmp_path):
    out = str(tmp_path / "z.sqlite")
    info = build_dump_index(dump_zip, out)
    assert info["places"] == 7
    assert LocalDumpGazetteer(out).resolve("Plekhovo", admin1="Kursk").geonames_id == 900000001


def test_chain_puts_the_dump_in_front_of_cities500(dump_gaz, index_dir):
    chain = ChainGazetteer([dump_gaz, Gazetteer([GeonamesCacheSource(index_dir)])])
    # the same GeoNames id in both layers: the dump's record wins
    c = chain.lookup("Sudzha")[0]
    assert c.geonames_id == 486816 and c.feature_code == "PPLA2" and c.source.startswith("geonames-dump")
    # what only cities500 has still resolves
    assert chain.resolve("Kharkiv").country == "UA"
    # villages now have coordinates
    p = chain.resolve("Vorobzha", admin1="Kursk", country="RU")
    assert p.geo_precision == 1 and p.lat == pytest.approx(51.2281)
    # the region gets the dump's ADM1 record
    r = chain.resolve("Kursk Oblast")
    assert (r.feature, r.geonames_id, r.admin1) == ("region", 514801, "Kursk Oblast")
    # a transliteration variant still finds the Kursk village, not the Ukrainian namesakes in cities500
    m = chain.resolve("Martynivka", admin1="Kursk", country="RU")
    assert (m.geonames_id, m.name, m.admin1) == (900000003, "Martynovka", "Kursk Oblast")
    # and without the dump the village keeps only what the text says, at its region's stand-in point
    alone = Gazetteer([GeonamesCacheSource(index_dir)]).resolve("Vorobzha", admin1="Kursk", country="RU")
    assert alone.geonames_id is None and alone.geo_precision == 2 and "stand-in" in alone.reason


def test_install_dump_into_the_cache_directory(dump_zip, tmp_path):
    d = str(tmp_path / "cache")
    path = install_dump(dump_zip, directory=d)
    assert os.path.basename(path) == "geonames-dump-RU.sqlite"
    assert installed_dump_paths(d) == [path]


def test_an_areas_places_are_keyed_for_variants_once(dump_gaz, monkeypatch):
    # transliteration variants are looked up in an index of the area's places by name skeleton,
    # read from the source once per area, not scanned again at every unknown name
    src = next(s for s in dump_gaz.sources if hasattr(s, "places_in"))
    calls = []
    real = src.places_in
    monkeypatch.setattr(src, "places_in", lambda *a, **k: calls.append(a) or real(*a, **k))
    first = dump_gaz.lookup("Martynivka", admin1="Kursk")
    again = dump_gaz.lookup("Vorobzhya", admin1="Kursk")
    assert first[0].name == "Martynovka" and again[0].name == "Vorobzha"
    assert calls == [("RU", "41")]
