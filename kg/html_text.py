"""Stage "read", for HTML: a page's main text by trafilatura, with where its links are.

trafilatura (Barbaresi 2021) finds the main text; kg keeps each block it returns (paragraph,
heading, list item, table row) on a line of its own, separated by blank lines, and records the
offsets of link text so that the cleaning stage (``kg.clean``) can tell a list of links from
prose. A table that lays out a page is read cell by cell. When the extractor finds little of the
article that the page's own JSON-LD gives as ``articleBody`` (a page that draws its text with
script), that text is read instead (:func:`json_ld_body`).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

from kg.decoding import normalise_newlines

#: trafilatura settings tried in turn until one finds text. Chosen by measurement on 59 pages of
#: news sites (../shared/eval/dev/html-dev, 5-word shingles against the expected text): the
#: balanced default with tables kept R 0.996 / P 0.982, ``favor_precision`` R 0.991 / P 0.985 but
#: 2 points fewer of the must-have snippets, ``favor_recall`` P 0.960. kg's own cleaning removes
#: furniture afterwards, on its own evidence. A page that the default reads as empty (a page laid
#: out in tables, a page of short blocks) may give its text to another setting. A page where no
#: setting finds a sentence has no article text.
#: Each setting is ``(favor_precision, favor_recall)``.
_TRAFILATURA_SETTINGS: tuple[tuple[bool, bool], ...] = (
    (False, False),
    (False, True),
    (True, False),
)


def extract_html(page: str) -> tuple[str, dict[str, str], tuple[tuple[int, int], ...]] | None:
    """The main text of an HTML page, its metadata and its links, or ``None`` when it has none.

    Paragraphs, headings, list items and table rows of the main text are separated by blank
    lines; navigation and comments are left out.

    Args:
        page: The decoded HTML page.

    Returns:
        ``(text, metadata, links)``: the metadata holding any of ``title``, ``published`` (as the
        page gives it), ``publisher`` (the site name) and ``url`` (the canonical URL); the links
        as (start, end) offsets of link text in ``text``. Or ``None``.
    """
    # Heavy import (lxml, justext, htmldate): only when a page is actually read.
    import trafilatura

    found: tuple[str, tuple[tuple[int, int], ...]] | None = None
    first: Any = None
    for favor_precision, favor_recall in _TRAFILATURA_SETTINGS:
        try:
            result = trafilatura.bare_extraction(
                page,
                include_comments=False,
                include_tables=True,
                include_images=False,
                include_links=True,
                with_metadata=True,
                favor_precision=favor_precision,
                favor_recall=favor_recall,
            )
            if result is None or isinstance(result, dict) or result.body is None:
                continue
            first = first or result
            text, links = _body_text(result.body)
        except Exception:  # a page the extractor chokes on costs only itself: next setting
            continue
        # What a setting finds counts only with a sentence in it: on a page of menus alone,
        # trafilatura reads the menus.
        if _has_prose(text):
            found = text, links
            break
    body = json_ld_body(page)
    if body is not None and (found is None or _misses(found[0], body)):
        found = body, ()
    if found is None:
        return None
    text, links = found
    result = first
    meta: dict[str, str] = {}
    for key, value in (
        ("title", getattr(result, "title", None)),
        ("published", getattr(result, "date", None)),
        ("publisher", getattr(result, "sitename", None)),
        ("url", getattr(result, "url", None)),
    ):
        if isinstance(value, str) and value.strip():
            meta[key] = value.strip()
    return text, meta, links


#: An ``articleBody`` shorter than this (in words) is a summary or a paywall's teaser, no article.
MIN_BODY_WORDS = 50
#: The extractor's text "misses" the ``articleBody`` when it holds less than this share of the
#: body's words and of its 5-word shingles. On html-dev nine pages give a body: eight of them
#: are covered 0.84-1.00 by what trafilatura found; one, which draws its text by script, 0.00
#: (trafilatura read 24 words, a photo caption, of a 702-word body).
MIN_BODY_SHARE = 0.5
_JSON_LD_RE = re.compile(
    r"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_BREAK_TAG_RE = re.compile(r"<\s*(?:br|/p|/div|/h[1-6]|/li|/blockquote)\b[^>]*>", re.IGNORECASE)
_TAG_RE = re.compile(r"<[^>]{0,2000}>")
#: Characters a browser does not show (soft hyphen, zero-width space, word joiner, BOM), and
#: spaces it shows as a space (no-break, figure, narrow no-break, thin).
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009"), " ")


def json_ld_body(page: str) -> str | None:
    """The longest ``articleBody`` that the page's JSON-LD gives, as plain text, or ``None``.

    Examples: a news site whose paragraphs a script draws from the page's ``NewsArticle``
    record; a blog whose ``BlogPosting`` carries the post with ``<p>`` tags in it. Markup and
    character references in the body are read as a browser shows them, each paragraph (a line,
    or a ``<p>``) on a line of its own, separated by blank lines. A body under
    :data:`MIN_BODY_WORDS` words, or with no sentence, is ``None``.
    """
    best: str | None = None
    for match in _JSON_LD_RE.finditer(page):
        try:
            data = json.loads(match.group(1).strip(), strict=False)
        except ValueError:
            continue
        for body in _article_bodies(data):
            if best is None or len(body) > len(best):
                best = body
    if best is None:
        return None
    text = _plain(best)
    if len(text.split()) < MIN_BODY_WORDS or not _has_prose(text):
        return None
    return text


def _article_bodies(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "articleBody" and isinstance(value, str):
                yield value
            else:
                yield from _article_bodies(value)
    elif isinstance(data, list):
        for value in data:
            yield from _article_bodies(value)


def _plain(body: str) -> str:
    """An ``articleBody`` as paragraphs of plain text."""
    if "<" in body:
        body = _TAG_RE.sub("", _BREAK_TAG_RE.sub("\n", body))
    body = html.unescape(body).translate(_INVISIBLE).translate(_SPACES)
    lines = (" ".join(line.split()) for line in normalise_newlines(body).split("\n"))
    return "\n\n".join(line for line in lines if line)


def _misses(text: str, body: str) -> bool:
    """Whether the extractor's ``text`` holds less than :data:`MIN_BODY_SHARE` of ``body``,
    by words and by 5-word shingles."""
    if len(text.split()) >= MIN_BODY_SHARE * len(body.split()):
        return False
    wanted = _shingles(body)
    return len(wanted & _shingles(text)) < MIN_BODY_SHARE * len(wanted)


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}


def _body_text(body: Any) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text of trafilatura's body element and the offsets of its link texts."""
    from copy import deepcopy

    from lxml import etree
    from trafilatura.xml import xmltotxt

    parts: list[str] = []
    links: list[tuple[int, int]] = []
    pos = 0
    for block in (unit for child in body for unit in _units(child)):
        plain = deepcopy(block)
        refs = []
        for ref in plain.iter("ref"):
            refs.append(" ".join("".join(ref.itertext()).split()))
            _space_around(ref)
        etree.strip_tags(plain, "ref")
        # trafilatura's own text output puts one newline between paragraphs; a blank line keeps
        # paragraph breaks visible to sentence segmentation.
        text = normalise_newlines(xmltotxt(plain, False).strip())
        if not text:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        cursor = 0
        for ref in refs:
            at = text.find(ref, cursor) if ref else -1
            if at >= 0:
                links.append((pos + at, pos + at + len(ref)))
                cursor = at + len(ref)
        parts.append(text)
        pos += len(text)
    return "".join(parts), tuple(links)


