"""Tests of the clusters a store keeps per article (kg/store_clusters.py, decision 0012): the
clusters read back are the clusters made, resolution from kept clusters is resolution from
scratch (hypothesis, random articles), and a stamp that does not match keeps nothing."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_resolve import extraction
from test_store import blank_pipeline, write_articles
from test_store_index import OPTIONS, TEXTS

from kg.clusters import _Cluster, name_key
from kg.memory import unfrozen_after
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


# Names written with the acronym they define in brackets ("World Health Organization (WHO)").
# Some whose initials do not spell it ("OMS", the French one; "Grace Okafor (GO)" is a byline).
DEFINING = {6: "OMS", 7: "WHO", 11: "DOE", 9: "A.C.", 0: "GO"}


def _article(aid: str, picks: list[int]) -> Extraction:
    names = [NAMES[i] for i in picks]
    text = ". ".join(f"{name} spoke" for name, _ in names) + "."
    ex = extraction(aid, text, names)
    mentions = tuple(
        replace(m, acronym=DEFINING.get(i)) if (n + len(aid)) % 3 == 0 else m
        for n, (i, m) in enumerate(zip(picks, ex.mentions, strict=True))
    )
    return replace(ex, mentions=mentions)


def _shape(root: _Cluster) -> tuple:
    return (
        root.family,
        [(aid, m) for aid, m in root.mentions],
        root.keys,
        root.rules,
        root.variants,
        root.names,
        root.places,
        root.defined,
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


@settings(max_examples=200, deadline=None)
@given(articles)
def test_the_acronyms_a_cluster_defines_are_those_its_mentions_give(picks: list) -> None:
    """The acronyms kept on a cluster (``_Cluster.defined``) are what a walk of its mentions
    finds, after any merges within and across articles."""
    from kg.acronyms import _spelled_names
    from kg.mention_rules import initials

    clusters: list[_Cluster] = []

    def keep(ex: Extraction) -> list[_Cluster]:
        made = _resolve_article(ex)
        clusters.extend(made)
        return made

    resolve_entities([_article(f"a{i}", p) for i, p in enumerate(picks)], cluster_article=keep)
    for root in {id(c.root()): c.root() for c in clusters}.values():
        for acronym in ("WHO", "OMS", "DOE", "AC", "GO", "who"):
            walked = {name_key(v) for v in root.variants if acronym.upper() in initials(v)} | {
                name_key(m.text)
                for _, m in root.mentions
                if m.acronym and m.acronym.replace(".", "").upper() == acronym.upper()
            }
            assert _spelled_names(root, acronym) == walked


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
    with unfrozen_after():
        extractions = plan_update(store, ()).extractions
    assert resolve_entities(extractions, cluster_article=cache.clusters) == resolve_entities(
        extractions
    )
    assert cache.made == (0 if damage is None else 5)
