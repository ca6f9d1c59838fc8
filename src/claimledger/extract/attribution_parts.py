"""The pieces the attribution rules are built from: the ``Attribution`` record and helpers that
read a dependency parse (subjects, agents, source phrases, content pieces, statement times).

Every walk over the parse goes through ``extract/tree.py`` (an explicit stack, never spaCy's
recursive ``Token.subtree``). Word lists come from data files (``cues.txt``,
``attribution_words.tsv``) through ``lexicon``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .attribution_kinds import kind_for
from .lexicon import cues, lemma_of, word_set
from .tree import subtree, subtree_ids

Span = tuple[int, int]

SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
REL_PRONOUNS = {"that", "which", "who", "whom", "whose"}


@dataclass
class Attribution:
    kind: str                       # direct_quote | indirect | according_to | passive_unattributed | author
    pieces: list[Span]              # content pieces in text order
    sentence: Span                  # the sentence(s) it stands in
    source_head: Optional[object] = None   # spaCy Token heading the source phrase (None: unnamed/author)
    source_span: Optional[Span] = None
    cue_span: Optional[Span] = None
    cue_text: str = ""
    cue_lemma: str = ""
    cue_token: Optional[object] = None
    via_head: Optional[object] = None     # "according to X" inside a cue's content: the conduit
    via_span: Optional[Span] = None
    tense: str = "past"
    confidence: float = 0.5
    time_tokens: list = field(default_factory=list)   # tokens dated to the statement (stated_at)
    evidence_head: Optional[object] = None  # "video that he claimed showed ...": the evidence noun
    asides: list[Span] = field(default_factory=list)  # ", which Ukraine has controlled since August": the outlet's
    rule: str = ""                  # the rule that made it
    construction: str = ""          # how the cue takes its content (see attribution_kinds.CONSTRUCTIONS)
    attribution_kind: str = ""      # set when not decided by cue and construction (a continued quote)
    continues: Optional["Attribution"] = None   # the quotation this one continues (same speaker)

    @property
    def span(self) -> Span:
        return (self.pieces[0][0], self.pieces[-1][1])


def kind_of(a: Attribution) -> str:
    """What it attributes: set by its rule, else from its cue and construction."""
    return a.attribution_kind or kind_for(a.cue_lemma, a.construction)


# ---------------------------------------------------------------- helpers on tokens

def char_span(tokens) -> Span:
    tokens = list(tokens)
    return (min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens))


def trim(text: str, s: int, e: int, keep_quotes: bool = True) -> Span:
    """Trim whitespace, leading 'that'/commas and trailing punctuation outside quotes."""
    lead = re.compile(r"(?:\s|,|;|:|—|–|-)+")
    while True:
        m = lead.match(text, s, e)
        if m and m.end() > s:
            s = m.end()
            continue
        if re.match(r"that\s", text[s:e]):
            s += 4
            continue
        break
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:.—–-"):
        e -= 1
    return s, e


def subtree_excluding(tok, exclude_roots) -> list:
    """``tok``'s subtree in text order without the subtrees of ``exclude_roots`` (no Token object
    made for what is left out)."""
    excl = set()
    for r in exclude_roots:
        excl.update(subtree_ids(r))
    doc = tok.doc
    return [doc[i] for i in subtree_ids(tok) if i not in excl]


def subject_of(verb):
    # a dateline opening the sentence is no subject, even when the parser makes it one beside the
    # real subject ("KYIV, Dec 16 (Reuters) - Ukraine's military intelligence agency said ...")
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in REL_PRONOUNS
            and not in_dateline(c)]
    if subs:
        return subs[0]
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return inverted
    # "a member of a local rescue team, who said ...": the relative pronoun stands for its noun
    if verb.dep_ == "relcl":
        who = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in ("who", "which")]
        if who and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):     # "those who said ..."
            return who[0]
    # "GOP voters saying they want a ban": a participle with its own clause speaks for its noun
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM") \
            and participle_reports(verb):
        carrier = verb.head
        if carrier.lemma_.lower() in word_set("carrier_nouns") and carrier.dep_ in ("dobj", "obj") \
                and carrier.head.pos_ in ("VERB", "AUX"):
            # "the ministry issued a statement saying ...": the statement's issuer speaks
            return subject_of(carrier.head) or carrier
        return carrier
    # "X put the toll at 12 and said ...", "X denied it, saying ...", "continues to believe that
    # ...": the subject is the first verb's
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX") \
            and (lemma_of(verb) not in cues().weak or _participle_with_clause(verb) or _own_clause(verb)
                 or _participle_with_object(verb)):
        if verb.dep_ == "advcl" and verb.tag_ != "VBG":
            return None
        if verb.dep_ == "xcomp" and verb.head.lemma_ == "be":
            return None     # "it is important to remember that ...": nobody remembers
        return subject_of(verb.head)
    # "after saying he was nervous, the man ...", "by saying he would ...", "in addition to stating
    # that ...": a participle after a preposition speaks for the subject of the verb it modifies
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and _own_clause(verb) \
            and verb.head.lower_ not in word_set("negating_prepositions"):    # "without saying how many"
        up = verb.head
        while up.dep_ in ("prep", "pobj", "pcomp") and up.head.i != up.i:
            up = up.head
        if up.pos_ in ("VERB", "AUX") and up.i != verb.i:
            return subject_of(up)
    return None


def _own_clause(verb) -> bool:
    """Does the verb govern a clause of its own after it ('saying that ...', 'continues to tell
    itself that ...')?"""
    return verb.dep_ != "advcl" and any(c.dep_ == "ccomp" and c.i > verb.i and c.pos_ in ("VERB", "AUX")
                                        for c in verb.children)


def _inverted_subject(verb):
    """'"...," added another Republican' / '"...," said Robin Maynard, half joking': after a
    quotation closed right before a reporting verb, the noun after the verb is its subject, however
    the parser attached it (an object, or the subject of a clause after the verb)."""
    if verb.i < 2 or lemma_of(verb) not in cues().verbs or verb.tag_ == "VBG":    # "telling reporters"
        return None
    before = verb.doc[verb.i - 1]
    if not (before.text in ("\u201d", '"', "''") or (before.text == "," and verb.doc[verb.i - 2].text in (
            "\u201d", '"', "''")) or (before.text in ("\u201d", '"', "''") and verb.doc[verb.i - 2].text == ",")):
        return None
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is None or nxt.pos_ not in ("PROPN", "NOUN", "DET", "ADJ"):
        return None
    for c in verb.children:
        if c.i > verb.i and c.dep_ in ("dobj", "obj", "attr", "npadvmod", "oprd") and c.pos_ in ("PROPN", "NOUN"):
            return c
        if c.i > verb.i and c.dep_ == "ccomp":
            subj = next((g for g in c.children if g.dep_ == "nsubj" and g.i < c.i and g.pos_ == "PROPN"), None)
            if subj is not None:
                return subj
    return None


def participle_reports(verb) -> bool:
    """'voters saying they want a ban', 'with 22 percent saying they would not': a participle that
    governs a clause of its own reports it (unlike 'the so-called', 'without providing numbers')."""
    return verb.tag_ == "VBG" and any(c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") for c in verb.children)


def _participle_with_clause(verb) -> bool:
    """', warning that more strikes would follow': a participle cue with its own that-clause
    speaks for the main verb's subject, weak cue or not."""
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and any(c.dep_ == "ccomp" for c in verb.children)


def _participle_with_object(verb) -> bool:
    """', citing fears of terrorism', ', noting the rise in costs': a participle of an object cue
    (``cues.txt`` object) with its noun object, set off by a comma, speaks for the main verb's
    subject, weak cue or not; not when the object is who is cited (a name, ``cited_sources``)."""
    if not (verb.dep_ == "advcl" and verb.tag_ == "VBG" and lemma_of(verb) in cues().object
            and verb.i > 0 and verb.doc[verb.left_edge.i - 1].text == ","
            and verb.head.dep_ not in ("ccomp", "xcomp", "relcl", "acl", "advcl")):
        return False    # '... suggested that troops controlled X, citing video': whose citing is unclear
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i > verb.i), None)
    # "..., citing relatives": who is cited is a source, not what is reported
    return obj is not None and obj.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE") \
        and obj.lemma_.lower() not in word_set("cited_sources")


