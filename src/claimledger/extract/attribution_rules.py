"""The attribution rules, one named function per construction, and the tables the driver
(``attribution.find_attributions``) runs them from.

Three kinds of rule, each testable on a hand-built parse (``tests/parse_helpers.py``):

- **cue rules** ``rule(site, block) -> list | None`` look at one cue word (``CueSite``: the cue
  token with its subject, agent, clausal complements and voice). The driver tries ``CUE_RULES`` in
  order; the first that returns a list (possibly empty: "this cue reports nothing") decides the cue.
  ``None`` means "not my construction".
- **sentence rules** ``rule(sent, block) -> list`` run once per sentence after its cues (colon
  cues, "according to X").
- **block rules** ``rule(block) -> list`` run once per block after its sentences (a quotation
  continuing the previous speaker's).

``BlockState`` holds what one block's rules share (its quotations, which of them a rule has
taken, the attributions so far); it lives for one call of the driver. Word lists come from the
data files (``cues.txt``, ``attribution_words.tsv``); no list in code overrides them.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable, Optional

from .attribution_kinds import construction_of
from .attribution_parts import (
    REL_PRONOUNS, SUBJ_DEPS, Attribution, Span, according_source, according_times, agent_of, char_span,
    content_pieces, is_expletive_it, kind_of, is_reporting, participle_reports, is_time_phrase, late_that_clause, prep_content,
    relcl_times, source_tokens, subject_of, subtree_excluding, tense_of, time_children, toll_content,
    trailing_relative_aside, trim,
)
from .lexicon import construction_cues, cues, lemma_of, word_set
from .quotes import Quotes, quote_regions, run_start
from .tree import subtree, subtree_ids

# How far after a cue (characters) a quotation can open and still be the cue's ("said on
# Monday in a statement: '...'").
QUOTE_WINDOW = 400

COLON_CUE = re.compile(
    r"(?:^|(?<=[.!?\n]))\s*(?P<name>[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,4})"
    r"(?:\s+(?:on|via|in|to)\s+[A-Z][\w.-]*)?\s*(?P<colon>:)\s*")


class BlockState:
    """What the rules of one block share: its text, sentences and quotations, the quotations and
    "according to" phrases already taken, and the attributions found so far."""

    def __init__(self, doc, text: str, block_span: Span, previous: Optional[Attribution] = None):
        self.doc = doc
        #: the last attribution of the paragraph before, when it was a direct quote with a source
        #: (a paragraph that is only a quotation continues it)
        self.previous = previous
        self.text = text
        self.block_span = block_span
        self.cues = cues()
        self.quotes = Quotes(quote_regions(text, *block_span))
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.found: list[Attribution] = []
        self.recent: list[Attribution] = []     # those whose content reaches into the current sentence
        self.used_quotes: set[int] = set()
        self.consumed_according: set[int] = set()

    def in_quote(self, pos: int) -> bool:
        return self.quotes.inside(pos)

    def enter(self, sent) -> None:
        """Start a sentence: attributions ending before it can no longer cover anything in it (so
        the rules' "already attributed?" checks cost what reaches into the sentence, not the block)."""
        self.recent = [a for a in self.recent if a.span[1] > sent.start_char]

    def add(self, a: Attribution) -> None:
        self.found.append(a)
        self.recent.append(a)

    def covered(self, pos: int, extra=()) -> bool:
        """Is ``pos`` (in the current sentence) inside the span of an attribution found so far?"""
        return any(a.span[0] <= pos < a.span[1] for a in self.recent) or any(
            a.span[0] <= pos < a.span[1] for a in extra)

    def sentence_span(self, pieces) -> Span:
        """The sentences the pieces stand in, first start to last end."""
        lo, hi = pieces[0][0], pieces[-1][1]
        k = max(0, bisect_right(self.sent_starts, lo) - 1)
        ss = []
        for j in range(k, len(self.sents)):
            if self.sents[j].start_char >= hi:
                break
            if lo < self.sents[j].end_char:
                ss.append(self.sents[j])
        return (ss[0].start_char, ss[-1].end_char) if ss else pieces[0]


@dataclass
class CueSite:
    """One cue word in its sentence, with the parts of its construction the rules read."""
    tok: object
    sent: object
    subj: Optional[object]
    agent: Optional[object]
    comps: list          # clausal complements (ccomp, parataxis)
    xcomps: list
    passive: bool

    @classmethod
    def at(cls, tok, sent) -> "CueSite":
        subj = subject_of(tok)
        return cls(tok=tok, sent=sent, subj=subj, agent=agent_of(tok),
                   comps=[c for c in tok.children if c.dep_ in ("ccomp", "parataxis") and not c.is_punct
                          and not _beyond_semicolon(c, tok)],
                   xcomps=[c for c in tok.children if c.dep_ == "xcomp"],
                   passive=any(c.dep_ == "auxpass" for c in tok.children) or (
                       is_expletive_it(subj) and subj.dep_ == "nsubjpass"))

    @property
    def lemma(self) -> str:
        return lemma_of(self.tok)

    @property
    def cue_span(self) -> Span:
        return (self.tok.idx, self.tok.idx + len(self.tok.text))

    def content_root(self, block: BlockState):
        """The head of what the cue reports: its clause, else its infinitive, else the object of
        its preposition ("accused X of firing"), else the noun object of a denial or object cue."""
        tok, C = self.tok, block.cues
        comps = self.comps
        if not comps:
            late = late_that_clause(tok)
            if late is not None:
                comps = [late]
        if comps:
            return comps[0]
        if self.xcomps and self.lemma not in ("continue",):
            return self.xcomps[0]
        of = prep_content(tok)
        if of is not None:
            return of
        if self.lemma in C.denial | C.object:
            objs = [c for c in tok.children if c.dep_ in ("dobj", "obj") and c.pos_ in ("NOUN", "PROPN")
                    and c.lemma_.lower() not in word_set("object_not_content")]
            return objs[0] if objs else None
        return None

    def speaker(self):
        """(source head or None, attribution kind) by voice: the agent of a passive cue, no source
        for "it is thought that", the subject otherwise."""
        if not self.passive:
            return self.subj, "indirect"
        if self.agent is not None:
            return self.agent, "indirect"
        if self.subj is None or is_expletive_it(self.subj):
            return None, "passive_unattributed"
        return None, "indirect"

    def attribution(self, kind: str, pieces: list[Span], sentence: Span, block: BlockState, *, source=None,
                    confidence: float, construction: str, times=None, **kw) -> Attribution:
        return Attribution(kind, pieces, sentence, source_head=source,
                           source_span=char_span(source_tokens(source)) if source is not None else None,
                           cue_span=self.cue_span, cue_text=self.tok.text, cue_lemma=self.lemma, cue_token=self.tok,
                           tense=tense_of(self.tok), confidence=confidence,
                           time_tokens=time_children(self.tok) if times is None else times,
                           construction=construction, **kw)


def _beyond_semicolon(comp, cue) -> bool:
    """'Losses may rise; the ministry says rescue work continues': a clause before the cue across
    a semicolon is not what the cue reports (the parser often hangs it there)."""
    if comp.i > cue.i:
        return False
    doc = cue.doc
    return any(doc[i].text == ";" for i in range(comp.right_edge.i + 1, cue.i))


# ---------------------------------------------------------------- which words are cues

def is_cue_candidate(tok, block: BlockState) -> bool:
    """A cue verb outside quotation marks (or a passive-only cue: "it is thought"), not an
    adjective ("the so-called"), not negated ("did not say") and not declined ("declined to say")."""
    C = block.cues
    lemma = lemma_of(tok)
    is_cue = (lemma in C.verbs or lemma in construction_cues()) and tok.pos_ in ("VERB", "AUX") and not block.in_quote(tok.idx)
    passive_only = lemma_of(tok) in C.passive_only or tok.lower_ in C.passive_only
    if not (is_cue or passive_only):
        return False
    if tok.tag_ in ("VBG",) and tok.dep_ in ("amod", "pcomp", "acl") and not participle_reports(tok) \
            and not _evidence_participle(tok):
        return False  # "the so-called", "without providing": not speech
    if any(c.dep_ == "neg" for c in tok.children) or (
            tok.dep_ == "xcomp" and lemma_of(tok.head) in word_set("declining_heads")):
        return False  # "It did not say how many were held", "declined to say": no report
    return True


def _evidence_participle(tok) -> bool:
    """'a new poll showing Trump's standing down': an evidence verb's participle on an evidence noun."""
    return tok.dep_ == "acl" and lemma_of(tok) in word_set("evidence_verbs") \
        and tok.head.lemma_.lower() in word_set("evidence_nouns")


# ---------------------------------------------------------------- cue rules

def construction_cue(site: CueSite, block: BlockState) -> Optional[list]:
    """A verb that reports only in some constructions (``construction_cues.tsv``): 'the army wants
    to move two brigades', 'aid groups urged residents to leave', 'called for an inquiry', 'called on
    X to ...', 'asked whether ...'. Not for the cues of ``cues.txt`` (the other rules take those)."""
    allowed = construction_cues().get(site.lemma)
    if allowed is None or site.lemma in block.cues.verbs:
        return None
    tok = site.tok
    # the subject, or what stands for it: "a group that opposes the plan" (the relative pronoun),
    # "X said ... and called for ..." (the first verb's), "..., criticising the plan" (the main verb's)
    src = site.subj
    if site.passive or src is None or block.in_quote(src.idx) or any(
            p[0] <= tok.idx < p[1] for a in block.recent for p in a.pieces):
        return []
    for c in tok.children:
        if c.i < tok.i or c.dep_ not in ("xcomp", "ccomp", "oprd", "dobj", "obj", "prep", "advcl"):
            continue
        mark = next((m for m in c.children if m.dep_ == "mark" and m.i < c.i), None) if c.dep_ == "advcl" else None
        if c.dep_ == "advcl" and (mark is None or mark.pos_ not in ("ADP", "SCONJ") or mark.lower_ in ("as", "if")):
            continue
        # "called for the president to resign": the parser makes 'for' the mark of a clause
        construction = "prep:" + mark.lower_ if mark is not None else construction_of(tok, c)
        if construction == "infinitive" and any(d.dep_ in ("dobj", "obj") and d.i < c.i for d in tok.children):
            construction = "object_infinitive"      # "urged residents to leave", "asked X to ..."
        if construction not in allowed:
            continue
        if construction.startswith("prep:") and any(d.dep_ in ("dobj", "obj") for d in tok.children):
            continue        # 'referring questions to the ministry' is not 'referring to the ministry'
        if c.dep_ == "prep":
            toks = [t for t in subtree(c) if t.i != c.i]
        elif mark is not None:
            toks = [t for t in subtree(c) if t.i != mark.i]
        elif construction in ("object_infinitive", "predicate") and c.dep_ != "dobj":
            # "urged residents to leave", "called the raid a massacre": the object and what follows
            toks = [t for d in tok.children if d.dep_ in ("dobj", "obj") and d.i < c.i for t in subtree(d)]
            toks += subtree(c)
        else:
            toks = list(subtree(c))
        if c.dep_ in ("dobj", "obj", "oprd"):
            toks += _object_phrases(tok, c)     # "blasted Trump on Monday over his stance on abortion"
        if c.dep_ == "prep":
            toks += [t for x in tok.children if x.dep_ == "xcomp" and x.i > c.i for t in subtree(x)]
        pieces = content_pieces(toks, block.text)
        if not pieces:
            return []
        return [site.attribution("indirect", pieces, block.sentence_span(pieces), block, source=src,
                                 confidence=0.6, construction=construction)]
    if "quote" in allowed:          # 'asked: "Can you name one?"'
        return quote_next_to_cue(site, block) or []
    return []


def asked_unattributed(site: CueSite, block: BlockState) -> Optional[list]:
    """'Asked whether D.C. should have a vote, he said ...', 'when asked about Trump, Obama said
    ...', 'Clinton has been asked to release the transcripts': a question put to someone
    (``question_participles``: a participle opening a clause with no subject of its own, or a
    passive with no agent) is attributed to no named source (whoever asked is not named; the one
    asked answers in a claim of their own). The content is the question: the clause ("whether
    ...", "why ..."), the infinitive ("to confirm ..."), or the object of 'about'. Not inside what
    another cue reports ("he said residents had been asked to return": his claim)."""
    tok = site.tok
    if site.lemma not in word_set("question_participles") or tok.tag_ != "VBN" or site.agent is not None:
        return None
    if any(p[0] <= tok.idx < p[1] for a in block.recent for p in a.pieces):
        return []       # "... said that residents had been asked to return": part of what he said
    if site.passive:
        if site.subj is None or is_expletive_it(site.subj):
            return None
    elif tok.dep_ != "advcl" or any(c.dep_ in SUBJ_DEPS for c in tok.children):
        return None
    for c in tok.children:
        if c.i < tok.i:
            continue
        if c.dep_ == "ccomp" or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "whether")
                                                          for m in c.children)):
            toks, construction = list(subtree(c)), "question"    # "asked if ...": the parser's adverbial
        elif c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            toks, construction = list(subtree(c)), "infinitive"
        elif c.dep_ == "prep" and c.lower_ in word_set("question_prepositions"):
            toks, construction = [t for g in c.children if g.dep_ == "pobj" for t in subtree(g)], "question"
        else:
            continue
        pieces = content_pieces(toks, block.text)
        if not pieces or any(block.in_quote(p[0]) for p in pieces):
            return []
        return [site.attribution("passive_unattributed", pieces, block.sentence_span(pieces), block,
                                 confidence=0.5, construction=construction)]
    return None


