"""Where a build goes: graph files in a folder (``-o OUT``) or a store (``--store DIR``).

A sink is anything with the four methods of :class:`GraphSink`; :data:`SINKS` names the ones kg
has (rdflib's plugin table is the model: a Protocol and a plain dict). The recipe
(:func:`kg.pipeline.build`) asks the sink which documents to analyse (:meth:`GraphSink.plan`),
runs the stages, and hands it the corpus to write, then the page, then the report:

- :class:`FileSink` analyses every document and writes ``graph.ttl``, ``graph.trig``,
  ``graph.html`` and ``report.json``, each atomically;
- :class:`StoreSink` analyses only the documents whose cleaned text is new to the store, reuses the
  stored records of the rest, keeps replaced entity IRIs as redirects, writes only the named graphs
  that changed,
  and exports the whole store to ``-o OUT`` when given one.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from kg.errors import GraphError, InputError, ModelError, run_stage
from kg.records import (
    NO_TEXT_LEFT,
    Article,
    BuildOptions,
    BuildReport,
    Claim,
    Corpus,
    Extraction,
    Facts,
    RawDocument,
    Resolution,
    Skipped,
    StoreUpdate,
    where,
)

if TYPE_CHECKING:
    import pyoxigraph as ox
    from spacy.language import Language

    from kg.graph import OutputFormat
    from kg.parallel import Workers, WorkItem
    from kg.redirects import Redirects
    from kg.store import StoreMeta, UpdatePlan
    from kg.store_twins import TwinState
    from kg.viz import VizReport


@dataclass(slots=True)
class Plan:
    """What a sink wants analysed, and in which order the corpus is resolved.

    Attributes:
        work: Items for the per-article stages (clean when raw, extract, facts).
        kept: Extractions reused as they are (a store's records of unchanged articles).
        skipped: Documents that make no article (nothing left after cleaning).
        current: The sink is up to date with these inputs: nothing to resolve or write.
        model: ``name@version`` of the pipeline that made ``kept`` ("" when nothing is kept).
        by_id: Resolve and write the articles in article-id order, not input order (a store:
            the same articles give the same graph whatever order they came in).
        read: Articles read this run, when the plan knows (a store cleans them); ``None``: the
            analysis will say.
        claims: The claims of kept articles, as found from their parse when they were analysed
            (a store keeps them in its records: the parse is not kept).
        facts: The facts of kept articles, when the sink kept them (a store's records).
        twins: What finds the corpus's twin pairs, when the sink keeps what makes that cheaper
            than a pass over every article (a store: :mod:`kg.store_twins`).
    """

    work: list[WorkItem] = field(default_factory=list)
    kept: list[Extraction] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    current: bool = False
    model: str = ""
    by_id: bool = False
    read: int | None = None
    claims: Mapping[str, Sequence[Claim]] = field(default_factory=dict)
    twins: Callable[[Sequence[Article]], tuple[tuple[str, str], ...]] | None = None
    facts: Mapping[str, Facts] = field(default_factory=dict)
    #: Gives one article's clusters, when the sink keeps them (a store: kg.store_clusters).
    clusters: Callable[[Extraction], Any] | None = None


class GraphSink(Protocol):
    """Where a build's graph goes."""

    #: How long the sink's own steps took, by name (added to the report's ``seconds``).
    seconds: dict[str, float]

    def __enter__(self) -> GraphSink:
        """The sink, open: nothing is written before :meth:`write`."""

    def __exit__(self, *exc: object) -> None:
        """Make what was written appear (an ``-o`` folder all at once), or, when the build
        failed, leave everything as it was before; release the store."""

    def plan(self, documents: Sequence[tuple[str, RawDocument]]) -> Plan:
        """Which documents to analyse, and which records to reuse."""

    def write(self, corpus: Corpus | None, *, pool: Workers, started: str, ended: str) -> None:
        """Write the graph of the corpus (``None``: the plan said the sink is current), adding
        the times it took to ``self.seconds``."""

    def write_html(self) -> VizReport | None:
        """Draw ``graph.html`` from what was written (``None``: the sink has no page)."""

    def report(
        self,
        corpus: Corpus | None,
        *,
        skipped: Sequence[Skipped],
        warnings: Sequence[str],
        seconds: dict[str, float],
    ) -> BuildReport:
        """Say what the build did (and write ``report.json`` where the sink has files)."""


def open_sink(
    *,
    out: str | Path | None,
    store: str | Path | None,
    options: BuildOptions,
    nlp: Language | None = None,
) -> GraphSink:
    """The sink a build goes to: the store when given one (exported to ``out`` if given too),
    else the folder ``out``."""
    if store is not None:
        return SINKS["store"](out=out, store=store, options=options, nlp=nlp)
    if out is None:
        raise InputError("give an output folder (-o OUT) or a store (--store DIR)")
    return SINKS["files"](out=out, store=None, options=options, nlp=nlp)


def html_warning(page: VizReport) -> str | None:
    """The warning of a page that could not show every node."""
    if not page.dropped:
        return None
    return (
        f"graph.html shows the {page.nodes} most connected of {page.dropped + page.nodes} "
        "nodes; see the rest with kg viz (--focus, --types, --source, --max-nodes)"
    )


def write_report(report: BuildReport, out: Path) -> None:
    """``out/report.json``, atomically."""
    from kg.graph import atomic_write

    payload = json.dumps(report.to_json(), indent=2, ensure_ascii=False).encode("utf-8") + b"\n"

    def write(handle: BinaryIO) -> None:
        handle.write(payload)

    atomic_write(out / "report.json", write)


def _title(articles: int) -> str:
    return f"kg: {articles} article{'s' * (articles != 1)}"


def _counts(resolution: Resolution) -> tuple[int, int, dict[str, int]]:
    counts: Counter[str] = Counter(e.type for e in resolution.entities)
    return len(resolution.entities), len(resolution.assignment), dict(counts)


class FileSink:
    """The graph as files in a folder: every document analysed, every file written anew."""

    def __init__(
        self,
        *,
        out: str | Path | None,
        store: str | Path | None,
        options: BuildOptions,
        nlp: Language | None = None,
    ) -> None:
        if out is None:
            raise InputError("give an output folder (-o OUT)")
        self.out = Path(out)
        self.options = options
        self.seconds: dict[str, float] = {}
        self.outputs: list[str] = []
        self.articles = 0
        self.corpus: Corpus | None = None
        self._stack = ExitStack()
        self._folder: Path | None = None

    def __enter__(self) -> FileSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.__exit__(*exc)  # type: ignore[arg-type]

    def folder(self) -> Path:
        """The fresh folder the files go into; it replaces ``out`` when the sink closes."""
        from kg.outdir import output_folder

        if self._folder is None:
            self._folder = self._stack.enter_context(output_folder(self.out))
        return self._folder

    def plan(self, documents: Sequence[tuple[str, RawDocument]]) -> Plan:
        """Every document: the workers clean them too."""
        return Plan(work=list(documents))

    def write(self, corpus: Corpus | None, *, pool: Workers, started: str, ended: str) -> None:
        """Write ``graph.ttl`` and ``graph.trig`` piece by piece (an article's graph at a time,
        in the workers when there are some), so memory holds the records, never every quad."""
        from kg.corpus import corpus_graphs
        from kg.graph import write_graphs

        if corpus is None:  # never planned so: every file is written anew
            raise ValueError("a file build writes a corpus")
        targets: dict[Path, OutputFormat] = {
            self.folder() / "graph.ttl": "turtle",
            self.folder() / "graph.trig": "trig",
        }
        t0 = time.perf_counter()
        graphs = corpus_graphs(
            corpus,
            base=self.options.base,
            started=started,
            ended=ended,
            pool=pool,
            formats=list(targets.values()),
        )
        written = run_stage("graph", write_graphs, graphs, targets)
        self.seconds["graph"] = time.perf_counter() - t0 - written.seconds
        self.seconds["write"] = written.seconds
        # Serialising Turtle and TriG, summed over the processes that did it (workers serialise
        # the article graphs they make): the cost of the export, whichever process paid it.
        self.seconds["export_cpu"] = written.export_seconds
        self.outputs = [str(self.out / path.name) for path in targets]
        self.articles = len(corpus.articles)
        self.corpus = corpus

    def write_html(self) -> VizReport:
        """graph.html from the records just written, read as the page's queries read the graph
        (:class:`kg.viz.rows.CorpusRows`): no quad is made or parsed again."""
        from kg.viz import write_html

        if self.corpus is None:
            raise ValueError("FileSink.write_html before FileSink.write")
        out = self.folder() / "graph.html"
        page = write_html(self.corpus, out, base=self.options.base, title=_title(self.articles))
        self.outputs.append(str(self.out / "graph.html"))
        return page

    def report(
        self,
        corpus: Corpus | None,
        *,
        skipped: Sequence[Skipped],
        warnings: Sequence[str],
        seconds: dict[str, float],
    ) -> BuildReport:
        """The report, also written to ``report.json``."""
        from kg.clean import text_report

        if corpus is None:  # a file sink always resolves
            raise ValueError("a file build reports on a corpus")
        entities, mentions, by_type = _counts(corpus.resolution)
        report = BuildReport(
            articles=len(corpus.articles),
            skipped=tuple(skipped),
            warnings=tuple(warnings),
            entities=entities,
            mentions=mentions,
            entities_by_type=by_type,
            outputs=(*self.outputs, str(self.out / "report.json")),
            model=corpus.model,
            seconds=seconds,
            text=text_report(corpus.articles),
        )
        write_report(report, self.folder())
        return report


class StoreSink:
    """The graph in a store (:mod:`kg.store`), updated with what changed; exported to ``out``
    when given."""

    def __init__(
        self,
        *,
        out: str | Path | None,
        store: str | Path | None,
        options: BuildOptions,
        nlp: Language | None = None,
    ) -> None:
        from kg.extract import DEFAULT_MODEL, model_name
        from kg.store import check_meta, check_new_store_dir, read_meta

        if store is None:
            raise InputError("give a store folder (--store DIR)")
        self.path = Path(store)
        self.out = Path(out) if out is not None else None
        self.options = options
        self.seconds: dict[str, float] = {}
        # A pipeline is named by --model; a loaded one (nlp) by its package name, as model_name
        # gives it before the "@version". The version is checked once records are made.
        self.pipeline = options.model or DEFAULT_MODEL
        if nlp is not None:
            self.pipeline = options.model or model_name(nlp).rpartition("@")[0]
        self.meta: StoreMeta | None = read_meta(self.path)
        if self.meta is None:
            check_new_store_dir(self.path)
        else:
            check_meta(
                self.path,
                self.meta,
                base=options.base,
                pipeline=self.pipeline,
                languages=options.languages,
            )
        self.store: ox.Store | None = None
        self.update_plan: UpdatePlan | None = None
        self.redirects: Redirects | None = None
        from kg.store_clusters import ClusterCache

        self.clusters = ClusterCache()  # a new store's: none kept yet
        self.read = 0
        self.read_ids: set[str] = set()
        self.read_articles: list[Article] = []
        self.state: dict[str, Any] | None = None
        self.twin_state: TwinState | None = None
        self.update: StoreUpdate | None = None
        self.outputs: tuple[str, ...] = ()
        self._stack = ExitStack()
        self._folder: Path | None = None

    def __enter__(self) -> StoreSink:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._stack.__exit__(*exc)  # type: ignore[arg-type]
        finally:
            self._close()

    def folder(self) -> Path:
        """The fresh folder the export goes into; it replaces ``out`` when the sink closes."""
        from kg.outdir import output_folder

        if self.out is None:
            raise ValueError("no export folder: the build has no -o")
        if self._folder is None:
            self._folder = self._stack.enter_context(output_folder(self.out))
        return self._folder

    def plan(self, documents: Sequence[tuple[str, RawDocument]]) -> Plan:
        """Clean every document here (the content hash says what is new), then only new texts
        are analysed; unchanged articles reuse their stored records."""
        from kg.clean import clean_document
        from kg.memory import paused_gc
        from kg.redirects import Redirects
        from kg.store import (
            check_meta,
            open_for_writing,
            plan_update,
            read_meta,
            read_state,
        )
        from kg.store_clusters import read_clusters

        articles: list[Article] = []
        skipped: list[Skipped] = []
        for aid, doc in documents:
            article = clean_document(doc, article_id=aid)
            if article.text.strip():
                articles.append(article)
            else:
                skipped.append(Skipped(path=where(doc), reason=NO_TEXT_LEFT))
        self.read = len(articles)
        self.read_ids = {a.id for a in articles}
        self.read_articles = articles
        if not articles:  # nothing readable: the store is left as it was
            return Plan(skipped=skipped, current=True, read=0)
        # The lock, before the records are read, even for a store this run creates: a second
        # writer (another kg build creating the same store) is refused, not interleaved.
        if self.meta is None:
            try:
                self.path.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                message = f"--store {self.path}: cannot make the folder ({err.strerror})"
                raise GraphError(message) from err
        self.store = open_for_writing(self.path)
        if self.meta is None and (meta := read_meta(self.path)) is not None:
            check_meta(
                self.path,
                meta,
                base=self.options.base,
                pipeline=self.pipeline,
                languages=self.options.languages,
            )
            self.meta = meta  # another run made it meanwhile
        plan = self.update_plan = plan_update(self.path, articles)
        if self.meta is not None:
            with paused_gc(freeze=True):  # many objects that live on, no cycles
                self.clusters = read_clusters(self.path, model=self.meta.model)
        self.redirects = Redirects(plan.extractions, stored=plan.stored, old=plan.old)
        if self.meta is not None and not plan.added and not plan.changed:
            # Nothing new, and the last update left the graphs complete for these very records.
            self.state = read_state(self.path, self.meta, plan.digests)
        return Plan(
            work=list(plan.extract),
            kept=plan.extractions,
            skipped=skipped,
            current=self.state is not None,
            model=self.meta.model if self.meta is not None else "",
            by_id=True,
            read=len(articles),
            claims=plan.claims,
            twins=self._find_twins,
            facts=plan.facts,
            clusters=self.clusters.clusters,
        )

    def _find_twins(self, articles: Sequence[Article]) -> tuple[tuple[str, str], ...]:
        """The twins of the store's articles, from the state its last update left."""
        from kg.store_twins import read_twin_state, update_twins

        twins, self.twin_state = update_twins(read_twin_state(self.path), articles)
        return twins

    def write(self, corpus: Corpus | None, *, pool: Workers, started: str, ended: str) -> None:
        """Bring the store in line with the corpus (creating it when new), then export it if
        asked. No corpus: the store is current (or there is nothing to make one of)."""
        from kg.memory import paused_gc
        from kg.store import (
            StoreMeta,
            describe_store,
            sync_graphs,
            with_languages,
            write_state,
        )
        from kg.store_clusters import write_clusters
        from kg.store_compact import compact
        from kg.store_entities import read_subjects
        from kg.store_records import META_FILE, STORE_FORMAT, save_record_files
        from kg.store_twins import write_twin_state

        plan, redirects = self.update_plan, self.redirects
        if corpus is None or plan is None or redirects is None:
            if self.state is not None and plan is not None:
                self.update = StoreUpdate(
                    path=str(self.path),
                    articles=int(self.state["articles"]),
                    unchanged=plan.unchanged,
                    redirected=tuple((str(a), str(b)) for a, b in self.state.get("redirected", ())),
                )
                self._export()
            return
        if self.meta is not None and corpus.model != self.meta.model:
            raise ModelError(
                f"--store {self.path}: its records were made by {self.meta.model}, but the "
                f"pipeline is now {corpus.model}; build into a new store (or install "
                f"{self.meta.model})"
            )
        if self.store is None:
            raise ValueError("StoreSink.write before StoreSink.plan")
        # The articles read that the graph holds: not those analysis skipped (their language).
        held = {article.id for article in corpus.articles}
        self.read = len(held & self.read_ids)
        if self.meta is None:
            self.meta = StoreMeta(STORE_FORMAT, self.options.base, self.pipeline, corpus.model)
        described = with_languages(self.meta, self.options.languages)
        if described != self.meta or not (self.path / META_FILE).is_file():
            self.meta = described
            describe_store(self.path, self.meta)
        t0 = time.perf_counter()
        with paused_gc():  # many objects, next to no cycles (kg.memory.paused_gc)
            written, dropped = run_stage(
                "store",
                sync_graphs,
                self.store,
                self.path,
                corpus,
                base=self.options.base,
                started=started,
                ended=ended,
                plan=plan,
                extra=redirects.quads(
                    self.store,
                    corpus,
                    base=self.options.base,
                    held=read_subjects(self.path, base=self.options.base, model=corpus.model),
                ),
            )
        if self.twin_state is not None:
            write_twin_state(self.path, self.twin_state)
        write_clusters(self.path, self.clusters, model=corpus.model)
        save_record_files(self.path, plan.files)
        write_state(self.path, self.meta, corpus, redirects.added, plan.files)
        t1 = time.perf_counter()
        run_stage("store", compact, self.store, self.path)
        self.seconds["store"] = t1 - t0
        self.seconds["compact"] = time.perf_counter() - t1
        self.update = StoreUpdate(
            path=str(self.path),
            articles=len(corpus.articles),
            added=tuple(sorted(a for a in plan.added if a in held)),
            changed=tuple(sorted(a for a in plan.changed if a in held)),
            unchanged=plan.unchanged,
            extracted=sum(1 for a in plan.extract if a.id in held),
            written=tuple(written),
            dropped=tuple(dropped),
            redirected=redirects.added,
        )
        self._export()

    def _export(self) -> None:
        from kg.export import export_store

        if self.out is not None and self.store is not None:
            t0 = time.perf_counter()
            written = run_stage("export", export_store, self.store, self.folder())
            self.outputs = tuple(str(self.out / Path(path).name) for path in written)
            self.seconds["export"] = time.perf_counter() - t0

    def write_html(self) -> VizReport | None:
        """graph.html of the whole store, when exporting."""
        from kg.viz import write_html

        if self.out is None or self.store is None:
            return None
        articles = self.update.articles if self.update is not None else 0
        page = write_html(self.store, self.folder() / "graph.html", title=_title(articles))
        self.outputs = (*self.outputs, str(self.out / "graph.html"))
        return page

    def report(
        self,
        corpus: Corpus | None,
        *,
        skipped: Sequence[Skipped],
        warnings: Sequence[str],
        seconds: dict[str, float],
    ) -> BuildReport:
        """The report; written to ``out/report.json`` when exporting."""
        from kg.clean import text_report
        from kg.store import read_meta

        update = self.update
        if self.store is None or update is None:  # a new store with nothing to put in it
            return BuildReport(
                articles=0,
                skipped=tuple(skipped),
                warnings=tuple(warnings),
                entities=0,
                mentions=0,
                entities_by_type={},
                outputs=(),
                model="",
                seconds=seconds,
            )
        held = {a.id for a in corpus.articles} if corpus is not None else self.read_ids
        if corpus is not None:
            entities, mentions, by_type = _counts(corpus.resolution)
        else:
            state = self.state or {}
            entities, mentions = int(state["entities"]), int(state["mentions"])
            by_type = dict(state["entities_by_type"])
        outputs = self.outputs
        if self.out is not None:
            outputs = (*outputs, str(self.out / "report.json"))
        meta = read_meta(self.path)
        report = BuildReport(
            articles=self.read,
            skipped=tuple(skipped),
            warnings=tuple(warnings),
            entities=entities,
            mentions=mentions,
            entities_by_type=by_type,
            outputs=outputs,
            model=meta.model if meta is not None else "",
            seconds=seconds,
            store=update,
            # The articles read that the store holds (not those analysis skipped).
            text=text_report(a for a in self.read_articles if a.id in held),
        )
        if self.out is not None:
            write_report(report, self.folder())
        return report

    def _close(self) -> None:
        """Close the store; after an update that wrote, reopen it once so that RocksDB drops
        the write-ahead log that compaction made useless (the store's size on disk halves)."""
        from kg.store_compact import drop_log

        wrote = self.update is not None and bool(self.update.written or self.update.dropped)
        self.store = None
        if wrote:
            drop_log(self.path)


#: The sinks by name: ``SINKS[name](out=..., store=..., options=..., nlp=...)``.
SINKS: dict[str, Callable[..., GraphSink]] = {"files": FileSink, "store": StoreSink}
