"""Dataclasses back from their JSON form: ``claim_from_dict`` inverts ``Claim.to_dict``,
``document_from_dict`` rebuilds a Document from ``Ledger.document()``.

Conversion follows the dataclasses' own type hints (nested dataclasses, lists of them,
spans as tuples), so a field added to models.py needs no change here. Keys the
dataclasses do not know (``id``, ``retracted_by_extraction``, extra schema properties)
are ignored; a missing required key is an InputError naming it.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from functools import lru_cache
from typing import Any, Mapping, Union

from ..errors import InputError
from ..models import Claim, Document


def claim_from_dict(d: Mapping[str, Any]) -> Claim:
    """The Claim a claim JSON object (claim.schema.json) describes."""
    return _build(Claim, d, "claim")


def document_from_dict(d: Mapping[str, Any]) -> Document:
    """The Document a ``Ledger.document()`` dict describes (same text, so the same id)."""
    doc = _build(Document, d, "document")
    doc.meta = dict(doc.meta or {})
    doc.truncated = bool(doc.truncated)
    return doc


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(cls: type, d: Any, what: str) -> Any:
    if not isinstance(d, Mapping):
        raise InputError(f"{what} should be an object, not {type(d).__name__}")
    hints = _hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        if f.name in d:
            values[f.name] = _convert(hints[f.name], d[f.name], f"{what}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise InputError(f"{what} lacks {f.name!r}")
    return cls(**values)


def _convert(tp: Any, value: Any, what: str) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(inner[0], value, what) if len(inner) == 1 else value
    if dataclasses.is_dataclass(tp):
        return _build(tp, value, what)
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        return [_convert(item, v, f"{what}[{i}]") for i, v in enumerate(value)]
    if origin is tuple:
        return tuple(value)
    return value
