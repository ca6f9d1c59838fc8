"""Read a batch of files and directories into Documents, turning every problem into a Failure.

A batch of a thousand scraped pages always holds a few bad ones; one of them must never stop the
rest, and none may vanish silently: each becomes a Failure naming the input and the reason, for
the ledger to record.

Directories are read recursively in sorted order; symbolic links to directories are followed, each
real directory once (a link back to an ancestor is reported, not followed round). Only regular
files are opened: a FIFO, socket or device inside a directory would block or never end, so it is
reported and skipped. ``-`` reads standard input (JSONL when its first line is a JSON object).
"""
from __future__ import annotations

import io
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Union

from ..errors import MISSING, SPECIAL_FILE, TOO_LARGE, UNSUPPORTED, InputError
from ..models import Document, Failure
from .documents import DEFAULT_MAX_BYTES, _format_size as format_size, document_from_bytes, too_large
from .jsonl import read_jsonl
from .kinds import JSONL, kind_from_name

PathLike = Union[str, os.PathLike]
STDIN = "-"
STDIN_NAME = "<stdin>"


# Extensions of saved web pages read from a directory besides the known article ones. Other files
# in a directory (gold .json, images, scripts) are not articles and are passed over; a file named
# directly is always read (and refused with a reason if it is not an article).
PAGE_SUFFIXES = {"", ".php", ".asp", ".aspx", ".shtml", ".jsp", ".cfm"}


def display_name(path: PathLike) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 in a file name
    (surrogate-escaped by the OS layer) become ``\\xNN``."""
    s = os.fspath(path)
    if isinstance(s, bytes):
        return s.decode("utf-8", "backslashreplace")
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _special_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


@dataclass
class Entry:
    """One thing found while expanding the inputs: a regular file to read, or a Failure."""
    path: Optional[Path] = None
    direct: bool = False              # named on the command line (takes --published etc.)
    failure: Optional[Failure] = None


def _walk(directory: Path, seen: set[tuple[int, int]]) -> Iterator[Entry]:
    """Article files under ``directory``, recursively, in sorted order, skipping hidden files and
    folders and files whose extension says they are not articles; symlinked directories are
    followed once each (``seen`` holds the real directories already read)."""
    try:
        st = directory.stat()
    except OSError as exc:
        yield Entry(failure=Failure(display_name(directory), f"cannot read: {exc.strerror or exc}", MISSING))
        return
    if (st.st_dev, st.st_ino) in seen:
        yield Entry(failure=Failure(display_name(directory), "directory already read through another "
                                    "path (a symbolic link loop or a second link); skipped", UNSUPPORTED))
        return
    seen.add((st.st_dev, st.st_ino))
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        yield Entry(failure=Failure(display_name(directory), f"cannot list: {exc.strerror or exc}", MISSING))
        return
    for e in entries:
        if e.name.startswith("."):
            continue
        path = Path(e.path)
        try:
            st = os.stat(e.path)               # follows symbolic links
        except OSError as exc:
            reason = "broken symbolic link" if e.is_symlink() else f"cannot read: {exc.strerror or exc}"
            yield Entry(failure=Failure(display_name(path), reason, MISSING))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, seen)
        elif stat.S_ISREG(st.st_mode):
            if kind_from_name(e.name) or path.suffix.lower() in PAGE_SUFFIXES:
                yield Entry(path=path)
        else:
            yield Entry(failure=Failure(display_name(path), f"{_special_kind(st.st_mode)}, not a file; "
                                        "skipped", SPECIAL_FILE))


def expand_inputs(paths: Iterable[PathLike]) -> Iterator[Entry]:
    """The regular files (and failures) the given paths stand for, in order."""
    seen: set[tuple[int, int]] = set()
    for given in paths:
        if os.fspath(given) == STDIN:
            yield Entry(path=Path(STDIN), direct=True)
            continue
        path = Path(given)
        try:
            st = path.stat()
        except FileNotFoundError:
            reason = "broken symbolic link" if path.is_symlink() else "no such file or directory"
            yield Entry(failure=Failure(display_name(given), reason, MISSING))
            continue
        except OSError as exc:
            yield Entry(failure=Failure(display_name(given), f"cannot read: {exc.strerror or exc}", MISSING))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, seen)
        elif stat.S_ISREG(st.st_mode):
            yield Entry(path=path, direct=True)
        else:
            yield Entry(failure=Failure(display_name(given), f"{_special_kind(st.st_mode)}, not a file; "
                                        "skipped (use - to read standard input)", SPECIAL_FILE))


def count_documents(paths: Iterable[PathLike]) -> int:
    """About how many documents the inputs hold (a file each, a JSONL file a line each), for a
    progress bar's total; cheap (JSONL files are counted by newlines, not parsed)."""
    n = 0
    for entry in expand_inputs(paths):
        if entry.failure is not None:
            n += 1
        elif os.fspath(entry.path) == STDIN:
            n += 1
        elif kind_from_name(entry.path.name) == JSONL:
            try:
                with open(entry.path, "rb") as f:
                    lines, last = 0, b""
                    for block in iter(lambda: f.read(1 << 20), b""):
                        lines += block.count(b"\n")
                        last = block
                    n += lines + (1 if last and not last.endswith(b"\n") else 0)
            except OSError:
                n += 1
        else:
            n += 1
    return n


