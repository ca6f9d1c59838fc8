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
_DROP_CHARS = "'’‘`´ʹʼʻ′″\"“”«»"
# punctuation that separates words becomes a space
_SPACE_CHARS = "-‐‑‒–—―_.,;:/()[]{}!?·"
_SPECIAL = {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
_ASCII_TABLE = str.maketrans({**dict.fromkeys(_DROP_CHARS, None), **dict.fromkeys(_SPACE_CHARS, " ")})
_FULL_TABLE: dict[int, object] | None = None


def _full_table() -> dict[int, object]:
    """Translation for non-ASCII text: also drops every combining mark (built once, ~20 ms)."""
    global _FULL_TABLE
    if _FULL_TABLE is None:
        table: dict[int, object] = {cp: None for cp in range(0x300, 0x10000) if unicodedata.combining(chr(cp))}
        table.update(str.maketrans({**dict.fromkeys(_DROP_CHARS, None), **dict.fromkeys(_SPACE_CHARS, " "),
                                    **_SPECIAL}))
        _FULL_TABLE = table
    return _FULL_TABLE


def name_key(text: str) -> str:
    """The index key of a name: NFKD, no combining marks, casefolded, no
    apostrophes, punctuation as spaces, single spaces, without a leading "the"."""
    if not text:
        return ""
    if text.isascii():
        s = text.lower().translate(_ASCII_TABLE)
    else:
        s = unicodedata.normalize("NFKD", text).casefold().translate(_full_table())
    s = " ".join(s.split())
    if s.startswith("the "):
        s = s[4:]
    return s


_DIGRAPHS = [("shch", "s"), ("sch", "s"), ("kh", "h"), ("zh", "z"), ("ts", "c"), ("tz", "c"),
             ("ch", "c"), ("sh", "s"), ("x", "h"), ("j", "y"), ("w", "v"), ("ck", "k"), ("q", "k")]
_SKEL_TABLE = str.maketrans({**dict.fromkeys("aeiouy", None)})
_DOUBLE = re.compile(r"([a-z])\1+")
_NOT_SKEL = re.compile(r"[^a-z0-9 ]")


def skeleton_key(text: str, *, key: str | None = None) -> str | None:
    """A coarse Latin-script key: digraphs folded, vowels dropped, doubles merged.

    Returns None for non-Latin names and for skeletons too short to mean
    anything (fewer than 4 consonants), so "Paris" has no skeleton at all.
    ``key`` may pass ``name_key(text)`` when it is known already.
    """
    k = name_key(text) if key is None else key
    if not k or not k.isascii():
        return None
    for a, b in _DIGRAPHS:
        if a in k:
            k = k.replace(a, b)
    k = k.translate(_SKEL_TABLE)
    k = _DOUBLE.sub(r"\1", k)
    if _NOT_SKEL.search(k):
        k = _NOT_SKEL.sub("", k)
    k = " ".join(k.split())
    if len(k) - k.count(" ") < 4:
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
