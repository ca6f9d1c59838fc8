"""Download GeoNames country dumps and index them: ``claimledger gazetteer install RU UA SD MM``.

cities500 (the default gazetteer) has no villages; a GeoNames country dump
(``https://download.geonames.org/export/dump/RU.zip``) has every named place
of the country. :func:`install_countries` fetches one zip per country code into
``<cache dir>/downloads/CC.zip.part``, verifies it, indexes it with
``geonames_dump.build_dump_index`` into ``<cache dir>/geonames-dump-CC.sqlite``
(where :func:`claimledger.places.default_gazetteer` finds it) and records what
it installed in ``<cache dir>/manifest.json``.

Download
    Streamed with httpx. An interrupted download leaves ``CC.zip.part`` (with
    ``CC.zip.part.json``: the URL and the server's ETag / Last-Modified); the
    next attempt, in the same call (``retries``) or a later one, asks for the
    rest with ``Range: bytes=N-`` (and ``If-Range``, so a file changed on the
    server comes back whole). A 206 is appended, a 200 restarts the file, a 416
    means the part is already complete (or is discarded).
Checks
    The size against Content-Length / Content-Range, every member's CRC
    (``zipfile.testzip``), the zip's one data file, and the SHA-256 of the
    finished file against the value the user gave (``--sha256 RU=HEX``), if
    any. A file that fails is deleted; the installed index is never touched.
Index
    Built to a temporary name and renamed over the old one, so a failed build
    never breaks an installed index (and a reader of the old one keeps it).
Up to date
    A country in the manifest whose index exists is asked for with
    ``If-None-Match`` / ``If-Modified-Since``; a 304, or a 200 with the same
    ETag / Last-Modified, skips the download (``force=True`` downloads again).
Failures
    One country's failure (network, HTTP status, checksum, bad dump) is
    reported in its :class:`InstallResult` and the others go on.

The library draws nothing: pass ``progress`` (a callable taking a
:class:`ProgressEvent`) to show a bar; :func:`add_gazetteer_parser` adds the
``gazetteer install|list|remove`` commands, whose bar is drawn with rich.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Mapping, Optional
from urllib.parse import urljoin

from ..errors import ClaimLedgerError, InputError, UsageError
from .gazetteer import _FileLock, cache_dir, installed_dump_paths, set_default_gazetteer
from .geonames_dump import DumpFormatError, build_dump_index
from .index import read_meta

GEONAMES_DUMP_URL = "https://download.geonames.org/export/dump/"
MANIFEST = "manifest.json"
DOWNLOADS = "downloads"

# error codes (InputError family: the input here is a country's dump)
BAD_CODE = "CL120"          # not a country code
DOWNLOAD_FAILED = "CL121"   # network error or HTTP status
CORRUPT = "CL122"           # size or CRC wrong: not the file the server meant to send
CHECKSUM_MISMATCH = "CL123" # SHA-256 is not the one the user gave
BAD_DUMP = "CL124"          # a sound zip that is not a usable GeoNames dump for the country

_RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}


class DumpInstallError(InputError):
    """One country could not be installed; ``input`` names the country and URL."""

    code = DOWNLOAD_FAILED


@dataclass
class ProgressEvent:
    """What the installer is doing for one country.

    ``phase``: "start" (a download begins; ``done`` is what a resumed part
    already holds), "download" (``done`` of ``total`` bytes, total None when
    the server does not say), "verify", "index", "done", "skipped", "failed"
    (``message`` says why).
    """

    code: str
    phase: str
    done: int = 0
    total: Optional[int] = None
    message: str = ""


ProgressCallback = Callable[[ProgressEvent], None]


@dataclass
class InstallResult:
    code: str
    status: str                          # installed | skipped | failed
    url: str
    path: Optional[str] = None           # the index file
    rows: Optional[int] = None           # places indexed
    size: Optional[int] = None           # bytes of the zip
    sha256: Optional[str] = None
    resumed_from: int = 0                # bytes an interrupted attempt had fetched (0: downloaded whole)
    error: Optional[ClaimLedgerError] = None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "failed"


@dataclass
class _Fetched:
    status: str                          # downloaded | not-modified
    etag: Optional[str] = None
    last_modified: Optional[str] = None
    size: int = 0
    resumed_from: int = 0
    message: str = ""


# ---------------------------------------------------------------------------------------
# codes, paths, manifest
# ---------------------------------------------------------------------------------------
def normalize_codes(codes: Iterable[str]) -> list[str]:
    """Upper-cased, de-duplicated ISO alpha-2 codes; InputError naming the first bad one."""
    from .regions import default_region_table

    table = default_region_table()
    out: list[str] = []
    for raw in codes:
        c = (raw or "").strip()
        if not (len(c) == 2 and c.isascii() and c.isalpha()) or table.country(c.upper()) is None:
            raise InputError("not an ISO 3166 alpha-2 country code (GeoNames dumps are named by one, "
                             "e.g. RU, UA, SD, MM)", code=BAD_CODE, input=repr(raw))
        if c.upper() not in out:
            out.append(c.upper())
    if not out:
        raise UsageError("no country codes given")
    return out


def parse_sha256_options(values: Iterable[str]) -> dict[str, str]:
    """``["RU=9f86...", ...]`` -> {"RU": "9f86..."}; UsageError on a malformed value."""
    out: dict[str, str] = {}
    for v in values or ():
        cc, sep, hexd = (v or "").partition("=")
        hexd = hexd.strip().lower()
        if not sep or not re.fullmatch(r"[A-Za-z]{2}", cc.strip()) or not re.fullmatch(r"[0-9a-f]{64}", hexd):
            raise UsageError(f"--sha256 {v!r}: expected CC=HEX, a country code and 64 hex digits")
        out[cc.strip().upper()] = hexd
    return out


def index_path(code: str, directory: Optional[str] = None) -> str:
    return os.path.join(directory or cache_dir(), f"geonames-dump-{code}.sqlite")


def manifest_path(directory: Optional[str] = None) -> str:
    return os.path.join(directory or cache_dir(), MANIFEST)


def read_manifest(directory: Optional[str] = None) -> dict[str, dict[str, Any]]:
    """Country code -> what was installed; {} when there is no (readable) manifest."""
    try:
        with open(manifest_path(directory), encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}
    countries = data.get("countries") if isinstance(data, dict) else None
    return {k: v for k, v in (countries or {}).items() if isinstance(v, dict)}


def _update_manifest(directory: str, code: str, entry: Optional[dict[str, Any]]) -> None:
    path = manifest_path(directory)
    with _FileLock(path + ".lock"):
        countries = read_manifest(directory)
        if entry is None:
            countries.pop(code, None)
        else:
            countries[code] = entry
        tmp = f"{path}.tmp.{os.getpid()}"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"format": 1, "countries": dict(sorted(countries.items()))}, f, indent=2, ensure_ascii=False)
            f.write("\n")
        os.replace(tmp, path)


def installed_countries(directory: Optional[str] = None) -> list[dict[str, Any]]:
    """One dict per installed dump index: the manifest's entry, or what the index says of itself
    for a dump indexed with ``geonames_dump.install_dump`` (``url`` None)."""
    d = directory or cache_dir()
    manifest = read_manifest(d)
    out: list[dict[str, Any]] = []
    for path in installed_dump_paths(d):
        code = os.path.basename(path)[len("geonames-dump-"):-len(".sqlite")]
        entry = manifest.get(code)
        if entry is None:
            meta = read_meta(path)
            entry = {"code": code, "url": None, "size": None, "sha256": None,
                     "rows": int(meta["places"]) if meta.get("places", "").isdigit() else None,
                     "installed_at": meta.get("built_at")}
        out.append({**entry, "code": code, "index": path, "index_bytes": os.path.getsize(path)})
    return out


def remove_country(code: str, directory: Optional[str] = None) -> bool:
    """Delete a country's index, manifest entry and leftover downloads; False when none was there."""
    d = directory or cache_dir()
    code = (code or "").strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        # the code becomes part of file names: "../../x" must never reach os.remove
        raise InputError("not an ISO 3166 alpha-2 country code (two letters, e.g. RU)",
                         code=BAD_CODE, input=repr(code))
    removed = False
    dl = os.path.join(d, DOWNLOADS)
    for p in (index_path(code, d), os.path.join(dl, f"{code}.zip")):
        if os.path.dirname(os.path.realpath(p)) not in (os.path.realpath(d), os.path.realpath(dl)):
            raise InputError(f"{p} is outside the gazetteer directory {d}", code=BAD_CODE, input=repr(code))
    with _FileLock(os.path.join(dl, f"{code}.lock")) if os.path.isdir(dl) else _nolock():
        for p in (index_path(code, d), *(os.path.join(dl, f"{code}{s}") for s in (".zip", ".zip.part", ".zip.part.json"))):
            if os.path.exists(p):
                os.remove(p)
                removed = True
        if code in read_manifest(d):
            _update_manifest(d, code, None)
            removed = True
    _refresh_default(d)
    return removed


