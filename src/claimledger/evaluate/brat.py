"""Reader for brat standoff attribution corpora (PolNeAR, PARC-derived sets).

Layout: ``NAME.txt`` with its annotations in ``NAME.ann`` or, with several annotators, one
``NAME_ANNOTATOR.ann`` per annotator, beside it or anywhere under the same directory (PolNeAR keeps
``text/`` and ``attributions/`` apart). Lines of an ``.ann`` file::

    T<n>\\t<Label> <start> <end>[;<start> <end>...]\\t<text>      text-bound (fragments joined by a space)
    E<n>\\tAttribution:T<a> Source:T<s> Cue:T<c> Content:T<x> [Content2:T<y>]

Labels: ``Source``, ``Cue``, ``Content``; events are anchored on an ``Attribution`` or
``Attribution-no-source`` text-bound; ``Discard`` and ``Discuss`` are ignored, and so are
relation, attribute, normalisation and note lines (``R``, ``A``, ``M``, ``N``, ``#``, ``*``).
Offsets are Python string indices into the text read as UTF-8 (``newline=""``, so ``\\r\\n``
counts as two characters, as brat counts it).

Offsets that disagree with the ``.ann``'s text field by up to ``MAX_SHIFT`` characters (a
re-encoded or re-wrapped copy) are repaired by searching for the text nearby; a span that cannot
be repaired keeps its offsets and is reported as a warning. Malformed lines raise ``InputError``
naming ``file:line`` and the reason.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..errors import ENCODING, MISSING, InputError

Span = tuple[int, int]

#: How far (in characters) a span may be off its text field and still be repaired.
MAX_SHIFT = 10

ATTRIBUTION_LABELS = ("Attribution", "Attribution-no-source")
ROLE_LABELS = ("Source", "Cue", "Content")
IGNORED_LABELS = ("Discard", "Discuss")
KNOWN_LABELS = ATTRIBUTION_LABELS + ROLE_LABELS + IGNORED_LABELS
IGNORED_LINE_PREFIXES = ("R", "A", "M", "N", "#", "*")

_T_ID = re.compile(r"T\d+$")
_E_ID = re.compile(r"E\d+$")
_LABEL = re.compile(r"[A-Za-z][\w\-]*$")
_FRAGMENT = re.compile(r"(-?\d+) (-?\d+)$")
_ARG = re.compile(r"([A-Za-z][\w\-]*?):([TE]\d+)$")


@dataclass
class TextBound:
    id: str
    label: str
    spans: list[Span]
    text: Optional[str]        # the .ann's copy of the annotated text (fragments joined by " ")
    line: int


@dataclass
class BratAttribution:
    """One annotated attribution: content pieces, the source as written and the cue, each a list of
    spans into the document text (``source``/``cue`` None when the annotation has none)."""

    id: str                    # the event id (E<n>)
    kind: str                  # Attribution | Attribution-no-source
    content: list[Span]
    source: Optional[list[Span]]
    cue: Optional[list[Span]]
    line: int                  # line of the event in the .ann file


@dataclass
class BratDocument:
    name: str
    text: str
    text_path: str
    ann_path: str
    annotator: Optional[str]                # None for a plain NAME.ann
    annotators: list[Optional[str]]         # every annotator available for this text
    attributions: list[BratAttribution] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def span_text(self, spans: Optional[list[Span]]) -> str:
        return " ".join(self.text[s:e] for s, e in spans or [])


# ---------------------------------------------------------------------------------------- files
def read_text(path: str | os.PathLike) -> str:
    """The text exactly as brat indexes it: UTF-8, newlines untranslated."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return fh.read()
    except FileNotFoundError as exc:
        raise InputError("no such file", code=MISSING, input=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8: {exc}", code=ENCODING, input=str(path)) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", code=MISSING, input=str(path)) from exc


def _same(a: str, b: str) -> bool:
    """Equal up to whitespace (brat writes a newline inside a span as a space)."""
    return re.sub(r"\s", " ", a) == re.sub(r"\s", " ", b)


def _joined(text: str, spans: list[Span]) -> str:
    return " ".join(text[s:e] for s, e in spans)


def _in_range(spans: list[Span], n: int) -> bool:
    return all(0 <= s <= e <= n for s, e in spans)


