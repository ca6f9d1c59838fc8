"""Claims gold scoring over many gold files at once.

The matching and field rules are those of ``shared/tools/score_claims.py`` (the project's shared
gold scorer, format in ``shared/fixtures/README.md``), copied here because ``shared`` is not part
of the package: a predicted claim matches a gold claim when their contents overlap with token F1
>= 0.5, best pairs first, one to one; optional gold claims count neither way, nor does an
unmatched claim of the outlet's narration (``author``); fields are checked on matched,
non-optional pairs. Keep the two in step: ``tests/test_eval_claims.py`` checks that they agree.

Each gold file names its ``document`` relative to itself. The document is read as the CLI would
read it (text or HTML by extension), and times are resolved against the gold's ``published``
(``null``: undated scoring, where a relative time must stay unresolved and a resolved date whose
text holds no year counts as invented). For an HTML page the date the page itself declares is
recorded and compared with the gold's.

Totals are micro: true positives, false positives and gold claims summed over files; field
accuracy is correct checks over checks made, per field and overall.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence

from ..errors import MISSING, ClaimLedgerError, InputError

# ----------------------------------------------------------------- rules copied from score_claims.py
QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " "})


def norm(text):
    return str(text or "").translate(QUOTES).lower()


def tokens(text):
    return re.findall(r"\w+", norm(text))


def overlap_f1(a, b):
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    pool = list(tb)
    common = 0
    for t in ta:
        if t in pool:
            pool.remove(t)
            common += 1
    if common == 0:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def contains_phrase(haystack, phrase):
    """True when the tokens of phrase occur as a run in haystack (so 'US' does not match 'Russian')."""
    h, p = tokens(haystack), tokens(phrase)
    return bool(p) and any(h[i:i + len(p)] == p for i in range(len(h) - len(p) + 1))


def as_obj(value, key):
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        return {key: value}
    return {}


def as_list(value):
    return value if isinstance(value, list) else ([] if value is None else [value])


def one_of(gold_value, pred_value):
    return pred_value in as_list(gold_value)


def match(gold_claims, preds):
    pairs = []
    for gi, g in enumerate(gold_claims):
        for pi, p in enumerate(preds):
            f = overlap_f1(p.get("content", ""), g["content"])
            if f >= 0.5:
                pairs.append((f, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g, used_p, out = set(), set(), {}
    for f, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out[gi] = pi
    return out


def source_ok(gold, pred):
    src = as_obj(pred.get("source"), "name")
    if gold is None:
        return pred.get("attribution") in ("passive_unattributed", "author") or src.get("kind") in ("unnamed", "author")
    said = " ".join(str(src.get(k) or "") for k in ("name", "text", "affiliation", "role"))
    return any(contains_phrase(said, alias) for alias in gold)


def cue_ok(gold, pred):
    cue = as_obj(pred.get("cue"), "text")
    lemma, text = norm(cue.get("lemma")), norm(cue.get("text"))
    first = (tokens(text) or [""])[0]
    return any(norm(g) == lemma or contains_phrase(lemma, g) or (first and first.startswith(norm(g)))
               for g in as_list(gold))


def quantity_ok(gq, preds):
    for pq in as_list(preds):
        pq = as_obj(pq, "text")
        if "value" in gq and gq["value"] != pq.get("value"):
            continue
        if "low" in gq and gq["low"] != pq.get("low"):
            continue
        if "high" in gq and gq["high"] != pq.get("high"):
            continue
        if "approximate" in gq and bool(gq["approximate"]) != bool(pq.get("approximate")):
            continue
        if "category" in gq and norm(gq["category"]) != norm(pq.get("category")):
            continue
        if "text_contains" in gq and norm(gq["text_contains"]) not in norm(pq.get("text")):
            continue
        return True
    return False


def place_ok(gp, preds):
    for pp in as_list(preds):
        pp = as_obj(pp, "name")
        if not (contains_phrase(pp.get("name"), gp["name"]) or contains_phrase(pp.get("text"), gp["name"])):
            continue
        if "admin1" in gp and not contains_phrase(pp.get("admin1"), gp["admin1"]):
            continue
        if "country" in gp and norm(gp["country"]) != norm(pp.get("country")):
            continue
        return True
    return False


def time_ok(gt, pt):
    pt = as_obj(pt, "text")
    if "start_between" in gt:
        lo, hi = gt["start_between"]
        return bool(pt.get("start")) and lo <= str(pt["start"])[:10] <= hi
    return ((str(pt.get("start") or "")[:10] or None) == gt.get("start")
            and (str(pt.get("end") or "")[:10] or None) == gt.get("end"))


def unresolved(pt):
    pt = as_obj(pt, "text")
    return not pt.get("start") and not pt.get("end")


def evidence_ok(ge, preds):
    for pe in as_list(preds):
        pe = as_obj(pe, "kind")
        if ge.get("kind") and ge["kind"] != pe.get("kind"):
            continue
        if ge.get("platform") and norm(ge["platform"]) != norm(pe.get("platform")):
            continue
        return True
    return False


FIELDS = ("source", "attribution", "cue", "type", "quantities", "places", "event_time", "stated_at",
          "verification", "evidence")


def check_fields(g, p, undated):
    res = {"source": source_ok(g.get("source"), p)}
    if "attribution" in g:
        res["attribution"] = one_of(g["attribution"], p.get("attribution"))
    if "cue" in g:
        res["cue"] = cue_ok(g["cue"], p)
    if "type" in g:
        res["type"] = one_of(g["type"], p.get("type"))
    if "quantities" in g:
        res["quantities"] = all(quantity_ok(q, p.get("quantities")) for q in g["quantities"])
    if "places" in g:
        res["places"] = all(place_ok(pl, p.get("places")) for pl in g["places"])
    for key in ("event_time", "stated_at"):
        if key in g:
            res[key] = unresolved(p.get(key)) if undated else time_ok(g[key], p.get(key))
    if "verification" in g:
        res["verification"] = as_obj(p.get("verification"), "status").get("status") == g["verification"]
    if "evidence" in g:
        res["evidence"] = all(evidence_ok(e, p.get("evidence")) for e in g["evidence"])
    return res


def invented_dates(preds):
    bad = 0
    for p in preds:
        for key in ("event_time", "stated_at"):
            t = as_obj(p.get(key), "text")
            if (t.get("start") or t.get("end")) and not re.search(r"\b\d{4}\b", str(t.get("text") or "")):
                bad += 1
    return bad


# ----------------------------------------------------------------- one file
@dataclass
class GoldFileScore:
    """The scorer's verdict on one gold file (the figures score_claims.py --json prints)."""

    gold_path: str
    document_path: str
    undated: bool
    tp: int = 0
    fp: int = 0
    gold: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0] for f in FIELDS})
    rows: list[tuple[str, str, dict]] = field(default_factory=list)   # (gold id, matched|MISSED, field results)
    violations: list[str] = field(default_factory=list)
    invented: int = 0
    failure: Optional[str] = None
    page_published: Optional[str] = None     # what an HTML page declared (None for text)
    gold_claims: list[dict] = field(default_factory=list)
    preds: list[dict] = field(default_factory=list)
    pairs: dict[int, int] = field(default_factory=dict)
    text: str = ""

    @property
    def precision(self) -> float:
        required = self.gold
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not required else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_file(gold: dict, preds: list[dict], undated: bool, *, gold_path: str = "", document_path: str = "") -> GoldFileScore:
    """Score predicted claim dicts (``Claim.to_dict()``) against one parsed gold file."""
    out = GoldFileScore(gold_path=gold_path, document_path=document_path, undated=undated)
    gclaims = gold.get("claims", [])
    pairs = match(gclaims, preds)
    matched_preds = set(pairs.values())
    required = [i for i, g in enumerate(gclaims) if not g.get("optional")]
    out.tp = sum(1 for i in required if i in pairs)
    out.fp = sum(1 for pi, p in enumerate(preds) if pi not in matched_preds and p.get("attribution") != "author")
    out.gold = len(required)
    for i in required:
        g = gclaims[i]
        if i not in pairs:
            out.rows.append((g.get("id", str(i)), "MISSED", {}))
            continue
        res = check_fields(g, preds[pairs[i]], undated)
        for f, ok in res.items():
            out.fields.setdefault(f, [0, 0])
            out.fields[f][1] += 1
            out.fields[f][0] += int(ok)
        out.rows.append((g.get("id", str(i)), "matched", res))
    out.violations = [text for text in gold.get("must_not_claim", []) for p in preds
                      if overlap_f1(p.get("content", ""), text) >= 0.5]
    out.invented = invented_dates(preds) if undated else 0
    out.gold_claims, out.preds, out.pairs = gclaims, preds, pairs
    return out


