"""In-document coreference for speakers, part of stage "facts": what a pronoun or a noun phrase
that introduces a claim stands for, inside one article.

Rule-based and deliberately cautious (a wrong speaker is worse than none): a speaker is resolved to
the nearest compatible earlier mention, by gender (``gender-guesser``'s list of given names, and
"Mr"/"Ms" before a name), number, entity type and role words; a noun phrase the text never ties to a
name ("a senior official", "critics") stays an unnamed speaker, with its words. Works on a parsed
spaCy ``Doc`` and the article's mention records; nothing here loads a model.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from kg.lexicon import entries, grammar
from kg.lexicon import words as lexicon_words
from kg.records import EntityType, Mention, Position
from kg.speaker_words import (
    Speaker,
    SpeakerKind,
    behind_comma,
    capitalised_body,
    determiner,
    generic_roles,
    in_relative,
    is_source_prep,
    is_subject,
    issued_unnamed,
    latest_issuer,
    name_gender,
    np_span,
    plural,
    proper,
    recipient,
    same_words_issuer,
    speaker_nouns,
)

_ORG_TYPES: frozenset[EntityType] = frozenset(
    {"Organization", "GovernmentOrganization", "NewsMediaOrganization"}
)
#: Types a person's pronoun never stands for.
_NO_PERSON_TYPES: frozenset[EntityType] = _ORG_TYPES | frozenset(
    {"Country", "City", "Place", "Road"}
)
#: Which entity types each kind of speaker noun may stand for.
_KIND_TYPES: dict[str, frozenset[EntityType]] = {
    "org": _ORG_TYPES,
    "government": frozenset({"GovernmentOrganization", "Organization"}),
    "media": frozenset({"NewsMediaOrganization", "Organization"}),
}
#: For these kinds, a name without the head word must be of exactly this type.
_EXACT_TYPE: dict[str, EntityType] = {
    "government": "GovernmentOrganization",
    "media": "NewsMediaOrganization",
}
_PERSON_PRONOUNS = grammar("person-pronoun")
#: Nouns for the people who speak for a body ("officials at the museum").
_BODY_VOICES = lexicon_words("body_voices")
_POSSESSIVE = grammar("possessive")
_INDEFINITE = frozenset(grammar("indefinite"))
_DEFINITE = frozenset(grammar("definite"))
#: How many sentences back a pronoun or a noun phrase looks for its antecedent.
WINDOW = 4


def _sole_body(candidates: Sequence[Mention], word: str) -> list[Mention]:
    """The one organisation the article has named before, when a company's noun speaks and no
    other body of any type was named: "Shares of Brandt Motors fell 6%. The carmaker will close
    two plants, the company said", "Orla Foods recalled its yoghurts; the firm said ..." (its
    name not the subject of its clause). Not for a government's or an outlet's noun, and not when
    two bodies were named."""
    if _body_kinds().get(word) != "business" or not candidates:
        return []
    longest = max(candidates, key=lambda m: len(m.text))
    if longest.type != "Organization":
        return []
    if any(_body_kinds().get(w) == "institution" for w in re.findall(r"\w+", longest.text.lower())):
        return []
    if all(m.type == "Organization" and m.text in longest.text for m in candidates):
        return [longest]
    return []


def _unlisted_speaker(head: Any) -> bool:
    """Whether a common noun no speaker list has, as the subject of a reporting verb, is an
    unnamed speaker: "Two miners claimed that the shaft had flooded", "The beekeepers told
    reporters that half their hives had died" (whoever a reporting verb's subject is speaks;
    the lists only say whom the noun may stand for). Not an object, an "of" phrase or an
    "according to" phrase (a plan or a timetable there is no speaker); not a capitalised word
    inside its sentence (a name the tagger missed: "the Harbour Patrol announced"); not a
    subject of more than a dozen words or kept from its verb by words other than auxiliaries
    and adverbs (a misparse); not in a headline (no closing stop: "Farmer claims ...")."""
    if head.dep_ != "nsubj" or head.tag_ not in ("NN", "NNS") or head.pos_ != "NOUN":
        return False
    verb = head.head
    between = head.doc[head.right_edge.i + 1 : verb.i] if verb.i > head.i else ()
    if any(t.dep_ not in ("aux", "advmod", "neg") for t in between):
        return False  # a subject far from its verb is a parse to distrust
    if head.right_edge.i - head.left_edge.i > 12:
        return False  # and so is a long one ("475 pounds of cocaine ..., the agency announced")
    if head.tag_ == "NN" and not any(
        c.dep_ in ("det", "poss", "nummod", "compound", "amod") for c in head.lefts
    ):
        return False  # a bare singular noun refers to no one: "Rest assured, ...", a misparse
    sent = head.sent
    if head.i != sent.start and not head.is_lower:
        return False
    last = next((t for t in reversed(sent) if not t.is_space), None)
    return last is not None and last.text in (".", "!", "?", ":", "”", '"', "’")


#: Verbs of putting questions to someone, as written ("Jo Li asked Ana Roe ...").
_ASKING = frozenset(lexicon_words("asking_verbs"))


def _answers_question(head: Any) -> bool:
    """Whether the pronoun's sentence opens with "Asked" (about something, whether ...): "Asked
    about the strike, he said ...", "Asked if she would run, she said ..." (the one asked
    speaks)."""
    first = head.sent[0]
    return bool(first.lower_ == "asked" and first.i < head.i)


def _asker(doc: Any, m: Mention) -> bool:
    """Whether mention ``m`` is the subject of a verb of asking, and so not the one who answers:
    "Jo Li interviewed Sam Reyes. Asked about the strike, he said ..." (Reyes, not Li), "Ana Roe
    asked Mia Lund about the vote. Asked again, she said ..." (Lund)."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ == "nsubj" and root.head.lower_ in _ASKING


def _group_words(own: Mention, head: Any) -> bool:
    """Whether a mention extraction took for a name is a group of unnamed people described by
    their side or place, its last word a plural noun for people: "Tory MPs said ...", "a string
    of Labour MPs who said ...", "Texan ranchers told reporters ..." (no one body speaks). Not the
    voices of a body ("Acme officials": the body's), nor a body's own name ("Lyon Police")."""
    lower = head.lower_
    if own.end != head.idx + len(head.text) or own.start >= head.idx or not lower.endswith("s"):
        return False
    if lower in _BODY_VOICES:
        return False
    kind = speaker_nouns().get(lower) or speaker_nouns().get(lower[:-1])
    return kind in ("group", "person")


def _name_part_cut(inner: Mention, head: Any) -> bool:
    """Whether an organisation's mention is the front of the longer name whose last word is the
    speaker's head, extraction having cut that name short: "The Lakeside Regional Transit
    Authority said" with "Lakeside Regional Transit" taken, "the Harbour Workers Union said"
    with "Harbour Workers" (another body, or none: the whole name is the speaker). Not a
    legal form after a company's name ("Acme Inc." is Acme)."""
    if head.text.strip(".").lower() in lexicon_words("legal_suffixes"):
        return False
    doc = head.doc
    first = doc.char_span(inner.start, inner.end, alignment_mode="expand")
    if first is None or first.end > head.i:
        return False
    return all(proper(t) and t.text[:1].isupper() for t in doc[first.end : head.i + 1])


def _name_runs_on(own: Mention, head: Any) -> tuple[int, int] | None:
    """The span of the whole name an organisation's mention cuts short before "of" or "for"
    and the capitalised words that go on with it, the speaker's head being the mention's last
    word: "the Office for Budget Responsibility said" with "Office" taken, "the Institute of
    Marine Studies said" with "Institute" taken. None when the mention is the whole name."""
    if own.type not in _ORG_TYPES or own.end != head.idx + len(head.text):
        return None
    doc = head.doc
    prep = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if prep is None or prep.head.i != head.i or prep.lower_ not in ("of", "for"):
        return None
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or not proper(obj):
        return None
    tail = [t for t in doc[prep.i + 1 : obj.right_edge.i + 1]]
    stop = next((i for i, t in enumerate(tail) if t.is_punct), len(tail))
    tail = tail[:stop]
    if not tail or not tail[-1].text[:1].isupper():
        return None
    if not all(t.text[:1].isupper() or t.lower_ in ("of", "for", "the", "and", "&") for t in tail):
        return None
    return own.start, tail[-1].idx + len(tail[-1].text)


def _near_source(tok: Any, head: Any) -> bool:
    """Whether a name after "by", "from" or "of" outside the speaker's own words hangs on the
    speaker's noun, or on the participle that does ("the report, cited by X", "a memo from X"),
    not deeper in a phrase about other people: "a team led by researchers at the University of
    Lagos" (the team, not the university, reports), "a study funded by a grant from Acme" (the
    grant's giver is no author)."""
    verb = tok.head.head
    return bool(verb.i == head.i or (verb.dep_ == "acl" and verb.head.i == head.i))


@cache
def _pair_nouns() -> dict[str, str]:
    """``kg/lexicon/pair_nouns.txt``: noun -> "pair" (two people) or the kind of its plural."""
    return {noun: kind for noun, kind in (line.split() for line in entries("pair_nouns"))}


@cache
def _role_acronyms() -> dict[str, str]:
    """``kg/lexicon/role_acronyms.txt``: an office's abbreviation -> the title it shortens."""
    return {line.split()[0]: " ".join(line.split()[1:]) for line in entries("role_acronyms")}


