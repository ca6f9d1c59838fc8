"""Places a claim names, found on the parse and resolved with the gazetteer.

spaCy's small model mislabels place names ("Kursk" as PRODUCT, "Martynovka" as ORG), so entity
labels are only one signal: proper nouns after a locative preposition, members of a list
introduced by "the X settlements/villages of", and region phrases ("the Kursk border region of
Russia") count too, each checked against the gazetteer or kept with what the text says.
"""
from __future__ import annotations

import copy
import dataclasses
import re
from typing import Any, Optional

from ..models import Place
from ..places.normalize import name_key
from .place_candidates import find_candidates
from .place_words import DIRECTION_RX, JOIN_RX, LIST_GOES_ON_RX, WATER_RX, compass_word, nationality_words
from .tree import doc_ents, doc_text


TAGGER_MODE = "weak"    # how the learned tagger's spans count (chosen on the tune-check slice: see README)
PERSON_NAME_TOWN_MIN = 100_000   # a name tagged a person more often than a place is still a place in a town this big
PERSON_TAGGED_CITY_MIN = 500_000   # a lone name the parse tags a person is a place when a city this big is called so


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
        """The places named in ``tokens`` (a claim's), each once (each mention with
        ``every_mention``), in text order: the candidate rules' readings
        (:mod:`.place_candidates`), names the parse split joined again, each resolved with the
        document's context, names the gazetteer lacks placed as the text places them."""
        found = find_candidates(self, tokens, text, spdoc)
        ordered = self._joined_names(sorted(found.runs, key=lambda c: c[0][0].i), found.later, text, spdoc)
        _areas_named_after(self, ordered, text)
        out, pending = self._resolve_readings(ordered, found.later, text, self._context())
        self._place_unknown(pending, out)
        unique = self._one_place_per_mention(out)
        self.seen.extend(unique)
        return unique

    def _context(self) -> list:
        """The places that settle which namesake a name means: the document's countries, the last
        places it named and the outlet (whose home town, when the outlet is named after a name of
        the document, the country that name would be does not outweigh: "Palestine")."""
        context: list = list(getattr(self, "doc_countries", [])) + list(self.seen[-20:])
        if getattr(self, "outlet", None) is not None:
            home = self.outlet.home_name(self.outlet.also)
            regions = getattr(self.gazetteer, "regions", None)
            own = regions.country_code(home) if home and regions is not None else None
            context = [p for p in context if not (own and p in self.doc_countries and p.country == own)]
            context.append(self.outlet)
        return context

    def _resolve_readings(self, ordered: list, later: dict, text: str, context: list):
        """Each candidate resolved (the tagger's reading of the same name tried when the first
        reads no place: the one-sense rule's "Kanawha River" needs a town, region or country; the
        tagger's is a river): the places found, and the names to place without the gazetteer
        (strong readings, or names the document placed before), as (name, surface, hints, span)."""
        out: list[Place] = []
        pending: list[tuple[str, str, dict, tuple[int, int]]] = []
        for first in ordered:
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
        return out, pending

    def _place_unknown(self, pending: list, out: list[Place]) -> None:
        """Named places the gazetteer does not know, added to ``out``: each with the country the
        text around it gives (a region or country in the same claim), else as the document placed
        it before ("Gashena in Ethiopia's Amhara region"), else the document's main country."""
        for name, surface, hints, span in pending:
            region = next((p for p in reversed(out) if p.feature == "region" and p.admin1), None)
            has_country = region is not None or any(p.feature == "country" for p in out)
            known = next((p for p in reversed(self.seen) if p.name == name and p.country), None)
            if known is not None and not has_country:
                out.append(dataclasses.replace(known, text=surface, span=span))
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

    def _one_place_per_mention(self, out: list[Place]) -> list[Place]:
        """One mention, one place ('North Kivu' wins over the 'Kivu' inside it), in text order; a
        place named twice once, unless ``every_mention``."""
        out.sort(key=lambda p: (p.span[0], -(p.span[1] - p.span[0])))
        unique: list[Place] = []
        for p in out:
            if not self.every_mention and any(q.name == p.name and q.country == p.country for q in unique):
                continue
            if any(q.span and p.span and q.span[0] <= p.span[0] and p.span[1] <= q.span[1] for q in unique):
                continue
            unique.append(p)
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
            if not place or len(name) < 3 or not name[:1].isupper() or "\n" in name or name.lower() in nationality_words():
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
            if len(name) < 4 or compass_word(name):
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
        return words.lower() in nationality_words() and not self._country_name(words)

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


def _areas_named_after(finder, ordered: list, text: str) -> None:
    """"Alexandria, Virginia", "Paris, Texas": a candidate followed by ", " and the next candidate
    is in the area that one names (its ``area`` hint), unless the two are first-level regions of a
    list ("Oklahoma, Pennsylvania and Ohio")."""
    for (run, hints), (nxt, _) in zip(ordered, ordered[1:]):
        e = run[-1].idx + len(run[-1].text)
        if not hints.get("area") and text[e:e + 2] == ", " and nxt[0].idx == e + 2 \
                and not finder._states_listed(text[run[0].idx:e], nxt, text):
            hints["area"] = text[nxt[0].idx:nxt[-1].idx + len(nxt[-1].text)]


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
    a water body the text names by a water word, as :class:`PlaceFinder` reads one, else the
    gazetteer's answer, else, for a demonym ("Palestinians", which toponym annotators mark and
    :class:`PlaceFinder` leaves out), its country, with the reason saying so."""
    place = resolve_in_area(gazetteer, phrase, area, context) if area else None
    if place is not None:
        return place
    if WATER_RX.search(phrase) and hasattr(gazetteer, "water_body"):
        # a sea, gulf or bay the water table knows, before a namesake province, as the finder
        # reads it (PlaceFinder._resolve: "the Red Sea" is not Egypt's Red Sea Governorate)
        place = gazetteer.water_body(phrase)
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


SPELLING_MIN = 0.7    # difflib similarity of two names above which one is a spelling of the other


def _a_spelling_of(name: str, other: str) -> bool:
    """``name`` is another spelling of ``other`` (a transliteration: "Kostiantynivka" and
    "Kostyantynivka"), by their letters' similarity."""
    import difflib

    return difflib.SequenceMatcher(None, name.lower(), other.lower()).ratio() >= SPELLING_MIN


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


