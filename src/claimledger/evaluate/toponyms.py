"""Scoring place recognition and resolution against toponym gold (LGL / TR-News XML).

    evaluate_toponyms(path, *, gazetteer=None, nlp=None, recognize=True, errors=False) -> dict
    read_toponym_xml(path) -> (articles, failures)
    repair_offsets(text, start, end, phrase) -> (start, end, status)

The format (LGL, Lieberman et al. 2010; TR-News, Kamalloo & Rafiei 2018, uses the same)::

    <articles>
      <article docid="...">
        <text>...</text>
        <toponyms>
          <toponym>
            <start>12</start><end>18</end><phrase>Kharkiv</phrase>
            <gaztag geonameid="706483"><name>Kharkiv</name><lat>49.98</lat><lon>36.25</lon></gaztag>
          </toponym>
          ...

``start``/``end`` may also be attributes of ``<toponym>``; a toponym without a ``gaztag`` (or
without a ``geonameid`` and coordinates in it) is still a toponym for recognition but is left out
of resolution scoring. Offsets are end-exclusive character offsets into ``text``. Real corpora
shift them by a few characters: when ``text[start:end]`` is not the phrase, the phrase is looked
for with its start within ``SHIFT_WINDOW`` characters (nearest first, then case- and
space-insensitive) and the offsets moved there; the counts of exact, shifted and not-found
offsets are reported. A phrase not found keeps its offsets.

Measures:

* ``resolution_accuracy``: each gold toponym with a GeoNames id is resolved from its phrase with
  the gazetteer, the article's other gold phrases as ``context_places``
  (:func:`~claimledger.extract.places_extract.resolve_mention`: a demonym span such as
  "Palestinians" names its country; a toponym right after it past a comma is its area, as in
  "Alexandria, Virginia"), and the article's outlet (:class:`~claimledger.places.outlet.Outlet`)
  from its web address (``<url>``, else ``<domain>``), the metadata a user's document carries;
  right when our ``geonames_id`` is the gold id.
* ``accuracy_161km``: of the gold toponyms with coordinates, the share resolved within 161 km
  (100 miles) great-circle of them. The same GeoNames id counts as distance 0 (our countries
  carry an id but no coordinates); otherwise no coordinates of ours = wrong.
  ``accuracy_161km_below_country`` is the same over the gold toponyms that are not countries (a
  second figure, labelled as such: GeoVirus takes Wikipedia's points, 170-350 km from GeoNames'
  for large countries); misses whose place is the right country or region at another reference
  point are counted as the cause "area point".
* ``recognition_f1``: spaCy parse of each article, :class:`PlaceFinder` over each sentence's tokens
  (what the extractor does for a claim); a found place matches a gold toponym when their spans overlap
  (one to one, after offset repair). ``recognition_ner`` gives the same for bare spaCy GPE/LOC
  entities, for comparison. ``recognition_f1`` is None when recognition was not run.

A file that is not well-formed XML raises InputError naming the file and line; an article whose
toponyms cannot be read (an offset that is not a number, no phrase and no offsets) is skipped and
listed in ``failures``. Ratios are 0.0 when their denominator is empty.
"""
from __future__ import annotations

import dataclasses
import json
import math
import os
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from statistics import median
from typing import Any, Callable, Iterable, Optional, Union

from ..errors import MISSING, ClaimLedgerError, InputError

PathLike = Union[str, os.PathLike]
Span = tuple[int, int]

SHIFT_WINDOW = 20          # characters a gold offset may be off and still be repaired
KM_161 = 161.0             # "accuracy within 161 km" (100 miles), as in the geoparsing literature
EARTH_RADIUS_KM = 6371.0088
NER_LABELS = ("GPE", "LOC")


@dataclass
class GoldToponym:
    phrase: str
    start: int
    end: int
    given: Span                       # the offsets as written in the file
    repair: str                       # exact | shifted | not_found
    geonameid: Optional[int] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    name: Optional[str] = None        # the gazetteer's name in the gaztag

    @property
    def has_gaztag(self) -> bool:
        return self.geonameid is not None or (self.lat is not None and self.lon is not None)