class _nolock:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None


def _refresh_default(directory: str) -> None:
    """The next :func:`default_gazetteer` (and every Extractor made after this) sees the change."""
    if os.path.abspath(directory) == os.path.abspath(cache_dir()):
        set_default_gazetteer(None)


# ---------------------------------------------------------------------------------------
# install
# ---------------------------------------------------------------------------------------
def install_countries(codes: Iterable[str], *, base_url: str = GEONAMES_DUMP_URL, directory: Optional[str] = None,
                      client: Any = None, progress: Optional[ProgressCallback] = None, force: bool = False,
                      sha256: Optional[Mapping[str, str]] = None, retries: int = 3,
                      keep_download: bool = False, retry_wait: float = 1.0) -> list[InstallResult]:
    """Download, verify and index the GeoNames dump of each country code; one result per code.

    ``client`` is an ``httpx.Client`` to use (else one is made and closed);
    ``sha256`` maps codes to the expected SHA-256 of their zip; ``retries`` is
    how many times one call resumes an interrupted download before giving up
    (the part file stays for the next call); ``keep_download`` keeps
    ``downloads/CC.zip`` after indexing. Bad codes raise InputError before
    anything is fetched; everything else that goes wrong with one country is
    in its result (``status="failed"``, ``error``).
    """
    import httpx

    todo = normalize_codes(codes)
    expected = {k.upper(): v.lower() for k, v in (sha256 or {}).items()}
    stray = sorted(set(expected) - set(todo))
    if stray:
        raise UsageError(f"--sha256 given for {', '.join(stray)}, which is not being installed")
    d = os.path.abspath(directory or cache_dir())
    os.makedirs(os.path.join(d, DOWNLOADS), exist_ok=True)
    own = client is None
    if own:
        from .. import __version__
        client = httpx.Client(follow_redirects=True, timeout=httpx.Timeout(30.0, read=120.0),
                              headers={"User-Agent": f"claimledger/{__version__} (+gazetteer install)"})
    base = base_url if base_url.endswith("/") else base_url + "/"
    results: list[InstallResult] = []
    try:
        for code in todo:
            url = urljoin(base, f"{code}.zip")
            try:
                with _FileLock(os.path.join(d, DOWNLOADS, f"{code}.lock")):
                    res = _install_one(client, code, url, d, progress=progress, force=force,
                                       expected=expected.get(code), retries=retries,
                                       keep_download=keep_download, retry_wait=retry_wait)
            except ClaimLedgerError as e:
                res = InstallResult(code, "failed", url, error=e, message=str(e))
            except Exception as e:  # an unexpected error for one country never stops the others
                err = DumpInstallError(f"install failed: {type(e).__name__}: {e}", input=f"{code} ({url})")
                res = InstallResult(code, "failed", url, error=err, message=str(err))
            if res.status == "failed":
                _emit(progress, ProgressEvent(code, "failed", message=res.message))
            results.append(res)
    finally:
        if own:
            client.close()
        _refresh_default(d)
    return results


