"""Each attribution rule (extract/attribution_rules.py) on its own, on a hand-built parse: no
spaCy model, the parse spelled out token by token (tests/parse_helpers.py)."""
from __future__ import annotations


from claimledger.extract.attribution import find_attributions, weak_cues_inside_strong_content
from claimledger.extract.attribution_parts import Attribution
from claimledger.extract.attribution_rules import (
    BLOCK_RULES, CUE_RULES, SENTENCE_RULES, BlockState, CueSite, according_to, colon_cue, content_after_cue,
    cue_governs_content, inner_cue_reports, is_cue_candidate, parenthetical_cue, passive_subject_is_content,
    quote_continued, quote_next_to_cue, toll_figure,
)
from parse_helpers import parse


def block(doc):
    return BlockState(doc, doc.text, (0, len(doc.text)))


def at(doc, word, nth=0):
    """(CueSite of the nth token spelled ``word``, its BlockState)."""
    toks = [t for t in doc if t.text == word]
    tok = toks[nth]
    return CueSite.at(tok, tok.sent), block(doc)


def texts(doc, found):
    return [(" | ".join(doc.text[s:e] for s, e in a.pieces),
             doc.text[a.source_span[0]:a.source_span[1]] if a.source_span else None, a.kind) for a in found]


QUOTE_BEFORE = parse("""
    "          PUNCT  punct      8   -     ``
    We         PRON   nsubj      2   -     PRP
    hold       VERB   ccomp      8   -     VBP
    the        DET    det        4   -     DT
    line       NOUN   dobj       2   -     NN
    ,          PUNCT  punct      8   -     ,
    "          PUNCT  punct      8   -     ''
    he         PRON   nsubj      8   -     PRP
    said       VERB   ROOT       8   say   VBD
    .          PUNCT  punct      8   -     .
""", text='"We hold the line," he said.')


def test_quote_next_to_cue():
    site, b = at(QUOTE_BEFORE, "said")
    got = quote_next_to_cue(site, b)
    assert texts(QUOTE_BEFORE, got) == [("We hold the line", "he", "direct_quote")]
    assert got[0].construction == "quote" and b.used_quotes == {0}
    # the quotation is taken: a second look finds nothing
    assert quote_next_to_cue(*at(QUOTE_BEFORE, "said")) is not None
    assert quote_next_to_cue(site, b) is None


SAID = parse("""
    The        DET    det        1
    ministry   NOUN   nsubj      2
    said       VERB   ROOT       2   say     VBD
    40         NUM    nummod     4   -       CD
    fighters   NOUN   nsubj      5   fighter NNS
    died       VERB   ccomp      2   die     VBD
    .          PUNCT  punct      2
""")


def test_cue_governs_content():
    site, b = at(SAID, "said")
    assert quote_next_to_cue(site, b) is None          # no quotation: not this rule's
    got = cue_governs_content(site, b)
    assert texts(SAID, got) == [("40 fighters died", "The ministry", "indirect")]
    assert got[0].construction == "clause" and got[0].cue_lemma == "say" and got[0].tense == "past"


SHOW_SAID = parse("""
    Images     NOUN   nsubj      1   image   NNS
    show       VERB   ROOT       1   show    VBP
    the        DET    det        3
    army       NOUN   nsubj      4
    said       VERB   ccomp      1   say     VBD
    troops     NOUN   nsubj      6   troop   NNS
    withdrew   VERB   ccomp      4   withdraw VBD
    .          PUNCT  punct      1
""")


def test_inner_cue_reports():
    site, b = at(SHOW_SAID, "show")
    assert inner_cue_reports(site, b) == []            # decided: the weak outer cue reports nothing
    site, b = at(SHOW_SAID, "said")
    assert inner_cue_reports(site, b) is None
    assert texts(SHOW_SAID, find_attributions(SHOW_SAID, SHOW_SAID.text, (0, len(SHOW_SAID.text)))) == [
        ("troops withdrew", "the army", "indirect")]


