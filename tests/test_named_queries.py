"""Tests of the named queries (kg/queries/*.rq, kg.query.named_queries, kg query --name/--list).

The graph is built by hand in the shape of decisions 0001 and 0004: two articles that are the same
story republished, their sentences and mentions, people, places, an organisation, a role concept,
positions, two events, participations and claims.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.query import QueryResult, named_queries, named_query, run_named_query, run_query

ID = "https://w3id.org/kg-news/id/"
ROLE = "https://w3id.org/kg-news/role/"
ARTICLE_A = f"{ID}article/a-0123456789"
ARTICLE_B = f"{ID}article/b-9876543210"
AKAR = f"{ID}entity/person/hulusi_akar"
SHOIGU = f"{ID}entity/person/sergei_shoigu"
MOSCOW = f"{ID}entity/place/city_524901"
TURKEY = f"{ID}entity/place/country_tr"
RUSSIA = f"{ID}entity/place/country_ru"
SYRIA = f"{ID}entity/place/country_sy"
SANA = f"{ID}entity/org/sana"
DEFENCE_MINISTER = f"{ROLE}defence-minister"
MEETING = f"{ID}event/00000000000000aa"
CALL = f"{ID}event/00000000000000bb"
CLAIM_A = f"{ID}fact/a-0123456789/claim/000000000001"
CLAIM_B = f"{ID}fact/b-9876543210/claim/000000000002"
CLAIM_C = f"{ID}fact/b-9876543210/claim/000000000003"
# A value that would end the string, the pattern and the query if it were pasted into SPARQL.
INJECTION = 'x" } ; DROP ALL #'

SENTENCE_A1 = (
    "Turkish Defence Minister Hulusi Akar met Russian Defence Minister Sergei Shoigu "
    "in Moscow on Wednesday."
)
SENTENCE_A2 = "According to SANA, the talks in Moscow focused on Syria."
TEXT_A = f"{SENTENCE_A1} {SENTENCE_A2}"
SENTENCE_B1 = "Hulusi Akar met Sergei Shoigu in Moscow on Wednesday."
SENTENCE_B2 = "Akar said the meeting was useful."
SENTENCE_B3 = "A senior official said talks would go on."
TEXT_B = f"{SENTENCE_B1} {SENTENCE_B2} {SENTENCE_B3}"
CLAIMED_A = "the talks in Moscow focused on Syria"
CLAIMED_B = "the meeting was useful"
CLAIMED_C = "talks would go on"
UNNAMED = "A senior official"


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    """The offsets of ``part`` in ``text`` at or after ``after``."""
    begin = text.index(part, after)
    return begin, begin + len(part)


def at(article: str, begin: int, end: int) -> str:
    return f"<{article}#char={begin},{end}>"


def sentence(article: str, text: str, part: str) -> str:
    begin, end = span(text, part)
    return (
        f"{at(article, begin, end)} a nif:Sentence, nif:String, nif:RFC5147String ;\n"
        f"    nif:referenceContext <{article}> ; nif:beginIndex {begin} ; nif:endIndex {end} ;\n"
        f"    nif:anchorOf {ox.Literal(part)} .\n"
    )


def mention(article: str, text: str, part: str, entity: str, in_sentence: str) -> str:
    sentence_begin, sentence_end = span(text, in_sentence)
    begin, end = span(text, part, sentence_begin)
    return (
        f"{at(article, begin, end)} a nif:Phrase, nif:String, nif:RFC5147String ;\n"
        f"    nif:referenceContext <{article}> ; nif:beginIndex {begin} ; nif:endIndex {end} ;\n"
        f"    nif:anchorOf {ox.Literal(part)} ;\n"
        f"    nif:sentence {at(article, sentence_begin, sentence_end)} ;\n"
        f'    itsrdf:taIdentRef <{entity}> ; kg:extractor "test@1" .\n'
    )


def ref(article: str, text: str, part: str) -> str:
    return at(article, *span(text, part))


AKAR_B2 = at(ARTICLE_B, *span(TEXT_B, "Akar", len(SENTENCE_B1)))
TRIG = f"""
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix kg: <https://w3id.org/kg-news/ontology#> .
@prefix role: <{ROLE}> .

