"""Tests of stage "graph" (kg/graph.py): records built by hand, no model."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
import pytest

from kg.corpus import corpus_graphs, corpus_quads
from kg.graph import atomic_write, write_graphs
from kg.iri import DEFAULT_BASE
from kg.records import Article, Corpus, Extraction, Mention, Sentence
from kg.resolve import resolve_entities
from kg.validate import validate_graph

TEXT = 'He said: "<script>alert(1)</script>" in Ankara.\n\nÇavuşoğlu met 🙂 Akar in Ankara.'


def corpus() -> Corpus:
    article = Article(
        id="a-1",
        text=TEXT,
        source="in/a.txt",
        content_hash=hashlib.sha256(TEXT.encode()).hexdigest(),
        title='A "quoted" title\\',
        published="2024-03-05",
    )
    second = TEXT.index("Çavuşoğlu")
    mentions = (
        Mention(
            start=TEXT.index("Ankara"),
            end=TEXT.index("Ankara") + 6,
            text="Ankara",
            type="City",
            sentence=0,
            extractor="t@1",
            key="city_323786",
            country="TR",
        ),
        Mention(
            start=second,
            end=second + 9,
            text="Çavuşoğlu",
            type="Person",
            sentence=1,
            extractor="t@1",
        ),
        Mention(
            start=TEXT.index("Akar"),
            end=TEXT.index("Akar") + 4,
            text="Akar",
            type="Person",
            sentence=1,
            extractor="t@1",
        ),
        Mention(
            start=TEXT.rindex("Ankara"),
            end=TEXT.rindex("Ankara") + 6,
            text="Ankara",
            type="City",
            sentence=1,
            extractor="t@1",
            key="city_323786",
            country="TR",
        ),
    )
    sentences = (Sentence(start=0, end=TEXT.index("\n")), Sentence(start=second, end=len(TEXT)))
    extraction = Extraction(article=article, sentences=sentences, mentions=mentions, model="test@1")
    return Corpus(
        articles=(article,),
        extractions=(extraction,),
        resolution=resolve_entities([extraction]),
        skipped=(),
        warnings=(),
        model="test@1",
    )


@pytest.fixture
def quads() -> list[ox.Quad]:
    return list(
        corpus_quads(
            corpus(),
            base=DEFAULT_BASE,
            started="2024-01-01T00:00:00+00:00",
            ended="2024-01-01T00:00:01+00:00",
        )
    )


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "ntriples"])
def test_every_format_round_trips_through_a_strict_parser(
    quads: list[ox.Quad], tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"g.{fmt}"
    write_graphs([quads], {path: fmt})  # type: ignore[dict-item]
    parsed = list(
        ox.parse(
            path=str(path),
            format={
                "turtle": ox.RdfFormat.TURTLE,
                "trig": ox.RdfFormat.TRIG,
                "nquads": ox.RdfFormat.N_QUADS,
                "ntriples": ox.RdfFormat.N_TRIPLES,
            }[fmt],
        )
    )
    expected = {(q.subject, q.predicate, q.object) for q in quads}
    assert {(t.subject, t.predicate, t.object) for t in parsed} == expected
    texts = [t.object.value for t in parsed if t.predicate.value.endswith("#isString")]
    assert texts == [TEXT]  # quotes, markup, emoji and accents survive exactly


def test_hand_built_graph_conforms(quads: list[ox.Quad], tmp_path: Path) -> None:
    write_graphs(_graphs(), {tmp_path / "g.ttl": "turtle"})
    report = validate_graph(tmp_path / "g.ttl")
    assert report.conforms, report.violations


def test_named_graphs(quads: list[ox.Quad]) -> None:
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    assert graphs == {
        DEFAULT_BASE + "article/a-1",
        DEFAULT_BASE + "graph/entities",
        DEFAULT_BASE + "graph/run",
    }


def test_same_records_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):  # the graph made twice from the same records
        write_graphs(
            _graphs(), {tmp_path / f"{name}.ttl": "turtle", tmp_path / f"{name}.trig": "trig"}
        )
    for suffix in ("ttl", "trig"):
        assert (tmp_path / f"a.{suffix}").read_bytes() == (tmp_path / f"b.{suffix}").read_bytes()


def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text("old content\n", encoding="utf-8")

    def write_half_then_fail(handle: BinaryIO) -> None:
        handle.write(b"@prefix half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_write(path, write_half_then_fail)
    assert path.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]  # no temporary left


def test_written_files_have_the_usual_mode(quads: list[ox.Quad], tmp_path: Path) -> None:
    write_graphs([quads], {tmp_path / "g.ttl": "turtle"})
    assert (tmp_path / "g.ttl").stat().st_mode & 0o044 == 0o044  # readable by others, like any file


def _graphs() -> list[list[ox.Quad]]:
    return list(
        corpus_graphs(
            corpus(),
            base=DEFAULT_BASE,
            started="2024-01-01T00:00:00+00:00",
            ended="2024-01-01T00:00:01+00:00",
        )
    )


def test_streamed_graphs_are_the_whole_graph_with_prefixes_once(
    quads: list[ox.Quad], tmp_path: Path
) -> None:
    graphs = _graphs()
    assert len(graphs) > 2  # the article's graph, then the shared ones, one by one
    ttl, trig = tmp_path / "g.ttl", tmp_path / "g.trig"
    repeated = [*graphs, graphs[0]]  # a graph given twice: its quads are still all there
    written = write_graphs(repeated, {ttl: "turtle", trig: "trig"})
    assert 0 < written.seconds <= written.export_seconds
    assert written.quads >= len(set(quads))
    assert set(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG)) == set(quads)
    assert set(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE)) == {
        ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads
    }
    for path in (ttl, trig):
        lines = path.read_text(encoding="utf-8").splitlines()
        prefixes = [line for line in lines if line.startswith("@prefix ")]
        assert prefixes and len(prefixes) == len(set(prefixes))  # declared once, at the top
        assert lines[: len(prefixes)] == prefixes
    assert validate_graph(ttl).conforms


def test_a_failed_stream_keeps_the_old_files(tmp_path: Path) -> None:
    ttl, trig = tmp_path / "graph.ttl", tmp_path / "graph.trig"
    for path in (ttl, trig):
        path.write_text("old content\n", encoding="utf-8")

    def failing() -> Iterator[list[ox.Quad]]:
        yield from _graphs()[:1]
        raise RuntimeError("records broke")

    with pytest.raises(RuntimeError, match="records broke"):
        write_graphs(failing(), {ttl: "turtle", trig: "trig"})
    for path in (ttl, trig):
        assert path.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.trig", "graph.ttl"]
