"""Evaluation reports for people (plain text tables) and machines (one JSON object).

JSON: every figure between 0 and 1 under stable keys (``precision``, ``recall``, ``f1`` at the
top of every report; for attribution also ``<measure>_<precision|recall|f1>`` for the six measures,
e.g. ``content_source_lenient_f1``, ``full_lenient_f1``). ``--errors`` adds an ``errors`` list (JSON)
or prints the misses and false alarms with their text in context (table).
"""
from __future__ import annotations

import json
import math
from typing import Any, Optional

from .attribution import FORMS, HEADLINE, MEASURES, QUOTE_TYPES, SOURCE_TYPES


def render(report, fmt: str = "table", errors: bool = False) -> str:
    if fmt == "json":
        return to_json(report, errors)
    return to_table(report, errors)


def to_json(report, errors: bool = False) -> str:
    return json.dumps(_clean(report.to_dict(errors=errors)), ensure_ascii=False, indent=2)


def _clean(obj: Any) -> Any:
    """Floats rounded to 4 places (NaN as null): stable, diff-friendly output."""
    if isinstance(obj, float):
        return None if math.isnan(obj) else round(obj, 4)
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    return obj


def to_table(report, errors: bool = False) -> str:
    kind = getattr(report, "kind", None)
    if kind == "attribution":
        return attribution_table(report, errors)
    if kind == "attribution_comparison":
        return comparison_table(report, errors)
    if kind == "claims":
        return claims_table(report, errors)
    if kind == "articles":
        return articles_table(report, errors)
    if hasattr(report, "table"):
        return report.table(errors=errors)
    return to_json(report, errors)


def _grid(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    fmt = lambda r: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)  # noqa: E731
                              for i, (c, w) in enumerate(zip(r, widths)))
    return [fmt(header), "  ".join("-" * w for w in widths)] + [fmt(r) for r in rows]


def _f(x: Optional[float]) -> str:
    return "-" if x is None else f"{x:.3f}"


# ----------------------------------------------------------------- attribution
def attribution_table(report, errors: bool = False) -> str:
    d = report.to_dict(errors=errors)
    lines = [f"attribution: {d['documents']} documents, {d['gold']} gold attributions, "
             f"{d['predicted']} predicted (author narration left out)", ""]
    rows = []
    for m in MEASURES:
        s = d["measures"][m]
        ci = s.get("ci") or {}
        f1ci = f"[{ci['f1'][0]:.3f}, {ci['f1'][1]:.3f}]" if ci.get("f1") else "-"
        rows.append([m + (" *" if m == HEADLINE else ""), _f(s["precision"]), _f(s["recall"]), _f(s["f1"]),
                     f1ci, str(s["tp"]), str(s["gold"]), str(s["predicted"])])
    lines += _grid(["measure", "P", "R", "F1", "F1 95% CI", "matched", "gold", "pred"], rows)
    lines.append(f"* headline measure (precision/recall/f1 in JSON); CI: bootstrap over documents, "
                 f"{d['bootstrap']['resamples']} resamples, seed {d['bootstrap']['seed']}")
    for title, key, cats in (("by quote type", "by_quote", QUOTE_TYPES), ("by source", "by_source", SOURCE_TYPES),
                             ("by content form", "by_form", FORMS)):
        lines += ["", f"{title} (content / content+source / full, lenient F1; P and R of content+source):"]
        rows = []
        for c in cats:
            b = d[key][c]
            s = b[HEADLINE]
            if not s["gold"] and not s["predicted"]:
                rows.append([c, "0", "0", "-", "-", "-", "-", "-"])
                continue
            rows.append([c, str(s["gold"]), str(s["predicted"]), _f(b["content_lenient"]["f1"]),
                         _f(s["f1"]), _f(b["full_lenient"]["f1"]), _f(s["precision"]), _f(s["recall"])])
        lines += _grid(["", "gold", "pred", "content", "c+source", "full", "P", "R"], rows)
    if d.get("clause_or_quotation_recall") is not None:
        lines += ["", f"recall ({HEADLINE}) on attributions whose content is a clause or a quotation: "
                      f"{d['clause_or_quotation_recall']:.3f}"]
    lines += ["", f"misses under {HEADLINE} by cause: "
              + ", ".join(f"{k} {v}" for k, v in d["miss_causes"].items())]
    nest = d["nesting"]
    lines += ["", f"nesting (annotation is univocal; {nest['flattened_predictions']} predictions nested in another, "
                  f"flattened by cutting the inner one out of the outer content):"]
    rows = []
    for way in ("nested", "flat"):
        for m, s in nest[way].items():
            rows.append([f"{m} ({way})", _f(s["precision"]), _f(s["recall"]), _f(s["f1"])])
    lines += _grid(["measure", "P", "R", "F1"], rows)
    if d["warnings"]:
        lines += ["", f"warnings ({len(d['warnings'])}):"] + [f"  {w}" for w in d["warnings"][:50]]
        if len(d["warnings"]) > 50:
            lines.append(f"  ... {len(d['warnings']) - 50} more")
    if d["failures"]:
        lines += ["", "failures (scored as nothing extracted):"] + [f"  {f}" for f in d["failures"]]
    if errors:
        lines += ["", f"errors under {HEADLINE} (content \u27e6\u27e7, source \u27e8\u27e9, cue \u27ea\u27eb):"]
        for e in d["errors"]:
            tag = "MISS " if e["error"] == "miss" else "FALSE"
            lines.append(f"{tag} {e['document']} {e['ref']} ({e['quote']}, {e['source_kind']} source"
                         + (f"; ours: {e['attribution']}" if e.get("attribution") else "") + ")")
            lines.append(f"      source: {e['source']!r}  cue: {e['cue']!r}")
            lines.append(f"      {e['context']}")
            if e.get("nearest"):
                n = e["nearest"]
                lines.append(f"      nearest prediction (content Jaccard {n['content_jaccard']:.2f}): "
                             f"source {n['source']!r}, cue {n['cue']!r}")
    return "\n".join(lines)


