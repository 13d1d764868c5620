"""Reporting cues of stage "facts" (for :mod:`kg.facts.claims`): the words that report speech in a
parsed article, with their sources and their clausal content, read from the dependency parse.

A cue is a verb of ``kg/lexicon/reporting_verbs.txt`` ("said", "told", "warned"), "according to",
a reporting verb before a colon ("The email reads: ..."), or a document noun before a colon as its
speaker's object ("issued a statement: ..."). Its source is the verb's subject (also
of a verb it is coordinated with), its agent, the noun a participle hangs on, or the object of
"according to"; its content the clausal complement ("told reporters that X" -> X), the clause
around "according to", or the text after the colon. Examples: "Prosecutors said the defendant had
fled." (crime), "Revenue rose 8%, according to the company." (business).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kg.coref import speaker_nouns
from kg.facts.quotes import Quote
from kg.facts.speech import EVIDENCE_FORMS, QUOTATION_FORMS, QUOTATION_PARTICLES, SPEECH_FORMS
from kg.lexicon import grammar
from kg.lexicon import words as lexicon_words
from kg.records import Offsets
from kg.speaker_words import proper

#: Words that open an indirect question, not a claim: "did not say whether ...".
_QUESTION_WORDS = frozenset(grammar("question"))
#: Participles that name a source's own source; they are not part of the content.
_SOURCE_PARTICIPLES = frozenset(grammar("source-participle"))
#: Passive verbs whose subject speaks through "as saying": "was quoted as saying".
_QUOTED_AS = frozenset({"quoted", "cited", "reported"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_DETERMINERS = frozenset(grammar("definite")) | frozenset(grammar("indefinite"))


@dataclass
class Cue:
    """A reporting cue: its word, its source token, its content and the quotations it frames."""

    token: Any
    source: Any
    content: list[Offsets]
    cue_span: Offsets
    kind: str  # "verb", "according", "colon"
    quotes: list[Quote] = field(default_factory=list)


def _char_span(tokens: Sequence[Any]) -> Offsets | None:
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)


def _source(token: Any, depth: int = 0) -> Any:
    """The token naming who speaks through a reporting verb, or None."""
    for child in _subjects(token):
        if child.dep_ == "nsubj":
            if child.text.lower() in grammar("relative") and token.dep_ == "relcl":
                head = token.head
                if (
                    child.lower_ == "who"  # a person: not the body named last in an apposition
                    and head.ent_type_ != "PERSON"
                    and head.dep_ == "pobj"
                    and head.head.dep_ == "prep"
                    and head.head.head.dep_ == "appos"
                ):
                    head = head.head.head  # "Jo Li, an analyst at Acme Corp., who said": Jo Li
                while head.dep_ == "appos" and head.head.i < head.i:
                    head = head.head  # "Jane Roe, an analyst at Acme, who said": Jane Roe
                return head
            return child
    if depth == 0:
        opener = _opening_participle(token)
        if opener is not None:
            return opener
    # The 4 characters before the cue, from the 4 tokens before it (each one character or more):
    # ``doc.text`` would join every token of the article at each call.
    before = token.doc[max(0, token.i - 4) : token.i].text_with_ws[-4:] if depth == 0 else ""
    if re.search(r"[”\"'’»]\s*,?\s*$|,\s*[”\"'’»]\s*$", before):
        # “...,” added the agency: the parser may take an inverted subject for an object.
        for child in token.rights:
            if child.dep_ in ("dobj", "attr", "npadvmod") and child.i == token.i + 1 + (
                1 if token.doc[token.i + 1].dep_ == "det" else 0
            ):
                return child
    if depth == 0 and re.search(r",\s*$", before):
        closing = _closing_source(token)
        if closing is not None:
            return closing
    if depth == 0:
        appos = _apposition_before(token)
        if appos is not None:
            return appos
    for child in token.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    if depth > 2:
        return None
    if token.dep_ == "conj" and token.head.dep_ == "ccomp" and _own_report(token):
        # "They claimed X was Y and claim Z": the parser hung the second cue on X's verb.
        return _source(token.head.head, depth + 1)
    if token.head.dep_ == "ccomp" and token.head.lower_ not in SPEECH_FORMS:
        # A verb inside someone's reported clause has no subject of its own here (but "“...,”
        # he said, adding that ..." adds to the report the parser hung inside another one).
        return None
    if token.dep_ == "conj" and token.head.tag_.startswith("VB"):
        return _source(token.head, depth + 1)
    if (
        token.dep_ == "pcomp"
        and token.tag_ == "VBG"
        and token.head.lower_ in ("of", "for")
        and _charged(token.head) is not None
    ):
        # "accused the minister of saying that ...": the accuser's account of what the
        # minister said (the accusation's claim), not the minister's own words.
        return None
    if token.dep_ in ("advcl", "xcomp", "pcomp") and token.tag_ == "VBG":
        head = token.head if token.dep_ != "pcomp" else token.head.head
        # "X was quoted as saying that ...": the passive's subject speaks.
        passive = [c for c in head.children if c.dep_ == "nsubjpass"]
        if passive and head.text.lower() in _QUOTED_AS:
            return passive[0]
        return _source(head, depth + 1)
    if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ in ("NOUN", "PROPN"):
        noun = token.head
        if (
            noun.dep_ == "pobj"
            and noun.head.dep_ == "prep"
            and speaker_nouns().get(noun.text.lower()) == "document"
        ):
            # "The club replied in a letter saying ...", "She resigned with a statement
            # stating ...": the writer is the subject of the verb the document hangs on.
            verb = noun.head.head
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if verb.tag_.startswith("VB") and subject is not None:
                return subject
        return noun
    return None


def _closing_source(token: Any) -> Any:
    """The inverted subject of a cue that closes its sentence after a comma, which the parser
    took for its object: "Exports fell 4% in May, reported the Harlow Times.", "The mine will
    close, said Acme Corp." (a name, or a noun with its article, then the sentence's end)."""
    doc = token.doc
    at = token.i + 1
    if at < len(doc) and doc[at].dep_ == "det":
        at += 1
    while at < len(doc) and doc[at].dep_ == "compound":
        at += 1
    if at >= len(doc):
        return None
    obj = doc[at]
    if obj.head.i != token.i or obj.dep_ not in ("dobj", "attr", "npadvmod"):
        return None
    if obj.tag_ not in ("NNP", "NNPS") and doc[token.i + 1].dep_ != "det":
        return None
    rest = doc[obj.right_edge.i + 1 : token.sent.end]
    if not all(t.is_punct or t.is_space for t in rest):
        return None
    if not any(c.dep_ in ("ccomp", "parataxis") and c.i < token.i for c in token.children):
        return None  # a report must come before it
    return obj


