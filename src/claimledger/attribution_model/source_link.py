"""Sources for the encoder's cues, read from the dependency parse.

The encoder tags cue, source and content words; joining a tagged source to the nearest cue loses
the source whenever another cue or source stands nearer ("Trump, who Clinton said lied, told ...").
The parse knows whose cue it is: the cue verb's subject (its whole phrase, appositives included;
a relative pronoun as written, as PolNeAR marks it), a subject-less verb's governing verb's subject
("X denied it, saying ..."), a passive verb's agent ("was reported by the Times"), the object of
"according to", the owner of a cue noun ("the ministry's claim", "a statement from the
ministry"). ``parse_source`` finds that phrase for one cue; ``choose_source`` takes it, else (the
parse names no one) the source linked by proximity.

Chosen on the tuning slice (100 train articles held out of fitting; a 0.3-epoch checkpoint):
content+source lenient F1 0.256 with proximity sources, 0.370 with parse sources; the tagged span
holding the parse's head instead of the parse's phrase scored 0.353, the relative pronoun's
antecedent instead of the pronoun 0.364, the head's whole subtree instead of the rules' source
phrase 0.364.

Every walk over the parse goes through ``extract/tree.py``; the helpers reading subjects, agents and
source phrases are the attribution rules' own (``extract/attribution_parts.py``).
"""
from __future__ import annotations

from typing import Optional, Sequence

from ..extract.attribution_parts import (REL_PRONOUNS, according_source, agent_of, in_dateline,
                                         source_tokens)
from ..extract.lexicon import lemma_of, word_set
from ..extract.tree import children_of

Span = tuple[int, int]

#: Prepositions by which a cue noun names its owner: "claims by the ministry", "a statement from
#: the ministry" (and "the ministry's claim" by the possessive). Not "of", which after a cue noun
#: names what it is about ("approval of the committee's recommendation", "the rejection of the
#: party's wisdom"; tuning slice, encoder:rules: 3 fixed, none broken).
OWNER_PREPS = ("by", "from")


def cue_root(doc, cue: Span):
    """The token heading the cue's characters (the one whose head lies outside them; verbs first),
    or None when no token starts inside the cue."""
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    toks = [t for t in span if not t.is_punct and not t.is_space] or list(span)
    ids = {t.i for t in toks}
    roots = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    for t in roots:
        if t.pos_ in ("VERB", "AUX"):
            return t
    for t in toks:
        if t.pos_ == "VERB":
            return t
    return roots[0] if roots else toks[0]


def _antecedent(pron):
    """The noun a relative pronoun subject stands for ("a spokesman, who said": spokesman)."""
    verb = pron.head
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    return None


