"""Read JSONL batches: one article per line, each line its own document or its own failure.

Collections of scraped articles are usually one big JSONL file, so a file limit would refuse a
normal batch: the size limit applies to each line instead, and the file is streamed line by line.
A bad line is reported as ``file:LINE`` and the lines after it are still read.
"""
from __future__ import annotations

import json
from typing import IO, Iterator, Optional, Union

from ..errors import BAD_DATE, BAD_JSONL, ENCODING, InputError
from ..models import Document, Failure
from .documents import document_from_text, too_large
from .html import document_from_html
from .published import PLACEHOLDERS, parse_published

STRING_KEYS = ("url", "title", "published", "outlet", "author")


def _read_lines(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[int, Union[bytes, int]]]:
    """(line number, bytes) per line; (line number, size) for a line over ``max_bytes``, which is
    skipped without holding it in memory."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 2)
        if not line:
            return
        number += 1
        if len(line) > max_bytes + 1 or (len(line) == max_bytes + 1 and not line.endswith(b"\n")):
            size = len(line)
            while not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
                if not line:
                    break
                size += len(line)
            yield number, size
            continue
        yield number, line


def document_from_record(record: object, name: str) -> Document:
    """A Document from one parsed JSONL record; raises InputError naming ``name`` (file:LINE)."""
    if not isinstance(record, dict):
        raise InputError(f"line is a JSON {type(record).__name__}, expected an object "
                         '({"text": ...} or {"html": ...})', code=BAD_JSONL, input=name)
    for key in STRING_KEYS + ("text", "html"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"key {key!r} must be a string, got {type(value).__name__}",
                             code=BAD_JSONL, input=name)
    from .decode import check_unicode
    for key in STRING_KEYS + ("text", "html"):
        if isinstance(record.get(key), str):
            check_unicode(record[key], name, what=f"key {key!r}")
    meta = {key: record.get(key) or None for key in STRING_KEYS}
    ignored_date = None
    try:
        parse_published(meta["published"])
        if meta["published"] and meta["published"].strip()[:10] in PLACEHOLDERS:
            raise InputError("placeholder", code=BAD_DATE)
    except InputError as exc:
        if exc.code != BAD_DATE:
            raise InputError(exc.message, code=BAD_JSONL, input=name) from exc
        # a scraper's placeholder ("0001-01-01") or impossible date: the article is undated
        ignored_date, meta["published"] = meta["published"], None
    if isinstance(record.get("text"), str) and record["text"].strip():
        doc = document_from_text(record["text"], path=name, **meta)
        doc.meta["jsonl_field"] = "text"
    elif isinstance(record.get("html"), str) and record["html"].strip():
        doc = document_from_html(record["html"], path=name, **meta)
        doc.meta["jsonl_field"] = "html"
    else:
        raise InputError("object has no non-empty 'text' or 'html' key", code=BAD_JSONL, input=name)
    doc.content_type = "jsonl"
    if ignored_date is not None:
        doc.meta["published_ignored"] = ignored_date[:40]
    if "id" in record and isinstance(record["id"], (str, int)):
        doc.meta["record_id"] = record["id"]
    if isinstance(record.get("locale"), str):
        from .pagemeta import normalise_locale
        locale = normalise_locale(record["locale"])
        if locale:
            doc.meta["locale"] = locale  # the outlet's locale decides "01/02/2025"
    return doc


def read_jsonl(path, *, max_bytes: int, name: Optional[str] = None,
               stream: Optional[IO[bytes]] = None) -> Iterator[Union[Document, Failure]]:
    """Documents and failures, one per non-blank line of the JSONL file at ``path`` (or of
    ``stream``, e.g. stdin); lines are named ``NAME:LINE`` (``name`` defaults to ``path``)."""
    name = name or str(path)
    if stream is None:
        with open(path, "rb") as f:
            yield from read_jsonl(path, max_bytes=max_bytes, name=name, stream=f)
        return
    for number, line in _read_lines(stream, max_bytes):
        where = f"{name}:{number}"
        if isinstance(line, int):
            err = too_large(line, max_bytes, where, what="line")
            yield Failure(input=where, reason=err.message, code=err.code)
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        try:
            try:
                raw = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"line is not valid UTF-8 (byte {exc.start} of the line)",
                                 code=ENCODING, input=where) from exc
            try:
                record = json.loads(raw)
            except RecursionError as exc:
                raise InputError("line is not usable JSON: nested too deeply",
                                 code=BAD_JSONL, input=where) from exc
            except ValueError as exc:
                msg = getattr(exc, "msg", str(exc))
                col = getattr(exc, "colno", None)
                column = f" (column {col})" if col else ""
                raise InputError(f"line is not valid JSON: {msg}{column}",
                                 code=BAD_JSONL, input=where) from exc
            yield document_from_record(record, where)
        except InputError as exc:
            yield Failure(input=where, reason=exc.message, code=exc.code)
        except Exception as exc:  # a bug must cost this line, not the rest of the file
            yield Failure(input=where, reason=f"could not be read ({type(exc).__name__}: {exc}); "
                          "please report this as a bug", code=InputError.code)
