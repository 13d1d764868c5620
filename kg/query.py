"""Stage "query": run SPARQL over a built graph (a file or a pyoxigraph store), format the answer.

Queries run on pyoxigraph (MEASURED.md: rdflib's SPARQL was 37 to 3,700 times slower here). Every
prefix of :data:`kg.vocab.PREFIXES` is predeclared, relative IRIs resolve against kg's default base,
and the default graph is the union of all named graphs, so ``SELECT ?name WHERE { ?p a
schema:Person ; rdfs:label ?name }`` works on ``graph.ttl``, ``graph.trig`` and a store alike.

Parameters are bound with pyoxigraph's ``substitutions`` (SPARQL-dev SEP-0007), never pasted into
the query text, so a value cannot change what the query does.

Named queries (``positions``, ``events``, ``claims``, ``sources``, ...) ship as ``.rq`` files in
:mod:`kg.queries`; :func:`named_queries` lists them and :func:`run_named_query` runs one.

Any SPARQL 1.1 server answers them too: give a :class:`kg.endpoint.Endpoint` instead of a graph.
The query goes by the SPARQL Protocol with the prefixes declared, the parameters become a
``VALUES`` block of escaped N-Triples terms at the start of its ``WHERE`` clause (still never query
text), and the answer comes back as the same :class:`QueryResult`.

pyoxigraph and rdflib (through :mod:`kg.vocab`) are imported inside the functions that need them, so
importing this module (for :data:`QueryFormat`, say) stays instant.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from kg.endpoint import Endpoint
from kg.errors import GraphError, QueryError
from kg.iri import DEFAULT_BASE
from kg.sparql import (
    PREFIX_DECLARATION,
    QUERY_FORMATS,
    QueryFormat,
    QueryResult,
    bind_params,
    one_line,
    runtime_error_message,
    solutions_result,
    syntax_error_message,
)

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.sparql import Term

__all__ = [
    "QUERY_FORMATS",
    "NamedQuery",
    "QueryFormat",
    "QueryParam",
    "QueryResult",
    "bind_params",
    "format_result",
    "named_queries",
    "named_query",
    "open_graph",
    "run_named_query",
    "run_query",
    "with_prefixes",
]

#: Graph file suffixes (lower case) and the name of their pyoxigraph ``RdfFormat``.
GRAPH_SUFFIXES: dict[str, str] = {
    ".ttl": "TURTLE",
    ".trig": "TRIG",
    ".nt": "N_TRIPLES",
    ".nq": "N_QUADS",
    ".rdf": "RDF_XML",
    ".owl": "RDF_XML",
    ".xml": "RDF_XML",
}

#: The dataset file in the output folder of ``kg build -o``: a folder holding it reads as it.
BUILD_GRAPH = "graph.trig"

#: Cells of a table are cut to this many columns.
MAX_CELL_WIDTH = 60

_LOCAL_NAME = re.compile(r"(?:\w(?:[\w.-]*[\w-])?)?")
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x85\u2028\u2029]")
_QUERIES_PACKAGE = "kg.queries"
_PARAM_LINE = re.compile(r"#\s*param\s+(\S+?)\s*:\s*(.*)")


@dataclass(frozen=True)
class QueryParam:
    """A parameter of a named query, bound with ``--param NAME=VALUE``.

    Attributes:
        name: The variable it binds, without ``?``.
        description: What to give, in a few words.
    """

    name: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query shipped with kg as ``kg/queries/NAME.rq``.

    Attributes:
        name: The file name without ``.rq`` (``positions``).
        description: The first line of the file, without ``#``.
        params: The ``# param NAME: description`` lines of the file's opening comment; each is
            required.
        text: The whole query, comments included (so error positions match the file).
    """

    name: str
    description: str
    params: tuple[QueryParam, ...]
    text: str


def named_queries() -> dict[str, NamedQuery]:
    """Read the queries shipped in :mod:`kg.queries`.

    Returns:
        Name to query, sorted by name.

    Raises:
        QueryError: A shipped file does not start with its ``# description`` line.
    """
    files = resources.files(_QUERIES_PACKAGE)
    queries: dict[str, NamedQuery] = {}
    for resource in sorted(files.iterdir(), key=lambda item: item.name):
        if resource.is_file() and resource.name.endswith(".rq"):
            name = resource.name.removesuffix(".rq")
            queries[name] = _parse_named_query(name, resource.read_text(encoding="utf-8"))
    return queries


