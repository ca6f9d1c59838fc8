"""Just enough sentence-boundary logic to find where an unfinished last sentence begins.

Ingest must not load spaCy (it is the slow, optional part of the pipeline), and it only needs two
answers: does this line end a sentence, and where does the sentence ending at offset X start. A
wrong answer costs one sentence either way, so the rules prefer keeping a finished sentence: a
period after a title ("Gen.", "Mr.") or an initial never ends a sentence, and after a dotted
acronym ("U.S.") only when an ordinary sentence opener follows ("in the U.S. The president...").
"""
from __future__ import annotations

import re
from typing import Iterator

TERMINAL = ".!?…"
CLOSERS = "\"'”’»)]}"

# An RSS-style excerpt ends with an elision mark: the text goes on elsewhere.
_EXCERPT_END = re.compile(r"(\[\s*(…|\.\.\.)\s*\]|\(\s*(…|\.\.\.)\s*\))$")

# Always followed by a name or a number, never sentence-final in news prose.
TITLES = frozenset(
    """mr mrs ms messrs dr prof gen lt col maj sgt capt cpt cmdr adm brig gov sen rep rev fr hon
    pres supt insp det st mt ft amb atty sec gens cpl pvt lieut vs v approx est fig vol nos e.g i.e cf
    viz al""".split()
)
# Sentence-final as often as not: a boundary only when an ordinary sentence opener follows.
AMBIGUOUS = frozenset("jr sr inc ltd co corp bros plc llc etc".split())
MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
OPENERS = frozenset(
    """the a an he she it they we i you his her their its our this that these those there but and
    however meanwhile additionally also in on at as after before when while if for from since
    according officials earlier later last yesterday today its""".split()
)

_BOUNDARY = re.compile(r"([.!?…]+)([\"'”’»)\]}]*)(\s+)")
_TOKEN_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_WORD_AFTER = re.compile(r"[\"'“‘«(\[]*([A-Za-z]+)")


def ends_sentence(line: str) -> bool:
    """True when ``line`` ends with terminal punctuation, possibly inside closing quotes/brackets."""
    s = line.rstrip()
    if not s or _EXCERPT_END.search(s):
        return False
    while s and s[-1] in CLOSERS:
        s = s[:-1].rstrip()
    return bool(s) and s[-1] in TERMINAL


def _opener_follows(text: str, pos: int) -> bool:
    m = _WORD_AFTER.match(text, pos)
    return bool(m) and m.group(1).lower() in OPENERS


def _period_ends_sentence(text: str, period: int, nxt: int) -> bool:
    m = _TOKEN_BEFORE.search(text, max(0, period - 40), period)
    if not m:
        return True                     # "10." or "(AP)." or a quote: nothing to doubt
    token = m.group(1).rstrip(".")
    low = token.lower()
    if low in TITLES:
        return False
    if len(token) == 1 and token.isupper():
        return False                    # an initial: "John F. Kennedy"
    if low == "no":
        return not text[nxt:nxt + 1].isdigit()
    if low in MONTHS:
        return not text[nxt:nxt + 1].isdigit()
    if "." in token or low in AMBIGUOUS:
        return _opener_follows(text, nxt)  # "U.S.", "p.m.", "Inc."
    return True


def _wrapped(prev: str) -> bool:
    """Does ``prev`` look like a hard-wrapped line whose sentence goes on in the next line?"""
    return len(prev) >= 40 and not ends_sentence(prev)


def sentence_starts(text: str, lo: int, hi: int) -> Iterator[int]:
    """Offsets in (lo, hi) where a sentence starts: after terminal punctuation, or at a line start
    that is not the continuation of a hard-wrapped line."""
    for m in _BOUNDARY.finditer(text, lo, hi):
        nxt = m.end()
        if nxt >= hi or text[nxt].islower():
            continue
        if m.group(1) == "." and not _period_ends_sentence(text, m.start(1), nxt):
            continue
        yield nxt
    pos = text.find("\n", lo, hi)
    while pos != -1:
        start = pos + 1
        while start < hi and text[start] in " \t\r\u00a0":
            start += 1
        if start < hi and text[start] != "\n" and not text[start].islower():
            prev_start = text.rfind("\n", 0, pos) + 1
            prev = text[max(prev_start, lo):pos].strip()
            if not prev or not _wrapped(prev):
                yield start
        pos = text.find("\n", pos + 1, hi)


def sentence_start_before(text: str, lo: int, hi: int) -> int:
    """Start of the sentence that ends at ``hi``, not before ``lo`` (skipping leading blanks)."""
    start = lo
    while start < hi and text[start].isspace():
        start += 1
    for candidate in sentence_starts(text, lo, hi):
        if start < candidate < hi:
            start = candidate
    return start