def _object_phrases(cue, obj) -> list:
    """What a cue's noun-phrase object is said with, as PolNeAR marks the content: the cue's
    phrases after the object opened by a preposition of ``object_phrase_prepositions`` ("blasted
    Trump over his stance", "criticized Clinton for having ties to Wall Street"), up to a comma;
    not a time phrase ("on Monday" dates the statement, not what it says)."""
    out, preps = [], word_set("object_phrase_prepositions")
    for d in cue.children:
        if d.i <= obj.i or d.dep_ != "prep" or d.lower_ not in preps:
            continue
        if any(t.text in (",", ";", ":") or t.is_quote for t in cue.doc[obj.right_edge.i + 1:d.i]):
            break
        if not is_time_phrase(d):
            out.extend(subtree(d))
    return out


def quote_next_to_cue(site: CueSite, block: BlockState) -> Optional[list]:
    """'"A," he said' / 'he said: "A"' / '"A," he said, "B"': quotations touching the cue and its
    subject (also several sentences long, or after 'told the news agency:')."""
    tok, subj, text, quotes = site.tok, site.subj, block.text, block.quotes
    if subj is None or block.in_quote(subj.idx) or site.passive:
        return None
    src_toks = source_tokens(subj)
    lo = min([tok.idx] + [t.idx for t in src_toks])
    hi = max([tok.idx + len(tok.text)] + [t.idx + len(t.text) for t in src_toks])
    adjacent = []
    own_clause = any(c.i > tok.i and not block.in_quote(c.idx) for c in site.comps)
    near = set(quotes.closing_in(run_start(text, lo, ",\u2014\u2013-"), lo))
    near.update(quotes.opening_in(hi, hi + QUOTE_WINDOW))
    for qi in sorted(near):
        q = quotes[qi]
        if qi in block.used_quotes:
            continue
        before = text[q[3]:lo] if q[3] <= lo else None
        after = text[hi:q[0]] if hi <= q[0] else None
        if before is not None and re.fullmatch(r"[\s,—–-]*", before):
            # '"A," he said' is a direct quote only when the quote opens the clause;
            # 'Air power was used against "confirmed positions", he said' is mixed
            lead = text[max(site.sent.start_char, block.block_span[0]):q[0]]
            if re.search(r"\w", lead) and not re.search(r"[:.!?\u201d\"]\s*$", lead):
                continue
            if q[0] < site.sent.start_char and own_clause:
                continue   # '..."near to my heart." He said he recognizes ...': that quote ended a sentence before
            adjacent.append(qi)
        elif after is not None and re.fullmatch(r"(?:\s|,|:|—|–|-|\b(?:on|in)\s+\w+\b|\bthat\b)*", after) and not (
                re.search(r"\bthat\b", after) and site.comps):
            adjacent.append(qi)
        elif after is not None and _cue_phrases_then_comma(site, hi, q[0], block):
            adjacent.append(qi)  # '"A," Axelrod tweeted last January, "B"', 'he told Bloomberg News in October, "B"'
        elif after is not None and re.fullmatch(r"[^\"\u201c\u201d.!?;]{1,80}:\s*", after):
            adjacent.append(qi)  # 'told the news agency: "..."'
    if not adjacent or (site.comps and not all(block.in_quote(c.idx) or c.is_punct for c in site.comps)
                        and not any(quotes[qi][3] <= lo for qi in adjacent)):
        return None
    pieces = []
    for qi in adjacent:
        q = quotes[qi]
        s, e = trim(text, q[1], q[2])
        if e > s:
            pieces.append((s, e))
        block.used_quotes.add(qi)
    if not pieces:
        return None
    return [site.attribution("direct_quote", pieces, block.sentence_span(pieces), block, source=subj,
                             confidence=0.9, construction="quote",
                             times=time_children(tok) + relcl_times(subj))]


