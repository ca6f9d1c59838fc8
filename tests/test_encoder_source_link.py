"""The encoder's cue sources read from the parse (attribution_model/source_link.py), on hand-built
parses; and the encoder finder joining them to its tagged spans."""
from __future__ import annotations

import re

import numpy as np
import pytest

from claimledger.attribution_model import encoder as enc
from claimledger.attribution_model import source_link as sl
from parse_helpers import parse


def spec(line: str, text=None):
    """A hand-built parse from 'word/POS/dep/head[/lemma[/tag]]' items separated by spaces."""
    return parse("\n".join(" ".join(item.split("/")) for item in line.split()), text)


def at(text: str, s: str, k: int = 0) -> tuple[int, int]:
    return [m.span() for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text)][k]


def source_text(doc, cue: str, k: int = 0):
    got = sl.parse_source(doc, at(doc.text, cue, k))
    return got if got in (None, sl.NO_ONE) else doc.text[got[1][0]:got[1][1]]


#: (what the case shows, the parse, the cue, the source the parse names)
CASES = [
    ("the subject with its appositive",
     "John/PROPN/compound/1 Smith/PROPN/nsubj/6 ,/PUNCT/punct/1 a/DET/det/4 spokesman/NOUN/appos/1 ,/PUNCT/punct/1 "
     "said/VERB/ROOT/6/say/VBD the/DET/det/8 bridge/NOUN/nsubj/9 fell/VERB/ccomp/6/fall/VBD ./PUNCT/punct/6",
     "said", "John Smith, a spokesman"),
    # PolNeAR marks the pronoun ("who"), not its antecedent; the pipeline names it after the antecedent
    ("a relative pronoun subject as written",
     "a/DET/det/1 spokesman/NOUN/ROOT/1 ,/PUNCT/punct/1 who/PRON/nsubj/4 said/VERB/relcl/1/say/VBD "
     "it/PRON/nsubj/6 fell/VERB/ccomp/4/fall/VBD", "said", "who"),
    ("a passive cue's agent",
     "it/PRON/nsubjpass/2 was/AUX/auxpass/2/be reported/VERB/ROOT/2/report/VBN by/ADP/agent/2 the/DET/det/5 "
     "Times/PROPN/pobj/3", "reported", "the Times"),
    ("a passive subject is what is said",
     "the/DET/det/1 town/NOUN/nsubjpass/4 is/AUX/auxpass/4/be not/PART/neg/4 thought/VERB/ROOT/4/think/VBN "
     "to/PART/aux/6 be/AUX/xcomp/4 held/VERB/acomp/6/hold/VBN", "thought", sl.NO_ONE),
    ("a person quoted in the passive speaks",
     "he/PRON/nsubjpass/2 was/AUX/auxpass/2/be quoted/VERB/ROOT/2/quote/VBN as/ADP/prep/2 "
     "saying/VERB/pcomp/3/say/VBG", "quoted", "he"),
    ("according to names its object",
     "the/DET/det/1 toll/NOUN/nsubj/2 rose/VERB/ROOT/2/rise/VBD ,/PUNCT/punct/2 according/VERB/prep/2 "
     "to/ADP/prep/4 the/DET/det/7 ministry/NOUN/pobj/5", "according", "the ministry"),
    # the owner with its 's: annotated about as often with it as without
    ("a cue noun's owner",
     "the/DET/det/1 ministry/NOUN/poss/3 's/PART/case/1 claim/NOUN/ROOT/3", "claim", "the ministry's"),
    ("a cue noun's owner after from",
     "a/DET/det/1 statement/NOUN/ROOT/1 from/ADP/prep/1 the/DET/det/4 army/NOUN/pobj/2", "statement", "the army"),
    ("a cue noun's of names what it is about, not its owner",
     "the/DET/det/1 rejection/NOUN/ROOT/1 of/ADP/prep/1 the/DET/det/4 wisdom/NOUN/pobj/2", "rejection", None),
    ("a subject-less participle speaks for its verb's subject",
     "Trump/PROPN/nsubj/1 denied/VERB/ROOT/1/deny/VBD it/PRON/dobj/1 ,/PUNCT/punct/1 saying/VERB/advcl/1/say/VBG "
     "it/PRON/nsubj/6 lied/VERB/ccomp/4/lie/VBD", "saying", "Trump"),
    ("through a preposition",
     "she/PRON/nsubj/1 began/VERB/ROOT/1/begin/VBD by/ADP/prep/1 declaring/VERB/pcomp/2/declare/VBG "
     "war/NOUN/dobj/3", "declaring", "she"),
    ("an expletive names no one", "there/PRON/expl/1 is/AUX/ROOT/1/be a/DET/det/3 sense/NOUN/attr/1", "is", sl.NO_ONE),
    ("a raising verb's it names no one",
     "it/PRON/nsubj/1 seems/VERB/ROOT/1/seem/VBZ that/SCONJ/mark/4 they/PRON/nsubj/4 left/VERB/ccomp/1/leave/VBD",
     "seems", sl.NO_ONE),
    ("a raising verb's subject is what it is about",
     "both/DET/det/1 houses/NOUN/nsubj/3 now/ADV/advmod/3 seem/VERB/ROOT/3/seem/VBP intent/ADJ/acomp/3",
     "seem", sl.NO_ONE),
    ("a raised cue verb speaks for the raising verb's subject",
     "he/PRON/nsubj/1 seemed/VERB/ROOT/1/seem/VBD to/PART/aux/3 indicate/VERB/xcomp/1/indicate/VB "
     "he/PRON/nsubj/5 knows/VERB/ccomp/3/know/VBZ", "seemed to indicate", "he"),
    ("a participle hanging on a raising verb speaks for its subject",
     "Weaver/PROPN/nsubj/1 seemed/VERB/ROOT/1/seem/VBD unimpressed/ADJ/acomp/1 ,/PUNCT/punct/1 "
     "telling/VERB/advcl/1/tell/VBG reporters/NOUN/dobj/4", "telling", "Weaver"),
    ("a verb without subject cannot tell", "Say/VERB/ROOT/0 it/PRON/dobj/0", "Say", None),
    ("a raised passive's subject is what is expected, even of a person",
     "she/PRON/nsubjpass/3 is/AUX/auxpass/3/be not/PART/neg/3 expected/VERB/ROOT/3/expect/VBN to/PART/aux/5 "
     "press/VERB/xcomp/3/press/VB him/PRON/dobj/5", "expected", sl.NO_ONE),
    ("seen as: what is thought of it",
     "his/PRON/poss/1 decision/NOUN/nsubjpass/3 was/AUX/auxpass/3/be seen/VERB/ROOT/3/see/VBN as/ADP/prep/3 "
     "disloyalty/NOUN/pobj/4", "seen", sl.NO_ONE),
    ("an adjective's infinitive said of it names no one",
     "It/PRON/nsubj/1 's/AUX/ROOT/1/be easy/ADJ/acomp/1 to/PART/aux/4 criticize/VERB/xcomp/1/criticize/VB "
     "campaigns/NOUN/dobj/4", "easy to criticize", sl.NO_ONE),
    ("makes it hard to judge names no one",
     "which/PRON/nsubj/1 makes/VERB/ROOT/1/make/VBZ it/PRON/nsubj/3 hard/ADJ/ccomp/1 to/PART/aux/5 "
     "judge/VERB/advcl/3/judge/VB them/PRON/dobj/5", "makes it hard to judge", sl.NO_ONE),
    ("an adjective's infinitive said of a person is the person's",
     "he/PRON/nsubj/1 was/AUX/ROOT/1/be eager/ADJ/acomp/1 to/PART/aux/4 say/VERB/xcomp/1/say/VB "
     "it/PRON/dobj/4", "eager to say", "he"),
    ("questions arose: the cue's own noun, voiced by no one",
     "questions/NOUN/nsubj/1/question arose/VERB/ROOT/1/arise/VBD about/ADP/prep/1 his/PRON/poss/4 "
     "grasp/NOUN/pobj/2", "questions arose about", sl.NO_ONE),
    ("stoked speculation: a cause, not a speaker",
     "the/DET/det/1 emergence/NOUN/nsubj/2 stoked/VERB/ROOT/2/stoke/VBD speculation/NOUN/dobj/2/speculation "
     "that/SCONJ/mark/7 he/PRON/nsubj/7 might/AUX/aux/7 run/VERB/acl/3/run/VB", "stoked speculation", sl.NO_ONE),
    ("voiced concern: a speaker",
     "Clinton/PROPN/nsubj/2 has/AUX/aux/2/have voiced/VERB/ROOT/2/voice/VBN concern/NOUN/dobj/2/concern",
     "has voiced concern", "Clinton"),
    ("a passive participle on a noun: what is said of it",
     "a/DET/det/2 think/NOUN/compound/2 tank/NOUN/ROOT/2 known/VERB/acl/2/know/VBN for/ADP/prep/3 "
     "theories/NOUN/pobj/4", "known", sl.NO_ONE),
    ("a participle the parse hangs on its subject past a comma speaks for it",
     "Smith/PROPN/nsubj/5 ,/PUNCT/punct/0 called/VERB/acl/0/call/VBN Trump/PROPN/oprd/2 ,/PUNCT/punct/0 "
     "said/VERB/ROOT/5/say/VBD", "called", "Smith"),
    ("an organisation's it speaks",
     "it/PRON/nsubj/1 stated/VERB/ROOT/1/state/VBD that/SCONJ/mark/4 they/PRON/nsubj/4 left/VERB/ccomp/1/leave/VBD",
     "stated", "it"),
]


