"""Tests of kg.context_rules.py: people by an age after the name or a job noun before it.

With the real spaCy model, on invented sentences of sport, crime and science news (names the
small model does not know, which it misses or types as places and organisations).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.clean import clean_document
from kg.extract import load_pipeline
from kg.parallel import extract_mentions
from kg.records import Extraction, RawDocument

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def extract(nlp: Language, text: str) -> Extraction:
    article = clean_document(RawDocument(source="t", text=text, path="t"), article_id="t")
    return next(extract_mentions([article], nlp=nlp))


def types(ex: Extraction) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in ex.mentions:
        out.setdefault(m.text, set()).add(m.type)
    return out


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Nwosu, 19, scored twice. Nwosu said he was delighted with the win.", "Nwosu"),
        (
            "Prosecutors said Adebayo, 31, of Croydon, had stolen the car. Adebayo denied it.",
            "Adebayo",
        ),
    ],
)
def test_an_age_after_a_name_makes_every_mention_of_it_a_person(
    nlp: Language, text: str, name: str
) -> None:
    model = {e.label_ for e in nlp(text).ents if e.text == name}
    assert model - {"PERSON"}, "the model alone must mistype the name for this test to mean much"
    assert types(extract(nlp, text))[name] == {"Person"}


@pytest.mark.integration
def test_a_number_after_a_known_country_is_no_age(nlp: Language) -> None:
    ex = extract(nlp, "Exports to Brazil, 12, and Chile, 9, fell sharply, the ministry said.")
    assert types(ex)["Brazil"] == {"Country"}


@pytest.mark.integration
def test_a_job_noun_before_a_name_the_model_missed_adds_the_person(nlp: Language) -> None:
    text = "The winner came from striker Emeka Okonkwo in the second half, and the crowd cheered."
    assert not [e for e in nlp(text).ents if "Okonkwo" in e.text], "the model misses the name"
    found = [m for m in extract(nlp, text).mentions if m.text == "Emeka Okonkwo"]
    assert [m.type for m in found] == ["Person"]
    assert text[found[0].start : found[0].end] == "Emeka Okonkwo"


@pytest.mark.integration
@pytest.mark.parametrize(
    "text",
    [
        "The official Xinhua News Agency reported the deal on Monday.",
        "The company's owner Harbour Point Holdings sold its stake.",
    ],
)
def test_no_person_from_an_adjective_or_an_organisation_after_a_noun(
    nlp: Language, text: str
) -> None:
    ex = extract(nlp, text)
    assert not [m for m in ex.mentions if m.type == "Person"], [
        (m.text, m.type) for m in ex.mentions
    ]


@pytest.mark.integration
def test_a_surname_alone_after_a_job_noun_widens_to_the_name(nlp: Language) -> None:
    text = "Party spokesman Moses Banda said its own count showed the president leading."
    assert [e.text for e in nlp(text).ents if e.label_ == "PERSON"] == ["Banda"]
    people = [m.text for m in extract(nlp, text).mentions if m.type == "Person"]
    assert people == ["Moses Banda"]


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "country"),
    [
        (
            "The trial involved 40,000 children in Ghana, Kenya and Malawi, researchers said.",
            "Malawi",
        ),
    ],
)
def test_a_known_country_in_a_list_of_countries_is_the_country(
    nlp: Language, text: str, country: str
) -> None:
    assert [e.label_ for e in nlp(text).ents if e.text == country] != ["GPE"]
    found = [m for m in extract(nlp, text).mentions if m.text == country]
    assert [(m.type, m.key) for m in found] == [("Country", "country_mw")]


def test_a_list_of_people_leaves_a_given_name_that_is_a_country_alone() -> None:
    from kg.context_rules import countries_in_lists
    from kg.gazetteer import load_gazetteer
    from kg.records import Mention

    text = "Ann Lee, Chad and Tom Bell came."
    spans = [(0, 7, "Person"), (9, 13, "Person"), (18, 26, "Person")]
    mentions = [
        Mention(start=s, end=e, text=text[s:e], type=t, sentence=0, extractor="spacy:m")  # type: ignore[arg-type]
        for s, e, t in spans
    ]
    assert countries_in_lists(text, mentions, load_gazetteer()) == mentions


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "word"),
    [
        (
            "Malaria vaccine cuts child deaths\n\nA new malaria vaccine reduced deaths, "
            "researchers said.",
            "Malaria",
        ),
        ("Cholera outbreak kills 40\n\nThe cholera outbreak spread, officials said.", "Cholera"),
    ],
)
def test_a_headline_word_the_article_writes_in_lower_case_is_no_name(
    nlp: Language, text: str, word: str
) -> None:
    assert word in {e.text for e in nlp(text).ents}, "the model alone takes the word for a name"
    assert word not in {m.text for m in extract(nlp, text).mentions}


@pytest.mark.integration
def test_a_headline_name_the_article_writes_capitalised_stays(nlp: Language) -> None:
    text = "Apple unveils a phone\n\nThe phone, Apple said, will cost less than last year's."
    assert "Apple" in {m.text for m in extract(nlp, text).mentions}


@pytest.mark.integration
def test_a_big_known_city_the_model_took_for_a_person_is_the_city(nlp: Language) -> None:
    text = "With temperatures in Seoul, Daejeon and Cheongju reaching ten degrees, the cold eased."
    assert {e.label_ for e in nlp(text).ents if e.text == "Daejeon"} == {"PERSON"}
    assert types(extract(nlp, text))["Daejeon"] == {"City"}


@pytest.mark.integration
def test_a_city_s_name_that_is_a_surname_here_stays_the_person(nlp: Language) -> None:
    text = "Whitney Houston sang at the gala. Houston smiled as the crowd rose."
    assert types(extract(nlp, text))["Houston"] == {"Person"}


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Maruti Suzuki, India's biggest carmaker, has been slower to move.", "Maruti Suzuki"),
        (
            "Baxter Ridge, a regional lender, reported a loss. Baxter Ridge shares fell.",
            "Baxter Ridge",
        ),
    ],
)
def test_an_appositive_naming_a_kind_of_body_makes_an_organisation(
    nlp: Language, text: str, name: str
) -> None:
    assert {e.label_ for e in nlp(text).ents if e.text == name} == {"PERSON"}
    assert types(extract(nlp, text))[name] == {"Organization"}


@pytest.mark.integration
def test_an_appositive_naming_a_job_leaves_the_person(nlp: Language) -> None:
    text = "Ana Ortiz, the bank's chief economist, said rates would fall."
    assert types(extract(nlp, text))["Ana Ortiz"] == {"Person"}


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Maria Lopez, a lawyer for the bank, said the deal would close in May.", "Maria Lopez"),
        ("Tom Baker, a spokesman for the airline, declined to comment.", "Tom Baker"),
        ("Jo Li, a crane operator, said the crane had failed.", "Jo Li"),
        ("Ana Moreno, a letter carrier, said she saw the van.", "Ana Moreno"),
    ],
)
def test_an_appositive_whose_head_is_a_job_leaves_the_person(
    nlp: Language, text: str, name: str
) -> None:
    # the kind noun ("bank", "airline") is the complement of a job noun, or the job itself
    # names a person ("operator", "carrier")
    assert {e.label_ for e in nlp(text).ents if e.text == name} == {"PERSON"}
    assert types(extract(nlp, text))[name] == {"Person"}


@pytest.mark.integration
def test_a_rank_written_as_a_title_before_a_name_the_model_missed_adds_the_person(
    nlp: Language,
) -> None:
    text = "Detective Superintendent Danny Doherty said the two were known to each other."
    assert not [e for e in nlp(text).ents if "Doherty" in e.text], "the model misses the name"
    people = [m.text for m in extract(nlp, text).mentions if m.type == "Person"]
    assert people == ["Danny Doherty"]


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("Dock workers returned to work on Friday, the FNV union said.", "FNV"),
        ("The RMT union called a strike on the railways.", "RMT"),
    ],
)
def test_initials_before_a_kind_of_organisation_are_that_organisation(
    nlp: Language, text: str, initials: str
) -> None:
    assert not [e for e in nlp(text).ents if e.text == initials], "the model misses them"
    assert types(extract(nlp, text))[initials] == {"Organization"}


@pytest.mark.integration
def test_a_country_code_before_a_kind_noun_stays_the_country(nlp: Language) -> None:
    found = types(extract(nlp, "The US bank and the UK group agreed a merger."))
    assert "Organization" not in found.get("US", set()) | found.get("UK", set())


@pytest.mark.integration
def test_an_appositive_kind_of_organisation_outweighs_a_product(nlp: Language) -> None:
    text = "Maersk, the Danish shipping group, said it had diverted three vessels."
    assert {e.label_ for e in nlp(text).ents if e.text == "Maersk"} == {"PRODUCT"}
    assert types(extract(nlp, text))["Maersk"] == {"Organization"}


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Kevin Doyle, 29, of Bolton, was also questioned by detectives.", "Bolton"),
        ("A man, 34, of Stockport was arrested after the crash, police said.", "Stockport"),
        ("Jan Kowalski, 40, of Wroclaw and his son were treated in hospital.", "Wroclaw"),
    ],
)
def test_a_name_after_an_age_and_of_is_a_place(nlp: Language, text: str, place: str) -> None:
    assert types(extract(nlp, text)).get(place) == {"Place"}


@pytest.mark.integration
def test_an_organisation_after_an_age_and_of_stays_one(nlp: Language) -> None:
    # Its name has an organisation's head; a name in capitals stays what it was read as too.
    text = "Ana Ortiz, 38, of Harbour Point Holdings, said the deal was off. The firm agreed."
    got = types(extract(nlp, text))
    assert "Place" not in got.get("Harbour Point Holdings", {"Organization"})
    assert not any(t == {"Place"} for n, t in got.items() if "Harbour" in n)


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "club"),
    [
        ("Carlisle United signed the striker on a two-year deal.", "Carlisle United"),
        ("Toronto FC drew with Montreal on Saturday night.", "Toronto FC"),
        ("Northfield United manager Dave Kerr said his players were tired.", "Northfield United"),
        ("Real Madrid and Bayern Munich were among the guests.", "Real Madrid"),
    ],
)
def test_a_place_with_a_club_ending_is_the_club(nlp: Language, text: str, club: str) -> None:
    got = types(extract(nlp, text))
    assert got.get(club) == {"Organization"}, got


@pytest.mark.integration
def test_a_club_ending_before_a_capitalised_word_is_left(nlp: Language) -> None:
    got = types(extract(nlp, "Troops from Kenya United Nations forces arrived in Mexico City."))
    assert types(extract(nlp, "The real Madrid was quieter that night.")).get("Madrid") == {"City"}
    assert "Kenya United" not in got
    assert got.get("Mexico City") != {"Organization"}


@pytest.mark.integration
def test_a_legal_form_read_alone_joins_the_company_before_it(nlp: Language) -> None:
    text = "Ford Motor Co. and Chrysler LLC also reported lower sales in February."
    assert {"Chrysler", "LLC"} <= {e.text for e in nlp(text).ents}, "the model splits the name"
    got = types(extract(nlp, text))
    assert got.get("Chrysler LLC") == {"Organization"}
    assert "LLC" not in got and "Chrysler" not in got


def test_a_legal_form_after_no_organisation_names_nothing() -> None:
    from kg.organization_context import join_legal_suffixes
    from kg.records import Mention

    text = "Sales at Meridian Foods Inc rose; Jo Li Ltd"

    def mention(words: str, kind: str) -> Mention:
        s = text.index(words)
        return Mention(
            start=s, end=s + len(words), text=words, type=kind, sentence=0, extractor="spacy:m"
        )

    got = join_legal_suffixes(
        text,
        [
            mention("Meridian Foods", "Organization"),
            mention("Inc", "Organization"),
            mention("Jo Li", "Person"),
            mention("Ltd", "Organization"),
        ],
    )
    assert [(m.text, m.type) for m in got] == [
        ("Meridian Foods Inc", "Organization"),
        ("Jo Li", "Person"),
    ]


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Shares of Nvidia rose 4 percent on Thursday after results.", "Nvidia"),
        ("Shares in Rio Tinto climbed after the mine reopened.", "Rio Tinto"),
    ],
)
def test_a_name_whose_shares_trade_is_a_company(nlp: Language, text: str, company: str) -> None:
    assert {e.label_ for e in nlp(text).ents if e.text == company} == {"GPE"}
    assert types(extract(nlp, text))[company] == {"Organization"}


@pytest.mark.integration
def test_shares_in_a_known_city_are_its_market(nlp: Language) -> None:
    got = types(extract(nlp, "Shares in Tokyo fell 2 percent, and shares in Sydney rose."))
    assert got.get("Tokyo") == {"City"} and got.get("Sydney") == {"City"}


@pytest.mark.integration
def test_a_state_is_a_place_of_its_own_not_a_foreign_town(nlp: Language) -> None:
    ex = extract(nlp, "The senator flew from Virginia to Maryland on Monday to meet voters.")
    assert {"Virginia", "Maryland"} <= {m.text for m in ex.mentions}
    for m in ex.mentions:
        if m.text in ("Virginia", "Maryland"):
            assert m.type == "Place" and not m.key.startswith("city_"), m


def test_a_common_noun_in_lower_case_ends_no_name() -> None:
    from kg.patterns import trim_span

    text = "robbed in Manchester city centre; the Tigris river; an Apple iPhone; Rio de Janeiro"
    for span, name in [
        ("Manchester city", "Manchester"),
        ("Tigris river", "Tigris"),
        ("Apple iPhone", "Apple iPhone"),
        ("Rio de Janeiro", "Rio de Janeiro"),
    ]:
        s = text.index(span)
        got = trim_span(text, s, s + len(span))
        assert text[got[0] : got[1]] == name


@pytest.mark.integration
def test_a_title_the_model_took_into_a_name_is_cut_off(nlp: Language) -> None:
    text = "The plan passed, said Councillor Helen Mortimer, the cabinet member for transport."
    assert "Councillor Helen Mortimer" in {e.text for e in nlp(text).ents}
    assert types(extract(nlp, text)).get("Helen Mortimer") == {"Person"}


def test_a_title_stays_before_a_single_name() -> None:
    from kg.extract import _after_titles

    for span, name in [
        ("Councillor Helen Mortimer", "Helen Mortimer"),
        ("Detective Sergeant Ann Roe", "Ann Roe"),
        ("Pope Francis", "Pope Francis"),
        ("General Motors", "General Motors"),
    ]:
        assert span[_after_titles(span, 0, len(span)) :] == name


@pytest.mark.integration
def test_a_spaced_dash_parts_two_names(nlp: Language) -> None:
    text = "The dispute is with a network maker based in San Jose - Cisco. It sued on Monday."
    assert "San Jose - Cisco" in {e.text for e in nlp(text).ents}
    got = types(extract(nlp, text))
    assert "San Jose - Cisco" not in got and "San Jose" in got


@functools.cache
def _blank_english() -> Any:
    import spacy

    return spacy.blank("en")


# Words of the job-noun and title lists in every case, words that are neither, and white space.
_TOKEN_PIECES = st.sampled_from(
    [
        *("spokesman", "Spokesman", "coach", "COACH", "judge", "Judge", "JUDGE", "sgt", "Sgt."),
        *("Dr", "Ana", "Lima", "said", "the", "NN", "ORG", ",", ".", "-", "'s", "official"),
        *("Official", " ", " ", " ", "\n\n", "  "),
    ]
)


@settings(deadline=None)  # the first example loads spaCy's English tokenizer
@given(st.lists(_TOKEN_PIECES, max_size=30))
def test_tokens_written_as_are_those_a_walk_over_every_token_finds(pieces: list[str]) -> None:
    from kg.context_rules import person_nouns, tokens_written_as
    from kg.lexicon import words

    doc = _blank_english().make_doc("".join(pieces))
    exact, lower = person_nouns(), words("title_words")
    walked = [t.i for t in doc if t.text in exact or t.lower_ in lower]
    assert [t.i for t in tokens_written_as(doc, exact, lower)] == walked


def test_tokens_written_as_finds_a_noun_as_written_and_a_title_in_any_case() -> None:
    from kg.context_rules import tokens_written_as

    doc = _blank_english().make_doc("The Coach and the coach met JUDGE Roe")
    found = tokens_written_as(doc, frozenset({"coach"}), frozenset({"judge"}))
    assert [t.text for t in found] == ["coach", "JUDGE"]


def test_tokens_written_as_an_empty_list_finds_none() -> None:
    from kg.context_rules import tokens_written_as

    doc = _blank_english().make_doc("The coach said")
    assert [t.text for t in tokens_written_as(doc, frozenset(), frozenset({"coach"}))] == ["coach"]
    assert tokens_written_as(doc, frozenset(), frozenset()) == []


_CUE_PIECES = st.sampled_from(
    [
        *("said", "Said", "SAID", "told", "according", "According", "to", "noted", "adds"),
        *("laughed", "Laughed", "joked"),
        *("the", "minister", "Ana", "Lima", ",", ".", "“", "”", " ", " ", " ", "\n\n"),
    ]
)


@settings(deadline=None)  # the first example loads spaCy's English tokenizer
@given(st.lists(_CUE_PIECES, max_size=30))
def test_cue_tokens_are_those_a_walk_over_every_token_finds(pieces: list[str]) -> None:
    from kg.facts.cues import _cue_tokens
    from kg.facts.speech import EVIDENCE_FORMS, QUOTATION_FORMS, SPEECH_FORMS

    doc = _blank_english().make_doc("".join(pieces))
    forms = {*SPEECH_FORMS, *EVIDENCE_FORMS, *QUOTATION_FORMS, "according"}
    assert [t.i for t in _cue_tokens(doc)] == [t.i for t in doc if t.lower_ in forms]


@pytest.mark.integration
def test_the_first_name_of_a_reading_list_line_is_an_author(nlp: Language) -> None:
    """Through the model: "Lincoln, Abraham. ..." above "Jackson, Phil. ..." are authors; the
    same towns before a state stay what the model read."""
    text = (
        "The coach's reading list for the season:\n\nLincoln, Abraham. Speeches and Writings\n\n"
        "Jackson, Phil. Eleven Rings\n\nThe team later flew to Lincoln, Nebraska. Police in"
        " Jackson, Mississippi said the bus was late."
    )
    ex = extract(nlp, text)

    def type_at(context: str) -> str:
        start = ex.article.text.index(context)
        return next(m.type for m in ex.mentions if m.start == start)

    assert type_at("Lincoln, Abraham") == "Person"
    assert type_at("Lincoln, Nebraska") != "Person"
    assert type_at("Jackson, Mississippi") == "Place"
