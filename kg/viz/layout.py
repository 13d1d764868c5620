"""Layout and grouping for the page: positions for graphs too big for physics, communities.

networkx's layouts are too slow for a page (MEASURED.md: spring_layout 237 s at 10,000 nodes), so
above :data:`kg.viz.PHYSICS_MAX_NODES` the positions are a cheap spiral computed here.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def positions(
    graph: nx.MultiDiGraph,
    groups: Sequence[Sequence[str]] = (),
    *,
    room: Mapping[str, float] | None = None,
) -> dict[str, tuple[float, float]]:
    """Cheap positions, for pages too big for physics: each group (a community) a disc of its
    own, the biggest in the middle, the others around it on a sunflower spiral; nodes in no
    group share a last disc. Without groups, the whole graph is one disc (:func:`_disc`).
    ``room`` gives some nodes more space around them, in node places (for their labels).
    """
    room = room or {}
    if not groups:
        return _disc(graph, room)
    grouped = {n for group in groups for n in group}
    rest = [n for n in graph.nodes if n not in grouped]
    discs = []
    for group in [*groups, rest]:
        if not group:
            continue
        local = _disc(graph.subgraph(group), room)
        radius = max((math.hypot(x, y) for x, y in local.values()), default=0.0) + 80.0
        discs.append((local, radius))
    placed: dict[str, tuple[float, float]] = {}
    area = 0.0
    for i, (local, radius) in enumerate(discs):
        # A disc's centre lies out as far as the area of the discs before it and half its own.
        distance = 1.15 * math.sqrt(area + radius * radius / 2) if i else 0.0
        area += radius * radius
        cx, cy = distance * math.cos(i * _GOLDEN_ANGLE), distance * math.sin(i * _GOLDEN_ANGLE)
        for node, (x, y) in local.items():
            placed[node] = (round(cx + x, 1), round(cy + y, 1))
    return placed


def _disc(graph: nx.MultiDiGraph, room: Mapping[str, float]) -> dict[str, tuple[float, float]]:
    """Cheap positions in linear time, for pages too big for physics.

    Nodes go on a sunflower spiral in breadth-first order from the most connected node, so the
    hubs are in the middle and each next step out lies further out; a node whose only neighbour
    is a hub goes on a small spiral around that hub instead; nodes without edges go outside.
    (A radial tree per component was tried too: on dense graphs its rings hide the nodes.)
    """
    spacing = 60.0
    neighbours: dict[str, set[str]] = {n: set() for n in graph.nodes}
    for u, v in graph.edges():
        if u != v:
            neighbours[u].add(v)
            neighbours[v].add(u)

    def rank(node: str) -> tuple[int, str]:
        return (-len(neighbours[node]), str(node))

    order: list[str] = []
    seen: set[str] = set()
    for root in sorted(graph.nodes, key=rank):
        if root in seen:
            continue
        seen.add(root)
        queue = [root]
        for node in queue:  # grows while it is read: breadth first
            order.append(node)
            for other in sorted(neighbours[node] - seen, key=rank):
                seen.add(other)
                queue.append(other)
    leaves: dict[str, list[str]] = defaultdict(list)
    anchors = []
    for node in order:
        if len(neighbours[node]) == 1 and node not in room:
            (hub,) = neighbours[node]
            if len(neighbours[hub]) > 1:
                leaves[hub].append(node)
                continue
        anchors.append(node)
    positions: dict[str, tuple[float, float]] = {}
    area = 0.0
    for i, anchor in enumerate(anchors):
        own = 1.0 + len(leaves[anchor]) * 0.6 + room.get(anchor, 0.0)
        radius = spacing * math.sqrt(area + own / 2)
        area += own
        x, y = radius * math.cos(i * _GOLDEN_ANGLE), radius * math.sin(i * _GOLDEN_ANGLE)
        positions[anchor] = (round(x, 1), round(y, 1))
        for j, leaf in enumerate(leaves[anchor]):
            r, angle = spacing * 0.55 * math.sqrt(j + 1), j * _GOLDEN_ANGLE
            positions[leaf] = (round(x + r * math.cos(angle), 1), round(y + r * math.sin(angle), 1))
    return positions


#: Community colours (Tableau 10 again, in another order than the types' so the two views
#: differ at a glance); communities past these, or of fewer than :data:`MIN_COMMUNITY` nodes,
#: are grey.
COMMUNITY_COLORS = (
    "#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1",
    "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#bab0ac",
)  # fmt: skip
MIN_COMMUNITY = 3


def communities(graph: nx.MultiDiGraph) -> list[list[str]]:
    """Groups of nodes more linked among themselves than with the rest, biggest first.

    networkx's Louvain method on the undirected graph, each pair weighted by its edges' ``count``
    (sentences for a fact, articles for a co-mention; at least 1), with a fixed seed so that a
    page is the same every time. Nodes without an edge are left out.
    """
    import networkx as nx

    simple = nx.Graph()
    for u, v, attrs in graph.edges(data=True):
        if u == v:
            continue
        weight = max(1, int(attrs.get("count") or 0))
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += weight
        else:
            simple.add_edge(u, v, weight=weight)
    if simple.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(simple, weight="weight", seed=7)
    groups = [sorted(str(n) for n in group) for group in found]
    return sorted(groups, key=lambda group: (-len(group), group[0]))
