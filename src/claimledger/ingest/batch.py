"""Read a batch of files and directories into Documents, turning every problem into a Failure.

A batch of a thousand scraped pages always holds a few bad ones; one of them must never stop the
rest, and none may vanish silently: each becomes a Failure naming the input and the reason, for
the ledger to record.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from ..errors import MISSING, UNSUPPORTED, InputError
from ..models import Document, Failure
from .documents import DEFAULT_MAX_BYTES, document_from_bytes, too_large
from .jsonl import read_jsonl
from .kinds import JSONL, kind_from_name

PathLike = Union[str, os.PathLike]


# Extensions of saved web pages read from a directory besides the known article ones. Other files
# in a directory (gold .json, images, scripts) are not articles and are passed over; a file named
# directly is always read (and refused with a reason if it is not an article).
PAGE_SUFFIXES = {"", ".php", ".asp", ".aspx", ".shtml", ".jsp", ".cfm"}


def _walk(directory: Path) -> Iterator[Path]:
    """Article files under ``directory``, recursively, in sorted order, skipping hidden files and
    folders and files whose extension says they are not articles."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if kind_from_name(name) or Path(name).suffix.lower() in PAGE_SUFFIXES:
                yield Path(root) / name


def _failure(exc: InputError, name: str) -> Failure:
    return Failure(input=exc.input or name, reason=exc.message, code=exc.code)


def _read_file(path: Path, meta: dict, max_bytes: int) -> Iterator[Union[Document, Failure]]:
    name = str(path)
    kind = kind_from_name(name)
    try:
        if kind == JSONL:
            yield from read_jsonl(name, max_bytes=max_bytes)
            return
        size = path.stat().st_size          # before reading: a huge file is refused unread
        if size > max_bytes:
            raise too_large(size, max_bytes, name)
        data = path.read_bytes()
        yield document_from_bytes(data, name, kind, max_bytes=max_bytes, **meta)
    except InputError as exc:
        yield _failure(exc, name)
    except OSError as exc:
        yield Failure(input=name, reason=f"cannot read: {exc.strerror or exc}", code=MISSING)
    except Exception as exc:  # a bug in ingest or a library must not stop the batch: record it
        yield Failure(input=name, reason=f"could not be read ({type(exc).__name__}: {exc}); "
                      "please report this as a bug", code=InputError.code)


def read_inputs(
    paths: Iterable[PathLike] | PathLike,
    *,
    published=None,
    outlet: Optional[str] = None,
    url: Optional[str] = None,
    title: Optional[str] = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Union[Document, Failure]]:
    """Yield a Document or a Failure for every input, never raising for a bad one.

    Each path is a file or a directory (read recursively in sorted order, hidden entries skipped).
    ``.txt/.text/.md`` are plain text, ``.html/.htm`` HTML, ``.jsonl/.ndjson`` one article per
    line; other files are sniffed. ``published``, ``outlet``, ``url`` and ``title`` apply only to
    files named directly: a directory's files and JSONL lines carry their own. Files over
    ``max_bytes`` (JSONL: lines) are refused without being read.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    meta = dict(published=published, outlet=outlet, url=url, title=title)
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in _walk(path):
                yield from _read_file(child, {}, max_bytes)
        elif path.is_file():
            yield from _read_file(path, meta, max_bytes)
        elif path.exists():
            yield Failure(input=str(given), reason="not a regular file or directory", code=UNSUPPORTED)
        else:
            yield Failure(input=str(given), reason="no such file or directory", code=MISSING)
