"""Scoring the time normaliser against TimeML gold (TempEval-3 style ``.tml`` files).

    evaluate_timex(path, *, errors=False, part=None, seed=13) -> dict   a .tml file or a directory
    read_timeml(path) -> TimeMLDoc                     plain TEXT, gold TIMEX3 with offsets, DCT
    timex_value(t: TimeExpr) -> str | None             our TimeExpr as a TIMEX3 ``value``
    split_files(files, part, seed)                     one part of a by-document split

Each document is read in order by one :class:`~claimledger.extract.times.Timeline` anchored on
its creation time (DCT): deictic expressions count from the DCT, anaphoric ones ("the following
year", "two days later") from the last date resolved before them, and in a narrative (a war
history, see ``is_narrative``) undated ones too. Two measures:

* **value accuracy given the gold spans** (``value_accuracy``): each gold TIMEX3's text, in
  document order, goes through the timeline (tense from its sentence); our TimeML value must
  equal the gold value. TimeML leaves prepositions out of a span, and the finder's guards refuse
  a bare "February" (a verb, a name?), which a gold span makes moot: when the text alone does not
  resolve, "in <text>" is tried; then a reference word ("formerly" PAST_REF). The figures are
  broken down by type (DATE / TIME / DURATION / SET; a corpus converted from TIMEX2 such as
  WikiWars types everything DATE, so the type is read from the value: P... is a DURATION) and
  by how each right value was had (``correct_by``: resolver, in_prefix, ref_word, range_end: a
  span that is one end of a range the finder reads whole, "6" of "6-7 January 1916", takes that
  end's value, since the other end names its month and year).
* **end to end** (``span_value_f1``): ``find_times`` over each sentence of TEXT, each found
  expression resolved the same way. Spans are compared strictly (same offsets) and leniently
  (overlap, one gold per prediction); span+value counts a lenient match whose value is right.
  A leading preposition of ours ("on Saturday") is left out of the span compared, since TimeML
  never includes it; the value still comes from the whole expression. A range counts as its two
  ends, as TimeML marks them (``timeml_parts``: "22-25 April 1951" is "22" and "25 April 1951").
* **errors by cause** (``errors_by_cause``), given the spans and end to end: not recognised (no
  value; end to end also a gold span nothing found overlaps), type (a date for a duration ...),
  granularity (a year for a month), wrong anchor (a relative expression at the right granularity
  but counted from the wrong date), wrong value (an expression with its own year read wrong),
  spurious (found, not in the gold).

``--part tune|report --seed 13``: the files' ids (names without .tml) sorted, shuffled with
``random.Random(seed)``, the first 70% are "tune", the rest "report". Tune on the one, report the
other.

The value of a calendar range is given by ``claimledger.extract.times.range_value``. Durations compare with weeks as seven days (P1W = P7D), and a SET of
ours ("daily" P1D) equals the value a corpus converted from TIMEX2 gives it, typed DATE (XXXX-XX-XX). A file that is not well-formed XML, has
no TEXT, no usable creation time, or a TIMEX3 without type or value is an
:class:`~claimledger.errors.InputError` naming the file and line; a batch goes on with the other
files and lists the failure. Precision, recall, F1 and accuracies are 0.0 when their
denominator is empty.
"""
from __future__ import annotations

import json
import os
import random
import re
import sys
import xml.parsers.expat
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Optional, Union

from ..errors import MISSING, ClaimLedgerError, InputError
from ..extract.timeline import Timeline
from ..extract.times import find_times, range_value, tense_at, tense_of, timeml_parts
from ..models import TimeExpr

PathLike = Union[str, os.PathLike]

TYPES = ("DATE", "TIME", "DURATION", "SET")
IN_SCOPE = set(TYPES)         # resolve_time gives values of all four TimeML types
REF_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")

# ----------------------------------------------------------------------------- reading TimeML


@dataclass
class GoldTimex:
    tid: str
    type: str
    value: str
    start: int
    end: int
    text: str
    line: int
    mod: Optional[str] = None


