"""The cleaning passes every document goes through, in the one order that works.

Boilerplate first (a "Skip to content" line must not be taken for the headline, and a comment
form after a cut sentence must not hide the cut), then the headline (its missing period is not a
cut), then the language (before truncation: a text in a script whose full stop we do not know,
such as Chinese "。", must be refused for its language, not as an unfinished sentence), then
truncation, then the check that needs the content as finally delimited: is any article left.
"""
from __future__ import annotations

from ..errors import NO_ARTICLE, InputError
from ..models import Document
from .boilerplate import mark_boilerplate
from .headline import mark_headline
from .language import check_language
from .regions import included_text
from .truncation import mark_truncation


def clean_document(doc: Document, *, min_chars: int = 0, what: str = "document") -> Document:
    """Mark excluded regions, headline and truncation, then refuse a document with no usable
    article (NO_ARTICLE: nothing left, or under ``min_chars`` characters) or not in English."""
    mark_boilerplate(doc)
    mark_headline(doc)
    check_language(doc)
    mark_truncation(doc)
    body = included_text(doc).strip()
    if not body:
        raise InputError(
            f"no article text in the {what}: everything is boilerplate (comment forms, share, "
            "navigation or newsletter lines) or an unfinished sentence",
            code=NO_ARTICLE, input=doc.path,
        )
    if len(body) < min_chars:
        raise InputError(
            f"no article text in the {what}: {len(body)} characters of main text after removing "
            f"boilerplate, need at least {min_chars}",
            code=NO_ARTICLE, input=doc.path,
        )
    return doc
