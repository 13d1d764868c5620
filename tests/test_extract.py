"""Tests of stage "extract" (kg/extract.py) with the real spaCy model, on invented sentences.

The model is loaded once for this module. Sentences name other people, ministries, roads and
agencies than the sample articles do, to show the rules are general.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.clean import clean_document
from kg.extract import load_pipeline
from kg.parallel import extract_mentions
from kg.records import Article, Extraction, Mention, RawDocument

if TYPE_CHECKING:
    from spacy.language import Language


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


@pytest.mark.integration
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
@pytest.mark.integration
def test_role_words_are_not_mentions(nlp: Language, text: str, person: str, role_word: str) -> None:
    ex = extract(nlp, text)
    assert mention(ex, person).type == "Person"
    assert not any(role_word in m.text for m in ex.mentions), texts(ex)


# Ministries named by country


@pytest.mark.integration
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
@pytest.mark.integration
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


@pytest.mark.integration
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
@pytest.mark.integration
def test_roads(nlp: Language, text: str, codes: list[str], key: str) -> None:
    ex = extract(nlp, text)
    roads = [m for m in ex.mentions if m.type == "Road"]
    assert [m.text for m in roads] == codes
    assert {m.key for m in roads} == {key}


@pytest.mark.integration
def test_a_code_not_named_as_a_road_is_not_a_road(nlp: Language) -> None:
    ex = extract(nlp, "The F16 jets and the A4 paper sizes were discussed at length by the panel.")
    assert not any(m.type == "Road" for m in ex.mentions), texts(ex)


# News agencies


@pytest.mark.integration
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
@pytest.mark.integration
def test_news_agencies(nlp: Language, text: str, agency: str) -> None:
    ex = extract(nlp, text)
    assert mention(ex, agency).type == "NewsMediaOrganization"


@pytest.mark.integration
def test_news_agency_after_sentence_initial_the(nlp: Language) -> None:
    ex = extract(nlp, "The RIA news agency said the ministers would meet again.")
    assert mention(ex, "RIA").type == "NewsMediaOrganization"


# Acronyms


@pytest.mark.integration
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
@pytest.mark.integration
def test_acronym_in_brackets(nlp: Language, text: str, name: str, acronym: str, etype: str) -> None:
    ex = extract(nlp, text)
    long = mention(ex, name)
    assert long.acronym == acronym
    assert long.type == etype
    short = mention(ex, acronym)
    assert short.type == etype
    assert short.start > long.end


# Demonyms, hyphenated places, possessives


@pytest.mark.integration
@pytest.mark.parametrize(
    "text",
    [
        "Syrian officials and Turkish diplomats attended the meeting.",
        "Syrian troops and Iranian advisers moved north.",
        "The Syrian side said the Turkish side had agreed.",
    ],
)
@pytest.mark.integration
def test_demonyms_alone_are_not_mentions(nlp: Language, text: str) -> None:
    ex = extract(nlp, text)
    for demonym in ("Syrian", "Turkish", "Iranian"):
        assert demonym not in texts(ex)


@pytest.mark.integration
def test_hyphenated_places_are_two_cities(nlp: Language) -> None:
    ex = extract(nlp, "Analysts said Ankara-Damascus ties could improve next year.")
    ankara, damascus = mention(ex, "Ankara"), mention(ex, "Damascus")
    assert ankara.type == damascus.type == "City"
    assert ankara.key.startswith("city_") and damascus.key.startswith("city_")
    assert ankara.key != damascus.key
    assert (ankara.country, damascus.country) == ("TR", "SY")
    assert ex.article.text[ankara.end : damascus.start] == "-"


@pytest.mark.integration
def test_hyphenated_places_other_cities(nlp: Language) -> None:
    ex = extract(nlp, "Analysts said Washington-Beijing relations could improve next year.")
    assert mention(ex, "Beijing").type == "City"


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Bashar al-Assad's forces have controlled the city since 2016.", "Bashar al-Assad"),
        ("Vladimir Putin's government rejected the proposal on Monday.", "Vladimir Putin"),
        ("Emmanuel Macron’s office said the visit would go ahead.", "Emmanuel Macron"),
    ],
)
@pytest.mark.integration
def test_possessive_is_not_part_of_a_name(nlp: Language, text: str, person: str) -> None:
    ex = extract(nlp, text)
    m = mention(ex, person)
    assert m.type == "Person"
    assert not m.text.endswith(("'s", "’s", "'", "’"))


# Several sentences


@pytest.mark.integration
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


@pytest.mark.integration
def test_samples_offsets_and_sentences(samples: list[Extraction]) -> None:
    assert len(samples) == 5
    for ex in samples:
        check_offsets(ex)
        assert len(ex.mentions) >= 15


@pytest.mark.integration
def test_samples_find_the_main_actors(samples: list[Extraction]) -> None:
    found = {(m.text, m.type) for ex in samples for m in ex.mentions}
    assert ("Hulusi Akar", "Person") in found
    assert ("Ali Mahmoud Abbas", "Person") in found or ("Ali Mahmud Abbas", "Person") in found
    keys = {m.key for ex in samples for m in ex.mentions}
    assert {"ministry_defense_tr", "road_m4", "country_tr", "country_sy"} <= keys


# --- rules on hand-built Docs (spacy.blank: no model) -------------------------------------------


def blank_extraction(
    text: str,
    ents: list[tuple[str, str]],
    *,
    common: frozenset[str] = frozenset(),
    plural: frozenset[str] = frozenset(),
) -> Extraction:
    """Extract from a Doc of ``text`` built by hand: sentences by spaCy's sentencizer, every
    capitalised token tagged a proper noun (but the words in ``common``, tagged "NN" as the
    model's tagger does with names it does not know; those in ``plural`` "NNS"), and ``ents``
    (name, label) as the model's entities, each found after the one before."""
    import spacy

    from kg.extract import extract_article

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    for token in doc:
        token.tag_ = "NNP" if token.text[:1].isupper() and token.text not in common else "NN"
        if token.text in plural:
            token.tag_ = "NNS"
    spans, pos = [], 0
    for name, label in ents:
        start = text.index(name, pos)
        pos = start + len(name)
        span = doc.char_span(start, pos, label=label)
        assert span is not None, name
        spans.append(span)
    doc.ents = spans
    article = Article(id="t", text=text, source="t", content_hash="")
    extraction = extract_article(doc, article, model="blank@0")
    check_offsets(extraction)
    return extraction


def types_of(extraction: Extraction, text: str) -> set[str]:
    return {m.type for m in extraction.mentions if m.text == text}


def test_country_code_that_spells_a_company_is_the_company() -> None:
    ex = blank_extraction(
        "Shares of Gamma Media rose. GM said profits grew.",
        [("Gamma Media", "ORG"), ("GM", "GPE")],
    )
    assert types_of(ex, "GM") == {"Place"}
    assert all(not m.key for m in ex.mentions)


def test_country_code_in_an_address_is_no_country() -> None:
    ex = blank_extraction(
        "Floods hit Springfield, IL on Monday.", [("Springfield", "GPE"), ("IL", "GPE")]
    )
    assert types_of(ex, "IL") == {"Place"}


def test_country_code_next_to_a_score_is_no_country() -> None:
    ex = blank_extraction("Final: CAN 3 - 2 SWE after overtime.", [("CAN", "ORG"), ("SWE", "GPE")])
    assert "Country" not in types_of(ex, "SWE") | types_of(ex, "CAN")


def test_country_code_in_a_country_context_is_the_country() -> None:
    ex = blank_extraction(
        "The UK and Japan signed a trade pact.", [("UK", "GPE"), ("Japan", "GPE")]
    )
    assert [m.key for m in ex.mentions] == ["country_gb", "country_jp"]


def test_title_word_starts_no_person_name() -> None:
    ex = blank_extraction(
        "General Dynamics won a contract. Admiral Insurance paid.",
        [("General Dynamics", "ORG"), ("Admiral Insurance", "ORG")],
    )
    assert types_of(ex, "General Dynamics") == {"Organization"}
    assert types_of(ex, "Admiral Insurance") == {"Organization"}


def test_organisation_head_word_makes_no_person() -> None:
    ex = blank_extraction("Crystal Palace Club fans cheered.", [("Crystal Palace Club", "ORG")])
    assert types_of(ex, "Crystal Palace Club") == {"Organization"}


def test_no_mention_crosses_a_paragraph_break() -> None:
    text = "Storm Ida\n\nFlooding closed roads in Ohio."
    ex = blank_extraction(text, [("Storm Ida\n\nFlooding", "ORG"), ("Ohio", "GPE")])
    assert all("\n" not in m.text for m in ex.mentions)
    assert "Storm Ida" in {m.text for m in ex.mentions}


def test_no_mention_crosses_a_form_feed() -> None:
    # A plain-text file keeps its form feeds; a name across one would be a label on two lines.
    text = "The new mayor Marta\fKowalczyk spoke in Ohio."
    ex = blank_extraction(text, [("Marta\fKowalczyk", "PERSON"), ("Ohio", "GPE")])
    assert all(len(m.text.splitlines()) == 1 for m in ex.mentions)


def test_earlier_surname_is_the_person_not_a_place() -> None:
    ex = blank_extraction(
        "Maria Jordan won the race. Jordan said it was hard.",
        [("Maria Jordan", "PERSON"), ("Jordan", "GPE")],
    )
    assert types_of(ex, "Jordan") == {"Person"}
    assert all(not m.key for m in ex.mentions)


def test_a_surname_with_its_particle_capitalised_is_the_person() -> None:
    # "De Boer" opening a sentence after "Marieke de Boer": the particle's capital is the
    # sentence's, the words are her surname; "La Paz" after "Ana Paz" stays the city.
    ex = blank_extraction(
        "Union leader Marieke de Boer spoke. De Boer said the deal held. Van Dijk agreed with "
        "Joris van Dijk? No: Ana Paz flew to La Paz.",
        [
            ("Marieke de Boer", "PERSON"),
            ("De Boer", "ORG"),
            ("Van Dijk", "ORG"),
            ("Joris van Dijk", "PERSON"),
            ("Ana Paz", "PERSON"),
            ("La Paz", "GPE"),
        ],
    )
    assert types_of(ex, "De Boer") == {"Person"}
    assert types_of(ex, "Van Dijk") == {"Organization"}  # before the full name: the model's
    assert types_of(ex, "La Paz") != {"Person"}


def test_surname_before_any_full_name_keeps_the_model_type() -> None:
    ex = blank_extraction(
        "Jordan said it was hard. Maria Jordan won.",
        [("Jordan", "GPE"), ("Maria Jordan", "PERSON")],
    )
    assert types_of(ex, "Jordan") == {"Country"}


def test_countries_playing_a_match_are_teams() -> None:
    ex = blank_extraction(
        "Brazil beat Germany 2 - 1 in the final. Brazil celebrated. Fans in Russia cheered.",
        [("Brazil", "GPE"), ("Germany", "GPE"), ("Brazil", "GPE"), ("Russia", "GPE")],
    )
    assert types_of(ex, "Brazil") == {"Organization"}
    assert types_of(ex, "Germany") == {"Organization"}
    assert types_of(ex, "Russia") == {"Country"}


def test_a_club_the_model_read_as_a_person_is_a_team_when_it_plays_a_place() -> None:
    ex = blank_extraction(
        "Leeds drew 1-1 with Tranmere on Saturday. Tranmere had led at the break.",
        [("Leeds", "GPE"), ("Tranmere", "PERSON"), ("Tranmere", "PERSON")],
    )
    assert types_of(ex, "Tranmere") == {"Organization"}
    assert types_of(ex, "Leeds") == {"Organization"}


@pytest.mark.parametrize(
    ("text", "ents"),
    [
        ("Ruud beat Alcaraz 6-3 in Madrid.", [("Ruud", "PERSON"), ("Alcaraz", "PERSON")]),
        (
            "Ruud beat Spain's Alcaraz 6-3 in the final.",
            [("Ruud", "PERSON"), ("Spain", "GPE"), ("Alcaraz", "PERSON")],
        ),
    ],
)
def test_players_of_a_match_stay_people(text: str, ents: list[tuple[str, str]]) -> None:
    ex = blank_extraction(text, ents)
    assert types_of(ex, "Ruud") == {"Person"}
    assert types_of(ex, "Alcaraz") == {"Person"}


def test_countries_in_talks_are_no_teams() -> None:
    ex = blank_extraction(
        "Brazil faced Germany in talks on trade.", [("Brazil", "GPE"), ("Germany", "GPE")]
    )
    assert types_of(ex, "Brazil") == {"Country"}


def test_facility_names_are_places() -> None:
    ex = blank_extraction(
        "Police closed Pine Street and Union Station.",
        [("Pine Street", "PERSON"), ("Union Station", "ORG")],
    )
    assert types_of(ex, "Pine Street") == {"Place"}
    assert types_of(ex, "Union Station") == {"Place"}


def test_names_propagate_within_an_article() -> None:
    ex = blank_extraction(
        "Norvik Systems grew fast. Analysts said Norvik Systems would list.",
        [("Norvik Systems", "ORG")],
    )
    found = [m for m in ex.mentions if m.text == "Norvik Systems"]
    assert len(found) == 2
    assert found[1].extractor.startswith("rule:propagate")


def test_name_also_written_as_a_common_word_does_not_propagate() -> None:
    ex = blank_extraction(
        "Freedom Party met. Freedom matters, and freedom party members agreed.",
        [("Freedom Party", "ORG")],
    )
    assert [m.text for m in ex.mentions] == ["Freedom Party"]


def test_dateline_is_no_acronym_definition() -> None:
    ex = blank_extraction(
        "Lyon (Reuters) - Police said. The Andean Development Corporation (CAF) lent.",
        [("Lyon", "GPE"), ("Reuters", "ORG"), ("Andean Development Corporation", "ORG")],
    )
    acronyms = {m.text: m.acronym for m in ex.mentions}
    assert acronyms["Lyon"] is None
    assert acronyms["Andean Development Corporation"] == "CAF"


def test_government_of_a_country() -> None:
    ex = blank_extraction(
        "The Kenyan government and the Government of Peru agreed.", [("Peru", "GPE")]
    )
    keys = {m.text: m.key for m in ex.mentions}
    assert keys["Kenyan government"] == "government_ke"
    assert keys["Government of Peru"] == "government_pe"


def test_a_name_after_near_is_a_place() -> None:
    ex = blank_extraction(
        "Near Tal Kayf, strikes hit a depot. Troops massed near Kandahar Dunes.",
        [("Near Tal Kayf", "PERSON"), ("Kandahar Dunes", "PERSON")],
    )
    assert types_of(ex, "Tal Kayf") == {"Place"}
    assert types_of(ex, "Kandahar Dunes") == {"Place"}


def test_dateline_inside_a_paragraph_is_no_acronym_definition() -> None:
    ex = blank_extraction(
        "Updated today. KINSHASA (AFP) - Rebels advanced. Banque Centrale (BCC) - a lender - said.",
        [("KINSHASA", "ORG"), ("AFP", "ORG"), ("Banque Centrale", "ORG")],
    )
    acronyms = {m.text: m.acronym for m in ex.mentions}
    assert acronyms["KINSHASA"] is None
    assert acronyms["Banque Centrale"] is None


def test_given_name_beside_a_place_name_is_one_person() -> None:
    ex = blank_extraction(
        "Valerie Lyon left the group. Lyon said she was afraid.",
        [("Valerie", "GPE"), ("Lyon", "GPE"), ("Lyon", "GPE")],
    )
    assert types_of(ex, "Valerie Lyon") == {"Person"}
    assert types_of(ex, "Lyon") == {"Person"}  # her surname, after her full name


def test_two_places_side_by_side_stay_places() -> None:
    ex = blank_extraction(
        "Flights from Sydney Melbourne resumed.", [("Sydney", "GPE"), ("Melbourne", "GPE")]
    )
    assert types_of(ex, "Sydney") == {"City"}


def test_one_common_word_is_no_person() -> None:
    import spacy

    from kg.extract import extract_article

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Browsing is slow. Mira Kell said so.")
    for token in doc:
        token.tag_ = (
            "VBG" if token.text == "Browsing" else "NNP" if token.text[:1].isupper() else "NN"
        )
    doc.ents = [doc.char_span(0, 8, label="PERSON"), doc.char_span(18, 27, label="PERSON")]
    article = Article(id="t", text=doc.text, source="t", content_hash="")
    found = extract_article(doc, article, model="blank@0")
    assert [m.text for m in found.mentions] == ["Mira Kell"]


def test_event_names_are_events() -> None:
    ex = blank_extraction(
        "The Munich Security Conference opened. Lagos Fashion Festival followed.",
        [("Munich Security Conference", "ORG"), ("Lagos Fashion Festival", "FAC")],
    )
    assert types_of(ex, "Munich Security Conference") == {"Event"}
    assert types_of(ex, "Lagos Fashion Festival") == {"Event"}


def test_a_title_drops_its_topic_word_but_a_lower_case_role_keeps_the_name() -> None:
    ex = blank_extraction(
        "The Finance Minister spoke. Fiat chairman Ada Rossi agreed.",
        [("Finance", "ORG"), ("Fiat", "ORG"), ("Ada Rossi", "PERSON")],
    )
    assert [m.text for m in ex.mentions] == ["Fiat", "Ada Rossi"]


def test_one_plural_name_is_a_group() -> None:
    import spacy

    from kg.extract import extract_article

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("The Pixies toured Ohio.")
    for token in doc:
        token.tag_ = (
            "NNPS" if token.text == "Pixies" else "NNP" if token.text[:1].isupper() else "NN"
        )
    doc.ents = [doc.char_span(4, 10, label="PERSON"), doc.char_span(18, 22, label="GPE")]
    found = extract_article(
        doc, Article(id="t", text=doc.text, source="t", content_hash=""), model="b"
    )
    assert [(m.text, m.type) for m in found.mentions] == [
        ("Pixies", "Organization"),
        ("Ohio", "Place"),
    ]


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        # The model labels the one word PERSON and tags it a plural in each sentence.
        (
            "We love the Kinks, and it has been painful being at odds with them.",
            "Kinks",
            "Organization",
        ),
        ("Professor Yates also said kits would be available.", "Yates", "Person"),
        (
            "Chief executive Mark Coles said profits rose. Coles also said the bank would hire.",
            "Coles",
            "Person",
        ),
    ],
)
def test_one_plural_word_is_a_group_only_after_the(
    nlp: Language, text: str, name: str, etype: str
) -> None:
    doc = nlp(text)
    assert [(e.label_, e[0].tag_ in ("NNS", "NNPS")) for e in doc.ents if e.text == name][-1] == (
        "PERSON",
        True,
    ), "the model's reading this test is about"
    ex = extract(nlp, text)
    assert {m.type for m in ex.mentions if m.text == name} == {etype}


