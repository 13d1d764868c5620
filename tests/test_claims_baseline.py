"""The plain attribution baseline of ``benchmarks.claims_baseline`` on hand-written sentences
parsed by the real spaCy model (integration tests): it is a measure, so only what it is said to
do is checked (made-up names only)."""

from __future__ import annotations

import pytest

from benchmarks.claims_baseline import baseline_claims

pytestmark = pytest.mark.integration


def _found(text: str) -> list[tuple[str, bool, list[str]]]:
    return [
        (max(f.names, key=len), f.named, [text[s:e] for s, e in f.parts])
        for f in baseline_claims(text, "t")
    ]


def test_a_subject_and_its_clausal_complement() -> None:
    assert _found("Jo Li said that the plant would close in May.") == [
        ("Jo Li", True, ["the plant would close in May"])
    ]


def test_he_goes_to_the_last_person_and_a_noun_phrase_is_unnamed() -> None:
    found = _found(
        "Coach Sam Reyes met the board. He said the fee was fair. Officials said talks had ended."
    )
    assert found == [
        ("Sam Reyes", True, ["the fee was fair"]),
        ("Officials", False, ["talks had ended"]),
    ]


def test_an_unclaimed_quotation_inherits_the_speaker_of_the_quotation_before_it() -> None:
    found = _found(
        "“We will appeal the ruling,” Ana Roe said. “The judge got it wrong.”\n\n"
        "“We have the money to fight on.”"
    )
    # One claim of two pieces in the paragraph, one of its own in the next paragraph.
    assert [(who, named, parts[1:]) for who, named, parts in found] == [
        ("Ana Roe", True, ["The judge got it wrong."]),
        ("Ana Roe", True, []),
    ]
    assert found[0][2][0].startswith("We will appeal the ruling")
    assert found[1][2] == ["We have the money to fight on."]
