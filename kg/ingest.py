"""Stage "read": turn paths (files, folders, ``-``) into :class:`RawDocument` records.

Every input either becomes a ``RawDocument`` or a :class:`Skipped` record naming it and saying why
in one line; nothing here raises for a bad file, line or field. What an input holds (JSON Lines,
JSON, HTML or plain text) is told by its first bytes, not its name (:func:`sniff_kind`). Text is
kept exactly as decoded, apart from a leading byte order mark and line endings (CRLF and CR become
LF), so that offsets taken later can be checked against the file. HTML pages are reduced to their
main text with trafilatura (:mod:`kg.html_text`).
"""

from __future__ import annotations

import codecs
import email.utils
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, Literal, TextIO

from kg.decoding import (
    MAX_CONTROL_SHARE,
    SNIFF_CHARS,
    bom_encoding,
    declared_charset,
    decode,
    looks_binary,
    normalise_newlines,
    replace_surrogates,
)
from kg.errors import InputError
from kg.html_text import extract_html
from kg.records import RawDocument, Skipped

#: Suffixes read when a folder is expanded (compared in lower case).
TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

#: spaCy refuses longer texts (its ``nlp.max_length``): a longer article is skipped whatever
#: ``max_chars`` says.
SPACY_MAX_CHARS = 1_000_000
DEFAULT_MAX_CHARS = SPACY_MAX_CHARS

#: Publication years accepted: earlier or later dates are typing mistakes, and date arithmetic
#: on them ("on Tuesday" before 1 January of the year 1) would fail.
MIN_YEAR, MAX_YEAR = 1000, 9998

#: Raw HTML larger than this is not parsed (the main text is limited by ``max_chars`` after).
MAX_HTML_BYTES = 50_000_000

_Kind = Literal["text", "html", "jsonl", "json"]

_HTML_TAG_RE = re.compile(r"<(?:html|head|body|article|main|div|p|section)\b", re.IGNORECASE)

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
    ``.htm``, ``.jsonl``, ``.ndjson`` and ``.json`` files and leaving out hidden files and folders.
    A file named explicitly is read whatever its name; ``-`` reads standard input. What a file
    (or standard input) holds is recognised by its content, not its name: JSON Lines (one object
    a line), a JSON object or array of objects, an HTML page, or plain text.

    Each document's ``source`` says which article it is, however its path was spelled: its URL
    when it has one; else, for a file found in a folder, its path relative to that folder
    (``sub/a.txt``), for a file named explicitly, its file name, and for a JSON Lines line, that
    followed by ``:LINE``. Standard input's is ``-`` (:func:`kg.pipeline.article_id` then tells
    stories apart by content).

    Args:
        paths: Files, folders, or ``-``, as the user gave them.
        stdin: What ``-`` reads (text or bytes); ``sys.stdin`` when not given.
        max_chars: Longest text accepted, in characters (at most spaCy's limit,
            :data:`SPACY_MAX_CHARS`).

    Returns:
        An iterator of one ``RawDocument`` per article read and one ``Skipped`` per input (or
        JSON Lines line, or field) that could not be used; a ``Skipped`` for a field (an
        unreadable ``published`` date) comes with the document, which is kept without it.

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
            yield from _read_stdin(stdin, max_chars)
            continue
        path = Path(name)
        shown = printable_path(name)
        try:
            is_dir = stat.S_ISDIR(path.stat().st_mode)
        except (FileNotFoundError, NotADirectoryError):
            yield Skipped(path=shown, reason="no such file or directory")
            continue
        except OSError as err:
            yield Skipped(path=shown, reason=_os_reason(err))
            continue
        if not is_dir:
            yield from _read_file(path, printable_path(path.name), max_chars)
            continue
        for found in _walk(path):
            if isinstance(found, Skipped):
                yield found
            else:
                yield from _read_file(
                    found, printable_path(found.relative_to(path).as_posix()), max_chars
                )


def printable_path(name: str | Path) -> str:
    """A path as text that any UTF-8 writer takes: bytes that are not UTF-8 (a file name in
    Latin-1, ``caf\\xe9.txt``) are written as ``\\xNN``, so the name stays distinct and readable."""
    return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def _kind_of(path: Path) -> _Kind:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return "text"