def agent_of(verb):
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def is_expletive_it(tok) -> bool:
    return tok is not None and tok.lower_ == "it" and tok.dep_ in ("nsubjpass", "nsubj", "expl")


def source_tokens(head) -> list:
    """The source phrase as written: the head's subtree without relative clauses, trailing
    punctuation, a relative 'who spoke to reporters on Monday' or where it spoke ('on Telegram')."""
    drop = [c for c in head.children if c.dep_ in ("relcl", "acl") or (c.dep_ == "punct" and c.i > head.i and c.text in ",")
            or (c.dep_ == "prep" and c.i > head.i and c.lower_ in ("on", "via") and
                any(g.dep_ == "pobj" and _is_platform_word(g.text) for g in c.children))]
    excl = set()
    for c in drop:
        if c.dep_ != "punct":
            excl.update(subtree_ids(c))
    # cut at the first comma after the head unless an appositive follows it (no Token object is
    # made past the cut: the subtree of a speaker with a long clause is large)
    last_appos = max((c.i for c in head.children if c.dep_ == "appos"), default=-1)
    doc = head.doc
    out = []
    for i in subtree_ids(head):
        if i in excl:
            continue
        t = doc[i]
        if i > head.i and t.text == "," and not last_appos > i:
            break
        out.append(t)
    out = _without_dateline(out)
    while out and (out[-1].is_punct or out[-1].is_space):
        out.pop()
    while out and out[0].is_punct:
        out.pop(0)
    return out


