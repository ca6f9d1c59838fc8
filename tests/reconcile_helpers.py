"""Hand-built documents and claims for the reconcile tests (no spaCy): a small world of reports
about one happening (North Korean losses near Plekhovo, Kursk region) and an unrelated one
nearby (a drone strike on Lgov), with a wire copy, a rewrite, a denial and a revised figure."""
from __future__ import annotations

from claimledger.models import Claim, Document, Place, Quantity, Source, TimeExpr, Verification

KURSK = Place(text="Kursk region", name="Kursk Oblast", admin1="Kursk Oblast", country="RU", feature="region",
              geo_precision=3)
PLEKHOVO = Place(text="Plekhovo", name="Plekhovo", geonames_id=900000001, admin1="Kursk Oblast", country="RU",
                 feature="village", geo_precision=1, lat=51.2195, lon=35.1283)
LGOV = Place(text="Lgov", name="Lgov", geonames_id=537737, admin1="Kursk Oblast", country="RU", feature="town",
             geo_precision=1, lat=51.6597, lon=35.2612)
SUMY = Place(text="Sumy", name="Sumy", geonames_id=692194, admin1="Sumy Oblast", country="UA", feature="city",
             geo_precision=1, lat=50.9216, lon=34.8003)


def doc(name: str, text: str, outlet: str, published: str | None) -> Document:
    return Document(text=text, url=f"https://example.test/{name}", outlet=outlet, published=published,
                    title=text.split("\n", 1)[0], language="en")


def sentence_span(text: str, start: int) -> tuple[int, int]:
    s = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    s = 0 if s < 0 else s + (2 if text[s] == "." else 1)
    e = text.find(". ", start)
    e = len(text) if e < 0 else e + 1
    return s, e


def claim(d: Document, content: str, source: str | None, party: str | None, type: str, *,
          kind: str = "government", attribution: str = "indirect", places=(), quantities=(),
          when: tuple[str, str] | None = None, verification: str = "unknown", evidence=()) -> Claim:
    start = d.text.index(content)
    ss, se = sentence_span(d.text, start)
    src = (Source(text="", name=None, kind="author") if attribution == "author"
           else Source(text=source or "", name=source, kind=kind if source else "unnamed", party=party))
    return Claim(
        document_id=d.id, content=content, span=(start, start + len(content)), sentence=d.text[ss:se],
        sentence_span=(ss, se), attribution=attribution, source=src, type=type, places=list(places),
        quantities=[Quantity(text=str(v), value=v, low=lo, high=hi, category=cat) for cat, v, lo, hi in quantities],
        event_time=TimeExpr(text="then", start=when[0], end=when[1], precision="day") if when else None,
        verification=Verification(status=verification), evidence=list(evidence))


WIRE = """Ukraine says 30 North Korean soldiers killed in Kursk

Ukraine's military intelligence agency said on Monday that at least 30 North Korean soldiers had been killed in fighting near the village of Plekhovo in Russia's Kursk region over the weekend. The agency said Russian commanders were sending the North Korean troops across open fields in infantry assaults. Reuters could not independently verify the report, and the Russian defence ministry did not respond to a request for comment on the losses."""

WIRE_COPY = WIRE.replace("Ukraine says 30 North Korean soldiers killed in Kursk",
                         "North Korean troops suffer first losses in Russia, Kyiv says") + \
    "\n\nRead more: the war in Ukraine at one thousand days of fighting and counting."

ORIGINAL = """North Korean soldiers killed in Kursk, Ukraine says

At least 30 North Korean soldiers were killed over the weekend near Plekhovo in the Kursk region, Ukraine's military intelligence service said on Monday. The Pentagon said North Korean troops had suffered casualties, both killed and wounded, in combat alongside Russian forces in Kursk. The claims have not been independently verified by the Daily Courier. The North Korean troops are thought to have had little training before they were deployed to the front line."""

REWRITE = """Pyongyang's men die in Kursk as Kyiv counts the dead

According to the GUR, fighting near Plekhovo in the Kursk region over the weekend claimed the lives of at least 30 North Korean soldiers. The Pentagon stated that the North Korean troops had suffered casualties, both killed and wounded, while fighting alongside Russian forces in Kursk. The accusations have not been independently confirmed by the Daily Courier. It is believed the North Korean troops had little training before being deployed to the front."""

DENIAL = """Kremlin rejects reports of North Korean losses

Kremlin spokesman Dmitry Peskov on Wednesday denied that North Korean soldiers had been killed in the Kursk region, calling the reports a fabrication by Ukrainian intelligence."""

REVISED = """Kyiv raises estimate of North Korean dead in Kursk

Ukraine's military intelligence agency said on Monday that at least 200 North Korean soldiers had been killed in the Kursk region since mid-December, up from the 30 it reported a week earlier near Plekhovo."""

