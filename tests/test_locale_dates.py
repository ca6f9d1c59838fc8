"""Numeric dates resolve only where the outlet's locale decides their order."""
from claimledger.ingest import document_from_html
from claimledger.ingest.jsonl import document_from_record
from claimledger.ingest.pagemeta import normalise_locale

BODY = ("<p>The regional governor said on Tuesday that a drone strike on 01/02/2025 had damaged "
        "the main water station in the city, cutting supplies to thousands of residents.</p>"
        "<p>Officials said repairs would take at least two weeks, according to a statement.</p>")


def _event(extractor, doc):
    claims = [c for c in extractor.extract_one(doc) if c.event_time and "01/02/2025" in c.event_time.text]
    assert claims, [c.content for c in extractor.extract_one(doc)]
    return claims[0].event_time


def test_locale_normalised():
    assert normalise_locale("en-us") == "en_US"
    assert normalise_locale("en_GB") == "en_GB"
    assert normalise_locale("en") is None


def test_us_page_reads_month_first(extractor):
    doc = document_from_html(f'<html lang="en-US"><body><article>{BODY}</article></body></html>',
                             published="2025-02-04")
    assert doc.meta["locale"] == "en_US"
    t = _event(extractor, doc)
    assert (t.start, t.end) == ("2025-01-02", "2025-01-02")


def test_british_page_reads_day_first(extractor):
    doc = document_from_html(f'<html><head><meta property="og:locale" content="en_GB"></head>'
                             f'<body><article>{BODY}</article></body></html>', published="2025-02-04")
    t = _event(extractor, doc)
    assert (t.start, t.end) == ("2025-02-01", "2025-02-01")


def test_no_locale_leaves_ambiguous_date_unresolved(extractor):
    doc = document_from_record({"text": BODY.replace("<p>", "").replace("</p>", "\n\n"),
                                "published": "2025-02-04"}, "x.jsonl:1")
    t = _event(extractor, doc)
    assert t.start is None and t.precision == "unresolved"
    doc = document_from_record({"text": BODY.replace("<p>", "").replace("</p>", "\n\n"),
                                "published": "2025-02-04", "locale": "en-US"}, "x.jsonl:2")
    assert _event(extractor, doc).start == "2025-01-02"
