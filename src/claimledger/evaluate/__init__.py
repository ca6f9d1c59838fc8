"""Evaluation: how well extraction does against annotated data.

- ``brat``: reader for brat standoff attribution corpora (PolNeAR, PARC-derived sets);
- ``attribution``: attributions (content, source, cue) scored against such a corpus;
- ``claims_gold``: our claims gold files (``gold.json``), many at once, per-field accuracy;
- ``articles``: main-text extraction from saved HTML pages (article-extraction benchmark measure);
- ``report``: tables for people, JSON for machines, errors in context;
- ``gate``: floors pinned in ``eval/baseline.json`` for our own gold sets (run by the tests);
- ``cli``: the ``claimledger eval`` subcommands (``add_eval_parser``).

Nothing here loads the model at import; pass an extractor (anything with ``extract_one(Document)``)
to score without loading one more.
"""
from __future__ import annotations

from .articles import evaluate_articles
from .attribution import evaluate_attribution, evaluate_documents
from .brat import read_corpus
from .claims_gold import evaluate_claims

__all__ = ["evaluate_articles", "evaluate_attribution", "evaluate_claims", "evaluate_documents", "read_corpus"]