@pytest.mark.parametrize(
    ("text", "place", "acronym"),
    [
        (
            "Two lawmakers from the right-wing Party for Freedom in Norway (PFN) met reporters "
            "on Monday.",
            "Norway",
            "PFN",
        ),
        ("Scientists at the Society for Research in Peru (SRP) found a new frog.", "Peru", "SRP"),
        (
            "Detectives from the Unit for Organised Crime in Ghana (UOCG) arrested two men.",
            "Ghana",
            "UOCG",
        ),
    ],
)
def test_a_bracket_after_the_tail_of_a_longer_name_is_that_name_s_acronym(
    nlp: Language, text: str, place: str, acronym: str
) -> None:
    ex = extract(nlp, text)
    assert mention(ex, place).acronym is None
    assert mention(ex, acronym).type == "Organization"


def test_spells_a_longer_name() -> None:
    from kg.mention_rules import spells_a_longer_name

    def spelled(text: str, name: str, acronym: str) -> bool:
        return spells_a_longer_name(text, text.index(name), acronym)

    assert spelled("the Bank of Canada (BoC)", "Canada", "BoC")
    assert spelled("militants of al-Nusra in Syria (ANS)", "Syria", "ANS")
    assert not spelled("volunteers of Doctors Without Borders (MSF)", "Doctors", "MSF")
    assert not spelled("shares of Acme (AAPL)", "Acme", "AAPL")
    assert not spelled("the Bank of Canada (BC)", "Bank", "BC")  # the name starts it
    assert not spelled("a bank in Canada (BoC)", "Canada", "BoC")  # no capitalised word


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("The plant in Buffalo, New York, will close, the company said.", "New York", "Place"),
        ("Police in Spokane, Washington, arrested a man on Friday.", "Washington", "Place"),
        ("Flights to Boston, New York and Chicago were cancelled.", "New York", "City"),
        ("The mayor of New York said the subway would expand.", "New York", "City"),
        (
            "Police in Spokane, Washington, arrested a man. The Governor of Washington said "
            "the state would help.",
            "Washington",
            "Place",
        ),
        (
            "Officials in Washington declined to comment. Police in Spokane, Washington, "
            "arrested a man.",
            "Washington",
            "City",
        ),
    ],
)
def test_a_state_named_like_a_city_after_a_city_and_a_comma(
    nlp: Language, text: str, name: str, etype: str
) -> None:
    ex = extract(nlp, text)
    found = [m for m in ex.mentions if m.text == name]
    assert found, ex.mentions
    for m in found:  # every mention of the name, as one entity of the article
        assert m.type == etype
        assert m.key.startswith("division_us_") is (etype == "Place")


