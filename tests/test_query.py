"""Tests of the query stage (kg/query.py): opening graphs, running SPARQL, formatting answers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import GraphError, QueryError
from kg.query import (
    QUERY_FORMATS,
    QueryResult,
    bind_params,
    format_result,
    open_graph,
    run_query,
    with_prefixes,
)
from kg.vocab import PREFIXES

ID = "https://w3id.org/kg-news/id/"
AKAR = f"{ID}entity/person/hulusi_akar"
CAVUSOGLU = f"{ID}entity/person/cavusoglu"
EVIL = f"{ID}entity/person/evil"
# A value that would end the string, the pattern and the query if it were pasted into SPARQL.
INJECTION = 'x" } ; DROP ALL #'

TURTLE = rf"""
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix kg: <https://w3id.org/kg-news/ontology#> .

<{AKAR}> a schema:Person ;
    rdfs:label "Hulusi Akar" ;
    skos:altLabel "Akar"@tr ;
    kg:mentionCount 7 .

<{CAVUSOGLU}> a schema:Person ;
    rdfs:label "Çavuşoğlu, \"Mevlüt\"\nsecond line" .
"""

TRIG = f"""
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .

<{ID}article/a1-0123456789> {{
    <{ID}article/a1-0123456789> a schema:NewsArticle ; schema:headline "Akar visits Ankara" .
    <{ID}article/a1-0123456789#char=0,4> nif:referenceContext <{ID}article/a1-0123456789> ;
        itsrdf:taIdentRef <{AKAR}> .
}}

<{ID}graph/entities> {{
    <{AKAR}> a schema:Person ; rdfs:label "Hulusi Akar" .
}}
"""

PEOPLE = (
    "SELECT ?person ?label WHERE { ?person a schema:Person ; rdfs:label ?label } ORDER BY ?label"
)


@pytest.fixture
def ttl(tmp_path: Path) -> Path:
    path = tmp_path / "graph.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    return path


@pytest.fixture
def trig(tmp_path: Path) -> Path:
    path = tmp_path / "graph.trig"
    path.write_text(TRIG, encoding="utf-8")
    return path


@pytest.fixture
def evil_ttl(tmp_path: Path) -> Path:
    """The Turtle graph plus a person whose label is the injection string."""
    path = tmp_path / "evil.ttl"
    label = str(ox.Literal(INJECTION))
    path.write_text(
        TURTLE + f"<{EVIL}> a <https://schema.org/Person> ; {_rdfs('label')} {label} .\n"
    )
    return path


def _rdfs(name: str) -> str:
    return f"<{PREFIXES['rdfs']}{name}>"


def _values(result: QueryResult) -> list[list[str | None]]:
    """The rows' lexical values and IRIs (None where unbound)."""
    return [
        [term.value if isinstance(term, ox.NamedNode | ox.Literal) else None for term in row]
        for row in result.rows
    ]


# Prefixes


def test_prefixes_are_predeclared(ttl: Path) -> None:
    result = run_query(ttl, "SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name }")
    assert result.kind == "select"
    assert result.variables == ("name",)
    assert sorted(str(row[0]) for row in _values(result)) == [
        "Hulusi Akar",
        'Çavuşoğlu, "Mevlüt"\nsecond line',
    ]


def test_query_keeps_its_own_prefix(ttl: Path) -> None:
    query = "PREFIX schema: <http://schema.org/> SELECT ?p WHERE { ?p a schema:Person }"
    assert run_query(ttl, query).rows == ()


def test_with_prefixes_adds_only_undeclared_prefixes() -> None:
    query = "prefix schema: <http://schema.org/>\nSELECT ?p WHERE { ?p a schema2:Thing }"
    text = with_prefixes(query)
    assert text.endswith(query)
    assert "<https://schema.org/>" not in text
    for name, iri in PREFIXES.items():
        if name != "schema":
            assert f"PREFIX {name}: <{iri}>\n" in text
    assert with_prefixes("SELECT * {}", {}) == "SELECT * {}"


