"""benchmarks.audit: every rule step traced and judged; its counts add up on a small input."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.audit import STEPS, Hit, audit_corpus, rows, table
from kg.records import Corpus

pytestmark = pytest.mark.integration

ARTICLES = {
    "business.txt": (
        "Lakeside Water Company cuts prices\n\n"
        "Grace Okafor, chief executive of Lakeside Water Company, said on Monday that the firm "
        "would cut prices. Okafor told reporters in Toronto that Lakeside Water Company (LWC) "
        "expects growth. LWC shares rose 4% on Tuesday.\n"
    ),
    "sport.txt": (
        "Brazil beat Chile\n\n"
        "Tom Baker scored twice as Brazil beat Chile 2-1 in Santiago on Sunday. Baker said the "
        "Brazilian players were tired. Grace Okafor watched from Toronto.\n"
    ),
}

#: Every name of the two articles, its coarse type and its entity.
GOLD = {
    "Grace Okafor": ("PER", "okafor"),
    "Okafor": ("PER", "okafor"),
    "Lakeside Water Company": ("ORG", "lwc"),
    "LWC": ("ORG", "lwc"),
    "Toronto": ("LOC", "toronto"),
    "Tom Baker": ("PER", "baker"),
    "Baker": ("PER", "baker"),
    "Brazil": ("ORG", "brazil-team"),
    "Chile": ("ORG", "chile-team"),
    "Santiago": ("LOC", "santiago"),
}


class TinyGold:
    """Gold spans found by their text: a span meets the gold names it overlaps."""

    name = "tiny"

    def __init__(self, corpus: Corpus) -> None:
        self.spans: dict[str, list[tuple[int, int, str, str]]] = {}
        for article in corpus.articles:
            found = []
            for name, (kind, entity) in GOLD.items():
                for m in re.finditer(rf"\b{re.escape(name)}\b", article.text):
                    found.append((m.start(), m.end(), kind, entity))
            self.spans[article.id] = found

    def hit(self, article_id: str, start: int, end: int, kind: str) -> Hit | None:
        met = [g for g in self.spans[article_id] if g[0] < end and start < g[1]]
        if not met:
            return Hit(None)
        best = max(met, key=lambda g: min(end, g[1]) - max(start, g[0]))
        return Hit(best[2], (best[0], best[1]) == (start, end), frozenset({("tiny", best[3])}))


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> tuple:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("audit")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return audit_corpus("tiny", [folder], TinyGold)


def test_counts_add_up(audited: tuple) -> None:  # type: ignore[type-arg]
    judged, _, _ = audited
    table_rows = rows(judged)
    assert table_rows
    for row in table_rows:
        assert row["fired"] == row["right"] + row["wrong"] + row["unjudged"], row
        by_corpus = Counter()
        for verdicts in row["corpora"].values():
            by_corpus.update(verdicts)
        assert by_corpus["right"] == row["right"] and by_corpus["wrong"] == row["wrong"], row
        assert sum(by_corpus.values()) == row["fired"], row
        assert row["before_right"] <= row["right"] + row["wrong"]
    lines = table(judged).splitlines()
    assert len(lines) == len(table_rows) + 2


def test_every_step_is_traced(audited: tuple) -> None:  # type: ignore[type-arg]
    """The model's mentions, plus what every step added, less what it dropped, are the
    extraction's mentions: no step of extract_article escapes the trace."""
    _, tracer, corpus = audited
    for ex in corpus.extractions:
        aid = ex.article.id
        change = Counter()
        for d in tracer.decisions:
            if d.article_id == aid and not d.rule.startswith("extract"):
                change[d.kind] += 1
        final = {(m.start, m.end) for m in ex.mentions}
        expected = (
            len(tracer.base[aid])
            + change["add"]
            + change["span"]
            - change["drop"]
            - change["span-old"]
        )
        assert len(final) == expected, (aid, change)


def test_spacy_entities_are_kept_or_dropped(audited: tuple) -> None:  # type: ignore[type-arg]
    from kg.entity_types import LABEL_TYPES

    _, tracer, corpus = audited
    for ex in corpus.extractions:
        aid = ex.article.id
        named = [e for e in tracer.model[aid] if e[2] in LABEL_TYPES]
        drops = [d for d in tracer.decisions if d.article_id == aid and d.kind == "drop"]
        left_out = [d for d in drops if d.rule.startswith("extract (")]
        assert len(left_out) <= len(named)
        for d in left_out:
            assert (d.start, d.end, d.rule[len("extract (") :].split(",")[0].rstrip(")")) in {
                (s, e, label) for s, e, label in named
            }


def test_verdicts_follow_the_gold(audited: tuple) -> None:  # type: ignore[type-arg]
    judged, _, _ = audited
    decided = [j for j in judged if j.kind == "type" and j.verdict != "unjudged"]
    for j in decided:
        assert (j.verdict == "right") == (j.after == j.gold), j
    merges = [j for j in judged if j.kind == "merge"]
    assert merges, "the articles name Okafor twice and in both articles"
    for j in merges:
        assert j.verdict in ("right", "wrong", "unjudged")


def test_the_trace_is_undone(audited: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    import kg.extract

    for name in (*STEPS, "extract_article"):
        assert getattr(kg.extract, name).__module__ != "benchmarks.audit", name