def comparison_table(report, errors: bool = False) -> str:
    """Finders side by side (headline figures, kinds, causes), then each finder's full table."""
    d = report.to_dict(errors=False)
    names = list(d["finders"])
    first = d["finders"][names[0]]
    part = first.get("part")
    where = f" ({part['part']} part, split seed {part['seed']}: {part['articles']} of {part['of']} articles)" if part else ""
    lines = [f"attribution, finders side by side{where}: {first['documents']} documents, {first['gold']} gold", ""]
    rows = []
    for m in MEASURES:
        row = [m]
        for n in names:
            s = d["finders"][n]["measures"][m]
            ci = s.get("ci") or {}
            row.append(f"{s['f1']:.3f}" + (f" [{ci['f1'][0]:.3f}, {ci['f1'][1]:.3f}]" if ci.get("f1") else ""))
        rows.append(row)
    for title, key, cats in (("recall", "by_quote", QUOTE_TYPES), ("recall", "by_source", SOURCE_TYPES),
                             ("recall", "by_form", FORMS)):
        for c in cats:
            rows.append([f"{c} {title} (c+s lenient)"] + [_f(d["finders"][n][key][c][HEADLINE]["recall"]) for n in names])
    rows.append(["clause or quotation recall (c+s lenient)"]
                + [_f(d["finders"][n].get("clause_or_quotation_recall")) for n in names])
    for cause in next(iter(d["finders"].values()))["miss_causes"]:
        rows.append([f"misses: {cause}"] + [str(d["finders"][n]["miss_causes"][cause]) for n in names])
    lines += _grid(["F1 (95% CI) / recall / count"] + [f"{n} ({d['finders'][n].get('finder') or n})" for n in names], rows)
    for n, r in report.reports.items():
        lines += ["", f"=== {n}", attribution_table(r, errors)]
    return "\n".join(lines)


