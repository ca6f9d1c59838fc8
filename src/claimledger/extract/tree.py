"""Walking a dependency parse without recursion.

spaCy's ``Token.subtree`` recurses once per level of the tree: on a degenerate parse (``said `` x
50,000 is one sentence 50,000 levels deep) it overflows the C stack and kills the process. These
walks use an explicit stack over a children table built once per document (kept in the Doc's own
``user_data``, so nothing outlives the document), and cost what they return.
"""
from __future__ import annotations

_KEY = "claimledger.children"


def _children(doc) -> list[list[int]]:
    table = doc.user_data.get(_KEY)
    if table is None or len(table) != len(doc):
        table = [[] for _ in range(len(doc))]
        for t in doc:
            h = t.head.i
            if h != t.i:
                table[h].append(t.i)
        doc.user_data[_KEY] = table
    return table


def children_of(tok) -> list:
    """``list(tok.children)`` (in text order) from the document's children table: spaCy walks the
    token's whole subtree span to find them, which on a long sentence costs its length per call."""
    doc = tok.doc
    return [doc[i] for i in _children(doc)[tok.i]]


def subtree_ids(tok) -> list[int]:
    """Indices of ``tok`` and all its descendants, in text order."""
    kids = _children(tok.doc)
    out, stack = [], [tok.i]
    while stack:
        i = stack.pop()
        out.append(i)
        stack.extend(kids[i])
    out.sort()
    return out


def subtree(tok) -> list:
    """``tok.subtree`` as a list in text order, iteratively."""
    doc = tok.doc
    return [doc[i] for i in subtree_ids(tok)]


def width(tok) -> int:
    """How many tokens the subtree spans (from its left edge to its right edge): O(1)."""
    return tok.right_edge.i - tok.left_edge.i + 1


# ---------------------------------------------------------------- per-document lookups
# ``Doc.text`` joins every token and ``Doc.ents`` builds every entity on each access: called per
# sentence or per claim they make extraction quadratic in the length of the document. These are
# computed once per Doc and kept in its ``user_data``.

def doc_text(doc) -> str:
    """``doc.text``, built once."""
    key = "claimledger.text"
    t = doc.user_data.get(key)
    if t is None:
        t = doc.user_data[key] = doc.text
    return t


def _ents(doc):
    key = "claimledger.ents"
    got = doc.user_data.get(key)
    if got is None:
        ents = list(doc.ents)
        got = doc.user_data[key] = (ents, [e.start for e in ents])
    return got


def doc_ents(doc) -> list:
    """``list(doc.ents)``, built once."""
    return _ents(doc)[0]


def ents_within(doc, start: int, end: int) -> list:
    """Entities lying wholly inside tokens [start, end), in order (``Span.ents``)."""
    from bisect import bisect_left
    ents, starts = _ents(doc)
    out = []
    for k in range(bisect_left(starts, start), len(ents)):
        e = ents[k]
        if e.start >= end:
            break
        if e.end <= end:
            out.append(e)
    return out


def ent_at(doc, i: int, labels=None):
    """The entity covering token ``i`` (of one of ``labels``), or None."""
    from bisect import bisect_right
    ents, starts = _ents(doc)
    k = bisect_right(starts, i) - 1
    if k >= 0 and ents[k].start <= i < ents[k].end and (labels is None or ents[k].label_ in labels):
        return ents[k]
    return None


def ents_starting(doc, start: int, end: int) -> list:
    """Entities whose first token lies in tokens [start, end), in order (the document's entities
    filtered by start, found by bisection so the work does not grow with the document)."""
    from bisect import bisect_left
    ents, starts = _ents(doc)
    return ents[bisect_left(starts, start):bisect_left(starts, end)]
