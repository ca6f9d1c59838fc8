"""The encoder attribution finder (attribution_model/encoder.py): windows, BIO decoding, linking
tagged spans into attributions, gold word labels, loading the shipped ONNX weights offline, a
clear error when they are missing, and training + export end to end on a tiny corpus (skipped
when torch, a training-only dependency, is not installed)."""
from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pytest

from claimledger.attribution_model import encoder as enc
from claimledger.attribution_model.data import load_part
from claimledger.errors import ModelError
from conftest import REPO

TINY = REPO / "tests" / "fixtures" / "polnear_tiny"
ENCODER_DIR = enc.default_encoder_dir()
L = {name: i for i, name in enumerate(enc.LABELS)}


def _tokenizer():
    return enc.load_tokenizer(str(ENCODER_DIR / enc.TOKENIZER_FILE))


# ------------------------------------------------------------------------------- windows
@pytest.mark.parametrize("n", [0, 1, 10, 254, 255, 600, 1000])
def test_windows_cover_every_piece_within_the_size(n):
    wins = enc.windows(n, window=254, stride=192)
    covered = set()
    for s, e in wins:
        assert 0 <= s < e <= n and e - s <= 254
        covered |= set(range(s, e))
    assert covered == set(range(n))
    assert (wins[-1][1] == n) if n else wins == []


def test_word_scores_average_overlapping_windows():
    pieces = enc.Pieces(ids=[5, 6, 7, 8], offsets=[(0, 1), (2, 3), (4, 5), (6, 7)], word_of=[0, 1, 2, 3],
                        words=[(0, 1), (2, 3), (4, 5), (6, 7)], first_piece=[0, 1, 2, 3])
    wins = [(0, 3), (1, 4)]
    logits = np.zeros((2, 5, len(enc.LABELS)), dtype=np.float32)
    logits[0, 1:4, L["B-CUE"]] = 5.0        # window 0 says pieces 0-2 are cues
    logits[1, 1:4, L["O"]] = 5.0            # window 1 says pieces 1-3 are outside
    s = enc.word_scores(pieces, wins, logits)
    assert s.shape == (4, len(enc.LABELS))
    assert s[0].argmax() == L["B-CUE"] and s[3].argmax() == L["O"]


# ------------------------------------------------------------------------------- decoding
def test_decode_never_opens_with_an_inside_label():
    scores = np.log(np.full((3, len(enc.LABELS)), 0.01))
    scores[0, L["I-CON"]] = np.log(0.9)      # alone, I-CON would win the first word
    scores[0, L["B-CON"]] = np.log(0.05)
    scores[1, L["I-CON"]] = np.log(0.9)
    scores[2, L["O"]] = np.log(0.9)
    path = [enc.LABELS[i] for i in enc.decode(scores)]
    assert path == ["B-CON", "I-CON", "O"]


def test_spans_read_bio_paths():
    path = [L[x] for x in ["B-SRC", "I-SRC", "B-CUE", "B-CON", "I-CON", "O", "B-CON", "B-CON"]]
    assert enc.spans(path) == {"SRC": [(0, 2)], "CUE": [(2, 3)], "CON": [(3, 5), (6, 7), (7, 8)]}


# ------------------------------------------------------------------------------- linking
def test_link_joins_content_and_source_to_the_nearest_cue_in_the_sentence():
    # words:  0 Smith 1 said 2-4 content . | 5 Jones 6 added 7-8 content . | 9-10 orphan content (no cue)
    roles = {"SRC": [(0, 1), (5, 6)], "CUE": [(1, 2), (6, 7)], "CON": [(2, 5), (7, 9), (9, 11)]}
    sent_of = [0] * 5 + [1] * 4 + [2] * 2
    para_of = [0] * 9 + [1] * 2
    got = enc.link(roles, sent_of, para_of)
    assert [(g["cue"], g["source"], g["content"]) for g in got] == [
        ((1, 2), [(0, 1)], [(2, 5)]), ((6, 7), [(5, 6)], [(7, 9)])]   # the orphan is another paragraph


def test_link_drops_a_cue_without_content_and_keeps_the_nearest_source():
    roles = {"SRC": [(0, 1), (2, 3)], "CUE": [(3, 4), (10, 11)], "CON": [(4, 8)]}
    got = enc.link(roles, [0] * 12, [0] * 12)
    assert len(got) == 1 and got[0]["cue"] == (3, 4) and got[0]["source"] == [(2, 3)]


def test_a_quote_split_by_its_cue_is_one_attribution():
    # "The convoy was hit," the official said, "and nobody could reach the wounded."
    roles = {"CON": [(0, 4), (7, 12)], "SRC": [(4, 6)], "CUE": [(6, 7)]}
    got = enc.link(roles, [0] * 12, [0] * 12)
    assert len(got) == 1 and got[0]["content"] == [(0, 4), (7, 12)]


# ------------------------------------------------------------------------------- weights
def test_missing_encoder_weights_are_a_clear_error(tmp_path):
    with pytest.raises(ModelError) as err:
        enc.EncoderFinder(str(tmp_path))
    assert err.value.code == "CL210" and "claimledger train attribution --arch encoder" in str(err.value)
    (tmp_path / enc.META_FILE).write_text(json.dumps({"onnx": enc.ONNX_FILE}), encoding="utf-8")
    with pytest.raises(ModelError, match="encoder.onnx not found"):
        enc.EncoderFinder(str(tmp_path))
