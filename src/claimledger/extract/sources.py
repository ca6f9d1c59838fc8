"""Who a source is: the phrase as written, a canonical name, kind, role, affiliation and party.

Sources in news are long noun phrases ("Pentagon press secretary Major General Pat Ryder", "the
GUR, Ukraine's military intelligence service") and, one time in five, pronouns or descriptions
("he", "the group", "the ministry") that point back to someone named earlier. ``SourceTracker``
walks a document in order, remembers who has been named, and resolves later mentions to them.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..models import Source
from .attribution import source_tokens
from .lexicon import actors, alias_key, demonyms, named_word_sets
from .tree import doc_text, ent_at, ents_within, subtree

PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "we"}
PLURAL_PRONOUNS = {"they", "them"}
THING_PRONOUNS = {"it"}
_WORDS = named_word_sets("source_words.tsv")
PERSON_NOUNS = _WORDS["person_nouns"]            # "the governor of the Rostov region" ... "he"
GENERIC_ORG_HEADS = _WORDS["generic_org_heads"]  # "the group said": the organisation last named
DESCRIPTION_HEADS = _WORDS["description_heads"]  # "the ministry", "a military spokesman"
# Ranks and honorifics: kept out of the role ("Major General" is a rank, the role is the job).
RANKS = re.compile(
    r"\b(?:Maj(?:or)?\.?\s+Gen(?:eral)?\.?|Lt\.?\s+Gen(?:eral)?\.?|Lieutenant\s+General|Brig(?:adier)?\.?\s+Gen(?:eral)?\.?|"
    r"Lt\.?\s+Col(?:onel)?\.?|Lieutenant\s+Colonel|Col(?:onel)?\.|Colonel|General|Gen\.|Admiral|Adm\.|Rear\s+Admiral|"
    r"Vice\s+Admiral|Captain|Capt\.|Major|Maj\.|Lieutenant|Lt\.|Sergeant|Sgt\.|Commander|Cmdr\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?)(?=\s|$)")
GOVERNMENT_WORDS = re.compile(
    r"\b(?:ministry|minister|government|army|military|armed forces|defen[cs]e|pentagon|kremlin|"
    r"intelligence|police|president|prime minister|governor|administration|spokes(?:man|woman|person)|"
    r"general staff|command|forces|navy|air force|junta|authorities|officials?|embassy|state department|"
    r"white house|council|parliament|mayor|regional)\b", re.I)
MEDIA_WORDS = re.compile(r"\b(?:news|agency|newspaper|broadcaster|television|tv|radio|times|post|journal|tass|ria)\b", re.I)


@dataclass
class Mention:
    source: Source
    offset: int
    is_person: bool
    is_plural: bool
    head_words: set[str]


class _ByOffset:
    """Mentions kept sorted by offset as they are added, so a lookup walks back from a point
    instead of re-sorting every mention (which made a long document quadratic). Walking back gives
    the order ``sorted(mentions, key=offset, reverse=True)`` gives: latest offset first, mentions
    at the same offset in the order they were added."""

    def __init__(self):
        self._keys: list[tuple[int, int]] = []    # (offset, -n): ascending; reversed = the order above
        self._items: list[Mention] = []

    def add(self, m: Mention, n: int) -> None:
        """Add ``m``, the ``n``-th mention of the document (``n`` orders mentions at one offset)."""
        key = (m.offset, -n)
        k = bisect_left(self._keys, key)
        self._keys.insert(k, key)
        self._items.insert(k, m)

    def before(self, offset: Optional[int] = None):
        """(key, mention) of the mentions at offsets under ``offset`` (all with None), latest first;
        a greater key comes first."""
        k = len(self._keys) if offset is None else bisect_left(self._keys, (offset, float("-inf")))
        keys, items = self._keys, self._items
        for j in range(k - 1, -1, -1):
            yield keys[j], items[j]


class SourceTracker:
    """Remembers named sources and entities of one document, in text order."""

    def __init__(self, full_names: dict[str, str]):
        self.mentions: list[Mention] = []
        self._offsets: set[int] = set()                   # offsets of the mentions (lookups, not scans)
        self._by_name: dict[Optional[str], list[Mention]] = {}
        self._sorted = _ByOffset()                        # the mentions by offset
        self._sorted_by_name: dict[Optional[str], _ByOffset] = {}
        self._sorted_by_word: dict[str, _ByOffset] = {}   # head word -> the mentions having it
        self._entity_index: dict[str, tuple[list[int], list]] = {}   # label -> subject-like entities
        self._entities_in_order = True                    # entities seen in text order (see _nearest_entity)
        self._last_offset: dict[int, int] = {}            # id(source) -> offset of its last mention
        self.entities: list[tuple[int, str, str, bool]] = []  # (offset, text, label, subject-like)
        self.full_names = full_names  # surname -> fullest name seen in the document

    # ------------------------------------------------------------ entities seen in passing
    def see_entities(self, sent) -> None:
        """Record PERSON/ORG/GPE entities of a sentence so a later 'he' can find them even when
        they were not a source ('shared by President Zelensky on Telegram'), and a subject that is
        a body ('The government did not respond.') so a later 'it' can."""
        for tok in sent:
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ not in ("NOUN", "PROPN") \
                    or tok.head.pos_ not in ("VERB", "AUX") or tok.head.dep_ not in ("ROOT", "conj"):
                continue  # main-clause subjects only: those are what a later pronoun picks up
            if tok.idx in self._offsets:
                continue
            toks = source_tokens(tok)
            if not toks:
                continue
            span = (toks[0].idx, toks[-1].idx + len(toks[-1].text))
            phrase = doc_text(sent.doc)[span[0]:span[1]]
            src = self._from_phrase(tok, toks, phrase, span)
            if src.name is None:
                resolved = self._resolve_description(tok, phrase, span)
                if resolved is not None:
                    src = resolved
            else:
                self._fill_from_earlier(src)
            if src.name is None:
                desc = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.I)
                if not desc or tok.lemma_.lower() not in DESCRIPTION_HEADS | PERSON_NOUNS and tok.tag_ != "NNS":
                    continue
                src = Source(text=phrase, name=None, role=desc, affiliation=src.affiliation, party=src.party,
                             kind="unnamed" if tok.lemma_.lower() in PERSON_NOUNS or tok.tag_ == "NNS" and not
                             GOVERNMENT_WORDS.search(desc) else ("government" if GOVERNMENT_WORDS.search(desc) else "organization"))
            is_person = src.kind == "person" or (src.name is None and tok.lemma_.lower() in PERSON_NOUNS and tok.tag_ == "NN")
            heads = {w.lower() for w in re.findall(r"[A-Za-z]+", phrase)}
            self._add(Mention(src, tok.idx, is_person, tok.tag_ in ("NNS", "NNPS"), heads))
        for ent in ents_within(sent.doc, sent.start, sent.end):
            if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):
                continue
            if _is_platform(ent.text):
                continue
            subjectish = ent.root.dep_ in ("nsubj", "nsubjpass") or (
                ent.root.dep_ == "pobj" and ent.root.head.dep_ == "agent")
            entry = (ent.start_char, ent.text, ent.label_, subjectish)
            if self.entities and entry[0] < self.entities[-1][0]:
                self._entities_in_order = False
            self.entities.append(entry)
            if subjectish:
                offsets, entries = self._entity_index.setdefault(ent.label_, ([], []))
                offsets.append(entry[0])
                entries.append(entry)

    # ------------------------------------------------------------ describe a source phrase
    def describe(self, head, text: str, toks=None) -> Source:
        """The source whose phrase is ``toks`` (default: the phrase headed by ``head``)."""
        toks = _with_entity(head, toks if toks else source_tokens(head))
        span = (toks[0].idx, toks[-1].idx + len(toks[-1].text)) if toks else (head.idx, head.idx + len(head.text))
        phrase = text[span[0]:span[1]]
        low = head.lower_
        if low in ("who", "which") and head.head.dep_ == "relcl":
            # the relative pronoun as written, named after the noun it stands for
            antecedent = self.describe(head.head.head, text)
            return Source(text=phrase, name=antecedent.name, kind=antecedent.kind, role=antecedent.role,
                          affiliation=antecedent.affiliation, party=antecedent.party, span=span,
                          resolved_from=phrase)
        if low in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS and len(toks) <= 1:
            return self._resolve_pronoun(head, phrase, span)
        src = self._from_phrase(head, toks, phrase, span)
        if src.name is None and src.kind == "unnamed":
            resolved = self._resolve_description(head, phrase, span)
            if resolved is not None:
                return resolved
        if src.name is not None:
            self._fill_from_earlier(src)
        self._remember(src, span[0], head)
        return src

    def _add(self, m: Mention) -> None:
        self.mentions.append(m)
        self._offsets.add(m.offset)
        self._by_name.setdefault(m.source.name, []).append(m)
        n = len(self.mentions)
        self._sorted.add(m, n)
        self._sorted_by_name.setdefault(m.source.name, _ByOffset()).add(m, n)
        for w in m.head_words:
            self._sorted_by_word.setdefault(w, _ByOffset()).add(m, n)
        self._last_offset[id(m.source)] = m.offset      # mentions keep their sources alive: ids stay unique

    def _fill_from_earlier(self, src: Source) -> None:
        """A later, shorter mention ("the GUR", "Zelensky") keeps what earlier ones told us."""
        named = self._sorted_by_name.get(src.name)
        for _, m in named.before() if named is not None else ():
            if m.source.name != src.name or m.source is src:
                continue
            src.role = src.role or m.source.role
            src.affiliation = src.affiliation or m.source.affiliation
            src.party = src.party or m.source.party
            if src.kind in ("organization", "unnamed") and m.source.kind == "person":
                src.kind = "person"

    def _remember(self, src: Source, offset: int, head) -> None:
        if src.name is None:
            return
        heads = {w.lower() for w in re.findall(r"[A-Za-z]+", (src.text or "") + " " + (src.role or ""))}
        self._add(Mention(src, offset, src.kind == "person",
                                     head is not None and head.tag_ in ("NNS", "NNPS"), heads))

    def _from_phrase(self, head, toks, phrase: str, span) -> Source:
        ents = ents_within(head.doc, toks[0].i, toks[-1].i + 1) if toks else []
        person = next((e for e in ents if e.label_ == "PERSON" and not _is_platform(e.text)
                       and _names_head(e, head)), None)
        orgs = [e for e in ents if e.label_ in ("ORG", "GPE", "FAC")]
        norps = [e for e in ents if e.label_ == "NORP"]
        role = affiliation = party = None
        known = _known_actor(phrase, head)
        if person is not None and known is not None and alias_key(person.text) in {alias_key(a) for a in (known.name, *known.aliases)}:
            person = None  # "The Houthis" tagged PERSON is the movement
        bare = alias_key(phrase)
        if person is None and known is None and head.pos_ == "PROPN" and bare in {k.lower() for k in self.full_names}:
            # "Ryder said" after "Pat Ryder": the person, whatever tag the model gave the surname
            person = ent_at(head.doc, head.i) or head.doc[head.i:head.i + 1]
        if person is not None:
            name = self.full_names.get(person.text.split()[-1], person.text)
            pre = phrase[: person.start_char - span[0]].strip().rstrip(",")
            post = phrase[person.end_char - span[0]:].strip().lstrip(",").strip()
            role_text = RANKS.sub("", pre).strip() or post
            role = RANKS.sub("", role_text).strip() or None
            role = re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.I).strip(" ,") if role else None
            if role:
                # "Ukrainian President" -> role "President", affiliation Ukraine (from the adjective)
                first = role.split()[0]
                if first.lower() in demonyms() and len(role.split()) > 1:
                    role = role[len(first):].strip()
            affiliation, party = _affiliation(orgs, norps, phrase, role)
            known_person = _known_actor(name)
            if known_person:
                party = party or known_person.party
            return Source(text=phrase, name=name, kind="person", role=role or None,
                          affiliation=affiliation, party=party, span=span)
        if known is not None:
            aff, party2 = _affiliation([e for e in orgs if alias_key(e.text) != alias_key(known.name)], norps, phrase, None)
            role = _appos_role(head, phrase, span)
            return Source(text=phrase, name=known.name, kind=known.kind, role=role,
                          affiliation=aff if aff and aff != known.name else None,
                          party=known.party or party2, span=span)
        # the head is (part of) a named organisation or state
        head_ent = next((e for e in ents if e.start <= head.i < e.end), None)
        if head_ent is not None and head_ent.label_ in ("ORG", "GPE", "FAC", "NORP"):
            name = _strip_det(head_ent.text)
            if head_ent.label_ == "NORP":
                country = demonyms().get(head_ent.text.lower())
                name = country[0] if country else name
            kind = "government" if head_ent.label_ in ("GPE", "NORP") else _org_kind(phrase)
            aff, party = _affiliation([e for e in orgs if e is not head_ent], norps, phrase, None)
            if head_ent.label_ == "GPE":
                party = party or _country_code(name)
            return Source(text=phrase, name=name, kind=kind, role=_appos_role(head, phrase, span),
                          affiliation=aff, party=party, span=span)
        # a description: "a senior US official", "the ministry", "officials", "witnesses"
        aff, party = _affiliation(orgs, norps, phrase, None)
        desc = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.I)
        if orgs and head.pos_ == "PROPN":
            name = _strip_det(orgs[0].text)
            return Source(text=phrase, name=name, kind=_org_kind(phrase), role=None,
                          affiliation=None, party=party, span=span)
        if head.pos_ == "PROPN" and head.is_title:
            # a name spaCy did not tag: keep the proper-noun run as the name
            run = [t for t in toks if t.pos_ == "PROPN"]
            name = " ".join(t.text for t in run) if run else head.text
            return Source(text=phrase, name=name, kind=_org_kind(phrase), role=None,
                          affiliation=aff, party=party, span=span)
        return Source(text=phrase, name=None, kind="unnamed", role=desc or None,
                      affiliation=aff, party=party, span=span)

    def _resolve_pronoun(self, head, phrase: str, span) -> Source:
        low = head.lower_
        want_person = low in PERSON_PRONOUNS
        want_plural = low in PLURAL_PRONOUNS
        if low in ("i", "we"):
            # inside a quote "we" is the speaker's side; leave unnamed rather than guess
            pass
        best = None
        for _, m in self._sorted.before(span[0]):
            if want_person and not m.is_person:
                continue
            if low == "it" and (m.is_person or m.is_plural):
                continue
            if want_plural and m.is_person:
                continue
            best = m.source
            break
        # a person named in passing nearer than the last person source ("shared by President Zelensky")
        if want_person:
            cand = self._nearest_entity("PERSON", span[0], subjects_only=True)
            if cand is not None and (best is None or cand[0] > self._mention_offset(best)):
                name = self.full_names.get(cand[1].split()[-1], cand[1])
                prior = next((m.source for m in reversed(self._by_name.get(name, ())) if m.source.name == name), None)
                best = prior or Source(text=cand[1], name=name, kind="person")
        if best is None or (best.name is None and not best.role):
            return Source(text=phrase, name=None, kind="unnamed", span=span)
        out = Source(text=phrase, name=best.name, kind=best.kind, role=best.role,
                     affiliation=best.affiliation, party=best.party, span=span, resolved_from=phrase)
        if out.name:
            self._fill_from_earlier(out)
        return out

    def _mention_offset(self, src: Source) -> int:
        return self._last_offset.get(id(src), -1)

    def _nearest_entity(self, label: str, before: int, subjects_only: bool = False):
        """The nearest earlier entity of a label, preferring one in subject or agent position
        within the same sentence group (the last 400 characters)."""
        if subjects_only and self._entities_in_order:
            # every candidate is subject-like, so the answer is the last one before the offset
            offsets, entries = self._entity_index.get(label, ((), ()))
            k = bisect_left(offsets, before)
            return entries[k - 1] if k else None
        cands = [e for e in self.entities if e[2] == label and e[0] < before and (e[3] or not subjects_only)]
        if not cands:
            return None
        last = cands[-1]
        window = [e for e in cands if e[0] >= last[0] - 400]
        subj = [e for e in window if e[3]]
        return subj[-1] if subj and subj[-1][0] >= last[0] - 200 else last

    def _resolve_description(self, head, phrase: str, span) -> Optional[Source]:
        """A definite description -> the latest earlier named source it fits: 'the ministry' ->
        'Russia's Defence Ministry' (its head word in the name), 'the firm' -> 'Halcyon Risk, a
        British maritime security firm' (in the appositive), 'the group' -> the latest organisation."""
        if not re.match(r"(?:the|The|its|Its|their|Their)\s", phrase):
            return None
        key = head.lemma_.lower()
        if head.pos_ not in ("NOUN", "PROPN"):
            return None
        personal = key in PERSON_NOUNS
        generic_org = key in GENERIC_ORG_HEADS

        def fits(m: Mention) -> bool:
            if m.source.name is None or m.is_person != personal:
                return False
            return key in m.head_words or head.lower_ in m.head_words or (generic_org and m.source.kind == "organization")

        if generic_org:      # any organisation may fit: walk back through all mentions
            found = next((m for _, m in self._sorted.before(span[0]) if fits(m)), None)
        else:                # only mentions with the word can fit: the latest of those that do
            best = None
            for word in {key, head.lower_}:
                index = self._sorted_by_word.get(word)
                hit = next(((k, m) for k, m in index.before(span[0]) if fits(m)), None) if index else None
                if hit is not None and (best is None or hit[0] > best[0]):
                    best = hit
            found = best[1] if best else None
        if found is None:
            return None
        s = found.source
        return Source(text=phrase, name=s.name, kind=s.kind, role=s.role, affiliation=s.affiliation,
                      party=s.party, span=span, resolved_from=phrase)


