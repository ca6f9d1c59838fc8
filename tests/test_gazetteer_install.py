"""``claimledger gazetteer install``: GeoNames country dumps downloaded from a real HTTP server on
127.0.0.1 (http.server in a thread, with Range, If-Range and conditional requests), verified and
indexed, then used by the extractor.

The served ``RU.zip`` is written here in the GeoNames dump format (19 tab-separated columns):
Kursk Oblast (admin1 "41"), Sudzha, the seed's three villages with invented ids (90000000x) and
plausible coordinates, a Voronezh namesake and a few thousand filler villages so the zip is big
enough to be cut off mid-transfer.
"""
from __future__ import annotations

import argparse
import hashlib
import http.server
import io
import json
import os
import random
import re
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from claimledger.errors import InputError, UsageError
from claimledger.places import LocalDumpGazetteer, default_gazetteer, ensure_default_index, set_default_gazetteer
from claimledger.places.gazetteer import default_index_path, installed_dump_paths
from claimledger.places.install import (BAD_DUMP, CHECKSUM_MISMATCH, CORRUPT, DOWNLOAD_FAILED, ProgressEvent,
                                        add_gazetteer_parser, install_countries, installed_countries,
                                        read_manifest, remove_country)
from conftest import EXAMPLES

SEED = EXAMPLES / "seed_kursk"

VILLAGES = {  # name -> (geonameid, lat, lon)
    "Plekhovo": (900000001, 51.2195, 35.1283),
    "Vorobzha": (900000002, 51.2281, 35.1941),
    "Martynovka": (900000003, 51.2543, 35.2421),
}


def _row(gid, name, alts, lat, lon, fclass, fcode, admin1, admin2="", pop="0"):
    return [str(gid), name, name, alts, str(lat), str(lon), fclass, fcode, "RU", "", admin1, admin2, "", "",
            pop, "", "180", "Europe/Moscow", "2024-01-10"]


def _ru_rows(filler: int = 3000) -> list[list[str]]:
    rows = [
        _row(514801, "Kursk Oblast", "Kurskaya Oblast',Kursk Region,Курская область", 51.5, 36.25, "A", "ADM1",
             "41", pop="1082458"),
        _row(900000010, "Sudzhanskiy Rayon", "Sudzhansky District,Суджанский район", 51.2, 35.25, "A", "ADM2",
             "41", "900000010", "21000"),
        _row(486816, "Sudzha", "Soudja,Sudscha,Sudzha,Суджа", 51.19055, 35.27195, "P", "PPLA2", "41",
             "900000010", "5456"),
        _row(VILLAGES["Plekhovo"][0], "Plekhovo", "Plehovo,Плехово", *VILLAGES["Plekhovo"][1:], "P", "PPL",
             "41", "900000010", "120"),
        _row(VILLAGES["Vorobzha"][0], "Vorobzha", "Vorobža,Воробжа", *VILLAGES["Vorobzha"][1:], "P", "PPL",
             "41", "900000010", "600"),
        _row(VILLAGES["Martynovka"][0], "Martynovka", "Мартыновка", *VILLAGES["Martynovka"][1:], "P", "PPL",
             "41", "900000010", "300"),
        _row(900000004, "Martynovka", "Мартыновка", 51.3012, 39.5120, "P", "PPL", "86", pop="150"),
        _row(900000005, "Psyol", "Psel,Псёл", 51.15, 35.3, "H", "STM", "41"),       # not indexed (class H)
    ]
    rnd = random.Random(41)
    letters = "abcdefghiklmnoprstuvyz"
    for i in range(filler):
        name = "".join(rnd.choice(letters) for _ in range(rnd.randint(5, 11))).capitalize() + "ovka"
        rows.append(_row(910000000 + i, name, "", round(rnd.uniform(49.6, 52.0), 4), round(rnd.uniform(38.0, 42.0), 4),
                         "P", "PPL", "86", pop=str(rnd.randint(0, 900))))
    return rows


def _zip(rows: list[list[str]], member: str = "RU.txt") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("readme.txt", "Readme for GeoNames Gazetteer extract files\n")
        z.writestr(member, "".join("\t".join(r) + "\n" for r in rows))
    return buf.getvalue()


