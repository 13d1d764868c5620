"""What kg's per-article stages cost beyond spaCy's parse, measured in one process.

    python -m benchmarks.rules --articles 300 --repeat 5

Makes a corpus (:mod:`benchmarks.corpus`), cleans it and parses it with the pipeline once,
then times, ``--repeat`` times each, cleaning every article (``kg.clean.clean_document``:
language identification included) and kg's rules over every parsed article
(``kg.extract.extract_article`` and ``kg.facts.extract_facts``, what a build's worker does with
each Doc), and prints one JSON line: the processor seconds of each run and the fastest.

Processor time of one process varies far less with the machine's load than
``benchmarks.speed``'s whole build against bare spaCy, where a second of kg's own work is
inside the noise: compare two versions of the code by alternating runs of this (the fastest of
each, on the same ``--articles`` and ``--seed``). The parse and the model's load are left out:
they are spaCy's, the same in both.
"""

from __future__ import annotations

import argparse
import gc
import json
import tempfile
import time
from pathlib import Path
from typing import Any


def measure(
    articles: int, *, repeat: int = 3, seed: int = 0, batch_size: int = 32
) -> dict[str, Any]:
    """The JSON line's fields: processor seconds of cleaning and of the rules, each run."""
    from benchmarks.corpus import make_corpus, write_corpus
    from kg.clean import clean_document
    from kg.extract import DEFAULT_MODEL, extract_article, load_pipeline, model_name
    from kg.facts import extract_facts
    from kg.gazetteer import load_gazetteer
    from kg.pipeline import read_documents

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        write_corpus(make_corpus(articles, seed=seed), path)
        documents, _, _ = read_documents([path])
    nlp = load_pipeline(DEFAULT_MODEL)
    model = model_name(nlp)
    gaz = load_gazetteer()

    def clean() -> list[Any]:
        return [clean_document(doc, article_id=aid) for aid, doc in documents]

    cleaned = clean()
    docs = list(nlp.pipe([a.text for a in cleaned], batch_size=batch_size))

    def rules() -> None:
        for doc, article in zip(docs, cleaned, strict=True):
            extraction = extract_article(doc, article, model=model, gaz=gaz)
            extract_facts(extraction, gaz=gaz, doc=doc)

    rules()  # the first article's word lists and patterns are loaded once a process
    # What a worker does once it holds the pipeline and the gazetteer (kg.parallel).
    gc.collect()
    gc.freeze()
    seconds: dict[str, list[float]] = {"clean": [], "rules": []}
    for _ in range(repeat):
        for name, run in (("clean", clean), ("rules", rules)):
            t0 = time.process_time()
            run()
            seconds[name].append(round(time.process_time() - t0, 3))
    gc.unfreeze()
    return {
        "articles": len(docs),
        "tokens": sum(len(doc) for doc in docs),
        "repeat": repeat,
        "clean_cpu_seconds": seconds["clean"],
        "rules_cpu_seconds": seconds["rules"],
        "clean_fastest": min(seconds["clean"]),
        "rules_fastest": min(seconds["rules"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(json.dumps(measure(args.articles, repeat=args.repeat, seed=args.seed)), flush=True)


if __name__ == "__main__":
    main()
