"""Attributed claims, a rule family of stage "facts": who is reported to have said what.

Read from the dependency parse of the article (the spaCy ``Doc`` extraction already made; no second
parse), not from sentence templates:

* a reporting cue: a verb of the lexicon ``kg/lexicon/reporting_verbs.txt`` ("said", "told",
  "warned", "denied"), "according to", or a colon before a quotation;
* its source: the cue's subject (also of a verb it is coordinated with: "... but said"), its agent,
  the noun a participle hangs on ("critics saying that ..."), or the object of "according to";
  resolved by :mod:`kg.coref` ("he", "the company", "the statement", unnamed "officials");
* its content: the cue's clausal complement ("told reporters that X" -> X; "said on Tuesday that
  X" -> X), the quotation it frames (split quotations "“A,” she said, “B.”" are one claim;
  quotations run over sentences and paragraphs), the clause around "according to", or the text
  after "reads:".

A quotation no cue frames continues the claim of the quotation just before it. An attribution
closing a paragraph ("..., the agency said.") whose sentence points back ("It ...", "This ...")
also covers the sentences before it in that paragraph that carry no attribution of their own.

Examples: "“We will appeal,” the club's lawyer told reporters." (sport), "Shares fell 4%,
according to exchange data." (business), "Police said the suspect had fled." (crime).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kg.coref import Resolver, Speaker, speaker_nouns
from kg.facts.article import RULES_VERSION, ArticleView, sentence_index, strip_span
from kg.facts.quotes import Quote, find_quotes
from kg.facts.speech import SPEECH_FORMS
from kg.lexicon import grammar
from kg.records import Claim, Offsets, Position

#: Words that open an indirect question, not a claim: "did not say whether ...".
_QUESTION_WORDS = frozenset(grammar("question"))
#: Participles that name a source's own source; they are not part of the content.
_SOURCE_PARTICIPLES = frozenset(grammar("source-participle"))
#: Passive verbs whose subject speaks through "as saying": "was quoted as saying".
_QUOTED_AS = frozenset({"quoted", "cited", "reported"})
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_DETERMINERS = frozenset(grammar("definite")) | frozenset(grammar("indefinite"))
#: Words that open a sentence continuing the one before ("It links ...", "This means ...").
_ANAPHORS = frozenset(grammar("anaphor"))
#: How many sentences before a closing attribution it may cover.
_PASSAGE = 3
#: How many sentences after a direct claim a quotation no cue frames may continue it.
_CONTINUED = 3


@dataclass
class _Cue:
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
    before = token.doc.text[max(0, token.idx - 4) : token.idx] if depth == 0 else ""
    if re.search(r"[”\"'’»]\s*,?\s*$|,\s*[”\"'’»]\s*$", before):
        # “...,” added the agency: the parser may take an inverted subject for an object.
        for child in token.rights:
            if child.dep_ in ("dobj", "attr", "npadvmod") and child.i == token.i + 1 + (
                1 if token.doc[token.i + 1].dep_ == "det" else 0
            ):
                return child
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
    if token.head.dep_ == "ccomp":
        return None  # a verb inside someone's reported clause has no subject of its own here
    if token.dep_ == "conj" and token.head.tag_.startswith("VB"):
        return _source(token.head, depth + 1)
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


def _subjects(token: Any) -> list[Any]:
    """The cue's subjects, the nearest first, without those a paragraph break or a quotation
    closing before them cuts off from it: the parser may run a headline or the end of a quoted
    paragraph into the sentence and give the cue two subjects ("Bank raises rates¶Officials
    said ...", "... for 30 hours."¶Jo Li, a police spokeswoman, told ...")."""
    text = token.doc.text
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    near = [
        c
        for c in subjects
        if c.i > token.i
        or not re.search(r"\n|[.!?][”\"’»]?\s", text[_end(c.right_edge) : token.idx])
    ]
    return sorted(near, key=lambda c: abs(token.i - c.i))


def _end(token: Any) -> int:
    return int(token.idx + len(token.text))


def _own_report(token: Any) -> bool:
    """Whether ``token``, a conjunct inside a reported clause, is a reporting verb with a clause
    of its own: "claimed X was a volunteer and claim Y", "said prices rose and warned Z"."""
    return token.lower_ in SPEECH_FORMS and any(c.dep_ == "ccomp" for c in token.children)


def _clause_content(token: Any, text: str) -> list[Offsets]:
    """The cue's clausal complements, without "that" and edge punctuation."""
    out: list[Offsets] = []
    for child in token.children:
        if child.dep_ == "conj" and child.tag_.startswith("VB"):
            marks = [c for c in child.children if c.dep_ == "mark"]
            if out and _joined_clause(child):
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
        tokens = [t for t in child.subtree]
        for conj in [c for c in child.children if c.dep_ == "conj" and _own_report(c)]:
            own = {t.i for t in conj.subtree}  # a second report: its own claim
            tokens = [t for t in tokens if t.i not in own and t.i < conj.i]
            while tokens and (tokens[-1].dep_ == "cc" or tokens[-1].is_punct):
                tokens = tokens[:-1]
        if not tokens:
            continue
        first = tokens[0]
        if first.text.lower() in _QUESTION_WORDS:
            return []  # an indirect question
        while tokens and (
            tokens[0].is_punct or (tokens[0].dep_ == "mark" and tokens[0].text.lower() == "that")
        ):
            tokens = tokens[1:]
        span = _char_span(tokens)
        if span is not None:
            out.append(span)
    if not out:
        # "announced in a memo that X": the parser may hang the clause on the memo.
        for child in token.children:
            if child.dep_ not in ("prep", "dobj", "npadvmod"):
                continue
            for tok in child.subtree:
                marks = [c for c in tok.children if c.dep_ == "mark"]
                if (
                    tok.dep_ in ("acl", "ccomp", "advcl", "relcl")
                    and marks
                    and marks[0].lower_ == "that"
                    and any(c.dep_ in _SUBJECTS for c in tok.children)
                ):
                    # "told Reuters in a statement that X", "announced in a memo that X" (the
                    # parser may take X for a relative clause of the memo; a real one has no
                    # subject of its own beside "that": "the memo that went out").
                    span = _char_span([t for t in tok.subtree if t.i > marks[0].i])
                    if span is not None:
                        return [span]
    if not out and token.dep_ == "parataxis" and token.head.tag_.startswith("VB"):
        # "The economy, he said, is growing": the clause the cue interrupts.
        mine = {t.i for t in token.subtree}
        rest = [t for t in token.head.subtree if t.i not in mine]
        return _pieces(rest)
    return out


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