def named_query(name: str) -> NamedQuery:
    """Find one shipped query by name.

    Raises:
        QueryError: No query has that name; the message lists those that do.
    """
    queries = named_queries()
    try:
        return queries[name]
    except KeyError:
        raise QueryError(
            f"no named query {name!r}; use one of {', '.join(queries)} (see kg query --list)"
        ) from None


def run_named_query(
    graph: str | Path | ox.Store | Endpoint,
    name: str,
    *,
    params: Mapping[str, str] | None = None,
) -> QueryResult:
    """Run a shipped query (see :func:`named_queries`) with its parameters.

    Args:
        graph: A graph file or store directory, an open store, or a SPARQL endpoint (as for
            :func:`run_query`).
        name: The query's name (``positions``).
        params: A value for each of the query's parameters, bound as :func:`run_query` does.

    Returns:
        The answer.

    Raises:
        GraphError: The graph cannot be opened.
        QueryError: The name is unknown, a parameter is missing or not one the query takes, or
            the query fails.
        EndpointError: The endpoint cannot be reached or answers with an error.
    """
    query = named_query(name)
    declared = [param.name for param in query.params]
    given = {
        key.removeprefix("?").removeprefix("$"): value for key, value in (params or {}).items()
    }
    for key in given:
        if key not in declared:
            takes = f"it takes {', '.join(declared)}" if declared else "it takes none"
            raise QueryError(
                f"--param {key}=...: the named query {name!r} has no parameter {key}; {takes}"
            )
    for param in query.params:
        if param.name not in given:
            raise QueryError(
                f"the named query {name!r} needs --param {param.name}=VALUE ({param.description})"
            )
    return run_query(graph, query.text, params=given)


def _parse_named_query(name: str, text: str) -> NamedQuery:
    lines = text.splitlines()
    if not lines or not lines[0].startswith("# ") or not lines[0][2:].strip():
        raise QueryError(
            f"kg/queries/{name}.rq: the first line must be '# ' and a one-line description"
        )
    params = []
    for line in lines[1:]:
        if not line.startswith("#"):
            break
        match = _PARAM_LINE.fullmatch(line.strip())
        if match:
            params.append(QueryParam(match.group(1), match.group(2).strip()))
    return NamedQuery(name, lines[0][2:].strip(), tuple(params), text)


def open_graph(path: str | Path) -> ox.Store:
    """Open a graph file in memory, or a pyoxigraph store directory read-only.

    Triple formats (``.ttl``, ``.nt``, ``.rdf``) load into the default graph; dataset formats
    (``.trig``, ``.nq``) keep their named graphs.

    Args:
        path: A graph file (see :data:`GRAPH_SUFFIXES`), a directory made by
            ``pyoxigraph.Store(path)`` (a ``kg build --store`` folder), or the output folder of
            ``kg build -o`` (its ``graph.trig`` is read).

    Returns:
        The store. Do not write to it: a directory is opened read-only.

    Raises:
        GraphError: The path is missing, has an unknown suffix, does not parse (the message gives
            pyoxigraph's line and column), or is a directory that is not a store.
    """
    import pyoxigraph as ox

    path = Path(path)
    if path.is_dir() and not (path / "CURRENT").is_file() and (path / BUILD_GRAPH).is_file():
        path = path / BUILD_GRAPH  # the folder of `kg build -o OUT`: its dataset
    if path.is_dir():
        # Every store directory has RocksDB's CURRENT file; checking first gives a clearer message.
        if not (path / "CURRENT").is_file():
            raise GraphError(
                f"{path}: a directory but neither a pyoxigraph store nor the output of "
                f"`kg build -o` (no {BUILD_GRAPH}); give a graph file "
                f"({', '.join(GRAPH_SUFFIXES)}) or a store directory"
            )
        try:
            return ox.Store.read_only(str(path))
        except OSError as err:
            raise GraphError(f"{path}: cannot open the store: {one_line(str(err))}") from err
    if not path.exists():
        raise GraphError(f"{path}: no such file or directory; check the path or run `kg build`")
    format_name = GRAPH_SUFFIXES.get(path.suffix.lower())
    if format_name is None:
        known = ", ".join(GRAPH_SUFFIXES)
        raise GraphError(f"{path}: unknown graph format {path.suffix!r}; use one of {known}")
    rdf_format: ox.RdfFormat = getattr(ox.RdfFormat, format_name)
    store = ox.Store()
    try:
        # The file's own URI is the base, as RFC 3986 says for a document without @base.
        store.load(path=path, format=rdf_format, base_iri=path.resolve().as_uri())
    except SyntaxError as err:
        raise GraphError(
            f"{path}: not valid {rdf_format.name}: {one_line(err.msg or str(err))}; "
            "fix the file or write it again with `kg build`"
        ) from err
    except (OSError, ValueError) as err:
        raise GraphError(f"{path}: cannot be read: {one_line(str(err))}") from err
    return store