def _failure(exc: InputError, name: str) -> Failure:
    return Failure(input=exc.input or name, reason=exc.message, code=exc.code)


def _looks_like_jsonl(data: bytes) -> bool:
    import json
    first = data.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0]
    if not first.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def _read_stdin(meta: dict, max_bytes: int, stream: Optional[IO[bytes]] = None) -> Iterator[Union[Document, Failure]]:
    stream = stream if stream is not None else sys.stdin.buffer
    head = stream.read(max_bytes + 1)
    if _looks_like_jsonl(head):
        # JSONL on stdin: streamed line by line like a file (the limit is per line)
        yield from read_jsonl(STDIN_NAME, max_bytes=max_bytes, name=STDIN_NAME,
                              stream=io.BufferedReader(_Chain(head, stream)))
        return
    if len(head) > max_bytes:
        yield Failure(STDIN_NAME, f"input is over the {format_size(max_bytes)} limit (max_bytes)", TOO_LARGE)
        return
    try:
        yield document_from_bytes(head, STDIN_NAME, None, max_bytes=max_bytes, **meta)
    except InputError as exc:
        yield _failure(exc, STDIN_NAME)


class _Chain(io.RawIOBase):
    """Bytes already read followed by the rest of a stream, as one raw stream."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if self.head:
            n = min(len(b), len(self.head))
            b[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(b))
        b[:len(data)] = data
        return len(data)


def _read_file(path: Path, meta: dict, max_bytes: int) -> Iterator[Union[Document, Failure]]:
    name = display_name(path)
    kind = kind_from_name(name)
    try:
        if kind == JSONL:
            yield from read_jsonl(path, max_bytes=max_bytes, name=name)
            return
        # O_NONBLOCK: a FIFO put in the file's place since it was listed must not block the batch
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):      # replaced by a FIFO since it was listed
                raise InputError(f"{_special_kind(st.st_mode)}, not a file; skipped", code=SPECIAL_FILE,
                                 input=name)
            if st.st_size > max_bytes:            # before reading: a huge file is refused unread
                raise too_large(st.st_size, max_bytes, name)
            data = f.read(max_bytes + 1)
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
    stdin: Optional[IO[bytes]] = None,
) -> Iterator[Union[Document, Failure]]:
    """Yield a Document or a Failure for every input, never raising for a bad one.

    Each path is a file, a directory (read recursively in sorted order, hidden entries skipped,
    symbolic links to directories followed once) or ``-`` for standard input (``stdin`` if given).
    ``.txt/.text/.md`` are plain text, ``.html/.htm`` HTML, ``.jsonl/.ndjson`` one article per
    line; other files are sniffed. ``published``, ``outlet``, ``url`` and ``title`` apply only to
    files named directly: a directory's files and JSONL lines carry their own. Files over
    ``max_bytes`` (JSONL: lines) are refused without being read; FIFOs, sockets and devices are
    reported and skipped.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    meta = dict(published=published, outlet=outlet, url=url, title=title)
    for entry in expand_inputs(paths):
        if entry.failure is not None:
            yield entry.failure
        elif os.fspath(entry.path) == STDIN:
            yield from _read_stdin(meta, max_bytes, stdin)
        else:
            yield from _read_file(entry.path, meta if entry.direct else {}, max_bytes)
