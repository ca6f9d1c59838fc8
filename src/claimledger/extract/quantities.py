"""Counts in news text with their qualifiers: "at least 30", "some 10,000 men", "dozens", a
"significant number". Pure Python, no spaCy.

    find_quantities(text, offset=0) -> [Quantity]   over one sentence or clause
    count_unspecified(text)         -> bool         "without providing precise numbers"
    parse_number(words)             -> float | None "1.5 million", "thirty-two", "two dozen"

Semantics of the fields (the choices and why):

* ``text``/``span`` cover the qualifier and the number as written ("at least 30", "some 10,000",
  "between 20 and 30", 'a "significant number"'), never the counted noun, which is in ``unit``.
* Lower bounds (at least, more than, over, no fewer than, upwards of): value = low = the figure,
  high None, approximate False: the floor itself is stated exactly. "just over", "a little more
  than" are also approximate.
* Upper bounds (up to, fewer than, less than, as many as, at most): value = high = the figure,
  low None, approximate False; "nearly", "almost", "close to", "just under" are approximate.
* Approximations (about, around, roughly, approximately, some, an estimated): value = the figure,
  no bounds, approximate True.
* Ranges (between 20 and 30, 20 to 30, 20-30, two or three): low and high, value = low,
  approximate True. The low end, not the midpoint, so value is always a number the text states
  and matches ACLED's "most conservative figure".
* Vague counts (dozens, hundreds, several, a significant number): value, low and high None,
  approximate True; ``conservative`` holds ACLED's figure where there is one (tens 10, dozens 12,
  hundreds 100, thousands 1000; our own choices for several 3, a few 2: see data/count_words.txt).
* ``conservative`` for a stated figure is the figure (low end of a range).
* A count whose own noun is never a person ("two camps for displaced people", "40 houses", "three
  tanks": data/quantity_categories.txt, tier ``thing`` and ``noun thing``) never takes a category
  that counts people (``event people``: killed, displaced, ...); "2,000 displaced" has no noun and does.
* Money and percentages are kept with unit "$"/"€"/.../"%" and category None; years, dates,
  clock times, ordinals ("47th Brigade"), designations ("T-72", "Article 5"), ages ("aged 25",
  "25-year-old"), durations ("two weeks") and calibres ("155mm") are not quantities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from ..models import Quantity

# ----------------------------------------------------------------------------- tokens
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*|\S")
_QUOTES = set("\"'“”‘’«»")


class _Tok:
    __slots__ = ("text", "start", "end", "low", "gap", "is_num", "is_word")

    def __init__(self, text: str, start: int, end: int, low: str, gap: bool):
        self.text = text
        self.start = start
        self.end = end
        self.low = low
        self.gap = gap  # whitespace before this token
        self.is_num = text[0].isdigit()
        self.is_word = text[0].isalpha()

    def __repr__(self) -> str:
        return f"_Tok({self.text!r}, {self.start}, {self.end}, gap={self.gap})"


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    prev_end = 0
    for m in _TOKEN.finditer(text):
        t = m.group(0)
        s, e = m.span()
        out.append(_Tok(t, s, e, t.lower().replace("’", "'"), s > prev_end or not out))
        prev_end = e
    return out


# ----------------------------------------------------------------------------- word lists
UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                    "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
SUFFIX_SCALES = {"k": 1_000, "bn": 1_000_000_000, "b": 1_000_000_000, "mn": 1_000_000, "mln": 1_000_000,
                 "tn": 1_000_000_000_000, "m": 1_000_000}
CURRENCY_SYMBOLS = {"$": "$", "€": "€", "£": "£", "₴": "₴", "₽": "₽", "¥": "¥"}
CURRENCY_CODES = {"usd": "$", "eur": "€", "gbp": "£", "uah": "₴", "rub": "₽"}
CURRENCY_WORDS = {"dollars": "$", "dollar": "$", "euros": "€", "euro": "€", "pounds sterling": "£",
                  "rubles": "₽", "roubles": "₽", "hryvnias": "₴", "hryvnia": "₴", "hryvnia's": "₴", "yuan": "¥",
                  "yen": "¥"}
PERCENT_WORDS = ("%", "percent", "per cent", "pc", "percentage points", "percentage point")


def _quantity_word_sets() -> dict[str, frozenset[str]]:
    """The named word sets of ``data/quantity_words.tsv``, entries as written (comma-separated: an
    entry may hold spaces, "square kilometres")."""
    from importlib import resources

    text = resources.files("claimledger").joinpath("data", "quantity_words.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, words = line.partition("\t")
            out[name.strip()] = frozenset(w.strip() for w in words.split(",") if w.strip())
    return out


_WORDS = _quantity_word_sets()
MEASURES = _WORDS["measures"]
TIME_UNITS = _WORDS["time_units"]
CLOCK = _WORDS["clock_words"]
MONTH_NAMES = _WORDS["month_names"]
LABEL_WORDS = _WORDS["label_words"]
_WEEKDAYS = _WORDS["weekdays"]
YEAR_PREPS = _WORDS["year_preps"]
GENERIC_COUNT_NOUNS = _WORDS["generic_count_nouns"]
EVENT_NOUNS = _WORDS["event_nouns"]     # nouns that also say what happened to the counted
UNIT_STOP = _WORDS["unit_stop"]
ADJ_BEFORE_NOUN = _WORDS["adjectives_before_noun"]
_VERB_AFTER_ASIDE = _WORDS["verbs_after_aside"]


# Qualifier phrases -> (kind, approximate). Kinds: lower, upper, approx, neutral, between, from.
_QUALIFIERS = {
    "at least": ("lower", False), "more than": ("lower", False), "over": ("lower", False),
    "no fewer than": ("lower", False), "no less than": ("lower", False), "not less than": ("lower", False),
    "not fewer than": ("lower", False), "upwards of": ("lower", False), "in excess of": ("lower", False),
    "a minimum of": ("lower", False), "at minimum": ("lower", False), "well over": ("lower", False),
    "well above": ("lower", False), "above": ("lower", False), "more then": ("lower", False),
    "just over": ("lower", True), "a little over": ("lower", True), "a little more than": ("lower", True),
    "slightly more than": ("lower", True), "slightly over": ("lower", True), "just above": ("lower", True),
    "a bit more than": ("lower", True), "a bit over": ("lower", True),
    "up to": ("upper", False), "fewer than": ("upper", False), "less than": ("upper", False),
    "as many as": ("upper", False), "as much as": ("upper", False), "no more than": ("upper", False),
    "not more than": ("upper", False), "at most": ("upper", False), "a maximum of": ("upper", False),
    "under": ("upper", False), "below": ("upper", False),
    "nearly": ("upper", True), "almost": ("upper", True), "close to": ("upper", True),
    "just under": ("upper", True), "just below": ("upper", True), "slightly less than": ("upper", True),
    "slightly fewer than": ("upper", True), "nearing": ("upper", True), "approaching": ("upper", True),
    "about": ("approx", True), "around": ("approx", True), "roughly": ("approx", True),
    "approximately": ("approx", True), "approx": ("approx", True), "some": ("approx", True),
    "an estimated": ("approx", True), "estimated": ("approx", True), "circa": ("approx", True),
    "an approximate": ("approx", True), "give or take": ("approx", True), "or so": ("approx", True),
    "a total of": ("neutral", False), "another": ("neutral", False), "a further": ("neutral", False),
    "an additional": ("neutral", False), "exactly": ("neutral", False), "only": ("neutral", False),
    "just": ("neutral", False), "precisely": ("neutral", False),
    "between": ("between", True), "from": ("from", True),
}
_RANGE_WORDS = {"-", "–", "—", "to", "or"}
_QUALIFIER_WORDS = sorted(((tuple(p.split()), p) for p in _QUALIFIERS), key=lambda x: -len(x[0]))


def _by_first_word(entries, words_of) -> tuple[dict, tuple]:
    """Phrase entries grouped by their first word, each group in the order of ``entries``, so a look-up
    tries only the phrases that can match at a token instead of all of them (the same first hit).
    An entry without words would match anywhere: it is in every group and in the fallback."""
    empty = tuple(e for e in entries if not words_of(e))
    index: dict[str, tuple] = {}
    for e in entries:
        w = words_of(e)
        if w and w[0] not in index:
            index[w[0]] = tuple(x for x in entries if not words_of(x) or words_of(x)[0] == w[0])
    return index, empty


_QUALIFIER_INDEX, _QUALIFIER_NONE = _by_first_word(_QUALIFIER_WORDS, lambda x: x[0])


@lru_cache(maxsize=None)
def _data_lines(name: str) -> tuple[str, ...]:
    text = resources.files("claimledger").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#"))


@dataclass(frozen=True)
class _Vague:
    words: tuple[str, ...]
    conservative: Optional[float]
    needs_unit: bool
    scale: bool


@lru_cache(maxsize=None)
def _vague_phrases() -> tuple[_Vague, ...]:
    out = []
    for line in _data_lines("count_words.txt"):
        cols = line.split("\t")
        flags = set(cols[2].split()) if len(cols) > 2 else set()
        cons = None if cols[1].strip() == "-" else float(cols[1])
        out.append(_Vague(tuple(cols[0].lower().split()), cons, "unit" in flags, "scale" in flags))
    return tuple(sorted(out, key=lambda v: -len(v.words)))


@dataclass(frozen=True)
class _Lexicon:
    event: dict[tuple[str, ...], str]
    noun: dict[tuple[str, ...], str]
    deploy: dict[tuple[str, ...], str]
    toll: dict[tuple[str, ...], str]     # heads of running totals ("death toll", "number"); "" for none
    level: dict[tuple[str, ...], str]    # between such a head and its count ("to", "stood at")
    people: frozenset[str]               # event categories that count people only ("killed", "displaced")
    things: frozenset[str]               # head nouns that never count people ("camps", "tanks")
    revise: frozenset[str]               # verbs setting a total anew: "revised the toll up to 35"
    rise: frozenset[str]                 # verbs of a total rising: "the toll went up to 35"
    totals: frozenset[str]               # last words of what names a total ("toll", "figure")


@lru_cache(maxsize=None)
def _lexicon() -> _Lexicon:
    tiers: dict[str, dict[tuple[str, ...], str]] = {"event": {}, "noun": {}, "deploy": {}, "toll": {}, "level": {},
                                                    "thing": {}, "revise": {}, "rise": {}, "total": {}}
    people: set[str] = set()
    things: set[str] = set()
    for line in _data_lines("quantity_categories.txt"):
        cat, tier_flags, words = line.split("\t")
        tier, *flags = tier_flags.split()
        cat = cat.strip().strip("-")
        if "people" in flags:
            people.add(cat)
        for w in words.split(","):
            if w.strip():
                key = tuple(w.strip().lower().split())
                tiers[tier].setdefault(key, cat)
                if tier == "thing" or "thing" in flags:
                    things.add(key[-1])
    return _Lexicon(tiers["event"], tiers["noun"], tiers["deploy"], tiers["toll"], tiers["level"],
                    frozenset(people), frozenset(things),
                    frozenset(k[-1] for k in tiers["revise"]), frozenset(k[-1] for k in tiers["rise"]),
                    frozenset(k[-1] for k in list(tiers["toll"]) + list(tiers["total"])))


@lru_cache(maxsize=None)
def _vague_index() -> tuple[dict, tuple]:
    return _by_first_word(_vague_phrases(), lambda v: v.words)


_TABLE_INDEX: dict[int, tuple[dict, tuple[dict, tuple]]] = {}


def _table_index(table: dict[tuple[str, ...], str]) -> tuple[dict, tuple]:
    """``_by_first_word`` of a lexicon table's items (stored with the table itself, so an id reused
    by another object is never mistaken for it)."""
    got = _TABLE_INDEX.get(id(table))
    if got is None or got[0] is not table:
        got = _TABLE_INDEX[id(table)] = (table, _by_first_word(list(table.items()), lambda kv: kv[0]))
    return got[1]


@lru_cache(maxsize=None)
def _count_nouns() -> frozenset[str]:
    lex = _lexicon()
    return frozenset(GENERIC_COUNT_NOUNS | EVENT_NOUNS | {k[-1] for k in lex.noun})


# ----------------------------------------------------------------------------- numbers
def _match_words(toks: list[_Tok], i: int, words: tuple[str, ...], skip_quotes: bool = False) -> int:
    """Index after ``words`` matched at toks[i:], or -1. Quote marks may be skipped inside."""
    j = i
    for w in words:
        while skip_quotes and j < len(toks) and toks[j].text in _QUOTES and j > i:
            j += 1
        if j >= len(toks) or toks[j].low != w:
            return -1
        j += 1
    return j


def _digits_value(t: str) -> Optional[float]:
    if "," in t:
        if not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", t):
            return None
        t = t.replace(",", "")
    elif t.count(".") > 1:
        return None
    if len(t.split(".")[0]) >= 8:  # phone numbers, ids
        return None
    return float(t)


def _word_number(toks: list[_Tok], i: int) -> tuple[Optional[float], int]:
    """Parse "thirty-two", "three hundred and fifty", "a dozen", "two dozen", "half a million"."""
    total, current, j, seen = 0.0, 0.0, i, False
    if _match_words(toks, i, ("half", "a")) > 0 and i + 2 < len(toks) and toks[i + 2].low in SCALES:
        return 0.5 * SCALES[toks[i + 2].low], i + 3
    if j < len(toks) and toks[j].low in ("a", "an"):
        if j + 1 < len(toks) and (toks[j + 1].low in SCALES or toks[j + 1].low == "dozen"):
            current, j = 1, j + 1
        else:
            return None, i
    last = None
    while j < len(toks):
        w = toks[j].low
        if w in UNITS and last not in ("unit",) and not (last == "tens" and UNITS[w] >= 10):
            current += UNITS[w]
            last = "unit"
        elif w in TENS and last not in ("unit", "tens"):
            current += TENS[w]
            last = "tens"
        elif w == "hundred" and last in (None, "unit", "tens") and current < 100:
            current = max(current, 1) * 100
            last = "hundred"
        elif w in SCALES and w != "hundred" and last != "scale":
            total += max(current, 1) * SCALES[w]
            current = 0
            last = "scale"
        elif w == "dozen" and last in (None, "unit"):
            current = max(current, 1) * 12
            last = "dozen"
        elif w == "-" and last == "tens" and not toks[j].gap and j + 1 < len(toks) and toks[j + 1].low in UNITS \
                and not toks[j + 1].gap:
            j += 1
            continue
        elif w == "and" and last in ("hundred", "scale") and j + 1 < len(toks) and \
                (toks[j + 1].low in UNITS or toks[j + 1].low in TENS):
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None, i
    return total + current, j


def parse_number(text: str) -> Optional[float]:
    """The value of a number written in digits or words ("1,380", "1.5 million", "2bn",
    "thirty-two", "two dozen", "a hundred"), or None."""
    toks = _tokens(text.strip())
    if not toks:
        return None
    got = _number(toks, 0, money=True)
    return got[0] if got and got[1] == len(toks) else None


def _number(toks: list[_Tok], i: int, money: bool = False) -> Optional[tuple[float, int, bool]]:
    """(value, index after, has_scale) of a number at toks[i], or None."""
    if i >= len(toks):
        return None
    t = toks[i]
    if t.is_num:
        v = _digits_value(t.text)
        if v is None:
            return None
        j = i + 1
        if j < len(toks):
            nxt = toks[j]
            if not nxt.gap and nxt.low in SUFFIX_SCALES and (nxt.low != "m" or money) and nxt.low != "b" or \
                    (not nxt.gap and nxt.low == "b" and money):
                return v * SUFFIX_SCALES[nxt.low], j + 1, True
            if nxt.gap and (nxt.low in SCALES or nxt.low in ("bn", "mn", "mln")):
                return v * (SCALES.get(nxt.low) or SUFFIX_SCALES[nxt.low]), j + 1, True
            if nxt.gap and nxt.low == "dozen":
                return v * 12, j + 1, True
        return v, j, False
    v, j = _word_number(toks, i)
    if v is None:
        return None
    return v, j, any(toks[k].low in SCALES for k in range(i, j))


# ----------------------------------------------------------------------------- the grammar
@dataclass
class _Found:
    q: Quantity
    i: int          # first token (qualifier or number)
    j: int          # token after number/range
    unit_end: int   # token after the unit (== j when no unit)
    kind: str       # count | money | percent | measure
    cat_side: str = ""
    partitive: bool = False  # "62 of 84 drones": the part; the next quantity is the whole
    whole: bool = False
    held: Optional[tuple[str, int]] = None  # a people-only event left of a count of things (category, end)


def _qualifier(toks: list[_Tok], i: int) -> tuple[Optional[str], int]:
    group = _QUALIFIER_INDEX.get(toks[i].low, _QUALIFIER_NONE) if i < len(toks) else _QUALIFIER_NONE
    for words, phrase in group:
        j = _match_words(toks, i, words)
        if j > 0:
            return phrase, j
    return None, i


def _vague(toks: list[_Tok], i: int) -> Optional[tuple[_Vague, int]]:
    index, empty = _vague_index()
    for v in (index.get(toks[i].low, empty) if i < len(toks) else empty):
        j = _match_words(toks, i, v.words, skip_quotes=True)
        if j > 0:
            return v, j
    return None


def _unit(toks: list[_Tok], j: int, after_vague: bool) -> tuple[Optional[str], int, int]:
    """The counted noun phrase at toks[j:]: (text, first token, token after) or (None, j, j)."""
    k = j
    if k < len(toks) and toks[k].low == "of":
        if k + 1 < len(toks) and toks[k + 1].low in ("the", "their", "its", "his", "her", "those", "these", "our"):
            k += 2
        elif after_vague:
            k += 1
        else:
            return None, j, j
    nouns = _count_nouns()
    lex = _lexicon()
    words: list[int] = []
    m = k
    while m < len(toks) and len(words) < 6:
        t = toks[m]
        if t.text == "-" and words and not t.gap and m + 1 < len(toks) and not toks[m + 1].gap \
                and (toks[m + 1].is_word or toks[m + 1].is_num):
            m += 1
            continue
        if t.is_num and words and not t.gap and toks[m - 1].text == "-":  # designations: Kh-101, Shahed-136
            words.append(m)
            m += 1
            continue
        if not t.is_word:
            break
        low = t.low
        if low in UNIT_STOP or (low.endswith("ing") and low not in nouns) or (low.endswith("ly") and len(low) > 4):
            break
        if ((low,) in lex.event or (low,) in lex.deploy or low.endswith("ed")) and low not in nouns:
            if not (low in ADJ_BEFORE_NOUN and m + 1 < len(toks) and toks[m + 1].is_word
                    and toks[m + 1].low not in UNIT_STOP):
                break
        words.append(m)
        m += 1
    if not words:
        return None, j, j
    # Cut after the head: the last known count noun, else the first plural-looking word.
    cut = max((n for n, w in enumerate(words) if toks[w].low in nouns), default=None)
    if cut is None:
        cut = next((n for n, w in enumerate(words) if toks[w].low.endswith("s") and len(toks[w].low) > 3
                    and not toks[w].low.endswith("ss")), None)
    if cut is None:
        if len(words) == 1 and toks[words[0]].text.islower():
            cut = 0
        else:
            return None, j, j
    words = words[:cut + 1]
    first, last = words[0], words[-1]
    text = "".join(toks[x].text if n == 0 else (" " if toks[x].gap else "") + toks[x].text
                   for n, x in enumerate(range(first, last + 1)))
    return text, first, last + 1


def _is_year(v: float, t: _Tok) -> bool:
    return v.is_integer() and 1900 <= v <= 2100 and re.fullmatch(r"\d{4}", t.text) is not None


def _reject(toks: list[_Tok], i: int, n0: int, j: int, qual: Optional[str], unit_text: Optional[str],
            value: float) -> bool:
    """True when the number at toks[n0:j] is a date, year, time, ordinal, age, label, duration..."""
    t = toks[n0]
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[j] if j < len(toks) else None
    # attached letters: 3rd, 47th, 30s, 5pm, 155mm, MiG29, T-72, Su-34
    if t.is_num and nxt is not None and not nxt.gap and nxt.is_word and nxt.low not in SUFFIX_SCALES \
            and nxt.low not in MEASURES:
        return True
    if t.is_num and nxt is not None and not nxt.gap and nxt.text in (":", "/") and j + 1 < len(toks) \
            and toks[j + 1].is_num:
        return True
    if t.is_num and n0 > 0 and not t.gap and (toks[n0 - 1].is_word or toks[n0 - 1].text in "-#/.:,"):
        return True
    if prev is not None and n0 == i and prev.low.rstrip(".") in LABEL_WORDS and qual is None:
        return True
    if prev is not None and prev.text == "." and n0 == i and i > 1 and toks[i - 2].low in LABEL_WORDS:
        return True  # "No. 10"
    if nxt is not None and nxt.low in ("mm", "calibre", "caliber"):
        return True
    # "Boeing 737", "Kilo 8": a bare number right after a capitalised word (not a weekday) is a name
    if prev is not None and n0 == i and i > 0 and qual is None and unit_text is None and prev.is_word \
            and prev.text[0].isupper() and prev.low not in _WEEKDAYS and (i == 1 or toks[i - 2].text not in ".!?"):
        return True
    # compound adjectives: 25-year-old, 30-day, three-day (but 10,000-strong is a force)
    if nxt is not None and nxt.text in ("-", "–") and not nxt.gap and j + 1 < len(toks) and toks[j + 1].is_word \
            and not toks[j + 1].gap and toks[j + 1].low != "strong":
        return True
    # dates: March 5, 5 March, 5 and 6 March
    if prev is not None and prev.text in MONTH_NAMES:
        return True
    k = j
    if k + 1 < len(toks) and toks[k].low in ("and", "-", "–", "to", "or") and toks[k + 1].is_num:
        k += 2
    if k < len(toks) and (toks[k].text.rstrip(".") in MONTH_NAMES or (toks[k].low == "of" and k + 1 < len(toks)
                                                                      and toks[k + 1].text in MONTH_NAMES)):
        return True
    # clock times
    if nxt is not None and nxt.low.rstrip(".") in CLOCK:
        return True
    if nxt is not None and nxt.low in ("a", "p") and j + 1 < len(toks) and toks[j + 1].text == ".":
        return True
    # ages
    if prev is not None and prev.low in ("aged", "age", "ages"):
        return True
    if unit_text and unit_text.lower().split()[0] in ("years", "year") and j + 1 < len(toks) \
            and any(x.low == "old" for x in toks[j:j + 3]):
        return True
    # durations: "two weeks", "48 hours"
    if unit_text and unit_text.lower().split()[0] in TIME_UNITS:
        return True
    if unit_text is None and nxt is not None and nxt.low in TIME_UNITS:
        return True
    # years: "in 2023", "2024 elections" (but "some 2000 troops", "2000 soldiers")
    if t.is_num and _is_year(value, t) and (qual is None or qual in ("from", "between")):
        head = unit_text.lower().split()[-1] if unit_text else None
        if prev is not None and prev.low in YEAR_PREPS or head not in _count_nouns():
            return True
    # bare "one" is a pronoun far more often than a count
    if t.low == "one" and qual is None and j == n0 + 1:
        if nxt is not None and nxt.low == "of":
            return True
        head = unit_text.lower().split()[-1] if unit_text else None
        if head not in _count_nouns() and head not in {k[-1] for k in _lexicon().noun}:
            return True
    return False


@lru_cache(maxsize=None)
def _suffix_phrases() -> tuple[tuple[tuple[str, ...], str, str], ...]:
    """(words, unit, kind) in the order they are tried: percent words longest first, money words,
    measures longest first."""
    out = [(tuple(p.split()), "%", "percent") for p in sorted(PERCENT_WORDS, key=lambda p: -len(p))]
    out += [(tuple(p.split()), sym, "money") for p, sym in CURRENCY_WORDS.items()]
    out += [(tuple(p.split()), p, "measure") for p in sorted(MEASURES, key=lambda p: -len(p))]
    return tuple(out)


@lru_cache(maxsize=None)
def _suffix_index() -> tuple[dict, tuple]:
    return _by_first_word(_suffix_phrases(), lambda x: x[0])


def _suffix_unit(toks: list[_Tok], j: int) -> tuple[Optional[str], str, int]:
    """Money word, percent or measure right after the number: (unit, kind, index after)."""
    if j >= len(toks):
        return None, "", j
    index, empty = _suffix_index()
    for words, unit, kind in index.get(toks[j].low, empty):
        k = _match_words(toks, j, words)
        if k > 0:
            return unit, kind, k
    return None, "", j


@lru_cache(maxsize=None)
def _start_words() -> Optional[frozenset[str]]:
    """Every lower-cased word a quantity can start with: a qualifier's or a vague phrase's first word,
    a currency code or prefix ("us" of US$), a number word ("thirty", "hundred", "dozen", "half",
    "a"/"an" of "a dozen"). With digits and currency symbols that is every way ``_parse_core`` (and
    ``_number``, ``_word_number``, ``_vague``) can begin, so ``_parse_at`` skips any other token at
    once. None (no skipping) if a phrase without words would match anywhere."""
    qual_index, qual_empty = _QUALIFIER_INDEX, _QUALIFIER_NONE
    vague_index, vague_empty = _vague_index()
    if qual_empty or vague_empty:
        return None
    return frozenset(set(qual_index) | set(vague_index) | {"us", "a", "c"} | set(CURRENCY_CODES) | set(UNITS)
                     | set(TENS) | set(SCALES) | {"dozen", "half", "a", "an"})


def _parse_at(toks: list[_Tok], i: int) -> Optional[_Found]:
    t = toks[i]
    starts = _start_words()
    if starts is not None and not t.is_num and t.low not in starts and t.text not in CURRENCY_SYMBOLS:
        return None
    qual, j = _qualifier(toks, i)
    if qual == "up to" and _new_level(toks, i):
        return _parse_core(toks, j, j, None)   # "revised the death toll up to 35": the level, not a bound
    if qual is not None:
        found = _parse_core(toks, i, j, qual)
        if found is not None:
            return found
    return _parse_core(toks, i, i, None)


NEW_LEVEL_WINDOW = 8   # words between a revising verb and its total, or a total and its rising verb


def _new_level(toks: list[_Tok], i: int) -> bool:
    """"up to" at ``i`` gives a total's new level, not an upper bound: right after a total that a
    verb of tier "revise" sets ("revised the death toll up to 35"), or right after a verb of tier
    "rise" whose total stands before it ("the toll went up to 35"); within the sentence."""
    if i == 0:
        return False
    lex = _lexicon()
    before = []
    for t in reversed(toks[max(0, i - 1 - NEW_LEVEL_WINDOW):i - 1]):
        if t.text in (".", ";", "!", "?"):
            break
        before.append(t.low)
    prev = toks[i - 1].low
    if prev in lex.totals:
        return any(w in lex.revise for w in before)
    if prev in lex.rise:
        return any(w in lex.totals for w in before)
    return False


def _parse_core(toks: list[_Tok], i: int, j: int, qual: Optional[str]) -> Optional[_Found]:
    money: Optional[str] = None
    # currency before the number: $5m, US$ 3 billion, EUR 30
    if j < len(toks) and toks[j].text in CURRENCY_SYMBOLS:
        money, j = CURRENCY_SYMBOLS[toks[j].text], j + 1
    elif j + 1 < len(toks) and toks[j].low in ("us", "a", "c") and toks[j + 1].text == "$" and not toks[j + 1].gap:
        money, j = "$", j + 2
    elif j < len(toks) and toks[j].low in CURRENCY_CODES and j + 1 < len(toks) and toks[j + 1].is_num:
        money, j = CURRENCY_CODES[toks[j].low], j + 1
    n0 = j
    kind_q = _QUALIFIERS[qual][0] if qual else None
    if n0 < len(toks) and not money and kind_q not in ("between", "from"):
        vg = _vague(toks, n0)
        if vg is not None:
            return _vague_quantity(toks, i, n0, vg, qual)
    num = _number(toks, n0, money=money is not None)
    if num is None:
        return None
    value, j, scaled = num
    low = high = None
    approximate = False
    # a second number: between X and Y, from X to Y, X-Y, X to Y, two or three
    connectors = {"between": ("and",), "from": ("to", "-", "–", "until", "till")}.get(kind_q, tuple(_RANGE_WORDS))
    second = None
    if j + 1 < len(toks) and toks[j].low in connectors:
        if toks[j + 1].text in CURRENCY_SYMBOLS:
            sec = _number(toks, j + 2, money=True)
        else:
            sec = _number(toks, j + 1, money=money is not None)
        if sec is not None and (toks[j].low != "or" or not toks[n0].is_num or toks[j + 1].is_num):
            v2, j2, scaled2 = sec
            if scaled2 and not scaled:
                # "between 1 and 2 million": the scale belongs to both when the first is smaller
                scale = _scale_of(toks, j + 1, j2)
                if scale and value * scale < v2:
                    value *= scale
            if v2 > value:
                second, j = v2, j2
    if kind_q in ("between", "from") and second is None:
        return None
    qual_kind, qual_approx = _QUALIFIERS[qual] if qual else (None, False)
    if second is not None:
        low, high, approximate = value, second, True
    elif qual_kind == "lower":
        low, approximate = value, qual_approx
    elif qual_kind == "upper":
        high, approximate = value, qual_approx
    elif qual_kind == "approx":
        approximate = True
    # "30 or so", "30-odd"
    if j < len(toks) and _match_words(toks, j, ("or", "so")) > 0:
        j, approximate = j + 2, True
    elif j + 1 < len(toks) and toks[j].text == "-" and toks[j + 1].low == "odd":
        j, approximate = j + 2, True
    unit_text, kind, unit_end, strong = None, "count", j, False
    if money:
        unit_text, kind = money, "money"
    else:
        suf, skind, k = _suffix_unit(toks, j)
        if suf is not None:
            unit_text, kind, unit_end = suf, skind, k
        else:
            strong = j + 1 < len(toks) and toks[j].text in ("-", "–") and toks[j + 1].low == "strong"
            uj = j + 2 if strong else j
            unit_text, _, unit_end = _unit(toks, uj, after_vague=False)
            if unit_text is None:
                unit_end = j
    if kind == "count" and _reject(toks, i, n0, j, qual, unit_text, value):
        return None
    if kind == "measure" and toks[n0].is_num and n0 > 0 and not toks[n0].gap and toks[n0 - 1].is_word:
        return None
    start, end = toks[i].start, toks[(unit_end if kind == "percent" else j) - 1].end
    q = Quantity(text="", value=value, low=low, high=high, approximate=approximate, category=None,
                 unit=unit_text, conservative=value, span=(start, end))
    if kind == "count" and strong:
        q.category = "troops"  # "a 10,000-strong force"
    found = _Found(q, i, j, unit_end, kind)
    if kind == "count" and unit_text is None and j + 1 < len(toks) and toks[j].low == "of":
        k = j + 2 if toks[j + 1].low in ("the", "its", "their", "his", "her") else j + 1
        found.partitive = k < len(toks) and (toks[k].is_num or toks[k].low in UNITS or toks[k].low in TENS)
    return found


def _scale_of(toks: list[_Tok], a: int, b: int) -> Optional[float]:
    for k in range(a, b):
        if toks[k].low in SCALES:
            return SCALES[toks[k].low]
        if toks[k].low in SUFFIX_SCALES and k > a:
            return SUFFIX_SCALES[toks[k].low]
        if toks[k].low == "dozen":
            return 12
    return None


def _vague_quantity(toks: list[_Tok], i: int, n0: int, vg: tuple[_Vague, int], qual: Optional[str]) -> Optional[_Found]:
    v, j = vg
    cons = v.conservative
    # "several hundred", "a few thousand", "many thousands"
    if v.scale and j < len(toks) and toks[j].low.rstrip("s") in SCALES:
        scale = SCALES[toks[j].low.rstrip("s")]
        cons = (cons or 1) * scale
        j += 1
        needs_unit = False
    else:
        needs_unit = v.needs_unit
    # include a closing quote when the phrase opened one
    if j < len(toks) and toks[j].text in _QUOTES and any(toks[k].text in _QUOTES for k in range(n0, j)):
        j += 1
    unit_text, _, unit_end = _unit(toks, j, after_vague=True)
    if unit_text is None:
        unit_end = j
    if needs_unit:
        # "several guys", "many civilians"; not "many believe"
        head = unit_text.lower().split()[-1] if unit_text else None
        if head is None or (head not in _count_nouns() and not (head.endswith("s") and len(head) > 3)):
            return None
    if unit_text and unit_text.lower().split()[0] in TIME_UNITS:
        return None
    start, end = toks[i].start, toks[j - 1].end
    q = Quantity(text="", value=None, low=None, high=None, approximate=True, category=None, unit=unit_text,
                 conservative=cons, span=(start, end))
    return _Found(q, i, j, unit_end, "count")


# ----------------------------------------------------------------------------- categories
_CLAUSE_END = set(".;:!?()[]—")


_ASIDE_REACH = 10   # tokens an aside between commas may hold


def _aside_end(toks: list[_Tok], comma: int, ceil: int) -> Optional[int]:
    """The comma closing an aside opened at ``comma`` when a verb follows it ("35 people, most of
    them women and children, were killed"), or None."""
    for k in range(comma + 1, min(ceil, comma + 1 + _ASIDE_REACH)):
        if toks[k].text in _CLAUSE_END:
            return None
        if toks[k].text == ",":
            return k if k + 1 < len(toks) and toks[k + 1].low in _VERB_AFTER_ASIDE else None
    return None


def _phrase_hits(toks: list[_Tok], a: int, b: int, table: dict[tuple[str, ...], str], *,
                 spill: bool = False) -> list[tuple[int, int, str]]:
    """Phrases of ``table`` starting in tokens a..b-1 and ending by b (or anywhere with ``spill``:
    a cue starting inside a window is read whole, "had been killed or wounded")."""
    hits = []
    index, empty = _table_index(table)
    for k in range(max(a, 0), min(b, len(toks))):
        for words, cat in index.get(toks[k].low, empty):
            e = _match_words(toks, k, words)
            if 0 < e and (spill or e <= b):
                hits.append((k, e, cat))
    return hits


_TOLL_REACH = 30   # tokens a running total's head may stand before its count


def _toll_category(toks: list[_Tok], f: "_Found", floor: int, lex: "_Lexicon") -> Optional[str]:
    """The category of a count reported as the level of a running total ("the death toll from
    Sunday's shelling ... has risen to 50", "the number of civilians killed ... had risen to 45"):
    the count follows a level word, and the nearest total's head to its left in the sentence names
    what is counted (the first event cue from the head on, else the head's own category, else
    the noun it counts: "the number of troops")."""
    if not any(e == f.i for _, e, _ in _phrase_hits(toks, f.i - 2, f.i, lex.level)):
        return None
    a = f.i
    while a > floor and f.i - a < _TOLL_REACH and toks[a - 1].text not in _CLAUSE_END:
        a -= 1
    heads = _phrase_hits(toks, a, f.i, lex.toll)
    if not heads:
        return None
    start, _, own = max(heads, key=lambda h: (h[0], -h[1]))   # the nearest head, its longest form
    start = min((s for s, e, _ in heads if e > start), default=start)   # "death toll": from "death"
    cues = sorted(h for h in _phrase_hits(toks, start, f.i, lex.event) if h[0] >= start)
    if cues:
        first = min(c[0] for c in cues)
        return max((c for c in cues if c[0] == first), key=lambda c: c[1])[2]   # the longest from there
    if own:
        return own
    nouns = _phrase_hits(toks, start, min(f.i, start + 4), lex.noun)   # "the number of troops"
    return nouns[0][2] if nouns else None


def _counts_things(toks: list[_Tok], f: "_Found", lex: "_Lexicon") -> bool:
    """The count's own noun is never a person: "two camps", "40 houses", "three tanks", "two of
    the camps" (the last word of its unit)."""
    if f.unit_end > f.j:
        return toks[f.unit_end - 1].low in lex.things
    # no unit read, as when an event word opens the noun phrase: "two displacement camps"
    for t in toks[f.j:f.j + 3]:
        if not t.is_word or t.low in UNIT_STOP:
            return False
        if t.low in lex.things:
            return True
    return False


def _categorise(toks: list[_Tok], found: list[_Found]) -> None:
    lex = _lexicon()
    for n, f in enumerate(found):
        if f.kind != "count" or f.q.category is not None:
            continue
        # left window: up to 6 tokens, stopping at clause punctuation or the previous quantity
        a = f.i
        floor = found[n - 1].unit_end if n > 0 else 0
        while a > floor and f.i - a < 6 and toks[a - 1].text not in _CLAUSE_END:
            a -= 1
        # right window: up to 6 tokens past the unit, stopping at the next quantity, clause
        # punctuation or a comma (unless the comma closes an aside: "14 people, including three
        # children, were killed"). A part ("3,000 of the 11,000 troops ... were killed") reads on
        # past its whole.
        r0, nxt = f.unit_end, n + 1
        if f.partitive and n + 1 < len(found):
            r0, nxt = found[n + 1].unit_end, n + 2
        b = r0
        ceil = found[nxt].i if nxt < len(found) else len(toks)
        reach = r0
        while b < ceil and b - reach < 6 and toks[b].text not in _CLAUSE_END:
            if toks[b].text == "," and not (b + 1 < len(toks) and toks[b + 1].low in _VERB_AFTER_ASIDE):
                close = _aside_end(toks, b, ceil)
                if close is None:
                    break
                b = reach = close   # "35 people, most of them women and children, were killed"
                continue
            b += 1
        best = None  # (distance, side preference, category, side)
        refused = lex.people if _counts_things(toks, f, lex) else frozenset()
        for s, e, cat in ([] if f.whole else _phrase_hits(toks, a, b, lex.event, spill=True)):
            if cat in refused:
                # "two camps for displaced people": the camps were not displaced; a count joined
                # to this one may still take it ("captured three tanks and 20 soldiers")
                if e <= f.i and (f.held is None or e > f.held[1]):
                    f.held = (cat, e)
                continue
            if s >= f.j and e <= f.unit_end:
                d, side = 0, "unit"
            elif e <= f.i:
                d, side = f.i - e, "left"
            elif s >= r0:
                d, side = s - r0, "right"
            else:
                continue
            key = (d, 0 if side != "left" else 1, s - e)   # nearest, right of the count, longest
            if best is None or key < best[0]:
                best = (key, cat, side)
        if best is not None:
            f.q.category, f.cat_side = best[1], best[2]
            continue
        toll = _toll_category(toks, f, floor, lex)
        if toll and toll not in refused:
            f.q.category, f.cat_side = toll, "left"
            continue
        if f.unit_end > f.j:
            unit_hits = _phrase_hits(toks, f.j, f.unit_end, lex.noun)
            if unit_hits:
                f.q.category = max(unit_hits, key=lambda h: (h[1], h[1] - h[0]))[2]  # head noun (last) first
                continue
        dep = _phrase_hits(toks, a, b, lex.deploy)
        if dep:
            f.q.category = dep[0][2]
    # coordination: "30 soldiers and 12 civilians were killed", "killed 5 soldiers and 3 civilians"
    events = set(lex.event.values())
    for n in range(len(found) - 1):
        x, y = found[n], found[n + 1]
        if x.partitive:
            continue
        between = [t.low for t in toks[x.unit_end:y.i]]
        if not between or any(w not in ("and", "or", ",", "as", "well", "plus", "including") for w in between):
            continue
        if y.cat_side == "right" and x.q.category not in events and not (
                y.q.category in lex.people and _counts_things(toks, x, lex)):
            x.q.category, x.cat_side = y.q.category, "right"
        elif x.cat_side == "left" and y.q.category not in events and not (
                x.q.category in lex.people and _counts_things(toks, y, lex)):
            y.q.category, y.cat_side = x.q.category, "left"
        elif x.held is not None and y.q.category not in events and not _counts_things(toks, y, lex):
            y.q.category, y.cat_side = x.held[0], "left"


# ----------------------------------------------------------------------------- API
def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Counts in one sentence or clause, each with its qualifier, bounds, category and unit.

    Spans are shifted by ``offset`` (the clause's position in the document)."""
    toks = _tokens(text)
    found: list[_Found] = []
    i = 0
    while i < len(toks):
        f = _parse_at(toks, i)
        if f is None:
            i += 1
            continue
        found.append(f)
        i = f.j
    for n, f in enumerate(found[:-1]):
        if f.partitive:
            f.q.unit = found[n + 1].q.unit
            found[n + 1].whole = True
    _categorise(toks, found)
    out = []
    for f in found:
        s, e = f.q.span
        f.q.text = text[s:e]
        f.q.span = (s + offset, e + offset)
        if f.q.value is not None and f.q.low is not None and f.q.high is not None:
            f.q.conservative = f.q.low
        for attr in ("value", "low", "high", "conservative"):
            v = getattr(f.q, attr)
            if isinstance(v, float) and v.is_integer():
                setattr(f.q, attr, int(v))
        out.append(f.q)
    return out


_UNSPEC_VERB = (r"(?:without\s+(?:giving|providing|offering|specifying|citing|disclosing|releasing|revealing|"
                r"putting)|(?:did|does|do|would|could|will)\s*(?:not|n['’]t)\s+(?:give|provide|offer|specify|"
                r"disclose|release|reveal|put|cite)|declined\s+to\s+(?:give|provide|offer|specify|disclose|release|"
                r"reveal|put|cite|comment\s+on)|refused\s+to\s+(?:give|provide|specify|disclose|release|reveal|put)|"
                r"gave\s+no|provided\s+no|offered\s+no|with\s+no)")
_UNSPEC_OBJ = (r"(?:numbers?|figures?|a\s+number|a\s+figure|(?:casualty|death|fatality)\s+(?:figures?|counts?|"
               r"numbers?|tolls?)|(?:the\s+)?(?:death\s+)?toll|counts?|breakdown|tally|estimates?)")
_UNSPECIFIED = re.compile(
    rf"\b{_UNSPEC_VERB}\s+(?:\w+\s+){{0,3}}?{_UNSPEC_OBJ}\b"
    r"|\b(?:did|does|do|would|could|will)\s*(?:not|n['’]t)\s+say\s+how\s+many\b"
    r"|\b(?:declined|refused)\s+to\s+say\s+how\s+many\b|\bwithout\s+saying\s+how\s+many\b"
    r"|\bno\s+(?:figures?|numbers?|casualty\s+figures?)\s+(?:were|was|have\s+been|has\s+been|had\s+been)\s+"
    r"(?:given|provided|released|disclosed|published)\b"
    r"|\ban?\s+(?:unspecified|unknown|undisclosed|undetermined|unconfirmed)\s+number\b"
    r"|\bnumbers?\s+(?:was|were|is|are)\s+(?:not|n['’]t)\s+(?:given|disclosed|specified|released)\b",
    re.IGNORECASE)


def count_unspecified(text: str) -> bool:
    """True when the text says a count exists but was not given ("without providing precise
    numbers", "did not give a figure", "declined to say how many", "an unknown number of")."""
    return _UNSPECIFIED.search(text) is not None