def test_the_state_after_a_city_is_not_the_city_across_articles(nlp: Language) -> None:
    from kg.resolve import resolve_entities

    state = extract(nlp, "The plant in Buffalo, New York, will close, the company said.")
    city = extract(nlp, "The mayor of New York said the subway would expand.")
    city = replace(city, article=replace(city.article, id="other"))
    # A third article writes the name twice: which one it means is not told, and the rule
    # leaves it to the model (one name, one entity, within an article).
    both = extract(
        nlp, "The plant in Buffalo, New York, will close. The mayor of New York said so."
    )
    assert {m.type for m in both.mentions if m.text == "New York"} == {"City"}
    res = resolve_entities([state, city])
    holders = [e for e in res.entities if "New York" in e.variants]
    assert sorted(e.type for e in holders) == ["City", "Place"], holders


@pytest.mark.parametrize(
    "text",
    [
        "Ann Roe, an Ottawa New Democrat MP, said the lapses raise serious questions.",
        "Jo Ward, a Liberal Democrat MP for Bath, voted against the bill.",
    ],
)
def test_a_group_s_name_stops_at_a_post_nominal(nlp: Language, text: str) -> None:
    """The model labels "Democrat" NORP; the group rule took "Democrat MP" as a body."""
    ex = extract(nlp, text)
    assert not [m for m in ex.mentions if "MP" in m.text], ex.mentions


def test_every_word_list_says_its_source_and_is_used() -> None:
    from kg.lexicon import entries

    folder = Path(__file__).resolve().parent.parent / "kg"
    code = "".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.py"))
    lists = sorted((folder / "lexicon").glob("*.txt"))
    assert len(lists) >= 10
    for path in lists:
        lines = path.read_text(encoding="utf-8").splitlines()
        head = [line for line in lines[:8] if line.startswith("#")]
        assert lines[0].startswith("#") and head, path.name
        assert entries(path.stem), path.name
        assert f'"{path.stem}"' in code or f"'{path.stem}'" in code, f"{path.name} is not used"


def test_office_after_a_body_is_no_part_of_its_name() -> None:
    ex = blank_extraction(
        "The NASA Administrator spoke. A Red Cross Society President came. Vice President left.",
        [
            ("NASA Administrator", "PERSON"),
            ("Red Cross Society President", "PERSON"),
            ("Vice President", "PERSON"),
        ],
    )
    assert types_of(ex, "NASA") == {"Organization"}
    assert types_of(ex, "Red Cross Society") == {"Organization"}
    assert not types_of(ex, "NASA Administrator") | types_of(ex, "Red Cross Society President")
    # The word before the office is part of it: the model's span stands.
    assert types_of(ex, "Vice President") == {"Person"}


def test_office_after_a_known_place_leaves_the_place() -> None:
    ex = blank_extraction("The Tokyo Governor visited.", [("Tokyo Governor", "PERSON")])
    assert types_of(ex, "Tokyo") == {"City"}


def test_surname_like_office_word_keeps_the_person() -> None:
    # "Head", "Leader" are surnames too: no office is cut from a person's name.
    ex = blank_extraction(
        "Jonathan Head reported. Anna Leader wrote.",
        [("Jonathan Head", "PERSON"), ("Anna Leader", "PERSON")],
    )
    assert types_of(ex, "Jonathan Head") == {"Person"}
    assert types_of(ex, "Anna Leader") == {"Person"}


def test_citation_marker_is_no_part_of_a_name() -> None:
    ex = blank_extraction(
        "It flows past Basra,[3] then Tigris River.[14][15] ends.",
        [("Basra,[3", "GPE"), ("Tigris River.[14][15", "LOC")],
    )
    assert {m.text for m in ex.mentions} == {"Basra", "Tigris River"}


def test_ship_prefix_makes_no_person_nor_place() -> None:
    ex = blank_extraction(
        "USS Nimitz sailed and MV Sewol sank.", [("USS Nimitz", "PERSON"), ("MV Sewol", "GPE")]
    )
    assert not types_of(ex, "USS Nimitz") | types_of(ex, "MV Sewol")


def test_named_operation_is_an_event() -> None:
    ex = blank_extraction(
        "Operation Desert Storm began; Operation Car Wash widened.",
        [("Operation Desert Storm", "ORG"), ("Operation Car Wash", "PERSON")],
    )
    assert types_of(ex, "Operation Desert Storm") == {"Event"}
    assert types_of(ex, "Operation Car Wash") == {"Event"}


