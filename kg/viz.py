"""Stage "viz": the graph as networkx for analysis, and as one self-contained HTML page.

:func:`to_networkx` reads a built graph (a file or a pyoxigraph store) with SPARQL and returns a
``networkx.MultiDiGraph`` of entities and events, joined by the facts of decision 0004: a person
*holds position* of a country or organisation, an entity *participated in* an event, a claimant
*claimed* something of an event or said something *about* an entity, a city is *part of* its
country, an organisation has a *country*, an event was *held in* a place. Every fact edge carries
the sentences that state it (its evidence); every node carries the sentences that mention it.

:func:`write_html` draws that graph with pyvis's build of vis-network. The page is ours, not
pyvis's template: that template loads vis-network and bootstrap from CDNs (even with
``cdn_resources="in_line"``, MEASURED.md), which fails offline and tells a third party who reads
what, and its link tooltips use ``innerHTML``. Here pyvis makes the vis node, edge and option
records, the vis-network code and CSS are inlined from pyvis's package, and a Content Security
Policy forbids every request.

Labels and sentences come from web pages, so none of them is ever markup: the data travel as JSON
in a ``<script type="application/json">`` element with ``<``, ``>``, ``&``, U+2028 and U+2029
written as ``\\uXXXX``; the page reads them with ``JSON.parse`` and builds the panel with
``textContent`` and ``createElement`` only; tooltips are plain strings, which vis shows as text;
links are made only for ``http(s)`` IRIs.

Large graphs: the page keeps the ``max_nodes`` most connected nodes and says what it left out.
Up to :data:`PHYSICS_MAX_NODES` nodes, vis lays them out with tuned forceAtlas2 physics that is
switched off once stabilised; above that, positions are computed here (a cheap spiral of hubs with
their leaves around them, linear time) and physics stays off, as networkx's layouts are too slow
(MEASURED.md: spring_layout 237 s at 10,000 nodes).
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from kg.errors import InputError, KGError

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph as ox

#: Relation names, the keys of the edges of :func:`to_networkx`.
HOLDS_POSITION = "holds position"
PARTICIPATED_IN = "participated in"
CLAIMED = "claimed"
ABOUT = "about"
PART_OF = "part of"
COUNTRY = "country"
HELD_IN = "held in"

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

_TYPE_NAMESPACES = (
    "https://schema.org/",
    "http://schema.org/",
    "https://w3id.org/kg-news/ontology#",
)
_OFFSETS = re.compile(r"#char=(\d+),(\d+)$")
_VIS_DIR = "templates/lib"


@dataclass(frozen=True)
class VizReport:
    """What :func:`write_html` wrote.

    Attributes:
        path: The HTML file.
        nodes: Nodes on the page.
        edges: Edges on the page.
        total_nodes: Nodes in the graph, before any filter or the cap.
        dropped: Nodes the cap left out (the least connected).
    """

    path: str
    nodes: int
    edges: int
    total_nodes: int
    dropped: int


# Reading the graph -------------------------------------------------------------------------------

_Q_ARTICLES = """
SELECT ?article ?title ?source WHERE {
  ?article a schema:NewsArticle .
  OPTIONAL { ?article schema:headline ?title }
  OPTIONAL { ?article kg:source ?source }
}"""
_Q_ENTITIES = """
SELECT ?entity ?mentions ?label ?pref WHERE {
  ?entity kg:mentionCount ?mentions .
  OPTIONAL { ?entity rdfs:label ?label }
  OPTIONAL { ?entity skos:prefLabel ?pref }
}"""
_Q_ENTITY_TYPES = "SELECT ?entity ?type WHERE { ?entity kg:mentionCount ?m ; a ?type }"
_Q_VARIANTS = (
    "SELECT ?entity ?variant WHERE { ?entity kg:mentionCount ?m ; skos:altLabel ?variant }"
)
_Q_SAME_AS = "SELECT ?entity ?same WHERE { ?entity kg:mentionCount ?m ; owl:sameAs ?same }"
_Q_MENTIONS = """
SELECT ?entity ?article ?anchor ?sentence ?text WHERE {
  ?mention itsrdf:taIdentRef ?entity ; nif:referenceContext ?article .
  OPTIONAL { ?mention nif:anchorOf ?anchor }
  OPTIONAL { ?mention nif:sentence ?sentence . OPTIONAL { ?sentence nif:anchorOf ?text } }
}"""
_Q_EVENTS = """
SELECT ?event ?label ?date ?place WHERE {
  ?event a schema:Event .
  FILTER NOT EXISTS { ?event kg:mentionCount ?m }
  OPTIONAL { ?event rdfs:label ?label }
  OPTIONAL { ?event schema:startDate ?date }
  OPTIONAL { ?event schema:location ?place }
}"""
_Q_EVENT_ARTICLES = (
    "SELECT ?event ?article WHERE { ?event a schema:Event ; kg:reportedIn ?article }"
)
_Q_EVENT_PARTICIPANTS = """
SELECT ?event ?participant WHERE { ?event a schema:Event ; kg:participant ?participant }"""
_Q_POSITIONS = """
SELECT ?holder ?of ?role ?roleLabel ?article ?sentence ?text WHERE {
  ?position a kg:Position ; kg:holder ?holder ; kg:article ?article .
  OPTIONAL { ?position kg:of ?of }
  OPTIONAL { ?position kg:role ?role . OPTIONAL { ?role skos:prefLabel ?roleLabel } }
  OPTIONAL { ?position prov:wasDerivedFrom ?sentence . OPTIONAL { ?sentence nif:anchorOf ?text } }
}"""
_Q_PARTICIPATIONS = """
SELECT ?event ?participant ?article ?sentence ?text WHERE {
  ?statement a kg:Participation ; kg:event ?event ; kg:participant ?participant ;
      kg:article ?article .
  OPTIONAL { ?statement prov:wasDerivedFrom ?sentence . OPTIONAL { ?sentence nif:anchorOf ?text } }
}"""
_Q_CLAIMS = """
SELECT ?claim ?claimant ?article ?quote ?event ?sentence ?text WHERE {
  ?claim a kg:Claim ; kg:claimant ?claimant ; kg:article ?article .
  OPTIONAL { ?claim nif:anchorOf ?quote }
  OPTIONAL { ?claim kg:event ?event }
  OPTIONAL { ?claim prov:wasDerivedFrom ?sentence . OPTIONAL { ?sentence nif:anchorOf ?text } }
}"""
_Q_ABOUT = "SELECT ?claim ?about WHERE { ?claim a kg:Claim ; kg:about ?about }"
_Q_COUNTRY = "SELECT ?entity ?country WHERE { ?entity kg:country ?country }"
_Q_LABELS = "SELECT ?thing ?label WHERE { ?thing rdfs:label|skos:prefLabel ?label }"
_Q_TYPES = "SELECT ?thing ?type WHERE { ?thing a ?type }"
_Q_EVENT_TYPES = "SELECT ?event ?type WHERE { ?event a schema:Event, ?type }"


def _rows(store: ox.Store, query: str) -> list[tuple[str | None, ...]]:
    """The rows of a SELECT query, each term as its string value (``None`` where unbound)."""
    from kg.query import run_query

    result = run_query(store, query)
    return [
        tuple(None if term is None else str(getattr(term, "value", term)) for term in row)
        for row in result.rows
    ]


def _open_store(graph: str | Path | ox.Store) -> ox.Store:
    import pyoxigraph as ox

    from kg.query import open_graph

    return graph if isinstance(graph, ox.Store) else open_graph(graph)


def _local_type(iri: str) -> str | None:
    for namespace in _TYPE_NAMESPACES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return iri[len(namespace) :]
    return None


def _most_specific(types: Iterable[str]) -> str:
    """The narrowest of an entity's types (``GovernmentOrganization`` over ``Organization``)."""
    candidates = set(types) - {"Thing"}
    broader = {BROADER_TYPE[t] for t in candidates if t in BROADER_TYPE}
    narrow = candidates - broader or candidates
    if not narrow:
        return "Thing"
    known = [t for t in TYPE_COLORS if t in narrow]
    return known[0] if known else sorted(narrow)[0]