# ----------------------------------------------------------------- reading gold files
def load_gold(path: str | os.PathLike) -> dict:
    """A parsed gold file, checked for what scoring needs. Raises InputError naming the file (and
    line, for bad JSON or a claim without content)."""
    path = str(path)
    try:
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
    except FileNotFoundError as exc:
        raise InputError("no such gold file", code=MISSING, input=path) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read gold file: {exc}", code=MISSING, input=path) from exc
    try:
        gold = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg} (column {exc.colno})", input=f"{path}:{exc.lineno}") from exc
    if not isinstance(gold, dict):
        raise InputError(f"a gold file is a JSON object, got {type(gold).__name__}", input=path)
    if not isinstance(gold.get("document"), str):
        raise InputError("gold file has no 'document' (the article file beside it)", input=path)
    if not isinstance(gold.get("claims"), list):
        raise InputError("gold file has no 'claims' list", input=path)
    for i, g in enumerate(gold["claims"]):
        if not isinstance(g, dict) or not isinstance(g.get("content"), str):
            line = _line_of(raw, g.get("id") if isinstance(g, dict) else None)
            raise InputError(f"claim {i} ({(g or {}).get('id', '?') if isinstance(g, dict) else g!r}) has no "
                             f"'content' string", input=f"{path}:{line}" if line else path)
    if "published" in gold and gold["published"] is not None and not isinstance(gold["published"], str):
        raise InputError("'published' must be an ISO date string or null", input=path)
    return gold


