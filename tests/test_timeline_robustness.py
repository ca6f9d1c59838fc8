"""No text may raise while a document is read in order (``DocumentTimes``): every WikiWars narrative
and a fixed sample of PolNeAR articles from ../shared/corpora, each under two publication dates
(a date counted from a month once raised AttributeError on "the following week"). Skipped, with
the reason, when the corpora are absent."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.evaluate.timex import read_timeml, sentences
from claimledger.extract.timeline import DocumentTimes

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def _texts():
    if not CORPORA.is_dir():
        pytest.skip(f"{CORPORA} is absent (the development corpora sit beside the project as ../shared/corpora)")
    texts = [read_timeml(f).text for f in sorted((CORPORA / "wikiwars-train").glob("*.tml"))]
    polnear = sorted((CORPORA / "polnear-train" / "text").glob("*.txt"))
    texts += [f.read_text(encoding="utf-8") for f in polnear[::10]]
    return texts


def test_every_text_is_read_in_order_without_raising():
    texts = _texts()
    assert len(texts) > 50
    read = 0
    for text in texts:
        for anchor in ("2016-06-01", "2024-02-29"):
            dt = DocumentTimes(text, anchor, sentences(text))
            read += len(dt.found(0, len(text)))
    assert read > 1000