def source_extent(head, source_span: Span, stops=()) -> Span:
    """The source as annotation schemes such as PolNeAR mark it: the source phrase (``source_span``)
    run on over the rest of its head's subtree to the right ("the official, who spoke on condition of
    anonymity,", "Brianne Stone, 29, of Huntsville, Ala.,", "those surveyed", "exit polls taken in
    South Carolina"), up to the cue or the content (``stops``: character spans) and never past its
    sentence; not over a participle set off by a comma ("Marco Rubio, speaking at a rally,") nor a
    clause that reports something of its own ("Barkley, who said he votes Democratic,"). The
    claim's source (``source_span``) stays the descriptive phrase; this is what an evaluation
    against such annotations compares."""
    doc = head.doc
    ids = set(subtree_ids(head))
    lo, hi = source_span
    i = head.i
    while i < len(doc) and doc[i].idx < hi:
        i += 1
    end = hi
    branch = {j: c for c in head.children if c.i > head.i for j in subtree_ids(c)}
    seen = set()        # the head's children whose subtrees the walk has entered
    while i < len(doc) and i in ids and not doc[i].is_sent_start and not any(
            s <= doc[i].idx < e for s, e in stops):
        t = doc[i]
        c = branch.get(i)
        if c is not None and c.i not in seen and not c.is_punct:
            seen.add(c.i)
            if _set_off_participle(head, c) or _reports(c):
                break
        if not (t.is_punct or t.is_space):
            end = t.idx + len(t.text)
        i += 1
    return (lo, max(hi, end))


def _set_off_participle(head, child) -> bool:
    """', speaking at a Super Tuesday rally,': a participle phrase after a comma or dash describes
    the moment, not the source (unlike 'those surveyed', 'exit polls taken in South Carolina')."""
    first = child.left_edge.i
    return child.dep_ == "acl" and first > 0 and head.doc[first - 1].text in (",", "\u2014", "--", "-", "(")


def _reports(clause) -> bool:
    """Does the clause hold a cue with a clause of its own ('who said he typically votes ...',
    'who noted that ...')? Then it is an attribution of its own, not part of the source."""
    C = cues()
    return any(lemma_of(t) in C.verbs and t.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("ccomp", "xcomp") for c in t.children) for t in subtree(clause))


# "KYIV (Reuters) - ", "WASHINGTON, Dec. 3 (AP) — ", "CAMBRIDGE, Mass., Dec. 11 (UPI) -- ": the
# dateline opening a story, which the parser can hang on the first sentence's subject
DATELINE = re.compile(r"[A-Z][A-Z.'\u2019 -]*[A-Z.](?:,[^()\n]{1,40}?)?\s*(?:\([^()\n]{1,40}\))?\s*(?:-{1,2}|\u2014|\u2013)\s+")


#: How far (characters) into its paragraph a dateline can reach.
DATELINE_REACH = 200


def dateline_end(sent) -> int:
    """The character offset where a dateline opening the sentence's paragraph ends ("KYIV, Dec 16
    (Reuters) - "), when the sentence starts inside it or right after it, else the sentence's
    start. Read from the paragraph, as the parser may cut a dateline into sentences of its own
    ("KINSHASA" / "," / "May 5 - Shelling hit ...")."""
    return _dateline_end_of(sent[0]) if len(sent) else sent.start_char


def _dateline_end_of(tok) -> int:
    """``dateline_end`` of the token's sentence, read from the tokens around it: ``tok.sent`` and
    ``doc.text`` each walk the whole document on every call (quadratic over a long article)."""
    doc, i = tok.doc, tok.i
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
    # once per sentence of a document: kept on the document itself (its user_data), never on a
    # shared object
    ends = doc.user_data.setdefault(_DATELINE_ENDS, {})
    end = ends.get(i)
    if end is None:
        end = ends[i] = _dateline_end_from(doc, i)
    return end


_DATELINE_ENDS = "claimledger.dateline_ends"