RU_ROWS = _ru_rows()
RU_ZIP = _zip(RU_ROWS)
RU_PLACES = sum(1 for r in RU_ROWS if r[6] in "PA")


def _corrupt(data: bytes) -> bytes:
    """The same zip with bytes flipped inside RU.txt's compressed data: the CRC check must fail."""
    b = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo("RU.txt")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    mid = start + info.compress_size // 2
    for i in range(mid, mid + 8):
        b[i] ^= 0x5A
    return bytes(b)


# ---------------------------------------------------------------------------------------
# the server
# ---------------------------------------------------------------------------------------
class DumpServer:
    """Serves ``files`` under /export/dump/ with Range / If-Range / If-None-Match / If-Modified-Since."""

    def __init__(self):
        self.files: dict[str, tuple[bytes, str, str]] = {}     # name -> (body, etag, last-modified)
        self.requests: list[dict] = []
        self.cut: dict[str, int] = {}          # name -> send this many bytes of the next response, then close
        self.ranges = True                     # honour Range
        self.conditional = True                # honour If-None-Match / If-Modified-Since
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.dump = self
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/export/dump/"

    def url(self, name: str) -> str:
        return self.base_url + name

    def put(self, name: str, body: bytes, etag: str | None = None,
            last_modified: str = "Tue, 17 Dec 2024 01:23:45 GMT") -> None:
        self.files[name] = (body, etag or f'"{hashlib.md5(body).hexdigest()[:12]}"', last_modified)

    def gets(self, name: str) -> list[dict]:
        return [r for r in self.requests if r["path"].endswith("/" + name)]


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):   # quiet
        pass

    def do_GET(self):
        srv: DumpServer = self.server.dump
        h = {k.lower(): v for k, v in self.headers.items()}
        rec = {"path": self.path, "headers": h, "status": None}
        srv.requests.append(rec)
        name = self.path.rsplit("/", 1)[-1]
        if not self.path.startswith("/export/dump/") or name not in srv.files:
            rec["status"] = 404
            self.send_error(404, "Not Found")
            return
        body, etag, lm = srv.files[name]
        if srv.conditional and (h.get("if-none-match") == etag
                                or ("if-none-match" not in h and h.get("if-modified-since") == lm)):
            rec["status"] = 304
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        start = 0
        rng = h.get("range")
        if rng and srv.ranges and h.get("if-range", etag) in (etag, lm):
            m = re.fullmatch(r"bytes=(\d+)-", rng)
            assert m, rng
            start = int(m.group(1))
            if start >= len(body):
                rec["status"] = 416
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(body)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        payload = body[start:]
        rec["status"] = 206 if start else 200
        self.send_response(rec["status"])
        self.send_header("Content-Type", "application/zip")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", lm)
        self.send_header("Accept-Ranges", "bytes")
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        self.end_headers()
        cut = srv.cut.pop(name, None)
        if cut is not None:
            self.wfile.write(payload[:cut])
            self.wfile.flush()
            self.close_connection = True       # the client sees fewer bytes than Content-Length
            return
        self.wfile.write(payload)


@pytest.fixture()
def server():
    s = DumpServer()
    s.put("RU.zip", RU_ZIP)
    s.thread.start()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


@pytest.fixture()
def cdir(tmp_path) -> str:
    return str(tmp_path / "cache")


def _install(server, cdir, codes=("RU",), **kw):
    kw.setdefault("retry_wait", 0)
    return install_countries(list(codes), base_url=server.base_url, directory=cdir, **kw)


# ---- the default cities500 index, built once per session (see test_places.py) --------------
@pytest.fixture(scope="session")
def index_dir(tmp_path_factory):
    env = os.environ.get("CLAIMLEDGER_TEST_CACHE")
    if env:
        d = env
    else:
        base = tmp_path_factory.getbasetemp()
        if os.environ.get("PYTEST_XDIST_WORKER"):
            base = base.parent
        d = str(base / "claimledger-gazetteer")
    ensure_default_index(d)
    return d


@pytest.fixture()
def cache_env(index_dir, tmp_path, monkeypatch):
    """CLAIMLEDGER_CACHE -> an empty cache directory that shares the session's cities500 index (a symlink)."""
    d = tmp_path / "claimledger-cache"
    d.mkdir()
    os.symlink(default_index_path(index_dir), default_index_path(str(d)))
    monkeypatch.setenv("CLAIMLEDGER_CACHE", str(d))
    set_default_gazetteer(None)
    yield str(d)
    set_default_gazetteer(None)


