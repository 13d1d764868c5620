"""Stage "load": send a built graph to a SPARQL 1.1 server, one named graph at a time.

Each named graph of the build (one per article, the graph of entities, the graph of the run) and
kg's ontology (``ontology/kg.ttl`` and ``roles.ttl``, in the graph :data:`ONTOLOGY_GRAPH`) goes in
its own request that replaces that graph and no other:

- Graph Store HTTP Protocol (``--endpoint``): ``PUT URL?graph=IRI`` with the graph's triples as
  N-Triples. Every request names its graph: a ``PUT`` without ``graph`` replaces the whole
  dataset on Oxigraph (MEASURED.md), so :func:`graph_store_url` refuses to make one.
- SPARQL Update (``--update-endpoint``): ``DROP SILENT GRAPH <IRI> ; INSERT DATA { GRAPH <IRI>
  { ... } }`` in one request, which servers run as one transaction.

Loads add, not replace: the graph of entities and the graph of the run, which a build's articles
share, go to the server as ``.../graph/entities/KEY`` and ``.../graph/run/KEY``, KEY a digest of
the build's run (:func:`build_graph_names`), and the run's graph says
``<.../graph/entities/KEY> prov:wasGeneratedBy <run>``. Loading a second build keeps the first
build's entities described (its articles still name them) and ``GRAPH ?g`` tells which build said
what (README, "Loading into a SPARQL server"). An article's graph is the article's alone: the
last build loaded that holds it replaces it.

Loading twice changes nothing; loading a changed article replaces its graph only. A failure stops
the load: the graphs sent before it are on the server, every other graph is as it was (a server
applies each request whole or not at all), and :class:`kg.errors.LoadError` says which.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote, urlsplit, urlunsplit

from kg.endpoint import DEFAULT_TIMEOUT, check_url, query_params, redact, send, with_path
from kg.errors import EndpointError, GraphError, LoadError

if TYPE_CHECKING:
    import pyoxigraph as ox

#: The named graph of kg's ontology (``ontology/kg.ttl`` and ``ontology/roles.ttl``).
ONTOLOGY_GRAPH = "https://w3id.org/kg-news/ontology"

#: The ontology files loaded into :data:`ONTOLOGY_GRAPH`.
ONTOLOGY_FILES = ("kg.ttl", "roles.ttl")

#: How graphs are sent: the Graph Store HTTP Protocol, or SPARQL Update.
LoadProtocol = Literal["graph-store", "update"]

#: The graphs a build shares between its articles (ends of their IRIs): the graph of entities
#: (their types, labels, merges, and the events) and the graph of the run. Each build's go to the
#: server under names of their own (:func:`build_graph_names`), so that loading another build
#: adds its descriptions instead of replacing the first build's.
SHARED_GRAPHS = ("/graph/entities", "/graph/run")

#: Graph files that hold named graphs (the others have no article graphs to load).
DATASET_SUFFIXES = (".trig", ".nq")

_N_TRIPLES = "application/n-triples"
_SPARQL_UPDATE = "application/sparql-update; charset=utf-8"
# Paths of query and update services: a Graph Store PUT there is a mistake.
_NOT_GRAPH_STORE = ("/query", "/update", "/sparql")


@dataclass(frozen=True)
class LoadedGraph:
    """One graph sent to the server.

    Attributes:
        iri: The graph's IRI.
        triples: How many triples it holds.
    """

    iri: str
    triples: int


@dataclass(frozen=True)
class LoadReport:
    """What :func:`load_graphs` sent.

    Attributes:
        endpoint: The URL the graphs went to, without credentials.
        protocol: ``graph-store`` or ``update``.
        graphs: Each graph in the order sent (the ontology first, then by IRI).
    """

    endpoint: str
    protocol: LoadProtocol
    graphs: tuple[LoadedGraph, ...]

    @property
    def triples(self) -> int:
        """Triples sent in all."""
        return sum(graph.triples for graph in self.graphs)


def load_graphs(
    source: str | Path,
    endpoint: str,
    *,
    protocol: LoadProtocol = "graph-store",
    ontology: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Callable[[int, int], None] | None = None,
) -> LoadReport:
    """Send every named graph of a build, and kg's ontology, to a SPARQL server.

    Args:
        source: ``graph.trig`` or ``graph.nq`` of a build, or a store directory (opened
            read-only, so a build can go on writing it).
        endpoint: The Graph Store endpoint (Oxigraph: ``http://host:7878/store``; its root
            ``http://host:7878`` means the same), or with ``protocol="update"`` the SPARQL Update
            endpoint (Oxigraph: ``.../update``).
        protocol: ``graph-store`` (a ``PUT`` per graph) or ``update`` (a SPARQL Update per graph).
        ontology: Also send the ontology, as the graph :data:`ONTOLOGY_GRAPH`.
        timeout: Seconds each request may take, its whole answer included.
        progress: Called with (graphs sent, graphs in all) after each graph.

    Returns:
        What was sent.

    Raises:
        EndpointError: The endpoint URL cannot be used (nothing was sent).
        GraphError: The source cannot be read, has no named graphs (``graph.ttl``), or has
            triples outside any named graph (nothing was sent).
        LoadError: A request failed; the message gives the server's answer and which graphs were
            loaded before it.
    """
    import pyoxigraph as ox

    url = _target_url(endpoint, protocol)
    store = open_dataset(source)
    graphs = [graph.value for graph in store.named_graphs()]
    graphs.sort()
    if ontology and ONTOLOGY_GRAPH not in graphs:
        graphs.insert(0, ONTOLOGY_GRAPH)
    names, runs = build_graph_names(store, graphs)
    graphs.sort(key=lambda iri: (iri != ONTOLOGY_GRAPH, names.get(iri, iri)))
    loaded: list[LoadedGraph] = []
    for index, source_iri in enumerate(graphs):
        iri = names.get(source_iri, source_iri)
        if iri == ONTOLOGY_GRAPH and not store.contains_named_graph(ox.NamedNode(iri)):
            triples = ontology_triples()
        else:
            triples = graph_triples(store, source_iri)
            if source_iri.endswith(SHARED_GRAPHS[1]):  # the run: say which graphs it made
                triples += _made_by(runs, [names[g] for g in graphs if g in names])
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        try:
            if protocol == "graph-store":
                put_graph(url, iri, body, timeout=timeout)
            else:
                update_graph(url, iri, body, timeout=timeout)
        except EndpointError as err:
            raise LoadError(
                f"{err}; graph {index + 1} of {len(graphs)} (<{iri}>) failed; "
                f"{_loaded_summary(loaded)}; run kg load again once fixed (it replaces each graph, "
                "so loading twice is safe)",
                loaded=tuple(graph.iri for graph in loaded),
                status=err.status,
                detail=err.detail,
            ) from err
        loaded.append(LoadedGraph(iri, len(triples)))
        if progress is not None:
            progress(index + 1, len(graphs))
    return LoadReport(redact(url), protocol, tuple(loaded))


def graph_triples(store: ox.Store, graph: str) -> list[ox.Triple]:
    """The triples of one named graph of a store.

    The store's iterator lives only inside this call: pyoxigraph's iterators must be dropped on
    the thread that made them, and one kept in a frame that an exception's traceback holds
    would be dropped wherever the garbage collector happens to run (a server thread, say).
    """
    import pyoxigraph as ox

    return [quad.triple for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))]


def build_graph_names(store: ox.Store, graphs: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """The names the shared graphs of a build get on the server, and the build's runs.

    ``.../graph/entities`` becomes ``.../graph/entities/KEY`` and ``.../graph/run`` becomes
    ``.../graph/run/KEY``, KEY a digest of the build's ``kg:Run`` IRIs (of the graphs' triples if
    there is none): the same build gets the same names (loading twice changes nothing), another
    build other names (it adds, and replaces only the article graphs it holds).
    """
    import pyoxigraph as ox
    from rdflib.namespace import RDF

    from kg.iri import short_hash
    from kg.vocab import KG

    shared = [iri for iri in graphs if iri.endswith(SHARED_GRAPHS)]
    run_type = (ox.NamedNode(str(RDF.type)), ox.NamedNode(str(KG.Run)))
    runs = sorted(
        {
            t.subject.value
            for iri in shared
            for t in graph_triples(store, iri)
            if isinstance(t.subject, ox.NamedNode) and (t.predicate, t.object) == run_type
        }
    )
    basis = runs or sorted(str(t) for iri in shared for t in graph_triples(store, iri))
    key = short_hash(*basis, length=16)
    return {iri: f"{iri}/{key}" for iri in shared}, runs


def _made_by(runs: Sequence[str], graphs: Sequence[str]) -> list[ox.Triple]:
    """``GRAPH prov:wasGeneratedBy RUN`` for each shared graph of a build, so that a query can
    tell which build said what."""
    import pyoxigraph as ox
    from rdflib.namespace import PROV

    made = ox.NamedNode(str(PROV.wasGeneratedBy))
    return [ox.Triple(ox.NamedNode(g), made, ox.NamedNode(run)) for g in graphs for run in runs]


def open_dataset(source: str | Path) -> ox.Store:
    """Open a build's named graphs: ``.trig`` or ``.nq`` in memory, a store directory read-only.

    Raises:
        GraphError: The source cannot be read, holds no named graphs, or has triples in the
            default graph (kg puts every triple in a named graph; those would have nowhere to go).
    """
    import pyoxigraph as ox

    from kg.query import open_graph

    path = Path(source)
    if not path.is_dir() and path.suffix.lower() not in DATASET_SUFFIXES:
        if not path.exists():
            raise GraphError(f"{path}: no such file or directory; check the path or run kg build")
        raise GraphError(
            f"{path}: a {path.suffix or 'suffixless'} file has no named graphs, so no article "
            "could be replaced on its own; load graph.trig (or graph.nq, or a store) of the same "
            "build instead"
        )
    store = open_graph(path)
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        raise GraphError(
            f"{path}: has triples outside any named graph; kg load sends named graphs only (each "
            "replaces itself on the server), so put them in a named graph or load graph.trig of "
            "a kg build"
        )
    if next(iter(store.named_graphs()), None) is None:
        raise GraphError(f"{path}: holds no named graph; build it with kg build first")
    return store


def ontology_triples() -> list[ox.Triple]:
    """The triples of kg's ontology files (:data:`ONTOLOGY_FILES`)."""
    import pyoxigraph as ox

    from kg.shipped import ontology_path

    triples: list[ox.Triple] = []
    for name in ONTOLOGY_FILES:
        data = ontology_path(name).read_bytes()
        triples.extend(quad.triple for quad in ox.parse(data, format=ox.RdfFormat.TURTLE))
    return triples


