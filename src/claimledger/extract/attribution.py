"""Find attributions in parsed text: who (source) says (cue) what (content).

Works on spaCy's dependency parse of one block (a paragraph or headline). The patterns, in the
order they claim content:

1. direct quotes next to a cue ("...," he stated / X said: "..." / "A," he said, "B"), also when
   the quote runs over several sentences;
2. a cue verb governing a clause (X said that ..., X claimed the men were ...; passive
   "it is thought that ..." with no named source, or "it was reported by X that ...");
3. "according to X", merged into a cue verb's attribution when it sits inside that content;
4. anything else with a finite verb is the outlet's own narration (``author``).

Offsets are characters of the document text; pieces of split content are kept separately.
Why rules over a model: the corpora that would train one are held out, and rules keep every
decision explainable to an analyst looking at a claim.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Optional

from .attribution_kinds import construction_of, kind_for
from .lexicon import cues
from .tree import subtree

Span = tuple[int, int]

QUOTE_PAIRS = (("\u201c", "\u201d"), ("\u00ab", "\u00bb"))
SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
REL_PRONOUNS = {"that", "which", "who", "whom", "whose"}
# Cues that need an explicit clause to report: "show", "know", "find" without one is not speech.
WEAK_CUES = {"show", "know", "find", "hope", "fear", "expect", "feel", "understand", "learn", "hear",
             "determine", "establish", "record", "document", "continue", "agree", "put", "post",
             "write", "publish", "answer", "reply", "respond", "relate", "point", "demonstrate",
             "prove", "depict", "worry", "describe", "brief", "cite", "quote", "note", "observe",
             "verify", "confirm", "signal", "indicate", "suggest", "reveal", "report", "tell",
             "think", "believe", "estimate", "calculate", "predict", "forecast", "threaten", "warn"}
# Sentences longer than this (in tokens) are not prose the parser reads well (the longest in our
# gold sets and 150 PolNeAR articles has 173): no attributions are looked for in them, which keeps
# the work per sentence bounded on pathological text.
MAX_SENTENCE_TOKENS = 300
# How far after a cue (characters) a quotation can open and still be the cue's ("said on
# Monday in a statement: '...'").
QUOTE_WINDOW = 400
# Narrator asides that are not part of what the source claims ("without providing precise numbers").
ASIDE_VERBS = {"provide", "give", "offer", "cite", "elaborate", "specify", "present", "share", "produce"}


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

    @property
    def span(self) -> Span:
        return (self.pieces[0][0], self.pieces[-1][1])


# ---------------------------------------------------------------- quotes

def quote_regions(text: str, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """Quotations in text[start:end] as (open_mark, inner_start, inner_end, close_mark_end).

    Curly and guillemet pairs nest cleanly; straight double quotes are paired left to right.
    An unclosed quote runs to the end of the block (news paragraphs often leave a multi-paragraph
    quote open), which we accept only when it is the last one.
    """
    out = []
    s = text[start:end]
    for o, c in QUOTE_PAIRS:
        i = 0
        while True:
            a = s.find(o, i)
            if a < 0:
                break
            b = s.find(c, a + 1)
            if b < 0:
                out.append((start + a, start + a + 1, end, end))
                break
            out.append((start + a, start + a + 1, start + b, start + b + 1))
            i = b + 1
    positions = [m.start() for m in re.finditer('"', s)]
    for k in range(0, len(positions) - 1, 2):
        a, b = positions[k], positions[k + 1]
        out.append((start + a, start + a + 1, start + b, start + b + 1))
    return sorted(out)


class Quotes:
    """The quotations of one block, looked up by position (bisection), never scanned per cue."""

    def __init__(self, regions: list[tuple[int, int, int, int]]):
        self.regions = regions                       # sorted by opening mark
        self.opens = [q[0] for q in regions]
        self.by_close = sorted(range(len(regions)), key=lambda i: (regions[i][3], i))
        self.closes = [regions[i][3] for i in self.by_close]
        merged: list[list[int]] = []
        for q in sorted(regions, key=lambda q: q[1]):
            if merged and q[1] <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], q[2])
            elif q[2] > q[1]:
                merged.append([q[1], q[2]])
        self._in_starts = [m[0] for m in merged]
        self._in_ends = [m[1] for m in merged]

    def __len__(self) -> int:
        return len(self.regions)

    def __getitem__(self, i: int):
        return self.regions[i]

    def inside(self, pos: int) -> bool:
        """Is ``pos`` inside some quotation (between its marks)?"""
        k = bisect_right(self._in_starts, pos) - 1
        return k >= 0 and pos < self._in_ends[k]

    def opening_in(self, a: int, b: int) -> list[int]:
        """Indices of the quotations whose opening mark is in [a, b], in text order."""
        return list(range(bisect_left(self.opens, a), bisect_right(self.opens, b)))

    def closing_in(self, a: int, b: int) -> list[int]:
        """Indices of the quotations whose closing mark ends in [a, b], in text order."""
        return sorted(self.by_close[bisect_left(self.closes, a):bisect_right(self.closes, b)])


def _in_quote(pos: int, quotes: Quotes) -> bool:
    return quotes.inside(pos)


def _run_start(text: str, pos: int, extra: str = "", limit: int = 2000) -> int:
    """Start of the run of whitespace (and ``extra`` characters) ending at ``pos``, looked back at
    most ``limit`` characters."""
    i = pos
    while i > 0 and pos - i < limit and (text[i - 1].isspace() or text[i - 1] in extra):
        i -= 1
    return i


# ---------------------------------------------------------------- helpers on tokens

def _char_span(tokens) -> Span:
    tokens = list(tokens)
    return (min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens))


def _trim(text: str, s: int, e: int, keep_quotes: bool = True) -> Span:
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


def _subtree_excluding(tok, exclude_roots) -> list:
    excl = set()
    for r in exclude_roots:
        excl.update(t.i for t in subtree(r))
    return [t for t in subtree(tok) if t.i not in excl]


def _subject(verb):
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in REL_PRONOUNS]
    if subs:
        return subs[0]
    # "a member of a local rescue team, who said ...": the relative pronoun stands for its noun
    if verb.dep_ == "relcl":
        who = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in ("who", "which")]
        if who and verb.head.pos_ in ("NOUN", "PROPN"):
            return who[0]
    # "X put the toll at 12 and said ...", "X denied it, saying ...": the subject is the first verb's
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX") \
            and verb.lemma_.lower() not in WEAK_CUES:
        if verb.dep_ == "advcl" and verb.tag_ != "VBG":
            return None
        return _subject(verb.head)
    return None


def _agent(verb):
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _is_expletive_it(tok) -> bool:
    return tok is not None and tok.lower_ == "it" and tok.dep_ in ("nsubjpass", "nsubj", "expl")


def source_tokens(head) -> list:
    """The source phrase as written: the head's subtree without relative clauses, trailing
    punctuation, a relative 'who spoke to reporters on Monday' or where it spoke ('on Telegram')."""
    drop = [c for c in head.children if c.dep_ in ("relcl", "acl") or (c.dep_ == "punct" and c.i > head.i and c.text in ",")
            or (c.dep_ == "prep" and c.i > head.i and c.lower_ in ("on", "via") and
                any(g.dep_ == "pobj" and _is_platform_word(g.text) for g in c.children))]
    toks = _subtree_excluding(head, [c for c in drop if c.dep_ != "punct"])
    # cut at the first comma after the head unless an appositive follows it
    appos = [c for c in head.children if c.dep_ == "appos"]
    out = []
    for t in sorted(toks, key=lambda t: t.i):
        if t.i > head.i and t.text == "," and not any(a.i > t.i for a in appos):
            break
        out.append(t)
    while out and (out[-1].is_punct or out[-1].is_space):
        out.pop()
    while out and out[0].is_punct:
        out.pop(0)
    return out


def _is_platform_word(word: str) -> bool:
    from .lexicon import platform_patterns
    return any(rx.fullmatch(word) for _, rx in platform_patterns())


def _time_children(tok) -> list:
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
                                    and a.lower_ not in ("read", "carried", "published", "broadcast", "posted")
                                    for a in subtree(c)):
                    out.append(x)
                    break
    return out


# ---------------------------------------------------------------- the finder

def find_attributions(doc, text: str, block_span: Span, sentence_offsets=None) -> list[Attribution]:
    """Attributions in one parsed block. ``doc`` is the spaCy Doc of the block, whose token
    offsets were shifted so ``t.idx`` is already a document offset (see pipeline)."""
    C = cues()
    quotes = Quotes(quote_regions(text, *block_span))
    sents = list(doc.sents)
    sent_starts = [s.start_char for s in sents]
    found: list[Attribution] = []
    used_quotes: set[int] = set()
    consumed_according: set[int] = set()

    def sent_span_for(pieces) -> Span:
        lo, hi = pieces[0][0], pieces[-1][1]
        k = max(0, bisect_right(sent_starts, lo) - 1)
        ss = []
        for j in range(k, len(sents)):
            if sents[j].start_char >= hi:
                break
            if lo < sents[j].end_char:
                ss.append(sents[j])
        return (ss[0].start_char, ss[-1].end_char) if ss else pieces[0]

    for sent in sents:
        if len(sent) > MAX_SENTENCE_TOKENS:
            continue  # not prose the parser can read (a table, a repeated word): no attributions
        for tok in sent:
            is_cue = tok.lemma_.lower() in C.verbs and tok.pos_ in ("VERB", "AUX") and not _in_quote(tok.idx, quotes)
            passive_only = tok.lemma_.lower() in C.passive_only or tok.lower_ in C.passive_only
            if not (is_cue or passive_only):
                continue
            if tok.tag_ in ("VBG",) and tok.dep_ in ("amod", "pcomp", "acl"):
                continue  # "the so-called", "without providing": not speech
            if any(c.dep_ == "neg" for c in tok.children) or (tok.dep_ == "xcomp" and tok.head.lemma_.lower() in
                                                               ("decline", "refuse", "fail", "want")):
                continue  # "It did not say how many were held", "declined to say": no report
            subj = _subject(tok)
            agent = _agent(tok)
            comps = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis") and not c.is_punct]
            xcomps = [c for c in tok.children if c.dep_ == "xcomp"]
            passive = any(c.dep_ == "auxpass" for c in tok.children) or _is_expletive_it(subj) and subj.dep_ == "nsubjpass"

            # --- 1. direct quotes next to the cue
            if subj is not None and not _in_quote(subj.idx, quotes) and not passive:
                src_toks = source_tokens(subj)
                lo = min([tok.idx] + [t.idx for t in src_toks])
                hi = max([tok.idx + len(tok.text)] + [t.idx + len(t.text) for t in src_toks])
                adjacent = []
                near = set(quotes.closing_in(_run_start(text, lo, ",\u2014\u2013-"), lo))
                near.update(quotes.opening_in(hi, hi + QUOTE_WINDOW))
                for qi in sorted(near):
                    q = quotes[qi]
                    if qi in used_quotes:
                        continue
                    before = text[q[3]:lo] if q[3] <= lo else None
                    after = text[hi:q[0]] if hi <= q[0] else None
                    if before is not None and re.fullmatch(r"[\s,—–-]*", before):
                        # '"A," he said' is a direct quote only when the quote opens the clause;
                        # 'Air power was used against "confirmed positions", he said' is mixed
                        lead = text[max(sent.start_char, block_span[0]):q[0]]
                        if re.search(r"\w", lead) and not re.search(r"[:.!?\u201d\"]\s*$", lead):
                            continue
                        adjacent.append(qi)
                    elif after is not None and re.fullmatch(r"(?:\s|,|:|—|–|-|\b(?:on|in)\s+\w+\b|\bthat\b)*", after) and not (
                            re.search(r"\bthat\b", after) and comps):
                        adjacent.append(qi)
                    elif after is not None and re.fullmatch(r"[^\"\u201c\u201d.!?;]{1,80}:\s*", after):
                        adjacent.append(qi)  # 'told the news agency: "..."' 
                if adjacent and not (comps and not all(_in_quote(c.idx, quotes) or c.is_punct for c in comps)
                                     and not any(quotes[qi][3] <= lo for qi in adjacent)):
                    pieces = []
                    for qi in adjacent:
                        q = quotes[qi]
                        s, e = _trim(text, q[1], q[2])
                        if e > s:
                            pieces.append((s, e))
                        used_quotes.add(qi)
                    if pieces:
                        a = Attribution("direct_quote", pieces, sent_span_for(pieces), source_head=subj,
                                        source_span=_char_span(src_toks), cue_span=(tok.idx, tok.idx + len(tok.text)),
                                        cue_text=tok.text, cue_lemma=tok.lemma_.lower(), cue_token=tok,
                                        tense=tense_of(tok), confidence=0.9,
                                        time_tokens=_time_children(tok) + _relcl_times(subj))
                        a.construction = "quote"
                        found.append(a)
                        continue

            # --- 2. cue governing a clause
            content_root = None
            toll = _toll_content(tok)
            if comps and _is_reporting(comps[0], C) and _subject(comps[0]) is not None and (
                    comps[0].i < tok.i or tok.lemma_.lower() in WEAK_CUES and comps[0].lemma_.lower() not in WEAK_CUES):
                # "It published a video that it said showed ...": the inner cue reports; and
                # "Rebels say they took X; army says attack repulsed" misparsed as one report
                continue
            if toll is not None and subj is not None:
                span = _trim(text, *_char_span(toll))
                a = Attribution("indirect", [span], (sent.start_char, sent.end_char), source_head=subj,
                                source_span=_char_span(source_tokens(subj)), cue_span=(tok.idx, tok.idx + len(tok.text)),
                                cue_text=tok.text, cue_lemma=tok.lemma_.lower(), cue_token=tok, tense=tense_of(tok),
                                confidence=0.75, time_tokens=_time_children(tok))
                a.construction = "object"
                found.append(a)
                continue
            if not comps:
                late = _late_that_clause(tok)
                if late is not None:
                    comps = [late]
            if comps:
                content_root = comps[0]
            elif xcomps and tok.lemma_.lower() not in ("continue",):
                content_root = xcomps[0]
            elif _of_content(tok) is not None:
                # "accused Armenia of firing on its positions", "warned of atrocities",
                # "claimed responsibility for an ambush": what follows the preposition
                content_root = _of_content(tok)
            elif tok.lemma_.lower() in C.denial | OBJECT_CUES:
                # "denied the reports", "have confirmed the presence of Israeli forces"
                objs = [c for c in tok.children if c.dep_ in ("dobj", "obj") and c.pos_ in ("NOUN", "PROPN")
                        and c.lemma_.lower() not in ("responsibility", "credit", "comment", "statement")]
                content_root = objs[0] if objs else None
            kind = "indirect"
            src = subj
            if passive:
                if agent is not None:
                    src = agent
                elif _is_expletive_it(subj) or subj is None:
                    src = None
                    kind = "passive_unattributed"
                else:
                    # "North Korean troops are believed to have ..." : the subject is content
                    if xcomps:
                        content_root = None
                        kind = "passive_unattributed"
                        src = None
                        toks = [t for t in subtree(subj)] + [t for x in xcomps for t in subtree(x)]
                        span = _trim(text, *_char_span(toks))
                        a = Attribution(kind, [span], (sent.start_char, sent.end_char),
                                        cue_span=(tok.idx, tok.idx + len(tok.text)), cue_text=tok.text,
                                        cue_lemma=tok.lemma_.lower(), cue_token=tok, tense=tense_of(tok),
                                        confidence=0.7, time_tokens=_time_children(tok))
                        a.construction = "passive"
                        found.append(a)
                        continue
                    src = None
            if content_root is None and src is not None and not passive and tok.dep_ == "parataxis" \
                    and tok.head.pos_ in ("VERB", "AUX") and tok.head.i > tok.i:
                # "... images which, it said, showed burn marks": the cue is an aside inside its content
                body = [t for t in subtree(tok.head) if t.i not in {x.i for x in subtree(tok)}]
                body = [t for t in body if not (t.lower_ in REL_PRONOUNS and t.i < tok.i and t.dep_ in ("nsubj", "dobj", "nsubjpass"))]
                body = [t for t in body if t.i > tok.i or t.i >= min(x.i for x in subtree(tok.head) if x.i not in {y.i for y in subtree(tok)} and x.lower_ not in REL_PRONOUNS)]
                pieces = _pieces(body, text)
                if pieces:
                    a = Attribution("indirect", pieces, sent_span_for(pieces), source_head=src,
                                    source_span=_char_span(source_tokens(src)), cue_span=(tok.idx, tok.idx + len(tok.text)),
                                    cue_text=tok.text, cue_lemma=tok.lemma_.lower(), cue_token=tok, tense=tense_of(tok),
                                    confidence=0.7, time_tokens=_time_children(tok))
                    a.construction = "aside"
                    found.append(a)
                    continue
            if content_root is None and src is not None and not passive and tok.lemma_.lower() not in WEAK_CUES \
                    and not any(c.dep_ in ("dobj", "obj") and (tok.dep_ != "relcl" or c.lemma_.lower() in
                                    ("responsibility", "credit", "victory", "it", "this", "that"))
                                for c in tok.children):  # "claimed responsibility" is not a report
                # misparse recovery: "video that he claimed showed X" — the content is what follows the cue
                rest = [t for t in sent if t.i > tok.i and not t.is_space]
                while rest and rest[-1].is_punct:
                    rest.pop()
                if len(rest) >= 3 and rest[0].pos_ in ("VERB", "AUX", "DET", "PROPN", "NOUN", "PRON", "SCONJ", "NUM", "ADJ"):
                    span = _trim(text, rest[0].idx, rest[-1].idx + len(rest[-1].text))
                    ev = tok.head if tok.dep_ == "relcl" and tok.head.pos_ == "NOUN" else None
                    a = Attribution("indirect", [span], (sent.start_char, sent.end_char), source_head=src,
                                    source_span=_char_span(source_tokens(src)), cue_span=(tok.idx, tok.idx + len(tok.text)),
                                    cue_text=tok.text, cue_lemma=tok.lemma_.lower(), cue_token=tok, tense=tense_of(tok),
                                    confidence=0.55, time_tokens=_time_children(tok), evidence_head=ev)
                    a.construction = "clause"
                    found.append(a)
                continue
            if content_root is None:
                continue
            if src is None and kind != "passive_unattributed":
                continue
            # content tokens: the clause minus according-to phrases and narrator asides
            accs = [t for t in subtree(content_root) if t.lower_ == "according" and any(c.lower_ == "to" for c in t.children)]
            accs += [c for c in tok.children if c.lower_ == "according" and any(g.lower_ == "to" for g in c.children)]
            accs = [t for t in accs if _according_source(t) is not None]
            asides = [t for t in subtree(content_root) if t.dep_ == "prep" and t.lower_ == "without"
                      and any(g.lemma_ in ASIDE_VERBS for g in t.children)]
            # 'said on Monday they had ...': a date between the cue and the clause's subject dates
            # the statement, not the content
            lead_times = [c for c in content_root.children if c.i < content_root.i and c.i > tok.i
                          and _is_time_phrase(c) and all(x.i < y.i for x in subtree(c)
                                                         for y in content_root.children if y.dep_ in SUBJ_DEPS)]
            toks = _subtree_excluding(content_root, accs + asides + lead_times)
            rel = _trailing_relative_aside(toks)
            aside_spans = []
            if rel is not None:
                rel_toks = list(subtree(rel))
                toks = [t for t in toks if t.i < rel_toks[0].i - 1 or t.i > rel_toks[-1].i]
                body = [t for t in rel_toks if not (t.i == rel_toks[0].i and t.lower_ in REL_PRONOUNS | {"where"})]
                if body:
                    aside_spans.append(_trim(text, body[0].idx, body[-1].idx + len(body[-1].text)))
            pieces = _pieces(toks, text)
            if not pieces:
                continue
            via = None
            if accs:
                via = _according_source(accs[0])
                consumed_according.update(t.i for t in accs)
            q_inside = all(_in_quote(p[0], quotes) and _in_quote(p[1] - 1, quotes) for p in pieces)
            if q_inside and kind == "indirect":
                kind = "direct_quote"
            a = Attribution(kind, pieces, sent_span_for(pieces), source_head=src,
                            source_span=_char_span(source_tokens(src)) if src is not None else None,
                            cue_span=(tok.idx, tok.idx + len(tok.text)), cue_text=tok.text,
                            cue_lemma=tok.lemma_.lower(), cue_token=tok, tense=tense_of(tok),
                            confidence=0.8 if src is not None else 0.7,
                            time_tokens=lead_times + _time_children(tok) + (_relcl_times(src) if src is not None else [])
                            + ([t for acc in accs for t in _according_times(acc)]))
            if via is not None:
                a.via_head, a.via_span = via
            a.asides = aside_spans
            a.construction = _content_construction(tok, content_root, kind)
            found.append(a)

        # --- 1c. a colon cue: 'Savchenko on Telegram: "Every airfield ... is a legitimate target."'
        for qi in quotes.opening_in(sent.start_char, sent.end_char - 1):
            q = quotes[qi]
            if qi in used_quotes:
                continue
            m = COLON_CUE.search(text, sent.start_char, q[0])
            if m is None or m.end() != q[0]:
                continue
            name_end = m.start("name") + len(m.group("name"))
            heads = [t for t in sent if m.start("name") <= t.idx < name_end and t.pos_ in ("PROPN", "NOUN")]
            if not heads:
                continue
            head = heads[-1]
            s0, e0 = _trim(text, q[1], q[2])
            if e0 <= s0:
                continue
            colon = m.start("colon")
            used_quotes.add(qi)
            a = Attribution("direct_quote", [(s0, e0)], sent_span_for([(s0, e0)]), source_head=head,
                            source_span=(m.start("name"), name_end), cue_span=(colon, colon + 1), cue_text=":",
                            cue_lemma=":", tense="past", confidence=0.6)
            a.construction = "quote"
            found.append(a)

        # --- 3. according to X (not already inside a cue's content)
        for tok in sent:
            if tok.lower_ != "according" or _in_quote(tok.idx, quotes) or tok.i in consumed_according:
                continue
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            if to is None or _according_source(tok) is None:
                continue
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if any(a.span[0] <= tok.idx < a.span[1] for a in found):
                continue
            head = tok.head
            if head.i == tok.i:
                continue
            # content: the clause the phrase modifies, without the phrase itself
            clause = head
            while clause.dep_ in ("aux", "auxpass") and clause.head.i != clause.i:
                clause = clause.head
            toks = _subtree_excluding(clause, [tok])
            toks = [t for t in toks if sent.start <= t.i < sent.end]
            pieces = _pieces(toks, text)
            if not pieces:
                continue
            src_toks = source_tokens(pobj)
            a = Attribution("according_to", pieces, (sent.start_char, sent.end_char), source_head=pobj,
                            source_span=_char_span(src_toks), cue_span=(tok.idx, to.idx + len(to.text)),
                            cue_text=f"{tok.text} {to.text}", cue_lemma="according to", cue_token=tok,
                            tense=tense_of(head), confidence=0.85, time_tokens=_according_times(tok))
            a.construction = "according_to"
            found.append(a)

    # --- 1d. a quote that runs on into the next sentence(s) with no cue of its own continues the
    # speaker's quote just before it: '"The ship was targeted," al-Hadi said. "Our operations
    # will continue."'
    ends: dict[int, Attribution] = {}   # sentence end -> the first direct quote with a source ending there
    for a in found:
        if a.kind == "direct_quote" and a.source_head is not None:
            ends.setdefault(a.sentence[1], a)
    for qi, q in enumerate(quotes.regions):
        if qi in used_quotes:
            continue
        k = bisect_right(sent_starts, q[0]) - 1
        sent = sents[k] if k >= 0 and q[0] < sents[k].end_char else None
        if sent is None or text[sent.start_char:q[0]].strip():
            continue
        ws = _run_start(text, q[0])
        p = next((ends[e] for e in range(q[0], ws - 1, -1) if e in ends), None)
        if p is None:
            continue
        s0, e0 = _trim(text, q[1], q[2])
        if e0 <= s0:
            continue
        used_quotes.add(qi)
        cont = Attribution("direct_quote", [(s0, e0)], sent_span_for([(s0, e0)]), source_head=p.source_head,
                           source_span=p.source_span, tense=p.tense, confidence=0.6,
                           construction="quote", attribution_kind=_kind_of(p))
        found.append(cont)
        ends.setdefault(cont.sentence[1], cont)

    # --- 1b. quotes with a cue in a neighbouring sentence ("A. B," he said.) were caught above when
    # the quote touches the cue; multi-sentence quotes whose cue sentence is a separate sentence
    # ("He said: " + quote) are handled because adjacency is measured on characters, not sentences.
    found.sort(key=lambda a: a.pieces[0][0])
    # "The army said the video showed soldiers ...": "showed" inside what the army said is part of
    # its claim, not a second attribution
    strong = _Coverage([p for b in found if b.cue_lemma not in WEAK_CUES for p in b.pieces])
    found = [a for a in found if not (a.cue_token is not None and a.cue_lemma in WEAK_CUES
                                      and strong.covers(a.cue_span[0]))]
    return _drop_nested_duplicates(found)


class _Coverage:
    """Is a position inside any of some spans? (merged intervals, bisection)"""

    def __init__(self, spans):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if e <= s:
                continue
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def covers(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]


def _late_that_clause(cue):
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


COLON_CUE = re.compile(
    r"(?:^|(?<=[.!?\n]))\s*(?P<name>[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,4})"
    r"(?:\s+(?:on|via|in|to)\s+[A-Z][\w.-]*)?\s*(?P<colon>:)\s*")

OF_CUES = {"accuse": ("of",), "charge": ("with",), "blame": ("for",), "warn": ("of", "against"),
           "claim": ("for",), "credit": ("with",), "suspect": ("of",), "allege": (), "condemn": ("for",)}


def _of_content(cue):
    """The object of 'accuse X of', 'warn of', 'claim responsibility for'."""
    preps = OF_CUES.get(cue.lemma_.lower())
    if not preps:
        return None
    if cue.lemma_.lower() == "claim" and not any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() == "responsibility"
                                                 for c in cue.children):
        return None
    for c in list(cue.children) + [g for d in cue.children if d.dep_ in ("dobj", "obj") for g in d.children]:
        if c.dep_ == "prep" and c.lower_ in preps:
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return pobj
    return None


OBJECT_CUES = {"confirm", "acknowledge", "admit", "report", "concede", "allege", "claim"}

TOLL_NOUNS = {"toll", "number", "figure", "tally", "count", "casualties", "losses", "total"}


def _is_reporting(tok, C) -> bool:
    return tok.lemma_.lower() in C.verbs and tok.pos_ in ("VERB", "AUX")


def _toll_content(cue):
    """'put the death toll at 12, including three children': the toll and its figure are the content."""
    if cue.lemma_.lower() not in ("put", "estimate", "place", "set", "raise", "revise", "give"):
        return None
    obj = next((c for c in cue.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in TOLL_NOUNS), None)
    at = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ in ("at", "to")), None)
    if obj is None or at is None:
        return None
    toks = list(subtree(obj)) + list(subtree(at))
    for c in cue.children:
        if c.dep_ == "prep" and c.lower_ in ("including", "among") and c.i > at.i:
            toks.extend(subtree(c))
    return sorted(toks, key=lambda t: t.i)


def _trailing_relative_aside(toks):
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


def _is_time_phrase(tok) -> bool:
    """'on Monday', 'Saturday', 'late on Friday': a prepositional or bare date phrase."""
    if tok.ent_type_ in ("DATE", "TIME") and tok.dep_ in ("npadvmod", "tmod", "advmod"):
        return True
    if tok.dep_ == "prep" and tok.lower_ in ("on", "in", "during", "over", "at", "earlier", "late", "last"):
        return any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in tok.children)
    return False


def _relcl_times(src) -> list:
    out = []
    if src is None:
        return out
    for c in src.children:
        if c.dep_ == "relcl":
            out.extend(_time_children(c))
    return out


def _according_times(acc) -> list:
    out = []
    for to in acc.children:
        for p in to.children:
            if p.dep_ == "pobj":
                out.extend(_relcl_times(p))
    return out


TRAILING_COMMENT = re.compile(
    r",\s+(?:a|an)\s+(?:figure|claim|number|toll|account|assertion|allegation|report)\s+"
    r"(?:that|which|verified|confirmed|denied|disputed|rejected|corroborated|not)\b[^,]*$")
NOT_SOURCES = {"plan", "plans", "schedule", "law", "rules", "rule", "tradition", "custom", "protocol",
               "procedure", "script", "design", "instructions", "order", "orders", "need", "needs"}


def _according_source(acc):
    to = next((c for c in acc.children if c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None or pobj.lower_ in NOT_SOURCES:
        return None  # "going according to plan" names no source
    return pobj, _char_span(source_tokens(pobj))


def _pieces(tokens, text) -> list[Span]:
    """Contiguous runs of tokens as trimmed character spans (a removed aside splits content)."""
    tokens = sorted((t for t in tokens if not t.is_space), key=lambda t: t.i)
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
        s, e = _trim(text, r[0].idx, r[-1].idx + len(r[-1].text))
        m = TRAILING_COMMENT.search(text, s, e)
        if m and m.end() >= e - 1:
            # ", a figure that could not be independently verified": the outlet's comment on it
            s, e = _trim(text, s, m.start())
        seg = text[s:e]
        if (seg.count("\u201c") > seg.count("\u201d") and text[e:e + 1] == "\u201d") or \
                (seg.count('"') % 2 == 1 and text[e:e + 1] == '"'):
            e += 1  # keep the closing quote mark of a quoted fragment at the end
        if e > s and re.search(r"\w", text[s:e]):
            out.append((s, e))
    # tiny fragments left by a cut ("and") are noise
    out = [p for p in out if len(re.findall(r"\w+", text[p[0]:p[1]])) >= 2 or len(out) == 1]
    return out


def _drop_nested_duplicates(found: list[Attribution]) -> list[Attribution]:
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


# ---------------------------------------------------------------- the rules as a finder

def _subtree_span(tok) -> Span:
    toks = list(subtree(tok))
    return (min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks))


def _content_construction(cue, content_root, kind: str) -> str:
    """The construction of a cue-governs-content attribution ("passive" for a source-less passive
    cue with a clause: "it is thought that ...")."""
    if kind == "passive_unattributed" and content_root.dep_ != "xcomp":
        return "passive"
    return construction_of(cue, content_root)


def _kind_of(a: Attribution) -> str:
    return a.attribution_kind or kind_for(a.cue_lemma, a.construction)


def to_span_record(a: Attribution):
    """The finder-neutral record of one rules attribution (token objects become offsets)."""
    from .finders import AttributionSpan
    return AttributionSpan(
        content=list(a.pieces), cue=a.cue_span, source=a.source_span, kind=a.kind,
        finder="rules." + (a.rule or a.kind), confidence=a.confidence, cue_lemma=a.cue_lemma,
        attribution_kind=_kind_of(a),
        source_head=a.source_head.idx if a.source_head is not None else None,
        via=a.via_span, via_head=a.via_head.idx if a.via_head is not None else None,
        sentence=a.sentence, tense=a.tense, stated=[_subtree_span(t) for t in a.time_tokens],
        asides=list(a.asides))


class RulesFinder:
    """The hand-written rules behind the ``AttributionFinder`` protocol (see ``finders``)."""
    name = "rules"

    def find(self, doc, text: str, blocks) -> list:
        out = []
        for start, end in blocks:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            out.extend(to_span_record(a) for a in find_attributions(span, text, (start, end)))
        return out
