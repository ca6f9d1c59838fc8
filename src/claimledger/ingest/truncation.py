"""Detect a text cut off mid-sentence and exclude the unfinished sentence.

Scrapers and paywalls stop mid-sentence ("Additionally, he stated that there was"); a claim read
from half a sentence says something the article never said, so the fragment is excluded with the
reason "truncated" and ``Document.truncated`` is set so the ledger can say the article is partial.
Run after boilerplate marking (a comment form after the cut must not hide it) and after headline
detection (a headline has no final period but is not a cut).
"""
from __future__ import annotations

import re

from ..models import Document
from .regions import content_end
from .sentences import ends_sentence, sentence_start_before

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def mark_truncation(doc: Document) -> bool:
    """Mark the unfinished last sentence, if any; return whether the text was truncated."""
    found = content_end(doc, doc.body_start)
    if found is None:
        return False
    lo, end = found
    text = doc.text
    line_start = max(lo, text.rfind("\n", 0, end) + 1)
    if ends_sentence(text[line_start:end]):
        return False
    # The unfinished sentence starts no earlier than its paragraph.
    for m in _BLANK_LINE.finditer(text, lo, end):
        lo = m.end()
    start = sentence_start_before(text, lo, end)
    doc.truncated = True
    doc.exclude(start, end, "truncated")
    return True
