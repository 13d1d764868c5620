"""The corpus-wide stages (resolve entities, places and governments, events, twins) and the graph
of a whole corpus, in pieces.

The per-article stages (clean, extract, facts) run wherever there are cores
(:mod:`kg.parallel`); what needs every article at once runs here, in the process that runs the
build. None of it needs a model, so a store runs it over every article it holds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg import __version__
from kg.errors import run_stage
from kg.iri import mint_iri
from kg.memory import paused_gc
from kg.records import Article, Claim, Corpus, EntityType, Extraction, Facts, Resolution, Skipped

if TYPE_CHECKING:
    from kg.graph import OutputFormat, Rendered, RunInfo
    from kg.parallel import Workers


def graph_iri(base: str, name: str) -> str:
    """The IRI of one of the shared graphs (``entities``, ``run``)."""
    return mint_iri(base, "graph", name)


def resolve_corpus(
    extractions: Sequence[Extraction],
    *,
    model: str,
    facts: Mapping[str, Facts] | None = None,
    claims: Mapping[str, Sequence[Claim]] | None = None,
    skipped: Sequence[Skipped] = (),
    warnings: Sequence[str] = (),
    seconds: Mapping[str, float] | None = None,
    pool: Workers | None = None,
    twin_finder: Callable[[Sequence[Article]], tuple[tuple[str, str], ...]] | None = None,
    cluster_article: Callable[[Extraction], Any] | None = None,
) -> Corpus:
    """Run the corpus-wide stages over some extractions: resolve entities, add places and
    governments, resolve events, find twins.

    Args:
        extractions: One per article, each with a distinct article id, in the graph's order.
        model: ``name@version`` of the pipeline that made them.
        facts: Each article's facts by article id, as the per-article stages found them
            (:func:`kg.parallel.analyse_batch`); those of the other articles are found here,
            from their records and ``claims``.
        claims: The claims of articles not analysed now, as found from their parse before (a
            store keeps them: claims need the parse, which is not kept).
        seconds: Times of the earlier stages, kept in the corpus's ``seconds``.
        pool: Workers for independent work (twins are found there meanwhile).
        twin_finder: Finds the twin pairs of the articles, here, instead of
            :func:`kg.twins.find_twins` over them all (a store's, from what changed:
            :mod:`kg.store_twins`).
        cluster_article: Gives one article's clusters in place of
            :func:`kg.resolve._resolve_article` (a store's, kept: :mod:`kg.store_clusters`).
    """
    with paused_gc():
        return _resolve_corpus(
            extractions,
            model=model,
            facts=facts,
            claims=claims,
            skipped=skipped,
            warnings=warnings,
            seconds=seconds,
            pool=pool,
            twin_finder=twin_finder,
            cluster_article=cluster_article,
        )


def _resolve_corpus(
    extractions: Sequence[Extraction],
    *,
    model: str,
    facts: Mapping[str, Facts] | None,
    claims: Mapping[str, Sequence[Claim]] | None,
    skipped: Sequence[Skipped],
    warnings: Sequence[str],
    seconds: Mapping[str, float] | None,
    pool: Workers | None,
    twin_finder: Callable[[Sequence[Article]], tuple[tuple[str, str], ...]] | None,
    cluster_article: Callable[[Extraction], Any] | None,
) -> Corpus:
    from kg.events import resolve_events
    from kg.facts import extract_facts
    from kg.resolve import add_places_and_governments, add_publishers, resolve_entities
    from kg.twins import find_twins

    articles = [ex.article for ex in extractions]
    times = dict(seconds or {})
    # Twins need only the texts: a worker finds them while this process resolves (without
    # worker processes, submit finds them here and now: that time is "twins").
    t0 = time.perf_counter()
    twins_of: Callable[[], tuple[tuple[str, str], ...]] | None = None
    if twin_finder is not None:
        twins_of = _known(run_stage("twins", twin_finder, articles))
    elif pool is not None:
        twins_of = pool.submit(find_twins, articles)
    times["twins"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    resolution = run_stage(
        "resolve",
        lambda: add_publishers(
            resolve_entities(extractions, cluster_article=cluster_article), articles
        ),
    )
    times["resolve"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = dict(facts or {})
    missing = [ex for ex in extractions if ex.article.id not in found]
    kept = claims or {}
    found.update(
        run_stage(
            "facts",
            lambda: {
                ex.article.id: extract_facts(ex, claims=kept.get(ex.article.id)) for ex in missing
            },
        )
    )
    ordered = [found[ex.article.id] for ex in extractions]
    resolution = run_stage(
        "resolve",
        add_places_and_governments,
        resolution,
        countries={
            iso
            for f in ordered
            for iso in [
                *(p.of_country for p in f.positions if p.of_country),
                *(c for e in f.events for c in e.countries),
            ]
        },
        governments={c.government for f in ordered for c in f.claims if c.government}
        | {iso for f in ordered for _, iso in f.stands_for},
    )
    events = run_stage("events", resolve_events, ordered, resolution)
    times["facts"] = time.perf_counter() - t0
    t0 = time.perf_counter()  # then waiting for the worker's twins, or finding them here
    twins = run_stage("twins", twins_of if twins_of is not None else lambda: find_twins(articles))
    times["twins"] += time.perf_counter() - t0
    return Corpus(
        articles=tuple(articles),
        extractions=tuple(extractions),
        resolution=resolution,
        skipped=tuple(skipped),
        warnings=tuple(warnings),
        model=model,
        seconds=times,
        facts=tuple(ordered),
        events=events,
        twins=twins,
    )


def _known(pairs: tuple[tuple[str, str], ...]) -> Callable[[], tuple[tuple[str, str], ...]]:
    """Twin pairs already found, as a function that waits for them."""
    return lambda: pairs


def corpus_quads(corpus: Corpus, *, base: str, started: str, ended: str) -> Iterator[Any]:
    """Every quad of the graph of a corpus."""
    for graph in corpus_graphs(corpus, base=base, started=started, ended=ended):
        if not isinstance(graph, list):  # only made with a pool of local processes
            raise TypeError("corpus_quads makes the graph here, never pre-rendered pieces")
        yield from graph


def corpus_graphs(
    corpus: Corpus,
    *,
    base: str,
    started: str,
    ended: str,
    pool: Workers | None = None,
    formats: Sequence[OutputFormat] = ("turtle", "trig"),
) -> Iterator[list[Any] | Rendered]:
    """The graph of a corpus, in pieces: each article's graph, then the shared graphs
    (entities, events, roles, twins, the run). The order is the same on every run.

    With a pool of local worker processes, the article graphs are made and serialised there
    (in ``formats``), while this process makes and serialises the shared graphs, and every piece
    comes as a :class:`kg.graph.Rendered`, in the same order and with the same bytes as pieces
    made here; otherwise the pieces are lists of quads.
    """
    from kg.graph import render_graph

    context = graph_context(corpus, base=base, started=started, ended=ended)
    facts = {f.article_id: f for f in corpus.facts}
    pairs = [(ex, facts.get(ex.article.id)) for ex in corpus.extractions]
    types, by_sentence = context.types, context.by_sentence
    if pool is not None and pool.local_processes and len(pairs) > 1:
        # The shared graphs need every article's records but none of the article graphs: they
        # are made once the workers have the articles' tasks, not after the last one is back.
        shared: list[Rendered] = []

        def make_shared() -> None:
            for quads in shared_graphs(corpus, context, base=base):
                shared.append(render_graph(quads, formats))

        yield from pool.map(
            _render_articles,
            _render_tasks(base, pairs, corpus.resolution, types, by_sentence, formats, pool),
            what="graph",
            started=make_shared,
        )
        yield from shared
        return
    for extraction, found in pairs:
        yield article_graph(base, extraction, found, corpus.resolution, types, by_sentence)
    yield from shared_graphs(corpus, context, base=base)


@dataclass(frozen=True, slots=True)
class GraphContext:
    """What the graphs of a corpus share: the run, each entity's type, each sentence's event."""

    info: RunInfo
    run: str
    types: dict[str, EntityType]
    by_sentence: dict[tuple[str, int], str]


def graph_context(corpus: Corpus, *, base: str, started: str, ended: str) -> GraphContext:
    from kg.events import event_of_sentence
    from kg.graph import RunInfo, entity_types_of, run_iri

    info = RunInfo(
        software=f"kg {__version__}",
        model=corpus.model,
        started=started,
        ended=ended,
        inputs=len(corpus.articles),
        skipped=len(corpus.skipped),
    )
    return GraphContext(
        info=info,
        run=run_iri(base, corpus.articles, info),
        types=entity_types_of(corpus.resolution),
        by_sentence=event_of_sentence(corpus.events),
    )


def shared_graphs(
    corpus: Corpus, context: GraphContext, *, base: str, entities: bool = True
) -> Iterator[list[Any]]:
    """The graphs after the articles' ones: entities, events, roles (the graph of entities,
    left out when ``entities`` is false: a store writes it by subject, :func:`shared_subjects`),
    twins, the run."""
    from kg.fact_graph import event_quads, role_quads, twin_quads
    from kg.facts import load_roles
    from kg.graph import entity_quads, run_quads

    run, types = context.run, context.types
    articles = {a.id: a for a in corpus.articles}
    if entities:
        yield list(entity_quads(base, corpus.resolution))
        yield list(event_quads(base, corpus.events, articles=articles, entity_types=types))
        roles = {p.role for f in corpus.facts for p in f.positions}
        yield list(role_quads(base, roles, load_roles().pref_labels))
    yield list(twin_quads(base, corpus.twins, articles))
    yield list(run_quads(base, run, context.info, articles=corpus.articles))


def shared_subjects(corpus: Corpus, context: GraphContext, *, base: str) -> dict[str, Any]:
    """The graph of entities of :func:`shared_graphs` (entities, events, roles), as subjects
    (:class:`kg.store_entities.Subject`) by IRI, for a store to write only those that changed."""
    from kg.fact_graph import event_quads, role_quads
    from kg.facts import load_roles
    from kg.store_entities import entity_subjects, quad_subjects

    articles = {a.id: a for a in corpus.articles}
    subjects = entity_subjects(base, corpus.resolution.entities)
    events = event_quads(base, corpus.events, articles=articles, entity_types=context.types)
    subjects.update(quad_subjects(events))
    roles = {p.role for f in corpus.facts for p in f.positions}
    subjects.update(quad_subjects(role_quads(base, roles, load_roles().pref_labels)))
    return subjects


def article_graph(
    base: str,
    extraction: Extraction,
    facts: Facts | None,
    resolution: Resolution,
    entity_types: Mapping[str, Any],
    event_of_sentence: Mapping[tuple[str, int], str],
) -> list[Any]:
    """The quads of one article's named graph: its text, sentences, mentions and facts."""
    from kg.fact_graph import fact_quads
    from kg.graph import article_quads

    graph = list(article_quads(base, extraction, resolution, entity_types=entity_types))
    if facts is not None:
        graph.extend(
            fact_quads(
                base,
                extraction,
                facts,
                resolution,
                entity_types=entity_types,
                event_of_sentence=event_of_sentence,
            )
        )
    return graph


