"""Places a claim names, found on the parse and resolved with the gazetteer.

spaCy's small model mislabels place names ("Kursk" as PRODUCT, "Martynovka" as ORG), so entity
labels are only one signal: proper nouns after a locative preposition, members of a list
introduced by "the X settlements/villages of", and region phrases ("the Kursk border region of
Russia") count too, each checked against the gazetteer or kept with what the text says.
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import os
import re
from typing import Any, Optional

from ..models import Place
from ..places.normalize import name_key
from .tree import doc_ents, doc_text, ents_starting


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


TAGGER_MODE = "weak"    # how the learned tagger's spans count (chosen on the tune-check slice: see README)
PERSON_NAME_TOWN_MIN = 100_000   # a name tagged a person more often than a place is still a place in a town this big
PERSON_TAGGED_CITY_MIN = 500_000   # a lone name the parse tags a person is a place when a city this big is called so


#: After the second of two names joined by a comma, a list that goes on: ", Ohio", " and Ohio", ", and Ohio".
LIST_GOES_ON_RX = re.compile(r",?\s+(?:and|or)\s+[A-Z]|,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*(?:,|\band\b|\bor\b)")


def _region_among_its_peers(gazetteer, name: str, code: str, gpes: list) -> Optional[str]:
    """A country's name ``name`` (country ``code``) that is also a first-level region of another
    country, in a document whose GPE names include ``PEER_REGIONS`` other regions of that country
    (names read first as regions: not "Washington", the city), no other country and nothing the
    gazetteer places in the named country ("Tbilisi"): the region's country ("Georgia, Alabama and
    Florida" are states: "US"), else None. The gazetteer settles a name given such context the same
    way (``Gazetteer._regions_before_namesake_countries``); here the document's later names count too."""
    regions = gazetteer.regions
    key = name_key(name)
    others = {a.country for a, how in regions.find_admin1([key]) if how == "name" and a.country != code}
    if not others:
        return None
    peers: dict[str, set] = {}
    for g in gpes:
        k = name_key(g)
        if k == key:
            continue
        named = regions.country_code(g)
        if named is not None and named not in others:
            return None                 # another country named ("Russia", "Armenia", "Georgia's")
        top = next(iter(gazetteer.lookup(g)), None)
        if top is None:
            continue
        if top.country == code:
            return None                 # a place in the named country ("Tbilisi")
        if top.feature == "settlement":
            continue                    # "Washington", "New York": read first as the city
        for a, how in regions.find_admin1([k]):
            if how == "name" and a.country in others:
                peers.setdefault(a.country, set()).add(a.code)
    return next((cc for cc, codes in peers.items() if len(codes) >= PEER_REGIONS), None)


#: Other regions of its country a document must name for a country's name to be read as the region.
PEER_REGIONS = 2


