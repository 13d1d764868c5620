"""Where the page and ``to_networkx`` read a graph from: the rows of ``kg/viz/queries/*.rq``.

:class:`StoreRows` runs the queries with SPARQL over a store (a file read into memory, a store
folder, an open store). :class:`CorpusRows` makes the same rows from a build's records (a
:class:`kg.records.Corpus`), as :mod:`kg.graph` would write them and the queries read them back,
without making or parsing a quad: a build's page costs what it shows, not the ~550 quads an
article of its graph holds. The two give the same rows for the same corpus (a test compares
them on the samples), so the reading in :class:`kg.viz.network.GraphReader` is written once.

The rows of mentions (most of a graph) are read only for the nodes a page keeps
(:meth:`RowSource.mentions`), each term as its string value, ``None`` where a query leaves a
variable unbound.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.records import Corpus, Extraction, Facts

Row = tuple["str | None", ...]
#: IRIs per VALUES block when the mentions of chosen nodes are read from a store.
_VALUES_CHUNK = 500


@cache
def query_text(name: str) -> str:
    """The text of one of the page's queries, ``kg/viz/queries/{name}.rq``."""
    return resources.files("kg.viz").joinpath("queries", f"{name}.rq").read_text(encoding="utf-8")


@runtime_checkable
class RowSource(Protocol):
    """The rows of the page's queries, from a store or from records."""

    def rows(self, name: str) -> list[Row]:
        """Every row of the query ``name`` (``articles``, ``claims``, ...)."""

    def mentions(
        self, few: Collection[str], many: Collection[str] = (), *, limit: int = 0
    ) -> tuple[list[Row], dict[str, int]]:
        """The rows of ``mentions.rq``: every mention of the entities ``few``, at most ``limit``
        of each of ``many``; and how many sentences mention each of ``many``
        (``mention_sentences.rq``)."""


