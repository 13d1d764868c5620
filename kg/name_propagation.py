"""Stage "extract", one sense per discourse: a name an article has is that name wherever else it
is written there.

A name found once is a mention at its other proper-noun occurrences, with the type the article's
mentions vote for ("Montalvo" after "Daniel Montalvo", "Norvik" after "Norvik"); a person's surname
and given name stand for the person; two mentions side by side that spell a person's full name
are that person. Plain records and the spaCy Doc's tags in, plain records out.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from kg.gazetteer import Gazetteer
from kg.lexicon import words as words_of
from kg.mention_rules import RULES_VERSION
from kg.names import guess_gender
from kg.records import EntityType, Mention, retyped

#: A character that, next to a name, makes it part of a longer word ("Acme-Corp", "AT&T").
_JOINED_RE = re.compile(r"[\w&-]")


def _whole_word_hits(name: str, text: str) -> Iterator[tuple[int, int]]:
    r"""Where ``text`` writes ``name`` as a whole word: the spans of
    ``re.finditer(rf"(?<![\w&-]){re.escape(name)}(?![\w&-])", text)``, without compiling a
    pattern for each name of each article."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if (start == 0 or not _JOINED_RE.match(text, start - 1)) and not _JOINED_RE.match(
            text, end
        ):
            yield start, end
            start = text.find(name, end)
        else:
            start = text.find(name, start + 1)


#: A participle joined to a name by a hyphen: the name still names its referent ("a
#: Lagos-based bank", "Iran-backed groups", "US-made jets", "Kremlin-funded media").
_COMPOUND_AFTER_RE = re.compile(r"-(?:[a-z]{2,}ed|born|run|made|built)\b")


def _compound_hits(name: str, text: str) -> Iterator[tuple[int, int]]:
    """Where ``text`` writes ``name`` before a hyphen and a participle (``_COMPOUND_AFTER_RE``),
    not inside a longer word."""
    if f"{name}-" not in text:
        return
    for hit in re.finditer(re.escape(name), text):
        s, e = hit.span()
        if (s == 0 or not _JOINED_RE.match(text, s - 1)) and _COMPOUND_AFTER_RE.match(text, e):
            yield s, e


#: Penn tags the tagger gives a name it does not know: proper nouns, and common nouns for a
#: capitalised word it has not seen ("Okonkwo" NN, "Jenkins" NNS). (Not adjectives: a name's
#: adjective use, "Olympic spirit", is mostly no mention of it.)
_NAME_TAGS = frozenset({"NNP", "NNPS", "NN", "NNS"})


def propagate_names(
    doc: Any, text: str, mentions: list[Mention], sentence_of: Any, gaz: Gazetteer
) -> list[Mention]:
    """One sense per discourse, for recall: a name the article has as a mention is a mention
    wherever else the article writes it as a proper noun, and so are the surname and the given
    name of a person named in full ("Montalvo" after "Daniel Montalvo", "Wikinews" in a headline
    the model skipped, "Ana" after "Ana Ruiz": :func:`_given_names`). A name whose lower-case
    form the article also writes is left alone ("Freedom" and "freedom"). The tagger reads the
    words as proper nouns, or as a common noun inside a sentence (a name it does not know,
    capitalised there: "Currently Okonkwo is", "said Vukovic"). A name is not propagated into
    the end of a longer proper name (:func:`_inside_longer_name`), nor a given name into another
    person's full name ("Ana" in "Ana Lopez")."""
    names: dict[str, Counter[tuple[EntityType, str, str | None]]] = {}
    for m in mentions:
        if m.type in ("Product", "Event", "CreativeWork") or "\n" in m.text:
            continue
        tokens = m.text.split()
        if not (m.type == "Person" and len(tokens) == 1):
            names.setdefault(m.text, Counter())[(m.type, m.key, m.country)] += 1
        if (
            m.type == "Person"
            and len(tokens) >= 2
            and tokens[-1].lower() not in words_of("name_particles")
        ):
            names.setdefault(tokens[-1], Counter())[("Person", "", None)] += 0
    given = _given_names(mentions, gaz)
    for name in given:
        names.setdefault(name, Counter())[("Person", "", None)] += 0
    taken = sorted((m.start, m.end) for m in mentions)

    def free(s: int, e: int) -> bool:
        i = bisect.bisect_left(taken, (s, -1))
        for j in (i - 1, i):
            if 0 <= j < len(taken) and taken[j][0] < e and s < taken[j][1]:
                return False
        return True

    added: list[Mention] = []
    for name, votes in names.items():
        if len(name) < 3 or not name[:1].isupper() or not re.fullmatch(r"[\w.&'’ -]+", name):
            continue
        common = rf"(?<![\w./@-]){re.escape(name.lower())}(?![\w/@-]|\.\w)"
        # (the substring test first: it spares compiling a pattern for most names)
        if not name.isupper() and name.lower() in text and re.search(common, text):
            continue  # also a common word here (a web address does not count: "example.org")
        (etype, key, country), _ = max(votes.items(), key=lambda kv: kv[1])
        for s, e in [*_whole_word_hits(name, text), *_compound_hits(name, text)]:
            if not free(s, e):
                continue
            span = doc.char_span(s, e)
            if span is None or not (
                all(t.tag_ in _NAME_TAGS for t in span) or _initials_in_running_text(doc, span)
            ):
                continue  # a verb, an adjective or a function word; a capitalised noun the
                # article never writes in lower case is the name ("Jenkins" read as "NNS")
            if any(t.is_sent_start for t in span[1:]):
                continue  # never across a sentence break
            if etype != "Person" and _inside_longer_name(doc, span):
                continue  # "Harbour" in "Sydney Harbour" (a surname: the full name's end)
            if name in given and span.end < len(doc) and _starts_longer_name(doc[span.end]):
                continue  # "Ana" of "Ana Ruiz" in "Ana Lopez": another person's given name
            added.append(
                Mention(
                    start=s,
                    end=e,
                    text=name,
                    type=etype,
                    sentence=sentence_of(s),
                    extractor=f"rule:propagate@{RULES_VERSION}",
                    country=country,
                    key=key,
                )
            )
            bisect.insort(taken, (s, e))
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


