"""Views of a document's text that skip its excluded regions.

Cleaning passes run one after the other (boilerplate, headline, truncation, language), and each
later pass must only look at what the earlier ones left as content. These helpers compute that
without ever copying the text into an edited form whose offsets would drift.
"""
from __future__ import annotations

from ..models import Document, Span


def merged_exclusions(doc: Document) -> list[Span]:
    merged: list[list[int]] = []
    for start, end in sorted(doc.excluded):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def included_spans(doc: Document, start: int = 0, end: int | None = None) -> list[Span]:
    """The stretches of ``doc.text[start:end]`` not covered by any excluded region."""
    end = len(doc.text) if end is None else end
    spans: list[Span] = []
    pos = start
    for s, e in merged_exclusions(doc):
        if e <= pos:
            continue
        if s >= end:
            break
        if s > pos:
            spans.append((pos, s))
        pos = max(pos, e)
    if pos < end:
        spans.append((pos, end))
    return spans


def included_text(doc: Document, start: int = 0, limit: int | None = None) -> str:
    """The content left after exclusions, joined by newlines (for statistics, never for offsets)."""
    parts: list[str] = []
    size = 0
    for s, e in included_spans(doc, start):
        parts.append(doc.text[s:e])
        size += e - s
        if limit is not None and size >= limit:
            break
    joined = "\n".join(parts)
    return joined if limit is None else joined[:limit]


def content_end(doc: Document, start: int = 0) -> tuple[int, int] | None:
    """(start of the last included stretch, end of its last non-blank character), or None."""
    for s, e in reversed(included_spans(doc, start)):
        stripped = doc.text[s:e].rstrip()
        if stripped.strip():
            return s, s + len(stripped)
    return None
