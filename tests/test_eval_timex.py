"""`claimledger eval timex`: TimeML reading, TimeExpr -> TIMEX3 values, and the scores.

Fixtures (tests/fixtures/timeml/):

talks.tml   DCT 1998-01-08 (a Thursday; ISO week 1998-W02), 9 gold TIMEX3:
            yesterday 1998-01-07, December 15 1997-12-15, three days P3D (DURATION),
            last week 1998-W01, the weekend 1998-W01-WE, February 1998-02 (a "will" sentence),
            1996 1996, now PRESENT_REF, this morning 1998-01-08TMO (TIME)
patrols.tml DCT 2024-12-17T09:30:00 (a Tuesday), 6 gold TIMEX3:
            Saturday 2024-12-14, two weeks P2W (DURATION), every Monday XXXX-WXX-1 (SET),
            a week ago 2024-12-10, November 2024 2024-11, the 1990s 199
broken.tml  a TIMEX3 closed by </EVENT> on line 6: not well-formed

Value accuracy given the gold spans (worked out by hand): every one right, 15/15
    ("February" and "the weekend" only as "in <text>"; "1996" as a bare year, "now" PRESENT_REF,
    "three days" and "two weeks" DURATION P3D / P2W, "every Monday" SET XXXX-WXX-1, "the 1990s" 199)

End to end, find_times per sentence, leading prepositions left out of the span: all 15 found
with the gold offsets and values (strict = lenient = span+value = 1.0).
Misses are exercised on a file written in the test (test_cli_table_and_errors).
"""
from __future__ import annotations

import argparse
import json
import re
from datetime import date
from pathlib import Path

import pytest

from claimledger.errors import InputError
from claimledger.evaluate import timex as X
from claimledger.models import TimeExpr

FIX = Path(__file__).parent / "fixtures" / "timeml"


# ---- reading -------------------------------------------------------------------------------
def test_read_timeml_offsets_and_dct():
    doc = X.read_timeml(FIX / "talks.tml")
    assert doc.docid == "APW19980108.0001"
    assert doc.dct == "1998-01-08" and doc.anchor == date(1998, 1, 8)
    assert "<" not in doc.text and doc.text.startswith("\nNegotiators met yesterday in Geneva.")
    assert [(g.tid, g.type, g.value, g.text) for g in doc.timexes] == [
        ("t1", "DATE", "1998-01-07", "yesterday"), ("t2", "DATE", "1997-12-15", "December 15"),
        ("t3", "DURATION", "P3D", "three days"), ("t4", "DATE", "1998-W01", "last week"),
        ("t5", "DATE", "1998-W01-WE", "the weekend"), ("t6", "DATE", "1998-02", "February"),
        ("t7", "DATE", "1996", "1996"), ("t8", "DATE", "PRESENT_REF", "now"),
        ("t9", "TIME", "1998-01-08TMO", "this morning")]
    for g in doc.timexes:
        assert doc.text[g.start:g.end] == g.text
    assert doc.timexes[0].start == 17 and doc.timexes[0].line == 11


def test_read_timeml_entities_and_datetime_dct():
    doc = X.read_timeml(FIX / "patrols.tml")
    assert doc.anchor == date(2024, 12, 17) and doc.dct == "2024-12-17T09:30:00"
    assert "a week ago & the convoy" in doc.text                   # &amp; decoded, offsets after it hold
    assert [doc.text[g.start:g.end] for g in doc.timexes][-2:] == ["November 2024", "the 1990s"]


def test_malformed_names_file_and_line():
    with pytest.raises(InputError) as ei:
        X.read_timeml(FIX / "broken.tml")
    assert ei.value.input == str(FIX / "broken.tml") and ei.value.line == 6
    assert "line 6" in str(ei.value) and "mismatched tag" in str(ei.value)


def _tml(tmp_path, body, dct='<DCT><TIMEX3 tid="t0" type="DATE" value="2024-03-01">x</TIMEX3></DCT>',
         docid="doc"):
    p = tmp_path / f"{docid}.tml"
    p.write_text(f'<?xml version="1.0"?>\n<TimeML>\n<DOCID>{docid}</DOCID>\n{dct}\n<TEXT>\n{body}\n</TEXT>\n</TimeML>\n')
    return p


def test_timex_without_value_is_refused_with_its_line(tmp_path):
    p = _tml(tmp_path, 'It rained\n<TIMEX3 tid="t1" type="DATE">yesterday</TIMEX3>.')
    with pytest.raises(InputError, match=r"line 7: TIMEX3 t1 has no value") as ei:
        X.read_timeml(p)
    assert ei.value.line == 7


