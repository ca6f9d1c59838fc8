"""Attribution (extract/attribution.py): who says what, through which cue, with what content.

Hand-written sentences run through the whole extraction stage; each test asserts the exact content
(and, through ``run``, that it is the text at its span), the attribution kind, the cue and the
source phrase.
"""
from __future__ import annotations

import pytest

from extract_helpers import attributed, authored, by_content, claims_of, contents, only, pieces

pytestmark = pytest.mark.model


# ------------------------------------------------------------------ reported speech

def test_said_that_clause(extractor):
    c = only(claims_of(extractor, "The governor said that three houses were destroyed in the overnight shelling."))
    assert c.attribution == "indirect"
    assert c.content == "three houses were destroyed in the overnight shelling"
    assert (c.cue.lemma, c.cue.text) == ("say", "said")
    assert c.source.text == "The governor"


def test_said_without_that(extractor):
    c = only(claims_of(extractor, "The governor said three houses were destroyed in the overnight shelling."))
    assert c.attribution == "indirect"
    assert c.content == "three houses were destroyed in the overnight shelling"
    assert c.cue.lemma == "say"


def test_content_before_the_cue(extractor):
    c = only(claims_of(extractor, "Thirty fighters were killed in the clashes, the army said."))
    assert c.attribution == "indirect"
    assert c.content == "Thirty fighters were killed in the clashes"
    assert c.source.text == "the army"
    assert c.cue.lemma == "say"


@pytest.mark.parametrize("text, lemma, cue_text, content", [
    ("The rebels claimed they had shot down a military helicopter.",
     "claim", "claimed", "they had shot down a military helicopter"),
    ("The minister insisted that the border crossing remained open.",
     "insist", "insisted", "the border crossing remained open"),
    ("The police warned that more protests were likely over the weekend.",
     "warn", "warned", "more protests were likely over the weekend"),
    ("The company acknowledged that two of its employees had been detained.",
     "acknowledge", "acknowledged", "two of its employees had been detained"),
    ("The general denied that his troops had entered the village.",
     "deny", "denied", "his troops had entered the village"),
    ("Local officials estimated that about 400 families had fled the fighting.",
     "estimate", "estimated", "about 400 families had fled the fighting"),
    ("The opposition alleged that the vote had been rigged in several districts.",
     "allege", "alleged", "the vote had been rigged in several districts"),
    ("A local doctor told reporters that the hospital had run out of fuel.",
     "tell", "told", "the hospital had run out of fuel"),
    ("The rebels maintained that they still held the northern district.",
     "maintain", "maintained", "they still held the northern district"),
    ("The ministry admitted that several soldiers had been captured.",
     "admit", "admitted", "several soldiers had been captured"),
    ("The army confirmed that two of its helicopters had been shot down.",
     "confirm", "confirmed", "two of its helicopters had been shot down"),
    ("The police added that four suspects had been detained.",
     "add", "added", "four suspects had been detained"),
])
def test_cue_verbs(extractor, text, lemma, cue_text, content):
    c = only(claims_of(extractor, text))
    assert c.attribution == "indirect"
    assert c.content == content
    assert (c.cue.lemma, c.cue.text) == (lemma, cue_text)


def test_conjoined_cue_shares_the_subject(extractor):
    """'X put the toll at 12 and said ...': both verbs report for X."""
    text = "The health ministry put the toll at 12 and said more than 30 people were wounded."
    claims = attributed(claims_of(extractor, text))
    assert contents(claims) == ["the toll at 12", "more than 30 people were wounded"]
    toll, wounded = claims
    assert toll.cue.lemma == "put" and wounded.cue.lemma == "say"
    assert toll.source.text == wounded.source.text == "The health ministry"


def test_participle_cue(extractor):
    text = "The militia issued a statement on Friday, saying its fighters had repelled every attack."
    c = only(claims_of(extractor, text))
    assert c.content == "its fighters had repelled every attack"
    assert (c.cue.lemma, c.cue.text) == ("say", "saying")
    assert c.source.text == "The militia"


def test_toll_phrasing_keeps_the_including_phrase(extractor):
    c = only(claims_of(extractor, "The regional governor put the death toll at 12, including three children."))
    assert c.attribution == "indirect"
    assert c.content == "the death toll at 12, including three children"
    assert c.cue.lemma == "put"
    assert c.type == "casualties"


def test_put_without_a_toll_is_not_speech(extractor):
    claims = claims_of(extractor, "The soldiers put the wounded on a truck and drove to the hospital.")
    assert attributed(claims) == []