def with_prefixes(query: str, prefixes: Mapping[str, str] | None = None) -> str:
    """Prepend a ``PREFIX`` line for each prefix the query does not declare itself.

    :func:`run_query` does not need this (it hands the prefixes to pyoxigraph, which keeps error
    positions right); use it to show the full query or send it to another SPARQL engine.
    Declarations go first; the prefix IRIs are absolute, so a ``BASE`` in the query does not
    change them.

    Args:
        query: The SPARQL query.
        prefixes: Name to IRI; :data:`kg.vocab.PREFIXES` by default.

    Returns:
        The query, unchanged when it declares every prefix.
    """
    if prefixes is None:
        from kg.vocab import PREFIXES

        prefixes = PREFIXES
    declared = {match.group(1) for match in PREFIX_DECLARATION.finditer(query)}
    lines = [f"PREFIX {name}: <{iri}>" for name, iri in prefixes.items() if name not in declared]
    return "\n".join([*lines, query])


def run_query(
    graph: str | Path | ox.Store | Endpoint,
    query: str,
    *,
    params: Mapping[str, str] | None = None,
    union_default_graph: bool = True,
    base_iri: str | None = DEFAULT_BASE,
) -> QueryResult:
    """Run a SPARQL query and read its answer.

    Args:
        graph: A graph file or store directory (see :func:`open_graph`), an open store, or a
            SPARQL endpoint (see :func:`kg.remote.run_endpoint_query`).
        query: The query; the prefixes of :data:`kg.vocab.PREFIXES` are predeclared.
        params: Values for variables (see :func:`bind_params`); with ``SELECT``, a bound
            variable must be selected (or ``SELECT *``), as SEP-0007 requires.
        union_default_graph: Match triple patterns outside ``GRAPH`` in every named graph.
        base_iri: Relative IRIs in the query resolve against it (``<entity/person/x>``).

    Returns:
        The answer.

    Raises:
        GraphError: The graph cannot be opened.
        QueryError: The query is malformed, a parameter cannot be bound, or evaluation fails.
        EndpointError: The endpoint cannot be reached or answers with an error.
    """
    import pyoxigraph as ox

    from kg.vocab import PREFIXES

    if isinstance(graph, Endpoint):
        from kg.remote import run_endpoint_query

        return run_endpoint_query(
            graph,
            query,
            params=params,
            union_default_graph=union_default_graph,
            base_iri=base_iri,
        )
    store = graph if isinstance(graph, ox.Store) else open_graph(graph)
    substitutions: dict[ox.Variable, Term] | None = (
        dict(bind_params(query, params)) if params else None
    )
    try:
        answer = store.query(
            query,
            prefixes=dict(PREFIXES),
            base_iri=base_iri,
            use_default_graph_as_union=union_default_graph,
            substitutions=substitutions,
        )
        # Read to the end, and let go of even when reading fails: an answer is an iterator
        # pyoxigraph ties to this thread, and one kept alive by an error's traceback may be
        # collected on another (an unraisable error there).
        try:
            if isinstance(answer, ox.QueryTriples):
                return QueryResult(kind="construct", triples=tuple(answer))
            return solutions_result(answer)
        finally:
            del answer
    except SyntaxError as err:
        raise QueryError(syntax_error_message(query, err.msg or str(err))) from err
    except RuntimeError as err:
        raise QueryError(runtime_error_message(str(err))) from err
    except OSError as err:
        raise QueryError(f"the query failed: {one_line(str(err))}") from err