def _emit(progress: Optional[ProgressCallback], ev: ProgressEvent) -> None:
    if progress is not None:
        progress(ev)


def _install_one(client, code: str, url: str, d: str, *, progress, force: bool, expected: Optional[str],
                 retries: int, keep_download: bool, retry_wait: float) -> InstallResult:
    where = f"{code} ({url})"
    out = index_path(code, d)
    entry = read_manifest(d).get(code)
    current = (entry is not None and os.path.exists(out) and not force
               and (expected is None or entry.get("sha256") == expected)
               and entry.get("url") == url)
    dl = os.path.join(d, DOWNLOADS)
    zip_path = os.path.join(dl, f"{code}.zip")
    got = _fetch(client, url, zip_path, code=code, where=where, progress=progress,
                 validators=(entry.get("etag"), entry.get("last_modified")) if current else None,
                 retries=retries, retry_wait=retry_wait)
    if got.status == "not-modified":
        _emit(progress, ProgressEvent(code, "skipped", message=got.message))
        return InstallResult(code, "skipped", url, path=out, rows=entry.get("rows"), size=entry.get("size"),
                             sha256=entry.get("sha256"), message=got.message)
    try:
        _emit(progress, ProgressEvent(code, "verify", got.size, got.size))
        digest = _verify(zip_path, where=where, expected=expected)
        _emit(progress, ProgressEvent(code, "index", got.size, got.size))
        rows = _build_index(zip_path, out, code=code, where=where)
    except BaseException:
        _remove(zip_path)
        raise
    new_entry = {
        "code": code, "url": url, "size": got.size, "sha256": digest, "etag": got.etag,
        "last_modified": got.last_modified, "installed_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "rows": rows, "index": os.path.basename(out),
    }
    _update_manifest(d, code, new_entry)
    if not keep_download:
        _remove(zip_path)
    _emit(progress, ProgressEvent(code, "done", got.size, got.size, message=f"{rows} places"))
    return InstallResult(code, "installed", url, path=out, rows=rows, size=got.size, sha256=digest,
                         resumed_from=got.resumed_from)


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


