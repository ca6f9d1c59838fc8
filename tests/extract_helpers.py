"""Small helpers shared by the extraction behaviour tests (tests/test_extract_*.py).

Every text is run through the session ``extractor`` fixture; ``run`` also checks the offset
contract on every claim it returns (``text[span] == content`` for one piece, the pieces joined by
a space for split content), so each test gets that check for free.
"""
from __future__ import annotations

from claimledger.ingest import document_from_text

PUBLISHED = "2024-03-15"  # a Friday


def run(extractor, text: str, published: str | None = PUBLISHED, **kw):
    """(document, claims) for ``text``, with the span contract checked on every claim."""
    doc = document_from_text(text, published=published, **kw)
    claims = extractor.extract_one(doc)
    for c in claims:
        if c.spans:
            assert len(c.spans) > 1, c
            assert c.span == (c.spans[0][0], c.spans[-1][1]), c
            assert c.content == " ".join(text[s:e] for s, e in c.spans), c
        else:
            assert text[c.span[0]:c.span[1]] == c.content, (c.span, c.content)
        if c.cue is not None and c.cue.span is not None:
            assert text[c.cue.span[0]:c.cue.span[1]] == c.cue.text, c.cue
        if c.source.span is not None:
            assert text[c.source.span[0]:c.source.span[1]] == c.source.text, c.source
    return doc, claims


def claims_of(extractor, text: str, **kw):
    return run(extractor, text, **kw)[1]


def attributed(claims):
    return [c for c in claims if c.attribution != "author"]


def authored(claims):
    return [c for c in claims if c.attribution == "author"]


def contents(claims):
    return [c.content for c in claims]


def by_content(claims, content: str):
    """The one claim whose content is exactly ``content``."""
    hits = [c for c in claims if c.content == content]
    assert len(hits) == 1, f"no single claim {content!r} among {contents(claims)}"
    return hits[0]


def only(claims):
    """The single attributed claim of a text."""
    att = attributed(claims)
    assert len(att) == 1, contents(att)
    return att[0]


def pieces(text: str, claim) -> list[str]:
    return [text[s:e] for s, e in claim.spans]


def place_rows(claim):
    """(name, admin1, country, feature) of each place of a claim, in text order."""
    return [(p.name, p.admin1, p.country, p.feature) for p in claim.places]