def format_result(
    result: QueryResult,
    fmt: QueryFormat = "table",
    *,
    prefixes: Mapping[str, str] | None = None,
    base: str | None = DEFAULT_BASE,
) -> str:
    """Write an answer as text ending with a newline (write it as is, without adding one).

    ``json``, ``xml``, ``csv`` and ``tsv`` are the SPARQL 1.1 Query Results formats, written by
    pyoxigraph (CSV lines end with CRLF, as that spec says). ``table`` is kg's own, for people:
    IRIs shortened with ``prefixes`` (``schema:Person``) or ``base`` (``<entity/person/x>``,
    which :func:`run_query` reads back), other IRIs in ``<>``, literals as plain text on one line,
    cells cut to :data:`MAX_CELL_WIDTH` columns, and a last line ``N rows``. ``CONSTRUCT``
    answers are written as sorted N-Triples in every format but ``json`` and ``xml``.

    Args:
        result: The answer from :func:`run_query`.
        fmt: The output format.
        prefixes: Name to IRI for ``table``; :data:`kg.vocab.PREFIXES` by default.
        base: IRIs under it are shown relative in ``table``; ``None`` shows them in full.

    Returns:
        The text.

    Raises:
        QueryError: ``json`` or ``xml`` asked for a ``CONSTRUCT`` answer, or a SPARQL results
            format for an answer that was not read by :func:`run_query` (one made by hand).
    """
    import pyoxigraph as ox

    if result.kind == "construct":
        if fmt in ("json", "xml"):
            raise QueryError(
                f"CONSTRUCT and DESCRIBE answers cannot be written as {fmt.upper()} (JSON-LD "
                "is not supported); use --format table, csv or tsv to get N-Triples"
            )
        data = ox.serialize(result.triples, format=ox.RdfFormat.N_TRIPLES) or b""
        return "".join(sorted(data.decode("utf-8").splitlines(keepends=True)))
    if fmt != "table":
        if result.data_format is None:
            raise QueryError(f"this answer was not read by run_query: no {fmt} to write")
        answer = ox.parse_query_results(result.data, result.data_format)
        text = answer.serialize(format=getattr(ox.QueryResultsFormat, fmt.upper())) or b""
        written = text.decode("utf-8")
        return written if written.endswith("\n") else written + ("\r\n" if fmt == "csv" else "\n")
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    if prefixes is None:
        from kg.vocab import PREFIXES

        prefixes = PREFIXES
    return _format_table(result, prefixes, base)


def _format_table(result: QueryResult, prefixes: Mapping[str, str], base: str | None) -> str:
    # Longest namespace first, so a namespace inside another wins.
    namespaces = sorted(prefixes.items(), key=lambda item: len(item[1]), reverse=True)
    count = len(result.rows)
    footer = f"{count} row" if count == 1 else f"{count} rows"
    if not result.variables:
        return footer + "\n"
    table = [list(result.variables)]
    table.extend([_table_cell(term, namespaces, base) for term in row] for row in result.rows)
    widths = [max(_width(row[column]) for row in table) for column in range(len(table[0]))]
    table.insert(1, ["-" * width for width in widths])
    lines = [
        "  ".join(
            cell + " " * (width - _width(cell)) for cell, width in zip(row, widths, strict=True)
        ).rstrip()
        for row in table
    ]
    lines.append(footer)
    return "".join(line + "\n" for line in lines)


def _table_cell(term: Term | None, namespaces: Sequence[tuple[str, str]], base: str | None) -> str:
    return _truncate(_single_line(_readable(term, namespaces, base)), MAX_CELL_WIDTH)


def _readable(term: Term | None, namespaces: Sequence[tuple[str, str]], base: str | None) -> str:
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode):
        return _abbreviate(term.value, namespaces, base)
    parts = (term.subject, term.predicate, term.object)
    return "<< " + " ".join(_readable(part, namespaces, base) for part in parts) + " >>"


def _abbreviate(iri: str, namespaces: Sequence[tuple[str, str]], base: str | None) -> str:
    for name, namespace in namespaces:
        local = iri.removeprefix(namespace)
        if local != iri and _LOCAL_NAME.fullmatch(local):
            return f"{name}:{local}"
    if base and iri.startswith(base) and len(iri) > len(base):
        return f"<{iri[len(base) :]}>"
    return f"<{iri}>"


def _single_line(text: str) -> str:
    text = _LINE_BREAK.sub("⏎", text)
    return "".join(" " if unicodedata.category(char) == "Cc" else char for char in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _width(text: str) -> int:
    """How many terminal columns ``text`` takes (wide East Asian characters take two)."""
    return sum(_char_width(char) for char in text)


def _truncate(text: str, limit: int) -> str:
    if _width(text) <= limit:
        return text
    kept, used = [], 0
    for char in text:
        used += _char_width(char)
        if used > limit - 1:
            break
        kept.append(char)
    return "".join(kept) + "…"
