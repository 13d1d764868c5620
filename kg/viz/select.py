"""Choosing what the page shows: the filters (``focus``, ``types``, ``source``) and the cap.

They work on the graph's shape (:meth:`kg.viz.network.GraphReader.shape`), before any mention's
text is read, so a page of 2,000 nodes reads the sentences of 2,000 nodes whatever the corpus.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError
from kg.viz.network import as_list, mention_count, tail
from kg.viz.terms import ABOUT, BROADER_TYPE, CLAIMED, TYPE_COLORS

if TYPE_CHECKING:
    import networkx as nx


def _type_family(attrs: Mapping[str, Any]) -> set[str]:
    family = {str(t) for t in as_list(attrs.get("types"))}
    family.add(str(attrs.get("type") or "Thing"))
    for name in list(family):
        while name in BROADER_TYPE:
            name = BROADER_TYPE[name]
            family.add(name)
    return family


def _find_node(graph: nx.MultiDiGraph, wanted: str) -> str:
    """The node a ``--focus`` value names: its IRI, else its label, else one of its variants."""
    if wanted in graph:
        return wanted
    folded = wanted.strip().casefold()
    for field in ("label", "variants"):
        found = sorted(
            node
            for node, attrs in graph.nodes(data=True)
            if any(str(v).casefold() == folded for v in as_list(attrs.get(field)))
        )
        if len(found) == 1:
            return str(found[0])
        if len(found) > 1:
            named = ", ".join(f"{graph.nodes[n].get('label', n)} <{n}>" for n in found[:5])
            raise InputError(
                f"--focus {wanted!r} names {len(found)} nodes ({named}); give the IRI of one"
            )
    raise InputError(
        f"--focus {wanted!r}: no node has that IRI, label or variant; "
        "see `kg query --name entities GRAPH` for the names"
    )


def _check_types(graph: nx.MultiDiGraph, types: Sequence[str]) -> set[str]:
    known = set(TYPE_COLORS) | set(BROADER_TYPE) | {"Thing"}
    for _, attrs in graph.nodes(data=True):
        known |= _type_family(attrs)
    by_fold = {name.casefold(): name for name in known}
    wanted = set()
    for item in types:
        for name in str(item).split(","):
            if not name.strip():
                continue
            if name.strip().casefold() not in by_fold:
                raise InputError(
                    f"--types {name.strip()!r}: not a type; use some of "
                    f"{', '.join(sorted(known))} (comma-separated)"
                )
            wanted.add(by_fold[name.strip().casefold()])
    if not wanted:
        raise InputError("--types: give at least one type, such as Person,Organization")
    return wanted


def article_infos(graph: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    """Every article named in the graph's evidence, with its title and source."""
    infos: dict[str, dict[str, str]] = {}
    items = [e for _, attrs in graph.nodes(data=True) for e in as_list(attrs.get("evidence"))]
    items += [e for _, _, attrs in graph.edges(data=True) for e in as_list(attrs.get("evidence"))]
    for item in items:
        if isinstance(item, Mapping) and item.get("article"):
            info = infos.setdefault(str(item["article"]), {"title": "", "source": ""})
            for name in ("title", "source"):
                if item.get(name) and not info[name]:
                    info[name] = str(item[name])
    for _, attrs in graph.nodes(data=True):
        for article in as_list(attrs.get("articles")):
            infos.setdefault(str(article), {"title": "", "source": ""})
    return infos


