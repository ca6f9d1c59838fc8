"""Name keys for gazetteer look-ups: case-, diacritic- and punctuation-insensitive.

``name_key`` is the exact key stored in the index; ``skeleton_key`` is a coarse
key used only as a fallback for transliteration variants that differ in vowels
(Kharkiv / Kharkov, Martynivka / Martynovka); ``cyrillic_variants`` romanises
Cyrillic with both Russian and Ukrainian conventions so that a Cyrillic name
missing from a record's alternate names can still meet its Latin name.
Pure functions, no data: importing this module is free.
"""
from __future__ import annotations

import re
import unicodedata

# apostrophes, primes and soft-sign marks vanish ("Kurs'k", "Khar’kov", "Oblast’")
_DROP = dict.fromkeys(map(ord, "'’‘`´ʹʼʻ′″\"“”«»"), None)
# punctuation that separates words becomes a space
_SPACE = dict.fromkeys(map(ord, "-‐‑‒–—―_.,;:/()[]{}!?·"), " ")
_SPECIAL = {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}


def name_key(text: str) -> str:
    """The index key of a name: NFKD, no combining marks, casefolded, no
    apostrophes, punctuation as spaces, single spaces, without a leading "the"."""
    if not text:
        return ""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.casefold().translate(_DROP).translate(_SPACE)
    if any(ch in _SPECIAL for ch in s):
        s = "".join(_SPECIAL.get(ch, ch) for ch in s)
    s = " ".join(s.split())
    if s.startswith("the "):
        s = s[4:]
    return s


_DIGRAPHS = [("shch", "s"), ("sch", "s"), ("kh", "h"), ("zh", "z"), ("ts", "c"), ("tz", "c"),
             ("ch", "c"), ("sh", "s"), ("x", "h"), ("j", "y"), ("w", "v"), ("ck", "k"), ("q", "k")]
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLE = re.compile(r"(.)\1+")


def skeleton_key(text: str) -> str | None:
    """A coarse Latin-script key: digraphs folded, vowels dropped, doubles merged.

    Returns None for non-Latin names and for skeletons too short to mean
    anything (fewer than 4 consonants), so "Paris" has no skeleton at all.
    """
    k = name_key(text)
    if not k or not k.isascii() or not any(c.isalpha() for c in k):
        return None
    for a, b in _DIGRAPHS:
        k = k.replace(a, b)
    k = _DOUBLE.sub(r"\1", _VOWELS.sub("", k))
    k = re.sub(r"[^a-z0-9 ]", "", k)
    k = " ".join(k.split())
    if len(k.replace(" ", "")) < 4:
        return None
    return "~" + k


_CYR_COMMON = {
    "а": "a", "б": "b", "в": "v", "ґ": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "є": "ye",
}
_CYR_RU = {**_CYR_COMMON, "г": "g", "и": "i"}
_CYR_UA = {**_CYR_COMMON, "г": "h", "и": "y", "щ": "shch"}


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def cyrillic_variants(text: str) -> list[str]:
    """Latin keys for a Cyrillic name, Russian- and Ukrainian-style ("Харків" -> "kharkiv")."""
    if not has_cyrillic(text):
        return []
    # compose first so that "й" / "ї" are single letters, then lower-case
    s = unicodedata.normalize("NFC", text).lower()
    out: list[str] = []
    for table in (_CYR_RU, _CYR_UA):
        k = name_key("".join(table.get(ch, ch) for ch in s))
        if k and k not in out:
            out.append(k)
    return out
