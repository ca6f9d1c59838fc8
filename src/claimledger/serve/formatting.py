"""How claim fields read on a page: one small function per field, used as template filters."""
from __future__ import annotations

from typing import Any, Optional
from urllib.parse import urlencode

# What a place's geo_precision means (ACLED's scale, as the places stage fills it).
GEO_PRECISION = {1: "exact place", 2: "near the place (district)", 3: "region or country only"}


def source_label(c: dict) -> str:
    s = c.get("source") or {}
    return s.get("name") or s.get("text") or s.get("kind") or "unknown"


def time_label(t: Optional[dict]) -> str:
    if not t:
        return ""
    start, end = t.get("start"), t.get("end")
    if start is None and end is None:
        return f"{t.get('text', '')} (unresolved)"
    when = start if start == end or not end else f"{start} – {end}"
    precision = t.get("precision")
    return f"{when} ({precision})" if precision and precision not in ("day",) else str(when)


def number(x: Any) -> str:
    if x is None:
        return ""
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return f"{x:,}" if isinstance(x, int) else str(x)


def quantity_label(q: dict) -> str:
    if q.get("low") is not None and q.get("high") is not None and q.get("low") != q.get("high"):
        value = f"{number(q['low'])}–{number(q['high'])}"
    else:
        value = number(q.get("value"))
    if not value and q.get("text"):          # a vague count ("dozens"): the words, and ACLED's conservative figure
        value = f"“{q['text']}”" + (f" (≥{number(q['conservative'])})" if q.get("conservative") is not None else "")
        parts = [value]
    else:
        parts = [("about " if q.get("approximate") else "") + (value or "?")]
    if q.get("category"):
        parts.append(str(q["category"]))
    if q.get("unit"):
        parts.append(f"({q['unit']})")
    return " ".join(parts)


def place_label(p: dict) -> str:
    bits = [p.get("name") or p.get("text") or "?"]
    where = ", ".join(x for x in (p.get("admin1"), p.get("country")) if x)
    if where:
        bits.append(f"({where})")
    return " ".join(bits)


def precision_label(p: dict) -> str:
    gp = p.get("geo_precision")
    if gp in GEO_PRECISION:
        return GEO_PRECISION[gp]
    if p.get("lat") is None:
        return "not on the map (no coordinates)"
    return "precision not stated"


def coords(p: dict) -> str:
    if p.get("lat") is None or p.get("lon") is None:
        return ""
    return f"{p['lat']:.4f}, {p['lon']:.4f}"


def query(base: str, **params: Any) -> str:
    """A link with the non-empty parameters."""
    kept = {k: v for k, v in params.items() if v not in (None, "", [], False)}
    return base + ("?" + urlencode(kept, doseq=True) if kept else "")


def event_heading(ev: dict) -> str:
    """"Casualties, Kursk Oblast (RU)": the event's type, place and country in words."""
    text = str(ev.get("type") or "event").replace("_", " ").capitalize()
    if ev.get("place"):
        text += f", {ev['place']}"
    if ev.get("country"):
        text += f" ({ev['country']})"
    return text


def joined(parts: Any, sep: str = " · ") -> str:
    """The non-empty parts, joined (no stray separators where a value is missing)."""
    return sep.join(str(p) for p in parts if p not in (None, ""))


FILTERS = {"event_heading": event_heading, "joined": joined, "source_label": source_label, "time_label": time_label, "quantity_label": quantity_label,
           "place_label": place_label, "precision_label": precision_label, "coords": coords,
           "number": number}
GLOBALS = {"query": query}