#: Sentence stops: Latin, CJK full-width, Devanagari (danda), Myanmar, Arabic and Urdu.
SENTENCE_STOPS = ".!?。！？।။؟۔"
_SENTENCE_RE = re.compile(f"[^{SENTENCE_STOPS}\n]+[{SENTENCE_STOPS}]")
#: Letters of scripts written without spaces between words (kana, CJK ideographs, Thai, Lao,
#: Myanmar, Khmer): there a sentence is one "word" to ``str.split``.
UNSPACED_RE = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]"
)
#: A sentence of a script without spaces has at least this many of its letters.
MIN_UNSPACED_LETTERS = 10


def _has_prose(text: str) -> bool:
    """Whether ``text`` has a sentence: three words or more ending in a sentence stop (".", "!",
    "?", "。", ...), or, in a script without spaces between words (Chinese, Japanese, Thai),
    :data:`MIN_UNSPACED_LETTERS` letters of it."""
    return any(
        len(m.group(0).split()) >= 3 or len(UNSPACED_RE.findall(m.group(0))) >= MIN_UNSPACED_LETTERS
        for m in _SENTENCE_RE.finditer(text)
    )


#: A table with a cell of this many words holds prose: it lays out a page, it is not data.
_LAYOUT_CELL_WORDS = 30
_BLOCK_TAGS = frozenset({"p", "head", "list", "quote", "table", "code"})


def _units(block: Any) -> Iterator[Any]:
    """The blocks of text an element of trafilatura's body holds: the element itself, or, for a
    table that lays out a page (a cell of prose), each cell and each paragraph inside a cell, so
    that a menu in one cell and the article in the next are not one line."""
    if block.tag != "table" or not any(
        len("".join(cell.itertext()).split()) >= _LAYOUT_CELL_WORDS for cell in block.iter("cell")
    ):
        yield block
        return
    from lxml import etree

    for cell in block.iter("cell"):
        if cell.find(".//cell") is not None:
            continue  # a nested table: its own cells come in turn
        lead = etree.Element("p")
        lead.text = cell.text
        pending = [lead]
        for child in list(cell):
            if child.tag in _BLOCK_TAGS:
                tail, child.tail = child.tail, None
                pending.append(child)
                after = etree.Element("p")
                after.text = tail
                pending.append(after)
            else:
                pending[-1].append(child)  # inline: moved along with its tail
        for unit in pending:
            if "".join(unit.itertext()).strip():
                yield unit


def _space_around(ref: Any) -> None:
    """Put back the space between a link and a word next to it.

    With links kept, trafilatura trims the white space around a link ("two <ref>handguns</ref>with
    their"); without them the words are apart, as on the page.
    """
    inner = "".join(ref.itertext())
    if not inner:
        return
    if ref.tail and ref.tail[0].isalnum() and inner[-1].isalnum():
        ref.tail = " " + ref.tail
    previous, parent = ref.getprevious(), ref.getparent()
    if parent is None:
        return
    before = (previous.tail if previous is not None else parent.text) or ""
    if before and before[-1].isalnum() and inner[0].isalnum():
        if previous is not None:
            previous.tail = before + " "
        else:
            parent.text = before + " "
