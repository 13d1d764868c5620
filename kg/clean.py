"""Stage "clean": strip page furniture from a document, keeping the article's main text.

Scraped pages carry site navigation, photo credits, subscription calls, comment forms and lists
of related headlines. None of it may become an entity; none of the article may be lost with it.
The text is cut into blocks (lines; the lines of a hard-wrapped paragraph are one block), and a
block is dropped only on evidence about that block, never because of where it stands after
another one:

- **Furniture on its own evidence** (both kinds of input, :func:`furniture_reason`): a short
  block that is mostly link text; a whole short line that is a site's label, call, byline or
  credit (lexicon ``furniture_lines``); a call to the reader (:func:`is_call`); a photo credit.
- **Across a corpus** (:func:`mark_site_lines`): a short line that three documents of one site
  print.
- **HTML pages** were reduced to their main text by trafilatura already (``kg.ingest``): every
  block it found is kept except furniture, menus and lists of links, the label of a list of
  furniture ("More stories"), a line naming a reader service next to furniture, the site's name
  alone, and a line printed twice (:func:`select_html_blocks`).
- **Plain-text pages** (a page saved as text, menus and all) are classed with jusText's model
  (Pomikálek 2011, :func:`select_text_blocks`): stop-word density and length class each block
  good, near-good, short or bad, and short blocks take the class of their neighbours. Furniture
  is bad before that. The stop list is jusText's own for the article's language.

The cleaned text is the kept blocks joined by blank lines. Each kept block is copied verbatim, so
``Article.segments`` maps every cleaned offset back to the raw text, and
``Article.removed_chars`` says how much was dropped (:func:`text_report` sums it up for
``report.json``). The article's language is recorded too (``kg.language``).
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal

from kg.html_text import UNSPACED_RE
from kg.lexicon import entries, words
from kg.records import Article, RawDocument, Segment

#: ``good``: kept as prose; ``short``: a short line kept with prose around it; ``heading``: a
#: line without sentence punctuation; ``furniture``: dropped.
BlockClass = Literal["good", "short", "heading", "furniture"]

#: A line of at most SITE_MAX_WORDS words printed in at least SITE_MIN_DOCS documents of one
#: site (one URL host, else one publisher) is the site's furniture ("Most read", "Sign up for
#: the Daily Brief"). Longer lines may be a background paragraph that follow-up stories repeat.
SITE_MIN_DOCS = 3
SITE_MAX_WORDS = 12
#: Lines longer than this are never taken for a whole-line label or a call to the reader.
MAX_FURNITURE_WORDS = 30
#: Calls to the reader may run a little longer ("If you are already a subscriber, log in ...").
MAX_CALL_WORDS = 40
#: A block of at most MAX_FURNITURE_WORDS whose text is at least this share link text is a link
#: (a related story, a menu entry, "Read more: <headline>"). Measured on html-dev's 238 blocks
#: with links: 70% are under 0.25 link text; related headlines and labels 0.5 and more; but
#: article sentences with a linked name or two reach 0.62, hence MIN_SENTENCE_LINK_SHARE.
MIN_LINK_SHARE = 0.5
#: A list (a run of bulleted or numbered lines) whose text is at least this share link text is a
#: list of links: related stories, a menu (jusText takes any paragraph over 0.2 for
#: boilerplate). On html-dev the lists of related stories are 0.44 to 0.72.
MIN_LIST_LINK_SHARE = 0.4
#: A sentence of eight words or more is a link only when this share of it is link text.
MIN_SENTENCE_LINK_SHARE = 0.9
#: A link line needs this many words: a name that is a link ("Jane Smith.") is not furniture.
MIN_LINK_WORDS = 4
#: A heading with at most this many words can be the label of a list of furniture.
MAX_LABEL_WORDS = 8

# Photo and image credits anywhere in a block: "(Photo by ...)", "Photo credit should read",
# "(AP Photo/A. Smith)", "... | Photograph: A. Smith/Agency".
_CREDIT_RE = re.compile(
    r"\((?:photo|image|picture|file photo)\b|\b(?:photo|image|picture) (?:by|credit)\b|"
    r"\bphoto credit should read\b|"
    r"\((?:[\w.&-]+ ){0,3}(?:photo|photograph|image|picture)s?\s*/|"
    r"[|/–—]\s*(?:photo|photograph|image|picture)s?(?: by| credit)?\s*:",
    re.IGNORECASE,
)
#: A caption ends in its credit after the caption's last sentence: "... on Tuesday. Photo: A.
#: Smith/Agency", "... the flooded road. Credit: J. Doe (CC BY 2.0)", "... a press briefing. By
#: THE AGENCY". Only a short block (MAX_CAPTION_WORDS) is taken for a caption: a paragraph of
#: news with a byline stuck to its end stays.
_END_CREDIT_RE = re.compile(
    r"[.!?][\"'”’)]*\s+(?:"
    r"(?i:(?:header |top |main )?(?:photo|photograph|image|picture|credit)s?(?: by| credit)?)\s*:"
    r"\s*\S[^\n]{0,80}"
    r"|By\s+(?:(?:[A-Z][\w.&'’-]*|of|the|and|for|de|van|von|al)\s*){1,7}"
    r")$"
)
MAX_CAPTION_WORDS = 60
#: An author's tagline, the last block of an article: "Jane Roe is an award-winning reporter and
#: the author of two books", "Jo Bloggs covers the courts for the Herald", "Reach him at
#: jo@example.org". Only the last blocks are taken for one (:func:`is_tagline`), and only up to
#: MAX_TAGLINE_WORDS: in the middle of a story "Jane Roe is a reporter for the paper who was
#: arrested in May" is news.
_NAME = r"(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w.'’-]*,?\s+"
_TAGLINE_RE = re.compile(
    rf"^{_NAME}(?:is|has been) (?:a|an|the) (?:[\w,-]+\s+){{0,6}}?(?:reporter|correspondent|"
    r"writer|editor|columnist|journalist|contributor|producer|photographer|author|freelancer|"
    r"blogger|critic|intern)s?\b"
    rf"|^{_NAME}(?:covers|writes about|writes on|reports on|reports for|writes for)\b"
    r"|\b(?:[Rr]each|[Cc]ontact|[Ee]-?mail|[Ff]ollow) (?:him|her|them) (?:at|on|via)\b"
)
MAX_TAGLINE_WORDS = 80
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_SENTENCE_END_RE = re.compile(r"[.!?…:;。！？।။؟۔：；][\"'”’»)\]」』]*\s*$|[\"”»」』]\s*$")
#: The end of a sentence: its stop, closing quotes or brackets, and note marks ("...city.[4]").
_SENTENCE_STOP_RE = re.compile(r"[.!?。！？।။؟۔][\"'”’»)\]」』]*(?:\[\d{1,3}\])*\s*$")
#: The same, or a colon that opens a statement or a list ("... provided this statement:").
_CLAUSE_STOP_RE = re.compile(r"(?:[.!?。！？।။؟۔][\"'”’»)\]」』]*(?:\[\d{1,3}\])*|[:：])\s*$")
_BULLET_RE = re.compile(r"^(?:[•·▪‣◦*»›–—-]|\d{1,2}[.)])\s+")
_YEAR_RE = re.compile(r"\b(?:1[89]|20)\d\d\b")
_QUOTE_RE = re.compile(r"[\"“”«»„]")
#: A name in single quotes: 'Save the Pier', ‘We Love Books’ (not an apostrophe: no letter before
#: the opening quote nor after the closing one).
_SINGLE_QUOTED_RE = re.compile(r"(?<!\w)['‘][^'‘’\n]{2,80}['’](?!\w)")
_MAX_HEADING_WORDS = 20

# jusText's defaults (justext.core), kept as the library's authors set them...
_LENGTH_LOW = 70
_LENGTH_HIGH = 200
# Except one: name-heavy news paragraphs (a lede naming four ministers) fall to 0.29, so a
# paragraph from 0.25 is near-good (measured on the sample articles and html-dev's texts).
_STOPWORDS_LOW = 0.25
_STOPWORDS_HIGH = 0.32
_MAX_HEADING_DISTANCE = 200


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the raw text (a line, or a hard-wrapped paragraph) and how it was classed."""

    start: int
    end: int
    text: str
    cls: BlockClass
    #: How many of its characters are link text (HTML pages only).
    link_chars: int = 0