@dataclass
class TimeMLDoc:
    path: str
    docid: Optional[str]
    dct: Optional[str]                 # the creation time as given (value of the DCT TIMEX3)
    anchor: Optional[date]             # its date
    text: str                          # TEXT with every tag removed; gold offsets index into it
    timexes: list[GoldTimex] = field(default_factory=list)
    skipped_empty: int = 0             # TIMEX3 with no text (TimeBank's implicit points)


def _bad(path: str, message: str, line: Optional[int] = None) -> InputError:
    where = f"line {line}: " if line else ""
    err = InputError(where + message, input=str(path))
    err.line = line
    err.reason = message
    return err


def read_timeml(path: PathLike) -> TimeMLDoc:
    """Read one TimeML file: the plain TEXT, its gold TIMEX3 (character offsets into that text)
    and the document creation time. Raises InputError (file and line) when it cannot be used."""
    path = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", code=MISSING, input=path) from exc

    parser = xml.parsers.expat.ParserCreate()
    parser.buffer_text = True
    stack: list[str] = []
    buf: list[str] = []
    pos = 0
    state: dict[str, Any] = {"text_seen": False, "in_text": 0, "open": None, "docid": [], "dct": None,
                             "dct_line": None, "inline_dct": None}
    timexes: list[GoldTimex] = []
    skipped = 0

    def start(name, attrs):
        stack.append(name)
        up = name.upper()
        if up == "TEXT":
            state["in_text"] += 1
            state["text_seen"] = True
        elif up == "TIMEX3":
            line = parser.CurrentLineNumber
            if state["in_text"]:
                if state["open"] is None:
                    state["open"] = (pos, len(buf), dict(attrs), line)
                if attrs.get("functionInDocument") == "CREATION_TIME" and state["inline_dct"] is None:
                    state["inline_dct"] = (attrs.get("value"), line)
            elif "DCT" in (s.upper() for s in stack) or attrs.get("functionInDocument") == "CREATION_TIME":
                if state["dct"] is None:
                    state["dct"], state["dct_line"] = attrs.get("value"), line

    def end(name):
        nonlocal skipped
        up = name.upper()
        if up == "TEXT":
            state["in_text"] -= 1
        elif up == "TIMEX3" and state["in_text"] and state["open"] is not None:
            s, first_chunk, attrs, line = state["open"]
            state["open"] = None
            surface = "".join(buf[first_chunk:])
            ttype = (attrs.get("type") or "").strip().upper()
            value = (attrs.get("value") or "").strip()
            if not ttype:
                raise _bad(path, f"TIMEX3 {attrs.get('tid', '?')} has no type", line)
            if ttype not in TYPES:
                raise _bad(path, f"TIMEX3 {attrs.get('tid', '?')} has type {ttype!r}, "
                                 f"not one of {', '.join(TYPES)}", line)
            if not value:
                raise _bad(path, f"TIMEX3 {attrs.get('tid', '?')} has no value", line)
            if not surface.strip():
                skipped += 1
            else:
                timexes.append(GoldTimex(tid=attrs.get("tid", ""), type=ttype, value=value, start=s, end=pos,
                                         text=surface, line=line, mod=attrs.get("mod")))
        stack.pop()

    def chars(data):
        nonlocal pos
        if state["in_text"]:
            buf.append(data)
            pos += len(data)
        elif stack and stack[-1].upper() == "DOCID":
            state["docid"].append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        detail = re.sub(r"^not well-formed\s*", "", xml.parsers.expat.ErrorString(exc.code)).strip("() ")
        raise _bad(path, f"not well-formed XML ({detail or 'syntax error'}, column {exc.offset + 1})",
                   exc.lineno) from None
    if not state["text_seen"]:
        raise _bad(path, "no <TEXT> element: not a TimeML document")
    text = "".join(buf)
    dct, line = state["dct"], state["dct_line"]
    if dct is None and state["inline_dct"]:
        dct, line = state["inline_dct"]
    docid = "".join(state["docid"]).strip() or None
    anchor = _date_of(dct)
    if anchor is None and dct is None and docid:
        m = re.search(r"((?:19|20)\d{2})(\d{2})(\d{2})", docid)   # APW19980807.0261
        if m:
            anchor = _date_of(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")
            dct = anchor.isoformat() if anchor else None
    if anchor is None:
        raise _bad(path, "no document creation time (a <DCT><TIMEX3 value=\"YYYY-MM-DD\"> is needed "
                         "to anchor relative dates)" if dct is None else
                   f"the document creation time {dct!r} is not a date (YYYY-MM-DD)", line)
    return TimeMLDoc(path=path, docid=docid, dct=dct, anchor=anchor, text=text, timexes=timexes,
                     skipped_empty=skipped)


def _date_of(value: Optional[str]) -> Optional[date]:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


# ----------------------------------------------------------------------------- TimeExpr -> value
_REF_WORDS = {
    "PRESENT_REF": {"now", "right now", "just now", "currently", "current", "at present", "presently", "present",
                    "the present", "nowadays", "these days", "at the moment", "at this time", "for now",
                    "present-day", "present day", "modern day", "modern-day", "the time being", "to date"},
    "PAST_REF": {"recently", "lately", "previously", "formerly", "former", "earlier", "before", "the past", "in the past",
                 "once", "in recent times", "some time ago", "long ago", "in the recent past", "the recent past",
                 "recent"},
    "FUTURE_REF": {"the future", "in the future", "soon", "eventually", "later", "someday", "one day",
                   "in the near future", "the near future", "shortly", "in the coming days", "future"},
}
_REF_LOOKUP = {w: v for v, ws in _REF_WORDS.items() for w in ws}


def ref_word_value(expr: str) -> Optional[str]:
    """PRESENT_REF / PAST_REF / FUTURE_REF when the whole expression is such a word ("now")."""
    key = " ".join(expr.lower().strip(" .,;:").split())
    return _REF_LOOKUP.get(key)


def timex_value(t: TimeExpr) -> Optional[str]:
    """Our resolved expression as a TIMEX3 ``value`` (the resolver's own; see
    ``claimledger.extract.times.range_value``); None if it has none."""
    if t.value is not None or (t.start is None and t.end is None):
        return t.value
    s = date.fromisoformat(t.start) if t.start else None
    e = date.fromisoformat(t.end) if t.end else None
    return range_value(t.text, s, e, t.precision, _date_of(t.anchor))[0]


def _canon(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    v = value.strip().upper()
    m = re.fullmatch(r"P(\d+)W", v)
    if m:
        return f"P{int(m.group(1)) * 7}D"
    return v


# TIMEX2 writes a recurrence as the underspecified date of its period, with SET="YES" ("daily"
# XXXX-XX-XX, "weekly" XXXX-WXX, "annually" XXXX); a corpus converted from TIMEX2 (WikiWars) keeps
# the value, types it DATE and drops the SET flag. TimeML writes the same recurrence as its
# period (type SET, P1D ...): one meaning in two notations.
_TIMEX2_SET = {"P1D": "XXXX-XX-XX", "P7D": "XXXX-WXX", "P1M": "XXXX-XX", "P1Y": "XXXX"}


def values_equal(ours: Optional[str], gold: str, ours_type: Optional[str] = None, gold_type: str = "DATE") -> bool:
    """Same TIMEX3 value (weeks as seven days); a SET of ours also equals its TIMEX2 notation in a
    gold typed DATE (see ``_TIMEX2_SET``)."""
    if ours is None:
        return False
    if _canon(ours) == _canon(gold):
        return True
    return ours_type == "SET" and gold_type == "DATE" and _TIMEX2_SET.get(_canon(ours)) == _canon(gold)


def gold_kind(t: GoldTimex) -> str:
    """What sort of value the gold has: date | week | month | year | weekend | ref | time | duration |
    set | other (quarters, seasons, decades, underspecified XXXX-...)."""
    if t.type == "DURATION":
        return "duration"
    if t.type == "SET":
        return "set"
    v = t.value.upper()
    if v in REF_VALUES:
        return "ref"
    if t.type == "TIME" or "T" in v[4:]:
        return "time"
    for kind, pat in (("date", r"\d{4}-\d{2}-\d{2}"), ("week", r"\d{4}-W\d{2}"), ("weekend", r"\d{4}-W\d{2}-WE"),
                      ("month", r"\d{4}-\d{2}"), ("year", r"\d{4}")):
        if re.fullmatch(pat, v):
            return kind
    return "other"


# ----------------------------------------------------------------------------- error causes
CAUSES = ("not recognised", "type", "granularity", "wrong anchor", "wrong value")
_HAS_YEAR = re.compile(r"\b\d{3,4}\b|\b\d{1,4}\s*(?:BC|B\.C\.|BCE)\b|'\d\d\b", re.I)


def value_type(value: str, declared: str = "DATE") -> str:
    """The TIMEX3 type a value stands for. Corpora converted from TIMEX2 (WikiWars) type every
    expression DATE, so a duration value (P3D) counts as DURATION and a clock time as TIME."""
    if declared in ("TIME", "DURATION", "SET"):
        return declared
    v = value.upper()
    if re.match(r"P(?:T?[\dX])", v):
        return "DURATION"
    if re.search(r"T(?:\d\d|MO|AF|EV|NI|DT)", v[4:] if not v.startswith("BC") else v[6:]):
        return "TIME"
    return "DATE"


def _granule(value: str) -> str:
    v = value.upper()
    if v.startswith("BC"):
        v = v[2:]
    if v in REF_VALUES:
        return "ref"
    if value_type(v) == "DURATION":
        return "P"
    return re.sub(r"[0-9X]", "9", v)


def error_cause(gold_value: str, gold_type: str, text: str, ours: Optional[str]) -> str:
    """Why a value given the gold span is wrong: not recognised (no value), type (a date for a
    duration, ...), granularity (a year for a month), wrong anchor (a relative expression resolved
    against the wrong reference date: same granularity, different date), wrong value (an expression
    carrying its own year, read wrong)."""
    if ours is None:
        return "not recognised"
    if value_type(ours) != value_type(gold_value, gold_type):
        return "type"
    if _granule(ours) != _granule(gold_value):
        return "granularity"
    if value_type(ours) == "DATE" and ours.upper() not in REF_VALUES and not _HAS_YEAR.search(text):
        return "wrong anchor"
    return "wrong value"


# ----------------------------------------------------------------------------- scoring helpers
def prf(tp: int, predicted: int, gold: int) -> dict[str, Any]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp,
            "predicted": predicted, "gold": gold}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]], strict: bool) -> dict[int, int]:
    """One-to-one matching, gold index -> prediction index: same offsets (strict) or overlap,
    each gold taking the first free prediction in text order."""
    used: set[int] = set()
    out: dict[int, int] = {}
    for gi, g in sorted(enumerate(gold), key=lambda x: x[1]):
        for pi, p in sorted(enumerate(pred), key=lambda x: x[1]):
            if pi in used:
                continue
            if (p == g) if strict else _overlaps(p, g):
                out[gi] = pi
                used.add(pi)
                break
    return out