def _apposition_before(token: Any) -> Any:
    """The subject of a cue the parser hung, after a comma, as an apposition on the source of an
    "according to" phrase before it: "According to a post for the Harlow Times, the weather
    office predicts that ..." (the office predicts; the post is the Times's)."""
    if token.i == 0 or any(c.dep_ in _SUBJECTS for c in token.children):
        return None
    if token.lower_ not in SPEECH_FORMS:
        return None  # "..., an internal memo showed": evidence the account itself reports
    doc = token.doc
    node = doc[token.i - 1]
    while node.head.i != node.i and node.head.right_edge.i == token.i - 1 and node.dep_ != "appos":
        node = node.head
    if node.dep_ != "appos" or node.left_edge.i == 0 or doc[node.left_edge.i - 1].text != ",":
        return None
    if not any(t.lower_ == "according" for t in node.head.ancestors):
        return None
    return node


def _charged(prep: Any) -> Any:
    """Whom a gerund after "of" or "for" charges: "accused the minister of saying that ...",
    "criticised the club for claiming that ..." (the object; the words are the accuser's account
    of theirs, no claim of the object's own). None when the phrase charges no object ("resigned
    after saying")."""
    head = prep.head
    if head.pos_ in ("NOUN", "PROPN", "PRON") and head.dep_ == "dobj":
        return head  # the parser hung the phrase on the object
    if head.pos_ == "VERB":
        return next((c for c in head.children if c.dep_ == "dobj" and c.i < prep.i), None)
    return None


def _opening_participle(token: Any) -> Any:
    """The name right before a cue that has no subject because the parser buried it in the
    participial phrase opening the sentence: "Speaking at a summit in Lima, Trade Minister Ana
    Roe said ...", "Addressing shareholders in Omaha, Nebraska, chairman Jo Li said ..." (the
    name, after a comma, taken as the object of the phrase's last preposition). None otherwise."""
    opener = next((c for c in token.children if c.dep_ in ("csubj", "advcl")), None)
    if opener is None or opener.tag_ != "VBG" or opener.i != opener.sent.start:
        return None
    if opener.right_edge.i != token.i - 1:
        return None
    doc = token.doc
    name = doc[token.i - 1]
    if not proper(name):
        return None
    first = name.i
    while first - 1 > opener.i and (proper(doc[first - 1]) or doc[first - 1].dep_ == "compound"):
        first -= 1
    return name if doc[first - 1].text == "," else None


def _subjects(token: Any) -> list[Any]:
    """The cue's subjects, the nearest first, without those a paragraph break or a quotation
    closing before them cuts off from it: the parser may run a headline or the end of a quoted
    paragraph into the sentence and give the cue two subjects ("Bank raises rates¶Officials
    said ...", "... for 30 hours."¶Jo Li, a police spokeswoman, told ...")."""
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    near = [
        c
        for c in subjects
        if c.i > token.i or not re.search(r"\n|[.!?][”\"’»]?\s", _between(c.right_edge, token))
    ]
    return sorted(near, key=lambda c: abs(token.i - c.i))


def _between(first: Any, last: Any) -> str:
    """The text from the end of token ``first`` to the start of ``last`` ("" unless ``last``
    comes later), from the tokens between: ``doc.text`` would join every token of the article."""
    if last.i <= first.i:
        return ""
    return str(first.whitespace_ + first.doc[first.i + 1 : last.i].text_with_ws)


def _end(token: Any) -> int:
    return int(token.idx + len(token.text))


def _own_report(token: Any) -> bool:
    """Whether ``token``, a conjunct inside a reported clause, is a reporting verb with a clause
    of its own: "claimed X was a volunteer and claim Y", "said prices rose and warned Z"."""
    return token.lower_ in SPEECH_FORMS and any(c.dep_ == "ccomp" for c in token.children)


