"""Tests of the validate stage: kg's SHACL shapes against small hand-built graphs."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SDO, SH, SKOS, XSD
from rdflib.term import Node

from kg.errors import GraphError, ValidationError
from kg.validate import (
    ValidationReport,
    Violation,
    load_ontology,
    ontology_path,
    validate_graph,
)
from kg.vocab import KG, NIF

SHAPES = "https://w3id.org/kg-news/shapes#"
ID = "https://w3id.org/kg-news/id/"
ARTICLE = URIRef(ID + "article/akar-0123456789")
SENTENCE = URIRef(ID + "article/akar-0123456789#char=0,18")
MENTION = URIRef(ID + "article/akar-0123456789#char=0,11")
ENTITY = URIRef(ID + "entity/person/hulusi_akar")
MERGE = URIRef(ID + "merge/person/hulusi_akar/3f2a9c0d11e4")
RUN = URIRef(ID + "run/0123456789abcdef")
ROAD = URIRef(ID + "entity/road/d100")
ARTICLE2 = URIRef(ID + "article/akar-moscow-9876543210")
SENTENCE2 = URIRef(ID + "article/akar-moscow-9876543210#char=0,80")
FACT = ID + "fact/akar-moscow-9876543210/"
POSITION = URIRef(FACT + "position/0a1b2c3d4e5f")
PARTICIPATION = URIRef(FACT + "participation/1b2c3d4e5f60")
CLAIM = URIRef(FACT + "claim/2c3d4e5f6071")
EVENT = URIRef(ID + "event/0123456789abcdef")
TURKEY = URIRef(ID + "entity/place/country_tr")
ROLE = "https://w3id.org/kg-news/role/"
TA_IDENT_REF = URIRef("http://www.w3.org/2005/11/its/rdf#taIdentRef")
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
SENTENCE_ARTICLE = f"<{PROV_DERIVED}>/<{NIF.referenceContext}>"  # a path of two steps

# One article, one sentence, one mention, one Person entity with a Merge, one run: the triples of
# docs/decisions/0001-graph-shape.md, with IRIs minted as that record says.
VALID = """
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl:    <http://www.w3.org/2002/07/owl#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix nif:    <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix kg:     <https://w3id.org/kg-news/ontology#> .

<https://w3id.org/kg-news/id/article/akar-0123456789>
    a schema:NewsArticle, nif:Context ;
    nif:isString "Hulusi Akar spoke. Akar left." ;
    kg:source "https://example.org/news/akar" ;
    kg:contentHash "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b" ;
    schema:url <https://example.org/news/akar> ;
    schema:headline "Akar speaks" ;
    schema:datePublished "2024-05-01"^^xsd:date ;
    prov:wasGeneratedBy <https://w3id.org/kg-news/id/run/0123456789abcdef> .

<https://w3id.org/kg-news/id/article/akar-0123456789#char=0,18>
    a nif:Sentence, nif:String, nif:RFC5147String ;
    nif:referenceContext <https://w3id.org/kg-news/id/article/akar-0123456789> ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ;
    nif:endIndex "18"^^xsd:nonNegativeInteger ;
    nif:anchorOf "Hulusi Akar spoke." .

<https://w3id.org/kg-news/id/article/akar-0123456789#char=0,11>
    a nif:Phrase, nif:String, nif:RFC5147String ;
    nif:referenceContext <https://w3id.org/kg-news/id/article/akar-0123456789> ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ;
    nif:endIndex "11"^^xsd:nonNegativeInteger ;
    nif:anchorOf "Hulusi Akar" ;
    nif:sentence <https://w3id.org/kg-news/id/article/akar-0123456789#char=0,18> ;
    itsrdf:taIdentRef <https://w3id.org/kg-news/id/entity/person/hulusi_akar> ;
    itsrdf:taClassRef schema:Person ;
    kg:extractor "spacy:en_core_web_sm@3.8.0" .

<https://w3id.org/kg-news/id/entity/person/hulusi_akar>
    a schema:Person ;
    rdfs:label "Hulusi Akar" ;
    skos:prefLabel "Hulusi Akar" ;
    skos:altLabel "Akar", "Hulusi Akar" ;
    kg:mentionCount 2 ;
    kg:merge <https://w3id.org/kg-news/id/merge/person/hulusi_akar/3f2a9c0d11e4> ;
    prov:wasGeneratedBy <https://w3id.org/kg-news/id/run/0123456789abcdef> .

<https://w3id.org/kg-news/id/merge/person/hulusi_akar/3f2a9c0d11e4>
    a kg:Merge ;
    kg:variant "Akar" ;
    kg:rule "surname" .

