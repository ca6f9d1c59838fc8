"""Claim types (extract/classify.py, and the denial rule in verification.py): casualties, attack,
territorial_control, deployment, denial, statement, other; the main clause decides first."""
from __future__ import annotations

import pytest

from extract_helpers import authored, by_content, claims_of, only

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, content, ctype", [
    # casualties
    ("Thirty fighters were killed in the clashes, the army said.",
     "Thirty fighters were killed in the clashes", "casualties"),
    ("The ministry said the fighting had killed 30 civilians and destroyed the market.",
     "the fighting had killed 30 civilians and destroyed the market", "casualties"),
    ("The ministry said the enemy had engaged in combat and suffered heavy casualties.",
     "the enemy had engaged in combat and suffered heavy casualties", "casualties"),
    ("The police said the gunmen had kidnapped three aid workers.",
     "the gunmen had kidnapped three aid workers", "casualties"),
    ("The army said its troops had captured four enemy soldiers near the border.",
     "its troops had captured four enemy soldiers near the border", "casualties"),
    ("The army said that the number of civilians killed in the market attack had risen to 45.",
     "the number of civilians killed in the market attack had risen to 45", "casualties"),
    ("Officials said the death toll from the strike has risen to 40.",
     "the death toll from the strike has risen to 40", "casualties"),
    ("Officials said 40 people have died.", "40 people have died", "casualties"),
    # attack
    ("The army said its forces had launched a drone attack on an oil refinery.",
     "its forces had launched a drone attack on an oil refinery", "attack"),
    ("The rebels claimed they had shot down a military helicopter.",
     "they had shot down a military helicopter", "attack"),
    ("A senior US official said the ship had been hit by two missiles.",
     "the ship had been hit by two missiles", "attack"),
    # territorial control
    ("The militia said its fighters had taken control of the town of Bara.",
     "its fighters had taken control of the town of Bara", "territorial_control"),
    ("The army said the rebels had captured the airport.",
     "the rebels had captured the airport", "territorial_control"),
    ("The rebels said their fighters had seized two checkpoints.",
     "their fighters had seized two checkpoints", "territorial_control"),
    ("The rebels said they had withdrawn from the village after fierce clashes.",
     "they had withdrawn from the village after fierce clashes", "territorial_control"),
    # deployment
    ("The ministry said 3,000 troops had been deployed to the border.",
     "3,000 troops had been deployed to the border", "deployment"),
    ("The army said two brigades had been sent to the northern front.",
     "two brigades had been sent to the northern front", "deployment"),
    ("The ministry said Russia had massed 50,000 troops near the border.",
     "Russia had massed 50,000 troops near the border", "deployment"),
    # forces put to use in fighting are who fights, not an attack of their own; a weapon so used
    # is still an attack
    ("The agency said Russian commanders were using the North Koreans in infantry assaults.",
     "Russian commanders were using the North Koreans in infantry assaults", "deployment"),
    ("Officials said Moscow had committed two brigades to the assault on the town.",
     "Moscow had committed two brigades to the assault on the town", "deployment"),
    ("The ministry said commanders threw their reserves into the offensive.",
     "commanders threw their reserves into the offensive", "deployment"),
    ("The army said the rebels used drones in the attack on the base.",
     "the rebels used drones in the attack on the base", "attack"),
    ("Witnesses said the militia used mortars in the assault on the town.",
     "the militia used mortars in the assault on the town", "attack"),
    ("Officials said Russia had begun using a significant number of them in its assaults.",
     "Russia had begun using a significant number of them in its assaults", "deployment"),
    ("The army said the rebels used a number of drones in the attack.",
     "the rebels used a number of drones in the attack", "attack"),
    ("Witnesses said police used force in the clashes.", "police used force in the clashes", "attack"),
    # statement: opinions, present states, forecasts
    ("The spokesman said the talks were constructive.", "the talks were constructive", "statement"),
    ("The army said the situation is under control and the enemy is being pursued.",
     "the situation is under control and the enemy is being pursued", "statement"),
    ("The ministry said the talks would resume next week.", "the talks would resume next week", "statement"),
    # other: a reported happening of no conflict family
    ("The company said the bridge had reopened to traffic.", "the bridge had reopened to traffic", "other"),
    ("The army reported that the dam had been breached.", "the dam had been breached", "other"),
])
def test_claim_types(extractor, text, content, ctype):
    c = only(claims_of(extractor, text))
    assert c.content == content
    assert c.type == ctype


@pytest.mark.parametrize("text, content", [
    ("The ministry said that a second brigade would be sent to the front.",
     "a second brigade would be sent to the front"),
    ("The president said that any attack on the capital would not go unanswered.",
     "any attack on the capital would not go unanswered"),
    ("The governor said the bridge would be repaired by the end of the month.",
     "the bridge would be repaired by the end of the month"),
])
def test_modal_contents_are_statements(extractor, text, content):
    """A forecast or threat is not the event it names."""
    c = only(claims_of(extractor, text))
    assert c.content == content
    assert c.type == "statement"