@dataclass
class ToponymArticle:
    docid: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)
    group: Optional[str] = None       # articles of one page (GeoVirus <source>) fall on one side of a split
    url: Optional[str] = None         # the article's web address (LGL <url>, else <domain>): its outlet


# ----------------------------------------------------------------------------- reading
def _bad(path: str, message: str, line: Optional[int] = None) -> InputError:
    err = InputError((f"line {line}: " if line else "") + message, input=str(path))
    err.line = line
    err.reason = message
    return err


def repair_offsets(text: str, start: int, end: int, phrase: str, window: int = SHIFT_WINDOW) -> tuple[int, int, str]:
    """(start, end, status): the gold offsets, or those of the phrase's nearest occurrence whose start
    is within ``window`` characters of ``start`` (status "shifted"), or unchanged ("not_found")."""
    if not phrase or text[start:end] == phrase:
        return start, end, "exact"
    lo, hi = max(0, start - window), min(len(text), start + window + len(phrase) + 4)
    for flags, pat in ((0, re.escape(phrase)),
                       (re.IGNORECASE, r"\s+".join(re.escape(w) for w in phrase.split()))):
        best = None
        for m in re.compile(pat, flags).finditer(text, lo, hi):
            d = abs(m.start() - start)
            if d <= window and (best is None or d < best[0]):
                best = (d, m.start(), m.end())
        if best is not None:
            return best[1], best[2], "shifted"
    return start, end, "not_found"


def _child_text(el: ET.Element, *names: str) -> Optional[str]:
    for n in names:
        c = el.find(n)
        if c is not None and c.text is not None and c.text.strip():
            return c.text.strip()
    return None


def _num(value: Optional[str], kind, what: str):
    if value is None or value.strip() == "":
        return None
    try:
        return kind(value.strip())
    except ValueError:
        raise ValueError(f"{what} {value!r} is not a number") from None


def _toponym(el: ET.Element, text: str, i: int) -> GoldToponym:
    start = _num(el.get("start") or _child_text(el, "start"), int, "start")
    end = _num(el.get("end") or _child_text(el, "end"), int, "end")
    phrase_el = el.find("phrase")
    if phrase_el is None:
        phrase_el = el.find("name")       # GeoVirus: <location><name>
    phrase = phrase_el.text if phrase_el is not None and phrase_el.text else el.get("phrase")
    if start is None or end is None:
        raise ValueError(f"toponym {i + 1} ({phrase!r}) has no start/end offsets")
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"toponym {i + 1} ({phrase!r}) has offsets {start}-{end} outside the text "
                         f"({len(text)} characters)")
    if not phrase or not phrase.strip():
        phrase = text[start:end]
    phrase = phrase.strip()
    s, e, status = repair_offsets(text, start, end, phrase)
    gid = lat = lon = name = None
    gt = el.find("gaztag")
    if gt is not None:
        gid = _num(gt.get("geonameid") or _child_text(gt, "geonameid"), int, "geonameid")
        lat = _num(gt.get("lat") or _child_text(gt, "lat"), float, "lat")
        lon = _num(gt.get("lon") or _child_text(gt, "lon", "lng"), float, "lon")
        name = _child_text(gt, "name") or gt.get("name")
    else:   # GeoVirus: coordinates on the <location> itself
        lat = _num(el.get("lat") or _child_text(el, "lat"), float, "lat")
        lon = _num(el.get("lon") or _child_text(el, "lon", "lng"), float, "lon")
        name = _child_text(el, "page")
    return GoldToponym(phrase=phrase, start=s, end=e, given=(start, end), repair=status, geonameid=gid,
                       lat=lat, lon=lon, name=name)


