"""Quality of builds against gold, over every development corpus, as one table.

    python -m benchmarks.quality            # the table (Markdown), as in the README
    python -m benchmarks.quality --json     # every figure, as JSON

Corpora: the sample articles (gold ``tests/data/seeds-gold.json``), MEANTIME (30 Wikinews
articles, ``score_meantime.py``), and the development corpora of ``../shared/eval/dev`` (re3d,
GUM news, html-dev, scored by their ``score.py``). The shared folder is found next to an ancestor
of the repository, or named by ``KG_EVAL_DIR`` (the ``eval`` folder); corpora it lacks are left
out of the table. The web pages are read from there, never copied here. When
``benchmarks/claims.py`` defines ``claim_scores() -> dict[str, dict[str, float]]``, its rows join
the table. The same functions back the quality tests (tests/test_quality.py).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from kg.errors import KGError, one_line
from kg.pipeline import analyse
from kg.records import TYPE_FAMILY, Corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "articles"
SEEDS_GOLD = ROOT / "tests" / "data" / "seeds-gold.json"
MEANTIME = ROOT / "tests" / "data" / "meantime"

COARSE = {"person": "PER", "org": "ORG", "place": "LOC", "road": "LOC"}


def load_script(path: Path, name: str) -> Any:
    """A corpus's own Python file (its scorer), imported as module ``name``."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _scorer(folder: Path = MEANTIME) -> Any:
    return load_script(folder / "score_meantime.py", "score_meantime")


def meantime_predictions(corpus: Corpus) -> dict[str, list[tuple[int, int, str, str]]]:
    """Mentions of a corpus built from MEANTIME's .txt files, in the scorer's form."""
    types = {e.key: e.type for e in corpus.resolution.entities}
    preds: dict[str, list[tuple[int, int, str, str]]] = {}
    for ex in corpus.extractions:
        doc_id = Path(ex.article.source).stem
        rows = preds.setdefault(doc_id, [])
        for m in ex.mentions:
            key = corpus.resolution.assignment.get((ex.article.id, m.start, m.end))
            if key is None:
                continue
            family = TYPE_FAMILY[types[key]]
            start, end = ex.article.raw_offset(m.start), ex.article.raw_offset(m.end)
            rows.append((start, end, COARSE.get(family, "OTHER"), f"{family}/{key}"))
    return preds


def score_meantime(
    corpus: Corpus | None = None, *, meantime_dir: Path = MEANTIME
) -> dict[str, Any]:
    """Score a build of the MEANTIME articles as score_meantime.py does (the copy in
    ``tests/data/meantime``, or the shared folder holding ``meantime-apple.jsonl``,
    ``meantime-apple/`` and ``score_meantime.py``)."""
    articles = meantime_dir / "articles"
    if not articles.is_dir():
        articles = meantime_dir / "meantime-apple"
    corpus = corpus or analyse([articles])
    scorer = _scorer(meantime_dir)
    with (meantime_dir / "meantime-apple.jsonl").open(encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle]
    result: dict[str, Any] = scorer.score(docs, meantime_predictions(corpus))
    return result


def _standalone(alias: str, aliases: set[str], text: str) -> bool:
    """Whether ``alias`` is written somewhere other than inside a longer alias."""
    for longer in sorted(aliases, key=len, reverse=True):
        if len(longer) > len(alias) and alias in longer:
            text = text.replace(longer, " ")
    return re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", text) is not None


def _quotes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def _doc_code(source: str) -> str:
    return Path(source).name[:3]