TOLL = parse("""
    Officials  NOUN   nsubj      1   official NNS
    put        VERB   ROOT       1   put      VBD
    the        DET    det        4
    death      NOUN   compound   4
    toll       NOUN   dobj       1
    at         ADP    prep       1
    12         NUM    pobj       5   -        CD
    .          PUNCT  punct      1
""")


def test_toll_figure():
    got = toll_figure(*at(TOLL, "put"))
    assert texts(TOLL, got) == [("the death toll at 12", "Officials", "indirect")]
    assert toll_figure(*at(SAID, "said")) is None


BELIEVED = parse("""
    North      ADJ    amod       1
    Korean     ADJ    amod       2
    troops     NOUN   nsubjpass  4   troop   NNS
    are        AUX    auxpass    4   be      VBP
    believed   VERB   ROOT       4   believe VBN
    to         PART   aux        7   -       TO
    have       AUX    aux        7   -       VB
    crossed    VERB   xcomp      4   cross   VBN
    the        DET    det        9
    border     NOUN   dobj       7
    .          PUNCT  punct      4
""")


def test_passive_subject_is_content():
    got = passive_subject_is_content(*at(BELIEVED, "believed"))
    assert texts(BELIEVED, got) == [("North Korean troops are believed to have crossed the border", None,
                                     "passive_unattributed")]
    assert passive_subject_is_content(*at(SAID, "said")) is None


PARENTHETICAL = parse("""
    The        DET    det        1
    images     NOUN   nsubj      6   image   NNS
    ,          PUNCT  punct      4
    it         PRON   nsubj      4
    said       VERB   parataxis  6   say     VBD
    ,          PUNCT  punct      4
    showed     VERB   ROOT       6   show    VBD
    burn       ADJ    amod       8
    marks      NOUN   dobj       6   mark    NNS
    .          PUNCT  punct      6
""")


def test_parenthetical_cue():
    got = parenthetical_cue(*at(PARENTHETICAL, "said"))
    assert texts(PARENTHETICAL, got) == [("The images | showed burn marks", "it", "indirect")]
    assert parenthetical_cue(*at(SAID, "said")) is None


CLAIMED_SHOWED = parse("""
    He         PRON   nsubj      1
    released   VERB   ROOT       1   release VBD
    a          DET    det        3
    video      NOUN   dobj       1
    that       PRON   mark       6
    he         PRON   nsubj      6
    claimed    VERB   relcl      3   claim   VBD
    showed     VERB   conj       1   show    VBD
    the        DET    det        9
    strike     NOUN   dobj       7
    .          PUNCT  punct      1
""")


def test_content_after_cue():
    got = content_after_cue(*at(CLAIMED_SHOWED, "claimed"))
    assert texts(CLAIMED_SHOWED, got) == [("showed the strike", "he", "indirect")]
    assert got[0].evidence_head.text == "video"
    assert content_after_cue(*at(SAID, "said")) is None       # it has its clause


ACCORDING = parse("""
    According  VERB   prep       7   accord  VBG
    to         ADP    prep       0
    the        DET    det        3
    ministry   NOUN   pobj       1
    ,          PUNCT  punct      7
    40         NUM    nummod     6   -       CD
    fighters   NOUN   nsubj      7   fighter NNS
    died       VERB   ROOT       7   die     VBD
    .          PUNCT  punct      7
""")


def test_according_to():
    b = block(ACCORDING)
    got = according_to(next(ACCORDING.sents), b)
    assert texts(ACCORDING, got) == [("40 fighters died", "the ministry", "according_to")]
    assert got[0].cue_lemma == "according to"


COLON = parse("""
    Savchenko  PROPN  dep        7
    on         ADP    prep       0
    Telegram   PROPN  pobj       1
    :          PUNCT  punct      7
    "          PUNCT  punct      7   -   ``
    Every      DET    det        6
    airfield   NOUN   nsubj      7
    is         AUX    ROOT       7   be  VBZ
    a          DET    det        9
    target     NOUN   attr       7
    .          PUNCT  punct      7
    "          PUNCT  punct      7   -   ''
""", text='Savchenko on Telegram: "Every airfield is a target."')


