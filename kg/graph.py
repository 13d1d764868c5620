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

from kg.events import event_of_claim
from kg.iri import mint_iri, short_hash
from kg.records import (
    TYPE_FAMILY,
    Article,
    Entity,
    EntityType,
    Event,
    Extraction,
    Facts,
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


def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


@cache
def _term(iri: str) -> NamedNode:
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


def _lit(value: str | int, datatype: str | None = None) -> Literal:
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=_term(str(XSD.boolean)))
    if isinstance(value, int):
        return Literal(str(value), datatype=_term(datatype or str(XSD.integer)))
    # A lone surrogate cannot be written as UTF-8; replace it rather than lose the triple.
    text = value.encode("utf-8", "replace").decode("utf-8") if not value.isascii() else value
    return Literal(text, datatype=_term(datatype)) if datatype else Literal(text)


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
    entity_types: Mapping[str, EntityType],
) -> Iterator[Quad]:
    """The statements of one article, in its own named graph.

    ``entity_types`` maps each entity key to its resolved type (``entity_types_of``). Which run
    generated the article is said in the graph of the run (:func:`run_quads`), so an article's
    graph changes only when what it says changes (decision 0005).
    """
    article = extraction.article
    a_iri = article_iri(base, article)
    a, g = _n(a_iri), _n(a_iri)
    text = article.text

    def q(s: NamedNode, p: str, o: NamedNode | Literal) -> Quad:
        return Quad(s, _term(p), o, g)

    yield q(a, str(RDF.type), _term(str(SDO.NewsArticle)))
    yield q(a, str(RDF.type), _term(str(NIF.Context)))
    yield q(a, str(NIF.isString), _lit(text))
    yield q(a, str(NIF.beginIndex), _lit(0, str(XSD.nonNegativeInteger)))
    yield q(a, str(NIF.endIndex), _lit(len(text), str(XSD.nonNegativeInteger)))
    yield q(a, str(KG.source), _lit(article.source))
    yield q(a, str(KG.contentHash), _lit(article.content_hash))
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
        yield q(s_iri, _TYPE, _term(_SENTENCE))
        yield from _string_quads(q, s_iri, a, sentence.start, sentence.end, text)
    for mention in extraction.mentions:
        key = resolution.assignment.get((article.id, mention.start, mention.end))
        if key is None:
            continue
        m_iri = _n(f"{a_iri}#char={mention.start},{mention.end}")
        etype = entity_types[key]
        yield q(m_iri, _TYPE, _term(_PHRASE))
        yield from _string_quads(q, m_iri, a, mention.start, mention.end, text)
        if sentence_iris:
            yield q(m_iri, _IN_SENTENCE, sentence_iris[mention.sentence])
        yield q(m_iri, _IDENT_REF, _n(mint_iri(base, "entity", TYPE_FAMILY[etype], key)))
        yield q(m_iri, _CLASS_REF, _n(TYPE_CLASSES[etype][0]))
        yield q(m_iri, _EXTRACTOR, _lit(mention.extractor))


def entity_types_of(resolution: Resolution) -> dict[str, EntityType]:
    """Each entity key's resolved type."""
    return {e.key: e.type for e in resolution.entities}


_QuadMaker = Callable[[NamedNode, str, "NamedNode | Literal"], Quad]


def _string_quads(
    q: _QuadMaker, node: NamedNode, article: NamedNode, start: int, end: int, text: str
) -> Iterator[Quad]:
    yield q(node, _TYPE, _term(_STRING))
    yield q(node, _TYPE, _term(_RFC5147))
    yield q(node, _CONTEXT, article)
    yield q(node, _BEGIN, _lit(start, _NON_NEGATIVE))
    yield q(node, _END, _lit(end, _NON_NEGATIVE))
    yield q(node, _ANCHOR, _lit(text[start:end]))


