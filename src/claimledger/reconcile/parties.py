"""Who stands behind a claim: its origin (the claimant, whichever outlet printed it) and the
party (side) the origin belongs to.

Parties come from the data file of known actors (``data/actors.tsv``: GUR -> UA, Pentagon -> US,
Russia's defence ministry -> RU, ...), else from what the extractor read in the text (the
source's party, or its affiliation as a country). A claim in the outlet's own voice has the
outlet as origin, with party ``press``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..extract.lexicon import Actor, actors, alias_key, country_codes, demonyms

PRESS = "press"


@dataclass(frozen=True)
class Claimant:
    origin: str                  # canonical claimant: an actor's name, a person, or the outlet
    party: Optional[str]         # ISO country code or a side's name; "press" for outlets; None unknown
    voice: str                   # "source" (attributed to someone) or "outlet" (the outlet's narration)


@lru_cache(maxsize=None)
def _alias_patterns() -> list[tuple[re.Pattern, Actor]]:
    """Known aliases (3+ characters, or all-capital acronyms) as whole-word patterns, longest first."""
    out = []
    for key, actor in actors().items():
        for alias in (actor.name, *actor.aliases):
            a = alias.strip()
            if len(a) < 3 and not a.isupper():
                continue
            flags = 0 if a.isupper() else re.I
            out.append((len(a), re.compile(r"(?<!\w)" + re.escape(a) + r"(?!\w)", flags), actor))
    out.sort(key=lambda t: -t[0])
    return [(p, a) for _, p, a in out]


@lru_cache(maxsize=65536)
def known_actor(text: Optional[str]) -> Optional[Actor]:
    """The known actor a name or phrase refers to: an exact alias, else the longest alias
    inside it ("Ukraine's military intelligence agency, the GUR" -> GUR)."""
    if not text:
        return None
    hit = actors().get(alias_key(text))
    if hit:
        return hit
    for pattern, actor in _alias_patterns():
        if pattern.search(text):
            return actor
    return None


def party_of_affiliation(affiliation: Optional[str]) -> Optional[str]:
    if not affiliation:
        return None
    a = affiliation.strip().casefold()
    return country_codes().get(a) or (demonyms().get(a) or (None, None))[1]


def claimant(claim: dict, document: dict) -> Claimant:
    """Origin and party of a claim dict, given its document (for the outlet)."""
    src = claim.get("source") or {}
    if claim.get("attribution") == "author" or src.get("kind") == "author":
        outlet = document.get("outlet") or document.get("url") or document.get("id") or "unknown outlet"
        return Claimant(origin=str(outlet), party=PRESS, voice="outlet")
    name, text = src.get("name"), src.get("text")
    actor = None
    for candidate in (name, text, src.get("role"), src.get("affiliation")):
        actor = known_actor(candidate)
        if actor:
            break
    # A known actor named more specifically in the text wins over a whole country ("Ukraine"
    # as the name of "Ukraine's military intelligence agency, the GUR" -> GUR).
    if actor and text:
        inner = known_actor(text)
        if inner and inner.name != actor.name and inner.kind != "media":
            actor = inner
    party = src.get("party") or party_of_affiliation(src.get("affiliation"))
    if actor is not None:
        # a known organisation with no side (a monitor, an NGO) is a party of its own
        party = actor.party or party or (actor.name if actor.kind == "organization" else None)
        if actor.kind == "media":
            party = PRESS
        if src.get("kind") == "person" and name and alias_key(name) not in {alias_key(actor.name)}:
            return Claimant(origin=name, party=party, voice="source")   # a named person keeps their name
        return Claimant(origin=actor.name, party=party, voice="source")
    origin = name or text or "unnamed source"
    if src.get("kind") == "unnamed" or not (name or text):   # unnamed sources are told apart by outlet
        origin = f"unnamed source ({document.get('outlet') or document.get('id') or 'unknown outlet'})"
    return Claimant(origin=origin, party=party, voice="source")
