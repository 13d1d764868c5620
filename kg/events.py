"""Stage "events": one node per real-world event, from the reports of every article.

Reports of an event inside one article are merged first (a title, the sentence that tells the
meeting, "also joined the talks"); then each article's events meet the events of other articles.
Two events can be one only if nothing conflicts:

* place: the same place, or a city inside the country named by the other;
* date: equal, or one is the month of the other; an unknown date conflicts with nothing;
* weekday: "on Tuesday" and "on Wednesday" conflict;
* countries taking part: two "closed" lists (three or more countries named) must be equal;
* party count ("four-party") against the other's closed list or party count.

Across articles they must also share some evidence (a participant, the same closed list of
countries, the same date, or the same weekday and party count), and an event that fits several
others equally is left on its own rather than guessed. Articles are processed in id order, so
the result does not depend on the order of the input.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kg.gazetteer import load_gazetteer
from kg.iri import short_hash
from kg.records import Claim, Entity, Event, EventMention, Facts, Resolution

# A definite reference to an event ("the meeting", "Tuesday's talks"), not "a meeting" to come.
_EVENT_WORD_RE = re.compile(
    r"\b(?:(?:the|this|that|these|its|their|\w+['’]s)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:meeting|meetings|talks|summit|call|visit)|met)\b",
    re.IGNORECASE,
)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@dataclass
class _Cluster:
    kind: str
    place: str | None = None  # entity key
    place_country: str | None = None  # ISO of the place (the country itself, or the city's)
    date: str | None = None
    weekday: str | None = None
    countries: set[str] = field(default_factory=set)
    parties: int | None = None
    persons: set[str] = field(default_factory=set)
    reports: list[EventMention] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return len(self.countries) >= _CLOSED

    @property
    def count(self) -> int | None:
        return len(self.countries) if self.closed else self.parties


#: A list of countries taking part is "closed" from this many on.
_CLOSED = 3


def _place_country(key: str | None, entities: Mapping[str, Entity]) -> str | None:
    if key is None:
        return None
    if key.startswith("country_"):
        return key.removeprefix("country_").upper()
    entity = entities.get(key)
    return entity.country if entity else None


def _places_fit(a: _Cluster, b: _Cluster) -> bool:
    if a.place is None or b.place is None or a.place == b.place:
        return True
    # A city and the country it lies in.
    if a.place.startswith("country_") and a.place_country == b.place_country:
        return True
    return bool(b.place.startswith("country_") and b.place_country == a.place_country)


def _dates_fit(a: _Cluster, b: _Cluster) -> bool:
    if a.date and b.date and not (a.date.startswith(b.date) or b.date.startswith(a.date)):
        return False
    day_a, day_b = _weekday_of(a), _weekday_of(b)
    return not (day_a and day_b and day_a != day_b)


def _weekday_of(c: _Cluster) -> str | None:
    if c.date and len(c.date) == 10:
        return _weekday_of_date(c.date)
    return c.weekday


@lru_cache(maxsize=1 << 12)
def _weekday_of_date(date: str) -> str:
    """The weekday of an ISO date (``2022-12-27`` -> ``tuesday``): the events of a corpus share
    few dates, each met in thousands of comparisons."""
    return _WEEKDAYS[dt.date.fromisoformat(date).weekday()]


def fits(a: _Cluster, b: _Cluster, *, within_article: bool = False) -> bool:
    """Whether nothing known about two events conflicts."""
    if a.kind != b.kind:  # a phone call is not the meeting it followed
        return False
    if not (_places_fit(a, b) and _dates_fit(a, b)):
        return False
    # _Cluster.closed and .count, each found once (this runs for every candidate of an event).
    na, nb = len(a.countries), len(b.countries)
    if na >= _CLOSED and nb >= _CLOSED and a.countries != b.countries:
        return False
    if within_article:
        return True
    ca = na if na >= _CLOSED else a.parties
    cb = nb if nb >= _CLOSED else b.parties
    return not (ca and cb and ca != cb)


def _shared_evidence(a: _Cluster, b: _Cluster) -> bool:
    if a.persons & b.persons:
        return True
    if a.closed and b.closed and a.countries == b.countries:
        return True
    if a.date and b.date and len(a.date) == 10 and a.date == b.date:
        return True
    day = _weekday_of(a)
    same_day = day is not None and day == _weekday_of(b)
    return bool(same_day and a.count and a.count == b.count and a.place and b.place)


def _merge(into: _Cluster, other: _Cluster) -> None:
    if into.place is None or (
        into.place.startswith("country_") and other.place and not other.place.startswith("country_")
    ):
        into.place, into.place_country = other.place, other.place_country
    if into.date is None or (other.date and len(other.date) > len(into.date)):
        into.date = other.date
    into.weekday = into.weekday or other.weekday
    into.countries |= other.countries
    into.parties = into.parties or other.parties
    into.persons |= other.persons
    into.reports.extend(other.reports)


def _cluster_of(
    report: EventMention, resolution: Resolution, entities: Mapping[str, Entity]
) -> _Cluster:
    key_of = resolution.assignment
    aid = report.article_id
    place = key_of.get((aid, *report.place)) if report.place else None
    persons = {
        key
        for span in report.participants
        if (key := key_of.get((aid, *span))) is not None and entities[key].type == "Person"
    }
    return _Cluster(
        kind=report.kind,
        place=place,
        place_country=_place_country(place, entities),
        date=report.date,
        weekday=report.weekday,
        countries=set(report.countries),
        parties=report.parties,
        persons=persons,
        reports=[report],
    )


def _evidence_keys(c: _Cluster) -> set[tuple[object, ...]]:
    """Keys under which two events of one kind that share evidence (:func:`_shared_evidence`)
    meet: any two that do share at least one of them (events of two kinds never fit)."""
    keys: set[tuple[object, ...]] = {("person", c.kind, p) for p in c.persons}
    if c.closed:
        keys.add(("countries", c.kind, frozenset(c.countries)))
    if c.date and len(c.date) == 10:
        keys.add(("date", c.kind, c.date))
    day = _weekday_of(c)
    if day is not None and c.count and c.place:
        keys.add(("day", c.kind, day, c.count))
    return keys


def resolve_events(facts: Iterable[Facts], resolution: Resolution) -> tuple[Event, ...]:
    """Group every article's event reports into events.

    An article's event is compared only with the events it shares a key of evidence with
    (:func:`_evidence_keys`, an index kept as events grow), not with every event: the same
    result, without a cost quadratic in the corpus.
    """
    entities = {e.key: e for e in resolution.entities}
    events: list[_Cluster] = []
    # Key -> positions in ``events``. An event's keys may change as it grows; old ones stay
    # (a candidate too many is checked and left), every current one is there.
    index: dict[tuple[object, ...], set[int]] = {}
    for article_facts in sorted(facts, key=lambda f: f.article_id):
        local: list[_Cluster] = []
        for report in article_facts.events:
            cluster = _cluster_of(report, resolution, entities)
            target = next(
                (c for c in reversed(local) if fits(c, cluster, within_article=True)), None
            )
            if target is None:
                local.append(cluster)
            else:
                _merge(target, cluster)
        for cluster in local:
            candidates = set().union(*(index.get(k, ()) for k in _evidence_keys(cluster)))
            # Only one match merges: a second one settles it, the rest need not be checked.
            matches: list[int] = []
            for i in sorted(candidates):
                if fits(events[i], cluster) and _shared_evidence(events[i], cluster):
                    matches.append(i)
                    if len(matches) == 2:
                        break
            if len(matches) == 1:
                position = matches[0]
                _merge(events[position], cluster)
            else:
                position = len(events)
                events.append(cluster)
            for key in _evidence_keys(events[position]):
                index.setdefault(key, set()).add(position)
    return tuple(_to_event(c, entities) for c in events)


def _to_event(cluster: _Cluster, entities: Mapping[str, Entity]) -> Event:
    first = min(cluster.reports, key=lambda r: (r.article_id, r.trigger))
    key = short_hash(first.article_id, *map(str, first.trigger), length=16)
    parts = [cluster.kind]
    if cluster.place and cluster.place in entities:
        parts.append(f"in {entities[cluster.place].label}")
    if cluster.countries:
        gaz = load_gazetteer()
        names = sorted(gaz.countries[c].name for c in cluster.countries if c in gaz.countries)
        parts.append("of " + ", ".join(names))
    if cluster.date:
        parts.append(f"on {cluster.date}")
    elif cluster.weekday:
        parts.append(f"on a {cluster.weekday.capitalize()}")
    return Event(
        key=key,
        kind=cluster.kind,
        label=" ".join(parts),
        place=cluster.place,
        date=cluster.date,
        parties=cluster.count,
        participants=tuple(sorted(cluster.persons)),
        countries=tuple(sorted(cluster.countries)),
        reports=tuple(sorted(cluster.reports, key=lambda r: (r.article_id, r.trigger))),
    )


def event_of_claim(
    claim: Claim, text: str, by_sentence: Mapping[tuple[str, int], str]
) -> str | None:
    """The event a claim is about: the one its sentence reports, else, when the claimed text
    speaks of a meeting ("the meeting took place in a constructive atmosphere"), the event the
    article reported last before it (or first after it)."""
    direct = by_sentence.get((claim.article_id, claim.sentence))
    if direct is not None or not _EVENT_WORD_RE.search(text[claim.start : claim.end]):
        return direct
    reports = sorted(s for a, s in by_sentence if a == claim.article_id)
    before = [s for s in reports if s <= claim.sentence]
    chosen = before[-1] if before else (reports[0] if reports else None)
    return by_sentence[(claim.article_id, chosen)] if chosen is not None else None


def event_of_sentence(events: Sequence[Event]) -> dict[tuple[str, int], str]:
    """(article id, sentence index) -> the key of the event that sentence reports."""
    return {(r.article_id, r.sentence): e.key for e in events for r in e.reports}
