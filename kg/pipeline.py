"""The build recipe: read -> clean -> extract -> resolve -> graph -> write.

Each stage is a module of its own; this one only runs them in order, names the stage in any error
it re-raises, and reports what happened.
"""

from __future__ import annotations

import gc
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from kg import __version__
from kg.errors import InputError, KGError
from kg.iri import DEFAULT_BASE, check_base, mint_iri, short_hash
from kg.records import (
    Analysed,
    Article,
    Event,
    Extraction,
    Facts,
    RawDocument,
    Resolution,
    Skipped,
)

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.graph import OutputFormat, Rendered
    from kg.parallel import Workers
    from kg.store import StoreUpdate
    from kg.viz import VizReport


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything the analysis stages produced, before any RDF is made."""

    articles: tuple[Article, ...]
    extractions: tuple[Extraction, ...]
    resolution: Resolution
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]
    model: str
    seconds: dict[str, float] = field(default_factory=dict)
    facts: tuple[Facts, ...] = ()
    events: tuple[Event, ...] = ()
    twins: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did: written to ``report.json`` and summarised by the CLI."""

    articles: int
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]
    entities: int
    mentions: int
    entities_by_type: dict[str, int]
    outputs: tuple[str, ...]
    model: str
    seconds: dict[str, float]
    #: What a ``--store`` build changed in the store.
    store: StoreUpdate | None = None
    #: Text kept and dropped by cleaning, and languages, per article (:func:`kg.clean.text_report`).
    text: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when every input was used."""
        return not self.skipped

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-able data."""
        data: dict[str, Any] = {
            "kg_version": __version__,
            "model": self.model,
            "articles_read": self.articles,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "warnings": list(self.warnings),
            "entities": self.entities,
            "mentions": self.mentions,
            "entities_by_type": dict(sorted(self.entities_by_type.items())),
            "outputs": list(self.outputs),
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
        }
        if self.store is not None:
            data["store"] = self.store.to_json()
        if self.text:
            data["text"] = self.text
        return data


class StageError(KGError):
    """An unexpected failure inside a stage, named."""


def article_id(doc: RawDocument) -> str:
    """A stable id for an article from what it is, not how its path was spelled: its URL, else
    its source (the path relative to the folder given, or the file name, with ``:LINE`` for a
    JSON Lines line; :func:`kg.ingest.iter_documents`); a story read from standard input has no
    name, so its content identifies it."""
    source = doc.url or doc.source
    if source == "-":
        return f"stdin-{short_hash(doc.text, length=16)}"
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", source.rstrip("/").rsplit("/", 1)[-1])
    slug = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").lower()[:40] or "article"
    return f"{slug}-{short_hash(source, length=10)}"


def nothing_read(skipped: Sequence[Skipped]) -> InputError:
    """The error of a run that read no article: it names the first reason, and says nothing
    was written (the output folder and the store are left as they were)."""
    if not skipped:
        return InputError("no article to read in the inputs given; nothing was written")
    more = f" (and {len(skipped) - 1} more inputs skipped)" if len(skipped) > 1 else ""
    return InputError(f"no article could be read: {skipped[0]}{more}; nothing was written")