def _dateline_end_from(doc, i: int) -> int:
    """``_dateline_end_of`` for the sentence starting at token ``i``."""
    start = doc[i].idx
    j = i - 1                       # back to the token before the sentence's line
    while j >= 0 and "\n" not in doc[j].text_with_ws:
        if start - doc[j].idx > DATELINE_REACH:
            return start            # no dateline runs this far into its paragraph
        j -= 1
    first = doc[j + 1]
    if not first.text[:1].isupper():
        return doc[i].idx
    m = DATELINE.match(doc[j + 1:min(len(doc), i + 60)].text)
    return first.idx + m.end() if m is not None and first.idx + m.end() >= start else start


def in_dateline(tok) -> bool:
    """Whether a token lies in a dateline that opens its sentence ("KYIV, Dec 16 (Reuters) -")."""
    return tok.idx < _dateline_end_of(tok)


def _without_dateline(toks: list) -> list:
    """The source tokens after a dateline that opens their sentence."""
    if not toks:
        return toks
    end = _dateline_end_of(toks[0])
    kept = [t for t in toks if t.idx >= end and not t.is_space]
    return kept or toks


def _is_platform_word(word: str) -> bool:
    from .lexicon import platform_patterns
    return any(rx.fullmatch(word) for _, rx in platform_patterns())


def time_children(tok) -> list:
    """Date words attached to a cue or to the source's relative clause ('said Saturday',
    'spoke to reporters on Monday', 'revealed in October'), also one level into the cue's own
    phrases ('said in a bulletin read on state television on Monday', 'claimed responsibility on
    Monday', 'claimed in a televised address on Wednesday') but never inside what it reports."""
    out = []
    for c in tok.children:
        if c.ent_type_ in ("DATE", "TIME") and c.dep_ in ("npadvmod", "tmod", "advmod", "obl", "nmod"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("on", "in", "since", "during", "at", "over", "last", "earlier"):
            if any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children):
                out.append(c)
                continue
        if c.dep_ in ("prep", "dobj", "obj") and not out:
            for x in subtree(c):
                if x.dep_ == "prep" and x.lower_ in ("on", "in", "during", "at") and any(
                        g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in x.children) \
                        and not any(a.dep_ in ("ccomp", "relcl", "acl") and a.pos_ == "VERB" and a.i != c.i
                                    and x.i in {y.i for y in subtree(a)} and a.i not in {tok.i}
                                    and a.lower_ not in word_set("carrying_verbs")
                                    for a in subtree(c)):
                    out.append(x)
                    break
    return out


def late_that_clause(cue):
    """'said in a statement carried by the state broadcaster that it had ...': the parser hangs the
    that-clause on the nearest noun; it is still what the cue reports."""
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.i < cue.i:
            continue
        for t in subtree(prep):
            if t.dep_ in ("relcl", "acl", "ccomp") and t.pos_ in ("VERB", "AUX"):
                first = min(subtree(t), key=lambda x: x.i)
                if first.lower_ == "that" and first.i > cue.i and first.dep_ in ("mark", "dobj", "nsubj") \
                        and any(c.dep_ in ("nsubj", "nsubjpass") and c.i != first.i for c in t.children):
                    return t
    return None


def prep_content(cue):
    """The object of 'accuse X of', 'warn of', 'claim responsibility for'."""
    preps = cues().prepositions(lemma_of(cue))
    if not preps:
        return None
    if lemma_of(cue) == "claim" and not any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() == "responsibility"
                                                 for c in cue.children):
        return None
    for c in list(cue.children) + [g for d in cue.children if d.dep_ in ("dobj", "obj") for g in d.children]:
        if c.dep_ == "prep" and c.lower_ in preps:
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return pobj
    return None


def is_reporting(tok, C) -> bool:
    return lemma_of(tok) in C.verbs and tok.pos_ in ("VERB", "AUX")


def toll_content(cue):
    """'put the death toll at 12, including three children': the toll and its figure are the content."""
    if lemma_of(cue) not in word_set("toll_verbs"):
        return None
    obj = next((c for c in cue.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in word_set("toll_nouns")), None)
    at = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ in ("at", "to")), None)
    if obj is None or at is None:
        return None
    toks = list(subtree(obj)) + list(subtree(at))
    for c in cue.children:
        if c.dep_ == "prep" and c.lower_ in ("including", "among") and c.i > at.i:
            toks.extend(subtree(c))
    return sorted(toks, key=lambda t: t.i)


