"""Word lists kept as data files beside the code (``claimledger/data``), read once.

A new cue verb, hedge, known actor or platform is a one-line change to a data file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("claimledger").joinpath("data", name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@dataclass(frozen=True)
class Cues:
    verbs: frozenset[str]
    nouns: frozenset[str]
    denial: frozenset[str]
    hedge: frozenset[str]
    passive_only: frozenset[str]
    weak: frozenset[str] = frozenset()          # reports only through an explicit clause
    object: frozenset[str] = frozenset()        # a noun-phrase object is what it reports
    preps: tuple[tuple[str, tuple[str, ...]], ...] = ()   # (lemma, prepositions whose object it reports)

    def prepositions(self, lemma: str) -> tuple[str, ...]:
        return dict(self.preps).get(lemma, ())


@lru_cache(maxsize=None)
def cues() -> Cues:
    verbs, nouns, denial, hedge, passive, weak, obj = set(), set(), set(), set(), set(), set(), set()
    preps: dict[str, tuple[str, ...]] = {}
    for line in _lines("cues.txt"):
        parts = line.split()
        lemma, tags = parts[0].lower(), set(parts[1:])
        if "noun" in tags:
            nouns.add(lemma)
            continue
        if "passive_only" in tags:
            passive.add(lemma)
            continue
        verbs.add(lemma)
        for tag, bucket in (("denial", denial), ("hedge", hedge), ("weak", weak), ("object", obj)):
            if tag in tags:
                bucket.add(lemma)
        for tag in tags:
            if tag.startswith("prep="):
                preps[lemma] = preps.get(lemma, ()) + tuple(p for p in tag[5:].split(",") if p)
    return Cues(frozenset(verbs), frozenset(nouns), frozenset(denial), frozenset(hedge), frozenset(passive),
                frozenset(weak), frozenset(obj), tuple(sorted(preps.items())))


@lru_cache(maxsize=None)
def lemma_fixes() -> dict[str, str]:
    """Verb forms whose parser lemma hides a cue ("hopes" -> hop): form -> lemma (lemma_fixes.tsv)."""
    out = {}
    for line in _lines("lemma_fixes.tsv"):
        form, _, lemma = line.partition("\t")
        out[form.strip().lower()] = lemma.strip().lower()
    return out


def lemma_of(tok) -> str:
    """The lower-case lemma of a token as the attribution rules read it: the parser's, unless
    ``lemma_fixes.tsv`` corrects the verb form."""
    if tok.pos_ in ("VERB", "AUX"):
        fixed = lemma_fixes().get(tok.lower_)
        if fixed:
            return fixed
    return tok.lemma_.lower()


@lru_cache(maxsize=None)
def construction_cues() -> dict[str, frozenset[str]]:
    """Cue lemma -> the constructions it reports in (construction_cues.tsv)."""
    out = {}
    for line in _lines("construction_cues.tsv"):
        lemma, _, constructions = line.partition("\t")
        out[lemma.strip().lower()] = frozenset(constructions.split())
    return out


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """One named set of ``attribution_words.tsv`` (lower case); an unknown name is an error."""
    sets = _word_sets()
    if name not in sets:
        raise KeyError(f"attribution_words.tsv has no set {name!r}; it has {', '.join(sorted(sets))}")
    return sets[name]


@lru_cache(maxsize=None)
def _word_sets() -> dict[str, frozenset[str]]:
    return named_word_sets("attribution_words.tsv")


@lru_cache(maxsize=None)
def named_word_sets(filename: str) -> dict[str, frozenset[str]]:
    """The named sets of a data file of lines "name<TAB>words separated by spaces" (lower case)."""
    out = {}
    for line in _lines(filename):
        name, _, words = line.partition("\t")
        out[name.strip()] = frozenset(w.lower() for w in words.split())
    return out


@lru_cache(maxsize=None)
def hedge_pattern() -> re.Pattern:
    words = sorted(_lines("hedges.txt"), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w.strip()) for w in words) + r")\b", re.I)


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    party: str | None
    aliases: tuple[str, ...]


def _strip_the(s: str) -> str:
    s = s.strip()
    return s[4:] if s.lower().startswith("the ") else s


def alias_key(s: str) -> str:
    return re.sub(r"\s+", " ", _strip_the(s).replace("\u2019", "'")).lower().rstrip(".,")


@lru_cache(maxsize=None)
def actors() -> dict[str, Actor]:
    """alias key -> Actor"""
    table: dict[str, Actor] = {}
    for line in _lines("actors.tsv"):
        cols = line.split("\t")
        name, kind, party = cols[0], cols[1], (cols[2] or None) if len(cols) > 2 else None
        aliases = tuple(a for a in (cols[3].split(";") if len(cols) > 3 else []) if a)
        actor = Actor(name, kind, party, aliases)
        for a in (name, *aliases):
            table.setdefault(alias_key(a), actor)
    return table


@lru_cache(maxsize=None)
def demonyms() -> dict[str, tuple[str, str]]:
    """'ukrainian' -> ('Ukraine', 'UA')"""
    out = {}
    for line in _lines("demonyms.tsv"):
        adj, country, code = line.split("\t")
        out[adj.lower()] = (country, code)
    return out


def demonym_country(word: str) -> tuple[str, str] | None:
    """(country name, code) of a demonym or nationality adjective, singular or plural
    ("Palestinians" -> ("Palestine", "PS")); None for other words."""
    key = " ".join(word.split()).lower()
    table = demonyms()
    hit = table.get(key)
    if hit is None and key.endswith("s"):
        hit = table.get(key[:-1])
    return hit


@lru_cache(maxsize=None)
def person_title_words() -> frozenset[str]:
    """Words that make the proper name right after them a person's (person_titles.txt)."""
    return frozenset(w.lower() for w in _lines("person_titles.txt"))


@lru_cache(maxsize=None)
def place_institution_words() -> frozenset[str]:
    """Words after which a place name names an institution of that place (place_institutions.txt)."""
    return frozenset(w.lower() for w in _lines("place_institutions.txt"))


@lru_cache(maxsize=None)
def country_codes() -> dict[str, str]:
    """'ukraine' -> 'UA' (from the demonym table: its countries)."""
    return {country.lower(): code for country, code in demonyms().values()}


@lru_cache(maxsize=None)
def evidence_patterns() -> list[tuple[str, re.Pattern]]:
    out = []
    for line in _lines("evidence.txt"):
        kind, rx = line.split("\t", 1)
        out.append((kind, re.compile(r"\b" + rx + r"\b", re.I)))
    return out


@lru_cache(maxsize=None)
def platform_patterns() -> list[tuple[str, re.Pattern]]:
    out = []
    for line in _lines("platforms.txt"):
        name, rx = line.split("\t", 1)
        out.append((name, re.compile(r"(?<![\w@])(?:" + rx + r")(?![\w-])")))
    return out
