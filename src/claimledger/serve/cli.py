"""``claimledger serve`` and ``claimledger admin set-password``."""
from __future__ import annotations

import dataclasses
import getpass
import json
import os
import sys

from ..errors import UsageError


def add_serve_parser(sub) -> None:
    p = sub.add_parser("serve", help="serve the site and JSON API over the ledger",
                       description="Serve the ledger (--db) as a web site with a JSON API (OpenAPI at "
                                   "/openapi.json) until Ctrl-C. Site settings (global flags, claimledger.toml "
                                   "or CLAIMLEDGER_*): --excerpts shows only excerpts around claims, never "
                                   "whole texts; --map-tiles sets a tile URL template for maps.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.set_defaults(func=cmd_serve)

    a = sub.add_parser("admin", help="site administration (the comment moderator's password)")
    asub = a.add_subparsers(dest="admin_command", required=True, metavar="ACTION")
    sp = asub.add_parser("set-password", help="set the admin password (stored as an argon2 hash in the ledger)",
                         description="Set the password of the site's admin (who moderates comments). "
                                     "Asked twice on a terminal; with --stdin read from the first line "
                                     "of standard input. Logs out existing admin sessions.")
    sp.add_argument("--stdin", action="store_true", help="read the password from standard input")
    sp.set_defaults(func=cmd_set_password)


def site_options(settings):
    from .site import SiteOptions
    return SiteOptions(excerpts=bool(settings.excerpts),
                       map_tiles=settings.map_tiles or "", map_attribution=settings.map_attribution or "")


def serve(settings, *, host: str = "127.0.0.1", port: int = 8000, workers: int = 1, announce=None) -> int:
    """Run the site until Ctrl-C. ``announce`` is called with the address once it is known."""
    import uvicorn
    from ..ledger import open_ledger
    if not os.path.exists(settings.db) and "://" not in settings.db:
        raise UsageError("no ledger here; ingest articles first (claimledger --db PATH ingest ...)",
                         input=settings.db, code="CL404")
    open_ledger(settings.db, create=False).close()   # a ledger that cannot be opened fails here, clearly
    options = site_options(settings)
    url = f"http://{host if ':' not in host else '[' + host + ']'}:{port}/"
    (announce or (lambda u: print(f"serving {settings.db} at {u} (Ctrl-C to stop)", file=sys.stderr)))(url)
    if workers > 1:
        os.environ["CLAIMLEDGER_SERVE_DB"] = settings.db
        os.environ["CLAIMLEDGER_SERVE_OPTIONS"] = json.dumps(dataclasses.asdict(options))
        uvicorn.run("claimledger.serve.workers:app", host=host, port=port, workers=workers,
                    log_level="warning", factory=True)
    else:
        from .app import create_app
        uvicorn.run(create_app(settings.db, options), host=host, port=port, log_level="warning")
    return 0


def cmd_serve(args, settings) -> int:
    return serve(settings, host=args.host, port=args.port, workers=args.workers)


def cmd_set_password(args, settings) -> int:
    from ..ledger import open_ledger
    from .security import PASSWORD_KEY, hash_password
    if args.stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("New admin password: ")
        if getpass.getpass("Again: ") != password:
            raise UsageError("the two passwords differ; nothing was changed")
    if len(password) < 8:
        raise UsageError("the admin password must be at least 8 characters long; nothing was changed")
    with open_ledger(settings.db) as ledger:
        ledger.set_site_value(PASSWORD_KEY, hash_password(password))
    print(f"admin password set for the site of {settings.db}", file=sys.stderr)
    return 0
