"""Ingest: files, HTML pages and JSONL batches in, Documents (or Failures) out.

The stored text is exactly the input text (HTML: trafilatura's extraction of it), so claim
offsets point into what the user gave; cleaning only marks excluded regions (comment sections,
share and newsletter lines, a truncated last sentence) and never edits the text.
"""
from __future__ import annotations

from .batch import read_inputs
from .boilerplate import mark_boilerplate
from .documents import DEFAULT_MAX_BYTES, document_from_bytes, document_from_text
from .headline import mark_headline
from .html import document_from_html
from .published import parse_published
from .truncation import mark_truncation

__all__ = [
    "DEFAULT_MAX_BYTES",
    "document_from_bytes",
    "document_from_html",
    "document_from_text",
    "mark_boilerplate",
    "mark_headline",
    "mark_truncation",
    "parse_published",
    "read_inputs",
]