def _clause_content(token: Any, text: str) -> list[Offsets]:
    """The cue's clausal complements, without "that" and edge punctuation."""
    out: list[Offsets] = []
    clause: Any = None  # the last clausal complement taken
    for child in token.children:
        if child.dep_ == "conj" and child.tag_.startswith("VB"):
            marks = [c for c in child.children if c.dep_ == "mark"]
            if out and (_joined_clause(child) or _clause_after_comma(child, clause)):
                span = _char_span(list(child.subtree))
                if span is not None:
                    out[-1] = (out[-1][0], span[1])
                continue
            if not (marks and marks[0].text.lower() == "that"):
                continue  # "announced X, and that Y": the parser made Y a conjunct
        elif child.dep_ != "ccomp":
            continue
        if "\n" in text[min(child.idx, token.idx) : max(child.idx, token.idx)]:
            continue  # a headline the parser ran into the sentence
        if _clause_before_semicolon(child, token):
            continue
        tokens = [t for t in child.subtree]
        for conj in [c for c in child.children if c.dep_ == "conj" and _own_report(c)]:
            own = {t.i for t in conj.subtree}  # a second report: its own claim
            tokens = [t for t in tokens if t.i not in own and t.i < conj.i]
            while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].is_punct):
                tokens = tokens[:-1]
        for other in [c for c in child.children if _other_source(c)]:
            # "said the spill was contained, while residents said ...": another source's
            # report, its own claim.
            own = {t.i for t in other.subtree}
            tokens = [t for t in tokens if t.i not in own]
            while tokens and tokens[-1].is_punct:
                tokens = tokens[:-1]
        if not tokens:
            continue
        first = tokens[0]
        if first.lower_ == "how" and _narrated(token, first):
            tokens = tokens[1:]  # "told the jury how his daughter had ...": what happened
        elif first.lower_ == "how" and _exclamative(token, first):
            pass  # "admitted how close the club had come": a claim of degree, "how" and all
        elif first.text.lower() in _QUESTION_WORDS and not _opening_clause(first, child):
            return []  # an indirect question
        while tokens and (
            tokens[0].is_punct or (tokens[0].dep_ == "mark" and tokens[0].text.lower() == "that")
        ):
            tokens = tokens[1:]
        lead = _cue_adjunct(token, child)
        if lead is not None:
            tokens = [t for t in tokens if t.i > lead.right_edge.i]
        span = _char_span(tokens)
        if span is not None:
            out.append(span)
            clause = child
    if not out:
        # "announced in a memo that X": the parser may hang the clause on the memo.
        for child in token.children:
            if child.dep_ not in ("prep", "dobj", "npadvmod"):
                continue
            for tok in child.subtree:
                marks = [c for c in tok.children if c.dep_ == "mark"] or _that_object(tok)
                if (
                    tok.dep_ in ("acl", "ccomp", "advcl", "relcl")
                    and marks
                    and marks[0].lower_ == "that"
                    and any(c.dep_ in _SUBJECTS for c in tok.children)
                    and not _through_verb(tok, token)
                ):
                    # "told Reuters in a statement that X", "announced in a memo that X" (the
                    # parser may take X for a relative clause of the memo; a real one has no
                    # subject of its own beside "that": "the memo that went out").
                    span = _char_span([t for t in tok.subtree if t.i > marks[0].i])
                    if span is not None:
                        return [span]
    if not out:
        conj = _object_then_clause(token)
        if conj is not None:
            # "ruled Acme and its owners were liable": the parser took the first of two
            # subjects for the cue's object and the clause for a conjunct of the cue.
            obj = next(c for c in token.children if c.dep_ == "dobj")
            tokens = [t for t in token.subtree if obj.left_edge.i <= t.i <= conj.right_edge.i]
            span = _char_span([t for t in tokens if not (t.i == conj.right_edge.i and t.is_punct)])
            return [span] if span is not None else []
    if not out and _inverted_head(token):
        # "The judge has already ruled the firm was liable": the parser made the cue a clause of
        # the verb it reports; that verb's clause after the cue is the content.
        mine = {t.i for t in token.subtree}
        return _pieces([t for t in token.head.subtree if t.i not in mine and t.i > token.i])
    if not out and token.dep_ == "parataxis" and token.head.tag_.startswith("VB"):
        # "The economy, he said, is growing": the clause the cue interrupts.
        mine = {t.i for t in token.subtree}
        rest = [t for t in token.head.subtree if t.i not in mine]
        return _pieces(rest)
    if not out and _closing_adverbial(token):
        # "Two wickets fell before lunch, Joe Marsh admitted": the clause before the comma.
        first = _first_word(token)
        return _pieces([t for t in token.head.subtree if t.i < first - 1])
    if not out and _as_clause(token):
        # "As Jo Li told the Courier, prices rose": the main clause after the cue's.
        last = token.right_edge.i
        return _pieces([t for t in token.head.subtree if t.i > last])
    return out


#: What a cue that closes or opens its sentence as an adverbial clause may have beside its
#: subject: adjuncts of time, place and hearer, no object or clause of its own.
_ADJUNCTS = frozenset({"nsubj", "prep", "npadvmod", "advmod", "punct", "aux", "dative"})


def _first_word(token: Any) -> int:
    """The index of the first token of ``token``'s subtree that is no punctuation."""
    return int(next((t.i for t in token.subtree if not t.is_punct), token.i))


def _closing_adverbial(token: Any) -> bool:
    """Whether a cue the parser hung as an adverbial clause on the verb before it closes the
    sentence as its attribution, after a comma, with a subject of its own and no object, mark or
    clause: "Two wickets fell before lunch, Joe Marsh admitted on Friday." (sport), "The vaccine
    cut infections by half, Dr Ana Roe reported." (science); not "Sales fell, after Acme said
    ..." (a mark) nor "Prices rose, angering buyers" (no subject)."""
    if token.dep_ != "advcl" or token.head.i >= token.i or not token.head.tag_.startswith("VB"):
        return False
    if not any(c.dep_ == "nsubj" for c in token.children):
        return False
    if any(c.dep_ not in _ADJUNCTS for c in token.children):
        return False
    doc = token.doc
    first = _first_word(token)
    if first == 0 or doc[first - 1].text != ",":
        return False
    rest = doc[token.right_edge.i + 1 : token.sent.end]
    return all(t.is_punct or t.is_space for t in rest)


def _as_clause(token: Any) -> bool:
    """Whether a cue opens its sentence as an "as" clause on the main clause after it, with a
    subject of its own and no object or clause, whose report the main clause is: "As Jo Li told
    the Harlow Courier, ticket prices rose because the stadium cost more." (sport), "As police
    said on Monday, the bridge will stay closed." (crime); not "As he said this, the crowd
    cheered" (an object: when he said it) nor "As expected, ..." (no subject)."""
    if token.dep_ != "advcl" or token.head.i <= token.i or not token.head.tag_.startswith("VB"):
        return False
    marks = [c for c in token.children if c.dep_ == "mark"]
    if len(marks) != 1 or marks[0].lower_ != "as" or marks[0].i != token.sent.start:
        return False
    if not any(c.dep_ == "nsubj" for c in token.children):
        return False
    hearer = SPEECH_FORMS.get(token.lower_) == "tell"
    for child in token.children:
        if child.dep_ == "dobj" and hearer:
            continue  # "As Jo Li told reporters": the hearer
        if child.dep_ not in _ADJUNCTS and child.dep_ != "mark":
            return False
    doc = token.doc
    after = token.right_edge.i + 1
    return after < len(doc) and str(doc[after].text) == ","


#: Reporting verbs that report a text's words, not a person's: "the letter reads".
_DOCUMENT_VERBS = lexicon_words("document_verbs")
#: Reporting verbs that tell what happened: after them "how" opens an account, not a question.
_NARRATING = lexicon_words("narrating_verbs")


