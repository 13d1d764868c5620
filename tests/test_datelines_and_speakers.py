"""A dateline is its own sentence, a person's lawyer is not that person, and a statement is its
unnamed issuer's: invented news of business, crime and sport, through the real model."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.clean import clean_document
from kg.extract import load_pipeline
from kg.parallel import analyse_batch
from kg.records import Analysed, Extraction, Facts, RawDocument

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def nlp() -> Iterator[object]:
    yield load_pipeline()


def run(nlp: object, text: str) -> tuple[Extraction, Facts]:
    article = clean_document(RawDocument(source="t.txt", text=text, path="t.txt"), article_id="t")
    (outcome,) = analyse_batch([article], nlp=nlp, batch_size=8)  # type: ignore[arg-type]
    assert isinstance(outcome, Analysed)
    return outcome.extraction, outcome.facts


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            "Chip sales slow\n\nSAN JOSE, Calif. (Reuters) - Orbitek Corp cut its forecast on "
            "Tuesday, saying demand had weakened. Its shares fell.",
            "Orbitek Corp cut its forecast on Tuesday, saying demand had weakened.",
        ),
        (
            "Border to reopen\n\nQUITO, Ecuador — Ecuador and Colombia have agreed to reopen the "
            "crossing after a six-week closure, the two governments said on Friday.",
            "Ecuador and Colombia have agreed to reopen the crossing after a six-week closure, "
            "the two governments said on Friday.",
        ),
    ],
)
def test_the_sentence_after_a_dateline_is_whole_and_on_its_own(
    nlp: object, text: str, sentence: str
) -> None:
    ex, facts = run(nlp, text)
    sentences = [ex.article.text[s.start : s.end] for s in ex.sentences]
    assert sentence in sentences
    for c in facts.claims:
        assert not ex.article.text[c.start : c.end].startswith(("SAN JOSE", "QUITO"))


def test_the_subject_after_a_dateline_is_the_speaker(nlp: object) -> None:
    ex, facts = run(
        nlp,
        "Chip sales slow\n\nSAN JOSE, Calif. (Reuters) - Orbitek Corp cut its forecast on "
        "Tuesday, saying demand from phone makers had weakened.",
    )
    text = ex.article.text
    said = [c for c in facts.claims if "demand from phone makers" in text[c.start : c.end]]
    assert said and said[0].claimant is not None
    assert text[said[0].claimant[0] : said[0].claimant[1]] == "Orbitek Corp"


def test_a_person_s_lawyer_and_a_statement_of_an_unnamed_bank_are_unnamed(nlp: object) -> None:
    ex, facts = run(
        nlp,
        "Prosecutor Simon Hale said Gareth Lewis had moved money from nine accounts.\n\n"
        "Lewis's lawyer said his client was deeply ashamed.\n\n"
        'In a statement, the bank said it had refunded the customers. "We are deeply sorry," '
        "the statement said.",
    )
    text = ex.article.text
    by_content = {text[c.start : c.end]: c for c in facts.claims}
    lawyer = next(c for t, c in by_content.items() if t.startswith("his client was"))
    sorry = next(c for t, c in by_content.items() if "deeply sorry" in t)
    assert lawyer.claimant is None and lawyer.speaker_kind == "unnamed"
    assert sorry.claimant is None and sorry.speaker_kind == "unnamed"


def test_a_report_that_is_only_a_condition_stays_in_the_content(nlp: object) -> None:
    ex, facts = run(
        nlp,
        "Dr Ines Moreau said the signal was real. She added that more observations would be "
        "needed before anyone could say the planet was habitable.",
    )
    text = ex.article.text
    contents = [text[c.start : c.end] for c in facts.claims]
    assert any(c.endswith("before anyone could say the planet was habitable") for c in contents)


def test_the_force_is_the_police_force_that_spoke(nlp: object) -> None:
    ex, facts = run(
        nlp,
        "Two men were charged, Thames Valley Police said.\n\n"
        "Officers were called to the shop shortly after 10am, the force said in a statement.",
    )
    text = ex.article.text
    called = next(c for c in facts.claims if "Officers were called" in text[c.start : c.end])
    assert called.claimant is not None
    assert text[called.claimant[0] : called.claimant[1]] == "Thames Valley Police"
