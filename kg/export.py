"""The export of a store (``kg build --store DIR -o OUT``): the whole store to ``OUT/graph.ttl``
and ``OUT/graph.trig``, as a build's files, streaming."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from kg.errors import GraphError

if TYPE_CHECKING:
    import pyoxigraph as ox

_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_XSD_NON_NEGATIVE_INTEGER = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"


def export_store(store: ox.Store | str | Path, out_dir: str | Path) -> tuple[str, ...]:
    """Write the whole store to ``out_dir/graph.ttl`` (the union of its graphs) and
    ``out_dir/graph.trig`` (its named graphs), each atomically, streaming.

    Offsets get back the datatype of the graph's contract (``xsd:nonNegativeInteger``), which
    Oxigraph stores as ``xsd:integer``, so an export conforms to the shapes as a build's files do.

    Returns:
        The paths written.
    """
    import pyoxigraph as ox

    from kg.graph import atomic_write
    from kg.query import open_graph
    from kg.vocab import PREFIXES

    if not isinstance(store, ox.Store):
        store = open_graph(store)
    out = Path(out_dir)
    prefixes = dict(PREFIXES)

    def write_turtle(handle: BinaryIO) -> None:
        # CONSTRUCT over the union gives each triple once, however many graphs hold it.
        answer = store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
        )
        triples = (_contract_triple(t) for t in answer)  # type: ignore[union-attr]
        ox.serialize(triples, handle, ox.RdfFormat.TURTLE, prefixes=prefixes)

    def write_trig(handle: BinaryIO) -> None:
        graphs = sorted(store.named_graphs(), key=str)
        quads = (
            _in_graph(_contract_triple(q.triple), graph)
            for graph in graphs
            for q in store.quads_for_pattern(None, None, None, graph)
        )
        ox.serialize(quads, handle, ox.RdfFormat.TRIG, prefixes=prefixes)

    try:
        atomic_write(out / "graph.ttl", write_turtle)
        atomic_write(out / "graph.trig", write_trig)
    except OSError as err:
        raise GraphError(f"{out}: cannot write the export: {err}") from err
    return (str(out / "graph.ttl"), str(out / "graph.trig"))


def _in_graph(triple: ox.Triple, graph: ox.NamedNode | ox.BlankNode) -> ox.Quad:
    import pyoxigraph as ox

    return ox.Quad(triple.subject, triple.predicate, triple.object, graph)


def _contract_triple(triple: ox.Triple) -> ox.Triple:
    """The triple with the datatype kg's graph contract gives its object, where Oxigraph
    stored a more general one (decision 0005)."""
    import pyoxigraph as ox

    from kg.vocab import NIF

    obj = triple.object
    if (
        isinstance(obj, ox.Literal)
        and obj.datatype.value == _XSD_INTEGER
        and triple.predicate.value in (str(NIF.beginIndex), str(NIF.endIndex))
    ):
        obj = ox.Literal(obj.value, datatype=ox.NamedNode(_XSD_NON_NEGATIVE_INTEGER))
        return ox.Triple(triple.subject, triple.predicate, obj)
    return triple