def repair_spans(text: str, spans: list[Span], expected: Optional[str]) -> tuple[list[Span], Optional[int]]:
    """Spans whose text equals ``expected``: the spans themselves, or shifted by up to MAX_SHIFT
    characters (all fragments together, then each on its own). Returns (spans, shift) with shift
    0 when they were right, the shift applied when repaired, None when no nearby text matches."""
    if expected is None or (_in_range(spans, len(text)) and _same(_joined(text, spans), expected)):
        return spans, 0
    shifts = sorted(range(-MAX_SHIFT, MAX_SHIFT + 1), key=lambda d: (abs(d), d))
    for d in shifts:
        moved = [(s + d, e + d) for s, e in spans]
        if _in_range(moved, len(text)) and _same(_joined(text, moved), expected):
            return moved, d
    lengths = [e - s for s, e in spans]
    if len(spans) > 1 and sum(lengths) + len(spans) - 1 == len(expected):
        pieces, pos = [], 0
        for n in lengths:
            pieces.append(expected[pos:pos + n])
            pos += n + 1
        fixed = []
        for (s, e), piece in zip(spans, pieces):
            for d in shifts:
                if 0 <= s + d and e + d <= len(text) and _same(text[s + d:e + d], piece):
                    fixed.append((s + d, e + d))
                    break
            else:
                return spans, None
        return fixed, max((f[0] - s for f, (s, _) in zip(fixed, spans)), key=abs)
    if len(spans) == 1:
        # the text field may itself be a little longer or shorter than the span
        s, e = spans[0]
        lo = max(0, s - MAX_SHIFT)
        hit = text.find(expected, lo, min(len(text), e + MAX_SHIFT + max(0, len(expected) - (e - s))))
        if hit >= 0 and abs(hit - s) <= MAX_SHIFT:
            return [(hit, hit + len(expected))], hit - s
    return spans, None


def parse_ann(ann_text: str, text: str, path: str = "<ann>") -> tuple[list[BratAttribution], list[str]]:
    """The attributions of one ``.ann`` file over ``text``, and warnings (repaired or unrepairable
    offsets, unknown labels and roles). Raises InputError naming ``path:line`` for a malformed
    line, an offset outside the text, a duplicate id or an event argument with no such id."""
    bounds: dict[str, TextBound] = {}
    events: list[tuple[str, list[tuple[str, str]], int]] = []
    seen: dict[str, int] = {}
    warnings: list[str] = []

    def bad(n: int, reason: str) -> InputError:
        return InputError(reason, input=f"{path}:{n}")

    for n, line in _logical_lines(ann_text):
        if not line.strip():
            continue
        ident, _, rest = line.partition("\t")
        if not ident:
            raise bad(n, "line starts with a tab: expected an annotation id such as T1 or E1")
        if ident in seen:
            raise bad(n, f"duplicate id {ident} (first on line {seen[ident]})")
        if ident.startswith("T"):
            seen[ident] = n
            bounds[ident] = _parse_textbound(ident, rest, text, n, bad, warnings, path)
        elif ident.startswith("E"):
            seen[ident] = n
            if not _E_ID.match(ident):
                raise bad(n, f"bad event id {ident!r}: expected E followed by a number")
            args = []
            for tok in rest.split():
                m = _ARG.match(tok)
                if not m:
                    raise bad(n, f"malformed event argument {tok!r}: expected Role:T<n>")
                args.append((m.group(1), m.group(2)))
            if not args:
                raise bad(n, "event line with no arguments: expected 'E<n>\\tAttribution:T<a> Role:T<b> ...'")
            events.append((ident, args, n))
        elif ident[0] in IGNORED_LINE_PREFIXES:
            seen[ident] = n
        else:
            raise bad(n, f"unrecognised line {line[:40]!r}: brat ids start with T, E, R, A, M, N, # or *")

    attributions = []
    for ident, args, n in events:
        for _, ref in args:
            if ref not in bounds and ref not in seen:
                raise bad(n, f"{ident} refers to {ref}, which is not defined in the file")
        etype, trigger = args[0]
        if etype in IGNORED_LABELS:
            continue
        if etype not in ATTRIBUTION_LABELS:
            warnings.append(f"{path}:{n}: event type {etype!r} is not an attribution; ignored")
            continue
        roles: dict[str, list[Span]] = {}
        for role, ref in args[1:]:
            base = re.sub(r"\d+$", "", role)
            if base not in ROLE_LABELS:
                warnings.append(f"{path}:{n}: unknown role {role!r} in {ident}; ignored")
                continue
            tb = bounds.get(ref)
            if tb is None:  # an event used as an argument: not meaningful here
                warnings.append(f"{path}:{n}: role {role} of {ident} points to event {ref}; ignored")
                continue
            if tb.label in IGNORED_LABELS:
                continue
            roles.setdefault(base, []).extend(tb.spans)
        if not roles.get("Content"):
            warnings.append(f"{path}:{n}: {ident} has no Content; not scored")
            continue
        attributions.append(BratAttribution(
            id=ident, kind=etype, content=_merge(roles["Content"]),
            source=_merge(roles["Source"]) if roles.get("Source") else None,
            cue=_merge(roles["Cue"]) if roles.get("Cue") else None, line=n))
    return attributions, warnings


