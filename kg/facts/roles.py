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

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of :attr:`pattern` in ``text``, as ``pattern.finditer`` gives them, but
        tried only where a word that begins some role starts (much faster on long texts)."""
        end = 0
        for word in _WORD_RE.finditer(text):
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
    return Roles(by_label, pattern, pref_labels, first)


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