# ------------------------------------------------------------------ main clause first

def test_main_clause_decides_before_an_adverbial_clause(extractor):
    c = only(claims_of(extractor, "The army said the soldiers recaptured the hill as rebels tried to shell the village."))
    assert c.type == "territorial_control"


def test_main_clause_holding_ground_outranks_shelling_in_a_while_clause(extractor):
    c = only(claims_of(extractor, "The army said the soldiers held the hill while rebels shelled the village."))
    assert c.type == "territorial_control"


def test_subordinate_clause_decides_when_the_main_clause_is_untyped(extractor):
    c = only(claims_of(extractor, "The army said the convoy was turned back as rebels shelled the road."))
    assert c.type == "attack"


def test_irregular_past_of_retake_is_territorial_control(extractor):
    c = only(claims_of(extractor, "The army said the soldiers retook the hill as rebels tried to shell the village."))
    assert c.type == "territorial_control"


def test_capturing_bases_is_territorial_control(extractor):
    c = only(claims_of(extractor, "The army said the rebels had captured two army bases."))
    assert c.content == "the rebels had captured two army bases"
    assert c.type == "territorial_control"


# ------------------------------------------------------------------ denials

@pytest.mark.parametrize("text, content", [
    ("The general denied that his troops had entered the village.", "his troops had entered the village"),
    ("The spokesman denied the reports.", "the reports"),
    ("The rebels rejected the accusations.", "the accusations"),
    ("The rebels refuted claims that their fighters had looted the town.",
     "claims that their fighters had looted the town"),
    ("The spokesman dismissed the claims as propaganda.", "the claims as propaganda"),
])
def test_denial_cues(extractor, text, content):
    c = only(claims_of(extractor, text))
    assert c.content == content
    assert c.type == "denial"


def test_negated_contradiction_by_the_other_side_is_a_denial(extractor):
    text = "The Houthis said they had struck a British tanker in the Red Sea. The Pentagon said no ship had been struck."
    claims = claims_of(extractor, text)
    assert by_content(claims, "they had struck a British tanker in the Red Sea").type == "attack"
    assert by_content(claims, "no ship had been struck").type == "denial"


def test_negated_contradiction_with_another_verb_is_a_denial(extractor):
    text = ("The Russian Defence Ministry said its forces had shelled the port of Odesa. "
            "Ukraine's military said no strikes had hit the port.")
    assert by_content(claims_of(extractor, text), "no strikes had hit the port").type == "denial"


def test_negation_by_the_same_side_is_not_a_denial(extractor):
    text = "The Houthis said they had struck a tanker. The Houthis said no crew members were hurt."
    c = by_content(claims_of(extractor, text), "no crew members were hurt")
    assert c.type == "casualties"


def test_negation_with_nothing_before_it_is_not_a_denial(extractor):
    c = only(claims_of(extractor, "The Pentagon said no ship had been struck."))
    assert c.type == "attack"


# ------------------------------------------------------------------ the outlet's own sentences

def test_headline_is_typed_too(extractor):
    text = "Rebels seize border town after heavy fighting\n\nThe army said its soldiers had withdrawn on Sunday."
    [head] = authored(claims_of(extractor, text))
    assert head.content == "Rebels seize border town after heavy fighting"
    assert head.type == "territorial_control"


@pytest.mark.parametrize("text, denies", [
    ("The RSF denied that its fighters had shelled the livestock market.", "attack"),
    ("The Kremlin denied that North Korean soldiers had been killed in the Kursk region.", "casualties"),
    ("The ministry denied that its troops had been deployed to the border.", "deployment"),
])
def test_a_denial_records_the_type_of_what_it_denies(extractor, text, denies):
    c = only(claims_of(extractor, text))
    assert c.type == "denial" and c.denies == denies


@pytest.mark.parametrize("text, content, denies", [
    ("Kinshasa said M23 had shelled the camp on Friday. M23 denied the reports.", "the reports", "attack"),
    ("Kinshasa said M23 had seized the airport. M23 rejected the accusations as lies.",
     "the accusations as lies", "territorial_control"),
])
def test_a_denial_of_the_reports_denies_what_it_answers(extractor, text, content, denies):
    c = by_content(claims_of(extractor, text), content)
    assert (c.type, c.denies) == ("denial", denies)


def test_only_denials_say_what_they_deny(extractor):
    c = only(claims_of(extractor, "The army said its forces had shelled the market."))
    assert c.type == "attack" and c.denies is None


# ------------------------------------------------------------------ families added for events:
# using a weapon, taking and holding ground, and negations that deny nothing