<https://w3id.org/kg-news/id/run/0123456789abcdef>
    a prov:Activity, kg:Run ;
    prov:startedAtTime "2026-11-23T10:00:00Z"^^xsd:dateTime ;
    prov:endedAtTime "2026-11-23T10:00:05Z"^^xsd:dateTime ;
    kg:software "kg-news 0.1.0" ;
    kg:model "en_core_web_sm 3.8.0" ;
    kg:inputCount 2 ;
    kg:skippedCount 0 .
"""

# A second article, republished from the first (kg:sameStoryAs), with the facts of
# docs/decisions/0004-facts-and-statements.md: a position, a meeting and a participation in it,
# and a claim, each a statement node tied to its sentence, its article and its rule.
FACTS = """
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl:    <http://www.w3.org/2002/07/owl#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix nif:    <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix kg:     <https://w3id.org/kg-news/ontology#> .
@prefix role:   <https://w3id.org/kg-news/role/> .
@base            <https://w3id.org/kg-news/id/> .

<article/akar-0123456789> kg:sameStoryAs <article/akar-moscow-9876543210> .

<article/akar-moscow-9876543210>
    a schema:NewsArticle, nif:Context ;
    nif:isString
        "Defence Minister Hulusi Akar met Turkish officials in Moscow, according to SANA." ;
    kg:source "https://example.org/news/akar-moscow" ;
    kg:contentHash "2bd030891b26f04d1c7539e0c8a0f4f8107cc8d369e2d55d023cf60c495d5d70" ;
    kg:sameStoryAs <article/akar-0123456789> ;
    prov:wasGeneratedBy <run/0123456789abcdef> .

<article/akar-moscow-9876543210#char=0,80>
    a nif:Sentence, nif:String, nif:RFC5147String ;
    nif:referenceContext <article/akar-moscow-9876543210> ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ;
    nif:endIndex "80"^^xsd:nonNegativeInteger ;
    nif:anchorOf
        "Defence Minister Hulusi Akar met Turkish officials in Moscow, according to SANA." .

<article/akar-moscow-9876543210#char=17,28>
    a nif:Phrase, nif:String, nif:RFC5147String ;
    nif:referenceContext <article/akar-moscow-9876543210> ;
    nif:beginIndex "17"^^xsd:nonNegativeInteger ;
    nif:endIndex "28"^^xsd:nonNegativeInteger ;
    nif:anchorOf "Hulusi Akar" ;
    nif:sentence <article/akar-moscow-9876543210#char=0,80> ;
    itsrdf:taIdentRef <entity/person/hulusi_akar> ;
    itsrdf:taClassRef schema:Person ;
    kg:extractor "spacy:en_core_web_sm@3.8.0" .

<article/akar-moscow-9876543210#char=54,60>
    a nif:Phrase, nif:String, nif:RFC5147String ;
    nif:referenceContext <article/akar-moscow-9876543210> ;
    nif:beginIndex "54"^^xsd:nonNegativeInteger ;
    nif:endIndex "60"^^xsd:nonNegativeInteger ;
    nif:anchorOf "Moscow" ;
    nif:sentence <article/akar-moscow-9876543210#char=0,80> ;
    itsrdf:taIdentRef <entity/place/city_524901> ;
    itsrdf:taClassRef schema:City ;
    kg:extractor "spacy:en_core_web_sm@3.8.0" .

<article/akar-moscow-9876543210#char=75,79>
    a nif:Phrase, nif:String, nif:RFC5147String ;
    nif:referenceContext <article/akar-moscow-9876543210> ;
    nif:beginIndex "75"^^xsd:nonNegativeInteger ;
    nif:endIndex "79"^^xsd:nonNegativeInteger ;
    nif:anchorOf "SANA" ;
    nif:sentence <article/akar-moscow-9876543210#char=0,80> ;
    itsrdf:taIdentRef <entity/org/sana> ;
    itsrdf:taClassRef schema:Organization ;
    kg:extractor "spacy:en_core_web_sm@3.8.0" .

<fact/akar-moscow-9876543210/position/0a1b2c3d4e5f>
    a kg:Position, kg:Assertion ;
    kg:holder <entity/person/hulusi_akar> ;
    kg:role role:defence-minister ;
    kg:of <entity/place/country_tr> ;
    kg:article <article/akar-moscow-9876543210> ;
    prov:wasDerivedFrom <article/akar-moscow-9876543210#char=0,80> ;
    kg:rule "position:title-name@1" .

<event/0123456789abcdef>
    a schema:Event, kg:Meeting ;
    rdfs:label "meeting in Moscow, 2022-12-28" ;
    schema:location <entity/place/city_524901> ;
    schema:startDate "2022-12-28"^^xsd:date ;
    kg:reportedIn <article/akar-moscow-9876543210> ;
    kg:participant <entity/person/hulusi_akar>, <entity/place/country_tr> ;
    kg:partyCount 2 .

