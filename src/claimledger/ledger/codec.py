"""Dataclasses back from their JSON form: ``claim_from_dict`` inverts ``Claim.to_dict``,
``document_from_dict`` rebuilds a Document from ``Ledger.document()``.

Keys the dataclasses do not know (``id``, ``retracted_by_extraction``, extra schema
properties) are ignored; JSON lists become the tuples the dataclasses use for spans.
"""
from __future__ import annotations

from dataclasses import fields
from typing import Any, Mapping, Optional

from ..errors import InputError
from ..models import (Claim, Cue, Document, Evidence, Place, Quantity, Source, Span, TimeExpr,
                      Verification)


def claim_from_dict(d: Mapping[str, Any]) -> Claim:
    """The Claim a claim JSON object (claim.schema.json) describes."""
    _require(d, "claim", ("document_id", "content", "span", "sentence", "attribution", "source"))
    return Claim(
        **_known(Claim, d, skip=("span", "spans", "sentence_span", "source", "cue", "quantities",
                                 "places", "event_time", "stated_at", "evidence", "verification")),
        span=_span(d["span"]),
        spans=[_span(s) for s in d.get("spans") or []],
        sentence_span=_span(d.get("sentence_span")),
        source=_build(Source, d["source"], "source"),
        cue=_build(Cue, d.get("cue"), "cue"),
        quantities=[_build(Quantity, q, "quantity") for q in d.get("quantities") or []],
        places=[_build(Place, p, "place") for p in d.get("places") or []],
        event_time=_build(TimeExpr, d.get("event_time"), "event_time"),
        stated_at=_build(TimeExpr, d.get("stated_at"), "stated_at"),
        evidence=[_build(Evidence, e, "evidence") for e in d.get("evidence") or []],
        verification=_build(Verification, d.get("verification"), "verification") or Verification(),
    )


def document_from_dict(d: Mapping[str, Any]) -> Document:
    """The Document a ``Ledger.document()`` dict describes (same text, so the same id)."""
    _require(d, "document", ("text",))
    excluded = d.get("excluded") or []
    doc = Document(**_known(Document, d, skip=("excluded", "excluded_reasons", "meta")),
                   meta=dict(d.get("meta") or {}))
    for region in excluded:
        if isinstance(region, Mapping):
            doc.excluded.append((int(region["start"]), int(region["end"])))
            doc.excluded_reasons.append(region.get("reason"))
        else:
            doc.excluded.append(_span(region))
    if not all(isinstance(r, Mapping) for r in excluded):
        doc.excluded_reasons = list(d.get("excluded_reasons") or [])
    doc.truncated = bool(doc.truncated)
    return doc


def _known(cls: type, d: Mapping[str, Any], skip: tuple[str, ...] = ()) -> dict[str, Any]:
    names = {f.name for f in fields(cls)} - set(skip)
    return {k: v for k, v in d.items() if k in names}


def _build(cls: type, d: Optional[Mapping[str, Any]], what: str) -> Any:
    if d is None:
        return None
    if not isinstance(d, Mapping):
        raise InputError(f"{what} should be an object, not {type(d).__name__}")
    values = _known(cls, d)
    if "span" in values:
        values["span"] = _span(values["span"])
    try:
        return cls(**values)
    except TypeError as exc:  # a required field is missing
        raise InputError(f"{what} is incomplete: {exc}") from exc


def _span(value: Any) -> Optional[Span]:
    if value is None:
        return None
    start, end = value
    return (int(start), int(end))


def _require(d: Mapping[str, Any], what: str, keys: tuple[str, ...]) -> None:
    if not isinstance(d, Mapping):
        raise InputError(f"a {what} should be an object, not {type(d).__name__}")
    missing = [k for k in keys if k not in d]
    if missing:
        raise InputError(f"{what} lacks {', '.join(missing)}")