def _line_of(raw: str, gid) -> Optional[int]:
    if gid is None:
        return None
    i = raw.find(f'"{gid}"')
    return raw.count("\n", 0, i) + 1 if i >= 0 else None


def read_gold_document(gold_path: str, gold: dict, max_bytes: Optional[int] = None):
    """The Document a gold file annotates, with ``published`` set to the gold's (the anchor its
    times are resolved against; None for undated scoring). Returns (document, page_published)."""
    from ..ingest import DEFAULT_MAX_BYTES, document_from_bytes
    doc_path = os.path.join(os.path.dirname(gold_path), gold["document"])
    try:
        data = Path(doc_path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the document named by {gold_path}: {exc.strerror or exc}",
                         code=MISSING, input=doc_path) from exc
    is_html = doc_path.lower().endswith((".html", ".htm", ".html.gz"))
    if doc_path.lower().endswith(".gz"):
        import gzip
        data = gzip.decompress(data)
    meta = {k: gold.get(k) for k in ("url", "outlet", "title") if isinstance(gold.get(k), str)}
    published = gold.get("published")
    if is_html:
        doc = document_from_bytes(data, doc_path, "html", max_bytes=max_bytes or DEFAULT_MAX_BYTES, **meta)
        page_published = doc.published
        doc.published = published
        doc.published_tz = None
        doc.meta["published_source"] = "gold"
    else:
        doc = document_from_bytes(data, doc_path, "text", max_bytes=max_bytes or DEFAULT_MAX_BYTES,
                                  published=published, **meta)
        page_published = None
    return doc, page_published


