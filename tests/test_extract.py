"""Tests of stage "extract" (kg/extract.py) with the real spaCy model, on invented sentences.

The model is loaded once for this module. Sentences name other people, ministries, roads and
agencies than the sample articles do, to show the rules are general.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kg.clean import clean_document
from kg.extract import load_pipeline
from kg.parallel import extract_mentions
from kg.records import Extraction, Mention, RawDocument

if TYPE_CHECKING:
    from spacy.language import Language

pytestmark = pytest.mark.integration

ARTICLES = sorted((Path(__file__).resolve().parent.parent / "articles").glob("*.txt"))


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def extract(nlp: Language, text: str) -> Extraction:
    article = clean_document(RawDocument(source="t", text=text, path="t"), article_id="t")
    assert article.text == text.strip(), "the test sentence must survive cleaning unchanged"
    extraction = next(extract_mentions([article], nlp=nlp))
    check_offsets(extraction)
    return extraction


def check_offsets(extraction: Extraction) -> None:
    """Every mention is its slice of the text and sits inside the sentence it names."""
    text = extraction.article.text
    for m in extraction.mentions:
        assert m.text == text[m.start : m.end], m
        assert 0 <= m.sentence < len(extraction.sentences), m
        sentence = extraction.sentences[m.sentence]
        assert sentence.start <= m.start and m.end <= sentence.end, (m, sentence)
    for s in extraction.sentences:
        assert 0 <= s.start < s.end <= len(text)
    starts = [(m.start, m.end) for m in extraction.mentions]
    assert starts == sorted(starts)
    for a, b in zip(extraction.mentions, extraction.mentions[1:], strict=False):
        assert a.end <= b.start, ("mentions overlap", a, b)


def mention(extraction: Extraction, text: str) -> Mention:
    found = [m for m in extraction.mentions if m.text == text]
    assert found, (text, [(m.text, m.type) for m in extraction.mentions])
    return found[0]


def texts(extraction: Extraction) -> list[str]:
    return [m.text for m in extraction.mentions]


# People and role words


@pytest.mark.parametrize(
    ("text", "person", "role_word"),
    [
        (
            "Turkish Defense Minister Hulusi Akar met his Syrian counterpart in Moscow.",
            "Hulusi Akar",
            "Defense",
        ),
        (
            "Russian Foreign Minister Sergei Lavrov spoke by phone with his Turkish counterpart.",
            "Sergei Lavrov",
            "Foreign",
        ),
        (
            "Canadian Finance Minister Jane Doe met Mexican officials in Ottawa on Friday.",
            "Jane Doe",
            "Finance",
        ),
    ],
)
def test_role_words_are_not_mentions(nlp: Language, text: str, person: str, role_word: str) -> None:
    ex = extract(nlp, text)
    assert mention(ex, person).type == "Person"
    assert not any(role_word in m.text for m in ex.mentions), texts(ex)


# Ministries named by country


@pytest.mark.parametrize(
    ("text", "name", "key", "country"),
    [
        (
            "The talks were positive, the Turkish Defense Ministry said in a statement.",
            "Turkish Defense Ministry",
            "ministry_defense_tr",
            "TR",
        ),
        (
            "Turkey's Defense Ministry said the meeting took place in a constructive atmosphere.",
            "Turkey's Defense Ministry",
            "ministry_defense_tr",
            "TR",
        ),
        (
            "The Ministry of Defence of Turkey declared that the parties had discussed measures.",
            "Ministry of Defence of Turkey",
            "ministry_defense_tr",
            "TR",
        ),
        (
            "The French Foreign Ministry said on Tuesday that it would send an envoy.",
            "French Foreign Ministry",
            "ministry_foreign_fr",
            "FR",
        ),
        (
            "The Ministry of Foreign Affairs of France said the talks would resume.",
            "Ministry of Foreign Affairs of France",
            "ministry_foreign_fr",
            "FR",
        ),
        (
            "Germany's Interior Ministry said the police had arrested two men.",
            "Germany's Interior Ministry",
            "ministry_interior_de",
            "DE",
        ),
        (
            "Kenya's Health Ministry said the outbreak was contained.",
            "Kenya's Health Ministry",
            "ministry_health_ke",
            "KE",
        ),
        (
            "The Indonesian Ministry of Finance said the budget would grow.",
            "Indonesian Ministry of Finance",
            "ministry_finance_id",
            "ID",
        ),
    ],
)
def test_ministries_get_one_key(
    nlp: Language, text: str, name: str, key: str, country: str
) -> None:
    ex = extract(nlp, text)
    m = mention(ex, name)
    assert m.type == "GovernmentOrganization"
    assert m.key == key
    assert m.country == country
    assert [x for x in ex.mentions if x.start < m.end and m.start < x.end] == [m]


# Roads


@pytest.mark.parametrize(
    ("text", "codes", "key"),
    [
        (
            "Trucks use the M-4 highway between Aleppo and Latakia, and the M4 was closed.",
            ["M-4", "M4"],
            "road_m4",
        ),
        (
            "Drivers on the A1 motorway faced delays after the A-1 was closed near Lyon.",
            ["A1", "A-1"],
            "road_a1",
        ),
        ("Trucks use the N7 road near Kabul. The N7 was closed.", ["N7", "N7"], "road_n7"),
    ],
)
def test_roads(nlp: Language, text: str, codes: list[str], key: str) -> None:
    ex = extract(nlp, text)
    roads = [m for m in ex.mentions if m.type == "Road"]
    assert [m.text for m in roads] == codes
    assert {m.key for m in roads} == {key}


def test_a_code_not_named_as_a_road_is_not_a_road(nlp: Language) -> None:
    ex = extract(nlp, "The F16 jets and the A4 paper sizes were discussed at length by the panel.")
    assert not any(m.type == "Road" for m in ex.mentions), texts(ex)


# News agencies


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("Syria's official news agency SANA said the meeting was held in Moscow.", "SANA"),
        ("RIA news agency said the ministers would meet again.", "RIA"),
        ("The ministers would meet again, the RIA news agency said.", "RIA"),
        ("Officials told the Anadolu news agency that the talks went well.", "Anadolu"),
        ("The state news agency IRNA said the ministers would meet again.", "IRNA"),
        ("Japan's state broadcaster NHK said the earthquake was strong.", "NHK"),
    ],
)
def test_news_agencies(nlp: Language, text: str, agency: str) -> None:
    ex = extract(nlp, text)
    assert mention(ex, agency).type == "NewsMediaOrganization"


def test_news_agency_after_sentence_initial_the(nlp: Language) -> None:
    ex = extract(nlp, "The RIA news agency said the ministers would meet again.")
    assert mention(ex, "RIA").type == "NewsMediaOrganization"


# Acronyms


@pytest.mark.parametrize(
    ("text", "name", "acronym", "etype"),
    [
        (
            "The head of the National Intelligence Organisation (MIT), Hakan Fidan, was there.",
            "National Intelligence Organisation",
            "MIT",
            "GovernmentOrganization",
        ),
        (
            "The Federal Bureau of Investigation (FBI) said it had opened an inquiry.",
            "Federal Bureau of Investigation",
            "FBI",
            "GovernmentOrganization",
        ),
    ],
)
def test_acronym_in_brackets(nlp: Language, text: str, name: str, acronym: str, etype: str) -> None:
    ex = extract(nlp, text)
    long = mention(ex, name)
    assert long.acronym == acronym
    assert long.type == etype
    short = mention(ex, acronym)
    assert short.type == etype
    assert short.start > long.end


# Demonyms, hyphenated places, possessives


@pytest.mark.parametrize(
    "text",
    [
        "Syrian officials and Turkish diplomats attended the meeting.",
        "Syrian troops and Iranian advisers moved north.",
        "The Syrian side said the Turkish side had agreed.",
    ],
)
def test_demonyms_alone_are_not_mentions(nlp: Language, text: str) -> None:
    ex = extract(nlp, text)
    for demonym in ("Syrian", "Turkish", "Iranian"):
        assert demonym not in texts(ex)


def test_hyphenated_places_are_two_cities(nlp: Language) -> None:
    ex = extract(nlp, "Analysts said Ankara-Damascus ties could improve next year.")
    ankara, damascus = mention(ex, "Ankara"), mention(ex, "Damascus")
    assert ankara.type == damascus.type == "City"
    assert ankara.key.startswith("city_") and damascus.key.startswith("city_")
    assert ankara.key != damascus.key
    assert (ankara.country, damascus.country) == ("TR", "SY")
    assert ex.article.text[ankara.end : damascus.start] == "-"


def test_hyphenated_places_other_cities(nlp: Language) -> None:
    ex = extract(nlp, "Analysts said Washington-Beijing relations could improve next year.")
    assert mention(ex, "Beijing").type == "City"


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Bashar al-Assad's forces have controlled the city since 2016.", "Bashar al-Assad"),
        ("Vladimir Putin's government rejected the proposal on Monday.", "Vladimir Putin"),
        ("Emmanuel Macron’s office said the visit would go ahead.", "Emmanuel Macron"),
    ],
)
def test_possessive_is_not_part_of_a_name(nlp: Language, text: str, person: str) -> None:
    ex = extract(nlp, text)
    m = mention(ex, person)
    assert m.type == "Person"
    assert not m.text.endswith(("'s", "’s", "'", "’"))


# Several sentences


def test_sentences_cover_mentions(nlp: Language) -> None:
    text = (
        "Turkish Defense Minister Hulusi Akar met his Syrian counterpart, Ali Mahmoud Abbas, in "
        "Moscow. Akar said the talks were constructive. The Turkish Defense Ministry said the "
        "sides would meet again."
    )
    ex = extract(nlp, text)
    assert len(ex.sentences) == 3
    assert mention(ex, "Hulusi Akar").sentence == 0
    assert mention(ex, "Ali Mahmoud Abbas").sentence == 0
    assert mention(ex, "Akar").sentence == 1
    assert mention(ex, "Turkish Defense Ministry").sentence == 2
    assert ex.model.startswith("en_")
    assert all(m.extractor for m in ex.mentions)


# The sample articles


@pytest.fixture(scope="module")
def samples(nlp: Language) -> list[Extraction]:
    articles = [
        clean_document(
            RawDocument(source=str(p), text=p.read_text(encoding="utf-8"), path=str(p)),
            article_id=p.stem,
        )
        for p in ARTICLES
    ]
    return list(extract_mentions(articles, nlp=nlp))


def test_samples_offsets_and_sentences(samples: list[Extraction]) -> None:
    assert len(samples) == 5
    for ex in samples:
        check_offsets(ex)
        assert len(ex.mentions) >= 15


def test_samples_find_the_main_actors(samples: list[Extraction]) -> None:
    found = {(m.text, m.type) for ex in samples for m in ex.mentions}
    assert ("Hulusi Akar", "Person") in found
    assert ("Ali Mahmoud Abbas", "Person") in found or ("Ali Mahmud Abbas", "Person") in found
    keys = {m.key for ex in samples for m in ex.mentions}
    assert {"ministry_defense_tr", "road_m4", "country_tr", "country_sy"} <= keys
