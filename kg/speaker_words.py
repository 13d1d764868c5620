"""Tests on the dependency parse for speaker coreference (:mod:`kg.coref`), part of stage
"facts": what the words of a speaker's noun phrase are, and which names inside it may be its
speaker ("the report, cited by X", "a letter to Acme's board", "the striker, who joined from
Porto"). Works on the tokens of a parsed spaCy ``Doc``; nothing here loads a model. Also the
:class:`Speaker` record a resolution gives, and who issued a document by the claims before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from kg.lexicon import entries, grammar
from kg.names import guess_gender
from kg.records import Mention

_RELATIVE = frozenset(grammar("relative"))


def proper(tok: Any) -> bool:
    """Whether a token is a proper name: tagged so, or an acronym the tagger took for a plural
    ("PETA said", "UEFA said": NNS for the final S)."""
    text = tok.text
    return tok.tag_ in ("NNP", "NNPS") or (len(text) > 1 and text.isalpha() and text.isupper())


def behind_comma(tok: Any, head: Any) -> bool:
    """Whether ``tok`` hangs on ``head`` through an apposition after a comma deeper in the
    phrase ("a report in the Daily Post, an internal memo at Acme": the memo's Acme is not the
    report's; the parser often takes the next clause's subject for such an apposition)."""
    node = tok
    while node.i != head.i and node.head.i != node.i:
        if (
            node.dep_ == "appos"
            and node.head.i != head.i
            and node.left_edge.i > 0
            and node.doc[node.left_edge.i - 1].text == ","
        ):
            return True
        node = node.head
    return False


def in_relative(tok: Any, head: Any) -> bool:
    """Whether ``tok`` is inside a relative clause of ``head``: "the striker, who joined from
    Porto", "the analyst who left Acme" (the clause says something else about the speaker)."""
    node = tok
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ == "relcl":
            return True
        node = node.head
    return False


def recipient(tok: Any, head: Any) -> bool:
    """Whether ``tok`` is inside a "to ..." phrase of ``head``: the addressee, not the writer
    ("a letter to Acme's board", "an appeal to the league's members")."""
    node = tok
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ == "to":
            return True
        node = node.head
    return False


def is_subject(doc: Any, m: Mention) -> bool:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


def plural(doc: Any, m: Mention) -> bool:
    """Whether a person mention is the name of a people, which the model labels NORP
    ("Palestinians", "Kurds"): no "he" or "she" stands for it. (The tag says nothing: "Jobs"
    and "Reynolds" are tagged as plurals.)"""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.root.ent_type_ == "NORP"


def determiner(head: Any) -> str | None:
    for child in head.lefts:
        if child.dep_ in ("det", "poss"):
            return str(child.text.lower())
    return None


def is_source_prep(tok: Any) -> bool:
    """A name after "by" or "from" inside the noun phrase: "the report, cited by X"."""
    prep = tok.head
    return tok.dep_ == "pobj" and prep.text.lower() in ("by", "from", "of")


def np_span(head: Any) -> tuple[int, int]:
    """The source's own words: from its left edge to its head, and right modifiers up to the
    first comma or clause ("someone familiar with the situation", not the relative clause)."""
    right = head
    for child in head.rights:
        if child.dep_ in ("prep", "amod", "compound", "nummod") and child.i == right.i + 1:
            right = child.right_edge
        else:
            break
    doc = head.doc
    # Up to the first comma or quotation mark: "analysts at Acme, the bank's unit" and "a report
    # in the Post, an internal memo" (the parser hangs the next words on the name).
    stop = next(
        (t for t in doc[head.i : right.i + 1] if t.is_punct and t.text not in ".-&'’"), None
    )
    if stop is not None and stop.i > head.i:
        right = doc[stop.i - 1]
    start = head.left_edge
    while start.i < head.i and (start.is_punct or start.text.lower() in _RELATIVE):
        start = start.doc[start.i + 1]
    return start.idx, right.idx + len(right.text)