#: At most this many words of the cue's own phrases ("told Bloomberg News in October") between
#: the cue and a quotation that continues after a comma.
CUE_PHRASE_WORDS = 8


def _cue_phrases_then_comma(site: CueSite, hi: int, q0: int, block: BlockState) -> bool:
    """Is text[hi:q0] only the cue's own object and time or place phrases, closed by a comma or a
    colon ('Axelrod tweeted last January, "..."')? Nothing there may be a verb or another clause."""
    between = block.text[hi:q0]
    if not re.search(r"[,:]\s*$", between) or not re.search(r"\w", between):
        return False
    toks = [t for t in site.sent if hi <= t.idx < q0 and not t.is_space and not t.is_punct]
    if not toks or len(toks) > CUE_PHRASE_WORDS:
        return False
    tok = site.tok
    return all(t.pos_ not in ("VERB", "AUX") and t.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "relcl", "acl")
               and _governed_by(t, tok) for t in toks)


def _governed_by(t, head) -> bool:
    while t.i != head.i:
        if t.head.i == t.i:
            return False
        t = t.head
    return True


def inner_cue_reports(site: CueSite, block: BlockState) -> Optional[list]:
    """'It published a video that it said showed ...': the inner cue reports, not the outer one;
    and 'Rebels say they took X; army says attack repulsed' misparsed as one report. An inner
    cue word that reports nothing of its own ('people would show up, he said', 'the process could
    be concluded in October, officials say') leaves its clause to the outer cue."""
    comps, C = site.comps, block.cues
    if comps and is_reporting(comps[0], C) and subject_of(comps[0]) is not None and (
            comps[0].i < site.tok.i or site.lemma in C.weak and lemma_of(comps[0]) not in C.weak) \
            and CueSite.at(comps[0], site.sent).content_root(block) is not None:
        return []
    return None