def join_full_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Two mentions side by side, one space apart, that together spell the full name of a person
    the article names elsewhere are that person's one mention: "Ines" (read as an organisation)
    and "Vogt" beside "Ines Vogt", "Tariq" and "Aziz" beside "Tariq Aziz"."""
    full = {m.text for m in mentions if m.type == "Person" and " " in m.text}
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    out: list[Mention] = []
    for m in ordered:
        prev = out[-1] if out else None
        if (
            prev is not None
            and text[prev.end : m.start] == " "
            and f"{prev.text} {m.text}" in full
            and prev.sentence == m.sentence
        ):
            # A name of its own, found by this rule alone: the extractor is the rule's.
            out[-1] = retyped(
                prev,
                "Person",
                end=m.end,
                text=text[prev.start : m.end],
                extractor=f"rule:full-name@{RULES_VERSION}",
            )
            continue
        out.append(m)
    return out


def _initials_in_running_text(doc: Any, span: Any) -> bool:
    """Whether a span is one word in capitals amid words that are not, whatever its tag: the
    initials of a name the article has ("WHO warned" read as a pronoun, "AND" of a party), not a
    headline or a table written in capitals."""
    word = span.text
    if len(span) != 1 or not (word.isupper() and word.isalpha() and len(word) >= 2):
        return False
    around = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    return not any(t.text.isupper() and t.text.isalpha() for t in around)


def _given_names(mentions: Sequence[Mention], gaz: Gazetteer) -> set[str]:
    """Given names that stand for one person named in full in the article: the first word of a
    person's full name, a given name by the name list, that no other full name of the article
    opens with, and no country or city the gazetteer knows ("Paris" of "Paris Hilton", "Georgia"
    of "Georgia Lane" stay out)."""
    firsts: dict[str, set[str]] = {}
    for m in mentions:
        tokens = m.text.split()
        if m.type == "Person" and len(tokens) >= 2:
            firsts.setdefault(tokens[0], set()).add(m.text)
    return {
        first
        for first, fulls in firsts.items()
        if len(fulls) == 1
        and first[:1].isupper()
        and first[1:].islower()
        and first.lower() not in words_of("title_words")
        and gaz.country(first) is None
        and gaz.city(first) is None
        and guess_gender(first) in ("male", "female")
    }


def _starts_longer_name(token: Any) -> bool:
    """Whether a token right after a name goes on with it: a capitalised proper noun, or a name
    particle ("al-" of "Omar al-Farouk", "van" of "Ine van Dijk")."""
    if token.is_sent_start:
        return False
    return (token.tag_ in ("NNP", "NNPS") and token.text[:1].isupper()) or token.text.rstrip(
        "-"
    ).lower() in words_of("name_particles")


def _inside_longer_name(doc: Any, span: Any) -> bool:
    """Whether a span ends a longer run of capitalised proper nouns, so that it is the last word
    of another name there, not the name the article has elsewhere: "Harbour" propagated into
    "Sydney Harbour", "Express" into "Daily Express". A title or rank before it ("Mayor Okafor",
    "Dr. Lindqvist") or a sentence start does not count, and the word before must be one space
    away. (Only the word before: a name often goes on with a role or a head, "Acme Chairman",
    "ESA Director", that says nothing against it.)"""
    if span.start == 0 or span[0].is_sent_start:
        return False
    before = doc[span.start - 1]
    return (
        before.whitespace_ == " "
        and before.tag_ in ("NNP", "NNPS")
        and before.text[:1].isupper()
        and before.text.rstrip(".").lower() not in words_of("title_words")
    )
