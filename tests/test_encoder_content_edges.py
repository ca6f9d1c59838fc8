"""Content edges of the encoder's attributions mended with the parse (attribution_model/
content_edges.py), on hand-built parses."""
from __future__ import annotations

import pytest

from claimledger.attribution_model import content_edges as ce
from claimledger.attribution_model.encoder import Linked
from test_encoder_source_link import spec

#: (what the case shows, the parse, the content as tagged, the content completed)
CASES = [
    ("a determiner carried to its noun",
     "he/PRON/nsubj/2 has/AUX/aux/2 defended/VERB/ROOT/2 the/DET/det/4 company/NOUN/dobj/2 ./PUNCT/punct/2",
     "the", "the company"),
    ("a name carried on through the possessive",
     "not/PART/neg/1 satisfied/ADJ/ROOT/1 with/ADP/prep/1 Mr./PROPN/compound/4 Trump/PROPN/poss/6 's/PART/case/4 "
     "response/NOUN/pobj/2", "Mr.", "Mr. Trump's response"),
    ("a content ending in its noun stays",
     "he/PRON/nsubj/1 backed/VERB/ROOT/1 the/DET/det/3 plan/NOUN/dobj/1 today/NOUN/npadvmod/1",
     "the plan", "the plan"),
    ("a subject does not reach for its verb",
     "he/PRON/nsubj/1 said/VERB/ROOT/1 she/PRON/nsubj/3 left/VERB/ccomp/1",
     "she", "she"),
    ("a noun too far ahead is not reached",
     "the/DET/det/8 a/DET/dep/8 b/ADJ/amod/8 c/ADJ/amod/8 d/ADJ/amod/8 e/ADJ/amod/8 f/ADJ/amod/8 g/ADJ/amod/8 "
     "plan/NOUN/ROOT/8", "the", "the"),
]


@pytest.mark.parametrize("what,parsed,tagged,expected", CASES, ids=[c[0] for c in CASES])
def test_complete_end(what, parsed, tagged, expected):
    doc = spec(parsed)
    a = doc.text.index(tagged)
    got = ce.complete_end(doc, (a, a + len(tagged)))
    assert doc.text[got[0]:got[1]] == expected and got[0] == a


def test_complete_contents_mends_every_piece_and_nothing_else():
    doc = spec(CASES[0][1])
    cue = (doc.text.index("defended"), doc.text.index("defended") + 8)
    a = doc.text.index("the")
    [f] = ce.complete_contents(doc, [Linked(content=[(a, a + 3)], source=[(0, 2)], cue=[cue])])
    assert f.content == [(a, a + len("the company"))] and f.source == [(0, 2)] and f.cue == [cue]
    assert ce.complete_contents(None, [f]) == [f]
