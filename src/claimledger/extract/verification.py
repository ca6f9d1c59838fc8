"""Verification status from the document's own words.

- "have not been independently confirmed", "could not be verified", "unverified" -> unconfirmed,
  for the attributed claims in that sentence, else those before it in the same paragraph
  ("The accusations have not been independently confirmed by the BBC." follows the accusations);
- "verified by", "geolocated by", "has confirmed" (not negated) -> confirmed, same scope;
- a denial by another source -> the denied claim is disputed, and a denial that names no event
  ("denied the reports") denies the type of the claim it answers.
Nothing said -> unknown. The sentence that says so is kept as ``verification.text``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..models import Verification

UNCONFIRMED = re.compile(
    r"\b(?:(?:not|n't|never|yet to)\s+(?:been\s+|be\s+)?(?:independently\s+)?(?:confirm(?:ed)?|verif(?:y|ied)|corroborat(?:e|ed)|substantiat(?:e|ed))"
    r"|(?:could|can|cannot|can't|couldn't|was|were|is|are)\s+(?:not\s+)?(?:un)?able\s+to\s+(?:independently\s+)?(?:confirm|verify|corroborate)"
    r"|(?:could not|cannot|can't|couldn't)\s+(?:be\s+)?(?:independently\s+)?(?:confirm(?:ed)?|verif(?:y|ied)|corroborat(?:e|ed))"
    r"|unverified|unconfirmed|no independent (?:confirmation|verification)|impossible to (?:independently )?verify)\b",
    re.I)
CONFIRMED = re.compile(
    r"\b(?:(?:verified|confirmed|geolocated|authenticated|corroborated)\s+by"
    r"|(?:has|have|had)\s+(?:independently\s+)?(?:verified|confirmed|geolocated|authenticated)"
    r"|independently\s+(?:verified|confirmed|geolocated))\b", re.I)
REFERENCE_WORDS = re.compile(r"\b(?:claims?|reports?|allegations?|accusations?|assertions?|figures?|accounts?|it|this|that|them)\b", re.I)


NEGATED = re.compile(r"^(?:no|nobody|none|nothing|neither|not)\b|\b(?:had|has|have|was|were|is|are|did|does|do)\s+(?:not|never)\b|n't\b", re.I)
STOP = {"the", "and", "had", "has", "have", "been", "was", "were", "that", "this", "with", "from", "for", "its",
        "their", "any", "all", "not", "nobody", "none", "never", "said", "also", "into", "over", "they", "there"}


def _other_side(a, b) -> bool:
    """Two sources that are known to speak for different parties (or different named bodies when
    no party is known)."""
    if a.party and b.party:
        return a.party != b.party
    return bool(a.name and b.name and a.name != b.name)


def _stems(s: str) -> set[str]:
    """Crude stems ('shelled', 'shell' -> 'shell') so a denial meets the claim it answers."""
    return {w[:5] for w in _tokens(s)}


def _tokens(s: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", s.lower()) if len(w) > 2 and w not in STOP}


class _Index:
    """The attributed claims (in span order) looked up by start offset and by paragraph, so the
    work per verification sentence or denial does not grow with the document. Every lookup
    returns what a scan of ``attributed`` in order would: the same claims, in the same order."""

    def __init__(self, attributed, paragraphs, blocks):
        self.attributed = attributed
        self.starts = [c.span[0] for c in attributed]
        self.longest = max((c.span[1] - c.span[0] for c in attributed), default=0)
        self.position = {id(c): i for i, c in enumerate(attributed)}
        self.by_paragraph: dict = {}
        for c in attributed:
            self.by_paragraph.setdefault(paragraphs.get(id(c)), []).append(c)
        self.blocks = blocks
        self.block_starts = [b.start for b in blocks]
        self.blocks_sorted = all(a <= b for a, b in zip(self.block_starts, self.block_starts[1:]))

    def starting_in(self, s0: int, s1: int) -> list:
        return self.attributed[bisect_left(self.starts, s0):bisect_left(self.starts, s1)]

    def in_paragraphs(self, paras) -> list:
        """Claims of the paragraphs ``paras``, in span order."""
        got = [c for p in paras for c in self.by_paragraph.get(p, ())]
        return sorted(got, key=lambda c: self.position[id(c)]) if len(paras) > 1 else got

    def ending_after(self, offset: int, i: int) -> list:
        """attributed[:i], less claims that cannot end after ``offset`` (they start too early)."""
        return self.attributed[bisect_left(self.starts, offset - self.longest + 1):i]

    def paragraph_of(self, offset: int) -> int:
        if not self.blocks_sorted:
            return _paragraph_of(offset, self.blocks)
        k = bisect_right(self.block_starts, offset) - 1
        return self.blocks[k].paragraph if k >= 0 else -1


def apply_verification(claims, spdoc, text, blocks, paragraphs) -> None:
    ordered = sorted(claims, key=lambda c: c.span)
    attributed = [c for c in ordered if c.attribution != "author"]
    index = _Index(attributed, paragraphs, blocks)
    for sent in spdoc.sents:
        st = sent.text
        if not st.strip():
            continue
        status = None
        if UNCONFIRMED.search(st):
            status = "unconfirmed"
        elif CONFIRMED.search(st):
            # "Neither side's figures could be independently confirmed" is the opposite
            status = "unconfirmed" if NEGATION.search(st) else "confirmed"
        if status is None:
            continue
        s0, s1 = sent.start_char, sent.end_char
        in_sentence = [c for c in index.starting_in(s0, s1) if c.type != "denial"]
        if in_sentence:
            targets = in_sentence
        else:
            para = index.paragraph_of(s0)
            earlier = [c for c in index.in_paragraphs([para]) if c.span[0] < s0 and c.type != "denial"]
            if not earlier or BOTH_SIDES.search(st):
                earlier += [c for c in index.in_paragraphs([para - 1]) if c.span[0] < s0 and c.type != "denial"]
            targets = _narrow(st, earlier)
        for c in targets:
            if c.verification.status in ("unknown", status):
                c.verification = Verification(status=status, text=st.strip(), span=_stripped(text, s0, s1))

    # a flat contradiction by the other side ("The ministry insisted that no aircraft had been
    # damaged" after "drones struck ... aircraft shelters") is a denial too
    for i, d in enumerate(attributed):
        if d.type == "denial" or not NEGATED.search(d.content):
            continue
        dt = _stems(d.content)
        for c in reversed(attributed[:i]):
            if d.span[0] - c.span[1] > 1200:
                break
            if c.type == "denial" or not _other_side(c.source, d.source):
                continue
            if len(dt & _stems(c.content)) >= 1 and c.type in ("attack", "casualties", "territorial_control", "deployment", "other"):
                d.denies = d.type if d.type not in ("statement", "other") else c.type
                d.type = "denial"
                break

    # denials: the denied claim is disputed
    for i, d in enumerate(attributed):
        if d.type != "denial":
            continue
        before = [c for c in index.ending_after(d.span[0] - 1500, i) if c.type != "denial"
                  and c.source.name != d.source.name and d.span[0] - c.span[1] < 1500]
        if not before:
            continue
        dt = _tokens(d.content)
        scored = []
        for c in before:
            ct = _tokens(c.content)
            j = len(dt & ct) / max(1, len(dt | ct))
            scored.append((j, c.span[0], c))
        scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
        best = scored[0]
        if best[0] < 0.12:
            # "denied the reports", "denied losing any positions": the nearest earlier claim of
            # another source, when it is close by (a denial answers what was just reported)
            near = [x for x in scored if d.span[0] - x[2].span[1] < 700]
            if not near or (not REFERENCE_WORDS.search(d.content) and len(dt) > 8):
                continue
            best = max(near, key=lambda x: x[1])
        target = best[2]
        targets = [target]
        if best[0] < 0.12 and ACCOUNT_WORDS.search(d.content):
            # "disputed the account": every event the other side reported before it
            targets = _account_before(index, d.span[0], d.source, paragraphs.get(id(d)), paragraphs) or [target]
        else:
            # a denial answers the other side's account, not one sentence of it: the events the
            # denied claim's side reported just before are disputed with it
            side = _identity(target.source)
            targets += [c for c in _account_before(index, d.span[0], d.source, paragraphs.get(id(d)), paragraphs)
                        if c is not target and c.verification.status == "unknown" and (
                            side & _identity(c.source) or (c.source.party and c.source.party == target.source.party))]
        for t in targets:
            t.verification = Verification(status="disputed", text=d.sentence, span=d.sentence_span)
        if d.denies not in EVENT_TYPES and target.type in EVENT_TYPES:
            # "denied the reports", "rejected the accusations": it denies what it answers
            d.denies = target.type

    # the outlet's own "X gave a different account": the other side's earlier events are disputed
    for sent in spdoc.sents:
        m = COUNTER_ACCOUNT.search(sent.text)
        if not m:
            continue
        s0 = sent.start_char
        subject = sent.text[:m.start()].strip()
        who = type("Who", (), {"name": subject, "text": subject, "party": None, "role": None, "affiliation": None})()
        for t in _account_before(index, s0, who, index.paragraph_of(s0), paragraphs):
            if t.verification.status in ("unknown", "disputed"):
                t.verification = Verification(status="disputed", text=sent.text.strip(),
                                              span=_stripped(text, sent.start_char, sent.end_char))


ACCOUNT_WORDS = re.compile(r"\b(?:account|accounts|claims|reports|allegations|accusations|version|assertions|figures)\b", re.I)
FIGURE_WORDS = re.compile(r"\b(?:figures?|tolls?|numbers?|tally|count|casualty figures)\b", re.I)


NEGATION = re.compile(r"\b(?:not|n't|no|neither|nor|none|never|unable|impossible|cannot)\b", re.I)
BOTH_SIDES = re.compile(r"\b(?:neither|both|either|all)\s+(?:side|sides|party|parties|account|accounts|claim|claims)\b", re.I)
COUNTER_ACCOUNT = re.compile(
    r"\b(?:gave|offered|provided|presented|painted|had)\s+(?:a|an)\s+(?:\w+\s+)?(?:different|conflicting|contradictory|"
    r"contrasting|opposing|competing|rival)\s+(?:account|version|picture|narrative|story)"
    r"|\b(?:disputed|contradicted|contested|rejected|refuted)\s+(?:the|this|that|these|those|such)\s+"
    r"(?:account|accounts|claim|claims|version|report|reports|allegations?|figures?)\b", re.I)
EVENT_TYPES = {"attack", "casualties", "territorial_control", "deployment", "other"}


def _identity(src) -> set[str]:
    words = " ".join(filter(None, (getattr(src, "name", None), getattr(src, "text", None),
                                    getattr(src, "affiliation", None), getattr(src, "resolved_from", None))))
    return {w for w in re.findall(r"[a-z0-9]+", words.lower()) if len(w) > 2 and w not in STOP
            and w not in {"said", "spokesman", "spokeswoman", "official", "officials", "group", "forces"}}


def _account_before(index: _Index, offset: int, disputer, para, paragraphs) -> list:
    """Event claims made before ``offset`` in this paragraph and the two before it, by anyone
    who is not the disputer."""
    mine = _identity(disputer)
    party = getattr(disputer, "party", None)
    out = []
    if para is None:
        return out
    for c in index.in_paragraphs([para - 2, para - 1, para]):
        if c.span[0] >= offset or c.type not in EVENT_TYPES:
            continue
        p = paragraphs.get(id(c))
        if para is None or p is None or not (para - 2 <= p <= para):
            continue
        if party and c.source.party == party:
            continue
        if mine & _identity(c.source):
            continue
        out.append(c)
    return out


def _narrow(sentence: str, claims: list) -> list:
    """'The ministry's figures could not be verified' is about the ministry's claims that carry a
    figure, not every claim before it."""
    m = re.search(r"\b(?:The|the)\s+((?:[A-Z][\w-]*\s+)*[\w-]+?)(?:['\u2019]s?)\s+(?:figures?|claims?|accounts?|"
                  r"tolls?|numbers?|reports?|statements?|assertions?)\b", sentence)
    out = claims
    if m:
        who = m.group(1).lower()
        named = [c for c in claims if who in " ".join(filter(None, (c.source.name, c.source.text, c.source.role,
                                                                      c.source.resolved_from))).lower()]
        out = named or claims
    if FIGURE_WORDS.search(sentence):
        with_figures = [c for c in out if c.quantities]
        out = with_figures or out
    return out


def _stripped(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e)


def _paragraph_of(offset: int, blocks) -> int:
    para = -1
    for b in blocks:
        if b.start <= offset:
            para = b.paragraph
    return para