<{ARTICLE_A}> {{
    <{ARTICLE_A}> a schema:NewsArticle, nif:Context ; nif:isString {ox.Literal(TEXT_A)} ;
        schema:headline "Akar meets Shoigu in Moscow" ; kg:sameStoryAs <{ARTICLE_B}> .
    {sentence(ARTICLE_A, TEXT_A, SENTENCE_A1)}
    {sentence(ARTICLE_A, TEXT_A, SENTENCE_A2)}
    {mention(ARTICLE_A, TEXT_A, "Hulusi Akar", AKAR, SENTENCE_A1)}
    {mention(ARTICLE_A, TEXT_A, "Sergei Shoigu", SHOIGU, SENTENCE_A1)}
    {mention(ARTICLE_A, TEXT_A, "Moscow", MOSCOW, SENTENCE_A1)}
    {mention(ARTICLE_A, TEXT_A, "SANA", SANA, SENTENCE_A2)}
    {mention(ARTICLE_A, TEXT_A, "Moscow", MOSCOW, SENTENCE_A2)}
    {mention(ARTICLE_A, TEXT_A, "Syria", SYRIA, SENTENCE_A2)}

    # Shoigu's position first, so that ORDER BY ?personLabel has something to do.
    <{ID}fact/a-0123456789/position/000000000002> a kg:Position, kg:Assertion ;
        kg:holder <{SHOIGU}> ; kg:role role:defence-minister ; kg:of <{RUSSIA}> ;
        kg:article <{ARTICLE_A}> ; prov:wasDerivedFrom {ref(ARTICLE_A, TEXT_A, SENTENCE_A1)} ;
        kg:rule "position:title-name@1" .
    <{ID}fact/a-0123456789/position/000000000001> a kg:Position, kg:Assertion ;
        kg:holder <{AKAR}> ; kg:role role:defence-minister ; kg:of <{TURKEY}> ;
        kg:article <{ARTICLE_A}> ; prov:wasDerivedFrom {ref(ARTICLE_A, TEXT_A, SENTENCE_A1)} ;
        kg:rule "position:title-name@1" .

    <{MEETING}> kg:reportedIn <{ARTICLE_A}> .
    <{CALL}> kg:reportedIn <{ARTICLE_A}> .
    <{ID}fact/a-0123456789/participation/000000000003> a kg:Participation, kg:Assertion ;
        kg:event <{MEETING}> ; kg:participant <{AKAR}> ; kg:article <{ARTICLE_A}> ;
        prov:wasDerivedFrom {ref(ARTICLE_A, TEXT_A, SENTENCE_A1)} ; kg:rule "event:meet@1" .

    <{CLAIM_A}> a kg:Claim, kg:Assertion ;
        kg:claimant <{SANA}> ; kg:claimantMention {ref(ARTICLE_A, TEXT_A, "SANA")} ;
        kg:cue "according to" ; kg:claimantKind "name" ; kg:direct false ;
        nif:beginIndex {span(TEXT_A, CLAIMED_A)[0]} ; nif:endIndex {span(TEXT_A, CLAIMED_A)[1]} ;
        nif:anchorOf {ox.Literal(CLAIMED_A)} ; nif:referenceContext <{ARTICLE_A}> ;
        kg:about <{MOSCOW}>, <{SYRIA}> ; kg:event <{MEETING}> ;
        kg:article <{ARTICLE_A}> ; prov:wasDerivedFrom {ref(ARTICLE_A, TEXT_A, SENTENCE_A2)} ;
        kg:rule "claim:according@1" .
}}

