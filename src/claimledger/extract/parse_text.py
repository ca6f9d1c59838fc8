"""What spaCy parses: the document's text, same length, with what must not be read blanked, cut
into pieces spaCy accepts.

- Excluded regions (comment forms, boilerplate) are blanked to spaces, newlines kept.
- Invisible format characters (zero-width space and joiners, soft hyphen, word joiner, byte-order
  mark, bidi marks and controls) stay in the stored text, but where they stand between words or
  beside spaces and punctuation they are blanked in the parse, so "governor\\u200b said" parses as
  "governor said" and "\\ufeff\\u00adOfficials" as "Officials". Inside a word ("gover\\u00adnor")
  they are left to the tokenizer (blanking would split the word); names drop them (``clean_name``).
- Runs of more than MAX_WORD non-space characters get a blank every WORD_PIECE characters (the
  tokenizer is worse than quadratic on a long run of brackets).
- Runs of more than MAX_PUNCT punctuation and symbol characters (no letter, digit or space:
  "((((", ",,,,", "-----") are blanked: no claim is written in them, and each character would be
  a token costing as much parsing as a word (100,000 commas took longer than 100 KB of prose).
- Long texts are parsed in pieces of at most ``MAX_PIECE`` characters, cut at block starts
  (paragraphs, lines), and joined back into one Doc whose offsets are the document's: spaCy's
  1,000,000-character limit (E088) never applies, and memory follows the piece, not the text
  (``groups``: pieces are handed to the parser at most ``MAX_PIECE`` characters at a time).
"""
from __future__ import annotations

import re
from typing import Iterator

from ..models import Document

#: Characters per parse piece: far below spaCy's max_length, large enough that no ordinary
#: article is cut (pieces are cut only between blocks).
MAX_PIECE = 100_000

FORMAT_CHARS = "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e" \
               "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
#: Runs of non-space characters longer than MAX_WORD are parsed in pieces of WORD_PIECE.
MAX_WORD = 200
WORD_PIECE = 100
_LONG_WORD = re.compile(r"\S{%d,}" % (MAX_WORD + 1))
#: Runs of punctuation and symbols longer than this are blanked in the parse.
MAX_PUNCT = 20
_PUNCT_RUN = re.compile(r"[^\w\s]{%d,}" % (MAX_PUNCT + 1))
_FORMAT_RUN = re.compile(f"[{FORMAT_CHARS}]+")
_FORMAT_ANY = re.compile(f"[{FORMAT_CHARS}]")


def masked_text(document: Document) -> str:
    """The text to parse: excluded regions and word-breaking format characters blanked."""
    text = document.text
    chars = None
    if document.excluded:
        chars = list(text)
        for s, e in document.excluded:
            for i in range(s, min(e, len(chars))):
                if chars[i] != "\n":
                    chars[i] = " "
    if _FORMAT_ANY.search(text):
        chars = chars if chars is not None else list(text)
        for m in _FORMAT_RUN.finditer(text):
            s, e = m.span()
            before = text[s - 1] if s else " "
            after = text[e] if e < len(text) else " "
            # inside a word (a letter or digit on both sides) only the soft hyphen and joiners keep
            # the word whole; a zero-width space is a word break wherever it stands
            inside = before.isalnum() and after.isalnum() and "\u200b" not in m.group()
            if not inside:
                for i in range(s, e):
                    chars[i] = " "
    punct_runs = list(_PUNCT_RUN.finditer(text))
    if punct_runs:
        chars = chars if chars is not None else list(text)
        for m in punct_runs:
            chars[m.start():m.end()] = " " * (m.end() - m.start())
    long_runs = list(_LONG_WORD.finditer("".join(chars) if punct_runs else text))
    if long_runs:
        # spaCy's tokenizer strips affixes one at a time, re-searching the rest: a 40,000-character
        # "((((...))))" took minutes. No word is that long; a blank every WORD_PIECE characters
        # keeps the cost linear (the stored text keeps every character).
        chars = chars if chars is not None else list(text)
        for m in long_runs:
            for i in range(m.start() + WORD_PIECE, m.end(), WORD_PIECE):
                chars[i] = " "
    return "".join(chars) if chars is not None else text


def clean_name(name):
    """A name without invisible format characters, and with the blank a format character left
    in the parse between words ("Ivan \u202eFedorov" parses as "Ivan  Fedorov") made one space
    (None stays None)."""
    if not isinstance(name, str):
        return name
    if _FORMAT_ANY.search(name) or "  " in name:
        return " ".join(_FORMAT_ANY.sub("", name).split())
    return name


def pieces(text: str, cut_points: list[int], limit: int = MAX_PIECE) -> Iterator[tuple[int, str]]:
    """(offset, piece) covering ``text`` exactly, each piece at most ``limit`` characters, cut at
    one of ``cut_points`` preceded by whitespace where possible, else at a line or sentence end,
    else at a space."""
    n = len(text)
    if n <= limit:
        yield 0, text
        return
    cuts = sorted({c for c in cut_points if 0 < c < n and text[c - 1].isspace()})
    import bisect
    start = 0
    while n - start > limit:
        hi = start + limit
        i = bisect.bisect_right(cuts, hi) - 1
        cut = cuts[i] if i >= 0 and cuts[i] > start else None
        if cut is None:
            window = text[start:hi]
            for pattern in ("\n", ". ", " "):
                j = window.rfind(pattern)
                if j > 0:
                    cut = start + j + len(pattern)
                    break
        if cut is None or cut <= start:
            cut = hi
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def groups(pieces: list, limit: int = MAX_PIECE, most: int = 16) -> Iterator[list]:
    """``pieces`` (texts or Docs) in consecutive groups of at most ``most`` holding at most
    ``limit`` characters together (a longer piece alone): what the parser gets at one time, so
    its working memory follows the group, not the batch of a long text's pieces."""
    group: list = []
    size = 0
    for p in pieces:
        n = len(p.text) if hasattr(p, "text") else len(p)
        if group and (size + n > limit or len(group) >= most):
            yield group
            group, size = [], 0
        group.append(p)
        size += n
    if group:
        yield group


def join(docs):
    """One Doc from the parsed pieces, with the document's offsets (pieces end in whitespace, so
    nothing is inserted between them)."""
    if len(docs) == 1:
        return docs[0]
    from spacy.tokens import Doc

    from .toponym_model import carry_vectors
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    carry_vectors(docs, joined)          # the toponym tagger's vectors of the pieces, joined too
    return joined


def clean_names(claims) -> None:
    """Names carry no invisible format characters (the spans still point at the text as written)."""
    for c in claims:
        for src in (c.source, c.via):
            if src is not None:
                src.name = clean_name(src.name)
                src.text = clean_name(src.text)
                src.role = clean_name(src.role)
                src.affiliation = clean_name(src.affiliation)
        if c.cue is not None:
            c.cue.text = clean_name(c.cue.text)
        for p in c.places:
            p.name = clean_name(p.name)
            p.text = clean_name(p.text)


def visible_start(masked: str, start: int, end: int) -> int:
    """Where a block's first token starts in the parse text: past characters blanked there (a
    byte-order mark or soft hyphen at the start of a paragraph)."""
    i = start
    while i < end and masked[i] == " ":
        i += 1
    return i if i < end else start
