"""What kind of claim a content is: casualties, deployment, attack, territorial control, denial,
statement or other.

We read the predicate spine of the content (its main verb, the verbs it coordinates or embeds,
and their subjects and objects), not every word in it: "burning the faces of the dead" mentions
the dead but claims a concealment, not casualties. The families of ``FAMILIES`` are tried in
order, each by its own resolver, and the first that answers wins, so "engaged in combat ... and
suffered casualties" is a casualties claim. Their words are in data/claim_types.tsv.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Callable, Optional

from .lexicon import demonym_country


@lru_cache(maxsize=None)
def words() -> dict[str, frozenset[str]]:
    """The word lists of data/claim_types.tsv by name."""
    text = resources.files("claimledger").joinpath("data", "claim_types.tsv").read_text(encoding="utf-8")
    out: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, items = line.split("\t", 1)
        out[name.strip()] = frozenset(w.strip().lower() for w in items.split(",") if w.strip())
    return out


SPINE_DEPS = {"ROOT", "ccomp", "xcomp", "conj", "advcl", "pcomp", "relcl", "acl", "parataxis"}
ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "attr", "pobj", "dative", "oprd", "acomp", "npadvmod"}


def spine(tokens: list) -> list:
    """Predicates of the content: its root plus coordinated/embedded clauses, with their arguments
    one step down (and the noun of a prepositional object: 'engaged in combat')."""
    if not tokens:
        return []
    ids = {t.i for t in tokens}
    partitives, deed_preps = words()["partitives"], words()["deed_preps"]
    roots = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    out, seen = [], set()
    stack = list(roots)
    while stack:
        t = stack.pop()
        if t.i in seen or t.i not in ids:
            continue
        seen.add(t.i)
        out.append(t)
        for c in t.children:
            if c.i not in ids:
                continue
            if c.dep_ in SPINE_DEPS and c.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
                stack.append(c)
            elif c.dep_ in ARG_DEPS or c.dep_ in ("prep", "agent", "amod", "compound", "nummod"):
                out.append(c)
                seen.add(c.i)
                for g in c.children:
                    if g.i in ids and g.dep_ == "pcomp" and g.pos_ == "VERB" and c.lower_ in deed_preps:
                        # the deed of "blamed the militia for firing rockets into the market", not
                        # the means of "hide them by burning the faces of the dead"
                        out.append(g)
                        stack.append(g)
                    elif g.i in ids and g.dep_ in ("pobj", "amod", "compound", "relcl", "acl", "conj", "prep"):
                        out.append(g)
                        if g.dep_ in ("relcl", "acl"):
                            stack.append(g)
                        if g.dep_ == "prep" and g.lower_ == "of" and (c.pos_ == "NUM" or c.lemma_.lower() in partitives):
                            # "11 of the dead", "a series of air strikes", "most of the dead", and
                            # what the counted underwent: "the number of civilians killed ... rose"
                            for x in g.children:
                                if x.i in ids and x.dep_ == "pobj":
                                    out.append(x)
                                    out.extend(y for y in x.children if y.i in ids and y.dep_ in ("acl", "amod"))
    return out


CORE_DEPS = {"ROOT", "conj", "xcomp"}


@dataclass(frozen=True)
class View:
    """A spine as the resolvers read it: its tokens, their lemmas and words by part of speech
    (lemma and lower-cased form both), the content's tokens and text, the word lists, and the
    tokens of the places the extractor found for the content."""
    sp: list
    tokens: list
    lem: frozenset
    verbs: frozenset
    nouns: frozenset
    text: str
    w: dict
    places: frozenset = frozenset()   # indices of the tokens inside the places found for the content

    @classmethod
    def of(cls, sp: list, tokens: list, places: frozenset = frozenset()) -> "View":
        def forms(ts):
            return frozenset({t.lemma_.lower() for t in ts} | {t.lower_ for t in ts})
        return cls(sp, tokens, forms(sp), forms([t for t in sp if t.pos_ in ("VERB", "AUX")]),
                   forms([t for t in sp if t.pos_ in ("NOUN", "PROPN", "ADJ")]),
                   " ".join(t.lower_ for t in tokens), words(), places)


@dataclass(frozen=True)
class Family:
    name: str
    resolve: Callable[[View], Optional[str]]   # the claim type, or None when the family does not apply


def _casualties(v: View) -> Optional[str]:
    w = v.w
    lost_people = "lose" in v.verbs and any(t.lemma_.lower() in w["lost_people"] and t.dep_ in ("dobj", "obj", "conj")
                                            for t in v.sp)
    if not (v.verbs & w["casualty_verbs"] or v.nouns & w["casualty_nouns"] or v.lem & w["casualty_adjectives"]
            or any(p in v.text for p in w["casualty_phrases"]) or lost_people):
        return None
    # "capture" of a place is control, of people is casualties
    capture = w["capture_verbs"]
    objs = [t for t in v.sp if t.dep_ in ("dobj", "obj", "nsubjpass") and t.head.lemma_.lower() in capture]
    forms = {x for t in objs for x in (t.lemma_.lower(), t.lower_)}
    if v.verbs & capture and (forms & w["control_objects"] or any(_names_a_place(t, v.places) for t in objs)) \
            and not (v.verbs & (w["casualty_verbs"] - {"capture"})):
        return "territorial_control"   # "captured Rubaya", "seized the airport"
    return "casualties"


def _modal(v: View) -> Optional[str]:
    """The content's main verb carries a modal (would, will, could, may) and no coordinated verb
    reports something that happened: "such attacks would not go unanswered" is a threat or a
    forecast, not an event."""
    ids = {t.i for t in v.sp}
    roots = [t for t in v.sp if t.dep_ == "ROOT" or t.head.i not in ids or t.head.i == t.i]
    if not roots:
        return None
    if not any(c.dep_ == "aux" and c.lower_ in v.w["modals"] for c in roots[0].children):
        return None
    if any(t.dep_ == "conj" and t.tag_ in ("VBD", "VBN") and t.pos_ == "VERB" for t in v.sp):
        return None
    return "statement"


def _taking_ground(v: View) -> Optional[str]:
    """Taking ground outranks the fighting that took it ("took the villages after fierce clashes");
    the ground may be a name the model does not know as a place ("entered Nyanzale", "Rubaya fell
    to the rebels")."""
    w = v.w
    if not v.verbs & w["control_verbs"]:
        return None
    if v.nouns & w["control_objects"] or _has_place_object(v.sp):
        return "territorial_control"
    for t in v.sp:
        verb = t.head.lemma_.lower(), t.head.lower_
        if t.dep_ in ("dobj", "obj", "nsubjpass") and set(verb) & w["control_verbs"] and _names_a_place(t, v.places) \
                and not any(c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") for c in t.head.children):
            return "territorial_control"   # not "held Putin responsible", "took Smith hostage"
        if t.dep_ == "nsubj" and set(verb) & w["control_subject_verbs"] and _names_a_place(t, v.places):
            return "territorial_control"
    return None


def _flag_or_route(v: View) -> Optional[str]:
    """A flag raised over a place by an armed actor ("showed assault troops raising a flag over the
    ruins of the village administration"; not "raised a red flag over the merger", "flew the flag
    at half-staff") or a route cut by one ("enemy forces had cut the road linking Zoriane to
    Pokrovsk"; not "police closed the road", "protesters blocked the highway")."""
    w = v.w
    for verb, c in _verb_objects(v.sp):
        if verb & w["flag_verbs"] and c.lower_ in w["flag_words"] and _over_a_place(c.head, w) \
                and _armed_doer(c.head, v):
            return "territorial_control"
        route = {c.lemma_.lower(), " ".join(x.lower_ for x in c.subtree if x.dep_ == "compound" or x is c)}
        if verb & w["route_verbs"] and route & w["routes"] and _armed_doer(c.head, v):
            return "territorial_control"
    return None


def _over_a_place(verb, w) -> bool:
    """"raising a flag over the school", "planted the flag on the roof of the town hall"."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in w["flag_preps"]:
            for g in c.children:
                if g.dep_ == "pobj" and (g.ent_type_ in ("GPE", "LOC", "FAC")
                                         or {g.lemma_.lower(), g.lower_} & (w["control_objects"] | w["flag_sites"])):
                    return True
    return False


def _armed_doer(verb, v: View) -> bool:
    """Who does ``verb`` is an armed actor (data: armed_actors): its subject, its passive agent
    ("was cut by the rebels"), or the subject of the verb it depends on; a named group ("M23 had
    cut the road") when the sentence speaks of fighting (armed_actors or conflict_words)."""
    doers, x = [], verb
    while x is not None and not doers:
        doers = [c for c in x.children if c.dep_ == "nsubj"] + \
                [g for c in x.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if x.dep_ in ("acl", "relcl") and x.head.pos_ in ("NOUN", "PROPN"):
            doers = doers or [x.head]
        x = x.head if x.dep_ in ("xcomp", "conj", "advcl", "acl", "relcl") and x.head is not x else None
    doers += [d for t in list(doers) for d in t.conjuncts]
    armed = v.w["armed_actors"]
    for d in doers:
        if {d.lemma_.lower(), d.lower_} & armed or any(
                c.dep_ in ("compound", "amod") and {c.lemma_.lower(), c.lower_} & armed for c in d.children):
            return True
        if d.pos_ == "PROPN" and d.ent_type_ not in ("PERSON",) and _fighting_context(v):
            return True
    return False


def _sentence_words(v: View) -> frozenset:
    """Lemmas and lower-cased words of the sentences the content lies in."""
    seen, out = set(), set()
    for t in v.tokens:
        sent = t.sent
        if sent.start in seen:
            continue
        seen.add(sent.start)
        out.update(x.lemma_.lower() for x in sent)
        out.update(x.lower_ for x in sent)
    return frozenset(out)


def _fighting_context(v: View) -> bool:
    return bool(_sentence_words(v) & (v.w["armed_actors"] | v.w["conflict_words"]))


def _verb_objects(sp):
    """(the verb's lemma and word, its object or passive subject) for every verb of the spine."""
    for t in sp:
        if t.pos_ == "VERB":
            verb = {t.lemma_.lower(), t.lower_}
            for c in t.children:
                if c.dep_ in ("dobj", "obj", "nsubjpass"):
                    yield verb, c


def _holding_ground(v: View) -> Optional[str]:
    """A verb that only means holding ground ("occupied", "encircled"; not of an organisation or a
    people outside a sentence about fighting: "Republicans control the Senate"), or being in or under someone's control of a place
    ("were in control of the hills", "the district is under rebel control"; not "the situation is
    under control", "the central bank is under government control", "Democrats were in control
    of the House": what is held must be a place, and its holder no party)."""
    w = v.w
    for t in v.sp:
        if t.pos_ in ("VERB", "AUX") and {t.lemma_.lower(), t.lower_} & w["control_only_verbs"]:
            objs = [c for c in t.children if c.dep_ in ("dobj", "obj")]
            if not objs or _fighting_context(v) or any(
                    _place_like(o, v) or o.ent_type_ not in ("ORG", "NORP", "PERSON") for o in objs):
                return "territorial_control"   # not "Republicans control the Senate"; "forces liberate Zoriane"
    for t in v.tokens:
        if t.lemma_.lower() in w["control_nouns"] and t.pos_ == "NOUN" and t.head.lower_ in w["control_states"] \
                and t.dep_ == "pobj" and any(c.dep_ in ("poss", "amod", "compound") or
                                             c.dep_ == "prep" and c.lower_ in w["control_links"] for c in t.children):
            held = [g for c in t.children if c.dep_ == "prep" and c.lower_ in w["control_links"]
                    for g in c.children if g.dep_ == "pobj"]
            state = t.head.head   # "the district was under ...", "areas under rebel control"
            holders = [c for c in t.children if c.dep_ in ("poss", "amod", "compound")]
            if state.pos_ in ("NOUN", "PROPN"):
                held = held or [state]
            else:
                subj = [c for c in state.children if c.dep_ in ("nsubj", "nsubjpass")]
                held = held or subj
                if any(c.dep_ == "prep" and c.lower_ in w["control_links"] for c in t.children):
                    holders += subj   # "Democrats were in control of the House"
            if held and all(_place_like(x, v) for x in held) and not any(
                    {h.lemma_.lower(), h.lower_} & w["political_holders"] for h in holders):
                return "territorial_control"
    return None


def _place_like(t, v: View) -> bool:
    """Ground one can hold: a place (``_names_a_place``) or a word of control_objects ("the hills",
    "the district"); not an institution ("the House", "the central bank")."""
    return _names_a_place(t, v.places) or bool({t.lemma_.lower(), t.lower_} & v.w["control_objects"])


def _moving(v: View) -> Optional[str]:
    """"had withdrawn tactically from the station", "advanced on Sake"; "pushed into Rubaya",
    "were driven out of Kitshanga" (a verb of entering or expelling needs a place after it)."""
    w = v.w
    if v.verbs & w["movement_verbs"] and any(t.dep_ == "prep" and t.lower_ in w["movement_preps"]
                                             and not _names_a_time(t) for t in v.sp):
        return "territorial_control"
    for t in v.sp:
        if t.pos_ != "VERB" or not {t.lemma_.lower(), t.lower_} & w["entry_verbs"]:
            continue
        for c in t.children:
            if c.dep_ in ("prep", "prt") and c.lower_ in w["entry_preps"]:
                for p in _place_after(c):
                    if _names_a_place(p, v.places) or {p.lemma_.lower(), p.lower_} & w["control_objects"]:
                        return "territorial_control"
    return None


def _place_after(prep):
    """The objects of a preposition, also through "out of" ("driven out of Kitshanga")."""
    for g in prep.children:
        if g.dep_ == "pobj":
            yield g
        elif g.dep_ == "prep":
            yield from (x for x in g.children if x.dep_ == "pobj")
    if prep.dep_ == "prt":   # "pushed out of": 'of' hangs on the verb
        for sib in prep.head.children:
            if sib.dep_ == "prep" and sib.i > prep.i:
                yield from (x for x in sib.children if x.dep_ == "pobj")


def _attack(v: View) -> Optional[str]:
    w = v.w
    aimed = any(t.pos_ == "VERB" and t.lemma_.lower() in w["aimed_verbs"] and _aimed(t, w) for t in v.sp)
    if (v.verbs - w["aimed_verbs"]) & w["attack_verbs"] or v.nouns & w["attack_nouns"] or aimed:
        return "attack"
    return None


def _aimed(t, w) -> bool:
    """"fired on the camps", "fired rockets", "the soldiers fired in the air" (fire without an
    object); not "was fired on Monday" (a person dismissed, a date after "on") nor "fired its
    chief executive"."""
    kids = list(t.children)
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in kids):
        return False
    objs = [c for c in kids if c.dep_ in ("dobj", "obj")]
    if any(c.lemma_.lower() in w["attack_nouns"] for c in objs):
        return True
    if objs:
        return False
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in w["aim_preps"] and not _names_a_time(c):
            return True
    return t.dep_ not in ("amod", "acl") and any(c.dep_ in ("nsubj", "prep", "advmod", "advcl") for c in kids)


def _weapon_use(v: View) -> Optional[str]:
    """A weapon sent flying ("fired mortar bombs into the camps", "dropped explosives on the
    market", "mortar rounds were fired at the base") or fire opened ("opened fire on the bus")."""
    w = v.w
    for verb, c in _verb_objects(v.sp):
        heads = {c.lemma_.lower(), c.lower_} | {g.lemma_.lower() for g in c.children if g.dep_ == "compound"}
        if verb & w["projectile_verbs"] and heads & w["weapons"]:
            return "attack"
        if verb & w["fire_openers"] and c.dep_ in ("dobj", "obj") and c.lemma_.lower() in w["fire_words"]:
            return "attack"
    return None


def _forces_employed(v: View) -> Optional[str]:
    """Forces put to use in fighting: "were using the North Koreans in infantry assaults", "had begun
    using a significant number of them in its assaults", "threw its reserves into the offensive"
    (data: employ_verbs, employed_forces, employ_preps with an attack noun or conflict_words). What
    is claimed is who fights, not an attack of its own; a weapon so used ("used drones in the
    attack") is no force and stays an attack."""
    w = v.w
    fighting = w["attack_nouns"] | w["conflict_words"]
    for verb, obj in _verb_objects(v.sp):
        if not verb & w["employ_verbs"] or obj.dep_ not in ("dobj", "obj") or not _a_force(obj, w):
            continue
        for c in obj.head.children:
            if c.dep_ == "prep" and c.lower_ in w["employ_preps"] and any(
                    g.dep_ == "pobj" and {g.lemma_.lower(), g.lower_} & fighting for g in c.children):
                return "deployment"
    return None


def _a_force(t, w) -> bool:
    """Troops (employed_forces), a nation's people named in the plural ("the North Koreans", which the
    small model may tag as a place; data/demonyms.tsv), or a number of them ("a significant number of
    them": a partitive of forces or of a pronoun; not "a number of drones")."""
    if {t.lemma_.lower(), t.lower_} & w["employed_forces"]:
        return True
    if t.lemma_.lower() in w["partitives"]:
        return any(g.dep_ == "pobj" and (g.pos_ == "PRON" or _a_force(g, w))
                   for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)
    if t.tag_ not in ("NNPS", "NNS"):
        return False
    name = " ".join(x.text for x in t.subtree if x.dep_ == "compound" or x is t)
    return demonym_country(name) is not None


def _deployment(v: View) -> Optional[str]:
    w = v.w
    if v.verbs & w["deploy_verbs"] and (v.nouns & w["deploy_nouns"] or v.verbs & w["deploy_only_verbs"]):
        return "deployment"
    return None


def _presence(v: View) -> Optional[str]:
    """"The soldiers were North Korean troops"."""
    if v.nouns & v.w["presence_nouns"] and "be" in v.verbs and any(t.dep_ == "attr" for t in v.sp):
        return "deployment"
    return None


def _past_event(v: View) -> Optional[str]:
    """A reported happening (past-tense action) rather than an assertion of state or intent:
    'The situation is under control and the enemy is being pursued' is present, a statement."""
    for t in v.sp:
        if t.pos_ == "VERB" and t.dep_ in ("ROOT", "ccomp", "conj", "xcomp") and t.tag_ in ("VBD", "VBN"):
            if t.lemma_.lower() in v.w["non_events"]:
                continue
            aux = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
            if t.tag_ == "VBN" and aux and not aux & {"had", "has", "have", "was", "were", "been"}:
                continue  # "is being pursued"
            return "other"
    return None


FAMILIES: tuple[Family, ...] = (
    Family("casualties", _casualties),
    Family("modal", _modal),
    Family("taking_ground", _taking_ground),
    Family("holding_ground", _holding_ground),
    Family("flag_or_route", _flag_or_route),
    Family("moving", _moving),
    Family("forces_employed", _forces_employed),
    Family("attack", _attack),
    Family("weapon_use", _weapon_use),
    Family("deployment", _deployment),
    Family("presence", _presence),
    Family("past_event", _past_event),
)


EVENT_TYPES = frozenset({"attack", "casualties", "territorial_control", "deployment"})


def classify(tokens: list, cue_lemma: str | None = None, denial_cues: frozenset = frozenset(),
             negation: bool = True, places: frozenset = frozenset()) -> str:
    """The main clause decides first; embedded and adverbial clauses ('as the military tried to
    retake the position') only when the main clause says nothing typed. A main clause whose event
    verb is negated ("its fighters had not fired on the camps", "never shelled the market") is a
    denial of that event by whoever says it; ``negation=False`` reads it as if asserted (what a
    denial denies: ``denied_type``). ``places``: indices of the tokens inside the places the
    extractor found for the content (a name the parse does not tag as a place counts as one only
    there)."""
    if cue_lemma and cue_lemma in denial_cues:
        return "denial"
    if negation and _disowns(tokens, places):
        return "denial"
    full = spine(tokens)
    ids = {t.i for t in tokens}
    core_ids = set()
    for t in full:
        chain_ok = True
        x = t
        while x.i in ids and x.head.i in ids and x.head.i != x.i:
            if x.pos_ in ("VERB", "AUX") and x.dep_ not in CORE_DEPS:
                chain_ok = False
                break
            x = x.head
        if chain_ok:
            core_ids.add(t.i)
    core = [t for t in full if t.i in core_ids]
    kind = classify_spine(core, tokens, places)
    if negation and kind in EVENT_TYPES and _negated(core, tokens, places):
        return "denial"
    if kind in ("statement", "other") and len(core) < len(full):
        wide = classify_spine(full, tokens, places)
        if wide not in ("statement", "other"):
            return wide
    return kind


def denied_type(tokens: list, places: frozenset = frozenset()) -> str:
    """The type of what a denial denies, its content read as if asserted ("denied that its
    fighters had shelled the market", "had not fired on the camps": attack; "was not responsible
    for the shelling of the camps": every word counts, attack)."""
    if _disowns(tokens, places):
        return classify_spine(list(tokens), tokens, places)
    return classify(tokens, negation=False, places=places)


def _disowns(tokens: list, places: frozenset = frozenset()) -> bool:
    """A disowning phrase whose object is an event of a conflict type: "was not responsible for
    the shelling of the market", "had "nothing to do" with the raid", "played no part in the
    killings", "had nothing to do with the incident" (data: disowned_events); not "had nothing to do
    with politics", "was not responsible for the leak"."""
    toks = [t for t in tokens if not t.is_quote]   # 'had "nothing to do" with'
    low = [t.lower_ for t in toks]
    phrases = _disowning_phrases()
    if not phrases.keys() & set(low):
        return False
    for ws in (ws for first, group in phrases.items() if first in low for ws in group):
        for k in range(len(low) - len(ws) + 1):
            if low[k:k + len(ws)] == ws:
                obj = toks[k + len(ws):]
                if obj and (classify_spine(obj, obj, places) in EVENT_TYPES
                            or any(t.lemma_.lower() in words()["disowned_events"] for t in obj)):
                    return True
    return False


@lru_cache(maxsize=None)
def _disowning_phrases() -> dict[str, tuple[list[str], ...]]:
    """data: disowning_phrases as word lists, by their first word."""
    out: dict[str, list[list[str]]] = {}
    for p in words()["disowning_phrases"]:
        ws = p.split()
        out.setdefault(ws[0], []).append(ws)
    return {k: tuple(v) for k, v in out.items()}


def _negated(core: list, tokens: list, places: frozenset = frozenset()) -> bool:
    """The content's main verb is negated ("had not fired", "did not attack", "never shelled";
    not "not only shelled"), and no verb coordinated with it asserts an event ("did not shell the
    camp but attacked the base"); "no ship was struck" negates the subject, not the verb, and
    stays a claim about the event."""
    ids = {t.i for t in tokens}
    roots = [t for t in core if t.head.i not in ids or t.head.i == t.i]
    if not roots or not _has_negation(roots[0]):
        return False
    if any(c.dep_ == "aux" and c.lower_ in words()["modals"] for c in roots[0].children):
        return False   # "it would not have killed my enthusiasm": no event said not to have happened
    # the negated verb is itself an event verb, or leads to one ("were not able to capture")
    chain, x = [], roots[0]
    while x is not None:
        chain.append(x)
        x = next((c for c in x.children if c.dep_ in ("xcomp", "acomp") and c.i in ids), None)
    if not any({t.lemma_.lower(), t.lower_} & _event_verbs() for t in chain if t.pos_ in ("VERB", "AUX", "ADJ")):
        return False
    for t in core:
        if t.dep_ == "conj" and t.pos_ == "VERB" and not _has_negation(t):
            sub = [x for x in t.subtree if x.i in ids]
            if classify_spine(spine(sub), sub, places) in EVENT_TYPES:
                return False
    return True


@lru_cache(maxsize=None)
def _event_verbs() -> frozenset[str]:
    w = words()
    return frozenset().union(*(w[k] for k in (
        "casualty_verbs", "attack_verbs", "aimed_verbs", "projectile_verbs", "fire_openers", "control_verbs",
        "control_only_verbs", "control_subject_verbs", "movement_verbs", "deploy_verbs", "negated_event_verbs")))


def _has_negation(t) -> bool:
    skip = words()["negation_exceptions"]
    for c in t.children:
        if c.dep_ == "neg":
            nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
            if nxt is None or nxt.lower_ not in skip:
                return True
    return False


def classify_spine(sp: list, tokens: list, places: frozenset = frozenset()) -> str:
    """The first family of ``FAMILIES`` that answers; a statement when none does."""
    view = View.of(sp, tokens, places)
    for fam in FAMILIES:
        kind = fam.resolve(view)
        if kind == "territorial_control" and _electoral(view):
            continue   # "Clinton lost Michigan by 10,000 votes": a state won or lost is no ground
        if kind is not None:
            return kind
    return "statement"


def _electoral(v: View) -> bool:
    """Ground taken, held or lost in an election, not a war: the sentence has an electoral cue
    (data: electoral_cues: "by 10,000 votes", "in the primary", "the Senate seat") or a place lost
    or fallen to a person ("Sanders lost Michigan to Clinton"), and no armed actor or word of
    fighting (armed_actors, conflict_words: "the rebels lost the town to government troops")."""
    if _fighting_context(v):
        return False
    if _sentence_words(v) & v.w["electoral_cues"]:
        return True
    for t in v.sp:
        if t.pos_ == "VERB" and {t.lemma_.lower(), t.lower_} & v.w["lost_to_verbs"]:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "to" and any(
                        g.dep_ == "pobj" and g.ent_type_ == "PERSON" for g in c.children):
                    return True
    return False


def _has_place_object(sp) -> bool:
    return any(t.ent_type_ in ("GPE", "LOC", "FAC") and t.dep_ in ("dobj", "obj", "pobj") for t in sp)


def _names_a_time(prep) -> bool:
    """"on Monday", "at dawn": a preposition whose objects are all times, not targets or places."""
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    return bool(objs) and all(g.ent_type_ in ("DATE", "TIME") for g in objs)


def _names_a_place(t, places: frozenset = frozenset()) -> bool:
    """A name that is a place: a place entity, or a proper noun the model took for something else
    ("Rubaya" as PERSON, "Mafa" as PRODUCT, or untagged) that lies in a place the extractor found
    for the content (``places``: the gazetteer or the document knows it); never an organisation
    ("Apple took Samsung to court") nor a person's full name ("Bosco Ntaganda")."""
    if t.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    if t.pos_ != "PROPN" or t.ent_type_ in ("ORG", "NORP", "DATE", "TIME") or t.i not in places:
        return False   # "in August 2023", "lost Americans", "take on the Russians"
    if t.ent_type_ == "PERSON":
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if t.ent_iob_ == "I" or (nxt is not None and nxt.ent_iob_ == "I") or any(
                c.dep_ == "compound" and c.pos_ == "PROPN" for c in t.children):
            return False   # a name of two words or more, a title and a name ("President Trump")
    return True