class PlaceFinder:
    """Places in a claim's tokens. ``keep_actors``: also a state named as the doer ("Israel said"),
    which claims leave out of their places but toponym annotators mark (``eval toponyms`` counts it).
    ``every_mention``: a place named twice in the tokens is returned twice, once per mention (toponym
    annotators mark each; a claim lists a place once). ``tagger``: the learned toponym tagger
    (:mod:`.toponym_model`) whose spans are one more source of candidates; "shipped" (default)
    loads the packaged one, None uses the rules only. ``tagger_mode`` says how its spans count:
    "weak" (kept when the gazetteer resolves them) or "strong" (kept also when it does not, with
    the country the text gives)."""

    def __init__(self, gazetteer=None, *, keep_actors: bool = False, every_mention: bool = False,
                 tagger: Any = "shipped", tagger_mode: str = TAGGER_MODE):
        self._gaz = gazetteer
        self.keep_actors = keep_actors
        self.every_mention = every_mention
        self._tagger = tagger
        self.tagger_mode = tagger_mode
        self.seen: list[Place] = []   # places resolved so far in the current document, in order
        self.tagged: list[tuple[int, int]] = []   # the tagger's toponym spans in the current document

    def document(self, spdoc=None, document=None) -> "PlaceFinder":
        """A finder for one document (:meth:`begin_document` on a copy): it shares this finder's
        gazetteer and tagger and keeps the document's state (the places seen so far, its country
        prior) to itself, so one finder serves many documents, in any order or at once, and is
        never left holding the last document's state."""
        self.gazetteer, self.tagger                # loaded once, here, for every copy to share
        one = copy.copy(self)
        one.begin_document(spdoc, document)
        return one

    def begin_document(self, spdoc=None, document=None) -> None:
        """Start a document; its countries (named, or as nationality adjectives: 'Malian troops')
        and the outlet's country (:func:`outlet_country` of ``document``) become the prior that
        settles which Léré or Niono a name means."""
        self.seen = []
        self.doc_countries: list[Place] = []
        self.doc_country_counts: dict[str, int] = {}
        self.doc_names = None
        self.peer_regions: dict[str, str] = {}   # names read as a region of this country, not as a country
        self.tagged = []
        self.surnames: set[str] = set()
        self.given_names: set[str] = set()
        self.outlet = None
        if spdoc is None:
            return
        self.outlet = _outlet_with_home(document, spdoc)
        tagger = self.tagger
        if tagger is not None:
            self.tagged = tagger.spans(spdoc, self.gazetteer)
        self.doc_names = self._place_names_of(spdoc, self.tagged)
        self.surnames = _person_surnames(spdoc)
        self.given_names = _person_given_names(spdoc)
        from .lexicon import demonyms
        counts: dict[str, int] = {}
        outlet = outlet_country(document) if document is not None else None
        if outlet:
            counts[outlet] = 1          # as much as a nationality adjective: the text outweighs it
        regions = getattr(self.gazetteer, "regions", None)
        gpes = [e.text for e in doc_ents(spdoc) if e.label_ == "GPE"]
        for ent in doc_ents(spdoc):
            code = None
            if ent.label_ == "NORP":
                hit = demonyms().get(ent.text.lower())
                code = hit[1] if hit else None
            elif ent.label_ == "GPE" and regions is not None:
                code = regions.country_code(ent.text)
                region_of = _region_among_its_peers(self.gazetteer, ent.text, code, gpes) if code else None
                if region_of:
                    # "Georgia, Alabama and Florida": the state, not the country
                    self.peer_regions[name_key(ent.text)] = region_of
                    code = None
            if code:
                # a country named counts more than a nationality adjective ("Turkish drones")
                counts[code] = counts.get(code, 0) + (2 if ent.label_ == "GPE" else 1)
        self.doc_country_counts = counts
        for code, _ in sorted(counts.items(), key=lambda kv: -kv[1]):
            self.doc_countries.append(Place(text=code, name=code, country=code, feature="country", geo_precision=3))

    @property
    def tagger(self):
        """The toponym tagger in use, or None (rules only; also when the shipped one is missing or
        was trained on another parse model)."""
        if isinstance(self._tagger, str):
            from .toponym_model import load_tagger
            self._tagger = load_tagger()
        return self._tagger

    @property
    def gazetteer(self):
        if self._gaz is None:
            from ..places import default_gazetteer
            self._gaz = default_gazetteer()
        return self._gaz

    def places_for(self, tokens: list, text: str, spdoc) -> list[Place]:
        ids = {t.i for t in tokens}
        cands: list[tuple[list, dict]] = []  # (token run, hints)
        seen: set[int] = set()
        later: dict[int, list[tuple[list, dict]]] = {}   # first token -> other rules' runs there
        list_areas: list[tuple[int, int]] = []   # "Kursk" of "the Kursk settlements of A and B"

        def add(run, **hints):
            if not run:
                return
            key = run[0].i
            if any(t.i not in ids for t in run):
                return
            if run[0].lower_ in NOT_PLACES or _armed_or_civil_group(run):
                return
            if hints.get("weak") and not run[0].text[:1].isupper():
                return            # a weak signal needs a capitalised name ("the meth was located")
            if len(run) == 1 and self._surname(run[0].text):
                return            # "Saakashvili" where the text also names "Mikheil Saakashvili"
            if len(run) == 1 and _not_a_name_alone(run[0]):
                return            # "North" (of "North Clayton"), "University", "the meth"
            if _names_a_disease(run):
                return            # "West Nile virus", "Reston ebolavirus": a disease's name
            if hints.get("weak") and self._demonym_run(run):
                return            # "the Canadian Food Inspection Agency": a nationality, not a place
            if key in seen:
                # another rule's reading of a name a rule before it read: the tagger's is tried
                # when the first reads no place (below); any may join the next name ("of the")
                later.setdefault(key, []).append((run, hints))
                return
            seen.add(key)
            cands.append((run, hints))

        # the characters the tokens cover, read once for the text-pattern rules below
        lo = min(t.idx for t in tokens) if tokens else 0
        hi = max(t.idx + len(t.text) for t in tokens) if tokens else 0
        # "the villages of Tal Aswad and Jubb al-Kalb": read the list off the text, since the parser
        # often breaks multi-word Arabic or Slavic names apart
        if tokens:
            for m in LIST_RX.finditer(text, lo, hi):
                area = self._area_hint(m.group("region"))
                if m.group("region"):
                    list_areas.append((m.start("region"), m.end("region")))
                for nm in NAME_RX.finditer(m.group("names")):
                    ns, ne = m.start("names") + nm.start(), m.start("names") + nm.end()
                    sp = spdoc.char_span(ns, ne, alignment_mode="expand")
                    if sp is not None and len(sp):
                        add(list(sp), **area, feature="settlement", precise=True, strong=True, rule="list")
        for t in tokens:
            if t.i in seen:
                continue
            # "the Kursk settlements of A, B, and C"
            if t.lemma_.lower() in SETTLEMENT_WORDS and t.tag_ in ("NNS", "NN"):
                area = self._area_hint(_compound_propn(t))
                of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                if of is not None:
                    list_areas.extend((c.idx, c.idx + len(c.text)) for c in _modifier_run(t))
                    members = [g for g in of.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
                    for m in list(members):
                        members.extend(c for c in m.subtree if c.dep_ == "conj" and c.pos_ == "PROPN")
                    for m in members:
                        add(_name_run(m), **area, feature="settlement", precise=True, strong=True, rule="list")
            # "the Kursk border region of Russia", "Russia's Belgorod region"
            if t.lemma_.lower() in REGION_WORDS and t.ent_type_ not in ("GPE", "LOC"):
                region = _compound_propn(t)
                if region:
                    country = None
                    of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                    if of is not None:
                        pob = next((g for g in of.children if g.dep_ == "pobj"), None)
                        if pob is not None:
                            country = pob.text
                    poss = next((c for c in t.children if c.dep_ == "poss"), None)
                    if poss is not None and poss.ent_type_ == "GPE":
                        country = poss.text
                    add(_modifier_run(t), region=True, country_text=country, rule="region phrase")
        near = ents_starting(spdoc, min(ids), max(ids) + 1) if ids else []
        for ent in near:
            if ent.start not in ids or ent.label_ not in ("GPE", "LOC", "FAC"):
                continue
            if ent.label_ == "GPE" and not self.keep_actors and _is_actor(ent.root):
                continue  # "The United States carried out strikes": an actor, not where it happened
            if ent.text.lower() in _demonyms() and not self._country_name(ent.text):
                continue  # "Ukrainian officials": a nationality, not a place ("U.S. troops" is one)
            run = list(ent)
            before = spdoc[ent.start - 1] if ent.start > 0 else None
            if before is not None and before.i in ids and before.lower_ in DIRECTION_WORDS and before.head.i in range(ent.start, ent.end):
                run = [before] + run          # "northern Gaza": the part of the place the text names
            # an unknown GPE or LOC name ("United Way officials", "the Pacific Decadal Oscillation"),
            # or a FAC one (a road, a hall, a school) the text does not place in a town, needs the
            # tagger too; a landmark placed ("the Grand Mosque in Kano") does not
            needs_tagger = ent.label_ in ("GPE", "LOC") or ent.label_ == "FAC" and not _placed_after(ent, text)
            add(run, feature=None, strong=True, unknown_needs_tagger=needs_tagger, rule=ent.label_)
        for ent in near:
            # "the Texas Forest Service", "Texas Southern University", "the Georgia Educators": an
            # organisation's name opening with a state's or a country's own name
            if ent.start not in ids or ent.label_ not in ("ORG", "FAC", "EVENT", "WORK_OF_ART"):
                continue
            run = self._area_name_opening(ent)
            if run:
                add(run, feature=None, weak=True, known_only=True, rule="organisation opening")
        for ent in near:
            # "the Concord Police Department", "Lancaster University": the place an institution is of
            if ent.start not in ids or ent.label_ not in ("ORG", "FAC"):
                continue
            run = _place_before_institution(ent)
            if run:
                add(run, feature=None, weak=True, known_only=True, rule="institution")
        from .lexicon import place_institution_words
        institution = place_institution_words()
        for t in tokens:
            # "Springfield residents", "the Montgomery gym": a place name modifying a word of the
            # same families as an institution's
            if (t.pos_ == "PROPN" and t.dep_ == "compound" and t.head.pos_ == "NOUN" and t.i not in seen
                    and t.head.lower_ in institution and t.ent_type_ not in ("PERSON", "NORP", "ORG")):
                add(_name_run(t), feature=None, weak=True, known_only=True, rule="institution word")
        if tokens and getattr(self, "doc_names", None) is not None:
            # one sense per discourse: a name the parse tags as a place elsewhere in the document is
            # a place here too, though tagged a person or an organisation ("Alexandria police",
            # "the Texas Department of State Health Services"), unless it is part of a longer
            # person's name
            for m in self.doc_names.finditer(text, lo, hi):
                sp = spdoc.char_span(m.start(), m.end(), alignment_mode="contract")
                if sp is None or not len(sp) or sp[0].ent_type_ in ("GPE", "LOC") or _inside_longer_person(sp, spdoc):
                    continue      # tagged a place here: the entity rules above decided (actors, demonyms)
                if not self.keep_actors and _is_actor(sp.root):
                    continue      # "Edwardsville will host the fair": who acts, as for the tagger's spans
                if any(a <= m.start() and m.end() <= b for a, b in list_areas):
                    continue      # "the Kursk settlements of ...": the list's area (below)
                add(list(sp), feature=None, weak=True, known_only=True, rule="one sense")
        for ent in near:
            # "Once again, Alexandria is a finalist": a lone name the parse calls a person (or an
            # organisation) that is the name of a country (or a region) or of a city of
            # PERSON_TAGGED_CITY_MIN people, and no person's first or last name in the document
            if ent.start not in ids or ent.label_ not in ("PERSON", "ORG"):
                continue
            if not self.keep_actors and _is_actor(ent.root):
                continue      # in a claim, the name as the doer is who acts, as for the parse's places
            if self._big_place_name(ent, regions=ent.label_ == "ORG"):
                add(list(ent), feature=None, weak=True, known_only=True, rule="lone big place")
        if tokens and self.tagged:
            # the learned tagger's toponyms ("Lake Vermont", "the Neches River", a town spaCy calls
            # a person): kept when the gazetteer resolves them, or, "strong", as the text places them
            for s, e in self.tagged:
                if any(a <= s and e <= b for a, b in list_areas):
                    # "the Kursk settlements of A and B": the tagger's "Kursk" is the list's area (a
                    # hint for its members), not a place of its own (the city of Kursk); the parse's
                    # entity there is still read as the region
                    continue
                if lo <= s and e <= hi:
                    sp = spdoc.char_span(s, e, alignment_mode="contract")
                    if sp is None or not len(sp):
                        continue
                    if not self.keep_actors and (_is_actor(sp.root) or sp[0].ent_type_ == "ORG"):
                        continue      # "Islamabad said", "the US Africa Command": who acts, not where
                    if _given_name_of_person(sp, spdoc):
                        continue      # "Georgia" of "Georgia Smith said": a person's name, not a place
                    # a street's name ("Pine Needle Drive") is a place the gazetteer lacks: kept
                    # as the text places it
                    street = _street_name(sp)
                    add(list(sp), feature=None, strong=self.tagger_mode == "strong" or street,
                        weak=self.tagger_mode != "strong" and not street, rule="tagger")
        if tokens:
            for rx, strong in ((DATELINE_RX, True), (PARTY_TOWN_RX, False)):
                for m in rx.finditer(text, lo, min(len(text), hi + 2)):   # a dateline's dash may end the sentence
                    area = m.group("area") if "area" in rx.groupindex else None
                    for g in ("town", "area"):
                        if g in rx.groupindex and m.group(g):
                            sp = spdoc.char_span(m.start(g), m.end(g), alignment_mode="contract")
                            if sp is not None and len(sp) and sp[-1].text != ".":
                                # "CARTHAGE, N.C.": the town is in the area the dateline names
                                add(list(sp), feature=None, weak=True, known_only=True, rule="dateline" if rx is DATELINE_RX else "party town",
                                    area=area if g == "town" else None)
        for t in tokens:
            mistagged = t.pos_ != "PROPN" and _common_noun_as_name(t)
            if t.pos_ != "PROPN" and not mistagged or t.i in seen or t.ent_type_ in ("PERSON", "NORP", "DATE", "ORG") and t.ent_type_ != "":
                # ORG-tagged names after a locative preposition are still tried below
                # spaCy's small model tags many towns PERSON or ORG: after a locative preposition
                # they are still tried (and kept only if the gazetteer or the document knows them)
                # (an organisation not after "at": "at McDonald", "at Church" is a venue)
                if not (t.ent_type_ == "ORG" and (_after_loc_prep(t, ORG_LOC_PREPS) or _struck_object(t)
                                                   or t.dep_ == "conj" and _after_loc_prep(t.head, ORG_LOC_PREPS))
                        or t.ent_type_ == "PERSON" and (_after_loc_prep(t, PERSON_LOC_PREPS) or _struck_object(t)
                                                        or t.dep_ == "conj" and _after_loc_prep(t.head, PERSON_LOC_PREPS))):
                    continue
            if t.dep_ == "compound" and t.head.pos_ == "PROPN":
                continue
            if mistagged:
                if _after_loc_prep(t):
                    add([t], feature=None, weak=True, known_only=True, rule="common noun")
            elif _after_loc_prep(t) or (t.dep_ == "conj" and _after_loc_prep(t.head)) or _struck_object(t):
                add(_name_run(t), feature=None, weak=True, rule="after preposition")
        for run, _hints in list(cands):
            # "Cleveland, Columbus, Dayton and Cincinnati": the other names of a list a place is in
            # (the parse tags "Dayton" an organisation), kept if the gazetteer knows them
            for m in _list_members(run):
                if m.i not in seen and m.i in ids:
                    add(_name_run(m), feature=None, weak=True, known_only=True, rule="list member")

        out: list[Place] = []
        pending: list[tuple[str, str, dict, tuple[int, int]]] = []
        context: list = list(getattr(self, "doc_countries", [])) + list(self.seen[-20:])
        if getattr(self, "outlet", None) is not None:
            # the outlet named after a name of the document: the country that name would be
            # ("Palestine") is not also evidence, or the home town could never win
            home = self.outlet.home_name(self.outlet.also)
            regions = getattr(self.gazetteer, "regions", None)
            own = regions.country_code(home) if home and regions is not None else None
            context = [p for p in context if not (own and p in self.doc_countries and p.country == own)]
            context.append(self.outlet)
        ordered = self._joined_names(sorted(cands, key=lambda c: c[0][0].i), later, text, spdoc)
        for (run, hints), (nxt, _) in zip(ordered, ordered[1:]):
            # "Alexandria, Virginia", "Paris, Texas": the town is in the area named right after it
            e = run[-1].idx + len(run[-1].text)
            if not hints.get("area") and text[e:e + 2] == ", " and nxt[0].idx == e + 2 \
                    and not self._states_listed(text[run[0].idx:e], nxt, text):
                hints["area"] = text[nxt[0].idx:nxt[-1].idx + len(nxt[-1].text)]
        for first in ordered:
            # the tagger's reading is tried when the first rule's reads no place (the one-sense
            # rule's "Kanawha River" needs a town, region or country; the tagger's is a river)
            tagger_reads = [c for c in later.get(first[0][0].i, []) if c[1].get("rule") == "tagger"]
            for run, hints in [first] + tagger_reads:
                s, e = run[0].idx, run[-1].idx + len(run[-1].text)
                surface = text[s:e]
                name = re.sub(r"^(?:the|The)\s+", "", surface)
                name = re.sub(r"['\u2019]s$", "", name)
                if hints.get("unknown_needs_tagger") and self.tagger is not None and not any(
                        ts < e and s < te for ts, te in self.tagged):
                    # a GPE or LOC entity of the parse that the tagger does not mark ("Marburg" the
                    # virus, "Pawlenty", "United Way"), or a FAC one the text does not place in a
                    # town, is kept only if the gazetteer (or its water words) knows it; a landmark
                    # placed ("the Grand Mosque in Kano") still stands on the parse alone
                    hints = dict(hints, strong=False)
                place = self._resolve(name, surface, hints, context)
                if place is not None and hints.get("weak") and self._another_name_only(name):
                    place = None      # "Passover" (of Mountain City), "Hall": read only as another name of a town
                if place is not None and hints.get("known_only") and (
                        place.feature not in ("settlement", "region", "country") or place.geonames_id is None
                        and place.feature == "settlement"):
                    place = None
                if place is None:
                    known = next((p for p in reversed(self.seen) if p.name == name and p.country), None)
                    if hints.get("strong") or known is not None:
                        pending.append((name, surface, hints, (s, e)))
                        break
                    continue
                place.span = (s, e)
                out.append(place)
                context.append(place)
                break
        for name, surface, hints, span in pending:
            # a named place the gazetteer does not know: keep it with the country the text around
            # it gives (a region or country in the same claim), else as the document placed it
            # before ("Gashena in Ethiopia's Amhara region"), else the document's main country
            region = next((p for p in reversed(out) if p.feature == "region" and p.admin1), None)
            has_country = region is not None or any(p.feature == "country" for p in out)
            known = next((p for p in reversed(self.seen) if p.name == name and p.country), None)
            if known is not None and not has_country:
                place = dataclasses.replace(known, text=surface, span=span)
                out.append(place)
                continue
            if not hints.get("strong"):
                continue
            country = (region.country if region else None) or hints.get("country_hint") \
                or next((p.country for p in reversed(out) if p.feature == "country" and p.country), None) \
                or next((p.country for p in reversed(out) if p.country and p.geonames_id), None) \
                or _dominant_country(self.seen, getattr(self, "doc_country_counts", {}))
            admin1 = region.admin1 if region else _unanimous_admin1(self.seen + out, country)
            place = self.gazetteer.place_from_context(surface, name=name, country=country, admin1=admin1,
                                                      feature=hints.get("feature"))
            place.span = span
            out.append(place)
        # one mention, one place: 'North Kivu' wins over the 'Kivu' inside it
        out.sort(key=lambda p: (p.span[0], -(p.span[1] - p.span[0])))
        unique: list[Place] = []
        for p in out:
            if not self.every_mention and any(q.name == p.name and q.country == p.country for q in unique):
                continue
            if any(q.span and p.span and q.span[0] <= p.span[0] and p.span[1] <= q.span[1] for q in unique):
                continue
            unique.append(p)
        self.seen.extend(unique)
        return unique

    def _joined_names(self, ordered: list, later: dict, text: str, spdoc) -> list:
        """Two candidates joined by "of" or "and" (with "the") that make one name the gazetteer knows
        as that name ("Democratic Republic" and "Congo" of "the Democratic Republic of the Congo",
        which the parse splits) become one candidate, with the hints of the first one's reading
        that ends at the join (a later rule's reading of its first word counts: ``later``)."""
        out: list = []
        for run, hints in ordered:
            if out:
                first = out[-1][0][0]
                for prev, prev_hints in [out[-1]] + later.get(first.i, []):
                    e = prev[-1].idx + len(prev[-1].text)
                    if not JOIN_RX.fullmatch(text, e, run[0].idx):
                        continue
                    name = re.sub(r"^(?:the|The)\s+", "", text[prev[0].idx:run[-1].idx + len(run[-1].text)])
                    top = next(iter(self.gazetteer.lookup(name)), None)
                    if top is not None and top.match == "name" and name_key(top.name) == name_key(name):
                        out[-1] = (list(spdoc[prev[0].i:run[-1].i + 1]), prev_hints)
                        break
                else:
                    out.append((run, hints))
                continue
            out.append((run, hints))
        return out

    def _states_listed(self, name: str, nxt: list, text: str) -> bool:
        """"Oklahoma, Pennsylvania and Ohio", "Georgia, Alabama and Florida": two first-level regions
        of one country with the list going on after the second are a list, not a town in a region
        ("Delaware, Ohio, police said" is the town; so is "Paris, Texas")."""
        regions = getattr(self.gazetteer, "regions", None)
        if regions is None:
            return False
        e = nxt[-1].idx + len(nxt[-1].text)
        if not LIST_GOES_ON_RX.match(text, e):
            return False
        second = name_key(text[nxt[0].idx:e])
        firsts = {a.country for a, how in regions.find_admin1([name_key(name)]) if how == "name"}
        return any(how == "name" and a.country in firsts for a, how in regions.find_admin1([second]))

    def _resolve(self, name: str, surface: str, hints: dict, context) -> Optional[Place]:
        gaz = self.gazetteer
        if WATER_RX.search(name):
            # seas, gulfs, rivers: not in a settlement gazetteer, and never a namesake province
            # ("the Red Sea" is not Egypt's Red Sea Governorate); a sea the water table knows
            # stands at its point
            water = gaz.water_body(name) if hasattr(gaz, "water_body") else None
            if water is not None:
                water.text = surface
                return water
            return Place(text=surface, name=name, feature="water", geo_precision=3)
        place = None
        peer = getattr(self, "peer_regions", {}).get(name_key(name))
        if peer and not (hints.get("area") or hints.get("country_text") or hints.get("admin1")):
            place = gaz.resolve(name, country=peer, feature="region", context_places=context)
        if place is None:
            place = self._resolve_with_hints(gaz, name, hints, context)
        m = DIRECTION_RX.match(name) if place is None else None
        if m:
            # "East Texas", "northern Gaza": a part of a known place, at that place's point
            base = self._resolve_with_hints(gaz, m.group("base"), hints, context)
            if base is not None and base.feature in ("region", "country", "settlement", "continent"):
                place = dataclasses.replace(base, name=name, geo_precision=max(base.geo_precision or 0, 2),
                                            feature="region" if base.feature in ("country", "continent") else base.feature,
                                            reason=f"part of {base.name}" + (f"; {base.reason}" if base.reason else ""))
        if place is not None:
            place.text = surface
        return place

    def _place_names_of(self, spdoc, tagged=()) -> Optional[re.Pattern]:
        """A pattern of the names the parse tags GPE or LOC in the document (capitalised, three
        letters or more, no nationality adjectives), as whole words; None when there are none. A
        name tagged a person more often than a place ("Verduin") is left out unless the gazetteer
        knows it as a region, a country or a town of ``PERSON_NAME_TOWN_MIN`` people ("Alexandria")."""
        votes: dict[str, list[int]] = {}
        for ent in doc_ents(spdoc):
            if ent.label_ not in ("GPE", "LOC", "PERSON"):
                continue
            name = re.sub(r"^(?:the|The)\s+", "", ent.text.strip())
            name = re.sub(r"['\u2019]s$", "", name)
            v = votes.setdefault(name, [0, 0])
            v[ent.label_ == "PERSON"] += 1
        marks: dict[str, int] = {}
        for s, e in tagged:
            sp = spdoc.char_span(s, e, alignment_mode="contract")
            if sp is None or not len(sp) or sp[0].ent_type_ in ("GPE", "LOC"):
                continue
            name = re.sub(r"^(?:the|The)\s+", "", sp.text.strip())
            name = re.sub(r"['\u2019]s$", "", name)
            marks[name] = marks.get(name, 0) + 1
        text = doc_text(spdoc) if marks else ""
        for name, n in marks.items():
            # a name the tagger marks in at least half of its mentions, which the gazetteer knows,
            # counts as the parse's places do ("Gainesville", which the parse tags a person
            # throughout); not a name it marks once in a text naming it often ("Lincoln")
            mentions = len(re.findall(r"(?<![\w.-])" + re.escape(name) + r"(?![\w-])", text))
            top = next(iter(self.gazetteer.lookup(name)), None) if n * 2 >= mentions else None
            if top is None or top.feature not in ("settlement", "region", "country") or top.match != "name":
                continue      # the European Union (a union), "Lake" (another name of Uniontown, Ohio)
            votes.setdefault(name, [0, 0])[0] += n
        names = []
        for name, (place, person) in votes.items():
            if not place or len(name) < 3 or not name[:1].isupper() or "\n" in name or name.lower() in _demonyms():
                continue
            if person > place:
                top = next(iter(self.gazetteer.lookup(name)), None)
                if top is None or not (top.feature in ("country", "region")
                                       or (top.population or 0) >= PERSON_NAME_TOWN_MIN):
                    continue
            names.append(name)
        if not names:
            return None
        alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return re.compile(r"(?<![\w.-])(?:" + alts + r")(?![\w-])")

    def _big_place_name(self, ent, regions: bool = False) -> bool:
        """``ent`` is one capitalised word, no surname or given name of the document's people, that
        the gazetteer knows by that very name as a country, a first-level region (with ``regions``;
        a compass word never gets here: :func:`_not_a_name_alone`) or a city of ``PERSON_TAGGED_CITY_MIN`` people or more ("Alexandria",
        "Albuquerque"; not "Nancy" or "Edison")."""
        if len(ent) != 1 or not ent.text[:1].isupper() or not ent[0].is_alpha:
            return False
        name = ent.text
        if name in getattr(self, "surnames", ()) or name in getattr(self, "given_names", ()):
            return False
        top = next(iter(self.gazetteer.lookup(name)), None)
        return top is not None and top.match == "name" and name_key(top.name) == name_key(name) and (
            top.feature == "country" or regions and top.feature == "region"
            or top.feature == "settlement" and (top.population or 0) >= PERSON_TAGGED_CITY_MIN)

    def _another_name_only(self, name: str) -> bool:
        """``name`` is one plain word (no abbreviation, hyphen or space: "L.A.", "Al-Fashir", "Blue
        Grass" are spellings of their towns) the gazetteer knows only as another name of a town
        (GeoNames' alternate names: "Passover" of a Mountain City, "Hall" of Schwäbisch Hall), by no
        place's own name nor as a spelling of one ("Kostiantynivka" of Kostyantynivka)."""
        if not name.isalpha():
            return False
        cands = self.gazetteer.lookup(name)
        return bool(cands) and all(c.match == "alternate" and not _a_spelling_of(name, c.name) for c in cands)

    def _surname(self, name: str) -> bool:
        """``name`` is the last word of a person's full name the document gives ("Tim Pawlenty",
        :func:`_person_surnames`) and the gazetteer knows no region, country or town of
        ``PERSON_NAME_TOWN_MIN`` people by it ("Jackson" in a text naming "Andrew Jackson" and
        Jackson, Mississippi stays a place when it is that big)."""
        if name not in getattr(self, "surnames", ()):
            return False
        top = next(iter(self.gazetteer.lookup(name)), None)
        return top is None or not (top.feature in ("country", "region")
                                   or (top.population or 0) >= PERSON_NAME_TOWN_MIN)

    def _area_name_opening(self, ent) -> list:
        """The longest run of proper nouns opening ``ent`` (after "the") that is exactly the name
        of a country or a first-level region, shorter than the whole name; [] when there is none."""
        toks = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        run = []
        for t in toks[:-1]:
            if t.pos_ != "PROPN" or not t.text[:1].isupper():
                break
            run.append(t)
        regions = getattr(self.gazetteer, "regions", None)
        if regions is None:
            return []
        while run:
            name = " ".join(t.text for t in run)
            if len(name) < 4 or _compass_word(name):
                return []         # "Central", "Northwest", "Van": regions somewhere, words here
            if regions.country_code(name) or any(how == "name" for _, how in regions.find_admin1([name_key(name)])):
                return run
            run = run[:-1]
        return []

    def _area_hint(self, word: Optional[str]) -> dict:
        """The hint a word before "city of" / "villages of" gives: a country for a nationality
        adjective or a country name ("the Sudanese city of El Fasher"), else a first-level region
        ("the Kursk settlements of ...")."""
        if not word:
            return {"admin1": None}
        from .lexicon import demonym_country
        hit = demonym_country(word)
        if hit is not None:
            return {"country_hint": hit[1]}
        if self._country_name(word):
            return {"country_hint": word}
        return {"admin1": word}

    def _demonym_run(self, run) -> bool:
        """The tokens (after "the") are a demonym or a nationality adjective that is not also a
        country's name ("Canadian", not "US")."""
        words = " ".join(t.text for t in run if not (t.i == run[0].i and t.lower_ == "the"))
        return words.lower() in _demonyms() and not self._country_name(words)

    def _country_name(self, text: str) -> bool:
        regions = getattr(self.gazetteer, "regions", None)
        return bool(regions is not None and regions.country_code(text))

    def _resolve_with_hints(self, gaz, name: str, hints: dict, context) -> Optional[Place]:
        area = hints.get("area")
        if area:
            place = resolve_in_area(gaz, name, area, context)
            if place is not None:
                return place
        if hints.get("region"):
            place = gaz.resolve(name, country=hints.get("country_text"), feature="region", context_places=context)
            if place is None:
                place = gaz.resolve(name, country=hints.get("country_text"), context_places=context)
        elif hints.get("admin1"):
            place = gaz.resolve(name, admin1=hints["admin1"], feature="settlement", context_places=context)
        elif hints.get("country_hint"):
            place = gaz.resolve(name, country=hints["country_hint"], feature="settlement", context_places=context)
        else:
            place = gaz.resolve(name, context_places=context)
        return place


def resolve_in_area(gazetteer, name: str, area: str, context=()) -> Optional[Place]:
    """``name`` as a known place inside ``area``, a first-level region or a country the text names
    right after it or in a dateline ("Alexandria, Virginia", "CARTHAGE, N.C."); None when the
    area is neither, when both name countries (a list: "China, Japan") or the gazetteer has no such
    place there."""
    regions = gazetteer.regions
    if regions.admin1_for(area) is not None:
        place = gazetteer.resolve(name, admin1=area, feature="settlement", context_places=context)
    elif regions.country_code(area):
        if regions.country_code(name):
            return None         # two countries in a list ("China, Japan"), not one inside the other
        place = gazetteer.resolve(name, country=area, context_places=context)
    else:
        return None
    return place if place is not None and place.geonames_id is not None else None


def resolve_mention(gazetteer, phrase: str, context=(), area: Optional[str] = None) -> Optional[Place]:
    """The place a span someone else marked as a toponym names (``eval toponyms`` given the gold
    spans): inside ``area`` when the text names one right after it (:func:`resolve_in_area`), else
    the gazetteer's answer, else, for a demonym ("Palestinians", which toponym annotators mark and
    :class:`PlaceFinder` leaves out), its country, with the reason saying so."""
    place = resolve_in_area(gazetteer, phrase, area, context) if area else None
    if place is not None:
        return place
    place = gazetteer.resolve(phrase, context_places=context)
    if place is not None:
        return place
    from .lexicon import demonym_country
    hit = demonym_country(phrase)
    if hit is None:
        return None
    place = gazetteer.resolve(hit[0], country=hit[1], feature="country", context_places=context)
    if place is not None:
        place = dataclasses.replace(place, text=phrase, reason=f"demonym of {place.name}"
                                    + (f"; {place.reason}" if place.reason else ""))
    return place


def outlet_country(document) -> Optional[str]:
    """The outlet's country, from its locale ("en_GB", as the page or the JSONL record gives it) or
    its web address's country domain (".co.uk", ".com.au", ".ng"); None when neither says
    (:func:`claimledger.places.outlet.outlet_of`)."""
    from ..places.outlet import outlet_of

    outlet = outlet_of(document)
    return outlet.country if outlet is not None else None


def _outlet_with_home(document, spdoc):
    """The document's outlet (:func:`claimledger.places.outlet.outlet_of`) carrying the names the
    parse tags GPE or LOC, when it is named after one of them ("Palestine" in a
    palestineherald.com story): the gazetteer then reads that name as the outlet's home town and
    the document's other places around it; else its home region alone, when the ledger learned one
    from its other stories (``places.outlet_profile``). None otherwise: the outlet's country alone is already
    the document's prior (:meth:`PlaceFinder.begin_document`), and passing it again would count it
    twice."""
    if document is None:
        return None
    from ..places.outlet import outlet_of

    outlet = outlet_of(document)
    if outlet is None:
        return None
    names = tuple(dict.fromkeys(e.text.strip() for e in doc_ents(spdoc) if e.label_ in ("GPE", "LOC") and e.text.strip()))
    if names and outlet.home_name(names) is not None:
        return dataclasses.replace(outlet, also=names)
    if outlet.home_region is not None:
        # the home region learned from its other stories, alone: its country is already the
        # document's prior, and the generic-outlet tie-break stays off (below)
        return type(outlet)(host=outlet.host, home_region=outlet.home_region)
    # a .com / .net outlet named after none of them is not passed: the gazetteer's generic-outlet
    # tie-break for American towns would also pull a conflict town to a small US namesake under
    # an international .com site ("Jericho" under aljazeera.com read as Jericho, New York)
    return None


PLACED_AFTER_RX = re.compile(r",?\s+(?:" + _alternatives(_WORDS["placed_after_preps"]) + r")\s+(?:the\s+)?[A-Z]")


def _placed_after(ent, text: str) -> bool:
    """The text places the entity in or near a named place right after it: "the Grand Mosque in
    Kano", "Route 30 in Hempfield"."""
    return PLACED_AFTER_RX.match(text, ent.end_char) is not None


def _unanimous_admin1(places: list[Place], country: Optional[str]) -> Optional[str]:
    """The one region every place the document put in this country lies in, if there is one."""
    regions = {p.admin1 for p in places if p.country == country and p.admin1}
    return regions.pop() if country and len(regions) == 1 else None


def _dominant_country(places: list[Place], prior: Optional[dict[str, int]] = None) -> Optional[str]:
    """The country the document has placed most things in so far, counting how often the whole
    document names each country (the latest placed one wins a tie)."""
    counts: dict[str, int] = dict(prior or {})
    last: dict[str, int] = {c: -1 for c in counts}
    for i, p in enumerate(places):
        if p.country:
            counts[p.country] = counts.get(p.country, 0) + 1
            last[p.country] = i
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], last[c]))