def test_a_name_after_the_town_of_is_a_place() -> None:
    ex = blank_extraction(
        "Rain hit the town of Tombstone and the province of Alberta. Lee Town spoke.",
        [("Tombstone", "PERSON"), ("Alberta", "ORG"), ("Lee Town", "PERSON")],
    )
    assert types_of(ex, "Tombstone") == {"Place"}
    assert types_of(ex, "Alberta") == {"Place"}
    assert types_of(ex, "Lee Town") == {"Person"}


def test_dams_and_airfields_are_places() -> None:
    ex = blank_extraction(
        "Water left Mosul Barrage; jets flew from Bagram Airfield.",
        [("Mosul Barrage", "PERSON"), ("Bagram Airfield", "ORG")],
    )
    assert types_of(ex, "Mosul Barrage") == {"Place"}
    assert types_of(ex, "Bagram Airfield") == {"Place"}


def test_a_name_ending_in_an_organisation_head_is_no_person_nor_place() -> None:
    ex = blank_extraction(
        "Kestrel Airlines cut fares. Lancashire Police said. The West Bank voted.",
        [("Kestrel Airlines", "PERSON"), ("Lancashire Police", "GPE"), ("West Bank", "GPE")],
    )
    assert types_of(ex, "Kestrel Airlines") == {"Organization"}
    assert types_of(ex, "Lancashire Police") == {"GovernmentOrganization"}
    assert types_of(ex, "West Bank") == {"Place"}  # a place may end in "Bank"


def test_a_city_after_its_or_in_is_the_place() -> None:
    ex = blank_extraction(
        "Orvella shut its Boston office. Stocks fell in Frankfurt. A stake in Orange rose.",
        [("Orvella", "ORG"), ("Boston", "PERSON"), ("Frankfurt", "ORG"), ("Orange", "ORG")],
    )
    assert types_of(ex, "Boston") == {"City"}
    assert types_of(ex, "Frankfurt") == {"City"}
    assert types_of(ex, "Orange") == {"Organization"}  # a small town's name may be a company


def test_a_town_after_based_or_born_in_is_the_place() -> None:
    # Business and sport: Eindhoven and Rosario are too small for a bare "in" to say "place",
    # but a firm is based in a place and a player born in one; Orange after a bare "in" stays.
    text = (
        "Veltrix, based in Eindhoven, cut jobs. The striker, born in Rosario, scored. "
        "The group, headquartered in Mainz, grew. A stake in Orange rose."
    )
    names = [("Veltrix", "ORG"), ("Eindhoven", "ORG"), ("Rosario", "PERSON"), ("Mainz", "ORG")]
    ex = blank_extraction(text, [*names, ("Orange", "ORG")])
    assert types_of(ex, "Eindhoven") == {"City"}
    assert types_of(ex, "Rosario") == {"City"}
    assert types_of(ex, "Mainz") == {"City"}
    assert types_of(ex, "Orange") == {"Organization"}
    assert types_of(ex, "Veltrix") == {"Organization"}


def test_a_one_word_name_written_before_an_organisation_head_is_that_organisation() -> None:
    ex = blank_extraction(
        "Ardent Holdings will cut jobs. Later Ardent said profits fell. Dana Ford said so.",
        [("Ardent", "PERSON"), ("Ardent", "PERSON"), ("Dana Ford", "PERSON")],
    )
    assert types_of(ex, "Ardent Holdings") == {"Organization"}
    assert types_of(ex, "Ardent") == {"Organization"}
    assert types_of(ex, "Dana Ford") == {"Person"}


def test_initials_after_a_kind_of_organisation_are_that_organisation() -> None:
    ex = blank_extraction(
        "The rail union RMT struck; analysts at UBS agreed; analysts at US banks did not.", []
    )
    assert types_of(ex, "RMT") == {"Organization"}
    assert types_of(ex, "UBS") == {"Organization"}
    assert "Organization" not in types_of(ex, "US")


def test_a_made_thing_is_no_person() -> None:
    ex = blank_extraction(
        "The Hubble Space Telescope saw it.", [("Hubble Space Telescope", "PERSON")]
    )
    assert types_of(ex, "Hubble Space Telescope") == {"Product"}


def test_a_head_that_starts_a_longer_name_says_nothing_of_the_word_before() -> None:
    ex = blank_extraction(
        "Lowell Institute of Technology hired. Lowell said so.",
        [("Lowell", "PERSON"), ("Lowell", "PERSON")],
    )
    assert types_of(ex, "Lowell") == {"Person"}


def test_no_sentence_runs_across_a_paragraph_break(nlp: Language) -> None:
    # Sport and farming: the parser alone runs a quote paragraph into the next one (whose
    # subject then looks like the older sentence's second name), and a dateline into the lead.
    texts = [
        'The striker said the squad was "tired but hungry".\n\nSupporters\' club chairman Tom '
        "Hale criticised the board. He said the decision was rushed.",
        "Monday, March 2, 2020\n\nPeter Gray, a farmer, said the river had risen.",
    ]
    for text in texts:
        doc = nlp(text)
        second = text.index("\n\n") + 2
        assert second in {s.start_char for s in doc.sents}, [s.text for s in doc.sents]
        assert not any("\n\n" in s.text.strip() for s in doc.sents)


def test_a_craft_named_with_its_class_is_a_product_and_so_is_its_name_alone() -> None:
    ex = blank_extraction(
        "Spacecraft Juno reached orbit. Engineers said Juno was healthy.",
        [("Spacecraft Juno", "PERSON"), ("Juno", "PERSON")],
    )
    assert types_of(ex, "Spacecraft Juno") == {"Product"}
    assert types_of(ex, "Juno") == {"Product"}


def test_a_storm_named_with_its_class_is_an_event_and_so_is_its_name_alone() -> None:
    ex = blank_extraction(
        "Typhoon Haiyan struck Leyte. Haiyan killed thousands.",
        [("Typhoon Haiyan", "PERSON"), ("Leyte", "GPE"), ("Haiyan", "PERSON")],
    )
    assert types_of(ex, "Typhoon Haiyan") == {"Event"}
    assert types_of(ex, "Haiyan") == {"Event"}


def test_a_storm_name_that_is_also_a_person_named_in_full_stays_a_person() -> None:
    ex = blank_extraction(
        "Hurricane Sandy flooded Queens. Sandy Weill gave money. Sandy said so.",
        [
            ("Hurricane Sandy", "PERSON"),
            ("Queens", "GPE"),
            ("Sandy Weill", "PERSON"),
            ("Sandy", "PERSON"),
        ],
    )
    assert types_of(ex, "Hurricane Sandy") == {"Event"}
    assert types_of(ex, "Sandy") == {"Person"}


def test_craft_class_words_before_an_organisation_head_name_no_craft() -> None:
    from kg.entity_types import type_for
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert type_for("Space Shuttle", "PERSON", "the last ", " mission", gaz) == "Product"
    assert type_for("Space Shuttle Team", "ORG", "the ", " said", gaz) == "Organization"
    assert type_for("Space Probe Rosetta", "PERSON", "", " landed", gaz) == "Product"


def test_a_nationality_or_faith_in_the_plural_is_a_group_of_people() -> None:
    from kg.entity_types import type_for
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert type_for("Kenyans", "NORP", "many ", " voted", gaz, plural=True) == "Person"
    assert type_for("Hindus", "NORP", "", " gathered", gaz, plural=True) == "Person"
    # The singular is evidence of a country, no mention; a place in the plural stays a place.
    assert type_for("Kenyan", "NORP", "the ", " team", gaz, plural=False) is None
    assert type_for("Philippines", "NORP", "the ", " said", gaz, plural=True) == "Country"


@pytest.mark.integration
def test_groups_of_people_are_mentions(nlp: Language) -> None:
    ex = extract(nlp, "Many Kenyans and Hindus voted on Sunday. Kenyan officials agreed.")
    assert {m.text: m.type for m in ex.mentions if m.text in ("Kenyans", "Hindus")} == {
        "Kenyans": "Person",
        "Hindus": "Person",
    }
    assert "Kenyan" not in texts(ex)


