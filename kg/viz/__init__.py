"""Stage "viz": the graph as networkx for analysis, and as one self-contained HTML page.

:func:`to_networkx` reads a built graph (a file or a pyoxigraph store) with SPARQL and returns a
``networkx.MultiDiGraph`` of entities and events, joined by the facts of decision 0004: a person
*holds position* of a country or organisation, an entity *participated in* an event, a claimant
*claimed* something of an event or said something *about* an entity, a city is *part of* its
country, an organisation has a *country*, an event was *held in* a place. Every fact edge carries
the sentences that state it (its evidence); every node carries the sentences that mention it.
With ``co_mentions=True`` it also has *appears with* edges (:data:`APPEARS_WITH`, see
:mod:`kg.viz.network`): two entities named in the same article, weighted by how many articles.

:func:`write_html` draws that graph with pyvis's build of vis-network. The page is ours, not
pyvis's template: that template loads vis-network and bootstrap from CDNs (even with
``cdn_resources="in_line"``, MEASURED.md), which fails offline and tells a third party who reads
what, and its link tooltips use ``innerHTML``. Here pyvis makes the vis node, edge and option
records, the vis-network code and CSS are inlined from pyvis's package, and a Content Security
Policy forbids every request. The page's own markup, style and script are package files
(``kg/viz/static/``), its SPARQL queries too (``kg/viz/queries/*.rq``), as pyvis keeps its
``templates/`` and kg its named queries.

Labels and sentences come from web pages, so none of them is ever markup: the data travel as JSON
in a ``<script type="application/json">`` element with ``<``, ``>``, ``&``, U+2028 and U+2029
written as ``\\uXXXX``; the page reads them with ``JSON.parse`` and builds the panel with
``textContent`` and ``createElement`` only; tooltips are plain strings, which vis shows as text;
links are made only for ``http(s)`` IRIs.

The page costs what it shows, not what the corpus holds: it reads the graph's shape first (who is
linked to whom, which articles name whom: no mention's text), chooses its nodes (filters, then the
``max_nodes`` most connected), and only then reads the sentences of the nodes it keeps. Up to
:data:`PHYSICS_MAX_NODES` nodes, vis lays them out with tuned forceAtlas2 physics that is switched
off once stabilised; above that, positions are computed here (:mod:`kg.viz.layout`).

The modules: :mod:`kg.viz.network` (reading, ``to_networkx``), :mod:`kg.viz.select` (filters and
the cap), :mod:`kg.viz.layout` (positions and communities), :mod:`kg.viz.page` (``write_html``).
"""

from __future__ import annotations

from kg.viz.network import to_networkx
from kg.viz.page import write_html
from kg.viz.terms import (
    ABOUT,
    APPEARS_WITH,
    BROADER_TYPE,
    CLAIMED,
    COUNTRY,
    HELD_IN,
    HOLDS_POSITION,
    MAX_EVIDENCE,
    OTHER_COLOR,
    PART_OF,
    PARTICIPATED_IN,
    PHYSICS_MAX_NODES,
    TYPE_COLORS,
    VizReport,
)

__all__ = [
    "ABOUT",
    "APPEARS_WITH",
    "BROADER_TYPE",
    "CLAIMED",
    "COUNTRY",
    "HELD_IN",
    "HOLDS_POSITION",
    "MAX_EVIDENCE",
    "OTHER_COLOR",
    "PARTICIPATED_IN",
    "PART_OF",
    "PHYSICS_MAX_NODES",
    "TYPE_COLORS",
    "VizReport",
    "to_networkx",
    "write_html",
]