def entity_quads(base: str, resolution: Resolution, *, run: str) -> Iterator[Quad]:
    """The statements about entities, in the graph of entities."""
    g = _n(mint_iri(base, "graph", "entities"))
    by_key = {e.key: e for e in resolution.entities}
    for entity in resolution.entities:
        e = _n(entity_iri(base, entity))

        def q(s: NamedNode, p: str, o: NamedNode | Literal) -> Quad:
            return Quad(s, _term(p), o, g)

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
            yield q(m, str(RDF.type), _term(str(KG.Merge)))
            yield q(m, str(KG.variant), _lit(merge.variant))
            yield q(m, str(KG.rule), _lit(merge.rule))


def run_quads(
    base: str, run: str, info: RunInfo, *, articles: Iterable[Article] = ()
) -> Iterator[Quad]:
    """The provenance record of the build, and ``prov:wasGeneratedBy`` of each article, in the
    graph of the run."""
    g = _n(mint_iri(base, "graph", "run"))
    r = _n(run)
    dt = str(XSD.dateTime)
    for p, o in (
        (str(RDF.type), _term(str(PROV.Activity))),
        (str(RDF.type), _term(str(KG.Run))),
        (str(PROV.startedAtTime), _lit(info.started, dt)),
        (str(PROV.endedAtTime), _lit(info.ended, dt)),
        (str(KG.software), _lit(info.software)),
        (str(KG.model), _lit(info.model)),
        (str(KG.inputCount), _lit(info.inputs)),
        (str(KG.skippedCount), _lit(info.skipped)),
        (str(RDFS.label), _lit(f"kg build of {info.inputs} articles")),
    ):
        yield Quad(r, _n(p), o, g)
    for article in articles:
        yield Quad(_n(article_iri(base, article)), _term(str(PROV.wasGeneratedBy)), r, g)


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