def score_seeds(corpus: Corpus | None = None) -> dict[str, Any]:
    """Check a build of the sample articles against their gold entities and clutter names."""
    corpus = corpus or analyse([SEEDS])
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    code_of = {a.id: _doc_code(a.source) for a in corpus.articles}
    entities = corpus.resolution.entities
    found, typed, split, missing, wrong_type = 0, 0, [], [], []
    texts = [_quotes(a.text) for a in corpus.articles]
    for g in gold["entities"]:
        # Gold lists some aliases that the texts never write: only those written must be found.
        aliases = {_quotes(a) for a in g["aliases"]}
        written = {a for a in aliases if any(_standalone(a, aliases, t) for t in texts)}
        holders = [e for e in entities if aliases & {_quotes(v) for v in e.variants}]
        covering = [e for e in holders if written <= {_quotes(v) for v in e.variants}]
        if len(holders) == 1 and covering:
            found += 1
            etype = covering[0].type
            ok = etype == g["type"] or (g["type"] == "Place" and etype in ("City", "Country"))
            typed += ok
            if not ok:
                wrong_type.append(f"{g['label']}: {etype} (gold {g['type']})")
        elif len(holders) > 1:
            split.append(f"{g['label']}: {[e.label for e in holders]}")
        else:
            missing.append(
                g["label"] + (f" (variants seen: {holders[0].variants})" if holders else "")
            )
    clutter = []
    for name in gold["not_entities"]["names"]:
        pattern = re.compile(rf"\b{re.escape(name)}\b")
        for e in entities:
            if any(pattern.search(v) for v in (e.label, *e.variants)):
                clutter.append(f"{name} in {e.label}")
    bad_offsets = sum(
        ex.article.text[m.start : m.end] != m.text for ex in corpus.extractions for m in ex.mentions
    )
    return {
        "gold_entities": len(gold["entities"]),
        "found_as_one_node": found,
        "right_type": typed,
        "split": split,
        "missing": missing,
        "wrong_type": wrong_type,
        "clutter_names": clutter,
        "bad_offsets": bad_offsets,
        "articles": sorted(code_of.values()),
    }


def eval_dir() -> Path | None:
    """The shared ``eval`` folder: ``$KG_EVAL_DIR``, else ``shared/eval`` beside an ancestor."""
    named = os.environ.get("KG_EVAL_DIR")
    if named:
        return Path(named) if Path(named).is_dir() else None
    for parent in ROOT.parents:
        candidate = parent / "shared" / "eval"
        if candidate.is_dir():
            return candidate
    return None


def score_dev(corpus: str, build_dir: Path, dev: Path) -> dict[str, Any]:
    """Build one development corpus and score it with its own ``score.py`` (the report it
    writes with ``--json``)."""
    from kg.pipeline import build
    from kg.records import BuildOptions

    source = {
        "re3d": dev / "re3d" / "re3d.jsonl",
        "gum-news": dev / "gum-news" / "gum-news.jsonl",
        "html-dev": dev / "html-dev" / "pages",
    }[corpus]
    build([source], build_dir, options=BuildOptions(html=False))
    report = build_dir / "score.json"
    # --show asks for the per-page rows, from which the text's percentiles are taken.
    show = ["--show", "1"] if corpus == "html-dev" else []
    subprocess.run(
        [
            sys.executable,
            str(dev / "score.py"),
            corpus,
            str(build_dir),
            "--json",
            str(report),
            *show,
        ],
        check=True,
        capture_output=True,
    )
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    if corpus == "html-dev":
        result["text_percentiles"] = text_percentiles(result.pop("per_page", None) or [])
    return result


