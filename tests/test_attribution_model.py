"""The learned attribution finder (claimledger.attribution_model): the corpus split, the CRF
label plumbing, loading the shipped weights offline, a clear error when they are missing, and
training end to end on a tiny corpus in PolNeAR's layout (tests/fixtures/polnear_tiny)."""
from __future__ import annotations

import json
import random

import pytest

from claimledger.attribution_model import crf
from claimledger.attribution_model.data import (SPLIT_SEED, TUNE_SEED, load_part, select_part, split_ids,
                                                tune_slice_ids)
from claimledger.attribution_model.finder import ModelFinder, default_weights_dir, to_record
from claimledger.errors import ModelError, UsageError
from claimledger.extract.finders import AttributionSpan, load_finder
from conftest import REPO

TINY = REPO / "tests" / "fixtures" / "polnear_tiny"


# ------------------------------------------------------------------------------- split
def test_split_is_by_sorted_ids_shuffled_with_the_seed():
    ids = [f"a{i:03d}" for i in range(50)]
    shuffled = ids[:]
    random.Random(1).shuffle(shuffled)
    s = split_ids(shuffled, seed=13)
    assert s == split_ids(ids, seed=13)                      # input order does not matter
    order = sorted(ids)
    random.Random(13).shuffle(order)
    assert s["train"] == sorted(order[:40]) and s["dev"] == sorted(order[40:])
    assert not set(s["train"]) & set(s["dev"]) and len(s["train"]) + len(s["dev"]) == 50
    assert split_ids(ids, seed=14) != s


def test_parts_of_the_tiny_corpus():
    docs = load_part(TINY, "all")
    assert len(docs) == 5 and all(len(d.attributions) == 3 for d in docs)
    train, dev = select_part(docs, "train"), select_part(docs, "dev")
    assert len(train) == 4 and len(dev) == 1
    assert {d.name for d in train} | {d.name for d in dev} == {d.name for d in docs}
    assert [d.name for d in load_part(TINY, "dev", SPLIT_SEED)] == [d.name for d in dev]
    with pytest.raises(UsageError, match="unknown part 'test'"):
        select_part(docs, "test")


def test_tuning_slice_is_a_seeded_shuffle_of_the_train_ids():
    ids = [f"a{i:03d}" for i in range(30)]
    order = sorted(ids)
    random.Random(TUNE_SEED).shuffle(order)
    assert tune_slice_ids(reversed(ids), size=7) == sorted(order[:7])
    assert tune_slice_ids(ids, size=7, seed=TUNE_SEED + 1) != tune_slice_ids(ids, size=7)
    assert tune_slice_ids(ids[:5], size=7) == ids[:5]           # a train part smaller than the slice


def test_tune_slice_and_fit_parts_divide_the_train_part():
    docs = load_part(TINY, "all")
    train = {d.name for d in select_part(docs, "train")}
    assert len(train) == 4
    # a slice of 2 of the 4 train articles, so that both parts hold articles
    tune = {d.name for d in select_part(docs, "tune-slice", tune_slice=2)}
    fit = {d.name for d in select_part(docs, "fit", tune_slice=2)}
    assert tune == set(tune_slice_ids(train, size=2)) and len(tune) == 2 and tune < train
    assert fit == train - tune and len(fit) == 2 and not fit & tune and fit | tune == train
    dev = {d.name for d in select_part(docs, "dev")}
    assert not (fit | tune) & dev
    # the shipped slice of 100 takes the whole of so small a train part and leaves nothing to fit
    assert {d.name for d in select_part(docs, "tune-slice")} == train and select_part(docs, "fit") == []
    from claimledger.attribution_model.encoder_train import fit_and_tune_docs
    f, t = fit_and_tune_docs(select_part(docs, "train"), tune_slice=2)
    assert {d.name for d in t} == tune and {d.name for d in f} == fit     # training splits train alike


def test_tune_slice_and_fit_refuse_another_split_seed():
    docs = load_part(TINY, "all")
    for part in ("tune-slice", "fit"):
        with pytest.raises(UsageError, match=rf"--split-seed 7 with --part {part}: .*fitted on") as info:
            select_part(docs, part, 7)
        assert info.value.code == "CL400"
        assert select_part(docs, part, SPLIT_SEED) == select_part(docs, part)
    train, dev = select_part(docs, "train", 7), select_part(docs, "dev", 7)   # other parts take any seed
    assert len(train) == 4 and sorted(d.name for d in train + dev) == sorted(d.name for d in docs)


def test_the_shipped_encoder_was_split_with_split_seed():
    meta = REPO / "src" / "claimledger" / "attribution_model" / "weights" / "encoder" / "encoder.json"
    if not meta.is_file():
        pytest.skip("the encoder's weights are not in this checkout")
    split = json.loads(meta.read_text(encoding="utf-8"))["split"]
    assert split["seed"] == SPLIT_SEED and split["tune_seed"] == TUNE_SEED


