"""Tests of stage "facts" (kg/facts/) and "events" (kg/events.py) on hand-built sentences.

Mentions come from the real spaCy model (these are integration tests); the sentences are made
up here, with names that are not in the sample articles, to show the rules are general.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.clean import clean_document
from kg.events import resolve_events
from kg.extract import load_pipeline
from kg.facts import load_roles, parse_date, resolve_weekday
from kg.parallel import analyse_batch
from kg.records import Analysed, Extraction, Facts, RawDocument
from kg.resolve import resolve_entities

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def nlp() -> Iterator[object]:
    yield load_pipeline()


def run(
    nlp: object, *texts: str, published: str | None = None
) -> tuple[list[Extraction], list[Facts]]:
    articles = [
        clean_document(
            RawDocument(source=f"t{i}.txt", text=text, path=f"t{i}.txt", published=published),
            article_id=f"t{i}",
        )
        for i, text in enumerate(texts)
    ]
    # As the build runs it: facts from each article's parsed Doc, in the worker that parsed it.
    outcomes = analyse_batch(articles, nlp=nlp, batch_size=8)  # type: ignore[arg-type]
    done = [o for o in outcomes if isinstance(o, Analysed)]
    return [o.extraction for o in done], [o.facts for o in done]


def positions(ex: Extraction, facts: Facts) -> set[tuple[str, str, str]]:
    text = ex.article.text
    out = set()
    for p in facts.positions:
        of = text[p.of[0] : p.of[1]] if p.of else (p.of_country or "")
        out.add((text[p.holder[0] : p.holder[1]], p.role, of))
    return out


def test_title_before_name(nlp: object) -> None:
    (ex,), (facts,) = run(
        nlp, "French Foreign Minister Catherine Colonna arrived in Rome on Monday."
    )
    assert ("Catherine Colonna", "foreign-minister", "FR") in positions(ex, facts)


def test_name_then_appositive(nlp: object) -> None:
    (ex,), (facts,) = run(
        nlp, "Annalena Baerbock, the German Foreign Minister, spoke to reporters in Berlin."
    )
    assert ("Annalena Baerbock", "foreign-minister", "DE") in positions(ex, facts)


def test_head_of_an_organisation(nlp: object) -> None:
    (ex,), (facts,) = run(
        nlp,
        "Officials said the head of its Federal Intelligence Service (BND), Bruno Kahl, "
        "travelled to Vienna for talks.",
    )
    assert any(
        holder == "Bruno Kahl" and role == "head" and "Intelligence" in of
        for holder, role, of in positions(ex, facts)
    )


def test_possessive_country_and_news_outlet(nlp: object) -> None:
    (ex,), (facts,) = run(
        nlp,
        "Spain's defence minister Margarita Robles met Italian President Sergio Mattarella "
        "in Madrid, the El Pais newspaper reported.",
    )
    found = positions(ex, facts)
    assert ("Margarita Robles", "defence-minister", "Spain") in found
    assert ("Sergio Mattarella", "president", "IT") in found


@pytest.mark.parametrize(
    "text",
    [
        "The former defence minister Jean Dupont said nothing new was agreed in Paris.",
        "A minister said the talks would resume next week.",
        "Several foreign ministers met in Geneva on Friday.",
    ],
)
def test_no_position_without_a_named_current_holder(nlp: object, text: str) -> None:
    (ex,), (facts,) = run(nlp, text)
    assert not any(
        p.role in ("defence-minister", "minister", "foreign-minister") for p in facts.positions
    ), positions(ex, facts)


def test_claims_by_cue(nlp: object) -> None:
    (ex,), (facts,) = run(
        nlp,
        "The ceasefire will hold until the end of the month, according to Reuters.\n\n"
        "Kenyan President William Ruto said that the deal was a step forward for the region.\n\n"
        "Talks could resume in Nairobi next week, the BBC reported.",
    )
    text = ex.article.text
    claims = {
        (text[c.claimant[0] : c.claimant[1]], c.cue, text[c.start : c.end]) for c in facts.claims
    }
    assert (
        "Reuters",
        "according to",
        "The ceasefire will hold until the end of the month",
    ) in claims
    assert any(
        who == "William Ruto" and what.startswith("the deal was a step forward")
        for who, _, what in claims
    )
    assert any(who == "BBC" and what.startswith("Talks could resume") for who, _, what in claims)


def test_quote_of_a_speaker_never_named_has_no_claimant(nlp: object) -> None:
    (ex,), (facts,) = run(
        nlp,
        "“We will not accept any deal that ignores our security,” the statement read on Monday.",
    )
    (claim,) = facts.claims
    text = ex.article.text
    assert claim.claimant is None and claim.speaker_kind == "unnamed" and claim.direct
    assert (
        claim.speaker is not None and text[claim.speaker[0] : claim.speaker[1]] == "the statement"
    )


def test_capital_speaking_for_its_government(nlp: object) -> None:
    _, (facts,) = run(
        nlp, "The talks in Geneva went well for both delegations, according to Paris."
    )
    assert [c.government for c in facts.claims] == ["FR"]


def test_one_event_across_articles_and_distinct_events_stay_apart(nlp: object) -> None:
    first = (
        "German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on "
        "Tuesday, officials said."
    )
    second = (
        "Olaf Scholz and Emmanuel Macron held talks in Paris, the German and French leaders' "
        "first meeting this year."
    )
    other = (
        "Olaf Scholz met Polish President Andrzej Duda in Warsaw on Friday, the chancellery said."
    )
    extractions, facts = run(nlp, first, second, other)
    events = resolve_events(facts, resolve_entities(extractions))
    reported = sorted(sorted({r.article_id for r in e.reports}) for e in events)
    assert reported == [["t0", "t1"], ["t2"]]


def test_a_phone_call_is_not_the_meeting(nlp: object) -> None:
    (ex,), (facts,) = run(
        nlp,
        "Greek Foreign Minister Nikos Dendias met Cypriot Foreign Minister Ioannis Kasoulides "
        "in Athens. Later, Dendias spoke by phone with Egyptian Foreign Minister Sameh Shoukry.",
    )
    kinds = sorted(e.kind for e in resolve_events([facts], resolve_entities([ex])))
    assert kinds == ["call", "meeting"]


def test_dates() -> None:
    assert parse_date("On December 28, 2022, the meeting began") == "2022-12-28"
    assert parse_date("It convened on 3 March 2021.") == "2021-03-03"
    assert parse_date("The first one convened in late December 2022.") == "2022-12"
    assert parse_date("Talks are planned soon.") is None
    assert resolve_weekday("Tuesday", "2023-04-27") == "2023-04-25"
    assert resolve_weekday("Thursday", "2023-04-27") == "2023-04-27"
    assert resolve_weekday("Tuesday", None) is None  # unknown stays unknown


def test_relative_weekday_resolved_against_the_article_date(nlp: object) -> None:
    _, (facts,) = run(
        nlp,
        "Italian Prime Minister Giorgia Meloni met Japanese Prime Minister Fumio Kishida in "
        "Rome on Tuesday.",
        published="2023-01-12",
    )
    assert [e.date for e in facts.events] == ["2023-01-10"]


def test_roles_scheme_labels_are_unambiguous() -> None:
    roles = load_roles()
    assert roles.by_label["defense minister"] == roles.by_label["defence minister"]
    assert roles.by_label["spokesman"] == "spokesperson"
    assert roles.pref_labels["head"] == "head"


def test_capital_as_government_keeps_its_place(nlp: object) -> None:
    (ex,), (facts,) = run(
        nlp,
        "Officials met in Paris on Monday. Paris had proposed a new round of talks on trade. "
        "Berlin's position has not changed, diplomats said.",
    )
    text = ex.article.text
    stands = {(text[s:e], iso) for (s, e), iso in facts.stands_for}
    assert stands == {("Paris", "FR"), ("Berlin", "DE")}  # not the Paris of "met in Paris"
    proposals = [c for c in facts.claims if c.cue == "proposed"]
    assert [(c.government, text[c.start : c.end]) for c in proposals] == [
        ("FR", "a new round of talks on trade")
    ]
    assert all(m.type == "City" for m in ex.mentions if m.text in ("Paris", "Berlin"))


def test_speakers_named_by_role_by_document_and_never(nlp: object) -> None:
    (ex,), (facts,) = run(
        nlp,
        "The Interior Ministry of Freedonia opened an inquiry on Monday. According to a statement "
        "from the ministry, the inquiry will last three months.\n\n"
        "Striker Tom Lee scored twice in the final. The striker said the team deserved the win.\n\n"
        "Senator Jane Roe was quoted as saying that the budget would pass. A spokesperson for the "
        "company said it would appeal.",
    )
    text = ex.article.text
    found = {
        (
            text[c.claimant[0] : c.claimant[1]] if c.claimant else None,
            text[c.start : c.end],
            c.speaker_kind,
        )
        for c in facts.claims
    }
    assert found == {
        ("Interior Ministry of Freedonia", "the inquiry will last three months", "np"),
        ("Tom Lee", "the team deserved the win", "np"),
        ("Jane Roe", "the budget would pass", "name"),
        (None, "it would appeal", "unnamed"),
    }