def _restricted(query: str, variables: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """The query with ``VALUES (?a ?b) { (<iri> <iri>) ... }`` first in its ``WHERE`` group, so
    that Oxigraph starts from those IRIs rather than joining them at the end."""
    import pyoxigraph as ox

    names = " ".join(f"?{name}" for name in variables)
    terms = " ".join("(" + " ".join(str(ox.NamedNode(iri)) for iri in row) + ")" for row in rows)
    head, brace, tail = query.partition("WHERE {")
    return f"{head}{brace} VALUES ({names}) {{ {terms} }}{tail}"


def open_store(graph: str | Path | ox.Store) -> ox.Store:
    """An open store as is; a graph file or store directory opened read-only (or in memory)."""
    import pyoxigraph as ox

    from kg.query import open_graph

    return graph if isinstance(graph, ox.Store) else open_graph(graph)


class StoreRows:
    """The rows, by SPARQL over a store.

    Args:
        graph: A graph file, a store directory or an open store.
    """

    def __init__(self, graph: str | Path | ox.Store) -> None:
        self.store = open_store(graph)

    def _run(self, query: str) -> list[Row]:
        from kg.query import run_query

        result = run_query(self.store, query)
        return [
            tuple(None if term is None else str(getattr(term, "value", term)) for term in row)
            for row in result.rows
        ]

    def rows(self, name: str) -> list[Row]:
        """Every row of the query ``name``."""
        return self._run(query_text(name))

    def mentions(
        self, few: Collection[str], many: Collection[str] = (), *, limit: int = 0
    ) -> tuple[list[Row], dict[str, int]]:
        """The mentions: those of ``few`` in blocks of VALUES; those of ``many`` one query
        each (LIMIT is for the whole answer), which reads the first ``limit`` Oxigraph finds."""
        found: list[Row] = []
        wanted = sorted(few)
        for start in range(0, len(wanted), _VALUES_CHUNK):
            chunk = [(e,) for e in wanted[start : start + _VALUES_CHUNK]]
            found += self._run(_restricted(query_text("mentions"), ("entity",), chunk))
        for entity in sorted(many):
            query = _restricted(query_text("mentions"), ("entity",), [(entity,)])
            found += self._run(f"{query}\nLIMIT {limit}")
        counts: dict[str, int] = {}
        capped = sorted(many)
        for start in range(0, len(capped), _VALUES_CHUNK):
            chunk = [(e,) for e in capped[start : start + _VALUES_CHUNK]]
            query = _restricted(query_text("mention_sentences"), ("entity",), chunk)
            for counted, sentences in self._run(query):
                if counted is not None:
                    counts[counted] = int(sentences or 0)
        return found, counts


class CorpusRows:
    """The rows, made from a build's records as :mod:`kg.graph` writes them.

    Each query's rows are made on demand by a method of the same name, from what
    :func:`kg.graph.article_quads`, :func:`kg.graph.entity_quads`,
    :func:`kg.fact_graph.fact_quads`, :func:`kg.fact_graph.event_quads` and
    :func:`kg.fact_graph.role_quads` state; IRIs are minted by the same functions. An
    entity's mentions are read in corpus order, so with a limit a node gets its first mentions.

    Args:
        corpus: The records of a build (``resolve_corpus``).
        base: The IRI namespace the build minted its IRIs in.
    """

    def __init__(self, corpus: Corpus, *, base: str) -> None:
        from kg.events import event_of_sentence
        from kg.graph import article_iri, entity_iri

        self.corpus = corpus
        self.base = base
        self.types = {e.key: e.type for e in corpus.resolution.entities}
        self.iri = {e.key: entity_iri(base, e) for e in corpus.resolution.entities}
        self.article_iri = {a.id: article_iri(base, a) for a in corpus.articles}
        self.facts = {f.article_id: f for f in corpus.facts}
        self._events_iri: dict[str, str] = {}
        self._claim_rows: list[tuple[str, Row, list[str]]] | None = None
        self._assignments: list[list[tuple[int, str]]] | None = None
        # Per article, so that finding a claim's event looks at its article's reports only.
        self.by_sentence: dict[str, dict[tuple[str, int], str]] = defaultdict(dict)
        for (aid, sentence), key in event_of_sentence(corpus.events).items():
            self.by_sentence[aid][(aid, sentence)] = key

    def rows(self, name: str) -> list[Row]:
        """Every row of the query ``name``."""
        return list(getattr(self, "_" + name)())

    def _event_iri(self, key: str) -> str:
        from kg.iri import mint_iri

        if key not in self._events_iri:
            self._events_iri[key] = mint_iri(self.base, "event", key)
        return self._events_iri[key]

    # --- the articles and their mentions ---------------------------------------------------

    def _articles(self) -> Iterator[Row]:
        for article in self.corpus.articles:
            yield self.article_iri[article.id], article.title or None, article.source

    def _assigned(self, number: int) -> list[tuple[int, str]]:
        """(mention index, entity IRI) of each mention of an article the graph keeps (the
        ``number``-th extraction), found once: the shape and the evidence both read them."""
        if self._assignments is None:
            assignment = self.corpus.resolution.assignment
            self._assignments = []
            for extraction in self.corpus.extractions:
                aid = extraction.article.id
                found = []
                for index, mention in enumerate(extraction.mentions):
                    key = assignment.get((aid, mention.start, mention.end))
                    if key is not None:
                        found.append((index, self.iri[key]))
                self._assignments.append(found)
        return self._assignments[number]

    def _mention_articles(self) -> Iterator[Row]:
        for number, extraction in enumerate(self.corpus.extractions):
            article = self.article_iri[extraction.article.id]
            for entity in {iri for _, iri in self._assigned(number)}:
                yield entity, article

    def mentions(
        self, few: Collection[str], many: Collection[str] = (), *, limit: int = 0
    ) -> tuple[list[Row], dict[str, int]]:
        """The mentions, in one pass over the corpus: with ``many``, their first ``limit``."""
        every, capped = set(few), set(many)
        taken: Counter[str] = Counter()
        sentences: set[tuple[str, int, int]] = set()
        found: list[Row] = []
        for number, extraction in enumerate(self.corpus.extractions):
            article = extraction.article
            a_iri = self.article_iri[article.id]
            for index, entity in self._assigned(number):
                if entity in capped:
                    mention = extraction.mentions[index]
                    if extraction.sentences:
                        sentences.add((entity, number, mention.sentence))
                    if taken[entity] >= limit:
                        continue
                    taken[entity] += 1
                elif entity not in every:
                    continue
                mention = extraction.mentions[index]
                sentence_iri = text = None
                if extraction.sentences:
                    sentence = extraction.sentences[mention.sentence]
                    sentence_iri = f"{a_iri}#char={sentence.start},{sentence.end}"
                    text = article.text[sentence.start : sentence.end]
                anchor = article.text[mention.start : mention.end]
                found.append((entity, a_iri, anchor, sentence_iri, text))
        return found, dict(Counter(entity for entity, _, _ in sentences))

    def _mentions(self) -> list[Row]:
        return self.mentions(set(self.iri.values()))[0]

    # --- entities ---------------------------------------------------------------------------

    def _labels(self) -> Iterator[Row]:
        from kg.facts import ROLE_NS, load_roles

        for entity in self.corpus.resolution.entities:
            yield self.iri[entity.key], entity.label
        for event in self.corpus.events:
            yield self._event_iri(event.key), event.label
        labels = load_roles().pref_labels
        for role in sorted({p.role for f in self.corpus.facts for p in f.positions}):
            yield ROLE_NS + role, labels.get(role, role)

    def _entities(self) -> Iterator[Row]:
        for entity in self.corpus.resolution.entities:
            iri = self.iri[entity.key]
            yield iri, str(len(entity.mentions)), entity.label, entity.label

    def _entity_types(self) -> Iterator[Row]:
        from kg.graph import TYPE_CLASSES

        for entity in self.corpus.resolution.entities:
            for cls in TYPE_CLASSES[entity.type]:
                yield self.iri[entity.key], cls

    def _variants(self) -> Iterator[Row]:
        for entity in self.corpus.resolution.entities:
            for variant in entity.variants:
                yield self.iri[entity.key], variant

    def _same_as(self) -> Iterator[Row]:
        for entity in self.corpus.resolution.entities:
            for same in entity.same_as:
                yield self.iri[entity.key], same

    def _country(self) -> Iterator[Row]:
        for entity in self.corpus.resolution.entities:
            country = f"country_{entity.country.lower()}" if entity.country else None
            if country and country in self.iri and country != entity.key:
                yield self.iri[entity.key], self.iri[country]

    def _types(self) -> Iterator[Row]:
        # Read for ends of facts that are neither entities nor events: kg's records make none.
        yield from ()

    # --- events -----------------------------------------------------------------------------

    def _events(self) -> Iterator[Row]:
        for event in self.corpus.events:
            place = self.iri[event.place] if event.place and event.place in self.iri else None
            yield self._event_iri(event.key), event.label, event.date or None, place

    def _event_types(self) -> Iterator[Row]:
        from rdflib.namespace import SDO

        from kg.vocab import KG

        for event in self.corpus.events:
            for cls in (str(SDO.Event), str(KG.Meeting)):
                yield self._event_iri(event.key), cls

    def _event_articles(self) -> Iterator[Row]:
        for event in self.corpus.events:
            for aid in sorted({r.article_id for r in event.reports}):
                yield self._event_iri(event.key), self.article_iri[aid]

    def _event_participants(self) -> Iterator[Row]:
        for event in self.corpus.events:
            takers = [*event.participants, *(f"country_{c.lower()}" for c in event.countries)]
            for key in sorted({k for k in takers if k in self.iri}):
                yield self._event_iri(event.key), self.iri[key]

    # --- facts, article by article ------------------------------------------------------------

    def _with_facts(self) -> Iterator[tuple[Extraction, Facts, str]]:
        for extraction in self.corpus.extractions:
            facts = self.facts.get(extraction.article.id)
            if facts is not None:
                yield extraction, facts, self.article_iri[extraction.article.id]

    def _entity(self, aid: str, span: tuple[int, int] | None) -> str | None:
        key = self.corpus.resolution.assignment.get((aid, *span)) if span else None
        return self.iri[key] if key else None

    @staticmethod
    def _sentence(extraction: Extraction, a_iri: str, index: int) -> tuple[str, str]:
        sentence = extraction.sentences[index]
        text = extraction.article.text[sentence.start : sentence.end]
        return f"{a_iri}#char={sentence.start},{sentence.end}", text

    def _positions(self) -> Iterator[Row]:
        from kg.facts import ROLE_NS, load_roles

        labels = load_roles().pref_labels
        assignment = self.corpus.resolution.assignment
        for extraction, facts, a_iri in self._with_facts():
            aid = extraction.article.id
            for pos in facts.positions:
                holder = self._entity(aid, pos.holder)
                of = self._entity(aid, pos.of)
                country = f"country_{pos.of_country.lower()}" if pos.of_country else None
                if of is None and country in self.iri:
                    of = self.iri[str(country)]
                if holder is None or self.types.get(assignment[(aid, *pos.holder)]) != "Person":
                    continue
                sentence, text = self._sentence(extraction, a_iri, pos.sentence)
                role = labels.get(pos.role, pos.role)
                yield holder, of, ROLE_NS + pos.role, role, a_iri, sentence, text

    def _participations(self) -> Iterator[Row]:
        for extraction, facts, a_iri in self._with_facts():
            aid = extraction.article.id
            for report in facts.events:
                event_key = self.by_sentence[aid].get((aid, report.sentence))
                if event_key is None:
                    continue
                takers = [
                    self.corpus.resolution.assignment.get((aid, *s)) for s in report.participants
                ]
                takers += [f"country_{iso.lower()}" for iso in report.countries]
                sentence, text = self._sentence(extraction, a_iri, report.sentence)
                for key in sorted({k for k in takers if k and k in self.iri}):
                    yield self._event_iri(event_key), self.iri[key], a_iri, sentence, text

    def _claims_with_iris(self) -> list[tuple[str, Row, list[str]]]:
        """(claim IRI, its row of ``claims.rq``, the entities it is about) of each claim the
        graph keeps (:func:`kg.fact_graph.fact_quads`); made once, for ``claims`` and ``about``."""
        if self._claim_rows is None:
            self._claim_rows = list(self._make_claims())
        return self._claim_rows

    def _make_claims(self) -> Iterator[tuple[str, Row, list[str]]]:
        from kg.events import event_of_claim
        from kg.fact_graph import claim_content, written_claimant
        from kg.iri import mint_iri, short_hash

        assignment = self.corpus.resolution.assignment
        for extraction, facts, a_iri in self._with_facts():
            article = extraction.article
            aid = article.id
            # mint_iri(base, "fact", aid, "claim", digest): a digest is hex, kept as it is.
            prefix = mint_iri(self.base, "fact", aid, "claim", "0")[:-1]
            for claim in facts.claims:
                key = written_claimant(claim, aid, assignment, self.iri)
                if key is None:
                    continue
                resolved = key != ""
                words = claim.speaker or claim.claimant
                iri = prefix + short_hash(str(claim.start), str(claim.end), claim.rule)
                event_key = event_of_claim(claim, article.text, self.by_sentence[aid])
                sentence, text = self._sentence(extraction, a_iri, claim.sentence)
                row = (
                    iri,
                    self.iri[str(key)] if resolved else None,
                    a_iri,
                    claim_content(claim, article.text),
                    self._event_iri(event_key) if event_key is not None else None,
                    sentence,
                    text,
                    article.text[words[0] : words[1]] if words is not None else None,
                    claim.speaker_kind or "name",
                )
                about = [e for span in claim.about if (e := self._entity(aid, span)) is not None]
                yield iri, row, about

    def _claims(self) -> Iterator[Row]:
        for _, row, _ in self._claims_with_iris():
            yield row

    def _about(self) -> Iterator[Row]:
        for iri, _, about in self._claims_with_iris():
            for entity in sorted(set(about)):
                yield iri, entity
