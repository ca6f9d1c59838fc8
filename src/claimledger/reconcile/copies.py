"""Copies and derivatives of documents: exact and near duplicates (MinHash/LSH over word
shingles), and reworded derivatives (sentence alignment with rapidfuzz, plus shared rare figures,
names and quotes, plus the tell-tale "not independently confirmed by <outlet>").

Candidates come from the LSH index and from an inverted index of rare features, never from
comparing every pair; each candidate pair is then verified by aligning sentences. The result is
a ``Derivation``: the copy, the report it derives from, a kind (duplicate | copy | rewrite), a
score, and the evidence (aligned sentence pairs with their offsets, shared features, hints).
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Optional

import numpy as np
from datasketch import MinHash
from rapidfuzz import fuzz, process

from .settings import ReconcileSettings

_TOKEN = re.compile(r"\w+", re.U)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\S)")
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\w,])|(?<![\w.,])\d+(?:\.\d+)?(?![\w])")
_NAME = re.compile(r"(?<![\w])(?:[A-Z][\w’'-]+)(?: +(?:[A-Z][\w’'-]+|(?:of|de|al|bin)(?= +[A-Z])))*")
_QUOTE = re.compile(r"[\"“]([^\"“”]{12,300})[\"”]")
# "not (been) independently confirmed/verified by the BBC", "could not independently verify",
# "The BBC has not been able to verify": the outlet named is whose report the text follows.
_VERIFY_BY = re.compile(
    r"(?:not|n't|unable to|never)\s+(?:been\s+)?(?:able\s+to\s+)?(?:be\s+)?(?:independently\s+)?"
    r"(?:confirm|verif|corroborat)\w*\s+(?:by|with)\s+(?:the\s+)?([A-Z][\w&’'-]*(?: +[A-Z][\w&’'-]*){0,3})")
_OUTLET_COULD_NOT = re.compile(
    r"(?:^|[.!?]\s+|\n)(?:The\s+)?([A-Z][\w&’'-]*(?: +[A-Z][\w&’'-]*){0,3})\s+(?:could|was|were|has|have|had|is)\s+"
    r"(?:not|unable|n't)\b[^.]{0,40}?(?:confirm|verif|corroborat)")
_WIRE_DATELINE = re.compile(r"\((Reuters|AP|AFP|Yonhap|TASS|Xinhua|dpa|Anadolu)\)|/(TASS)/", re.I)


@dataclass
class Derivation:
    document_id: str
    derived_from: str
    kind: str
    score: float
    evidence: dict[str, Any] = field(default_factory=dict)


def content_regions(doc: dict) -> list[tuple[int, int]]:
    """The parts of a stored document that are article text (not excluded regions)."""
    text = doc["text"]
    cuts = sorted(tuple(r) for r in doc.get("excluded") or [])
    out, pos = [], 0
    for s, e in cuts:
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def sentences(doc: dict) -> list[tuple[int, int]]:
    """Sentence spans of a document's article text (headline included)."""
    text = doc["text"]
    spans = []
    for a, b in content_regions(doc):
        start = a
        for m in _SENTENCE_END.finditer(text, a, b):
            spans.append((start, m.start()))
            start = m.end()
        spans.append((start, b))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= 3 and _TOKEN.search(text[s:e]):
            out.append((s, e))
    return out


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text.replace("’", "'"))]


def rare_features(text: str) -> list[str]:
    """Figures ("n:30"), multi-word or unusual names ("e:martynovka") and quotes ("q:...") of a
    text: what a rewrite keeps when it changes every other word. Rarity is judged later against
    the whole ledger (document frequency)."""
    text = text.replace("’", "'")
    feats = set()
    for m in _NUMBER.finditer(text):
        v = m.group(0).replace(",", "")
        if len(v) >= 2 or v not in "0123456789":
            feats.add("n:" + v)
    for m in _NAME.finditer(text):
        name = m.group(0)
        start = m.start()
        at_sentence_start = start == 0 or re.search(r"[.!?\n][\"”']?\s*$", text[max(0, start - 4):start])
        if at_sentence_start and " " not in name:
            continue
        feats.add("e:" + name.lower())
    for m in _QUOTE.finditer(text):
        words = tokens(m.group(1))
        if len(words) >= 3:
            feats.add("q:" + " ".join(words[:8]))
    return sorted(feats)


def shingles(words: list[str], k: int) -> set[bytes]:
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