def _sentence_order(iri: str | None) -> int:
    match = _OFFSETS.search(iri or "")
    return int(match.group(1)) if match else 0


def _tail(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


class _Evidence:
    """Evidence records of one node or edge, one per sentence (or claim), in text order."""

    def __init__(self) -> None:
        self._items: dict[str, tuple[tuple[str, int], dict[str, str]]] = {}

    def add(
        self,
        articles: Mapping[str, Mapping[str, str]],
        *,
        article: str,
        sentence_iri: str | None,
        sentence: str | None,
        **extra: str | None,
    ) -> None:
        text = sentence if sentence is not None else (extra.get("quote") or "")
        key = sentence_iri or f"{article} {text}"
        info = articles.get(article, {})
        item = {
            "sentence": text,
            "article": article,
            "title": info.get("title", ""),
            "source": info.get("source", ""),
        }
        item.update({name: value for name, value in extra.items() if value})
        if key in self._items:
            self._items[key][1].update(item)
        else:
            self._items[key] = ((article, _sentence_order(sentence_iri)), item)

    def items(self) -> list[dict[str, str]]:
        return [item for _, item in sorted(self._items.values(), key=lambda pair: pair[0])]


def to_networkx(graph: str | Path | ox.Store) -> nx.MultiDiGraph:
    """Read a built graph into networkx: entities and events, joined by the facts.

    Nodes are keyed by IRI. An entity has ``label``, ``type`` (its most specific type:
    ``Person``, ``GovernmentOrganization``, ...), ``types`` (with the broader ones), ``mentions``,
    ``articles`` (the IRIs of the articles that mention it), ``variants``, ``same_as`` (GeoNames or
    Wikidata IRIs), ``roles`` and ``evidence`` (the sentences that mention it). An event has
    ``type`` ``"Event"``, ``date`` and ``place`` when known, and the same attributes.

    An edge ``(u, v, key=relation)`` has ``relation`` (:data:`HOLDS_POSITION` with ``role``,
    :data:`PARTICIPATED_IN`, :data:`CLAIMED`, :data:`ABOUT`, :data:`PART_OF`, :data:`COUNTRY`,
    :data:`HELD_IN`), ``evidence`` (a list of ``{sentence, article, title, source}``, with
    ``claimant`` and ``quote`` for claims) and ``count`` (the number of evidence records).

    Args:
        graph: A graph file (``.ttl``, ``.trig``, ...), a store directory or an open store.

    Returns:
        The graph.

    Raises:
        GraphError: The graph cannot be opened.

    Example:
        >>> graph = to_networkx("out/graph.ttl")  # doctest: +SKIP
        >>> graph.nodes["https://w3id.org/kg-news/id/entity/person/annalena_baerbock"]["mentions"]
    """
    import networkx as nx

    store = _open_store(graph)
    articles: dict[str, dict[str, str]] = {}
    for article, title, source in _rows(store, _Q_ARTICLES):
        if article is None:
            continue
        articles.setdefault(article, {"title": "", "source": ""})
        for name, value in (("title", title), ("source", source)):
            if value and not articles[article][name]:
                articles[article][name] = value

    labels: dict[str, str] = {}
    for thing, label in sorted(_rows(store, _Q_LABELS), key=lambda row: (row[0], row[1])):
        if thing is not None and label:
            labels.setdefault(thing, label)

    result = nx.MultiDiGraph()
    nodes: dict[str, dict[str, Any]] = {}
    evidence: dict[str, _Evidence] = defaultdict(_Evidence)

    def node(iri: str) -> dict[str, Any]:
        if iri not in nodes:
            nodes[iri] = {
                "label": labels.get(iri) or _tail(iri),
                "type": "Thing",
                "types": [],
                "mentions": 0,
                "articles": set(),
                "variants": set(),
                "same_as": set(),
                "roles": set(),
            }
        return nodes[iri]

    for entity, mentions, label, pref in sorted(_rows(store, _Q_ENTITIES), key=str):
        if entity is None:
            continue
        attrs = node(entity)
        attrs["mentions"] = max(attrs["mentions"], _mentions({"mentions": mentions}))
        attrs["label"] = labels.get(entity) or label or pref or _tail(entity)
    types: dict[str, set[str]] = defaultdict(set)
    for entity, type_iri in _rows(store, _Q_ENTITY_TYPES):
        local = _local_type(type_iri or "")
        if entity is not None and local:
            types[entity].add(local)
    for entity, variant in _rows(store, _Q_VARIANTS):
        if entity is not None and variant:
            node(entity)["variants"].add(variant)
    for entity, same in _rows(store, _Q_SAME_AS):
        if entity is not None and same:
            node(entity)["same_as"].add(same)

    # Sentences that carry a claim, to name the claimant beside a mention in them.
    claim_rows = _rows(store, _Q_CLAIMS)
    claimants_of_sentence: dict[str, set[str]] = defaultdict(set)
    for _, claimant, _, _, _, sentence_iri, _ in claim_rows:
        if sentence_iri and claimant:
            claimants_of_sentence[sentence_iri].add(labels.get(claimant) or _tail(claimant))

    for entity, article, anchor, sentence_iri, text in _rows(store, _Q_MENTIONS):
        if entity is None or article is None or entity not in nodes:
            continue
        nodes[entity]["articles"].add(article)
        evidence[entity].add(
            articles,
            article=article,
            sentence_iri=sentence_iri,
            sentence=text if text is not None else anchor,
            mention=anchor,
            claimant="; ".join(sorted(claimants_of_sentence.get(sentence_iri or "", ()))),
        )

    for event, label, date, place in sorted(_rows(store, _Q_EVENTS), key=str):
        if event is None:
            continue
        attrs = node(event)
        attrs["type"] = "Event"
        attrs["label"] = labels.get(event) or label or _tail(event)
        if date:
            attrs["date"] = date
        if place:
            attrs["place_iri"] = place
    for event, article in _rows(store, _Q_EVENT_ARTICLES):
        if event is not None and article is not None:
            node(event)["articles"].add(article)

    edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def edge(u: str, v: str, relation: str) -> dict[str, Any]:
        node(u)
        node(v)
        key = (u, v, relation)
        if key not in edges:
            edges[key] = {"relation": relation, "evidence": _Evidence(), "roles": set()}
        return edges[key]

    for holder, of, role, role_label, article, sentence_iri, text in _rows(store, _Q_POSITIONS):
        if holder is None or article is None:
            continue
        name = role_label or (labels.get(role) if role else None) or (_tail(role) if role else "")
        if name:
            node(holder)["roles"].add(name)
        if of is None or of == holder:
            continue
        data = edge(holder, of, HOLDS_POSITION)
        if name:
            data["roles"].add(name)
        data["evidence"].add(articles, article=article, sentence_iri=sentence_iri, sentence=text)
        evidence[holder].add(articles, article=article, sentence_iri=sentence_iri, sentence=text)

    for event, participant in _rows(store, _Q_EVENT_PARTICIPANTS):
        if event is not None and participant is not None and event != participant:
            edge(participant, event, PARTICIPATED_IN)
    for event, participant, article, sentence_iri, text in _rows(store, _Q_PARTICIPATIONS):
        if event is None or participant is None or article is None or event == participant:
            continue
        edge(participant, event, PARTICIPATED_IN)["evidence"].add(
            articles, article=article, sentence_iri=sentence_iri, sentence=text
        )
        evidence[event].add(articles, article=article, sentence_iri=sentence_iri, sentence=text)

    about: dict[str, set[str]] = defaultdict(set)
    for claim, target in _rows(store, _Q_ABOUT):
        if claim is not None and target is not None:
            about[claim].add(target)
    for claim, claimant, article, quote, event, sentence_iri, text in claim_rows:
        if claim is None or claimant is None or article is None:
            continue
        who = labels.get(claimant) or _tail(claimant)
        holders = [evidence[claimant]]
        node(claimant)["articles"].add(article)
        if event is not None and event != claimant:
            holders += [edge(claimant, event, CLAIMED)["evidence"], evidence[event]]
        for target in sorted(about.get(claim, ())):
            if target != claimant:
                holders.append(edge(claimant, target, ABOUT)["evidence"])
        for records in holders:
            records.add(
                articles,
                article=article,
                sentence_iri=sentence_iri,
                sentence=text,
                claimant=who,
                quote=quote,
            )

    for entity, country in _rows(store, _Q_COUNTRY):
        if entity is None or country is None or entity == country:
            continue
        is_place = "Place" in types.get(entity, ())
        edge(entity, country, PART_OF if is_place else COUNTRY)
    for event, attrs in list(nodes.items()):
        place = attrs.pop("place_iri", None)
        if place is not None and place != event:
            attrs["place"] = labels.get(place) or _tail(place)
            edge(event, place, HELD_IN)

    for event, type_iri in _rows(store, _Q_EVENT_TYPES):
        local = _local_type(type_iri or "")
        if event in nodes and local:
            types[event].add(local)
    # An end of a fact that is neither an entity nor an event (not in kg's own graphs).
    stubs = {iri for iri in nodes if iri not in types}
    if stubs:
        for thing, type_iri in _rows(store, _Q_TYPES):
            local = _local_type(type_iri or "")
            if thing in stubs and local:
                types[thing].add(local)

    for iri, attrs in sorted(nodes.items()):
        own = types.get(iri, set())
        if attrs["type"] != "Event":
            attrs["type"] = _most_specific(own)
        found = evidence[iri].items() if iri in evidence else []
        if attrs["type"] == "Event":
            attrs["mentions"] = max(attrs["mentions"], len(found))
        result.add_node(
            iri,
            **{
                **attrs,
                "types": sorted(own | {attrs["type"]}),
                "articles": sorted(attrs["articles"]),
                "variants": sorted(attrs["variants"]),
                "same_as": sorted(attrs["same_as"]),
                "roles": sorted(attrs["roles"]),
                "evidence": found,
            },
        )
    for (u, v, relation), data in sorted(edges.items()):
        found = data["evidence"].items()
        extra: dict[str, Any] = {}
        if relation == HOLDS_POSITION:
            extra = {"role": ", ".join(sorted(data["roles"])), "roles": sorted(data["roles"])}
        result.add_edge(
            u, v, key=relation, relation=relation, evidence=found, count=len(found), **extra
        )
    return result


# Choosing what to show ---------------------------------------------------------------------------


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return list(value)
    return []


def _type_family(attrs: Mapping[str, Any]) -> set[str]:
    family = {str(t) for t in _as_list(attrs.get("types"))}
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
            if any(str(v).casefold() == folded for v in _as_list(attrs.get(field)))
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


def _article_infos(graph: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    """Every article named in the graph's evidence, with its title and source."""
    infos: dict[str, dict[str, str]] = {}
    items = [e for _, attrs in graph.nodes(data=True) for e in _as_list(attrs.get("evidence"))]
    items += [e for _, _, attrs in graph.edges(data=True) for e in _as_list(attrs.get("evidence"))]
    for item in items:
        if isinstance(item, Mapping) and item.get("article"):
            info = infos.setdefault(str(item["article"]), {"title": "", "source": ""})
            for name in ("title", "source"):
                if item.get(name) and not info[name]:
                    info[name] = str(item[name])
    for _, attrs in graph.nodes(data=True):
        for article in _as_list(attrs.get("articles")):
            infos.setdefault(str(article), {"title": "", "source": ""})
    return infos


def _source_nodes(graph: nx.MultiDiGraph, source: str) -> tuple[set[str], set[tuple[Any, ...]]]:
    """The nodes and edges an article or a claimant accounts for (``--source``)."""
    wanted = source.strip()
    folded = wanted.casefold()
    infos = _article_infos(graph)
    matches = [
        article
        for article, info in infos.items()
        if wanted in (article, _tail(article), info["source"])
        or (info["source"] and Path(info["source"]).name == wanted)
        or (info["title"] and info["title"].casefold() == folded)
    ]
    if matches:
        chosen = set(matches)
        nodes = {
            node
            for node, attrs in graph.nodes(data=True)
            if chosen & {str(a) for a in _as_list(attrs.get("articles"))}
            or any(
                isinstance(e, Mapping) and e.get("article") in chosen
                for e in _as_list(attrs.get("evidence"))
            )
        }
        edges = {
            (u, v, k)
            for u, v, k, attrs in graph.edges(keys=True, data=True)
            if any(
                isinstance(e, Mapping) and e.get("article") in chosen
                for e in _as_list(attrs.get("evidence"))
            )
        }
        for u, v, _ in edges:
            nodes |= {u, v}
        # Edges no sentence states (part of, country, held in) stay between the nodes kept.
        edges |= {
            (u, v, k)
            for u, v, k, attrs in graph.edges(keys=True, data=True)
            if u in nodes and v in nodes and not _as_list(attrs.get("evidence"))
        }
        return nodes, edges
    claimants = {
        u
        for u, _, attrs in graph.edges(data=True)
        if attrs.get("relation") in (CLAIMED, ABOUT)
        and (
            u == wanted
            or str(graph.nodes[u].get("label", "")).casefold() == folded
            or any(str(v).casefold() == folded for v in _as_list(graph.nodes[u].get("variants")))
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


def _select(
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
    chosen = graph.subgraph(keep)
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
                -_mentions(chosen.nodes[n]),
                str(chosen.nodes[n].get("label", n)),
                n,
            ),
        )
        chosen = chosen.subgraph(ranked[:max_nodes])
    return chosen.copy(), center, before, before - chosen.number_of_nodes()


def _mentions(attrs: Mapping[str, Any]) -> int:
    try:
        return int(attrs.get("mentions") or 0)
    except (TypeError, ValueError):
        return 0


# Layout for large graphs -------------------------------------------------------------------------

_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
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
        if len(neighbours[node]) == 1:
            (hub,) = neighbours[node]
            if len(neighbours[hub]) > 1:
                leaves[hub].append(node)
                continue
        anchors.append(node)
    positions: dict[str, tuple[float, float]] = {}
    area = 0.0
    for i, anchor in enumerate(anchors):
        own = 1.0 + len(leaves[anchor]) * 0.6
        radius = spacing * math.sqrt(area + own / 2)
        area += own
        x, y = radius * math.cos(i * _GOLDEN_ANGLE), radius * math.sin(i * _GOLDEN_ANGLE)
        positions[anchor] = (round(x, 1), round(y, 1))
        for j, leaf in enumerate(leaves[anchor]):
            r, angle = spacing * 0.55 * math.sqrt(j + 1), j * _GOLDEN_ANGLE
            positions[leaf] = (round(x + r * math.cos(angle), 1), round(y + r * math.sin(angle), 1))
    return positions


# The page ----------------------------------------------------------------------------------------


def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside pyvis (the newest version there)."""
    try:
        lib = resources.files("pyvis").joinpath(_VIS_DIR)
        versions = sorted(
            (item for item in lib.iterdir() if item.name.startswith("vis-")),
            key=lambda item: [int(p) for p in re.findall(r"\d+", item.name)],
        )
        js = versions[-1].joinpath("vis-network.min.js").read_text(encoding="utf-8")
        css = versions[-1].joinpath("vis-network.css").read_text(encoding="utf-8")
    except (OSError, IndexError, ModuleNotFoundError) as err:
        raise KGError(
            f"vis-network is not where pyvis 0.3.2 keeps it ({err}); reinstall pyvis"
        ) from err
    if re.search(r"</script|<!--", js, re.IGNORECASE) or re.search(r"</style", css, re.I):
        raise KGError("pyvis's vis-network cannot be inlined safely; reinstall pyvis 0.3.2")
    return js, css


_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def _json_island(data: Any) -> str:
    """JSON that can sit inside ``<script type="application/json">``: no ``<``, ``>`` or ``&``
    (so no ``</script>`` or ``<!--``), no U+2028/2029."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_JSON_ESCAPES)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _tooltip(attrs: Mapping[str, Any], articles: int) -> str:
    mentions = _mentions(attrs)
    lines = [
        str(attrs.get("label", "")),
        f"{attrs.get('type', 'Thing')} · {mentions} mention{'s' * (mentions != 1)}"
        f" · {articles} article{'s' * (articles != 1)}",
    ]
    variants = [str(v) for v in _as_list(attrs.get("variants")) if v != attrs.get("label")]
    if variants:
        lines.append("also: " + _short(", ".join(variants), 160))
    if attrs.get("date") or attrs.get("place"):
        lines.append(" · ".join(str(attrs[k]) for k in ("date", "place") if attrs.get(k)))
    if _as_list(attrs.get("same_as")):
        lines.append(" ".join(str(s) for s in _as_list(attrs.get("same_as"))[:3]))
    lines.append("click for the sentences")
    return "\n".join(lines)


def _edge_label(attrs: Mapping[str, Any], key: Any) -> str:
    relation = str(attrs.get("relation") or key)
    role = attrs.get("role")
    return f"{relation}: {role}" if role else relation


def _options(layout: str, nodes: int) -> dict[str, Any]:
    """vis options: pyvis's forceAtlas2Based physics, tuned (MEASURED.md), and the styling."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    net.force_atlas_2based(
        gravity=-80, central_gravity=0.015, spring_length=120, spring_strength=0.06, damping=0.4
    )
    net.toggle_physics(layout == "physics")
    net.options.physics.stabilization.iterations = 150
    net.options.physics.stabilization.updateInterval = 25
    net.options.edges.smooth.enabled = False
    net.options.interaction.hideEdgesOnDrag = nodes > 500
    options: dict[str, Any] = json.loads(net.options.to_json())
    options["physics"]["minVelocity"] = 1
    options["layout"] = {"improvedLayout": False, "randomSeed": 7}
    options["interaction"].update(
        {"hover": True, "tooltipDelay": 150, "hideEdgesOnZoom": nodes > 500, "multiselect": False}
    )
    options["nodes"] = {
        "shape": "dot",
        "borderWidth": 1,
        "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3},
        "scaling": {
            "min": 8,
            "max": 40,
            # Labels scale with mentions and vanish when drawn smaller than 6 px (zoomed out).
            "label": {"enabled": True, "min": 14, "max": 28, "drawThreshold": 6},
        },
        "widthConstraint": {"maximum": 160},
    }
    options["edges"].update(
        {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {
                "color": "#a0a8b0",
                "highlight": "#34495e",
                "hover": "#5d6d7e",
                # Many edges drawn opaque hide the nodes under them.
                "opacity": 1.0 if nodes <= 300 else 0.4,
            },
            "font": {"size": 11, "color": "#555", "strokeWidth": 3, "align": "middle"},
            # Edge labels show from 65% zoom up, where they can be read.
            "scaling": {"min": 1, "max": 6, "label": {"enabled": False, "drawThreshold": 8}},
            "selectionWidth": 2,
        }
    )
    return options


def _page_data(
    graph: nx.MultiDiGraph, *, center: str | None, total: int, before: int, dropped: int
) -> dict[str, Any]:
    """What the page needs: vis records made by pyvis, and the details behind the panel."""
    from pyvis.edge import Edge
    from pyvis.network import Network

    n_nodes = graph.number_of_nodes()
    layout = "physics" if 0 < n_nodes <= PHYSICS_MAX_NODES else "fixed"
    positions = _positions(graph) if layout == "fixed" else {}
    infos = _article_infos(graph)
    article_ids: dict[str, int] = {}
    sentences: list[list[Any]] = []
    sentence_ids: dict[tuple[int, str], int] = {}

    def article_index(article: str) -> int:
        if article not in article_ids:
            article_ids[article] = len(article_ids)
        return article_ids[article]

    def evidence_records(items: Any) -> tuple[list[dict[str, Any]], set[int]]:
        records: list[dict[str, Any]] = []
        used: set[int] = set()
        for item in _as_list(items):
            if not isinstance(item, Mapping):
                continue
            article = article_index(str(item.get("article") or ""))
            used.add(article)
            if len(records) >= MAX_EVIDENCE:
                continue
            key = (article, str(item.get("sentence") or ""))
            if key not in sentence_ids:
                sentence_ids[key] = len(sentences)
                sentences.append([article, key[1]])
            record: dict[str, Any] = {"s": sentence_ids[key]}
            for short, name in (("m", "mention"), ("c", "claimant"), ("q", "quote")):
                if item.get(name):
                    record[short] = str(item[name])
            records.append(record)
        return records, used

    net = Network(directed=True, cdn_resources="in_line")
    details: dict[str, Any] = {}
    type_counts: dict[str, int] = defaultdict(int)
    for node, attrs in graph.nodes(data=True):
        kind = str(attrs.get("type") or "Thing")
        type_counts[kind] += 1
        evidence, used = evidence_records(attrs.get("evidence"))
        node_articles = {article_index(str(a)) for a in _as_list(attrs.get("articles"))} | used
        label = str(attrs.get("label") or _tail(str(node)))
        options: dict[str, Any] = {
            "value": _mentions(attrs),
            "title": _tooltip(attrs, len(node_articles)),
        }
        if node in positions:
            options["x"], options["y"] = positions[node]
        net.add_node(
            str(node),
            label=label,
            shape="diamond" if kind == "Event" else "dot",
            color=TYPE_COLORS.get(kind, OTHER_COLOR),
            **options,
        )
        details[str(node)] = {
            "label": label,
            "type": kind,
            "mentions": _mentions(attrs),
            "articles": sorted(node_articles),
            "variants": [str(v) for v in _as_list(attrs.get("variants"))],
            "sameAs": [str(s) for s in _as_list(attrs.get("same_as"))],
            "roles": [str(r) for r in _as_list(attrs.get("roles"))],
            "evidence": evidence,
            "evidenceCount": len(_as_list(attrs.get("evidence"))),
            **{k: str(attrs[k]) for k in ("date", "place") if attrs.get(k)},
        }

    edge_details: dict[str, Any] = {}
    claimants: dict[str, list[str]] = defaultdict(list)
    for index, (u, v, key, attrs) in enumerate(graph.edges(keys=True, data=True)):
        edge_id = f"e{index}"
        evidence, used = evidence_records(attrs.get("evidence"))
        count = int(attrs.get("count") or len(_as_list(attrs.get("evidence"))))
        label = _edge_label(attrs, key)
        from_label, to_label = details[str(u)]["label"], details[str(v)]["label"]
        title = f"{from_label} → {label} → {to_label}\n{count} sentence{'s' * (count != 1)}"
        # Network.add_edge checks both ends against a list, O(nodes) per edge (1.3 s at 5,000
        # nodes and 15,000 edges); both ends are nodes already added, so make the record directly.
        record = Edge(str(u), str(v), True, id=edge_id, label=label, title=title, value=count)
        net.edges.append(record.options)
        # The page adds from, to and label from the vis record, which has them already.
        edge_details[edge_id] = {
            "relation": str(attrs.get("relation") or key),
            "count": count,
            "articles": sorted(used),
            "evidence": evidence,
        }
        if attrs.get("relation") in (CLAIMED, ABOUT):
            claimants[str(u)].append(edge_id)

    articles = [
        {
            "iri": article,
            "title": infos.get(article, {}).get("title", ""),
            "source": infos.get(article, {}).get("source", ""),
        }
        for article in sorted(article_ids, key=article_ids.__getitem__)
    ]
    return {
        "layout": layout,
        "focus": center,
        "stats": {
            "nodes": n_nodes,
            "edges": graph.number_of_edges(),
            "total": total,
            "before": before,
            "dropped": dropped,
        },
        "types": [
            {"name": name, "color": TYPE_COLORS.get(name, OTHER_COLOR), "count": count}
            for name, count in sorted(
                type_counts.items(),
                key=lambda item: (
                    list(TYPE_COLORS).index(item[0]) if item[0] in TYPE_COLORS else 99,
                    item[0],
                ),
            )
        ],
        "articles": articles,
        "sentences": sentences,
        "claimants": dict(claimants),
        "nodes": details,
        "edges": edge_details,
        "vis": {"nodes": net.nodes, "edges": net.edges, "options": _options(layout, n_nodes)},
    }


def _stats_text(stats: Mapping[str, int]) -> str:
    text = f"{stats['nodes']} nodes, {stats['edges']} edges"
    if stats["dropped"]:
        text += (
            f" (showing {stats['nodes']} of {stats['before']} entities: "
            f"{stats['dropped']} least connected left out)"
        )
    return text


def _render_html(data: Mapping[str, Any], *, title: str) -> str:
    """The page: the shell, vis-network inlined, the data island and the page's script."""
    js, css = _vis_assets()
    return "".join(
        [
            _HEAD.replace("@TITLE@", html.escape(title)),
            "<style>",
            css,
            "</style>\n<style>",
            _CSS,
            "</style>\n</head>\n<body>\n",
            _BODY.replace("@TITLE@", html.escape(title)).replace(
                "@STATS@", html.escape(_stats_text(data["stats"]))
            ),
            '<script type="application/json" id="kg-data">',
            _json_island(data),
            "</script>\n<script>",
            js,
            "</script>\n<script>",
            _APP_JS,
            "</script>\n</body>\n</html>\n",
        ]
    )


def write_html(
    graph: str | Path | ox.Store | nx.MultiDiGraph,
    out: str | Path,
    *,
    focus: str | None = None,
    hops: int = 1,
    types: Sequence[str] | None = None,
    source: str | None = None,
    max_nodes: int | None = 2000,
    title: str | None = None,
) -> VizReport:
    """Write the graph as one self-contained HTML page (``graph.html``).

    Args:
        graph: A graph file or store directory, an open store, or a graph from
            :func:`to_networkx`.
        out: The HTML file to write (atomically).
        focus: Show only the neighbourhood of this node (its IRI, label or a variant).
        hops: How far the neighbourhood reaches, in edges.
        types: Show only these types (``Person``, ``Organization`` with its subtypes, ...).
        source: Show only what one article (IRI, id, file, URL or title) or one claimant (IRI
            or name) accounts for.
        max_nodes: Keep at most this many nodes, the most connected; ``None`` for no cap.
        title: The page's title.

    Returns:
        What was written and what was left out.

    Raises:
        GraphError: The graph cannot be opened.
        InputError: A filter names no node, type, article or claimant, or a number is out of range.

    Example:
        >>> write_html("out/graph.ttl", "people.html", types=["Person"])  # doctest: +SKIP
    """
    import networkx as nx

    from kg.graph import atomic_write

    if isinstance(graph, nx.Graph):
        full = graph if isinstance(graph, nx.MultiDiGraph) else nx.MultiDiGraph(graph)
        name = "graph"
    else:
        full = to_networkx(graph)
        name = "store" if not isinstance(graph, str | Path) else Path(graph).name
    chosen, center, before, dropped = _select(
        full, focus=focus, hops=hops, types=types, source=source, max_nodes=max_nodes
    )
    data = _page_data(
        chosen, center=center, total=full.number_of_nodes(), before=before, dropped=dropped
    )
    page = _render_html(data, title=title or f"kg: {name}").encode("utf-8", "replace")
    path = Path(out)

    def write(handle: BinaryIO) -> None:
        handle.write(page)

    atomic_write(path, write)
    return VizReport(
        path=str(path),
        nodes=chosen.number_of_nodes(),
        edges=chosen.number_of_edges(),
        total_nodes=full.number_of_nodes(),
        dropped=dropped,
    )


# The page's fixed parts: no data in them, only in the JSON island. -------------------------------

# default-src 'none' stops every request the page could make (an injected <img> included);
# 'unsafe-eval' is there for tools that evaluate strings in the page (Playwright's
# wait_for_function, the devtools console): the page's own code never evaluates a string.
_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; \
script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="kg (pyvis, vis-network)">
<title>@TITLE@</title>
"""

_CSS = """
html, body { margin: 0; height: 100%; }
body { display: grid; grid-template-columns: 230px minmax(0, 1fr) 360px;
  grid-template-rows: auto minmax(0, 1fr); height: 100vh; color: #222;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
header { grid-column: 1 / 4; display: flex; flex-wrap: wrap; align-items: center; gap: 6px 16px;
  padding: 6px 12px; border-bottom: 1px solid #ddd; background: #fafafa; }
header h1 { font-size: 16px; margin: 0; }
#kg-stats, #kg-shown { color: #555; }
#kg-search { width: 16em; }
#kg-side { overflow: auto; padding: 8px 12px; border-right: 1px solid #ddd; }
#kg-side h2, #kg-panel h3 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em;
  color: #666; margin: 12px 0 4px; }
#kg-types label { display: flex; align-items: center; margin: 2px 0; }
.kg-swatch { flex: none; width: 11px; height: 11px; border-radius: 50%;
  margin: 0 5px 0 3px; border: 1px solid rgba(0,0,0,.25); }
#kg-source { width: 100%; max-width: 22em; }
#kg-network { position: relative; min-width: 0; min-height: 0; }
#kg-panel { overflow: auto; padding: 8px 14px; border-left: 1px solid #ddd; }
#kg-panel h2 { font-size: 18px; margin: 4px 0; overflow-wrap: anywhere; }
.kg-meta { color: #555; margin: 2px 0; overflow-wrap: anywhere; }
.kg-iri { font: 12px ui-monospace, monospace; color: #777; overflow-wrap: anywhere; }
.kg-evidence { border-left: 3px solid #c8d0d8; padding: 2px 8px; margin: 8px 0; }
.kg-evidence p { margin: 2px 0; overflow-wrap: anywhere; }
.kg-cite { font-size: 12px; color: #666; }
.kg-claim { font-size: 13px; color: #7a4b00; }
mark { background: #fff1a8; padding: 0 1px; }
#kg-panel ul { list-style: none; padding-left: 0; margin: 4px 0; }
#kg-panel li { margin: 3px 0; }
#kg-panel button.kg-link { border: 0; background: none; padding: 0; color: #1a5fb4;
  cursor: pointer; text-align: left; font: inherit; }
div.vis-tooltip { white-space: pre-wrap; max-width: 360px; font: 13px/1.4 system-ui, sans-serif; }
"""

_BODY = """<header>
<h1>@TITLE@</h1>
<span id="kg-stats">@STATS@</span>
<span id="kg-shown"></span>
<input id="kg-search" type="search" list="kg-labels" placeholder="Find a name, then Enter"
 autocomplete="off" aria-label="Find a node by name">
<datalist id="kg-labels"></datalist>
<select id="kg-source" aria-label="Show one article or claimant"></select>
</header>
<nav id="kg-side">
<h2>Types</h2>
<div id="kg-types"></div>
<h2>Sizes</h2>
<p class="kg-meta">A node's size is how often it is mentioned; a diamond is an event.
Zoom in for the names. Click a node or an edge for its sentences.</p>
</nav>
<div id="kg-network"></div>
<aside id="kg-panel" aria-live="polite"></aside>
"""

_APP_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var details = data.nodes, edgeDetails = data.edges;
  data.vis.edges.forEach(function (edge) {
    var e = edgeDetails[edge.id];
    e.from = edge.from; e.to = edge.to; e.label = edge.label;
  });
  var nodes = new vis.DataSet(data.vis.nodes);
  var edges = new vis.DataSet(data.vis.edges);
  window.kgNodes = nodes;
  window.kgEdges = edges;
  var panel = document.getElementById("kg-panel");
  var network = new vis.Network(
    document.getElementById("kg-network"), {nodes: nodes, edges: edges}, data.vis.options);
  window.network = network;
  var pinned = false;

  function stable() {
    network.setOptions({physics: false});
    document.body.dataset.stabilized = "true";
    if (data.focus && details[data.focus]) {
      network.selectNodes([data.focus]);
      showNode(data.focus);
    }
  }
  // Stabilisation runs after a timeout, so these handlers are in time.
  if (data.layout === "physics") network.once("stabilizationIterationsDone", stable);
  else network.once("afterDrawing", stable);

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function link(iri) {
    if (!/^https?:\/\/[^\s]+$/i.test(iri)) return el("span", "kg-iri", iri);
    var name = iri, m = /geonames\.org\/(\d+)/.exec(iri);
    if (m) name = "GeoNames " + m[1];
    m = /wikidata\.org\/(?:entity|wiki)\/(Q\d+)/.exec(iri);
    if (m) name = "Wikidata " + m[1];
    var a = el("a", null, name);
    a.href = iri;
    a.rel = "noopener noreferrer external";
    a.target = "_blank";
    return a;
  }
  function marked(parent, text, mark) {
    var at = mark ? text.indexOf(mark) : -1;
    if (at < 0) { parent.appendChild(document.createTextNode(text)); return; }
    parent.appendChild(document.createTextNode(text.slice(0, at)));
    parent.appendChild(el("mark", null, mark));
    parent.appendChild(document.createTextNode(text.slice(at + mark.length)));
  }
  function evidence(record) {
    var sentence = data.sentences[record.s], article = data.articles[sentence[0]] || {};
    var box = el("div", "kg-evidence");
    var p = el("p", "kg-sentence");
    marked(p, sentence[1], record.m || record.q);
    box.appendChild(p);
    if (record.c) {
      box.appendChild(el("p", "kg-claim",
        "claimant: " + record.c + (record.q ? " — “" + record.q + "”" : "")));
    }
    var cite = [article.title, article.source].filter(Boolean).join(" — ");
    box.appendChild(el("p", "kg-cite", cite || article.iri || ""));
    return box;
  }
  function evidenceList(records, total) {
    var list = document.createDocumentFragment();
    list.appendChild(el("h3", null, plural(total, "sentence")));
    records.forEach(function (record) { list.appendChild(evidence(record)); });
    if (total > records.length) {
      list.appendChild(el("p", "kg-meta", "… and " + (total - records.length) + " more"));
    }
    return list;
  }
  function linkButton(text, onClick) {
    var button = el("button", "kg-link", text);
    button.type = "button";
    button.addEventListener("click", onClick);
    return button;
  }
  function hint() {
    clear(panel);
    panel.appendChild(el("p", "kg-meta",
      "Click a node or an edge to see the sentences behind it. Hover for a summary."));
  }
  function showNode(id) {
    var d = details[id];
    if (!d) return;
    clear(panel);
    panel.appendChild(el("h2", null, d.label));
    var meta = d.type + " · " + plural(d.mentions, "mention") + " · " +
      plural(d.articles.length, "article");
    panel.appendChild(el("p", "kg-meta", meta));
    if (d.date || d.place) {
      panel.appendChild(el("p", "kg-meta", [d.date, d.place].filter(Boolean).join(" · ")));
    }
    var variants = d.variants.filter(function (v) { return v !== d.label; });
    if (variants.length) {
      panel.appendChild(el("p", "kg-meta", "Also written: " + variants.join(", ")));
    }
    if (d.roles.length) panel.appendChild(el("p", "kg-meta", "Roles: " + d.roles.join(", ")));
    if (d.sameAs.length) {
      var links = el("p", "kg-meta", "Links: ");
      d.sameAs.forEach(function (iri, i) {
        if (i) links.appendChild(document.createTextNode(", "));
        links.appendChild(link(iri));
      });
      panel.appendChild(links);
    }
    panel.appendChild(el("p", "kg-iri", id));
    var connected = network.getConnectedEdges(id);
    if (connected.length) {
      panel.appendChild(el("h3", null, plural(connected.length, "relation")));
      var ul = el("ul");
      connected.forEach(function (edgeId) {
        var e = edgeDetails[edgeId];
        if (!e) return;
        var text = (e.from === id ? e.label + " → " + details[e.to].label
                                  : details[e.from].label + " → " + e.label) +
                   " (" + e.count + ")";
        var li = el("li");
        li.appendChild(linkButton(text, function () {
          network.selectEdges([edgeId]);
          showEdge(edgeId);
        }));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    panel.appendChild(evidenceList(d.evidence, d.evidenceCount));
  }
  function showEdge(id) {
    var e = edgeDetails[id];
    if (!e) return;
    clear(panel);
    panel.appendChild(el("h2", null, e.label));
    var ends = el("p", "kg-meta");
    ends.appendChild(linkButton(details[e.from].label, function () { focusNode(e.from); }));
    ends.appendChild(document.createTextNode(" → " + e.label + " → "));
    ends.appendChild(linkButton(details[e.to].label, function () { focusNode(e.to); }));
    panel.appendChild(ends);
    if (!e.count) {
      panel.appendChild(el("p", "kg-meta",
        "No sentence states it: it comes from the gazetteer or from resolving the event."));
    }
    panel.appendChild(evidenceList(e.evidence, e.count));
  }
  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.2), animation: {duration: 300}});
    pinned = true;
    showNode(id);
  }

  network.on("click", function (params) {
    if (params.nodes.length) { pinned = true; showNode(params.nodes[0]); }
    else if (params.edges.length) { pinned = true; showEdge(params.edges[0]); }
    else { pinned = false; hint(); }
  });
  network.on("hoverNode", function (params) { if (!pinned) showNode(params.node); });
  network.on("blurNode", function () { if (!pinned) hint(); });

  // Search: a datalist of the names; Enter selects and focuses the best match.
  var search = document.getElementById("kg-search");
  var names = document.getElementById("kg-labels");
  var ids = Object.keys(details);
  ids.forEach(function (id) {
    var option = document.createElement("option");
    option.value = details[id].label;
    names.appendChild(option);
  });
  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) return null;
    var visible = ids.filter(function (id) { return !nodes.get(id).hidden; });
    var tests = [
      function (d) { return d.label.toLowerCase() === q; },
      function (d) { return d.variants.some(function (v) { return v.toLowerCase() === q; }); },
      function (d) { return d.label.toLowerCase().indexOf(q) === 0; },
      function (d) { return d.label.toLowerCase().indexOf(q) >= 0; },
    ];
    for (var i = 0; i < tests.length; i++) {
      var found = visible.filter(function (id) { return tests[i](details[id]); });
      if (found.length) {
        found.sort(function (a, b) { return details[b].mentions - details[a].mentions; });
        return found[0];
      }
    }
    return null;
  }
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var id = find(search.value);
    if (id) { focusNode(id); }
    else {
      clear(panel);
      panel.appendChild(el("p", "kg-meta", "No shown node is named “" + search.value + "”."));
    }
  });

  // Filters: types (the legend) and one article or claimant.
  var checked = {};
  var typesBox = document.getElementById("kg-types");
  data.types.forEach(function (type) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = type.name;
    box.addEventListener("change", function () { checked[type.name] = box.checked; apply(); });
    checked[type.name] = true;
    var swatch = el("span", "kg-swatch");
    swatch.style.backgroundColor = type.color;
    label.appendChild(box);
    label.appendChild(swatch);
    // A break opportunity inside CamelCase names, so "GovernmentOrganization" can wrap.
    var name = type.name.replace(/([a-z])([A-Z])/g, "$1\u200b$2");
    label.appendChild(el("span", null, name + " (" + type.count + ")"));
    typesBox.appendChild(label);
  });
  var sourceSelect = document.getElementById("kg-source");
  sourceSelect.appendChild(el("option", null, "All articles and claimants")).value = "";
  var group = el("optgroup");
  group.label = "Articles";
  data.articles.forEach(function (article, i) {
    var option = el("option", null, article.title || article.source || article.iri);
    option.value = "a" + i;
    group.appendChild(option);
  });
  if (data.articles.length) sourceSelect.appendChild(group);
  group = el("optgroup");
  group.label = "Claimants";
  Object.keys(data.claimants).sort(function (a, b) {
    return details[a].label.localeCompare(details[b].label);
  }).forEach(function (id) {
    var option = el("option", null, details[id].label);
    option.value = "c" + id;
    group.appendChild(option);
  });
  if (group.childNodes.length) sourceSelect.appendChild(group);
  sourceSelect.addEventListener("change", apply);

  function apply() {
    var choice = sourceSelect.value, article = -1, onlyNodes = null, onlyEdges = null;
    if (choice.charAt(0) === "a") article = Number(choice.slice(1));
    if (choice.charAt(0) === "c") {
      var claimant = choice.slice(1);
      onlyNodes = {}; onlyEdges = {};
      onlyNodes[claimant] = true;
      data.claimants[claimant].forEach(function (edgeId) {
        onlyEdges[edgeId] = true;
        onlyNodes[edgeDetails[edgeId].to] = true;
      });
    }
    var nodeChanges = [], edgeChanges = [], shown = 0;
    ids.forEach(function (id) {
      var d = details[id];
      var visible = checked[d.type] !== false &&
        (article < 0 || d.articles.indexOf(article) >= 0) && (!onlyNodes || onlyNodes[id] === true);
      if (visible) shown++;
      if (Boolean(nodes.get(id).hidden) === visible) nodeChanges.push({id: id, hidden: !visible});
    });
    Object.keys(edgeDetails).forEach(function (id) {
      var e = edgeDetails[id];
      var visible = (article < 0 || !e.count || e.articles.indexOf(article) >= 0) &&
        (!onlyEdges || onlyEdges[id] === true);
      if (Boolean(edges.get(id).hidden) === visible) edgeChanges.push({id: id, hidden: !visible});
    });
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    document.getElementById("kg-shown").textContent =
      shown === ids.length ? "" : "· " + shown + " shown by the filters";
  }
  hint();
})();
"""