@pytest.mark.parametrize(
    ("name", "label", "expected"),
    [
        ("Kelvin Planetarium", "ORG", "Place"),
        ("Osaka Convention Centre", "ORG", "Place"),
        ("Museum of Flight", "ORG", "Place"),
        ("Cathedral of Saint Paul", "ORG", "Place"),
        ("Pew Research Center", "ORG", "Organization"),  # a bare "Center" heads bodies too
        ("Nathan Lane", "PERSON", "Person"),  # a given name first: the person, not the road
        ("Arsenio Hall", "PERSON", "Person"),
    ],
)
def test_facilities_by_their_head_noun(name: str, label: str, expected: str) -> None:
    from kg.entity_types import type_for
    from kg.gazetteer import load_gazetteer

    assert type_for(name, label, "at the ", " on Monday", load_gazetteer()) == expected


def test_two_words_opening_with_a_known_surname_make_no_full_name() -> None:
    ex = blank_extraction(
        "Claude Monet painted. A Monet Canvas sold. Canvas is the maker.",
        [("Claude Monet", "PERSON"), ("Monet Canvas", "PERSON"), ("Canvas", "ORG")],
    )
    assert types_of(ex, "Canvas") == {"Organization"}


def test_a_number_and_a_demonym_are_no_split_name() -> None:
    ex = blank_extraction(
        "Five Kenyan runners finished.", [("Five", "CARDINAL"), ("Kenyan", "NORP")]
    )
    assert "Five Kenyan" not in texts(ex)


@pytest.mark.parametrize(
    ("name", "before", "after", "kept"),
    [
        ("NGO", "said an ", " said on Monday", False),
        ("UAV", "destroyed a ", ", a truck and a tank", False),
        ("UAVs", "destroyed four ", " near the base", False),
        ("NATO", "attended a ", " summit in Oslo", True),  # qualifies a noun: the alliance
        ("FBI", "the ", ", a spokesman said", True),  # no article that counts it
    ],
)
def test_initials_counted_as_a_common_noun_are_no_name(
    name: str, before: str, after: str, kept: bool
) -> None:
    from kg.entity_types import type_for
    from kg.gazetteer import load_gazetteer

    etype = type_for(name, "ORG", before, after, load_gazetteer())
    assert (etype is not None) == kept


def _sentence_initial_common_word(text: str, word: str) -> Extraction:
    """A hand-built Doc: ``word`` (the first token) an ORG of the model tagged as a noun."""
    import spacy

    from kg.extract import extract_article

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    for token in doc:
        token.tag_ = "NNP" if token.text[:1].isupper() else "NN"
    doc[0].tag_ = "NNS"
    span = doc.char_span(0, len(word), label="ORG")
    assert span is not None
    doc.ents = [span]
    article = Article(id="t", text=text, source="t", content_hash="")
    return extract_article(doc, article, model="blank@0")


def test_a_sentence_initial_common_word_is_no_organisation() -> None:
    ex = _sentence_initial_common_word("Talks resumed on Monday. Rain fell.", "Talks")
    assert "Talks" not in texts(ex)


def test_a_sentence_initial_word_written_as_a_name_elsewhere_stays() -> None:
    ex = _sentence_initial_common_word("Shell rose. Traders bought Shell shares.", "Shell")
    assert types_of(ex, "Shell") == {"Organization"}


def test_a_name_the_model_missed_after_near_is_a_place() -> None:
    ex = blank_extraction("Near Dayr Az Zawr, two strikes hit. Talks ran near March.", [])
    assert types_of(ex, "Dayr Az Zawr") <= {"Place", "City"}
    assert types_of(ex, "Dayr Az Zawr")
    assert "March" not in texts(ex)  # a month or a weekday is no place


def test_a_name_before_a_noun_or_a_possessive_after_near_is_no_place() -> None:
    ex = blank_extraction("They met near Acme headquarters and near Smith's farm.", [])
    assert "Acme" not in texts(ex)
    assert "Smith" not in texts(ex)


def test_a_score_after_a_known_country_is_no_part_of_its_name() -> None:
    ex = blank_extraction(
        "A late goal put Ghana 2 – 1 up. Apollo 11 landed.",
        [("Ghana 2", "GPE"), ("Apollo 11", "ORG")],
    )
    assert "Ghana" in texts(ex)
    assert "Ghana 2" not in texts(ex)
    assert "Apollo 11" in texts(ex)  # no known place before the figure: the name keeps it


def test_a_body_named_for_its_purpose_is_one_name() -> None:
    ex = blank_extraction(
        "Grants came from the Kestrel Foundation for the Performing Arts. "
        "The Kestrel Foundation for the second year paid.",
        [
            ("Kestrel Foundation", "ORG"),
            ("Performing Arts", "ORG"),
            ("Kestrel Foundation", "ORG"),
        ],
    )
    assert types_of(ex, "Kestrel Foundation for the Performing Arts") == {"Organization"}
    assert "Performing Arts" not in texts(ex)
    assert "Kestrel Foundation" in texts(ex)  # no name after "for the": no join


def test_a_caption_label_before_a_colon_is_no_part_of_a_name() -> None:
    ex = blank_extraction(
        "The rover team met Lena Ortiz Photo: NASA. Ortiz Image Works sued.",
        [("Lena Ortiz Photo", "PERSON"), ("Ortiz Image Works", "ORG")],
    )
    assert "Lena Ortiz" in texts(ex)
    assert "Lena Ortiz Photo" not in texts(ex)
    assert "Ortiz Image Works" in texts(ex)  # no colon after: a name's own word


def test_a_name_typed_apart_from_its_list_takes_the_lists_type() -> None:
    ex = blank_extraction(
        "Judges were Mara Lind, Tomas Vey, Ilse Brandt and Oskar Feld. "
        "Sponsors were Kestrel, Ardent, Lumora.",
        [
            ("Mara Lind", "PERSON"),
            ("Tomas Vey", "PERSON"),
            ("Ilse Brandt", "ORG"),
            ("Oskar Feld", "PERSON"),
            ("Kestrel", "ORG"),
            ("Ardent", "PERSON"),
            ("Lumora", "ORG"),
        ],
    )
    assert types_of(ex, "Ilse Brandt") == {"Person"}
    assert types_of(ex, "Ardent") == {"Person"}  # three names are no list to go by


@pytest.mark.parametrize(
    ("span", "parts"),
    [
        ("the Royal Navy – Fleet Air Arm", ["Royal Navy", "Fleet Air Arm"]),
        ("Nilesat/Eurobird", ["Nilesat", "Eurobird"]),
        ("the Army, Navy Reserve", ["Army", "Navy Reserve"]),
        ("Acme Holdings, Inc.", ["Acme Holdings, Inc"]),  # a legal suffix stays
        ("Council on Trade - Industry Relations", ["Council on Trade - Industry Relations"]),
    ],
)
def test_an_organisation_span_listing_two_bodies_is_two_names(span: str, parts: list[str]) -> None:
    ex = blank_extraction(f"Officials of {span} met on Monday.", [(span, "ORG")])
    assert [m.text for m in ex.mentions] == parts


def test_abbreviated_places_joined_by_a_hyphen_are_two_places() -> None:
    ex = blank_extraction("A new U.K.-Japan pact was signed.", [("U.K.-Japan", "GPE")])
    assert "U.K.-Japan" not in texts(ex)
    assert "Japan" in texts(ex)


def test_a_rank_or_title_alone_is_no_name_but_a_team_in_the_plural_is() -> None:
    ex = blank_extraction(
        "Staff Sgt. Ann Lee spoke. The Cardinals won.",
        [("Sgt", "PERSON"), ("Ann Lee", "PERSON"), ("Cardinals", "ORG")],
    )
    assert "Sgt" not in texts(ex)
    assert "Ann Lee" in texts(ex)
    assert "Cardinals" in texts(ex)


def test_a_code_with_figures_is_no_person() -> None:
    from kg.entity_types import type_for
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert type_for("Passcode 3080897", "PERSON", "enter ", ".", gaz) is None
    assert type_for("Louis XIV", "PERSON", "King ", " ruled", gaz) == "Person"


def test_a_body_of_a_and_b_is_one_name_where_the_article_writes_its_initials() -> None:
    ex = blank_extraction(
        "The Ministry of Agriculture and Fisheries said so. MAF staff agreed. "
        "The Bank of England and France agreed.",
        [
            ("Ministry of Agriculture", "ORG"),
            ("Fisheries", "ORG"),
            ("Bank of England", "ORG"),
            ("France", "GPE"),
        ],
    )
    assert "Ministry of Agriculture and Fisheries" in texts(ex)
    assert "Bank of England" in texts(ex)  # no initials of the whole: two names
    assert "France" in texts(ex)


@pytest.mark.parametrize(
    ("name", "label", "expected"),
    [
        ("Law of Armed Conflict", "ORG", "CreativeWork"),
        ("Clean Water Act", "ORG", "CreativeWork"),
        ("Resolution 2254", "ORG", "CreativeWork"),
        ("Nathan Law", "PERSON", "Person"),  # a given name first: the person
        ("Law Society", "ORG", "Organization"),
    ],
)
def test_laws_and_treaties_are_texts(name: str, label: str, expected: str) -> None:
    from kg.entity_types import type_for
    from kg.gazetteer import load_gazetteer

    assert type_for(name, label, "under the ", " in force", load_gazetteer()) == expected