def read_toponym_xml(path: PathLike) -> tuple[list[ToponymArticle], list[dict[str, Any]]]:
    """The articles of an LGL / TR-News XML file and the failures of articles that could not be
    read. Raises InputError when the file is missing or not well-formed XML."""
    path = str(path)
    if not os.path.isfile(path):
        raise InputError("no such file", code=MISSING, input=path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        line, col = exc.position
        detail = re.sub(r"^not well-formed\s*", "", str(exc).split(":")[0]).strip("() ") or "syntax error"
        raise _bad(path, f"not well-formed XML ({detail}, column {col + 1})", line) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", code=MISSING, input=path) from exc
    arts = [root] if root.tag == "article" else list(root.iter("article"))
    if not arts:
        raise _bad(path, f"no <article> elements (root is <{root.tag}>): not LGL / TR-News XML")
    articles: list[ToponymArticle] = []
    failures: list[dict[str, Any]] = []
    for n, a in enumerate(arts):
        docid = a.get("docid") or a.get("id") or f"#{n + 1}"
        source = _child_text(a, "source")     # GeoVirus: several articles (paragraphs) share a page
        t = a.find("text")
        text = t.text if t is not None and t.text is not None else ""
        try:
            if t is None:
                raise ValueError("no <text>")
            tops = a.find("toponyms")
            if tops is None:
                tops = a.find("locations")
            tag = "location" if tops is not None and tops.tag == "locations" else "toponym"
            els = list(tops.iter(tag)) if tops is not None else list(a.iter("toponym"))
            toponyms = [_toponym(el, text, i) for i, el in enumerate(els)]
        except ValueError as exc:
            failures.append({"input": path, "article": docid, "line": None, "reason": str(exc),
                             "code": InputError.code})
            continue
        articles.append(ToponymArticle(docid=docid, text=text, toponyms=toponyms, group=source or docid,
                                       url=_child_text(a, "url", "domain")))
    return articles, failures


# ----------------------------------------------------------------------------- scoring helpers
def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def prf(tp: int, predicted: int, gold: int) -> dict[str, Any]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp,
            "predicted": predicted, "gold": gold}


def match_overlapping(gold: list[Span], pred: list[Span]) -> dict[int, int]:
    """One-to-one, gold index -> prediction index: each gold (in text order) takes the first free
    prediction overlapping it."""
    used: set[int] = set()
    out: dict[int, int] = {}
    order = sorted(range(len(pred)), key=lambda i: pred[i])
    for gi in sorted(range(len(gold)), key=lambda i: gold[i]):
        g = gold[gi]
        for pi in order:
            p = pred[pi]
            if pi not in used and p[0] < g[1] and g[0] < p[1]:
                out[gi] = pi
                used.add(pi)
                break
    return out


class RecognitionFailed(Exception):
    """Yielded (not raised) by a recognizer for a text it could not read; the evaluation counts the
    article as failed and goes on."""


def placefinder_recognizer(nlp=None, gazetteer=None, batch_size: int = 8, **finder_options):
    """A recognizer for :func:`evaluate_toponyms`: texts -> per text (PlaceFinder spans, GPE/LOC
    spans), or a :class:`RecognitionFailed` for a text that raised inside the finder.
    ``finder_options`` go to :class:`PlaceFinder` (``tagger=None``: the rules alone)."""
    from ..extract import nlp as nlp_mod
    from ..extract.places_extract import PlaceFinder

    model = nlp if nlp is not None else nlp_mod.load()
    finder = PlaceFinder(gazetteer, keep_actors=True, every_mention=True, **finder_options)   # annotators mark "Israel said" too, and each mention

    def recognize(texts: list[str]) -> Iterable[Any]:
        for text, spdoc in zip(texts, model.pipe(texts, batch_size=batch_size)):
            try:
                finder.begin_document(spdoc)
                # sentence by sentence, as the extractor asks for a claim's places (a place named in
                # several sentences is found in each; within one, once)
                places = [p for sent in spdoc.sents for p in finder.places_for(list(sent), text, spdoc)]
            except Exception as exc:  # one article never stops the evaluation
                yield RecognitionFailed(f"{type(exc).__name__}: {exc}")
                continue
            found = sorted({p.span for p in places if p.span is not None})
            ner = [(e.start_char, e.end_char) for e in spdoc.ents if e.label_ in NER_LABELS]
            yield found, ner
    return recognize


TUNE_SHARE = 0.7      # share of articles (pages) in the tune part
CHECK_SHARE = 0.2     # share of the tune part's pages held out of fitting learned parts (tune-check)
DEFAULT_SEED = 13
PARTS = ("all", "tune", "report", "tune-fit", "tune-check")


