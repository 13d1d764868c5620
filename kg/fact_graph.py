"""Stage "graph", its statements: positions, participations, claims, events, role concepts and
republished twins as RDF quads (the shape of docs/decisions/0001-graph-shape.md; the articles,
mentions and entities are :mod:`kg.graph`'s).
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator, Mapping

from pyoxigraph import Literal, NamedNode, Quad
from rdflib.namespace import PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.events import event_of_claim
from kg.graph import ROLE_NS, article_iri, iri_node, literal, string_quads, term
from kg.iri import mint_iri, short_hash
from kg.records import (
    TYPE_FAMILY,
    Article,
    Claim,
    EntityType,
    Event,
    Extraction,
    Facts,
    Resolution,
)
from kg.vocab import KG, NIF


def _entity_ref(base: str, key: str, entity_types: Mapping[str, EntityType]) -> NamedNode:
    return iri_node(mint_iri(base, "entity", TYPE_FAMILY[entity_types[key]], key))


def claim_content(claim: Claim, text: str) -> str:
    """A claim's words as a reader reads them: its text, or, when the attribution interrupts a
    quotation ("'The plan is safe,' she said. 'It will pass.'"), its parts joined by " … "
    without the attributing words ("The plan is safe … It will pass.")."""
    if len(claim.parts) < 2:
        return text[claim.start : claim.end]
    pieces = [text[s:e].strip() for s, e in claim.parts]
    return " … ".join(p.rstrip(",") if i < len(pieces) - 1 else p for i, p in enumerate(pieces))


def written_claimant(
    claim: Claim,
    article_id: str,
    assignment: Mapping[tuple[str, int, int], str],
    entities: Container[str],
) -> str | None:
    """The entity key of a claim's claimant as the graph states it: ``""`` for a speaker with no
    entity (an unnamed one, a pronoun left unresolved), None for a claim the graph leaves out (a
    claimant mention that resolution dropped: no claim rather than a wrong one). The page's rows
    (:mod:`kg.viz.rows`) use it too, so both show the same claims."""
    if claim.government:
        key: str | None = f"government_{claim.government.lower()}"
    elif claim.claimant is not None:
        key = assignment.get((article_id, *claim.claimant))
    else:
        key = None
    if key is not None and key in entities:
        return key
    if (claim.speaker or claim.claimant) is None or claim.claimant is not None:
        return None
    return ""


# The terms of the statements of an article's facts, spelled once (namespace lookups add up).
_KG_ASSERTION = str(KG.Assertion)
_KG_CLAIM = str(KG.Claim)
_KG_PARTICIPATION = str(KG.Participation)
_KG_POSITION = str(KG.Position)
_KG_ABOUT = str(KG.about)
_KG_ARTICLE = str(KG.article)
_KG_CLAIMANT = str(KG.claimant)
_KG_CLAIMANTKIND = str(KG.claimantKind)
_KG_CLAIMANTMENTION = str(KG.claimantMention)
_KG_CONTENT = str(KG.content)
_KG_CONTENTPART = str(KG.contentPart)
_KG_CUE = str(KG.cue)
_KG_CUEMENTION = str(KG.cueMention)
_KG_DIRECT = str(KG.direct)
_KG_EVENT = str(KG.event)
_KG_HOLDER = str(KG.holder)
_KG_OF = str(KG.of)
_KG_PARTICIPANT = str(KG.participant)
_KG_ROLE = str(KG.role)
_KG_RULE = str(KG.rule)
_KG_STANDSFOR = str(KG.standsFor)
_NIF_ANCHOROF = str(NIF.anchorOf)
_NIF_BEGININDEX = str(NIF.beginIndex)
_NIF_ENDINDEX = str(NIF.endIndex)
_NIF_REFERENCECONTEXT = str(NIF.referenceContext)
_PROV_WASDERIVEDFROM = str(PROV.wasDerivedFrom)
_RDF_TYPE = str(RDF.type)
_XSD_NONNEGATIVEINTEGER = str(XSD.nonNegativeInteger)


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
    a, g = iri_node(a_iri), iri_node(a_iri)
    key_of = resolution.assignment
    aid = article.id

    def q(s: NamedNode, p: str, o: NamedNode | Literal) -> Quad:
        return Quad(s, term(p), o, g)

    refs: dict[str, NamedNode] = {}  # each entity's node, made once an article

    def ref(key: str) -> NamedNode:
        node = refs.get(key)
        if node is None:
            node = refs[key] = _entity_ref(base, key, entity_types)
        return node

    def sentence_iri(index: int) -> NamedNode:
        sentence = extraction.sentences[index]
        return iri_node(f"{a_iri}#char={sentence.start},{sentence.end}")

    def entity(span: tuple[int, int] | None) -> NamedNode | None:
        key = key_of.get((aid, *span)) if span else None
        return ref(key) if key else None

    def statement(node: NamedNode, cls: str, index: int, rule: str) -> Iterator[Quad]:
        yield q(node, _RDF_TYPE, iri_node(cls))
        yield q(node, _RDF_TYPE, term(_KG_ASSERTION))
        yield q(node, _KG_ARTICLE, a)
        yield q(node, _PROV_WASDERIVEDFROM, sentence_iri(index))
        yield q(node, _KG_RULE, literal(rule))

    for pos in facts.positions:
        holder = entity(pos.holder)
        of = entity(pos.of)
        if of is None and pos.of_country and f"country_{pos.of_country.lower()}" in entity_types:
            of = ref(f"country_{pos.of_country.lower()}")
        if holder is None or entity_types.get(key_of[(aid, *pos.holder)]) != "Person":
            continue
        node = iri_node(
            mint_iri(base, "fact", aid, "position", short_hash(str(pos.holder), pos.role, pos.rule))
        )
        yield from statement(node, _KG_POSITION, pos.sentence, pos.rule)
        yield q(node, _KG_HOLDER, holder)
        yield q(node, _KG_ROLE, iri_node(ROLE_NS + pos.role))
        if of is not None:
            yield q(node, _KG_OF, of)

    for report in facts.events:
        event_key = event_of_sentence.get((aid, report.sentence))
        if event_key is None:
            continue
        event = iri_node(mint_iri(base, "event", event_key))
        takers = [key_of.get((aid, *span)) for span in report.participants]
        takers += [f"country_{iso.lower()}" for iso in report.countries]
        for key in sorted({k for k in takers if k and k in entity_types}):
            node = iri_node(
                mint_iri(
                    base,
                    "fact",
                    aid,
                    "participation",
                    short_hash(event_key, key, str(report.sentence)),
                )
            )
            yield from statement(node, _KG_PARTICIPATION, report.sentence, report.rule)
            yield q(node, _KG_EVENT, event)
            yield q(node, _KG_PARTICIPANT, ref(key))

    for (start, end), iso in facts.stands_for:
        government = f"government_{iso.lower()}"
        if (aid, start, end) in key_of and government in entity_types:
            mention = iri_node(f"{a_iri}#char={start},{end}")
            yield q(mention, _KG_STANDSFOR, ref(government))

    # Spans whose NIF string node is already written (sentences are, by the article's quads).
    strings: set[tuple[int, int]] = {(s.start, s.end) for s in extraction.sentences}

    def string(span: tuple[int, int]) -> Iterator[Quad]:
        if span not in strings and (aid, *span) not in key_of:
            strings.add(span)
            node = iri_node(f"{a_iri}#char={span[0]},{span[1]}")
            yield from string_quads(q, node, a, *span, article.text)

    for claim in facts.claims:
        claimant_key = written_claimant(claim, aid, key_of, entity_types)
        if claimant_key is None:
            continue
        resolved = claimant_key != ""
        words = claim.speaker or claim.claimant
        node = iri_node(
            mint_iri(
                base, "fact", aid, "claim", short_hash(str(claim.start), str(claim.end), claim.rule)
            )
        )
        yield from statement(node, _KG_CLAIM, claim.sentence, claim.rule)
        if resolved and claimant_key is not None:
            yield q(node, _KG_CLAIMANT, ref(claimant_key))
        if words is not None:
            # The speaker's own words ("he", "the ministry", "a senior official"), as written.
            yield q(node, _KG_CLAIMANTMENTION, iri_node(f"{a_iri}#char={words[0]},{words[1]}"))
            yield from string(words)
        yield q(node, _KG_CLAIMANTKIND, literal(claim.speaker_kind or "name"))
        yield q(node, _KG_DIRECT, literal(claim.direct))
        if claim.cue_span is not None:
            cue = claim.cue_span
            yield q(node, _KG_CUEMENTION, iri_node(f"{a_iri}#char={cue[0]},{cue[1]}"))
            yield from string(cue)
        if len(claim.parts) > 1:
            for part in claim.parts:
                yield q(node, _KG_CONTENTPART, iri_node(f"{a_iri}#char={part[0]},{part[1]}"))
                yield from string(part)
        yield q(node, _KG_CUE, literal(claim.cue))
        yield q(node, _NIF_REFERENCECONTEXT, a)
        yield q(node, _NIF_BEGININDEX, literal(claim.start, _XSD_NONNEGATIVEINTEGER))
        yield q(node, _NIF_ENDINDEX, literal(claim.end, _XSD_NONNEGATIVEINTEGER))
        yield q(node, _NIF_ANCHOROF, literal(article.text[claim.start : claim.end]))
        yield q(node, _KG_CONTENT, literal(claim_content(claim, article.text)))
        for span in claim.about:
            about = entity(span)
            if about is not None:
                yield q(node, _KG_ABOUT, about)
        event_key = event_of_claim(claim, article.text, event_of_sentence)
        if event_key is not None:
            yield q(node, _KG_EVENT, iri_node(mint_iri(base, "event", event_key)))


def event_quads(
    base: str,
    events: Iterable[Event],
    *,
    articles: Mapping[str, Article],
    entity_types: Mapping[str, EntityType],
) -> Iterator[Quad]:
    """One node per event, in the graph of entities (which run made them is said of the graph:
    :func:`kg.graph.run_quads`)."""
    g = iri_node(mint_iri(base, "graph", "entities"))
    for event in events:
        e = iri_node(mint_iri(base, "event", event.key))

        def q(p: str, o: NamedNode | Literal, e: NamedNode = e) -> Quad:
            return Quad(e, iri_node(p), o, g)

        yield q(str(RDF.type), term(str(SDO.Event)))
        yield q(str(RDF.type), term(str(KG.Meeting)))
        yield q(str(RDFS.label), literal(event.label))
        if event.place and event.place in entity_types:
            yield q(str(SDO.location), _entity_ref(base, event.place, entity_types))
        if event.date:
            datatype = XSD.date if len(event.date) == 10 else XSD.gYearMonth
            yield q(str(SDO.startDate), literal(event.date, str(datatype)))
        if event.parties:
            yield q(str(KG.partyCount), literal(event.parties))
        takers = list(event.participants) + [f"country_{iso.lower()}" for iso in event.countries]
        for key in sorted({k for k in takers if k in entity_types}):
            yield q(str(KG.participant), _entity_ref(base, key, entity_types))
        for aid in sorted({r.article_id for r in event.reports}):
            yield q(str(KG.reportedIn), iri_node(article_iri(base, articles[aid])))


def role_quads(base: str, roles: Iterable[str], labels: Mapping[str, str]) -> Iterator[Quad]:
    """The role concepts positions use, with their labels, in the graph of entities."""
    g = iri_node(mint_iri(base, "graph", "entities"))
    scheme = iri_node(ROLE_NS + "scheme")
    for role in sorted(set(roles)):
        r = iri_node(ROLE_NS + role)
        yield Quad(r, term(str(RDF.type)), term(str(SKOS.Concept)), g)
        yield Quad(r, term(str(SKOS.inScheme)), scheme, g)
        # Tagged @en as in ontology/roles.ttl, so a store holding both has one label, not two.
        yield Quad(r, term(str(SKOS.prefLabel)), Literal(labels.get(role, role), language="en"), g)


def twin_quads(
    base: str, pairs: Iterable[tuple[str, str]], articles: Mapping[str, Article]
) -> Iterator[Quad]:
    """``kg:sameStoryAs`` both ways between republished twins, each in its article's graph."""
    for a, b in pairs:
        ia, ib = iri_node(article_iri(base, articles[a])), iri_node(article_iri(base, articles[b]))
        yield Quad(ia, term(str(KG.sameStoryAs)), ib, ia)
        yield Quad(ib, term(str(KG.sameStoryAs)), ia, ib)