@given(
    name=st.text(alphabet="abA.& ", min_size=1, max_size=4),
    text=st.text(alphabet="abA.&-_ é1\n", max_size=40),
)
def test_whole_word_hits_are_the_pattern_s(name: str, text: str) -> None:
    # The search propagate_names makes for each name, without compiling a pattern per name.
    import re

    from kg.name_propagation import _whole_word_hits

    pattern = rf"(?<![\w&-]){re.escape(name)}(?![\w&-])"
    assert list(_whole_word_hits(name, text)) == [m.span() for m in re.finditer(pattern, text)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Reform Party", "Organization"),
        ("Kenya Football Federation", "Organization"),
        ("Halvorsen Foundation", "Organization"),
        ("Sea Org", "Organization"),
        ("West Bank", "Place"),  # places end in some heads of bodies: those stay places
        ("Soviet Union", "Place"),
        ("Society Islands", "Place"),
    ],
)
def test_a_place_reading_ending_in_a_head_no_place_has_is_an_organisation(
    name: str, expected: str
) -> None:
    from kg.entity_types import type_for
    from kg.gazetteer import load_gazetteer

    assert type_for(name, "LOC", "members of the ", " said", load_gazetteer()) == expected


def test_a_team_s_shorter_name_is_the_team() -> None:
    ex = blank_extraction(
        "South Korea beat Sweden 2 - 1 in Kazan. Korea scored late. Fans in Sweden cheered.",
        [("South Korea", "GPE"), ("Sweden", "GPE"), ("Kazan", "GPE"), ("Korea", "GPE")],
    )
    assert types_of(ex, "Korea") == {"Organization"}
    assert types_of(ex, "Kazan") == {"City"}


def test_without_a_match_a_shorter_name_stays_the_country() -> None:
    ex = blank_extraction(
        "South Korea met Sweden for talks on trade. Korea agreed.",
        [("South Korea", "GPE"), ("Sweden", "GPE"), ("Korea", "GPE")],
    )
    assert types_of(ex, "Korea") == {"Place"}


@pytest.mark.parametrize(
    ("name", "label"), [("IE6", "GPE"), ("A380", "PERSON"), ("PS5", "LOC"), ("Falcon-9", "PERSON")]
)
def test_one_word_of_letters_and_figures_is_a_model_s_name(name: str, label: str) -> None:
    from kg.entity_types import type_for
    from kg.gazetteer import load_gazetteer

    assert type_for(name, label, "the new ", " was", load_gazetteer()) == "Product"
    # Initials without a figure keep the model's reading.
    assert type_for("IBM", "ORG", "the new ", " was", load_gazetteer()) == "Organization"


def test_a_road_code_stays_a_road() -> None:
    # The road rule's context wins over the model code's reading, in every mention.
    ex = blank_extraction(
        "Traffic stopped on the M25 motorway near Leeds. The M25 reopened.",
        [("M25", "GPE"), ("M25", "GPE")],
    )
    assert types_of(ex, "M25") == {"Road"}


def test_office_after_a_body_read_as_one_organisation_is_cut() -> None:
    ex = blank_extraction(
        "The Treasury Department Spokesman declined. The FIFA President arrived in Doha.",
        [("Treasury Department Spokesman", "ORG"), ("FIFA President", "ORG"), ("Doha", "GPE")],
    )
    assert types_of(ex, "Treasury Department") == {"GovernmentOrganization"}
    assert types_of(ex, "FIFA") == {"Organization"}
    assert not types_of(ex, "Treasury Department Spokesman") | types_of(ex, "FIFA President")


@pytest.mark.parametrize("name", ["Saudi Gazette", "Kenya Times", "Otago Daily Herald"])
def test_a_place_reading_ending_in_an_outlet_s_word_is_an_outlet(name: str) -> None:
    from kg.entity_types import type_for
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert type_for(name, "GPE", "according to the ", ",", gaz) == "NewsMediaOrganization"
    assert type_for(name, "FAC", "editor at the ", ",", gaz) == "NewsMediaOrganization"
    # A place's own name stays a place: a known city, or a last word of no outlet.
    assert type_for("Saudi Arabia", "GPE", "according to ", ",", gaz) == "Country"


def test_a_team_s_people_with_the_are_the_team() -> None:
    ex = blank_extraction(
        "Brazil beat Germany 2 - 1 in the final. The goal put the Brazilians ahead. "
        "Many Germans cried.",
        [("Brazil", "GPE"), ("Germany", "GPE"), ("Brazilians", "PERSON"), ("Germans", "PERSON")],
    )
    assert types_of(ex, "Brazilians") == {"Organization"}
    assert types_of(ex, "Germans") == {"Person"}  # fans, without "the": people


def test_a_name_after_a_kind_of_organisation_is_one_in_every_mention() -> None:
    ex = blank_extraction(
        "Fighters of the rebel group Boko Haram fled. Boko Haram denied it. "
        "The carmaker Lucid fell while Lucid Motors rose.",
        [("Boko Haram", "PERSON"), ("Boko Haram", "GPE"), ("Lucid", "PERSON")],
    )
    assert types_of(ex, "Boko Haram") == {"Organization"}
    assert types_of(ex, "Lucid") == {"Organization"}


def test_a_person_after_a_kind_of_organisation_stays_a_person() -> None:
    # "the firm John Smith founded": a given name opens the name, so the person stays.
    ex = blank_extraction(
        "He joined the firm Sarah Baxter founded in Paris.",
        [("Sarah Baxter", "PERSON"), ("Paris", "GPE")],
    )
    assert types_of(ex, "Sarah Baxter") == {"Person"}


def test_an_office_s_initials_after_a_kind_of_organisation_name_no_body() -> None:
    ex = blank_extraction(
        "At the event, company CEO Jane Roe spoke. The band Kestrel played.",
        [("Jane Roe", "PERSON"), ("Kestrel", "PERSON")],
    )
    assert "CEO" not in {m.text for m in ex.mentions}
    assert types_of(ex, "Jane Roe") == {"Person"}
    assert types_of(ex, "Kestrel") == {"Organization"}


def test_a_surname_the_tagger_reads_as_a_common_noun_propagates_inside_a_sentence() -> None:
    ex = blank_extraction(
        "Mira Okonkwo spoke. Currently Okonkwo teaches. Okonkwo left. Students praised Okonkwo.",
        [("Mira Okonkwo", "PERSON")],
        common=frozenset({"Okonkwo"}),
    )
    found = sorted(m.start for m in ex.mentions if m.text == "Okonkwo")
    # At a sentence's start too, since the article never writes "okonkwo" in lower case (a
    # word it does write so stays out: the "Harvest" test below).
    text = ex.article.text
    assert found == [
        text.index("Currently Okonkwo") + len("Currently "),
        text.index("Okonkwo left"),
        text.index("praised Okonkwo") + len("praised "),
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("FIFA World Cup", "Event"),
        ("Monaco Grand Prix", "Event"),
        ("European Rugby Championship", "Event"),
        ("GNU General Public License", "CreativeWork"),
        ("Data Protection Regulation", "CreativeWork"),
    ],
)
def test_contests_and_texts_by_their_head(name: str, expected: str) -> None:
    from kg.entity_types import type_for
    from kg.gazetteer import load_gazetteer

    assert type_for(name, "ORG", "under the ", " rules", load_gazetteer()) == expected


def test_a_surname_after_a_kind_of_organisation_stays_the_person() -> None:
    ex = blank_extraction(
        "Boris Okafor denied it. Guests at the party Okafor attended said so.",
        [("Boris Okafor", "PERSON"), ("Okafor", "PERSON")],
    )
    assert types_of(ex, "Okafor") == {"Person"}


def test_a_name_is_not_propagated_into_the_end_of_a_longer_name() -> None:
    ex = blank_extraction(
        "Harbour Capital grew. Harbour fees rose, and Sydney Harbour was busy. Harbour said so.",
        [("Harbour Capital", "ORG"), ("Harbour", "ORG")],
    )
    text = ex.article.text
    starts = [m.start for m in ex.mentions if m.text == "Harbour"]
    assert text.index("Sydney Harbour") + len("Sydney ") not in starts
    assert text.index("Harbour said") in starts