def test_date_after_the_cue_dates_the_statement(extractor):
    c = only(claims_of(extractor, "The rebels said on Monday they had captured two villages."))
    assert c.content == "they had captured two villages"
    assert c.stated_at is not None
    assert c.stated_at.text == "on Monday"
    assert c.stated_at.start == "2024-03-11"
    assert c.event_time is None


def test_late_that_clause_after_a_statement_phrase(extractor):
    text = "The army said in a statement carried by the state broadcaster that it had killed 40 insurgents."
    c = only(claims_of(extractor, text))
    assert c.content == "it had killed 40 insurgents"
    assert c.cue.lemma == "say"
    assert c.source.text == "The army"


def test_narration_without_a_cue_is_the_authors(extractor):
    claims = claims_of(extractor, "Heavy rain flooded the main road into the city on Tuesday.")
    assert attributed(claims) == []
    [c] = authored(claims)
    assert c.content == "Heavy rain flooded the main road into the city on Tuesday"
    assert c.source.kind == "author"


def test_cue_inside_the_reported_clause_does_not_steal_it(extractor):
    """'X said gunfire could be heard': 'hear' is a cue word but the reporter is X."""
    text = "Two residents said gunfire could be heard through the night."
    c = only(claims_of(extractor, text))
    assert c.content == "gunfire could be heard through the night"
    assert c.cue.lemma == "say"
    assert c.source.text == "Two residents"


def test_said_the_video_showed(extractor):
    text = "The army said the video showed soldiers crossing the river."
    c = only(claims_of(extractor, text))
    assert c.content == "the video showed soldiers crossing the river"
    assert c.cue.lemma == "say"
    assert c.source.text == "The army"


# ------------------------------------------------------------------ direct quotes

def test_quote_before_the_cue(extractor):
    c = only(claims_of(extractor, '"We will not surrender a single street," the mayor said.'))
    assert c.attribution == "direct_quote"
    assert c.content == "We will not surrender a single street"
    assert c.source.text == "the mayor"
    assert c.cue.lemma == "say"


def test_quote_after_the_cue(extractor):
    c = only(claims_of(extractor, 'The mayor said: "We will not surrender a single street."'))
    assert c.attribution == "direct_quote"
    assert c.content == "We will not surrender a single street"
    assert c.source.text == "The mayor"


def test_multi_sentence_quote_before_the_cue(extractor):
    text = '"The city is calm. Shops have reopened and the trams are running again," the mayor told reporters.'
    claims = claims_of(extractor, text)
    c = only(claims)
    assert c.attribution == "direct_quote"
    assert c.content == "The city is calm. Shops have reopened and the trams are running again"
    assert c.cue.lemma == "tell"
    assert authored(claims) == []  # no sentence of the quote is the outlet's


def test_multi_sentence_quote_after_the_cue(extractor):
    claims = claims_of(extractor, 'The mayor said: "Our units have crossed the river. The enemy is retreating."')
    c = only(claims)
    assert c.attribution == "direct_quote"
    assert c.content == "Our units have crossed the river. The enemy is retreating"
    assert authored(claims) == []


def test_multi_sentence_quote_after_told_someone(extractor):
    text = 'Colonel Dmitri Volkov told the news agency: "Our units have crossed the river. The enemy is retreating."'
    claims = claims_of(extractor, text)
    c = only(claims)
    assert c.attribution == "direct_quote"
    assert c.content == "Our units have crossed the river. The enemy is retreating"
    assert authored(claims) == []


def test_split_quote_keeps_its_pieces(extractor):
    text = '"The bridge is gone," the commander said, "and we cannot resupply the eastern bank."'
    c = only(claims_of(extractor, text))
    assert c.attribution == "direct_quote"
    assert pieces(text, c) == ["The bridge is gone", "and we cannot resupply the eastern bank"]
    assert c.content == "The bridge is gone and we cannot resupply the eastern bank"
    assert c.source.text == "the commander"
    assert c.cue.lemma == "say"


def test_quote_continued_in_the_next_sentence_keeps_the_speaker(extractor):
    text = '"Our units have crossed the river," Colonel Dmitri Volkov told reporters. "The enemy is retreating."'
    claims = attributed(claims_of(extractor, text))
    assert contents(claims) == ["Our units have crossed the river", "The enemy is retreating"]
    assert all(c.attribution == "direct_quote" for c in claims)
    assert [c.source.name for c in claims] == ["Dmitri Volkov", "Dmitri Volkov"]


