"""The names the viz modules share: relations, type colours, limits, and the page report."""

from __future__ import annotations

from dataclasses import dataclass

#: Relation names, the keys of the edges of :func:`to_networkx`.
HOLDS_POSITION = "holds position"
PARTICIPATED_IN = "participated in"
CLAIMED = "claimed"
ABOUT = "about"
PART_OF = "part of"
COUNTRY = "country"
HELD_IN = "held in"
#: Two entities named in the same article (a co-mention, not a fact): ``to_networkx`` with
#: ``co_mentions=True``, and the page's thin links.
APPEARS_WITH = "appears with"

#: Legend colours by type (Tableau 10); other types get :data:`OTHER_COLOR`.
TYPE_COLORS: dict[str, str] = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "GovernmentOrganization": "#e15759",
    "NewsMediaOrganization": "#b07aa1",
    "Country": "#59a14f",
    "City": "#8cd17d",
    "Place": "#76b7b2",
    "Road": "#9c755f",
    "Event": "#ff9da7",
    "Product": "#edc948",
    "CreativeWork": "#bab0ac",
}
OTHER_COLOR = "#79706e"
#: The types kg writes with a broader type beside them (decision 0001).
BROADER_TYPE: dict[str, str] = {
    "GovernmentOrganization": "Organization",
    "NewsMediaOrganization": "Organization",
    "City": "Place",
    "Country": "Place",
    "Road": "Place",
    "Meeting": "Event",
}
#: Above this many nodes the page gets precomputed positions instead of physics. Measured in
#: headless Chromium (synthetic graphs, two edges a node): physics is stable after 5.8 s at 1,000
#: nodes, 17 s at 2,000 and 46 s at 5,000; computed positions after 1.8, 2.1 and 5.2 s.
PHYSICS_MAX_NODES = 1000
#: At most this many evidence sentences of one node or edge go into the page.
MAX_EVIDENCE = 50


@dataclass(frozen=True)
class VizReport:
    """What :func:`write_html` wrote.

    Attributes:
        path: The HTML file.
        nodes: Nodes on the page.
        edges: Fact edges on the page.
        total_nodes: Nodes in the graph, before any filter or the cap.
        dropped: Nodes the cap left out (the least connected).
        co_mentions: *Appears with* links on the page (two nodes named in one article).
    """

    path: str
    nodes: int
    edges: int
    total_nodes: int
    dropped: int
    co_mentions: int = 0