def test_a_surname_propagates_after_a_title_and_as_a_full_names_end() -> None:
    ex = blank_extraction(
        "Mayor Ines Okafor spoke. Later Mayor Okafor left, and Dr. Okafor stayed.",
        [("Ines Okafor", "PERSON")],
    )
    assert [m.text for m in ex.mentions] == ["Ines Okafor", "Okafor", "Okafor"]
    assert types_of(ex, "Okafor") == {"Person"}


def test_post_nominal_letters_after_a_person_are_no_name(nlp: Language) -> None:
    ex = extract(
        nlp,
        "The court heard from Margaret Ellison, QC, who said the appeal would fail. "
        "Voters in Columbia, SC, went to the polls.",
    )
    assert [m.text for m in ex.mentions if m.text == "QC"] == []
    assert [m.text for m in ex.mentions if m.text == "SC"] == ["SC"]


def test_post_nominals_only_right_after_a_person() -> None:
    from kg.mention_rules import drop_post_nominals

    text = "Ann Lee, QC, said so. Tom Reid MP agreed. The MP left."

    def at(name: str, etype: str, pos: int = 0) -> Mention:
        start = text.index(name, pos)
        return Mention(
            start=start, end=start + len(name), text=name, type=etype, sentence=0, extractor="m"
        )

    mentions = [
        at("Ann Lee", "Person"),
        at("QC", "Place"),
        at("Tom Reid", "Person"),
        at("MP", "Organization"),
        at("MP", "Person", text.index("The MP")),
    ]
    kept = drop_post_nominals(text, mentions)
    assert [(m.text, m.start) for m in kept] == [
        ("Ann Lee", 0),
        ("Tom Reid", text.index("Tom")),
        ("MP", text.index("The MP") + 4),
    ]


def test_a_prefix_joined_to_a_name_is_no_person_and_alone_no_name() -> None:
    ex = blank_extraction(
        "The pro-Moscow lawmaker lost. Pro-Moscow groups met in Lagos.",
        [("pro-Moscow", "PERSON"), ("Pro-Moscow", "GPE"), ("Lagos", "GPE")],
    )
    assert [m.text for m in ex.mentions] == ["Moscow", "Lagos"]


def test_a_prefix_word_alone_without_a_hyphen_keeps_its_name() -> None:
    from kg.entity_types import type_for
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert type_for("Post", "ORG", "as the ", " reported on Monday", gaz) is not None
    assert type_for("Post", "GPE", "the ", "-Moscow camp", gaz) is None


def test_a_paper_read_as_an_event_or_a_work_is_a_news_outlet(nlp: Language) -> None:
    ex = extract(nlp, "The Dallas Morning News reported the fraud on Monday.")
    assert types_of(ex, "Dallas Morning News") == {"NewsMediaOrganization"}


def test_a_quoted_title_ending_in_a_paper_word_stays_a_work() -> None:
    from kg.entity_types import type_for
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert type_for("Evening News", "WORK_OF_ART", 'the film "', '" opened', gaz) == "CreativeWork"
    assert type_for("Harbour Gazette", "EVENT", "the ", " said", gaz) == "NewsMediaOrganization"


def test_a_given_name_and_surname_read_as_a_thing_are_the_person() -> None:
    ex = blank_extraction(
        "Ines Vogt scored twice. Vogt was later replaced, and Hurricane Vogt is a storm.",
        [("Ines Vogt", "PRODUCT"), ("Vogt", "PERSON"), ("Hurricane Vogt", "EVENT")],
    )
    assert types_of(ex, "Ines Vogt") == {"Person"}
    assert types_of(ex, "Hurricane Vogt") == {"Event"}


def test_a_given_name_propagates_but_not_into_another_full_name() -> None:
    ex = blank_extraction(
        "Coach Ana Ruiz praised the team. Later Ana said it had played well. Ana Lopez agreed.",
        [("Ana Ruiz", "PERSON")],
    )
    text = ex.article.text
    found = [(m.start, m.type) for m in ex.mentions if m.text == "Ana"]
    assert found == [(text.index("Ana said"), "Person")]


def test_a_given_name_of_two_people_or_a_place_does_not_propagate() -> None:
    ex = blank_extraction(
        "Ana Ruiz and Ana Moreno spoke. Later Ana left. Georgia Lane sang, and Georgia cheered.",
        [("Ana Ruiz", "PERSON"), ("Ana Moreno", "PERSON"), ("Georgia Lane", "PERSON")],
    )
    assert [m.text for m in ex.mentions] == ["Ana Ruiz", "Ana Moreno", "Georgia Lane"]


def test_two_mentions_that_spell_a_full_name_are_one_person() -> None:
    ex = blank_extraction(
        "Ines Vogt scored. Minutes later Ines Vogt hit the post.",
        [("Ines Vogt", "PERSON"), ("Ines", "ORG"), ("Vogt", "PERSON")],
    )
    assert [(m.text, m.type) for m in ex.mentions] == [
        ("Ines Vogt", "Person"),
        ("Ines Vogt", "Person"),
    ]


def test_the_portfolio_of_an_office_is_part_of_the_title() -> None:
    ex = blank_extraction(
        "The Minister of Health said health spending would rise. The President of Ghana agreed.",
        [("Health", "ORG"), ("Ghana", "GPE")],
    )
    assert [m.text for m in ex.mentions] == ["Ghana"]


def test_a_name_written_at_a_sentence_start_propagates_when_never_in_lower_case() -> None:
    # The tagger reads both "Quorvex" as common nouns ("NN"), the second at a sentence start.
    ex = blank_extraction(
        "Critics of Quorvex spoke. Quorvex cut jobs.",
        [("Quorvex", "ORG")],
        common=frozenset({"Quorvex"}),
    )
    assert [m.text for m in ex.mentions] == ["Quorvex", "Quorvex"]
    ex = blank_extraction(
        "Critics of Harvest spoke. Harvest came late, and the harvest was poor.",
        [("Harvest", "ORG")],
        common=frozenset({"Harvest"}),
    )
    assert [m.text for m in ex.mentions] == ["Harvest"]


def test_regions_the_model_missed_are_places() -> None:
    ex = blank_extraction(
        "Aid from the West and from Latin America came. The West Bank and the North Sea were calm.",
        [("The West Bank", "GPE"), ("the North Sea", "LOC")],
    )
    assert [(m.text, m.type) for m in ex.mentions if m.extractor.startswith("rule:region")] == [
        ("West", "Place"),
        ("Latin America", "Place"),
    ]


def test_a_surname_the_tagger_reads_as_a_plural_noun_propagates() -> None:
    ex = blank_extraction(
        "The curator, Ruth Jenkins, opened the show. Jenkins said the prints were fragile.",
        [("Ruth Jenkins", "PERSON")],
        plural=frozenset({"Jenkins"}),
    )
    assert [(m.text, m.type) for m in ex.mentions] == [
        ("Ruth Jenkins", "Person"),
        ("Jenkins", "Person"),
    ]


def test_a_name_propagates_before_a_hyphen_and_a_participle() -> None:
    ex = blank_extraction(
        "Kestrel Bank grew. Then a Kestrel Bank-backed fund and a Kestrel Bank-wide rule came.",
        [("Kestrel Bank", "ORG")],
    )
    text = ex.article.text
    assert [m.start for m in ex.mentions] == [0, text.index("Kestrel Bank-backed")]


def test_initials_propagate_whatever_their_tag_outside_a_line_in_capitals() -> None:
    import spacy

    from kg.extract import extract_article

    text = "The Ardent Holdings Group (AHG) met. Later AHG said no.\n\nAHG WINS AGAIN"
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    for token in doc:
        token.tag_ = {"AHG": "WP", "Later": "RB"}.get(token.text, "NNP")
    doc.ents = [doc.char_span(4, 27, label="ORG")]
    ex = extract_article(doc, Article(id="t", text=text, source="t", content_hash=""), model="b")
    starts = [m.start for m in ex.mentions if m.text == "AHG"]
    assert starts == [text.index("(AHG") + 1, text.index("Later AHG") + 6]


def test_a_name_after_a_kind_of_work_is_its_title(nlp: Language) -> None:
    ex = extract(
        nlp,
        "He starred in the 1975 film Jaws. She wrote the novel Small Island in 2004, "
        "and Andrea Levy won a prize for it.",
    )
    assert types_of(ex, "Jaws") == {"CreativeWork"}
    assert types_of(ex, "Small Island") == {"CreativeWork"}
    assert types_of(ex, "Andrea Levy") == {"Person"}


def test_a_kind_of_work_in_capitals_or_apart_from_the_name_says_nothing() -> None:
    from kg.entity_types import type_for
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert type_for("Ann Lee", "PERSON", "the film director ", " said", gaz) == "Person"
    assert type_for("Ann Lee", "PERSON", "in the book, ", " argues", gaz) == "Person"
    assert type_for("Ann Lee", "PERSON", "the Film ", " said", gaz) == "Person"


