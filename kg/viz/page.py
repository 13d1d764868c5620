"""The page: ``graph.html``, one self-contained file drawn with pyvis's vis-network.

The markup, style and script are package files (``static/page.html``, ``app.css``, ``app.js``);
this module fills the page's four holes (title, counts, the data island, vis-network's code) and
chooses what goes into the data: the nodes (:mod:`kg.viz.select`), their sentences, and the
*appears with* links (:func:`choose_co_mentions`).
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from kg.iri import DEFAULT_BASE
from kg.memory import paused_gc
from kg.viz.layout import COMMUNITY_COLORS, MIN_COMMUNITY, communities, positions
from kg.viz.network import (
    GraphReader,
    add_co_mentions,
    as_list,
    count_co_mentions,
    mention_count,
    tail,
)
from kg.viz.rows import CorpusRows
from kg.viz.select import article_infos, select_nodes
from kg.viz.terms import (
    ABOUT,
    APPEARS_WITH,
    CLAIMED,
    MAX_EVIDENCE,
    OTHER_COLOR,
    PHYSICS_MAX_NODES,
    TYPE_COLORS,
    VizReport,
)
from kg.viz.vis import (
    edge_label,
    edge_opacity,
    tooltip,
    unnamed_speakers,
    vis_assets,
    vis_options,
)

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph as ox

    from kg.records import Corpus

#: Each node keeps its this many strongest *appears with* links on the page (more articles
#: shared first): enough to tie every story together, few enough to read.
CO_MENTION_PARTNERS = 3
#: The *appears with* links are shown from the start when more than this share of the page's
#: nodes has no fact edge: the default view hides nodes without a shown link, and facts alone
#: would hide a quarter of the page or more (most of a real corpus's entities are in no fact:
#: 79% of 2,000 on 132 real news articles; 12% on the five samples, where facts suffice).
CO_MENTION_ISOLATED_SHARE = 0.25
#: The biggest nodes of a page laid out by kg get room for their labels.
LABEL_ROOM = 30
_HOLE = re.compile(r"@([A-Z_]+)@")


def _static(name: str) -> str:
    return resources.files("kg.viz").joinpath("static", name).read_text(encoding="utf-8")


_JSON_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def _json_island(data: Any) -> str:
    """JSON that can sit inside ``<script type="application/json">``: no ``<``, ``>`` or ``&``
    (so no ``</script>`` or ``<!--``), no U+2028/2029."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in _JSON_ESCAPES:  # str.replace: ten times str.translate's speed here
        text = text.replace(char, escape)
    return text


