"""Reading a built graph into networkx: entities and events joined by the facts, and co-mentions.

The graph is read as the rows of the SPARQL queries in ``kg/viz/queries/*.rq`` only, so this
depends on the RDF contract (decisions 0001 and 0004) and works on any file or store; a build
hands its records instead (:class:`kg.viz.rows.CorpusRows` makes the same rows from them).

Reading happens in two steps so that the page can stop after the first (:class:`GraphReader`):
the *shape* (every node with its types, names and articles; every fact edge with its sentences),
which never reads a mention's text, then the *mentions* of the nodes wanted (a ``VALUES`` block
on ``?entity``). The mentions are most of a corpus's quads (each has its words and its sentence).

Co-mentions (:func:`count_co_mentions`): two entities (or events) *appear with* each other when some
article names both; the weight is the number of such articles, counted from each node's
``articles`` (the articles with a mention of it, or that report the event). A pair in one article
counts once however often either is named there. A co-mention is not a fact: it says the two
share a story (an article about a trial names the judge and the defendant; a match report, both
clubs), not how they are related.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.viz.rows import Row, RowSource, StoreRows
from kg.viz.terms import (
    ABOUT,
    APPEARS_WITH,
    BROADER_TYPE,
    CLAIMED,
    COUNTRY,
    HELD_IN,
    HOLDS_POSITION,
    PART_OF,
    PARTICIPATED_IN,
    TYPE_COLORS,
)

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph as ox


_TYPE_NAMESPACES = (
    "https://schema.org/",
    "http://schema.org/",
    "https://w3id.org/kg-news/ontology#",
)


def _local_type(iri: str) -> str | None:
    for namespace in _TYPE_NAMESPACES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return iri[len(namespace) :]
    return None


def _most_specific(types: Iterable[str]) -> str:
    """The narrowest of an entity's types (``GovernmentOrganization`` over ``Organization``)."""
    return _narrowest(frozenset(types))


@cache
def _narrowest(types: frozenset[str]) -> str:
    candidates = set(types) - {"Thing"}
    broader = {BROADER_TYPE[t] for t in candidates if t in BROADER_TYPE}
    narrow = candidates - broader or candidates
    if not narrow:
        return "Thing"
    known = [t for t in TYPE_COLORS if t in narrow]
    return known[0] if known else sorted(narrow)[0]


def _sentence_order(iri: str | None) -> int:
    """Where a sentence starts, from its IRI's ``#char=start,end`` (0 without one)."""
    _, mark, offsets = (iri or "").rpartition("#char=")
    start, comma, _ = offsets.partition(",")
    return int(start) if mark and comma and start.isdigit() else 0


def tail(iri: str) -> str:
    """The last segment of an IRI, a name of last resort."""
    return re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri


def as_list(value: Any) -> list[Any]:
    """A list of the value's items: a string is one item, a mapping or a scalar none."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return list(value)
    return []


def mention_count(attrs: Mapping[str, Any]) -> int:
    """A node's ``mentions`` as an int (0 when missing or not a number)."""
    try:
        return int(attrs.get("mentions") or 0)
    except (TypeError, ValueError):
        return 0


def _by_first(count: int) -> Callable[[Row], tuple[str, ...]]:
    """A sort key of rows: their first ``count`` terms (not a sentence's whole text)."""

    def key(row: Row) -> tuple[str, ...]:
        return tuple(term or "" for term in row[:count])

    return key


