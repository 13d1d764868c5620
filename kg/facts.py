"""Stage "facts": positions held, events and attributed claims, from one article's records.

Works on the cleaned text and the mentions extraction found (no spaCy here), with general
patterns of news English:

* positions: "German Foreign Minister Annalena Baerbock", "Penny Wong, the Australian Foreign
  Minister", "the head of its Federal Intelligence Service (BND), Bruno Kahl", "his Italian
  counterpart, Guido Crosetto", "Le Monde's Anne Martin". Role words come from the SKOS
  scheme ``ontology/roles.ttl``. "former" and "ex-" roles, plurals and roles without a named
  person give nothing.
* events: a sentence with a meeting word ("met", "talks", "meeting", "phone call", "visit")
  and a place or two participants; its people, the countries taking part (from their positions,
  demonyms, "ministers of France, Germany and Italy"), its place ("in Vienna"), its date (explicit,
  or a weekday, resolved against the article's date when known) and its party count
  ("four-party"). "also joined the talks" adds to the article's previous event.
* claims: "according to X", "X said (that) ...", "..., X said", "cited by X", "X's statement
  said". A capital standing for its government ("according to Paris") is claimed by that
  country's government. A quote without a claimant gives nothing.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from kg.gazetteer import Gazetteer, load_gazetteer
from kg.records import Claim, EventMention, Extraction, Facts, Mention, Offsets, Position

RULES_VERSION = "1"
ROLE_NS = "https://w3id.org/kg-news/role/"

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "bilateral": 2,
    "trilateral": 3,
    "tripartite": 3,
    "quadrilateral": 4,
    "quadripartite": 4,
}
_EVENT_RE = re.compile(
    r"\b(?P<w>spoke by (?:tele)?phone|(?:tele)?phone call|held talks|met|meets|meet|meeting|"
    r"meetings|talks|summit|visited|visit|conference)\b",
    re.IGNORECASE,
)
_CALL_RE = re.compile(r"\b(?P<w>spoke by (?:tele)?phone|(?:tele)?phone call)\b", re.IGNORECASE)
_MODAL_RE = re.compile(
    r"\b(?:could|would|may|might|will|shall|to|likely to|plans? to|wants? to|expected to|"
    r"proposed|proposes|scheduling|schedule|continue|continuing|resume)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_PARTIES_RE = re.compile(
    r"\b(?:(?P<n>two|three|four|five|six)[- ](?:party|way|nation|country|sided)|"
    r"(?P<a>bilateral|trilateral|tripartite|quadrilateral|quadripartite))\s+"
    r"(?:meeting|meetings|talks|summit|format)",
    re.IGNORECASE,
)
_JOIN_RE = re.compile(r"\b(?:also )?joined the (?:talks|meeting|summit)\b", re.IGNORECASE)
_MONTH_NAMES = "|".join(_MONTHS)
_DATE_RE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_NAMES}) (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}) (?P<m2>{_MONTH_NAMES}),? (?P<y2>\d{{4}})"
    rf"|(?:(?:early|mid|late|in) )(?P<m3>{_MONTH_NAMES}),? (?P<y3>\d{{4}}))\b",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(r"\b(?:on |last |this )?(?P<d>" + "|".join(_WEEKDAYS) + r")\b", re.I)
_SPEECH = (
    r"said|says|reported|reports|stated|announced|declared|noted|notes|added|told|confirmed|"
    r"indicated|stressed|emphasi[sz]ed|asserted|warned|insisted|denied"
)
# A capital is its government when it acts or owns a stance: "Berlin had proposed",
# "Paris' version", "Berlin's occupation".
_GOVERNMENT_ACT_RE = re.compile(
    r"(?:(?:’s|'s|’|')\s+(?P<noun>version|account|position|stance|view|proposal|statement|demands?|"
    r"offer|decision|plans?|side|occupation|policy|response|backing|support|cooperation|"
    r"government)\b|\s+(?:has\s+|had\s+|have\s+)?(?P<verb>proposed|said|says|insists|insisted|"
    r"wants|wanted|considers|considered|seeks|sought|demands|demanded|accused|rejected|agreed|"
    r"reaffirmed|announced|denied|warned|urged|would|will|refused|approved)\b)"
)
_LOCATIVE_RE = re.compile(r"\b(?:in|at|to|from|near|into|of|via)\s+$", re.IGNORECASE)
_GOVERNMENT_SPEECH = {
    "proposed",
    "said",
    "says",
    "insists",
    "insisted",
    "demands",
    "demanded",
    "accused",
    "rejected",
    "reaffirmed",
    "announced",
    "denied",
    "warned",
    "urged",
}
_FORMER_RE = re.compile(r"\b(?:former|ex|late|then|outgoing|acting)[- ]?\s*$", re.IGNORECASE)
# A role word followed by a lower-case noun is an adjective: "official news agency".
_ADJECTIVAL_RE = re.compile(r"\s+(?!of\b|and\b|or\b|in\b|at\b|for\b|to\b|on\b|with\b)[a-z]{3,}")
_PRONOUN_SAID_RE = re.compile(rf"\b(?P<p>he|she) (?:{_SPEECH})\b", re.IGNORECASE)


_WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Roles:
    """The role scheme: each surface form (lower case) -> role id."""

    by_label: dict[str, str]
    pattern: re.Pattern[str]
    pref_labels: dict[str, str]
    #: The first word of every surface form, lower case.
    first_words: frozenset[str] = frozenset()

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of :attr:`pattern` in ``text``, as ``pattern.finditer`` gives them, but
        tried only where a word that begins some role starts (much faster on long texts)."""
        end = 0
        for word in _WORD_RE.finditer(text):
            if word.start() < end or word.group().lower() not in self.first_words:
                continue
            match = self.pattern.match(text, word.start())
            if match is not None:
                end = match.end()
                yield match