def toll_figure(site: CueSite, block: BlockState) -> Optional[list]:
    """'put the death toll at 12, including three children': the toll and its figure."""
    toll = toll_content(site.tok)
    if toll is None or site.subj is None:
        return None
    span = trim(block.text, *char_span(toll))
    return [site.attribution("indirect", [span], (site.sent.start_char, site.sent.end_char), block,
                             source=site.subj, confidence=0.75, construction="object")]


def passive_subject_is_content(site: CueSite, block: BlockState) -> Optional[list]:
    """'North Korean troops are believed to have ...', 'Roof is accused of killing nine people': the
    passive cue's subject and infinitive (or the phrase of its preposition, ``cues.txt`` prep=) are
    the content, with no named source."""
    if not site.passive or site.agent is not None or site.subj is None or is_expletive_it(site.subj):
        return None
    if site.xcomps:
        rest = [t for x in site.xcomps for t in subtree(x)]
    else:
        pobj = prep_content(site.tok)       # "Roof is accused of killing nine people": the cue's preposition
        if pobj is None or pobj.head.head.i != site.tok.i:
            return None
        rest = list(subtree(pobj.head))
    toks = list(subtree(site.subj)) + rest
    span = trim(block.text, *char_span(toks))
    return [site.attribution("passive_unattributed", [span], (site.sent.start_char, site.sent.end_char), block,
                             confidence=0.7, construction="passive")]


def parenthetical_cue(site: CueSite, block: BlockState) -> Optional[list]:
    """'... images which, it said, showed burn marks', 'Ms. Malik had two interviews, officials
    said, the first in Pakistan': the cue is an aside inside its content (between commas after the
    content's verb: the content is the verb's clause around it, in pieces)."""
    tok = site.tok
    src, _ = site.speaker()
    if site.content_root(block) is not None or src is None or site.passive or tok.dep_ != "parataxis" \
            or tok.head.pos_ not in ("VERB", "AUX"):
        return None
    inner = {y.i for y in subtree(tok)}
    if tok.head.i < tok.i:
        first = min(inner)
        opening = tok.doc[first] if tok.doc[first].is_punct else (tok.doc[first - 1] if first > 0 else None)
        if opening is None or opening.text != "," or any(block.in_quote(t.idx) for t in subtree(tok)):
            return None
        body = [t for t in subtree(tok.head) if t.i not in inner]
    else:
        body = [t for t in subtree(tok.head) if t.i not in inner]
        body = [t for t in body if not (t.lower_ in REL_PRONOUNS and t.i < tok.i and t.dep_ in ("nsubj", "dobj", "nsubjpass"))]
        body = [t for t in body if t.i > tok.i or t.i >= min(x.i for x in subtree(tok.head) if x.i not in inner
                                                             and x.lower_ not in REL_PRONOUNS)]
    pieces = content_pieces(body, block.text)
    if not pieces:
        return None
    return [site.attribution("indirect", pieces, block.sentence_span(pieces), block, source=src,
                             confidence=0.7, construction="aside")]


def as_cue(site: CueSite, block: BlockState) -> Optional[list]:
    """'As the International Business Times noted, Clinton raised more than $1.1 million', '...,
    as Clinton supporters point out': a cue opened by 'as', with no clause or object of its own,
    reports the clause it modifies (without the 'as' clause)."""
    tok = site.tok
    if tok.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < tok.i for c in tok.children):
        return None
    if site.passive or site.comps or site.xcomps or any(c.dep_ in ("dobj", "obj", "dative") for c in tok.children):
        return None
    src = site.subj
    head = tok.head
    if src is None or block.in_quote(src.idx) or head.pos_ not in ("VERB", "AUX"):
        return None
    inner = set(subtree_ids(tok))
    body = [t for t in subtree(head) if t.i not in inner and site.sent.start <= t.i < site.sent.end]
    pieces = content_pieces(body, block.text)
    if not pieces:
        return None
    return [site.attribution("indirect", pieces, block.sentence_span(pieces), block, source=src,
                             confidence=0.6, construction="aside")]


def subject_after_cue(site: CueSite, block: BlockState) -> Optional[list]:
    """'The promise ... appeals to lesser-educated whites, said Alan Abramowitz, a demographer': the
    parser gives the cue two subjects, the content's head before it and the speaker after it. With
    no clause of its own and only a comma between them, the speaker is the subject after the cue
    and the content is the sentence before the comma."""
    tok = site.tok
    if site.passive or site.content_root(block) is not None:
        return None
    before = [c for c in tok.children if c.dep_ in SUBJ_DEPS and c.i < tok.i]
    after = next((c for c in tok.children if c.dep_ in SUBJ_DEPS and c.i > tok.i
                  and c.pos_ in ("PROPN", "NOUN")), None)
    if not before or after is None or block.in_quote(after.idx) or tok.i == 0 or tok.doc[tok.i - 1].text != ",":
        return None
    toks = [t for t in site.sent if t.i < tok.i - 1]
    pieces = content_pieces(toks, block.text)
    if len(pieces) != 1 or any(block.in_quote(p[0]) for p in pieces):
        return None
    return [site.attribution("indirect", pieces, block.sentence_span(pieces), block, source=after,
                             confidence=0.6, construction="clause")]


def content_after_cue(site: CueSite, block: BlockState) -> Optional[list]:
    """'video that he claimed showed X' (misparsed): a strong cue with no complement reports what
    follows it in the sentence; 'claimed responsibility' is not a report, and a subject after
    the cue ('..., said Alan Abramowitz') is no content."""
    tok = site.tok
    src, _ = site.speaker()
    if site.content_root(block) is not None or src is None or site.passive or site.lemma in block.cues.weak:
        return None
    if any(c.dep_ in SUBJ_DEPS and c.i > tok.i for c in tok.children):
        return None     # "..., said Alan Abramowitz, a demographer": what follows the cue is its source
    if any(c.dep_ in ("dobj", "obj") and (tok.dep_ != "relcl" or c.lemma_.lower() in word_set("relative_object_reports"))
           for c in tok.children):
        return None
    rest = [t for t in site.sent if t.i > tok.i and not t.is_space]
    while rest and rest[-1].is_punct:
        rest.pop()
    if len(rest) < 3 or rest[0].pos_ not in ("VERB", "AUX", "DET", "PROPN", "NOUN", "PRON", "SCONJ", "NUM", "ADJ"):
        return []
    span = trim(block.text, rest[0].idx, rest[-1].idx + len(rest[-1].text))
    ev = tok.head if tok.dep_ == "relcl" and tok.head.pos_ == "NOUN" else None
    return [site.attribution("indirect", [span], (site.sent.start_char, site.sent.end_char), block, source=src,
                             confidence=0.55, construction="clause", evidence_head=ev)]