<fact/akar-moscow-9876543210/participation/1b2c3d4e5f60>
    a kg:Participation, kg:Assertion ;
    kg:event <event/0123456789abcdef> ;
    kg:participant <entity/person/hulusi_akar> ;
    kg:article <article/akar-moscow-9876543210> ;
    prov:wasDerivedFrom <article/akar-moscow-9876543210#char=0,80> ;
    kg:rule "event:met@1" .

<fact/akar-moscow-9876543210/claim/2c3d4e5f6071>
    a kg:Claim, kg:Assertion ;
    kg:claimant <entity/org/sana> ;
    kg:claimantMention <article/akar-moscow-9876543210#char=75,79> ;
    kg:claimantKind "name" ;
    kg:direct false ;
    kg:cue "according to" ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ;
    nif:endIndex "60"^^xsd:nonNegativeInteger ;
    nif:anchorOf "Defence Minister Hulusi Akar met Turkish officials in Moscow" ;
    nif:referenceContext <article/akar-moscow-9876543210> ;
    kg:about <entity/person/hulusi_akar>, <entity/place/city_524901> ;
    kg:event <event/0123456789abcdef> ;
    kg:article <article/akar-moscow-9876543210> ;
    prov:wasDerivedFrom <article/akar-moscow-9876543210#char=0,80> ;
    kg:rule "claim:according-to@1" .

<entity/place/country_tr>
    a schema:Country, schema:Place ;
    rdfs:label "Turkey" ;
    skos:prefLabel "Turkey" ;
    skos:altLabel "Turkey" ;
    kg:mentionCount 0 ;
    owl:sameAs <https://sws.geonames.org/298795/> ;
    prov:wasGeneratedBy <run/0123456789abcdef> .

<entity/place/city_524901>
    a schema:City, schema:Place ;
    rdfs:label "Moscow" ;
    skos:prefLabel "Moscow" ;
    skos:altLabel "Moscow" ;
    kg:mentionCount 1 ;
    owl:sameAs <https://sws.geonames.org/524901/> ;
    prov:wasGeneratedBy <run/0123456789abcdef> .

<entity/org/sana>
    a schema:NewsMediaOrganization, schema:Organization ;
    rdfs:label "SANA" ;
    skos:prefLabel "SANA" ;
    skos:altLabel "SANA" ;
    kg:mentionCount 1 ;
    prov:wasGeneratedBy <run/0123456789abcdef> .
