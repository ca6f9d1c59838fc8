"""Main-text extraction scored as the public article-extraction benchmark scores it.

The benchmark (scrapinghub/article-extraction-benchmark, ``evaluate.py``): text split into ``\\w+``
tokens, each page's text turned into the multiset of its token 4-grams (a text shorter than four
tokens is one shorter n-gram), true positives / false positives / false negatives counted on the
multisets and divided by their sum so every page weighs the same; precision is averaged over pages
with tp + fp > 0, recall over pages with tp + fn > 0, and F1 is taken from the two averages.
Confidence intervals: 1.96 standard deviations of 1000 bootstrap resamples of pages (fixed seed).

Layouts read:

- ``NAME.html`` (or ``.htm``, ``.html.gz``) beside ``NAME.json`` holding ``articleBody`` (and
  optionally ``url``, ``datePublished``);
- the benchmark's own: ``ground-truth.json`` (``{key: {"articleBody": ..., "url": ...}}``) with
  ``html/KEY.html.gz``.

The extracted text is what ingest keeps as article: ``Document.text`` from its ``body_start``
with the excluded regions (comments, share lines, forms) cut out. Where the truth gives
``datePublished``, its date (YYYY-MM-DD as written, the outlet's local date) is compared with the
date ingest read from the page.
"""
from __future__ import annotations

import gzip
import json
import os
import random
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from ..errors import MISSING, ClaimLedgerError, InputError

NGRAM = 4
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
HTML_SUFFIXES = (".html.gz", ".htm.gz", ".html", ".htm")


# ----------------------------------------------------------------- the benchmark's measure
def tokenize(text: str) -> list[str]:
    return _TOKEN_RE.findall(text or "")


def ngrams(text: str, n: int = NGRAM) -> list[tuple[str, ...]]:
    toks = tokenize(text)
    out = []
    for i in range(0, max(1, len(toks) - n + 1)):
        shingle = tuple(toks[i:i + n])
        if shingle:
            out.append(shingle)
    return out


def shingle_tp_fp_fn(true: str, pred: str, n: int = NGRAM) -> tuple[float, float, float]:
    """TP, FP, FN over multisets of token n-grams, normalised to sum to 1 (0s for two empty texts)."""
    t, p = Counter(ngrams(true, n)), Counter(ngrams(pred, n))
    tp = fp = fn = 0
    for key in set(t) | set(p):
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    s = tp + fp + fn
    if s > 0:
        return tp / s, fp / s, fn / s
    return 0.0, 0.0, 0.0


def _precision(tp, fp, fn) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp, fp, fn) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics(tp_fp_fns: Sequence[tuple[float, float, float]]) -> dict[str, float]:
    """Precision and recall averaged over pages (pages with nothing predicted / nothing to find left
    out of the respective average, as the benchmark does), F1 from the averages."""
    ps = [_precision(*x) for x in tp_fp_fns if x[0] + x[1] > 0]
    rs = [_recall(*x) for x in tp_fp_fns if x[0] + x[2] > 0]
    # (the benchmark never meets these: no page with anything predicted / anything to find)
    precision = statistics.mean(ps) if ps else (1.0 if all(x[2] == 0 for x in tp_fp_fns) else 0.0)
    recall = statistics.mean(rs) if rs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def bootstrap(tp_fp_fns: Sequence[tuple[float, float, float]], n: int = 1000, seed: int = 0) -> dict[str, float]:
    """The benchmark's interval half-widths: 1.96 * stdev of the metrics over ``n`` resamples."""
    if n < 2 or not tp_fp_fns:
        return {}
    rng = random.Random(seed)
    k = len(tp_fp_fns)
    vals: dict[str, list[float]] = {}
    for _ in range(n):
        m = metrics([tp_fp_fns[rng.randrange(k)] for _ in range(k)])
        for key, v in m.items():
            vals.setdefault(key, []).append(v)
    return {key: 1.96 * statistics.stdev(v) for key, v in vals.items()}


# ----------------------------------------------------------------- pages
@dataclass
class Page:
    name: str
    html_path: str
    truth_path: str
    truth: dict


def _read_json(path: Path) -> Any:
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", code=MISSING, input=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8: {exc}", input=str(path)) from exc
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg} (column {exc.colno})", input=f"{path}:{exc.lineno}") from exc


