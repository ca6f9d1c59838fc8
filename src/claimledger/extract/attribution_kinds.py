"""What an attribution attributes: ``assertion``, ``evaluation``, ``intention``, ``directive`` or
``perception``, decided from its cue and the cue's construction.

The mapping is data (``data/attribution_kinds.tsv``); this module only names constructions and
looks the pair up. ``kind_for`` is a pure function any finder can call (the rules pass the
construction each rule matched; a finder that only knows the cue span gets one from
``construction_of``, which reads it off the parse).
"""
from __future__ import annotations

from functools import lru_cache

from ..models import ATTRIBUTION_KINDS
from .lexicon import _lines

DEFAULT_KIND = "assertion"

#: Constructions the finders name (the data file documents each).
CONSTRUCTIONS = ("clause", "quote", "infinitive", "object", "predicate", "question", "passive", "noun",
                 "according_to", "aside", "headline")   # and "prep:P" for any preposition P

QUESTION_WORDS = {"whether", "if", "how", "why", "what", "when", "where", "who", "which"}


@lru_cache(maxsize=None)
def kind_table() -> dict[tuple[str, str], str]:
    """(cue lemma or "*", construction or "*") -> kind, from ``attribution_kinds.tsv``."""
    table: dict[tuple[str, str], str] = {}
    for n, line in enumerate(_lines("attribution_kinds.tsv"), 1):
        cols = line.split("\t")
        if len(cols) != 3 or cols[2] not in ATTRIBUTION_KINDS:
            raise ValueError(f"attribution_kinds.tsv: line {n} {line!r} is not 'lemma<TAB>construction<TAB>kind' "
                             f"with a kind among {', '.join(ATTRIBUTION_KINDS)}")
        table[(cols[0].lower(), cols[1].lower())] = cols[2]
    return table


def kind_for(lemma: str, construction: str = "") -> str:
    """The kind of an attribution whose cue has ``lemma`` ("say", "call for", "according to")
    in ``construction`` (see ``CONSTRUCTIONS``; "" when unknown). The most specific line of the
    data file wins: (lemma, construction), (lemma, *), (*, construction), (*, *). A multi-word
    cue is looked up whole, then word by word ("call for": "call" in "prep:for")."""
    table = kind_table()
    construction = (construction or "").lower()
    words = (lemma or "").lower().split()
    candidates = [" ".join(words)] + (words if len(words) > 1 else [])
    for lem in candidates:
        for key in ((lem, construction), (lem, "*")):
            if key in table:
                return table[key]
    return table.get(("*", construction)) or table.get(("*", "*"), DEFAULT_KIND)


def construction_of(cue, content_root=None) -> str:
    """The construction of a cue token (spaCy) with what it reports.

    With ``content_root`` (the head token of the content) it is the content's relation to the cue;
    without, the cue's own dependents decide (what a finder that knows only the cue span can
    use). Nouns are ``noun`` cues."""
    if cue is None:
        return ""
    if cue.pos_ in ("NOUN", "PROPN"):
        return "noun"
    if any(c.dep_ == "auxpass" for c in cue.children) and content_root is None:
        return "passive"
    kids = list(cue.children)
    if content_root is not None:
        return _relation(cue, content_root)
    for dep in ("ccomp", "xcomp", "oprd", "dobj", "obj", "prep"):
        for c in kids:
            if c.dep_ == dep and c.i > cue.i:
                return _relation(cue, c)
    return ""


def _relation(cue, root) -> str:
    kids = list(root.children)
    if root.dep_ == "oprd" or any(c.dep_ == "oprd" for c in kids) or (
            root.dep_ == "prep" and root.lower_ == "as") or (
            root.dep_ == "pobj" and root.head.lower_ == "as"):
        return "predicate"
    if root.dep_ == "prep":
        return "prep:" + root.lower_
    if root.dep_ in ("pobj", "pcomp") and root.head.dep_ == "prep":
        return "prep:" + root.head.lower_
    if root.dep_ in ("dobj", "obj"):
        if any(c.dep_ == "prep" and c.lower_ == "as" for c in kids) or any(
                c.dep_ == "prep" and c.lower_ == "as" for c in cue.children):
            return "predicate"
        return "object"
    if root.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" and c.i < root.i for c in kids):
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
            return "infinitive"
        return "predicate" if root.pos_ in ("ADJ", "NOUN") else "infinitive"
    first = root.left_edge
    if first.lower_ in QUESTION_WORDS and first.dep_ in ("mark", "advmod", "nsubj", "dobj", "det", "attr") \
            and first.lower_ != "that" and first.i > cue.i:
        return "question"
    return "clause"