@cache
def load_roles() -> Roles:
    """Read ``ontology/roles.ttl`` (packaged as ``kg.ontology``)."""
    from importlib import resources

    import pyoxigraph as ox

    data = (resources.files("kg.ontology") / "roles.ttl").read_bytes()
    alt = "http://www.w3.org/2004/02/skos/core#altLabel"
    pref = "http://www.w3.org/2004/02/skos/core#prefLabel"
    by_label: dict[str, str] = {}
    pref_labels: dict[str, str] = {}
    for triple in ox.parse(data, format=ox.RdfFormat.TURTLE):
        if not isinstance(triple.object, ox.Literal):
            continue
        role = triple.subject.value.removeprefix(ROLE_NS)
        if triple.predicate.value == alt:
            by_label[triple.object.value.lower()] = role
        elif triple.predicate.value == pref:
            pref_labels[role] = triple.object.value
    pattern = re.compile(r"\b(?P<role>" + phrase_regex(by_label) + r")\b(?!-)", re.IGNORECASE)
    first = frozenset(m.group().lower() for label in by_label if (m := _WORD_RE.match(label)))
    return Roles(by_label, pattern, pref_labels, first)


def phrase_regex(phrases: Iterable[str]) -> str:
    """One regular expression for many phrases, as a tree of their words ("minister" once,
    then "of defence", "of finance", ...): Python's engine tries a flat alternation of 300
    phrases at every word, which made finding roles the slowest rule.

    Where one phrase continues another ("minister", "minister of defence"), the longer is tried
    first, as in an alternation sorted longest first; words are joined by any white space.
    """
    tree: dict[str, Any] = {}
    for phrase in phrases:
        node = tree
        for word in phrase.split(" "):
            node = node.setdefault(word, {})
        node[""] = {}  # a phrase ends here

    def alternation(node: dict[str, Any]) -> str:
        parts = []
        for word in sorted((w for w in node if w), key=lambda w: (-len(w), w)):
            child = node[word]
            if any(child):
                more = r"\s+" + alternation(child)
                parts.append(re.escape(word) + (f"(?:{more})?" if "" in child else more))
            else:
                parts.append(re.escape(word))
        return "(?:" + "|".join(parts) + ")"

    return alternation(tree)


