"""Writing a store's named graphs, each in one transaction (:mod:`kg.store` decides which)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.errors import GraphError

if TYPE_CHECKING:
    import pyoxigraph as ox


def _graph_quads(store: ox.Store, graph: str) -> set[ox.Quad]:
    import pyoxigraph as ox

    return set(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def replace_graph(store: ox.Store, graph: str, quads: Iterable[ox.Quad]) -> None:
    """Replace one named graph of a store in one SPARQL update, so one transaction: a reader
    or a crash sees either the old graph or the new one. No quads: the graph is dropped.

    The triples are written as N-Triples by pyoxigraph, never escaped by hand.
    """
    import pyoxigraph as ox

    name = str(ox.NamedNode(graph))
    triples = [q.triple for q in quads]
    update = f"DROP SILENT GRAPH {name}"
    if triples:
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        update += f" ;\nINSERT DATA {{ GRAPH {name} {{\n{body.decode('utf-8')}}} }}"
    try:
        store.update(update)
    except (OSError, SyntaxError) as err:
        raise GraphError(f"cannot replace graph {graph} in the store: {err}") from err


def _change_graph(store: ox.Store, graph: str, *, old: set[ox.Quad], new: set[ox.Quad]) -> None:
    """Turn a named graph from ``old`` (what the store holds) into ``new`` in one SPARQL update,
    so one transaction, sending only the difference (an update parses its triples, slowly)."""
    import pyoxigraph as ox

    name = str(ox.NamedNode(graph))
    parts = []
    for verb, quads in (("DELETE", old - new), ("INSERT", new - old)):
        if quads:
            body = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""
            parts.append(f"{verb} DATA {{ GRAPH {name} {{\n{body.decode('utf-8')}}} }}")
    if not parts:
        return
    try:
        store.update(" ;\n".join(parts))
    except (OSError, SyntaxError) as err:
        raise GraphError(f"cannot update graph {graph} in the store: {err}") from err


def _add_graph(store: ox.Store, graph: str, quads: Iterable[ox.Quad]) -> None:
    """Add a graph the store does not have, in one transaction (``Store.extend``; about twice
    as fast as an update, which must parse the triples as SPARQL)."""
    try:
        store.extend(quads)
    except OSError as err:
        raise GraphError(f"cannot add graph {graph} to the store: {err}") from err


def _timeless(quads: Iterable[ox.Quad]) -> set[ox.Quad]:
    from rdflib.namespace import PROV

    times = {str(PROV.startedAtTime), str(PROV.endedAtTime)}
    return {q for q in quads if q.predicate.value not in times}
