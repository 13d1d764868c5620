"""Run a query on any SPARQL 1.1 server (SPARQL Protocol), with kg's prefixes and parameters.

The query goes with the prefixes declared, the parameters become a ``VALUES`` block of escaped
N-Triples terms at the start of its ``WHERE`` clause (never query text), and the answer comes back
as the same :class:`kg.sparql.QueryResult` as a local query's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from kg.endpoint import Endpoint
from kg.errors import EndpointError, QueryError
from kg.iri import DEFAULT_BASE
from kg.sparql import (
    PREFIX_DECLARATION,
    SYNTAX_POSITION,
    QueryResult,
    bind_params,
    one_line,
    parse_result,
    syntax_error_message,
)

if TYPE_CHECKING:
    import pyoxigraph as ox

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
        position = SYNTAX_POSITION.match(err.detail)
        if err.status != 400 or position is None or params:
            raise
        # Oxigraph's syntax error, with the position in the query as given: the prologue is on
        # the first line, before it.
        line, column = int(position.group(1)), int(position.group(2))
        if line == 1:
            column = max(column - len(prologue), 0)
        detail = f"error at {line}:{column}: {err.detail[position.end() :]}"
        raise QueryError(syntax_error_message(query, detail)) from err
    try:
        results_format = ox.QueryResultsFormat.from_media_type(response.content_type)
        if results_format is not None:
            return parse_result(response.body, results_format)
        rdf_format = ox.RdfFormat.from_media_type(response.content_type)
        if rdf_format is not None:
            quads = ox.parse(response.body, format=rdf_format, base_iri=url)
            return QueryResult(kind="construct", triples=tuple(quad.triple for quad in quads))
    except (SyntaxError, ValueError) as err:
        raise EndpointError(
            f"POST {url}: the answer is not valid {response.content_type}: {one_line(str(err))}"
        ) from err
    raise EndpointError(
        f"POST {url}: the answer is {response.content_type or 'of no type'}, not SPARQL results "
        "or RDF; is this the query endpoint (Oxigraph: http://host:port/query)?"
    )


def _one_line_prologue(query: str, base_iri: str | None) -> str:
    """``BASE`` and the missing ``PREFIX`` declarations on one line, to go before the query."""
    from kg.vocab import PREFIXES

    declared = {match.group(1) for match in PREFIX_DECLARATION.finditer(query)}
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
