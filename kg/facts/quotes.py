"""Quotations in an article's text, for the claim rules of stage "facts".

Pairs of the usual quote marks: “…”, "…", ``…'', «…», „…“ and ‘…’ (a ’ inside a word is an
apostrophe, not a closing mark). A quotation runs over sentences, and into the next paragraph when
that paragraph opens with a quote mark again (the news convention for a long quote: the first
paragraph is left open), or when the next paragraph holds no quote mark but the closing one at its
very end (the quotation simply goes on: "He said, “We learned a lot.¶It was a long day.”").
Otherwise a paragraph that ends with a quotation still open closes it there. An opening mark
doubled by a typo ("“”We will win,” he said") opens one quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Opening mark -> the closing marks that end it.
_PAIRS = {
    "“": ("”", "“"),
    "„": ("“", "”"),
    "«": ("»",),
    "»": ("«",),
    '"': ('"',),
    "``": ("''",),
    "‘": ("’",),
}


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``text[start:end]`` is inside the marks, ``outer`` includes them."""

    start: int
    end: int
    outer_start: int
    outer_end: int


def _opener(text: str, i: int) -> str | None:
    if text.startswith("``", i):
        return "``"
    ch = text[i]
    if ch == "‘":
        return ch if i == 0 or not text[i - 1].isalnum() else None
    return ch if ch in _PAIRS and ch != "‘" else None


def _closes(text: str, i: int, opener: str) -> str | None:
    for mark in _PAIRS[opener]:
        if text.startswith(mark, i):
            if mark == "’" and i + 1 < len(text) and text[i + 1].isalpha():
                return None  # "Syria’s": an apostrophe
            return mark
    return None


def _closed_at_end(text: str, k: int, opener: str) -> bool:
    """Whether the paragraph starting at ``k`` has no quote mark but a closing mark of
    ``opener`` as its last character."""
    newline = text.find("\n", k)
    para = (text[k:] if newline < 0 else text[k:newline]).rstrip()
    if len(para) < 2:
        return False
    mark = next((m for m in _PAIRS[opener] if para.endswith(m)), None)
    if mark is None or len(para) <= len(mark) or para[-len(mark) - 1] not in ".!?,":
        return False
    return _MARK_RE.search(para[: -len(mark)].replace("’", "")) is None


_MARK_RE = re.compile("``|[" + "".join(m for m in _PAIRS if len(m) == 1) + "]")
#: Opening mark -> where a quotation it opens may end or go on: a closing mark, a line break.
_STOPS = {
    opener: re.compile("|".join([*map(re.escape, closing), "\n"]))
    for opener, closing in _PAIRS.items()
}


def find_quotes(text: str) -> list[Quote]:
    """Every quotation, in text order (nested marks inside a quotation are part of it)."""
    out: list[Quote] = []
    i = 0
    n = len(text)
    while i < n:
        found = _MARK_RE.search(text, i)
        if found is None:
            break
        i = found.start()
        opener = _opener(text, i)
        if opener is None:
            i += 1
            continue
        begin = i
        j = inner = i + len(opener)
        end = None
        stops = _STOPS[opener]
        while j < n:
            # Only a closing mark or a line break ends or carries on a quotation: the text
            # between is passed over in one search, not a character at a time.
            stop = stops.search(text, j)
            if stop is None:
                j = n
                break
            j = stop.start()
            mark = _closes(text, j, opener)
            doubled = mark is not None and j == inner == begin + len(opener)
            if doubled and text[j + len(mark or "") : j + len(mark or "") + 1].isalnum():
                j = inner = j + len(mark or "")  # a doubled opening mark ("“”This ..."): a typo
                continue
            if mark is not None:
                end = j
                j += len(mark)
                break
            if text[j] == "\n":
                k = j
                while k < n and text[k].isspace():
                    k += 1
                if k < n and _opener(text, k) == opener:
                    j = k + len(opener)  # the quotation goes on in the next paragraph
                    continue
                if k < n and _closed_at_end(text, k, opener):
                    j = k  # the next paragraph goes on and closes it
                    continue
                end = j  # an open quotation ends with its paragraph
                break
            j += 1
        if end is None:
            end = n
        if end > inner:
            out.append(Quote(inner, end, begin, j))
        i = max(j, begin + 1)
    return out