def _check_truth(truth: Any, where: str) -> dict:
    if not isinstance(truth, dict):
        raise InputError(f"ground truth must be a JSON object, got {type(truth).__name__}", input=where)
    if not isinstance(truth.get("articleBody"), str):
        raise InputError("ground truth has no 'articleBody' string", input=where)
    if truth.get("datePublished") is not None and not isinstance(truth["datePublished"], str):
        raise InputError("'datePublished' must be a string", input=where)
    return truth


def _page_stem(name: str) -> Optional[str]:
    low = name.lower()
    for suf in HTML_SUFFIXES:
        if low.endswith(suf):
            return name[: -len(suf)]
    return None


def read_pages(root: str | os.PathLike) -> list[Page]:
    """Pages with their ground truth under ``root``. Raises InputError for a missing directory, a
    page without ground truth, ground truth without a page, or unusable ground truth."""
    root = Path(root)
    if not root.is_dir():
        raise InputError("no such directory", code=MISSING, input=str(root))
    bench = root / "ground-truth.json"
    if bench.is_file():
        data = _read_json(bench)
        if not isinstance(data, dict):
            raise InputError("ground-truth.json must map page keys to objects", input=str(bench))
        pages = []
        for key, truth in sorted(data.items()):
            _check_truth(truth, f"{bench} [{key}]")
            html = next((root / "html" / f"{key}{suf}" for suf in HTML_SUFFIXES
                         if (root / "html" / f"{key}{suf}").is_file()), None)
            if html is None:
                raise InputError(f"no page for ground truth {key!r}: expected html/{key}.html.gz",
                                 code=MISSING, input=str(bench))
            pages.append(Page(key, str(html), str(bench), truth))
        return pages
    htmls: dict[Path, Path] = {}
    truths: dict[Path, Path] = {}
    for dirpath, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            p = Path(dirpath) / name
            stem = _page_stem(name)
            if stem is not None:
                htmls[p.parent / stem] = p
            elif name.endswith(".json"):
                truths[p.parent / name[:-5]] = p
    if not htmls and not truths:
        raise InputError("no pages (.html, .html.gz) with ground truth (.json) found", code=MISSING, input=str(root))
    pages = []
    for key, html in sorted(htmls.items()):
        if key not in truths:
            raise InputError(f"no ground truth for this page: expected {key.name}.json beside it",
                             code=MISSING, input=str(html))
        t = truths[key]
        pages.append(Page(key.name, str(html), str(t), _check_truth(_read_json(t), str(t))))
    for key, t in sorted(truths.items()):
        if key not in htmls:
            raise InputError(f"no page for this ground truth: expected {key.name}.html or {key.name}.html.gz",
                             code=MISSING, input=str(t))
    return pages


def read_html_bytes(path: str) -> bytes:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", code=MISSING, input=path) from exc
    if path.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise InputError(f"not a readable gzip file: {exc}", input=path) from exc
    return data


def article_text(doc) -> str:
    """What ingest keeps as the article: the text from ``body_start``, excluded regions cut out."""
    text = doc.text
    keep = bytearray([1]) * len(text)
    for i in range(min(doc.body_start, len(text))):
        keep[i] = 0
    for s, e in doc.excluded:
        for i in range(max(0, s), min(e, len(text))):
            keep[i] = 0
    out, run = [], []
    for ch, k in zip(text, keep):
        if k:
            run.append(ch)
        elif run:
            out.append("".join(run))
            run = []
    if run:
        out.append("".join(run))
    return "\n".join(out)


@dataclass
class PageScore:
    page: Page
    extracted: str
    tp_fp_fn: tuple[float, float, float]
    published: Optional[str] = None          # the date ingest read from the page
    expected_date: Optional[str] = None      # the truth's datePublished date, when given
    failure: Optional[str] = None

    @property
    def date_ok(self) -> Optional[bool]:
        return None if self.expected_date is None else self.published == self.expected_date


