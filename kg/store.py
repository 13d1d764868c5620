"""Stage "store": keep the graph in an embedded Oxigraph store and update it article by article.

A store is a directory (docs/decisions/0005-persistent-store.md)::

    DIR/                 the Oxigraph (RocksDB) files: ``kg query DIR`` opens it directly
    DIR/kg-store.json    store format, base IRI and spaCy pipeline it was built with
    DIR/records/ID.json  each article's analysis records (its ``Extraction``) and the entity key
                         each of its mentions was given
    DIR/state.json       written when an update is whole: a digest of the records it left
    DIR/removing.json    while kg remove runs: the articles it takes out (a re-run finishes)

The records say which articles the store holds; the Oxigraph data is brought in line with them on
every update. An update reads its inputs, runs spaCy only on articles whose cleaned text is new
(an article with the same content hash reuses its stored ``Extraction``), runs the corpus-wide
stages (resolve, facts, events, twins) over every article of the store, and writes only the
named graphs whose statements changed, each in one transaction (a new graph with
``Store.extend``, a changed one with one SPARQL update of its difference). Entities keep the
keys, and so the IRIs, their mentions had before (:func:`stabilise_keys`).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from kg import __version__
from kg.errors import GraphError, InputError, ModelError
from kg.iri import DEFAULT_BASE, check_base, mint_iri, short_hash
from kg.records import (
    Article,
    Claim,
    Extraction,
    Facts,
    Mention,
    Resolution,
    Segment,
    Sentence,
    Skipped,
)

if TYPE_CHECKING:
    import pyoxigraph as ox
    from spacy.language import Language

    from kg.pipeline import BuildReport, Corpus

#: Version of the layout of a store directory and of its record files.
STORE_FORMAT = 1
META_FILE = "kg-store.json"
STATE_FILE = "state.json"
#: The articles a ``kg remove`` is taking out, while it runs (a re-run finishes it).
REMOVING_FILE = "removing.json"
RECORDS_DIR = "records"

#: Keys fixed by the gazetteer: the graph and the events stage look them up by name
#: (``country_tr``, ``government_sy``), so they are never renamed, nor given to other entities.
_FIXED_KEY_PREFIXES = ("country_", "city_", "government_")

MentionKey = tuple[str, int, int]

_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_XSD_NON_NEGATIVE_INTEGER = "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"


@dataclass(frozen=True, slots=True)
class StoreMeta:
    """What a store was built with (``kg-store.json``).

    Attributes:
        format: :data:`STORE_FORMAT` of the kg that made it.
        base: The IRI namespace of every IRI in it.
        pipeline: The spaCy pipeline asked for (``--model``, or kg's default).
        model: ``name@version`` of that pipeline, which made the stored records.
    """

    format: int
    base: str
    pipeline: str
    model: str


@dataclass(frozen=True, slots=True)
class StoreUpdate:
    """What one update of a store did.

    Attributes:
        path: The store directory.
        articles: Articles the store holds after the update.
        added, changed, removed: Ids of the articles new to the store, whose cleaned text or
            metadata changed, and that were taken out.
        unchanged: Articles read again with nothing changed (their stored records reused).
        extracted: Articles run through spaCy.
        written: IRIs of the named graphs replaced.
        dropped: IRIs of the named graphs deleted.
        renamed: Entity keys kept from before: (key a fresh resolution gave, key kept).
    """

    path: str
    articles: int
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: int = 0
    extracted: int = 0
    written: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The update as JSON-able data (``report.json``'s ``store``)."""
        data = asdict(self)
        data["renamed"] = [list(pair) for pair in self.renamed]
        for name in ("added", "changed", "removed", "written", "dropped"):
            data[name] = list(data[name])
        return data


@dataclass(slots=True)
class _Plan:
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


# --- records -------------------------------------------------------------------------------


def extraction_to_json(extraction: Extraction) -> dict[str, Any]:
    """An Extraction as JSON-able data (``dataclasses.asdict``)."""
    return asdict(extraction)


def extraction_from_json(data: Mapping[str, Any]) -> Extraction:
    """Read an Extraction back from :func:`extraction_to_json`'s data.

    Raises:
        KeyError, TypeError: The data is not an Extraction of this kg's records.
    """
    article = dict(data["article"])
    article["segments"] = tuple(Segment(**s) for s in article.get("segments", ()))
    return Extraction(
        article=Article(**article),
        sentences=tuple(Sentence(**s) for s in data["sentences"]),
        mentions=tuple(Mention(**m) for m in data["mentions"]),
        model=data.get("model", ""),
    )


def _record_payload(
    extraction: Extraction, keys: Iterable[tuple[int, int, str]], claims: Sequence[Claim] = ()
) -> dict[str, Any]:
    """A record as :func:`read_records` reads it back (lists, not tuples), to compare with it."""
    from kg.facts import claims_to_json

    payload = {
        "format": STORE_FORMAT,
        "extraction": extraction_to_json(extraction),
        "keys": [list(k) for k in sorted(keys)],
        "claims": claims_to_json(claims),
    }
    data: dict[str, Any] = json.loads(json.dumps(payload))
    return data


def _record_path(store_dir: Path, article_id: str) -> Path:
    return store_dir / RECORDS_DIR / f"{article_id}.json"


def read_records(store_dir: str | Path) -> dict[str, dict[str, Any]]:
    """Every record file of a store, by article id, as stored (see :func:`read_extraction`).

    Raises:
        GraphError: A record file cannot be read or is not a kg record.
    """
    folder = Path(store_dir) / RECORDS_DIR
    records: dict[str, dict[str, Any]] = {}
    if not folder.is_dir():
        return records
    for path in sorted(folder.glob("*.json")):
        if path.name.startswith("."):
            continue  # a temporary file left by a killed update
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise GraphError(
                f"{path}: cannot read this article record ({err}); delete it and build the "
                "article again"
            ) from err
        if not isinstance(data, dict) or data.get("format") != STORE_FORMAT:
            raise GraphError(
                f"{path}: not a kg store record of format {STORE_FORMAT}; build into a new store"
            )
        records[path.stem] = data
    return records


def read_extraction(record: Mapping[str, Any], *, where: str = "record") -> Extraction:
    """The Extraction held in one record from :func:`read_records`.

    Raises:
        GraphError: The record does not hold a valid Extraction.
    """
    try:
        return extraction_from_json(record["extraction"])
    except (KeyError, TypeError, ValueError) as err:
        raise GraphError(
            f"{where}: not a valid article record ({type(err).__name__}: {err}); "
            "delete it and build the article again"
        ) from err


def _record_keys(
    record: Mapping[str, Any], old: Extraction, extraction: Extraction
) -> dict[MentionKey, str]:
    """The keys a record gave its mentions, for the mentions ``extraction`` still has with the
    same text at the same offsets (a changed article keeps the keys of what it still says)."""
    aid = extraction.article.id
    old_text = {(m.start, m.end): m.text for m in old.mentions}
    now_text = {(m.start, m.end): m.text for m in extraction.mentions}
    keys: dict[MentionKey, str] = {}
    for start, end, key in record.get("keys", ()):
        text = old_text.get((start, end))
        if text is not None and now_text.get((start, end)) == text:
            keys[(aid, int(start), int(end))] = str(key)
    return keys


def _write_json(path: Path, data: Any) -> None:
    from kg.graph import atomic_write

    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def write(handle: BinaryIO) -> None:
        handle.write(payload + b"\n")

    atomic_write(path, write)


# --- entity keys -------------------------------------------------------------------------


def stabilise_keys(resolution: Resolution, previous: Mapping[MentionKey, str]) -> Resolution:
    """Give entities back the keys (so the IRIs) their mentions had before.

    A fresh resolution keys an entity by its preferred label, which a later article can change
    ("Baerbock" becomes "Annalena Baerbock"). For each entity with mentions that had a key before:
    it keeps its new key if that is one of its old keys, else it takes the old key most of its
    mentions had (ties: the smallest key). When two entities claim the same old key, the one with
    more mentions that had it wins (ties: the one whose new key it is, then the smaller new key);
    the other keeps its new key. A new key that another entity now holds gets a suffix from its
    first mention, as resolution does for names kept apart. Gazetteer keys (``country_``, ``city_``,
    ``government_``) are never renamed or taken.

    Args:
        resolution: A resolution (after publishers were added).
        previous: (article id, start, end) of a mention -> the key its entity had.

    Returns:
        The resolution with entities, assignment and publishers renamed; entities sorted by key.
    """
    entities = list(resolution.entities)

    def fixed(key: str) -> bool:
        return key.startswith(_FIXED_KEY_PREFIXES)

    reserved = {e.key for e in entities if fixed(e.key) or not e.mentions}
    votes: dict[int, Counter[str]] = {}
    for i, entity in enumerate(entities):
        if entity.key in reserved:
            continue
        counts: Counter[str] = Counter()
        for m in entity.mentions:
            old = previous.get((m.article_id, m.start, m.end))
            if old is not None and not fixed(old) and old not in reserved:
                counts[old] += 1
        if counts:
            votes[i] = counts

    claims: dict[str, list[int]] = defaultdict(list)
    for i, counts in votes.items():
        own = entities[i].key
        wanted = own if own in counts else min(counts, key=lambda k: (-counts[k], k))
        claims[wanted].append(i)
    new_key: dict[int, str] = {}
    for wanted, claimants in claims.items():
        winner = min(
            claimants,
            key=lambda i: (-votes[i][wanted], entities[i].key != wanted, entities[i].key),
        )
        new_key[winner] = wanted
    taken = set(reserved) | set(new_key.values())
    for i, entity in enumerate(entities):
        if i in new_key or entity.key in reserved:
            continue
        key = entity.key
        if key in taken:
            first = min((m.article_id, m.start, m.end) for m in entity.mentions)
            suffix = short_hash(*map(str, first), length=8)
            key = f"{entity.key}_{suffix}"
            n = 2
            while key in taken:
                key, n = f"{entity.key}_{suffix}_{n}", n + 1
        new_key[i] = key
        taken.add(key)

    rename = {entities[i].key: key for i, key in new_key.items() if entities[i].key != key}
    if not rename:
        return resolution
    renamed = [replace(e, key=rename.get(e.key, e.key)) for e in entities]
    return Resolution(
        entities=tuple(sorted(renamed, key=lambda e: e.key)),
        assignment={ref: rename.get(k, k) for ref, k in resolution.assignment.items()},
        publishers={aid: rename.get(k, k) for aid, k in resolution.publishers.items()},
    )


def _renamed_pairs(before: Resolution, after: Resolution) -> tuple[tuple[str, str], ...]:
    """(fresh key, kept key) for every entity :func:`stabilise_keys` renamed."""
    pairs = set()
    for ref, key in after.assignment.items():
        fresh = before.assignment.get(ref)
        if fresh is not None and fresh != key:
            pairs.add((fresh, key))
    return tuple(sorted(pairs))


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
        )
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise GraphError(f"{path}: cannot read the store description ({err})") from err
    if meta.format != STORE_FORMAT:
        raise GraphError(
            f"{store_dir}: a kg store of format {meta.format}; this kg {__version__} reads "
            f"format {STORE_FORMAT}: build into a new store"
        )
    return meta