def _narrated(cue: Any, how: Any) -> bool:
    """Whether "how" after the cue opens an account of what happened, not an indirect question:
    after a verb of telling ("told the court how the gunman had opened fire", "testified how
    the funds were moved"), opening a clause with a subject of its own, not a degree ("told
    reporters how much it cost")."""
    if SPEECH_FORMS.get(cue.lower_) not in _NARRATING:
        return False
    nxt = how.doc[how.i + 1] if how.i + 1 < len(how.doc) else None
    if nxt is None or nxt.tag_ in ("JJ", "JJR", "RB", "RBR") or nxt.pos_ in ("ADJ", "ADV"):
        return False
    return how.head.dep_ == "ccomp" and any(c.dep_ in _SUBJECTS for c in how.head.children)


#: Reporting verbs after which "how" and an adjective opens an exclamative, not a question.
_ADMITTING = lexicon_words("admitting_verbs")
#: Degree words after "how" that ask for a quantity ("how much it cost", "how long it took").
_QUANTITY = frozenset({"much", "many", "long", "far", "often", "old", "soon"})


def _exclamative(cue: Any, how: Any) -> bool:
    """Whether "how" after a verb of admitting or stressing opens an exclamative, "how", an
    adjective or adverb of manner and a clause with a subject: "The coach acknowledged how
    nerve-wracking the finals were" (sport), "The chief executive admitted how close the firm
    had come to collapse" (business). A claim that it was very so, not a question ("how much it
    cost" asks for a quantity; "explained how the test works" is no verb of admitting)."""
    if SPEECH_FORMS.get(cue.lower_) not in _ADMITTING:
        return False
    doc = how.doc
    nxt = doc[how.i + 1] if how.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ in _QUANTITY:
        return False
    hyphened = how.i + 2 < len(doc) and doc[how.i + 2].tag_ == "HYPH"  # "how nerve-wracking"
    if not hyphened and nxt.pos_ not in ("ADJ", "ADV") and nxt.tag_ not in ("VBG", "VBN"):
        return False  # "how devastating", "how shocked" are adjectives too
    clause = how.head if how.head.pos_ in ("VERB", "AUX") else how.head.head
    return any(c.dep_ in _SUBJECTS for c in clause.children)


def _opening_clause(word: Any, clause: Any) -> bool:
    """Whether a question word that starts the reported clause rather opens a condition or a
    time clause inside it: "added if prices keep rising, rates will go up", "said when the plant
    reopens, 200 jobs will return" (the word marks a clause below the reported verb, not the
    reported clause itself: "did not say if rates would rise")."""
    return word.dep_ in ("mark", "advmod") and word.head.i != clause.i and word.head.dep_ == "advcl"


def _through_verb(tok: Any, cue: Any) -> bool:
    """Whether a verb stands between ``tok`` and the cue: the clause is that verb's, not the
    cue's ("concluded by asking him to confirm that ...": the clause is confirm's)."""
    node = tok.head
    while node.i != cue.i and node.head.i != node.i:
        if node.pos_ in ("VERB", "AUX"):
            return True
        node = node.head
    return False


#: Reporting verbs whose content is an object and an "of" phrase: "accused X of Y".
_ACCUSING = frozenset(grammar("accusing"))


def _accusation(token: Any) -> list[Offsets]:
    """The content of "accused the rebels of shelling the town", "accused the club of fielding
    an ineligible player": the object and the charge (the clause an accusation stands for)."""
    if SPEECH_FORMS.get(token.lower_) not in _ACCUSING:
        return []
    obj = next((c for c in token.rights if c.dep_ == "dobj"), None)
    if obj is None:
        return []
    charge = next(  # on the verb or, as the parser often has it, on the object
        (
            c
            for c in (*token.rights, *obj.rights)
            if c.dep_ == "prep" and c.lower_ in ("of", "with", "for") and c.i > obj.i
        ),
        None,
    )
    if charge is None:
        return []
    if not any(c.dep_ in ("pcomp", "pobj") for c in charge.children):
        return []
    span = _char_span(list(token.doc[obj.left_edge.i : charge.right_edge.i + 1]))
    return [span] if span is not None else []


def _cue_adjunct(cue: Any, clause: Any) -> Any:
    """A phrase right after the cue that the parser put at the head of its clause but that says
    when or where the report was made: "said on Wednesday it would pause", "told reporters in
    Geneva the talks had failed" (no "that" and no comma mark the clause's start). None when
    there is none."""
    subject = next((c for c in clause.children if c.dep_ in _SUBJECTS), None)
    first = next(iter(clause.lefts), None)
    if subject is None or first is None or first.dep_ not in ("prep", "npadvmod"):
        return None
    doc = cue.doc
    between = doc[cue.i + 1 : first.left_edge.i]
    if any(not (t.dep_ in ("dobj", "dative") or t.head.i == cue.i or t.is_space) for t in between):
        return None
    end = first.right_edge.i
    if end + 1 >= len(doc) or end >= subject.left_edge.i or doc[end + 1].is_punct:
        return None
    return first


def _other_source(clause: Any) -> bool:
    """Whether ``clause``, an adverbial clause inside a reported clause, is a report of its own
    source: "Police said the road was closed, while witnesses said it was open", "Acme said sales
    rose, as analysts had predicted"."""
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    return (
        clause.dep_ == "advcl"
        and clause.lower_ in SPEECH_FORMS
        and bool(subjects)
        # "needed before anyone could say X", "until someone can confirm it": no report, a
        # condition on one (a modal or an indefinite speaker), part of the content.
        and not any(c.dep_ == "aux" and c.lower_ in _MODALS for c in clause.children)
        and subjects[0].lower_ not in _INDEFINITE_PRONOUNS
    )


_MODALS = frozenset({"can", "could", "may", "might", "must", "shall", "should", "will", "would"})
_INDEFINITE_PRONOUNS = frozenset(
    {"anyone", "anybody", "nobody", "someone", "somebody", "everyone", "everybody", "one"}
)


