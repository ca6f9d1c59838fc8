"""What the pages and the API share: the ledger (one connection per worker thread), the signer,
the site settings and the templates.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from jinja2 import Environment, PackageLoader

from ..ledger import open_ledger
from . import formatting
from .security import PASSWORD_KEY, Signer, load_secret

# Site error codes (CL5xx), returned by the JSON API as {"error": {"code", "message"}}.
NOT_FOUND = "CL501"
BAD_PARAMETER = "CL502"
BAD_TOKEN = "CL503"
UNAUTHORISED = "CL505"


@dataclass(frozen=True)
class SiteOptions:
    """How the site shows things (from Settings: excerpts, map_tiles)."""
    excerpts: bool = False        # only excerpts around claims, never whole article texts
    map_tiles: str = ""           # tile URL template ({z}/{x}/{y}); empty: drawn map only
    map_attribution: str = ""     # credit line shown under tiled maps
    comment_max_links: int = 2
    excerpt_context: int = 0      # characters of context kept around a claim's sentence


class LedgerPool:
    """One ledger connection per thread (SQLite connections stay in the thread that made them);
    FastAPI runs page functions on a pool of worker threads that live as long as the app."""

    def __init__(self, db: str):
        self.db = db
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list = []

    def get(self):
        ledger = getattr(self._local, "ledger", None)
        if ledger is None:
            ledger = open_ledger(self.db)
            self._local.ledger = ledger
            with self._lock:
                self._open.append(ledger)
        return ledger

    def close(self) -> None:
        with self._lock:
            for ledger in self._open:
                try:
                    ledger.close()
                except Exception:  # a connection made in another thread: it goes with its thread
                    pass
            self._open.clear()


class Site:
    def __init__(self, db: str, options: Optional[SiteOptions] = None):
        self.options = options or SiteOptions()
        self.pool = LedgerPool(db)
        self.signer = Signer(load_secret(self.pool.get()))
        self.templates = Environment(loader=PackageLoader("claimledger.serve", "templates"),
                                     autoescape=True, trim_blocks=True, lstrip_blocks=True)
        self.templates.filters.update(formatting.FILTERS)
        self.templates.globals.update(formatting.GLOBALS, options=self.options)
        self._derived: dict[str, tuple[tuple, Any]] = {}
        self._derived_lock = threading.Lock()

    @property
    def ledger(self):
        return self.pool.get()

    def derived(self, key: str, compute: Callable[[Any], Any]) -> Any:
        """``compute(ledger)``, kept until the ledger's documents, claims or events change (the
        home page's lists, the ranking of sources by their claims: the same for every visitor,
        and counting a million claims takes seconds)."""
        ledger = self.ledger
        marker = ledger.change_marker()
        with self._derived_lock:
            hit = self._derived.get(key)
        if hit is not None and hit[0] == marker:
            return hit[1]
        value = compute(ledger)
        with self._derived_lock:
            self._derived[key] = (marker, value)
        return value

    def admin_password_hash(self) -> Optional[str]:
        return self.ledger.site_value(PASSWORD_KEY)

    def render(self, name: str, **context: Any) -> str:
        return self.templates.get_template(name).render(**context)


STATIC_DIR = Path(__file__).resolve().parent / "static"