# ---------------------------------------------------------------------------------------
# download
# ---------------------------------------------------------------------------------------
def _content_range(value: Optional[str]) -> tuple[Optional[int], Optional[int], Optional[int]]:
    """``bytes 100-199/1000`` -> (100, 199, 1000); ``bytes */1000`` -> (None, None, 1000)."""
    m = re.fullmatch(r"\s*bytes\s+(?:(\d+)-(\d+)|\*)/(\d+|\*)\s*", value or "")
    if not m:
        return None, None, None
    start = int(m.group(1)) if m.group(1) else None
    end = int(m.group(2)) if m.group(2) else None
    total = int(m.group(3)) if m.group(3) != "*" else None
    return start, end, total


def _int_header(value: Optional[str]) -> Optional[int]:
    return int(value) if value and value.strip().isdigit() else None


def _load_sidecar(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _save_sidecar(path: str, data: dict[str, Any]) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f)
    os.replace(tmp, path)


def _fetch(client, url: str, dest: str, *, code: str, where: str, progress, validators, retries: int,
           retry_wait: float) -> _Fetched:
    """Stream ``url`` into ``dest`` by way of ``dest.part``, resuming what an earlier attempt left."""
    import httpx

    part, side = dest + ".part", dest + ".part.json"
    _remove(dest)
    info = _load_sidecar(side)
    if os.path.exists(part) and info.get("url") != url:
        _remove(part)                               # a part of some other file
    if not os.path.exists(part):
        _remove(side)
        info = {}
    resumed_from = 0
    attempt = restarts = 0
    while True:
        have = os.path.getsize(part) if os.path.exists(part) else 0
        headers: dict[str, str] = {"Accept-Encoding": "identity"}    # byte ranges of the file itself
        if have:
            headers["Range"] = f"bytes={have}-"
            etag = info.get("etag")
            if etag and not etag.startswith("W/"):
                headers["If-Range"] = etag
            elif info.get("last_modified"):
                headers["If-Range"] = info["last_modified"]
        elif validators:
            etag, lm = validators
            if etag:
                headers["If-None-Match"] = etag
            if lm:
                headers["If-Modified-Since"] = lm
        try:
            with client.stream("GET", url, headers=headers) as r:
                status = r.status_code
                if status == 304 and validators and not have:
                    return _Fetched("not-modified", message="up to date (the server says it has not changed); "
                                                            "--force downloads it again")
                etag, lm = r.headers.get("etag"), r.headers.get("last-modified")
                if status == 200 and validators and not have and _same(validators, etag, lm):
                    return _Fetched("not-modified", etag=etag, last_modified=lm,
                                    message="up to date (same ETag / Last-Modified); --force downloads it again")
                if status == 416 and have:
                    _, _, total = _content_range(r.headers.get("content-range"))
                    if total is not None and total == have:
                        resumed_from = have
                        break                           # the part was already complete
                    restarts += 1
                    if restarts > 2:
                        raise DumpInstallError(f"the server refuses the range request (HTTP 416) for a {have}-byte "
                                               f"partial download", input=where)
                    _remove(part)
                    _remove(side)
                    info = {}
                    continue
                if status in _RETRY_STATUS:
                    raise _Retryable(f"HTTP {status} {r.reason_phrase}".strip())
                if status == 206 and have:
                    start, _, total = _content_range(r.headers.get("content-range"))
                    if start != have:
                        restarts += 1
                        if restarts > 2:
                            raise DumpInstallError(f"the server keeps answering a range request for bytes {have}- "
                                                   f"with another range ({r.headers.get('content-range')})",
                                                   input=where)
                        _remove(part)                   # not the range we asked for: start over
                        _remove(side)
                        info = {}
                        continue
                    mode, resumed_from = "ab", have
                    if total is None:
                        length = _int_header(r.headers.get("content-length"))
                        total = have + length if length is not None else None
                elif status == 200:
                    have, mode, resumed_from = 0, "wb", 0
                    total = _int_header(r.headers.get("content-length"))
                    if r.headers.get("content-encoding", "identity") not in ("identity", ""):
                        total = None                    # httpx decodes: the length is of the encoded body
                else:
                    raise DumpInstallError(f"could not download: HTTP {status} {r.reason_phrase}".rstrip(),
                                           input=where)
                info = {"url": url, "etag": etag, "last_modified": lm, "total": total}
                _save_sidecar(side, info)
                _emit(progress, ProgressEvent(code, "start", have, total))
                done = have
                with open(part, mode) as f:
                    for chunk in r.iter_bytes():        # as received: nothing buffered is lost if cut off
                        f.write(chunk)
                        done += len(chunk)
                        _emit(progress, ProgressEvent(code, "download", done, total))
                if total is not None and done != total:
                    raise _Retryable(f"the transfer ended at {done} of {total} bytes")
            break
        except (httpx.TransportError, _Retryable) as e:
            attempt += 1
            if attempt > retries:
                kept = os.path.getsize(part) if os.path.exists(part) else 0
                tail = f"; {kept} bytes kept in {part}, the next install resumes there" if kept else ""
                raise DumpInstallError(f"could not download: {_describe(e)}{tail}", input=where) from None
            time.sleep(min(retry_wait * attempt, 30.0))
        except httpx.HTTPError as e:
            raise DumpInstallError(f"could not download: {_describe(e)}", input=where) from None
    size = os.path.getsize(part)
    total = info.get("total")
    if total is not None and size != total:
        _remove(part)
        _remove(side)
        raise DumpInstallError(f"downloaded {size} bytes, the server announced {total}", code=CORRUPT, input=where)
    os.replace(part, dest)
    _remove(side)
    return _Fetched("downloaded", etag=info.get("etag"), last_modified=info.get("last_modified"), size=size,
                    resumed_from=resumed_from)