def render_graph(quads: Iterable[Quad], formats: Sequence[OutputFormat]) -> Rendered:
    """Serialise some quads (one named graph, or a few) in each format, repeats dropped.

    Triple formats get the triples (the union of the graphs). Quads are written in the order
    given, which the build keeps the same on every run.
    """
    unique = list(dict.fromkeys(quads))
    t0 = time.perf_counter()
    data: dict[str, bytes] = {}
    triples: list[Triple] | None = None
    for fmt in formats:
        items: list[Quad] | list[Triple] = unique
        if fmt in ("turtle", "ntriples"):
            if triples is None:
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
    (:func:`render_graph`); a :class:`Rendered` item was serialised by a worker. Turtle and TriG
    files begin with the prefix declarations, once.

    Returns:
        The number of quads written and the seconds spent serialising and writing them.
    """
    paths = list(targets)
    formats = [targets[path] for path in paths]
    count = 0
    seconds = 0.0
    elsewhere = 0.0  # serialising in workers
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
    probe = Quad(_term(str(RDF.type)), _term(str(RDF.type)), _term(str(RDF.type)), DefaultGraph())
    items = [probe.triple] if fmt == "turtle" else [probe]
    out = serialize(items, None, FORMATS[fmt], prefixes=PREFIXES) or b""
    return out[: len(out) - len(_without_prefixes(out, len(PREFIXES)))]


def _without_prefixes(data: bytes, count: int) -> bytes:
    """Turtle or TriG without the ``@prefix`` lines its serialiser put first."""
    lines = data.split(b"\n", count)
    if len(lines) <= count or not all(line.startswith(b"@prefix ") for line in lines[:count]):
        raise ValueError("the serialiser did not begin with the prefix declarations")
    return lines[count]


def _entity_ref(base: str, key: str, entity_types: Mapping[str, EntityType]) -> NamedNode:
    return _n(mint_iri(base, "entity", TYPE_FAMILY[entity_types[key]], key))


def fact_quads(
    base: str,
    extraction: Extraction,
    facts: Facts,
    resolution: Resolution,
    *,
    entity_types: Mapping[str, EntityType],
    event_of_sentence: Mapping[tuple[str, int], str],
) -> Iterator[Quad]:
    """Positions, participations and claims of one article, as statement nodes in its graph."""
    article = extraction.article
    a_iri = article_iri(base, article)
    a, g = _n(a_iri), _n(a_iri)
    key_of = resolution.assignment
    aid = article.id

    def q(s: NamedNode, p: str, o: NamedNode | Literal) -> Quad:
        return Quad(s, _term(p), o, g)

    def sentence_iri(index: int) -> NamedNode:
        sentence = extraction.sentences[index]
        return _n(f"{a_iri}#char={sentence.start},{sentence.end}")

    def entity(span: tuple[int, int] | None) -> NamedNode | None:
        key = key_of.get((aid, *span)) if span else None
        return _entity_ref(base, key, entity_types) if key else None

    def statement(node: NamedNode, cls: str, index: int, rule: str) -> Iterator[Quad]:
        yield q(node, str(RDF.type), _n(cls))
        yield q(node, str(RDF.type), _term(str(KG.Assertion)))
        yield q(node, str(KG.article), a)
        yield q(node, str(PROV.wasDerivedFrom), sentence_iri(index))
        yield q(node, str(KG.rule), _lit(rule))

    for pos in facts.positions:
        holder = entity(pos.holder)
        of = entity(pos.of)
        if of is None and pos.of_country and f"country_{pos.of_country.lower()}" in entity_types:
            of = _entity_ref(base, f"country_{pos.of_country.lower()}", entity_types)
        if holder is None or entity_types.get(key_of[(aid, *pos.holder)]) != "Person":
            continue
        node = _n(
            mint_iri(base, "fact", aid, "position", short_hash(str(pos.holder), pos.role, pos.rule))
        )
        yield from statement(node, str(KG.Position), pos.sentence, pos.rule)
        yield q(node, str(KG.holder), holder)
        yield q(node, str(KG.role), _n(ROLE_NS + pos.role))
        if of is not None:
            yield q(node, str(KG.of), of)

    for report in facts.events:
        event_key = event_of_sentence.get((aid, report.sentence))
        if event_key is None:
            continue
        event = _n(mint_iri(base, "event", event_key))
        takers = [key_of.get((aid, *span)) for span in report.participants]
        takers += [f"country_{iso.lower()}" for iso in report.countries]
        for key in sorted({k for k in takers if k and k in entity_types}):
            node = _n(
                mint_iri(
                    base,
                    "fact",
                    aid,
                    "participation",
                    short_hash(event_key, key, str(report.sentence)),
                )
            )
            yield from statement(node, str(KG.Participation), report.sentence, report.rule)
            yield q(node, str(KG.event), event)
            yield q(node, str(KG.participant), _entity_ref(base, key, entity_types))

    for (start, end), iso in facts.stands_for:
        government = f"government_{iso.lower()}"
        if (aid, start, end) in key_of and government in entity_types:
            mention = _n(f"{a_iri}#char={start},{end}")
            yield q(mention, str(KG.standsFor), _entity_ref(base, government, entity_types))

    # Spans whose NIF string node is already written (sentences are, by the article's quads).
    strings: set[tuple[int, int]] = {(s.start, s.end) for s in extraction.sentences}

    def string(span: tuple[int, int]) -> Iterator[Quad]:
        if span not in strings and (aid, *span) not in key_of:
            strings.add(span)
            node = _n(f"{a_iri}#char={span[0]},{span[1]}")
            yield from _string_quads(q, node, a, *span, article.text)

    for claim in facts.claims:
        if claim.government:
            claimant_key: str | None = f"government_{claim.government.lower()}"
        elif claim.claimant is not None:
            claimant_key = key_of.get((aid, *claim.claimant))
        else:
            claimant_key = None
        resolved = claimant_key is not None and claimant_key in entity_types
        words = claim.speaker or claim.claimant
        if not resolved and (words is None or claim.claimant is not None):
            continue  # a claimant mention that resolution dropped: no claim rather than a wrong one
        node = _n(
            mint_iri(
                base, "fact", aid, "claim", short_hash(str(claim.start), str(claim.end), claim.rule)
            )
        )
        yield from statement(node, str(KG.Claim), claim.sentence, claim.rule)
        if resolved and claimant_key is not None:
            yield q(node, str(KG.claimant), _entity_ref(base, claimant_key, entity_types))
        if words is not None:
            # The speaker's own words ("he", "the ministry", "a senior official"), as written.
            yield q(node, str(KG.claimantMention), _n(f"{a_iri}#char={words[0]},{words[1]}"))
            yield from string(words)
        yield q(node, str(KG.claimantKind), _lit(claim.speaker_kind or "name"))
        yield q(node, str(KG.direct), _lit(claim.direct))
        if claim.cue_span is not None:
            cue = claim.cue_span
            yield q(node, str(KG.cueMention), _n(f"{a_iri}#char={cue[0]},{cue[1]}"))
            yield from string(cue)
        if len(claim.parts) > 1:
            for part in claim.parts:
                yield q(node, str(KG.contentPart), _n(f"{a_iri}#char={part[0]},{part[1]}"))
                yield from string(part)
        yield q(node, str(KG.cue), _lit(claim.cue))
        yield q(node, str(NIF.referenceContext), a)
        yield q(node, str(NIF.beginIndex), _lit(claim.start, str(XSD.nonNegativeInteger)))
        yield q(node, str(NIF.endIndex), _lit(claim.end, str(XSD.nonNegativeInteger)))
        yield q(node, str(NIF.anchorOf), _lit(article.text[claim.start : claim.end]))
        for span in claim.about:
            about = entity(span)
            if about is not None:
                yield q(node, str(KG.about), about)
        event_key = event_of_claim(claim, article.text, event_of_sentence)
        if event_key is not None:
            yield q(node, str(KG.event), _n(mint_iri(base, "event", event_key)))


def event_quads(
    base: str,
    events: Iterable[Event],
    *,
    articles: Mapping[str, Article],
    entity_types: Mapping[str, EntityType],
    run: str,
) -> Iterator[Quad]:
    """One node per event, in the graph of entities."""
    g = _n(mint_iri(base, "graph", "entities"))
    for event in events:
        e = _n(mint_iri(base, "event", event.key))

        def q(p: str, o: NamedNode | Literal, e: NamedNode = e) -> Quad:
            return Quad(e, _n(p), o, g)

        yield q(str(RDF.type), _term(str(SDO.Event)))
        yield q(str(RDF.type), _term(str(KG.Meeting)))
        yield q(str(RDFS.label), _lit(event.label))
        yield q(str(PROV.wasGeneratedBy), _n(run))
        if event.place and event.place in entity_types:
            yield q(str(SDO.location), _entity_ref(base, event.place, entity_types))
        if event.date:
            datatype = XSD.date if len(event.date) == 10 else XSD.gYearMonth
            yield q(str(SDO.startDate), _lit(event.date, str(datatype)))
        if event.parties:
            yield q(str(KG.partyCount), _lit(event.parties))
        takers = list(event.participants) + [f"country_{iso.lower()}" for iso in event.countries]
        for key in sorted({k for k in takers if k in entity_types}):
            yield q(str(KG.participant), _entity_ref(base, key, entity_types))
        for aid in sorted({r.article_id for r in event.reports}):
            yield q(str(KG.reportedIn), _n(article_iri(base, articles[aid])))


def role_quads(base: str, roles: Iterable[str], labels: Mapping[str, str]) -> Iterator[Quad]:
    """The role concepts positions use, with their labels, in the graph of entities."""
    g = _n(mint_iri(base, "graph", "entities"))
    scheme = _n(ROLE_NS + "scheme")
    for role in sorted(set(roles)):
        r = _n(ROLE_NS + role)
        yield Quad(r, _term(str(RDF.type)), _term(str(SKOS.Concept)), g)
        yield Quad(r, _term(str(SKOS.inScheme)), scheme, g)
        # Tagged @en as in ontology/roles.ttl, so a store holding both has one label, not two.
        yield Quad(r, _term(str(SKOS.prefLabel)), Literal(labels.get(role, role), language="en"), g)


def twin_quads(
    base: str, pairs: Iterable[tuple[str, str]], articles: Mapping[str, Article]
) -> Iterator[Quad]:
    """``kg:sameStoryAs`` both ways between republished twins, each in its article's graph."""
    for a, b in pairs:
        ia, ib = _n(article_iri(base, articles[a])), _n(article_iri(base, articles[b]))
        yield Quad(ia, _term(str(KG.sameStoryAs)), ib, ia)
        yield Quad(ib, _term(str(KG.sameStoryAs)), ia, ib)