_SENT_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])|\n\s*\n")
# A full stop after these does not end a sentence ("3 a.m. Sunday", "Feb. 28", "Gen. Smith").
_NO_END = re.compile(r"(?:\b[ap]\.m|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|"
                     r"Sgt|Capt|Gov|Sen|Rep|No))\.$")
_LEADING_PREP = re.compile(r"^(?:on|in|since|during|throughout|over|at|between|from|within|for|by|until|"
                           r"till|through|of)\s+", re.I)


def sentences(text: str) -> list[tuple[int, int]]:
    """Cheap sentence spans (only to guess each expression's tense)."""
    out, s = [], 0
    for m in _SENT_END.finditer(text):
        if text[m.start() - 1:m.start()] == "." and _NO_END.search(text, max(0, m.start() - 6), m.start()):
            continue
        if m.start() > s:
            out.append((s, m.start()))
        s = m.end()
    if s < len(text):
        out.append((s, len(text)))
    return out


def _sentence_with(sents: list[tuple[int, int]], pos: int, text: str) -> tuple[int, str]:
    for s, e in sents:
        if s <= pos < e:
            return s, text[s:e]
    return 0, text


def _range_end(g: GoldTimex, sent_start: int, sent: str, text: str, tense: str, timeline: Timeline
               ) -> Optional[tuple[Optional[str], str, TimeExpr]]:
    """A gold span that is one end of a range the finder reads whole ("6" of "6-7 January 1916",
    "9, 1918" of "March 5-9, 1918", "10 a.m." of "10 a.m. on Thursday"): its value is that end's
    (``timeml_parts``), since the other end says which month, year or day it is in. None when the
    span is no such end."""
    for fs, fe, expr in find_times(sent, sent_start):
        if not (fs <= g.start and g.end <= fe) or (fs, fe) == (g.start, g.end):
            continue
        # peeked, not read: when the gold span is not one end of it, the gold span itself is read
        # next, and reading both would move the story twice ("on the following day")
        before, after = text[sent_start:fs], sent[fe - sent_start:]
        t = timeline.peek(expr, tense_at(text, fs, tense), before=before, after=after, at=fs)
        for ps, pe, value in timeml_parts(expr, t) or ():
            if (fs + ps, fs + pe) == (g.start, g.end) and value is not None:
                return value, "range_end", timeline.resolve(expr, tense_at(text, fs, tense), before=before,
                                                            after=after, at=fs)
        return None
    return None


