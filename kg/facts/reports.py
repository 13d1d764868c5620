"""Event reports, a rule family of stage "facts": meetings, talks, calls and visits.

A sentence with a meeting word ("met", "talks", "meeting", "phone call", "visit") and a place or two
participants; its people, the countries taking part (from their positions, demonyms, "ministers of
France, Germany and Italy"), its place ("in Vienna"), its date (explicit, or a weekday resolved
against the article's date when known) and its party count ("four-party"). "also joined the talks"
adds to the article's previous event.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.facts.article import RULES_VERSION, ArticleView
from kg.facts.dates import WEEKDAY_RE, parse_date, resolve_weekday
from kg.facts.positions import ADJECTIVAL_RE, qualifier
from kg.facts.roles import load_roles
from kg.facts.speech import SPEECH_FORMS
from kg.lexicon import entries
from kg.records import EventMention, Mention, Position


def _any(words: list[str] | tuple[str, ...]) -> str:
    """An alternation of phrases, longest first, their words joined by a space."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMBERS = {w: int(n) for w, n in (e.split() for e in entries("party_counts"))}
_TRIGGERS = {phrase: kind for kind, phrase in (e.split(" ", 1) for e in entries("event_triggers"))}
_EVENT_RE = re.compile(rf"\b(?P<w>{_any(list(_TRIGGERS))})\b", re.IGNORECASE)
_CALL_RE = re.compile(
    rf"\b(?P<w>{_any([p for p, k in _TRIGGERS.items() if k == 'call'])})\b", re.IGNORECASE
)
_MODAL_RE = re.compile(
    rf"\b(?:{_any(entries('event_not_yet_markers'))})\s+(?:\w+\s+)?$", re.IGNORECASE
)
_NUMBER_WORDS = [w for w, n in _NUMBERS.items() if w.isalpha() and not w.endswith(("al", "ite"))]
_PARTIES_RE = re.compile(
    rf"\b(?:(?P<n>{_any(_NUMBER_WORDS)})[- ](?:{_any(entries('party_count_suffixes'))})|"
    rf"(?P<a>{_any([w for w in _NUMBERS if w not in _NUMBER_WORDS])}))\s+"
    rf"(?:{_any(entries('event_nouns'))})",
    re.IGNORECASE,
)
_JOIN_RE = re.compile(
    rf"\b(?:also )?joined the (?:{_any([n for n in entries('event_nouns') if n != 'format'])})\b",
    re.IGNORECASE,
)
_PLURAL_ROLES = rf"(?:{_any(entries('plural_roles'))})"
_SPEECH_AFTER_RE = re.compile(
    r"\s+(?:" + "|".join(sorted(SPEECH_FORMS, key=len, reverse=True)) + r")\b"
)


def _countries_in(
    art: ArticleView, start: int, end: int, participants: list[Mention], positions: list[Position]
) -> set[str]:
    """Countries taking part: of the participants' positions, named in enumerations of
    roles ("ministers of France, Germany and Italy"), or as demonyms before plural roles."""
    countries: set[str] = set()
    by_holder = {art.text[p.holder[0] : p.holder[1]]: p for p in positions}
    for person in participants:
        owner = art.mention_ending(person.start - 1)
        if owner is not None and owner.type == "Country" and owner.country:
            countries.add(owner.country)  # "Germany's Annalena Baerbock"
        pos = by_holder.get(person.text)
        if pos is None:
            continue
        if pos.of_country:
            countries.add(pos.of_country)
        elif pos.of is not None:
            of_mention = art.by_start.get(pos.of[0])
            if of_mention is not None and of_mention.country:
                countries.add(of_mention.country)
    sentence = art.text[start:end]
    for match in load_roles().finditer(sentence):
        if match.group("role").lower() in ("president", "head", "chief", "leader"):
            continue
        if ADJECTIVAL_RE.match(sentence, match.end("role")):
            continue
        of, iso = qualifier(art, start + match.start("role"))
        if iso:
            countries.add(iso)  # "Spain's defence minister", "the French ministers"
        elif of is not None:
            owner = art.by_start.get(of[0])
            if owner is not None and owner.type == "Country" and owner.country:
                countries.add(owner.country)
    plural = _PLURAL_ROLES
    for match in re.finditer(rf"{plural}(?: and [\w ]+?{plural})? of (?P<list>[^.;]+)", sentence):
        for m in art.mentions:
            inside = start + match.start("list") <= m.start < start + match.end("list")
            if inside and m.country and m.type == "Country":
                countries.add(m.country)
    for match in re.finditer(
        rf"(?P<list>(?:[A-Z]\w+(?:,\s*(?:and\s+)?|\s+and\s+))+[A-Z]\w+|[A-Z]\w+)\s+"
        rf"(?:[a-z]+\s+(?:and\s+[a-z]+\s+)?)?{plural}\b",
        sentence,
    ):
        for word in re.findall(r"[A-Z]\w+", match.group("list")):
            iso = art.country_of_word(word)
            if iso:
                countries.add(iso)
    return countries