class _Evidence:
    """Evidence records of one node or edge, one per sentence (or claim), in text order.

    What each sentence adds is kept as given and made into its record only when the records
    are read (:meth:`items`): a page reads those of the nodes it keeps only.
    """

    def __init__(self) -> None:
        self._items: dict[str, tuple[tuple[str, int], list[tuple[Any, ...]]]] = {}

    def add(
        self,
        articles: Mapping[str, Mapping[str, str]],
        *,
        article: str,
        sentence_iri: str | None,
        sentence: str | None,
        **extra: str | None,
    ) -> None:
        text = sentence if sentence is not None else (extra.get("quote") or "")
        key = sentence_iri or f"{article} {text}"
        found = self._items.get(key)
        if found is None:
            self._items[key] = ((article, _sentence_order(sentence_iri)), [])
            found = self._items[key]
        found[1].append((articles, text, article, extra))

    def __len__(self) -> int:
        return len(self._items)

    def items(self) -> list[dict[str, str]]:
        """The records; where a sentence was added twice, the later values win, but for the
        claimant of an unnamed speaker's claim: a named one (a mention's sentence names the
        claimants it carries) would put a name to words that have none."""
        records = []
        for _, adds in sorted(self._items.values(), key=lambda pair: pair[0]):
            item: dict[str, str] = {}
            for articles, text, article, extra in adds:
                info = articles.get(article, {})
                item.update(
                    sentence=text,
                    article=article,
                    title=info.get("title", ""),
                    source=info.get("source", ""),
                )
                named = bool(item.get("unnamed")) and not extra.get("unnamed")
                item.update(
                    {
                        name: value
                        for name, value in extra.items()
                        if value and not (named and name == "claimant")
                    }
                )
            records.append(item)
        return records


class _LazyEvidence(Sequence[dict[str, str]]):
    """A node's or edge's evidence records, made when first read (a page reads few)."""

    def __init__(self, evidence: _Evidence) -> None:
        self._evidence = evidence
        self._records: list[dict[str, str]] | None = None

    def _read(self) -> list[dict[str, str]]:
        if self._records is None:
            self._records = self._evidence.items()
        return self._records

    def __len__(self) -> int:
        return len(self._evidence) if self._records is None else len(self._records)

    def __getitem__(self, index: Any) -> Any:
        return self._read()[index]

    def __iter__(self) -> Iterator[dict[str, str]]:
        return iter(self._read())

    def __eq__(self, other: object) -> bool:
        return self._read() == (list(other) if isinstance(other, Sequence) else other)

    __hash__ = None  # type: ignore[assignment]


