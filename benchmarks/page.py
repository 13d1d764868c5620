"""What ``graph.html`` costs beside a build: seconds and memory of the page alone, at N articles.

    python -m benchmarks.page --articles 1000                  # builds 1,000 articles once
    python -m benchmarks.page --articles 10000 --paths records,graph

Each line of output is one JSON object: ``path`` (``records``: what ``kg build -o`` does, the page
read from the build's records, :class:`kg.viz.rows.CorpusRows`; ``graph``: the page read from
``graph.trig`` parsed into an in-memory Oxigraph store, as builds did before, and as ``kg viz
graph.trig`` still does), ``articles``, ``entities``, ``seconds`` (wall clock of the page:
reading, choosing, writing), ``cpu_seconds`` (the process's CPU time meanwhile: less swayed by
other work on a shared machine) and ``page_mb`` (the peak RSS of the page's process while it makes
the page, minus its RSS before: what the page adds to a build that already holds its records;
Rust's allocations, Oxigraph's, are counted too, which tracemalloc would miss), and the nodes
and edges shown. Each measurement runs in a fresh process that loads the records first.

The records: a corpus of ``--base`` articles (:mod:`benchmarks.corpus`) is analysed once with
``kg.pipeline.analyse`` (spaCy; ~5 CPU-minutes for 1,000) and kept in ``--cache`` as a pickle.
Larger corpora are copies of it with kg's shape: each copy has its own article ids, facts and
events (``-c{copy}`` added to their ids and keys), and its own entities for those named in fewer
than :data:`SHARED_ARTICLES` articles of the base (their key gets ``-c{copy}`` and their names a
copy number, so a new person keeps appearing), while the entities named more often (and every
country and government, which facts name by their ISO code) are shared by all copies and gather
mentions from all of them: 10,000 articles have ~10x the base's mentions and ~8x its entities.
Times are one run on a shared 2-core machine: +-15%.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import pickle
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.records import Corpus

#: Entities named in at least this many articles of the base are shared by every copy.
SHARED_ARTICLES = 3
_SHARED_KEYS = ("country_", "government_")


def base_corpus(articles: int, cache: Path) -> Path:
    """The pickled records of ``articles`` made-up articles (analysed once, then cached)."""
    from benchmarks.corpus import make_corpus, write_corpus
    from kg.pipeline import analyse
    from kg.records import BuildOptions

    path = cache / f"records-{articles}.pkl"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        source = cache / f"corpus-{articles}.jsonl"
        write_corpus(make_corpus(articles, seed=0), source)
        corpus = analyse([source], options=BuildOptions(workers=2))
        path.write_bytes(pickle.dumps(corpus, protocol=5))
    return path


def replicate(corpus: Corpus, copies: int) -> Corpus:
    """``copies`` copies of the records, as the module's docstring says."""
    from kg.records import Corpus, MentionRef, Resolution

    articles_of: Counter[str] = Counter()
    for key, refs in ((e.key, e.mentions) for e in corpus.resolution.entities):
        articles_of[key] = len({ref[0] for ref in refs})
    shared = {
        key
        for key, n in articles_of.items()
        if n >= SHARED_ARTICLES or key.startswith(_SHARED_KEYS)
    }
    if copies == 1:
        return corpus

    def pieces(copy: int) -> dict[str, Any]:
        def aid(old: str) -> str:
            return f"{old}-c{copy}"

        def key(old: str) -> str:
            return old if old in shared else f"{old}-c{copy}"

        def ref(old: Any) -> tuple[str, int, int]:
            return (aid(old[0]), old[1], old[2])

        def arts(old: Any) -> Any:
            return replace(old, id=aid(old.id), source=f"{old.source}#c{copy}")

        articles = {a.id: arts(a) for a in corpus.articles}
        extractions = [replace(ex, article=articles[ex.article.id]) for ex in corpus.extractions]
        facts = [
            replace(
                f,
                article_id=aid(f.article_id),
                positions=tuple(replace(p, article_id=aid(p.article_id)) for p in f.positions),
                events=tuple(replace(e, article_id=aid(e.article_id)) for e in f.events),
                claims=tuple(replace(c, article_id=aid(c.article_id)) for c in f.claims),
            )
            for f in corpus.facts
        ]
        entities = [
            replace(
                e,
                key=key(e.key),
                label=e.label if e.key in shared else f"{e.label} {copy}",
                variants=e.variants
                if e.key in shared
                else tuple(f"{v} {copy}" for v in e.variants),
                mentions=tuple(MentionRef(*ref(m)) for m in e.mentions),
            )
            for e in corpus.resolution.entities
        ]
        events = [
            replace(
                ev,
                key=f"{ev.key}-c{copy}",
                place=key(ev.place) if ev.place else None,
                participants=tuple(key(p) for p in ev.participants),
                reports=tuple(replace(r, article_id=aid(r.article_id)) for r in ev.reports),
            )
            for ev in corpus.events
        ]
        return {
            "articles": list(articles.values()),
            "extractions": extractions,
            "facts": facts,
            "entities": entities,
            "assignment": {ref(m): key(k) for m, k in corpus.resolution.assignment.items()},
            "publishers": {aid(a): key(k) for a, k in corpus.resolution.publishers.items()},
            "events": events,
            "twins": [(aid(a), aid(b)) for a, b in corpus.twins],
        }

    parts = [pieces(copy) for copy in range(copies)]
    merged: dict[str, Any] = {}
    for entity in (e for part in parts for e in part["entities"]):
        if entity.key in merged:  # shared: one entity with the mentions of every copy
            old = merged[entity.key]
            merged[entity.key] = replace(old, mentions=old.mentions + entity.mentions)
        else:
            merged[entity.key] = entity
    assignment: dict[tuple[str, int, int], str] = {}
    publishers: dict[str, str] = {}
    for part in parts:
        assignment.update(part["assignment"])
        publishers.update(part["publishers"])
    return Corpus(
        articles=tuple(a for part in parts for a in part["articles"]),
        extractions=tuple(x for part in parts for x in part["extractions"]),
        resolution=Resolution(
            entities=tuple(merged.values()), assignment=assignment, publishers=publishers
        ),
        skipped=(),
        warnings=(),
        model=corpus.model,
        facts=tuple(f for part in parts for f in part["facts"]),
        events=tuple(e for part in parts for e in part["events"]),
        twins=tuple(t for part in parts for t in part["twins"]),
    )


