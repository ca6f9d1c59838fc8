"""The toponym tagger's token features (extract/toponym_features.py), on hand-built documents and a
hand-built gazetteer: each row says what the parse and the gazetteer know of a token."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
import spacy
from spacy.tokens import Doc

from claimledger.extract.toponym_features import ENT, GROUPS, KINDS, POS, TokenFeatures, width

KNOWN = {   # name -> (feature, population) of the best candidate
    "Ohio": ("region", None), "Canada": ("country", None), "Columbus": ("settlement", 900_000),
    "Lufkin": ("settlement", 35_000), "Harwinton": ("settlement", 600), "New Hampshire": ("region", None),
    "Fort Wayne": ("settlement", 250_000), "Lake Fort Wayne": ("water", None),
}


class FakeGazetteer:
    def __init__(self):
        self.asked = []

    def lookup(self, name):
        self.asked.append(name)
        if name not in KNOWN:
            return []
        feature, pop = KNOWN[name]
        return [SimpleNamespace(feature=feature, population=pop)]


VOCAB = spacy.blank("en").vocab


def doc(words, pos=None, ents=None):
    return Doc(VOCAB, words=words, pos=pos or ["PROPN" if w[:1].isupper() else "NOUN" for w in words], ents=ents)


def gaz_cols(d, gaz=None):
    f = TokenFeatures(["gaz"], gaz or FakeGazetteer())
    m = f.matrix(d)
    out = []
    for row in m:
        kinds = [KINDS[i] for i in range(len(KINDS)) if row[i]]
        out.append((kinds[0] if kinds else None, bool(row[len(KINDS)]), bool(row[len(KINDS) + 1])))
    return out


@pytest.mark.parametrize("words, want", [
    # one word: what its best candidate is
    (["Canada"], [("country", False, False)]),
    (["Ohio"], [("region", False, False)]),
    (["Columbus"], [("town100k", False, False)]),
    (["Lufkin"], [("town5k", False, False)]),
    (["Harwinton"], [("place", False, False)]),
    (["Smith"], [(None, False, False)]),
    # lower case, one letter, not alphabetic: not looked up
    (["ohio"], [(None, False, False)]),
    (["O"], [(None, False, False)]),
    # a run of two or three capitalised words the gazetteer knows as one name
    (["in", "New", "Hampshire"], [(None, False, False), (None, True, False), (None, False, True)]),
    (["Fort", "Wayne", "police"], [(None, True, False), (None, False, True), (None, False, False)]),
    # the longest name the gazetteer knows marks its words; a shorter one inside still begins its own
    (["Lake", "Fort", "Wayne"], [(None, True, False), (None, True, True), (None, False, True)]),
    # not across a lower-case word
    (["New", "in", "Hampshire"], [(None, False, False), (None, False, False), (None, False, False)]),
])
def test_the_gazetteer_columns(words, want):
    assert gaz_cols(doc(words)) == want


def test_each_name_is_looked_up_once():
    gaz = FakeGazetteer()
    f = TokenFeatures(["gaz"], gaz)
    f.matrix(doc(["Ohio", "and", "Ohio"]))
    f.matrix(doc(["Ohio"]))
    assert gaz.asked == ["Ohio"]


@pytest.mark.parametrize("words, pos, ents, want_pos, want_ent", [
    (["Police", "in", "Lufkin"], ["NOUN", "ADP", "PROPN"], ["O", "O", "B-GPE"],
     ["NOUN", "ADP", "PROPN"], [None, None, ("GPE", True)]),
    (["Fort", "Wayne", "said"], ["PROPN", "PROPN", "VERB"], ["B-ORG", "I-ORG", "O"],
     ["PROPN", "PROPN", "VERB"], [("ORG", True), ("ORG", False), None]),
    # a label outside ENT falls in the column for any other; a tag outside POS sets none
    (["Monday", "!"], ["INTJ", "X"], ["B-DATE", "O"], [None, None], [("other", True), None]),
])
def test_the_part_of_speech_and_entity_columns(words, pos, ents, want_pos, want_ent):
    f = TokenFeatures(["pos", "ent"], FakeGazetteer())
    m = f.matrix(doc(words, pos, ents))
    assert m.shape == (len(words), len(POS) + len(ENT) + 2)
    got_pos, got_ent = [], []
    for row in m:
        p = [POS[i] for i in range(len(POS)) if row[i]]
        got_pos.append(p[0] if p else None)
        e = row[len(POS):]
        labels = [ENT[i] if i < len(ENT) else "other" for i in range(len(ENT) + 1) if e[i]]
        got_ent.append((labels[0], bool(e[len(ENT) + 1])) if labels else None)
    assert got_pos == want_pos and got_ent == want_ent


def test_groups_keep_their_order_and_width():
    f = TokenFeatures(["gaz", "pos"], FakeGazetteer())
    assert f.groups == ["pos", "gaz"] and f.width == width(["pos", "gaz"]) == len(POS) + len(KINDS) + 2
    assert TokenFeatures(list(GROUPS), FakeGazetteer()).matrix(doc(["Ohio"])).shape == (1, width(GROUPS))
    assert TokenFeatures([], FakeGazetteer()).matrix(doc(["Ohio"])).shape == (1, 0)
    with pytest.raises(ValueError, match="shape"):
        TokenFeatures(["pos", "shape"])
