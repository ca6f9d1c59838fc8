"""Build one Document from text, HTML or raw bytes: the library entry points.

Each raises InputError (with ``input`` set to the given ``path``/``name``) instead of returning a
half-usable document, so library callers get the same refusals as the batch reader, which turns
them into Failure records.
"""
from __future__ import annotations

from typing import Optional

from ..errors import EMPTY, TOO_LARGE, UNSUPPORTED, InputError
from ..models import Document
from .clean import clean_document
from .decode import check_text, check_unicode, decode_bytes
from .html import document_from_html
from .kinds import HTML, JSONL, TEXT, kind_from_name, sniff
from .published import parse_published

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def check_metadata(path: Optional[str], **fields: Optional[str]) -> None:
    """Refuse metadata that cannot be stored as given: lone surrogates, a non-http(s) URL."""
    from .urls import check_url
    for key, value in fields.items():
        if isinstance(value, str):
            check_unicode(value, path, what=key)
    check_url(fields.get("url"), path)


def document_from_text(
    text: str,
    *,
    path: Optional[str] = None,
    url: Optional[str] = None,
    title: Optional[str] = None,
    author: Optional[str] = None,
    published=None,
    outlet: Optional[str] = None,
) -> Document:
    """A Document whose text is ``text`` exactly (only a leading BOM is dropped).

    Nothing is normalised, stripped or re-wrapped: boilerplate, the headline and a truncated last
    sentence are marked as regions. Raises InputError: EMPTY, BINARY (NUL or many control
    characters), NO_ARTICLE (only boilerplate), LANGUAGE, CL100 (bad ``published``).
    """
    if not isinstance(text, str):
        raise TypeError(f"document_from_text needs str, got {type(text).__name__}; "
                        "use document_from_bytes for bytes")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError("text is empty or whitespace only", code=EMPTY, input=path)
    check_text(text, path)
    check_metadata(path, url=url, title=title, author=author, outlet=outlet)
    pub, pub_tz = parse_published(published, input=path)
    doc = Document(text=text, path=path, url=url, title=title, author=author,
                   published=pub, published_tz=pub_tz, outlet=outlet, content_type="text")
    if published is not None:
        doc.meta["published_source"] = "given"
    return clean_document(doc)


def _format_size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def too_large(size: int, max_bytes: int, name: Optional[str], what: str = "file") -> InputError:
    return InputError(
        f"{what} is {_format_size(size)}, over the {_format_size(max_bytes)} limit (max_bytes)",
        code=TOO_LARGE, input=name,
    )


def document_from_bytes(
    data: bytes,
    name: Optional[str] = None,
    kind: Optional[str] = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    url: Optional[str] = None,
    title: Optional[str] = None,
    author: Optional[str] = None,
    published=None,
    outlet: Optional[str] = None,
) -> Document:
    """A Document from a file's bytes; ``kind`` is "text" or "html", else decided from ``name``'s
    extension or sniffed. ``name`` becomes ``Document.path`` and names the input in errors.

    Raises InputError: TOO_LARGE, EMPTY, BINARY, ENCODING, plus those of document_from_text/html.
    The encoding used is recorded in ``meta["encoding"]``.
    """
    if len(data) > max_bytes:
        raise too_large(len(data), max_bytes, name)
    guess = kind or kind_from_name(name)
    if guess == JSONL:
        raise InputError("JSONL holds many documents: read it with read_inputs()",
                         code=UNSUPPORTED, input=name)
    if guess not in (None, TEXT, HTML):
        raise ValueError(f"kind must be 'text' or 'html', not {kind!r}")
    html_hint = guess == HTML or (guess is None and sniff(data[:4096].decode("latin-1")) == HTML)
    decoded = decode_bytes(data, name, html=html_hint)
    if not decoded.text.strip():
        raise InputError("file is empty or whitespace only", code=EMPTY, input=name)
    guess = guess or sniff(decoded.text)
    meta = dict(path=name, url=url, title=title, author=author, published=published, outlet=outlet)
    if guess == HTML:
        doc = document_from_html(decoded.text, **meta)
    else:
        doc = document_from_text(decoded.text, **meta)
    doc.meta["encoding"] = decoded.encoding
    if decoded.bom:
        doc.meta["bom"] = True
    return doc
