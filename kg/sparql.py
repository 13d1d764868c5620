"""SPARQL answers and SPARQL messages, shared by queries on a graph (:mod:`kg.query`) and on a
server (:mod:`kg.remote`).

pyoxigraph is imported only for type checking here, so importing this module stays instant.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, get_args

from kg.errors import QueryError

if TYPE_CHECKING:
    from typing import TypeAlias

    import pyoxigraph as ox

    #: A term in a query answer (a triple term only with RDF 1.2 queries).
    Term: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

#: How ``kg query`` writes an answer: kg's own table, or a SPARQL 1.1 results format.
QueryFormat = Literal["table", "csv", "json", "tsv", "xml"]

#: The values of :data:`QueryFormat`, for a CLI's choices.
QUERY_FORMATS: tuple[QueryFormat, ...] = get_args(QueryFormat)

SYNTAX_POSITION = re.compile(r"^error at (\d+):(\d+): ")
_CHARACTER_CLASS = re.compile(r"\[[^\[\]]*\]")
_EXPECTED_ITEM = re.compile(r'"(?:[^"\\]|\\.)*"|[^,]+')
_PREFIXED_NAME_END = re.compile(r"([^\W\d][\w.-]*)?:[^\s:]*$")
_NOT_PROJECTED = re.compile(r"variable \?(\S+) in its SELECT projection")
#: A ``PREFIX name:`` declaration in a query.
PREFIX_DECLARATION = re.compile(r"(?<![\w])(?i:PREFIX)\s+([^\s:]*):")
# Characters that may continue a SPARQL variable name (VARNAME) after its first character.
_VARNAME_CHAR = r"[\w\u00b7\u0300-\u036f\u203f\u2040]"
_IRI_STARTS = ("http://", "https://", "urn:")


@dataclass(frozen=True)
class QueryResult:
    """The answer to one query, read to the end (a store may change or close after).

    Attributes:
        kind: ``select``, ``ask``, or ``construct`` (also for ``DESCRIBE``).
        variables: The selected variables in order, without ``?`` (``select`` only).
        rows: One tuple per solution, aligned with ``variables``; ``None`` where unbound.
        boolean: The answer of an ``ask`` query, else ``None``.
        triples: The triples of a ``construct`` or ``describe`` query.
        data: The ``select`` or ``ask`` answer as pyoxigraph (or the server) serialised it, in
            ``data_format``: what :func:`kg.query.format_result` writes the SPARQL results
            formats from.
    """

    kind: Literal["select", "ask", "construct"]
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    data: bytes = field(default=b"", compare=False, repr=False)
    data_format: ox.QueryResultsFormat | None = field(default=None, compare=False, repr=False)


def solutions_result(
    answer: ox.QuerySolutions | ox.QueryBoolean, fmt: ox.QueryResultsFormat | None = None
) -> QueryResult:
    """Read a pyoxigraph answer to the end: serialised once (in ``fmt``, JSON by default), and
    its rows read back from those bytes, so that every format is written from one reading."""
    import pyoxigraph as ox

    fmt = fmt or ox.QueryResultsFormat.JSON
    try:
        data = answer.serialize(format=fmt) or b""
    finally:
        del answer  # not kept by a traceback: pyoxigraph ties it to this thread
    return parse_result(data, fmt)


def parse_result(data: bytes, fmt: ox.QueryResultsFormat) -> QueryResult:
    """A ``select`` or ``ask`` answer from its serialisation (a server's answer, say).

    Raises:
        SyntaxError: The data is not valid ``fmt``.
    """
    import pyoxigraph as ox

    parsed = ox.parse_query_results(data, fmt)
    if isinstance(parsed, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(parsed), data=data, data_format=fmt)
    variables = tuple(variable.value for variable in parsed.variables)
    rows = tuple(tuple(solution) for solution in parsed)
    return QueryResult("select", variables, rows, data=data, data_format=fmt)


def one_line(message: str) -> str:
    return " ".join(message.split())


def syntax_error_message(query: str, message: str) -> str:
    """pyoxigraph's syntax error on one line, its position in words, and the fix."""
    match = SYNTAX_POSITION.match(message)
    if match is None:
        return f"SPARQL syntax error: {shorten(one_line(message))}; fix the query"
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
    return f"{where}: {_explain(one_line(message[match.end() :]))}; fix the query there"


def _explain(detail: str) -> str:
    """Turn pyoxigraph's ``expected one of ...`` into the reason or the tokens expected.

    Its parser lists what could come next: quoted tokens, keywords, character classes (dropped:
    long Unicode ranges) and, for some errors, the reason in words, which goes first.
    """
    if not detail.startswith("expected "):
        return shorten(detail)
    body = _CHARACTER_CLASS.sub("", detail.removeprefix("expected ").removeprefix("one of "))
    items = [item.strip() for item in _EXPECTED_ITEM.findall(body) if item.strip()]
    reasons = [item for item in items if " " in item and not item.startswith('"')]
    tokens = [item for item in items if item not in reasons]
    if reasons:
        return shorten("; ".join(reasons))
    if tokens:
        return shorten(f"expected {' or '.join(tokens) if len(tokens) < 3 else ', '.join(tokens)}")
    return "unexpected character"


def runtime_error_message(message: str) -> str:
    match = _NOT_PROJECTED.search(message)
    if match is None:
        return f"the query failed: {one_line(message)}"
    name = match.group(1)
    return (
        f"--param {name}=...: the query does not select ?{name}; add ?{name} to the SELECT "
        f"clause (with GROUP BY ?{name} if it aggregates) or use SELECT *"
    )


def shorten(text: str, limit: int = 200) -> str:
    """Cut pyoxigraph's long lists of expected characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
