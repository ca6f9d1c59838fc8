"""The site under load: a ledger of 1,000,000 synthetic claims in SQLite, the site served by
``claimledger serve`` in its own process on 127.0.0.1, and a load generator in another process
offering event, claim and search requests at fixed rates (open loop: requests leave on schedule
whatever the replies do, and latency counts from the scheduled time, so a slow server cannot hide
its queue). Reports p50/p95/p99 per rate and the highest rate held with p95 under 50 ms.

    python benchmarks/site_load.py [--claims 1000000] [--reconciled 20000] [--db PATH]
                                   [--rates 50,100,150,200,250,300,400] [--seconds 10] [--workers 2]
    python benchmarks/site_load.py build [--claims N]                 # only make the ledger
    python benchmarks/site_load.py load --url URL --ids FILE ...      # only the load generator

The ledger is built once and kept in the user cache, outside the checkout:
``$CLAIMLEDGER_CACHE`` (else ``$XDG_CACHE_HOME/claimledger``, else ``~/.cache/claimledger``)
``/site_load/claims-<N>-r<reconciled>-g<generator>.db``; it is written under a ``.partial`` name and
renamed when complete, so an interrupted build is never taken for a finished one. Later runs reuse it
(opening it applies any newer ledger migration once).

The ledger is made through the library API (``Ledger.add_document`` / ``add_claims``): documents of
20 claims each, with sources, parties, places with coordinates, figures and dates drawn from fixed
pools by a seeded generator; their words come from a vocabulary of 3,250 with Zipf frequencies (the
commonest is in about half the claims). Searches draw their words evenly from the vocabulary, as
searches for names and places mostly are; the report also times the commonest word alone. The first ``--reconciled`` claims are reconciled into events by the
real ``reconcile`` before the rest are added (reconciling a million synthetic claims would take
longer than the benchmark is worth; events' pages cost what their own claims cost, not the ledger's
size). Every request is bounded: rates are stepped up once each for ``--seconds``.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

WORDS = ("artillery shelling drone strike convoy checkpoint village bridge hospital market depot airfield "
         "battalion brigade militia rebels soldiers civilians fighters commander spokesman ministry governor "
         "offensive counterattack ambush raid siege withdrawal advance positions trenches outskirts highway "
         "railway substation refinery warehouse barracks school mosque church clinic shelter camp").split()
SYLLABLES = "ka ro mi den sul vat or tib lan gre po shu nek val dar im ost bel fen ur".split()
VOCABULARY = WORDS + [a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES[:8]]   # 3,250 words
ZIPF = [1.0 / (rank + 1) for rank in range(len(VOCABULARY))]   # word frequencies fall with rank, as in text
TYPES = ("casualties", "attack", "territorial_control", "deployment", "denial", "statement")
CUES = (("said", "say"), ("claimed", "claim"), ("reported", "report"), ("told reporters", "tell"),
        ("denied", "deny"), ("announced", "announce"))
COUNTRIES = ("UA", "RU", "SD", "SY", "CD", "ML", "MM", "YE", "LB", "IL", "ET", "SO", "BF", "NE", "HT")
CATEGORIES = ("killed", "wounded", "captured", "displaced", "destroyed")


GENERATOR = 1        # bump when the generated ledger changes, so a cached one is not reused


def cache_dir() -> Path:
    """The project's user cache (as the place index uses it), ``site_load/`` in it."""
    from claimledger.places.gazetteer import cache_dir as claimledger_cache
    return Path(claimledger_cache()) / "site_load"


def default_db(claims: int, reconciled: int) -> Path:
    return cache_dir() / f"claims-{claims}-r{reconciled}-g{GENERATOR}.db"


def _pools(rng: random.Random):
    places = []
    for i in range(600):
        cc = COUNTRIES[i % len(COUNTRIES)]
        places.append(dict(name=f"{rng.choice(WORDS).title()}{'ovka abad ville burg ia'.split()[i % 5]}{i}",
                           admin1=f"Region {i % 40}", country=cc, lat=rng.uniform(-30, 60), lon=rng.uniform(-20, 100),
                           geonames_id=9_000_000 + i, geo_precision=1 + i % 3, feature="settlement"))
    sources = []
    for i in range(2000):
        cc = COUNTRIES[i % len(COUNTRIES)]
        sources.append(dict(name=f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {i}",
                            kind=("person", "organization", "government")[i % 3], party=cc,
                            affiliation=f"{cc} forces"))
    return places, sources


