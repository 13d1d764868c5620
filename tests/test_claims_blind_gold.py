"""The blind splits' gold (tests/data/claims-dev/blind.json) loads as benchmarks/claims.py reads
it: well-formed claims, and every claimed piece found in the text kg reads from its page (the
scorer looks each piece up with ``str.find``, so a piece the text lacks would score silently
wrong)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.claims import BLIND, DEV, HTML_DEV
from kg.pipeline import read_articles

GOLD = json.loads((DEV / "blind.json").read_text(encoding="utf-8"))
KINDS = {"name", "pronoun", "np", "unnamed"}


def _files(docs: list[str]) -> list[Path]:
    return [
        BLIND / f"{d}.txt" if (BLIND / f"{d}.txt").exists() else HTML_DEV / "pages" / f"{d}.html"
        for d in docs
    ]


def test_every_blind_claim_is_well_formed() -> None:
    split_of: dict[str, str] = {}
    for split, docs in GOLD["splits"].items():
        for doc in docs:
            assert doc not in split_of, f"{doc} in {split_of[doc]} and {split}"
            split_of[doc] = split
    for claim in GOLD["claims"]:
        assert claim["doc"] in split_of, claim
        assert claim["kind"] in KINDS, claim
        assert isinstance(claim["direct"], bool), claim
        assert claim["content"] and all(isinstance(p, str) and p for p in claim["content"]), claim
        if claim["kind"] == "unnamed":
            assert claim["speaker"] is None and claim["description"], claim
        else:
            assert claim["speaker"] and all(isinstance(s, str) for s in claim["speaker"]), claim
    assert all(any(c["doc"] == doc for c in GOLD["claims"]) for doc in split_of)
    assert set(GOLD.get("kept_blind", ())) <= set(GOLD["splits"])


@pytest.mark.skipif(not HTML_DEV.exists(), reason="the html-dev pages are not at hand")
@pytest.mark.parametrize("split", sorted(GOLD["splits"]))
def test_every_claimed_piece_is_in_the_text_kg_reads(split: str) -> None:
    docs = GOLD["splits"][split]
    articles, skipped, _ = read_articles(_files(docs))  # the split read as the scorer reads it
    assert not skipped
    texts = dict(zip(docs, (a.text for a in articles), strict=True))
    missing = [
        (c["doc"], piece)
        for c in GOLD["claims"]
        if c["doc"] in texts
        for piece in c["content"]
        if piece not in texts[c["doc"]]
    ]
    assert missing == []


@pytest.mark.skipif(not HTML_DEV.exists(), reason="the html-dev pages are not at hand")
def test_errors_never_list_a_split_kept_blind(monkeypatch: pytest.MonkeyPatch) -> None:
    import benchmarks.claims as claims

    seen: dict[str, dict[str, list[str]] | None] = {}

    def score_dev(
        corpus: object, *, errors: dict[str, list[str]] | None, splits: list[str], **_: object
    ) -> dict[str, dict[str, float]]:
        seen[splits[0]] = errors
        if errors is not None:
            errors.setdefault(splits[0], []).append("FN ...")
        return {}

    monkeypatch.setattr(claims, "analyse", lambda files: None)  # no model: only the routing
    monkeypatch.setattr(claims, "_names_by_text", lambda corpus, golds: {})
    monkeypatch.setattr(claims, "score_dev", score_dev)
    errors: dict[str, list[str]] = {}
    claims.score_blind(errors)
    assert {"blind7", "blind9", "blind10"} <= set(GOLD["kept_blind"])
    assert set(seen) == set(GOLD["splits"])
    assert {split for split, errs in seen.items() if errs is None} == set(GOLD["kept_blind"])
    assert set(errors) == set(GOLD["splits"]) - set(GOLD["kept_blind"])