# ---------------------------------------------------------------------------------------
# install
# ---------------------------------------------------------------------------------------
def test_install_downloads_verifies_and_indexes(server, cdir):
    events: list[ProgressEvent] = []
    [r] = _install(server, cdir, progress=events.append)
    assert (r.status, r.code, r.url, r.rows, r.size) == ("installed", "RU", server.url("RU.zip"), RU_PLACES, len(RU_ZIP))
    assert r.sha256 == hashlib.sha256(RU_ZIP).hexdigest() and r.resumed_from == 0
    assert r.path == os.path.join(cdir, "geonames-dump-RU.sqlite") and installed_dump_paths(cdir) == [r.path]
    # the manifest beside the index
    m = read_manifest(cdir)["RU"]
    assert {k: m[k] for k in ("code", "url", "size", "sha256", "rows")} == \
        {"code": "RU", "url": r.url, "size": len(RU_ZIP), "sha256": r.sha256, "rows": RU_PLACES}
    assert m["etag"] == server.files["RU.zip"][1] and m["last_modified"] == server.files["RU.zip"][2]
    assert re.match(r"\d{4}-\d\d-\d\dT", m["installed_at"])
    # nothing left in downloads/ but the lock
    assert sorted(os.listdir(os.path.join(cdir, "downloads"))) == ["RU.lock"]
    # progress: bytes with the total the server gave, then verify, index, done
    dl = [e for e in events if e.phase in ("start", "download")]
    assert dl[0].phase == "start" and dl[0].total == len(RU_ZIP) and dl[-1].done == len(RU_ZIP)
    assert [e.phase for e in events if e.phase not in ("start", "download")] == ["verify", "index", "done"]
    # the rows are searchable
    g = LocalDumpGazetteer(r.path)
    for name, (gid, lat, lon) in VILLAGES.items():
        p = g.resolve(name, admin1="Kursk", country="RU")
        assert (p.geonames_id, p.admin1, p.country, p.geo_precision) == (gid, "Kursk Oblast", "RU", 1)
        assert (p.lat, p.lon) == (pytest.approx(lat), pytest.approx(lon))
    assert g.resolve("Воробжа").geonames_id == VILLAGES["Vorobzha"][0]