_LINE_ID = re.compile(r"[TEAMNR#*][^\t ]*(?:\t|$)")


def _logical_lines(ann_text: str):
    """(line number, line) of the file, a text-bound's text field that runs over a line break
    (brat keeps a newline inside an annotated span as it is) joined back to its T line."""
    out: list[list] = []
    for n, raw in enumerate(ann_text.split("\n"), 1):
        line = raw.rstrip("\r")
        if out and out[-1][1].startswith("T") and out[-1][1].count("\t") >= 2 and "\t" not in line \
                and not _LINE_ID.match(line):
            out[-1][1] += "\n" + line
            continue
        out.append([n, line])
    # a file's closing newline (or blank lines after a T line) belongs to no text field
    return [(n, line.rstrip("\n") if "\n" in line else line) for n, line in out]


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(set(spans)):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _parse_textbound(ident, rest, text, n, bad, warnings, path) -> TextBound:
    if not _T_ID.match(ident):
        raise bad(n, f"bad text-bound id {ident!r}: expected T followed by a number")
    head, tab, field_text = rest.partition("\t")
    label, _, offsets = head.partition(" ")
    if not label or not _LABEL.match(label):
        raise bad(n, f"malformed text-bound line: expected 'T<n>\\t<Label> <start> <end>[;<start> <end>...]"
                     f"\\t<text>', got {rest[:60]!r}")
    if not offsets.strip():
        raise bad(n, f"{ident} ({label}) has no offsets: expected '<start> <end>' after the label")
    spans = []
    for frag in offsets.split(";"):
        m = _FRAGMENT.match(frag.strip())
        if not m:
            raise bad(n, f"bad offsets {offsets!r} for {ident}: expected '<start> <end>' pairs separated by ';'")
        s, e = int(m.group(1)), int(m.group(2))
        if s < 0 or e < 0:
            raise bad(n, f"negative offset in {offsets!r} for {ident}")
        if s > e:
            raise bad(n, f"start {s} after end {e} for {ident}")
        spans.append((s, e))
    if label not in KNOWN_LABELS:
        warnings.append(f"{path}:{n}: unknown label {label!r} for {ident}; ignored")
    expected = field_text if tab else None
    fixed, shift = repair_spans(text, spans, expected)
    if shift is None:
        if not _in_range(spans, len(text)):
            raise bad(n, f"offsets {offsets!r} of {ident} run past the end of the text "
                         f"({len(text)} characters), and its text was not found within {MAX_SHIFT} characters")
        warnings.append(f"{path}:{n}: {ident} text {_joined(text, spans)[:50]!r} does not match the "
                        f"annotation's {expected[:50]!r} and was not found within {MAX_SHIFT} characters; "
                        f"offsets kept")
    elif shift:
        where = ";".join(f"{a} {b}" for a, b in fixed)
        warnings.append(f"{path}:{n}: {ident} offsets {offsets!r} do not hold its text, found {shift:+d} "
                        f"characters away at {where!r}; repaired")
    elif not _in_range(spans, len(text)):
        raise bad(n, f"offsets {offsets!r} of {ident} run past the end of the text ({len(text)} characters)")
    return TextBound(ident, label, fixed, expected, n)


# ---------------------------------------------------------------------------------------- corpora
def _walk(root: Path):
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(dirpath) / name


