"""A corpus of any size made from real article text, for the speed benchmark.

    python -m benchmarks.corpus --articles 1000 -o corpus.jsonl     # one article per line

The text is real: the sentences of the sample articles (``articles/``) and of the 30 MEANTIME
Wikinews articles (``tests/data/meantime/articles``), about 600. Each made article is one of
their headlines and four to eight paragraphs of one to four sentences drawn from that pool, so
that no two articles are copies of one another (``kg.twins`` would link them) while each
sentence still reads as news.

Real news keeps meeting new people while a few recur all the time, so the number of distinct
entities grows with the corpus. Here every person named in a paragraph (a given name, by the
``gender-guesser`` list kg already uses, followed by one or two capitalised words) is replaced by
a name recombined from a given name (found in the texts, or one of the 5,600 common ones of the
``gender-guesser`` list) and a surname found in the texts, drawn with a Zipf distribution over
all such names: the first few recur in many articles and new ones keep
appearing. A person keeps one new name within an article, and their surname alone ("Akar said")
follows it. Organisations and places are left as written. The same seed gives the same corpus.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT / "articles", ROOT / "tests" / "data" / "meantime" / "articles")
#: Zipf exponent: 1.0 gives about as many new names per article late in a corpus as real news.
ZIPF = 1.0

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
_WORD = rf"[{_UPPER}][^\W\d_]+(?:-[{_UPPER}][^\W\d_]+)?"
#: Given names that here start other names ("Al Jazeera", "Mac OS", "Vice President"), and last
#: words that end organisations and titles rather than people.
_NOT_GIVEN = {"Al", "Mac", "York", "Vice", "Prince", "Judge", "Royal", "Core", "Stanford", "Walt"}
_NOT_SURNAME = {"University", "Times", "Exchange", "Company", "President", "Store", "News"}
_NOT_SURNAME |= {"Duo", "Courts"}
_SENTENCE_END_RE = re.compile(r"(?<=[a-z0-9][.!?])\s+(?=[A-Z“\"])")
_WORD_RE = re.compile(rf"\b{_WORD}\b")
_REST_RE = re.compile(rf"(?: {_WORD}){{1,2}}\b")


@dataclass(frozen=True, slots=True)
class CorpusArticle:
    """One made article and the generated person names written in it."""

    text: str
    persons: tuple[str, ...]


def read_sentences() -> tuple[list[str], list[str]]:
    """The headlines (first lines) of the source texts and the sentences of their paragraphs of
    15 words or more (shorter lines are mostly page clutter: lists of other headlines), in a
    fixed order."""
    headlines, sentences = [], []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
            headlines.append(lines[0])
            for line in lines[1:]:
                if len(line.split()) >= 15:
                    sentences.extend(s for s in _SENTENCE_END_RE.split(line) if s.strip())
    return headlines, sentences


def _given_names() -> object:
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def find_persons(paragraph: str, detector: object) -> list[tuple[int, int, str, str]]:
    """(start, end, given name, surname) of each name that starts with a known given name."""
    found: list[tuple[int, int, str, str]] = []
    for word in _WORD_RE.finditer(paragraph):
        if found and word.start() < found[-1][1]:
            continue
        first, rest = word.group(), _REST_RE.match(paragraph, word.end())
        if rest is None or first in _NOT_GIVEN or first.isupper():
            continue
        last = rest.group().split()[-1]
        if last in _NOT_SURNAME or last.isupper():
            continue
        if detector.get_gender(first) in ("male", "female"):  # type: ignore[attr-defined]
            found.append((word.start(), rest.end(), first, last))
    return found


def common_given_names(detector: object) -> set[str]:
    """The given names of the ``gender-guesser`` list that are common in some country."""
    names: dict[str, dict[str, str]] = detector.names  # type: ignore[attr-defined]
    return {
        name.capitalize()
        for name, genders in names.items()
        if set(genders) in ({"male"}, {"female"})
        and name.isascii()
        and name.isalpha()
        and len(name) >= 3
        and max(int(f, 16) for f in next(iter(genders.values())).split()) >= 7
    }


def make_corpus(articles: int, *, seed: int = 0) -> list[CorpusArticle]:
    """``articles`` articles of real paragraphs with recombined person names (see the module)."""
    detector = _given_names()
    headlines, body = read_sentences()
    pieces = headlines + body
    persons = [find_persons(p, detector) for p in pieces]
    firsts = sorted(
        {first for found in persons for _, _, first, _ in found} | common_given_names(detector)
    )
    surnames = sorted({last for found in persons for _, _, _, last in found} - set(firsts))
    rng = random.Random(seed)
    names = [f"{a} {b}" for a, b in itertools.product(firsts, surnames)]
    rng.shuffle(names)  # rank -> name: which names are the common ones depends on the seed
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** ZIPF for rank in range(len(names))))

    def draw_name() -> str:
        return names[bisect_left(cumulative, rng.random() * cumulative[-1])]

    out = []
    for _ in range(articles):
        sizes = [rng.randint(1, 4) for _ in range(rng.randint(4, 8))]
        chosen = rng.sample(range(len(headlines), len(pieces)), sum(sizes))
        groups = [[rng.randrange(len(headlines))]]
        for size in sizes:
            groups.append(chosen[:size])
            chosen = chosen[size:]
        new_names: dict[str, str] = {}  # old surname -> new full name, for this article
        paragraphs = []
        for group in groups:
            texts = []
            for index in group:
                text = pieces[index]
                for start, end, _, last in reversed(persons[index]):
                    new = new_names.setdefault(last, draw_name())
                    text = text[:start] + new + text[end:]
                texts.append(text)
            paragraphs.append(" ".join(texts))
        body = "\n\n".join(paragraphs)
        for old, new in new_names.items():
            body = re.sub(rf"\b{re.escape(old)}\b", new.split()[-1], body)
        out.append(CorpusArticle(body, tuple(sorted(set(new_names.values())))))
    return out


def write_corpus(corpus: list[CorpusArticle], path: Path) -> None:
    """The corpus as JSON Lines (``text``), which ``kg build`` reads."""
    with path.open("w", encoding="utf-8") as handle:
        for article in corpus:
            handle.write(json.dumps({"text": article.text}, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--out", type=Path, default=Path("corpus.jsonl"))
    args = parser.parse_args()
    corpus = make_corpus(args.articles, seed=args.seed)
    write_corpus(corpus, args.out)
    distinct = len({name for article in corpus for name in article.persons})
    words = sum(len(article.text.split()) for article in corpus)
    print(json.dumps({"articles": len(corpus), "words": words, "distinct_persons": distinct}))


if __name__ == "__main__":
    main()