def test_mixed_quote_is_indirect_with_the_fragment_kept(extractor):
    text = 'The commander said the militia had "completely encircled" the airport.'
    c = only(claims_of(extractor, text))
    assert c.attribution == "indirect"
    assert c.content == 'the militia had "completely encircled" the airport'


def test_quote_after_unquoted_words_is_not_a_direct_quote(extractor):
    text = 'The defenders held the line against "wave after wave of attackers", the commander said.'
    c = only(claims_of(extractor, text))
    assert c.attribution == "indirect"
    assert c.source.text == "the commander"
    assert c.content.startswith("The defenders held the line against")


def test_mixed_quote_before_the_cue_keeps_its_closing_mark(extractor):
    text = 'Air defences shot down most of the drones "within minutes", the commander said.'
    c = only(claims_of(extractor, text))
    assert c.attribution == "indirect"
    assert c.content == 'Air defences shot down most of the drones "within minutes"'


def test_colon_cue_on_a_platform(extractor):
    text = 'Andriy Kovalenko on Telegram: "The enemy lost six tanks near the river."'
    c = only(claims_of(extractor, text))
    assert c.attribution == "direct_quote"
    assert c.content == "The enemy lost six tanks near the river"
    assert (c.cue.lemma, c.cue.text) == (":", ":")
    assert c.source.name == "Andriy Kovalenko"
    assert c.source.kind == "person"


def test_colon_cue_platform_is_not_the_role(extractor):
    text = 'Andriy Kovalenko on Telegram: "The enemy lost six tanks near the river."'
    c = only(claims_of(extractor, text))
    assert c.source.role is None
    assert c.source.text == "Andriy Kovalenko"


def test_parenthetical_cue(extractor):
    text = "The group released images which, it said, showed the wreckage of a drone."
    c = only(claims_of(extractor, text))
    assert c.attribution == "indirect"
    assert c.content == "showed the wreckage of a drone"
    assert c.cue.lemma == "say"
    assert c.source.resolved_from == "it"
    assert c.source.role == "group"


def test_video_that_she_claimed_showed(extractor):
    text = "Opposition leader Maria Santos posted a video that she claimed showed soldiers firing on protesters."
    c = only(claims_of(extractor, text))
    assert c.attribution == "indirect"
    assert c.content == "showed soldiers firing on protesters"
    assert c.cue.lemma == "claim"
    assert c.source.name == "Maria Santos"
    assert c.source.resolved_from == "she"
    assert [e.kind for e in c.evidence] == ["video"]


# ------------------------------------------------------------------ according to, passives

def test_according_to_before_the_content(extractor):
    c = only(claims_of(extractor, "According to the fire service, the blaze destroyed two warehouses."))
    assert c.attribution == "according_to"
    assert c.content == "the blaze destroyed two warehouses"
    assert (c.cue.lemma, c.cue.text) == ("according to", "According to")
    assert c.source.text == "the fire service"
    assert c.via is None


def test_according_to_after_the_content(extractor):
    c = only(claims_of(extractor, "The blaze destroyed two warehouses, according to the fire service."))
    assert c.attribution == "according_to"
    assert c.content == "The blaze destroyed two warehouses"
    assert c.source.text == "the fire service"


def test_according_to_inside_a_cue_is_the_conduit(extractor):
    text = "The GUR believes that 200 soldiers were killed in the assault, according to Reuters."
    c = only(claims_of(extractor, text))
    assert c.attribution == "indirect"
    assert c.content == "200 soldiers were killed in the assault"
    assert c.cue.lemma == "believe"
    assert c.source.name == "GUR"
    assert c.via is not None and c.via.name == "Reuters"


def test_according_to_on_the_cue_verb_is_the_conduit(extractor):
    text = "Western intelligence believes the missiles were supplied by Iran, according to a senior diplomat."
    c = only(claims_of(extractor, text))
    assert c.content == "the missiles were supplied by Iran"
    assert c.source.text == "Western intelligence"
    assert c.via is not None and c.via.text == "a senior diplomat"


def test_according_to_plan_is_not_a_source(extractor):
    text = "Ukrainian President Volodymyr Zelensky said the counteroffensive was going according to plan."
    c = only(claims_of(extractor, text))
    assert c.content == "the counteroffensive was going according to plan"
    assert c.via is None