def _role_id(roles: Roles, text: str) -> str:
    return roles.by_label[re.sub(r"\s+", " ", text.lower())]


_SPACE_AND_THE_RE = re.compile(r"\s*(?:the\s+)?", re.IGNORECASE)


class _Article:
    """An article's text and mentions, with lookups the rules share."""

    def __init__(self, ex: Extraction, gaz: Gazetteer) -> None:
        self.ex = ex
        self.text = ex.article.text
        self.gaz = gaz
        self.mentions = sorted(ex.mentions, key=lambda m: m.start)
        self.by_start = {m.start: m for m in self.mentions}
        self.by_end = {m.end: m for m in self.mentions}
        self.starts = [m.start for m in self.mentions]
        self.sentence_ends = [s.end for s in ex.sentences]

    def mention_at(self, pos: int) -> Mention | None:
        """The mention starting at ``pos`` after skipping spaces and an article."""
        match = _SPACE_AND_THE_RE.match(self.text, pos)
        return self.by_start.get(match.end() if match else pos)

    def mention_ending(self, pos: int) -> Mention | None:
        """The mention ending at ``pos``, a possessive or spaces allowed in between."""
        head = self.text[max(0, pos - 3) : pos]
        for cut in (0, len(head) - len(head.rstrip()), 2, 1):
            if pos - cut in self.by_end:
                return self.by_end[pos - cut]
        return None

    def in_sentence(self, index: int, types: Sequence[str] | None = None) -> list[Mention]:
        sentence = self.ex.sentences[index]
        first = bisect.bisect_left(self.starts, sentence.start)
        last = bisect.bisect_left(self.starts, sentence.end)
        return [m for m in self.mentions[first:last] if types is None or m.type in types]

    def country_of_word(self, word: str) -> str | None:
        word = re.sub(r"(?:’s|'s|’|')$", "", word.strip())
        hit = self.gaz.demonym(word) or self.gaz.country(word)
        return hit.iso if hit else None


def _qualifier(art: _Article, role_start: int) -> tuple[Offsets | None, str | None]:
    """What a role is of, from the words right before it: "French", "Spain's", "Le Monde's"."""
    before = art.text[max(0, role_start - 60) : role_start]
    mention = art.mention_ending(role_start - (len(before) - len(before.rstrip())))
    if (
        mention is not None
        and mention.end > role_start - 4
        and mention.type
        in ("Country", "GovernmentOrganization", "Organization", "NewsMediaOrganization")
    ):
        return (mention.start, mention.end), None
    word = re.search(r"([A-Z][\w’'-]+)\s+$", before)
    if word:
        iso = art.country_of_word(word.group(1))
        if iso:
            return None, iso
    return None, None


_OF_RE = re.compile(r"\s+of\s+(?:its\s+|the\s+|their\s+|his\s+|her\s+)?")
_ACRONYM_COMMA_RE = re.compile(r"(?:\s*\([A-Z]{2,8}\))?,\s*")
_SPACES_RE = re.compile(r" *")
_APPOSITIVE_RE = re.compile(r"(?P<p>)\s*,\s+(?:the|a)\s+(?:[A-Z][\w’'-]+\s+)?$")