def graph_store_url(endpoint: str, graph: str) -> str:
    """The Graph Store URL of one named graph: ``endpoint?graph=<percent-encoded IRI>``.

    Raises:
        LoadError: ``graph`` is not an absolute IRI, or the endpoint already names a graph
            (``?graph=`` or ``?default``): the request would replace a graph kg does not own.
    """
    _check_graph_iri(graph)
    parts = urlsplit(endpoint)
    names = {name for name, _ in query_params(endpoint)}
    if names & {"graph", "default"}:
        raise LoadError(
            f"{redact(endpoint)}: give the Graph Store endpoint without ?graph= or ?default; "
            "kg names each graph it sends"
        )
    query = "&".join(filter(None, [parts.query, f"graph={quote(graph, safe='')}"]))
    return urlunsplit(parts._replace(query=query))


def put_graph(endpoint: str, graph: str, ntriples: bytes, *, timeout: float) -> None:
    """Replace one named graph on a Graph Store endpoint (an HTTP ``PUT`` naming the graph)."""
    url = graph_store_url(endpoint, graph)
    values = [value for name, value in query_params(url) if name == "graph"]
    if values != [graph]:  # never send a PUT that does not name exactly this graph
        raise LoadError(f"refusing to PUT {redact(url)}: it must name the graph <{graph}>")
    send("PUT", url, body=ntriples, content_type=_N_TRIPLES, timeout=timeout)


