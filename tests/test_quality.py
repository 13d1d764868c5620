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
    assert scores["f1"] >= 0.92, scores
    assert scores["type_accuracy"] >= 0.93, scores
    assert scores["crossdoc_agreement"] >= 0.85, scores


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
