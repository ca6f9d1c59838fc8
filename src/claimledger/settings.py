"""Settings declared as data with their help text.

Precedence: defaults < config file (``claimledger.toml`` in the working directory, or the file
named by ``CLAIMLEDGER_CONFIG``) < ``CLAIMLEDGER_*`` environment variables < CLI flags. Settings
are passed explicitly; nothing reads the environment behind the caller's back.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Mapping

from .errors import UsageError
from .extract.finders import finders_help


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS = (
    Setting("db", "claimledger.db", "ledger location: an SQLite file path (default ./claimledger.db)"),
    Setting("max_bytes", 10 * 1024 * 1024, "largest input file accepted, in bytes (default 10 MB)"),
    Setting("batch_size", 16, "documents parsed together by spaCy's nlp.pipe"),
    Setting("time_budget", 60, "seconds of extraction per 500,000 characters of a document (at least this much for any) before it is recorded as failed"),
    Setting("attribution_finder", "rules", "who finds attributions: " + finders_help()),
    Setting("place_tagger", True, "places: the learned toponym tagger joins the rules (about 1% of the parse's time); "
            "false: the rules alone"),
    Setting("outlet_home", True, "places: ingest weighs a local outlet's home region, learned from the places of "
            "its other stories in the ledger ('Alexandria' in a Louisiana paper); false: each document alone"),
    Setting("derivative_min", 0.45, "reconcile: score from which a document is a copy or rewrite of another"),
    Setting("duplicate_jaccard", 0.9, "reconcile: MinHash Jaccard from which a copy is a duplicate"),
    Setting("event_link_min", 0.55, "reconcile: link score from which claims of two documents are one event"),
    Setting("excerpts", False, "site: show only excerpts around claims, never whole article texts"),
    Setting("map_tiles", "", "site: map tile URL template ({z}/{x}/{y}); empty draws the map offline"),
    Setting("map_attribution", "", "site: credit line for the map tiles"),
)


@dataclass(frozen=True)
class Settings:
    db: str = "claimledger.db"
    max_bytes: int = 10 * 1024 * 1024
    batch_size: int = 16
    time_budget: int = 60
    attribution_finder: str = "rules"
    place_tagger: bool = True
    outlet_home: bool = True
    derivative_min: float = 0.45     # reconcile thresholds: see reconcile/settings.py for how they were chosen
    duplicate_jaccard: float = 0.9
    event_link_min: float = 0.55
    excerpts: bool = False
    map_tiles: str = ""
    map_attribution: str = ""

    @classmethod
    def load(cls, overrides: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None,
             cwd: Path | None = None) -> "Settings":
        env = os.environ if env is None else env
        values: dict[str, Any] = {s.name: s.default for s in SETTINGS}
        cfg = Path(env.get("CLAIMLEDGER_CONFIG") or (cwd or Path.cwd()) / "claimledger.toml")
        if cfg.is_file():
            try:
                data = tomllib.loads(cfg.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise UsageError(f"cannot read config file: {exc}", input=str(cfg), code="CL401") from exc
            unknown = sorted(set(data) - set(values))
            if unknown:
                raise UsageError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(values)}",
                                 input=str(cfg), code="CL403")
            values.update(data)
        for s in SETTINGS:
            key = "CLAIMLEDGER_" + s.name.upper()
            if key in env:
                values[s.name] = env[key]
        for k, v in (overrides or {}).items():
            if v is not None and k in values:
                values[k] = v
        kinds = {f.name: f.type for f in fields(cls)}
        out = {}
        for k, v in values.items():
            if kinds[k] in (bool, "bool") and not isinstance(v, bool):
                if str(v).strip().lower() not in ("1", "true", "yes", "on", "0", "false", "no", "off", ""):
                    raise UsageError(f"setting {k} must be true or false, got {v!r}", code="CL402")
                v = str(v).strip().lower() in ("1", "true", "yes", "on")
            if kinds[k] in (int, "int"):
                try:
                    v = int(v)
                except (TypeError, ValueError):
                    raise UsageError(f"setting {k} must be a whole number, got {v!r}", code="CL402") from None
                if v < 1:  # a size or a batch of 0 (or less) refuses every input / parses nothing
                    raise UsageError(f"setting {k} must be at least 1, got {v}", code="CL402")
            if kinds[k] in (float, "float"):
                try:
                    v = float(v)
                except (TypeError, ValueError):
                    raise UsageError(f"setting {k} must be a number, got {v!r}", code="CL402") from None
                if not 0 <= v <= 1:
                    raise UsageError(f"setting {k} must be between 0 and 1, got {v}", code="CL402")
            out[k] = v
        return cls(**out)