def find_events(art: ArticleView, positions: list[Position]) -> list[EventMention]:
    """Events reported in an article, merged within the article where they continue."""
    out: list[EventMention] = []
    aid = art.ex.article.id
    for index, sentence in enumerate(art.ex.sentences):
        s_text = art.text[sentence.start : sentence.end]
        trigger = _CALL_RE.search(s_text) or next(
            (t for t in _EVENT_RE.finditer(s_text) if not _MODAL_RE.search(s_text[: t.start()])),
            None,
        )
        if trigger is None:
            continue
        people = art.in_sentence(index, ("Person",))
        # People only quoted about the event are not its participants.
        people = [p for p in people if not _SPEECH_AFTER_RE.match(art.text, p.end)]
        countries = _countries_in(art, sentence.start, sentence.end, people, positions)
        parties_match = _PARTIES_RE.search(s_text)
        parties = None
        if parties_match:
            word = (parties_match.group("n") or parties_match.group("a")).lower()
            parties = _NUMBERS[word]
        t_start = sentence.start + trigger.start()
        places = [
            m
            for m in art.in_sentence(index, ("City", "Place", "Country"))
            if (
                m.start > t_start
                and re.search(r"\bin\s+(?:the\s+)?$", art.text[max(0, m.start - 8) : m.start])
            )
            or (
                m.end <= t_start
                and re.fullmatch(r"[’'s\s-]*(?:[a-z-]+\s+)?", art.text[m.end : t_start])
            )
        ]
        places.sort(key=lambda m: (m.type == "Country", m.start))  # a city before a country
        place = places[0] if places else None
        date = parse_date(s_text)
        weekday = WEEKDAY_RE.search(s_text)
        if date is None and weekday:
            date = resolve_weekday(weekday.group("d"), art.ex.article.published)
        kind = _kind(trigger.group("w"))
        mention = EventMention(
            article_id=aid,
            sentence=index,
            trigger=(sentence.start + trigger.start(), sentence.start + trigger.end()),
            kind=kind,
            participants=tuple((p.start, p.end) for p in people),
            countries=tuple(sorted(countries)),
            place=(place.start, place.end) if place else None,
            date=date,
            parties=parties,
            rule=f"event:sentence@{RULES_VERSION}",
            weekday=weekday.group("d").lower() if weekday and date is None else None,
        )
        if _JOIN_RE.search(s_text) and out:
            out[-1] = _combine(out[-1], mention)
            continue
        evidence = len(people) + len(countries) + (1 if parties else 0)
        if evidence < (1 if place else 2):
            continue
        out.append(mention)
    return out


def _combine(first: EventMention, more: EventMention) -> EventMention:
    return replace(
        first,
        participants=tuple(sorted(set(first.participants) | set(more.participants))),
        countries=tuple(sorted(set(first.countries) | set(more.countries))),
        place=first.place or more.place,
        date=first.date or more.date,
        parties=first.parties or more.parties,
        weekday=first.weekday or more.weekday,
    )


def _kind(word: str) -> str:
    """call, visit or meeting, as ``kg/lexicon/event_triggers.txt`` gives the trigger."""
    return _TRIGGERS.get(re.sub(r"\s+", " ", word.lower()), "meeting")
