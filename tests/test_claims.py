"""Tests of the claim rules (kg/facts/claims.py) and speaker coreference (kg/coref.py) on Docs
built by hand from ``spacy.blank("en")``: the tags and the dependency tree of each sentence are
written out here (as the parser gives them), so no model is loaded. Names are made up.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.facts import extract_facts
from kg.facts.quotes import find_quotes
from kg.records import Article, Claim, EntityType, Extraction, Mention, Sentence

#: Per token: (tag, pos, dep, head index), for the tokens spaCy's tokenizer makes of the text.
Parse = list[tuple[str, str, str, int]]


@cache
def _blank() -> Any:
    import spacy

    return spacy.blank("en")


def parsed(text: str, parse: Parse) -> Any:
    from spacy.tokens import Doc

    tokens = _blank()(text)
    assert len(tokens) == len(parse), [t.text for t in tokens]
    tags, pos, deps, heads = zip(*parse, strict=True)
    return Doc(
        _blank().vocab,
        words=[t.text for t in tokens],
        spaces=[bool(t.whitespace_) for t in tokens],
        tags=list(tags),
        pos=list(pos),
        deps=list(deps),
        heads=list(heads),
    )


def claims_of(
    text: str, parse: Parse, names: dict[str, EntityType]
) -> tuple[Extraction, tuple[Claim, ...]]:
    doc = parsed(text, parse)
    sentences = tuple(Sentence(start=s.start_char, end=s.end_char) for s in doc.sents)
    mentions = []
    for name, etype in names.items():
        at = 0
        while (at := text.find(name, at)) >= 0:
            index = max(i for i, s in enumerate(sentences) if s.start <= at)
            mentions.append(
                Mention(
                    start=at,
                    end=at + len(name),
                    text=name,
                    type=etype,
                    sentence=index,
                    extractor="test",
                )
            )
            at += len(name)
    article = Article(id="a", text=text, source="a.txt", content_hash="")
    ex = Extraction(article=article, sentences=sentences, mentions=tuple(mentions))
    return ex, extract_facts(ex, doc=doc).claims


def show(ex: Extraction, claim: Claim) -> tuple[str | None, str, str, bool]:
    """(claimant's mention, speaker's words, claimed text, direct)."""
    text = ex.article.text
    claimant = text[claim.claimant[0] : claim.claimant[1]] if claim.claimant else None
    speaker = text[claim.speaker[0] : claim.speaker[1]] if claim.speaker else ""
    content = " | ".join(text[s:e] for s, e in claim.parts)
    return claimant, speaker, content, claim.direct


def test_reported_speech_content_is_the_complement_without_that_and_adjuncts() -> None:
    # Business: "said on Tuesday that X" has content X.
    text = "Acme Corp said on Tuesday that profits rose."
    parse: Parse = [
        ("NNP", "PROPN", "compound", 1), ("NNP", "PROPN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2),
        ("IN", "ADP", "prep", 2), ("NNP", "PROPN", "pobj", 3), ("IN", "SCONJ", "mark", 7),
        ("NNS", "NOUN", "nsubj", 7), ("VBD", "VERB", "ccomp", 2), (".", "PUNCT", "punct", 2),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {"Acme Corp": "Organization"})
    assert show(ex, claim) == ("Acme Corp", "Acme Corp", "profits rose", False)
    assert claim.cue_span is not None and text[slice(*claim.cue_span)] == "said"
    assert claim.speaker_kind == "name"


def test_split_quotation_is_one_direct_claim_of_the_role_holder() -> None:
    # Sport: the coach named by title one sentence before.
    text = "Coach Maria Lopez was angry. “We will appeal,” the coach said, “and we will win.”"
    parse: Parse = [
        ("NNP", "PROPN", "compound", 2), ("NNP", "PROPN", "compound", 2),
        ("NNP", "PROPN", "nsubj", 3), ("VBD", "AUX", "ROOT", 3), ("JJ", "ADJ", "acomp", 3),
        (".", "PUNCT", "punct", 3), ("``", "PUNCT", "punct", 14), ("PRP", "PRON", "nsubj", 9),
        ("MD", "AUX", "aux", 9), ("VB", "VERB", "ccomp", 14), (",", "PUNCT", "punct", 14),
        ("''", "PUNCT", "punct", 14), ("DT", "DET", "det", 13), ("NN", "NOUN", "nsubj", 14),
        ("VBD", "VERB", "ROOT", 14), (",", "PUNCT", "punct", 14), ("``", "PUNCT", "punct", 14),
        ("CC", "CCONJ", "cc", 20), ("PRP", "PRON", "nsubj", 20), ("MD", "AUX", "aux", 20),
        ("VB", "VERB", "ccomp", 14), (".", "PUNCT", "punct", 14), ("''", "PUNCT", "punct", 14),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {"Maria Lopez": "Person"})
    assert show(ex, claim) == (
        "Maria Lopez",
        "the coach",
        "We will appeal | and we will win",
        True,
    )
    assert claim.speaker_kind == "np"


@pytest.fixture
def she_said() -> tuple[str, Parse]:
    """A woman and a man named, then "She said ..." (the text and its parse)."""
    text = "John Smith met Maria Lopez. She said the team was ready."
    parse: Parse = [
        ("NNP", "PROPN", "compound", 1), ("NNP", "PROPN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2),
        ("NNP", "PROPN", "compound", 4), ("NNP", "PROPN", "dobj", 2), (".", "PUNCT", "punct", 2),
        ("PRP", "PRON", "nsubj", 7), ("VBD", "VERB", "ROOT", 7), ("DT", "DET", "det", 9),
        ("NN", "NOUN", "nsubj", 10), ("VBD", "AUX", "ccomp", 7), ("JJ", "ADJ", "acomp", 10),
        (".", "PUNCT", "punct", 7),
    ]  # fmt: skip
    return text, parse


def test_she_is_the_last_woman_named_not_the_last_person(she_said: tuple[str, Parse]) -> None:
    text, parse = she_said
    ex, (claim,) = claims_of(text, parse, {"John Smith": "Person", "Maria Lopez": "Person"})
    assert show(ex, claim) == ("Maria Lopez", "She", "the team was ready", False)
    assert claim.speaker_kind == "pronoun"


def test_a_surname_alone_has_the_gender_of_its_full_name() -> None:
    # Health: "Francis" is a man's given name, but here the surname of Laura Francis, so "She"
    # is her (the nearer sentence), not Anna Cole, the first woman of the sentence before.
    text = (
        "Anna Cole met Laura Francis. Francis said the ward was full. She said two nurses had left."
    )
    parse: Parse = [
        ("NNP", "PROPN", "compound", 1), ("NNP", "PROPN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2),
        ("NNP", "PROPN", "compound", 4), ("NNP", "PROPN", "dobj", 2), (".", "PUNCT", "punct", 2),
        ("NNP", "PROPN", "nsubj", 7), ("VBD", "VERB", "ROOT", 7), ("DT", "DET", "det", 9),
        ("NN", "NOUN", "nsubj", 10), ("VBD", "AUX", "ccomp", 7), ("JJ", "ADJ", "acomp", 10),
        (".", "PUNCT", "punct", 7),
        ("PRP", "PRON", "nsubj", 14), ("VBD", "VERB", "ROOT", 14), ("CD", "NUM", "nummod", 16),
        ("NNS", "NOUN", "nsubj", 18), ("VBD", "AUX", "aux", 18), ("VBN", "VERB", "ccomp", 14),
        (".", "PUNCT", "punct", 14),
    ]  # fmt: skip
    names: dict[str, EntityType] = {"Anna Cole": "Person", "Laura Francis": "Person"}
    ex, claims = claims_of(text, parse, {**names, "Francis": "Person"})
    assert [show(ex, c)[:2] for c in claims] == [("Francis", "Francis"), ("Francis", "She")]
    assert text[claims[1].claimant[0] :].startswith("Francis said")  # type: ignore[index]


def test_a_claim_counts_from_where_its_content_ends_for_a_later_pronoun() -> None:
    # Business: "They" three sentences after "Acme said:", but one after its statement ends.
    from kg.coref import Resolver, Speaker

    text = "Acme Corp said: The plant is safe. Nobody was hurt. It reopens soon. They said more."
    starts = [0, 16] + [i + 2 for i in range(len(text)) if text.startswith(". ", i)]
    acme = Mention(start=0, end=9, text="Acme Corp", type="Organization", sentence=0, extractor="t")
    resolver = Resolver(text, [acme], starts)
    said = text.index("said")
    resolver.history.append((said, Speaker((0, 9), acme, "name", "test")))
    later = text.index("said more")
    assert resolver._last_speaker(later) is None  # counted from the cue: too far back
    resolver.claimed(said, text.index(" They"))
    found = resolver._last_speaker(later)
    assert found is not None and found.mention == acme


def test_the_same_noun_phrase_keeps_its_body_after_another_spoke() -> None:
    # Business: "The company added" is Acme again, though the Widget Group spoke last.
    text = (
        "Acme Corp hired Jo Park. The company said sales rose. The Widget Group said prices "
        "fell. The company added that jobs were safe."
    )
    parse: Parse = [
        ("NNP", "PROPN", "compound", 1), ("NNP", "PROPN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2),
        ("NNP", "PROPN", "compound", 4), ("NNP", "PROPN", "dobj", 2), (".", "PUNCT", "punct", 2),
        ("DT", "DET", "det", 7), ("NN", "NOUN", "nsubj", 8), ("VBD", "VERB", "ROOT", 8),
        ("NNS", "NOUN", "nsubj", 10), ("VBD", "VERB", "ccomp", 8), (".", "PUNCT", "punct", 8),
        ("DT", "DET", "det", 14), ("NNP", "PROPN", "compound", 14), ("NNP", "PROPN", "nsubj", 15),
        ("VBD", "VERB", "ROOT", 15), ("NNS", "NOUN", "nsubj", 17), ("VBD", "VERB", "ccomp", 15),
        (".", "PUNCT", "punct", 15),
        ("DT", "DET", "det", 20), ("NN", "NOUN", "nsubj", 21), ("VBD", "VERB", "ROOT", 21),
        ("IN", "SCONJ", "mark", 24), ("NNS", "NOUN", "nsubj", 24), ("VBD", "AUX", "ccomp", 21),
        ("JJ", "ADJ", "acomp", 24), (".", "PUNCT", "punct", 21),
    ]  # fmt: skip
    names: dict[str, EntityType] = {"Acme Corp": "Organization", "Widget Group": "Organization"}
    ex, claims = claims_of(text, parse, {**names, "Jo Park": "Person"})
    assert [show(ex, c)[:2] for c in claims] == [
        ("Acme Corp", "The company"),
        ("Widget Group", "The Widget Group"),
        ("Acme Corp", "The company"),
    ]


def test_she_with_no_woman_named_gives_no_claim(she_said: tuple[str, Parse]) -> None:
    text, parse = she_said
    _, claims = claims_of(text, parse, {"Maria Lopez": "Person"})
    assert [c.claimant for c in claims] == [(15, 26)]
    _, claims = claims_of(text.replace("Maria", "Marco"), parse, {"Marco Lopez": "Person"})
    assert claims == ()  # "She" cannot be Marco


def test_a_speaker_never_named_stays_unnamed() -> None:
    # Politics: not a wrong entity, only the words.
    text = "A senior official said the plan had failed."
    parse: Parse = [
        ("DT", "DET", "det", 2), ("JJ", "ADJ", "amod", 2), ("NN", "NOUN", "nsubj", 3),
        ("VBD", "VERB", "ROOT", 3), ("DT", "DET", "det", 5), ("NN", "NOUN", "nsubj", 7),
        ("VBD", "AUX", "aux", 7), ("VBN", "VERB", "ccomp", 3), (".", "PUNCT", "punct", 3),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {})
    assert show(ex, claim) == (None, "A senior official", "the plan had failed", False)
    assert claim.speaker_kind == "unnamed"


def test_according_to_covers_the_clause_around_it() -> None:
    # Business: the source is the object of "according to".
    text = "Shares fell sharply, according to Reuters."
    parse: Parse = [
        ("NNS", "NOUN", "nsubj", 1), ("VBD", "VERB", "ROOT", 1), ("RB", "ADV", "advmod", 1),
        (",", "PUNCT", "punct", 1), ("VBG", "VERB", "prep", 1), ("IN", "ADP", "prep", 4),
        ("NNP", "PROPN", "pobj", 5), (".", "PUNCT", "punct", 1),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {"Reuters": "NewsMediaOrganization"})
    assert show(ex, claim) == ("Reuters", "Reuters", "Shares fell sharply", False)
    assert claim.cue == "according to"


def test_a_quotation_no_cue_frames_continues_the_one_before() -> None:
    text = "“The deal is done,” Lopez said. “We are very happy with it.”"
    parse: Parse = [
        ("``", "PUNCT", "punct", 8), ("DT", "DET", "det", 2), ("NN", "NOUN", "nsubjpass", 4),
        ("VBZ", "AUX", "auxpass", 4), ("VBN", "VERB", "ccomp", 8), (",", "PUNCT", "punct", 8),
        ("''", "PUNCT", "punct", 8), ("NNP", "PROPN", "nsubj", 8), ("VBD", "VERB", "ROOT", 8),
        (".", "PUNCT", "punct", 8), ("``", "PUNCT", "punct", 12), ("PRP", "PRON", "nsubj", 12),
        ("VBP", "AUX", "ROOT", 12), ("RB", "ADV", "advmod", 14), ("JJ", "ADJ", "acomp", 12),
        ("IN", "ADP", "prep", 14), ("PRP", "PRON", "pobj", 15), (".", "PUNCT", "punct", 12),
        ("''", "PUNCT", "punct", 12),
    ]  # fmt: skip
    ex, claims = claims_of(text, parse, {"Lopez": "Person"})
    # In the same paragraph: one claim the attribution interrupts (a new paragraph's quotation
    # is a claim of its own: see the test after a narrative sentence below).
    assert [show(ex, c) for c in claims] == [
        ("Lopez", "Lopez", "The deal is done | We are very happy with it", True),
    ]
    assert [c.rule.split("@")[0] for c in claims] == ["claim:quote"]


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("He said “we will win the cup” today.", "we will win the cup"),
        ('He said "we will win the cup" today.', "we will win the cup"),
        ("He said ``we will win the cup'' today.", "we will win the cup"),
        ("He said «we will win the cup» today.", "we will win the cup"),
        ("He said ‘we will win the cup’ today.", "we will win the cup"),
        ("“It’s over,” she said.", "It’s over,"),
    ],
)
def test_quotations_in_the_usual_marks(text: str, inside: str) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == [inside]


def test_a_quotation_runs_into_the_next_paragraph_that_reopens_it() -> None:
    text = "“First part of it.\n\n“Second part.” Then prose.\n\n“Open at the end.\n\nProse."
    quotes = [text[q.start : q.end] for q in find_quotes(text)]
    assert quotes == ["First part of it.\n\n“Second part.", "Open at the end."]


def test_a_quotation_closed_at_the_end_of_the_next_paragraph_runs_into_it() -> None:
    # Sport and business: the quote mark is left open and only the next paragraph closes it.
    text = 'The coach said, "We learned a lot.\n\nIt was a long day."\n\nProse "a title" here.'
    quotes = [text[q.start : q.end] for q in find_quotes(text)]
    assert quotes == ["We learned a lot.\n\nIt was a long day.", "a title"]
    # A next paragraph with quote marks of its own does not continue the open one.
    text = 'He said, "We learned.\n\nShe said, "No."'
    assert next(text[q.start : q.end] for q in find_quotes(text)) == "We learned."


def test_relative_who_after_an_apposition_is_the_person_not_the_body() -> None:
    # Business: "Jo Li, an analyst at Acme Corp, who said" -> Jo Li, not Acme Corp.
    text = 'It was Jo Li, an analyst at Acme Corp, who said, "Demand is strong."'
    parse: Parse = [
        ("PRP", "PRON", "nsubj", 1), ("VBD", "AUX", "ROOT", 1), ("NNP", "PROPN", "compound", 3),
        ("NNP", "PROPN", "attr", 1), (",", "PUNCT", "punct", 3), ("DT", "DET", "det", 6),
        ("NN", "NOUN", "appos", 3), ("IN", "ADP", "prep", 6), ("NNP", "PROPN", "compound", 9),
        ("NNP", "PROPN", "pobj", 7), (",", "PUNCT", "punct", 9), ("WP", "PRON", "nsubj", 12),
        ("VBD", "VERB", "relcl", 9), (",", "PUNCT", "punct", 12), ("``", "PUNCT", "punct", 12),
        ("NN", "NOUN", "nsubj", 16), ("VBZ", "AUX", "ccomp", 12), ("JJ", "ADJ", "acomp", 16),
        (".", "PUNCT", "punct", 12), ("''", "PUNCT", "punct", 12),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {"Jo Li": "Person", "Acme Corp": "Organization"})
    assert show(ex, claim)[0] == "Jo Li"
    assert show(ex, claim)[2].startswith("Demand is strong")


def test_a_letter_stating_speaks_for_its_writer_not_its_addressee() -> None:
    # Politics / business: "resigned in a letter to the board stating" -> the one who resigned.
    text = 'Jo Li resigned in a letter to Acme Corp stating, "My time has come."'
    parse: Parse = [
        ("NNP", "PROPN", "compound", 1), ("NNP", "PROPN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2),
        ("IN", "ADP", "prep", 2), ("DT", "DET", "det", 5), ("NN", "NOUN", "pobj", 3),
        ("IN", "ADP", "prep", 5), ("NNP", "PROPN", "compound", 8), ("NNP", "PROPN", "pobj", 6),
        ("VBG", "VERB", "acl", 5), (",", "PUNCT", "punct", 9), ("``", "PUNCT", "punct", 9),
        ("PRP$", "PRON", "poss", 13), ("NN", "NOUN", "nsubj", 15), ("VBZ", "AUX", "aux", 15),
        ("VBN", "VERB", "ccomp", 9), (".", "PUNCT", "punct", 2), ("''", "PUNCT", "punct", 2),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {"Jo Li": "Person", "Acme Corp": "Organization"})
    assert show(ex, claim)[:2] == ("Jo Li", "Jo Li")
    assert show(ex, claim)[2].startswith("My time has come")


def test_a_statement_after_said_colon_in_the_next_paragraph_is_the_claim() -> None:
    # Government releases, sport clubs: "X said:¶<statement>" (crashed the claims sort on re3d
    # when the content was clipped to the cue's own paragraph).
    text = "Jane Roe said:\n\nThe attack was an act of terror."
    parse: Parse = [
        ("NNP", "PROPN", "compound", 1), ("NNP", "PROPN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2),
        (":", "PUNCT", "punct", 2), ("_SP", "SPACE", "dep", 3), ("DT", "DET", "det", 6),
        ("NN", "NOUN", "nsubj", 7), ("VBD", "AUX", "ROOT", 7), ("DT", "DET", "det", 9),
        ("NN", "NOUN", "attr", 7), ("IN", "ADP", "prep", 9), ("NN", "NOUN", "pobj", 10),
        (".", "PUNCT", "punct", 7),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {"Jane Roe": "Person"})
    assert show(ex, claim)[:2] == ("Jane Roe", "Jane Roe")
    assert show(ex, claim)[2].startswith("The attack was an act of terror")


def test_a_colon_closing_the_cues_clause_and_paragraph_introduces_the_statement() -> None:
    # Business / crime: "X denied the reports:¶<statement>".
    text = "Acme Corp denied the reports:\n\nThe figures are wrong."
    parse: Parse = [
        ("NNP", "PROPN", "compound", 1), ("NNP", "PROPN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2),
        ("DT", "DET", "det", 4), ("NNS", "NOUN", "dobj", 2), (":", "PUNCT", "punct", 2),
        ("_SP", "SPACE", "dep", 5), ("DT", "DET", "det", 8), ("NNS", "NOUN", "nsubj", 9),
        ("VBP", "AUX", "ROOT", 9), ("JJ", "ADJ", "acomp", 9), (".", "PUNCT", "punct", 9),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {"Acme Corp": "Organization"})
    assert show(ex, claim)[0] == "Acme Corp"
    assert show(ex, claim)[2].startswith("The figures are wrong")
    # A colon inside the paragraph after an object is a list, not a statement.
    text = "Acme Corp denied the reports: all three."
    parse = [
        ("NNP", "PROPN", "compound", 1), ("NNP", "PROPN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2),
        ("DT", "DET", "det", 4), ("NNS", "NOUN", "dobj", 2), (":", "PUNCT", "punct", 2),
        ("DT", "DET", "det", 7), ("CD", "NUM", "appos", 4), (".", "PUNCT", "punct", 2),
    ]  # fmt: skip
    assert claims_of(text, parse, {"Acme Corp": "Organization"})[1] == ()


def test_a_paragraph_ending_with_its_cue_opens_the_quotation_below() -> None:
    # Sport: 'Jo Li stated,¶"We lost the match."'
    text = 'Jo Li stated,\n\n"We lost the match."'
    parse: Parse = [
        ("NNP", "PROPN", "compound", 1), ("NNP", "PROPN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2),
        (",", "PUNCT", "punct", 2), ("_SP", "SPACE", "dep", 3), ("``", "PUNCT", "punct", 7),
        ("PRP", "PRON", "nsubj", 7), ("VBD", "VERB", "ROOT", 7), ("DT", "DET", "det", 9),
        ("NN", "NOUN", "dobj", 7), (".", "PUNCT", "punct", 7), ("''", "PUNCT", "punct", 7),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {"Jo Li": "Person"})
    assert show(ex, claim)[0] == "Jo Li"
    assert show(ex, claim)[2].startswith("We lost the match")
    assert claim.direct


def test_a_second_report_hung_inside_the_first_is_its_own_claim() -> None:
    # Business: "said Acme was late and warned it would close" -> two claims of Jo Li.
    text = "Jo Li said Acme was late and warned it would close."
    parse: Parse = [
        ("NNP", "PROPN", "compound", 1), ("NNP", "PROPN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2),
        ("NNP", "PROPN", "nsubj", 4), ("VBD", "AUX", "ccomp", 2), ("JJ", "ADJ", "acomp", 4),
        ("CC", "CCONJ", "cc", 4), ("VBD", "VERB", "conj", 4), ("PRP", "PRON", "nsubj", 10),
        ("MD", "AUX", "aux", 10), ("VB", "VERB", "ccomp", 7), (".", "PUNCT", "punct", 2),
    ]  # fmt: skip
    ex, claims = claims_of(text, parse, {"Jo Li": "Person", "Acme": "Organization"})
    assert [show(ex, c)[:3] for c in claims] == [
        ("Jo Li", "Jo Li", "Acme was late"),
        ("Jo Li", "Jo Li", "it would close"),
    ]


def test_the_government_is_not_any_body_of_the_type_named_before() -> None:
    # Politics: a government body named only as an object, never as speaker or subject, and
    # without the word "government": "the government says" stays unnamed rather than wrong.
    text = "Jo Li visited Acme Agency. The government says costs rose."
    parse: Parse = [
        ("NNP", "PROPN", "compound", 1), ("NNP", "PROPN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2),
        ("NNP", "PROPN", "compound", 4), ("NNP", "PROPN", "dobj", 2), (".", "PUNCT", "punct", 2),
        ("DT", "DET", "det", 7), ("NN", "NOUN", "nsubj", 8), ("VBZ", "VERB", "ROOT", 8),
        ("NNS", "NOUN", "nsubj", 10), ("VBD", "VERB", "ccomp", 8), (".", "PUNCT", "punct", 8),
    ]  # fmt: skip
    names: dict[str, EntityType] = {"Jo Li": "Person", "Acme Agency": "GovernmentOrganization"}
    ex, (claim,) = claims_of(text, parse, names)
    assert show(ex, claim)[:3] == (None, "The government", "costs rose")
    assert claim.speaker_kind == "unnamed"


def test_a_subject_across_a_paragraph_break_is_not_the_speaker() -> None:
    # Business: the parser ran the headline into the sentence and gave "said" two subjects.
    text = "Bank raises rates\n\nOfficials said the move was expected."
    parse: Parse = [
        ("NNP", "PROPN", "nsubj", 5), ("VBZ", "VERB", "acl", 0), ("NNS", "NOUN", "dobj", 1),
        ("_SP", "SPACE", "dep", 2), ("NNS", "NOUN", "nsubj", 5), ("VBD", "VERB", "ROOT", 5),
        ("DT", "DET", "det", 7), ("NN", "NOUN", "nsubjpass", 9), ("VBD", "AUX", "auxpass", 9),
        ("VBN", "VERB", "ccomp", 5), (".", "PUNCT", "punct", 5),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {"Bank": "Organization"})
    assert show(ex, claim) == (None, "Officials", "the move was expected", False)


def test_told_an_outlet_in_a_statement_that_has_the_clause_as_content() -> None:
    # Crime: the parser takes the that-clause for a relative clause of "statement".
    text = "Jo Li, a police spokeswoman, told Reuters in a statement that the suspect had fled."
    parse: Parse = [
        ("NNP", "PROPN", "compound", 1), ("NNP", "PROPN", "nsubj", 7), (",", "PUNCT", "punct", 1),
        ("DT", "DET", "det", 5), ("NN", "NOUN", "compound", 5), ("NN", "NOUN", "appos", 1),
        (",", "PUNCT", "punct", 1), ("VBD", "VERB", "ROOT", 7), ("NNP", "PROPN", "dobj", 7),
        ("IN", "ADP", "prep", 7), ("DT", "DET", "det", 11), ("NN", "NOUN", "pobj", 9),
        ("IN", "SCONJ", "mark", 16), ("DT", "DET", "det", 14), ("NN", "NOUN", "nsubj", 16),
        ("VBD", "AUX", "aux", 16), ("VBN", "VERB", "relcl", 11), (".", "PUNCT", "punct", 7),
    ]  # fmt: skip
    names: dict[str, EntityType] = {"Jo Li": "Person", "Reuters": "NewsMediaOrganization"}
    ex, (claim,) = claims_of(text, parse, names)
    assert show(ex, claim) == ("Jo Li", "Jo Li", "the suspect had fled", False)


def test_according_to_without_a_comma_keeps_the_clause_subject_in_the_content() -> None:
    # Crime: "According to the police the driver ...": the parser hangs "the driver" on the
    # source (the clause then has no subject of its own).
    text = "According to the police the driver was not wearing a belt."
    parse: Parse = [
        ("VBG", "VERB", "prep", 8), ("IN", "ADP", "prep", 0), ("DT", "DET", "det", 3),
        ("NN", "NOUN", "pobj", 1), ("DT", "DET", "det", 5), ("NN", "NOUN", "appos", 3),
        ("VBD", "AUX", "aux", 8), ("RB", "PART", "neg", 8), ("VBG", "VERB", "ROOT", 8),
        ("DT", "DET", "det", 10), ("NN", "NOUN", "dobj", 8), (".", "PUNCT", "punct", 8),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {})
    assert show(ex, claim)[1:3] == ("the police", "the driver was not wearing a belt")


def test_a_second_clause_joined_by_and_stays_in_the_content() -> None:
    # Crime: the parser made the second clause a conjunct of the cue, not of its complement.
    text = "Police claim the van was stolen and its plates were false."
    parse: Parse = [
        ("NNS", "NOUN", "nsubj", 1), ("VBP", "VERB", "ROOT", 1), ("DT", "DET", "det", 3),
        ("NN", "NOUN", "nsubjpass", 5), ("VBD", "AUX", "auxpass", 5),
        ("VBN", "VERB", "ccomp", 1), ("CC", "CCONJ", "cc", 1), ("PRP$", "PRON", "poss", 8),
        ("NNS", "NOUN", "nsubj", 9), ("VBD", "AUX", "conj", 1), ("JJ", "ADJ", "acomp", 9),
        (".", "PUNCT", "punct", 1),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {})
    assert show(ex, claim)[2] == "the van was stolen and its plates were false"
    # With a comma before "and", the second clause is the narrator's.
    text = "Police claim the van was stolen, and its plates were false."
    parse.insert(6, (",", "PUNCT", "punct", 1))
    parse = [(t, p, d, h + 1 if h >= 6 else h) for t, p, d, h in parse]
    ex, (claim,) = claims_of(text, parse, {})
    assert show(ex, claim)[2] == "the van was stolen"


def test_speaker_words_end_before_a_comma() -> None:
    # Business: "Analysts at Acme, the Dutch bank, said" -> the words "Analysts at Acme".
    text = "Analysts at Acme, the Dutch bank, said inflation would fall."
    parse: Parse = [
        ("NNS", "NOUN", "nsubj", 8), ("IN", "ADP", "prep", 0), ("NNP", "PROPN", "pobj", 1),
        (",", "PUNCT", "punct", 2), ("DT", "DET", "det", 6), ("JJ", "ADJ", "amod", 6),
        ("NN", "NOUN", "appos", 2), (",", "PUNCT", "punct", 2), ("VBD", "VERB", "ROOT", 8),
        ("NN", "NOUN", "nsubj", 11), ("MD", "AUX", "aux", 11), ("VB", "VERB", "ccomp", 8),
        (".", "PUNCT", "punct", 8),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {"Acme": "Organization"})
    assert show(ex, claim)[:3] == ("Acme", "Analysts at Acme", "inflation would fall")


def test_a_report_in_an_outlet_is_the_outlets_claim() -> None:
    # Sport: "a report in the Daily Post": the paper, though extraction did not name it.
    text = "According to a report in the Daily Post, the club will be sold."
    parse: Parse = [
        ("VBG", "VERB", "prep", 13), ("IN", "ADP", "prep", 0), ("DT", "DET", "det", 3),
        ("NN", "NOUN", "pobj", 1), ("IN", "ADP", "prep", 3), ("DT", "DET", "det", 7),
        ("NNP", "PROPN", "compound", 7), ("NNP", "PROPN", "pobj", 4), (",", "PUNCT", "punct", 13),
        ("DT", "DET", "det", 10), ("NN", "NOUN", "nsubjpass", 13), ("MD", "AUX", "aux", 13),
        ("VB", "AUX", "auxpass", 13), ("VBN", "VERB", "ROOT", 13), (".", "PUNCT", "punct", 13),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {})
    assert show(ex, claim)[:3] == (None, "the Daily Post", "the club will be sold")
    assert claim.speaker_kind == "name"
    ex, (claim,) = claims_of(text, parse, {"Daily Post": "NewsMediaOrganization"})
    assert show(ex, claim)[0] == "Daily Post"


_LEADERS = (
    "Chilean President Ana Rojas met Peruvian President Luis Vera in Lima. The {} leader said"
)
_LEADERS_PARSE: Parse = [
    ("JJ", "ADJ", "amod", 1), ("NNP", "PROPN", "compound", 3), ("NNP", "PROPN", "compound", 3),
    ("NNP", "PROPN", "nsubj", 4), ("VBD", "VERB", "ROOT", 4), ("JJ", "ADJ", "amod", 6),
    ("NNP", "PROPN", "compound", 8), ("NNP", "PROPN", "compound", 8),
    ("NNP", "PROPN", "dobj", 4), ("IN", "ADP", "prep", 8), ("NNP", "PROPN", "pobj", 9),
    (".", "PUNCT", "punct", 4), ("DT", "DET", "det", 14), ("JJ", "ADJ", "amod", 14),
    ("NN", "NOUN", "nsubj", 15), ("VBD", "VERB", "ROOT", 15), ("DT", "DET", "det", 17),
    ("NN", "NOUN", "nsubj", 19), ("MD", "AUX", "aux", 19), ("VB", "VERB", "ccomp", 15),
    (".", "PUNCT", "punct", 15),
]  # fmt: skip


@pytest.mark.parametrize(
    ("demonym", "holder"), [("Peruvian", "Luis Vera"), ("Chilean", "Ana Rojas"), ("Bolivian", None)]
)
def test_the_leader_of_a_country_is_the_last_head_of_that_country(
    demonym: str, holder: str | None
) -> None:
    # Politics: "the Peruvian leader" -> the person whose position is of Peru; a demonym no
    # position has leaves the speaker unnamed, not the nearest president.
    text = _LEADERS.format(demonym) + " the border would reopen."
    names: dict[str, EntityType] = {"Ana Rojas": "Person", "Luis Vera": "Person", "Lima": "City"}
    ex, (claim,) = claims_of(text, _LEADERS_PARSE, names)
    assert show(ex, claim)[:3] == (holder, f"The {demonym} leader", "the border would reopen")


def test_a_reported_clause_runs_to_the_end_of_the_quotation_it_opens() -> None:
    # Politics: the parser ends the sentence inside the quotation.
    text = 'The minister said the deal was "dead. We will walk away."'
    parse: Parse = [
        ("DT", "DET", "det", 1), ("NN", "NOUN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2),
        ("DT", "DET", "det", 4), ("NN", "NOUN", "nsubj", 5), ("VBD", "AUX", "ccomp", 2),
        ("``", "PUNCT", "punct", 5), ("JJ", "ADJ", "acomp", 5), (".", "PUNCT", "punct", 2),
        ("PRP", "PRON", "nsubj", 11), ("MD", "AUX", "aux", 11), ("VB", "VERB", "ROOT", 11),
        ("RB", "ADV", "advmod", 11), (".", "PUNCT", "punct", 11), ("''", "PUNCT", "punct", 11),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {})
    assert show(ex, claim)[2] == 'the deal was "dead. We will walk away'


def test_a_clause_of_the_complement_outside_the_quotation_is_kept() -> None:
    # Science / education: 'said funds would follow, "and schools can apply now."'
    text = 'Lopez said funds would follow, "and schools can apply now."'
    parse: Parse = [
        ("NNP", "PROPN", "nsubj", 1), ("VBD", "VERB", "ROOT", 1), ("NNS", "NOUN", "nsubj", 4),
        ("MD", "AUX", "aux", 4), ("VB", "VERB", "ccomp", 1), (",", "PUNCT", "punct", 10),
        ("``", "PUNCT", "punct", 10), ("CC", "CCONJ", "cc", 10), ("NNS", "NOUN", "nsubj", 10),
        ("MD", "AUX", "aux", 10), ("VB", "VERB", "ccomp", 1), ("RB", "ADV", "advmod", 10),
        (".", "PUNCT", "punct", 1), ("''", "PUNCT", "punct", 1),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {"Lopez": "Person"})
    assert show(ex, claim) == (
        "Lopez",
        "Lopez",
        "funds would follow | and schools can apply now",
        True,
    )


_SLOPPY = '"We were sloppy," the coach said. {} lost three games in a row.\n\n"We must defend."'
_SLOPPY_PARSE: Parse = [
    ("``", "PUNCT", "punct", 8), ("PRP", "PRON", "nsubj", 2), ("VBD", "AUX", "ccomp", 8),
    ("JJ", "ADJ", "acomp", 2), (",", "PUNCT", "punct", 8), ("''", "PUNCT", "punct", 8),
    ("DT", "DET", "det", 7), ("NN", "NOUN", "nsubj", 8), ("VBD", "VERB", "ROOT", 8),
    (".", "PUNCT", "punct", 8), ("NNP", "PROPN", "compound", 11), ("NNP", "PROPN", "nsubj", 12),
    ("VBD", "VERB", "ROOT", 12), ("CD", "NUM", "nummod", 14), ("NNS", "NOUN", "dobj", 12),
    ("IN", "ADP", "prep", 12), ("DT", "DET", "det", 17), ("NN", "NOUN", "pobj", 15),
    (".", "PUNCT", "punct", 12), ("_SP", "SPACE", "dep", 18), ("``", "PUNCT", "punct", 22),
    ("PRP", "PRON", "nsubj", 22), ("MD", "AUX", "aux", 22), ("VB", "VERB", "ROOT", 22),
    (".", "PUNCT", "punct", 22), ("''", "PUNCT", "punct", 22),
]  # fmt: skip


@pytest.mark.parametrize(
    ("subject", "kind", "inherits"),
    [("Ann Lee", "Person", False), ("The Hawks", "Organization", True)],
)
def test_a_quotation_after_a_narrative_sentence_continues_the_speaker_unless_a_person_comes_between(
    subject: str, kind: EntityType, inherits: bool
) -> None:
    # Sport: the quotation in the next paragraph goes on with the coach's words; after a sentence
    # naming another person it may be that person's.
    text = _SLOPPY.format(subject)
    names: dict[str, EntityType] = {"Jo Li": "Person", subject: kind}
    ex, claims = claims_of("Coach Jo Li was angry. " + text, _shift(_SLOPPY_PARSE), names)
    said = [show(ex, c)[2] for c in claims]
    assert said == (["We were sloppy", "We must defend"] if inherits else ["We were sloppy"])
    assert all(c.claimant is not None for c in claims)


def _shift(parse: Parse) -> Parse:
    """``parse`` after the five tokens of "Coach Jo Li was angry."."""
    head: Parse = [
        ("NNP", "PROPN", "compound", 2), ("NNP", "PROPN", "compound", 2),
        ("NNP", "PROPN", "nsubj", 3), ("VBD", "AUX", "ROOT", 3), ("JJ", "ADJ", "acomp", 3),
        (".", "PUNCT", "punct", 3),
    ]  # fmt: skip
    return head + [(t, p, d, h + len(head)) for t, p, d, h in parse]


def test_a_surname_has_the_gender_of_the_full_name_before_it() -> None:
    # Business: "He" after "Lopez" (Maria Lopez) is Tom Baker, not the nearer Lopez.
    text = "Maria Lopez met Tom Baker. Lopez said the plan was sound. He said it was not."
    parse: Parse = [
        ("NNP", "PROPN", "compound", 1), ("NNP", "PROPN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2),
        ("NNP", "PROPN", "compound", 4), ("NNP", "PROPN", "dobj", 2), (".", "PUNCT", "punct", 2),
        ("NNP", "PROPN", "nsubj", 7), ("VBD", "VERB", "ROOT", 7), ("DT", "DET", "det", 9),
        ("NN", "NOUN", "nsubj", 10), ("VBD", "AUX", "ccomp", 7), ("JJ", "ADJ", "acomp", 10),
        (".", "PUNCT", "punct", 7), ("PRP", "PRON", "nsubj", 14), ("VBD", "VERB", "ROOT", 14),
        ("PRP", "PRON", "nsubj", 16), ("VBD", "AUX", "ccomp", 14), ("RB", "PART", "neg", 16),
        (".", "PUNCT", "punct", 14),
    ]  # fmt: skip
    names: dict[str, EntityType] = {"Maria Lopez": "Person", "Tom Baker": "Person"}
    ex, claims = claims_of(text, parse, {**names, "Lopez": "Person"})
    assert [show(ex, c)[:2] for c in claims] == [("Lopez", "Lopez"), ("Tom Baker", "He")]


def test_he_after_an_unnamed_spokesman_is_that_spokesman() -> None:
    # Business: the subject of the sentence before, not a person named further back.
    text = "A spokesman for Acme said the plant would close. He added that staff would be moved."
    parse: Parse = [
        ("DT", "DET", "det", 1), ("NN", "NOUN", "nsubj", 4), ("IN", "ADP", "prep", 1),
        ("NNP", "PROPN", "pobj", 2), ("VBD", "VERB", "ROOT", 4), ("DT", "DET", "det", 6),
        ("NN", "NOUN", "nsubj", 8), ("MD", "AUX", "aux", 8), ("VB", "VERB", "ccomp", 4),
        (".", "PUNCT", "punct", 4), ("PRP", "PRON", "nsubj", 11), ("VBD", "VERB", "ROOT", 11),
        ("IN", "SCONJ", "mark", 16), ("NN", "NOUN", "nsubjpass", 16), ("MD", "AUX", "aux", 16),
        ("VB", "AUX", "auxpass", 16), ("VBN", "VERB", "ccomp", 11), (".", "PUNCT", "punct", 11),
    ]  # fmt: skip
    ex, claims = claims_of("Tom Baker runs Acme. " + text, _after_baker(parse), _ACME)
    assert [show(ex, c)[:3] for c in claims] == [
        ("Acme", "A spokesman for Acme", "the plant would close"),
        ("Acme", "He", "staff would be moved"),
    ]


_ACME: dict[str, EntityType] = {"Tom Baker": "Person", "Acme": "Organization"}


def _after_baker(parse: Parse) -> Parse:
    """``parse`` after the five tokens of "Tom Baker runs Acme."."""
    head: Parse = [
        ("NNP", "PROPN", "compound", 1), ("NNP", "PROPN", "nsubj", 2), ("VBZ", "VERB", "ROOT", 2),
        ("NNP", "PROPN", "dobj", 2), (".", "PUNCT", "punct", 2),
    ]  # fmt: skip
    return head + [(t, p, d, h + len(head)) for t, p, d, h in parse]


def test_another_sources_report_inside_the_clause_is_its_own_claim() -> None:
    # Crime: the parser hung "while witnesses said ..." inside the police's clause.
    text = "Police said the road was closed, while witnesses said it was open."
    parse: Parse = [
        ("NNS", "NOUN", "nsubj", 1), ("VBD", "VERB", "ROOT", 1), ("DT", "DET", "det", 3),
        ("NN", "NOUN", "nsubj", 4), ("VBD", "AUX", "auxpass", 5), ("VBN", "VERB", "ccomp", 1),
        (",", "PUNCT", "punct", 5), ("IN", "SCONJ", "mark", 9), ("NNS", "NOUN", "nsubj", 9),
        ("VBD", "VERB", "advcl", 5), ("PRP", "PRON", "nsubj", 11), ("VBD", "AUX", "ccomp", 9),
        ("JJ", "ADJ", "acomp", 11), (".", "PUNCT", "punct", 1),
    ]  # fmt: skip
    ex, claims = claims_of(text, parse, {})
    assert [show(ex, c)[1:3] for c in claims] == [
        ("Police", "the road was closed"),
        ("witnesses", "it was open"),
    ]


def test_a_name_in_the_speakers_relative_clause_is_not_the_speaker() -> None:
    # Sport: "The striker, who joined from Porto" (extraction took Porto for a person): the
    # striker is never named, so the speaker stays unnamed.
    text = "The striker, who joined from Porto in May, said he was happy."
    parse: Parse = [
        ("DT", "DET", "det", 1), ("NN", "NOUN", "nsubj", 10), (",", "PUNCT", "punct", 1),
        ("WP", "PRON", "nsubj", 4), ("VBD", "VERB", "relcl", 1), ("IN", "ADP", "prep", 4),
        ("NNP", "PROPN", "pobj", 5), ("IN", "ADP", "prep", 4), ("NNP", "PROPN", "pobj", 7),
        (",", "PUNCT", "punct", 1), ("VBD", "VERB", "ROOT", 10), ("PRP", "PRON", "nsubj", 12),
        ("VBD", "AUX", "ccomp", 10), ("JJ", "ADJ", "acomp", 12), (".", "PUNCT", "punct", 10),
    ]  # fmt: skip
    kinds: tuple[EntityType, ...] = ("Person", "Organization")
    for kind in kinds:
        ex, (claim,) = claims_of(text, parse, {"Porto": kind})
        assert show(ex, claim)[:3] == (None, "The striker", "he was happy")


def test_a_phrase_of_when_the_report_was_made_is_not_content() -> None:
    # Business: "said on Wednesday it would pause" -> "it would pause".
    text = "The Fed said on Wednesday it would pause."
    parse: Parse = [
        ("DT", "DET", "det", 1), ("NNP", "PROPN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2),
        ("IN", "ADP", "prep", 7), ("NNP", "PROPN", "pobj", 3), ("PRP", "PRON", "nsubj", 7),
        ("MD", "AUX", "aux", 7), ("VB", "VERB", "ccomp", 2), (".", "PUNCT", "punct", 2),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {"Fed": "GovernmentOrganization"})
    assert show(ex, claim)[2] == "it would pause"
    # With a comma the phrase opens the reported clause: "said on Wednesday, it ..." stays.
    text = "The Fed said in May, it would pause."
    parse.insert(5, (",", "PUNCT", "punct", 8))
    parse = [(t, p, d, h + 1 if h >= 5 else h) for t, p, d, h in parse]
    ex, (claim,) = claims_of(text, parse, {"Fed": "GovernmentOrganization"})
    assert show(ex, claim)[2] == "in May, it would pause"


def test_an_accusation_is_the_object_and_its_charge() -> None:
    # Politics / crime: "accused the rebels of shelling the town" (no clause).
    text = "The ministry accused the rebels of shelling the town."
    parse: Parse = [
        ("DT", "DET", "det", 1), ("NN", "NOUN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2),
        ("DT", "DET", "det", 4), ("NNS", "NOUN", "dobj", 2), ("IN", "ADP", "prep", 4),
        ("VBG", "VERB", "pcomp", 5), ("DT", "DET", "det", 8), ("NN", "NOUN", "dobj", 6),
        (".", "PUNCT", "punct", 2),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {})
    assert show(ex, claim)[1:] == ("The ministry", "the rebels of shelling the town", False)


def test_one_supporter_is_an_unnamed_speaker() -> None:
    # Sport: a speaker from the crowd, after the quotation.
    text = '"It is a disgrace," said one supporter.'
    parse: Parse = [
        ("``", "PUNCT", "punct", 7), ("PRP", "PRON", "nsubj", 2), ("VBZ", "AUX", "ccomp", 7),
        ("DT", "DET", "det", 4), ("NN", "NOUN", "attr", 2), (",", "PUNCT", "punct", 7),
        ("''", "PUNCT", "punct", 7), ("VBD", "VERB", "ROOT", 7), ("CD", "NUM", "nummod", 9),
        ("NN", "NOUN", "nsubj", 7), (".", "PUNCT", "punct", 7),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {})
    assert show(ex, claim) == (None, "one supporter", "It is a disgrace", True)
    assert claim.speaker_kind == "unnamed"


def test_adding_after_a_report_hung_inside_another_is_the_same_speakers() -> None:
    # Sport: the parser ran two paragraphs together and hung '“...,” he said, adding that ...'
    # inside the first report.
    text = 'Acme said it would pause.\n\n"We will not give up," he said, adding that it would win.'
    parse: Parse = [
        ("NNP", "PROPN", "nsubj", 1), ("VBD", "VERB", "ROOT", 1), ("PRP", "PRON", "nsubj", 4),
        ("MD", "AUX", "aux", 4), ("VB", "VERB", "ccomp", 1), (".", "PUNCT", "punct", 1),
        ("_SP", "SPACE", "dep", 5), ("``", "PUNCT", "punct", 11), ("PRP", "PRON", "nsubj", 11),
        ("MD", "AUX", "aux", 11), ("RB", "PART", "neg", 11), ("VB", "VERB", "ccomp", 16),
        ("RP", "ADP", "prt", 11), (",", "PUNCT", "punct", 16), ("''", "PUNCT", "punct", 16),
        ("PRP", "PRON", "nsubj", 16), ("VBD", "VERB", "ccomp", 1), (",", "PUNCT", "punct", 16),
        ("VBG", "VERB", "advcl", 16), ("IN", "SCONJ", "mark", 22), ("PRP", "PRON", "nsubj", 22),
        ("MD", "AUX", "aux", 22), ("VB", "VERB", "ccomp", 18), (".", "PUNCT", "punct", 16),
    ]  # fmt: skip
    names: dict[str, EntityType] = {"Jo Li": "Person", "Acme": "Organization"}
    ex, claims = claims_of("Coach Jo Li was angry. " + text, _shift(parse), names)
    assert [show(ex, c)[:3] for c in claims] == [
        ("Acme", "Acme", "it would pause"),
        ("Jo Li", "he", "We will not give up"),
        ("Jo Li", "he", "it would win"),
    ]


def test_the_paper_is_the_outlet_that_spoke_last_whatever_type_it_was_given() -> None:
    # Politics: extraction typed the newspaper a plain organisation.
    text = '"The deal is off," the Daily Courier said. The paper said that talks had failed.'
    parse: Parse = [
        ("``", "PUNCT", "punct", 10), ("DT", "DET", "det", 2), ("NN", "NOUN", "nsubj", 3),
        ("VBZ", "AUX", "ccomp", 10), ("RB", "ADV", "advmod", 3), (",", "PUNCT", "punct", 10),
        ("''", "PUNCT", "punct", 10), ("DT", "DET", "det", 9), ("NNP", "PROPN", "compound", 9),
        ("NNP", "PROPN", "nsubj", 10), ("VBD", "VERB", "ROOT", 10), (".", "PUNCT", "punct", 10),
        ("DT", "DET", "det", 13), ("NN", "NOUN", "nsubj", 14), ("VBD", "VERB", "ROOT", 14),
        ("IN", "SCONJ", "mark", 18), ("NNS", "NOUN", "nsubj", 18), ("VBD", "AUX", "aux", 18),
        ("VBN", "VERB", "ccomp", 14), (".", "PUNCT", "punct", 14),
    ]  # fmt: skip
    ex, claims = claims_of(text, parse, {"Daily Courier": "Organization"})
    assert [show(ex, c)[:3] for c in claims] == [
        ("Daily Courier", "the Daily Courier", "The deal is off"),
        ("Daily Courier", "The paper", "talks had failed"),
    ]


def test_an_acronym_tagged_as_a_plural_is_a_name() -> None:
    # Sport: "UEFA said" with UEFA tagged NNS and not taken as a mention.
    text = "UEFA said the match would be replayed."
    parse: Parse = [
        ("NNS", "NOUN", "nsubj", 1), ("VBD", "VERB", "ROOT", 1), ("DT", "DET", "det", 3),
        ("NN", "NOUN", "nsubjpass", 6), ("MD", "AUX", "aux", 6), ("VB", "AUX", "auxpass", 6),
        ("VBN", "VERB", "ccomp", 1), (".", "PUNCT", "punct", 1),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {})
    assert show(ex, claim)[:3] == (None, "UEFA", "the match would be replayed")
    assert claim.speaker_kind == "name"
    assert claims_of(text.replace("UEFA", "Fans"), parse, {})[1][0].speaker_kind == "unnamed"


def test_they_after_a_speaker_named_with_others_is_that_group() -> None:
    # Science: "According to Jo Li and her colleagues, ... they argue, adding ...".
    text = (
        "According to Jo Li and her colleagues, the drug works. "
        "Doctors must act now, they argue, adding it is cheap."
    )
    parse: Parse = [
        ("VBG", "VERB", "prep", 10), ("IN", "ADP", "prep", 0), ("NNP", "PROPN", "compound", 3),
        ("NNP", "PROPN", "pobj", 1), ("CC", "CCONJ", "cc", 3), ("PRP$", "PRON", "poss", 6),
        ("NNS", "NOUN", "conj", 3), (",", "PUNCT", "punct", 10), ("DT", "DET", "det", 9),
        ("NN", "NOUN", "nsubj", 10), ("VBZ", "VERB", "ROOT", 10), (".", "PUNCT", "punct", 10),
        ("NNS", "NOUN", "nsubj", 14), ("MD", "AUX", "aux", 14), ("VB", "VERB", "ccomp", 18),
        ("RB", "ADV", "advmod", 14), (",", "PUNCT", "punct", 18), ("PRP", "PRON", "nsubj", 18),
        ("VBP", "VERB", "ROOT", 18), (",", "PUNCT", "punct", 18), ("VBG", "VERB", "advcl", 18),
        ("PRP", "PRON", "nsubj", 22), ("VBZ", "AUX", "ccomp", 20), ("JJ", "ADJ", "acomp", 22),
        (".", "PUNCT", "punct", 18),
    ]  # fmt: skip
    ex, claims = claims_of(text, parse, {"Jo Li": "Person"})
    assert [show(ex, c)[:3] for c in claims] == [
        ("Jo Li", "Jo Li", "the drug works"),
        ("Jo Li", "they", "Doctors must act now"),
        ("Jo Li", "they", "it is cheap"),
    ]
    # Named alone, she is not a "they".
    alone = text.replace("Jo Li and her colleagues", "Jo Li, an expert")
    apposition: Parse = [(",", "PUNCT", "punct", 3), ("DT", "DET", "det", 6)]
    parse_alone = [*parse[:4], *apposition, ("NN", "NOUN", "appos", 3), *parse[7:]]
    ex, claims = claims_of(alone, parse_alone, {"Jo Li": "Person"})
    assert [show(ex, c)[2] for c in claims] == ["the drug works"]


def test_an_according_to_account_goes_on_in_a_sentence_pointing_back() -> None:
    # Sport: "According to X, A. But it B." -> one claim of both sentences.
    text = "According to Li, the injury is minor. But it will keep him out. He is fit."
    parse: Parse = [
        ("VBG", "VERB", "prep", 6), ("IN", "ADP", "prep", 0), ("NNP", "PROPN", "pobj", 1),
        (",", "PUNCT", "punct", 6), ("DT", "DET", "det", 5), ("NN", "NOUN", "nsubj", 6),
        ("VBZ", "AUX", "ROOT", 6), ("JJ", "ADJ", "acomp", 6), (".", "PUNCT", "punct", 6),
        ("CC", "CCONJ", "cc", 12), ("PRP", "PRON", "nsubj", 12), ("MD", "AUX", "aux", 12),
        ("VB", "VERB", "ROOT", 12), ("PRP", "PRON", "dobj", 12), ("RP", "ADP", "prt", 12),
        (".", "PUNCT", "punct", 12), ("PRP", "PRON", "nsubj", 17), ("VBZ", "AUX", "ROOT", 17),
        ("JJ", "ADJ", "acomp", 17), (".", "PUNCT", "punct", 17),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {"Li": "Person"})
    assert show(ex, claim)[2] == "the injury is minor | But it will keep him out"


def test_blame_for_is_an_accusation() -> None:
    # Sport: "The club blamed the referee for the defeat."
    text = "The club blamed the referee for the defeat."
    parse: Parse = [
        ("DT", "DET", "det", 1), ("NN", "NOUN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2),
        ("DT", "DET", "det", 4), ("NN", "NOUN", "dobj", 2), ("IN", "ADP", "prep", 2),
        ("DT", "DET", "det", 7), ("NN", "NOUN", "pobj", 5), (".", "PUNCT", "punct", 2),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {})
    assert show(ex, claim)[1:3] == ("The club", "the referee for the defeat")


def test_a_quotation_right_after_a_reported_clause_closes_it() -> None:
    # Crime: the parser hung the quotation on the cue, not inside the clause.
    text = 'He told the court that he was ready, "whatever it takes."'
    parse: Parse = [
        ("PRP", "PRON", "nsubj", 1), ("VBD", "VERB", "ROOT", 1), ("DT", "DET", "det", 3),
        ("NN", "NOUN", "dobj", 1), ("IN", "SCONJ", "mark", 6), ("PRP", "PRON", "nsubj", 6),
        ("VBD", "AUX", "ccomp", 1), ("JJ", "ADJ", "acomp", 6), (",", "PUNCT", "punct", 1),
        ("``", "PUNCT", "punct", 12), ("WDT", "PRON", "dobj", 12), ("PRP", "PRON", "nsubj", 12),
        ("VBZ", "VERB", "parataxis", 1), (".", "PUNCT", "punct", 1), ("''", "PUNCT", "punct", 1),
    ]  # fmt: skip
    ex, (claim,) = claims_of("Jo Li was arrested. " + text, _after_arrest(parse), _JO)
    assert show(ex, claim)[:3] == ("Jo Li", "He", 'he was ready, "whatever it takes')


_JO: dict[str, EntityType] = {"Jo Li": "Person"}


def _after_arrest(parse: Parse) -> Parse:
    """``parse`` after the five tokens of "Jo Li was arrested."."""
    head: Parse = [
        ("NNP", "PROPN", "compound", 1), ("NNP", "PROPN", "nsubjpass", 3),
        ("VBD", "AUX", "auxpass", 3), ("VBN", "VERB", "ROOT", 3), (".", "PUNCT", "punct", 3),
    ]  # fmt: skip
    return head + [(t, p, d, h + len(head)) for t, p, d, h in parse]


def test_a_clause_of_a_verb_below_the_cue_is_not_its_content() -> None:
    # Politics: "concluded ... by asking Roe to confirm that ...": a request, nothing reported.
    text = "Li concluded the hearing by asking Roe to confirm that she had signed the deal."
    parse: Parse = [
        ("NNP", "PROPN", "nsubj", 1), ("VBD", "VERB", "ROOT", 1), ("DT", "DET", "det", 3),
        ("NN", "NOUN", "dobj", 1), ("IN", "ADP", "prep", 1), ("VBG", "VERB", "pcomp", 4),
        ("NNP", "PROPN", "dobj", 5), ("TO", "PART", "aux", 8), ("VB", "VERB", "xcomp", 5),
        ("IN", "SCONJ", "mark", 12), ("PRP", "PRON", "nsubj", 12), ("VBD", "AUX", "aux", 12),
        ("VBN", "VERB", "ccomp", 8), ("DT", "DET", "det", 14), ("NN", "NOUN", "dobj", 12),
        (".", "PUNCT", "punct", 1),
    ]  # fmt: skip
    assert claims_of(text, parse, {"Li": "Person", "Roe": "Person"})[1] == ()


def test_a_person_addressed_in_the_attribution_does_not_stop_the_quotation() -> None:
    # Crime: '“...,” the judge said, telling Jo Li to sit down. “...”' -> one claim.
    text = '"We are not done," the judge said, telling Jo Li to sit down. "We will sit late."'
    parse: Parse = [
        ("``", "PUNCT", "punct", 9), ("PRP", "PRON", "nsubjpass", 4), ("VBP", "AUX", "auxpass", 4),
        ("RB", "PART", "neg", 4), ("VBN", "VERB", "ccomp", 9), (",", "PUNCT", "punct", 9),
        ("''", "PUNCT", "punct", 9), ("DT", "DET", "det", 8), ("NN", "NOUN", "nsubj", 9),
        ("VBD", "VERB", "ROOT", 9), (",", "PUNCT", "punct", 9), ("VBG", "VERB", "advcl", 9),
        ("NNP", "PROPN", "compound", 13), ("NNP", "PROPN", "dobj", 11), ("TO", "PART", "aux", 15),
        ("VB", "VERB", "xcomp", 11), ("RP", "ADP", "prt", 15), (".", "PUNCT", "punct", 9),
        ("``", "PUNCT", "punct", 21), ("PRP", "PRON", "nsubj", 21), ("MD", "AUX", "aux", 21),
        ("VB", "VERB", "ROOT", 21), ("RB", "ADV", "advmod", 21), (".", "PUNCT", "punct", 21),
        ("''", "PUNCT", "punct", 21),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {"Jo Li": "Person"})
    assert show(ex, claim) == (None, "the judge", "We are not done | We will sit late", True)


def test_a_doubled_opening_mark_opens_one_quotation() -> None:
    text = "He weighed in. “”This is unfair,” he said. He said “” twice."
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["This is unfair,"]


def test_the_company_is_the_body_whose_officer_spoke_last() -> None:
    # Business: "the company" after its chief executive spoke, though it was no subject.
    text = '"Demand is strong," said Jo Li, chief executive of Acme. The company said sales rose.'
    parse: Parse = [
        ("``", "PUNCT", "punct", 6), ("NN", "NOUN", "nsubj", 2), ("VBZ", "AUX", "ccomp", 6),
        ("JJ", "ADJ", "acomp", 2), (",", "PUNCT", "punct", 6), ("''", "PUNCT", "punct", 6),
        ("VBD", "VERB", "ROOT", 6), ("NNP", "PROPN", "compound", 8), ("NNP", "PROPN", "nsubj", 6),
        (",", "PUNCT", "punct", 8), ("JJ", "ADJ", "amod", 11), ("NN", "NOUN", "appos", 8),
        ("IN", "ADP", "prep", 11), ("NNP", "PROPN", "pobj", 12), (".", "PUNCT", "punct", 6),
        ("DT", "DET", "det", 16), ("NN", "NOUN", "nsubj", 17), ("VBD", "VERB", "ROOT", 17),
        ("NNS", "NOUN", "nsubj", 19), ("VBD", "VERB", "ccomp", 17), (".", "PUNCT", "punct", 17),
    ]  # fmt: skip
    ex, claims = claims_of(text, parse, {"Jo Li": "Person", "Acme": "Organization"})
    assert [show(ex, c)[:3] for c in claims] == [
        ("Jo Li", "Jo Li", "Demand is strong"),
        ("Acme", "The company", "sales rose"),
    ]


def test_a_statement_before_a_colon_introduces_its_speakers_words() -> None:
    # Sport / business: "issued a statement: “...”"; "released its results: ..." is no claim.
    text = 'The club issued a statement: "We are shocked."'
    parse: Parse = [
        ("DT", "DET", "det", 1), ("NN", "NOUN", "nsubj", 2), ("VBD", "VERB", "ROOT", 2),
        ("DT", "DET", "det", 4), ("NN", "NOUN", "dobj", 2), (":", "PUNCT", "punct", 4),
        ("``", "PUNCT", "punct", 4), ("PRP", "PRON", "nsubj", 8), ("VBP", "AUX", "acl", 4),
        ("JJ", "ADJ", "acomp", 8), (".", "PUNCT", "punct", 2), ("''", "PUNCT", "punct", 2),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {})
    assert show(ex, claim) == (None, "The club", "We are shocked", True)
    text = "Acme released its results: revenue rose by five percent."
    parse = [
        ("NNP", "PROPN", "nsubj", 1), ("VBD", "VERB", "ccomp", 6), ("PRP$", "PRON", "poss", 3),
        ("NNS", "NOUN", "dobj", 1), (":", "PUNCT", "punct", 6), ("NN", "NOUN", "nsubj", 6),
        ("VBD", "VERB", "ROOT", 6), ("IN", "ADP", "prep", 6), ("CD", "NUM", "nummod", 9),
        ("NN", "NOUN", "pobj", 7), (".", "PUNCT", "punct", 6),
    ]  # fmt: skip
    assert claims_of(text, parse, {"Acme": "Organization"})[1] == ()


def test_a_capitalised_common_noun_after_proper_words_is_a_name() -> None:
    # The tagger may take the last word of a body's name for a common noun (NNS).
    text = "It was revealed by Harbour Watch Defenders that boats were sold."
    parse: Parse = [
        ("PRP", "PRON", "nsubjpass", 2), ("VBD", "AUX", "auxpass", 2), ("VBN", "VERB", "ROOT", 2),
        ("IN", "ADP", "agent", 2), ("NNP", "PROPN", "compound", 6),
        ("NNP", "PROPN", "compound", 6), ("NNS", "NOUN", "pobj", 3), ("IN", "SCONJ", "mark", 10),
        ("NNS", "NOUN", "nsubjpass", 10), ("VBD", "AUX", "auxpass", 10),
        ("VBN", "VERB", "ccomp", 2), (".", "PUNCT", "punct", 2),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {})
    assert show(ex, claim) == (None, "Harbour Watch Defenders", "boats were sold", False)
    assert claim.speaker_kind == "name"


def test_a_cue_the_parser_hung_on_the_verb_it_reports_has_that_clause() -> None:
    # Crime / law: "[The judge has ruled] the firm was liable", parsed with the cue as a
    # clausal complement of "was".
    text = "Cole has ruled the firm was liable."
    parse: Parse = [
        ("NNP", "PROPN", "nsubj", 2), ("VBZ", "AUX", "aux", 2), ("VBN", "VERB", "ccomp", 5),
        ("DT", "DET", "det", 4), ("NN", "NOUN", "nsubj", 5), ("VBD", "AUX", "ROOT", 5),
        ("JJ", "ADJ", "acomp", 5), (".", "PUNCT", "punct", 5),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {"Cole": "Person"})
    assert show(ex, claim) == ("Cole", "Cole", "the firm was liable", False)


def test_a_name_taken_for_the_cues_object_before_and_a_clause_is_a_subject() -> None:
    # Business: "ruled Acme and its owners were liable" parsed as ruled [Acme] and [owners
    # were liable]; after "told" the name is the hearer, no subject.
    text = "Cole ruled Acme and its owners were liable."
    parse: Parse = [
        ("NNP", "PROPN", "nsubj", 1), ("VBD", "VERB", "ROOT", 1), ("NNP", "PROPN", "dobj", 1),
        ("CC", "CCONJ", "cc", 1), ("PRP$", "PRON", "poss", 5), ("NNS", "NOUN", "nsubj", 6),
        ("VBD", "AUX", "conj", 1), ("JJ", "ADJ", "acomp", 6), (".", "PUNCT", "punct", 6),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {"Cole": "Person", "Acme": "Organization"})
    assert show(ex, claim) == ("Cole", "Cole", "Acme and its owners were liable", False)
    text = "Cole told Acme and its owners were liable."
    assert claims_of(text, parse, {"Cole": "Person", "Acme": "Organization"})[1] == ()


def test_a_closing_cue_takes_the_name_after_it_as_its_subject() -> None:
    # Politics / media: "..., reported Harlow News." parsed with the outlet as the object.
    text = "Exports fell, reported Harlow News."
    parse: Parse = [
        ("NNS", "NOUN", "nsubj", 1), ("VBD", "VERB", "ccomp", 3), (",", "PUNCT", "punct", 3),
        ("VBD", "VERB", "ROOT", 3), ("NNP", "PROPN", "compound", 5), ("NNP", "PROPN", "dobj", 3),
        (".", "PUNCT", "punct", 3),
    ]  # fmt: skip
    ex, (claim,) = claims_of(text, parse, {"Harlow News": "Organization"})
    assert show(ex, claim) == ("Harlow News", "Harlow News", "Exports fell", False)


def test_a_speaker_hung_as_an_apposition_after_according_to_is_the_cues_subject() -> None:
    # Science: "According to a post for Acme, the office predicts that ...", with "the
    # office" parsed as an apposition of Acme.
    text = "According to a post for Acme, the office predicts that rain falls."
    parse: Parse = [
        ("VBG", "VERB", "prep", 9), ("IN", "ADP", "prep", 0), ("DT", "DET", "det", 3),
        ("NN", "NOUN", "pobj", 1), ("IN", "ADP", "prep", 3), ("NNP", "PROPN", "pobj", 4),
        (",", "PUNCT", "punct", 5), ("DT", "DET", "det", 8), ("NN", "NOUN", "appos", 5),
        ("VBZ", "VERB", "ROOT", 9), ("IN", "SCONJ", "mark", 12), ("NN", "NOUN", "nsubj", 12),
        ("VBZ", "VERB", "ccomp", 9), (".", "PUNCT", "punct", 9),
    ]  # fmt: skip
    ex, found = claims_of(text, parse, {"Acme": "Organization"})
    assert (None, "the office", "rain falls", False) in [show(ex, c) for c in found]


def _quotes_a_character_at_a_time(text: str) -> list[tuple[int, int, int, int]]:
    """kg.facts.quotes.find_quotes as first written: every character inside a quotation read
    in turn for a closing mark."""
    from kg.facts.quotes import _MARK_RE, _closed_at_end, _closes, _opener

    out, i, n = [], 0, len(text)
    while i < n:
        found = _MARK_RE.search(text, i)
        if found is None:
            break
        i = found.start()
        opener = _opener(text, i)
        if opener is None:
            i += 1
            continue
        begin = i
        j = inner = i + len(opener)
        end = None
        while j < n:
            mark = _closes(text, j, opener)
            doubled = mark is not None and j == inner == begin + len(opener)
            if doubled and text[j + len(mark or "") : j + len(mark or "") + 1].isalnum():
                j = inner = j + len(mark or "")
                continue
            if mark is not None:
                end = j
                j += len(mark)
                break
            if text[j] == "\n":
                k = j
                while k < n and text[k].isspace():
                    k += 1
                if k < n and _opener(text, k) == opener:
                    j = k + len(opener)
                    continue
                if k < n and _closed_at_end(text, k, opener):
                    j = k
                    continue
                end = j
                break
            j += 1
        if end is None:
            end = n
        if end > inner:
            out.append((inner, end, begin, j))
        i = max(j, begin + 1)
    return out


_QUOTE_PIECES = st.sampled_from(
    [
        *("“", "”", "„", "«", "»", '"', "``", "''", "'", "‘", "’", "’s", "We", "win", ".", ","),
        *("!", " ", " ", "\n", "\n\n", "  \n", "said", "Ana"),
    ]
)


@given(st.lists(_QUOTE_PIECES, max_size=40))
def test_quotes_are_those_a_reading_of_every_character_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = [(q.start, q.end, q.outer_start, q.outer_end) for q in find_quotes(text)]
    assert found == _quotes_a_character_at_a_time(text)


def test_a_paragraph_of_a_closing_mark_alone_ends_the_quotation() -> None:
    # The next paragraph is the two-character closing mark alone: read as no continuation
    # (it raised IndexError, failing the whole build).
    text = "``.\n''"
    assert [(q.start, q.end) for q in find_quotes(text)] == [(2, 3)]
