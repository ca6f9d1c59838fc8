"""Where a claim's tokens may name a place: candidate rules, tried in a fixed order.

Each rule reads one kind of evidence (a list the text introduces, the parse's entities, a
locative preposition, the learned tagger's spans, a dateline, ...) and yields runs of tokens with
hints saying how its reading counts (``strong``: kept as the text places it when the gazetteer
does not know it; ``weak`` / ``known_only``: kept only when the gazetteer knows it; an ``area``,
``admin1`` or ``country_hint`` to resolve it within). :class:`Candidates` keeps the first reading
of each name and sets later rules' readings of the same first word aside (``later``), so the
order of :data:`CANDIDATE_RULES` is the order of trust. Resolution is the finder's
(:meth:`claimledger.extract.places_extract.PlaceFinder.places_for`).
"""
from __future__ import annotations

from typing import Iterator, Optional

from bisect import bisect_left

from .place_words import (DATELINE_GATE_RX, DATELINE_RX, DIRECTION_WORDS, LIST_GATE_RX, LIST_RX, LOC_PREPS,
                          NAME_RX, NOT_PLACES, OF_HEADS, ORG_LOC_PREPS, PARTY_TOWN_GATE_RX, PARTY_TOWN_RX,
                          PERSON_LOC_PREPS, PLACE_TAKING_VERBS, PLACED_AFTER_RX, REGION_WORDS, SETTLEMENT_WORDS,
                          compass_word, disease_words, nationality_words, street_words)
from .tree import ents_starting

Reading = tuple[list, dict]     # a run of tokens and its rule's hints


class TokenIndex:
    """The tokens of a document each token rule can start from, read once per document from the
    parse's arrays, asking once per distinct word (no Token object is made for the others; the
    rules run once per claim): ``settlement`` ("villages", a noun), ``region`` ("region", not
    inside a place's name), ``compound_name`` (a proper noun modifying another word),
    ``name_like`` (a proper noun, a capitalised common noun, a name the parse tags a person or an
    organisation). Each is a superset of what its rule keeps: the rule still checks each token."""

    def __init__(self, spdoc):
        from spacy.attrs import DEP, ENT_TYPE, IS_TITLE, LEMMA, POS, TAG
        from spacy.symbols import NOUN, PROPN

        strings = spdoc.vocab.strings
        self.n = len(spdoc)
        rows = spdoc.to_array([LEMMA, POS, TAG, DEP, ENT_TYPE, IS_TITLE]).tolist() if self.n else []

        def lemmas(words):
            return {h for h in {r[0] for r in rows} if strings[h].lower() in words}

        settlement, region = lemmas(SETTLEMENT_WORDS), lemmas(REGION_WORDS)
        nouns = {strings["NN"], strings["NNS"]}
        places = {strings["GPE"], strings["LOC"]}
        people = {strings["ORG"], strings["PERSON"]}
        compound = strings["compound"]
        self.settlement = frozenset(i for i, r in enumerate(rows) if r[0] in settlement and r[2] in nouns)
        self.region = frozenset(i for i, r in enumerate(rows) if r[0] in region and r[4] not in places)
        self.compound_name = frozenset(i for i, r in enumerate(rows) if r[1] == PROPN and r[3] == compound)
        self.name_like = frozenset(i for i, r in enumerate(rows) if r[1] == PROPN or r[4] in people
                                   or r[1] == NOUN and r[5])


def token_index(spdoc) -> TokenIndex:
    """The document's :class:`TokenIndex`, built once (kept in its ``user_data``)."""
    key = "claimledger.place_tokens"
    got = spdoc.user_data.get(key)
    if got is None or got.n != len(spdoc):
        got = spdoc.user_data[key] = TokenIndex(spdoc)
    return got


def _gate_starts(spdoc, text: str, rx) -> list[int]:
    """Where ``rx`` matches in ``text`` (the document's), found once per document: a text-pattern
    rule whose matches all hold one of these scans a claim's characters only when one lies there."""
    key = "claimledger.place_gate." + rx.pattern
    got = spdoc.user_data.get(key)
    if got is None or got[0] is not text:
        got = spdoc.user_data[key] = (text, [m.start() for m in rx.finditer(text)])
    return got[1]


def _gate_open(spdoc, text: str, rx, lo: int, hi: int) -> bool:
    """A match of the gate ``rx`` starts in [lo, hi)."""
    starts = _gate_starts(spdoc, text, rx)
    k = bisect_left(starts, lo)
    return k < len(starts) and starts[k] < hi


