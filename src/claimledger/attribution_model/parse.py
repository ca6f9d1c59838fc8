"""The parse the extractor makes, for training: same text preparation (excluded regions blanked,
sentence starts at block boundaries), same spaCy pipeline. Parses of a corpus are cached as a
spaCy DocBin, keyed by the corpus's file sizes and times and the pipeline, so a second training
run does not parse again."""
from __future__ import annotations

import hashlib
import os
import types
from pathlib import Path
from typing import Iterable, Optional, Sequence

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


def _key(docs: Sequence, nlp) -> str:
    h = hashlib.sha256()
    h.update(repr((nlp.meta.get("name"), nlp.meta.get("version"), nlp.pipe_names)).encode())
    from ..extract import segment  # the preparation's code shapes the tokens
    for mod in (segment,):
        h.update(Path(mod.__file__).read_bytes())
    for d in docs:
        h.update(d.name.encode())
        h.update(hashlib.sha1(d.text.encode()).digest())
    return h.hexdigest()[:16]


def cached_parse(docs: Sequence, cache_dir: Optional[str], nlp=None, progress=None) -> list:
    """``parse_documents`` through a DocBin cache in ``cache_dir`` (no cache when None)."""
    from spacy.tokens import DocBin
    from ..extract import nlp as nlp_mod
    nlp = nlp if nlp is not None else nlp_mod.load()
    if not cache_dir:
        return parse_documents(docs, nlp, progress=progress)
    path = Path(cache_dir) / f"parse-{_key(docs, nlp)}.spacy"
    if path.exists():
        db = DocBin(store_user_data=True).from_disk(path)
        spdocs = list(db.get_docs(nlp.vocab))
        out = []
        it = iter(spdocs)
        for d in docs:
            sd = next(it)
            shift = sd.user_data.get("shift", 0)
            out.append((d, None if sd.user_data.get("refused") else sd, shift))
        return out
    out = parse_documents(docs, nlp, progress=progress)
    db = DocBin(store_user_data=True)
    for d, sd, shift in out:
        if sd is None:
            sd = nlp.make_doc("")
            sd.user_data["refused"] = True
        sd.user_data["shift"] = shift
        db.add(sd)
    os.makedirs(cache_dir, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    db.to_disk(tmp)
    os.replace(tmp, path)
    return out
