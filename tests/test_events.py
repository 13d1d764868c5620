"""Tests of stage "events" (kg/events.py) without a model: events met through the index of
their evidence are the events the comparison of every pair gives (hypothesis, random reports)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg import events as ev
from kg.records import Entity, EventMention, Facts, MentionRef, Resolution

PEOPLE = [(0, 5), (6, 11), (12, 17), (18, 23)]
PLACES = [(30, 35), (36, 41), (42, 47)]
# Keys of the mentions at those offsets, in every article: people and places (a city in a
# country, the country, another city).
KEYS = {
    (0, 5): "ada_obi",
    (6, 11): "li_wei",
    (12, 17): "tom_berg",
    (18, 23): "acme",
    (30, 35): "city_1",
    (36, 41): "country_fr",
    (42, 47): "city_2",
}
ENTITIES = [
    Entity(key="ada_obi", type="Person", label="Ada Obi", variants=("Ada Obi",), mentions=()),
    Entity(key="li_wei", type="Person", label="Li Wei", variants=("Li Wei",), mentions=()),
    Entity(key="tom_berg", type="Person", label="Tom Berg", variants=("Tom Berg",), mentions=()),
    Entity(key="acme", type="Organization", label="Acme", variants=("Acme",), mentions=()),
    Entity(key="city_1", type="City", label="Lyon", variants=("Lyon",), mentions=(), country="FR"),
    Entity(key="country_fr", type="Country", label="France", variants=("France",), mentions=()),
    Entity(key="city_2", type="City", label="Oslo", variants=("Oslo",), mentions=(), country="NO"),
]

reports = st.builds(
    lambda kind, people, countries, place, date, weekday, parties: (
        kind,
        tuple(people),
        tuple(countries),
        place,
        date,
        weekday,
        parties,
    ),
    st.sampled_from(["meeting", "meeting", "call"]),
    st.lists(st.sampled_from(PEOPLE), max_size=2, unique=True),
    st.lists(st.sampled_from(["FR", "DE", "NO", "IT"]), max_size=4, unique=True),
    st.none() | st.sampled_from(PLACES),
    st.none() | st.sampled_from(["2024-05", "2024-05-07", "2024-05-08", "2024-06"]),
    st.none() | st.sampled_from(["tuesday", "wednesday"]),
    st.none() | st.sampled_from([2, 3, 4]),
)


def _facts(articles: list[list[tuple]]) -> tuple[list[Facts], Resolution]:
    facts = []
    assignment = {}
    for i, found in enumerate(articles):
        aid = f"a{i:02d}"
        for start, end in [*PEOPLE, *PLACES]:
            assignment[MentionRef(aid, start, end)] = KEYS[(start, end)]
        mentions = tuple(
            EventMention(
                article_id=aid,
                sentence=n,
                trigger=(50 + n, 53 + n),
                kind=kind,
                participants=people,
                countries=countries,
                place=place,
                date=date,
                parties=parties,
                rule="test",
                weekday=weekday,
            )
            for n, (kind, people, countries, place, date, weekday, parties) in enumerate(found)
        )
        facts.append(Facts(article_id=aid, events=mentions))
    return facts, Resolution(entities=tuple(ENTITIES), assignment=assignment)


def _every_pair(facts: list[Facts], resolution: Resolution) -> tuple:
    """The events as the comparison with every earlier event gives them (the rule as written)."""
    entities = {e.key: e for e in resolution.entities}
    events: list[ev._Cluster] = []
    for article_facts in sorted(facts, key=lambda f: f.article_id):
        local: list[ev._Cluster] = []
        for report in article_facts.events:
            cluster = ev._cluster_of(report, resolution, entities)
            target = next(
                (c for c in reversed(local) if ev.fits(c, cluster, within_article=True)), None
            )
            if target is None:
                local.append(cluster)
            else:
                ev._merge(target, cluster)
        for cluster in local:
            matches = [e for e in events if ev.fits(e, cluster) and ev._shared_evidence(e, cluster)]
            if len(matches) == 1:
                ev._merge(matches[0], cluster)
            else:
                events.append(cluster)
    return tuple(ev._to_event(c, entities) for c in events)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(reports, min_size=1, max_size=3), min_size=1, max_size=12))
def test_events_met_through_the_index_are_those_of_every_pair(articles: list[list[tuple]]) -> None:
    facts, resolution = _facts(articles)
    assert ev.resolve_events(facts, resolution) == _every_pair(facts, resolution)


def test_two_reports_sharing_a_person_are_one_event_and_a_lone_one_stays_apart() -> None:
    facts, resolution = _facts(
        [
            [("meeting", ((0, 5),), (), None, "2024-05-07", None, None)],
            [("meeting", ((0, 5),), (), None, None, None, None)],
            [("meeting", ((6, 11),), (), None, "2024-06", None, None)],
        ]
    )
    found = ev.resolve_events(facts, resolution)
    assert sorted(len(e.reports) for e in found) == [1, 2]