def split_articles(articles: list[ToponymArticle], part: str = "all", seed: int = DEFAULT_SEED,
                   share: float = TUNE_SHARE) -> list[ToponymArticle]:
    """The ``tune`` or ``report`` part of a corpus, split by article (by page when several articles
    share one, as in GeoVirus) with a fixed seed: ``share`` of the pages, shuffled by
    ``random.Random(seed)``, are the tune part; the rest is held out for reporting. The tune part
    splits again (its pages shuffled by ``random.Random(seed + 1)``): ``tune-check``, the first
    ``CHECK_SHARE`` of them, is kept out of fitting the toponym tagger and chooses its epoch and
    how it joins the rules; ``tune-fit`` is the rest."""
    if part == "all":
        return list(articles)
    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}, not {part!r}")
    import random

    groups = sorted({a.group or a.docid for a in articles})
    random.Random(seed).shuffle(groups)
    tune_groups = groups[:round(len(groups) * share)]
    tune = set(tune_groups)
    if part in ("tune", "report"):
        return [a for a in articles if ((a.group or a.docid) in tune) == (part == "tune")]
    inner = sorted(tune_groups)
    random.Random(seed + 1).shuffle(inner)
    check = set(inner[:round(len(inner) * CHECK_SHARE)])
    return [a for a in articles if (a.group or a.docid) in tune and ((a.group or a.docid) in check) == (part == "tune-check")]


def _country_finder(gazetteer) -> Callable[[Optional[float], Optional[float]], Optional[str]]:
    """(lat, lon) -> the country of the nearest populated place the gazetteer's sources hold (within
    about 1 degree), to tell a miss in the wrong country from one in the right country. Reads each
    source's places once per evaluation."""
    grid: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
    for src in getattr(gazetteer, "sources", ()):
        try:
            con = src._open()._con()
            rows = con.execute("SELECT lat, lon, cc FROM places WHERE lat IS NOT NULL AND cc IS NOT NULL")
        except Exception:
            continue
        for lat, lon, cc in rows:
            grid.setdefault((math.floor(lat), math.floor(lon)), []).append((lat, lon, cc))

    def country_of(lat: Optional[float], lon: Optional[float]) -> Optional[str]:
        if lat is None or lon is None or not grid:
            return None
        best = None
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for la, lo, cc in grid.get((math.floor(lat) + dy, math.floor(lon) + dx), ()):
                    d = (la - lat) ** 2 + ((lo - lon) * math.cos(math.radians(lat))) ** 2
                    if best is None or d < best[0]:
                        best = (d, cc)
        return best[1] if best else None
    return country_of


def _gold_title(t: GoldToponym) -> Optional[str]:
    """The gold entry's name: the GeoNames name in a gaztag, or a Wikipedia page's title
    (GeoVirus gives the page's address)."""
    name = t.name
    if name and re.match(r"^https?://", name):
        from urllib.parse import unquote
        name = unquote(name.rstrip("/").rsplit("/", 1)[-1]).replace("_", " ")
        name = re.sub(r"\s*\(.*\)$", "", name)
    return name or None


def same_area(place, t: GoldToponym, regions) -> bool:
    """Our place is the country, first-level region or continent the gold entry names (by name, or
    by the country its name gives), so a miss is a difference of reference points, not of places."""
    if place is None or place.feature not in ("country", "region", "continent", "world_region"):
        return False
    title = _gold_title(t)
    if not title:
        return False
    from ..places.normalize import name_key
    if name_key(title) == name_key(place.name or ""):
        return True
    if place.feature == "country":
        return regions.country_code(title) == place.country
    if place.feature == "region" and place.country:
        a = regions.admin1_for(title, place.country)
        return a is not None and a.code == place.admin1_code
    return False


def country_level(t: GoldToponym, regions) -> bool:
    """The gold entry is a country: its GeoNames id is a country's, or (no id) its name is a
    country's own."""
    if t.geonameid is not None:
        return any(c.geonames_id == t.geonameid for c in regions.countries.values())
    title = _gold_title(t)
    return bool(title) and regions.country_code(title) is not None


