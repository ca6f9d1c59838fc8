"""The encoder attribution finder: a small transformer (MiniLM-L6, fine-tuned on PolNeAR's train
part) tags every word of a document as cue, source or content (BIO), then the tagged spans are
linked into attributions: contents to the nearest cue, sources to cues by the parse.

Inference needs onnxruntime and tokenizers only (no torch): the weights directory holds
``encoder.onnx`` (int8), ``tokenizer.json`` and ``encoder.json`` (labels, window, hashes).
Training and export are in ``encoder_train`` (torch, the ``train`` extra).

Steps, each a function tested on its own:

- ``tokenize``: word pieces of the whole text with character offsets and word numbers;
- ``windows``: overlapping windows of at most ``window`` pieces (the encoder's input);
- ``word_scores``: per-word label log-probabilities, averaged over the windows that hold the word;
- ``decode``: the best label path under BIO constraints (an ``I-X`` only after ``B-X``/``I-X``);
- ``spans``: word ranges of each role;
- ``unquote_roles``: cues and sources inside a quotation that holds content are part of it;
- ``link``: each content and source span joined to the nearest cue (same sentence first), one
  attribution per cue that has content;
- ``parse_linked``: each cue's source read from the parse instead (``source_link``), the nearest
  tagged source only where the parse names none (the finder's default linker), and content ends
  carried to the noun they stop before (``content_edges``).
"""
from __future__ import annotations

import json
import os
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from ..errors import ModelError
from ..extract.finders import NOT_READ

Span = tuple[int, int]

LABELS = ("O", "B-CUE", "I-CUE", "B-SRC", "I-SRC", "B-CON", "I-CON")
ROLES = ("CUE", "SRC", "CON")
ONNX_FILE = "encoder.onnx"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "encoder.json"
#: Word pieces per window (without [CLS]/[SEP]) and the step between windows at inference.
WINDOW = 254
STRIDE = 192
CLS_ID, SEP_ID, PAD_ID = 101, 102, 0


# ---------------------------------------------------------------- tokens and windows
@dataclass
class Pieces:
    """Word pieces of one text: ids, character offsets, the word each belongs to, and the
    character span of each word (a word = the tokenizer's pre-token: letters/digits or one mark)."""

    ids: list[int]
    offsets: list[Span]
    word_of: list[int]
    words: list[Span]
    first_piece: list[int]            # index of each word's first piece


def load_tokenizer(path: str):
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(path)
    tok.no_truncation()
    tok.no_padding()
    return tok


def tokenize(tokenizer, text: str) -> Pieces:
    enc = tokenizer.encode(text, add_special_tokens=False)
    ids, offsets, word_of, words, first = [], [], [], [], []
    last_word = None
    for tid, off, w in zip(enc.ids, enc.offsets, enc.word_ids):
        if w is None:
            continue
        if w != last_word:
            words.append(tuple(off))
            first.append(len(ids))
            last_word = w
        else:
            words[-1] = (words[-1][0], off[1])
        ids.append(tid)
        offsets.append(tuple(off))
        word_of.append(len(words) - 1)
    return Pieces(ids, offsets, word_of, words, first)


def windows(n: int, window: int = WINDOW, stride: int = STRIDE) -> list[Span]:
    """[start, end) piece ranges covering 0..n, each at most ``window`` long, starting every
    ``stride`` pieces (the last one ends at n)."""
    if n <= window:
        return [(0, n)] if n else []
    out = []
    start = 0
    while True:
        end = min(n, start + window)
        out.append((start, end))
        if end >= n:
            return out
        start = min(start + stride, n - window)


def batch_inputs(ids: Sequence[int], wins: Sequence[Span], window: int = WINDOW):
    """(input_ids, attention_mask) int64 arrays of shape (len(wins), longest + 2)."""
    import numpy as np
    width = max(e - s for s, e in wins) + 2
    input_ids = np.full((len(wins), width), PAD_ID, dtype=np.int64)
    mask = np.zeros((len(wins), width), dtype=np.int64)
    for k, (s, e) in enumerate(wins):
        row = [CLS_ID] + list(ids[s:e]) + [SEP_ID]
        input_ids[k, :len(row)] = row
        mask[k, :len(row)] = 1
    return input_ids, mask


