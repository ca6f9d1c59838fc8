"""The PolNeAR corpus split by article, the same for training, the rules and ``eval``.

An article id is the text file's stem. ``split_ids`` sorts the ids, shuffles them with
``random.Random(seed)`` and gives the first 80% to ``train`` and the rest to ``dev``: dev is what
figures are reported on and never tuned on (tune hyper-parameters on a slice of train).

The tuning slice (``tune-slice``): the first TUNE_SLICE train ids of a shuffle with TUNE_SEED, held
out of the encoder's fitting to choose its decoding, linking and combination settings; ``fit`` is
the rest of the train part, the articles the shipped encoder was fitted on.
"""
from __future__ import annotations

import os
import random
from typing import Iterable, Sequence

from ..errors import UsageError

#: The seed the shipped model, the README figures and the quality gate use.
SPLIT_SEED = 13
TRAIN_FRACTION = 0.8
#: Train articles held out of the encoder's fitting to choose decoding and linking settings (a fixed
#: shuffle of the sorted train ids with this seed; the first TUNE_SLICE of them), as for the CRF.
TUNE_SEED = 1
TUNE_SLICE = 100
PARTS = ("train", "dev", "all", "tune-slice", "fit")


def split_ids(ids: Iterable[str], seed: int = SPLIT_SEED, train_fraction: float = TRAIN_FRACTION) -> dict[str, list[str]]:
    """{"train": [...], "dev": [...]} of the distinct ``ids``: sorted, shuffled with
    ``random.Random(seed)``, the first ``round(train_fraction * n)`` for train. Each list sorted."""
    order = sorted(set(ids))
    random.Random(seed).shuffle(order)
    k = int(round(train_fraction * len(order)))
    return {"train": sorted(order[:k]), "dev": sorted(order[k:])}


def tune_slice_ids(train_ids: Iterable[str], size: int = TUNE_SLICE, seed: int = TUNE_SEED) -> list[str]:
    """The tuning slice of a train part: the first ``size`` of its sorted ids shuffled with
    ``random.Random(seed)``, sorted."""
    order = sorted(set(train_ids))
    random.Random(seed).shuffle(order)
    return sorted(order[:size])


def article_id(doc) -> str:
    """The id of a BratDocument (or of a path): its text file's stem."""
    name = getattr(doc, "name", None)
    return name if name is not None else os.path.splitext(os.path.basename(str(doc)))[0]


def select_part(docs: Sequence, part: str, seed: int = SPLIT_SEED, tune_slice: int = TUNE_SLICE) -> list:
    """The documents of ``part`` under the split of all of ``docs``' ids: train, dev, all,
    tune-slice (``tune_slice_ids`` of train, ``tune_slice`` of them) or fit (train less the tuning
    slice). The tuning slice and fit exist only under the encoder's own split (SPLIT_SEED): under
    another seed the train part is other articles, and its "tuning slice" would hold articles the
    encoder was fitted on, so another seed is refused for them (UsageError)."""
    if part not in PARTS:
        raise UsageError(f"unknown part {part!r}: expected one of {', '.join(PARTS)}")
    if part in ("tune-slice", "fit") and seed != SPLIT_SEED:
        raise UsageError(f"--split-seed {seed} with --part {part}: the tuning slice and the fit part are "
                         f"defined on the split the encoder was fitted with (seed {SPLIT_SEED}); under "
                         f"another seed they would hold articles the encoder was fitted on. Leave "
                         f"--split-seed out (or give {SPLIT_SEED}) with --part {part}")
    if part == "all":
        return list(docs)
    split = split_ids((article_id(d) for d in docs), seed)
    if part in ("tune-slice", "fit"):
        tune = set(tune_slice_ids(split["train"], tune_slice))
        keep = tune if part == "tune-slice" else set(split["train"]) - tune
    else:
        keep = set(split[part])
    return [d for d in docs if article_id(d) in keep]


def load_part(root, part: str = "all", seed: int = SPLIT_SEED, annotator=None) -> list:
    """Read the brat corpus under ``root`` (PolNeAR's ``text/`` + ``attributions/`` or NAME.txt
    beside NAME.ann) and keep ``part`` of it."""
    from ..evaluate.brat import read_corpus
    return select_part(read_corpus(root, annotator=annotator), part, seed)