def evidence_shows(site: CueSite, block: BlockState) -> Optional[list]:
    """'A new CNN/ORC poll shows Hillary Clinton and the senator in a dead heat', 'a recent survey
    found 90 percent support', 'polls showing her well behind': an evidence verb
    (``evidence_verbs``) whose subject is evidence (``evidence_nouns``) reports its noun-phrase
    object and what follows it, with the evidence as source (a clause is the other rules')."""
    tok = site.tok
    if site.lemma not in word_set("evidence_verbs") or site.passive or site.comps:
        return None
    src = site.subj
    if src is None and tok.dep_ == "acl" and tok.tag_ == "VBG":
        src = tok.head                                       # "polls showing her well behind"
    if src is None or src.lemma_.lower() not in word_set("evidence_nouns") or block.in_quote(src.idx):
        return None
    obj = next((c for c in tok.children if c.i > tok.i and c.dep_ in ("dobj", "obj")
                and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM")), None)
    if obj is None:
        return None
    ids = [t.i for c in tok.children if c.i >= obj.i and c.dep_ not in ("punct", "cc", "conj")
           and not (c.dep_ == "advcl" and tok.doc[c.left_edge.i - 1].text == ",") for t in subtree(c)]
    pieces = content_pieces(tok.doc[min(ids):max(ids) + 1], block.text)
    if not pieces:
        return None
    return [site.attribution("indirect", pieces, block.sentence_span(pieces), block, source=src,
                             confidence=0.6, construction="object")]


def cue_governs_content(site: CueSite, block: BlockState) -> Optional[list]:
    """'X said (that) ...', 'X plans to ...', 'accused X of ...', 'denied the reports', 'it is
    thought that ...', 'it was reported by X that ...': the cue's complement is the content, less
    "according to" phrases (kept as the conduit), narrator asides and a trailing relative clause."""
    tok, text = site.tok, block.text
    content_root = site.content_root(block)
    if content_root is None:
        return []
    src, kind = site.speaker()
    if src is None and kind != "passive_unattributed":
        return []
    accs = [t for t in subtree(content_root) if t.lower_ == "according" and any(c.lower_ == "to" for c in t.children)]
    accs += [c for c in tok.children if c.lower_ == "according" and any(g.lower_ == "to" for g in c.children)]
    accs = [t for t in accs if according_source(t) is not None]
    asides = [t for t in subtree(content_root) if t.dep_ == "prep" and t.lower_ == "without"
              and any(g.lemma_ in word_set("aside_verbs") for g in t.children)]
    # 'said on Monday they had ...': a date between the cue and the clause's subject dates
    # the statement, not the content
    lead_times = [c for c in content_root.children if c.i < content_root.i and c.i > tok.i
                  and is_time_phrase(c) and all(x.i < y.i for x in subtree(c)
                                                for y in content_root.children if y.dep_ in SUBJ_DEPS)]
    toks = subtree_excluding(content_root, accs + asides + lead_times)
    if content_root.dep_ in ("dobj", "obj") and content_root.head.i == tok.i:
        toks += [t for t in _object_phrases(tok, content_root) if t not in accs]   # "denied the report over ..."
    as_prep = content_root.head
    if content_root.dep_ == "pobj" and as_prep.lower_ == "as":
        # "described the raids as a violation": the object with its description
        if as_prep.head.i == tok.i:
            obj = [t for d in tok.children if d.dep_ in ("dobj", "obj") and d.i < as_prep.i for t in subtree(d)]
            toks = obj + subtree_excluding(as_prep, accs + asides + lead_times) if obj else toks
        elif as_prep.head.dep_ in ("dobj", "obj") and as_prep.head.head.i == tok.i:
            toks = subtree_excluding(as_prep.head, accs + asides + lead_times)
    rel = trailing_relative_aside(toks)
    aside_spans = []
    if rel is not None:
        rel_toks = list(subtree(rel))
        toks = [t for t in toks if t.i < rel_toks[0].i - 1 or t.i > rel_toks[-1].i]
        body = [t for t in rel_toks if not (t.i == rel_toks[0].i and t.lower_ in REL_PRONOUNS | {"where"})]
        if body:
            aside_spans.append(trim(text, body[0].idx, body[-1].idx + len(body[-1].text)))
    pieces = content_pieces(toks, text)
    if not pieces:
        return []
    via = None
    if accs:
        via = according_source(accs[0])
        block.consumed_according.update(t.i for t in accs)
    if kind == "indirect" and all(block.in_quote(p[0]) and block.in_quote(p[1] - 1) for p in pieces):
        kind = "direct_quote"
    construction = "passive" if kind == "passive_unattributed" and content_root.dep_ != "xcomp" \
        else construction_of(tok, content_root)
    a = site.attribution(kind, pieces, block.sentence_span(pieces), block, source=src,
                         confidence=0.8 if src is not None else 0.7, construction=construction,
                         times=lead_times + time_children(tok) + (relcl_times(src) if src is not None else [])
                         + [t for acc in accs for t in according_times(acc)])
    if via is not None:
        a.via_head, a.via_span = via
    a.asides = aside_spans
    return [a]


# ---------------------------------------------------------------- sentence rules

def raising_verb(sent, block: BlockState) -> list:
    """'They appear to be unanimous', 'the town seemed empty', 'it seemed like a mortar round': how
    things look, attributed to no named source; the subject, the verb and its infinitive or
    predicate are the content. ("look" and "sound" were tried too: on the PolNeAR train part what
    they added was mostly wrong.)"""
    out, raising = [], word_set("raising_verbs")
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = lemma_of(tok)
        if lemma not in raising or block.in_quote(tok.idx):
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        pred = _look_predicate(tok)
        if subj is None or pred is None or block.covered(tok.idx, out):
            continue
        spans = _said_of_subject(block, tok, subj, pred)
        out.append(Attribution("passive_unattributed", spans, (sent.start_char, sent.end_char),
                               cue_span=(tok.idx, tok.idx + len(tok.text)), cue_text=tok.text, cue_lemma=lemma,
                               cue_token=tok, tense=tense_of(tok), confidence=0.55,
                               construction="infinitive" if pred.dep_ == "xcomp" and any(
                                   a.dep_ == "aux" and a.lower_ == "to" for a in pred.children) else "predicate"))
    return out


def _said_of_subject(block: BlockState, verb, subj, pred) -> list:
    """The content of a source-less judgement: its subject and the verb's predicate. In a
    relative clause ('a man who seemed confused', 'a man who is seen as a moderate') what is
    said is of the antecedent, not of the pronoun: its phrase and the clause are two pieces."""
    if subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        noun = verb.head
        phrase = [t for c in noun.children if c.i < noun.i for t in subtree(c)] + [noun]
        return [trim(block.text, *char_span(phrase)),
                trim(block.text, *char_span([verb] + list(subtree(pred))))]
    return [trim(block.text, *char_span(list(subtree(subj)) + list(subtree(pred))))]


def _look_predicate(tok):
    """What a verb of appearance says of its subject: a to-infinitive, a participle ("seemed
    aimed at ..."), an adjective or noun predicate, or a 'like' phrase; None if it has none."""
    for c in tok.children:
        if c.i < tok.i:
            continue
        if c.dep_ == "xcomp" and (any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                                  or c.tag_ == "VBN" or c.pos_ == "ADJ"):
            return c        # "seemed to understand", "seemed aimed at ...", "appeared poised to ..."
        if c.dep_ in ("acomp", "oprd", "attr") or (c.dep_ == "prep" and c.lower_ == "like"):
            return c
    return None


def passive_predicate(sent, block: BlockState) -> list:
    """'Mr. Sanders is seen as empowering voters', 'Ginsburg is known for her liberal bent', 'the
    operation was billed as humanitarian', 'a think tank known for conspiracy theories': a passive
    verb of judging (``passive_predicate_verbs``) with no agent, its subject (or the noun its
    participle modifies, with a 'for' phrase only: "a man known as Ti Bwa" is his name) and an
    'as'/'for' phrase or predicate, attributed to no named source."""
    out, verbs = [], word_set("passive_predicate_verbs")
    for tok in sent:
        if tok.pos_ != "VERB" or tok.tag_ != "VBN" or lemma_of(tok) not in verbs or block.in_quote(tok.idx):
            continue
        reduced = tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i < tok.i
        if not (reduced or any(c.dep_ == "auxpass" for c in tok.children)) or agent_of(tok) is not None \
                or (reduced and any(c.dep_ == "neg" for c in tok.children)):
            continue
        subj = tok.head if reduced else next((c for c in tok.children if c.dep_ == "nsubjpass"
                                              and not is_expletive_it(c)), None)
        pred = next((c for c in tok.children if c.i > tok.i and (c.dep_ in ("oprd", "xcomp") or (
            c.dep_ == "prep" and c.lower_ in ("as", "for")))), None)
        if subj is None or pred is None or block.covered(tok.idx, out) or (reduced and pred.lower_ != "for"):
            continue        # "a gang leader known as 'Ti Bwa'" names him; "known for ..." judges
        if reduced:
            # "a think tank known for conspiracy theories": the noun's phrase up to it, and the predicate
            phrase = [t for c in subj.children if c.i < subj.i for t in subtree(c)] + [subj]
            spans = [trim(block.text, *char_span(phrase)), trim(block.text, *char_span(list(subtree(pred))))]
        else:
            spans = _said_of_subject(block, tok, subj, pred)
        out.append(Attribution("passive_unattributed", spans, (sent.start_char, sent.end_char),
                               cue_span=(tok.idx, tok.idx + len(tok.text)), cue_text=tok.text, cue_lemma=lemma_of(tok),
                               cue_token=tok, tense=tense_of(tok), confidence=0.5, construction="predicate"))
    return out


def hearsay_adverb(sent, block: BlockState) -> list:
    """'Forces reportedly took the town': the clause a hearsay adverb modifies, attributed to no
    named source (the adverb is the cue, and stays in the content); not on a cue verb with a
    subject ("Trump reportedly said ...", which is Trump's)."""
    out = []
    for tok in sent:
        if tok.dep_ != "advmod" or tok.lower_ not in word_set("hearsay_adverbs") or block.in_quote(tok.idx):
            continue
        head = tok.head
        if head.pos_ not in ("VERB", "AUX") or block.covered(tok.idx, out):
            continue
        if is_reporting(head, block.cues) and subject_of(head) is not None:
            continue        # "Trump reportedly said ...": the cue's rules report it, from its subject
        pieces = content_pieces(subtree(head), block.text)     # the adverb stays: "forces reportedly took"
        if len(pieces) != 1:
            continue
        out.append(Attribution("passive_unattributed", pieces, block.sentence_span(pieces),
                               cue_span=(tok.idx, tok.idx + len(tok.text)), cue_text=tok.text, cue_lemma=tok.lower_,
                               cue_token=tok, tense=tense_of(head), confidence=0.5, construction="clause"))
    return out


def unclear_clause(sent, block: BlockState) -> list:
    """'It is unclear who else was involved', 'it remains unclear how ...': an adjective of (un)certainty (``uncertainty_adjectives``) on a verb whose subject is an
    expletive 'it', with a clause: the clause is attributed to no named source (the verb and the
    adjective are the cue). Not negated ('it was not clear whether ...' says nothing is known)."""
    out, words = [], word_set("uncertainty_adjectives")
    for tok in sent:
        if tok.pos_ != "ADJ" or tok.dep_ != "acomp" or tok.lower_ not in words or block.in_quote(tok.idx):
            continue
        verb = tok.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "expl")), None)
        if subj is None or not is_expletive_it(subj) or any(c.dep_ == "neg" for c in verb.children):
            continue
        clause = next((c for c in list(verb.children) + list(tok.children) if c.i > tok.i and c.dep_ == "ccomp"), None)
        if clause is None or block.covered(tok.idx, out):
            continue
        pieces = content_pieces(subtree(clause), block.text)
        if len(pieces) != 1:
            continue
        cue = (min(verb.idx, tok.idx), tok.idx + len(tok.text))
        out.append(Attribution("passive_unattributed", pieces, block.sentence_span(pieces), cue_span=cue,
                               cue_text=block.text[cue[0]:cue[1]], cue_lemma=tok.lower_, cue_token=tok,
                               tense=tense_of(verb), confidence=0.5, construction="question"))
    return out