@pytest.mark.parametrize("what,parsed,cue,expected", CASES, ids=[c[0] for c in CASES])
def test_the_parse_names_the_cue_source(what, parsed, cue, expected):
    assert source_text(spec(parsed), cue) == expected


def test_a_relative_pronoun_resolves_to_its_antecedent_on_request():
    doc = spec(CASES[1][1])
    head = sl.source_head(sl.cue_root(doc, at(doc.text, "said")), resolve_relative=True)
    assert head.text == "spokesman"


def test_choose_source_prefers_the_parse_and_falls_back_to_proximity():
    assert sl.choose_source((10, (5, 20)), [(10, 14)], (30, 35)) == (5, 20)
    assert sl.choose_source((10, (5, 20)), [(10, 14)], (30, 35), prefer_tagged=True) == (10, 14)
    assert sl.choose_source((10, (5, 20)), [(30, 35)], (30, 35), prefer_tagged=True) == (5, 20)
    assert sl.choose_source(None, [(30, 35)], (30, 35)) == (30, 35)
    assert sl.choose_source(None, [], None) is None
    assert sl.choose_source(sl.NO_ONE, [(30, 35)], (30, 35)) is None


#: (what the case shows, text, source phrase, head word, cue and content words, the phrase clipped)
CLIP_CASES = [
    ("a headline's object cut at the cue", "Glenn Beck Blasts Drudge for it", "Glenn Beck Blasts Drudge", "Beck",
     ["Blasts", "Drudge for it"], "Glenn Beck"),
    ("a quotation the parser hung on the name", '"Good reporter," Trump said', '"Good reporter," Trump', "Trump",
     ["said", "Good reporter"], "Trump"),
    ("a phrase apart from cue and content stays", "Dave Gorab, a host, said it was", "Dave Gorab, a host", "Gorab",
     ["said", "it was"], "Dave Gorab, a host"),
    ("a head inside the cue leaves the phrase as it was", "his recent call to ban", "his recent call", "call",
     ["recent call", "to ban"], "his recent call"),
]


