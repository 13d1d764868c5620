"""Speaker resolution rules of :mod:`kg.coref` on hand-written news sentences parsed by the real
spaCy model (integration tests): who a "he", "she" or a noun phrase stands for when the text
names several people. Made-up names only, none from the sample articles or any corpus."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.test_claims_model import claims

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def nlp() -> Iterator[object]:
    from kg.extract import load_pipeline

    yield load_pipeline()


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Tom Baker met the board on Monday. In an interview with Mark Hill, he said the "
            "plan would go ahead.",
            "Tom Baker",
        ),
        (
            "Tom Baker spoke to reporters. Speaking to Mark Hill on Friday, he said the team "
            "was ready.",
            "Tom Baker",
        ),
    ],
)
def test_a_person_in_the_pronoun_s_own_adjunct_is_not_its_speaker(
    nlp: object, text: str, speaker: str
) -> None:
    ((words, claimant, kind, _),) = claims(nlp, text)
    assert (words, kind) == ("he", "pronoun")
    assert claimant == speaker


def test_a_subject_in_the_pronoun_s_own_adjunct_may_be_its_speaker(nlp: object) -> None:
    found = claims(nlp, "After Mark Hill won the vote, he said the result was fair.")
    assert [(c[1], c[3]) for c in found] == [("Mark Hill", "the result was fair")]


def test_a_pronoun_two_objects_of_its_gender_could_stand_for_goes_to_the_last_speaker(
    nlp: object,
) -> None:
    found = claims(
        nlp,
        "“We will win,” Mia Cruz said on Monday. Later, the mayor thanked Ana Dee for the work "
        "of Eva Roe. She said the vote was fair.",
    )
    (claim,) = [c for c in found if c[0] == "She"]
    assert claim[1:3] == ("Mia Cruz", "pronoun")


def test_a_pronoun_two_objects_of_its_gender_could_stand_for_gives_no_claim_alone(
    nlp: object,
) -> None:
    found = claims(
        nlp, "The mayor thanked Ana Dee for the work of Eva Roe. She said the vote was fair."
    )
    assert not [c for c in found if c[1] in ("Ana Dee", "Eva Roe")]


def test_one_object_of_the_pronoun_s_gender_is_still_its_speaker(nlp: object) -> None:
    found = claims(
        nlp, "The mayor thanked Ana Dee for the work of Tom Baker. She said the vote was fair."
    )
    assert [(c[1], c[2]) for c in found] == [("Ana Dee", "pronoun")]


@pytest.mark.parametrize(
    ("text", "words", "first"),
    [
        (
            "Prince Tom and Lady Ana Dee left London in 2020. The couple said they had been "
            "silenced.",
            "The couple",
            "Tom",
        ),
        (
            "Mark Hill and Tom Baker founded the firm in 2010. In a statement, the pair said "
            "they would sell it.",
            "the pair",
            "Mark Hill",
        ),
        (
            "Acme Corp. and Brandt Motors will merge. Both companies said the deal would close "
            "in May.",
            "Both companies",
            "Acme Corp",
        ),
        (
            "Chile and Peru have agreed to reopen the crossing, the two governments said on "
            "Monday.",
            "the two governments",
            "Chile",
        ),
    ],
)
def test_a_noun_for_two_speakers_is_the_two_named_together(
    nlp: object, text: str, words: str, first: str
) -> None:
    ((said, claimant, kind, _),) = claims(nlp, text)
    assert (said, claimant, kind) == (words, first, "np")


def test_they_after_a_pair_goes_on_with_it(nlp: object) -> None:
    found = claims(
        nlp,
        "Mark Hill and Tom Baker founded the firm in 2010. The pair said they would sell it. "
        "They added that the price was fair.",
    )
    assert [(c[0], c[1]) for c in found] == [("The pair", "Mark Hill"), ("They", "Mark Hill")]


@pytest.mark.parametrize(
    "text",
    [
        # three named together: no pair
        "Mark Hill, Tom Baker and Sam Reyes founded the firm. The two men said they would sell it.",
        # two people never joined by "and"
        "Mark Hill founded the firm. Tom Baker joined it in 2012. The pair said they would "
        "sell it.",
    ],
)
def test_a_noun_for_two_speakers_with_no_two_named_together_stays_unnamed(
    nlp: object, text: str
) -> None:
    ((_, claimant, kind, _),) = claims(nlp, text)
    assert (claimant, kind) == (None, "unnamed")


def test_a_number_with_no_definite_article_is_no_pair(nlp: object) -> None:
    found = claims(
        nlp,
        "Mark Hill and Tom Baker founded the firm in 2010. Two officials said the firm would "
        "be sold.",
    )
    assert [(c[1], c[2]) for c in found] == [(None, "unnamed")]


def test_officials_at_the_institution_speak_for_the_one_body_their_sentence_names(
    nlp: object,
) -> None:
    found = claims(
        nlp,
        "The city police are investigating the theft. Six laptops had been taken from a "
        "storeroom of the Brandt Memorial Hospital, officials at the institution said. The room "
        "is usually locked, the officials said.",
    )
    assert [(c[0], c[1], c[2]) for c in found] == [
        ("officials at the institution", "Brandt Memorial Hospital", "np"),
        ("the officials", "Brandt Memorial Hospital", "np"),
    ]


def test_the_organisation_is_the_one_body_named_in_the_sentence_before(nlp: object) -> None:
    found = claims(
        nlp,
        "The Harbour Trust sued the city council on Monday. The organisation said the plant had "
        "polluted the river.",
    )
    assert [(c[0], c[1], c[2]) for c in found] == [("The organisation", "Harbour Trust", "np")]


def test_the_institution_with_two_bodies_named_before_it_stays_unnamed(nlp: object) -> None:
    found = claims(
        nlp,
        "Six laptops were taken from the Brandt Memorial Hospital and the Orla Foods depot, "
        "officials at the institution said.",
    )
    assert [(c[1], c[2]) for c in found] == [(None, "unnamed")]


def test_a_bare_noun_ending_a_body_s_name_that_spoke_before_is_that_body(nlp: object) -> None:
    found = claims(
        nlp,
        "Lakeside Police said the driver had fled. The car was found on Monday. Police said the "
        "driver was later arrested.",
    )
    assert [(c[0], c[1], c[2]) for c in found] == [
        ("Lakeside Police", "Lakeside Police", "name"),
        ("Police", "Lakeside Police", "np"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Lakeside Police said the driver had fled. Police in Ohio said the driver was later "
        "arrested.",
        "Lakeside Police said the driver had fled. State police said the driver was later "
        "arrested.",
    ],
)
def test_the_noun_with_words_of_its_own_is_another_body(nlp: object, text: str) -> None:
    found = claims(nlp, text)
    assert [c[1] for c in found][1:] == [None]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Mia Cruz asked Ana Dee whether the family had helped. She said they had not.",
            "Ana Dee",
        ),
        ("Mia Cruz asked Ana Dee about the move. “We had no choice,” she said.", "Ana Dee"),
        (
            "Tom Baker pressed Mark Hill on the budget. He replied that the cuts were needed.",
            "Mark Hill",
        ),
    ],
)
def test_the_pronoun_after_a_question_is_the_person_asked(
    nlp: object, text: str, speaker: str
) -> None:
    ((_, claimant, kind, _),) = claims(nlp, text)
    assert (claimant, kind) == (speaker, "pronoun")


@pytest.mark.parametrize(
    "text",
    [
        # a request, not a question: the asker may go on
        "Mia Cruz asked Ana Dee to resign. She said the city needed a new start.",
        # the one asked is of the other gender
        "Mia Cruz asked Tom Baker about the move. “We had no choice,” she said.",
    ],
)
def test_the_pronoun_after_a_request_or_a_question_to_the_other_gender_is_the_asker(
    nlp: object, text: str
) -> None:
    ((_, claimant, kind, _),) = claims(nlp, text)
    assert (claimant, kind) == ("Mia Cruz", "pronoun")


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "In the interview, Tom and Ana spoke about their move to California. The couple "
            "said they had felt trapped.",
            "Tom",
        ),
        (
            "Tom Baker and his wife Ana spoke about the move. The pair said they had felt trapped.",
            "Tom Baker",
        ),
    ],
)
def test_a_pair_whose_second_name_extraction_missed_is_still_the_pair(
    nlp: object, text: str, first: str
) -> None:
    ((_, claimant, kind, _),) = claims(nlp, text)
    assert (claimant, kind) == (first, "np")


@pytest.mark.parametrize(
    "text",
    [
        "Tom Baker and his lawyers spoke about the move. The pair said they had felt trapped.",
        "Tom Baker, Ana and Mia spoke about the move. The pair said they had felt trapped.",
    ],
)
def test_a_person_joined_to_a_common_noun_or_a_list_is_no_pair(nlp: object, text: str) -> None:
    ((_, claimant, kind, _),) = claims(nlp, text)
    assert (claimant, kind) == (None, "unnamed")


def test_the_pronoun_after_a_question_to_her_is_the_woman_who_spoke_before(nlp: object) -> None:
    found = claims(
        nlp,
        "“We had no choice,” Ana Dee said. Mia Cruz then asked her about the family. She said "
        "they had helped.",
    )
    (claim,) = [c for c in found if c[0] == "She"]
    assert claim[1] in ("Ana Dee", "Dee") and claim[2] == "pronoun"


def test_the_pronoun_after_a_question_to_someone_unnamed_gives_no_claim(nlp: object) -> None:
    assert claims(nlp, "Mia Cruz asked her about the family. She said they had helped.") == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # music: an apposition beside the subject "He"
            "Walt Roe, the band's founder, wrote about the tour. He went looking for his "
            "brother, Tom Roe, after the show. Then he said the tour had been worth it.",
            "Walt Roe",
        ),
        (  # politics: an object after "She"
            "Maria Lopez won the vote in May. She thanked her rival, Susan Clark, for a fair "
            "race. Later she said the result was clear.",
            "Maria Lopez",
        ),
        (  # sport
            "Sam Reyes scored twice on Sunday. He hugged his coach, Tom Hill, at the whistle. "
            "He said the team had earned it.",
            "Sam Reyes",
        ),
        (  # crime
            "The judge, Carl Moss, heard the case on Monday. He asked the defendant, Paul Kent, "
            "to stand. He told the court that the sentence would be severe.",
            "Carl Moss",
        ),
    ],
)
def test_a_pronoun_goes_on_with_the_subject_pronoun_not_the_object_beside_it(
    nlp: object, text: str, speaker: str
) -> None:
    ((_, claimant, kind, _),) = claims(nlp, text)
    assert (claimant, kind) == (speaker, "pronoun")


def test_a_subject_pronoun_that_stands_for_no_one_leaves_the_object_unsure(nlp: object) -> None:
    # "Ana Dee" is no name to the model: "She" stands for no one, so "she" is not Susan Clark.
    found = claims(
        nlp,
        "Ana Dee won the vote in May. She thanked her rival, Susan Clark, for a fair race. "
        "Later she said the result was clear.",
    )
    assert not [c for c in found if c[1] == "Susan Clark"]


def test_a_body_s_noun_is_no_subject_named_once_beyond_the_window(nlp: object) -> None:
    # sport: two clubs named six sentences back; "the team" is either, so no one
    found = claims(
        nlp,
        "Harbour City beat the Eastport Eagles 2-1 on Saturday. Fans stormed the pitch. The "
        "rain stopped. Police were called. Tickets had sold out. The match was shown on Sky "
        "Sports. The team said the win was deserved.",
    )
    assert [(c[0], c[1], c[2]) for c in found] == [("The team", None, "unnamed")]


def test_a_body_s_noun_is_the_body_the_article_is_about_beyond_the_window(nlp: object) -> None:
    # business: the subject of the first sentence, named three times, more than any other body
    found = claims(
        nlp,
        "Brandt Motors cut its forecast on Monday. Shares of Brandt Motors fell 6%. Analysts at "
        "Orla Bank had expected the cut. Investors sold the stock. Rivals gained. Markets slid. "
        "Traders were nervous. Dealers blamed the cut at Brandt Motors. The company said demand "
        "would recover.",
    )
    assert [(c[0], c[1], c[2]) for c in found] == [("The company", "Brandt Motors", "np")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # crime
            "Lakeside Customs and Border Patrol (LCB) Air and Marine Operations (AMO) found "
            "Sunday 475 pounds (215.5 kilos) of cocaine concealed inside a vessel being removed "
            "from the water in Eastport, Lakeside Customs and Border Patrol announced Tuesday. "
            "The estimated value was high.",
            "Lakeside Customs and Border Patrol",
        ),
        (  # business
            "Brandt Shipping and Logistics (BSL) Air and Marine Operations (AMO) found Sunday 475 "
            "crates (215.5 tonnes) of coffee concealed inside a vessel being removed from the "
            "water in Lakeside, Brandt Shipping and Logistics announced Tuesday. The cargo was "
            "seized.",
            "Brandt Shipping and Logistics",
        ),
    ],
)
def test_a_closing_attribution_the_parser_missed_names_its_speaker(
    nlp: object, text: str, speaker: str
) -> None:
    # The parser takes "pounds" / "crates" for the subject of "announced" and the name for a
    # conjunct of the place before it.
    ((words, _, kind, content),) = claims(nlp, text)
    assert (words, kind) == (speaker, "name")
    assert content == text[: text.index(", " + speaker)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # business
            "On Monday, the board thanked Mark Kent for the Tom Hill report. He said the report "
            "was fair.",
            "Mark Kent",
        ),
        (  # crime
            "Later, the mayor praised Susan Clark for her work on the Mary Jones case. She said "
            "the verdict was just.",
            "Susan Clark",
        ),
    ],
)
def test_a_name_that_only_modifies_a_noun_is_no_rival_of_the_object(
    nlp: object, text: str, speaker: str
) -> None:
    ((_, claimant, kind, _),) = claims(nlp, text)
    assert (claimant, kind) == (speaker, "pronoun")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Lakeside Bank's worldwide vice-president of marketing for the iPod, Maria Okafor, "
            "indicated that mortgage rates would fall in the spring.",
            "Maria Okafor",
        ),
        (
            "Harlow Rovers' head of youth football for the north, Sam Dyer, said that the "
            "academy would move.",
            "Sam Dyer",
        ),
    ],
)
def test_a_name_between_commas_right_before_the_cue_is_the_speaker(
    nlp: object, text: str, speaker: str
) -> None:
    assert [c[1] for c in claims(nlp, text)] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "Acme Corp. and Widget Ltd. met in Geneva on Monday. The company said talks had failed.",
        "Harlow Rovers and Lakeside United were fined on Friday. The club said it would appeal.",
    ],
)
def test_a_kind_noun_stays_unnamed_when_two_bodies_of_the_kind_were_subjects(
    nlp: object, text: str
) -> None:
    assert [(c[1], c[2]) for c in claims(nlp, text)] == [(None, "unnamed")]


def test_a_kind_noun_still_goes_to_the_body_that_spoke_last(nlp: object) -> None:
    found = claims(
        nlp,
        "Acme Corp. said on Monday that Widget Ltd. had copied its design. The company said it "
        "would sue.",
    )
    assert [(c[1], c[2]) for c in found] == [("Acme Corp", "name"), ("Acme Corp", "np")]
