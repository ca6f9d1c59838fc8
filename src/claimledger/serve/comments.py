"""The "Leave a Reply" form: what a reader may post, checked before anything is stored.

Required: comment, name, e-mail; optional: website. A hidden honeypot field that people
never see (and bots fill in), a cap on links, and per-address and per-e-mail rate limits.
The e-mail goes to the ledger for moderation and limits and is never shown anywhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Mapping, Optional

NOTICE = "Your email address will not be published. Required fields are marked *"
HONEYPOT = "fax"            # the trap field's name; labelled "leave empty", hidden from people

MAX_NAME = 100
MAX_EMAIL = 254
MAX_WEBSITE = 200
MAX_BODY = 5000

# (window, most comments in it) per client address and per e-mail address.
RATE_LIMITS = ((timedelta(minutes=1), 2), (timedelta(hours=1), 10), (timedelta(days=1), 30))

_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"'.]{2,}$")
_WEBSITE = re.compile(r"^https?://[^\s<>\"']+\.[^\s<>\"']+$", re.I)
_LINK = re.compile(r"\bhttps?://|\bwww\.|\b[a-z0-9-]+\.(?:com|net|org|info|biz|ru|cn|io|xyz|top)\b", re.I)


@dataclass
class CommentForm:
    comment: str = ""
    author: str = ""
    email: str = ""
    url: str = ""
    honeypot: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_form(cls, form: Mapping[str, str]) -> "CommentForm":
        def get(name: str) -> str:
            v = form.get(name)
            return v if isinstance(v, str) else ""
        return cls(comment=get("comment"), author=get("author"), email=get("email"), url=get("url"),
                   honeypot=get(HONEYPOT))

    @property
    def is_bot(self) -> bool:
        return bool(self.honeypot.strip())

    def validate(self, max_links: int) -> bool:
        """Fills ``errors`` (field -> message); True when the comment may be stored."""
        e = self.errors
        body, name, email, url = self.comment.strip(), self.author.strip(), self.email.strip(), self.url.strip()
        if not body:
            e["comment"] = "Please type your comment."
        elif len(body) > MAX_BODY:
            e["comment"] = f"Your comment is {len(body)} characters long; the most is {MAX_BODY}."
        elif count_links(body) > max_links:
            e["comment"] = (f"Your comment has {count_links(body)} links; at most {max_links} "
                            f"{'is' if max_links == 1 else 'are'} allowed.")
        if not name:
            e["author"] = "Please give your name."
        elif len(name) > MAX_NAME:
            e["author"] = f"Your name can be at most {MAX_NAME} characters long."
        if not email:
            e["email"] = "Please give your email address (it will not be published)."
        elif len(email) > MAX_EMAIL or not _EMAIL.match(email):
            e["email"] = "Please give a valid email address, such as name@example.org."
        if url and (len(url) > MAX_WEBSITE or not _WEBSITE.match(url)):
            e["url"] = "The website should be an address starting with http:// or https://."
        return not e

    def cleaned(self) -> dict[str, Optional[str]]:
        return {"body": self.comment.strip(), "name": self.author.strip(), "email": self.email.strip(),
                "website": self.url.strip() or None}


def count_links(text: str) -> int:
    return len(_LINK.findall(text or ""))


def rate_limited(ledger, client_key: str, email: str, now: Optional[datetime] = None) -> Optional[str]:
    """A message when this address or e-mail has posted too often lately, else None."""
    now = now or datetime.now(timezone.utc)
    for window, most in RATE_LIMITS:
        since = (now - window).isoformat(timespec="milliseconds")
        if (ledger.recent_comments(since, client_key=client_key) >= most
                or (email and ledger.recent_comments(since, email=email) >= most)):
            return (f"You have posted {most} comments in the last {_say(window)}; "
                    f"please wait a while before posting again.")
    return None


def _say(window: timedelta) -> str:
    if window >= timedelta(days=1):
        return "day"
    if window >= timedelta(hours=1):
        return "hour"
    return "minute"
