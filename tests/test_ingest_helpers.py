"""The small parts of ingest on their own: dates, sentence ends, the boilerplate data file."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from claimledger.errors import InputError
from claimledger.ingest.boilerplate import default_markers, mark_boilerplate, parse_markers
from claimledger.ingest.kinds import kind_from_name, sniff
from claimledger.ingest.published import parse_page_date, parse_published
from claimledger.ingest.sentences import ends_sentence, sentence_start_before
from claimledger.models import Document


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-12-17", ("2024-12-17", None)),
        ("2024-12-17T08:00:00+02:00", ("2024-12-17", "+02:00")),
        ("2024-12-16T23:30:00-05:00", ("2024-12-16", "-05:00")),
        ("2024-12-17T01:00:00Z", ("2024-12-17", "+00:00")),
        ("2024-12-17 08:00", ("2024-12-17", None)),
        (date(2024, 12, 17), ("2024-12-17", None)),
        (datetime(2024, 12, 17, 23, 0, tzinfo=timezone(timedelta(hours=5, minutes=30))),
         ("2024-12-17", "+05:30")),
        (None, (None, None)),
    ],
)
def test_parse_published_keeps_the_local_date(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["17/12/2024", "Dec 17, 2024", "2024-13-01", "", 20241217])
def test_parse_published_refuses_and_names_the_value(value):
    with pytest.raises(InputError) as info:
        parse_published(value, input="a.txt")
    assert repr(value) in info.value.message and info.value.input == "a.txt"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-12-16T23:30:00.000-0500", ("2024-12-16", "-05:00")),
        ("2024-12-16 23:30:00 +0000", ("2024-12-16", "+00:00")),
        ("2024-12-16", ("2024-12-16", None)),
        ("December 16, 2024", (None, None)),
        ("2024-02-30", (None, None)),
    ],
)
def test_parse_page_date_is_lenient(value, expected):
    assert parse_page_date(value) == expected


@pytest.mark.parametrize(
    "line, ends",
    [
        ("He said so.", True),
        ("\u201cWe will win,\u201d he said.", True),
        ("\u201cWe will win.\u201d", True),
        ("(The ministry did not comment.)", True),
        ("Really?", True),
        ("And then\u2026", True),
        ("He said that there was", False),
        ("He used a \u201csignificant number\u201d", False),
        ("The list:", False),
        ("The report [\u2026]", False),
        ("", False),
    ],
)
def test_ends_sentence(line, ends):
    assert ends_sentence(line) is ends


@pytest.mark.parametrize(
    "text, start_of",
    [
        ("One thing happened. Then another", "Then another"),
        ("He met Gen. Mark Milley and said", "He met"),
        ("He met Mr. Smith and said", "He met"),
        ("John F. Kennedy said", "John F."),
        ("It reached the U.S. Army base and", "It reached"),
        ("It reached the U.S. The army said", "The army said"),
        ("It began at 5 p.m. Officials said", "Officials said"),
        ("It began in Jan. 2023 and", "It began"),
        ("Item No. 5 was", "Item No."),
        ("\u201cWe hold,\u201d he said. \u201cWe will", "\u201cWe will"),
        ("He said no. Then they", "Then they"),
        ("Acme Inc. said that", "Acme Inc."),
    ],
)
def test_sentence_start_before(text, start_of):
    assert sentence_start_before(text, 0, len(text)) == text.index(start_of)


def test_every_default_marker_compiles_and_groups_are_known():
    markers = default_markers()
    assert len(markers) > 50
    assert {m.group for m in markers} == {"comments", "newsletter", "share", "navigation", "cookies", "credits"}
    assert any(m.tail and m.source == "Leave a Reply" for m in markers)


def test_marker_file_syntax():
    markers = parse_markers([
        "# a comment",
        "",
        "[promo] line",
        "Buy the print edition",
        "re:\\d+% off.*",
        "[discussion] tail",
        "Have your say",
    ])
    assert [(m.group, m.tail) for m in markers] == [("promo", False), ("promo", False), ("discussion", True)]
    text = ("Officials said at least 30 soldiers had been killed in the fighting near Kursk over the weekend.\n"
            "  \u00bb Buy the   print edition:\n50% off today\nThe ministry said more was to come.\n"
            "Have your say\nI think it is all lies.\n")
    doc = Document(text=text)
    mark_boilerplate(doc, markers)
    got = sorted((reason, text[s:e]) for (s, e), reason in zip(doc.excluded, doc.excluded_reasons))
    assert got == [
        ("discussion", "Have your say\nI think it is all lies.\n"),
        ("promo", "  \u00bb Buy the   print edition:"),
        ("promo", "50% off today"),
    ]


def test_marker_file_errors_name_the_line():
    with pytest.raises(ValueError, match=r"x.txt:2: bad regular expression"):
        parse_markers(["[g] line", "re:(unclosed"], origin="x.txt")
    with pytest.raises(ValueError, match=r"x.txt:1: entry before any \[group\] header"):
        parse_markers(["Orphan"], origin="x.txt")


@pytest.mark.parametrize(
    "name, kind",
    [("a.txt", "text"), ("a.TEXT", "text"), ("a.md", "text"), ("a.html", "html"), ("a.HTM", "html"),
     ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"), ("a.php", None), ("noext", None)],
)
def test_kind_from_name(name, kind):
    assert kind_from_name(name) == kind


def test_sniff():
    assert sniff("  <!DOCTYPE html><html>") == "html"
    assert sniff("Saved page\n<html><body>") == "html"
    assert sniff("Officials said <5% of them were hit.") == "text"