@pytest.mark.parametrize("text, content, ctype", [
    # a weapon sent flying (family weapon_use)
    ("The army said the insurgents fired mortar bombs into the settlement.",
     "the insurgents fired mortar bombs into the settlement", "attack"),
    ("The army said rebels had lobbed grenades into the crowd.", "rebels had lobbed grenades into the crowd", "attack"),
    ("Witnesses said militiamen dropped explosives on the market.",
     "militiamen dropped explosives on the market", "attack"),
    ("The agency said mortar rounds were fired at the base overnight.",
     "mortar rounds were fired at the base overnight", "attack"),
    ("Police said gunmen opened fire on the bus.", "gunmen opened fire on the bus", "attack"),
    ("The mayor said fighters had set fire to the market.", "fighters had set fire to the market", "attack"),
    ("The army said the soldiers fired in the air to disperse the crowd.",
     "the soldiers fired in the air to disperse the crowd", "attack"),
    # not a weapon sent flying
    ("The ministry said the company had fired its chief executive.",
     "the company had fired its chief executive", "other"),
    ("The company said its chief executive was fired on Monday.", "its chief executive was fired on Monday",
     "other"),
    ("The ministry said it had deployed artillery to the front.", "it had deployed artillery to the front",
     "deployment"),
    # ground taken: a place name the small model takes for a person or knows not at all, when the
    # places found for the claim (the gazetteer, the document) know it
    ("Residents said the rebels entered Rutshuru on Thursday.", "the rebels entered Rutshuru on Thursday",
     "territorial_control"),
    ("The army said the rebels had captured Kiwanja.", "the rebels had captured Kiwanja", "territorial_control"),
    ("The rebels said Kitshanga fell to their fighters on Friday.", "Kitshanga fell to their fighters on Friday",
     "territorial_control"),
    ("Witnesses said Bunagana was seized by the militia at dawn.", "Bunagana was seized by the militia at dawn",
     "territorial_control"),
    ("Witnesses said the militia pushed into Kiwanja at dawn.", "the militia pushed into Kiwanja at dawn",
     "territorial_control"),
    # an organisation is no place, though the gazetteer has a town of its name
    ("The paper said Apple took Samsung to court over the patents.",
     "Apple took Samsung to court over the patents", "other"),
    ("Witnesses said militia fighters moved into the town at dawn.", "militia fighters moved into the town at dawn",
     "territorial_control"),
    ("Witnesses said the soldiers were driven out of Kiwanja.", "the soldiers were driven out of Kiwanja",
     "territorial_control"),
    ("Witnesses said the militia advanced on Kibati.", "the militia advanced on Kibati", "territorial_control"),
    # a date is no place, people driven from villages are displaced
    ("The army said its troops advanced on Tuesday.", "its troops advanced on Tuesday", "other"),
    ("The mayor said the shelling drove families from their villages.",
     "the shelling drove families from their villages", "attack"),
    ("The mayor said the phone network has been down since fighting broke out in August.",
     "the phone network has been down since fighting broke out in August", "statement"),
    # disowning what is no event of a conflict type denies nothing
    ("The minister said the decision had nothing to do with politics.",
     "the decision had nothing to do with politics", "statement"),
    ("The company said the firm was not responsible for the leak.", "the firm was not responsible for the leak",
     "statement"),
    # a people or a person is no place, and a forecast denies nothing
    ("The senator said the country can not take on the Russians alone.",
     "the country can not take on the Russians alone", "statement"),
    ("The minister said the army would not shell the town.", "the army would not shell the town", "statement"),
    # an election is no war: ground in a sentence with an electoral cue and no armed actor, a place
    # lost to a person
    ("The senator said Clinton lost Michigan by 10,000 votes.", "Clinton lost Michigan by 10,000 votes", "other"),
    ("Reporters said Sanders lost Michigan to Clinton.", "Sanders lost Michigan to Clinton", "other"),
    ("The paper said Republicans took the Senate in the midterm election.",
     "Republicans took the Senate in the midterm election", "other"),
    ("The governor said the party seized control of the state legislature.",
     "the party seized control of the state legislature", "other"),
    ("The army said the rebels lost the town to government troops before the election.",
     "the rebels lost the town to government troops before the election", "territorial_control"),
    # a name held responsible is no ground held
    ("The minister said the government held Putin responsible for the attack.",
     "the government held Putin responsible for the attack", "other"),
    # a person's full name is a capture of people
    ("The army said its soldiers had captured Bosco Ntaganda.", "its soldiers had captured Bosco Ntaganda",
     "casualties"),
    # in or under someone's control, without a control verb
    ("The group said its fighters were now in control of the hills around the town.",
     "its fighters were now in control of the hills around the town", "territorial_control"),
    ("The governor said the district was under rebel control.", "the district was under rebel control",
     "territorial_control"),
    # what is held must be a place, and its holder no party
    ("The paper said Democrats were in control of the House until January.",
     "Democrats were in control of the House until January", "statement"),
    ("The governor said the central bank is under government control.",
     "the central bank is under government control", "statement"),
    ("The governor said the town is under government control.", "the town is under government control",
     "territorial_control"),
    ("The analyst said Republicans control the Senate.", "Republicans control the Senate", "statement"),
    ("The ministry said Russian forces liberated Zoriane.", "Russian forces liberated Zoriane", "territorial_control"),
    # wounds
    ("The doctor said many of the children had shrapnel wounds.", "many of the children had shrapnel wounds",
     "casualties"),
    # a flag raised, a route cut: ground taken; services cut are not
    ("The ministry said the video showed soldiers raising a flag over the school.",
     "the video showed soldiers raising a flag over the school", "territorial_control"),
    ("The army said enemy forces had cut the highway linking the two towns.",
     "enemy forces had cut the highway linking the two towns", "territorial_control"),
    ("Officials said the road to the airport was cut by the rebels.",
     "the road to the airport was cut by the rebels", "territorial_control"),
    # not by an armed actor, or no flag over a place
    ("The mayor said police closed the road after the accident.", "police closed the road after the accident",
     "other"),
    ("Witnesses said protesters blocked the main highway into the capital.",
     "protesters blocked the main highway into the capital", "other"),
    ("The spokesman said the White House flew the flag at half-staff.",
     "the White House flew the flag at half-staff", "other"),
    ("Analysts said regulators raised a red flag over the merger.", "regulators raised a red flag over the merger",
     "other"),
    ("The company said telephone services across the region had been cut since March.",
     "telephone services across the region had been cut since March", "other"),
    # the deed one is blamed for or accused of
    ("The minister said the army blamed the militia for firing rockets into the market.",
     "the army blamed the militia for firing rockets into the market", "attack"),
    ("The rebels said they blamed the army for positioning heavy weapons near the camps.",
     "they blamed the army for positioning heavy weapons near the camps", "deployment"),
    # negations that deny nothing: a negated verb of confirming, an event asserted beside the
    # negated one, "not only"
    ("The ministry said it did not confirm the strikes.", "it did not confirm the strikes", "attack"),
    ("The rebels said they did not shell the camp but attacked the army base.",
     "they did not shell the camp but attacked the army base", "attack"),
    ("The rebels said they had not only shelled the base but also seized the bridge.",
     "they had not only shelled the base but also seized the bridge", "territorial_control"),
])
def test_event_families(extractor, text, content, ctype):
    c = only(claims_of(extractor, text))
    assert (c.content, c.type, c.denies) == (content, ctype, None)


