"""The per-article stages (clean, extract, facts), run in batches: here, in worker processes, or
on a Dask cluster.

Each article is cleaned, parsed and turned into records independently of every other, so batches
of articles go wherever there are cores: this process (``workers=1``), a pool of local worker
processes, or the workers of a Dask cluster (``dask="local"`` or a scheduler's address). Only raw
documents go out and only small frozen records come back, never spaCy ``Doc`` objects, and every
batch is parsed as one ``nlp.pipe`` batch wherever it runs, so the records are the same however
the work is spread. Resolution, facts across articles and the graph then run where the batches
came from (:mod:`kg.corpus`).
"""

from __future__ import annotations

import itertools
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from kg.errors import InputError, KGError
from kg.records import (
    NO_TEXT_LEFT,
    Analysed,
    Article,
    Extraction,
    Facts,
    RawDocument,
    Skipped,
    where,
)

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.gazetteer import Gazetteer

#: An article to analyse: already cleaned, or a raw document with its article id.
WorkItem = Article | tuple[str, RawDocument]
#: What becomes of a work item.
Outcome = Analysed | Skipped


def analyse_batch(
    items: Sequence[WorkItem],
    *,
    nlp: Language,
    gaz: Gazetteer | None = None,
    batch_size: int,
    languages: Mapping[str, Language] | None = None,
) -> list[Outcome]:
    """Clean (when raw), extract and find the facts of a batch of articles, in order.

    An article detected in one of ``languages`` is extracted with that language's pipeline,
    any other with ``nlp``. A raw document with no article text left after cleaning, and an
    article in a language its pipeline does not cover, become a :class:`Skipped`.
    """
    from kg.clean import clean_document
    from kg.extract import extract_article, model_name
    from kg.facts import extract_facts
    from kg.language import uncovered_reason

    languages = languages or {}
    models = {id(p): model_name(p) for p in (nlp, *languages.values())}
    outcomes: list[Outcome | None] = []
    groups: dict[int, tuple[Language, list[Article]]] = {}
    chosen: list[int] = []
    for item in items:
        if isinstance(item, Article):
            article, place = item, item.source
        else:
            article_id, doc = item
            article, place = clean_document(doc, article_id=article_id), where(doc)
            if not article.text.strip():
                outcomes.append(Skipped(path=place, reason=NO_TEXT_LEFT))
                continue
        pipe = languages.get(article.language, nlp)
        # An article in a language the pipeline does not cover would give junk entities.
        model = models[id(pipe)]
        uncovered = uncovered_reason(article.language, covered=pipe.lang or "", model=model)
        if uncovered:
            outcomes.append(Skipped(path=place, reason=uncovered))
            continue
        groups.setdefault(id(pipe), (pipe, []))[1].append(article)
        chosen.append(id(pipe))
        outcomes.append(None)
    # Each pipeline parses its articles as one nlp.pipe batch. Facts read the parse
    # (attribution), so each Doc meets them here and is then dropped.
    parsed = {
        key: iter(pipe.pipe(((a.text, a) for a in group), as_tuples=True, batch_size=batch_size))
        for key, (pipe, group) in groups.items()
    }
    which = iter(chosen)
    done: list[Outcome] = []
    for outcome in outcomes:
        if outcome is None:
            key = next(which)
            parse, article = next(parsed[key])
            # Taken once the first Docs are parsed: a worker's gazetteer comes meanwhile.
            gaz = gaz or _gazetteer()
            extraction = extract_article(parse, article, model=models[key], gaz=gaz)
            outcome = Analysed(
                extraction=extraction, facts=extract_facts(extraction, gaz=gaz, doc=parse)
            )
        done.append(outcome)
    return done


@dataclass(slots=True)
class Analysis:
    """What the per-article stages made of some work items, in the order given."""

    extractions: list[Extraction] = field(default_factory=list)
    facts: dict[str, Facts] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    #: ``name@version`` of the pipeline that made the extractions ("" if none was made).
    model: str = ""


