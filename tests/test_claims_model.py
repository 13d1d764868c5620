"""Claim rules on hand-written news sentences parsed by the real spaCy model (integration tests):
each test runs a rule's own examples (made-up names, none from the sample articles) through the
parser, extraction and the claim rules as the build runs them, and checks who says what."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.clean import clean_document
from kg.extract import load_pipeline
from kg.parallel import analyse_batch
from kg.records import Analysed, EntityType, Mention, RawDocument

pytestmark = pytest.mark.integration

#: (speaker's words, claimant mention or None, kind, claimed text with " | " between pieces)
Found = tuple[str, str | None, str, str]


@pytest.fixture(scope="module")
def nlp() -> Iterator[object]:
    yield load_pipeline()


def claims(nlp: object, text: str) -> list[Found]:
    article = clean_document(RawDocument(source="t.txt", text=text, path="t.txt"), article_id="t")
    (done,) = [
        o
        for o in analyse_batch([article], nlp=nlp, batch_size=1)  # type: ignore[arg-type]
        if isinstance(o, Analysed)
    ]
    body = done.extraction.article.text
    out = []
    for c in done.facts.claims:
        speaker = body[c.speaker[0] : c.speaker[1]] if c.speaker else ""
        claimant = body[c.claimant[0] : c.claimant[1]] if c.claimant else None
        parts = " | ".join(body[s:e] for s, e in c.parts)
        out.append((speaker, claimant, c.speaker_kind or "", parts))
    return out


def test_a_quotation_after_but_goes_on_with_the_closing_attribution(nlp: object) -> None:
    found = claims(
        nlp,
        "Two men were questioned after the robbery. None of the suspects were charged on "
        "Monday, Roe said, but “I want to stress this is an inquiry that is just getting going.”",
    )
    (claim,) = [c for c in found if c[1] == "Roe"]
    assert claim[3].count(" | ") == 1  # the reported clause and the quotation
    assert "None of the suspects were charged" in claim[3]
    assert "I want to stress this is an inquiry" in claim[3]


def unlinked(
    nlp: object,
    text: str,
    retype: EntityType | None = None,
    *,
    cut: tuple[str, EntityType] | None = None,
    alone: bool = False,
) -> list[Found]:
    """The claims of ``text`` parsed by the model when extraction took none of its names (as
    when a name is missed: the speaker then rests on the parse alone), or, with ``retype``, gave
    every name that type (as when a person's name is taken for a work's title), or, with
    ``cut`` (words of a name and a type), took only those words, as when a name is cut short
    (with ``alone``, as the only name it took)."""
    from dataclasses import replace

    from kg.facts import extract_facts

    article = clean_document(RawDocument(source="t.txt", text=text, path="t.txt"), article_id="t")
    (done,) = [
        o
        for o in analyse_batch([article], nlp=nlp, batch_size=1)  # type: ignore[arg-type]
        if isinstance(o, Analysed)
    ]
    mentions = tuple(replace(m, type=retype) for m in done.extraction.mentions) if retype else ()
    if cut is not None:  # the last time the words occur; the other mentions stay
        kept, kind = cut
        at = text.rindex(kept)
        made = Mention(
            start=at, end=at + len(kept), text=kept, type=kind, sentence=0, extractor="test"
        )
        mentions = (
            *(
                m
                for m in done.extraction.mentions
                if not alone and (m.end <= at or m.start >= at + len(kept))
            ),
            made,
        )
    ex = replace(done.extraction, mentions=mentions)
    doc = nlp(ex.article.text)  # type: ignore[operator]
    body = ex.article.text
    return [
        (
            body[c.speaker[0] : c.speaker[1]] if c.speaker else "",
            body[c.claimant[0] : c.claimant[1]] if c.claimant else None,
            c.speaker_kind or "",
            " | ".join(body[s:e] for s, e in c.parts),
        )
        for c in extract_facts(ex, doc=doc).claims
    ]


def test_a_capitalised_body_noun_after_a_name_is_a_name(nlp: object) -> None:
    found = unlinked(
        nlp,
        "A truck hit a bridge near the port on Sunday. Miami-Dade Police said the driver had "
        "been taken to hospital. Later, local police said the road had reopened.",
    )
    assert found == [
        ("Miami-Dade Police", None, "name", "the driver had been taken to hospital"),
        ("local police", None, "unnamed", "the road had reopened"),
    ]


def test_a_lower_case_body_noun_stays_unnamed(nlp: object) -> None:
    found = claims(nlp, "A truck hit a bridge on Sunday. Local police said the driver had fled.")
    assert [(c[1], c[2]) for c in found] == [(None, "unnamed")]


def test_the_name_that_closes_an_opening_participle_is_the_speaker(nlp: object) -> None:
    found = claims(
        nlp,
        "Shares of Brightwater Corp rose on Friday. Speaking from a stage at the company's "
        "headquarters in Denver, Colorado, Chief Executive Mara Okafor said that firms need to "
        "build profitable products for customers.",
    )
    assert [c[1] for c in found if "firms need to build" in c[3]] == ["Mara Okafor"]


def test_told_the_court_how_is_an_account_but_how_much_is_a_question(nlp: object) -> None:
    found = claims(
        nlp,
        "The trial of Tom Weller entered its second week. Mary Weller told the court how her son "
        "had been attacked outside a bar. She told reporters how much the case had cost her.",
    )
    assert [c[3] for c in found] == ["her son had been attacked outside a bar"]


def test_a_dispatcher_and_the_feds_are_unnamed_speakers(nlp: object) -> None:
    found = claims(
        nlp,
        "Two men were hurt in a crash on the motorway. A dispatcher said the road was closed for "
        "three hours. The feds announced that four people had been arrested.",
    )
    assert [(c[1], c[2]) for c in found] == [(None, "unnamed"), (None, "unnamed")]


def test_a_government_body_is_not_the_company_that_spoke_last(nlp: object) -> None:
    # "the port authority" after a shipping group spoke, "the ministry" after a bank did: another
    # body, unnamed here, not the company.
    found = claims(
        nlp,
        "Maersk, the Danish shipping group, said it expected delays to ease within a week. "
        "According to the port authority, about a million containers were delayed.\n\n"
        "Deutsche Bank said its profits fell by a third. The ministry said the rules would change.",
    )
    assert [(c[1], c[2]) for c in found] == [
        ("Maersk", "name"),
        (None, "unnamed"),
        ("Deutsche Bank", "name"),
        (None, "unnamed"),
    ]


def test_a_condition_opening_the_reported_clause_is_no_question(nlp: object) -> None:
    found = claims(
        nlp,
        "Prices rose again in March. The bank did not say if rates would rise. Jo Li said when the "
        "plant reopens, 200 jobs will return.",
    )
    assert [c[3] for c in found] == ["when the plant reopens, 200 jobs will return"]


def test_they_after_a_group_the_sentence_before_names_is_unnamed(nlp: object) -> None:
    found = claims(
        nlp,
        "The sudden cuts left many economists puzzled. They said that the bank had room to wait. "
        "Nordvik Steel cut 300 jobs on Monday. They said the cuts were needed.",
    )
    # The second "they", after a company is named, is not the economists.
    assert [(c[1], c[2], c[3]) for c in found] == [(None, "unnamed", "the bank had room to wait")]


def test_the_same_document_words_stand_for_the_same_issuer_far_on(nlp: object) -> None:
    found = claims(
        nlp,
        "Nordvik Steel said on Monday that output fell 4% in the quarter. According to the "
        "release, two furnaces were repaired. Prices of ore rose in May. Shipping costs doubled "
        "in June. Rail strikes slowed deliveries. Two ports were closed for days. Exports to Asia "
        "fell by a third. According to the release, the plant will reopen in May.",
    )
    assert [c[1] for c in found if "reopen" in c[3]] == ["Nordvik Steel"]


def test_a_quotation_opening_a_longer_reported_clause_is_not_the_whole_claim(nlp: object) -> None:
    found = claims(
        nlp,
        "Prices jumped at noon.\n\n“It makes for a good story” if the lights go out because of a "
        "lack of plants, Mr. Okafor said.",
    )
    assert [c[3] for c in found] == [
        "It makes for a good story” if the lights go out because of a lack of plants"
    ]


def test_according_to_at_the_end_of_a_sentence_covers_all_of_it(nlp: object) -> None:
    found = claims(
        nlp,
        "Demand hit a record on Friday. But both of those amounts fell below the peak year, 2006, "
        "when demand reached 50,270 megawatts, followed by 2017 with 50,116, according to data "
        "from Nordvik Grid.",
    )
    (claim,) = found
    assert claim[3].startswith("But both of those amounts fell below the peak year")


def test_a_quotation_signed_with_a_name_and_no_verb_is_that_persons(nlp: object) -> None:
    found = claims(
        nlp,
        "Agents seized the boat on Sunday.\n\n“Our agents will keep stopping unlawful cargo at the "
        "border, and we will not rest,” Augusto Reyes, director of the marine branch.\n\nThe men "
        "were held.",
    )
    assert [(c[1], c[3]) for c in found] == [
        (
            "Augusto Reyes",
            "Our agents will keep stopping unlawful cargo at the border, and we will not rest",
        )
    ]


def test_he_after_a_name_typed_as_no_person_is_that_speaker(nlp: object) -> None:
    text = (
        "The parade starts at nine.\n\n“We will decide tomorrow,” Patrol Chief Jo Okafor said "
        "on Wednesday.\n\n“It looks good. It looks very good,” he said about the balloons."
    )
    found = unlinked(nlp, text, retype="CreativeWork")
    assert [(c[0], c[1]) for c in found] == [
        ("Patrol Chief Jo Okafor", "Jo Okafor"),
        ("he", "Jo Okafor"),
    ]
    # A name typed as an organisation is no "he".
    assert [c[0] for c in unlinked(nlp, text, retype="Organization")] == ["Patrol Chief Jo Okafor"]


def test_a_quoted_question_and_a_bare_answer_are_not_claims(nlp: object) -> None:
    found = claims(
        nlp,
        "Jo Li, a voter in Camden, spoke to us on Monday.\n\n“We need somebody who can hit the "
        "ground running,” Li told us.\n\n“Are you worried about what will happen to your "
        "candidate in the state?”\n\n“No, not really,” Li said. “Our team will win. Why would "
        "we lose?” Li said.",
    )
    assert [c[3] for c in found] == [
        "We need somebody who can hit the ground running",
        "Our team will win. Why would we lose?",
    ]


def test_she_after_an_unnamed_subject_she_is_not_the_person_she_met(nlp: object) -> None:
    found = claims(
        nlp,
        "The duchess has hinted before that her health suffered, but during her interview with "
        "Oprah Winfrey she spoke for the first time about it. She revealed that life in the "
        "family was lonely.",
    )
    assert found == []  # not Winfrey's words


@pytest.mark.parametrize(
    "text",
    [
        "The debate turned bitter. Sen. Ana Roe accused Jo Lund of arguing that the economy "
        "would be better off without rules.",
        "The hearing turned bitter. Ana Roe criticised Jo Lund for claiming that the dam was safe.",
    ],
)
def test_accused_of_saying_is_the_accuser_s_account(nlp: object, text: str) -> None:
    found = claims(nlp, text)
    assert "Jo Lund" not in [c[1] for c in found]  # the accuser's account, not Lund's words
    assert all(c[1] == "Ana Roe" for c in found)


def test_he_after_a_doctor_from_a_town_is_that_unnamed_doctor(nlp: object) -> None:
    found = claims(
        nlp,
        "Hospitals are full. “We are not just numbers,” says a doctor from Hebron, whose name has "
        "been withheld. During a break from his shift, he explains that he now lives locally.",
    )
    assert [(c[1], c[2]) for c in found] == [(None, "unnamed"), (None, "unnamed")]


def test_according_to_opening_a_sentence_covers_its_main_clause(nlp: object) -> None:
    found = claims(
        nlp,
        "Soldiers photograph people with an app. According to Breaking the Silence, an NGO made "
        "up of former Israeli soldiers that opposes the occupation, prizes were offered to "
        "different units based on how many people they could photograph within a week.",
    )
    assert [c[3] for c in found] == [
        "prizes were offered to different units based on how many people they could photograph "
        "within a week"
    ]


def test_a_definite_document_whose_issuer_kg_cannot_find_gives_no_claim(nlp: object) -> None:
    found = claims(
        nlp,
        "Prices rose in May. According to the release, two plants were closed. A leaked memo said "
        "the plan had failed.",
    )
    # Not an unnamed speaker: "the release" is a named body's, "a leaked memo" nobody's.
    assert [(c[0], c[2]) for c in found] == [("A leaked memo", "unnamed")]


def test_he_inside_the_speakers_own_report_does_not_stop_the_next_he(nlp: object) -> None:
    found = claims(
        nlp,
        "“The air used to be clean there,” Alberto Shiguematsu, a São Paulo resident, said. "
        "According to Shiguematsu, the sky went dark. He said that he had never seen smoke like "
        "that. “That hit me by surprise,” he said.",
    )
    assert [c[1] for c in found] == ["Alberto Shiguematsu"] + ["Shiguematsu"] * 3


def test_a_person_who_read_that_reports_nothing(nlp: object) -> None:
    found = claims(
        nlp,
        "Jo Okafor lives in Lyon. He had read that there were fires in the south. A letter reads: "
        "all roads to the coast are closed.",
    )
    assert [c[3] for c in found] == ["all roads to the coast are closed"]


def test_kin_and_unknown_job_nouns_are_unnamed_speakers(nlp: object) -> None:
    found = claims(
        nlp,
        "The striker left the pitch in tears. His family said he would need surgery on his knee. "
        "Her mother told the court that the girl had been bullied for months.",
    )
    assert ("His family", None, "unnamed", "he would need surgery on his knee") in found
    assert ("Her mother", None, "unnamed", "the girl had been bullied for months") in found


def test_a_named_persons_family_is_not_that_person(nlp: object) -> None:
    found = claims(nlp, "Jo Li was arrested on Monday. Jo Li's family said he was innocent.")
    assert [c[1:3] for c in found if "innocent" in c[3]] == [(None, "unnamed")]


def test_it_goes_on_with_the_unnamed_body_that_spoke_before(nlp: object) -> None:
    found = claims(
        nlp,
        "The fire service said the blaze was under control. It added that two firefighters had "
        "been treated for smoke inhalation.",
    )
    assert ("It", None, "unnamed", "two firefighters had been treated for smoke inhalation") in (
        found
    )


def test_they_after_a_plural_role_word_is_that_unnamed_group(nlp: object) -> None:
    found = claims(
        nlp, "Union leaders rejected the offer on Friday. They said the pay rise was too low."
    )
    assert found == [("They", None, "unnamed", "the pay rise was too low")]


def test_the_company_is_the_one_business_named_before(nlp: object) -> None:
    found = claims(
        nlp,
        "Shares of Brandt Motors fell 6% on Monday. The carmaker will close two plants in Ohio, "
        "the company said in a statement.",
    )
    assert [c[1] for c in found] == ["Brandt Motors"]


def test_the_company_is_no_court_named_before(nlp: object) -> None:
    found = claims(
        nlp,
        "Jo Li admitted fraud at Leeds Crown Court in March. In a statement, the bank said it "
        "had refunded the customers.",
    )
    assert [c[1:3] for c in found] == [(None, "unnamed")]


def test_a_quotation_after_a_reported_clause_goes_on_with_it(nlp: object) -> None:
    found = claims(
        nlp,
        "Nurse Ada Quill said the ward was full on Monday night. “We had forty patients in the "
        "corridor and nowhere to put them.”",
    )
    (claim,) = found
    assert claim[1] == "Ada Quill"
    assert claim[3].endswith("We had forty patients in the corridor and nowhere to put them")


def test_a_message_for_someone_before_a_colon_opens_a_claim(nlp: object) -> None:
    found = claims(
        nlp,
        "Councillor Meg Farr had a blunt message for the developers: “This project will not go "
        "ahead while I sit on this council.”",
    )
    assert [c[3] for c in found if c[1] and "Meg Farr" in c[1]] == [
        "This project will not go ahead while I sit on this council"
    ]


def test_a_subject_noun_no_list_has_is_an_unnamed_speaker(nlp: object) -> None:
    found = claims(
        nlp,
        "Rescuers reached the mine on Monday. Two miners claimed that the shaft had flooded "
        "within minutes. The miner who stayed behind said that the pumps had failed.",
    )
    assert ("Two miners", None, "unnamed", "the shaft had flooded within minutes") in found
    assert [c[1:3] for c in found if "pumps" in c[3]] == [(None, "unnamed")]


def test_a_headline_subject_noun_is_no_speaker(nlp: object) -> None:
    found = claims(nlp, "Farmer claims drought cost him his herd\n\nThe rains never came.")
    assert found == []


def test_said_in_a_release_that_is_the_clause_not_a_relative_clause(nlp: object) -> None:
    found = claims(nlp, "The county said in a news release that the road would reopen on Friday.")
    assert [c[3] for c in found] == ["the road would reopen on Friday"]


def test_related_and_estimated_report_a_clause(nlp: object) -> None:
    found = claims(
        nlp,
        "Relatives related that the boat had left the harbour before dawn. The agency "
        "estimated that 300 homes were destroyed in the fire.",
    )
    assert [c[3] for c in found] == [
        "the boat had left the harbour before dawn",
        "300 homes were destroyed in the fire",
    ]


def test_evidence_verbs_report_only_with_a_document_subject(nlp: object) -> None:
    found = claims(
        nlp,
        "Mayor Jo Lund spoke at noon. New figures showed that exports fell 4% in March. Police "
        "found the stolen car in a field near the motorway. The survey found that most parents "
        "support a later school start.",
    )
    assert found == [
        ("New figures", None, "unnamed", "exports fell 4% in March"),
        ("The survey", None, "unnamed", "most parents support a later school start"),
    ]


def test_an_evidence_verb_inside_a_report_is_part_of_it(nlp: object) -> None:
    found = claims(
        nlp,
        "Jo Lund argued that the figures were wrong and that her statements showed the loss "
        "was smaller.",
    )
    assert [c[1] for c in found] == ["Jo Lund"]


def test_a_short_answer_goes_on_with_the_quotation_after_it(nlp: object) -> None:
    found = claims(
        nlp,
        "“No, not really,” Dana Pike said. “We expected the result, and we are ready for the "
        "next round.”",
    )
    assert found == [
        (
            "Dana Pike",
            "Dana Pike",
            "name",
            "No, not really | We expected the result, and we are ready for the next round",
        )
    ]


def test_she_goes_on_with_an_unnamed_speaker_over_sentences(nlp: object) -> None:
    found = claims(
        nlp,
        "“We are tired,” says a nurse from the city hospital, whose name has been withheld. "
        "During her break, she explains that the ward has no beds left. Normally, she would be "
        "home by now. Since Monday, she says, she has worked three double shifts.",
    )
    assert [c[:3] for c in found] == [
        ("a nurse from the city hospital", None, "unnamed"),
        ("she", None, "unnamed"),
        ("she", None, "unnamed"),
    ]


def test_a_poll_speaks_for_the_outlet_that_ran_it(nlp: object) -> None:
    found = claims(
        nlp,
        "The former governor had a large lead. But according to a new Harlow Times poll, his "
        "support among young voters fell from 40% to 25%.",
    )
    assert [c[1] for c in found] == ["Harlow Times"]


def test_according_to_keeps_a_clause_before_the_subject(nlp: object) -> None:
    found = claims(
        nlp,
        "According to Lena Vogt, as the bus nears the border, guards can see every passenger "
        "on a screen.",
    )
    assert [c[3] for c in found] == [
        "as the bus nears the border, guards can see every passenger on a screen"
    ]


def test_a_quoted_subject_after_the_cue_opens_the_clause(nlp: object) -> None:
    found = claims(nlp, 'In late May, Dr Omar Lind estimated "up to 300" could lose their homes.')
    (claim,) = found
    assert claim[1] == "Omar Lind" and "300" in claim[3] and "could lose their homes" in claim[3]


def test_a_peoples_name_does_not_end_an_unnamed_speakers_chain(nlp: object) -> None:
    found = claims(
        nlp,
        "“We are exhausted,” says a nurse from the northern clinic, who asked not to be named. "
        "During a break, she explains that the ward has no beds left. Normally, she would be "
        "home by now. Since Monday, she says, she has treated two Kurds who were injured in the "
        "blast. Three others were sent to another town. “There is no end to it,” she says.",
    )
    assert ("she", None, "unnamed", "There is no end to it") in found


def test_an_article_that_found_speaks_for_its_outlet(nlp: object) -> None:
    found = claims(
        nlp,
        "The price was cut in 2019 after a Harlow Times article found the company had "
        "overstated its sales. The coroner determined that the fall was an accident.",
    )
    assert [c[1:] for c in found] == [
        ("Harlow Times", "np", "the company had overstated its sales"),
        (None, "unnamed", "the fall was an accident"),
    ]


def test_an_evidence_verb_in_a_comparison_reports_nothing(nlp: object) -> None:
    found = claims(
        nlp, "Jo Lund argued that her debts were much smaller than the bank's records ever showed."
    )
    assert [c[1] for c in found] == ["Jo Lund"]


def test_officials_at_a_body_speak_for_it_and_again(nlp: object) -> None:
    found = claims(
        nlp,
        "Shares of Brandt Motors fell 6% on Monday. Officials at the company said fuel costs "
        "had doubled. The night shift will return in May, the officials said.",
    )
    assert [c[1:3] for c in found] == [("Brandt Motors", "np"), ("Brandt Motors", "np")]


def test_officials_at_another_kind_of_body_stay_unnamed(nlp: object) -> None:
    found = claims(
        nlp,
        "Police questioned staff at Brandt Motors on Monday. Officials at the institute said "
        "nothing was taken.",
    )
    assert [c[1:3] for c in found] == [(None, "unnamed")]


def test_a_quotation_after_a_sentence_introducing_its_speaker_is_theirs(nlp: object) -> None:
    found = claims(
        nlp,
        "Police Chief Ron Dale spoke outside the station on Monday.\n\n“The suspect is in "
        "custody and there is no danger to the public.”",
    )
    assert [c[1:3] for c in found] == [("Ron Dale", "name")]


def test_a_quotation_after_any_other_sentence_stays_unclaimed(nlp: object) -> None:
    found = claims(
        nlp,
        "Ron Dale died in May after a long illness.\n\n“He was the kindest man in the town.”",
    )
    assert found == []


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Workers marched on Friday. “When the plant closed,” Jo Li said of the workers, "
            "“most found jobs within a year.”",
            "When the plant closed",
            "most found jobs within a year",
        ),
        (
            "Ana Roe runs the clinic. “Before the war, there was a shortage of medicine,” Roe "
            "said. “Today there is none.”\n\n“When the clinic was emptied,” Roe said of the "
            "patients, “the serious cases were moved to another hospital.”",
            "When the clinic was emptied",
            "the serious cases were moved to another hospital",
        ),
    ],
)
def test_a_quotation_split_by_a_cue_with_words_after_it_is_one_claim(
    nlp: object, text: str, first: str, second: str
) -> None:
    found = claims(nlp, text)
    (claim,) = [c for c in found if first in c[3]]
    assert claim[3] == f"{first} | {second}"
    assert claim[1] in ("Jo Li", "Roe")


@pytest.mark.parametrize("pull_first", [True, False])
def test_a_pull_quote_is_no_claim_of_its_own(nlp: object, pull_first: bool) -> None:
    pull = "“Today there are no medicines for treatment at all.”"
    story = (
        "Dr. Ana Roe runs the clinic. “We had a shortage before the war,” Roe said. “Today "
        "there are no medicines for treatment at all.”"
    )
    middle = "The clinic ran out of fuel in May, and the road to it is closed."
    parts = [pull, middle, story] if pull_first else [story, middle, pull]
    found = claims(nlp, "\n\n".join(parts))
    assert [c[1] for c in found] == ["Roe"]
    assert found[0][3] == (
        "We had a shortage before the war | Today there are no medicines for treatment at all"
    )


def test_a_quotation_said_twice_in_a_story_is_claimed_twice(nlp: object) -> None:
    found = claims(
        nlp,
        "“We will never close this school,” the mayor Ana Roe said in May.\n\nParents met "
        "her in June. “We will never close this school,” Roe said again.",
    )
    assert [c[1] for c in found] == ["Ana Roe", "Roe"]


@pytest.mark.parametrize(
    "text",
    [
        "Storm closes ports, officials say\n\nA storm closed three ports on Monday, officials "
        "said.",
        "Acme to cut 500 jobs, union claims\n\nThe union claimed on Monday that Acme would cut "
        "500 jobs.",
    ],
)
def test_a_headline_is_no_claim(nlp: object, text: str) -> None:
    found = claims(nlp, text)
    assert len(found) == 1
    assert found[0][3] in text.split("\n\n")[1]


def test_a_deck_under_a_headline_is_no_claim(nlp: object) -> None:
    found = claims(
        nlp,
        "Acme to cut 500 jobs\n\nTalks fail as the union says the pay offer is too low\n\nThe "
        "union said on Monday that the offer was too low.\n\nBy Friday, the union said, "
        "pickets will be out",
    )
    assert found[0][3] == "the offer was too low"
    assert [c[3].endswith("pickets will be out") for c in found] == [False, True]


def test_a_first_paragraph_with_a_stop_is_no_headline(nlp: object) -> None:
    found = claims(nlp, "Acme will cut 500 jobs, the union said.\n\nTalks resume on Monday.")
    assert [c[3] for c in found] == ["Acme will cut 500 jobs"]


def test_a_verb_of_manner_of_speaking_frames_the_quotation_beside_it(nlp: object) -> None:
    found = claims(
        nlp,
        "The ferry reached Harlow Bay two hours late on Sunday.\n\n"
        "“We got lucky with the weather in the end,” Captain Tom Ivers joked.\n\n"
        "Marta Keel, a passenger, spoke to reporters on the dock. She continued: “The crew "
        "handled the storm very calmly.”",
    )
    assert (
        "Captain Tom Ivers",
        "Tom Ivers",
        "name",
        "We got lucky with the weather in the end",
    ) in [c for c in found]
    assert any(c[1] == "Marta Keel" and "The crew handled the storm" in c[3] for c in found)


def test_a_verb_of_manner_of_speaking_with_no_quotation_beside_it_reports_nothing(
    nlp: object,
) -> None:
    found = claims(
        nlp,
        "Talks between the union and Brandt Motors continued on Monday. Ana Roe, the union's "
        "leader, laughed when asked about the deadline. Workers shouted outside the plant.",
    )
    assert found == []


def test_a_quoted_piece_opening_with_a_question_word_goes_with_the_question_after_it(
    nlp: object,
) -> None:
    found = claims(
        nlp,
        "The council met on Tuesday.\n\n“What about the families on the night shift,” "
        "councillor Jo Marsh interjected. “Will their buses be cut as well?”\n\n"
        "“No bus will be cut,” the mayor, Ben Ruiz, said.",
    )
    assert not any(c[1] == "Jo Marsh" for c in found)
    assert any(c[1] == "Ben Ruiz" and c[3] == "No bus will be cut" for c in found)


@pytest.mark.parametrize(
    "text",
    [
        "A team led by researchers at the University of Lagos reported on Monday that the lake "
        "had shrunk by a third.",
        "A study funded by a grant from Acme Foods found that the diet cut blood pressure.",
    ],
)
def test_a_body_named_deep_in_a_phrase_about_others_is_no_speaker(nlp: object, text: str) -> None:
    found = claims(nlp, text)
    assert [c[1:3] for c in found] == [(None, "unnamed")]


def test_a_document_cited_by_a_body_is_still_that_body_s(nlp: object) -> None:
    found = claims(
        nlp, "The report, cited by the Harbour Times, says that the port will close in May."
    )
    assert [c[1] for c in found] == ["Harbour Times"]


@pytest.mark.parametrize(
    "text",
    [
        "A team of geologists said on Monday that the glacier had retreated. Acme Mining said "
        "in a statement that its drilling would go on. According to the team, the ice is "
        "melting faster than expected.",
        "A local charity said the shelter was full. Acme Foods said it would send food. The "
        "charity added that more beds were needed.",
    ],
)
def test_the_same_noun_goes_on_with_an_unnamed_speaker(nlp: object, text: str) -> None:
    found = claims(nlp, text)
    assert [c[1:3] for c in found] == [
        (None, "unnamed"),
        ("Acme Foods" if "Foods" in text else "Acme Mining", "name"),
        (None, "unnamed"),
    ]


def test_the_same_noun_after_a_name_of_its_kind_is_that_name(nlp: object) -> None:
    found = claims(
        nlp,
        "A local union said on Monday that talks had failed. Later the Harbour Workers Union "
        "said that a strike would start in May. The union said that pickets would be peaceful.",
    )
    assert [c[2] for c in found] == ["unnamed", "name", "np"]
    assert found[1][1] == found[2][1]
    assert found[2][1] is not None and found[2][1].endswith("Harbour Workers Union")


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        (
            "The Lakeside Regional Transit Authority, the agency that runs the buses, said it "
            "cut two routes after fuel costs rose.",
            "The Lakeside Regional Transit Authority",
            "Lakeside Regional Transit",
        ),
        (
            "At least 40 homes were flooded, according to the Office for Coastal Defence and "
            "Flood Relief.",
            "the Office for Coastal Defence and Flood Relief",
            "Office",
        ),
    ],
)
def test_a_speaker_s_name_cut_short_by_extraction_is_its_whole_name(
    nlp: object, text: str, name: str, kept: str
) -> None:
    found = unlinked(nlp, text, cut=(kept, "Organization"))
    assert found[0][:3] == (name, None, "name")


def test_a_speaker_s_name_cut_short_is_the_whole_name_the_article_gives(nlp: object) -> None:
    text = (
        "The Lakeside Regional Transit Authority runs the city's buses. On Monday the Lakeside "
        "Regional Transit Authority said it would cut two routes."
    )
    found = unlinked(nlp, text, cut=("Lakeside Regional Transit", "Organization"))
    assert [c[1] for c in found] == ["Lakeside Regional Transit Authority"]


def test_a_company_s_legal_form_after_its_name_keeps_the_company(nlp: object) -> None:
    found = unlinked(
        nlp,
        "Brandt Motors Inc. said on Monday that sales rose.",
        cut=("Brandt Motors", "Organization"),
    )
    assert [c[1:3] for c in found] == [("Brandt Motors", "name")]


def test_a_reported_clause_goes_on_after_a_comma_and_but_to_the_end_of_its_sentence(
    nlp: object,
) -> None:
    found = claims(
        nlp,
        "Fire crews were called to Mill Lane at noon.\n\nHarlow Fire Service said there are no "
        "injuries, but residents are being asked to keep their windows closed.\n\n"
        "Dr Lena Fisk explains that she lives in town, but her parents still live on the farm.",
    )
    assert any(
        c[3] == "there are no injuries, but residents are being asked to keep their windows closed"
        for c in found
    )
    assert any(
        c[1] == "Lena Fisk" and c[3].endswith("her parents still live on the farm") for c in found
    )


def test_a_narrated_clause_after_a_comma_and_but_is_not_the_report(nlp: object) -> None:
    found = claims(
        nlp,
        "Tom Reyes said he was innocent, but the jury convicted him on Friday.\n\n"
        "Ana Roe said the plan would work, but she resigned a week later.",
    )
    assert ("Tom Reyes", "Tom Reyes", "name", "he was innocent") in found
    assert [c[3] for c in found if c[0] == "Ana Roe"] == ["the plan would work"]


@pytest.mark.parametrize(
    "text",
    [
        "The bill was attacked by Labour MPs, who said the rules were unclear.",
        "Labour MPs told the minister that the rules were unclear.",
    ],
)
def test_a_group_of_people_taken_for_a_name_stays_unnamed(nlp: object, text: str) -> None:
    found = claims(nlp, text)
    assert [c[1:3] for c in found] == [(None, "unnamed")]


@pytest.mark.parametrize(
    "text",
    [
        "The hearing went on for hours. “Is it not true that the dam leaks? Did you not know?” "
        "the senator said to Jo Lund.",
        "The hearing went on for hours. “What is your single best example of a tax that works "
        "like this …” Justice Ana Roe said.",
    ],
)
def test_a_quotation_of_questions_only_is_no_claim(nlp: object, text: str) -> None:
    assert claims(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("“When the plant closed …” Jo Li said, and then stopped.", "When the plant closed …"),
        ("“The dam leaks. Who knew?” the senator said.", "The dam leaks. Who knew?"),
    ],
)
def test_a_quotation_that_states_before_it_breaks_off_or_asks_is_a_claim(
    nlp: object, text: str, content: str
) -> None:
    assert [c[3] for c in claims(nlp, text)] == [content]


@pytest.mark.parametrize(
    ("text", "speaker", "other"),
    [
        (
            "Jo Li and his partner Sam Reyes fell out in May. At the end of one argument, he "
            "said Li tore open his shirt.",
            "Sam Reyes",
            "Jo Li",
        ),
        (
            "Sam Reyes met Jo Li on Monday. He said Li would never resign.",
            "Sam Reyes",
            "Jo Li",
        ),
    ],
)
def test_a_pronoun_is_not_the_person_its_own_reported_clause_names(
    nlp: object, text: str, speaker: str, other: str
) -> None:
    found = claims(nlp, text)
    assert [c[1] for c in found] == [speaker]
    assert other not in [c[1] for c in found]


def test_a_pronoun_with_only_the_named_person_before_gives_no_claim(nlp: object) -> None:
    assert claims(nlp, "Jo Li met the press on Monday. He said Li would never resign.") == []


@pytest.mark.parametrize(
    "text",
    [
        "You can unsubscribe from this service at any time. And rest assured that your data "
        "will not be shared with any other party.",
        "You can leave the plan at any time. And rest assured that your money will be returned.",
    ],
)
def test_a_bare_singular_noun_is_no_unnamed_speaker(nlp: object, text: str) -> None:
    assert claims(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "cut", "speaker"),
    [
        (
            "Pubs will close on Friday. The Briar in Lakeside said it would shut its doors until "
            "May.",
            "Lakeside",
            "The Briar in Lakeside",
        ),
        (
            "Pubs will close on Friday. Jo Reilly's Bar said it would close its kitchen after "
            "tonight.",
            "Jo Reilly",
            "Jo Reilly's Bar",
        ),
    ],
)
def test_a_body_named_after_a_person_or_placed_in_a_town_is_neither(
    nlp: object, text: str, cut: str, speaker: str
) -> None:
    found = unlinked(nlp, text, cut=(cut, "Person"))
    assert [c[:3] for c in found] == [(speaker, None, "name")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Jo Li interviewed Sam Reyes on Monday. Asked about the strike, he said the union "
            "would not back down.",
            "Sam Reyes",
        ),
        (
            "Ana Roe asked Mia Lund about the vote on Friday. Asked again, she said that she "
            "would not run.",
            "Mia Lund",
        ),
        (
            "Sam Reyes spoke at the rally on Monday. Asked about the strike, he said the union "
            "would not back down.",
            "Sam Reyes",
        ),
    ],
)
def test_he_or_she_asked_is_not_the_one_who_asked(nlp: object, text: str, speaker: str) -> None:
    assert [c[1] for c in claims(nlp, text)] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "When a file goes missing, the ministry says it was not secret.",
        "Whenever prices rise, the shops say costs are to blame.",
    ],
)
def test_what_someone_says_whenever_something_happens_is_no_claim(nlp: object, text: str) -> None:
    assert claims(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("When asked, Jo Li says the price is fair.", "the price is fair"),
        ("When the plant closed, Jo Li said the town would survive.", "the town would survive"),
    ],
)
def test_one_answer_after_when_is_a_claim(nlp: object, text: str, content: str) -> None:
    assert [c[3] for c in claims(nlp, text)] == [content]


@pytest.mark.parametrize(
    "text",
    [
        "The plan was approved on Monday. Critics might argue that it costs too much.",
        "The deal was signed in May. Some would say the price is fair.",
    ],
)
def test_a_report_someone_would_or_might_make_is_no_claim(nlp: object, text: str) -> None:
    assert claims(nlp, text) == []


def test_a_report_someone_will_make_is_a_claim(nlp: object) -> None:
    found = claims(
        nlp, "The minister will say in a speech on Monday that taxes must rise to pay for schools."
    )
    assert [c[3] for c in found] == ["taxes must rise to pay for schools"]


@pytest.mark.parametrize(
    ("text", "found_name"),
    [
        ("Jane Roe met Mary Lund in Paris. She said the talks had gone well.", "Mary Lund"),
        (
            "Acme's Jo Quill thanked Sam Reyes on Monday. He said the plant would stay open.",
            "Sam Reyes",
        ),
    ],
)
def test_he_or_she_after_a_subject_name_extraction_missed_is_no_one_sure(
    nlp: object, text: str, found_name: str
) -> None:
    assert unlinked(nlp, text, cut=(found_name, "Person"), alone=True) == []


def test_he_or_she_after_the_object_of_an_unnamed_subject_is_that_object(nlp: object) -> None:
    found = unlinked(
        nlp,
        "Police thanked Mary Lund on Monday. She said she was glad to help.",
        cut=("Mary Lund", "Person"),
        alone=True,
    )
    assert [c[1] for c in found] == ["Mary Lund"]


@pytest.mark.parametrize(
    ("text", "holder"),
    [
        ("Prime Minister Ana Roe flew to Paris. The PM said the deal was close.", "Ana Roe"),
        (
            "Attorney General Mia Lund sued the bank. The AG’s complaint alleges the bank had "
            "lied.",
            "Mia Lund",
        ),
    ],
)
def test_an_office_s_abbreviation_is_its_holder(nlp: object, text: str, holder: str) -> None:
    assert [c[1:3] for c in claims(nlp, text)] == [(holder, "np")]


def test_an_office_s_abbreviation_with_no_holder_named_is_unnamed(nlp: object) -> None:
    found = claims(nlp, "The bank was sued on Monday. The AG said the bank had lied.")
    assert [c[:3] for c in found] == [("The AG", None, "unnamed")]


def test_a_noun_qualified_by_a_country_is_no_body_the_article_ties_to_another(
    nlp: object,
) -> None:
    # "the Danish company" is not the company the article calls Norway's: no claimant rather
    # than a wrong one.
    found = claims(
        nlp,
        "Halvorsen Lines, Norway's third-largest container carrier, will cut 400 jobs, the "
        "company said on Tuesday. According to the Danish company, rates on Asia-Europe routes "
        "have fallen by half since January.",
    )
    rates = [c for c in found if "rates on Asia-Europe routes" in c[3]]
    assert rates and all(c[1] != "Halvorsen Lines" for c in rates)
    # The same noun without a country, or with the company's own, still stands for it.
    found = claims(
        nlp,
        "Brandvik Energy, Norway's largest utility, raised its prices on Monday. According to "
        "the Norwegian company, demand for power has doubled since 2020.",
    )
    assert [c[1] for c in found if "demand for power has doubled" in c[3]] == ["Brandvik Energy"]


def test_the_document_an_earlier_sentence_says_a_body_issued_speaks_for_it(nlp: object) -> None:
    found = claims(
        nlp,
        "Acme Corp released a report on Monday. The report said sales had fallen by a fifth.",
    )
    assert [c[1] for c in found if "sales had fallen" in c[3]] == ["Acme Corp"]
    found = claims(
        nlp,
        "The Harbour Board issued a statement on Friday. The statement said the port would "
        "reopen next week.",
    )
    assert [c[1] for c in found if "the port would reopen" in c[3]] == ["Harbour Board"]


def test_a_document_two_bodies_issued_speaks_for_neither(nlp: object) -> None:
    found = claims(
        nlp,
        "The Dock Workers Union issued a statement on Friday. Harbour Freight Ltd also issued "
        "a statement. The statement said talks would resume on Monday.",
    )
    claim = [c for c in found if "talks would resume" in c[3]]
    assert all(c[1] not in ("Dock Workers Union", "Harbour Freight Ltd") for c in claim)


def test_a_bodys_noun_before_officials_stands_for_the_body_named_with_it(nlp: object) -> None:
    # Capitalised at the sentence's start, the model takes "Agency" for a name of its own.
    found = claims(
        nlp,
        "The European Space Agency delayed the launch by a week. Agency officials told "
        "reporters that a valve had failed.",
    )
    assert [c[1] for c in found if "a valve had failed" in c[3]] == ["European Space Agency"]
    found = claims(
        nlp,
        "The Lakeside Water Company cut supplies on Monday. Company officials said a main had "
        "burst.",
    )
    assert [c[1] for c in found if "a main had burst" in c[3]] == ["Lakeside Water Company"]
    # No body named with the noun: officials of no one the text names.
    found = claims(
        nlp, "Water supplies were cut on Monday. Company officials said a main had burst."
    )
    assert [c[1] for c in found if "a main had burst" in c[3]] == [None]


def test_a_governments_noun_before_officials_names_no_body(nlp: object) -> None:
    found = claims(
        nlp,
        "The Lakeside County Board of Supervisors approved the marina. It would cost $95 "
        "million, according to county officials who spoke about the project.",
    )
    assert [c[1] for c in found if "It would cost" in c[3]] == [None]


@pytest.mark.parametrize(
    ("text", "claimant", "content"),
    [
        (
            "Two wickets fell before lunch, Joe Marsh admitted on Friday.",
            "Joe Marsh",
            "Two wickets fell before lunch",
        ),
        (
            "The vaccine cut infections by half, Dr Ana Roe reported.",
            "Ana Roe",
            "The vaccine cut infections by half",
        ),
    ],
)
def test_a_closing_attribution_parsed_as_an_adverbial_clause_claims_the_clause_before_it(
    nlp: object, text: str, claimant: str, content: str
) -> None:
    assert [(c[1], c[3]) for c in claims(nlp, text)] == [(claimant, content)]


def test_a_cue_with_a_mark_after_the_comma_is_no_closing_attribution(nlp: object) -> None:
    found = claims(nlp, "Sales fell in March, after Acme said it would close the plant.")
    assert [c[3] for c in found] == ["it would close the plant"]


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "As Sam Reyes told the Harlow Courier, ticket prices rose because the stadium cost "
            "more than planned.",
            "Sam Reyes",
            "ticket prices rose because the stadium cost more than planned",
        ),
        (
            "As police said on Monday, the bridge will stay closed.",
            "police",
            "the bridge will stay closed",
        ),
    ],
)
def test_an_as_clause_of_a_cue_claims_the_main_clause(
    nlp: object, text: str, speaker: str, content: str
) -> None:
    assert [(c[0], c[3]) for c in claims(nlp, text)] == [(speaker, content)]


@pytest.mark.parametrize(
    "text", ["As he said this, the crowd cheered loudly.", "As expected, the bank raised rates."]
)
def test_an_as_clause_with_an_object_or_no_subject_claims_nothing(nlp: object, text: str) -> None:
    assert claims(nlp, text) == []


def test_a_paragraph_closing_with_two_apostrophes_is_no_headline(nlp: object) -> None:
    found = claims(
        nlp,
        "Rates to rise\n\nMarch 3, 2024\n\nThe plant will close next year, Acme Corp. announced "
        "on Monday. Its chief executive said ``we had no choice.''",
    )
    assert [c[3] for c in found][:1] == ["The plant will close next year"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Mayor Ana Roe said the plan was “a disgrace to the city and to everyone who lives "
            "here.”\n\n“We will fight it in court and we expect to win.”",
            "Ana Roe",
        ),
        (
            "Coach Sam Reyes said the squad was “tired but ready”.\n\n“We have trained hard all "
            "week and the players know what to do.”",
            "Sam Reyes",
        ),
    ],
)
def test_a_quotation_after_a_reported_clause_that_ends_quoted_goes_on_with_it(
    nlp: object, text: str, speaker: str
) -> None:
    found = claims(nlp, text)
    assert [c[1] for c in found] == [speaker, speaker]
    assert found[1][3].startswith("We ")


def test_a_quotation_after_a_reported_clause_in_the_writer_s_words_stays_unclaimed(
    nlp: object,
) -> None:
    found = claims(
        nlp,
        "Coach Sam Reyes said the squad was tired.\n\n“We have trained hard all week and the "
        "players know what to do.”",
    )
    assert [c[3] for c in found] == ["the squad was tired"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Coach Jo Li also acknowledged over the years how nerve-wracking the finals were.",
            "how nerve-wracking the finals were",
        ),
        (
            "The chief executive admitted how close the company had come to collapse.",
            "how close the company had come to collapse",
        ),
    ],
)
def test_how_and_an_adjective_after_a_verb_of_admitting_is_a_claim(
    nlp: object, text: str, content: str
) -> None:
    assert [c[3] for c in claims(nlp, text)] == [content]


@pytest.mark.parametrize(
    "text",
    [
        "The minister admitted how much the scheme had cost.",
        "She explained how the vaccine was tested.",
    ],
)
def test_how_much_or_how_after_another_verb_stays_a_question(nlp: object, text: str) -> None:
    assert claims(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The minister made clear that the tax would rise next year.",
            "the tax would rise next year",
        ),
        (
            "Coach Jo Li has made it very clear that the striker will leave in January.",
            "the striker will leave in January",
        ),
    ],
)
def test_made_clear_that_is_a_report(nlp: object, text: str, content: str) -> None:
    assert [c[3] for c in claims(nlp, text)] == [content]


@pytest.mark.parametrize(
    "text",
    [
        "The agency did not make clear whether the fine would be paid.",
        "The team made clear progress in the second half.",
    ],
)
def test_made_clear_with_no_that_clause_or_a_negation_is_none(nlp: object, text: str) -> None:
    assert claims(nlp, text) == []