def _according(token: Any) -> _Cue | None:
    """ "..., according to X": X is the source, the clause around it the content."""
    to = next((c for c in token.children if c.text.lower() == "to"), None)
    objs = [c for c in to.children if c.dep_ in ("pobj", "pcomp")] if to is not None else []
    obj = objs[0] if objs else None
    if obj is None:
        return None
    head = token.head
    while head.dep_ not in ("ROOT", "ccomp", "relcl", "conj", "advcl") and head.head.i != head.i:
        head = head.head  # up to the clause
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
        if first > token.i:
            rest = [t for t in rest if t.i >= first]
    content = [p for p in _pieces(rest) if p[1] - p[0] > 1]
    cue_span = (token.idx, to.idx + len(to.text)) if to is not None else (token.idx, token.idx)
    return _Cue(token, obj, content, cue_span, "according")


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


def _clip(text: str, parts: list[Offsets], at: int) -> list[Offsets]:
    """Parts cut to the paragraph holding offset ``at`` (the parser's sentences may run over a
    paragraph break, a headline into the first paragraph)."""
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    hi = len(text) if hi < 0 else hi
    return [(max(s, lo), min(e, hi)) for s, e in parts if s < hi and lo < e]


def _inside(offset: int, quotes: Sequence[Quote]) -> bool:
    return any(q.start <= offset < q.end for q in quotes)