def signature(doc: dict, settings: ReconcileSettings) -> tuple[bytes, dict[str, Any]]:
    """(MinHash hash values as bytes, data) for a stored document dict: data holds the sentence
    spans and rare features."""
    spans = sentences(doc)
    text = doc["text"]
    words = [w for s, e in spans for w in tokens(text[s:e])]
    m = MinHash(num_perm=settings.minhash_perm, seed=1, scheme="affine32", hashfunc=_shingle_hash,
                permutations=_permutations(settings.minhash_perm))
    sh = shingles(words, settings.shingle_words)
    if sh:
        m.update_batch(sorted(sh))
    body = "\n".join(text[s:e] for s, e in spans)
    values = m.hashvalues.astype("<u4")
    return (values.tobytes(), {"sentences": [list(s) for s in spans], "features": rare_features(body),
                               "bands": band_keys(values, settings), "words": len(words)})


@lru_cache(maxsize=4)
def _permutations(num_perm: int):
    return MinHash(num_perm=num_perm, seed=1, scheme="affine32").permutations


def _shingle_hash(b: bytes) -> int:
    """CRC-32 of a shingle: stable across processes (stored signatures stay comparable) and done
    in C (datasketch's default SHA-1 per shingle dominated the cost)."""
    return zlib.crc32(b)