def _miss_cause(place, km: Optional[float], gold_cc: Optional[str], area_point: bool = False) -> str:
    """Why a resolution given the gold span missed: no candidate, a candidate without a point, the
    right country or region at a reference point over 161 km from the gold one ("area point"), one
    in the wrong country, or a wrong candidate in the right country (or where the country is
    unknown)."""
    if place is None:
        return "no candidate"
    if km is None:
        return "no coordinate"
    if area_point:
        return "area point"
    if gold_cc and place.country and place.country != gold_cc:
        return "wrong country"
    return "wrong candidate"


# ----------------------------------------------------------------------------- evaluation
def _span_key(art: ToponymArticle, t: GoldToponym, by_start: dict[int, GoldToponym]) -> tuple[str, Optional[str]]:
    """(the phrase folded, its area): "Alexandria, Virginia" -- the toponym right after it, past a
    comma, is its area."""
    after = by_start.get(t.end + 2) if art.text[t.end:t.end + 2] == ", " else None
    return t.phrase.casefold(), after.phrase if after is not None else None


def _resolve_gold_spans(gazetteer, art: ToponymArticle, outlet) -> dict[tuple[str, Optional[str]], Any]:
    """Each distinct gold toponym of ``art`` (with a gaztag) resolved from its phrase, with the
    article's other phrases and ``outlet`` as context; keyed by :func:`_span_key`."""
    from ..extract.places_extract import resolve_mention
    phrases = list(dict.fromkeys(t.phrase for t in art.toponyms))
    by_start = {t.start: t for t in art.toponyms}
    out: dict[tuple[str, Optional[str]], Any] = {}
    for t in art.toponyms:
        if not t.has_gaztag:
            continue
        key = _span_key(art, t, by_start)
        if key not in out:
            context = [p for p in phrases if p.casefold() != key[0]] + ([outlet] if outlet else [])
            out[key] = resolve_mention(gazetteer, t.phrase, context, area=key[1])
    return out


def outlet_profiles(every: list[ToponymArticle], scored: set[str], nlp=None, gazetteer=None):
    """What a ledger holding every story of the file knows of each outlet: the regions of the places
    our own finder reads in each article's text (end to end, as extraction stores them; never the
    gold spans or points), for the outlets of ``scored`` articles that have other articles in the
    file (:class:`~claimledger.places.outlet_profile.OutletProfiles`)."""
    from ..extract import nlp as nlp_mod
    from ..extract.places_extract import PlaceFinder
    from ..models import Document
    from ..places.outlet import Outlet
    from ..places.outlet_profile import OutletProfiles

    hosts: dict[str, list[ToponymArticle]] = {}
    for art in every:
        o = Outlet.from_url(art.url)
        if o is not None:
            hosts.setdefault(o.host, []).append(art)
    wanted = [(host, art) for host, arts in hosts.items() if len(arts) > 1 and any(a.docid in scored for a in arts)
              for art in arts]
    profiles = OutletProfiles()
    if not wanted:
        return profiles
    model = nlp if nlp is not None else nlp_mod.load()
    finder = PlaceFinder(gazetteer)
    for (host, art), spdoc in zip(wanted, model.pipe((a.text for _, a in wanted), batch_size=8)):
        try:
            one = finder.document(spdoc, Document(text=art.text, url=art.url))   # as extraction reads it
            places = [p for sent in spdoc.sents for p in one.places_for(list(sent), art.text, spdoc)]
        except Exception:    # an article the finder cannot read tells nothing of its outlet
            continue
        profiles.add(host, art.docid, places)
    return profiles


