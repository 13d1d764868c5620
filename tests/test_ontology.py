"""Tests of kg's ontology and shapes files: the vocabulary and the files agree, and they parse."""

from __future__ import annotations

from inspect import get_annotations
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import PROV, SDO, SH, SKOS

from kg.validate import ontology_path
from kg.vocab import KG, KG_NS, PREFIXES

ROOT = Path(__file__).resolve().parent.parent
CLASS_TYPES = {OWL.Class, RDFS.Class}
PROPERTY_TYPES = {RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty}


def vocab_terms() -> set[URIRef]:
    return {KG[name] for name in get_annotations(KG) if not name.startswith("_")}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")


def kg_terms_in(graph: Graph) -> set[URIRef]:
    """Every IRI in the kg: namespace that ``graph`` mentions, in any position."""
    return {
        term
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(KG_NS)
    }


def test_vocabulary_has_the_terms_the_contract_uses() -> None:
    assert {KG.Road, KG.Merge, KG.Run, KG.mentionCount, KG.skippedCount} <= vocab_terms()


def test_every_vocabulary_term_is_declared(ontology: Graph) -> None:
    for term in vocab_terms():
        types = set(ontology.objects(term, RDF.type))
        name = str(term).removeprefix(KG_NS)
        expected = CLASS_TYPES if name[0].isupper() else PROPERTY_TYPES
        assert types & expected, (
            f"{name} is not declared as a {'class' if name[0].isupper() else 'property'}"
        )
        assert ontology.value(term, RDFS.label) is not None, f"{name} has no rdfs:label"
        assert ontology.value(term, RDFS.comment) is not None, f"{name} has no rdfs:comment"


def test_every_declared_kg_term_is_in_the_vocabulary(ontology: Graph) -> None:
    declared = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(KG_NS)}
    assert declared == vocab_terms()
    # Nor does the file use a kg: term anywhere without declaring it.
    assert kg_terms_in(ontology) == vocab_terms()


def test_shapes_use_only_vocabulary_terms(shapes: Graph) -> None:
    used = kg_terms_in(shapes)
    assert used <= vocab_terms(), used - vocab_terms()
    # every property of kg's vocabulary is constrained somewhere
    constrained = set(shapes.objects(None, SH.path))
    properties = {t for t in vocab_terms() if str(t).removeprefix(KG_NS)[0].islower()}
    assert properties - constrained == set()


def test_classes_sit_under_schema_and_prov(ontology: Graph) -> None:
    assert (KG.Road, RDFS.subClassOf, SDO.Place) in ontology
    assert (KG.Run, RDFS.subClassOf, PROV.Activity) in ontology
    assert (KG.Meeting, RDFS.subClassOf, SDO.Event) in ontology
    assert (KG.Assertion, RDFS.subClassOf, PROV.Entity) in ontology
    for fact in (KG.Position, KG.Participation, KG.Claim):
        assert (fact, RDFS.subClassOf, KG.Assertion) in ontology
    assert str(SDO) == PREFIXES["schema"]


def test_shared_properties_have_no_domain(ontology: Graph) -> None:
    """A property used on classes with no common kg class names them with schema:domainIncludes:
    an rdfs:domain would make an RDFS reasoner type every assertion a kg:Merge (kg:rule)."""
    for term in (KG.rule, KG.event, KG.participant, KG.country):
        assert ontology.value(term, RDFS.domain) is None, term
        assert len(set(ontology.objects(term, SDO.domainIncludes))) >= 2, term


@pytest.fixture(scope="module")
def roles() -> Graph:
    return Graph().parse(ROOT / "ontology" / "roles.ttl", format="turtle")


def role_concepts(roles: Graph) -> set[URIRef]:
    return {c for c in roles.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)}


def test_roles_are_concepts_of_one_scheme(roles: Graph) -> None:
    scheme = URIRef(PREFIXES["role"] + "scheme")
    concepts = role_concepts(roles)
    assert len(concepts) > 10
    assert (scheme, RDF.type, SKOS.ConceptScheme) in roles
    for concept in concepts:
        assert str(concept).startswith(PREFIXES["role"]), concept
        assert len(set(roles.objects(concept, SKOS.prefLabel))) == 1, concept
        assert set(roles.objects(concept, SKOS.inScheme)) == {scheme}, concept
    # Everything the scheme links to is one of its concepts.
    linked = set(roles.objects(None, SKOS.broader)) | set(roles.objects(scheme, SKOS.hasTopConcept))
    assert linked <= concepts


def test_no_alt_label_names_two_roles(roles: Graph) -> None:
    """Extraction finds a role by its altLabels, so no label (in any case) may name two roles."""
    owners: dict[str, set[URIRef]] = {}
    for concept in role_concepts(roles):
        for label in roles.objects(concept, SKOS.altLabel):
            owners.setdefault(str(label).casefold(), set()).add(concept)
    assert owners
    assert {label: found for label, found in owners.items() if len(found) > 1} == {}


def test_role_namespace_is_the_prefix(roles: Graph) -> None:
    assert dict(roles.namespaces())["role"] == URIRef(PREFIXES["role"])


@pytest.mark.parametrize("name", ["kg.ttl", "shapes.ttl", "roles.ttl"])
def test_files_parse_strictly_with_pyoxigraph(name: str) -> None:
    path = ROOT / "ontology" / name
    quads = list(pyoxigraph.parse(path=path, format=pyoxigraph.RdfFormat.TURTLE))
    assert quads
    assert all(q.graph_name == pyoxigraph.DefaultGraph() for q in quads)
    # rdflib reads the same number of triples
    assert len(quads) == len(Graph().parse(path, format="turtle"))


@pytest.mark.parametrize("name", ["kg.ttl", "shapes.ttl", "roles.ttl"])
def test_files_are_found_as_package_data(name: str) -> None:
    path = ontology_path(name)
    assert path.read_bytes() == (ROOT / "ontology" / name).read_bytes()


def test_reported_shapes_have_iris(shapes: Graph) -> None:
    """Reports name the shape that failed, so every targeted shape and every property shape is an
    IRI (kgsh:Labelled's own property shape is only reached through sh:node, whose failures are
    reported on the shape that uses it)."""
    labelled = URIRef("https://w3id.org/kg-news/shapes#Labelled")
    targeted = {
        s
        for target in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
        for s in shapes.subjects(target, None)
    }
    properties = {o for s, o in shapes.subject_objects(SH.property) if s != labelled}
    assert len(targeted) > 10
    assert len(properties) > 30
    assert [s for s in targeted | properties if not isinstance(s, URIRef)] == []
