"""Claim recall rules on hand-written news sentences parsed by the real spaCy model (integration
tests): speakers found however far the text names them, as the build finds them. Names, places
and events are made up; none is from the sample articles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.extract import load_pipeline
from tests.test_claims_model import claims

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def nlp() -> Iterator[object]:
    yield load_pipeline()


def test_the_pronoun_of_a_speakers_own_report_gives_the_gender_a_name_list_does_not(
    nlp: object,
) -> None:
    # gender-guesser takes "Andrea" and "Nicola" for women's names; the text says "he".
    text = (
        "The Lakeside Orchestra opened its season on Friday.\n\n"
        "Andrea Conti, its conductor, says that he is proud of the players. The hall was full "
        "for the first time in years. Tickets sold out within a week.\n\n"
        "The season will run for ten weeks, he says."
    )
    found = claims(nlp, text)
    assert ("he", "Andrea Conti", "pronoun", "The season will run for ten weeks") in found


def test_without_the_speakers_own_pronoun_the_name_list_keeps_its_gender(nlp: object) -> None:
    text = (
        "The Lakeside Orchestra opened its season on Friday.\n\n"
        "Andrea Conti, its conductor, says the players are proud. The hall was full for the "
        "first time in years. Tickets sold out within a week.\n\n"
        "The season will run for ten weeks, he says."
    )
    found = claims(nlp, text)
    assert not any(c[1] == "Andrea Conti" and c[2] == "pronoun" for c in found)


def test_a_short_answer_framed_by_its_cue_goes_on_with_the_quotation_after_it(
    nlp: object,
) -> None:
    text = (
        "The inquiry heard from the harbour master on Tuesday.\n\n"
        "“Yes, mostly,” Helen Marsh said. “The rest of the cargo was moved to the north quay "
        "before the storm arrived.”\n\n"
        "“No,” Paul Ferris said."
    )
    found = claims(nlp, text)
    (claim,) = [c for c in found if c[1] == "Helen Marsh"]
    assert claim[3].startswith("Yes, mostly | The rest of the cargo was moved")
    assert not any(c[1] == "Paul Ferris" for c in found)  # a bare answer alone is no claim


def test_a_quoted_word_inside_the_writers_sentence_is_no_short_answer(nlp: object) -> None:
    text = (
        "Traders described the “positive” mood, Helen Marsh said. “Prices will rise again in "
        "the spring.”"
    )
    found = claims(nlp, text)
    assert not any(c[3].startswith("positive") for c in found)


def test_a_pronoun_of_the_other_gender_is_not_the_last_named_speaker(nlp: object) -> None:
    text = (
        "The debate ran late into the night.\n\n"
        "“We will cut the tax on fuel,” Margaret Hale said.\n\n"
        "“Then who pays for the roads,” he replied. “The drivers will.”"
    )
    found = claims(nlp, text)
    assert not any(c[0] == "he" and c[1] == "Margaret Hale" for c in found)


def test_a_pronoun_after_a_hearer_gives_no_gender_to_the_speaker(nlp: object) -> None:
    text = (
        "Gareth Lloyd, 52, admitted the fraud in March.\n\n"
        "Judge Eleri Price told him he had betrayed the trust of his clients. She said the "
        "victims had suffered real harm."
    )
    found = claims(nlp, text)
    assert ("She", "Eleri Price", "pronoun", "the victims had suffered real harm") in found


def test_a_pronoun_goes_on_with_the_one_person_its_earlier_pronoun_stood_for(
    nlp: object,
) -> None:
    text = (
        "The board of Harlow Rovers thanked Sam Reyes on Monday. He had led the club for a "
        "decade. He said the club was in good hands."
    )
    found = claims(nlp, text)
    assert ("He", "Sam Reyes", "pronoun", "the club was in good hands") in found


def test_a_paragraph_opening_with_a_name_and_a_colon_gives_the_quotation_to_that_person(
    nlp: object,
) -> None:
    text = (
        "The council debated the bus plan on Tuesday evening.\n\n"
        "Helen Marsh: “The night routes carry more riders than any other line in the city.”\n\n"
        "Paul Ferris cut her off: “Those riders will have the new tram within two years.”"
    )
    found = claims(nlp, text)
    assert any(c[1] == "Helen Marsh" and c[3].startswith("The night routes") for c in found)
    assert any(c[1] == "Paul Ferris" and c[3].startswith("Those riders") for c in found)


def test_a_name_then_a_noun_before_the_colon_is_no_speaker(nlp: object) -> None:
    text = (
        "The trial resumed on Monday.\n\n"
        "Paul Ferris read the note aloud: “Meet me at the harbour after the last ferry leaves.”"
    )
    found = claims(nlp, text)
    assert not any(c[1] == "Paul Ferris" for c in found)


def test_the_quotation_after_a_question_answers_it(nlp: object) -> None:
    text = (
        "The hearing went on into the afternoon.\n\n"
        "“The figures were checked twice by the auditors,” Helen Marsh said.\n\n"
        "“But were they checked by anyone outside the firm?” Paul Ferris asked.\n\n"
        "“Two outside accountants signed every page of the report.”"
    )
    found = claims(nlp, text)
    assert any(c[1] == "Helen Marsh" and c[3].startswith("Two outside accountants") for c in found)
    assert not any(c[1] == "Paul Ferris" and "Two outside" in c[3] for c in found)


def test_a_quotation_asked_is_a_question_however_it_is_worded(nlp: object) -> None:
    text = (
        "The hearing went on into the afternoon.\n\n"
        "“You believe the harbour land is worth ten million pounds?” Paul Ferris asked."
    )
    found = claims(nlp, text)
    assert not any(c[1] == "Paul Ferris" for c in found)


def test_a_person_suggesting_that_something_is_so_claims_it(nlp: object) -> None:
    text = (
        "The council published its budget on Monday.\n\n"
        "Councillor Helen Marsh seized on the figures; she suggested the plan had failed."
    )
    found = claims(nlp, text)
    assert [c[3] for c in found if c[1] == "Helen Marsh"] == ["the plan had failed"]


def test_a_person_suggesting_what_to_do_claims_nothing(nlp: object) -> None:
    text = "Helen Marsh suggested they meet again on Monday."
    found = claims(nlp, text)
    assert not any(c[1] == "Helen Marsh" for c in found)


def test_a_report_inside_a_quotation_is_a_claim_of_whom_it_names(nlp: object) -> None:
    text = (
        "The plant's workers met on Monday.\n\n"
        "“Sam Reyes called me on Monday morning. He said the plant would stay open until "
        "next year,” Helen Marsh said."
    )
    found = claims(nlp, text)
    assert ("He", "Sam Reyes", "pronoun", "the plant would stay open until next year") in found
    assert any(c[1] == "Helen Marsh" and c[3].startswith("Sam Reyes called me") for c in found)


def test_the_quoted_speakers_own_or_denied_reports_are_no_claims_of_others(
    nlp: object,
) -> None:
    text = (
        "The plant's workers met on Monday.\n\n"
        "“Sam Reyes called me on Monday morning. He is not saying the plant will close, and I "
        "said the talks would go on,” Helen Marsh said."
    )
    found = claims(nlp, text)
    assert not any(c[1] == "Sam Reyes" for c in found)


def test_went_on_frames_the_quotation_beside_it_and_went_alone_does_not(nlp: object) -> None:
    text = (
        "The ferry reached Harlow Bay two hours late on Sunday.\n\n"
        "“We were lucky with the weather in the end,” Captain Tom Ivers went on. "
        "“The crew handled the storm well.”\n\n"
        "“Nobody was hurt on the crossing at all,” Marta Keel went home."
    )
    found = claims(nlp, text)
    assert any(c[1] == "Tom Ivers" and c[3].startswith("We were lucky") for c in found)
    assert not any(c[1] == "Marta Keel" for c in found)


def test_that_is_the_view_of_a_named_source_gives_it_the_sentence_before(nlp: object) -> None:
    text = (
        "Harlow Rovers face a hard season.\n\n"
        "It will be difficult for the squad to compete at the top level without a home ground.\n\n"
        "That is the view of the club's former coach Sam Reyes, who led the side for a decade."
    )
    found = claims(nlp, text)
    assert any(c[1] == "Sam Reyes" and c[3].startswith("It will be difficult") for c in found)


def test_that_is_the_view_of_unnamed_people_gives_no_claim(nlp: object) -> None:
    text = (
        "It will be difficult for the squad to compete at the top level without a home ground.\n\n"
        "That is the view of many fans in the town."
    )
    found = claims(nlp, text)
    assert not any(c[3].startswith("It will be difficult") for c in found)


def test_reports_of_a_kind_nobody_is_named_for_are_an_unnamed_source(nlp: object) -> None:
    text = (
        "The sky above Harlow went dark on Monday.\n\n"
        "The town was covered by smoke from fires in the hills, according to local news reports."
    )
    found = claims(nlp, text)
    assert (
        "local news reports",
        None,
        "unnamed",
        "The town was covered by smoke from fires in the hills",
    ) in found
