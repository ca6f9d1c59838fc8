"""Refuse texts that are not English: one rule for every language.

Extraction rules and the spaCy model are English; run on German, Arabic or Chinese they produce
confident nonsense or nothing, so such a text is refused with a message naming the language found.
The rule, the same whatever the language:

1. A text whose letters are mostly not Latin (Arabic, Cyrillic, Hebrew, Chinese, Greek, Devanagari
   ...) is not English: English transliterates foreign names, so the script alone decides, at any
   length from ``MIN_SCRIPT_LETTERS`` letters.
2. A Latin-script text of at least ``MIN_LETTERS`` letters is refused when a character n-gram
   model (py3langid) finds another language most likely with a probability of at least
   ``CONFIDENCE`` (0.90); under ``SHORT_LETTERS`` letters English must also be below
   ``SHORT_ENGLISH`` (0.1%): names of people and places make short English texts look foreign.
   Text in which no language stands out (gibberish, repeated words) is not refused for its
   language.
3. Shorter texts are not judged.

The language named is the model's best guess (or the script, when the model has no better name).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Optional

from ..errors import LANGUAGE, InputError
from ..models import Document
from .regions import included_text

SUPPORTED = ("en",)

#: Below this many letters a Latin-script text is not judged (a headline plus one sentence).
MIN_LETTERS = 40
#: Below this many letters no text is judged, whatever its script.
MIN_SCRIPT_LETTERS = 10
#: A text is refused when another language has at least CONFIDENCE; under SHORT_LETTERS letters
#: only when English also has under SHORT_ENGLISH.
SHORT_LETTERS = 300
CONFIDENCE = 0.90
SHORT_ENGLISH = 0.001
#: How much text is classified: n-gram statistics settle long before this.
SAMPLE_CHARS = 20_000


@lru_cache(maxsize=1)
def _identifier():
    # Loading the model takes about a second: only on first use, once per process.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_name(code: str) -> str:
    try:
        import pycountry

        lang = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(alpha_3=code)
        if lang is not None:
            return lang.name
    except Exception:  # pycountry missing or its data unreadable: the code alone still says it
        pass
    return code


def detect(text: str) -> tuple[Optional[str], float]:
    """(language code, probability), or (None, 0.0) when the text is too short to judge."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None, 0.0
    code, prob = _identifier().classify(sample)
    return code, float(prob)


def _is_latin(ch: str) -> bool:
    return ch < "\u0250" or unicodedata.name(ch, "").startswith("LATIN")


def _main_script(letters: list[str]) -> str:
    counts: dict[str, int] = {}
    for ch in letters:
        if not _is_latin(ch):
            script = unicodedata.name(ch, "?").split(" ", 1)[0]
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get).title() if counts else "?"


def judge(text: str) -> Optional[tuple[str, float, str]]:
    """(code, probability, name) of the language when ``text`` is not English by the rule in the
    module docstring, else None. ``code`` is the model's best guess; "und" when it has none."""
    sample = text[:SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < MIN_SCRIPT_LETTERS:
        return None
    latin = sum(_is_latin(ch) for ch in letters)
    if latin * 2 < len(letters):
        code, prob = _identifier().classify(sample)
        script = _main_script(letters)
        if code in SUPPORTED:
            return "und", 0.0, f"{script} script"
        return code, float(prob), f"{language_name(code)} ({code})"
    if len(letters) < MIN_LETTERS:
        return None
    ranked = _identifier().rank(sample)
    code, prob = ranked[0]
    if code in SUPPORTED or prob < CONFIDENCE:
        return None        # English, or no language clearly ahead (gibberish, lists of names)
    if len(letters) < SHORT_LETTERS:
        english = max((p for c, p in ranked if c in SUPPORTED), default=0.0)
        if english >= SHORT_ENGLISH:
            return None    # a short text that could still be English (names look foreign)
    return code, float(prob), f"{language_name(code)} ({code})"


def check_language(doc: Document) -> None:
    """Set ``doc.language``; raise InputError(LANGUAGE) when the content is not English."""
    text = included_text(doc, limit=SAMPLE_CHARS)
    code, prob = detect(text)
    if code is not None:
        doc.meta["language_detected"] = {"code": code, "probability": round(prob, 4)}
    found = judge(text)
    if found is not None:
        raise InputError(f"text is in {found[2]}, only English is supported", code=LANGUAGE, input=doc.path)
    doc.language = "en"