def find_positions(art: _Article, roles: Roles) -> list[Position]:
    """Positions held, by the patterns in the module docstring."""
    found: list[Position] = []
    aid = art.ex.article.id
    text = art.text
    for match in roles.finditer(text):
        role = _role_id(roles, match.group("role"))
        start, end = match.span("role")
        if _ADJECTIVAL_RE.match(text, end):
            continue  # "official news agency", "chief executive officer" is caught whole
        if text[end : end + 1] in ("s",) or _FORMER_RE.search(text[max(0, start - 12) : start]):
            continue  # plural, or a former holder
        sentence = _sentence_index(art, start)
        after = art.mention_at(end)
        # "of ORG (ACR), PERSON": the head of an organisation.
        of_org = _OF_RE.match(text, end)
        if of_org and after is None:
            org = art.by_start.get(of_org.end())
            if org is not None and org.type != "Person":
                tail = _ACRONYM_COMMA_RE.match(text, org.end)
                person = art.by_start.get(tail.end()) if tail else None
                if person is not None and person.type == "Person":
                    found.append(
                        Position(
                            aid,
                            sentence,
                            (person.start, person.end),
                            role,
                            (org.start, org.end),
                            None,
                            f"position:role-of-org-name@{RULES_VERSION}",
                        )
                    )
                    continue
        of, of_country = _qualifier(art, start)
        # "ROLE PERSON": "German Foreign Minister Annalena Baerbock".
        direct = art.by_start.get(_SPACES_RE.match(text, end).end())  # type: ignore[union-attr]
        if direct is not None and direct.type == "Person" and (of or of_country):
            found.append(
                Position(
                    aid,
                    sentence,
                    (direct.start, direct.end),
                    role,
                    of,
                    of_country,
                    f"position:title-name@{RULES_VERSION}",
                )
            )
            continue
        # "PERSON, the ROLE": "Penny Wong, the Australian Foreign Minister".
        # (Searched in the stretch just before the role: the appositive is a few words long.)
        lead = _APPOSITIVE_RE.search(text, max(0, start - 160), start)
        if lead:
            person = art.mention_ending(lead.start())
            if person is not None and person.type == "Person" and (of or of_country):
                found.append(
                    Position(
                        aid,
                        sentence,
                        (person.start, person.end),
                        role,
                        of,
                        of_country,
                        f"position:name-appositive@{RULES_VERSION}",
                    )
                )
                continue
    found.extend(_counterparts(art, found))
    found.extend(_org_possessives(art, found))
    return _dedupe(found)


def _counterparts(art: _Article, positions: list[Position]) -> list[Position]:
    """ "his Italian counterpart, Guido Crosetto": the same role, of another country."""
    out = []
    pattern = re.compile(
        r"\b(?:(?:his|her|their|its)\s+)?(?P<c>[A-Z][\w’'-]+)\s+counterparts?,?\s+"
    )
    for match in pattern.finditer(art.text):
        person = art.by_start.get(match.end())
        iso = art.country_of_word(match.group("c"))
        if person is None or person.type != "Person" or iso is None:
            continue
        sentence = _sentence_index(art, match.start())
        earlier = [p for p in positions if p.sentence == sentence and p.holder[0] < match.start()]
        if earlier:
            out.append(
                Position(
                    art.ex.article.id,
                    sentence,
                    (person.start, person.end),
                    earlier[-1].role,
                    None,
                    iso,
                    f"position:counterpart@{RULES_VERSION}",
                )
            )
    return out


def _org_possessives(art: _Article, positions: list[Position]) -> list[Position]:
    """ "Le Monde's Anne Martin": a person of an organisation (a journalist of a news one)."""
    out = []
    held = {p.holder for p in positions}
    for m in art.mentions:
        if m.type not in ("Organization", "NewsMediaOrganization"):
            continue
        poss = re.match(r"(?:’s|'s)\s+", art.text[m.end :])
        person = art.by_start.get(m.end + poss.end()) if poss else None
        if person is None or person.type != "Person" or (person.start, person.end) in held:
            continue
        role = "journalist" if m.type == "NewsMediaOrganization" else "member"
        out.append(
            Position(
                art.ex.article.id,
                _sentence_index(art, m.start),
                (person.start, person.end),
                role,
                (m.start, m.end),
                None,
                f"position:org-possessive@{RULES_VERSION}",
            )
        )
    return out


def _dedupe(positions: list[Position]) -> list[Position]:
    seen: set[tuple[Offsets, str]] = set()
    out = []
    for p in sorted(positions, key=lambda p: (p.holder, p.rule)):
        if (p.holder, p.role) not in seen:
            seen.add((p.holder, p.role))
            out.append(p)
    return out


def _sentence_index(art: _Article, offset: int) -> int:
    """The sentence holding ``offset``, else the next one, else the last."""
    index = bisect.bisect_right(art.sentence_ends, offset)
    return min(index, max(0, len(art.ex.sentences) - 1))


