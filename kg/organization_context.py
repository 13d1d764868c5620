"""Stage "extract", organisations by the words around a name: which names the article shows,
by what it says before them, to be organisations whatever the model read (people and countries
by context, and organisations by an appositive after the name, are :mod:`kg.context_rules`).

Countries playing a match are teams ("Brazil beat Spain 2 - 1"), and a name after a noun for a
kind of organisation is one ("the rebel group Boko Haram", "the carmaker Lucid"), in every
mention of the article. Plain records in, plain records out: no spaCy here.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

from kg.entity_types import is_given_name
from kg.gazetteer import Gazetteer
from kg.lexicon import words as words_of
from kg.mention_rules import RULES_VERSION, lexicon_alternation
from kg.records import Mention, Sentence, retyped


def teams_of_matches(
    text: str,
    mentions: list[Mention],
    sentences: Sequence[Sentence],
    gaz: Gazetteer | None = None,
) -> list[Mention]:
    """Countries and cities that play a match are teams, organisations: every mention in the
    article of a place named as one side of a match ("Brazil 2 - 1 Germany", "Japan drew with
    Chile in the group stage", "India beat Pakistan by six wickets"). A match is a score between
    the two names, or a result verb between them (match_verbs.txt) in a sentence with a score or a
    sports word (sports_words.txt). A place written as the last words of a team's name is that
    team ("Korea" after "South Korea", "Congo" after "DR Congo"), and so are its people named
    with "the" ("the Belgians" in the lead, "the Brazilians" won), by ``gaz``'s demonyms. The
    other side of a place's match is a team too when the model read it as one word of a
    person's name that is no given name ("Leeds drew 1-1 with Tranmere", "Braga beat Famalicao
    2-0"); two such words are players ("Ruud beat Alcaraz 6-3"), and so is a player after a
    country's possessive ("beat Spain's Alcaraz")."""
    verbs = lexicon_alternation("match_verbs")
    gap_re = re.compile(
        rf"^\s*(?:\d{{1,3}}\s*[-–—:]\s*\d{{1,3}}|(?:{verbs})\.?(?:\s+(?:the\s+)?[a-z]+)?"
        rf"|(?:lost|won|drew)\s+\d{{1,3}}\s*[-–—:]\s*\d{{1,3}}\s+(?:to|against|with))\s*$"
    )
    score_re = re.compile(r"\b\d{1,3}\s*[-–—:]\s*\d{1,3}\b")
    sports_re = re.compile(rf"\b(?:{lexicon_alternation('sports_words')})\b", re.IGNORECASE)
    countries = [m for m in mentions if m.type in ("Country", "City", "Place")]
    # The other side of a place's match may be a club the model read as a person's one word:
    # "Porto beat Benfica 2-1", "Celtic 3-0 Kilmarnock" (never a player: a place does not play
    # one; a given name stays a person, and so does a player beside a country's possessive).
    players = [
        m
        for m in mentions
        if m.type in ("Country", "City", "Place")
        or (
            m.type == "Person"
            and m.extractor.startswith("spacy:")
            and "+" not in m.extractor
            and " " not in m.text
            and not is_given_name(m.text)
        )
    ]
    teams: set[str] = set()
    for a, b in itertools.pairwise(players):
        if a.sentence != b.sentence or b.start - a.end > 40:
            continue
        if "Person" in (a.type, b.type) and (
            a.type == b.type or re.match(r"['’]s\b", text[b.end : b.end + 2])
        ):
            continue  # two players; "Ruud beat Spain's Alcaraz": the country is no side
        gap = text[a.end : b.start]
        if not gap_re.match(gap):
            continue
        sentence = sentences[a.sentence] if a.sentence < len(sentences) else None
        line = text[sentence.start : sentence.end] if sentence else gap
        if score_re.search(gap) or score_re.search(line) or sports_re.search(line):
            teams |= {a.text, b.text}
    if not teams:
        return mentions
    # A team's shorter name is the team too: "Korea" after "South Korea 1 - 0 Sweden", "Congo"
    # after "DR Congo beat Mali": the last words of the name, its head (never the "South").
    for m in countries:
        words = m.text.split()
        if any(len(t.split()) > len(words) and t.split()[-len(words) :] == words for t in teams):
            teams.add(m.text)
    if gaz is not None:
        sides = {c.iso for t in teams if (c := gaz.country(t)) is not None}
        for m in mentions:
            people = gaz.demonym(m.text[:-1]) if m.text.endswith("s") else None
            if (
                m.type == "Person"
                and people is not None
                and people.iso in sides
                and text[max(0, m.start - 4) : m.start].lower() == "the "
            ):
                teams.add(m.text)
    return [
        retyped(m, "Organization", f"rule:team@{RULES_VERSION}", country=m.country)
        if m.type in ("Country", "City", "Place", "Person") and m.text in teams
        else m
        for m in mentions
    ]


def organizations_by_kind(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name written right after a lower-case noun for a kind of organisation is an
    organisation, in every mention of the article: "the rebel group Boko Haram ... Boko Haram
    fighters", "the carmaker Lucid ... Lucid said", "the band Queen" (organization_kinds.txt,
    organization_kind_names.txt).
    Only the model's weak readings change (a person, a place the gazetteer does not know, a
    product); a person's name that opens with a given name stays ("the firm John Smith
    founded"), and so does the surname of a person the article names in full ("Boris Johnson
    ... the party Johnson attended"), and a known country or city."""
    kinds = "|".join(
        lexicon_alternation(k) for k in ("organization_kinds", "organization_kind_names")
    )
    kind_re = re.compile(rf"(?<![\w-])(?:{kinds})\s+$")
    surnames = {m.text.split()[-1] for m in mentions if m.type == "Person" and " " in m.text}
    named: set[str] = set()
    for m in mentions:
        words = m.text.split()
        if m.type not in ("Person", "Place", "Product") or (
            m.type == "Person" and (is_given_name(words[0]) or m.text in surnames)
        ):
            continue
        if kind_re.search(text[max(0, m.start - 30) : m.start]):
            named.add(m.text)
    if not named:
        return mentions
    return [
        retyped(m, "Organization", f"rule:kind@{RULES_VERSION}", country=m.country)
        if m.text in named and m.type in ("Person", "Place", "Product")
        else m
        for m in mentions
    ]