<{ARTICLE_B}> {{
    <{ARTICLE_B}> a schema:NewsArticle, nif:Context ; nif:isString {ox.Literal(TEXT_B)} ;
        schema:headline "Turkish and Russian defence chiefs meet" ; kg:sameStoryAs <{ARTICLE_A}> .
    {sentence(ARTICLE_B, TEXT_B, SENTENCE_B1)}
    {sentence(ARTICLE_B, TEXT_B, SENTENCE_B2)}
    {mention(ARTICLE_B, TEXT_B, "Hulusi Akar", AKAR, SENTENCE_B1)}
    {mention(ARTICLE_B, TEXT_B, "Sergei Shoigu", SHOIGU, SENTENCE_B1)}
    {mention(ARTICLE_B, TEXT_B, "Moscow", MOSCOW, SENTENCE_B1)}
    {mention(ARTICLE_B, TEXT_B, "Akar", AKAR, SENTENCE_B2)}

    <{MEETING}> kg:reportedIn <{ARTICLE_B}> .

    <{CLAIM_B}> a kg:Claim, kg:Assertion ;
        kg:claimant <{AKAR}> ; kg:claimantMention {AKAR_B2} ;
        kg:cue "said" ; kg:claimantKind "name" ; kg:direct false ;
        nif:beginIndex {span(TEXT_B, CLAIMED_B)[0]} ; nif:endIndex {span(TEXT_B, CLAIMED_B)[1]} ;
        nif:anchorOf {ox.Literal(CLAIMED_B)} ; nif:referenceContext <{ARTICLE_B}> ;
        kg:article <{ARTICLE_B}> ; prov:wasDerivedFrom {ref(ARTICLE_B, TEXT_B, SENTENCE_B2)} ;
        kg:rule "claim:said@1" .

    # A speaker the text never names: the words, no claimant.
    {ref(ARTICLE_B, TEXT_B, UNNAMED)} a nif:Phrase, nif:String ;
        nif:anchorOf {ox.Literal(UNNAMED)} .
    <{CLAIM_C}> a kg:Claim, kg:Assertion ;
        kg:claimantMention {ref(ARTICLE_B, TEXT_B, UNNAMED)} ;
        kg:cue "said" ; kg:claimantKind "unnamed" ; kg:direct false ;
        nif:beginIndex {span(TEXT_B, CLAIMED_C)[0]} ; nif:endIndex {span(TEXT_B, CLAIMED_C)[1]} ;
        nif:anchorOf {ox.Literal(CLAIMED_C)} ; nif:referenceContext <{ARTICLE_B}> ;
        kg:event <{MEETING}> ;
        kg:article <{ARTICLE_B}> ; prov:wasDerivedFrom {ref(ARTICLE_B, TEXT_B, SENTENCE_B3)} ;
        kg:rule "claim:said@1" .
}}