def _page_data(
    graph: nx.MultiDiGraph, *, center: str | None, total: int, before: int, dropped: int
) -> dict[str, Any]:
    """What the page needs: vis records made by pyvis, and the details behind the panel."""
    from pyvis.edge import Edge
    from pyvis.network import Network

    n_nodes = graph.number_of_nodes()
    layout = "physics" if 0 < n_nodes <= PHYSICS_MAX_NODES else "fixed"
    groups = communities(graph)
    placed = {}
    if layout == "fixed":
        big = sorted(graph.nodes, key=lambda n: (-len(as_list(graph.nodes[n].get("articles"))), n))
        # Room for the labels the page draws first. The fitted zoom shrinks as the square root
        # of the nodes, so a label of n characters covers about n * nodes / 500 node places;
        # twice that keeps 25 to 27 of the 30 biggest labelled on pages of 1,300 and 2,000
        # nodes (half of it, 21 to 26).
        per_char = n_nodes / 250
        room = {n: per_char * len(str(graph.nodes[n].get("label") or "")) for n in big[:LABEL_ROOM]}
        placed = positions(graph, [g for g in groups if len(g) >= MIN_COMMUNITY], room=room)
    infos = article_infos(graph)
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
        for item in as_list(items):
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
            for short, name in (
                ("m", "mention"),
                ("c", "claimant"),
                ("q", "quote"),
                ("u", "unnamed"),
            ):
                if item.get(name):
                    record[short] = str(item[name])
            records.append(record)
        return records, used

    community_of = {n: i for i, group in enumerate(groups) for n in group}
    net = Network(directed=True, cdn_resources="in_line")
    details: dict[str, Any] = {}
    type_counts: dict[str, int] = defaultdict(int)
    for node, attrs in graph.nodes(data=True):
        kind = str(attrs.get("type") or "Thing")
        type_counts[kind] += 1
        evidence, used = evidence_records(attrs.get("evidence"))
        node_articles = {article_index(str(a)) for a in as_list(attrs.get("articles"))} | used
        label = str(attrs.get("label") or tail(str(node)))
        size = max(1, len(node_articles))
        options: dict[str, Any] = {"value": size, "title": tooltip(attrs, len(node_articles))}
        if node in placed:
            options["x"], options["y"] = placed[node]
        color = TYPE_COLORS.get(kind, OTHER_COLOR)
        net.add_node(
            str(node),
            label=label,
            shape="diamond" if kind == "Event" else "dot",
            color=color,
            **options,
        )
        details[str(node)] = {
            "label": label,
            "type": kind,
            "color": color,
            "size": size,
            "community": community_of.get(str(node), -1),
            "mentions": mention_count(attrs),
            "articles": sorted(node_articles),
            "variants": [str(v) for v in as_list(attrs.get("variants"))],
            "sameAs": [str(s) for s in as_list(attrs.get("same_as"))],
            "roles": [str(r) for r in as_list(attrs.get("roles"))],
            "evidence": evidence,
            "evidenceCount": int(
                attrs.get("evidence_count") or len(as_list(attrs.get("evidence")))
            ),
            **{k: str(attrs[k]) for k in ("date", "place") if attrs.get(k)},
        }

    edge_details: dict[str, Any] = {}
    claimants: dict[str, list[str]] = defaultdict(list)
    for index, (u, v, key, attrs) in enumerate(graph.edges(keys=True, data=True)):
        edge_id = f"e{index}"
        from_label, to_label = details[str(u)]["label"], details[str(v)]["label"]
        if attrs.get("relation") == APPEARS_WITH:
            shared = sorted({article_index(str(a)) for a in as_list(attrs.get("articles"))})
            count = len(shared)
            title = f"{from_label} appears with {to_label}\n{count} article{'s' * (count != 1)}"
            record = Edge(
                str(u), str(v), False, id=edge_id, title=title, layer="co",
                width=round(0.5 + math.log2(count), 2), dashes=False,
                color={"color": "#b9c2cc", "opacity": 0.45},
            )  # fmt: skip
            net.edges.append(record.options)
            edge_details[edge_id] = {
                "relation": APPEARS_WITH,
                "layer": "co",
                "count": count,
                "articles": shared,
                "evidence": [{"a": a} for a in shared[:MAX_EVIDENCE]],
            }
            continue
        evidence, used = evidence_records(attrs.get("evidence"))
        count = int(attrs.get("count") or len(as_list(attrs.get("evidence"))))
        label = edge_label(attrs, key)
        title = f"{from_label} → {label} → {to_label}\n{count} sentence{'s' * (count != 1)}"
        # Network.add_edge checks both ends against a list, O(nodes) per edge (1.3 s at 5,000
        # nodes and 15,000 edges); both ends are nodes already added, so make the record directly.
        record = Edge(
            str(u), str(v), True, id=edge_id, label=label, title=title, value=count, layer="fact"
        )
        net.edges.append(record.options)
        # The page adds from, to and label from the vis record, which has them already.
        edge_details[edge_id] = {
            "relation": str(attrs.get("relation") or key),
            "layer": "fact",
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
            "co": 0,
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
        "communities": [
            {
                "name": _community_name(group, details),
                "size": len(group),
                "color": COMMUNITY_COLORS[i]
                if i < len(COMMUNITY_COLORS) and len(group) >= MIN_COMMUNITY
                else "#c0c0c0",
            }
            for i, group in enumerate(groups)
        ],
        "articles": articles,
        "sentences": sentences,
        "claimants": dict(claimants),
        # Speakers never named ("a senior official"): no node, but a choice of the filter.
        "unnamed": unnamed_speakers({str(n): attrs for n, attrs in graph.nodes(data=True)}),
        "nodes": details,
        "edges": edge_details,
        "edgeOpacity": edge_opacity(n_nodes),
        "vis": {"nodes": net.nodes, "edges": net.edges, "options": vis_options(layout, n_nodes)},
    }


