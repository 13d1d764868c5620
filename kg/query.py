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

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from kg.endpoint import Endpoint
from kg.errors import EndpointError, GraphError, QueryError
from kg.iri import DEFAULT_BASE

if TYPE_CHECKING:
    from typing import TypeAlias

    import pyoxigraph as ox

    #: A term in a query answer (a triple term only with RDF 1.2 queries).
    Term: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

QueryFormat = Literal["table", "csv", "json", "tsv"]

#: The values of :data:`QueryFormat`, for a CLI's choices.
QUERY_FORMATS: tuple[QueryFormat, ...] = get_args(QueryFormat)

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

#: Cells of a table are cut to this many columns.
MAX_CELL_WIDTH = 60

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_PREFIX_DECLARATION = re.compile(r"(?<![\w])(?i:PREFIX)\s+([^\s:]*):")
# Characters that may continue a SPARQL variable name (VARNAME) after its first character.
_VARNAME_CHAR = r"[\w\u00b7\u0300-\u036f\u203f\u2040]"
_SYNTAX_POSITION = re.compile(r"^error at (\d+):(\d+): ")
_CHARACTER_CLASS = re.compile(r"\[[^\[\]]*\]")
_EXPECTED_ITEM = re.compile(r'"(?:[^"\\]|\\.)*"|[^,]+')
_PREFIXED_NAME_END = re.compile(r"([^\W\d][\w.-]*)?:[^\s:]*$")
_NOT_PROJECTED = re.compile(r"variable \?(\S+) in its SELECT projection")
_IRI_STARTS = ("http://", "https://", "urn:")
_LOCAL_NAME = re.compile(r"(?:\w(?:[\w.-]*[\w-])?)?")
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x85\u2028\u2029]")
_QUERIES_PACKAGE = "kg.queries"
_PARAM_LINE = re.compile(r"#\s*param\s+(\S+?)\s*:\s*(.*)")
# The SPARQL tokens that can hide a brace or a WHERE: comments, strings, IRIs; then words (keywords,
# prefixed names, variables) and braces. Anything else is one character at a time.
_SPARQL_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<word>[?$]?[^\W\d][\w.-]*(?::[\w.-]*)?|:[\w.-]*)
    | (?P<brace>[{}])
    | .""",
    re.DOTALL | re.VERBOSE,
)
_ACCEPT_RESULTS = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "text/tab-separated-values;q=0.8, application/n-triples;q=0.9, text/turtle;q=0.8"
)


@dataclass(frozen=True)
class QueryResult:
    """The answer to one query, read to the end (a store may change or close after).

    Attributes:
        kind: ``select``, ``ask``, or ``construct`` (also for ``DESCRIBE``).
        variables: The selected variables in order, without ``?`` (``select`` only).
        rows: One tuple per solution, aligned with ``variables``; ``None`` where unbound.
        boolean: The answer of an ``ask`` query, else ``None``.
        triples: The triples of a ``construct`` or ``describe`` query.
    """

    kind: Literal["select", "ask", "construct"]
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()


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
        path: A graph file (see :data:`GRAPH_SUFFIXES`) or a directory made by
            ``pyoxigraph.Store(path)``.

    Returns:
        The store. Do not write to it: a directory is opened read-only.

    Raises:
        GraphError: The path is missing, has an unknown suffix, does not parse (the message gives
            pyoxigraph's line and column), or is a directory that is not a store.
    """
    import pyoxigraph as ox

    path = Path(path)
    if path.is_dir():
        # Every store directory has RocksDB's CURRENT file; checking first gives a clearer message.
        if not (path / "CURRENT").is_file():
            raise GraphError(
                f"{path}: a directory but not a pyoxigraph store; give a graph file "
                f"({', '.join(GRAPH_SUFFIXES)}) or a store directory"
            )
        try:
            return ox.Store.read_only(str(path))
        except OSError as err:
            raise GraphError(f"{path}: cannot open the store: {_one_line(str(err))}") from err
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
            f"{path}: not valid {rdf_format.name}: {_one_line(err.msg or str(err))}; "
            "fix the file or write it again with `kg build`"
        ) from err
    except (OSError, ValueError) as err:
        raise GraphError(f"{path}: cannot be read: {_one_line(str(err))}") from err
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
    declared = {match.group(1) for match in _PREFIX_DECLARATION.finditer(query)}
    lines = [f"PREFIX {name}: <{iri}>" for name, iri in prefixes.items() if name not in declared]
    return "\n".join([*lines, query])


