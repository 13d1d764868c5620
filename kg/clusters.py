"""The growing entities of stage "resolve" (:mod:`kg.resolve`): clusters of mentions, the
name keys they meet by, and the type a cluster's mentions vote for.

A cluster keeps its mentions, the texts and name keys of its variants and the gazetteer places
it holds, so that a union costs the number of distinct spellings; two clusters holding
different gazetteer places (two countries, two cities) never merge.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii

from kg.lexicon import words
from kg.patterns import normalise_words
from kg.records import EntityType, Mention

_PARTICLES = words("name_particles")
_LEGAL_SUFFIXES = words("legal_suffixes")
_STRONG_TYPES = {"NewsMediaOrganization", "GovernmentOrganization", "Country", "City", "Road"}
_SPECIFICITY: dict[EntityType, int] = {
    "NewsMediaOrganization": 3,
    "GovernmentOrganization": 2,
    "Organization": 1,
    "Country": 3,
    "City": 2,
    "Place": 1,
    "Road": 1,
    "Person": 1,
    "Product": 1,
    "Event": 1,
    "CreativeWork": 1,
}


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Normalised identity key of a name: ASCII, lower case, British/American spelling unified,
    words joined by ``_``. Possessives, articles, hyphens and accents do not count."""
    words = normalise_words(re.sub(r"(?:'s|’s)\b", "", text)).split()
    if words and words[0] == "the":
        words = words[1:]
    return "_".join(words)


@lru_cache(maxsize=1 << 16)
def _skeleton(word: str) -> str:
    """A consonant skeleton of one word: Yusuf/Youssef -> ysf, Yeltsin/Yeltsyn -> yltsn."""
    w = anyascii(word).lower()
    w = re.sub(r"[^a-z]", "", w)
    if not w:
        return ""
    for a, b in (("ph", "f"), ("kh", "k"), ("ck", "k"), ("q", "k"), ("z", "s"), ("w", "v")):
        w = w.replace(a, b)
    head, tail = w[0], re.sub(r"[aeiouy]", "", w[1:])
    return re.sub(r"(.)\1+", r"\1", head + tail)


@lru_cache(maxsize=1 << 16)
def _consonants(word: str) -> str:
    """A surname's letters but its vowels after the first letter, doubled letters kept:
    Yeltsin/Yeltsyn -> yltsn, Jansen -> jnsn but Janssen -> jnssn."""
    w = re.sub(r"[^a-z]", "", anyascii(word).lower())
    return w[:1] + re.sub(r"[aeiouy]", "", w[1:])


def person_tokens(text: str) -> list[str]:
    """The words of a person's name without particles ("Abdel Fattah al-Sisi" -> abdel, fattah,
    sisi)."""
    return [w for w in name_key(text).split("_") if w and w not in _PARTICLES]


@dataclass
class _Cluster:
    """A growing entity: mentions, variants and the keys it can be met by."""

    family: str
    mentions: list[tuple[str, Mention]] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    rules: dict[str, str] = field(default_factory=dict)  # variant -> rule that merged it
    parent: _Cluster | None = None
    # The texts of the mentions and their name keys, kept as mentions come in, so that a union
    # costs the number of distinct spellings, not of mentions (a country has thousands).
    variants: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)  # gazetteer keys (countries, cities)
    # Acronym (dots out, upper case) -> name keys of the mentions defining it in brackets
    # ("National Intelligence Organisation (MIT)"), so that asking costs no walk of mentions.
    defined: dict[str, set[str]] = field(default_factory=dict)

    def add(self, article_id: str, mention: Mention) -> None:
        self.mentions.append((article_id, mention))
        if mention.key.startswith(_PLACE_KEYS):
            self.places.add(mention.key)
        if mention.text not in self.variants:
            self.variants.add(mention.text)
            self.names.add(name_key(mention.text))
        if mention.acronym:
            acronym = mention.acronym.replace(".", "").upper()
            self.defined.setdefault(acronym, set()).add(name_key(mention.text))

    def add_all(self, article_id: str, mentions: list[Mention]) -> None:
        """:meth:`add` of each mention, in order (the same fields, made in fewer steps)."""
        self.mentions.extend([(article_id, m) for m in mentions])
        texts = {m.text for m in mentions} - self.variants
        self.variants |= texts
        self.names.update(map(name_key, texts))
        self.places.update(m.key for m in mentions if m.key.startswith(_PLACE_KEYS))
        for m in mentions:
            if m.acronym:
                acronym = m.acronym.replace(".", "").upper()
                self.defined.setdefault(acronym, set()).add(name_key(m.text))

    def root(self) -> _Cluster:
        node = self
        while node.parent is not None:
            node = node.parent
        return node


_PLACE_KEYS = ("country_", "city_", "division_")


def _union(a: _Cluster, b: _Cluster, rule: str) -> _Cluster:
    """Merge two clusters under ``rule``; two different gazetteer places never merge."""
    ra, rb = a.root(), b.root()
    if ra is rb:
        return ra
    if ra.places and rb.places and ra.places != rb.places:
        return ra
    if len(rb.mentions) > len(ra.mentions):
        ra, rb = rb, ra
    rb.parent = ra
    # Every variant that only one side had came in by this rule (whichever ends up the label).
    for variant, r in rb.rules.items():
        ra.rules.setdefault(variant, r)
    for variant in sorted(ra.variants ^ rb.variants):
        ra.rules.setdefault(variant, rule)
    ra.mentions.extend(rb.mentions)
    ra.keys |= rb.keys
    ra.variants |= rb.variants
    ra.names |= rb.names
    ra.places |= rb.places
    for acronym, names in rb.defined.items():
        ra.defined.setdefault(acronym, set()).update(names)
    rb.mentions, rb.keys, rb.rules, rb.variants, rb.names = [], set(), {}, set(), set()
    rb.places, rb.defined = set(), {}
    return ra


def _choose_type(mentions: list[Mention]) -> EntityType:
    # Counted in C, then weighted: rule and gazetteer types twice. The counter keeps the
    # order types first occur in, which breaks ties in max as a sum per mention did.
    counts = Counter([m.type for m in mentions])
    weighted = [(t, 2 * n if t in _STRONG_TYPES else n) for t, n in counts.items()]
    return max(weighted, key=lambda kv: (_SPECIFICITY[kv[0]] > 1 and kv[1] > 0, kv[1]))[0]