@dataclass
class ArticlesReport:
    pages: list[PageScore]
    n_bootstrap: int = 1000
    seed: int = 0

    kind = "articles"

    @property
    def failures(self) -> list[str]:
        return [f"{p.page.html_path}: {p.failure}" for p in self.pages if p.failure]

    def dates(self) -> dict[str, Any]:
        checked = [p for p in self.pages if p.expected_date is not None]
        correct = sum(1 for p in checked if p.date_ok)
        missing = sum(1 for p in checked if p.published is None)
        return {"checked": len(checked), "correct": correct, "missing": missing,
                "wrong": len(checked) - correct - missing,
                "accuracy": correct / len(checked) if checked else None}

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = metrics([p.tp_fp_fn for p in self.pages])
        d = self.dates()
        if d["accuracy"] is not None:
            out["date_accuracy"] = d["accuracy"]
        return out

    def to_dict(self, errors: bool = False) -> dict[str, Any]:
        tfs = [p.tp_fp_fn for p in self.pages]
        ci = bootstrap(tfs, self.n_bootstrap, self.seed)
        out: dict[str, Any] = {"kind": "articles", "pages": len(self.pages), **self.summary(),
                               **{f"{k}_ci": v for k, v in ci.items()},
                               "dates": self.dates(),
                               "bootstrap": {"resamples": self.n_bootstrap, "seed": self.seed, "unit": "page"},
                               "per_page": [{
                                   "page": p.page.name, "html": p.page.html_path,
                                   "precision": _precision(*p.tp_fp_fn) if p.tp_fp_fn[0] + p.tp_fp_fn[1] > 0 else None,
                                   "recall": _recall(*p.tp_fp_fn) if p.tp_fp_fn[0] + p.tp_fp_fn[2] > 0 else None,
                                   "tp": p.tp_fp_fn[0], "fp": p.tp_fp_fn[1], "fn": p.tp_fp_fn[2],
                                   "published": p.published, "expected_date": p.expected_date,
                                   "date_ok": p.date_ok, "failure": p.failure,
                               } for p in self.pages],
                               "failures": self.failures}
        if errors:
            out["errors"] = error_list(self)
        return out


def _runs(grams: list[tuple[str, ...]], bad: Counter) -> list[str]:
    """Token runs made of the n-grams in ``bad`` (consecutive n-grams merged), as text."""
    out, cur = [], None
    budget = Counter(bad)
    for g in grams:
        if budget.get(g, 0) > 0:
            budget[g] -= 1
            cur = list(g) if cur is None else cur + [g[-1]]
        elif cur is not None:
            out.append(" ".join(cur))
            cur = None
    if cur is not None:
        out.append(" ".join(cur))
    return out


def error_list(report: ArticlesReport) -> list[dict[str, Any]]:
    """Per page: text the truth has that we missed, text we kept that is not article, and wrong
    dates (token runs, in order)."""
    out = []
    for p in report.pages:
        t, e = Counter(ngrams(p.page.truth["articleBody"])), Counter(ngrams(p.extracted))
        missed = _runs(ngrams(p.page.truth["articleBody"]), t - e)
        extra = _runs(ngrams(p.extracted), e - t)
        for run in missed:
            out.append({"page": p.page.name, "error": "missed_text", "text": run})
        for run in extra:
            out.append({"page": p.page.name, "error": "extra_text", "text": run})
        if p.date_ok is False:
            out.append({"page": p.page.name, "error": "wrong_date", "expected": p.expected_date, "got": p.published})
        if p.failure:
            out.append({"page": p.page.name, "error": "failure", "reason": p.failure})
    return out


def score_page(page: Page, max_bytes: Optional[int] = None) -> PageScore:
    from ..ingest import DEFAULT_MAX_BYTES, document_from_bytes
    truth = page.truth
    expected = truth.get("datePublished")
    m = _DATE.match(expected.strip()) if isinstance(expected, str) else None
    expected_date = m.group(0) if m else None
    data = read_html_bytes(page.html_path)
    url = truth.get("url") if isinstance(truth.get("url"), str) else None
    try:
        doc = document_from_bytes(data, page.html_path, "html", max_bytes=max_bytes or DEFAULT_MAX_BYTES, url=url)
    except ClaimLedgerError as exc:
        return PageScore(page, "", shingle_tp_fp_fn(truth["articleBody"], ""), None, expected_date,
                         failure=f"{exc.message} [{exc.code}]")
    except Exception as exc:  # a library failing on one page scores that page as empty
        return PageScore(page, "", shingle_tp_fp_fn(truth["articleBody"], ""), None, expected_date,
                         failure=f"extraction failed: {type(exc).__name__}: {exc}")
    text = article_text(doc)
    return PageScore(page, text, shingle_tp_fp_fn(truth["articleBody"], text), doc.published, expected_date)


def evaluate_articles(root: str | os.PathLike, *, n_bootstrap: int = 1000, seed: int = 0, settings=None,
                      progress: Optional[Callable[[str], None]] = None) -> ArticlesReport:
    pages = read_pages(root)
    scores = []
    for page in pages:
        scores.append(score_page(page, getattr(settings, "max_bytes", None)))
        if progress:
            progress(page.html_path)
    return ArticlesReport(scores, n_bootstrap=n_bootstrap, seed=seed)