class GraphReader:
    """One built graph read in two steps: :meth:`shape`, then :meth:`mention_evidence`.

    Args:
        graph: A graph file, a store directory or an open store (read with SPARQL), or a
            source of the same rows (:class:`kg.viz.rows.CorpusRows`: a build's records).
    """

    def __init__(self, graph: str | Path | ox.Store | RowSource) -> None:
        self.source = graph if isinstance(graph, RowSource) else StoreRows(graph)
        rows = self.source.rows
        self.articles: dict[str, dict[str, str]] = {}
        for article, title, source in rows("articles"):
            if article is None:
                continue
            self.articles.setdefault(article, {"title": "", "source": ""})
            for name, value in (("title", title), ("source", source)):
                if value and not self.articles[article][name]:
                    self.articles[article][name] = value
        self.labels: dict[str, str] = {}
        for thing, label in sorted(rows("labels"), key=lambda row: (row[0], row[1])):
            if thing is not None and label:
                self.labels.setdefault(thing, label)
        self._evidence: dict[str, _Evidence] = defaultdict(_Evidence)
        self._claimants_of_sentence: dict[str, set[str]] = defaultdict(set)
        self._entities: set[str] = set()
        self._mentions: dict[str, int] = {}

    def _name(self, iri: str) -> str:
        return self.labels.get(iri) or tail(iri)

    def shape(self, *, mentions: bool = False) -> nx.MultiDiGraph:
        """Every node and fact edge. A node's ``evidence`` holds the sentences of its facts only,
        unless ``mentions`` (then every mention's sentence is read too, as :func:`to_networkx`
        does); its ``articles`` are complete either way."""
        import networkx as nx

        rows, articles, labels = self.source.rows, self.articles, self.labels
        nodes: dict[str, dict[str, Any]] = {}
        evidence = self._evidence

        def node(iri: str) -> dict[str, Any]:
            if iri not in nodes:
                nodes[iri] = {
                    "label": labels.get(iri) or tail(iri),
                    "type": "Thing",
                    "types": [],
                    "mentions": 0,
                    "articles": set(),
                    "variants": set(),
                    "same_as": set(),
                    "roles": set(),
                }
            return nodes[iri]

        for entity, count, label, pref in sorted(rows("entities"), key=str):
            if entity is None:
                continue
            attrs = node(entity)
            attrs["mentions"] = max(attrs["mentions"], mention_count({"mentions": count}))
            attrs["label"] = labels.get(entity) or label or pref or tail(entity)
        self._entities = set(nodes)
        types: dict[str, set[str]] = defaultdict(set)
        for entity, type_iri in rows("entity_types"):
            local = _local_type(type_iri or "")
            if entity is not None and local:
                types[entity].add(local)
        for entity, variant in rows("variants"):
            if entity is not None and variant:
                node(entity)["variants"].add(variant)
        for entity, same in rows("same_as"):
            if entity is not None and same:
                node(entity)["same_as"].add(same)

        # Sentences that carry a claim, to name the claimant beside a mention in them.
        # Sorted, here and below, so that where two rows give one sentence of a node (two claims
        # in one sentence), the same one wins whatever order the source gave them in.
        claim_rows = sorted(rows("claims"), key=_by_first(6))
        for _, claimant, _, _, _, sentence_iri, *_ in claim_rows:
            if sentence_iri and claimant:
                self._claimants_of_sentence[sentence_iri].add(self._name(claimant))

        if mentions:
            self._add_mentions(rows("mentions"), nodes)
        else:
            for entity, article in rows("mention_articles"):
                if entity is not None and article is not None and entity in nodes:
                    nodes[entity]["articles"].add(article)

        for event, label, date, place in sorted(rows("events"), key=str):
            if event is None:
                continue
            attrs = node(event)
            attrs["type"] = "Event"
            attrs["label"] = labels.get(event) or label or tail(event)
            if date:
                attrs["date"] = date
            if place:
                attrs["place_iri"] = place
        for event, article in rows("event_articles"):
            if event is not None and article is not None:
                node(event)["articles"].add(article)

        edges: dict[tuple[str, str, str], dict[str, Any]] = {}

        def edge(u: str, v: str, relation: str) -> dict[str, Any]:
            node(u)
            node(v)
            key = (u, v, relation)
            if key not in edges:
                edges[key] = {"relation": relation, "evidence": _Evidence(), "roles": set()}
            return edges[key]

        for holder, of, role, role_label, article, sentence_iri, text in sorted(
            rows("positions"), key=_by_first(6)
        ):
            if holder is None or article is None:
                continue
            name = role_label or (self._name(role) if role else "")
            if name:
                node(holder)["roles"].add(name)
            if of is None or of == holder:
                continue
            data = edge(holder, of, HOLDS_POSITION)
            if name:
                data["roles"].add(name)
            for records in (data["evidence"], evidence[holder]):
                records.add(articles, article=article, sentence_iri=sentence_iri, sentence=text)

        for event, participant in rows("event_participants"):
            if event is not None and participant is not None and event != participant:
                edge(participant, event, PARTICIPATED_IN)
        for event, participant, article, sentence_iri, text in sorted(
            rows("participations"), key=_by_first(4)
        ):
            if event is None or participant is None or article is None or event == participant:
                continue
            for records in (edge(participant, event, PARTICIPATED_IN)["evidence"], evidence[event]):
                records.add(articles, article=article, sentence_iri=sentence_iri, sentence=text)

        about: dict[str, set[str]] = defaultdict(set)
        for claim, target in rows("about"):
            if claim is not None and target is not None:
                about[claim].add(target)
        for claim, claimant, article, quote, event, sentence_iri, text, words, _ in claim_rows:
            if claim is None or article is None:
                continue
            if claimant is None:
                # A speaker never named ("a senior official"): its account stays on the event and
                # on what it is about, under the speaker's own words, with no entity node.
                if words:
                    unnamed = [evidence[event]] if event is not None else []
                    unnamed += [evidence[t] for t in sorted(about.get(claim, ())) if t in nodes]
                    for records in unnamed:
                        records.add(
                            articles,
                            article=article,
                            sentence_iri=sentence_iri,
                            sentence=text,
                            claimant=words,
                            unnamed="1",
                            quote=quote,
                        )
                continue
            holders = [evidence[claimant]]
            node(claimant)["articles"].add(article)
            if event is not None and event != claimant:
                holders += [edge(claimant, event, CLAIMED)["evidence"], evidence[event]]
            for target in sorted(about.get(claim, ())):
                if target != claimant:
                    holders.append(edge(claimant, target, ABOUT)["evidence"])
            for records in holders:
                records.add(
                    articles,
                    article=article,
                    sentence_iri=sentence_iri,
                    sentence=text,
                    claimant=self._name(claimant),
                    quote=quote,
                )

        for entity, country in rows("country"):
            if entity is None or country is None or entity == country:
                continue
            is_place = "Place" in types.get(entity, ())
            edge(entity, country, PART_OF if is_place else COUNTRY)
        for event, attrs in list(nodes.items()):
            place = attrs.pop("place_iri", None)
            if place is not None and place != event:
                attrs["place"] = self._name(place)
                edge(event, place, HELD_IN)

        for event, type_iri in rows("event_types"):
            local = _local_type(type_iri or "")
            if event in nodes and local:
                types[event].add(local)
        # An end of a fact that is neither an entity nor an event (not in kg's own graphs).
        stubs = {iri for iri in nodes if iri not in types}
        if stubs:
            for thing, type_iri in rows("types"):
                local = _local_type(type_iri or "")
                if thing in stubs and local:
                    types[thing].add(local)

        self._mentions = {iri: int(attrs["mentions"]) for iri, attrs in nodes.items()}

        def read(found: _Evidence) -> list[dict[str, str]] | _LazyEvidence:
            # Every record now for to_networkx; for a page, those of the nodes it keeps.
            return found.items() if mentions else _LazyEvidence(found)

        result = nx.MultiDiGraph()
        for iri, attrs in sorted(nodes.items()):
            own = types.get(iri, set())
            if attrs["type"] != "Event":
                attrs["type"] = _most_specific(own)
            found = read(evidence[iri]) if iri in evidence else []
            if attrs["type"] == "Event":
                attrs["mentions"] = max(attrs["mentions"], len(found))
            result.add_node(
                iri,
                **{
                    **attrs,
                    "types": sorted(own | {attrs["type"]}),
                    "articles": sorted(attrs["articles"]),
                    "variants": sorted(attrs["variants"]),
                    "same_as": sorted(attrs["same_as"]),
                    "roles": sorted(attrs["roles"]),
                    "evidence": found,
                },
            )
        for (u, v, relation), data in sorted(edges.items()):
            found = read(data["evidence"])
            extra: dict[str, Any] = {}
            if relation == HOLDS_POSITION:
                extra = {"role": ", ".join(sorted(data["roles"])), "roles": sorted(data["roles"])}
            result.add_edge(
                u, v, key=relation, relation=relation, evidence=found, count=len(found), **extra
            )
        return result

    def _add_mentions(self, rows: Iterable[Row], nodes: Mapping[str, dict[str, Any]]) -> None:
        for entity, article, anchor, sentence_iri, text in sorted(rows, key=_by_first(4)):
            if entity is None or article is None or entity not in nodes:
                continue
            nodes[entity]["articles"].add(article)
            self._evidence[entity].add(
                self.articles,
                article=article,
                sentence_iri=sentence_iri,
                sentence=text if text is not None else anchor,
                mention=anchor,
                claimant="; ".join(sorted(self._claimants_of_sentence.get(sentence_iri or "", ()))),
            )

    def mention_evidence(
        self, wanted: Collection[str], *, limit: int | None = None
    ) -> dict[str, tuple[list[dict[str, str]], int]]:
        """The evidence of these nodes (read by :meth:`shape`) with their mentions' sentences,
        and how many sentences that is in all.

        Args:
            wanted: The nodes.
            limit: Read at most this many mentions of a node (the first the source finds:
                Oxigraph's, or the first in the corpus; its evidence is still in text order);
                the count is then that of every sentence that mentions it. A page that shows
                50 sentences of a node reads the same few of it in a corpus of any size.
        """
        entities = sorted(set(wanted) & self._entities)
        nodes: dict[str, dict[str, Any]] = {iri: {"articles": set()} for iri in entities}
        few = [e for e in entities if limit is None or self._mentions.get(e, 0) <= limit]
        many = [e for e in entities if limit is not None and self._mentions.get(e, 0) > limit]
        rows, sentences = self.source.mentions(few, many, limit=limit or 0)
        self._add_mentions(rows, nodes)
        found = {iri: self._evidence[iri].items() for iri in wanted if iri in self._evidence}
        counts = {iri: len(items) for iri, items in found.items()}
        for counted, number in sentences.items():
            if counted in counts:
                counts[counted] = max(counts[counted], number)
        return {iri: (items, counts[iri]) for iri, items in found.items()}


