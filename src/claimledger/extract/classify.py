"""What kind of claim a content is: casualties, deployment, attack, territorial control, denial,
statement or other.

We read the predicate spine of the content (its main verb, the verbs it coordinates or embeds,
and their subjects and objects), not every word in it: "burning the faces of the dead" mentions
the dead but claims a concealment, not casualties. The first matching family in
``PRIORITY`` wins, so "engaged in combat ... and suffered casualties" is a casualties claim.
"""
from __future__ import annotations

CASUALTY_VERBS = {"kill", "wound", "injure", "die", "slay", "massacre", "execute", "murder", "perish",
                  "maim", "capture", "abduct", "kidnap", "behead", "neutralise", "neutralize", "eliminate",
                  "hurt", "detain"}
CASUALTY_NOUNS = {"death", "casualty", "loss", "life", "fatality", "dead", "body", "corpse", "wounded",
                  "killed", "injury", "toll", "victim", "prisoner", "pow", "captive", "injured", "missing"}
CASUALTY_ADJ = {"dead", "killed", "wounded", "injured", "missing", "safe", "unharmed", "unhurt", "hurt"}
ATTACK_VERBS = {"attack", "strike", "shell", "bomb", "bombard", "assault", "raid", "ambush", "target", "destroy",
                "burn", "damage", "explode",
                "fire", "launch", "hit", "shoot", "storm", "besiege", "invade", "torpedo", "blast", "pound"}
ATTACK_NOUNS = {"attack", "strike", "airstrike", "shelling", "bombing", "bombardment", "assault", "raid",
                "ambush", "offensive", "missile", "drone", "barrage", "incursion", "invasion", "explosion",
                "bomb", "rocket", "munition", "grenade", "shell", "blast", "bullet", "shrapnel", "flame",
                "clash", "fighting", "battle", "firefight", "skirmish", "airstrike"}
CONTROL_VERBS = {"control", "capture", "seize", "take", "recapture", "retake", "retook", "retaken", "took", "liberate", "hold", "occupy",
                 "withdraw", "retreat", "advance", "encircle", "overrun", "fall", "lose", "push", "regain",
                 "enter", "clear"}
CONTROL_OBJECTS = {"village", "town", "city", "settlement", "territory", "position", "area", "region",
                   "base", "airport", "bridge", "hill", "district", "neighbourhood", "neighborhood", "border",
                   "square", "kilometre", "kilometer", "ground", "control", "line", "outpost", "post",
                   "checkpoint", "headquarters", "garrison", "camp", "stronghold", "airfield", "port",
                   "settlements", "villages", "towns", "positions", "height", "heights", "bases"}
DEPLOY_VERBS = {"deploy", "send", "commit", "station", "dispatch", "train", "mobilise", "mobilize",
                "transfer", "reinforce", "serve", "fight", "engage", "participate", "join", "use", "recruit",
                "arrive", "move", "operate", "position", "mass", "supply", "provide", "set", "establish",
                "patrol", "guard", "build", "dig", "gather", "amass", "remain", "stay", "man", "rotate"}
DEPLOY_NOUNS = {"troop", "soldier", "man", "personnel", "force", "unit", "fighter", "mercenary", "battalion",
                "brigade", "division", "combat", "action", "number", "reinforcement", "contingent", "army",
                "serviceman", "paratrooper", "marine", "mercenary"}
PARTITIVES = {"series", "number", "dozen", "dozens", "most", "some", "all", "many", "several", "none", "majority",
              "half", "rest", "group", "wave", "string", "barrage", "salvo", "hundreds", "thousands", "scores",
              "one", "two", "three", "few", "handful", "each", "any", "both", "lot", "hundred", "thousand"}
SPINE_DEPS = {"ROOT", "ccomp", "xcomp", "conj", "advcl", "pcomp", "relcl", "acl", "parataxis"}
ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "attr", "pobj", "dative", "oprd", "acomp", "npadvmod"}


def spine(tokens: list) -> list:
    """Predicates of the content: its root plus coordinated/embedded clauses, with their arguments
    one step down (and the noun of a prepositional object: 'engaged in combat')."""
    if not tokens:
        return []
    ids = {t.i for t in tokens}
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
                    if g.i in ids and g.dep_ in ("pobj", "amod", "compound", "relcl", "acl", "conj", "prep"):
                        out.append(g)
                        if g.dep_ in ("relcl", "acl"):
                            stack.append(g)
                        if g.dep_ == "prep" and g.lower_ == "of" and (c.pos_ == "NUM" or c.lemma_.lower() in PARTITIVES):
                            # "11 of the dead", "a series of air strikes", "most of the dead", and
                            # what the counted underwent: "the number of civilians killed ... rose"
                            for x in g.children:
                                if x.i in ids and x.dep_ == "pobj":
                                    out.append(x)
                                    out.extend(y for y in x.children if y.i in ids and y.dep_ in ("acl", "amod"))
    return out


CORE_DEPS = {"ROOT", "conj", "xcomp"}


