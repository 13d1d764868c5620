"""Stage "graph": turn articles, mentions and entities into RDF quads, and write them.

The shape is fixed by docs/decisions/0001-graph-shape.md. Quads are pyoxigraph terms, written by
pyoxigraph's serialisers (linear, strict), each file to a temporary name then renamed into place.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO
from typing import Literal as TypingLiteral

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Triple, serialize
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.iri import mint_iri, short_hash
from kg.records import (
    TYPE_FAMILY,
    Article,
    Entity,
    EntityType,
    Extraction,
    Resolution,
)
from kg.vocab import ITSRDF, KG, NIF, PREFIXES

ROLE_NS = PREFIXES["role"]

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


def iri_node(iri: str) -> NamedNode:
    """A node for a minted IRI (an article, entity, mention or statement)."""
    return NamedNode(iri)


@cache
def term(iri: str) -> NamedNode:
    """A vocabulary term (predicate, class, datatype): a bounded set, made once each."""
    return NamedNode(iri)


# The terms of the statements made for every sentence and mention (most of a graph).
_TYPE = str(RDF.type)
_STRING = str(NIF.String)
_RFC5147 = str(NIF.RFC5147String)
_CONTEXT = str(NIF.referenceContext)
_BEGIN = str(NIF.beginIndex)
_END = str(NIF.endIndex)
_ANCHOR = str(NIF.anchorOf)
_NON_NEGATIVE = str(XSD.nonNegativeInteger)
_SENTENCE = str(NIF.Sentence)
_PHRASE = str(NIF.Phrase)
_IN_SENTENCE = str(NIF.sentence)
_IDENT_REF = str(ITSRDF.taIdentRef)
_CLASS_REF = str(ITSRDF.taClassRef)
_EXTRACTOR = str(KG.extractor)


def literal(value: str | int, datatype: str | None = None) -> Literal:
    """A literal: booleans and integers typed, text kept writable as UTF-8."""
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=term(str(XSD.boolean)))
    if isinstance(value, int):
        return Literal(str(value), datatype=term(datatype or str(XSD.integer)))
    # A lone surrogate cannot be written as UTF-8; replace it rather than lose the triple.
    text = value.encode("utf-8", "replace").decode("utf-8") if not value.isascii() else value
    return Literal(text, datatype=term(datatype)) if datatype else Literal(text)


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
        return literal(value, str(XSD.date))
    return literal(value, str(XSD.dateTime))


def article_quads(
    base: str,
    extraction: Extraction,
    resolution: Resolution,
    *,
    entity_types: Mapping[str, EntityType],
) -> Iterator[Quad]:
    """The statements of one article, in its own named graph.

    ``entity_types`` maps each entity key to its resolved type (``entity_types_of``). Which run
    generated the article is said in the graph of the run (:func:`run_quads`), so an article's
    graph changes only when what it says changes (decision 0005).
    """
    article = extraction.article
    a_iri = article_iri(base, article)
    a, g = iri_node(a_iri), iri_node(a_iri)
    text = article.text

    def q(s: NamedNode, p: str, o: NamedNode | Literal) -> Quad:
        return Quad(s, term(p), o, g)

    yield q(a, str(RDF.type), term(str(SDO.NewsArticle)))
    yield q(a, str(RDF.type), term(str(NIF.Context)))
    yield q(a, str(NIF.isString), literal(text))
    yield q(a, str(NIF.beginIndex), literal(0, str(XSD.nonNegativeInteger)))
    yield q(a, str(NIF.endIndex), literal(len(text), str(XSD.nonNegativeInteger)))
    yield q(a, str(KG.source), literal(article.source))
    yield q(a, str(KG.contentHash), literal(article.content_hash))
    if article.url and article.url.startswith(("http://", "https://")):
        try:
            url = iri_node(article.url)
        except ValueError:
            url = None
        if url is not None:
            yield q(a, str(SDO.url), url)
            yield q(a, str(NIF.sourceUrl), url)
    if article.title:
        yield q(a, str(SDO.headline), literal(article.title))
    if article.published:
        yield q(a, str(SDO.datePublished), _date_literal(article.published))
    publisher = resolution.publishers.get(article.id)
    if publisher is not None:
        family = TYPE_FAMILY[entity_types[publisher]]
        yield q(a, str(SDO.publisher), iri_node(mint_iri(base, "entity", family, publisher)))

    # Most of a graph is these statements, one set per sentence and mention: their terms are
    # made once an article, and each entity's node once however often the article names it.
    nif = _nif_terms()
    sentence_iris = []
    for sentence in extraction.sentences:
        s_iri = iri_node(f"{a_iri}#char={sentence.start},{sentence.end}")
        sentence_iris.append(s_iri)
        yield Quad(s_iri, nif.type, nif.sentence, g)
        yield from _placed(nif, s_iri, a, sentence.start, sentence.end, text, g)
    assignment, aid = resolution.assignment, article.id
    entity_nodes: dict[str, tuple[NamedNode, NamedNode]] = {}
    for mention in extraction.mentions:
        key = assignment.get((aid, mention.start, mention.end))
        if key is None:
            continue
        m_iri = iri_node(f"{a_iri}#char={mention.start},{mention.end}")
        nodes = entity_nodes.get(key)
        if nodes is None:
            etype = entity_types[key]
            nodes = entity_nodes[key] = (
                iri_node(mint_iri(base, "entity", TYPE_FAMILY[etype], key)),
                iri_node(TYPE_CLASSES[etype][0]),
            )
        yield Quad(m_iri, nif.type, nif.phrase, g)
        yield from _placed(nif, m_iri, a, mention.start, mention.end, text, g)
        if sentence_iris:
            yield Quad(m_iri, nif.in_sentence, sentence_iris[mention.sentence], g)
        yield Quad(m_iri, nif.ident_ref, nodes[0], g)
        yield Quad(m_iri, nif.class_ref, nodes[1], g)
        yield Quad(m_iri, nif.extractor, literal(mention.extractor), g)


@dataclass(frozen=True, slots=True)
class _NifTerms:
    """The terms of the statements made for every sentence and mention."""

    type: NamedNode
    string: NamedNode
    rfc5147: NamedNode
    context: NamedNode
    begin: NamedNode
    end: NamedNode
    anchor: NamedNode
    non_negative: NamedNode
    sentence: NamedNode
    phrase: NamedNode
    in_sentence: NamedNode
    ident_ref: NamedNode
    class_ref: NamedNode
    extractor: NamedNode


@cache
def _nif_terms() -> _NifTerms:
    return _NifTerms(
        *(
            term(iri)
            for iri in (
                _TYPE,
                _STRING,
                _RFC5147,
                _CONTEXT,
                _BEGIN,
                _END,
                _ANCHOR,
                _NON_NEGATIVE,
                _SENTENCE,
                _PHRASE,
                _IN_SENTENCE,
                _IDENT_REF,
                _CLASS_REF,
                _EXTRACTOR,
            )
        )
    )


def _placed(
    nif: _NifTerms,
    node: NamedNode,
    article: NamedNode,
    start: int,
    end: int,
    text: str,
    g: NamedNode,
) -> tuple[Quad, ...]:
    """:func:`string_quads` in graph ``g``, without a call per statement."""
    return (
        Quad(node, nif.type, nif.string, g),
        Quad(node, nif.type, nif.rfc5147, g),
        Quad(node, nif.context, article, g),
        Quad(node, nif.begin, Literal(str(start), datatype=nif.non_negative), g),
        Quad(node, nif.end, Literal(str(end), datatype=nif.non_negative), g),
        Quad(node, nif.anchor, literal(text[start:end]), g),
    )


def entity_types_of(resolution: Resolution) -> dict[str, EntityType]:
    """Each entity key's resolved type."""
    return {e.key: e.type for e in resolution.entities}