def _modifier_run(tok) -> list:
    """The proper nouns naming a region word ("the Kursk region", "the Punjab region", where spaCy
    makes Punjab an ``amod``), in text order; the same tokens :func:`_compound_propn` reads."""
    return sorted((c for c in tok.children if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN"),
                  key=lambda c: c.i)


@functools.lru_cache(maxsize=None)
def street_words() -> frozenset[str]:
    """The last words of streets' and roads' names (``places/data/street_words.txt``)."""
    return _word_list("street_words.txt")


@functools.lru_cache(maxsize=None)
def disease_words() -> frozenset[str]:
    """Words after which a place's name names a disease (``places/data/disease_words.txt``)."""
    return _word_list("disease_words.txt")


SPELLING_MIN = 0.7    # difflib similarity of two names above which one is a spelling of the other


def _a_spelling_of(name: str, other: str) -> bool:
    """``name`` is another spelling of ``other`` (a transliteration: "Kostiantynivka" and
    "Kostyantynivka"), by their letters' similarity."""
    import difflib

    return difflib.SequenceMatcher(None, name.lower(), other.lower()).ratio() >= SPELLING_MIN


def _word_list(filename: str) -> frozenset[str]:
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "places", "data", filename)
    with open(path, encoding="utf-8") as f:
        return frozenset(w for w in (line.split("#")[0].strip().lower() for line in f) if w)


