"""The role scheme of stage "facts": the SKOS roles of ``ontology/roles.ttl`` and how to find them.

Role words ("foreign minister", "spokesperson") come from the scheme, not from code: each
``skos:altLabel`` is a surface form, matched as whole words, longest first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

ROLE_NS = "https://w3id.org/kg-news/role/"
_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Roles:
    """The role scheme: each surface form (lower case) -> role id."""

    by_label: dict[str, str]
    pattern: re.Pattern[str]
    pref_labels: dict[str, str]
    #: The first word of every surface form, lower case.
    first_words: frozenset[str] = frozenset()
    #: The whole words of the text that may be one of :attr:`first_words` (in any case), or
    #: ``None``: every word is read (:func:`first_words_re`).
    first_words_pattern: re.Pattern[str] | None = None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of :attr:`pattern` in ``text``, as ``pattern.finditer`` gives them, but
        tried only where a word that begins some role starts (much faster on long texts)."""
        end = 0
        words = self.first_words_pattern or _WORD_RE
        for word in words.finditer(text):
            if word.start() < end or word.group().lower() not in self.first_words:
                continue
            match = self.pattern.match(text, word.start())
            if match is not None:
                end = match.end()
                yield match


@cache
def load_roles() -> Roles:
    """Read ``ontology/roles.ttl`` (packaged as ``kg.ontology``)."""
    import pyoxigraph as ox

    from kg.shipped import ontology_path

    data = ontology_path("roles.ttl").read_bytes()
    alt = "http://www.w3.org/2004/02/skos/core#altLabel"
    pref = "http://www.w3.org/2004/02/skos/core#prefLabel"
    by_label: dict[str, str] = {}
    pref_labels: dict[str, str] = {}
    for triple in ox.parse(data, format=ox.RdfFormat.TURTLE):
        if not isinstance(triple.object, ox.Literal):
            continue
        role = triple.subject.value.removeprefix(ROLE_NS)
        if triple.predicate.value == alt:
            by_label[triple.object.value.lower()] = role
        elif triple.predicate.value == pref:
            pref_labels[role] = triple.object.value
    pattern = re.compile(r"\b(?P<role>" + phrase_regex(by_label) + r")\b(?!-)", re.IGNORECASE)
    first = frozenset(m.group().lower() for label in by_label if (m := _WORD_RE.match(label)))
    return Roles(by_label, pattern, pref_labels, first, first_words_re(first))


def first_words_re(first_words: frozenset[str]) -> re.Pattern[str] | None:
    """A pattern of the whole words (``\\w+``, in any case) whose lower case may be one of
    ``first_words``, for :meth:`Roles.finditer` to find them in one search instead of reading
    every word of the text; ``None`` when the words are not all ASCII.

    Every word that lowers to one of them is found: a word that lowers to ASCII is ASCII (or
    holds the Kelvin sign, which ``re.IGNORECASE`` matches as "k"); the few other words found
    ("ſ" matches "s") fail the test of :meth:`Roles.finditer`, as before."""
    if not first_words or not all(w.isascii() and _WORD_RE.fullmatch(w) for w in first_words):
        return None
    words = "|".join(sorted(map(re.escape, first_words), key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


def phrase_regex(phrases: Iterable[str]) -> str:
    """One regular expression for many phrases, as a tree of their words ("minister" once,
    then "of defence", "of finance", ...): Python's engine tries a flat alternation of 300
    phrases at every word, which made finding roles the slowest rule.

    Where one phrase continues another ("minister", "minister of defence"), the longer is tried
    first, as in an alternation sorted longest first; words are joined by any white space.
    """
    tree: dict[str, Any] = {}
    for phrase in phrases:
        node = tree
        for word in phrase.split(" "):
            node = node.setdefault(word, {})
        node[""] = {}  # a phrase ends here

    def alternation(node: dict[str, Any]) -> str:
        parts = []
        for word in sorted((w for w in node if w), key=lambda w: (-len(w), w)):
            child = node[word]
            if any(child):
                more = r"\s+" + alternation(child)
                parts.append(re.escape(word) + (f"(?:{more})?" if "" in child else more))
            else:
                parts.append(re.escape(word))
        return "(?:" + "|".join(parts) + ")"

    return alternation(tree)


def role_id(roles: Roles, text: str) -> str:
    return roles.by_label[re.sub(r"\s+", " ", text.lower())]
