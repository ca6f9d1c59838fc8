"""Reconcile's thresholds, with how each was chosen.

The three a user is most likely to change (``derivative_min``, ``duplicate_jaccard``,
``event_link_min``) are also claimledger settings (claimledger.toml / CLAIMLEDGER_* / flags);
``ReconcileSettings.from_settings`` picks them up. All were chosen on our own multi-document set
``eval/events/`` (tuned on it, so its scores measure regressions, not accuracy) by looking at the
score of every candidate pair there and putting the threshold in the widest gap between true and
false pairs; the figures are in the comments.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class ReconcileSettings:
    # -- copies and derivatives ------------------------------------------------------------
    minhash_perm: int = 128          # MinHash permutations: 128 gives a Jaccard estimate within ~0.09
    shingle_words: int = 5           # word 5-grams: one changed word breaks five shingles, so rewrites
                                     # fall far below copies (eval: wire copy 0.80, spun rewrite 0.04)
    lsh_jaccard: float = 0.5         # LSH candidate threshold (near copies); rewrites come from rare features
    duplicate_jaccard: float = 0.9   # at or above: "duplicate"; a verbatim copy under a new headline
                                     # and with a "Related" line is 0.80 (kind "copy"), other pairs <= 0.04
    rare_df: int = 25                # a feature in more than this many documents is not rare
    rare_min_shared: int = 2         # candidate derivative: shares at least this many rare features
    align_min: float = 78.0          # sentence pair aligned at this mean of token-set and plain ratio
                                     # (eval: the rewrite's reworded pairs 78.7-86.3; independent
                                     # reports of the same happening share at most one pair, 78-84)
    align_min_hinted: float = 65.0   # the same when the text names the other's outlet as unable to
                                     # confirm (elfasher set: its rewrite's pairs 68-78, found only so)
    align_min_words: int = 6         # shorter sentences ("Leave a Reply") are not aligned
    min_pairs: int = 2               # a rewrite shares at least two aligned sentences (one shared
                                     # formulaic lede or headline is what independent reports have too)
    coverage_min: float = 0.2        # at least this share of the copy's sentences must align
    weight_coverage: float = 0.6
    weight_similarity: float = 0.2
    weight_features: float = 0.2
    hint_bonus: float = 0.2          # "not independently confirmed by <the other outlet>"
    derivative_min: float = 0.45     # derivation score threshold (eval: copy 1.0, rewrite 0.58; every
                                     # independent pair is already out by min_pairs; tests: 0.79-0.93)
    # -- events ----------------------------------------------------------------------------
    window_days: int = 14            # a claim with no event time is about the 14 days before it was
                                     # made (eval: the revised figure comes 8-9 days after the fighting)
    max_weeks: int = 8               # a long time range is blocked under its last 8 weeks only
    event_link_min: float = 0.55     # link score to join two claims of different documents (kursk
                                     # set, pairs of gold claims of compatible types, with the generic
                                     # conflict words of data/generic_terms.txt left out: different
                                     # events score at most 0.515, and at most 0.43 among pairs that
                                     # share a subject word; same-event pairs have median 0.57, and
                                     # single linkage needs only a chain of them. Re-measured once
                                     # denials count as the type they deny: different events at most
                                     # 0.515 (0.511 sharing a subject word), same-event median 0.59)
    same_document_min: float = 0.45  # the same within one document (its places and time are shared)
    subject_min: float = 0.15        # below this subject overlap nothing links across documents
    figure_tolerance: float = 0.25   # figures within 25% of each other are "consistent"

    @classmethod
    def from_settings(cls, settings: Any = None, **overrides: Any) -> "ReconcileSettings":
        values = {}
        for name in ("derivative_min", "duplicate_jaccard", "event_link_min"):
            v = getattr(settings, name, None)
            if v is not None:
                values[name] = float(v)
        values.update(overrides)
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