<{ID}graph/entities> {{
    <{AKAR}> a schema:Person ; rdfs:label "Hulusi Akar" ; skos:prefLabel "Hulusi Akar" ;
        skos:altLabel "Akar", "Hulusi Akar" ; kg:mentionCount 3 .
    <{SHOIGU}> a schema:Person ; rdfs:label "Sergei Shoigu" ; skos:prefLabel "Sergei Shoigu" ;
        skos:altLabel "Sergei Shoigu" ; kg:mentionCount 2 .
    <{MOSCOW}> a schema:City, schema:Place ; rdfs:label "Moscow" ; skos:altLabel "Moscow" ;
        kg:mentionCount 3 .
    <{SYRIA}> a schema:Country, schema:Place ; rdfs:label "Syria" ; kg:mentionCount 1 .
    <{TURKEY}> a schema:Country, schema:Place ; rdfs:label "Turkey" ; skos:altLabel "Türkiye" .
    <{RUSSIA}> a schema:Country, schema:Place ; rdfs:label "Russia" .
    <{SANA}> a schema:NewsMediaOrganization, schema:Organization ; rdfs:label "SANA" ;
        skos:altLabel "SANA", "Syrian Arab News Agency" ; kg:mentionCount 1 .
    role:defence-minister a skos:Concept ; skos:prefLabel "defence minister"@en .

    <{MEETING}> a schema:Event, kg:Meeting ; rdfs:label "meeting in Moscow, 2022-12-28" ;
        schema:location <{MOSCOW}> ; schema:startDate "2022-12-28"^^xsd:date ;
        kg:participant <{AKAR}>, <{SHOIGU}> .
    <{CALL}> a schema:Event, kg:Meeting ; rdfs:label "phone call, 2022-12-20" ;
        schema:startDate "2022-12-20"^^xsd:date ; kg:participant <{AKAR}> .
}}
"""

NAMES = {"accounts", "claims", "entities", "events", "positions", "sources", "twins"}
COLUMNS = {
    "positions": [
        "person",
        "personLabel",
        "role",
        "roleLabel",
        "of",
        "ofLabel",
        "article",
        "evidence",
    ],
    "events": [
        "event",
        "eventLabel",
        "date",
        "place",
        "placeLabel",
        "participant",
        "participantLabel",
        "article",
    ],
    "claims": [
        "claim",
        "claimant",
        "claimantLabel",
        "text",
        "about",
        "aboutLabel",
        "article",
        "speaker",
        "kind",
        "direct",
    ],
    "sources": [
        "entity",
        "matched",
        "entityLabel",
        "article",
        "sentence",
        "mention",
        "begin",
        "end",
    ],
    "accounts": [
        "event",
        "eventLabel",
        "claimant",
        "claimantLabel",
        "text",
        "article",
        "claim",
        "speaker",
        "direct",
    ],
    "entities": ["entity", "label", "type", "mentions", "variants"],
    "twins": ["article", "title", "twin", "twinTitle"],
}


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("named") / "graph.trig"
    path.write_text(TRIG, encoding="utf-8")
    return path


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=120
    )


def values(result: QueryResult) -> list[tuple[str | None, ...]]:
    """The rows' IRIs and lexical values (None where unbound)."""
    return [
        tuple(term.value if isinstance(term, ox.NamedNode | ox.Literal) else None for term in row)
        for row in result.rows
    ]


def rows(result: QueryResult) -> list[dict[str, str]]:
    """The rows as column name to value, leaving out unbound columns."""
    return [
        {name: value for name, value in zip(result.variables, row, strict=True) if value}
        for row in values(result)
    ]


# The catalogue


def test_every_query_is_shipped_with_its_description() -> None:
    queries = named_queries()
    assert set(queries) == NAMES
    assert list(queries) == sorted(queries)
    for name, query in queries.items():
        assert query.name == name
        assert query.description and "\n" not in query.description
        assert not query.description.startswith("#")
        assert not any(
            line.lstrip().upper().startswith("PREFIX") for line in query.text.splitlines()
        )


def test_sources_declares_its_parameter_and_the_others_none() -> None:
    queries = named_queries()
    assert [param.name for param in queries["sources"].params] == ["entity"]
    assert "IRI" in queries["sources"].params[0].description
    assert all(not query.params for name, query in queries.items() if name != "sources")


def test_unknown_name_lists_the_available_ones() -> None:
    with pytest.raises(QueryError) as caught:
        named_query("nope")
    message = str(caught.value)
    assert "'nope'" in message
    for name in NAMES:
        assert name in message


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_columns(graph: Path, name: str) -> None:
    params = {"entity": MOSCOW} if name == "sources" else None
    result = run_named_query(graph, name, params=params)
    assert result.kind == "select"
    assert list(result.variables) == COLUMNS[name]
    assert result.rows


# Each query's rows


