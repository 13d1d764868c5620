"""The named queries and an export on about a million triples: a pyoxigraph store on disk, the
Oxigraph server over it (``kg serve``, ``kg load``), and pure rdflib on the same data.

    python -m benchmarks.store                    # ~1,000,000 triples; one JSON line per operation
    python -m benchmarks.store --triples 100000 --limit 60
    python -m benchmarks.store --triples 100000 --only-open   # open time, query time, size

The data has kg's shape: the sample articles are built once (``kg.pipeline.build``) and their
graph copied with rewritten IRIs (articles, facts, events and runs per copy, entities and merges
per group of ten copies, so that entities gather mentions from many articles) until it holds
``--triples`` quads. Each rdflib operation runs in a worker process with a time limit (the worker
is killed past it and the line says ``">LIMIT s"``): rdflib is slow here (MEASURED.md).
Times are wall-clock seconds of one run, rows read to the end; 2 cores, so +-15%.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "articles"
#: The named queries with parameters get these.
PARAMS = {"sources": {"entity": "Moscow"}}
#: Paths (after the base) whose IRIs are copied per copy, and per group of copies.
PER_COPY = ("article/", "fact/", "event/", "run/")
PER_GROUP = ("entity/", "merge/")
GROUP = 10


def emit(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def build_samples(out: Path) -> Path:
    from kg.pipeline import build

    build([SEEDS], out)
    return out / "graph.trig"


def replicate(trig: Path, target: int, out: Path) -> tuple[int, int]:
    """Write about ``target`` distinct quads in kg's shape to ``out`` (N-Quads, with repeats);
    (quads written, copies)."""
    import pyoxigraph as ox

    from kg.iri import DEFAULT_BASE

    sample = list(ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))

    def rename(term: Any, copy: int) -> Any:
        if not isinstance(term, ox.NamedNode) or not term.value.startswith(DEFAULT_BASE):
            return term
        rest = term.value[len(DEFAULT_BASE) :]
        path, hash_, fragment = rest.partition("#")
        if rest.startswith(PER_COPY):
            path += f"-c{copy}"
        elif rest.startswith(PER_GROUP):
            path += f"-g{copy // GROUP}"
        else:
            return term
        return ox.NamedNode(DEFAULT_BASE + path + hash_ + fragment)

    def quads() -> Iterator[ox.Quad]:
        for copy in range(copies):
            for q in sample:
                yield ox.Quad(
                    rename(q.subject, copy),
                    q.predicate,
                    rename(q.object, copy),
                    rename(q.graph_name, copy),
                )

    # Copies of a group share their entities, and every copy the role concepts: count the
    # distinct quads a group of copies adds to aim at ``target`` distinct quads.
    copies = GROUP
    per_copy = len(set(quads())) / GROUP
    copies = max(1, round(target / per_copy))
    ox.serialize(quads(), str(out), format=ox.RdfFormat.N_QUADS)
    return copies * len(sample), copies


def timed(function: Any, *args: Any, **kwargs: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - started, value


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def bench_pyoxigraph(nquads: Path, work: Path) -> Path:
    """The named queries and the exports on a pyoxigraph store in memory (as ``kg query
    graph.trig`` has) and on disk opened read-only (as ``kg query DIR`` has); the store's path."""
    import pyoxigraph as ox

    memory = ox.Store()
    seconds, _ = timed(memory.bulk_load, path=str(nquads), format=ox.RdfFormat.N_QUADS)
    engine = "pyoxigraph in memory"
    emit(op="load N-Quads", engine=engine, seconds=round(seconds, 2), quads=len(memory))
    _bench_operations(memory, engine, work)
    del memory
    location = work / "store"
    store = ox.Store(str(location))
    seconds, _ = timed(store.bulk_load, path=str(nquads), format=ox.RdfFormat.N_QUADS)
    engine = "pyoxigraph store (disk, read-only)"
    emit(op="load N-Quads", engine=engine, seconds=round(seconds, 2), quads=len(store))
    store.flush()
    del store
    _bench_operations(ox.Store.read_only(str(location)), engine, work)
    return location


def bench_open(nquads: Path, work: Path) -> None:
    """Open time, a named query and size on disk of a store written as a kg update writes it
    (one transaction per graph), before and after :func:`kg.store_compact.compact` (flush, and
    optimize for a new store) and :func:`kg.store_compact.drop_log`: an uncompacted store
    replays its write-ahead log at every open."""
    import pyoxigraph as ox

    from kg.query import run_named_query
    from kg.store_compact import compact, drop_log

    graphs: dict[str, list[Any]] = {}
    for quad in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
        graphs.setdefault(str(quad.graph_name), []).append(quad)
    for state in ("as written", "compacted"):
        location = work / f"updated-{state.replace(' ', '-')}"
        store = ox.Store(str(location))
        seconds, _ = timed(_write_by_graph, store, graphs)
        emit(op=f"write graph by graph ({state})", seconds=round(seconds, 2), graphs=len(graphs))
        if state == "compacted":
            seconds, _ = timed(compact, store, location)
            emit(op="compact", seconds=round(seconds, 2))
        del store
        if state == "compacted":
            seconds, _ = timed(drop_log, location)
            emit(op="reopen to drop the log", seconds=round(seconds, 2))
        size = sum(path.stat().st_size for path in location.rglob("*") if path.is_file())
        opened, reader = timed(ox.Store.read_only, str(location))
        queried, result = timed(run_named_query, reader, "entities")
        del reader
        emit(
            op=f"open read-only ({state})",
            seconds=round(opened, 3),
            query_entities_seconds=round(queried, 3),
            rows=len(result.rows),
            bytes=size,
        )
        shutil.rmtree(location)


