"""Stage "twins": find articles that are copies of one another (republished twins).

An outlet that republishes a story keeps its text and changes its clutter: a subtitle, a
dateline ("BERLIN — "), a closing line. Such twins are linked by ``kg:sameStoryAs`` (decision
0004) so that corroboration is counted by independent sources, not by copies.

Method:

* **Words**: the cleaned text, NFKC-normalised and case-folded, curly quotes made straight and
  apostrophes dropped ("France’s" = "France's" = "Frances"), cut into runs of letters and digits;
  other punctuation is ignored.
* **Shingles**: every run of ``shingle`` consecutive words, hashed to an integer. Words are
  hashed with BLAKE2b (stable everywhere), a shingle as Python's hash of its tuple of word
  hashes: integers and tuples of integers hash the same in every process (only ``str`` and
  ``bytes`` hashes are salted).
* **Score**: containment, ``|A ∩ B| / min(|A|, |B|)`` over the two shingle sets, not resemblance
  (Jaccard). A copy with an added subtitle, dateline or boilerplate paragraph still contains
  almost all of the original, while its resemblance falls with every word added; two articles
  written independently about the same event share names and stock phrases but few runs of five
  words, so both measures stay near zero for them. Twins are pairs with containment at least
  ``threshold``.
* **Candidates without all pairs**: each article keeps a sample of its shingles (about two in
  five) chosen by winnowing: the least hash in every window of ``WINDOW`` consecutive shingles
  (Schleimer et al. 2003, as in MOSS). A sample depends only on the text around it, so two texts
  sharing a passage of ``WINDOW + shingle - 1`` words or more are sure to share a sample. An
  inverted index from sample to articles finds the pairs sharing enough of them (a lenient
  bound, half of what the threshold implies), looking up only each article's rarest samples
  (prefix filtering, exact): a stock phrase common to thousands of articles makes no pairs.
  Time and memory grow with the number of words, plus the pairs sharing a rare sample.
* **Verification**: each candidate's containment is computed exactly on the full shingle sets.

Hashes are the same in every process; a 32-bit Python would hash shingles differently, which
changes only which shingles are sampled, never a containment.

Texts of fewer than ``MIN_WORDS`` words (a title alone, a one-line brief) are never twins: a
short text says too little to tell a copy from a coincidence.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise

from kg.errors import InputError
from kg.records import Article

#: Texts with fewer words than this are never twins.
MIN_WORDS = 30
#: Winnowing window, in shingles: one sample per window; density about 2 / (WINDOW + 1).
WINDOW = 4
# A candidate must share at least this fraction of the samples the threshold implies. Sampled
# containment tracks shingle containment closely for copies (shared text comes in long runs);
# the slack keeps recall for edited copies and short texts, and verification is exact anyway.
_CANDIDATE_SLACK = 0.5
#: Articles sharing one sample beyond which its owners are paired in a chain, not all pairs.
CROWD = 64

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)
_WORD_RE = re.compile(r"[^\W_]+")


def text_words(text: str) -> list[str]:
    """The words of a text as twin detection compares them: case-, quote- and
    punctuation-insensitive.

    Example: ``text_words("France’s ‘normalisation' — PARIS")`` is
    ``["frances", "normalisation", "paris"]``.
    """
    text = unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES).replace("'", "")
    return _WORD_RE.findall(text)


class _WordHashes(dict[str, int]):
    """Each word's hash, computed on first use and remembered for the length of one call."""

    def __missing__(self, word: str) -> int:
        digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
        value = self[word] = int.from_bytes(digest, "big")
        return value


class Shingler:
    """Hashes the shingles of a list of words."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._word_hashes = _WordHashes()

    def hashes(self, words: list[str]) -> list[int]:
        """The hash of every shingle, in text order (repeats kept)."""
        ids = list(map(self._word_hashes.__getitem__, words))
        # zip of shifted lists (of unequal length, on purpose) yields each shingle as a tuple of
        # word hashes, all in C.
        shifted = [ids[i:] for i in range(self.size)]
        return list(map(hash, zip(*shifted, strict=False)))


def _winnow(hashes: list[int], window: int) -> set[int]:
    """The least hash of every window of ``window`` consecutive hashes."""
    if window == 1:
        return set(hashes)
    if len(hashes) <= window:
        return {min(hashes)}
    return set(map(min, *(hashes[i:] for i in range(window))))


def shared_needed(smaller: int, threshold: float) -> int:
    """The samples a candidate pair must share, ``smaller`` being the size of its smaller
    sample set: a lenient bound, :data:`_CANDIDATE_SLACK` of what ``threshold`` implies."""
    return max(1, math.ceil(_CANDIDATE_SLACK * threshold * smaller - 1e-9))


def article_samples(text: str, shingler: Shingler, *, min_words: int) -> frozenset[int]:
    """The winnowed samples of a text's shingles; none for a text too short to be a twin."""
    words = text_words(text)
    if len(words) < min_words:
        return frozenset()
    return frozenset(_winnow(shingler.hashes(words), WINDOW))