def source_head(root, *, resolve_relative: bool = False):
    """The head token of whoever speaks the cue headed by ``root``, from the parse; NO_ONE when
    the parse says no one does ("it is believed", "there is a sense"), None when it cannot tell
    (a cue without subject, no cue word in the parse)."""
    if root is None:
        return None
    low = root.lower_
    if low == "according":
        got = according_source(root)
        return got[0] if got else None
    if root.pos_ in ("NOUN", "PROPN"):
        for c in children_of(root):
            if c.dep_ == "poss":
                return c
        for c in children_of(root):
            if c.dep_ == "prep" and c.lower_ in OWNER_PREPS:
                pobj = next((g for g in children_of(c) if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in ("PROPN", "PRON", "NOUN") and pobj.lower_ not in word_set("not_sources"):
                    return pobj
        return None
    return speaker_of(root, resolve_relative=resolve_relative)


#: What ``speaker_of`` says of a cue whose parse names no speaker ("it seems", "there is a
#: sense", a passive subject that is what is said): the attribution is source-less, and no
#: tagged source nearby is given it (tuning slice, 1-epoch checkpoint: content+source lenient F1
#: 0.564 -> 0.568 against taking the nearest tagged source there too).
NO_ONE = "no one"

#: Relations along which a subject-less cue verb takes the subject of the verb it hangs on
#: ("X denied it, saying ...", "X launched his campaign by declaring ...", "X wants to say ...").
CLIMB_DEPS = ("conj", "xcomp", "advcl", "pcomp", "prep")
MAX_CLIMB = 4


def speaker_of(verb, *, resolve_relative: bool = False):
    """Whoever speaks through ``verb``: its passive agent, else its subject (a passive subject
    only when a person), else, for a verb without subject, that of the verb it depends on; NO_ONE
    when the parse says no one does, None when it cannot tell."""
    t = verb
    for _ in range(MAX_CLIMB):
        agent = agent_of(t)
        if agent is not None:
            return agent
        subs = [c for c in children_of(t) if c.dep_ in ("nsubj", "nsubjpass", "expl") and not in_dateline(c)]
        if subs:
            subj = subs[0]
            if subj.dep_ == "expl" or (t is verb and lemma_of(t) in word_set("raising_verbs")):
                # "there is a sense that ...", "it seems that ...", and a raising cue verb's subject
                # is what the attribution is about ("both houses now seem intent on ...", as PolNeAR
                # marks it; tuning slice: encoder content+source lenient F1 0.6048 -> 0.6065), but
                # not when reached by climbing from a participle ("X seemed unimpressed, telling
                # ...") nor when the cue holds the raised verb (``past_raising``; 0.6182 -> 0.6190)
                return NO_ONE
            if subj.dep_ == "nsubjpass" and t is verb and _raised_passive(t):
                # "Mrs. Clinton is not expected to pressure him", "it was seen as a snub": what is
                # expected of the subject, by no one named, even of a person
                return NO_ONE
            if subj.dep_ == "nsubjpass" and subj.lower_ not in word_set("passive_speakers") \
                    and subj.ent_type_ != "PERSON":
                # "the town is not thought to be held", "40 people were reported killed": what the
                # passive cue is about, not who speaks ("he was quoted as saying" stays)
                return NO_ONE
            if subj.lower_ in REL_PRONOUNS and resolve_relative:
                return _antecedent(subj) or subj
            return subj
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            if t.tag_ == "VBN" and not any(c.dep_ in ("dobj", "obj") for c in children_of(t)) \
                    and not any(w.text == "," for w in t.doc[t.head.i + 1:t.i]):
                # "a think tank known for ...": what is said of it (not "X, called Y a ...", a
                # verb the parse hung on its subject)
                return NO_ONE
            return t.head                     # "voters saying they want a ban"
        if t.dep_ not in CLIMB_DEPS or t.head.i == t.i:
            return None
        t = t.head
        if t.dep_ == "prep" and t.head.pos_ in ("VERB", "AUX"):   # "by declaring": the preposition's verb
            t = t.head
        elif t.pos_ not in ("VERB", "AUX"):
            return None
    return None


def _raised_passive(verb) -> bool:
    """A passive cue verb of ``raised_passives`` raising its subject into an infinitive or an "as"
    phrase ("is expected to", "was seen as", "is said to have")."""
    if lemma_of(verb) not in word_set("raised_passives"):
        return False
    return any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") or c.dep_ == "prep" and c.lower_ == "as"
               or c.dep_ == "oprd" for c in children_of(verb))


def impersonal(root, cue: Span) -> bool:
    """The cue is an infinitive said of no one: "it is easy to criticize", "which makes it hard to
    judge" (an infinitive in the cue hanging on an adjective, or on a copula with one, that is
    predicated of "it")."""
    if root is None:
        return False
    for v in root.doc.char_span(cue[0], cue[1], alignment_mode="expand") or ():
        if v.pos_ != "VERB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in children_of(v)):
            continue
        h = v.head
        adj = h if h.pos_ == "ADJ" else next((c for c in children_of(h) if c.dep_ == "acomp" and c.pos_ == "ADJ"), None)
        if adj is None:
            continue
        if any(c.lower_ == "it" and c.dep_ in ("nsubj", "expl", "dobj", "nsubjpass")
               for x in {adj, adj.head, h} for c in children_of(x)):
            return True
    return False


def phrase_span(head) -> Span:
    """Character span of the source phrase headed by ``head`` (the rules' ``source_tokens``)."""
    toks = source_tokens(head) or [head]
    return (toks[0].idx, toks[-1].idx + len(toks[-1].text))


def past_raising(root, cue: Span):
    """The verb a raising verb raises, when the cue holds both ("he seemed to indicate":
    indicate, whose speaker is the raising verb's subject), else ``root``."""
    if root is None or lemma_of(root) not in word_set("raising_verbs"):
        return root
    for c in children_of(root):
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and cue[0] <= c.idx < cue[1]:
            return c
    return root


def parse_source(doc, cue: Span, *, resolve_relative: bool = False):
    """(head offset, phrase span) of the cue's source from the parse; NO_ONE when the parse says
    no one speaks; None when it cannot tell."""
    root = cue_root(doc, cue)
    if impersonal(root, cue):
        return NO_ONE
    root = past_raising(root, cue)
    head = source_head(root, resolve_relative=resolve_relative)
    if head is None or head is NO_ONE:
        return head
    if head.dep_ == "nsubj" and cue[0] <= head.idx < cue[1] and lemma_of(head) in word_set("unvoiced_nouns"):
        return NO_ONE       # "questions arose about": the cue's own noun, voiced by no one
    if root.pos_ == "VERB" and lemma_of(root) not in word_set("voicing_verbs") and any(
            c.dep_ in ("dobj", "obj") and cue[0] <= c.idx < cue[1] and lemma_of(c) in word_set("unvoiced_nouns")
            for c in children_of(root)):
        return NO_ONE       # "the emergence of Romney stoked speculation that": a cause, not a speaker
    return head.idx, phrase_span(head)


def _edge_char(ch: str) -> bool:
    return ch.isspace() or ch in ",;:-\u2014\u2013\"'\u201c\u201d\u2018\u2019("


#: Chosen on the tuning slice: encoder content+source lenient F1 0.6031 -> 0.6048, rules+encoder
#: 0.6144 -> 0.6152, encoder+rules 0.6072 -> 0.6089.
def clip_source(text: str, parsed, avoid: Sequence[Span]):
    """``parsed`` (head offset, phrase span) with the phrase cut back so that it holds no
    character of the ``avoid`` spans (the attribution's cue and contents) and no punctuation at its
    edges: the phrase ends before a span that starts after the head and starts after a span that
    ends before it ("Glenn Beck Blasts Drudge": "Glenn Beck"; '"Very good reporter," Trump':
    "Trump"). NO_ONE and None pass through; a head inside an avoided span leaves the phrase as it was."""
    if parsed is None or parsed is NO_ONE:
        return parsed
    head, (a, b) = parsed
    for s, e in avoid:
        if e <= a or s >= b:
            continue
        if s <= head < e:
            return parsed
        if e <= head:
            a = max(a, e)
        else:
            b = min(b, s)
    while a < b and _edge_char(text[a]):
        a += 1
    while b > a and _edge_char(text[b - 1]):
        b -= 1
    return (head, (a, b)) if a <= head < b else parsed


def choose_source(parsed, tagged: Sequence[Span], linked: Optional[Span],
                  *, prefer_tagged: bool = False) -> Optional[Span]:
    """The cue's source span: the parse's phrase (or, with ``prefer_tagged``, the tagged span
    holding the parse's head when there is one); None when the parse says no one speaks
    (NO_ONE); ``linked`` (the proximity link's choice) when it cannot tell."""
    if parsed is NO_ONE:
        return None
    if parsed is None:
        return linked
    head, span = parsed
    if prefer_tagged:
        holding = [t for t in tagged if t[0] <= head < t[1]]
        if holding:
            return min(holding, key=lambda t: t[1] - t[0])
    return span