def _lock_store(
    store_dir: Path, meta: StoreMeta | None, *, base: str, pipeline: str
) -> tuple[ox.Store, StoreMeta | None]:
    """Open the store for writing, which locks it (creating it when new), and read its
    description again: another run may have created it meanwhile."""
    if meta is None:
        try:
            store_dir.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            message = f"--store {store_dir}: cannot make the folder ({err.strerror})"
            raise GraphError(message) from err
    store = _open_store(store_dir)
    if meta is None:
        meta = read_meta(store_dir)
        if meta is not None:
            _check_meta(store_dir, meta, base=base, pipeline=pipeline)
    return store, meta


def _bare_oxigraph_store(store_dir: Path) -> bool:
    """Whether a folder holds an Oxigraph store and nothing of kg's: a store whose creation
    stopped before kg described it (it is then built as new)."""
    return (store_dir / "CURRENT").is_file() and not (store_dir / RECORDS_DIR).exists()


def _check_new_store_dir(store_dir: Path) -> None:
    if store_dir.exists() and not store_dir.is_dir():
        raise InputError(f"--store {store_dir}: exists and is not a folder; give a folder")
    if store_dir.is_dir() and any(store_dir.iterdir()) and not _bare_oxigraph_store(store_dir):
        raise InputError(
            f"--store {store_dir}: a folder that is not a kg store (no {META_FILE}); give a new "
            "or empty folder, or an existing kg store"
        )