def test_a_scientific_name_is_no_person_nor_place(nlp: Language) -> None:
    ex = extract(
        nlp,
        "Mosquitoes such as Aedes aegypti spread dengue. Later Aedes aegypti larvae were "
        "found. In the Obama era prices rose.",
    )
    assert [m.text for m in ex.mentions] == ["Obama"]


def test_a_species_epithet_by_its_ending_and_tag() -> None:
    from kg.entity_types import is_species_name

    assert is_species_name("Aedes", "aegypti", "VBD")
    assert is_species_name("Vibrio", "cholerae", "NNP")
    assert not is_species_name("Obama", "era", "NN")  # an English noun
    assert not is_species_name("Google", "data", "NNS")
    assert not is_species_name("Apple", "ships", "VBZ")  # no Latin ending
    assert not is_species_name("NASA", "data", "NNP")  # no genus: initials


def test_a_named_observance_is_an_event_but_a_person_named_day_stays() -> None:
    from kg.entity_types import type_for
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert type_for("National Poetry Month", "ORG", "April is ", " in", gaz) == "Event"
    assert type_for("World Water Day", "ORG", "on ", ", activists", gaz) == "Event"
    assert type_for("Jason Day", "PERSON", "golfer ", " won", gaz) == "Person"


def test_a_festival_is_an_event_but_a_place_named_for_one_stays(nlp: Language) -> None:
    ex = extract(
        nlp,
        "Shops closed for Diwali, and Eid al-Adha began on Friday. "
        "Flights to Christmas Island resumed.",
    )
    assert types_of(ex, "Diwali") == {"Event"}
    assert types_of(ex, "Eid al-Adha") == {"Event"}
    assert types_of(ex, "Christmas Island") == {"Country"}


def _paragraph_starts_by_every_token(doc: Any) -> None:
    """The paragraph component as it was before it visited only breaks and paragraph starts:
    the reference the faster walk must agree with."""
    from kg.extract import _PARAGRAPH_BREAK_RE
    from kg.mention_rules import DATELINE_RE as _DATELINE_RE

    after_break, text, cut, first = True, doc.text, -1, False
    for token in doc:
        if token.is_space and _PARAGRAPH_BREAK_RE.search(token.text):
            after_break, first = True, False
        elif after_break:
            if token.i:
                token.is_sent_start = True
            after_break = False
            dateline = _DATELINE_RE.match(text, token.idx)
            cut = dateline.end() if dateline else -1
        elif cut >= 0 and token.idx >= cut:
            token.is_sent_start = True
            cut, first = -1, True
        elif cut >= 0:
            token.is_sent_start = False
        elif first:
            token.is_sent_start = False
            if token.text in (".", "!", "?") or "\n" in token.text:
                first = False


# Pieces of news text around paragraph breaks: datelines of every shape the pattern knows
# (made-up places and agencies), short capitalised words, full stops and white space of all kinds.
_PARAGRAPH_PIECES = st.sampled_from(
    [
        "ZORVILLE — ",
        "PORT ALDA, Xan. (Wirenews) - ",
        "QUELLA, Mar 3 (Agency) -- ",
        "NEW TARN, Vell — ",
        "U.S. — ",
        "D'ARVO - ",
        "ST. KELDA — ",
        "U.S. ",
        "AB ",
        "OK ",
        "A ",
        "Rates rise again",
        "The board met on Monday",
        " said",
        ".",
        "!",
        "?",
        " ",
        "\n",
        "\n\n",
        "\n \n",
        "\n\n\n",
        "  ",
        "\t",
        "—",
        "(Wirenews)",
        "TARN-",
        "x",
    ]
)


@functools.cache
def _blank_english() -> Any:
    import spacy

    return spacy.blank("en")


@settings(deadline=None)  # the first example loads spaCy's English tokenizer
@given(st.lists(_PARAGRAPH_PIECES, max_size=40))
def test_paragraph_walk_sets_the_sentence_starts_of_a_walk_over_every_token(
    pieces: list[str],
) -> None:
    from kg.extract import _paragraph_starts

    nlp = _blank_english()
    text = "".join(pieces)
    expected, doc = nlp.make_doc(text), nlp.make_doc(text)
    _paragraph_starts_by_every_token(expected)
    _paragraph_starts(doc)
    assert [t.is_sent_start for t in doc] == [t.is_sent_start for t in expected]


def test_paragraph_walk_starts_a_sentence_after_a_break_and_keeps_a_dateline_whole() -> None:
    import spacy

    from kg.extract import _paragraph_starts

    doc = _paragraph_starts(
        spacy.blank("en").make_doc("Rates rise\n\nPORT ALDA (Wirenews) - The bank said. It did")
    )
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Rates", "PORT", "The"]  # the dateline one sentence, then the text's own
    it = next(t for t in doc if t.text == "It")
    assert it.is_sent_start is None  # after the first full stop: left to the parser


def _unbroken_by_reading_every_start(
    text: str, start: int, end: int, starts: list[int]
) -> list[tuple[int, int]]:
    """kg.mention_rules.unbroken as first written: every sentence start read for each span."""
    import re

    cuts = {m.start() for m in re.finditer(r"\s*\n\s*", text[start:end])}
    bounds = sorted({start + c for c in cuts} | {b for b in starts if start < b < end})
    pieces, pos = [], start
    for bound in bounds:
        pieces.append((pos, bound))
        pos = bound
    pieces.append((pos, end))
    out = []
    for s, e in pieces:
        part = text[s:e]
        s += len(part) - len(part.lstrip())
        e -= len(part) - len(part.rstrip())
        if e > s:
            out.append((s, e))
    return out


@given(
    st.text(alphabet="ab .\n\t", max_size=40),
    st.lists(st.integers(0, 45), max_size=8),
    st.integers(0, 45),
    st.integers(0, 45),
)
def test_unbroken_cuts_as_reading_every_sentence_start_does(
    text: str, starts: list[int], start: int, end: int
) -> None:
    from kg.mention_rules import unbroken

    starts = sorted(set(starts))
    start, end = min(start, end, len(text)), min(max(start, end), len(text))
    expected = _unbroken_by_reading_every_start(text, start, end, starts)
    assert unbroken(text, start, end, starts) == expected


def test_unbroken_cuts_at_a_line_break_and_a_sentence_start() -> None:
    from kg.mention_rules import unbroken

    text = "Cyclone Phailin\n\nFile Smith. The Senate"
    assert unbroken(text, 0, 21, [0, 17]) == [(0, 15), (17, 21)]
    assert unbroken(text, 22, 39, [0, 17, 29]) == [(22, 28), (29, 39)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Porto beat Benfica 2-1 on Sunday.", "Benfica"),
        ("Arsenal drew with Leeds United 1-1 at home.", "Leeds United"),
    ],
)
def test_a_score_after_a_name_is_no_part_of_it(nlp: Language, text: str, name: str) -> None:
    ex = extract(nlp, text)
    check_offsets(ex)
    assert name in texts(ex)
    assert not any(any(ch.isdigit() for ch in t) for t in texts(ex))


def test_a_score_between_two_names_parts_them(nlp: Language) -> None:
    text = "Liverpool 3-0 Everton was the other result."
    assert [e.text for e in nlp(text).ents] == ["Liverpool 3-0 Everton"], "one span in the model"
    ex = extract(nlp, text)
    check_offsets(ex)
    assert set(texts(ex)) >= {"Liverpool", "Everton"}
    assert not any(any(ch.isdigit() for ch in t) for t in texts(ex))


def test_the_place_of_a_dateline_the_model_missed_is_a_mention(nlp: Language) -> None:
    text = "Storm closes roads\n\nINVERNESS, Scotland — Heavy snow closed roads on Monday."
    assert not [e for e in nlp(text).ents if e.text == "INVERNESS"], "the model misses it"
    ex = extract(nlp, text)
    check_offsets(ex)
    assert [m.type for m in ex.mentions if m.text == "INVERNESS"] == ["City"]


def test_a_word_in_capitals_the_gazetteer_does_not_know_opens_no_dateline_place() -> None:
    from kg.gazetteer import load_gazetteer
    from kg.mention_rules import places_of_datelines

    text = "BREAKING — Rates rise\n\nTAMPERE (AP) — The council met.\nUPDATE — more soon."
    found = places_of_datelines(text, [], lambda _: 0, load_gazetteer())
    assert [(m.text, m.type, text[m.start : m.end]) for m in found] == [
        ("TAMPERE", "City", "TAMPERE")
    ]