# ----------------------------------------------------------------- claims
def claims_table(report, errors: bool = False) -> str:
    d = report.to_dict(errors=errors)
    lines = [f"claims: {d['files']} gold files, {d['gold']} gold claims, {d['tp']} matched, {d['fp']} false alarms",
             f"P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}  "
             f"fields {d['field_correct']}/{d['field_checks']} ({d['field_accuracy']:.3f})  "
             f"must-not-claim violations {d['must_not_claim_violations']}  invented dates {d['invented_dates']}", ""]
    rows = [[name, str(f["correct"]), str(f["of"]), _f(f["accuracy"])] for name, f in d["fields"].items()]
    lines += _grid(["field", "correct", "of", "accuracy"], rows)
    lines.append("")
    rows = []
    for f in d["per_file"]:
        fc = sum(v["correct"] for v in f["fields"].values())
        fo = sum(v["of"] for v in f["fields"].values())
        rows.append([f["gold"], _f(f["precision"]), _f(f["recall"]), _f(f["f1"]), f"{fc}/{fo}",
                     str(len(f["must_not_claim_violations"])), "undated" if f["undated"] else "",
                     f["failure"] or ""])
    lines += _grid(["gold file", "P", "R", "F1", "fields", "viol.", "", ""], rows)
    if d["failures"]:
        lines += ["", "failures:"] + [f"  {x}" for x in d["failures"]]
    if errors:
        lines += ["", "errors (content in context \u27e6\u27e7):"]
        for e in d["errors"]:
            kind = e["error"]
            if kind == "miss":
                lines.append(f"MISS  {e['gold']} {e['id']}: {e['content']!r} (source {e['source']})")
                if e.get("context"):
                    lines.append(f"      {e['context']}")
            elif kind == "false_alarm":
                lines.append(f"FALSE {e['gold']}: [{e['attribution']}] {e['source']}: {e['content']!r}")
                if e.get("context"):
                    lines.append(f"      {e['context']}")
            elif kind == "wrong_fields":
                lines.append(f"WRONG {e['gold']} {e['id']}: {', '.join(e['fields'])}: {e['content'][:80]!r}")
                for k in e["fields"]:
                    lines.append(f"      {k}: expected {json.dumps(e['expected'][k], ensure_ascii=False)[:120]}, "
                                 f"got {json.dumps(e['got'][k], ensure_ascii=False, default=str)[:160]}")
            elif kind == "must_not_claim":
                lines.append(f"VIOL  {e['gold']}: claim from text that holds none: {e['content']!r}")
            else:
                lines.append(f"FAIL  {e['gold']}: {e.get('reason')}")
    return "\n".join(lines)


# ----------------------------------------------------------------- articles
def articles_table(report, errors: bool = False) -> str:
    d = report.to_dict(errors=errors)
    ci = lambda k: f" \u00b1 {d[k + '_ci']:.3f}" if (k + "_ci") in d else ""  # noqa: E731
    lines = [f"articles: {d['pages']} pages (token 4-gram multisets, averaged per page)",
             f"precision {d['precision']:.3f}{ci('precision')}  recall {d['recall']:.3f}{ci('recall')}  "
             f"F1 {d['f1']:.3f}{ci('f1')}"]
    dt = d["dates"]
    if dt["checked"]:
        lines.append(f"publication dates: {dt['correct']}/{dt['checked']} right ({dt['accuracy']:.3f}), "
                     f"{dt['missing']} missing, {dt['wrong']} wrong")
    lines.append("")
    rows = [[p["page"], _f(p["precision"]), _f(p["recall"]), p["published"] or "-", p["expected_date"] or "-",
             {True: "ok", False: "WRONG", None: ""}[p["date_ok"]], p["failure"] or ""] for p in d["per_page"]]
    lines += _grid(["page", "P", "R", "published", "truth", "date", ""], rows)
    if errors:
        lines += ["", "errors:"]
        for e in d["errors"]:
            if e["error"] == "missed_text":
                lines.append(f"MISS  {e['page']}: {e['text'][:300]}")
            elif e["error"] == "extra_text":
                lines.append(f"EXTRA {e['page']}: {e['text'][:300]}")
            elif e["error"] == "wrong_date":
                lines.append(f"DATE  {e['page']}: expected {e['expected']}, got {e['got']}")
            else:
                lines.append(f"FAIL  {e['page']}: {e['reason']}")
    return "\n".join(lines)