def word_scores(pieces: Pieces, wins: Sequence[Span], logits):
    """(n_words, n_labels) log-probabilities of each word's label, read at its first piece and
    averaged over the windows holding that piece, weighted by distance from the window's edges."""
    import numpy as np
    n = len(pieces.ids)
    acc = np.zeros((n, logits.shape[-1]), dtype=np.float64)
    wsum = np.zeros(n, dtype=np.float64)
    for k, (s, e) in enumerate(wins):
        lg = logits[k, 1:1 + e - s].astype(np.float64)
        lg = lg - lg.max(axis=1, keepdims=True)
        logp = lg - np.log(np.exp(lg).sum(axis=1, keepdims=True))
        pos = np.arange(e - s)
        edge = np.minimum(pos + 1, e - s - pos).astype(np.float64)
        weight = np.minimum(edge, 32.0)
        acc[s:e] += logp * weight[:, None]
        wsum[s:e] += weight
    acc /= np.maximum(wsum, 1e-9)[:, None]
    return acc[pieces.first_piece]


def _allowed() -> list[list[bool]]:
    """allowed[a][b]: label b may follow label a (I-X only after B-X or I-X)."""
    out = []
    for a in LABELS:
        row = []
        for b in LABELS:
            ok = True
            if b.startswith("I-"):
                ok = a in ("B-" + b[2:], b)
            row.append(ok)
        out.append(row)
    return out


ALLOWED = _allowed()


