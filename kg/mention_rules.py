"""Stage "extract", its rules over mention records: repairs after the model's names are typed.

Rule spans against model spans, names completed and propagated inside an article ("Airbus" after
"Airbus SE"), surnames standing for their person ("Merkel" after "Angela Merkel"), acronyms
defined in brackets ("the World Health Organization (WHO)") and places the gazetteer knows.
Types read from an article's context are :mod:`kg.organization_context` (teams of matches) and
:mod:`kg.context_rules` (people by their age or job, organisations by an appositive). Plain
records in, plain records out: no spaCy here, so every rule is tested from hand-built
:class:`~kg.records.Mention` lists.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import cache, lru_cache
from typing import Any

from kg.gazetteer import City, Gazetteer, fold
from kg.lexicon import entries, words
from kg.lexicon import words as words_of
from kg.names import guess_gender
from kg.records import EntityType, Mention, retyped

RULES_VERSION = "1"


@cache
def lexicon_alternation(name: str) -> str:
    """A lexicon list as a regex alternation, longest entries first, spaces as white space
    (made once a list: rules build their patterns from it at every article)."""
    items = sorted(words(name), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in item.split()) for item in items)


def merge_spans(rules: list[Mention], model: list[Mention]) -> list[Mention]:
    """Rule spans win over model spans they overlap; among rules, the longer span wins."""
    chosen: list[Mention] = []
    for mention in sorted(rules, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    for mention in model:
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: (m.start, m.end))


def complete_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """A surname the model took without its given name ("Kenya's William [Ruto]") is widened
    to the full name when the article writes that full name elsewhere."""
    full = {m.text for m in mentions if m.type == "Person" and " " in m.text}
    out = []
    for m in mentions:
        if m.type == "Person" and " " not in m.text:
            word = re.search(
                r"([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?) $", text[max(0, m.start - 40) : m.start]
            )
            if word:
                for cut in (word.group(1), word.group(1).split(" ")[-1]):
                    if f"{cut} {m.text}" in full:
                        start = m.start - len(cut) - 1
                        if not any(
                            o.start < m.start and o.end > start for o in mentions if o is not m
                        ):
                            m = replace(m, start=start, text=text[start : m.end])
                        break
        out.append(m)
    return out


def surnames_as_persons(mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """A lone word is the person when it is the surname of a person named in full earlier in the
    article, whatever type the model gave it ("Chad scored" after "Gary Chad", "Paris
    said" after "Ellen Paris"); a lone given name too ("Hillary" after "Hillary Clinton") unless it
    names a known place. Rule spans (ministries, roads, agencies) keep their type. Two words
    that start with the surname of a person named in full are no full name ("Monet Canvas"
    beside "Claude Monet", "Turner Seascape" beside "William Turner": the painter's thing), so
    their last word stays as the model has it. A given name and such a surname that the model
    read as a thing are the person (:func:`_thing_named_for_a_person`)."""
    first_seen: dict[str, int] = {}
    given_seen: dict[str, int] = {}
    full = [
        [w for w in m.text.split() if w.lower() not in words_of("name_particles")]
        for m in mentions
        if m.type == "Person"
    ]
    surnames = {tokens[-1] for tokens in full if len(tokens) >= 2}
    for m in mentions:
        tokens = [w for w in m.text.split() if w.lower() not in words_of("name_particles")]
        if m.type == "Person" and len(tokens) >= 2:
            if len(tokens) == 2 and tokens[0] in surnames and tokens[0] not in given_seen:
                # "Warhol Polaroid" beside "Andy Warhol": a surname before a noun, no full name
                continue
            first_seen.setdefault(tokens[-1], m.start)
            given_seen.setdefault(tokens[0], m.start)
    known = surnames | {m.text for m in mentions if m.type == "Person" and " " not in m.text}
    out = []
    for m in mentions:
        if _thing_named_for_a_person(m, known):
            m = retyped(m, "Person")
        # One word once particles are left out: "Okafor", and "De Boer" (a sentence's first
        # word capitalised) after "Marieke de Boer", "Van Dijk" after "Joris van Dijk".
        words = [w for w in m.text.split() if w.lower() not in words_of("name_particles")]
        model_word = (
            m.type != "Person"
            and m.extractor.startswith("spacy:")
            and "+" not in m.extractor
            and len(words) == 1
            # "La Paz" after "Maria Paz" stays the city
            and (" " not in m.text or (gaz.city(m.text) is None and gaz.country(m.text) is None))
        )
        if model_word and (
            first_seen.get(words[0], m.start) < m.start
            or (
                " " not in m.text
                and given_seen.get(m.text, m.start) < m.start
                and gaz.country(m.text) is None
                and gaz.city(m.text) is None
            )
        ):
            m = retyped(m, "Person")
        out.append(m)
    return out


def _thing_named_for_a_person(m: Mention, surnames: set[str]) -> bool:
    """Whether the model's made thing, work or event is a person's full name: two capitalised
    words, a given name (by the name list) and a surname the article gives a person elsewhere
    ("Ines Vogt scored" read as a product beside "Vogt"; "Pedro Alves" read as a work beside
    "Alves"). A class or title first ("Hurricane Vogt", "Mount Alves") is no given name."""
    tokens = m.text.split()
    return (
        m.type in ("Product", "CreativeWork", "Event")
        and m.extractor.startswith("spacy:")
        and "+" not in m.extractor
        and len(tokens) == 2
        and tokens[1] in surnames
        and all(t[:1].isupper() and t[1:].isalpha() and t[1:].islower() for t in tokens)
        and tokens[0].lower() not in words_of("title_words")
        and guess_gender(tokens[0]) in ("male", "female")
    )


def names_of_things(mentions: list[Mention]) -> list[Mention]:
    """A lone word the model read as a person, an organisation or a place is the event or made
    thing the article names in full with that last word: "Katrina" after "Hurricane Katrina",
    "Juno" after "Spacecraft Juno", "Haiyan" after "Typhoon Haiyan". It applies only where the
    full name's first words are a class (:data:`THING_TYPES` mentions of two or more words, as
    the type vote made them) and the word is no surname or given name of a person named in full
    in the article ("Sandy Weill" keeps "Sandy" a person). Rule spans keep their type."""
    things: dict[str, EntityType] = {}
    people: set[str] = set()
    for m in mentions:
        tokens = m.text.split()
        if m.type in THING_TYPES and len(tokens) >= 2 and tokens[-1][:1].isupper():
            things.setdefault(tokens[-1], m.type)
        elif m.type == "Person" and len(tokens) >= 2:
            people.update(tokens)
    out = []
    for m in mentions:
        thing = things.get(m.text)
        if (
            thing is not None
            and m.type in ("Person", "Organization", "Place", "City", "Country")
            and m.extractor.startswith("spacy:")
            and "+" not in m.extractor
            and m.text not in people
        ):
            m = retyped(m, thing)
        out.append(m)
    return out


def drop_post_nominals(text: str, mentions: list[Mention]) -> list[Mention]:
    """Letters written right after a person's name for a rank, an honour or a seat are no name of
    their own: "QC" in "Ann Lee, QC, said", "MP" in "Tom Reid MP", "OBE" in "Jo Ward OBE"
    (``post_nominals.txt``). Only right after a person's mention, a comma or a space between:
    "Columbia, SC" keeps its state, "the MP said" its mention."""
    post = words_of("post_nominals")
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    out: list[Mention] = []
    for m in ordered:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type == "Person"
            and m.text.rstrip(".").lower() in post
            and text[prev.end : m.start] in (" ", ", ")
        ):
            continue
        out.append(m)
    return out


#: Types of names that are neither people, organisations nor places.
THING_TYPES: frozenset[EntityType] = frozenset({"Event", "Product"})


@cache
def _place_after_preposition_re() -> re.Pattern[str]:
    """The pattern of :func:`places_after_prepositions`, compiled once."""
    particles = "|".join(sorted(words_of("name_particles"), key=len, reverse=True))
    word = r"[A-Z][\w’'-]+"
    return re.compile(
        rf"\b(?:{lexicon_alternation('place_prepositions')})\s+"
        rf"(?P<name>{word}(?:\s+(?:(?:{particles})\s+|(?:{particles})-)?{word}){{0,3}})"
        r"(?=\s*[,.;:]|\s+(?:and|in|on|at|from|to|after|before)\b)",
        re.IGNORECASE,
    )


def places_after_prepositions(
    text: str,
    mentions: list[Mention],
    sentence_of: Any,
    gaz: Gazetteer,
    *,
    occupied: Sequence[tuple[int, int]] = (),
) -> list[Mention]:
    """A capitalised name the model missed right after a preposition that takes only places
    ("near Kandahar", "outside Lagos": ``place_prepositions.txt``) is a place, where the name
    ends the phrase (a comma, a full stop, "and", "in": "Near Tal Afar, strikes hit",
    "outside Mosul and Erbil"). It fills gaps only: a span any rule or the model has, of any
    label (``occupied``: "near Christmas" is a date to the model), stays as it is. Name
    particles may join its words ("Dayr Az Zawr", "Ras al Ain"); a month, a weekday, a
    possessive ("near Smith's farm") or a name before a noun ("near Acme headquarters") is no
    place.
    """
    pattern = _place_after_preposition_re()
    never = words_of("months") | words_of("weekdays")
    taken = [(m.start, m.end) for m in mentions] + list(occupied)
    added: list[Mention] = []
    for hit in pattern.finditer(text):
        s, e = hit.span("name")
        name = hit.group("name")
        if not all(
            w[:1].isupper() for w in name.split() if w.lower() not in words_of("name_particles")
        ):
            continue
        if name.split()[0].lower() in never or (name.isupper() and len(name) < 4):
            continue
        if any(ts < e and s < te for ts, te in taken):
            continue
        city = gaz.denoted_city(name)
        etype: EntityType = "Country" if gaz.country(name) else "City" if city else "Place"
        added.append(
            Mention(
                start=s,
                end=e,
                text=name,
                type=etype,
                sentence=sentence_of(s),
                extractor=f"rule:place-after-preposition@{RULES_VERSION}",
            )
        )
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


#: A dateline opening a paragraph: a place in capitals, maybe a region, a date and an agency,
#: then a dash: "OSLO — ", "SAN JOSE, Calif. (Reuters) - ", "LUSAKA, Aug 14 (Reuters) - ",
#: "MUMBAI, India — ". Its own sentence, so that the parser takes no subject nor clause from it
#: (kg.extract); its place is a mention (:func:`places_of_datelines`).
DATELINE_RE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)?)?(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"(?: \([^()\n]{2,40}\))? ?[-–—]{1,2} (?=\S)"
)
_LINE_START_RE = re.compile(r"^(?=[A-Z])", re.MULTILINE)


def places_of_datelines(
    text: str,
    mentions: list[Mention],
    sentence_of: Any,
    gaz: Gazetteer,
    *,
    occupied: Sequence[tuple[int, int]] = (),
) -> list[Mention]:
    """The place of a dateline opening a paragraph, when the model missed it (it reads most
    words in capitals as no name) and the gazetteer knows it as a city or a country:
    "INVERNESS, Scotland — Snow closed ...", "TAMPERE (AP) — ...", "KISUMU, Kenya, May 3
    (Reuters) - ...". A word in capitals the gazetteer does not know ("BREAKING —", "UPDATE
    —") is no place; a span any rule or the model has stays as it is (``occupied``)."""
    taken = [(m.start, m.end) for m in mentions] + list(occupied)
    added: list[Mention] = []
    for line in _LINE_START_RE.finditer(text):
        hit = DATELINE_RE.match(text, line.start())
        if hit is None:
            continue
        s, e = hit.span("place")
        name = text[s:e].rstrip(".")
        e = s + len(name)
        if any(ts < e and s < te for ts, te in taken):
            continue
        country = gaz.country(name)
        city = None if country else gaz.denoted_city(name)
        if country is None and city is None:
            continue
        added.append(
            Mention(
                start=s,
                end=e,
                text=name,
                type="Country" if country else "City",
                sentence=sentence_of(s),
                extractor=f"rule:dateline@{RULES_VERSION}",
            )
        )
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


@cache
def _regions_re() -> re.Pattern[str]:
    """The pattern of :func:`regions_the_model_missed`, made once (its alternation of the
    world regions was rebuilt at every article)."""
    regions = "|".join(
        r"\s+".join(re.escape(w) for w in name.split())
        for name in sorted(entries("world_regions"), key=len, reverse=True)
    )
    compass = "|".join(re.escape(w) for w in entries("compass_regions"))
    return re.compile(
        rf"(?<![\w-])(?:(?P<region>{regions})|(?<=\b[Tt]he )(?P<point>{compass}))"
        r"(?![\w-])(?!\s+[A-Z])(?!’s|'s)"
    )


def regions_the_model_missed(
    text: str,
    mentions: list[Mention],
    sentence_of: Any,
    *,
    occupied: Sequence[tuple[int, int]] = (),
) -> list[Mention]:
    """A world region written as a name (``world_regions.txt``: "Latin America", "the Balkans")
    or a point of the compass capitalised after "the" (``compass_regions.txt``: "aid from the
    West", "the North voted") is a place where the model missed it. Only whole names, not
    followed by another capitalised word or a hyphen ("the West Bank", "South-East Asia",
    "the North Sea" are other names), and only in gaps: a span any rule or the model has stays.
    """
    pattern = _regions_re()
    taken = [(m.start, m.end) for m in mentions] + list(occupied)
    added = [
        Mention(
            start=hit.start(),
            end=hit.end(),
            text=hit.group(),
            type="Place",
            sentence=sentence_of(hit.start()),
            extractor=f"rule:region@{RULES_VERSION}",
        )
        for hit in pattern.finditer(text)
        if not any(ts < hit.end() and hit.start() < te for ts, te in taken)
    ]
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


def join_names_of_bodies(text: str, mentions: list[Mention]) -> list[Mention]:
    """An organisation's name that ends in its head noun and goes on with "for (the)" and
    another name the model cut off is one name: "Ford Foundation for the Arts", "Institute
    for Fiscal Studies", "Society for the Protection of Birds". Only where the first part ends
    in an organisation's head (``organization_heads.txt``: foundation, institute, society ...)
    and the second is a name of no person written right after the gap; the joined name keeps
    the first part's type and sentence. So is "X of A and (the) B" when the article writes the
    initials of the whole ("Islamic State of Iraq and Syria" beside "ISIS", "Ministry of
    Agriculture and Fisheries" beside "MAF"; "the Bank of England and France" stays two).
    """
    heads = words_of("organization_heads")
    written = set(re.findall(r"\b[A-Z]{3,6}\b", text))
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    out: list[Mention] = []
    skip: set[int] = set()
    for i, m in enumerate(ordered):
        if i in skip:
            continue
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        purpose = (
            nxt is not None
            and m.text.split()[-1].lower() in heads
            and nxt.type not in ("Person", "Country", "City")
            and _FOR_GAP_RE.fullmatch(text[m.end : nxt.start]) is not None
        )
        # "Islamic State of Iraq and the Levant" beside "ISIL": the initials the article
        # writes hold the two parts together.
        spelled = (
            nxt is not None
            and " of " in m.text
            and nxt.type != "Person"
            and _AND_GAP_RE.fullmatch(text[m.end : nxt.start]) is not None
            and bool(initials(text[m.start : nxt.end]) & written)
        )
        if (
            nxt is not None
            and (purpose or spelled)
            and m.type in ("Organization", "GovernmentOrganization")
            and nxt.sentence == m.sentence
            and nxt.text[:1].isupper()
        ):
            m = replace(m, end=nxt.end, text=text[m.start : nxt.end], acronym=nxt.acronym)
            skip.add(i + 1)
        out.append(m)
    return out


_FOR_GAP_RE = re.compile(r" for (?:the )?")
_AND_GAP_RE = re.compile(r" and (?:the )?")


def list_runs(text: str, ordered: Sequence[Mention]) -> list[list[int]]:
    """Runs of mentions (indexes into ``ordered``, sorted by offset) that stand in one list of
    one sentence, joined by commas and "and"/"or" ("Ghana, Kenya and Malawi"); a mention in no
    list is a run of its own."""
    runs: list[list[int]] = []
    for i, m in enumerate(ordered):
        prev = ordered[i - 1] if i else None
        if (
            prev is not None
            and runs
            and runs[-1][-1] == i - 1
            and prev.sentence == m.sentence
            and _LIST_GAP_RE.fullmatch(text[prev.end : m.start])
        ):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def types_of_lists(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name the model typed apart from the rest of a list it stands in takes the list's type:
    a list is four or more names joined by commas and a last "and"/"or" in one sentence
    ("Ansel Adams, Chuck Close, Walker Evans and Helmut Newton"; "Google, Bing, Yahoo and
    Baidu"), all of one kind (person, organisation or place) but one. The odd one changes only
    when the model alone typed it (a gazetteer's country or city, a rule's span stay) and the
    list's type is not the odd one's by a rule either.
    """
    family = {"Person": "person", "Organization": "org", "City": "place", "Place": "place"}
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    runs = list_runs(text, ordered)
    changed: dict[int, EntityType] = {}
    for run in runs:
        if len(run) < 4:
            continue
        kinds = Counter(family.get(ordered[i].type) for i in run)
        (kind, count), *_ = kinds.most_common(1)
        if kind is None or count != len(run) - 1:
            continue
        odd = next(i for i in run if family.get(ordered[i].type) != kind)
        m = ordered[odd]
        model_only = m.extractor.startswith("spacy:") and "+" not in m.extractor
        if model_only and m.type in ("Person", "Organization", "Place"):
            votes = Counter(ordered[i].type for i in run if i != odd)
            changed[odd] = "Place" if kind == "place" else votes.most_common(1)[0][0]
    return [retyped(m, changed[i]) if i in changed else m for i, m in enumerate(ordered)]


_LIST_GAP_RE = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")


def organizations_by_head(text: str, mentions: list[Mention], sentence_of: Any) -> list[Mention]:
    """A one-word name the article also writes before an organisation's head is that
    organisation, not a person nor a place: "Kestrel" after "Kestrel Airlines", "Ardent" after
    "Ardent Holdings" (heads: ``kg/lexicon/organization_heads.txt``). The full form is a
    mention where the model missed it. The name must be read as a person somewhere (then its
    place readings change too: the model is unsure of it) and be no part of a person's full name
    in the article ("Ford" beside "Gerald Ford" and "Ford Foundation" stays a person); a head
    followed by "of" starts a longer name ("Massachusetts Institute of Technology" says nothing
    of "Massachusetts").
    """
    in_full_names = {
        w for m in mentions if m.type == "Person" and " " in m.text for w in m.text.split()
    }
    heads = words_of("organization_heads")
    names: dict[str, list[tuple[int, int]]] = {}
    for m in mentions:
        if (
            m.type == "Person"
            and " " not in m.text
            and m.text[:1].isupper()
            and not m.text.isupper()
            and m.text not in in_full_names
            and m.text not in names
        ):
            spans = [
                hit.span()
                for hit in re.finditer(
                    rf"(?<![\w&-]){re.escape(m.text)} ([A-Z][a-z]+)\b(?! of\b)", text
                )
                if hit.group(1).lower() in heads
            ]
            if spans:
                names[m.text] = spans
    if not names:
        return mentions
    out = [
        retyped(m, "Organization") if m.text in names and m.type in ("Person", "Place") else m
        for m in mentions
    ]
    for name, spans in names.items():
        for s, e in spans:
            # The short form's own mention there ("Ardent" of "Ardent Holdings") widens.
            out = [m for m in out if not (m.start == s and m.end == s + len(name))]
            if any(m.start < e and s < m.end for m in out):
                continue
            out.append(
                Mention(
                    start=s,
                    end=e,
                    text=text[s:e],
                    type="Organization",
                    sentence=sentence_of(s),
                    extractor=f"rule:org_head@{RULES_VERSION}",
                )
            )
    return sorted(out, key=lambda m: (m.start, m.end))


def initials_of(ents: Sequence[Any]) -> dict[str, frozenset[str]]:
    """The article's multi-word names by their initials (:func:`initials`: "General Motors" ->
    GM, "Bank of America" -> BA and BOA)."""
    found: dict[str, set[str]] = {}
    for ent in ents:
        for acronym in initials(ent.text):
            found.setdefault(acronym, set()).add(ent.text)
    return {k: frozenset(v) for k, v in found.items()}


_LINE_BREAK_RE = re.compile(r"\s*\n\s*")


def unbroken(
    text: str, start: int, end: int, sentence_starts: Sequence[int]
) -> list[tuple[int, int]]:
    """A model span cut at every line break and sentence start inside it: no name runs from one
    paragraph or sentence into the next ("Cyclone Phailin\\n\\nFile", "Smith. The Senate").

    ``sentence_starts`` are in order (the article's sentences): the starts inside the span are
    found by bisection, not by reading every sentence's start for every span."""
    span = text[start:end]
    cuts = {start + m.start() for m in _LINE_BREAK_RE.finditer(span)} if "\n" in span else set()
    inside = sentence_starts[
        bisect_right(sentence_starts, start) : bisect_left(sentence_starts, end)
    ]
    pieces: list[tuple[int, int]] = []
    pos = start
    bounds = sorted(cuts.union(inside))
    for bound in bounds:
        pieces.append((pos, bound))
        pos = bound
    pieces.append((pos, end))
    out = []
    for s, e in pieces:
        part = text[s:e]
        s += len(part) - len(part.lstrip())
        e -= len(part) - len(part.rstrip())
        if e > s:
            out.append((s, e))
    return out


_DATELINE_AFTER_RE = re.compile(r"^\s*(?:[-–—:,]|$)")


def defines_acronym(text: str, start: int, end: int, etype: EntityType) -> bool:
    """Whether "Name (ACR)" from ``start`` to ``end`` defines an acronym, not a dateline.

    A dateline starts a line and its bracket is followed by a dash, a colon or a comma
    ("BRUSSELS (AP) —", "Tokyo (Kyodo) -"): the bracket names the agency, not the place.
    People and cities are never defined by an acronym in brackets ("Jane Doe (AP)" is a byline,
    "Lyon (Reuters)" a dateline inside a page). Nor is a name the bracket's acronym does not
    start with when the words before it start the acronym ("Alternative for Germany (AfD)",
    "Bank of Canada (BoC)" with only the place taken): the acronym is the longer name's
    (:func:`spells_a_longer_name`).
    """
    if etype in ("Person", "City") or text[start:end].split("(")[0].strip().isupper():
        return False  # "PARIS (AFP)": a name in capitals before a bracket is a dateline's
    bracket = re.search(r"\(\s*([^()\s]+)\s*\)\s*$", text[start:end])
    if bracket and spells_a_longer_name(text, start, bracket.group(1)):
        return False
    if re.match(r"^\s*[-–—]", text[end : end + 3]):
        return False  # "Lyon (Reuters) -", wherever the page put it
    line_start = text.rfind("\n", 0, start) + 1
    at_line_start = not text[line_start:start].strip(" \t\"'“‘")
    return not (at_line_start and _DATELINE_AFTER_RE.match(text[end : end + 3]))


def spells_a_longer_name(text: str, start: int, acronym: str) -> bool:
    """Whether ``acronym``, in brackets after the name at ``start``, belongs to a longer name
    that ends with it: the acronym does not start with the name's letter, a function word
    (``function_words.txt``) joins the name to the words before it, and one of those words,
    back to the first that is neither capitalised nor a function word (at most six), starts
    the acronym. "Party for Freedom in Norway (PFN)" and "Bank of Canada (BoC)" with only the
    country taken: the bracket names the party or the bank, not the country. Not "volunteers
    of Doctors Without Borders (MSF)" (no capitalised word before it starts with M), nor
    "Acme (AAPL)"."""
    name = fold(text[start : start + 40]).lstrip("\"'“‘")
    first = fold(acronym)[:1]
    if not name or not first or name[:1] == first:
        return False
    words = re.findall(r"[\w’'-]+", text[max(0, start - 80) : start])[-6:]
    if not words or words[-1] not in words_of("function_words"):
        return False
    for word in reversed(words):
        if word in words_of("function_words"):
            continue
        if not any(c.isupper() for c in word):
            return False
        if fold(word)[:1] == first:
            return True
    return False


# Names recur within and across articles; the cache is bounded (a worker reads many articles).
@lru_cache(maxsize=1 << 16)
def initials(name: str) -> frozenset[str]:
    """The acronyms a name's initials spell: of every word, and of its words but the function
    words ("Royal Air Force" -> RAF; "Bank of England" -> BOE and BE; "Médecins Sans
    Frontières" -> MSF). Names of one word spell none."""
    tokens = re.findall(r"[^\W\d_][\w'’]*", fold(name) if name.isascii() else name)
    if len(tokens) < 2:
        return frozenset()
    kept = [t for t in tokens if t.lower() not in words_of("function_words")]
    return frozenset(
        "".join(t[0] for t in group).upper() for group in (tokens, kept) if len(group) >= 2
    )


def add_acronym_mentions(text: str, mentions: list[Mention], sentence_of: Any) -> list[Mention]:
    """Make sure the acronym in "Long Name (ACR)" is a mention of the same type."""
    out = list(mentions)
    for m in mentions:
        if not m.acronym:
            continue
        pos = text.find(m.acronym, m.end)
        if any(o.start == pos for o in out):
            out = [replace(o, type=m.type) if o.start == pos else o for o in out]
            continue
        out.append(
            Mention(
                start=pos,
                end=pos + len(m.acronym),
                text=m.acronym,
                type=m.type,
                sentence=sentence_of(pos),
                extractor=f"rule:acronym@{RULES_VERSION}",
            )
        )
    return sorted(out, key=lambda m: (m.start, m.end))


def divisions_after_cities(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """A name that is both a city's and a state's or province's (``Gazetteer.divisions``) is
    the state or province where the article says so at each of its mentions: written right
    after a known city of that country and a comma ("the plant in Buffalo, New York, will
    close": New York State, not the city; "police in Spokane, Washington"), or after "Governor
    of" or "state of" when one country has a division of that name ("the Governor of
    Washington"). It becomes a place keyed by the division (``division_us_new_york``), a
    gazetteer place of its own: it meets the same state in other articles and never the city of
    that name (two different gazetteer places never merge). Not in a list of places ("Boston,
    New York and Chicago": a place follows it after a comma or "and"), and not where the article
    writes the name once without such words, or a longer name it starts ("New York City"): one
    name is one entity within an article, and which of the two the other mentions mean is not
    told ("a New York bar owner ... in Brooklyn, New York").
    """
    out = list(mentions)
    longer = {m.text.rsplit(" ", 1)[0] for m in mentions if " " in m.text}
    evidence: dict[str, set[str | None]] = {}
    for i, m in enumerate(out):
        if m.type not in ("City", "Place") or m.key or m.text in longer:
            continue
        isos = gaz.divisions.get(fold(m.text), frozenset())
        if not isos or gaz.city(m.text) is None:
            continue
        evidence.setdefault(m.text, set()).add(_division_country(text, out, i, isos, gaz))
    chosen: dict[str, str] = {
        name: country
        for name, countries in evidence.items()
        if len(countries) == 1
        for country in countries
        if country is not None
    }
    rule = f"rule:division-after-city@{RULES_VERSION}"
    return [
        retyped(
            m,
            "Place",
            rule,
            key=f"division_{chosen[m.text].lower()}_{'_'.join(fold(m.text).split())}",
            country=chosen[m.text],
        )
        if m.text in chosen and m.type in ("City", "Place") and not m.key
        else m
        for m in out
    ]


#: "Governor of", "state of" right before a name: the name is a state or province.
_DIVISION_OF_RE = re.compile(r"\b(?:[Gg]overnor|[Ss]tate)\s+of\s+$")


def _division_country(
    text: str, mentions: list[Mention], i: int, isos: frozenset[str], gaz: Gazetteer
) -> str | None:
    """The country of the division mention ``i`` names by the words around it, or None."""
    m = mentions[i]
    if len(isos) == 1 and _DIVISION_OF_RE.search(text[max(0, m.start - 20) : m.start]):
        return next(iter(isos))
    if i == 0:
        return None
    before, after = mentions[i - 1], mentions[i + 1] if i + 1 < len(mentions) else None
    city = gaz.city(before.text) if before.type in ("City", "Place") else None
    if city is None or text[before.end : m.start] != ", " or city.country not in isos:
        return None
    if (
        after is not None
        and after.type in ("City", "Place", "Country")
        and re.fullmatch(r",?\s+(?:and|or)\s+|,\s+", text[m.end : after.start])
    ):
        return None  # a list of places
    return city.country


def key_places(mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Give countries and known cities a gazetteer key, so all their spellings meet.

    A city's name that several cities carry (:meth:`Gazetteer.cities_named`) is the one of
    them that lies in a country the article names otherwise, by a country's name or a known
    city's, when exactly one does: "Manchester" beside "Salford" or "Britain" is Manchester,
    England; beside "Ohio" and "U.S." none of the three US Manchesters is told apart, and
    "Geneva" in an article naming Switzerland is the Swiss city; "Victoria" in an article naming
    Australia and the United States is the Australian state, no US city. Without such evidence
    the name stays a place of its own (never the biggest city by default)."""
    countries: set[str] = set()
    out = []
    for m in mentions:
        if m.type == "Country":
            country = gaz.country(m.text)
            if country is not None:
                m = replace(m, key=f"country_{country.iso.lower()}", country=country.iso)
                countries.add(country.iso)
        elif m.type == "City":
            city = gaz.denoted_city(m.text)
            if city is not None:
                m = replace(m, key=f"city_{city.geonameid}", country=city.country)
                countries.add(city.country)
        out.append(m)
    if not countries:
        return out
    chosen: dict[str, City] = {}
    for m in out:
        if m.type in ("Place", "City") and not m.key and m.text not in chosen:
            named = gaz.cities_named(m.text)
            if named:
                fitting = [c for c in named if c.country in countries]
                states = gaz.divisions.get(fold(m.text), frozenset()) & countries
                if len(fitting) == 1 and not states - {fitting[0].country}:
                    chosen[m.text] = fitting[0]
    if not chosen:
        return out
    return [
        replace(
            m,
            type="City",
            key=f"city_{chosen[m.text].geonameid}",
            country=chosen[m.text].country,
            extractor=f"{m.extractor}+rule:city-by-country@{RULES_VERSION}",
        )
        if m.type in ("Place", "City") and not m.key and m.text in chosen
        else m
        for m in out
    ]