def _joined_clause(conj: Any) -> bool:
    """Whether ``conj``, a verb the parser made a conjunct of the cue after the cue's clause, is
    rather a second clause of the content: it has a subject of its own, is no reporting verb, and
    "and" joins it with no comma ("The coach said the striker was fit and the keeper would start",
    "Police claim the van was stolen and its plates were false"). With a comma, or with no
    subject ("said X and left"), it is the narrator's next clause."""
    if conj.lower_ in SPEECH_FORMS or not any(c.dep_ in _SUBJECTS for c in conj.children):
        return False
    doc = conj.doc
    first = conj.left_edge.i
    if first < 2 or doc[first - 1].lower_ != "and" or doc[first - 1].dep_ != "cc":
        return False
    return not doc[first - 2].is_punct


def _clause_after_comma(conj: Any, clause: Any) -> bool:
    """Whether ``conj``, a verb the parser made a conjunct of the cue after a comma and "but" or
    "and", goes on with the cue's reported clause ``clause``, which ends right at that comma: it
    has a subject of its own that is no person's pronoun (the speaker acting: "said he was
    innocent, but he left") and no name (another party: "said X, but Acme has denied it"), is
    no reporting verb, runs to the end of the sentence and is not
    in the simple past of a narrated event ("said he was innocent, but the jury convicted him"):
    "Police said there are no evacuations, but residents are being urged to stay away", "She
    explains that she lives in town, but her parents still live on the farm"."""
    if clause is None or conj.lower_ in SPEECH_FORMS or conj.lower_ in EVIDENCE_FORMS:
        return False
    doc = conj.doc
    first = conj.left_edge.i
    if first < 3 or clause.right_edge.i != first - 3:
        return False
    if doc[first - 2].text != "," or doc[first - 1].lower_ not in ("but", "and"):
        return False
    subject = next((c for c in conj.children if c.dep_ in _SUBJECTS), None)
    if subject is None or subject.lower_ in _PERSON_PRONOUNS:
        return False
    if proper(subject) or subject.ent_type_:
        return False  # another party named: "said X, but Pyongyang has called it a bluff"
    if conj.tag_ == "VBD" and not any(c.dep_ in ("aux", "auxpass") for c in conj.children):
        return False
    if any(t.lower_ in SPEECH_FORMS and t.pos_ in ("VERB", "AUX") for t in conj.subtree):
        return False  # "..., but residents said ...": another report
    rest = doc[conj.right_edge.i + 1 : conj.sent.end]
    return (
        all(t.is_punct or t.is_space for t in rest)
        and "\n" not in doc[clause.i : conj.right_edge.i].text
    )


#: Pronouns a clause's subject is the speaker or another person by.
_PERSON_PRONOUNS = frozenset(grammar("person-pronoun")) | frozenset({"they", "we", "i", "you"})


def _object_then_clause(cue: Any) -> Any:
    """The conjunct verb when the parser split a reported clause with two subjects into the
    cue's object and a conjunct clause: "The judge ruled Acme and its owners were liable" (a
    name as the object, "and", then a verb whose subject follows "and" and which no comma parts
    from the object), None otherwise. Not after a verb of telling, whose object is its hearer
    ("told Jo Li and her staff were ...")."""
    if SPEECH_FORMS.get(cue.lower_) in _TELLING:
        return None
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if obj is None or obj.tag_ not in ("NNP", "NNPS") or obj.i < cue.i:
        return None
    doc = cue.doc
    after = obj.right_edge.i + 1
    if after >= len(doc) or doc[after].lower_ != "and":
        return None
    conj = next((c for c in cue.children if c.dep_ == "conj" and c.i > after), None)
    if conj is None or not conj.tag_.startswith("VB"):
        return None
    subject = next((c for c in conj.children if c.dep_ in _SUBJECTS), None)
    if subject is None or subject.left_edge.i != after + 1:
        return None
    return conj


#: Reporting verbs whose object is the hearer: "told Jo Li ...".
_TELLING = frozenset({"tell", "inform", "assure", "warn", "remind", "brief", "notify"})


def _inverted_head(cue: Any) -> bool:
    """Whether the parser hung a cue with no clause of its own, as a clausal complement, on the
    verb right after its own words, which has a subject of its own after the cue: "The judge has
    already ruled the firm was liable", "The coroner has confirmed the driver was alone" (read
    as "[the judge has ruled] the firm was liable")."""
    head = cue.head
    if cue.dep_ != "ccomp" or head.i <= cue.i or not head.tag_.startswith("VB"):
        return False
    if any(c.dep_ in ("ccomp", "dobj") for c in cue.children):
        return False
    subject = next((c for c in head.children if c.dep_ in _SUBJECTS), None)
    return subject is not None and subject.i > cue.i and subject.left_edge.i == cue.right_edge.i + 1


def _that_object(clause: Any) -> list[Any]:
    """The "that" opening a clause the parser took for a relative clause of a document with
    "that" as its object, where the clause has a subject, an auxiliary and no gap: "said in a
    news release that the road would reopen", "wrote in a memo that staff will get a raise" (a
    real relative clause lacks the object "that" stands for: "the memo that the mayor wrote").
    [] otherwise."""
    if clause.dep_ != "relcl" or speaker_nouns().get(clause.head.lower_) != "document":
        return []
    first = clause.doc[clause.left_edge.i]
    if first.lower_ != "that" or first.dep_ != "dobj" or first.head.i != clause.i:
        return []
    if not any(c.dep_ == "aux" for c in clause.children):
        return []
    if not any(
        c.dep_ in ("prep", "dobj", "acomp", "advmod", "xcomp", "ccomp") for c in clause.rights
    ):
        return []  # "said in a memo that staff had written": the verb ends the clause
    return [first]


def _pieces(tokens: Sequence[Any]) -> list[Offsets]:
    """Contiguous runs of tokens as character spans."""
    out: list[Offsets] = []
    run: list[Any] = []
    for tok in tokens:
        if run and tok.i != run[-1].i + 1:
            span = _char_span(run)
            if span:
                out.append(span)
            run = []
        run.append(tok)
    span = _char_span(run)
    if span:
        out.append(span)
    return out


