"""`claimledger eval toponyms`: LGL / TR-News XML, offset repair, resolution and recognition scores.

The fixture tests/fixtures/toponyms/lgl_sample.xml has three articles:

ua-1 (child-element offsets): Kharkiv 24-31 (gold: the oblast, 706482, 49.5/36.5), Kyiv given 76-80
     (really 74-78), Chuhuiv 143-150, Ukraine given 165-172 (really 168-175);
us-2 (attribute offsets): Paris given 14-19 (really 11-16, gold Paris, Texas), Dallas, Texas,
     Springfield (gold: Illinois), Red River (no gaztag);
bad-3: an offset "2x7", listed as a failure and skipped.

Resolution runs on a tiny gazetteer built here (real GeoNames ids and coordinates), so every
figure below is worked out by hand:

    Kharkiv     ours 706483 (the city)          id wrong, 56.4 km   -> within 161 km
    Kyiv        703448                          right
    Chuhuiv     710374                          right
    Ukraine     690791 (country, no coords)     right; same id counts as 0 km
    Paris       4717560 (Texas, from context)   right
    Dallas      4684888                         right
    Texas       4736286 (the state's GeoNames id, a stand-in point)   right
    Springfield 4409896 (Missouri, bigger)      id wrong, 428.7 km -> wrong
    => resolution 6/8 = 0.75, within 161 km 7/8 = 0.875
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from claimledger.errors import InputError
from claimledger.evaluate import toponyms as T
from claimledger.places import Gazetteer, SQLiteSource
from claimledger.places.index import IndexWriter, PlaceRow, keys_for

FIX = Path(__file__).parent / "fixtures" / "toponyms"
SAMPLE = FIX / "lgl_sample.xml"

PLACES = [  # gid, name, lat, lon, fcode, cc, admin1, pop, alternates
    (706483, "Kharkiv", 49.98081, 36.25272, "PPLA", "UA", "07", 1_430_885, ["Kharkov"]),
    (703448, "Kyiv", 50.45466, 30.5238, "PPLC", "UA", "12", 2_797_553, ["Kiev"]),
    (710374, "Chuhuiv", 49.83538, 36.6865, "PPL", "UA", "07", 33_000, ["Chuhuyiv"]),
    (2988507, "Paris", 48.85341, 2.3488, "PPLC", "FR", "11", 2_138_551, []),
    (4717560, "Paris", 33.66094, -95.55551, "PPLA2", "US", "TX", 24_782, []),
    (4684888, "Dallas", 32.78306, -96.80667, "PPLA2", "US", "TX", 1_300_092, []),
    (4409896, "Springfield", 37.21533, -93.29824, "PPLA2", "US", "MO", 166_810, []),
    (4250542, "Springfield", 39.80172, -89.64371, "PPLA", "US", "IL", 116_250, []),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("gaz") / "tiny.sqlite")
    w = IndexWriter(path, {"source": "test"})
    for gid, name, lat, lon, fcode, cc, a1, pop, alts in PLACES:
        w.add(PlaceRow(gid, name, lat, lon, "P", fcode, cc, a1, None, pop), keys_for(name, alts))
    w.write()
    return Gazetteer([SQLiteSource(path, name="tiny")])


# ---- reading -------------------------------------------------------------------------------
def test_repair_offsets():
    text = "Storms hit Paris and Dallas on Sunday."
    assert T.repair_offsets(text, 11, 16, "Paris") == (11, 16, "exact")
    assert T.repair_offsets(text, 14, 19, "Paris") == (11, 16, "shifted")       # 3 characters late
    assert T.repair_offsets(text, 5, 10, "Paris") == (11, 16, "shifted")        # 6 early
    assert T.repair_offsets(text, 19, 25, "DALLAS") == (21, 27, "shifted")      # found ignoring case
    assert T.repair_offsets(text, 0, 5, "Sunday") == (0, 5, "not_found")        # 31 away: beyond the window
    # the nearest occurrence wins
    text2 = "Kursk, then Kursk again"
    assert T.repair_offsets(text2, 10, 15, "Kursk") == (12, 17, "shifted")
    assert T.repair_offsets(text2, 2, 7, "Kursk") == (0, 5, "shifted")


def test_read_sample():
    articles, failures = T.read_toponym_xml(SAMPLE)
    assert [a.docid for a in articles] == ["ua-1", "us-2"]
    assert failures == [{"input": str(SAMPLE), "article": "bad-3", "line": None,
                         "reason": "start '2x7' is not a number", "code": "CL100"}]
    ua, us = articles
    assert [(t.phrase, t.start, t.end, t.repair) for t in ua.toponyms] == [
        ("Kharkiv", 24, 31, "exact"), ("Kyiv", 74, 78, "shifted"), ("Chuhuiv", 143, 150, "exact"),
        ("Ukraine", 168, 175, "shifted")]
    assert ua.toponyms[1].given == (76, 80)
    assert (ua.toponyms[0].geonameid, ua.toponyms[0].lat, ua.toponyms[0].lon, ua.toponyms[0].name) == \
        (706482, 49.5, 36.5, "Kharkivs'ka Oblast'")
    assert [(t.phrase, t.start, t.repair) for t in us.toponyms] == [
        ("Paris", 11, "shifted"), ("Dallas", 21, "exact"), ("Texas", 39, "exact"), ("Springfield", 101, "exact"),
        ("Red River", 127, "exact")]
    red = us.toponyms[-1]
    assert not red.has_gaztag and red.geonameid is None and red.lat is None
    for a in articles:
        for t in a.toponyms:
            assert a.text[t.start:t.end] == t.phrase


def test_malformed_file_names_file_and_line():
    with pytest.raises(InputError) as ei:
        T.read_toponym_xml(FIX / "malformed.xml")
    err = ei.value
    assert err.input == str(FIX / "malformed.xml") and err.line == 4
    assert "line 4" in str(err) and "not well-formed XML" in str(err)


def test_missing_file(tmp_path):
    with pytest.raises(InputError):
        T.evaluate_toponyms(tmp_path / "nope.xml", recognize=False)


def test_not_articles(tmp_path):
    p = tmp_path / "x.xml"
    p.write_text("<root><item/></root>")
    with pytest.raises(InputError, match="no <article>"):
        T.read_toponym_xml(p)


# ---- resolution ----------------------------------------------------------------------------
def test_great_circle():
    assert T.great_circle_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)
    assert T.great_circle_km(37.21533, -93.29824, 39.80172, -89.64371) == pytest.approx(428.7, abs=0.1)


def test_resolution_scores(gaz):
    r = T.evaluate_toponyms(SAMPLE, gazetteer=gaz, recognize=False, errors=True)
    assert r["resolution_accuracy"] == 0.75
    assert r["accuracy_161km"] == 0.875
    assert r["recognition_f1"] is None
    assert (r["articles"], r["failed"], r["toponyms"]) == (2, 1, 9)
    assert r["offsets"] == {"exact": 6, "shifted": 3, "not_found": 0}
    res = r["resolution"]
    assert (res["total"], res["correct"], res["with_coordinates"], res["within_161km"]) == (8, 6, 8, 7)
    assert (res["no_gaztag"], res["no_coordinates"], res["unresolved"]) == (1, 0, 0)
    assert res["median_error_km"] == 0.0
    assert res["mean_error_km"] == pytest.approx((56.4 + 428.7) / 8, abs=0.1)
    wrong = {m["phrase"]: m for m in r["misses"] if m["kind"] == "resolution"}
    assert set(wrong) == {"Kharkiv", "Springfield"}
    assert wrong["Kharkiv"]["ours_id"] == 706483 and wrong["Kharkiv"]["km"] == pytest.approx(56.4, abs=0.2)
    assert wrong["Springfield"]["ours_id"] == 4409896
    assert r["causes"]["wrong candidate"] == 1 and r["causes"]["no coordinate"] == 0


def test_context_decides_paris(gaz):
    # Without the article's other places Paris is the French capital; with Dallas and Texas it is Paris, Texas.
    assert gaz.resolve("Paris").geonames_id == 2988507
    assert gaz.resolve("Paris", context_places=["Dallas", "Texas"]).geonames_id == 4717560


def test_recognition_arithmetic_with_a_given_recognizer(gaz):
    def fake(texts):
        assert len(texts) == 2
        yield [(24, 31), (0, 7), (74, 78)], [(168, 175)]      # Kharkiv, "Russian" (spurious), Kyiv
        yield [(11, 16), (127, 137)], []                      # Paris, "Red River." overlaps Red River
    r = T.evaluate_toponyms(SAMPLE, gazetteer=gaz, recognizer=fake, errors=True)
    assert r["recognition"] == {"precision": 0.8, "recall": 0.4444, "f1": 0.5714, "tp": 4, "predicted": 5,
                                "gold": 9}
    assert r["recognition_f1"] == 0.5714
    assert r["recognition_ner"] == {"precision": 1.0, "recall": 0.1111, "f1": 0.2, "tp": 1, "predicted": 1,
                                    "gold": 9}
    spurious = [m["phrase"] for m in r["misses"] if m["kind"] == "spurious"]
    missed = [m["phrase"] for m in r["misses"] if m["kind"] == "missed"]
    assert spurious == ["Russian"]
    assert missed == ["Chuhuiv", "Ukraine", "Dallas", "Texas", "Springfield"]


def test_matching_is_one_to_one():
    gold = [(0, 8), (13, 19)]                 # "Saturday", "Sunday" as two gold spans
    assert T.match_overlapping(gold, [(0, 19)]) == {0: 0}
    assert T.match_overlapping(gold, [(0, 4), (2, 8), (14, 15)]) == {0: 0, 1: 2}


# ---- end to end with spaCy -----------------------------------------------------------------
@pytest.mark.model
def test_recognition_with_spacy(gaz):
    # spaCy's small model tags Kharkiv and Kyiv as PERSON and Chuhuiv as NORP; what PlaceFinder
    # recovers of those depends on its rules, which keep improving, so only the fixed part is
    # pinned: no spurious place in these two articles, Ukraine, Paris, Dallas, Texas and
    # Springfield always found, and F1 = 2tp / (found + 9 gold) with found = tp.
    r = T.evaluate_toponyms(SAMPLE, gazetteer=gaz, errors=True)
    rec = r["recognition"]
    tp = rec["tp"]
    assert rec["predicted"] == tp and rec["precision"] == 1.0 and rec["gold"] == 9
    assert 5 <= tp <= 9
    assert r["recognition_f1"] == rec["f1"] == round(2 * tp / (tp + 9), 4)
    missed = {m["phrase"] for m in r["misses"] if m["kind"] == "missed"}
    assert missed <= {"Kharkiv", "Kyiv", "Chuhuiv", "Red River"} and len(missed) == 9 - tp
    # bare GPE/LOC entities of the pinned model: Ukraine, Paris, Dallas, Texas, Springfield, Red River
    assert r["recognition_ner"] == {"precision": 1.0, "recall": 0.6667, "f1": 0.8, "tp": 6, "predicted": 6,
                                    "gold": 9}
    assert r["resolution_accuracy"] == 0.75 and r["accuracy_161km"] == 0.875


# ---- CLI -----------------------------------------------------------------------------------
def _cli(argv, gaz, monkeypatch, recognizer=None):
    ap = argparse.ArgumentParser(prog="claimledger eval")
    T.add_parser(ap.add_subparsers(dest="what", required=True))
    args = ap.parse_args(argv)
    real = T.evaluate_toponyms

    def patched(path, **kw):
        return real(path, gazetteer=gaz, recognizer=recognizer or (lambda texts: (([], []) for _ in texts)), **kw)
    monkeypatch.setattr(T, "evaluate_toponyms", patched)
    return args.func(args, None)


def test_cli_json(gaz, monkeypatch, capsys):
    code = _cli(["toponyms", str(SAMPLE), "--format", "json"], gaz, monkeypatch)
    out, err = capsys.readouterr()
    assert code == 1                                   # one article failed, and is named on stderr
    assert "bad-3" in err and "2x7" in err
    r = json.loads(out)
    for key in ("resolution_accuracy", "accuracy_161km", "recognition_f1"):
        assert 0.0 <= r[key] <= 1.0
    assert (r["resolution_accuracy"], r["accuracy_161km"], r["recognition_f1"]) == (0.75, 0.875, 0.0)
    assert "misses" not in r


def test_cli_table_with_errors(gaz, monkeypatch, capsys):
    code = _cli(["toponyms", str(SAMPLE), "--errors"], gaz, monkeypatch)
    out, _ = capsys.readouterr()
    assert code == 1
    assert "resolution accuracy given the gold spans   0.750  (6/8" in out
    assert "accuracy within 161 km                      0.875  (7/8" in out
    assert "misses by cause" in out and "wrong candidate      1" in out
    assert "miss resolution us-2 [101:112] 'Springfield'" in out


def test_cli_malformed_exit_2(gaz, monkeypatch, capsys):
    code = _cli(["toponyms", str(FIX / "malformed.xml")], gaz, monkeypatch)
    _, err = capsys.readouterr()
    assert code == 2 and "malformed.xml: line 4" in err


# ---- GeoVirus, parts, failures, causes -----------------------------------------------------------
GEOVIRUS = FIX / "geovirus_sample.xml"


def test_read_geovirus():
    articles, failures = T.read_toponym_xml(GEOVIRUS)
    assert failures == [] and len(articles) == 3
    assert [a.group for a in articles] == ["https://en.wikinews.org/wiki/Example_one"] * 2 + [
        "https://en.wikinews.org/wiki/Example_two"]
    t = articles[0].toponyms[1]
    assert (t.phrase, t.start, t.end, t.lat, t.lon, t.geonameid) == ("Kyiv", 34, 38, 50.45, 30.52, None)
    assert t.has_gaztag and t.name == "https://en.wikipedia.org/wiki/Kyiv"


def test_geovirus_scored_by_distance(gaz):
    r = T.evaluate_toponyms(GEOVIRUS, gazetteer=gaz, recognize=False)
    # Dallas, Kyiv and Paris (the capital, no context) are right; Springfield is the bigger Missouri one
    assert r["accuracy_161km"] == 0.75
    assert r["resolution"]["total"] == 0                      # no GeoNames ids in GeoVirus
    assert r["causes"]["wrong candidate"] == 1


def test_split_keeps_pages_together_and_parts_are_disjoint():
    articles, _ = T.read_toponym_xml(GEOVIRUS)
    tune = T.split_articles(articles, "tune", seed=13, share=0.5)
    report = T.split_articles(articles, "report", seed=13, share=0.5)
    assert len(tune) + len(report) == 3
    assert {id(a) for a in tune}.isdisjoint(id(a) for a in report)
    assert len({a.group for a in tune}) == 1 and len({a.group for a in report}) == 1
    assert T.split_articles(articles, "tune", seed=13, share=0.5) == tune     # fixed by the seed
    with pytest.raises(ValueError):
        T.split_articles(articles, "test")


def test_failed_article_is_reported_and_the_rest_scored(gaz):
    def recognizer(texts):
        for t in texts:
            if "Springfield" in t:
                yield T.RecognitionFailed("IndexError: list index out of range")
            else:
                yield [], []
    r = T.evaluate_toponyms(GEOVIRUS, gazetteer=gaz, recognizer=recognizer)
    assert r["failed"] == 1 and "IndexError" in r["failures"][0]["reason"]
    assert r["recognition"]["gold"] == 3                      # the two other articles' toponyms
    assert r["causes"]["not recognised"] == 3


def test_a_marked_demonym_names_its_country(gaz):
    # toponym annotators mark "Ukrainians"; given that span, it names Ukraine (recognition still leaves it out)
    from claimledger.extract.places_extract import resolve_mention

    p = resolve_mention(gaz, "Ukrainians")
    assert (p.name, p.country, p.feature) == ("Ukraine", "UA", "country")
    assert p.text == "Ukrainians" and p.reason.startswith("demonym of Ukraine")
    assert p.lat is not None and p.geo_precision == 3
    assert resolve_mention(gaz, "Kyiv").geonames_id == 703448
    assert resolve_mention(gaz, "Bananas") is None


def test_the_right_country_at_another_reference_point_is_its_own_cause(gaz, tmp_path):
    # GeoVirus takes Wikipedia's points: China at 35N 103E, about 180 km from the reference point
    # GeoNames and we use; Kyiv is a city, so the second figure (no countries) counts it alone
    xml = tmp_path / "gv.xml"
    xml.write_text("""<articles><article><source>https://en.wikinews.org/wiki/X</source>