def analyse_items(
    items: Sequence[WorkItem],
    *,
    pool: Workers,
    pipeline: str | Language,
    batch_size: int,
    progress: Callable[[int, int], None] | None = None,
    languages: Sequence[tuple[str, str]] = (),
) -> Analysis:
    """Clean (when raw), extract and find the facts of every item, in batches on ``pool``.

    Args:
        items: The work; each batch of ``batch_size`` is parsed as one ``nlp.pipe`` batch.
        pool: Where the batches run.
        pipeline: A loaded pipeline, or the name of an installed one (loaded here only when the
            batches run here: workers load it themselves).
        progress: Called with (items done, items in all) after each batch.
        languages: ``(language, pipeline name)`` pairs: the articles in that language are
            extracted with that pipeline instead (:attr:`kg.records.BuildOptions.languages`).
    """
    from kg.errors import run_stage
    from kg.extract import model_name

    analysis = Analysis()
    if not items:
        return analysis
    batches = [items[i : i + batch_size] for i in range(0, len(items), batch_size)]
    pool.limit(len(batches))
    if isinstance(pipeline, str) and not pool.parallel:
        pipeline = run_stage("load model", _pipeline, pipeline)
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, len(items))

    for outcomes in pool.analyse(
        batches, pipeline=pipeline, batch_size=batch_size, progress=advance, languages=languages
    ):
        for outcome in outcomes:
            if isinstance(outcome, Skipped):
                analysis.skipped.append(outcome)
            else:
                analysis.extractions.append(outcome.extraction)
                analysis.facts[outcome.facts.article_id] = outcome.facts
    # The main pipeline's name ("": the caller loads it to say), not a language pipeline's.
    tagged = {language for language, _ in languages}
    mains = (ex.model for ex in analysis.extractions if ex.article.language not in tagged)
    analysis.model = next(mains, "")
    if not analysis.model and not isinstance(pipeline, str):
        analysis.model = model_name(pipeline)
    return analysis


def extract_mentions(
    articles: Iterable[Article],
    *,
    nlp: Language | str,
    batch_size: int = 32,
    workers: int = 1,
    dask: str | None = None,
) -> Iterator[Extraction]:
    """Run the pipeline over cleaned articles, yielding one Extraction per article, in order.

    With ``workers`` above 1, batches of ``batch_size`` articles go to that many worker
    processes, each holding the pipeline once and turning its Docs into records itself, so only
    small records come back (spaCy's own ``n_process`` sends whole Docs to this process, which
    caps it at x1.5 on two cores). Each batch is parsed as one ``nlp.pipe`` batch either way, so
    the records are the same as with one process. With ``dask`` (``"local"`` or a scheduler's
    address; ``nlp`` then names the pipeline), the batches run on Dask workers instead.
    """
    articles = list(articles)
    batches = [articles[i : i + batch_size] for i in range(0, len(articles), batch_size)]
    with Workers(workers=workers if len(batches) > 1 else 1, dask=dask) as pool:
        for outcomes in pool.analyse(batches, pipeline=nlp, batch_size=batch_size):
            for outcome in outcomes:
                if isinstance(outcome, Analysed):
                    yield outcome.extraction