SEOUL = """Seoul says 100 North Koreans killed in Russia

South Korea's National Intelligence Service said on Thursday that at least 100 North Korean soldiers had been killed in fighting in Russia's Kursk region this month, citing its own intelligence."""

LGOV_TEXT = """Drones hit power substation in Lgov

Ukrainian drones struck a power substation in the town of Lgov in Russia's Kursk region on Sunday, injuring two civilians and cutting electricity to thousands of homes, the regional governor said."""

SUMY_TEXT = """Glide bomb hits Sumy

A Russian glide bomb struck a residential building in Sumy on Sunday, killing three civilians, Ukraine's interior ministry said."""


def world() -> list[tuple[Document, list[Claim]]]:
    """Documents with their claims, in publication order."""
    out = []
    w = doc("wire", WIRE, "Reuters", "2024-12-16")
    out.append((w, [
        claim(w, "at least 30 North Korean soldiers had been killed in fighting near the village of Plekhovo",
              "GUR", "UA", "casualties", places=[PLEKHOVO, KURSK], quantities=[("killed", 30, 30, None)],
              when=("2024-12-14", "2024-12-15")),
    ]))
    wc = doc("wire_copy", WIRE_COPY, "The Daily Record", "2024-12-16")
    out.append((wc, [
        claim(wc, "at least 30 North Korean soldiers had been killed in fighting near the village of Plekhovo",
              "GUR", "UA", "casualties", places=[PLEKHOVO, KURSK], quantities=[("killed", 30, 30, None)],
              when=("2024-12-14", "2024-12-15")),
    ]))
    o = doc("original", ORIGINAL, "Daily Courier", "2024-12-17")
    out.append((o, [
        claim(o, "At least 30 North Korean soldiers were killed over the weekend near Plekhovo", "GUR", "UA",
              "casualties", places=[PLEKHOVO], quantities=[("killed", 30, 30, None)], when=("2024-12-14", "2024-12-15")),
        claim(o, "North Korean troops had suffered casualties, both killed and wounded, in combat alongside Russian forces",
              "Pentagon", "US", "casualties", places=[KURSK]),
        claim(o, "The North Korean troops are thought to have had little training", None, None, "statement",
              attribution="passive_unattributed"),
    ]))
    r = doc("rewrite", REWRITE, "Frontline Dispatch", "2024-12-17")
    out.append((r, [
        claim(r, "fighting near Plekhovo in the Kursk region over the weekend claimed the lives of at least 30 North Korean soldiers",
              "GUR", "UA", "casualties", attribution="according_to", places=[PLEKHOVO, KURSK],
              quantities=[("killed", 30, 30, None)], when=("2024-12-14", "2024-12-15")),
        claim(r, "the North Korean troops had suffered casualties, both killed and wounded, while fighting alongside Russian forces",
              "Pentagon", "US", "casualties", places=[KURSK]),
    ]))
    dn = doc("denial", DENIAL, "TASS", "2024-12-18")
    out.append((dn, [
        claim(dn, "North Korean soldiers had been killed in the Kursk region", "Dmitry Peskov", "RU", "denial",
              kind="person", places=[KURSK]),
    ]))
    s = doc("seoul", SEOUL, "Yonhap", "2024-12-19")
    out.append((s, [
        claim(s, "at least 100 North Korean soldiers had been killed in fighting in Russia's Kursk region this month",
              "National Intelligence Service", "KR", "casualties", places=[KURSK],
              quantities=[("killed", 100, 100, None)], when=("2024-12-01", "2024-12-19")),
    ]))
    rv = doc("revised", REVISED, "Reuters", "2024-12-23")
    out.append((rv, [
        claim(rv, "at least 200 North Korean soldiers had been killed in the Kursk region since mid-December",
              "GUR", "UA", "casualties", places=[KURSK], quantities=[("killed", 200, 200, None)],
              when=("2024-12-14", "2024-12-23")),
    ]))
    lg = doc("lgov", LGOV_TEXT, "Kursk Today", "2024-12-15")
    out.append((lg, [
        claim(lg, "Ukrainian drones struck a power substation in the town of Lgov", "regional governor", None, "attack",
              kind="person", places=[LGOV, KURSK], quantities=[("wounded", 2, None, None)],
              when=("2024-12-15", "2024-12-15")),
    ]))
    sm = doc("sumy", SUMY_TEXT, "Kyiv Daily", "2024-12-15")
    out.append((sm, [
        claim(sm, "A Russian glide bomb struck a residential building in Sumy on Sunday, killing three civilians",
              "interior ministry", "UA", "casualties", places=[SUMY], quantities=[("killed", 3, None, None)],
              when=("2024-12-15", "2024-12-15")),
    ]))
    return out