def evaluate_toponyms(path: PathLike, *, gazetteer=None, nlp=None, recognize: bool = True,
                      recognizer: Optional[Callable] = None, errors: bool = False, part: str = "all",
                      seed: int = DEFAULT_SEED, outlet_evidence: bool = True,
                      outlet_profile: bool = True) -> dict[str, Any]:
    """Score resolution (gold spans) and recognition (end to end) on an LGL / TR-News XML file.

    Returns the stable keys ``resolution_accuracy``, ``accuracy_161km`` and ``recognition_f1``
    (0..1; the last None when ``recognize`` is False) plus details. ``gazetteer`` defaults to
    :func:`claimledger.places.default_gazetteer`, ``nlp`` to the shared spaCy pipeline;
    ``recognizer`` (texts -> per text (found spans, NER spans)) replaces spaCy + PlaceFinder.
    ``errors`` adds ``misses``; ``part`` ("tune", "report" or "all") and ``seed`` pick a part
    (:func:`split_articles`). Resolution reads each article's outlet from its web address
    (:class:`~claimledger.places.outlet.Outlet`) unless ``outlet_evidence`` is False, and with it,
    unless ``outlet_profile`` is False, the outlet's home region learned from the file's other
    articles of the same outlet, in either part (:func:`outlet_profiles`: the places our finder
    reads in their text, never their gold), as a ledger holding them would. Misses are
    counted by cause in ``causes``. An article whose
    recognition raises is listed in ``failures`` and left out of recognition. Raises InputError
    for a missing or malformed file."""
    articles, failures = read_toponym_xml(path)
    every = articles
    articles = split_articles(articles, part, seed)
    if gazetteer is None:
        from ..places import default_gazetteer
        gazetteer = default_gazetteer()
    misses: list[dict[str, Any]] = []
    offsets = {"exact": 0, "shifted": 0, "not_found": 0}
    res = {"total": 0, "correct": 0, "with_coordinates": 0, "within_161km": 0, "no_gaztag": 0,
           "unresolved": 0, "no_coordinates": 0}
    errors_km: list[float] = []
    causes: dict[str, int] = {"not recognised": 0, "spurious": 0, "no candidate": 0, "no coordinate": 0,
                              "area point": 0, "wrong country": 0, "wrong candidate": 0}
    below = {"with_coordinates": 0, "within_161km": 0}    # gold toponyms that are not countries
    regions = gazetteer.regions
    country_of = _country_finder(gazetteer)
    from ..places.outlet import Outlet
    n_toponyms = 0
    # the article's own web address, as a user's document carries it (never its gold points)
    outlets = {art.docid: Outlet.from_url(art.url) if outlet_evidence else None for art in articles}
    profiles = None
    if outlet_evidence and outlet_profile:
        profiles = outlet_profiles(every, {a.docid for a in articles}, nlp, gazetteer)
    for art in articles:
        outlet = outlets[art.docid]
        if profiles is not None and outlet is not None:
            home = profiles.home_region(outlet.host, exclude=art.docid)
            if home is not None:
                outlet = dataclasses.replace(outlet, home_region=home)
        resolved = _resolve_gold_spans(gazetteer, art, outlet)
        by_start = {t.start: t for t in art.toponyms}
        for t in art.toponyms:
            n_toponyms += 1
            offsets[t.repair] += 1
            if not t.has_gaztag:
                res["no_gaztag"] += 1
                continue
            place = resolved[_span_key(art, t, by_start)]
            ours_id = place.geonames_id if place is not None else None
            if place is None:
                res["unresolved"] += 1
            id_ok = t.geonameid is not None and ours_id == t.geonameid
            if t.geonameid is not None:
                res["total"] += 1
                res["correct"] += id_ok
            km = None
            near = False
            if t.lat is not None and t.lon is not None:
                res["with_coordinates"] += 1
                if id_ok:
                    km, near = 0.0, True
                elif place is not None and place.lat is not None and place.lon is not None:
                    km = great_circle_km(t.lat, t.lon, place.lat, place.lon)
                    near = km <= KM_161
                else:
                    res["no_coordinates"] += 1
                res["within_161km"] += near
                if not country_level(t, regions):
                    below["with_coordinates"] += 1
                    below["within_161km"] += near
                if km is not None:
                    errors_km.append(km)
                if not near:
                    causes[_miss_cause(place, km, country_of(t.lat, t.lon), same_area(place, t, regions))] += 1
            right = (id_ok or t.geonameid is None) and (near or t.lat is None)
            if errors and not right:
                misses.append({"kind": "resolution", "article": art.docid, "start": t.start, "end": t.end,
                               "phrase": t.phrase, "gold_id": t.geonameid, "gold_name": t.name,
                               "ours_id": ours_id, "ours_name": place.name if place else None,
                               "ours_country": place.country if place else None,
                               "km": round(km, 1) if km is not None else None})
    report: dict[str, Any] = {
        "resolution_accuracy": round(res["correct"] / res["total"], 4) if res["total"] else 0.0,
        "accuracy_161km": round(res["within_161km"] / res["with_coordinates"], 4) if res["with_coordinates"] else 0.0,
        "recognition_f1": None,
        # a second figure, labelled as such: the toponyms that are not countries (whose reference
        # points differ most between gazetteers, GeoNames' and Wikipedia's)
        "accuracy_161km_below_country": round(below["within_161km"] / below["with_coordinates"], 4)
        if below["with_coordinates"] else 0.0,
        "below_country": below,
        "articles": len(articles),
        "failed": len(failures),
        "toponyms": n_toponyms,
        "offsets": offsets,
        "resolution": {**res,
                       "mean_error_km": round(sum(errors_km) / len(errors_km), 1) if errors_km else None,
                       "median_error_km": round(median(errors_km), 1) if errors_km else None},
        "recognition": None,
        "recognition_ner": None,
        "failures": failures,
        "part": part,
        "seed": seed,
        "causes": causes,
    }
    if recognize or recognizer is not None:
        rec = recognizer or placefinder_recognizer(nlp, gazetteer)
        tp = tp_ner = n_pred = n_ner = n_gold = 0
        for art, got in zip(articles, rec([a.text for a in articles])):
            if isinstance(got, Exception):
                failures.append({"input": str(path), "article": art.docid, "line": None,
                                 "reason": f"recognition failed: {got}", "code": "CL000"})
                continue
            found, ner = got
            gold = [(t.start, t.end) for t in art.toponyms]
            m = match_overlapping(gold, found)
            tp += len(m)
            tp_ner += len(match_overlapping(gold, ner))
            n_pred += len(found)
            n_ner += len(ner)
            n_gold += len(gold)
            causes["not recognised"] += len(gold) - len(m)
            causes["spurious"] += len(found) - len(m)
            if errors:
                hit = set(m.values())
                misses += [{"kind": "spurious", "article": art.docid, "start": s, "end": e, "phrase": art.text[s:e]}
                           for i, (s, e) in enumerate(found) if i not in hit]
                misses += [{"kind": "missed", "article": art.docid, "start": t.start, "end": t.end,
                            "phrase": t.phrase} for i, t in enumerate(art.toponyms) if i not in m]
        report["recognition"] = prf(tp, n_pred, n_gold)
        report["recognition_ner"] = prf(tp_ner, n_ner, n_gold)
        report["recognition_f1"] = report["recognition"]["f1"]
        report["failed"] = len(failures)
    if errors:
        report["misses"] = misses
    return report