def _check_meta(store_dir: Path, meta: StoreMeta, *, base: str, pipeline: str | None) -> None:
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


def _open_store(store_dir: Path) -> ox.Store:
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


def _records_digest(store_dir: Path, meta: StoreMeta) -> str:
    """A digest of every record file and of what made them: equal digests, equal graphs."""
    digest = hashlib.sha256(f"{__version__}\x1f{meta.base}\x1f{meta.model}".encode())
    folder = store_dir / RECORDS_DIR
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        if not path.name.startswith("."):
            digest.update(path.name.encode() + b"\x1f" + path.read_bytes() + b"\x1e")
    return digest.hexdigest()


def _write_state(
    store_dir: Path, meta: StoreMeta, corpus: Corpus, renamed: Sequence[tuple[str, str]]
) -> None:
    """Note that the store's graphs are complete for its records (after a whole update)."""
    counts: Counter[str] = Counter(e.type for e in corpus.resolution.entities)
    state = {
        "format": STORE_FORMAT,
        "digest": _records_digest(store_dir, meta),
        "articles": len(corpus.articles),
        "entities": len(corpus.resolution.entities),
        "mentions": len(corpus.resolution.assignment),
        "entities_by_type": dict(sorted(counts.items())),
        "renamed": [list(pair) for pair in renamed],
    }
    _write_json(store_dir / STATE_FILE, state)


