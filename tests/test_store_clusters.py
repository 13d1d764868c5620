"""Tests of the clusters a store keeps per article (kg/store_clusters.py, decision 0012): the
clusters read back are the clusters made, resolution from kept clusters is resolution from
scratch (hypothesis, random articles), and a stamp that does not match keeps nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_resolve import extraction
from test_store import blank_pipeline, write_articles
from test_store_index import OPTIONS, TEXTS

from kg.clusters import _Cluster
from kg.pipeline import build
from kg.records import EntityType, Extraction
from kg.resolve import _resolve_article, resolve_entities
from kg.store import plan_update, read_meta
from kg.store_clusters import (
    CLUSTERS_FILE,
    ClusterCache,
    clusters_from_json,
    clusters_to_json,
    read_clusters,
)

if TYPE_CHECKING:
    from spacy.language import Language

# Names that meet by the within-article rules (surnames, given names, brackets, initials,
# suffixes, prefixes) and across articles (transliteration, word order, legal suffixes).
NAMES: list[tuple[str, EntityType]] = [
    ("Grace Okafor", "Person"),
    ("Okafor", "Person"),
    ("Grace", "Person"),
    ("Yusuf Demir", "Person"),
    ("Youssef Demir", "Person"),
    ("Demir", "Person"),
    ("World Health Organization", "Organization"),
    ("WHO", "Organization"),
    ("Health Organization", "Organization"),
    ("Acme Corp", "Organization"),
    ("Acme", "Organization"),
    ("Department of Energy", "GovernmentOrganization"),
    ("Energy Department", "GovernmentOrganization"),
    ("Lyon", "City"),
    ("Lyon", "Person"),
    ("Okafor", "Organization"),
]


def _article(aid: str, picks: list[int]) -> Extraction:
    names = [NAMES[i] for i in picks]
    text = ". ".join(f"{name} spoke" for name, _ in names) + "."
    return extraction(aid, text, names)


def _shape(root: _Cluster) -> tuple:
    return (
        root.family,
        [(aid, m) for aid, m in root.mentions],
        root.keys,
        root.rules,
        root.variants,
        root.names,
        root.places,
    )


articles = st.lists(
    st.lists(st.integers(min_value=0, max_value=len(NAMES) - 1), min_size=1, max_size=6),
    min_size=1,
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(articles)
def test_clusters_read_back_are_the_clusters_made_and_resolve_alike(picks: list) -> None:
    extractions = [_article(f"a{i}", p) for i, p in enumerate(picks)]
    for ex in extractions:
        made = _resolve_article(ex)
        data = clusters_to_json(ex, made)
        assert data is not None
        back = clusters_from_json(ex, json.loads(json.dumps(data)))
        assert [_shape(r) for r in back] == [_shape(r) for r in made]
    # Kept once, then read back for a second resolution: the same entities and assignment.
    first = ClusterCache()
    expected = resolve_entities(extractions, cluster_article=first.clusters)
    assert expected == resolve_entities(extractions)
    kept = ClusterCache(json.loads(json.dumps(first.used)))
    assert resolve_entities(extractions, cluster_article=kept.clusters) == expected
    assert kept.made == 0


def test_an_article_whose_mentions_changed_is_clustered_again() -> None:
    old, new = _article("a", [0, 1]), _article("a", [0, 1, 6, 7])
    cache = ClusterCache()
    cache.clusters(old)
    kept = ClusterCache(cache.used)
    kept.clusters(new)
    assert kept.made == 1


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank_pipeline()


@pytest.mark.parametrize("damage", [None, "stamp", "corrupt"])
def test_a_store_keeps_each_article_s_clusters_under_its_stamp(
    damage: str | None, tmp_path: Path, nlp: Language
) -> None:
    folder = write_articles(tmp_path / "in", TEXTS)
    store = tmp_path / "store"
    build([folder / n for n in ("a.txt", "b.txt", "c.txt")], store=store, options=OPTIONS, nlp=nlp)
    build([folder / n for n in ("d.txt", "h.txt")], store=store, options=OPTIONS, nlp=nlp)
    path = store / CLUSTERS_FILE
    if damage == "stamp":
        data = json.loads(path.read_text(encoding="utf-8"))
        data["stamp"]["rules"] = "another"
        path.write_text(json.dumps(data), encoding="utf-8")
    elif damage == "corrupt":
        path.write_bytes(b'{"stamp": \x00')
    meta = read_meta(store)
    assert meta is not None
    cache = read_clusters(store, model=meta.model)
    extractions = plan_update(store, ()).extractions
    assert resolve_entities(extractions, cluster_article=cache.clusters) == resolve_entities(
        extractions
    )
    assert cache.made == (0 if damage is None else 5)