_QuadMaker = Callable[[NamedNode, str, "NamedNode | Literal"], Quad]


def string_quads(
    q: _QuadMaker, node: NamedNode, article: NamedNode, start: int, end: int, text: str
) -> Iterator[Quad]:
    """The NIF statements that place ``node`` at characters ``start``-``end`` of ``text``."""
    yield q(node, _TYPE, term(_STRING))
    yield q(node, _TYPE, term(_RFC5147))
    yield q(node, _CONTEXT, article)
    yield q(node, _BEGIN, literal(start, _NON_NEGATIVE))
    yield q(node, _END, literal(end, _NON_NEGATIVE))
    yield q(node, _ANCHOR, literal(text[start:end]))


def entity_quads(base: str, resolution: Resolution) -> Iterator[Quad]:
    """The statements about entities, in the graph of entities. Which run made them is said
    once, of the graph (:func:`run_quads`), so an entity's statements change only when the
    entity does (decision 0012)."""
    by_key = {e.key: e for e in resolution.entities}
    for entity in resolution.entities:
        yield from one_entity_quads(base, entity, by_key)


def one_entity_quads(base: str, entity: Entity, by_key: Mapping[str, Entity]) -> Iterator[Quad]:
    """The statements about one entity (and its merges), in the graph of entities; ``by_key``
    holds every entity by key (its country's IRI is that entity's)."""
    g = iri_node(mint_iri(base, "graph", "entities"))
    e = iri_node(entity_iri(base, entity))

    def q(s: NamedNode, p: str, o: NamedNode | Literal) -> Quad:
        return Quad(s, term(p), o, g)

    for cls in TYPE_CLASSES[entity.type]:
        yield q(e, str(RDF.type), iri_node(cls))
    yield q(e, str(RDFS.label), literal(entity.label))
    yield q(e, str(SKOS.prefLabel), literal(entity.label))
    for variant in entity.variants:
        yield q(e, str(SKOS.altLabel), literal(variant))
    yield q(e, str(KG.mentionCount), literal(len(entity.mentions)))
    for same in entity.same_as:
        yield q(e, str(OWL.sameAs), iri_node(same))
    country_key = f"country_{entity.country.lower()}" if entity.country else None
    if country_key and country_key in by_key and country_key != entity.key:
        yield q(e, str(KG.country), iri_node(entity_iri(base, by_key[country_key])))
    for merge in entity.merges:
        m = iri_node(
            mint_iri(base, "merge", TYPE_FAMILY[entity.type], entity.key, short_hash(merge.variant))
        )
        yield q(e, str(KG.merge), m)
        yield q(m, str(RDF.type), term(str(KG.Merge)))
        yield q(m, str(KG.variant), literal(merge.variant))
        yield q(m, str(KG.rule), literal(merge.rule))


