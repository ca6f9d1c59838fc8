"""Mark comment sections, share bars, newsletter boxes and cookie notices as excluded.

Extractors keep page furniture they cannot tell from the article (trafilatura drops WordPress
comments only when the theme keeps the standard ids, and plain-text scrapes keep everything), and a
claim taken from a reader comment is worse than no claim. The text is never edited: matching lines
are only recorded with ``Document.exclude`` so offsets stay valid.

The marker phrases live in ``claimledger/data/boilerplate.txt`` (syntax described there), so a new
marker is a one-line change. Matching is by whole line: a real sentence that merely mentions a
"reply" or a "comment" is never a whole line equal to "Reply" or "Leave a Comment".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from ..models import Document

#: Longest line a marker may match. UI elements are short; a longer line is an article paragraph.
MAX_MARKER_LINE = 200

#: A line at least this long (or two consecutive lines of half that, for hard-wrapped text) before
#: a tail marker shows that article prose came first. Without one, the marker is a counter or link
#: near the top ("3 Comments" under the headline) and must not swallow the article that follows.
PROSE_LINE = 80

_LEAD = r"[^\S\n]*[•·»›>*\-–—]*[^\S\n]*"
_TRAIL = r"[^\S\n]*[:*.!|»›>\-–—]*[^\S\n]*"


@dataclass(frozen=True)
class Marker:
    group: str          # reason recorded with the excluded region ("comments", "share", ...)
    tail: bool          # True: exclude from the line to the end of the text
    source: str         # the entry as written in the data file (for error messages and debugging)
    regex: re.Pattern[str]
    body: str = ""      # the pattern without the shared line-start/line-end wrapping


def parse_markers(lines: Iterable[str], origin: str = "boilerplate.txt") -> list[Marker]:
    """Compile the data file's entries; a bad regex names its line instead of failing later."""
    markers: list[Marker] = []
    group, tail = None, False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n").strip()
        if not line or line.startswith("#"):
            continue
        header = re.fullmatch(r"\[([\w-]+)\]\s+(tail|line)", line)
        if header:
            group, tail = header.group(1), header.group(2) == "tail"
            continue
        if group is None:
            raise ValueError(f"{origin}:{number}: entry before any [group] header: {line!r}")
        if line.startswith("re:"):
            body = line[3:].strip()
        else:
            body = r"[^\S\n]+".join(re.escape(word) for word in line.split())
        try:
            regex = re.compile(rf"^{_LEAD}(?:{body}){_TRAIL}$", re.IGNORECASE | re.MULTILINE)
        except re.error as exc:
            raise ValueError(f"{origin}:{number}: bad regular expression {line!r}: {exc}") from exc
        markers.append(Marker(group, tail, line, regex, body))
    return markers


@lru_cache(maxsize=1)
def default_markers() -> tuple[Marker, ...]:
    text = resources.files("claimledger").joinpath("data/boilerplate.txt").read_text("utf-8")
    return tuple(parse_markers(text.splitlines()))


@lru_cache(maxsize=8)
def _any_marker(markers: tuple[Marker, ...]) -> re.Pattern[str]:
    """One alternation of all markers: most short lines match none, and one test says so."""
    bodies = "|".join(f"(?:{m.body})" for m in markers)
    return re.compile(rf"^{_LEAD}(?:{bodies}){_TRAIL}$", re.IGNORECASE | re.MULTILINE)


def _matches(text: str, markers: tuple[Marker, ...]):
    """(marker, match) for every marker matching at the start of a short, non-blank line.

    Only line starts are tried, and only for lines short enough to be UI elements: a 10 MB text
    is scanned in well under a second instead of running every pattern over every position.
    """
    anyone = _any_marker(markers)
    pos, size = 0, len(text)
    while pos < size:
        end = text.find("\n", pos)
        end = size if end == -1 else end
        if end - pos <= MAX_MARKER_LINE and text[pos:end].strip() and anyone.match(text, pos):
            for marker in markers:
                m = marker.regex.match(text, pos)
                if m:
                    yield marker, m
        pos = end + 1


def _too_long(text: str, start: int, end: int) -> bool:
    return any(len(line) > MAX_MARKER_LINE for line in text[start:end].split("\n"))


def _first_prose_line(text: str, doc: Document) -> int:
    """Offset of the first article prose (len(text) when there is none): a line of PROSE_LINE
    characters, or two consecutive lines of half that (a hard-wrapped paragraph)."""
    start, previous = 0, None
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        length = len(text[start:end].strip())
        if doc.is_excluded(start, end):
            length = 0
        if length >= PROSE_LINE:
            return start
        if length >= PROSE_LINE // 2 and previous is not None:
            return previous
        previous = start if length >= PROSE_LINE // 2 else None
        start = end + 1
    return len(text)


def mark_boilerplate(doc: Document, markers: Iterable[Marker] | None = None) -> None:
    """Exclude boilerplate regions of ``doc.text`` (see the module docstring).

    The earliest tail marker that follows article prose excludes everything from its line on;
    line markers exclude their own lines before that point.
    """
    text = doc.text
    markers = default_markers() if markers is None else tuple(markers)
    tails: list[tuple[int, str]] = []
    lines: list[tuple[int, int, str]] = []
    for marker, m in _matches(text, markers):
        start, end = m.start(), m.end()
        if end == start or _too_long(text, start, end):
            continue
        if marker.tail:
            tails.append((start, marker.group))
        lines.append((start, end, marker.group))

    cut = len(text)
    prose = _first_prose_line(text, doc)
    for start, group in sorted(tails):
        if start > prose:
            cut = start
            doc.exclude(start, len(text), group)
            break

    seen: set[tuple[int, int]] = set()
    for start, end, group in sorted(lines):
        if start >= cut or (start, end) in seen:
            continue
        seen.add((start, end))
        # A marker spanning lines (a comment header) is excluded whole, newline included.
        doc.exclude(start, min(end, cut), group)