def sniff_kind(head: bytes) -> _Kind | None:
    """What the first bytes of an input are: ``jsonl`` (a JSON object on its first line),
    ``json`` (a JSON array, or an object over several lines), ``html`` (a page: it starts with
    a tag and has an ``<html>``, ``<body>``, ``<p>``... element), or ``None`` (plain text, as far
    as the start says)."""
    decoded = decode(head.replace(b"\x00", b" "))
    if decoded is None:  # pragma: no cover - NUL bytes were replaced
        return None
    text = decoded[0].lstrip("\ufeff \t\r\n")
    if text.startswith("{"):
        first = text.split("\n", 1)[0].strip()
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except (ValueError, RecursionError):
            pass
        # A first line that is not a whole object: one object over several lines, or JSON
        # Lines whose first line is bad (read as such if the whole is not one JSON value).
        return "json"
    if text.startswith("[") and re.match(r"\[\s*(?:\{|\]|$)", text):
        return "json"
    if _looks_like_html(text[:SNIFF_CHARS]):
        return "html"
    return None


def _walk(root: Path) -> list[Path | Skipped]:
    """Files under ``root`` with a known suffix, hidden ones left out, sorted by path parts."""
    found: list[tuple[tuple[str, ...], Path | Skipped]] = []

    def on_error(err: OSError) -> None:
        where = Path(err.filename) if err.filename else root
        found.append(
            (
                where.relative_to(root).parts,
                Skipped(path=printable_path(where), reason=_os_reason(err)),
            )
        )

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
                found.append((key, Skipped(path=printable_path(path), reason=_os_reason(err))))
    found.sort(key=lambda item: item[0])
    return [item for _, item in found]


def _read_stdin(stdin: TextIO | BinaryIO | None, max_chars: int) -> Iterator[RawDocument | Skipped]:
    stream: Any = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
    try:
        data = stream.read()
    except (OSError, ValueError) as err:
        yield Skipped(path="-", reason=_os_reason(err) if isinstance(err, OSError) else str(err))
        return
    if isinstance(data, str):
        # One character for one: a lone surrogate becomes "?" and then stays one character.
        data = data.encode("utf-8", errors="replace")
    yield from _read_bytes("-", "-", io.BytesIO(data), _kind_of(Path("-")), max_chars)


def _read_file(path: Path, ident: str, max_chars: int) -> Iterator[RawDocument | Skipped]:
    name = printable_path(path)
    try:
        with path.open("rb") as stream:
            yield from _read_bytes(name, ident, stream, _kind_of(path), max_chars)
    except OSError as err:
        yield Skipped(path=name, reason=_os_reason(err))


def _read_bytes(
    name: str, ident: str, stream: BinaryIO, kind: _Kind, max_chars: int
) -> Iterator[RawDocument | Skipped]:
    """Read one input: what it holds is told by its first bytes, else by its suffix (``kind``)."""
    head = stream.read(SNIFF_CHARS)
    stream.seek(0)
    if bom_encoding(head) is None and _binary_head(head):
        yield Skipped(path=name, reason="binary file, not text")
        return
    # The content says JSON or HTML; failing that, a .jsonl (.ndjson, .json) file is still read
    # line by line (each bad line skipped), and other names as plain text.
    kind = sniff_kind(head) or kind
    if kind == "jsonl":
        yield from _read_jsonl(name, ident, stream, max_chars)
        return
    limit = _byte_limit(kind, max_chars)
    data = stream.read(limit + 1)
    if len(data) > limit:
        unit = "bytes of HTML" if kind == "html" else "bytes"
        yield Skipped(
            path=name, reason=f"too long: more than {limit} {unit} (limit {max_chars} characters)"
        )
    elif kind == "json":
        yield from _read_json(name, ident, data, max_chars)
    elif kind == "html":
        yield _html_document(name, ident, data, max_chars)
    else:
        yield _text_document(name, ident, data, max_chars)


def _byte_limit(kind: _Kind, max_chars: int) -> int:
    if kind in ("html", "json"):
        return MAX_HTML_BYTES
    # 4 bytes is the most any supported encoding spends on one character (plus a BOM).
    return 4 * max_chars + 4


