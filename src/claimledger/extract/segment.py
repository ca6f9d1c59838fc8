"""Cut a document into the blocks we parse: paragraphs and headlines, never excluded regions.

Parsing blocks instead of the whole text keeps spaCy from gluing a headline to the first sentence
or a paragraph's last sentence to the next one, and keeps comment forms and a truncated last
sentence out of the parse altogether (they can then yield no claim). Offsets stay those of
``Document.text``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Document

_TERMINAL = re.compile(r"[.!?…:\"”’)\]]\s*$")


@dataclass
class Block:
    start: int
    end: int
    paragraph: int          # index of the paragraph it belongs to (verification scope)
    headline: bool = False


def _allowed_ranges(doc: Document) -> list[tuple[int, int]]:
    """The text minus excluded regions, as sorted ranges."""
    ranges = [(0, len(doc.text))]
    for s, e in sorted(doc.excluded):
        out = []
        for a, b in ranges:
            if e <= a or s >= b:
                out.append((a, b))
                continue
            if a < s:
                out.append((a, s))
            if e < b:
                out.append((e, b))
        ranges = out
    return ranges


def blocks(doc: Document) -> list[Block]:
    text = doc.text
    result: list[Block] = []
    para = 0
    for a, b in _allowed_ranges(doc):
        # paragraphs: split on blank lines
        pos = a
        for m in re.finditer(r"\n[ \t\u00a0]*\n\s*", text[a:b] + "\n\n"):
            pstart, pend = pos, min(a + m.start(), b)
            pos = a + m.end()
            if not text[pstart:pend].strip():
                continue
            for s, e, is_head in _split_lines(text, pstart, pend):
                result.append(Block(s, e, para, headline=is_head or (s < doc.body_start)))
            para += 1
    return result


def _split_lines(text: str, start: int, end: int):
    """Split a paragraph at single newlines that end a sentence or a heading; join hard-wrapped lines."""
    pieces = []
    line_start = start
    for m in re.finditer(r"\n", text[start:end]):
        nl = start + m.start()
        line = text[line_start:nl]
        nxt = text[nl + 1:end].lstrip(" \t")
        # a short line is a heading only when the next line starts afresh; "withdrawn\nfrom the
        # town" is one sentence wrapped at a narrow width
        starts_afresh = bool(nxt) and (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "\"\u201c'\u2018(-\u2022*")
        if _TERMINAL.search(line) or (line.strip() and len(line.strip()) < 60 and starts_afresh
                                      and not re.search(r"[,;]\s*$|\b(?:the|a|an|of|and|to|in|on|that)\s*$", line)):
            pieces.append((line_start, nl))
            line_start = nl + 1
    pieces.append((line_start, end))
    out = []
    for s, e in pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            line = text[s:e]
            is_head = not _TERMINAL.search(line) and len(line) < 160 and "\n" not in line
            out.append((s, e, is_head))
    return out
