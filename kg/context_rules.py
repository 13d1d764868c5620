"""Stage "extract", types by the words around a name: people by an age after the name or a job
noun before it; countries by the list of countries they stand in.

Two kinds of evidence that a name is a person's, which news English writes in every domain and
which the small statistical model often misses or mistypes, above all for names it has not seen
in training (names from outside Europe and North America, sport and crime reports):

* **an age in commas** right after the name: "Okafor, 41, said", "Daniel Ruiz, 27, of Leeds",
  "Ines Moreau, aged 19,";
* **a job noun in lower case** right before a name of two or three capitalised words, the
  newspaper style for titles that are not formal ranks: "striker Emeka Nwosu", "goalkeeper David
  Raya", "astronaut Tim Peake", "chief executive Jane Fraser". The nouns are the person nouns of
  ``kg/lexicon/speaker_nouns.txt`` (kind ``person``); so does a rank written as a title
  ("Detective Superintendent Ann Roe", "Chief Constable Mark Ellis": ``title_words.txt``).
  Where the model took the surname alone ("spokesman Moses [Banda]", "coach Ana [Ortiz]"), the
  person's mention widens to the whole name. At a sentence's start the noun is
  capitalised and the model tends to read it as part of an organisation's name ("Striker Emeka
  Nwosu scored", "Detective Maria Lund said"): it is cut off when the rest is a given name and a
  surname, or a surname the article also writes alone.

A name so marked is a person in every mention the article writes it with (one sense per
discourse), so "Nwosu" alone is the person once "striker Emeka Nwosu" is. Known countries and
cities keep their type ("Spain, 14, ..." is no age), and so do spans that a rule, not the model,
found (ministries, roads, agencies).

A name the model types as a person, place or product is an organisation when an appositive
after it says what kind of organisation it is: "Maruti Suzuki, India's biggest carmaker,",
"Baxter Ridge, a regional lender,", "Maersk, the Danish shipping group," ("Ana Ortiz, the
bank's chief economist," names no kind: she stays a person).

Initials right before a noun for a kind of organisation name that organisation, when the model
missed them: "the FNV union said", "the RMT union", "the KLM airline" (a country's code stays a
country: "the US bank").

A big city the gazetteer knows that the model types as a person is the city when nothing in the
article makes it a person's name: no given name ("Florence", "Austin" stay), no person named in
full with it as surname ("Houston" after "Whitney Houston" stays), no title before it. "Seoul,
Daejeon and Cheongju", "the march toward Raqqa", "in fair Verona".

A known country's name that the model types as a person or organisation in a list of countries
is the country: "in Ghana, Kenya and Malawi", "troops from France, Chad and Niger" (several
countries' names are given names too: Chad, Jordan, Georgia, India, so the model alone is unsure).

In an author-first reading list ("Lincoln, Abraham. Speeches and Writings" above "Jackson, Phil.
Eleven Rings"), the name before the comma is an author's surname, not the town of that name.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from itertools import pairwise
from typing import Any

from kg.entity_types import is_given_name
from kg.gazetteer import Gazetteer, fold
from kg.lexicon import entries
from kg.lexicon import words as words_of
from kg.mention_rules import list_runs
from kg.records import Mention, retyped

RULES_VERSION = "1"

#: ", 41," or ", aged 41," right after a name (ages 1-110: no year, no model number).
_AGE_RE = re.compile(r",\s+(?:aged\s+)?(?P<age>[1-9]\d?|10\d|110),")
#: Two or three capitalised words (hyphens and apostrophes inside: "Jean-Luc", "O'Neill").
_NAME = r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*"
_NAME_RE = re.compile(rf"{_NAME}(?: {_NAME}){{1,2}}\b(?!['’-]\w)")


@cache
def person_nouns() -> frozenset[str]:
    """The job nouns of ``speaker_nouns.txt`` that stand for one person ("striker", "coach")."""
    return frozenset(
        noun
        for noun, kind in (line.split() for line in entries("speaker_nouns"))
        if kind == "person"
    )


def _retypable(m: Mention, gaz: Gazetteer) -> bool:
    """A model's span of another type than Person that no known place or rule backs."""
    return (
        m.type in ("Organization", "Place", "Product", "Event", "CreativeWork")
        and m.extractor.startswith("spacy:")
        and "+" not in m.extractor
        and gaz.country(m.text) is None
        and gaz.city(m.text) is None
    )