def _names_a_disease(run) -> bool:
    """The name is followed by a disease word ("West Nile virus", "the Hong Kong flu"): it names the
    disease or its agent, not a place."""
    last = run[-1]
    nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    return nxt is not None and nxt.lower_ in disease_words()


def _street_name(span) -> bool:
    """A capitalised name of two words or more ending in a street word ("Pine Needle Drive",
    "Augusta St."): a street or a road."""
    return len(span) > 1 and span[-1].lower_ in street_words() and span[0].text[:1].isupper()


def _list_members(run) -> list:
    """The other proper nouns joined to ``run``'s head by "and", "or" or commas (``conj``), in text
    order; [] when the head is in no such list."""
    inside = {t.i for t in run}
    head = next((t for t in run if t.head.i not in inside or t.head.i == t.i), run[-1])
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    out, todo = [], [first]
    while todo:
        t = todo.pop()
        if t.i not in inside and t.pos_ == "PROPN" and t.text[:1].isupper():
            out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj")
    in_list = head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children)
    return sorted(out, key=lambda t: t.i) if in_list else []


def _compound_propn(tok) -> Optional[str]:
    parts = [c.text for c in _modifier_run(tok)]
    return " ".join(parts) if parts else None


def _name_run(tok) -> list:
    run = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i] + [tok]
    return sorted(run, key=lambda t: t.i)


