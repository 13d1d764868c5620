"""The per-article stages (clean, extract, facts), run in batches: here, in worker processes, or
on a Dask cluster.

Each article is cleaned, parsed and turned into records independently of every other, so batches
of articles go wherever there are cores: this process (``workers=1``), a pool of local worker
processes, or the workers of a Dask cluster (``dask="local"`` or a scheduler's address). Only raw
documents go out and only small frozen records come back, never spaCy ``Doc`` objects, and every
batch is parsed as one ``nlp.pipe`` batch wherever it runs, so the records are the same however
the work is spread. Resolution, facts across articles and the graph then run where the batches
came from (:mod:`kg.pipeline`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from kg.errors import InputError, KGError
from kg.records import Analysed, Article, RawDocument, Skipped

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.gazetteer import Gazetteer

#: An article to analyse: already cleaned, or a raw document with its article id.
WorkItem = Article | tuple[str, RawDocument]
#: What becomes of a work item.
Outcome = Analysed | Skipped


def where(doc: RawDocument) -> str:
    """Where a document was read from, as error messages name it (``file`` or ``file:line``)."""
    return doc.path if doc.line is None else f"{doc.path}:{doc.line}"


def analyse_batch(
    items: Sequence[WorkItem], *, nlp: Language, gaz: Gazetteer | None = None, batch_size: int
) -> list[Outcome]:
    """Clean (when raw), extract and find the facts of a batch of articles, in order.

    A raw document with no article text left after cleaning becomes a :class:`Skipped`.
    """
    from kg.clean import clean_document
    from kg.extract import extract_texts, model_name
    from kg.facts import extract_facts
    from kg.gazetteer import load_gazetteer

    gaz = gaz or load_gazetteer()
    outcomes: list[Outcome | None] = []
    articles: list[Article] = []
    for item in items:
        if isinstance(item, Article):
            articles.append(item)
            outcomes.append(None)
            continue
        article_id, doc = item
        article = clean_document(doc, article_id=article_id)
        if article.text.strip():
            articles.append(article)
            outcomes.append(None)
        else:
            outcomes.append(Skipped(where(doc), "no article text left after removing page clutter"))
    extractions = iter(
        extract_texts(articles, nlp=nlp, gaz=gaz, model=model_name(nlp), batch_size=batch_size)
    )
    done: list[Outcome] = []
    for outcome in outcomes:
        if outcome is None:
            extraction = next(extractions)
            outcome = Analysed(extraction, extract_facts(extraction, gaz=gaz))
        done.append(outcome)
    return done


def run_batches(
    batches: Sequence[Sequence[WorkItem]],
    *,
    pipeline: str | Language,
    batch_size: int,
    workers: int = 1,
    dask: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[list[Outcome]]:
    """Analyse batches of articles, yielding each batch's outcomes in the order given.

    Args:
        batches: Lists of work items; each is parsed as one ``nlp.pipe`` batch.
        pipeline: A loaded spaCy pipeline, or the name of an installed one (which each worker
            then loads itself, rather than receiving a pickled copy).
        workers: Local worker processes (1: this process). Ignored with ``dask``.
        dask: ``"local"`` for a Dask ``LocalCluster`` of ``workers`` processes, or the address
            of a running Dask scheduler (``tcp://host:8786``) whose workers have kg and the
            pipeline installed.
        progress: Called with the number of work items in each batch as it is done.

    Raises:
        KGError: A worker failed (the pipeline cannot be loaded, a worker process died).
    """
    if dask is not None:
        yield from _run_on_dask(batches, pipeline, batch_size, workers, dask, progress)
        return
    if workers <= 1 or len(batches) <= 1:
        nlp = _pipeline(pipeline)
        for batch in batches:
            outcomes = analyse_batch(batch, nlp=nlp, batch_size=batch_size)
            if progress is not None:
                progress(len(batch))
            yield outcomes
        return
    yield from _run_in_processes(batches, pipeline, batch_size, workers, progress)


def _pipeline(pipeline: str | Language) -> Language:
    from kg.extract import load_pipeline

    return load_pipeline(pipeline) if isinstance(pipeline, str) else pipeline


# One pipeline per worker process (a local worker or a Dask worker), loaded at its first batch.
_LOADED: dict[str, Language] = {}
_LOCK = threading.Lock()


def _worker_init(pipeline: str | Language) -> None:
    if not isinstance(pipeline, str):
        _LOADED[""] = pipeline


def _analyse_in_worker(items: Sequence[WorkItem], pipeline: str, batch_size: int) -> list[Outcome]:
    """The task a worker runs: its pipeline is loaded once, then reused for every batch.

    A lock keeps a multi-threaded Dask worker from running one pipeline in two threads at once
    (run workers with one thread each and several processes instead).
    """
    from kg.extract import load_pipeline

    with _LOCK:
        if pipeline not in _LOADED:
            _LOADED[pipeline] = load_pipeline(pipeline)
        return analyse_batch(items, nlp=_LOADED[pipeline], batch_size=batch_size)


def _run_in_processes(
    batches: Sequence[Sequence[WorkItem]],
    pipeline: str | Language,
    batch_size: int,
    workers: int,
    progress: Callable[[int], None] | None,
) -> Iterator[list[Outcome]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # spawn, not fork: forking a process that runs other threads (BLAS, a server, a browser
    # driver) can leave a worker deadlocked on a lock held at fork time (seen in the test suite).
    # A pipeline given by name is loaded by each worker; a loaded one is sent pickled.
    context = multiprocessing.get_context("spawn")
    name = pipeline if isinstance(pipeline, str) else ""
    with ProcessPoolExecutor(
        min(workers, len(batches)),
        mp_context=context,
        initializer=_worker_init,
        initargs=(pipeline,),
    ) as pool:
        futures = [pool.submit(_analyse_in_worker, batch, name, batch_size) for batch in batches]
        try:
            for batch, future in zip(batches, futures, strict=True):
                outcomes = future.result()
                if progress is not None:
                    progress(len(batch))
                yield outcomes
        except BrokenProcessPool as err:
            raise KGError(
                "an extraction worker process died (out of memory? try fewer --workers or a "
                f"smaller --batch-size): {err}"
            ) from err
        finally:
            for future in futures:
                future.cancel()


def _run_on_dask(
    batches: Sequence[Sequence[WorkItem]],
    pipeline: str | Language,
    batch_size: int,
    workers: int,
    address: str,
    progress: Callable[[int], None] | None,
) -> Iterator[list[Outcome]]:
    if not isinstance(pipeline, str):
        raise InputError("a Dask build loads the spaCy pipeline by name on each worker")
    import importlib

    try:
        # Dask is an optional extra (kg[dask]), untyped: used through Any.
        distributed: Any = importlib.import_module("distributed")
    except ImportError as err:
        raise InputError(
            "--dask needs Dask's distributed scheduler: pip install 'kg[dask]'"
        ) from err
    cluster: Any = None
    try:
        if address == "local":
            cluster = distributed.LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,  # logging.ERROR: the build has its own progress bar
            )
            client = distributed.Client(cluster)
        else:
            client = distributed.Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as err:
        if cluster is not None:
            cluster.close()
        raise InputError(f"cannot reach the Dask scheduler at {address!r}: {err}") from err
    try:
        # Articles travel with their tasks (they are small); pure=False: a batch is never
        # assumed to be cached from an earlier build on the same cluster.
        futures = [
            client.submit(_analyse_in_worker, list(batch), pipeline, batch_size, pure=False)
            for batch in batches
        ]
        try:
            for batch, future in zip(batches, futures, strict=True):
                outcomes: list[Outcome] = future.result()
                future.release()
                if progress is not None:
                    progress(len(batch))
                yield outcomes
        finally:
            client.cancel(futures)
    except KGError:
        raise
    except Exception as err:  # a worker died or the scheduler went away: say so, in one line
        raise KGError(f"the Dask build failed: {type(err).__name__}: {err}") from err
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
