"""CPU seconds of resolution across articles on a store's kept clusters, the Resolution compared
with a saved one; or how far the keys of a few articles reach (the size of an affected set).

    python -m benchmarks.resolve STORE --save /tmp/full.pkl      # time, keep the Resolution
    python -m benchmarks.resolve STORE --compare /tmp/full.pkl   # time, the same Resolution?
    python -m benchmarks.resolve STORE --profile                 # cProfile of one pass
    python -m benchmarks.resolve STORE --reach 10                # what 10 articles' keys reach

``STORE`` is a store folder (``benchmarks.update --work W`` keeps ``W/s100``, ``W/s1000`` and
``W/s10000``). The stage timed is :func:`kg.resolve.resolve_entities` over every article of the
store, each article's clusters read from ``clusters.json`` (:mod:`kg.store_clusters`), as an
update does it. The rules digest those clusters are trusted under is pinned to the one the file
was written with, so that a change to ``kg/`` does not make them stale (every article clustered
again, 30-60 s at 10,000 articles, decision 0012): code that changes what one article's clusters
are is not measured right this way, code across articles is. The records are read once, outside
the time; each pass runs with the garbage collector paused, as in a build. The figure is the CPU
time of each pass (2 shared cores: compare alternating runs).

``--reach N`` takes the last ``N`` articles by id, as an update adding them last would, and
prints how many of the store's clusters share a (family, key) with theirs, directly and through
chains of shared keys (the clusters an index pass over what they touch would read again).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pickle
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any


def emit(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def kept_clusters(store: Path) -> tuple[list[Any], Any]:
    """The store's extractions in article-id order and its kept clusters (digest pinned)."""
    import kg.store_clusters as store_clusters
    from kg.memory import paused_gc
    from kg.store import plan_update

    stamp = json.loads((store / store_clusters.CLUSTERS_FILE).read_text(encoding="utf-8"))["stamp"]
    store_clusters.rules_digest = lambda: stamp["rules"]  # type: ignore[assignment]
    store_clusters.__version__ = stamp["kg"]  # type: ignore[attr-defined]
    with paused_gc(freeze=True):
        plan = plan_update(store, [])
        extractions = sorted(plan.extractions, key=lambda e: e.article.id)
        cache = store_clusters.read_clusters(store, model=stamp["model"])
    if len(cache.entries) != len(extractions):
        raise SystemExit(f"{store}: {len(cache.entries)} kept articles of {len(extractions)}")
    return extractions, cache


def timed_passes(extractions: list[Any], cache: Any, runs: int) -> tuple[list[float], Any]:
    from kg.memory import paused_gc
    from kg.resolve import resolve_entities

    times, resolution = [], None
    for _ in range(runs):
        cpu = time.process_time()
        with paused_gc():
            resolution = resolve_entities(extractions, cluster_article=cache.clusters)
        times.append(time.process_time() - cpu)
    if cache.made:
        raise SystemExit(f"{cache.made} articles were clustered again: the kept file is stale")
    return times, resolution


def reach(extractions: list[Any], cache: Any, count: int) -> None:
    """How many clusters the keys of the last ``count`` articles reach."""
    clusters: list[tuple[str, frozenset[tuple[str, str]]]] = []
    for ex in extractions:
        for cluster in cache.clusters(ex):
            clusters.append((ex.article.id, frozenset((cluster.family, k) for k in cluster.keys)))
    parent = list(range(len(clusters)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[str, str], int] = {}
    for i, (_, keys) in enumerate(clusters):
        for key in keys:
            j = owner.setdefault(key, i)
            if find(i) != find(j):
                parent[find(i)] = find(j)
    sizes: dict[int, int] = defaultdict(int)
    for i in range(len(clusters)):
        sizes[find(i)] += 1
    added = {ex.article.id for ex in extractions[-count:]}
    new = [i for i, (aid, _) in enumerate(clusters) if aid in added]
    their_keys = {key for i in new for key in clusters[i][1]}
    direct = sum(1 for _, keys in clusters if keys & their_keys)
    components = {find(i) for i in new}
    ranked = sorted(sizes.values(), reverse=True)
    emit(
        op=f"reach of the last {count} articles' keys",
        clusters=len(clusters),
        components=len(sizes),
        largest=ranked[:5],
        their_clusters=len(new),
        sharing_a_key=direct,
        in_their_components=sum(sizes[c] for c in components),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--save", type=Path, help="keep the Resolution (pickle)")
    parser.add_argument("--compare", type=Path, help="compare the Resolution with a kept one")
    parser.add_argument("--profile", action="store_true", help="cProfile of one pass")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--reach", type=int, metavar="N", help="what N articles' keys reach")
    args = parser.parse_args()

    extractions, cache = kept_clusters(args.store)
    if args.reach:
        reach(extractions, cache, args.reach)
        return
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        timed_passes(extractions, cache, 1)
        profiler.disable()
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(args.top)
        print(text.getvalue())
        return
    times, resolution = timed_passes(extractions, cache, args.runs)
    fields: dict[str, Any] = {
        "op": f"resolve_entities over {len(extractions)} articles' kept clusters",
        "cpu_runs": [round(t, 2) for t in times],
        "entities": len(resolution.entities),
    }
    if args.save:
        args.save.write_bytes(pickle.dumps(resolution, protocol=pickle.HIGHEST_PROTOCOL))
    if args.compare:
        kept = pickle.loads(args.compare.read_bytes())
        fields["same_resolution"] = kept == resolution
    emit(**fields)
    if args.compare and not fields["same_resolution"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