def test_eval_attribution_refuses_the_tuning_slice_under_another_seed(capsys):
    from claimledger.evaluate.cli import build_parser, main
    sub = build_parser()._subparsers._group_actions[0].choices["eval"]
    helptext = " ".join(sub._subparsers._group_actions[0].choices["attribution"].format_help().split())
    assert "refused with --part tune-slice or fit" in helptext
    for part in ("tune-slice", "fit"):
        assert main(["attribution", str(TINY), "--part", part, "--split-seed", "7", "--bootstrap", "0"]) == 2
        out, err = capsys.readouterr()
        assert out == "" and f"--split-seed 7 with --part {part}" in err and "[CL400]" in err


# ------------------------------------------------------------------------------- labels
def test_chunks_read_bio_labels_over_document_indices():
    labels = ["O", "B-CON", "I-CON", "O", "I-CON", "B-SRC", "B-CON", "I-CON"]
    idx = [3, 4, 5, 6, 7, 8, 9, 11]                         # token 10 is whitespace, skipped
    assert crf.chunks(labels, idx, "CON") == [(4, 6), (7, 8), (9, 10), (11, 12)]
    assert crf.chunks(labels, idx, "SRC") == [(8, 9)]
    assert crf.chunks(["O"] * 3, [0, 1, 2], "CUE") == []


def test_cue_and_role_labels():
    assert crf.cue_labels([0, 1, 2, 3, 4], {1: 0, 2: 0, 3: 1}) == ["O", "B-CUE", "I-CUE", "B-CUE", "O"]
    assert crf.role_labels([0, 1, 2, 3, 4, 5], src={0, 1}, con={3, 4}, cue=(2, 3)) == [
        "B-SRC", "I-SRC", "O", "B-CON", "I-CON", "O"]


def test_record_kinds_from_quotes_and_sources():
    text = 'He said "we won" today. It is believed rain fell.'
    from claimledger.evaluate.attribution import quote_mask
    mask = quote_mask(text)
    direct = to_record(crf.Found(content=[(9, 15)], source=[(0, 2)], cue=[(3, 7)], cue_tokens=(1, 2)), text, mask)
    assert isinstance(direct, AttributionSpan) and direct.kind == "direct_quote" and direct.source == (0, 2)
    assert direct.finder == "model" and direct.cue == (3, 7)
    sourceless = to_record(crf.Found(content=[(39, 48)], source=None, cue=[(27, 38)], cue_tokens=(7, 9)), text, mask)
    assert sourceless.kind == "passive_unattributed" and sourceless.source is None
    # of two source pieces the nearer to the cue is the source
    two = to_record(crf.Found(content=[(39, 48)], source=[(0, 2), (24, 26)], cue=[(27, 38)], cue_tokens=(7, 9)), text, mask)
    assert two.source == (24, 26) and two.kind == "indirect"


# ------------------------------------------------------------------------------- weights
def test_missing_weights_are_a_clear_error(tmp_path):
    with pytest.raises(ModelError) as err:
        ModelFinder(str(tmp_path))
    msg = str(err.value)
    assert "weights missing" in msg and "cue.crfsuite" in msg and "claimledger train attribution" in msg
    assert err.value.code == "CL210"


def test_unreadable_weights_are_a_clear_error(tmp_path):
    (tmp_path / "cue.crfsuite").write_bytes(b"not a model")
    (tmp_path / "role.crfsuite").write_bytes(b"not a model")
    with pytest.raises(ModelError, match="unreadable"):
        ModelFinder(str(tmp_path))