def _rss_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def measure_page(records: str, path: str, trig: str | None, out: str) -> dict[str, Any]:
    """In a fresh process: load the records, then make the page from them or from the TriG."""
    import gc

    from kg.viz import write_html

    corpus = pickle.loads(Path(records).read_bytes())
    gc.collect()
    gc.freeze()  # as kg.pipeline.build has the records while it draws the page (frozen_gc)
    Path("/proc/self/clear_refs").write_text("5")  # the peak RSS starts again from here
    before = _rss_kib("VmRSS")
    t0, cpu0 = time.perf_counter(), time.process_time()
    if path == "records":
        report = write_html(corpus, out, title="bench")
    else:
        import pyoxigraph as ox

        store = ox.Store()
        store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
        report = write_html(store, out, title="bench")
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    peak = _rss_kib("VmHWM")
    return {
        "path": path,
        "articles": len(corpus.articles),
        "entities": len(corpus.resolution.entities),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "page_mb": round((peak - before) / 1024, 1),
        "nodes": report.nodes,
        "edges": report.edges,
        "co_mentions": report.co_mentions,
        "html_mb": round(Path(out).stat().st_size / 1e6, 1),
    }


def write_trig(corpus: Corpus, out: Path) -> None:
    """The build's ``graph.trig`` of these records (without the page)."""
    from kg.corpus import corpus_graphs
    from kg.graph import write_graphs
    from kg.iri import DEFAULT_BASE

    now = "2026-01-01T00:00:00Z"
    write_graphs(
        corpus_graphs(corpus, base=DEFAULT_BASE, started=now, ended=now, formats=["trig"]),
        {out: "trig"},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--base", type=int, default=1000, help="articles analysed with spaCy")
    parser.add_argument("--paths", default="records", help="records, graph or records,graph")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "kg-page")
    args = parser.parse_args()
    base = base_corpus(args.base, args.cache)
    copies = max(1, round(args.articles / args.base))
    records = args.cache / f"records-{args.base}x{copies}.pkl"
    if not records.exists():
        corpus = replicate(pickle.loads(base.read_bytes()), copies)
        records.write_bytes(pickle.dumps(corpus, protocol=5))
    paths = args.paths.split(",")
    trig = args.cache / f"graph-{args.base}x{copies}.trig"
    if "graph" in paths and not trig.exists():
        write_trig(pickle.loads(records.read_bytes()), trig)
    context = multiprocessing.get_context("spawn")
    for path in paths:
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            out = str(args.cache / f"page-{path}-{copies}.html")
            result = pool.submit(measure_page, str(records), path, str(trig), out).result()
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