OF_HEADS = _WORDS["of_heads"]


def _common_noun_as_name(tok) -> bool:
    """A capitalised word the parse reads as a common noun inside a sentence in sentence case
    ("the hills above Sake", "the outskirts of Sake"): a name the tagger took for a noun ("sake").
    Tried as a place only after a locative preposition and kept only if the gazetteer knows it; a
    title-case sentence (a headline: every word capitalised) gives no such evidence."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not tok.is_title or tok.ent_type_ or tok.i == tok.sent.start:
        return False
    words = [w for w in tok.sent if w.is_alpha and len(w) > 3]
    return sum(w.is_title for w in words) * 2 < len(words)


def _after_loc_prep(tok, preps=LOC_PREPS) -> bool:
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    if prep.lower_ == "of":
        # "residents of Lalibela", "the outskirts of Goma", "out of Kherson"; not "the Donetsk
        # People's Republic"
        return prep.head.lower_ in OF_HEADS or prep.head.lower_ == "out" or any(
            c.lower_ == "out" and c.i == prep.i - 1 for c in prep.head.children) or _of_a_person(prep)
    return prep.lower_ in preps


def _of_a_person(prep) -> bool:
    """"of" after a person's name or age, past a comma: where the person is from ("Amstutz, of
    Wooster", "Kevin Fulmer, 31, of Swansea", "Pack 162 of Plainview")."""
    head = prep.head
    return (head.ent_type_ == "PERSON" or head.pos_ == "NUM") and prep.i > 0 and prep.doc[prep.i - 1].text in (",", ")") \
        or head.pos_ == "NUM" and head.i == prep.i - 1