def shingle_set(text: str, shingler: Shingler) -> frozenset[int]:
    """Every shingle of a text (what containment is computed on)."""
    return frozenset(shingler.hashes(text_words(text)))


def _check_parameters(threshold: float, shingle: int) -> None:
    if not 0 < threshold <= 1:
        raise InputError(f"threshold={threshold}: must be above 0 and at most 1 (0.5 is usual)")
    if shingle < 1:
        raise InputError(f"shingle={shingle}: must be a positive number of words (5 is usual)")


def containment(a: str, b: str, *, shingle: int = 5) -> float:
    """How much of the shorter text the other contains: ``|A ∩ B| / min(|A|, |B|)`` over their
    shingle sets, from 0 to 1 (0 when either has no shingle). No ``MIN_WORDS`` rule applies.
    """
    _check_parameters(0.5, shingle)
    shingler = Shingler(shingle)
    set_a = set(shingler.hashes(text_words(a)))
    set_b = set(shingler.hashes(text_words(b)))
    if not set_a or not set_b:
        return 0.0
    return len(set_a & set_b) / min(len(set_a), len(set_b))


def find_twins(
    articles: Iterable[Article], *, threshold: float = 0.5, shingle: int = 5
) -> tuple[tuple[str, str], ...]:
    """Find the pairs of articles whose cleaned texts are near-duplicates.

    Args:
        articles: Cleaned articles, each with a distinct id; read once.
        threshold: The least shingle containment (``|A ∩ B| / min(|A|, |B|)``) of a twin pair.
        shingle: Words per shingle.

    Returns:
        The twin pairs as ``(a, b)`` article ids with ``a < b``, sorted; each pair once. The
        result does not depend on the order of the input, but for a crowd of more than
        :data:`CROWD` articles sharing one passage: those are linked as a chain, each to the
        next in input order, not every pair (follow ``kg:sameStoryAs`` transitively).

    Raises:
        InputError: If two articles share an id, or a parameter is out of range.
    """
    _check_parameters(threshold, shingle)
    shingler = Shingler(shingle)
    min_words = max(MIN_WORDS, shingle)

    seen: set[str] = set()
    ids: list[str] = []
    texts: list[str] = []
    samples_of: list[frozenset[int]] = []
    owners: defaultdict[int, list[int]] = defaultdict(list)  # the inverted index
    for article in articles:
        if article.id in seen:
            raise InputError(
                f"article id {article.id!r} occurs twice: give each article its own id"
            )
        seen.add(article.id)
        samples = article_samples(article.text, shingler, min_words=min_words)
        if not samples:
            continue
        index = len(ids)
        ids.append(article.id)
        texts.append(article.text)
        samples_of.append(samples)
        for sample in samples:
            owners[sample].append(index)

    # Candidates by prefix filtering (as in set-similarity joins): a pair is a candidate when it
    # shares at least ``need`` samples, ``need = ceil(bound * |A|)`` for the smaller sample set
    # A. Any ``need`` samples of A include one of its ``|A| - need + 1`` rarest, so only those
    # are looked up in the index: a stock phrase in many articles is among an article's
    # commonest samples and makes no pairs.
    order = sorted(range(len(ids)), key=lambda i: (len(samples_of[i]), i))
    rank = {index: position for position, index in enumerate(order)}

    def need(i: int, j: int) -> int:
        return shared_needed(min(len(samples_of[i]), len(samples_of[j])), threshold)

    candidates: set[tuple[int, int]] = set()
    for i in order:
        mine = samples_of[i]
        rarest = sorted(mine, key=lambda sample: (len(owners[sample]), sample))
        found: set[int] = set()
        for sample in rarest[: len(mine) - need(i, i) + 1]:
            if len(owners[sample]) <= CROWD:
                found.update(j for j in owners[sample] if rank[j] > rank[i])
        candidates.update(
            (min(i, j), max(i, j)) for j in found if len(mine & samples_of[j]) >= need(i, j)
        )
    # A sample owned by more than CROWD articles (a passage copied by a crowd of outlets, or
    # stock text) pairs each owner with the next one only: a crowd of copies comes out as a
    # chain of twins (kg:sameStoryAs, to be followed transitively), not as every pair, which
    # made the cost quadratic in the size of the crowd.
    for crowd in owners.values():
        if len(crowd) > CROWD:
            for i, j in pairwise(crowd):
                if (i, j) not in candidates and len(samples_of[i] & samples_of[j]) >= need(i, j):
                    candidates.add((i, j))

    shingle_sets: dict[int, frozenset[int]] = {}

    def shingles_of(index: int) -> frozenset[int]:
        found = shingle_sets.get(index)
        if found is None:
            found = shingle_sets[index] = shingle_set(texts[index], shingler)
        return found

    twins: list[tuple[str, str]] = []
    for i, j in sorted(candidates):
        set_i, set_j = shingles_of(i), shingles_of(j)
        if len(set_i & set_j) >= threshold * min(len(set_i), len(set_j)):
            a, b = sorted((ids[i], ids[j]))
            twins.append((a, b))
    return tuple(sorted(twins))
