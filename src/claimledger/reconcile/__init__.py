"""The reconcile stage: claims from many reports become events.

- ``copies``: exact and near duplicates and reworded derivatives of documents;
- ``features`` / ``events``: claims about the same happening linked and grouped (blocked by
  country, family of claim types and week; order-independent);
- ``parties`` / ``corroborate``: origins, parties, independent origins and a status;
- ``estimates``: low / best / high per event and party, and how figures moved;
- ``read``: the read API (``list_events``, ``event_detail``) the CLI, exports and site use.

    from claimledger.reconcile import reconcile, list_events, event_detail
    report = reconcile(ledger)          # incremental: only what is new is compared
"""
from __future__ import annotations

from .read import STATUSES, document_derivations, event_detail, event_summary, list_events
from .run import ReconcileReport, reconcile
from .settings import ReconcileSettings

__all__ = ["reconcile", "ReconcileReport", "ReconcileSettings", "list_events", "event_detail",
           "event_summary", "document_derivations", "STATUSES"]
