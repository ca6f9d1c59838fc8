"""The site and JSON API over the ledger (FastAPI + Jinja2), reading it only through the
library API. ``create_app(db)`` builds the ASGI app; ``claimledger serve`` runs it."""
from .site import SiteOptions

__all__ = ["create_app", "SiteOptions"]


def create_app(db, options=None):
    from .app import create_app as _create
    return _create(db, options)