def test_with_prefixes_runs_without_predeclared_prefixes_and_keeps_base() -> None:
    store = ox.Store()
    store.add(
        ox.Quad(
            ox.NamedNode("http://example.org/a"),
            ox.NamedNode(PREFIXES["rdf"] + "type"),
            ox.NamedNode("https://schema.org/Person"),
        )
    )
    query = with_prefixes("BASE <http://example.org/>\nSELECT ?p WHERE { ?p a schema:Person }")
    answer = store.query(query)
    assert isinstance(answer, ox.QuerySolutions)
    assert [solution["p"] for solution in answer] == [ox.NamedNode("http://example.org/a")]


# Graphs


def test_select_over_trig_sees_every_named_graph(trig: Path) -> None:
    query = """
        SELECT ?headline ?name WHERE {
            ?mention nif:referenceContext ?article ; itsrdf:taIdentRef ?entity .
            ?article schema:headline ?headline .
            ?entity rdfs:label ?name .
        }"""
    assert _values(run_query(trig, query)) == [["Akar visits Ankara", "Hulusi Akar"]]
    assert run_query(trig, query, union_default_graph=False).rows == ()
    graphs = run_query(trig, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert _values(graphs) == [[f"{ID}article/a1-0123456789"], [f"{ID}graph/entities"]]


@pytest.mark.parametrize("suffix", [".nt", ".nq", ".rdf"])
def test_other_graph_formats_load(tmp_path: Path, trig: Path, suffix: str) -> None:
    path = tmp_path / f"graph{suffix}"
    fmt = ox.RdfFormat.from_extension(suffix[1:])
    assert fmt is not None
    quads = list(ox.parse(path=trig))
    ox.serialize(quads if fmt.supports_datasets else [quad.triple for quad in quads], path, fmt)
    result = run_query(path, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert _values(result) == [["6"]]


def test_store_directory_is_opened_read_only(tmp_path: Path) -> None:
    directory = tmp_path / "store"
    store = ox.Store(str(directory))
    store.load(TRIG, ox.RdfFormat.TRIG)
    store.flush()
    del store
    opened = open_graph(directory)
    assert _values(run_query(opened, "SELECT ?n WHERE { ?p a schema:Person ; rdfs:label ?n }")) == [
        ["Hulusi Akar"]
    ]
    assert run_query(str(directory), "ASK { ?a schema:headline ?h }").boolean is True
    with pytest.raises(RuntimeError, match="read-write"):
        opened.add(ox.Quad(ox.NamedNode(AKAR), ox.NamedNode(_rdfs("label")[1:-1]), ox.Literal("x")))


def test_missing_file_raises_graph_error(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match=r"nothere\.ttl"):
        open_graph(tmp_path / "nothere.ttl")


def test_malformed_turtle_raises_graph_error_with_position(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text('<http://a/> <http://b/> "c" .\n<http://a/> <http://b/> "unterminated .\n')
    with pytest.raises(GraphError, match=r"bad\.ttl: not valid Turtle: .*line 2") as info:
        run_query(path, "ASK {}")
    assert "\n" not in str(info.value)
    assert isinstance(info.value.__cause__, SyntaxError)


def test_unknown_suffix_and_plain_directory_raise_graph_error(tmp_path: Path) -> None:
    path = tmp_path / "graph.csv"
    path.write_text("a,b\n")
    with pytest.raises(GraphError, match=r"graph\.csv: unknown graph format '\.csv'"):
        open_graph(path)
    with pytest.raises(GraphError, match="a directory but neither a pyoxigraph store"):
        open_graph(tmp_path)


def test_build_output_folder_reads_as_its_dataset(tmp_path: Path, trig: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.trig").write_bytes(trig.read_bytes())
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _values(run_query(out, query)) == _values(run_query(trig, query))
    assert int(_values(run_query(out, query))[0][0] or 0) > 0


# Kinds of query


def test_ask(ttl: Path) -> None:
    assert run_query(ttl, "ASK { ?p skos:altLabel 'Akar'@tr }") == QueryResult("ask", boolean=True)
    assert run_query(ttl, "ASK { ?p skos:altLabel 'Akar' }").boolean is False


def test_construct_is_written_as_ntriples(ttl: Path) -> None:
    query = "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a schema:Person ; rdfs:label ?l }"
    result = run_query(ttl, query)
    assert result.kind == "construct"
    text = format_result(result)
    assert text == format_result(result, "csv") == format_result(result, "tsv")
    assert text == (
        f'<{CAVUSOGLU}> <{PREFIXES["rdfs"]}label> "Çavuşoğlu, \\"Mevlüt\\"\\nsecond line" .\n'
        f'<{AKAR}> <{PREFIXES["rdfs"]}label> "Hulusi Akar" .\n'
    )
    assert {quad.triple for quad in ox.parse(text, ox.RdfFormat.N_TRIPLES)} == set(result.triples)
    with pytest.raises(QueryError, match="JSON-LD is not supported"):
        format_result(result, "json")


def test_syntax_error_is_one_line_with_position(ttl: Path) -> None:
    with pytest.raises(QueryError, match="SPARQL syntax error at line 2, column") as info:
        run_query(ttl, "SELECT ?p\nWHERE { ?p ?q }")
    assert "\n" not in str(info.value)
    assert isinstance(info.value.__cause__, SyntaxError)


def test_unknown_prefix_is_named(ttl: Path) -> None:
    with pytest.raises(
        QueryError, match="unknown prefix foo:; declare it with PREFIX foo:"
    ) as info:
        run_query(ttl, "SELECT ?p WHERE { ?p foo:bar ?o }")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT ?s WHERE { ?s ?p ?o", 'column 27: expected ",", ".", ";", "{"'),
        (
            "SELECT ?s WHERE { ?s ?p ?o } GROUP BY ?x",
            "The SELECT contains a variable that is unbound",
        ),
    ],
)
def test_syntax_error_drops_character_classes(ttl: Path, query: str, message: str) -> None:
    with pytest.raises(QueryError) as info:
        run_query(ttl, query)
    assert message in str(info.value)
    assert "\\u{" not in str(info.value)
    assert "[" not in str(info.value)


def test_relative_iris_resolve_against_the_default_base(ttl: Path) -> None:
    result = run_query(ttl, "SELECT ?l WHERE { <entity/person/hulusi_akar> rdfs:label ?l }")
    assert _values(result) == [["Hulusi Akar"]]


# Parameters


def test_injection_value_is_bound_as_a_literal(evil_ttl: Path) -> None:
    store = open_graph(evil_ttl)
    size = len(store)
    query = "SELECT ?person ?label WHERE { ?person rdfs:label ?label }"
    result = run_query(store, query, params={"label": INJECTION})
    assert _values(result) == [[EVIL, INJECTION]]
    assert run_query(store, query, params={"label": INJECTION + " "}).rows == ()
    assert len(store) == size


def test_injection_value_matches_nothing_when_absent(ttl: Path) -> None:
    query = "SELECT ?person ?label WHERE { ?person rdfs:label ?label }"
    assert run_query(ttl, query, params={"label": INJECTION}).rows == ()


def test_iri_param_is_bound_as_an_iri(ttl: Path) -> None:
    query = "SELECT ?person ?label WHERE { ?person rdfs:label ?label }"
    assert _values(run_query(ttl, query, params={"?person": AKAR})) == [[AKAR, "Hulusi Akar"]]
    assert run_query(ttl, "ASK { ?p rdfs:label ?l }", params={"p": AKAR}).boolean is True


def test_bind_params_terms() -> None:
    query = "SELECT ?a ?b ?c WHERE { ?a ?b ?c }"
    assert bind_params(query, {"a": "urn:x:1", "b": "https://e.org/p", "$c": "http"}) == {
        ox.Variable("a"): ox.NamedNode("urn:x:1"),
        ox.Variable("b"): ox.NamedNode("https://e.org/p"),
        ox.Variable("c"): ox.Literal("http"),
    }


@pytest.mark.parametrize(
    ("query", "params", "message"),
    [
        ("SELECT ?l WHERE { ?p rdfs:label ?l }", {"p": AKAR}, "does not select ?p; add ?p"),
        ("SELECT ?l WHERE { ?p rdfs:label ?l }", {"person": AKAR}, "has no variable ?person"),
        ("SELECT ?l WHERE { ?l_2 rdfs:label ?l }", {"l_": "x"}, "has no variable ?l_"),
        ("SELECT * WHERE { ?p rdfs:label ?l }", {"bad name": "x"}, "not a SPARQL variable name"),
        ("SELECT * WHERE { ?p rdfs:label ?l }", {"p": "https://a b"}, "not a valid IRI"),
    ],
)
def test_bad_params_raise_query_error(
    ttl: Path, query: str, params: dict[str, str], message: str
) -> None:
    with pytest.raises(QueryError) as info:
        run_query(ttl, query, params=params)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


# Formats


def test_csv_follows_the_sparql_csv_format(ttl: Path) -> None:
    text = format_result(run_query(ttl, PEOPLE), "csv")
    assert text == (
        "person,label\r\n"
        f"{AKAR},Hulusi Akar\r\n"
        f'{CAVUSOGLU},"Çavuşoğlu, ""Mevlüt""\nsecond line"\r\n'
    )
    assert text == _pyoxigraph_serialization(ttl, PEOPLE, ox.QueryResultsFormat.CSV)


def test_tsv_follows_the_sparql_tsv_format(ttl: Path) -> None:
    text = format_result(run_query(ttl, PEOPLE), "tsv")
    assert text == (
        "?person\t?label\n"
        f'<{AKAR}>\t"Hulusi Akar"\n'
        f'<{CAVUSOGLU}>\t"Çavuşoğlu, \\"Mevlüt\\"\\nsecond line"\n'
    )
    assert text == _pyoxigraph_serialization(ttl, PEOPLE, ox.QueryResultsFormat.TSV)


def test_json_follows_the_sparql_json_format(ttl: Path) -> None:
    query = """
        SELECT ?label ?alt ?count WHERE {
            ?p rdfs:label ?label
            OPTIONAL { ?p skos:altLabel ?alt }
            OPTIONAL { ?p kg:mentionCount ?count }
        } ORDER BY ?label"""
    text = format_result(run_query(ttl, query), "json")
    assert json.loads(text) == {
        "head": {"vars": ["label", "alt", "count"]},
        "results": {
            "bindings": [
                {
                    "label": {"type": "literal", "value": "Hulusi Akar"},
                    "alt": {"type": "literal", "value": "Akar", "xml:lang": "tr"},
                    "count": {
                        "type": "literal",
                        "value": "7",
                        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                    },
                },
                {"label": {"type": "literal", "value": 'Çavuşoğlu, "Mevlüt"\nsecond line'}},
            ]
        },
    }
    assert json.loads(text) == json.loads(
        _pyoxigraph_serialization(ttl, query, ox.QueryResultsFormat.JSON)
    )


def test_json_uri_bnode_and_ask(ttl: Path) -> None:
    result = run_query(ttl, "SELECT ?p ?b WHERE { ?p kg:mentionCount ?n BIND(BNODE('x') AS ?b) }")
    bindings = json.loads(format_result(result, "json"))["results"]["bindings"]
    assert bindings[0]["p"] == {"type": "uri", "value": AKAR}
    assert bindings[0]["b"]["type"] == "bnode"
    ask = run_query(ttl, "ASK { ?p a schema:Person }")
    assert json.loads(format_result(ask, "json")) == {"head": {}, "boolean": True}
    assert format_result(ask) == "true\n"


def test_table_is_aligned_and_abbreviated(ttl: Path) -> None:
    assert format_result(run_query(ttl, PEOPLE)) == (
        "person                       label\n"
        "---------------------------  -------------------------------\n"
        "<entity/person/hulusi_akar>  Hulusi Akar\n"
        '<entity/person/cavusoglu>    Çavuşoğlu, "Mevlüt"⏎second line\n'
        "2 rows\n"
    )
    types = format_result(run_query(ttl, "SELECT DISTINCT ?type WHERE { ?p a ?type }"))
    assert types == "type\n-------------\nschema:Person\n1 row\n"
    full = format_result(run_query(ttl, PEOPLE), base=None)
    assert f"<{AKAR}>" in full


def test_table_cuts_long_cells_and_keeps_one_line_per_row() -> None:
    long = "x" * 100
    wide = "界" * 40
    result = QueryResult(
        "select",
        variables=("a", "b"),
        rows=((ox.Literal(long), ox.Literal(wide)), (None, ox.Literal("tab\there\r\nnext"))),
    )
    lines = format_result(result).splitlines()
    assert lines[2] == "x" * 59 + "…" + "  " + "界" * 29 + "…"
    assert lines[3] == " " * 60 + "  " + "tab here⏎next"
    assert lines[-1] == "2 rows"


def test_table_without_variables(ttl: Path) -> None:
    assert format_result(run_query(ttl, "SELECT * WHERE {}")) == "1 row\n"


def test_query_formats() -> None:
    assert QUERY_FORMATS == ("table", "csv", "json", "tsv", "xml")


def test_importing_the_module_stays_light() -> None:
    code = "import sys, kg.query; print('pyoxigraph' in sys.modules, 'rdflib' in sys.modules)"
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert output.stdout.split() == ["False", "False"]


def _pyoxigraph_serialization(path: Path, query: str, fmt: ox.QueryResultsFormat) -> str:
    """pyoxigraph's own writer for the same answer, as an independent reference."""
    answer = open_graph(path).query(query, prefixes=PREFIXES)
    assert isinstance(answer, ox.QuerySolutions)
    data = answer.serialize(format=fmt)
    assert data is not None
    return data.decode("utf-8")


def test_every_results_format_is_pyoxigraphs_and_reads_back_to_the_same_rows(ttl: Path) -> None:
    result = run_query(ttl, PEOPLE)
    for fmt in ("json", "xml", "csv", "tsv"):
        text = format_result(result, fmt)  # type: ignore[arg-type]
        assert text.endswith("\n")
        oxformat = getattr(ox.QueryResultsFormat, fmt.upper())
        assert text.rstrip("\r\n") == _pyoxigraph_serialization(ttl, PEOPLE, oxformat).rstrip(
            "\r\n"
        )
        if fmt != "csv":  # CSV drops datatypes and languages, by the spec
            back = ox.parse_query_results(text.encode(), oxformat)
            assert isinstance(back, ox.QuerySolutions)
            assert [tuple(row) for row in back] == list(result.rows)


def test_a_hand_made_answer_has_only_the_table() -> None:
    result = QueryResult("select", variables=("a",), rows=((ox.Literal("x"),),))
    assert format_result(result) == "a\n-\nx\n1 row\n"
    with pytest.raises(QueryError, match="not read by run_query"):
        format_result(result, "json")


def test_a_failed_query_keeps_no_pyoxigraph_answer_alive(ttl: Path) -> None:
    # The answer is an iterator pyoxigraph ties to its thread: one kept by the error's traceback
    # could be collected on another thread, an unraisable error there (see test_load). This
    # query fails while its answer is read (pyoxigraph refuses port 1 for HTTP).
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryError, match="the query failed") as caught:
        run_query(ttl, query)
    held = []
    seen: BaseException | None = caught.value
    while seen is not None:
        tb = seen.__traceback__
        while tb is not None:
            held.extend(
                name
                for name, value in tb.tb_frame.f_locals.items()
                if isinstance(value, ox.QuerySolutions)
            )
            tb = tb.tb_next
        seen = seen.__cause__ or seen.__context__
    assert held == []