def test_positions(graph: Path) -> None:
    result = run_named_query(graph, "positions")
    assert values(result) == [
        (
            AKAR,
            "Hulusi Akar",
            DEFENCE_MINISTER,
            "defence minister",
            TURKEY,
            "Turkey",
            ARTICLE_A,
            SENTENCE_A1,
        ),
        (
            SHOIGU,
            "Sergei Shoigu",
            DEFENCE_MINISTER,
            "defence minister",
            RUSSIA,
            "Russia",
            ARTICLE_A,
            SENTENCE_A1,
        ),
    ]
    role_label = result.rows[0][3]
    assert isinstance(role_label, ox.Literal) and role_label.language == "en"


def test_events_one_row_per_event_participant_and_article(graph: Path) -> None:
    result = run_named_query(graph, "events")
    meeting = "meeting in Moscow, 2022-12-28"
    assert values(result) == [
        (CALL, "phone call, 2022-12-20", "2022-12-20", None, None, AKAR, "Hulusi Akar", ARTICLE_A),
        (MEETING, meeting, "2022-12-28", MOSCOW, "Moscow", AKAR, "Hulusi Akar", ARTICLE_A),
        (MEETING, meeting, "2022-12-28", MOSCOW, "Moscow", AKAR, "Hulusi Akar", ARTICLE_B),
        (MEETING, meeting, "2022-12-28", MOSCOW, "Moscow", SHOIGU, "Sergei Shoigu", ARTICLE_A),
        (MEETING, meeting, "2022-12-28", MOSCOW, "Moscow", SHOIGU, "Sergei Shoigu", ARTICLE_B),
    ]
    date = result.rows[0][2]
    assert isinstance(date, ox.Literal)
    assert date.datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


def test_claims_one_row_per_claim_and_about(graph: Path) -> None:
    result = run_named_query(graph, "claims")
    assert values(result) == [
        (CLAIM_A, SANA, "SANA", CLAIMED_A, MOSCOW, "Moscow", ARTICLE_A, "SANA", "name", "false"),
        (CLAIM_A, SANA, "SANA", CLAIMED_A, SYRIA, "Syria", ARTICLE_A, "SANA", "name", "false"),
        (CLAIM_B, AKAR, "Hulusi Akar", CLAIMED_B, None, None, ARTICLE_B, "Akar", "name", "false"),
        # Never named: no claimant, the speaker's words as its label.
        (CLAIM_C, None, UNNAMED, CLAIMED_C, None, None, ARTICLE_B, UNNAMED, "unnamed", "false"),
    ]


def test_accounts_show_claims_of_named_and_unnamed_speakers(graph: Path) -> None:
    result = run_named_query(graph, "accounts")
    meeting = "meeting in Moscow, 2022-12-28"
    assert values(result) == [
        # ORDER BY ?claimantLabel: "A senior official" before "SANA".
        (MEETING, meeting, None, UNNAMED, CLAIMED_C, ARTICLE_B, CLAIM_C, UNNAMED, "false"),
        (MEETING, meeting, SANA, "SANA", CLAIMED_A, ARTICLE_A, CLAIM_A, "SANA", "false"),
    ]


def test_sources_by_iri(graph: Path) -> None:
    result = run_named_query(graph, "sources", params={"entity": MOSCOW})
    moscow_a1 = span(TEXT_A, "Moscow")
    moscow_a2 = span(TEXT_A, "Moscow", moscow_a1[1])
    moscow_b1 = span(TEXT_B, "Moscow")
    assert rows(result) == [
        {
            "entity": MOSCOW,
            "matched": MOSCOW,
            "entityLabel": "Moscow",
            "article": ARTICLE_A,
            "sentence": SENTENCE_A1,
            "mention": "Moscow",
            "begin": str(moscow_a1[0]),
            "end": str(moscow_a1[1]),
        },
        {
            "entity": MOSCOW,
            "matched": MOSCOW,
            "entityLabel": "Moscow",
            "article": ARTICLE_A,
            "sentence": SENTENCE_A2,
            "mention": "Moscow",
            "begin": str(moscow_a2[0]),
            "end": str(moscow_a2[1]),
        },
        {
            "entity": MOSCOW,
            "matched": MOSCOW,
            "entityLabel": "Moscow",
            "article": ARTICLE_B,
            "sentence": SENTENCE_B1,
            "mention": "Moscow",
            "begin": str(moscow_b1[0]),
            "end": str(moscow_b1[1]),
        },
    ]
    assert isinstance(result.rows[0][0], ox.NamedNode)