def trailing_relative_aside(toks):
    """', which Ukraine has controlled since August' closing a content and hanging on a proper
    noun: background the outlet adds, not part of what the source said."""
    if not toks:
        return None
    ids = {t.i for t in toks}
    last = max(t.i for t in toks if not t.is_punct) if any(not t.is_punct for t in toks) else None
    for t in toks:
        if t.dep_ != "relcl" or t.head.pos_ not in ("PROPN", "NOUN") or t.head.i not in ids:
            continue
        sub = sorted(subtree(t), key=lambda x: x.i)
        first = sub[0]
        if first.lower_ not in ("which", "who", "where") or first.i == 0:
            continue
        if t.doc[first.i - 1].text != ",":
            continue
        if last is not None and max(x.i for x in sub if not x.is_punct) == last:
            return t
    return None


def is_time_phrase(tok) -> bool:
    """'on Monday', 'Saturday', 'late on Friday': a prepositional or bare date phrase."""
    if tok.ent_type_ in ("DATE", "TIME") and tok.dep_ in ("npadvmod", "tmod", "advmod"):
        return True
    if tok.dep_ == "prep" and tok.lower_ in ("on", "in", "during", "over", "at", "earlier", "late", "last"):
        return any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in tok.children)
    return False


def relcl_times(src) -> list:
    out = []
    if src is None:
        return out
    for c in src.children:
        if c.dep_ == "relcl":
            out.extend(time_children(c))
    return out


def according_times(acc) -> list:
    out = []
    for to in acc.children:
        for p in to.children:
            if p.dep_ == "pobj":
                out.extend(relcl_times(p))
    return out


TRAILING_COMMENT = re.compile(
    r",\s+(?:a|an)\s+(?:figure|claim|number|toll|account|assertion|allegation|report)\s+"
    r"(?:that|which|verified|confirmed|denied|disputed|rejected|corroborated|not)\b[^,]*$")
def according_source(acc):
    to = next((c for c in acc.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None or pobj.lower_ in word_set("not_sources"):
        return None  # "going according to plan" names no source
    return pobj, char_span(source_tokens(pobj))


def content_pieces(tokens, text) -> list[Span]:
    """Contiguous runs of tokens as trimmed character spans (a removed aside splits content); a
    dateline opening the sentence is no part of what is reported ("PORT SUDAN, Dec 11 - The death
    toll ... has risen to 50, a local activist group said")."""
    tokens = sorted((t for t in tokens if not t.is_space), key=lambda t: t.i)
    if tokens:   # only a paragraph's opening can hold a dateline: the first token's sentence tells
        end = _dateline_end_of(tokens[0])
        tokens = [t for t in tokens if t.idx >= end] or tokens
    if not tokens:
        return []
    runs, cur = [], [tokens[0]]
    for t in tokens[1:]:
        if t.i == cur[-1].i + 1 or all(x.is_space for x in t.doc[cur[-1].i + 1:t.i]):
            cur.append(t)
        else:
            runs.append(cur)
            cur = [t]
    runs.append(cur)
    out = []
    for r in runs:
        s, e = trim(text, r[0].idx, r[-1].idx + len(r[-1].text))
        m = TRAILING_COMMENT.search(text, s, e)
        if m and m.end() >= e - 1:
            # ", a figure that could not be independently verified": the outlet's comment on it
            s, e = trim(text, s, m.start())
        seg = text[s:e]
        if (seg.count("\u201c") > seg.count("\u201d") and text[e:e + 1] == "\u201d") or \
                (seg.count('"') % 2 == 1 and text[e:e + 1] == '"'):
            e += 1  # keep the closing quote mark of a quoted fragment at the end
        if e > s and re.search(r"\w", text[s:e]):
            out.append((s, e))
    # tiny fragments left by a cut ("and") are noise
    out = [p for p in out if len(re.findall(r"\w+", text[p[0]:p[1]])) >= 2 or len(out) == 1]
    return out


def drop_nested_duplicates(found: list[Attribution]) -> list[Attribution]:
    """Two attributions with the same content and source (a quote caught twice) keep the better one."""
    out: list[Attribution] = []
    where: dict[tuple, int] = {}
    for a in found:
        key = tuple(a.pieces)
        k = where.get(key)
        if k is None:
            where[key] = len(out)
            out.append(a)
        elif a.confidence > out[k].confidence:
            out[k] = a
    return out


def tense_of(tok) -> str:
    """past | present | future of a cue verb ("will say", "says", "said")."""
    if tok is None:
        return "past"
    aux = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a in ("will", "shall") for a in aux) or "going" in aux:
        return "future"
    if tok.tag_ in ("VBD", "VBN") or any(a in ("had", "has", "have", "was", "were", "did") for a in aux):
        return "past"
    if tok.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"
    return "past"