# ----------------------------------------------------------------- many files
@dataclass
class ClaimsReport:
    files: list[GoldFileScore]

    kind = "claims"

    @property
    def tp(self) -> int:
        return sum(f.tp for f in self.files)

    @property
    def fp(self) -> int:
        return sum(f.fp for f in self.files)

    @property
    def gold(self) -> int:
        return sum(f.gold for f in self.files)

    @property
    def failures(self) -> list[str]:
        return [f"{f.document_path}: {f.failure}" for f in self.files if f.failure]

    def fields(self) -> dict[str, dict[str, Any]]:
        tot: dict[str, list[int]] = {}
        for f in self.files:
            for name, (c, n) in f.fields.items():
                t = tot.setdefault(name, [0, 0])
                t[0] += c
                t[1] += n
        return {name: {"correct": c, "of": n, "accuracy": c / n}
                for name, (c, n) in tot.items() if n}

    def summary(self) -> dict[str, Any]:
        tp, fp, gold = self.tp, self.fp, self.gold
        precision = tp / (tp + fp) if tp + fp else (1.0 if not gold else 0.0)
        recall = tp / gold if gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        fields = self.fields()
        correct = sum(f["correct"] for f in fields.values())
        of = sum(f["of"] for f in fields.values())
        out: dict[str, Any] = {"precision": precision, "recall": recall, "f1": f1,
                               "field_accuracy": correct / of if of else 1.0}
        for name, f in fields.items():
            out[f"{name}_accuracy"] = f["accuracy"]
        return out

    def to_dict(self, errors: bool = False) -> dict[str, Any]:
        fields = self.fields()
        out: dict[str, Any] = {
            "kind": "claims", "files": len(self.files), "tp": self.tp, "fp": self.fp, "gold": self.gold,
            **self.summary(),
            "fields": fields,
            "field_correct": sum(f["correct"] for f in fields.values()),
            "field_checks": sum(f["of"] for f in fields.values()),
            "must_not_claim_violations": sum(len(f.violations) for f in self.files),
            "invented_dates": sum(f.invented for f in self.files),
            "per_file": [{
                "gold": f.gold_path, "document": f.document_path, "undated": f.undated,
                "tp": f.tp, "fp": f.fp, "gold_claims": f.gold, "precision": f.precision, "recall": f.recall,
                "f1": f.f1, "fields": {k: {"correct": c, "of": n} for k, (c, n) in f.fields.items() if n},
                "must_not_claim_violations": f.violations, "invented_dates": f.invented,
                "page_published": f.page_published, "failure": f.failure,
                "per_claim": {gid: {"status": st, **res} for gid, st, res in f.rows},
            } for f in self.files],
            "failures": self.failures,
        }
        if errors:
            out["errors"] = error_list(self)
        return out


def _context(text: str, content: str, width: int = 60) -> Optional[str]:
    """The content shown in its place in the text (\u27e6\u27e7), when it can be found there."""
    if not text or not content:
        return None
    flat = norm(text)
    i = flat.find(norm(content))
    if i < 0:
        return None
    j = i + len(content)
    lo, hi = max(0, i - width), min(len(text), j + width)
    snippet = text[lo:i] + "\u27e6" + text[i:j] + "\u27e7" + text[j:hi]
    return ("\u2026" if lo else "") + " ".join(snippet.split()) + ("\u2026" if hi < len(text) else "")


def _pred_context(text: str, p: dict, width: int = 60) -> Optional[str]:
    pieces = p.get("spans") or ([p["span"]] if p.get("span") else [])
    if not text or not pieces:
        return None
    lo, hi = max(0, pieces[0][0] - width), min(len(text), pieces[-1][1] + width)
    out, pos = [], lo
    for s, e in pieces:
        out += [text[pos:s], "\u27e6", text[s:e], "\u27e7"]
        pos = e
    out.append(text[pos:hi])
    return ("\u2026" if lo else "") + " ".join("".join(out).split()) + ("\u2026" if hi < len(text) else "")


def _who(p: dict) -> str:
    src = as_obj(p.get("source"), "name")
    return str(src.get("name") or src.get("text") or src.get("kind") or "")


def _brief(key: str, p: dict) -> Any:
    """The part of a predicted field the gold checks, for error listings."""
    v = p.get(key)
    if key == "source":
        return _who(p)
    if key == "cue":
        c = as_obj(v, "text")
        return {"text": c.get("text"), "lemma": c.get("lemma")} if c else None
    if key == "verification":
        return as_obj(v, "status").get("status")
    if key in ("event_time", "stated_at"):
        t = as_obj(v, "text")
        return {"text": t.get("text"), "start": t.get("start"), "end": t.get("end")} if t else None
    keep = {"places": ("name", "admin1", "country"), "evidence": ("kind", "platform"),
            "quantities": ("text", "value", "low", "high", "approximate", "category")}.get(key)
    if keep:
        return [{k: as_obj(x, "text").get(k) for k in keep} for x in as_list(v)]
    return v


