"""The role patterns of kg/facts.py: the word-tree regex and the fast finditer match what a flat
alternation of the phrases, longest first, finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.facts import load_roles, phrase_regex

WORDS = ["minister", "of", "defence", "foreign", "chief", "chiefs", "vice-president", "head"]
phrases = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
    min_size=1,
    max_size=12,
    unique=True,
)
texts = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(["The", "said", "-", ",", "x1"])),
    max_size=30,
).flatmap(lambda words: st.sampled_from([" ", "  ", "\n"]).map(lambda sep: sep.join(words)))


def _flat(items: list[str]) -> re.Pattern[str]:
    words = sorted(items, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"\b(?P<role>{body})\b(?!-)", re.IGNORECASE)


@settings(max_examples=300, deadline=None)
@given(phrases, texts)
def test_word_tree_finds_what_the_flat_alternation_finds(items: list[str], text: str) -> None:
    tree = re.compile(rf"\b(?P<role>{phrase_regex(items)})\b(?!-)", re.IGNORECASE)
    flat = _flat(items)
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(texts)
def test_fast_finditer_matches_the_pattern(text: str) -> None:
    roles = load_roles()
    text = text.replace("defence", "Defence Minister").replace("head", "head of state")
    fast = [(m.span(), m.group("role")) for m in roles.finditer(text)]
    assert fast == [(m.span(), m.group("role")) for m in roles.pattern.finditer(text)]


def test_roles_are_found_in_a_sentence() -> None:
    text = "Spain's Defence Minister and the foreign minister met the chief of the general staff."
    found = [m.group("role").lower() for m in load_roles().finditer(text)]
    assert "defence minister" in found and "foreign minister" in found
    assert any(role.startswith("chief of the general staff") for role in found)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *WORDS,
                *("CHIEF", "Minister", "\u212aing", "King", "ſpokesman", "spokesman", "x"),
                *("deputy", "Deputy", "prime", "PRIME", "_chief", "chief_", "2chief", " ", "-"),
            ]
        ),
        max_size=30,
    ).map(" ".join)
)
def test_finditer_by_its_first_words_pattern_finds_what_reading_every_word_finds(
    text: str,
) -> None:
    from dataclasses import replace

    roles = load_roles()
    assert roles.first_words_pattern is not None
    every_word = replace(roles, first_words_pattern=None)
    fast = [(m.span(), m.group("role")) for m in roles.finditer(text)]
    assert fast == [(m.span(), m.group("role")) for m in every_word.finditer(text)]