class _Retryable(Exception):
    pass


def _describe(e: BaseException) -> str:
    msg = str(e).strip()
    return f"{type(e).__name__}: {msg}" if msg else type(e).__name__


def _same(validators, etag: Optional[str], lm: Optional[str]) -> bool:
    old_etag, old_lm = validators
    if old_etag and etag:
        return old_etag == etag
    return bool(old_lm and lm and old_lm == lm)


# ---------------------------------------------------------------------------------------
# verify and index
# ---------------------------------------------------------------------------------------
def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _verify(path: str, *, where: str, expected: Optional[str]) -> str:
    """The file's SHA-256, after checking every member's CRC and the expected digest."""
    digest = sha256_file(path)
    if expected and digest != expected:
        raise DumpInstallError(f"SHA-256 mismatch: expected {expected}, the download is {digest}; "
                               f"not installed", code=CHECKSUM_MISMATCH, input=where)
    try:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as e:
        raise DumpInstallError(f"the download is not a sound zip ({_describe(e)}); not installed",
                               code=CORRUPT, input=where) from None
    if bad is not None:
        raise DumpInstallError(f"the download is corrupt (CRC error in {bad}); not installed",
                               code=CORRUPT, input=where)
    return digest


def _build_index(zip_path: str, out: str, *, code: str, where: str) -> int:
    tmp = out + ".new"                  # not *.sqlite: default_gazetteer() never sees it half-built
    _remove(tmp)
    try:
        info = build_dump_index(zip_path, tmp)
        if not info["places"]:
            raise DumpInstallError("the dump holds no populated places or administrative divisions; "
                                   "not installed", code=BAD_DUMP, input=where)
        if code not in info["countries"]:
            raise DumpInstallError(f"the dump is not {code}'s (its places are in "
                                   f"{', '.join(info['countries'][:5])}); not installed", code=BAD_DUMP, input=where)
        os.replace(tmp, out)
    except DumpFormatError as e:
        raise DumpInstallError(f"not a GeoNames dump: {e}; not installed", code=BAD_DUMP, input=where) from None
    finally:
        _remove(tmp)
    return int(info["places"])