def parse_date(text: str) -> str | None:
    """An explicit date in a sentence, as ``YYYY-MM-DD`` or ``YYYY-MM``."""
    match = _DATE_RE.search(text)
    if not match:
        return None
    g = match.groupdict()
    if g["y1"] or g["y2"]:
        year = int(g["y1"] or g["y2"])
        month = _MONTHS[(g["m1"] or g["m2"]).lower()]
        day = int(g["d1"] or g["d2"])
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    return f"{int(g['y3']):04d}-{_MONTHS[g['m3'].lower()]:02d}"


def resolve_weekday(weekday: str, published: str | None) -> str | None:
    """The date of "on Tuesday" in an article published on ``published`` (the latest such day
    on or before it); None when the article's date is unknown."""
    if not published:
        return None
    try:
        base = dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
    delta = (base.weekday() - _WEEKDAYS.index(weekday.lower())) % 7
    return (base - dt.timedelta(days=delta)).isoformat()


def _countries_in(
    art: _Article, start: int, end: int, participants: list[Mention], positions: list[Position]
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
        if _ADJECTIVAL_RE.match(sentence, match.end("role")):
            continue
        qualifier, iso = _qualifier(art, start + match.start("role"))
        if iso:
            countries.add(iso)  # "Spain's defence minister", "the French ministers"
        elif qualifier is not None:
            owner = art.by_start.get(qualifier[0])
            if owner is not None and owner.type == "Country" and owner.country:
                countries.add(owner.country)
    plural = r"(?:ministers|chiefs|officials|leaders|delegations|presidents|envoys)"
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


def find_events(art: _Article, positions: list[Position]) -> list[EventMention]:
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
        people = [p for p in people if not re.match(rf"\s+(?:{_SPEECH})\b", art.text[p.end :])]
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
        weekday = _WEEKDAY_RE.search(s_text)
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
    word = word.lower()
    if "phone" in word or "call" in word:
        return "call"
    if word.startswith("visit"):
        return "visit"
    return "meeting"


def find_claims(art: _Article) -> list[Claim]:
    """Attributed claims, by the cue patterns in the module docstring."""
    out: list[Claim] = []
    aid = art.ex.article.id
    text = art.text
    last_person: Mention | None = None
    for index, sentence in enumerate(art.ex.sentences):
        s, e = sentence.start, sentence.end
        s_text = text[s:e]
        found: tuple[Mention, int, int, str] | None = None
        # "..., according to (the ...) X."
        acc = re.search(r",?\s*according to\s+", s_text)
        if acc:
            claimant = _mention_near(art, s + acc.end(), e)
            if claimant is not None:
                found = (claimant, s, s + acc.start(), "according to")
        # "X said (that) ...", "..., X said", "X's statement said ..."
        if found is None:
            for m in art.in_sentence(index):
                cue = re.match(
                    rf"(?:(?:’s|'s)\s+statement\s+|\s+(?:news agency|agency|newspaper|daily|"
                    rf"broadcaster|channel)\s+)?\s*(?P<cue>{_SPEECH})\b(?:\s+on\s+\w+)?"
                    rf"(?:,?\s+citing\s+[^,.]+)?(?:\s+that)?\s*",
                    text[m.end : e],
                )
                if cue is None or m.type in ("Road",):
                    continue
                before = text[s : m.start].rstrip(" ,“”\"'’—-")
                before = re.sub(r"(?:,\s*|\s+)(?:the\s+)?$", "", before)
                after_start = m.end + cue.end()
                if e - after_start > 20:
                    found = (m, after_start, e, cue.group("cue"))
                elif len(before) > 20 and re.search(r"[,”\"]\s*(?:the\s+)?$", text[s : m.start]):
                    found = (m, s, s + len(before), cue.group("cue"))
                if found:
                    break
        # "The report, cited by X, notes that ..."
        if found is None:
            cited = re.search(r"cited by\s+", s_text)
            if cited:
                claimant = art.by_start.get(s + cited.end())
                rest = re.search(r"\b(?:notes|says|said|reports|claims) that\s+", s_text)
                if claimant is not None and rest:
                    found = (claimant, s + rest.end(), e, "cited by")
        # "..., she said": the last person quoted.
        if found is None and last_person is not None:
            pron = _PRONOUN_SAID_RE.search(s_text)
            if pron and pron.start() > 20:
                found = (last_person, s, s + pron.start(), pron.group(0).split()[-1])
        if found is None:
            continue
        claimant, c_start, c_end, cue_word = found
        c_start, c_end = _strip(text, c_start, c_end)
        if c_end - c_start < 10:
            continue
        government = None
        if claimant.type == "City" and claimant.country:
            country = art.gaz.countries.get(claimant.country)
            if country and country.capital and country.capital.lower() == claimant.text.lower():
                government = claimant.country  # "according to Paris": its government
        if claimant.type == "Person":
            last_person = claimant
        about = tuple(
            (m.start, m.end) for m in art.mentions if c_start <= m.start and m.end <= c_end
        )
        out.append(
            Claim(
                aid,
                index,
                c_start,
                c_end,
                (claimant.start, claimant.end),
                government,
                cue_word.lower(),
                about,
                f"claim:{cue_word.lower().split()[0]}@{RULES_VERSION}",
            )
        )
    return out


def _mention_near(art: _Article, pos: int, end: int) -> Mention | None:
    """The claimant after "according to": the first person or organisation in the phrase
    ("Italy's official news outlet, ANSA" -> ANSA), else the first place (a capital)."""
    near = [m for m in art.mentions if pos <= m.start < min(end, pos + 60) and m.type != "Road"]
    agents = [m for m in near if m.type not in ("Country", "City", "Place")]
    return agents[0] if agents else (near[0] if near else None)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n“”\"'‘’,—-":
        start += 1
    while end > start and text[end - 1] in " \t\n“”\"'‘’,—-.":
        end -= 1
    return start, end


def find_governments(art: _Article) -> tuple[list[tuple[Offsets, str]], list[Claim]]:
    """Capitals standing for their governments, and what those governments are said to say."""
    stands: list[tuple[Offsets, str]] = []
    claims: list[Claim] = []
    for m in art.mentions:
        if m.type != "City" or not m.country:
            continue
        country = art.gaz.countries.get(m.country)
        if country is None or not country.capital or country.capital.lower() != m.text.lower():
            continue
        act = _GOVERNMENT_ACT_RE.match(art.text, m.end)
        if act is None or _LOCATIVE_RE.search(art.text[max(0, m.start - 8) : m.start]):
            continue  # "chiefs in Vienna have agreed": the city is a place there
        stands.append(((m.start, m.end), m.country))
        verb = act.group("verb")
        if verb in _GOVERNMENT_SPEECH:
            index = _sentence_index(art, m.start)
            end = art.ex.sentences[index].end
            start, end = _strip(art.text, act.end(), end)
            if end - start >= 10:
                about = tuple(
                    (o.start, o.end) for o in art.mentions if start <= o.start and o.end <= end
                )
                claims.append(
                    Claim(
                        art.ex.article.id,
                        index,
                        start,
                        end,
                        (m.start, m.end),
                        m.country,
                        verb,
                        about,
                        f"claim:capital-{verb}@{RULES_VERSION}",
                    )
                )
    return stands, claims


def extract_facts(extraction: Extraction, *, gaz: Gazetteer | None = None) -> Facts:
    """Every position, event and claim one article states."""
    art = _Article(extraction, gaz or load_gazetteer())
    roles = load_roles()
    positions = find_positions(art, roles)
    stands, government_claims = find_governments(art)
    claims = find_claims(art)
    taken = {(c.start, c.end) for c in claims}
    claims += [c for c in government_claims if (c.start, c.end) not in taken]
    return Facts(
        article_id=extraction.article.id,
        positions=tuple(positions),
        events=tuple(find_events(art, positions)),
        claims=tuple(sorted(claims, key=lambda c: (c.start, c.end))),
        stands_for=tuple(stands),
    )
