"""Quality on MEANTIME (30 Wikinews articles with gold mentions), scored by score_meantime.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.quality import MEANTIME, score_meantime
from kg.pipeline import build
from kg.query import run_named_query

pytestmark = pytest.mark.integration


def test_meantime_scores() -> None:
    scores = score_meantime()
    assert scores["f1"] >= 0.93, scores
    assert scores["type_accuracy"] >= 0.95, scores
    assert scores["crossdoc_agreement"] >= 0.95, scores
    assert scores["entities_merging_distinct_gold"] <= 8, scores


def test_facts_on_articles_the_rules_were_not_written_for(tmp_path: Path) -> None:
    """The fact rules were written from the sample articles; MEANTIME (Apple news, 2005-2011)
    shares none of their names, and the same rules find positions and claims there."""
    build([MEANTIME / "articles"], tmp_path)
    positions = {
        (row[1].value, row[3].value, row[5].value)
        for row in run_named_query(tmp_path / "graph.ttl", "positions").rows
        if row[1] and row[3] and row[5]
    }
    assert ("Steve Jobs", "head", "Apple") in positions
    assert ("Bill Gates", "head", "Microsoft") in positions
    claims = run_named_query(tmp_path / "graph.ttl", "claims").rows
    assert len({row[0] for row in claims}) >= 10


@pytest.mark.parametrize("with_claims", [False, True])
def test_table_has_one_row_per_corpus(monkeypatch: pytest.MonkeyPatch, with_claims: bool) -> None:
    import benchmarks.quality as quality

    results = {
        "samples": {
            "articles": ["001", "002"],
            "found_as_one_node": 9,
            "gold_entities": 10,
            "right_type": 8,
            "split": ["x"],
            "clutter_names": [],
            "bad_offsets": 0,
        },
        "meantime": {
            "mention_precision": 0.9,
            "entity_recall": 0.8,
            "f1": 0.85,
            "type_accuracy": 0.95,
            "crossdoc_agreement": 0.97,
            "crossdoc_pairs": 12,
            "entities_merging_distinct_gold": 2,
        },
        "re3d": {"error": "stage 'extract' failed: IndexError"},
        "html-dev": {
            "pages": 3,
            "pages_found_in_graph": 3,
            "text_pages": {"all": {"recall": 0.9, "precision": 0.95}},
            "text_percentiles": quality.text_percentiles(
                [
                    {"page": "a", "recall": 1.0, "precision": 1.0},
                    {"page": "b", "recall": 0.5, "precision": 0.9},
                    {"page": "c", "recall": 0.7, "precision": 0.8},
                    {"page": "d", "with_found": 2},
                ]
            ),
            "snippet_pages": {"with_found": 0.75, "without_absent": 1.0},
        },
    }
    if with_claims:
        monkeypatch.setattr(quality, "claim_rows", lambda: {"samples": {"precision": 0.5}})
        results.update({f"claims: {k}": {"claims": v} for k, v in quality.claim_rows().items()})
    rows = quality.table(results).splitlines()
    assert len(rows) == 2 + len(results)
    assert "9/10" in rows[2] and "0.850" in rows[3] and "0.970" in rows[3]
    assert any("failed: stage 'extract'" in row for row in rows)
    # Recall 0.5, 0.7, 1.0: the 10th percentile interpolates 0.5 + 0.2 * 0.2.
    assert "recall 0.900 (p10 0.540), precision 0.950 (median 0.900, p10 0.820)" in rows[5]
    assert ("precision 0.500" in rows[-1]) is with_claims