def _binary_head(head: bytes) -> bool:
    """Whether the start of a file is binary data: more than a few control bytes. (One NUL
    byte in a JSON Lines file costs its line only; the text readers refuse NULs themselves.)"""
    controls = sum(1 for b in head if b < 32 and b not in b"\n\r\t\f\v")
    return controls > MAX_CONTROL_SHARE * max(len(head), 1)


def _text_document(name: str, ident: str, data: bytes, max_chars: int) -> RawDocument | Skipped:
    decoded = decode(data)
    if decoded is None:
        return Skipped(path=name, reason="binary file, not text")
    text, encoding = decoded
    text = normalise_newlines(text)
    return _check_text(name, text, encoding, max_chars) or RawDocument(
        source=ident, text=text, path=name, encoding=encoding
    )


def _html_document(name: str, ident: str, data: bytes, max_chars: int) -> RawDocument | Skipped:
    decoded = decode(data, declared=declared_charset(data))
    if decoded is None:
        return Skipped(path=name, reason="binary file, not text")
    page, encoding = decoded
    if not page.strip():
        return Skipped(path=name, reason="empty file")
    extracted = extract_html(page)
    if extracted is None:
        return Skipped(path=name, reason="no article text found in HTML page")
    text, meta, links = extracted
    url = meta.get("url")
    return _check_text(name, text, encoding, max_chars) or RawDocument(
        source=url or ident,
        text=text,
        path=name,
        title=meta.get("title"),
        published=normalise_published(meta.get("published")),
        publisher=meta.get("publisher"),
        url=url,
        html=True,
        encoding=encoding,
        links=links,
    )


def _check_text(name: str, text: str, encoding: str, max_chars: int) -> Skipped | None:
    """Why ``text`` cannot be used, or ``None`` when it can."""
    if not text.strip():
        return Skipped(path=name, reason="empty file")
    if looks_binary(text, encoding):
        return Skipped(path=name, reason="binary file, not text")
    return _too_long(name, text, max_chars)


def _too_long(name: str, text: str, max_chars: int) -> Skipped | None:
    if len(text) > min(max_chars, SPACY_MAX_CHARS):
        limit = (
            f"limit {max_chars}"
            if max_chars <= SPACY_MAX_CHARS
            else f"spaCy takes at most {SPACY_MAX_CHARS}"
        )
        return Skipped(path=name, reason=f"too long: {len(text)} characters ({limit})")
    return None


def _read_jsonl(
    name: str, ident: str, stream: BinaryIO, max_chars: int
) -> Iterator[RawDocument | Skipped]:
    head = stream.read(SNIFF_CHARS)
    stream.seek(0)
    seen = False
    for lineno, line, encoding in _jsonl_lines(stream, bom_encoding(head)):
        if line.strip():
            seen = True
            yield from _json_line(name, ident, lineno, line, encoding, max_chars)
    if not seen:
        yield Skipped(path=name, reason="empty file")


def _read_json(
    name: str, ident: str, data: bytes, max_chars: int
) -> Iterator[RawDocument | Skipped]:
    """A JSON document: one article object, or an array of them (``file[N]`` names the Nth)."""
    decoded = decode(data)
    if decoded is None:
        yield Skipped(path=name, reason="binary file, not text")
        return
    text, encoding = decoded
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as err:
        if text.strip().count("\n"):  # JSON Lines whose first line is bad: the others count
            yield from _read_jsonl(name, ident, io.BytesIO(data), max_chars)
        else:
            yield Skipped(path=name, reason=_json_error(err))
        return
    if isinstance(value, list):
        if not value:
            yield Skipped(path=name, reason="empty JSON array")
        for index, item in enumerate(value):
            yield from _json_record(
                f"{name}[{index}]", f"{ident}[{index}]", None, item, name, encoding, max_chars
            )
        return
    yield from _json_record(name, ident, None, value, name, encoding, max_chars)


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
        decoded = decode(raw)
        if decoded is None:
            # NUL bytes: json.loads rejects the line and the reason names it.
            decoded = raw.decode("latin-1"), "latin-1"
        yield lineno, decoded[0], decoded[1]