class Candidates:
    """The readings the rules give the names in one claim's tokens, for one call of
    ``places_for`` (nothing here outlives it): ``runs`` the first reading of each name, in the
    order found; ``later`` the other rules' readings of a name whose first word a rule before them
    read (by first token), tried when the first reads no place or to join the next name;
    ``list_areas`` the character spans of the areas lists are introduced with ("Kursk" of "the
    Kursk settlements of A and B"), which are hints, not places."""

    def __init__(self, finder, tokens: list, text: str, spdoc):
        self.finder = finder
        self.tokens = tokens
        self.text = text
        self.spdoc = spdoc
        self.ids = {t.i for t in tokens}
        self.runs: list[Reading] = []
        self.firsts: set[int] = set()       # first tokens of ``runs``
        self.later: dict[int, list[Reading]] = {}
        self.list_areas: list[tuple[int, int]] = []
        # the characters the tokens cover, read by the text-pattern rules
        self.lo = min(t.idx for t in tokens) if tokens else 0
        self.hi = max(t.idx + len(t.text) for t in tokens) if tokens else 0
        self.near = ents_starting(spdoc, min(self.ids), max(self.ids) + 1) if self.ids else []

    def among(self, wanted: frozenset) -> list:
        """The claim's tokens whose index is in ``wanted`` (a :class:`TokenIndex` set), in order."""
        return [t for t in self.tokens if t.i in wanted]

    def in_list_area(self, s: int, e: int) -> bool:
        return any(a <= s and e <= b for a, b in self.list_areas)

    def add(self, run: list, hints: dict) -> None:
        """Keep a rule's reading, unless the run leaves the claim's tokens or is no place's name."""
        if not run:
            return
        key = run[0].i
        if any(t.i not in self.ids for t in run):
            return
        if run[0].lower_ in NOT_PLACES or _armed_or_civil_group(run):
            return
        if hints.get("weak") and not run[0].text[:1].isupper():
            return            # a weak signal needs a capitalised name ("the meth was located")
        if len(run) == 1 and self.finder._surname(run[0].text):
            return            # "Saakashvili" where the text also names "Mikheil Saakashvili"
        if len(run) == 1 and _not_a_name_alone(run[0]):
            return            # "North" (of "North Clayton"), "University", "the meth"
        if _names_a_disease(run):
            return            # "West Nile virus", "Reston ebolavirus": a disease's name
        if hints.get("weak") and self.finder._demonym_run(run):
            return            # "the Canadian Food Inspection Agency": a nationality, not a place
        if key in self.firsts:
            self.later.setdefault(key, []).append((run, hints))
            return
        self.firsts.add(key)
        self.runs.append((run, hints))


def find_candidates(finder, tokens: list, text: str, spdoc, rules=None) -> Candidates:
    """The readings of ``rules`` (default :data:`CANDIDATE_RULES`) in ``tokens``, each rule's kept as
    it yields them, so a rule sees what the rules before it (and its own earlier readings) kept."""
    found = Candidates(finder, tokens, text, spdoc)
    for rule in CANDIDATE_RULES if rules is None else rules:
        for run, hints in rule(finder, found):
            found.add(run, hints)
    return found


def names_listed(finder, c: Candidates) -> Iterator[Reading]:
    """"the villages of Tal Aswad and Jubb al-Kalb": the list read off the text, since the parser
    often breaks multi-word Arabic or Slavic names apart; settlements, within the area before the
    list word when there is one."""
    if not c.tokens or not _gate_open(c.spdoc, c.text, LIST_GATE_RX, c.lo, c.hi):
        return
    for m in LIST_RX.finditer(c.text, c.lo, c.hi):
        area = finder._area_hint(m.group("region"))
        if m.group("region"):
            c.list_areas.append((m.start("region"), m.end("region")))
        for nm in NAME_RX.finditer(m.group("names")):
            ns, ne = m.start("names") + nm.start(), m.start("names") + nm.end()
            sp = c.spdoc.char_span(ns, ne, alignment_mode="expand")
            if sp is not None and len(sp):
                yield list(sp), dict(area, feature="settlement", precise=True, strong=True, rule="list")