def _cue_tokens(doc: Any) -> list[Any]:
    """The tokens that are cue words, picked by their lower-case hashes in one array operation
    (touching every token of a Doc from Python costs more than all the claim rules)."""
    import numpy

    global _CUE_HASHES
    if _CUE_HASHES is None:  # a string's hash is the same in every vocabulary
        forms = (*SPEECH_FORMS, "according")
        _CUE_HASHES = numpy.array([doc.vocab.strings.add(w) for w in forms], dtype="uint64")
    lower = doc.to_array(["LOWER"]).reshape(-1)
    return [doc[int(i)] for i in numpy.flatnonzero(numpy.isin(lower, _CUE_HASHES))]


_CUE_HASHES: Any = None


def find_cues(doc: Any, quotes: Sequence[Quote], text: str) -> list[_Cue]:
    """Reporting cues of a parsed Doc of ``text``, with their sources and clausal content, in
    text order."""
    cues: list[_Cue] = []
    for token in _cue_tokens(doc):
        lower = token.text.lower()
        if _inside(token.idx, quotes):
            continue  # a cue inside a quotation is part of what is quoted
        if lower == "according":
            cue = _according(token)
            if cue is not None:
                cues.append(cue)
            continue
        if lower not in SPEECH_FORMS or not token.tag_.startswith("VB"):
            continue
        deps = {c.dep_ for c in token.children}
        if "neg" in deps:
            continue  # "did not say"
        if deps & {"nsubjpass", "auxpass"} and "agent" not in deps:
            continue  # "is said to be", "was told"
        source = _source(token)
        if source is None:
            continue
        content = _clause_content(token, text)
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
                cues.append(_Cue(token, source, [(start, end)], cue_span, "colon"))
                continue
        cues.append(_Cue(token, source, content, cue_span, "verb"))
    return cues


def _eligible(quote: Quote, doc: Any) -> bool:
    """A quotation that can be a claim: a clause, or at least eight words (not a scare quote
    or a title: "“positive”", "“The Internet Explorer 6 Countdown”" after "on")."""
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None or len(span) < 3:
        return False
    if span.root.dep_ == "pobj" and span.root.head.i < span.start:
        return False  # "on “A Site's Name”"
    return any(t.tag_ in _FINITE for t in span) or len([t for t in span if t.is_alpha]) >= 8


