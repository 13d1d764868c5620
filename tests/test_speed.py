"""Extraction in several processes (``kg build --workers``), the benchmark corpus maker and the
speed benchmark (benchmarks/corpus.py, benchmarks/speed.py).

Builds are compared as sets of quads read back through pyoxigraph, without
``prov:startedAtTime`` and ``prov:endedAtTime`` (the only statements two builds of the same
articles may differ in); kg writes no blank nodes, so equal sets are isomorphic graphs with the
same IRIs.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.corpus import make_corpus
from benchmarks.quality import SEEDS
from kg.cli import main
from kg.extract import extract_mentions
from kg.records import Article

PROV = "http://www.w3.org/ns/prov#"
TIMES = {PROV + "startedAtTime", PROV + "endedAtTime"}


def _quads(path: Path) -> set[ox.Quad]:
    return {
        q
        for q in ox.parse(path=str(path), format=ox.RdfFormat.TRIG)
        if q.predicate.value not in TIMES
    }


def test_extraction_in_workers_is_the_same_and_in_order() -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Hulusi Akar"}])  # type: ignore[attr-defined]
    articles = [
        Article(id=f"a{i}", text=text, source=f"{i}.txt", content_hash=str(hash(text)))
        for i, text in enumerate(f"Story {i}. Hulusi Akar met them {i} times." for i in range(7))
    ]
    one = list(extract_mentions(articles, nlp=nlp, batch_size=2))
    two = list(extract_mentions(articles, nlp=nlp, batch_size=2, workers=2))
    assert two == one
    assert [ex.article.id for ex in two] == [a.id for a in articles]
    assert all(m.text == "Hulusi Akar" for ex in two for m in ex.mentions)


@pytest.mark.integration
def test_build_with_two_workers_is_the_same_graph(tmp_path: Path) -> None:
    for workers in ("1", "2"):
        out = str(tmp_path / workers)
        args = ["build", str(SEEDS), "-o", out, "--quiet", "--no-html", "--batch-size", "2"]
        code = main([*args, "--workers", workers])
        assert code == 0
    one, two = _quads(tmp_path / "1" / "graph.trig"), _quads(tmp_path / "2" / "graph.trig")
    assert len(one) > 1000
    assert two == one


def test_workers_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(SEEDS), "-o", "unused", "--workers", "0"]) == 1
    assert "--workers" in capsys.readouterr().err


def test_corpus_is_the_same_for_a_seed() -> None:
    assert make_corpus(30, seed=3) == make_corpus(30, seed=3)
    assert make_corpus(30, seed=3) != make_corpus(30, seed=4)


def test_corpus_keeps_meeting_new_people_and_old_ones_recur() -> None:
    corpus = make_corpus(800, seed=0)
    distinct = [
        len({name for article in corpus[:n] for name in article.persons}) for n in (50, 200, 800)
    ]
    assert distinct[0] < distinct[1] < distinct[2]
    assert distinct[2] > 1.5 * distinct[1]  # still growing at 800 articles
    written = [name for article in corpus for name in article.persons]
    most = max(written.count(name) for name in set(written))
    assert most >= 20  # some names recur across many articles
    assert all(article.text.strip() for article in corpus)


@pytest.mark.integration
def test_speed_benchmark_prints_its_fields() -> None:
    from benchmarks.speed import measure

    result = measure(6, workers=2, batch_size=2)
    assert result["articles"] == 6
    assert result["words"] > 500
    assert result["kg_seconds"] > 0 and result["spacy_seconds"] > 0
    assert result["ratio"] == pytest.approx(result["spacy_seconds"] / result["kg_seconds"], 0.01)
    assert result["peak_rss_mb"] > 100
    assert {"extract", "resolve", "facts", "graph", "write"} <= set(result["seconds"])