def test_shipped_weights_load_offline_with_their_card(monkeypatch):
    import socket

    def no_network(*a, **k):
        raise AssertionError("the model tried to open a network connection")
    monkeypatch.setattr(socket, "socket", no_network)
    w = default_weights_dir()
    assert (w / "cue.crfsuite").is_file() and (w / "role.crfsuite").is_file()
    card = (w / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "seed 13" in card and "Licence" in card and "95% CI" in card
    meta = json.loads((w / "meta.json").read_text(encoding="utf-8"))
    assert meta["split"]["seed"] == SPLIT_SEED and meta["split"]["dev_articles"] > 0
    finder = load_finder("model")
    assert finder.name == "model" and isinstance(finder, ModelFinder)
    both = load_finder("model+rules")
    assert both.name == "model+rules"


@pytest.mark.model
def test_shipped_model_finds_an_indirect_attribution(extractor):
    from claimledger.extract.pipeline import Extractor
    from claimledger.ingest import document_from_text
    text = "Local officials said the bridge was destroyed by shelling on Tuesday.\n"
    ex = Extractor(nlp=extractor.nlp, finder="model")
    claims = [c for c in ex.extract_one(document_from_text(text, path="t.txt")) if c.attribution != "author"]
    assert claims, "the model found no attribution"
    c = claims[0]
    assert text[c.cue.span[0]:c.cue.span[1]] == "said"
    assert "bridge was destroyed" in c.content and c.source.text.endswith("officials")


# ------------------------------------------------------------------------------- training
@pytest.mark.model
def test_training_runs_end_to_end_on_a_tiny_corpus(tmp_path):
    from claimledger.attribution_model.train import train_attribution
    out = tmp_path / "model"
    meta = train_attribution(str(TINY), str(out), seed=SPLIT_SEED, iterations=30, n_bootstrap=20)
    for name in ("cue.crfsuite", "role.crfsuite", "meta.json", "MODEL_CARD.md"):
        assert (out / name).is_file(), name
    assert meta["split"] == {**meta["split"], "seed": 13, "train_articles": 4, "dev_articles": 1}
    assert meta["training"]["attributions"] == 12 and meta["dev"]["articles"] == 1
    assert "Dev-part scores" in (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    # the trained model tags what it was trained on
    from claimledger.attribution_model.parse import parse_documents
    train = select_part(load_part(TINY, "all"), "train")
    (bdoc, doc, shift), = parse_documents(train[:1])
    found = crf.AttributionCRF(str(out)).find(doc)
    cues = {bdoc.text[a + shift:b + shift] for f in found for a, b in f.cue}
    gold = {bdoc.span_text(a.cue) for a in bdoc.attributions}
    assert cues & gold


@pytest.mark.model
def test_eval_attribution_scores_the_tuning_slice(capsys):
    from claimledger.evaluate.cli import build_parser, main
    sub = build_parser()._subparsers._group_actions[0].choices["eval"]
    assert "tune-slice" in sub._subparsers._group_actions[0].choices["attribution"].format_help()
    assert main(["attribution", str(TINY), "--part", "tune-slice", "--bootstrap", "0", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    train = [d.name for d in select_part(load_part(TINY, "all"), "train")]
    assert d["part"] == {"part": "tune-slice", "seed": 13, "articles": len(tune_slice_ids(train)), "of": 5}
    assert d["documents"] == len(tune_slice_ids(train))


@pytest.mark.model
def test_finders_side_by_side_on_the_dev_part_of_a_polnear_layout(capsys):
    from claimledger.evaluate.cli import main
    assert main(["attribution", str(TINY), "--finder", "all", "--part", "dev", "--bootstrap", "0",
                 "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    # the encoder and its combinations join when its weights ship (they do since 2026-12-04)
    assert d["kind"] == "attribution_comparison" and list(d["finders"]) == ["rules", "model", "both", "encoder",
                                                                            "encoder+rules", "rules+encoder",
                                                                            "encoder:rules"]
    for name, spec in (("rules", "rules"), ("model", "model"), ("both", "model+rules"), ("encoder", "encoder"),
                       ("encoder+rules", "encoder+rules"), ("rules+encoder", "rules+encoder"),
                       ("encoder:rules", "encoder:rules")):
        r = d["finders"][name]
        assert r["finder"] == spec and r["documents"] == 1 and r["gold"] == 3
        assert r["part"] == {"part": "dev", "seed": 13, "articles": 1, "of": 5}
        assert set(r["miss_causes"]) == {"source-less", "source wrong", "content boundary", "cue missed",
                                         "false alarms"}


def test_content_pieces_lose_clause_ending_punctuation():
    text = "Critics fear the talks will fail. Next."
    from claimledger.evaluate.attribution import quote_mask
    rec = to_record(crf.Found(content=[(13, 33)], source=[(0, 7)], cue=[(8, 12)], cue_tokens=(1, 2)), text,
                    quote_mask(text))
    assert text[rec.content[0][0]:rec.content[0][1]] == "the talks will fail"


def test_the_finder_is_a_setting_and_a_bad_name_is_a_usage_error(monkeypatch):
    from claimledger import api
    from claimledger.settings import Settings
    assert Settings.load(env={}).attribution_finder == "rules"
    assert Settings.load(env={"CLAIMLEDGER_ATTRIBUTION_FINDER": "model+rules"}).attribution_finder == "model+rules"

    class Fake:
        def __init__(self, batch_size, finder, **settings):   # other settings (place_tagger) pass through
            from claimledger.extract.finders import load_finder
            self.finder = load_finder(finder)
    monkeypatch.setattr("claimledger.extract.pipeline.Extractor", Fake)
    assert api._default_extractor(Settings.load(env={}, overrides={"attribution_finder": "model"})).finder.name == "model"
    with pytest.raises(UsageError, match="unknown attribution finder 'nonsense'"):
        api._default_extractor(Settings.load(env={}, overrides={"attribution_finder": "nonsense"}))


@pytest.mark.model
def test_a_list_of_finders_is_scored_side_by_side(capsys):
    from claimledger.evaluate.cli import main
    assert main(["attribution", str(TINY), "--finder", "rules,model+rules", "--part", "dev", "--bootstrap", "0",
                 "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert list(d["finders"]) == ["rules", "model+rules"]
    r = d["finders"]["model+rules"]
    assert r["finder"] == "model+rules" and r["gold"] == 3
    # contents are told apart by form from the extractor's parse; the clause-or-quotation recall is reported
    assert sum(r["by_form"][f]["content_source_lenient"]["gold"] for f in ("quotation", "clause", "phrase")) == 3
    assert r["clause_or_quotation_recall"] is not None
