"""The outlet a document comes from, as evidence for where its places are.

A local newspaper is very often named after its town: palestineherald.com is the Palestine Herald-Press
of Palestine, Texas; theparisnews.com the Paris News of Paris, Texas; cambridge-news.co.uk the Cambridge
News. When the document itself names that town, the name is the outlet's home: a town (not the
territory of Palestine or the kingdom of Jordan), in the outlet's country, and the other places of
the document lie around it. An :class:`Outlet` is passed to the gazetteer among a document's
context places (``Gazetteer.resolve(..., context_places=[..., Outlet.from_url(url)])``); it reads
only the document's own web address and locale, the metadata a user's document carries.

The outlet's country is its locale's ("en_GB") or its web address's country domain (".co.uk",
".com.au"); an outlet under a generic domain (.com, .net, .org) that is named after a town the
document names is taken to be American, as local papers elsewhere mostly use their country's
domain (the rule is evidence that the document's other names outweigh, not a constraint).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional
from urllib.parse import urlsplit

from .normalize import name_key

#: country domains outlets use as generic names, not as a country
GENERIC_CC = frozenset({"io", "tv", "fm", "me", "ai", "co", "ly", "to", "cc", "ws", "gg", "am", "la", "nu"})
#: generic domains under which a town's newspaper is taken to be American
AMERICAN_GENERIC = frozenset({"com", "net", "org", "us"})
#: host labels before the outlet's own name ("www.", "news.")
_HOST_PREFIX = re.compile(r"^(?:www\d?|news|m|mobile|amp)\.", re.I)
#: shortest home name read from a host (shorter ones match inside too many words)
MIN_HOME_LETTERS = 4


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name_key(text))


@dataclass(frozen=True)
class Outlet:
    """The outlet of a document: its host name without the prefix ("palestineherald.com") and its
    country (ISO alpha-2) when the locale or the domain says."""

    host: str
    country: Optional[str] = None
    generic: bool = False             # under .com / .net / .org: American when named after a town
    also: tuple[str, ...] = ()        # the document's names beside its context places (the one being resolved)

    @classmethod
    def from_url(cls, url: Optional[str], locale: Optional[str] = None) -> Optional["Outlet"]:
        """The outlet of ``url`` (a page address, or a bare host such as "thetowntalk.com"); None
        when there is no host."""
        if not url or not isinstance(url, str):
            return None
        raw = url.strip()
        host = urlsplit(raw if "://" in raw else "//" + raw).hostname or ""
        host = _HOST_PREFIX.sub("", host.rstrip(".").lower())
        if "." not in host:
            return None
        tld = host.rsplit(".", 1)[-1]
        country = None
        if isinstance(locale, str):
            m = re.match(r"^[a-z]{2,3}[-_]([A-Za-z]{2})$", locale.strip())
            if m:
                country = m.group(1).upper()
        if country is None and len(tld) == 2 and tld.isalpha() and tld not in GENERIC_CC:
            country = "GB" if tld == "uk" else tld.upper()
        return cls(host=host, country=country, generic=tld in AMERICAN_GENERIC)

    @property
    def label(self) -> str:
        """The host's name part, letters and digits only: "palestineherald" for
        palestineherald.com, "chronicleaugusta" for chronicle.augusta.com."""
        parts = self.host.split(".")
        # drop the public suffix: "com", "co.uk", "com.au"
        n = 2 if len(parts) > 2 and len(parts[-1]) == 2 and parts[-2] in ("co", "com", "org", "net", "ac", "gov") else 1
        return re.sub(r"[^a-z0-9]", "", "".join(parts[:-n]))

    def home_name(self, names: Iterable[str]) -> Optional[str]:
        """Of the document's place names, the one the outlet is named after: the longest whose
        letters (``MIN_HOME_LETTERS`` or more) the host's name holds, unless the host's name goes
        on with "city" where the name does not (kansascity.com is not named after Kansas)."""
        label = self.label
        best: Optional[str] = None
        for name in names:
            key = _letters(name)
            if len(key) < MIN_HOME_LETTERS or not name[:1].isupper():
                continue
            i = label.find(key)
            if i < 0 or label.startswith("city", i + len(key)):
                continue
            if best is None or len(key) > len(_letters(best)):
                best = name
        return best

    def country_for_home(self) -> Optional[str]:
        """The country of an outlet named after a town: its own, else the United States under a
        generic domain."""
        return self.country or ("US" if self.generic else None)