def _according(token: Any) -> Cue | None:
    """ "..., according to X": X is the source, the clause around it the content."""
    to = next((c for c in token.children if c.text.lower() == "to"), None)
    objs = [c for c in to.children if c.dep_ in ("pobj", "pcomp")] if to is not None else []
    obj = objs[0] if objs else None
    if obj is None:
        return None
    head = token.head
    while head.dep_ not in ("ROOT", "ccomp", "relcl", "conj", "advcl") and head.head.i != head.i:
        head = head.head  # up to the clause
    if _closes_sentence(token) or token.i == token.sent.start:
        # "Both fell below the 2006 peak, when demand reached 50 GW, according to data from X",
        # "According to X, a group made up of former soldiers, prizes were offered ...": at
        # either end of its sentence the source is for the whole sentence, not the clause the
        # parser hung it on.
        while head.dep_ in ("advcl", "relcl") and head.head.i != head.i:
            head = head.head
            while head.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl"):
                if head.head.i == head.i:
                    break
                head = head.head
    drop = {t.i for t in token.subtree}
    stray = _subject_run_on(obj, head)
    if stray is not None:
        drop -= {t.i for t in stray.subtree}
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children):
        # "According to a report in the Post, an internal memo showed ...": the parser may hang
        # the clause's subject on the source as an apposition; it belongs to the content.
        commas = [t for t in token.subtree if t.dep_ == "appos" and t.left_edge.i > 0]
        late = [
            t
            for t in commas
            if t.doc[t.left_edge.i - 1].text == ","
            and t.right_edge.i == token.right_edge.i
            and t.right_edge.i + 1 == head.i
        ]
        if late:
            drop -= {t.i for t in late[-1].subtree}
    for child in head.children:
        if child.text.lower() in _SOURCE_PARTICIPLES:
            drop.update(t.i for t in child.subtree)
    rest = [t for t in head.subtree if t.i not in drop]
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subject is not None and token.i < subject.i:
        # "According to X, held in May, the talks failed": the clause starts at its subject
        # (after the last comma before it).
        doc = token.doc
        first = subject.left_edge.i
        commas = [i for i in range(first, subject.i) if doc[i].text == ","]
        first = commas[-1] + 1 if commas else first
        clauses = [
            c.left_edge.i
            for c in head.children
            if c.dep_ == "advcl"
            and token.right_edge.i < c.left_edge.i < subject.i
            and any(g.dep_ in ("mark", "nsubj") for g in c.children)
        ]
        # "According to X, as the bus nears the border, guards can see it": a clause of the
        # content before its subject stays.
        first = min([first, *clauses])
        if first > token.i:
            rest = [t for t in rest if t.i >= first]
    content = [p for p in _pieces(rest) if p[1] - p[0] > 1]
    cue_span = (token.idx, to.idx + len(to.text)) if to is not None else (token.idx, token.idx)
    return Cue(token, obj, content, cue_span, "according")


def _closes_sentence(token: Any) -> bool:
    """Whether the "according to" phrase of ``token`` ends its sentence, after a comma."""
    doc = token.doc
    if token.i == 0 or doc[token.i - 1].text != ",":
        return False
    after = doc[token.right_edge.i + 1 : token.sent.end]
    return all(t.is_punct or t.is_space for t in after)


def _subject_run_on(obj: Any, head: Any) -> Any:
    """The clause's subject when, with no comma after the source, the parser took it for a
    part of the source ("According to the coroner the driver was not wearing a belt", "According
    to Acme the merger will close in May": "the driver" as an object or apposition of "coroner"),
    else None. Only when the clause has no subject of its own."""
    if any(c.dep_ in _SUBJECTS for c in head.children):
        return None
    for child in obj.rights:
        if child.dep_ not in ("dobj", "appos", "nsubj", "npadvmod"):
            continue
        left = child.left_edge
        if left.i == 0 or left.doc[left.i - 1].is_punct or left.i > child.i:
            return None
        if left.lower_ in _DETERMINERS:
            return child
    return None


def _inside(offset: int, quotes: Sequence[Quote]) -> bool:
    return any(q.start <= offset < q.end for q in quotes)


def _cue_tokens(doc: Any) -> list[Any]:
    """The tokens that are cue words, picked by their lower-case hashes in one array operation
    (touching every token of a Doc from Python costs more than all the claim rules): each hash
    looked up by bisection in the sorted cue hashes (``numpy.isin`` sorts both arrays at every
    call, slower on an article's few hundred tokens)."""
    import numpy

    global _CUE_HASHES
    if _CUE_HASHES is None:  # a string's hash is the same in every vocabulary
        forms = (*SPEECH_FORMS, *EVIDENCE_FORMS, *QUOTATION_FORMS, "according")
        hashes = sorted({doc.vocab.strings.add(w) for w in forms})
        _CUE_HASHES = numpy.array(hashes, dtype="uint64")
    lower = doc.to_array(["LOWER"]).reshape(-1)
    at = numpy.searchsorted(_CUE_HASHES, lower)
    at[at == len(_CUE_HASHES)] = 0
    return [doc[int(i)] for i in numpy.flatnonzero(_CUE_HASHES[at] == lower)]


_CUE_HASHES: Any = None