def test_colon_cue():
    got = colon_cue(next(COLON.sents), block(COLON))
    assert texts(COLON, got) == [("Every airfield is a target", "Savchenko", "direct_quote")]


CONTINUED = parse("""
    "          PUNCT  punct      8   -     ``
    The        DET    det        2
    convoy     NOUN   nsubjpass  4
    was        AUX    auxpass    4   be    VBD
    hit        VERB   ccomp      8   -     VBN
    ,          PUNCT  punct      8
    "          PUNCT  punct      8   -     ''
    he         PRON   nsubj      8
    said       VERB   ROOT       8   say   VBD
    .          PUNCT  punct      8
    "          PUNCT  punct      13  -     ``
    Nobody     PRON   nsubj      13
    could      AUX    aux        13
    reach      VERB   ROOT       13
    them       PRON   dobj       13
    .          PUNCT  punct      13
    "          PUNCT  punct      13  -     ''
""", text='"The convoy was hit," he said. "Nobody could reach them."')


def test_quote_continued():
    b = block(CONTINUED)
    site = CueSite.at(CONTINUED[8], CONTINUED[8].sent)
    b.found.extend(quote_next_to_cue(site, b))
    got = quote_continued(b)
    assert texts(CONTINUED, got) == [("Nobody could reach them", "he", "direct_quote")]
    assert got[0].attribution_kind == "assertion"


NOT_SAID = parse("""
    He         PRON   nsubj      3
    did        AUX    aux        3   do   VBD
    not        PART   neg        3   -    RB
    say        VERB   ROOT       3   -    VB
    how        SCONJ  advmod     5   -    WRB
    many       ADJ    nsubj      6
    died       VERB   ccomp      3   die  VBD
    .          PUNCT  punct      3
""")


def test_is_cue_candidate():
    assert is_cue_candidate(SAID[2], block(SAID))
    assert not is_cue_candidate(NOT_SAID[3], block(NOT_SAID))        # negated
    assert not is_cue_candidate(SAID[5], block(SAID))                # "died" is no cue
    assert find_attributions(NOT_SAID, NOT_SAID.text, (0, len(NOT_SAID.text))) == []


def test_weak_cue_inside_strong_content_is_dropped():
    strong = Attribution("indirect", [(0, 50)], (0, 60), cue_span=(0, 4), cue_lemma="say")
    weak = Attribution("indirect", [(30, 50)], (0, 60), cue_span=(20, 25), cue_lemma="show", cue_token=object())
    outside = Attribution("indirect", [(70, 90)], (60, 95), cue_span=(62, 66), cue_lemma="show", cue_token=object())
    assert weak_cues_inside_strong_content([strong, weak, outside], {"show"}) == [strong, outside]


def test_driver_runs_each_table_and_names_the_rule():
    found = find_attributions(CONTINUED, CONTINUED.text, (0, len(CONTINUED.text)))
    assert [(a.rule, a.kind) for a in found] == [("quote_next_to_cue", "direct_quote"),
                                                 ("quote_continued", "direct_quote")]
    # one rule alone: with no quotation rule the cue governs its clause
    alone = find_attributions(CONTINUED, CONTINUED.text, (0, len(CONTINUED.text)),
                              cue_rules=[r for r in CUE_RULES if r.name == "cue_governs_content"],
                              sentence_rules=(), block_rules=())
    assert [(a.rule, CONTINUED.text[a.pieces[0][0]:a.pieces[0][1]]) for a in alone] == [
        ("cue_governs_content", "The convoy was hit")]
    names = [r.name for r in CUE_RULES + SENTENCE_RULES + BLOCK_RULES]
    assert len(names) == len(set(names))
