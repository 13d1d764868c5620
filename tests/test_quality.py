"""Quality on MEANTIME (30 Wikinews articles with gold mentions), scored by score_meantime.py."""

from __future__ import annotations

import pytest

from benchmarks.quality import score_meantime

pytestmark = pytest.mark.integration


def test_meantime_scores() -> None:
    scores = score_meantime()
    assert scores["f1"] >= 0.92, scores
    assert scores["type_accuracy"] >= 0.93, scores
    assert scores["crossdoc_agreement"] >= 0.85, scores