def _sentence_at(sents: list[tuple[int, int]], pos: int, text: str) -> str:
    for s, e in sents:
        if s <= pos < e:
            return text[s:e]
    return text


def resolve_gold(text: str, anchor: date, tense: str, timeline: Optional[Timeline] = None, before: str = "",
                 after: str = "", at: Optional[int] = None) -> tuple[Optional[str], str, TimeExpr]:
    """(value, how, TimeExpr) for a gold TIMEX3's text. ``how`` is "resolver"; "in_prefix" when
    only "in <text>" resolves (TimeML leaves prepositions out of the span, and a bare "February"
    or "1996" is too ambiguous for the finder's guards, which a gold span makes moot); "ref_word"
    for PRESENT_REF / PAST_REF / FUTURE_REF words; "none" when nothing gave a value. With a
    ``timeline`` (the document's), anaphoric expressions count from the last date resolved."""
    tl = timeline or Timeline(anchor, narrative=False)
    t = tl.resolve(text, tense, before=before, after=after, at=at)
    value = timex_value(t)
    if value is not None:
        return value, "resolver", t
    t2 = tl.resolve("in " + text, tense, before=before, after=after, at=at)
    value = timex_value(t2)
    if value is not None:
        return value, "in_prefix", t2
    ref = ref_word_value(text)
    if ref is not None:
        return ref, "ref_word", t
    return None, "none", t


