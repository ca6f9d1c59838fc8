"""Decide how to read a file: plain text, HTML or JSONL.

The extension decides when it is a known one; saved pages often come without one (or as ".php",
".aspx"), so anything else is sniffed from its first bytes.
"""
from __future__ import annotations

from pathlib import PurePath
from typing import Optional

TEXT, HTML, JSONL = "text", "html", "jsonl"

EXTENSIONS = {
    ".txt": TEXT, ".text": TEXT, ".md": TEXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML,
    ".jsonl": JSONL, ".ndjson": JSONL,
}


def kind_from_name(name: Optional[str]) -> Optional[str]:
    if not name:
        return None
    return EXTENSIONS.get(PurePath(str(name)).suffix.lower())


def sniff(text: str) -> str:
    """HTML when the content starts with a tag or holds an <html> element, else plain text."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head.startswith("<") or "<html" in head.lower():
        return HTML
    return TEXT