def _with_entity(head, toks: list) -> list:
    """Widen a source phrase to the whole name its head is part of: the parser often makes "al"
    the head of "Nasser al-Masoudi" or cuts a hyphenated name."""
    doc = head.doc
    ent = ent_at(doc, head.i, ("PERSON", "ORG"))
    if ent is None:
        # a hyphenated particle name the model did not tag: "al-Hadi", "bin-Salman"
        i, j = head.i, head.i
        while i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].whitespace_ == " " and doc[i].lower_ in ("al", "el", "ad", "as", "bin", "ibn", "abu"):
            i -= 1
        while j + 2 < len(doc) and doc[j + 1].text == "-" and not doc[j].whitespace_ and doc[j + 2].pos_ == "PROPN":
            j += 2
        if (i, j) == (head.i, head.i):
            return toks
        extra = list(doc[i:j + 1])
    else:
        extra = list(ent)
    ids = {t.i for t in toks}
    merged = sorted({t.i: t for t in list(toks) + extra}.values(), key=lambda t: t.i)
    lo, hi = merged[0].i, merged[-1].i
    return [doc[k] for k in range(lo, hi + 1)] if hi - lo < 25 else (toks if ids else extra)


def _names_head(ent, head) -> bool:
    """The entity is the source itself ('Pat Ryder', 'A Fano commander, Asres Mulugeta'), not a
    place or person the phrase mentions ('Two residents of Lalibela')."""
    if ent.start <= head.i < ent.end:
        return True
    return any(t.dep_ == "appos" and t.head.i == head.i or t.head.i == head.i and t.dep_ == "compound"
               for t in ent) or ent.root.dep_ == "appos" and ent.root.head.i == head.i


