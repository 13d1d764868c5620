"""Bytes to text for the read stage: encodings by BOM, declared charset or trial, binary data
told from text, newlines and lone surrogates normalised so that offsets stay exact.

Nothing here raises for bad bytes: :func:`decode` returns ``None`` for binary data and Latin-1
decodes anything else.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

#: A text with more than this share of control characters is taken for binary data.
MAX_CONTROL_SHARE = 0.05

#: How much of the start of a file binary detection looks at.
SNIFF_CHARS = 65_536

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")


def decode(data: bytes, *, declared: str | None = None) -> tuple[str, str] | None:
    """Decode bytes as UTF-8, UTF-16/32 by BOM, a declared charset, Windows-1252 or Latin-1.

    Returns ``(text, encoding)``, or ``None`` for binary data (NUL bytes outside UTF-16/32).
    Never raises: Latin-1 decodes any bytes.
    """
    bom = bom_encoding(data)
    if bom is not None:
        # A BOM is strong evidence: keep the text even if some code units are broken.
        return data.decode(bom, errors="replace").removeprefix("\ufeff"), bom
    if b"\x00" in data:
        return None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            data = data[len(codecs.BOM_UTF8) :]
    candidates = ["utf-8"]
    if declared is not None:
        candidates.append(declared)
    candidates += ["windows-1252", "latin-1"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1"), "latin-1"  # pragma: no cover - latin-1 always decodes


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares, when it is one worth trying before Windows-1252."""
    match = _CHARSET_RE.search(data[:4096])
    if match is None:
        return None
    try:
        encoding = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    # Browsers read Latin-1 and ASCII pages as Windows-1252 anyway, and a page whose markup is
    # ASCII cannot really be UTF-16 or UTF-32.
    if encoding in {"utf-8", "ascii", "latin-1", "iso8859-1", "cp1252"} or encoding.startswith(
        ("utf-16", "utf-32")
    ):
        return None
    return encoding


def looks_binary(text: str, encoding: str) -> bool:
    sample = text[:SNIFF_CHARS]
    if "\x00" in sample and not encoding.startswith(("utf-16", "utf-32")):
        return True
    controls = sum(
        1 for c in sample if c not in _ALLOWED_CONTROLS and unicodedata.category(c) == "Cc"
    )
    return controls > MAX_CONTROL_SHARE * len(sample)


#: Characters of text that break a line as "\n" does: read as "\n", one character for one, so
#: that offsets stay. (Tabs, form feeds and vertical tabs are kept as they are.)
_LINE_BREAKS = dict.fromkeys(map(ord, "\x85\u2028\u2029"), "\n")


def normalise_newlines(text: str) -> str:
    """CRLF and CR as LF, and the other line break characters of text (NEL, the Unicode line
    and paragraph separators) as LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_LINE_BREAKS)


def replace_surrogates(text: str) -> str:
    """Replace lone surrogates (JSON ``"\\ud800"``, undecodable stdin bytes) with U+FFFD.

    No UTF-8 writer accepts them; one character for one keeps every offset.
    """
    return _SURROGATE_RE.sub("\ufffd", text)