def colon_cue(sent, block: BlockState) -> list:
    """'Savchenko on Telegram: "Every airfield ... is a legitimate target."'"""
    text, quotes, out = block.text, block.quotes, []
    for qi in quotes.opening_in(sent.start_char, sent.end_char - 1):
        q = quotes[qi]
        if qi in block.used_quotes:
            continue
        m = COLON_CUE.search(text, sent.start_char, q[0])
        if m is None or m.end() != q[0]:
            continue
        name_end = m.start("name") + len(m.group("name"))
        heads = [t for t in sent if m.start("name") <= t.idx < name_end and t.pos_ in ("PROPN", "NOUN")]
        if not heads:
            continue
        s0, e0 = trim(text, q[1], q[2])
        if e0 <= s0:
            continue
        colon = m.start("colon")
        block.used_quotes.add(qi)
        out.append(Attribution("direct_quote", [(s0, e0)], block.sentence_span([(s0, e0)]), source_head=heads[-1],
                               source_span=(m.start("name"), name_end), cue_span=(colon, colon + 1), cue_text=":",
                               cue_lemma=":", tense="past", confidence=0.6, construction="quote"))
    return out


def noun_cue(sent, block: BlockState) -> list:
    """'the ministry's claim that 40 fighters died', 'his determination to retake the port': a cue
    noun (``cues.txt`` nouns, ``clause_nouns``) with a that-clause or a to-infinitive; its
    possessor (or 'by X', 'from X') is the source. Not inside another attribution's content."""
    C, text, out = block.cues, block.text, []
    nouns = C.nouns | word_set("clause_nouns")
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in nouns or block.in_quote(tok.idx):
            continue
        clause = next((c for c in tok.children if c.i > tok.i and c.dep_ in ("acl", "ccomp", "relcl")
                       and c.pos_ in ("VERB", "AUX") and _that_or_to(c)), None)
        if clause is None:
            continue
        src = next((c for c in tok.children if c.dep_ == "poss"), None)
        if src is None:
            by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
            src = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        if src is None or block.covered(tok.idx, out):
            continue
        pieces = content_pieces(subtree(clause), text)
        if not pieces:
            continue
        stoks = [t for t in source_tokens(src) if not (t.dep_ == "case" and t.head.i == src.i)]   # "the ministry's"
        out.append(Attribution("indirect", pieces, block.sentence_span(pieces), source_head=src,
                               source_span=char_span(stoks or [src]), cue_span=(tok.idx, tok.idx + len(tok.text)),
                               cue_text=tok.text, cue_lemma=tok.lemma_.lower(), cue_token=tok, tense="past",
                               confidence=0.6, construction="noun"))
    return out