def _closest(candidates: list[Path], ann: Path) -> Path:
    """The text among same-named ones nearest the annotation (same folder first)."""
    def score(p: Path):
        common = len(os.path.commonpath([str(p.parent), str(ann.parent)]))
        return (p.parent != ann.parent, -common, str(p))
    return min(candidates, key=score)


def find_pairs(root: str | os.PathLike) -> list[tuple[Path, list[tuple[Optional[str], Path]]]]:
    """(text path, [(annotator, ann path), ...]) for every text under ``root``, annotators sorted
    (a plain NAME.ann first). Raises InputError for a missing directory, an annotation file with no
    text, a text with no annotation file, or a directory with no ``.ann`` files at all."""
    root = Path(root)
    if not root.exists():
        raise InputError("no such directory", code=MISSING, input=str(root))
    if root.is_file():
        if root.suffix != ".ann":
            raise InputError("expected a directory of .txt and .ann files (or one .ann file)",
                             code=MISSING, input=str(root))
        files = [root] + [p for p in root.parent.iterdir() if p.suffix == ".txt"]
    else:
        files = list(_walk(root))
    texts: dict[str, list[Path]] = {}
    anns: list[Path] = []
    for p in files:
        if p.suffix == ".txt":
            texts.setdefault(p.stem, []).append(p)
        elif p.suffix == ".ann":
            anns.append(p)
    if not anns:
        raise InputError("no .ann annotation files found", code=MISSING, input=str(root))
    pairs: dict[Path, list[tuple[Optional[str], Path]]] = {}
    for ann in sorted(anns):
        stem = ann.stem
        owner, annotator = None, None
        if stem in texts:
            owner = stem
        else:
            for i in range(len(stem) - 1, 0, -1):
                if stem[i] == "_" and stem[:i] in texts:
                    owner, annotator = stem[:i], stem[i + 1:]
                    break
        if owner is None:
            guess = stem.rsplit("_", 1)[0] if "_" in stem else stem
            extra = f" or {guess}.txt" if guess != stem else ""
            raise InputError(f"no text file for these annotations: expected {stem}.txt{extra} "
                             f"under {root}", code=MISSING, input=str(ann))
        txt = _closest(texts[owner], ann)
        pairs.setdefault(txt, []).append((annotator, ann))
    if root.is_dir():
        for stem, paths in sorted(texts.items()):
            for p in paths:
                if p not in pairs:
                    raise InputError(f"no annotation file for this text: expected {stem}.ann or "
                                     f"{stem}_ANNOTATOR.ann", code=MISSING, input=str(p))
    return [(txt, sorted(lst, key=lambda x: (x[0] is not None, x[0] or "")))
            for txt, lst in sorted(pairs.items())]


def read_document(text_path: str | os.PathLike, ann_path: str | os.PathLike, *,
                  annotator: Optional[str] = None,
                  annotators: Optional[list[Optional[str]]] = None) -> BratDocument:
    text = read_text(text_path)
    ann = read_text(ann_path).lstrip("\ufeff")
    atts, warnings = parse_ann(ann, text, str(ann_path))
    return BratDocument(name=Path(text_path).stem, text=text, text_path=str(text_path),
                        ann_path=str(ann_path), annotator=annotator,
                        annotators=list(annotators or [annotator]), attributions=atts, warnings=warnings)


def read_corpus(root: str | os.PathLike, *, annotator: Optional[str] = None) -> list[BratDocument]:
    """Every annotated text under ``root``, each with one annotator's attributions: ``annotator``
    when given (texts it did not annotate are skipped, with a warning on the next document), else
    the first by id (a plain ``NAME.ann`` before any ``NAME_ID.ann``)."""
    docs = []
    skipped = []
    for txt, anns in find_pairs(root):
        ids = [a for a, _ in anns]
        if annotator is not None:
            chosen = [(a, p) for a, p in anns if a == annotator]
            if not chosen:
                skipped.append(str(txt))
                continue
        else:
            chosen = anns
        who, ann = chosen[0]
        docs.append(read_document(txt, ann, annotator=who, annotators=ids))
    if skipped and docs:
        docs[0].warnings.append(f"annotator {annotator!r} did not annotate {len(skipped)} text(s); "
                                f"skipped: {', '.join(skipped[:5])}{' ...' if len(skipped) > 5 else ''}")
    if annotator is not None and not docs:
        raise InputError(f"no text annotated by annotator {annotator!r}", code=MISSING, input=str(root))
    return docs
