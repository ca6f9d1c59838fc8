"""Read what a page says about itself: publication date, site name, canonical URL, author.

trafilatura's metadata is good but its date goes through htmldate, which may pick a date from the
text (a reader comment's timestamp) when the markup has none, and which does not keep the UTC
offset. The publication date anchors every relative time in the article, so it is read here from
the page's own declarations, in order of reliability: JSON-LD ``datePublished`` of the article,
``article:published_time``, ``itemprop="datePublished"``, then the common ``<meta name>`` variants.
Uses the standard library parser so ingest needs no HTML library beyond trafilatura.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Iterator, Optional

from .published import parse_page_date

# Meta keys (property= or name=, lower-cased) that declare the publication time, best first.
DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "date",
)
ARTICLE_TYPES = ("Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle",
                 "AnalysisNewsArticle", "LiveBlogPosting", "Report", "OpinionNewsArticle")


@dataclass
class PageMeta:
    published: Optional[str] = None
    published_tz: Optional[str] = None
    published_source: Optional[str] = None
    site_name: Optional[str] = None
    canonical_url: Optional[str] = None
    title: Optional[str] = None
    author: Optional[str] = None
    locale: Optional[str] = None        # "en_US" from og:locale or <html lang>: decides 01/02/2025
    extra: dict[str, Any] = field(default_factory=dict)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.itemprop_dates: list[str] = []
        self.time_pubdates: list[str] = []
        self.canonical: Optional[str] = None
        self.html_lang: Optional[str] = None
        self.ld_json: list[str] = []
        self._in_ld = False
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang") and self.html_lang is None:
            self.html_lang = a["lang"].strip()
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and "content" in a and key not in self.meta:
                self.meta[key] = a["content"].strip()
        if a.get("itemprop", "").lower() == "datepublished":
            value = a.get("content") or a.get("datetime")
            if value:
                self.itemprop_dates.append(value)
        if tag == "time" and "pubdate" in a and a.get("datetime"):
            self.time_pubdates.append(a["datetime"])
        if tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.canonical = self.canonical or a["href"].strip()
        if tag == "script" and a.get("type", "").strip().lower() == "application/ld+json":
            self._in_ld, self._buf = True, []

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self._buf.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_ld:
            self.ld_json.append("".join(self._buf))
            self._in_ld = False


def _ld_objects(raw: str) -> Iterator[dict]:
    raw = re.sub(r"^\s*(<!\[CDATA\[|<!--)|(\]\]>|-->)\s*$", "", raw.strip())
    try:
        data = json.loads(raw)
    except ValueError:
        return
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            yield item
            if "@graph" in item:
                stack.append(item["@graph"])


def _types(obj: dict) -> list[str]:
    t = obj.get("@type", [])
    return [str(x) for x in (t if isinstance(t, list) else [t])]


def _name(value: Any) -> Optional[str]:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) or None
    return None


def read_page_meta(html: str) -> PageMeta:
    """Collect the page's own metadata; never raises on malformed markup or JSON-LD."""
    collector = _Collector()
    try:
        collector.feed(html)
        collector.close()
    except Exception:  # the stdlib parser is lenient, but a broken page must not stop ingest
        pass
    meta = PageMeta()
    articles, others = [], []
    for raw in collector.ld_json:
        for obj in _ld_objects(raw):
            (articles if any(t in ARTICLE_TYPES for t in _types(obj)) else others).append(obj)

    candidates: list[tuple[str, Optional[str]]] = []
    for obj in articles:
        candidates.append(("json-ld datePublished", obj.get("datePublished")))
    for key in DATE_META[:3]:
        candidates.append((f"meta {key}", collector.meta.get(key)))
    candidates += [("itemprop datePublished", v) for v in collector.itemprop_dates]
    for key in DATE_META[3:]:
        candidates.append((f"meta {key}", collector.meta.get(key)))
    candidates += [("time pubdate", v) for v in collector.time_pubdates]
    for obj in others:
        candidates.append(("json-ld datePublished", obj.get("datePublished")))
    for source, value in candidates:
        if isinstance(value, str) and value.strip():
            day, tz = parse_page_date(value)
            if day:
                meta.published, meta.published_tz, meta.published_source = day, tz, source
                meta.extra["published_raw"] = value.strip()
                break

    meta.site_name = collector.meta.get("og:site_name") or None
    if not meta.site_name:
        for obj in articles:
            meta.site_name = _name(obj.get("publisher"))
            if meta.site_name:
                break
    meta.canonical_url = collector.canonical or collector.meta.get("og:url") or None
    meta.title = collector.meta.get("og:title") or None
    for obj in articles:
        meta.title = meta.title or _name(obj.get("headline"))
        meta.author = meta.author or _name(obj.get("author"))
    meta.author = meta.author or collector.meta.get("author") or None
    meta.locale = normalise_locale(collector.meta.get("og:locale") or collector.html_lang)
    return meta


def normalise_locale(value: Optional[str]) -> Optional[str]:
    """'en-us', 'en_US' -> 'en_US'; a bare language ('en') says nothing about date order."""
    if not value:
        return None
    m = re.match(r"^\s*([A-Za-z]{2,3})[-_]([A-Za-z]{2})\b", value)
    return f"{m.group(1).lower()}_{m.group(2).upper()}" if m else None