# ----------------------------------------------------------------------------- CLI
def format_table(r: dict[str, Any]) -> str:
    res, off = r["resolution"], r["offsets"]
    part = "" if r.get("part", "all") == "all" else f" ({r['part']} part, seed {r['seed']})"
    lines = [f"toponyms{part}: {r['articles']} article(s), {r['failed']} failed; {r['toponyms']} gold toponyms "
             f"(offsets: {off['exact']} exact, {off['shifted']} shifted, {off['not_found']} not found)",
             "",
             f"resolution accuracy given the gold spans   {r['resolution_accuracy']:.3f}  "
             f"({res['correct']}/{res['total']} GeoNames ids)",
             f"accuracy within 161 km                      {r['accuracy_161km']:.3f}  "
             f"({res['within_161km']}/{res['with_coordinates']} with coordinates"
             + (f"; {res['no_coordinates']} of ours without coordinates" if res["no_coordinates"] else "") + ")"]
    b = r.get("below_country") or {}
    if b.get("with_coordinates"):
        lines.append(f"  the same, toponyms other than countries  {r['accuracy_161km_below_country']:.3f}  "
                     f"({b['within_161km']}/{b['with_coordinates']})")
    if res["median_error_km"] is not None:
        lines.append(f"error distance                              median {res['median_error_km']} km, "
                     f"mean {res['mean_error_km']} km")
    if res["no_gaztag"]:
        lines.append(f"  ({res['no_gaztag']} toponym(s) without a gaztag left out of resolution)")
    if r["recognition"] is not None:
        lines += ["", f"{'recognition (overlapping spans)':<39}P      R     F1"]
        for name, key in (("PlaceFinder", "recognition"), ("spaCy GPE/LOC only", "recognition_ner")):
            s = r[key]
            lines.append(f"  {name:<32} {s['precision']:.3f}  {s['recall']:.3f}  {s['f1']:.3f}  "
                         f"({s['tp']} of {s['predicted']} found, {s['gold']} gold)")
    causes = {k: v for k, v in (r.get("causes") or {}).items() if v}
    if causes:
        lines += ["", "misses by cause (resolution: not within 161 km given the gold span; \"area point\": "
                  "the right country or region, its reference point over 161 km from the gold one)"]
        lines += [f"  {k:<20} {v}" for k, v in causes.items()]
    for m in r.get("misses", []):
        if m["kind"] == "resolution":
            km = f", {m['km']} km off" if m["km"] is not None else ""
            lines.append(f"miss resolution {m['article']} [{m['start']}:{m['end']}] {m['phrase']!r}: gold "
                         f"{m['gold_id']} {m['gold_name'] or ''}, ours {m['ours_id']} {m['ours_name'] or ''}"
                         f" {m['ours_country'] or ''}{km}")
        else:
            lines.append(f"miss {m['kind']:<10} {m['article']} [{m['start']}:{m['end']}] {m['phrase']!r}")
    return "\n".join(lines)


