"""Stage "validate": check a graph against kg's SHACL shapes.

The shapes (``ontology/shapes.ttl``) encode the graph contract of
``docs/decisions/0001-graph-shape.md`` and ``0004-facts-and-statements.md``; pySHACL runs them with
kg's ontology (``ontology/kg.ttl``) and its scheme of roles (``ontology/roles.ttl``) mixed into the
data as its ontology graph, so that class targets and ``sh:class`` see subclasses (a ``kg:Road`` is
a ``schema:Place``, a ``kg:Claim`` a ``kg:Assertion``) and a position's role is a
``skos:Concept``. Named graphs are flattened into one graph first: mentions
point at entities in the graph of entities, which point at the run in the graph of the run.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from kg.errors import GraphError, ValidationError
from kg.shipped import ontology_path

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.graph import ConjunctiveGraph
    from rdflib.term import Node

#: The rdflib parser for each file suffix kg reads.
FORMATS: Final[dict[str, str]] = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "nt",
}

_QUAD_FORMATS: Final = frozenset({"trig", "nquads"})


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL validation result.

    Attributes:
        focus_node: The node that failed (an IRI, or the N3 form of any other term).
        path: The property that failed, when the shape names one; a path of several steps in
            SPARQL syntax, its IRIs in angle brackets (``<p>/<q>``).
        message: What is wrong, from the shape's ``sh:message`` or pySHACL.
        severity: ``Violation``, ``Warning`` or ``Info`` (the local name of the SHACL severity).
        shape: The IRI of the shape that failed (every shape in ``shapes.ttl`` has one).
        value: The value that failed, when there is one (for a wrong anchor, the mention or
            sentence whose article is the focus node).
    """

    focus_node: str
    path: str | None
    message: str
    severity: str
    shape: str
    value: str | None = None

    def __str__(self) -> str:
        where = _shorten(self.focus_node)
        if self.path is not None and self.path.startswith(("<", "^", "(")):
            where += " " + re.sub(r"<([^<>]*)>", lambda m: _shorten(m[1]), self.path)
        elif self.path is not None:
            where += f" {_shorten(self.path)}"
        return f"{self.severity}: {where}: {self.message} ({_shorten(self.shape)})"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of :func:`validate_graph`.

    Attributes:
        conforms: Whether the graph conforms to the shapes.
        violations: Every validation result, sorted by focus node, path and shape.
    """

    conforms: bool
    violations: tuple[Violation, ...]


def load_ontology() -> Graph:
    """kg's ontology (``kg.ttl``) as an rdflib graph.

    Raises:
        GraphError: If the packaged file cannot be read or parsed.
    """
    return _read_graph(ontology_path("kg.ttl"))


def validate_graph(data: Graph | str | Path, *, shapes: Path | None = None) -> ValidationReport:
    """Validate a graph against kg's SHACL shapes.

    Args:
        data: An rdflib graph (a ``Dataset`` is flattened; the graph is not modified), or the path
            of a ``.ttl``, ``.trig``, ``.nq`` or ``.nt`` file (the named graphs of TriG and
            N-Quads are flattened into one).
        shapes: A SHACL shapes file to use instead of kg's ``shapes.ttl``.

    Returns:
        Whether the graph conforms, and every validation result.

    Raises:
        GraphError: If the data or shapes file cannot be read or parsed.
        ValidationError: If pySHACL fails (an unusable shape, for example).
    """
    from rdflib import Graph
    from rdflib.graph import ConjunctiveGraph

    if isinstance(data, str | Path):
        name = str(data)
        graph = _read_graph(Path(data))
        owned = True
    elif isinstance(data, ConjunctiveGraph):  # a Dataset is one too
        name = "the dataset"
        graph = _flatten(data)
        owned = True
    elif isinstance(data, Graph):
        name = "the graph"
        graph = data
        owned = False
    else:
        raise TypeError(f"validate_graph() takes a Graph or a path, not {type(data).__name__}")
    shapes_path = shapes if shapes is not None else ontology_path("shapes.ttl")
    shapes_graph = _read_graph(shapes_path)
    ontology = _ontology_graph()

    from pyshacl import validate as run_pyshacl
    from pyshacl.errors import ReportableRuntimeError

    try:
        conforms, results, _text = run_pyshacl(
            graph,
            shacl_graph=shapes_graph,
            ont_graph=ontology,
            inference="none",
            # A graph we parsed or flattened ourselves need not be copied before inference.
            inplace=owned,
        )
    except ReportableRuntimeError as err:
        raise ValidationError(f"validating {name} against {shapes_path}: {err.message}") from err
    except Exception as err:  # pySHACL also lets rdflib's and owlrl's errors through.
        raise ValidationError(f"validating {name} against {shapes_path}: {err}") from err
    return ValidationReport(conforms=bool(conforms), violations=_read_results(results))


def _ontology_graph() -> Graph:
    """kg's ontology and the roles of its scheme of roles, as pySHACL's ontology graph.

    pySHACL copies only RDFS and OWL axioms (classes, properties, named individuals) from the
    ontology graph into the data, so each role goes in typed ``owl:NamedIndividual`` as well as
    ``skos:Concept``: then ``sh:class skos:Concept`` holds for it. Only the two types go in:
    pySHACL copies a named individual with everything reachable from it, which through
    ``skos:broader`` and ``skos:hasTopConcept`` takes exponential time.
    """
    from rdflib import OWL, RDF
    from rdflib.namespace import SKOS

    ontology = load_ontology()
    roles = _read_graph(ontology_path("roles.ttl"))
    for concept in set(roles.subjects(RDF.type, SKOS.Concept)):
        ontology.add((concept, RDF.type, SKOS.Concept))
        ontology.add((concept, RDF.type, OWL.NamedIndividual))
    return ontology


def _read_graph(path: Path) -> Graph:
    """Parse an RDF file into one graph, the named graphs of quad formats flattened."""
    from rdflib import Dataset, Graph

    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(FORMATS)
        raise GraphError(f"{path}: cannot tell its RDF format from its suffix; use one of {known}")
    if not path.is_file():
        raise GraphError(f"{path}: no such file")
    try:
        if fmt in _QUAD_FORMATS:
            dataset = Dataset()
            with warnings.catch_warnings():
                # rdflib 7's own quad parsers use Dataset APIs it has deprecated.
                warnings.simplefilter("ignore", DeprecationWarning)
                dataset.parse(path, format=fmt)
            return _flatten(dataset)
        graph = Graph()
        graph.parse(path, format=fmt)
    except Exception as err:  # rdflib's parsers raise many unrelated types.
        raise GraphError(f"{path}: cannot be parsed as {fmt}: {err}") from err
    return graph


def _flatten(dataset: ConjunctiveGraph) -> Graph:
    """The union of every graph of a Dataset (or ConjunctiveGraph), as one plain graph."""
    from rdflib import Graph

    graph = Graph()
    for prefix, namespace in dataset.namespaces():
        graph.bind(prefix, namespace, override=False)
    for subject, predicate, obj, *_ in dataset.quads((None, None, None)):
        graph.add((subject, predicate, obj))
    return graph


def _read_results(results: Graph) -> tuple[Violation, ...]:
    """The validation results of a pySHACL report graph, sorted."""
    from rdflib.namespace import SH

    violations = []
    for result in results.objects(None, SH.result):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        severity = results.value(result, SH.resultSeverity)
        shape = results.value(result, SH.sourceShape)
        value = results.value(result, SH.value)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        if not messages:
            component = results.value(result, SH.sourceConstraintComponent)
            messages = [f"fails {_term(component)}"]
        violations.append(
            Violation(
                focus_node=_term(focus),
                path=None if path is None else _path(results, path, top=True),
                message="; ".join(messages),
                severity=_term(severity).removeprefix(str(SH)),
                shape=_term(shape),
                value=None if value is None else _term(value),
            )
        )
    violations.sort(key=lambda v: (v.focus_node, v.path or "", v.shape, v.value or "", v.message))
    return tuple(violations)


def _path(graph: Graph, node: Node, *, top: bool = False) -> str:
    """A SHACL property path in SPARQL syntax: a predicate as its IRI (in angle brackets inside
    a longer path), a sequence as ``<p>/<q>``, an inverse as ``^<p>``, and so on."""
    from rdflib import BNode, URIRef
    from rdflib.collection import Collection
    from rdflib.namespace import RDF, SH

    if isinstance(node, URIRef):
        return str(node) if top else f"<{node}>"
    if not isinstance(node, BNode):
        return _term(node)

    def step(part: Node) -> str:
        text = _path(graph, part)
        return text if isinstance(part, URIRef) else f"({text})"

    if graph.value(node, RDF.first) is not None:
        return "/".join(step(part) for part in Collection(graph, node))
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        return "|".join(step(part) for part in Collection(graph, alternatives))
    for predicate, before, after in (
        (SH.inversePath, "^", ""),
        (SH.zeroOrMorePath, "", "*"),
        (SH.oneOrMorePath, "", "+"),
        (SH.zeroOrOnePath, "", "?"),
    ):
        inner = graph.value(node, predicate)
        if inner is not None:
            return f"{before}{step(inner)}{after}"
    return _term(node)


def _term(node: Node | None) -> str:
    """An IRI as itself, any other term in N3 (a blank node as ``_:id``)."""
    from rdflib import URIRef

    if node is None:
        return ""
    if isinstance(node, URIRef):
        return str(node)
    return node.n3()


def _shorten(iri: str) -> str:
    """An IRI as a prefixed name when a kg prefix covers it."""
    from kg.vocab import PREFIXES

    for prefix, namespace in PREFIXES.items():
        local = iri.removeprefix(namespace)
        if local != iri and local and all(c.isalnum() or c in "_-." for c in local):
            return f"{prefix}:{local}"
    if iri.startswith("https://w3id.org/kg-news/shapes#"):
        return "kgsh:" + iri.removeprefix("https://w3id.org/kg-news/shapes#")
    return iri if iri.startswith(("_:", '"')) else f"<{iri}>"
