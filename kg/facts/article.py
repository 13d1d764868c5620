"""One article's records as the rules of stage "facts" read them (no spaCy here)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from kg.gazetteer import Gazetteer
from kg.records import Extraction, Mention

RULES_VERSION = "1"
_SPACE_AND_THE_RE = re.compile(r"\s*(?:the\s+)?", re.IGNORECASE)


class ArticleView:
    """An article's text and mentions, with lookups the rules share."""

    def __init__(self, ex: Extraction, gaz: Gazetteer) -> None:
        self.ex = ex
        self.text = ex.article.text
        self.gaz = gaz
        self.mentions = sorted(ex.mentions, key=lambda m: m.start)
        self.by_start = {m.start: m for m in self.mentions}
        self.by_end = {m.end: m for m in self.mentions}
        self.starts = [m.start for m in self.mentions]
        self.sentence_ends = [s.end for s in ex.sentences]

    def mention_at(self, pos: int) -> Mention | None:
        """The mention starting at ``pos`` after skipping spaces and an article."""
        match = _SPACE_AND_THE_RE.match(self.text, pos)
        return self.by_start.get(match.end() if match else pos)

    def mention_ending(self, pos: int) -> Mention | None:
        """The mention ending at ``pos``, a possessive or spaces allowed in between."""
        head = self.text[max(0, pos - 3) : pos]
        for cut in (0, len(head) - len(head.rstrip()), 2, 1):
            if pos - cut in self.by_end:
                return self.by_end[pos - cut]
        return None

    def in_sentence(self, index: int, types: Sequence[str] | None = None) -> list[Mention]:
        sentence = self.ex.sentences[index]
        first = bisect.bisect_left(self.starts, sentence.start)
        last = bisect.bisect_left(self.starts, sentence.end)
        return [m for m in self.mentions[first:last] if types is None or m.type in types]

    def country_of_word(self, word: str) -> str | None:
        word = re.sub(r"(?:’s|'s|’|')$", "", word.strip())
        hit = self.gaz.demonym(word) or self.gaz.country(word)
        return hit.iso if hit else None


def sentence_index(art: ArticleView, offset: int) -> int:
    """The sentence holding ``offset``, else the next one, else the last."""
    index = bisect.bisect_right(art.sentence_ends, offset)
    return min(index, max(0, len(art.ex.sentences) - 1))


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` without the spaces, quote marks, commas and dashes at either end (and a
    final full stop)."""
    while start < end and text[start] in " \t\n“”\"'‘’,—-":
        start += 1
    while end > start and text[end - 1] in " \t\n“”\"'‘’,—-.":
        end -= 1
    return start, end