PLACE_TAKING_VERBS = _WORDS["place_taking_verbs"]


def _struck_object(tok) -> bool:
    """'struck Kharkiv', 'captured Avdiivka': a proper noun that an attack or a conquest is done to
    is tried as a place (kept only if the gazetteer knows it)."""
    return tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in PLACE_TAKING_VERBS


def _place_before_institution(ent) -> list:
    """The proper nouns opening an organisation's name before a word that makes it an institution of
    a place (``data/place_institutions.txt``): "Concord" in "the Concord Police Department"."""
    from .lexicon import place_institution_words

    words = place_institution_words()
    toks = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    run = []
    for t in toks:
        if t.lower_ in words:
            return run            # "the City Council": no place before the institution word
        if t.pos_ != "PROPN" or not t.text[:1].isupper():
            return []
        run.append(t)
    return []


def _compass_word(name: str) -> bool:
    """'North', 'Northwest', 'Central', 'Western': a direction, not a region's name, when it opens
    an organisation's name."""
    return name.lower().replace("-", "") in COMPASS_WORDS


def _inside_longer_person(span, spdoc) -> bool:
    """The span lies inside a PERSON entity that has more words than it ("Jackson" in "Andrew
    Jackson")."""
    first, last = span[0], span[-1]
    if first.ent_type_ != "PERSON":
        return False
    after = spdoc[last.i + 1] if last.i + 1 < len(spdoc) else None
    return first.ent_iob_ == "I" or (after is not None and after.ent_iob_ == "I" and after.ent_type_ == "PERSON")