def count_co_mentions(
    graph: nx.MultiDiGraph, nodes: Collection[str] | None = None
) -> dict[tuple[str, str], list[str]]:
    """The articles each pair of nodes shares: ``{(u, v): [article, ...]}`` with ``u < v``.

    Args:
        graph: A graph from :func:`to_networkx` (nodes with ``articles``).
        nodes: Only pairs of these nodes (all nodes when ``None``).

    Returns:
        Every pair named together in at least one article, with those articles (sorted).
    """
    chosen = graph.nodes if nodes is None else [n for n in nodes if n in graph]
    by_article: dict[str, list[str]] = defaultdict(list)
    for node in sorted(chosen):
        for article in as_list(graph.nodes[node].get("articles")):
            by_article[str(article)].append(node)
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for article in sorted(by_article):
        for u, v in combinations(by_article[article], 2):
            shared[(u, v)].append(article)
    return dict(shared)


def add_co_mentions(graph: nx.MultiDiGraph, pairs: Mapping[tuple[str, str], list[str]]) -> None:
    """Add :data:`APPEARS_WITH` edges for these pairs (``count``: how many articles)."""
    for (u, v), shared in pairs.items():
        graph.add_edge(
            u,
            v,
            key=APPEARS_WITH,
            relation=APPEARS_WITH,
            articles=shared,
            count=len(shared),
            evidence=[],
        )


