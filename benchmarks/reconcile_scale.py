"""Reconcile at scale: time and peak memory of `reconcile` on synthetic ledgers of 12,500 to 100,000
claims (each size in its own process), and the growth ratio as the count doubles.

    python benchmarks/reconcile_scale.py                 # 12500 25000 50000 100000
    python benchmarks/reconcile_scale.py 1000 2000       # quick look
    python benchmarks/reconcile_scale.py --against REV 25000 [--repeat 2]
        # the same size with the code of git revision REV and with this tree, runs alternating,
        # and the ratio old/new of CPU and wall time (a speed-up measured in one run, so that
        # other load on a shared machine weighs on both sides alike)

Synthetic world (fixed seed): happenings in 20 countries x 10 regions over one year, each reported
by 2-3 documents with about four claims each (casualties, attacks, territorial control,
deployments, denials; named sources with parties; figures; event times or only a publication date);
one document in twenty is a copy of another under a new headline. The ledger is written first (not
timed); then one `reconcile` pass is timed from an empty reconcile state, and peak resident memory
is sampled during it. Wall and CPU time are both reported (the machine is shared: the CPU time of
the process is the steadier figure; the growth ratios use it). Goal: 100,000 claims under 2 minutes
and 2 GB on the project's 2-core machine, near-linear growth (x2 claims -> about x2 time).
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

COUNTRIES = ["UA", "RU", "SD", "SY", "YE", "MM", "CD", "ET", "ML", "BF", "SO", "NG", "LB", "IL", "AF", "PK",
             "HT", "LY", "MX", "IQ"]
TYPES = ["casualties", "attack", "territorial_control", "deployment"]
SOURCES = [("GUR", "UA"), ("Pentagon", "US"), ("Russian Defence Ministry", "RU"), ("United Nations", "UN"),
           ("RSF", "RSF"), ("SAF", "SD"), ("Houthis", "Houthis"), ("IDF", "IL"), ("Hamas", "Hamas"),
           ("M23", "M23"), ("local officials", None), ("witnesses", None)]
TEMPLATES = [
    "{fig} soldiers of the {unit} were killed by {weapon} near {village} in {region}",
    "{weapon} struck positions of the {unit} at {village}, killing {fig} servicemen",
    "the {unit} lost {fig} fighters in an assault on {village}, {region}",
    "at least {fig} people died when {weapon} hit {village} where the {unit} was based",
    "fighting around {village} left {fig} members of the {unit} dead",
    "{village} came under {weapon} fire and {fig} troops of the {unit} were killed",
]
LEADS = ["{who} said that ", "According to {who}, ", "{who} reported on {day} that ", "{who} claimed that ",
         "In a statement, {who} said ", "{who} told reporters that "]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SYL = ["ka", "lo", "mi", "ra", "te", "vo", "zu", "ne", "sha", "bo", "ri", "dan", "gor", "pel", "vik", "tar"]


def _word(rng: random.Random, n: int = 3) -> str:
    return "".join(rng.choice(SYL) for _ in range(n)).capitalize()


def build(path: str, n_claims: int, seed: int = 7) -> dict:
    from claimledger.ledger import Ledger
    from claimledger.models import Claim, Document, Place, Quantity, Source, TimeExpr

    rng = random.Random(seed)
    regions = {c: [_word(rng, 2) + " Oblast" for _ in range(10)] for c in COUNTRIES}
    start = date(2024, 1, 1)
    docs_written = claims_written = 0
    led = Ledger(path)
    happenings = []
    txn = led.transaction()     # one commit for the whole synthetic ledger (writing it is not timed)
    txn.__enter__()
    while claims_written < n_claims:
        if not happenings or rng.random() < 0.45:
            c = rng.choice(COUNTRIES)
            happenings.append({
                "country": c, "region": rng.choice(regions[c]), "village": _word(rng),
                "day": start + timedelta(days=rng.randrange(365)), "type": rng.choice(TYPES),
                "unit": _word(rng) + " brigade", "weapon": rng.choice(["drones", "artillery", "airstrikes",
                                                                       "glide bombs", "rockets", "mortars"]),
                "killed": rng.choice([3, 5, 8, 12, 20, 30, 45, 100])})
            if len(happenings) > 400:
                happenings.pop(0)
        # a document reports one to three recent happenings
        hs = rng.sample(happenings, k=min(len(happenings), rng.choice([1, 1, 2, 3])))
        pub = max(h["day"] for h in hs) + timedelta(days=rng.randrange(4))
        outlet = f"Outlet {rng.randrange(300)}"
        parts, specs, pos = [], [], 0
        head = f"Fighting reported in {hs[0]['region']}\n\n"
        parts.append(head)
        pos = len(head)
        for h in hs:
            for _ in range(rng.choice([1, 2, 2, 3])):
                who, party = rng.choice(SOURCES)
                typ = h["type"] if rng.random() > 0.1 else "denial"
                fig = max(1, int(h["killed"] * rng.choice([1, 1, 0.8, 1.5])))
                content = rng.choice(TEMPLATES).format(fig=fig, unit=h["unit"], weapon=h["weapon"],
                                                       village=h["village"], region=h["region"])
                lead = rng.choice(LEADS).format(who=who, day=rng.choice(DAYS))
                filler = " ".join(_word(rng, 2).lower() for _ in range(rng.randrange(0, 6)))
                sentence = f"{lead}{content}{(' ' + filler) if filler else ''}. "
                cstart = pos + len(lead)
                specs.append((h, who, party, typ, fig, content, cstart, pos, pos + len(sentence) - 1))
                parts.append(sentence)
                pos += len(sentence)
        text = "".join(parts)
        copies = [(text, outlet)]
        if rng.random() < 0.05:
            copies.append(("Breaking: " + text[len(head):] + "\n\nRead more on our site.", f"Outlet {rng.randrange(300, 400)}"))
        for k, (body, out) in enumerate(copies):
            shift = 0 if k == 0 else len("Breaking: ") - len(head)
            doc = Document(text=body, url=f"https://bench.example/{docs_written}", outlet=out,
                           published=pub.isoformat(), language="en")
            claims = []
            for h, who, party, typ, fig, content, cstart, ss, se in specs:
                s0 = cstart + shift
                timed = rng.random() < 0.6
                claims.append(Claim(
                    document_id=doc.id, content=content, span=(s0, s0 + len(content)),
                    sentence=body[ss + shift:se + shift], sentence_span=(ss + shift, se + shift),
                    attribution="indirect", type=typ,
                    source=Source(text=who, name=who, kind="government", party=party),
                    quantities=[Quantity(text=str(fig), value=fig, low=fig, category="killed")],
                    places=[Place(text=h["village"], name=h["village"], admin1=h["region"], country=h["country"],
                                  feature="village", geo_precision=2)],
                    event_time=TimeExpr(text="on the day", start=h["day"].isoformat(), end=h["day"].isoformat(),
                                        precision="day") if timed else None))
            did, _ = led.add_document(doc)
            led.add_claims(did, claims, "bench")
            docs_written += 1
            claims_written += len(claims)
    txn.__exit__(None, None, None)
    led.close()
    return {"documents": docs_written, "claims": claims_written}


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def measure(n: int) -> dict:
    from claimledger.ledger import Ledger
    from claimledger.reconcile import reconcile
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.db")
        t0 = time.perf_counter()
        sizes = build(path, n)
        build_s = time.perf_counter() - t0
        peak = [0.0]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], _rss_mb())
                time.sleep(0.05)

        with Ledger(path) as led:
            base = _rss_mb()
            th = threading.Thread(target=sample, daemon=True)
            th.start()
            t0, c0 = time.perf_counter(), time.process_time()
            marks: list[tuple[float, str]] = []   # CPU time at each stage's progress message
            r = reconcile(led, progress=lambda msg: marks.append((time.process_time() - c0, msg)))
            secs, cpu = time.perf_counter() - t0, time.process_time() - c0
            done.set()
            th.join()
            events = len(led.events())
        return {"claims": sizes["claims"], "documents": sizes["documents"], "build_s": round(build_s, 1),
                "reconcile_s": round(secs, 1), "cpu_s": round(cpu, 1), "load": round(os.getloadavg()[0], 1),
                "peak_rss_mb": round(max(peak[0], _rss_mb()), 0),
                "rss_before_mb": round(base, 0), "events": events, "links": r.links, "compared": r.compared,
                "derivations": r.derivations, "stages": _stages(marks, cpu)}


def _stages(marks: list[tuple[float, str]], total: float) -> dict[str, float]:
    """CPU seconds of the three stages, from the times of reconcile's progress messages:
    comparing documents (until "placing claims"), placing claims (until "... links"), events."""
    at = {"placing": None, "links": None}
    for t, msg in marks:
        if msg.startswith("placing claims") and at["placing"] is None:
            at["placing"] = t
        elif msg.endswith(" links") and at["links"] is None:
            at["links"] = t
    placing = at["placing"] if at["placing"] is not None else 0.0
    links = at["links"] if at["links"] is not None else placing
    return {"documents": round(placing, 1), "claims": round(links - placing, 1), "events": round(total - links, 1)}


def _run_one(script: str, n: int, src: str) -> dict:
    env = dict(os.environ, PYTHONPATH=src)
    res = subprocess.run([sys.executable, script, "--one", str(n)], capture_output=True, text=True, env=env)
    if res.returncode != 0:
        raise RuntimeError(res.stderr[-2000:])
    return json.loads(res.stdout.strip().splitlines()[-1])


def against(rev: str, n: int, repeat: int) -> int:
    """Time ``n`` claims with revision ``rev`` and with this tree, alternating, ``repeat`` times."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src", "benchmarks"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        sides = {"old": (os.path.join(tmp, "benchmarks", "reconcile_scale.py"), os.path.join(tmp, "src")),
                 "new": (__file__, str(ROOT / "src"))}
        got: dict[str, list[dict]] = {"old": [], "new": []}
        for i in range(repeat):
            for side in (("old", "new") if i % 2 == 0 else ("new", "old")):
                r = _run_one(*sides[side][:1], n, sides[side][1])
                got[side].append(r)
                print(f"{side} ({rev if side == 'old' else 'this tree'}): {r['claims']} claims, reconcile "
                      f"{r['reconcile_s']:.1f} s wall, {r['cpu_s']:.1f} s CPU, peak RSS {r['peak_rss_mb']:.0f} MB, "
                      f"load average {r['load']}, {r['events']} events, {r['links']} links", flush=True)
    cpu = {k: sum(r["cpu_s"] for r in v) for k, v in got.items()}
    wall = {k: sum(r["reconcile_s"] for r in v) for k, v in got.items()}
    mem = {k: max(r["peak_rss_mb"] for r in v) for k, v in got.items()}
    same = got["old"][0]["events"] == got["new"][0]["events"] and got["old"][0]["links"] == got["new"][0]["links"]
    print(f"speed-up old/new at {n} claims: x{cpu['old'] / max(cpu['new'], 0.01):.2f} CPU time, "
          f"x{wall['old'] / max(wall['new'], 0.01):.2f} wall time; peak memory x{mem['old'] / max(mem['new'], 1):.2f}; "
          f"{'same' if same else 'different'} events and links")
    return 0


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--one":
        print(json.dumps(measure(int(argv[1]))))
        return 0
    if argv and argv[0] == "--against":
        rest = argv[2:]
        repeat = 1
        if "--repeat" in rest:
            k = rest.index("--repeat")
            repeat = int(rest[k + 1])
            rest = rest[:k] + rest[k + 2:]
        return against(argv[1], int(rest[0]) if rest else 25000, repeat)
    if any(a in ("-h", "--help") for a in argv):
        print(__doc__)
        return 0
    sizes = [int(a) for a in argv] or [12500, 25000, 50000, 100000]
    rows = []
    for n in sizes:
        res = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True)
        if res.returncode != 0:
            print(res.stderr, file=sys.stderr)
            return 1
        rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
        r = rows[-1]
        growth = ""
        if len(rows) > 1:
            prev = rows[-2]
            stage = ", ".join(f"{k} x{r['stages'][k] / max(prev['stages'][k], 0.01):.2f}" for k in r["stages"])
            growth = (f"  x{r['claims'] / prev['claims']:.2f} claims -> x{r['cpu_s'] / max(prev['cpu_s'], 0.01):.2f}"
                      f" CPU time ({stage}), x{r['peak_rss_mb'] / max(prev['peak_rss_mb'], 1):.2f} peak memory,"
                      f" x{r['compared'] / max(prev['compared'], 1):.2f} pairs compared")
        print(f"{r['claims']:>7} claims {r['documents']:>6} docs: reconcile {r['reconcile_s']:>6.1f} s wall "
              f"({r['cpu_s']:.1f} s CPU, load average {r['load']}), peak RSS "
              f"{r['peak_rss_mb']:>5.0f} MB (before {r['rss_before_mb']:.0f}), {r['events']} events, {r['links']} links "
              f"of {r['compared']} pairs compared, "
              f"{r['derivations']} derivations (ledger written in {r['build_s']} s); CPU by stage: "
              f"documents {r['stages']['documents']} s, claims {r['stages']['claims']} s, "
              f"events {r['stages']['events']} s{growth}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