def bind_params(
    query: str, params: Mapping[str, str]
) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
    """Turn ``name=value`` parameters into pyoxigraph substitutions for ``?name``.

    A value starting with ``http://``, ``https://`` or ``urn:`` becomes an IRI, any other value a
    plain string literal. Values never become query text.

    Args:
        query: The query the parameters are for (checked to use each variable).
        params: Variable name (a leading ``?`` or ``$`` is allowed) to value.

    Returns:
        The substitutions to pass to ``Store.query``.

    Raises:
        QueryError: A name is not a variable name or not in the query, or an IRI is invalid.
    """
    import pyoxigraph as ox

    substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal] = {}
    for given_name, value in params.items():
        name = given_name.removeprefix("?").removeprefix("$")
        try:
            variable = ox.Variable(name)
        except ValueError as err:
            raise QueryError(
                f"--param {given_name}=...: not a SPARQL variable name; "
                "use letters, digits and _ (for ?name write name=VALUE)"
            ) from err
        if not re.search(rf"[?$]{re.escape(name)}(?!{_VARNAME_CHAR})", query):
            raise QueryError(
                f"--param {name}=...: the query has no variable ?{name}; "
                "check the spelling or drop the parameter"
            )
        if value.startswith(_IRI_STARTS):
            try:
                substitutions[variable] = ox.NamedNode(value)
            except ValueError as err:
                raise QueryError(
                    f"--param {name}={value!r}: not a valid IRI ({err}); "
                    "percent-encode spaces and other characters not allowed in an IRI"
                ) from err
        else:
            substitutions[variable] = ox.Literal(value)
    return substitutions


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
            SPARQL endpoint (see :func:`run_endpoint_query`).
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
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult(kind="ask", boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            return QueryResult(kind="construct", triples=tuple(answer))
        variables = tuple(variable.value for variable in answer.variables)
        rows = tuple(tuple(solution) for solution in answer)
    except SyntaxError as err:
        raise QueryError(_syntax_error_message(query, err.msg or str(err))) from err
    except RuntimeError as err:
        raise QueryError(_runtime_error_message(str(err))) from err
    except OSError as err:
        raise QueryError(f"the query failed: {_one_line(str(err))}") from err
    return QueryResult(kind="select", variables=variables, rows=rows)


def run_endpoint_query(
    endpoint: Endpoint,
    query: str,
    *,
    params: Mapping[str, str] | None = None,
    union_default_graph: bool = True,
    base_iri: str | None = DEFAULT_BASE,
) -> QueryResult:
    """Run a query on a SPARQL 1.1 server (SPARQL Protocol, ``POST``) and read its answer.

    The query is sent with a ``BASE`` and the ``PREFIX`` declarations it lacks on its first line
    (so the server's line numbers match the query's). Parameters are checked as
    :func:`bind_params` does and sent as ``VALUES`` at the start of the ``WHERE`` clause, each
    value an escaped N-Triples term, so a value never becomes query text.

    Args:
        endpoint: The server (:attr:`Endpoint.query_url` is asked).
        query: The query; the prefixes of :data:`kg.vocab.PREFIXES` are predeclared.
        params: Values for variables, as for :func:`run_query`.
        union_default_graph: Ask for the union of the named graphs as the default graph, with
            Oxigraph's ``union-default-graph`` URL parameter (most other servers query every
            graph by default).
        base_iri: Relative IRIs in the query resolve against it.

    Returns:
        The answer, in pyoxigraph terms as :func:`run_query` gives them.

    Raises:
        QueryError: A parameter cannot be bound, or the query has no ``WHERE`` clause for it.
        EndpointError: The server cannot be reached, answers with an error (its message is
            given), or sends an answer that does not parse.
    """
    import pyoxigraph as ox

    from kg.endpoint import check_url, query_params, send

    url = endpoint.query_url
    check_url(url)
    text = query
    if params:
        text = _with_values(query, bind_params(query, params))
    prologue = _one_line_prologue(text, base_iri)
    if union_default_graph and "union-default-graph" not in dict(query_params(url)):
        url += ("&" if "?" in url else "?") + "union-default-graph"
    try:
        response = send(
            "POST",
            url,
            body=(prologue + text).encode("utf-8"),
            content_type="application/sparql-query; charset=utf-8",
            accept=_ACCEPT_RESULTS,
            timeout=endpoint.timeout,
        )
    except EndpointError as err:
        position = _SYNTAX_POSITION.match(err.detail)
        if err.status != 400 or position is None or params:
            raise
        # Oxigraph's syntax error, with the position in the query as given: the prologue is on
        # the first line, before it.
        line, column = int(position.group(1)), int(position.group(2))
        if line == 1:
            column = max(column - len(prologue), 0)
        detail = f"error at {line}:{column}: {err.detail[position.end() :]}"
        raise QueryError(_syntax_error_message(query, detail)) from err
    try:
        results_format = ox.QueryResultsFormat.from_media_type(response.content_type)
        if results_format is not None:
            answer = ox.parse_query_results(response.body, results_format)
            if isinstance(answer, ox.QueryBoolean):
                return QueryResult(kind="ask", boolean=bool(answer))
            variables = tuple(variable.value for variable in answer.variables)
            rows = tuple(tuple(solution) for solution in answer)
            return QueryResult(kind="select", variables=variables, rows=rows)
        rdf_format = ox.RdfFormat.from_media_type(response.content_type)
        if rdf_format is not None:
            quads = ox.parse(response.body, format=rdf_format, base_iri=url)
            return QueryResult(kind="construct", triples=tuple(quad.triple for quad in quads))
    except (SyntaxError, ValueError) as err:
        raise EndpointError(
            f"POST {url}: the answer is not valid {response.content_type}: {_one_line(str(err))}"
        ) from err
    raise EndpointError(
        f"POST {url}: the answer is {response.content_type or 'of no type'}, not SPARQL results "
        "or RDF; is this the query endpoint (Oxigraph: http://host:port/query)?"
    )


def _one_line_prologue(query: str, base_iri: str | None) -> str:
    """``BASE`` and the missing ``PREFIX`` declarations on one line, to go before the query."""
    from kg.vocab import PREFIXES

    declared = {match.group(1) for match in _PREFIX_DECLARATION.finditer(query)}
    parts = [f"BASE <{base_iri}>"] if base_iri else []
    parts.extend(
        f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items() if name not in declared
    )
    return " ".join(parts) + " " if parts else ""


def _with_values(query: str, bindings: Mapping[ox.Variable, ox.NamedNode | ox.Literal]) -> str:
    """The query with ``VALUES (?a ?b) { (term term) }`` just inside its ``WHERE {``.

    There a value is bound before the pattern is matched, as a substitution would be, so a
    ``FILTER`` of the query's top group sees it (a trailing ``VALUES`` would join after the
    ``FILTER``s and bind nothing). The opening brace is found by skipping comments, strings and
    IRIs: the first ``{`` after a ``WHERE`` outside any braces, or for ``SELECT * { ... }`` and
    ``ASK { ... }`` the first ``{`` outside any braces. ``CONSTRUCT WHERE { ... }`` allows only
    triples in its braces: its ``VALUES`` goes after the query (it has no ``FILTER`` to see it).
    """
    variables = " ".join(str(variable) for variable in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    block = f" VALUES ({variables}) {{ ({terms}) }} "
    depth = 0
    after_where = False
    first_brace: int | None = None
    previous_word = ""
    for match in _SPARQL_TOKEN.finditer(query):
        token = match.group()
        if match.lastgroup == "comment" or token.isspace():
            continue
        if token == "{":
            if depth == 0:
                if after_where:
                    return query[: match.end()] + block + query[match.end() :]
                if first_brace is None:
                    first_brace = match.end()
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 and match.lastgroup == "word" and token.upper() == "WHERE":
            if previous_word == "CONSTRUCT":
                return f"{query}\n{block}\n"
            after_where = True
        previous_word = token.upper()
    if first_brace is None:
        raise QueryError(
            "--param needs a query with a WHERE clause (a graph pattern in braces) to bind in"
        )
    return query[:first_brace] + block + query[first_brace:]


def format_result(
    result: QueryResult,
    fmt: QueryFormat = "table",
    *,
    prefixes: Mapping[str, str] | None = None,
    base: str | None = DEFAULT_BASE,
) -> str:
    """Write an answer as text ending with a newline (write it as is, without adding one).

    ``json``, ``csv`` and ``tsv`` follow the SPARQL 1.1 Query Results JSON and CSV/TSV formats
    (CSV lines end with CRLF, as that spec says). ``table`` is for people: IRIs shortened with
    ``prefixes`` (``schema:Person``) or ``base`` (``<entity/person/x>``, which
    :func:`run_query` reads back), other IRIs in ``<>``, literals as plain text on one line, cells
    cut to :data:`MAX_CELL_WIDTH` columns, and a last line ``N rows``. ``CONSTRUCT`` answers are
    written as sorted N-Triples in every format but ``json``.

    Args:
        result: The answer from :func:`run_query`.
        fmt: The output format.
        prefixes: Name to IRI for ``table``; :data:`kg.vocab.PREFIXES` by default.
        base: IRIs under it are shown relative in ``table``; ``None`` shows them in full.

    Returns:
        The text.

    Raises:
        QueryError: ``json`` asked for a ``CONSTRUCT`` answer.
    """
    if result.kind == "construct":
        if fmt == "json":
            raise QueryError(
                "CONSTRUCT and DESCRIBE answers cannot be written as JSON (JSON-LD is not "
                "supported); use --format table, csv or tsv to get N-Triples"
            )
        return "".join(sorted(f"{_ntriple(triple)} .\n" for triple in result.triples))
    if result.kind == "ask":
        answer = "true" if result.boolean else "false"
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
        return answer + ("\r\n" if fmt == "csv" else "\n")
    if fmt == "json":
        return _format_json(result)
    if fmt == "csv":
        return _format_csv(result)
    if fmt == "tsv":
        return _format_tsv(result)
    if prefixes is None:
        from kg.vocab import PREFIXES

        prefixes = PREFIXES
    return _format_table(result, prefixes, base)


def _format_json(result: QueryResult) -> str:
    bindings = [
        {
            name: _json_term(term)
            for name, term in zip(result.variables, row, strict=True)
            if term is not None
        }
        for row in result.rows
    ]
    document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False) + "\n"


def _json_term(term: Term) -> dict[str, Any]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        literal: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language is not None:
            literal["xml:lang"] = term.language
            if term.direction is not None:
                literal["its:dir"] = term.direction.value
        elif term.datatype.value != _XSD_STRING:
            literal["datatype"] = term.datatype.value
        return literal
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _format_csv(result: QueryResult) -> str:
    lines = [",".join(_csv_field(name) for name in result.variables)]
    lines.extend(",".join(_csv_field(_plain_value(term)) for term in row) for row in result.rows)
    return "".join(line + "\r\n" for line in lines)


def _csv_field(text: str) -> str:
    if any(char in text for char in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _plain_value(term: Term | None) -> str:
    """A term as the SPARQL CSV format writes it: no quotes, language or datatype."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return " ".join(_plain_value(part) for part in (term.subject, term.predicate, term.object))


def _format_tsv(result: QueryResult) -> str:
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    lines.extend(
        "\t".join("" if term is None else _nterm(term) for term in row) for row in result.rows
    )
    return "".join(line + "\n" for line in lines)


def _nterm(term: Term) -> str:
    """A term in N-Triples syntax (escaped, so never a raw tab or line break)."""
    import pyoxigraph as ox

    if isinstance(term, ox.Triple):
        return f"<<( {_ntriple(term)} )>>"
    return str(term)


def _ntriple(triple: ox.Triple) -> str:
    return f"{_nterm(triple.subject)} {_nterm(triple.predicate)} {_nterm(triple.object)}"


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


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _syntax_error_message(query: str, message: str) -> str:
    """pyoxigraph's syntax error on one line, its position in words, and the fix."""
    match = _SYNTAX_POSITION.match(message)
    if match is None:
        return f"SPARQL syntax error: {_shorten(_one_line(message))}; fix the query"
    line, column = int(match.group(1)), int(match.group(2))
    where = f"SPARQL syntax error at line {line}, column {column}"
    if "Prefix not found" in message:
        lines = query.splitlines()
        before = lines[line - 1][:column] if 0 < line <= len(lines) else ""
        name = _PREFIXED_NAME_END.search(before.rstrip())
        prefix = f"{name.group(1) or ''}:" if name else "name:"
        return (
            f"{where}: unknown prefix{f' {prefix}' if name else ''}; declare it with "
            f"PREFIX {prefix} <IRI> (kg predeclares the prefixes of kg.vocab.PREFIXES)"
        )
    return f"{where}: {_explain(_one_line(message[match.end() :]))}; fix the query there"


def _explain(detail: str) -> str:
    """Turn pyoxigraph's ``expected one of ...`` into the reason or the tokens expected.

    Its parser lists what could come next: quoted tokens, keywords, character classes (dropped:
    long Unicode ranges) and, for some errors, the reason in words, which goes first.
    """
    if not detail.startswith("expected "):
        return _shorten(detail)
    body = _CHARACTER_CLASS.sub("", detail.removeprefix("expected ").removeprefix("one of "))
    items = [item.strip() for item in _EXPECTED_ITEM.findall(body) if item.strip()]
    reasons = [item for item in items if " " in item and not item.startswith('"')]
    tokens = [item for item in items if item not in reasons]
    if reasons:
        return _shorten("; ".join(reasons))
    if tokens:
        return _shorten(f"expected {' or '.join(tokens) if len(tokens) < 3 else ', '.join(tokens)}")
    return "unexpected character"


def _runtime_error_message(message: str) -> str:
    match = _NOT_PROJECTED.search(message)
    if match is None:
        return f"the query failed: {_one_line(message)}"
    name = match.group(1)
    return (
        f"--param {name}=...: the query does not select ?{name}; add ?{name} to the SELECT "
        f"clause (with GROUP BY ?{name} if it aggregates) or use SELECT *"
    )


def _shorten(text: str, limit: int = 200) -> str:
    """Cut pyoxigraph's long lists of expected characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