def _that_or_to(clause) -> bool:
    """Does the clause open with 'that' (a content clause, not a relative one) or an infinitive 'to'?"""
    first = clause.left_edge
    if first.lower_ == "that" and first.dep_ == "mark":
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children) and not _relative_gap(clause)
    return any(c.dep_ == "aux" and c.lower_ == "to" and c.i < clause.i for c in clause.children)


#: What a clause's verb governs when it is not missing its object.
OBJECT_DEPS = ("dobj", "obj", "ccomp", "xcomp", "attr", "acomp", "oprd", "auxpass")


def _relative_gap(clause) -> bool:
    """'the claim that he made to reporters': a statement verb (``statement_verbs``) with no object
    of its own after 'that' is a relative clause whose object is the noun, whatever the parser's
    label for 'that'."""
    return lemma_of(clause) in word_set("statement_verbs") and not any(c.dep_ in OBJECT_DEPS for c in clause.children)


SPEAKER_COLON = re.compile(
    r"\s*(?P<name>[A-Z][\w.'\u2019-]*(?:\s+[\w.'\u2019-]+){0,4})\s*(?P<colon>:)\s+(?=[\w\u2018'\u201c\"])")
SPEAKER_ENTITIES = ("PERSON", "ORG", "NORP")


def speaker_colon(sent, block: BlockState) -> list:
    """Headline and transcript speakers: 'Graham: Trump's Rhetoric Destroying GOP's Chance',
    'COMMANDER: We still hold the airport', 'Clinton camp: ...'. The name before the colon (a
    phrase opening with a capital, ending in a noun, with no verb, number or date; not a label such
    as 'Update' or 'Analysis', ``not_speakers``) is the source, the rest of the sentence the
    content, or the next sentence when the parser ends the sentence at the colon."""
    text = block.text
    m = SPEAKER_COLON.match(text, sent.start_char, block.block_span[1])
    if m is None or block.in_quote(m.start("colon")):
        return []
    name_start, name_end = m.start("name"), m.end("name")
    names = [t for t in block.doc if name_start <= t.idx < name_end]
    if not names or any(t.pos_ in ("VERB", "AUX", "NUM") or t.ent_type_ in ("DATE", "TIME", "GPE") for t in names):
        return []
    last = names[-1]
    capitals = m.group("name").isupper() and len(m.group("name")) >= 3
    named = any(t.pos_ == "PROPN" or t.ent_type_ in SPEAKER_ENTITIES for t in names)
    one_word = len(names) == 1 and last.pos_ == "NOUN" and last.is_title and len(last.text) >= 3
    if not (last.pos_ == "PROPN" or last.ent_type_ in SPEAKER_ENTITIES or capitals or one_word
            or (named and last.pos_ == "NOUN")) or m.group("name").lower() in word_set("not_speakers") \
            or last.lower_ in word_set("not_speakers"):
        return []
    end = sent.end_char
    if m.end() >= end:
        # "OK Gov Fallin:" parsed as a sentence of its own: the next one is what it says (not after
        # a word in capitals, which is a dateline there: "SRINAGAR:")
        k = bisect_right(block.sent_starts, m.end()) - 1
        if capitals or k < 0 or k >= len(block.sents) or block.sents[k].start_char < sent.end_char:
            return []
        end = block.sents[k].end_char
    if not capitals and not text[block.block_span[0]:m.start("name")].strip("\"\u201c\u2018' \t\n"):
        end = block.block_span[1]     # a transcript line: the speaker opens the paragraph, which is theirs
    s0, e0 = trim(text, m.end(), end)
    if len(re.findall(r"\w+", text[s0:e0])) < 2 or any(a.span[0] < e0 and s0 < a.span[1] for a in block.recent):
        return []
    colon = m.start("colon")
    return [Attribution("direct_quote" if block.in_quote(s0) else "indirect", [(s0, e0)],
                        block.sentence_span([(s0, e0)]), source_head=last, source_span=(name_start, name_end),
                        cue_span=(colon, colon + 1), cue_text=":", cue_lemma=":", tense="present", confidence=0.55,
                        construction="headline")]


