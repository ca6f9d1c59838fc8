"""Token features for the two CRFs, from the spaCy parse only (no word lists: which verbs and
nouns introduce attributions, and in which constructions, is learned from the corpus).

Features are strings (crfsuite attributes of value 1). ``token_features`` is computed once per
document; ``cue_features`` adds context for the cue tagger, ``role_features`` adds each token's
relation to one cue (position, dependency path) for the source/content tagger.
"""
from __future__ import annotations

from typing import Sequence

_QUOTES_OPEN = "\u201c\"\u00ab"
_QUOTES_CLOSE = "\u201d\"\u00bb"


def quote_depth(text: str) -> bytearray:
    """1 for characters inside double quotation marks, paired within a line (an unclosed quote
    runs to the end of its line)."""
    from ..evaluate.attribution import quote_mask
    return quote_mask(text)


def _dist(d: int) -> str:
    a = abs(d)
    b = "0" if a == 0 else "1" if a == 1 else "2" if a == 2 else "3-4" if a < 5 else "5-9" if a < 10 \
        else "10-19" if a < 20 else "20+"
    return ("-" if d < 0 else "+") + b


def token_features(doc, mask: bytearray) -> list[list[str]]:
    """Per token of ``doc``: its own form, parse and quotation context."""
    out = []
    for t in doc:
        lower = t.lower_
        f = [
            "w=" + lower, "l=" + t.lemma_.lower(), "p=" + t.pos_, "t=" + t.tag_, "d=" + t.dep_,
            "s3=" + lower[-3:], "sh=" + t.shape_[:4],
            "hl=" + t.head.lemma_.lower(), "hd=" + t.head.dep_, "hp=" + t.head.pos_,
            "ld=" + t.lemma_.lower() + "|" + t.dep_,
        ]
        if t.idx < len(mask) and mask[t.idx]:
            f.append("inq")
        if t.ent_type_:
            f.append("e=" + t.ent_type_)
        if t.is_sent_start:
            f.append("ss")
        kids = {c.dep_ for c in t.children}
        for k in ("ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "mark", "prep", "advcl", "agent", "pobj"):
            if k in kids:
                f.append("k=" + k)
        if any(c.lower_ == "that" and c.dep_ == "mark" for c in t.subtree if c.head.head is t or c.head is t):
            f.append("k=that")
        out.append(f)
    return out


def cue_features(base: list[list[str]], idx: Sequence[int]) -> list[list[str]]:
    """Features of the tokens ``idx`` (document indices, a sentence) for the cue tagger."""
    out = []
    n = len(idx)
    for k, i in enumerate(idx):
        f = list(base[i])
        for d in (-2, -1, 1, 2):
            kk = k + d
            if 0 <= kk < n:
                f.extend(f"{d:+d}:{a}" for a in base[idx[kk]] if a.startswith(("w=", "p=", "l=")))
            else:
                f.append(f"{d:+d}:edge")
        out.append(f)
    return out


def cue_head(doc, start: int, end: int):
    """The token of doc[start:end] whose head lies outside it (the first such), the cue's head."""
    for t in doc[start:end]:
        if not (start <= t.head.i < end) or t.head is t:
            return t
    return doc[start]


def role_features(doc, base: list[list[str]], idx: Sequence[int], cue: tuple[int, int]) -> list[list[str]]:
    """Features of tokens ``idx`` relative to the cue doc[cue[0]:cue[1]]."""
    cs, ce = cue
    h = cue_head(doc, cs, ce)
    hl = h.lemma_.lower()
    hsent = h.sent.start
    anc = {}
    a, depth = h, 0
    while a.head is not a and depth < 30:
        anc[a.head.i] = depth
        a = a.head
        depth += 1
    out = []
    for i in idx:
        t = doc[i]
        f = [a for a in base[i] if not a.startswith("s3=")]
        if cs <= i < ce:
            f.append("cue")
            out.append(f)
            continue
        rel = i - cs if i < cs else i - (ce - 1)
        f.append("rel=" + _dist(rel))
        f.append("side=" + ("L" if i < cs else "R"))
        f.append("sent=" + ("same" if t.sent.start == hsent else "prev" if i < cs else "next"))
        # the dependency path from the cue's head: down into its subtree, or up to an ancestor
        x, path, depth = t, None, 0
        while depth < 30:
            if x.head.i == h.i and x is not h:
                path = x.dep_
                break
            if x.head is x:
                break
            x = x.head
            depth += 1
        if path is not None:
            f.append("under=" + path)
            f.append("under=" + path + "|" + hl)
            if t.head.i == h.i:
                f.append("child=" + t.dep_)
        elif i in anc:
            f.append("anc=" + str(min(anc[i], 3)))
        else:
            f.append("out")
        f.append("cl=" + hl)
        f.append("cl|side=" + hl + "|" + ("L" if i < cs else "R"))
        out.append(f)
    # neighbours' positional labels help the chain find span edges
    for k in range(len(out)):
        if k > 0:
            out[k].extend("-1:" + a for a in base[idx[k - 1]] if a.startswith(("w=", "p=")))
        if k + 1 < len(out):
            out[k].extend("+1:" + a for a in base[idx[k + 1]] if a.startswith(("w=", "p=")))
    return out