def percentile(values: list[float], share: float) -> float | None:
    """The ``share`` quantile of ``values`` by linear interpolation (numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    at = share * (len(ordered) - 1)
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def text_percentiles(pages: list[dict[str, Any]]) -> dict[str, float | None]:
    """The 10th percentile and the median of text recall and precision over the pages that have
    an expected text (score.py's per-page rows): the hidden checks are set on these."""
    rows = [r for r in pages if "recall" in r]
    recall = [float(r["recall"]) for r in rows]
    precision = [float(r["precision"]) for r in rows]
    return {
        "recall_p10": percentile(recall, 0.1),
        "recall_median": percentile(recall, 0.5),
        "precision_p10": percentile(precision, 0.1),
        "precision_median": percentile(precision, 0.5),
    }


def claim_rows() -> dict[str, dict[str, float]]:
    """Rows of ``benchmarks/claims.py``'s ``claim_scores()``, when that module exists."""
    if importlib.util.find_spec("benchmarks.claims") is None:
        return {}
    module = importlib.import_module("benchmarks.claims")
    scores: dict[str, dict[str, float]] = module.claim_scores()
    return scores


def measure() -> dict[str, dict[str, Any]]:
    """Every corpus's scores, by corpus name."""
    results: dict[str, dict[str, Any]] = {"samples": score_seeds()}
    shared = eval_dir()
    meantime = MEANTIME
    if shared is not None and (shared / "meantime-apple.jsonl").exists():
        meantime = shared
    results["meantime"] = score_meantime(meantime_dir=meantime)
    dev = shared / "dev" if shared is not None else None
    if dev is not None and (dev / "score.py").exists():
        with tempfile.TemporaryDirectory(prefix="kg-quality-") as tmp:
            for corpus in ("re3d", "gum-news", "html-dev"):
                try:
                    results[corpus] = score_dev(corpus, Path(tmp) / corpus, dev)
                except (KGError, subprocess.CalledProcessError) as err:
                    # One corpus that fails to build costs only its row.
                    results[corpus] = {"error": one_line(str(err))}
    for name, row in claim_rows().items():
        results[f"claims: {name}"] = {"claims": row}
    return results


def _f(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else "–" if value is None else str(value)


def table(results: dict[str, dict[str, Any]]) -> str:
    """The results as one Markdown table: mention P / R / F1, type accuracy, identity, text."""
    head = (
        "| corpus | documents | mentions P / R / F1 | type accuracy | identity | text kept | "
        "notes |\n|---|---:|---|---:|---|---|---|"
    )
    rows = [head]
    for name, r in results.items():
        if "error" in r:
            rows.append(f"| {name} | – | – | – | – | – | failed: {r['error']} |")
        elif name == "samples":
            rows.append(
                f"| samples (gold) | {len(r['articles'])} | found as one node "
                f"{r['found_as_one_node']}/{r['gold_entities']} | right type "
                f"{r['right_type']}/{r['gold_entities']} | split {len(r['split'])} | – | "
                f"clutter names {len(r['clutter_names'])}, bad offsets {r['bad_offsets']} |"
            )
        elif name == "meantime":
            rows.append(
                f"| MEANTIME (apple) | 30 | {_f(r['mention_precision'])} / "
                f"{_f(r['entity_recall'])} / {_f(r['f1'])} | {_f(r['type_accuracy'])} | "
                f"cross-document agreement {_f(r['crossdoc_agreement'])} "
                f"({r['crossdoc_pairs']} pairs) | – | entities merging distinct gold "
                f"{r['entities_merging_distinct_gold']} |"
            )
        elif name in ("re3d", "gum-news"):
            lenient = r["lenient"]
            identity = r.get("identity")
            ident = (
                f"within-document pair recall {_f(identity['pair_recall'])}, precision "
                f"{_f(identity['pair_precision'])}"
                if identity
                else "–"
            )
            exact = r["exact"]
            rows.append(
                f"| {name} | {r['documents']} | {_f(lenient['precision'])} / "
                f"{_f(lenient['recall'])} / {_f(lenient['f1'])} (lenient) | "
                f"{_f(r['type_accuracy'])} | {ident} | – | exact F1 {_f(exact['f1'])} |"
            )
        elif name == "html-dev":
            text = r["text_pages"]["all"] or {}
            snippets = r["snippet_pages"]
            tail = r.get("text_percentiles") or {}
            rows.append(
                f"| html-dev | {r['pages']} | – | – | – | recall {_f(text.get('recall'))} "
                f"(p10 {_f(tail.get('recall_p10'))}), precision {_f(text.get('precision'))} "
                f"(median {_f(tail.get('precision_median'))}, p10 "
                f"{_f(tail.get('precision_p10'))}) | snippets found "
                f"{_f(snippets['with_found'])}, clutter absent "
                f"{_f(snippets['without_absent'])}, pages built {r['pages_found_in_graph']} |"
            )
        else:
            figures = ", ".join(f"{k} {_f(v)}" for k, v in r["claims"].items())
            rows.append(f"| {name} | – | – | – | – | – | {figures} |")
    return "\n".join(rows)


def _rows(graph: Path, name: str) -> list[dict[str, str]]:
    from kg.query import named_query, run_query

    result = run_query(graph, named_query(name).text)
    return [
        {
            var: (term.value if term is not None else "")
            for var, term in zip(result.variables, row, strict=True)
        }
        for row in result.rows
    ]


def score_facts(graph: Path) -> dict[str, Any]:
    """Check the facts of a build of the sample articles (``graph.ttl``) against the gold:
    positions, the two Moscow meetings, attributed claims and the republished pair, read
    through the named queries as a user would."""
    from kg.query import run_query

    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    names = {g["id"]: {_quotes(a) for a in (g["label"], *g["aliases"])} for g in gold["entities"]}
    sources = run_query(graph, "SELECT ?a ?s WHERE { ?a a schema:NewsArticle ; kg:source ?s }")
    code = {str(a.value): _doc_code(str(s.value)) for a, s in sources.rows if a and s}

    positions = _rows(graph, "positions")
    found_positions = []
    for p in gold["positions"]:
        hits = [
            r
            for r in positions
            if _quotes(r["personLabel"]) in names[p["person"]]
            and re.fullmatch(p["role"], r["roleLabel"])
            and _quotes(r["ofLabel"]) in names[p["of"]]
        ]
        if hits:
            found_positions.append(p["person"])
    events_rows = _rows(graph, "events")
    events: dict[str, dict[str, Any]] = {}
    for r in events_rows:
        e = events.setdefault(
            r["event"],
            {"date": r["date"], "place": r["placeLabel"], "participants": set(), "articles": set()},
        )
        e["participants"].add(_quotes(r["participantLabel"]))
        e["articles"].add(code.get(r["article"], "?"))
    meetings = {}
    for g in gold["events"]:
        want = [names[p] for p in g["participants"]]
        matches = [
            key
            for key, e in events.items()
            if e["place"] in names[g["place"]]
            and all(w & e["participants"] for w in want)
            and set(g["reported_in"]) <= e["articles"]
            and (not g.get("date") or e["date"] == g["date"])
        ]
        meetings[g["id"]] = matches
    claims = _rows(graph, "claims")
    found_claims = [
        f"{c['claimant']}@{c['doc']}"
        for c in gold["attributed_claims"]
        if any(
            _quotes(r["claimantLabel"]) in names[c["claimant"]]
            and code.get(r["article"]) == c["doc"]
            for r in claims
        )
    ]
    twins = {tuple(sorted((code[r["article"]], code[r["twin"]]))) for r in _rows(graph, "twins")}
    return {
        "positions_found": len(found_positions),
        "positions_gold": len(gold["positions"]),
        "positions_missing": [
            p["person"] for p in gold["positions"] if p["person"] not in found_positions
        ],
        "positions_without_evidence": sum(1 for r in positions if not r["evidence"]),
        "events": {k: len(v) for k, v in meetings.items()},
        "distinct_events": len({m for v in meetings.values() for m in v}) == len(meetings),
        "claims_found": found_claims,
        "claims_without_text": sum(1 for r in claims if not r["text"]),
        "twins": sorted(twins),
        "twins_gold": sorted(tuple(p) for p in gold["near_duplicates"]),
    }


if __name__ == "__main__":
    measured = measure()
    if "--json" in sys.argv[1:]:
        print(json.dumps(measured, indent=2, default=str))
    else:
        print(table(measured))