def _community_name(group: Sequence[str], details: Mapping[str, Any]) -> str:
    """A community named by its member in most articles, and how many others."""
    biggest = min(group, key=lambda n: (-details[n]["size"], details[n]["label"]))
    others = len(group) - 1
    return str(details[biggest]["label"]) + (f" and {others} more" if others else "")


def choose_co_mentions(graph: nx.MultiDiGraph) -> dict[tuple[str, str], list[str]]:
    """The *appears with* links a page shows: each node's :data:`CO_MENTION_PARTNERS` strongest
    co-mentions among the page's nodes, leaving out pairs a fact already joins.

    Strongest is most articles shared, then the partner named in most articles, then its IRI.
    Keeping a few a node (rather than every pair above a weight) gives every node that shares an
    article with another a link, without the clique an article's every pair would draw.
    """
    joined = {frozenset((u, v)) for u, v in graph.edges()}
    pairs = {
        pair: shared
        for pair, shared in count_co_mentions(graph).items()
        if frozenset(pair) not in joined
    }
    size = {n: len(as_list(graph.nodes[n].get("articles"))) for n in graph.nodes}
    partners: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for (u, v), shared in pairs.items():
        partners[u].append((-len(shared), -size[v], v))
        partners[v].append((-len(shared), -size[u], u))
    kept: dict[tuple[str, str], list[str]] = {}
    for node, found in partners.items():
        for _, _, other in sorted(found)[:CO_MENTION_PARTNERS]:
            pair = (node, other) if node < other else (other, node)
            kept[pair] = pairs[pair]
    return dict(sorted(kept.items()))


def _co_mention_note(on: bool, share: float, links: int) -> str:
    if not links:
        return "No two of these nodes share an article outside their facts."
    why = (
        f"on from the start: {share:.0%} of the nodes have no fact link"
        if on
        else f"off from the start: {share:.0%} of the nodes have no fact link"
    )
    return (
        f"Appears with: named in the same article (thicker: more articles); each node keeps its "
        f"{CO_MENTION_PARTNERS} strongest. {links} links, {why}."
    )


def _render_html(data: Mapping[str, Any], *, title: str) -> str:
    """The page: the shell with its holes filled, in one pass (a hole's text is not re-read)."""
    js, css = vis_assets()
    holes = {
        "TITLE": html.escape(title),
        "STATS": html.escape(_stats_text(data["stats"])),
        "VIS_CSS": css,
        "APP_CSS": _static("app.css"),
        "DATA": _json_island(data),
        "VIS_JS": js,
        "APP_JS": _static("app.js"),
    }
    return _HOLE.sub(lambda match: str(holes[match.group(1)]), _static("page.html"))


def _stats_text(stats: Mapping[str, int]) -> str:
    text = f"{stats['nodes']} nodes, {stats['edges']} edges"
    if stats["co"]:
        text += f", {stats['co']} appears-with link{'s' * (stats['co'] != 1)}"
    if stats["dropped"]:
        text += (
            f" (showing {stats['nodes']} of {stats['before']} entities: "
            f"{stats['dropped']} least connected left out)"
        )
    return text