def test_unknown_type_and_missing_text(tmp_path):
    with pytest.raises(InputError, match="has type 'WHEN'"):
        X.read_timeml(_tml(tmp_path, '<TIMEX3 tid="t1" type="WHEN" value="2024">2024</TIMEX3>'))
    p = tmp_path / "notext.tml"
    p.write_text("<TimeML><DOCID>x</DOCID></TimeML>")
    with pytest.raises(InputError, match="no <TEXT>"):
        X.read_timeml(p)


def test_dct_from_docid_or_refused(tmp_path):
    doc = X.read_timeml(_tml(tmp_path, "Nothing.", dct="", docid="APW19980807.0261"))
    assert doc.anchor == date(1998, 8, 7)
    with pytest.raises(InputError, match="no document creation time"):
        X.read_timeml(_tml(tmp_path, "Nothing.", dct="", docid="nodate"))


def test_empty_timex_is_skipped(tmp_path):
    doc = X.read_timeml(_tml(tmp_path, 'A <TIMEX3 tid="t9" type="DATE" value="2024-02-01"/> b.'))
    assert doc.timexes == [] and doc.skipped_empty == 1


# ---- values --------------------------------------------------------------------------------
def _t(start, end, precision, text="x", anchor="2024-12-17"):
    return TimeExpr(text=text, start=start, end=end, precision=precision, anchor=anchor)


@pytest.mark.parametrize("t, value", [
    (_t("2024-12-14", "2024-12-14", "day"), "2024-12-14"),
    (_t("2024-12-16", "2024-12-16", "day", "last night"), "2024-12-16TNI"),
    (_t("2024-12-17", "2024-12-17", "day", "this morning"), "2024-12-17TMO"),
    (_t("2024-12-16", "2024-12-17", "day", "overnight"), "2024-12-16TNI"),
    (_t("2024-12-14", "2024-12-15", "day", "over the weekend"), "2024-W50-WE"),
    (_t("2024-12-14", "2024-12-17", "day", "since Saturday"), "2024-12-14"),
    (_t("2024-12-09", "2024-12-15", "week", "last week"), "2024-W50"),
    (_t("2024-11-21", "2024-11-30", "month", "late November"), "2024-11"),
    (_t("2023-09-01", "2023-12-31", "year", "late 2023"), "2023"),
    (_t("2024-12-14", "2024-12-17", "day", "the past three days"), "P3D"),
    (_t("2024-12-10", "2024-12-17", "week", "over the past week"), "P1W"),
    (_t("2024-06-17", "2024-12-17", "month", "the past six months"), "P6M"),
    (_t("2024-12-16", "2024-12-17", "day", "the past 24 hours"), "PT24H"),
    (_t("2024-12-10", "2024-12-17", "approximate", "in recent days"), "PXD"),
    (_t("2024-12-09", "2024-12-11", "approximate", "a week ago"), "2024-12-10"),
    (_t(None, None, "unresolved"), None),
])
def test_timex_value(t, value):
    assert X.timex_value(t) == value


def test_values_equal_and_ref_words():
    assert X.values_equal("P7D", "P1W") and X.values_equal("p1w", "P1W")
    assert not X.values_equal(None, "PRESENT_REF") and not X.values_equal("1998-01", "1998-01-08")
    # a recurrence in TIMEX2's notation (WikiWars: "daily" typed DATE, XXXX-XX-XX) is our SET's value
    assert X.values_equal("P1D", "XXXX-XX-XX", "SET", "DATE") and X.values_equal("P1W", "XXXX-WXX", "SET", "DATE")
    assert X.values_equal("P1Y", "XXXX", "SET", "DATE")
    assert not X.values_equal("P1D", "XXXX-XX-XX", "DURATION", "DATE")   # a length is no recurrence
    assert not X.values_equal("P1D", "XXXX-XX-XX", "SET", "SET")         # TimeML's own SET keeps P1D
    assert X.ref_word_value("Now") == "PRESENT_REF" and X.ref_word_value("recently") == "PAST_REF"
    assert X.ref_word_value("the future") == "FUTURE_REF" and X.ref_word_value("Monday") is None
    # "at the time" in a story is the story's time, which the extractor does not give PRESENT_REF:
    # the scorer supplies no reading of its own for it
    assert X.ref_word_value("the time") is None and X.ref_word_value("this time") is None


