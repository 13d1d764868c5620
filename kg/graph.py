"""Stage "graph": turn articles, mentions and entities into RDF quads, and write them.

The shape is fixed by docs/decisions/0001-graph-shape.md. Quads are pyoxigraph terms, written by
pyoxigraph's serialisers (linear, strict), each file to a temporary name then renamed into place.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from typing import Literal as TypingLiteral

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Triple, serialize
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.iri import mint_iri, short_hash
from kg.records import TYPE_FAMILY, Article, Entity, EntityType, Extraction, Resolution
from kg.vocab import ITSRDF, KG, NIF, PREFIXES

OutputFormat = TypingLiteral["turtle", "trig", "nquads", "ntriples"]
FORMATS: dict[OutputFormat, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "trig": RdfFormat.TRIG,
    "nquads": RdfFormat.N_QUADS,
    "ntriples": RdfFormat.N_TRIPLES,
}

#: rdf:type statements for each entity type: the class and its superclasses within kg's use.
TYPE_CLASSES: dict[EntityType, tuple[str, ...]] = {
    "Person": (str(SDO.Person),),
    "Organization": (str(SDO.Organization),),
    "GovernmentOrganization": (str(SDO.GovernmentOrganization), str(SDO.Organization)),
    "NewsMediaOrganization": (str(SDO.NewsMediaOrganization), str(SDO.Organization)),
    "Country": (str(SDO.Country), str(SDO.Place)),
    "City": (str(SDO.City), str(SDO.Place)),
    "Place": (str(SDO.Place),),
    "Road": (str(KG.Road), str(SDO.Place)),
    "Product": (str(SDO.Product),),
    "Event": (str(SDO.Event),),
    "CreativeWork": (str(SDO.CreativeWork),),
}


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What the provenance record of a build says."""

    software: str
    model: str
    started: str  # ISO 8601 date-time, UTC
    ended: str
    inputs: int
    skipped: int


def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


def _lit(value: str | int, datatype: str | None = None) -> Literal:
    if isinstance(value, int):
        return Literal(str(value), datatype=_n(datatype or str(XSD.integer)))
    # A lone surrogate cannot be written as UTF-8; replace it rather than lose the triple.
    text = value.encode("utf-8", "replace").decode("utf-8") if not value.isascii() else value
    return Literal(text, datatype=_n(datatype)) if datatype else Literal(text)


def article_iri(base: str, article: Article) -> str:
    """The IRI of an article, which also names its graph."""
    return mint_iri(base, "article", article.id)


def entity_iri(base: str, entity: Entity) -> str:
    """The IRI of an entity, from its family and key."""
    return mint_iri(base, "entity", TYPE_FAMILY[entity.type], entity.key)


def run_iri(base: str, articles: Sequence[Article], info: RunInfo) -> str:
    """The IRI of a build: the same inputs with the same software give the same IRI."""
    digest = short_hash(
        info.software, info.model, *sorted(a.content_hash for a in articles), length=16
    )
    return mint_iri(base, "run", digest)


def _date_literal(value: str) -> Literal:
    if len(value) == 10:
        return _lit(value, str(XSD.date))
    return _lit(value, str(XSD.dateTime))


def article_quads(
    base: str,
    extraction: Extraction,
    resolution: Resolution,
    *,
    run: str,
    entity_types: Mapping[str, EntityType],
) -> Iterator[Quad]:
    """The statements of one article, in its own named graph.

    ``entity_types`` maps each entity key to its resolved type (``entity_types_of``).
    """
    article = extraction.article
    a_iri = article_iri(base, article)
    a, g = _n(a_iri), _n(a_iri)
    text = article.text

    def q(s: NamedNode, p: str, o: NamedNode | Literal) -> Quad:
        return Quad(s, _n(p), o, g)

    yield q(a, str(RDF.type), _n(str(SDO.NewsArticle)))
    yield q(a, str(RDF.type), _n(str(NIF.Context)))
    yield q(a, str(NIF.isString), _lit(text))
    yield q(a, str(NIF.beginIndex), _lit(0, str(XSD.nonNegativeInteger)))
    yield q(a, str(NIF.endIndex), _lit(len(text), str(XSD.nonNegativeInteger)))
    yield q(a, str(KG.source), _lit(article.source))
    yield q(a, str(KG.contentHash), _lit(article.content_hash))
    yield q(a, str(PROV.wasGeneratedBy), _n(run))
    if article.url and article.url.startswith(("http://", "https://")):
        try:
            url = _n(article.url)
        except ValueError:
            url = None
        if url is not None:
            yield q(a, str(SDO.url), url)
            yield q(a, str(NIF.sourceUrl), url)
    if article.title:
        yield q(a, str(SDO.headline), _lit(article.title))
    if article.published:
        yield q(a, str(SDO.datePublished), _date_literal(article.published))
    publisher = resolution.publishers.get(article.id)
    if publisher is not None:
        family = TYPE_FAMILY[entity_types[publisher]]
        yield q(a, str(SDO.publisher), _n(mint_iri(base, "entity", family, publisher)))

    sentence_iris = []
    for sentence in extraction.sentences:
        s_iri = _n(f"{a_iri}#char={sentence.start},{sentence.end}")
        sentence_iris.append(s_iri)
        yield q(s_iri, str(RDF.type), _n(str(NIF.Sentence)))
        yield from _string_quads(q, s_iri, a, sentence.start, sentence.end, text)
    for mention in extraction.mentions:
        key = resolution.assignment.get((article.id, mention.start, mention.end))
        if key is None:
            continue
        m_iri = _n(f"{a_iri}#char={mention.start},{mention.end}")
        etype = entity_types[key]
        yield q(m_iri, str(RDF.type), _n(str(NIF.Phrase)))
        yield from _string_quads(q, m_iri, a, mention.start, mention.end, text)
        if sentence_iris:
            yield q(m_iri, str(NIF.sentence), sentence_iris[mention.sentence])
        yield q(
            m_iri, str(ITSRDF.taIdentRef), _n(mint_iri(base, "entity", TYPE_FAMILY[etype], key))
        )
        yield q(m_iri, str(ITSRDF.taClassRef), _n(TYPE_CLASSES[etype][0]))
        yield q(m_iri, str(KG.extractor), _lit(mention.extractor))