# ---------------------------------------------------------------------------------------
# command line: claimledger gazetteer install|list|remove
# ---------------------------------------------------------------------------------------
def add_gazetteer_parser(subparsers) -> Any:
    """Add ``gazetteer`` (with ``install``, ``list``, ``remove``) to a CLI's subparsers.

    Each action sets ``func(args, settings) -> exit status``: 0 all done, 1 some
    country failed (each named on stderr with its reason).
    """
    p = subparsers.add_parser(
        "gazetteer", help="install GeoNames country dumps so villages get coordinates",
        description="Manage GeoNames country dumps. cities500, the built-in gazetteer, lacks most villages; "
                    "an installed country dump (RU, UA, SD, MM, ...) gives them coordinates and admin1 "
                    "regions. Dumps live in the cache directory ($CLAIMLEDGER_CACHE, else "
                    "$XDG_CACHE_HOME/claimledger, else ~/.cache/claimledger).")
    gsub = p.add_subparsers(dest="gazetteer_command", required=True, metavar="ACTION")

    i = gsub.add_parser("install", help="download and index country dumps (resumable, checksummed)",
                        description="Download CC.zip from GeoNames for each country code, check it and index "
                                    "it. An interrupted download resumes; a dump already installed is "
                                    "fetched again only when the server's copy changed (or with --force).")
    i.add_argument("codes", nargs="+", metavar="CC", help="ISO 3166 alpha-2 country code")
    i.add_argument("--force", action="store_true", help="download again even when the dump is up to date")
    i.add_argument("--base-url", default=GEONAMES_DUMP_URL, metavar="URL",
                   help=f"where CC.zip files are (default {GEONAMES_DUMP_URL})")
    i.add_argument("--sha256", action="append", default=[], metavar="CC=HEX",
                   help="refuse CC's download unless its SHA-256 is HEX (repeatable)")
    i.add_argument("--quiet", action="store_true", help="no progress bar")
    i.set_defaults(func=lambda args, settings: cmd_gazetteer_install(args))

    ls = gsub.add_parser("list", help="list installed country dumps")
    ls.set_defaults(func=lambda args, settings: cmd_gazetteer_list(args))

    rm = gsub.add_parser("remove", help="delete installed country dumps")
    rm.add_argument("codes", nargs="+", metavar="CC")
    rm.set_defaults(func=lambda args, settings: cmd_gazetteer_remove(args))
    return p


def _human(n: Optional[int]) -> str:
    if n is None:
        return "-"
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return str(n)


