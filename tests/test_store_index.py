"""Tests of the store's index of article graphs (kg/store_index.py, decision 0010): an update
that keeps the graphs of articles whose inputs did not change gives the graph of one build of
the same articles, whatever order and split they came in; a missing, corrupt or stale index
means every graph is compared again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import pytest
from test_store import REDIRECT_GRAPH, blank_pipeline, quads, without_redirects, write_articles

from kg.graph import article_iri
from kg.pipeline import build
from kg.records import BuildOptions
from kg.store import remove_articles
from kg.store_index import INDEX_FILE
from kg.store_records import RECORDS_DIR

if TYPE_CHECKING:
    from spacy.language import Language

STORY = (
    "Sergei Shoigu told reporters in Moscow that talks with Turkey would resume next week, "
    "after a pause of several months in which both sides accused each other of delays, and "
    "that the meeting would take place in Ankara with Hulusi Akar present for the whole day."
)
TEXTS = {
    "a.txt": "Hulusi Akar arrived in Moscow on Tuesday. Akar met Sergei Shoigu there.\n",
    "b.txt": "Ali Mahmoud Abbas spoke in Damascus. Abbas said Syria wants talks, Reuters said.\n",
    "c.txt": "Al Jazeera said Sergei Shoigu and Hulusi Akar spoke again in Ankara.\n",
    "d.txt": "Abbas said Syria wants talks.\n",
    "e.txt": STORY + "\n",
    "f.txt": "MOSCOW (Reuters) - " + STORY + " Shoigu declined to say more.\n",
    "g.txt": "Akar left Ankara for Damascus.\n",
    "h.txt": "Ali Mahmud Abbas met Shoigu.\n",
}
OPTIONS = BuildOptions(workers=1, html=False)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank_pipeline()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_articles(tmp_path_factory.mktemp("index") / "in", TEXTS)


def one_build(folder: Path, names: list[str], out: Path, nlp: Language) -> set[ox.Quad]:
    build([folder / n for n in sorted(names)], store=out, options=OPTIONS, nlp=nlp)
    return quads(out)


@pytest.mark.parametrize(
    "splits",
    [
        [["a", "b", "c"], ["d", "e", "f", "g", "h"]],
        [["h"], ["f", "a"], ["g", "e", "d", "c", "b"]],
        [["d", "g"], ["e"], ["b", "h", "a", "c", "f"]],
    ],
)
def test_any_order_and_split_gives_the_graph_of_one_build(
    splits: list[list[str]], folder: Path, tmp_path: Path, nlp: Language
) -> None:
    store = tmp_path / "store"
    for names in splits:
        build([folder / f"{n}.txt" for n in names], store=store, options=OPTIONS, nlp=nlp)
        assert (store / INDEX_FILE).is_file()
    everything = [f"{n}.txt" for s in splits for n in s]
    assert without_redirects(quads(store)) == one_build(folder, everything, tmp_path / "one", nlp)
    index = json.loads((store / INDEX_FILE).read_text(encoding="utf-8"))
    assert len(index["articles"]) == len(everything)
    # Take two out: the graph of one build of the rest.
    remove_articles(store, [str(folder / "e.txt"), str(folder / splits[0][0]) + ".txt"])
    rest = [n for n in everything if n not in ("e.txt", f"{splits[0][0]}.txt")]
    assert without_redirects(quads(store)) == one_build(folder, rest, tmp_path / "rest", nlp)
    redirects = {q for q in quads(store) if q.graph_name.value == REDIRECT_GRAPH}
    entities = {q.subject.value for q in quads(store) if q.graph_name.value.endswith("entities")}
    assert all(q.object.value in entities for q in redirects)


def _article_graph(store: Path, folder: Path, name: str) -> str:
    (record,) = (store / RECORDS_DIR).glob(f"{name}-*.json")
    data = json.loads(record.read_text(encoding="utf-8"))
    from kg.records import extraction_from_json

    return article_iri(OPTIONS.base, extraction_from_json(data["extraction"]).article)


def _tamper(store: Path, graph: str) -> ox.Quad:
    """Take one statement out of an article's graph behind kg's back."""
    writable = ox.Store(str(store))
    (quad,) = list(writable.quads_for_pattern(None, None, None, ox.NamedNode(graph)))[:1]
    writable.remove(quad)
    writable.flush()
    del writable
    return quad


@pytest.mark.parametrize("index", ["missing", "corrupt", "stale"])
def test_an_index_kept_is_trusted_and_one_not_trusted_means_a_full_comparison(
    index: str, folder: Path, tmp_path: Path, nlp: Language
) -> None:
    store = tmp_path / "store"
    build([folder / "a.txt", folder / "b.txt"], store=store, options=OPTIONS, nlp=nlp)
    graph = _article_graph(store, folder, "a")
    taken = _tamper(store, graph)
    # "a" is not touched by "c": its graph, kept by the index, is not read again.
    build([folder / "c.txt"], store=store, options=OPTIONS, nlp=nlp)
    assert taken not in set(ox.Store.read_only(str(store)))
    path = store / INDEX_FILE
    if index == "missing":
        path.unlink()
    elif index == "corrupt":
        path.write_bytes(b'{"stamp": [1, 2], "articles": \x00')
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["stamp"]["kg"] = "0.0.1"
        path.write_text(json.dumps(data), encoding="utf-8")
    report = build([folder / "d.txt"], store=store, options=OPTIONS, nlp=nlp)
    assert report.store is not None and graph in report.store.written
    assert taken in set(ox.Store.read_only(str(store)))
    assert without_redirects(quads(store)) == one_build(
        folder, ["a.txt", "b.txt", "c.txt", "d.txt"], tmp_path / "one", nlp
    )


def test_an_article_whose_entity_changes_gets_its_graph_made_again(
    folder: Path, tmp_path: Path, nlp: Language
) -> None:
    """ "Abbas" alone (d) is its own entity until a full name arrives (b): d's graph, whose
    record did not change, is made again because the key of its mention did."""
    store = tmp_path / "store"
    build([folder / "d.txt", folder / "g.txt"], store=store, options=OPTIONS, nlp=nlp)
    d, g = _article_graph(store, folder, "d"), _article_graph(store, folder, "g")
    report = build([folder / "b.txt"], store=store, options=OPTIONS, nlp=nlp)
    assert report.store is not None
    assert d in report.store.written and g not in report.store.written
    assert without_redirects(quads(store)) == one_build(
        folder, ["b.txt", "d.txt", "g.txt"], tmp_path / "one", nlp
    )


def test_the_store_records_its_language_pipelines_and_refuses_another(tmp_path: Path) -> None:
    from kg.errors import InputError
    from kg.store import StoreMeta, check_meta, describe_store, read_meta, with_languages

    meta = StoreMeta(1, OPTIONS.base, "en_core_web_sm", "en_core_web_sm@3.8.0")
    meta = with_languages(meta, [("de", "de_core_news_sm")])
    describe_store(tmp_path, meta)
    read = read_meta(tmp_path)
    assert read is not None and read.languages == (("de", "de_core_news_sm"),)
    check_meta(
        tmp_path, read, base=OPTIONS.base, pipeline=None, languages=[("de", "de_core_news_sm")]
    )
    # A language it has no pipeline for yet is added; another pipeline for German is refused.
    check_meta(tmp_path, read, base=OPTIONS.base, pipeline=None, languages=[("fr", "fr_x")])
    assert with_languages(read, [("fr", "fr_x")]).languages == (
        ("de", "de_core_news_sm"),
        ("fr", "fr_x"),
    )
    with pytest.raises(InputError, match="built with --model de=de_core_news_sm, not de_other"):
        check_meta(tmp_path, read, base=OPTIONS.base, pipeline=None, languages=[("de", "de_other")])


def test_the_store_report_says_what_cleaning_kept(
    folder: Path, tmp_path: Path, nlp: Language
) -> None:
    report = build(
        [folder / "a.txt", folder / "b.txt"], store=tmp_path / "s", options=OPTIONS, nlp=nlp
    )
    text = report.to_json()["text"]
    assert [row["source"] for row in text["articles"]] == ["a.txt", "b.txt"]
    assert text["chars_kept"] == sum(row["chars_kept"] for row in text["articles"]) > 0


def test_a_story_on_stdin_named_by_id_is_replaced_by_the_next_of_that_name(
    tmp_path: Path, nlp: Language
) -> None:
    import io

    from kg.records import StoreUpdate

    store = tmp_path / "s"

    def piped(text: str, name: str) -> StoreUpdate:
        stdin = io.BytesIO(text.encode("utf-8"))
        report = build(["-"], store=store, options=OPTIONS, nlp=nlp, stdin=stdin, stdin_id=name)
        assert report.store is not None
        return report.store

    first = piped(TEXTS["a.txt"], "story-1")
    assert len(first.added) == 1 and first.articles == 1
    again = piped(TEXTS["g.txt"], "story-1")  # another text under the same name: replaced
    assert again.changed == first.added and again.articles == 1
    other = piped(TEXTS["a.txt"], "story-2")  # the first text again, under another name
    assert len(other.added) == 1 and other.articles == 2
    sources = {q.object.value for q in quads(store) if q.predicate.value.endswith("source")}
    assert sources == {"story-1", "story-2"}


def test_id_without_stdin_is_refused_in_one_line(folder: Path, tmp_path: Path) -> None:
    from test_store import kg

    result = kg("build", str(folder / "a.txt"), "--store", str(tmp_path / "s"), "--id", "x")
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "--id names the article read from standard input" in result.stderr
    assert not (tmp_path / "s").exists()
