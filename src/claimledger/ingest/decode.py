"""Turn input bytes into text, or refuse them with the reason.

Claim offsets point into the stored text, so decoding must be exact: a file that is mostly UTF-8
with stray bytes from another encoding is refused (naming the first bad byte) rather than decoded
with replacement characters that would silently change the text. Genuine legacy files (Windows
cp1252 exports, UTF-16 from Word) are accepted when the detection is confident, and the encoding is
recorded. Binary files are caught before any decoding so their garbage never reaches the ledger.

The rule for a file that is not valid UTF-8 (and has no byte-order mark or declared charset): it is
decoded with the legacy encoding detected only if every non-ASCII character that decoding yields
reads as text, i.e. it is

- a letter inside a word whose cased letters are all lower case, all capitals or a capital then
  lower case, and belong to one script ("café", "Zürich", "ÉCOLE", "Министр"); a one-letter
  word stands between spaces ("à la"), or
- typographic punctuation or a symbol text uses: quotes, dashes, spaces, currency signs (not the
  placeholder ¤) and ``TEXT_SYMBOLS`` (ellipsis, bullet, degree, ©, ½ ...).

Anything else (an ASCII file with the stray bytes ``\xff\xfe\xc3\x28`` decodes as ``ÿþÃ(``: a
word mixing cases) means bytes that are not text in any encoding, and the file is refused naming
the first such byte: storing mojibake would be storing a text nobody wrote.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from ..errors import BINARY, EMPTY, ENCODING, InputError

# Known file signatures: these are never text, whatever their extension says.
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document (extract its text first)"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document (.doc/.xls)"),
    (b"\x7fELF", "executable"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media file"),
    (b"\x00asm", "WebAssembly module"),
)

# Control characters other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
#: Share of control characters above which a file is binary. Text exported from old systems has
#: the odd form feed or DOS end-of-file mark; binary data has about 10% (27 of 256 byte values).
MAX_CONTROL_SHARE = 0.02

_VALID_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

#: charset-normalizer's mess ratio above which a legacy decoding is not trusted.
MAX_CHAOS = 0.10
#: cp1252 is by far the most common legacy encoding of English text; charset-normalizer sometimes
#: ranks a Baltic or DOS code page a hair above it on short texts (seen: cp775 at chaos 0.0 vs
#: cp1250/cp1252 at 0.014 for curly quotes, a dash and an euro sign), so it wins within this margin.
CP1252_MARGIN = 0.05

# WHATWG: pages labelled Latin-1 are decoded as windows-1252 by every browser.
_LABEL_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                  "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252"}


@dataclass
class Decoded:
    text: str
    encoding: str
    bom: bool = False


def binary_kind(data: bytes) -> Optional[str]:
    """What kind of binary file ``data`` is, or None when it may be text."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    if data[4:8] == b"ftyp":
        return "MP4/MOV media file"
    # Signatures short enough to begin a sentence are confirmed by the bytes that follow them.
    if data.startswith(b"BZh") and data[4:10] == b"1AY&SY":
        return "bzip2 archive"
    if data.startswith(b"RIFF") and data[8:12] in (b"WAVE", b"AVI ", b"WEBP"):
        return "RIFF media file"
    if data.startswith(b"ID3") and len(data) > 3 and data[3] < 0x10:
        return "MP3 audio"
    return None


def _refuse_binary(kind: str, name: Optional[str]) -> InputError:
    return InputError(f"looks like a binary file ({kind}), not text", code=BINARY, input=name)


def _control_share(sample) -> float:
    pattern = _CONTROL_BYTES if isinstance(sample, bytes) else _CONTROL_CHARS
    return len(pattern.findall(sample)) / max(1, len(sample))


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def check_unicode(text: str, name: Optional[str], what: str = "text") -> str:
    """Refuse a string holding a lone surrogate (JSON's ``"\\ud800"``, an undecodable file name):
    it is not Unicode text, cannot be stored or hashed as UTF-8, and means the source was broken."""
    m = _SURROGATE.search(text)
    if m:
        raise InputError(f"{what} holds an unpaired surrogate (U+{ord(m.group()):04X}) at character "
                         f"{m.start()}: not valid Unicode; fix the source's encoding",
                         code=ENCODING, input=name)
    return text


def check_text(text: str, name: Optional[str]) -> str:
    """Refuse decoded text that is really binary (NUL or many control characters) or not valid
    Unicode (lone surrogates)."""
    check_unicode(text, name)
    if "\x00" in text:
        raise _refuse_binary("contains NUL characters", name)
    share = _control_share(text[:1_000_000])
    if share > MAX_CONTROL_SHARE:
        raise _refuse_binary(f"{share:.0%} control characters", name)
    return text


def _utf16_without_bom(data: bytes) -> Optional[str]:
    """'utf-16-le'/'utf-16-be' when every other byte is mostly NUL (Latin text in UTF-16)."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> Optional[str]:
    """The charset an HTML page declares in its first few kilobytes, as a Python codec name."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    label = m.group(1).decode("ascii", "replace").lower()
    label = _LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _broken_utf8(data: bytes) -> bool:
    """Valid multibyte UTF-8 mixed with invalid bytes: a UTF-8 file with foreign bytes spliced in.

    A legacy 8-bit English text almost never forms valid UTF-8 sequences (they need an accented
    capital followed by a punctuation byte), so a few valid ones among many invalid bytes are
    chance and the file is treated as legacy; when valid sequences are at least as many as
    invalid bytes, it is UTF-8 gone wrong.
    """
    valid = len(_VALID_MULTIBYTE.findall(data))
    if not valid:
        return False
    invalid = data.decode("utf-8", errors="replace").count("\ufffd")
    return valid >= invalid