@pytest.mark.parametrize("what,text,phrase,head,avoid,expected", CLIP_CASES, ids=[c[0] for c in CLIP_CASES])
def test_clip_source_keeps_the_phrase_off_the_cue_and_content(what, text, phrase, head, avoid, expected):
    a = text.index(phrase)
    parsed = (at(text, head)[0], (a, a + len(phrase)))
    got = sl.clip_source(text, parsed, [(text.index(x), text.index(x) + len(x)) for x in avoid])
    assert text[got[1][0]:got[1][1]] == expected and got[0] == parsed[0]
    assert sl.clip_source(text, None, []) is None and sl.clip_source(text, sl.NO_ONE, []) is sl.NO_ONE


def _tagged(doc, roles: dict) -> enc.Tagged:
    """A Tagged reading of ``doc`` (a word per token), each role's [word, word) ranges given."""
    words = [(t.idx, t.idx + len(t.text)) for t in doc]
    pieces = enc.Pieces(ids=list(range(len(words))), offsets=words, word_of=list(range(len(words))),
                        words=words, first_piece=list(range(len(words))))
    path = [0] * len(words)
    for role, ranges in roles.items():
        for a, b in ranges:
            path[a] = enc.LABELS.index("B-" + role)
            for i in range(a + 1, b):
                path[i] = enc.LABELS.index("I-" + role)
    scores = np.log(np.full((len(words), len(enc.LABELS)), 0.1))
    full = {r: list(roles.get(r, [])) for r in enc.ROLES}
    return enc.Tagged(pieces, scores, path, full)


def test_the_finder_takes_the_parse_source_where_proximity_takes_the_nearer_one():
    # "Trump , who Clinton mocked , said it fell": proximity gives 'said' the nearer tagged
    # source (Clinton), the parse its subject (Trump)
    doc = spec("Trump/PROPN/nsubj/5 ,/PUNCT/punct/0 who/PRON/dobj/4 Clinton/PROPN/nsubj/4 "
             "mocked/VERB/relcl/0/mock/VBD said/VERB/ROOT/5/say/VBD it/PRON/nsubj/7 "
             "fell/VERB/ccomp/5/fall/VBD")
    text = doc.text
    w = {t.text: t.i for t in doc}
    tagged = _tagged(doc, {"SRC": [(0, 1), (w["Clinton"], w["Clinton"] + 1)], "CUE": [(w["said"], w["said"] + 1)],
                            "CON": [(w["it"], w["it"] + 2)]})
    finder = enc.EncoderFinder(tagger=object(), linker="proximity")
    [near] = finder.records(doc, text, tagged)
    assert text[near.source[0]:near.source[1]] == "Clinton"
    finder = enc.EncoderFinder(tagger=object(), linker="parse")
    [rec] = finder.records(doc, text, tagged)
    assert text[rec.source[0]:rec.source[1]] == "Trump" and text[rec.cue[0]:rec.cue[1]] == "said"
    assert text[rec.content[0][0]:rec.content[-1][1]] == "it fell"