def classify(tokens: list, cue_lemma: str | None = None, denial_cues: frozenset = frozenset()) -> str:
    """The main clause decides first; embedded and adverbial clauses ('as the military tried to
    retake the position') only when the main clause says nothing typed."""
    if cue_lemma and cue_lemma in denial_cues:
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
    kind = _classify_spine(core, tokens)
    if kind in ("statement", "other") and len(core) < len(full):
        wide = _classify_spine(full, tokens)
        if wide not in ("statement", "other"):
            return wide
    return kind


def _classify_spine(sp: list, tokens: list) -> str:
    # the small model's lemmatiser misses some forms ("retook", "bases" -> "basis"): use both
    lem = {t.lemma_.lower() for t in sp} | {t.lower_ for t in sp}
    verbs = {t.lemma_.lower() for t in sp if t.pos_ in ("VERB", "AUX")} | {t.lower_ for t in sp if t.pos_ in ("VERB", "AUX")}
    nouns = {t.lemma_.lower() for t in sp if t.pos_ in ("NOUN", "PROPN", "ADJ")} | {t.lower_ for t in sp if t.pos_ in ("NOUN", "PROPN", "ADJ")}
    text = " ".join(t.lower_ for t in tokens)
    lost_people = "lose" in verbs and any(t.lemma_.lower() in DEPLOY_NOUNS | {"serviceman", "civilian", "people", "life"}
                                          and t.dep_ in ("dobj", "obj", "conj") for t in sp)
    if verbs & CASUALTY_VERBS or nouns & CASUALTY_NOUNS or lem & CASUALTY_ADJ or "claimed the lives" in text or lost_people:
        # "capture" of a place is control, of people is casualties
        objs = {w for t in sp if t.dep_ in ("dobj", "obj") and t.head.lemma_.lower() in ("capture", "seize", "take")
                for w in (t.lemma_.lower(), t.lower_)}
        if verbs & {"capture", "seize", "take"} and objs & CONTROL_OBJECTS and not (verbs & (CASUALTY_VERBS - {"capture"})):
            return "territorial_control"
        return "casualties"
    if _modal_only(sp):
        return "statement"  # "such attacks would not go unanswered": a threat or forecast, not an event
    # taking ground outranks the fighting that took it ("took the villages after fierce clashes")
    if verbs & CONTROL_VERBS and (nouns & CONTROL_OBJECTS or _has_place_object(sp)):
        return "territorial_control"
    if verbs & {"control", "occupy", "liberate", "recapture", "retake", "encircle", "overrun"}:
        return "territorial_control"
    if verbs & {"withdraw", "retreat", "advance", "pull"} and any(
            t.dep_ == "prep" and t.lower_ in ("from", "to", "into", "towards", "toward", "out") for t in sp):
        return "territorial_control"  # "had withdrawn tactically from the station"
    fired_at = any(t.lemma_.lower() == "fire" and t.pos_ == "VERB" and any(
        c.dep_ == "prep" and c.lower_ in ("at", "on", "upon", "into", "towards", "toward") or
        c.dep_ in ("dobj", "obj") and c.lemma_.lower() in ATTACK_NOUNS for c in t.children) for t in sp)
    if (verbs - {"fire"}) & ATTACK_VERBS or nouns & ATTACK_NOUNS or fired_at:
        return "attack"
    if verbs & DEPLOY_VERBS and (nouns & DEPLOY_NOUNS or verbs & {"deploy", "station", "dispatch", "mobilise", "mobilize", "train"}):
        return "deployment"
    if nouns & {"troop", "soldier", "force", "personnel"} and verbs & {"be"} and any(
            t.dep_ == "attr" for t in sp):
        return "deployment"
    if _past_event(sp):
        return "other"
    return "statement"


def _modal_only(sp) -> bool:
    """The content's main verb carries a modal (would, will, could, may) and no coordinated verb
    reports something that happened."""
    ids = {t.i for t in sp}
    roots = [t for t in sp if t.dep_ == "ROOT" or t.head.i not in ids or t.head.i == t.i]
    if not roots:
        return False
    root = roots[0]
    if not any(c.dep_ == "aux" and c.lower_ in ("would", "will", "could", "may", "might", "shall", "'ll") for c in root.children):
        return False
    return not any(t.dep_ == "conj" and t.tag_ in ("VBD", "VBN") and t.pos_ == "VERB" for t in sp)


def _has_place_object(sp) -> bool:
    return any(t.ent_type_ in ("GPE", "LOC", "FAC") and t.dep_ in ("dobj", "obj", "pobj") for t in sp)


def _past_event(sp) -> bool:
    """A reported happening (past-tense action) rather than an assertion of state or intent:
    'The situation is under control and the enemy is being pursued' is present, a statement."""
    for t in sp:
        if t.pos_ == "VERB" and t.dep_ in ("ROOT", "ccomp", "conj", "xcomp") and t.tag_ in ("VBD", "VBN"):
            if t.lemma_.lower() in ("be", "have", "say", "think", "believe", "know", "seem", "hope", "want"):
                continue
            aux = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
            if t.tag_ == "VBN" and aux and not aux & {"had", "has", "have", "was", "were", "been"}:
                continue  # "is being pursued"
            return True
    return False