def _read_state(store_dir: Path, meta: StoreMeta) -> dict[str, Any] | None:
    """The state a whole update left, if the records are still the ones it left."""
    try:
        state = json.loads((store_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("digest") != _records_digest(store_dir, meta):
        return None
    return state


# --- writing graphs ------------------------------------------------------------------------


def _graph_quads(store: ox.Store, graph: str) -> set[ox.Quad]:
    import pyoxigraph as ox

    return set(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def replace_graph(store: ox.Store, graph: str, quads: Iterable[ox.Quad]) -> None:
    """Replace one named graph of a store in one SPARQL update, so one transaction: a reader
    or a crash sees either the old graph or the new one. No quads: the graph is dropped.

    The triples are written as N-Triples by pyoxigraph, never escaped by hand.
    """
    import pyoxigraph as ox

    name = str(ox.NamedNode(graph))
    triples = [q.triple for q in quads]
    update = f"DROP SILENT GRAPH {name}"
    if triples:
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        update += f" ;\nINSERT DATA {{ GRAPH {name} {{\n{body.decode('utf-8')}}} }}"
    try:
        store.update(update)
    except (OSError, SyntaxError) as err:
        raise GraphError(f"cannot replace graph {graph} in the store: {err}") from err


def _change_graph(store: ox.Store, graph: str, *, old: set[ox.Quad], new: set[ox.Quad]) -> None:
    """Turn a named graph from ``old`` (what the store holds) into ``new`` in one SPARQL update,
    so one transaction, sending only the difference (an update parses its triples, slowly)."""
    import pyoxigraph as ox

    name = str(ox.NamedNode(graph))
    parts = []
    for verb, quads in (("DELETE", old - new), ("INSERT", new - old)):
        if quads:
            body = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""
            parts.append(f"{verb} DATA {{ GRAPH {name} {{\n{body.decode('utf-8')}}} }}")
    if not parts:
        return
    try:
        store.update(" ;\n".join(parts))
    except (OSError, SyntaxError) as err:
        raise GraphError(f"cannot update graph {graph} in the store: {err}") from err


def _add_graph(store: ox.Store, graph: str, quads: Iterable[ox.Quad]) -> None:
    """Add a graph the store does not have, in one transaction (``Store.extend``; about twice
    as fast as an update, which must parse the triples as SPARQL)."""
    try:
        store.extend(quads)
    except OSError as err:
        raise GraphError(f"cannot add graph {graph} to the store: {err}") from err


def _timeless(quads: Iterable[ox.Quad]) -> set[ox.Quad]:
    from rdflib.namespace import PROV

    times = {str(PROV.startedAtTime), str(PROV.endedAtTime)}
    return {q for q in quads if q.predicate.value not in times}


def _sync(
    store: ox.Store,
    store_dir: Path,
    corpus: Corpus,
    *,
    base: str,
    started: str,
    ended: str,
    stored: Mapping[str, Mapping[str, Any]],
) -> tuple[list[str], list[str]]:
    """Bring the store in line with ``corpus``.

    Drops the graphs of articles no longer in the store, replaces each named graph whose
    statements changed (an article's record is written once its graph is in place), then the
    graph of entities, and last the graph of the run, only if anything else changed. Returns the
    IRIs of the graphs written and dropped.
    """
    import pyoxigraph as ox

    from kg.graph import article_iri
    from kg.pipeline import corpus_quads, graph_iri

    # Oxigraph stores literals by value (xsd:nonNegativeInteger becomes xsd:integer, "+00:00"
    # becomes "Z"); passing the new quads through an in-memory store makes them comparable.
    canonical = ox.Store()
    if corpus.articles:
        canonical.extend(corpus_quads(corpus, base=base, started=started, ended=ended))
    wanted: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in canonical:
        wanted[quad.graph_name.value].append(quad)
    run_graph = graph_iri(base, "run")
    shared = {graph_iri(base, "entities"), run_graph}
    article_prefix = mint_iri(base, "article", "x").removesuffix("x")
    present = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    keys_of: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for (aid, start, end), key in corpus.resolution.assignment.items():
        keys_of[aid].append((start, end, key))

    # Until this update is whole, a re-run must not trust the store (see _read_state).
    (store_dir / STATE_FILE).unlink(missing_ok=True)
    written: list[str] = []
    dropped: list[str] = []
    for graph in sorted(present - set(wanted)):
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
    for extraction in sorted(corpus.extractions, key=lambda ex: ex.article.id):
        aid = extraction.article.id
        put(article_iri(base, extraction.article))
        payload = _record_payload(extraction, keys_of.get(aid, ()), claims_of.get(aid, ()))
        if stored.get(aid) != payload:
            _write_json(_record_path(store_dir, aid), payload)
    articles = {article_iri(base, a) for a in corpus.articles}
    for graph in sorted(set(wanted) - articles - {run_graph}):  # the graph of entities
        put(graph)
    if run_graph in wanted:
        old_run = _graph_quads(store, run_graph) if run_graph in present else set()
        if written or dropped or _timeless(old_run) != _timeless(wanted[run_graph]):
            # Only a run that changed something is recorded, so a re-run leaves the times alone.
            _change_graph(store, run_graph, old=old_run, new=set(wanted[run_graph]))
            written.append(run_graph)
    return written, dropped


# --- building, removing, exporting ---------------------------------------------------------


def build_store(
    paths: Iterable[str | Path],
    store_dir: str | Path,
    *,
    out_dir: str | Path | None = None,
    model: str | None = None,
    nlp: Language | None = None,
    base: str = DEFAULT_BASE,
    stdin: TextIO | BinaryIO | None = None,
    max_chars: int = 1_000_000,
    batch_size: int = 32,
    workers: int = 1,
    dask: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    html: bool = True,
) -> BuildReport:
    """Add some articles to a store (created when missing), re-resolve, and update its graphs.

    New articles are added, changed ones replace their own named graph, unchanged ones are
    skipped (no spaCy); articles of the store not given stay. With ``out_dir``, the whole store
    is then exported to ``graph.ttl``, ``graph.trig``, ``graph.html`` (unless ``html`` is false)
    and ``report.json`` there.

    Args:
        paths: Files and folders (``-`` for standard input), as for :func:`kg.pipeline.build`.
        store_dir: The store directory.
        out_dir: Where to export the whole store after the update, if anywhere.
        model: An installed spaCy pipeline; it must be the one the store was built with.
        nlp: A loaded pipeline to use instead of ``model`` (tests, notebooks).
        base: The IRI namespace; it must be the one the store was built with.
        workers: Processes for extraction, as for :func:`kg.pipeline.build`.
        dask: Extract on Dask instead (``"local"`` or a scheduler's address), as for
            :func:`kg.pipeline.build`.
        progress: Called with (articles done, articles to extract) as extraction proceeds.

    Returns:
        The report; its ``store`` says what changed in the store.

    Raises:
        InputError: The store was built with another ``base`` or ``model``, or the folder is
            not a kg store.
        GraphError: The store is in use by another process or cannot be written.

    Example:
        >>> report = build_store(["articles/"], "store/")  # doctest: +SKIP
    """
    from kg.extract import DEFAULT_MODEL, load_pipeline, model_name
    from kg.pipeline import _stage, extract_articles, read_articles

    base = check_base(base)
    store_dir = Path(store_dir)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    # A pipeline is named by --model; a loaded one (nlp) by its package name, as model_name
    # gives it before the "@version". The version is checked once the pipeline is loaded.
    pipeline = model or DEFAULT_MODEL
    if nlp is not None:
        pipeline = model or model_name(nlp).rpartition("@")[0]
    seconds: dict[str, float] = {}
    meta = read_meta(store_dir)
    if meta is None:
        _check_new_store_dir(store_dir)
    else:
        _check_meta(store_dir, meta, base=base, pipeline=pipeline)

    t0 = time.perf_counter()
    articles, skipped, warnings = _stage(
        "read", lambda: read_articles(paths, stdin=stdin, max_chars=max_chars)
    )
    seconds["read+clean"] = time.perf_counter() - t0
    if not articles:  # nothing readable: the store is left as it was
        from kg.pipeline import nothing_read

        raise nothing_read(skipped)

    # The lock, before the records are read, even for a store this run creates: a second
    # writer (another kg build creating the same store) is refused, not interleaved.
    store, meta = _lock_store(store_dir, meta, base=base, pipeline=pipeline)
    t0 = time.perf_counter()
    plan = _plan(store_dir, articles)
    seconds["records"] = time.perf_counter() - t0
    todo = plan.extract
    nothing_new = not plan.added and not plan.changed
    state = _read_state(store_dir, meta) if meta is not None and nothing_new else None
    if state is not None:
        # Nothing new, and the last update left the graphs complete for these very records.
        update = StoreUpdate(
            path=str(store_dir),
            articles=int(state["articles"]),
            unchanged=plan.unchanged,
            renamed=tuple((str(a), str(b)) for a, b in state["renamed"]),
        )
        summary = _Summary(
            int(state["entities"]), int(state["mentions"]), dict(state["entities_by_type"])
        )
        return _finish(
            store,
            store_dir,
            out_dir=out_dir,
            summary=summary,
            update=update,
            articles=len(articles),
            skipped=skipped,
            warnings=warnings,
            seconds=seconds,
            html=html,
        )
    model_used = meta.model if meta is not None else ""
    if todo:
        t0 = time.perf_counter()
        given = nlp
        if nlp is None:
            nlp = _stage("load model", lambda: load_pipeline(pipeline))
        seconds["load_model"] = time.perf_counter() - t0
        model_used = model_name(nlp)
        if meta is not None and meta.model != model_used:
            raise ModelError(
                f"--store {store_dir}: its records were made by {meta.model}, but the "
                f"pipeline is now {model_used}; build into a new store (or install {meta.model})"
            )
        t0 = time.perf_counter()
        fresh_facts: dict[str, Facts] = {}
        extracted = _stage(
            "extract",
            lambda: extract_articles(
                todo,
                # Workers load a pipeline given by name themselves (no pickled copy).
                nlp=nlp if given is not None or (workers <= 1 and dask is None) else pipeline,
                batch_size=batch_size,
                workers=workers,
                dask=dask,
                progress=progress,
                facts=fresh_facts,
            ),
        )
        seconds["extract"] = time.perf_counter() - t0
        plan.extractions.extend(extracted)
        plan.claims.update((aid, f.claims) for aid, f in fresh_facts.items())
    if meta is None:
        meta = StoreMeta(STORE_FORMAT, base, pipeline, model_used)
        _write_json(store_dir / META_FILE, asdict(meta))
    corpus, renamed = _analyse(plan, meta, skipped=skipped, warnings=warnings)
    seconds.update(corpus.seconds)
    ended = datetime.now(UTC).isoformat(timespec="seconds")
    t0 = time.perf_counter()
    written, dropped = _stage(
        "store",
        lambda: _sync(
            store, store_dir, corpus, base=base, started=started, ended=ended, stored=plan.stored
        ),
    )
    seconds["store"] = time.perf_counter() - t0
    _write_state(store_dir, meta, corpus, renamed)
    update = StoreUpdate(
        path=str(store_dir),
        articles=len(corpus.articles),
        added=tuple(sorted(plan.added)),
        changed=tuple(sorted(plan.changed)),
        unchanged=plan.unchanged,
        extracted=len(todo),
        written=tuple(written),
        dropped=tuple(dropped),
        renamed=renamed,
    )
    counts: Counter[str] = Counter(e.type for e in corpus.resolution.entities)
    summary = _Summary(
        len(corpus.resolution.entities), len(corpus.resolution.assignment), dict(counts)
    )
    return _finish(
        store,
        store_dir,
        out_dir=out_dir,
        summary=summary,
        update=update,
        articles=len(articles),
        skipped=skipped,
        warnings=warnings,
        seconds=seconds,
        html=html,
    )


@dataclass(frozen=True, slots=True)
class _Summary:
    entities: int
    mentions: int
    entities_by_type: dict[str, int]


def _finish(
    store: ox.Store,
    store_dir: Path,
    *,
    out_dir: str | Path | None,
    summary: _Summary,
    update: StoreUpdate,
    articles: int,
    skipped: Sequence[Skipped],
    warnings: Sequence[str],
    seconds: dict[str, float],
    html: bool,
    folder: Path | None = None,
) -> BuildReport:
    """Export the store if asked, and report. The export is written into a fresh ``folder``
    that then replaces ``out_dir`` in one step (:func:`kg.outdir.output_folder`)."""
    from kg.pipeline import BuildReport, _stage

    if out_dir is not None and folder is None:
        from kg.outdir import output_folder

        with output_folder(out_dir) as fresh:
            return _finish(
                store,
                store_dir,
                out_dir=out_dir,
                summary=summary,
                update=update,
                articles=articles,
                skipped=skipped,
                warnings=warnings,
                seconds=seconds,
                html=html,
                folder=fresh,
            )
    outputs: tuple[str, ...] = ()
    warnings = list(warnings)
    if out_dir is not None and folder is not None:
        t0 = time.perf_counter()
        written = _stage("export", lambda: export_store(store, folder))
        outputs = tuple(str(Path(out_dir) / Path(path).name) for path in written)
        seconds["export"] = time.perf_counter() - t0
        if html:
            from kg.viz import write_html

            t0 = time.perf_counter()
            title = f"kg: {update.articles} article{'s' * (update.articles != 1)}"
            page = _stage("html", lambda: write_html(store, folder / "graph.html", title=title))
            outputs = (*outputs, str(Path(out_dir) / "graph.html"))
            if page.dropped:
                warnings.append(
                    f"graph.html shows the {page.nodes} most connected of "
                    f"{page.dropped + page.nodes} nodes; see the rest with kg viz (--focus, "
                    "--types, --source, --max-nodes)"
                )
            seconds["html"] = time.perf_counter() - t0
        outputs = (*outputs, str(Path(out_dir) / "report.json"))
    meta = read_meta(store_dir)
    report = BuildReport(
        articles=articles,
        skipped=tuple(skipped),
        warnings=tuple(warnings),
        entities=summary.entities,
        mentions=summary.mentions,
        entities_by_type=summary.entities_by_type,
        outputs=outputs,
        model=meta.model if meta is not None else "",
        seconds=seconds,
        store=update,
    )
    if folder is not None:
        _write_report(report, folder)
    return report


def _plan(store_dir: Path, articles: Sequence[Article]) -> _Plan:
    """Sort the articles read into new, changed and unchanged, against the stored records."""
    _clean_temporary_files(store_dir)
    stored = read_records(store_dir)
    plan = _Plan(
        stored=stored,
        old={
            aid: read_extraction(r, where=str(_record_path(store_dir, aid)))
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
    given = {a.id for a in articles}
    plan.extractions = [ex for aid, ex in plan.old.items() if aid not in given]
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
            plan.unchanged += 1
    return plan


def _analyse(
    plan: _Plan,
    meta: StoreMeta,
    *,
    skipped: Sequence[Skipped] = (),
    warnings: Sequence[str] = (),
) -> tuple[Corpus, tuple[tuple[str, str], ...]]:
    """Resolve every article of the store, keeping the keys its mentions had before."""
    from kg.pipeline import analyse_extractions

    # Article-id order: the same articles give the same graph whatever order they came in.
    extractions = sorted(plan.extractions, key=lambda ex: ex.article.id)
    previous: dict[MentionKey, str] = {}
    for ex in extractions:
        aid = ex.article.id
        if aid in plan.stored:
            previous.update(_record_keys(plan.stored[aid], plan.old[aid], ex))
    fresh: list[Resolution] = []

    def rekey(resolution: Resolution) -> Resolution:
        fresh.append(resolution)
        return stabilise_keys(resolution, previous)

    from kg.facts import extract_facts

    # Claims need the parse, which only the worker that parsed an article had: they come back
    # from it or from the article's record; the other facts are found again from the records.
    facts = [extract_facts(ex, claims=plan.claims.get(ex.article.id)) for ex in extractions]
    corpus = analyse_extractions(
        extractions,
        model=meta.model,
        skipped=skipped,
        warnings=warnings,
        rekey=rekey,
        facts=facts,
    )
    renamed = _renamed_pairs(fresh[0], corpus.resolution) if fresh else ()
    return corpus, renamed


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
    store_dir = Path(store_dir)
    meta = read_meta(store_dir)
    if meta is None:
        raise GraphError(f"{store_dir}: not a kg store (no {META_FILE}); give a --store folder")
    started = datetime.now(UTC).isoformat(timespec="seconds")
    store = _open_store(store_dir)
    plan = _plan(store_dir, ())
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
    _write_json(store_dir / REMOVING_FILE, {aid: list(pair) for aid, pair in removing.items()})
    for aid in sorted(chosen):  # the record next: the records say what the store holds
        _record_path(store_dir, aid).unlink(missing_ok=True)
    plan.extractions = [ex for ex in plan.extractions if ex.article.id not in chosen]
    corpus, renamed = _analyse(plan, meta)
    ended = datetime.now(UTC).isoformat(timespec="seconds")
    written, dropped = _sync(
        store, store_dir, corpus, base=meta.base, started=started, ended=ended, stored=plan.stored
    )
    _write_state(store_dir, meta, corpus, renamed)
    (store_dir / REMOVING_FILE).unlink(missing_ok=True)
    return StoreUpdate(
        path=str(store_dir),
        articles=len(corpus.articles),
        removed=tuple(sorted(chosen)),
        written=tuple(written),
        dropped=tuple(dropped),
        renamed=renamed,
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


def export_store(store: ox.Store | str | Path, out_dir: str | Path) -> tuple[str, ...]:
    """Write the whole store to ``out_dir/graph.ttl`` (the union of its graphs) and
    ``out_dir/graph.trig`` (its named graphs), each atomically, streaming.

    Offsets get back the datatype of the graph's contract (``xsd:nonNegativeInteger``), which
    Oxigraph stores as ``xsd:integer``, so an export conforms to the shapes as a build's files do.

    Returns:
        The paths written.
    """
    import pyoxigraph as ox

    from kg.graph import atomic_write
    from kg.query import open_graph
    from kg.vocab import PREFIXES

    if not isinstance(store, ox.Store):
        store = open_graph(store)
    out = Path(out_dir)
    prefixes = dict(PREFIXES)

    def write_turtle(handle: BinaryIO) -> None:
        # CONSTRUCT over the union gives each triple once, however many graphs hold it.
        answer = store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
        )
        triples = (_contract_triple(t) for t in answer)  # type: ignore[union-attr]
        ox.serialize(triples, handle, ox.RdfFormat.TURTLE, prefixes=prefixes)

    def write_trig(handle: BinaryIO) -> None:
        graphs = sorted(store.named_graphs(), key=str)
        quads = (
            _in_graph(_contract_triple(q.triple), graph)
            for graph in graphs
            for q in store.quads_for_pattern(None, None, None, graph)
        )
        ox.serialize(quads, handle, ox.RdfFormat.TRIG, prefixes=prefixes)

    try:
        atomic_write(out / "graph.ttl", write_turtle)
        atomic_write(out / "graph.trig", write_trig)
    except OSError as err:
        raise GraphError(f"{out}: cannot write the export: {err}") from err
    return (str(out / "graph.ttl"), str(out / "graph.trig"))


def _in_graph(triple: ox.Triple, graph: ox.NamedNode | ox.BlankNode) -> ox.Quad:
    import pyoxigraph as ox

    return ox.Quad(triple.subject, triple.predicate, triple.object, graph)


def _contract_triple(triple: ox.Triple) -> ox.Triple:
    """The triple with the datatype kg's graph contract gives its object, where Oxigraph
    stored a more general one (decision 0005)."""
    import pyoxigraph as ox

    from kg.vocab import NIF

    obj = triple.object
    if (
        isinstance(obj, ox.Literal)
        and obj.datatype.value == _XSD_INTEGER
        and triple.predicate.value in (str(NIF.beginIndex), str(NIF.endIndex))
    ):
        obj = ox.Literal(obj.value, datatype=ox.NamedNode(_XSD_NON_NEGATIVE_INTEGER))
        return ox.Triple(triple.subject, triple.predicate, obj)
    return triple


def _write_report(report: BuildReport, out: Path) -> None:
    from kg.graph import atomic_write

    path = out / "report.json"
    payload = json.dumps(report.to_json(), indent=2, ensure_ascii=False).encode("utf-8") + b"\n"

    def write(handle: BinaryIO) -> None:
        handle.write(payload)

    atomic_write(path, write)