class Workers:
    """Where the work of a build runs: this process, local worker processes, or Dask.

    Used as a context manager; the processes (or the Dask client and local cluster) start on
    first use and stop when the block ends. Besides the per-article stages (:meth:`analyse`),
    a build gives local worker processes other independent work (:meth:`submit`, :meth:`map`):
    finding twins while this process resolves entities, making the article graphs. On Dask,
    that work stays here, with resolution and graph assembly: only the per-article stages are
    shipped, and only their small records come back over the network.

    Example:
        >>> with Workers(workers=2) as pool:  # doctest: +SKIP
        ...     for outcomes in pool.analyse(batches, pipeline="en_core_web_sm", batch_size=32):
        ...         ...
    """

    def __init__(self, *, workers: int = 1, dask: str | None = None) -> None:
        self.workers = max(1, workers)
        self.dask = dask
        self._executor: Any = None
        self._client: Any = None
        self._cluster: Any = None
        # The gazetteer goes from here to the local workers (built once, not once a process).
        self._handoff: Any = None
        self._shared = False

    @property
    def parallel(self) -> bool:
        """Whether the per-article stages leave this process."""
        return self.dask is not None or self.workers > 1

    @property
    def local_processes(self) -> bool:
        """Whether other work (:meth:`submit`, :meth:`map`) goes to local worker processes."""
        return self.dask is None and self.workers > 1

    def limit(self, tasks: int) -> None:
        """Start no more local workers than there are tasks (before any has started): one
        batch of articles is parsed fastest in this process."""
        if self._executor is None and self.dask is None:
            self.workers = max(1, min(self.workers, tasks))

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker processes, or leave the Dask cluster (and stop a local one)."""
        if self._handoff is not None and not self._shared:
            self._shared = True  # none was handed (no batch, or a failure): none is awaited
            for _ in range(self.workers):
                self._handoff.put(None)
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        if self._handoff is not None:
            self._handoff.close()
            self._handoff = None
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def analyse(
        self,
        batches: Sequence[Sequence[WorkItem]],
        *,
        pipeline: str | Language,
        batch_size: int,
        progress: Callable[[int], None] | None = None,
        languages: Sequence[tuple[str, str]] = (),
    ) -> Iterator[list[Outcome]]:
        """Clean, extract and find the facts of batches of articles, yielding each batch's
        outcomes in the order given.

        Args:
            batches: Lists of work items; each is parsed as one ``nlp.pipe`` batch.
            pipeline: A loaded spaCy pipeline, or the name of an installed one (which each
                worker then loads itself, rather than receiving a pickled copy).
            progress: Called with the number of work items in each batch as it is done.
            languages: ``(language, pipeline name)`` pairs for the articles in that language
                (each worker loads them itself, at its first batch).

        Raises:
            KGError: A worker failed (the pipeline cannot be loaded, a worker process died).
        """
        if not self.parallel:
            from kg.extract import load_language_pipelines

            nlp = _pipeline(pipeline)
            others = load_language_pipelines(languages)
            for batch in batches:
                outcomes = analyse_batch(batch, nlp=nlp, batch_size=batch_size, languages=others)
                if progress is not None:
                    progress(len(batch))
                yield outcomes
            return
        if self.dask is not None and not isinstance(pipeline, str):
            raise InputError("a Dask build loads the spaCy pipeline by name on each worker")
        if self.dask is None and not isinstance(pipeline, str):
            self._start(pipeline)  # a loaded pipeline goes to the workers pickled, once each
        name = pipeline if isinstance(pipeline, str) else ""
        tags = tuple(tuple(pair) for pair in languages)
        items = [(list(batch), name, batch_size, tags) for batch in batches]
        started = self._share_gazetteer if self.dask is None else None
        for batch, outcomes in zip(
            batches, self._map(_analyse_in_worker, items, "extraction", started), strict=True
        ):
            if progress is not None:
                progress(len(batch))
            yield outcomes

    def submit(self, fn: Callable[..., T], *args: Any) -> Callable[[], T]:
        """Run ``fn(*args)`` (an importable function) on a worker; returns a function that
        waits for the result. Without local workers, it runs here and now."""
        if not self.local_processes:
            result = fn(*args)
            return lambda: result
        future = self._submit(fn, args)
        return lambda: self._result(future, "worker")

    def map(
        self,
        fn: Callable[..., T],
        items: Sequence[tuple[Any, ...]],
        *,
        what: str = "worker",
        started: Callable[[], None] | None = None,
    ) -> Iterator[T]:
        """``fn(*item)`` for each item, on local workers if any, yielded in order; ``started``
        is called once the first items are on their way (before the first result is awaited),
        for work of this process's own meanwhile (first of all without local workers)."""
        if not self.local_processes:
            if started is not None:
                started()
            for item in items:
                yield fn(*item)
            return
        yield from self._map(fn, items, what, started)

    def _map(
        self,
        fn: Callable[..., T],
        items: Sequence[tuple[Any, ...]],
        what: str,
        started: Callable[[], None] | None = None,
    ) -> Iterator[T]:
        # A few tasks ahead of the one awaited, not all: results wait in memory until taken
        # (the article graphs of 10,000 articles come to gigabytes).
        pending: deque[Any] = deque()
        queue = iter(items)
        try:
            self._start()
            for item in itertools.islice(queue, 4 * self._width()):
                pending.append(self._submit(fn, item))
            if started is not None:
                started()  # while the workers start
            while pending:
                result = self._result(pending.popleft(), what)
                for item in itertools.islice(queue, 1):
                    pending.append(self._submit(fn, item))
                yield result
        finally:
            for future in pending:
                future.cancel()

    def _width(self) -> int:
        """How many tasks can run at once: the local workers, or the Dask cluster's."""
        if self._client is not None:
            return max(self.workers, len(self._client.scheduler_info().get("workers", {})))
        return self.workers

    def _start(self, pipeline: str | Language = "") -> None:
        if self.dask is not None:
            if self._client is None:
                self._client, self._cluster = _dask_client(self.dask, self.workers)
            return
        if self._executor is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork: forking a process that runs other threads (BLAS, a server, a
            # browser driver) can leave a worker deadlocked on a lock held at fork time (seen in
            # the test suite). A pipeline given by name is loaded by each worker itself.
            context = multiprocessing.get_context("spawn")
            self._handoff, self._shared = context.Queue(), False
            # Unread copies (a worker that never ran a batch) must not keep this process alive.
            self._handoff.cancel_join_thread()
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_worker_init,
                initargs=(pipeline, self._handoff),
            )

    def _share_gazetteer(self) -> None:
        """Build the gazetteer here (resolution needs it later anyway) and hand each local
        worker a copy, while they load the spaCy pipeline: a worker adopts it in a tenth of the
        time building it takes (:func:`kg.gazetteer.adopt_gazetteer`). Once per pool."""
        if self._handoff is None or self._shared:
            return
        self._shared = True
        from kg.gazetteer import gazetteer_data

        data: dict[str, Any] | None = None
        try:
            data = gazetteer_data()
        finally:  # None when it failed here: each worker then builds its own
            for _ in range(self.workers):
                self._handoff.put(data)

    def _submit(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        self._start()
        if self._client is not None:
            # pure=False: a task is never taken from an earlier build on the same cluster.
            return self._client.submit(fn, *args, pure=False)
        return self._executor.submit(fn, *args)

    def _result(self, future: Any, what: str) -> Any:
        from concurrent.futures.process import BrokenProcessPool

        try:
            result = future.result()
        except KGError:
            raise
        except BrokenProcessPool as err:
            raise KGError(
                f"a {what} worker process died (out of memory? try fewer --workers or a smaller "
                f"--batch-size): {err}"
            ) from err
        except Exception as err:
            if self._client is None:
                raise
            # A Dask worker died or the scheduler went away: say so, in one line.
            raise KGError(f"the Dask build failed: {type(err).__name__}: {err}") from err
        if self._client is not None:
            future.release()
        return result


T = TypeVar("T")


def _pipeline(pipeline: str | Language) -> Language:
    from kg.extract import load_pipeline

    return load_pipeline(pipeline) if isinstance(pipeline, str) else pipeline


# One pipeline per worker process (a local worker or a Dask worker), loaded at its first batch.
_LOADED: dict[str, Language] = {}
_LANGUAGES: dict[tuple[tuple[str, str], ...], dict[str, Language]] = {}
_LOCK = threading.Lock()
#: The queue a local worker's gazetteer comes in, until it is taken (:meth:`Workers._start`).
_HANDOFF: list[Any] = []
#: How long a worker waits for the build's gazetteer before it builds one of its own.
HANDOFF_SECONDS = 300


def _worker_init(pipeline: str | Language, handoff: Any = None) -> None:
    if not isinstance(pipeline, str):
        _LOADED[""] = pipeline
    if handoff is not None:
        _HANDOFF.append(handoff)


def _receive_gazetteer() -> None:
    import queue

    from kg.gazetteer import adopt_gazetteer

    try:
        data = _HANDOFF.pop().get(timeout=HANDOFF_SECONDS)
    except queue.Empty:
        return
    if data is not None:
        adopt_gazetteer(data)


def _gazetteer() -> Gazetteer:
    """This process's gazetteer: in a local worker, the one the build hands over (awaited here,
    at the first article that needs it, so that the worker parses while it comes)."""
    from kg.gazetteer import load_gazetteer

    if _HANDOFF:
        _receive_gazetteer()
        _freeze_heap()
    return load_gazetteer()


def _freeze_heap() -> None:
    """Leave what a local worker has loaded (the pipeline, the gazetteer) out of the cyclic
    garbage collector's passes from now on: it lives as long as the process, and the passes over
    it were a tenth of the time the per-article rules took. Once a process."""
    import gc

    gc.collect()
    gc.freeze()


def _analyse_in_worker(
    items: Sequence[WorkItem],
    pipeline: str,
    batch_size: int,
    languages: tuple[tuple[str, str], ...] = (),
) -> list[Outcome]:
    """The task a worker runs: its pipelines are loaded once, then reused for every batch.

    A lock keeps a multi-threaded Dask worker from running one pipeline in two threads at once
    (run workers with one thread each and several processes instead).
    """
    from kg.extract import load_language_pipelines, load_pipeline

    with _LOCK:
        if pipeline not in _LOADED:
            _LOADED[pipeline] = load_pipeline(pipeline)
        if languages not in _LANGUAGES:
            _LANGUAGES[languages] = load_language_pipelines(languages)
        return analyse_batch(
            items, nlp=_LOADED[pipeline], batch_size=batch_size, languages=_LANGUAGES[languages]
        )


def _dask_client(address: str, workers: int) -> tuple[Any, Any]:
    """A Dask client, and the local cluster it started (``"local"``) or ``None`` (a running
    scheduler's address)."""
    import importlib

    try:
        # Dask is an optional extra (kg-news[dask]), untyped: used through Any.
        distributed: Any = importlib.import_module("distributed")
    except ImportError as err:
        raise InputError(
            "--dask needs Dask's distributed scheduler: pip install 'kg-news[dask]'"
        ) from err
    cluster: Any = None
    try:
        if address == "local":
            cluster = distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                # A free port, not Dask's fixed 8787: with None the scheduler still takes 8787
                # and fails to start when another process on the machine holds it.
                dashboard_address=":0",
                silence_logs=40,  # logging.ERROR: the build has its own progress bar
            )
            return distributed.Client(cluster), cluster
        return distributed.Client(address, timeout="10s"), None
    except (OSError, TimeoutError, ValueError) as err:
        if cluster is not None:
            cluster.close()
        raise InputError(f"cannot reach the Dask scheduler at {address!r}: {err}") from err
