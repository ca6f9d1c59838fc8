"""Text shown on a terminal: control and escape characters neutralised.

Article text, titles, file names and error messages come from outside. Printed raw, an escape
sequence in them (``ESC]0;title BEL``, ``ESC[2J``, a C1 ``CSI``) would retitle or clear the user's
terminal or hide output, a carriage return would overwrite the line, and a bidi override would
reorder what is shown. Every command prints such text through ``clean``; rich output goes through
``text`` so a ``[red]`` or ``[/x]`` in the data is shown as written, never read as markup.
"""
from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embeddings, overrides and
# isolates (a line's visible order can be forged with them).
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match) -> str:
    ch = m.group()
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def clean(value: object) -> str:
    """``value`` as a string safe to print: newlines and tabs kept (a CRLF line end becomes a
    newline), every other control character shown as a ``\\xNN`` escape."""
    s = value if isinstance(value, str) else str(value)
    if "\r" in s:
        s = s.replace("\r\n", "\n")
    return _UNSAFE.sub(_escape, s)


def text(value: object, style: str = ""):
    """A rich Text of ``clean(value)``: printed literally, never parsed as markup."""
    from rich.text import Text
    return Text(clean(value), style=style)


_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_safe(line: str) -> str:
    """A JSON text with DEL, C1 and bidi controls written as ``\\uXXXX`` escapes (JSON already
    escapes C0): the same value for a JSON reader, harmless on a terminal."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)