<text>Flights from China to Kyiv.</text><locations>
<location><name>China</name><start>13</start><end>18</end><lat>35.0</lat><lon>103.0</lon>
<page>https://en.wikipedia.org/wiki/China</page></location>
<location><name>Kyiv</name><start>22</start><end>26</end><lat>50.45</lat><lon>30.52</lon>
<page>https://en.wikipedia.org/wiki/Kyiv</page></location>
</locations></article></articles>""", encoding="utf-8")
    r = T.evaluate_toponyms(xml, gazetteer=gaz, recognize=False)
    assert r["accuracy_161km"] == 0.5
    assert r["causes"]["area point"] == 1 and r["causes"]["wrong country"] == 0
    assert r["accuracy_161km_below_country"] == 1.0 and r["below_country"] == {"with_coordinates": 1, "within_161km": 1}
    assert "toponyms other than countries" in T.format_table(r)


def test_the_tune_part_splits_again_into_fit_and_check():
    articles = [T.ToponymArticle(docid=f"a{i}", text="x", group=f"g{i // 2}") for i in range(40)]
    tune = T.split_articles(articles, "tune")
    fit, check = T.split_articles(articles, "tune-fit"), T.split_articles(articles, "tune-check")
    assert {a.docid for a in fit} | {a.docid for a in check} == {a.docid for a in tune}
    assert {a.group for a in fit}.isdisjoint(a.group for a in check)     # pages stay together
    assert len({a.group for a in check}) == round(len({a.group for a in tune}) * T.CHECK_SHARE)
    assert {a.docid for a in check}.isdisjoint(a.docid for a in T.split_articles(articles, "report"))


def _paris_news_xml(tmp_path):
    """One LGL article of the Paris News (theparisnews.com) naming Paris, Texas."""
    xml = tmp_path / "lgl.xml"
    xml.write_text("""<articles><article docid="p-1"><domain>theparisnews.com</domain>