def hashvalues(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """MinHash estimate of the Jaccard similarity of two documents' shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a) if len(a) == len(b) and len(a) else 0.0


@lru_cache(maxsize=8)
def lsh_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) minimising false positives and negatives around the threshold (datasketch's
    own choice for MinHashLSH: 25 bands of 5 rows for 0.5 and 128 permutations)."""
    try:
        from datasketch.lsh import _optimal_param
        return tuple(_optimal_param(threshold, num_perm, 0.5, 0.5))
    except Exception:   # pragma: no cover - datasketch internals moved
        return 25, 5


def band_keys(values: np.ndarray, settings: ReconcileSettings) -> list[str]:
    """LSH band features ("lsh:<band>:<hash>"): two documents sharing one are near-duplicate
    candidates."""
    bands, rows = lsh_shape(settings.lsh_jaccard, settings.minhash_perm)
    return [f"lsh:{i}:{zlib.crc32(values[i * rows:(i + 1) * rows].tobytes()):08x}" for i in range(bands)]


def verification_hints(text: str) -> list[str]:
    """Outlets a text names as the ones that could not confirm, verify or corroborate the story,
    and wire agencies in a dateline: the reports it most likely follows."""
    names = [m.group(1) for m in _VERIFY_BY.finditer(text)]
    names += [m.group(1) for m in _OUTLET_COULD_NOT.finditer(text)]
    names += [m.group(1) or m.group(2) for m in _WIRE_DATELINE.finditer(text)]
    return [n.strip(" .") for n in names if n]


def _same_outlet(a: Optional[str], b: Optional[str]) -> bool:
    if not a or not b:
        return False
    fa, fb = _outlet_key(a), _outlet_key(b)
    return bool(fa) and (fa == fb or fa in fb.split() or fb in fa.split()
                         or fa.replace(" ", "") == fb.replace(" ", ""))


@lru_cache(maxsize=4096)
def _outlet_key(name: str) -> str:
    words = [w for w in tokens(name) if w not in ("the", "news", "com", "www", "org", "co", "uk")]
    return " ".join(words)


def prepare(doc: dict, settings: ReconcileSettings) -> dict:
    """Per-document work reused across all its candidate pairs (cached on the dict): sentences,
    their tokens, which are long enough to align, and the outlets its text names as unverified."""
    p = doc.get("_prep")
    if p is None:
        text = doc["text"]
        sents = [(tuple(s), text[s[0]:s[1]]) for s in doc["sig"]["sentences"]]
        toks = [" ".join(tokens(t)) for _, t in sents]
        keep = [i for i, t in enumerate(toks) if t and t.count(" ") + 1 >= settings.align_min_words]
        p = doc["_prep"] = {"sents": sents, "tok": toks, "keep": keep, "hints": verification_hints(text)}
    return p


def align(a: dict, b: dict, settings: ReconcileSettings, threshold: Optional[float] = None) -> list[dict]:
    """Sentence pairs of two prepared documents (each sentence used at most once) whose similarity
    reaches ``settings.align_min``: the mean of rapidfuzz's token-set ratio and plain ratio
    (token-set alone rates any sentence contained in a longer one 100; the plain ratio keeps a short
    shared phrase from aligning two different sentences). Sentences under ``align_min_words`` words
    are not aligned."""
    pa, pb = prepare(a, settings), prepare(b, settings)
    if not pa["keep"] or not pb["keep"]:
        return []
    at = [pa["tok"][i] for i in pa["keep"]]
    bt = [pb["tok"][j] for j in pb["keep"]]
    # a mean of at least align_min needs each score at least 2 * align_min - 100: the cheap plain
    # ratio first, and the pair is dropped early when too few sentences can reach it
    threshold = settings.align_min if threshold is None else threshold
    floor = max(0.0, 2 * threshold - 100)
    plain = process.cdist(at, bt, scorer=fuzz.ratio, dtype=np.float64, score_cutoff=floor)
    if min(np.count_nonzero(plain.any(axis=1)), np.count_nonzero(plain.any(axis=0))) < settings.min_pairs:
        return []
    sim = (process.cdist(at, bt, scorer=fuzz.token_set_ratio, dtype=np.float64) + plain) / 2
    cands = sorted(((float(sim[i, j]), pa["keep"][i], pb["keep"][j])
                    for i, j in zip(*np.nonzero(sim >= threshold))),
                   key=lambda t: (-t[0], t[1], t[2]))
    used_a, used_b, pairs = set(), set(), []
    for score, i, j in cands:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append({"original": list(pa["sents"][i][0]), "derived": list(pb["sents"][j][0]),
                      "similarity": round(score, 1), "original_text": pa["sents"][i][1],
                      "derived_text": pb["sents"][j][1]})
    pairs.sort(key=lambda p: p["derived"][0])
    return pairs


def _coverage(doc: dict, pairs: list[dict], settings: ReconcileSettings) -> float:
    p = prepare(doc, settings)
    if not p["keep"]:
        return 0.0
    hit = {tuple(x["derived"]) for x in pairs}
    return sum(1 for i in p["keep"] if p["sents"][i][0] in hit) / len(p["keep"])


def compare(a: dict, b: dict, settings: ReconcileSettings, *, jaccard: float) -> Optional[Derivation]:
    """Decide whether one of two documents derives from the other.

    ``a`` and ``b`` are document dicts with ``text``, ``outlet``, ``published``, ``id`` and
    ``sig`` (the signature data); ``jaccard`` is their MinHash estimate. The direction: a document naming the other's outlet as the one that could
    not confirm the story (or as its wire dateline) follows it; else the later publication
    follows the earlier; else the derivation is recorded from the larger id to the smaller with
    ``direction: "unknown"``. The result depends only on the two documents."""
    hints_a = [h for h in prepare(a, settings)["hints"] if _same_outlet(h, b.get("outlet"))
               and not _same_outlet(h, a.get("outlet"))]
    hints_b = [h for h in prepare(b, settings)["hints"] if _same_outlet(h, a.get("outlet"))
               and not _same_outlet(h, b.get("outlet"))]
    if hints_a and not hints_b:
        derived, original, direction, hints = a, b, "hint", hints_a
    elif hints_b and not hints_a:
        derived, original, direction, hints = b, a, "hint", hints_b
    elif (a.get("published") or "") != (b.get("published") or "") and a.get("published") and b.get("published"):
        derived, original = (a, b) if a["published"] > b["published"] else (b, a)
        direction, hints = "published", []
    else:
        derived, original = (a, b) if a["id"] > b["id"] else (b, a)
        direction, hints = "unknown", []
    if derived.get("published") and original.get("published") and derived["published"] < original["published"]:
        return None   # nothing copies a report published after it
    if jaccard < settings.duplicate_jaccard and _same_outlet(a.get("outlet"), b.get("outlet")):
        return None   # an outlet updating its own story writes a new report, not a copy
    # naming the other outlet as the one that could not confirm is strong evidence on its own: the
    # sentences then need only resemble each other (a spun rewrite rewords every one)
    pairs = align(original, derived, settings, threshold=settings.align_min_hinted if hints else None)
    coverage = _coverage(derived, pairs, settings)
    mean_sim = sum(p["similarity"] for p in pairs) / len(pairs) if pairs else 0.0
    # all shared features count here (rarity only chose the candidates), so the score of a pair
    # does not depend on what else the ledger held when it was compared
    fa, fb = set(a["sig"]["features"]), set(b["sig"]["features"])
    shared = sorted(fa & fb)
    feat = len(shared) / max(1, min(len(fa), len(fb)))
    closeness = max(0.0, (mean_sim - settings.align_min) / (100 - settings.align_min)) if pairs else 0.0
    score = (settings.weight_coverage * coverage + settings.weight_similarity * closeness
             + settings.weight_features * feat + (settings.hint_bonus if hints else 0.0))
    score = round(min(1.0, score), 3)
    if jaccard < settings.duplicate_jaccard and len(pairs) < settings.min_pairs:
        return None
    if jaccard < settings.duplicate_jaccard and (score < settings.derivative_min or coverage < settings.coverage_min):
        return None   # a near-duplicate needs no alignment (a one-sentence text has none to count)
    if jaccard >= settings.duplicate_jaccard:
        kind = "duplicate"
    elif coverage >= 0.6 and mean_sim >= 95:
        kind = "copy"
    else:
        kind = "rewrite"
    evidence = {"direction": direction, "hints": hints, "coverage": round(coverage, 3),
                "mean_similarity": round(mean_sim, 1), "jaccard": round(jaccard, 3),
                "shared_features": shared[:40], "feature_overlap": round(feat, 3), "pairs": pairs}
    return Derivation(derived["id"], original["id"], kind, score, evidence)
