"""Quality of a build against gold: the sample articles' gold and MEANTIME.

    python -m benchmarks.quality            # prints one JSON object with both scores

The same functions back the quality tests (tests/test_quality.py).
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

from kg.pipeline import analyse
from kg.records import TYPE_FAMILY, Corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "articles"
SEEDS_GOLD = ROOT / "tests" / "data" / "seeds-gold.json"
MEANTIME = ROOT / "tests" / "data" / "meantime"

COARSE = {"person": "PER", "org": "ORG", "place": "LOC", "road": "LOC"}


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_meantime", MEANTIME / "score_meantime.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def score_meantime(corpus: Corpus | None = None) -> dict[str, Any]:
    """Score a build of the MEANTIME articles as score_meantime.py does."""
    corpus = corpus or analyse([MEANTIME / "articles"])
    scorer = _scorer()
    with (MEANTIME / "meantime-apple.jsonl").open(encoding="utf-8") as handle:
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


if __name__ == "__main__":
    from benchmarks.claims import claim_scores

    scores = {"seeds": score_seeds(), "meantime": score_meantime(), "claims": claim_scores()}
    print(json.dumps(scores, indent=2))


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