<url>http://www.theparisnews.com/story/1</url>
<text>Paris schools close early.</text><toponyms><toponym><start>0</start><end>5</end>
<phrase>Paris</phrase><gaztag geonameid="4717560"><name>Paris</name><lat>33.66094</lat><lon>-95.55551</lon>
</gaztag></toponym></toponyms></article></articles>""", encoding="utf-8")
    return xml


def test_the_articles_web_address_is_passed_as_its_outlet(gaz, tmp_path):
    # the record's <url> (as a user's document carries its address) names the outlet; the Paris News
    # is named after Paris, Texas. Without it, Paris alone is the capital of France.
    xml = _paris_news_xml(tmp_path)
    arts, _ = T.read_toponym_xml(xml)
    assert arts[0].url == "http://www.theparisnews.com/story/1"
    assert T.evaluate_toponyms(xml, gazetteer=gaz, recognize=False)["accuracy_161km"] == 1.0
    assert T.evaluate_toponyms(xml, gazetteer=gaz, recognize=False, outlet_evidence=False)["accuracy_161km"] == 0.0


@pytest.mark.parametrize("flags, expected", [([], 1.0), (["--no-outlet"], 0.0)])
def test_cli_no_outlet_resolves_without_the_articles_outlet(gaz, monkeypatch, capsys, tmp_path, flags, expected):
    xml = _paris_news_xml(tmp_path)
    code = _cli(["toponyms", str(xml), "--format", "json", *flags], gaz, monkeypatch)
    out, _ = capsys.readouterr()
    assert code == 0 and json.loads(out)["accuracy_161km"] == expected


def _springfield_paper_xml(tmp_path):
    """Three stories of one outlet not named after a town: two place Springfield in Illinois, the
    third names Springfield alone (gold: Illinois's, smaller than Missouri's)."""
    xml = tmp_path / "lgl.xml"
    story = """<article docid="{id}"><domain>dailynews.com</domain><url>http://dailynews.com/{id}</url>