def test_installed_dump_joins_the_default_gazetteer(server, cache_env):
    before = default_gazetteer()
    assert before.resolve("Vorobzha", admin1="Kursk", country="RU").geonames_id is None  # cities500 lacks it
    [r] = install_countries(["ru"], base_url=server.base_url, retry_wait=0)             # default directory
    assert r.status == "installed" and os.path.dirname(r.path) == cache_env
    after = default_gazetteer()
    assert after is not before                                                          # the cached one was reset
    p = after.resolve("Vorobzha", admin1="Kursk", country="RU")
    assert (p.geonames_id, p.lat, p.geo_precision) == (VILLAGES["Vorobzha"][0], pytest.approx(51.2281), 1)
    assert after.resolve("Kharkiv").country == "UA"                                     # cities500 still behind it
    # a new process sees it too
    code = ("from claimledger.places import resolve; p = resolve('Plekhovo', admin1='Kursk', country='RU'); "
            "print(p.geonames_id, p.lat)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "CLAIMLEDGER_CACHE": cache_env})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [str(VILLAGES["Plekhovo"][0]), str(VILLAGES["Plekhovo"][1])]


def test_interrupted_download_resumes_with_a_range_request(server, cdir):
    server.cut["RU.zip"] = 20_000
    [r] = _install(server, cdir, keep_download=True)
    assert r.status == "installed" and r.resumed_from == 20_000
    first, second = server.gets("RU.zip")
    assert first["status"] == 200 and "range" not in first["headers"]
    assert second["headers"]["range"] == "bytes=20000-" and second["status"] == 206
    assert second["headers"]["if-range"] == server.files["RU.zip"][1]
    assert Path(cdir, "downloads", "RU.zip").read_bytes() == RU_ZIP                    # byte-identical
    assert read_manifest(cdir)["RU"]["sha256"] == hashlib.sha256(RU_ZIP).hexdigest()


def test_a_later_install_resumes_what_a_failed_one_left(server, cdir):
    server.cut["RU.zip"] = 12_345
    [r] = _install(server, cdir, retries=0)
    assert r.status == "failed" and r.error.code == DOWNLOAD_FAILED
    assert "RU" in r.message and server.url("RU.zip") in r.message and "resumes" in r.message
    part = Path(cdir, "downloads", "RU.zip.part")
    assert part.stat().st_size == 12_345 and not installed_dump_paths(cdir)
    [r] = _install(server, cdir, keep_download=True)
    assert r.status == "installed" and r.resumed_from == 12_345
    assert server.gets("RU.zip")[-1]["headers"]["range"] == "bytes=12345-"
    assert Path(cdir, "downloads", "RU.zip").read_bytes() == RU_ZIP and not part.exists()


def test_a_server_ignoring_ranges_restarts_the_file(server, cdir):
    server.cut["RU.zip"] = 9_000
    _install(server, cdir, retries=0)
    server.ranges = False                                  # answers the Range request with the whole file
    [r] = _install(server, cdir, keep_download=True)
    assert r.status == "installed" and r.resumed_from == 0
    assert server.gets("RU.zip")[-1]["status"] == 200
    assert Path(cdir, "downloads", "RU.zip").read_bytes() == RU_ZIP


def test_a_complete_part_gets_416_and_is_used(server, cdir):
    dl = Path(cdir, "downloads")
    dl.mkdir(parents=True)
    (dl / "RU.zip.part").write_bytes(RU_ZIP)
    (dl / "RU.zip.part.json").write_text(json.dumps({"url": server.url("RU.zip"), "etag": server.files["RU.zip"][1],
                                                     "last_modified": None, "total": len(RU_ZIP)}))
    [r] = _install(server, cdir)
    assert r.status == "installed" and r.rows == RU_PLACES
    assert [g["status"] for g in server.gets("RU.zip")] == [416]


def test_a_changed_file_on_the_server_is_not_spliced(server, cdir):
    server.cut["RU.zip"] = 10_000
    _install(server, cdir, retries=0)
    new = _zip(_ru_rows(filler=2500))
    server.put("RU.zip", new)                              # new ETag: If-Range fails, the server sends it whole
    [r] = _install(server, cdir, keep_download=True)
    assert r.status == "installed" and r.resumed_from == 0 and r.sha256 == hashlib.sha256(new).hexdigest()
    assert server.gets("RU.zip")[-1]["headers"]["range"] == "bytes=10000-"
    assert server.gets("RU.zip")[-1]["status"] == 200


def test_a_corrupt_zip_is_refused_and_the_installed_index_kept(server, cdir):
    [good] = _install(server, cdir)
    index_bytes = Path(good.path).read_bytes()
    entry = read_manifest(cdir)["RU"]
    server.put("RU.zip", _corrupt(RU_ZIP))                 # a new ETag, so it is downloaded
    [r] = _install(server, cdir)
    assert r.status == "failed" and r.error.code == CORRUPT and ("CRC" in r.message or "zip" in r.message)
    assert "RU" in r.message and server.url("RU.zip") in r.message
    assert Path(good.path).read_bytes() == index_bytes     # the installed index is untouched
    assert read_manifest(cdir)["RU"] == entry
    assert sorted(os.listdir(os.path.join(cdir, "downloads"))) == ["RU.lock"]
    assert LocalDumpGazetteer(good.path).resolve("Plekhovo", admin1="Kursk").geonames_id == VILLAGES["Plekhovo"][0]


def test_a_truncated_zip_without_content_length_check_is_refused(server, cdir):
    server.put("RU.zip", RU_ZIP[: len(RU_ZIP) // 2])       # a whole response, of half a zip
    [r] = _install(server, cdir)
    assert r.status == "failed" and r.error.code == CORRUPT and not installed_dump_paths(cdir)


def test_sha256_mismatch_is_refused(server, cdir):
    [r] = _install(server, cdir, sha256={"RU": "0" * 64})
    assert r.status == "failed" and r.error.code == CHECKSUM_MISMATCH
    assert "0" * 64 in r.message and hashlib.sha256(RU_ZIP).hexdigest() in r.message
    assert not installed_dump_paths(cdir) and read_manifest(cdir) == {}
    assert sorted(os.listdir(os.path.join(cdir, "downloads"))) == ["RU.lock"]
    [r] = _install(server, cdir, sha256={"ru": hashlib.sha256(RU_ZIP).hexdigest().upper()})
    assert r.status == "installed"


def test_one_country_missing_others_still_install(server, cdir):
    ua, ru = _install(server, cdir, codes=("UA", "RU"))
    assert (ua.status, ua.error.code, ru.status) == ("failed", DOWNLOAD_FAILED, "installed")
    assert "UA" in ua.message and server.url("UA.zip") in ua.message and "404" in ua.message
    assert len(server.gets("UA.zip")) == 1                 # a 404 is not retried
    assert list(read_manifest(cdir)) == ["RU"]


def test_network_error_names_country_and_url(cdir):
    [r] = install_countries(["RU"], base_url="http://127.0.0.1:9/dump/", directory=cdir, retries=1, retry_wait=0)
    assert r.status == "failed" and r.error.code == DOWNLOAD_FAILED
    assert "RU (http://127.0.0.1:9/dump/RU.zip)" in r.message and "ConnectError" in r.message


def test_a_dump_of_another_country_is_refused(server, cdir):
    server.put("UA.zip", RU_ZIP)
    [r] = _install(server, cdir, codes=("UA",))
    assert r.status == "failed" and r.error.code == BAD_DUMP and "not UA's" in r.message


def test_second_install_is_skipped_by_etag(server, cdir):
    [first] = _install(server, cdir)
    events: list[ProgressEvent] = []
    [again] = _install(server, cdir, progress=events.append)
    assert again.status == "skipped" and again.rows == first.rows and again.sha256 == first.sha256
    req = server.gets("RU.zip")[-1]
    assert req["headers"]["if-none-match"] == server.files["RU.zip"][1] and req["status"] == 304
    assert [e.phase for e in events] == ["skipped"]
    # a server that ignores conditional requests: the same ETag on its 200 is enough, the body is not read
    server.conditional = False
    [again] = _install(server, cdir)
    assert again.status == "skipped" and server.gets("RU.zip")[-1]["status"] == 200
    # --force downloads it again; a changed file is downloaded without it
    [forced] = _install(server, cdir, force=True)
    assert forced.status == "installed" and "if-none-match" not in server.gets("RU.zip")[-1]["headers"]
    server.conditional = True
    server.put("RU.zip", _zip(_ru_rows(filler=100)))
    [changed] = _install(server, cdir)
    assert changed.status == "installed" and changed.rows == 7 + 100


def test_bad_codes_are_refused_before_anything_is_fetched(server, cdir):
    for bad in ("RUS", "ZZ", "R1", ""):
        with pytest.raises(InputError, match=re.escape(repr(bad))):
            _install(server, cdir, codes=("RU", bad))
    assert server.requests == []
    with pytest.raises(UsageError, match="UA"):
        _install(server, cdir, sha256={"UA": "0" * 64})


# ---------------------------------------------------------------------------------------
# the command line
# ---------------------------------------------------------------------------------------
def _cli(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="claimledger")
    sub = ap.add_subparsers(dest="command", required=True)
    add_gazetteer_parser(sub)
    args = ap.parse_args(argv)
    return args.func(args, None)


def test_cli_install_list_remove(server, cache_env, capsys):
    assert _cli(["gazetteer", "install", "RU", "--base-url", server.base_url]) == 0
    err = capsys.readouterr().err
    assert "installed RU" in err and f"{RU_PLACES:,} places" in err
    assert _cli(["gazetteer", "install", "RU", "--base-url", server.base_url, "--quiet"]) == 0
    assert "skipped RU" in capsys.readouterr().err
    assert _cli(["gazetteer", "list"]) == 0
    out = capsys.readouterr().out
    assert re.search(rf"RU\s*│\s*{RU_PLACES:,}\s*│", out), out
    [entry] = installed_countries()
    assert entry["code"] == "RU" and entry["rows"] == RU_PLACES
    # one country failing makes the exit status 1
    assert _cli(["gazetteer", "install", "SD", "RU", "--base-url", server.base_url, "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "failed SD" in err and "404" in err and "skipped RU" in err
    # a bad --sha256 value is a usage error
    with pytest.raises(UsageError):
        _cli(["gazetteer", "install", "RU", "--sha256", "RU=abc", "--base-url", server.base_url])
    assert _cli(["gazetteer", "remove", "RU"]) == 0
    assert not installed_dump_paths() and read_manifest() == {}
    assert _cli(["gazetteer", "remove", "RU"]) == 1
    assert _cli(["gazetteer", "list"]) == 0
    assert "no country dumps installed" in capsys.readouterr().err


def test_list_shows_a_dump_installed_from_a_local_file(tmp_path, cdir):
    from claimledger.places.geonames_dump import install_dump

    z = tmp_path / "MM.zip"
    z.write_bytes(_zip([[*r[:8], "MM", *r[9:]] for r in RU_ROWS[:6]], member="MM.txt"))
    install_dump(str(z), directory=cdir)
    [e] = installed_countries(cdir)
    assert (e["code"], e["rows"], e["url"]) == ("MM", 6, None)
    assert remove_country("MM", cdir) and installed_countries(cdir) == []


# ---------------------------------------------------------------------------------------
# end to end: the seed article with and without the RU dump
# ---------------------------------------------------------------------------------------
def _seed_claims(extractor):
    from claimledger.api import read_documents
    from claimledger.extract.pipeline import Extractor

    set_default_gazetteer(None)
    fresh = Extractor(nlp=extractor.nlp)                   # its own PlaceFinder -> default_gazetteer() now
    [doc] = list(read_documents([str(SEED / "article.txt")], published="2024-12-17"))
    claims = fresh.extract_one(doc)
    for c in claims:
        c.document_path = doc.path
    return claims


def _village_places(claims) -> dict:
    out = {}
    for c in claims:
        for p in c.places:
            if p.name in VILLAGES or p.text in VILLAGES:
                out[p.text] = p
    return out


def _score(tmp_path, claims) -> dict:
    from claimledger.api import claims_jsonl
    from test_gold_acceptance import _score as score_jsonl

    jsonl = "".join(line + "\n" for line in claims_jsonl(claims))
    return score_jsonl(tmp_path, SEED / "gold.json", jsonl, False)


@pytest.mark.model
def test_seed_villages_get_the_dump_coordinates(server, cache_env, extractor, tmp_path):
    # without the dump: what the text says, the region's stand-in point, precision 2
    places = _village_places(_seed_claims(extractor))
    assert sorted(places) == sorted(VILLAGES)
    for name, p in places.items():
        assert (p.admin1, p.country, p.geonames_id, p.geo_precision) == ("Kursk Oblast", "RU", None, 2), p
        assert "stand-in" in p.reason
    # with it: the village's own record
    [r] = install_countries(["RU"], base_url=server.base_url, retry_wait=0)
    assert r.status == "installed"
    claims = _seed_claims(extractor)
    places = _village_places(claims)
    assert sorted(places) == sorted(VILLAGES)
    for name, p in places.items():
        gid, lat, lon = VILLAGES[name]
        assert (p.name, p.admin1, p.country, p.geonames_id, p.geo_precision) == \
            (name, "Kursk Oblast", "RU", gid, 1), p
        assert (p.lat, p.lon) == (pytest.approx(lat), pytest.approx(lon))
    # and the seed still scores F1 1.00 with every field right
    report = _score(tmp_path, claims)
    assert report["claims"]["f1"] == 1.0, report["summary"]
    assert sum(f["correct"] for f in report["fields"].values()) == sum(f["of"] for f in report["fields"].values())
    # removing it takes the coordinates away again
    assert remove_country("RU")
    assert all(p.geonames_id is None and p.geo_precision == 2 for p in _village_places(_seed_claims(extractor)).values())


def test_an_injected_client_is_used_and_left_open(server, cdir):
    import httpx

    seen = []
    with httpx.Client(event_hooks={"request": [lambda req: seen.append(str(req.url))]}) as client:
        [r] = install_countries(["RU"], base_url=server.base_url.rstrip("/"), directory=cdir, client=client)
        assert r.status == "installed" and seen == [server.url("RU.zip")]
        assert not client.is_closed