def _same_paragraph(text: str, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return "\n" not in text[lo:hi]


def _attach_quotes(
    doc: Any, text: str, sents: Sequence[Any], cues: list[_Cue], quotes: list[Quote]
) -> list[Quote]:
    """Give each eligible quotation to the cue that frames it; returns the quotations left."""
    starts = [s.start_char for s in sents]

    def sent_of(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    left: list[Quote] = []
    for q in quotes:
        if not _eligible(q, doc):
            continue

        def piece(cue: _Cue, q: Quote = q) -> Offsets | None:
            """The piece of the cue's complement that meets the quotation."""
            return next((p for p in cue.content if p[0] < q.end and q.start < p[1]), None)

        meeting = [(c, p) for c in cues if (p := piece(c)) is not None]
        if meeting:
            cue, part = meeting[0]
            if cue.kind == "verb" and part[0] >= q.outer_start - 1:
                cue.quotes.append(q)  # the complement is the quotation: direct speech
            elif part[1] < q.end:
                # Quoted words inside a reported clause: the clause is the claim, up to the
                # quotation's end (the parser may end the sentence inside it: 'said the deal was
                # "dead. We will walk away."').
                at = cue.content.index(part)
                cue.content[at] = (part[0], q.end)
            continue
        first, last = sent_of(q.outer_start), sent_of(max(q.outer_start, q.outer_end - 1))
        frame = set(range(first, last + 1))
        if last + 1 < len(sents) and sents[last + 1].start_char - q.outer_end < 3:
            frame.add(last + 1)  # “...” / she said.
        if first > 0 and re.search(r"[:,]\s*$", text[sents[first - 1].start_char : q.outer_start]):
            frame.add(first - 1)  # She said: “...”
        near = [
            c
            for c in cues
            if c.kind == "verb"
            and (not c.content or c.quotes)
            and sent_of(c.token.idx) in frame
            and (
                _same_paragraph(text, c.token.idx, q.start)
                # "He stated,¶“...”": a paragraph that ends with its cue opens the quotation.
                or re.fullmatch(r"[^\n]*[,:][ \t]*\n\s*", text[c.token.idx : q.outer_start])
                is not None
            )
        ]
        if near:
            owner = min(
                near, key=lambda c: min(abs(c.token.idx - q.start), abs(c.token.idx - q.end))
            )
            owner.quotes.append(q)
        else:
            left.append(q)
    return left


def find_claims(
    art: ArticleView,
    doc: Any,
    *,
    positions: Sequence[Position] = (),
    role_words: frozenset[str] = frozenset(),
) -> list[Claim]:
    """Every attributed claim of one article, by the rules of the module docstring."""
    text = art.text
    quotes = find_quotes(text)
    cues = find_cues(doc, quotes, text)
    sents = list(doc.sents)
    unclaimed = _attach_quotes(doc, text, sents, cues, quotes)
    sent_starts = [s.start_char for s in sents]
    resolver = Resolver(
        text,
        art.mentions,
        sent_starts,
        positions=positions,
        role_words=role_words,
        quotes=[(q.start, q.end) for q in quotes],
        country_of=art.country_of_word,
    )

    def sent_of(offset: int) -> int:
        return max(0, bisect.bisect_right(sent_starts, offset) - 1)

    drafts: list[tuple[_Cue | None, Speaker, list[Offsets], bool, str]] = []
    cue: _Cue | None
    for cue in sorted(cues, key=lambda c: c.token.idx):
        if cue.quotes:
            parts = [(q.start, q.end) for q in sorted(cue.quotes, key=lambda q: q.start)]
            # A clause of the cue's complement outside the quotation is said too: "She said
            # funds would follow, “and schools can apply now.”"
            parts = sorted(
                parts
                + [
                    p
                    for p in _clip(text, cue.content, cue.token.idx)
                    if not any(q.outer_start <= p[1] and p[0] <= q.outer_end for q in cue.quotes)
                ]
            )
            direct, rule = True, "quote"
        elif cue.content:
            # Clipped to the paragraph of the content's cue, or for "said:" to the paragraph
            # the statement opens (often the next: "The minister said:¶We condemn ...").
            at = cue.content[0][0] if cue.kind == "colon" else cue.token.idx
            parts, direct, rule = _clip(text, cue.content, at), False, cue.kind
        else:
            continue
        if not parts:
            continue  # a clause wholly in another paragraph: a headline the parser ran on
        speaker = resolver.resolve(cue.source, cue.token.idx)
        if speaker is None:
            continue
        drafts.append((cue, speaker, parts, direct, rule))
        resolver.claimed(cue.token.idx, parts[-1][1])
    # A quotation no cue frames continues the quotation before it.
    for q in unclaimed:
        before = [d for d in drafts if d[2][-1][1] <= q.start]
        if not before:
            continue
        prev = max(before, key=lambda d: d[2][-1][1])
        if prev[3] and _continues(art, sent_of, prev, q, quotes):
            drafts.append((None, prev[1], [(q.start, q.end)], True, "quote-continued"))
    drafts.sort(key=lambda d: d[2][0][0])
    claims: list[Claim] = []
    covered = [(d[2][0][0], d[2][-1][1]) for d in drafts]
    cue_sents = {sent_of(c.token.idx) for c in cues} | {sent_of(q.start) for q in quotes}
    for cue, speaker, parts, direct, rule in drafts:
        parts = [strip_span(text, s, e) for s, e in parts]
        parts = [(s, e) for s, e in parts if e - s >= 3]
        if not parts or sum(e - s for s, e in parts) < 10:
            continue
        if cue is not None and rule in ("verb", "according") and cue.token.idx > parts[-1][1]:
            parts = _passage(text, sents, sent_of, parts, covered, cue_sents) + parts
        start, end = parts[0][0], parts[-1][1]
        cue_span = cue.cue_span if cue is not None else None
        claimant = speaker.mention
        government = None
        if claimant is not None and claimant.type == "City" and claimant.country:
            country = art.gaz.countries.get(claimant.country)
            if country and country.capital and country.capital.lower() == claimant.text.lower():
                government = claimant.country  # "according to Paris": its government
        about = tuple(
            (m.start, m.end)
            for m in art.mentions
            if any(s <= m.start and m.end <= e for s, e in parts)
        )
        cue_word = text[cue_span[0] : cue_span[1]].lower() if cue_span else "quote"
        claims.append(
            Claim(
                article_id=art.ex.article.id,
                sentence=sentence_index(art, start),
                start=start,
                end=end,
                claimant=(claimant.start, claimant.end) if claimant is not None else None,
                government=government,
                cue=cue_word,
                about=about,
                rule=f"claim:{rule}@{RULES_VERSION}",
                speaker=speaker.words,
                cue_span=cue_span,
                direct=direct,
                parts=tuple(parts),
                speaker_kind=speaker.kind,
            )
        )
    return claims


def _continues(
    art: ArticleView,
    sent_of: Any,
    prev: tuple[_Cue | None, Speaker, list[Offsets], bool, str],
    q: Quote,
    quotes: Sequence[Quote],
) -> bool:
    """Whether quotation ``q``, which no cue frames, goes on with the direct claim ``prev``, the
    latest claim before it: within :data:`_CONTINUED` sentences, with no other quotation between
    and no other person named between ("“We were sloppy,” the coach said. The side has lost three
    in a row.¶“We need to defend better.”"; "“Costs will rise,” the chief executive said. Sales
    fell 3%.¶“We expect a better second half.”")."""
    cue, speaker, parts, _direct, _rule = prev
    end = parts[-1][1]
    last = max(sent_of(end - 1), sent_of(cue.token.idx) if cue else 0)
    if sent_of(q.outer_start) - last > _CONTINUED:
        return False
    if any(end < o.start and o.outer_end <= q.outer_start for o in quotes):
        return False
    own = speaker.mention.text if speaker.mention is not None else None
    return not any(
        m.type == "Person"
        and end < m.start < q.outer_start
        and (own is None or not (m.text in own or own in m.text))
        for m in art.mentions
    )


def _passage(
    text: str,
    sents: Sequence[Any],
    sent_of: Any,
    parts: list[Offsets],
    covered: list[Offsets],
    cue_sents: set[int],
) -> list[Offsets]:
    """The sentences before a closing attribution ("..., the agency said.") it also covers: those
    of its paragraph, right before it, that hold no attribution or quotation of their own."""
    here = sent_of(parts[0][0])
    if sents[here].start_char < parts[0][0] - 2:
        return []  # the content does not start the sentence
    first = re.match(r"[\w’']+", text[parts[0][0] :])
    if first is None or first.group().lower() not in _ANAPHORS:
        return []  # only a sentence that points back ("It also ...") continues the account
    out: list[Offsets] = []
    for index in range(here - 1, max(-1, here - 1 - _PASSAGE), -1):
        sent = sents[index]
        if index in cue_sents or not _same_paragraph(text, sent.start_char, parts[0][0]):
            break
        if any(s < sent.end_char and sent.start_char < e for s, e in covered):
            break
        span = strip_span(text, sent.start_char, sent.end_char)
        if span[1] - span[0] < 10:
            break
        out.insert(0, span)
    return out