def test_it_is_thought_that(extractor):
    c = only(claims_of(extractor, "It is thought that the convoy was carrying ammunition."))
    assert c.attribution == "passive_unattributed"
    assert c.content == "the convoy was carrying ammunition"
    assert c.source.kind == "unnamed" and c.source.name is None
    assert c.cue.lemma == "think"


def test_it_was_revealed_in_october(extractor):
    text = "It was revealed in October that the factory had been producing drone parts."
    c = only(claims_of(extractor, text, published="2024-11-20"))
    assert c.attribution == "passive_unattributed"
    assert c.content == "the factory had been producing drone parts"
    assert c.cue.lemma == "reveal"
    assert c.stated_at is not None and c.stated_at.text == "in October"
    assert c.stated_at.start.startswith("2024-10")


def test_are_believed_to_have(extractor):
    text = "About 200 foreign mercenaries are believed to have crossed the border."
    c = only(claims_of(extractor, text))
    assert c.attribution == "passive_unattributed"
    assert c.content == "About 200 foreign mercenaries are believed to have crossed the border"
    assert c.cue.lemma == "believe"
    assert c.source.name is None


def test_passive_with_an_agent_names_the_source(extractor):
    c = only(claims_of(extractor, "It was reported by the state news agency that the airport had reopened."))
    assert c.attribution == "indirect"
    assert c.content == "the airport had reopened"
    assert c.source.text == "the state news agency"
    assert c.source.kind == "media"


# ------------------------------------------------------------------ the outlet's aside

ASIDE = "The army said its troops had pushed the rebels out of Kherson, which Ukraine has controlled since 2022."


def test_trailing_relative_clause_is_cut_from_the_content(extractor):
    c = only(claims_of(extractor, ASIDE))
    assert c.content == "its troops had pushed the rebels out of Kherson"


def test_trailing_relative_clause_is_the_outlets_claim(extractor):
    claims = claims_of(extractor, ASIDE)
    aside = by_content(claims, "Ukraine has controlled since 2022")
    assert aside.attribution == "author"
    assert aside.source.kind == "author"


def test_restrictive_relative_clause_stays_in_the_content(extractor):
    claims = claims_of(extractor, "The army said the soldiers who had deserted were arrested.")
    assert only(claims).content == "the soldiers who had deserted were arrested"
    assert authored(claims) == []


# ---- reports that are not there, and less common shapes -------------------------------------

@pytest.mark.parametrize("text", [
    "The ministry did not say how many soldiers were wounded in the attack.",
    "The governor declined to say whether the bridge had been hit.",
])
def test_negated_or_declined_cue_reports_nothing(extractor, text):
    assert attributed(claims_of(extractor, text)) == []


def test_relative_pronoun_source_is_named_after_its_noun(extractor):
    text = ("Eight people were killed, according to Amina Yusuf, a nurse at the district hospital, "
            "who said the wounded had been brought in by motorbike.")
    c = by_content(claims_of(extractor, text), "the wounded had been brought in by motorbike")
    assert c.source.text == "who"
    assert c.source.name == "Amina Yusuf" and c.source.resolved_from == "who"


def test_confirm_with_a_noun_object(extractor):
    c = only(claims_of(extractor, "UN monitors have confirmed the presence of foreign troops near the border."))
    assert c.content == "the presence of foreign troops near the border"
    assert c.cue.lemma == "confirm" and c.source.text == "UN monitors"


@pytest.mark.parametrize("text, content, lemma", [
    ("The army accused the rebels of shelling a crowded market in the town.",
     "shelling a crowded market in the town", "accuse"),
    ("The group claimed responsibility for an ambush on a supply convoy near the border.",
     "an ambush on a supply convoy near the border", "claim"),
])
def test_object_of_accuse_and_claim_responsibility(extractor, text, content, lemma):
    c = only(claims_of(extractor, text))
    assert c.content == content and c.cue.lemma == lemma


def test_rank_abbreviation_does_not_end_the_sentence(extractor):
    c = only(claims_of(extractor, "Army spokesman Brig. Gen. Omar Salih said the convoy had reached the city."))
    assert c.source.name == "Omar Salih"
    assert c.source.text == "Army spokesman Brig. Gen. Omar Salih"


def test_headline_with_two_reports_split_at_the_semicolon(extractor):
    text = ("Rebels say they seized border post; army says attack repelled\n\n"
            "Fighting continued on Friday along the border, the army said.")
    found = attributed(claims_of(extractor, text))
    assert "they seized border post" in contents(found)
    assert "attack repelled" in contents(found)