def countries_in_lists(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Mentions with each known country's name in a list of two or more other countries typed a
    country (see the module docstring). Only the model's own spans change, and only to the
    country the gazetteer knows by that full name (never by a short code)."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    runs = list_runs(text, ordered)
    changed: set[int] = set()
    for run in runs:
        countries = sum(ordered[i].type == "Country" for i in run)
        if len(run) < 3 or countries < len(run) - 1:
            continue
        for i in run:
            m = ordered[i]
            if (
                m.type in ("Person", "Organization")
                and m.extractor.startswith("spacy:")
                and "+" not in m.extractor
                and gaz.named_country(m.text) is not None
            ):
                changed.add(i)
    if not changed:
        return mentions
    return [
        retyped(m, "Country", f"rule:country-list@{RULES_VERSION}") if i in changed else m
        for i, m in enumerate(ordered)
    ]


#: The population above which a city's name is the city rather than a surname of the same
#: spelling, when the article names no such person (GeoNames: most towns named like surnames,
#: "Martinez, California", "Anderson, Indiana", are smaller).
BIG_CITY = 100_000


def cities_not_people(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Mentions with each big known city the model alone typed a person retyped the city (see
    the module docstring)."""
    surnames = {
        m.text.split()[-1] for m in mentions if m.type == "Person" and len(m.text.split()) >= 2
    }
    titles = words_of("title_words")
    out = []
    for m in mentions:
        if (
            m.type == "Person"
            and m.extractor.startswith("spacy:")
            and "+" not in m.extractor
            and m.text not in surnames
            and not is_given_name(m.text.split()[0])
        ):
            city = gaz.city(m.text)
            before = re.search(r"(\w+)\.?\s+$", text[max(0, m.start - 16) : m.start])
            if (
                city is not None
                and city.population >= BIG_CITY
                and not (before and before.group(1).lower() in titles)
            ):
                m = retyped(m, "City", f"rule:big-city@{RULES_VERSION}")
        out.append(m)
    return out


#: A line of a reading list: "Surname, Given names. Title" (MLA and Chicago author order).
_CITATION_LINE_RE = re.compile(
    r"^[ \t]*([A-Z][\w'’-]+), ((?:[A-Z][a-z]+|[A-Z]\.)(?: (?:[A-Z][a-z]+|[A-Z]\.))*)\. +\S",
    re.M,
)


def authors_of_citations(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """The first name of a line in an author-first reading list is a person's surname, whatever
    place it is also the name of: "Lincoln, Abraham. Speeches and Writings" above "Jackson,
    Phil. Eleven Rings" (a city in Nebraska and one in Mississippi). Evidence: at least two
    lines in a row of that shape (a blank line between them at most), each with a given name
    after the comma that is no gazetteer place ("Jackson, Mississippi. Police said" is the
    city; "Athens, Georgia." too, Georgia being a state). A place or an organisation the model
    read there becomes a person."""
    lines = [
        match
        for match in _CITATION_LINE_RE.finditer(text)
        if is_given_name(match.group(2).split()[0])
        and gaz.city(match.group(2)) is None
        and gaz.country(match.group(2)) is None
        and not gaz.divisions.get(fold(match.group(2)))
    ]
    authors: set[int] = set()
    for first, second in pairwise(lines):
        end = text.find("\n", first.start())  # the lines follow each other
        between = text[end : second.start()] if end != -1 else "x"
        if between.strip() == "" and between.count("\n") <= 2:  # a blank line at most
            authors |= {first.start(1), second.start(1)}
    out = []
    for m in mentions:
        if m.start in authors and m.type in ("City", "Country", "Place", "Organization"):
            m = retyped(m, "Person", f"rule:citation-author@{RULES_VERSION}")
        out.append(m)
    return out


#: ", 27, of " (or ", aged 27, of ") right before a name: the name is where the person lives.
_RESIDENCE_RE = re.compile(r",\s+(?:aged\s+)?(?:[1-9]\d?|10\d|110),\s+of\s+")
#: One to three capitalised words that end before punctuation or a word in lower case.
_PLACE_NAME_RE = re.compile(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}(?=[,.;:)]|\s+[a-z]|\s*$)")


def places_of_residence(
    text: str, mentions: list[Mention], sentence_of: Any, gaz: Gazetteer
) -> list[Mention]:
    """A name right after an age in commas and "of" is where that person lives, a place: the
    style of police, court and accident reports in every domain's news ("Daniel Ruiz, 27, of
    Tucson, was charged", "a woman, 41, of Hamtramck", "Jan Kowalski, 40, of Wroclaw"). The
    model reads many such towns as people or organisations ("Kevin Doyle, 29, of Bolton" had
    Bolton a person). There, a model's reading as a person becomes a place, and so does its
    reading as an organisation of one word that the article writes nowhere else; a name the
    model missed there is added as a place. A name with an organisation's head stays ("Ana
    Ortiz, 38, of Harbour Point Holdings"), and so does one in capitals ("of NASA")."""
    heads = words_of("organization_heads")
    skip = words_of("months") | words_of("weekdays") | words_of("function_words")
    count: dict[str, int] = {}
    for m in mentions:
        count[m.text] = count.get(m.text, 0) + 1
    changed: dict[tuple[int, int], Mention] = {}
    added: list[Mention] = []
    taken = [(m.start, m.end) for m in mentions]
    for match in _RESIDENCE_RE.finditer(text):
        s = match.end()
        name = _PLACE_NAME_RE.match(text, s)
        if name is None or "\n" in name.group():
            continue
        words = name.group().split()
        if heads & {w.lower() for w in words} or name.group().replace(".", "").isupper():
            continue
        if words[0].lower() in skip:
            continue
        e = name.end()
        same = [m for m in mentions if m.start == s and m.end == e]
        for m in same:
            model = m.extractor.startswith("spacy:") and "+" not in m.extractor
            weak = m.type == "Person" or (
                m.type == "Organization" and len(words) == 1 and count[m.text] == 1
            )
            if model and weak and gaz.country(m.text) is None:
                changed[(m.start, m.end)] = retyped(m, "Place", f"rule:residence@{RULES_VERSION}")
        if same or any(ts < e and s < te for ts, te in taken):
            continue
        added.append(
            Mention(
                start=s,
                end=e,
                text=name.group(),
                type="Place",
                sentence=sentence_of(s),
                extractor=f"rule:residence@{RULES_VERSION}",
            )
        )
        taken.append((s, e))
    if not changed and not added:
        return mentions
    out = [changed.get((m.start, m.end), m) for m in mentions]
    return sorted([*out, *added], key=lambda m: (m.start, m.end))


@cache
def _appositive_re() -> re.Pattern[str]:
    kinds = "|".join(sorted(entries("organization_appositives"), key=len, reverse=True))
    return re.compile(
        r",\s+(?:(?:the|a|an|its|their)\s+|[A-Z][\w.]*(?:'s|’s)\s+)"
        rf"(?P<mods>(?:[\w-]+\s+){{0,3}}?)(?:{kinds}|\w+maker)\s*[,.;]"
    )


def _names_a_kind(text: str, end: int) -> bool:
    """Whether an appositive right after ``text[:end]`` calls it a kind of organisation: the
    kind noun is the appositive's head, so no preposition or conjunction stands between the
    determiner and it ("Baxter Ridge, a regional lender," is a lender; "Jo Li, a lawyer for the
    bank," and "Sam Roe, a spokesman for the airline," are not a bank or an airline:
    ``function_words.txt``)."""
    hit = _appositive_re().match(text, end)
    if hit is None:
        return False
    skip = words_of("function_words")
    return not any(w.lower() in skip for w in hit.group("mods").split())


def initials_before_kind(
    text: str, mentions: list[Mention], sentence_of: Any, gaz: Gazetteer
) -> list[Mention]:
    """Mentions with the initials before an organisation's kind noun the model missed added
    (see the module docstring; the kinds: ``organization_kinds.txt`` and
    ``organization_kind_names.txt``)."""
    kinds = words_of("organization_kinds") | words_of("organization_kind_names")
    taken = [(m.start, m.end) for m in mentions]
    added = []
    for hit in _INITIALS_KIND_RE.finditer(text):
        s, e = hit.span("acr")
        if hit.group("kind").lower() not in kinds or any(ts < e and s < te for ts, te in taken):
            continue
        if gaz.country(hit.group("acr")) or gaz.city(hit.group("acr")):
            continue
        added.append(
            Mention(
                start=s,
                end=e,
                text=hit.group("acr"),
                type="Organization",
                sentence=sentence_of(s),
                extractor=f"rule:initials-kind@{RULES_VERSION}",
            )
        )
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


_INITIALS_KIND_RE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?)\s+(?P<acr>[A-Z][A-Z&]{1,6})\s+(?P<kind>[a-z]+)\b(?!-)"
)