def update_graph(endpoint: str, graph: str, ntriples: bytes, *, timeout: float) -> None:
    """Replace one named graph through SPARQL Update: drop it and insert its triples, in one
    request."""
    _check_graph_iri(graph)
    # N-Triples is SPARQL's triple syntax too; pyoxigraph escapes every literal and IRI.
    iri = f"<{graph}>"
    body = b"".join(
        [
            f"DROP SILENT GRAPH {iri} ;\nINSERT DATA {{ GRAPH {iri} {{\n".encode(),
            ntriples,
            b"} }\n",
        ]
    )
    send("POST", endpoint, body=body, content_type=_SPARQL_UPDATE, timeout=timeout)


def _target_url(endpoint: str, protocol: LoadProtocol) -> str:
    option = "--endpoint" if protocol == "graph-store" else "--update-endpoint"
    check_url(endpoint, option=option)
    if protocol == "update":
        return with_path(endpoint, {"": "/update"})
    path = urlsplit(endpoint).path.rstrip("/")
    if path.endswith(_NOT_GRAPH_STORE):
        raise EndpointError(
            f"--endpoint {redact(endpoint)}: that is a query or update service, not a Graph Store "
            "endpoint; give the Graph Store URL (Oxigraph: http://host:port/store) or use "
            "--update-endpoint for SPARQL Update"
        )
    url = with_path(endpoint, {"": "/store"})
    if {name for name, _ in query_params(url)} & {"graph", "default"}:
        raise EndpointError(
            f"--endpoint {redact(endpoint)}: give the Graph Store endpoint without ?graph= or "
            "?default; kg names each graph it sends"
        )
    return url


def _check_graph_iri(graph: str) -> None:
    import pyoxigraph as ox

    try:
        ox.NamedNode(graph)
    except ValueError as err:
        raise LoadError(f"<{graph}>: not a valid IRI for a graph") from err
    if not urlsplit(graph).scheme:
        raise LoadError(f"<{graph}>: a graph IRI must be absolute")


def _loaded_summary(loaded: list[LoadedGraph]) -> str:
    if not loaded:
        return "no graph was loaded before it, every other graph on the server is as it was"
    if len(loaded) == 1:
        which = f"1 graph was loaded before it (<{loaded[0].iri}>)"
    else:
        which = (
            f"{len(loaded)} graphs were loaded before it (<{loaded[0].iri}> to <{loaded[-1].iri}>)"
        )
    return f"{which}, every other graph on the server is as it was"