def _given_name_of_person(span, spdoc) -> bool:
    """The span is one word opening a PERSON entity of the parse that goes on with one more word, a
    surname: a capitalised proper noun in the singular that modifies no noun after it and is no
    word of an institution, a street or a title ("Georgia" of "Georgia Smith said"; not "Jordan" of
    "Jordan Elementary School", "Alexandria" of "Alexandria Police", "Calif." of "Calif. Olson",
    "Flemington" of "Flemington Elks plan a show")."""
    first = span[0]
    if len(span) != 1 or first.ent_type_ != "PERSON" or first.ent_iob_ != "B" or not first.is_alpha:
        return False
    if first.i + 2 > len(spdoc):
        return False
    after = spdoc[first.i + 1]
    beyond = spdoc[first.i + 2] if first.i + 2 < len(spdoc) else None
    if after.ent_type_ != "PERSON" or after.ent_iob_ != "I" or beyond is not None and beyond.ent_iob_ == "I":
        return False
    from .lexicon import person_title_words, place_institution_words

    low = after.lower_
    return (after.is_alpha and after.is_title and after.tag_ == "NNP" and after.dep_ != "compound"
            and low not in place_institution_words()
            and low not in street_words() and low not in person_title_words())


def _not_a_name_alone(tok) -> bool:
    """A word that is no place's name by itself: in lower case ("the meth was located", which the
    parse may tag GPE), a compass word ("North" of "North Clayton high schools") or a word that
    makes an institution of a place ("University", "City"; ``data/place_institutions.txt``)."""
    from .lexicon import place_institution_words

    return (not tok.text[:1].isupper() or _compass_word(tok.text)
            or tok.lower_ in place_institution_words())


