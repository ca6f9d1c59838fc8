"""The parse the extractor makes, for training: same text preparation (excluded regions blanked,
sentence starts at block boundaries), same spaCy pipeline. Parses can be cached, one DocBin per text
keyed by the text, the pipeline and the preparation code, so a second training run does not parse
again."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Optional, Sequence

from ..errors import ClaimLedgerError


def parse_documents(docs: Sequence, nlp=None, batch_size: int = 16, progress=None) -> list:
    """[(BratDocument, spaCy Doc or None, shift)] parsed as the extractor parses (``Extractor.parse``);
    None when ingest refuses the text; ``shift`` is what to add to a Doc offset to get an offset
    into the annotated text (1 after a dropped byte-order mark)."""
    from ..extract import nlp as nlp_mod
    from ..extract.pipeline import Extractor
    from ..ingest import document_from_text
    extractor = Extractor(nlp=nlp if nlp is not None else nlp_mod.load(), batch_size=batch_size)
    out = []
    for d in docs:
        try:
            document = document_from_text(d.text, path=d.text_path)
        except ClaimLedgerError:
            out.append((d, None, 0))
            continue
        shift = len(d.text) - len(document.text) if d.text.endswith(document.text) else 0
        spdoc, _ = extractor.parse(document)
        out.append((d, spdoc, shift))
        if progress:
            progress(d.text_path)
    return out


def _pipeline_key(nlp) -> bytes:
    h = hashlib.sha256()
    h.update(repr((nlp.meta.get("name"), nlp.meta.get("version"), nlp.pipe_names)).encode())
    from ..extract import parse_text, pipeline, segment  # the text preparation shapes the tokens
    for mod in (parse_text, pipeline, segment):
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
            tmp = paths[k].with_suffix(f".{os.getpid()}.tmp")
            db.to_disk(tmp)
            os.replace(tmp, paths[k])
    return out