def settlements_of(finder, c: Candidates) -> Iterator[Reading]:
    """"the Kursk settlements of A, B, and C" as the parse reads it: the proper nouns after "of" a
    settlement word, and those joined to them; settlements, within the area modifying the word."""
    for t in c.among(token_index(c.spdoc).settlement):
        if t.i in c.firsts or t.lemma_.lower() not in SETTLEMENT_WORDS or t.tag_ not in ("NNS", "NN"):
            continue
        of = next((ch for ch in t.children if ch.dep_ == "prep" and ch.lower_ == "of"), None)
        if of is None:
            continue
        area = finder._area_hint(_compound_propn(t))
        c.list_areas.extend((ch.idx, ch.idx + len(ch.text)) for ch in _modifier_run(t))
        members = [g for g in of.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
        for m in list(members):
            members.extend(ch for ch in m.subtree if ch.dep_ == "conj" and ch.pos_ == "PROPN")
        for m in members:
            yield _name_run(m), dict(area, feature="settlement", precise=True, strong=True, rule="list")


def region_phrase(finder, c: Candidates) -> Iterator[Reading]:
    """"the Kursk border region of Russia", "Russia's Belgorod region": the name modifying a region
    word, a region, of the country after "of" or before it."""
    for t in c.among(token_index(c.spdoc).region):
        if t.i in c.firsts or t.lemma_.lower() not in REGION_WORDS or t.ent_type_ in ("GPE", "LOC"):
            continue
        if not _compound_propn(t):
            continue
        country = None
        of = next((ch for ch in t.children if ch.dep_ == "prep" and ch.lower_ == "of"), None)
        if of is not None:
            pob = next((g for g in of.children if g.dep_ == "pobj"), None)
            if pob is not None:
                country = pob.text
        poss = next((ch for ch in t.children if ch.dep_ == "poss"), None)
        if poss is not None and poss.ent_type_ == "GPE":
            country = poss.text
        yield _modifier_run(t), dict(region=True, country_text=country, rule="region phrase")


def parse_places(finder, c: Candidates) -> Iterator[Reading]:
    """The parse's GPE, LOC and FAC entities, with the direction word before one ("northern Gaza");
    not a state as the doer ("The United States carried out strikes") nor a nationality."""
    for ent in c.near:
        if ent.start not in c.ids or ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        if ent.label_ == "GPE" and not finder.keep_actors and _is_actor(ent.root):
            continue  # "The United States carried out strikes": an actor, not where it happened
        if ent.text.lower() in nationality_words() and not finder._country_name(ent.text):
            continue  # "Ukrainian officials": a nationality, not a place ("U.S. troops" is one)
        run = list(ent)
        before = c.spdoc[ent.start - 1] if ent.start > 0 else None
        if before is not None and before.i in c.ids and before.lower_ in DIRECTION_WORDS \
                and before.head.i in range(ent.start, ent.end):
            run = [before] + run          # "northern Gaza": the part of the place the text names
        # an unknown GPE or LOC name ("United Way officials", "the Pacific Decadal Oscillation"),
        # or a FAC one (a road, a hall, a school) the text does not place in a town, needs the
        # tagger too; a landmark placed ("the Grand Mosque in Kano") does not
        needs_tagger = ent.label_ in ("GPE", "LOC") or ent.label_ == "FAC" and not _placed_after(ent, c.text)
        yield run, dict(feature=None, strong=True, unknown_needs_tagger=needs_tagger, rule=ent.label_)


def organisation_opening(finder, c: Candidates) -> Iterator[Reading]:
    """"the Texas Forest Service", "Texas Southern University", "the Georgia Educators": an
    organisation's name opening with a state's or a country's own name."""
    for ent in c.near:
        if ent.start not in c.ids or ent.label_ not in ("ORG", "FAC", "EVENT", "WORK_OF_ART"):
            continue
        run = finder._area_name_opening(ent)
        if run:
            yield run, dict(feature=None, weak=True, known_only=True, rule="organisation opening")


def institution_of(finder, c: Candidates) -> Iterator[Reading]:
    """"the Concord Police Department", "Lancaster University": the place an institution is of."""
    for ent in c.near:
        if ent.start not in c.ids or ent.label_ not in ("ORG", "FAC"):
            continue
        run = _place_before_institution(ent)
        if run:
            yield run, dict(feature=None, weak=True, known_only=True, rule="institution")


def institution_word(finder, c: Candidates) -> Iterator[Reading]:
    """"Springfield residents", "the Montgomery gym": a place name modifying a word of the same
    families as an institution's (``data/place_institutions.txt``)."""
    from .lexicon import place_institution_words

    institution = place_institution_words()
    for t in c.among(token_index(c.spdoc).compound_name):
        if (t.pos_ == "PROPN" and t.dep_ == "compound" and t.head.pos_ == "NOUN" and t.i not in c.firsts
                and t.head.lower_ in institution and t.ent_type_ not in ("PERSON", "NORP", "ORG")):
            yield _name_run(t), dict(feature=None, weak=True, known_only=True, rule="institution word")


def one_sense(finder, c: Candidates) -> Iterator[Reading]:
    """One sense per discourse: a name the parse tags as a place elsewhere in the document is a
    place here too, though tagged a person or an organisation ("Alexandria police", "the Texas
    Department of State Health Services"), unless it is part of a longer person's name."""
    names = getattr(finder, "doc_names", None)
    if not c.tokens or names is None:
        return
    for m in names.finditer(c.text, c.lo, c.hi):
        sp = c.spdoc.char_span(m.start(), m.end(), alignment_mode="contract")
        if sp is None or not len(sp) or sp[0].ent_type_ in ("GPE", "LOC") or _inside_longer_person(sp, c.spdoc):
            continue      # tagged a place here: the entity rules decided (actors, demonyms)
        if not finder.keep_actors and _is_actor(sp.root):
            continue      # "Edwardsville will host the fair": who acts, as for the tagger's spans
        if c.in_list_area(m.start(), m.end()):
            continue      # "the Kursk settlements of ...": the list's area
        yield list(sp), dict(feature=None, weak=True, known_only=True, rule="one sense")


def lone_big_place(finder, c: Candidates) -> Iterator[Reading]:
    """"Once again, Alexandria is a finalist": a lone name the parse calls a person (or an
    organisation) that is the name of a country (or a region) or of a big city, and no person's
    first or last name in the document (:meth:`PlaceFinder._big_place_name`)."""
    for ent in c.near:
        if ent.start not in c.ids or ent.label_ not in ("PERSON", "ORG"):
            continue
        if not finder.keep_actors and _is_actor(ent.root):
            continue      # in a claim, the name as the doer is who acts, as for the parse's places
        if finder._big_place_name(ent, regions=ent.label_ == "ORG"):
            yield list(ent), dict(feature=None, weak=True, known_only=True, rule="lone big place")


def tagger_spans(finder, c: Candidates) -> Iterator[Reading]:
    """The learned tagger's toponyms ("Lake Vermont", "the Neches River", a town spaCy calls a
    person): kept when the gazetteer resolves them, or, in "strong" mode (and for a street's name,
    which the gazetteer lacks), as the text places them."""
    if not c.tokens or not finder.tagged:
        return
    for s, e in _tagged_within(c.spdoc, finder.tagged, c.lo, c.hi):
        if c.in_list_area(s, e):
            # "the Kursk settlements of A and B": the tagger's "Kursk" is the list's area (a hint
            # for its members), not a place of its own (the city of Kursk); the parse's entity
            # there is still read as the region
            continue
        if not (c.lo <= s and e <= c.hi):
            continue
        sp = c.spdoc.char_span(s, e, alignment_mode="contract")
        if sp is None or not len(sp):
            continue
        if not finder.keep_actors and (_is_actor(sp.root) or sp[0].ent_type_ == "ORG"):
            continue      # "Islamabad said", "the US Africa Command": who acts, not where
        if _given_name_of_person(sp, c.spdoc):
            continue      # "Georgia" of "Georgia Smith said": a person's name, not a place
        street = _street_name(sp)
        strong = finder.tagger_mode == "strong" or street
        yield list(sp), dict(feature=None, strong=strong, weak=not strong, rule="tagger")


def _tagged_within(spdoc, tagged: list, lo: int, hi: int) -> list:
    """The tagger's spans starting in [lo, hi), found by bisection when they are in text order (as
    the tagger gives them; their starts kept with the document, for this very list), else all of
    them (the rule checks each)."""
    key = "claimledger.tagged_starts"
    got = spdoc.user_data.get(key)
    if got is None or got[0] is not tagged:
        starts = [s for s, _ in tagged]
        if any(a > b for a, b in zip(starts, starts[1:])):
            starts = None
        got = spdoc.user_data[key] = (tagged, starts)
    starts = got[1]
    if starts is None:
        return tagged
    return tagged[bisect_left(starts, lo):bisect_left(starts, hi)]


def _text_pattern_towns(c: Candidates, rx, gate, rule: str) -> Iterator[Reading]:
    """Towns (and a dateline's area) a pattern finds in the claim's text, known to the gazetteer
    ("CARTHAGE, N.C.": the town is in the area the dateline names); scanned only where its
    ``gate`` (what every match holds) is."""
    hi = min(len(c.text), c.hi + 2)     # a dateline's dash may end the sentence
    if not c.tokens or not _gate_open(c.spdoc, c.text, gate, c.lo, hi):
        return
    for m in rx.finditer(c.text, c.lo, hi):
        area = m.group("area") if "area" in rx.groupindex else None
        for g in ("town", "area"):
            if g in rx.groupindex and m.group(g):
                sp = c.spdoc.char_span(m.start(g), m.end(g), alignment_mode="contract")
                if sp is not None and len(sp) and sp[-1].text != ".":
                    yield list(sp), dict(feature=None, weak=True, known_only=True, rule=rule,
                                         area=area if g == "town" else None)


def datelines(finder, c: Candidates) -> Iterator[Reading]:
    """A dateline opening a story: "COLUMBUS, Ohio (AP) —", "WOODBURY —"."""
    return _text_pattern_towns(c, DATELINE_RX, DATELINE_GATE_RX, "dateline")


def party_towns(finder, c: Candidates) -> Iterator[Reading]:
    """A legislator's party and home town: "R-Westfield", "D-Charleston"."""
    return _text_pattern_towns(c, PARTY_TOWN_RX, PARTY_TOWN_GATE_RX, "party town")


def after_preposition(finder, c: Candidates) -> Iterator[Reading]:
    """A proper noun after a locative preposition ("in Plekhovo", "residents of Lalibela"), joined
    to one, or struck ("captured Avdiivka"); spaCy's small model tags many towns a person or an
    organisation, which are tried after their own prepositions only (a person not after "to" or
    "from", an organisation not after "at", where a venue is); a capitalised word the parse takes
    for a common noun ("the outskirts of Sake") is kept only if the gazetteer knows it."""
    for t in c.among(token_index(c.spdoc).name_like):
        mistagged = t.pos_ != "PROPN" and _common_noun_as_name(t)
        if t.pos_ != "PROPN" and not mistagged or t.i in c.firsts \
                or t.ent_type_ in ("PERSON", "NORP", "DATE", "ORG") and t.ent_type_ != "":
            if not (t.ent_type_ == "ORG" and (_after_loc_prep(t, ORG_LOC_PREPS) or _struck_object(t)
                                               or t.dep_ == "conj" and _after_loc_prep(t.head, ORG_LOC_PREPS))
                    or t.ent_type_ == "PERSON" and (_after_loc_prep(t, PERSON_LOC_PREPS) or _struck_object(t)
                                                    or t.dep_ == "conj" and _after_loc_prep(t.head, PERSON_LOC_PREPS))):
                continue
        if t.dep_ == "compound" and t.head.pos_ == "PROPN":
            continue
        if mistagged:
            if _after_loc_prep(t):
                yield [t], dict(feature=None, weak=True, known_only=True, rule="common noun")
        elif _after_loc_prep(t) or (t.dep_ == "conj" and _after_loc_prep(t.head)) or _struck_object(t):
            yield _name_run(t), dict(feature=None, weak=True, rule="after preposition")


def list_members(finder, c: Candidates) -> Iterator[Reading]:
    """"Cleveland, Columbus, Dayton and Cincinnati": the other names of a list a kept name is in
    (the parse tags "Dayton" an organisation), kept if the gazetteer knows them."""
    for run, _hints in list(c.runs):
        for m in _list_members(run):
            if m.i not in c.firsts and m.i in c.ids:
                yield _name_run(m), dict(feature=None, weak=True, known_only=True, rule="list member")


#: The rules in the order of trust: a name's first reading is the one resolved; a later rule's
#: reading of the same first word waits in ``Candidates.later``.
CANDIDATE_RULES = (names_listed, settlements_of, region_phrase, parse_places, organisation_opening,
                   institution_of, institution_word, one_sense, lone_big_place, tagger_spans, datelines,
                   party_towns, after_preposition, list_members)


# ---------------------------------------------------------------- what the rules read of a token


def _placed_after(ent, text: str) -> bool:
    """The text places the entity in or near a named place right after it: "the Grand Mosque in
    Kano", "Route 30 in Hempfield"."""
    return PLACED_AFTER_RX.match(text, ent.end_char) is not None



def _modifier_run(tok) -> list:
    """The proper nouns naming a region word ("the Kursk region", "the Punjab region", where spaCy
    makes Punjab an ``amod``), in text order; the same tokens :func:`_compound_propn` reads."""
    return sorted((c for c in tok.children if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN"),
                  key=lambda c: c.i)



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

    return (not tok.text[:1].isupper() or compass_word(tok.text)
            or tok.lower_ in place_institution_words())



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
