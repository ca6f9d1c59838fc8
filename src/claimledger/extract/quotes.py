"""Quotations in a block of text, found by their marks and looked up by position."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

QUOTE_PAIRS = (("\u00ab", "\u00bb"),)
#: Double quotation marks, curly or straight: one kind, paired by the side of the word they touch
#: (outlets mix them: \u201cA," he said; the \u201cexpedited review\u201c of ...)
DOUBLE_MARKS = re.compile("[\u201c\u201d\"]")


def _opens(s: str, k: int) -> bool:
    """Does the double quotation mark at ``s[k]`` open a quotation? Read from what it touches: a
    space, an opening bracket or a dash before it and none after it opens; a space or punctuation
    after it and none before it closes; a mark touching both or neither keeps its own shape (a
    straight mark opens)."""
    before = s[k - 1] if k > 0 else " "
    after = s[k + 1] if k + 1 < len(s) else " "
    open_side = before.isspace() or before in "([{\u2014\u2013-/:"
    close_side = after.isspace() or after in ".,;:!?)]}\u2014\u2013-'\u2019"
    if open_side != close_side:
        return open_side
    return s[k] != "\u201d"


def quote_regions(text: str, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """Quotations in text[start:end] as (open_mark, inner_start, inner_end, close_mark_end).

    Double marks, curly or straight, are one kind paired left to right, each opening or closing by
    the side of the word it touches (``_opens``); an opening mark while a quotation is open is part
    of it, unless both are straight marks (which pair as they come); a closing mark with none open
    is ignored. Guillemet pairs nest cleanly. An unclosed quote runs to the end of the block (news
    paragraphs often leave a multi-paragraph quote open), which we accept only when it is the last
    one.
    """
    out = []
    s = text[start:end]
    for o, c in QUOTE_PAIRS:
        i = 0
        while True:
            a = s.find(o, i)
            if a < 0:
                break
            b = s.find(c, a + 1)
            if b < 0:
                out.append((start + a, start + a + 1, end, end))
                break
            out.append((start + a, start + a + 1, start + b, start + b + 1))
            i = b + 1
    pending = None
    for m in DOUBLE_MARKS.finditer(s):
        k = m.start()
        if pending is None:
            if _opens(s, k):
                pending = k
        elif not _opens(s, k) or (s[k] == '"' and s[pending] == '"'):
            out.append((start + pending, start + pending + 1, start + k, start + k + 1))
            pending = None
    if pending is not None:
        out.append((start + pending, start + pending + 1, end, end))
    # the doubled apostrophes some outlets print for quotation marks (''...''), paired left to right
    positions = [m.start() for m in re.finditer(r"(?<!['\w])''(?!')|(?<!')''(?![\w'])", s)]
    for k in range(0, len(positions) - 1, 2):
        a, b = positions[k], positions[k + 1]
        out.append((start + a, start + a + 2, start + b, start + b + 2))
    return sorted(out)


class Quotes:
    """The quotations of one block, looked up by position (bisection), never scanned per cue."""

    def __init__(self, regions: list[tuple[int, int, int, int]]):
        self.regions = regions                       # sorted by opening mark
        self.opens = [q[0] for q in regions]
        self.by_close = sorted(range(len(regions)), key=lambda i: (regions[i][3], i))
        self.closes = [regions[i][3] for i in self.by_close]
        merged: list[list[int]] = []
        for q in sorted(regions, key=lambda q: q[1]):
            if merged and q[1] <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], q[2])
            elif q[2] > q[1]:
                merged.append([q[1], q[2]])
        self._in_starts = [m[0] for m in merged]
        self._in_ends = [m[1] for m in merged]

    def __len__(self) -> int:
        return len(self.regions)

    def __getitem__(self, i: int):
        return self.regions[i]

    def inside(self, pos: int) -> bool:
        """Is ``pos`` inside some quotation (between its marks)?"""
        k = bisect_right(self._in_starts, pos) - 1
        return k >= 0 and pos < self._in_ends[k]

    def opening_in(self, a: int, b: int) -> list[int]:
        """Indices of the quotations whose opening mark is in [a, b], in text order."""
        return list(range(bisect_left(self.opens, a), bisect_right(self.opens, b)))

    def closing_in(self, a: int, b: int) -> list[int]:
        """Indices of the quotations whose closing mark ends in [a, b], in text order."""
        return sorted(self.by_close[bisect_left(self.closes, a):bisect_right(self.closes, b)])


def run_start(text: str, pos: int, extra: str = "", limit: int = 2000) -> int:
    """Start of the run of whitespace (and ``extra`` characters) ending at ``pos``, looked back at
    most ``limit`` characters."""
    i = pos
    while i > 0 and pos - i < limit and (text[i - 1].isspace() or text[i - 1] in extra):
        i -= 1
    return i