def _write_by_graph(store: Any, graphs: dict[str, list[Any]]) -> None:
    for quads in graphs.values():
        store.extend(quads)


def _bench_operations(store: Any, engine: str, work: Path) -> None:
    import pyoxigraph as ox

    from kg.query import named_queries, run_named_query

    for name in named_queries():
        seconds, result = timed(run_named_query, store, name, params=PARAMS.get(name))
        emit(op=f"query {name}", engine=engine, seconds=round(seconds, 3), rows=len(result.rows))
    for fmt, suffix in ((ox.RdfFormat.TRIG, "trig"), (ox.RdfFormat.N_QUADS, "nq")):
        target = work / f"export.{suffix}"
        seconds, _ = timed(store.dump, str(target), format=fmt)
        size = target.stat().st_size
        emit(op=f"export {suffix}", engine=engine, seconds=round(seconds, 2), bytes=size)
        target.unlink()


def bench_server(location: Path, work: Path) -> None:
    """The named queries through a read-only server over the store, and kg load into another."""
    from kg.endpoint import Endpoint
    from kg.load import load_graphs
    from kg.query import named_queries, run_named_query
    from kg.serve import start_server

    with start_server(location, bind=f"127.0.0.1:{free_port()}") as server:
        endpoint = Endpoint(server.url, timeout=600)
        for name in named_queries():
            seconds, result = timed(run_named_query, endpoint, name, params=PARAMS.get(name))
            emit(
                op=f"query {name}",
                engine="oxigraph server (HTTP)",
                seconds=round(seconds, 3),
                rows=len(result.rows),
            )
    with start_server(work / "loaded", bind=f"127.0.0.1:{free_port()}", writable=True) as server:
        seconds, report = timed(load_graphs, location, server.store_url, timeout=600)
        emit(
            op="kg load (one PUT per graph)",
            engine="oxigraph server (HTTP)",
            seconds=round(seconds, 2),
            graphs=len(report.graphs),
            triples=report.triples,
        )


def _rdflib_worker(connection: Connection, nquads: str) -> None:
    """Load the data into an rdflib Dataset, then run the operations the parent sends."""
    from rdflib import Dataset, Literal

    from kg.iri import DEFAULT_BASE
    from kg.query import named_queries
    from kg.vocab import PREFIXES

    started = time.perf_counter()
    dataset = Dataset(default_union=True)  # the default graph is the union, as in kg query
    dataset.parse(nquads, format="nquads")
    connection.send(("loaded", time.perf_counter() - started, len(dataset)))
    queries = named_queries()
    while True:
        op = connection.recv()
        if op is None:
            return
        started = time.perf_counter()
        if op.startswith("query "):
            name = op.removeprefix("query ")
            bindings = {key: Literal(value) for key, value in PARAMS.get(name, {}).items()}
            rows = list(
                dataset.query(
                    queries[name].text,
                    initNs=dict(PREFIXES),
                    base=DEFAULT_BASE,
                    initBindings=bindings or None,
                )
            )
            connection.send((op, time.perf_counter() - started, {"rows": len(rows)}))
        else:
            fmt = {"export trig": "trig", "export nq": "nquads"}[op]
            target = Path(nquads).with_suffix(f".rdflib.{fmt}")
            dataset.serialize(destination=str(target), format=fmt)
            size = target.stat().st_size
            target.unlink()
            connection.send((op, time.perf_counter() - started, {"bytes": size}))


def bench_rdflib(nquads: Path, limit: float) -> None:
    """Each operation in a worker with a time limit; a worker past it is killed and replaced."""
    from kg.query import named_queries

    ops = [f"query {name}" for name in named_queries()] + ["export nq", "export trig"]
    context = multiprocessing.get_context("spawn")
    engine = "rdflib Dataset"
    loaded_once = False
    while ops:
        parent, child = context.Pipe()
        worker = context.Process(target=_rdflib_worker, args=(child, str(nquads)), daemon=True)
        worker.start()
        if not parent.poll(max(limit, 600)):
            worker.kill()
            emit(op="load N-Quads", engine=engine, seconds=None, limit=f">{max(limit, 600):g} s")
            return
        _, seconds, count = parent.recv()
        if not loaded_once:
            emit(op="load N-Quads", engine=engine, seconds=round(seconds, 2), quads=count)
            loaded_once = True
        while ops:
            op = ops.pop(0)
            parent.send(op)
            if parent.poll(limit):
                _, seconds, extra = parent.recv()
                emit(op=op, engine=engine, seconds=round(seconds, 3), **extra)
            else:
                worker.kill()
                worker.join()
                emit(op=op, engine=engine, seconds=None, limit=f">{limit:g} s")
                break  # a new worker loads the data again for the rest
        else:
            parent.send(None)
            worker.join(30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="about this many quads")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds per rdflib operation")
    parser.add_argument(
        "--trig", type=Path, help="a built graph.trig to copy (default: build the samples)"
    )
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib")
    parser.add_argument(
        "--only-open", action="store_true", help="only the store's open time, query time, size"
    )
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kg-bench-store-"))
    try:
        trig = args.trig or build_samples(work / "samples")
        nquads = work / "data.nq"
        seconds, (count, copies) = timed(replicate, trig, args.triples, nquads)
        emit(
            op="generate",
            quads=count,
            copies=copies,
            seconds=round(seconds, 1),
            bytes=nquads.stat().st_size,
        )
        bench_open(nquads, work)
        if args.only_open:
            return 0
        location = bench_pyoxigraph(nquads, work)
        bench_server(location, work)
        if not args.no_rdflib:
            bench_rdflib(nquads, args.limit)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
