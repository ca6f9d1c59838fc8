"""Form tokens (CSRF), admin sessions, client keys and the admin password hash.

One secret, kept in the ledger (``site_value("secret")``, made on first use), signs
everything, so every worker process of one site agrees and a restart logs nobody out.

- Session: a random id in an HttpOnly, SameSite=Lax cookie; the CSRF token of a form is an
  HMAC of that id, so a page from another site can neither read nor forge it.
- Admin session: ``<expiry>.<hmac(expiry, password hash)>`` in an HttpOnly, SameSite=Strict
  cookie; setting a new password ends every admin session.
- Client key: an HMAC of the client's address, so rate limits work without storing addresses.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

SESSION_COOKIE = "cl_session"
ADMIN_COOKIE = "cl_admin"
ADMIN_SESSION_SECONDS = 8 * 3600
PASSWORD_KEY = "admin_password"
SECRET_KEY = "secret"

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash (argon2-cffi's default parameters)."""
    return _hasher.hash(password)


def verify_password(stored_hash: Optional[str], password: str) -> bool:
    if not stored_hash or not password:
        return False
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def load_secret(ledger) -> str:
    """The site's signing secret, made and stored on first use (the first writer wins)."""
    value = ledger.site_value(SECRET_KEY)
    if value is None:
        value = ledger.set_site_value(SECRET_KEY, secrets.token_hex(32), only_if_missing=True)
    return value


class Signer:
    def __init__(self, secret: str):
        self._key = secret.encode("utf-8")

    def sign(self, *parts: str) -> str:
        return hmac.new(self._key, "|".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()

    def check(self, signature: Optional[str], *parts: str) -> bool:
        return bool(signature) and hmac.compare_digest(str(signature), self.sign(*parts))

    # -- CSRF --------------------------------------------------------------------------------

    @staticmethod
    def new_session() -> str:
        return secrets.token_urlsafe(24)

    def csrf_token(self, session: str) -> str:
        return self.sign("csrf", session)

    def csrf_ok(self, session: Optional[str], token: Optional[str]) -> bool:
        return bool(session) and self.check(token, "csrf", session)

    # -- admin -------------------------------------------------------------------------------

    def admin_cookie(self, password_hash: str, now: Optional[float] = None) -> str:
        expiry = str(int((now or time.time()) + ADMIN_SESSION_SECONDS))
        return f"{expiry}.{self.sign('admin', expiry, password_hash)}"

    def admin_ok(self, cookie: Optional[str], password_hash: Optional[str], now: Optional[float] = None) -> bool:
        if not cookie or not password_hash or "." not in cookie:
            return False
        expiry, sig = cookie.split(".", 1)
        if not expiry.isdigit() or int(expiry) < (now or time.time()):
            return False
        return self.check(sig, "admin", expiry, password_hash)

    # -- rate limits -------------------------------------------------------------------------

    def client_key(self, address: Optional[str]) -> str:
        return self.sign("client", address or "unknown")[:32]
