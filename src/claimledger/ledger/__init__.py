"""The ledger stage: documents, claims, sources, places and failures in a database.

    from claimledger.ledger import open_ledger
    with open_ledger("claims.db") as ledger:
        doc_id, is_new = ledger.add_document(doc)
        ledger.add_claims(doc_id, claims, PIPELINE_VERSION)
        ledger.claims(source="Ryder", since="2024-10-01")
"""
from __future__ import annotations

import os
from typing import Union

from ..errors import LedgerError
from .base import BACKEND, LedgerAPI
from .codec import claim_from_dict, document_from_dict
from .sqlite import Ledger

__all__ = ["Ledger", "LedgerAPI", "open_ledger", "claim_from_dict", "document_from_dict"]


def open_ledger(path_or_url: Union[str, os.PathLike], *, create: bool = True) -> Ledger:
    """Open (creating and migrating if needed) the ledger at a file path or database URL.

    A plain path, ``:memory:``, or ``sqlite:///relative.db`` / ``sqlite:////abs/path.db``
    / ``sqlite://`` (memory) open SQLite. ``postgresql://`` URLs are reserved for the
    PostgreSQL backend, which does not exist yet. With ``create=False`` (read-only commands) a
    ledger file that does not exist is an error instead of a new empty ledger.
    """
    target = os.fspath(path_or_url)
    scheme = target.split("://", 1)[0].lower() if "://" in target else None
    if scheme is None:
        return Ledger(target, create=create)
    if scheme == "sqlite":
        rest = target[len("sqlite://"):]
        return Ledger(rest[1:] if rest.startswith("/") else ":memory:" if not rest else rest, create=create)
    if scheme in ("postgres", "postgresql"):
        raise LedgerError("PostgreSQL ledgers are not supported yet; use an SQLite file path",
                          code=BACKEND)   # no input=: the URL may hold a password
    raise LedgerError(f"unknown database URL scheme {scheme!r}; give a file path or sqlite:///path",
                      code=BACKEND)
