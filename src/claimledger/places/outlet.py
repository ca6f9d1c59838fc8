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
domain (the rule is evidence that the document's other names outweigh, not a constraint). Only
ISO 3166-1 codes count as countries ("en_UK" and ".uk" are GB; ".eu" is none). The words this
module reads hosts with live in ``data/outlet_words.tsv``. :func:`outlet_of` reads the outlet of a
document (its ``url`` and ``meta["locale"]``).
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional
from urllib.parse import urlsplit

from .normalize import name_key

if TYPE_CHECKING:
    from .outlet_profile import HomeRegion

#: shortest home name read from a host (shorter ones match inside too many words)
MIN_HOME_LETTERS = 4
_WORDS_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "outlet_words.tsv")


@functools.lru_cache(maxsize=1)
def outlet_words() -> dict[str, dict[str, str]]:
    """``data/outlet_words.tsv`` by kind: each word with its value (the second column, if any)."""
    words: dict[str, dict[str, str]] = {}
    with open(_WORDS_PATH, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if cols[0] == "kind":
                continue
            words.setdefault(cols[0], {})[cols[1].strip().lower()] = cols[2].strip() if len(cols) > 2 else ""
    return words


def iso_country(code: Optional[str]) -> Optional[str]:
    """The ISO 3166-1 alpha-2 code a locale's or a domain's two letters stand for ("uk" -> "GB"),
    None when they name no country ("eu")."""
    if not isinstance(code, str) or len(code) != 2 or not code.isascii() or not code.isalpha():
        return None
    alias = outlet_words().get("country_alias", {}).get(code.lower())
    if alias:
        return alias
    import pycountry

    return code.upper() if pycountry.countries.get(alpha_2=code.upper()) is not None else None


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
    home_region: Optional[HomeRegion] = None   # where its other stories are placed (outlet_profile)

    @classmethod
    def from_url(cls, url: Optional[str], locale: Optional[str] = None) -> Optional["Outlet"]:
        """The outlet of ``url`` (a page address, or a bare host such as "thetowntalk.com"); None
        when there is no host or the address cannot be read."""
        if not url or not isinstance(url, str):
            return None
        raw = url.strip()
        try:
            host = urlsplit(raw if "://" in raw else "//" + raw).hostname or ""
        except ValueError:          # "http://[::1": not an address
            return None
        words = outlet_words()
        labels = host.rstrip(".").lower().split(".")
        while len(labels) > 2 and labels[0] in words.get("host_prefix", {}):
            labels = labels[1:]
        host = ".".join(labels)
        if "." not in host or not host.isascii() or not all(labels):
            return None
        tld = labels[-1]
        country = None
        if isinstance(locale, str):
            m = re.match(r"^[a-z]{2,3}[-_]([A-Za-z]{2})$", locale.strip())
            if m:
                country = iso_country(m.group(1))
        if country is None and len(tld) == 2 and tld not in words.get("generic_cc", {}):
            country = iso_country(tld)
        return cls(host=host, country=country, generic=tld in words.get("american_generic", {}))

    def _name_parts(self) -> list[str]:
        """The host's labels before its public suffix ("com", "co.uk", "com.au"), each split at
        hyphens: ["chronicle", "augusta"], ["cambridge", "news"]."""
        parts = self.host.split(".")
        codes = outlet_words().get("suffix_code", {})
        n = 2 if len(parts) > 2 and len(parts[-1]) == 2 and parts[-2] in codes else 1
        return [w for part in parts[:-n] for w in part.split("-") if w]

    @property
    def label(self) -> str:
        """The host's name part, letters and digits only: "palestineherald" for
        palestineherald.com, "chronicleaugusta" for chronicle.augusta.com."""
        return re.sub(r"[^a-z0-9]", "", "".join(self._name_parts()))

    def home_name(self, names: Iterable[str]) -> Optional[str]:
        """Of the document's place names, the one the outlet is named after: the longest whose
        letters (``MIN_HOME_LETTERS`` or more) begin a part of the host's name (a label or a
        hyphenated word, optionally after a ``name_prefix`` word such as "the": theparisnews.com,
        chronicle.augusta.com, cambridge-news.co.uk), unless the part goes on with "city" where the
        name does not (kansascity.com is not named after Kansas). A name inside a word is not the
        home (insideclimatenews.org is not named after Lima)."""
        starts = []
        prefixes = outlet_words().get("name_prefix", {})
        for part in self._name_parts():
            word = re.sub(r"[^a-z0-9]", "", part)
            starts.append(word)
            starts.extend(word[len(p):] for p in prefixes if word.startswith(p) and len(word) > len(p))
        best: Optional[str] = None
        for name in names:
            key = _letters(name)
            if len(key) < MIN_HOME_LETTERS or not name[:1].isupper():
                continue
            if not any(w.startswith(key) and not w.startswith("city", len(key)) for w in starts):
                continue
            if best is None or len(key) > len(_letters(best)):
                best = name
        return best

    def country_for_home(self) -> Optional[str]:
        """The country of an outlet named after a town: its own, else the United States under a
        generic domain."""
        return self.country or ("US" if self.generic else None)


HOME_META = "outlet_home"   # Document.meta key: the outlet's home region, as ingest reads it from the ledger


def outlet_of(document) -> Optional[Outlet]:
    """The outlet of a document (anything with ``url`` and optionally ``meta["locale"]``, as
    :class:`claimledger.models.Document`), to pass among its context places; None without a
    readable web address. ``meta["outlet_home"]`` (a :class:`~claimledger.places.outlet_profile.HomeRegion`
    as a dict, which ``ingest`` puts there from the ledger) becomes its ``home_region``."""
    meta = getattr(document, "meta", None)
    locale = meta.get("locale") if isinstance(meta, dict) else None
    outlet = Outlet.from_url(getattr(document, "url", None), locale if isinstance(locale, str) else None)
    home = meta.get(HOME_META) if isinstance(meta, dict) else None
    if outlet is not None and isinstance(home, dict):
        from dataclasses import replace
        from .outlet_profile import HomeRegion
        region = HomeRegion.from_dict(home)
        if region is not None:
            outlet = replace(outlet, home_region=region)
    return outlet