def to_networkx(graph: str | Path | ox.Store, *, co_mentions: bool = False) -> nx.MultiDiGraph:
    """Read a built graph into networkx: entities and events, joined by the facts.

    Nodes are keyed by IRI. An entity has ``label``, ``type`` (its most specific type:
    ``Person``, ``GovernmentOrganization``, ...), ``types`` (with the broader ones), ``mentions``,
    ``articles`` (the IRIs of the articles that mention it), ``variants``, ``same_as`` (GeoNames or
    Wikidata IRIs), ``roles`` and ``evidence`` (the sentences that mention it). An event has
    ``type`` ``"Event"``, ``date`` and ``place`` when known, and the same attributes.

    An edge ``(u, v, key=relation)`` has ``relation`` (:data:`HOLDS_POSITION` with ``role``,
    :data:`PARTICIPATED_IN`, :data:`CLAIMED`, :data:`ABOUT`, :data:`PART_OF`, :data:`COUNTRY`,
    :data:`HELD_IN`), ``evidence`` (a list of ``{sentence, article, title, source}``, with
    ``claimant`` and ``quote`` for claims) and ``count`` (the number of evidence records).

    Args:
        graph: A graph file (``.ttl``, ``.trig``, ...), a store directory or an open store.
        co_mentions: Also join every two nodes named in the same article by an
            :data:`APPEARS_WITH` edge, with ``articles`` (the articles they share), ``count``
            (how many) and an empty ``evidence``. One edge a pair, from the smaller IRI; it
            grows with the square of the entities an article names.

    Returns:
        The graph.

    Raises:
        GraphError: The graph cannot be opened.

    Example:
        >>> graph = to_networkx("out/graph.ttl")  # doctest: +SKIP
        >>> graph.nodes["https://w3id.org/kg-news/id/entity/person/annalena_baerbock"]["mentions"]
    """
    result = GraphReader(graph).shape(mentions=True)
    if co_mentions:
        add_co_mentions(result, count_co_mentions(result))
    return result
