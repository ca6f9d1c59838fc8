"""The parse the extractor makes, for training: same text preparation (excluded regions blanked,
sentence starts at block boundaries), same spaCy pipeline. Parses can be cached, one DocBin per text
keyed by the text, the pipeline and the preparation code, so a second training run does not parse
again."""
from __future__ import annotations

import hashlib
import os
import types
from pathlib import Path
from typing import Optional, Sequence

from ..errors import ClaimLedgerError


def prepare(nlp, text: str, path: Optional[str] = None):
    """(tokenised spaCy Doc as the extractor makes it, shift) for a raw annotated text; ``shift``
    is what to add to a Doc offset to get an offset into ``text`` (1 after a dropped BOM).
    Raises ClaimLedgerError when ingest refuses the text."""
    from ..extract.pipeline import Extractor
    from ..ingest import document_from_text
    document = document_from_text(text, path=path)
    shift = len(text) - len(document.text) if text.endswith(document.text) else 0
    spdoc, _ = Extractor._prepare(types.SimpleNamespace(nlp=nlp), document)
    return spdoc, shift


def parse_documents(docs: Sequence, nlp=None, batch_size: int = 16, progress=None) -> list:
    """[(BratDocument, spaCy Doc or None, shift)]: None when ingest refused the text."""
    from ..extract import nlp as nlp_mod
    nlp = nlp if nlp is not None else nlp_mod.load()
    prepared = []
    for d in docs:
        try:
            prepared.append(prepare(nlp, d.text, d.text_path))
        except ClaimLedgerError:
            prepared.append((None, 0))
    todo = [p[0] for p in prepared if p[0] is not None]
    parsed = iter(nlp.pipe(todo, batch_size=batch_size))
    out = []
    for d, (spdoc, shift) in zip(docs, prepared):
        if spdoc is not None:
            spdoc = next(parsed)
        out.append((d, spdoc, shift))
        if progress:
            progress(d.text_path)
    return out


def _pipeline_key(nlp) -> bytes:
    h = hashlib.sha256()
    h.update(repr((nlp.meta.get("name"), nlp.meta.get("version"), nlp.pipe_names)).encode())
    from ..extract import pipeline, segment  # the text preparation shapes the tokens
    for mod in (pipeline, segment):
        h.update(Path(mod.__file__).read_bytes())
    return h.digest()


def cached_parse(docs: Sequence, cache_dir: Optional[str], nlp=None, progress=None) -> list:
    """``parse_documents`` through a cache of one DocBin per text in ``cache_dir`` (keyed by the
    text, the pipeline and the preparation code; no cache when None)."""
    from spacy.tokens import DocBin
    from ..extract import nlp as nlp_mod
    nlp = nlp if nlp is not None else nlp_mod.load()
    if not cache_dir:
        return parse_documents(docs, nlp, progress=progress)
    base = _pipeline_key(nlp)
    paths = [Path(cache_dir) / (hashlib.sha256(base + d.text.encode()).hexdigest()[:24] + ".spacy") for d in docs]
    out: list = [None] * len(docs)
    todo = []
    for k, (d, path) in enumerate(zip(docs, paths)):
        if path.exists():
            sd = next(DocBin(store_user_data=True).from_disk(path).get_docs(nlp.vocab))
            out[k] = (d, None if sd.user_data.get("refused") else sd, sd.user_data.get("shift", 0))
        else:
            todo.append(k)
    if todo:
        os.makedirs(cache_dir, exist_ok=True)
        for k, (d, sd, shift) in zip(todo, parse_documents([docs[k] for k in todo], nlp, progress=progress)):
            out[k] = (d, sd, shift)
            store = sd if sd is not None else nlp.make_doc("")
            if sd is None:
                store.user_data["refused"] = True
            store.user_data["shift"] = shift
            db = DocBin(store_user_data=True)
            db.add(store)
            tmp = paths[k].with_suffix(".tmp")
            db.to_disk(tmp)
            os.replace(tmp, paths[k])
    return out