@cache
def _furniture_lines() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{e})" for e in entries("furniture_lines")), re.IGNORECASE)


@cache
def _phrase_re(name: str) -> re.Pattern[str]:
    alternatives = sorted((re.escape(w) for w in words(name)), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _word_count(text: str) -> int:
    """Words of ``text``; in a script without spaces between words (Chinese, Japanese, Thai),
    two letters count as one word, about the length of a word there."""
    unspaced = len(UNSPACED_RE.findall(text))
    if not unspaced:
        return len(_WORD_RE.findall(text))
    return len(_WORD_RE.findall(UNSPACED_RE.sub(" ", text))) + (unspaced + 1) // 2


def _link_share_needed(text: str, words: int) -> float:
    """A sentence with links in it ("The mayor of Lisbon said ...") is prose unless nearly all of
    it is link text (a teaser); a line that is no sentence is a link from MIN_LINK_SHARE."""
    if words >= 8 and _ends_sentence(text):
        return MIN_SENTENCE_LINK_SHARE
    return MIN_LINK_SHARE


def _is_reported_speech(text: str) -> bool:
    return bool(_QUOTE_RE.search(text) or _phrase_re("reported_speech").search(text))


def is_call_word_line(text: str) -> bool:
    """Whether a short line names a reader service ("newsletter", "subscribers", "Twitter")
    outside reported speech: weak evidence, furniture only next to other furniture.

    Examples: "First-time subscribers also get a welcome gift." (after a subscription call),
    "New episodes of the podcast every Friday." A reporter's sentence with "said" or a quotation
    never is.
    """
    if _word_count(text) > MAX_CALL_WORDS or _is_reported_speech(text):
        return False
    services = _phrase_re("call_to_action").search(text)
    return bool(services or _phrase_re("social_calls").search(text))


def is_call(text: str) -> bool:
    """Whether a short line is a site's call to its reader, on its own evidence.

    A reader service (lexicon ``call_to_action``: "Sign up for our newsletter", "Already a
    subscriber? Log in") with a word addressing the reader (``address_words``), or an app or
    social network (``social_calls``) with a word in which the site speaks or orders
    (``site_words``: "Follow us on Instagram", "Download our app"). The words of a name in
    single quotes do not count: a group, a campaign or a show may be called so. Not: "The
    service has 2 million subscribers, the company said", "If you use Twitter, your data may be
    exposed.", "A Facebook group called 'We love the old pier' has 5,000 members."
    """
    if not is_call_word_line(text):
        return False
    text = _SINGLE_QUOTED_RE.sub(" ", text)
    if _phrase_re("call_to_action").search(text) and _phrase_re("address_words").search(text):
        return True
    return bool(_phrase_re("social_calls").search(text) and _phrase_re("site_words").search(text))


def furniture_reason(text: str, *, link_chars: int = 0) -> str | None:
    """Why a block is page furniture on its own evidence, or ``None`` when it is not.

    Examples: "Read more: Storm closes Alpine passes" (a label line), "Follow the Daily Planet on
    Facebook and Twitter" (a line), "Sign up for our free newsletter" (a call to the reader),
    "© 2024 Example Media. All rights reserved." (a line), a related headline that is all link
    text (link), "(Photo by A. Smith / Agency)" and a caption ending in its credit, "Fans queue
    for tickets at dawn. Photo: A. Smith/Agency" (credit). Not: "The company, which has 2 million
    subscribers, declined to comment." (no word addressing the reader).

    Args:
        text: The block, stripped.
        link_chars: How many of its characters are link text.
    """
    if _CREDIT_RE.search(text):
        return "credit"
    return _uncredited_furniture_reason(text, link_chars)


def _uncredited_furniture_reason(text: str, link_chars: int) -> str | None:
    """:func:`furniture_reason` of a block without a photo credit's mark (``_CREDIT_RE``)."""
    n = _word_count(text)
    if n <= MAX_CAPTION_WORDS and _ends_in_credit(text):
        return "credit"
    if n <= MAX_FURNITURE_WORDS:
        if n >= MIN_LINK_WORDS and link_chars >= _link_share_needed(text, n) * len(text):
            return "link"
        if _furniture_lines().fullmatch(text) and not _is_reported_speech(text):
            return "line"
    # A longer block is never a call (is_call_word_line): its words need not be counted again.
    if n <= MAX_CALL_WORDS and is_call(text):
        return "call"
    return None


def is_tagline(text: str) -> bool:
    """Whether a block reads as an author's tagline, the kind that closes an article.

    Examples: "Ana Ruiz is a freelance journalist and the author of a book on the Andes.", "Li
    Wei covers energy markets for the paper. Reach him at li@example.org". Not: "Ana Ruiz was a
    reporter for 20 years.", "The minister is a former journalist." (no name first).
    """
    return _word_count(text) <= MAX_TAGLINE_WORDS and bool(_TAGLINE_RE.search(text))


def _trailing_taglines(texts: list[str], furniture: list[bool]) -> list[int]:
    """The author's taglines that close a text: the last blocks but furniture, from the end,
    while they are taglines (two at most)."""
    found: list[int] = []
    for i in range(len(texts) - 1, -1, -1):
        if furniture[i]:
            continue
        if len(found) == 2 or not is_tagline(texts[i]):
            break
        found.append(i)
    return found


def _mark_trailing_taglines(blocks: list[Block]) -> None:
    """Mark the author's taglines that close a text as furniture, in place."""
    furniture = [b.cls == "furniture" for b in blocks]
    for i in _trailing_taglines([b.text for b in blocks], furniture):
        blocks[i] = _as_furniture(blocks[i])


def _ends_in_credit(text: str) -> bool:
    """Whether a block ends in a photo credit after a sentence ("... on Monday. Photo: A. Smith
    /Agency"), the credit with its label nine words at most."""
    match = _END_CREDIT_RE.search(text)
    return match is not None and _word_count(match.group(0)) <= 9


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END_RE.search(text))