def _source_nodes(graph: nx.MultiDiGraph, source: str) -> tuple[set[str], set[tuple[Any, ...]]]:
    """The nodes and edges an article or a claimant accounts for (``--source``)."""
    wanted = source.strip()
    folded = wanted.casefold()
    infos = article_infos(graph)
    matches = [
        article
        for article, info in infos.items()
        if wanted in (article, tail(article), info["source"])
        or (info["source"] and Path(info["source"]).name == wanted)
        or (info["title"] and info["title"].casefold() == folded)
    ]
    if matches:
        chosen = set(matches)
        nodes = {
            node
            for node, attrs in graph.nodes(data=True)
            if chosen & {str(a) for a in as_list(attrs.get("articles"))}
            or any(
                isinstance(e, Mapping) and e.get("article") in chosen
                for e in as_list(attrs.get("evidence"))
            )
        }
        edges = {
            (u, v, k)
            for u, v, k, attrs in graph.edges(keys=True, data=True)
            if any(
                isinstance(e, Mapping) and e.get("article") in chosen
                for e in as_list(attrs.get("evidence"))
            )
        }
        for u, v, _ in edges:
            nodes |= {u, v}
        # Edges no sentence states (part of, country, held in) stay between the nodes kept.
        edges |= {
            (u, v, k)
            for u, v, k, attrs in graph.edges(keys=True, data=True)
            if u in nodes and v in nodes and not as_list(attrs.get("evidence"))
        }
        return nodes, edges
    claimants = {
        u
        for u, _, attrs in graph.edges(data=True)
        if attrs.get("relation") in (CLAIMED, ABOUT)
        and (
            u == wanted
            or str(graph.nodes[u].get("label", "")).casefold() == folded
            or any(str(v).casefold() == folded for v in as_list(graph.nodes[u].get("variants")))
        )
    }
    if not claimants:
        raise InputError(
            f"--source {wanted!r}: no article (IRI, id, file, URL or title) or claimant "
            "(IRI or name) matches; see `kg query --name claims GRAPH`"
        )
    edges = {
        (u, v, k)
        for u, v, k, attrs in graph.edges(keys=True, data=True)
        if u in claimants and attrs.get("relation") in (CLAIMED, ABOUT)
    }
    return claimants | {v for _, v, _ in edges}, edges


def _neighbourhood(graph: nx.MultiDiGraph, center: str, hops: int, allowed: set[str]) -> set[str]:
    seen = {center}
    frontier = [center]
    for _ in range(hops):
        following = []
        for node in frontier:
            for other in (*graph.successors(node), *graph.predecessors(node)):
                if other in allowed and other not in seen:
                    seen.add(other)
                    following.append(other)
        frontier = following
    return seen


def select_nodes(
    graph: nx.MultiDiGraph,
    *,
    focus: str | None,
    hops: int,
    types: Sequence[str] | None,
    source: str | None,
    max_nodes: int | None,
) -> tuple[nx.MultiDiGraph, str | None, int, int]:
    """Apply the filters and the cap. Returns the subgraph, the focus, nodes before the cap, and
    how many the cap dropped."""
    if hops < 0:
        raise InputError(f"--hops {hops}: give 0 or more")
    if max_nodes is not None and max_nodes < 1:
        raise InputError(f"--max-nodes {max_nodes}: give 1 or more (or no cap)")
    keep = set(graph.nodes)
    keep_edges: set[tuple[Any, ...]] | None = None
    if source is not None:
        keep, keep_edges = _source_nodes(graph, source)
    center = None
    if focus is not None:
        center = _find_node(graph, focus)
        if center not in keep:
            raise InputError(f"--focus {focus!r} is not in --source {source!r}")
        keep = _neighbourhood(graph, center, hops, keep)
    if types is not None:
        wanted = _check_types(graph, types)
        keep = {n for n in keep if n == center or _type_family(graph.nodes[n]) & wanted}
    # A view of every node filters each step of the ranking below: the graph itself when whole.
    chosen = graph if len(keep) == graph.number_of_nodes() else graph.subgraph(keep)
    if keep_edges is not None:
        chosen = chosen.edge_subgraph(
            [e for e in chosen.edges(keys=True) if e in keep_edges]
        ).copy()
        chosen.add_nodes_from((n, graph.nodes[n]) for n in keep)
    before = chosen.number_of_nodes()
    if max_nodes is not None and before > max_nodes:
        ranked = sorted(
            chosen.nodes,
            key=lambda n: (
                n != center,
                -chosen.degree(n),
                -mention_count(chosen.nodes[n]),
                str(chosen.nodes[n].get("label", n)),
                n,
            ),
        )
        chosen = chosen.subgraph(ranked[:max_nodes])
    return chosen.copy(), center, before, before - chosen.number_of_nodes()