def capitalised_body(head: Any) -> bool:
    """Whether a speaker noun of a body or a group is the capitalised last word of a name that
    extraction did not take ("Lyon Police said", "the Ohio State Patrol said"): written with a
    capital inside its sentence, after a proper name it is compounded with. Not a title before a
    person ("Police Chief Jo Li": the noun then is no head) nor a lower-case noun ("Lyon police
    said": the city's police, unnamed). The tagger may take the capitalised word for a common
    noun: "by the charity Harbour Watch Volunteers"."""
    if not head.text[:1].isupper() or head.i == head.sent.start:
        return False
    if head.tag_ not in ("NNP", "NNPS", "NN", "NNS"):
        return False
    if head.ent_type_ == "PERSON":
        return False
    if len(head.text) > 2 and head.text[:-1].isupper() and head.text.endswith("s"):
        return False  # a plural acronym is written in capitals anywhere: "Labour MPs", "CEOs"
    return any(c.dep_ == "compound" and proper(c) and c.i < head.i for c in head.lefts)


def name_gender(mention: Mention, text: str) -> str | None:
    """ "male" or "female" when the name or a title before it says so, else None."""
    before = text[max(0, mention.start - 5) : mention.start]
    if re.search(r"\bMr\.?\s+$", before):
        return "male"
    if re.search(r"\b(?:Mrs|Ms|Miss)\.?\s+$", before):
        return "female"
    first = mention.text.split()[0]
    guess = guess_gender(first)
    if guess in ("male", "mostly_male"):
        return "male"
    if guess in ("female", "mostly_female"):
        return "female"
    return None


@cache
def speaker_nouns() -> dict[str, str]:
    """``kg/lexicon/speaker_nouns.txt``: head noun (lower case) -> kind."""
    return {noun: kind for noun, kind in (line.split() for line in entries("speaker_nouns"))}


@cache
def generic_roles() -> dict[str, frozenset[str]]:
    """``kg/lexicon/role_generic_words.txt``: a generic role word -> the role ids it stands for."""
    lines = (line.split() for line in entries("role_generic_words"))
    return {word: frozenset(ids) for word, *ids in lines}


SpeakerKind = Literal["name", "pronoun", "np", "unnamed"]


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a reporting cue's source is.

    Attributes:
        words: Offsets of the source's own words (a name, "he", "the ministry").
        mention: The mention of the entity it stands for, when resolved.
        kind: How the text names it.
        rule: Which resolution rule decided.
    """

    words: tuple[int, int]
    mention: Mention | None
    kind: SpeakerKind
    rule: str


#: The claims a resolver has seen: where each cue was, and its speaker.
History = Sequence[tuple[int, Speaker]]


def same_words_issuer(history: History, text: str, word: str, cue_at: int) -> Mention | None:
    """The body or person the same document words ("the release", "the filing") stood for
    before ``cue_at``, however far back ("According to the release, ... (ten sentences on)
    ..., according to the release")."""
    for at, speaker in reversed(history):
        said = text[speaker.words[0] : speaker.words[1]].lower().split()
        if at < cue_at and speaker.mention is not None and said[-1:] == [word]:
            return speaker.mention
    return None


def latest_issuer(
    history: History, sentence_of: Callable[[int], int], cue_at: int, window: int
) -> Mention | None:
    """The named speaker of the latest claim before ``cue_at``, within ``window`` sentences:
    who issued a document a noun names ("the statement said")."""
    for at, speaker in reversed(history):
        near = sentence_of(cue_at) - sentence_of(at) <= window
        if at < cue_at and near and speaker.mention is not None:
            return speaker.mention
    return None


def issued_unnamed(
    history: History, sentence_of: Callable[[int], int], cue_at: int, window: int
) -> bool:
    """Whether the latest claim before ``cue_at`` (within ``window`` sentences) has an unnamed
    speaker: "In a statement, the club said ... "We are sorry," the statement said" is the
    same unnamed club's, not an earlier named speaker's."""
    for at, speaker in reversed(history):
        if at < cue_at:
            near = sentence_of(cue_at) - sentence_of(at) <= window
            return near and speaker.mention is None and speaker.kind == "unnamed"
    return False


__all__ = [
    "History",
    "Speaker",
    "SpeakerKind",
    "behind_comma",
    "capitalised_body",
    "determiner",
    "generic_roles",
    "in_relative",
    "is_source_prep",
    "is_subject",
    "issued_unnamed",
    "latest_issuer",
    "name_gender",
    "np_span",
    "plural",
    "proper",
    "recipient",
    "same_words_issuer",
    "speaker_nouns",
]
