"""How fast kg builds against bare spaCy on the same texts.

    python -m benchmarks.speed --articles 1000                # all cores
    python -m benchmarks.speed --articles 100 --workers 1

Makes a corpus (:mod:`benchmarks.corpus`), builds it with ``kg.pipeline.build`` (no graph.html),
then runs the same cleaned texts through ``nlp.pipe`` with the same pipeline, batch size and
number of processes, and prints one JSON line: ``kg_seconds`` and ``spacy_seconds`` (wall clock,
each including loading the model), ``ratio`` (spacy / kg: 1.0 would mean kg costs nothing beyond
spaCy), ``peak_rss_mb`` of the build (its process plus its largest worker), the same for spaCy,
``kg_cpu_seconds`` and ``spacy_cpu_seconds`` (processor time, user and system, of the run's
process and its workers) and ``cpu_ratio`` (spacy / kg, of those: a machine busy with other
work disturbs it far less than the wall clock's ratio), kg's seconds per stage from its report,
and ``export_share``: the seconds spent serialising Turtle and TriG (summed over the processes
that did it) over ``kg_seconds``. Each run happens in a fresh process, so neither inherits the
other's caches or memory. Times are one run on a shared machine: +-15%.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any


def _peak_rss_mb() -> float:
    """This process's peak RSS plus that of its largest finished child (Linux counts KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round((own + children) / 1024, 1)


def _cpu_seconds() -> float:
    """Processor time (user + system) of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return round(own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime, 2)


def run_kg(corpus: str, out: str, *, workers: int, batch_size: int) -> dict[str, Any]:
    """Build a corpus with kg; wall time, peak memory and the report."""
    from kg.pipeline import build
    from kg.records import BuildOptions

    t0 = time.perf_counter()
    options = BuildOptions(html=False, workers=workers, batch_size=batch_size)
    report = build([corpus], out, options=options)
    seconds = time.perf_counter() - t0
    multiprocessing.active_children()  # reap finished workers, so that their memory counts
    return {
        "kg_seconds": round(seconds, 2),
        "kg_cpu_seconds": _cpu_seconds(),
        "peak_rss_mb": _peak_rss_mb(),
        "entities": report.entities,
        "mentions": report.mentions,
        "seconds": {k: round(v, 2) for k, v in report.seconds.items()},
        # Unrounded: on a small corpus serialising takes milliseconds, which round to 0.00.
        "export_cpu_seconds": report.seconds.get("export_cpu", 0.0),
    }


def run_spacy(texts: list[str], *, workers: int, batch_size: int) -> dict[str, Any]:
    """The same texts through bare ``nlp.pipe``, as kg loads the pipeline."""
    from kg.extract import DEFAULT_MODEL, load_pipeline

    t0 = time.perf_counter()
    nlp = load_pipeline(DEFAULT_MODEL)
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size, n_process=workers))
    seconds = time.perf_counter() - t0
    multiprocessing.active_children()
    return {
        "spacy_seconds": round(seconds, 2),
        "spacy_cpu_seconds": _cpu_seconds(),
        "tokens": tokens,
        "spacy_peak_rss_mb": _peak_rss_mb(),
    }


def _in_fresh_process(fn: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        result: dict[str, Any] = pool.submit(fn, *args, **kwargs).result()
        return result


def measure(articles: int, *, workers: int, batch_size: int = 32, seed: int = 0) -> dict[str, Any]:
    """Build a corpus of ``articles`` with kg and with bare spaCy; the JSON line's fields."""
    from benchmarks.corpus import make_corpus, write_corpus
    from kg.pipeline import read_articles

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(make_corpus(articles, seed=seed), corpus)
        cleaned, _, _ = read_articles([corpus])
        texts = [article.text for article in cleaned]
        kg = _in_fresh_process(
            run_kg, str(corpus), str(Path(tmp) / "out"), workers=workers, batch_size=batch_size
        )
        spacy = _in_fresh_process(run_spacy, texts, workers=workers, batch_size=batch_size)
    return {
        "articles": len(texts),
        "words": sum(len(text.split()) for text in texts),
        "tokens": spacy["tokens"],
        "workers": workers,
        "batch_size": batch_size,
        "kg_seconds": kg["kg_seconds"],
        "spacy_seconds": spacy["spacy_seconds"],
        "ratio": round(spacy["spacy_seconds"] / kg["kg_seconds"], 3),
        "kg_cpu_seconds": kg["kg_cpu_seconds"],
        "spacy_cpu_seconds": spacy["spacy_cpu_seconds"],
        "cpu_ratio": round(spacy["spacy_cpu_seconds"] / kg["kg_cpu_seconds"], 3),
        "peak_rss_mb": kg["peak_rss_mb"],
        "spacy_peak_rss_mb": spacy["spacy_peak_rss_mb"],
        "entities": kg["entities"],
        "mentions": kg["mentions"],
        "seconds": kg["seconds"],
        # Serialising Turtle and TriG (in every process that did) as a share of the build.
        "export_share": round(kg["export_cpu_seconds"] / kg["kg_seconds"], 6),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    result = measure(
        args.articles, workers=args.workers, batch_size=args.batch_size, seed=args.seed
    )
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