def _body_noun_alone(m: Mention) -> bool:
    """Whether a mention is only a body's common noun, capitalised ("Agency" in "Agency
    officials said", "Council" opening a sentence): no name of its own."""
    word = m.text.strip()
    return (
        " " not in word
        and not word.isupper()
        and speaker_nouns().get(word.lower()) in ("org", "government", "media")
    )


@cache
def _issuing_verbs() -> dict[str, str]:
    """``kg/lexicon/issuing_verbs.txt``: each form of each verb -> the particle it needs ("put"
    -> "out"), or ""."""
    forms: dict[str, str] = {}
    for line in entries("issuing_verbs"):
        for form in line.split():
            verb, _, particle = form.partition("+")
            forms.setdefault(verb, particle)
    return forms


@cache
def _body_kinds() -> dict[str, str]:
    """``kg/lexicon/body_kinds.txt``: noun -> "business" or "institution"."""
    return {noun: kind for noun, kind in (line.split() for line in entries("body_kinds"))}


class Resolver:
    """Resolves speakers of one article, in text order (earlier claims inform later ones)."""

    def __init__(
        self,
        text: str,
        mentions: Sequence[Mention],
        sentence_starts: Sequence[int],
        *,
        positions: Iterable[Position] = (),
        role_words: frozenset[str] = frozenset(),
        quotes: Sequence[tuple[int, int]] = (),
        country_of: Callable[[str], str | None] = lambda word: None,
    ) -> None:
        """Args:
        country_of: The ISO code of the country a word names or is the demonym of ("French")."""
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.sentence_starts = list(sentence_starts)
        self.roles_of: dict[tuple[int, int], set[str]] = {}
        #: ISO codes of the countries each holder's positions are of.
        self.countries_of: dict[tuple[int, int], set[str]] = {}
        for p in positions:
            self.roles_of.setdefault(p.holder, set()).update({p.role, *p.role.split("-")})
            of = self.mention_at(*p.of) if p.of is not None else None
            country = p.of_country or (of.country if of is not None else None)
            if country:
                self.countries_of.setdefault(p.holder, set()).add(country)
        self.country_of = country_of
        #: The bodies each holder's positions are of ("chief executive of Acme").
        self.employers: dict[tuple[int, int], list[Mention]] = {}
        for p in positions:
            body = self.mention_at(*p.of) if p.of is not None else None
            if body is not None and body.type in _ORG_TYPES:
                self.employers.setdefault(p.holder, []).append(body)
        self.role_words = role_words
        self.quotes = sorted(quotes)
        self.gender: dict[tuple[int, int], str | None] = {}
        #: The genders of the pronouns the article's own reports give each person, by the last
        #: word of the name (:meth:`_reported_gender`).
        self.said_gender: dict[str, set[str]] = {}
        #: Speakers resolved so far: (offset of the cue, speaker).
        self.history: list[tuple[int, Speaker]] = []
        #: Where the content of each cue's claim ends (:meth:`claimed`).
        self.reach: dict[int, int] = {}
        #: Speakers named with others ("Jo Li and her colleagues"), by their words' offsets.
        self.with_others: set[tuple[int, int]] = set()
        #: The parsed document of the speaker being resolved (set by :meth:`_pair`).
        self._doc: Any = None
        #: How deep :meth:`_chained` is in resolving pronouns through subject pronouns.
        self._chaining = 0

    # -- lookups ---------------------------------------------------------------------------

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The mention holding the characters ``start:end``."""
        i = bisect.bisect_right(self.starts, start) - 1
        while i >= 0 and i < len(self.mentions):
            m = self.mentions[i]
            if m.start <= start and end <= m.end:
                return m
            if m.end < start - 200:
                break
            i -= 1
        return None

    def _in_quote(self, offset: int) -> bool:
        i = bisect.bisect_right(self.quotes, (offset, 1 << 62)) - 1
        return i >= 0 and self.quotes[i][0] <= offset < self.quotes[i][1]

    def _gender(self, m: Mention) -> str | None:
        said = self.said_gender.get(m.text.split()[-1]) if m.text.split() else None
        if said is not None and len(said) == 1:
            return next(iter(said))  # the article's own word beats the list of given names
        key = (m.start, m.end)
        if key not in self.gender:
            full = self._full_names(m)
            if full:
                # A surname alone has the gender of the full name it shortens, not of the
                # given name it may also be ("Paris" after "Valeska Paris", "Jordan" after
                # "Michael Jordan"); two full names of different genders leave it open.
                genders = {self._gender(f) for f in full}
                self.gender[key] = genders.pop() if len(genders) == 1 else None
            else:
                self.gender[key] = name_gender(m, self.text)
        return self.gender[key]

    def _full_names(self, m: Mention) -> list[Mention]:
        """The article's longer person names that end with the one-word name ``m``."""
        if m.type != "Person" or " " in m.text.strip():
            return []
        return [
            f
            for f in self.mentions
            if f.type == "Person" and " " in f.text.strip() and f.text.split()[-1] == m.text
        ]

    def _candidates(
        self, before: int, types: frozenset[EntityType], window: int = WINDOW
    ) -> list[Mention]:
        """Mentions of ``types`` before ``before`` within :data:`WINDOW` sentences, outside
        quotations, nearest sentence first; in the pronoun's own sentence the nearest first, in
        earlier sentences the first (the subject, most often) first."""
        here = self.sentence_of(before)
        lo = self.sentence_starts[max(0, here - window)] if self.sentence_starts else 0
        first = bisect.bisect_left(self.starts, lo)
        last = bisect.bisect_left(self.starts, before)
        found = [
            m
            for m in self.mentions[first:last]
            if m.type in types and m.end <= before and not self._in_quote(m.start)
        ]

        def rank(m: Mention) -> tuple[int, int]:
            distance = here - self.sentence_of(m.start)
            return (distance, -m.start if distance == 0 else m.start)

        return sorted(found, key=rank)

    # -- resolution ------------------------------------------------------------------------

    def resolve(
        self, head: Any, cue_at: int, *, reported: Sequence[tuple[int, int]] = ()
    ) -> Speaker | None:
        """The speaker a source token (the head of the cue's subject) stands for; None when it is
        no speaker ("the move said" does not occur, "it" with no antecedent gives nothing).
        ``reported``: the spans of the cue's reported clause in the writer's words (no person a
        "he" or "she" stands for is named in them)."""
        words = np_span(head)
        found = self._resolve(head, words, cue_at, reported)
        if found is not None:
            self.history.append((cue_at, found))
            if found.rule in ("coref:pronoun-last-group", "coref:pair") or any(
                c.dep_ == "conj" for c in head.children
            ):
                self.with_others.add(found.words)  # a group: a later "they" is it again
            if (
                found.mention is not None
                and found.kind == "name"
                and found.mention.type == "Person"
            ):
                said = self._reported_gender(head)
                if said is not None and found.mention.text.split():
                    self.said_gender.setdefault(found.mention.text.split()[-1], set()).add(said)
            if found.mention is not None and found.kind == "pronoun":
                gender = _PERSON_PRONOUNS.get(head.text.lower())
                if gender and found.mention.type == "Person":
                    self.gender.setdefault((found.mention.start, found.mention.end), gender)
        return found

    def _reported_gender(self, head: Any) -> str | None:
        """The gender of the pronoun that is the subject of a named speaker's own reported
        clause, outside quotations: "Di Li says that he is excited" (male, whatever a list of
        given names says of "Di"), "Sam Reyes said she would appeal" (female). In news, such a
        pronoun is the speaker (in GUM's news and interviews, 12 of 12 outside quotations); not
        after a hearer ("Judge Eleri Rees told him he had ...")."""
        cue = head.head
        if head.dep_ != "nsubj" or cue.i == head.i:
            return None
        if any(c.dep_ in ("dobj", "dative") for c in cue.children):
            return None  # "told him he had ...": the hearer, as likely as the speaker
        for clause in cue.children:
            if clause.dep_ != "ccomp":
                continue
            for tok in clause.children:
                if (
                    tok.dep_ in ("nsubj", "nsubjpass")
                    and tok.tag_ == "PRP"
                    and tok.lower_ in ("he", "she")
                    and not self._in_quote(tok.idx)
                ):
                    return _PERSON_PRONOUNS[tok.lower_]
        return None

    def _resolve(
        self,
        head: Any,
        words: tuple[int, int],
        cue_at: int,
        reported: Sequence[tuple[int, int]] = (),
    ) -> Speaker | None:
        own = self.mention_at(head.idx, head.idx + len(head.text))
        closing = self._closing_name(head, own, cue_at)
        if closing is not None:
            return closing
        if own is not None and _group_words(own, head):
            return Speaker(words, None, "unnamed", "coref:group-words")
        if own is not None:
            full = _name_runs_on(own, head)
            if full is not None:
                return self._cut_name(own, full, words)
            return Speaker(words, own, "name", "coref:mention")
        title = _role_acronyms().get(head.lower_) if head.text.isupper() else None
        if title is not None and (
            determiner(head) in _DEFINITE or any(c.dep_ == "poss" for c in head.lefts)
        ):
            # "The AG said ..." after "Attorney General Mia Lund": the office's holder, or an
            # unnamed speaker (an office is no name).
            holder = self._role_holder(title, cue_at)
            if holder is not None:
                return Speaker(words, holder, "np", "coref:role")
            return Speaker(words, None, "unnamed", "coref:unnamed")
        if proper(head):  # "Acme Inc." where only "Acme" was taken as a name
            inner = self._inner_mention(head, words)
            if inner is not None and (inner.start > head.idx or inner.type == "Person"):
                # "The Harbour Inn in Lakeside said", "Jo Li's Bakery said": a body of its
                # own, named after a person or placed in a town (its words, no entity).
                return Speaker(words, None, "name", "coref:unlinked-name")
            if inner is not None:
                end = head.idx + len(head.text)
                if inner.type in _ORG_TYPES and _name_part_cut(inner, head):
                    return self._cut_name(inner, (inner.start, end), words)
                return Speaker(words, inner, "name", "coref:name-part")
        for child in head.children:  # "the news agency, Kyodo": the name in apposition
            if child.dep_ == "appos":
                m = self.mention_at(child.idx, child.idx + len(child.text))
                if m is not None and m.type != "Road":
                    return Speaker(words, m, "name", "coref:apposition")
        late = self._named_before_cue(head, cue_at)
        if late is not None:
            return Speaker(words, late, "name", "coref:apposition-before-cue")
        after = re.match(r",\s+", self.text[head.idx + len(head.text) :])
        if after and head.text.lower() in speaker_nouns():
            # "the official news agency, ANSA": a name in apposition the parser did not attach
            # (not the subject of the next clause: "according to those figures, Acme's ...").
            at = head.idx + len(head.text) + after.end()
            m = self.mention_at(at, at + 1)
            span = head.doc.char_span(at, m.end, alignment_mode="expand") if m else None
            if (
                m is not None
                and m.start == at
                and m.type in _ORG_TYPES | {"Person"}
                and span is not None
                and span.root.dep_ not in ("nsubj", "nsubjpass", "poss", "compound")
            ):
                return Speaker(words, m, "name", "coref:apposition")
        lower = _POSSESSIVE.get(head.text.lower(), head.text.lower())
        if head.tag_ in ("PRP", "PRP$") or lower in _PERSON_PRONOUNS or lower in ("it", "they"):
            return self._pronoun(lower, words, cue_at, head, reported)
        pair = self._pair(head, cue_at)
        if pair is not None:
            return Speaker(words, pair, "np", "coref:pair")
        kind = speaker_nouns().get(lower) or speaker_nouns().get(lower.rstrip("s"))
        if kind is None and (
            lower in self.role_words
            or lower.rstrip("s") in self.role_words
            or lower in generic_roles()
        ):
            kind = "person"
        inner = self._inner_mention(head, words)
        if kind == "person":  # "the spokesman": the person holding the role, else the body
            word = lower.rstrip("s") if head.tag_ == "NNS" else lower
            mods = [c.text.lower() for c in head.lefts if c.dep_ in ("amod", "compound")]
            holder = self._role_holder(word, cue_at, mods)
            if holder is not None:
                return Speaker(words, holder, "np", "coref:role")
        if kind is None:
            surname = self._surname(head, cue_at)
            if surname is not None:
                return Speaker(words, surname, "name", "coref:surname")
            if proper(head):
                # A name extraction did not take as a mention: the words, no entity.
                return Speaker(words, inner, "name", "coref:unlinked-name")
            if _unlisted_speaker(head):
                return Speaker(words, None, "unnamed", "coref:unnamed-noun")
            return None
        if inner is not None and kind in ("person", "group") and inner.type == "Person":
            # "Lewis's lawyer", "the striker's agent", "Jo Li's family": other people, whom the
            # text never names
            return Speaker(words, None, "unnamed", "coref:unnamed")
        if inner is not None and _body_noun_alone(inner):
            # "Agency officials said" with "Agency" taken as a name of its own: the body the
            # article named with that noun, as "the agency" would be; its words, no entity.
            named_body = self._named_with(inner.text.lower(), cue_at, inner)
            body_kind: SpeakerKind = "np" if named_body else "unnamed"
            return Speaker(words, named_body, body_kind, "coref:body-noun-modifier")
        if inner is not None:  # "the Kyodo news agency", "NASA officials", "PC World's analysis"
            return Speaker(words, inner, "np", "coref:modifier")
        if kind != "document" and capitalised_body(head):
            return Speaker(words, None, "name", "coref:unlinked-body-name")
        if kind == "document":
            issuer = self._document_from(head, cue_at)
            if issuer is not None:
                return Speaker(words, issuer, "np", "coref:document-from")
            outlet = self._document_in(head)
            if outlet is not None:
                return outlet
        if kind == "document" and determiner(head) in _INDEFINITE:
            return Speaker(words, None, "unnamed", "coref:unnamed")  # "a leaked letter"
        if kind == "document" and determiner(head) in _DEFINITE:
            issuer = self._document_issued(head, cue_at)
            if issuer is not None:
                return Speaker(words, issuer, "np", "coref:document-issued")
        if kind == "document":
            owner = next((c for c in head.lefts if c.dep_ in ("poss", "compound")), None)
            if owner is not None:
                # "PC World's analysis", "the ministry's statement", "its report": its owner's.
                found = self._resolve(owner, np_span(owner), cue_at)
                if found is None and owner.dep_ == "compound" and owner.pos_ == "NOUN":
                    # "according to local news reports", "media reports say": documents of
                    # a kind, whose issuer the text never names.
                    return Speaker(words, None, "unnamed", "coref:unnamed")
                if found is None:
                    return None
                kind_of: SpeakerKind = "np" if found.kind in ("np", "pronoun") else found.kind
                if found.mention is not None:
                    kind_of = "np"
                return Speaker(found.words, found.mention, kind_of, "coref:document-owner")
            history, at_sentence = self.history, self.sentence_of
            issuer = same_words_issuer(history, self.text, head.text.lower(), cue_at)
            if issuer is None and issued_unnamed(history, at_sentence, cue_at, WINDOW):
                return Speaker(words, None, "unnamed", "coref:document-unnamed-issuer")
            if (
                issuer is None
                and determiner(head) is None
                and head.tag_ in ("NNS", "NN")
                and not any(c.dep_ == "compound" for c in head.lefts)
            ):
                # "New data showed ...", "Figures released on Monday show ...": evidence no
                # one is said to have issued, not the last speaker's.
                return Speaker(words, None, "unnamed", "coref:unnamed")
            issuer = issuer or latest_issuer(history, at_sentence, cue_at, WINDOW)
            if issuer is not None:
                return Speaker(words, issuer, "np", "coref:document-issuer")
            if determiner(head) in _DEFINITE and head.tag_ == "NN" and head.head.lower_ == "to":
                return None  # "according to the release": an issuer named before, not found
            return Speaker(words, None, "unnamed", "coref:unnamed")
        det = determiner(head)
        if det is None and head.dep_ == "compound":
            det = "the"  # "company statistics": the company's
        plural = head.tag_ in ("NNS", "NNPS")
        if kind == "group" and head.lower_ in _BODY_VOICES and det not in _INDEFINITE:
            body = self._voice_of(head, words, cue_at)
            if body is not None:
                return body
        again_named = self._name_again(head, words, det, cue_at)
        if again_named is not None:
            return again_named
        if kind == "group" or det in _INDEFINITE:
            return Speaker(words, None, "unnamed", "coref:unnamed")
        if plural and det not in _DEFINITE:
            return Speaker(words, None, "unnamed", "coref:unnamed")
        if kind == "person":
            return Speaker(words, None, "unnamed", "coref:unnamed")
        if det in _DEFINITE and self._unnamed_again(lower, cue_at):
            return Speaker(words, None, "unnamed", "coref:unnamed-again")
        types = _KIND_TYPES[kind]
        # "the company": the nearest organisation of its kind, however far back, that the text
        # names with that word, that spoke last, or that was the subject of its clause; any other
        # body of the type is too weak a guess ("the government says" after a database's name).
        candidates = self._candidates(cue_at, types, window=1 << 30)
        countries = self._countries_said(head)
        if countries:
            candidates = [m for m in candidates if not self._of_another_country(m, countries)]
        named = [m for m in candidates if lower in m.text.lower()]
        exact = _EXACT_TYPE.get(kind)
        fitting = [m for m in candidates if exact in (None, m.type)]
        # One that was the subject of its clause is the likeliest: "Acme Corp. sued the Widget
        # maker on Monday; the company said ..." (a product or a place rarely is), within the
        # window; further back only the body the article is about (:meth:`_main_body`): any
        # other subject back there is a guess (in GUM's news and interviews, 1 of 8 right).
        here = self.sentence_of(cue_at)
        subjects = [m for m in fitting if is_subject(head.doc, m)]
        near = [m for m in subjects if here - self.sentence_of(m.start) <= WINDOW]
        subjects = near or [m for m in subjects if self._main_body(m, fitting)]
        last = self._last_speaker(cue_at, sentences=WINDOW)
        # The body that spoke last may be named by its kind in any type extraction gave it:
        # "..., the Daily Courier said. The paper also reported ..." (the name typed an
        # organisation only).
        # Not for a government body: "According to the port authority" after a shipping
        # company spoke, "the ministry said" after a bank did, name another body.
        took = fitting if kind == "government" else candidates
        recent = [last.mention] if last and last.mention and last.mention in took else []
        # The same words stand for the same body in one article: "the club said ... the club
        # added" after another body spoke in between ("the bank said ... the bank added").
        again = [
            s.mention
            for _, s in reversed(self.history)
            if s.kind == "np"
            and s.mention in fitting
            and self.text[s.words[0] : s.words[1]].lower().split()[-1:] == [lower]
        ]
        # The body whose officer spoke last: "“...,” said Jo Li, chief executive of Acme. The
        # company also ..." (the officer's position is of that body).
        employer = [m for m in self._employers(last.mention) if m in fitting] if last else []
        nearest = (
            [m for m in named if m in subjects]
            or named
            or again[:1]
            or recent
            or employer
            or subjects
            or _sole_body(candidates, lower.rstrip("s") if head.tag_ == "NNS" else lower)
        )
        lone = self._lone_body(lower, cue_at) if det in _DEFINITE else None
        if lone is not None and countries and self._of_another_country(lone, countries):
            lone = None
        if lone is not None and not (named or again):
            # "the institution": the one body its sentence names, before any subject further
            # back ("The city police are investigating. ... kept at the Acme Hospital,
            # officials at the institution said").
            return Speaker(words, lone, "np", "coref:lone-body")
        if (
            det in _DEFINITE
            and nearest
            and not (named or again or recent or employer)
            and self._rival_subject(head.doc, nearest[0], subjects, fitting)
        ):
            # "Acme Corp. and Widget Ltd. signed a deal. The company said ...": two bodies of
            # the kind were subjects of the same sentence; either would be a guess.
            return Speaker(words, None, "unnamed", "coref:rival-bodies")
        if det in _DEFINITE and nearest:
            return Speaker(words, nearest[0], "np", f"coref:nearest-{kind}")
        return Speaker(words, None, "unnamed", "coref:unnamed")

    def _rival_subject(
        self, doc: Any, chosen: Mention, subjects: Sequence[Mention], fitting: Sequence[Mention]
    ) -> bool:
        """Whether ``chosen``, the body a kind noun would go to only as a clause subject (no
        name with the noun, no earlier voice of it, not the last speaker or its employer), shares
        its sentence with another body of the kind, by other words, that is a subject too or
        joined to one: "Acme Corp. and Widget Ltd. met on Monday. The company said ..."
        (business), "Harlow Rovers and Lakeside United were fined. The club said it would
        appeal." (sport). Either would be a guess, so the speaker stays unnamed."""
        if chosen not in subjects:
            return False
        here = self.sentence_of(chosen.start)
        own = chosen.text.lower()
        for m in fitting:
            if m is chosen or self.sentence_of(m.start) != here:
                continue
            if own in m.text.lower() or m.text.lower() in own:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            root = span.root if span is not None else None
            while root is not None and root.dep_ == "conj" and root.head.i != root.i:
                root = root.head
            if root is not None and root.dep_ in ("nsubj", "nsubjpass"):
                return True
        return False

    def _named_before_cue(self, head: Any, cue_at: int) -> Mention | None:
        """The person named between commas at the end of the cue's subject, right before the
        cue, when the parser hung the name on a noun inside the description: "Acme's head of
        sales for Europe, Jo Li, said ..." (business), "The club's director of football at the
        time, Sam Reyes, told reporters ..." (sport): the description's holder. Not for a
        document ("A report by the agency's chief, Jo Li, said": the report's words)."""
        if head.pos_ != "NOUN" or speaker_nouns().get(head.lower_) == "document":
            return None
        lo = head.idx + len(head.text)
        for m in self.mentions:
            if m.type != "Person" or not lo < m.start < cue_at or m.end > cue_at:
                continue
            if re.fullmatch(r"\s*,\s*", self.text[m.end : cue_at]) and re.search(
                r",\s*$", self.text[lo : m.start]
            ):
                return m
        return None

    def _main_body(self, m: Mention, bodies: Sequence[Mention]) -> bool:
        """Whether ``m`` names the body the article is about so far: named at least three
        times among ``bodies`` (by its words, or words holding them or held in them), more
        often than any other ("Acme Corp. said on Monday ... (Acme named thrice, six sentences
        on) ... according to company figures", "Lakeside Council voted ... the council's
        plan"); a body named once or twice far back is no antecedent of "the company"."""

        def count(x: Mention) -> int:
            return sum(1 for o in bodies if x.text in o.text or o.text in x.text)

        mine = count(m)
        rivals = [count(o) for o in bodies if not (m.text in o.text or o.text in m.text)]
        return mine >= 3 and all(mine > r for r in rivals)

    def _closing_name(self, head: Any, own: Mention | None, cue_at: int) -> Speaker | None:
        """The name of a closing attribution the parser did not make the cue's subject: the
        capitalised words right after a comma and right before the cue, which ends the sentence
        but for a word or two ("..., seized in a raid in Lakeside, Acme Border Patrol announced
        Tuesday.", "... of the plan, Jo Li said on Monday."; the name parsed as a conjunct of
        the place before it, the content's noun taken for the subject). Its mention when
        extraction took all of it, else the earlier name it ends ("the Lakeside Harbour
        Authority" for "Harbour Authority"), else its words."""
        if head.tag_ in ("PRP", "PRP$") or head.idx >= cue_at:
            return None
        before = self.text[max(0, cue_at - 120) : cue_at]
        run = re.search(
            r",\s*(?:the\s+)?([A-Z][\w.&’'-]*(?:\s+(?:[A-Z][\w.&’'-]*|and|of|for|&))*)\s+$",
            before,
        )
        if run is None:
            return None
        lo = cue_at - len(before) + run.start(1)
        hi = lo + len(run.group(1))
        if head.idx >= lo:
            return None  # the parser's subject is in the run: the usual rules
        first = self.mention_at(lo, lo + 1)
        if first is None or first.start != lo or first.type not in _ORG_TYPES | {"Person"}:
            return None
        verb = head.doc.char_span(cue_at, cue_at + 1, alignment_mode="expand")
        if verb is None:
            return None
        sent = verb.root.sent
        rest = self.text[verb.root.idx + len(verb.root.text) : sent.end_char]
        if not re.fullmatch(r"(?:\s+(?:on|in|late|early)?\s*[\w’'-]+){0,2}\s*[.!]?\s*", rest):
            return None
        if first.end >= hi:
            return Speaker((lo, hi), first, "name", "coref:closing-name")
        words = run.group(1)
        i = bisect.bisect_left(self.starts, lo)
        for m in reversed(self.mentions[:i]):
            if m.type in _ORG_TYPES | {"Person"} and re.search(
                rf"(?:^|\s){re.escape(words)}$", m.text
            ):
                return Speaker((lo, hi), m, "name", "coref:closing-name")
        return Speaker((lo, hi), None, "name", "coref:closing-unlinked")

    def _countries_said(self, head: Any) -> set[str]:
        """The countries a speaker's noun is qualified by: "the Danish company" (DK), "the
        German and French governments" (DE, FR); none for "the company"."""
        found: set[str] = set()
        for c in head.lefts:
            if c.dep_ in ("amod", "compound", "nmod"):
                for tok in (c, *(t for t in c.children if t.dep_ == "conj")):
                    iso = self.country_of(tok.text)
                    if iso:
                        found.add(iso)
        return found

    def _of_another_country(self, m: Mention, countries: set[str]) -> bool:
        """Whether the article ties the body ``m`` names to a country, and only to countries
        other than ``countries``: by its own qualifier ("French Defence Ministry"), or by the
        words written beside one of its names, "Denmark's Orsted", "Danish group Orsted" before
        it, ", Norway's largest carrier," or ", the Swedish utility," right after it. Then "the
        German company" is not it: "Orsted, Denmark's biggest energy group, ... the German
        company said" names another company (and an unnamed one beats a wrong one); "Renault
        ... the French carmaker said" stays Renault when nothing ties Renault elsewhere."""
        tied: set[str] = set()
        if m.country:
            tied.add(m.country)
        for other in self.mentions:
            if other.text != m.text:
                continue
            before = self.text[max(0, other.start - 40) : other.start]
            before = re.split(r"[.;:!?\n]|,\s", before)[-1]
            after = re.match(r",\s+([^,.;:\n]{1,60})[,.;]", self.text[other.end : other.end + 70])
            for words in (before, after.group(1) if after else ""):
                for word in re.findall(r"[A-Z][\w-]*(?:['’]s)?", words):
                    iso = self.country_of(word)
                    if iso:
                        tied.add(iso)
        return bool(tied) and not (tied & countries)

    def _name_again(
        self, head: Any, words: tuple[int, int], det: str | None, cue_at: int
    ) -> Speaker | None:
        """The named body that spoke before, when a bare noun or "the" and a noun is the last
        word of its name: "Lakeside Police said ... (three paragraphs on) Police said ...",
        "the Harbour Patrol said ... the patrol added ..." (the same force, not unnamed
        officers); not with words of its own ("state police", "police in Ohio") nor when the
        noun last stood for a speaker the text never names. A name extraction did not take
        has no entity to stand for: the speaker's words are then that name's."""
        if det not in (None, "the") or any(c.dep_ != "det" for c in head.children):
            return None
        noun = head.lower_
        for at, speaker in reversed(self.history):
            if at >= cue_at:
                continue
            said = self.text[speaker.words[0] : speaker.words[1]].lower().split()
            if said[-1:] != [noun]:
                continue
            if speaker.kind != "name" or len(said) < 2:
                return None  # "police said ... police said": unnamed both times
            if speaker.mention is not None and speaker.mention.type == "Person":
                return None
            if speaker.mention is not None:
                return Speaker(words, speaker.mention, "np", "coref:name-again")
            return Speaker(speaker.words, None, "name", "coref:name-again")
        return None

    def _lone_body(self, noun: str, cue_at: int) -> Mention | None:
        """The body a noun that says nothing of its kind stands for ("the institution", "the
        organisation": ``kg/lexicon/body_hypernyms.txt``): the one body named in the cue's
        sentence before the cue, or, when that names none, in the sentence before: "Two
        paintings were stolen from the Lakeside Art Museum, officials at the institution said",
        "The Harbour Trust sued the city on Monday. The organisation said ..."; not when two
        bodies are named there (either could be meant)."""
        if noun not in lexicon_words("body_hypernyms"):
            return None
        here = self.sentence_of(cue_at)
        for sentence in (here, here - 1):
            if sentence < 0:
                return None
            bodies = {
                m.text: m
                for m in self._candidates(cue_at, _ORG_TYPES | {"Person"})
                if self.sentence_of(m.start) == sentence
            }
            if len(bodies) > 1 or any(m.type == "Person" for m in bodies.values()):
                return None
            if bodies:
                return next(iter(bodies.values()))
        return None

    def _cut_name(self, cut: Mention, full: tuple[int, int], words: tuple[int, int]) -> Speaker:
        """The speaker whose name extraction cut short (``cut``, a part of the name spanning
        ``full``): the article's mention of the whole name when there is one, else the name's
        words with no entity (the part names another body, or none)."""
        name = self.text[full[0] : full[1]]
        whole = next((m for m in self.mentions if m.text == name and m.type in _ORG_TYPES), None)
        if whole is not None:
            return Speaker(words, whole, "name", "coref:whole-name")
        return Speaker(words, None, "name", "coref:cut-name")

    def _unnamed_again(self, noun: str, cue_at: int) -> bool:
        """Whether "the" and a body's noun go on with the unnamed speaker the text last gave that
        noun: "A team of geologists reported that ... According to the team, ..." (that team, not
        the body that spoke last), "A local charity said ... The charity added ..."; not when a
        name of the noun's kind was the speaker since ("A union said ... the Acme Workers Union
        said ... the union said")."""
        for at, speaker in reversed(self.history):
            if at >= cue_at:
                continue
            said = self.text[speaker.words[0] : speaker.words[1]].lower()
            head = re.split(r" (?:at|of|from|for|led|in|with) ", said)[0].split()[-1:]
            if head == [noun] or (
                speaker.mention is not None and noun in speaker.mention.text.lower()
            ):
                return speaker.mention is None and speaker.kind == "unnamed"
        return False

    def _voice_of(self, head: Any, words: tuple[int, int], cue_at: int) -> Speaker | None:
        """The body officials speak for: the one their "at", "of" or "from" phrase names by a
        name or a body's noun in its name ("officials at the museum said" after "the City
        Museum"), or,
        for "the officials" again, the body they spoke for before ("..., officials at the zoo
        said. ... the officials said")."""
        objects = [
            next((c for c in prep.children if c.dep_ == "pobj"), None)
            for prep in head.rights
            if prep.dep_ == "prep" and prep.lower_ in ("at", "of", "from")
        ]
        # "company officials", "agency officials": the noun of a kind of organisation before
        # them, when it is no name ("county officials", "state officials", a government's
        # nouns, name officials of no one body).
        objects += [
            c
            for c in head.lefts
            if c.dep_ == "compound"
            and speaker_nouns().get(c.lower_) == "org"
            and self.mention_at(c.idx, c.idx + len(c.text)) is None
        ]
        for obj in objects:
            if obj is None or speaker_nouns().get(obj.lower_) not in ("org", "government"):
                continue
            found = self._resolve(obj, np_span(obj), cue_at)
            # Only a body the noun is part of the name of ("the museum": the City Museum), or
            # the one business named ("the company"): a body's noun may stand for another
            # body than the nearest ("the institution").
            if found is not None and found.mention is not None:
                bodies = self._candidates(cue_at, _ORG_TYPES, window=1 << 30)
                if (
                    obj.lower_ in found.mention.text.lower()
                    or found.mention in _sole_body(bodies, obj.lower_)
                    or found.mention == self._lone_body(obj.lower_, cue_at)
                ):
                    return Speaker(words, found.mention, "np", "coref:officials-of")
        if determiner(head) in _DEFINITE:
            for at, speaker in reversed(self.history):
                said = self.text[speaker.words[0] : speaker.words[1]].lower()
                noun = re.split(r" (?:at|of|from|for) ", said)[0].split()[-1:]
                if at < cue_at and speaker.mention is not None and noun == [head.lower_]:
                    return Speaker(words, speaker.mention, "np", "coref:officials-again")
        return None

    def _document_from(self, head: Any, cue_at: int) -> Mention | None:
        """The issuer named after a document: "a statement from the ministry", "a letter by the
        club's owner"."""
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.text.lower() in ("from", "by", "of"):
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                issuer_kind = speaker_nouns().get(obj.text.lower()) if obj is not None else None
                if obj is not None and issuer_kind not in (None, "document", "group"):
                    found = self._resolve(obj, np_span(obj), cue_at)
                    if found is not None and found.mention is not None:
                        return found.mention
        return None

    def _named_with(self, noun: str, cue_at: int, other_than: Mention) -> Mention | None:
        """The nearest body before ``cue_at`` whose name has the word ``noun`` ("the European
        Space Agency" for "agency"), when all such names in the window are one."""
        candidates = self._candidates(cue_at, _ORG_TYPES, window=WINDOW)
        named = [
            m for m in candidates if m.text != other_than.text and noun in m.text.lower().split()
        ]
        return named[0] if named and len({m.text for m in named}) == 1 else None

    def _document_issued(self, head: Any, cue_at: int) -> Mention | None:
        """The one named issuer of "the statement" or "the report" that an earlier sentence of
        the window says issued a document of that noun: "Acme Corp released a report on Monday.
        The report said sales had fallen", "The Harbour Board issued a statement. The statement
        said ..." (kg/lexicon/issuing_verbs.txt). The issuer is the verb's subject when it is a
        person's or a body's name; none when two different ones issued such documents ("the
        union and the company each issued a statement")."""
        doc = head.doc
        here = self.sentence_of(cue_at)
        lo = self.sentence_starts[max(0, here - WINDOW)] if self.sentence_starts else 0
        verbs = _issuing_verbs()
        noun = head.lower_.rstrip("s")
        found: list[Mention] = []
        for tok in doc:
            if tok.idx < lo:
                continue
            if tok.idx >= head.idx:
                break
            if tok.dep_ != "dobj" or tok.lower_.rstrip("s") != noun or self._in_quote(tok.idx):
                continue
            verb = tok.head
            particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
            prt = verbs.get(verb.lower_)
            if prt is None or (prt and prt not in particles):
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            m = self.mention_at(subject.idx, subject.idx + len(subject.text)) if subject else None
            if m is not None and m.type in _ORG_TYPES | {"Person"}:
                found.append(m)
        return found[-1] if found and len({f.text for f in found}) == 1 else None

    def _document_in(self, head: Any) -> Speaker | None:
        """The outlet that published a document: "a report in the Financial Post", "an article
        in Science" (an organisation, or a proper name extraction did not take: its words).
        A place there is where, not who ("a report in Ohio")."""
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None or obj.tag_ not in ("NNP", "NNPS"):
                return None
            span = np_span(obj)
            m = self.mention_at(obj.idx, obj.idx + len(obj.text))
            if m is not None:
                return Speaker(span, m, "np", "coref:document-in") if m.type in _ORG_TYPES else None
            if obj.ent_type_ not in ("", "ORG", "WORK_OF_ART", "PRODUCT"):
                return None  # "a report in March", "a study in Brazil"
            return Speaker(span, None, "name", "coref:document-in-unlinked")
        return None

    def _employers(self, person: Mention | None) -> list[Mention]:
        """The bodies a person works for: of their positions, or named in the apposition after
        their name ("Jo Li, chief executive of Acme", "Jo Li, an analyst at Acme")."""
        if person is None or person.type != "Person":
            return []
        found = list(self.employers.get((person.start, person.end), ()))
        after = re.match(
            r",\s+(?:the\s+|an?\s+)?(?:[\w’'-]+\s+){1,3}(?:of|at|for)\s+(?:the\s+)?",
            self.text[person.end : person.end + 80],
        )
        if after:
            at = person.end + after.end()
            body = self.mention_at(at, at + 1)
            if body is not None and body.start == at and body.type in _ORG_TYPES:
                found.append(body)
        return found

    def _pronoun(
        self,
        lower: str,
        words: tuple[int, int],
        cue_at: int,
        head: Any = None,
        reported: Sequence[tuple[int, int]] = (),
    ) -> Speaker | None:
        if lower in _PERSON_PRONOUNS:
            gender = _PERSON_PRONOUNS[lower]
            unnamed = self._unnamed_person_before(cue_at, head.doc if head is not None else None)
            if unnamed is not None:
                kind: SpeakerKind = "pronoun" if unnamed.mention is not None else "unnamed"
                return Speaker(words, unnamed.mention, kind, "coref:pronoun-last-speaker")
            asked = head is not None and _answers_question(head)
            for m in self._candidates(cue_at, frozenset({"Person"})):
                if self._named_in(m, reported) or (asked and _asker(head.doc, m)):
                    continue
                if head is not None and self._in_own_adjunct(m, head):
                    continue
                if self._gender(m) in (gender, None) and not (
                    head is not None and plural(head.doc, m)
                ):
                    if head is not None and self._other_subject(head, m, lower):
                        return None
                    if (
                        head is not None
                        and not asked
                        and self._unlinked_subject(head.doc, m, gender)
                    ):
                        return None
                    before = self._pronoun_subject(m, head, gender) if head is not None else None
                    if before is not None:
                        # "Walt Roe wrote of the war. He went looking for his brother, Tom
                        # Roe. Then he ...": the subject "He" goes on, not the object beside it.
                        chained = self._chained(before, m)
                        if chained is None:
                            return None
                        return Speaker(words, chained, "pronoun", "coref:pronoun-subject-chain")
                    asker, answerer = self._asked(m, head, gender, cue_at) if head else (0, None)
                    if asker and answerer is None:
                        return None  # the asker's guest, whom the text does not name here
                    if answerer is not None:
                        return Speaker(words, answerer, "pronoun", "coref:pronoun-asked")
                    if head is not None and self._rival(m, cue_at, gender, head, reported):
                        return self._rival_speaker(m, cue_at, gender, words, reported)
                    return Speaker(words, m, "pronoun", "coref:pronoun-person")
            last = self._last_speaker(cue_at)
            if last is not None and last.kind == "name" and last.mention is not None:
                if last.mention.type in _NO_PERSON_TYPES:
                    return None
                if last.mention.type == "Person" and self._gender(last.mention) not in (
                    gender,
                    None,
                ):
                    return None  # “...,” Jo Ann Li said. “...,” he said: the other party
                # The name that spoke just before, typed as no person ("“...,” Patrol Chief Jo
                # Li said. “...,” he said.", the name taken for a work's title): that speaker.
                return Speaker(words, last.mention, "pronoun", "coref:pronoun-last-name")
            return None
        last = self._last_speaker(cue_at)
        if lower == "it" and last is not None and self._unnamed_body(last, cue_at):
            return Speaker(words, None, "unnamed", "coref:pronoun-unnamed-body")
        if lower == "it":
            if last is not None and last.mention is not None and last.mention.type in _ORG_TYPES:
                return Speaker(words, last.mention, "pronoun", "coref:pronoun-last-speaker")
            nearest = self._candidates(cue_at, _ORG_TYPES)
            if nearest:
                return Speaker(words, nearest[0], "pronoun", "coref:pronoun-org")
            return None
        if lower == "they" and last is not None:
            if last.mention is None and last.kind == "unnamed":
                at = next(a for a, s in reversed(self.history) if s is last)
                if self._named_between(max(last.words[1], self.reach.get(at, at)), cue_at):
                    return None  # "Analysts said ... Acme cut jobs. They said ...": Acme's?
                return Speaker(words, None, "unnamed", "coref:pronoun-unnamed-group")
            if last.mention is not None and last.mention.type in _ORG_TYPES:
                return Speaker(words, last.mention, "pronoun", "coref:pronoun-last-speaker")
            if last.mention is not None and last.words in self.with_others:
                # "according to Jo Li and her co-authors ... they argue": the group she leads.
                return Speaker(words, last.mention, "pronoun", "coref:pronoun-last-group")
        if lower == "they" and last is None and head is not None and self._group_before(head):
            return Speaker(words, None, "unnamed", "coref:pronoun-unnamed-group")
        return None

    def _pair(self, head: Any, cue_at: int) -> Mention | None:
        """The first of the two names a noun for two speakers stands for: "the couple", "the
        pair", "the duo" (two people), "the two governments", "both companies" (a number and a
        plural speaker noun: two of its kind), when the text named exactly two of that kind
        joined by "and" within the window: "Tom Hill and Ana Dee married in May. The couple said
        ...", "Acme Corp. and Brandt Motors will merge, both companies said", also when the
        second name is one extraction missed (:meth:`_joined_to_unnamed`). The claim has one
        claimant (``kg:claimant`` is functional): the first named, the other is as right."""
        lower = head.lower_
        kind = _pair_nouns().get(lower)
        definite = determiner(head) in _DEFINITE
        # "the two men", "both companies"; not "two officials" (two unnamed ones).
        two = head.tag_ == "NNS" and any(
            (c.dep_ == "nummod" and c.lower_ == "two" and definite)
            or (c.lower_ == "both" and c.i < head.i)
            for c in head.lefts
        )
        if kind == "pair":
            if not (definite or two):
                return None  # "a couple said", "one pair said"
            types: frozenset[EntityType] = frozenset({"Person"})
        elif two:
            singular = lower[:-3] + "y" if lower.endswith("ies") else lower[:-1]
            noun = kind or speaker_nouns().get(lower) or speaker_nouns().get(singular)
            if noun in ("person", "group") or singular in self.role_words:
                types = frozenset({"Person"})
            elif noun in ("org", "media"):
                types = _ORG_TYPES
            elif noun in ("government", "country"):
                types = frozenset({"Country", "GovernmentOrganization"})
            elif noun == "body":
                types = _ORG_TYPES | frozenset({"Country"})
            else:
                return None
        else:
            return None
        self._doc = head.doc
        found = self._candidates(cue_at, types)
        titles = lexicon_words("title_words")
        for first in sorted(found, key=lambda m: -m.start):
            # "Tom Hill and Ana Dee", "Acme Corp. and the Brandt group", "Prince Tom and Lady
            # Ana Dee" (a title between is the second name's).
            joined = [
                o
                for o in found
                if o.start > first.end
                and (
                    and_ := re.fullmatch(
                        r"\.?,?\s+and\s+((?:[\w.]+\s+)*)", self.text[first.end : o.start]
                    )
                )
                and all(w.lower().strip(".") in titles or w == "the" for w in and_.group(1).split())
            ]
            if not joined and not self._joined_to_unnamed(first, types):
                continue
            # Not a list of three or more: "Acme, Brandt and Orla said" (",", or "and" before).
            before = self.text[max(0, first.start - 6) : first.start]
            if re.search(r"(?:,|\band)\s*$", before) and any(
                0 < first.start - o.end <= 6 for o in found
            ):
                return None
            return first
        return None

    def _asked(
        self, m: Mention, head: Any, gender: str, cue_at: int
    ) -> tuple[bool, Mention | None]:
        """Whether ``m`` put a question to someone the pronoun may stand for, and whom: ``m``
        the subject of a verb of asking (``kg/lexicon/asking_verbs.txt``) in the pronoun's
        sentence or the one before, its object the one who answers next, not the asker. A name
        there is that person ("Mia Cruz asked Ana Dee about the move. “We had no choice,” she
        said.", "When Tom Baker pressed Mark Hill on the budget, he replied that ..."); a
        pronoun of the same gender ("Mia Cruz then asked her about ...") is the person of that
        gender who spoke last in the passage, other than the asker, or no one (no claim). Not
        after a request ("asked Ana Dee to resign. She said ...": the asker may go on)."""
        doc = head.doc
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False, None
        verb = span.root.head
        if span.root.dep_ != "nsubj" or verb.lower_ not in _ASKING:
            return False, None
        if verb.i == head.head.i or verb.sent.start > head.sent.start:
            return False, None
        if self.sentence_of(head.idx) - self.sentence_of(verb.idx) > 1:
            return False, None
        if any(c.dep_ == "xcomp" for c in verb.children):
            return False, None  # "asked Ana Dee to resign": a request; the asker may go on
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
        if obj is None:
            return False, None
        if obj.tag_ == "PRP" and _PERSON_PRONOUNS.get(obj.lower_) == gender:
            for at, speaker in reversed(self.history):
                who = speaker.mention
                if at >= cue_at or self.sentence_of(cue_at) - self.sentence_of(at) > WINDOW:
                    continue
                if (
                    who is not None
                    and who.type == "Person"
                    and not self._same_person(who, m)
                    and self._gender(who) in (gender, None)
                ):
                    return True, who
            return True, None
        asked = self.mention_at(obj.idx, obj.idx + len(obj.text))
        if asked is None or asked.type != "Person" or self._gender(asked) not in (gender, None):
            return False, None
        return True, asked

    def _joined_to_unnamed(self, first: Mention, types: frozenset[EntityType]) -> bool:
        """Whether a person's mention is joined by "and" to one more proper name extraction
        did not take, by the parse: "Tom and Ana spoke ..." (only "Tom" taken), "Tom Baker and
        his wife Ana ..."; not to a common noun ("Tom Baker and his lawyers") nor to a list
        ("Tom, Ana and Mia")."""
        if types != frozenset({"Person"}) or self._doc is None:
            return False
        span = self._doc.char_span(first.start, first.end, alignment_mode="expand")
        if span is None:
            return False
        conj = [c for c in span.root.children if c.dep_ == "conj"]
        if len(conj) != 1 or any(c.dep_ == "conj" for c in conj[0].children):
            return False
        other = conj[0]
        if self.mention_at(other.idx, other.idx + len(other.text)) is not None:
            return False  # a name extraction took: the mention pair's business
        words = [other, *(c for c in other.children if c.dep_ == "appos")]
        return any(t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON") for t in words)

    def _in_own_adjunct(self, m: Mention, head: Any) -> bool:
        """Whether ``m`` is an object inside a phrase of the pronoun's own reporting verb
        before the pronoun: the person asked by, spoken to or spoken about, not the speaker
        ("Asked by Jo Li about the plan, she said ...", "In an interview with Sam Roe, he said
        ...", "Speaking to Ana Dee, she said ..."). A subject there may be ("After Jo Li won,
        she said ...")."""
        cue = head.head
        if cue.i == head.i or m.end > head.idx:
            return False
        doc = head.doc
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.sent.start != head.sent.start:
            return False
        tok = span.root
        if tok.dep_ not in ("pobj", "dobj", "dative"):
            return False
        node = tok
        while node.head.i != node.i and node.head.i != cue.i:
            if node.dep_ in ("nsubj", "nsubjpass", "ccomp", "relcl"):
                return False
            node = node.head
        return node.head.i == cue.i and node.dep_ in ("prep", "advcl", "npadvmod", "agent")

    def _same_person(self, a: Mention, b: Mention) -> bool:
        """Whether two person mentions name one person: the same words, or one the last words
        of the other ("Li" and "Jo Li")."""
        x, y = a.text.split(), b.text.split()
        shorter, longer = sorted((x, y), key=len)
        return bool(shorter) and longer[-len(shorter) :] == shorter

    def _rival(
        self,
        m: Mention,
        cue_at: int,
        gender: str,
        head: Any,
        reported: Sequence[tuple[int, int]],
    ) -> bool:
        """Whether a "he" or "she" that the nearest rule gives ``m`` could as well stand for
        another person of its gender named in ``m``'s sentence, neither of them the subject of
        its clause nor ``m`` the speaker in focus (the last claim's): "The mayor thanked Ana
        Dee for the work of Eva Roe. She said ...", "The club paid tribute to Tom Hill and his
        coach Sam Reyes. He said ..." (two objects: the first named is a guess)."""
        if is_subject(head.doc, m):
            return False
        last = self._last_speaker(cue_at, sentences=WINDOW)
        if last is not None and last.mention is not None and self._same_person(last.mention, m):
            return False
        here = self.sentence_of(m.start)
        for o in self._candidates(cue_at, frozenset({"Person"})):
            if self.sentence_of(o.start) != here:
                continue  # a name further back is a weaker guess than m
            if self._same_person(o, m) or self._named_in(o, reported) or plural(head.doc, o):
                continue
            if self._modifier_only(head.doc, o):
                continue  # "the Cruise video", "the Obama years": a thing named after them
            if self._gender(o) == gender and not is_subject(head.doc, o):
                return True  # a subject beside m is no equal: "For Jo Li, Sam Roe was ..."
        return False

    @staticmethod
    def _modifier_only(doc: Any, m: Mention) -> bool:
        """Whether a person's name only modifies a common noun ("the Tom Hill video", "the
        Ana Dee era"): a thing named after the person, a weak antecedent beside a person in
        the clause."""
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        return span is not None and span.root.dep_ == "compound" and span.root.head.pos_ == "NOUN"

    def _rival_speaker(
        self,
        m: Mention,
        cue_at: int,
        gender: str,
        words: tuple[int, int],
        reported: Sequence[tuple[int, int]],
    ) -> Speaker | None:
        """The speaker of a "he" or "she" two people of its gender could stand for
        (:meth:`_rival`): the person of that gender who spoke last in the passage (within two
        sentences), who goes on speaking more often than a name in passing takes over ("“...,”
        Jo Li said of Sam Roe. He added ..."); else no claim (a wrong speaker is worse than
        none)."""
        last = self._last_speaker(cue_at)
        if last is None or last.mention is None or last.mention.type != "Person":
            return None
        if self._gender(last.mention) not in (gender, None) or self._named_in(
            last.mention, reported
        ):
            return None
        return Speaker(words, last.mention, "pronoun", "coref:pronoun-last-of-two")

    def _pronoun_subject(self, m: Mention, head: Any, gender: str) -> Any:
        """The "he" or "she" of the pronoun's ``gender`` that is the subject of the clause
        candidate ``m`` stands in as no subject, before ``m``: "He went looking for his
        brother, Tom Roe" ("He", for whom ``m`` "Tom Roe" is an object), "She thanked Ana Dee
        for the prize" ("She"); None when ``m`` is a subject or its clause's subject is a
        name or another word (centering: the subject that goes on is the likelier antecedent
        of the next subject pronoun than an object or apposition beside it)."""
        doc = head.doc
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.root.dep_ in ("nsubj", "nsubjpass"):
            return None
        node = span.root
        while node.head.i != node.i:
            node = node.head
            subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None:
                continue
            if (
                subject.i < span.start
                and subject.tag_ == "PRP"
                and _PERSON_PRONOUNS.get(subject.lower_) == gender
                and subject.i != head.i
                and not self._in_quote(subject.idx)
            ):
                return subject
            return None
        return None

    def _chained(self, subject: Any, m: Mention) -> Mention | None:
        """Whom the subject pronoun ``subject`` (of :meth:`_pronoun_subject`) stands for, as a
        speaker there would be resolved: a person other than ``m``; None when it stands for
        no one, or for ``m`` (then neither reading is sure)."""
        if self._chaining >= 3:
            return None  # a chain of pronouns this long is no evidence
        self._chaining += 1
        try:
            words = (subject.idx, subject.idx + len(subject.text))
            found = self._pronoun(subject.lower_, words, subject.head.idx, subject)
        finally:
            self._chaining -= 1
        if found is None or found.mention is None or found.mention.type != "Person":
            return None
        if self._same_person(found.mention, m):
            return None
        return found.mention

    def _unlinked_subject(self, doc: Any, m: Mention, gender: str | None) -> bool:
        """Whether candidate ``m`` is no subject and the subject of its clause is a name that
        extraction did not take (no mention), of the pronoun's ``gender`` as far as its first
        word tells: "Ana Lee met Mia Lund in Paris. She said ..." with only "Mia Lund" found
        (the subject is the likelier "she", so neither is sure), "Acme's Jo Quill thanked Sam
        Reyes. He said ..." with "Jo Quill" missed; not "John Smith met Maria Lopez. She said"."""
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.root.dep_ in ("nsubj", "nsubjpass"):
            return False
        verb = span.root.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.i > span.start or not proper(subject):
            return False
        if subject.left_edge.i <= span.start and span.end <= subject.right_edge.i + 1:
            return False  # the candidate is in the subject's phrase: "CEO Jo Li gave ..."
        if self.mention_at(subject.idx, subject.idx + len(subject.text)) is not None:
            return False
        first = subject
        while first.i > 0 and doc[first.i - 1].dep_ == "compound" and proper(doc[first.i - 1]):
            first = doc[first.i - 1]
        name = Mention(
            start=first.idx,
            end=subject.idx + len(subject.text),
            text=self.text[first.idx : subject.idx + len(subject.text)],
            type="Person",
            sentence=0,
            extractor="coref",
        )
        return name_gender(name, self.text) in (gender, None)

    def _named_in(self, person: Mention, spans: Sequence[tuple[int, int]]) -> bool:
        """Whether ``person`` is named, in full or by the last word of the name, in the reported
        clause of the pronoun that might stand for them: "He said Jo Li had left" is not Jo Li's
        report, "She told the court Ana Roe's car was stolen" not Roe's (a pronoun and a name
        inside its own clause are two people, binding theory's principle C)."""
        name = person.text.split()
        for start, end in spans:
            i = bisect.bisect_left(self.starts, start)
            while i < len(self.mentions) and self.mentions[i].start < end:
                m = self.mentions[i]
                other = m.text.split()
                if m.type == "Person" and m.end <= end and other and name:
                    shorter, longer = sorted((name, other), key=len)
                    if longer[-len(shorter) :] == shorter:  # "Li" in "Jo Li", not "Mia Roe"
                        return True
                i += 1
        return False

    def _unnamed_body(self, last: Speaker, cue_at: int) -> bool:
        """Whether "it" goes on with the unnamed body that spoke just before: "The fire service
        said the blaze was out. It added that two firefighters were hurt", "A local charity said
        ... It also warned ..." (a body's noun the text ties to no name, and no body or person
        named since)."""
        if last.mention is not None or last.kind != "unnamed":
            return False
        said = re.findall(r"[\w-]+", self.text[last.words[0] : last.words[1]].lower())
        head = re.split(r" (?:for|at|of|from|in|with) ", " ".join(said))[0].split()
        noun = head[-1] if head else ""
        if speaker_nouns().get(noun) not in ("org", "government", "media"):
            return False
        at = next(a for a, s in reversed(self.history) if s is last)
        return not self._named_between(max(last.words[1], self.reach.get(at, at)), cue_at)

    def _other_subject(self, head: Any, m: Mention, lower: str) -> bool:
        """Whether a subject no name stands for (the same pronoun, a person's noun) comes between
        a candidate that is no subject and the pronoun, which goes on with it: "... with Jo Li she
        spoke. She said ...", "Fans met Jo Li as the coach came. He said ..."."""
        doc = head.doc
        last = self._last_speaker(head.idx, sentences=WINDOW)
        if is_subject(doc, m) or (last is not None and last.mention == m):
            return False  # a subject, or the speaker in focus: "he" goes on with m
        chain = {a for at, s in self.history if s.mention == m for a in (at, s.words[0])}
        span = doc.char_span(m.end, head.idx, alignment_mode="contract")
        for tok in span if span is not None else ():
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.idx in chain:
                continue
            if any(a.idx in chain for a in tok.ancestors):
                continue  # in m's own report: "He said he had never seen it"
            if self.mention_at(tok.idx, tok.idx + len(tok.text)) is not None:
                continue
            person = speaker_nouns().get(tok.lower_) == "person" or tok.lower_ in self.role_words
            if tok.lower_ == lower and self._goes_on_with(m, tok, lower):
                continue  # "Jo Li, who grew up in Ohio, ... As a teen she ... She said ..."
            if tok.lower_ == lower or (tok.tag_ == "NN" and person):
                return True
        return False

    def _goes_on_with(self, m: Mention, tok: Any, lower: str) -> bool:
        """Whether the pronoun ``tok``, in a later sentence than the candidate ``m``, stands for
        ``m`` itself: no other person of its gender is named between them ("Jo Li, who grew up
        in Ohio, studied law. As a teen she won a prize. She said ...", "The board thanked Sam
        Reyes. He had led the club for a decade. He said ..."); in ``m``'s own sentence it is
        someone else ("with Jo Li she spoke")."""
        if self.sentence_of(tok.idx) <= self.sentence_of(m.start):
            return False
        gender = _PERSON_PRONOUNS.get(lower)
        first = bisect.bisect_right(self.starts, m.start)
        last = bisect.bisect_left(self.starts, tok.idx)
        return not any(
            o.type == "Person" and o.end > m.end and self._gender(o) in (gender, None)
            for o in self.mentions[first:last]
            if not (o.text in m.text or m.text in o.text)
        )

    def _group_before(self, head: Any) -> bool:
        """Whether "they", with no speaker before, is a group the sentence before names by a
        plural speaker noun, with no body or person named after it (unnamed): "The cuts left
        economists puzzled. They said ...", "Residents gathered. They told reporters ..."."""
        if head.sent.start == 0:
            return False
        doc = head.doc
        before = doc[head.sent.start - 1].sent
        groups = [
            t
            for t in doc[before.start : head.i]
            if t.tag_ == "NNS"
            and (
                speaker_nouns().get(t.lower_, speaker_nouns().get(t.lower_[:-1]))
                in ("group", "person")
                or t.lower_[:-1] in self.role_words  # "Union leaders rejected the offer"
            )
            and self.mention_at(t.idx, t.idx + len(t.text)) is None
        ]
        return bool(groups) and not self._named_between(groups[-1].idx, head.idx)

    def _named_between(self, start: int, end: int) -> bool:
        """Whether an organisation or a person is named between offsets ``start`` and ``end``."""
        found = self.mentions[
            bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)
        ]
        return any(m.type in _ORG_TYPES | {"Person"} for m in found)

    def _unnamed_person_before(self, cue_at: int, doc: Any = None) -> Speaker | None:
        """The speaker of the claim just before, when a job noun names it and no person is named
        between: "A spokesman for Acme said ... He added ...", "A police officer told reporters
        ... She said ..." (the subject of the sentence before is the likeliest antecedent), and so
        on within three sentences of the last "he" or "she" that stood for it ("A nurse, who
        asked not to be named, said ... She adds ... Since May, she says, ...")."""
        last = self._last_speaker(cue_at, sentences=3)
        if last is None or last.kind not in ("np", "unnamed"):
            return None
        if last.mention is not None and last.mention.type == "Person":
            return None  # "the coach" resolved to a person: that person is a candidate already
        words = self.text[last.words[0] : last.words[1]].lower()
        head = re.findall(r"[\w-]+", re.split(r" (?:for|at|of|from|in|with) ", words)[0])
        noun = head[-1] if head else ""
        again = last.rule == "coref:pronoun-last-speaker"  # "he" for that person already
        if not (again or speaker_nouns().get(noun) == "person" or noun in self.role_words):
            return None
        first = bisect.bisect_left(self.starts, last.words[1])
        between = bisect.bisect_left(self.starts, cue_at)
        if any(
            m.type == "Person" and not (doc is not None and plural(doc, m))
            for m in self.mentions[first:between]
        ):  # a people's name ("Kurds", "Catalans") is no new speaker
            return None
        return last

    def _surname(self, head: Any, cue_at: int) -> Mention | None:
        """A capitalised word extraction did not take as a name, but that is the last word of
        a person named before ("Jobs" after "Steve Jobs")."""
        word = head.text
        if not word[:1].isupper() or len(word) < 3:
            return None
        last = bisect.bisect_left(self.starts, cue_at)
        for m in reversed(self.mentions[:last]):
            if m.type == "Person" and " " in m.text and m.text.split()[-1] == word:
                return m
        return None

    def _last_speaker(self, cue_at: int, sentences: int = 2) -> Speaker | None:
        """The speaker of the latest claim within the last ``sentences`` sentences."""
        here = self.sentence_of(cue_at)
        for at, speaker in reversed(self.history):
            # Counted from where that claim's content ends: "X said:" and a two-sentence
            # quotation, then "They also said ...".
            reach = min(max(at, self.reach.get(at, at)), cue_at)
            if at < cue_at and here - self.sentence_of(reach) <= sentences:
                return speaker
        return None

    def resolve_quoted(self, head: Any) -> Speaker | None:
        """The speaker of a report inside a quotation ("“The ISO says it is a lack of power,”
        Jo Li said", "“Sam told me he would stay,” she said"): a name there, or "he", "she"
        or "it" standing for the nearest compatible name the paragraph's quotations give
        before it (nearest sentence first, an earlier sentence's first name first: its subject,
        most often). The people the quoted speaker talks of are in the quotation, not outside
        it; "I", "we" and "you" report the speaker's own words again. None otherwise. Not kept
        in the history of speakers: the writer's next "he" is not about them."""
        words = np_span(head)
        own = self.mention_at(head.idx, head.idx + len(head.text))
        if own is not None:
            if own.type in _ORG_TYPES or own.type == "Person":
                return Speaker(words, own, "name", "coref:quoted-mention")
            return None
        lower = head.lower_
        if head.tag_ != "PRP" or lower not in ("he", "she", "it"):
            return None  # "they" in a quotation is as often things as bodies
        gender = _PERSON_PRONOUNS.get(lower)
        types = frozenset({"Person"}) if gender else _ORG_TYPES
        lo = self.text.rfind("\n", 0, head.idx) + 1
        here = self.sentence_of(head.idx)
        found = [
            m
            for m in self.mentions[bisect.bisect_left(self.starts, lo) :]
            if m.end <= head.idx
            and m.type in types
            and self._in_quote(m.start)
            and (gender is None or self._gender(m) in (gender, None))
            and not (gender is not None and plural(head.doc, m))
        ]
        if not found:
            return None

        def rank(m: Mention) -> tuple[int, int]:
            distance = here - self.sentence_of(m.start)
            return (distance, -m.start if distance == 0 else m.start)

        return Speaker(words, min(found, key=rank), "pronoun", "coref:quoted-pronoun")

    def claimed(self, cue_at: int, end: int) -> None:
        """Note that the claim of the cue at ``cue_at`` runs to ``end`` (for later pronouns)."""
        self.reach[cue_at] = max(end, self.reach.get(cue_at, end))

    def _inner_mention(self, head: Any, words: tuple[int, int]) -> Mention | None:
        """A name that modifies the head noun: "PC World's analysis", "agency officials", "the
        report, cited by X", "a statement from X"."""
        best = None
        for tok in head.subtree:
            if tok.i == head.i or not (
                words[0] <= tok.idx < words[1] or (is_source_prep(tok) and _near_source(tok, head))
            ):
                continue
            if tok.dep_ not in ("compound", "poss", "pobj", "nmod", "appos"):
                continue
            if behind_comma(tok, head) or recipient(tok, head) or in_relative(tok, head):
                continue
            m = self.mention_at(tok.idx, tok.idx + len(tok.text))
            if m is not None and m.type in _ORG_TYPES | {"Person"}:
                best = (
                    m if best is None or abs(m.end - head.idx) < abs(best.end - head.idx) else best
                )
        return best

    def _role_holder(self, word: str, cue_at: int, mods: Sequence[str] = ()) -> Mention | None:
        """The last person the text gives the role ``word``: by a position found, or by the
        role word as a title right before the name ("Foreign Minister Jane Roe") or in an
        apposition right after it ("Jane Roe, the spokesman"). The words before the role in the
        speaker's phrase ("the French president") must be in that title or apposition too."""
        for m in self._candidates(cue_at, frozenset({"Person"})):
            before = self.text[max(0, m.start - 60) : m.start]
            # Only the role word ignores case: the words between must be a name's.
            title = re.search(rf"\b(?i:{re.escape(word)}),?\s+(?:[A-Z][\w.’'-]*\s+)*$", before)
            if title:
                title_text = before[max(0, title.start() - 30) : title.end()].lower()
            after = re.match(
                rf",\s+(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){{0,4}}?{re.escape(word)}\b",
                self.text[m.end : m.end + 80],
                re.I,
            )
            where = title_text if title else after.group().lower() if after else None
            held = self.roles_of.get((m.start, m.end), set())
            by_position = word in held or bool(held & generic_roles().get(word, frozenset()))
            if where is None and not by_position:
                continue
            countries = self.countries_of.get((m.start, m.end), set())
            if all(
                mod in (where or "") or (self.country_of(mod) or "-") in countries for mod in mods
            ):
                return m
        return None


__all__ = ["Resolver", "Speaker", "SpeakerKind", "name_gender", "speaker_nouns"]
