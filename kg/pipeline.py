"""The build recipe: read -> clean -> extract -> facts -> resolve -> graph -> sink.

:func:`build` runs the stages in order, names the stage in any error it re-raises
(:func:`kg.errors.run_stage`), and reports what happened. Each stage is a module of its own:
reading :mod:`kg.ingest`; per article, wherever there are cores (:mod:`kg.parallel`), cleaning
:mod:`kg.clean`, extraction :mod:`kg.extract` (the only one that knows spaCy) and facts
:mod:`kg.facts`; over the whole corpus (:mod:`kg.corpus`) resolution, places and governments,
events and twins; then the graph (:mod:`kg.graph`), written by a sink (:mod:`kg.sinks`: files,
or a store).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO, TypeVar

from kg.errors import InputError, run_stage
from kg.iri import check_base, short_hash
from kg.memory import frozen_gc, unfrozen_after
from kg.records import (
    NO_TEXT_LEFT,
    Article,
    BuildOptions,
    BuildReport,
    Corpus,
    RawDocument,
    Skipped,
    where,
)

if TYPE_CHECKING:
    from spacy.language import Language

T = TypeVar("T")


def build(
    paths: Iterable[str | Path],
    out: str | Path | None = None,
    *,
    store: str | Path | None = None,
    options: BuildOptions | None = None,
    nlp: Language | None = None,
    stdin: TextIO | BinaryIO | None = None,
    stdin_id: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BuildReport:
    """Build the knowledge graph of some articles into the folder ``out``, or into ``store``.

    Into ``out``: ``graph.ttl`` (every triple), ``graph.trig`` (each article in its own named
    graph), ``graph.html`` (the graph to explore in a browser; not with ``options.html`` false)
    and ``report.json``, into a fresh folder that then replaces ``out`` in one step
    (:func:`kg.outdir.output_folder`): a crash leaves the four files all old or all new. A run
    that reads no article writes nothing (:class:`kg.errors.InputError`). Into ``store``
    (:class:`kg.sinks.StoreSink`): only new and changed articles are analysed and only the graphs
    that change are written; ``out``, if given too, gets an export of the whole store. The
    graph is the same with any number of workers.

    Args:
        paths: Files and folders (``-`` for standard input, read from ``stdin``).
        options: The model, base IRI, limits and workers (:class:`kg.records.BuildOptions`).
        nlp: A loaded spaCy pipeline to use instead of ``options.model`` (tests, notebooks).
        stdin_id: The name of the article read from standard input (``kg build - --id NAME``):
            its identity, so a later build with the same name replaces it; without one, its
            content identifies it.
        progress: Called with (articles done, articles in all) as extraction proceeds.

    Example:
        >>> report = build(["articles/"], "out/")  # doctest: +SKIP
        >>> options = BuildOptions(workers=2)
        >>> report = build(["more/"], store="store/", options=options)  # doctest: +SKIP
    """
    from kg.corpus import resolve_corpus
    from kg.extract import check_installed
    from kg.parallel import Workers, analyse_items
    from kg.sinks import html_warning, open_sink

    options = replace(options or BuildOptions(), base=check_base((options or BuildOptions()).base))
    check_installed(options.languages)
    seconds: dict[str, float] = {}
    timed = _timer(seconds)
    started = _now()
    with (
        unfrozen_after(),  # a store's plan freezes its records (kg.memory.paused_gc)
        open_sink(out=out, store=store, options=options, nlp=nlp) as sink,
        Workers(workers=options.workers, dask=options.dask) as pool,
    ):
        documents, skipped, warnings = timed(
            "read",
            read_documents,
            paths,
            stdin=stdin,
            max_chars=options.max_chars,
            stdin_id=stdin_id,
        )
        plan = timed("plan", sink.plan, documents)  # a store reuses its unchanged articles
        analysis = timed(  # clean -> extract -> facts, per article
            "extract",
            analyse_items,
            plan.work,
            pool=pool,
            pipeline=nlp or options.model or _default_model(),
            batch_size=options.batch_size,
            progress=progress,
            languages=options.languages,
        )
        skipped = [*skipped, *plan.skipped, *analysis.skipped]
        # Read: analysed or reused; an article that analysis skipped (its language) is not.
        read = len(analysis.extractions) if plan.read is None else plan.read - len(analysis.skipped)
        if read == 0:
            raise nothing_read(skipped)  # before anything is written
        extractions = [*plan.kept, *analysis.extractions]
        if plan.by_id:
            extractions.sort(key=lambda ex: ex.article.id)
        corpus: Corpus | None = None
        with frozen_gc():
            if not plan.current:
                model = analysis.model or plan.model or _model_of(nlp, options)
                corpus = resolve_corpus(
                    extractions,
                    model=model,
                    facts={**plan.facts, **analysis.facts},
                    claims=plan.claims,
                    twin_finder=plan.twins,
                    cluster_article=plan.clusters,
                    skipped=skipped,
                    warnings=warnings,
                    pool=pool,
                )
                seconds.update(corpus.seconds)
            sink.write(corpus, pool=pool, started=started, ended=_now())
            seconds.update(sink.seconds)
            if options.html and (page := timed("html", sink.write_html)) is not None:
                warnings = [*warnings, *filter(None, [html_warning(page)])]
        # The outputs appear when the sink closes: an -o folder all at once.
        return sink.report(corpus, skipped=skipped, warnings=warnings, seconds=seconds)


def analyse(
    paths: Iterable[str | Path],
    *,
    options: BuildOptions | None = None,
    nlp: Language | None = None,
    stdin: TextIO | BinaryIO | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Corpus:
    """Run the analysis stages (read, clean, extract, facts, resolve) over some inputs: the
    records of a build, without any RDF.

    Example:
        >>> corpus = analyse(["articles/"])  # doctest: +SKIP
    """
    from kg.corpus import resolve_corpus
    from kg.parallel import Workers, analyse_items

    options = options or BuildOptions()
    seconds: dict[str, float] = {}
    timed = _timer(seconds)
    with Workers(workers=options.workers, dask=options.dask) as pool:
        documents, skipped, warnings = timed(
            "read", read_documents, paths, stdin=stdin, max_chars=options.max_chars
        )
        analysis = timed(
            "extract",
            analyse_items,
            documents,
            pool=pool,
            pipeline=nlp or options.model or _default_model(),
            batch_size=options.batch_size,
            progress=progress,
            languages=options.languages,
        )
        with frozen_gc():
            return resolve_corpus(
                analysis.extractions,
                model=analysis.model or _model_of(nlp, options),
                facts=analysis.facts,
                skipped=[*skipped, *analysis.skipped],
                warnings=warnings,
                seconds=seconds,
                pool=pool,
            )


def _timer(seconds: dict[str, float]) -> Callable[..., Any]:
    """``timed(name, fn, *args, **kwargs)``: run one stage, named in its errors, and note how
    long it took in ``seconds[name]``."""

    def timed(name: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        t0 = time.perf_counter()
        try:
            return run_stage(name, fn, *args, **kwargs)
        finally:
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - t0

    return timed


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _default_model() -> str:
    from kg.extract import DEFAULT_MODEL

    return DEFAULT_MODEL


def _model_of(nlp: Language | None, options: BuildOptions) -> str:
    """``name@version`` of the pipeline, when no extraction said it (no article was read)."""
    from kg.extract import load_pipeline, model_name

    name = options.model or _default_model()
    return model_name(nlp or run_stage("load model", load_pipeline, name))


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


def read_documents(
    paths: Iterable[str | Path],
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_chars: int = 1_000_000,
    stdin_id: str | None = None,
) -> tuple[list[tuple[str, RawDocument]], list[Skipped], list[str]]:
    """Read every input, each document once. Returns (article id, document) pairs, skipped
    inputs and warnings. Lines that a site repeats across its documents are marked as that
    site's furniture (:func:`kg.clean.mark_site_lines`). A document of standard input without
    a URL is named ``stdin_id`` when given (``NAME:LINE`` for a JSON Lines line)."""
    from kg.clean import mark_site_lines
    from kg.ingest import iter_documents

    documents: list[tuple[str, RawDocument]] = []
    skipped: list[Skipped] = []
    warnings: list[str] = []
    seen: dict[str, tuple[str, str]] = {}
    for item in iter_documents(paths, stdin=stdin, max_chars=max_chars):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        if stdin_id is not None and item.path == "-" and not item.url:
            line = f":{item.line}" if item.line is not None else ""
            item = replace(item, source=f"{stdin_id}{line}")
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

    documents, skipped, warnings = read_documents(paths, stdin=stdin, max_chars=max_chars)
    articles: list[Article] = []
    for aid, doc in documents:
        article = clean_document(doc, article_id=aid)
        if not article.text.strip():
            skipped.append(Skipped(path=where(doc), reason=NO_TEXT_LEFT))
            continue
        articles.append(article)
    return articles, skipped, warnings