def _stage(name: str, fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except KGError:
        raise
    except Exception as err:  # a bug or a library failure: say where it happened
        raise StageError(f"stage {name!r} failed: {type(err).__name__}: {err}") from err


def read_documents(
    paths: Iterable[str | Path],
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_chars: int = 1_000_000,
) -> tuple[list[tuple[str, RawDocument]], list[Skipped], list[str]]:
    """Read every input, each document once. Returns (article id, document) pairs, skipped
    inputs and warnings. Lines that a site repeats across its documents are marked as that
    site's furniture (:func:`kg.clean.mark_site_lines`)."""
    from kg.clean import mark_site_lines
    from kg.ingest import iter_documents
    from kg.parallel import where

    documents: list[tuple[str, RawDocument]] = []
    skipped: list[Skipped] = []
    warnings: list[str] = []
    seen: dict[str, tuple[str, str]] = {}
    for item in iter_documents(paths, stdin=stdin, max_chars=max_chars):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        aid = article_id(item)
        if aid in seen:
            first, text = seen[aid]
            if text == item.text:  # the same article given twice (two spellings of a folder)
                warnings.append(f"{where(item)}: the same article as {first}, read once")
                continue
            # Two articles of the same name (a.txt in two folders): told apart by content.
            aid = f"{aid}-{short_hash(item.text, length=8)}"
            if aid in seen:
                warnings.append(f"{where(item)}: the same article as {seen[aid][0]}, read once")
                continue
        seen[aid] = (where(item), item.text)
        documents.append((aid, item))
    return mark_site_lines(documents), skipped, warnings


def read_articles(
    paths: Iterable[str | Path],
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_chars: int = 1_000_000,
) -> tuple[list[Article], list[Skipped], list[str]]:
    """Read and clean every input. Returns articles, skipped inputs and warnings."""
    from kg.clean import clean_document
    from kg.parallel import where

    documents, skipped, warnings = read_documents(paths, stdin=stdin, max_chars=max_chars)
    articles: list[Article] = []
    for aid, doc in documents:
        article = clean_document(doc, article_id=aid)
        if not article.text.strip():
            skipped.append(Skipped(where(doc), "no article text left after removing page clutter"))
            continue
        articles.append(article)
    return articles, skipped, warnings


def analyse(
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    stdin: TextIO | BinaryIO | None = None,
    max_chars: int = 1_000_000,
    batch_size: int = 32,
    workers: int = 1,
    dask: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    pool: Workers | None = None,
) -> Corpus:
    """Run the analysis stages (read, clean, extract, resolve, facts) over some inputs.

    Args:
        paths: Files and folders (``-`` for standard input).
        model: An installed spaCy pipeline (default: the bundled en_core_web_sm).
        workers: Processes for the per-article stages (:func:`kg.parallel.run_batches`); the
            records are the same with any number.
        dask: Run the per-article stages on Dask instead: ``"local"`` (a local cluster of
            ``workers`` processes) or a scheduler's address.
        progress: Called with (articles done, articles in all) as extraction proceeds.
        pool: Workers to use (and leave running) instead of ``workers`` and ``dask``.
    """
    from kg.parallel import Workers

    if pool is None:
        with Workers(workers=workers, dask=dask) as own:
            return analyse(
                paths,
                model=model,
                stdin=stdin,
                max_chars=max_chars,
                batch_size=batch_size,
                progress=progress,
                pool=own,
            )
    from kg.extract import DEFAULT_MODEL, load_pipeline, model_name

    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    documents, skipped, warnings = _stage(
        "read", lambda: read_documents(paths, stdin=stdin, max_chars=max_chars)
    )
    seconds["read"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    name = model or DEFAULT_MODEL
    batches = [documents[i : i + batch_size] for i in range(0, len(documents), batch_size)]
    pool.limit(len(batches))
    # Workers load the pipeline themselves; this process only does when it runs the batches.
    pipeline = name if pool.parallel else _stage("load model", lambda: load_pipeline(name))
    extractions: list[Extraction] = []
    facts: list[Facts] = []
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, len(documents))

    def run() -> None:
        assert pool is not None
        for outcomes in pool.analyse(
            batches, pipeline=pipeline, batch_size=batch_size, progress=advance
        ):
            for outcome in outcomes:
                if isinstance(outcome, Skipped):
                    skipped.append(outcome)
                else:
                    extractions.append(outcome.extraction)
                    facts.append(outcome.facts)

    _stage("extract", run)
    seconds["extract"] = time.perf_counter() - t0
    # The records made so far live until the end of the build: move them out of the cyclic
    # garbage collector's view, or each of its full passes over the later stages' many new
    # objects walks them all again (it doubled the time of resolution at 1,000 articles).
    # (Frozen objects are still freed when no longer referenced; build() unfreezes them.)
    gc.collect()
    gc.freeze()
    if extractions:
        used = extractions[0].model
    else:
        used = model_name(pipeline if not isinstance(pipeline, str) else load_pipeline(name))
    return analyse_extractions(
        extractions,
        model=used,
        skipped=skipped,
        warnings=warnings,
        seconds=seconds,
        facts=facts,
        pool=pool,
    )


def extract_articles(
    articles: Sequence[Article],
    *,
    nlp: Language | str,
    batch_size: int = 32,
    workers: int = 1,
    dask: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    facts: dict[str, Facts] | None = None,
) -> list[Extraction]:
    """Run spaCy over cleaned articles: one Extraction per article, in order.

    Args:
        facts: When given, each article's facts (found from its parsed Doc, in the worker that
            parsed it) are put there by article id.
    """
    from kg.parallel import run_batches

    articles = list(articles)
    batches = [articles[i : i + batch_size] for i in range(0, len(articles), batch_size)]
    out: list[Extraction] = []
    for outcomes in run_batches(
        batches, pipeline=nlp, batch_size=batch_size, workers=workers, dask=dask
    ):
        for outcome in outcomes:
            if not isinstance(outcome, Analysed):
                continue
            out.append(outcome.extraction)
            if facts is not None:
                facts[outcome.extraction.article.id] = outcome.facts
            if progress is not None:
                progress(len(out), len(articles))
    return out


def analyse_extractions(
    extractions: Sequence[Extraction],
    *,
    model: str,
    skipped: Sequence[Skipped] = (),
    warnings: Sequence[str] = (),
    seconds: Mapping[str, float] | None = None,
    rekey: Callable[[Resolution], Resolution] | None = None,
    facts: Sequence[Facts] | None = None,
    pool: Workers | None = None,
) -> Corpus:
    """Run the corpus-wide stages (resolve, facts, events, twins) over some extractions.

    They need no model and are cheap, so a store runs them over every article it holds.

    Args:
        extractions: One per article, each with a distinct article id.
        model: ``name@version`` of the pipeline that made them.
        seconds: Times of the earlier stages, kept in the corpus's ``seconds``.
        rekey: Applied to the resolution before facts and events use its keys (a store keeps
            entity keys stable with :func:`kg.store.stabilise_keys`).
        facts: Each extraction's facts, when the workers found them already
            (:func:`kg.parallel.analyse_batch`); else they are found here.
        pool: Workers for independent work (twins are found there meanwhile).
    """
    from kg.events import resolve_events
    from kg.facts import extract_facts
    from kg.resolve import add_places_and_governments, add_publishers, resolve_entities
    from kg.twins import find_twins

    articles = [ex.article for ex in extractions]
    times = dict(seconds or {})
    # Twins need only the texts: a worker finds them while this process resolves.
    twins_of = pool.submit(find_twins, articles) if pool is not None else None
    t0 = time.perf_counter()
    resolution = _stage("resolve", lambda: add_publishers(resolve_entities(extractions), articles))
    if rekey is not None:
        resolution = _stage("resolve", lambda: rekey(resolution))
    times["resolve"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    if facts is None:
        facts = _stage("facts", lambda: [extract_facts(ex) for ex in extractions])
    resolution = add_places_and_governments(
        resolution,
        countries={
            iso
            for f in facts
            for iso in [
                *(p.of_country for p in f.positions if p.of_country),
                *(c for e in f.events for c in e.countries),
            ]
        },
        governments={c.government for f in facts for c in f.claims if c.government}
        | {iso for f in facts for _, iso in f.stands_for},
    )
    events = _stage("events", lambda: resolve_events(facts, resolution))
    twins = _stage("twins", twins_of if twins_of is not None else lambda: find_twins(articles))
    times["facts"] = time.perf_counter() - t0
    return Corpus(
        articles=tuple(articles),
        extractions=tuple(extractions),
        resolution=resolution,
        skipped=tuple(skipped),
        warnings=tuple(warnings),
        model=model,
        seconds=times,
        facts=tuple(facts),
        events=events,
        twins=twins,
    )


def corpus_quads(corpus: Corpus, *, base: str, started: str, ended: str) -> Iterator[Any]:
    """Every quad of the graph of a corpus."""
    for graph in corpus_graphs(corpus, base=base, started=started, ended=ended):
        assert isinstance(graph, list)  # without workers, every piece is quads
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
    (in ``formats``) and come as :class:`kg.graph.Rendered` pieces, in the same order and with
    the same bytes as pieces made here; the rest are lists of quads.
    """
    from kg.events import event_of_sentence
    from kg.facts import load_roles
    from kg.graph import (
        RunInfo,
        entity_quads,
        entity_types_of,
        event_quads,
        role_quads,
        run_iri,
        run_quads,
        twin_quads,
    )

    info = RunInfo(
        software=f"kg {__version__}",
        model=corpus.model,
        started=started,
        ended=ended,
        inputs=len(corpus.articles),
        skipped=len(corpus.skipped),
    )
    run = run_iri(base, corpus.articles, info)
    types = entity_types_of(corpus.resolution)
    by_sentence = event_of_sentence(corpus.events)
    facts = {f.article_id: f for f in corpus.facts}
    articles = {a.id: a for a in corpus.articles}
    pairs = [(ex, facts.get(ex.article.id)) for ex in corpus.extractions]
    if pool is not None and pool.local_processes and len(pairs) > 1:
        yield from pool.map(
            _render_articles,
            _render_tasks(base, pairs, corpus.resolution, types, by_sentence, formats, pool),
            what="graph",
        )
    else:
        for extraction, found in pairs:
            yield article_graph(base, extraction, found, corpus.resolution, types, by_sentence)
    yield list(entity_quads(base, corpus.resolution, run=run))
    yield list(event_quads(base, corpus.events, articles=articles, entity_types=types, run=run))
    roles = {p.role for f in corpus.facts for p in f.positions}
    yield list(role_quads(base, roles, load_roles().pref_labels))
    yield list(twin_quads(base, corpus.twins, articles))
    yield list(run_quads(base, run, info, articles=corpus.articles))


def article_graph(
    base: str,
    extraction: Extraction,
    facts: Facts | None,
    resolution: Resolution,
    entity_types: Mapping[str, Any],
    event_of_sentence: Mapping[tuple[str, int], str],
) -> list[Any]:
    """The quads of one article's named graph: its text, sentences, mentions and facts."""
    from kg.graph import article_quads, fact_quads

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
        render_graph(article_graph(base, ex, found, resolution, types, by_sentence), formats)
        for ex, found in chunk
    ]
    return Rendered(
        {fmt: b"".join(p.data[fmt] for p in pieces) for fmt in formats},
        sum(p.quads for p in pieces),
        sum(p.seconds for p in pieces),
    )


def build(
    paths: Iterable[str | Path],
    out_dir: str | Path | None,
    *,
    model: str | None = None,
    base: str = DEFAULT_BASE,
    stdin: TextIO | BinaryIO | None = None,
    max_chars: int = 1_000_000,
    batch_size: int = 32,
    workers: int = 1,
    dask: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    store: str | Path | None = None,
    html: bool = True,
) -> BuildReport:
    """Build the knowledge graph of some articles into ``out_dir``.

    Writes ``graph.ttl`` (every triple), ``graph.trig`` (each article in its own named graph),
    ``graph.html`` (the graph to explore in a browser, :func:`kg.viz.write_html`; not with
    ``html=False``) and ``report.json``, into a fresh folder that then replaces ``out_dir`` in one
    step (:func:`kg.outdir.output_folder`): a crash leaves the four files all old or all new, and a
    run that reads no article writes nothing (:class:`kg.errors.InputError`). ``workers``
    processes run the extraction; the graph is the same with any number.

    With ``store``, the articles are added to that store instead (:func:`kg.store.build_store`:
    only new and changed articles are extracted and written), and ``out_dir``, if given, gets an
    export of the whole store.

    Example:
        >>> report = build(["articles/"], "out/")  # doctest: +SKIP
        >>> report = build(["more/"], None, store="store/")  # doctest: +SKIP
    """
    if store is not None:
        from kg.store import build_store

        return build_store(
            paths,
            store,
            out_dir=out_dir,
            model=model,
            base=base,
            stdin=stdin,
            max_chars=max_chars,
            batch_size=batch_size,
            workers=workers,
            dask=dask,
            progress=progress,
            html=html,
        )
    if out_dir is None:
        raise InputError("give an output folder (-o OUT) or a store (--store DIR)")
    from kg.outdir import output_folder

    base = check_base(base)
    # The files are written into a fresh folder that then replaces out_dir in one step.
    with output_folder(out_dir) as folder:
        return _build_files(
            paths,
            Path(out_dir),
            folder,
            model=model,
            base=base,
            stdin=stdin,
            max_chars=max_chars,
            batch_size=batch_size,
            workers=workers,
            dask=dask,
            progress=progress,
            html=html,
        )


def _build_files(
    paths: Iterable[str | Path],
    out: Path,
    folder: Path,
    *,
    model: str | None,
    base: str,
    stdin: TextIO | BinaryIO | None,
    max_chars: int,
    batch_size: int,
    workers: int,
    dask: str | None,
    progress: Callable[[int, int], None] | None,
    html: bool,
) -> BuildReport:
    """:func:`build` into ``folder``, which becomes ``out`` (the paths the report names)."""
    from kg.clean import text_report
    from kg.graph import atomic_write, write_graphs
    from kg.parallel import Workers

    started = datetime.now(UTC).isoformat(timespec="seconds")
    targets: dict[Path, OutputFormat] = {
        folder / "graph.ttl": "turtle",
        folder / "graph.trig": "trig",
    }
    with Workers(workers=workers, dask=dask) as pool:
        corpus = analyse(
            paths,
            model=model,
            stdin=stdin,
            max_chars=max_chars,
            batch_size=batch_size,
            progress=progress,
            pool=pool,
        )
        if not corpus.articles:
            raise nothing_read(corpus.skipped)
        seconds = dict(corpus.seconds)
        t0 = time.perf_counter()
        ended = datetime.now(UTC).isoformat(timespec="seconds")
        graphs = corpus_graphs(
            corpus,
            base=base,
            started=started,
            ended=ended,
            pool=pool,
            formats=list(targets.values()),
        )
        # The graph is made and written piece by piece (an article's graph at a time, in the
        # workers when there are some), so memory holds the records, never every quad;
        # graph.html is then drawn from the TriG just written.
        written = _stage("graph", lambda: write_graphs(graphs, targets))
    seconds["graph"] = time.perf_counter() - t0 - written.seconds
    seconds["write"] = written.seconds
    # Serialising Turtle and TriG, summed over the processes that did it (workers serialise
    # the article graphs they make): the cost of the export, whichever process paid it.
    seconds["export_cpu"] = written.export_seconds
    outputs = [str(out / path.name) for path in targets]
    warnings = list(corpus.warnings)
    if html:
        t0 = time.perf_counter()
        trig, page_path = folder / "graph.trig", folder / "graph.html"
        page = _stage("html", lambda: _write_page(trig, page_path, len(corpus.articles)))
        outputs.append(str(out / page_path.name))
        if page.dropped:
            warnings.append(
                f"graph.html shows the {page.nodes} most connected of {page.dropped + page.nodes} "
                "nodes; see the rest with kg viz (--focus, --types, --source, --max-nodes)"
            )
        seconds["html"] = time.perf_counter() - t0
    gc.unfreeze()
    counts: Counter[str] = Counter(e.type for e in corpus.resolution.entities)
    report = BuildReport(
        articles=len(corpus.articles),
        skipped=corpus.skipped,
        warnings=tuple(warnings),
        entities=len(corpus.resolution.entities),
        mentions=len(corpus.resolution.assignment),
        entities_by_type=dict(counts),
        outputs=(*outputs, str(out / "report.json")),
        model=corpus.model,
        seconds=seconds,
        text=text_report(corpus.articles),
    )
    payload = json.dumps(report.to_json(), indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
    atomic_write(folder / "report.json", lambda handle: _write_bytes(handle, payload))
    return report


def _write_bytes(handle: BinaryIO, payload: bytes) -> None:
    handle.write(payload)


def _write_page(trig: Path, path: Path, articles: int) -> VizReport:
    """graph.html from the TriG file just written (parsed by Oxigraph into memory)."""
    import pyoxigraph as ox

    from kg.viz import write_html

    store = ox.Store()
    store.bulk_load(path=trig, format=ox.RdfFormat.TRIG)
    return write_html(store, path, title=f"kg: {articles} article{'s' * (articles != 1)}")


def graph_iri(base: str, name: str) -> str:
    """The IRI of one of the shared graphs (``entities``, ``run``)."""
    return mint_iri(base, "graph", name)
