"""The ASGI app: ``create_app(db)`` for uvicorn, tests and the benchmark."""
from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Optional
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import ClaimLedgerError
from . import api_routes, pages
from .site import BAD_PARAMETER, NOT_FOUND, STATIC_DIR, UNAUTHORISED, BAD_TOKEN, Site, SiteOptions

_STATUS_CODES = {404: NOT_FOUND, 401: UNAUTHORISED, 403: BAD_TOKEN}


def create_app(db: str, options: Optional[SiteOptions] = None) -> FastAPI:
    """The site over the ledger at ``db`` (a path or sqlite URL; opened, and migrated if
    needed, once per worker thread)."""
    site = Site(db, options)

    @asynccontextmanager
    async def lifespan(_app):
        from .basemap import warm
        warm()                      # map outlines loaded before the first request, not during it
        yield
        site.pool.close()

    app = FastAPI(lifespan=lifespan, title="claimledger", version=__version__,
                  description="Attributed claims from news reports: who claims what happened, where, when "
                              "and how many. Errors are JSON objects {\"error\": {\"code\", \"message\"}}.",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.site = site
    app.include_router(api_routes.router)
    app.include_router(pages.router)
    app.add_api_route("/robots.txt", pages.robots, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(SecurityHeaders, tiles=(options or SiteOptions()).map_tiles)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"

    def error(request: Request, status: int, code: str, message: str, details=None):
        if wants_json(request):
            body = {"error": {"code": code, "message": message}}
            if details:
                body["error"]["details"] = details
            return JSONResponse(body, status_code=status)
        html = site.render("error.html", request=request, status=status, message=message, code=code,
                           admin=False, options=site.options)
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = "There is no such page."
        return error(request, exc.status_code, _STATUS_CODES.get(exc.status_code, BAD_PARAMETER), message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        details = [{"parameter": ".".join(str(x) for x in e.get("loc", ())[1:]) or None,
                    "message": e.get("msg")} for e in exc.errors()]
        message = "; ".join(f"{d['parameter']}: {d['message']}" for d in details) or "invalid request"
        return error(request, 400, BAD_PARAMETER, message, details)

    @app.exception_handler(ClaimLedgerError)
    async def ledger_error(request: Request, exc: ClaimLedgerError):
        status = 400 if exc.code.startswith("CL4") else 500
        return error(request, status, BAD_PARAMETER if status == 400 else exc.code, exc.message)

    return app


class SecurityHeaders:
    """Headers on every response: a content security policy allowing only this site's own
    scripts and styles (and map tiles' host, if tiles are set), no framing, no sniffing."""

    def __init__(self, app, tiles: str = ""):
        self.app = app
        img = "'self' data:"
        if tiles:
            parts = urlsplit(tiles.replace("{s}", "a"))
            if parts.scheme and parts.netloc:
                img += f" {parts.scheme}://{parts.netloc.replace('a.', '*.', 1) if '{s}' in tiles else parts.netloc}"
        csp = (f"default-src 'self'; img-src {img}; style-src 'self'; script-src 'self'; "
               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
        self.headers = [(b"content-security-policy", csp.encode()), (b"x-content-type-options", b"nosniff"),
                        (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + self.headers
            await send(message)
        await self.app(scope, receive, send_with_headers)
