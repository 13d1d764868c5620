"""Stage "read": turn paths (files, folders, ``-``) into :class:`RawDocument` records.

Every input either becomes a ``RawDocument`` or a :class:`Skipped` record naming it and saying why
in one line; nothing here raises for a bad file. Text is kept exactly as decoded, apart from a
leading byte order mark and line endings (CRLF and CR become LF), so that offsets taken later can
be checked against the file. HTML pages are reduced to their main text with trafilatura.
"""

from __future__ import annotations

import codecs
import email.utils
import json
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, Literal, TextIO

from kg.errors import InputError
from kg.records import RawDocument, Skipped

#: Suffixes read when a folder is expanded (compared in lower case).
TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

#: spaCy refuses longer texts.
DEFAULT_MAX_CHARS = 1_000_000

#: Raw HTML larger than this is not parsed (the main text is limited by ``max_chars`` after).
MAX_HTML_BYTES = 50_000_000

#: A text with more than this share of control characters is taken for binary data.
MAX_CONTROL_SHARE = 0.05

#: How much of the start of a file binary detection looks at.
_SNIFF_CHARS = 65_536

_Kind = Literal["text", "html", "jsonl"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_TAG_RE = re.compile(r"<(?:html|head|body|article|main|div|p|section)\b", re.IGNORECASE)
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")

#: Formats tried after ISO 8601 and RFC 2822 for ``published`` values.
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%Y/%m/%d")


def iter_documents(
    paths: Iterable[str | Path],
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[RawDocument | Skipped]:
    """Read every input, in a deterministic order.

    Folders are expanded recursively in sorted order, keeping only ``.txt``, ``.text``, ``.html``,
    ``.htm`` and ``.jsonl`` files and leaving out hidden files and folders. A file named
    explicitly is read whatever its suffix (an unknown one as plain text); ``-`` reads standard
    input as plain text.

    Args:
        paths: Files, folders, or ``-``, as the user gave them.
        stdin: What ``-`` reads (text or bytes); ``sys.stdin`` when not given.
        max_chars: Longest text accepted, in characters.

    Returns:
        An iterator of one ``RawDocument`` per article read and one ``Skipped`` per input (or
        JSON Lines line) that could not be used.

    Raises:
        InputError: If ``max_chars`` is not positive.
    """
    if max_chars < 1:
        raise InputError(f"max_chars={max_chars}: must be a positive number of characters")
    return _iter_documents(list(paths), stdin, max_chars)


def _iter_documents(
    paths: list[str | Path], stdin: TextIO | BinaryIO | None, max_chars: int
) -> Iterator[RawDocument | Skipped]:
    for given in paths:
        name = os.fspath(given)
        if name == "-":
            yield _read_stdin(stdin, max_chars)
            continue
        path = Path(name)
        try:
            is_dir = stat.S_ISDIR(path.stat().st_mode)
        except (FileNotFoundError, NotADirectoryError):
            yield Skipped(name, "no such file or directory")
            continue
        except OSError as err:
            yield Skipped(name, _os_reason(err))
            continue
        if not is_dir:
            yield from _read_file(path, _kind_of(path), max_chars)
            continue
        for found in _walk(path):
            if isinstance(found, Skipped):
                yield found
            else:
                yield from _read_file(found, _kind_of(found), max_chars)


def _kind_of(path: Path) -> _Kind:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return "text"


def _walk(root: Path) -> list[Path | Skipped]:
    """Files under ``root`` with a known suffix, hidden ones left out, sorted by path parts."""
    found: list[tuple[tuple[str, ...], Path | Skipped]] = []

    def on_error(err: OSError) -> None:
        where = Path(err.filename) if err.filename else root
        found.append((where.relative_to(root).parts, Skipped(str(where), _os_reason(err))))

    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        here = Path(dirpath)
        for filename in filenames:
            path = here / filename
            if filename.startswith(".") or path.suffix.lower() not in KNOWN_SUFFIXES:
                continue
            key = path.relative_to(root).parts
            try:
                # Leaves out FIFOs and devices: reading one could block.
                if stat.S_ISREG(path.stat().st_mode):
                    found.append((key, path))
            except OSError as err:
                found.append((key, Skipped(str(path), _os_reason(err))))
    found.sort(key=lambda item: item[0])
    return [item for _, item in found]


def _read_stdin(stdin: TextIO | BinaryIO | None, max_chars: int) -> RawDocument | Skipped:
    stream: Any = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
    try:
        data = stream.read()
    except (OSError, ValueError) as err:
        return Skipped("-", _os_reason(err) if isinstance(err, OSError) else str(err))
    if isinstance(data, bytes):
        return _text_document("-", data, max_chars)
    text = _normalise_newlines(_replace_surrogates(data.removeprefix("\ufeff")))
    return _check_text("-", text, "utf-8", max_chars) or RawDocument(
        source="-", text=text, path="-", encoding=getattr(stream, "encoding", None) or "utf-8"
    )


def _read_file(path: Path, kind: _Kind, max_chars: int) -> Iterator[RawDocument | Skipped]:
    name = str(path)
    if kind == "jsonl":
        yield from _read_jsonl(path, max_chars)
        return
    # 4 bytes is the most any supported encoding spends on one character (plus a BOM).
    limit = MAX_HTML_BYTES if kind == "html" else 4 * max_chars + 4
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as err:
        yield Skipped(name, _os_reason(err))
        return
    if len(data) > limit:
        unit = "bytes of HTML" if kind == "html" else "bytes"
        yield Skipped(name, f"too long: more than {limit} {unit} (limit {max_chars} characters)")
    elif kind == "html":
        yield _html_document(name, data, max_chars)
    else:
        yield _text_document(name, data, max_chars)


def _text_document(name: str, data: bytes, max_chars: int) -> RawDocument | Skipped:
    decoded = _decode(data)
    if decoded is None:
        return Skipped(name, "binary file, not text")
    text, encoding = decoded
    text = _normalise_newlines(text)
    return _check_text(name, text, encoding, max_chars) or RawDocument(
        source=name, text=text, path=name, encoding=encoding
    )


def _html_document(name: str, data: bytes, max_chars: int) -> RawDocument | Skipped:
    decoded = _decode(data, declared=_declared_charset(data))
    if decoded is None:
        return Skipped(name, "binary file, not text")
    page, encoding = decoded
    if not page.strip():
        return Skipped(name, "empty file")
    extracted = extract_html(page)
    if extracted is None:
        return Skipped(name, "no article text found in HTML page")
    text, meta = extracted
    url = meta.get("url")
    return _check_text(name, text, encoding, max_chars) or RawDocument(
        source=url or name,
        text=text,
        path=name,
        title=meta.get("title"),
        published=normalise_published(meta.get("published")),
        publisher=meta.get("publisher"),
        url=url,
        html=True,
        encoding=encoding,
    )


def _check_text(name: str, text: str, encoding: str, max_chars: int) -> Skipped | None:
    """Why ``text`` cannot be used, or ``None`` when it can."""
    if not text.strip():
        return Skipped(name, "empty file")
    if _looks_binary(text, encoding):
        return Skipped(name, "binary file, not text")
    if len(text) > max_chars:
        return Skipped(name, f"too long: {len(text)} characters (limit {max_chars})")
    return None


def extract_html(page: str) -> tuple[str, dict[str, str]] | None:
    """The main text of an HTML page and its metadata, or ``None`` when it has no main text.

    Paragraphs, headings and lists of the main text are separated by blank lines; navigation,
    comments, tables and boilerplate are left out.

    Args:
        page: The decoded HTML page.

    Returns:
        ``(text, metadata)``, the metadata holding any of ``title``, ``published`` (as the page
        gives it), ``publisher`` (the site name) and ``url`` (the canonical URL); or ``None``.
    """
    # Heavy import (lxml, justext, htmldate): only when a page is actually read.
    import trafilatura
    from trafilatura.xml import xmltotxt

    result = trafilatura.bare_extraction(
        page,
        include_comments=False,
        include_tables=False,
        include_images=False,
        # Precision over recall: a missed sentence costs less than a menu read as news.
        favor_precision=True,
        with_metadata=True,
    )
    if result is None or isinstance(result, dict) or result.body is None:
        return None
    # trafilatura's own text output puts one newline between paragraphs; join its blocks with a
    # blank line instead so that paragraph breaks stay visible to sentence segmentation.
    blocks = (xmltotxt(block, False).strip() for block in result.body)
    text = _normalise_newlines("\n\n".join(block for block in blocks if block))
    if not text.strip():
        return None
    meta: dict[str, str] = {}
    for key, value in (
        ("title", result.title),
        ("published", result.date),
        ("publisher", result.sitename),
        ("url", result.url),
    ):
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    return text, meta


def _read_jsonl(path: Path, max_chars: int) -> Iterator[RawDocument | Skipped]:
    name = str(path)
    seen = False
    try:
        with path.open("rb") as stream:
            head = stream.read(_SNIFF_CHARS)
            stream.seek(0)
            bom = _bom_encoding(head)
            if bom is None and b"\x00" in head:
                yield Skipped(name, "binary file, not text")
                return
            for lineno, line, encoding in _jsonl_lines(stream, bom):
                if line.strip():
                    seen = True
                    yield _jsonl_document(name, lineno, line, encoding, max_chars)
    except OSError as err:
        yield Skipped(name, _os_reason(err))
        return
    if not seen:
        yield Skipped(name, "empty file")


def _jsonl_lines(stream: BinaryIO, bom: str | None) -> Iterator[tuple[int, str, str]]:
    """``(line number, line, encoding)`` for each line; UTF-8 unless a BOM says otherwise."""
    if bom is not None:
        # UTF-16/32 cannot be split on b"\n": decode the whole file (rare) first.
        text = stream.read().decode(bom, errors="replace").removeprefix("\ufeff")
        for lineno, line in enumerate(text.split("\n"), start=1):
            yield lineno, line, bom
        return
    for lineno, raw in enumerate(stream, start=1):
        if lineno == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        # Each line on its own: one bad line must not change how the others are read.
        decoded = _decode(raw)
        if decoded is None:
            # NUL bytes: json.loads rejects the line and the reason names it.
            decoded = raw.decode("latin-1"), "latin-1"
        yield lineno, decoded[0], decoded[1]


def _jsonl_document(
    name: str, lineno: int, line: str, encoding: str, max_chars: int
) -> RawDocument | Skipped:
    where = f"{name}:{lineno}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return Skipped(where, f"invalid JSON: {err.msg} (column {err.colno})")
    if not isinstance(record, dict):
        return Skipped(where, f"expected a JSON object, got {_json_type(record)}")
    if "text" not in record:
        return Skipped(where, 'no "text" field')
    text = record["text"]
    if not isinstance(text, str):
        return Skipped(where, f'"text" must be a string, got {_json_type(text)}')
    meta = {key: _meta_string(record.get(key)) for key in ("url", "title", "publisher")}
    # "published" is the documented field; "date" and "dct" (MEANTIME's) are accepted too.
    published = normalise_published(
        next((record[k] for k in ("published", "date", "dct") if record.get(k)), None)
    )
    html = False
    if _looks_like_html(text):
        extracted = extract_html(text)
        if extracted is None:
            return Skipped(where, "no article text found in HTML page")
        text, page_meta = extracted
        html = True
        # What the record says wins over what the page says.
        for key in meta:
            meta[key] = meta[key] or page_meta.get(key)
        published = published or normalise_published(page_meta.get("published"))
    text = _normalise_newlines(_replace_surrogates(text))
    if not text.strip():
        return Skipped(where, '"text" is empty')
    if len(text) > max_chars:
        return Skipped(where, f"too long: {len(text)} characters (limit {max_chars})")
    url = meta["url"]
    return RawDocument(
        source=url or where,
        text=text,
        path=name,
        line=lineno,
        title=meta["title"],
        published=published,
        publisher=meta["publisher"],
        url=url,
        html=html,
        encoding=encoding,
    )


def _meta_string(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return _replace_surrogates(value.strip())
    return None


def _replace_surrogates(text: str) -> str:
    """Replace lone surrogates (JSON ``"\\ud800"``, undecodable stdin bytes) with U+FFFD.

    No UTF-8 writer accepts them; one character for one keeps every offset.
    """
    return _SURROGATE_RE.sub("\ufffd", text)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "a string"


def _looks_like_html(text: str) -> bool:
    return text.lstrip().startswith("<") and _HTML_TAG_RE.search(text) is not None


def _decode(data: bytes, *, declared: str | None = None) -> tuple[str, str] | None:
    """Decode bytes as UTF-8, UTF-16/32 by BOM, a declared charset, Windows-1252 or Latin-1.

    Returns ``(text, encoding)``, or ``None`` for binary data (NUL bytes outside UTF-16/32).
    Never raises: Latin-1 decodes any bytes.
    """
    bom = _bom_encoding(data)
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


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _declared_charset(data: bytes) -> str | None:
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


def _looks_binary(text: str, encoding: str) -> bool:
    sample = text[:_SNIFF_CHARS]
    if "\x00" in sample and not encoding.startswith(("utf-16", "utf-32")):
        return True
    controls = sum(
        1 for c in sample if c not in _ALLOWED_CONTROLS and unicodedata.category(c) == "Cc"
    )
    return controls > MAX_CONTROL_SHARE * len(sample)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _os_reason(err: OSError) -> str:
    reason = err.strerror or str(err) or type(err).__name__
    return reason[:1].lower() + reason[1:]


def normalise_published(value: object) -> str | None:
    """A publication date or time as an ISO 8601 string, or ``None`` if it cannot be read.

    Accepts ISO 8601, RFC 2822 (``Tue, 05 Mar 2024 08:30:00 GMT``) and a few written forms
    (``5 March 2024``, ``March 5, 2024``). A date stays a date; a date and time keeps its time and
    offset.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date().isoformat()
        except ValueError:
            continue
    return None