def decode(scores) -> list[int]:
    """The best label sequence (indices into LABELS) under the BIO constraints (Viterbi over the
    per-word log-probabilities)."""
    import numpy as np
    n, L = scores.shape
    if n == 0:
        return []
    neg = -1e9
    trans = np.array([[0.0 if ALLOWED[a][b] else neg for b in range(L)] for a in range(L)])
    start = np.array([0.0 if not LABELS[b].startswith("I-") else neg for b in range(L)])
    best = start + scores[0]
    back = np.zeros((n, L), dtype=np.int64)
    for i in range(1, n):
        cand = best[:, None] + trans
        back[i] = cand.argmax(axis=0)
        best = cand[back[i], np.arange(L)] + scores[i]
    path = [int(best.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


#: Roles whose touching ranges are read as one range (see ``spans``). Not contents: two touching
#: contents are more often two attributions (tuning slice, 1.3-epoch encoder: content+source
#: lenient F1 0.478 merging all three roles, 0.487 merging cues and sources only).
MERGE_ROLES = ("CUE", "SRC")


def spans(labels: Sequence[int], merge: Sequence[str] = MERGE_ROLES) -> dict[str, list[Span]]:
    """Word ranges [start, end) of each role from a BIO label path. Ranges of a role in ``merge``
    that touch are one range ("Donald/B-SRC Trump/B-SRC", "will/B-CUE be/B-CUE interviewed/I-CUE"):
    the tagger opens a new span mid-name more often than two sources or cues stand side by side."""
    out: dict[str, list[Span]] = {r: [] for r in ROLES}
    cur_role, cur_start = None, 0
    for i, lab in enumerate(list(labels) + [0]):
        name = LABELS[lab]
        if cur_role is not None and not (name.startswith("I-") and name[2:] == cur_role):
            got = out[cur_role]
            if got and got[-1][1] == cur_start and cur_role in merge:
                got[-1] = (got[-1][0], i)
            else:
                got.append((cur_start, i))
            cur_role = None
        if name.startswith("B-"):
            cur_role, cur_start = name[2:], i
    return out


# ---------------------------------------------------------------- linking
@dataclass
class Linked:
    """One attribution: character spans into the text."""

    content: list[Span]
    source: Optional[list[Span]]
    cue: list[Span]
    confidence: float = 0.5
    cue_words: Span = (0, 0)
    source_words: list[Span] = field(default_factory=list)
    content_words: list[Span] = field(default_factory=list)


#: How far (in words) a content or source span may lie from the cue it is joined to.
MAX_LINK_WORDS = 80


def _sentence_range(sent_of: Sequence[int], r: Span) -> Span:
    return (sent_of[r[0]], sent_of[r[1] - 1])


def _distance(a: Span, b: Span, sa: Span, sb: Span) -> tuple[int, int]:
    """(sentences apart, words apart) of two word ranges."""
    sgap = 0 if sa[1] >= sb[0] and sb[1] >= sa[0] else min(abs(sa[0] - sb[1]), abs(sb[0] - sa[1]))
    wgap = max(0, b[0] - a[1], a[0] - b[1])
    return (sgap, wgap)


def link(roles: dict[str, list[Span]], sent_of: Sequence[int], para_of: Sequence[int]) -> list[dict]:
    """Join each content and source span to its nearest cue: fewest sentences apart, then fewest
    words apart, never across a paragraph nor further than MAX_LINK_WORDS. Each cue keeps the
    nearest source; a cue with no content is dropped. Returns dicts of word ranges
    {"cue", "content": [...], "source": [...]} in text order."""
    cues = roles["CUE"]
    if not cues:
        return []
    csent = [_sentence_range(sent_of, c) for c in cues]
    groups = [{"cue": c, "content": [], "source": []} for c in cues]

    def nearest(r: Span) -> Optional[int]:
        sr = _sentence_range(sent_of, r)
        best, key = None, None
        for k, c in enumerate(cues):
            if para_of[c[0]] != para_of[r[0]] and para_of[c[0]] != para_of[r[1] - 1]:
                continue
            d = _distance(r, c, sr, csent[k])
            if d[1] > MAX_LINK_WORDS:
                continue
            if key is None or d < key:
                best, key = k, d
        return best

    for r in roles["CON"]:
        k = nearest(r)
        if k is not None:
            groups[k]["content"].append(r)
    for r in roles["SRC"]:
        k = nearest(r)
        if k is not None:
            groups[k]["source"].append(r)
    out = []
    for g in groups:
        if not g["content"]:
            continue
        if len(g["source"]) > 1:
            c = g["cue"]
            g["source"] = [min(g["source"], key=lambda s: max(0, c[0] - s[1], s[0] - c[1]))]
        out.append(g)
    return out


# ---------------------------------------------------------------- the model
def _meta(directory: str) -> dict:
    path = os.path.join(directory, META_FILE)
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except OSError as exc:
        raise ModelError(f"encoder attribution model missing: {path} not found; reinstall claimledger or "
                         f"rebuild it with `claimledger train attribution --arch encoder --corpus DIR --out "
                         f"{directory}`", code="CL210", input=path) from exc
    except ValueError as exc:
        raise ModelError(f"encoder attribution model unreadable: {path}: {exc}", code="CL212", input=path) from exc


class EncoderTagger:
    """The ONNX encoder and its tokenizer from ``directory``; ``logits(ids, windows)`` runs it.
    One onnxruntime session per instance (sessions are thread-safe for ``run``)."""

    def __init__(self, directory: str, threads: int = 1):
        self.directory = str(directory)
        self.meta = _meta(self.directory)
        try:
            import onnxruntime as ort
        except ImportError as exc:
            raise ModelError("the encoder attribution model needs onnxruntime and tokenizers; install "
                             "claimledger's runtime dependencies", code="CL211") from exc
        paths = {}
        for name in (self.meta.get("onnx", ONNX_FILE), TOKENIZER_FILE):
            path = os.path.join(self.directory, name)
            if not os.path.isfile(path):
                raise ModelError(f"encoder attribution model weights missing: {path} not found; reinstall "
                                 f"claimledger or rebuild them with `claimledger train attribution --arch "
                                 f"encoder --corpus DIR --out {self.directory}`", code="CL210", input=path)
            paths[name] = path
        self.window = int(self.meta.get("window", WINDOW))
        self.stride = int(self.meta.get("stride", STRIDE))
        try:
            self.tokenizer = load_tokenizer(paths[TOKENIZER_FILE])
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
            self.session = ort.InferenceSession(paths[self.meta.get("onnx", ONNX_FILE)], opts,
                                                providers=["CPUExecutionProvider"])
        except Exception as exc:
            raise ModelError(f"encoder attribution model unreadable: {exc}", code="CL212",
                             input=self.directory) from exc

    def logits(self, ids: Sequence[int], wins: Sequence[Span]):
        import numpy as np
        out = []
        for k in range(0, len(wins), 8):
            input_ids, mask = batch_inputs(ids, wins[k:k + 8], self.window)
            lg = self.session.run(["logits"], {"input_ids": input_ids, "attention_mask": mask})[0]
            out.append(lg)
        width = max(o.shape[1] for o in out)
        return np.concatenate([np.pad(o, ((0, 0), (0, width - o.shape[1]), (0, 0))) for o in out])


@dataclass
class Tagged:
    """One text as the encoder read it: word pieces, per-word label log-probabilities, the best
    label path and the word ranges of each role."""

    pieces: Pieces
    scores: object
    path: list[int]
    roles: dict[str, list[Span]]

    def chars(self, r: Span) -> Span:
        return (self.pieces.words[r[0]][0], self.pieces.words[r[1] - 1][1])


def tag_roles(tagger, text: str, merge: Optional[Sequence[str]] = None) -> Optional[Tagged]:
    """Run ``tagger`` (anything with ``tokenizer``, ``window``, ``stride`` and ``logits(ids,
    windows)``) over ``text``; None for a text without words."""
    pieces = tokenize(tagger.tokenizer, text)
    if not pieces.ids:
        return None
    wins = windows(len(pieces.ids), tagger.window, tagger.stride)
    scores = word_scores(pieces, wins, tagger.logits(pieces.ids, wins))
    path = decode(scores)
    return Tagged(pieces, scores, path, spans(path, MERGE_ROLES if merge is None else merge))


def quotation_of(words: Sequence[Span], mask) -> list[int]:
    """For each word, the number of the quotation it stands in (a run of characters inside
    quotation marks, ``quote_mask``), -1 for a word outside quotation marks. Linear in the text's
    length: each position's run start comes from one forward pass (walking back from every word
    took seconds on a long unclosed quotation)."""
    n = len(mask)
    run_start = [0] * (n + 1)           # run_start[k]: where the quoted run ending just before k begins
    for k in range(1, n + 1):
        run_start[k] = run_start[k - 1] if mask[k - 1] else k
    out, run_of = [], {}
    for a, b in words:
        inside = b > a and all(mask[i] for i in range(a, min(b, n)))
        out.append(run_of.setdefault(run_start[a], len(run_of)) if inside else -1)
    return out


def unquote_roles(roles: dict[str, list[Span]], quote_of: Sequence[int],
                  demote: Sequence[str] = ("CUE", "SRC")) -> dict[str, list[Span]]:
    """``roles`` without the cue and source spans that stand inside a quotation holding content
    words: what a quoted speaker says someone said is part of the quotation (PolNeAR gives each
    word to one attribution), not an attribution of its own whose nearness steals the quotation
    from the cue outside it ('"... He said, 'Well ...' ..." Beck said'). Chosen on the tuning
    slice: content+source lenient F1 encoder 0.6065 -> 0.6160, encoder+rules 0.6106 -> 0.6205,
    rules+encoder 0.6152 -> 0.6170 (demoting cues alone scored the same)."""
    quoted_content = {quote_of[i] for a, b in roles["CON"] for i in range(a, b) if quote_of[i] >= 0}

    def inside(r: Span) -> bool:
        q = quote_of[r[0]]
        return q >= 0 and q in quoted_content and all(quote_of[i] == q for i in range(r[0], r[1]))

    return {role: [r for r in spans if not (role in demote and inside(r))] for role, spans in roles.items()}


def link_tagged(tagged: Optional[Tagged], text: str, sentence_starts: Sequence[int] = ()) -> list[Linked]:
    """Attributions of a tagged text, joined by proximity (``link``); ``sentence_starts``:
    character offsets where sentences start (the parse's), to prefer a cue in the content's own
    sentence."""
    import numpy as np
    if tagged is None:
        return []
    pieces, path = tagged.pieces, tagged.path
    starts = sorted(sentence_starts)
    sent_of = [bisect_right(starts, a) for a, _ in pieces.words]
    para_of, para, prev_end = [], 0, 0
    for a, b in pieces.words:            # a line break starts a paragraph
        para += text.count("\n", prev_end, a)
        para_of.append(para)
        prev_end = b
    probs = np.exp(tagged.scores)
    out = []
    chars = tagged.chars
    from ..evaluate.attribution import quote_mask
    roles = unquote_roles(tagged.roles, quotation_of(pieces.words, quote_mask(text)))
    for g in link(roles, sent_of, para_of):
        c = g["cue"]
        conf = float(np.mean([probs[i, path[i]] for i in range(c[0], c[1])]))
        out.append(Linked(content=[chars(r) for r in sorted(g["content"])],
                          source=[chars(r) for r in g["source"]] or None, cue=[chars(c)],
                          confidence=round(conf, 3), cue_words=c, source_words=list(g["source"]),
                          content_words=sorted(g["content"])))
    return out


def tag_text(tagger, text: str, sentence_starts: Sequence[int] = (), merge: Optional[Sequence[str]] = None) -> list[Linked]:
    """Attributions in ``text`` from ``tagger``, linked by proximity (``tag_roles`` then ``link_tagged``)."""
    return link_tagged(tag_roles(tagger, text, merge), text, sentence_starts)


def parse_linked(tagged: Optional[Tagged], found: Sequence[Linked], doc) -> list[Linked]:
    """``found`` with each cue's source read from the parse ``doc`` (``source_link``): the tagged
    source span holding the parse's source head, else the parse's source phrase; a cue whose
    source the parse does not name keeps the one linked by proximity."""
    from .source_link import choose_source, clip_source, parse_source
    if tagged is None or doc is None or not doc.has_annotation("DEP"):
        return list(found)
    from ..extract.tree import doc_text
    tagged_src = [tagged.chars(r) for r in tagged.roles["SRC"]]
    text = doc_text(doc)      # Doc.text joins every token on each access: once, not once per cue
    out = []
    for f in found:
        linked = f.source[0] if f.source else None
        parsed = clip_source(text, parse_source(doc, f.cue[0]), list(f.cue) + list(f.content))
        src = choose_source(parsed, tagged_src, linked)
        out.append(Linked(content=f.content, source=[src] if src else None, cue=f.cue, confidence=f.confidence,
                          cue_words=f.cue_words, source_words=f.source_words, content_words=f.content_words))
    return out


#: How the encoder finder joins sources to cues: "parse" (``parse_linked``) or "proximity" (``link``).
LINKERS = ("parse", "proximity")


class EncoderFinder:
    """The encoder behind the extractor's finder protocol. Loads offline from the package's
    ``attribution_model/weights/encoder`` (or ``directory``); a ModelError names what is missing."""

    name = "encoder"

    def __init__(self, directory: Optional[str] = None, tagger=None, linker: str = "parse"):
        if linker not in LINKERS:
            raise ValueError(f"unknown encoder linker {linker!r}; known: {', '.join(LINKERS)}")
        self.linker = linker
        self.directory = str(directory or default_encoder_dir())
        self._tagger = tagger
        if tagger is None:
            self._tagger = EncoderTagger(self.directory)   # fail now, with a clear error, if missing

    #: the tagging reads the text alone (its own tokeniser): the pipeline runs it while spaCy parses
    reads_early = True

    def early(self, text: str) -> Optional[Tagged]:
        """The encoder's reading of ``text`` (``tag_roles``); needs no parse."""
        return tag_roles(self._tagger, text)

    def find(self, doc, text: str, blocks: Sequence[Span], early=NOT_READ) -> list:
        return self.records(doc, text, self.early(text) if early is NOT_READ else early)

    def records(self, doc, text: str, tagged: Optional[Tagged]) -> list:
        """The finder's records from the encoder's reading of ``text`` and the parse ``doc``."""
        from ..evaluate.attribution import quote_mask
        from .content_edges import complete_contents
        from .finder import to_record
        mask = quote_mask(text)
        starts = [s.start_char for s in doc.sents] if doc is not None and doc.has_annotation("SENT_START") else []
        found = link_tagged(tagged, text, starts)
        if self.linker == "parse":
            found = complete_contents(doc, parse_linked(tagged, found, doc))
        return [to_record(f, text, mask, finder=self.name) for f in found]


def default_encoder_dir() -> Path:
    """The encoder shipped in the package: ``attribution_model/weights/encoder``."""
    from .finder import default_weights_dir
    return default_weights_dir() / "encoder"


def weights_present(directory: Optional[str] = None) -> bool:
    return (Path(directory or default_encoder_dir()) / META_FILE).is_file()