"""


def valid_graph() -> Graph:
    graph = Graph().parse(data=VALID, format="turtle")
    return graph.parse(data=FACTS, format="turtle")


def failures(report: ValidationReport) -> set[tuple[str, str | None, str]]:
    """(focus node, path, shape local name) of each violation."""
    return {(v.focus_node, v.path, v.shape.removeprefix(SHAPES)) for v in report.violations}


def test_valid_graph_conforms() -> None:
    report = validate_graph(valid_graph())
    assert report.violations == ()
    assert report.conforms is True


def anchor_failures(report: ValidationReport) -> set[tuple[str, str | None]]:
    """(article, sentence or mention) of each anchor that is not the slice of the text."""
    return {
        (v.focus_node, v.value) for v in report.violations if v.shape == SHAPES + "AnchorsShape"
    }


def test_anchor_that_is_not_the_slice_of_the_text_is_a_violation() -> None:
    graph = valid_graph()
    graph.set((MENTION, NIF.anchorOf, Literal("Hulusi Aka")))
    report = validate_graph(graph)
    assert not report.conforms
    assert failures(report) == {(str(ARTICLE), None, "AnchorsShape")}
    (violation,) = report.violations
    assert violation.value == str(MENTION)
    assert str(MENTION) in violation.message
    assert '"Hulusi Aka"' in violation.message
    assert '"Hulusi Akar"' in violation.message  # the slice the offsets select
    assert violation.severity == "Violation"


def test_sentence_anchor_is_checked_too() -> None:
    graph = valid_graph()
    graph.set((SENTENCE, NIF.anchorOf, Literal("Hulusi Akar spoke")))
    report = validate_graph(graph)
    assert anchor_failures(report) == {(str(ARTICLE), str(SENTENCE))}
    assert len(report.violations) == 1


def test_offsets_past_the_end_of_the_text_are_a_violation() -> None:
    graph = valid_graph()
    graph.set((MENTION, NIF.endIndex, Literal(400, datatype=XSD.nonNegativeInteger)))
    report = validate_graph(graph)
    assert anchor_failures(report) == {(str(ARTICLE), str(MENTION))}


def test_offsets_count_code_points_like_python() -> None:
    # "😀" is one code point but two UTF-16 code units: offsets from Python slicing must match.
    text = "😀 Hulusi Akar spoke."
    start = text.index("Hulusi")
    end = start + len("Hulusi Akar")
    assert text[start:end] == "Hulusi Akar"
    graph = valid_graph()
    graph.set((ARTICLE, NIF.isString, Literal(text)))
    graph.set((SENTENCE, NIF.endIndex, Literal(len(text), datatype=XSD.nonNegativeInteger)))
    graph.set((SENTENCE, NIF.anchorOf, Literal(text)))
    graph.set((MENTION, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
    graph.set((MENTION, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
    assert validate_graph(graph).violations == ()

    # UTF-16 offsets (as JavaScript would count) are one further on and must fail.
    graph.set((MENTION, NIF.beginIndex, Literal(start + 1, datatype=XSD.nonNegativeInteger)))
    graph.set((MENTION, NIF.endIndex, Literal(end + 1, datatype=XSD.nonNegativeInteger)))
    report = validate_graph(graph)
    assert anchor_failures(report) == {(str(ARTICLE), str(MENTION))}


def test_entity_without_label_is_a_violation() -> None:
    graph = valid_graph()
    graph.remove((ENTITY, RDFS.label, None))
    report = validate_graph(graph)
    assert not report.conforms
    assert failures(report) == {
        (str(ENTITY), str(RDFS.label), "Entity-label"),
        # the mentions and facts now point at something without a label
        (str(MENTION), str(TA_IDENT_REF), "Mention-taIdentRef"),
        (str(ARTICLE2) + "#char=17,28", str(TA_IDENT_REF), "Mention-taIdentRef"),
        (str(PARTICIPATION), str(KG.participant), "Participation-participant"),
        (str(EVENT), str(KG.participant), "Event-participant"),
        (str(CLAIM), str(KG.about), "Claim-about"),
    }
    entity_violation = next(v for v in report.violations if v.focus_node == str(ENTITY))
    assert "rdfs:label" in entity_violation.message


def test_mention_without_begin_index_is_a_violation() -> None:
    graph = valid_graph()
    graph.remove((MENTION, NIF.beginIndex, None))
    report = validate_graph(graph)
    assert not report.conforms
    assert failures(report) == {(str(MENTION), str(NIF.beginIndex), "Mention-beginIndex")}
    assert "nif:beginIndex" in report.violations[0].message


def test_begin_index_after_end_index_is_a_violation() -> None:
    graph = valid_graph()
    graph.set((SENTENCE, NIF.beginIndex, Literal(20, datatype=XSD.nonNegativeInteger)))
    report = validate_graph(graph)
    assert failures(report) == {
        (str(SENTENCE), str(NIF.beginIndex), "Sentence-beginIndex"),
        (str(ARTICLE), None, "AnchorsShape"),
    }


def test_merge_without_rule_is_a_violation() -> None:
    graph = valid_graph()
    graph.remove((MERGE, KG.rule, None))
    report = validate_graph(graph)
    assert not report.conforms
    assert failures(report) == {(str(MERGE), str(KG.rule), "Merge-rule")}
    assert "kg:rule" in report.violations[0].message


def test_merge_target_without_type_or_properties_is_a_violation() -> None:
    graph = valid_graph()
    missing = URIRef(ID + "merge/person/hulusi_akar/000000000000")
    graph.add((ENTITY, KG.merge, missing))
    report = validate_graph(graph)
    assert failures(report) == {
        (str(ENTITY), str(KG.merge), "Entity-merge"),
        (str(missing), str(KG.variant), "Merge-variant"),
        (str(missing), str(KG.rule), "Merge-rule"),
    }


def test_merge_without_its_type_is_a_violation() -> None:
    # No RDFS inference: kg:rule's domain does not make the node a kg:Merge.
    graph = valid_graph()
    graph.remove((MERGE, RDF.type, KG.Merge))
    report = validate_graph(graph)
    assert failures(report) == {(str(ENTITY), str(KG.merge), "Entity-merge")}


def test_wrong_datatypes_are_violations() -> None:
    graph = valid_graph()
    graph.set((ARTICLE, SDO.datePublished, Literal("1 May 2024")))
    graph.set((ENTITY, KG.mentionCount, Literal(-1)))
    report = validate_graph(graph)
    assert failures(report) == {
        (str(ARTICLE), str(SDO.datePublished), "Article-datePublished"),
        (str(ENTITY), str(KG.mentionCount), "Entity-mentionCount"),
    }


def test_date_time_published_conforms() -> None:
    graph = valid_graph()
    graph.set((ARTICLE, SDO.datePublished, Literal("2024-05-01T08:00:00Z", datatype=XSD.dateTime)))
    assert validate_graph(graph).conforms


def test_country_must_be_a_country_entity() -> None:
    graph = valid_graph()
    graph.add((ENTITY, KG.country, ROAD))
    report = validate_graph(graph)
    assert failures(report) == {(str(ENTITY), str(KG.country), "Entity-country")}


def road_graph() -> Graph:
    """The valid graph with the first article's mention resolved to a road typed only kg:Road."""
    graph = valid_graph()
    for p, o in list(graph.predicate_objects(ENTITY)):
        graph.add((ROAD, p, o))
    graph.set((ROAD, RDF.type, KG.Road))
    graph.set((ROAD, RDFS.label, Literal("D100")))
    graph.set((ROAD, SKOS.prefLabel, Literal("D100")))
    graph.set((MENTION, TA_IDENT_REF, ROAD))
    graph.set((MENTION, URIRef("http://www.w3.org/2005/11/its/rdf#taClassRef"), KG.Road))
    return graph