def _is_long_sentence(text: str) -> bool:
    """Whether a block is a sentence of eight words or more: it ends in ".", "!" or "?", or in
    a colon that opens what follows ("The minister told reporters after the vote:", "The
    club's chairman gave the following statement:")."""
    return _word_count(text) >= 8 and bool(_CLAUSE_STOP_RE.search(text))


def _is_heading(text: str) -> bool:
    return not _ends_sentence(text) and _word_count(text) <= _MAX_HEADING_WORDS


def _lines(raw: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of ``raw``, stripped, with the lines of a
    hard-wrapped paragraph joined: a line that does not end a sentence, followed directly by
    one that starts in lower case ("... in support of the liberation" / "campaign now totals").
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    joinable = False
    for line in raw.split("\n"):
        stripped = line.strip()
        if not stripped:
            joinable = False
        else:
            start = pos + (len(line) - len(line.lstrip()))
            end = start + len(stripped)
            if joinable and stripped[0].islower():
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
            joinable = not _ends_sentence(stripped)
        pos += len(line) + 1
    return spans


def _blocks(raw: str, links: tuple[tuple[int, int], ...] = ()) -> list[Block]:
    """The raw text cut into blocks (lines, hard-wrapped paragraphs joined), each with its link
    characters counted."""
    starts = [a for a, _ in links]
    blocks = []
    for start, end in _lines(raw):
        text = raw[start:end]
        in_links = 0
        for a, b in links[max(0, bisect.bisect_right(starts, start) - 1) :]:
            if a >= end:
                break
            in_links += max(0, min(b, end) - max(a, start))
        cls: BlockClass = "heading" if _is_heading(text) else "good"
        blocks.append(Block(start, end, text, cls, in_links))
    return blocks


def site_of(doc: RawDocument) -> str | None:
    """The site a document comes from: its URL's host, else its publisher, else ``None``."""
    from urllib.parse import urlsplit

    for candidate in (doc.url, doc.source):
        if candidate and "://" in candidate:
            host = urlsplit(candidate).hostname
            if host:
                return host.removeprefix("www.")
    return _squash(doc.publisher) if doc.publisher else None


def mark_site_lines(
    documents: list[tuple[str, RawDocument]],
) -> list[tuple[str, RawDocument]]:
    """Give each document the short lines that the other documents of its site repeat.

    Evidence across a corpus: a line of at most :data:`SITE_MAX_WORDS` words in at least
    :data:`SITE_MIN_DOCS` documents of one site is that site's furniture (a menu entry, "More
    from Business", "Sign up for the Morning Brief"), wherever it stands. Documents of unknown
    site are left as they are: the same short line on different sites may be news (a quotation
    that several outlets print).
    """
    counts: dict[str, Counter[str]] = {}
    sites: list[str | None] = []
    for _, doc in documents:
        site = site_of(doc)
        sites.append(site)
        if site is None:
            continue
        own = {_squash(doc.text[a:b]) for a, b in _lines(doc.text)}
        counts.setdefault(site, Counter()).update(
            line for line in own if _word_count(line) <= SITE_MAX_WORDS
        )
    repeated = {
        site: frozenset(line for line, n in counter.items() if n >= SITE_MIN_DOCS)
        for site, counter in counts.items()
    }
    marked = []
    for (aid, doc), site in zip(documents, sites, strict=True):
        furniture = repeated.get(site, frozenset()) if site else frozenset()
        if furniture:
            mine = frozenset(_squash(doc.text[a:b]) for a, b in _lines(doc.text)) & furniture
            if mine:
                doc = replace(doc, site_lines=mine)
        marked.append((aid, doc))
    return marked


def _as_furniture(block: Block) -> Block:
    return replace(block, cls="furniture")


def select_html_blocks(
    blocks: list[Block], *, publisher: str | None = None, title: str | None = None
) -> list[Block]:
    """Keep every block the main-text extractor found but furniture.

    Dropped: blocks that are furniture on their own evidence (:func:`furniture_reason`); a
    heading that only labels furniture after it (two furniture blocks, or furniture up to the
    end: "More from Business" over a list of links); the items of a list of links (a run of
    bulleted lines mostly link text); a line naming a reader service next to furniture
    (:func:`is_call_word_line`); a line that is only the site's name (``publisher``: a credit
    such as "Reuters" under a paragraph); an author's tagline closing the text
    (:func:`is_tagline`); a line printed twice in a row. A photo caption with its
    credit sits inside the text: it is left out before neighbours are looked at, so the
    paragraph after it is judged as if it followed the paragraph before. The page's headline
    (``title``, or the start of it: "Storm closes passes | Daily Planet") labels the article,
    not the byline and date lines under it.
    """
    out = []
    for block in blocks:
        reason = furniture_reason(block.text, link_chars=block.link_chars)
        if reason != "credit":
            out.append(_as_furniture(block) if reason else block)
    _mark_link_lists(out)
    _mark_link_runs(out)
    _mark_trailing_taglines(out)
    if publisher:
        site = _squash(publisher)
        out = [_as_furniture(b) if _squash(b.text) == site else b for b in out]
    for i, block in enumerate(out):
        if block.cls == "furniture" or not is_call_word_line(block.text):
            continue
        before = out[i - 1].cls if i else ""
        after = out[i + 1].cls if i + 1 < len(out) else ""
        if "furniture" in (before, after):
            out[i] = _as_furniture(block)
    headline = _squash(title) if title else None
    for i in range(len(out) - 1, -1, -1):
        if out[i].cls != "heading" or _word_count(out[i].text) > MAX_LABEL_WORDS:
            continue
        if headline and headline.startswith(_squash(out[i].text)):
            continue
        j = i + 1
        while j < len(out) and out[j].cls == "furniture":
            j += 1
        if j - i - 1 >= 2 or (j > i + 1 and j == len(out)):
            out[i] = _as_furniture(out[i])
    return _dedupe([b for b in out if b.cls != "furniture"])


def _is_link_line(block: Block) -> bool:
    return _word_count(
        block.text
    ) <= MAX_FURNITURE_WORDS and block.link_chars >= MIN_LINK_SHARE * len(block.text)


def _mark_link_runs(blocks: list[Block]) -> None:
    """Mark runs of two or more lines that are mostly link text as furniture, in place: a menu
    ("Home" / "World" / "Sport"), however short its entries."""
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and _is_link_line(blocks[j]):
            j += 1
        if j - i >= 2:
            blocks[i:j] = [_as_furniture(b) for b in blocks[i:j]]
        i = max(j, i + 1)


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def _mark_link_lists(blocks: list[Block]) -> None:
    """Mark the items of a list of links as furniture, in place."""
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and _BULLET_RE.match(blocks[j].text):
            j += 1
        if j - i >= 2:
            items = blocks[i:j]
            chars = sum(len(b.text) for b in items)
            if sum(b.link_chars for b in items) >= MIN_LIST_LINK_SHARE * chars:
                blocks[i:j] = [_as_furniture(b) for b in items]
        i = max(j, i + 1)


def _dedupe(blocks: list[Block]) -> list[Block]:
    kept: list[Block] = []
    for block in blocks:
        if kept and block.text == kept[-1].text:
            continue  # a title printed twice
        kept.append(block)
    return kept


class _Paragraph:
    """A block as jusText's classifier sees a paragraph (``justext.paragraph.Paragraph``)."""

    def __init__(self, block: Block) -> None:
        self._words = block.text.split()  # counted twice by the classifier: split once
        self.text = " ".join(self._words)
        self.is_heading = block.cls == "heading"
        self.heading = self.is_heading
        self.dom_path = "h" if self.is_heading else "p"
        self.xpath = ""
        self.chars_count_in_links = 0
        self.class_type = ""
        self.cf_class = ""

    def __len__(self) -> int:
        return len(self.text)

    @property
    def words_count(self) -> int:
        return len(self._words)

    def stopwords_count(self, stopwords: frozenset[str]) -> int:
        return sum(map(stopwords.__contains__, map(str.lower, self._words)))

    def stopwords_density(self, stopwords: frozenset[str]) -> float:
        n = self.words_count
        return self.stopwords_count(stopwords) / n if n else 0.0

    def links_density(self) -> float:
        return 0.0


@cache
def stoplist(language: str) -> frozenset[str]:
    """jusText's stop list for an ISO 639-1 language code (its English one when it has none)."""
    import justext

    from kg.language import language_name

    name = (language_name(language) or "English").replace(" ", "_")
    try:
        return frozenset(justext.get_stoplist(name))
    except ValueError:
        return frozenset(justext.get_stoplist("English"))


def _text_furniture(text: str) -> bool:
    """Whether a block of a plain-text page, without a photo credit's mark (``_CREDIT_RE``:
    :func:`select_text_blocks` has left those out), is furniture. A photo caption that ends in
    its credit ("Rescuers at the warehouse. Image: J. Okafor.") is the article's own text there:
    plain-text news (Wikinews dumps, feeds) writes captions inside the story, annotated with it,
    and taking one for furniture would take its neighbours (the headline, the date line, the
    lead paragraph) with it in jusText's context pass."""
    reason = _uncredited_furniture_reason(text, 0)
    return reason is not None and reason != "credit"


def select_text_blocks(
    blocks: list[Block], *, language: str = "en", title: str | None = None
) -> list[Block]:
    """Class the blocks of a plain-text page with jusText and keep the good ones.

    Furniture (:func:`furniture_reason`, and an author's tagline closing the text,
    :func:`is_tagline`) is bad before the context-sensitive pass, so the short
    lines around it (a list of newsletters under a subscription call) go with it. A heading short
    enough for a title is "short" rather than bad, so that a title just above the text is kept
    (jusText's "good headings"). Without any good block, every block but furniture is kept (a
    short note, a bare list). When the record gives the article's ``title`` and a block above
    the text is that title, it and every block between it and the text but furniture are kept
    (a headline, its date line and a photo caption: "Storm floods coastal towns" / "Monday,
    March 2, 2020" / "A flooded street in 2019.").
    """
    from justext.core import classify_paragraphs, revise_paragraph_classification

    # A photo credit sits inside the text: it neither belongs to the article nor ends it, so
    # it is left out before jusText looks at neighbours.
    credits = {i for i, b in enumerate(blocks) if _CREDIT_RE.search(b.text)}
    blocks = [b for i, b in enumerate(blocks) if i not in credits]
    paragraphs = [_Paragraph(b) for b in blocks]
    classify_paragraphs(
        paragraphs,
        stoplist(language),
        length_low=_LENGTH_LOW,
        length_high=_LENGTH_HIGH,
        stopwords_low=_STOPWORDS_LOW,
        stopwords_high=_STOPWORDS_HIGH,
        # A plain-text line without sentence punctuation is not an HTML heading: jusText's
        # "good headings" would keep a site name above the title.
        no_headings=True,
    )
    furniture = [b.cls == "furniture" or _text_furniture(b.text) for b in blocks]
    for i in _trailing_taglines([b.text for b in blocks], furniture):
        furniture[i] = True
    for paragraph, block, is_furniture in zip(paragraphs, blocks, furniture, strict=True):
        if is_furniture:
            paragraph.cf_class = "bad"
        elif paragraph.is_heading and len(paragraph) < _LENGTH_HIGH:
            paragraph.cf_class = "short"
        elif paragraph.cf_class == "bad" and _is_long_sentence(block.text):
            # A news sentence full of names has few stop words ("Defence Minister Jane Roe met
            # Foreign Minister John Doe in Oslo."): near-good, and its neighbours decide.
            paragraph.cf_class = "neargood"
    revise_paragraph_classification(paragraphs, max_heading_distance=_MAX_HEADING_DISTANCE)
    if not any(p.class_type == "good" for p in paragraphs):
        # A short article has no paragraph long enough to be good: its near-good ones lead.
        for paragraph in paragraphs:
            if paragraph.cf_class == "neargood":
                paragraph.cf_class = "good"
        revise_paragraph_classification(paragraphs, max_heading_distance=_MAX_HEADING_DISTANCE)
    good = [p.class_type == "good" for p in paragraphs]
    if not any(good):
        return _dedupe([b for b, f in zip(blocks, furniture, strict=True) if not f])
    first = good.index(True)
    # A title and a standfirst or dateline right above the text (two short blocks at most) are
    # kept, as jusText keeps headings near good text; site names and menus further up are not.
    lead: list[int] = []
    for i in range(first - 1, -1, -1):
        if len(lead) == 2 or furniture[i] or paragraphs[i].cf_class not in ("short", "neargood"):
            break
        text = blocks[i].text
        if blocks[i].cls == "heading" and _word_count(text) < 3 and not _YEAR_RE.search(text):
            break  # a site name or a menu entry; a date line ("28 December 2022") is kept
        lead.insert(0, i)
    headline = _squash(title) if title else None
    above = [i for i in range(first) if headline and _squash(blocks[i].text) == headline]
    if above:  # the record names its headline: all from it down to the text is the article's
        lead = [i for i in range(above[-1], first) if not furniture[i]]
    for i in lead:
        good[i] = True
    # jusText takes the end of a text for boilerplate, so a short last sentence ("The talks go
    # on next month, the ministry said.") would go; it stays when nothing but furniture follows.
    last = len(good) - 1 - good[::-1].index(True)
    tail = [i for i in range(last + 1, len(blocks)) if not furniture[i]]
    if len(tail) <= 2 and all(_SENTENCE_STOP_RE.search(blocks[i].text) for i in tail):
        for i in tail:
            good[i] = True
    return _dedupe([b for b, g in zip(blocks, good, strict=True) if g])


def clean_document(doc: RawDocument, *, article_id: str) -> Article:
    """Clean one document into an Article whose text all offsets will refer to.

    Args:
        doc: The document as read.
        article_id: The stable id of the article (from its source).

    Returns:
        The article with its cleaned text, its language (ISO 639-1, empty when unsure) and the
        map back to the raw text.
    """
    from kg.language import detect_language

    language = detect_language(doc.text)
    blocks = _blocks(doc.text, doc.links)
    if doc.site_lines:
        blocks = [_as_furniture(b) if _squash(b.text) in doc.site_lines else b for b in blocks]
    if doc.html:
        kept = select_html_blocks(blocks, publisher=doc.publisher, title=doc.title)
    else:
        kept = select_text_blocks(blocks, language=language or "en", title=doc.title)
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
        language=language,
    )


def text_report(articles: Iterable[Article]) -> dict[str, Any]:
    """How much text cleaning kept and dropped, in all and per article (for ``report.json``).

    ``chars_dropped`` counts the characters of the text as read (for an HTML page: the text
    trafilatura found) that cleaning left out, white space between blocks included.
    """
    rows: list[dict[str, Any]] = []
    kept_total = dropped_total = 0
    languages: Counter[str] = Counter()
    for article in articles:
        kept = sum(s.length for s in article.segments)
        kept_total += kept
        dropped_total += article.removed_chars
        languages[article.language or "unsure"] += 1
        rows.append(
            {
                "id": article.id,
                "source": article.source,
                "chars_kept": kept,
                "chars_dropped": article.removed_chars,
                "language": article.language,
            }
        )
    return {
        "chars_kept": kept_total,
        "chars_dropped": dropped_total,
        "languages": dict(sorted(languages.items())),
        "articles": rows,
    }
