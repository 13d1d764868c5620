"""Stage "clean": strip page clutter from a document, keeping the article's main text.

Scraped pages carry site navigation, photo credits, subscription promotions, comment forms and
lists of related headlines. None of it may become an entity. The method is general (no site
rules), in the spirit of jusText: the text is cut into blocks (lines); each block is classed by
its own features (length, sentence punctuation, share of function words, boilerplate phrases,
photo credits); the main text is the run of blocks, unbroken by boilerplate, holding the most
prose; a title and dateline just before it are kept.

The cleaned text is the kept blocks joined by blank lines. Each kept block is copied verbatim, so
``Article.segments`` maps every cleaned offset back to the raw text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Literal

from kg.records import Article, RawDocument, Segment

BlockClass = Literal["good", "short", "heading", "caption", "boiler"]

# Phrases that mark web-page furniture rather than news prose: calls to action, account and
# comment widgets, navigation. General web vocabulary, matched as whole words.
_BOILER_PHRASES = [
    r"sign (?:in|up)",
    r"log ?in",
    r"subscribe\w*",
    r"subscription",
    r"newsletters?",
    r"free trial",
    r"premium",
    r"membership",
    r"members?hip",
    r"become (?:a )?member",
    r"already (?:a )?member",
    r"your inbox",
    r"in your inbox",
    r"cancel anytime",
    r"skip to (?:main )?content",
    r"back to top",
    r"read more",
    r"related (?:articles|stories|news|posts)",
    r"most (?:read|popular)",
    r"share (?:this|on)",
    r"follow us",
    r"your comment",
    r"leave a comment",
    r"comments?",
    r"captcha",
    r"you are replying to",
    r"cookies?",
    r"privacy policy",
    r"terms of (?:use|service)",
    r"all rights reserved",
    r"advertisement",
    r"click here",
    r"download (?:our|the) app",
    r"news code",
    r"join (?:hundreds|thousands|over|the|our|us)",
    r"start (?:your|with)",
    r"try it",
    r"sponsored",
    r"recommended",
]
_BOILER_RE = re.compile(r"\b(?:" + "|".join(_BOILER_PHRASES) + r")\b", re.IGNORECASE)
# Photo and image credits: "(Photo by ...)", "Photo: ...", "Photo credit".
_CREDIT_RE = re.compile(
    r"\((?:photo|image|picture|file photo)\b|\b(?:photo|image|picture) (?:by|credit)\b|"
    r"^(?:photo|image|credit)s?\s*:|\bphoto credit should read\b",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*\s*$|[\"”»]\s*$")
_BULLET_RE = re.compile(r"^\s*(?:[•·▪‣◦*»›-]|\d+[.)])\s+")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATELINE_RE = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}})"
    r"(?:\s+\d{1,2}:\d{2}.*)?$"
    r"|^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}.*)?$",
    re.IGNORECASE,
)

_STOPWORDS: frozenset[str] | None = None


def _stopwords() -> frozenset[str]:
    global _STOPWORDS
    if _STOPWORDS is None:
        from spacy.lang.en.stop_words import STOP_WORDS

        _STOPWORDS = frozenset(STOP_WORDS)
    return _STOPWORDS


@dataclass(frozen=True, slots=True)
class Block:
    """One line of the raw text and how it was classed."""

    start: int
    end: int
    text: str
    cls: BlockClass


def classify_block(text: str) -> BlockClass:
    """Class one block of text by its own features."""
    words = _WORD_RE.findall(text)
    n = len(words)
    if _CREDIT_RE.search(text):
        return "caption"
    boiler = _BOILER_RE.search(text)
    if boiler and n < 40:
        return "boiler"
    if _BULLET_RE.match(text) and n < 15:
        return "boiler"  # menu and list items
    stop = sum(w.lower() in _stopwords() for w in words)
    ends_sentence = bool(_SENTENCE_END_RE.search(text))
    if ends_sentence and n >= 8 and stop / n >= 0.2:
        return "good"
    if ends_sentence and n >= 3:
        return "short"
    return "heading"


def _blocks(raw: str) -> list[Block]:
    blocks = []
    pos = 0
    for line in raw.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            blocks.append(Block(start, start + len(stripped), stripped, classify_block(stripped)))
        pos += len(line) + 1
    return blocks


def _mark_headline_lists(blocks: list[Block]) -> list[Block]:
    """Runs of three or more headings in a row are lists of links or headlines: boilerplate."""
    out = list(blocks)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and out[j].cls == "heading":
            j += 1
        if j - i >= 3:
            # A run right above the prose keeps its last two lines: the title and a dateline.
            after = j
            while after < len(out) and out[after].cls == "caption":
                after += 1  # a photo caption between the title and the text
            followed_by_text = after < len(out) and out[after].cls in ("good", "short")
            for k in range(i, j - 2 if followed_by_text else j):
                out[k] = Block(out[k].start, out[k].end, out[k].text, "boiler")
        i = max(j, i + 1)
    return out


def select_main_blocks(blocks: list[Block]) -> list[Block]:
    """Pick the run of blocks, unbroken by boilerplate, that holds the most prose."""
    original = blocks
    blocks = _mark_headline_lists(blocks)
    runs: list[list[Block]] = [[]]
    for block in blocks:
        if block.cls == "boiler":
            runs.append([])
        else:
            runs[-1].append(block)

    def prose(run: list[Block]) -> int:
        return sum(b.end - b.start for b in run if b.cls == "good")

    best = max(runs, key=prose)
    if prose(best) == 0:
        # No prose anywhere: keep every block that is not furniture (a short text, a bare list).
        return [b for b in original if b.cls not in ("boiler", "caption")]
    goods = [i for i, b in enumerate(best) if b.cls == "good"]
    first, last = goods[0], goods[-1]
    # Before the first paragraph keep at most a title and a dateline (the nearest two headings
    # with at least three words, or a date); site names and menus further up go.
    lead: list[Block] = []
    for block in reversed(best[:first]):
        if len(lead) == 2:
            break
        if block.cls == "caption":
            continue
        if len(_WORD_RE.findall(block.text)) >= 3 or _DATELINE_RE.match(block.text):
            if not any(b.text == block.text for b in lead):
                lead.insert(0, block)
        else:
            break
    body = [b for b in best[first : last + 1] if b.cls != "caption"]
    kept: list[Block] = []
    for block in lead + body:
        if kept and block.text == kept[-1].text:
            continue  # a title printed twice
        kept.append(block)
    return kept


def clean_document(doc: RawDocument, *, article_id: str) -> Article:
    """Clean one document into an Article whose text all offsets will refer to.

    Args:
        doc: The document as read.
        article_id: The stable id of the article (from its source).

    Returns:
        The article with its cleaned text and the map back to the raw text.
    """
    kept = select_main_blocks(_blocks(doc.text))
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for block in kept:
        if parts:
            parts.append("\n\n")
            pos += 2
        segments.append(Segment(start=pos, raw_start=block.start, length=block.end - block.start))
        parts.append(block.text)
        pos += block.end - block.start
    text = "".join(parts)
    title = doc.title
    if title is None and kept and kept[0].cls == "heading":
        title = kept[0].text
    return Article(
        id=article_id,
        text=text,
        source=doc.url or doc.source,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=title,
        published=doc.published,
        publisher=doc.publisher,
        url=doc.url,
        segments=tuple(segments),
        removed_chars=len(doc.text) - sum(s.length for s in segments),
    )
