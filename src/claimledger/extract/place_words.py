"""The words and patterns the place finder reads: the named word sets of ``data/place_words.tsv``
and the word lists of ``places/data``, read as written (nothing in code adds to or removes from
them), and the regular expressions built from them."""
from __future__ import annotations

import functools
import os
import re


def _place_word_sets() -> dict[str, frozenset[str]]:
    """The named word sets of ``data/place_words.tsv``, words as written."""
    from importlib import resources

    text = resources.files("claimledger").joinpath("data", "place_words.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, words = line.partition("\t")
            out[name.strip()] = frozenset(words.split())
    return out

_WORDS = _place_word_sets()


def _alternatives(words) -> str:
    """A regular expression matching any of ``words`` as written, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))

LOC_PREPS = _WORDS["loc_preps"]

# a name spaCy tags PERSON is tried as a place only after these ("in Plekhovo"), not after "to" or
# "from", which people follow as often ("a letter to Saakashvili")
PERSON_LOC_PREPS = _WORDS["person_loc_preps"]

# the same for a name the parse tags an organisation: not "at", where a venue is ("at McDonald")
ORG_LOC_PREPS = _WORDS["org_loc_preps"]

SETTLEMENT_WORDS = _WORDS["settlement_words"]

REGION_WORDS = _WORDS["region_words"]

_NAME = (r"[A-Z][\w\u2019'-]*(?:[ -](?:(?:" + _alternatives(_WORDS["name_particles"]) + r")[ -])?"
         r"[A-Z][\w\u2019'-]*)*")

NAME_RX = re.compile(_NAME)

LIST_RX = re.compile(
    r"\b(?:(?P<region>[A-Z][\w-]+)\s+)?(?:(?:" + _alternatives(_WORDS["list_between_words"]) + r")\s+)?(?:"
    + _alternatives(_WORDS["list_words"]) + r")\s+of\s+(?P<names>" + _NAME
    + r"(?:\s*,\s*" + _NAME + r")*(?:\s*,?\s+(?:and|or)\s+" + _NAME + r")?)")

#: What every match of LIST_RX holds ("villages of "): texts without it need no LIST_RX scan.
LIST_GATE_RX = re.compile(r"(?:" + _alternatives(_WORDS["list_words"]) + r")\s+of\s")
JOIN_RX = re.compile(r"\s+(?:of|and|&)(?:\s+the)?\s+", re.I)

WATER_RX = re.compile(r"\b(?:" + _alternatives(_WORDS["water_words"]) + r")\b")

NOT_PLACES = _WORDS["not_places"]

DIRECTION_RX = re.compile(r"^(?:(?:the\s+)?(?:" + _alternatives(_WORDS["direction_prefixes"]) + r")\s+)(?P<base>.+)$")

DIRECTION_WORDS = _WORDS["direction_words"]

COMPASS_WORDS = _WORDS["compass_words"]

# a dateline opening a story: "COLUMBUS, Ohio (AP) —", "WOODBURY —", "BEIRUT, Lebanon -"
DATELINE_RX = re.compile(r"(?m)(?:^|(?<=[.!?\u201d\"] ))(?P<town>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})(?:,\s+(?P<area>[A-Z][\w.]+(?: [A-Z][\w.]+)?))?"
                         r"\s*(?:\((?:" + _alternatives(_WORDS["wire_agencies"]) + r")\)\s*)?(?:—|–|--|-|:)\s")

# a legislator's party and home town: "R-Westfield", "D-Charleston"
PARTY_TOWN_RX = re.compile(r"\b[RDI]-(?P<town>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")
#: What every match of DATELINE_RX and of PARTY_TOWN_RX holds: texts without it need no scan.
DATELINE_GATE_RX = re.compile(r"(?:—|–|-|:)\s")
PARTY_TOWN_GATE_RX = re.compile(r"[RDI]-[A-Z]")

#: After the second of two names joined by a comma, a list that goes on: ", Ohio", " and Ohio", ", and Ohio".
LIST_GOES_ON_RX = re.compile(r",?\s+(?:and|or)\s+[A-Z]|,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*(?:,|\band\b|\bor\b)")

PLACED_AFTER_RX = re.compile(r",?\s+(?:" + _alternatives(_WORDS["placed_after_preps"]) + r")\s+(?:the\s+)?[A-Z]")

OF_HEADS = _WORDS["of_heads"]

PLACE_TAKING_VERBS = _WORDS["place_taking_verbs"]


@functools.lru_cache(maxsize=None)
def street_words() -> frozenset[str]:
    """The last words of streets' and roads' names (``places/data/street_words.txt``)."""
    return _word_list("street_words.txt")


@functools.lru_cache(maxsize=None)
def disease_words() -> frozenset[str]:
    """Words after which a place's name names a disease (``places/data/disease_words.txt``)."""
    return _word_list("disease_words.txt")


def _word_list(filename: str) -> frozenset[str]:
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "places", "data", filename)
    with open(path, encoding="utf-8") as f:
        return frozenset(w for w in (line.split("#")[0].strip().lower() for line in f) if w)


def compass_word(name: str) -> bool:
    """'North', 'Northwest', 'Central', 'Western': a direction, not a region's name, when it opens
    an organisation's name."""
    return name.lower().replace("-", "") in COMPASS_WORDS


def nationality_words() -> dict:
    """The demonyms and nationality adjectives of ``data/demonyms.tsv`` (lower case -> country),
    which are no place's name ("Ukrainian officials")."""
    from .lexicon import demonyms
    return demonyms()