def run_quads(
    base: str, run: str, info: RunInfo, *, articles: Iterable[Article] = ()
) -> Iterator[Quad]:
    """The provenance record of the build, and ``prov:wasGeneratedBy`` of each article and of
    the graph of entities, in the graph of the run."""
    g = iri_node(mint_iri(base, "graph", "run"))
    r = iri_node(run)
    dt = str(XSD.dateTime)
    for p, o in (
        (str(RDF.type), term(str(PROV.Activity))),
        (str(RDF.type), term(str(KG.Run))),
        (str(PROV.startedAtTime), literal(info.started, dt)),
        (str(PROV.endedAtTime), literal(info.ended, dt)),
        (str(KG.software), literal(info.software)),
        (str(KG.model), literal(info.model)),
        (str(KG.inputCount), literal(info.inputs)),
        (str(KG.skippedCount), literal(info.skipped)),
        (str(RDFS.label), literal(f"kg build of {info.inputs} articles")),
    ):
        yield Quad(r, iri_node(p), o, g)
    yield Quad(iri_node(mint_iri(base, "graph", "entities")), term(str(PROV.wasGeneratedBy)), r, g)
    for article in articles:
        yield Quad(iri_node(article_iri(base, article)), term(str(PROV.wasGeneratedBy)), r, g)


def atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write a file through ``write`` to a temporary name, then rename it into place."""
    with atomic_files([path]) as (handle,):
        write(handle)


@contextmanager
def atomic_files(paths: Sequence[Path]) -> Iterator[list[BinaryIO]]:
    """Open several files for writing under temporary names; rename them all into place when
    the block ends, or remove them all if it raises (the files already there stay as they were)."""
    opened: list[tuple[Path, str, BinaryIO]] = []
    try:
        for path in paths:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            opened.append((path, tmp, os.fdopen(fd, "wb")))
        yield [handle for _, _, handle in opened]
        umask = os.umask(0)
        os.umask(umask)
        for _, tmp, handle in opened:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600 files; give the usual mode
        for path, tmp, _ in opened:
            os.replace(tmp, path)
    except BaseException:
        for _, tmp, handle in opened:
            handle.close()
            Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True, slots=True)
class Rendered:
    """Graphs already serialised (in a worker), ready to append to the files of a build."""

    #: Each format's bytes, without the ``@prefix`` lines (the file has them once, at the top).
    data: dict[str, bytes]
    quads: int
    #: Seconds spent serialising them.
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Written:
    """What :func:`write_graphs` wrote."""

    quads: int
    #: Seconds this process spent serialising and writing (the rest went into making graphs).
    seconds: float
    #: Seconds spent serialising and writing in all processes (workers serialise too).
    export_seconds: float


def render_graph(
    quads: Iterable[Quad], formats: Sequence[OutputFormat], *, one_graph: bool = False
) -> Rendered:
    """Serialise some quads (one named graph, or a few) in each format, repeats dropped.

    Triple formats get the triples (the union of the graphs). Quads are written in the order
    given, which the build keeps the same on every run. With ``one_graph`` (the caller knows
    every quad is in the same graph, as an article's are), distinct quads are distinct triples,
    so the triples are not deduplicated a second time.
    """
    unique = list(dict.fromkeys(quads))
    t0 = time.perf_counter()
    data: dict[str, bytes] = {}
    triples: list[Triple] | None = None
    for fmt in formats:
        items: list[Quad] | list[Triple] = unique
        if fmt in ("turtle", "ntriples"):
            if triples is None and one_graph:
                triples = [q.triple for q in unique]
            elif triples is None:
                triples = list(dict.fromkeys(q.triple for q in unique))
            items = triples
        prefixes = PREFIXES if fmt in ("turtle", "trig") else None
        out = (serialize(items, None, FORMATS[fmt], prefixes=prefixes) or b"") if items else b""
        data[fmt] = _without_prefixes(out, len(PREFIXES)) if prefixes and out else out
    return Rendered(data, len(unique), time.perf_counter() - t0)


def write_graphs(
    graphs: Iterable[Sequence[Quad] | Rendered], targets: Mapping[Path, OutputFormat]
) -> Written:
    """Stream graphs into several files at once (each written atomically).

    Each item of ``graphs`` is written as soon as it comes, so a build never holds all its quads:
    quads (one named graph, an article's, or a few shared ones) are serialised here
    (:func:`render_graph`); a :class:`Rendered` item was serialised before (by a worker, or
    meanwhile). Turtle and TriG files begin with the prefix declarations, once.

    Returns:
        The number of quads written and the seconds spent serialising and writing them.
    """
    paths = list(targets)
    formats = [targets[path] for path in paths]
    count = 0
    seconds = 0.0
    elsewhere = 0.0  # serialising before the pieces came (in workers, or meanwhile here)
    with atomic_files(paths) as handles:
        t0 = time.perf_counter()
        for handle, fmt in zip(handles, formats, strict=True):
            if fmt in ("turtle", "trig"):
                handle.write(prefix_lines(fmt))
        seconds += time.perf_counter() - t0
        for graph in graphs:
            t0 = time.perf_counter()
            rendered = graph if isinstance(graph, Rendered) else render_graph(graph, formats)
            if rendered is graph:
                elsewhere += rendered.seconds
            count += rendered.quads
            for handle, fmt in zip(handles, formats, strict=True):
                handle.write(rendered.data[fmt])
            seconds += time.perf_counter() - t0
        t0 = time.perf_counter()
    seconds += time.perf_counter() - t0  # with the flush and rename
    return Written(count, seconds, seconds + elsewhere)


@cache
def prefix_lines(fmt: OutputFormat) -> bytes:
    """The ``@prefix`` lines Oxigraph's Turtle or TriG writer begins a file with."""
    probe = Quad(term(str(RDF.type)), term(str(RDF.type)), term(str(RDF.type)), DefaultGraph())
    items = [probe.triple] if fmt == "turtle" else [probe]
    out = serialize(items, None, FORMATS[fmt], prefixes=PREFIXES) or b""
    return out[: len(out) - len(_without_prefixes(out, len(PREFIXES)))]


def _without_prefixes(data: bytes, count: int) -> bytes:
    """Turtle or TriG without the ``@prefix`` lines its serialiser put first."""
    lines = data.split(b"\n", count)
    if len(lines) <= count or not all(line.startswith(b"@prefix ") for line in lines[:count]):
        raise ValueError("the serialiser did not begin with the prefix declarations")
    return lines[count]