class _Prebuilt:
    """A Claim whose JSON form is built directly from the generator's values instead of by
    ``dataclasses.asdict`` (which costs most of a million-claim build); ``build`` checks on its
    first document that both give the same dict."""

    @staticmethod
    def make(cls, **kw):
        import dataclasses

        class FastClaim(cls):
            def to_dict(self):
                return self._json

        claim = FastClaim(**kw)
        d = {"id": claim.id}
        for f in dataclasses.fields(cls):
            v = getattr(claim, f.name)
            d[f.name] = _plain(v)
        claim._json = d
        return claim


def _plain(v):
    import dataclasses
    if dataclasses.is_dataclass(v):
        return {f.name: _plain(getattr(v, f.name)) for f in dataclasses.fields(v)
                if not (f.name == "span" and getattr(v, f.name) is None)}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return v


def build(db: str, claims: int, reconciled: int, seed: int = 7, per_doc: int = 20,
          progress=lambda message: print(message, flush=True)) -> None:
    """Make the ledger at ``db`` (refuses an existing file)."""
    from claimledger.ledger import Ledger
    from claimledger.models import Claim, Cue, Document, Place, Quantity, Source, TimeExpr, Verification
    if Path(db).exists():
        raise SystemExit(f"{db} exists; remove it or choose another --db")
    partial = Path(str(db) + ".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):   # an interrupted build
        leftover.unlink(missing_ok=True)
    rng = random.Random(seed)
    places, sources = _pools(rng)
    t0 = time.time()
    with Ledger(partial) as led:
        led.conn.execute("PRAGMA synchronous = NORMAL")
        done, d = 0, 0
        did_reconcile = reconciled <= 0
        while done < claims:
            if not did_reconcile and done >= reconciled:
                from claimledger.reconcile import reconcile
                r0 = time.time()
                reconcile(led)
                progress(f"reconciled the first {done:,} claims in {time.time() - r0:.0f} s")
                did_reconcile = True
            day = 1 + (d * 7) % 1000
            published = time.strftime("%Y-%m-%d", time.gmtime(1_640_995_200 + day * 86400))
            story = rng.randrange(max(1, claims // 200))          # claims of one story share place and dates
            srng = random.Random(story)
            place = places[srng.randrange(len(places))]
            when = time.strftime("%Y-%m-%d", time.gmtime(1_640_995_200 + (day - srng.randrange(3)) * 86400))
            sentences, specs = [], []
            pos = 0
            for k in range(min(per_doc, claims - done)):
                src = sources[rng.randrange(len(sources))]
                cue, lemma = CUES[rng.randrange(len(CUES))]
                ctype = TYPES[rng.randrange(len(TYPES))]
                n = rng.choice((3, 7, 12, 30, 45, 100, 250))
                cat = CATEGORIES[rng.randrange(len(CATEGORIES))]
                words = " ".join(rng.choices(VOCABULARY, ZIPF, k=8))
                content = f"{n} {cat} after the {words} near {place['name']}"
                sentence = f"{src['name']} {cue} on {when} that {content}."
                s0 = pos
                c0 = s0 + sentence.index(" that ") + len(" that ")
                specs.append((s0, c0, content, sentence, src, cue, lemma, ctype, n, cat))
                sentences.append(sentence)
                pos += len(sentence) + 1
            text = " ".join(sentences)
            doc = Document(text=text, url=f"https://synthetic.example/{d}", title=f"Report {d}: {place['name']}",
                           outlet=f"Outlet {d % 50}", published=published, language="en")
            out = []
            for s0, c0, content, sentence, src, cue, lemma, ctype, n, cat in specs:
                assert text[c0:c0 + len(content)] == content
                ns = text.index(str(n), c0)
                ps = text.index(place["name"], c0)
                out.append(_Prebuilt.make(
                    Claim, document_id=doc.id, content=content, span=(c0, c0 + len(content)), sentence=sentence,
                    sentence_span=(s0, s0 + len(sentence)), attribution="indirect",
                    source=Source(text=src["name"], name=src["name"], kind=src["kind"], party=src["party"],
                                  affiliation=src["affiliation"], span=(s0, s0 + len(src["name"]))),
                    type=ctype, cue=Cue(cue, lemma, (s0 + len(src["name"]) + 1, s0 + len(src["name"]) + 1 + len(cue))),
                    quantities=[Quantity(str(n), float(n), float(n), float(n), category=cat, span=(ns, ns + len(str(n))))],
                    places=[Place(text=place["name"], name=place["name"], geonames_id=place["geonames_id"],
                                  lat=place["lat"], lon=place["lon"], admin1=place["admin1"], country=place["country"],
                                  feature=place["feature"], geo_precision=place["geo_precision"],
                                  span=(ps, ps + len(place["name"])))],
                    event_time=TimeExpr(when, when, when, "day"), verification=Verification("unconfirmed"),
                    confidence=0.8))
            if d == 0:
                for c in out:
                    assert c.to_dict() == Claim.to_dict(c), "the prebuilt JSON differs from Claim.to_dict"
            led.add_document(doc)
            led.add_claims(doc.id, out, "synthetic")
            done += len(out)
            d += 1
            if d % 2000 == 0:
                progress(f"{done:,} claims in {d:,} documents, {time.time() - t0:.0f} s")
        if not did_reconcile:
            from claimledger.reconcile import reconcile
            reconcile(led)
        led.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    partial.rename(db)                        # complete: only now does it count as built
    progress(f"built {db}: {claims:,} claims in {time.time() - t0:.0f} s")


def pick_ids(db: str, n: int = 2000, seed: int = 11) -> dict:
    """Event ids, claim ids and search requests for the load, drawn once."""
    from claimledger.ledger import open_ledger
    from claimledger.reconcile import list_events
    rng = random.Random(seed)
    with open_ledger(db) as led:
        events = [e["id"] for e in list_events(led)]
        ndocs = led.stats()["versions"]
        claims = []
        for _ in range(max(1, n // 20)):   # all claims of random documents over the whole ledger
            [doc] = led.documents(limit=1, offset=rng.randrange(ndocs))
            claims += [c["id"] for c in led.claims(document_id=doc["id"])]
    searches = []
    for _ in range(n):   # words drawn evenly from the vocabulary: names of things, mostly uncommon
        a, b = rng.sample(VOCABULARY, 2)
        searches.append(rng.choice((f"q={a}", f"q={a}+{b}", f"q={a}&type={rng.choice(TYPES)}",
                                    f"q={a}&since=2023-06")))
    return {"events": events, "claims": claims, "searches": searches}


# -- the load generator (its own process) ----------------------------------------------------------

def _percentiles(lat: list[float]) -> dict:
    lat = sorted(lat)
    q = statistics.quantiles(lat, n=100) if len(lat) > 1 else lat * 99
    return {"p50": q[49], "p95": q[94], "p99": q[98]}


class _Connections:
    """A small HTTP/1.1 keep-alive client for GETs on one host (asyncio streams): the load
    generator must cost the machine little, or it takes the CPU the server is measured on
    (httpx took 2.4 ms of CPU a request here, this about 0.5 ms)."""

    def __init__(self, url: str):
        parts = url.split("://", 1)[1].rstrip("/")
        self.host, _, port = parts.partition(":")
        self.port = int(port or 80)
        self.idle: list = []

    async def get(self, path: str) -> int:
        """The status of GET ``path``, its whole body read. A kept-alive connection the server has
        since closed (uvicorn closes idle ones after 5 s) is replaced once, as browsers do."""
        reused = bool(self.idle)
        reader, writer = self.idle.pop() if reused else await asyncio.open_connection(self.host, self.port)
        request = f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode()
        try:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
        except (OSError, asyncio.IncompleteReadError):
            writer.close()
            if not reused:
                raise
            reader, writer = await asyncio.open_connection(self.host, self.port)
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
        try:
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split()[1])
            headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:] if h)}
            if "content-length" in headers:
                await reader.readexactly(int(headers["content-length"]))
            elif headers.get("transfer-encoding", "").lower() == "chunked":
                while True:
                    size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                    await reader.readexactly(size + 2)
                    if size == 0:
                        break
            if headers.get("connection", "").lower() == "close":
                writer.close()
            else:
                self.idle.append((reader, writer))
            return status
        except BaseException:
            writer.close()
            raise

    def close(self) -> None:
        for _, writer in self.idle:
            writer.close()


async def _offer(url: str, paths: list[tuple[str, str]], rate: float, seconds: float, timeout: float = 10.0) -> dict:
    """Send ``rate * seconds`` requests, the i-th at start + i / rate whatever came back before
    (open loop); latency counts from that scheduled time. ``paths``: (kind, path), cycled."""
    n = int(rate * seconds)
    lat: list[float] = []
    by_kind: dict[str, list[float]] = {}
    errors = 0
    failed: list[str] = []
    client = _Connections(url)
    start = time.perf_counter() + 0.2

    async def one(i: int) -> None:
        nonlocal errors
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        kind, path = paths[i % len(paths)]
        try:
            status = await asyncio.wait_for(client.get(path), timeout)
            if status != 200:
                errors += 1
                failed.append(f"{path}: HTTP {status}")
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError) as exc:
            errors += 1
            failed.append(f"{path}: {type(exc).__name__} {exc}")
        ms = (time.perf_counter() - due) * 1000
        lat.append(ms)
        by_kind.setdefault(kind, []).append(ms)

    try:
        await asyncio.gather(*(one(i) for i in range(n)))
    finally:
        client.close()
    return {"rate": rate, "requests": n, "errors": errors, **_percentiles(lat), "max": max(lat) if lat else None,
            "p95_by_kind": {k: round(_percentiles(v)["p95"], 1) for k, v in sorted(by_kind.items())},
            "failed": failed[:5]}