def test_road_typed_only_road_conforms_through_the_ontology() -> None:
    graph = road_graph()
    assert set(graph.objects(ROAD, RDF.type)) == {KG.Road}
    report = validate_graph(graph)
    assert report.violations == ()
    assert report.conforms

    # Without kg's ontology nothing says a kg:Road is a schema:Place, and the shapes require it.
    from pyshacl import validate

    shapes = Graph().parse(ontology_path("shapes.ttl"), format="turtle")
    conforms, results, _ = validate(graph, shacl_graph=shapes, inference="rdfs")
    assert not conforms
    assert URIRef(SHAPES + "PlaceTypesShape") in set(results.objects(None, SH.sourceShape))


def test_road_entity_is_checked_as_an_entity() -> None:
    graph = road_graph()
    graph.remove((ROAD, SKOS.prefLabel, None))
    report = validate_graph(graph)
    assert failures(report) == {(str(ROAD), str(SKOS.prefLabel), "Entity-prefLabel")}


def test_city_without_place_type_is_a_violation() -> None:
    graph = road_graph()
    graph.set((ROAD, RDF.type, SDO.City))
    report = validate_graph(graph)
    assert failures(report) == {(str(ROAD), None, "PlaceTypesShape")}


def test_run_without_end_time_is_a_violation() -> None:
    graph = valid_graph()
    graph.remove((RUN, URIRef("http://www.w3.org/ns/prov#endedAtTime"), None))
    report = validate_graph(graph)
    assert failures(report) == {
        (str(RUN), "http://www.w3.org/ns/prov#endedAtTime", "Run-endedAtTime")
    }


def test_the_graph_passed_is_not_modified() -> None:
    graph = valid_graph()
    graph.remove((MERGE, KG.rule, None))
    before = set(graph)
    validate_graph(graph)
    assert set(graph) == before


def split_graphs(graph: Graph) -> dict[URIRef, list[tuple[Node, Node, Node]]]:
    """The triples of ``graph`` in the named graphs of the decision records (events go with the
    entities)."""
    entities, run = URIRef(ID + "graph/entities"), URIRef(ID + "graph/run")
    parts: dict[URIRef, list[tuple[Node, Node, Node]]] = {
        ARTICLE: [],
        ARTICLE2: [],
        entities: [],
        run: [],
    }
    for s, p, o in graph:
        if str(s).startswith((ID + "entity/", ID + "merge/", ID + "event/")):
            parts[entities].append((s, p, o))
        elif s == RUN:
            parts[run].append((s, p, o))
        elif str(s).startswith((str(ARTICLE2), FACT)):
            parts[ARTICLE2].append((s, p, o))
        else:
            parts[ARTICLE].append((s, p, o))
    return parts