def find_cues(doc: Any, quotes: Sequence[Quote], text: str) -> list[Cue]:
    """Reporting cues of a parsed Doc of ``text``, with their sources and clausal content, in
    text order."""
    cues: list[Cue] = []
    for token in _cue_tokens(doc):
        lower = token.text.lower()
        if _inside(token.idx, quotes):
            continue  # a cue inside a quotation is part of what is quoted
        if lower == "according":
            cue = _according(token)
            if cue is not None:
                cues.append(cue)
            continue
        evidence = lower in EVIDENCE_FORMS
        framing = lower in QUOTATION_FORMS and lower not in SPEECH_FORMS
        if (
            lower not in SPEECH_FORMS and not evidence and not framing
        ) or not token.tag_.startswith("VB"):
            continue
        if framing and not _beside_quote(token, quotes, text):
            continue  # "The talks continued", "She laughed": no quotation it frames
        particle = QUOTATION_PARTICLES.get(QUOTATION_FORMS.get(lower, "")) if framing else None
        if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in token.children):
            continue  # "she went home", not "she went on"
        deps = {c.dep_ for c in token.children}
        if "neg" in deps:
            continue  # "did not say"
        if any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
            continue  # "declined to say", "asked him to confirm that ...": nothing said yet
        if deps & {"nsubjpass", "auxpass"} and "agent" not in deps:
            continue  # "is said to be", "was told"
        if _habitual(token) or _hypothetical(token):
            continue
        source = _source(token)
        if source is None:
            continue
        if evidence and (
            _within_report(token) or not (_evidence_source(source) or _suggests(token, source))
        ):
            # "Police found the car": a discovery, not a report; "said X, higher than his
            # statements showed": inside another report, part of it.
            continue
        if SPEECH_FORMS.get(lower) in _DOCUMENT_VERBS and (
            source.tag_ == "PRP" or source.ent_type_ == "PERSON"
        ):
            continue  # "He had read that ...": reading, not saying
        content = _clause_content(token, text) or _accusation(token)
        cue_span = (token.idx, token.idx + len(token.text))
        after = cue_span[1]
        colon = re.match(r"\s*:\s*", text[after : after + 8])
        if not colon and not content:
            # "The club denied the reports:¶<statement>": a colon closing the cue's clause and
            # its paragraph (not a list after an object: "announced three measures: ...").
            words = [t for t in token.subtree if not t.is_punct and not t.is_space]
            after = words[-1].idx + len(words[-1].text)
            colon = re.match(r"[ \t]*:[ \t]*\n\s*", text[after : after + 8])
        if colon:  # "The email reads: ...": all of it to the paragraph's end, not one clause
            start = after + colon.end()
            newline = text.find("\n", start)
            end = len(text) if newline < 0 else newline
            if end - start > 10 and text[start] not in '“"«„‘`':
                cues.append(Cue(token, source, [(start, end)], cue_span, "colon"))
                continue
        cues.append(Cue(token, source, content, cue_span, "verb"))
    cues.extend(_noun_cues(doc, quotes, text))
    cues.extend(_made_clear(doc, quotes))
    return sorted(cues, key=lambda c: c.token.idx)


def _beside_quote(token: Any, quotes: Sequence[Quote], text: str) -> bool:
    """Whether a verb of :data:`QUOTATION_FORMS` frames a quotation right beside it in its
    paragraph: one that closes with a comma, "!" or "?" just before the verb and its subject
    ("“We got lucky,” the coach joked.", "“Not true!” interjected Jo Li."), or one that opens
    after the verb and at most three words, a comma or a colon ("She continued: “We will
    rebuild.”", "The judge interrupted: “Sit down.”")."""
    start, end = token.idx, token.idx + len(token.text)
    for q in quotes:
        if q.outer_end <= start:
            between = text[q.outer_end : start]
            closing = text[q.start : q.outer_end].rstrip("”\"’»' ")
            if (
                len(between) <= 40
                and re.fullmatch(r",?\s*(?:[^\s.!?“”\"]+\s+){0,5}", between)
                and (closing.endswith((",", "!", "?")) or between.startswith(","))
            ):
                return True
        elif q.outer_start >= end:
            if re.fullmatch(r"(?:[ \t]+[\w’'-]+){0,3}[ \t]*[,:]\s*", text[end : q.outer_start]):
                return True
            break  # the quotations after it are further on
    return False


#: Modal auxiliaries of a report that may be made but is not: "Some would argue that ...".
_HYPOTHETICAL = frozenset({"would", "could", "might", "may", "should", "must"})


def _hypothetical(token: Any) -> bool:
    """Whether a cue is a report someone would, could or might make, not one made: "Critics
    might argue that the plan costs too much", "Some would say the deal is fair" (not "will":
    "The minister will say in a speech on Monday that ..." is a report given out ahead)."""
    return any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL for c in token.children)


def _habitual(token: Any) -> bool:
    """Whether a cue in the present tense says what someone does whenever something happens, no
    one report: "When a file goes missing, the ministry says it was not secret", "Whenever
    prices rise, the shops say costs are to blame" (a "when" clause with a subject of its own;
    "When asked, Jo Li says the price is fair" is one answer)."""
    if token.tag_ not in ("VBZ", "VBP"):
        return False
    for clause in token.children:
        if clause.dep_ != "advcl":
            continue
        marks = [c.lower_ for c in clause.children if c.dep_ in ("mark", "advmod")]
        if ("when" in marks or "whenever" in marks) and any(
            c.dep_ in _SUBJECTS for c in clause.children
        ):
            return True
    return False


def find_quoted_cues(doc: Any, quotes: Sequence[Quote], text: str) -> list[Cue]:
    """Reporting verbs inside a quotation whose subject is inside it too, with their reported
    clause, clipped to the quotation: reports the quoted speaker makes of others ("“The ISO
    says it is a lack of power,” Jo Li said", "“He told us the mine was safe,” a miner said"):
    claims of their own (kind "quoted"). Not negated, passive or infinitival ones ("“They're not
    saying ...”"), and not the speaker's own "I said" or "we said"."""
    out: list[Cue] = []
    for token in _cue_tokens(doc):
        lower = token.lower_
        q = next((q for q in quotes if q.start <= token.idx < q.end), None)
        if q is None or lower not in SPEECH_FORMS or not token.tag_.startswith("VB"):
            continue
        deps = {c.dep_ for c in token.children}
        if deps & {"neg", "nsubjpass", "auxpass"}:
            continue
        if any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children) or _hypothetical(token):
            continue
        source = _source(token)
        if source is None or not q.start <= source.idx < q.end:
            continue
        if source.lower_ in ("i", "we", "you"):
            continue
        content = [
            (max(s, q.start), min(e, q.end))
            for s, e in _clause_content(token, text)
            if s < q.end and q.start < e
        ]
        content = [(s, e) for s, e in content if e - s >= 10]
        if content:
            span = (token.idx, token.idx + len(token.text))
            out.append(Cue(token, source, content, span, "quoted"))
    return out