def tree_cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) used so far by a process and all its descendants (Linux /proc),
    or None where /proc is not there."""
    tick = os.sysconf("SC_CLK_TCK")
    stats = {}
    try:
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    raw = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                fields = raw[raw.rindex(")") + 2:].split()
                stats[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    except OSError:
        return None
    if pid not in stats:
        return None
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        total += stats[p][1]
        todo += [c for c, (ppid, _) in stats.items() if ppid == p]
    return total


def load(url: str, ids: dict, rates: list[float], seconds: float, server_pid: int | None = None) -> list[dict]:
    rng = random.Random(3)
    paths = []
    for i in range(3000):
        kind = i % 3
        if kind == 0 and ids["events"]:
            paths.append(("event", f"/events/{rng.choice(ids['events'])}"))
        elif kind == 1:
            paths.append(("claim", f"/claims/{rng.choice(ids['claims'])}"))
        else:
            paths.append(("search", f"/search?{rng.choice(ids['searches'])}"))
    asyncio.run(_offer(url, paths[-300:], 30, 10))     # warm up every worker's threads, connections and caches
    results = []
    for rate in rates:
        cpu0 = tree_cpu_seconds(server_pid) if server_pid else None
        own0 = time.process_time()
        res = asyncio.run(_offer(url, paths, rate, seconds))
        cpu1 = tree_cpu_seconds(server_pid) if server_pid else None
        res["client_cpu_ms_per_request"] = round((time.process_time() - own0) * 1000 / res["requests"], 2)
        if cpu0 is not None and cpu1 is not None:      # the server's own CPU per request, whatever else runs
            res["server_cpu_ms_per_request"] = round((cpu1 - cpu0) * 1000 / res["requests"], 2)
        results.append(res)
        print(json.dumps(res))
        if res["p95"] > 1000:          # far past saturation: higher rates tell nothing more
            break
    return results


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", nargs="?", choices=("all", "build", "load"), default="all")
    ap.add_argument("--db", help="the ledger to build or reuse (default: in the user cache, see above)")
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--reconciled", type=int, default=20_000)
    ap.add_argument("--rates", default="50,100,150,200,250,300,400")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--url")
    ap.add_argument("--ids")
    ap.add_argument("--server-pid", type=int, help="load: the server's process id, to count its CPU time")
    args = ap.parse_args(argv)
    rates = [float(r) for r in args.rates.split(",")]
    args.db = args.db or str(default_db(args.claims, args.reconciled))
    from claimledger.ledger import open_ledger
    if args.mode == "load":
        load(args.url, json.loads(Path(args.ids).read_text()), rates, args.seconds, args.server_pid)
        return 0
    if not Path(args.db).exists():
        Path(args.db).parent.mkdir(parents=True, exist_ok=True)
        build(args.db, args.claims, args.reconciled)
    if args.mode == "build":
        return 0
    ids = pick_ids(args.db)
    ids_file = Path(args.db).with_suffix(".ids.json")
    ids_file.write_text(json.dumps(ids))
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    server = subprocess.Popen([sys.executable, "-m", "claimledger", "--db", args.db, "serve", "--port", str(port),
                               "--workers", str(args.workers)], env=env, stderr=subprocess.DEVNULL)
    try:
        import httpx
        for _ in range(150):
            try:
                httpx.get(url + "/api/claims?limit=1", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        load_before = os.getloadavg()
        with open_ledger(args.db) as led:
            stats = led.stats()
            print(f"ledger: {stats['claims']:,} claims, {stats['documents']:,} documents, "
                  f"{len(ids['events']):,} events; server: {args.workers} worker process(es) on {url}")
        gen = subprocess.run([sys.executable, __file__, "load", "--url", url, "--ids", str(ids_file),
                              "--rates", args.rates, "--seconds", str(args.seconds),
                              "--server-pid", str(server.pid)],
                             env=env, capture_output=True, text=True, timeout=3600)
        results = [json.loads(line) for line in gen.stdout.splitlines() if line.startswith("{")]
        if gen.returncode != 0:
            print(gen.stderr, file=sys.stderr)
        worst = {}
        with httpx.Client(base_url=url, timeout=60) as client:     # one connection, kept alive
            for q in (f"q={VOCABULARY[0]}", f"q={VOCABULARY[0]}&type=casualties", f"q={VOCABULARY[-1]}"):
                times = []
                for _ in range(10):
                    t = time.perf_counter()
                    client.get(f"/search?{q}")
                    times.append((time.perf_counter() - t) * 1000)
                worst[q] = statistics.median(times)
        load_after = os.getloadavg()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"run at {started} on {os.cpu_count()} cores; load average (1 min) {load_before[0]:.1f} before, "
          f"{load_after[0]:.1f} after (the server and load generator themselves add about 2)")
    print(f"{'rate/s':>7} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'CPU ms/req':>10}"
          f"   p95 by kind (ms)")
    for r in results:
        kinds = ", ".join(f"{k} {v:.0f}" for k, v in r["p95_by_kind"].items())
        cpu = r.get("server_cpu_ms_per_request")
        print(f"{r['rate']:>7.0f} {r['requests']:>8} {r['errors']:>6} {r['p50']:>7.1f} {r['p95']:>7.1f} {r['p99']:>7.1f}"
              f" {'' if cpu is None else f'{cpu:.1f}':>10}   {kinds}")
    for r in results:
        for f in r.get("failed") or []:
            print(f"  failed at {r['rate']:.0f}/s: {f}")
    for q, ms in worst.items():
        print(f"one at a time, /search?{q}: median {ms:.0f} ms")
    cpu = [r["server_cpu_ms_per_request"] for r in results if r.get("server_cpu_ms_per_request")]
    client = [r["client_cpu_ms_per_request"] for r in results if r.get("client_cpu_ms_per_request")]
    if cpu and client:
        per, gen = statistics.median(cpu), statistics.median(client)
        print(f"CPU per request (medians over rates): server {per:.1f} ms, load generator {gen:.1f} ms; so "
              f"{os.cpu_count()} otherwise idle cores could carry at most about "
              f"{os.cpu_count() * 1000 / (per + gen):.0f} requests/s with both on them "
              f"({os.cpu_count() * 1000 / per:.0f} for the server alone)")
    held = [r["rate"] for r in results if r["p95"] < 50 and r["errors"] == 0]
    print(f"highest rate held with p95 < 50 ms: {max(held):.0f} requests/s" if held else
          "no rate held with p95 < 50 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