# ----------------------------------------------------------------------------- evaluation
def tml_files(path: PathLike) -> list[Path]:
    p = Path(path)
    if p.is_file():
        return [p]
    if not p.is_dir():
        raise InputError("no such file or directory", code=MISSING, input=str(path))
    return sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() == ".tml"
                  and not any(part.startswith(".") for part in f.relative_to(p).parts))


TUNE_SHARE = 0.7
DEFAULT_SEED = 13


def split_files(files: list[Path], part: Optional[str], seed: int = DEFAULT_SEED) -> list[Path]:
    """The documents of one part of a by-document split: the files' ids (names without .tml)
    sorted, shuffled with ``random.Random(seed)``, the first 70% "tune" and the rest "report".
    ``part`` None or "all" keeps every file."""
    if part in (None, "all"):
        return files
    if part not in ("tune", "report"):
        raise ValueError(f"part must be tune, report or all, got {part!r}")
    by_id = {f.stem: f for f in files}
    ids = sorted(by_id)
    random.Random(seed).shuffle(ids)
    cut = int(len(ids) * TUNE_SHARE)
    chosen = set(ids[:cut] if part == "tune" else ids[cut:])
    return [f for f in files if f.stem in chosen]


def _doc_predictions(doc: TimeMLDoc) -> list[dict[str, Any]]:
    preds = []
    tl = Timeline(doc.anchor, text=doc.text)
    for s, e in sentences(doc.text):
        sent = doc.text[s:e]
        tense = tense_of(sent)
        for fs, fe, expr in find_times(sent, s):
            t = tl.resolve(expr, tense_at(doc.text, fs, tense), before=doc.text[s:fs], after=doc.text[fe:e], at=fs)
            parts = timeml_parts(expr, t)
            if parts is not None:   # a range: TimeML marks each end ("22-25 April 1951": "22", "25 April 1951")
                for ps, pe, value in parts:
                    preds.append({"start": fs + ps, "end": fs + pe, "text": doc.text[fs + ps:fs + pe], "expr": expr,
                                  "value": value, "type": t.type})
                continue
            m = _LEADING_PREP.match(expr)
            cs = fs + (m.end() if m and m.end() < len(expr) else 0)
            preds.append({"start": cs, "end": fe, "text": doc.text[cs:fe], "expr": expr, "value": timex_value(t),
                          "type": t.type})
    return preds