def test_sources_by_label_matches_the_iri(graph: Path) -> None:
    by_iri = run_named_query(graph, "sources", params={"entity": MOSCOW})
    by_label = run_named_query(graph, "sources", params={"entity": "Moscow"})
    assert [row[1:] for row in values(by_label)] == [row[1:] for row in values(by_iri)]
    assert {row[0] for row in values(by_label)} == {"Moscow"}


def test_sources_by_alt_label(graph: Path) -> None:
    result = run_named_query(graph, "sources", params={"entity": "Akar"})
    assert [(row["entityLabel"], row["article"], row["mention"]) for row in rows(result)] == [
        ("Hulusi Akar", ARTICLE_A, "Hulusi Akar"),
        ("Hulusi Akar", ARTICLE_B, "Hulusi Akar"),
        ("Hulusi Akar", ARTICLE_B, "Akar"),
    ]
    assert rows(result)[2]["sentence"] == SENTENCE_B2


def test_sources_label_must_match_exactly(graph: Path) -> None:
    assert run_named_query(graph, "sources", params={"entity": "moscow"}).rows == ()
    assert run_named_query(graph, "sources", params={"entity": "Mosc"}).rows == ()


def test_sources_hostile_label_is_bound_not_pasted(graph: Path) -> None:
    result = run_named_query(graph, "sources", params={"entity": INJECTION})
    assert result.kind == "select"
    assert result.rows == ()
    # The graph is a file loaded afresh; the store itself must still answer.
    assert run_query(graph, "ASK { ?s ?p ?o }").boolean is True


def test_entities(graph: Path) -> None:
    result = run_named_query(graph, "entities")
    by_entity = {row["entity"]: row for row in rows(result)}
    assert len(result.rows) == len(by_entity) == 5  # one row each: superclasses left out
    assert by_entity[MOSCOW]["type"] == "https://schema.org/City"
    assert by_entity[SANA]["type"] == "https://schema.org/NewsMediaOrganization"
    assert by_entity[AKAR]["mentions"] == "3"
    assert sorted(by_entity[AKAR]["variants"].split(" | ")) == ["Akar", "Hulusi Akar"]
    assert "variants" not in by_entity[SYRIA]
    assert [row["label"] for row in rows(result)][:2] == ["Hulusi Akar", "Moscow"]


def test_twins_one_row_per_pair(graph: Path) -> None:
    result = run_named_query(graph, "twins")
    assert values(result) == [
        (
            ARTICLE_A,
            "Akar meets Shoigu in Moscow",
            ARTICLE_B,
            "Turkish and Russian defence chiefs meet",
        )
    ]


# Parameters


def test_missing_parameter_is_named(graph: Path) -> None:
    with pytest.raises(QueryError, match=r"--param entity=VALUE"):
        run_named_query(graph, "sources")


def test_undeclared_parameter_is_refused(graph: Path) -> None:
    with pytest.raises(QueryError, match=r"has no parameter person; it takes none"):
        run_named_query(graph, "positions", params={"person": AKAR})
    with pytest.raises(QueryError, match=r"has no parameter id; it takes entity"):
        run_named_query(graph, "sources", params={"entity": "Moscow", "id": "x"})


def test_parameter_name_may_start_with_question_mark(graph: Path) -> None:
    result = run_named_query(graph, "sources", params={"?entity": "SANA"})
    assert [row["mention"] for row in rows(result)] == ["SANA"]


# The command


