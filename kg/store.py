"""The store: keep the graph in an embedded Oxigraph store and update it article by article.

A store is a directory (docs/decisions/0005-persistent-store.md)::

    DIR/                 the Oxigraph (RocksDB) files: ``kg query DIR`` opens it directly
    DIR/kg-store.json    store format, base IRI and spaCy pipeline it was built with
    DIR/records/ID.json  each article's analysis records (its ``Extraction``) and the entity key
                         each of its mentions was given
    DIR/state.json       written when an update is whole: a digest of the records it left
    DIR/removing.json    while kg remove runs: the articles it takes out (a re-run finishes)
    DIR/graphs.json      what each article's graph was made from (kg.store_index)
    DIR/twins.bin        what each article's twins were found from (kg.store_twins)
    DIR/entities.json    a digest of each subject of the graph of entities (kg.store_entities)
    DIR/clusters.json    each article's clusters, for resolution (kg.store_clusters)
    DIR/compacted.json   the size of the data files after the last full compaction
    DIR/records.bin      the records as an update left them, read faster than the files
                         (kg.store_records.save_record_files, decision 0013)

The records say which articles the store holds; the Oxigraph data is brought in line with them on
every update. An update reads its inputs, runs spaCy only on articles whose cleaned text is new
(an article with the same content hash reuses its stored ``Extraction``), runs the corpus-wide
stages (resolve, facts, events, twins) over every article of the store, and writes only the
named graphs whose statements changed, each in one transaction (a new graph with
``Store.extend``, a changed one with one SPARQL update of its difference). An entity's IRI is
what resolution gives it over the articles held, whatever order they came in; an IRI an update
replaces stays resolvable in the graph of redirects (:mod:`kg.redirects`, decision 0009).

A build reaches a store through :class:`kg.sinks.StoreSink`; this module holds the directory
and the writing of its graphs, :mod:`kg.store_records` the files and the article records.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import __version__
from kg.corpus import graph_iri, resolve_corpus
from kg.errors import GraphError, InputError
from kg.iri import mint_iri
from kg.memory import paused_gc, unfrozen_after
from kg.records import (
    Article,
    Claim,
    Corpus,
    Extraction,
    Facts,
    StoreUpdate,
)
from kg.redirects import REDIRECTS, Redirects
from kg.store_clusters import read_clusters, write_clusters
from kg.store_compact import compact, drop_log
from kg.store_entities import (
    Subject,
    all_quads,
    changed_subjects,
    drop_subjects,
    read_subjects,
    stored_quads,
    write_subjects,
)
from kg.store_graphs import (
    _add_graph,
    _change_graph,
    _graph_quads,
    _timeless,
    replace_graph,
)
from kg.store_index import (
    GraphIndex,
    GraphInputs,
    SeenTypes,
    drop_index,
    graph_digest,
    read_index,
    write_index,
)
from kg.store_records import (
    META_FILE,
    RECORDS_DIR,
    REMOVING_FILE,
    STATE_FILE,
    STORE_FORMAT,
    RecordFiles,
    _record_path,
    _record_payload,
    read_extraction,
    read_records,
    save_record_files,
    write_json,
)
from kg.store_twins import TwinState, read_twin_state, update_twins, write_twin_state

if TYPE_CHECKING:
    import pyoxigraph as ox


@dataclass(frozen=True, slots=True)
class StoreMeta:
    """What a store was built with (``kg-store.json``).

    Attributes:
        format: :data:`STORE_FORMAT` of the kg that made it.
        base: The IRI namespace of every IRI in it.
        pipeline: The spaCy pipeline asked for (``--model``, or kg's default).
        model: ``name@version`` of that pipeline, which made the stored records.
        languages: ``(language, pipeline)`` pairs of the other languages' pipelines
            (``--model LANG=PIPELINE``) that made records; one more is added by the build
            that first gives it, another pipeline for one of them is refused.
    """

    format: int
    base: str
    pipeline: str
    model: str
    languages: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class UpdatePlan:
    """The articles of an update: the extractions to resolve and which records to rewrite."""

    extractions: list[Extraction] = field(default_factory=list)
    stored: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> record as on disk
    old: dict[str, Extraction] = field(default_factory=dict)  # id -> the stored Extraction
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    extract: list[Article] = field(default_factory=list)  # new, or with another text
    #: id -> the claims found from the article's parse (kept in its record: the parse is not).
    claims: dict[str, tuple[Claim, ...]] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # id -> SHA-256 of its record file
    #: id -> the facts kept in the record of an article reused as it is (kg.store_facts).
    facts: dict[str, Facts] = field(default_factory=dict)
    #: id -> record digest, for the articles whose stored Extraction and claims are used as they
    #: are (their graph may be kept: kg.store_index).
    reused: dict[str, str] = field(default_factory=dict)
    #: The record files read and written (kept in DIR/records.bin: kg.store_records).
    files: RecordFiles = field(default_factory=RecordFiles)


# --- the store directory -----------------------------------------------------------------


def read_meta(store_dir: str | Path) -> StoreMeta | None:
    """The ``kg-store.json`` of a store, or ``None`` when the directory is not a kg store yet.

    Raises:
        GraphError: The file is there but unreadable or of another store format.
    """
    path = Path(store_dir) / META_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        meta = StoreMeta(
            format=int(data["format"]),
            base=str(data["base"]),
            pipeline=str(data["pipeline"]),
            model=str(data["model"]),
            languages=tuple((str(lang), str(name)) for lang, name in data.get("languages", ())),
        )
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise GraphError(f"{path}: cannot read the store description ({err})") from err
    if meta.format != STORE_FORMAT:
        raise GraphError(
            f"{store_dir}: a kg store of format {meta.format}; this kg {__version__} reads "
            f"format {STORE_FORMAT}: build into a new store"
        )
    return meta


def _bare_oxigraph_store(store_dir: Path) -> bool:
    """Whether a folder holds an Oxigraph store and nothing of kg's: a store whose creation
    stopped before kg described it (it is then built as new)."""
    return (store_dir / "CURRENT").is_file() and not (store_dir / RECORDS_DIR).exists()


def check_new_store_dir(store_dir: Path) -> None:
    if store_dir.exists() and not store_dir.is_dir():
        raise InputError(f"--store {store_dir}: exists and is not a folder; give a folder")
    if store_dir.is_dir() and any(store_dir.iterdir()) and not _bare_oxigraph_store(store_dir):
        raise InputError(
            f"--store {store_dir}: a folder that is not a kg store (no {META_FILE}); give a new "
            "or empty folder, or an existing kg store"
        )


def check_meta(
    store_dir: Path,
    meta: StoreMeta,
    *,
    base: str,
    pipeline: str | None,
    languages: Sequence[tuple[str, str]] = (),
) -> None:
    if meta.base != base:
        raise InputError(
            f"--store {store_dir}: built with --base {meta.base}, not {base}; give "
            f"--base {meta.base} or build into a new store"
        )
    if pipeline is not None and meta.pipeline != pipeline:
        raise InputError(
            f"--store {store_dir}: built with --model {meta.pipeline} ({meta.model}), not "
            f"{pipeline}; give --model {meta.pipeline} or build into a new store"
        )
    recorded = dict(meta.languages)
    for language, name in languages:
        if recorded.get(language, name) != name:
            raise InputError(
                f"--store {store_dir}: its {language} articles were built with --model "
                f"{language}={recorded[language]}, not {name}; give --model "
                f"{language}={recorded[language]} or build into a new store"
            )


def with_languages(meta: StoreMeta, languages: Sequence[tuple[str, str]]) -> StoreMeta:
    """The description with the language pipelines it did not have yet (checked by
    :func:`check_meta`), in language order."""
    merged = dict(meta.languages) | dict(languages)
    return replace(meta, languages=tuple(sorted(merged.items())))


def describe_store(store_dir: Path, meta: StoreMeta) -> None:
    """Write a new store's ``kg-store.json`` (it is a kg store from then on)."""
    write_json(store_dir / META_FILE, asdict(meta))


def open_for_writing(store_dir: Path) -> ox.Store:
    import pyoxigraph as ox

    try:
        return ox.Store(str(store_dir))
    except OSError as err:
        from kg.serve import lock_holder

        message = " ".join(str(err).split())
        holder = lock_holder(store_dir)
        who = f" (process {holder} holds its lock)" if holder is not None else ""
        raise GraphError(
            f"{store_dir}: cannot open the store for writing ({message}); is another kg build, "
            f"kg remove or an Oxigraph server using it?{who}"
        ) from err


def _clean_temporary_files(store_dir: Path) -> None:
    """Remove the temporary record files a killed update may have left."""
    folder = store_dir / RECORDS_DIR
    if folder.is_dir():
        for path in folder.glob(".*.tmp"):
            path.unlink(missing_ok=True)


def _records_digest(meta: StoreMeta, digests: Mapping[str, str]) -> str:
    """A digest of every record file (``digests``: article id -> the SHA-256 of its file, as
    :func:`kg.store_records.read_records` and :func:`write_json` give it) and of what made
    them: equal digests, equal graphs."""
    digest = hashlib.sha256(f"{__version__}\x1f{meta.base}\x1f{meta.model}".encode())
    for aid in sorted(digests):
        digest.update(f"{aid}.json\x1f{digests[aid]}\x1e".encode())
    return digest.hexdigest()


def write_state(
    store_dir: Path,
    meta: StoreMeta,
    corpus: Corpus,
    redirected: Sequence[tuple[str, str]],
    files: RecordFiles,
) -> None:
    """Note that the store's graphs are complete for its records (after a whole update), the
    record files being those ``files`` noted read and written (none is read again)."""
    counts: Counter[str] = Counter(e.type for e in corpus.resolution.entities)
    digests = {aid: entry[2] for aid, entry in files.entries.items()}
    state = {
        "format": STORE_FORMAT,
        "digest": _records_digest(meta, digests),
        "articles": len(corpus.articles),
        "entities": len(corpus.resolution.entities),
        "mentions": len(corpus.resolution.assignment),
        "entities_by_type": dict(sorted(counts.items())),
        "redirected": [list(pair) for pair in redirected],
    }
    write_json(store_dir / STATE_FILE, state)


def read_state(
    store_dir: Path, meta: StoreMeta, digests: Mapping[str, str]
) -> dict[str, Any] | None:
    """The state a whole update left, if the records are still the ones it left (``digests``:
    the SHA-256 of each record file now, as :func:`plan_update` read them)."""
    try:
        state = json.loads((store_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("digest") != _records_digest(meta, digests):
        return None
    return state


# --- writing graphs ------------------------------------------------------------------------


def sync_graphs(
    store: ox.Store,
    store_dir: Path,
    corpus: Corpus,
    *,
    base: str,
    started: str,
    ended: str,
    plan: UpdatePlan,
    extra: Iterable[ox.Quad] = (),
) -> tuple[list[str], list[str]]:
    """Bring the store in line with ``corpus`` (and ``extra``, the quads of the store's own
    graphs: its redirects).

    Drops the graphs of articles no longer in the store, replaces each named graph whose
    statements changed (an article's record is written once its graph is in place), then the
    graph of entities, and last the graph of the run, only if anything else changed. An
    article whose record and inputs are those the store's index noted (:mod:`kg.store_index`)
    keeps its graph unread. Returns the IRIs of the graphs written and dropped.
    """
    import pyoxigraph as ox

    from kg.corpus import article_graph, graph_context, shared_graphs, shared_subjects
    from kg.graph import article_iri

    context = graph_context(corpus, base=base, started=started, ended=ended)
    keys_of: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for (aid, start, end), key in corpus.resolution.assignment.items():
        keys_of[aid].append((start, end, key))
    events_of: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (aid, sentence), key in context.by_sentence.items():
        events_of[aid].append((sentence, key))
    iris = {a.id: article_iri(base, a) for a in corpus.articles}
    twins_of: dict[str, list[str]] = defaultdict(list)
    for a, b in corpus.twins:
        twins_of[a].append(iris[b])
        twins_of[b].append(iris[a])
    index = read_index(store_dir, base=base, model=corpus.model)
    present = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    facts = {f.article_id: f for f in corpus.facts}
    # Oxigraph stores literals by value (xsd:nonNegativeInteger becomes xsd:integer, "+00:00"
    # becomes "Z"); passing the new quads through an in-memory store makes them comparable.
    canonical = ox.Store()
    kept = GraphIndex()
    made: dict[str, tuple[Extraction, GraphInputs, SeenTypes]] = {}
    unread: set[str] = set()  # the graphs of articles kept as they are
    stale: list[tuple[Extraction, GraphInputs]] = []
    for extraction in corpus.extractions:
        aid = extraction.article.id
        graph = article_iri(base, extraction.article)
        inputs = GraphInputs(
            record=plan.reused.get(aid, ""),
            keys=keys_of.get(aid, ()),
            publisher=corpus.resolution.publishers.get(aid),
            events=events_of.get(aid, ()),
            twins=twins_of.get(aid, ()),
        )
        if aid in plan.reused and graph in present and index.unchanged(aid, inputs, context.types):
            kept.entries[aid] = index.entries[aid]
            unread.add(graph)
            if aid not in plan.facts and aid in facts:
                stale.append((extraction, inputs))
            continue
        seen = SeenTypes(context.types)
        by_sentence = context.by_sentence
        canonical.extend(
            article_graph(base, extraction, facts.get(aid), corpus.resolution, seen, by_sentence)
        )
        made[graph] = (extraction, inputs, seen)
    entities_graph = graph_iri(base, "entities")
    subjects: dict[str, Subject] = {}
    if corpus.articles:
        subjects = shared_subjects(corpus, context, base=base)
        for quads in shared_graphs(corpus, context, base=base, entities=False):
            canonical.extend(quads)
    kept_subjects = read_subjects(store_dir, base=base, model=corpus.model)
    by_subject = kept_subjects is not None and entities_graph in present
    if not by_subject:
        canonical.extend(all_quads(subjects))  # the whole graph compared (see below)
    canonical.extend(extra)
    wanted: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in canonical:
        if quad.graph_name.value not in unread:  # its twin links, already there
            wanted[quad.graph_name.value].append(quad)
    run_graph = graph_iri(base, "run")
    shared = {graph_iri(base, "entities"), graph_iri(base, REDIRECTS), run_graph}
    article_prefix = mint_iri(base, "article", "x").removesuffix("x")
    articles = set(iris.values())

    # Until this update is whole, a re-run must not trust the store (see read_state).
    (store_dir / STATE_FILE).unlink(missing_ok=True)
    drop_index(store_dir)
    drop_subjects(store_dir)
    written: list[str] = []
    dropped: list[str] = []
    for graph in sorted(
        present - set(wanted) - articles - ({entities_graph} if by_subject else set())
    ):
        if graph.startswith(article_prefix) or graph in shared:  # graphs of other tools stay
            replace_graph(store, graph, ())
            dropped.append(graph)

    def put(graph: str) -> None:
        quads = wanted[graph]
        if graph not in present:
            _add_graph(store, graph, quads)
            written.append(graph)
            return
        old, new = _graph_quads(store, graph), set(quads)
        if old != new:
            _change_graph(store, graph, old=old, new=new)
            written.append(graph)

    claims_of = {f.article_id: f.claims for f in corpus.facts}
    for graph, (extraction, inputs, seen) in sorted(
        made.items(), key=lambda kv: kv[1][0].article.id
    ):
        aid = extraction.article.id
        put(graph)
        payload = _record_payload(extraction, inputs.keys, claims_of.get(aid, ()), facts.get(aid))
        record = plan.digests.get(aid, "")
        if plan.stored.get(aid) != payload:
            record = write_json(_record_path(store_dir, aid), payload)
            plan.files.note_written(aid, _record_path(store_dir, aid), record, payload)
        kept.note(aid, replace(inputs, record=record), seen)
    for extraction, inputs in stale:  # graphs kept whose records lack this kg's facts
        aid = extraction.article.id
        payload = _record_payload(extraction, inputs.keys, claims_of.get(aid, ()), facts.get(aid))
        record = write_json(_record_path(store_dir, aid), payload)
        plan.files.note_written(aid, _record_path(store_dir, aid), record, payload)
        _, seen_keys = kept.entries[aid]
        types = {key: context.types.get(key) for key in seen_keys}
        kept.entries[aid] = (graph_digest(replace(inputs, record=record), types), seen_keys)
    if kept_subjects is not None and by_subject:
        # Only the subjects whose statements changed, in one transaction (decision 0012).
        write, gone = changed_subjects(kept_subjects, subjects)
        if write or gone:
            new = ox.Store()
            new.extend(q for iri in write for q in subjects[iri].quads())
            old = stored_quads(store, entities_graph, [*write, *gone])
            _change_graph(store, entities_graph, old=old, new=set(new))
            written.append(entities_graph)
    for graph in sorted(set(wanted) - articles - {run_graph}):  # shared graphs compared whole
        put(graph)
    if run_graph in wanted and (written or dropped):
        # The run is recorded anew, unread: its IRI is a digest of every article's text, so
        # after a change of articles each statement of it differs (an article's
        # prov:wasGeneratedBy), and a difference would delete and insert them all.
        replace_graph(store, run_graph, wanted[run_graph])
        written.append(run_graph)
    elif run_graph in wanted:
        old_run = _graph_quads(store, run_graph) if run_graph in present else set()
        if _timeless(old_run) != _timeless(wanted[run_graph]):
            # Only a run that changed something is recorded, so a re-run leaves the times alone.
            _change_graph(store, run_graph, old=old_run, new=set(wanted[run_graph]))
            written.append(run_graph)
    write_index(store_dir, kept, base=base, model=corpus.model)
    write_subjects(store_dir, subjects, base=base, model=corpus.model)
    return written, dropped


# --- removing ---------------------------------------------------------


def plan_update(store_dir: Path, articles: Sequence[Article]) -> UpdatePlan:
    """Sort the articles read into new, changed and unchanged, against the stored records.

    The cyclic garbage collector is paused while the records are read and they are frozen
    when read: they make millions of objects that all live until the update ends, and each of
    the collector's passes over them would find nothing to free. The caller unfreezes them
    (:func:`kg.memory.unfrozen_after`).
    """
    with paused_gc(freeze=True):
        return _plan_update(store_dir, articles)


def _plan_update(store_dir: Path, articles: Sequence[Article]) -> UpdatePlan:
    _clean_temporary_files(store_dir)
    digests: dict[str, str] = {}
    files = RecordFiles()
    stored = read_records(store_dir, digests=digests, files=files)
    plan = UpdatePlan(
        stored=stored,
        digests=digests,
        files=files,
        old={
            aid: read_extraction(r, where=partial(_record_path, store_dir, aid))
            for aid, r in stored.items()
        },
    )
    from kg.facts import claims_from_json

    for aid, record in stored.items():
        if "claims" in record:
            try:
                plan.claims[aid] = claims_from_json(record["claims"])
            except (KeyError, TypeError, ValueError) as err:
                raise GraphError(
                    f"{_record_path(store_dir, aid)}: not a valid article record ({err}); "
                    "delete it and build the article again"
                ) from err
    from kg.store_facts import facts_from_json

    for aid, record in stored.items():
        if "claims" in record and "facts" in record:
            try:
                found = facts_from_json(record["facts"], article_id=aid, claims=plan.claims[aid])
            except (KeyError, TypeError, ValueError) as err:
                raise GraphError(
                    f"{_record_path(store_dir, aid)}: not a valid article record ({err}); "
                    "delete it and build the article again"
                ) from err
            if found is not None:
                plan.facts[aid] = found
    given = {a.id for a in articles}
    plan.extractions = [ex for aid, ex in plan.old.items() if aid not in given]
    plan.reused = {aid: digests[aid] for aid in plan.old if aid not in given}
    for article in articles:
        old = plan.old.get(article.id)
        if old is None:
            plan.added.append(article.id)
            plan.extract.append(article)
        elif old.article.content_hash != article.content_hash:
            plan.changed.append(article.id)
            plan.extract.append(article)
        elif old.article != article:  # the same text, other metadata: no need for spaCy
            plan.changed.append(article.id)
            plan.extractions.append(replace(old, article=article))
        else:
            plan.extractions.append(old)
            plan.reused[article.id] = digests[article.id]
            plan.unchanged += 1
    # The facts kept are those of the articles reused as they are (the others' are found again).
    plan.facts = {aid: found for aid, found in plan.facts.items() if aid in plan.reused}
    return plan


def remove_articles(store_dir: str | Path, articles: Iterable[str]) -> StoreUpdate:
    """Take articles out of a store: drop their graphs and records, then re-resolve the rest and
    rewrite the graphs that change (entities, and articles whose links change).

    Args:
        store_dir: The store directory.
        articles: Each an article id, or the source (path or URL) it was built from.

    Returns:
        What changed.

    Raises:
        InputError: An article is not in the store (nothing is changed then).
        GraphError: The folder is not a kg store, or it is in use.

    Example:
        >>> remove_articles("store/", ["articles/003_88ad334c8a6afb43.txt"])  # doctest: +SKIP
    """
    with unfrozen_after():  # the records are frozen once read (plan_update)
        return _remove_articles(Path(store_dir), articles)


def _remove_articles(store_dir: Path, articles: Iterable[str]) -> StoreUpdate:
    meta = read_meta(store_dir)
    if meta is None:
        raise GraphError(f"{store_dir}: not a kg store (no {META_FILE}); give a --store folder")
    started = datetime.now(UTC).isoformat(timespec="seconds")
    store = open_for_writing(store_dir)
    plan = plan_update(store_dir, ())
    # A removal stopped part way (killed) left its list: what it took out counts as present.
    stopped = _read_removing(store_dir)
    known = {aid: (ex.article.source, ex.article.url) for aid, ex in plan.old.items()}
    chosen: set[str] = set()
    missing = []
    for given in articles:
        found = _find_article(given, known) or _find_article(given, stopped)
        if found is None:
            missing.append(given)
        else:
            chosen.add(found)
    if missing:
        raise InputError(
            f"{store_dir}: no article {', '.join(repr(m) for m in missing)} in the store; give "
            "an article id or the source it was built from (kg query "
            f"{store_dir} 'SELECT ?a ?source WHERE {{ ?a kg:source ?source }}' lists them)"
        )
    # The list first, so that a re-run finishes a removal killed part way.
    removing = {**stopped, **{aid: known[aid] for aid in chosen if aid in known}}
    write_json(store_dir / REMOVING_FILE, {aid: list(pair) for aid, pair in removing.items()})
    for aid in sorted(chosen):  # the record next: the records say what the store holds
        _record_path(store_dir, aid).unlink(missing_ok=True)
        plan.files.entries.pop(aid, None)
    plan.extractions = [ex for ex in plan.extractions if ex.article.id not in chosen]
    redirects = Redirects(plan.extractions, stored=plan.stored, old=plan.old)
    twin_state: list[TwinState] = []

    def find_twins(articles: Sequence[Article]) -> tuple[tuple[str, str], ...]:
        twins, state = update_twins(read_twin_state(store_dir), articles)
        twin_state.append(state)
        return twins

    clusters = read_clusters(store_dir, model=meta.model)
    corpus = resolve_corpus(
        sorted(plan.extractions, key=lambda ex: ex.article.id),
        model=meta.model,
        facts=plan.facts,
        claims=plan.claims,
        twin_finder=find_twins,
        cluster_article=clusters.clusters,
    )
    ended = datetime.now(UTC).isoformat(timespec="seconds")
    written, dropped = sync_graphs(
        store,
        store_dir,
        corpus,
        base=meta.base,
        started=started,
        ended=ended,
        plan=plan,
        extra=redirects.quads(
            store,
            corpus,
            base=meta.base,
            held=read_subjects(store_dir, base=meta.base, model=meta.model),
        ),
    )
    for state in twin_state:
        write_twin_state(store_dir, state)
    write_clusters(store_dir, clusters, model=meta.model)
    save_record_files(store_dir, plan.files)
    write_state(store_dir, meta, corpus, redirects.added, plan.files)
    (store_dir / REMOVING_FILE).unlink(missing_ok=True)
    compact(store, store_dir)
    del store
    drop_log(store_dir)
    return StoreUpdate(
        path=str(store_dir),
        articles=len(corpus.articles),
        removed=tuple(sorted(chosen)),
        written=tuple(written),
        dropped=tuple(dropped),
        redirected=redirects.added,
    )


def _find_article(given: str, sources: Mapping[str, tuple[str, str | None]]) -> str | None:
    """The id of the article ``given`` names: its id, URL or source, or a path that ends with
    its source (``articles/a.txt`` for the source ``a.txt`` of a folder's file) when only one
    article's does."""
    if given in sources:
        return given
    normal = os.path.normpath(given)
    for aid, (source, url) in sources.items():
        if given in (source, url) or normal == os.path.normpath(source):
            return aid
    ends = [aid for aid, (source, _) in sources.items() if normal.endswith(f"/{source}")]
    return ends[0] if len(ends) == 1 else None


def _read_removing(store_dir: Path) -> dict[str, tuple[str, str | None]]:
    """The articles a removal killed part way was taking out: id -> (source, URL)."""
    try:
        data = json.loads((store_dir / REMOVING_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(aid): (str(pair[0]), pair[1] if isinstance(pair[1], str) else None)
        for aid, pair in data.items()
        if isinstance(pair, list) and len(pair) == 2
    }