def entity_types_of(resolution: Resolution) -> dict[str, EntityType]:
    """Each entity key's resolved type."""
    return {e.key: e.type for e in resolution.entities}


_QuadMaker = Callable[[NamedNode, str, "NamedNode | Literal"], Quad]


def _string_quads(
    q: _QuadMaker, node: NamedNode, article: NamedNode, start: int, end: int, text: str
) -> Iterator[Quad]:
    yield q(node, str(RDF.type), _n(str(NIF.String)))
    yield q(node, str(RDF.type), _n(str(NIF.RFC5147String)))
    yield q(node, str(NIF.referenceContext), article)
    yield q(node, str(NIF.beginIndex), _lit(start, str(XSD.nonNegativeInteger)))
    yield q(node, str(NIF.endIndex), _lit(end, str(XSD.nonNegativeInteger)))
    yield q(node, str(NIF.anchorOf), _lit(text[start:end]))


def entity_quads(base: str, resolution: Resolution, *, run: str) -> Iterator[Quad]:
    """The statements about entities, in the graph of entities."""
    g = _n(mint_iri(base, "graph", "entities"))
    by_key = {e.key: e for e in resolution.entities}
    for entity in resolution.entities:
        e = _n(entity_iri(base, entity))

        def q(s: NamedNode, p: str, o: NamedNode | Literal) -> Quad:
            return Quad(s, _n(p), o, g)

        for cls in TYPE_CLASSES[entity.type]:
            yield q(e, str(RDF.type), _n(cls))
        yield q(e, str(RDFS.label), _lit(entity.label))
        yield q(e, str(SKOS.prefLabel), _lit(entity.label))
        for variant in entity.variants:
            yield q(e, str(SKOS.altLabel), _lit(variant))
        yield q(e, str(KG.mentionCount), _lit(len(entity.mentions)))
        yield q(e, str(PROV.wasGeneratedBy), _n(run))
        for same in entity.same_as:
            yield q(e, str(OWL.sameAs), _n(same))
        country_key = f"country_{entity.country.lower()}" if entity.country else None
        if country_key and country_key in by_key and country_key != entity.key:
            yield q(e, str(KG.country), _n(entity_iri(base, by_key[country_key])))
        for merge in entity.merges:
            m = _n(
                mint_iri(
                    base, "merge", TYPE_FAMILY[entity.type], entity.key, short_hash(merge.variant)
                )
            )
            yield q(e, str(KG.merge), m)
            yield q(m, str(RDF.type), _n(str(KG.Merge)))
            yield q(m, str(KG.variant), _lit(merge.variant))
            yield q(m, str(KG.rule), _lit(merge.rule))


def run_quads(base: str, run: str, info: RunInfo) -> Iterator[Quad]:
    """The provenance record of the build, in the graph of the run."""
    g = _n(mint_iri(base, "graph", "run"))
    r = _n(run)
    dt = str(XSD.dateTime)
    for p, o in (
        (str(RDF.type), _n(str(PROV.Activity))),
        (str(RDF.type), _n(str(KG.Run))),
        (str(PROV.startedAtTime), _lit(info.started, dt)),
        (str(PROV.endedAtTime), _lit(info.ended, dt)),
        (str(KG.software), _lit(info.software)),
        (str(KG.model), _lit(info.model)),
        (str(KG.inputCount), _lit(info.inputs)),
        (str(KG.skippedCount), _lit(info.skipped)),
        (str(RDFS.label), _lit(f"kg build of {info.inputs} articles")),
    ):
        yield Quad(r, _n(p), o, g)


def atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write a file through ``write`` to a temporary name, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600 files; give the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_quads(quads: Iterable[Quad], path: Path, fmt: OutputFormat) -> None:
    """Write quads to ``path`` atomically. Triple formats get the union of all graphs."""
    rdf_format = FORMATS[fmt]
    items: list[Quad] | list[Triple]
    if fmt in ("turtle", "ntriples"):
        items = sorted({Triple(q.subject, q.predicate, q.object) for q in quads}, key=_triple_order)
    else:
        items = sorted(set(quads), key=_quad_order)
    prefixes = PREFIXES if fmt in ("turtle", "trig") else None

    def write(handle: BinaryIO) -> None:
        serialize(items, handle, rdf_format, prefixes=prefixes)

    atomic_write(path, write)


def _triple_order(t: Triple) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))


def _quad_order(q: Quad) -> tuple[str, str, str, str]:
    graph = "" if isinstance(q.graph_name, DefaultGraph) else str(q.graph_name)
    return (graph, str(q.subject), str(q.predicate), str(q.object))