def _render_tasks(
    base: str,
    pairs: Sequence[tuple[Extraction, Facts | None]],
    resolution: Resolution,
    types: Mapping[str, Any],
    by_sentence: Mapping[tuple[str, int], str],
    formats: Sequence[OutputFormat],
    pool: Workers,
) -> list[tuple[Any, ...]]:
    """Article graphs to make in workers, in chunks, each with the part of the resolution its
    articles use (their mentions' entity keys, their publishers, their sentences' events) and
    every entity's type (a fact may name a country no mention of the article names)."""
    assigned: dict[str, dict[tuple[str, int, int], str]] = {}
    for (aid, start, end), key in resolution.assignment.items():
        assigned.setdefault(aid, {})[(aid, start, end)] = key
    events: dict[str, dict[tuple[str, int], str]] = {}
    for (aid, sentence), key in by_sentence.items():
        events.setdefault(aid, {})[(aid, sentence)] = key
    # Several chunks per worker, so that none waits long for the last one.
    size = min(256, max(8, -(-len(pairs) // (4 * pool.workers))))
    tasks = []
    for i in range(0, len(pairs), size):
        chunk = list(pairs[i : i + size])
        ids = [ex.article.id for ex, _ in chunk]
        part = Resolution(
            entities=(),
            assignment={k: v for aid in ids for k, v in assigned.get(aid, {}).items()},
            publishers={
                aid: resolution.publishers[aid] for aid in ids if aid in resolution.publishers
            },
        )
        sentences = {k: v for aid in ids for k, v in events.get(aid, {}).items()}
        tasks.append((base, chunk, part, types, sentences, tuple(formats)))
    return tasks


def _render_articles(
    base: str,
    chunk: Sequence[tuple[Extraction, Facts | None]],
    resolution: Resolution,
    types: Mapping[str, Any],
    by_sentence: Mapping[tuple[str, int], str],
    formats: Sequence[OutputFormat],
) -> Rendered:
    """Make and serialise the graphs of some articles (in a worker): one piece, the bytes of
    each article's graph one after another, as :func:`kg.graph.write_graphs` would write them."""
    from kg.graph import Rendered, render_graph

    pieces = [
        render_graph(
            article_graph(base, ex, found, resolution, types, by_sentence), formats, one_graph=True
        )
        for ex, found in chunk
    ]
    return Rendered(
        {fmt: b"".join(p.data[fmt] for p in pieces) for fmt in formats},
        sum(p.quads for p in pieces),
        sum(p.seconds for p in pieces),
    )