def _strip_det(s: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", s).strip()


def _is_platform(text: str) -> bool:
    from .lexicon import platform_patterns
    return any(rx.fullmatch(text.strip()) for _, rx in platform_patterns())


@lru_cache(maxsize=None)
def _alias_rx(alias: str) -> re.Pattern:
    """An actor's alias as whole words of a phrase's key (not after a dot: "u.s." in "the u.s.")."""
    return re.compile(r"(?<![\w.])" + re.escape(alias) + r"(?![\w])")


def _known_actor(phrase: str, head=None):
    """A known actor the phrase names. With the phrase's head token given, the alias must contain
    it: "Ukraine's navy" is the navy, not Ukraine."""
    table = actors()
    key = alias_key(phrase)
    if key in table:
        return table[key]
    # an alias is looked for as whole words only where it occurs at all (a substring test first:
    # the pattern of every alias of the table at every phrase was most of a claim's source cost)
    if head is not None and head.pos_ in ("NOUN", "PROPN"):
        hits = [(a, act) for a, act in table.items() if len(a) >= 2 and a in key and head.lower_ in a.split()
                and _alias_rx(a).search(key)]
        return max(hits, key=lambda h: len(h[0]))[1] if hits else None
    # the longest alias contained in the phrase as whole words ("the GUR, Ukraine's ...")
    best = None
    for alias, actor in table.items():
        if len(alias) < 2 or alias not in key:
            continue
        if _alias_rx(alias).search(key):
            if best is None or len(alias) > len(best[0]):
                best = (alias, actor)
    if best is None:
        return None
    # the alias must be the head of the phrase, not a modifier ("a senior US official" is not the US)
    words = key.split()
    if words and best[0].split()[0] in words[:2] or key.startswith(best[0]):
        return best[1]
    return None


def _affiliation(orgs, norps, phrase: str, role: Optional[str]):
    """The body a source speaks for and its party: an organisation or state named in the phrase,
    else a nationality adjective ('Ukrainian President' -> Ukraine)."""
    for e in orgs:
        name = _strip_det(e.text)
        name = re.sub(r"['\u2019]s$", "", name)
        if name.lower() in demonyms():
            return demonyms()[name.lower()]
        actor = actors().get(alias_key(name))
        if actor is not None:
            return actor.name, actor.party
        return name, _country_code(name)
    for e in norps:
        hit = demonyms().get(e.text.lower())
        if hit:
            return hit[0], hit[1]
    m = re.match(r"^(?:the\s+)?([A-Z][\w.]+)['\u2019]s\s", phrase)
    if m:
        name = m.group(1)
        actor = actors().get(alias_key(name))
        if actor:
            return actor.name, actor.party
        return name, _country_code(name)
    return None, None


def _appos_role(head, phrase: str, span) -> Optional[str]:
    """'the GUR, Ukraine's military intelligence service' -> 'military intelligence service'."""
    for c in head.children:
        if c.dep_ == "appos":
            toks = sorted(subtree(c), key=lambda t: t.i)
            role = doc_text(head.doc)[toks[0].idx:toks[-1].idx + len(toks[-1].text)]
            role = re.sub(r"^(?:the\s+|a\s+|an\s+)?(?:[A-Z][\w.-]*\s+)*[A-Z][\w.-]*['\u2019]s\s+", "", role)
            role = re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.I).strip(" ,")
            return role or None
    return None