def error_list(report: ClaimsReport) -> list[dict[str, Any]]:
    """Missed gold claims, false alarms (unmatched non-author predictions), wrongly filled fields of
    matched claims and must-not-claim violations, each with its text in context."""
    out = []
    for f in report.files:
        name = f.gold_path
        if f.failure:
            out.append({"gold": name, "error": "failure", "reason": f.failure})
        for i, g in enumerate(f.gold_claims):
            if g.get("optional"):
                continue
            gid = g.get("id", str(i))
            if i not in f.pairs:
                out.append({"gold": name, "error": "miss", "id": gid, "content": g["content"],
                            "source": g.get("source"), "context": _context(f.text, g["content"])})
                continue
            p = f.preds[f.pairs[i]]
            res = check_fields(g, p, f.undated)
            wrong = [k for k, ok in res.items() if not ok]
            if wrong:
                out.append({"gold": name, "error": "wrong_fields", "id": gid, "fields": wrong,
                            "content": g["content"],
                            "expected": {k: g.get(k) for k in wrong},
                            "got": {k: _brief(k, p) for k in wrong}})
        used = set(f.pairs.values())
        for pi, p in enumerate(f.preds):
            if pi in used or p.get("attribution") == "author":
                continue
            out.append({"gold": name, "error": "false_alarm", "content": p.get("content"),
                        "source": _who(p), "attribution": p.get("attribution"),
                        "context": _pred_context(f.text, p)})
        for v in f.violations:
            out.append({"gold": name, "error": "must_not_claim", "content": v, "context": _context(f.text, v)})
    return out


def expand_gold_paths(paths: Iterable[str | os.PathLike]) -> list[str]:
    """Gold files given directly, plus every ``gold.json`` under a directory given."""
    out = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(p.rglob("gold.json"))
            if not found:
                raise InputError("no gold.json files under this directory", code=MISSING, input=str(p))
            out.extend(str(x) for x in found)
        else:
            out.append(str(p))
    return out


def evaluate_file(gold_path: str, extractor, *, max_bytes: Optional[int] = None) -> GoldFileScore:
    gold = load_gold(gold_path)
    undated = gold.get("published") is None
    doc_path = os.path.join(os.path.dirname(gold_path), gold["document"])
    try:
        doc, page_published = read_gold_document(gold_path, gold, max_bytes)
    except InputError as exc:
        if exc.code == MISSING and exc.input == doc_path:
            raise
        result = score_file(gold, [], undated, gold_path=gold_path, document_path=doc_path)
        result.failure = f"{exc.message} [{exc.code}]"
        return result
    failure = None
    try:
        claims = extractor.extract_one(doc)
    except ClaimLedgerError as exc:
        claims, failure = [], f"{exc.message} [{exc.code}]"
    except Exception as exc:  # scored as nothing extracted, and reported
        claims, failure = [], f"extraction failed: {type(exc).__name__}: {exc}"
    preds = [c.to_dict() if hasattr(c, "to_dict") else dict(c) for c in claims]
    result = score_file(gold, preds, undated, gold_path=gold_path, document_path=doc_path)
    result.failure = failure
    result.page_published = page_published
    result.text = doc.text
    return result


def evaluate_claims(gold_paths: Sequence[str | os.PathLike], extractor=None, *, settings=None,
                    progress: Optional[Callable[[str], None]] = None) -> ClaimsReport:
    """Score the extractor against every gold file (directories: their ``gold.json`` files)."""
    paths = expand_gold_paths(gold_paths)
    for p in paths:  # fail before loading the model when a file is unusable
        doc_path = os.path.join(os.path.dirname(p), load_gold(p)["document"])
        if not os.path.isfile(doc_path):
            raise InputError(f"the document named by {p} does not exist", code=MISSING, input=doc_path)
    if extractor is None:
        from .attribution import make_extractor
        extractor = make_extractor(settings)
    files = []
    for p in paths:
        files.append(evaluate_file(p, extractor, max_bytes=getattr(settings, "max_bytes", None)))
        if progress:
            progress(p)
    return ClaimsReport(files)