def evaluate_timex(path: PathLike, *, errors: bool = False, part: Optional[str] = None,
                   seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """Score a TimeML file or directory; returns the stable keys ``value_accuracy`` and
    ``span_value_f1`` (0..1) plus the details. ``errors`` adds ``misses`` (every wrong value,
    spurious and missed span). Raises InputError only when ``path`` does not exist."""
    files = split_files(tml_files(path), part, seed)
    causes = {c: 0 for c in CAUSES}
    e2e_causes = {c: 0 for c in CAUSES + ("spurious",)}
    failures: list[dict[str, Any]] = []
    by_type = {t: {"total": 0, "correct": 0} for t in TYPES}
    by_kind: dict[str, dict[str, int]] = {}
    correct_by = {"resolver": 0, "in_prefix": 0, "ref_word": 0, "range_end": 0}
    total = correct = 0
    n_pred = n_gold = tp_strict = tp_lenient = tp_value = 0
    skipped_empty = 0
    misses: list[dict[str, Any]] = []
    docs_ok = 0
    for f in files:
        try:
            doc = read_timeml(f)
        except ClaimLedgerError as exc:
            failures.append({"input": str(f), "line": getattr(exc, "line", None),
                             "reason": getattr(exc, "reason", exc.message),
                             "code": exc.code})
            continue
        docs_ok += 1
        skipped_empty += doc.skipped_empty
        sents = sentences(doc.text)
        # value accuracy on the gold spans
        tl = Timeline(doc.anchor, text=doc.text)
        for g in doc.timexes:
            sent_s, sent = _sentence_with(sents, g.start, doc.text)
            tense = tense_at(doc.text, g.start, tense_of(sent))
            ours, how, t = _range_end(g, sent_s, sent, doc.text, tense, tl) or resolve_gold(
                g.text, doc.anchor, tense, tl, before=doc.text[sent_s:g.start], after=sent[g.end - sent_s:], at=g.start)
            ok = values_equal(ours, g.value, t.type if how == "resolver" else None, g.type)
            total += 1
            gtype = value_type(g.value, g.type)
            by_type[gtype]["total"] += 1
            k = by_kind.setdefault(gold_kind(g), {"total": 0, "correct": 0})
            k["total"] += 1
            if ok:
                correct += 1
                by_type[gtype]["correct"] += 1
                k["correct"] += 1
                correct_by[how] += 1
            else:
                cause = error_cause(g.value, g.type, g.text, ours)
                causes[cause] += 1
                if errors:
                    misses.append({"kind": "value", "file": doc.path, "line": g.line, "tid": g.tid, "type": gtype,
                                   "text": g.text, "gold": g.value, "ours": ours, "precision": t.precision,
                                   "cause": cause})
        # end to end
        preds = _doc_predictions(doc)
        gspans = [(g.start, g.end) for g in doc.timexes]
        pspans = [(p["start"], p["end"]) for p in preds]
        strict = match_spans(gspans, pspans, strict=True)
        lenient = match_spans(gspans, pspans, strict=False)
        n_pred += len(preds)
        n_gold += len(gspans)
        tp_strict += len(strict)
        tp_lenient += len(lenient)
        for gi, pi in lenient.items():
            if values_equal(preds[pi]["value"], doc.timexes[gi].value, preds[pi]["type"], doc.timexes[gi].type):
                tp_value += 1
            else:
                g = doc.timexes[gi]
                e2e_causes[error_cause(g.value, g.type, preds[pi]["text"], preds[pi]["value"])] += 1
        e2e_causes["not recognised"] += len(gspans) - len(lenient)
        e2e_causes["spurious"] += len(preds) - len(lenient)
        if errors:
            matched = set(lenient.values())
            for pi, p in enumerate(preds):
                if pi not in matched:
                    misses.append({"kind": "spurious", "file": doc.path, "start": p["start"], "end": p["end"],
                                   "text": p["text"], "ours": p["value"]})
            for gi, g in enumerate(doc.timexes):
                if gi not in lenient:
                    misses.append({"kind": "missed", "file": doc.path, "line": g.line, "tid": g.tid,
                                   "type": g.type, "start": g.start, "end": g.end, "text": g.text, "gold": g.value})
    span_value = prf(tp_value, n_pred, n_gold)
    in_scope = sum(by_type[t]["total"] for t in IN_SCOPE)
    in_scope_ok = sum(by_type[t]["correct"] for t in IN_SCOPE)
    report: dict[str, Any] = {
        "value_accuracy": round(correct / total, 4) if total else 0.0,
        "span_value_f1": span_value["f1"],
        "files": len(files),
        "documents": docs_ok,
        "failed": len(failures),
        "timexes": total,
        "skipped_empty_timexes": skipped_empty,
        "value": {
            "correct": correct, "total": total,
            "accuracy": round(correct / total, 4) if total else 0.0,
            "in_scope_accuracy": round(in_scope_ok / in_scope, 4) if in_scope else 0.0,
            "by_type": {t: {**v, "accuracy": round(v["correct"] / v["total"], 4) if v["total"] else 0.0,
                            "in_scope": t in IN_SCOPE} for t, v in by_type.items()},
            "by_gold_value": {k: {**v, "accuracy": round(v["correct"] / v["total"], 4) if v["total"] else 0.0}
                              for k, v in sorted(by_kind.items())},
            "correct_by": correct_by,
        },
        "span_strict": prf(tp_strict, n_pred, n_gold),
        "span_lenient": prf(tp_lenient, n_pred, n_gold),
        "span_value": span_value,
        "errors_by_cause": {"given_spans": causes, "end_to_end": e2e_causes},
        "part": part or "all",
        "seed": seed,
        "failures": failures,
    }
    if errors:
        report["misses"] = misses
    return report


# ----------------------------------------------------------------------------- CLI
def format_table(r: dict[str, Any]) -> str:
    v = r["value"]
    lines = [f"TimeML: {r['documents']} document(s) scored, {r['failed']} failed; {r['timexes']} gold TIMEX3"
             + (f" ({r['skipped_empty_timexes']} empty ones skipped)" if r["skipped_empty_timexes"] else ""),
             "",
             f"value accuracy given the gold spans   {v['accuracy']:.3f}  ({v['correct']}/{v['total']})"]
    for t, b in v["by_type"].items():
        if b["total"]:
            note = ""
            lines.append(f"  {t:<9} {b['accuracy']:.3f}  ({b['correct']}/{b['total']}){note}")
    cb = v["correct_by"]
    if cb["in_prefix"] or cb["ref_word"] or cb["range_end"]:
        lines.append(f"  of the correct: {cb['resolver']} resolved as given, {cb['in_prefix']} as \"in <text>\", "
                     f"{cb['ref_word']} reference words (now, recently, ...), {cb['range_end']} as one end of "
                     f"a range read whole (\"6\" of \"6-7 January 1916\")")
    head = f"end to end ({r['span_value']['predicted']} found, {r['span_value']['gold']} gold)"
    lines += ["", f"{head:<41}P      R     F1"]
    for name, key in (("span strict", "span_strict"), ("span lenient", "span_lenient"),
                      ("span + value", "span_value")):
        s = r[key]
        lines.append(f"  {name:<34} {s['precision']:.3f}  {s['recall']:.3f}  {s['f1']:.3f}")
    ec = r.get("errors_by_cause")
    if ec:
        lines += ["", f"errors by cause                    {'given spans':>12} {'end to end':>11}"]
        for c in CAUSES + ("spurious",):
            g = ec["given_spans"].get(c)
            lines.append(f"  {c:<32} {('-' if g is None else g):>12} {ec['end_to_end'][c]:>11}")
    for m in r.get("misses", []):
        if m["kind"] == "value":
            lines.append(f"miss value    {m['file']}:{m['line']} {m['tid']} {m['type']} {m['text']!r}: "
                         f"gold {m['gold']}, ours {m['ours']} [{m['cause']}]")
        elif m["kind"] == "missed":
            lines.append(f"miss missed   {m['file']}:{m['line']} {m['tid']} {m['text']!r} ({m['gold']})")
        else:
            lines.append(f"miss spurious {m['file']} [{m['start']}:{m['end']}] {m['text']!r} ({m['ours']})")
    return "\n".join(lines)


def run(args, settings=None) -> int:
    """``claimledger eval timex DIR``: 0 all files scored, 1 some failed (listed), 2 none usable."""
    try:
        report = evaluate_timex(args.path, errors=getattr(args, "errors", False),
                                part=getattr(args, "part", None), seed=getattr(args, "seed", DEFAULT_SEED))
    except ClaimLedgerError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if getattr(args, "format", "table") == "json":
        print(json.dumps(report, ensure_ascii=False, sort_keys=False))
    else:
        print(format_table(report))
    for f in report["failures"]:
        where = f":{f['line']}" if f.get("line") else ""
        print(f"failed {f['input']}{where}: {f['reason']} [{f['code']}]", file=sys.stderr)
    if report["documents"] == 0:
        if not report["files"]:
            print(f"{args.path}: no TimeML files (.tml) found", file=sys.stderr)
        return 2
    return 1 if report["failures"] else 0


def add_parser(eval_subparsers):
    """Add ``timex`` to the ``claimledger eval`` subcommands."""
    p = eval_subparsers.add_parser(
        "timex", help="score time normalisation on TimeML (TempEval-3 .tml) gold",
        description="Score the time normaliser on TimeML files (a .tml file or a directory of them): "
                    "value accuracy given the gold TIMEX3 spans, anchored on the document creation "
                    "time, and end-to-end span and span+value precision, recall and F1.")
    p.add_argument("path", metavar="DIR", help="a directory of .tml files (searched recursively), or one file")
    p.add_argument("--format", choices=("table", "json"), default="table",
                   help="json: one object with value_accuracy, span_value_f1 and the details")
    p.add_argument("--errors", action="store_true", help="also list every miss (wrong value, spurious, missed)")
    p.add_argument("--part", choices=("all", "tune", "report"), default="all",
                   help="score one part of a by-document split: the file ids sorted, shuffled with "
                        "random.Random(SEED), the first 70%% 'tune', the other 30%% 'report' (default all)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"seed of the split (default {DEFAULT_SEED})")
    p.set_defaults(func=run)
    return p
