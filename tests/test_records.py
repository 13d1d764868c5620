"""Tests of the records (kg/records.py): what crosses between a build's processes comes back
equal."""

from __future__ import annotations

import copy
import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.records import Analysed, Entity, RawDocument, Resolution, Skipped


@settings(max_examples=50)
@given(st.from_type(Analysed))
def test_an_outcome_comes_back_from_a_worker_equal(outcome: Analysed) -> None:
    """An article's records (article, sentences, mentions, facts), pickled as a worker's
    outcome is, are equal after the round trip, field by field."""
    again = pickle.loads(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == outcome
    assert again.extraction.mentions == outcome.extraction.mentions
    assert copy.deepcopy(outcome) == outcome


@settings(max_examples=30)
@given(
    st.from_type(RawDocument), st.from_type(Skipped), st.from_type(Entity), st.from_type(Resolution)
)
def test_work_items_and_resolutions_come_back_equal(
    doc: RawDocument, skipped: Skipped, entity: Entity, resolution: Resolution
) -> None:
    for record in (doc, skipped, entity, resolution):
        assert pickle.loads(pickle.dumps(record)) == record
