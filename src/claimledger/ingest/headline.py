"""Recognise a headline at the top of the text.

A headline has no final period, so without this the truncation check would take a headline-only
text for a cut sentence, and the title would be lost for texts that come without metadata. The
headline stays content (headlines carry claims too); only ``title``, ``body_start`` and
``meta["headline"]`` (its span) are set.
"""
from __future__ import annotations

import re

from ..models import Document
from .sentences import ends_sentence

MAX_HEADLINE_CHARS = 200
MAX_HEADLINE_WORDS = 30

_SEPARATORS = "-|–—:·•"


def _norm(s: str) -> str:
    s = s.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}))
    return re.sub(r"\s+", " ", s).strip().casefold()


def matches_title(line: str, title: str | None) -> bool:
    """Is ``line`` the page title, possibly without the " - Site name" the <title> tag adds?"""
    if not title:
        return False
    a, b = _norm(line), _norm(title)
    if not a or not b:
        return False
    if a == b:
        return True
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    rest = longer[len(shorter):].lstrip()
    return longer.startswith(shorter) and len(shorter) >= 15 and rest[:1] in tuple(_SEPARATORS)


def _lines(text: str, start: int = 0):
    pos = start
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end == -1 else end
        yield pos, end
        pos = end + 1


def looks_like_headline(line: str) -> bool:
    line = line.strip()
    return (
        0 < len(line) <= MAX_HEADLINE_CHARS
        and len(line.split()) <= MAX_HEADLINE_WORDS
        and not ends_sentence(line)
        and line[-1] not in ",;:"
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘«")
    )


def mark_headline(doc: Document) -> None:
    """Set ``doc.body_start`` after a headline line, and ``doc.title`` when none was given.

    The first content line is a headline when it equals the known title, or when it is short,
    unpunctuated and followed by a blank line (the usual shape of a scraped article).
    """
    text = doc.text
    first = None
    for start, end in _lines(text):
        if text[start:end].strip() and not doc.is_excluded(start, end):
            first = (start, end)
            break
    if first is None:
        return
    start, end = first
    line = text[start:end]
    following_blank = False
    body = None
    for s, e in _lines(text, end + 1):
        if not text[s:e].strip():
            following_blank = True
            continue
        if doc.is_excluded(s, e):
            continue
        body = s + (len(text[s:e]) - len(text[s:e].lstrip()))
        break
    if body is None:
        return                          # nothing after it: a one-line text is not a headline
    if not (matches_title(line, doc.title) or (following_blank and looks_like_headline(line))):
        return
    lead = len(line) - len(line.lstrip())
    doc.meta["headline"] = [start + lead, start + len(line.rstrip())]
    if not doc.title:
        doc.title = line.strip()
    doc.body_start = body
