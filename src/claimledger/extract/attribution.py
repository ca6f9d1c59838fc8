"""Find attributions in parsed text: who (source) says (cue) what (content).

Works on spaCy's dependency parse of one block (a paragraph or headline). ``find_attributions`` is
a small driver over named rules (``attribution_rules``), each one construction, each testable on
a hand-built parse:

1. cue rules, tried in order on each cue word until one decides: verbs that report only in some
   constructions (``construction_cue``: "wants to ...", "urged X to ...", "called for ...", "asked
   whether ..."); direct quotes next to the cue (``quote_next_to_cue``: "...," he stated / X said:
   "..." / "A," he said, "B", also over several sentences); a cue inside the clause it would
   report (``inner_cue_reports``); tolls (``toll_figure``); "X are believed to have ..."
   (``passive_subject_is_content``); "which, it said, showed ..." (``parenthetical_cue``); "As X
   noted, ..." (``as_cue``); misparsed "video that he claimed showed X" (``content_after_cue``);
   "a new poll shows Clinton with a lead" (``evidence_shows``); and a cue governing its clause,
   infinitive or object (``cue_governs_content``: X said that ..., it is thought that ..., it was
   reported by X that ...);
2. sentence rules: colon cues ('Savchenko on Telegram: "..."'), a quotation closed by a dash and
   a name, "according to X" (merged into a cue's attribution as its conduit when it sits inside
   that content), headline and transcript speakers ("Graham: ..."), noun cues ("the ministry's
   claim that ..."), raising verbs ("they appear to be ...") and hearsay adverbs ("reportedly");
3. block rules: a quotation that continues the previous speaker's (linked to it);
4. then a weak cue ("show", "find") inside a strong cue's content is part of that content, and an
   attribution found twice is kept once.

Each record also carries the source's extent as PolNeAR-style annotation marks it (with its
relative clauses and appositives, ``attribution_parts.source_extent``) where that differs from the
source phrase; the claim keeps the phrase.

Anything else with a finite verb is the outlet's own narration (``author``, made by the pipeline).
Offsets are characters of the document text; pieces of split content are kept separately. Which
words are cues, and which of them are weak, is data (``data/cues.txt``, ``construction_cues.tsv``,
``attribution_words.tsv``, ``lemma_fixes.tsv``).
"""
from __future__ import annotations

from typing import Optional

from .attribution_parts import (Attribution, Span, drop_nested_duplicates, kind_of, source_extent, source_tokens,
                               tense_of)
from .attribution_rules import BLOCK_RULES, CUE_RULES, SENTENCE_RULES, BlockState, CueSite, is_cue_candidate
from .finders import Coverage
from .tree import subtree

__all__ = ["Attribution", "MAX_SENTENCE_TOKENS", "RulesFinder", "find_attributions", "source_tokens",
           "tense_of", "to_span_record"]

# Sentences longer than this (in tokens) are not prose the parser reads well (the longest in our
# gold sets and 150 PolNeAR articles has 173): no attributions are looked for in them, which keeps
# the work per sentence bounded on pathological text.
MAX_SENTENCE_TOKENS = 300


def find_attributions(doc, text: str, block_span: Span, sentence_offsets=None,
                      cue_rules=CUE_RULES, sentence_rules=SENTENCE_RULES, block_rules=BLOCK_RULES,
                      previous: Optional[Attribution] = None) -> list[Attribution]:
    """Attributions in one parsed block. ``doc`` is the spaCy Doc (or Span) of the block, whose
    token offsets are document offsets. The rule tables can be swapped (tests run one rule alone).
    ``previous``: the last attribution of the block before, if a direct quote with a source (a
    block that is only a quotation continues it)."""
    block = BlockState(doc, text, block_span, previous=previous)
    for sent in block.sents:
        if len(sent) > MAX_SENTENCE_TOKENS:
            continue  # not prose the parser can read (a table, a repeated word): no attributions
        block.enter(sent)
        for tok in sent:
            if not is_cue_candidate(tok, block):
                continue
            site = CueSite.at(tok, sent)
            for rule in cue_rules:
                got = rule.apply(site, block)
                if got is not None:
                    _add(block, rule.name, got)
                    break
        for rule in sentence_rules:
            _add(block, rule.name, rule.apply(sent, block))
    for rule in block_rules:
        _add(block, rule.name, rule.apply(block))
    found = sorted(block.found, key=lambda a: a.pieces[0][0])
    return drop_nested_duplicates(weak_cues_inside_strong_content(found, block.cues.weak))


def _add(block: BlockState, name: str, found: list[Attribution]) -> None:
    for a in found:
        a.rule = a.rule or name
        block.add(a)


def weak_cues_inside_strong_content(found: list[Attribution], weak) -> list[Attribution]:
    """'The army said the video showed soldiers ...': "showed" inside what the army said is part of
    its claim, not a second attribution."""
    strong = Coverage([p for b in found if b.cue_lemma not in weak for p in b.pieces])
    return [a for a in found if not (a.cue_token is not None and a.cue_lemma in weak and strong.covers(a.cue_span[0]))]


# ---------------------------------------------------------------- the rules as a finder

def _subtree_span(tok) -> Span:
    toks = list(subtree(tok))
    return (min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks))


def to_span_record(a: Attribution):
    """The finder-neutral record of one rules attribution (token objects become offsets)."""
    from .finders import AttributionSpan
    return AttributionSpan(
        content=list(a.pieces), cue=a.cue_span, source=a.source_span, kind=a.kind,
        finder="rules." + (a.rule or a.kind), confidence=a.confidence, cue_lemma=a.cue_lemma,
        attribution_kind=kind_of(a),
        source_head=a.source_head.idx if a.source_head is not None else None,
        via=a.via_span, via_head=a.via_head.idx if a.via_head is not None else None,
        sentence=a.sentence, tense=a.tense, stated=[_subtree_span(t) for t in a.time_tokens],
        asides=list(a.asides), continues=a.continues.span if a.continues is not None else None,
        source_extent=_extent(a))


def _extent(a: Attribution) -> Optional[Span]:
    """The source span as annotation marks it, when it reaches further than the source phrase."""
    if a.source_head is None or a.source_span is None or not (
            a.source_span[0] <= a.source_head.idx < a.source_span[1]):
        return None
    stops = list(a.pieces) + ([a.cue_span] if a.cue_span else [])
    ext = source_extent(a.source_head, a.source_span, stops)
    return ext if ext != a.source_span else None


class RulesFinder:
    """The hand-written rules behind the ``AttributionFinder`` protocol (see ``finders``)."""
    name = "rules"

    def find(self, doc, text: str, blocks) -> list:
        out, last = [], None
        for start, end in blocks:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                last = None
                continue
            found = find_attributions(span, text, (start, end), previous=last)
            out.extend(to_span_record(a) for a in found)
            last = found[-1] if found and found[-1].kind == "direct_quote" and found[-1].source_head is not None \
                else None
        return out
