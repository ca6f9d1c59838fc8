"""Blocks we parse (extract/segment.py) and what they mean for claims: a headline never runs into
the first sentence, hard-wrapped lines are one sentence, excluded regions (comment forms, share
lines, a truncated last sentence) are never parsed and yield no claim."""
from __future__ import annotations

import pytest

from claimledger.extract.segment import blocks
from claimledger.ingest import document_from_text
from claimledger.models import Document

from extract_helpers import attributed, authored, by_content, contents, run

HEADLINE = "Rebels seize border town after heavy fighting"
BODY = "The army said its soldiers had withdrawn from the town on Sunday."
WRAPPED = ("The army said its soldiers had withdrawn from the town after\n"
           "three days of heavy fighting around the airport and the main\n"
           "market, leaving behind several armoured vehicles.")


# ------------------------------------------------------------------ blocks (no model needed)

def test_headline_is_its_own_block():
    text = HEADLINE + "\n\n" + BODY
    doc = document_from_text(text)
    got = [(text[b.start:b.end], b.headline, b.paragraph) for b in blocks(doc)]
    assert got == [(HEADLINE, True, 0), (BODY, False, 1)]


def test_headline_on_the_line_just_above_the_body_is_its_own_block():
    text = HEADLINE + "\n" + BODY
    doc = document_from_text(text)
    got = [(text[b.start:b.end], b.headline) for b in blocks(doc)]
    assert got == [(HEADLINE, True), (BODY, False)]


def test_hard_wrapped_lines_are_one_block():
    text = WRAPPED + "\n\nThe rebels said they had lost 20 fighters."
    doc = document_from_text(text)
    got = [(text[b.start:b.end], b.paragraph) for b in blocks(doc)]
    assert got == [(WRAPPED, 0), ("The rebels said they had lost 20 fighters.", 1)]


def test_excluded_region_is_left_out_of_the_blocks():
    text = "The army said the town had fallen. The rebels said they still held it. The mayor said talks had begun."
    doc = Document(text=text)
    cut = text.index("The rebels")
    end = text.index("The mayor")
    doc.exclude(cut, end, "test")
    spans = [(b.start, b.end) for b in blocks(doc)]
    assert all(e <= cut or s >= end for s, e in spans)
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == (text[:cut] + text[end:]).replace(" ", "")


# ------------------------------------------------------------------ claims

@pytest.mark.model
@pytest.mark.parametrize("sep", ["\n\n", "\n"])
def test_headline_is_not_merged_with_the_first_sentence(extractor, sep):
    text = HEADLINE + sep + BODY
    _, claims = run(extractor, text)
    [head] = authored(claims)
    assert head.content == HEADLINE
    assert head.sentence == HEADLINE
    body = by_content(claims, "its soldiers had withdrawn from the town on Sunday")
    assert body.sentence == BODY
    assert body.source.text == "The army"


@pytest.mark.model
def test_hard_wrapped_sentence_gives_one_claim(extractor):
    _, claims = run(extractor, WRAPPED)
    assert contents(claims) == [
        "its soldiers had withdrawn from the town after\nthree days of heavy fighting around the airport and the main\n"
        "market, leaving behind several armoured vehicles"]


@pytest.mark.model
def test_narrowly_wrapped_sentence_gives_one_claim(extractor):
    text = ("The army said its soldiers had withdrawn\n"
            "from the town after three days of heavy\n"
            "fighting around the airport and the market.")
    _, claims = run(extractor, text)
    assert contents(claims) == [
        "its soldiers had withdrawn\nfrom the town after three days of heavy\nfighting around the airport and the market"]


@pytest.mark.model
def test_paragraph_without_a_full_stop_does_not_run_into_the_next(extractor):
    text = "The army said the town had fallen\n\nThe rebels said they had lost 20 fighters."
    _, claims = run(extractor, text)
    assert contents(attributed(claims)) == ["the town had fallen", "they had lost 20 fighters"]


@pytest.mark.model
def test_comment_form_yields_no_claim(extractor):
    text = ("The army said its soldiers had withdrawn from the town after three days of fighting.\n\n"
            "Leave a Reply\n"
            "Your email address will not be published. Required fields are marked *\n"
            "Comment: The army said the rebels had burned the market.\n"
            "Name\n"
            "Email\n"
            "Save my name, email, and website in this browser for the next time I comment.")
    doc, claims = run(extractor, text)
    assert doc.excluded_reasons == ["comments"]
    assert contents(claims) == ["its soldiers had withdrawn from the town after three days of fighting"]
    assert not any(doc.is_excluded(*c.span) for c in claims)


@pytest.mark.model
def test_reader_comments_yield_no_claim(extractor):
    text = ("The army said its soldiers had withdrawn from the town after three days of fighting.\n\n"
            "3 Comments\n\n"
            "John Smith says:\n"
            "The rebels said they had executed twenty prisoners in the square.\n\n"
            "Reply")
    doc, claims = run(extractor, text)
    assert contents(claims) == ["its soldiers had withdrawn from the town after three days of fighting"]


@pytest.mark.model
def test_share_line_is_skipped_and_the_article_goes_on(extractor):
    text = ("The army said its soldiers had withdrawn from the town after three days of fighting.\n\n"
            "Share this article\n\n"
            "The rebels said they had lost 20 fighters in the battle for the town.")
    doc, claims = run(extractor, text)
    assert doc.excluded_reasons == ["share"]
    assert contents(claims) == ["its soldiers had withdrawn from the town after three days of fighting",
                                "they had lost 20 fighters in the battle for the town"]


@pytest.mark.model
def test_truncated_last_sentence_yields_no_claim(extractor):
    text = ("The army said its soldiers had withdrawn from the town after three days of fighting. "
            "The governor said that the rebels had")
    doc, claims = run(extractor, text)
    assert doc.truncated
    assert contents(claims) == ["its soldiers had withdrawn from the town after three days of fighting"]


@pytest.mark.model
def test_truncated_fragment_does_not_leak_into_the_claims_sentence(extractor):
    first = "The army said its soldiers had withdrawn from the town after three days of fighting."
    text = first + " The governor said that the rebels had"
    doc, claims = run(extractor, text)
    [c] = claims
    assert c.sentence == first
    assert c.sentence_span == (0, len(first))


@pytest.mark.model
def test_excluded_text_is_never_parsed(extractor):
    """A region excluded by hand is blank to the parser: no claim, no source, no place from it."""
    text = ("The army said its soldiers had withdrawn from the town. "
            "Governor Ivan Petrov said the rebels had shelled the market in Kharkiv. "
            "He said the water supply had been cut.")
    doc = Document(text=text, published="2024-03-15")
    s = text.index("Governor")
    e = text.index("He said")
    doc.exclude(s, e, "test")
    claims = extractor.extract_one(doc)
    assert not any(doc.is_excluded(*c.span) for c in claims)
    he = by_content(claims, "the water supply had been cut")
    assert he.source.name is None  # Petrov was never seen
