"""Token features for the two CRFs, from the spaCy parse only (no word lists: which verbs and
nouns introduce attributions, and in which constructions, is learned from the corpus).

Features are strings (crfsuite attributes of value 1). ``DocFeatures`` reads the parse once per
document into plain lists (token attributes, heads, sentences); ``cue_features`` gives the cue
tagger's features of a sentence, ``role_features`` each token's features relative to one cue
(position, dependency path from the cue) for the source/content tagger.
"""
from __future__ import annotations

from typing import Sequence

_KID_DEPS = ("ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "mark", "prep", "advcl", "agent", "pobj")


def quote_mask(text: str) -> bytearray:
    """1 for characters inside quotation marks (the scorer's definition)."""
    from ..evaluate.attribution import quote_mask as qm
    return qm(text)


def _dist(d: int) -> str:
    a = abs(d)
    b = "0" if a == 0 else "1" if a == 1 else "2" if a == 2 else "3-4" if a < 5 else "5-9" if a < 10 \
        else "10-19" if a < 20 else "20+"
    return ("-" if d < 0 else "+") + b


class DocFeatures:
    """The parse of one document as lists, and each token's own features."""

    def __init__(self, doc, mask: bytearray):
        self.doc = doc
        n = len(doc)
        self.heads = heads = [0] * n
        self.deps = deps = [""] * n
        self.lemmas = lemmas = [""] * n
        self.words: list[list[str]] = [None] * n      # "w=", "p=" (for neighbours)
        self.base: list[list[str]] = [None] * n
        self.sent = [0] * n
        self.space = [False] * n
        self.sents: list[list[int]] = []
        toks = list(doc)                       # one Token object each: spaCy makes a new one per access
        for k, sent in enumerate(doc.sents):
            idx = []
            for i in range(sent.start, sent.end):
                self.sent[i] = k
                if toks[i].is_space:
                    self.space[i] = True
                else:
                    idx.append(i)
            self.sents.append(idx)
        from ..extract.lexicon import cues
        lexicon = cues()
        lex_verbs = getattr(lexicon, "verbs", frozenset())
        lex_nouns = getattr(lexicon, "nouns", frozenset())
        kids: list[list[int]] = [[] for _ in range(n)]
        poses = [t.pos_ for t in toks]
        for i, t in enumerate(toks):
            h = t.head.i
            heads[i] = h
            deps[i] = t.dep_
            lemmas[i] = t.lemma_.lower()
            if h != i:
                kids[h].append(i)
        for i, t in enumerate(toks):
            lower = t.lower_
            pos = poses[i]
            h = heads[i]
            f = ["w=" + lower, "l=" + lemmas[i], "p=" + pos, "t=" + t.tag_, "d=" + deps[i],
                 "s3=" + lower[-3:], "sh=" + t.shape_[:4], "hl=" + lemmas[h], "hd=" + deps[h],
                 "hp=" + poses[h] if h != i else "hp=ROOT", "ld=" + lemmas[i] + "|" + deps[i]]
            if t.idx < len(mask) and mask[t.idx]:
                f.append("inq")
            if t.ent_type_:
                f.append("e=" + t.ent_type_)
            if t.is_sent_start:
                f.append("ss")
            kd = {deps[c] for c in kids[i]}
            f.extend("k=" + k for k in _KID_DEPS if k in kd)
            if "ccomp" in kd or "xcomp" in kd:
                f.append("lk=" + lemmas[i] + "|" + ("ccomp" if "ccomp" in kd else "xcomp"))
            if lemmas[i] in lex_verbs:
                f.append("lex=verb")
            elif lemmas[i] in lex_nouns:
                f.append("lex=noun")
            subj = next((c for c in kids[i] if deps[c] in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                st = toks[subj]
                f.append("subj=" + (st.ent_type_ or poses[subj]))
            if any(deps[c] in ("ccomp", "advcl") and any(lemmas[g] == "that" and deps[g] == "mark" for g in kids[c])
                   for c in kids[i]):
                f.append("k=that")
            self.base[i] = f
            self.words[i] = ["w=" + lower, "p=" + pos, "l=" + lemmas[i]]
        self.kids = kids
        self.lex = [lm in lex_verbs or lm in lex_nouns for lm in lemmas]
        self.inq = [("inq" in f) for f in self.base]
        self.sent_quoted = [any(self.inq[i] for i in idx) for idx in self.sents]
        self._role_static: dict[tuple[int, int, int], list[str]] = {}

    def role_static(self, i: int, prev: int, nxt: int) -> list[str]:
        """A token's features that do not depend on the cue (a fresh list: callers extend it)."""
        key = (i, prev, nxt)
        f = self._role_static.get(key)
        if f is None:
            f = [a for a in self.base[i] if not a.startswith("s3=")]
            if prev >= 0:
                f.extend("-1:" + a for a in self.words[prev][:2])
            if nxt >= 0:
                f.extend("+1:" + a for a in self.words[nxt][:2])
            self._role_static[key] = f
        return list(f)


def cue_features(df: DocFeatures, idx: Sequence[int]) -> list[list[str]]:
    """Features of the tokens ``idx`` (document indices, a sentence) for the cue tagger."""
    out = []
    n = len(idx)
    words = df.words
    for k, i in enumerate(idx):
        f = list(df.base[i])
        if df.sent_quoted[df.sent[i]]:
            f.append("sq")
        lem, dep = df.lemmas, df.deps
        f.append("pd=" + df.words[i][1][2:] + "|" + dep[i])
        if k > 0:
            j = idx[k - 1]
            f.append("bl=" + lem[j] + "|" + lem[i])
            f.append("-1:d=" + dep[j])
        if k + 1 < n:
            j = idx[k + 1]
            f.append("br=" + lem[i] + "|" + lem[j])
            f.append("+1:d=" + dep[j])
        if df.lex[df.heads[i]]:
            f.append("hlex")
        for d in (-2, -1, 1, 2):
            kk = k + d
            if 0 <= kk < n:
                f.extend(f"{d:+d}:{a}" for a in words[idx[kk]])
            else:
                f.append(f"{d:+d}:edge")
        out.append(f)
    return out


def cue_head(df: DocFeatures, start: int, end: int) -> int:
    """The token of [start, end) whose head lies outside it (the first such), the cue's head."""
    for i in range(start, end):
        h = df.heads[i]
        if not (start <= h < end) or h == i:
            return i
    return start


def role_features(df: DocFeatures, idx: Sequence[int], cue: tuple[int, int]) -> list[list[str]]:
    """Features of tokens ``idx`` relative to the cue [cue[0], cue[1])."""
    cs, ce = cue
    heads, deps = df.heads, df.deps
    h = cue_head(df, cs, ce)
    hl = df.lemmas[h]
    hsent = df.sent[h]
    cue_inq = df.inq[h]
    anc = {}
    a, depth = h, 0
    while heads[a] != a and depth < 30:
        a = heads[a]
        anc[a] = depth
        depth += 1
    out = []
    n = len(idx)
    for k, i in enumerate(idx):
        f = df.role_static(i, idx[k - 1] if k > 0 else -1, idx[k + 1] if k + 1 < n else -1)
        if cs <= i < ce:
            f.append("cue")
            out.append(f)
            continue
        side = "L" if i < cs else "R"
        f.append("rel=" + _dist(i - cs if i < cs else i - (ce - 1)))
        f.append("side=" + side)
        si = df.sent[i]
        f.append("sent=" + ("same" if si == hsent else "prev" if si < hsent else "next"))
        x, path, depth = i, None, 0
        while depth < 30:
            hx = heads[x]
            if hx == h and x != h:
                path = deps[x]
                break
            if hx == x:
                break
            x = hx
            depth += 1
        if path is not None:
            f.append("under=" + path)
            f.append("under=" + path + "|" + hl)
            if heads[i] == h:
                f.append("child=" + deps[i])
        elif i in anc:
            f.append("anc=" + str(min(anc[i], 3)))
        else:
            # under an ancestor of the cue by another branch: "X is true, he said" (said under "is")
            x, depth, branch = i, 0, None
            while depth < 30 and heads[x] != x:
                if heads[x] in anc:
                    branch = deps[x]
                    f.append("lca=" + str(min(anc[heads[x]], 2)) + "|" + branch)
                    f.append("lca|cd=" + branch + "|" + deps[h])
                    break
                x = heads[x]
                depth += 1
            if branch is None:
                f.append("out")
        if df.inq[i]:
            f.append("q=" + ("both" if cue_inq else "tok"))
        elif cue_inq:
            f.append("q=cue")
        f.append("cl=" + hl)
        f.append("cl|side=" + hl + "|" + side)
        out.append(f)
    return out
