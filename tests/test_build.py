"""End to end: build the bundled sample articles and check the graph against the gold."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.quality import SEEDS, score_seeds
from kg.pipeline import analyse, build
from kg.query import run_query
from kg.validate import validate_graph

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    report = build([SEEDS], out)
    assert report.ok
    return out


def test_outputs_written(out: Path) -> None:
    names = sorted(p.name for p in out.iterdir())
    assert names == ["graph.html", "graph.trig", "graph.ttl", "report.json"]
    report = json.loads((out / "report.json").read_text())
    assert report["articles_read"] == 5
    assert report["skipped"] == []
    assert report["entities_by_type"]["Person"] >= 13


@pytest.mark.parametrize(
    ("name", "fmt"), [("graph.ttl", ox.RdfFormat.TURTLE), ("graph.trig", ox.RdfFormat.TRIG)]
)
def test_outputs_parse_strictly_and_agree(out: Path, name: str, fmt: ox.RdfFormat) -> None:
    quads = list(ox.parse(path=str(out / name), format=fmt))
    triples = {(q.subject, q.predicate, q.object) for q in quads}
    ttl = {
        (t.subject, t.predicate, t.object)
        for t in ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    }
    assert triples == ttl
    if name == "graph.trig":
        graphs = {q.graph_name for q in quads}
        assert len(graphs) == 5 + 2  # one per article, entities, run


def test_trig_puts_each_article_in_its_own_graph(out: Path) -> None:
    result = run_query(
        out / "graph.trig",
        "SELECT ?g (COUNT(?m) AS ?n) WHERE { GRAPH ?g { ?m nif:referenceContext ?g } } GROUP BY ?g",
    )
    assert len(result.rows) == 5


def test_graph_conforms_to_shapes(out: Path) -> None:
    for name in ("graph.ttl", "graph.trig"):
        report = validate_graph(out / name)
        assert report.conforms, report.violations[:3]


def test_every_anchor_is_its_slice(out: Path) -> None:
    result = run_query(
        out / "graph.ttl",
        """SELECT ?text ?b ?e ?anchor WHERE {
             ?m nif:referenceContext ?a ; nif:beginIndex ?b ; nif:endIndex ?e ;
                nif:anchorOf ?anchor .
             ?a nif:isString ?text }""",
    )
    assert len(result.rows) > 200
    for text, b, e, anchor in result.rows:
        assert text is not None and b is not None and e is not None and anchor is not None
        assert text.value[int(b.value) : int(e.value)] == anchor.value


def test_every_mention_has_entity_and_sentence(out: Path) -> None:
    result = run_query(
        out / "graph.ttl",
        """SELECT (COUNT(?m) AS ?bad) WHERE { ?m a nif:Phrase .
             FILTER NOT EXISTS {
               ?m itsrdf:taIdentRef ?e ; nif:sentence ?s . ?e rdfs:label ?l } }""",
    )
    assert result.rows[0][0] is not None and result.rows[0][0].value == "0"


def test_provenance_of_the_run(out: Path) -> None:
    result = run_query(
        out / "graph.ttl",
        """SELECT ?run ?model ?n WHERE { ?run a prov:Activity ; kg:model ?model ; kg:inputCount ?n .
             ?a a schema:NewsArticle ; prov:wasGeneratedBy ?run .
             <https://w3id.org/kg-news/id/graph/entities> prov:wasGeneratedBy ?run }
             LIMIT 1""",
    )
    assert result.rows and result.rows[0][2] is not None and result.rows[0][2].value == "5"


def test_merges_are_recorded(out: Path) -> None:
    result = run_query(
        out / "graph.ttl",
        """SELECT ?variant ?rule WHERE { ?e rdfs:label "Ali Mahmoud Abbas" ; kg:merge ?m .
             ?m kg:variant ?variant ; kg:rule ?rule }""",
    )
    assert [(v.value, r.value) for v, r in result.rows] == [("Ali Mahmud Abbas", "transliteration")]


def test_countries_and_cities_link_to_geonames(out: Path) -> None:
    result = run_query(
        out / "graph.ttl",
        "SELECT ?l ?same WHERE { ?e a schema:City ; rdfs:label ?l ; owl:sameAs ?same }",
    )
    links = {label.value: same.value for label, same in result.rows}
    assert links["Latakia"] == "https://sws.geonames.org/173576/"
    assert links["Moscow"] == "https://sws.geonames.org/524901/"


def test_ministry_belongs_to_its_country(out: Path) -> None:
    result = run_query(
        out / "graph.ttl",
        """SELECT ?country WHERE { ?m skos:altLabel "Ministry of Defense of Turkey" ;
             a schema:GovernmentOrganization ; kg:country ?c . ?c rdfs:label ?country }""",
    )
    assert [r[0].value for r in result.rows if r[0] is not None] == ["Turkey"]


def test_same_input_same_iris(out: Path, tmp_path: Path) -> None:
    build([SEEDS], tmp_path)

    def subjects(path: Path) -> set[str]:
        return {str(t.subject) for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)}

    assert subjects(out / "graph.ttl") == subjects(tmp_path / "graph.ttl")


def test_against_gold() -> None:
    scores = score_seeds(analyse([SEEDS]))
    assert scores["found_as_one_node"] >= 37, scores
    assert scores["right_type"] >= 35, scores
    assert scores["split"] == []
    assert scores["clutter_names"] == []
    assert scores["bad_offsets"] == 0


def test_facts_against_gold(out: Path) -> None:
    from benchmarks.quality import score_facts

    scores = score_facts(out / "graph.ttl")
    assert scores["positions_found"] >= 12, scores
    assert scores["positions_without_evidence"] == 0
    assert scores["events"] == {"moscow_meeting_2022_12_28": 1, "moscow_meeting_2023_04_25": 1}
    assert scores["distinct_events"], scores
    assert len(scores["claims_found"]) >= 3, scores
    assert scores["claims_without_text"] == 0
    assert scores["twins"] == scores["twins_gold"]


def test_every_fact_has_statement_provenance(out: Path) -> None:
    result = run_query(
        out / "graph.ttl",
        """SELECT (COUNT(?f) AS ?n) (SUM(IF(BOUND(?sentence) && BOUND(?rule), 0, 1)) AS ?bad)
           WHERE { ?f a kg:Assertion .
             OPTIONAL { ?f prov:wasDerivedFrom ?sentence . ?sentence a nif:Sentence ;
                           nif:referenceContext ?a . ?f kg:article ?a ; kg:rule ?rule } }""",
    )
    n, bad = result.rows[0]
    assert n is not None and int(n.value) > 50
    assert bad is not None and bad.value == "0"


def test_trig_keeps_each_fact_in_its_article_graph(out: Path) -> None:
    result = run_query(
        out / "graph.trig",
        """SELECT (COUNT(?f) AS ?n) WHERE { GRAPH ?g { ?f a kg:Assertion ; kg:article ?a }
             FILTER(?g != ?a) }""",
    )
    assert result.rows[0][0] is not None and result.rows[0][0].value == "0"
