"""Refuse texts that are confidently not English.

Extraction rules and the spaCy model are English; run on German they produce confident nonsense,
so such a text is refused with a message naming the language found. Names of people and places
make short English texts look foreign to a character n-gram model, so short texts need a far
higher confidence before they are refused, and very short ones are never refused.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..errors import LANGUAGE, InputError
from ..models import Document
from .regions import included_text

SUPPORTED = ("en",)

#: Below this many letters the text is not judged at all (a headline plus one sentence).
MIN_LETTERS = 40
#: Texts under this many letters need STRICT_CONFIDENCE to be refused, longer ones CONFIDENCE.
SHORT_LETTERS = 300
CONFIDENCE = 0.90
STRICT_CONFIDENCE = 0.995
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


def check_language(doc: Document) -> None:
    """Set ``doc.language``; raise InputError(LANGUAGE) when the content is confidently not English."""
    text = included_text(doc, limit=SAMPLE_CHARS)
    code, prob = detect(text)
    if code is not None:
        doc.meta["language_detected"] = {"code": code, "probability": round(prob, 4)}
    letters = sum(ch.isalpha() for ch in text)
    latin = sum(ch.isalpha() and ch < "\u0250" for ch in text)
    # Foreign names in English are transliterated, so a mostly non-Latin script is itself strong
    # evidence: only short Latin-script texts get the strict threshold.
    short_latin = letters < SHORT_LETTERS and latin * 2 >= letters
    needed = STRICT_CONFIDENCE if short_latin else CONFIDENCE
    if code is not None and code not in SUPPORTED and prob >= needed:
        raise InputError(
            f"text is in {language_name(code)} ({code}), only English is supported",
            code=LANGUAGE,
            input=doc.path,
        )
    doc.language = "en"