def _org_kind(phrase: str) -> str:
    actor = _known_actor(phrase)
    if actor is not None:
        return actor.kind
    if MEDIA_WORDS.search(phrase) and not GOVERNMENT_WORDS.search(phrase):
        return "media"
    if GOVERNMENT_WORDS.search(phrase):
        return "government"
    return "organization"


def _country_code(name: str) -> Optional[str]:
    from .lexicon import country_codes
    code = country_codes().get(name.lower())
    if code:
        return code
    actor = actors().get(alias_key(name))
    if actor and actor.kind == "government" and actor.party and len(actor.party) == 2:
        return actor.party
    return None


def full_name_index(docs) -> dict[str, str]:
    """surname -> the longest PERSON name ending in it, over a document's parsed blocks."""
    out: dict[str, str] = {}
    for d in docs:
        for e in d.ents:
            if e.label_ != "PERSON" or _is_platform(e.text):
                continue
            name = re.sub(r"['\u2019]s$", "", e.text.strip())
            parts = name.split()
            if not parts:
                continue
            if len(name) > len(out.get(parts[-1], "")):
                out[parts[-1]] = name
    return out


def resolve_headline_sources(headline: list, body: list) -> None:
    """A headline's description of its source ("... kills dozens, army says") names the source
    by the same rules as a description in the body, read forward, since a headline summarises
    the report below it: the first named source of the body that the description fits (its head
    word in that source's phrase: "army" -> "the Sudanese army", SAF), else the known actor of
    that description in a country the headline names ("army" in "Sudan's El Fasher" -> "Sudan's
    army", SAF). ``headline`` and ``body``: Claims in text order; headline claims are changed in
    place (``resolved_from`` keeps the description as written)."""
    for c in headline:
        src = c.source
        if src is None or src.name is not None or src.kind != "unnamed" or src.resolved_from or not src.role:
            continue
        word = src.role.split()[-1].lower()
        found = None
        for b in body:
            s = b.source
            if s is not None and s.name and s.kind != "author" and b.attribution != "author" and \
                    word in {_head_word(s.text), _head_word(s.role)}:
                found = s
                break
        if found is None:
            found = _country_actor(word, [p.country for p in c.places or [] if p.country])
        if found is not None:
            c.source = Source(text=src.text, name=found.name, kind=found.kind, role=getattr(found, "role", None),
                              affiliation=getattr(found, "affiliation", None), party=found.party, span=src.span,
                              resolved_from=src.text)


def _head_word(phrase: Optional[str]) -> Optional[str]:
    """The head of a source's phrase: its last word before an apposition or a relative clause
    ("the Sudanese army" -> "army"; "Jean Kabila, a retired army colonel who lives ..." ->
    "kabila"; "a retired army colonel who lives ..." -> "colonel"), lower-cased; None if none."""
    if not phrase:
        return None
    core = re.split(r",|\s(?:who|which|that|whose)\s", phrase, maxsplit=1)[0]
    words = re.findall(r"[A-Za-z]+", re.sub(r"['\u2019]s\b", "", core))
    return words[-1].lower() if words else None


def _country_actor(word: str, countries: list[str]):
    """The known actor a description names in one of the countries (codes): "army" in SD ->
    "Sudanese army" / "Sudan's army" -> SAF; None when no alias fits."""
    table = actors()
    for code in countries:
        for adj, (country, cc) in demonyms().items():
            if cc != code:
                continue
            for phrase in (f"{adj} {word}", f"{country}'s {word}"):
                actor = table.get(alias_key(phrase))
                if actor is not None:
                    return actor
    return None