def _within_report(token: Any) -> bool:
    """Whether an evidence verb is part of another clause's claim rather than a report of its
    own: a clausal complement ("said tests showed that ..."), or a comparison ("higher than the
    figures showed")."""
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # "said X and that the data showed Y": inside the same complement
    if node.dep_ in ("ccomp", "xcomp", "pcomp", "csubj"):
        return True
    return any(c.dep_ == "mark" and c.lower_ in ("than", "as") for c in token.children)


def _clause_before_semicolon(clause: Any, cue: Any) -> bool:
    """Whether a clause the parser hung on the cue before it is the writer's own, a semicolon
    parting it from the cue, which has a reported clause after it: "The mayor seized on the
    figures; he suggested the plan had failed", "Sales fell; the chief executive said costs
    would rise" (only what follows the cue is reported)."""
    if clause.i > cue.i:
        return False
    doc = cue.doc
    if not any(t.text == ";" for t in doc[clause.right_edge.i + 1 : cue.i]):
        return False
    return any(c.dep_ == "ccomp" and c.i > cue.i for c in cue.children)


def _suggests(token: Any, source: Any) -> bool:
    """Whether "suggest" reports a person's claim: a person's subject and a reported clause
    with a verb of its own tense ("He suggested the plan had failed", "The coach suggested that
    the referee was biased"); not a proposal (:func:`_proposed`)."""
    if EVIDENCE_FORMS.get(token.lower_) != "suggest":
        return False
    person = (
        source.lower_ in ("he", "she")
        or source.ent_type_ == "PERSON"
        or speaker_nouns().get(source.lower_) == "person"
    )
    return person and any(c.dep_ == "ccomp" and not _proposed(c, token) for c in token.children)


def _proposed(clause: Any, cue: Any) -> bool:
    """Whether a clause after "suggest" proposes, its verb bare or "should": "suggested they
    meet on Monday", "suggests that he resign", "suggested the club should wait" (a present
    verb after a past "suggested" with no auxiliary is the bare form of "they", "we", "I")."""
    aux = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ == "should" for a in aux):
        return True
    if clause.tag_ == "VB" and not aux:
        return True
    return clause.tag_ == "VBP" and cue.tag_ == "VBD" and not aux


def _evidence_source(source: Any) -> bool:
    """Whether the subject of an evidence verb ("showed", "found") is a document, data or a
    study, which report what they show: "New figures showed that ...", "The survey found
    that ..."."""
    lower = source.lower_
    kind = speaker_nouns().get(lower) or speaker_nouns().get(lower.rstrip("s"))
    return kind == "document" and source.tag_ in ("NN", "NNS")


#: The forms of "make" in "made clear that ...", "makes it clear that ...".
_MAKE_FORMS = frozenset({"make", "makes", "made", "making"})


def _made_clear(doc: Any, quotes: Sequence[Quote]) -> list[Cue]:
    """ "make (it) clear that X", a light verb and its adjective reporting X as the subject's
    own statement: "The minister made clear that the tax would rise" (politics), "Coach Jo Li
    has made it very clear that the striker will leave" (sport); the parser hangs the clause on
    "make" or on "clear". Not "made clear progress" (no clause) nor "did not make clear whether
    ..." (a negation, a question)."""
    out: list[Cue] = []
    for adj in doc:
        if adj.lower_ != "clear" or adj.dep_ not in ("ccomp", "acomp", "oprd", "xcomp"):
            continue
        verb = adj.head
        if verb.lower_ not in _MAKE_FORMS or not verb.tag_.startswith("VB"):
            continue
        if _inside(verb.idx, quotes) or any(c.dep_ == "neg" for c in verb.children):
            continue
        subjects = _subjects(verb)
        if not subjects or subjects[0].i > verb.i:
            continue
        clause = next(
            (
                c
                for c in [*verb.children, *adj.children]
                if c.i > adj.i
                and c.dep_ in ("ccomp", "advcl")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ),
            None,
        )
        if clause is None:
            continue
        span = _char_span([t for t in clause.subtree if t.dep_ != "mark" or t.head.i != clause.i])
        if span is None:
            continue
        cue_span = (verb.idx, adj.idx + len(adj.text))
        out.append(Cue(verb, subjects[0], [span], cue_span, "verb"))
    return out


def _noun_cues(doc: Any, quotes: Sequence[Quote], text: str) -> list[Cue]:
    """A document or speech noun before a colon, as the object of its speaker's verb: "The club
    issued a statement: “We are shocked.”", "The minister had a warning: prices will rise.", "The
    coach had a message for his players: ..." (what
    follows the colon, to the paragraph's end, or the quotation it opens, is the content)."""
    out: list[Cue] = []
    at = text.find(":")
    while at >= 0:
        span = doc.char_span(at, at + 1)
        token = span[0] if span is not None else None
        at = text.find(":", at + 1)
        if token is None or token.i == 0 or _inside(token.idx, quotes):
            continue
        noun = doc[token.i - 1]
        while (
            noun.dep_ == "pobj"
            and noun.head.dep_ == "prep"
            and noun.head.head.pos_ == "NOUN"
            and noun.head.head.right_edge.i == token.i - 1
        ):
            noun = noun.head.head  # "had a blunt message for the developers: ..."
        kind = speaker_nouns().get(noun.lower_) or speaker_nouns().get(noun.lower_.rstrip("s"))
        verb = noun.head
        if kind != "document" or noun.dep_ not in ("dobj", "attr"):
            continue
        if not verb.tag_.startswith("VB"):
            continue
        if verb.lower_ in SPEECH_FORMS:
            continue  # a reporting verb's own cue covers it
        subjects = _subjects(verb)
        if not subjects:
            continue
        cue_span = (noun.idx, noun.idx + len(noun.text))
        start = token.idx + 1 + len(text[token.idx + 1 :]) - len(text[token.idx + 1 :].lstrip())
        if start < len(text) and text[start] in '“"«„‘`':
            out.append(Cue(noun, subjects[0], [], cue_span, "verb"))  # the quotation it opens
            continue
        newline = text.find("\n", start)
        end = len(text) if newline < 0 else newline
        if end - start > 10 and newline != start:
            out.append(Cue(noun, subjects[0], [(start, end)], cue_span, "colon"))
    return out


__all__ = ["Cue", "find_cues", "find_quoted_cues"]