def organizations_by_appositive(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions with each name that the model alone typed a person, place or product, and that
    an appositive calls a kind of organisation, typed an organisation in every mention of the
    article (see the module docstring)."""
    bodies = {
        m.text
        for m in mentions
        if m.type in ("Person", "Place", "Product")
        and m.extractor.startswith("spacy:")
        and "+" not in m.extractor
        and _names_a_kind(text, m.end)
    }
    if not bodies:
        return mentions
    return [
        retyped(m, "Organization", f"rule:org-appositive@{RULES_VERSION}")
        if m.text in bodies
        and m.type in ("Person", "Place", "Product")
        and m.extractor.startswith("spacy:")
        else m
        for m in mentions
    ]


#: spaCy's hashes of a word list, sorted, as an array (a word's hash is the same in every
#: vocabulary).
_HASHES: dict[frozenset[str], Any] = {}


def tokens_written_as(doc: Any, exact: frozenset[str], lower: frozenset[str]) -> list[Any]:
    """The tokens of ``doc`` whose text is one of ``exact`` or whose lower case is one of
    ``lower``, in order: found among the token hashes spaCy keeps in one array, not by making
    every token of the article (a job noun, "spokesman"; a title in any case, "Judge").
    Hash collisions only let through tokens the caller's own test then rejects. (Each hash is
    looked up by bisection in the sorted hashes of a list: ``numpy.isin`` sorts both arrays
    at every call, three times slower on an article's few hundred tokens.)"""
    import numpy

    if not len(doc):
        return []
    for words in (exact, lower):
        if words not in _HASHES:
            hashes = sorted({doc.vocab.strings[w] for w in words})
            _HASHES[words] = numpy.array(hashes, dtype=numpy.uint64)
    found = doc.to_array(["ORTH", "LOWER"])
    hits = _among(found[:, 0], _HASHES[exact]) | _among(found[:, 1], _HASHES[lower])
    return [doc[int(i)] for i in numpy.flatnonzero(hits)]


def _among(values: Any, hashes: Any) -> Any:
    """Which of ``values`` are in ``hashes`` (sorted), as booleans: the same as
    ``numpy.isin(values, hashes)``."""
    import numpy

    if not len(hashes):
        return numpy.zeros(len(values), dtype=bool)
    at = numpy.searchsorted(hashes, values)
    at[at == len(hashes)] = 0
    return hashes[at] == values


def people_by_context(
    doc: Any, text: str, mentions: list[Mention], sentence_of: Any, gaz: Gazetteer
) -> list[Mention]:
    """Mentions with the people this module's evidence shows: retyped where the model typed the
    name otherwise, added where it missed the name after a job noun."""
    people: set[str] = set()
    nouns = person_nouns()
    alone = {m.text for m in mentions if " " not in m.text}
    heads = words_of("organization_heads")
    trimmed: dict[tuple[int, int], Mention] = {}
    for m in mentions:
        if _retypable(m, gaz) and _AGE_RE.match(text, m.end):
            people.add(m.text)
        first, _, rest = m.text.partition(" ")
        if (
            _retypable(m, gaz)
            and first.lower() in nouns
            and _NAME_RE.fullmatch(rest)
            and not heads & {w.lower() for w in rest.split()}
            and (is_given_name(rest.split()[0]) or rest.split()[-1] in alone)
        ):
            s = m.start + len(first) + 1
            trimmed[(m.start, m.end)] = retyped(
                m, "Person", f"rule:job-noun-name@{RULES_VERSION}", start=s, text=rest
            )
    if trimmed:
        mentions = [trimmed.get((m.start, m.end), m) for m in mentions]
    added: list[Mention] = []
    widened: dict[tuple[int, int], Mention] = {}
    taken = [(m.start, m.end) for m in mentions]
    skip = words_of("months") | words_of("weekdays") | words_of("function_words")
    titles = words_of("title_words")
    for token in tokens_written_as(doc, nouns, titles):
        job = token.tag_ == "NN" and token.text in nouns
        rank = token.text.istitle() and token.lower_ in titles
        if not (job or rank):
            continue  # a noun in lower case only: "official" as an adjective is no job
        start = token.idx + len(token.text) + 1
        name = _NAME_RE.match(text, start) if text[start - 1 : start] == " " else None
        if name is None or name.group().split()[0].lower() in skip | titles:
            continue  # "Detective Superintendent Ann Roe": the name after the last title
        if heads & {w.lower() for w in name.group().split()}:
            continue  # "owner Harbour Point Holdings": an organisation after the noun
        s, e = name.span()
        span = doc.char_span(s, e)
        if span is None or not all(t.tag_ in ("NNP", "NNPS") for t in span):
            continue
        if any(t.is_sent_start for t in span):
            continue  # never across a sentence break
        if gaz.country(name.group()) or gaz.city(name.group()):
            continue
        same = [m for m in mentions if m.start == s and m.end == e]
        if same:
            if all(_retypable(m, gaz) for m in same):
                people.add(name.group())
            continue
        inside = [m for m in mentions if s < m.end and m.start < e]
        if len(inside) == 1 and inside[0].type == "Person" and s < inside[0].start:
            # "spokesman Moses Banda" with "Banda" alone a person: the name is the whole
            widened[(inside[0].start, inside[0].end)] = replace(
                inside[0], start=s, end=e, text=name.group()
            )
            continue
        if any(ts < e and s < te for ts, te in taken):
            continue  # part of a longer name, or a name of its own
        added.append(
            Mention(
                start=s,
                end=e,
                text=name.group(),
                type="Person",
                sentence=sentence_of(s),
                extractor=f"rule:job-noun-name@{RULES_VERSION}",
            )
        )
        taken.append((s, e))
    mentions = [widened.get((m.start, m.end), m) for m in mentions]
    if not people and not added:
        return sorted(mentions, key=lambda m: (m.start, m.end))
    out = [
        retyped(m, "Person", f"rule:person-context@{RULES_VERSION}")
        if m.text in people and _retypable(m, gaz)
        else m
        for m in mentions
    ]
    return sorted([*out, *added], key=lambda m: (m.start, m.end))