def write_html(
    graph: str | Path | ox.Store | nx.MultiDiGraph | Corpus,
    out: str | Path,
    *,
    base: str = DEFAULT_BASE,
    focus: str | None = None,
    hops: int = 1,
    types: Sequence[str] | None = None,
    source: str | None = None,
    max_nodes: int | None = 2000,
    title: str | None = None,
    co_mentions: bool | None = None,
) -> VizReport:
    """Write the graph as one self-contained HTML page (``graph.html``).

    Args:
        graph: A graph file or store directory, an open store, a graph from
            :func:`to_networkx`, or a build's records (the page of the graph they make, read
            from them: :class:`kg.viz.rows.CorpusRows`).
        out: The HTML file to write (atomically).
        base: The IRI namespace of the records' build (records only).
        focus: Show only the neighbourhood of this node (its IRI, label or a variant).
        hops: How far the neighbourhood reaches, in edges.
        types: Show only these types (``Person``, ``Organization`` with its subtypes, ...).
        source: Show only what one article (IRI, id, file, URL or title) or one claimant (IRI
            or name) accounts for.
        max_nodes: Keep at most this many nodes, the most connected; ``None`` for no cap.
        title: The page's title.
        co_mentions: The *appears with* links (:func:`choose_co_mentions`): ``None`` puts them
            on the page, shown from the start when most nodes have no fact link; ``True`` shows
            them from the start; ``False`` leaves them out.

    Returns:
        What was written and what was left out.

    Raises:
        GraphError: The graph cannot be opened.
        InputError: A filter names no node, type, article or claimant, or a number is out of range.

    Example:
        >>> write_html("out/graph.ttl", "people.html", types=["Person"])  # doctest: +SKIP
    """

    with paused_gc():
        report = _write_page(
            graph, out, base=base, focus=focus, hops=hops, types=types, source=source,
            max_nodes=max_nodes, title=title, co_mentions=co_mentions,
        )  # fmt: skip
    return report


def _write_page(
    graph: str | Path | ox.Store | nx.MultiDiGraph | Corpus,
    out: str | Path,
    *,
    base: str,
    focus: str | None,
    hops: int,
    types: Sequence[str] | None,
    source: str | None,
    max_nodes: int | None,
    title: str | None,
    co_mentions: bool | None,
) -> VizReport:
    import networkx as nx

    from kg.graph import atomic_write
    from kg.records import Corpus

    reader = None
    if isinstance(graph, nx.Graph):
        full = nx.MultiDiGraph(graph)
        # The page chooses its own co-mentions among the nodes it keeps.
        co = [e for e in full.edges(keys=True, data="relation") if e[3] == APPEARS_WITH]
        full.remove_edges_from([(u, v, k) for u, v, k, _ in co])
        name = "graph"
    else:
        # The shape first (no mention's text), then the sentences of the nodes kept only.
        if isinstance(graph, Corpus):
            reader, name = GraphReader(CorpusRows(graph, base=base)), "records"
        else:
            reader = GraphReader(graph)
            name = Path(graph).name if isinstance(graph, str | Path) else "store"
        full = reader.shape()
    chosen, center, before, dropped = select_nodes(
        full, focus=focus, hops=hops, types=types, source=source, max_nodes=max_nodes
    )
    if reader is not None:
        wanted = list(chosen.nodes)
        # Three mentions a sentence shown is plenty: most sentences name a node once.
        evidence = reader.mention_evidence(wanted, limit=3 * MAX_EVIDENCE)
        for node, (found, count) in evidence.items():
            chosen.nodes[node]["evidence"] = found
            chosen.nodes[node]["evidence_count"] = count
    facts = chosen.number_of_edges()
    alone = sum(1 for n in chosen.nodes if not any(v != n for v in nx.all_neighbors(chosen, n)))
    share = alone / chosen.number_of_nodes() if chosen.number_of_nodes() else 0.0
    pairs = choose_co_mentions(chosen) if co_mentions is not False else {}
    add_co_mentions(chosen, pairs)
    shown = bool(pairs) and (co_mentions is True or share > CO_MENTION_ISOLATED_SHARE)
    data = _page_data(
        chosen, center=center, total=full.number_of_nodes(), before=before, dropped=dropped
    )
    data["stats"].update({"edges": facts, "co": len(pairs)})
    data["coMentions"] = {
        "on": shown,
        "edges": len(pairs),
        "note": _co_mention_note(shown, share, len(pairs)),
    }
    page = _render_html(data, title=title or f"kg: {name}").encode("utf-8", "replace")
    path = Path(out)

    def write(handle: BinaryIO) -> None:
        handle.write(page)

    atomic_write(path, write)
    return VizReport(
        path=str(path),
        nodes=chosen.number_of_nodes(),
        edges=facts,
        total_nodes=full.number_of_nodes(),
        dropped=dropped,
        co_mentions=len(pairs),
    )