def test_resolve_gold_retries_with_in():
    # a gold span is one expression: "February" needs none of the finder's guards
    assert X.resolve_gold("February", date(1998, 1, 8), "future")[:2] == ("1998-02", "resolver")
    assert X.resolve_gold("weeks", date(1998, 1, 8), "past")[:2] == ("PXW", "in_prefix")
    assert X.resolve_gold("1996", date(1998, 1, 8), "past")[:2] == ("1996", "resolver")   # a bare year
    assert X.resolve_gold("yesterday", date(1998, 1, 8), "past")[:2] == ("1998-01-07", "resolver")
    assert X.resolve_gold("three days", date(1998, 1, 8), "past")[:2] == ("P3D", "resolver")
    assert X.resolve_gold("D-Day", date(1998, 1, 8), "past")[:2] == (None, "none")


def test_prf_and_matching():
    assert X.prf(0, 0, 0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "predicted": 0, "gold": 0}
    assert X.prf(2, 4, 2)["f1"] == 0.6667
    gold, pred = [(0, 8), (13, 19)], [(0, 19), (13, 19)]
    assert X.match_spans(gold, pred, strict=True) == {1: 1}
    assert X.match_spans(gold, pred, strict=False) == {0: 0, 1: 1}


# ---- the scores ----------------------------------------------------------------------------
def test_evaluate_directory():
    r = X.evaluate_timex(FIX, errors=True)
    assert r["value_accuracy"] == 1.0
    assert r["span_value_f1"] == 1.0
    assert (r["files"], r["documents"], r["failed"], r["timexes"]) == (3, 2, 1, 15)
    v = r["value"]
    assert (v["correct"], v["total"]) == (15, 15)
    assert {t: (b["correct"], b["total"]) for t, b in v["by_type"].items()} == {
        "DATE": (11, 11), "TIME": (1, 1), "DURATION": (2, 2), "SET": (1, 1)}
    assert v["correct_by"] == {"resolver": 15, "in_prefix": 0, "ref_word": 0, "range_end": 0}
    assert r["span_strict"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 15, "predicted": 15, "gold": 15}
    assert r["span_value"]["tp"] == 15
    assert set(r["errors_by_cause"]["given_spans"].values()) == {0}
    assert r["failures"] == [{"input": str(FIX / "broken.tml"), "line": 6,
                              "reason": "not well-formed XML (mismatched tag, column 120)", "code": "CL100"}]
    wrong = sorted((m["text"], m["ours"]) for m in r["misses"] if m["kind"] == "value")
    assert wrong == []
    missed = sorted(m["text"] for m in r["misses"] if m["kind"] == "missed")
    assert missed == []
    assert not [m for m in r["misses"] if m["kind"] == "spurious"]


def test_evaluate_single_file():
    r = X.evaluate_timex(FIX / "talks.tml")
    assert r["value_accuracy"] == 1.0 and r["timexes"] == 9
    assert r["span_lenient"]["tp"] == 9 and r["span_value"]["f1"] == 1.0
    assert "misses" not in r


def test_missing_path():
    with pytest.raises(InputError):
        X.evaluate_timex(FIX / "nope")


# ---- CLI -----------------------------------------------------------------------------------
def _run(argv):
    ap = argparse.ArgumentParser(prog="claimledger eval")
    X.add_parser(ap.add_subparsers(dest="what", required=True))
    args = ap.parse_args(argv)
    return args.func(args, None)


