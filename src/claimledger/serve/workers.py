"""The app factory uvicorn imports in each worker process (``serve --workers N``)."""
from __future__ import annotations

import json
import os


def app():
    from .app import create_app
    from .site import SiteOptions
    options = SiteOptions(**json.loads(os.environ.get("CLAIMLEDGER_SERVE_OPTIONS") or "{}"))
    return create_app(os.environ["CLAIMLEDGER_SERVE_DB"], options)