def _person_given_names(spdoc) -> set[str]:
    """The first words of the document's PERSON entities of two words or more ("Mary" of "Mary
    Smith")."""
    return {ent[0].text for ent in doc_ents(spdoc) if ent.label_ == "PERSON" and len(ent) >= 2 and ent[0].is_alpha}


def _person_surnames(spdoc) -> set[str]:
    """The last words of the document's PERSON entities of two words or more ("Tim Pawlenty",
    "Mikheil Saakashvili") and of the proper names right after a title ("President Saakashvili",
    "coach Ripley"; ``data/person_titles.txt``), capitalised and not possessive."""
    from .lexicon import person_title_words

    out = set()
    for ent in doc_ents(spdoc):
        if ent.label_ == "PERSON" and len(ent) >= 2:
            last = ent[-1] if ent[-1].tag_ != "POS" else ent[-2]
            if last.text[:1].isupper() and last.is_alpha:
                out.add(last.text)
    titles = person_title_words()
    n = len(spdoc)
    for i in _indices_of_words(spdoc, lambda lower: lower.rstrip(".") in titles):
        if i + 1 >= n:
            continue
        tok = spdoc[i]
        j = tok.i + 1
        while j < n and spdoc[j].pos_ == "PROPN" and spdoc[j].text[:1].isupper():
            j += 1
        last = spdoc[j - 1]
        if j > tok.i + 1 and last.is_alpha:
            out.add(last.text)
    return out


def _indices_of_words(spdoc, wanted) -> list[int]:
    """Indices of the tokens whose lower-case form ``wanted(lower)`` accepts, in order, asking once
    per distinct word and making no Token object for the others (this runs on every document)."""
    from spacy.attrs import LOWER

    lowers = spdoc.to_array(LOWER)
    strings = spdoc.vocab.strings
    hits = {h for h in set(lowers.tolist()) if wanted(strings[h])}
    return [i for i, h in enumerate(lowers.tolist()) if h in hits] if hits else []


def _demonyms():
    from .lexicon import demonyms
    return demonyms()


def _armed_or_civil_group(run) -> bool:
    """A known organisation's name (``data/actors.tsv``, kind organization: "M23", "Hezbollah",
    "the UN"), which the parse may tag GPE ("attacked M23 positions"): a party, not a place."""
    from .lexicon import actors, alias_key
    actor = actors().get(alias_key(" ".join(t.text for t in run)))
    return actor is not None and actor.kind == "organization"


def _is_actor(tok) -> bool:
    """A state as the doer: the subject of a verb ('The United States carried out strikes'); a
    state modifying a noun ('Texas officials') is still where they are."""
    return tok.dep_ in ("nsubj", "nsubjpass")