<text>{text}</text><toponyms><toponym><start>0</start><end>11</end><phrase>Springfield</phrase>
<gaztag geonameid="4250542"><name>Springfield</name><lat>39.80172</lat><lon>-89.64371</lon></gaztag></toponym>
{more}</toponyms></article>"""
    state = "<toponym><start>13</start><end>21</end><phrase>Illinois</phrase></toponym>"
    xml.write_text("<articles>" + "".join([
        story.format(id="s-1", text="Springfield, Illinois, opens a park.", more=state),
        story.format(id="s-2", text="Springfield, Illinois, hires a chief.", more=state),
        story.format(id="s-3", text="Springfield schools close early.", more=""),
    ]) + "</articles>", encoding="utf-8")
    return xml


def test_the_outlets_home_region_is_learned_from_its_other_stories(gaz, tmp_path):
    # the outlet's other two stories are placed in Illinois (as we resolve them, never their gold):
    # its Springfield alone is Illinois's; without the profile, Missouri's bigger one
    xml = _springfield_paper_xml(tmp_path)
    with_profile = T.evaluate_toponyms(xml, gazetteer=gaz, recognize=False, errors=True)
    without = T.evaluate_toponyms(xml, gazetteer=gaz, recognize=False, errors=True, outlet_profile=False)
    assert with_profile["accuracy_161km"] == 1.0
    assert without["accuracy_161km"] == pytest.approx(2 / 3, abs=1e-4)
    assert [(m["article"], m["ours_id"]) for m in without["misses"]] == [("s-3", 4409896)]


@pytest.mark.parametrize("flags, expected", [([], 1.0), (["--no-outlet-profile"], 0.6667)])
def test_cli_no_outlet_profile(gaz, monkeypatch, capsys, tmp_path, flags, expected):
    code = _cli(["toponyms", str(_springfield_paper_xml(tmp_path)), "--format", "json", *flags], gaz, monkeypatch)
    out, _ = capsys.readouterr()
    assert code == 0 and json.loads(out)["accuracy_161km"] == expected


def test_the_outlets_home_region_is_evidence_below_what_the_text_names(gaz):
    from claimledger.places.outlet import Outlet
    from claimledger.places.outlet_profile import HomeRegion
    home = Outlet(host="dailynews.com", generic=True, home_region=HomeRegion("US", "IL", "Illinois", 2, 2))
    assert gaz.resolve("Springfield").geonames_id == 4409896
    place = gaz.resolve("Springfield", context_places=[home])
    assert place.geonames_id == 4250542
    assert "Illinois, where 2 of the outlet's 2 other stories are placed" in place.reason
    # a region the story itself names weighs as much: Missouri named, Missouri's (bigger) town
    assert gaz.resolve("Springfield", context_places=[home, "Missouri"]).geonames_id == 4409896