def clubs_of_places(text: str, mentions: list[Mention]) -> list[Mention]:
    """A place's name with a sports club's ending is the club, an organisation: the ending
    inside the span ("Carlisle United", read as a place by the model) or right after it
    ("Toronto FC", "Northfield United manager", where the model or propagation took the town
    alone), from ``club_endings.txt``; so is a place's name right after a club's first word
    ("Real Madrid", "Sporting Lisbon" with the model's span on the town alone:
    ``club_prefixes.txt``, capitalised). The span takes the club's word; a known country's name
    stays ("Kenya United Nations"), and so does a name followed by a further capitalised word
    ("the Leeds United Reformed Church" is no club of the list's kind)."""
    prefixes = words_of("club_prefixes")
    written_first = sorted(
        {w.title() for w in prefixes} | {w.upper() for w in prefixes if len(w) <= 4}
    )
    first = re.compile(rf"(?<![\w'’-])(?:{'|'.join(written_first)}) $")
    endings = words_of("club_endings")
    written = sorted({w.title() for w in endings} | {w.upper() for w in endings if len(w) <= 3})
    after = re.compile(rf" (?:{'|'.join(written)})\b(?![\w'’-])(?!\s+[A-Z])")
    out: list[Mention] = []
    widened: list[tuple[int, int]] = []
    for m in mentions:
        span: tuple[int, int] | None = None
        if m.type in ("Place", "City") and "\n" not in m.text:
            last = m.text.split()[-1]
            if last.lower() in endings and last[:1].isupper() and " " in m.text:
                span = (m.start, m.end)  # "Carlisle United": the ending is inside
            elif (head := first.search(text, max(0, m.start - 12), m.start)) is not None:
                span = (head.start(), m.end)  # "Real Madrid"
            elif (tail := after.match(text, m.end)) is not None:
                span = (m.start, tail.end())  # "Toronto FC"
        if span is not None:
            widened.append(span)
            m = retyped(
                m,
                "Organization",
                f"rule:club@{RULES_VERSION}",
                start=span[0],
                end=span[1],
                text=text[span[0] : span[1]],
            )
        out.append(m)
    # A mention the widened club's span now covers ("FC" read alone) is part of it.
    return [
        m
        for m in out
        if not any(s <= m.start and m.end <= e and (m.start, m.end) != (s, e) for s, e in widened)
    ]


def join_legal_suffixes(text: str, mentions: list[Mention]) -> list[Mention]:
    """An organisation's legal form that the model read as a name of its own joins the name
    before it ("Chrysler" + "LLC", "Meridian Foods" + "Inc.", "Baltic Freight" + "AG":
    ``legal_suffixes.txt``), and a legal form alone is no entity. Only a name the model typed
    an organisation takes its form, across one space or a comma ("Acme Corp, Inc.")."""
    suffixes = words_of("legal_suffixes")

    def is_suffix(m: Mention) -> bool:
        return m.text.strip(".").lower() in suffixes

    if not any(is_suffix(m) for m in mentions):
        return mentions
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    out: list[Mention] = []
    for m in ordered:
        if is_suffix(m):
            before = out[-1] if out else None
            gap = text[before.end : m.start] if before is not None else None
            if before is not None and before.type == "Organization" and gap in (" ", ", "):
                out[-1] = replace(
                    before,
                    end=m.end,
                    text=text[before.start : m.end],
                    extractor=f"{before.extractor}+rule:legal-form@{RULES_VERSION}",
                )
            continue  # a legal form alone names nothing
        out.append(m)
    return out


def companies_by_shares(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """A name whose shares the article trades is a company, in every mention of the article:
    "Shares of Nvidia rose" and "shares in Rio Tinto" (read as places by the model), "Veltrix
    shares fell", "the company's stock" being no name (``share_words.txt``). Only the model's
    readings as a place the gazetteer does not know, or as a person, change: "shares in Tokyo
    fell" is the market of a known city, and a name that opens with a given name stays a
    person's."""
    nouns = lexicon_alternation("share_words")
    before = re.compile(rf"\b(?:{nouns})\s+(?:of|in)\s+$", re.I)
    after = re.compile(rf"(?:['’]s)?\s+(?:{nouns})\b")
    named: set[str] = set()
    for m in mentions:
        words = m.text.split()
        if m.type not in ("Place", "Person") or "\n" in m.text:
            continue
        if m.type == "Person" and is_given_name(words[0]):
            continue
        if gaz.country(m.text) is not None or gaz.city(m.text) is not None:
            continue
        if before.search(text[max(0, m.start - 16) : m.start]) or after.match(text, m.end):
            named.add(m.text)
    if not named:
        return mentions
    return [
        retyped(m, "Organization", f"rule:shares@{RULES_VERSION}")
        if m.text in named and m.type in ("Place", "Person")
        else m
        for m in mentions
    ]