def test_cli_json_is_sparql_results_json(graph: Path) -> None:
    result = kg("query", "--name", "positions", str(graph), "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["head"]["vars"] == COLUMNS["positions"]
    bindings = document["results"]["bindings"]
    assert [binding["personLabel"]["value"] for binding in bindings] == [
        "Hulusi Akar",
        "Sergei Shoigu",
    ]
    assert bindings[0]["person"] == {"type": "uri", "value": AKAR}
    assert bindings[0]["roleLabel"] == {
        "type": "literal",
        "value": "defence minister",
        "xml:lang": "en",
    }


def test_cli_sources_with_param(graph: Path) -> None:
    result = kg(
        "query", "--name", "sources", str(graph), "--param", "entity=SANA", "--format", "csv"
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ",".join(COLUMNS["sources"])
    assert len(lines) == 2 and lines[1].startswith(f"SANA,{SANA},SANA,{ARTICLE_A},")


def test_cli_hostile_param_gives_no_rows_and_no_error(graph: Path) -> None:
    result = kg("query", "--name", "sources", str(graph), "--param", f"entity={INJECTION}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 rows"


def test_cli_list_names_every_query_without_a_graph() -> None:
    result = kg("query", "--list")
    assert result.returncode == 0, result.stderr
    listed = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert set(listed) == NAMES
    for name, query in named_queries().items():
        assert query.description in listed[name]
    assert "--param entity=" in listed["sources"]


def test_cli_unknown_name_exits_1_listing_the_names(graph: Path) -> None:
    result = kg("query", "--name", "nope", str(graph))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    for name in NAMES:
        assert name in result.stderr


def test_cli_missing_param_is_one_line_naming_it(graph: Path) -> None:
    result = kg("query", "--name", "sources", str(graph))
    assert result.returncode == 1
    assert result.stderr.startswith("kg: error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--param entity=" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--name", "positions"), "give a GRAPH"),
        ((), "kg query --endpoint URL QUERY"),
        (("--name", "positions", "{graph}", "SELECT * WHERE {}"), "without QUERY or -f"),
        (("--name", "positions", "{graph}", "-f", "q.rq"), "without QUERY or -f"),
        (("--list", "{graph}"), "--list takes no GRAPH"),
    ],
)
def test_cli_bad_combinations_fail_cleanly(
    graph: Path, args: tuple[str, ...], message: str
) -> None:
    result = kg("query", *(arg.replace("{graph}", str(graph)) for arg in args))
    assert result.returncode == 1, result.stdout
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_list_and_name_are_exclusive(graph: Path) -> None:
    result = kg("query", "--list", "--name", "positions", str(graph))
    assert result.returncode == 2
    assert "not allowed with argument" in result.stderr


def test_help_shows_the_named_query_examples() -> None:
    result = kg("query", "--help")
    assert result.returncode == 0
    assert "kg query --list" in result.stdout
    assert "kg query --name positions out/graph.ttl --format json" in result.stdout
    assert "kg query --name sources out/graph.ttl --param entity=Vienna" in result.stdout


def test_readme_lists_every_named_query() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("#### Named queries", 1)[1].split("\n### ", 1)[0]
    for name in NAMES:
        assert f"`{name}`" in section
    assert "kg query --list" in section


@pytest.mark.integration
def test_a_split_quotation_reads_without_its_attribution(tmp_path: Path) -> None:
    from kg.pipeline import build
    from kg.records import BuildOptions

    text = (
        "Harbour plan approved\n\n"
        'The council approved the harbour plan on Tuesday. "This is a safe choice for '
        'families," said Helen Mortimer, the councillor for transport. "It will be built '
        'by the spring."\n'
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    build([tmp_path / "a.txt"], tmp_path / "out", options=BuildOptions(html=False))
    result = run_named_query(tmp_path / "out" / "graph.trig", "claims")
    texts = [row[result.variables.index("text")] for row in result.rows]
    words = [t.value for t in texts if t is not None and "safe choice" in t.value]
    assert words == ["This is a safe choice for families … It will be built by the spring"]
