"""Extraction in several processes (``kg build --workers``), the benchmark corpus maker and the
speed benchmark (benchmarks/corpus.py, benchmarks/speed.py).

Builds are compared as sets of quads read back through pyoxigraph, without
``prov:startedAtTime`` and ``prov:endedAtTime`` (the only statements two builds of the same
articles may differ in); kg writes no blank nodes, so equal sets are isomorphic graphs with the
same IRIs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.corpus import make_corpus
from benchmarks.quality import SEEDS
from kg.cli import main
from kg.parallel import extract_mentions
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


@pytest.mark.integration
def test_build_on_a_local_dask_cluster_is_the_same_graph(tmp_path: Path) -> None:
    args = ["build", str(SEEDS), "--quiet", "--no-html", "--batch-size", "2"]
    assert main([*args, "-o", str(tmp_path / "local"), "--workers", "1"]) == 0
    assert main([*args, "-o", str(tmp_path / "dask"), "--dask", "local", "--workers", "2"]) == 0
    local = _quads(tmp_path / "local" / "graph.trig")
    dask = _quads(tmp_path / "dask" / "graph.trig")
    assert len(local) > 1000
    assert dask == local  # no blank nodes: equal sets are the same graph with the same IRIs
    report = json.loads((tmp_path / "dask" / "report.json").read_text(encoding="utf-8"))
    assert report["articles_read"] == 5 and report["entities"] > 30


@pytest.mark.integration
def test_store_build_on_a_local_dask_cluster_is_the_same_store(tmp_path: Path) -> None:
    args = ["build", str(SEEDS), "--quiet", "--no-html", "--batch-size", "2", "--store"]
    assert main([*args, str(tmp_path / "local"), "--workers", "1"]) == 0
    assert main([*args, str(tmp_path / "dask"), "--dask", "local", "--workers", "2"]) == 0
    local, dask = (
        {q for q in ox.Store.read_only(str(tmp_path / name)) if q.predicate.value not in TIMES}
        for name in ("local", "dask")
    )
    assert len(local) > 1000
    assert dask == local


def test_unreachable_dask_scheduler_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(["build", str(SEEDS), "-o", str(out), "--dask", "tcp://127.0.0.1:9", "--quiet"])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert len(err.splitlines()) == 1
    assert "Dask scheduler" in err and "tcp://127.0.0.1:9" in err
    assert not out.exists()


@pytest.mark.integration
def test_a_missing_model_in_workers_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["build", str(SEEDS), "-o", str(tmp_path / "out"), "--quiet", "--batch-size", "1"]
    code = main([*args, "--workers", "2", "--model", "no_such_pipeline_xyz"])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert len(err.splitlines()) == 1
    assert "no_such_pipeline_xyz" in err
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_page_with_no_article_text_is_skipped_in_workers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(SEEDS.iterdir())[:2]:
        shutil.copy(seed, folder / seed.name)
    clutter = "Share on Facebook\nShare on Twitter\nSubscribe to our newsletter\nCookie policy\n"
    (folder / "menu.txt").write_text(clutter, encoding="utf-8")
    args = ["build", str(folder), "--quiet", "--no-html"]
    code = main([*args, "-o", str(tmp_path / "out"), "--workers", "1"])
    code_2 = main([*args, "-o", str(tmp_path / "out2"), "--workers", "2", "--batch-size", "1"])
    err = capsys.readouterr().err
    assert code == code_2 == 2  # something was skipped
    assert err.count("menu.txt: no article text left") == 2
    report = json.loads((tmp_path / "out2" / "report.json").read_text(encoding="utf-8"))
    assert report["articles_read"] == 2
    assert _quads(tmp_path / "out" / "graph.trig") != set()


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
    # Processor time counts the workers too: more than the spaCy pipeline takes to load.
    assert result["kg_cpu_seconds"] > 1 and result["spacy_cpu_seconds"] > 1
    cpu = result["spacy_cpu_seconds"] / result["kg_cpu_seconds"]
    assert result["cpu_ratio"] == pytest.approx(cpu, 0.01)
    assert result["peak_rss_mb"] > 100
    assert {"read", "extract", "resolve", "facts", "graph", "write"} <= set(result["seconds"])
    assert 0 < result["export_share"] < 1


@pytest.mark.integration
def test_rules_benchmark_prints_its_fields() -> None:
    from benchmarks.rules import measure

    result = measure(4, repeat=2)
    assert result["articles"] == 4 and result["tokens"] > 100
    assert len(result["clean_cpu_seconds"]) == len(result["rules_cpu_seconds"]) == 2
    assert result["rules_fastest"] == min(result["rules_cpu_seconds"]) > 0
    assert result["clean_fastest"] == min(result["clean_cpu_seconds"]) > 0
