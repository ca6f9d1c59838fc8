"""A document's URL: only ``http`` and ``https`` are kept.

The URL identifies a document across versions and is shown as a link on the site; a
``javascript:``, ``file:`` or ``data:`` URL is neither an article's address nor safe to show as
a link, so one given by the user (``--url``, a JSONL ``url``) refuses the input with the reason,
and one a page declares about itself is ignored.
"""
from __future__ import annotations

import re
from typing import Optional
from urllib.parse import urlsplit

from ..errors import BAD_URL, InputError

SCHEMES = ("http", "https")
_BAD_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def url_problem(url: str) -> Optional[str]:
    """Why ``url`` cannot be a document's URL, or None when it can."""
    if _BAD_CHARS.search(url):
        return "contains spaces, control or invisible characters"
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"is not a URL ({exc})"
    if parts.scheme.lower() not in SCHEMES:
        what = f"scheme {parts.scheme!r}" if parts.scheme else "no scheme"
        return f"has {what}; only http and https URLs are kept"
    if not parts.hostname:
        return "has no host name"
    return None


def check_url(url: Optional[str], name: Optional[str]) -> Optional[str]:
    """``url`` itself when it is an http(s) URL (or None); InputError naming ``name`` otherwise."""
    if url is None or url == "":
        return None
    problem = url_problem(url)
    if problem:
        shown = url if len(url) <= 80 else url[:77] + "..."
        raise InputError(f"URL {shown!r} {problem}", code=BAD_URL, input=name)
    return url


def page_url(url: Optional[str]) -> Optional[str]:
    """A URL a page declares about itself, or None when it is not an http(s) URL."""
    return url if url and url_problem(url) is None else None