def test_cli_json(capsys):
    code = _run(["timex", str(FIX), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1 and "broken.tml:6" in err
    r = json.loads(out)
    assert (r["value_accuracy"], r["span_value_f1"]) == (1.0, 1.0)
    assert all(0.0 <= r[k] <= 1.0 for k in ("value_accuracy", "span_value_f1"))


def test_cli_table_and_errors(tmp_path, capsys):
    # D-Day is a name we do not know; the gold "April" (a narrative's 1940) is no April near a
    # 2024 publication date: one not recognised, one wrong anchor, both listed with their cause.
    p = _tml(tmp_path, 'Allied troops landed on <TIMEX3 tid="t1" type="DATE" value="1944-06-06">D-Day</TIMEX3>. '
                       'Talks were held in <TIMEX3 tid="t2" type="DATE" value="1940-04">April</TIMEX3>.')
    assert _run(["timex", str(p), "--errors"]) == 0
    out, _ = capsys.readouterr()
    assert "value accuracy given the gold spans   0.000  (0/2)" in out
    assert "'D-Day': gold 1944-06-06, ours None [not recognised]" in out
    assert "'April': gold 1940-04, ours 2023-04 [wrong anchor]" in out
    assert re.search(r"not recognised\s+1\s+1", out) and re.search(r"wrong anchor\s+1\s+1", out)


def test_cli_nothing_usable(tmp_path, capsys):
    assert _run(["timex", str(tmp_path)]) == 2
    assert "no TimeML files" in capsys.readouterr().err
    assert _run(["timex", str(tmp_path / "missing")]) == 2


# ---- the split and the causes --------------------------------------------------------------
def test_split_is_by_document_seeded_and_complete():
    import random
    files = [Path(f"/c/{n:02d}_doc.tml") for n in range(16)]
    tune, report = X.split_files(files, "tune", 13), X.split_files(files, "report", 13)
    assert len(tune) == 11 and len(report) == 5 and not set(tune) & set(report)
    assert sorted(tune + report) == files and X.split_files(files, "all") == files
    ids = sorted(f.stem for f in files)
    random.Random(13).shuffle(ids)
    assert {f.stem for f in report} == set(ids[11:])
    assert X.split_files(files, "report", 14) != report        # another seed, another split
    with pytest.raises(ValueError):
        X.split_files(files, "test")


@pytest.mark.parametrize("gold,gtype,text,ours,cause", [
    ("1940-06", "DATE", "June", None, "not recognised"),
    ("P3D", "DURATION", "three days", "1998-01-05", "type"),
    ("P3D", "DATE", "three days", "1998-01-05", "type"),          # TIMEX2-converted: typed DATE
    ("1939-09", "DATE", "September 1939", "1939", "granularity"),
    ("1940-04", "DATE", "April", "2009-04", "wrong anchor"),
    ("1940-04", "DATE", "April 1940", "1941-04", "wrong value"),
    ("BC0480", "DATE", "480 BC", "0480", "wrong value"),
])
def test_error_causes(gold, gtype, text, ours, cause):
    assert X.error_cause(gold, gtype, text, ours) == cause


def test_value_type_reads_converted_corpora():
    assert [X.value_type(v) for v in ("P3D", "PTXH", "PRESENT_REF", "1998-01-08TMO", "1998-01-08T14:00", "1998")] == [
        "DURATION", "DURATION", "DATE", "TIME", "TIME", "DATE"]
    assert X.value_type("XXXX-WXX-1", "SET") == "SET"


def test_a_gold_span_that_ends_a_range_takes_that_end(tmp_path):
    # TimeML marks "6" and "7 January 1916" apart; given the span "6" alone, its month and year
    # come from the range the finder reads whole
    f = tmp_path / "r.tml"
    f.write_text('<?xml version="1.0" ?><TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2009-12-19" '
                 'functionInDocument="CREATION_TIME">2009-12-19</TIMEX3></DCT><TEXT>The Battle of Mojkovac was '
                 'fought in <TIMEX3 tid="t1" type="DATE" value="1916-01-06">6</TIMEX3>-<TIMEX3 tid="t2" '
                 'type="DATE" value="1916-01-07">7 January 1916</TIMEX3>.</TEXT></TimeML>', encoding="utf-8")
    r = X.evaluate_timex(f)
    assert r["value_accuracy"] == 1.0 and r["span_value_f1"] == 1.0
    assert r["value"]["correct_by"]["range_end"] == 2


def test_a_gold_span_inside_a_found_expression_moves_the_story_once(tmp_path):
    # the finder takes "on the following day" whole; the gold span "the following day" is read once,
    # not after the whole expression has already moved the story a day on (which gave 14 August)
    f = tmp_path / "d.tml"
    f.write_text('<?xml version="1.0" ?><TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2009-12-19" '
                 'functionInDocument="CREATION_TIME">2009-12-19</TIMEX3></DCT><TEXT>In <TIMEX3 tid="t1" '
                 'type="DATE" value="1918">1918</TIMEX3> the front broke. On <TIMEX3 tid="t2" type="DATE" '
                 'value="1918-08-13">13 August</TIMEX3> the council met, and on <TIMEX3 tid="t3" type="DATE" '
                 'value="1918-08-14">the following day</TIMEX3> it gave up.</TEXT></TimeML>', encoding="utf-8")
    r = X.evaluate_timex(f, errors=True)
    assert r["value_accuracy"] == 1.0, r["misses"]