def write_quads(graph: Graph, path: Path) -> None:
    """Write ``graph`` split into named graphs as TriG or N-Quads (by suffix), term by term.

    (rdflib's own Dataset serialisers raise deprecation warnings from inside rdflib.)
    """
    lines = []
    for name, triples in split_graphs(graph).items():
        if path.suffix == ".trig":
            lines.append(f"{name.n3()} {{")
            lines += [f"  {s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples]
            lines.append("}")
        else:
            lines += [f"{s.n3()} {p.n3()} {o.n3()} {name.n3()} ." for s, p, o in triples]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_dataset_is_flattened() -> None:
    dataset = Dataset()
    for name, triples in split_graphs(valid_graph()).items():
        for triple in triples:
            dataset.add((*triple, name))
    assert validate_graph(dataset).violations == ()

    dataset.remove((MERGE, KG.rule, None, URIRef(ID + "graph/entities")))
    report = validate_graph(dataset)
    assert failures(report) == {(str(MERGE), str(KG.rule), "Merge-rule")}


@pytest.mark.parametrize("suffix", [".trig", ".nq"])
def test_quad_files_are_flattened(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"graph{suffix}"
    write_quads(valid_graph(), path)
    assert validate_graph(path).violations == ()

    broken = valid_graph()
    broken.remove((MERGE, KG.rule, None))
    write_quads(broken, path)
    report = validate_graph(str(path))
    assert failures(report) == {(str(MERGE), str(KG.rule), "Merge-rule")}


@pytest.mark.parametrize(("suffix", "fmt"), [(".ttl", "turtle"), (".nt", "nt")])
def test_triple_files_are_read(tmp_path: Path, suffix: str, fmt: str) -> None:
    path = tmp_path / f"graph{suffix}"
    valid_graph().serialize(path, format=fmt, encoding="utf-8")
    assert validate_graph(path).conforms


def test_unknown_suffix_is_a_graph_error(tmp_path: Path) -> None:
    path = tmp_path / "graph.rdf"
    path.write_text("<a> <b> <c> .\n", encoding="utf-8")
    with pytest.raises(GraphError, match=r"graph\.rdf.*\.ttl"):
        validate_graph(path)


def test_missing_file_is_a_graph_error(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match=r"missing\.ttl: no such file"):
        validate_graph(tmp_path / "missing.ttl")


def test_unparsable_file_is_a_graph_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("<https://example.org/a> <https://example.org/b> .\n", encoding="utf-8")
    with pytest.raises(GraphError, match=r"broken\.ttl: cannot be parsed as turtle") as info:
        validate_graph(path)
    assert info.value.__cause__ is not None


def test_unusable_shapes_are_a_validation_error(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        """
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <https://example.org/> .
        ex:Bad a sh:NodeShape ; sh:targetClass ex:Thing ;
            sh:property [ sh:path ex:p ; sh:minCount "many" ] .
        """,
        encoding="utf-8",
    )
    graph = valid_graph()
    graph.add((URIRef("https://example.org/x"), RDF.type, URIRef("https://example.org/Thing")))
    with pytest.raises(ValidationError, match=r"shapes\.ttl") as info:
        validate_graph(graph, shapes=shapes)
    assert info.value.__cause__ is not None


def test_other_shapes_can_be_used(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        """
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix schema: <https://schema.org/> .
        @prefix ex: <https://example.org/> .
        ex:PersonShape a sh:NodeShape ; sh:targetClass schema:Person ;
            sh:property [ sh:path schema:birthDate ; sh:minCount 1 ] .
        """,
        encoding="utf-8",
    )
    report = validate_graph(valid_graph(), shapes=shapes)
    assert [(v.focus_node, v.path) for v in report.violations] == [
        (str(ENTITY), str(SDO.birthDate))
    ]


def test_paths_of_several_steps_read_as_sparql(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        """
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix schema: <https://schema.org/> .
        @prefix kg: <https://w3id.org/kg-news/ontology#> .
        @prefix ex: <https://example.org/> .
        ex:PersonShape a sh:NodeShape ; sh:targetClass schema:Person ;
            sh:property [ sh:path [ sh:inversePath kg:holder ] ; sh:maxCount 0 ] ,
                [ sh:path [ sh:alternativePath ( schema:birthDate schema:deathDate ) ] ;
                  sh:minCount 1 ] ,
                [ sh:path ( [ sh:inversePath kg:holder ] [ sh:oneOrMorePath kg:role ] ) ;
                  sh:maxCount 0 ] .
        """,
        encoding="utf-8",
    )
    report = validate_graph(valid_graph(), shapes=shapes)
    assert {v.path for v in report.violations} == {
        f"^<{KG.holder}>",
        f"<{SDO.birthDate}>|<{SDO.deathDate}>",
        f"(^<{KG.holder}>)/(<{KG.role}>+)",
    }
    assert {str(v).split(": ")[1] for v in report.violations} == {
        "<https://w3id.org/kg-news/id/entity/person/hulusi_akar> ^kg:holder",
        "<https://w3id.org/kg-news/id/entity/person/hulusi_akar> schema:birthDate|schema:deathDate",
        "<https://w3id.org/kg-news/id/entity/person/hulusi_akar> (^kg:holder)/(kg:role+)",
    }


def test_violation_reads_as_one_line() -> None:
    violation = Violation(
        focus_node=str(MERGE),
        path=str(KG.rule),
        message="A merge decision needs exactly one kg:rule, an xsd:string",
        severity="Violation",
        shape=SHAPES + "Merge-rule",
    )
    assert str(violation) == (
        f"Violation: <{MERGE}> kg:rule: "
        "A merge decision needs exactly one kg:rule, an xsd:string (kgsh:Merge-rule)"
    )


def test_ontology_files_are_found() -> None:
    assert ontology_path("kg.ttl").name == "kg.ttl"
    assert ontology_path("shapes.ttl").is_file()
    assert (KG.Road, RDFS.subClassOf, SDO.Place) in load_ontology()
    with pytest.raises(GraphError, match=r"nothing\.ttl"):
        ontology_path("nothing.ttl")
    with pytest.raises(GraphError, match="not a file name"):
        ontology_path("../setup.cfg")


# ---------------------------------------------------------------------------------------------
# Facts (docs/decisions/0004-facts-and-statements.md)


def test_facts_are_in_the_valid_graph() -> None:
    graph = valid_graph()
    assert {POSITION, PARTICIPATION, CLAIM} <= set(graph.subjects(RDF.type, KG.Assertion))
    assert (EVENT, RDF.type, KG.Meeting) in graph
    assert (ARTICLE, KG.sameStoryAs, ARTICLE2) in graph
    assert (ARTICLE2, KG.sameStoryAs, ARTICLE) in graph


def test_position_without_holder_is_a_violation() -> None:
    graph = valid_graph()
    graph.remove((POSITION, KG.holder, None))
    report = validate_graph(graph)
    assert not report.conforms
    assert failures(report) == {(str(POSITION), str(KG.holder), "Position-holder")}
    assert "kg:holder" in report.violations[0].message


def test_position_holder_must_be_a_person() -> None:
    graph = valid_graph()
    graph.set((POSITION, KG.holder, TURKEY))
    report = validate_graph(graph)
    assert failures(report) == {(str(POSITION), str(KG.holder), "Position-holder")}


@pytest.mark.parametrize(
    "role",
    [
        URIRef(ROLE + "astronaut"),  # in the namespace, but not a concept of roles.ttl
        URIRef("https://example.org/role/defence-minister"),  # a concept, of another scheme
        Literal("defence minister"),
    ],
)
def test_role_must_be_a_concept_of_the_scheme_of_roles(role: Node) -> None:
    graph = valid_graph()
    graph.add((URIRef("https://example.org/role/defence-minister"), RDF.type, SKOS.Concept))
    graph.set((POSITION, KG.role, role))
    report = validate_graph(graph)
    assert failures(report) == {(str(POSITION), str(KG.role), "Position-role")}


def test_every_role_of_the_scheme_is_accepted() -> None:
    roles = Graph().parse(ontology_path("roles.ttl"), format="turtle")
    graph = valid_graph()
    graph.remove((POSITION, KG.role, None))
    for concept in roles.subjects(RDF.type, SKOS.Concept):
        graph.add((POSITION, KG.role, concept))
    report = validate_graph(graph)
    # Only the count is wrong (one result, of sh:maxCount, with no value): every role is a
    # skos:Concept in the role namespace.
    assert failures(report) == {(str(POSITION), str(KG.role), "Position-role")}
    (violation,) = report.violations
    assert violation.value is None


def test_position_of_must_be_a_country_or_an_organization() -> None:
    graph = valid_graph()
    graph.set((POSITION, KG.of, URIRef(ID + "entity/org/sana")))
    assert validate_graph(graph).violations == ()
    graph.set((POSITION, KG.of, ENTITY))
    report = validate_graph(graph)
    assert failures(report) == {(str(POSITION), str(KG.of), "Position-of")}


def test_assertion_needs_article_sentence_and_rule() -> None:
    graph = valid_graph()
    graph.remove((CLAIM, KG.rule, None))
    graph.remove((PARTICIPATION, KG.article, None))
    report = validate_graph(graph)
    assert failures(report) == {
        (str(CLAIM), str(KG.rule), "Assertion-rule"),
        (str(PARTICIPATION), str(KG.article), "Assertion-article"),
        # nor is the participation's sentence in its (missing) article
        (str(PARTICIPATION), SENTENCE_ARTICLE, "Assertion-sentenceArticle"),
    }


def test_assertion_sentence_must_be_in_its_article() -> None:
    graph = valid_graph()
    graph.set((POSITION, PROV_DERIVED, SENTENCE))  # a sentence of the other article
    report = validate_graph(graph)
    assert failures(report) == {(str(POSITION), SENTENCE_ARTICLE, "Assertion-sentenceArticle")}
    # A path of several steps reads as SPARQL, its IRIs shortened.
    assert "prov:wasDerivedFrom/nif:referenceContext: " in str(report.violations[0])


def test_assertion_derived_from_a_mention_is_a_violation() -> None:
    graph = valid_graph()
    graph.set((POSITION, PROV_DERIVED, URIRef(str(ARTICLE2) + "#char=17,28")))
    report = validate_graph(graph)
    assert failures(report) == {(str(POSITION), str(PROV_DERIVED), "Assertion-wasDerivedFrom")}


def test_claim_anchor_that_is_not_the_slice_of_the_text_is_a_violation() -> None:
    graph = valid_graph()
    graph.set((CLAIM, NIF.anchorOf, Literal("Hulusi Akar met Turkish officials in Moscow")))
    report = validate_graph(graph)
    assert not report.conforms
    assert anchor_failures(report) == {(str(ARTICLE2), str(CLAIM))}
    (violation,) = report.violations
    assert '"Defence Minister Hulusi Akar met Turkish officials in Moscow"' in violation.message


def test_claim_needs_cue_and_offsets() -> None:
    graph = valid_graph()
    graph.remove((CLAIM, KG.cue, None))
    graph.remove((CLAIM, NIF.endIndex, None))
    report = validate_graph(graph)
    assert failures(report) == {
        (str(CLAIM), str(KG.cue), "Claim-cue"),
        (str(CLAIM), str(NIF.endIndex), "Claim-endIndex"),
    }


def test_claim_of_an_unnamed_speaker_has_words_and_no_claimant() -> None:
    graph = valid_graph()
    graph.remove((CLAIM, KG.claimant, None))
    graph.set((CLAIM, KG.claimantKind, Literal("unnamed")))
    assert validate_graph(graph).conforms
    graph.remove((CLAIM, KG.claimantMention, None))
    graph.set((CLAIM, KG.claimantKind, Literal("someone")))
    graph.remove((CLAIM, KG.direct, None))
    assert failures(validate_graph(graph)) == {
        (str(CLAIM), str(KG.claimantMention), "Claim-claimantMention"),
        (str(CLAIM), str(KG.claimantKind), "Claim-claimantKind"),
        (str(CLAIM), str(KG.direct), "Claim-direct"),
    }


def test_claim_claimant_mention_must_be_words_of_the_text() -> None:
    graph = valid_graph()
    graph.set((CLAIM, KG.claimantMention, ENTITY))
    graph.add((CLAIM, KG.about, Literal("Akar")))
    report = validate_graph(graph)
    assert failures(report) == {
        (str(CLAIM), str(KG.claimantMention), "Claim-claimantMention"),
        (str(CLAIM), str(KG.about), "Claim-about"),
    }


def test_claim_without_event_conforms() -> None:
    graph = valid_graph()
    graph.remove((CLAIM, KG.event, None))
    assert validate_graph(graph).violations == ()


def test_participation_whose_event_is_not_an_event_is_a_violation() -> None:
    graph = valid_graph()
    graph.set((PARTICIPATION, KG.event, ENTITY))
    report = validate_graph(graph)
    assert not report.conforms
    assert failures(report) == {(str(PARTICIPATION), str(KG.event), "Participation-event")}


def test_event_start_date_must_be_a_date() -> None:
    graph = valid_graph()
    graph.set((EVENT, SDO.startDate, Literal("Tuesday")))
    report = validate_graph(graph)
    assert not report.conforms
    assert failures(report) == {(str(EVENT), str(SDO.startDate), "Event-startDate")}


def test_event_start_date_may_be_a_month() -> None:
    graph = valid_graph()
    graph.set((EVENT, SDO.startDate, Literal("2022-12", datatype=XSD.gYearMonth)))
    assert validate_graph(graph).violations == ()


def test_event_needs_a_report_and_at_least_two_parties() -> None:
    graph = valid_graph()
    graph.remove((EVENT, KG.reportedIn, None))
    graph.set((EVENT, KG.partyCount, Literal(1)))
    graph.set((EVENT, SDO.location, ENTITY))
    report = validate_graph(graph)
    assert failures(report) == {
        (str(EVENT), str(KG.reportedIn), "Event-reportedIn"),
        (str(EVENT), str(KG.partyCount), "Event-partyCount"),
        (str(EVENT), str(SDO.location), "Event-location"),
    }


def test_meeting_is_not_checked_as_an_entity() -> None:
    # A meeting is a schema:Event but has no skos:prefLabel, mention count or run of its own.
    graph = valid_graph()
    assert (EVENT, SKOS.prefLabel, None) not in graph
    assert validate_graph(graph).violations == ()
    # It is found through kg.ttl even when typed only kg:Meeting.
    graph.remove((EVENT, RDF.type, SDO.Event))
    assert validate_graph(graph).violations == ()
    graph.remove((EVENT, RDFS.label, None))
    report = validate_graph(graph)
    assert failures(report) == {(str(EVENT), str(RDFS.label), "Event-label")}


def test_mentioned_event_entity_is_checked_as_an_entity() -> None:
    # An event that NER found is an entity: mentions point at it.
    graph = valid_graph()
    war = URIRef(ID + "entity/event/world_war_ii")
    graph.add((war, RDF.type, SDO.Event))
    graph.add((war, RDFS.label, Literal("World War II")))
    graph.set((MENTION, TA_IDENT_REF, war))
    report = validate_graph(graph)
    assert {(f, p, shape) for f, p, shape in failures(report) if f == str(war)} == {
        (str(war), str(SKOS.prefLabel), "Entity-prefLabel"),
        (str(war), str(SKOS.altLabel), "Entity-altLabel"),
        (str(war), str(KG.mentionCount), "Entity-mentionCount"),
    }


def test_same_story_must_link_articles() -> None:
    graph = valid_graph()
    graph.add((ARTICLE, KG.sameStoryAs, ENTITY))
    report = validate_graph(graph)
    assert failures(report) == {(str(ARTICLE), str(KG.sameStoryAs), "Article-sameStoryAs")}