def run(args, settings=None) -> int:
    """``claimledger eval toponyms FILE``: 0 scored, 1 some articles failed (listed), 2 unusable file."""
    try:
        report = evaluate_toponyms(args.path, errors=getattr(args, "errors", False),
                                   part=getattr(args, "part", "all"), seed=getattr(args, "seed", DEFAULT_SEED),
                                   outlet_evidence=not getattr(args, "no_outlet", False),
                                   outlet_profile=not getattr(args, "no_outlet_profile", False))
    except ClaimLedgerError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if getattr(args, "format", "table") == "json":
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(format_table(report))
    for f in report["failures"]:
        print(f"failed {f['input']} article {f['article']}: {f['reason']} [{f['code']}]", file=sys.stderr)
    if not report["articles"]:
        return 2
    return 1 if report["failures"] else 0


def add_parser(eval_subparsers):
    """Add ``toponyms`` to the ``claimledger eval`` subcommands."""
    p = eval_subparsers.add_parser(
        "toponyms", help="score place recognition and resolution on LGL / TR-News XML",
        description="Score the gazetteer and place finder on LGL / TR-News / GeoVirus style XML (toponym text, "
                    "character offsets, GeoNames id, lat/lon): resolution accuracy and accuracy within "
                    "161 km given the gold spans (the article's other toponyms and its outlet, from its <url> "
                    "or <domain>, as context), and end-to-end recognition precision, recall and F1. "
                    f"Offsets off by up to {SHIFT_WINDOW} characters are repaired by finding the phrase.")
    p.add_argument("path", metavar="FILE", help="an XML file of <article> elements")
    p.add_argument("--format", choices=("table", "json"), default="table",
                   help="json: one object with resolution_accuracy, accuracy_161km, recognition_f1 and the details")
    p.add_argument("--errors", action="store_true", help="also list every miss (wrong place, spurious, missed)")
    p.add_argument("--part", choices=PARTS, default="all",
                   help=f"score only the tune part ({round(TUNE_SHARE * 100)}%% of the articles) or the held-out report "
                        "part of a split by article (by page for GeoVirus); tune-fit / tune-check: the tune part "
                        f"split again ({round(CHECK_SHARE * 100)}%% check), the toponym tagger fitted on tune-fit; default: all")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"seed of the split (default {DEFAULT_SEED})")
    p.add_argument("--no-outlet", action="store_true",
                   help="resolve without the article's outlet (its <url> or <domain>) as evidence")
    p.add_argument("--no-outlet-profile", action="store_true",
                   help="resolve without the outlet's home region learned from the file's other articles "
                        "of the same outlet (their places as we resolve them, never their gold)")
    p.set_defaults(func=run)
    return p
