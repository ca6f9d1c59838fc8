"""Evidence (extract/evidence.py): the kind of material a source offers and the platform it was
shared on, from the claim's sentence or the sentence before that names the same source."""
from __future__ import annotations

import pytest

from extract_helpers import authored, by_content, claims_of, only, run

pytestmark = pytest.mark.model


def ev(c):
    return [(e.kind, e.platform, e.text) for e in c.evidence]


@pytest.mark.parametrize("text, content, expected", [
    ("The army posted drone footage on Telegram that it said showed a direct hit on the bridge.",
     "showed a direct hit on the bridge", [("drone_footage", "Telegram", "drone footage")]),
    ("The governor shared photos on Facebook which he said showed damage to a school.",
     "showed damage to a school", [("photo", "Facebook", "photos")]),
    ("The ministry released satellite images it said showed new trenches near the border.",
     "showed new trenches near the border", [("satellite_imagery", None, "satellite images")]),
    ("The rebels published audio recordings which they said captured soldiers discussing the retreat.",
     "captured soldiers discussing the retreat", [("audio", None, "audio recordings")]),
    ("The army shared a video on X which it said showed its jets striking a fuel depot.",
     "showed its jets striking a fuel depot", [("video", "X", "video")]),
    ("The army shared photos via WhatsApp which it said showed the damaged bridge.",
     "showed the damaged bridge", [("photo", "WhatsApp", "photos")]),
    ("The group posted a video on its Telegram channel that it said showed the downed drone.",
     "showed the downed drone", [("video", "Telegram", "video")]),
])
def test_evidence_kinds_and_platforms(extractor, text, content, expected):
    doc, claims = run(extractor, text)
    c = only(claims)
    assert c.content == content
    assert ev(c) == expected
    for e in c.evidence:
        assert doc.text[e.span[0]:e.span[1]] == e.text


def test_no_evidence_words_no_evidence(extractor):
    c = only(claims_of(extractor, "The governor said three houses were destroyed in the overnight shelling."))
    assert c.evidence == []


def test_platform_without_evidence_is_not_evidence(extractor):
    c = only(claims_of(extractor, "The army said in a post on X that its jets had struck a weapons depot."))
    assert c.content == "its jets had struck a weapons depot"
    assert c.evidence == []


def test_x_that_is_not_after_on_or_via_is_not_a_platform(extractor):
    c = only(claims_of(extractor, "The ministry said it had released photos of burned trucks in Sector X."))
    assert ev(c) == [("photo", None, "photos")]


def test_x_ray_is_not_a_platform(extractor):
    text = "The governor shared X-ray images which he said showed shrapnel in the wounded."
    c = only(claims_of(extractor, text))
    assert [(e.kind, e.platform) for e in c.evidence] == [("photo", None)]


def test_evidence_from_the_previous_sentence_naming_the_source(extractor):
    text = ("Drone footage of the convoy was posted by Commander Idris Bako on YouTube. "
            "Bako said the convoy had carried weapons.")
    c = by_content(claims_of(extractor, text), "the convoy had carried weapons")
    assert c.source.name == "Idris Bako"
    assert ev(c) == [("drone_footage", "YouTube", "Drone footage")]


def test_evidence_from_the_previous_sentence_for_a_pronoun(extractor):
    text = ("Drone footage of the burning depot was shared by President Viktor Hale on Telegram. "
            "He claimed the depot had stored fuel for the invading army.")
    c = by_content(claims_of(extractor, text), "the depot had stored fuel for the invading army")
    assert ev(c) == [("drone_footage", "Telegram", "Drone footage")]


def test_no_evidence_from_a_previous_sentence_about_someone_else(extractor):
    text = ("Drone footage of the convoy was posted by Commander Idris Bako on YouTube. "
            "The army said the convoy had carried food.")
    c = by_content(claims_of(extractor, text), "the convoy had carried food")
    assert c.evidence == []


def test_evidence_two_sentences_back_is_not_carried(extractor):
    text = ("Drone footage of the convoy was posted by Commander Idris Bako on YouTube. "
            "The convoy was later found abandoned near the river. "
            "Bako said the convoy had carried weapons.")
    c = by_content(claims_of(extractor, text), "the convoy had carried weapons")
    assert c.evidence == []


def test_the_outlets_own_sentence_carries_its_evidence(extractor):
    claims = claims_of(extractor, "Video of the explosion circulated on Telegram. He said the blast had destroyed the depot.")
    [narr] = authored(claims)
    assert narr.content == "Video of the explosion circulated on Telegram"
    assert ev(narr) == [("video", "Telegram", "Video")]


def test_evidence_noun_as_subject_of_the_reported_clause(extractor):
    text = "The group said leaked documents proved the army had planned the raid."
    c = only(claims_of(extractor, text))
    assert c.source.text == "The group"
    assert c.cue.lemma == "say"
    assert c.content == "leaked documents proved the army had planned the raid"
    assert [(e.kind, e.platform) for e in c.evidence] == [("document", None)]