def _json_line(
    name: str, ident: str, lineno: int, line: str, encoding: str, max_chars: int
) -> Iterator[RawDocument | Skipped]:
    where = f"{name}:{lineno}"
    try:
        record = json.loads(line)
    except (ValueError, RecursionError) as err:
        yield Skipped(path=where, reason=_json_error(err))
        return
    yield from _json_record(where, f"{ident}:{lineno}", lineno, record, name, encoding, max_chars)


def _json_error(err: ValueError | RecursionError) -> str:
    if isinstance(err, json.JSONDecodeError):
        return f"invalid JSON: {err.msg} (column {err.colno})"
    if isinstance(err, RecursionError):
        return "invalid JSON: nested too deeply"
    if "digits" in str(err):
        return f"invalid JSON: a number of more than {sys.get_int_max_str_digits()} digits"
    return f"invalid JSON: {err}"


def _json_record(
    where: str,
    ident: str,
    lineno: int | None,
    record: object,
    name: str,
    encoding: str,
    max_chars: int,
) -> Iterator[RawDocument | Skipped]:
    """One article from a JSON object, or a ``Skipped`` saying why not (and one for each of its
    fields that cannot be read, the article then kept without them)."""
    if not isinstance(record, dict):
        yield Skipped(path=where, reason=f"expected a JSON object, got {_json_type(record)}")
        return
    if "text" not in record:
        yield Skipped(path=where, reason='no "text" field')
        return
    text = record["text"]
    if not isinstance(text, str):
        yield Skipped(path=where, reason=f'"text" must be a string, got {_json_type(text)}')
        return
    meta = {key: _meta_string(record.get(key)) for key in ("url", "title", "publisher")}
    # "published" is the documented field; "date" and "dct" (MEANTIME's) are accepted too.
    field = next((k for k in ("published", "date", "dct") if record.get(k)), None)
    given = record[field] if field is not None else None
    published = normalise_published(given)
    flaws: list[Skipped] = []
    if given is not None and published is None:
        shown = given if isinstance(given, str) else json.dumps(given)[:40]
        flaws.append(
            Skipped(
                path=where,
                reason=f'"{field}": {shown[:60]!r} is not a date kg can read '
                f"(ISO 8601, RFC 2822 or 5 March 2024, years {MIN_YEAR} to {MAX_YEAR}); "
                "the article is kept without it",
                kept=True,
            )
        )
    html = False
    links: tuple[tuple[int, int], ...] = ()
    if _looks_like_html(text):
        extracted = extract_html(text)
        if extracted is None:
            yield Skipped(path=where, reason="no article text found in HTML page")
            return
        text, page_meta, links = extracted
        html = True
        # What the record says wins over what the page says.
        for key in meta:
            meta[key] = meta[key] or page_meta.get(key)
        published = published or normalise_published(page_meta.get("published"))
    text = normalise_newlines(replace_surrogates(text))
    if not text.strip():
        yield Skipped(path=where, reason='"text" is empty')
        return
    too_long = _too_long(where, text, max_chars)
    if too_long is not None:
        yield too_long
        return
    yield from flaws
    url = meta["url"]
    yield RawDocument(
        source=url or ident,
        text=text,
        path=name,
        line=lineno,
        title=meta["title"],
        published=published,
        publisher=meta["publisher"],
        url=url,
        html=html,
        encoding=encoding,
        links=links,
    )


def _meta_string(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return replace_surrogates(value.strip())
    return None


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


def _os_reason(err: OSError) -> str:
    reason = err.strerror or str(err) or type(err).__name__
    return reason[:1].lower() + reason[1:]


def normalise_published(value: object) -> str | None:
    """A publication date or time as an ISO 8601 string, or ``None`` if it cannot be read.

    Accepts ISO 8601, RFC 2822 (``Tue, 05 Mar 2024 08:30:00 GMT``) and a few written forms
    (``5 March 2024``, ``March 5, 2024``). A date stays a date; a date and time keeps its time and
    offset. Years outside :data:`MIN_YEAR` to :data:`MAX_YEAR` are not read.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    found = _parse_published(value.strip())
    if found is None or not MIN_YEAR <= found.year <= MAX_YEAR:
        return None
    return found.isoformat()


def _parse_published(text: str) -> date | datetime | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None