class _RichProgress:
    """A rich progress bar (one task per country, bytes with a total when known) fed by ProgressEvents."""

    def __init__(self, console):
        from rich.progress import (BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn,
                                   TransferSpeedColumn)
        self.bar = Progress(TextColumn("{task.description:<14}"), BarColumn(), DownloadColumn(),
                            TransferSpeedColumn(), TimeRemainingColumn(), console=console, transient=True)
        self.tasks: dict[str, Any] = {}

    def __enter__(self):
        self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)

    def __call__(self, ev: ProgressEvent) -> None:
        task = self.tasks.get(ev.code)
        if task is None and ev.phase in ("skipped", "failed"):
            return                                  # reported after the bar, nothing to draw
        if task is None:
            task = self.tasks[ev.code] = self.bar.add_task(f"{ev.code} download", total=ev.total)
        if ev.phase in ("start", "download"):
            self.bar.update(task, completed=ev.done, total=ev.total)
        elif ev.phase in ("verify", "index"):
            self.bar.update(task, description=f"{ev.code} {'checking' if ev.phase == 'verify' else 'indexing'}",
                            completed=ev.done, total=ev.total or ev.done)
        else:
            self.bar.update(task, description=f"{ev.code} {ev.phase}", visible=False)


def cmd_gazetteer_install(args) -> int:
    from rich.console import Console

    expected = parse_sha256_options(args.sha256)
    codes = normalize_codes(args.codes)          # bad codes: InputError before anything is fetched
    console = Console(stderr=True)
    if args.quiet:
        results = install_countries(codes, base_url=args.base_url, force=args.force, sha256=expected)
    else:
        with _RichProgress(console) as bar:
            results = install_countries(codes, base_url=args.base_url, force=args.force, sha256=expected,
                                        progress=bar)
    for r in results:
        if r.status == "installed":
            resumed = f", resumed at {_human(r.resumed_from)}" if r.resumed_from else ""
            console.print(f"[green]installed[/green] {r.code}: {r.rows:,} places ({_human(r.size)}{resumed}, "
                          f"sha256 {r.sha256[:16]}...) -> {r.path}", highlight=False, soft_wrap=True)
        elif r.status == "skipped":
            console.print(f"[cyan]skipped[/cyan] {r.code}: {r.message}", highlight=False, soft_wrap=True)
        else:
            console.print(f"[red]failed[/red] {r.message}", highlight=False, soft_wrap=True, markup=True)
    failed = sum(1 for r in results if not r.ok)
    print(f"countries {len(results)}: installed {sum(r.status == 'installed' for r in results)}, "
          f"up to date {sum(r.status == 'skipped' for r in results)}, failed {failed}; cache {cache_dir()}",
          file=sys.stderr)
    return 1 if failed else 0


def cmd_gazetteer_list(args) -> int:
    from rich.console import Console
    from rich.table import Table

    rows = installed_countries()
    if not rows:
        print(f"no country dumps installed in {cache_dir()}", file=sys.stderr)
        return 0
    table = Table(show_lines=False, expand=False)
    for col in ("country", "places", "size", "installed", "sha256"):
        table.add_column(col, overflow="fold")
    for e in rows:
        table.add_row(e["code"], f"{e['rows']:,}" if isinstance(e.get("rows"), int) else "-",
                      _human(e.get("size") if e.get("size") is not None else e.get("index_bytes")),
                      str(e.get("installed_at") or "-")[:10], (e.get("sha256") or "-")[:16])
    out = sys.stdout
    Console(file=out, width=None if out.isatty() else 200).print(table)
    return 0


def cmd_gazetteer_remove(args) -> int:
    from ..terminal import clean
    missing = 0
    for raw in args.codes:
        code = raw.strip().upper()
        try:
            gone = remove_country(code)
        except InputError as exc:
            print(clean(exc), file=sys.stderr)
            missing += 1
            continue
        if gone:
            print(f"removed {code}", file=sys.stderr)
        else:
            print(f"{code}: not installed in {cache_dir()}", file=sys.stderr)
            missing += 1
    return 1 if missing else 0


__all__ = [
    "GEONAMES_DUMP_URL", "DumpInstallError", "InstallResult", "ProgressEvent", "add_gazetteer_parser",
    "index_path", "install_countries", "installed_countries", "manifest_path", "normalize_codes",
    "parse_sha256_options", "read_manifest", "remove_country", "sha256_file",
]
