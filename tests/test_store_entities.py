"""Tests of the store's graph of entities written by subject (kg/store_entities.py, decision
0012): an update rewrites only the entities, events and roles whose statements changed, and the
store holds the graph of one build of the same articles, whatever the order and split; a
missing, corrupt or stale ``entities.json`` means the whole graph is compared."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_store import ENTITY_GRAPH, blank_pipeline, quads, without_redirects, write_articles
from test_store_index import OPTIONS, TEXTS, one_build

from kg.iri import DEFAULT_BASE
from kg.pipeline import build
from kg.records import Entity, MentionRef, Merge
from kg.store import read_meta, remove_articles
from kg.store_entities import ENTITIES_FILE, entity_subjects, read_subjects

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank_pipeline()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_articles(tmp_path_factory.mktemp("entities") / "in", TEXTS)


ENTITY = Entity(
    key="grace_okafor",
    type="Person",
    label="Grace Okafor",
    variants=("Grace Okafor", "Okafor"),
    mentions=(MentionRef("x", 0, 12), MentionRef("x", 20, 26)),
    merges=(Merge(variant="Okafor", rule="surname"),),
    country="NG",
)
COUNTRY = Entity(
    key="country_ng", type="Country", label="Nigeria", variants=("Nigeria",), mentions=()
)


@pytest.mark.parametrize(
    "change",
    [
        {"label": "Okafor"},
        {"type": "Organization"},
        {"variants": ("Grace Okafor",)},
        {"mentions": (MentionRef("x", 0, 12),)},
        {"merges": (Merge(variant="Okafor", rule="surname-corpus"),)},
        {"same_as": ("https://www.wikidata.org/wiki/Q1",)},
        {"country": "GH"},
    ],
)
def test_an_entity_digest_changes_with_every_field_its_statements_show(change: dict) -> None:
    from dataclasses import replace

    before = entity_subjects(DEFAULT_BASE, [ENTITY, COUNTRY])
    after = entity_subjects(DEFAULT_BASE, [replace(ENTITY, **change), COUNTRY])
    (iri,) = set(before) - {s for s in before if "country_ng" in s}
    if "type" in change:  # another family: another IRI
        assert iri not in after
    else:
        assert after[iri].digest != before[iri].digest
    # Where the mentions are does not show; how many there are does.
    moved = replace(ENTITY, mentions=(MentionRef("y", 5, 17), MentionRef("y", 30, 36)))
    assert entity_subjects(DEFAULT_BASE, [moved, COUNTRY])[iri].digest == before[iri].digest


def test_an_entity_digest_follows_its_country_entity() -> None:
    with_country = entity_subjects(DEFAULT_BASE, [ENTITY, COUNTRY])
    without = entity_subjects(DEFAULT_BASE, [ENTITY])
    iri = next(s for s in without)
    assert with_country[iri].digest != without[iri].digest


def _entity_statement(store: Path, label: str) -> ox.Quad:
    found = ox.Store.read_only(str(store))
    return next(
        q
        for q in found.quads_for_pattern(None, None, ox.Literal(label), ox.NamedNode(ENTITY_GRAPH))
        if q.predicate.value.endswith("prefLabel")
    )


def test_only_changed_subjects_are_written_and_a_file_not_trusted_means_a_full_comparison(
    folder: Path, tmp_path: Path, nlp: Language
) -> None:
    store = tmp_path / "store"
    build([folder / "a.txt", folder / "b.txt"], store=store, options=OPTIONS, nlp=nlp)
    assert (store / ENTITIES_FILE).is_file()
    # Take Damascus's label out behind kg's back: "c" does not touch Damascus, so it stays out.
    taken = _entity_statement(store, "Damascus")
    writable = ox.Store(str(store))
    writable.remove(taken)
    writable.flush()
    del writable
    build([folder / "c.txt"], store=store, options=OPTIONS, nlp=nlp)
    assert taken not in set(ox.Store.read_only(str(store)))
    # A file another kg wrote is not trusted: the whole graph is compared and repaired.
    data = json.loads((store / ENTITIES_FILE).read_text(encoding="utf-8"))
    data["stamp"]["kg"] = "0.0.1"
    (store / ENTITIES_FILE).write_text(json.dumps(data), encoding="utf-8")
    build([folder / "e.txt"], store=store, options=OPTIONS, nlp=nlp)
    assert taken in set(ox.Store.read_only(str(store)))
    assert without_redirects(quads(store)) == one_build(
        folder, ["a.txt", "b.txt", "c.txt", "e.txt"], tmp_path / "one", nlp
    )


def test_a_rerun_writes_no_entity(folder: Path, tmp_path: Path, nlp: Language) -> None:
    store = tmp_path / "store"
    build([folder / "a.txt", folder / "c.txt"], store=store, options=OPTIONS, nlp=nlp)
    report = build([folder / "a.txt"], store=store, options=OPTIONS, nlp=nlp)
    assert report.store is not None and ENTITY_GRAPH not in report.store.written


NAMES = sorted(TEXTS)


def _subjects(store: Path) -> set[str]:
    """The subjects of the graph of entities but merge nodes, as the store holds them."""
    merges = DEFAULT_BASE + "merge/"
    found = ox.Store.read_only(str(store)).quads_for_pattern(
        None, None, None, ox.NamedNode(ENTITY_GRAPH)
    )
    return {q.subject.value for q in found if not q.subject.value.startswith(merges)}


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    batches=st.lists(
        st.integers(min_value=0, max_value=2), min_size=len(NAMES), max_size=len(NAMES)
    ),
    removed=st.lists(st.sampled_from(NAMES), max_size=2, unique=True),
)
def test_random_splits_then_a_removal_give_the_graph_of_one_build(
    batches: list[int], removed: list[str], folder: Path, tmp_path: Path, nlp: Language
) -> None:
    work = tmp_path / "work"
    shutil.rmtree(work, ignore_errors=True)
    store = work / "store"
    for batch in sorted(set(batches)):
        names = [n for n, b in zip(NAMES, batches, strict=True) if b == batch]
        build([folder / n for n in names], store=store, options=OPTIONS, nlp=nlp)
        # The subjects the file names are the store's (redirects read them from the file).
        meta = read_meta(store)
        assert meta is not None
        kept = read_subjects(store, base=DEFAULT_BASE, model=meta.model)
        assert kept is not None and set(kept) == _subjects(store)
    assert without_redirects(quads(store)) == one_build(folder, NAMES, work / "all", nlp)
    if removed:
        remove_articles(store, [str(folder / n) for n in removed])
        rest = [n for n in NAMES if n not in removed]
        assert without_redirects(quads(store)) == one_build(folder, rest, work / "rest", nlp)