# ------------------------------------------------------------------ a negated event verb is a denial

@pytest.mark.parametrize("text, content, denies", [
    ("The group said its fighters had not fired on the camps.", "its fighters had not fired on the camps", "attack"),
    ("The ministry said its troops did not attack the village.", "its troops did not attack the village", "attack"),
    ("The militia said it never shelled the market.", "it never shelled the market", "attack"),
    ("The ministry said its units had not fired in any direction.", "its units had not fired in any direction",
     "attack"),
    ("The spokesman said the rebels had not entered the town.", "the rebels had not entered the town",
     "territorial_control"),
    ("The army said its soldiers had not suffered any losses.", "its soldiers had not suffered any losses",
     "casualties"),
    # disowning the event, whatever the verb
    ("The militia said it was not responsible for the shelling of the market.",
     "it was not responsible for the shelling of the market", "attack"),
    ("The militia's spokesman said the group had \"nothing to do\" with the raid.",
     "the group had \"nothing to do\" with the raid", "attack"),
    ("The ministry said its soldiers played no part in the killings.",
     "its soldiers played no part in the killings", "casualties"),
    # the negated event in another party's reported speech is that party's denial
    ("A rebel spokesman told reporters the group had not shelled the camp and blamed the army.",
     "the group had not shelled the camp and blamed the army", "attack"),
])
def test_negated_event_verb_is_a_denial(extractor, text, content, denies):
    c = only(claims_of(extractor, text))
    assert (c.content, c.type, c.denies) == (content, "denial", denies)


def test_disowning_no_event_after_a_claim_is_no_denial(extractor):
    """Nor does verification make it deny the other side's claim before it."""
    text = "Kinshasa said M23 had shelled the camp. M23 said the group was not involved in the talks."
    c = by_content(claims_of(extractor, text), "the group was not involved in the talks")
    assert (c.type, c.denies) == ("other", None)


def test_the_outlets_negated_event_is_a_denial_too(extractor):
    [c] = authored(claims_of(extractor, "The rebels did not enter the town on Sunday."))
    assert (c.type, c.denies) == ("denial", "territorial_control")