QUOTE_DASH_SPEAKER = re.compile(r"\s*[\u2015\u2014\u2013-]{1,2}\s*(?P<name>[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,4})\s*$")


def quote_dash_speaker(sent, block: BlockState) -> list:
    """A transcript or caption line: '"We lost everything." \u2015 Amina K.' (a quotation, a dash and a
    name closing the block)."""
    text, quotes, out = block.text, block.quotes, []
    for qi in quotes.closing_in(sent.start_char, sent.end_char):
        q = quotes[qi]
        if qi in block.used_quotes or text[sent.start_char:q[0]].strip():
            continue
        m = QUOTE_DASH_SPEAKER.match(text, q[3], block.block_span[1])   # the name may parse as its own sentence
        if m is None:
            continue
        names = [t for t in block.doc if m.start("name") <= t.idx < m.end("name")]
        if not names or not any(t.pos_ == "PROPN" or t.ent_type_ in SPEAKER_ENTITIES for t in names):
            continue
        s0, e0 = trim(text, q[1], q[2])
        if e0 <= s0:
            continue
        block.used_quotes.add(qi)
        dash = m.start() + len(m.group()) - len(m.group().lstrip())
        out.append(Attribution("direct_quote", [(s0, e0)], block.sentence_span([(s0, e0)]), source_head=names[-1],
                               source_span=(m.start("name"), m.end("name")), cue_span=(dash, dash + 1),
                               cue_text=text[dash], cue_lemma=text[dash], tense="past", confidence=0.55,
                               construction="quote"))
    return out


def according_to(sent, block: BlockState) -> list:
    """'According to X, ...' / '..., according to X' not already inside a cue's content: the
    clause the phrase modifies, without the phrase."""
    text, out = block.text, []
    for tok in sent:
        if tok.lower_ != "according" or block.in_quote(tok.idx) or tok.i in block.consumed_according:
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None or according_source(tok) is None:
            continue
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if block.covered(tok.idx, out):
            continue
        head = tok.head
        if head.i == tok.i:
            continue
        clause = head
        while clause.dep_ in ("aux", "auxpass") and clause.head.i != clause.i:
            clause = clause.head
        toks = [t for t in subtree_excluding(clause, [tok]) if sent.start <= t.i < sent.end]
        pieces = content_pieces(toks, text)
        if not pieces:
            continue
        out.append(Attribution("according_to", pieces, (sent.start_char, sent.end_char), source_head=pobj,
                               source_span=char_span(source_tokens(pobj)), cue_span=(tok.idx, to.idx + len(to.text)),
                               cue_text=f"{tok.text} {to.text}", cue_lemma="according to", cue_token=tok,
                               tense=tense_of(head), confidence=0.85, time_tokens=according_times(tok),
                               construction="according_to"))
    return out


# ---------------------------------------------------------------- block rules

def quote_continued(block: BlockState) -> list:
    """'"The ship was targeted," al-Hadi said. "Our operations will continue."': a quotation opening
    a sentence with no cue of its own continues the speaker's quote just before it; a paragraph
    with no attribution of its own that opens with a quotation continues the direct quote that
    ended the paragraph before (``BlockState.previous``). The parser
    may hang the opening mark on the sentence before ("''A,'' he said. ''" + "B.''"): the
    quotation then still opens its own sentence and continues the quote of the sentence it hangs on."""
    text, quotes, sents = block.text, block.quotes, block.sents
    ends: dict[int, Attribution] = {}   # sentence end -> the first direct quote with a source ending there
    for a in block.found:
        if a.kind == "direct_quote" and a.source_head is not None:
            ends.setdefault(a.sentence[1], a)
    out = []
    for qi, q in enumerate(quotes.regions):
        if qi in block.used_quotes:
            continue
        k = bisect_right(block.sent_starts, q[0]) - 1
        sent = sents[k] if k >= 0 and q[0] < sents[k].end_char else None
        if sent is None:
            continue
        if not text[sent.start_char:q[0]].strip():
            ws = run_start(text, q[0])
            p = next((ends[e] for e in range(q[0], ws - 1, -1) if e in ends), None)
            if p is None and not block.found and not text[block.block_span[0]:q[0]].strip():
                p = block.previous  # the paragraph is a quotation continuing the paragraph before's
        elif not text[q[1]:sent.end_char].strip() and q[2] > sent.end_char:
            p = ends.get(sent.end_char)     # the opening mark hung on the sentence before
        else:
            continue
        if p is None:
            continue
        s0, e0 = trim(text, q[1], q[2])
        if e0 <= s0:
            continue
        block.used_quotes.add(qi)
        cont = Attribution("direct_quote", [(s0, e0)], block.sentence_span([(s0, e0)]), source_head=p.source_head,
                           source_span=p.source_span, tense=p.tense, confidence=0.6, construction="quote",
                           attribution_kind=kind_of(p), continues=p.continues or p)
        out.append(cont)
        ends.setdefault(cont.sentence[1], cont)
    return out


@dataclass(frozen=True)
class Rule:
    name: str
    apply: Callable


#: Tried in this order on each cue; the first that decides (returns a list) ends the cue.
CUE_RULES = (
    Rule("asked_unattributed", asked_unattributed),
    Rule("construction_cue", construction_cue),
    Rule("quote_next_to_cue", quote_next_to_cue),
    Rule("inner_cue_reports", inner_cue_reports),
    Rule("toll_figure", toll_figure),
    Rule("passive_subject_is_content", passive_subject_is_content),
    Rule("parenthetical_cue", parenthetical_cue),
    Rule("as_cue", as_cue),
    Rule("subject_after_cue", subject_after_cue),
    Rule("content_after_cue", content_after_cue),
    Rule("evidence_shows", evidence_shows),
    Rule("cue_governs_content", cue_governs_content),
)
#: Run on each sentence after its cues, in this order.
SENTENCE_RULES = (
    Rule("colon_cue", colon_cue),
    Rule("quote_dash_speaker", quote_dash_speaker),
    Rule("according_to", according_to),
    Rule("speaker_colon", speaker_colon),
    Rule("noun_cue", noun_cue),
    Rule("raising_verb", raising_verb),
    Rule("passive_predicate", passive_predicate),
    Rule("hearsay_adverb", hearsay_adverb),
    Rule("unclear_clause", unclear_clause),
)
#: Run on the block after its sentences.
BLOCK_RULES = (
    Rule("quote_continued", quote_continued),
)