#: Non-letter, non-ASCII characters legacy English text holds besides the categories in
#: ``_TEXT_CATEGORIES`` (dashes, opening/closing quotes, spaces, currency signs).
TEXT_SYMBOLS = frozenset("…•·°±×÷©®™§¶½¼¾²³¹µºª«»¡¿‰†‡′″´¨¸¦¬¯")
_TEXT_CATEGORIES = frozenset(("Pd", "Pi", "Pf", "Zs", "Sc"))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _script(ch: str) -> str:
    return unicodedata.name(ch, "?").split(" ", 1)[0]


def _plausible_word(word: str) -> bool:
    cased = "".join(c for c in word if c.islower() or c.isupper())
    if not cased:
        return True               # a script without case (Arabic, Chinese ...)
    if not (cased.islower() or cased.isupper() or (cased[0].isupper() and cased[1:].islower())):
        return False
    return len({_script(c) for c in cased}) == 1


def _space_at(text: str, i: int) -> bool:
    return i < 0 or i >= len(text) or text[i].isspace()


def stray_character(text: str) -> Optional[int]:
    """Index of the first non-ASCII character of ``text`` that does not read as text (see the
    module docstring), or None when all of them do."""
    checked = 0                        # words up to here were checked already
    for m in _NON_ASCII.finditer(text):
        i = m.start()
        ch = text[i]
        if ch in TEXT_SYMBOLS:         # 'º', 'ª' and 'µ' are letters to Python, symbols to a reader
            continue
        if not ch.isalpha():
            if unicodedata.category(ch) in _TEXT_CATEGORIES and ch != "\u00a4":
                continue
            return i
        if i < checked:
            continue
        start, end = i, i + 1
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        checked = end
        if not _plausible_word(text[start:end]):
            return start
        if end - start == 1 and not (_space_at(text, start - 1) and _space_at(text, end)):
            return start              # a lone letter ("\u00e0 la") stands between spaces
    return None


def _check_legacy(text: str, encoding: str, data: bytes, name: Optional[str], bad_byte: int) -> str:
    i = stray_character(text)
    if i is None:
        return text
    try:
        at = len(text[:i].encode(encoding))
    except (UnicodeEncodeError, LookupError):
        at = i
    shown = text[max(0, i - 10):i + 10].replace("\n", " ")
    raise InputError(
        f"not UTF-8 (byte {bad_byte} is 0x{data[bad_byte]:02X}), and read as {encoding} it holds "
        f"characters that are not text at byte {at} ({shown!r}): stray bytes? re-save it as UTF-8",
        code=ENCODING, input=name,
    )


def _legacy(data: bytes, name: Optional[str], declared: Optional[str], bad_byte: int = 0) -> Decoded:
    if declared and declared not in ("utf-8",):
        try:
            return Decoded(check_text(data.decode(declared), name), declared)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    if not results:
        raise InputError(
            "not UTF-8, and no other encoding fits (is it a binary file?); re-save it as UTF-8",
            code=ENCODING, input=name,
        )
    best = min(results, key=lambda r: r.chaos)
    if best.chaos > MAX_CHAOS:
        raise InputError(
            f"not UTF-8, and the closest encoding ({best.encoding}) does not decode it cleanly "
            f"({best.chaos:.0%} garbled); re-save it as UTF-8",
            code=ENCODING, input=name,
        )
    # charset-normalizer reports encodings that decode these bytes identically as one result
    # (cp1252 usually hides under cp1250), so look for cp1252 among the equivalents.
    for r in sorted(results, key=lambda r: r.chaos):
        if r.chaos <= best.chaos + CP1252_MARGIN and "cp1252" in (r.could_be_from_charset or []):
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                break
            return Decoded(check_text(_check_legacy(text, "cp1252", data, name, bad_byte), name), "cp1252")
    text = _check_legacy(str(best), best.encoding, data, name, bad_byte)
    return Decoded(check_text(text, name), best.encoding)


def decode_bytes(data: bytes, name: Optional[str] = None, *, html: bool = False) -> Decoded:
    """Decode ``data`` exactly (see the module docstring) or raise InputError.

    ``html`` lets a page's own ``<meta charset>`` decide between legacy encodings.
    """
    if not data:
        raise InputError("file is empty", code=EMPTY, input=name)
    kind = binary_kind(data)
    if kind:
        raise _refuse_binary(kind, name)
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()} "
                    f"(bad bytes at byte {exc.start + len(bom)}); re-save it as UTF-8",
                    code=ENCODING, input=name,
                ) from exc
            return Decoded(check_text(text, name), codec, bom=True)
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return Decoded(check_text(data.decode(utf16), name), utf16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:1_000_000]:
        raise _refuse_binary("contains NUL bytes", name)
    share = _control_share(data[:1_000_000])
    if share > MAX_CONTROL_SHARE:
        raise _refuse_binary(f"{share:.0%} control characters", name)
    try:
        return Decoded(check_text(data.decode("utf-8"), name), "utf-8")
    except UnicodeDecodeError as exc:
        if _broken_utf8(data):
            raise InputError(
                f"invalid UTF-8 at byte {exc.start} (0x{data[exc.start]:02X}) in text that is "
                "otherwise UTF-8: the file mixes encodings; re-save it as UTF-8",
                code=ENCODING, input=name,
            ) from exc
        bad_byte = exc.start
    return _legacy(data, name, declared_charset(data) if html else None, bad_byte)
